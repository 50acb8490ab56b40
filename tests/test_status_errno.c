/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Status numbers against Linux's errno numbers (the host C library's
 * <errno.h> on Linux): a code that takes an errno number means what that
 * errno means, and every other code has a number Linux does not use.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/abi/status.h>
#include <pvlib/status.h>

struct code {
	int32_t pv;
	int linux_errno; /* the errno of the same meaning, 0 for none */
};

static const struct code codes[] = {
	{ PV_EPERM, EPERM },   { PV_ENOENT, ENOENT }, { PV_ESRCH, ESRCH },
	{ PV_EIO, EIO },       { PV_E2BIG, E2BIG },   { PV_EAGAIN, EAGAIN },
	{ PV_ENOMEM, ENOMEM }, { PV_EACCES, EACCES }, { PV_EFAULT, EFAULT },
	{ PV_EBUSY, EBUSY },   { PV_EEXIST, EEXIST }, { PV_EINVAL, EINVAL },
	{ PV_ENOSPC, ENOSPC }, { PV_ERANGE, ERANGE }, { PV_ENOSYS, ENOSYS },
	{ PV_EOVERFLOW, EOVERFLOW },
	/* Linux's ERESTART is kernel-internal, not in every <errno.h>: 85. */
	{ PV_ERESTART, 85 },
	{ PV_EALIGN, 0 },      { PV_ENOTPINNED, 0 },  { PV_ETYPE, 0 },
	{ PV_EXDEV, 0 },
};

/* Every named code is in the table above, and only once. */
static void test_table_is_the_list(void **state)
{
	(void)state;
	size_t n = sizeof codes / sizeof codes[0];
	size_t named = 0;
	for (int32_t c = -1; c >= PV_STATUS_MIN; c--) {
		if (strcmp(pv_status_name(c), "PV_E?") == 0)
			continue;
		named++;
		size_t hits = 0;
		for (size_t i = 0; i < n; i++)
			hits += codes[i].pv == c;
		assert_int_equal(hits, 1);
	}
	assert_int_equal(named, n);
}

/*
 * A code with an errno counterpart has its number; a code without one has a
 * number no Linux errno (user-visible 1..133 or kernel-internal 512..) uses.
 */
static void test_no_errno_number_with_another_meaning(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		int num = -codes[i].pv;
		if (codes[i].linux_errno) {
			assert_int_equal(num, codes[i].linux_errno);
			continue;
		}
		/* glibc names every errno Linux defines; the rest are unknown. */
		assert_memory_equal(strerror(num), "Unknown error", 13);
		assert_true(num > 133 && num < 512);
		assert_true(num > PV_STATUS_OWN_BASE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_the_list),
		cmocka_unit_test(test_no_errno_number_with_another_meaning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
