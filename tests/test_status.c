/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/status.h>

/* Every named code has a distinct name starting "PV_E" and is negative. */
static void test_every_code_named(void **state)
{
	(void)state;
	int named = 0;
	assert_string_equal(pv_status_name(PV_OK), "PV_OK");
	for (int32_t c = -1; c >= PV_STATUS_MIN; c--) {
		const char *n = pv_status_name(c);
		if (strcmp(n, "PV_E?") == 0) {
			assert_string_equal(pv_status_describe(c), "unknown status");
			continue;
		}
		named++;
		assert_memory_equal(n, "PV_E", 4);
		for (int32_t d = c - 1; d >= PV_STATUS_MIN; d--)
			assert_string_not_equal(n, pv_status_name(d));
	}
	assert_int_equal(named, 21);
	assert_string_equal(pv_status_name(PV_EPERM), "PV_EPERM");
	assert_string_equal(pv_status_name(PV_ENOSYS), "PV_ENOSYS");
	assert_string_equal(pv_status_name(12345), "PV_E?");
	assert_string_equal(pv_status_name(PV_STATUS_MIN - 1), "PV_E?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
