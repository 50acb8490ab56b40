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
	t_config(t, &c);
	struct pv_mmu m2;
	const uint32_t size = c.hyp_va_size;
	c.hyp_va_size = size + 1u;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	c.hyp_va_size = size + 0x80000u;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_EALIGN);
	c.hyp_va_size = size;
	assert_int_equal(pv_mmu_init(&m2, &c), PV_OK);
	T_AUDIT(t);
	t_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_hyp_window_one_byte_past_a_mib_leaves_no_slot_to_guests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
