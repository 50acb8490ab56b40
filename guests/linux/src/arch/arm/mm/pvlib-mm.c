// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory management of Linux as a para-virtualized guest of the pvlib
 * reference hypervisor (CONFIG_PVLIB_GUEST): page-table writes through
 * MMU_UPDATE (batched in lazy MMU mode), pinning, TLB and cache
 * maintenance through MMU_MAINT, the PTE-page pair of asm/pvlib-mm.h, and
 * a boot-time self-test of all of it. Every refusal the kernel did not ask
 * for is a BUG with the hypervisor's status printed: a page-table update
 * that silently did not happen would leave Linux's view and the hardware's
 * apart. pvlib's docs/linux.md describes the port.
 */
#include <linux/bug.h>
#include <linux/dma-direction.h>
#include <linux/gfp.h>
#include <linux/completion.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <asm/fixmap.h>
#include <asm/memory.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/pvlib-mm.h>
#include <asm/tlbflush.h>

#define PVLIB_MM_BUG(fmt, ...)						\
	do {								\
		pr_emerg("pvlib-mm: " fmt "\n", ##__VA_ARGS__);		\
		BUG();							\
	} while (0)

/*
 * The queue of lazy MMU mode: requests wait here while lazy, and go in
 * one MMU_UPDATE when the mode is left, when the queue is full, or before
 * any other MMU hypercall (so that a pin, a TLB flush or a switch sees
 * every earlier update). Uniprocessor, and the callers of the mode run
 * with the page-table lock held: no locking of its own.
 */
#define PVLIB_MMU_QUEUE	64
static struct pvlib_mmu_req pvlib_mmu_q[PVLIB_MMU_QUEUE];
static unsigned int pvlib_mmu_qlen;
static unsigned int pvlib_mmu_lazy;
/* MMU_UPDATE hypercalls made and requests sent (the self-test's count). */
static unsigned long pvlib_mmu_calls, pvlib_mmu_reqs;

static long pvlib_mmu_update_raw(const struct pvlib_mmu_req *r, unsigned int n,
				 u32 *done)
{
	*done = 0;
	pvlib_mmu_calls++;
	pvlib_mmu_reqs += n;
	return pvlib_hypercall3(PVLIB_HC_MMU_UPDATE, (unsigned long)r, n,
				(unsigned long)done);
}

void pvlib_mmu_flush(void)
{
	unsigned int n = pvlib_mmu_qlen;
	u32 done;
	long rc, again;

	if (!n)
		return;
	pvlib_mmu_qlen = 0;
	/*
	 * No done count: the status alone says whether every request was
	 * applied (the hypervisor stops at the first refusal and returns its
	 * error), and a count to write back is one more guest-memory copy,
	 * with its table walk, per call (docs/benchmarks.md). A refusal is a
	 * bug: the batch is made again with a count, which finds the refused
	 * request for the report (the requests before it write the values
	 * they wrote already).
	 */
	pvlib_mmu_calls++;
	pvlib_mmu_reqs += n;
	rc = pvlib_hypercall3(PVLIB_HC_MMU_UPDATE, (unsigned long)pvlib_mmu_q, n, 0);
	if (rc == 0)
		return;
	again = pvlib_mmu_update_raw(pvlib_mmu_q, n, &done);
	PVLIB_MM_BUG("MMU_UPDATE refused: status %ld (again: %ld), %u of %u done, slot 0x%08x value 0x%08x",
		     rc, again, done, n, pvlib_mmu_q[done < n ? done : 0].ptr,
		     pvlib_mmu_q[done < n ? done : 0].val);
}

void pvlib_mmu_queue(phys_addr_t slot, u32 val)
{
	pvlib_mmu_q[pvlib_mmu_qlen].ptr = (u32)slot;
	pvlib_mmu_q[pvlib_mmu_qlen].val = val;
	pvlib_mmu_qlen++;
	if (!pvlib_mmu_lazy || pvlib_mmu_qlen == PVLIB_MMU_QUEUE)
		pvlib_mmu_flush();
}

void pvlib_lazy_mmu_enter(void)
{
	pvlib_mmu_lazy++;
}

void pvlib_lazy_mmu_leave(void)
{
	if (WARN_ON(!pvlib_mmu_lazy))
		return;
	if (--pvlib_mmu_lazy == 0)
		pvlib_mmu_flush();
}

void pvlib_mmu_pin(unsigned int kind, phys_addr_t ma)
{
	long rc;

	pvlib_mmu_flush();
	rc = pvlib_hypercall3(PVLIB_HC_MMU_PIN, kind, ma, 0);
	if (rc < 0)
		PVLIB_MM_BUG("MMU_PIN of 0x%08llx (kind %u) refused: status %ld",
			     (unsigned long long)ma, kind, rc);
}

void pvlib_mmu_unpin(phys_addr_t ma)
{
	long rc;

	pvlib_mmu_flush();
	rc = pvlib_hypercall3(PVLIB_HC_MMU_UNPIN, ma, 0, 0);
	if (rc < 0)
		PVLIB_MM_BUG("MMU_UNPIN of 0x%08llx refused: status %ld",
			     (unsigned long long)ma, rc);
}

/* TLB or cache maintenance of [va, va + len), in pieces the hypervisor
 * takes (PVLIB_MAINT_LEN_MAX); len is ignored for TLB_ALL. */
void pvlib_mmu_maint(unsigned int op, unsigned long va, unsigned long len)
{
	long rc;

	pvlib_mmu_flush();
	do {
		unsigned long n = min_t(unsigned long, len, PVLIB_MAINT_LEN_MAX);

		rc = pvlib_hypercall3(PVLIB_HC_MMU_MAINT, op, va, n);
		if (rc < 0)
			PVLIB_MM_BUG("MMU_MAINT %u of 0x%08lx+0x%lx refused: status %ld",
				     op, va, n, rc);
		va += n;
		len -= n;
	} while (len && op != PVLIB_MAINT_TLB_ALL && op != PVLIB_MAINT_TLB_PAGE);
}

void pvlib_flush_kern_dcache_area(void *addr, size_t size)
{
	pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN_INVAL, (unsigned long)addr, size);
}

/*
 * The whole-cache operations of proc-arm926.S (patch 0010): the ARM926's
 * caches are virtually indexed and tagged, so Linux cleans and invalidates
 * all of them when mappings change under them (vmalloc, vunmap, fork,
 * exit). The hypervisor does it (guest ABI 6: MMU_MAINT's whole-cache
 * operations, with no address). A user range goes the same way: it may be
 * mapped only in part (a range operation refuses an unmapped page), and
 * on this CPU Linux itself flushes everything above CACHE_DLIMIT.
 */
void pvlib_flush_cache_all(void)
{
	pvlib_mmu_maint(PVLIB_MAINT_CACHE_ALL, 0, 0);
}

void pvlib_flush_icache_all(void)
{
	pvlib_mmu_maint(PVLIB_MAINT_ICACHE_ALL, 0, 0);
}

void pvlib_flush_user_cache_range(unsigned long start, unsigned long end,
				  unsigned int flags)
{
	pvlib_mmu_maint(PVLIB_MAINT_CACHE_ALL, 0, 0);
}

/* The cache and TLB operations of proc-arm926.S and tlb-v4wbi.S, which
 * branch here (the CP15 operations they replace trap in USR mode). */
void pvlib_dcache_clean_area(void *addr, int size)
{
	if (size > 0)
		pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN, (unsigned long)addr, size);
}

void pvlib_coherent_kern_range(unsigned long start, unsigned long end)
{
	if (end > start)
		pvlib_mmu_maint(PVLIB_MAINT_SYNC_ICACHE, start, end - start);
}

/* A user range may be unmapped in part: the caller gets -EFAULT (as the
 * native one would take a fault), not a BUG. */
int pvlib_coherent_user_range(unsigned long start, unsigned long end)
{
	pvlib_mmu_flush();
	while (start < end) {
		unsigned long n = min_t(unsigned long, end - start, PVLIB_MAINT_LEN_MAX);

		if (pvlib_hypercall3(PVLIB_HC_MMU_MAINT, PVLIB_MAINT_SYNC_ICACHE, start, n) < 0)
			return -EFAULT;
		start += n;
	}
	return 0;
}

/* DMA: there is no invalidate without clean (it could drop data the
 * guest may not change), so "invalidate" is clean and invalidate. */
void pvlib_dma_map_area(const void *start, size_t size, int dir)
{
	if (size)
		pvlib_mmu_maint(dir == DMA_TO_DEVICE ? PVLIB_MAINT_CACHE_CLEAN :
				PVLIB_MAINT_CACHE_CLEAN_INVAL, (unsigned long)start, size);
}

void pvlib_dma_unmap_area(const void *start, size_t size, int dir)
{
	if (size && dir != DMA_TO_DEVICE)
		pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN_INVAL, (unsigned long)start, size);
}

void pvlib_dma_flush_range(const void *start, const void *end)
{
	if (end > start)
		pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN_INVAL, (unsigned long)start,
				(unsigned long)end - (unsigned long)start);
}

/* TLB ranges: page by page, or the whole TLB past a few pages (ARMv5 has
 * no ASIDs: the hypervisor forgets every translation of the domain). */
#define PVLIB_TLB_PAGES_MAX	16

void pvlib_flush_kern_tlb_range(unsigned long start, unsigned long end)
{
	start &= PAGE_MASK;
	if (end - start > PVLIB_TLB_PAGES_MAX * PAGE_SIZE) {
		pvlib_mmu_maint(PVLIB_MAINT_TLB_ALL, 0, 0);
		return;
	}
	for (; start < end; start += PAGE_SIZE)
		pvlib_mmu_maint(PVLIB_MAINT_TLB_PAGE, start, 0);
}

void pvlib_flush_user_tlb_range(unsigned long start, unsigned long end,
				struct vm_area_struct *vma)
{
	if (vma->vm_mm != current->active_mm)
		return;	/* not loaded: its entries went at the last switch */
	pvlib_flush_kern_tlb_range(start, end);
}

/* The L1 the hypervisor last loaded for us, NULL for the one it started
 * us on (swapper_pg_dir): what the translation table base register says
 * natively, which user mode cannot read. */
static pgd_t *pvlib_loaded_pgd;

/* switch_mm: the hypervisor loads the L1 (it must be pinned), cleaning
 * and invalidating the VIVT caches and the TLB on the way. */
void pvlib_switch_mm(unsigned long pgd_phys, struct mm_struct *mm)
{
	long rc;

	pvlib_mmu_flush();
	rc = pvlib_hypercall3(PVLIB_HC_MMU_SWITCH_BASE, pgd_phys, 0, 0);
	if (rc < 0)
		PVLIB_MM_BUG("MMU_SWITCH_BASE to 0x%08lx refused: status %ld", pgd_phys, rc);
	pvlib_loaded_pgd = (pgd_t *)phys_to_virt(pgd_phys);
}

/*
 * cpu_get_pgd() for do_translation_fault (patch 0013): the L1 in use. Not
 * current->active_mm's: on this CPU (no ASIDs) switch_mm with interrupts
 * off only marks the switch, which finish_arch_post_lock_switch makes
 * later with them on, so for a while active_mm is the next task's and the
 * loaded L1 the previous one's.
 */
pgd_t *pvlib_cpu_get_pgd(void)
{
	return pvlib_loaded_pgd ? pvlib_loaded_pgd : swapper_pg_dir;
}

#ifdef CONFIG_CPU_V7
/*
 * ARMv7 (what proc-v7-2level.S's set_pte_ext computes natively, in
 * lib/mmu's ARMv7 form): a fault entry unless present, young and not
 * PROT_NONE; read/write only for a writable page already dirty; XN as
 * Linux says; every Linux memory type is the one RAM type (a guest has no
 * device, and a physically tagged cache needs no uncached alias).
 */
u32 pvlib_hw_pte(pte_t pte)
{
	pteval_t v = pte_val(pte);
	u32 hw;

	if ((v & (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_NONE)) != (L_PTE_PRESENT | L_PTE_YOUNG))
		return 0;
	hw = (v & PAGE_MASK) | PVLIB_HW_WB | PVLIB_HW_SMALL;
	hw |= (v & (L_PTE_RDONLY | L_PTE_DIRTY)) == L_PTE_DIRTY ? PVLIB_HW_AP_RW : PVLIB_HW_AP_RO;
	if (v & L_PTE_XN)
		hw |= PVLIB_HW_XN;
	return hw;
}
#else
/*
 * The hardware entry for a Linux PTE (what proc-arm926.S's set_pte_ext
 * computes natively), for a kernel that runs in USR mode: kernel and
 * user are told apart by the ARM domain of the L1 entry, so the AP bits
 * only say read-only (AP 00, in every mode with SCTLR.R = 1) or
 * read/write (AP 11, only for a writable page already dirty, so that the
 * first write faults and Linux marks it). Not present, not young or
 * PROT_NONE (L_PTE_NONE): a fault entry. Natively ARMv5 makes a PROT_NONE
 * page kernel-only through AP; here AP cannot tell kernel from user, so it
 * faults for both, as ARMv7 does natively (the kernel reaches such a page
 * through its linear map). C and B come from Linux's memory type.
 */
u32 pvlib_hw_pte(pte_t pte)
{
	pteval_t v = pte_val(pte);
	u32 hw;

	if ((v & (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_NONE)) != (L_PTE_PRESENT | L_PTE_YOUNG))
		return 0;
	hw = (v & PAGE_MASK) | (v & PVLIB_HW_CB_MASK) | PVLIB_HW_SMALL;
	if ((v & (L_PTE_RDONLY | L_PTE_DIRTY)) == L_PTE_DIRTY)
		hw |= PVLIB_HW_AP_RW;
	return hw;
}
#endif

/* The hardware slot of the Linux entry at ptep: the next page of its pair. */
static phys_addr_t pvlib_hw_slot(pte_t *ptep)
{
	return __pa(ptep) + PAGE_SIZE;
}

void pvlib_set_pte_ext(pte_t *ptep, pte_t pte, unsigned int ext)
{
	*ptep = pte;	/* Linux's value: its own memory */
	pvlib_mmu_queue(pvlib_hw_slot(ptep), pvlib_hw_pte(pte));
}

/*
 * A Linux pmd is two L1 entries: the two coarse tables of the pair's
 * hardware frame hw (pinned). A pmd is written at once, even in lazy MMU
 * mode: Linux reads a pmd back right after setting it (pte_offset_kernel
 * after pmd_populate), and it has no shadow copy to read in the meantime.
 */
void pvlib_pmd_populate(pmd_t *pmdp, phys_addr_t hw, pmdval_t prot)
{
	/* Bit 4 of a table pointer is should-be-zero on ARMv7. */
	if (IS_ENABLED(CONFIG_CPU_V7))
		prot &= ~PMD_BIT4;
	pvlib_mmu_queue(__pa(pmdp), (u32)(hw | prot));
	pvlib_mmu_queue(__pa(pmdp) + sizeof(pmd_t), (u32)(hw + 256 * sizeof(u32)) | prot);
	pvlib_mmu_flush();
}

void pvlib_pmd_clear(pmd_t *pmdp)
{
	pvlib_mmu_queue(__pa(pmdp), 0);
	pvlib_mmu_queue(__pa(pmdp) + sizeof(pmd_t), 0);
	pvlib_mmu_flush();
}

void pvlib_copy_pmd(pmd_t *pmdpd, const pmd_t *pmdps)
{
	pvlib_mmu_queue(__pa(pmdpd), (u32)pmd_val(pmdps[0]));
	pvlib_mmu_queue(__pa(pmdpd) + sizeof(pmd_t), (u32)pmd_val(pmdps[1]));
	pvlib_mmu_flush();
}

/*
 * The linear map's entries are the hypervisor-built coarse tables of the
 * Linux layout: frame i of the domain at start_info.l2_ma + 4 i. A frame
 * that becomes a table is made read-only there first (and uncached: Linux
 * reads it, the hypervisor writes it through another address of a VIVT
 * cache), since lib/mmu pins no frame with a writable mapping; it gets its
 * writable entry back once unpinned.
 */
static phys_addr_t pvlib_linear_slot(unsigned long va)
{
	return pvlib_start_info->l2_ma + ((va - PAGE_OFFSET) >> PAGE_SHIFT) * sizeof(u32);
}

void pvlib_linear_protect(unsigned long va, unsigned int pages)
{
	unsigned int i;

	/* Lines written through the writable alias go to memory first. */
	pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN, va, pages * PAGE_SIZE);
	for (i = 0; i < pages; i++, va += PAGE_SIZE)
		pvlib_mmu_queue(pvlib_linear_slot(va),
				(u32)__pa(va) | PVLIB_HW_AP_RO | PVLIB_HW_NC | PVLIB_HW_SMALL);
	pvlib_mmu_flush();
}

void pvlib_linear_unprotect(unsigned long va, unsigned int pages)
{
	unsigned int i;

	for (i = 0; i < pages; i++, va += PAGE_SIZE)
		pvlib_mmu_queue(pvlib_linear_slot(va),
				(u32)__pa(va) | PVLIB_HW_AP_RW | PVLIB_HW_WB | PVLIB_HW_SMALL);
	pvlib_mmu_flush();
}

/* A PTE table: the pair of asm/pvlib-mm.h, both pages zeroed, the
 * hardware frame read-only in the linear map and pinned. */
struct page *pvlib_pte_alloc(gfp_t gfp)
{
	struct page *pair = alloc_pages(gfp | __GFP_ZERO, 1);
	unsigned long hw;

	if (!pair)
		return NULL;
	hw = (unsigned long)page_address(pair + 1);
	pvlib_linear_protect(hw, 1);
	pvlib_mmu_pin(PVLIB_PIN_L2, __pa(hw));
	return pair;
}

void pvlib_pte_free(struct page *pair)
{
	unsigned long hw = (unsigned long)page_address(pair + 1);

	pvlib_mmu_unpin(__pa(hw));
	pvlib_linear_unprotect(hw, 1);
	__free_pages(pair, 1);
}

/* A new L1 (pgd_alloc, after its entries were written): read-only in the
 * linear map, then pinned; pgd_free takes it back. */
void pvlib_pgd_pin(pgd_t *pgd)
{
	pvlib_linear_protect((unsigned long)pgd, PTRS_PER_PGD * sizeof(pgd_t) / PAGE_SIZE);
	pvlib_mmu_pin(PVLIB_PIN_L1, __pa(pgd));
}

void pvlib_pgd_unpin(pgd_t *pgd)
{
	pvlib_mmu_unpin(__pa(pgd));
	pvlib_linear_unprotect((unsigned long)pgd, PTRS_PER_PGD * sizeof(pgd_t) / PAGE_SIZE);
}

/*
 * The boot-time self-test (before the parking point): the path end to end
 * in the kernel's own tables, through the kernel's own entry points
 * (pte_alloc_one_kernel, pmd_populate_kernel, set_pte_at, pte_clear,
 * pmd_clear, pte_free_kernel, the lazy MMU hooks, flush_tlb_kernel_*,
 * pgd_alloc/pgd_free, cpu_switch_mm, __set_fixmap). It reads an L1 entry the hypervisor
 * wrote (the tables are readable), checks that a writable mapping of a
 * pinned table is refused, builds a PTE table at a vmalloc-area address
 * nothing uses yet, maps a page there read/write and again read-only in
 * one lazy batch, reads and writes through them with the cache maintenance
 * a VIVT alias needs, switches to a new L1 from pgd_alloc that also holds a
 * user PTE table and reads through both, reads the start info through a fixmap slot, and
 * takes everything down again. Any failure is a BUG; success
 * prints the lines the system test checks.
 */
#define PVLIB_MM_TEST_VA	(VMALLOC_END - PMD_SIZE)
/* A kernel table pointer as the hypervisor stores it (no bit 4 on ARMv7). */
#define PVLIB_KERNEL_TABLE	(_PAGE_KERNEL_TABLE & ~(IS_ENABLED(CONFIG_CPU_V7) ? PMD_BIT4 : 0))
#define PVLIB_MM_PATTERN	0x5056cafeu
#define PVLIB_MM_USER_VA	0x00400000UL	/* a user address (not in pmd 0) */

/*
 * Step 9 of the self-test, in a kernel thread of its own (kthread_use_mm
 * is for kernel threads): a vmalloc area whose pmd is newer than an L1.
 * A new mm's L1 (pgd_alloc copies the kernel's entries when the mm is
 * made) is loaded, then one page is vmalloc'ed in the 2 MiB that the
 * earlier steps left empty, so init_mm gets a pmd this L1 lacks. The
 * first access through it is a translation fault, which
 * do_translation_fault fixes by copying init_mm's pmd into the L1 in use
 * (patch 0013: pvlib_cpu_get_pgd, since TTBR cannot be read). Natively
 * every process that outlives a new vmalloc pmd goes this way.
 */
struct pvlib_mm_late {
	struct completion done;
	unsigned long va;
	bool was_none, now_present, read_back;
	int err;
};

static int __init pvlib_mm_late_pmd(void *arg)
{
	struct pvlib_mm_late *t = arg;
	const unsigned long start = PVLIB_MM_TEST_VA & PMD_MASK;
	struct mm_struct *mm = mm_alloc();
	volatile u32 *v;
	pmd_t *pmd;

	if (!mm) {
		t->err = -ENOMEM;
		goto out;
	}
	kthread_use_mm(mm);
	v = __vmalloc_node_range(PAGE_SIZE, PAGE_SIZE, start, start + PMD_SIZE, GFP_KERNEL,
				 PAGE_KERNEL, 0, NUMA_NO_NODE, __builtin_return_address(0));
	if (!v) {
		t->err = -ENOMEM;
		goto unuse;
	}
	t->va = (unsigned long)v;
	pmd = pmd_off(mm, t->va) + ((t->va >> SECTION_SHIFT) & 1);
	t->was_none = pmd_none(*pmd);
	v[0] = PVLIB_MM_PATTERN;	/* the translation fault */
	t->now_present = !pmd_none(*pmd);
	t->read_back = v[0] == PVLIB_MM_PATTERN;
	vfree((void *)v);
unuse:
	kthread_unuse_mm(mm);
	mmput(mm);
out:
	complete(&t->done);
	return 0;
}

static void __init pvlib_mm_selftest_late_pmd(void)
{
	struct pvlib_mm_late t = { .err = 0 };
	struct task_struct *k;

	init_completion(&t.done);
	k = kthread_run(pvlib_mm_late_pmd, &t, "pvlib-mm-test");
	if (IS_ERR(k))
		PVLIB_MM_BUG("self-test: no thread for the late pmd: %ld", PTR_ERR(k));
	wait_for_completion(&t.done);
	if (t.err || !t.was_none || !t.now_present || !t.read_back)
		PVLIB_MM_BUG("self-test: late pmd at 0x%08lx: error %d, absent before %d, copied %d, read back %d",
			     t.va, t.err, t.was_none, t.now_present, t.read_back);
	pr_info("pvlib-mm: vmalloc pmd newer than an L1: fault at 0x%08lx, pmd copied into the loaded L1, read back\n",
		t.va);
}

void __init pvlib_mm_selftest(void)
{
	const unsigned long va = PVLIB_MM_TEST_VA;
	pmd_t *pmdp = pmd_off_k(va);
	pmd_t *linear = pmd_off_k(PAGE_OFFSET);
	struct page *pair, *data;
	volatile u32 *rw, *ro, *lin;
	pte_t *ptes;
	pgd_t *pgd;
	pmd_t *upmd;
	pgtable_t upt;
	pte_t *uptep;
	volatile u32 *uptr;
	const struct pvlib_start_info *si;
	unsigned long calls;
	struct pvlib_mmu_req bad;
	u32 done, want;
	long rc;

	/* 1. The tables are readable: the L1 entry of PAGE_OFFSET is the
	 * hypervisor's coarse pointer to start_info.l2_ma. */
	want = pvlib_start_info->l2_ma | PVLIB_KERNEL_TABLE;
	if ((u32)pmd_val(linear[0]) != want)
		PVLIB_MM_BUG("self-test: swapper_pg_dir[0x%lx] reads 0x%08x, want 0x%08x",
			     PAGE_OFFSET >> 20, (u32)pmd_val(linear[0]), want);
	if (!pmd_none(pmdp[0]) || !pmd_none(pmdp[1]))
		PVLIB_MM_BUG("self-test: 0x%08lx is mapped already", va);
	pr_info("pvlib-mm: page tables readable: L1[0x%lx] = 0x%08x\n",
		PAGE_OFFSET >> 20, (u32)pmd_val(linear[0]));

	/* 2. A PTE table (the kernel's pte_alloc_one_kernel: the pair,
	 * pinned); a data page with a pattern. */
	ptes = pte_alloc_one_kernel(&init_mm);
	data = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!ptes || !data)
		PVLIB_MM_BUG("self-test: no memory");
	pair = virt_to_page(ptes);
	lin = page_address(data);
	lin[0] = PVLIB_MM_PATTERN;
	pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN, (unsigned long)lin, PAGE_SIZE);

	/* 3. A writable mapping of the pinned hardware frame is refused. */
	bad.ptr = (u32)pvlib_linear_slot((unsigned long)page_address(pair + 1));
	bad.val = (u32)page_to_phys(pair + 1) | PVLIB_HW_AP_RW | PVLIB_HW_WB | PVLIB_HW_SMALL;
	rc = pvlib_mmu_update_raw(&bad, 1, &done);
	if (rc != PVLIB_ETYPE || done != 0)
		PVLIB_MM_BUG("self-test: writable mapping of a pinned table: status %ld, want %d",
			     rc, PVLIB_ETYPE);
	pr_info("pvlib-mm: writable mapping of a page-table frame refused (status %ld)\n", rc);

	/* 4. The kernel's pmd_populate_kernel (at once), then two set_pte_at
	 * in one lazy MMU section: one MMU_UPDATE for both. */
	pmd_populate_kernel(&init_mm, pmdp, ptes);
	calls = pvlib_mmu_calls;
	arch_enter_lazy_mmu_mode();
	set_pte_at(&init_mm, va, pte_offset_kernel(pmdp, va),
		   pfn_pte(page_to_pfn(data), PAGE_KERNEL));
	set_pte_at(&init_mm, va + PAGE_SIZE, pte_offset_kernel(pmdp, va + PAGE_SIZE),
		   pte_wrprotect(pfn_pte(page_to_pfn(data), PAGE_KERNEL)));
	arch_leave_lazy_mmu_mode();
	if (pvlib_mmu_calls - calls != 1)
		PVLIB_MM_BUG("self-test: lazy batch took %lu MMU_UPDATEs",
			     pvlib_mmu_calls - calls);
	/* The new pmd reads back through the linear map, and the kernel's
	 * walk finds Linux's half of the pair. */
	if ((u32)pmd_val(pmdp[1]) != (((u32)page_to_phys(pair + 1) + 1024) | PVLIB_KERNEL_TABLE))
		PVLIB_MM_BUG("self-test: pmd reads 0x%08x", (u32)pmd_val(pmdp[1]));
	if (pte_offset_kernel(pmdp, va) != ptes + pte_index(va) ||
	    pte_pfn(*pte_offset_kernel(pmdp, va)) != page_to_pfn(data))
		PVLIB_MM_BUG("self-test: pte_offset_kernel does not find the pair's PTEs");

	/* 5. Read through both, write through the writable one. */
	rw = (volatile u32 *)va;
	ro = (volatile u32 *)(va + PAGE_SIZE);
	if (rw[0] != PVLIB_MM_PATTERN || ro[0] != PVLIB_MM_PATTERN)
		PVLIB_MM_BUG("self-test: read 0x%08x and 0x%08x through the new mappings",
			     rw[0], ro[0]);
	rw[1] = ~PVLIB_MM_PATTERN;
	pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN, va, PAGE_SIZE);
	pvlib_mmu_maint(PVLIB_MAINT_CACHE_CLEAN_INVAL, (unsigned long)lin, PAGE_SIZE);
	if (lin[1] != ~PVLIB_MM_PATTERN)
		PVLIB_MM_BUG("self-test: write through the mapping not seen: 0x%08x", lin[1]);
	pr_info("pvlib-mm: mapped 0x%08lx in swapper_pg_dir (%lu MMU_UPDATE for 2 PTEs in lazy mode), read and written back\n",
		va, pvlib_mmu_calls - calls);

	/* 6. A new L1 (pgd_alloc: the kernel's entries, pinned) with a user
	 * PTE table of its own (pte_alloc_one, pmd_populate in the user ARM
	 * domain, set_pte_at of a user page), switched to and back: the
	 * kernel mapping and the user one both read through it. */
	pgd = pgd_alloc(&init_mm);
	if (!pgd)
		PVLIB_MM_BUG("self-test: pgd_alloc failed");
	upmd = pmd_offset(pud_offset(p4d_offset(pgd_offset_pgd(pgd, PVLIB_MM_USER_VA),
						 PVLIB_MM_USER_VA), PVLIB_MM_USER_VA),
			  PVLIB_MM_USER_VA);
	upt = pte_alloc_one(&init_mm);
	if (!upt)
		PVLIB_MM_BUG("self-test: pte_alloc_one failed");
	pmd_populate(&init_mm, upmd, upt);
	uptep = pte_offset_kernel(upmd, PVLIB_MM_USER_VA);
	set_pte_at(&init_mm, PVLIB_MM_USER_VA, uptep,
		   pte_mkyoung(pte_mkdirty(mk_pte(data, PAGE_SHARED))));
	cpu_switch_mm(pgd, &init_mm);
	uptr = (volatile u32 *)PVLIB_MM_USER_VA;
	if (ro[0] != PVLIB_MM_PATTERN || uptr[0] != PVLIB_MM_PATTERN)
		PVLIB_MM_BUG("self-test: read 0x%08x and 0x%08x through the new L1", ro[0],
			     uptr[0]);
	uptr[2] = PVLIB_MM_PATTERN + 2;
	cpu_switch_mm(swapper_pg_dir, &init_mm);
	if (lin[2] != PVLIB_MM_PATTERN + 2)
		PVLIB_MM_BUG("self-test: write through the user mapping not seen: 0x%08x", lin[2]);
	pte_clear(&init_mm, PVLIB_MM_USER_VA, uptep);
	pmd_clear(upmd);
	pte_free(&init_mm, upt);
	pgd_free(&init_mm, pgd);
	pr_info("pvlib-mm: pgd_alloc: new L1 pinned, a user PTE table in it, switched to and back, freed\n");

	/* 7. The fixmap (a slot of its pinned pair, set and cleared through
	 * set_pte_ext; early_ioremap uses the same slots before paging_init):
	 * the start info read through it, read-only. */
	__set_fixmap(FIX_TEXT_POKE0, pvlib_start_info->mem_ma, FIXMAP_PAGE_RO);
	si = (const struct pvlib_start_info *)__fix_to_virt(FIX_TEXT_POKE0);
	if (si->magic != PVLIB_START_MAGIC || si->domid != pvlib_start_info->domid)
		PVLIB_MM_BUG("self-test: start info through the fixmap: magic 0x%08x", si->magic);
	clear_fixmap(FIX_TEXT_POKE0);
	pr_info("pvlib-mm: fixmap: start info read through slot 0x%08lx\n", (unsigned long)si);

	/* 8. Down again (the kernel's pte_clear, pmd_clear, TLB flushes,
	 * pte_free_kernel: unpinned, the frame writable again). */
	arch_enter_lazy_mmu_mode();
	pte_clear(&init_mm, va, ptes + pte_index(va));
	pte_clear(&init_mm, va + PAGE_SIZE, ptes + pte_index(va + PAGE_SIZE));
	pmd_clear(pmdp);
	arch_leave_lazy_mmu_mode();
	flush_tlb_kernel_page(va);
	flush_tlb_kernel_range(va, va + 2 * PAGE_SIZE);
	if (!pmd_none(pmdp[0]) || !pmd_none(pmdp[1]))
		PVLIB_MM_BUG("self-test: pmd not cleared");
	pte_free_kernel(&init_mm, ptes);
	__free_page(data);
	/* 8. vmalloc: the kernel's own page-table paths and the whole-cache
	 * flushes (flush_cache_vmap, flush_cache_vunmap) of the ARM926. */
	{
		u32 *v = vmalloc(3 * PAGE_SIZE);
		unsigned int i, bad_words = 0;

		if (!v)
			PVLIB_MM_BUG("self-test: vmalloc failed");
		for (i = 0; i < 3 * PAGE_SIZE / 4; i++)
			v[i] = PVLIB_MM_PATTERN ^ i;
		for (i = 0; i < 3 * PAGE_SIZE / 4; i++)
			bad_words += v[i] != (PVLIB_MM_PATTERN ^ i);
		if (bad_words)
			PVLIB_MM_BUG("self-test: vmalloc area: %u words wrong", bad_words);
		pr_info("pvlib-mm: vmalloc: 3 pages at 0x%08lx written and read back, freed\n",
			(unsigned long)v);
		vfree(v);
	}
	/* 9. A vmalloc pmd newer than an L1 (above). */
	pvlib_mm_selftest_late_pmd();
	pr_info("pvlib-mm: self-test passed: %lu MMU_UPDATE calls, %lu requests\n",
		pvlib_mmu_calls, pvlib_mmu_reqs);
}
