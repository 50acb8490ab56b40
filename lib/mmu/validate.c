/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rules, and the accounting that goes with them.
 *
 * pv_mmu_check() decides whether one decoded, non-fault entry may stand in a
 * table owned by dom; it changes nothing. pv_mmu_get() counts the references
 * the entry holds; pv_mmu_put() is its exact inverse. Pinning walks a table
 * checking and getting entry by entry; a refusal puts back what the walk got
 * so far, so a refused pin leaves every count as it was.
 *
 * Concurrency: uniprocessor; the caller holds the instance (see mmu.h). An
 * SMP port must hold one lock over the whole instance (frame records of
 * several domains change together, e.g. a grant peer's mapping counts) and
 * must flush remote TLBs before a release is considered complete.
 */
#include "mmu_internal.h"

struct pv_mmu_io_region *pv_mmu_io_find(const struct pv_mmu *m, uint16_t dom, uint32_t base,
					uint32_t len)
{
	/* For verification/wp/io.c (Frama-C WP); a comment to the compiler:
	 * no region before i holds the range (io.c's region_holds). */
	/*@ loop invariant 0 <= i <= m->io_max;
	    loop invariant \forall integer k; 0 <= k < i ==>
	      !(m->io[k].size != 0 && m->io[k].owner.id == dom &&
	        (uint32_t)(base - m->io[k].base.ma) < m->io[k].size &&
	        len <= m->io[k].size - (uint32_t)(base - m->io[k].base.ma));
	    loop assigns i; */
	for (uint32_t i = 0; i < m->io_max; i++) {
		struct pv_mmu_io_region *r = &m->io[i];
		if (r->size == 0 || pv_domid_val(r->owner) != dom)
			continue;
		uint32_t off = base - pv_maddr_val(r->base);
		if (off < r->size && len <= r->size - off)
			return r;
	}
	return NULL;
}

int32_t pv_mmu_check_io(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e)
{
	uint32_t len = e->frames << PV_FRAME_SHIFT;
	const struct pv_mmu_io_region *r = pv_mmu_io_find(m, dom, e->base, len);
	if (r == NULL) {
		/*
		 * Say whether it starts in someone else's region (PV_EXDEV), or
		 * in one of dom's own but runs past its end, or in no region at
		 * all (PV_ERANGE).
		 */
		/*@ loop invariant 0 <= i <= m->io_max;
		    loop assigns i; */
		for (uint32_t i = 0; i < m->io_max; i++) {
			const struct pv_mmu_io_region *o = &m->io[i];
			if (o->size != 0 && e->base - pv_maddr_val(o->base) < o->size)
				return pv_domid_val(o->owner) == dom ? PV_ERANGE : PV_EXDEV;
		}
		return PV_ERANGE;
	}
	if (e->writable && !(r->flags & PV_MMU_IO_WRITE))
		return PV_EACCES;
	if (!((r->types >> e->mt) & 1u))
		return PV_EPERM;
	return PV_OK;
}

/*
 * The loop invariants that verification/wp/check_frames.c gives keys_are's
 * and pv_mmu_check_frames' loops (what the summaries, keys and frames
 * looked at so far pass, in its terms); nothing (0 == 0) for other
 * analyses. Used only in ACSL comments.
 */
#ifndef PV_WP_GROUPS_SO_FAR
#define PV_WP_GROUPS_SO_FAR 0 == 0
#define PV_WP_KEYS_SO_FAR 0 == 0
#define PV_WP_FRAMES_SO_FAR 0 == 0
#endif
/*
 * The put side's loops keep every key: verification/wp/rte_pin.c's
 * invariant; nothing (0 == 0) for other analyses. Used only in ACSL
 * comments.
 */
#ifndef PV_WP_KEYS_KEPT
#define PV_WP_KEYS_KEPT 0 == 0
#endif
/*
 * pv_mmu_pin's own checks passed: verification/wp/rte_pin_ops.c's
 * assertion before the walk; nothing (0 == 0) for other analyses. Used
 * only in ACSL comments.
 */
#ifndef PV_WP_PIN_CHECKED
#define PV_WP_PIN_CHECKED 0 == 0
#define PV_WP_PIN_CHECKED_PRE 0 == 0
#endif
/*
 * ... the keys, grant peers and summaries apart from what the walk writes,
 * and, after the walk, as on entry (verification/wp/pin_refused.c);
 * nothing for other analyses. Used only in ACSL comments.
 */
#ifndef PV_WP_PIN_WALK_KEYS
#define PV_WP_PIN_KEYS_APART 0 == 0
#define PV_WP_PIN_PEERS_APART 0 == 0
#define PV_WP_PIN_GROUPS_APART 0 == 0
#define PV_WP_PIN_WALK_GROUPS 0 == 0
#define PV_WP_PIN_WALK_KEYS 0 == 0
#endif
/* ... and the words of the frames a guest owns, likewise */
#ifndef PV_WP_PIN_WALK_RAM
#define PV_WP_PIN_RAM_APART 0 == 0
#define PV_WP_PIN_WALK_RAM 0 == 0
#endif
/*
 * ... the table's frames dom's, and its slots apart from the instance, the
 * counts and the I/O regions (verification/wp/pin_slots.c); nothing for
 * other analyses. Used only in ACSL comments.
 */
#ifndef PV_WP_PIN_OWNER
#define PV_WP_PIN_OWNER 0 == 0
#define PV_WP_PIN_OWNERS 0 == 0
#endif
#ifndef PV_WP_PIN_TABLE_M
#define PV_WP_PIN_TABLE_M 0 == 0
#define PV_WP_PIN_TABLE_COUNTS 0 == 0
#define PV_WP_PIN_TABLE_IO 0 == 0
#endif
/* ... and an L1's hypervisor slots apart from the hypervisor's template,
 * and filled from it (verification/wp/pin_fill.c); nothing for other
 * analyses. */
#ifndef PV_WP_PIN_TABLE_TPL
#define PV_WP_PIN_TABLE_TPL 0 == 0
#define PV_WP_PIN_FILL_ARGS 0 == 0
#define PV_WP_PIN_FILLED 0 == 0
#endif

/*
 * Do the n keys from frame idx on all pass (key & kmask) == want? One
 * branch-free pass, which the compiler vectorizes, after a look at the
 * group summaries when the range is whole groups (a section of RAM aligned
 * to 256 KiB). kmask PV_MMU_KEY_OWNER asks "all dom's"; UINT32_MAX "all
 * plain frames of dom" (no table, no flags).
 */
static bool keys_are(const struct pv_mmu *m, uint32_t idx, uint32_t n, uint32_t kmask,
		     uint32_t want)
{
	uint32_t bad = 0;
	if (((idx | n) & (PV_MMU_GROUP - 1u)) == 0) {
		const uint32_t *g = m->fr_group + (idx >> PV_MMU_GROUP_SHIFT);
		/* For verification/wp/rte_pin.c; a comment to the compiler. */
		/*@ loop invariant 0 <= i <= n >> 6;
		    loop invariant PV_WP_GROUPS_SO_FAR;
		    loop assigns i, bad; */
		for (size_t i = 0; i < n >> PV_MMU_GROUP_SHIFT; i++)
			bad |= (g[i] & kmask) ^ want;
		if (bad == 0)
			return true;
		bad = 0;
	}
	const uint32_t *k = m->fr_key + idx;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant PV_WP_KEYS_SO_FAR;
	    loop assigns i, bad; */
	for (size_t i = 0; i < n; i++)
		bad |= (k[i] & kmask) ^ want;
	return bad == 0;
}

int32_t pv_mmu_check_frames(const struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n,
			    bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing)
{
	/* All plainly dom's, none being pinned: every check_frame() would pass. */
	if (keys_are(m, idx, n, writable ? UINT32_MAX : PV_MMU_KEY_OWNER, dom) &&
	    (!writable || !(idx < pin_hi && pin_lo < idx + n)))
		return PV_OK;
	/*@ loop invariant idx <= i <= idx + n;
	    loop invariant PV_WP_FRAMES_SO_FAR;
	    loop assigns i; */
	for (uint32_t i = idx; i < idx + n; i++) {
		int32_t rc = check_frame(m, i, dom, writable, pin_lo, pin_hi, existing);
		if (rc != PV_OK)
			return rc;
	}
	return PV_OK;
}

void pv_mmu_get_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable)
{
	uint32_t *cnt = writable ? m->fr_tc : m->fr_ro;
	if (keys_are(m, idx, n, PV_MMU_KEY_OWNER, dom)) {
		/*@ loop invariant idx <= i <= idx + n;
		    loop invariant \forall integer k; idx <= k < i ==> (\at(cnt[k], LoopEntry) < 0xFFFFFFFF ==>
		      cnt[k] == \at(cnt[k], LoopEntry) + 1);
		    loop invariant \forall integer k; i <= k < idx + n ==> cnt[k] == \at(cnt[k], LoopEntry);
		    loop assigns i, cnt[idx .. idx + n - 1]; */
		for (size_t i = idx; i < (size_t)idx + n; i++)
			cnt[i]++; /* dom's own frames: no grant counts */
		return;
	}
	/*@ loop invariant idx <= i <= idx + n;
	    loop invariant \forall integer k; idx <= k < i ==> (\at(cnt[k], LoopEntry) < 0xFFFFFFFF ==>
		      cnt[k] == \at(cnt[k], LoopEntry) + 1);
	    loop invariant \forall integer k; idx <= k < i ==> (uint16_t)(m->fr_key[k] & 0xFFFF) == dom ==>
	      m->fr_gmaps[k] == \at(m->fr_gmaps[k], LoopEntry);
	    loop invariant \forall integer k; idx <= k < i ==> (uint16_t)(m->fr_key[k] & 0xFFFF) != dom ==>
	      \at(m->fr_gmaps[k], LoopEntry) < 0xFFFFFFFF ==>
	      m->fr_gmaps[k] == \at(m->fr_gmaps[k], LoopEntry) + 1;
	    loop invariant \forall integer k; i <= k < idx + n ==>
	      cnt[k] == \at(cnt[k], LoopEntry) && m->fr_gmaps[k] == \at(m->fr_gmaps[k], LoopEntry);
	    loop assigns i, cnt[idx .. idx + n - 1], m->fr_gmaps[idx .. idx + n - 1]; */
	for (uint32_t i = idx; i < idx + n; i++) {
		cnt[i]++;
		if (fr_owner(m, i) != dom)
			m->fr_gmaps[i]++;
	}
}

void pv_mmu_put_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable)
{
	/* A leaf a table held: pv_mmu_check found it in RAM (leaf_in_ram). */
	PV_ASSERT(n <= m->nr_frames - idx);
	uint32_t *cnt = writable ? m->fr_tc : m->fr_ro;
	if (keys_are(m, idx, n, PV_MMU_KEY_OWNER, dom)) {
		uint32_t zero = 0;
		/*@ loop invariant idx <= i <= idx + n;
		    loop invariant \forall integer k; idx <= k < i ==> (\at(cnt[k], LoopEntry) >= 1 ==>
		      cnt[k] == \at(cnt[k], LoopEntry) - 1);
		    loop invariant \forall integer k; i <= k < idx + n ==> cnt[k] == \at(cnt[k], LoopEntry);
		    loop invariant PV_WP_KEYS_KEPT;
		    loop assigns i, zero, cnt[idx .. idx + n - 1]; */
		for (size_t i = idx; i < (size_t)idx + n; i++) {
			zero |= cnt[i] == 0u;
			cnt[i]--;
		}
		PV_ASSERT(zero == 0);
		return;
	}
	/*@ loop invariant idx <= i <= idx + n;
	    loop invariant \forall integer k; idx <= k < i ==> (\at(cnt[k], LoopEntry) >= 1 ==>
		      cnt[k] == \at(cnt[k], LoopEntry) - 1);
	    loop invariant \forall integer k; idx <= k < i ==> (uint16_t)(m->fr_key[k] & 0xFFFF) == dom ==>
	      m->fr_gmaps[k] == \at(m->fr_gmaps[k], LoopEntry);
	    loop invariant \forall integer k; idx <= k < i ==> (uint16_t)(m->fr_key[k] & 0xFFFF) != dom ==>
	      \at(m->fr_gmaps[k], LoopEntry) >= 1 ==>
	      m->fr_gmaps[k] == \at(m->fr_gmaps[k], LoopEntry) - 1;
	    loop invariant \forall integer k; i <= k < idx + n ==>
	      cnt[k] == \at(cnt[k], LoopEntry) && m->fr_gmaps[k] == \at(m->fr_gmaps[k], LoopEntry);
	    loop invariant PV_WP_KEYS_KEPT;
	    loop assigns i, cnt[idx .. idx + n - 1], m->fr_gmaps[idx .. idx + n - 1]; */
	for (uint32_t i = idx; i < idx + n; i++) {
		PV_ASSERT(cnt[i] > 0);
		cnt[i]--;
		if (fr_owner(m, i) != dom)
			m->fr_gmaps[i]--;
	}
}

void pv_mmu_flush_after_release(const struct pv_mmu *m)
{
	/* ARMv5 caches are virtually tagged: lines of a dropped mapping stay. */
	if (m->format == PV_MMU_FMT_V5)
		pv_port_cache_flush_all();
	struct pv_tlb_req req = { .scope = PV_TLB_ALL, .asid = 0, .va = pv_gvaddr(0) };
	pv_port_tlb_maint(&req);
}

/* Table geometry of a pinned table whose first frame is idx. */
struct table_geom {
	unsigned tbl;     /* PV_MMU_TBL_* */
	uint32_t nslots;
	uint32_t skip_lo, skip_hi; /* hypervisor slots, not walked */
};

static struct table_geom table_geom(const struct pv_mmu *m, uint8_t ftype)
{
	struct table_geom g = { PV_MMU_TBL_COARSE, PV_MMU_L2_FRAME_SLOTS, 0, 0 };
	if (ftype == PV_MMU_FT_L1) {
		g.tbl = PV_MMU_TBL_L1;
		g.nslots = PV_MMU_L1_SLOTS;
		g.skip_lo = m->hyp_slot_lo;
		g.skip_hi = m->hyp_slot_hi;
	} else if (ftype == PV_MMU_FT_FINE) {
		g.tbl = PV_MMU_TBL_FINE;
	}
	return g;
}

/* Is slot j one of the hypervisor's (not walked)? */
static inline bool hyp_slot(const struct table_geom *g, uint32_t j)
{
	return j - g->skip_lo < g->skip_hi - g->skip_lo;
}

/*
 * The pin fast paths. A small page in a coarse table is settled by its
 * attribute bits [11:0] (type, C, B, AP, TEX, and on ARMv7 XN, APX, S, nG)
 * and its frame number [31:12] alone (DDI 0100I B3.3, DDI 0406C B3.5.1).
 * Once one entry with attributes a has been decoded in full, passed the
 * rules and was allowed as RAM, every later entry with the same a is the
 * same mapping but for its frame, so only the frame is left to check: it
 * must be dom's own RAM (a granted, foreign, I/O or out-of-RAM target goes
 * the full way and gets the full way's answer), and if a is writable, not a
 * page table nor one of the frames being pinned. The last two attribute
 * patterns decoded are remembered (a table often alternates, say, text and
 * data pages), in locals so that a miss costs two compares.
 */
struct memo {
	uint32_t a0, a1; /* newest, older; UINT32_MAX: empty (never d & 0xFFF) */
	bool w0, w1;     /* the pattern maps writable */
};

/*
 * Blocks: a domain builder maps RAM in order, so the entries of an aligned
 * block of PV_MMU_BLOCK slots usually carry one pattern and map as many
 * consecutive frames. Such a block is settled in one pass without branches
 * per entry, which the compiler can vectorize: each entry equals the
 * first's plus its offset in frames, each frame's key shows dom as owner
 * (writable: and nothing else, i.e. no table type, no flags), and the
 * frames' counts are bumped as they go. If any check fails the bumps are
 * taken back and the block goes the entry-by-entry way, which finds and
 * reports what is wrong. A writable block must also miss the frames being
 * pinned (one interval test: its frames are consecutive).
 *
 * restrict holds: q lies in a frame of dom's (the table being pinned), key
 * and cnt in the frame store, which no guest can own (pv_mmu_frame_assign
 * refuses its frames), and the store's arrays are disjoint.
 */
#define PV_MMU_BLOCK 64u
_Static_assert(PV_MMU_BLOCK == PV_MMU_GROUP, "a block spans at most two groups");

/*
 * One pass over a block: bump cnt, return nonzero if any check failed.
 * key NULL: the group summaries already vouch for every frame's key.
 */
static inline uint32_t block_pass(const uint32_t *restrict q, const uint32_t *restrict key,
				  uint32_t *restrict cnt, uint32_t d, uint32_t kmask, uint32_t kwant)
{
	uint32_t bad = 0, want = d;
	if (key == NULL) {
		/*@ loop invariant 0 <= i <= 64; loop assigns i, bad, want, cnt[0 .. 63]; */
		for (size_t i = 0; i < PV_MMU_BLOCK; i++) {
			bad |= q[i] ^ want;
			cnt[i]++;
			want += PV_FRAME_SIZE;
		}
		return bad;
	}
	/*@ loop invariant 0 <= i <= 64; loop assigns i, bad, want, cnt[0 .. 63]; */
	for (size_t i = 0; i < PV_MMU_BLOCK; i++) {
		bad |= (q[i] ^ want) | ((key[i] & kmask) ^ kwant);
		cnt[i]++;
		/* The block's frames are in RAM (checked), so want cannot wrap. */
		want += PV_FRAME_SIZE;
	}
	return bad;
}

static inline bool block_get(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
			     bool w, uint32_t pin_lo, uint32_t pin_hi)
{
	const uint32_t d = s[j];
	const uint32_t idx = (d - m->ram_base) >> PV_FRAME_SHIFT;
	/* Cheap filters first: the block's last entry, and its frames' range. */
	if (s[j + PV_MMU_BLOCK - 1u] != d + (PV_MMU_BLOCK - 1u) * PV_FRAME_SIZE)
		return false;
	if (m->nr_frames < PV_MMU_BLOCK || idx > m->nr_frames - PV_MMU_BLOCK)
		return false;
	if (w && idx < pin_hi && pin_lo < idx + PV_MMU_BLOCK)
		return false;
	uint32_t *cnt = (w ? m->fr_tc : m->fr_ro) + idx;
	/* Writable: the key is exactly dom (no table type, no flags). */
	const uint32_t kmask = w ? UINT32_MAX : PV_MMU_KEY_OWNER;
	const uint32_t *grp = m->fr_group + (idx >> PV_MMU_GROUP_SHIFT);
	/* The block's frames lie in this group and the next (PV_MMU_BLOCK == PV_MMU_GROUP). */
	bool vouched = (grp[0] & kmask) == dom &&
		       ((idx & (PV_MMU_GROUP - 1u)) == 0 || (grp[1] & kmask) == dom);
	uint32_t bad = vouched ? block_pass(s + j, NULL, cnt, d, 0, 0)
		       : w     ? block_pass(s + j, m->fr_key + idx, cnt, d, UINT32_MAX, dom)
			       : block_pass(s + j, m->fr_key + idx, cnt, d, PV_MMU_KEY_OWNER, dom);
	if (bad == 0)
		return true;
	/*@ loop invariant 0 <= i <= 64; loop assigns i, cnt[0 .. 63]; */
	for (size_t i = 0; i < PV_MMU_BLOCK; i++)
		cnt[i]--;
	return false;
}

/*
 * The first slot from j on, below lim, that is not a fault (in every format:
 * bits [1:0] clear). Eight slots at a time where they are aligned, OR-ed
 * together before one test (a load-multiple on ARM), then slot by slot to
 * the one that is not a fault. Faults need no check and hold no reference.
 */
#ifndef PV_WP_FAULTS_SO_FAR
#define PV_WP_FAULTS_SO_FAR 0 == 0 /* as PV_WP_KEYS_SO_FAR: check_frames.c's */
#endif

static inline uint32_t skip_faults(const uint32_t *s, uint32_t j, uint32_t lim)
{
	/* For verification/wp/rte_pin.c; a comment to the compiler. */
	/*@ loop invariant \at(j, Pre) <= j <= lim; loop invariant PV_WP_FAULTS_SO_FAR;
	    loop assigns j; */
	for (; j < lim && (j & 7u) != 0; j++)
		if (s[j] & 3u)
			return j;
	/*@ loop invariant \at(j, Pre) <= j <= lim; loop invariant PV_WP_FAULTS_SO_FAR;
	    loop assigns j; */
	for (; lim - j >= 8u; j += 8u) {
		const uint32_t *q = s + j;
		if (((q[0] | q[1] | q[2] | q[3] | q[4] | q[5] | q[6] | q[7]) & 3u) != 0)
			break;
	}
	/*@ loop invariant \at(j, Pre) <= j <= lim; loop invariant PV_WP_FAULTS_SO_FAR;
	    loop assigns j; */
	while (j < lim && (s[j] & 3u) == 0)
		j++;
	return j;
}

/* Are all PV_MMU_BLOCK slots from j faults (in every format)? */
static inline bool block_faults(const uint32_t *s, uint32_t j)
{
	const uint32_t *q = s + j;
	uint32_t any = 0;
	/* For verification/wp/rte_pin.c; a comment to the compiler. */
	/*@ loop invariant 0 <= i <= 64; loop assigns i, any; */
	for (size_t i = 0; i < PV_MMU_BLOCK; i++)
		any |= q[i];
	return (any & 3u) == 0;
}

/*
 * The put side of a block: the PV_MMU_BLOCK entries from j of a pinned
 * coarse table are one small page d and its successors, all mapping frames
 * dom owns (no grant counts to drop). Then each frame loses one count,
 * writable or read-only as d says; else the caller puts entry by entry.
 */
static inline bool block_put(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
			     const struct pv_mmu_ent *e)
{
	const uint32_t d = s[j];
	const uint32_t idx = pv_mmu_frame_index(m, e->base);
	if (e->kind != PV_MMU_ENT_LEAF || e->group != 1 || idx == UINT32_MAX ||
	    m->nr_frames < PV_MMU_BLOCK || idx > m->nr_frames - PV_MMU_BLOCK ||
	    s[j + PV_MMU_BLOCK - 1u] != d + (PV_MMU_BLOCK - 1u) * PV_FRAME_SIZE)
		return false;
	const uint32_t *q = s + j, *key = m->fr_key + idx;
	uint32_t bad = 0, want = d;
	/* For verification/wp/rte_pin.c; a comment to the compiler. */
	/*@ loop invariant 0 <= i <= 64; loop assigns i, bad, want; */
	for (size_t i = 0; i < PV_MMU_BLOCK; i++) {
		bad |= (q[i] ^ want) | ((key[i] & PV_MMU_KEY_OWNER) ^ dom);
		want += PV_FRAME_SIZE;
	}
	if (bad)
		return false;
	uint32_t *cnt = (e->writable ? m->fr_tc : m->fr_ro) + idx;
	/*@ loop invariant 0 <= i <= 64; loop invariant PV_WP_KEYS_KEPT;
	    loop assigns i, cnt[0 .. 63]; */
	for (size_t i = 0; i < PV_MMU_BLOCK; i++) {
		PV_ASSERT(cnt[i] > 0);
		cnt[i]--;
	}
	return true;
}

/*
 * For verification/wp/rte_pin.c: the walks write only frame counts and the
 * I/O regions' map counts; every other word (keys, grant peers, group
 * summaries, RAM) that was there on entry keeps its value (the assertions
 * around pv_mmu_put's call carry it across the call's frame). Used only
 * in ACSL comments.
 */
#define PV_WP_WORDS_KEPT \
	\forall uint32_t *p; \at(\valid_read(p) && \
		\separated(p, m->fr_ro + (0 .. m->nr_frames - 1), m->fr_tc + (0 .. m->nr_frames - 1), \
			   m->fr_gmaps + (0 .. m->nr_frames - 1), m->io + (0 .. m->io_max - 1)), \
		Pre) ==> *p == \at(*p, Pre)

/*
 * Put back the references of slots [0, end) of a table (all valid: they
 * passed pv_mmu_check). Blocks of faults and of consecutive small pages go
 * in one step each.
 */
static void walk_put(struct pv_mmu *m, uint16_t dom, const uint32_t *s,
		     const struct table_geom *g, uint32_t end)
{
	struct pv_mmu_ent e;
	const bool coarse = g->tbl == PV_MMU_TBL_COARSE;
	/* For verification/wp/rte_pin.c; a comment to the compiler. */
	/*@ loop invariant m->nr_frames == \at(m->nr_frames, Pre) &&
	      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) &&
	      m->hyp_slot_lo == \at(m->hyp_slot_lo, Pre) && m->hyp_slot_hi == \at(m->hyp_slot_hi, Pre);
	    loop invariant put_words_kept: PV_WP_WORDS_KEPT;
	    loop assigns j, e,
	      \at(m->fr_tc, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->fr_ro, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->fr_gmaps, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->io, Pre)[0 .. \at(m->io_max, Pre) - 1].maps; */
	for (uint32_t j = 0; j < end;) {
		if (hyp_slot(g, j)) {
			j = g->skip_hi;
			continue;
		}
		bool blk = (j & (PV_MMU_BLOCK - 1u)) == 0 && end - j >= PV_MMU_BLOCK &&
			   !(j < g->skip_hi && g->skip_lo < j + PV_MMU_BLOCK);
		if (blk && (s[j] & 3u) == 0 && block_faults(s, j)) {
			j += PV_MMU_BLOCK;
			continue;
		}
		int32_t rc = pv_mmu_decode(m, g->tbl, s[j], &e);
		PV_ASSERT(rc == PV_OK);
		if (blk && coarse && block_put(m, dom, s, j, &e)) {
			j += PV_MMU_BLOCK;
			continue;
		}
		if (e.kind != PV_MMU_ENT_FAULT) {
			/* A table pointer passed pv_mmu_check: its table is in RAM. */
			PV_ASSERT(e.kind == PV_MMU_ENT_LEAF ||
				  pv_mmu_frame_index(m, e.base) != UINT32_MAX);
			/*@ assert put_words_before: PV_WP_WORDS_KEPT; */
			pv_mmu_put(m, dom, &e);
			/*@ assert put_words_after: PV_WP_WORDS_KEPT; */
		}
		j += e.group;
	}
}

/*
 * Count references for the run of entries from j on whose bits under pmask
 * are pat and whose frames' keys pass (key & kmask) == kwant, outside the
 * frames [pin_lo, pin_hi) being pinned; return where the run stops. Small
 * pages: pmask 0xFFF, and read-only kmask PV_MMU_KEY_OWNER ("dom's"),
 * writable UINT32_MAX ("dom's, no table type, no flags": no writable
 * grant). The instance's fields are read once: the frame records written
 * here may not alias them in fact, but the compiler must assume they do.
 */
static inline uint32_t run(struct pv_mmu *m, const uint32_t *s, uint32_t j, uint32_t end,
			   uint32_t pmask, uint32_t pat, uint32_t *cnt, uint32_t kmask, uint32_t kwant,
			   uint32_t pin_lo, uint32_t pin_hi)
{
	const uint32_t *const key = m->fr_key;
	const uint32_t base = m->ram_base, nf = m->nr_frames;
	/*@ loop invariant \at(j, Pre) <= j <= end; loop assigns j, cnt[0 .. nf - 1]; */
	for (; j < end; j++) {
		uint32_t d = s[j];
		/* base is 4 KiB aligned: the low bits cannot borrow. */
		uint32_t idx = (d - base) >> PV_FRAME_SHIFT;
		if ((d & pmask) != pat || idx >= nf || (key[idx] & kmask) != kwant ||
		    idx - pin_lo < pin_hi - pin_lo)
			break;
		cnt[idx]++;
	}
	return j;
}

/*
 * L1 pointers to second-level tables have a remembered pattern too: bits
 * [9:0] (type, domain, and on ARMv7 PXN, NS) decide everything but the
 * table's address (DDI 0100I B3.3.1, DDI 0406C B3.5.1). A later pointer
 * with the same bits needs only its frame to be a pinned L2 of dom: key
 * kl2 (dom, type L2, flag PINNED and no other, as a pinned table never is
 * granted). Its count is the L2 frame's type count.
 */
static inline uint32_t run_ptr(struct pv_mmu *m, uint32_t kl2, const uint32_t *s, uint32_t j,
			       uint32_t end, uint32_t p)
{
	return run(m, s, j, end, 0x3FFu, p, m->fr_tc, UINT32_MAX, kl2, 0, 0);
}

/*
 * A span: entry j and those after it up to end that are exactly the next
 * small page each (same attribute bits, the next frame), at least
 * PV_MMU_SPAN_MIN of them, shorter than a block or not aligned to one. The
 * span is found with one compare per entry; then, as for a block, its
 * frames must all be in RAM, miss the frames being pinned if writable, and
 * have keys (key & kmask) == dom, which the group summaries vouch for when
 * they can; only then are the counts bumped. Return the end of the span, or
 * j if it is too short or any check fails (then run() goes entry by entry
 * and stops where the fault is, for the full way to report it).
 */
#define PV_MMU_SPAN_MIN 4u

static inline uint32_t span(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
			    uint32_t end, bool w, uint32_t pin_lo, uint32_t pin_hi)
{
	const uint32_t d = s[j];
	uint32_t k = j + 1u, want = d + PV_FRAME_SIZE;
	/*@ loop invariant j < k <= end; loop assigns k, want; */
	while (k < end && s[k] == want) {
		k++;
		want += PV_FRAME_SIZE;
	}
	const uint32_t n = k - j, nf = m->nr_frames;
	const uint32_t idx = (d - m->ram_base) >> PV_FRAME_SHIFT;
	/* In RAM, so the frames' addresses did not wrap either. */
	if (n < PV_MMU_SPAN_MIN || idx >= nf || n > nf - idx)
		return j;
	if (w && idx < pin_hi && pin_lo < idx + n)
		return j;
	const uint32_t kmask = w ? UINT32_MAX : PV_MMU_KEY_OWNER;
	uint32_t bad = 0;
	const uint32_t *grp = m->fr_group;
	/*@ loop invariant idx >> 6 <= g <= ((idx + n - 1) >> 6) + 1; loop assigns g, bad; */
	for (uint32_t g = idx >> PV_MMU_GROUP_SHIFT; g <= (idx + n - 1u) >> PV_MMU_GROUP_SHIFT; g++)
		bad |= (grp[g] & kmask) ^ dom;
	if (bad != 0) {
		const uint32_t *key = m->fr_key + idx;
		bad = 0;
		/*@ loop invariant 0 <= i <= n; loop assigns i, bad; */
		for (size_t i = 0; i < n; i++)
			bad |= (key[i] & kmask) ^ dom;
		if (bad != 0)
			return j;
	}
	uint32_t *cnt = (w ? m->fr_tc : m->fr_ro) + idx;
	/*@ loop invariant 0 <= i <= n; loop assigns i, cnt[0 .. n - 1]; */
	for (size_t i = 0; i < n; i++)
		cnt[i]++;
	return k;
}

/*
 * Runs of remembered patterns from j on (entry j carries one), one after
 * the other, up to end; return the first entry the fast path cannot settle.
 */
static inline uint32_t fast_runs(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
				 uint32_t end, struct memo mm, uint32_t pin_lo, uint32_t pin_hi)
{
	/*@ loop invariant \at(j, Pre) <= j < end;
	    loop assigns j, \at(m->fr_tc, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->fr_ro, Pre)[0 .. \at(m->nr_frames, Pre) - 1]; */
	for (;;) {
		uint32_t x = s[j] & 0xFFFu;
		bool one = x == mm.a1;
		if (!one && x != mm.a0)
			return j;
		bool w = one ? mm.w1 : mm.w0;
		uint32_t k = w ? run(m, s, j, end, 0xFFFu, x, m->fr_tc, UINT32_MAX, dom, pin_lo, pin_hi)
			       : run(m, s, j, end, 0xFFFu, x, m->fr_ro, PV_MMU_KEY_OWNER, dom, 0, 0);
		if (k == j || k == end) /* a frame to look at, or the end */
			return k;
		j = k;
	}
}

/*
 * Check and get every entry of a table; on refusal put back what was got.
 * pin_lo/hi: the frames being pinned, which no entry may map writable.
 */
/*
 * For verification/wp/rte_pin.c: a granted frame's owner is a domain (the
 * owners' invariant pv_mmu_check asks), which walk_get states again after
 * each step that writes counts. Used only in ACSL comments.
 */
#define PV_WP_OWNERS_OK \
	\forall integer i; 0 <= i < m->nr_frames ==> \
		((uint16_t)m->fr_gpeer[i] != PV_DOMID_NONE_VALUE ==> \
		 (uint16_t)(m->fr_key[i] & 0xFFFF) < m->nr_domains)

static int32_t walk_get(struct pv_mmu *m, uint16_t dom, const uint32_t *s,
			const struct table_geom *g, uint32_t pin_lo, uint32_t pin_hi)
{
	struct pv_mmu_ent e;
	int32_t rc = PV_OK;
	uint32_t j = 0;
	const uint32_t end = g->nslots;
	bool coarse = g->tbl == PV_MMU_TBL_COARSE;
	struct memo mm = { UINT32_MAX, UINT32_MAX, false, false };
	uint32_t ptr_pat = UINT32_MAX; /* L1: pattern of a good coarse-table pointer */
	const uint32_t kl2 = pv_mmu_key(dom, PV_MMU_FT_L2, PV_MMU_FRAME_PINNED);
	/* For verification/wp/rte_pin.c; comments to the compiler. The
	 * instance's sizes and g's fields, which the loop keeps, are none of
	 * the frame counts and I/O map counts it writes. */
	/*@ assert get_apart: \separated(\union(&m->nr_frames, &m->ram_size, &m->io_max,
	        &m->nr_domains, &g->tbl, &g->nslots, &g->skip_lo, &g->skip_hi),
	      m->fr_tc + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
	      m->fr_gmaps + (0 .. m->nr_frames - 1)); */
	/*@ assert get_io: \forall integer i; 0 <= i < m->io_max ==>
	      &m->io[i].maps != &m->nr_frames && &m->io[i].maps != &m->ram_size &&
	      &m->io[i].maps != &m->io_max && &m->io[i].maps != &m->nr_domains &&
	      &m->io[i].maps != &g->tbl && &m->io[i].maps != &g->nslots &&
	      &m->io[i].maps != &g->skip_lo && &m->io[i].maps != &g->skip_hi; */
	/*@ loop invariant get_rc: rc == PV_OK;
	    loop invariant rule6_mm: !coarse ==> mm.a0 == UINT32_MAX && mm.a1 == UINT32_MAX;
	    loop assigns j, rc, e, mm, ptr_pat,
	      \at(m->fr_tc, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->fr_ro, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->fr_gmaps, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
	      \at(m->io, Pre)[0 .. \at(m->io_max, Pre) - 1].maps; */
	while (j < end) {
		/*@ assert get_head: m->nr_frames == \at(m->nr_frames, Pre) &&
		      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) &&
		      m->nr_domains == \at(m->nr_domains, Pre) && g->tbl == \at(g->tbl, Pre) &&
		      g->nslots == \at(g->nslots, Pre) && g->skip_lo == \at(g->skip_lo, Pre) &&
		      g->skip_hi == \at(g->skip_hi, Pre); */
		/* For verification/wp/rte_pin.c; comments to the compiler: a
		 * granted frame's owner is a domain, as on entry (the walk writes
		 * no key and no grant peer), stated again after each call that
		 * writes counts, for pv_mmu_check's precondition. */
		/*@ assert get_own: PV_WP_OWNERS_OK; */
		/*@ assert get_words: PV_WP_WORDS_KEPT; */
		if (hyp_slot(g, j)) {
			j = g->skip_hi;
			continue;
		}
		uint32_t d = s[j];
		/* A block may not reach into the hypervisor's slots. */
		bool blk = (j & (PV_MMU_BLOCK - 1u)) == 0 && end - j >= PV_MMU_BLOCK &&
			   !(j < g->skip_hi && g->skip_lo < j + PV_MMU_BLOCK);
		if ((d & 3u) == 0) { /* fault in every format */
			/* Not into the hypervisor's slots (j is not in them). */
			j = skip_faults(s, j + 1u, j < g->skip_lo ? g->skip_lo : end);
			continue;
		}
		if ((d & 0x3FFu) == ptr_pat) {
			/* Not into the hypervisor's slots (j is not in them). */
			uint32_t k = run_ptr(m, kl2, s, j, j < g->skip_lo ? g->skip_lo : end, ptr_pat);
			if (k != j) {
				/* For verification/wp/rte_pin.c, rule 6 of docs/mmu.md:
				 * the run counted, [j, k), holds no hypervisor slot. */
				/*@ assert rule6_ptr: k <= g->skip_lo || g->skip_hi <= j; */
				j = k;
				continue;
			}
		}
		/*@ assert get_ptr: m->nr_frames == \at(m->nr_frames, Pre) &&
		      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) &&
		      m->nr_domains == \at(m->nr_domains, Pre) && g->tbl == \at(g->tbl, Pre) &&
		      g->nslots == \at(g->nslots, Pre) && g->skip_lo == \at(g->skip_lo, Pre) &&
		      g->skip_hi == \at(g->skip_hi, Pre); */
		/*@ assert get_own_ptr: PV_WP_OWNERS_OK; */
		bool known = (d & 0xFFFu) == mm.a0 || (d & 0xFFFu) == mm.a1;
		if (known) {
			/* Only coarse tables fill the memo: no hypervisor slots here. */
			/*@ assert rule6_known: coarse; */
			/*@ assert rule6_memo: g->skip_lo == g->skip_hi; */
			bool w = (d & 0xFFFu) == mm.a0 ? mm.w0 : mm.w1;
			if (blk && block_get(m, dom, s, j, w, pin_lo, pin_hi)) {
				/* A run usually goes on: the next block, same pattern. */
				/*@ loop invariant blk_end: j + 64 <= end;
				    loop invariant blk_sizes: m->nr_frames == \at(m->nr_frames, Pre) &&
				      m->ram_size == \at(m->ram_size, Pre) &&
				      m->io_max == \at(m->io_max, Pre) &&
				      m->nr_domains == \at(m->nr_domains, Pre);
				    loop invariant blk_geom: g->tbl == \at(g->tbl, Pre) &&
				      g->nslots == \at(g->nslots, Pre) &&
				      g->skip_lo == \at(g->skip_lo, Pre) &&
				      g->skip_hi == \at(g->skip_hi, Pre);
				    loop assigns j, \at(m->fr_tc, Pre)[0 .. \at(m->nr_frames, Pre) - 1],
				      \at(m->fr_ro, Pre)[0 .. \at(m->nr_frames, Pre) - 1]; */
				do
					j += PV_MMU_BLOCK;
				while (end - j >= PV_MMU_BLOCK && ((s[j] ^ d) & 0xFFFu) == 0 &&
				       block_get(m, dom, s, j, w, pin_lo, pin_hi));
				continue;
			}
			/*@ assert get_own_blk: PV_WP_OWNERS_OK; */
			/*
			 * A span, else entry by entry, up to the next block
			 * boundary. One span attempt per call, and only if the
			 * entry where the shortest span would end fits.
			 */
			uint32_t lim = (j | (PV_MMU_BLOCK - 1u)) + 1u;
			if (lim > end)
				lim = end;
			uint32_t k = j;
			/* Cheap filter: the span's would-be last entry. */
			if (lim - j >= PV_MMU_SPAN_MIN &&
			    s[j + PV_MMU_SPAN_MIN - 1u] == d + (PV_MMU_SPAN_MIN - 1u) * PV_FRAME_SIZE)
				k = span(m, dom, s, j, lim, w, pin_lo, pin_hi);
			/*@ assert get_own_span: PV_WP_OWNERS_OK; */
			if (k == j)
				k = fast_runs(m, dom, s, j, lim, mm, pin_lo, pin_hi);
			if (k != j) {
				j = k;
				continue;
			}
		}
		/*@ assert get_fast: m->nr_frames == \at(m->nr_frames, Pre) &&
		      m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) &&
		      m->nr_domains == \at(m->nr_domains, Pre) && g->tbl == \at(g->tbl, Pre) &&
		      g->nslots == \at(g->nslots, Pre) && g->skip_lo == \at(g->skip_lo, Pre) &&
		      g->skip_hi == \at(g->skip_hi, Pre); */
		/*@ assert get_own_fast: PV_WP_OWNERS_OK; */
		/*@ assert get_words_fast: PV_WP_WORDS_KEPT; */
		rc = pv_mmu_decode(m, g->tbl, d, &e);
		/* The sizes and g's fields again (decode writes only e). */
		/*@ assert get_dec_nr: m->nr_frames == \at(m->nr_frames, Pre); */
		/*@ assert get_dec_rs: m->ram_size == \at(m->ram_size, Pre); */
		/*@ assert get_dec_io: m->io_max == \at(m->io_max, Pre); */
		/*@ assert get_dec_nd: m->nr_domains == \at(m->nr_domains, Pre); */
		/*@ assert get_dec_ns: g->nslots == \at(g->nslots, Pre); */
		/*@ assert get_dec_lo: g->skip_lo == \at(g->skip_lo, Pre); */
		/*@ assert get_dec_hi: g->skip_hi == \at(g->skip_hi, Pre); */
		if (rc != PV_OK)
			break;
		if (e.group > 1) {
			/*
			 * Replicas: clear of hypervisor slots, aligned, identical. The
			 * group's natural span is checked first, so the tail of a
			 * supersection whose first slots are the hypervisor's (a range
			 * not aligned to 16 MiB) is PV_EPERM too, not misalignment.
			 */
			uint32_t g0 = j & ~(e.group - 1u);
			if (g0 < g->skip_hi && g0 + e.group > g->skip_lo) {
				rc = PV_EPERM;
				break;
			}
			if (j != g0) {
				rc = PV_EINVAL;
				break;
			}
			/* For verification/wp/rte_pin.c; comments to the compiler: the
			 * group, aligned, ends within the table. */
			/*@ assert rep_al: j % e.group == 0; */
			/*@ assert rep_lim: end == 1024 || end == 4096; */
			/*@ assert rep_end: j + e.group <= end; */
			uint32_t diff = 0;
			/*@ loop invariant 1 <= k <= e.group;
			    loop invariant rep_same: diff == 0 ==>
			      \forall integer i; j < i < j + k ==> s[i] == d;
			    loop assigns k, diff; */
			for (uint32_t k = 1; k < e.group; k++)
				diff |= s[j + k] ^ d;
			if (diff) {
				rc = PV_EINVAL;
				break;
			}
			/*@ assert rep_agree: \forall integer i; j < i < j + e.group ==> s[i] == d; */
		}
		rc = pv_mmu_check(m, dom, &e, pin_lo, pin_hi, false);
		if (rc != PV_OK)
			break;
		if (!known && coarse && e.group == 1 && e.kind == PV_MMU_ENT_LEAF &&
		    ((m->ram_types >> e.mt) & 1u)) {
			/* A small page allowed as RAM: its attributes are good. */
			mm.a1 = mm.a0;
			mm.w1 = mm.w0;
			mm.a0 = d & 0xFFFu;
			mm.w0 = e.writable != 0;
			/*
			 * At a block's start, take entry j again, uncounted, so
			 * that the block can go the fast way (the pattern is
			 * known the second time: no loop).
			 */
			if (blk)
				continue;
		}
		/* For verification/wp/rte_pin.c, rule 6: the group counted,
		 * [j, j + e.group), holds no hypervisor slot. */
		/*@ assert rule6_entry: j + e.group <= g->skip_lo || g->skip_hi <= j; */
		pv_mmu_get(m, dom, &e);
		if (e.kind == PV_MMU_ENT_COARSE)
			ptr_pat = d & 0x3FFu;
		j += e.group;
	}
	/*@ assert get_words_out: PV_WP_WORDS_KEPT; */
	if (rc != PV_OK)
		walk_put(m, dom, s, g, j);
	return rc;
}

/*
 * An L1's hypervisor slots [lo, hi) of the table at s: the template t's
 * words from its first on (pin), or 0 without one (pin without a
 * template, release).
 */
/*@ // What hyp_fill leaves, for verification/wp/rte_pin_ops.c (a comment
    // to the compiler).
    predicate hyp_filled{L}(uint32_t *s, uint32_t *t, integer lo, integer hi) =
      \forall integer k; lo <= k < hi ==> s[k] == (t != \null ? t[k - lo] : 0);
*/
static inline void hyp_fill(uint32_t *s, const uint32_t *t, uint32_t lo, uint32_t hi)
{
	/*@ loop invariant hyp_fill_slots: lo <= j <= hi;
	    loop invariant hyp_fill_so_far: t == \null || \separated(s + (lo .. hi - 1), t + (0 .. hi - lo - 1)) ==>
	      hyp_filled(s, t, lo, j);
	    loop assigns j, s[lo .. hi - 1]; */
	for (uint32_t j = lo; j < hi; j++)
		s[j] = t ? t[j - lo] : 0u;
}

/*
 * For verification/wp/rte_pin_ops.c: what pv_mmu_table_release keeps at
 * each of its steps, the instance's sizes and the hypervisor's slots. Used
 * only in ACSL comments.
 */
#define PV_WP_RELEASE_KEPT \
	(m->nr_frames == \at(m->nr_frames, Pre) && m->ram_size == \at(m->ram_size, Pre) && \
	 m->io_max == \at(m->io_max, Pre) && m->hyp_slot_lo == \at(m->hyp_slot_lo, Pre) && \
	 m->hyp_slot_hi == \at(m->hyp_slot_hi, Pre))
/* ... the table's frames [idx, idx + n) its owner's alone, and every other
 * frame's key as on entry. */
#define PV_WP_RELEASED_SET \forall integer k; idx <= k < idx + n ==> m->fr_key[k] == owner
#define PV_WP_RELEASED_REST \
	\forall integer k; 0 <= k < \at(m->nr_frames, Pre) && (k < idx || idx + n <= k) ==> \
		m->fr_key[k] == \at(m->fr_key[k], Pre)

void pv_mmu_table_release(struct pv_mmu *m, uint32_t idx)
{
	uint8_t t = fr_ttype(m, idx);
	uint16_t owner = fr_owner(m, idx);
	struct table_geom g = table_geom(m, t);
	uint32_t n = t == PV_MMU_FT_L1 ? 4u : 1u;
	/* For verification/wp/rte_pin_ops.c; a comment to the compiler: g is
	 * a local, apart from the instance and everything the release writes. */
	/*@ assert \separated(&g, m) && \separated(&g, m->ram + (0 .. m->nr_frames * 1024 - 1)) &&
	      \separated(&g, m->fr_key + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->fr_group + (0 .. (m->nr_frames + 63) / 64 - 1)) &&
	      \separated(&g, m->fr_ro + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->fr_tc + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->fr_gmaps + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->io + (0 .. m->io_max - 1)); */
	/* ... and the table's first word, idx * 1024 as pv_mmu_slot_ptr computes
	 * it, does not wrap (idx < nr_frames <= 2^20). */
	/*@ assert release_words: (size_t)(idx * 1024) == idx * 1024; */
	walk_put(m, owner, pv_mmu_slot_ptr(m, idx), &g, g.nslots);
	/*@ assert release_put_hyp: m->hyp_slot_lo == \at(m->hyp_slot_lo, Pre) &&
	      m->hyp_slot_hi == \at(m->hyp_slot_hi, Pre); */
	/*@ assert release_put: PV_WP_RELEASE_KEPT; */
	/*@ assert release_put_keys: \forall integer k; 0 <= k < \at(m->nr_frames, Pre) ==>
	      m->fr_key[k] == \at(m->fr_key[k], Pre); */
	/* A pinned table is never granted: no other flag to keep. */
	/* For verification/wp/rte_pin_ops.c; comments to the compiler: idx + n
	 * does not wrap (the table's frames lie in RAM). */
	/*@ assert release_n: (uint32_t)(idx + n) == idx + n; */
	/*@ loop invariant idx <= i <= idx + n && n <= 4 && idx + n <= \at(m->nr_frames, Pre);
	    loop invariant m->nr_frames == \at(m->nr_frames, Pre);
	    loop invariant g.skip_lo == (n == 4 ? \at(m->hyp_slot_lo, Pre) : 0) &&
	      g.skip_hi == (n == 4 ? \at(m->hyp_slot_hi, Pre) : 0);
	    loop invariant release_set: \forall integer k; idx <= k < i ==> m->fr_key[k] == owner;
	    loop invariant release_rest: PV_WP_RELEASE_KEPT && PV_WP_RELEASED_REST;
	    loop assigns i, m->fr_key[idx .. idx + n - 1], m->fr_group[idx / 64 .. (idx + n - 1) / 64]; */
	for (uint32_t i = idx; i < idx + n; i++)
		/*@ assert i < \at(m->nr_frames, Pre) && (i >> 6) < (\at(m->nr_frames, Pre) + 63) / 64; */
		/*@ assert release_grp: \separated(m->fr_group + (i >> 6),
		      m->fr_key + (0 .. \at(m->nr_frames, Pre) - 1)); */
		fr_set(m, i, owner, PV_MMU_FT_NONE, 0);
	/*@ assert release_grps: \separated(m->fr_group + (idx / 64 .. (idx + n - 1) / 64),
	      m->fr_key + (0 .. \at(m->nr_frames, Pre) - 1)); */
	pv_mmu_group_sync(m, idx, idx + n);
	/*@ assert release_synced: PV_WP_RELEASE_KEPT; */
	/*@ assert release_synced_set: PV_WP_RELEASED_SET; */
	/*@ assert release_synced_rest: PV_WP_RELEASED_REST; */
	if (g.skip_hi > g.skip_lo) {
		/* The guest gets its table back without the hypervisor's entries. */
		uint32_t *s = pv_mmu_slot_ptr(m, idx);
		/*@ assert release_hyp_apart: \separated(s + (g.skip_lo .. g.skip_hi - 1), m,
		      m->fr_key + (0 .. \at(m->nr_frames, Pre) - 1)); */
		hyp_fill(s, NULL, g.skip_lo, g.skip_hi);
	}
	/*@ assert release_end: PV_WP_RELEASE_KEPT; */
	/*@ assert release_end_set: PV_WP_RELEASED_SET; */
	/*@ assert release_end_rest: PV_WP_RELEASED_REST; */
}

enum pv_status pv_mmu_pin(struct pv_mmu *m, pv_domid_t dom, enum pv_mmu_table kind,
			  pv_mfn_t mfn)
{
	/* For verification/wp/rte_pin_ops.c; comments to the compiler: what
	 * pv_mmu_pin reads after the walk is apart from the counts and the
	 * I/O map counts the walk writes (as get_apart, get_io), stated here,
	 * where the provers need only the preconditions. */
	/*@ assert pin_apart: \separated(\union(&m->nr_frames, &m->hyp_slot_lo, &m->hyp_slot_hi),
	      m->fr_tc + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
	      m->fr_gmaps + (0 .. m->nr_frames - 1)); */
	/*@ assert pin_io: \forall integer r; 0 <= r < m->io_max ==>
	      &m->io[r].maps != &m->nr_frames && &m->io[r].maps != &m->hyp_slot_lo &&
	      &m->io[r].maps != &m->hyp_slot_hi; */
	/*@ assert pin_io_ptrs: \forall integer r; 0 <= r < m->io_max ==>
	      \separated(&m->io[r].maps, &m->ram) && \separated(&m->io[r].maps, &m->fr_key) &&
	      \separated(&m->io[r].maps, &m->fr_group) && \separated(&m->io[r].maps, &m->hyp_l1); */
	/* ... and so are the keys and grant peers, which a refusal inside the
	 * walk must leave as they are (pin_walk_keys, after it). */
	/*@ assert pin_keys_apart: PV_WP_PIN_KEYS_APART; */
	/*@ assert pin_peers_apart: PV_WP_PIN_PEERS_APART; */
	if (!pv_mmu_dom_live(m, dom))
		return PV_ESRCH;
	uint32_t n = 1;
	uint8_t ftype;
	/* An if chain, not a switch: Frama-C WP would split every goal after
	 * a switch into one per case (docs/verification.md). */
	if (kind == PV_MMU_TABLE_L2) {
		ftype = PV_MMU_FT_L2;
	} else if (kind == PV_MMU_TABLE_L1) {
		ftype = PV_MMU_FT_L1;
		n = 4;
	} else if (kind == PV_MMU_TABLE_FINE && m->format == PV_MMU_FMT_V5) {
		ftype = PV_MMU_FT_FINE;
	} else {
		return PV_EINVAL;
	}
	if (pv_mfn_val(mfn) & (n - 1u)) /* an L1 starts at a 16 KiB boundary */
		return PV_EALIGN;
	uint32_t idx = pv_mmu_mfn_index(m, mfn);
	if (idx == UINT32_MAX || n > m->nr_frames - idx)
		return PV_ERANGE;
	uint16_t d = pv_domid_val(dom);
	/* For verification/wp/rte_pin_ops.c; comments to the compiler: the
	 * frames looked at so far pass the check. */
	/*@ loop invariant idx <= i <= idx + n;
	    loop invariant \forall integer k; idx <= k < i ==> (uint16_t)(m->fr_key[k] & 0xFFFF) == d;
	    loop assigns i; */
	for (uint32_t i = idx; i < idx + n; i++) {
		uint16_t owner = fr_owner(m, i);
		if (owner != d)
			return owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
	}
	/* For verification/wp/pin_slots.c: the owners of the table's frames,
	 * one term each (comments to the compiler). */
	/*@ assert pin_owner: PV_WP_PIN_OWNER; */
	/*@ assert pin_owners: PV_WP_PIN_OWNERS; */
	/*@ loop invariant idx <= i <= idx + n;
	    loop invariant \forall integer k; idx <= k < i ==> (uint8_t)(m->fr_key[k] >> 16) == PV_MMU_FT_NONE &&
	      m->fr_tc[k] == 0 && (uint16_t)m->fr_gpeer[k] == PV_DOMID_NONE_VALUE;
	    loop assigns i; */
	for (uint32_t i = idx; i < idx + n; i++) {
		uint8_t t = fr_ttype(m, i);
		if (t != PV_MMU_FT_NONE)
			return t == ftype && i == idx &&
					       (n == 1 || (fr_flags(m, idx) & PV_MMU_FRAME_L1_HEAD))
				       ? PV_EEXIST
				       : PV_ETYPE;
		if (m->fr_tc[i] != 0) /* writable mappings: type RW */
			return PV_ETYPE;
		if (fr_gpeer(m, i) != PV_DOMID_NONE_VALUE)
			return PV_EBUSY;
	}
	struct table_geom g = table_geom(m, ftype);
	uint32_t *s = pv_mmu_slot_ptr(m, idx);
	/* ... and the table's slots apart from what the walk writes. */
	/*@ assert pin_table_m: PV_WP_PIN_TABLE_M; */
	/*@ assert pin_table_counts: PV_WP_PIN_TABLE_COUNTS; */
	/*@ assert pin_table_io: PV_WP_PIN_TABLE_IO; */
	/*@ assert pin_table_tpl: PV_WP_PIN_TABLE_TPL; */
	/* For verification/wp/rte_pin_ops.c (a comment to the compiler): the
	 * table's slots writable, for hyp_fill's precondition after the walk. */
	/*@ assert pin_table_valid: \valid(s + (0 .. n * 1024 - 1)); */
	/* For verification/wp/rte_pin_ops.c, as in pv_mmu_table_release. */
	/*@ assert pin_g_apart: \separated(&g, m) && \separated(&g, m->ram + (0 .. m->nr_frames * 1024 - 1)) &&
	      \separated(&g, m->fr_key + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->fr_group + (0 .. (m->nr_frames + 63) / 64 - 1)) &&
	      \separated(&g, m->fr_ro + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->fr_tc + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->fr_gmaps + (0 .. m->nr_frames - 1)) &&
	      \separated(&g, m->io + (0 .. m->io_max - 1)); */
	/*@ assert pin_geom_n: g.nslots == n * 1024 && idx + n <= m->nr_frames && (ftype == PV_MMU_FT_L1 <==> n == 4); */
	/*@ assert pin_geom_lo: g.skip_lo == (ftype == PV_MMU_FT_L1 ? m->hyp_slot_lo : 0); */
	/*@ assert pin_geom_hi: g.skip_hi == (ftype == PV_MMU_FT_L1 ? m->hyp_slot_hi : 0); */
	/*@ assert pin_guest: \forall integer k; idx <= k < idx + n ==> (uint16_t)(m->fr_key[k] & 0xFFFF) <= PV_DOMID_MAX_GUEST; */
	/* g is apart from the counts and the I/O map counts the walk writes
	 * (pin_g_apart, in the form of get_apart and get_io). */
	/*@ assert pin_g_counts: \separated(\union(&g.skip_lo, &g.skip_hi),
	      m->fr_tc + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
	      m->fr_gmaps + (0 .. m->nr_frames - 1)); */
	/*@ assert pin_g_io: \forall integer r; 0 <= r < m->io_max ==>
	      &m->io[r].maps != &g.skip_lo && &m->io[r].maps != &g.skip_hi; */
	/*@ assert pin_checked: PV_WP_PIN_CHECKED; */
	/*@ assert pin_groups_apart: PV_WP_PIN_GROUPS_APART; */
	/*@ assert pin_ram_apart: PV_WP_PIN_RAM_APART; */
	int32_t rc = walk_get(m, d, s, &g, idx, idx + n);
	/*@ assert pin_checked_pre: PV_WP_PIN_CHECKED_PRE; */
	/*@ assert pin_walk_nr: m->nr_frames == \at(m->nr_frames, Pre); */
	/*@ assert pin_walk_keys: PV_WP_PIN_WALK_KEYS; */
	/*@ assert pin_walk_groups: PV_WP_PIN_WALK_GROUPS; */
	/*@ assert pin_walk_guest: PV_WP_PIN_WALK_RAM; */
	if (rc != PV_OK)
		return rc;
	/*@ assert pin_walk_ram: m->ram == \at(m->ram, Pre); */
	/*@ assert pin_walk_key: m->fr_key == \at(m->fr_key, Pre); */
	/*@ assert pin_walk_group: m->fr_group == \at(m->fr_group, Pre); */
	/*@ assert pin_walk_lo: g.skip_lo == (ftype == PV_MMU_FT_L1 ? \at(m->hyp_slot_lo, Pre) : 0); */
	/*@ assert pin_walk_hi: g.skip_hi == (ftype == PV_MMU_FT_L1 ? \at(m->hyp_slot_hi, Pre) : 0); */
	/* Not granted (checked above): PINNED is the only flag. */
	/* For verification/wp/rte_pin_ops.c (comments to the compiler): the frame
	 * and its summary's index in range, the summary apart from the
	 * instance (pin_key_idx, pin_key_sep, and for the L1's first frame
	 * pin_head_idx, pin_head_sep), as in pv_mmu_table_release, and the
	 * keys it writes valid (pin_keys_valid, pin_key_valid, pin_head_key).
	 * The loop assigns clause names the summaries as the instance's, the
	 * range of pv_mmu_pin's own clause. */
	/*@ assert pin_keys_valid: \valid(m->fr_key + (idx .. idx + n - 1)); */
	/*@ loop invariant idx <= i <= idx + n && idx + n <= \at(m->nr_frames, Pre);
	    loop invariant pin_key_nr: m->nr_frames == \at(m->nr_frames, Pre);
	    loop invariant pin_key_ptr: m->fr_key == \at(m->fr_key, Pre);
	    loop invariant g.skip_lo == (ftype == PV_MMU_FT_L1 ? \at(m->hyp_slot_lo, Pre) : 0) &&
	      g.skip_hi == (ftype == PV_MMU_FT_L1 ? \at(m->hyp_slot_hi, Pre) : 0);
	    loop assigns i, m->fr_key[idx .. idx + n - 1],
	      m->fr_group[0 .. (\at(m->nr_frames, Pre) + 63) / 64 - 1]; */
	for (uint32_t i = idx; i < idx + n; i++)
		/*@ assert pin_key_idx: i < \at(m->nr_frames, Pre) && (i >> 6) < (\at(m->nr_frames, Pre) + 63) / 64; */
		/*@ assert pin_key_sep: \separated(m->fr_group + (i >> 6), m); */
		/*@ assert pin_key_valid: \valid(m->fr_key + i); */
		fr_set(m, i, d, ftype, PV_MMU_FRAME_PINNED);
	if (ftype == PV_MMU_FT_L1) {
		/*@ assert pin_head_idx: (idx >> 6) < (\at(m->nr_frames, Pre) + 63) / 64; */
		/*@ assert pin_head_sep: \separated(m->fr_group + (idx >> 6), m); */
		/*@ assert pin_head_key: \valid(m->fr_key + idx); */
		fr_set(m, idx, d, ftype, PV_MMU_FRAME_PINNED | PV_MMU_FRAME_L1_HEAD);
		/* For verification/wp/rte_pin_ops.c (a comment to the compiler):
		 * the slots hyp_fill writes, the hypervisor's, within the table. */
		/*@ assert pin_fill_geom: g.skip_lo == \at(m->hyp_slot_lo, Pre) &&
		      g.skip_hi == \at(m->hyp_slot_hi, Pre) && \at(m->hyp_slot_hi, Pre) <= 4096; */
		/*@ assert pin_fill_args: PV_WP_PIN_FILL_ARGS; */
		hyp_fill(s, m->hyp_l1, g.skip_lo, g.skip_hi);
		/*@ assert pin_filled: PV_WP_PIN_FILLED; */
	}
	/*
	 * The walker must see exactly what was validated, the guest's entries
	 * as well as the hypervisor slots just installed: clean the whole table
	 * (an ARMv7 walker need not read through the data cache: DDI 0406C
	 * B3.10, "TLB maintenance requirements"). The
	 * range is named by the hypervisor's linear map. On ARMv5's virtually
	 * tagged caches (DDI 0100I B5) that reaches only lines the hypervisor
	 * wrote; it is enough because the frame has no writable guest mapping
	 * left (checked above), and the removal of the last one did a full
	 * cache clean and invalidate (pv_mmu_flush_after_release), so no guest
	 * store to the table can still sit in the cache under a guest address.
	 */
	pv_port_pt_sync(pv_mfn_to_maddr(mfn), n * PV_FRAME_SIZE);
	return PV_OK;
}

enum pv_status pv_mmu_unpin(struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	uint32_t idx = pv_mmu_mfn_index(m, mfn);
	if (idx == UINT32_MAX)
		return PV_ERANGE;
	uint16_t d = pv_domid_val(dom), owner = fr_owner(m, idx);
	if (owner != d)
		return owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;
	uint8_t t = fr_ttype(m, idx), fl = fr_flags(m, idx);
	if (!(fl & PV_MMU_FRAME_PINNED))
		return PV_ENOTPINNED;
	if (t == PV_MMU_FT_L1 && !(fl & PV_MMU_FRAME_L1_HEAD))
		return PV_EALIGN;
	if (t == PV_MMU_FT_L1) {
		if (pv_mfn_val(m->domains[d].active_l1) == pv_mfn_val(mfn))
			return PV_EBUSY;
	} else if (m->fr_tc[idx] != 0) {
		return PV_EBUSY;
	}
	pv_mmu_table_release(m, idx);
	pv_mmu_flush_after_release(m);
	return PV_OK;
}
