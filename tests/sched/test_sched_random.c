/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched: long randomized runs on a simulated clock, each checked against
 * what the policy promises:
 *   credit    CPU shares within 1% of the weights over 10 s; caps never
 *             exceeded in any cap window, with units blocking and waking
 *   priority  a runnable unit of a higher level always runs
 *   ARINC 653 every window starts and ends exactly on time, 1000 frames
 *   EDF       no deadline miss for any admitted set, also while units come,
 *             go and change parameters; admission refuses every set with
 *             utilisation above 1 (checked exactly in integers)
 * The simulated hypervisor obeys each decision's run_ns, but random
 * interrupts (events) often cut a run short, and units block, wake and yield
 * at random. The structural invariants are checked after every call.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/sched.h>
#include "port_fake.h"
#include "sched_check.h"

__extension__ typedef unsigned __int128 u128;

#define MS 1000000ull
#define US 1000ull
#define NU 16u

static struct pv_sched S;
static struct pv_sched_unit U[NU];

static void inv(void)
{
	const char *why = sc_invariants(&S);
	if (why)
		fail_msg("invariant: %s", why);
}

static struct pv_sched_decision pick(pv_time_ns_t now)
{
	struct pv_sched_decision d;
	assert_int_equal(pv_sched_pick_next(&S, now, &d), PV_OK);
	assert_true(d.run_ns > 0);
	inv();
	return d;
}

/* How long the simulated CPU follows decision d from now: the full run_ns,
 * or (with probability 1/k) a random earlier interrupt. */
static pv_time_ns_t follow(uint64_t *rng, struct pv_sched_decision d, pv_time_ns_t cap, unsigned k)
{
	pv_time_ns_t step = d.run_ns == PV_TIME_NEVER ? cap : d.run_ns;
	if (step > cap)
		step = cap;
	if (k && sc_rand(rng) % k == 0 && step > 1)
		step = sc_range(rng, 1, step - 1);
	return step;
}

static pv_time_ns_t sched_min_t(pv_time_ns_t a, pv_time_ns_t b)
{
	return a < b ? a : b;
}

static void test_credit_shares_follow_weights(void **st)
{
	(void)st;
	for (uint64_t seed = 1; seed <= 3; seed++) {
		uint64_t rng = seed * 0x9E3779B97F4A7C15ull;
		struct pv_sched_config c;
		pv_sched_config_default(PV_SCHED_CREDIT, &c);
		c.slice_ns = 1 * MS;
		c.boost_ns = 200 * US;
		c.credit_ns_per_weight = 1000;
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
		unsigned n = (unsigned)sc_range(&rng, 2, 8);
		uint64_t wsum = 0;
		for (uint32_t u = 0; u < n; u++) {
			struct pv_sched_params p = { .weight = (uint32_t)sc_range(&rng, 1, 1000) };
			wsum += p.weight;
			assert_int_equal(pv_sched_add(&S, u, pv_domid((uint16_t)(u + 1)), &p, 0), PV_OK);
		}
		pv_time_ns_t t = 0, end = 10000 * MS;
		while (t < end) {
			struct pv_sched_decision d = pick(t);
			assert_int_not_equal(d.unit, PV_SCHED_IDLE);
			assert_true(d.run_ns <= c.slice_ns);
			t += follow(&rng, d, end - t, 4);
			if (sc_rand(&rng) % 16 == 0) {
				/* The running unit yields: its share must not change. */
				assert_int_equal(pv_sched_yield(&S, d.unit, t), PV_OK);
				inv();
			}
		}
		pick(t);
		for (uint32_t u = 0; u < n; u++) {
			double share = (double)pv_sched_unit_ran(&S, u) / (double)t;
			double want = (double)U[u].params.weight / (double)wsum;
			if (share < want * 0.99 || share > want * 1.01)
				fail_msg("seed %llu unit %u: share %f, weight share %f",
				         (unsigned long long)seed, u, share, want);
		}
	}
}

static void test_credit_caps_never_exceeded(void **st)
{
	(void)st;
	for (uint64_t seed = 1; seed <= 3; seed++) {
		uint64_t rng = seed * 0x51ED2701ull;
		struct pv_sched_config c;
		pv_sched_config_default(PV_SCHED_CREDIT, &c);
		c.slice_ns = 2 * MS;
		c.cap_period_ns = 10 * MS;
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
		unsigned n = (unsigned)sc_range(&rng, 2, 10);
		pv_time_ns_t used[NU] = { 0 }, win = 0;
		for (uint32_t u = 0; u < n; u++) {
			struct pv_sched_params p = { .weight = (uint32_t)sc_range(&rng, 1, 1000),
			                             .cap = (uint32_t)(sc_rand(&rng) % 2 ?
			                                               sc_range(&rng, 1, 100) : 0) };
			assert_int_equal(pv_sched_add(&S, u, pv_domid((uint16_t)(u + 1)), &p, 0), PV_OK);
		}
		pv_time_ns_t t = 0, end = 5000 * MS, busy = 0;
		uint32_t woken = 0;
		while (t < end) {
			if (t / c.cap_period_ns != win) {
				win = t / c.cap_period_ns;
				for (uint32_t u = 0; u < n; u++)
					used[u] = 0;
			}
			struct pv_sched_decision d = pick(t);
			pv_time_ns_t step = follow(&rng, d, sched_min_t(end - t, 5 * MS), 3);
			/* A run never crosses a cap window boundary. */
			if (d.unit != PV_SCHED_IDLE && U[d.unit].params.cap)
				assert_true(t / c.cap_period_ns == (t + step - 1) / c.cap_period_ns);
			/* Work conserving: idle only if every runnable unit is at
			 * its cap in this window. */
			if (d.unit == PV_SCHED_IDLE) {
				for (uint32_t u = 0; u < n; u++) {
					if (U[u].state != PV_SCHED_RUNNABLE)
						continue;
					assert_true(U[u].params.cap != 0);
					assert_true(used[u] == c.cap_period_ns * U[u].params.cap / 100);
				}
			}
			if (d.unit != PV_SCHED_IDLE) {
				used[d.unit] += step;
				busy += step;
				uint32_t cap = U[d.unit].params.cap;
				if (cap)
					assert_true(used[d.unit] <= c.cap_period_ns * cap / 100);
			}
			t += step;
			uint32_t v = (uint32_t)(sc_rand(&rng) % n);
			switch (sc_rand(&rng) % 8) {
			case 0: assert_int_equal(pv_sched_block(&S, v, t), PV_OK); break;
			case 1: case 2: assert_int_equal(pv_sched_wake(&S, v, t), PV_OK); woken++; break;
			case 3:
				if (U[v].state == PV_SCHED_RUNNABLE)
					assert_int_equal(pv_sched_yield(&S, v, t), PV_OK);
				break;
			default: break;
			}
			inv();
		}
		assert_true(woken > 100);
		assert_true(busy > end / 100); /* it did schedule */
	}
}

static uint32_t level_of(uint32_t u)
{
	return U[u].params.priority;
}

static void test_prio_highest_runnable_always_runs(void **st)
{
	(void)st;
	uint64_t rng = 12345;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_PRIO, &c);
	c.slice_ns = 1 * MS;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	for (uint32_t u = 0; u < NU; u++) {
		struct pv_sched_params p = { .priority = (uint32_t)sc_range(&rng, 0, 6) };
		assert_int_equal(pv_sched_add(&S, u, pv_domid((uint16_t)(u + 1)), &p, 0), PV_OK);
	}
	pv_time_ns_t t = 0;
	pv_time_ns_t ran_at_top[NU] = { 0 };
	for (int i = 0; i < 200000; i++) {
		struct pv_sched_decision d = pick(t);
		uint32_t best = 0;
		bool any = false;
		for (uint32_t u = 0; u < NU; u++) {
			if (U[u].state == PV_SCHED_RUNNABLE) {
				if (!any || level_of(u) > best)
					best = level_of(u);
				any = true;
			}
		}
		if (!any) {
			assert_int_equal(d.unit, PV_SCHED_IDLE);
		} else {
			assert_int_not_equal(d.unit, PV_SCHED_IDLE);
			assert_int_equal(level_of(d.unit), best);
		}
		pv_time_ns_t step = follow(&rng, d, 5 * MS, 3);
		if (d.unit != PV_SCHED_IDLE)
			ran_at_top[d.unit] += step;
		t += step;
		uint32_t v = (uint32_t)(sc_rand(&rng) % NU);
		switch (sc_rand(&rng) % 6) {
		case 0: assert_int_equal(pv_sched_block(&S, v, t), PV_OK); break;
		case 1: assert_int_equal(pv_sched_wake(&S, v, t), PV_OK); break;
		case 2:
			if (U[v].state == PV_SCHED_RUNNABLE)
				assert_int_equal(pv_sched_yield(&S, v, t), PV_OK);
			break;
		case 3:
			if (sc_rand(&rng) % 50 == 0) {
				struct pv_sched_params p = { .priority = (uint32_t)sc_range(&rng, 0, 6) };
				assert_int_equal(pv_sched_set_params(&S, v, &p, t), PV_OK);
			}
			break;
		default: break;
		}
		inv();
	}
	/* The charged time is exactly the time the decisions gave. */
	assert_int_equal(pv_sched_tick(&S, t), PV_OK);
	for (uint32_t u = 0; u < NU; u++)
		assert_true(ran_at_top[u] == pv_sched_unit_ran(&S, u));
}

static void test_arinc_windows_exact_over_1000_frames(void **st)
{
	(void)st;
	uint64_t rng = 777;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_ARINC653, &c);
	c.slice_ns = 300 * US;
	assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
	/* Domains 1..4, 1 to 3 units each. */
	uint32_t nu = 0;
	for (uint16_t dom = 1; dom <= 4; dom++) {
		uint32_t k = (uint32_t)sc_range(&rng, 1, 3);
		for (uint32_t i = 0; i < k; i++, nu++) {
			struct pv_sched_params p = { 0 };
			assert_int_equal(pv_sched_add(&S, nu, pv_domid(dom), &p, 0), PV_OK);
		}
	}
	struct pv_sched_window w[12];
	pv_time_ns_t off = 0;
	for (uint32_t i = 0; i < 12; i++) {
		uint64_t r = sc_range(&rng, 0, 5);
		w[i].dom = r == 0 ? pv_domid_none() : pv_domid((uint16_t)(r > 4 ? 1 : r));
		w[i].offset = off;
		w[i].duration = sc_range(&rng, 50 * US, 2 * MS);
		off += w[i].duration;
	}
	pv_time_ns_t major = off, t0 = 12345;
	assert_int_equal(pv_sched_arinc_set_table(&S, w, 12, major, t0, 0), PV_OK);
	pv_time_ns_t t = t0, end = t0 + 1000 * major;
	uint32_t wi = 0;
	pv_time_ns_t wstart = t0;
	uint64_t boundaries = 0, owner_ran = 0, idle_while_runnable = 0;
	while (t < end) {
		struct pv_sched_decision d = pick(t);
		while (t >= wstart + w[wi].duration) {
			wstart += w[wi].duration;
			wi = (wi + 1) % 12;
		}
		pv_time_ns_t wend = wstart + w[wi].duration;
		/* Never runs past the window; the owner's unit or idle. */
		assert_true(d.run_ns <= wend - t);
		bool owner_runnable = false;
		for (uint32_t u = 0; u < nu; u++)
			if (pv_domid_eq(U[u].dom, w[wi].dom) && U[u].state == PV_SCHED_RUNNABLE)
				owner_runnable = true;
		if (d.unit == PV_SCHED_IDLE) {
			assert_false(owner_runnable);
			assert_true(d.run_ns == wend - t); /* idle to the window's end */
		} else {
			assert_true(pv_domid_eq(d.dom, w[wi].dom));
			owner_ran++;
		}
		(void)idle_while_runnable;
		pv_time_ns_t step = follow(&rng, d, end - t, 5);
		t += step;
		if (t == wend)
			boundaries++;
		/* Events: block and wake at random. */
		uint32_t v = (uint32_t)(sc_rand(&rng) % nu);
		switch (sc_rand(&rng) % 10) {
		case 0: assert_int_equal(pv_sched_block(&S, v, t), PV_OK); break;
		case 1: case 2: assert_int_equal(pv_sched_wake(&S, v, t), PV_OK); break;
		case 3:
			if (U[v].state == PV_SCHED_RUNNABLE)
				assert_int_equal(pv_sched_yield(&S, v, t), PV_OK);
			break;
		default: break;
		}
		inv();
	}
	/* Every window of every frame ended exactly at a pick. */
	assert_true(boundaries == 1000u * 12u);
	assert_true(owner_ran > 1000);
}

/* Periods that all divide L, so utilisation is exact in integers. */
#define EDF_L 720720000ull
static const pv_time_ns_t edf_div[] = { 720, 360, 240, 180, 144, 120, 90, 80, 72, 60, 48, 45, 40 };

static void test_edf_admitted_sets_meet_every_deadline(void **st)
{
	(void)st;
	uint64_t rng = 4242;
	int heavy = 0;
	for (int round = 0; round < 12; round++) {
		struct pv_sched_config c;
		pv_sched_config_default(PV_SCHED_EDF, &c);
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
		u128 exact = 0; /* sum budget * (L / period), must be <= L */
		uint32_t n = 0;
		for (uint32_t tries = 0; tries < 40 && n < NU; tries++) {
			pv_time_ns_t per = EDF_L / edf_div[sc_rand(&rng) % 13]; /* 1..18 ms */
			struct pv_sched_params p = { .period = per,
			                             .budget = sc_range(&rng, 1, per / 2) };
			u128 e = exact + (u128)p.budget * (EDF_L / per);
			enum pv_status r = pv_sched_add(&S, n, pv_domid((uint16_t)(n + 1)), &p, 0);
			if (e > EDF_L) {
				assert_int_equal(r, PV_ENOSPC); /* U > 1 is always refused */
			} else if (r != PV_OK) {
				assert_int_equal(r, PV_ENOSPC);
				/* only within rounding of exactly 1 */
				assert_true(e * 1000000u > (u128)EDF_L * 999999u);
			} else {
				exact = e;
				n++;
			}
			inv();
		}
		assert_true(n > 0);
		if (exact * 10u > (u128)EDF_L * 9u)
			heavy++;
		/* Run 2 s; every unit always runnable. */
		pv_time_ns_t end = 2000 * MS, t = 0;
		static pv_time_ns_t got[NU][4000];
		memset(got, 0, sizeof got);
		while (t < end) {
			struct pv_sched_decision d = pick(t);
			pv_time_ns_t step = follow(&rng, d, end - t, 4);
			if (d.unit != PV_SCHED_IDLE) {
				pv_time_ns_t per = U[d.unit].params.period;
				uint64_t k = t / per;
				/* A run stays inside its unit's period. */
				assert_true((t + step - 1) / per == k);
				got[d.unit][k] += step;
				if (got[d.unit][k] > U[d.unit].params.budget)
					fail_msg("round %d unit %u t %llu step %llu k %llu got %llu B %llu P %llu dl %llu rem %llu", round, d.unit,
					         (unsigned long long)t, (unsigned long long)step, (unsigned long long)k,
					         (unsigned long long)got[d.unit][k], (unsigned long long)U[d.unit].params.budget,
					         (unsigned long long)per, (unsigned long long)U[d.unit].deadline, (unsigned long long)U[d.unit].remaining);
			}
			t += step;
		}
		for (uint32_t u = 0; u < n; u++) {
			uint64_t periods = end / U[u].params.period;
			for (uint64_t k = 0; k < periods; k++)
				if (got[u][k] != U[u].params.budget)
					fail_msg("unit %u period %llu: got %llu of %llu", u,
					         (unsigned long long)k, (unsigned long long)got[u][k],
					         (unsigned long long)U[u].params.budget);
		}
	}
	assert_true(heavy >= 6); /* most sets loaded above 90% */
}

static void test_edf_admission_refuses_every_overload(void **st)
{
	(void)st;
	uint64_t rng = 99;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_EDF, &c);
	for (int round = 0; round < 2000; round++) {
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
		uint32_t n = 0;
		/* Arbitrary periods: compare sum(B_i / P_i) with 1 exactly via
		 * a common denominator: three periods below 2^32 fit in 128 bits. */
		pv_time_ns_t per[3], bud[3];
		for (uint32_t i = 0; i < 3; i++) {
			per[i] = sc_range(&rng, 1, sc_rand(&rng) % 2 ? 1000 : PV_SCHED_EDF_PERIOD_MAX);
			bud[i] = sc_range(&rng, 1, per[i]);
			struct pv_sched_params p = { .budget = bud[i], .period = per[i] };
			enum pv_status r = pv_sched_add(&S, n, pv_domid(1), &p, 0);
			/* exact test: sum_{j<=i} bud_j * prod_{k!=j} per_k <= prod per */
			u128 num = 0, den = 1;
			for (uint32_t j = 0; j <= i; j++)
				den *= per[j];
			for (uint32_t j = 0; j <= i; j++) {
				u128 term = bud[j];
				for (uint32_t k = 0; k <= i; k++)
					if (k != j)
						term *= per[k];
				num += term;
			}
			/* Units 0..i-1 accepted so far are all in (r refused => stop). */
			if (num > den)
				assert_int_equal(r, PV_ENOSPC);
			if (r != PV_OK)
				break;
			n++;
		}
		inv();
	}
}

/*
 * EDF under churn: units are added, removed, re-parameterised, blocked,
 * woken and yield at random while the set stays close to full. Whatever the
 * admission test accepted must meet every deadline: no runnable unit may
 * reach its deadline with budget left. (Before bandwidth given up by a
 * removal or a decrease was held until the unit's deadline, a unit admitted
 * into that room could miss.) At the end every unit goes; once their
 * deadlines have passed, a whole CPU's worth is admitted again.
 */
static void test_edf_churn_never_misses_a_deadline(void **st)
{
	(void)st;
	unsigned ops[8] = { 0 }, refused = 0;
	for (uint64_t seed = 1; seed <= 8; seed++) {
		uint64_t rng = seed * 0x2545F4914F6CDD1Dull;
		struct pv_sched_config c;
		pv_sched_config_default(PV_SCHED_EDF, &c);
		c.slice_ns = 500 * US;
		assert_int_equal(pv_sched_init(&S, &c, U, NU), PV_OK);
		pv_time_ns_t t = 0, end = 3000 * MS;
		while (t < end) {
			struct pv_sched_decision d = pick(t);
			t += follow(&rng, d, sched_min_t(end - t, 4 * MS), 3);
			assert_int_equal(pv_sched_tick(&S, t), PV_OK);
			for (uint32_t u = 0; u < NU; u++) {
				const struct pv_sched_unit *x = &U[u];
				if (x->state == PV_SCHED_RUNNABLE && x->heap == 0 && x->deadline <= t &&
				    x->remaining > 0)
					fail_msg("seed %llu t %llu: unit %u missed deadline %llu, %llu ns left",
					         (unsigned long long)seed, (unsigned long long)t, u,
					         (unsigned long long)x->deadline,
					         (unsigned long long)x->remaining);
			}
			/*
			 * The adversary: a unit that has just spent its budget,
			 * early in its period, is removed or lowered, and the room
			 * is offered at once to a newcomer with a short period.
			 * If admission gave that room away before the deadline of
			 * the unit that left, someone would miss.
			 */
			uint32_t v = d.unit;
			if (v != PV_SCHED_IDLE && U[v].state == PV_SCHED_RUNNABLE &&
			    U[v].remaining == 0 && sc_rand(&rng) % 2) {
				struct pv_sched_params low = U[v].params;
				low.budget = low.budget / 16u + 1u;
				if (sc_rand(&rng) % 2) {
					assert_int_equal(pv_sched_remove(&S, v, t), PV_OK);
					ops[1]++;
				} else {
					assert_int_equal(pv_sched_set_params(&S, v, &low, t), PV_OK);
					ops[2]++;
				}
				inv();
			}
			/* Fill: give a free slot all the room admission has left
			 * (S.util counts the admitted terms and the bandwidth still
			 * held, less what is held only until now or earlier): that
			 * much must be accepted, and not a nanosecond more. */
			v = (uint32_t)(sc_rand(&rng) % NU);
			if (U[v].state == PV_SCHED_FREE) {
				uint64_t room = (1ull << 32) - S.util;
				for (uint32_t u = 0; u < NU; u++)
					if (U[u].bw_held && U[u].bw_until <= t)
						room += U[u].bw_held;
				pv_time_ns_t per = EDF_L / edf_div[sc_range(&rng, 0, 12) * sc_range(&rng, 0, 12) / 12];
				struct pv_sched_params p = { .period = per, .budget = room * per >> 32 };
				if (p.budget > per)
					p.budget = per;
				if (p.budget > 0) {
					if (sc_rand(&rng) % 4 == 0) {
						p.budget++;
						enum pv_status r = pv_sched_add(&S, v, pv_domid((uint16_t)(v % 4 + 1)), &p, t);
						assert_int_equal(r, p.budget > per ? PV_EINVAL : PV_ENOSPC);
						refused++;
						p.budget--;
					}
					assert_int_equal(pv_sched_add(&S, v, pv_domid((uint16_t)(v % 4 + 1)), &p, t), PV_OK);
					ops[0]++;
					inv();
				}
			}
			/* And everything else a unit may do, now and then. */
			v = (uint32_t)(sc_rand(&rng) % NU);
			if (U[v].state == PV_SCHED_FREE)
				continue;
			pv_time_ns_t per = EDF_L / edf_div[sc_rand(&rng) % 13];
			struct pv_sched_params p = { .period = per, .budget = sc_range(&rng, 1, per / 2) };
			enum pv_status r = PV_OK;
			unsigned op = (unsigned)(sc_rand(&rng) % 32);
			switch (op) {
			case 0: r = pv_sched_remove(&S, v, t); break;
			case 1: case 2: r = pv_sched_set_params(&S, v, &p, t); break;
			case 3: r = pv_sched_block(&S, v, t); break;
			case 4: case 5: case 6: r = pv_sched_wake(&S, v, t); break;
			case 7:
				if (U[v].state != PV_SCHED_RUNNABLE)
					continue;
				r = pv_sched_yield(&S, v, t);
				break;
			case 8:
				r = pv_sched_set_foreground(&S, sc_rand(&rng) % 2 ? pv_domid_none()
				                                                  : pv_domid((uint16_t)(v % 4 + 1)), t);
				break;
			default: continue;
			}
			if (r == PV_ENOSPC) {
				refused++;
				continue;
			}
			assert_int_equal(r, PV_OK);
			ops[op == 0 ? 1 : op <= 2 ? 2 : op == 3 ? 3 : op <= 6 ? 4 : op == 7 ? 5 : 6]++;
			inv();
		}
		/* Everyone leaves; what they held comes back by the latest of
		 * their deadlines, and not before. */
		pv_time_ns_t latest = t;
		for (uint32_t u = 0; u < NU; u++) {
			if (U[u].state != PV_SCHED_FREE && U[u].deadline > latest)
				latest = U[u].deadline;
			if (U[u].bw_held && U[u].bw_until > latest)
				latest = U[u].bw_until;
			if (U[u].state != PV_SCHED_FREE)
				assert_int_equal(pv_sched_remove(&S, u, t), PV_OK);
		}
		inv();
		struct pv_sched_params all = { .budget = 10 * MS, .period = 10 * MS };
		if (S.heap_n[2] != 0 && latest > t)
			assert_int_equal(pv_sched_add(&S, 0, pv_domid(1), &all, latest - 1), PV_ENOSPC);
		assert_int_equal(pv_sched_add(&S, 0, pv_domid(1), &all, latest), PV_OK);
		inv();
	}
	/* The churn did happen, and admission did have to refuse. */
	for (unsigned i = 0; i < 7; i++)
		assert_true(ops[i] > 300);
	assert_true(refused > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_credit_shares_follow_weights),
		cmocka_unit_test(test_credit_caps_never_exceeded),
		cmocka_unit_test(test_prio_highest_runnable_always_runs),
		cmocka_unit_test(test_arinc_windows_exact_over_1000_frames),
		cmocka_unit_test(test_edf_admitted_sets_meet_every_deadline),
		cmocka_unit_test(test_edf_admission_refuses_every_overload),
		cmocka_unit_test(test_edf_churn_never_misses_a_deadline),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
