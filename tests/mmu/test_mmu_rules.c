/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Every rule of lib/mmu, accepted and refused, on both formats. Each test
 * runs once with ARMv5 and once with ARMv7 (cmocka prestate) unless it is
 * about one format's encodings. Audit runs after every operation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;

/* dom1's usual tables: L1 at MiB1+0, L2 frame at MiB1+4 (frames 4..7 reserved). */
#define L1A t_ma(1, 0)
#define L2A t_ma(1, 4)
#define L2B t_ma(1, 5)
#define DATA(k) t_ma(1, 16 + (k))

static void pin_empty_l2(struct t_machine *t, uint32_t ma)
{
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(ma)), PV_OK);
}

static void test_init_config(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu m;
	struct pv_mmu_config c;
	t_config(t, &c);
	assert_int_equal(pv_mmu_init(&m, &c), PV_OK);
	t_config(t, &c); c.format = 3;
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	t_config(t, &c); c.ram_base = pv_maddr(T_RAM_BASE + 1024);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EALIGN);
	t_config(t, &c); c.ram_size = 0;
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	t_config(t, &c); c.ram_base = pv_maddr(0xFFF00000u);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	t_config(t, &c); c.frame_store_words--;
	assert_int_equal(pv_mmu_init(&m, &c), PV_ENOMEM);
	t_config(t, &c); c.frame_store = NULL;
	assert_int_equal(pv_mmu_init(&m, &c), PV_ENOMEM);
	t_config(t, &c); c.hyp_va_base = pv_gvaddr(T_HYP_VA + 4096);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EALIGN);
	t_config(t, &c); c.guest_domains |= 1u << T_HYP_DOMAIN;
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	t_config(t, &c); c.ram_types |= PV_MMU_MT_MASK(PV_MMU_MT_DEVICE);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	t_config(t, &c); c.ram_types |= PV_MMU_MT_MASK(PV_MMU_MT_SO);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	t_free(t);
}

/* A frame table kept in RAM: its frames go to the hypervisor, never to a guest. */
static void test_frame_store_in_ram(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu_config c;
	struct pv_mmu_audit_report rep = { .what = "" };
	uint32_t words = (uint32_t)PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8);
	uint32_t first = 256u + 255u - (words * 4u - 1u) / 4096u; /* its first frame */
	t_config(t, &c);
	c.frame_store = t_ptr(t, t_ma(1, 255)) - words + 1024; /* ends with MiB 1 */
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	assert_int_equal(t->mmu.store_lo, first);
	assert_int_equal(t->mmu.store_hi, 512);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 256, pv_domid(1)),
			 PV_EPERM);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(0, 0) + (first << 12)), 1,
					     pv_domid(2)),
			 PV_EPERM);
	assert_int_equal(pv_domid_val(t_frame_at(t, first).owner), PV_DOMID_NONE_VALUE);
	/* Below the store: fine; the store itself: the hypervisor's. */
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), first - 256, pv_domid(1)),
			 PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(0, 0) + (first << 12)),
					     512 - first, pv_domid_hyp()),
			 PV_OK);
	T_AUDIT(t);
	/* A record that says otherwise (memory corruption) is found. */
	t->mmu.fr_key[first + 1] = (t->mmu.fr_key[first + 1] & ~0xFFFFu) | 1u;
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_int_equal(pv_mfn_val(rep.mfn), (T_RAM_BASE >> 12) + first + 1); /* a frame number */
	assert_int_equal(pv_domid_val(rep.dom), 1);
	assert_int_equal(rep.io, PV_MMU_AUDIT_NO_IO);
	assert_string_equal(rep.what, "frame table in a guest's RAM");
	/* A store outside the window occupies no frame. */
	t_reset(t, T_FMT(state), 2);
	assert_int_equal(t->mmu.store_lo, t->mmu.store_hi);
	T_AUDIT(t);
	/* Misaligned. */
	t_config(t, &c);
	c.frame_store = (uint32_t *)(void *)((char *)t->frame_store + 2);
	struct pv_mmu m2;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	t_free(t);
}

/* [lo, hi) of the frames the template occupies, by an instance set up with
 * the template at tpl (one word for each of slots slots) over the window of
 * frames frames at ram. */
static void tpl_frames(struct t_machine *t, uint32_t *ram, uint32_t frames, const uint32_t *tpl,
		       uint32_t slots, uint32_t *lo, uint32_t *hi)
{
	struct pv_mmu_config c;
	struct pv_mmu m2;
	t_config(t, &c);
	c.ram = ram;
	c.ram_base = pv_maddr(T_RAM_BASE + (uint32_t)((ram - t->ram) * 4));
	c.ram_size = frames << 12;
	c.hyp_va_size = slots << 20;
	c.hyp_l1 = tpl;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	*lo = m2.tpl_lo;
	*hi = m2.tpl_hi;
}

/*
 * The template of the hypervisor's L1 slots kept in RAM: as the frame
 * table, its frames go to the hypervisor, never to a guest, who could
 * otherwise write the hypervisor's entries of every L1 pinned after.
 */
static void test_hyp_template_in_ram(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu_config c;
	struct pv_mmu_audit_report rep = { .what = "" };
	uint32_t lo, hi, nf = t->ram_mb << 8;
	/* 16 words across frames 511 and 512 (the last 8 of MiB 1, the first 8
	 * of MiB 2), written there as the template's values. */
	uint32_t *tpl = t_ptr(t, t_ma(2, 0)) - 8;
	memcpy(tpl, t->hyp_l1, sizeof t->hyp_l1);
	t_config(t, &c);
	c.hyp_l1 = tpl;
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	assert_int_equal(t->mmu.tpl_lo, 511);
	assert_int_equal(t->mmu.tpl_hi, 513);
	/* Each of its frames refused to a guest, alone or within a range, and
	 * nothing changes; the frames on either side are a guest's to have. */
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 255)), 1, pv_domid(1)),
			 PV_EPERM);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(2, 0)), 1, pv_domid(2)),
			 PV_EPERM);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 512, pv_domid(1)),
			 PV_EPERM);
	assert_int_equal(pv_domid_val(t_frame_at(t, 256).owner), PV_DOMID_NONE_VALUE);
	assert_int_equal(pv_domid_val(t_frame_at(t, 512).owner), PV_DOMID_NONE_VALUE);
	assert_int_equal(t->doms[1].nr_frames, 0);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 255, pv_domid(1)), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(2, 1)), 255, pv_domid(2)), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 255)), 2, pv_domid_hyp()),
			 PV_OK);
	T_AUDIT(t);
	/* Pinned L1s get the template's words, from RAM. */
	uint32_t l1 = t_ma(1, 16);
	assert_int_equal(pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	assert_memory_equal(t_ptr(t, l1) + T_HYP_SLOT, t->hyp_l1, sizeof t->hyp_l1);
	T_AUDIT(t);
	/* A record that says otherwise (memory corruption) is found. */
	t->mmu.fr_key[512] = (t->mmu.fr_key[512] & ~0xFFFFu) | 2u;
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_int_equal(pv_mfn_val(rep.mfn), (T_RAM_BASE >> 12) + 512);
	assert_int_equal(pv_domid_val(rep.dom), 2);
	assert_string_equal(rep.what, "L1 template in a guest's RAM");
	t->mmu.fr_key[512] = (t->mmu.fr_key[512] & ~0xFFFFu) | PV_DOMID_HYP_VALUE;
	T_AUDIT(t);

	/* The frames, at each edge of the template and of the window. */
	uint32_t *end1 = t_ptr(t, t_ma(2, 0)); /* the end of frame 511 */
	tpl_frames(t, t->ram, nf, end1 - 16, 16, &lo, &hi); /* ends at a frame's end */
	assert_int_equal(lo, 511);
	assert_int_equal(hi, 512);
	tpl_frames(t, t->ram, nf, end1, 16, &lo, &hi); /* starts at a frame's start */
	assert_int_equal(lo, 512);
	assert_int_equal(hi, 513);
	tpl_frames(t, t->ram, nf, end1 - 1, 1, &lo, &hi); /* one word, one slot */
	assert_int_equal(lo, 511);
	assert_int_equal(hi, 512);
	tpl_frames(t, t->ram, nf, end1 - 1, 2, &lo, &hi);
	assert_int_equal(lo, 511);
	assert_int_equal(hi, 513);
	tpl_frames(t, t->ram, nf, end1 - 16, 0, &lo, &hi); /* no slots: no words used */
	assert_int_equal(lo, hi);
	tpl_frames(t, t->ram, nf, NULL, 16, &lo, &hi); /* zeros, no template */
	assert_int_equal(lo, hi);
	tpl_frames(t, t->ram, nf, t->hyp_l1, 16, &lo, &hi); /* outside RAM */
	assert_int_equal(lo, hi);
	/* A window from the allocation's frame 1 to its last but one: the
	 * template across its start, just before it, across its end, just
	 * past it. */
	uint32_t *w = t->ram + 1024;
	tpl_frames(t, w, nf - 2, w - 8, 16, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 1);
	tpl_frames(t, w, nf - 2, w - 16, 16, &lo, &hi);
	assert_int_equal(lo, hi);
	tpl_frames(t, w, nf - 2, w + (nf - 2) * 1024 - 8, 16, &lo, &hi);
	assert_int_equal(lo, nf - 3);
	assert_int_equal(hi, nf - 2);
	tpl_frames(t, w, nf - 2, w + (nf - 2) * 1024 - 16, 16, &lo, &hi);
	assert_int_equal(lo, nf - 3);
	assert_int_equal(hi, nf - 2);
	tpl_frames(t, w, nf - 2, w + (nf - 2) * 1024, 16, &lo, &hi);
	assert_int_equal(lo, hi);
	t_free(t);
}

static void test_assign_free(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_mfn_t free3 = t_mfn(t_ma(3, 0));
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, free3, 4, pv_domid(3)), PV_OK);
	assert_int_equal(t->doms[3].nr_frames, 4);
	assert_int_equal(pv_domid_val(t_frame(t, t_ma(3, 2)).owner), 3);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 3)), 2, pv_domid(0)), PV_EEXIST);
	assert_int_equal(pv_domid_val(t_frame(t, t_ma(3, 4)).owner), PV_DOMID_NONE_VALUE); /* no trace */
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 255)), 2, pv_domid(0)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, pv_mfn(0x100), 1, pv_domid(0)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, free3, 1, pv_domid(T_NDOMS)), PV_ESRCH);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, free3, 0, pv_domid(3)), PV_EINVAL);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, free3, 4, pv_domid(2)), PV_EXDEV);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, free3, 5, pv_domid(3)), PV_EXDEV);
	assert_int_equal(pv_domid_val(t_frame(t, t_ma(3, 0)).owner), 3);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, free3, 4, pv_domid(3)), PV_OK);
	assert_int_equal(t->doms[3].nr_frames, 0);
	assert_int_equal(pv_domid_val(t_frame(t, t_ma(3, 0)).owner), PV_DOMID_NONE_VALUE);
	/* A mapped frame cannot be freed. */
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), false));
	pin_empty_l2(t, L2A);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(DATA(0)), 1, pv_domid(1)), PV_EBUSY);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(L2A), 1, pv_domid(1)), PV_EBUSY);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(DATA(1)), 1, pv_domid(1)), PV_OK);
	t_free(t);
}

static void test_pin_l2_counts(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), true));
	t_fill(t, L2A, 1, 1, t_small(t, DATA(1), false));
	t_fill(t, L2A, 300, 1, t_small(t, DATA(0), true)); /* second coarse table of the frame */
	pin_empty_l2(t, L2A);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 2);
	assert_int_equal(t_frame(t, DATA(0)).type, PV_MMU_FT_RW);
	assert_int_equal(t_frame(t, DATA(0)).type_count, 2);
	assert_int_equal(t_frame(t, DATA(1)).ref_count, 1);
	assert_int_equal(t_frame(t, DATA(1)).type, PV_MMU_FT_NONE);
	assert_int_equal(t_frame(t, L2A).type, PV_MMU_FT_L2);
	assert_true(t_frame(t, L2A).flags & PV_MMU_FRAME_PINNED);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2A)), PV_EEXIST);
	pv_fake_reset();
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L2A)), PV_OK);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0);
	assert_int_equal(t_frame(t, DATA(0)).type, PV_MMU_FT_NONE);
	assert_int_equal(t_frame(t, DATA(1)).ref_count, 0);
	assert_int_equal(t_frame(t, L2A).type, PV_MMU_FT_NONE);
	assert_int_equal(pv_fake_log_get()->tlb_all, 1);
	assert_int_equal(pv_fake_log_get()->cache_flush_all, T_FMT(state) == PV_MMU_FMT_V5 ? 1 : 0);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L2A)), PV_ENOTPINNED);
	t_free(t);
}

/* A leaf must reach only the domain's own memory (or granted / its I/O). */
/*
 * The pin walk settles runs of small pages with remembered attributes by
 * their frame alone. Whatever the fast path cannot settle must get the
 * answer of the full rules, and a refusal in the middle of a run must roll
 * back exactly. Two attribute patterns alternate here, a third interrupts.
 */
static void test_pin_fast_path_agrees(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1), d2 = pv_domid(2);
	bool v7 = T_FMT(state) == PV_MMU_FMT_V7;
	uint32_t other = v7 ? v7_small(0, V7_RW, 1, 1, 1) : v5_small(0, V5_RW, 0, 1); /* WBWA / NC */
	uint32_t granted = t_ma(2, 9), l2c = t_ma(1, 6);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d2, t_mfn(granted), d1, true), PV_OK);
	pin_empty_l2(t, L2B);
	for (uint32_t k = 0; k < 64; k++)
		t_fill(t, L2A, k, 1, t_small(t, DATA(k), (k & 1u) != 0));
	t_fill(t, L2A, 64, 1, (other & 0xFFFu) | DATA(64));
	for (uint32_t k = 65; k < 128; k++)
		t_fill(t, L2A, k, 1, t_small(t, DATA(k), (k & 1u) != 0));
	/* Every way a frame inside a run can be refused, one at a time. */
	const struct { uint32_t slot, val; int32_t rc; } cases[] = {
		{ 21, t_small(t, L2B, true), PV_ETYPE },        /* a page table, writable */
		{ 23, t_small(t, L2A, true), PV_ETYPE },        /* the table being pinned */
		{ 25, t_small(t, t_ma(2, 1), true), PV_EXDEV }, /* another domain's frame */
		{ 27, t_small(t, t_ma(0, 1), true), PV_EPERM }, /* the hypervisor's */
		{ 29, t_small(t, t_ma(3, 1), true), PV_EPERM }, /* a free frame */
		{ 30, t_small(t, t_ma(4, 0), false), PV_ERANGE }, /* past the end of RAM */
		{ 90, t_small(t, L2B, true), PV_ETYPE },        /* after the third pattern */
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t keep = t_ptr(t, L2A)[cases[i].slot];
		t_ptr(t, L2A)[cases[i].slot] = cases[i].val;
		T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(L2A)), cases[i].rc);
		for (uint32_t k = 0; k < 128; k++)
			assert_int_equal(t_frame(t, DATA(k)).ref_count, 0);
		assert_int_equal(t_frame(t, L2B).ref_count, 0);
		t_ptr(t, L2A)[cases[i].slot] = keep;
	}
	/* Accepted inside a run: a granted frame, an own table read-only. */
	t_ptr(t, L2A)[41] = t_small(t, granted, true);
	t_ptr(t, L2A)[42] = t_small(t, L2B, false);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(L2A)), PV_OK);
	assert_int_equal(t_frame(t, granted).grant_maps, 1);
	assert_int_equal(t_frame(t, L2B).ref_count, 1);
	for (uint32_t k = 0; k < 128; k++) {
		if (k == 41 || k == 42)
			continue;
		assert_int_equal(t_frame(t, DATA(k)).ref_count, 1);
		assert_int_equal(t_frame(t, DATA(k)).type,
				 (k & 1u) || k == 64 ? PV_MMU_FT_RW : PV_MMU_FT_NONE);
	}
	/* A second table with the same patterns: the walk starts afresh. */
	for (uint32_t k = 0; k < 8; k++)
		t_fill(t, l2c, k, 1, t_small(t, DATA(200 + k), (k & 1u) != 0));
	t_fill(t, l2c, 5, 1, t_small(t, t_ma(2, 2), true));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(l2c)), PV_EXDEV);
	t_free(t);
}

static void test_leaf_targets(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	const struct { uint32_t ma; int32_t rc; } cases[] = {
		{ t_ma(2, 3), PV_EXDEV },   /* another domain's frame */
		{ t_ma(0, 9), PV_EPERM },   /* the hypervisor's frame */
		{ t_ma(3, 0), PV_EPERM },   /* a free frame */
		{ 0x20000000u, PV_ERANGE }, /* neither RAM nor an I/O region */
		{ DATA(5), PV_OK },
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t_fill(t, L2A, 7, 1, t_small(t, cases[i].ma, false));
		T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2A)),
			 cases[i].rc);
		if (cases[i].rc != PV_OK)
			assert_int_equal(t_frame(t, L2A).type, PV_MMU_FT_NONE);
	}
	assert_int_equal(t_frame(t, DATA(5)).ref_count, 1);
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
		T_EXPECT(t, t_update1(t, 1, L2A + 8, t_small(t, cases[i].ma, true)), cases[i].rc);
	assert_int_equal(t_frame(t, DATA(5)).ref_count, 2);
	/* Domain 2 cannot write domain 1's table, nor domain 0. */
	T_EXPECT(t, t_update1(t, 2, L2A + 8, 0), PV_EXDEV);
	t_free(t);
}

static void test_io_regions(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	uint32_t dev = PV_MMU_MT_MASK(PV_MMU_MT_SO) | PV_MMU_MT_MASK(PV_MMU_MT_DEVICE);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE), 1u << 20, dev,
				     PV_MMU_IO_WRITE), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE + (2u << 20)), 4096,
				     dev, 0), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(2), pv_maddr(T_IO_BASE + 4096), 4096, dev, 0),
		 PV_EEXIST);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(2), pv_maddr(T_RAM_BASE - 4096), 8192, dev, 0),
		 PV_EINVAL);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(2), pv_maddr(0x30000100u), 4096, dev, 0),
		 PV_EALIGN);
	pin_empty_l2(t, L2A);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small_so(t, T_IO_BASE + 0x5000, true)), PV_OK);
	assert_int_equal(t->io[0].maps, 1);
	T_EXPECT(t, t_update1(t, 1, L2A + 4, t_small(t, T_IO_BASE, false)), PV_EPERM); /* cached */
	T_EXPECT(t, t_update1(t, 1, L2A + 4, t_small_so(t, T_IO_BASE + (2u << 20), true)), PV_EACCES);
	T_EXPECT(t, t_update1(t, 1, L2A + 4, t_small_so(t, T_IO_BASE + (2u << 20), false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 8, t_small_so(t, T_IO_BASE + (3u << 20), false)), PV_ERANGE);
	/* Device/strongly-ordered aliases of RAM are refused. */
	T_EXPECT(t, t_update1(t, 1, L2A + 8, t_small_so(t, DATA(0), false)), PV_EPERM);
	/* Domain 2 cannot reach domain 1's device. */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(t_ma(2, 4))), PV_OK);
	T_EXPECT(t, t_update1(t, 2, t_ma(2, 4), t_small_so(t, T_IO_BASE, false)), PV_EXDEV);
	/* A device large page or section must end inside its region. */
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE + (4u << 20)), 0x8000,
				     dev, PV_MMU_IO_WRITE), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 64, t_large_so(t, T_IO_BASE + (4u << 20), false)),
		 PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, L2A + 64, t_large_so(t, T_IO_BASE + (2u << 20), false)),
		 PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, L2A + 64, t_large_so(t, T_IO_BASE + 0x10000, true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 128, t_small_so(t, T_IO_BASE + (4u << 20) + 0x7000, true)),
		 PV_OK);
	T_EXPECT(t, t_update1(t, 2, t_ma(2, 4) + 64, t_large_so(t, T_IO_BASE + (4u << 20), false)),
		 PV_EXDEV);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x20, t_sect_so(t, T_IO_BASE, true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x21, t_sect_so(t, T_IO_BASE + (4u << 20), false)),
		 PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x21, t_sect_so(t, T_IO_BASE + (2u << 20), false)),
		 PV_ERANGE);
	assert_int_equal(t->io[2].maps, 1);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 64, 0), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 128, 0), PV_OK);
	assert_int_equal(t->io[0].maps, 1);
	T_EXPECT(t, pv_mmu_io_revoke(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE)), PV_EBUSY);
	T_EXPECT(t, t_update1(t, 1, L2A, 0), PV_OK);
	T_EXPECT(t, pv_mmu_io_revoke(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE)), PV_OK);
	T_EXPECT(t, pv_mmu_io_revoke(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE)), PV_ENOENT);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small_so(t, T_IO_BASE, false)), PV_ERANGE);
	t_free(t);
}

/* A page-table frame is never writable; read-only to its owner is fine. */
static void test_table_frames_read_only(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pin_empty_l2(t, L2A);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, L2A, true)), PV_ETYPE);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, L2A, false)), PV_OK);
	assert_int_equal(t_frame(t, L2A).ref_count, 1);
	/* A frame with a writable mapping cannot become a table. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4, t_small(t, L2B, true)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2B)), PV_ETYPE);
	T_EXPECT(t, t_update1(t, 1, L2A + 4, t_small(t, L2B, false)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2B)), PV_OK);
	/* A section covering a table, writable, through the L1. */
	t_fill(t, L1A, 0x300, 1, t_sect(t, t_ma(1, 0), true));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_ETYPE);
	t_fill(t, L1A, 0x300, 1, t_sect(t, t_ma(1, 0), false));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x301, t_sect(t, t_ma(1, 0), true)), PV_ETYPE);
	t_free(t);
}

static void test_section_frame_by_frame(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	uint32_t slot = L1A + 4 * 0x400;
	T_EXPECT(t, t_update1(t, 1, slot, t_sect(t, t_ma(2, 0), false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, slot, t_sect(t, t_ma(0, 0), false)), PV_EPERM);
	/* One frame in the middle of the MiB is not domain 1's any more. */
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(t_ma(1, 200)), 1, pv_domid(1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, slot, t_sect(t, t_ma(1, 0), false)), PV_EPERM);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 200)), 1, pv_domid(2)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, slot, t_sect(t, t_ma(1, 0), false)), PV_EXDEV);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(t_ma(1, 200)), 1, pv_domid(2)), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 200)), 1, pv_domid(1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, slot, t_sect(t, t_ma(1, 0), false)), PV_OK);
	for (uint32_t k = 0; k < 256; k++)
		assert_int_equal(t_frame(t, t_ma(1, k)).ref_count, 1);
	/* The last MiB of RAM is fine; past the end is not. */
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 0)), 256, pv_domid(1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, slot + 4, t_sect(t, t_ma(3, 0), true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, slot + 8, t_sect(t, t_ma(4, 0), true)), PV_ERANGE);
	t_free(t);
}

static void test_large_page_replicas(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	uint32_t lp = t_large(t, t_ma(1, 32), true);
	t_fill(t, L2A, 16, 16, lp);
	pin_empty_l2(t, L2A);
	for (uint32_t k = 0; k < 16; k++)
		assert_int_equal(t_frame(t, t_ma(1, 32 + k)).ref_count, 1);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L2A)), PV_OK);
	t_fill(t, L2A, 20, 1, t_large(t, t_ma(1, 48), true)); /* one replica differs */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2A)), PV_EINVAL);
	t_fill(t, L2A, 16, 16, 0);
	t_fill(t, L2A, 8, 16, lp); /* misaligned group */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2A)), PV_EINVAL);
	t_fill(t, L2A, 8, 16, 0);
	pin_empty_l2(t, L2A);
	/* Update writes the whole group from its first slot. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 19, lp), PV_EALIGN);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 16, lp), PV_OK);
	for (uint32_t k = 16; k < 32; k++)
		assert_int_equal(t_ptr(t, L2A)[k], lp);
	assert_int_equal(t_frame(t, t_ma(1, 40)).ref_count, 1);
	/* Splitting the group needs its first slot; the rest becomes fault. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 17, t_small(t, DATA(0), true)), PV_EALIGN);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 16, t_small(t, DATA(0), true)), PV_OK);
	assert_int_equal(t_ptr(t, L2A)[16], t_small(t, DATA(0), true));
	for (uint32_t k = 17; k < 32; k++)
		assert_int_equal(t_ptr(t, L2A)[k], 0);
	assert_int_equal(t_frame(t, t_ma(1, 40)).ref_count, 0);
	/* A large page over small pages releases every one of them. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 33, t_small(t, DATA(1), true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 32, lp), PV_OK);
	assert_int_equal(t_frame(t, DATA(1)).ref_count, 0);
	t_free(t);
}

static void test_hyp_slots(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t_fill(t, L1A, T_HYP_SLOT, T_HYP_SLOTS, t_sect(t, DATA(0), true)); /* guest junk */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	for (uint32_t k = 0; k < T_HYP_SLOTS; k++)
		assert_int_equal(t_ptr(t, L1A)[T_HYP_SLOT + k], t->hyp_l1[k]);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0);
	for (uint32_t k = 0; k < T_HYP_SLOTS; k++)
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * (T_HYP_SLOT + k), 0), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * (T_HYP_SLOT - 1), t_sect(t, t_ma(1, 0), false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * (T_HYP_SLOT + T_HYP_SLOTS), t_sect(t, t_ma(1, 0), false)),
		 PV_OK);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	assert_int_equal(t_ptr(t, L1A)[T_HYP_SLOT], 0); /* not left to the guest */
	t_free(t);
}

static void test_arm_domain_field(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	bool v7 = T_FMT(state) == PV_MMU_FMT_V7;
	pin_empty_l2(t, L2A);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	for (uint32_t dom = 0; dom < 16; dom++) {
		uint32_t s = v7 ? v7_section(DATA(0), V7_RO, 0, 1, 1, dom)
				: v5_section(DATA(0), V5_RO, 1, 1, dom);
		uint32_t p = v7 ? v7_table(L2A, dom) : v5_coarse(L2A, dom);
		int32_t want = dom < 2 ? PV_OK : PV_EPERM;
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x10, s), want);
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x11, p), want);
	}
	t_free(t);
}

static void test_access_permissions(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pin_empty_l2(t, L2A);
	uint32_t *tab = t_ptr(t, L2A);
	if (T_FMT(state) == PV_MMU_FMT_V7) {
		/* AP[2:0]: writable in some mode = 001, 010, 011; 100 reserved. */
		static const int32_t want[8] = { PV_OK, PV_ETYPE, PV_ETYPE, PV_ETYPE,
						 PV_EINVAL, PV_OK, PV_OK, PV_OK };
		for (uint32_t ap = 0; ap < 8; ap++)
			T_EXPECT(t, t_update1(t, 1, L2A, v7_small(L2A, ap, 0, 1, 1)), want[ap]);
	} else {
		for (uint32_t ap = 0; ap < 4; ap++)
			T_EXPECT(t, t_update1(t, 1, L2A, v5_small(L2A, ap, 1, 1)),
				 ap == 0 ? PV_OK : PV_ETYPE);
		/* One writable subpage makes the whole page writable. */
		uint32_t mixed = (L2A & 0xFFFFF000u) | (3u << 10) | (1u << 3) | (1u << 2) | 2u;
		T_EXPECT(t, t_update1(t, 1, L2A, mixed), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, L2A, mixed & ~0xC00u), PV_OK);
	}
	assert_int_equal(tab[0] & 3u, 2u);
	t_free(t);
}

static void test_memory_types(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pin_empty_l2(t, L2A);
	if (T_FMT(state) == PV_MMU_FMT_V7) {
		static const struct { uint32_t tex, c, b; int32_t rc; } cases[] = {
			{ 0, 0, 0, PV_EPERM },  /* strongly ordered alias of RAM */
			{ 0, 0, 1, PV_EPERM },  /* shareable device */
			{ 0, 1, 0, PV_EPERM },  /* write-through: not in this machine's set */
			{ 0, 1, 1, PV_OK },     /* write-back */
			{ 1, 0, 0, PV_OK },     /* non-cacheable */
			{ 1, 0, 1, PV_EINVAL }, /* reserved */
			{ 1, 1, 0, PV_EINVAL }, /* implementation defined */
			{ 1, 1, 1, PV_OK },     /* WBWA */
			{ 2, 0, 0, PV_EPERM },  /* non-shareable device */
			{ 2, 0, 1, PV_EINVAL },
			{ 3, 1, 1, PV_EINVAL },
			{ 5, 0, 1, PV_OK },     /* outer WBWA, inner WBWA */
			{ 4, 1, 1, PV_EPERM },  /* outer NC, inner WB: mixed, not allowed */
			{ 7, 1, 1, PV_OK },     /* outer WB, inner WB */
		};
		for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
			T_EXPECT(t, t_update1(t, 1, L2A, v7_small(DATA(0), V7_RW, cases[i].tex,
								 cases[i].c, cases[i].b)),
				 cases[i].rc);
	} else {
		static const int32_t want[4] = { PV_EPERM, PV_OK, PV_EPERM, PV_OK }; /* CB */
		for (uint32_t cb = 0; cb < 4; cb++)
			T_EXPECT(t, t_update1(t, 1, L2A, v5_small(DATA(0), V5_RW, cb >> 1, cb & 1)),
				 want[cb]);
	}
	t_free(t);
}

static void test_alignment_and_range(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1);
	/* An L1 starts at a multiple of four frames (16 KiB). */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(1, 1))), PV_EALIGN);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(1, 2))), PV_EALIGN);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(0x20000000u)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(4, 0))), PV_ERANGE);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(T_RAM_BASE - 4096)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(2, 0))), PV_EXDEV);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(0, 0))), PV_EPERM);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, (enum pv_mmu_table)9, t_mfn(L1A)), PV_EINVAL);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(9), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_ESRCH);
	/* The last frame of an L1 belonging to someone else. */
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 0)), 3, d1), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 3)), 1, pv_domid(2)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(3, 0))), PV_EXDEV);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2A)),
		 T_FMT(state) == PV_MMU_FMT_V5 ? PV_OK : PV_EINVAL);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d1, t_mfn(L1A + 4096)), PV_EALIGN);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_EEXIST);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(L1A + 4096)), PV_ETYPE);
	t_free(t);
}

static void test_table_pointers(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	bool v5 = T_FMT(state) == PV_MMU_FMT_V5;
	pv_domid_t d1 = pv_domid(1);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A, t_table(t, L2A)), PV_ENOTPINNED);
	T_EXPECT(t, t_update1(t, 1, L1A, t_table(t, L1A + 4096)), PV_ETYPE); /* L1 used as L2 */
	T_EXPECT(t, t_update1(t, 1, L1A, t_table(t, t_ma(2, 4))), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, L1A, t_table(t, 0x20000000u)), PV_ERANGE);
	pin_empty_l2(t, L2A);
	for (uint32_t k = 0; k < 4; k++) /* the four coarse tables of the frame */
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * k, t_table(t, L2A + 1024 * k)), PV_OK);
	assert_int_equal(t_frame(t, L2A).type_count, 4);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d1, t_mfn(L2A)), PV_EBUSY);
	/* An L2 used as an L1. */
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L2A & ~0x3FFFu)), PV_ETYPE);
	if (v5) {
		T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2B)), PV_OK);
		T_EXPECT(t, t_update1(t, 1, L1A + 16, v5_coarse(L2B, 0)), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, L1A + 16, v5_fine(L2A, 0)), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, L1A + 16, v5_fine(L2B, 0)), PV_OK);
		T_EXPECT(t, t_update1(t, 1, L1A + 16, v5_fine(L2B, 0) | 0x200u), PV_EINVAL);
		assert_int_equal(t_frame(t, L2B).type_count, 1);
		/* Bits [3:2] of coarse and fine pointers are should-be-zero (DDI 0100I B3.3). */
		for (uint32_t sbz = 4; sbz <= 8; sbz += 4) {
			T_EXPECT(t, t_update1(t, 1, L1A + 20, v5_coarse(L2A, 0) | sbz), PV_EINVAL);
			T_EXPECT(t, t_update1(t, 1, L1A + 20, v5_fine(L2B, 0) | sbz), PV_EINVAL);
		}
		/* Bit 4 stays accepted either way (the ARM926 ignores it). */
		T_EXPECT(t, t_update1(t, 1, L1A + 20, v5_coarse(L2A, 0) & ~0x10u), PV_OK);
		T_EXPECT(t, t_update1(t, 1, L1A + 20, v5_fine(L2B, 0) & ~0x10u), PV_OK);
		T_EXPECT(t, t_update1(t, 1, L1A + 20, 0), PV_OK);
		/* A pin meets the same check. */
		T_EXPECT(t, pv_mmu_unpin(&t->mmu, d1, t_mfn(L2B)), PV_EBUSY);
		T_EXPECT(t, t_update1(t, 1, L1A + 16, 0), PV_OK);
		t_fill(t, t_ma(1, 8), 0x40, 1, v5_coarse(L2A, 0) | 8u);
		T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(1, 8))), PV_EINVAL);
		assert_int_equal(t_frame(t, t_ma(1, 8)).type, PV_MMU_FT_NONE);
		T_EXPECT(t, t_update1(t, 1, L1A + 16, v5_fine(L2B, 0)), PV_OK);
	} else {
		T_EXPECT(t, t_update1(t, 1, L1A + 16, v7_table(L2A, 0) | 4u), PV_EINVAL); /* PXN */
		T_EXPECT(t, t_update1(t, 1, L1A + 16, v7_table(L2A, 0) | 8u), PV_EINVAL); /* NS */
		T_EXPECT(t, t_update1(t, 1, L1A + 16, t_sect(t, DATA(0), false) | 3u), PV_EINVAL);
	}
	for (uint32_t k = 0; k < 4; k++)
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * k, 0), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d1, t_mfn(L2A)), PV_OK);
	t_free(t);
}

static void test_v5_fine_tables(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	pv_domid_t d1 = pv_domid(1);
	t_fill(t, L2A, 0, 1, v5_tiny(DATA(0) + 0x400, V5_RW, 1, 1));
	t_fill(t, L2A, 4, 4, v5_small(DATA(1), V5_RO, 1, 1));
	t_fill(t, L2A, 64, 64, v5_large(t_ma(1, 32), V5_RW, 1, 1));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2A)), PV_OK);
	assert_int_equal(t_frame(t, DATA(0)).type, PV_MMU_FT_RW);
	assert_int_equal(t_frame(t, DATA(1)).ref_count, 1);
	assert_int_equal(t_frame(t, t_ma(1, 47)).ref_count, 1);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d1, t_mfn(L2A)), PV_OK);
	t_fill(t, L2A, 5, 1, v5_small(DATA(2), V5_RO, 1, 1)); /* small replica differs */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2A)), PV_EINVAL);
	t_fill(t, L2A, 4, 4, 0);
	t_fill(t, L2A, 127, 1, 0); /* large group short of one replica */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2A)), PV_EINVAL);
	t_fill(t, L2A, 64, 64, 0);
	t_fill(t, L2A, 1, 1, v5_tiny(DATA(0), V5_RO, 1, 1) | 0x40u); /* SBZ bit */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2A)), PV_EINVAL);
	t_fill(t, L2A, 1, 1, 0);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 6, v5_small(DATA(3), V5_RW, 1, 1)), PV_EALIGN);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 8, v5_small(DATA(3), V5_RW, 1, 1)), PV_OK);
	for (uint32_t k = 8; k < 12; k++)
		assert_int_equal(t_ptr(t, L2A)[k], v5_small(DATA(3), V5_RW, 1, 1));
	assert_int_equal(t_frame(t, DATA(3)).type_count, 1);
	/* Coarse tables have no tiny pages on the ARM926. */
	pin_empty_l2(t, L2B);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_tiny(DATA(0), V5_RO, 1, 1)), PV_EINVAL);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_large(DATA(0), V5_RO, 1, 1) | 0x1000u), PV_EINVAL);
	/* Section SBZ bits. */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A, v5_section(t_ma(1, 0), V5_RO, 1, 1, 0) | 0x1000u), PV_EINVAL);
	T_EXPECT(t, t_update1(t, 1, L1A, v5_section(t_ma(1, 0), V5_RO, 1, 1, 0)), PV_OK);
	t_free(t);
}

static void test_v7_supersections(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 48, 32);
	pv_domid_t d1 = pv_domid(1);
	uint32_t ss = v7_super(t_ma(16, 0), V7_RW, 1, 1, 1);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x101, ss), PV_EALIGN);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x100, ss), PV_OK);
	for (uint32_t k = 0; k < 16; k++)
		assert_int_equal(t_ptr(t, L1A)[0x100 + k], ss);
	assert_int_equal(t_frame(t, t_ma(31, 255)).ref_count, 1);
	assert_int_equal(t_frame(t, t_ma(16, 0)).type, PV_MMU_FT_RW);
	/* A 16 MiB range with one frame that is not domain 1's. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x200, v7_super(t_ma(32, 0), V7_RO, 0, 1, 1)),
		 PV_EXDEV);
	/* Extended base address bits reach above 4 GiB. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x200, ss | (1u << 20)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x200, ss | (1u << 5)), PV_ERANGE);
	/* XN and S are the guest's to choose; nG = 0 (global), NS and bit 9 are not. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x300,
			      v7_section(t_ma(1, 0), V7_RO, 0, 1, 1, 1) | (1u << 4) | (1u << 16)),
		 PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x301,
			      v7_section(t_ma(1, 0), V7_RO, 0, 1, 1, 1) & ~V7_NG_SECT),
		 PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x200, ss & ~V7_NG_SECT), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x301, v7_section(t_ma(1, 0), V7_RO, 0, 1, 1, 1) |
							     (1u << 19)),
		 PV_EINVAL);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x301, v7_section(t_ma(1, 0), V7_RO, 0, 1, 1, 1) |
							     (1u << 9)),
		 PV_EINVAL);
	/* A section inside the supersection group splits it: first slot only. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x104, t_sect(t, t_ma(1, 0), false)), PV_EALIGN);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x100, t_sect(t, t_ma(1, 0), false)), PV_OK);
	assert_int_equal(t_frame(t, t_ma(31, 255)).ref_count, 0);
	t_free(t);

	/* With the hypervisor in ARM domain 0, supersections (always domain 0) are refused. */
	t = t_new_split(PV_MMU_FMT_V7, 48, 32);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.hyp_domain = 0;
	c.guest_domains = 0x6;
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 31 * 256, d1), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x100, ss), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x100, v7_section(t_ma(1, 0), V7_RO, 0, 1, 1, 0)),
		 PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x100, v7_section(t_ma(1, 0), V7_RO, 0, 1, 1, 1)),
		 PV_OK);
	t_free(t);
}

static void test_grants(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1), d2 = pv_domid(2);
	uint32_t shared = DATA(9), l2b = t_ma(2, 4);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d2, PV_MMU_TABLE_L2, t_mfn(l2b)), PV_OK);
	T_EXPECT(t, t_update1(t, 2, l2b, t_small(t, shared, false)), PV_EXDEV);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(shared), d2, false), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(shared), d2, true), PV_EEXIST);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(shared + 4096), d1, true), PV_EINVAL);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d2, t_mfn(shared + 4096), d1, true), PV_EXDEV);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(shared + 4096), pv_domid(7), true), PV_ESRCH);
	T_EXPECT(t, t_update1(t, 2, l2b, t_small(t, shared, true)), PV_EACCES);
	T_EXPECT(t, t_update1(t, 2, l2b, t_small(t, shared, false)), PV_OK);
	assert_int_equal(t_frame(t, shared).grant_maps, 1);
	/* Domain 0 has no grant. */
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 4)), 1, pv_domid(0)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(0), PV_MMU_TABLE_L2, t_mfn(t_ma(3, 4))), PV_OK);
	T_EXPECT(t, t_update1(t, 0, t_ma(3, 4), t_small(t, shared, false)), PV_EXDEV);
	/* No revoke and no pin of the shared frame while it is granted. */
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, d1, t_mfn(shared)), PV_EBUSY);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(shared)), PV_EBUSY);
	T_EXPECT(t, t_update1(t, 2, l2b, 0), PV_OK);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, d1, t_mfn(shared)), PV_OK);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, d1, t_mfn(shared)), PV_ENOENT);
	T_EXPECT(t, t_update1(t, 2, l2b, t_small(t, shared, false)), PV_EXDEV);
	/* Read-write grant; a table frame cannot be granted. */
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(shared), d2, true), PV_OK);
	T_EXPECT(t, t_update1(t, 2, l2b, t_small(t, shared, true)), PV_OK);
	assert_int_equal(t_frame(t, shared).type, PV_MMU_FT_RW);
	pin_empty_l2(t, L2A);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(L2A), d2, false), PV_ETYPE);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(shared), 1, d1), PV_EBUSY);
	t_free(t);
}

/* A large page over 16 frames granted one by one: each frame counts the peer's mapping. */
static void test_grants_large_page(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1), d2 = pv_domid(2);
	uint32_t big = t_ma(1, 32), l2b = t_ma(2, 4); /* 64 KiB aligned */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d2, PV_MMU_TABLE_L2, t_mfn(l2b)), PV_OK);
	for (uint32_t i = 0; i < 15; i++)
		T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(big + (i << 12)), d2, true), PV_OK);
	/* One frame short: refused at that frame. */
	struct pv_mmu_update_req r = { l2b, t_large(t, big, true) };
	uint32_t done;
	T_EXPECT(t, pv_mmu_update(&t->mmu, d2, &r, 1, &done), PV_EXDEV);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(big + (15u << 12)), d2, false), PV_OK);
	T_EXPECT(t, pv_mmu_update(&t->mmu, d2, &r, 1, &done), PV_EACCES); /* the last is read-only */
	r.val = t_large(t, big, false);
	T_EXPECT(t, pv_mmu_update(&t->mmu, d2, &r, 1, &done), PV_OK);
	for (uint32_t i = 0; i < 16; i++) {
		assert_int_equal(t_frame(t, big + (i << 12)).grant_maps, 1);
		assert_int_equal(t_frame(t, big + (i << 12)).ref_count, 1);
	}
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, d1, t_mfn(big + (3u << 12))), PV_EBUSY);
	/* Pinned again from scratch, the same counts. */
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d2, t_mfn(l2b)), PV_OK);
	assert_int_equal(t_frame(t, big).grant_maps, 0);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d2, PV_MMU_TABLE_L2, t_mfn(l2b)), PV_OK);
	assert_int_equal(t_frame(t, big + (15u << 12)).grant_maps, 1);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d2, t_mfn(l2b)), PV_OK);
	for (uint32_t i = 0; i < 16; i++) {
		assert_int_equal(t_frame(t, big + (i << 12)).grant_maps, 0);
		T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, d1, t_mfn(big + (i << 12))), PV_OK);
	}
	t_free(t);
}

static void test_switch_base(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_ENOTPINNED);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A + 4096)), PV_EALIGN);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(2), t_mfn(L1A)), PV_EXDEV);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_OK);
	assert_int_equal(pv_mfn_val(t->doms[1].active_l1), L1A >> 12);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d1, t_mfn(L1A)), PV_EBUSY);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(t_ma(1, 8))), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(t_ma(1, 8))), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, d1, t_mfn(L1A)), PV_OK);
	t_free(t);
}

static void test_update_batch(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pin_empty_l2(t, L2A);
	struct pv_mmu_update_req r[4] = {
		{ L2A + 0, t_small(t, DATA(0), true) },
		{ L2A + 4, t_small(t, DATA(1), true) },
		{ L2A + 8, t_small(t, t_ma(2, 0), true) }, /* refused */
		{ L2A + 12, t_small(t, DATA(3), true) },
	};
	uint32_t done = 77;
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), r, 4, &done), PV_EXDEV);
	assert_int_equal(done, 2);
	assert_int_equal(t_ptr(t, L2A)[2], 0);
	assert_int_equal(t_ptr(t, L2A)[3], 0);
	assert_int_equal(t_frame(t, DATA(1)).ref_count, 1);
	assert_int_equal(t_frame(t, DATA(3)).ref_count, 0);
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), r, PV_MMU_UPDATE_MAX + 1, &done), PV_E2BIG);
	assert_int_equal(done, 0);
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), r, 0, &done), PV_OK);
	assert_int_equal(done, 0);
	T_EXPECT(t, t_update1(t, 1, L2A + 1, 0), PV_EINVAL);        /* command bits */
	T_EXPECT(t, t_update1(t, 1, L2A + 2, 0), PV_EINVAL);
	T_EXPECT(t, t_update1(t, 1, L2B, 0), PV_ENOTPINNED);        /* not a table */
	T_EXPECT(t, t_update1(t, 1, 0x20000000u, 0), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, t_ma(0, 0), 0), PV_EPERM);      /* hypervisor memory */
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(9), r, 1, &done), PV_ESRCH);
	t_free(t);
}

static void test_maintenance(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	bool v5 = T_FMT(state) == PV_MMU_FMT_V5;
	pin_empty_l2(t, L2A);
	pv_fake_reset();
	T_EXPECT(t, t_update1(t, 1, L2A + 40, t_small(t, DATA(0), true)), PV_OK);
	assert_true(pv_fake_synced(pv_maddr(L2A + 40), 4));
	assert_int_equal(pv_fake_log_get()->tlb_all + pv_fake_log_get()->tlb_asid +
				 pv_fake_log_get()->tlb_va, 0); /* fault -> valid: nothing cached */
	pv_fake_reset();
	struct pv_mmu_update_req r[3] = {
		{ L2A + 40, t_small(t, DATA(1), true) },
		{ L2A + 44, t_small(t, DATA(2), true) },
		{ L2A + 40, 0 },
	};
	uint32_t done;
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), r, 3, &done), PV_OK);
	const struct pv_fake_log *log = pv_fake_log_get();
	assert_int_equal(log->tlb_all, 1);
	assert_int_equal(log->cache_flush_all, v5 ? 1 : 0);
	assert_int_equal(log->pt_sync, 3);
	assert_true(pv_fake_synced(pv_maddr(L2A + 44), 4));
	struct pv_tlb_req all = { .scope = PV_TLB_ALL };
	assert_true(pv_fake_tlb_covers(&all));
	/* The flush is the last thing, after the table writes; v5 cleans first. */
	assert_int_equal(log->ev[log->count - 1].kind, PV_FAKE_TLB);
	if (v5)
		assert_int_equal(log->ev[log->count - 2].kind, PV_FAKE_CACHE_FLUSH_ALL);
	/* A large page write syncs all 16 replicas. */
	pv_fake_reset();
	T_EXPECT(t, t_update1(t, 1, L2A + 64 * 4, t_large(t, t_ma(1, 32), true)), PV_OK);
	assert_true(pv_fake_synced(pv_maddr(L2A + 64 * 4), 64));
	/*
	 * Pinning syncs the whole table it validated (and, for an L1, the
	 * hypervisor slots it installs): 4 KiB for an L2 or fine table, 16 KiB
	 * for an L1, and nothing else.
	 */
	pv_fake_reset();
	pin_empty_l2(t, L2B);
	log = pv_fake_log_get();
	assert_int_equal(log->pt_sync, 1);
	assert_int_equal(pv_maddr_val(log->ev[0].ma), L2B);
	assert_int_equal(log->ev[0].len, 4096);
	assert_int_equal(log->tlb_all + log->tlb_asid + log->tlb_va + log->cache_flush_all, 0);
	pv_fake_reset();
	t_fill(t, L1A, 3, 1, t_table(t, L2B));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	assert_int_equal(log->pt_sync, 1);
	assert_int_equal(pv_maddr_val(log->ev[0].ma), L1A);
	assert_int_equal(log->ev[0].len, 16384);
	assert_true(pv_fake_synced(pv_maddr(L1A + 4 * T_HYP_SLOT), 4 * T_HYP_SLOTS));
	if (v5) {
		pv_fake_reset();
		T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(DATA(9))),
			 PV_OK);
		assert_true(pv_fake_synced(pv_maddr(DATA(9)), 4096));
		assert_int_equal(log->pt_sync, 1);
	}
	/* A refused pin does no maintenance. */
	pv_fake_reset();
	t_fill(t, DATA(8), 0, 1, t_small(t, t_ma(2, 0), false));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(DATA(8))), PV_EXDEV);
	assert_int_equal(log->count, 0);
	/* A refused update does no maintenance. */
	pv_fake_reset();
	T_EXPECT(t, t_update1(t, 1, L2A + 44, t_small(t, t_ma(2, 0), true)), PV_EXDEV);
	assert_int_equal(pv_fake_log_get()->count, 0);
	t_free(t);
}

static void test_destroy(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1), d2 = pv_domid(2);
	uint32_t l2b = t_ma(2, 4), l1b = t_ma(2, 0);
	uint32_t dev = PV_MMU_MT_MASK(PV_MMU_MT_SO);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, d1, pv_maddr(T_IO_BASE), 4096, dev, 0), PV_OK);
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), true));
	t_fill(t, L2A, 1, 1, t_small_so(t, T_IO_BASE, false));
	pin_empty_l2(t, L2A);
	t_fill(t, L1A, 0, 1, t_table(t, L2A));
	t_fill(t, L1A, 1, 1, t_sect(t, t_ma(1, 0), false));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(DATA(1)), d2, true), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d2, t_mfn(t_ma(2, 9)), d1, false), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 8, t_small(t, t_ma(2, 9), false)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d2, PV_MMU_TABLE_L2, t_mfn(l2b)), PV_OK);
	T_EXPECT(t, t_update1(t, 2, l2b, t_small(t, DATA(1), true)), PV_OK);
	t_fill(t, l1b, 5, 1, t_table(t, l2b));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d2, PV_MMU_TABLE_L1, t_mfn(l1b)), PV_OK);
	/*
	 * Each maps the other's frame. Domain 1 goes first: its tables go, but
	 * domain 2 still maps its frame, so its frames stay (deferred).
	 */
	pv_fake_reset();
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, d1), PV_EBUSY);
	assert_int_equal(pv_fake_log_get()->tlb_all, 1);
	assert_int_equal(t_frame(t, L1A).type, PV_MMU_FT_NONE);
	assert_int_equal(pv_domid_val(t_frame(t, L1A).owner), 1);
	assert_int_equal(t_frame(t, t_ma(2, 9)).grant_maps, 0);
	assert_int_equal(pv_mfn_val(t->doms[1].active_l1), PV_MMU_NO_L1);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, d2), PV_OK);
	assert_int_equal(pv_domid_val(t_frame(t, t_ma(2, 9)).owner), PV_DOMID_NONE_VALUE);
	assert_int_equal(pv_domid_val(t_frame(t, DATA(1)).grant_peer), PV_DOMID_NONE_VALUE);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, d1), PV_OK);
	for (uint32_t i = 256; i < 1024; i++) {
		assert_int_equal(pv_domid_val(t_frame_at(t, i).owner), PV_DOMID_NONE_VALUE);
		assert_int_equal(t_frame_at(t, i).ref_count, 0);
		assert_int_equal(t_frame_at(t, i).type, PV_MMU_FT_NONE);
	}
	assert_int_equal(t->io[0].size, 0);
	assert_int_equal(pv_mfn_val(t->doms[1].active_l1), PV_MMU_NO_L1);
	assert_int_equal(t->doms[1].nr_frames, 0);
	assert_int_equal(pv_domid_val(t_frame(t, t_ma(0, 0)).owner), PV_DOMID_HYP_VALUE);
	t_free(t);
}

/*
 * A deferred destroy cannot be blocked forever: once destroy has returned
 * PV_EBUSY, the grant peer can add no mapping of the dying domain's frames
 * and the dying domain can build nothing new; the destroy completes as soon
 * as the peer has dropped the mappings it already had.
 */
static void test_destroy_deferred(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1), d2 = pv_domid(2);
	uint32_t l2b = t_ma(2, 4), ring = DATA(1), ring2 = DATA(2);
	uint32_t dev = PV_MMU_MT_MASK(PV_MMU_MT_SO);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(ring), d2, true), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(ring2), d2, false), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d2, PV_MMU_TABLE_L2, t_mfn(l2b)), PV_OK);
	T_EXPECT(t, t_update1(t, 2, l2b, t_small(t, ring, true)), PV_OK);
	pin_empty_l2(t, L2A);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, d1), PV_EBUSY);
	assert_true(t->doms[1].dying);
	assert_int_equal(t_frame(t, L2A).type, PV_MMU_FT_NONE); /* step 1 happened */
	assert_int_equal(t_frame(t, ring).grant_maps, 1);
	/* The peer can add no mapping of the dying domain's frames. */
	T_EXPECT(t, t_update1(t, 2, l2b + 4, t_small(t, ring, true)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 2, l2b + 4, t_small(t, ring, false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 2, l2b + 4, t_small(t, ring2, false)), PV_EXDEV);
	assert_int_equal(t_frame(t, ring).grant_maps, 1);
	assert_int_equal(t_frame(t, ring2).ref_count, 0);
	uint32_t l2c = t_ma(2, 5);
	t_fill(t, l2c, 0, 1, t_small(t, t_ma(2, 9), false));
	t_fill(t, l2c, 1, 1, t_small(t, ring2, false));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d2, PV_MMU_TABLE_L2, t_mfn(l2c)), PV_EXDEV);
	assert_int_equal(t_frame(t, t_ma(2, 9)).ref_count, 0); /* rolled back */
	/* The peer's own frames are unaffected. */
	T_EXPECT(t, t_update1(t, 2, l2b + 4, t_small(t, t_ma(2, 9), true)), PV_OK);
	/* The dying domain can build nothing new. */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(L2A)), PV_ESRCH);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_ESRCH);
	struct pv_mmu_update_req r = { L2A, t_small(t, DATA(0), true) };
	uint32_t done = 7;
	T_EXPECT(t, pv_mmu_update(&t->mmu, d1, &r, 1, &done), PV_ESRCH);
	assert_int_equal(done, 0);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_ESRCH);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d1, t_mfn(DATA(3)), d2, false), PV_ESRCH);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, d2, t_mfn(t_ma(2, 10)), d1, false), PV_ESRCH);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 0)), 1, d1), PV_ESRCH);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, d1, pv_maddr(T_IO_BASE), 4096, dev, 0), PV_ESRCH);
	assert_int_equal(pv_domid_val(t_frame(t, DATA(3)).grant_peer), PV_DOMID_NONE_VALUE);
	assert_int_equal(pv_domid_val(t_frame(t, t_ma(3, 0)).owner), PV_DOMID_NONE_VALUE);
	/* Still blocked while the peer maps the ring. */
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, d1), PV_EBUSY);
	/* The caller makes the peer unmap; then destroy completes. */
	T_EXPECT(t, t_update1(t, 2, l2b, 0), PV_OK);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, d1), PV_OK);
	assert_false(t->doms[1].dying);
	assert_int_equal(t->doms[1].nr_frames, 0);
	assert_int_equal(pv_domid_val(t_frame(t, ring).owner), PV_DOMID_NONE_VALUE);
	/* The id can be used again. */
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 8, d1), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(L2A)), PV_OK);
	t_free(t);
}

static void test_frame_access(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	pv_domid_t d1 = pv_domid(1), d2 = pv_domid(2);
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d1, t_mfn(DATA(0)), true), PV_OK);
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d2, t_mfn(DATA(0)), false), PV_EXDEV);
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d1, t_mfn(t_ma(0, 0)), false), PV_EPERM);
	/* The record view: inside RAM only. */
	struct pv_mmu_frame f;
	assert_int_equal(pv_mmu_frame_info(&t->mmu, t_mfn(DATA(0)), &f), PV_OK);
	assert_int_equal(pv_domid_val(f.owner), 1);
	assert_int_equal(pv_mmu_frame_info(&t->mmu, pv_mfn((T_RAM_BASE >> 12) - 1), &f), PV_ERANGE);
	assert_int_equal(pv_mmu_frame_info(&t->mmu, pv_mfn((T_RAM_BASE >> 12) + (t->ram_mb << 8)), &f),
			 PV_ERANGE);
	assert_int_equal(pv_mmu_frame_info(&t->mmu, pv_mfn(0x00100000u), &f), PV_ERANGE);
	assert_int_equal(pv_domid_val(f.owner), 1); /* untouched on error */
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d1, pv_mfn(0x10000), false), PV_ERANGE);
	assert_int_equal(pv_mmu_grant(&t->mmu, d1, t_mfn(DATA(0)), d2, false), PV_OK);
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d2, t_mfn(DATA(0)), false), PV_OK);
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d2, t_mfn(DATA(0)), true), PV_EACCES);
	pin_empty_l2(t, L2A);
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d1, t_mfn(L2A), false), PV_OK);
	assert_int_equal(pv_mmu_frame_access(&t->mmu, d1, t_mfn(L2A), true), PV_ETYPE);
	t_free(t);
}

/* The audit must refuse with exactly this report. */
static void audit_expect(struct t_machine *t, uint32_t where, const char *what)
{
	struct pv_mmu_audit_report rep = { .what = "" };
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_string_equal(rep.what, what);
	assert_true(t_audit_at(t, &rep, where));
}

/* Audit notices a count that disagrees with the tables. */
static void test_audit_detects(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), true));
	pin_empty_l2(t, L2A);
	struct pv_mmu_audit_report rep = { .what = "" };
	uint32_t di = (DATA(0) - T_RAM_BASE) >> 12;
	t->mmu.fr_ro[di]++; /* a read-only mapping that is not there */
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_int_equal(pv_mfn_val(rep.mfn), DATA(0) >> 12); /* RAM starts at T_RAM_BASE */
	assert_int_equal(pv_domid_val(rep.dom), 1);
	t->mmu.fr_ro[di]--;
	T_AUDIT(t);
	t->mmu.fr_tc[di]--; /* the writable mapping forgotten */
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_int_equal(pv_mfn_val(rep.mfn), DATA(0) >> 12);
	t->mmu.fr_tc[di]++;
	T_AUDIT(t);
	t->mmu.fr_key[di] |= (uint32_t)PV_MMU_FT_RW << 16; /* RW is never stored */
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL); /* its table's entry breaks the rule first */
	assert_int_equal(pv_mfn_val(rep.mfn), L2A >> 12);
	t->mmu.fr_key[di] &= ~((uint32_t)PV_MMU_FT_RW << 16);
	T_AUDIT(t);
	t_ptr(t, L2A)[5] = t_small(t, t_ma(2, 0), false); /* a write behind the validator's back */
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	t_ptr(t, L2A)[5] = 0;
	assert_int_equal(pv_mmu_audit(&t->mmu, t->scratch, t->scratch_words - 1, &rep), PV_ENOMEM);
	T_AUDIT(t);

	/* A domain's count of owned frames. */
	t->doms[1].nr_frames++;
	audit_expect(t, 1, "owned frame count mismatch");
	t->doms[1].nr_frames -= 2;
	audit_expect(t, 1, "owned frame count mismatch");
	t->doms[1].nr_frames++;
	T_AUDIT(t);

	/* The hypervisor slots of a pinned L1 hold the template. */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	uint32_t *hs = &t_ptr(t, L1A)[T_HYP_SLOT + 3];
	*hs ^= 1u << 20;
	audit_expect(t, (L1A - T_RAM_BASE) >> 12, "hypervisor slot differs from the template");
	*hs ^= 1u << 20;
	T_AUDIT(t);
	t->hyp_l1[T_HYP_SLOTS - 1] ^= 1u << 20; /* the template itself changed behind its back */
	audit_expect(t, (L1A - T_RAM_BASE) >> 12, "hypervisor slot differs from the template");
	t->hyp_l1[T_HYP_SLOTS - 1] ^= 1u << 20;
	T_AUDIT(t);

	/* I/O region records. */
	uint32_t dev = PV_MMU_MT_MASK(PV_MMU_MT_SO);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE), 1u << 20, dev, 0),
		 PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(2), pv_maddr(T_IO_BASE + (2u << 20)), 4096,
				     dev, 0), PV_OK);
	struct pv_mmu_io_region *r0 = &t->io[0], *r1 = &t->io[1], keep0 = *r0, keep1 = *r1;
	r0->base = pv_maddr(pv_maddr_val(r0->base) + 0x100);
	audit_expect(t, 0, "I/O region misaligned");
	*r0 = keep0;
	r0->size = 0x1800;
	audit_expect(t, 0, "I/O region misaligned");
	*r0 = keep0;
	r0->base = pv_maddr(0xFFFFF000u);
	r0->size = 0x2000;
	audit_expect(t, 0, "I/O region wraps around 4 GiB");
	*r0 = keep0;
	r0->base = pv_maddr(T_RAM_BASE + (t->ram_mb << 20) - 4096); /* its first frame is RAM */
	audit_expect(t, 0, "I/O region overlaps RAM");
	*r0 = keep0;
	r0->owner = pv_domid(T_NDOMS);
	audit_expect(t, 0, "I/O region owner is no domain");
	*r0 = keep0;
	r0->types = 0;
	audit_expect(t, 0, "I/O region types or flags invalid");
	*r0 = keep0;
	r0->flags = 0x80;
	audit_expect(t, 0, "I/O region types or flags invalid");
	*r0 = keep0;
	r1->base = pv_maddr(T_IO_BASE + (1u << 20) - 4096); /* the last frame of region 0 */
	audit_expect(t, 1, "I/O regions overlap");
	*r1 = keep1;
	r1->size = 0; /* a record left half cleared: owner without a range */
	audit_expect(t, 1, "unused I/O region record not clear");
	*r1 = keep1;
	T_AUDIT(t);
	t_free(t);
}

/* One maintenance request; a refused one calls no hook, an accepted one exactly one. */
static int32_t maint(struct t_machine *t, uint16_t dom, uint32_t op, uint32_t va, uint32_t len,
		     uint32_t asid)
{
	struct pv_mmu_maint_req r = { op, pv_gvaddr(va), len, asid };
	pv_fake_reset();
	int32_t rc = pv_mmu_maint(&t->mmu, pv_domid(dom), &r);
	assert_int_equal(pv_fake_log_get()->count, rc == PV_OK ? 1u : 0u);
	return rc;
}

static void assert_cache_event(enum pv_cache_op op, uint32_t va, uint32_t len)
{
	const struct pv_fake_event *e = &pv_fake_log_get()->ev[0];
	assert_int_equal(e->kind, PV_FAKE_CACHE_MAINT);
	assert_int_equal(e->cache.op, op);
	assert_int_equal(pv_gvaddr_val(e->cache.va), va);
	assert_int_equal(e->cache.len, len);
}

static void assert_tlb_event(enum pv_tlb_scope scope, uint32_t asid, uint32_t va)
{
	const struct pv_fake_event *e = &pv_fake_log_get()->ev[0];
	assert_int_equal(e->kind, PV_FAKE_TLB);
	assert_int_equal(e->tlb.scope, scope);
	assert_int_equal(e->tlb.asid, asid);
	assert_int_equal(pv_gvaddr_val(e->tlb.va), va);
}

/*
 * With ASIDs, a global guest mapping would outlive the switch to another
 * domain: refused by default on ARMv7, accepted only with allow_global.
 */
static void test_v7_global_mappings(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	pv_domid_t d1 = pv_domid(1);
	const uint32_t glob_small = ~V7_NG_PAGE, glob_sect = ~V7_NG_SECT;
	/* Pin refuses a table holding a global page, and leaves no trace. */
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), false) & glob_small);
	t_fill(t, L2A, 1, 1, t_small(t, DATA(1), false));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(L2A)), PV_EPERM);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0);
	assert_int_equal(t_frame(t, DATA(1)).ref_count, 0);
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), false));
	/* The pin fast path must not let a global page through behind a good one. */
	t_fill(t, L2A, 2, 1, t_small(t, DATA(2), false) & glob_small);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L2, t_mfn(L2A)), PV_EPERM);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0);
	t_fill(t, L2A, 2, 1, 0);
	pin_empty_l2(t, L2A);
	T_EXPECT(t, t_update1(t, 1, L2A + 8, t_small(t, DATA(2), true) & glob_small), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L2A + 8, t_small(t, DATA(2), true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 64, t_large(t, t_ma(1, 32), false) & glob_small), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L2A + 64, t_large(t, t_ma(1, 32), false)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4, t_sect(t, t_ma(1, 0), false) & glob_sect), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4, t_sect(t, t_ma(1, 0), false)), PV_OK);
	/* Table pointers carry no nG: unaffected. */
	T_EXPECT(t, t_update1(t, 1, L1A + 8, t_table(t, L2A)), PV_OK);
	t_free(t);

	/* allow_global: the port flushes the whole TLB on every switch. */
	t = t_new(PV_MMU_FMT_V7);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.allow_global = true;
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 256, d1), PV_OK);
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), false) & glob_small);
	t_fill(t, L2A, 16, 16, t_large(t, t_ma(1, 32), true) & glob_small);
	pin_empty_l2(t, L2A);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 1);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4, t_sect(t, t_ma(1, 0), false) & glob_sect), PV_OK);
	/* Global entries carry no ASID: a domain-wide TLB request drops them all. */
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_TLB_ALL, 0, 0, 7), PV_OK);
	assert_tlb_event(PV_TLB_ALL, 0, 0);
	t_free(t);

	/* ARMv5 has no nG bit: the option changes nothing there. */
	t = t_new(PV_MMU_FMT_V5);
	t_config(t, &c);
	c.allow_global = true;
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	t_free(t);
}

/* The software walk agrees with the descriptors, format by format. */
static void test_translate(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	struct t_machine *t = t_new_split(fmt, 4, 3); /* domain 1: MiB 1 and 2 */
	pv_domid_t d1 = pv_domid(1);
	struct pv_mmu_xlate x;
	bool v7 = fmt == PV_MMU_FMT_V7;
	T_EXPECT(t, pv_mmu_translate(&t->mmu, pv_domid(T_NDOMS), pv_gvaddr(0), &x), PV_ESRCH);
	T_EXPECT(t, pv_mmu_translate(&t->mmu, d1, pv_gvaddr(0), &x), PV_ENOENT);
	/* Coarse table at VA 0x00100000 (ARM domain 1): small RW, small RO, large RW. */
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), true));
	/* User read-only: v7 AP[2:0] 111; v5 AP 10 (privileged-writable). */
	t_fill(t, L2A, 1, 1, v7 ? t_small(t, DATA(1), false) : v5_small(DATA(1), 2, 1, 1));
	t_fill(t, L2A, 16, 16, t_large(t, t_ma(1, 32), true));
	/* Privileged-only small page: AP 01 (v5 all subpages, v7 AP[2:0] 001). */
	t_fill(t, L2A, 2, 1, v7 ? v7_small(DATA(2), 1, 0, 1, 1) : v5_small(DATA(2), 1, 1, 1));
	pin_empty_l2(t, L2A);
	t_fill(t, L1A, 1, 1, (v7 ? v7_table(L2A, 1) : v5_coarse(L2A, 1)));
	/* A user read-only section (v5 AP 10 counts as writable: it must not
	 * cover the tables, hence MiB 2). */
	t_fill(t, L1A, 2, 1, v7 ? v7_section(t_ma(2, 0), V7_RO, 0, 1, 1, 0)
				: v5_section(t_ma(2, 0), 2, 1, 1, 0));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_OK);
	const struct { uint32_t va; int32_t rc; uint32_t ma; uint8_t dom; bool r, w; } cases[] = {
		{ 0x00100123u, PV_OK, DATA(0) + 0x123, 1, true, true },
		{ 0x00101FFCu, PV_OK, DATA(1) + 0xFFC, 1, true, false },
		{ 0x00102000u, PV_OK, DATA(2), 1, false, false },
		{ 0x00110000u + 0x5678u, PV_OK, t_ma(1, 32) + 0x5678, 1, true, true },
		{ 0x00103000u, PV_EFAULT, 0, 0, false, false }, /* fault entry in the L2 */
		{ 0x00280004u, PV_OK, t_ma(2, 0) + 0x80004, 0, true, false }, /* section */
		{ 0x00300000u, PV_EFAULT, 0, 0, false, false }, /* fault entry in the L1 */
		{ T_HYP_VA + 0x10u, PV_EFAULT, 0, 0, false, false }, /* hypervisor range */
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		x = (struct pv_mmu_xlate){ pv_maddr(0), 0xEE, false, false };
		int32_t rc = pv_mmu_translate(&t->mmu, d1, pv_gvaddr(cases[i].va), &x);
		if (rc != cases[i].rc)
			fail_msg("va 0x%08x: got %s", cases[i].va, pv_status_name(rc));
		if (rc != PV_OK)
			continue;
		assert_int_equal(pv_maddr_val(x.ma), cases[i].ma);
		assert_int_equal(x.domain, cases[i].dom);
		assert_int_equal(x.user_read, cases[i].r);
		assert_int_equal(x.user_write, cases[i].w);
	}
	T_AUDIT(t);
	t_free(t);
}

/* ARMv5 only: subpage permissions, fine tables and tiny pages. */
static void test_v5_translate_fine(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	pv_domid_t d1 = pv_domid(1);
	struct pv_mmu_xlate x;
	/* Coarse small page, subpages 0..3 with AP 11, 10, 01, 00. */
	uint32_t sub = (3u << 4) | (2u << 6) | (1u << 8) | (0u << 10);
	t_fill(t, L2A, 0, 1, (DATA(0) & 0xFFFFF000u) | sub | 0xCu | 2u);
	pin_empty_l2(t, L2A);
	/* Fine table at VA 0x00200000: tiny page (1 KiB), small page (4 replicas). */
	t_fill(t, L2B, 1, 1, v5_tiny(DATA(1) + 0x400, V5_RW, 1, 1));
	t_fill(t, L2B, 8, 4, v5_small(DATA(2), 2, 1, 1));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_FINE, t_mfn(L2B)), PV_OK);
	t_fill(t, L1A, 1, 1, v5_coarse(L2A, 0));
	t_fill(t, L1A, 2, 1, v5_fine(L2B, 1));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, d1, PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_OK);
	/* SCTLR.R = 1: AP 00 is read-only in every mode (fmt_v5.h). */
	const bool r[4] = { true, true, false, true }, w[4] = { true, false, false, false };
	for (uint32_t k = 0; k < 4; k++) {
		T_EXPECT(t, pv_mmu_translate(&t->mmu, d1, pv_gvaddr(0x00100000u + k * 0x400u + 8u), &x),
			 PV_OK);
		assert_int_equal(pv_maddr_val(x.ma), DATA(0) + k * 0x400u + 8u);
		assert_int_equal(x.user_read, r[k]);
		assert_int_equal(x.user_write, w[k]);
	}
	T_EXPECT(t, pv_mmu_translate(&t->mmu, d1, pv_gvaddr(0x00200404u), &x), PV_OK);
	assert_int_equal(pv_maddr_val(x.ma), DATA(1) + 0x404);
	assert_int_equal(x.domain, 1);
	assert_true(x.user_write);
	T_EXPECT(t, pv_mmu_translate(&t->mmu, d1, pv_gvaddr(0x00200000u), &x), PV_EFAULT);
	T_EXPECT(t, pv_mmu_translate(&t->mmu, d1, pv_gvaddr(0x00202C10u), &x), PV_OK);
	assert_int_equal(pv_maddr_val(x.ma), DATA(2) + 0xC10);
	assert_true(x.user_read);
	assert_false(x.user_write);
	t_free(t);
}

/* Guest TLB and cache maintenance: every check before the port hook runs. */
static void test_maint(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	bool v5 = fmt == PV_MMU_FMT_V5;
	struct t_machine *t = t_new(fmt);
	uint32_t asid = v5 ? 0 : 5;
	/* VA 0x00100000: pages 0..16 and 18 mapped, 17 and 19.. not. */
	for (uint32_t k = 0; k <= 16; k++)
		t_fill(t, L2A, k, 1, t_small(t, DATA(k), true));
	t_fill(t, L2A, 18, 1, t_small(t, DATA(18), false));
	pin_empty_l2(t, L2A);
	t_fill(t, L1A, 1, 1, t_table(t, L2A));
	t_fill(t, L1A, 3, 1, t_sect(t, t_ma(1, 0), false)); /* VA 0x00300000: a section */
	if (v5) {
		/* VA 0x00200000: a fine table, one tiny page, then a small page. */
		t_fill(t, L2B, 0, 1, v5_tiny(DATA(20), V5_RW, 1, 1));
		t_fill(t, L2B, 4, 4, v5_small(DATA(21), V5_RW, 1, 1));
		T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(L2B)), PV_OK);
		t_fill(t, L1A, 2, 1, v5_fine(L2B, 0));
	}
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	const uint32_t C = PV_MMU_MAINT_CACHE_CLEAN;

	T_EXPECT(t, maint(t, T_NDOMS, C, 0x00100000u, 4, asid), PV_ESRCH);
	T_EXPECT(t, maint(t, 1, C, 0x00100000u, 4, asid), PV_ENOENT); /* no active L1 yet */
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	T_EXPECT(t, maint(t, 2, C, 0x00100000u, 4, asid), PV_ENOENT);
	T_EXPECT(t, maint(t, 1, 0, 0x00100000u, 4, asid), PV_ENOSYS);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_ICACHE_ALL_INVAL + 1, 0x00100000u, 4, asid), PV_ENOSYS);
	T_EXPECT(t, maint(t, 1, UINT32_MAX, 0x00100000u, 4, asid), PV_ENOSYS);
	T_EXPECT(t, maint(t, 1, C, 0x00100000u, 4, v5 ? 1 : 256), PV_EINVAL); /* ASID range */
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_TLB_PAGE, 0x00100000u, 4, asid), PV_EINVAL);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_TLB_ALL, 0x00100000u, 0, asid), PV_EINVAL);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_TLB_ALL, 0, 4096, asid), PV_EINVAL);
	T_EXPECT(t, maint(t, 1, C, 0x00100000u, 0, asid), PV_EINVAL);
	T_EXPECT(t, maint(t, 1, C, 0x00100000u, PV_MMU_MAINT_LEN_MAX + 1, asid), PV_E2BIG);
	T_EXPECT(t, maint(t, 1, C, 0xFFFFF000u, 0x2000, asid), PV_EOVERFLOW);
	T_EXPECT(t, maint(t, 1, C, T_HYP_VA - 0x1000, 0x2000, asid), PV_EFAULT);
	T_EXPECT(t, maint(t, 1, C, T_HYP_VA + 0x10, 4, asid), PV_EFAULT);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_TLB_PAGE, T_HYP_VA + 0x1000, 0, asid), PV_EFAULT);
	/* One page in the range without a translation: the last, the middle. */
	T_EXPECT(t, maint(t, 1, C, 0x00110800u, 0x1000, asid), PV_EFAULT);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_CACHE_CLEAN_INVAL, 0x00110000u, 0x3000, asid),
		 PV_EFAULT);
	T_EXPECT(t, maint(t, 1, C, 0x00000000u, 4, asid), PV_EFAULT); /* fault L1 entry */
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_SYNC_ICACHE, 0x00113000u, 1, asid), PV_EFAULT);

	/* Accepted: exactly the request, passed on. */
	T_EXPECT(t, maint(t, 1, C, 0x00100800u, PV_MMU_MAINT_LEN_MAX, asid), PV_OK);
	assert_cache_event(PV_CACHE_CLEAN, 0x00100800u, PV_MMU_MAINT_LEN_MAX);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_CACHE_CLEAN_INVAL, 0x00112FF0u, 16, asid), PV_OK);
	assert_cache_event(PV_CACHE_CLEAN_INVAL, 0x00112FF0u, 16);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_SYNC_ICACHE, 0x00380000u, 0x8000, asid), PV_OK);
	assert_cache_event(PV_CACHE_SYNC_ICACHE, 0x00380000u, 0x8000);
	assert_int_equal(pv_fake_log_get()->cache_sync_icache, 1);
	/* TLB operations need no translation: an unmapped page is fine. */
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_TLB_PAGE, 0x00113ABCu, 0, asid), PV_OK);
	assert_tlb_event(PV_TLB_VA, asid, 0x00113000u);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_TLB_ALL, 0, 0, asid), PV_OK);
	if (v5)
		assert_tlb_event(PV_TLB_ALL, 0, 0);
	else
		assert_tlb_event(PV_TLB_ASID, asid, 0);
	if (v5) {
		/* Tiny pages are 1 KiB: the second KiB of that page is unmapped. */
		T_EXPECT(t, maint(t, 1, C, 0x00200000u, 0x400, asid), PV_OK);
		assert_cache_event(PV_CACHE_CLEAN, 0x00200000u, 0x400);
		T_EXPECT(t, maint(t, 1, C, 0x00200000u, 0x401, asid), PV_EFAULT);
		T_EXPECT(t, maint(t, 1, C, 0x002003FCu, 8, asid), PV_EFAULT);
		T_EXPECT(t, maint(t, 1, C, 0x00201000u, 0x1000, asid), PV_OK);
	}
	/* A dying domain has no active L1 any more. */
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(1)), PV_OK);
	T_EXPECT(t, maint(t, 1, C, 0x00100000u, 4, asid), PV_ENOENT);
	t_free(t);
}

/* The guest-side encoders of pvlib/abi/mmu.h produce what the rules accept. */
static void test_abi_encoders(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	bool v7 = fmt == PV_MMU_FMT_V7;
	struct t_machine *t = t_new(fmt);
	/* The default instance refuses global ARMv7 entries: the encoders never make one. */
	uint32_t rw = pv_mmu_desc_small(fmt, DATA(0), PV_MMU_DESC_W);
	uint32_t rx = pv_mmu_desc_small(fmt, DATA(1), PV_MMU_DESC_X);
	uint32_t tbl = pv_mmu_desc_table(fmt, L2A + 1024, 1);
	/* Independent encodings (mmu_t.h): write-back (v7: write-allocate). */
	assert_int_equal(rw, v7 ? v7_small(DATA(0), V7_RW, 1, 1, 1) | 1u
				: v5_small(DATA(0), V5_RW, 1, 1));
	assert_int_equal(rx, v7 ? v7_small(DATA(1), V7_RO, 1, 1, 1)
				: v5_small(DATA(1), 0, 1, 1));
	assert_int_equal(tbl, v7 ? v7_table(L2A + 1024, 1) : v5_coarse(L2A + 1024, 1));
	t_fill(t, L2A, 256, 1, rw);
	t_fill(t, L2A, 257, 1, rx);
	pin_empty_l2(t, L2A);
	assert_int_equal(t_frame(t, DATA(0)).type, PV_MMU_FT_RW);
	/* Read-only in every mode (v5 AP 00): not a writable mapping. */
	assert_int_equal(t_frame(t, DATA(1)).type, PV_MMU_FT_NONE);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4, tbl), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	struct pv_mmu_xlate x;
	T_EXPECT(t, pv_mmu_translate(&t->mmu, pv_domid(1), pv_gvaddr(0x00101010u), &x), PV_OK);
	assert_int_equal(pv_maddr_val(x.ma), DATA(1) + 0x10);
	assert_true(x.user_read);
	assert_false(x.user_write);
	assert_int_equal(x.domain, 1);
	/* Device registers: ARMv7 Device (TEX 000 C 0 B 1) and XN, ARMv5 C 0 B 0. */
	uint32_t dev = pv_mmu_desc_small(fmt, T_IO_BASE + 0x3000, PV_MMU_DESC_W | PV_MMU_DESC_DEVICE);
	uint32_t devx = pv_mmu_desc_small(fmt, T_IO_BASE + 0x3000,
					  PV_MMU_DESC_DEVICE | PV_MMU_DESC_X);
	assert_int_equal(dev, v7 ? v7_small(T_IO_BASE + 0x3000, V7_RW, 0, 0, 1) | 1u
				 : v5_small(T_IO_BASE + 0x3000, V5_RW, 0, 0));
	assert_int_equal(devx, v7 ? v7_small(T_IO_BASE + 0x3000, V7_RO, 0, 0, 1) | 1u /* never X */
				  : v5_small(T_IO_BASE + 0x3000, V5_RO, 0, 0));
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE), 0x10000,
				     PV_MMU_MT_MASK(v7 ? PV_MMU_MT_DEVICE : PV_MMU_MT_SO),
				     PV_MMU_IO_WRITE), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 258, dev), PV_OK);
	assert_int_equal(t->io[0].maps, 1);
	/* The same encoding of RAM is a device alias: refused. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 259,
			      pv_mmu_desc_small(fmt, DATA(5), PV_MMU_DESC_DEVICE)), PV_EPERM);
	/* Uncached RAM: Normal non-cacheable, accepted when the instance allows it. */
	uint32_t nc = pv_mmu_desc_small(fmt, DATA(6), PV_MMU_DESC_W | PV_MMU_DESC_UNCACHED);
	assert_int_equal(nc, v7 ? v7_small(DATA(6), V7_RW, 1, 0, 0) | (1u << 11) | 1u
				: v5_small(DATA(6), V5_RW, 0, 1));
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 260, nc), PV_OK); /* NC is in the test's ram_types */
	assert_int_equal(t_frame(t, DATA(6)).type, PV_MMU_FT_RW);
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_init_config),
		BOTH(test_assign_free),
		BOTH(test_pin_l2_counts),
		BOTH(test_pin_fast_path_agrees),
		BOTH(test_leaf_targets),
		BOTH(test_io_regions),
		BOTH(test_table_frames_read_only),
		BOTH(test_section_frame_by_frame),
		BOTH(test_large_page_replicas),
		BOTH(test_hyp_slots),
		BOTH(test_arm_domain_field),
		BOTH(test_access_permissions),
		BOTH(test_memory_types),
		BOTH(test_alignment_and_range),
		BOTH(test_table_pointers),
		cmocka_unit_test(test_v5_fine_tables),
		cmocka_unit_test(test_v7_supersections),
		BOTH(test_grants),
		BOTH(test_grants_large_page),
		BOTH(test_switch_base),
		BOTH(test_update_batch),
		BOTH(test_maintenance),
		BOTH(test_destroy),
		BOTH(test_destroy_deferred),
		BOTH(test_frame_access),
		BOTH(test_audit_detects),
		BOTH(test_frame_store_in_ram),
		BOTH(test_hyp_template_in_ram),
		cmocka_unit_test(test_v7_global_mappings),
		BOTH(test_translate),
		cmocka_unit_test(test_v5_translate_fine),
		BOTH(test_maint),
		BOTH(test_abi_encoders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
