/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched: hand-written scenarios for every policy, and the refusals. Each
 * refused call is checked to leave the instance byte-for-byte unchanged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/sched.h>
#include "port_fake.h"
#include "sched_check.h"

#define MS 1000000ull
#define US 1000ull

static struct pv_sched S;
static struct pv_sched_unit U[16];
static struct sc_snapshot snap;

static void inv(void)
{
	const char *why = sc_invariants(&S);
	if (why)
		fail_msg("invariant: %s", why);
}

static pv_time_ns_t sched_min_local(pv_time_ns_t a, pv_time_ns_t b)
{
	return a < b ? a : b;
}

static void setup(enum pv_sched_policy p, struct pv_sched_config *cfg)
{
	struct pv_sched_config c;
	if (!cfg) {
		pv_sched_config_default(p, &c);
		cfg = &c;
	}
	assert_int_equal(pv_sched_init(&S, cfg, U, 16), PV_OK);
	inv();
}

static struct pv_sched_decision pick(pv_time_ns_t now)
{
	struct pv_sched_decision d;
	assert_int_equal(pv_sched_pick_next(&S, now, &d), PV_OK);
	inv();
	return d;
}

static void add(uint32_t u, uint16_t dom, struct pv_sched_params p, pv_time_ns_t now)
{
	assert_int_equal(pv_sched_add(&S, u, pv_domid(dom), &p, now), PV_OK);
	inv();
}

/* A refused call: the expected error and no trace. */
#define REFUSED(call, err)                            \
	do {                                          \
		sc_snap(&snap, &S);                   \
		assert_int_equal((call), (err));      \
		assert_true(sc_same(&snap, &S));      \
	} while (0)

static void test_init_refuses_bad_config(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	assert_int_equal(pv_sched_init(0, &c, U, 16), PV_EINVAL);
	assert_int_equal(pv_sched_init(&S, 0, U, 16), PV_EINVAL);
	assert_int_equal(pv_sched_init(&S, &c, 0, 16), PV_EINVAL);
	assert_int_equal(pv_sched_init(&S, &c, U, 0), PV_EINVAL);
	c.policy = (enum pv_sched_policy)0;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	c.policy = (enum pv_sched_policy)6;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	pv_sched_config_default(PV_SCHED_RR, &c);
	c.slice_ns = PV_SCHED_SLICE_MIN - 1;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	c.slice_ns = PV_SCHED_SLICE_MAX + 1;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	pv_sched_config_default(PV_SCHED_RR, &c);
	c.fg_slice_ns = c.slice_ns - 1;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	pv_sched_config_default(PV_SCHED_PRIO, &c);
	c.fg_prio_boost = PV_SCHED_PRIO_LEVELS;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.fg_weight_mult = 0;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.credit_ns_per_weight = 0;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.boost_ns = c.slice_ns + 1;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.cap_period_ns = 0;
	assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_EINVAL);
	/* Each policy accepts its defaults. */
	for (int p = PV_SCHED_RR; p <= PV_SCHED_EDF; p++) {
		pv_sched_config_default((enum pv_sched_policy)p, &c);
		assert_int_equal(pv_sched_init(&S, &c, U, 16), PV_OK);
	}
}

static const struct pv_sched_params P0 = { .priority = 1, .weight = 256, .budget = 1 * MS,
                                           .period = 10 * MS };

static void test_unit_refusals_leave_no_trace(void **st)
{
	(void)st;
	for (int p = PV_SCHED_RR; p <= PV_SCHED_EDF; p++) {
		setup((enum pv_sched_policy)p, 0);
		add(0, 1, P0, 100);
		struct pv_sched_params q = P0;
		struct pv_sched_decision d;
		REFUSED(pv_sched_add(&S, 16, pv_domid(1), &q, 100), PV_ERANGE);
		REFUSED(pv_sched_add(&S, 0, pv_domid(1), &q, 100), PV_EEXIST);
		REFUSED(pv_sched_add(&S, 1, pv_domid_none(), &q, 100), PV_ESRCH);
		REFUSED(pv_sched_add(&S, 1, pv_domid_hyp(), &q, 100), PV_ESRCH);
		REFUSED(pv_sched_add(&S, 1, pv_domid(1), 0, 100), PV_EINVAL);
		REFUSED(pv_sched_add(&S, 1, pv_domid(1), &q, 99), PV_ERANGE); /* time went back */
		REFUSED(pv_sched_remove(&S, 1, 100), PV_ENOENT);
		REFUSED(pv_sched_wake(&S, 1, 100), PV_ENOENT);
		REFUSED(pv_sched_block(&S, 1, 100), PV_ENOENT);
		REFUSED(pv_sched_yield(&S, 1, 100), PV_ENOENT);
		REFUSED(pv_sched_yield(&S, 99, 100), PV_ERANGE);
		REFUSED(pv_sched_pick_next(&S, 99, &d), PV_ERANGE);
		REFUSED(pv_sched_pick_next(&S, 100, 0), PV_EINVAL);
		REFUSED(pv_sched_tick(&S, 5), PV_ERANGE);
		REFUSED(pv_sched_set_params(&S, 1, &q, 100), PV_ENOENT);
		REFUSED(pv_sched_set_params(&S, 0, 0, 100), PV_EINVAL);
		REFUSED(pv_sched_set_foreground(&S, pv_domid_hyp(), 100), PV_ESRCH);
		REFUSED(pv_sched_get_params(&S, 3, &q), PV_ENOENT);
		/* Policy-specific bad parameters, on add and on set. */
		struct pv_sched_params bad[4];
		int nbad = 0;
		if (p == PV_SCHED_PRIO) {
			bad[nbad] = P0, bad[nbad++].priority = PV_SCHED_PRIO_LEVELS;
		} else if (p == PV_SCHED_CREDIT) {
			bad[nbad] = P0, bad[nbad++].weight = 0;
			bad[nbad] = P0, bad[nbad++].weight = PV_SCHED_WEIGHT_MAX + 1;
			bad[nbad] = P0, bad[nbad++].cap = 101;
		} else if (p == PV_SCHED_EDF) {
			bad[nbad] = P0, bad[nbad++].budget = 0;
			bad[nbad] = P0, bad[nbad++].budget = P0.period + 1;
			bad[nbad] = P0, bad[nbad++].period = 0;
			bad[nbad] = P0, bad[nbad].period = PV_SCHED_EDF_PERIOD_MAX + 1,
			bad[nbad++].budget = 1;
		}
		for (int i = 0; i < nbad; i++) {
			REFUSED(pv_sched_add(&S, 1, pv_domid(1), &bad[i], 100), PV_EINVAL);
			REFUSED(pv_sched_set_params(&S, 0, &bad[i], 100), PV_EINVAL);
		}
		assert_int_equal(pv_sched_get_params(&S, 0, &q), PV_OK);
		assert_memory_equal(&q, &P0, sizeof q);
		/* A blocked unit cannot yield; block and wake are idempotent. */
		assert_int_equal(pv_sched_block(&S, 0, 200), PV_OK);
		REFUSED(pv_sched_yield(&S, 0, 200), PV_EINVAL);
		assert_int_equal(pv_sched_block(&S, 0, 200), PV_OK);
		assert_int_equal(pv_sched_unit_state(&S, 0), PV_SCHED_BLOCKED);
		assert_int_equal(pv_sched_wake(&S, 0, 200), PV_OK);
		assert_int_equal(pv_sched_wake(&S, 0, 200), PV_OK);
		assert_int_equal(pv_sched_unit_state(&S, 0), PV_SCHED_RUNNABLE);
		inv();
		assert_int_equal(pv_sched_remove(&S, 0, 300), PV_OK);
		assert_int_equal(pv_sched_unit_state(&S, 0), PV_SCHED_FREE);
		inv();
		assert_int_equal(S.nadded, 0);
	}
}

static void test_rr_rotates_blocks_wakes_yields(void **st)
{
	(void)st;
	setup(PV_SCHED_RR, 0);
	pv_time_ns_t t = 0, sl = 10 * MS;
	struct pv_sched_decision d = pick(t);
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	assert_true(d.run_ns == PV_TIME_NEVER);
	add(0, 1, P0, t);
	d = pick(t);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == PV_TIME_NEVER); /* alone: no timer needed */
	assert_int_equal(pv_domid_val(d.dom), 1);
	add(1, 2, P0, t);
	add(2, 3, P0, t);
	uint32_t order[] = { 0, 1, 2, 0, 1, 2 };
	for (unsigned i = 0; i < 6; i++) {
		d = pick(t);
		assert_int_equal(d.unit, order[i]);
		assert_true(d.run_ns == sl);
		t += sl;
	}
	/* 0 is current; an interrupt halfway leaves it in front with half. */
	d = pick(t);
	assert_int_equal(d.unit, 0);
	t += sl / 2;
	d = pick(t);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == sl / 2);
	/* 0 blocks: 1 then 2; 0 wakes at the tail. */
	assert_int_equal(pv_sched_block(&S, 0, t), PV_OK);
	d = pick(t);
	assert_int_equal(d.unit, 1);
	assert_int_equal(pv_sched_wake(&S, 0, t + 1), PV_OK);
	t += sl;
	d = pick(t);
	assert_int_equal(d.unit, 2);
	/* 2 yields after 1 ms: 0 next, 1 after, then 2. */
	t += MS;
	assert_int_equal(pv_sched_yield(&S, 2, t), PV_OK);
	d = pick(t);
	assert_int_equal(d.unit, 0);
	t += sl;
	assert_int_equal(pick(t).unit, 1);
	t += sl;
	assert_int_equal(pick(t).unit, 2);
	/* Time charged adds up to the time elapsed while someone ran. */
	pv_time_ns_t total = 0;
	for (uint32_t u = 0; u < 3; u++)
		total += pv_sched_unit_ran(&S, u);
	assert_true(total == t);
	/* Foreground: domain 2's unit gets the longer slice. */
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid(2), t), PV_OK);
	assert_int_equal(pv_domid_val(pv_sched_foreground(&S)), 2);
	t += sl;
	d = pick(t);
	assert_int_equal(d.unit, 0);
	t += sl;
	d = pick(t);
	assert_int_equal(d.unit, 1);
	assert_true(d.run_ns == 20 * MS);
	t += 20 * MS;
	d = pick(t);
	assert_int_equal(d.unit, 2);
	assert_true(d.run_ns == sl);
}

static void test_prio_preempts_and_round_robins(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_PRIO, &c);
	c.fg_prio_boost = 5;
	setup(PV_SCHED_PRIO, &c);
	pv_time_ns_t t = 0, sl = 10 * MS;
	struct pv_sched_params lo = P0, hi = P0;
	lo.priority = 1;
	hi.priority = 5;
	add(0, 1, lo, t);
	add(1, 2, hi, t);
	add(2, 3, hi, t);
	for (int i = 0; i < 6; i++) {
		struct pv_sched_decision d = pick(t);
		assert_int_equal(d.unit, 1u + (uint32_t)(i & 1));
		assert_true(d.run_ns == sl);
		t += sl;
	}
	assert_true(pv_sched_unit_ran(&S, 0) == 0);
	assert_int_equal(pv_sched_block(&S, 1, t), PV_OK);
	struct pv_sched_decision d = pick(t);
	assert_int_equal(d.unit, 2);
	assert_true(d.run_ns == PV_TIME_NEVER); /* alone at the top level */
	assert_int_equal(pv_sched_block(&S, 2, t + 1), PV_OK);
	d = pick(t + 1);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == PV_TIME_NEVER);
	/* A wake at the higher level takes the CPU at the next pick. */
	assert_int_equal(pv_sched_wake(&S, 1, t + 2), PV_OK);
	assert_int_equal(pick(t + 2).unit, 1);
	/* Raising unit 0 above it via a parameter change. */
	struct pv_sched_params top = P0;
	top.priority = 31;
	assert_int_equal(pv_sched_set_params(&S, 0, &top, t + 3), PV_OK);
	assert_int_equal(pick(t + 3).unit, 0);
	assert_int_equal(pv_sched_set_params(&S, 0, &lo, t + 4), PV_OK);
	assert_int_equal(pick(t + 4).unit, 1);
	/* Foreground domain 1 (unit 0, priority 1 + 5 = 6) beats priority 5. */
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid(1), t + 5), PV_OK);
	assert_int_equal(pick(t + 5).unit, 0);
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid_none(), t + 6), PV_OK);
	assert_int_equal(pick(t + 6).unit, 1);
	/* Yield within a level: only to a peer. */
	assert_int_equal(pv_sched_wake(&S, 2, t + 7), PV_OK);
	assert_int_equal(pick(t + 7).unit, 1);
	assert_int_equal(pv_sched_yield(&S, 1, t + 8), PV_OK);
	assert_int_equal(pick(t + 8).unit, 2);
}

static void test_credit_boost_cap_weights(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.slice_ns = 1 * MS;
	c.boost_ns = 500 * US;
	c.credit_ns_per_weight = 1000; /* weight 256: 256 us per round */
	c.cap_period_ns = 10 * MS;
	setup(PV_SCHED_CREDIT, &c);
	struct pv_sched_params w1 = { .weight = 100 }, w3 = { .weight = 300 };
	pv_time_ns_t t = 0;
	add(0, 1, w1, t);
	add(1, 2, w3, t);
	/* Run 1 s: shares 1:3 within 1%. */
	for (int i = 0; i < 100000 && t < 1000 * MS; i++) {
		struct pv_sched_decision d = pick(t);
		assert_int_not_equal(d.unit, PV_SCHED_IDLE);
		assert_true(d.run_ns > 0 && d.run_ns <= c.slice_ns);
		t += d.run_ns;
	}
	pick(t);
	double a = (double)pv_sched_unit_ran(&S, 0), b = (double)pv_sched_unit_ran(&S, 1);
	assert_true(a + b == (double)t);
	assert_true(b / (a + b) > 0.75 * 0.99 && b / (a + b) < 0.75 * 1.01);
	/* Boost: unit 2 sleeps, wakes, runs first for at most boost_ns. */
	add(2, 3, w1, t);
	assert_int_equal(pv_sched_block(&S, 2, t), PV_OK);
	t += 5 * MS;
	pick(t);
	assert_int_equal(pv_sched_wake(&S, 2, t), PV_OK);
	assert_int_equal(U[2].boosted, 1);
	struct pv_sched_decision d = pick(t);
	assert_int_equal(d.unit, 2);
	assert_true(d.run_ns <= c.boost_ns);
	t += d.run_ns;
	d = pick(t);
	assert_int_not_equal(d.unit, 2); /* boost spent */
	assert_int_equal(U[2].boosted, 0);
	/* Cap: unit 0 capped at 20 % alone never runs more than 2 ms of 10. */
	assert_int_equal(pv_sched_remove(&S, 1, t), PV_OK);
	assert_int_equal(pv_sched_remove(&S, 2, t), PV_OK);
	struct pv_sched_params capped = { .weight = 100, .cap = 20 };
	assert_int_equal(pv_sched_set_params(&S, 0, &capped, t), PV_OK);
	t = (t / (10 * MS) + 1) * 10 * MS; /* start of a cap window */
	for (int w = 0; w < 20; w++) {
		pv_time_ns_t ran = 0, end = t + 10 * MS;
		while (t < end) {
			d = pick(t);
			pv_time_ns_t step = d.run_ns == PV_TIME_NEVER ? end - t : d.run_ns;
			assert_true(t + step <= end); /* never straddles a window */
			if (d.unit == 0)
				ran += step;
			t += step;
		}
		assert_true(ran == 2 * MS);
	}
	/* Refused parameter change leaves everything as it was. */
	struct pv_sched_params badw = { .weight = 0 };
	REFUSED(pv_sched_set_params(&S, 0, &badw, t), PV_EINVAL);
	/* Foreground doubles the weight: 2 units of weight 100, fg gets 2/3. */
	add(1, 2, w1, t);
	assert_int_equal(pv_sched_set_params(&S, 0, &w1, t), PV_OK);
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid(2), t), PV_OK);
	pv_time_ns_t a0 = pv_sched_unit_ran(&S, 0), b0 = pv_sched_unit_ran(&S, 1), t0 = t;
	while (t < t0 + 1000 * MS) {
		d = pick(t);
		t += d.run_ns;
	}
	pick(t);
	double fa = (double)(pv_sched_unit_ran(&S, 0) - a0), fb = (double)(pv_sched_unit_ran(&S, 1) - b0);
	assert_true(fb / (fa + fb) > 0.66 && fb / (fa + fb) < 0.673);
}

/* A wake only boosts a unit with credit left: blocking and waking cannot
 * be used to run ahead of the others. */
static void test_credit_no_boost_without_credit(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.credit_ns_per_weight = 1 * MS;
	setup(PV_SCHED_CREDIT, &c);
	struct pv_sched_params w = { .weight = 1 };
	add(0, 1, w, 0);
	add(1, 2, w, 0);
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == 1 * MS); /* one round's credit */
	assert_int_equal(pv_sched_block(&S, 0, 1 * MS), PV_OK);
	assert_int_equal(pv_sched_wake(&S, 0, 1 * MS), PV_OK);
	assert_int_equal(U[0].boosted, 0);
	assert_int_equal(pick(1 * MS).unit, 1);
	/* Next round: 0 has credit again; now a wake boosts it. */
	assert_int_equal(pv_sched_block(&S, 0, 1 * MS), PV_OK);
	d = pick(2 * MS); /* unit 1 spent: round ends, 1 runs again */
	assert_int_equal(d.unit, 1);
	assert_int_equal(pv_sched_wake(&S, 0, 2 * MS + 10), PV_OK);
	assert_int_equal(U[0].boosted, 1);
	d = pick(2 * MS + 10);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == c.boost_ns);
}

static const struct pv_sched_window TAB[] = {
	{ { 1 }, 0, 5 * MS },
	{ { 2 }, 5 * MS, 3 * MS },
	{ { PV_DOMID_NONE_VALUE }, 8 * MS, 1 * MS },
	{ { 1 }, 9 * MS, 1 * MS },
};

static void test_arinc_table_validation(void **st)
{
	(void)st;
	setup(PV_SCHED_ARINC653, 0);
	add(0, 1, P0, 0);
	add(1, 2, P0, 0);
	struct pv_sched_window w[40];
	uint32_t bad = 77;
	memcpy(w, TAB, sizeof TAB);
	REFUSED(pv_sched_arinc_set_table(&S, 0, 4, 10 * MS, 0, &bad), PV_EINVAL);
	REFUSED(pv_sched_arinc_set_table(&S, w, 0, 10 * MS, 0, &bad), PV_EINVAL);
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 0, 0, &bad), PV_EINVAL);
	REFUSED(pv_sched_arinc_set_table(&S, w, 33, 10 * MS, 0, &bad), PV_E2BIG);
	assert_int_equal(bad, 33);
	/* Overlap: window 1 starts inside window 0. */
	w[1].offset = 4 * MS, w[1].duration = 4 * MS;
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 10 * MS, 0, &bad), PV_EINVAL);
	assert_int_equal(bad, 1);
	/* Gap between windows. */
	memcpy(w, TAB, sizeof TAB);
	w[1].offset = 6 * MS, w[1].duration = 2 * MS;
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 10 * MS, 0, &bad), PV_EINVAL);
	assert_int_equal(bad, 1);
	/* Gap before the first window, and at the end of the frame. */
	memcpy(w, TAB, sizeof TAB);
	w[0].offset = 1 * MS, w[0].duration = 4 * MS;
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 10 * MS, 0, &bad), PV_EINVAL);
	assert_int_equal(bad, 0);
	memcpy(w, TAB, sizeof TAB);
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 11 * MS, 0, &bad), PV_EINVAL);
	assert_int_equal(bad, 4);
	/* Past the major frame, and an overflowing one. */
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 9 * MS, 0, &bad), PV_ERANGE);
	assert_int_equal(bad, 3);
	w[3].duration = UINT64_MAX;
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 10 * MS, 0, &bad), PV_ERANGE);
	assert_int_equal(bad, 3);
	/* Zero-length window. */
	memcpy(w, TAB, sizeof TAB);
	w[2].duration = 0;
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 10 * MS, 0, &bad), PV_EINVAL);
	assert_int_equal(bad, 2);
	/* Unknown domain, and the hypervisor's id. */
	memcpy(w, TAB, sizeof TAB);
	w[3].dom = pv_domid(9);
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 10 * MS, 0, &bad), PV_ESRCH);
	assert_int_equal(bad, 3);
	w[3].dom = pv_domid_hyp();
	REFUSED(pv_sched_arinc_set_table(&S, w, 4, 10 * MS, 0, &bad), PV_ESRCH);
	/* Foreground is not for partitioned systems. */
	REFUSED(pv_sched_set_foreground(&S, pv_domid(1), 0), PV_EPERM);
	/* Not ARINC: no such operation. */
	struct pv_sched S2;
	struct pv_sched_unit U2[2];
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	assert_int_equal(pv_sched_init(&S2, &c, U2, 2), PV_OK);
	assert_int_equal(pv_sched_arinc_set_table(&S2, TAB, 4, 10 * MS, 0, 0), PV_ENOSYS);
	/* Without a table nothing runs. */
	assert_int_equal(pick(0).unit, PV_SCHED_IDLE);
	assert_int_equal(pv_sched_arinc_set_table(&S, TAB, 4, 10 * MS, 0, &bad), PV_OK);
	inv();
}

static void test_arinc_windows_and_idle(void **st)
{
	(void)st;
	setup(PV_SCHED_ARINC653, 0);
	add(0, 1, P0, 0);
	add(1, 2, P0, 0);
	add(2, 2, P0, 0);
	pv_time_ns_t t0 = 1000;
	assert_int_equal(pv_sched_arinc_set_table(&S, TAB, 4, 10 * MS, t0, 0), PV_OK);
	for (int f = 0; f < 3; f++) {
		pv_time_ns_t base = t0 + (pv_time_ns_t)f * 10 * MS;
		struct pv_sched_decision d = pick(base);
		assert_int_equal(d.unit, 0);
		assert_true(d.run_ns == 5 * MS);
		d = pick(base + 5 * MS);
		assert_int_equal(pv_domid_val(d.dom), 2); /* two units share 3 ms */
		assert_true(d.run_ns == 3 * MS);          /* slice 10 ms > window */
		d = pick(base + 8 * MS);
		assert_int_equal(d.unit, PV_SCHED_IDLE);
		assert_true(d.run_ns == 1 * MS);
		d = pick(base + 9 * MS);
		assert_int_equal(d.unit, 0);
		assert_true(d.run_ns == 1 * MS);
	}
	/* The owner blocks: idle to the end of its window, never lent. */
	pv_time_ns_t b = t0 + 30 * MS;
	assert_int_equal(pv_sched_block(&S, 0, b + 1 * MS), PV_OK);
	struct pv_sched_decision d = pick(b + 1 * MS);
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	assert_true(d.run_ns == 4 * MS);
	assert_int_equal(pv_sched_wake(&S, 0, b + 2 * MS), PV_OK);
	d = pick(b + 2 * MS);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == 3 * MS);
	/* Yield within domain 2's window hands over to its other unit. */
	d = pick(b + 5 * MS);
	uint32_t first = d.unit;
	assert_int_equal(pv_sched_yield(&S, first, b + 6 * MS), PV_OK);
	d = pick(b + 6 * MS);
	assert_int_equal(pv_domid_val(d.dom), 2);
	assert_int_not_equal(d.unit, first);
	/* Picks skipped for many frames: the cursor catches up. */
	d = pick(b + 1000 * 10 * MS + 6 * MS);
	assert_int_equal(pv_domid_val(d.dom), 2);
	assert_true(d.run_ns == 2 * MS);
	/* Remove the last unit of domain 1: its windows idle. */
	assert_int_equal(pv_sched_remove(&S, 0, b + 1000 * 10 * MS + 10 * MS), PV_OK);
	d = pick(b + 1000 * 10 * MS + 10 * MS);
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	assert_true(d.run_ns == 5 * MS);
}

/* The foreground boost saturates at the top level: a boosted unit shares
 * level 31 round-robin with the units already there, it does not get a
 * level of its own above them. */
static void test_prio_foreground_boost_saturates_at_31(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_PRIO, &c);
	c.fg_prio_boost = 5;
	setup(PV_SCHED_PRIO, &c);
	pv_time_ns_t t = 0, sl = c.slice_ns;
	struct pv_sched_params p29 = P0, p31 = P0, p30 = P0;
	p29.priority = 29;
	p30.priority = 30;
	p31.priority = PV_SCHED_PRIO_LEVELS - 1;
	add(0, 1, p29, t);
	add(1, 2, p31, t);
	add(2, 3, p30, t);
	assert_int_equal(pick(t).unit, 1);
	assert_true(pick(t).run_ns == PV_TIME_NEVER); /* alone at 31 */
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid(1), t), PV_OK);
	assert_int_equal(U[0].list, PV_SCHED_PRIO_LEVELS - 1); /* 29 + 5, saturated */
	inv();
	for (int i = 0; i < 6; i++) {
		struct pv_sched_decision d = pick(t);
		assert_int_equal(d.unit, i % 2 ? 0u : 1u); /* 1 was there first */
		assert_true(d.run_ns == sl);
		t += sl;
	}
	assert_true(pv_sched_unit_ran(&S, 2) == 0); /* level 30 never ran */
	/* Raising the boosted unit's own priority to 31 changes nothing. */
	assert_int_equal(pv_sched_set_params(&S, 0, &p31, t), PV_OK);
	assert_int_equal(U[0].list, PV_SCHED_PRIO_LEVELS - 1);
	assert_int_equal(pv_sched_set_params(&S, 0, &p29, t), PV_OK);
	/* Foreground off: back to 29, below the level-30 unit. */
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid_none(), t), PV_OK);
	assert_int_equal(U[0].list, 29);
	assert_int_equal(pick(t).unit, 1);
	assert_int_equal(pv_sched_block(&S, 1, t), PV_OK);
	assert_int_equal(pick(t).unit, 2);
}

/* Credit is clamped to one round's worth when the round's worth shrinks in
 * the middle of a round: the foreground domain loses its multiplier, or a
 * weight is lowered. Debt is clamped the same way. */
static void test_credit_clamped_when_the_quantum_shrinks(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.slice_ns = 1 * MS;
	c.boost_ns = 500 * US;
	c.credit_ns_per_weight = 1000; /* weight 100: 100 us per round */
	c.fg_weight_mult = 4;
	setup(PV_SCHED_CREDIT, &c);
	struct pv_sched_params w100 = { .weight = 100 }, w10 = { .weight = 10 };
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid(1), 0), PV_OK);
	add(0, 1, w100, 0);
	add(1, 2, w100, 0);
	add(2, 3, w100, 0);
	assert_true(U[0].credit == 400 * (int64_t)US); /* four times, in the foreground */
	/* Foreground off mid-round: clamped to the plain quantum. */
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid_none(), 0), PV_OK);
	assert_true(U[0].credit == 100 * (int64_t)US);
	inv();
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == 100 * US);
	/* Unit 0 is cut short at 50 us, then its timer fires 150 us late:
	 * it is charged one quantum at most and goes into debt. */
	d = pick(50 * US);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == 50 * US);
	d = pick(200 * US);
	assert_true(U[0].credit == -50 * (int64_t)US);
	assert_int_equal(d.unit, 1);
	/* Lowering weights mid-round: unit 0's debt and unit 2's unspent
	 * credit are both clamped to the new round's worth. */
	assert_int_equal(pv_sched_set_params(&S, 0, &w10, 200 * US), PV_OK);
	assert_true(U[0].credit == 1 - 10 * (int64_t)US);
	assert_int_equal(pv_sched_set_params(&S, 2, &w10, 200 * US), PV_OK);
	assert_true(U[2].credit == 10 * (int64_t)US);
	inv();
	d = pick(300 * US); /* unit 1 spent its 100 us: unit 2, 10 us */
	assert_int_equal(d.unit, 2);
	assert_true(d.run_ns == 10 * US);
	/* A refused change clamps nothing. */
	struct pv_sched_params bad = { .weight = 0 };
	REFUSED(pv_sched_set_params(&S, 1, &bad, 300 * US), PV_EINVAL);
}

/*
 * I/O-bound units (run 100 us, block, woken 1 ms later by an event) next to
 * CPU-bound ones: each wake is boosted and served at once (behind at most
 * the other I/O unit's burst), the I/O units get all the CPU they ask for,
 * and the CPU-bound units share the rest by their weights within 1%, with
 * the CPU never idle.
 */
static void test_credit_io_bound_units_served_at_once_cpu_bound_share_the_rest(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.slice_ns = 1 * MS;
	c.boost_ns = 500 * US;
	c.credit_ns_per_weight = 1000;
	setup(PV_SCHED_CREDIT, &c);
	add(0, 1, (struct pv_sched_params){ .weight = 100 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 300 }, 0);
	add(2, 3, (struct pv_sched_params){ .weight = 200 }, 0);
	add(3, 4, (struct pv_sched_params){ .weight = 200 }, 0);
	const pv_time_ns_t burst = 100 * US, sleep = 1 * MS, end = 10000 * MS;
	pv_time_ns_t left[4] = { 0, 0, burst, burst }, wake_at[4] = { 0 };
	pv_time_ns_t woke[4] = { PV_TIME_NEVER, PV_TIME_NEVER, PV_TIME_NEVER, PV_TIME_NEVER };
	pv_time_ns_t worst = 0, t = 0, idle = 0;
	unsigned bursts[4] = { 0 };
	while (t < end) {
		struct pv_sched_decision d = pick(t);
		pv_time_ns_t step = d.run_ns == PV_TIME_NEVER ? end - t : d.run_ns;
		for (uint32_t u = 2; u < 4; u++) {
			if (U[u].state == PV_SCHED_BLOCKED && wake_at[u] - t < step)
				step = wake_at[u] - t; /* the event comes first */
			if (d.unit == u && woke[u] != PV_TIME_NEVER) {
				if (t - woke[u] > worst)
					worst = t - woke[u];
				woke[u] = PV_TIME_NEVER;
			}
		}
		if (d.unit == 2 || d.unit == 3)
			step = sched_min_local(step, left[d.unit]);
		if (d.unit == PV_SCHED_IDLE)
			idle += step;
		t += step;
		if (d.unit == 2 || d.unit == 3) {
			left[d.unit] -= step;
			if (left[d.unit] == 0) {
				assert_int_equal(pv_sched_block(&S, d.unit, t), PV_OK);
				bursts[d.unit]++;
				wake_at[d.unit] = t + sleep;
			}
		}
		for (uint32_t u = 2; u < 4; u++) {
			if (U[u].state == PV_SCHED_BLOCKED && wake_at[u] == t) {
				assert_int_equal(pv_sched_wake(&S, u, t), PV_OK);
				assert_int_equal(U[u].boosted, 1);
				left[u] = burst;
				woke[u] = t;
			}
		}
	}
	pick(t);
	assert_true(idle == 0);
	assert_true(worst <= burst); /* behind the other I/O unit at most */
	for (uint32_t u = 2; u < 4; u++) {
		/* every burst ran as soon as it was woken: one per 1.1 ms or so */
		assert_true(bursts[u] >= end / (sleep + 2 * burst));
		assert_true(pv_sched_unit_ran(&S, u) >= bursts[u] * burst);
	}
	double a = (double)pv_sched_unit_ran(&S, 0), b = (double)pv_sched_unit_ran(&S, 1);
	assert_true(b / (a + b) > 0.75 * 0.99 && b / (a + b) < 0.75 * 1.01);
}

/* ARINC 653: a new table replaces the old one while units are queued on
 * the old partitions; refusals (bad table, time going back, no instance)
 * leave the queues as they were. */
static void test_arinc_set_table_while_units_are_queued(void **st)
{
	(void)st;
	setup(PV_SCHED_ARINC653, 0);
	add(0, 1, P0, 0);
	add(1, 2, P0, 0);
	add(2, 2, P0, 0);
	add(3, 3, P0, 0); /* not in the first table: never runs */
	assert_int_equal(pv_sched_arinc_set_table(&S, TAB, 4, 10 * MS, 0, 0), PV_OK);
	assert_int_equal(pick(0).unit, 0);
	struct pv_sched_decision d = pick(5 * MS);
	assert_int_equal(pv_domid_val(d.dom), 2);
	assert_int_equal(pv_sched_block(&S, 2, 6 * MS), PV_OK);
	assert_true(U[3].list == 0xFFFFu);
	/* Refused: time going back, no instance, a bad table with NULL bad. */
	static const struct pv_sched_window tab2[] = {
		{ { 3 }, 0, 4 * MS },
		{ { 2 }, 4 * MS, 6 * MS },
	};
	uint32_t bad = 99;
	REFUSED(pv_sched_arinc_set_table(&S, tab2, 2, 10 * MS, 6 * MS - 1, &bad), PV_ERANGE);
	assert_int_equal(bad, 2);
	assert_int_equal(pv_sched_arinc_set_table(0, tab2, 2, 10 * MS, 6 * MS, &bad), PV_EINVAL);
	assert_int_equal(bad, 2);
	REFUSED(pv_sched_arinc_set_table(&S, tab2, 2, 11 * MS, 6 * MS, 0), PV_EINVAL);
	/* Accepted at 7 ms: a frame starts now; dom 1 has no window any more. */
	pv_time_ns_t t = 7 * MS;
	assert_int_equal(pv_sched_arinc_set_table(&S, tab2, 2, 10 * MS, t, &bad), PV_OK);
	inv();
	assert_true(U[0].list == 0xFFFFu && U[0].state == PV_SCHED_RUNNABLE);
	assert_true(U[2].list == 0xFFFFu); /* still blocked */
	d = pick(t);
	assert_int_equal(d.unit, 3);
	assert_true(d.run_ns == 4 * MS);
	d = pick(t + 4 * MS);
	assert_int_equal(d.unit, 1);
	assert_true(d.run_ns == 6 * MS); /* alone in its window */
	assert_int_equal(pv_sched_wake(&S, 2, t + 5 * MS), PV_OK);
	d = pick(t + 5 * MS);
	assert_int_equal(pv_domid_val(d.dom), 2);
	assert_true(d.run_ns == 5 * MS); /* two units: min(slice, window left) */
	/* Over the next frames dom 1 never runs, dom 3 runs exactly 4 ms each. */
	pv_time_ns_t ran0 = pv_sched_unit_ran(&S, 0), ran3 = pv_sched_unit_ran(&S, 3);
	t += 10 * MS;
	for (int i = 0; i < 50; i++) {
		d = pick(t);
		t += d.run_ns;
	}
	assert_true(pv_sched_unit_ran(&S, 0) == ran0);
	assert_true((pv_sched_unit_ran(&S, 3) - ran3) % (4 * MS) == 0);
	assert_true(pv_sched_unit_ran(&S, 3) > ran3);
}

static void test_edf_admission_and_order(void **st)
{
	(void)st;
	setup(PV_SCHED_EDF, 0);
	struct pv_sched_params a = { .budget = 2 * MS, .period = 4 * MS };   /* 0.5 */
	struct pv_sched_params b = { .budget = 3 * MS, .period = 12 * MS };  /* 0.25 */
	struct pv_sched_params c = { .budget = 3 * MS, .period = 10 * MS };  /* 0.3 */
	add(0, 1, a, 0);
	add(1, 2, b, 0);
	REFUSED(pv_sched_add(&S, 2, pv_domid(3), &c, 0), PV_ENOSPC);
	struct pv_sched_params c2 = { .budget = 1 * MS, .period = 4 * MS };  /* 0.25 */
	add(2, 3, c2, 0);
	/* Exactly full now: any more is refused, raising a budget too. */
	struct pv_sched_params tiny = { .budget = 1, .period = PV_SCHED_EDF_PERIOD_MAX };
	REFUSED(pv_sched_add(&S, 3, pv_domid(4), &tiny, 0), PV_ENOSPC);
	struct pv_sched_params a2 = { .budget = 2 * MS + 1, .period = 4 * MS };
	REFUSED(pv_sched_set_params(&S, 0, &a2, 0), PV_ENOSPC);
	/* Deadlines 4 (unit 0), 12 (1), 4 (2): 0 then 2 (tie by index),
	 * then 1. */
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == 2 * MS);
	d = pick(2 * MS);
	assert_int_equal(d.unit, 2);
	assert_true(d.run_ns == 1 * MS);
	d = pick(3 * MS);
	assert_int_equal(d.unit, 1);
	assert_true(d.run_ns == 1 * MS); /* until unit 0/2 are released at 4 */
	d = pick(4 * MS);
	assert_int_equal(d.unit, 0); /* deadline 8 < 12 */
	/* Yield gives up the rest of the period's budget. */
	assert_int_equal(pv_sched_yield(&S, 0, 5 * MS), PV_OK);
	d = pick(5 * MS);
	assert_int_equal(d.unit, 2);
	assert_true(U[0].remaining == 0);
	/* Blocking frees the CPU; a wake after the deadline starts afresh. */
	assert_int_equal(pv_sched_block(&S, 2, 5 * MS), PV_OK);
	assert_int_equal(pv_sched_block(&S, 1, 5 * MS), PV_OK);
	d = pick(5 * MS);
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	assert_true(d.run_ns == 3 * MS); /* unit 0's budget returns at 8 */
	assert_int_equal(pv_sched_wake(&S, 1, 20 * MS), PV_OK);
	assert_true(U[1].deadline == 32 * MS && U[1].remaining == 3 * MS);
	/* Removing frees bandwidth. */
	assert_int_equal(pv_sched_remove(&S, 0, 20 * MS), PV_OK);
	struct pv_sched_params half = { .budget = 5 * MS, .period = 10 * MS };
	add(0, 1, half, 20 * MS);
	/* Foreground: domain 2's unit 1 runs in the slack after its budget. */
	assert_int_equal(pv_sched_block(&S, 0, 20 * MS), PV_OK);
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid(2), 20 * MS), PV_OK);
	d = pick(20 * MS);
	assert_int_equal(d.unit, 1);
	assert_true(d.run_ns == 3 * MS);
	d = pick(23 * MS);
	assert_int_equal(d.unit, 1); /* budget spent, running in the slack */
	assert_true(U[1].remaining == 0);
	assert_true(d.run_ns == 9 * MS);
	assert_int_equal(pv_sched_set_foreground(&S, pv_domid_none(), 24 * MS), PV_OK);
	d = pick(24 * MS);
	assert_int_equal(d.unit, PV_SCHED_IDLE);
	assert_true(d.run_ns == 8 * MS);
}

/*
 * Follow the EDF decisions from t to end (the timer always on time) and fail
 * on a deadline miss: a runnable unit with budget left when time reaches its
 * deadline. got[u] adds up what each unit ran.
 */
static pv_time_ns_t edf_follow(pv_time_ns_t t, pv_time_ns_t end, pv_time_ns_t got[16])
{
	while (t < end) {
		struct pv_sched_decision d = pick(t);
		pv_time_ns_t step = d.run_ns == PV_TIME_NEVER ? end - t : d.run_ns;
		if (step > end - t)
			step = end - t;
		if (d.unit != PV_SCHED_IDLE)
			got[d.unit] += step;
		t += step;
		assert_int_equal(pv_sched_tick(&S, t), PV_OK);
		for (uint32_t u = 0; u < 16; u++) {
			const struct pv_sched_unit *x = &U[u];
			if (x->state == PV_SCHED_RUNNABLE && x->heap == 0 && x->deadline <= t &&
			    x->remaining > 0)
				fail_msg("unit %u missed its deadline %llu with %llu ns left", u,
				         (unsigned long long)x->deadline,
				         (unsigned long long)x->remaining);
		}
	}
	return t;
}

/*
 * A and B take 5 ms every 10 ms. A runs 0-5 ms and is removed: its share is
 * still owed until its deadline at 10 ms (B has not run yet), so C (2 ms
 * every 5 ms) is refused at 5 ms and admitted at 10 ms. Admitting C at 5 ms
 * would leave B 5 ms and C 2 ms of work before 10 ms: C would get nothing.
 */
static void test_edf_removed_unit_keeps_bandwidth_until_deadline(void **st)
{
	(void)st;
	setup(PV_SCHED_EDF, 0);
	struct pv_sched_params half = { .budget = 5 * MS, .period = 10 * MS };
	struct pv_sched_params c = { .budget = 2 * MS, .period = 5 * MS };
	add(0, 1, half, 0);
	add(1, 2, half, 0);
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns == 5 * MS);
	assert_int_equal(pv_sched_remove(&S, 0, 5 * MS), PV_OK);
	inv();
	REFUSED(pv_sched_add(&S, 2, pv_domid(3), &c, 5 * MS), PV_ENOSPC);
	/* Adding the freed slot again does not reset what it still holds. */
	struct pv_sched_params tiny = { .budget = 1 * MS, .period = 10 * MS };
	REFUSED(pv_sched_add(&S, 0, pv_domid(1), &tiny, 5 * MS), PV_ENOSPC);
	REFUSED(pv_sched_add(&S, 2, pv_domid(3), &c, 10 * MS - 1), PV_ENOSPC);
	pv_time_ns_t got[16] = { 0 };
	pv_time_ns_t t = edf_follow(5 * MS, 10 * MS, got);
	assert_true(got[1] == 5 * MS);
	/* A's deadline has come: C fits now, and both meet every deadline. */
	add(2, 3, c, t);
	memset(got, 0, sizeof got);
	t = edf_follow(t, t + 1000 * MS, got);
	assert_true(got[1] == 100 * 5 * MS);
	assert_true(got[2] == 200 * 2 * MS);
}

/*
 * A and B take 5 ms every 10 ms; at 1 ms A is lowered to 5 ms every 100 ms.
 * A keeps its deadline (10 ms) and up to 4 ms of budget in this period, so
 * until then it still counts as 0.5: C (4 ms every 9 ms) is refused at 1 ms
 * (4 + 5 + 4 ms before 10 ms would not fit) and admitted at 10 ms.
 */
static void test_edf_lowered_unit_keeps_bandwidth_until_deadline(void **st)
{
	(void)st;
	setup(PV_SCHED_EDF, 0);
	struct pv_sched_params half = { .budget = 5 * MS, .period = 10 * MS };
	struct pv_sched_params slow = { .budget = 5 * MS, .period = 100 * MS };
	struct pv_sched_params c = { .budget = 4 * MS, .period = 9 * MS };
	add(0, 1, half, 0);
	add(1, 2, half, 0);
	assert_int_equal(pick(0).unit, 0);
	assert_int_equal(pv_sched_set_params(&S, 0, &slow, 1 * MS), PV_OK);
	inv();
	REFUSED(pv_sched_add(&S, 2, pv_domid(3), &c, 1 * MS), PV_ENOSPC);
	/* Raising counts at once: above its old share there is no room... */
	struct pv_sched_params more = { .budget = 6 * MS, .period = 10 * MS };
	REFUSED(pv_sched_set_params(&S, 0, &more, 1 * MS), PV_ENOSPC);
	/* ...but it may take back its own share, still held. */
	assert_int_equal(pv_sched_set_params(&S, 0, &half, 1 * MS), PV_OK);
	assert_int_equal(S.heap_n[2], 0);
	inv();
	/* Lowered twice, raised a little: what is held is what it dropped. */
	struct pv_sched_params slower = { .budget = 1 * MS, .period = 100 * MS };
	assert_int_equal(pv_sched_set_params(&S, 0, &slower, 2 * MS), PV_OK);
	REFUSED(pv_sched_add(&S, 2, pv_domid(3), &c, 2 * MS), PV_ENOSPC);
	assert_int_equal(pv_sched_set_params(&S, 0, &slow, 2 * MS), PV_OK);
	REFUSED(pv_sched_add(&S, 2, pv_domid(3), &c, 2 * MS), PV_ENOSPC);
	inv();
	pv_time_ns_t got[16] = { 0 };
	pv_time_ns_t t = edf_follow(2 * MS, 10 * MS, got);
	assert_true(got[0] == 1 * MS); /* its budget left was cut to 1 ms, never grows back */
	assert_true(got[1] == 5 * MS);
	assert_true(U[0].bw_until == 10 * MS);
	add(2, 3, c, t);
	memset(got, 0, sizeof got);
	t = edf_follow(t, t + 900 * MS, got);
	assert_true(got[0] == 9 * 5 * MS);
	assert_true(got[1] == 90 * 5 * MS);
	assert_true(got[2] == 100 * 4 * MS);
	/* With nothing held any more, the total is exact again: 0.05 + 0.5 +
	 * 4/9 leaves room for 1 ms every 200 ms, and not for 1 ms every 100. */
	struct pv_sched_params small = { .budget = 1 * MS, .period = 100 * MS };
	REFUSED(pv_sched_add(&S, 3, pv_domid(4), &small, t), PV_ENOSPC);
	small.period = 200 * MS;
	add(3, 4, small, t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_refuses_bad_config),
		cmocka_unit_test(test_unit_refusals_leave_no_trace),
		cmocka_unit_test(test_rr_rotates_blocks_wakes_yields),
		cmocka_unit_test(test_prio_preempts_and_round_robins),
		cmocka_unit_test(test_credit_boost_cap_weights),
		cmocka_unit_test(test_credit_no_boost_without_credit),
		cmocka_unit_test(test_arinc_table_validation),
		cmocka_unit_test(test_arinc_windows_and_idle),
		cmocka_unit_test(test_prio_foreground_boost_saturates_at_31),
		cmocka_unit_test(test_credit_clamped_when_the_quantum_shrinks),
		cmocka_unit_test(test_credit_io_bound_units_served_at_once_cpu_bound_share_the_rest),
		cmocka_unit_test(test_arinc_set_table_while_units_are_queued),
		cmocka_unit_test(test_edf_admission_and_order),
		cmocka_unit_test(test_edf_removed_unit_keeps_bandwidth_until_deadline),
		cmocka_unit_test(test_edf_lowered_unit_keeps_bandwidth_until_deadline),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
