/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Multicall cost per entry: one trap (pv_hc_dispatch of the multicall
 * number) carrying a batch of ENTRIES entries of a null hypercall, each read
 * from guest memory with pv_hc_copy_from_guest, checked, dispatched and its
 * result written back with pv_hc_copy_to_guest. The guest's memory is a
 * host buffer the access hook maps one to one (no sync hook). Printed: the
 * best time per entry over many short runs (the host is shared), and per
 * entry against one pv_hc_dispatch of the same call on its own.
 *
 *   meson setup build/bench --buildtype=release -Dtests=false
 *   ninja -C build/bench && build/bench/bench/hypercall/bench_multicall
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include <pvlib/hypercall.h>

#include "bench.h"

__attribute__((noinline)) static int32_t h_null(struct pv_hc_call *c)
{
	return (int32_t)(c->args[0] ^ c->args[1]);
}

enum { NR_MULTI = 0, NR_NULL = 7, NR_LEN = 8 };

static const struct pv_hc_entry table[NR_LEN] = {
	[NR_MULTI] = { NR_MULTI, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "multicall",
		       pv_hc_multicall },
	[NR_NULL] = { NR_NULL, 2, 0, "null", h_null },
};

#define GBASE 0x10000u
#define GSIZE 8192u
#define ENTRIES 16u
#define ITERS 20000u
#define RUNS 201

static uint8_t gmem[GSIZE] __attribute__((aligned(4096)));

static enum pv_status access_fn(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len,
				bool write, uint8_t **host)
{
	(void)user; (void)dom; (void)write;
	uint32_t a = pv_gvaddr_val(va);
	if (a < GBASE || a - GBASE >= GSIZE || len > GSIZE - (a - GBASE))
		return PV_EFAULT;
	*host = &gmem[a - GBASE];
	return PV_OK;
}

int main(void)
{
	struct pv_hc hc;
	struct pv_hc_stats stats[NR_LEN];
	struct pv_hc_perm perms[2];
	struct pv_hc_config cfg = {
		.table = table, .table_len = NR_LEN, .stats = stats, .perms = perms,
		.nr_domains = 2, .access = access_fn, .guest_va_limit = 0xC0000000u,
		.multicall_max = 64, .multicall_slice = 64,
	};
	uint64_t allow = (UINT64_C(1) << NR_MULTI) | (UINT64_C(1) << NR_NULL);
	if (pv_hc_init(&hc, &cfg, NULL) != PV_OK ||
	    pv_hc_perm_set(&hc, pv_domid(1), (struct pv_hc_perm){ allow }) != PV_OK) {
		fprintf(stderr, "init failed\n");
		return 1;
	}
	/* The batch starts 8 entries before a page boundary: the entries are
	 * whole, none straddles (the common case). */
	const uint32_t base = GBASE + 4096u - 8u * 32u;
	struct pv_multicall_entry ent[ENTRIES];
	uint64_t x = 0x9E3779B97F4A7C15ull;
	for (uint32_t i = 0; i < ENTRIES; i++) {
		ent[i] = (struct pv_multicall_entry){ .op = NR_NULL };
		for (uint32_t r = 0; r < 2; r++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			ent[i].args[r] = (uint32_t)x;
		}
	}
	memcpy(&gmem[base - GBASE], ent, sizeof ent);

	double best_multi = 1e30, best_single = 1e30;
	uint32_t sum = 0;
	for (int run = 0; run < RUNS; run++) {
		double t0 = bench_now_ns();
		for (uint32_t i = 0; i < ITERS; i++) {
			struct pv_trap_frame tf = { .cpsr = PV_PSR_MODE_USR };
			tf.r[0] = base;
			tf.r[1] = ENTRIES;
			tf.r[12] = NR_MULTI;
			sum += (uint32_t)pv_hc_dispatch(&hc, pv_domid(1), &tf);
		}
		double t1 = bench_now_ns();
		for (uint32_t i = 0; i < ITERS * ENTRIES; i++) {
			struct pv_trap_frame tf = { .cpsr = PV_PSR_MODE_USR };
			tf.r[0] = ent[i % ENTRIES].args[0];
			tf.r[1] = ent[i % ENTRIES].args[1];
			tf.r[12] = NR_NULL;
			sum += (uint32_t)pv_hc_dispatch(&hc, pv_domid(1), &tf);
		}
		double t2 = bench_now_ns();
		double m = (t1 - t0) / (ITERS * ENTRIES), s = (t2 - t1) / (ITERS * ENTRIES);
		if (m < best_multi)
			best_multi = m;
		if (s < best_single)
			best_single = s;
	}
	if (stats[NR_MULTI].calls != (uint64_t)ITERS * RUNS ||
	    stats[NR_MULTI].errors != 0 ||
	    stats[NR_NULL].calls != (uint64_t)ITERS * ENTRIES * RUNS * 2u) {
		fprintf(stderr, "the batches did not run every entry\n");
		return 1;
	}
	printf("%-34s %10s %8s\n", "operation", "ns/entry", "ratio");
	printf("%-34s %10.2f %8.2f\n", "pv_hc_dispatch, one call", best_single, 1.0);
	printf("%-34s %10.2f %8.2f\n", "multicall of 16, per entry", best_multi,
	       best_multi / best_single);
	printf("(best of %d runs of %u batches of %u entries; sum %u)\n", RUNS, ITERS, ENTRIES,
	       (unsigned)sum);
	return 0;
}
