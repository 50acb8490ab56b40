/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched at the top of the clock: every policy driven with `now` close to
 * and at 2^64 - 1 (a clock that starts at a large offset gets there). Every
 * call returns (an alarm fails the test if pick_next loops), run_ns stays
 * > 0 and never asks for a timer past the end of the clock (now + run_ns
 * does not wrap), the structural invariants hold after every call, and EDF
 * deadlines saturate at PV_TIME_NEVER instead of wrapping to the past.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include <pvlib/sched.h>
#include "port_fake.h"
#include "sched_check.h"

#define MS 1000000ull
#define NU 6u
#define TOP UINT64_MAX

static struct pv_sched S;
static struct pv_sched_unit U[NU];

static void inv(void)
{
	const char *why = sc_invariants(&S);
	if (why)
		fail_msg("invariant: %s", why);
}

static pv_time_ns_t sat_add(pv_time_ns_t a, pv_time_ns_t b)
{
	return a > TOP - b ? TOP : a + b;
}

/* EDF: no deadline behind the time it was set from (a wrap would put it
 * there), and every unit ready after a pick has its deadline ahead, or
 * saturated at the end of the clock. */
static void edf_deadlines(pv_time_ns_t now, pv_time_ns_t start)
{
	if (S.cfg.policy != PV_SCHED_EDF)
		return;
	for (uint32_t u = 0; u < NU; u++) {
		if (U[u].state == PV_SCHED_FREE)
			continue;
		if (U[u].deadline < start)
			fail_msg("unit %u: deadline %llu wrapped (start %llu)", u,
				 (unsigned long long)U[u].deadline, (unsigned long long)start);
		if (U[u].heap == 0 && U[u].deadline <= now && U[u].deadline != PV_TIME_NEVER)
			fail_msg("unit %u ready with a past deadline", u);
	}
}

static struct pv_sched_decision pick(pv_time_ns_t now, pv_time_ns_t start)
{
	struct pv_sched_decision d;
	alarm(10); /* a pick that never returns fails the test */
	assert_int_equal(pv_sched_pick_next(&S, now, &d), PV_OK);
	alarm(0);
	inv();
	if (d.run_ns == 0)
		fail_msg("run_ns 0 at now %llu", (unsigned long long)now);
	if (d.run_ns != PV_TIME_NEVER && d.run_ns > TOP - now)
		fail_msg("timer past the end of the clock: now %llu + run_ns %llu",
			 (unsigned long long)now, (unsigned long long)d.run_ns);
	edf_deadlines(now, start);
	return d;
}

static const struct pv_sched_params PARAMS[NU] = {
	{ .priority = 3, .weight = 256, .cap = 0, .budget = 1 * MS, .period = 4 * MS },
	{ .priority = 3, .weight = 512, .cap = 50, .budget = 2 * MS, .period = 10 * MS },
	{ .priority = 7, .weight = 128, .cap = 0, .budget = 3 * MS, .period = 20 * MS },
	{ .priority = 1, .weight = 256, .cap = 10, .budget = 1000, .period = PV_SCHED_EDF_PERIOD_MAX },
	{ .priority = 0, .weight = 1, .cap = 100, .budget = 3, .period = 13 },
	{ .priority = 31, .weight = 65535, .cap = 0, .budget = 1, .period = 1 },
};

static void setup(enum pv_sched_policy p, pv_time_ns_t now)
{
	struct pv_sched_config c;
	pv_sched_config_default(p, &c);
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	uint32_t n = p == PV_SCHED_EDF ? NU - 1u : NU; /* EDF: unit 5 would be 100 % */
	for (uint32_t u = 0; u < n; u++) {
		assert_int_equal(pv_sched_add(&S, u, pv_domid((uint16_t)(1u + u % 3u)), &PARAMS[u], now),
				 PV_OK);
		inv();
	}
	if (p == PV_SCHED_ARINC653) {
		static const struct pv_sched_window tab[] = {
			{ { 1 }, 0, 5 * MS },
			{ { 2 }, 5 * MS, 3 * MS },
			{ { PV_DOMID_NONE_VALUE }, 8 * MS, 1 * MS },
			{ { 3 }, 9 * MS, 1 * MS },
		};
		assert_int_equal(pv_sched_arinc_set_table(&S, tab, 4, 10 * MS, now, NULL), PV_OK);
		inv();
	}
	if (p != PV_SCHED_ARINC653) {
		assert_int_equal(pv_sched_set_foreground(&S, pv_domid(2), now), PV_OK);
		inv();
	}
}

/*
 * Run the instance from start to the top of the clock and on at the top:
 * picks, with blocks, wakes, yields and parameter changes in between, time
 * advancing by (part of) each decision.
 */
static void drive(enum pv_sched_policy p, pv_time_ns_t start, uint64_t seed)
{
	uint64_t rs = seed;
	pv_time_ns_t now = start;
	setup(p, now);
	unsigned ran = 0, at_top = 0;
	for (uint32_t step = 0; step < 3000u && at_top < 200u; step++) {
		struct pv_sched_decision d = pick(now, start);
		if (d.unit != PV_SCHED_IDLE)
			ran++;
		uint32_t u = (uint32_t)sc_range(&rs, 0, NU - 1u);
		switch (sc_range(&rs, 0, 9)) {
		case 0:
			if (U[u].state != PV_SCHED_FREE)
				assert_int_equal(pv_sched_block(&S, u, now), PV_OK);
			break;
		case 1:
		case 2:
			if (U[u].state != PV_SCHED_FREE)
				assert_int_equal(pv_sched_wake(&S, u, now), PV_OK);
			break;
		case 3:
			if (U[u].state == PV_SCHED_RUNNABLE)
				assert_int_equal(pv_sched_yield(&S, u, now), PV_OK);
			break;
		case 4:
			if (U[u].state != PV_SCHED_FREE && u + 1u < NU) {
				/* Swap to the next row's values (EDF: admission may refuse). */
				enum pv_status st = pv_sched_set_params(&S, u, &PARAMS[u + 1u], now);
				assert_true(st == PV_OK || (p == PV_SCHED_EDF && st == PV_ENOSPC));
				if (st == PV_OK)
					(void)pv_sched_set_params(&S, u, &PARAMS[u], now);
			}
			break;
		default:
			break;
		}
		inv();
		edf_deadlines(now, start);
		pv_time_ns_t step_ns = d.run_ns == PV_TIME_NEVER ? sc_range(&rs, 1, 3 * MS)
							       : sc_range(&rs, 1, d.run_ns);
		if (sc_range(&rs, 0, 3) == 0)
			step_ns = 0; /* several calls at one instant */
		else if (sc_range(&rs, 0, 15) == 0)
			step_ns = sc_range(&rs, 1, 1000 * MS); /* a late timer */
		now = sat_add(now, step_ns);
		if (now == TOP)
			at_top++;
		assert_int_equal(pv_sched_tick(&S, now), PV_OK);
	}
	if (getenv("SCHED_TOP_DEBUG"))
		printf("policy %d start %llu: %u picks ran a unit\n", (int)p, (unsigned long long)start, ran);
	assert_true(at_top >= 200u);
	assert_true(ran > 0u);
}

static void every_start(enum pv_sched_policy p)
{
	/* A few periods below the top, one longest EDF period below, at it. */
	const pv_time_ns_t starts[] = { TOP - 40 * MS, TOP - PV_SCHED_EDF_PERIOD_MAX - 5 * MS,
				      TOP - 3u, TOP };
	for (unsigned i = 0; i < sizeof starts / sizeof starts[0]; i++)
		for (uint64_t seed = 1; seed <= 3; seed++)
			drive(p, starts[i], seed * 0x9E3779B97F4A7C15ull + i);
}

static void test_rr_at_the_top(void **st)
{
	(void)st;
	every_start(PV_SCHED_RR);
}

static void test_prio_at_the_top(void **st)
{
	(void)st;
	every_start(PV_SCHED_PRIO);
}

static void test_credit_at_the_top(void **st)
{
	(void)st;
	every_start(PV_SCHED_CREDIT);
}

static void test_arinc_at_the_top(void **st)
{
	(void)st;
	every_start(PV_SCHED_ARINC653);
}

static void test_edf_at_the_top(void **st)
{
	(void)st;
	every_start(PV_SCHED_EDF);
}

/* EDF by hand: a deadline that would pass 2^64 is PV_TIME_NEVER, the unit
 * runs its budget, and at the very top it is still picked. */
static void test_edf_deadline_saturates(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_EDF, &c);
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	struct pv_sched_params prm = { .budget = 2 * MS, .period = 10 * MS };
	pv_time_ns_t now = TOP - 4 * MS;
	assert_int_equal(pv_sched_add(&S, 0, pv_domid(1), &prm, now), PV_OK);
	assert_int_equal(U[0].deadline, PV_TIME_NEVER);
	struct pv_sched_decision d = pick(now, now);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, 2 * MS);
	now += 2 * MS;
	d = pick(now, now - 2 * MS); /* budget spent: it waits for a release that never comes */
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	assert_int_equal(d.run_ns, PV_TIME_NEVER);
	/* Blocked and woken at the top: the period has not ended (it ends
	 * past the clock), so the spent budget does not come back. */
	assert_int_equal(pv_sched_block(&S, 0, TOP), PV_OK);
	assert_int_equal(pv_sched_wake(&S, 0, TOP), PV_OK);
	inv();
	assert_int_equal(U[0].deadline, PV_TIME_NEVER);
	d = pick(TOP, now - 2 * MS);
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	/* A unit added at the top runs; its timer would be past the clock. */
	assert_int_equal(pv_sched_add(&S, 1, pv_domid(2), &prm, TOP), PV_OK);
	assert_int_equal(U[1].deadline, PV_TIME_NEVER);
	d = pick(TOP, now - 2 * MS);
	assert_int_equal(d.unit, 1);
	assert_int_equal(d.run_ns, PV_TIME_NEVER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rr_at_the_top),
		cmocka_unit_test(test_prio_at_the_top),
		cmocka_unit_test(test_credit_at_the_top),
		cmocka_unit_test(test_arinc_at_the_top),
		cmocka_unit_test(test_edf_at_the_top),
		cmocka_unit_test(test_edf_deadline_saturates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
