/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * EDF policy with hard reservations. Each unit has a budget B and a period
 * P: in every period it may run B, and its deadline is the end of the period.
 * Units with budget left wait in the READY heap ordered by deadline; units
 * that spent it wait in the RELEASE heap ordered by the time they get it back
 * (the same deadline). pick_next moves the released units over, then takes
 * the READY top: O(log n) per unit released, O(1) for the choice itself. Every
 * unit is released at most once per period, so that is O(log n) amortised per
 * release; a single pick at which k units are due (k <= n, e.g. units with
 * equal periods started together) costs O(k log n).
 *
 *   READY   (deadline, unit)  -- run the top
 *   RELEASE (deadline, unit)  -- budget back at deadline, new deadline +P
 *   HELD    (bw_until, unit)  -- bandwidth given back to admission at bw_until
 *
 * The heaps live inside the unit array: unit i stores which unit sits at
 * position i of each heap (hslot[]), and every unit its own positions (hpos,
 * bw_pos), so no storage beyond the units is needed.
 *
 * Admission: sum of ceil(B * 2^32 / P) over the units must not exceed 2^32.
 * Rounding every term up means a set with utilisation above 1 is never
 * accepted; the price is that a set within n * 2^-32 of exactly 1 whose terms
 * are not exact binary fractions (three units of 1/3) is refused. With
 * U <= 1, EDF meets every deadline of units that stay runnable (Liu and
 * Layland 1973); pick_next bounds run_ns by the unit's budget, its deadline
 * and the next release, so the port's one-shot timer enforces the budget.
 *
 * Bandwidth is given back late, never early. A unit that is removed, or whose
 * parameters are lowered, keeps its current deadline and may still use the
 * budget left in the current period, so the share it gives up stays counted
 * by the admission test (bw_held, in the HELD heap) until that deadline:
 * a unit admitted meanwhile cannot push anyone past a deadline. A unit holds
 * at most one such reservation (a second decrease before the first is given
 * back adds to it and keeps the later time), so HELD has at most n entries;
 * a slot that is removed and added again keeps what it still holds. The
 * total counted (util) only grows through an admission test, so it never
 * exceeds 2^32. Reservations whose time has come are dropped at every pick
 * and every add/remove/parameter change (O(log n) each); the admission test
 * itself changes nothing, so it subtracts the ones that are due but not yet
 * dropped (a walk of the due part of HELD, at most n entries).
 *
 * A unit that wakes keeps its deadline and budget only if that does not let
 * it exceed its bandwidth B/P before the deadline (the constant bandwidth
 * server wake-up rule); otherwise it starts a fresh period at the wake.
 * Time run beyond the budget (a late timer) is not carried into the next
 * period.
 *
 * The top of the clock: a deadline (or a held reservation's end) that would
 * pass 2^64 - 1 ns saturates at PV_TIME_NEVER, the end of the clock, and a
 * saturated time never passes (sched_passed): the unit's last period lasts
 * to the end of the clock, so its spent budget does not come back and every
 * loop over due units ends (each replenished unit gets a deadline after now
 * or a saturated one). Without this, now + period wrapped to a deadline in
 * the past and pick_next replenished the same unit for ever.
 *
 * Concurrency: see core.c.
 */
#include "sched_internal.h"

enum { EDF_READY = 0, EDF_RELEASE = 1, EDF_HELD = 2, EDF_SLACK_LIST = 0 };

#define EDF_SCALE_SHIFT 32u
#define EDF_SCALE ((uint64_t)1 << EDF_SCALE_SHIFT)

static uint64_t edf_term(const struct pv_sched_params *p)
{
	/* budget <= period < 2^32, so budget << 32 fits in 64 bits. */
	return ((p->budget << EDF_SCALE_SHIFT) + p->period - 1u) / p->period;
}

/* The key unit u is ordered by in heap h. */
static pv_time_ns_t edf_key(const struct pv_sched *s, uint8_t h, uint32_t u)
{
	return h == EDF_HELD ? s->units[u].bw_until : s->units[u].deadline;
}

static bool edf_less(const struct pv_sched *s, uint8_t h, uint32_t a, uint32_t b)
{
	pv_time_ns_t ka = edf_key(s, h, a), kb = edf_key(s, h, b);
	return ka != kb ? ka < kb : a < b;
}

static uint32_t edf_at(const struct pv_sched *s, uint8_t h, uint32_t i)
{
	return s->units[i].hslot[h];
}

static void edf_set(struct pv_sched *s, uint8_t h, uint32_t i, uint32_t u)
{
	s->units[i].hslot[h] = u;
	if (h == EDF_HELD)
		s->units[u].bw_pos = i;
	else
		s->units[u].hpos = i;
}

static void edf_sift_up(struct pv_sched *s, uint8_t h, uint32_t i)
{
	uint32_t u = edf_at(s, h, i);
	while (i > 0) {
		uint32_t parent = (i - 1u) / 2u;
		uint32_t pu = edf_at(s, h, parent);
		if (!edf_less(s, h, u, pu))
			break;
		edf_set(s, h, i, pu);
		i = parent;
	}
	edf_set(s, h, i, u);
}

static void edf_sift_down(struct pv_sched *s, uint8_t h, uint32_t i)
{
	uint32_t n = s->heap_n[h];
	uint32_t u = edf_at(s, h, i);
	for (;;) {
		uint32_t c = 2u * i + 1u;
		if (c >= n)
			break;
		if (c + 1u < n && edf_less(s, h, edf_at(s, h, c + 1u), edf_at(s, h, c)))
			c++;
		uint32_t cu = edf_at(s, h, c);
		if (!edf_less(s, h, cu, u))
			break;
		edf_set(s, h, i, cu);
		i = c;
	}
	edf_set(s, h, i, u);
}

static void edf_heap_push(struct pv_sched *s, uint8_t h, uint32_t u)
{
	uint32_t i = s->heap_n[h]++;
	edf_set(s, h, i, u);
	edf_sift_up(s, h, i);
}

/* Take the unit at position i out of heap h. */
static void edf_heap_del(struct pv_sched *s, uint8_t h, uint32_t i)
{
	uint32_t last = edf_at(s, h, --s->heap_n[h]);
	if (i == s->heap_n[h])
		return;
	edf_set(s, h, i, last);
	edf_sift_up(s, h, i);
	edf_sift_down(s, h, h == EDF_HELD ? s->units[last].bw_pos : s->units[last].hpos);
}

static void edf_push(struct pv_sched *s, uint8_t h, uint32_t u)
{
	PV_ASSERT(s->units[u].heap == SCHED_NOHEAP);
	s->units[u].heap = h;
	edf_heap_push(s, h, u);
}

static void edf_remove(struct pv_sched *s, uint32_t u)
{
	struct pv_sched_unit *x = &s->units[u];
	uint8_t h = x->heap;
	PV_ASSERT(h == EDF_READY || h == EDF_RELEASE);
	uint32_t i = x->hpos;
	x->heap = SCHED_NOHEAP;
	x->hpos = PV_SCHED_IDLE;
	edf_heap_del(s, h, i);
}

static uint32_t edf_top(const struct pv_sched *s, uint8_t h)
{
	return s->heap_n[h] ? edf_at(s, h, 0) : PV_SCHED_IDLE;
}

/* ---- held bandwidth ---- */

static bool edf_due(const struct pv_sched *s, uint32_t i, pv_time_ns_t now)
{
	return i < s->heap_n[EDF_HELD] &&
	       sched_passed(s->units[edf_at(s, EDF_HELD, i)].bw_until, now);
}

/*
 * Sum of the held bandwidth due by now, without dropping it. The due entries
 * form a subtree at the top of the heap (a parent is never due later than its
 * children); walk it depth first without a stack: O(number due) <= n.
 */
static uint64_t edf_due_sum(const struct pv_sched *s, pv_time_ns_t now)
{
	uint64_t sum = 0;
	if (!edf_due(s, 0, now))
		return 0;
	uint32_t i = 0;
	for (;;) {
		sum += s->units[edf_at(s, EDF_HELD, i)].bw_held;
		uint32_t l = 2u * i + 1u;
		if (edf_due(s, l, now)) {
			i = l;
			continue;
		}
		if (edf_due(s, l + 1u, now)) {
			i = l + 1u;
			continue;
		}
		/* Climb to the nearest ancestor whose right child is due and
		 * not yet visited (we come up from its left child). */
		for (;;) {
			if (i == 0)
				return sum;
			uint32_t parent = (i - 1u) / 2u;
			bool from_left = i == 2u * parent + 1u;
			i = parent;
			if (from_left && edf_due(s, i * 2u + 2u, now)) {
				i = i * 2u + 2u;
				break;
			}
		}
	}
}

/* Bandwidth u still holds at now (held and not yet due). */
static uint64_t edf_held_at(const struct pv_sched_unit *x, pv_time_ns_t now)
{
	return x->bw_pos != PV_SCHED_IDLE && !sched_passed(x->bw_until, now) ? x->bw_held : 0;
}

/* Give back to admission every held bandwidth that is due by now. */
static void edf_expire(struct pv_sched *s, pv_time_ns_t now)
{
	while (edf_due(s, 0, now)) {
		uint32_t u = edf_at(s, EDF_HELD, 0);
		struct pv_sched_unit *x = &s->units[u];
		s->util -= x->bw_held;
		x->bw_held = 0;
		x->bw_until = 0;
		x->bw_pos = PV_SCHED_IDLE;
		edf_heap_del(s, EDF_HELD, 0);
	}
}

/* u takes amount (<= what it holds) back into its admitted share. */
static void edf_unhold(struct pv_sched *s, uint32_t u, uint64_t amount)
{
	struct pv_sched_unit *x = &s->units[u];
	if (amount == 0)
		return;
	s->util -= amount;
	x->bw_held -= amount;
	if (x->bw_held == 0) {
		uint32_t i = x->bw_pos;
		x->bw_until = 0;
		x->bw_pos = PV_SCHED_IDLE;
		edf_heap_del(s, EDF_HELD, i);
	}
}

/*
 * u gives up amount of its admitted bandwidth now: keep it counted until the
 * end of u's current period (or of an earlier reservation of u that ends
 * later). Called after edf_expire(now), with amount already taken out of
 * s->util; nothing is held if that time has passed.
 */
static void edf_hold(struct pv_sched *s, uint32_t u, uint64_t amount, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	bool held = x->bw_pos != PV_SCHED_IDLE;
	pv_time_ns_t until = x->deadline;
	if (held && x->bw_until > until)
		until = x->bw_until;
	if (amount == 0 || sched_passed(until, now))
		return;
	s->util += amount;
	x->bw_held += amount;
	if (!held) {
		x->bw_until = until;
		edf_heap_push(s, EDF_HELD, u);
	} else if (until != x->bw_until) {
		x->bw_until = until; /* later: only moves down */
		edf_sift_down(s, EDF_HELD, x->bw_pos);
	}
}

/* Put u, runnable, in the heap its budget says. */
static void edf_queue(struct pv_sched *s, uint32_t u)
{
	struct pv_sched_unit *x = &s->units[u];
	if (x->remaining > 0) {
		edf_push(s, EDF_READY, u);
	} else {
		edf_push(s, EDF_RELEASE, u);
		if (x->fg)
			sched_list_push_tail(s, EDF_SLACK_LIST, u);
	}
}

static void edf_unqueue(struct pv_sched *s, uint32_t u)
{
	if (s->units[u].heap != SCHED_NOHEAP)
		edf_remove(s, u);
	if (s->units[u].list != SCHED_NOLIST)
		sched_list_del(s, u);
}

/* A new period for x: full budget, deadline one period after the old one,
 * or after now if that is already past (saturating: see edf_deadline). */
static void edf_replenish(struct pv_sched_unit *x, pv_time_ns_t now)
{
	x->remaining = x->params.budget;
	x->deadline = sched_add_sat(x->deadline, x->params.period);
	if (sched_passed(x->deadline, now))
		x->deadline = sched_add_sat(now, x->params.period);
}

static enum pv_status edf_check_config(const struct pv_sched_config *cfg)
{
	(void)cfg;
	return PV_OK;
}

static void edf_init(struct pv_sched *s)
{
	s->util = 0;
	s->heap_n[EDF_READY] = s->heap_n[EDF_RELEASE] = s->heap_n[EDF_HELD] = 0;
}

static enum pv_status edf_check_params(const struct pv_sched *s, uint32_t u,
                                       const struct pv_sched_params *p,
                                       const struct pv_sched_params *old, pv_time_ns_t now)
{
	if (p->period == 0 || p->period > PV_SCHED_EDF_PERIOD_MAX)
		return PV_EINVAL;
	if (p->budget == 0 || p->budget > p->period)
		return PV_EINVAL;
	/*
	 * Only growth needs room: a decrease stays counted until the unit's
	 * deadline (edf_hold), so it never changes the total now, and an
	 * increase first takes back what the unit itself still holds (it
	 * counts max(old, new) until then). s->util <= 2^32 always holds,
	 * since nothing else makes it grow.
	 */
	uint64_t t_new = edf_term(p), t_old = old ? edf_term(old) : 0;
	if (t_new <= t_old)
		return PV_OK;
	uint64_t grow = t_new - t_old;
	if (old)
		grow -= sched_min(grow, edf_held_at(&s->units[u], now)); /* its own, still held */
	uint64_t util = s->util - edf_due_sum(s, now);
	if (grow > EDF_SCALE - util)
		return PV_ENOSPC;
	return PV_OK;
}

static void edf_add(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	edf_expire(s, now);
	s->util += edf_term(&x->params);
	x->remaining = x->params.budget;
	x->deadline = sched_add_sat(now, x->params.period);
	edf_queue(s, u);
}

static void edf_remove_unit(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	/* Its share stays counted until its deadline: it may have run less
	 * than a full share of this period and the others were admitted
	 * counting on the rest. */
	uint64_t t = edf_term(&s->units[u].params);
	edf_expire(s, now);
	s->util -= t;
	edf_hold(s, u, t, now);
	edf_unqueue(s, u);
}

static void edf_block(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	(void)now;
	edf_unqueue(s, u);
}

static void edf_wake(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	/* CBS: keep (remaining, deadline) only if remaining / (deadline - now)
	 * <= budget / period. All factors are below 2^32 (a deadline is at
	 * most one period after the time it was set from, saturated or not). */
	if (sched_passed(x->deadline, now) ||
	    x->remaining * x->params.period > (x->deadline - now) * x->params.budget) {
		x->remaining = x->params.budget;
		x->deadline = sched_add_sat(now, x->params.period);
	}
	edf_queue(s, u);
}

static void edf_yield(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	(void)now;
	struct pv_sched_unit *x = &s->units[u];
	if (x->heap != EDF_READY)
		return;
	edf_unqueue(s, u);
	x->remaining = 0;
	edf_queue(s, u);
}

static void edf_charge(struct pv_sched *s, uint32_t u, pv_time_ns_t ran, pv_time_ns_t now)
{
	(void)now;
	struct pv_sched_unit *x = &s->units[u];
	if (x->heap == EDF_READY) {
		x->remaining -= sched_min(ran, x->remaining);
		if (x->remaining == 0) {
			edf_remove(s, u);
			edf_queue(s, u);
		}
	} else if (x->list != SCHED_NOLIST && ran > 0) {
		/* It ran in the slack: let the next foreground unit have it. */
		sched_list_del(s, u);
		sched_list_push_tail(s, EDF_SLACK_LIST, u);
	}
}

static void edf_pick(struct pv_sched *s, pv_time_ns_t now, struct pv_sched_decision *out)
{
	uint32_t u;
	edf_expire(s, now);
	while ((u = edf_top(s, EDF_RELEASE)) != PV_SCHED_IDLE &&
	       sched_passed(s->units[u].deadline, now)) {
		edf_unqueue(s, u);
		edf_replenish(&s->units[u], now);
		edf_queue(s, u);
	}
	while ((u = edf_top(s, EDF_READY)) != PV_SCHED_IDLE &&
	       sched_passed(s->units[u].deadline, now)) {
		/* Its period ended with budget unspent (it was not runnable
		 * long enough, or a timer was late): start the next one. */
		edf_remove(s, u);
		edf_replenish(&s->units[u], now);
		edf_queue(s, u);
	}
	uint32_t r = edf_top(s, EDF_RELEASE);
	pv_time_ns_t next_release =
		r == PV_SCHED_IDLE ? PV_TIME_NEVER : sched_until(s->units[r].deadline, now);
	u = edf_top(s, EDF_READY);
	if (u != PV_SCHED_IDLE) {
		struct pv_sched_unit *x = &s->units[u];
		out->unit = u;
		out->run_ns = sched_min(sched_min(x->remaining, sched_until(x->deadline, now)),
					next_release);
		return;
	}
	out->run_ns = next_release;
	u = sched_list_head(s, EDF_SLACK_LIST);
	if (u != PV_SCHED_IDLE) {
		out->unit = u;
		out->run_ns = sched_min(next_release, s->cfg.slice_ns);
	}
}

static void edf_params_changed(struct pv_sched *s, uint32_t u,
                               const struct pv_sched_params *old, pv_time_ns_t now)
{
	struct pv_sched_unit *x = &s->units[u];
	uint64_t t_old = edf_term(old), t_new = edf_term(&x->params);
	edf_expire(s, now);
	s->util = s->util - t_old + t_new;
	/* Until the end of this period max(old, new) counts: a decrease is
	 * held until then, an increase first uses up what is held. */
	if (t_new < t_old)
		edf_hold(s, u, t_old - t_new, now);
	else
		edf_unhold(s, u, sched_min(t_new - t_old, edf_held_at(x, now)));
	/* The current period keeps its deadline; the budget left in it never
	 * grows. The new values apply from the next period. */
	if (x->remaining > x->params.budget) {
		bool queued = x->heap != SCHED_NOHEAP;
		if (queued)
			edf_unqueue(s, u);
		x->remaining = x->params.budget;
		if (queued)
			edf_queue(s, u);
	}
}

static void edf_foreground(struct pv_sched *s, pv_time_ns_t now)
{
	(void)now;
	for (uint32_t u = 0; u < s->nunits; u++) {
		struct pv_sched_unit *x = &s->units[u];
		bool on = x->list != SCHED_NOLIST;
		bool want = x->fg && x->heap == EDF_RELEASE;
		if (on && !want)
			sched_list_del(s, u);
		else if (!on && want)
			sched_list_push_tail(s, EDF_SLACK_LIST, u);
	}
}

const struct pv_sched_ops pv_sched_edf_ops = {
	.name = "edf",
	.check_config = edf_check_config,
	.init = edf_init,
	.check_params = edf_check_params,
	.add = edf_add,
	.remove = edf_remove_unit,
	.wake = edf_wake,
	.block = edf_block,
	.yield = edf_yield,
	.charge = edf_charge,
	.pick = edf_pick,
	.params_changed = edf_params_changed,
	.foreground = edf_foreground,
};
