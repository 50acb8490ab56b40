/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The version in pvlib/version.h, the library's run-time answer, the Meson
 * project version (PVLIB_MESON_VERSION, passed by the build) and pvlib.pc
 * (tools/check-version.sh, a test of its own) all agree.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/version.h>

static void test_macros_agree(void **state)
{
	(void)state;
	char s[32];
	snprintf(s, sizeof s, "%d.%d.%d", PV_VERSION_MAJOR, PV_VERSION_MINOR, PV_VERSION_PATCH);
	assert_string_equal(s, PV_VERSION_STRING);
	assert_string_equal(PV_VERSION_STRING, PVLIB_MESON_VERSION);
	assert_int_equal(PV_VERSION, (uint32_t)PV_VERSION_MAJOR << 16 |
					     (uint32_t)PV_VERSION_MINOR << 8 |
					     (uint32_t)PV_VERSION_PATCH);
	assert_true(PV_VERSION_ENCODE(1, 2, 3) < PV_VERSION_ENCODE(1, 3, 0));
	assert_true(PV_VERSION_ENCODE(1, 255, 255) < PV_VERSION_ENCODE(2, 0, 0));
}

static void test_run_time_query(void **state)
{
	(void)state;
	assert_int_equal(pv_version(), PV_VERSION);
	assert_string_equal(pv_version_string(), PV_VERSION_STRING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_macros_agree),
		cmocka_unit_test(test_run_time_query),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
