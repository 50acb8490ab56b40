/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The cmocka fixture of the sched attack and edge tests: the instance under
 * test (S), a snapshot for REFUSED, the structural checker after every call
 * (inv), OK(call) and REFUSED(call, err): a refusal must return err and
 * leave the instance byte-for-byte unchanged. The unit array is the test
 * file's (its size is the test's). Static storage: included by one test
 * file.
 */
#ifndef PVLIB_TESTS_SCHED_FIXTURE_H
#define PVLIB_TESTS_SCHED_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/sched.h>
#include "port_fake.h"
#include "sched_check.h"

static struct pv_sched S;
static struct sc_snapshot snap;

static inline void inv(void)
{
	const char *why = sc_invariants(&S);
	if (why)
		fail_msg("invariant: %s", why);
}

#define OK(call)                                   \
	do {                                       \
		assert_int_equal((call), PV_OK);   \
		inv();                             \
	} while (0)

#define REFUSED(call, err)                         \
	do {                                       \
		sc_snap(&snap, &S);                \
		assert_int_equal((call), (err));   \
		assert_true(sc_same(&snap, &S));   \
		inv();                             \
	} while (0)

#endif
