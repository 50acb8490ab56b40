/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Guest-visible ABI of the mmu_update and maintenance hypercalls.
 *
 * A guest changes a pinned page table by handing the hypervisor an array of
 * requests. Each request names the machine address of one 32-bit descriptor
 * slot and the new descriptor value. The low two bits of the address (always
 * zero for an aligned slot) select the command; only PV_MMU_CMD_NORMAL exists.
 * A guest asks for TLB and cache maintenance on its own address space with
 * an operation number, a virtual address and a length (PV_MMU_MAINT_*).
 *
 * This header is self-contained so that a guest can include it alone.
 */
#ifndef PVLIB_ABI_MMU_H
#define PVLIB_ABI_MMU_H

#include <stddef.h>
#include <stdint.h>
#include <pvlib/abi/mmu_desc.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Bumped whenever the layout or meaning of anything below changes.
 * 2: maintenance operations; ARMv7 guest leaves must be non-global (nG = 1),
 *    as the encoders below have always made them.
 * 3: whole-cache maintenance (CACHE_ALL_CLEAN_INVAL, ICACHE_ALL_INVAL).
 */
#define PV_MMU_ABI_VERSION 3u

/** Command encoded in the low bits of pv_mmu_update_req.ptr. */
#define PV_MMU_CMD_MASK 3u
#define PV_MMU_CMD_NORMAL 0u /**< write val into the slot at ptr */

/** Most requests one pv_mmu_update() call accepts; larger batches get
 * PV_E2BIG. A hypervisor's hypercall may accept fewer, and says so in its
 * own ABI (the reference hypervisor: REFHV_MMU_UPDATE_MAX, 256). */
#define PV_MMU_UPDATE_MAX 1024u

/** One request of an mmu_update batch. */
struct pv_mmu_update_req {
	uint32_t ptr; /**< machine address of the slot | PV_MMU_CMD_* */
	uint32_t val; /**< new short-descriptor value */
};

PV_STATIC_ASSERT(sizeof(struct pv_mmu_update_req) == 8, "mmu_update request is 8 bytes");
PV_STATIC_ASSERT(offsetof(struct pv_mmu_update_req, ptr) == 0, "ptr at offset 0");
PV_STATIC_ASSERT(offsetof(struct pv_mmu_update_req, val) == 4, "val at offset 4");

/**
 * TLB and cache maintenance a guest may ask for, on its own current address
 * space (the hypervisor's handler passes op, va and len to lib/mmu's
 * pv_mmu_maint(); the ASID is the hypervisor's, never the guest's):
 *   TLB_PAGE          forget the translation of the page holding va; len 0
 *   TLB_ALL           forget every translation of the domain; va and len 0
 *   CACHE_CLEAN       write back dirty data lines of [va, va+len) (before a
 *                     device reads the memory)
 *   CACHE_CLEAN_INVAL write back and discard them (after a device wrote it)
 *   SYNC_ICACHE       make instructions written to [va, va+len) visible to
 *                     instruction fetch
 *   CACHE_ALL_CLEAN_INVAL  write back and discard every data line, at every
 *                     level up to the point of coherency, and invalidate the
 *                     instruction cache (Linux's flush_*_cache_all on a VIVT
 *                     cache); va and len 0
 *   ICACHE_ALL_INVAL  invalidate the whole instruction cache (and branch
 *                     predictor), data untouched (Linux's flush_icache_all);
 *                     va and len 0
 * The range operations take 1 .. PV_MMU_MAINT_LEN_MAX bytes that do not wrap,
 * lie outside the hypervisor's range and are mapped, every page of them, in
 * the domain's active tables. There is no invalidate without clean: it could
 * discard data the domain may not change.
 *
 * Isolation of the whole-cache operations: they name no address, so they
 * reach every line, other domains' and the hypervisor's included. Nothing is
 * lost: data lines are written back before they are discarded, and the
 * instruction cache holds no data. The only cost to others is time (their
 * lines refetched from memory), and a guest may ask as often as it likes: a
 * known cost, as with Xen-ARM's whole-cache flushes, bounded per call by the
 * cache size (on an ARMv5 port every address-space switch already flushes
 * everything). A hypervisor that must bound it rate-limits the hypercall.
 */
#define PV_MMU_MAINT_TLB_PAGE 1u
#define PV_MMU_MAINT_TLB_ALL 2u /**< forget every translation of the domain */
#define PV_MMU_MAINT_CACHE_CLEAN 3u /**< write back dirty data lines of the range */
#define PV_MMU_MAINT_CACHE_CLEAN_INVAL 4u /**< write back and discard the range's lines */
#define PV_MMU_MAINT_SYNC_ICACHE 5u /**< make instructions written to the range visible to fetch */
#define PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL 6u /**< write back and discard every data line,
						 invalidate the instruction cache */
#define PV_MMU_MAINT_ICACHE_ALL_INVAL 7u /**< invalidate the whole instruction cache */
#define PV_MMU_MAINT_LEN_MAX (64u * 1024u) /**< longer: PV_E2BIG */

/**
 * The two short-descriptor formats a hypervisor may validate (the values of
 * enum pv_mmu_format), and encoders for the entries a guest kernel (or a
 * domain builder) most often writes: ordinary RAM pages and pointers to
 * second-level tables, in the form lib/mmu accepts for guest memory. Every
 * other kind and memory type: pvlib/abi/mmu_desc.h.
 */
#define PV_MMU_ABI_FMT_V5 1u /**< ARMv5 (ARM ARM DDI 0100I, B3.3) */
#define PV_MMU_ABI_FMT_V7 2u /**< ARMv7-A short descriptors (DDI 0406C, B3.5.1) */

#define PV_MMU_DESC_W 0x1u /**< unprivileged read/write (else read-only) */
#define PV_MMU_DESC_X 0x2u /**< executable; without it ARMv7 sets XN (ARMv5
			      has no execute-never: every readable page runs) */
#define PV_MMU_DESC_DEVICE 0x4u /**< device registers, not RAM: ARMv7 Device
				   (TEX 000 C 0 B 1), ARMv5 uncached unbuffered
				   (C 0 B 0); never executable */
#define PV_MMU_DESC_UNCACHED 0x8u /**< RAM as Normal non-cacheable: ARMv7 TEX 001
				     C 0 B 0, ARMv5 uncached buffered (C 0 B 1);
				     for pages shared with a hypervisor that
				     reaches them through another virtual
				     address on a VIVT cache (ARMv5) */

/**
 * A small (4 KiB) page of Normal write-back memory at machine address ma
 * (with PV_MMU_DESC_UNCACHED, Normal non-cacheable; with PV_MMU_DESC_DEVICE,
 * device registers, which takes precedence).
 * ARMv7: non-global (nG = 1, so the entry is tagged with the ASID), TEX 001
 * C 1 B 1 (write-back, write-allocate), AP[2:0] 011 (read/write) or 111
 * (read-only in every mode), XN unless PV_MMU_DESC_X. ARMv5: C 1 B 1, the
 * same AP in all four subpages, 11 (read/write) or 00 (read-only in every
 * mode: pvlib's ARMv5 ports run with SCTLR.R = 1, docs/decisions.md).
 * @param fmt PV_MMU_ABI_FMT_V5 or PV_MMU_ABI_FMT_V7
 * @param ma machine address of the page, 4 KiB aligned
 * @param flags PV_MMU_DESC_* flags
 * @return the second-level descriptor
 */
static inline uint32_t pv_mmu_desc_small(uint32_t fmt, uint32_t ma, uint32_t flags)
{
	uint32_t d = (ma & 0xFFFFF000u) | 0x2u;
	if (fmt == PV_MMU_ABI_FMT_V7) {
		d |= (1u << 11) | ((flags & PV_MMU_DESC_W) ? 0x030u : 0x230u);
		if (flags & PV_MMU_DESC_DEVICE)
			return d | 0x4u | 1u; /* Device, XN */
		d |= 0x040u | ((flags & PV_MMU_DESC_X) ? 0u : 1u);
		return (flags & PV_MMU_DESC_UNCACHED) ? d : d | 0xCu;
	}
	d |= (flags & PV_MMU_DESC_W) ? 0xFF0u : 0x000u;
	if (flags & PV_MMU_DESC_DEVICE)
		return d;
	return d | ((flags & PV_MMU_DESC_UNCACHED) ? 0x4u : 0xCu);
}

/**
 * A first-level pointer to the 1 KiB coarse table at ma, in ARM domain armdom.
 * @param fmt PV_MMU_ABI_FMT_V5 or PV_MMU_ABI_FMT_V7
 * @param ma machine address of the coarse table, 1 KiB aligned
 * @param armdom the ARM domain, 0..15
 * @return the first-level descriptor
 */
static inline uint32_t pv_mmu_desc_table(uint32_t fmt, uint32_t ma, uint32_t armdom)
{
	/* Bit 4: set on ARMv5, as older cores expect; should-be-zero on ARMv7. */
	return (ma & 0xFFFFFC00u) | ((armdom & 0xFu) << 5) | (fmt == PV_MMU_ABI_FMT_V7 ? 0x1u : 0x11u);
}

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_ABI_MMU_H */
