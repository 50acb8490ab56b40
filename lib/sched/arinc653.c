/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARINC 653 cyclic policy. A schedule table divides a major frame into
 * windows that tile it exactly; each window belongs to one domain (or is an
 * explicit idle window) and repeats every major frame, starting at the time
 * the table was installed. In its window a domain's runnable units share the
 * CPU round-robin with the configured slice; when none is runnable the CPU
 * idles to the end of the window: time is never lent to another partition.
 *
 * pick_next always bounds run_ns by the end of the current window, so a port
 * that arms its one-shot timer from the decision switches partitions exactly
 * at each window boundary.
 *
 * Each distinct domain of the table is a partition with its own run list
 * (at most PV_SCHED_ARINC_MAX_WINDOWS of them); a unit finds its partition
 * when it is added or when a table is installed, so pick_next is: advance the
 * window cursor (a bounded step), take the head of that window's list.
 *
 * Gaps are refused rather than read as idle time: a table with a hole is
 * more often a typing mistake than a wish, and an explicit idle window (dom
 * = pv_domid_none()) says the same thing on purpose.
 *
 * Concurrency: see core.c.
 */
#include "sched_internal.h"

static uint32_t ar_part_of(const struct pv_sched *s, pv_domid_t dom)
{
	for (uint32_t p = 0; p < s->npart; p++)
		if (pv_domid_eq(s->part_dom[p], dom))
			return p;
	return PV_SCHED_IDLE;
}

static bool ar_dom_has_unit(const struct pv_sched *s, pv_domid_t dom)
{
	for (uint32_t u = 0; u < s->nunits; u++)
		if (s->units[u].state != PV_SCHED_FREE && pv_domid_eq(s->units[u].dom, dom))
			return true;
	return false;
}

static enum pv_status ar_check_config(const struct pv_sched_config *cfg)
{
	(void)cfg;
	return PV_OK;
}

static void ar_init(struct pv_sched *s)
{
	s->nwin = 0;
	s->npart = 0;
}

static enum pv_status ar_check_params(const struct pv_sched *s, uint32_t u,
                                      const struct pv_sched_params *p,
                                      const struct pv_sched_params *old, pv_time_ns_t now)
{
	(void)s, (void)u, (void)p, (void)old, (void)now;
	return PV_OK; /* the table, not the unit, carries the parameters */
}

static void ar_enqueue(struct pv_sched *s, uint32_t u)
{
	struct pv_sched_unit *x = &s->units[u];
	x->slice_left = s->cfg.slice_ns;
	if (x->part != PV_SCHED_IDLE)
		sched_list_push_tail(s, (uint16_t)x->part, u);
}

static void ar_add(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	(void)now;
	s->units[u].part = ar_part_of(s, s->units[u].dom);
	ar_enqueue(s, u);
}

static void ar_wake(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	(void)now;
	ar_enqueue(s, u);
}

static void ar_dequeue(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	(void)now;
	if (s->units[u].list != SCHED_NOLIST)
		sched_list_del(s, u);
}

static void ar_yield(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	ar_dequeue(s, u, now);
	ar_enqueue(s, u);
}

static void ar_charge(struct pv_sched *s, uint32_t u, pv_time_ns_t ran, pv_time_ns_t now)
{
	(void)now;
	struct pv_sched_unit *x = &s->units[u];
	if (x->list == SCHED_NOLIST)
		return;
	x->slice_left -= sched_min(ran, x->slice_left);
	if (x->slice_left == 0) {
		x->slice_left = s->cfg.slice_ns;
		if (!sched_list_single(s, x->list)) {
			uint16_t li = x->list;
			sched_list_del(s, u);
			sched_list_push_tail(s, li, u);
		}
	}
}

static void ar_pick(struct pv_sched *s, pv_time_ns_t now, struct pv_sched_decision *out)
{
	if (s->nwin == 0)
		return; /* no table: idle */
	if (now - s->win_start >= s->major) {
		/* Whole frames passed unseen (only if the caller ignored the
		 * timer): skip them arithmetically, then at most nwin steps. */
		pv_time_ns_t frames = (now - s->win_start) / s->major;
		s->win_start += frames * s->major;
	}
	while (now - s->win_start >= s->windows[s->win].duration) {
		s->win_start += s->windows[s->win].duration;
		s->win = s->win + 1 == s->nwin ? 0 : s->win + 1;
	}
	pv_time_ns_t left = s->win_start + s->windows[s->win].duration - now;
	out->run_ns = left;
	uint16_t li = s->win_part[s->win];
	if (li == SCHED_NOLIST || sched_list_empty(s, li))
		return; /* idle window, or its owner is blocked */
	uint32_t u = sched_list_head(s, li);
	out->unit = u;
	if (!sched_list_single(s, li))
		out->run_ns = sched_min(left, s->units[u].slice_left);
}

static void ar_params_changed(struct pv_sched *s, uint32_t u,
                              const struct pv_sched_params *old, pv_time_ns_t now)
{
	(void)s, (void)u, (void)old, (void)now;
}

const struct pv_sched_ops pv_sched_arinc_ops = {
	.name = "arinc653",
	.check_config = ar_check_config,
	.init = ar_init,
	.check_params = ar_check_params,
	.add = ar_add,
	.remove = ar_dequeue,
	.wake = ar_wake,
	.block = ar_dequeue,
	.yield = ar_yield,
	.charge = ar_charge,
	.pick = ar_pick,
	.params_changed = ar_params_changed,
	.foreground = 0, /* refused: the table is the only authority */
};

static enum pv_status ar_check_table(const struct pv_sched *s, const struct pv_sched_window *w,
                                     uint32_t n, pv_time_ns_t major, uint32_t *bad)
{
	*bad = n;
	if (!w || n == 0 || major == 0)
		return PV_EINVAL;
	if (n > PV_SCHED_ARINC_MAX_WINDOWS)
		return PV_E2BIG;
	pv_time_ns_t expect = 0;
	for (uint32_t i = 0; i < n; i++) {
		*bad = i;
		if (w[i].duration == 0)
			return PV_EINVAL;
		if (w[i].offset > major || w[i].duration > major - w[i].offset)
			return PV_ERANGE; /* ends past the major frame */
		if (w[i].offset != expect)
			return PV_EINVAL; /* < expect: overlap; > expect: gap */
		expect = w[i].offset + w[i].duration;
		if (pv_domid_eq(w[i].dom, pv_domid_none()))
			continue;
		if (!pv_domid_is_guest(w[i].dom) || !ar_dom_has_unit(s, w[i].dom))
			return PV_ESRCH;
	}
	*bad = n;
	if (expect != major)
		return PV_EINVAL; /* a gap at the end of the frame */
	return PV_OK;
}

enum pv_status pv_sched_arinc_set_table(struct pv_sched *s, const struct pv_sched_window *windows,
                                        uint32_t n, pv_time_ns_t major, pv_time_ns_t now,
                                        uint32_t *bad)
{
	uint32_t bad_local;
	if (!bad)
		bad = &bad_local;
	*bad = n;
	if (!s)
		return PV_EINVAL;
	if (s->cfg.policy != PV_SCHED_ARINC653)
		return PV_ENOSYS;
	if (now < s->now)
		return PV_ERANGE;
	enum pv_status st = ar_check_table(s, windows, n, major, bad);
	if (st != PV_OK)
		return st;

	pv_sched_account(s, now);
	for (uint32_t u = 0; u < s->nunits; u++) {
		if (s->units[u].list != SCHED_NOLIST)
			sched_list_del(s, u);
	}
	s->npart = 0;
	for (uint32_t i = 0; i < n; i++) {
		s->windows[i] = windows[i];
		s->win_part[i] = SCHED_NOLIST;
		if (pv_domid_eq(windows[i].dom, pv_domid_none()))
			continue;
		uint32_t p = ar_part_of(s, windows[i].dom);
		if (p == PV_SCHED_IDLE) {
			p = s->npart++;
			s->part_dom[p] = windows[i].dom;
		}
		s->win_part[i] = (uint16_t)p;
	}
	s->nwin = n;
	s->major = major;
	s->epoch = now;
	s->win = 0;
	s->win_start = now;
	for (uint32_t u = 0; u < s->nunits; u++) {
		struct pv_sched_unit *x = &s->units[u];
		if (x->state == PV_SCHED_FREE)
			continue;
		x->part = ar_part_of(s, x->dom);
		if (x->state == PV_SCHED_RUNNABLE)
			ar_enqueue(s, u);
	}
	return PV_OK;
}
