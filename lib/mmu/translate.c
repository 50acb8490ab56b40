/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_translate: the table walk the MMU would do, in software, over a
 * domain's active (pinned, hence validated) tables. A hypervisor uses it to
 * turn a guest pointer handed to a hypercall into a machine address with
 * the permissions a USR-mode access would get, before it asks
 * pv_mmu_frame_access() whether the domain may reach that frame at all.
 *
 * Walks follow the ARM ARM: DDI 0100I B3.3 (ARMv5: sections, coarse and fine
 * tables, large/small/tiny pages, four AP subpages) and DDI 0406C B3.5
 * (ARMv7 short descriptors: sections, supersections, large/small pages).
 * Every descriptor is decoded by the validator's decoders (fmt_v5.h,
 * fmt_v7.h): the walk follows an entry only as far as they accept it, and
 * the leaf's address and USR-mode rights come from the same format file
 * (pv_mmu_v5_leaf, pv_mmu_v7_leaf), so the walk and the rules cannot read a
 * descriptor two ways.
 *
 * Concurrency: reads the instance only; the caller holds it (see mmu.h).
 */
#include "mmu_internal.h"

/*
 * Where the leaf d sends va, and what it lets USR mode do there. d has been
 * accepted by the validator's decoder; pv_mmu_leaf() reads its address and
 * AP bits in the same format file. ARMv5 large and small pages have four AP
 * fields, one per quarter of the page (its subpages).
 */
static uint32_t leaf(const struct pv_mmu *m, unsigned tbl, uint32_t d, uint32_t va,
		     struct pv_mmu_xlate *x)
{
	struct pv_mmu_leaf l;
	pv_mmu_leaf(m, tbl, d, &l);
	uint32_t q = (va >> (l.span - 2u)) & 3u;
	x->ma = pv_maddr(l.out | (va & ((1u << l.span) - 1u)));
	x->user_read = (l.user & PV_MMU_USER_R(q)) != 0;
	x->user_write = (l.user & PV_MMU_USER_W(q)) != 0;
	return l.span;
}

enum pv_status pv_mmu_translate(const struct pv_mmu *m, pv_domid_t dom, pv_gvaddr_t gva,
				struct pv_mmu_xlate *x)
{
	uint32_t span;
	return pv_mmu_translate_span(m, dom, gva, x, &span);
}

enum pv_status pv_mmu_translate_span(const struct pv_mmu *m, pv_domid_t dom, pv_gvaddr_t gva,
				     struct pv_mmu_xlate *x, uint32_t *span)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	uint32_t l1 = pv_mfn_val(m->domains[pv_domid_val(dom)].active_l1);
	if (l1 == PV_MMU_NO_L1)
		return PV_ENOENT;
	uint32_t va = pv_gvaddr_val(gva), slot = va >> 20;
	if (slot - m->hyp_slot_lo < m->hyp_slot_hi - m->hyp_slot_lo)
		return PV_EFAULT; /* the hypervisor's range is never the guest's */
	/* The active L1 is pinned: in RAM, and every entry has passed the
	 * rules, so each table it points to is a pinned table in RAM too. */
	struct pv_mmu_ent e;
	uint32_t l1d = m->ram[((l1 << PV_FRAME_SHIFT) - m->ram_base) / 4u + slot];
	if (pv_mmu_decode(m, PV_MMU_TBL_L1, l1d, &e) != PV_OK || e.kind == PV_MMU_ENT_FAULT)
		return PV_EFAULT;
	x->domain = (uint8_t)e.domain; /* 0 for a supersection */
	if (e.kind == PV_MMU_ENT_LEAF) {
		*span = leaf(m, PV_MMU_TBL_L1, l1d, va, x);
		return PV_OK;
	}
	/* Second level: a coarse table has 256 entries for va[19:12], an
	 * ARMv5 fine table 1024 for va[19:10] (DDI 0100I B3.3, DDI 0406C B3.5). */
	unsigned tbl = e.kind == PV_MMU_ENT_COARSE ? PV_MMU_TBL_COARSE : PV_MMU_TBL_FINE;
	uint32_t idx = tbl == PV_MMU_TBL_COARSE ? (va >> 12) & 0xFFu : (va >> 10) & 0x3FFu;
	uint32_t d = m->ram[(e.base - m->ram_base) / 4u + idx];
	if (pv_mmu_decode(m, tbl, d, &e) != PV_OK || e.kind != PV_MMU_ENT_LEAF)
		return PV_EFAULT;
	*span = leaf(m, tbl, d, va, x);
	return PV_OK;
}
