/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Model-based checking of lib/mmu, shared by the random test and the fuzz
 * target.
 *
 * A shadow model follows ownership, grants, pinned tables, I/O regions and
 * active bases from the results of the operations alone. After every
 * operation an independent brute-force checker walks every pinned table of
 * every domain with its own minimal decoder (what the hardware would do,
 * from the ARM ARM, with none of the library's code) and confirms isolation:
 * every reachable frame is the domain's own, granted to it with enough
 * access, or inside its I/O region; no page-table frame is writable
 * anywhere; every table pointer leads to a pinned table of the same domain;
 * on ARMv7 no leaf is global (nG = 0), which would outlive an ASID switch.
 * It also runs pv_mmu_audit(), and checks that refused operations left the
 * frame table, domains and regions exactly as they were.
 *
 * Randomness comes from a byte source: a PRNG for the unit test, the fuzz
 * input for the fuzzer.
 */
#ifndef PVLIB_TESTS_MMU_MODEL_H
#define PVLIB_TESTS_MMU_MODEL_H

#include <stdio.h>

#include "mmu_t.h"
#include "port_fake.h"

#define M_NF 1024u /* 4 MiB machine */
#define M_IO_WIN 0x10000000u

struct m_src {
	const uint8_t *data; /* fuzz input, or NULL for the PRNG */
	size_t len, pos;
	uint64_t x;
};

static inline uint32_t m_u32(struct m_src *s)
{
	if (s->data == NULL) {
		s->x ^= s->x << 13;
		s->x ^= s->x >> 7;
		s->x ^= s->x << 17;
		return (uint32_t)(s->x >> 16);
	}
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v = v << 8 | (s->pos < s->len ? s->data[s->pos++] : 0u);
	return v;
}

static inline uint32_t m_below(struct m_src *s, uint32_t n)
{
	return m_u32(s) % n;
}

enum { MP_NONE = 0, MP_L1 = 1, MP_L1_TAIL = 2, MP_L2 = 3, MP_FINE = 4 };

struct m_model {
	struct t_machine *t;
	uint16_t owner[M_NF];
	uint16_t gpeer[M_NF];
	uint8_t grw[M_NF];
	uint8_t pinned[M_NF];
	uint32_t active[T_NDOMS];
	struct { uint32_t base, size; uint16_t owner; uint8_t w; } io[T_NIO];
	char why[160];
	/* Snapshot for "a refused operation leaves no trace". */
	uint32_t snap_store[PV_MMU_FRAME_STORE_WORDS(M_NF)];
	struct pv_mmu_domain snap_doms[T_NDOMS];
	struct pv_mmu_io_region snap_io[T_NIO];
	unsigned ok_ops, refused_ops, pins_ok, entries_applied;
	unsigned hist[10][90]; /* [op class][-rc] */
};

static inline uint32_t m_ma(uint32_t idx)
{
	return T_RAM_BASE + (idx << 12);
}

/* Start a model; reuse (if not NULL) is a machine from an earlier m_init. */
static inline void m_init(struct m_model *m, enum pv_mmu_format fmt, struct t_machine *reuse)
{
	memset(m, 0, sizeof *m);
	if (reuse) {
		m->t = reuse;
		t_reset(reuse, fmt, 2);
	} else {
		m->t = t_new(fmt);
	}
	if (pv_mmu_frame_assign(&m->t->mmu, pv_mfn(m_ma(768) >> 12), 256, pv_domid(0)) != PV_OK)
		abort();
	for (uint32_t i = 0; i < M_NF; i++) {
		m->owner[i] = i < 256 ? PV_DOMID_HYP_VALUE
			      : i < 512 ? 1
			      : i < 768 ? 2 : 0;
		m->gpeer[i] = PV_DOMID_NONE_VALUE;
	}
	for (uint32_t d = 0; d < T_NDOMS; d++)
		m->active[d] = PV_MMU_NO_L1;
}

static inline void m_fini(struct m_model *m)
{
	t_free(m->t);
}

/* --- the independent checker ------------------------------------------- */

struct m_map {
	int kind; /* 0 fault, 1 leaf, 2 coarse pointer, 3 fine pointer */
	uint32_t base, size;
	bool w;
	bool global; /* ARMv7 leaf with nG = 0 */
};

/* What the MMU would do with descriptor d (ARM ARM v5 B3.3, v7 B3.5.1). */
static inline struct m_map m_hw_decode(bool v7, int tbl, uint32_t d)
{
	struct m_map r = { 0, 0, 0, false, false };
	uint32_t t = d & 3u;
	if (t == 0)
		return r;
	if (tbl == MP_L1) {
		if (t == 1) {
			r.kind = 2;
			r.base = d & ~0x3FFu;
			return r;
		}
		if (!v7 && t == 3) {
			r.kind = 3;
			r.base = d & ~0xFFFu;
			return r;
		}
		r.kind = 1;
		if (v7 && (d & (1u << 18))) {
			r.base = d & 0xFF000000u;
			r.size = 16u << 20;
		} else {
			r.base = d & 0xFFF00000u;
			r.size = 1u << 20;
		}
		r.w = v7 ? !((d >> 15) & 1u) && ((d >> 10) & 3u) : ((d >> 10) & 3u) != 0;
		r.global = v7 && !(d & (1u << 17));
		return r;
	}
	r.kind = 1;
	if (v7) {
		r.size = t == 1 ? 0x10000u : 0x1000u;
		r.w = !((d >> 9) & 1u) && ((d >> 4) & 3u);
		r.global = !(d & (1u << 11));
	} else if (tbl == MP_FINE && t == 3) {
		r.size = 0x400u;
		r.w = ((d >> 4) & 3u) != 0;
	} else {
		r.size = t == 1 ? 0x10000u : 0x1000u;
		r.w = ((d >> 4) & 0xFFu) != 0;
	}
	r.base = d & ~(r.size - 1u);
	return r;
}

static inline bool m_fail(struct m_model *m, const char *what, uint32_t a, uint32_t b)
{
	snprintf(m->why, sizeof m->why, "%s (%#x, %#x)", what, (unsigned)a, (unsigned)b);
	return false;
}

static inline bool m_check_leaf(struct m_model *m, uint16_t d, const struct m_map *e, uint32_t at)
{
	uint64_t end = (uint64_t)e->base + e->size;
	if (e->base >= T_RAM_BASE && end <= T_RAM_BASE + (M_NF << 12)) {
		for (uint32_t a = e->base & ~0xFFFu; a < end; a += 4096) {
			uint32_t i = (a - T_RAM_BASE) >> 12;
			if (m->owner[i] != d &&
			    !(m->gpeer[i] == d && (!e->w || m->grw[i])))
				return m_fail(m, "reachable frame neither own nor granted", at, a);
			if (e->w && m->pinned[i] != MP_NONE)
				return m_fail(m, "page-table frame writable", at, a);
		}
		return true;
	}
	for (uint32_t r = 0; r < T_NIO; r++) {
		if (m->io[r].size && m->io[r].owner == d && e->base >= m->io[r].base &&
		    end <= (uint64_t)m->io[r].base + m->io[r].size && (!e->w || m->io[r].w))
			return true;
	}
	return m_fail(m, "reachable range outside RAM and own I/O", at, e->base);
}

static inline bool m_check_table(struct m_model *m, uint32_t idx, int tbl)
{
	bool v7 = m->t->fmt == PV_MMU_FMT_V7;
	const uint32_t *s = m->t->ram + idx * 1024u;
	uint16_t d = m->owner[idx];
	uint32_t n = tbl == MP_L1 ? 4096u : 1024u;
	for (uint32_t j = 0; j < n; j++) {
		if (tbl == MP_L1 && j >= T_HYP_SLOT && j < T_HYP_SLOT + T_HYP_SLOTS) {
			if (s[j] != m->t->hyp_l1[j - T_HYP_SLOT])
				return m_fail(m, "hypervisor slot not the hypervisor's", idx, j);
			continue;
		}
		struct m_map e = m_hw_decode(v7, tbl, s[j]);
		uint32_t at = m_ma(idx) + 4 * j;
		if (e.kind == 1 && !m_check_leaf(m, d, &e, at))
			return false;
		if (e.kind == 1 && e.global)
			return m_fail(m, "global guest mapping on ARMv7", at, s[j]);
		if (e.kind >= 2) {
			if (e.base < T_RAM_BASE || e.base >= T_RAM_BASE + (M_NF << 12))
				return m_fail(m, "table pointer outside RAM", at, e.base);
			uint32_t ti = (e.base - T_RAM_BASE) >> 12;
			if (m->owner[ti] != d || m->pinned[ti] != (e.kind == 2 ? MP_L2 : MP_FINE))
				return m_fail(m, "table pointer to no pinned table of the domain", at,
					      e.base);
		}
	}
	return true;
}

static inline bool m_check(struct m_model *m)
{
	struct t_machine *t = m->t;
	struct pv_mmu_audit_report rep = { .what = "" };
	if (t_audit_rc(t, &rep) != PV_OK)
		return m_fail(m, rep.what, pv_mfn_val(rep.mfn), 0);
	for (uint32_t i = 0; i < M_NF; i++) {
		const struct pv_mmu_frame fv = t_frame_at(t, i), *f = &fv;
		if (pv_domid_val(f->owner) != m->owner[i])
			return m_fail(m, "owner differs from the model", i, pv_domid_val(f->owner));
		if (pv_domid_val(f->grant_peer) != m->gpeer[i])
			return m_fail(m, "grant differs from the model", i, pv_domid_val(f->grant_peer));
		bool lib_pinned = (f->flags & PV_MMU_FRAME_PINNED) != 0;
		if (lib_pinned != (m->pinned[i] != MP_NONE))
			return m_fail(m, "pinned state differs from the model", i, m->pinned[i]);
		if (m->pinned[i] == MP_L1 || m->pinned[i] == MP_L2 || m->pinned[i] == MP_FINE) {
			if (!m_check_table(m, i, m->pinned[i] == MP_L1 ? MP_L1
					   : m->pinned[i] == MP_L2 ? MP_L2 : MP_FINE))
				return false;
		}
	}
	for (uint32_t d = 0; d < T_NDOMS; d++) {
		if (pv_mfn_val(t->doms[d].active_l1) != m->active[d])
			return m_fail(m, "active base differs from the model", d, m->active[d]);
	}
	return true;
}

/* --- random operations --------------------------------------------------- */

/* The MiB a domain starts with (domain 0 gets frames of MiB 3 by assignment). */
static inline uint32_t m_area(uint16_t d)
{
	return d == 0 ? 768u : 256u * d;
}

static inline uint32_t m_pick_frame(struct m_src *s, uint16_t d)
{
	uint32_t r = m_below(s, 100);
	if (r < 75)
		return m_area(d) + m_below(s, 40);
	if (r < 95)
		return m_area((uint16_t)m_below(s, 3)) + m_below(s, 40);
	return m_below(s, M_NF);
}

/* A pinned table of d (kind: MP_L1 or an L2 kind), else any frame. */
static inline uint32_t m_pick_table(struct m_model *m, struct m_src *s, uint16_t d, bool l1)
{
	uint32_t start = m_below(s, M_NF);
	for (uint32_t k = 0; k < M_NF; k++) {
		uint32_t i = (start + k) % M_NF;
		if (m->owner[i] != d)
			continue;
		if (l1 ? m->pinned[i] == MP_L1 : (m->pinned[i] == MP_L2 || m->pinned[i] == MP_FINE))
			return i;
	}
	return m_pick_frame(s, d);
}

static inline uint32_t m_pick_ma(struct m_src *s, uint16_t d)
{
	uint32_t r = m_below(s, 100);
	if (r < 92)
		return m_ma(m_pick_frame(s, d));
	if (r < 96)
		return M_IO_WIN + (m_below(s, 4) << 16) + (m_below(s, 16) << 12);
	return m_u32(s);
}

/* A plausible descriptor for a table of kind tbl. */
static inline uint32_t m_gen_desc(struct m_model *m, struct m_src *s, int tbl, uint16_t d)
{
	bool v7 = m->t->fmt == PV_MMU_FMT_V7;
	uint32_t r = m_below(s, 100);
	if (r < 8)
		return 0;
	if (r < 10)
		return m_u32(s);
	bool w = m_below(s, 2);
	/* Writable mappings mostly go to data frames (20..39 of an area), tables live in 0..19. */
	uint32_t ma = w && m_below(s, 5) ? m_ma(m_area(d) + 20 + m_below(s, 20)) : m_pick_ma(s, d);
	bool dev = (ma & 0xF0000000u) == M_IO_WIN;
	uint32_t dom = m_below(s, 10) == 0 ? m_below(s, 16) : m_below(s, 2);
	if (tbl == MP_L1) {
		uint32_t k = m_below(s, 10);
		if (k < 4) { /* table pointer */
			uint32_t tf = m_below(s, 2) ? m_pick_table(m, s, d, false) : m_pick_frame(s, d);
			uint32_t tma = m_ma(tf) + 1024u * m_below(s, 4);
			if (!v7 && k == 0)
				return v5_fine(tma, dom);
			return v7 ? v7_table(tma, dom) : v5_coarse(tma, dom);
		}
		if (m_below(s, 5))
			w = false; /* a writable section covers the area's tables */
		if (v7 && k == 9)
			return v7_super(ma, w ? V7_RW : V7_RO, 0, 1, 1);
		if (v7)
			return v7_section(ma, w ? V7_RW : V7_RO, 0, !dev, !dev, dom);
		return v5_section(ma, w ? V5_RW : V5_RO, !dev, !dev, dom);
	}
	uint32_t k = m_below(s, 10);
	if (k < 2)
		return v7 ? v7_large(ma, w ? V7_RW : V7_RO, 0, !dev, !dev)
			  : v5_large(ma, w ? V5_RW : V5_RO, !dev, !dev);
	if (!v7 && tbl == MP_FINE && k < 4)
		return v5_tiny(ma + 1024u * m_below(s, 4), w ? V5_RW : V5_RO, !dev, !dev);
	return v7 ? v7_small(ma, w ? V7_RW : V7_RO, 0, !dev, !dev)
		  : v5_small(ma, w ? V5_RW : V5_RO, !dev, !dev);
}

/* Replica count of a descriptor (0 when not a replicated kind). */
static inline uint32_t m_group(bool v7, int tbl, uint32_t d)
{
	if (tbl == MP_L1)
		return v7 && (d & 3u) == 2 && (d & (1u << 18)) ? 16 : 1;
	if ((d & 3u) == 1)
		return tbl == MP_FINE ? 64 : 16;
	if (tbl == MP_FINE && (d & 3u) == 2)
		return 4;
	return 1;
}

/*
 * Reach the pin walk's block paths (validate.c): fill one or two aligned
 * 64-entry blocks of an L2 with small pages of one attribute pattern
 * mapping consecutive frames (mostly the domain's own, sometimes running
 * into another owner's or off the end of RAM), then flip up to two
 * entries to something else, anywhere in the run. The pin that follows
 * is checked like any other (isolation checker, audit, no trace if
 * refused), and unpin puts blocks back the fast way.
 */
static inline void m_fill_run(struct m_model *m, struct m_src *s, uint32_t table_ma, uint16_t d)
{
	struct t_machine *t = m->t;
	bool v7 = t->fmt == PV_MMU_FMT_V7, w = m_below(s, 2);
	uint32_t *p = t_ptr(t, table_ma);
	uint32_t b0 = 64u * m_below(s, 16), n = m_below(s, 4) == 0 ? 128u : 64u;
	if (b0 + n > 1024)
		n = 1024 - b0;
	uint16_t from = m_below(s, 6) ? d : (uint16_t)m_below(s, 3);
	uint32_t first = m_below(s, 8) ? m_area(from) + m_below(s, 220) : m_below(s, M_NF);
	uint32_t attr = m_below(s, 4); /* which of four patterns */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t ma = m_ma(first + i);
		uint32_t v = v7 ? v7_small(ma, w ? V7_RW : V7_RO, attr == 1 ? 1 : 0, 1, 1)
			        : v5_small(ma, w ? V5_RW : V5_RO, 1, attr == 1 ? 0 : 1);
		if (v7 && attr == 2)
			v |= 1u; /* XN */
		p[b0 + i] = v;
	}
	for (uint32_t k = m_below(s, 3); k > 0; k--) {
		uint32_t j = b0 + m_below(s, n);
		p[j] = m_below(s, 2) ? m_gen_desc(m, s, MP_L2, d)
			: (p[j] & 0xFFFu) | (m_ma(m_pick_frame(s, d)) & 0xFFFFF000u);
	}
}

static inline void m_snap(struct m_model *m)
{
	memcpy(m->snap_store, m->t->frame_store, sizeof m->snap_store);
	memcpy(m->snap_doms, m->t->doms, sizeof m->snap_doms);
	memcpy(m->snap_io, m->t->io, sizeof m->snap_io);
}

static inline bool m_unchanged(struct m_model *m)
{
	return !memcmp(m->snap_store, m->t->frame_store, sizeof m->snap_store) &&
	       !memcmp(m->snap_doms, m->t->doms, sizeof m->snap_doms) &&
	       !memcmp(m->snap_io, m->t->io, sizeof m->snap_io);
}

/* One random operation, then every check. False (with m->why) on violation. */
static inline bool m_step(struct m_model *m, struct m_src *s)
{
	struct t_machine *t = m->t;
	struct pv_mmu *mmu = &t->mmu;
	bool v7 = t->fmt == PV_MMU_FMT_V7;
	uint16_t d = (uint16_t)m_below(s, 3);
	pv_domid_t dom = pv_domid(d);
	uint32_t op = m_below(s, 100);
	int32_t rc;
	bool strict = true; /* refused => no trace at all */
	m_snap(m);

	if (op < 6 || (op >= 99 && m_below(s, 8))) { /* assign */
		uint32_t f = m_pick_frame(s, d), n = 1 + m_below(s, 8);
		if (op >= 99) { /* the domain builder hands out a whole area */
			f = m_area(d);
			n = 40;
		}
		uint16_t to = m_below(s, 8) == 0 ? PV_DOMID_HYP_VALUE : d;
		rc = pv_mmu_frame_assign(mmu, pv_mfn(m_ma(f) >> 12), n, pv_domid(to));
		if (rc == PV_OK)
			for (uint32_t i = 0; i < n; i++)
				m->owner[f + i] = to;
	} else if (op < 10) { /* free */
		uint32_t f = m_pick_frame(s, d), n = 1 + m_below(s, 4);
		rc = pv_mmu_frame_free(mmu, pv_mfn(m_ma(f) >> 12), n, dom);
		if (rc == PV_OK)
			for (uint32_t i = 0; i < n; i++)
				m->owner[f + i] = PV_DOMID_NONE_VALUE;
	} else if (op < 40) { /* the guest writes one of its unpinned frames */
		uint32_t f = m_below(s, 4) ? m_area(d) + m_below(s, 20) : m_pick_frame(s, d);
		rc = PV_OK;
		if (m->owner[f] == d && m->pinned[f] == MP_NONE &&
		    t_frame_at(t, f).type != PV_MMU_FT_L1) {
			int tbl = m_below(s, 3) == 0 ? MP_L1 : (!v7 && m_below(s, 4) == 0) ? MP_FINE
											: MP_L2;
			uint32_t v = m_gen_desc(m, s, tbl, d), g = m_group(v7, tbl, v);
			uint32_t slot = m_below(s, 1024);
			if (m_below(s, 8) != 0)
				slot &= ~(g - 1u);
			if (slot + g > 1024)
				g = 1024 - slot;
			if (tbl == MP_L2 && m_below(s, 3) == 0)
				m_fill_run(m, s, m_ma(f), d);
			else if (m_below(s, 16) == 0)
				t_fill(t, m_ma(f), 0, 1024, 0); /* a fresh table */
			else
				t_fill(t, m_ma(f), slot, g, v);
		}
	} else if (op < 55) { /* pin */
		uint32_t f = m_below(s, 4) ? m_area(d) + m_below(s, 20) : m_pick_frame(s, d);
		uint32_t k = m_below(s, 6);
		enum pv_mmu_table kind = k < 2 ? PV_MMU_TABLE_L1 : k < 5 ? PV_MMU_TABLE_L2
									: PV_MMU_TABLE_FINE;
		if (kind == PV_MMU_TABLE_L1 && m_below(s, 10) != 0)
			f &= ~3u;
		rc = pv_mmu_pin(mmu, dom, kind, t_mfn(m_ma(f)));
		if (rc == PV_OK) {
			m->pins_ok++;
			if (kind == PV_MMU_TABLE_L1) {
				m->pinned[f] = MP_L1;
				for (uint32_t i = 1; i < 4; i++)
					m->pinned[f + i] = MP_L1_TAIL;
			} else {
				m->pinned[f] = kind == PV_MMU_TABLE_L2 ? MP_L2 : MP_FINE;
			}
		}
	} else if (op < 63) { /* unpin */
		uint32_t f = m_below(s, 2) ? m_pick_table(m, s, d, m_below(s, 2)) : m_pick_frame(s, d);
		if (m_below(s, 4) != 0)
			f &= ~3u;
		uint8_t was = m->pinned[f];
		rc = pv_mmu_unpin(mmu, dom, t_mfn(m_ma(f)));
		strict = false; /* a successful unpin flushes; a refused one must not change */
		if (rc == PV_OK) {
			uint32_t n = was == MP_L1 ? 4 : 1;
			for (uint32_t i = 0; i < n; i++)
				m->pinned[f + i] = MP_NONE;
		} else if (!m_unchanged(m)) {
			return m_fail(m, "refused unpin left a trace", f, (uint32_t)rc);
		}
	} else if (op < 85) { /* mmu_update batch */
		struct pv_mmu_update_req req[8];
		uint32_t n = 1 + m_below(s, 8), done;
		for (uint32_t i = 0; i < n; i++) {
			uint32_t f = m_below(s, 8) ? m_pick_table(m, s, d, m_below(s, 3) == 0)
						   : m_pick_frame(s, d);
			int tbl = m->pinned[f] == MP_L1 || m->pinned[f] == MP_L1_TAIL ? MP_L1
				  : m->pinned[f] == MP_FINE ? MP_FINE : MP_L2;
			uint32_t slot = m_below(s, 1024);
			uint32_t v = m_gen_desc(m, s, tbl, d);
			if (m_below(s, 4) != 0)
				slot &= ~(m_group(v7, tbl, v) - 1u);
			req[i].ptr = m_ma(f) + 4 * slot + (m_below(s, 50) == 0 ? 1u : 0u);
			req[i].val = v;
		}
		rc = pv_mmu_update(mmu, dom, req, n, &done);
		strict = false;
		m->entries_applied += done;
		if ((rc == PV_OK) != (done == n) || done > n)
			return m_fail(m, "update done count inconsistent", done, n);
	} else if (op < 91) { /* grant / revoke */
		uint32_t f = m_pick_frame(s, d);
		if (m_below(s, 2)) {
			uint16_t peer = (uint16_t)m_below(s, 3);
			bool w = m_below(s, 2);
			rc = pv_mmu_grant(mmu, dom, pv_mfn(m_ma(f) >> 12), pv_domid(peer), w);
			if (rc == PV_OK) {
				m->gpeer[f] = peer;
				m->grw[f] = w;
			}
		} else {
			rc = pv_mmu_grant_revoke(mmu, dom, pv_mfn(m_ma(f) >> 12));
			if (rc == PV_OK)
				m->gpeer[f] = PV_DOMID_NONE_VALUE;
		}
	} else if (op < 95 && m_below(s, 2)) { /* switch base */
		uint32_t f = (m_below(s, 2) ? m_pick_table(m, s, d, true) : m_pick_frame(s, d)) & ~3u;
		rc = pv_mmu_switch_base(mmu, dom, t_mfn(m_ma(f)));
		if (rc == PV_OK)
			m->active[d] = m_ma(f) >> 12;
	} else if (op < 95) { /* guest TLB / cache maintenance: checks only, then a hook */
		struct pv_mmu_maint_req r = {
			.op = m_below(s, 8) ? 1u + m_below(s, 7) : m_u32(s),
			.va = pv_gvaddr(m_below(s, 4) ? m_below(s, 1024) << 20 | m_below(s, 0x100000)
						      : m_u32(s)),
			.len = m_below(s, 4) ? m_below(s, 0x4000) : m_u32(s),
			.asid = m_below(s, 8) ? 0u : m_u32(s) & 0x1FFu,
		};
		bool whole = r.op == PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL ||
			     r.op == PV_MMU_MAINT_ICACHE_ALL_INVAL;
		if ((r.op <= PV_MMU_MAINT_TLB_ALL || whole) && m_below(s, 4)) {
			r.len = 0;
			if (r.op != PV_MMU_MAINT_TLB_PAGE)
				r.va = pv_gvaddr(0);
		}
		unsigned before = pv_fake_log_get()->count;
		rc = pv_mmu_maint(mmu, dom, &r);
		unsigned calls = pv_fake_log_get()->count - before;
		if (calls != (rc == PV_OK ? 1u : 0u))
			return m_fail(m, "maintenance hook calls disagree with the result", calls,
				      (uint32_t)rc);
		if (rc == PV_OK && whole && (pv_gvaddr_val(r.va) != 0 || r.len != 0))
			return m_fail(m, "whole-cache maintenance accepted with an address",
				      pv_gvaddr_val(r.va), r.len);
		if (rc == PV_OK && r.op >= PV_MMU_MAINT_CACHE_CLEAN && !whole) {
			/* Every page of an accepted range translates (per KiB on v5). */
			uint32_t va = pv_gvaddr_val(r.va), last = va + (r.len - 1u);
			struct pv_mmu_xlate x;
			if (pv_mmu_translate(mmu, dom, r.va, &x) != PV_OK ||
			    pv_mmu_translate(mmu, dom, pv_gvaddr(last), &x) != PV_OK)
				return m_fail(m, "maintenance accepted on an unmapped range", va,
					      r.len);
		}
		if (!m_unchanged(m))
			return m_fail(m, "maintenance changed the frame table", r.op, (uint32_t)rc);
	} else if (op < 99) { /* I/O regions */
		uint32_t base = M_IO_WIN + (m_below(s, 4) << 16);
		if (m_below(s, 2)) {
			bool w = m_below(s, 2);
			uint32_t types = PV_MMU_MT_MASK(PV_MMU_MT_SO) | PV_MMU_MT_MASK(PV_MMU_MT_DEVICE);
			rc = pv_mmu_io_assign(mmu, dom, pv_maddr(base), 0x10000u, types,
					      w ? PV_MMU_IO_WRITE : 0);
			if (rc == PV_OK) {
				for (uint32_t r = 0; r < T_NIO; r++) {
					if (t->io[r].size && pv_maddr_val(t->io[r].base) == base) {
						m->io[r].base = base;
						m->io[r].size = 0x10000u;
						m->io[r].owner = d;
						m->io[r].w = w;
					}
				}
			}
		} else {
			rc = pv_mmu_io_revoke(mmu, dom, pv_maddr(base));
			if (rc == PV_OK)
				for (uint32_t r = 0; r < T_NIO; r++)
					if (m->io[r].size && m->io[r].base == base)
						m->io[r].size = 0;
		}
	} else { /* destroy */
		rc = pv_mmu_domain_destroy(mmu, dom);
		strict = false;
		if (rc == PV_OK || rc == PV_EBUSY) {
			m->active[d] = PV_MMU_NO_L1;
			for (uint32_t i = 0; i < M_NF; i++) {
				if (m->owner[i] == d)
					m->pinned[i] = MP_NONE;
			}
		}
		if (rc == PV_OK) {
			for (uint32_t i = 0; i < M_NF; i++) {
				if (m->owner[i] == d) {
					m->owner[i] = PV_DOMID_NONE_VALUE;
					m->gpeer[i] = PV_DOMID_NONE_VALUE;
				}
				if (m->gpeer[i] == d)
					m->gpeer[i] = PV_DOMID_NONE_VALUE;
			}
			for (uint32_t r = 0; r < T_NIO; r++)
				if (m->io[r].owner == d)
					m->io[r].size = 0;
		}
	}
	if (rc <= 0 && rc > -90)
		m->hist[op < 6 ? 0 : op < 10 ? 1 : op < 40 ? 2 : op < 55 ? 3 : op < 63 ? 4 : op < 85 ? 5
			: op < 91 ? 6 : op < 95 ? 7 : op < 99 ? 8 : 9][-rc]++;
	if (rc == PV_OK)
		m->ok_ops++;
	else
		m->refused_ops++;
	if (rc > 0 || rc < PV_STATUS_MIN)
		return m_fail(m, "result is not a status", op, (uint32_t)rc);
	if (rc != PV_OK && strict && !m_unchanged(m))
		return m_fail(m, "refused operation left a trace", op, (uint32_t)rc);
	return m_check(m);
}

#endif
