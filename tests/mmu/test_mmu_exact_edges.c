/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/mmu checks that only the full mutation run (docs/testing.md,
 * "Mutation testing", "Measured scores") found unheld: each test is the
 * attack a planted single-token bug in the check would let through, at
 * the exact value where the check decides.
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

/* A second instance's own domain and I/O records: t's configuration with
 * these, so that initialising it leaves t as it was. */
static struct pv_mmu_domain doms2[T_NDOMS];
static struct pv_mmu_io_region io2[T_NIO];

static void config2(struct t_machine *t, struct pv_mmu_config *c)
{
	t_config(t, c);
	c->domains = doms2;
	c->io = io2;
}

/* The audit of that second instance, with t's scratch space (sized for the
 * same RAM). */
static void audit2(struct t_machine *t, struct pv_mmu *m2)
{
	struct pv_mmu_audit_report rep;
	assert_int_equal(pv_mmu_audit(m2, t->scratch, t->scratch_words, &rep), PV_OK);
}

/* A hypervisor window one byte longer than a whole number of MiB: the
 * slots reserved for the hypervisor are counted in whole MiB (size >> 20),
 * so if the alignment check only looked at bits [19:1] the last byte's
 * MiB would be left to the guests, who could map their own section over
 * the hypervisor's. Refused with PV_EALIGN, for the lowest bit and for the
 * highest of the MiB offset. */
static void test_init_hyp_window_one_byte_past_a_mib_leaves_no_slot_to_guests(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	struct pv_mmu_config c;
	config2(t, &c);
	struct pv_mmu m2;
	uint32_t *store = calloc(c.frame_store_words, sizeof *store);
	assert_non_null(store);
	c.frame_store = store;
	const uint32_t size = c.hyp_va_size;
	c.hyp_va_size = size + 1u;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	c.hyp_va_size = size + 0x80000u;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	c.hyp_va_size = size;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * Attack: a run of 64 consecutive frames (the second block of an L2, its
 * pattern already known from the first) with one frame in the middle that
 * belongs to the domain whose id differs from the attacker's in bit 0 only
 * (domain 0 for domain 1). The block check ORs together every difference
 * from what it expects (the address, and the key: owner, type, flags); an
 * acceptance test that looked for one value of that OR instead of zero
 * would let exactly this difference through. Gain: reading and writing
 * another guest's frame. Both formats, writable and read-only: refused
 * with PV_EXDEV, the frame table byte for byte unchanged, audit clean.
 */
static void test_run_over_frame_of_domain_one_bit_away_refused(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		/* 4 MiB: the hypervisor's MiB 0, domain 1's MiB 1 and 2 (frames
		 * 256..767), domain 2's MiB 3. */
		struct t_machine *t = t_new_split(fmts[f], 4, 3);
		struct pv_mmu *m = &t->mmu;
		const uint32_t l2 = 300, clean = 400, run = 568, theirs = 600;
		T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(t_ma(0, theirs)), 1, pv_domid(1)), PV_OK);
		T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(0, theirs)), 1, pv_domid(0)), PV_OK);
		const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
		uint32_t *before = malloc(4 * words);
		assert_non_null(before);
		for (unsigned w = 0; w < 2; w++) {
			uint32_t *p = t_ptr(t, t_ma(0, l2));
			t_fill(t, t_ma(0, l2), 0, 1024, 0);
			for (uint32_t i = 0; i < 64; i++) {
				p[i] = t_small(t, t_ma(0, clean + i), w);
				p[64 + i] = t_small(t, t_ma(0, run + i), w);
			}
			memcpy(before, t->frame_store, 4 * words);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(t_ma(0, l2))),
				 PV_EXDEV);
			assert_memory_equal(before, t->frame_store, 4 * words);
			T_AUDIT(t);
			/* The same run over the attacker's own frame instead: pinned. */
			p[64 + theirs - run] = t_small(t, t_ma(0, 700), w);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(t_ma(0, l2))),
				 PV_OK);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(t_ma(0, l2))), PV_OK);
			T_AUDIT(t);
		}
		free(before);
		t_free(t);
	}
}

/*
 * A frame store one or three bytes past a word boundary (only two past
 * one was tried before): refused with PV_EALIGN; one word past an 8-byte
 * boundary: accepted. Accepted, every frame
 * record would straddle two words: on ARMv5 a word access there reads a
 * rotated word instead of faulting, so counts and owners read back wrong,
 * and a guest's frame could look free or its own to another guest.
 */
static void test_init_frame_store_one_byte_off_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	struct pv_mmu_config c;
	config2(t, &c);
	struct pv_mmu m2;
	const size_t words = c.frame_store_words;
	uint32_t *store = calloc(words + 2u, sizeof *store); /* 8-byte aligned (malloc) */
	assert_non_null(store);
	for (unsigned off = 1; off < 4; off++) {
		c.frame_store = (uint32_t *)(void *)((char *)store + off);
		assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	}
	/* Word aligned but not on 8 bytes: accepted. */
	c.frame_store = store + 1;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * A configuration with no frame store (but a word count), domain records
 * but no count, or a count but no records, or I/O slots but no records: each refused with PV_ENOMEM, on
 * its own (the other fields valid). Accepted, the first domain operation
 * would index a null array (a hypervisor data abort at a guest's first
 * hypercall) or a zero-length one (every domain id out of range, so no
 * guest could be built). No I/O slots and no records is fine.
 */
static void test_init_records_missing_one_at_a_time_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	struct pv_mmu_config c;
	struct pv_mmu m2;
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8), sizeof *store);
	assert_non_null(store);
	config2(t, &c);
	c.frame_store = NULL; /* with a word count that would suffice */
	assert_int_equal(pv_mmu_init(&m2, &c), PV_ENOMEM);
	config2(t, &c);
	c.frame_store = store;
	c.domains = NULL;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_ENOMEM);
	config2(t, &c);
	c.frame_store = store;
	c.nr_domains = 0;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_ENOMEM);
	config2(t, &c);
	c.frame_store = store;
	c.io = NULL;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_ENOMEM);
	c.io_max = 0;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	audit2(t, &m2);
	T_AUDIT(t);
	free(store);
	t_free(t);
}

/*
 * Attack (ARMv7): a writable small or large page over a pinned page table,
 * with the shareable bit S set. S is bit 10, right above APX (bit 9); a
 * decoder that read APX with a two-bit mask would see S as "read-only",
 * count the mapping read-only, and let it over the table. Gain: the guest
 * writes a live page table directly and maps any frame of the machine.
 * Refused with PV_ETYPE (the frame table unchanged, audit clean); the same
 * pages read-only with S set are accepted.
 */
static void test_v7_writable_shareable_page_over_pinned_table_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t a = t_ma(1, 16), b = t_ma(1, 32); /* b: 64 KiB aligned */
	const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
	uint32_t *before = malloc(4 * words);
	assert_non_null(before);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(b)), PV_OK);
	for (unsigned large = 0; large < 2; large++) {
		for (unsigned w = 0; w < 2; w++) {
			uint32_t ap = w ? V7_RW : V7_RO;
			uint32_t e = (large ? v7_large(b, ap, 0, 1, 1) : v7_small(b, ap, 0, 1, 1)) |
				     (1u << 10);
			t_fill(t, a, 0, 1024, 0);
			t_fill(t, a, 0, large ? 16 : 1, e);
			memcpy(before, t->frame_store, 4 * words);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(a)),
				 w ? PV_ETYPE : PV_OK);
			if (w) {
				assert_memory_equal(before, t->frame_store, 4 * words);
			} else {
				assert_int_equal(t_frame(t, b).ref_count, 1);
				T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(a)), PV_OK);
			}
		}
	}
	free(before);
	t_free(t);
}

/*
 * Attack (ARMv5): a coarse table whose first 64 entries are consecutive
 * small pages (the pin walk learns their pattern and takes them as one
 * block) followed by 64 consecutive entries that differ only in bit 0,
 * i.e. of type 0b11, reserved in an ARMv5 coarse table. The run loop
 * carries on from block to block while the pattern bits stay the same; if
 * it compared them without bit 0 it would take the reserved entries as
 * small pages without decoding them. Gain: entries the hypervisor never
 * validated in a live table (on a core that reads 0b11 as an extended small
 * page, with access bits nobody checked). Refused with PV_EINVAL, the frame
 * table unchanged, audit clean.
 */
static void test_v5_run_into_reserved_descriptors_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V5, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t l2 = t_ma(1, 16), run = 256; /* frames 256..383: MiB 2 */
	const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
	uint32_t *before = malloc(4 * words);
	assert_non_null(before);
	for (unsigned w = 0; w < 2; w++) {
		uint32_t *p = t_ptr(t, l2);
		t_fill(t, l2, 0, 1024, 0);
		for (uint32_t i = 0; i < 128; i++)
			p[i] = t_small(t, t_ma(1, run + i), w) | (i >= 64 ? 1u : 0u);
		memcpy(before, t->frame_store, 4 * words);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_EINVAL);
		assert_memory_equal(before, t->frame_store, 4 * words);
		/* Without the reserved type: pinned. */
		for (uint32_t i = 64; i < 128; i++)
			p[i] &= ~1u;
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
	}
	free(before);
	t_free(t);
}

/*
 * The audit, given a free frame (no owner) whose record still carries a
 * table type, L1, L2 or fine, and nothing else (no counts, no grant
 * peer): it must fail and name the frame, "pinned flag disagrees with
 * type" without the pinned flag, "table frame not owned by a guest" with
 * it. A freed page-table frame that kept its type could be handed to a
 * guest as plain memory and then be taken for a live table.
 */
static void test_audit_names_free_frame_keeping_a_table_type(void **state)
{
	(void)state;
	static const uint8_t types[] = { PV_MMU_FT_L1, PV_MMU_FT_L2, PV_MMU_FT_FINE };
	struct t_machine *t = t_new_split(PV_MMU_FMT_V5, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t idx = 600;
	T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(t_ma(0, idx)), 1, pv_domid(1)), PV_OK);
	const uint32_t key = m->fr_key[idx], group = m->fr_group[idx >> 6];
	for (unsigned k = 0; k < 3; k++) {
		m->fr_group[idx >> 6] = UINT32_MAX; /* a summary that vouches for nothing */
		struct pv_mmu_audit_report rep = { .what = "none" };
		m->fr_key[idx] = key | (uint32_t)types[k] << 16;
		assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
		assert_string_equal(rep.what, "pinned flag disagrees with type");
		assert_true(t_audit_at(t, &rep, idx));
		m->fr_key[idx] = key | (uint32_t)types[k] << 16 | (uint32_t)PV_MMU_FRAME_PINNED << 24;
		assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
		assert_string_equal(rep.what, "table frame not owned by a guest");
		assert_true(t_audit_at(t, &rep, idx));
		m->fr_key[idx] = key;
		m->fr_group[idx >> 6] = group;
		T_AUDIT(t);
	}
	t_free(t);
}

/*
 * Attack: a block of 64 consecutive small pages that starts in the last 32
 * frames of RAM and runs on into an I/O region of the same domain right
 * after RAM. The pin takes it entry by entry (the block is past the frame
 * table's end); the unpin's block shortcut must decline it too. If it
 * skipped its range test it would read the frame records past the table's
 * end (the next array: the read-only counts of the first frames, made here
 * to look like the domain's own keys) and drop counts there, and not the
 * I/O region's mapping count. Gain: counts of frames at the start of RAM
 * silently changed (a frame the hypervisor thinks unmapped), a region
 * whose mapping count never returns to zero. The unpin must give back
 * every count; audit after each step.
 */
static void test_block_from_ram_end_into_io_region(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V5, 4, 3); /* domain 2: MiB 3 */
	struct pv_mmu *m = &t->mmu;
	const uint32_t nf = 4u << 8, first = nf - 32u;
	/* Frames 0..31 to domain 2, each mapped read-only by two tables. */
	T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(t_ma(0, 0)), 32, pv_domid_hyp()), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(0, 0)), 32, pv_domid(2)), PV_OK);
	for (uint32_t k = 0; k < 2; k++) {
		uint32_t tbl = t_ma(3, 16 + k);
		t_fill(t, tbl, 0, 1024, 0);
		for (uint32_t i = 0; i < 32; i++)
			t_ptr(t, tbl)[i] = t_small(t, t_ma(0, i), false);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(tbl)), PV_OK);
	}
	assert_int_equal(m->fr_ro[0], 2);
	/* Domain 2's I/O region: the MiB right after RAM, normal memory. */
	T_EXPECT(t, pv_mmu_io_assign(m, pv_domid(2), pv_maddr(t_ma(4, 0)), 1u << 20,
				     PV_MMU_MT_MASK(PV_MMU_MT_WB), 0), PV_OK);
	const uint32_t tbl = t_ma(3, 20);
	t_fill(t, tbl, 0, 1024, 0);
	for (uint32_t i = 0; i < 64; i++)
		t_ptr(t, tbl)[i] = t_small(t, t_ma(0, first + i), false);
	const size_t words = PV_MMU_FRAME_STORE_WORDS(nf);
	uint32_t *before = malloc(4 * words);
	assert_non_null(before);
	memcpy(before, t->frame_store, 4 * words);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(tbl)), PV_OK);
	assert_int_equal(t->io[0].maps, 32);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(tbl)), PV_OK);
	assert_int_equal(t->io[0].maps, 0);
	assert_int_equal(m->fr_tc[0], 0);
	assert_int_equal(m->fr_ro[first], 0);
	/* Every count as before the pin (the table frame's own type aside). */
	assert_memory_equal(before + nf, t->frame_store + nf, 4 * 4 * nf);
	free(before);
	t_free(t);
}

/*
 * Faults that carry software bits: bits [1:0] clear and anything above (an
 * OS keeps its own information in invalid entries, a swapped-out page's
 * location for one). The pin walk must take every such entry as a fault,
 * in an L2 and in an L1, both formats: pinned, nothing counted, audit
 * clean. A fault test that looked at bit 2 too would send these entries
 * down the decode path, which takes them for mappings of address 0: the
 * pin is then refused (PV_ERANGE here, RAM does not start at 0), so a
 * guest OS keeping swap entries in its tables could never pin them, and
 * on a machine with RAM at 0 each would count a mapping of frame 0.
 */
static void test_faults_with_software_bits_pin_as_faults(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	static const uint32_t faults[] = { 0x4u, 0x8u, 0xCu, 0xFFFFFFFCu, 0x40000004u };
	for (unsigned f = 0; f < 2; f++) {
		struct t_machine *t = t_new_split(fmts[f], 4, 3);
		struct pv_mmu *m = &t->mmu;
		const uint32_t l1 = t_ma(1, 0), l2 = t_ma(1, 16);
		const size_t words = PV_MMU_FRAME_STORE_WORDS(4u << 8);
		uint32_t *before = malloc(4 * words);
		assert_non_null(before);
		t_fill(t, l2, 0, 1024, 0);
		t_fill(t, l1, 0, 4096, 0);
		for (uint32_t i = 0; i < 1024; i++)
			t_ptr(t, l2)[i] = faults[i % 5];
		for (uint32_t i = 0; i < T_HYP_SLOT; i++)
			t_ptr(t, l1)[i] = faults[i % 5];
		memcpy(before, t->frame_store, 4 * words);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
		assert_int_equal(t_frame_at(t, 0).ref_count, 0);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l1)), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
		assert_memory_equal(before + (4u << 8), t->frame_store + (4u << 8),
				    4 * 4 * (4u << 8));
		free(before);
		t_free(t);
	}
}

/*
 * Attack: page tables in the last frames of RAM whose last slots are
 * faults, or a run of one remembered pattern: an L2 in the last frame, an
 * L1 in the last four. The pin walk skips faults eight slots at a time and
 * runs of a known pattern to their end; it must not read a slot past the
 * table, here past the end of RAM (on the board a bus fault in the
 * hypervisor: a guest that places its tables there brings the machine
 * down). In the host tests RAM is one heap block, so a read past it is
 * caught by AddressSanitizer. Pinned, nothing counted, audit clean.
 */
static void test_tables_at_the_end_of_ram_with_trailing_faults(void **state)
{
	(void)state;
	static const enum pv_mmu_format fmts[] = { PV_MMU_FMT_V5, PV_MMU_FMT_V7 };
	for (unsigned f = 0; f < 2; f++) {
		struct t_machine *t = t_new_split(fmts[f], 4, 3); /* domain 2: MiB 3 */
		struct pv_mmu *m = &t->mmu;
		const uint32_t l2 = t_ma(3, 255), l1 = t_ma(3, 248), data = t_ma(3, 0);
		for (uint32_t n = 1; n < 10; n++) {
			t_fill(t, l2, 0, 1024, 0);
			/* One mapping, then n - 1 faults... up to the end: the last
			 * 1024 - k slots are faults, k = 1024 - 8n - 1. */
			uint32_t k = 1024u - 8u * n - 1u;
			t_ptr(t, l2)[k] = t_small(t, data, false);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, data).ref_count, 1);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l2)), PV_OK);
		}
		/* A run of one remembered pattern to the table's last slot. */
		for (uint32_t w = 0; w < 2; w++) {
			t_fill(t, l2, 0, 1024, 0);
			for (uint32_t i = 0; i < 100; i++)
				t_ptr(t, l2)[924 + i] = t_small(t, t_ma(3, i), w);
			T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
			assert_int_equal(t_frame(t, t_ma(3, 99)).ref_count, 1);
			T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l2)), PV_OK);
		}
		t_fill(t, l1, 0, 4096, 0);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(2), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(2), t_mfn(l1)), PV_OK);
		t_free(t);
	}
}

/*
 * Attack: RAM that starts one frame before a 256 KiB boundary (frame 63 of
 * a group of 64: only 4 KiB alignment is required), so that a section's
 * first frame has index 1 modulo 64. The section covers frames 193..448;
 * the owner check may vouch for a range by its group summaries only when
 * the range is whole groups (index and length multiples of 64). Here 448
 * is another domain's while groups 3..6 (frames 192..447) are all the
 * attacker's: a shortcut taken at the wrong alignment would look at the
 * wrong 256 frames and accept. Gain: a read-only (or writable) window on
 * another guest's frame. Refused with PV_EXDEV, the frame table unchanged,
 * audit clean; the table without it accepted.
 */
static void test_section_over_group_misaligned_ram_refused(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	struct pv_mmu_config c;
	config2(t, &c);
	const uint32_t base = T_RAM_BASE + 0x3F000u, nf = 1024;
	uint32_t *store = calloc(PV_MMU_FRAME_STORE_WORDS(nf), sizeof *store);
	assert_non_null(store);
	c.frame_store = store;
	c.frame_store_words = PV_MMU_FRAME_STORE_WORDS(nf);
	c.ram_base = pv_maddr(base);
	c.ram_size = nf << 12;
	struct pv_mmu m2;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&m2, pv_mfn(base >> 12), 448, pv_domid(1)), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&m2, pv_mfn((base >> 12) + 448), nf - 448,
					     pv_domid(2)), PV_OK);
	/* A recount makes every group's summary one key again. */
	assert_int_equal(pv_mmu_domain_destroy(&m2, pv_domid(0)), PV_OK);
	assert_int_equal(m2.fr_group[3], m2.fr_key[192]);
	audit2(t, &m2);
	const uint32_t l1 = T_RAM_BASE + 0x40000u; /* frames 1..4: domain 1's */
	uint32_t *p = t->ram + ((l1 - base) >> 2); /* m2's RAM starts at t->ram too */
	const size_t words = PV_MMU_FRAME_STORE_WORDS(nf);
	uint32_t *before = malloc(4 * words);
	assert_non_null(before);
	for (unsigned w = 0; w < 2; w++) {
		memset(p, 0, 16384);
		p[5] = v5_section(T_RAM_BASE + 0x100000u, w ? V5_RW : V5_RO, 1, 1, 0); /* 193..448 */
		memcpy(before, store, 4 * words);
		assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L1, pv_mfn(l1 >> 12)),
				 PV_EXDEV);
		assert_memory_equal(before, store, 4 * words);
		audit2(t, &m2);
		p[5] = 0;
		assert_int_equal(pv_mmu_pin(&m2, pv_domid(1), PV_MMU_TABLE_L1, pv_mfn(l1 >> 12)),
				 PV_OK);
		assert_int_equal(pv_mmu_unpin(&m2, pv_domid(1), pv_mfn(l1 >> 12)), PV_OK);
		audit2(t, &m2);
	}
	free(before);
	free(store);
	T_AUDIT(t);
	t_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_hyp_window_one_byte_past_a_mib_leaves_no_slot_to_guests),
		cmocka_unit_test(test_run_over_frame_of_domain_one_bit_away_refused),
		cmocka_unit_test(test_init_frame_store_one_byte_off_refused),
		cmocka_unit_test(test_init_records_missing_one_at_a_time_refused),
		cmocka_unit_test(test_v7_writable_shareable_page_over_pinned_table_refused),
		cmocka_unit_test(test_v5_run_into_reserved_descriptors_refused),
		cmocka_unit_test(test_audit_names_free_frame_keeping_a_table_type),
		cmocka_unit_test(test_block_from_ram_end_into_io_region),
		cmocka_unit_test(test_faults_with_software_bits_pin_as_faults),
		cmocka_unit_test(test_tables_at_the_end_of_ram_with_trailing_faults),
		cmocka_unit_test(test_section_over_group_misaligned_ram_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
