/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pvlib/trap.h from assembly: trap_offsets.S includes the header through the
 * assembler's preprocessor (where the C declarations must not appear) and
 * emits its numbers; they must equal the C layout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/trap.h>

extern const uint32_t trap_asm_values[12];

static void test_trap_header_from_assembly(void **state)
{
	(void)state;
	const uint32_t want[12] = {
		offsetof(struct pv_trap_frame, r[0]), offsetof(struct pv_trap_frame, r[12]),
		offsetof(struct pv_trap_frame, sp),   offsetof(struct pv_trap_frame, lr),
		offsetof(struct pv_trap_frame, pc),   offsetof(struct pv_trap_frame, cpsr),
		sizeof(struct pv_trap_frame),         0x1Fu, 0x10u, 1u << 5, 1u << 6, 1u << 7,
	};
	for (unsigned i = 0; i < 12; i++)
		assert_int_equal(trap_asm_values[i], want[i]);
	/* In C the PSR bits are unsigned, as the registers they mask. */
	assert_true((PV_PSR_T - 1u) + 1u == 32u && -PV_PSR_I > 0u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trap_header_from_assembly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
