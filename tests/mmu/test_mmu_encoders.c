/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest-side descriptor encoders of pvlib/abi/mmu_desc.h, checked two
 * ways: bit for bit against the tests' own encoders (tests/mmu/mmu_t.h,
 * written separately from the ARM ARM), and against what lib/mmu's validator
 * makes of them: every kind is accepted where it should be, every memory
 * type is classified as the ARM ARM says (an I/O region that allows exactly
 * one type accepts exactly the encodings of that type), and the access
 * permissions land where the validator reads them. Audit after every step.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/abi/mmu_desc.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

#define L1 t_ma(1, 0)
#define L2 t_ma(1, 4)
#define FINE t_ma(1, 5)
#define DATA t_ma(1, 16)
#define IO_SIZE (16u << 20)

/* Machine addresses with every alignment, for masking and placement. */
static const uint32_t addrs[] = { 0x40000000u, 0x40123400u, 0x7F654C00u,
				  0xFFFFFFFFu, 0x01000000u, 0x0000F000u };

static void test_v5_bits_match_test_encoders(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
		uint32_t a = addrs[i];
		for (uint32_t dom = 0; dom < 16; dom++) {
			assert_int_equal(pv_mmu_desc_v5_coarse(a, dom), v5_coarse(a & ~0x3FFu, dom));
			assert_int_equal(pv_mmu_desc_v5_fine(a, dom), v5_fine(a & ~0xFFFu, dom));
		}
		for (uint32_t ap = 0; ap < 4; ap++) {
			uint32_t aps = pv_mmu_desc_v5_subpages(ap, ap, ap, ap);
			for (uint32_t mt = 0; mt < 4; mt++) {
				uint32_t c = mt >> 1, b = mt & 1u;
				for (uint32_t dom = 0; dom < 16; dom++)
					assert_int_equal(pv_mmu_desc_v5_section(a, ap, mt, dom),
							 v5_section(a & ~0xFFFFFu, ap, c, b, dom));
				assert_int_equal(pv_mmu_desc_v5_large(a, aps, mt),
						 v5_large(a & ~0xFFFFu, ap, c, b));
				assert_int_equal(pv_mmu_desc_v5_small(a, aps, mt),
						 v5_small(a & ~0xFFFu, ap, c, b));
				assert_int_equal(pv_mmu_desc_v5_tiny(a, ap, mt),
						 v5_tiny(a & ~0x3FFu, ap, c, b));
			}
		}
	}
	/* Subpages: AP0 in [5:4] (lowest quarter) up to AP3 in [11:10]. */
	assert_int_equal(pv_mmu_desc_v5_subpages(1, 0, 0, 0), 1u << 4);
	assert_int_equal(pv_mmu_desc_v5_subpages(0, 2, 0, 0), 2u << 6);
	assert_int_equal(pv_mmu_desc_v5_subpages(0, 0, 3, 0), 3u << 8);
	assert_int_equal(pv_mmu_desc_v5_subpages(0, 0, 0, 1), 1u << 10);
}

static const uint32_t v7_aps[] = { PV_MMU_V7_AP_NONE, PV_MMU_V7_AP_PRIV_RW, PV_MMU_V7_AP_USER_RO,
				   PV_MMU_V7_AP_RW, PV_MMU_V7_AP_PRIV_RO, PV_MMU_V7_AP_RO };

static void test_v7_bits_match_test_encoders(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
		uint32_t a = addrs[i];
		for (uint32_t dom = 0; dom < 16; dom++)
			assert_int_equal(pv_mmu_desc_v7_table(a, dom), v7_table(a & ~0x3FFu, dom));
		for (size_t k = 0; k < sizeof v7_aps / sizeof v7_aps[0]; k++) {
			uint32_t ap = v7_aps[k];
			for (uint32_t mt = 0; mt < 32; mt++) { /* every TEX:C:B, reserved too */
				uint32_t tex = mt >> 2, c = (mt >> 1) & 1u, b = mt & 1u;
				uint32_t ng = PV_MMU_V7_NG;
				assert_int_equal(pv_mmu_desc_v7_section(a, ap, mt, 5, ng),
						 v7_section(a & ~0xFFFFFu, ap, tex, c, b, 5));
				assert_int_equal(pv_mmu_desc_v7_supersection(a, ap, mt, ng),
						 v7_super(a, ap, tex, c, b));
				assert_int_equal(pv_mmu_desc_v7_large(a, ap, mt, ng),
						 v7_large(a & ~0xFFFFu, ap, tex, c, b));
				assert_int_equal(pv_mmu_desc_v7_small(a, ap, mt, ng),
						 v7_small(a & ~0xFFFu, ap, tex, c, b));
				/* Without nG the entry is global: only the nG bit differs. */
				assert_int_equal(pv_mmu_desc_v7_section(a, ap, mt, 5, 0),
						 v7_section(a & ~0xFFFFFu, ap, tex, c, b, 5) & ~V7_NG_SECT);
				assert_int_equal(pv_mmu_desc_v7_small(a, ap, mt, 0),
						 v7_small(a & ~0xFFFu, ap, tex, c, b) & ~V7_NG_PAGE);
			}
		}
	}
	/* XN and S at each kind's own place (DDI 0406C, B3-8 and B3-9). */
	uint32_t a = 0x40000000u, rw = PV_MMU_V7_AP_RW, wb = PV_MMU_V7_MT_WB;
	assert_int_equal(pv_mmu_desc_v7_section(a, rw, wb, 0, PV_MMU_V7_XN) ^
			 pv_mmu_desc_v7_section(a, rw, wb, 0, 0), 1u << 4);
	assert_int_equal(pv_mmu_desc_v7_section(a, rw, wb, 0, PV_MMU_V7_S) ^
			 pv_mmu_desc_v7_section(a, rw, wb, 0, 0), 1u << 16);
	assert_int_equal(pv_mmu_desc_v7_supersection(a, rw, wb, PV_MMU_V7_XN | PV_MMU_V7_S) ^
			 pv_mmu_desc_v7_supersection(a, rw, wb, 0), (1u << 4) | (1u << 16));
	assert_int_equal(pv_mmu_desc_v7_large(a, rw, wb, PV_MMU_V7_XN) ^
			 pv_mmu_desc_v7_large(a, rw, wb, 0), 1u << 15);
	assert_int_equal(pv_mmu_desc_v7_large(a, rw, wb, PV_MMU_V7_S) ^
			 pv_mmu_desc_v7_large(a, rw, wb, 0), 1u << 10);
	assert_int_equal(pv_mmu_desc_v7_small(a, rw, wb, PV_MMU_V7_XN) ^
			 pv_mmu_desc_v7_small(a, rw, wb, 0), 1u << 0);
	assert_int_equal(pv_mmu_desc_v7_small(a, rw, wb, PV_MMU_V7_S) ^
			 pv_mmu_desc_v7_small(a, rw, wb, 0), 1u << 10);
	/* Named types are their TEX:C:B, and the Normal form TEX 1AA C B. */
	assert_int_equal(PV_MMU_V7_MT_NORMAL(PV_MMU_V7_CACHE_WT, PV_MMU_V7_CACHE_WBWA), 0x19u);
	/* The simple encoders of pvlib/abi/mmu.h are special cases. */
	assert_int_equal(pv_mmu_desc_small(PV_MMU_ABI_FMT_V7, a, PV_MMU_DESC_W),
			 pv_mmu_desc_v7_small(a, rw, PV_MMU_V7_MT_WBWA, PV_MMU_V7_NG | PV_MMU_V7_XN));
	assert_int_equal(pv_mmu_desc_small(PV_MMU_ABI_FMT_V5, a, PV_MMU_DESC_W),
			 pv_mmu_desc_v5_small(a, pv_mmu_desc_v5_subpages(3, 3, 3, 3), PV_MMU_V5_MT_WB));
	assert_int_equal(pv_mmu_desc_table(PV_MMU_ABI_FMT_V7, a, 3), pv_mmu_desc_v7_table(a, 3));
	assert_int_equal(pv_mmu_desc_table(PV_MMU_ABI_FMT_V5, a, 3), pv_mmu_desc_v5_coarse(a, 3));
}

/*
 * The memory type each TEX:C:B means (DDI 0406C table B3-10, TEX remap off),
 * or -1 for reserved and implementation-defined encodings. Written from the
 * manual here, not taken from lib/mmu.
 */
static int v7_expected_type(uint32_t mt)
{
	static const int low[16] = {
		/* TEX 000 */ PV_MMU_MT_SO, PV_MMU_MT_DEVICE, PV_MMU_MT_WT, PV_MMU_MT_WB,
		/* TEX 001 */ PV_MMU_MT_NC, -1, -1, PV_MMU_MT_WBWA,
		/* TEX 010 */ PV_MMU_MT_DEVICE, -1, -1, -1,
		/* TEX 011 */ -1, -1, -1, -1,
	};
	static const int policy[4] = { PV_MMU_MT_NC, PV_MMU_MT_WBWA, PV_MMU_MT_WT, PV_MMU_MT_WB };
	if (mt < 16)
		return low[mt];
	int outer = policy[(mt >> 2) & 3u], inner = policy[mt & 3u];
	return outer == inner ? inner : PV_MMU_MT_MIXED;
}

static int v5_expected_type(uint32_t mt)
{
	static const int t[4] = { PV_MMU_MT_SO, PV_MMU_MT_NC, PV_MMU_MT_WT, PV_MMU_MT_WB };
	return t[mt];
}

enum kind { K_SECTION, K_SUPER, K_LARGE, K_SMALL, K_TINY, K_NKINDS };

/* Slot and value of a device mapping of the I/O region with memory type mt. */
static int io_entry(enum pv_mmu_format fmt, enum kind k, uint32_t mt, uint32_t *slot, uint32_t *val)
{
	uint32_t rw = fmt == PV_MMU_FMT_V7 ? PV_MMU_V7_AP_RW : PV_MMU_V5_AP_RW;
	uint32_t fl = PV_MMU_V7_NG | PV_MMU_V7_XN;
	uint32_t aps = pv_mmu_desc_v5_subpages(rw, rw, rw, rw);
	bool v7 = fmt == PV_MMU_FMT_V7;
	switch (k) {
	case K_SECTION:
		*slot = L1 + 4 * (T_IO_BASE >> 20);
		*val = v7 ? pv_mmu_desc_v7_section(T_IO_BASE + (3u << 20), rw, mt, 0, fl)
			  : pv_mmu_desc_v5_section(T_IO_BASE + (3u << 20), rw, mt, 0);
		return 1;
	case K_SUPER:
		if (!v7)
			return 0;
		*slot = L1 + 4 * (T_IO_BASE >> 20);
		*val = pv_mmu_desc_v7_supersection(T_IO_BASE, rw, mt, fl);
		return 1;
	case K_LARGE:
		*slot = L2 + 4 * 16;
		*val = v7 ? pv_mmu_desc_v7_large(T_IO_BASE + 0x50000u, rw, mt, fl)
			  : pv_mmu_desc_v5_large(T_IO_BASE + 0x50000u, aps, mt);
		return 1;
	case K_SMALL:
		*slot = L2 + 4 * 3;
		*val = v7 ? pv_mmu_desc_v7_small(T_IO_BASE + 0x7000u, rw, mt, fl)
			  : pv_mmu_desc_v5_small(T_IO_BASE + 0x7000u, aps, mt);
		return 1;
	case K_TINY:
		if (v7)
			return 0;
		*slot = FINE + 4 * 5;
		*val = pv_mmu_desc_v5_tiny(T_IO_BASE + 0x2C00u, rw, mt);
		return 1;
	default:
		return 0;
	}
}

/* Pinned L1, L2 (and on ARMv5 a fine table) of domain 1. */
static struct t_machine *tables(enum pv_mmu_format fmt)
{
	struct t_machine *t = t_new(fmt);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2)), PV_OK);
	if (fmt == PV_MMU_FMT_V5)
		T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(FINE)),
			 PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1)), PV_OK);
	return t;
}

/*
 * Every kind, every memory type, against an I/O region allowing exactly one
 * type: accepted exactly when the encoding means that type; reserved
 * encodings refused as malformed.
 */
static void test_memory_types_as_validated(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	bool v7 = fmt == PV_MMU_FMT_V7;
	struct t_machine *t = tables(fmt);
	uint32_t nmt = v7 ? 32u : 4u;
	unsigned accepted = 0;
	for (int type = PV_MMU_MT_SO; type <= PV_MMU_MT_MIXED; type++) {
		if (!v7 && (type == PV_MMU_MT_DEVICE || type == PV_MMU_MT_MIXED))
			continue; /* no such type on ARMv5 */
		T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE), IO_SIZE,
					     PV_MMU_MT_MASK((uint32_t)type), PV_MMU_IO_WRITE),
			 PV_OK);
		for (int k = 0; k < K_NKINDS; k++) {
			for (uint32_t mt = 0; mt < nmt; mt++) {
				uint32_t slot, val;
				if (!io_entry(fmt, (enum kind)k, mt, &slot, &val))
					continue;
				int want = v7 ? v7_expected_type(mt) : v5_expected_type(mt);
				int32_t rc = t_update1(t, 1, slot, val);
				int32_t exp = want < 0 ? PV_EINVAL : want == type ? PV_OK : PV_EPERM;
				if (rc != exp)
					fail_msg("kind %d mt 0x%x (region type %d): got %s want %s", k,
						 mt, type, pv_status_name(rc), pv_status_name(exp));
				T_AUDIT(t);
				if (rc == PV_OK) {
					accepted++;
					T_EXPECT(t, t_update1(t, 1, slot, 0), PV_OK);
				}
			}
		}
		T_EXPECT(t, pv_mmu_io_revoke(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE)), PV_OK);
	}
	/* v7: 4 kinds x 23 valid encodings; v5: 4 kinds x 4 encodings. */
	assert_int_equal(accepted, v7 ? 4u * 23u : 4u * 4u);
	t_free(t);
}

/* Access permissions: writable exactly when some mode may write. */
static void test_access_as_validated(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	bool v7 = fmt == PV_MMU_FMT_V7;
	struct t_machine *t = tables(fmt);
	uint32_t nap = v7 ? 8u : 4u;
	for (uint32_t ap = 0; ap < nap; ap++) {
		bool w = v7 ? (ap >= 1 && ap <= 3) : ap != 0;
		if (v7 && (ap == 4 || ap == 6))
			continue; /* reserved, deprecated */
		uint32_t val = v7 ? pv_mmu_desc_v7_small(DATA, ap, PV_MMU_V7_MT_WBWA, PV_MMU_V7_NG)
				  : pv_mmu_desc_v5_small(DATA, pv_mmu_desc_v5_subpages(0, 0, 0, ap),
							 PV_MMU_V5_MT_WB);
		T_EXPECT(t, t_update1(t, 1, L2, val), PV_OK);
		assert_int_equal(t_frame(t, DATA).type, w ? PV_MMU_FT_RW : PV_MMU_FT_NONE);
		assert_int_equal(t_frame(t, DATA).ref_count, 1);
		T_EXPECT(t, t_update1(t, 1, L2, 0), PV_OK);
		/* A section of the same frame's MiB: the same answer, frame by frame. */
		val = v7 ? pv_mmu_desc_v7_section(t_ma(3, 0), ap, PV_MMU_V7_MT_WBWA, 1, PV_MMU_V7_NG)
			 : pv_mmu_desc_v5_section(t_ma(3, 0), ap, PV_MMU_V5_MT_WB, 1);
		T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 0)), 256, pv_domid(1)), PV_OK);
		T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x300, val), PV_OK);
		assert_int_equal(t_frame(t, t_ma(3, 7)).type, w ? PV_MMU_FT_RW : PV_MMU_FT_NONE);
		T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x300, 0), PV_OK);
		T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(t_ma(3, 0)), 256, pv_domid(1)), PV_OK);
	}
	if (v7) { /* The reserved AP encoding is refused. */
		T_EXPECT(t, t_update1(t, 1, L2, pv_mmu_desc_v7_small(DATA, 4, PV_MMU_V7_MT_WBWA,
								    PV_MMU_V7_NG)),
			 PV_EINVAL);
	} else { /* Tiny pages in the fine table. */
		T_EXPECT(t, t_update1(t, 1, FINE + 4 * 9, pv_mmu_desc_v5_tiny(DATA + 0x400u, 3, 3)),
			 PV_OK);
		assert_int_equal(t_frame(t, DATA).type, PV_MMU_FT_RW);
		T_EXPECT(t, t_update1(t, 1, FINE + 4 * 9, 0), PV_OK);
	}
	t_free(t);
}

/* Table pointers name the pinned tables and carry the ARM domain. */
static void test_pointers_as_validated(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	bool v7 = fmt == PV_MMU_FMT_V7;
	struct t_machine *t = tables(fmt);
	uint32_t p = v7 ? pv_mmu_desc_v7_table(L2 + 0x400u, 1) : pv_mmu_desc_v5_coarse(L2 + 0x400u, 1);
	T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x200, p), PV_OK);
	assert_int_equal(t_frame(t, L2).type_count, 1);
	/* ARM domain 2 is the hypervisor's: the same pointer there is refused. */
	p = v7 ? pv_mmu_desc_v7_table(L2, 2) : pv_mmu_desc_v5_coarse(L2, 2);
	T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x201, p), PV_EPERM);
	if (!v7) {
		T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x202, pv_mmu_desc_v5_fine(FINE, 0)), PV_OK);
		assert_int_equal(t_frame(t, FINE).type_count, 1);
		/* A coarse pointer to the fine table is a type mismatch. */
		T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x203, pv_mmu_desc_v5_coarse(FINE, 0)), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x202, 0), PV_OK);
	}
	T_EXPECT(t, t_update1(t, 1, L1 + 4 * 0x200, 0), PV_OK);
	assert_int_equal(t_frame(t, L2).type_count, 0);
	t_free(t);
}

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;
#define BOTH(f)                                                              \
	cmocka_unit_test_prestate(f, (void *)&fmt_v5),                       \
	cmocka_unit_test_prestate(f, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v5_bits_match_test_encoders),
		cmocka_unit_test(test_v7_bits_match_test_encoders),
		BOTH(test_memory_types_as_validated),
		BOTH(test_access_as_validated),
		BOTH(test_pointers_as_validated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
