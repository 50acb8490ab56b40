/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_update: the batched entry update, the guest's hot path.
 *
 * Each request is decided in full (slot, new value, replica group, rules)
 * before anything is written; then the old group's references are put, the
 * new ones got and the slots written and synced. A refused request leaves
 * no trace; the ones before it stay applied. Maintenance of the TLB (and of
 * ARMv5's virtually tagged caches) is batched: one flush at the end if any
 * valid entry was replaced, before control returns to any guest.
 *
 * Concurrency: uniprocessor; the caller holds the instance (see mmu.h). An
 * SMP port must also keep other CPUs of the domain from using a replaced
 * translation until the end-of-batch flush has reached them.
 *
 * The loops' ACSL comments (invariants, assigns, variants) are for Frama-C
 * WP: verification/wp/rte_update.c (update_commit proved, the rest in
 * progress: docs/verification.md). The compiler ignores them.
 */
#include "mmu_internal.h"

struct upd_state {
	bool released; /* some valid entry was replaced: flush at the end */
};

/*
 * One request, decided: where it writes and what it puts and gets. Filled
 * by update_decide() and read by update_commit() only.
 */
struct upd_plan {
	uint32_t *s;   /* the table's first slot */
	uint32_t slot; /* the first slot written */
	uint32_t len;  /* slots written: the larger of the old and new groups */
	unsigned tbl;  /* PV_MMU_TBL_* */
	struct pv_mmu_ent ne, oe; /* the new entry, the old one at slot */
};

/*
 * Every check of a request, and nothing written but *p: a refusal here
 * leaves the instance as it was (verification/wp/update_one.c proves it).
 */
static int32_t update_decide(const struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			     struct upd_plan *p)
{
	if (ptr & PV_MMU_CMD_MASK)
		return PV_EINVAL; /* the only command is PV_MMU_CMD_NORMAL */
	uint32_t idx = pv_mmu_frame_index(m, ptr);
	if (idx == UINT32_MAX)
		return PV_ERANGE;
	uint16_t owner = fr_owner(m, idx);
	if (owner != dom)
		return owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
	unsigned tbl;
	uint32_t slot, first = idx;
	/*
	 * An if chain, not a switch: Frama-C WP would split every goal after
	 * a switch into one per case (docs/verification.md).
	 */
	uint8_t t = fr_ttype(m, idx);
	if (t == PV_MMU_FT_L1) {
		/* L1s are 16 KiB aligned in machine memory. */
		first = idx - (((m->ram_base >> PV_FRAME_SHIFT) + idx) & 3u);
		tbl = PV_MMU_TBL_L1;
	} else if (t == PV_MMU_FT_L2) {
		tbl = PV_MMU_TBL_COARSE;
	} else if (t == PV_MMU_FT_FINE) {
		tbl = PV_MMU_TBL_FINE;
	} else {
		return PV_ENOTPINNED;
	}
	slot = (ptr - m->ram_base - (first << PV_FRAME_SHIFT)) >> 2;
	/*
	 * For Frama-C WP (rte_update.c): the wrapped subtraction is exact (the
	 * offset lies in RAM, at or after the table's first frame), and below,
	 * the aligned group ends within the frame (1024 slots) it starts in, so
	 * the span stays in the table's frames. True for every len of 1 to
	 * 1024 that passes the alignment test, whatever the instance.
	 */
	/*@ assert slot_exact: first <= idx ==>
	      slot == ((uint32_t)(ptr - m->ram_base) - first * 4096) / 4; */
	uint32_t *s = pv_mmu_slot_ptr(m, first);
	/* Before anything reads it: a hypervisor slot holds no guest entry. */
	if (tbl == PV_MMU_TBL_L1 && slot - m->hyp_slot_lo < m->hyp_slot_hi - m->hyp_slot_lo)
		return PV_EPERM;

	struct pv_mmu_ent ne, oe;
	int32_t rc = pv_mmu_decode(m, tbl, val, &ne);
	if (rc != PV_OK)
		return rc;
	rc = pv_mmu_decode(m, tbl, s[slot], &oe);
	PV_ASSERT(rc == PV_OK);
	uint32_t len = ne.group > oe.group ? ne.group : oe.group;
	if (slot & (len - 1u))
		return PV_EALIGN;
	//@ assert span_fits4: len == 4 ==> slot % 1024 + len <= 1024;
	//@ assert span_fits16: len == 16 ==> slot % 1024 + len <= 1024;
	//@ assert span_fits64: len == 64 ==> slot % 1024 + len <= 1024;
	//@ assert span_fits: slot % 1024 + len <= 1024;
	/*
	 * (span_end case by case, an L1's first frame or the frame itself:
	 * in one goal CVC4 does not find it within its budget)
	 */
	/*@ assert span_end_l1: tbl == PV_MMU_TBL_L1 && first <= idx ==>
	      first * 1024 + slot + len <= (idx + 1) * 1024; */
	/*@ assert span_end_other: tbl != PV_MMU_TBL_L1 ==>
	      first * 1024 + slot + len <= (idx + 1) * 1024; */
	//@ assert span_end: first <= idx ==> first * 1024 + slot + len <= (idx + 1) * 1024;
	if (tbl == PV_MMU_TBL_L1 && slot < m->hyp_slot_hi && slot + len > m->hyp_slot_lo)
		return PV_EPERM;
	if (ne.kind != PV_MMU_ENT_FAULT) {
		rc = pv_mmu_check(m, dom, &ne, 0, 0, false);
		if (rc != PV_OK)
			return rc;
	}
	p->ne = ne;
	p->oe = oe;
	p->s = s;
	p->slot = slot;
	p->len = len;
	p->tbl = tbl;
	return PV_OK;
}

/* Apply a decided request: nothing here can fail. */
static void update_commit(struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			  const struct upd_plan *p, struct upd_state *st)
{
	uint32_t *s = p->s;
	const uint32_t slot = p->slot, len = p->len;
	if (len == p->oe.group) {
		/* The common case: the span is exactly the old entry's group. */
		if (p->oe.kind != PV_MMU_ENT_FAULT) {
			/*
			 * It passed pv_mmu_check when it was written: a table
			 * pointer's table is in RAM (pv_mmu_put's index).
			 */
			PV_ASSERT(p->oe.kind == PV_MMU_ENT_LEAF ||
				  pv_mmu_frame_index(m, p->oe.base) != UINT32_MAX);
			pv_mmu_put(m, dom, &p->oe);
			st->released = true;
		}
	} else {
		/*
		 * A larger new group: release every old group inside its span.
		 * (The sizes stay: the loop writes only frame and I/O counts.)
		 */
		struct pv_mmu_ent oe;
		/*@ loop invariant slot + len <= 4096 && slot <= j <= slot + len + 63;
		    loop invariant m->nr_frames == \at(m->nr_frames, Pre) &&
		      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre);
		    loop invariant rel_group: p->ne.group == \at(p->ne.group, Pre);
		    loop assigns j, oe, st->released,
		      \at(m->fr_tc, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
		      \at(m->fr_ro, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
		      \at(m->fr_gmaps, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
		      \at(m->io, Pre)[0 .. \at(m->io_max, Pre) - 1];
		    loop variant slot + len - j; */
		for (uint32_t j = slot; j < slot + len;) {
			int32_t rc = pv_mmu_decode(m, p->tbl, s[j], &oe);
			PV_ASSERT(rc == PV_OK);
			if (oe.kind != PV_MMU_ENT_FAULT) {
				/* As above: a pinned table's entry. */
				PV_ASSERT(oe.kind == PV_MMU_ENT_LEAF ||
					  pv_mmu_frame_index(m, oe.base) != UINT32_MAX);
				pv_mmu_put(m, dom, &oe);
				st->released = true;
			}
			j += oe.group;
		}
	}
	/*
	 * For Frama-C WP (rte_update.c), rule 5 of docs/mmu.md: the span ends
	 * as the new group's replicas (val), then fault entries (0). The
	 * plan's group stays the one decided: the puts and the get write only
	 * counts (rel_group, ne_kept), the loop below only the span, which is
	 * apart from the plan (span_group).
	 */
	//@ assert ne_kept: p->ne.group == \at(p->ne.group, Pre);
	if (p->ne.kind != PV_MMU_ENT_FAULT)
		pv_mmu_get(m, dom, &p->ne);
	/*@ loop invariant span_written: slot + len <= 4096 && 0 <= j <= len;
	    loop invariant span_group: p->ne.group == \at(p->ne.group, Pre);
	    loop invariant span_reps: \forall integer k;
	      slot <= k < slot + j && k < slot + p->ne.group ==> s[k] == val;
	    loop invariant span_zeros: \forall integer k;
	      slot + p->ne.group <= k < slot + j ==> s[k] == 0;
	    loop assigns j, s[slot .. slot + len - 1]; */
	for (uint32_t j = 0; j < len; j++)
		s[slot + j] = j < p->ne.group ? val : 0u;
	pv_port_pt_sync(pv_maddr(ptr), 4u * len);
}

/*
 * Each request is decided in full before anything is written: a refused
 * one returns from update_decide() and leaves no trace.
 */
static int32_t update_one(struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			  struct upd_state *st)
{
	struct upd_plan p;
	int32_t rc = update_decide(m, dom, ptr, val, &p);
	if (rc != PV_OK)
		return rc;
	update_commit(m, dom, ptr, val, &p, st);
	/*
	 * For Frama-C WP (rte_update.c), rule 5 of docs/mmu.md for the slots
	 * written: the new group starts aligned to its size, is val in each of
	 * its slots, and the rest of the span is fault entries.
	 */
	//@ assert rule5_al4: p.len == 4 ==> p.slot % 4 == 0;
	//@ assert rule5_al16: p.len == 16 ==> p.slot % 16 == 0;
	//@ assert rule5_al64: p.len == 64 ==> p.slot % 64 == 0;
	//@ assert rule5_aligned: p.slot % p.ne.group == 0;
	/*@ assert rule5_replicas: \forall integer k;
	      p.slot <= k < p.slot + p.ne.group ==> p.s[k] == val; */
	/*@ assert rule5_faults: \forall integer k;
	      p.slot + p.ne.group <= k < p.slot + p.len ==> p.s[k] == 0; */
	return PV_OK;
}

/*
 * For Frama-C WP (rte_update.c): the batch loop keeps the instance's
 * sizes and every key and grant peer (what its invariant of the instance
 * reads besides the arrays' addresses); 0 == 0 for other files.
 */
#ifndef PV_WP_BATCH_SIZES
#define PV_WP_BATCH_SIZES 0 == 0
#define PV_WP_BATCH_KEYS 0 == 0
#endif

enum pv_status pv_mmu_update(struct pv_mmu *m, pv_domid_t dom,
			     const struct pv_mmu_update_req *reqs, uint32_t count, uint32_t *done)
{
	*done = 0;
	if (!pv_mmu_dom_live(m, dom))
		return PV_ESRCH;
	if (count > PV_MMU_UPDATE_MAX)
		return PV_E2BIG;
	struct upd_state st = { false };
	int32_t rc = PV_OK;
	uint32_t i;
	/*@ loop invariant 0 <= i <= count;
	    loop invariant batch_sizes: PV_WP_BATCH_SIZES;
	    loop invariant batch_keys: PV_WP_BATCH_KEYS;
	    loop assigns i, rc, st.released,
	      \at(m->fr_tc, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->fr_ro, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->fr_gmaps, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->io, Pre)[0 .. \at(m->io_max, Pre) - 1],
	      \at(m->ram, Pre)[0 .. \at(m->nr_frames, Pre) * 1024 - 1]; */
	for (i = 0; i < count; i++) {
		rc = update_one(m, pv_domid_val(dom), reqs[i].ptr, reqs[i].val, &st);
		if (rc != PV_OK)
			break;
	}
	*done = i;
	if (st.released)
		pv_mmu_flush_after_release(m);
	return rc;
}
