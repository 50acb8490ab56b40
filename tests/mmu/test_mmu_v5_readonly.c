/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ARMv5 read-only page (docs/decisions.md, decision 8). pvlib's ARMv5
 * ports run with SCTLR.S = 0, R = 1, where AP 00 is read-only in every
 * mode (DDI 0100I B3.4.1): the only ARMv5 permission no mode can write
 * through, hence the one a guest may use over its own page tables (Linux
 * reads its tables through its linear map). What these tests hold:
 *
 *  - AP 00 in every subpage over a pinned table frame (L1, coarse, fine) is
 *    accepted, through an update and through a pin's walk, as a small,
 *    large or tiny page or a section, and counts as a read-only mapping;
 *  - any other AP (01, 10, 11) in any one subpage is writable by some mode
 *    and stays refused there (PV_ETYPE), and a frame mapped so is not
 *    pinned;
 *  - the walk (pv_mmu_translate, which the hypervisor's copy helpers use)
 *    says AP 00 is user read-only, AP 01 none, AP 10 read-only, AP 11
 *    read/write;
 *  - AP 00 reaches nothing a guest may not read: another domain's frame,
 *    the hypervisor's or an I/O range not the domain's are refused as for
 *    any other permission; a read-only grant to it is accepted.
 *
 * Audit runs after every operation (T_EXPECT).
 */
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

#define L1A t_ma(1, 0)   /* 16 KiB: frames 0..3 of MiB 1 */
#define L2A t_ma(1, 4)   /* a pinned coarse table, mapped by the tests */
#define L2B t_ma(1, 5)   /* the coarse table the tests write into */
#define FINE t_ma(1, 6)  /* a fine table */
#define DATA(k) t_ma(1, 16 + (k))

/* AP 00 in three subpages and ap in quarter q. */
static uint32_t v5_small_one_quarter(uint32_t ma, uint32_t ap, uint32_t q)
{
	return (ma & 0xFFFFF000u) | (ap << (4u + 2u * q)) | 0xCu | 2u;
}

static void pin(struct t_machine *t, enum pv_mmu_table kind, uint32_t ma)
{
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), kind, t_mfn(ma)), PV_OK);
}

/* AP 00 over every kind of pinned table, through updates. */
static void test_ap00_over_pinned_tables_accepted(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	pin(t, PV_MMU_TABLE_L2, L2A);
	pin(t, PV_MMU_TABLE_L2, L2B);
	pin(t, PV_MMU_TABLE_FINE, FINE);
	pin(t, PV_MMU_TABLE_L1, L1A);
	/* Small pages: the other coarse table, the table itself, the fine
	 * table, each frame of the L1. */
	T_EXPECT(t, t_update1(t, 1, L2B + 0, v5_small(L2A, V5_RO, 1, 1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2B + 4, v5_small(L2B, V5_RO, 1, 1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2B + 8, v5_small(FINE, V5_RO, 1, 1)), PV_OK);
	for (uint32_t k = 0; k < 4; k++)
		T_EXPECT(t, t_update1(t, 1, L2B + 4 * (12 + k), v5_small(L1A + k * 4096u, V5_RO, 1, 1)),
			 PV_OK);
	/* A large page over MiB 1's first 16 frames, all tables (one update
	 * writes its 16 replicas). */
	T_EXPECT(t, t_update1(t, 1, L2B + 4 * 32, v5_large(t_ma(1, 0), V5_RO, 1, 1)), PV_OK);
	/* A tiny page in the fine table over the coarse table. */
	T_EXPECT(t, t_update1(t, 1, FINE + 4, v5_tiny(L2A + 0x400, V5_RO, 1, 1)), PV_OK);
	/* A section over MiB 1, which holds every table. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 5, v5_section(t_ma(1, 0), V5_RO, 1, 1, 1)), PV_OK);
	/* The tables keep their types; the mappings count as read-only. */
	struct pv_mmu_frame f = t_frame(t, L2A);
	assert_int_equal(f.type, PV_MMU_FT_L2);
	assert_int_equal(f.ref_count, 4); /* small, large, tiny, section */
	assert_int_equal(t_frame(t, L1A).type, PV_MMU_FT_L1);
	assert_int_equal(t_frame(t, FINE).type, PV_MMU_FT_FINE);
	/* Taken down again: the counts go back to zero. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 5, 0), PV_OK);
	T_EXPECT(t, t_update1(t, 1, FINE + 4, 0), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2B + 4 * 32, 0), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2B + 0, 0), PV_OK);
	assert_int_equal(t_frame(t, L2A).ref_count, 0);
	t_free(t);
}

/* AP 00 over table frames inside a table being pinned (the pin's walk,
 * fast paths included: a run of identical patterns and a block). */
static void test_ap00_over_tables_in_a_pin(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	pin(t, PV_MMU_TABLE_L2, L2A);
	/* L2B maps MiB 1 frame by frame, read-only: 256 entries, blocks of
	 * consecutive frames, among them L2A (pinned) and L2B (being pinned). */
	for (uint32_t i = 0; i < 256; i++)
		t_fill(t, L2B, i, 1, v5_small(t_ma(1, i), V5_RO, 1, 1));
	pin(t, PV_MMU_TABLE_L2, L2B);
	assert_int_equal(t_frame(t, L2B).type, PV_MMU_FT_L2);
	assert_int_equal(t_frame(t, L2B).ref_count, 1);
	assert_int_equal(t_frame(t, L2A).ref_count, 1);
	/* A frame mapped only read-only (AP 00) may still be pinned. */
	pin(t, PV_MMU_TABLE_L2, FINE);
	assert_int_equal(t_frame(t, FINE).ref_count, 1);
	/* An L1 whose section maps itself read-only. */
	t_fill(t, L1A, 1, 1, v5_section(t_ma(1, 0), V5_RO, 1, 1, 0));
	pin(t, PV_MMU_TABLE_L1, L1A);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L2B)), PV_OK);
	assert_int_equal(t_frame(t, L2A).ref_count, 0);
	t_free(t);
}

/* Every AP a mode can write through, in any one subpage: refused over a
 * pinned table, in an update and in a pin, and it keeps a frame unpinned. */
static void test_writable_ap_over_pinned_table_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	pin(t, PV_MMU_TABLE_L2, L2A);
	pin(t, PV_MMU_TABLE_L2, L2B);
	pin(t, PV_MMU_TABLE_FINE, FINE);
	pin(t, PV_MMU_TABLE_L1, L1A);
	for (uint32_t ap = 1; ap <= 3; ap++) {
		T_EXPECT(t, t_update1(t, 1, L2B, v5_small(L2A, ap, 1, 1)), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, L2B, v5_small(L1A + 4096u, ap, 1, 1)), PV_ETYPE);
		for (uint32_t q = 0; q < 4; q++)
			T_EXPECT(t, t_update1(t, 1, L2B, v5_small_one_quarter(L2A, ap, q)), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, FINE + 4, v5_tiny(L2A, ap, 1, 1)), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * 5, v5_section(t_ma(1, 0), ap, 1, 1, 1)),
			 PV_ETYPE);
		assert_int_equal(t_frame(t, L2A).ref_count, 0);
	}
	/* A table holding a writable entry over a pinned table is not pinned. */
	t_fill(t, DATA(0), 7, 1, v5_small(L2A, 2, 1, 1));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(DATA(0))), PV_ETYPE);
	/* Nor one mapping itself through AP 10 (privileged-writable). */
	t_fill(t, DATA(0), 7, 1, v5_small_one_quarter(DATA(0), 2, 3));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(DATA(0))), PV_ETYPE);
	/* A frame mapped AP 01 (privileged-writable) elsewhere cannot become a table. */
	T_EXPECT(t, t_update1(t, 1, L2B, v5_small(DATA(1), 1, 1, 1)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(DATA(1))), PV_ETYPE);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_small(DATA(1), V5_RO, 1, 1)), PV_OK);
	pin(t, PV_MMU_TABLE_L2, DATA(1));
	t_free(t);
}

/* The walk: AP 00 is user read-only, in every kind of leaf. */
static void test_ap00_walk_is_read_only(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	pv_domid_t d1 = pv_domid(1);
	struct pv_mmu_xlate x;
	/* VA 1 MiB: coarse L2B; VA 2 MiB: fine FINE; VA 3 MiB: a section. */
	t_fill(t, L2B, 0, 1, v5_small(L2A, V5_RO, 1, 1));
	t_fill(t, L2B, 16, 16, v5_large(t_ma(1, 16), V5_RO, 1, 1));
	/* Subpages 11, 10, 01, 00. */
	t_fill(t, L2B, 1, 1, (DATA(0) & 0xFFFFF000u) | (3u << 4) | (2u << 6) | (1u << 8) | 0xCu | 2u);
	pin(t, PV_MMU_TABLE_L2, L2A);
	pin(t, PV_MMU_TABLE_L2, L2B);
	t_fill(t, FINE, 1, 1, v5_tiny(DATA(1) + 0x400, V5_RO, 1, 1));
	pin(t, PV_MMU_TABLE_FINE, FINE);
	t_fill(t, L1A, 1, 1, v5_coarse(L2B, 1));
	t_fill(t, L1A, 2, 1, v5_fine(FINE, 1));
	t_fill(t, L1A, 3, 1, v5_section(t_ma(1, 0), V5_RO, 1, 1, 1));
	pin(t, PV_MMU_TABLE_L1, L1A);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, d1, t_mfn(L1A)), PV_OK);
	const struct {
		uint32_t va, ma;
		bool r, w;
	} cases[] = {
		{ 0x00100010u, L2A + 0x10u, true, false },          /* small AP 00 */
		{ 0x00110008u, t_ma(1, 16) + 8u, true, false },     /* large AP 00 */
		{ 0x00200404u, DATA(1) + 0x404u, true, false },     /* tiny AP 00 */
		{ 0x00300000u + 0x4004u, L2A + 4u, true, false },   /* section AP 00 */
		{ 0x00101000u, DATA(0), true, true },               /* subpage AP 11 */
		{ 0x00101400u, DATA(0) + 0x400u, true, false },     /* subpage AP 10 */
		{ 0x00101800u, DATA(0) + 0x800u, false, false },    /* subpage AP 01 */
		{ 0x00101C00u, DATA(0) + 0xC00u, true, false },     /* subpage AP 00 */
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		T_EXPECT(t, pv_mmu_translate(&t->mmu, d1, pv_gvaddr(cases[i].va), &x), PV_OK);
		assert_int_equal(pv_maddr_val(x.ma), cases[i].ma);
		if (x.user_read != cases[i].r || x.user_write != cases[i].w)
			fail_msg("va %#x: user read %d write %d, want %d %d", (unsigned)cases[i].va,
				 x.user_read, x.user_write, cases[i].r, cases[i].w);
	}
	t_free(t);
}

/* AP 00 is readable now: it must reach only what a guest may read. */
static void test_ap00_reaches_only_readable_frames(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5); /* dom 2: MiB 2 */
	pin(t, PV_MMU_TABLE_L2, L2B);
	pin(t, PV_MMU_TABLE_L1, L1A);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_small(t_ma(2, 3), V5_RO, 1, 1)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_small(t_ma(0, 3), V5_RO, 1, 1)), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_small(T_IO_BASE, V5_RO, 0, 0)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 7, v5_section(t_ma(2, 0), V5_RO, 1, 1, 1)),
		 PV_EXDEV);
	/* Dom 2's pinned table: refused like any frame of dom 2. */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(t_ma(2, 4))), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_small(t_ma(2, 4), V5_RO, 1, 1)), PV_EXDEV);
	/* A read-only grant from dom 2: readable, so accepted. */
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(2), t_mfn(t_ma(2, 9)), pv_domid(1), false),
		 PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2B, v5_small(t_ma(2, 9), V5_RO, 1, 1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2B + 4, v5_small(t_ma(2, 9), 2, 1, 1)), PV_EACCES);
	T_EXPECT(t, t_update1(t, 1, L2B, 0), PV_OK);
	t_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ap00_over_pinned_tables_accepted),
		cmocka_unit_test(test_ap00_over_tables_in_a_pin),
		cmocka_unit_test(test_writable_ap_over_pinned_table_refused),
		cmocka_unit_test(test_ap00_walk_is_read_only),
		cmocka_unit_test(test_ap00_reaches_only_readable_frames),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
