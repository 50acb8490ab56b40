/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/evtchn at the edges the other tests stop short of: the last guest id
 * as the remote end of an unbound port, a 2-level domain configured without
 * any FIFO memory, and pv_evtchn_audit made to look exactly one past each
 * table it bounds (the slot past the domain table, the port past a port
 * table, the last bit of a summary word that names no group). In every
 * case the storage one past the end is made to look valid, so an audit
 * that read it instead of refusing would pass. Each case was found as a
 * mutant of lib/evtchn that no other test killed (docs/testing.md,
 * "Mutation testing").
 */
#include <stdlib.h>

#include "evtchn_fixture.h"

static struct fx *F;
static struct fx *SAVED;

static int setup(void **state)
{
	(void)state;
	F = calloc(1, sizeof *F);
	SAVED = calloc(1, sizeof *SAVED);
	fx_init(F);
	fx_add_standard(F);
	return 0;
}
static int teardown(void **state)
{
	(void)state;
	fx_audit(F);
	free(F);
	free(SAVED);
	return 0;
}

#define OK(expr)                                   \
	do {                                       \
		assert_int_equal((expr), PV_OK);   \
		fx_audit(F);                       \
	} while (0)

/* The audit must refuse, naming exactly (dom, port, what); then restore. */
static void named(const char *what, uint16_t dom, uint32_t port)
{
	struct pv_evtchn_audit_fault flt = { .what = "" };
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	if (strcmp(flt.what, what) != 0 || pv_domid_val(flt.dom) != dom || flt.port != port)
		fail_msg("audit said dom %u port %u \"%s\", expected dom %u port %u \"%s\"",
			 pv_domid_val(flt.dom), flt.port, flt.what, dom, port, what);
	memcpy(F, SAVED, sizeof *F);
	fx_audit(F);
}

/* Init again with the fixture's callbacks and policy plus one pair, over
 * nr_domains slots of the fixture's table. */
static void reinit(uint32_t nr_domains, struct pv_evtchn_pair extra)
{
	F->allow[3] = extra;
	struct pv_evtchn_config cfg = {
		.ops = &fx_ops, .cb_arg = F,
		.domains = F->doms, .nr_domains = nr_domains,
		.pirqs = F->pirqs, .nr_pirqs = FX_PIRQS,
		.allow = F->allow, .nr_allow = 4,
	};
	assert_int_equal(pv_evtchn_init(&F->ctx, &cfg), PV_OK);
	for (uint16_t d = 0; d < nr_domains && d < 3; d++)
		fx_add(F, d, d == 1 ? PV_EVTCHN_ABI_FIFO : PV_EVTCHN_ABI_2L, d == 2 ? 4 : 64);
	fx_audit(F);
}

/*
 * A domain may offer a port to the highest guest id (PV_DOMID_MAX_GUEST)
 * when the policy allows the pair; the id after it is not a guest. The
 * audit must accept the first: an audit off by one there would call a
 * legitimate state corrupt and stop a debug-build hypervisor.
 */
static void test_unbound_for_the_last_guest_id(void **state)
{
	(void)state;
	reinit(FX_DOMS, (struct pv_evtchn_pair){ pv_domid(0), pv_domid(PV_DOMID_MAX_GUEST) });
	uint32_t p;
	OK(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(PV_DOMID_MAX_GUEST), &p));
	struct pv_evtchn_status st;
	OK(pv_evtchn_status(&F->ctx, pv_domid(0), p, &st));
	assert_int_equal(st.state, PV_EVTCHN_UNBOUND);
	assert_int_equal(pv_domid_val(st.remote_dom), PV_DOMID_MAX_GUEST);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0),
						 pv_domid(PV_DOMID_MAX_GUEST + 1u), &p), PV_ESRCH);
	fx_audit(F);
	/* The audit's side: one more is not a guest. */
	memcpy(SAVED, F, sizeof *F);
	F->ports[0][p].remote_dom = PV_DOMID_MAX_GUEST + 1u;
	named("unbound for a non-guest", 0, p);
}

/*
 * A 2-level domain has no FIFO words and no control blocks: a hypervisor
 * that gives none must not be refused, and the domain works (an IPI sent
 * and consumed).
 */
static void test_two_level_domain_needs_no_fifo_memory(void **state)
{
	(void)state;
	struct pv_evtchn_domain_config dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, 64);
	dc.fifo_words = NULL;
	for (unsigned v = 0; v < PV_EVTCHN_MAX_VCPUS; v++)
		dc.fifo_ctrl[v] = NULL;
	OK(pv_evtchn_domain_add(&F->ctx, &dc));
	uint32_t p;
	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 1, &p));
	OK(pv_evtchn_send(&F->ctx, pv_domid(3), p));
	assert_true(fx_pending(F, 3, p));
	assert_int_equal(fx_consume(F, 3, 1, 16), 1);
	assert_int_equal(F->ngot, 1);
	assert_int_equal(F->got[0], p);
	assert_null(F->ports[3][p].ctrl);
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));
}

/*
 * A table of 31 groups (992 ports) leaves bit 31 of the first summary
 * word naming no group. A summary with that bit set would send a bind
 * scanning ports past the table; the audit names it, and accepts the
 * same table with its real bits.
 */
static void test_audit_summary_bit_past_a_31_group_table(void **state)
{
	(void)state;
	fx_add(F, 3, PV_EVTCHN_ABI_2L, 31u * PV_EVTCHN_FREE_GROUP);
	uint32_t p;
	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p));
	assert_int_equal(F->doms[3].free_grp[0], (1u << 31) - 1u);
	memcpy(SAVED, F, sizeof *F);
	F->doms[3].free_grp[0] |= 1u << 31;
	named("free-port summary names a group past the table", 3, 0);
	/* 32 groups (1024 ports): bit 31 is a group like any other. */
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));
	fx_add(F, 3, PV_EVTCHN_ABI_2L, 32u * PV_EVTCHN_FREE_GROUP);
	assert_int_equal(F->doms[3].free_grp[0], 0xFFFFFFFFu);
	fx_audit(F);
}

/*
 * A virq entry naming port nr_ports, where the memory past the table
 * looks like that very virq's port: the audit still names the entry (an
 * audit reading past the table would accept a raise that writes there).
 */
static void test_audit_virq_entry_one_past_the_table(void **state)
{
	(void)state;
	uint32_t n = F->doms[0].nr_ports;
	F->ports[0][n] = (struct pv_evtchn_port){ .state = PV_EVTCHN_VIRQ,
						   .u = PV_EVTCHN_VIRQ_TIMER, .vcpu = 0 };
	memcpy(SAVED, F, sizeof *F);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_TIMER] = n;
	named("virq entry names a wrong port", 0, n);
}

/* The same for a pirq entry: port nr_ports, looking like that pirq's. */
static void test_audit_pirq_entry_one_past_the_table(void **state)
{
	(void)state;
	uint32_t n = F->doms[0].nr_ports;
	F->ports[0][n] = (struct pv_evtchn_port){ .state = PV_EVTCHN_PIRQ, .u = 2 };
	memcpy(SAVED, F, sizeof *F);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = 0, .bound = 1, .port = n };
	named("pirq entry names a wrong port", 0, n);
}

/*
 * A pirq bound by the domain id one past the table (nr_domains), where the
 * slot past the table looks like an active domain whose port is bound to
 * that pirq: the audit names the owner (an audit reading past the table
 * would let raise_pirq deliver into storage that is no domain).
 */
static void test_audit_pirq_owner_one_past_the_slots(void **state)
{
	(void)state;
	reinit(3, (struct pv_evtchn_pair){ pv_domid(0), pv_domid(1) });
	F->doms[3] = F->doms[0];
	F->doms[3].id = 3;
	F->doms[3].ports = F->ports[3];
	F->ports[3][5] = (struct pv_evtchn_port){ .state = PV_EVTCHN_PIRQ, .u = 2 };
	fx_audit(F);
	memcpy(SAVED, F, sizeof *F);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = 3, .bound = 1, .port = 5 };
	named("pirq bound by a missing domain", 3, 0);
	/* Bound by the last slot instead, it is a pirq like any other. */
	uint32_t p;
	OK(pv_evtchn_pirq_route(&F->ctx, 2, pv_domid(2)));
	OK(pv_evtchn_bind_pirq(&F->ctx, pv_domid(2), 2, &p));
	OK(pv_evtchn_raise_pirq(&F->ctx, 2));
	assert_true(fx_pending(F, 2, p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_unbound_for_the_last_guest_id),
		T(test_two_level_domain_needs_no_fifo_memory),
		T(test_audit_summary_bit_past_a_31_group_table),
		T(test_audit_virq_entry_one_past_the_table),
		T(test_audit_pirq_entry_one_past_the_table),
		T(test_audit_pirq_owner_one_past_the_slots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
