/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ARMv5 CPU code (ARM926EJ-S, ARMv5TEJ): CP15 operations behind the
 * "cpu" functions of hvport.h and glue.h, and pvlib's port hooks
 * (pvlib/port.h). Nothing here knows the board: any board whose board.ini
 * says cpu = armv5 links it. References: ARM ARM DDI 0100I B2-B6,
 * ARM926EJ-S TRM (DDI 0198E) 2.3.
 *
 * Concurrency: uniprocessor; runs in SVC mode with IRQ and FIQ masked.
 */
#include "glue.h"
#include "kuser_page.h"

#include <pvlib/port.h>

/* The coarse table of the uncached alias window (zeroed with .bss). */
static uint32_t uncached_l2[PORT_UNCACHED_SLOTS] __attribute__((aligned(1024)));
_Static_assert(HV_VIRT_BASE + BOARD_RAM_SIZE <= HV_UNCACHED_VA, "linear map below the window");

/* ARMv5 small page, AP=01 (privileged only) in all four subpages, C=0 B=1:
 * uncached, buffered (ARM ARM DDI 0100I B3.3.4, B5). */
#define PTE_UNCACHED 0x556u
#define PDE_COARSE_HYP 0x11u /* domain 0, bit 4 set */

static void tlb_invalidate_mva(uint32_t va)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" : : "r"(va) : "memory");
}

void port_tlb_flush_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");
}

static void drain_write_buffer(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

/* Clean and invalidate the whole D cache with the ARM926 "test, clean and
 * invalidate" loop (MRC p15, 0, r15, c7, c14, 3 sets Z once no dirty line
 * is left, after which the whole D cache is invalidated: DDI 0198E 2.3.8),
 * then invalidate the I cache and drain the write buffer. The work is
 * bounded by the cache size (an ARM926 has 4 to 128 KiB of D cache). */
static void cache_clean_inval_all(void)
{
	__asm__ volatile("1: mrc p15, 0, r15, c7, c14, 3\n"
			 "   bne 1b\n"
			 "   mcr p15, 0, %0, c7, c5, 0\n"
			 "   mcr p15, 0, %0, c7, c10, 4\n"
			 : : "r"(0) : "memory", "cc");
}

void port_set_dacr(uint32_t dacr)
{
	__asm__ volatile("mcr p15, 0, %0, c3, c0, 0" : : "r"(dacr) : "memory");
}

void port_set_user_tls(uint32_t value)
{
	/* Through the vector page's own mapping: on a VIVT cache the guest
	 * reads the line this store leaves, at the same virtual address. */
	*(volatile uint32_t *)(HV_VECTORS_VA + KUSER_OFF_TLS) = value;
}

void port_switch_space(pv_maddr_t l1, uint32_t asid, uint32_t dacr)
{
	(void)asid; /* ARMv5 has none: the TLB is flushed instead */
	cache_clean_inval_all();
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0" : : "r"(pv_maddr_val(l1)) : "memory");
	port_set_dacr(dacr);
	port_tlb_flush_all();
}

void port_sync_icache(const void *va, uint32_t len)
{
	/* VIVT: the guest fetches through another virtual address than the one
	 * the hypervisor wrote, so clean the whole D cache, not a range. */
	(void)va;
	(void)len;
	cache_clean_inval_all();
}

void cpu_read_fault(enum port_trap kind, struct port_fault *f)
{
	if (kind == PORT_TRAP_PABT) {
		f->fsr = 0; /* ARMv5 keeps no status for prefetch aborts */
		f->far = port_cur_frame->pc;
		return;
	}
	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(f->fsr));
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(f->far));
	/* Status [3:0] and domain [7:4] are all an ARMv5 FSR defines; the
	 * rest reads as anything. Reported as 0, so that bit 11 is only ever
	 * the hypervisor's REFHV_FSR_WNR (refhv_abi.h). */
	f->fsr &= 0xFFu;
}

void port_wait_for_interrupt(void)
{
	/* ARM926 wait-for-interrupt; wakes on an asserted IRQ even if masked. */
	__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0) : "memory");
}

void cpu_init(void)
{
	uint32_t slot = HV_UNCACHED_VA >> 20;
	port_boot_l1[slot] = pv_maddr_val(port_va_to_ma(uncached_l2)) | PDE_COARSE_HYP;
	pv_port_pt_sync(port_va_to_ma(&port_boot_l1[slot]), 4);
}

void *port_uncached_map(uint32_t slot, pv_maddr_t ma)
{
	PV_ASSERT(slot < PORT_UNCACHED_SLOTS);
	/* No line of the frame may stay in the cache through the linear map
	 * (or an earlier alias): it could be written back over what the
	 * uncached alias writes. */
	cache_clean_inval_all();
	uncached_l2[slot] = (pv_maddr_val(ma) & ~0xFFFu) | PTE_UNCACHED;
	pv_port_pt_sync(port_va_to_ma(&uncached_l2[slot]), 4);
	uint32_t va = HV_UNCACHED_VA + slot * PV_FRAME_SIZE;
	tlb_invalidate_mva(va);
	return (void *)(uintptr_t)va;
}

/* Clean and invalidate the D-cache lines of [va, va+len) in the current
 * address space (VIVT: by virtual address, no translation involved). */
static void dcache_clean_inval_range(uint32_t va, uint32_t len)
{
	uint32_t end = va + len;
	for (va &= ~31u; va < end; va += 32u)
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" : : "r"(va) : "memory");
}

void port_alias_sync(pv_gvaddr_t va, const void *host, uint32_t len, bool written)
{
	if (!written)
		dcache_clean_inval_range(pv_gvaddr_val(va), len); /* the guest's data to memory */
	dcache_clean_inval_range((uint32_t)(uintptr_t)host, len);
	drain_write_buffer();
}

/* --- pvlib port hooks (include/pvlib/port.h) -------------------------- */

void pv_port_tlb_maint(const struct pv_tlb_req *req)
{
	/* No ASIDs: the TLB holds only the current space's entries (every
	 * switch invalidates it), so one-page requests drop one MVA and every
	 * other request is widened to the whole TLB. */
	if (req->scope == PV_TLB_VA)
		tlb_invalidate_mva(pv_gvaddr_val(req->va));
	else
		port_tlb_flush_all();
}

void pv_port_pt_sync(pv_maddr_t ma, uint32_t len)
{
	/* The ARM926 table walker reads memory, not the D cache: clean each
	 * 32-byte line of the range (by its linear-map address), then drain. */
	uint32_t va = (uint32_t)(uintptr_t)port_ma_to_va(ma);
	uint32_t end = va + len;
	va &= ~31u;
	/* Four lines per step: a table is whole lines (1 KiB to 16 KiB). */
	for (; end - va >= 128u; va += 128u)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1\n\t"
				 "mcr p15, 0, %1, c7, c10, 1\n\t"
				 "mcr p15, 0, %2, c7, c10, 1\n\t"
				 "mcr p15, 0, %3, c7, c10, 1"
				 : : "r"(va), "r"(va + 32u), "r"(va + 64u), "r"(va + 96u)
				 : "memory");
	for (; va < end; va += 32u)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(va) : "memory");
	drain_write_buffer();
}

void pv_port_cache_flush_all(void)
{
	cache_clean_inval_all();
}

void pv_port_cache_maint(const struct pv_cache_req *req)
{
	if (req->op == PV_CACHE_ALL_CLEAN_INVAL) {
		cache_clean_inval_all();
		return;
	}
	if (req->op == PV_CACHE_ALL_ICACHE_INVAL) {
		/* Invalidate ICache (DDI 0198E 2.3.8); the ARM926 has no
		 * branch predictor to invalidate. */
		__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0) : "memory");
		return;
	}
	/* By MVA in the current address space (the guest's own virtual
	 * aliases, which is what a VIVT cache holds), 32-byte lines: clean
	 * and invalidate (c7, c14, 1) or clean (c7, c10, 1), chosen once; four
	 * lines a step while four remain (a page is 128 lines, and a guest
	 * makes this request for every page it clears: docs/benchmarks.md). */
	uint32_t va = pv_gvaddr_val(req->va) & ~31u, end = pv_gvaddr_val(req->va) + req->len;
#define LINES(crm)                                                                      \
	do {                                                                            \
		for (; va < end && end - va >= 128u; va += 128u)                        \
			__asm__ volatile("mcr p15, 0, %0, c7, " crm ", 1\n\t"                \
					 "mcr p15, 0, %1, c7, " crm ", 1\n\t"                \
					 "mcr p15, 0, %2, c7, " crm ", 1\n\t"                \
					 "mcr p15, 0, %3, c7, " crm ", 1"                      \
					 : : "r"(va), "r"(va + 32u), "r"(va + 64u), "r"(va + 96u) \
					 : "memory");                                          \
		for (; va < end; va += 32u)                                             \
			__asm__ volatile("mcr p15, 0, %0, c7, " crm ", 1" : : "r"(va) : "memory"); \
	} while (0)
	if (req->op == PV_CACHE_CLEAN_INVAL)
		LINES("c14");
	else
		LINES("c10");
#undef LINES
	drain_write_buffer();
	if (req->op == PV_CACHE_SYNC_ICACHE)
		__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0) : "memory");
}
