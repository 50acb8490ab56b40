/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target for lib/sched: the input picks a policy and drives a
 * sequence of calls with fuzzer-chosen units, parameters, tables and time
 * steps (time may even go backwards). After every call:
 *   - the structural invariants hold (sched_check.h);
 *   - a refused call left the instance byte-for-byte unchanged;
 *   - a decision names a runnable unit or idle, with run_ns > 0;
 *   - ARINC 653: the decision's domain owns the window holding now and
 *     run_ns does not pass the window's end;
 *   - EDF: the admitted utilisation never exceeds 1;
 *   - credit: a decision never grants more than the cap has left in the
 *     window (and sched_check.h's credit invariants: no stale parked mark,
 *     no runnable unit without cap left, credit within its clamp).
 * Two operations exist for the credit cap transitions: a change of the cap
 * alone (to values at its edges), and a block/wake pair at one instant.
 * Any violation traps.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <pvlib/sched.h>
#include "sched_check.h"

#define FU 8u

static struct pv_sched S;
static struct pv_sched_unit U[FU];
static struct sc_snapshot snap;

struct reader {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct reader *r, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < bytes; i++) {
		v = (v << 8) | (r->n ? *r->p : 0);
		if (r->n) {
			r->p++;
			r->n--;
		}
	}
	return v;
}

static void check(enum pv_status st)
{
	if (sc_invariants(&S))
		__builtin_trap();
	if (st != PV_OK && !sc_same(&snap, &S))
		__builtin_trap();
	if (S.cfg.policy == PV_SCHED_EDF && S.util > (1ull << 32))
		__builtin_trap();
}

static void check_decision(const struct pv_sched_decision *d, pv_time_ns_t now)
{
	if (d->run_ns == 0)
		__builtin_trap();
	if (d->unit != PV_SCHED_IDLE &&
	    (d->unit >= FU || U[d->unit].state != PV_SCHED_RUNNABLE))
		__builtin_trap();
	if (S.cfg.policy == PV_SCHED_CREDIT && d->unit != PV_SCHED_IDLE &&
	    U[d->unit].params.cap != 0) {
		const struct pv_sched_unit *x = &U[d->unit];
		pv_time_ns_t per = S.cfg.cap_period_ns, win = now - now % per;
		pv_time_ns_t used = x->cap_win == win ? x->cap_used : 0;
		pv_time_ns_t budget = per * x->params.cap / 100u;
		if (used >= budget || d->run_ns > budget - used || d->run_ns > win + per - now)
			__builtin_trap();
	}
	if (S.cfg.policy != PV_SCHED_ARINC653 || S.nwin == 0)
		return;
	/* Recompute the window holding now from the table alone. */
	pv_time_ns_t pos = (now - S.epoch) % S.major, end = 0;
	uint32_t w = 0;
	for (; w < S.nwin; w++) {
		end = S.windows[w].offset + S.windows[w].duration;
		if (pos < end)
			break;
	}
	if (w == S.nwin || d->run_ns > end - pos)
		__builtin_trap();
	if (d->unit != PV_SCHED_IDLE && !pv_domid_eq(d->dom, S.windows[w].dom))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size };
	struct pv_sched_config c;
	pv_sched_config_default((enum pv_sched_policy)(1 + take(&r, 1) % 5), &c);
	c.slice_ns = 1000 + take(&r, 2) * 100;
	c.boost_ns = c.slice_ns;
	c.cap_period_ns = 1000 + take(&r, 2) * 1000;
	c.credit_ns_per_weight = 1 + take(&r, 1);
	if (pv_sched_init(&S, &c, U, FU) != PV_OK)
		__builtin_trap();
	pv_time_ns_t now = 0;
	for (int steps = 0; steps < 400 && r.n > 0; steps++) {
		uint8_t op = (uint8_t)take(&r, 1);
		uint32_t u = (uint32_t)take(&r, 1) % (FU + 1);
		pv_time_ns_t t = now + take(&r, 2) * 16;
		if (op & 0x80)
			t = now - (now ? 1 : 0); /* sometimes backwards */
		struct pv_sched_params p = {
			.priority = (uint32_t)take(&r, 1) % 34,
			.weight = (uint32_t)take(&r, 2),
			.cap = (uint32_t)take(&r, 1) % 110,
			.budget = take(&r, 2) * 100,
			.period = take(&r, 2) * 100,
		};
		/* Mostly valid weights, so credit units get added and run. */
		if (op & 0x40)
			p.weight = 1u + p.weight % 1024u;
		sc_snap(&snap, &S);
		enum pv_status st = PV_OK;
		struct pv_sched_decision d;
		switch (op % 12) {
		case 0:
			st = pv_sched_add(&S, u, pv_domid((uint16_t)(u % 4)), &p, t);
			break;
		case 1: st = pv_sched_remove(&S, u, t); break;
		case 2: st = pv_sched_wake(&S, u, t); break;
		case 3: st = pv_sched_block(&S, u, t); break;
		case 4: st = pv_sched_yield(&S, u, t); break;
		case 5: st = pv_sched_set_params(&S, u, &p, t); break;
		case 6:
			st = pv_sched_set_foreground(&S, u == FU ? pv_domid_none()
			                                         : pv_domid((uint16_t)(u % 4)), t);
			break;
		case 7: {
			struct pv_sched_window w[6];
			uint32_t n = 1 + (uint32_t)take(&r, 1) % 6;
			pv_time_ns_t off = 0;
			for (uint32_t i = 0; i < n; i++) {
				uint8_t b = (uint8_t)take(&r, 1);
				w[i].dom = b % 5 == 4 ? pv_domid_none() : pv_domid(b % 5);
				w[i].offset = off + (b & 0x80 ? 1 : 0) - (b & 0x40 && off ? 1 : 0);
				w[i].duration = take(&r, 1) * 500;
				off = w[i].offset + w[i].duration;
			}
			pv_time_ns_t major = off + (take(&r, 1) % 4 == 0 ? 1 : 0);
			uint32_t bad;
			st = pv_sched_arinc_set_table(&S, w, n, major, t, &bad);
			if (st != PV_OK && st != PV_ENOSYS && bad > n)
				__builtin_trap();
			break;
		}
		case 8: st = pv_sched_tick(&S, t); break;
		case 10: {
			/* Credit cap transitions: only the cap changes, to one of
			 * the values at its edges (a guest's toolstack request). */
			static const uint32_t caps[8] = { 0, 1, 2, 10, 50, 99, 100, 101 };
			struct pv_sched_params q;
			if (u < FU && U[u].state != PV_SCHED_FREE)
				q = U[u].params;
			else
				q = p;
			q.cap = caps[p.cap % 8];
			st = pv_sched_set_params(&S, u, &q, t);
			break;
		}
		case 11:
			/* A guest-driven block/wake pair at one instant (a vcpu
			 * that blocks and is woken by an event at once). */
			st = pv_sched_block(&S, u, t);
			if (st == PV_OK) {
				check(st);
				sc_snap(&snap, &S);
				st = pv_sched_wake(&S, u, t);
			}
			break;
		default:
			st = pv_sched_pick_next(&S, t, &d);
			if (st == PV_OK)
				check_decision(&d, t);
			break;
		}
		check(st);
		if (st == PV_OK && t > now)
			now = t;
		if (st == PV_ERANGE && t >= now && op % 12 != 7 && u < FU)
			__builtin_trap(); /* time was fine and the unit in range */
	}
	return 0;
}
