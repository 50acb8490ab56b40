/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The descriptor decoders (lib/mmu/fmt_v5.h, fmt_v7.h), field by field,
 * through the validator's answers: an entry that some mode may write is
 * refused over a page-table frame (PV_ETYPE) and accepted over a data
 * frame; a memory type outside ram_types is refused over RAM (PV_EPERM);
 * a should-be-zero or reserved bit is PV_EINVAL. Every descriptor here is
 * built bit by bit from the ARM ARM (DDI 0100I B3.3 for ARMv5, DDI 0406C
 * B3.5.1, B3.7.1 and table B3-10 for ARMv7) with the helpers below or
 * those of mmu_t.h, never with the library's encoders. Each test says what
 * a guest would gain from the decoding mistake it rules out.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;

#define L1 t_ma(1, 0)     /* pinned L1 */
#define TBL t_ma(1, 8)    /* a pinned L2: the target of "writable?" probes */
#define L2 t_ma(1, 9)     /* pinned L2 the probes are written to */
#define FINE t_ma(1, 10)  /* ARMv5: pinned fine table */
#define DATA t_ma(1, 64)  /* a plain data frame of domain 1 (64 KiB aligned) */
#define SLOT_L1 0x100u    /* probe slot in the L1 (not the hypervisor's) */

/* Domain 1 and 2 as in mmu_t.h, ram_types as given; the tables pinned. */
static struct t_machine *d_machine(enum pv_mmu_format fmt, uint32_t ram_types)
{
	struct t_machine *t = t_new(fmt);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.ram_types = ram_types;
	T_EXPECT(t, pv_mmu_init(&t->mmu, &c), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(0, 0)), 256, pv_domid_hyp()), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 256, pv_domid(1)), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(2, 0)), 256, pv_domid(2)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(TBL)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2)), PV_OK);
	if (fmt == PV_MMU_FMT_V5)
		T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(FINE)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1)), PV_OK);
	return t;
}

static struct t_machine *d_default(enum pv_mmu_format fmt)
{
	return d_machine(fmt, PV_MMU_MT_MASK(PV_MMU_MT_NC) | PV_MMU_MT_MASK(PV_MMU_MT_WB) |
				      PV_MMU_MT_MASK(PV_MMU_MT_WBWA));
}

/* Write val to slot of the table at tbl (the group's first slot); on success clear it again. */
static int32_t probe(struct t_machine *t, uint32_t tbl, uint32_t slot, uint32_t val)
{
	int32_t rc = t_update1(t, 1, tbl + 4 * slot, val);
	T_AUDIT(t);
	if (rc == PV_OK) {
		if (t_update1(t, 1, tbl + 4 * slot, 0) != PV_OK)
			fail_msg("clearing slot %u failed", slot);
		T_AUDIT(t);
	}
	return rc;
}

static void expect(struct t_machine *t, uint32_t tbl, uint32_t slot, uint32_t val, int32_t want,
		   const char *what)
{
	int32_t rc = probe(t, tbl, slot, val);
	if (rc != want)
		fail_msg("%s (0x%08x): got %s want %s", what, val, pv_status_name(rc),
			 pv_status_name(want));
}

/*
 * Writable means "some processor mode may write": over the pinned table
 * TBL, PV_ETYPE; over plain data, PV_OK. Read-only: PV_OK over both.
 */
static void expect_writable(struct t_machine *t, uint32_t tbl, uint32_t slot, uint32_t over_tbl,
			    uint32_t over_data, bool w, const char *what)
{
	expect(t, tbl, slot, over_tbl, w ? PV_ETYPE : PV_OK, what);
	expect(t, tbl, slot, over_data, PV_OK, what);
}

/* --- ARMv5, DDI 0100I B3.3 --- */
/* Section: [31:20] base, [11:10] AP, [8:5] domain, [4] 1 (ignored), [3] C, [2] B, [1:0] 10. */
static uint32_t v5s(uint32_t ma, uint32_t ap, uint32_t cb)
{
	return (ma & 0xFFF00000u) | (ap << 10) | (1u << 4) | (cb << 2) | 2u;
}
/* Small page: [31:12] base, ap3..ap0 at [11:10] [9:8] [7:6] [5:4], C, B, 10. */
static uint32_t v5p(uint32_t ma, const uint32_t ap[4], uint32_t cb)
{
	return (ma & 0xFFFFF000u) | (ap[3] << 10) | (ap[2] << 8) | (ap[1] << 6) | (ap[0] << 4) |
	       (cb << 2) | 2u;
}
/* Large page: [31:16] base, [15:12] SBZ, the four AP fields, C, B, 01. */
static uint32_t v5l(uint32_t ma, const uint32_t ap[4], uint32_t cb)
{
	return (ma & 0xFFFF0000u) | (ap[3] << 10) | (ap[2] << 8) | (ap[1] << 6) | (ap[0] << 4) |
	       (cb << 2) | 1u;
}
/* Tiny page: [31:10] base, [9:6] SBZ, [5:4] AP, C, B, 11. */
static uint32_t v5t(uint32_t ma, uint32_t ap, uint32_t cb)
{
	return (ma & 0xFFFFFC00u) | (ap << 4) | (cb << 2) | 3u;
}

/*
 * ARMv5 sections: AP 01 (privileged read/write, user none) is a writable
 * mapping; every SBZ bit of [19:12] and bit 9 is refused; C/B give the
 * memory type. Gain of a mistake: a section over a page table with AP 01
 * passing as read-only gives the guest kernel (privileged in its virtual
 * mode on a hypervisor that runs it so) a writable page-table alias.
 */
static void test_v5_section_fields(void **state)
{
	(void)state;
	struct t_machine *t = d_default(PV_MMU_FMT_V5);
	/* Writable over the tables' MiB; the data MiB has no table: always fine. */
	for (uint32_t ap = 0; ap < 4; ap++) {
		expect(t, L1, SLOT_L1, v5s(t_ma(1, 0), ap, 3), ap ? PV_ETYPE : PV_OK, "v5 section AP");
		expect(t, L1, SLOT_L1, v5s(t_ma(3, 0), ap, 3), PV_EPERM, "v5 section of free MiB");
	}
	for (uint32_t b = 12; b < 20; b++)
		expect(t, L1, SLOT_L1, v5s(t_ma(1, 0), 0, 3) | (1u << b), PV_EINVAL, "v5 section SBZ");
	expect(t, L1, SLOT_L1, v5s(t_ma(1, 0), 0, 3) | (1u << 9), PV_EINVAL, "v5 section bit 9");
	expect(t, L1, SLOT_L1, v5s(t_ma(1, 0), 0, 3) & ~(1u << 4), PV_OK, "v5 section bit 4 clear");
	/* C/B: 00 strongly ordered, 01 non-cacheable, 10 write-through, 11 write-back. */
	const int32_t want[4] = { PV_EPERM, PV_OK, PV_EPERM, PV_OK };
	for (uint32_t cb = 0; cb < 4; cb++)
		expect(t, L1, SLOT_L1, v5s(t_ma(1, 0), 0, cb), want[cb], "v5 section C/B");
	/* Domain field [8:5]: guest domains 0 and 1; 2 (the hypervisor's), 8, 9, 15 are not. */
	const uint32_t dom[6] = { 0, 1, 2, 8, 9, 15 };
	for (unsigned i = 0; i < 6; i++)
		expect(t, L1, SLOT_L1, v5s(t_ma(1, 0), 0, 3) | (dom[i] << 5), i < 2 ? PV_OK : PV_EPERM,
		       "v5 section domain");
	t_free(t);
}

/*
 * ARMv5 coarse and fine table pointers: bit 9 and [3:2] of a coarse
 * pointer, [11:9] and [3:2] of a fine one are SBZ; bit 4 is ignored; the
 * domain field is checked. Gain: an implementation-defined bit set in a
 * live table pointer.
 */
static void test_v5_pointer_fields(void **state)
{
	(void)state;
	struct t_machine *t = d_default(PV_MMU_FMT_V5);
	uint32_t c = (TBL & 0xFFFFFC00u) | 1u, f = (FINE & 0xFFFFF000u) | 3u;
	expect(t, L1, SLOT_L1, c, PV_OK, "v5 coarse pointer");
	expect(t, L1, SLOT_L1, c | 0x10u, PV_OK, "v5 coarse pointer bit 4");
	expect(t, L1, SLOT_L1, c | 0x200u, PV_EINVAL, "v5 coarse pointer bit 9");
	expect(t, L1, SLOT_L1, c | 0x4u, PV_EINVAL, "v5 coarse pointer bit 2");
	expect(t, L1, SLOT_L1, c | 0x8u, PV_EINVAL, "v5 coarse pointer bit 3");
	expect(t, L1, SLOT_L1, c | (2u << 5), PV_EPERM, "v5 coarse pointer domain");
	expect(t, L1, SLOT_L1, c | (8u << 5), PV_EPERM, "v5 coarse pointer domain 8");
	expect(t, L1, SLOT_L1, f | (9u << 5), PV_EPERM, "v5 fine pointer domain 9");
	expect(t, L1, SLOT_L1, (TBL + 0xC00u) | 1u, PV_OK, "v5 coarse pointer, 4th KiB");
	expect(t, L1, SLOT_L1, f, PV_OK, "v5 fine pointer");
	expect(t, L1, SLOT_L1, f | 0x10u, PV_OK, "v5 fine pointer bit 4");
	for (uint32_t b = 9; b < 12; b++)
		expect(t, L1, SLOT_L1, f | (1u << b), PV_EINVAL, "v5 fine pointer [11:9]");
	expect(t, L1, SLOT_L1, f | 0x4u, PV_EINVAL, "v5 fine pointer bit 2");
	expect(t, L1, SLOT_L1, f | 0x8u, PV_EINVAL, "v5 fine pointer bit 3");
	expect(t, L1, SLOT_L1, (TBL & 0xFFFFF000u) | 3u, PV_ETYPE, "v5 fine pointer to an L2");
	expect(t, L1, SLOT_L1, (FINE & 0xFFFFFC00u) | 1u, PV_ETYPE, "v5 coarse pointer to a fine");
	t_free(t);
}

/*
 * ARMv5 small and large pages: each of the four subpage AP fields alone
 * makes the page writable when not 00; large-page [15:12] is SBZ; the
 * coarse encoding 11 is refused. Gain: one writable 1 KiB subpage of a
 * page table.
 */
static void test_v5_page_fields(void **state)
{
	(void)state;
	struct t_machine *t = d_default(PV_MMU_FMT_V5);
	for (unsigned sub = 0; sub < 4; sub++) {
		for (uint32_t ap = 0; ap < 4; ap++) {
			uint32_t a[4] = { 0, 0, 0, 0 };
			a[sub] = ap;
			expect_writable(t, L2, 0, v5p(TBL, a, 3), v5p(DATA, a, 3), ap != 0,
					"v5 small page subpage AP");
			expect_writable(t, L2, 16, v5l(TBL & 0xFFFF0000u, a, 3),
					v5l(DATA, a, 3), ap != 0, "v5 large page subpage AP");
			/* Fine tables: small pages are 4 replicas, large pages 64. */
			expect_writable(t, FINE, 4, v5p(TBL, a, 3), v5p(DATA, a, 3), ap != 0,
					"v5 fine small page subpage AP");
			expect_writable(t, FINE, 64, v5l(TBL & 0xFFFF0000u, a, 3), v5l(DATA, a, 3),
					ap != 0, "v5 fine large page subpage AP");
		}
	}
	const uint32_t z[4] = { 0, 0, 0, 0 };
	for (uint32_t b = 12; b < 16; b++) {
		expect(t, L2, 16, v5l(DATA, z, 3) | (1u << b), PV_EINVAL, "v5 large page SBZ");
		expect(t, FINE, 64, v5l(DATA, z, 3) | (1u << b), PV_EINVAL, "v5 fine large page SBZ");
	}
	expect(t, L2, 0, (DATA & 0xFFFFF000u) | 3u, PV_EINVAL, "v5 coarse 0b11 (XScale)");
	/* Replicas: a small page in a fine table at slot 2 is misaligned. */
	expect(t, FINE, 2, v5p(DATA, z, 3), PV_EALIGN, "v5 fine small page misaligned");
	const int32_t want[4] = { PV_EPERM, PV_OK, PV_EPERM, PV_OK };
	for (uint32_t cb = 0; cb < 4; cb++) {
		expect(t, L2, 0, v5p(DATA, z, cb), want[cb], "v5 small page C/B");
		expect(t, L2, 16, v5l(DATA, z, cb), want[cb], "v5 large page C/B");
	}
	t_free(t);
}

/*
 * ARMv5 tiny pages (fine tables): AP [5:4] 01 is writable; [9:6] SBZ;
 * the 1 KiB base in [31:10] selects a frame by [31:12]. Gain: a writable
 * tiny page over a page table passing as read-only.
 */
static void test_v5_tiny_fields(void **state)
{
	(void)state;
	struct t_machine *t = d_default(PV_MMU_FMT_V5);
	for (uint32_t ap = 0; ap < 4; ap++) {
		for (uint32_t kib = 0; kib < 4; kib++)
			expect_writable(t, FINE, 7, v5t(TBL + (kib << 10), ap, 3),
					v5t(DATA + (kib << 10), ap, 3), ap != 0, "v5 tiny AP");
	}
	for (uint32_t b = 6; b < 10; b++)
		expect(t, FINE, 7, v5t(DATA, 0, 3) | (1u << b), PV_EINVAL, "v5 tiny SBZ");
	/* The tiny page at 0x...C00 of the last KiB of domain 1's MiB, and the next frame's. */
	expect(t, FINE, 7, v5t(t_ma(1, 255) + 0xC00u, 0, 3), PV_OK, "v5 tiny last KiB");
	expect(t, FINE, 7, v5t(t_ma(2, 0), 0, 3), PV_EXDEV, "v5 tiny next frame");
	const int32_t want[4] = { PV_EPERM, PV_OK, PV_EPERM, PV_OK };
	for (uint32_t cb = 0; cb < 4; cb++)
		expect(t, FINE, 7, v5t(DATA, 0, cb), want[cb], "v5 tiny C/B");
	/* The counts land on the frame the tiny page is in. */
	T_EXPECT(t, t_update1(t, 1, FINE + 28, v5t(DATA + 0xC00u, 1, 3)), PV_OK);
	assert_int_equal(t_frame(t, DATA).type_count, 1);
	T_EXPECT(t, t_update1(t, 1, FINE + 28, 0), PV_OK);
	t_free(t);
}

/* --- ARMv7, DDI 0406C B3.5.1 --- */
/* AP[2] at bit 15 (sections) or 9 (pages), AP[1:0] at 11:10 or 5:4; nG set. */
static uint32_t v7s(uint32_t ma, uint32_t ap, uint32_t tex, uint32_t cb)
{
	return (ma & 0xFFF00000u) | (1u << 17) | ((ap >> 2) << 15) | (tex << 12) | ((ap & 3u) << 10) |
	       (cb << 2) | 2u;
}
static uint32_t v7p(uint32_t ma, uint32_t ap, uint32_t tex, uint32_t cb)
{
	return (ma & 0xFFFFF000u) | (1u << 11) | ((ap >> 2) << 9) | (tex << 6) | ((ap & 3u) << 4) |
	       (cb << 2) | 2u;
}
/* Large page: TEX at [14:12], XN at 15, [8:6] SBZ. */
static uint32_t v7l(uint32_t ma, uint32_t ap, uint32_t tex, uint32_t cb)
{
	return (ma & 0xFFFF0000u) | (tex << 12) | (1u << 11) | ((ap >> 2) << 9) | ((ap & 3u) << 4) |
	       (cb << 2) | 1u;
}

/*
 * ARMv7 access permissions (SCTLR.AFE = 0): writable iff AP[2] = 0 and
 * AP[1:0] != 00; AP 100 is reserved. For sections, small and large pages.
 * Gain: a privileged-writable alias of a page table passing as read-only.
 */
static void test_v7_ap_fields(void **state)
{
	(void)state;
	struct t_machine *t = d_default(PV_MMU_FMT_V7);
	for (uint32_t ap = 0; ap < 8; ap++) {
		bool w = ap == 1 || ap == 2 || ap == 3;
		if (ap == 4) {
			expect(t, L1, SLOT_L1, v7s(t_ma(1, 0), ap, 1, 3), PV_EINVAL, "v7 section AP 100");
			expect(t, L2, 0, v7p(DATA, ap, 1, 3), PV_EINVAL, "v7 small AP 100");
			expect(t, L2, 16, v7l(DATA, ap, 1, 3), PV_EINVAL, "v7 large AP 100");
			continue;
		}
		expect(t, L1, SLOT_L1, v7s(t_ma(1, 0), ap, 1, 3), w ? PV_ETYPE : PV_OK, "v7 section AP");
		expect_writable(t, L2, 0, v7p(TBL, ap, 1, 3), v7p(DATA, ap, 1, 3), w, "v7 small AP");
		expect_writable(t, L2, 16, v7l(TBL & 0xFFFF0000u, ap, 1, 3), v7l(DATA, ap, 1, 3), w,
				"v7 large AP");
	}
	t_free(t);
}

/*
 * ARMv7 memory types (TEX remap off, table B3-10) in each place TEX sits:
 * section [14:12], small page [8:6], large page [14:12] (with [8:6] SBZ).
 * ram_types is write-back write-allocate alone, so a TEX read from the
 * wrong bits changes the answer. Gain: a mismatched-attribute alias of RAM
 * (an uncached or write-through view of memory another domain caches).
 */
static void test_v7_tex_fields(void **state)
{
	(void)state;
	struct t_machine *t = d_machine(PV_MMU_FMT_V7, PV_MMU_MT_MASK(PV_MMU_MT_WBWA));
	/* TEX:C:B -> allowed over RAM (OK), refused type (EPERM), reserved (EINVAL). */
	for (uint32_t tex = 0; tex < 8; tex++) {
		for (uint32_t cb = 0; cb < 4; cb++) {
			int32_t want;
			if (tex == 1 && cb == 3)
				want = PV_OK; /* write-back write-allocate */
			else if (tex >= 4)
				want = (tex & 3u) == 1 && cb == 1 ? PV_OK : PV_EPERM; /* WBWA both */
			else if ((tex == 1 && (cb == 1 || cb == 2)) || (tex == 2 && cb != 0) || tex == 3)
				want = PV_EINVAL;
			else
				want = PV_EPERM;
			char what[64];
			snprintf(what, sizeof what, "v7 TEX %u C:B %u", tex, cb);
			expect(t, L1, SLOT_L1, v7s(t_ma(1, 0), 7, tex, cb), want, what);
			expect(t, L2, 0, v7p(DATA, 7, tex, cb), want, what);
			expect(t, L2, 16, v7l(DATA, 7, tex, cb), want, what);
			/* XN (bit 15 of a large page, bit 0 of a small one) changes nothing. */
			expect(t, L2, 16, v7l(DATA, 7, tex, cb) | (1u << 15), want, what);
			expect(t, L2, 0, v7p(DATA, 7, tex, cb) | 1u, want, what);
		}
	}
	for (uint32_t b = 6; b < 9; b++)
		expect(t, L2, 16, v7l(DATA, 7, 1, 3) | (1u << b), PV_EINVAL, "v7 large page [8:6]");
	t_free(t);
}

/*
 * ARMv7 first-level fields: page-table pointer PXN (2), NS (3), bit 4 and
 * IMP bit 9; section IMP bit 9 and NS bit 19; supersection extended base
 * [23:20] and [8:5]; encoding 0b11; nG. Gain: Non-secure or
 * implementation-defined aliases, memory above 4 GiB, a global entry.
 */
static void test_v7_l1_fields(void **state)
{
	(void)state;
	struct t_machine *t = d_default(PV_MMU_FMT_V7);
	uint32_t c = (TBL & 0xFFFFFC00u) | 1u;
	expect(t, L1, SLOT_L1, c, PV_OK, "v7 table pointer");
	const uint32_t sbz[4] = { 2, 3, 4, 9 };
	for (unsigned i = 0; i < 4; i++)
		expect(t, L1, SLOT_L1, c | (1u << sbz[i]), PV_EINVAL, "v7 table pointer SBZ");
	expect(t, L1, SLOT_L1, c | (2u << 5), PV_EPERM, "v7 table pointer domain 2");
	expect(t, L1, SLOT_L1, c | (1u << 5), PV_OK, "v7 table pointer domain 1");
	expect(t, L1, SLOT_L1, c | (8u << 5), PV_EPERM, "v7 table pointer domain 8");
	expect(t, L1, SLOT_L1, v7s(t_ma(1, 0), 7, 1, 3) | (9u << 5), PV_EPERM, "v7 section domain 9");
	uint32_t s = v7s(t_ma(1, 0), 7, 1, 3);
	expect(t, L1, SLOT_L1, s, PV_OK, "v7 section");
	expect(t, L1, SLOT_L1, s | (1u << 9), PV_EINVAL, "v7 section bit 9");
	expect(t, L1, SLOT_L1, s | (1u << 19), PV_EINVAL, "v7 section NS");
	expect(t, L1, SLOT_L1, s | (1u << 16), PV_OK, "v7 section S");
	expect(t, L1, SLOT_L1, s | (1u << 4), PV_OK, "v7 section XN");
	expect(t, L1, SLOT_L1, s & ~(1u << 17), PV_EPERM, "v7 section global");
	expect(t, L1, SLOT_L1, s | 3u, PV_EINVAL, "v7 first-level 0b11");
	expect(t, L1, SLOT_L1, (s & ~(1u << 17)) | 1u, PV_EINVAL, "v7 first-level 0b11 (2)");
	/* Supersections (of an I/O region: domain 1's RAM is no 16 MiB). */
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(0x20000000u), 16u << 20,
				     PV_MMU_MT_MASK(PV_MMU_MT_DEVICE), PV_MMU_IO_WRITE), PV_OK);
	uint32_t ss = 0x20000000u | (1u << 18) | (1u << 17) | (3u << 10) | (1u << 2) | 2u;
	expect(t, L1, 0x200, ss, PV_OK, "v7 supersection device");
	for (uint32_t b = 20; b < 24; b++)
		expect(t, L1, 0x200, ss | (1u << b), PV_ERANGE, "v7 supersection [23:20]");
	for (uint32_t b = 5; b < 9; b++)
		expect(t, L1, 0x200, ss | (1u << b), PV_ERANGE, "v7 supersection [8:5]");
	expect(t, L1, 0x200, ss & ~(1u << 17), PV_EPERM, "v7 supersection global");
	expect(t, L1, 0x200, ss | (1u << 19), PV_EINVAL, "v7 supersection NS");
	/* Second level: nG at bit 11 of both page kinds. */
	expect(t, L2, 0, v7p(DATA, 7, 1, 3) & ~(1u << 11), PV_EPERM, "v7 small global");
	expect(t, L2, 16, v7l(DATA, 7, 1, 3) & ~(1u << 11), PV_EPERM, "v7 large global");
	t_free(t);
}

int main(void)
{
	(void)fmt_v5;
	(void)fmt_v7;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v5_section_fields),
		cmocka_unit_test(test_v5_pointer_fields),
		cmocka_unit_test(test_v5_page_fields),
		cmocka_unit_test(test_v5_tiny_fields),
		cmocka_unit_test(test_v7_ap_fields),
		cmocka_unit_test(test_v7_tex_fields),
		cmocka_unit_test(test_v7_l1_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
