/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/evtchn at the edges the other tests stop short of: the last guest id
 * as the remote end of an unbound port and as a slot, a 2-level domain
 * configured without any FIFO memory, each missing init piece alone, half
 * a policy pair, the memory right after a shared page and after a FIFO
 * domain's control blocks; and pv_evtchn_audit made to look exactly one
 * past each table it bounds (the slot past the domain table, the port past
 * a port table, the virq past the virq table, bit 31 of a summary word).
 * Where the storage one past the end can be made to look valid, it is, so
 * an audit that read it instead of refusing would pass. Each case was
 * found as a mutant of lib/evtchn that no other test killed
 * (docs/testing.md, "Mutation testing").
 */
#include <stdlib.h>

#include "evtchn_fixture.h"

static struct fx *F;
static struct fx *SAVED;

static int setup(void **state)
{
	(void)state;
	return fx_setup_standard(&F, &SAVED);
}
static int teardown(void **state)
{
	(void)state;
	return fx_teardown_standard(F, SAVED);
}

#define OK(expr)                                   \
	do {                                       \
		assert_int_equal((expr), PV_OK);   \
		fx_audit(F);                       \
	} while (0)

/* The audit must refuse, naming exactly (dom, port, what); then restore. */
static void named(const char *what, uint16_t dom, uint32_t port)
{
	struct pv_evtchn_audit_report flt = { .what = "" };
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
	struct pv_evtchn_port_status st;
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
	/* 32 groups (1024 ports): bit 31 is a group like any other, and a
	 * summary that calls that group full is named. */
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));
	fx_add(F, 3, PV_EVTCHN_ABI_2L, 32u * PV_EVTCHN_FREE_GROUP);
	assert_int_equal(F->doms[3].free_grp[0], 0xFFFFFFFFu);
	fx_audit(F);
	memcpy(SAVED, F, sizeof *F);
	F->doms[3].free_grp[0] &= ~(1u << 31);
	named("free-port summary wrong for a group", 3, 31u * PV_EVTCHN_FREE_GROUP);
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

/*
 * A virq port whose virq number is one past the table, where the table's
 * next entry (the next vcpu's first virq) names that port: the audit names
 * the port, not the entry it would read past the row.
 */
static void test_audit_virq_port_number_one_past_the_virqs(void **state)
{
	(void)state;
	uint32_t v;
	OK(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_CONSOLE, 0, &v));
	memcpy(SAVED, F, sizeof *F);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_CONSOLE] = 0;
	F->doms[0].virq_port[1][0] = v;
	F->ports[0][v].u = PV_EVTCHN_NR_VIRQS;
	named("virq table disagrees", 0, v);
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

/*
 * A virq entry naming a port that is not a virq port but carries the same
 * numbers (an IPI on vcpu 0: u == 0 == VIRQ_TIMER): named, so a raise of
 * the timer cannot land on the IPI.
 */
static void test_audit_virq_entry_naming_a_lookalike_ipi(void **state)
{
	(void)state;
	uint32_t ipi;
	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(0), 0, &ipi));
	memcpy(SAVED, F, sizeof *F);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_TIMER] = ipi;
	named("virq entry names a wrong port", 0, ipi);
}

/*
 * Init refuses each missing piece alone: no context, no config, either
 * mandatory callback, the pirq table or either pirq callback when pirqs
 * are configured, the policy table when pairs are. A piece accepted
 * missing is a null call at the first event.
 */
static void test_init_refuses_each_missing_piece_alone(void **state)
{
	(void)state;
	struct pv_evtchn_ops ops = fx_ops;
	struct pv_evtchn_config good = {
		.ops = &ops, .cb_arg = F,
		.domains = F->doms, .nr_domains = FX_DOMS,
		.pirqs = F->pirqs, .nr_pirqs = FX_PIRQS,
		.allow = F->allow, .nr_allow = 3,
	};
	struct pv_evtchn ctx;
	assert_int_equal(pv_evtchn_init(NULL, &good), PV_EINVAL);
	assert_int_equal(pv_evtchn_init(&ctx, NULL), PV_EINVAL);
	struct pv_evtchn_config c = good;
	c.ops = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &c), PV_EINVAL);
	ops.upcall = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &good), PV_EINVAL);
	ops = fx_ops;
	ops.wake = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &good), PV_EINVAL);
	ops = fx_ops;
	ops.pirq_mask = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &good), PV_EINVAL);
	ops = fx_ops;
	ops.pirq_unmask = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &good), PV_EINVAL);
	ops = fx_ops;
	c = good;
	c.pirqs = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &c), PV_EINVAL);
	c = good;
	c.allow = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &c), PV_EINVAL);
	/* Without pirqs the pirq callbacks are not needed. */
	ops.pirq_mask = ops.pirq_unmask = NULL;
	c = good;
	c.nr_pirqs = 0;
	c.pirqs = NULL;
	assert_int_equal(pv_evtchn_init(&ctx, &c), PV_OK);
	assert_int_equal(pv_evtchn_init(&ctx, &good), PV_EINVAL);
}

/*
 * A context may have a slot for every guest id (PV_DOMID_MAX_GUEST + 1
 * slots), not one more; the last slot is a domain like any other.
 */
static void test_init_with_a_slot_for_every_guest_id(void **state)
{
	(void)state;
	const uint32_t n = PV_DOMID_MAX_GUEST + 1u;
	struct pv_evtchn_domain *doms = calloc(n + 1u, sizeof *doms);
	assert_non_null(doms);
	struct pv_evtchn_config cfg = {
		.ops = &fx_ops, .cb_arg = F, .domains = doms, .nr_domains = n + 1u,
	};
	struct pv_evtchn ctx;
	assert_int_equal(pv_evtchn_init(&ctx, &cfg), PV_EINVAL);
	cfg.nr_domains = n;
	assert_int_equal(pv_evtchn_init(&ctx, &cfg), PV_OK);
	struct pv_evtchn_domain_config dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, 64);
	dc.id = pv_domid(PV_DOMID_MAX_GUEST);
	assert_int_equal(pv_evtchn_domain_add(&ctx, &dc), PV_OK);
	uint32_t p;
	assert_int_equal(pv_evtchn_bind_ipi(&ctx, pv_domid(PV_DOMID_MAX_GUEST), 0, &p), PV_OK);
	assert_int_equal(pv_evtchn_audit(&ctx, NULL), PV_OK);
	assert_int_equal(pv_evtchn_domain_remove(&ctx, pv_domid(PV_DOMID_MAX_GUEST)), PV_OK);
	free(doms);
}

/*
 * The policy allows the pairs it lists, in either order, and nothing
 * else: with {0,1} and {2,1} listed, 1 may not reach 3 and 3 may not
 * reach 1, 0 may not reach 2. Half a pair (one end matching) is no pair.
 */
static void test_policy_half_a_pair_is_no_pair(void **state)
{
	(void)state;
	uint32_t p;
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(1), pv_domid(3), &p), PV_EPERM);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(1), pv_domid(1), &p), PV_EPERM);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(2), &p), PV_EPERM);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(2), pv_domid(0), &p), PV_EPERM);
	fx_add(F, 3, PV_EVTCHN_ABI_2L, 64);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(3), pv_domid(1), &p), PV_EPERM);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(3), pv_domid(0), &p), PV_EPERM);
	OK(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(1), pv_domid(0), &p));
	OK(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(1), pv_domid(2), &p));
	OK(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(3), pv_domid(3), &p));
}

/*
 * Registering a domain writes its shared page and nothing after it: the
 * next domain's page, right behind it in the hypervisor's memory, keeps
 * its contents.
 */
static void test_shared_page_setup_stays_in_its_page(void **state)
{
	(void)state;
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(2)));
	memset(&F->shared[3], 0x5A, sizeof F->shared[3]);
	struct pv_evtchn_shared next = F->shared[3];
	fx_add(F, 2, PV_EVTCHN_ABI_2L, 4);
	assert_memory_equal(&F->shared[3], &next, sizeof next);
	assert_int_equal(F->shared[2].nr_ports, 4);
}

/*
 * A FIFO domain keeps the control blocks of its own vcpus only: with one
 * vcpu, the config's second block is not taken; with every vcpu, nothing
 * past the config's array is (here a pointer placed right after it).
 */
static void test_fifo_domain_takes_only_its_vcpus_blocks(void **state)
{
	(void)state;
	struct pv_evtchn_domain_config dc = fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, 64);
	dc.nr_vcpus = 1;
	OK(pv_evtchn_domain_add(&F->ctx, &dc));
	assert_ptr_equal(F->doms[3].fifo_ctrl[0], &F->ctrl[3][0]);
	assert_null(F->doms[3].fifo_ctrl[1]);
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));
	struct {
		struct pv_evtchn_domain_config dc;
		void *after;
	} w = { fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, 64), (void *)(uintptr_t)0x12345678u };
	w.dc.nr_vcpus = PV_EVTCHN_MAX_VCPUS;
	OK(pv_evtchn_domain_add(&F->ctx, &w.dc));
	for (unsigned v = 0; v < PV_EVTCHN_FIFO_PRIORITIES; v++)
		assert_int_equal(F->doms[3].fifo_tail[0][v], 0);
	uint32_t p;
	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), PV_EVTCHN_MAX_VCPUS - 1u, &p));
	OK(pv_evtchn_send(&F->ctx, pv_domid(3), p));
	assert_int_equal(fx_consume(F, 3, PV_EVTCHN_MAX_VCPUS - 1u, 16), 1);
	assert_int_equal(F->got[0], p);
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));
}

/*
 * Every operation naming the domain id one past the context's table
 * (nr_domains) is refused with PV_ESRCH, even when the caller's memory
 * past the table holds what looks like an active domain: off by one, a
 * guest could bind and send through storage that is no domain's.
 */
static void test_domain_past_the_table_that_looks_active(void **state)
{
	(void)state;
	reinit(3, (struct pv_evtchn_pair){ pv_domid(3), pv_domid(0) });
	F->doms[3] = F->doms[0];
	F->doms[3].id = 3;
	F->doms[3].ports = F->ports[3];
	F->doms[3].shared = &F->shared[3];
	memcpy(F->ports[3], F->ports[0], 64 * sizeof F->ports[3][0]);
	fx_audit(F);
	struct fx_snap *snap = calloc(1, sizeof *snap);
	assert_non_null(snap);
	fx_snap(snap, F);
	uint32_t p;
	struct pv_evtchn_port_status st;
	pv_domid_t past = pv_domid(3);
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, past, 0, &p), PV_ESRCH);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, past, pv_domid(0), &p), PV_ESRCH);
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, past, PV_EVTCHN_VIRQ_TIMER, 0, &p), PV_ESRCH);
	assert_int_equal(pv_evtchn_status(&F->ctx, past, 1, &st), PV_ESRCH);
	assert_int_equal(pv_evtchn_send(&F->ctx, past, 1), PV_ESRCH);
	assert_int_equal(pv_evtchn_reset(&F->ctx, past), PV_ESRCH);
	assert_false(pv_evtchn_vcpu_pending(&F->ctx, past, 0));
	fx_unchanged(snap, F);
	free(snap);
	fx_audit(F);
}

/*
 * Registering a FIFO domain clears each of its vcpus' control blocks and
 * nothing after the last one: the word right after it (here the next,
 * unused, block) keeps its value.
 */
static void test_fifo_setup_stays_in_the_control_blocks(void **state)
{
	(void)state;
	F->ctrl[3][FX_VCPUS].ready = 0x5A5A5A5Au;
	F->ctrl[3][FX_VCPUS - 1u].head[PV_EVTCHN_FIFO_PRIORITIES - 1u] = 7;
	fx_add(F, 3, PV_EVTCHN_ABI_FIFO, 64);
	assert_int_equal(F->ctrl[3][FX_VCPUS - 1u].head[PV_EVTCHN_FIFO_PRIORITIES - 1u], 0);
	assert_int_equal(F->ctrl[3][FX_VCPUS].ready, 0x5A5A5A5Au);
	F->ctrl[3][FX_VCPUS].ready = 0;
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
		T(test_audit_virq_entry_naming_a_lookalike_ipi),
		T(test_audit_virq_port_number_one_past_the_virqs),
		T(test_init_refuses_each_missing_piece_alone),
		T(test_init_with_a_slot_for_every_guest_id),
		T(test_policy_half_a_pair_is_no_pair),
		T(test_shared_page_setup_stays_in_its_page),
		T(test_fifo_domain_takes_only_its_vcpus_blocks),
		T(test_domain_past_the_table_that_looks_active),
		T(test_fifo_setup_stays_in_the_control_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
