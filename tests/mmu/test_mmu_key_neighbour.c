/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The word after the frame keys. The frame store keeps the frame keys
 * (owner | type << 16 | flags << 24) and, right after the last one, the
 * read-only mapping counts, starting with frame 0's. A loop over frames
 * that runs one index too far therefore reads frame 0's read-only count as
 * the key of a frame one past the end of RAM, which no sanitizer notices:
 * it is a valid word of the store. Nothing goes wrong as long as that count
 * is small. A guest decides the count, though: every read-only mapping of a
 * frame of its own adds one. With 2^24 of them the count reads as a key
 * "pinned, owner 0"; with 2^25, "first frame of an L1, owner 0".
 *
 * These tests build exactly those counts (16,384 and 32,768 ARMv5 fine
 * tables of 1,024 read-only tiny pages of frame 0: 64 and 128 MiB of
 * tables) and then run the operations whose loops stop at the last frame:
 * destroying domain 0, which owns nothing, must leave every other
 * domain's table alone; and the audit must still name a domain record
 * whose active L1 lies one frame past the end of RAM.
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

/* 2^25 read-only mappings in fine tables of 1,024 tiny pages, and frame 0. */
#define K_TABLES (1u << 15)
#define K_RAM_MB (K_TABLES / 256u + 4u)
#define K_STEP (1u << 14) /* tables for 2^24 mappings */

/*
 * A machine with K_RAM_MB MiB of RAM, all of it domain 1's. Domain 0
 * exists and owns nothing. Frame i + 1 is to be fine table i.
 */
static struct t_machine *k_new(void)
{
	struct t_machine *t = calloc(1, sizeof *t);
	assert_non_null(t);
	t->fmt = PV_MMU_FMT_V5;
	t->ram_mb = K_RAM_MB;
	t->ram = aligned_alloc(1u << 14, (size_t)K_RAM_MB << 20);
	t->frame_store = calloc(PV_MMU_FRAME_STORE_WORDS(K_RAM_MB << 8), sizeof *t->frame_store);
	t->scratch_words = PV_MMU_AUDIT_SCRATCH_WORDS((size_t)K_RAM_MB << 8, T_NIO);
	t->scratch = calloc(t->scratch_words, sizeof *t->scratch);
	assert_non_null(t->ram);
	assert_non_null(t->frame_store);
	assert_non_null(t->scratch);
	memset(t->ram, 0, (size_t)K_RAM_MB << 20);
	for (uint32_t i = 0; i < T_HYP_SLOTS; i++)
		t->hyp_l1[i] = (T_RAM_BASE + (i << 20)) | (T_HYP_DOMAIN << 5) | 0x40Eu;
	struct pv_mmu_config c;
	t_config(t, &c);
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(T_RAM_BASE), K_RAM_MB << 8, pv_domid(1)),
			 PV_OK);
	T_AUDIT(t);
	return t;
}

/* Pin fine tables [from, to): each maps frame 0 read-only 1,024 times. */
static void k_pin(struct t_machine *t, uint32_t from, uint32_t to)
{
	uint32_t tiny = v5_tiny(T_RAM_BASE, V5_RO, 1, 1);
	for (uint32_t i = from; i < to; i++) {
		uint32_t *p = t_ptr(t, t_ma(0, i + 1));
		for (uint32_t s = 0; s < 1024u; s++)
			p[s] = tiny;
		enum pv_status rc =
			pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(t_ma(0, i + 1)));
		if (rc != PV_OK)
			fail_msg("pin of fine table %u: %s", (unsigned)i, pv_status_name(rc));
	}
}

static uint32_t k_frame0_refs(struct t_machine *t)
{
	return t_frame_at(t, 0).ref_count;
}

/* Every table of [0, n) is still a pinned fine table of domain 1. */
static void k_tables_intact(struct t_machine *t, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct pv_mmu_frame f = t_frame_at(t, i + 1);
		if (pv_domid_val(f.owner) != 1 || f.type != PV_MMU_FT_FINE ||
		    !(f.flags & PV_MMU_FRAME_PINNED))
			fail_msg("fine table %u: owner %u type %u flags %#x", (unsigned)i,
				 (unsigned)pv_domid_val(f.owner), (unsigned)f.type, (unsigned)f.flags);
	}
}

static void k_unpin_all(struct t_machine *t, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		enum pv_status rc = pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(t_ma(0, i + 1)));
		if (rc != PV_OK)
			fail_msg("unpin of fine table %u: %s", (unsigned)i, pv_status_name(rc));
	}
	assert_int_equal(k_frame0_refs(t), 0);
	T_AUDIT(t);
}

/*
 * The two tests share one machine, in order: the first pins the first 2^24
 * mappings, the second adds as many again (building 2^25 from nothing
 * would cost the pins and audits of the first half twice).
 */
static int k_setup(void **state)
{
	*state = k_new();
	return 0;
}

static int k_teardown(void **state)
{
	struct t_machine *t = *state;
	uint32_t pinned = k_frame0_refs(t) >> 10;
	k_unpin_all(t, pinned);
	t_free(t);
	return 0;
}

/*
 * Domain 1 maps its frame 0 read-only 2^24 times: the count after the last
 * frame key reads as "pinned, owner 0". Destroying domain 0 must find no
 * table to release. A destroy loop running one frame too far would release
 * a "table" one frame past the end of RAM, whatever the memory after RAM
 * holds, and take counts away from the frames its words happen to name:
 * the guest would get back a writable mapping of a pinned table.
 */
static void test_destroy_of_domain0_with_frame0_count_reading_pinned(void **state)
{
	struct t_machine *t = *state;
	k_pin(t, 0, K_STEP);
	assert_int_equal(k_frame0_refs(t), 1u << 24);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(0)), PV_OK);
	assert_int_equal(k_frame0_refs(t), 1u << 24);
	k_tables_intact(t, K_STEP);
	assert_int_equal(t->doms[1].nr_frames, K_RAM_MB << 8);
	assert_int_equal(t->doms[0].nr_frames, 0);
}

/*
 * Then 2^25 mappings: the count reads as "first frame of an L1, owner 0".
 * Destroying domain 0 must release nothing; then a domain-0 record
 * corrupted to name an active L1 one frame past the end of RAM must be
 * named by the audit, which a check reading that word would take for a
 * pinned L1 of domain 0 and pass: the oracle of every model test and fuzzer
 * would miss a domain about to load page tables from outside RAM.
 */
static void test_domain0_with_frame0_count_reading_an_l1_head(void **state)
{
	struct t_machine *t = *state;
	assert_int_equal(k_frame0_refs(t), 1u << 24);
	k_pin(t, K_STEP, K_TABLES);
	assert_int_equal(k_frame0_refs(t), 1u << 25);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(0)), PV_OK);
	assert_int_equal(k_frame0_refs(t), 1u << 25);
	k_tables_intact(t, K_TABLES);
	assert_int_equal(t->doms[1].nr_frames, K_RAM_MB << 8);

	/* The corrupted record: an active L1 at the first frame past RAM. */
	uint32_t past = (T_RAM_BASE >> 12) + (K_RAM_MB << 8);
	t->doms[0].active_l1 = pv_mfn(past);
	struct pv_mmu_audit_report rep = { .what = "" };
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_non_null(strstr(rep.what, "active L1 is not a pinned L1"));
	assert_true(t_audit_at(t, &rep, 0));
	assert_int_equal(pv_mfn_val(rep.mfn), past);
	/* Put back; the teardown's unpins end with an audit. */
	t->doms[0].active_l1 = pv_mfn(PV_MMU_NO_L1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_destroy_of_domain0_with_frame0_count_reading_pinned),
		cmocka_unit_test(test_domain0_with_frame0_count_reading_an_l1_head),
	};
	return cmocka_run_group_tests(tests, k_setup, k_teardown);
}
