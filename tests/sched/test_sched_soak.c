/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Soak: the scheduler and event channels together, as a hypervisor drives
 * them, for a bounded wall-clock time (PVLIB_SOAK_SECONDS, default 3, split
 * over the five policies; PVLIB_SOAK_SEED picks the sequence).
 *
 * Four FIFO domains of two vcpus each are eight scheduling units. The loop
 * picks a unit and lets its guest run for at most the decision's run_ns (the
 * port's one-shot timer, always on time): the guest consumes its vcpu's FIFO
 * queues, sends on its interdomain and IPI channels, masks and unmasks
 * ports, yields, and blocks when it has nothing pending (guest-driven, as
 * the block hypercall does). Events wake blocked units through the evtchn
 * wake callback; the hypervisor raises timer virqs and, under the credit
 * policy, changes weights and caps at cap-window boundaries.
 *
 * Checked all along: the scheduler's structural invariants and
 * pv_evtchn_audit after every step; every event a guest receives was sent
 * (per port, never more deliveries than sends that found the port idle);
 * a capped credit unit never runs more than its cap in a window. At the end
 * of each policy's run every unit is woken and every queue drained, and then
 * every send was delivered: nothing lost, nothing duplicated.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdlib.h>
#include <stdio.h>
#include <time.h>

#include "../evtchn/evtchn_fixture.h"
#include "port_fake.h"
#include "sched_check.h"

#define MS 1000000ull
#define US 1000ull
#define NDOM 4u
#define NVCPU FX_VCPUS
#define NUNITS (NDOM * NVCPU)
#define NPORTS 64u

static struct fx *F;
static struct pv_sched S;
static struct pv_sched_unit U[NUNITS];
static pv_time_ns_t now;
static uint64_t rng;

/* Per (domain, port): sends that found the port idle, and deliveries. */
static uint32_t sent[NDOM][NPORTS], got[NDOM][NPORTS];
static uint64_t nsent, ngot, nwakes, nblocks, npicks, nidle;
/* Ports a guest may send on, per domain. */
static uint32_t sendable[NDOM][NPORTS], nsendable[NDOM];
static uint16_t handler_dom;

/* Credit caps: time run per unit in the current cap window. */
static pv_time_ns_t win_start, win_ran[NUNITS];

static uint64_t rnd(void)
{
	return sc_rand(&rng);
}

static void inv(void)
{
	const char *why = sc_invariants(&S);
	if (why)
		fail_msg("sched invariant at %llu ns: %s", (unsigned long long)now, why);
	fx_audit(F);
}

/* evtchn callbacks: an event for a blocked vcpu makes its unit runnable. */
static void soak_upcall(void *arg, pv_domid_t d, uint32_t v)
{
	(void)arg, (void)d, (void)v;
}
static void soak_wake(void *arg, pv_domid_t d, uint32_t v)
{
	(void)arg;
	uint32_t u = pv_domid_val(d) * NVCPU + v;
	assert_true(u < NUNITS);
	if (pv_sched_unit_state(&S, u) == PV_SCHED_BLOCKED) {
		assert_int_equal(pv_sched_wake(&S, u, now), PV_OK);
		nwakes++;
	}
}
static const struct pv_evtchn_ops soak_ops = {
	.upcall = soak_upcall,
	.wake = soak_wake,
	.pirq_mask = fx_pirq_mask,
	.pirq_unmask = fx_pirq_unmask,
};

static void on_event(void *arg, uint32_t port)
{
	(void)arg;
	assert_true(port > 0 && port < NPORTS);
	got[handler_dom][port]++;
	ngot++;
	if (got[handler_dom][port] > sent[handler_dom][port])
		fail_msg("dom %u port %u delivered %u times for %u sends", handler_dom, port,
			 got[handler_dom][port], sent[handler_dom][port]);
}

static uint32_t consume(uint16_t d, uint32_t v, uint32_t max)
{
	handler_dom = d;
	return pv_evtchn_guest_fifo_consume(&F->shared[d].vcpu[v], &F->ctrl[d][v], F->words[d],
					    F->shared[d].nr_ports, &F->gst[d][v], on_event, 0, max);
}

/* The event channel world: channels 0<->1 and 2<->1 (several each, spread
 * over both vcpus), loopback channels in 3, an IPI and a timer virq per
 * vcpu of every domain. */
static void world_setup(void)
{
	F = calloc(1, sizeof *F);
	assert_non_null(F);
	fx_init(F);
	F->cfg.ops = &soak_ops; /* the same setup with this test's callbacks */
	assert_int_equal(pv_evtchn_init(&F->ctx, &F->cfg), PV_OK);
	for (uint16_t d = 0; d < NDOM; d++)
		fx_add(F, d, PV_EVTCHN_ABI_FIFO, NPORTS);
	static const uint16_t pairs[][2] = { { 0, 1 }, { 2, 1 }, { 3, 3 } };
	for (unsigned k = 0; k < 12; k++) {
		uint16_t a = pairs[k % 3][0], b = pairs[k % 3][1];
		uint32_t pa, pb;
		assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(a), pv_domid(b), &pa), PV_OK);
		assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(b), pv_domid(a), pa, &pb),
				 PV_OK);
		assert_int_equal(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(a), pa, k % NVCPU), PV_OK);
		assert_int_equal(pv_evtchn_set_priority(&F->ctx, pv_domid(b), pb, (uint32_t)(k % 4u) + 5u),
				 PV_OK);
		sendable[a][nsendable[a]++] = pa;
		sendable[b][nsendable[b]++] = pb;
	}
	for (uint16_t d = 0; d < NDOM; d++) {
		for (uint32_t v = 0; v < NVCPU; v++) {
			uint32_t p;
			assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(d), v, &p), PV_OK);
			sendable[d][nsendable[d]++] = p;
			assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(d), PV_EVTCHN_VIRQ_TIMER, v, &p),
					 PV_OK);
		}
	}
	fx_audit(F);
}

/* Where a send on (d, p) lands. */
static void target(uint16_t d, uint32_t p, uint16_t *td, uint32_t *tp)
{
	struct pv_evtchn_port_status st;
	assert_int_equal(pv_evtchn_status(&F->ctx, pv_domid(d), p, &st), PV_OK);
	if (st.state == PV_EVTCHN_INTERDOMAIN) {
		*td = pv_domid_val(st.remote_dom);
		*tp = st.remote_port;
	} else {
		assert_int_equal(st.state, PV_EVTCHN_IPI);
		*td = d;
		*tp = p;
	}
}

static void guest_send(uint16_t d)
{
	uint32_t p = sendable[d][rnd() % nsendable[d]];
	uint16_t td;
	uint32_t tp;
	target(d, p, &td, &tp);
	bool idle = !fx_pending(F, td, tp);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(d), p), PV_OK);
	assert_true(fx_pending(F, td, tp));
	if (idle) {
		sent[td][tp]++;
		nsent++;
	}
}

static void raise_timer(uint32_t u)
{
	uint16_t d = (uint16_t)(u / NVCPU);
	uint32_t p = F->doms[d].virq_port[u % NVCPU][PV_EVTCHN_VIRQ_TIMER];
	bool idle = !fx_pending(F, d, p);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(d), PV_EVTCHN_VIRQ_TIMER, u % NVCPU),
			 PV_OK);
	if (idle) {
		sent[d][p]++;
		nsent++;
	}
}

/* The guest of unit u runs from now for at most run ns; returns the time
 * it actually ran (it may block or yield early). */
static pv_time_ns_t guest_run(uint32_t u, pv_time_ns_t run)
{
	uint16_t d = (uint16_t)(u / NVCPU);
	uint32_t v = u % NVCPU;
	pv_time_ns_t ran = run;
	if (ran > 3 * MS)
		ran = 1 + rnd() % (3 * MS);
	else if (rnd() % 4 == 0)
		ran = 1 + rnd() % ran;
	now += ran;
	assert_int_equal(pv_sched_tick(&S, now), PV_OK);
	consume(d, v, 1 + (uint32_t)(rnd() % 8));
	for (uint64_t k = rnd() % 4; k > 0; k--)
		guest_send(d);
	uint64_t r = rnd() % 16;
	if (r == 0) {
		uint32_t p = sendable[d][rnd() % nsendable[d]];
		assert_int_equal(pv_evtchn_mask(&F->ctx, pv_domid(d), p), PV_OK);
	} else if (r == 1) {
		for (uint32_t i = 0; i < nsendable[d]; i++)
			assert_int_equal(pv_evtchn_unmask(&F->ctx, pv_domid(d), sendable[d][i]), PV_OK);
	} else if (r < 5 && pv_sched_unit_state(&S, u) == PV_SCHED_RUNNABLE) {
		assert_int_equal(pv_sched_yield(&S, u, now), PV_OK);
	} else if (r < 12 && !pv_evtchn_vcpu_pending(&F->ctx, pv_domid(d), v)) {
		/* Nothing pending: the guest blocks (its block hypercall). */
		assert_int_equal(pv_sched_block(&S, u, now), PV_OK);
		nblocks++;
	}
	return ran;
}

/* Credit: account time to cap windows and check every capped unit. */
static void cap_account(uint32_t u, pv_time_ns_t from, pv_time_ns_t to)
{
	pv_time_ns_t per = S.cfg.cap_period_ns;
	while (from < to) {
		pv_time_ns_t wend = from - from % per + per;
		pv_time_ns_t end = to < wend ? to : wend;
		if (from - from % per != win_start) {
			memset(win_ran, 0, sizeof win_ran);
			win_start = from - from % per;
		}
		win_ran[u] += end - from;
		if (U[u].params.cap != 0 && win_ran[u] > per * U[u].params.cap / 100u)
			fail_msg("unit %u ran %llu ns in a window, cap %u%% of %llu", u,
				 (unsigned long long)win_ran[u], U[u].params.cap,
				 (unsigned long long)per);
		from = end;
	}
}

static void credit_params_at_window(pv_time_ns_t *next_window)
{
	if (now < *next_window)
		return;
	assert_true(now == *next_window); /* every run stops at the boundary */
	static const uint32_t caps[] = { 0, 0, 10, 30, 50, 100 };
	pv_time_ns_t per = S.cfg.cap_period_ns;
	assert_int_equal(pv_sched_tick(&S, now), PV_OK);
	for (uint32_t u = 0; u < NUNITS; u++) {
		if (rnd() % 3)
			continue;
		struct pv_sched_params p = U[u].params;
		p.cap = caps[rnd() % 6];
		p.weight = 64 + (uint32_t)(rnd() % 448);
		assert_int_equal(pv_sched_set_params(&S, u, &p, now), PV_OK);
	}
	*next_window = now + per;
}

static void sched_setup(enum pv_sched_policy pol)
{
	struct pv_sched_config c;
	pv_sched_config_default(pol, &c);
	c.slice_ns = 2 * MS;
	c.fg_slice_ns = 4 * MS;
	c.boost_ns = 500 * US;
	c.cap_period_ns = 10 * MS;
	c.credit_ns_per_weight = 8 * US;
	assert_int_equal(pv_sched_init(&S, &c, U, NUNITS), PV_OK);
	for (uint32_t u = 0; u < NUNITS; u++) {
		struct pv_sched_params p = {
			.priority = (uint32_t)(rnd() % 4),
			.weight = 256,
			.cap = u == 0 ? 20 : 0,
			.budget = 1 * MS,
			.period = 10 * MS,
		};
		assert_int_equal(pv_sched_add(&S, u, pv_domid((uint16_t)(u / NVCPU)), &p, now), PV_OK);
	}
	if (pol == PV_SCHED_ARINC653) {
		struct pv_sched_window w[NDOM + 1];
		for (uint16_t d = 0; d < NDOM; d++)
			w[d] = (struct pv_sched_window){ pv_domid(d), d * 2 * MS, 2 * MS };
		w[NDOM] = (struct pv_sched_window){ pv_domid_none(), NDOM * 2 * MS, 1 * MS };
		assert_int_equal(pv_sched_arinc_set_table(&S, w, NDOM + 1, (NDOM * 2 + 1) * MS, now, 0),
				 PV_OK);
	}
	if (pol != PV_SCHED_ARINC653)
		assert_int_equal(pv_sched_set_foreground(&S, pv_domid(1), now), PV_OK);
	memset(win_ran, 0, sizeof win_ran);
	win_start = now - now % S.cfg.cap_period_ns;
	inv();
}

/* Wake everyone, unmask everything and let the guests drain their queues;
 * then every send must have been delivered. */
static void drain_and_check(void)
{
	for (uint16_t d = 0; d < NDOM; d++)
		for (uint32_t i = 0; i < nsendable[d]; i++)
			assert_int_equal(pv_evtchn_unmask(&F->ctx, pv_domid(d), sendable[d][i]), PV_OK);
	for (int round = 0; round < 64; round++) {
		uint32_t n = 0;
		for (uint32_t u = 0; u < NUNITS; u++)
			n += consume((uint16_t)(u / NVCPU), u % NVCPU, 1000);
		if (n == 0)
			break;
	}
	for (uint16_t d = 0; d < NDOM; d++) {
		for (uint32_t p = 1; p < NPORTS; p++) {
			if (got[d][p] != sent[d][p])
				fail_msg("dom %u port %u: %u sends, %u delivered", d, p, sent[d][p],
					 got[d][p]);
			assert_false(fx_pending(F, d, p));
		}
	}
	fx_audit(F);
}

static double wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void soak_policy(enum pv_sched_policy pol, double seconds)
{
	sched_setup(pol);
	double end = wall() + seconds;
	pv_time_ns_t next_window = now - now % S.cfg.cap_period_ns + S.cfg.cap_period_ns;
	uint64_t steps = 0;
	while ((steps & 255u) != 0 || wall() < end) {
		steps++;
		if (pol == PV_SCHED_CREDIT)
			credit_params_at_window(&next_window);
		/* The hypervisor's periodic timer virq for a random vcpu. */
		if (rnd() % 8 == 0)
			raise_timer((uint32_t)(rnd() % NUNITS));
		struct pv_sched_decision dec;
		assert_int_equal(pv_sched_pick_next(&S, now, &dec), PV_OK);
		npicks++;
		inv();
		/* Under credit the hypervisor also has a timer at the next cap
		 * window boundary, where it changes parameters. */
		pv_time_ns_t horizon = pol == PV_SCHED_CREDIT ? next_window - now : PV_TIME_NEVER;
		if (dec.unit == PV_SCHED_IDLE) {
			nidle++;
			/* Idle until the timer or an interrupt: a timer virq. */
			pv_time_ns_t step = dec.run_ns == PV_TIME_NEVER ? 1 * MS : dec.run_ns;
			step = step < 1 * MS ? step : 1 * MS;
			now += step < horizon ? step : horizon;
			raise_timer((uint32_t)(rnd() % NUNITS));
			inv();
			continue;
		}
		assert_true(dec.unit < NUNITS);
		assert_int_equal(pv_domid_val(dec.dom), dec.unit / NVCPU);
		pv_time_ns_t from = now;
		pv_time_ns_t ran = guest_run(dec.unit, dec.run_ns < horizon ? dec.run_ns : horizon);
		assert_true(ran <= dec.run_ns);
		if (pol == PV_SCHED_CREDIT)
			cap_account(dec.unit, from, from + ran);
		inv();
	}
	drain_and_check();
	printf("soak %-7s %8llu steps, %llu ms simulated\n",
	       pol == PV_SCHED_CREDIT ? "credit" : pol == PV_SCHED_RR ? "rr" :
	       pol == PV_SCHED_PRIO ? "prio" : pol == PV_SCHED_EDF ? "edf" : "arinc",
	       (unsigned long long)steps, (unsigned long long)(now / MS));
}

static void test_soak_scheduler_with_fifo_guests(void **st)
{
	(void)st;
	const char *e = getenv("PVLIB_SOAK_SECONDS");
	double seconds = e ? atof(e) : 3.0;
	if (seconds <= 0)
		seconds = 3.0;
	e = getenv("PVLIB_SOAK_SEED");
	rng = e ? strtoull(e, 0, 0) : 0x50a1c0ffeeull;
	if (rng == 0)
		rng = 1;
	printf("soak: %.1f s, PVLIB_SOAK_SEED=%#llx\n", seconds, (unsigned long long)rng);
	world_setup();
	static const enum pv_sched_policy pols[] = { PV_SCHED_CREDIT, PV_SCHED_RR, PV_SCHED_PRIO,
						     PV_SCHED_EDF, PV_SCHED_ARINC653 };
	/* Credit, where the cap transitions live, gets twice the time. */
	for (unsigned i = 0; i < 5; i++)
		soak_policy(pols[i], seconds * (i == 0 ? 2.0 : 1.0) / 6.0);
	printf("soak: %llu picks (%llu idle), %llu events sent, %llu delivered, "
	       "%llu blocks, %llu wakes\n",
	       (unsigned long long)npicks, (unsigned long long)nidle, (unsigned long long)nsent,
	       (unsigned long long)ngot, (unsigned long long)nblocks, (unsigned long long)nwakes);
	assert_true(nsent > 1000 && ngot == nsent && nblocks > 100 && nwakes > 100);
	free(F);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_soak_scheduler_with_fifo_guests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
