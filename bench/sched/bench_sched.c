/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Benchmark: ns per pv_sched_pick_next() (including the accounting of the
 * unit that ran since the previous pick) for 4, 64 and 1024 runnable units,
 * per policy, and the ratio 1024/4. Simulated time advances by each
 * decision's run_ns, as if the one-shot timer fired every time. The
 * baseline is the cheapest possible round-robin pick: the next index of a
 * plain array.
 */
#include <stdio.h>
#include <stdlib.h>

#include <pvlib/sched.h>

#include "bench.h"

#define MAXU 1024u
#define ITER 200000u
#define RUNS 7

static struct pv_sched S;
static struct pv_sched_unit U[MAXU];
static volatile uint64_t sink;

static void setup(enum pv_sched_policy pol, uint32_t n)
{
	struct pv_sched_config c;
	pv_sched_config_default(pol, &c);
	c.slice_ns = 100000;
	c.boost_ns = 10000;
	c.credit_ns_per_weight = 100;
	if (pv_sched_init(&S, &c, U, n) != PV_OK)
		abort();
	for (uint32_t u = 0; u < n; u++) {
		struct pv_sched_params p = {
			/* two busy levels, each with n / 2 >= 2 units, so that at
			 * every size a pick rotates within the top level (with 4
			 * levels, 4 units would leave one alone at the top, and
			 * its picks would be cheaper than any at 1024) */
			.priority = 3 + u % 2,
			.weight = 64 + (u * 37) % 512,
			.cap = u % 8 == 0 ? 50 : 0,
			.budget = 90000,                /* 90 us every n * 100 us: U = 0.9 */
			.period = (pv_time_ns_t)n * 100000,
		};
		if (pv_sched_add(&S, u, pv_domid((uint16_t)(u % 8 + 1)), &p, 0) != PV_OK)
			abort();
	}
	if (pol == PV_SCHED_ARINC653) {
		struct pv_sched_window w[8];
		for (uint16_t i = 0; i < 8; i++)
			w[i] = (struct pv_sched_window){ pv_domid((uint16_t)(i % (n < 8 ? n : 8) + 1)),
			                                  i * 500000u, 500000u };
		if (pv_sched_arinc_set_table(&S, w, 8, 4000000u, 0, 0) != PV_OK)
			abort();
	}
}

static double bench_pick(enum pv_sched_policy pol, uint32_t n)
{
	double best = 1e30;
	for (int r = 0; r < RUNS; r++) {
		setup(pol, n);
		pv_time_ns_t t = 0;
		struct pv_sched_decision d;
		/* warm up: one pass over the units */
		for (uint32_t i = 0; i < 4 * n; i++) {
			pv_sched_pick_next(&S, t, &d);
			t += d.run_ns == PV_TIME_NEVER ? 100000 : d.run_ns;
		}
		uint64_t acc = 0;
		double t0 = bench_now_ns();
		for (uint32_t i = 0; i < ITER; i++) {
			pv_sched_pick_next(&S, t, &d);
			t += d.run_ns == PV_TIME_NEVER ? 100000 : d.run_ns;
			acc += d.unit;
		}
		double dt = (bench_now_ns() - t0) / ITER;
		sink += acc;
		if (dt < best)
			best = dt;
	}
	return best;
}

static double bench_baseline(uint32_t n)
{
	static uint32_t ring[MAXU];
	for (uint32_t i = 0; i < n; i++)
		ring[i] = i;
	double best = 1e30;
	for (int r = 0; r < RUNS; r++) {
		uint64_t acc = 0;
		uint32_t i = 0;
		double t0 = bench_now_ns();
		for (uint32_t k = 0; k < ITER; k++) {
			acc += ring[i];
			i = i + 1 == n ? 0 : i + 1;
			__asm__ volatile("" : "+r"(acc)); /* keep the loop */
		}
		double dt = (bench_now_ns() - t0) / ITER;
		sink += acc;
		if (dt < best)
			best = dt;
	}
	return best;
}

int main(void)
{
	static const struct {
		enum pv_sched_policy p;
		const char *name;
	} pols[] = {
		{ PV_SCHED_RR, "round-robin" },
		{ PV_SCHED_PRIO, "fixed priority" },
		{ PV_SCHED_CREDIT, "credit" },
		{ PV_SCHED_ARINC653, "ARINC 653" },
		{ PV_SCHED_EDF, "EDF" },
	};
	static const uint32_t sizes[] = { 4, 64, 1024 };
	double base = bench_baseline(64);
	printf("pick_next, ns per call (best of %d runs of %u picks)\n", RUNS, ITER);
	printf("baseline (next index of a plain array): %.2f ns\n\n", base);
	printf("%-16s %9s %9s %9s %10s %14s\n", "policy", "4", "64", "1024", "1024/4",
	       "1024/baseline");
	for (unsigned i = 0; i < sizeof pols / sizeof pols[0]; i++) {
		double v[3];
		for (unsigned j = 0; j < 3; j++)
			v[j] = bench_pick(pols[i].p, sizes[j]);
		printf("%-16s %9.2f %9.2f %9.2f %10.2f %14.1f\n", pols[i].name, v[0], v[1], v[2],
		       v[2] / v[0], v[2] / base);
	}
	return sink == 42 ? 1 : 0;
}
