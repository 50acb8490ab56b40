/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Round-robin and fixed-priority policies. Both keep runnable units on
 * FIFO run lists, one per priority level (round-robin uses level 0 only), and
 * a 32-bit map of the non-empty levels, so pick_next is: find the highest set
 * bit (one CLZ instruction on ARMv5T and later), take that list's head. No
 * step depends on the number of units.
 *
 * The current unit stays at the head of its list while it runs; when its
 * slice is used up it goes to the tail (if it is not alone on its level). A
 * unit preempted by a higher level keeps its place and the rest of its slice,
 * as POSIX SCHED_RR does. A unit alone on the highest non-empty level gets
 * run_ns = PV_TIME_NEVER: only a wake (or a parameter change) can displace
 * it, and the caller picks again after those anyway.
 *
 * Concurrency: see core.c.
 */
#include "sched_internal.h"

static uint16_t q_level(const struct pv_sched *s, const struct pv_sched_unit *x)
{
	if (s->cfg.policy != PV_SCHED_PRIO)
		return 0;
	uint32_t lvl = x->params.priority;
	if (x->fg)
		lvl += s->cfg.fg_prio_boost;
	if (lvl >= PV_SCHED_PRIO_LEVELS)
		lvl = PV_SCHED_PRIO_LEVELS - 1u;
	return (uint16_t)lvl;
}

static pv_time_ns_t q_slice(const struct pv_sched *s, const struct pv_sched_unit *x)
{
	if (s->cfg.policy == PV_SCHED_RR && x->fg)
		return s->cfg.fg_slice_ns;
	return s->cfg.slice_ns;
}

static void q_push(struct pv_sched *s, uint32_t u)
{
	uint16_t li = q_level(s, &s->units[u]);
	sched_list_push_tail(s, li, u);
	s->bitmap |= 1u << li;
}

static void q_del(struct pv_sched *s, uint32_t u)
{
	uint16_t li = s->units[u].list;
	sched_list_del(s, u);
	if (sched_list_empty(s, li))
		s->bitmap &= ~(1u << li);
}

static enum pv_status rr_check_config(const struct pv_sched_config *cfg)
{
	if (cfg->fg_slice_ns < cfg->slice_ns || cfg->fg_slice_ns > PV_SCHED_SLICE_MAX)
		return PV_EINVAL;
	return PV_OK;
}

static enum pv_status prio_check_config(const struct pv_sched_config *cfg)
{
	if (cfg->fg_prio_boost >= PV_SCHED_PRIO_LEVELS)
		return PV_EINVAL;
	return PV_OK;
}

static void q_init(struct pv_sched *s)
{
	s->bitmap = 0;
}

static enum pv_status rr_check_params(const struct pv_sched *s, uint32_t u,
                                      const struct pv_sched_params *p,
                                      const struct pv_sched_params *old, pv_time_ns_t now)
{
	(void)s, (void)u, (void)p, (void)old, (void)now;
	return PV_OK; /* round-robin has no per-unit parameters */
}

static enum pv_status prio_check_params(const struct pv_sched *s, uint32_t u,
                                        const struct pv_sched_params *p,
                                        const struct pv_sched_params *old, pv_time_ns_t now)
{
	(void)s, (void)u, (void)old, (void)now;
	if (p->priority >= PV_SCHED_PRIO_LEVELS)
		return PV_EINVAL;
	return PV_OK;
}

static void q_enqueue(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	(void)now;
	s->units[u].slice_left = q_slice(s, &s->units[u]);
	q_push(s, u);
}

static void q_dequeue(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	(void)now;
	if (s->units[u].list != SCHED_NOLIST)
		q_del(s, u);
}

static void q_yield(struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	q_del(s, u);
	q_enqueue(s, u, now);
}

static void q_charge(struct pv_sched *s, uint32_t u, pv_time_ns_t ran, pv_time_ns_t now)
{
	(void)now;
	struct pv_sched_unit *x = &s->units[u];
	if (x->list == SCHED_NOLIST)
		return;
	x->slice_left -= sched_min(ran, x->slice_left);
	if (x->slice_left != 0)
		return;
	x->slice_left = q_slice(s, x);
	if (!sched_list_single(s, x->list)) {
		q_del(s, u);
		q_push(s, u);
	}
}

static void q_pick(struct pv_sched *s, pv_time_ns_t now, struct pv_sched_decision *out)
{
	(void)now;
	if (s->bitmap == 0)
		return; /* idle until an event */
	uint16_t li = (uint16_t)(31 - __builtin_clz(s->bitmap));
	uint32_t u = sched_list_head(s, li);
	PV_ASSERT(u != PV_SCHED_IDLE);
	out->unit = u;
	out->run_ns = sched_list_single(s, li) ? PV_TIME_NEVER : s->units[u].slice_left;
}

static void q_params_changed(struct pv_sched *s, uint32_t u,
                             const struct pv_sched_params *old, pv_time_ns_t now)
{
	(void)old, (void)now;
	struct pv_sched_unit *x = &s->units[u];
	if (x->list != SCHED_NOLIST && x->list != q_level(s, x)) {
		q_del(s, u);
		q_push(s, u);
	}
}

static void q_foreground(struct pv_sched *s, pv_time_ns_t now)
{
	(void)now;
	for (uint32_t u = 0; u < s->nunits; u++) {
		struct pv_sched_unit *x = &s->units[u];
		if (x->list != SCHED_NOLIST && x->list != q_level(s, x)) {
			q_del(s, u);
			q_push(s, u);
		}
		/* RR: the new foreground's units get their longer slice at
		 * once; everyone else keeps at most a normal one. */
		if (x->slice_left > q_slice(s, x) ||
		    (s->cfg.policy == PV_SCHED_RR && x->fg && x->state == PV_SCHED_RUNNABLE))
			x->slice_left = q_slice(s, x);
	}
}

const struct pv_sched_ops pv_sched_rr_ops = {
	.name = "round-robin",
	.check_config = rr_check_config,
	.init = q_init,
	.check_params = rr_check_params,
	.add = q_enqueue,
	.remove = q_dequeue,
	.wake = q_enqueue,
	.block = q_dequeue,
	.yield = q_yield,
	.charge = q_charge,
	.pick = q_pick,
	.params_changed = q_params_changed,
	.foreground = q_foreground,
};

const struct pv_sched_ops pv_sched_prio_ops = {
	.name = "fixed-priority",
	.check_config = prio_check_config,
	.init = q_init,
	.check_params = prio_check_params,
	.add = q_enqueue,
	.remove = q_dequeue,
	.wake = q_enqueue,
	.block = q_dequeue,
	.yield = q_yield,
	.charge = q_charge,
	.pick = q_pick,
	.params_changed = q_params_changed,
	.foreground = q_foreground,
};
