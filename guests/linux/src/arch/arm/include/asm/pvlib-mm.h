/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory management of a para-virtualized guest (CONFIG_PVLIB_GUEST):
 * every page-table write goes through the hypervisor's MMU_UPDATE, which
 * validates it (pvlib's lib/mmu), tables are pinned before use, TLB and
 * cache maintenance are the MMU_MAINT hypercall. pvlib's docs/linux.md,
 * "Memory management", describes the port; the numbers are those of
 * pvlib's examples/include/refhv_abi.h and pvlib/abi/mmu.h.
 *
 * The PTE page (pvlib decision 5): Linux's PTE page holds its shadow
 * values and, in its second half, the two hardware tables; pvlib types
 * whole frames, and a pinned table has no writable mapping. So a PTE
 * table here is an order-1 pair: page 0 Linux's values (entries 0..511 at
 * +0..+2047, as in the native layout), page 1 the hardware tables, pinned
 * as a coarse-table frame (entries 0..255 at +0, 256..511 at +1024; the
 * upper half stays empty), mapped read-only in the linear map. The
 * hardware slot of the Linux entry at ptep is __pa(ptep) + PAGE_SIZE.
 */
#ifndef __ASM_ARM_PVLIB_MM_H
#define __ASM_ARM_PVLIB_MM_H

#include <asm/pvlib.h>

#define PVLIB_HC_MMU_UPDATE	1	/* (reqs va, count, done va or 0) */
#define PVLIB_HC_MMU_PIN	2	/* (kind, table ma) */
#define PVLIB_HC_MMU_UNPIN	3	/* (table ma) */
#define PVLIB_HC_MMU_SWITCH_BASE 4	/* (l1 ma) */
#define PVLIB_HC_MMU_MAINT	18	/* (op, va, len) */

#define PVLIB_PIN_L1		1	/* 16 KiB, 16 KiB aligned */
#define PVLIB_PIN_L2		2	/* a frame of four 1 KiB coarse tables */

#define PVLIB_MAINT_TLB_PAGE		1
#define PVLIB_MAINT_TLB_ALL		2
#define PVLIB_MAINT_CACHE_CLEAN		3
#define PVLIB_MAINT_CACHE_CLEAN_INVAL	4
#define PVLIB_MAINT_SYNC_ICACHE		5
#define PVLIB_MAINT_CACHE_ALL		6	/* guest ABI 6: va = len = 0 */
#define PVLIB_MAINT_ICACHE_ALL		7	/* guest ABI 6: va = len = 0 */
#define PVLIB_MAINT_LEN_MAX		(64 * 1024)

#define PVLIB_MMU_UPDATE_MAX	256	/* requests per MMU_UPDATE */

/* pv_status values the port names (pvlib/abi/status.h). */
#define PVLIB_ETYPE		(-203)	/* a frame in use with another type */

#ifdef CONFIG_CPU_V7
/* ARMv7 small pages as lib/mmu accepts them (pvlib/abi/mmu.h's
 * pv_mmu_desc_small): nG always (a global guest leaf is refused), the one
 * RAM type TEX 001 C 1 B 1, AP[2:0] 011 read/write or 111 read-only in
 * every mode, XN in bit 0. The data cache is physically tagged: no frame
 * needs an uncached mapping, so "uncached" is the RAM type too. */
#define PVLIB_HW_SMALL		0x802u	/* small page, nG */
#define PVLIB_HW_AP_RW		0x030u
#define PVLIB_HW_AP_RO		0x230u
#define PVLIB_HW_WB		0x04Cu
#define PVLIB_HW_NC		PVLIB_HW_WB
#define PVLIB_HW_XN		0x001u
#else
/* ARMv5 small pages as lib/mmu accepts them (pvlib/abi/mmu.h): AP in all
 * four subpages; AP 00 is read-only in every mode (SCTLR.R = 1). */
#define PVLIB_HW_SMALL		0x002u
#define PVLIB_HW_AP_RW		0xFF0u
#define PVLIB_HW_AP_RO		0x000u
#define PVLIB_HW_CB_MASK	0x00Cu
#define PVLIB_HW_WB		0x00Cu	/* C 1 B 1 */
#define PVLIB_HW_NC		0x004u	/* C 0 B 1: uncached, buffered */
#endif

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <asm/pgtable.h>

struct page;
struct mm_struct;
struct vm_area_struct;

/* One MMU_UPDATE request (struct pv_mmu_update_req). */
struct pvlib_mmu_req {
	u32 ptr;	/* machine address of the slot */
	u32 val;	/* the new descriptor */
};

void pvlib_mmu_queue(phys_addr_t slot, u32 val);
void pvlib_mmu_flush(void);
void pvlib_lazy_mmu_enter(void);
void pvlib_lazy_mmu_leave(void);
void pvlib_mmu_pin(unsigned int kind, phys_addr_t ma);
void pvlib_mmu_unpin(phys_addr_t ma);
void pvlib_mmu_maint(unsigned int op, unsigned long va, unsigned long len);

u32 pvlib_hw_pte(pte_t pte);
void pvlib_set_pte_ext(pte_t *ptep, pte_t pte, unsigned int ext);
void pvlib_pmd_populate(pmd_t *pmdp, phys_addr_t hw, pmdval_t prot);
void pvlib_pmd_clear(pmd_t *pmdp);
void pvlib_copy_pmd(pmd_t *pmdpd, const pmd_t *pmdps);
struct page *pvlib_pte_alloc(gfp_t gfp);
void pvlib_pte_free(struct page *pair);
void pvlib_linear_protect(unsigned long va, unsigned int pages);
void pvlib_linear_unprotect(unsigned long va, unsigned int pages);
void pvlib_flush_kern_dcache_area(void *addr, size_t size);
void pvlib_flush_cache_all(void);
void pvlib_flush_icache_all(void);
void pvlib_flush_user_cache_range(unsigned long start, unsigned long end,
				  unsigned int flags);

/* The targets of proc-arm926.S's and tlb-v4wbi.S's branches. */
void pvlib_dcache_clean_area(void *addr, int size);
void pvlib_coherent_kern_range(unsigned long start, unsigned long end);
int pvlib_coherent_user_range(unsigned long start, unsigned long end);
void pvlib_dma_map_area(const void *start, size_t size, int dir);
void pvlib_dma_unmap_area(const void *start, size_t size, int dir);
void pvlib_dma_flush_range(const void *start, const void *end);
void pvlib_flush_kern_tlb_range(unsigned long start, unsigned long end);
void pvlib_flush_user_tlb_range(unsigned long start, unsigned long end,
				struct vm_area_struct *vma);
void pvlib_switch_mm(unsigned long pgd_phys, struct mm_struct *mm);
pgd_t *pvlib_cpu_get_pgd(void);
void pvlib_pgd_pin(pgd_t *pgd);
void pvlib_pgd_unpin(pgd_t *pgd);
void pvlib_mm_selftest(void);
#endif

#endif
