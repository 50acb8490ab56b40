/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/mmu at the exact id where a frame stops being a guest's: a machine
 * whose last domain is the highest guest id, PV_DOMID_MAX_GUEST, whose
 * frames are another guest's to every check (PV_EXDEV, not PV_EPERM); and
 * pv_mmu_audit there: that id owning a frame of the frame table (or of the
 * template of the hypervisor's L1 slots), a pinned table owned by the
 * domain id one past the table (nr_domains), and the count of owned frames
 * with more domains than scratch words. An audit off
 * by one there would accept a frame table a guest can write, or read a
 * domain record (or a scratch word) that does not exist. And the answer to
 * a base switch onto a frame no guest owns. Found as mutants of lib/mmu
 * that no other test killed (docs/testing.md, "Mutation testing").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;

/* The audit's finding: what, about RAM frame where (counted from
 * T_RAM_BASE; the report names the real frame number). */
static void expect(struct t_machine *t, uint32_t where, const char *what)
{
	struct pv_mmu_audit_report rep = { .what = "none", .mfn = { 0xDEADu } };
	int32_t rc = t_audit_rc(t, &rep);
	const uint32_t mfn = (T_RAM_BASE >> 12) + where;
	if (rc != PV_EINVAL || strcmp(rep.what, what) != 0 || pv_mfn_val(rep.mfn) != mfn)
		fail_msg("want \"%s\" at frame %x, audit says %s: \"%s\" at %x", what, mfn,
			 pv_status_name(rc), rep.what, (unsigned)pv_mfn_val(rep.mfn));
}

/* Frame i's stored key: owner, stored type, flags (as lib/mmu packs it). */
static uint32_t K(uint32_t owner, uint32_t type, uint32_t flags)
{
	return owner | type << 16 | flags << 24;
}

/*
 * The frames holding the frame table belong to the hypervisor or nobody;
 * the highest guest id is a guest like any other.
 */
static void test_audit_frame_table_owned_by_the_last_guest_id(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	T_AUDIT(t);
	/* ... and so do those holding the template of the hypervisor's L1
	 * slots: frame 0 named as each in turn. */
	struct {
		uint32_t *lo, *hi;
		const char *what;
	} kept[] = { { &m->store_lo, &m->store_hi, "frame table in a guest's RAM" },
		     { &m->tpl_lo, &m->tpl_hi, "L1 template in a guest's RAM" } };
	uint32_t key = m->fr_key[0];
	for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++) {
		*kept[k].lo = 0;
		*kept[k].hi = 1;
		T_AUDIT(t); /* the hypervisor's own frame */
		m->fr_key[0] = K(PV_DOMID_MAX_GUEST, 0, 0);
		expect(t, 0, kept[k].what);
		m->fr_key[0] = K(PV_DOMID_HYP_VALUE, 0, 0);
		T_AUDIT(t);
		m->fr_key[0] = key;
		*kept[k].lo = *kept[k].hi = 0;
	}
	t_free(t);
}

/*
 * A pinned table owned by id nr_domains: named as owned by no guest, its
 * domain record (past the table) never read.
 */
static void test_audit_table_owner_one_past_the_domains(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	T_AUDIT(t);
	uint32_t key = m->fr_key[5];
	m->fr_key[5] = K(T_NDOMS, PV_MMU_FT_L2, PV_MMU_FRAME_PINNED);
	expect(t, 5, "table frame not owned by a guest");
	m->fr_key[5] = key;
	T_AUDIT(t);
	t_free(t);
}

/*
 * Switching to a translation base the hypervisor owns is refused as not
 * permitted (PV_EPERM), one another guest owns as that guest's
 * (PV_EXDEV): a guest probing for other domains' frames is told apart
 * from one aiming at the hypervisor's, as documented.
 */
static void test_switch_base_onto_a_frame_no_guest_owns(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(t_ma(0, 0))), PV_EPERM);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(t_ma(2, 0))), PV_EXDEV);
	/* The same for an unpin: the hypervisor's frame is PV_EPERM, another
	 * guest's PV_EXDEV, and neither changes anything (T_EXPECT audits). */
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(t_ma(0, 0))), PV_EPERM);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(t_ma(2, 0))), PV_EXDEV);
	t_free(t);
}

/*
 * A machine with every guest id: domain PV_DOMID_MAX_GUEST owns MiB 2 and
 * pins a table there. To domain 1 its frames are another guest's, through
 * every path that looks at an owner (a small page, a large page, a
 * section, a table pointer, a base switch, a table update, a pin, an
 * unpin, a frame access): PV_EXDEV, as for any guest; its grant is a grant.
 * One step off, the last guest would be told apart as the hypervisor.
 */
static void test_last_guest_id_is_a_guest(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const uint16_t last = PV_DOMID_MAX_GUEST;
	struct pv_mmu_domain *doms = calloc(last + 1u, sizeof *doms);
	assert_non_null(doms);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.domains = doms;
	c.nr_domains = last + 1u;
	memset(t->ram, 0, (size_t)t->ram_mb << 20);
	assert_int_equal(pv_mmu_init(m, &c), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(0, 0)), 256, pv_domid_hyp()), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(1, 0)), 256, pv_domid(1)), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(t_ma(2, 0)), 256, pv_domid(last)), PV_OK);
	const uint32_t l1 = t_ma(1, 0), l2 = t_ma(1, 16);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(last), PV_MMU_TABLE_L2, t_mfn(t_ma(2, 4))), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2, t_small(t, t_ma(2, 7), false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, l2, t_large(t, t_ma(2, 16), false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * 5, t_sect(t, t_ma(2, 0), false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * 6, t_table(t, t_ma(2, 4))), PV_EXDEV);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(t_ma(2, 0))), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, t_ma(2, 4), t_small(t, t_ma(1, 64), false)), PV_EXDEV);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(t_ma(2, 8))), PV_EXDEV);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(t_ma(2, 4))), PV_EXDEV);
	assert_int_equal(pv_mmu_frame_access(m, pv_domid(1), t_mfn(t_ma(2, 9)), false), PV_EXDEV);
	/* A grant from the last guest is a grant like any other (the audit
	 * accepts it) and gives domain 1 access. */
	T_EXPECT(t, pv_mmu_grant(m, pv_domid(last), t_mfn(t_ma(2, 9)), pv_domid(1), false), PV_OK);
	assert_int_equal(pv_mmu_frame_access(m, pv_domid(1), t_mfn(t_ma(2, 9)), false), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2, t_small(t, t_ma(2, 9), false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2, 0), PV_OK);
	/* The same frames are the last guest's own. */
	T_EXPECT(t, t_update1(t, last, t_ma(2, 4), t_small(t, t_ma(2, 7), true)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(last), t_mfn(t_ma(2, 4))), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l2)), PV_OK);
	/* Back to the machine's own domain table before it is freed. */
	t_reset(t, T_FMT(state), 2);
	free(doms);
	t_free(t);
}

/*
 * More domains than scratch words: the audit counts each domain's frames
 * a chunk of domains at a time, as many as the scratch holds. Domains at
 * the chunk boundaries (the first of the second and third chunks) own
 * frames; the counts come out right and the word after the scratch space,
 * the caller's, is never written.
 */
static void test_audit_counts_owned_frames_in_chunks(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const uint32_t words = (uint32_t)t->scratch_words; /* 4 * 1024 + T_NIO */
	const uint32_t n = 2u * words + 1u;
	struct pv_mmu_domain *doms = calloc(n, sizeof *doms);
	uint32_t *sc = calloc(words + 1u, sizeof *sc);
	assert_non_null(doms);
	assert_non_null(sc);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.domains = doms;
	c.nr_domains = n;
	memset(t->ram, 0, (size_t)t->ram_mb << 20);
	assert_int_equal(pv_mmu_init(m, &c), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(m, t_mfn(t_ma(0, 0)), 256, pv_domid_hyp()), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(m, t_mfn(t_ma(1, 0)), 3, pv_domid(words)), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(m, t_mfn(t_ma(2, 0)), 5, pv_domid(2u * words)), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(m, t_mfn(t_ma(3, 0)), 7, pv_domid(words - 1u)), PV_OK);
	sc[words] = 0xA5A5A5A5u;
	struct pv_mmu_audit_report rep = { .what = "none", .mfn = { 0xDEADu } };
	assert_int_equal(pv_mmu_audit(m, sc, words, &rep), PV_OK);
	assert_int_equal(sc[words], 0xA5A5A5A5u);
	/* A count that is off is still found, in any chunk. */
	doms[2u * words].nr_frames++;
	assert_int_equal(pv_mmu_audit(m, sc, words, &rep), PV_EINVAL);
	assert_string_equal(rep.what, "owned frame count mismatch");
	assert_int_equal(pv_domid_val(rep.dom), 2u * words);
	assert_int_equal(pv_mfn_val(rep.mfn), PV_MMU_AUDIT_NO_FRAME);
	doms[2u * words].nr_frames--;
	t_reset(t, T_FMT(state), 2);
	free(sc);
	free(doms);
	t_free(t);
}

#define BOTH(f) cmocka_unit_test_prestate(f, (void *)&fmt_v5), \
		cmocka_unit_test_prestate(f, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_last_guest_id_is_a_guest),
		BOTH(test_audit_counts_owned_frames_in_chunks),
		BOTH(test_audit_frame_table_owned_by_the_last_guest_id),
		BOTH(test_audit_table_owner_one_past_the_domains),
		BOTH(test_switch_base_onto_a_frame_no_guest_owns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
