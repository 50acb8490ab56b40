/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched's policies at the exact values where a decision flips: a unit
 * with one nanosecond of credit or budget, a boosted unit that ran one
 * nanosecond, a cap of 1%, a credit exactly one quantum below zero, a
 * reservation decreased by the smallest step or ending just before a
 * parameter change, one and two missed credit rounds, a decision ending
 * exactly at the top of the clock, a table read exactly to its length and
 * a frame wrapping from its last window, a boost as long as the slice, and
 * the caller's memory right after the unit array. The structural checker
 * (sched_check.h) runs after every call.
 * Each case was found as a mutant of lib/sched that no other test killed
 * (docs/testing.md, "Mutation testing"); each comment says what a guest or
 * a hypervisor would see if the decision flipped one step early or late.
 */
#include "sched_fixture.h"

#define MS 1000000ull
#define NU 4u

/* One unit more than the instance is given, for the reads past the end. */
static struct pv_sched_unit U[NU + 1u];

static int reset(void **state)
{
	(void)state;
	memset(&S, 0, sizeof S);
	memset(U, 0, sizeof U);
	return 0;
}

static struct pv_sched_decision pick(pv_time_ns_t now)
{
	struct pv_sched_decision d;
	OK(pv_sched_pick_next(&S, now, &d));
	assert_true(d.run_ns > 0);
	return d;
}

static void add(uint32_t u, uint16_t dom, struct pv_sched_params p, pv_time_ns_t now)
{
	OK(pv_sched_add(&S, u, pv_domid(dom), &p, now));
}

/* Credit with one nanosecond of credit per unit of weight: q = weight ns. */
static void credit_fine(void)
{
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.credit_ns_per_weight = 1;
	OK(pv_sched_init(&S, &c, U, NU));
}

/* ---- credit ------------------------------------------------------------ */

/*
 * Every credit configuration bound at its first valid and first invalid
 * value. In particular a boost as long as the slice is allowed: refused,
 * a hypervisor could not configure the documented maximum.
 */
static void test_credit_config_bounds_at_their_edges(void **state)
{
	(void)state;
	struct pv_sched_config c;
	struct {
		pv_time_ns_t *field;
		pv_time_ns_t lo, hi;
	} tn[] = {
		{ &c.cap_period_ns, PV_SCHED_SLICE_MIN, PV_SCHED_SLICE_MAX },
		{ &c.boost_ns, PV_SCHED_SLICE_MIN, 0 /* slice_ns */ },
		{ &c.credit_ns_per_weight, 1, 1000000u },
	};
	for (unsigned k = 0; k < 3; k++) {
		pv_sched_config_default(PV_SCHED_CREDIT, &c);
		pv_time_ns_t hi = tn[k].hi ? tn[k].hi : c.slice_ns;
		*tn[k].field = tn[k].lo - 1u;
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
		*tn[k].field = tn[k].lo;
		OK(pv_sched_init(&S, &c, U, NU));
		*tn[k].field = hi;
		OK(pv_sched_init(&S, &c, U, NU));
		*tn[k].field = hi + 1u;
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
	}
	struct {
		uint32_t *field;
		uint32_t lo, hi;
	} tu[] = {
		{ &c.fg_weight_mult, 1, 16 },
	};
	for (unsigned k = 0; k < 1; k++) {
		pv_sched_config_default(PV_SCHED_CREDIT, &c);
		*tu[k].field = tu[k].lo - 1u;
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
		*tu[k].field = tu[k].lo;
		OK(pv_sched_init(&S, &c, U, NU));
		*tu[k].field = tu[k].hi;
		OK(pv_sched_init(&S, &c, U, NU));
		*tu[k].field = tu[k].hi + 1u;
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
	}
	/* Unit parameters: weight and cap at their edges. */
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	OK(pv_sched_init(&S, &c, U, NU));
	struct pv_sched_params p = { .weight = PV_SCHED_WEIGHT_MIN - 1u };
	REFUSED(pv_sched_add(&S, 0, pv_domid(1), &p, 0), PV_EINVAL);
	p.weight = PV_SCHED_WEIGHT_MAX + 1u;
	REFUSED(pv_sched_add(&S, 0, pv_domid(1), &p, 0), PV_EINVAL);
	p = (struct pv_sched_params){ .weight = 256, .cap = PV_SCHED_CAP_MAX + 1u };
	REFUSED(pv_sched_add(&S, 0, pv_domid(1), &p, 0), PV_EINVAL);
	add(0, 1, (struct pv_sched_params){ .weight = PV_SCHED_WEIGHT_MIN, .cap = PV_SCHED_CAP_MAX }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = PV_SCHED_WEIGHT_MAX }, 0);
}

/*
 * A unit with exactly one nanosecond of credit that blocks and is woken
 * is boosted like any unit with credit left: it runs first, for that one
 * nanosecond. One step late, an event to a nearly spent unit would wait a
 * whole round behind the others.
 */
static void test_credit_wake_with_one_ns_of_credit_is_boosted(void **state)
{
	(void)state;
	credit_fine();
	add(0, 1, (struct pv_sched_params){ .weight = 2000 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 2000 }, 0);
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_block(&S, 0, 1999));
	assert_int_equal(U[0].credit, 1);
	OK(pv_sched_wake(&S, 0, 1999));
	assert_int_equal(U[0].boosted, 1);
	struct pv_sched_decision d = pick(1999);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, 1);
}

/*
 * A unit left with one nanosecond of credit that yields stays in the
 * current round (behind the others) and then runs exactly that
 * nanosecond: one step off, it would wait for the next round and come
 * back with a full quantum, having yielded its way to more CPU.
 */
static void test_credit_yield_with_one_ns_of_credit_stays_in_the_round(void **state)
{
	(void)state;
	credit_fine();
	add(0, 1, (struct pv_sched_params){ .weight = 2000 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 2000 }, 0);
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_yield(&S, 0, 1999));
	assert_int_equal(U[0].credit, 1);
	struct pv_sched_decision d = pick(1999);
	assert_int_equal(d.unit, 1);
	assert_int_equal(d.run_ns, 2000);
	d = pick(3999);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, 1);
}

/*
 * A boosted unit that ran a single nanosecond loses its boost: one step
 * late, a guest could keep a vcpu boosted for ever by blocking and waking
 * it every nanosecond and starve every other unit.
 */
static void test_credit_boost_ends_after_one_ns(void **state)
{
	(void)state;
	credit_fine();
	add(0, 1, (struct pv_sched_params){ .weight = 2000 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 2000 }, 0);
	OK(pv_sched_block(&S, 0, 0));
	OK(pv_sched_wake(&S, 0, 0));
	assert_int_equal(pick(0).unit, 0);
	assert_int_equal(U[0].boosted, 1);
	OK(pv_sched_tick(&S, 1));
	assert_int_equal(U[0].boosted, 0);
	assert_int_equal(pick(1).unit, 1);
}

/*
 * A unit that keeps running after its credit is spent (a late timer) is
 * charged again from 0: its debt stops at one quantum, 1 - q, never -q.
 * Lowering its weight by one then clamps it at the new 1 - q. One step
 * off, the debt stays outside the clamp and the unit's next rounds are
 * off by one quantum.
 */
static void test_credit_debt_clamped_exactly_at_one_quantum(void **state)
{
	(void)state;
	credit_fine();
	add(0, 1, (struct pv_sched_params){ .weight = 2000 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 2000 }, 0);
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_tick(&S, 2000)); /* credit 0: moved to the other list */
	assert_int_equal(U[0].credit, 0);
	OK(pv_sched_tick(&S, 4000)); /* ran on, timer late: 0 - 2000 */
	assert_int_equal(U[0].credit, 1 - 2000);
	struct pv_sched_params p = { .weight = 1999 };
	OK(pv_sched_set_params(&S, 0, &p, 4000));
	assert_int_equal(U[0].credit, 1 - 1999);
}

/*
 * A cap of exactly 1% (the smallest non-zero one) is a cap: the unit is
 * parked when it has used it, stays parked when it blocks and is woken in
 * the same window, and runs again in the next window. One step off, a cap
 * of 1 would read as no cap and the unit would run unbounded.
 */
static void test_credit_cap_of_one_percent_is_a_cap(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	OK(pv_sched_init(&S, &c, U, NU));
	pv_time_ns_t budget = c.cap_period_ns / 100u;
	add(0, 1, (struct pv_sched_params){ .weight = 256, .cap = 1 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 256 }, 0);
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, budget);
	d = pick(budget);
	assert_int_equal(d.unit, 1);
	OK(pv_sched_block(&S, 0, budget + 1u));
	OK(pv_sched_wake(&S, 0, budget + 2u));
	assert_int_equal(U[0].boosted, 0);
	assert_int_not_equal(pick(budget + 2u).unit, 0);
	/* The next window gives it its 1% again. */
	OK(pv_sched_block(&S, 1, c.cap_period_ns));
	d = pick(c.cap_period_ns);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, budget);
}

/*
 * A foreground change walks the instance's units and nothing past them:
 * the caller's memory just after the array, made to look like a live unit
 * of the new foreground domain with more credit than its clamp, a slice
 * longer than any, and its budget spent, is left byte for byte as it
 * was, in every policy that takes a foreground.
 */
static void test_foreground_change_touches_only_the_units(void **state)
{
	(void)state;
	const enum pv_sched_policy pol[] = { PV_SCHED_RR, PV_SCHED_PRIO, PV_SCHED_CREDIT,
					     PV_SCHED_EDF };
	for (unsigned k = 0; k < sizeof pol / sizeof pol[0]; k++) {
		struct pv_sched_config c;
		pv_sched_config_default(pol[k], &c);
		OK(pv_sched_init(&S, &c, U, NU));
		add(0, 1, (struct pv_sched_params){ .weight = 256, .budget = 1000, .period = MS }, 0);
		U[NU] = U[0];
		U[NU].credit = INT64_MAX / 2;   /* credit: past its clamp */
		U[NU].slice_left = UINT64_MAX / 2; /* RR, PRIO: past a slice */
		U[NU].fg = 1;
		U[NU].heap = 1;                    /* EDF: spent, foreground */
		U[NU].list = 0xFFFFu;
		struct pv_sched_unit past = U[NU];
		OK(pv_sched_set_foreground(&S, pv_domid(1), 10));
		assert_int_equal(U[0].fg, 1);
		assert_memory_equal(&U[NU], &past, sizeof past);
		memset(&U[NU], 0, sizeof U[NU]);
	}
}

/*
 * A unit in debt (credit -1000 of a 2000 quantum), blocked while the
 * other unit runs `rounds` rounds, then woken: the credit it gets back.
 */
static int64_t credit_after_missed_rounds(uint32_t rounds)
{
	credit_fine();
	add(0, 1, (struct pv_sched_params){ .weight = 2000 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 2000 }, 0);
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_tick(&S, 2000)); /* spent */
	OK(pv_sched_tick(&S, 3000)); /* ran on: 1000 in debt */
	OK(pv_sched_block(&S, 0, 3000));
	assert_int_equal(U[0].credit, -1000);
	pv_time_ns_t now = 3000;
	assert_int_equal(pick(now).unit, 1);
	for (uint32_t r = 0; r < rounds; r++) {
		now += 2000;
		assert_int_equal(pick(now).unit, 1);
	}
	assert_int_equal(S.round, rounds);
	OK(pv_sched_wake(&S, 0, now));
	return U[0].credit;
}

/*
 * Credit for missed rounds: one round missed pays one quantum (a unit in
 * debt keeps the rest of its debt), two or more pay up to a full quantum.
 * One step off either way, a unit that blocks with debt would have it
 * forgiven a round early, or keep it a round too long.
 */
static void test_credit_refresh_after_one_and_two_missed_rounds(void **state)
{
	(void)state;
	assert_int_equal(credit_after_missed_rounds(0), -1000);
	assert_int_equal(credit_after_missed_rounds(1), 1000);
	assert_int_equal(credit_after_missed_rounds(2), 2000);
	assert_int_equal(credit_after_missed_rounds(3), 2000);
}

/*
 * A boosted unit charged for no time at all (another call at the same
 * instant) keeps its boost; a unit left with one nanosecond of credit
 * keeps the CPU for it. One step off, any call at the instant of a
 * decision would take a woken unit's boost away, and a unit with credit
 * left would be sent behind the others.
 */
static void test_credit_charges_of_zero_and_to_one_ns(void **state)
{
	(void)state;
	credit_fine();
	add(0, 1, (struct pv_sched_params){ .weight = 2000 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 2000 }, 0);
	OK(pv_sched_block(&S, 0, 0));
	OK(pv_sched_wake(&S, 0, 0));
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_tick(&S, 0));
	assert_int_equal(U[0].boosted, 1);
	assert_int_equal(pick(0).unit, 0);
	/* A unit charged down to one nanosecond keeps its place at the
	 * head of the round. */
	credit_fine();
	add(0, 1, (struct pv_sched_params){ .weight = 2000 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 2000 }, 0);
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_tick(&S, 1999));
	assert_int_equal(U[0].credit, 1);
	struct pv_sched_decision d = pick(1999);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, 1);
}

/*
 * A decision that ends exactly at the top of the clock is kept as it is
 * (the timer can be armed there); only one that would pass it becomes
 * PV_TIME_NEVER.
 */
static void test_decision_ending_exactly_at_the_top_of_the_clock(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	OK(pv_sched_init(&S, &c, U, NU));
	add(0, 1, (struct pv_sched_params){ .weight = 256 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 256 }, 0); /* two: slices apply */
	pv_time_ns_t now = PV_TIME_NEVER - c.slice_ns;
	struct pv_sched_decision d = pick(now);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, c.slice_ns);
	d = pick(now + 1u); /* slice_ns - 1 left, and exactly that to the top */
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, c.slice_ns - 1u);
	OK(pv_sched_block(&S, 0, now + 1u));
	d = pick(now + 1u); /* a whole slice: one more than the clock has */
	assert_int_equal(d.unit, 1);
	assert_int_equal(d.run_ns, PV_TIME_NEVER);
}

/* ---- EDF --------------------------------------------------------------- */

#define P20 (1ull << 20) /* a period whose shares are exact binary fractions */

static void edf(void)
{
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_EDF, &c);
	OK(pv_sched_init(&S, &c, U, NU));
}

/*
 * The smallest budget, one nanosecond, is runnable: the unit is picked
 * and runs that nanosecond. One step off, it would wait as if spent and
 * never run at all.
 */
static void test_edf_budget_of_one_ns_runs(void **state)
{
	(void)state;
	edf();
	add(0, 1, (struct pv_sched_params){ .budget = 1, .period = 1000 }, 0);
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, 1);
	d = pick(1);
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	assert_int_equal(d.run_ns, 999);
	assert_int_equal(pick(1000).unit, 0);
}

/*
 * A decrease by the smallest step (one 2^-32 of the CPU) is held until
 * the unit's deadline like any other: with the CPU fully booked, another
 * unit cannot take that step before then. One step off, the admission
 * test would be exceeded by one part in 2^32 at a time, as often as a
 * hypervisor lets a guest shrink and regrow.
 */
static void test_edf_smallest_decrease_is_held(void **state)
{
	(void)state;
	edf();
	/* With period 2^32 - 1, a budget b is a term of exactly b + 1. */
	const pv_time_ns_t per = PV_SCHED_EDF_PERIOD_MAX;
	const pv_time_ns_t half = (1ull << 31) - 1u;
	add(0, 1, (struct pv_sched_params){ .budget = half, .period = per }, 0);
	add(1, 2, (struct pv_sched_params){ .budget = half, .period = per }, 0);
	assert_int_equal(S.util, 1ull << 32);
	struct pv_sched_params p = { .budget = half - 1u, .period = per };
	OK(pv_sched_set_params(&S, 0, &p, 10));
	assert_int_equal(U[0].bw_held, 1);
	assert_int_equal(S.util, 1ull << 32);
	p = (struct pv_sched_params){ .budget = half + 1u, .period = per };
	REFUSED(pv_sched_set_params(&S, 1, &p, 20), PV_ENOSPC);
	/* After the deadline it is given back. */
	OK(pv_sched_set_params(&S, 1, &p, per + 1u));
}

/*
 * A reservation whose time has come but that nothing has dropped yet (no
 * pick since) is free bandwidth, counted once: the unit asking to grow
 * again cannot also count it as still its own. Counted twice, a guest
 * could shrink, wait for the deadline, and grow past the free space,
 * booking more than the whole CPU.
 */
static void test_edf_passed_reservation_not_counted_twice(void **state)
{
	(void)state;
	edf();
	add(0, 1, (struct pv_sched_params){ .budget = P20 / 2u, .period = P20 }, 0);
	add(1, 2, (struct pv_sched_params){ .budget = P20 / 2u, .period = P20 }, 0);
	struct pv_sched_params p = { .budget = P20 / 4u, .period = P20 };
	OK(pv_sched_set_params(&S, 0, &p, 0)); /* holds 1/4 until P20 */
	assert_int_equal(U[0].bw_held, 1ull << 30);
	p.budget = 3u * P20 / 4u; /* +1/2, with 1/4 free */
	REFUSED(pv_sched_set_params(&S, 0, &p, P20 + 1u), PV_ENOSPC);
	p.budget = P20 / 2u; /* +1/4 fits */
	OK(pv_sched_set_params(&S, 0, &p, P20 + 1u));
}

/*
 * A unit removed after its deadline has passed (blocked, never picked
 * again) holds nothing: its period is over.
 */
static void test_edf_removed_after_its_deadline_holds_nothing(void **state)
{
	(void)state;
	edf();
	add(0, 1, (struct pv_sched_params){ .budget = P20 / 2u, .period = P20 }, 0);
	add(1, 2, (struct pv_sched_params){ .budget = P20 / 4u, .period = P20 }, 0);
	OK(pv_sched_block(&S, 0, 0));
	OK(pv_sched_remove(&S, 0, P20 + 1u));
	assert_int_equal(U[0].bw_pos, PV_SCHED_IDLE);
	assert_int_equal(U[0].bw_held, 0);
	assert_int_equal(S.util, 1ull << 30);
	/* Removed before its deadline, it holds its share until then. */
	add(0, 1, (struct pv_sched_params){ .budget = P20 / 2u, .period = P20 }, P20 + 2u);
	OK(pv_sched_remove(&S, 0, P20 + 3u));
	assert_int_equal(U[0].bw_held, 1ull << 31);
}

/*
 * Foreground units in the slack take turns: one that ran there even a
 * single nanosecond goes behind the next, one that ran nothing does not.
 * One step off, the first could keep the slack for itself by being picked
 * every nanosecond, or lose its turn to a call at the same instant.
 */
static void test_edf_slack_rotates_after_one_ns(void **state)
{
	(void)state;
	edf();
	OK(pv_sched_set_foreground(&S, pv_domid(1), 0));
	add(0, 1, (struct pv_sched_params){ .budget = 1000, .period = MS }, 0);
	add(1, 1, (struct pv_sched_params){ .budget = 1000, .period = MS }, 0);
	OK(pv_sched_yield(&S, 0, 0));
	OK(pv_sched_yield(&S, 1, 0));
	assert_int_equal(pick(0).unit, 0);
	assert_int_equal(pick(0).unit, 0); /* ran nothing: still its turn */
	assert_int_equal(pick(1).unit, 1);
	assert_int_equal(pick(2).unit, 0);
}

/* ---- ARINC 653 --------------------------------------------------------- */

static void arinc(void)
{
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_ARINC653, &c);
	OK(pv_sched_init(&S, &c, U, NU));
}

/*
 * A table naming a domain that has no unit is refused, even when the
 * caller's memory just past the unit array looks like a live unit of
 * that domain: the check reads the instance's units only.
 */
static void test_arinc_table_domain_only_past_the_units(void **state)
{
	(void)state;
	arinc();
	add(0, 1, (struct pv_sched_params){ 0 }, 0);
	U[NU] = U[0];
	U[NU].dom = pv_domid(7);
	struct pv_sched_window w[] = { { pv_domid(7), 0, 10 * MS } };
	uint32_t bad;
	REFUSED(pv_sched_arinc_set_table(&S, w, 1, 10 * MS, 0, &bad), PV_ESRCH);
	assert_int_equal(bad, 0);
	w[0].dom = pv_domid(1);
	OK(pv_sched_arinc_set_table(&S, w, 1, 10 * MS, 0, &bad));
	memset(&U[NU], 0, sizeof U[NU]);
}

/*
 * A table of n windows installs n windows and reads nothing past them: a
 * window after the n-th in the caller's memory makes no partition.
 */
static void test_arinc_table_reads_exactly_n_windows(void **state)
{
	(void)state;
	arinc();
	add(0, 1, (struct pv_sched_params){ 0 }, 0);
	add(1, 2, (struct pv_sched_params){ 0 }, 0);
	struct pv_sched_window w[] = {
		{ pv_domid(1), 0, 10 * MS },
		{ pv_domid(2), 10 * MS, 10 * MS }, /* not part of the table */
	};
	OK(pv_sched_arinc_set_table(&S, w, 1, 10 * MS, 0, NULL));
	assert_int_equal(S.nwin, 1);
	assert_int_equal(S.npart, 1);
	assert_int_equal(U[1].part, PV_SCHED_IDLE);
	assert_int_equal(S.windows[1].duration, 0);
}

/*
 * Two units of one partition share its window round-robin by the slice:
 * at the end of the first's slice the second runs. Without the rotation
 * the first unit would keep the whole window.
 */
static void test_arinc_partition_units_take_turns(void **state)
{
	(void)state;
	arinc();
	add(0, 1, (struct pv_sched_params){ 0 }, 0);
	add(1, 1, (struct pv_sched_params){ 0 }, 0);
	struct pv_sched_window w[] = { { pv_domid(1), 0, 100 * MS } };
	OK(pv_sched_arinc_set_table(&S, w, 1, 100 * MS, 0, NULL));
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, S.cfg.slice_ns);
	assert_int_equal(pick(S.cfg.slice_ns).unit, 1);
	assert_int_equal(pick(2u * S.cfg.slice_ns).unit, 0);
	/* Alone in its partition, a unit runs to the end of the window. */
	OK(pv_sched_block(&S, 1, 2u * S.cfg.slice_ns));
	d = pick(3u * S.cfg.slice_ns);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, 100 * MS - 3u * S.cfg.slice_ns);
}

/*
 * Reaching the end of the last window moves to the first window of the
 * next frame: two windows alternate frame after frame, each picked at its
 * own boundary. Off by one, the cursor would walk past the table into a
 * window that is not in it (here one left from a longer table).
 */
static void test_arinc_last_window_wraps_to_the_first(void **state)
{
	(void)state;
	arinc();
	add(0, 1, (struct pv_sched_params){ 0 }, 0);
	add(1, 2, (struct pv_sched_params){ 0 }, 0);
	/* A longer table first: its third window stays in the instance's
	 * memory, past the end of the table installed next. */
	struct pv_sched_window w3[] = {
		{ pv_domid(2), 0, 1 * MS },
		{ pv_domid(2), 1 * MS, 1 * MS },
		{ pv_domid(2), 2 * MS, 7 * MS },
	};
	OK(pv_sched_arinc_set_table(&S, w3, 3, 9 * MS, 0, NULL));
	struct pv_sched_window w[] = {
		{ pv_domid(1), 0, 10 * MS },
		{ pv_domid(2), 10 * MS, 5 * MS },
	};
	OK(pv_sched_arinc_set_table(&S, w, 2, 15 * MS, 0, NULL));
	for (pv_time_ns_t frame = 0; frame < 3u * 15 * MS; frame += 15 * MS) {
		struct pv_sched_decision d = pick(frame);
		assert_int_equal(d.unit, 0);
		assert_int_equal(d.run_ns, 10 * MS);
		d = pick(frame + 10 * MS);
		assert_int_equal(d.unit, 1);
		assert_int_equal(d.run_ns, 5 * MS);
		assert_int_equal(S.win, 1);
	}
	/* Late by a whole frame and a bit: the same place in the cycle. */
	struct pv_sched_decision d = pick(3u * 15 * MS + 15 * MS + 11 * MS);
	assert_int_equal(d.unit, 1);
	assert_int_equal(d.run_ns, 4 * MS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup(f, reset)
		T(test_credit_config_bounds_at_their_edges),
		T(test_credit_wake_with_one_ns_of_credit_is_boosted),
		T(test_credit_yield_with_one_ns_of_credit_stays_in_the_round),
		T(test_credit_boost_ends_after_one_ns),
		T(test_credit_debt_clamped_exactly_at_one_quantum),
		T(test_credit_cap_of_one_percent_is_a_cap),
		T(test_credit_refresh_after_one_and_two_missed_rounds),
		T(test_credit_charges_of_zero_and_to_one_ns),
		T(test_decision_ending_exactly_at_the_top_of_the_clock),
		T(test_foreground_change_touches_only_the_units),
		T(test_edf_budget_of_one_ns_runs),
		T(test_edf_smallest_decrease_is_held),
		T(test_edf_passed_reservation_not_counted_twice),
		T(test_edf_removed_after_its_deadline_holds_nothing),
		T(test_edf_slack_rotates_after_one_ns),
		T(test_arinc_table_domain_only_past_the_units),
		T(test_arinc_table_reads_exactly_n_windows),
		T(test_arinc_partition_units_take_turns),
		T(test_arinc_last_window_wraps_to_the_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
