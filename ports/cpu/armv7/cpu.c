/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ARMv7-A CPU code (Cortex-A9, no virtualization extensions): CP15
 * operations with ASIDs behind the "cpu" functions of hvport.h and glue.h,
 * and pvlib's port hooks (pvlib/port.h). Nothing here knows the board: any
 * board whose board.ini says cpu = armv7 links it. References: ARM
 * ARM DDI 0406C B3.10 (TLB maintenance, ASIDs, "synchronization of changes
 * of ASID and TTBR"), B4.2 (cache and branch predictor maintenance),
 * B4.1.52/B4.1.86 (DFSR/IFSR); Cortex-A9 TRM (DDI 0388).
 *
 * What differs from ARMv5: caches are physically tagged (data, PIPT) or
 * behave so for a 4 KiB-page OS (instruction, VIPT), and translations are
 * tagged with the ASID in CONTEXTIDR, so a domain switch writes TTBR0 and
 * the ASID and flushes neither the TLB nor a cache. Every guest mapping is
 * non-global (lib/mmu refuses global guest leaves on ARMv7); the
 * hypervisor's mappings, the same in every domain, are global.
 *
 * Concurrency: uniprocessor; runs in SVC mode with IRQ and FIQ masked.
 */
#include "glue.h"
#include "kuser_page.h"

#include <pvlib/port.h>

#include "cpu.h"

static inline void dsb(void)
{
	__asm__ volatile("dsb" : : : "memory");
}

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

static inline void bp_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 6" : : "r"(0) : "memory"); /* BPIALL */
}

/* Smallest D-cache line, from CTR.DminLine (log2 of words). */
static uint32_t dcache_line(void)
{
	uint32_t ctr;
	__asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr));
	return 4u << ((ctr >> 16) & 0xFu);
}

void port_tlb_flush_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory"); /* TLBIALL */
	bp_invalidate_all();
	dsb();
	isb();
}

void port_set_dacr(uint32_t dacr)
{
	__asm__ volatile("mcr p15, 0, %0, c3, c0, 0" : : "r"(dacr) : "memory");
	isb();
}

static void set_asid(uint32_t asid)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 1" : : "r"(asid & 0xFFu) : "memory");
	isb();
}

void port_set_user_tls(uint32_t value)
{
	/* The word __kuser_get_tls reads, as on ARMv5 (PIPT caches: any
	 * mapping would do; the vector page's is the one guests read). */
	*(volatile uint32_t *)(HV_VECTORS_VA + KUSER_OFF_TLS) = value;
	/* User read-only thread ID register (DDI 0406C B4.1.150). */
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 3" : : "r"(value) : "memory");
}

void port_switch_space(pv_maddr_t l1, uint32_t asid, uint32_t dacr)
{
	/*
	 * DDI 0406C B3.10.4 ("using a reserved ASID"): while TTBR0 and the
	 * ASID change, run with ASID 0, which no domain ever runs with, so no
	 * walk of the new table can be tagged with the old domain's ASID or
	 * the reverse. Whatever gets tagged 0 meanwhile is never used: the
	 * hypervisor touches only its own (global) mappings in the window.
	 */
	set_asid(0);
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0"
			 : : "r"(pv_maddr_val(l1) | PT_TTB_FLAGS) : "memory");
	isb();
	set_asid(asid);
	/* One domain's branch history must not steer another's. */
	bp_invalidate_all();
	port_set_dacr(dacr);
}

/* Clean (op 1), clean+invalidate (2) or clean to the point of unification
 * (3) every D-cache line of [va, va+len) in the current address space. */
static void dcache_range(uint32_t op, uint32_t va, uint32_t len)
{
	uint32_t line = dcache_line(), end = va + len;
	for (va &= ~(line - 1u); va < end; va += line) {
		if (op == 1u)
			__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(va) : "memory"); /* DCCMVAC */
		else if (op == 2u)
			__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" : : "r"(va) : "memory"); /* DCCIMVAC */
		else
			__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(va) : "memory"); /* DCCMVAU */
	}
	dsb();
}

static void icache_inval_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0) : "memory"); /* ICIALLU */
	bp_invalidate_all();
	dsb();
	isb();
}

void port_sync_icache(const void *va, uint32_t len)
{
	/* The data cache is PIPT, so cleaning through the linear map reaches
	 * the lines the guest will fetch through its own mapping. */
	dcache_range(3u, (uint32_t)(uintptr_t)va, len);
	icache_inval_all();
}

void cpu_read_fault(enum port_trap kind, struct port_fault *f)
{
	if (kind == PORT_TRAP_PABT) {
		__asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(f->fsr)); /* IFSR */
		__asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(f->far)); /* IFAR */
		return;
	}
	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(f->fsr)); /* DFSR */
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(f->far)); /* DFAR */
}

void port_wait_for_interrupt(void)
{
	/* Wakes on a signalled IRQ even with CPSR.I set (DDI 0406C B1.8.13). */
	dsb();
	__asm__ volatile("wfi" : : : "memory");
}

void cpu_init(void)
{
	/* Nothing: caches are physically tagged, so no uncached window. */
}

void *port_uncached_map(uint32_t slot, pv_maddr_t ma)
{
	(void)slot;
	return port_ma_to_va(ma);
}

void port_alias_sync(pv_gvaddr_t va, const void *host, uint32_t len, bool written)
{
	(void)va;
	(void)host;
	(void)len;
	(void)written;
}

/* --- pvlib port hooks (include/pvlib/port.h) -------------------------- */

void pv_port_tlb_maint(const struct pv_tlb_req *req)
{
	switch (req->scope) {
	case PV_TLB_VA: /* TLBIMVA: the page in that ASID, and global entries */
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 1"
				 : : "r"((pv_gvaddr_val(req->va) & ~0xFFFu) | (req->asid & 0xFFu))
				 : "memory");
		break;
	case PV_TLB_ASID: /* TLBIASID */
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 2" : : "r"(req->asid & 0xFFu) : "memory");
		break;
	default:
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");
		break;
	}
	bp_invalidate_all();
	dsb();
	isb();
}

void pv_port_pt_sync(pv_maddr_t ma, uint32_t len)
{
	/* Clean the written descriptors to the point of coherency, where a
	 * table walk is sure to see them whatever TTBR0's walk attributes,
	 * and complete it before any following TLB maintenance (B3.10.1). */
	uint32_t line = dcache_line(), va = (uint32_t)(uintptr_t)port_ma_to_va(ma);
	uint32_t end = va + len;
	va &= ~(line - 1u);
	/* Four lines per step: a table is whole lines (4 KiB or 16 KiB). */
	for (; end - va >= 4u * line; va += 4u * line)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1\n\t"
				 "mcr p15, 0, %1, c7, c10, 1\n\t"
				 "mcr p15, 0, %2, c7, c10, 1\n\t"
				 "mcr p15, 0, %3, c7, c10, 1"
				 : : "r"(va), "r"(va + line), "r"(va + 2u * line), "r"(va + 3u * line)
				 : "memory"); /* DCCMVAC */
	for (; va < end; va += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(va) : "memory");
	dsb();
}

void pv_port_cache_maint(const struct pv_cache_req *req)
{
	uint32_t va = pv_gvaddr_val(req->va);
	switch (req->op) {
	case PV_CACHE_CLEAN:
		dcache_range(1u, va, req->len);
		break;
	case PV_CACHE_CLEAN_INVAL:
		dcache_range(2u, va, req->len);
		break;
	case PV_CACHE_SYNC_ICACHE:
		dcache_range(3u, va, req->len);
		icache_inval_all();
		break;
	case PV_CACHE_ALL_CLEAN_INVAL:
		pv_port_cache_flush_all();
		break;
	case PV_CACHE_ALL_ICACHE_INVAL:
		icache_inval_all();
		break;
	}
}

void pv_port_cache_flush_all(void)
{
	/* Clean and invalidate every data or unified cache level up to the
	 * level of coherency, by set/way (B4.2.1), then the instruction side.
	 * Set/way rather than by MVA: there is no address range to walk, and
	 * it touches each line once whatever is mapped. On the Cortex-A9 the
	 * levels CLIDR reports are its own L1 (an external PL310 L2 would be
	 * maintained through its registers; the vexpress port leaves it off).
	 * The loop is bounded by the cache geometry (the Cortex-A9's L1 data
	 * cache is 16 to 64 KiB of 32-byte lines). */
	uint32_t clidr;
	__asm__ volatile("mrc p15, 1, %0, c0, c0, 1" : "=r"(clidr));
	uint32_t loc = (clidr >> 24) & 7u;
	for (uint32_t level = 0; level < loc; level++) {
		if (((clidr >> (3u * level)) & 7u) < 2u)
			continue; /* no data cache at this level */
		uint32_t ccsidr;
		__asm__ volatile("mcr p15, 2, %0, c0, c0, 0" : : "r"(level << 1) : "memory");
		isb();
		__asm__ volatile("mrc p15, 1, %0, c0, c0, 0" : "=r"(ccsidr));
		uint32_t set_shift = (ccsidr & 7u) + 4u;
		uint32_t ways = (ccsidr >> 3) & 0x3FFu, sets = (ccsidr >> 13) & 0x7FFFu;
		uint32_t way_shift = ways ? (uint32_t)__builtin_clz(ways) : 0u;
		for (uint32_t w = 0; w <= ways; w++)
			for (uint32_t s = 0; s <= sets; s++)
				__asm__ volatile("mcr p15, 0, %0, c7, c14, 2" /* DCCISW */
						 : : "r"((w << way_shift) | (s << set_shift) | (level << 1))
						 : "memory");
	}
	dsb();
	icache_inval_all();
}
