/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event-channel benchmark. Each figure is nanoseconds per operation, the
 * best of RUNS repetitions, and its ratio against the cheapest thing that
 * could do the job on the same memory: one atomic bit set (__atomic_fetch_or)
 * on the 2-level pending word the send itself would set.
 *
 *   send+deliver  the hypervisor's pv_evtchn_send on an interdomain channel
 *                 and the receiving guest's consume loop handing the port
 *                 to its handler (the whole path of one notification)
 *   send, pending a send to a port that is already pending (a flood)
 *   scan N        N ports bound, one pending (the highest): send it and
 *                 have the guest find and consume it
 *   drain N       N ports bound: send to all of them, then one consume
 *                 call takes them all; per event
 *
 * The baseline is measured again right before every row and each row's
 * ratio is taken against that neighbour, so a slow phase of a shared host
 * moves both; the whole table is measured ROUNDS times, and the output gives
 * each row's median and its spread (min-max) over the rounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvlib/evtchn.h>
#include <pvlib/abi/evtchn_guest.h>

#include "bench.h"

#define NPORTS 4096u
#define NDOMS 6
#define RUNS 5    /* repetitions per measurement, best kept */
#define ROUNDS 7  /* times the whole table is measured */
#define ITERS 2000000u

static struct pv_evtchn ctx;
static struct pv_evtchn_domain doms[NDOMS];
static struct pv_evtchn_port ports[NDOMS][NPORTS];
static struct pv_evtchn_shared shared[NDOMS];
static uint32_t words[NDOMS][NPORTS];
static struct pv_evtchn_fifo_control ctrl[NDOMS][1];
static struct pv_evtchn_guest_fifo gst[NDOMS];
static volatile uint32_t sink;
static uint32_t handled;

static void cb_vcpu(void *arg, pv_domid_t d, uint32_t v)
{
	(void)arg;
	(void)d;
	(void)v;
}
static const struct pv_evtchn_ops ops = { .upcall = cb_vcpu, .wake = cb_vcpu };
static void handler(void *arg, uint32_t port)
{
	(void)arg;
	handled += port;
}

/*
 * Even domains use 2-level, odd ones FIFO. Domains 0 and 1 receive on an
 * interdomain channel from 2 and 3; 4 and 5 hold the scan/drain ports, so
 * rebinding those never touches the channels.
 */
static uint32_t tx_port[2];
static void setup(void)
{
	static const struct pv_evtchn_pair allow[] = { { { 0 }, { 2 } }, { { 1 }, { 3 } } };
	struct pv_evtchn_config cfg = { .ops = &ops, .domains = doms, .nr_domains = NDOMS,
					.allow = allow, .nr_allow = 2 };
	if (pv_evtchn_init(&ctx, &cfg) != PV_OK)
		abort();
	for (uint16_t d = 0; d < NDOMS; d++) {
		uint32_t abi = d & 1 ? PV_EVTCHN_ABI_FIFO : PV_EVTCHN_ABI_2L;
		struct pv_evtchn_domain_config dc = {
			.id = pv_domid(d), .abi = abi,
			.nr_ports = abi == PV_EVTCHN_ABI_FIFO ? NPORTS : PV_EVTCHN_2L_MAX_PORTS,
			.nr_vcpus = 1, .ports = ports[d], .shared = &shared[d],
			.fifo_words = words[d], .fifo_ctrl = { &ctrl[d][0] },
		};
		if (pv_evtchn_domain_add(&ctx, &dc) != PV_OK)
			abort();
	}
	memset(gst, 0, sizeof gst);
	for (uint16_t rx = 0; rx < 2; rx++) {
		uint32_t u;
		if (pv_evtchn_alloc_unbound(&ctx, pv_domid(rx), pv_domid((uint16_t)(rx + 2)), &u) != PV_OK ||
		    pv_evtchn_bind_interdomain(&ctx, pv_domid((uint16_t)(rx + 2)), pv_domid(rx), u,
					       &tx_port[rx]) != PV_OK)
			abort();
	}
}

/* The guest's consume loop, one function per ABI so that neither pays for
 * a choice the guest does not make. */
static inline uint32_t consume_2l(uint16_t d)
{
	return pv_evtchn_guest_2l_consume(&shared[d], 0, handler, NULL, UINT32_MAX);
}
static inline uint32_t consume_fifo(uint16_t d)
{
	return pv_evtchn_guest_fifo_consume(&shared[d].vcpu[0], &ctrl[d][0], words[d], NPORTS,
					    &gst[d], handler, NULL, UINT32_MAX);
}

/* Bind n IPI ports in d (after a reset) and return the highest. */
static uint32_t bind_n(uint16_t d, uint32_t n)
{
	uint32_t p = 0;
	while (pv_evtchn_reset(&ctx, pv_domid(d)) == PV_ERESTART)
		;
	for (uint32_t i = 0; i < n; i++) {
		if (pv_evtchn_bind_ipi(&ctx, pv_domid(d), 0, &p) != PV_OK)
			abort();
	}
	return p;
}

static void b_atomic(uint32_t iters, uint32_t port)
{
	uint32_t *w = &shared[0].pending[port / 32];
	uint32_t bit = 1u << (port % 32), acc = 0;
	for (uint32_t i = 0; i < iters; i++)
		acc += __atomic_fetch_or(w, bit, __ATOMIC_SEQ_CST);
	sink = acc;
	*w = 0;
}

static void b_send_deliver_2l(uint32_t iters, uint32_t unused)
{
	(void)unused;
	uint32_t n = 0;
	for (uint32_t i = 0; i < iters; i++) {
		pv_evtchn_send(&ctx, pv_domid(2), tx_port[0]);
		n += consume_2l(0);
	}
	if (n != iters)
		abort();
	sink = handled;
}
static void b_send_deliver_fifo(uint32_t iters, uint32_t unused)
{
	(void)unused;
	uint32_t n = 0;
	for (uint32_t i = 0; i < iters; i++) {
		pv_evtchn_send(&ctx, pv_domid(3), tx_port[1]);
		n += consume_fifo(1);
	}
	if (n != iters)
		abort();
	sink = handled;
}
static void b_send_pending(uint32_t iters, uint32_t rx)
{
	uint16_t tx = (uint16_t)(rx + 2);
	for (uint32_t i = 0; i < iters; i++)
		pv_evtchn_send(&ctx, pv_domid(tx), tx_port[rx]);
	sink = rx ? consume_fifo(1) : consume_2l(0);
}

static uint32_t scan_port, drain_n;
static void b_scan(uint32_t iters, uint32_t d)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < iters; i++) {
		pv_evtchn_send(&ctx, pv_domid((uint16_t)d), scan_port);
		n += d & 1 ? consume_fifo((uint16_t)d) : consume_2l((uint16_t)d);
	}
	if (n != iters)
		abort();
	sink = handled;
}
static void b_drain(uint32_t iters, uint32_t d)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < iters; i++) {
		for (uint32_t p = 1; p <= drain_n; p++)
			pv_evtchn_send(&ctx, pv_domid((uint16_t)d), p);
		n += d & 1 ? consume_fifo((uint16_t)d) : consume_2l((uint16_t)d);
	}
	if (n != iters * drain_n)
		abort();
	sink = handled;
}

typedef void bench_fn(uint32_t iters, uint32_t arg);

/* ns per operation of fn(iters, arg), best of RUNS; per is the number of
 * operations one iteration counts for. */
static double best_ns(bench_fn *fn, uint32_t iters, uint32_t arg, uint32_t per)
{
	double best = 1e30;
	for (int r = 0; r < RUNS; r++) {
		double t0 = bench_now_ns();
		fn(iters, arg);
		double t = (bench_now_ns() - t0) / iters / per;
		if (t < best)
			best = t;
	}
	return best;
}

struct row {
	const char *name;
	bench_fn *fn;
	uint32_t arg;      /* ABI selector or domain */
	uint32_t bound;    /* scan/drain: ports bound first (0: none) */
	int drain;         /* figure per event of a drain */
	double ns[ROUNDS], ratio[ROUNDS];
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void stats(const double *v, double *med, double *lo, double *hi)
{
	double s[ROUNDS];
	memcpy(s, v, sizeof s);
	qsort(s, ROUNDS, sizeof s[0], cmp_double);
	*med = s[ROUNDS / 2];
	*lo = s[0];
	*hi = s[ROUNDS - 1];
}

int main(void)
{
	setup();
	static struct row rows[] = {
		{ "send+deliver, 2-level", b_send_deliver_2l, 0, 0, 0, { 0 }, { 0 } },
		{ "send+deliver, FIFO", b_send_deliver_fifo, 1, 0, 0, { 0 }, { 0 } },
		{ "send to a pending port, 2-level", b_send_pending, 0, 0, 0, { 0 }, { 0 } },
		{ "send to a pending port, FIFO", b_send_pending, 1, 0, 0, { 0 }, { 0 } },
		{ "scan, 1 bound, 1 pending, 2-level", b_scan, 4, 1, 0, { 0 }, { 0 } },
		{ "scan, 64 bound, 1 pending, 2-level", b_scan, 4, 64, 0, { 0 }, { 0 } },
		{ "scan, 1023 bound, 1 pending, 2-level", b_scan, 4, PV_EVTCHN_2L_MAX_PORTS - 1u, 0,
		  { 0 }, { 0 } },
		{ "scan, 1 bound, 1 pending, FIFO", b_scan, 5, 1, 0, { 0 }, { 0 } },
		{ "scan, 64 bound, 1 pending, FIFO", b_scan, 5, 64, 0, { 0 }, { 0 } },
		{ "scan, 4095 bound, 1 pending, FIFO", b_scan, 5, NPORTS - 1u, 0, { 0 }, { 0 } },
		{ "drain, 64 bound, all pending, 2-level", b_drain, 4, 64, 1, { 0 }, { 0 } },
		{ "drain, 1023 bound, all pending, 2-level", b_drain, 4, PV_EVTCHN_2L_MAX_PORTS - 1u, 1,
		  { 0 }, { 0 } },
		{ "drain, 64 bound, all pending, FIFO", b_drain, 5, 64, 1, { 0 }, { 0 } },
		{ "drain, 4095 bound, all pending, FIFO", b_drain, 5, NPORTS - 1u, 1, { 0 }, { 0 } },
	};
	const unsigned nrows = sizeof rows / sizeof rows[0];
	double base[ROUNDS * 16];
	unsigned nbase = 0;
	for (int r = 0; r < ROUNDS; r++) {
		for (unsigned i = 0; i < nrows; i++) {
			struct row *w = &rows[i];
			uint32_t iters = ITERS, per = 1;
			if (w->bound) {
				scan_port = bind_n((uint16_t)w->arg, w->bound);
				drain_n = w->bound;
				iters = w->drain ? ITERS / w->bound + 1u : ITERS / 4u;
				per = w->drain ? w->bound : 1u;
			}
			/* the baseline right before the row it is compared with */
			double b = best_ns(b_atomic, ITERS, 1, 1);
			base[nbase++] = b;
			w->ns[r] = best_ns(w->fn, iters, w->arg, per);
			w->ratio[r] = w->ns[r] / b;
		}
	}
	double bmed, blo, bhi, bs[ROUNDS * 16];
	memcpy(bs, base, nbase * sizeof base[0]);
	qsort(bs, nbase, sizeof bs[0], cmp_double);
	bmed = bs[nbase / 2];
	blo = bs[0];
	bhi = bs[nbase - 1];
	printf("%d rounds; each figure the best of %d runs; median (min-max over the rounds);\n"
	       "each ratio against the baseline measured just before it\n\n", ROUNDS, RUNS);
	printf("%-40s %7s %15s %7s %13s\n", "operation", "ns/op", "spread", "ratio", "spread");
	printf("%-40s %7.2f %7.2f-%-7.2f %7.2f %13s   (%u measurements)\n",
	       "atomic bit set (__atomic_fetch_or)", bmed, blo, bhi, 1.0, "", nbase);
	for (unsigned i = 0; i < nrows; i++) {
		double m, lo, hi, rm, rlo, rhi;
		stats(rows[i].ns, &m, &lo, &hi);
		stats(rows[i].ratio, &rm, &rlo, &rhi);
		printf("%-40s %7.2f %7.2f-%-7.2f %7.2f %6.2f-%-6.2f%s\n", rows[i].name, m, lo, hi, rm,
		       rlo, rhi, rows[i].drain ? " (per event)" : "");
	}
	return 0;
}
