/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/mmu checks that the whole-module mutation run (docs/testing.md,
 * "Mutation testing", "Measured scores") found unheld after the first 480
 * mutants: each test is the attack or the misconfiguration a planted
 * single-token bug in the check would let through, at the exact value
 * where the check decides.
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

/* A second instance's own records, so that initialising it leaves t as it was. */
static struct pv_mmu_domain doms2[T_NDOMS];
static struct pv_mmu_io_region io2[T_NIO];

static void config2(struct t_machine *t, struct pv_mmu_config *c, uint32_t *store)
{
	t_config(t, c);
	c->domains = doms2;
	c->io = io2;
	c->frame_store = store;
}

static void audit2(struct t_machine *t, struct pv_mmu *m2)
{
	struct pv_mmu_audit_report rep;
	assert_int_equal(pv_mmu_audit(m2, t->scratch, t->scratch_words, &rep), PV_OK);
}

/*
 * A configuration with no RAM pointer, or one a byte past a word boundary:
 * refused with PV_EALIGN, each on its own. Accepted, every page-table walk
 * of the instance would read through a null pointer (a hypervisor data
 * abort at the first pin) or read rotated words on ARMv5, where an
 * unaligned word load does not fault: entries read back as other entries.
 * A word-aligned RAM not aligned to 8 bytes is what the contract allows:
 * accepted.
 */
static void test_init_without_ram_or_with_unaligned_ram_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	struct pv_mmu_config c;
	struct pv_mmu m2;
	config2(t, &c, store);
	c.ram = NULL;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	for (unsigned off = 1; off < 4; off++) {
		config2(t, &c, store);
		c.ram = (uint32_t *)(void *)((char *)t->ram + off);
		assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	}
	/* Word aligned but not on 8 bytes: accepted (the contract is a word). */
	config2(t, &c, store);
	c.ram = t->ram + 1;
	c.ram_size -= 1u << 12;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	config2(t, &c, store);
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * Empty RAM at machine address 0: size 0 is aligned, and base 0 leaves no
 * room for an overflow, so only the size check itself refuses it
 * (PV_EINVAL). Accepted, the instance has no frame at all and its frame
 * table is empty: nr_frames - PV_MMU_BLOCK and similar bounds underflow.
 */
static void test_init_empty_ram_at_address_zero_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	struct pv_mmu_config c;
	struct pv_mmu m2;
	config2(t, &c, store);
	c.ram_base = pv_maddr(0);
	c.ram_size = 0;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EINVAL);
	/* The same RAM at 0 with its real size: accepted. */
	c.ram_size = t->ram_mb << 20;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * A hypervisor window starting one byte past a MiB: refused with
 * PV_EALIGN (the size one byte off was tried before, not the base's lowest
 * bit). Accepted, the reserved slots are base >> 20 onwards, so the window
 * the hypervisor believes it owns and the slots kept from the guests
 * disagree by that byte's MiB.
 */
static void test_init_hyp_window_base_one_byte_past_a_mib_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	struct pv_mmu_config c;
	struct pv_mmu m2;
	config2(t, &c, store);
	c.hyp_va_base = pv_gvaddr(T_HYP_VA + 1u);
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	c.hyp_va_base = pv_gvaddr(T_HYP_VA + 0x80000u);
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	c.hyp_va_base = pv_gvaddr(T_HYP_VA);
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * No memory type allowed for RAM (ram_types 0): refused with PV_EINVAL.
 * Accepted, every leaf over RAM is refused (PV_EPERM), so no guest could
 * ever map its own memory: a configuration error that must be reported at
 * init, not at the first guest's first pin.
 */
static void test_init_no_ram_memory_type_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	struct pv_mmu_config c;
	struct pv_mmu m2;
	config2(t, &c, store);
	c.ram_types = 0;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EINVAL);
	c.ram_types = PV_MMU_MT_MASK(PV_MMU_MT_NC);
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * Attack: domain 1 revokes domain 2's I/O region by naming its base.
 * Regions never overlap, so the record at that base is domain 2's, and
 * only its owner may give it up: PV_ENOENT for domain 1, the record as it
 * was. Gain: taking a device window away from another guest (a denial of
 * service), then asking for it itself.
 */
static void test_io_revoke_of_another_domains_region_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	struct pv_mmu *m = &t->mmu;
	const uint32_t so = PV_MMU_MT_MASK(PV_MMU_MT_SO);
	T_EXPECT(t, pv_mmu_io_assign(m, pv_domid(2), pv_maddr(T_IO_BASE), 1u << 16, so, 0), PV_OK);
	struct pv_mmu_io_region before[T_NIO];
	memcpy(before, t->io, sizeof before);
	T_EXPECT(t, pv_mmu_io_revoke(m, pv_domid(1), pv_maddr(T_IO_BASE)), PV_ENOENT);
	assert_memory_equal(before, t->io, sizeof before);
	/* Domain 1 cannot take the window either; its owner can give it up. */
	T_EXPECT(t, pv_mmu_io_assign(m, pv_domid(1), pv_maddr(T_IO_BASE), 1u << 16, so, 0),
		 PV_EEXIST);
	T_EXPECT(t, pv_mmu_io_revoke(m, pv_domid(2), pv_maddr(T_IO_BASE)), PV_OK);
	T_EXPECT(t, pv_mmu_io_revoke(m, pv_domid(2), pv_maddr(T_IO_BASE)), PV_ENOENT);
	t_free(t);
}

/*
 * Attack: a span (four consecutive small pages, the pattern already known)
 * over a whole 64-frame group of the domain whose id differs from the
 * attacker's in bit 0 only (domain 0 for domain 1). The span asks the group
 * summary first; its OR of differences is exactly 1 here, and only a test
 * for zero sends the span to the per-frame keys. Gain: reading (or writing)
 * another guest's memory. Both formats, read-only and writable: PV_EXDEV,
 * the frame table unchanged, audit clean; the same span over the
 * attacker's own frames pins.
 */
static void test_span_over_group_of_domain_one_bit_away_refused(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		/* Domain 1 owns frames 256..767; it gives the group 576..639 to domain 0. */
		struct t_machine *t = t_new_split(fmts[f], 4, 3);
		struct pv_mmu *m = &t->mmu;
		const uint32_t l2 = 300, own = 400, theirs = 576;
		T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(t_ma(0, theirs)), 64, pv_domid(1)), PV_OK);
		T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(0, theirs)), 64, pv_domid(0)), PV_OK);
		const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
		uint32_t *before = malloc(4 * words);
		assert_non_null(before);
		for (unsigned w = 0; w < 2; w++) {
			uint32_t *p = t_ptr(t, t_ma(0, l2));
			t_fill(t, t_ma(0, l2), 0, 1024, 0);
			p[0] = t_small(t, t_ma(0, own), w); /* the pattern, learnt */
			for (uint32_t i = 0; i < 4; i++)
				p[1 + i] = t_small(t, t_ma(0, theirs + 8 + i), w);
			memcpy(before, t->frame_store, 4 * words);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(t_ma(0, l2))),
				 PV_EXDEV);
			assert_memory_equal(before, t->frame_store, 4 * words);
			for (uint32_t i = 0; i < 4; i++)
				p[1 + i] = t_small(t, t_ma(0, own + 8 + i), w);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(t_ma(0, l2))),
				 PV_OK);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(t_ma(0, l2))), PV_OK);
		}
		free(before);
		t_free(t);
	}
}

/*
 * Attack (ARMv5): after a coarse table taught the pin walk two small-page
 * patterns, a run of entries carrying the older pattern with bit 0 set,
 * i.e. descriptor type 0b11, which a coarse table does not have (reserved:
 * PV_EINVAL). Only the full 12-bit pattern may say "known"; matching it
 * without bit 0 would wave the run through the span check unread. Gain: the
 * MMU walks reserved encodings (UNPREDICTABLE on ARMv5).
 */
static void test_v5_reserved_entries_with_a_known_pattern_but_bit_0_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V5, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t l2 = t_ma(0, 300);
	const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
	uint32_t *before = malloc(4 * words);
	assert_non_null(before);
	uint32_t *p = t_ptr(t, l2);
	t_fill(t, l2, 0, 1024, 0);
	p[0] = v5_small(t_ma(0, 400), V5_RO, 1, 1); /* older pattern */
	p[1] = v5_small(t_ma(0, 410), V5_RW, 1, 1); /* newer pattern */
	for (uint32_t i = 0; i < 4; i++)
		p[2 + i] = v5_small(t_ma(0, 420 + i), V5_RO, 1, 1) | 1u;
	memcpy(before, t->frame_store, 4 * words);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_EINVAL);
	assert_memory_equal(before, t->frame_store, 4 * words);
	for (uint32_t i = 0; i < 4; i++)
		p[2 + i] &= ~1u;
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
	free(before);
	t_free(t);
}

/*
 * ARMv5 fine table: a large page (64 KiB) whose base has bit 16 set is a
 * valid descriptor (base [31:16], SBZ [15:12]): pinned, its 16 frames
 * counted once, released on unpin. A decoder that took bit 16 for SBZ
 * would refuse every large page at an odd 64 KiB, half of them.
 */
static void test_v5_fine_large_page_at_odd_64k_pins(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V5, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t fine = t_ma(0, 300), big = t_ma(1, 16); /* 0x40110000 */
	assert_true((big & 0x10000u) != 0);
	t_fill(t, fine, 0, 1024, 0);
	t_fill(t, fine, 0, 64, v5_large(big, V5_RO, 1, 1));
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(fine)), PV_OK);
	for (uint32_t i = 0; i < 16; i++)
		assert_int_equal(t_frame(t, big + (i << 12)).ref_count, 1);
	assert_int_equal(t_frame(t, big + (16u << 12)).ref_count, 0);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(fine)), PV_OK);
	assert_int_equal(t_frame(t, big).ref_count, 0);
	t_free(t);
}

/*
 * Attack (ARMv5): a tiny page (1 KiB) in an odd frame that another domain
 * owns, the even frame below it being the attacker's. The frame checked is
 * the one holding the 1 KiB, bits [31:12] of the address; losing bit 12
 * would check the attacker's frame instead. Gain: reading or writing 1 KiB
 * of another guest's memory. Read-only and writable: PV_EXDEV, nothing
 * counted; the same entry over the attacker's own odd frame pins.
 */
static void test_v5_tiny_page_in_odd_frame_of_another_domain_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V5, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t fine = t_ma(0, 300), theirs = 601;
	T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(t_ma(0, theirs)), 1, pv_domid(1)), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(0, theirs)), 1, pv_domid(0)), PV_OK);
	const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
	uint32_t *before = malloc(4 * words);
	assert_non_null(before);
	for (uint32_t ap = 0; ap < 4; ap += 3) {
		t_fill(t, fine, 0, 1024, 0);
		t_ptr(t, fine)[5] = v5_tiny(t_ma(0, theirs) + 0x400u, ap, 1, 1);
		memcpy(before, t->frame_store, 4 * words);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(fine)), PV_EXDEV);
		assert_memory_equal(before, t->frame_store, 4 * words);
		t_ptr(t, fine)[5] = v5_tiny(t_ma(0, 603) + 0x400u, ap, 1, 1);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(fine)), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(fine)), PV_OK);
	}
	free(before);
	t_free(t);
}

/*
 * Attack (ARMv7): a writable section with the shareable bit S (bit 16)
 * set over the MiB holding a pinned L2 of the attacker's. S sits right
 * above APX (bit 15); reading APX with a two-bit mask would take S for
 * "read-only", count the section read-only and let it over the table.
 * Gain: the guest writes its live page table and maps any frame. Refused
 * with PV_ETYPE, the frame table unchanged; the same section read-only
 * with S set pins.
 */
static void test_v7_writable_shareable_section_over_pinned_table_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = t_ma(1, 0), l2 = t_ma(2, 5);
	t_fill(t, l2, 0, 1024, 0);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
	uint32_t *before = malloc(4 * words);
	assert_non_null(before);
	t_fill(t, l1, 0, 4096, 0);
	t_ptr(t, l1)[3] = v7_section(t_ma(2, 0), V7_RW, 0, 1, 1, 0) | (1u << 16);
	memcpy(before, t->frame_store, 4 * words);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_ETYPE);
	assert_memory_equal(before, t->frame_store, 4 * words);
	t_ptr(t, l1)[3] = v7_section(t_ma(2, 0), V7_RO, 0, 1, 1, 0) | (1u << 16);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
	free(before);
	t_free(t);
}

/*
 * The region table's bound: memory right after the io_max records that
 * happens to look like a region of the guest's (here a record array one
 * longer than configured, its extra record describing a writable window
 * of domain 1) is never consulted. Attack: domain 1 maps that window.
 * Refused with PV_ERANGE (in no region), nothing counted, audit clean;
 * revoking it is PV_ENOENT, and destroying domain 1 leaves it alone.
 * Gain otherwise: a device window the platform never gave it, and a count
 * kept in memory the hypervisor does not own.
 */
static void test_io_record_past_io_max_never_consulted(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	static struct pv_mmu_io_region recs[T_NIO + 1];
	struct pv_mmu_config c;
	struct pv_mmu m2;
	config2(t, &c, store);
	c.io = recs;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	const uint32_t win = T_IO_BASE + 0x100000u, l2 = t_ma(2, 0);
	recs[T_NIO] = (struct pv_mmu_io_region){
		.base = pv_maddr(win), .size = 1u << 16, .types = 0x7Fu, .maps = 0,
		.owner = pv_domid(1), .flags = PV_MMU_IO_WRITE,
	};
	assert_int_equal(pv_mmu_frame_assign(&m2, t_mfn(l2), 1, pv_domid(1)), PV_OK);
	t_fill(t, l2, 0, 1024, 0);
	for (unsigned w = 0; w < 2; w++) {
		t_ptr(t, l2)[9] = t_small_so(t, win, w);
		assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_ERANGE);
		assert_int_equal(recs[T_NIO].maps, 0);
		audit2(t, &m2);
	}
	/* Nor revoked: it is in no record of the table. */
	assert_int_equal(pv_mmu_io_revoke(&m2, pv_domid(1), pv_maddr(win)), PV_ENOENT);
	assert_int_equal(recs[T_NIO].size, 1u << 16);
	/* The same window given through the table: pinned. */
	assert_int_equal(pv_mmu_io_assign(&m2, pv_domid(1), pv_maddr(win), 1u << 16, 0x7Fu,
					  PV_MMU_IO_WRITE),
			 PV_OK);
	assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	audit2(t, &m2);
	assert_int_equal(pv_mmu_unpin(&m2, pv_domid(1), t_mfn(l2)), PV_OK);
	audit2(t, &m2);
	/* Destroying domain 1 clears its records, and no word past them. */
	assert_int_equal(pv_mmu_domain_destroy(&m2, pv_domid(1)), PV_OK);
	audit2(t, &m2);
	assert_int_equal(recs[T_NIO].size, 1u << 16);
	assert_int_equal(pv_domid_val(recs[T_NIO].owner), 1);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * Attack: tables in the last frames of RAM that end in a way the pin
 * walk's fast paths must stop exactly at, never reading a slot past the
 * table (past the end of RAM: a bus fault in the hypervisor on the board,
 * and in these tests, where RAM is one heap block, a read AddressSanitizer
 * reports). Three cases not covered before:
 * - an L2 whose every slot is a fault (the fault skipper started at slot
 *   0, where the table has no hypervisor window: its limit is the table's
 *   end, not the window's start 0);
 * - an L2 ending in a run of one remembered pattern over frames that are
 *   not consecutive (no span: the run goes to the last slot itself), or
 *   with a known pattern three slots before its end (too few for a span);
 * - an L1 whose hypervisor window starts at a slot that is 7 modulo 8,
 *   all faults around it (the eight-at-a-time skip must stop before the
 *   window, not read its first slot and go on from past it).
 * Each pins with nothing counted, unpins, audit clean.
 */
static void test_tables_at_the_end_of_ram_ending_in_faults_or_a_run(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		struct t_machine *t = t_new_split(fmts[f], 4, 3); /* domain 2: MiB 3 */
		struct pv_mmu *m = &t->mmu;
		const uint32_t l2 = t_ma(3, 255);
		t_fill(t, l2, 0, 1024, 0);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l2)), PV_OK);
		for (uint32_t i = 0; i < 24; i++)
			t_ptr(t, l2)[1000 + i] = t_small(t, t_ma(3, 2 * i), false);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
		assert_int_equal(t_frame(t, t_ma(3, 46)).ref_count, 1);
		assert_int_equal(t_frame(t, t_ma(3, 47)).ref_count, 0);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l2)), PV_OK);
		/* A known pattern three slots before the end: too few for a span,
		 * and the span filter must not look at slot j + 3 past it. */
		t_fill(t, l2, 0, 1024, 0);
		t_ptr(t, l2)[0] = t_small(t, t_ma(3, 10), false);
		t_ptr(t, l2)[1021] = t_small(t, t_ma(3, 20), false);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
		assert_int_equal(t_frame(t, t_ma(3, 20)).ref_count, 1);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l2)), PV_OK);
		t_free(t);
	}
	/* The L1 case, on a second instance with the window at slot 0xEF7. */
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 4, 3);
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	struct pv_mmu_config c;
	struct pv_mmu m2;
	config2(t, &c, store);
	c.hyp_va_base = pv_gvaddr(0xEF700000u);
	c.hyp_va_size = 1u << 20;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	const uint32_t l1 = t_ma(3, 252);
	assert_int_equal(pv_mmu_frame_assign(&m2, t_mfn(t_ma(3, 0)), 256, pv_domid(1)), PV_OK);
	t_fill(t, l1, 0, 4096, 0);
	assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	audit2(t, &m2);
	assert_int_equal(pv_mmu_unpin(&m2, pv_domid(1), t_mfn(l1)), PV_OK);
	audit2(t, &m2);
	/* A mapping five slots before the window: the skip after it starts
	 * unaligned and reaches the window's first slot slot by slot. */
	t_ptr(t, l1)[0xEF2] = t_sect(t, t_ma(3, 0), false);
	assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	audit2(t, &m2);
	assert_int_equal(pv_mmu_unpin(&m2, pv_domid(1), t_mfn(l1)), PV_OK);
	audit2(t, &m2);
	free(store);
	t_free(t);
}

/*
 * Attack: a section (256 frames, four whole groups of 64) over a MiB of
 * the domain whose id differs from the attacker's in bit 0 only (domain 0
 * for domain 1). The owner check of a range of whole groups reads the
 * group summaries first; their OR of differences is exactly 1 here, and
 * only a test for zero may vouch for the range without the per-frame
 * keys. Gain: a window on another guest's whole MiB. Both formats,
 * read-only and writable: PV_EXDEV, the frame table unchanged, audit
 * clean; the same section over the attacker's own MiB pins.
 */
static void test_section_over_mib_of_domain_one_bit_away_refused(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		/* Domain 1 owns MiB 1 and 2, gives MiB 2 to domain 0. */
		struct t_machine *t = t_new_split(fmts[f], 4, 3);
		struct pv_mmu *m = &t->mmu;
		const uint32_t l1 = t_ma(1, 0);
		T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(t_ma(2, 0)), 256, pv_domid(1)), PV_OK);
		T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(2, 0)), 256, pv_domid(0)), PV_OK);
		const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
		uint32_t *before = malloc(4 * words);
		assert_non_null(before);
		for (unsigned w = 0; w < 2; w++) {
			t_fill(t, l1, 0, 4096, 0);
			t_ptr(t, l1)[7] = t_sect(t, t_ma(2, 0), w);
			memcpy(before, t->frame_store, 4 * words);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_EXDEV);
			assert_memory_equal(before, t->frame_store, 4 * words);
			/* Its own MiB 1 read-only (the L1 lies in it): pinned. */
			t_ptr(t, l1)[7] = t_sect(t, t_ma(1, 0), false);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
			assert_int_equal(t_frame(t, t_ma(1, 200)).ref_count, 1);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l1)), PV_OK);
		}
		free(before);
		t_free(t);
	}
}

/*
 * Attack: a large page (16 frames: not whole groups, so the owner check
 * reads each frame's key) over frames of the domain whose id differs from
 * the attacker's in bit 0 only (domain 0 for domain 1). The OR of the
 * keys' differences is exactly 1; only a test for zero may call the range
 * "all dom's". Gain: a 64 KiB window on another guest's memory. Both
 * formats, read-only and writable: PV_EXDEV, the frame table unchanged;
 * the same large page over the attacker's own frames pins.
 */
static void test_large_page_over_frames_of_domain_one_bit_away_refused(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		struct t_machine *t = t_new_split(fmts[f], 4, 3);
		struct pv_mmu *m = &t->mmu;
		const uint32_t l2 = t_ma(1, 3), theirs = t_ma(2, 16), own = t_ma(2, 32);
		T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(theirs), 16, pv_domid(1)), PV_OK);
		T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(theirs), 16, pv_domid(0)), PV_OK);
		const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
		uint32_t *before = malloc(4 * words);
		assert_non_null(before);
		for (unsigned w = 0; w < 2; w++) {
			t_fill(t, l2, 0, 1024, 0);
			t_fill(t, l2, 16, 16, t_large(t, theirs, w));
			memcpy(before, t->frame_store, 4 * words);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_EXDEV);
			assert_memory_equal(before, t->frame_store, 4 * words);
			t_fill(t, l2, 16, 16, t_large(t, own, w));
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, own + (15u << 12)).ref_count, 1);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
		}
		free(before);
		t_free(t);
	}
}

/*
 * A block of 64 consecutive small pages over the last 64 frames of RAM,
 * an aligned group of its own: the block check reads that group's summary
 * and no other (the next group's would be one word past the frame store,
 * which in these tests ends exactly there: AddressSanitizer reports it).
 * Read-only and writable, both formats: pinned, one count per frame,
 * released on unpin. The same for a section over the last MiB.
 */
static void test_block_over_the_last_group_of_ram(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		struct t_machine *t = t_new_split(fmts[f], 4, 3); /* domain 2: MiB 3 */
		struct pv_mmu *m = &t->mmu;
		const uint32_t l2 = t_ma(3, 0), first = t_ma(3, 192);
		for (unsigned w = 0; w < 2; w++) {
			t_fill(t, l2, 0, 1024, 0);
			for (uint32_t i = 0; i < 64; i++)
				t_ptr(t, l2)[128 + i] = t_small(t, first + (i << 12), w);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, first).ref_count, 1);
			assert_int_equal(t_frame(t, first + (63u << 12)).ref_count, 1);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, first + (63u << 12)).ref_count, 0);
		}
		/* A section over the last MiB (four whole groups, the last of RAM):
		 * the owner check reads those four summaries, not a fifth. */
		const uint32_t l1 = t_ma(3, 4);
		t_fill(t, l1, 0, 4096, 0);
		t_ptr(t, l1)[2] = t_sect(t, t_ma(3, 0), false);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
		assert_int_equal(t_frame(t, t_ma(3, 255)).ref_count, 1);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l1)), PV_OK);
		t_free(t);
	}
}

/*
 * Attack: an L2 whose last four slots are a span (consecutive small pages
 * of one known pattern), and whose next frame, the guest's own memory,
 * starts with the word that would continue the span. The span ends at the
 * table's last slot: a span that looked one slot further would count a
 * mapping the table does not hold (a reference the unpin never drops: the
 * frame could never be freed or retyped), or read past RAM when the table
 * is its last frame. Both formats, read-only and writable: pinned, the
 * fifth frame not counted, audit clean; unpinned, nothing left. The same
 * with the last 24 slots and 40 more words after the table: no block of
 * 64 from an unaligned slot reaches past the table.
 */
static void test_span_ending_at_the_tables_last_slot_stops_there(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		struct t_machine *t = t_new_split(fmts[f], 4, 3);
		struct pv_mmu *m = &t->mmu;
		const uint32_t l2 = t_ma(1, 10), data = t_ma(1, 100);
		for (unsigned w = 0; w < 2; w++) {
			t_fill(t, l2, 0, 1024, 0);
			t_ptr(t, l2)[0] = t_small(t, t_ma(1, 90), w); /* the pattern, learnt */
			for (uint32_t i = 0; i < 4; i++)
				t_ptr(t, l2)[1020 + i] = t_small(t, data + (i << 12), w);
			t_ptr(t, l2 + 4096u)[0] = t_small(t, data + (4u << 12), w);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, data + (3u << 12)).ref_count, 1);
			assert_int_equal(t_frame(t, data + (4u << 12)).ref_count, 0);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, data).ref_count, 0);
			/* The last 24 slots, the next frame's first 40 words going
			 * on: no block of 64 from slot 1000 either. */
			t_fill(t, l2, 1020, 4, 0);
			for (uint32_t i = 0; i < 64; i++)
				t_ptr(t, l2)[1000 + i] = t_small(t, data + (i << 12), w);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, data + (23u << 12)).ref_count, 1);
			assert_int_equal(t_frame(t, data + (24u << 12)).ref_count, 0);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
			t_fill(t, l2 + 4096u, 0, 40, 0);
		}
		t_free(t);
	}
}

/*
 * ARMv7: a section with the shareable bit S (bit 16, right above APX)
 * set, as an SMP Linux maps all its normal memory, translates with the
 * user rights its AP bits give: AP 011 read and write, AP 111 read only.
 * Reading APX with a two-bit mask would see S as "read-only": every copy
 * helper would refuse to write a guest buffer in shareable memory.
 */
static void test_v7_shareable_section_translates_with_its_ap_rights(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 4, 3); /* dom 1: MiB 1 and 2 */
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = t_ma(1, 0), va = 5u << 20;
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(l1)), PV_OK);
	static const struct {
		uint32_t ap;
		bool r, w;
	} rights[] = { { 3, true, true }, { 7, true, false }, { 2, true, false } };
	for (unsigned k = 0; k < sizeof rights / sizeof rights[0]; k++) {
		uint32_t e = v7_section(t_ma(2, 0), rights[k].ap, 0, 1, 1, 0) | (1u << 16);
		T_EXPECT(t, t_update1(t, 1, l1 + 4u * (va >> 20), e), PV_OK);
		struct pv_mmu_xlate x;
		assert_int_equal(pv_mmu_translate(m, pv_domid(1), pv_gvaddr(va + 0x2468u), &x), PV_OK);
		assert_int_equal(pv_maddr_val(x.ma), t_ma(2, 0) + 0x2468u);
		if (x.user_read != rights[k].r || x.user_write != rights[k].w)
			fail_msg("S set, AP %u: user read %d write %d, want %d %d", rights[k].ap,
				 x.user_read, x.user_write, rights[k].r, rights[k].w);
	}
	T_EXPECT(t, t_update1(t, 1, l1 + 4u * (va >> 20), 0), PV_OK);
	t_free(t);
}

/*
 * A RAM smaller than one block (32 frames, 128 KiB) followed by an I/O
 * region of the guest's that allows the same memory type: an L2 whose
 * first 64 slots map RAM's 32 frames and the region's first 32 pages,
 * consecutive, with one pattern. The pin takes them entry by entry; the
 * unpin must put them the same way (the block shortcut needs 64 frames of
 * RAM, which this machine does not have): every RAM frame's count back to
 * 0, every I/O mapping dropped, nothing put twice. A block put over the 32
 * words after the frame keys (the read-only counts, 1 each, which read as
 * "domain 1") would drop counts of frames past RAM: an assertion, or
 * counts wrapping to 2^32.
 */
static void test_block_from_small_ram_into_io_region_unpins_entry_by_entry(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		struct t_machine *t = t_new_split(fmts[f], 4, 3);
		const uint32_t nf = 32;
		uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(nf), sizeof *store);
		assert_non_null(store);
		struct pv_mmu_config c;
		struct pv_mmu m2;
		config2(t, &c, store);
		c.ram_size = nf << 12;
		c.frame_store_words = PV_MMU_FRAME_STORE_WORDS(nf);
		assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
		assert_int_equal(pv_mmu_frame_assign(&m2, pv_mfn(T_RAM_BASE >> 12), nf, pv_domid(1)),
				 PV_OK);
		const uint32_t io = T_RAM_BASE + (nf << 12), l2 = T_RAM_BASE;
		assert_int_equal(pv_mmu_io_assign(&m2, pv_domid(1), pv_maddr(io), nf << 12,
						  PV_MMU_MT_MASK(PV_MMU_MT_WB), 0),
				 PV_OK);
		t_fill(t, l2, 0, 1024, 0);
		for (uint32_t i = 0; i < 64; i++)
			t_ptr(t, l2)[i] = t_small(t, T_RAM_BASE + (i << 12), false);
		assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
		audit2(t, &m2);
		struct pv_mmu_frame fr;
		assert_int_equal(pv_mmu_frame_info(&m2, pv_mfn((T_RAM_BASE >> 12) + 31), &fr), PV_OK);
		assert_int_equal(fr.ref_count, 1);
		assert_int_equal(io2[0].maps, 32);
		assert_int_equal(pv_mmu_unpin(&m2, pv_domid(1), t_mfn(l2)), PV_OK);
		audit2(t, &m2);
		assert_int_equal(pv_mmu_frame_info(&m2, pv_mfn((T_RAM_BASE >> 12) + 31), &fr), PV_OK);
		assert_int_equal(fr.ref_count, 0);
		assert_int_equal(io2[0].maps, 0);
		T_AUDIT(t);
		free(store);
		t_free(t);
	}
}

/*
 * Frame 0 of RAM mapped read-only 65,536 times (64 L2s of 1,024 small
 * pages each): a count that no longer fits in 16 bits is legal and the
 * audit passes. The audit's walk over the frame records must stop at the
 * last frame: the word after the keys is frame 0's read-only count, which
 * read as a key has a table type in bits 16 to 23 here.
 */
static void test_audit_with_frame_0_mapped_65536_times(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 4, 3);
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	struct pv_mmu_config c;
	struct pv_mmu m2;
	config2(t, &c, store);
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&m2, pv_mfn(T_RAM_BASE >> 12), 1024, pv_domid(1)),
			 PV_OK);
	for (uint32_t k = 0; k < 64; k++) {
		const uint32_t l2 = t_ma(1, k);
		t_fill(t, l2, 0, 1024, t_small(t, T_RAM_BASE, false));
		assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	}
	struct pv_mmu_frame fr;
	assert_int_equal(pv_mmu_frame_info(&m2, pv_mfn(T_RAM_BASE >> 12), &fr), PV_OK);
	assert_int_equal(fr.ref_count, 65536);
	audit2(t, &m2);
	for (uint32_t k = 0; k < 64; k++)
		assert_int_equal(pv_mmu_unpin(&m2, pv_domid(1), t_mfn(t_ma(1, k))), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_without_ram_or_with_unaligned_ram_refused),
		cmocka_unit_test(test_init_empty_ram_at_address_zero_refused),
		cmocka_unit_test(test_init_hyp_window_base_one_byte_past_a_mib_refused),
		cmocka_unit_test(test_init_no_ram_memory_type_refused),
		cmocka_unit_test(test_io_revoke_of_another_domains_region_refused),
		cmocka_unit_test(test_span_over_group_of_domain_one_bit_away_refused),
		cmocka_unit_test(test_v5_reserved_entries_with_a_known_pattern_but_bit_0_refused),
		cmocka_unit_test(test_v5_fine_large_page_at_odd_64k_pins),
		cmocka_unit_test(test_v5_tiny_page_in_odd_frame_of_another_domain_refused),
		cmocka_unit_test(test_v7_writable_shareable_section_over_pinned_table_refused),
		cmocka_unit_test(test_v7_shareable_section_translates_with_its_ap_rights),
		cmocka_unit_test(test_io_record_past_io_max_never_consulted),
		cmocka_unit_test(test_block_from_small_ram_into_io_region_unpins_entry_by_entry),
		cmocka_unit_test(test_audit_with_frame_0_mapped_65536_times),
		cmocka_unit_test(test_section_over_mib_of_domain_one_bit_away_refused),
		cmocka_unit_test(test_large_page_over_frames_of_domain_one_bit_away_refused),
		cmocka_unit_test(test_block_over_the_last_group_of_ram),
		cmocka_unit_test(test_span_ending_at_the_tables_last_slot_stops_there),
		cmocka_unit_test(test_tables_at_the_end_of_ram_ending_in_faults_or_a_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
