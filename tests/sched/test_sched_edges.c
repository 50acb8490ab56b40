/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched at the first valid and the first invalid value of the bounds
 * the hypervisor author sets (slice lengths), at the edge of the unit
 * array, and with the null instance a confused caller might pass. These
 * inputs are not guest-controlled, but a check that is off by one there
 * either refuses a configuration the documentation promises or reads past
 * the caller's unit array. Each case was found as a mutant of lib/sched
 * that no other test killed (docs/testing.md, "Mutation testing").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/sched.h>
#include "port_fake.h"
#include "sched_check.h"

#define NU 4u

static struct pv_sched S;
/* One unit more than the instance is given: the extra one looks live, so
 * reading past the end shows. */
static struct pv_sched_unit U[NU + 1u];

static void inv(void)
{
	const char *why = sc_invariants(&S);
	if (why)
		fail_msg("invariant: %s", why);
}

/* The shortest slice is accepted, one nanosecond shorter is not: a
 * configuration at the documented minimum must not be refused. */
static void test_slice_at_its_minimum_accepted(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	c.slice_ns = PV_SCHED_SLICE_MIN - 1u;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
	c.slice_ns = PV_SCHED_SLICE_MIN;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	inv();
	c.slice_ns = PV_SCHED_SLICE_MAX;
	c.fg_slice_ns = PV_SCHED_SLICE_MAX;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	c.slice_ns = PV_SCHED_SLICE_MAX + 1u;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
}

/* Round-robin: a foreground slice equal to the ordinary slice is allowed
 * (no boost), one shorter is not (the foreground would get less). */
static void test_rr_foreground_slice_equal_to_the_slice_accepted(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	c.fg_slice_ns = c.slice_ns - 1u;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
	c.fg_slice_ns = c.slice_ns;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	inv();
}

/* The unit just past the instance's array reads as free, whatever lies
 * in the caller's memory there. */
static void test_unit_state_one_past_the_array(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	struct pv_sched_params prm = { .weight = 256 };
	assert_int_equal(pv_sched_add(&S, NU - 1u, pv_domid(1), &prm, 0), PV_OK);
	U[NU].state = (uint8_t)PV_SCHED_RUNNABLE;
	assert_int_equal(pv_sched_unit_state(&S, NU - 1u), PV_SCHED_RUNNABLE);
	assert_int_equal(pv_sched_unit_state(&S, NU), PV_SCHED_FREE);
	U[NU].state = (uint8_t)PV_SCHED_FREE;
	inv();
}

/* A null instance or output is refused, not dereferenced. */
static void test_null_instance_refused(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	struct pv_sched_params p = { .weight = 256 };
	assert_int_equal(pv_sched_add(&S, 0, pv_domid(1), &p, 0), PV_OK);
	assert_int_equal(pv_sched_tick(NULL, 0), PV_EINVAL);
	assert_int_equal(pv_sched_get_params(NULL, 0, &p), PV_EINVAL);
	assert_int_equal(pv_sched_get_params(&S, 0, NULL), PV_EINVAL);
	assert_int_equal(pv_sched_set_foreground(NULL, pv_domid(1), 0), PV_EINVAL);
	assert_int_equal(pv_sched_unit_state(NULL, 0), PV_SCHED_FREE);
	/* and time that runs backwards */
	assert_int_equal(pv_sched_tick(&S, 1000), PV_OK);
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid(1), 999), PV_ERANGE);
	assert_int_equal(pv_sched_tick(&S, 999), PV_ERANGE);
	inv();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slice_at_its_minimum_accepted),
		cmocka_unit_test(test_rr_foreground_slice_equal_to_the_slice_accepted),
		cmocka_unit_test(test_unit_state_one_past_the_array),
		cmocka_unit_test(test_null_instance_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
