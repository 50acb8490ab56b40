/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Credit policy: proportional share with weights, optional caps and a boost
 * for units woken by an event, after Xen's credit scheduler, rebuilt so that
 * pick_next never scans the units.
 *
 * Xen refills every vcpu's credit from a periodic accounting pass over all
 * vcpus. Here credit is handed out in rounds and applied lazily:
 *
 *   BOOST  woken units that still have credit; run first, boost_ns at most
 *   UNDER  credit > 0, round-robin in slices
 *   OVER   credit <= 0 (or just released from a cap), waits for the round
 *   PARKED over their cap in the current cap window
 *
 * When BOOST and UNDER are both empty the round ends: UNDER and OVER swap
 * roles (two list indices exchanged, O(1)) and the round counter moves on.
 * A unit learns how many rounds it missed when it next reaches the head of
 * UNDER, is woken or yields, and is credited weight * credit_ns_per_weight
 * per round, clamped at one round's worth so a unit that slept does not hoard.
 * Debt beyond one round's worth (only a late timer can cause it) is forgiven.
 * Within a round every runnable unit therefore receives credit in proportion
 * to its weight and runs until it is spent: CPU shares follow the weights
 * with an error of at most one round.
 *
 * Caps: a capped unit may run cap% of each cap window (windows of
 * cap_period_ns aligned to time 0). pick_next never grants it more than what
 * is left in the window, so a cap is never exceeded while the caller's timer
 * is on time. A unit that reaches its cap is parked; all parked units belong
 * to the current window and come back together, spliced to OVER in O(1), at
 * its end. (They wait for the next round even with credit left: a cap is an
 * upper bound and the other units' shares must not suffer.)
 *
 * Concurrency: see core.c.
 */
#include "sched_internal.h"

enum { CR_BOOST = 0, CR_A = 1, CR_B = 2, CR_PARKED = 3 };

static uint16_t cr_over(const struct pv_sched *s)
{
	return s->under == CR_A ? (uint16_t)CR_B : (uint16_t)CR_A;
}

static int64_t cr_quantum(const struct pv_sched *s, const struct pv_sched_unit *x)
{
	uint64_t q = (uint64_t)x->params.weight * s->cfg.credit_ns_per_weight;
	if (x->fg)
		q *= s->cfg.fg_weight_mult;
	return (int64_t)q; /* <= 65535 * 16 * 1e6 */
}

static void cr_clamp(const struct pv_sched *s, struct pv_sched_unit *x)
{
	int64_t q = cr_quantum(s, x);
	if (x->credit > q)
		x->credit = q;
	if (x->credit < 1 - q)
		x->credit = 1 - q;
}

/* Apply the rounds x missed. */
static void cr_refresh(const struct pv_sched *s, struct pv_sched_unit *x)
{
	uint32_t missed = s->round - x->round;
	if (missed == 0)
		return;
	int64_t q = cr_quantum(s, x);
	x->credit += missed >= 2 ? 2 * q : q;
	if (x->credit > q)
		x->credit = q;
	x->round = s->round;
}

/*
 * x is on the parked list. x->list still names PARKED after the splice in
 * cr_unpark has moved the list to OVER, which is why the window end is
 * compared too: every unit parked (and not yet spliced) is marked with the
 * end of the current cap window, which is in the future until that splice.
 * Leaving PARKED any other way (block, remove) clears the mark; a stale one
 * on a unit that then woke onto a run list read as "parked" and let it run
 * uncharged, past its cap, into PV_ASSERT(run > 0) in cr_pick.
 */
static bool cr_parked(const struct pv_sched_unit *x, pv_time_ns_t now)
{
	return x->list == CR_PARKED && !sched_passed(x->unpark, now);
}

static pv_time_ns_t cr_cap_budget(const struct pv_sched *s, const struct pv_sched_unit *x)
{
	return s->cfg.cap_period_ns * x->params.cap / 100u;
}

static pv_time_ns_t cr_window(const struct pv_sched *s, pv_time_ns_t t)
{
	return t - t % s->cfg.cap_period_ns;
}

/* Time x may still run in the cap window holding now (NEVER: no cap). */
static pv_time_ns_t cr_cap_left(const struct pv_sched *s, const struct pv_sched_unit *x,
                              pv_time_ns_t now)
{
	if (x->params.cap == 0)
		return PV_TIME_NEVER;
	pv_time_ns_t win = cr_window(s, now);
	pv_time_ns_t used = x->cap_win == win ? x->cap_used : 0;
	pv_time_ns_t budget = cr_cap_budget(s, x);
	pv_time_ns_t left = used >= budget ? 0 : budget - used;
	return sched_min(left, win + s->cfg.cap_period_ns - now);
}

static void cr_park(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	/* The last window before the top of the clock ends at the end of the
	 * clock: saturated, never passed (a wrapped end would unpark at once). */
	x->unpark = sched_add_sat(cr_window(s, now), s->cfg.cap_period_ns);
	s->park_until = x->unpark;
	x->boosted = 0;
	sched_list_push_tail(s, CR_PARKED, u);
}

/* Queue unit u (on no list) by its credit and cap. */
static void cr_place(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	cr_refresh(s, x);
	x->boosted = 0;
	if (x->params.cap != 0 && cr_cap_left(s, x, now) == 0)
		cr_park(s, u, now);
	else if (x->credit > 0)
		sched_list_push_tail(s, s->under, u);
	else
		sched_list_push_tail(s, cr_over(s), u);
}

static void cr_unpark(struct pv_sched *s, pv_time_ns_t now)
{
	if (sched_passed(s->park_until, now))
		sched_list_splice_tail(s, cr_over(s), CR_PARKED);
}

static enum pv_status cr_check_config(const struct pv_sched_config *cfg)
{
	if (cfg->fg_weight_mult < 1 || cfg->fg_weight_mult > 16)
		return PV_EINVAL;
	if (cfg->credit_ns_per_weight < 1 || cfg->credit_ns_per_weight > 1000000u)
		return PV_EINVAL;
	if (cfg->cap_period_ns < PV_SCHED_SLICE_MIN || cfg->cap_period_ns > PV_SCHED_SLICE_MAX)
		return PV_EINVAL;
	if (cfg->boost_ns < PV_SCHED_SLICE_MIN || cfg->boost_ns > cfg->slice_ns)
		return PV_EINVAL;
	return PV_OK;
}

static void cr_init(struct pv_sched *s)
{
	s->under = CR_A;
	s->round = 0;
	s->park_until = 0;
}

static enum pv_status cr_check_params(const struct pv_sched *s, uint32_t u,
                                      const struct pv_sched_params *p,
                                      const struct pv_sched_params *old, pv_time_ns_t now)
{
	(void)s, (void)u, (void)old, (void)now;
	if (p->weight < PV_SCHED_WEIGHT_MIN || p->weight > PV_SCHED_WEIGHT_MAX)
		return PV_EINVAL;
	if (p->cap > PV_SCHED_CAP_MAX)
		return PV_EINVAL;
	return PV_OK;
}

static void cr_add(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	cr_unpark(s, now);
	x->round = s->round;
	x->credit = cr_quantum(s, x);
	x->cap_used = 0;
	x->cap_win = cr_window(s, now);
	x->unpark = 0;
	x->slice_left = s->cfg.slice_ns;
	cr_place(s, u, now);
}

static void cr_unqueue(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	cr_unpark(s, now);
	struct pv_sched_unit *x = &s->units[u];
	if (x->list != SCHED_NOLIST)
		sched_list_del(s, u);
	x->boosted = 0;
	x->unpark = 0; /* off the parked list: no longer parked */
}

static void cr_wake(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	cr_unpark(s, now);
	cr_refresh(s, x);
	x->slice_left = s->cfg.slice_ns;
	if (x->credit > 0 && cr_cap_left(s, x, now) != 0) {
		x->boosted = 1;
		sched_list_push_tail(s, CR_BOOST, u);
	} else {
		cr_place(s, u, now);
	}
}

static void cr_yield(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	cr_unpark(s, now);
	if (cr_parked(x, now))
		return;
	sched_list_del(s, u);
	x->slice_left = s->cfg.slice_ns;
	cr_place(s, u, now);
}

static void cr_charge(struct pv_sched *s, uint32_t u, pv_time_ns_t ran, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	cr_unpark(s, now);
	if (x->list == SCHED_NOLIST || cr_parked(x, now))
		return;
	int64_t q = cr_quantum(s, x);
	x->credit -= ran > (uint64_t)q ? q : (int64_t)ran;
	if (x->credit < 1 - q)
		x->credit = 1 - q;
	/* Kept for uncapped units too: a cap set in the middle of a window
	 * counts the time already run in it (not a fresh allowance). */
	pv_time_ns_t win = cr_window(s, now - ran);
	if (x->cap_win != win) {
		x->cap_win = win;
		x->cap_used = 0;
	}
	x->cap_used += ran;
	x->slice_left -= sched_min(ran, x->slice_left);
	if (x->params.cap != 0 && cr_cap_left(s, x, now) == 0 &&
	    cr_window(s, now) == x->cap_win) {
		sched_list_del(s, u);
		x->slice_left = s->cfg.slice_ns;
		cr_park(s, u, now);
		return;
	}
	if ((x->boosted && ran > 0) || x->credit <= 0 || x->slice_left == 0) {
		sched_list_del(s, u);
		x->slice_left = s->cfg.slice_ns;
		cr_place(s, u, now);
	}
}

static void cr_pick(struct pv_sched *s, pv_time_ns_t now, struct pv_sched_decision *out)
{
	cr_unpark(s, now);
	uint32_t u = sched_list_head(s, CR_BOOST);
	pv_time_ns_t limit = PV_TIME_NEVER;
	if (u != PV_SCHED_IDLE) {
		limit = s->cfg.boost_ns;
	} else {
		if (sched_list_empty(s, s->under)) {
			if (sched_list_empty(s, cr_over(s))) {
				if (!sched_list_empty(s, CR_PARKED))
					out->run_ns = sched_until(s->park_until, now);
				return; /* idle */
			}
			s->under = cr_over(s);
			s->round++;
		}
		u = sched_list_head(s, s->under);
	}
	struct pv_sched_unit *x = &s->units[u];
	cr_refresh(s, x);
	if (x->credit < 1)
		x->credit = 1; /* cannot happen after a refresh; keep run_ns > 0 */
	pv_time_ns_t run = sched_min(x->slice_left, (pv_time_ns_t)x->credit);
	run = sched_min(run, limit);
	run = sched_min(run, cr_cap_left(s, x, now));
	PV_ASSERT(run > 0);
	out->unit = u;
	out->run_ns = run;
}

static void cr_params_changed(struct pv_sched *s, uint32_t u,
                              const struct pv_sched_params *old, pv_time_ns_t now)
{
	(void)old;
	struct pv_sched_unit *x = &s->units[u];
	cr_unpark(s, now);
	cr_clamp(s, x);
	if (x->list != SCHED_NOLIST && !cr_parked(x, now)) {
		sched_list_del(s, u);
		cr_place(s, u, now);
	}
}

static void cr_foreground(struct pv_sched *s, pv_time_ns_t now)
{
	cr_unpark(s, now);
	for (uint32_t u = 0; u < s->nunits; u++)
		if (s->units[u].state != PV_SCHED_FREE)
			cr_clamp(s, &s->units[u]);
}

const struct pv_sched_ops pv_sched_credit_ops = {
	.name = "credit",
	.check_config = cr_check_config,
	.init = cr_init,
	.check_params = cr_check_params,
	.add = cr_add,
	.remove = cr_unqueue,
	.wake = cr_wake,
	.block = cr_unqueue,
	.yield = cr_yield,
	.charge = cr_charge,
	.pick = cr_pick,
	.params_changed = cr_params_changed,
	.foreground = cr_foreground,
};
