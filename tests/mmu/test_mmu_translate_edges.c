/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_translate's user rights where a neighbouring field is set: an
 * ARMv7 section whose TEX field (bits [14:12], right above AP[1:0] at
 * [11:10]) is not zero. The rights come from AP alone: a decoder that read
 * a TEX bit as part of AP would tell a hypervisor emulating a user access
 * that a full-access mapping is read-only (or the reverse, with another
 * bit). Found as a mutant of lib/mmu that no other test killed
 * (docs/testing.md, "Mutation testing").
 */
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
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, pv_maddr(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), pv_maddr(l1)), PV_OK);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v7_section_user_rights_with_tex_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
