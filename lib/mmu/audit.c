/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_audit: recompute every count from the pinned tables and compare.
 *
 * Independent of the incremental bookkeeping in validate.c/update.c except
 * for the decoders and the rule check (which it re-applies to every entry of
 * every pinned table, so a rule broken by a bookkeeping bug shows up too).
 * It also checks the records themselves: the hypervisor slots of every
 * pinned L1 against the template, every I/O region record, and each
 * domain's count of owned frames. Cost: linear in RAM frames plus pinned
 * table entries (plus io_max squared for region overlaps, and one more pass
 * over the frames per scratch-full of domains). Changes nothing.
 *
 * Concurrency: uniprocessor; the caller holds the instance (see mmu.h).
 */
#include "mmu_internal.h"

enum { SC_REF = 0, SC_WR = 1, SC_TREF = 2, SC_GRANT = 3 };

struct audit {
	const struct pv_mmu *m;
	uint32_t *sc; /* 4 words per frame, then one per I/O region */
	struct pv_mmu_audit_report *rep;
};

static int32_t fail(struct audit *a, const char *what, uint16_t dom, uint32_t mfn, uint32_t io)
{
	if (a->rep)
		*a->rep = (struct pv_mmu_audit_report){ .what = what, .dom = pv_domid(dom),
							.mfn = pv_mfn(mfn), .io = io };
	return PV_EINVAL;
}

/* About frame idx of RAM: its real frame number, and its owner. */
static int32_t fail_frame(struct audit *a, uint32_t idx, const char *what)
{
	return fail(a, what, fr_owner(a->m, idx), (a->m->ram_base >> PV_FRAME_SHIFT) + idx,
		    PV_MMU_AUDIT_NO_IO);
}

/* About I/O region slot r, and its owner. */
static int32_t fail_io(struct audit *a, uint32_t r, const char *what)
{
	return fail(a, what, pv_domid_val(a->m->io[r].owner), PV_MMU_AUDIT_NO_FRAME, r);
}

/* About domain d's record (mfn: the frame it names, or PV_MMU_AUDIT_NO_FRAME). */
static int32_t fail_dom(struct audit *a, uint32_t d, uint32_t mfn, const char *what)
{
	return fail(a, what, (uint16_t)d, mfn, PV_MMU_AUDIT_NO_IO);
}

static void count(struct audit *a, uint16_t dom, const struct pv_mmu_ent *e)
{
	const struct pv_mmu *m = a->m;
	uint32_t idx = pv_mmu_frame_index(m, e->base);
	if (e->kind != PV_MMU_ENT_LEAF) {
		a->sc[4 * idx + SC_TREF]++;
		return;
	}
	if (idx == UINT32_MAX) {
		const struct pv_mmu_io_region *r =
			pv_mmu_io_find(m, dom, e->base, e->frames << PV_FRAME_SHIFT);
		a->sc[4 * m->nr_frames + (uint32_t)(r - m->io)]++;
		return;
	}
	for (uint32_t i = 0; i < e->frames; i++) {
		uint32_t *c = &a->sc[4 * (idx + i)];
		c[SC_REF]++;
		c[SC_WR] += e->writable;
		c[SC_GRANT] += fr_owner(m, idx + i) != dom;
	}
}

static int32_t audit_table(struct audit *a, uint32_t idx, unsigned tbl, uint32_t nslots,
			   uint32_t skip_lo, uint32_t skip_hi)
{
	const struct pv_mmu *m = a->m;
	const uint32_t *s = pv_mmu_slot_ptr(m, idx);
	uint16_t dom = fr_owner(m, idx);
	struct pv_mmu_ent e;
	for (uint32_t j = 0; j < nslots;) {
		if (j == skip_lo && skip_hi > skip_lo) {
			j = skip_hi;
			continue;
		}
		if (pv_mmu_decode(m, tbl, s[j], &e) != PV_OK)
			return fail_frame(a, idx, "pinned table holds an undecodable entry");
		if (e.kind == PV_MMU_ENT_FAULT) {
			j++;
			continue;
		}
		if (j & (e.group - 1u))
			return fail_frame(a, idx, "replica group misaligned");
		if (j < skip_hi && j + e.group > skip_lo)
			return fail_frame(a, idx, "replica group covers hypervisor slots");
		for (uint32_t k = 1; k < e.group; k++) {
			if (s[j + k] != s[j])
				return fail_frame(a, idx, "inconsistent replicas");
		}
		if (pv_mmu_check(m, dom, &e, 0, 0, true) != PV_OK)
			return fail_frame(a, idx, "pinned table entry breaks a rule");
		count(a, dom, &e);
		j += e.group;
	}
	return PV_OK;
}

/* The slots an L1 keeps for the hypervisor hold exactly the template. */
static int32_t audit_hyp_slots(struct audit *a, uint32_t idx)
{
	const struct pv_mmu *m = a->m;
	const uint32_t *s = pv_mmu_slot_ptr(m, idx);
	for (uint32_t j = m->hyp_slot_lo; j < m->hyp_slot_hi; j++) {
		if (s[j] != (m->hyp_l1 ? m->hyp_l1[j - m->hyp_slot_lo] : 0u))
			return fail_frame(a, idx, "hypervisor slot differs from the template");
	}
	return PV_OK;
}

/* Every I/O region record is well formed and the used ones are disjoint. */
static int32_t audit_io_records(struct audit *a)
{
	const struct pv_mmu *m = a->m;
	uint32_t ram_last = m->ram_base + (m->ram_size - 1u);
	for (uint32_t i = 0; i < m->io_max; i++) {
		const struct pv_mmu_io_region *r = &m->io[i];
		uint32_t base = pv_maddr_val(r->base);
		if (r->size == 0) {
			if (pv_domid_val(r->owner) != PV_DOMID_NONE_VALUE || base || r->types ||
			    r->maps || r->flags)
				return fail_io(a, i, "unused I/O region record not clear");
			continue;
		}
		if ((base | r->size) & (PV_FRAME_SIZE - 1u))
			return fail_io(a, i, "I/O region misaligned");
		if (r->size - 1u > UINT32_MAX - base)
			return fail_io(a, i, "I/O region wraps around 4 GiB");
		uint32_t last = base + (r->size - 1u);
		if (base <= ram_last && m->ram_base <= last)
			return fail_io(a, i, "I/O region overlaps RAM");
		if (pv_domid_val(r->owner) >= m->nr_domains)
			return fail_io(a, i, "I/O region owner is no domain");
		if (r->types == 0 || r->types > 0x7Fu || (r->flags & ~PV_MMU_IO_WRITE))
			return fail_io(a, i, "I/O region types or flags invalid");
		for (uint32_t k = 0; k < i; k++) {
			const struct pv_mmu_io_region *o = &m->io[k];
			uint32_t ob = pv_maddr_val(o->base);
			if (o->size != 0 && base <= ob + (o->size - 1u) && ob <= last)
				return fail_io(a, i, "I/O regions overlap");
		}
	}
	return PV_OK;
}

/* Frames [lo, hi) belong to the hypervisor or nobody; else what, about the first. */
static int32_t audit_no_guest(struct audit *a, uint32_t lo, uint32_t hi, const char *what)
{
	for (uint32_t i = lo; i < hi; i++) {
		if (fr_owner(a->m, i) <= PV_DOMID_MAX_GUEST)
			return fail_frame(a, i, what);
	}
	return PV_OK;
}

/*
 * The frame table and the template of the hypervisor's L1 slots must be out
 * of every guest's reach: the frames of RAM they occupy (pv_mmu_init found
 * them) belong to the hypervisor or nobody.
 */
static int32_t audit_store(struct audit *a)
{
	const struct pv_mmu *m = a->m;
	int32_t rc = audit_no_guest(a, m->store_lo, m->store_hi, "frame table in a guest's RAM");
	if (rc != PV_OK)
		return rc;
	return audit_no_guest(a, m->tpl_lo, m->tpl_hi, "L1 template in a guest's RAM");
}

/*
 * Each domain's nr_frames against the frame table, counted in the scratch
 * words (free again once the frame counts are compared), as many domains at
 * a time as they hold.
 */
static int32_t audit_domain_frames(struct audit *a, size_t words)
{
	const struct pv_mmu *m = a->m;
	uint32_t chunk = words < m->nr_domains ? (uint32_t)words : m->nr_domains;
	for (uint32_t lo = 0; lo < m->nr_domains; lo += chunk) {
		uint32_t n = m->nr_domains - lo < chunk ? m->nr_domains - lo : chunk;
		for (uint32_t d = 0; d < n; d++)
			a->sc[d] = 0;
		for (uint32_t i = 0; i < m->nr_frames; i++) {
			uint32_t o = (uint32_t)fr_owner(m, i) - lo;
			if (o < n)
				a->sc[o]++;
		}
		for (uint32_t d = 0; d < n; d++) {
			if (m->domains[lo + d].nr_frames != a->sc[d])
				return fail_dom(a, lo + d, PV_MMU_AUDIT_NO_FRAME,
						"owned frame count mismatch");
		}
	}
	return PV_OK;
}

enum pv_status pv_mmu_audit(const struct pv_mmu *m, uint32_t *scratch, size_t words,
			    struct pv_mmu_audit_report *rep)
{
	size_t need = PV_MMU_AUDIT_SCRATCH_WORDS((size_t)m->nr_frames, (size_t)m->io_max);
	if (scratch == NULL || words < need)
		return PV_ENOMEM;
	struct audit a = { m, scratch, rep };
	for (size_t i = 0; i < need; i++)
		scratch[i] = 0;
	uint32_t base_mfn = m->ram_base >> PV_FRAME_SHIFT;
	int32_t rc = audit_io_records(&a);
	if (rc == PV_OK)
		rc = audit_store(&a);
	if (rc != PV_OK)
		return rc;

	/* Pass 1: structure of pinned frames, and recount from the tables. */
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		uint8_t t = fr_ttype(m, i), fl = fr_flags(m, i);
		uint16_t owner = fr_owner(m, i);
		bool pinned = (fl & PV_MMU_FRAME_PINNED) != 0;
		if (t == PV_MMU_FT_RW || t > PV_MMU_FT_FINE)
			return fail_frame(&a, i, "unknown stored frame type");
		if (fl & ~(PV_MMU_FRAME_PINNED | PV_MMU_FRAME_L1_HEAD | PV_MMU_FRAME_GRANT_RW))
			return fail_frame(&a, i, "unknown frame flag");
		if (pinned != (t != PV_MMU_FT_NONE))
			return fail_frame(&a, i, "pinned flag disagrees with type");
		if (pinned && owner >= m->nr_domains)
			return fail_frame(&a, i, "table frame not owned by a guest");
		if (pinned && m->domains[owner].dying)
			return fail_frame(&a, i, "dying domain still has a pinned table");
		if ((fl & PV_MMU_FRAME_L1_HEAD) && t != PV_MMU_FT_L1)
			return fail_frame(&a, i, "L1 head flag on a non-L1 frame");
		if (t == PV_MMU_FT_FINE && m->format != PV_MMU_FMT_V5)
			return fail_frame(&a, i, "fine table on ARMv7");
		if (t == PV_MMU_FT_L1) {
			bool head = ((base_mfn + i) & 3u) == 0;
			if (head != ((fl & PV_MMU_FRAME_L1_HEAD) != 0))
				return fail_frame(&a, i, "L1 head flag misplaced");
			if (!head)
				continue;
			if (m->nr_frames - i < 4)
				return fail_frame(&a, i, "L1 runs off RAM");
			for (uint32_t k = i + 1; k < i + 4; k++) {
				if (fr_ttype(m, k) != PV_MMU_FT_L1 || fr_owner(m, k) != owner)
					return fail_frame(&a, i, "L1 frames disagree");
			}
			rc = audit_hyp_slots(&a, i);
			if (rc != PV_OK)
				return rc;
			rc = audit_table(&a, i, PV_MMU_TBL_L1, PV_MMU_L1_SLOTS, m->hyp_slot_lo,
					 m->hyp_slot_hi);
			if (rc != PV_OK)
				return rc;
		} else if (t == PV_MMU_FT_L2 || t == PV_MMU_FT_FINE) {
			unsigned tbl = t == PV_MMU_FT_L2 ? PV_MMU_TBL_COARSE : PV_MMU_TBL_FINE;
			rc = audit_table(&a, i, tbl, PV_MMU_L2_FRAME_SLOTS, 0, 0);
			if (rc != PV_OK)
				return rc;
		}
	}

	/*
	 * Pass 2: compare the recounted numbers with the records: fr_ro holds
	 * the read-only leaf mappings, fr_tc the writable ones of an ordinary
	 * frame or the L1 pointers into a second-level table.
	 */
	for (uint32_t i = 0; i < m->nr_frames; i++) {
		uint8_t t = fr_ttype(m, i);
		uint16_t owner = fr_owner(m, i), peer = fr_gpeer(m, i);
		uint32_t ro = m->fr_ro[i], tc = m->fr_tc[i];
		const uint32_t *c = &scratch[4 * i];
		if (ro != c[SC_REF] - c[SC_WR])
			return fail_frame(&a, i, "reference count mismatch");
		if (m->fr_gmaps[i] != c[SC_GRANT])
			return fail_frame(&a, i, "grant mapping count mismatch");
		switch (t) {
		case PV_MMU_FT_NONE:
			if (tc != c[SC_WR] || c[SC_TREF])
				return fail_frame(&a, i, "writable type count mismatch");
			break;
		case PV_MMU_FT_L1:
			if (c[SC_WR] || c[SC_TREF] || tc)
				return fail_frame(&a, i, "L1 frame referenced");
			break;
		default:
			if (c[SC_WR] || tc != c[SC_TREF])
				return fail_frame(&a, i, "table type count mismatch");
			break;
		}
		if (m->fr_gpeer[i] > PV_DOMID_NONE_VALUE)
			return fail_frame(&a, i, "grant peer is no domain id");
		/* A group summary that is not MIXED is every key of its group. */
		uint32_t gk = m->fr_group[i >> PV_MMU_GROUP_SHIFT];
		if (gk != PV_MMU_GROUP_MIXED && gk != m->fr_key[i])
			return fail_frame(&a, i, "group summary disagrees with a frame");
		if (owner == PV_DOMID_NONE_VALUE &&
		    (ro || tc || t != PV_MMU_FT_NONE || fr_flags(m, i) || peer != PV_DOMID_NONE_VALUE))
			return fail_frame(&a, i, "free frame in use");
		if (owner != PV_DOMID_NONE_VALUE && owner != PV_DOMID_HYP_VALUE &&
		    owner >= m->nr_domains)
			return fail_frame(&a, i, "owner is no domain");
		if (peer != PV_DOMID_NONE_VALUE) {
			if (peer >= m->nr_domains || peer == owner || owner > PV_DOMID_MAX_GUEST)
				return fail_frame(&a, i, "grant peer invalid");
			if (t != PV_MMU_FT_NONE)
				return fail_frame(&a, i, "page table granted");
		} else if (m->fr_gmaps[i] || (fr_flags(m, i) & PV_MMU_FRAME_GRANT_RW)) {
			return fail_frame(&a, i, "grant state without a grant");
		}
	}
	for (uint32_t r = 0; r < m->io_max; r++) {
		if (m->io[r].maps != scratch[4 * m->nr_frames + r])
			return fail_io(&a, r, "I/O region mapping count mismatch");
	}
	for (uint32_t d = 0; d < m->nr_domains; d++) {
		uint32_t l1 = pv_mfn_val(m->domains[d].active_l1);
		if (l1 == PV_MMU_NO_L1)
			continue;
		if (m->domains[d].dying)
			return fail_dom(&a, d, l1, "dying domain has an active L1");
		uint32_t i = l1 - base_mfn;
		if (i >= m->nr_frames || !(fr_flags(m, i) & PV_MMU_FRAME_L1_HEAD) || fr_owner(m, i) != d)
			return fail_dom(&a, d, l1, "active L1 is not a pinned L1 of the domain");
	}
	return audit_domain_frames(&a, words);
}
