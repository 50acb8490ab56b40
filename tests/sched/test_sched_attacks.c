/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched, written as the attacks they are: each test is one thing a guest
 * (or a careless hypervisor) could do to the scheduler, named for it, with a
 * comment saying what the guest would gain if the check it exercises were
 * broken. Blocking, waking and yielding are guest-driven (a vcpu blocks on
 * an event, an event wakes it); parameters and membership are the
 * hypervisor's, but a guest that asks for them must not be able to turn a
 * sequence of them into more CPU or a halted hypervisor.
 *
 * Every test runs the structural checker (sched_check.h) after each call,
 * and each refusal is checked to leave the instance byte-for-byte unchanged.
 */
#include "sched_fixture.h"

#define MS 1000000ull
#define US 1000ull
#define NU 8u

static struct pv_sched_unit U[NU];

static void setup_cfg(const struct pv_sched_config *c, uint32_t nunits)
{
	assert_int_equal(pv_sched_init(&S, c, U, nunits), PV_OK);
	inv();
}

static void setup(enum pv_sched_policy p)
{
	struct pv_sched_config c;
	pv_sched_config_default(p, &c);
	setup_cfg(&c, NU);
}

static struct pv_sched_decision pick(pv_time_ns_t now)
{
	struct pv_sched_decision d;
	OK(pv_sched_pick_next(&S, now, &d));
	assert_true(d.run_ns > 0);
	if (d.unit != PV_SCHED_IDLE)
		assert_int_equal(pv_sched_unit_state(&S, d.unit), PV_SCHED_RUNNABLE);
	return d;
}

static void add(uint32_t u, uint16_t dom, struct pv_sched_params p, pv_time_ns_t now)
{
	OK(pv_sched_add(&S, u, pv_domid(dom), &p, now));
}

static void set(uint32_t u, struct pv_sched_params p, pv_time_ns_t now)
{
	OK(pv_sched_set_params(&S, u, &p, now));
}

/* Run the instance as a port would, from now to end: pick, let the unit
 * run for run_ns (clipped at end), pick again. Returns the time reached. */
static pv_time_ns_t run_until(pv_time_ns_t now, pv_time_ns_t end)
{
	while (now < end) {
		struct pv_sched_decision d = pick(now);
		pv_time_ns_t step = d.run_ns == PV_TIME_NEVER ? end - now : d.run_ns;
		now = step > end - now ? end : now + step;
	}
	OK(pv_sched_tick(&S, end));
	return end;
}

static const struct pv_sched_params CR = { .weight = 256 };

/* ======================================================================
 * Credit: the cap and park transitions
 * ====================================================================== */

/*
 * Attack: reach the cap (parked until the window ends), block, have the cap
 * raised and wake: the unit went back on a run list still carrying the
 * parked unit's end-of-window mark, so it was read as parked while it ran:
 * charged nothing (free CPU beyond any cap, other guests starved) and
 * skipped by parameter changes, so that after its cap was lowered again it
 * stayed runnable with nothing left and the next pick_next halted the
 * hypervisor on PV_ASSERT(run > 0). Found by fuzz_sched; the sequence by
 * hand.
 */
static void test_credit_parked_unit_blocks_wakes_with_raised_cap_then_lowered(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	struct pv_sched_params capped = { .weight = 256, .cap = 10 }; /* 3 ms of 30 */
	add(0, 1, capped, 0);
	add(1, 2, CR, 0);
	struct pv_sched_decision d = pick(0);
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, 3 * MS); /* the cap, not the credit */
	d = pick(3 * MS);                   /* cap reached: parked */
	assert_int_equal(d.unit, 1);
	OK(pv_sched_block(&S, 0, 4 * MS));
	struct pv_sched_params raised = { .weight = 256, .cap = 100 };
	set(0, raised, 5 * MS);
	OK(pv_sched_wake(&S, 0, 5 * MS));
	d = pick(5 * MS);
	assert_int_equal(d.unit, 0); /* boosted */
	assert_int_equal(d.run_ns, 1 * MS);
	/* It must be charged for that millisecond: credit and cap window. */
	pv_time_ns_t before = pv_sched_unit_ran(&S, 0);
	int64_t credit = U[0].credit;
	d = pick(6 * MS);
	assert_int_equal(pv_sched_unit_ran(&S, 0), before + 1 * MS);
	assert_true(U[0].credit == credit - (int64_t)MS);
	assert_int_equal(U[0].cap_used, 4 * MS);
	/* Lowered again: nothing left of 10% this window, so parked, and the
	 * next picks run the other unit (this pick asserted before). */
	set(0, capped, 6 * MS);
	d = pick(6 * MS);
	assert_int_equal(d.unit, 1);
	pv_time_ns_t ran0 = pv_sched_unit_ran(&S, 0);
	run_until(6 * MS, 30 * MS);
	assert_int_equal(pv_sched_unit_ran(&S, 0), ran0);
	/* The next window gives it its 3 ms again, no more. */
	run_until(30 * MS, 60 * MS);
	assert_int_equal(pv_sched_unit_ran(&S, 0), ran0 + 3 * MS);
}

/*
 * Attack: the same, looping: a capped guest that blocks and wakes every
 * time it is parked, with the cap raised and lowered around it (a guest
 * asking its toolstack to change its cap), for many windows. Whatever the
 * order, it never runs more than its cap allows in a window in which the
 * cap held throughout, and the instance never halts.
 */
static void test_credit_capped_unit_cycles_block_wake_cap_changes(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	struct pv_sched_params capped = { .weight = 256, .cap = 10 };
	struct pv_sched_params raised = { .weight = 256, .cap = 90 };
	add(0, 1, capped, 0);
	add(1, 2, CR, 0);
	pv_time_ns_t now = 0;
	for (unsigned w = 0; w < 20; w++) {
		pv_time_ns_t win = w * 30 * MS;
		pv_time_ns_t ran0 = pv_sched_unit_ran(&S, 0);
		/* Run until it is parked (or the window is half gone). */
		while (now < win + 15 * MS) {
			struct pv_sched_decision d = pick(now);
			now += d.run_ns > 500 * US ? 500 * US : d.run_ns;
		}
		OK(pv_sched_block(&S, 0, now));
		set(0, raised, now);
		OK(pv_sched_wake(&S, 0, now));
		for (unsigned k = 0; k < 3; k++) {
			struct pv_sched_decision d = pick(now);
			now += d.run_ns > 200 * US ? 200 * US : d.run_ns;
		}
		set(0, capped, now);
		now = run_until(now, win + 30 * MS);
		/* 3 ms before the raise, at most 600 us while raised. */
		assert_true(pv_sched_unit_ran(&S, 0) - ran0 <= 3 * MS + 600 * US);
	}
}

/*
 * Attack: run uncapped for most of a window, then have a cap set (or a
 * cap raised from 0) in the middle of it. The window's accounting must
 * already hold the time run: with it kept only while a cap is set, the
 * unit would get a fresh cap's worth on top of the 20 ms it just ran.
 */
static void test_credit_cap_set_mid_window_counts_time_already_run(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	add(0, 1, CR, 0);
	add(1, 2, CR, 0);
	OK(pv_sched_block(&S, 1, 0));
	run_until(0, 20 * MS); /* unit 0 alone, uncapped */
	assert_int_equal(pv_sched_unit_ran(&S, 0), 20 * MS);
	OK(pv_sched_wake(&S, 1, 20 * MS));
	set(0, (struct pv_sched_params){ .weight = 256, .cap = 10 }, 20 * MS);
	run_until(20 * MS, 30 * MS);
	assert_int_equal(pv_sched_unit_ran(&S, 0), 20 * MS); /* parked to the window end */
	run_until(30 * MS, 60 * MS);
	assert_int_equal(pv_sched_unit_ran(&S, 0), 23 * MS); /* then 10% */
}

/*
 * Attack: yield while parked. A parked unit is on no run list it could be
 * picked from; a yield must leave it parked, not put it back on UNDER with
 * its cap spent.
 */
static void test_credit_parked_unit_yields(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	add(0, 1, (struct pv_sched_params){ .weight = 256, .cap = 10 }, 0);
	add(1, 2, CR, 0);
	assert_int_equal(pick(0).unit, 0);
	assert_int_equal(pick(3 * MS).unit, 1);
	OK(pv_sched_yield(&S, 0, 4 * MS));
	for (pv_time_ns_t t = 4 * MS; t < 30 * MS; t += 1 * MS)
		assert_int_equal(pick(t).unit, 1);
	assert_int_equal(pv_sched_unit_ran(&S, 0), 3 * MS);
}

/*
 * Attack: a cap of exactly 100 is "the whole CPU", the same as no cap for
 * how long the unit may run; it must neither be refused nor parked early,
 * and 101 is the first value refused.
 */
static void test_credit_cap_of_exactly_100_and_101(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	add(0, 1, (struct pv_sched_params){ .weight = 256, .cap = 100 }, 0);
	REFUSED(pv_sched_set_params(&S, 0, &(struct pv_sched_params){ .weight = 256, .cap = 101 },
	                            0), PV_EINVAL);
	REFUSED(pv_sched_add(&S, 1, pv_domid(2),
	                     &(struct pv_sched_params){ .weight = 256, .cap = 101 }, 0), PV_EINVAL);
	/* Alone, capped at 100: runs the whole of every window. */
	run_until(0, 300 * MS);
	assert_int_equal(pv_sched_unit_ran(&S, 0), 300 * MS);
	assert_true(sc_invariants(&S) == 0);
}

/*
 * Attack: a cap of 1 (the smallest) on a long-running guest: it gets
 * exactly 1% of each window, never more however it times its blocks.
 */
static void test_credit_cap_of_1_is_one_percent(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	add(0, 1, (struct pv_sched_params){ .weight = 65535, .cap = 1 }, 0);
	add(1, 2, CR, 0);
	run_until(0, 300 * MS);
	assert_int_equal(pv_sched_unit_ran(&S, 0), 3 * MS); /* 300 us per window */
	assert_int_equal(pv_sched_unit_ran(&S, 1), 297 * MS);
}

/*
 * Attack: weights at the bounds. 0 and 65536 are refused; 1 and 65535 are
 * accepted and share the CPU in proportion (the heavy unit does not starve
 * the light one completely, the light one does not get more than its share).
 */
static void test_credit_weight_bounds(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	REFUSED(pv_sched_add(&S, 0, pv_domid(1), &(struct pv_sched_params){ .weight = 0 }, 0),
	        PV_EINVAL);
	REFUSED(pv_sched_add(&S, 0, pv_domid(1), &(struct pv_sched_params){ .weight = 65536 }, 0),
	        PV_EINVAL);
	add(0, 1, (struct pv_sched_params){ .weight = 1 }, 0);
	add(1, 2, (struct pv_sched_params){ .weight = 65535 }, 0);
	REFUSED(pv_sched_set_params(&S, 0, &(struct pv_sched_params){ .weight = 0 }, 0), PV_EINVAL);
	REFUSED(pv_sched_set_params(&S, 0, &(struct pv_sched_params){ .weight = 65536 }, 0),
	        PV_EINVAL);
	run_until(0, 2000 * MS);
	pv_time_ns_t light = pv_sched_unit_ran(&S, 0), heavy = pv_sched_unit_ran(&S, 1);
	assert_int_equal(light + heavy, 2000 * MS);
	assert_true(light > 0);
	/* 1/65536 of 2 s is 30 us; allow one round of error. */
	assert_true(light <= 30 * US + 40 * US + 10 * MS);
}

/*
 * Attack: sleep to hoard credit. A unit blocked for many rounds is credited
 * one round's worth at most when it wakes (the clamp in cr_refresh), so it
 * cannot come back and run for the rounds it slept.
 */
static void test_credit_sleeper_cannot_hoard_rounds(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	add(0, 1, CR, 0);
	add(1, 2, CR, 0);
	OK(pv_sched_block(&S, 0, 0));
	pv_time_ns_t now = run_until(0, 1000 * MS); /* ~100 rounds of unit 1 alone */
	assert_true(S.round > 50);
	OK(pv_sched_wake(&S, 0, now));
	/* One quantum at weight 256 is 10.24 ms. */
	assert_true(U[0].credit <= (int64_t)(256 * 40 * US));
	pv_time_ns_t ran0 = pv_sched_unit_ran(&S, 0);
	struct pv_sched_decision d = pick(now);
	assert_int_equal(d.unit, 0);
	assert_true(d.run_ns <= 256 * 40 * US);
	run_until(now, now + 40 * MS);
	/* Over 40 ms both run about half: not 40 ms for the sleeper. */
	pv_time_ns_t got = pv_sched_unit_ran(&S, 0) - ran0;
	assert_true(got <= 20 * MS + 11 * MS);
}

/*
 * Attack: run into deep debt (a late timer) and come back: debt is clamped
 * at one quantum (1 - q), so a unit that overran cannot drive its credit so
 * low that arithmetic wraps it to a huge positive value.
 */
static void test_credit_debt_is_clamped_at_one_quantum(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	add(0, 1, CR, 0);
	add(1, 2, CR, 0);
	assert_int_equal(pick(0).unit, 0);
	/* It spends its quantum (moved to OVER, still running: the timer is
	 * late), then the timer fires 5 s late. */
	int64_t q = 256 * 40 * (int64_t)US;
	OK(pv_sched_tick(&S, (pv_time_ns_t)q));
	assert_true(U[0].credit == 0);
	OK(pv_sched_tick(&S, 5000 * MS));
	assert_true(U[0].credit == 1 - q);
	/* Next pick runs the other unit, with its full quantum. */
	struct pv_sched_decision d = pick(5000 * MS);
	assert_int_equal(d.unit, 1);
}

/*
 * Attack: shrink the quantum under a unit holding lots of credit (a guest
 * leaving the foreground with fg_weight_mult credit, or its weight lowered):
 * it keeps at most the new quantum.
 */
static void test_credit_clamp_on_weight_drop_and_foreground_loss(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	OK(pv_sched_set_foreground(&S, pv_domid(1), 0));
	add(0, 1, (struct pv_sched_params){ .weight = 1000 }, 0);
	assert_true(U[0].credit == 2 * 1000 * 40 * (int64_t)US);
	OK(pv_sched_set_foreground(&S, pv_domid_none(), 0));
	assert_true(U[0].credit == 1000 * 40 * (int64_t)US);
	set(0, (struct pv_sched_params){ .weight = 10 }, 0);
	assert_true(U[0].credit == 10 * 40 * (int64_t)US);
	/* And debt is clamped from below too. */
	set(0, (struct pv_sched_params){ .weight = 1000 }, 0);
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_tick(&S, 1000 * 40 * US));
	OK(pv_sched_tick(&S, 1000 * MS));
	assert_true(U[0].credit == 1 - 1000 * 40 * (int64_t)US);
	set(0, (struct pv_sched_params){ .weight = 10 }, 1000 * MS);
	assert_true(U[0].credit == 1 - 10 * 40 * (int64_t)US);
}

/* ======================================================================
 * The current unit going away
 * ====================================================================== */

/*
 * Attack: remove the running unit and reuse its slot for another domain
 * before the next pick. If the core kept the removed unit as current, the
 * new domain's unit would be charged for time it never ran (its credit and
 * cap spent by the old vcpu), and the old one's time would vanish from the
 * books. Every policy.
 */
static void test_removed_running_unit_slot_reused_is_not_charged(void **st)
{
	(void)st;
	for (int p = PV_SCHED_RR; p <= PV_SCHED_EDF; p++) {
		setup((enum pv_sched_policy)p);
		struct pv_sched_params q = { .priority = 1, .weight = 256, .budget = 1 * MS,
		                             .period = 10 * MS };
		add(0, 1, q, 0);
		add(1, 2, q, 0);
		if (p == PV_SCHED_ARINC653) {
			struct pv_sched_window w[] = {
				{ pv_domid(1), 0, 5 * MS }, { pv_domid(3), 5 * MS, 5 * MS },
			};
			add(2, 3, q, 0);
			OK(pv_sched_arinc_set_table(&S, w, 2, 10 * MS, 0, 0));
		}
		struct pv_sched_decision d = pick(0);
		assert_int_equal(d.unit, 0);
		OK(pv_sched_remove(&S, 0, 100 * US));
		assert_int_equal(S.cur, PV_SCHED_IDLE);
		add(0, 3, q, 100 * US);
		OK(pv_sched_tick(&S, 900 * US));
		assert_int_equal(pv_sched_unit_ran(&S, 0), 0);
	}
}

/*
 * Attack: block the running unit and wake it at once: the time until the
 * next pick is not its time (it is not running: the port switched away
 * when it blocked). A stale current unit would charge it, and for credit
 * could move it between lists on time it did not run.
 */
static void test_blocked_running_unit_is_not_charged_after_wake(void **st)
{
	(void)st;
	for (int p = PV_SCHED_RR; p <= PV_SCHED_EDF; p++) {
		if (p == PV_SCHED_ARINC653)
			continue; /* needs a table: covered by the remove test */
		setup((enum pv_sched_policy)p);
		struct pv_sched_params q = { .priority = 1, .weight = 256, .budget = 1 * MS,
		                             .period = 10 * MS };
		add(0, 1, q, 0);
		assert_int_equal(pick(0).unit, 0);
		OK(pv_sched_block(&S, 0, 100 * US));
		assert_int_equal(S.cur, PV_SCHED_IDLE);
		OK(pv_sched_wake(&S, 0, 100 * US));
		OK(pv_sched_tick(&S, 700 * US));
		assert_int_equal(pv_sched_unit_ran(&S, 0), 100 * US);
	}
}

/* ======================================================================
 * Boundaries exactly one past a limit
 * ====================================================================== */

/*
 * Attack: name the unit one past the end of the array (a vcpu id one too
 * high): every entry point refuses it with PV_ERANGE and the last unit is
 * accepted. A check off by one would read and write the list heads that
 * follow the unit array in the index space.
 */
static void test_unit_index_one_past_the_end(void **st)
{
	(void)st;
	for (int p = PV_SCHED_RR; p <= PV_SCHED_EDF; p++) {
		setup((enum pv_sched_policy)p);
		struct pv_sched_params q = { .priority = 1, .weight = 256, .budget = 1 * MS,
		                             .period = 10 * MS };
		struct pv_sched_params out;
		REFUSED(pv_sched_add(&S, NU, pv_domid(1), &q, 0), PV_ERANGE);
		REFUSED(pv_sched_remove(&S, NU, 0), PV_ERANGE);
		REFUSED(pv_sched_wake(&S, NU, 0), PV_ERANGE);
		REFUSED(pv_sched_block(&S, NU, 0), PV_ERANGE);
		REFUSED(pv_sched_yield(&S, NU, 0), PV_ERANGE);
		REFUSED(pv_sched_set_params(&S, NU, &q, 0), PV_ERANGE);
		REFUSED(pv_sched_get_params(&S, NU, &out), PV_ERANGE);
		assert_int_equal(pv_sched_unit_state(&S, NU), PV_SCHED_FREE);
		assert_int_equal(pv_sched_unit_ran(&S, NU), 0);
		/* The last one exists. */
		add(NU - 1, 1, q, 0);
		OK(pv_sched_get_params(&S, NU - 1, &out));
		OK(pv_sched_block(&S, NU - 1, 0));
		OK(pv_sched_wake(&S, NU - 1, 0));
		OK(pv_sched_remove(&S, NU - 1, 0));
	}
}

/*
 * Attack: the domain id one past the last guest id (the idle/none value and
 * the first non-guest) as a unit's domain or the foreground: refused with
 * PV_ESRCH; the last guest id is accepted.
 */
static void test_domain_id_one_past_the_last_guest(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	REFUSED(pv_sched_add(&S, 0, pv_domid(PV_DOMID_MAX_GUEST + 1), &CR, 0), PV_ESRCH);
	REFUSED(pv_sched_add(&S, 0, pv_domid_none(), &CR, 0), PV_ESRCH);
	REFUSED(pv_sched_set_foreground(&S, pv_domid(PV_DOMID_MAX_GUEST + 1), 0), PV_ESRCH);
	add(0, PV_DOMID_MAX_GUEST, CR, 0);
	OK(pv_sched_set_foreground(&S, pv_domid(PV_DOMID_MAX_GUEST), 0));
	assert_int_equal(U[0].fg, 1);
	OK(pv_sched_set_foreground(&S, pv_domid_none(), 0));
	assert_int_equal(U[0].fg, 0);
}

/*
 * Attack: an instance sized to the largest unit count accepted, and the
 * first refused: nunits must leave room for the list heads in the 32-bit
 * index space (nunits + list number must not reach PV_SCHED_IDLE).
 */
static void test_unit_count_one_past_the_limit(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	uint32_t limit = PV_SCHED_IDLE - PV_SCHED_NLISTS; /* first refused */
	REFUSED(pv_sched_init(&S, &c, U, limit), PV_EINVAL);
	REFUSED(pv_sched_init(&S, &c, U, UINT32_MAX), PV_EINVAL);
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
}

/*
 * Attack: priority one past the top level, for a unit's priority and for
 * the foreground boost: refused. The top level is accepted.
 */
static void test_prio_level_one_past_the_top(void **st)
{
	(void)st;
	setup(PV_SCHED_PRIO);
	REFUSED(pv_sched_add(&S, 0, pv_domid(1),
	                     &(struct pv_sched_params){ .priority = PV_SCHED_PRIO_LEVELS }, 0),
	        PV_EINVAL);
	add(0, 1, (struct pv_sched_params){ .priority = PV_SCHED_PRIO_LEVELS - 1 }, 0);
	REFUSED(pv_sched_set_params(&S, 0,
	                            &(struct pv_sched_params){ .priority = PV_SCHED_PRIO_LEVELS },
	                            0), PV_EINVAL);
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_PRIO, &c);
	c.fg_prio_boost = PV_SCHED_PRIO_LEVELS - 1;
	setup_cfg(&c, NU);
	c.fg_prio_boost = PV_SCHED_PRIO_LEVELS;
	REFUSED(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
}

/*
 * Attack: a foreground boost that lands exactly one past the top level
 * (priority 27 + boost 5 = 32): it must saturate at 31. Saturating only
 * above 32 would queue the unit on list 32, one past the priority lists:
 * the bitmap shift is undefined and the list head written is outside the
 * array (into the instance's next field).
 */
static void test_prio_boost_landing_exactly_one_past_the_top(void **st)
{
	(void)st;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_PRIO, &c);
	c.fg_prio_boost = 5;
	setup_cfg(&c, NU);
	add(0, 1, (struct pv_sched_params){ .priority = 27 }, 0);
	add(1, 2, (struct pv_sched_params){ .priority = 26 }, 0);
	OK(pv_sched_set_foreground(&S, pv_domid(1), 0));
	assert_int_equal(U[0].list, PV_SCHED_PRIO_LEVELS - 1);
	assert_true(S.bitmap == ((1u << 31) | (1u << 26)));
	assert_int_equal(pick(0).unit, 0);
	OK(pv_sched_set_foreground(&S, pv_domid(2), 0));
	assert_int_equal(U[1].list, PV_SCHED_PRIO_LEVELS - 1);
	assert_int_equal(U[0].list, 27);
	assert_int_equal(pick(0).unit, 1);
}

/*
 * Attack (on the hypervisor's configuration): every bounded configuration
 * field at its largest accepted value and one past it. A bound one too
 * loose would let a configuration through whose products the policies
 * assume fit (credit: weight * credit_ns_per_weight * fg_weight_mult).
 */
static void test_config_fields_one_past_their_bounds(void **st)
{
	(void)st;
	struct pv_sched_config c;
#define BOUND(pol, field, maxv)                                                   \
	do {                                                                      \
		pv_sched_config_default(pol, &c);                                 \
		c.field = maxv;                                                   \
		if (pol == PV_SCHED_RR && c.fg_slice_ns < c.slice_ns)             \
			c.fg_slice_ns = c.slice_ns;                               \
		if (pol == PV_SCHED_CREDIT && c.boost_ns > c.slice_ns)            \
			c.boost_ns = c.slice_ns;                                  \
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);            \
		c.field = maxv + 1;                                               \
		if (pol == PV_SCHED_RR && c.fg_slice_ns < c.slice_ns)             \
			c.fg_slice_ns = c.slice_ns;                               \
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);        \
	} while (0)
	BOUND(PV_SCHED_CREDIT, fg_weight_mult, 16u);
	BOUND(PV_SCHED_CREDIT, credit_ns_per_weight, 1000000u);
	BOUND(PV_SCHED_CREDIT, cap_period_ns, PV_SCHED_SLICE_MAX);
	BOUND(PV_SCHED_PRIO, slice_ns, PV_SCHED_SLICE_MAX);
	BOUND(PV_SCHED_RR, fg_slice_ns, PV_SCHED_SLICE_MAX);
	BOUND(PV_SCHED_PRIO, fg_prio_boost, PV_SCHED_PRIO_LEVELS - 1);
#undef BOUND
	/* And the lower ends. */
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	c.fg_weight_mult = 1;
	c.credit_ns_per_weight = 1;
	c.cap_period_ns = PV_SCHED_SLICE_MIN;
	c.boost_ns = PV_SCHED_SLICE_MIN;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	c.cap_period_ns = PV_SCHED_SLICE_MIN - 1;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
	c.cap_period_ns = PV_SCHED_SLICE_MIN;
	c.boost_ns = PV_SCHED_SLICE_MIN - 1;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
	c.boost_ns = c.slice_ns + 1;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_EINVAL);
}

/*
 * Attack: EDF parameters at the edges: period one past the maximum, budget
 * one past the period; the maximum period with budget == period is
 * accepted and fills the admission test exactly, so a second unit of any
 * size is refused.
 */
static void test_edf_period_and_budget_one_past(void **st)
{
	(void)st;
	setup(PV_SCHED_EDF);
	REFUSED(pv_sched_add(&S, 0, pv_domid(1),
	                     &(struct pv_sched_params){ .budget = 1,
	                                                .period = PV_SCHED_EDF_PERIOD_MAX + 1 },
	                     0), PV_EINVAL);
	REFUSED(pv_sched_add(&S, 0, pv_domid(1),
	                     &(struct pv_sched_params){ .budget = 10 * MS + 1, .period = 10 * MS },
	                     0), PV_EINVAL);
	REFUSED(pv_sched_add(&S, 0, pv_domid(1),
	                     &(struct pv_sched_params){ .budget = 0, .period = 10 * MS }, 0),
	        PV_EINVAL);
	add(0, 1, (struct pv_sched_params){ .budget = PV_SCHED_EDF_PERIOD_MAX,
	                                    .period = PV_SCHED_EDF_PERIOD_MAX }, 0);
	assert_true(S.util == (1ull << 32));
	REFUSED(pv_sched_add(&S, 1, pv_domid(2),
	                     &(struct pv_sched_params){ .budget = 1,
	                                                .period = PV_SCHED_EDF_PERIOD_MAX }, 0),
	        PV_ENOSPC);
}

/*
 * Attack: an ARINC 653 table with exactly the maximum number of windows is
 * accepted; one more is PV_E2BIG. A window ending exactly at the major
 * frame is fine, one ending one nanosecond past is PV_ERANGE with *bad
 * naming it.
 */
static void test_arinc_window_count_and_end_one_past(void **st)
{
	(void)st;
	setup(PV_SCHED_ARINC653);
	add(0, 1, CR, 0);
	struct pv_sched_window w[PV_SCHED_ARINC_MAX_WINDOWS + 1];
	for (uint32_t i = 0; i < PV_SCHED_ARINC_MAX_WINDOWS + 1; i++)
		w[i] = (struct pv_sched_window){ pv_domid(1), i * MS, 1 * MS };
	uint32_t bad = 0;
	REFUSED(pv_sched_arinc_set_table(&S, w, PV_SCHED_ARINC_MAX_WINDOWS + 1,
	                                 (PV_SCHED_ARINC_MAX_WINDOWS + 1) * MS, 0, &bad),
	        PV_E2BIG);
	w[1].duration = 2 * MS; /* window 1 ends one past a major of 2 ms + 1 */
	REFUSED(pv_sched_arinc_set_table(&S, w, 2, 3 * MS - 1, 0, &bad), PV_ERANGE);
	assert_int_equal(bad, 1);
	w[1].duration = 1 * MS;
	OK(pv_sched_arinc_set_table(&S, w, PV_SCHED_ARINC_MAX_WINDOWS,
	                            PV_SCHED_ARINC_MAX_WINDOWS * MS, 0, &bad));
	assert_int_equal(S.nwin, PV_SCHED_ARINC_MAX_WINDOWS);
}

/* ======================================================================
 * The checker's own failure branches: corrupt each structure it examines
 * and require it to name the corruption. A checker that passes everything
 * would make every test above (and the fuzzer) vacuous.
 * ====================================================================== */

static void expect_inv(const char *what)
{
	const char *why = sc_invariants(&S);
	if (!why || strcmp(why, what) != 0)
		fail_msg("checker said \"%s\", expected \"%s\"", why ? why : "(nothing)", what);
}

/* A queue-policy instance with units 0, 1, 2 runnable on level 1, 3
 * blocked. */
static void corrupt_base(enum pv_sched_policy p)
{
	setup(p);
	struct pv_sched_params q = { .priority = 1, .weight = 256, .budget = 1 * MS,
	                             .period = 10 * MS };
	for (uint32_t u = 0; u < 4; u++)
		add(u, (uint16_t)(u + 1), q, 0);
	OK(pv_sched_block(&S, 3, 0));
}

static void test_checker_names_every_run_list_corruption(void **st)
{
	(void)st;
	uint32_t li = 1; /* level 1: the priority of corrupt_base */

	corrupt_base(PV_SCHED_PRIO);
	U[1].link.next = NU + 5; /* points past the units, at another head */
	expect_inv("list link out of range");

	corrupt_base(PV_SCHED_PRIO);
	U[2].link.next = 0; /* 0 -> 1 -> 2 -> 0: a cycle through unit 0 */
	expect_inv("unit on two lists (or a cycle)");

	corrupt_base(PV_SCHED_PRIO);
	U[1].link.prev = 2;
	expect_inv("broken prev link");

	corrupt_base(PV_SCHED_PRIO);
	U[1].list = 0xFFFFu;
	expect_inv("listed unit says it is on no list");

	corrupt_base(PV_SCHED_PRIO);
	S.lists[li].prev = 1;
	expect_inv("list tail wrong");

	corrupt_base(PV_SCHED_PRIO);
	U[3].list = (uint16_t)li; /* blocked, claims a list */
	expect_inv("unit claims a list but is not on one");

	corrupt_base(PV_SCHED_PRIO);
	U[3].state = PV_SCHED_RUNNABLE; /* runnable, queued nowhere */
	expect_inv("runnable unit is not queued");

	corrupt_base(PV_SCHED_PRIO);
	U[2].state = PV_SCHED_BLOCKED; /* blocked, still queued */
	expect_inv("blocked or free unit is queued");

	corrupt_base(PV_SCHED_PRIO);
	S.nadded++;
	expect_inv("added count wrong");

	corrupt_base(PV_SCHED_PRIO);
	S.bitmap |= 1u << 7;
	expect_inv("priority bitmap disagrees with the lists");

	corrupt_base(PV_SCHED_RR);
	S.bitmap = 0;
	expect_inv("priority bitmap disagrees with the lists");
}

static void test_checker_names_a_self_loop(void **st)
{
	(void)st;
	/* A unit linked to itself never returns to the head. (The checker's
	 * "list cycle" step bound cannot fire: more steps than units means a
	 * revisit, which is named first. It stays as a second line.) */
	corrupt_base(PV_SCHED_RR);
	U[0].link.next = 0;
	expect_inv("unit on two lists (or a cycle)");
}

static void edf_base(void)
{
	setup(PV_SCHED_EDF);
	for (uint32_t u = 0; u < 4; u++)
		add(u, (uint16_t)(u + 1),
		    (struct pv_sched_params){ .budget = 1 * MS, .period = (10 + u) * MS }, 0);
}

static void test_checker_names_every_edf_corruption(void **st)
{
	(void)st;
	edf_base();
	U[1].hpos = 99;
	expect_inv("heap position wrong");

	edf_base();
	U[1].heap = 2; /* not READY or RELEASE */
	expect_inv("heap position wrong");

	edf_base();
	U[3].deadline = 1; /* smaller than its parent's */
	expect_inv("heap order violated");

	edf_base();
	U[2].heap = 0xFFu; /* runnable EDF unit in no heap */
	expect_inv("runnable EDF unit in no heap");

	edf_base();
	S.util += 1;
	expect_inv("EDF util disagrees with the units");

	edf_base();
	U[0].bw_held = 5; /* held outside the heap */
	expect_inv("held bandwidth outside the heap");

	/* Make unit 0 hold bandwidth: remove it (its share stays held). */
	edf_base();
	OK(pv_sched_remove(&S, 0, 1 * MS));
	U[0].bw_held = 0;
	expect_inv("empty reservation in the heap");

	edf_base();
	OK(pv_sched_remove(&S, 0, 1 * MS));
	U[0].bw_pos = 3;
	expect_inv("held heap position wrong");

	edf_base();
	OK(pv_sched_remove(&S, 0, 1 * MS));
	OK(pv_sched_remove(&S, 1, 1 * MS));
	/* Unit 1 (deadline 11 ms) is below unit 0 (10 ms): make it earlier. */
	U[S.units[1].hslot[2]].bw_until = 1;
	expect_inv("held heap order violated");

	edf_base();
	OK(pv_sched_remove(&S, 0, 1 * MS));
	S.heap_n[2] = 2;
	expect_inv("held heap size wrong");

	edf_base();
	S.util = (1ull << 32) + 1;
	/* Make the units agree, so only the bound is wrong. */
	U[0].params.budget = U[0].params.period;
	U[1].params.budget = U[1].params.period;
	{
		uint64_t sum = 0;
		for (uint32_t u = 0; u < 4; u++)
			sum += ((U[u].params.budget << 32) + U[u].params.period - 1u) /
			       U[u].params.period;
		S.util = sum;
	}
	expect_inv("EDF util above 1");

	edf_base();
	S.heap_n[0] = NU + 1; /* positions all valid, the count impossible */
	expect_inv("heap sizes too big");

	edf_base();
	S.nunits = SC_MAX_UNITS + 1u;
	expect_inv("too many units for the checker");
	S.nunits = NU;
}

static void test_checker_names_credit_park_corruption(void **st)
{
	(void)st;
	setup(PV_SCHED_CREDIT);
	add(0, 1, (struct pv_sched_params){ .weight = 256, .cap = 10 }, 0);
	add(1, 2, CR, 0);
	assert_int_equal(pick(0).unit, 0);
	assert_int_equal(pick(3 * MS).unit, 1); /* 0 parked */
	/* The stale mark of the fixed bug: a unit on a run list that says it
	 * is parked until a time still to come. */
	U[1].unpark = 30 * MS;
	expect_inv("credit: unit off the parked list still marked parked");
	U[1].unpark = 0;
	inv();
	U[0].unpark = 60 * MS;
	expect_inv("credit: parked unit's window is not the instance's");
	U[0].unpark = 30 * MS;
	inv();
	/* A unit on a run list with its cap spent for this window. */
	OK(pv_sched_block(&S, 0, 4 * MS));
	OK(pv_sched_wake(&S, 0, 4 * MS)); /* parked again by the wake */
	inv();
	U[1].params.cap = 1;
	U[1].cap_win = 0;
	U[1].cap_used = 1 * MS;
	expect_inv("credit: unit on a run list has no cap left");
	U[1].params.cap = 0;
	inv();
	U[1].boosted = 1; /* on UNDER, says boosted */
	expect_inv("credit: boost flag disagrees with the list");
	U[1].boosted = 0;
	U[1].credit = 256 * 40 * (int64_t)US + 1;
	expect_inv("credit: credit outside its clamp");
	U[1].credit = -(256 * 40 * (int64_t)US);
	expect_inv("credit: credit outside its clamp");
}

static void test_checker_arinc_unit_without_partition_may_be_unqueued(void **st)
{
	(void)st;
	/* The one exemption: a runnable ARINC unit whose domain has no
	 * window is on no list, and that is right. Any other policy's
	 * runnable unit on no list is named. */
	setup(PV_SCHED_ARINC653);
	add(0, 1, CR, 0);
	inv();
	assert_int_equal(U[0].list, 0xFFFFu);
	setup(PV_SCHED_RR);
	add(0, 1, CR, 0);
	U[0].list = 0xFFFFu;
	S.lists[0].next = S.lists[0].prev = NU + 0;
	S.bitmap = 0;
	expect_inv("runnable unit is not queued");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_credit_parked_unit_blocks_wakes_with_raised_cap_then_lowered),
		cmocka_unit_test(test_credit_capped_unit_cycles_block_wake_cap_changes),
		cmocka_unit_test(test_credit_cap_set_mid_window_counts_time_already_run),
		cmocka_unit_test(test_credit_parked_unit_yields),
		cmocka_unit_test(test_credit_cap_of_exactly_100_and_101),
		cmocka_unit_test(test_credit_cap_of_1_is_one_percent),
		cmocka_unit_test(test_credit_weight_bounds),
		cmocka_unit_test(test_credit_sleeper_cannot_hoard_rounds),
		cmocka_unit_test(test_credit_debt_is_clamped_at_one_quantum),
		cmocka_unit_test(test_credit_clamp_on_weight_drop_and_foreground_loss),
		cmocka_unit_test(test_removed_running_unit_slot_reused_is_not_charged),
		cmocka_unit_test(test_blocked_running_unit_is_not_charged_after_wake),
		cmocka_unit_test(test_unit_index_one_past_the_end),
		cmocka_unit_test(test_domain_id_one_past_the_last_guest),
		cmocka_unit_test(test_unit_count_one_past_the_limit),
		cmocka_unit_test(test_prio_level_one_past_the_top),
		cmocka_unit_test(test_prio_boost_landing_exactly_one_past_the_top),
		cmocka_unit_test(test_config_fields_one_past_their_bounds),
		cmocka_unit_test(test_edf_period_and_budget_one_past),
		cmocka_unit_test(test_arinc_window_count_and_end_one_past),
		cmocka_unit_test(test_checker_names_every_run_list_corruption),
		cmocka_unit_test(test_checker_names_a_self_loop),
		cmocka_unit_test(test_checker_names_every_edf_corruption),
		cmocka_unit_test(test_checker_names_credit_park_corruption),
		cmocka_unit_test(test_checker_arinc_unit_without_partition_may_be_unqueued),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
