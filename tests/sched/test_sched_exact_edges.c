/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched checks that only the full mutation run (docs/testing.md,
 * "Mutation testing", "Measured scores") found unheld. Each test is the
 * attack a planted single-token bug in the check would let through, and
 * runs the structural checker (sched_check.h) after every call, plus, for
 * ARINC 653, the partition invariants below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/sched.h>
#include "port_fake.h"
#include "sched_check.h"

#define MS 1000000ull
#define NU 4u

static struct pv_sched S;
static struct pv_sched_unit U[NU];

/*
 * ARINC 653 partitions: npart distinct domains, one per domain that has a
 * window, every window's partition below npart and naming its domain, and
 * every added unit in its domain's partition, or idle (PV_SCHED_IDLE) when
 * its domain has no window. Returns the first violation or NULL.
 */
static const char *arinc_partitions(const struct pv_sched *s)
{
	uint32_t want = 0;
	for (uint32_t i = 0; i < s->nwin; i++) {
		pv_domid_t d = s->windows[i].dom;
		if (pv_domid_eq(d, pv_domid_none())) {
			if (s->win_part[i] != 0xFFFFu)
				return "an idle window has a partition";
			continue;
		}
		bool first = true;
		for (uint32_t k = 0; k < i; k++)
			first = first && !pv_domid_eq(s->windows[k].dom, d);
		want += first;
		if (s->win_part[i] >= s->npart)
			return "a window's partition is past the partition count";
		if (!pv_domid_eq(s->part_dom[s->win_part[i]], d))
			return "a window's partition names another domain";
	}
	if (s->npart != want)
		return "partition count is not the number of domains with a window";
	for (uint32_t u = 0; u < s->nunits; u++) {
		const struct pv_sched_unit *x = &s->units[u];
		if (x->state == PV_SCHED_FREE)
			continue;
		bool in_table = false;
		for (uint32_t i = 0; i < s->nwin; i++)
			in_table = in_table || pv_domid_eq(s->windows[i].dom, x->dom);
		if (!in_table) {
			if (x->part != PV_SCHED_IDLE)
				return "a unit whose domain has no window holds a partition";
		} else if (x->part >= s->npart || !pv_domid_eq(s->part_dom[x->part], x->dom)) {
			return "a unit is not in its domain's partition";
		}
	}
	return NULL;
}

static void inv(void)
{
	const char *why = sc_invariants(&S);
	if (!why && S.cfg.policy == PV_SCHED_ARINC653)
		why = arinc_partitions(&S);
	if (why)
		fail_msg("invariant: %s", why);
}

#define OK(call)                                   \
	do {                                       \
		assert_int_equal((call), PV_OK);   \
		inv();                             \
	} while (0)

static int reset(void **state)
{
	(void)state;
	memset(&S, 0, sizeof S);
	memset(U, 0, sizeof U);
	return 0;
}

static void add(uint32_t u, uint16_t dom, pv_time_ns_t now)
{
	struct pv_sched_params p = { .priority = 1, .weight = 256 };
	OK(pv_sched_add(&S, u, pv_domid(dom), &p, now));
}

/*
 * Every call that names a unit, given no instance (a hypervisor whose
 * lookup of the instance failed): PV_EINVAL, not PV_OK with nothing done
 * (the caller would think a vcpu blocked or woke that did not) nor another
 * code, and no access through the null pointer.
 */
static void test_unit_calls_without_instance_refused(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_RR, &c);
	OK(pv_sched_init(&S, &c, U, NU));
	add(0, 1, 0);
	struct pv_sched_params p = { .priority = 1, .weight = 256 };
	assert_int_equal(pv_sched_remove(NULL, 0, 0), PV_EINVAL);
	assert_int_equal(pv_sched_wake(NULL, 0, 0), PV_EINVAL);
	assert_int_equal(pv_sched_block(NULL, 0, 0), PV_EINVAL);
	assert_int_equal(pv_sched_yield(NULL, 0, 0), PV_EINVAL);
	assert_int_equal(pv_sched_set_params(NULL, 0, &p, 0), PV_EINVAL);
	inv();
	/* The instance itself is untouched and still works. */
	OK(pv_sched_block(&S, 0, 1));
	OK(pv_sched_wake(&S, 0, 2));
}

/*
 * A domain dropped from the ARINC 653 table keeps no partition. Tables in
 * turn [A, B], [C, B], [D]: building the second must not find B's old
 * partition number by reading one entry past the partition count (the
 * count would then stay short, and a window point past it), and under the
 * third B's unit must be idle, not queued in a partition of the old table
 * that the next table hands to another domain.
 */
static void test_arinc_domain_dropped_from_table_keeps_no_partition(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_ARINC653, &c);
	OK(pv_sched_init(&S, &c, U, NU));
	for (uint32_t u = 0; u < NU; u++)
		add(u, (uint16_t)(u + 1), 0); /* domains 1 (A) .. 4 (D) */
	struct pv_sched_window ab[] = { { pv_domid(1), 0, 5 * MS }, { pv_domid(2), 5 * MS, 5 * MS } };
	struct pv_sched_window cb[] = { { pv_domid(3), 0, 5 * MS }, { pv_domid(2), 5 * MS, 5 * MS } };
	struct pv_sched_window d[] = { { pv_domid(4), 0, 10 * MS } };
	OK(pv_sched_arinc_set_table(&S, ab, 2, 10 * MS, 0, NULL));
	OK(pv_sched_arinc_set_table(&S, cb, 2, 10 * MS, 1, NULL));
	assert_int_equal(S.npart, 2);
	OK(pv_sched_arinc_set_table(&S, d, 1, 10 * MS, 2, NULL));
	assert_int_equal(S.npart, 1);
	assert_int_equal(U[1].part, PV_SCHED_IDLE);
	/* B blocks and wakes under the third table: still idle, and over a
	 * whole major frame only D's unit runs. */
	OK(pv_sched_block(&S, 1, 3));
	OK(pv_sched_wake(&S, 1, 4));
	assert_int_equal(U[1].part, PV_SCHED_IDLE);
	inv();
	for (pv_time_ns_t t = 10 * MS; t < 20 * MS; t += MS) {
		struct pv_sched_decision dec;
		OK(pv_sched_pick_next(&S, t, &dec));
		assert_int_equal(dec.unit, 3);
	}
}

/*
 * Fixed priority: a foreground change leaves the slice a unit has left as
 * it is (only round-robin gives the foreground's units their longer slice
 * at once). Otherwise the hypervisor naming the same foreground again, as
 * it does at every focus event, would refill the running unit's slice, and
 * a foreground guest woken by such events would keep the CPU past its
 * slice while the other unit of its level waits.
 */
static void test_prio_foreground_change_does_not_refill_the_slice(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_PRIO, &c);
	OK(pv_sched_init(&S, &c, U, NU));
	add(0, 1, 0);
	add(1, 1, 0);
	OK(pv_sched_set_foreground(&S, pv_domid(1), 0));
	struct pv_sched_decision d;
	OK(pv_sched_pick_next(&S, 0, &d));
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, c.slice_ns);
	OK(pv_sched_set_foreground(&S, pv_domid(1), 4 * MS));
	OK(pv_sched_pick_next(&S, 4 * MS, &d));
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, c.slice_ns - 4 * MS);
	/* At the end of that rest the other unit runs. */
	OK(pv_sched_pick_next(&S, c.slice_ns, &d));
	assert_int_equal(d.unit, 1);
}

/*
 * Credit: a unit parked at its cap stays the current one until the
 * hypervisor's next pick, and events (a tick, another unit's wake) may
 * come first. That time is not charged to the parked unit again: its
 * credit stays what it had when it was parked. Charged, the lateness of
 * the hypervisor's reschedule would drain a capped guest's credit, and the
 * other guests would take its share after the window ends.
 */
static void test_credit_late_reschedule_does_not_drain_a_parked_unit(void **state)
{
	(void)state;
	struct pv_sched_config c;
	pv_sched_config_default(PV_SCHED_CREDIT, &c);
	OK(pv_sched_init(&S, &c, U, NU));
	struct pv_sched_params capped = { .weight = 256, .cap = 10 }; /* 3 ms of 30 */
	struct pv_sched_params plain = { .weight = 256 };
	OK(pv_sched_add(&S, 0, pv_domid(1), &capped, 0));
	OK(pv_sched_add(&S, 1, pv_domid(2), &plain, 0));
	struct pv_sched_decision d;
	OK(pv_sched_pick_next(&S, 0, &d));
	assert_int_equal(d.unit, 0);
	assert_int_equal(d.run_ns, c.cap_period_ns / 10u);
	OK(pv_sched_tick(&S, 3 * MS)); /* its cap reached: parked */
	const int64_t credit = U[0].credit;
	OK(pv_sched_tick(&S, 5 * MS)); /* still the current unit */
	OK(pv_sched_wake(&S, 1, 6 * MS));
	assert_int_equal(U[0].credit, credit);
	OK(pv_sched_pick_next(&S, 7 * MS, &d));
	assert_int_equal(d.unit, 1);
	assert_int_equal(U[0].credit, credit);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_unit_calls_without_instance_refused, reset),
		cmocka_unit_test_setup(test_arinc_domain_dropped_from_table_keeps_no_partition, reset),
		cmocka_unit_test_setup(test_prio_foreground_change_does_not_refill_the_slice, reset),
		cmocka_unit_test_setup(test_credit_late_reschedule_does_not_drain_a_parked_unit, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
