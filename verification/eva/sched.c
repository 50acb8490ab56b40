/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Eva driver for lib/sched: absence of run-time errors where a guest
 * influences the scheduler. A guest reaches it through its own unit (block,
 * yield, the wake an event to it causes), through the parameters a
 * management hypercall may pass on (set_params, checked like add), and
 * through time: every call takes a `now` the hypervisor reads from its
 * clock, and the specification allows any value up to 2^64 - 1.
 *
 * One instance per policy (-DPOLICY=1..5), with its default configuration
 * and three units of two domains added with valid parameters, picked once
 * (ARINC 653: a two-window table). Then one operation with an arbitrary
 * unit index, arbitrary parameters and an arbitrary time, followed by a
 * pick, as the hypervisor does after any change.
 */
#include "__fc_builtin.h"
#include <pvlib/sched.h>

#ifndef POLICY
#define POLICY PV_SCHED_RR
#endif
#define NU 4u

static struct pv_sched s;
static struct pv_sched_unit units[NU];

/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

static uint32_t any32(void) { return Frama_C_unsigned_int_interval(0, UINT32_MAX); }
static uint64_t any64(void) { return ((uint64_t)any32() << 32) | any32(); }

int main(void)
{
	struct pv_sched_config c;
	pv_sched_config_default(POLICY, &c);
	if (pv_sched_init(&s, &c, units, NU) != PV_OK)
		return 1;
	struct pv_sched_params p = {
		.priority = 3, .weight = 256, .cap = 0, .budget = 1000000, .period = 10000000,
	};
	if (pv_sched_add(&s, 0, pv_domid(0), &p, 0) != PV_OK ||
	    pv_sched_add(&s, 1, pv_domid(0), &p, 0) != PV_OK ||
	    pv_sched_add(&s, 2, pv_domid(1), &p, 0) != PV_OK)
		return 1;
#if POLICY == 4
	struct pv_sched_window w[2] = {
		{ pv_domid(0), 0, 5000000 },
		{ pv_domid(1), 5000000, 5000000 },
	};
	uint32_t bad;
	if (pv_sched_arinc_set_table(&s, w, 2, 10000000, 0, &bad) != PV_OK)
		return 1;
#endif
	struct pv_sched_decision d;
	if (pv_sched_pick_next(&s, 1000, &d) != PV_OK)
		return 1;
	/* tools/prove requires this: the analysis below starts from a built instance. */
	Frama_C_show_each_setup_done(d.unit);

	/* Split by operation and by unit (each unit, or any index past them),
	 * so that the pick after it sees each outcome's queues apart. */
	uint32_t op, su, unit;
	op = Frama_C_unsigned_int_interval(0, 9);
	su = Frama_C_unsigned_int_interval(0, NU);
	//@ split op;
	//@ split su;
	unit = su < NU ? su : Frama_C_unsigned_int_interval(NU, UINT32_MAX);
	uint64_t now = any64();
	struct pv_sched_params q = { any32(), any32(), any32(), any64(), any64() };
#if POLICY == 2
	/* Fixed priority: each level apart, or any value past them, so that
	 * the pick sees which list the unit went to (the heads of the 32 lists
	 * joined would include their sentinels). */
	if (op == 3 || op == 9) { /* set_params, add */
		uint32_t prio = Frama_C_unsigned_int_interval(0, PV_SCHED_PRIO_LEVELS);
		//@ split prio;
		q.priority = prio < PV_SCHED_PRIO_LEVELS
				     ? prio
				     : Frama_C_unsigned_int_interval(PV_SCHED_PRIO_LEVELS, UINT32_MAX);
	}
#endif
	switch (op) {
	case 0: (void)pv_sched_block(&s, unit, now); break;
	case 1: (void)pv_sched_yield(&s, unit, now); break;
	case 2: (void)pv_sched_wake(&s, unit, now); break;
	case 3: (void)pv_sched_set_params(&s, unit, &q, now); break;
	case 4: (void)pv_sched_get_params(&s, unit, &q); break;
	case 5: (void)pv_sched_tick(&s, now); break;
	case 6: (void)pv_sched_set_foreground(&s, pv_domid((uint16_t)Frama_C_interval(0, 0xFFFF)), now); break;
	case 7: (void)pv_sched_remove(&s, unit, now); break;
	case 8: (void)pv_sched_unit_state(&s, unit); (void)pv_sched_unit_ran(&s, unit); break;
	default: (void)pv_sched_add(&s, unit, pv_domid((uint16_t)Frama_C_interval(0, 0xFFFF)), &q, now); break;
	}
	uint64_t later = any64();
	if (pv_sched_pick_next(&s, later, &d) != PV_OK)
		return 1;
	return 0;
}
