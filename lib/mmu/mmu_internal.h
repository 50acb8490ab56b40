/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/mmu internals: the decoded form of a descriptor that the format files
 * produce and the validator consumes, and the helpers shared between files.
 */
#ifndef PVLIB_MMU_INTERNAL_H
#define PVLIB_MMU_INTERNAL_H

#include <pvlib/mmu.h>
#include <pvlib/port.h>

/* What a descriptor is, once decoded. */
enum {
	PV_MMU_ENT_FAULT = 0,  /* no translation */
	PV_MMU_ENT_LEAF = 1,   /* maps memory (page, section, supersection) */
	PV_MMU_ENT_COARSE = 2, /* L1 entry pointing to a 1 KiB coarse table */
	PV_MMU_ENT_FINE = 3,   /* ARMv5 L1 entry pointing to a 4 KiB fine table */
};

/* Which kind of table a slot lives in (selects the decoder). */
enum {
	PV_MMU_TBL_L1 = 0,
	PV_MMU_TBL_COARSE = 1,
	PV_MMU_TBL_FINE = 2,
};

#define PV_MMU_L1_SLOTS 4096u
#define PV_MMU_L2_FRAME_SLOTS 1024u /* slots in one 4 KiB frame */
#define PV_MMU_NO_DOMAIN 0xFFu

/*
 * Every field a word: the decoders write the fields one by one and the
 * checks read them back, and a spilled byte field read back as part of a
 * wider load costs a failed store-to-load forwarding on each entry.
 */
struct pv_mmu_ent {
	uint32_t kind;     /* PV_MMU_ENT_* */
	uint32_t writable; /* leaf: some processor mode may write */
	uint32_t mt;       /* leaf: enum pv_mmu_memtype */
	uint32_t domain;   /* L1 entries: ARM domain; else PV_MMU_NO_DOMAIN */
	uint32_t global;   /* leaf: ARMv7 nG = 0 (not tagged with an ASID) */
	uint32_t group;   /* slots the descriptor is replicated over: 1,4,16,64 */
	uint32_t base;    /* leaf: first mapped frame's address; table: its base */
	uint32_t frames;  /* leaf: frames covered (a tiny page covers 1) */
};

/*
 * What the software walk (translate.c) needs of a leaf beyond its decoded
 * form: the format files fill it from the same descriptor, next to the
 * decoders, for a descriptor the decoder has accepted as a leaf. Kept out of
 * struct pv_mmu_ent so that the validator's decoding does not grow.
 */
struct pv_mmu_leaf {
	uint32_t span; /* log2 of the bytes mapped (10 tiny .. 24 supersection) */
	uint32_t out;  /* output address of the first byte (2^span aligned) */
	uint32_t user; /* USR-mode rights per quarter k of the span (ARMv5
			  subpages): PV_MMU_USER_R(k), PV_MMU_USER_W(k) */
};
#define PV_MMU_USER_R(k) (1u << (k))
#define PV_MMU_USER_W(k) (1u << (4u + (k)))

/*
 * Every decoder starts here, so that every field is defined on every path
 * (a fault entry until the descriptor says otherwise). Field by field, not
 * as one block: the stores a path overwrites right away are then dead and
 * the compiler drops them.
 */
static inline void pv_mmu_ent_init(struct pv_mmu_ent *e, uint8_t domain)
{
	e->kind = PV_MMU_ENT_FAULT;
	e->writable = 0;
	e->mt = 0;
	e->domain = domain;
	e->global = 0;
	e->group = 1;
	e->base = 0;
	e->frames = 0;
}

/*
 * Format decoders (fmt_v5.h, fmt_v7.h): PV_OK, or PV_EINVAL / PV_ERANGE for
 * an encoding the rules refuse whatever it points at. Header-only so that
 * the table walks inline them (the hot path has no per-entry calls).
 */
#include "fmt_v5.h"
#include "fmt_v7.h"

static inline int32_t pv_mmu_decode(const struct pv_mmu *m, unsigned tbl, uint32_t d,
				    struct pv_mmu_ent *e)
{
	if (m->format == PV_MMU_FMT_V7)
		return tbl == PV_MMU_TBL_L1 ? pv_mmu_v7_decode_l1(d, e) : pv_mmu_v7_decode_l2(d, e);
	if (tbl == PV_MMU_TBL_L1)
		return pv_mmu_v5_decode_l1(d, e);
	return tbl == PV_MMU_TBL_COARSE ? pv_mmu_v5_decode_coarse(d, e) : pv_mmu_v5_decode_fine(d, e);
}

/* The walk's view of a descriptor pv_mmu_decode() accepted as a leaf. */
static inline void pv_mmu_leaf(const struct pv_mmu *m, unsigned tbl, uint32_t d,
			       struct pv_mmu_leaf *l)
{
	if (m->format == PV_MMU_FMT_V7)
		pv_mmu_v7_leaf(tbl == PV_MMU_TBL_L1, d, l);
	else
		pv_mmu_v5_leaf(tbl, d, l);
}

/* pv_mmu_translate(), and *span: log2 of the bytes the leaf found maps
 * (every address of that aligned block translates alike; maint.c walks a
 * range leaf by leaf). */
enum pv_status pv_mmu_translate_span(const struct pv_mmu *m, pv_domid_t dom, pv_gvaddr_t gva,
				     struct pv_mmu_xlate *x, uint32_t *span);

/* Frame index of machine address ma, or UINT32_MAX if outside RAM. */
static inline uint32_t pv_mmu_frame_index(const struct pv_mmu *m, uint32_t ma)
{
	uint32_t off = ma - m->ram_base;
	return off < m->ram_size ? off >> PV_FRAME_SHIFT : UINT32_MAX;
}

/* Index of frame mfn in the frame table, or UINT32_MAX outside RAM. */
static inline uint32_t pv_mmu_mfn_index(const struct pv_mmu *m, pv_mfn_t mfn)
{
	uint32_t i = pv_mfn_val(mfn) - (m->ram_base >> PV_FRAME_SHIFT);
	return i < m->nr_frames ? i : UINT32_MAX;
}

static inline uint32_t *pv_mmu_slot_ptr(const struct pv_mmu *m, uint32_t idx)
{
	return m->ram + (size_t)idx * (PV_FRAME_SIZE / 4u);
}

/*
 * The frame table's key word: owner in bits [15:0], the stored type in
 * [23:16], flags in [31:24]. The stored type is NONE or a table type, never
 * RW: an ordinary frame is RW exactly when its type count (fr_tc, its
 * writable mappings) is not zero. Keeping RW implicit lets a writable
 * mapping touch one counter, and the fast checks compare whole keys: a
 * key equal to the bare domain id is a frame of that domain that is no
 * table and has no flags (not pinned, not granted writable).
 */
#define PV_MMU_KEY_OWNER 0x0000FFFFu
#define PV_MMU_KEY_TYPE_SHIFT 16
#define PV_MMU_KEY_FLAGS_SHIFT 24

static inline uint32_t pv_mmu_key(uint16_t owner, uint8_t ttype, uint8_t flags)
{
	return (uint32_t)owner | (uint32_t)ttype << PV_MMU_KEY_TYPE_SHIFT |
	       (uint32_t)flags << PV_MMU_KEY_FLAGS_SHIFT;
}

static inline uint16_t fr_owner(const struct pv_mmu *m, uint32_t i)
{
	return (uint16_t)(m->fr_key[i] & PV_MMU_KEY_OWNER);
}

/* The stored type: PV_MMU_FT_NONE or a table type. */
static inline uint8_t fr_ttype(const struct pv_mmu *m, uint32_t i)
{
	return (uint8_t)(m->fr_key[i] >> PV_MMU_KEY_TYPE_SHIFT);
}

static inline uint8_t fr_flags(const struct pv_mmu *m, uint32_t i)
{
	return (uint8_t)(m->fr_key[i] >> PV_MMU_KEY_FLAGS_SHIFT);
}

/*
 * Group summaries: fr_group[g] is the key every frame of the aligned group
 * g of PV_MMU_GROUP frames has, or PV_MMU_GROUP_MIXED (never a key: no
 * owner 0xFFFF has a type). A summary may say MIXED when the keys happen to
 * agree, never the reverse: every key write that differs from its group's
 * summary makes it MIXED, and pv_mmu_group_sync() recomputes summaries
 * after the operations that can make a group uniform again (assign, free,
 * unpin, revoke, destroy). The pin walk's blocks check one summary instead
 * of 64 keys.
 */
#define PV_MMU_GROUP_SHIFT 6
#define PV_MMU_GROUP (1u << PV_MMU_GROUP_SHIFT)
#define PV_MMU_GROUP_MIXED UINT32_MAX

static inline void fr_set(struct pv_mmu *m, uint32_t i, uint16_t owner, uint8_t ttype,
			  uint8_t flags)
{
	uint32_t k = pv_mmu_key(owner, ttype, flags);
	uint32_t *g = &m->fr_group[i >> PV_MMU_GROUP_SHIFT];
	m->fr_key[i] = k;
	if (*g != k)
		*g = PV_MMU_GROUP_MIXED;
}

/* Recompute the summaries of the groups holding frames [lo, hi). */
void pv_mmu_group_sync(struct pv_mmu *m, uint32_t lo, uint32_t hi);

/* The type as reported: RW for an ordinary frame with writable mappings. */
static inline uint8_t fr_type(const struct pv_mmu *m, uint32_t i)
{
	uint8_t t = fr_ttype(m, i);
	if (t != PV_MMU_FT_NONE)
		return t;
	return m->fr_tc[i] != 0 ? (uint8_t)PV_MMU_FT_RW : (uint8_t)PV_MMU_FT_NONE;
}

/* Leaf mappings of the frame, read-only and writable. */
static inline uint32_t fr_refs(const struct pv_mmu *m, uint32_t i)
{
	return m->fr_ro[i] + (fr_ttype(m, i) == PV_MMU_FT_NONE ? m->fr_tc[i] : 0u);
}

static inline uint16_t fr_gpeer(const struct pv_mmu *m, uint32_t i)
{
	return (uint16_t)m->fr_gpeer[i];
}

static inline bool pv_mmu_dom_ok(const struct pv_mmu *m, pv_domid_t d)
{
	return pv_domid_val(d) < m->nr_domains;
}

/* A domain that exists and is not being destroyed. */
static inline bool pv_mmu_dom_live(const struct pv_mmu *m, pv_domid_t d)
{
	return pv_mmu_dom_ok(m, d) && !m->domains[pv_domid_val(d)].dying;
}

/* The I/O region of dom containing [base, base+len), or NULL. */
struct pv_mmu_io_region *pv_mmu_io_find(const struct pv_mmu *m, uint16_t dom, uint32_t base,
					uint32_t len);

/* The I/O-region half of the rule check (validate.c). */
int32_t pv_mmu_check_io(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);

/*
 * Validation and accounting of one decoded, non-fault entry in a table of
 * dom. pv_mmu_check() decides whether it may stand and changes nothing;
 * pv_mmu_get() counts the references it holds; pv_mmu_put() is the exact
 * inverse. pin_lo/hi: frame indices being pinned, which no entry may map
 * writable (empty range when not pinning). existing: the entry already
 * stands in a pinned table (audit) rather than being added, so the rule that
 * only stops new mappings (of a dying owner's granted frames) is not applied.
 */
static inline int32_t check_frame(const struct pv_mmu *m, uint32_t i, uint16_t dom,
				  bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing)
{
	uint16_t owner = fr_owner(m, i);
	if (owner != dom) {
		if (fr_gpeer(m, i) != dom)
			return owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
		if (writable && !(fr_flags(m, i) & PV_MMU_FRAME_GRANT_RW))
			return PV_EACCES;
		/* A granted frame's owner is a guest (pv_mmu_grant); if it is
		 * being destroyed, no new mapping may delay that further. */
		if (m->domains[owner].dying && !existing)
			return PV_EXDEV;
	}
	if (writable && (fr_ttype(m, i) != PV_MMU_FT_NONE || i - pin_lo < pin_hi - pin_lo))
		return PV_ETYPE;
	return PV_OK;
}

/*
 * Leaves of several frames (large pages, sections, supersections): their
 * checks and counts, out of line (validate.c) so that the small-page path
 * stays short where it is inlined. Same results as check_frame() and the
 * counting below, frame by frame.
 */
int32_t pv_mmu_check_frames(const struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n,
			    bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);
void pv_mmu_get_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable);
void pv_mmu_put_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable);

static inline int32_t pv_mmu_check(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
				    uint32_t pin_lo, uint32_t pin_hi, bool existing)
{
	if (e->domain != PV_MMU_NO_DOMAIN && !((m->guest_domains >> e->domain) & 1u))
		return PV_EPERM;
	uint32_t idx = pv_mmu_frame_index(m, e->base);
	if (e->kind == PV_MMU_ENT_LEAF) {
		if (e->global && !m->allow_global)
			return PV_EPERM; /* would outlive an ASID switch */
		if (idx == UINT32_MAX) {
			/* A copy: e itself must not escape (it can then live in registers). */
			struct pv_mmu_ent io = *e;
			return pv_mmu_check_io(m, dom, &io);
		}
		if (e->frames > m->nr_frames - idx)
			return PV_ERANGE; /* runs off the end of RAM */
		if (!((m->ram_types >> e->mt) & 1u))
			return PV_EPERM;
		if (e->frames == 1)
			return check_frame(m, idx, dom, e->writable != 0, pin_lo, pin_hi, existing);
		return pv_mmu_check_frames(m, dom, idx, e->frames, e->writable != 0, pin_lo, pin_hi,
					   existing);
	}
	/* A pointer to a second-level table: a pinned table of dom's own. */
	if (idx == UINT32_MAX)
		return PV_ERANGE;
	uint16_t owner = fr_owner(m, idx);
	if (owner != dom)
		return owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
	uint8_t want = e->kind == PV_MMU_ENT_COARSE ? PV_MMU_FT_L2 : PV_MMU_FT_FINE;
	uint8_t t = fr_ttype(m, idx);
	if (t == want)
		return PV_OK;
	return t == PV_MMU_FT_NONE ? PV_ENOTPINNED : PV_ETYPE;
}

/*
 * A leaf mapping counts once per frame it covers: in fr_tc if writable (the
 * frame is then RW), else in fr_ro. No count can overflow: a frame gets at
 * most one reference per slot of a pinned table (a replica group counts
 * once), and all tables together have at most RAM / 4 < 2^30 slots.
 */
static inline void pv_mmu_get(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e)
{
	uint32_t idx = pv_mmu_frame_index(m, e->base);
	if (e->kind != PV_MMU_ENT_LEAF) {
		m->fr_tc[idx]++;
		return;
	}
	if (idx == UINT32_MAX) {
		struct pv_mmu_io_region *r =
			pv_mmu_io_find(m, dom, e->base, e->frames << PV_FRAME_SHIFT);
		PV_ASSERT(r != NULL);
		r->maps++;
		return;
	}
	if (e->frames > 1) {
		pv_mmu_get_frames(m, dom, idx, e->frames, e->writable != 0);
		return;
	}
	(e->writable ? m->fr_tc : m->fr_ro)[idx]++;
	if (fr_owner(m, idx) != dom)
		m->fr_gmaps[idx]++;
}

static inline void pv_mmu_put(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e)
{
	uint32_t idx = pv_mmu_frame_index(m, e->base);
	if (e->kind != PV_MMU_ENT_LEAF) {
		PV_ASSERT(m->fr_tc[idx] > 0);
		m->fr_tc[idx]--;
		return;
	}
	if (idx == UINT32_MAX) {
		struct pv_mmu_io_region *r =
			pv_mmu_io_find(m, dom, e->base, e->frames << PV_FRAME_SHIFT);
		PV_ASSERT(r != NULL && r->maps > 0);
		r->maps--;
		return;
	}
	if (e->frames > 1) {
		pv_mmu_put_frames(m, dom, idx, e->frames, e->writable != 0);
		return;
	}
	uint32_t *cnt = e->writable ? m->fr_tc : m->fr_ro;
	PV_ASSERT(cnt[idx] > 0);
	cnt[idx]--;
	if (fr_owner(m, idx) != dom)
		m->fr_gmaps[idx]--;
}

/* Drop every mapping of the pinned table whose first frame is idx. */
void pv_mmu_table_release(struct pv_mmu *m, uint32_t idx);

/* TLB (and, on ARMv5, cache) maintenance after mappings went away. */
void pv_mmu_flush_after_release(const struct pv_mmu *m);

#endif /* PVLIB_MMU_INTERNAL_H */
