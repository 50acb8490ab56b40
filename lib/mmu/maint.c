/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_maint: guest-requested TLB and cache maintenance, checked whole and
 * then handed to the port hooks.
 *
 * The port performs cache operations by virtual address on the current
 * address space. Such an operation is translated like a memory access and
 * can abort on an address with no translation (ARMv7: DDI 0406C B3.12,
 * "VMSA memory aborts"; ARMv5's CP15 c7 operations by address likewise go
 * through the MMU, DDI 0100I B5), so every page of a cache range must
 * translate in the domain's tables before the hook runs. A TLB invalidate
 * by address only looks up the TLB and finds nothing to drop for an
 * unmapped page, so TLB_PAGE only has to stay out of the hypervisor's
 * range, whose translations are not the guest's to drop. The whole-cache
 * operations name no address and translate nothing: they only need va and
 * len to be 0.
 *
 * Concurrency: reads the instance only; the caller holds it (see mmu.h).
 */
#include "mmu_internal.h"

#define ASID_MAX 255u /* ARMv7 ASIDs are 8 bits (CONTEXTIDR, DDI 0406C B4.1) */
#define PAGE_MASK (PV_FRAME_SIZE - 1u)

/* Does [va, last] meet the hypervisor's L1 slots? */
static bool meets_hyp(const struct pv_mmu *m, uint32_t va, uint32_t last)
{
	return (va >> 20) < m->hyp_slot_hi && (last >> 20) >= m->hyp_slot_lo;
}

/*
 * Every byte of [va, last] translates. A translation covers its whole leaf
 * (2^span bytes, aligned: one descriptor maps all of it), so the walk goes
 * leaf by leaf: the next address looked up is the first past the leaf
 * found, 1 KiB on for an ARMv5 tiny page (DDI 0100I B3.3), 4 KiB for a
 * small page, 1 MiB for a section. A page-sized range is one walk, not
 * four (docs/benchmarks.md: a guest asks this for every page it clears).
 */
static int32_t range_mapped(const struct pv_mmu *m, pv_domid_t dom, uint32_t va, uint32_t last)
{
	struct pv_mmu_xlate x;
	uint32_t span;
	/*@ loop invariant va <= a <= last;
	    loop assigns a, x, span;
	    loop variant last - a; */
	for (uint32_t a = va;;) {
		if (pv_mmu_translate_span(m, dom, pv_gvaddr(a), &x, &span) != PV_OK)
			return PV_EFAULT;
		uint32_t leaf_last = a | ((1u << span) - 1u);
		if (leaf_last >= last)
			return PV_OK;
		a = leaf_last + 1u; /* no wrap: leaf_last < last */
	}
}

enum pv_status pv_mmu_maint(struct pv_mmu *m, pv_domid_t dom, const struct pv_mmu_maint_req *req)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	if (pv_mfn_val(m->domains[pv_domid_val(dom)].active_l1) == PV_MMU_NO_L1)
		return PV_ENOENT;
	uint32_t op = req->op, va = pv_gvaddr_val(req->va), len = req->len;
	if (op < PV_MMU_MAINT_TLB_PAGE || op > PV_MMU_MAINT_ICACHE_ALL_INVAL)
		return PV_ENOSYS;
	if (req->asid > (m->format == PV_MMU_FMT_V7 ? ASID_MAX : 0u))
		return PV_EINVAL;

	if (op == PV_MMU_MAINT_TLB_ALL) {
		if (va != 0 || len != 0)
			return PV_EINVAL;
		/* Global entries carry no ASID; ARMv5 has no ASIDs at all. */
		bool all = m->format == PV_MMU_FMT_V5 || m->allow_global;
		struct pv_tlb_req r = { all ? PV_TLB_ALL : PV_TLB_ASID, all ? 0u : req->asid,
					pv_gvaddr(0) };
		pv_port_tlb_maint(&r);
		return PV_OK;
	}
	if (op >= PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL) {
		/* The whole cache: no address to check, nothing lost (data is
		 * written back before it is discarded; pvlib/abi/mmu.h). */
		if (va != 0 || len != 0)
			return PV_EINVAL;
		struct pv_cache_req c = { op == PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL
						  ? PV_CACHE_ALL_CLEAN_INVAL
						  : PV_CACHE_ALL_ICACHE_INVAL,
					  pv_gvaddr(0), 0u };
		pv_port_cache_maint(&c);
		return PV_OK;
	}
	if (op == PV_MMU_MAINT_TLB_PAGE) {
		if (len != 0)
			return PV_EINVAL;
		if (meets_hyp(m, va, va))
			return PV_EFAULT;
		struct pv_tlb_req r = { PV_TLB_VA, req->asid, pv_gvaddr(va & ~PAGE_MASK) };
		pv_port_tlb_maint(&r);
		return PV_OK;
	}

	if (len == 0)
		return PV_EINVAL;
	if (len > PV_MMU_MAINT_LEN_MAX)
		return PV_E2BIG;
	uint32_t last = va + (len - 1u);
	if (last < va)
		return PV_EOVERFLOW;
	if (meets_hyp(m, va, last))
		return PV_EFAULT;
	int32_t rc = range_mapped(m, dom, va, last);
	if (rc != PV_OK)
		return rc;
	static const enum pv_cache_op cop[3] = { PV_CACHE_CLEAN, PV_CACHE_CLEAN_INVAL,
						 PV_CACHE_SYNC_ICACHE };
	struct pv_cache_req c = { cop[op - PV_MMU_MAINT_CACHE_CLEAN], req->va, len };
	pv_port_cache_maint(&c);
	return PV_OK;
}
