/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/mmu edges found as mutants that no other test killed (docs/testing.md,
 * "Mutation testing"): pv_mmu_translate's user rights where a neighbouring
 * field is set (an ARMv7 section's TEX right above AP[1:0], a small page's
 * S bit right above APX): the rights come from AP alone, and a decoder
 * that read the neighbour as part of AP would tell a hypervisor emulating
 * a user access that a full-access mapping is read-only; an ARMv7
 * supersection translated across its 16 MiB; pv_mmu_init given no
 * instance or no configuration; and the audit's scratch space used to its
 * last word and not one word further.
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

/* Every AP value of an ARMv7 section with TEX 001 (normal, non-cacheable)
 * and with TEX 000 (the same type through C/B 00 is strongly ordered, so
 * the write-back one is used), each translated for user read and write. */
static void test_v7_section_user_rights_with_tex_set(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 4, 3); /* dom 1: MiB 1 and 2 */
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = t_ma(1, 0), va = 5u << 20;
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(l1)), PV_OK);
	/* AP[2:0]: user rights (read, write) on ARMv7 (DDI 0406C B3.7.1). */
	static const struct {
		uint32_t ap;
		bool r, w;
	} rights[] = {
		{ 1, false, false }, { 2, true, false }, { 3, true, true },
		{ 5, false, false }, { 6, true, false }, { 7, true, false },
	};
	for (uint32_t tex = 0; tex < 2; tex++) {
		for (unsigned k = 0; k < sizeof rights / sizeof rights[0]; k++) {
			uint32_t c = tex ? 0 : 1, b = tex ? 0 : 1;
			uint32_t e = v7_section(t_ma(2, 0), rights[k].ap, tex, c, b, 0);
			T_EXPECT(t, t_update1(t, 1, l1 + 4u * (va >> 20), e), PV_OK);
			struct pv_mmu_xlate x;
			assert_int_equal(pv_mmu_translate(m, pv_domid(1), pv_gvaddr(va + 0x1234u), &x),
					 PV_OK);
			assert_int_equal(pv_maddr_val(x.ma), t_ma(2, 0) + 0x1234u);
			if (x.user_read != rights[k].r || x.user_write != rights[k].w)
				fail_msg("TEX %u AP %u: user read %d write %d, want %d %d", tex,
					 rights[k].ap, x.user_read, x.user_write, rights[k].r,
					 rights[k].w);
		}
	}
	T_EXPECT(t, t_update1(t, 1, l1 + 4u * (va >> 20), 0), PV_OK);
	t_free(t);
}

/* The same for ARMv7 small pages with S (bit 10, next to APX at bit 9) set. */
static void test_v7_small_page_user_rights_with_s_set(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 4, 3);
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = t_ma(1, 0), l2 = t_ma(1, 16), va = 5u << 20;
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(l1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l1 + 4u * (va >> 20), v7_table(l2, 0)), PV_OK);
	static const struct {
		uint32_t ap;
		bool r, w;
	} rights[] = {
		{ 1, false, false }, { 2, true, false }, { 3, true, true },
		{ 5, false, false }, { 6, true, false }, { 7, true, false },
	};
	for (uint32_t sh = 0; sh < 2; sh++) {
		for (unsigned k = 0; k < sizeof rights / sizeof rights[0]; k++) {
			uint32_t e = v7_small(t_ma(2, 3), rights[k].ap, 0, 1, 1) | (sh << 10);
			T_EXPECT(t, t_update1(t, 1, l2, e), PV_OK);
			struct pv_mmu_xlate x;
			assert_int_equal(pv_mmu_translate(m, pv_domid(1), pv_gvaddr(va + 0x321u), &x),
					 PV_OK);
			assert_int_equal(pv_maddr_val(x.ma), t_ma(2, 3) + 0x321u);
			if (x.user_read != rights[k].r || x.user_write != rights[k].w)
				fail_msg("S %u AP %u: user read %d write %d, want %d %d", sh,
					 rights[k].ap, x.user_read, x.user_write, rights[k].r,
					 rights[k].w);
		}
	}
	T_EXPECT(t, t_update1(t, 1, l2, 0), PV_OK);
	t_free(t);
}

/* An ARMv7 supersection (bit 18) translates across all of its 16 MiB. */
static void test_v7_supersection_translates_its_16_mib(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 48, 32); /* dom 1: MiB 1..31 */
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = t_ma(1, 0);
	t_fill(t, l1, 0x200, 16, v7_super(t_ma(16, 0), V7_RW, 0, 1, 1));
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(l1)), PV_OK);
	for (uint32_t mib = 0; mib < 16; mib += 5) {
		struct pv_mmu_xlate x;
		uint32_t va = (0x200u << 20) + (mib << 20) + 0x4567u;
		assert_int_equal(pv_mmu_translate(m, pv_domid(1), pv_gvaddr(va), &x), PV_OK);
		assert_int_equal(pv_maddr_val(x.ma), t_ma(16, 0) + (mib << 20) + 0x4567u);
		assert_true(x.user_read && x.user_write);
	}
	t_free(t);
}

/* No instance, or no configuration: refused, never dereferenced. */
static void test_init_without_instance_or_config(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	struct pv_mmu_config c;
	t_config(t, &c);
	struct pv_mmu m2;
	assert_int_equal(pv_mmu_init(NULL, &c), PV_EINVAL);
	assert_int_equal(pv_mmu_init(&m2, NULL), PV_EINVAL);
	t_free(t);
}

/* The audit clears and uses exactly PV_MMU_AUDIT_SCRATCH_WORDS words: the
 * word after them, the caller's, keeps its value. */
static void test_audit_scratch_used_to_its_end_only(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V5);
	size_t n = t->scratch_words;
	uint32_t *sc = calloc(n + 1u, sizeof *sc);
	assert_non_null(sc);
	sc[n] = 0xA5A5A5A5u;
	for (size_t i = 0; i < n; i++)
		sc[i] = 0xFFFFFFFFu; /* the audit must clear what it counts in */
	struct pv_mmu_audit_report rep;
	assert_int_equal(pv_mmu_audit(&t->mmu, sc, n, &rep), PV_OK);
	assert_int_equal(sc[n], 0xA5A5A5A5u);
	assert_int_equal(pv_mmu_audit(&t->mmu, sc, n - 1u, &rep), PV_ENOMEM);
	free(sc);
	t_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v7_section_user_rights_with_tex_set),
		cmocka_unit_test(test_v7_small_page_user_rights_with_s_set),
		cmocka_unit_test(test_v7_supersection_translates_its_16_mib),
		cmocka_unit_test(test_init_without_instance_or_config),
		cmocka_unit_test(test_audit_scratch_used_to_its_end_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
