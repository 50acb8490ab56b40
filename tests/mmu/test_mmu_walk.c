/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software walk (pv_mmu_translate) against validation, over random
 * tables, both formats. A domain builds tables entry by entry through
 * pv_mmu_update with random descriptors (every AP field random, ARMv5
 * subpages differing, tiny pages, large pages, sections, supersections, I/O,
 * granted frames, encodings the rules refuse), so that its tables hold
 * exactly what validation accepted. Then, for every address of its active
 * L1 (every KiB of every second-level table, samples of each section):
 *
 *  - the walk finds a translation exactly where the descriptors, read by the
 *    test's own decoder written from the ARM ARM (mmu_model.h), map
 *    something, to the same address with the same USR rights and domain:
 *    every mapping validation accepted is reachable, with its rights;
 *  - every address the walk says is reachable leads to a frame validation
 *    counted as mapped (ref_count) that the domain owns or holds a grant to,
 *    or to one of its I/O regions; if the walk says USR may write, the frame
 *    is counted writable (type RW), the grant or region allows writing, and
 *    pv_mmu_frame_access agrees.
 *
 * Audit runs after the operations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_model.h"

#define DOM 1u
#define NL2 8u      /* second-level table frames: MiB1 frames 4..11 */
#define L1MA t_ma(1, 0)
#define IO_SIZE (1u << 20)
#define GRANT_RO t_ma(2, 40)
#define GRANT_RW t_ma(2, 41)

struct w {
	struct t_machine *t;
	struct m_src s;
	bool v7;
	uint8_t fine[NL2]; /* v5: frame 4+k is a fine table */
	unsigned checked, leaves, user_w, user_ro, user_none;
};

/* --- random descriptors ------------------------------------------------- */

static uint32_t pick_ma(struct w *w)
{
	uint32_t r = m_below(&w->s, 100);
	if (r < 70)
		return t_ma(1, 16 + m_below(&w->s, 240)); /* own data frames */
	if (r < 80)
		return t_ma(1, m_below(&w->s, 16)); /* own tables: read-only only */
	if (r < 88)
		return m_below(&w->s, 2) ? GRANT_RO : GRANT_RW;
	if (r < 96)
		return T_IO_BASE + (m_below(&w->s, 256) << 12);
	return t_ma(m_below(&w->s, 4), m_below(&w->s, 256)); /* anyone's */
}

static bool is_io(uint32_t ma)
{
	return ma - T_IO_BASE < IO_SIZE;
}

/* C, B (and ARMv7 TEX) for the target: mostly types the rules allow. */
static void pick_mt(struct w *w, uint32_t ma, uint32_t *tex, uint32_t *cb)
{
	static const uint32_t ram_v7[3][2] = { { 0, 3 }, { 1, 0 }, { 1, 3 } };
	if (m_below(&w->s, 16) == 0) {
		*tex = m_below(&w->s, 8);
		*cb = m_below(&w->s, 4);
	} else if (is_io(ma)) {
		*tex = 0;
		*cb = w->v7 ? m_below(&w->s, 2) : 0; /* SO, or Device on v7 */
	} else if (w->v7) {
		uint32_t k = m_below(&w->s, 3);
		*tex = ram_v7[k][0];
		*cb = ram_v7[k][1];
	} else {
		*tex = 0;
		*cb = m_below(&w->s, 2) ? 3u : 1u;
	}
}

/* ARMv7 AP[2:0]: any of the seven defined values, sometimes the reserved one. */
static uint32_t v7_rand_ap(struct w *w)
{
	uint32_t ap = m_below(&w->s, 8);
	return ap == 4 && m_below(&w->s, 4) ? 5u : ap;
}

static uint32_t gen_l2(struct w *w, bool fine, uint32_t *group)
{
	uint32_t r = m_below(&w->s, 100), ma = pick_ma(w), tex, cb;
	pick_mt(w, ma, &tex, &cb);
	*group = 1;
	if (r < 10)
		return 0;
	if (r < 15)
		return m_u32(&w->s);
	bool large = r < 35, tiny = !w->v7 && fine && r >= 85;
	if (w->v7) {
		uint32_t ap = v7_rand_ap(w), ng = m_below(&w->s, 16) ? V7_NG_PAGE : 0u;
		*group = large ? 16u : 1u;
		uint32_t d = large ? v7_large(ma, ap, tex, cb >> 1, cb & 1u)
				   : v7_small(ma, ap, tex, cb >> 1, cb & 1u) | m_below(&w->s, 2);
		return (d & ~V7_NG_PAGE) | ng;
	}
	uint32_t b = cb & 1u, c = cb >> 1;
	if (tiny)
		return v5_tiny(ma + 1024u * m_below(&w->s, 4), m_below(&w->s, 4), c, b);
	/* Four independent subpage AP fields. */
	uint32_t aps = m_below(&w->s, 256) << 4;
	*group = large ? (fine ? 64u : 16u) : (fine ? 4u : 1u);
	return (large ? v5_large(ma, 0, c, b) : v5_small(ma, 0, c, b)) | aps;
}

static uint32_t gen_l1(struct w *w)
{
	uint32_t r = m_below(&w->s, 100), dom = m_below(&w->s, 8) ? m_below(&w->s, 2) : 2u;
	if (r < 10)
		return 0;
	if (r < 13)
		return m_u32(&w->s);
	if (r < 75) {
		uint32_t k = m_below(&w->s, NL2), tma = t_ma(1, 4 + k);
		if (!w->v7 && w->fine[k])
			return v5_fine(tma, dom);
		tma += 1024u * m_below(&w->s, 4);
		return w->v7 ? v7_table(tma, dom) : v5_coarse(tma, dom);
	}
	/* Sections: the I/O MiB, own MiB 1 (read-only: it holds the tables),
	 * or someone else's. */
	uint32_t q = m_below(&w->s, 4);
	uint32_t ma = q < 2 ? T_IO_BASE : q == 2 ? t_ma(1, 0) : t_ma(m_below(&w->s, 4), 0);
	uint32_t tex, cb;
	pick_mt(w, ma, &tex, &cb);
	if (w->v7) {
		uint32_t ap = v7_rand_ap(w);
		if (m_below(&w->s, 10) == 0)
			return v7_super(ma, ap, tex, cb >> 1, cb & 1u);
		uint32_t d = v7_section(ma, ap, tex, cb >> 1, cb & 1u, dom);
		return m_below(&w->s, 16) ? d : d & ~V7_NG_SECT;
	}
	return v5_section(ma, m_below(&w->s, 4), cb >> 1, cb & 1u, dom);
}

/* One random update of an L1 slot or of a slot of a second-level table. */
static int32_t random_update(struct w *w)
{
	uint32_t ptr, val, group;
	if (m_below(&w->s, 8) == 0) {
		uint32_t slot = m_below(&w->s, 4096);
		val = gen_l1(w);
		if (w->v7 && (val & 3u) == 2 && (val & (1u << 18)))
			slot &= ~15u;
		ptr = L1MA + 4u * slot;
	} else {
		uint32_t k = m_below(&w->s, NL2);
		bool fine = !w->v7 && w->fine[k];
		val = gen_l2(w, fine, &group);
		uint32_t slot = m_below(&w->s, fine ? 1024u : 256u) & ~(group - 1u);
		uint32_t base = t_ma(1, 4 + k) + (fine ? 0u : 1024u * m_below(&w->s, 4));
		ptr = base + 4u * slot;
	}
	return t_update1(w->t, DOM, ptr, val);
}

/* --- the comparison ----------------------------------------------------- */

/* USR rights of one AP value, DDI 0100I B3.4.1 (S = R = 0) / DDI 0406C B3.7.1. */
static void ref_rights(bool v7, uint32_t ap2, uint32_t ap10, bool *r, bool *wr)
{
	if (v7) {
		*r = (ap10 & 2u) != 0;
		*wr = !ap2 && ap10 == 3u;
	} else {
		/* SCTLR.S = 0, R = 1 (fmt_v5.h): AP 00 and 10 read-only. */
		*r = ap10 != 1u;
		*wr = ap10 == 3u;
	}
}

struct ref {
	bool ok;
	uint32_t ma;
	uint8_t domain;
	bool r, wr;
};

/* The walk done by the test from the raw descriptors. */
static struct ref ref_walk(struct w *w, uint32_t va)
{
	struct ref x = { false, 0, 0, false, false };
	const uint32_t *l1 = t_ptr(w->t, L1MA);
	uint32_t d = l1[va >> 20];
	struct m_map e = m_hw_decode(w->v7, MP_L1, d);
	if (e.kind == 0)
		return x;
	bool super = w->v7 && e.kind == 1 && (d & (1u << 18));
	x.domain = super ? 0u : (uint8_t)((d >> 5) & 0xFu);
	if (e.kind == 1) {
		x.ok = true;
		x.ma = e.base | (va & (e.size - 1u));
		ref_rights(w->v7, (d >> 15) & 1u, (d >> 10) & 3u, &x.r, &x.wr);
		return x;
	}
	int tbl = e.kind == 2 ? MP_L2 : MP_FINE;
	uint32_t idx = tbl == MP_L2 ? (va >> 12) & 0xFFu : (va >> 10) & 0x3FFu;
	uint32_t d2 = t_ptr(w->t, e.base)[idx];
	e = m_hw_decode(w->v7, tbl, d2);
	if (e.kind == 0)
		return x;
	x.ok = true;
	x.ma = e.base | (va & (e.size - 1u));
	if (w->v7) {
		ref_rights(true, (d2 >> 9) & 1u, (d2 >> 4) & 3u, &x.r, &x.wr);
	} else if (e.size == 0x400u) {
		ref_rights(false, 0, (d2 >> 4) & 3u, &x.r, &x.wr);
	} else {
		/* Subpage: va[15:14] of a large page, va[11:10] of a small one. */
		uint32_t q = (va >> (e.size == 0x10000u ? 14 : 10)) & 3u;
		ref_rights(false, 0, (d2 >> (4u + 2u * q)) & 3u, &x.r, &x.wr);
	}
	return x;
}

static void check_va(struct w *w, uint32_t va)
{
	struct pv_mmu_xlate x;
	struct ref want = ref_walk(w, va);
	int32_t rc = pv_mmu_translate(&w->t->mmu, pv_domid(DOM), pv_gvaddr(va), &x);
	w->checked++;
	if (!want.ok) {
		if (rc != PV_EFAULT)
			fail_msg("va %#x: nothing mapped, walk says %s", (unsigned)va,
				 pv_status_name(rc));
		return;
	}
	if (rc != PV_OK)
		fail_msg("va %#x: mapped to %#x, walk says %s", (unsigned)va, (unsigned)want.ma,
			 pv_status_name(rc));
	if (pv_maddr_val(x.ma) != want.ma || x.user_read != want.r || x.user_write != want.wr ||
	    x.domain != want.domain)
		fail_msg("va %#x: walk %#x r%d w%d dom %u, descriptors %#x r%d w%d dom %u",
			 (unsigned)va, (unsigned)pv_maddr_val(x.ma), x.user_read, x.user_write,
			 x.domain, (unsigned)want.ma, want.r, want.wr, want.domain);
	w->leaves++;
	if (x.user_write)
		w->user_w++;
	else if (x.user_read)
		w->user_ro++;
	else
		w->user_none++;
	/* What validation accepted at that address. */
	uint32_t ma = pv_maddr_val(x.ma);
	if (is_io(ma)) {
		const struct pv_mmu_io_region *io = NULL;
		for (uint32_t k = 0; k < T_NIO; k++)
			if (w->t->io[k].size && ma - pv_maddr_val(w->t->io[k].base) < w->t->io[k].size)
				io = &w->t->io[k];
		if (io == NULL || pv_domid_val(io->owner) != DOM || io->maps == 0)
			fail_msg("va %#x: reaches I/O %#x outside a mapped region of its own",
				 (unsigned)va, (unsigned)ma);
		if (x.user_write && !(io->flags & PV_MMU_IO_WRITE))
			fail_msg("va %#x: USR write to a read-only region", (unsigned)va);
		return;
	}
	if (ma - T_RAM_BASE >= (w->t->ram_mb << 20))
		fail_msg("va %#x: reaches %#x, neither RAM nor I/O", (unsigned)va, (unsigned)ma);
	struct pv_mmu_frame f = t_frame(w->t, ma);
	bool own = pv_domid_val(f.owner) == DOM, granted = pv_domid_val(f.grant_peer) == DOM;
	if (f.ref_count == 0 || !(own || granted))
		fail_msg("va %#x: frame %#x not a mapping validation counted for the domain "
			 "(refs %u owner %u peer %u)", (unsigned)va, (unsigned)ma,
			 (unsigned)f.ref_count, (unsigned)pv_domid_val(f.owner),
			 (unsigned)pv_domid_val(f.grant_peer));
	if (pv_mmu_frame_access(&w->t->mmu, pv_domid(DOM), t_mfn(ma), false) != PV_OK)
		fail_msg("va %#x: frame_access refuses a read of %#x", (unsigned)va, (unsigned)ma);
	if (x.user_write) {
		if (f.type != PV_MMU_FT_RW || f.type_count == 0 ||
		    (!own && !(f.flags & PV_MMU_FRAME_GRANT_RW)))
			fail_msg("va %#x: USR write to %#x, counted type %u writable %u",
				 (unsigned)va, (unsigned)ma, f.type, (unsigned)f.type_count);
		if (pv_mmu_frame_access(&w->t->mmu, pv_domid(DOM), t_mfn(ma), true) != PV_OK)
			fail_msg("va %#x: frame_access refuses a write of %#x", (unsigned)va,
				 (unsigned)ma);
	}
}

static void check_all(struct w *w)
{
	const uint32_t *l1 = t_ptr(w->t, L1MA);
	for (uint32_t slot = 0; slot < 4096u; slot++) {
		uint32_t va = slot << 20;
		if (slot - T_HYP_SLOT < T_HYP_SLOTS) {
			struct pv_mmu_xlate x;
			assert_int_equal(pv_mmu_translate(&w->t->mmu, pv_domid(DOM), pv_gvaddr(va),
							  &x),
					 PV_EFAULT);
			continue;
		}
		struct m_map e = m_hw_decode(w->v7, MP_L1, l1[slot]);
		if (e.kind >= 2) { /* every KiB, at a random offset */
			for (uint32_t k = 0; k < 1024u; k++)
				check_va(w, va + (k << 10) + m_below(&w->s, 1024));
		} else { /* every quarter (ARMv5 subpages), both ends, samples */
			check_va(w, va);
			check_va(w, va + 0xFFFFFu);
			for (uint32_t k = 0; k < 8u; k++)
				check_va(w, va + ((k & 3u) << 18) + m_below(&w->s, 1u << 18));
		}
	}
}

static void run(enum pv_mmu_format fmt, uint64_t seed)
{
	struct w w = { .t = t_new(fmt), .s = { NULL, 0, 0, seed }, .v7 = fmt == PV_MMU_FMT_V7 };
	struct t_machine *t = w.t;
	pv_fake_reset();
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(DOM), pv_maddr(T_IO_BASE), IO_SIZE,
				     PV_MMU_MT_MASK(PV_MMU_MT_SO) | PV_MMU_MT_MASK(PV_MMU_MT_DEVICE),
				     m_below(&w.s, 2) ? PV_MMU_IO_WRITE : 0),
		 PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(2), t_mfn(GRANT_RO), pv_domid(DOM), false),
		 PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(2), t_mfn(GRANT_RW), pv_domid(DOM), true),
		 PV_OK);
	for (uint32_t k = 0; k < NL2; k++) {
		w.fine[k] = !w.v7 && (k & 1u);
		T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(DOM),
				       w.fine[k] ? PV_MMU_TABLE_FINE : PV_MMU_TABLE_L2,
				       t_mfn(t_ma(1, 4 + k))),
			 PV_OK);
	}
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(DOM), PV_MMU_TABLE_L1, t_mfn(L1MA)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(DOM), t_mfn(L1MA)), PV_OK);
	unsigned ok = 0, refused = 0;
	for (uint32_t round = 0; round < 4u; round++) {
		for (uint32_t i = 0; i < 1500u; i++) {
			pv_fake_reset();
			if (random_update(&w) == PV_OK)
				ok++;
			else
				refused++;
			if ((i & 63u) == 0)
				T_AUDIT(t);
		}
		T_AUDIT(t);
		check_all(&w);
	}
	printf("v%d seed %llu: %u updates applied, %u refused; %u addresses, %u mapped "
	       "(USR rw %u, ro %u, none %u)\n",
	       w.v7 ? 7 : 5, (unsigned long long)seed, ok, refused, w.checked, w.leaves, w.user_w,
	       w.user_ro, w.user_none);
	/* The tables must have been worth comparing. */
	assert_true(ok > 2000u && refused > 200u);
	assert_true(w.user_w > 1000u && w.user_ro > 1000u && w.user_none > 1000u);
	t_free(t);
}

static void test_walk_v5(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 3; seed++)
		run(PV_MMU_FMT_V5, seed * 0x9E3779B97F4A7C15ull);
}

static void test_walk_v7(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 3; seed++)
		run(PV_MMU_FMT_V7, seed * 0xD1B54A32D192ED03ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_v5),
		cmocka_unit_test(test_walk_v7),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
