/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Instance set-up, the frame table (ownership), grants, I/O regions, the
 * active base and domain teardown.
 *
 * Concurrency: uniprocessor; the caller holds the instance (see mmu.h).
 */
#include "mmu_internal.h"

/*
 * The frames of the RAM window (ram, nf frames) that [p, p + bytes) occupies,
 * as [*lo, *hi); left as they are (empty) when it lies outside the window
 * or bytes is 0.
 */
static void window_frames(const void *ram, uint32_t nf, const void *p, size_t bytes, uint32_t *lo,
			  uint32_t *hi)
{
	/* Offsets into the window, never addresses past it: the window may
	 * end at the top of the address space. win < 4 GiB (pv_mmu_init). */
	uintptr_t b = (uintptr_t)p, rw = (uintptr_t)ram, win = (uintptr_t)nf << PV_FRAME_SHIFT;
	uintptr_t first, past; /* the window's bytes it holds: [first, past) */
	if (b >= rw) {
		if (b - rw >= win)
			return;
		first = b - rw;
		past = bytes > win - first ? win : first + bytes;
	} else {
		if (bytes <= rw - b)
			return;
		first = 0;
		past = bytes - (rw - b) > win ? win : bytes - (rw - b);
	}
	if (past == first)
		return;
	*lo = (uint32_t)(first >> PV_FRAME_SHIFT);
	*hi = (uint32_t)((past + PV_FRAME_SIZE - 1u) >> PV_FRAME_SHIFT);
}

enum pv_status pv_mmu_init(struct pv_mmu *m, const struct pv_mmu_config *c)
{
	if (m == NULL || c == NULL)
		return PV_EINVAL;
	if (c->format != PV_MMU_FMT_V5 && c->format != PV_MMU_FMT_V7)
		return PV_EINVAL;
	uint32_t base = pv_maddr_val(c->ram_base);
	if (c->ram == NULL || ((uintptr_t)c->ram & 3u) || (base & (PV_FRAME_SIZE - 1u)) ||
	    (c->ram_size & (PV_FRAME_SIZE - 1u)))
		return PV_EALIGN;
	if (c->ram_size == 0 || c->ram_size - 1u > UINT32_MAX - base)
		return PV_EINVAL;
	uint32_t nf = c->ram_size >> PV_FRAME_SHIFT;
	if (c->frame_store == NULL || c->frame_store_words < PV_MMU_FRAME_STORE_WORDS(nf) ||
	    c->domains == NULL || c->nr_domains == 0 || (c->io_max != 0 && c->io == NULL))
		return PV_ENOMEM;
	if (c->nr_domains > PV_DOMID_MAX_GUEST + 1u)
		return PV_EINVAL;
	if ((uintptr_t)c->frame_store & 3u)
		return PV_EALIGN;
	uint32_t hva = pv_gvaddr_val(c->hyp_va_base);
	if ((hva & 0xFFFFFu) || (c->hyp_va_size & 0xFFFFFu))
		return PV_EALIGN;
	if (c->hyp_va_size != 0 && c->hyp_va_size - 1u > UINT32_MAX - hva)
		return PV_EINVAL;
	if (c->hyp_domain > 15 || ((c->guest_domains >> c->hyp_domain) & 1u))
		return PV_EINVAL;
	if (c->ram_types == 0 || (c->ram_types & ~(uint32_t)PV_MMU_MT_NORMAL_ALL))
		return PV_EINVAL;
	/*
	 * The window's L1 slots [lo, hi). An empty window is [0, 0), as in a
	 * second-level table: every test of a slot or a range against the
	 * window is then false. ([b, b) would still meet a range or a replica
	 * group that crosses slot b, in the checks written as lo < end && hi > start.)
	 */
	uint32_t slot_lo = c->hyp_va_size != 0 ? hva >> 20 : 0u;

	*m = (struct pv_mmu){
		.format = c->format,
		.ram = c->ram,
		.ram_base = base,
		.ram_size = c->ram_size,
		.nr_frames = nf,
		.fr_key = c->frame_store,
		.fr_ro = c->frame_store + nf,
		.fr_tc = c->frame_store + 2u * (size_t)nf,
		.fr_gmaps = c->frame_store + 3u * (size_t)nf,
		.fr_gpeer = c->frame_store + 4u * (size_t)nf,
		.fr_group = c->frame_store + 5u * (size_t)nf,
		.domains = c->domains,
		.nr_domains = c->nr_domains,
		.guest_domains = c->guest_domains,
		.hyp_domain = c->hyp_domain,
		.ram_types = c->ram_types,
		.allow_global = c->allow_global,
		.io = c->io,
		.io_max = c->io_max,
		.hyp_slot_lo = slot_lo,
		.hyp_slot_hi = slot_lo + (c->hyp_va_size >> 20),
		.hyp_l1 = c->hyp_l1,
	};
	/* The frames of the RAM window the frame store occupies, if any, and
	 * those the template of the hypervisor's L1 slots does (one word a
	 * slot): no guest may own either (pv_mmu_frame_assign). */
	window_frames(c->ram, nf, c->frame_store, PV_MMU_FRAME_STORE_WORDS(nf) * sizeof(uint32_t),
		      &m->store_lo, &m->store_hi);
	if (c->hyp_l1 != NULL)
		window_frames(c->ram, nf, c->hyp_l1,
			      (size_t)(m->hyp_slot_hi - m->hyp_slot_lo) * sizeof(uint32_t), &m->tpl_lo,
			      &m->tpl_hi);
	for (uint32_t i = 0; i < nf; i++) {
		m->fr_key[i] = pv_mmu_key(PV_DOMID_NONE_VALUE, PV_MMU_FT_NONE, 0);
		m->fr_ro[i] = m->fr_tc[i] = m->fr_gmaps[i] = 0;
		m->fr_gpeer[i] = PV_DOMID_NONE_VALUE;
	}
	pv_mmu_group_sync(m, 0, nf);
	for (uint32_t i = 0; i < c->nr_domains; i++)
		m->domains[i] = (struct pv_mmu_domain){ .active_l1 = pv_mfn(PV_MMU_NO_L1) };
	for (uint32_t i = 0; i < c->io_max; i++)
		m->io[i] = (struct pv_mmu_io_region){ .owner = pv_domid_none() };
	return PV_OK;
}

void pv_mmu_group_sync(struct pv_mmu *m, uint32_t lo, uint32_t hi)
{
	/*@ loop invariant lo / 64 <= g <= (hi - 1) / 64 + 1;
	    loop assigns g, m->fr_group[lo / 64 .. (hi - 1) / 64];
	    loop variant (hi - 1) / 64 + 1 - g; */
	for (uint32_t g = lo >> PV_MMU_GROUP_SHIFT; g <= (hi - 1u) >> PV_MMU_GROUP_SHIFT; g++) {
		uint32_t first = g << PV_MMU_GROUP_SHIFT;
		uint32_t n = m->nr_frames - first < PV_MMU_GROUP ? m->nr_frames - first : PV_MMU_GROUP;
		uint32_t k = m->fr_key[first], diff = 0;
		/*@ loop invariant first + 1 <= i <= first + n;
		    loop assigns i, diff;
		    loop variant first + n - i; */
		for (uint32_t i = first + 1u; i < first + n; i++)
			diff |= m->fr_key[i] ^ k;
		m->fr_group[g] = diff ? PV_MMU_GROUP_MIXED : k;
	}
}

/* [mfn, mfn+count) as frame indices, or PV_ERANGE (outside RAM) / PV_EINVAL (count 0). */
static int32_t frame_range(const struct pv_mmu *m, pv_mfn_t mfn, uint32_t count, uint32_t *idx)
{
	if (count == 0)
		return PV_EINVAL;
	uint32_t first = pv_mfn_val(mfn) - (m->ram_base >> PV_FRAME_SHIFT);
	if (first >= m->nr_frames || count > m->nr_frames - first)
		return PV_ERANGE;
	*idx = first;
	return PV_OK;
}

/* Whether [idx, idx + count) meets the frames [lo, hi). */
static inline bool frames_meet(uint32_t idx, uint32_t count, uint32_t lo, uint32_t hi)
{
	return idx < hi && lo < idx + count;
}

enum pv_status pv_mmu_frame_assign(struct pv_mmu *m, pv_mfn_t mfn, uint32_t count, pv_domid_t dom)
{
	uint16_t d = pv_domid_val(dom);
	if (!pv_mmu_dom_live(m, dom) && d != PV_DOMID_HYP_VALUE)
		return PV_ESRCH;
	uint32_t idx;
	int32_t rc = frame_range(m, mfn, count, &idx);
	if (rc != PV_OK)
		return rc;
	for (uint32_t i = idx; i < idx + count; i++) {
		if (fr_owner(m, i) != PV_DOMID_NONE_VALUE)
			return PV_EEXIST;
	}
	/* The validator's own records, and the template it copies into every
	 * pinned L1's hypervisor slots, are never a guest's memory. */
	if (d != PV_DOMID_HYP_VALUE && (frames_meet(idx, count, m->store_lo, m->store_hi) ||
					frames_meet(idx, count, m->tpl_lo, m->tpl_hi)))
		return PV_EPERM;
	/* A free frame has nothing else in its record (pv_mmu_audit). */
	for (uint32_t i = idx; i < idx + count; i++)
		fr_set(m, i, d, PV_MMU_FT_NONE, 0);
	pv_mmu_group_sync(m, idx, idx + count);
	if (d != PV_DOMID_HYP_VALUE)
		m->domains[d].nr_frames += count;
	return PV_OK;
}

enum pv_status pv_mmu_frame_free(struct pv_mmu *m, pv_mfn_t mfn, uint32_t count, pv_domid_t dom)
{
	uint16_t d = pv_domid_val(dom);
	if (!pv_mmu_dom_ok(m, dom) && d != PV_DOMID_HYP_VALUE)
		return PV_ESRCH;
	uint32_t idx;
	int32_t rc = frame_range(m, mfn, count, &idx);
	if (rc != PV_OK)
		return rc;
	for (uint32_t i = idx; i < idx + count; i++) {
		if (fr_owner(m, i) != d)
			return PV_EXDEV;
		if (m->fr_ro[i] || m->fr_tc[i] || fr_ttype(m, i) != PV_MMU_FT_NONE ||
		    fr_gpeer(m, i) != PV_DOMID_NONE_VALUE)
			return PV_EBUSY;
	}
	for (uint32_t i = idx; i < idx + count; i++)
		fr_set(m, i, PV_DOMID_NONE_VALUE, PV_MMU_FT_NONE, 0);
	pv_mmu_group_sync(m, idx, idx + count);
	if (d != PV_DOMID_HYP_VALUE)
		m->domains[d].nr_frames -= count;
	return PV_OK;
}

enum pv_status pv_mmu_frame_access(const struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn, bool write)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	uint32_t idx;
	if (frame_range(m, mfn, 1, &idx) != PV_OK)
		return PV_ERANGE;
	uint16_t d = pv_domid_val(dom), owner = fr_owner(m, idx);
	if (owner != d) {
		if (fr_gpeer(m, idx) != d)
			return owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
		if (write && !(fr_flags(m, idx) & PV_MMU_FRAME_GRANT_RW))
			return PV_EACCES;
	}
	if (write && fr_ttype(m, idx) != PV_MMU_FT_NONE)
		return PV_ETYPE;
	return PV_OK;
}

enum pv_status pv_mmu_frame_info(const struct pv_mmu *m, pv_mfn_t mfn, struct pv_mmu_frame *out)
{
	uint32_t i;
	if (frame_range(m, mfn, 1, &i) != PV_OK)
		return PV_ERANGE;
	*out = (struct pv_mmu_frame){
		.ref_count = fr_refs(m, i),
		.type_count = m->fr_tc[i],
		.grant_maps = m->fr_gmaps[i],
		.owner = pv_domid(fr_owner(m, i)),
		.grant_peer = pv_domid(fr_gpeer(m, i)),
		.type = fr_type(m, i),
		.flags = fr_flags(m, i),
	};
	return PV_OK;
}

enum pv_status pv_mmu_io_assign(struct pv_mmu *m, pv_domid_t dom, pv_maddr_t base, uint32_t size,
				uint32_t types, uint32_t flags)
{
	if (!pv_mmu_dom_live(m, dom))
		return PV_ESRCH;
	uint32_t b = pv_maddr_val(base);
	if ((b | size) & (PV_FRAME_SIZE - 1u))
		return PV_EALIGN;
	if (size == 0 || size - 1u > UINT32_MAX - b || (flags & ~PV_MMU_IO_WRITE) ||
	    types == 0 || types > 0x7Fu)
		return PV_EINVAL;
	uint32_t last = b + (size - 1u), ram_last = m->ram_base + (m->ram_size - 1u);
	if (b <= ram_last && m->ram_base <= last)
		return PV_EINVAL;
	uint32_t slot = UINT32_MAX;
	for (uint32_t i = 0; i < m->io_max; i++) {
		const struct pv_mmu_io_region *r = &m->io[i];
		if (r->size == 0) {
			if (slot == UINT32_MAX)
				slot = i;
			continue;
		}
		if (b <= pv_maddr_val(r->base) + (r->size - 1u) && pv_maddr_val(r->base) <= last)
			return PV_EEXIST;
	}
	if (slot == UINT32_MAX)
		return PV_ENOSPC;
	m->io[slot] = (struct pv_mmu_io_region){
		.base = base, .size = size, .types = types, .maps = 0,
		.owner = dom, .flags = (uint16_t)flags,
	};
	return PV_OK;
}

enum pv_status pv_mmu_io_revoke(struct pv_mmu *m, pv_domid_t dom, pv_maddr_t base)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	for (uint32_t i = 0; i < m->io_max; i++) {
		struct pv_mmu_io_region *r = &m->io[i];
		if (r->size == 0 || !pv_domid_eq(r->owner, dom) ||
		    pv_maddr_val(r->base) != pv_maddr_val(base))
			continue;
		if (r->maps != 0)
			return PV_EBUSY;
		*r = (struct pv_mmu_io_region){ .owner = pv_domid_none() };
		return PV_OK;
	}
	return PV_ENOENT;
}

static int32_t owned_frame(const struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn, uint32_t *out)
{
	if (!pv_mmu_dom_ok(m, owner))
		return PV_ESRCH;
	uint32_t idx;
	if (frame_range(m, mfn, 1, &idx) != PV_OK)
		return PV_ERANGE;
	if (fr_owner(m, idx) != pv_domid_val(owner))
		return PV_EXDEV;
	*out = idx;
	return PV_OK;
}

enum pv_status pv_mmu_grant(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn, pv_domid_t peer,
			    bool writable)
{
	uint32_t i;
	if (!pv_mmu_dom_live(m, owner) || !pv_mmu_dom_live(m, peer))
		return PV_ESRCH;
	int32_t rc = owned_frame(m, owner, mfn, &i);
	if (rc != PV_OK)
		return rc;
	if (pv_domid_eq(owner, peer))
		return PV_EINVAL;
	if (fr_ttype(m, i) != PV_MMU_FT_NONE)
		return PV_ETYPE;
	if (fr_gpeer(m, i) != PV_DOMID_NONE_VALUE)
		return PV_EEXIST;
	m->fr_gpeer[i] = pv_domid_val(peer);
	if (writable)
		fr_set(m, i, fr_owner(m, i), PV_MMU_FT_NONE,
		       (uint8_t)(fr_flags(m, i) | PV_MMU_FRAME_GRANT_RW));
	return PV_OK;
}

enum pv_status pv_mmu_grant_revoke(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn)
{
	uint32_t i;
	int32_t rc = owned_frame(m, owner, mfn, &i);
	if (rc != PV_OK)
		return rc;
	if (fr_gpeer(m, i) == PV_DOMID_NONE_VALUE)
		return PV_ENOENT;
	if (m->fr_gmaps[i] != 0)
		return PV_EBUSY;
	m->fr_gpeer[i] = PV_DOMID_NONE_VALUE;
	fr_set(m, i, fr_owner(m, i), PV_MMU_FT_NONE,
	       (uint8_t)(fr_flags(m, i) & ~PV_MMU_FRAME_GRANT_RW));
	pv_mmu_group_sync(m, i, i + 1u);
	return PV_OK;
}

enum pv_status pv_mmu_switch_base(struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn)
{
	if (!pv_mmu_dom_live(m, dom))
		return PV_ESRCH;
	if (pv_mfn_val(mfn) & 3u) /* an L1 starts at a 16 KiB boundary */
		return PV_EALIGN;
	uint32_t idx = pv_mmu_mfn_index(m, mfn);
	if (idx == UINT32_MAX)
		return PV_ERANGE;
	uint16_t owner = fr_owner(m, idx);
	if (owner != pv_domid_val(dom))
		return owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
	uint8_t t = fr_ttype(m, idx);
	if (t != PV_MMU_FT_L1)
		return t == PV_MMU_FT_NONE ? PV_ENOTPINNED : PV_ETYPE;
	m->domains[pv_domid_val(dom)].active_l1 = mfn;
	return PV_OK;
}

/*
 * Domain teardown, one loop per step; each loop carries its invariants
 * for verification/wp/rte_destroy.c (comments to the compiler): the
 * instance's sizes stay, and a frame record is as it was or is one of d's
 * frames released (untyped, unflagged: its key the owner alone).
 */

/* Release d's pinned L1s (they hold the L2s' type counts). */
static bool release_l1s(struct pv_mmu *m, uint16_t d)
{
	bool released = false;
	/*@ loop invariant destroy_l1s_i: 0 <= i <= m->nr_frames;
	    loop invariant destroy_l1s_sizes: m->nr_frames == \at(m->nr_frames, Pre) &&
	      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) &&
	      m->hyp_slot_lo == \at(m->hyp_slot_lo, Pre) && m->hyp_slot_hi == \at(m->hyp_slot_hi, Pre);
	    loop invariant destroy_l1s_keys: \forall integer k; 0 <= k < m->nr_frames ==>
	      m->fr_key[k] == \at(m->fr_key[k], Pre) || m->fr_key[k] == d;
	    loop assigns i, released, m->fr_key[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_tc[0 .. \at(m->nr_frames, Pre) - 1], m->fr_ro[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_gmaps[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_group[0 .. (\at(m->nr_frames, Pre) + 63) / 64 - 1],
	      m->io[0 .. \at(m->io_max, Pre) - 1].maps, m->ram[0 .. \at(m->nr_frames, Pre) * 1024 - 1]; */
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		if (fr_owner(m, i) == d && (fr_flags(m, i) & PV_MMU_FRAME_L1_HEAD)) {
			/*@ assert m->fr_key[i] == \at(m->fr_key[\at(i, Here)], Pre); */
			pv_mmu_table_release(m, i);
			released = true;
		}
	}
	return released;
}

/* Release d's other pinned tables: one frame each, once its L1s are gone. */
static bool release_tables(struct pv_mmu *m, uint16_t d)
{
	bool released = false;
	/*@ loop invariant destroy_tables_i: 0 <= i <= \at(m->nr_frames, Pre);
	    loop invariant destroy_tables_sizes: m->nr_frames == \at(m->nr_frames, Pre) &&
	      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) &&
	      m->hyp_slot_lo == \at(m->hyp_slot_lo, Pre) && m->hyp_slot_hi == \at(m->hyp_slot_hi, Pre);
	    loop invariant destroy_tables_keys: \forall integer k; 0 <= k < m->nr_frames ==>
	      m->fr_key[k] == \at(m->fr_key[k], Pre) || m->fr_key[k] == d;
	    loop assigns i, released, m->fr_key[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_tc[0 .. \at(m->nr_frames, Pre) - 1], m->fr_ro[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_gmaps[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_group[0 .. (\at(m->nr_frames, Pre) + 63) / 64 - 1],
	      m->io[0 .. \at(m->io_max, Pre) - 1].maps, m->ram[0 .. \at(m->nr_frames, Pre) * 1024 - 1]; */
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		if (fr_owner(m, i) == d && (fr_flags(m, i) & PV_MMU_FRAME_PINNED)) {
			PV_ASSERT(m->fr_tc[i] == 0);
			/* Each of d's L1s went with its head: no L1 frame is left. */
			PV_ASSERT(fr_ttype(m, i) != PV_MMU_FT_L1);
			/*@ assert m->fr_key[i] == \at(m->fr_key[\at(i, Here)], Pre); */
			pv_mmu_table_release(m, i);
			released = true;
		}
	}
	return released;
}

/* Whether a peer still maps one of d's frames. */
static bool peer_maps(const struct pv_mmu *m, uint16_t d)
{
	/*@ loop invariant destroy_maps_i: 0 <= i <= m->nr_frames;
	    loop assigns i; */
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		if (fr_owner(m, i) == d && m->fr_gmaps[i] != 0)
			return true;
	}
	return false;
}

/* End d's grants to others and free its frames. */
static void free_frames(struct pv_mmu *m, uint16_t d)
{
	/*@ loop invariant destroy_frames_i: 0 <= i <= \at(m->nr_frames, Pre);
	    loop invariant destroy_frames_sizes: m->nr_frames == \at(m->nr_frames, Pre) &&
	      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre);
	    loop assigns i, m->fr_key[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_gpeer[0 .. \at(m->nr_frames, Pre) - 1],
	      m->fr_group[0 .. (\at(m->nr_frames, Pre) + 63) / 64 - 1]; */
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		/*@ assert (i >> 6) < (m->nr_frames + 63) / 64; */
		if (fr_gpeer(m, i) == d) {
			PV_ASSERT(m->fr_gmaps[i] == 0);
			m->fr_gpeer[i] = PV_DOMID_NONE_VALUE;
			fr_set(m, i, fr_owner(m, i), PV_MMU_FT_NONE,
			       (uint8_t)(fr_flags(m, i) & ~PV_MMU_FRAME_GRANT_RW));
		}
		if (fr_owner(m, i) == d) {
			PV_ASSERT(fr_refs(m, i) == 0 && fr_ttype(m, i) == PV_MMU_FT_NONE);
			fr_set(m, i, PV_DOMID_NONE_VALUE, PV_MMU_FT_NONE, 0);
			m->fr_gpeer[i] = PV_DOMID_NONE_VALUE;
		}
	}
}

/* Take back d's I/O regions. */
static void free_io(struct pv_mmu *m, uint16_t d)
{
	/*@ loop invariant destroy_io_i: 0 <= i <= \at(m->io_max, Pre);
	    loop invariant destroy_io_sizes: m->nr_frames == \at(m->nr_frames, Pre) &&
	      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre);
	    loop assigns i, m->io[0 .. \at(m->io_max, Pre) - 1]; */
	for (uint32_t i = 0; i < m->io_max; i++) {
		if (m->io[i].size != 0 && pv_domid_val(m->io[i].owner) == d) {
			PV_ASSERT(m->io[i].maps == 0);
			m->io[i] = (struct pv_mmu_io_region){ .owner = pv_domid_none() };
		}
	}
}

enum pv_status pv_mmu_domain_destroy(struct pv_mmu *m, pv_domid_t dom)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	uint16_t d = pv_domid_val(dom);
	/*
	 * Step 1, always: the domain is marked dying, so no grant peer can add
	 * a mapping of its frames and it can build nothing new itself; its
	 * tables go (L1s first, they hold the L2s' type counts). This drops its
	 * own mappings of frames other domains granted it, so two domains that
	 * map each other's frames can both go.
	 */
	m->domains[d].dying = true;
	m->domains[d].active_l1 = pv_mfn(PV_MMU_NO_L1);
	/* For verification/wp/rte_destroy.c: the domain record is apart from
	 * the instance and the frame records. */
	/*@ assert destroy_marked: m->nr_frames == \at(m->nr_frames, Pre) &&
	      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) &&
	      m->hyp_slot_lo == \at(m->hyp_slot_lo, Pre) && m->hyp_slot_hi == \at(m->hyp_slot_hi, Pre) &&
	      m->nr_domains == \at(m->nr_domains, Pre) &&
	      \forall integer k; 0 <= k < m->nr_frames ==> m->fr_key[k] == \at(m->fr_key[k], Pre); */
	bool released = release_l1s(m, d);
	/* For verification/wp/rte_destroy.c: the instance's sizes stay. */
	/*@ assert m->nr_frames == \at(m->nr_frames, Pre) && m->io_max == \at(m->io_max, Pre); */
	if (release_tables(m, d))
		released = true;
	/*@ assert m->nr_frames == \at(m->nr_frames, Pre) && m->io_max == \at(m->io_max, Pre); */
	if (released)
		pv_mmu_flush_after_release(m);
	/* Step 2: its frames can be freed only once no peer maps them. */
	if (peer_maps(m, d))
		return PV_EBUSY;
	free_frames(m, d);
	/*@ assert m->nr_frames == \at(m->nr_frames, Pre) && m->io_max == \at(m->io_max, Pre); */
	free_io(m, d);
	/*@ assert m->nr_frames == \at(m->nr_frames, Pre) && m->io_max == \at(m->io_max, Pre); */
	pv_mmu_group_sync(m, 0, m->nr_frames);
	m->domains[d].nr_frames = 0;
	m->domains[d].dying = false;
	return PV_OK;
}
