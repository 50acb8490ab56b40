/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypercall dispatch cost against the cheapest code that does the same job:
 * take the arguments from the trap frame, call the same handler directly,
 * store its result in r0. Both loops run the same handler over the same
 * frames; the ratio is the price of lookup, permission check, arity
 * handling, continuation check and statistics.
 *
 * The frames are filled before the timed loops (FRAMES of them, arguments
 * from a PRNG) and the loop itself stores nothing: it passes a pointer to
 * a frame and takes the result from the return value. Which frame comes
 * next depends on that result (1 to 64 frames further on), so the calls
 * form one dependent chain, as traps do, and the loop measures the latency
 * of a call, not the throughput of overlapped ones. The only store into a
 * frame is each call's r0, and a frame is used again at the earliest four
 * calls later; no load waits on a store of the same or the previous call
 * (docs/benchmarks.md says how the generated code was checked). Many short
 * runs, alternating the two loops, each loop's best: the host is shared.
 *
 *   meson setup build/bench --buildtype=release -Dtests=false
 *   ninja -C build/bench && build/bench/bench/hypercall/bench_hypercall
 */
#include <stdio.h>
#include <stdint.h>

#include <pvlib/hypercall.h>

#include "bench.h"

/* A "null" hypercall that still uses its arguments. Its result's sign is
 * as random as they are: half the calls count as errors, and no branch on
 * the result can be predicted. */
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

#define ITERS 100000u
#define RUNS 401

#define FRAMES 256u /* 256 * 68 bytes: 17 KiB, in L1 */

/*
 * What a hand-written trap handler would do for this one hypercall. Each
 * argument goes from the frame into the call with a 4-byte load and a
 * 4-byte store, as the dispatcher moves them: the empty asm keeps the
 * compiler from merging the two into one 8-byte move, whose store the
 * handler's 4-byte loads then read in halves, which costs this loop about
 * 2 ns a call on the host of docs/benchmarks.md (a slower baseline, not a
 * cheaper dispatch).
 */
__attribute__((noinline)) static int32_t direct(struct pv_trap_frame *tf, pv_domid_t dom)
{
	struct pv_hc_call call = { .dom = dom, .nr = tf->r[12] };
	uint32_t a0 = tf->r[0], a1 = tf->r[1];
	__asm__("" : "+r"(a0), "+r"(a1));
	call.args[0] = a0;
	call.args[1] = a1;
	int32_t rc = h_null(&call);
	tf->r[0] = (uint32_t)rc;
	return rc;
}

static struct pv_trap_frame frames[FRAMES];

/* Fresh arguments in every frame (xorshift), the number in r12. */
static void fill(uint64_t *x)
{
	for (uint32_t i = 0; i < FRAMES; i++) {
		frames[i] = (struct pv_trap_frame){ .cpsr = PV_PSR_MODE_USR };
		for (uint32_t r = 0; r < 5; r++) {
			*x ^= *x << 13;
			*x ^= *x >> 7;
			*x ^= *x << 17;
			frames[i].r[r] = (uint32_t)*x;
		}
		frames[i].r[12] = NR_NULL;
	}
}

int main(void)
{
	struct pv_hc hc;
	struct pv_hc_stats stats[NR_LEN];
	struct pv_hc_perm perms[4];
	struct pv_hc_config cfg = {
		.table = table, .table_len = NR_LEN, .stats = stats, .perms = perms,
		.nr_domains = 4, .multicall_max = 64, .multicall_slice = 16,
	};
	if (pv_hc_init(&hc, &cfg, NULL) != PV_OK ||
	    pv_hc_perm_set(&hc, pv_domid(1), (struct pv_hc_perm){ UINT64_C(1) << NR_NULL }) != PV_OK) {
		fprintf(stderr, "init failed\n");
		return 1;
	}
	uint64_t x = 0x9E3779B97F4A7C15ull;
	uint32_t sum_direct = 0, sum_dispatch = 0;
	double best_direct = 1e30, best_dispatch = 1e30;
	for (int run = 0; run < RUNS; run++) {
		/* The same frames for both loops: the handler's result depends
		 * on r0 and r1 only, which neither loop changes... except r0,
		 * so each loop starts from a fresh fill with the same seed. */
		uint64_t seed = x;
		fill(&x);
		uint32_t s1 = 0, s2 = 0;
		double t0 = bench_now_ns();
		for (uint32_t i = 0, k = 0; i < ITERS; i++) {
			uint32_t rc = (uint32_t)direct(&frames[k], pv_domid(1));
			s1 += rc;
			k = (k + 1u + (rc & 63u)) % FRAMES;
		}
		double t1 = bench_now_ns();
		x = seed;
		fill(&x);
		double t2 = bench_now_ns();
		for (uint32_t i = 0, k = 0; i < ITERS; i++) {
			uint32_t rc = (uint32_t)pv_hc_dispatch(&hc, pv_domid(1), &frames[k]);
			s2 += rc;
			k = (k + 1u + (rc & 63u)) % FRAMES;
		}
		double t3 = bench_now_ns();
		if (s1 != s2) {
			fprintf(stderr, "dispatch and the direct call disagree\n");
			return 1;
		}
		sum_direct += s1;
		sum_dispatch += s2;
		double d = (t1 - t0) / ITERS, h = (t3 - t2) / ITERS;
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
	printf("(best of %d runs of %u calls over %u pre-filled frames; sums %u %u)\n", RUNS, ITERS,
	       FRAMES, (unsigned)sum_direct, (unsigned)sum_dispatch);
	return 0;
}
