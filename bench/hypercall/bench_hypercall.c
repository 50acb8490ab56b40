/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypercall dispatch cost against the cheapest code that does the same job:
 * take the arguments from the trap frame, call the same handler directly,
 * store its result in r0. Both loops run the same handler on the same frame;
 * the ratio is the price of lookup, permission check, arity handling,
 * continuation check and statistics.
 *
 *   meson setup build/bench --buildtype=release -Dtests=false
 *   ninja -C build/bench && build/bench/bench/hypercall/bench_hypercall
 */
#include <stdio.h>
#include <stdint.h>

#include <pvlib/hypercall.h>

#include "bench.h"

/* A "null" hypercall that still uses its arguments. */
__attribute__((noinline)) static int32_t h_null(struct pv_hc_call *c)
{
	return (int32_t)(c->args[0] ^ c->args[1]);
}

enum { NR_NULL = 7, NR_LEN = 16 };

static const struct pv_hc_entry table[NR_LEN] = {
	[0] = { 0, 0, 0, "zero", h_null },
	[NR_NULL] = { NR_NULL, 2, 0, "null", h_null },
	[NR_LEN - 1] = { NR_LEN - 1, 5, 0, "last", h_null },
};

#define ITERS 20000000u
#define RUNS 7

/* What a hand-written trap handler would do for this one hypercall. */
__attribute__((noinline)) static void direct(struct pv_trap_frame *tf, pv_domid_t dom)
{
	struct pv_hc_call call = { .dom = dom, .nr = tf->r[12] };
	call.args[0] = tf->r[0];
	call.args[1] = tf->r[1];
	tf->r[0] = (uint32_t)h_null(&call);
}

int main(void)
{
	struct pv_hc hc;
	struct pv_hc_stats stats[NR_LEN];
	struct pv_hc_perm perms[4];
	struct pv_hc_config cfg = {
		.table = table, .table_len = NR_LEN, .stats = stats, .perms = perms,
		.max_domains = 4, .multicall_max = 64, .multicall_slice = 16,
	};
	if (pv_hc_init(&hc, &cfg, NULL) != PV_OK ||
	    pv_hc_perm_set(&hc, pv_domid(1), (struct pv_hc_perm){ UINT64_C(1) << NR_NULL }) != PV_OK) {
		fprintf(stderr, "init failed\n");
		return 1;
	}
	struct pv_trap_frame tf = { .r = { 1, 2 } };
	tf.r[12] = NR_NULL;
	volatile uint32_t sink = 0;
	double best_direct = 1e30, best_dispatch = 1e30;
	for (int run = 0; run < RUNS; run++) {
		double t0 = bench_now_ns();
		for (uint32_t i = 0; i < ITERS; i++) {
			tf.r[0] = i;
			direct(&tf, pv_domid(1));
			sink += tf.r[0];
		}
		double t1 = bench_now_ns();
		for (uint32_t i = 0; i < ITERS; i++) {
			tf.r[0] = i;
			pv_hc_dispatch(&hc, pv_domid(1), &tf);
			sink += tf.r[0];
		}
		double t2 = bench_now_ns();
		double d = (t1 - t0) / ITERS, h = (t2 - t1) / ITERS;
		if (d < best_direct)
			best_direct = d;
		if (h < best_dispatch)
			best_dispatch = h;
	}
	if (stats[NR_NULL].calls != (uint64_t)ITERS * RUNS) {
		fprintf(stderr, "dispatch did not reach the handler every time\n");
		return 1;
	}
	printf("%-34s %10s %8s\n", "operation", "ns/call", "ratio");
	printf("%-34s %10.2f %8.2f\n", "direct call (baseline)", best_direct, 1.0);
	printf("%-34s %10.2f %8.2f\n", "pv_hc_dispatch", best_dispatch, best_dispatch / best_direct);
	printf("(best of %d runs of %u calls; sink %u)\n", RUNS, ITERS, (unsigned)sink);
	return 0;
}
