/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scheduler core: unit bookkeeping, time accounting and dispatch to the
 * instance's policy.
 *
 * Concurrency contract. An instance (struct pv_sched and the unit array it
 * was given) is the state of one physical CPU's scheduler. pvlib is
 * uniprocessor: the caller makes every call on an instance with interrupts
 * masked (or from the one trap path), so no call ever overlaps another on the
 * same instance; nothing here blocks, sleeps or calls back out except
 * pv_port_assert_fail. Different instances share nothing. An SMP port gives
 * each CPU its own instance and must add: a per-instance lock (or IPI to the
 * owning CPU) around every call, because wake is reached from other CPUs'
 * event sends; and, to move a unit between CPUs, remove it from one instance
 * and add it to the other under both locks, taken in CPU-number order.
 *
 * Every entry point checks all of its arguments and the unit's state before
 * it changes anything; the policies split into check functions (no side
 * effects) and change functions (cannot fail), so a refused call leaves the
 * instance exactly as it was.
 */
#include "sched_internal.h"

/* Read-only table: the policy enum selects one; no writable function
 * pointer exists anywhere in an instance. */
static const struct pv_sched_ops *const sched_policies[] = {
	[PV_SCHED_RR] = &pv_sched_rr_ops,
	[PV_SCHED_PRIO] = &pv_sched_prio_ops,
	[PV_SCHED_CREDIT] = &pv_sched_credit_ops,
	[PV_SCHED_ARINC653] = &pv_sched_arinc_ops,
	[PV_SCHED_EDF] = &pv_sched_edf_ops,
};

static const struct pv_sched_ops *sched_ops_of(enum pv_sched_policy p)
{
	unsigned i = (unsigned)p;
	if (i == 0 || i >= sizeof sched_policies / sizeof sched_policies[0])
		return 0;
	return sched_policies[i];
}

static const struct pv_sched_ops *sched_ops(const struct pv_sched *s)
{
	const struct pv_sched_ops *ops = sched_ops_of(s->cfg.policy);
	PV_ASSERT(ops != 0);
	return ops;
}

void pv_sched_config_default(enum pv_sched_policy policy, struct pv_sched_config *cfg)
{
	if (!cfg)
		return;
	*cfg = (struct pv_sched_config){
		.policy = policy,
		.slice_ns = 10000000u,
		.fg_slice_ns = 20000000u,
		.fg_prio_boost = 1,
		.fg_weight_mult = 2,
		.credit_ns_per_weight = 40000,
		.cap_period_ns = 30000000u,
		.boost_ns = 1000000u,
	};
}

enum pv_status pv_sched_init(struct pv_sched *s, const struct pv_sched_config *cfg,
                             struct pv_sched_unit *units, uint32_t nunits)
{
	if (!s || !cfg || !units || nunits == 0 || nunits >= PV_SCHED_IDLE - PV_SCHED_NLISTS)
		return PV_EINVAL;
	const struct pv_sched_ops *ops = sched_ops_of(cfg->policy);
	if (!ops)
		return PV_EINVAL;
	if (cfg->slice_ns < PV_SCHED_SLICE_MIN || cfg->slice_ns > PV_SCHED_SLICE_MAX)
		return PV_EINVAL;
	enum pv_status st = ops->check_config(cfg);
	if (st != PV_OK)
		return st;

	*s = (struct pv_sched){
		.cfg = *cfg,
		.units = units,
		.nunits = nunits,
		.cur = PV_SCHED_IDLE,
		.fg = pv_domid_none(),
	};
	for (uint32_t i = 0; i < nunits; i++) {
		units[i] = (struct pv_sched_unit){
			.dom = pv_domid_none(),
			.state = PV_SCHED_FREE,
			.heap = SCHED_NOHEAP,
			.list = SCHED_NOLIST,
			.link = { PV_SCHED_IDLE, PV_SCHED_IDLE },
			.part = PV_SCHED_IDLE,
			.hpos = PV_SCHED_IDLE,
			.bw_pos = PV_SCHED_IDLE,
		};
	}
	for (uint16_t li = 0; li < PV_SCHED_NLISTS; li++)
		sched_list_init(s, li);
	ops->init(s);
	return PV_OK;
}

/* Charge the current unit up to now. The caller has checked now >= s->now. */
void pv_sched_account(struct pv_sched *s, pv_time_ns_t now)
{
	if (s->cur != PV_SCHED_IDLE) {
		pv_time_ns_t ran = now - s->cur_since;
		s->units[s->cur].ran_ns += ran;
		sched_ops(s)->charge(s, s->cur, ran, now);
	}
	s->cur_since = now;
	s->now = now;
}

/* Common checks for an operation on an added unit. */
static enum pv_status sched_check_unit(const struct pv_sched *s, uint32_t u, pv_time_ns_t now)
{
	if (!s)
		return PV_EINVAL;
	if (u >= s->nunits || now < s->now)
		return PV_ERANGE;
	if (s->units[u].state == PV_SCHED_FREE)
		return PV_ENOENT;
	return PV_OK;
}

enum pv_status pv_sched_add(struct pv_sched *s, uint32_t unit, pv_domid_t dom,
                            const struct pv_sched_params *params, pv_time_ns_t now)
{
	if (!s || !params)
		return PV_EINVAL;
	if (unit >= s->nunits || now < s->now)
		return PV_ERANGE;
	if (s->units[unit].state != PV_SCHED_FREE)
		return PV_EEXIST;
	if (!pv_domid_is_guest(dom))
		return PV_ESRCH;
	const struct pv_sched_ops *ops = sched_ops(s);
	enum pv_status st = ops->check_params(s, unit, params, 0, now);
	if (st != PV_OK)
		return st;

	pv_sched_account(s, now);
	struct pv_sched_unit *x = &s->units[unit];
	x->dom = dom;
	x->params = *params;
	x->state = PV_SCHED_RUNNABLE;
	x->fg = pv_domid_eq(dom, s->fg);
	x->ran_ns = 0;
	s->nadded++;
	ops->add(s, unit, now);
	return PV_OK;
}

enum pv_status pv_sched_remove(struct pv_sched *s, uint32_t unit, pv_time_ns_t now)
{
	enum pv_status st = sched_check_unit(s, unit, now);
	if (st != PV_OK)
		return st;
	pv_sched_account(s, now);
	sched_ops(s)->remove(s, unit, now);
	struct pv_sched_unit *x = &s->units[unit];
	PV_ASSERT(x->list == SCHED_NOLIST && x->heap == SCHED_NOHEAP);
	x->state = PV_SCHED_FREE;
	x->dom = pv_domid_none();
	x->fg = 0;
	s->nadded--;
	if (s->cur == unit)
		s->cur = PV_SCHED_IDLE;
	return PV_OK;
}

enum pv_status pv_sched_wake(struct pv_sched *s, uint32_t unit, pv_time_ns_t now)
{
	enum pv_status st = sched_check_unit(s, unit, now);
	if (st != PV_OK)
		return st;
	pv_sched_account(s, now);
	if (s->units[unit].state == PV_SCHED_RUNNABLE)
		return PV_OK;
	s->units[unit].state = PV_SCHED_RUNNABLE;
	sched_ops(s)->wake(s, unit, now);
	return PV_OK;
}

enum pv_status pv_sched_block(struct pv_sched *s, uint32_t unit, pv_time_ns_t now)
{
	enum pv_status st = sched_check_unit(s, unit, now);
	if (st != PV_OK)
		return st;
	pv_sched_account(s, now);
	if (s->units[unit].state == PV_SCHED_BLOCKED)
		return PV_OK;
	s->units[unit].state = PV_SCHED_BLOCKED;
	sched_ops(s)->block(s, unit, now);
	if (s->cur == unit)
		s->cur = PV_SCHED_IDLE;
	return PV_OK;
}

enum pv_status pv_sched_yield(struct pv_sched *s, uint32_t unit, pv_time_ns_t now)
{
	enum pv_status st = sched_check_unit(s, unit, now);
	if (st != PV_OK)
		return st;
	if (s->units[unit].state != PV_SCHED_RUNNABLE)
		return PV_EINVAL;
	pv_sched_account(s, now);
	sched_ops(s)->yield(s, unit, now);
	return PV_OK;
}

enum pv_status pv_sched_pick_next(struct pv_sched *s, pv_time_ns_t now,
                                  struct pv_sched_decision *out)
{
	if (!s || !out)
		return PV_EINVAL;
	if (now < s->now)
		return PV_ERANGE;
	pv_sched_account(s, now);
	struct pv_sched_decision d = { PV_SCHED_IDLE, pv_domid_none(), PV_TIME_NEVER };
	sched_ops(s)->pick(s, now, &d);
	PV_ASSERT(d.run_ns > 0);
	/* A timer past the end of the clock cannot be armed: none is needed,
	 * since no time comes after it (the top of the clock, see sched.h). */
	if (d.run_ns > PV_TIME_NEVER - now)
		d.run_ns = PV_TIME_NEVER;
	if (d.unit != PV_SCHED_IDLE) {
		PV_ASSERT(d.unit < s->nunits && s->units[d.unit].state == PV_SCHED_RUNNABLE);
		d.dom = s->units[d.unit].dom;
	}
	s->cur = d.unit;
	*out = d;
	return PV_OK;
}

enum pv_status pv_sched_tick(struct pv_sched *s, pv_time_ns_t now)
{
	if (!s)
		return PV_EINVAL;
	if (now < s->now)
		return PV_ERANGE;
	pv_sched_account(s, now);
	return PV_OK;
}

enum pv_status pv_sched_set_params(struct pv_sched *s, uint32_t unit,
                                   const struct pv_sched_params *params, pv_time_ns_t now)
{
	if (!params)
		return PV_EINVAL;
	enum pv_status st = sched_check_unit(s, unit, now);
	if (st != PV_OK)
		return st;
	const struct pv_sched_ops *ops = sched_ops(s);
	struct pv_sched_params old = s->units[unit].params;
	st = ops->check_params(s, unit, params, &old, now);
	if (st != PV_OK)
		return st;
	pv_sched_account(s, now);
	s->units[unit].params = *params;
	ops->params_changed(s, unit, &old, now);
	return PV_OK;
}

enum pv_status pv_sched_get_params(const struct pv_sched *s, uint32_t unit,
                                   struct pv_sched_params *out)
{
	if (!s || !out)
		return PV_EINVAL;
	if (unit >= s->nunits)
		return PV_ERANGE;
	if (s->units[unit].state == PV_SCHED_FREE)
		return PV_ENOENT;
	*out = s->units[unit].params;
	return PV_OK;
}

enum pv_status pv_sched_set_foreground(struct pv_sched *s, pv_domid_t dom, pv_time_ns_t now)
{
	if (!s)
		return PV_EINVAL;
	if (now < s->now)
		return PV_ERANGE;
	if (!pv_domid_is_guest(dom) && !pv_domid_eq(dom, pv_domid_none()))
		return PV_ESRCH;
	const struct pv_sched_ops *ops = sched_ops(s);
	if (!ops->foreground)
		return PV_EPERM;
	pv_sched_account(s, now);
	s->fg = dom;
	/* A management operation, not a hot path: O(nunits). */
	for (uint32_t i = 0; i < s->nunits; i++) {
		struct pv_sched_unit *x = &s->units[i];
		x->fg = x->state != PV_SCHED_FREE && pv_domid_eq(x->dom, dom);
	}
	ops->foreground(s, now);
	return PV_OK;
}

pv_domid_t pv_sched_foreground(const struct pv_sched *s)
{
	return s ? s->fg : pv_domid_none();
}

enum pv_sched_unit_state pv_sched_unit_state(const struct pv_sched *s, uint32_t unit)
{
	if (!s || unit >= s->nunits)
		return PV_SCHED_FREE;
	return (enum pv_sched_unit_state)s->units[unit].state;
}

pv_time_ns_t pv_sched_unit_ran(const struct pv_sched *s, uint32_t unit)
{
	if (!s || unit >= s->nunits)
		return 0;
	return s->units[unit].ran_ns;
}
