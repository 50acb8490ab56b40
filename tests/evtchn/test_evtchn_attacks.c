/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/evtchn, written as attacks: every limit a guest names (domain id,
 * port, vcpu, virq, pirq, priority) tried exactly one past its end and at
 * its last valid value; and pv_evtchn_audit, the oracle of every other test
 * and of the fuzzer, made to name each corruption it exists to find (every
 * one of its failure branches runs here). Each test says what a guest would
 * gain if the check it exercises were off by one or missing.
 */
#include <stdlib.h>

#include "evtchn_fixture.h"

static struct fx *F;
static struct fx *SAVED; /* a whole copy, for tests that corrupt and restore */
static struct fx_snap SNAP;

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

/* A refused request leaves no trace in the private state, the shared
 * memory or the callback record (fx_snap, fx_unchanged). */
#define REFUSED(expr, code)                        \
	do {                                       \
		fx_snap(&SNAP, F);                 \
		assert_int_equal((expr), (code));  \
		fx_unchanged(&SNAP, F);            \
		fx_audit(F);                       \
	} while (0)

#define OK(expr)                                   \
	do {                                       \
		assert_int_equal((expr), PV_OK);   \
		fx_audit(F);                       \
	} while (0)

static void connect(uint16_t a, uint16_t b, uint32_t *pa, uint32_t *pb)
{
	OK(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(a), pv_domid(b), pa));
	OK(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(b), pv_domid(a), *pa, pb));
}

/* ======================================================================
 * Limits, exactly one past
 * ====================================================================== */

/*
 * Attack: act as the domain one past the last slot (id == nr_domains).
 * Every operation taking a domain refuses it with PV_ESRCH; the last slot
 * works. Off by one, the module would read (and for binds write) the
 * domain storage one past the caller's array.
 */
static void test_domain_id_one_past_the_slots(void **state)
{
	(void)state;
	pv_domid_t past = pv_domid(FX_DOMS), last = pv_domid(FX_DOMS - 1);
	uint32_t p;
	struct pv_evtchn_port_status s;
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, past, pv_domid(0), &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, past, pv_domid(0), 1, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, past, PV_EVTCHN_VIRQ_TIMER, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, past, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, past, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_send(&F->ctx, past, 1), PV_ESRCH);
	REFUSED(pv_evtchn_close(&F->ctx, past, 1), PV_ESRCH);
	REFUSED(pv_evtchn_status(&F->ctx, past, 1, &s), PV_ESRCH);
	REFUSED(pv_evtchn_mask(&F->ctx, past, 1), PV_ESRCH);
	REFUSED(pv_evtchn_unmask(&F->ctx, past, 1), PV_ESRCH);
	REFUSED(pv_evtchn_bind_vcpu(&F->ctx, past, 1, 0), PV_ESRCH);
	REFUSED(pv_evtchn_set_priority(&F->ctx, past, 1, 0), PV_ESRCH);
	REFUSED(pv_evtchn_reset(&F->ctx, past), PV_ESRCH);
	REFUSED(pv_evtchn_raise_virq(&F->ctx, past, PV_EVTCHN_VIRQ_TIMER, 0), PV_ESRCH);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, past, 0), PV_ESRCH);
	REFUSED(pv_evtchn_domain_remove(&F->ctx, past), PV_ESRCH);
	assert_false(pv_evtchn_vcpu_pending(&F->ctx, past, 0));
	struct pv_evtchn_domain_config dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, 64);
	dc.id = past;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ESRCH);
	/* A peer one past the slots, from a registered domain. The policy
	 * does not allow it, so PV_EPERM comes first, as documented. */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), past, 1, &p), PV_EPERM);
	/* The last slot is a domain like any other. */
	dc.id = last;
	OK(pv_evtchn_domain_add(&F->ctx, &dc));
	OK(pv_evtchn_alloc_unbound(&F->ctx, last, last, &p));
	OK(pv_evtchn_bind_interdomain(&F->ctx, last, last, p, &p));
	OK(pv_evtchn_domain_remove(&F->ctx, last));
}

/*
 * Attack: name port nr_ports (one past the table) in every per-port call,
 * as the remote port of a bind, and in each ABI. Refused with PV_ERANGE;
 * port nr_ports - 1 is a real port. Off by one, a guest would read and
 * write the port entry (and, in FIFO, the event word) past its table:
 * another domain's storage in a hypervisor that packs them.
 */
static void test_port_one_past_the_table(void **state)
{
	(void)state;
	struct pv_evtchn_port_status s;
	uint32_t p;
	for (uint16_t d = 0; d < 3; d++) {
		uint32_t n = F->doms[d].nr_ports;
		pv_domid_t dom = pv_domid(d);
		REFUSED(pv_evtchn_send(&F->ctx, dom, n), PV_ERANGE);
		REFUSED(pv_evtchn_close(&F->ctx, dom, n), PV_ERANGE);
		REFUSED(pv_evtchn_status(&F->ctx, dom, n, &s), PV_ERANGE);
		REFUSED(pv_evtchn_mask(&F->ctx, dom, n), PV_ERANGE);
		REFUSED(pv_evtchn_unmask(&F->ctx, dom, n), PV_ERANGE);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, dom, n, 0), PV_ERANGE);
		REFUSED(pv_evtchn_set_priority(&F->ctx, dom, n, 0), PV_ERANGE);
		/* Port 0 is never a port either. */
		REFUSED(pv_evtchn_send(&F->ctx, dom, 0), PV_ERANGE);
		REFUSED(pv_evtchn_status(&F->ctx, dom, 0, &s), PV_ERANGE);
		/* The last port exists (FREE). */
		OK(pv_evtchn_status(&F->ctx, dom, n - 1, &s));
		assert_int_equal(s.state, PV_EVTCHN_FREE);
		REFUSED(pv_evtchn_send(&F->ctx, dom, n - 1), PV_ENOENT);
	}
	/* Remote port one past the remote table. */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(0), 64, &p), PV_ERANGE);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(2), 4, &p), PV_ERANGE);
	/* Fill domain 2 (3 usable ports): the last one is port 3. */
	for (uint32_t i = 1; i < 4; i++) {
		OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(2), 0, &p));
		assert_int_equal(p, i);
	}
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, pv_domid(2), 0, &p), PV_ENOSPC);
	OK(pv_evtchn_send(&F->ctx, pv_domid(2), 3));
	assert_true(fx_pending(F, 2, 3));
}

/*
 * Attack: register a domain with one port more than its ABI can address,
 * or one vcpu more than the module keeps tables for. Refused with
 * PV_ERANGE; the maxima are accepted. Off by one, the 2-level bitmaps or
 * the FIFO link field (17 bits) could not name the last port, and the
 * per-vcpu tables would be indexed one past their end.
 */
static void test_domain_sizes_one_past_the_abi(void **state)
{
	(void)state;
	struct pv_evtchn_domain_config dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, PV_EVTCHN_2L_MAX_PORTS + 1);
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc.nr_ports = 1;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc.nr_ports = 2;
	dc.nr_vcpus = PV_EVTCHN_MAX_VCPUS + 1;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc.nr_vcpus = 0;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	/* The smallest domain is accepted: one vcpu, two ports (port 0 is
	 * never bound), and it works. */
	dc.nr_vcpus = 1;
	OK(pv_evtchn_domain_add(&F->ctx, &dc));
	uint32_t one;
	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &one));
	assert_int_equal(one, 1);
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 1, &one), PV_ERANGE);
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));
	dc.nr_vcpus = PV_EVTCHN_MAX_VCPUS;
	dc.nr_ports = PV_EVTCHN_2L_MAX_PORTS;
	OK(pv_evtchn_domain_add(&F->ctx, &dc));
	uint32_t p;
	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), PV_EVTCHN_MAX_VCPUS - 1, &p));
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));

	/* FIFO at 2^17 ports and one more: storage of its own. */
	uint32_t n = PV_EVTCHN_FIFO_MAX_PORTS;
	struct pv_evtchn_port *ports = calloc(n + 1u, sizeof *ports);
	uint32_t *words = calloc(n + 1u, sizeof *words);
	assert_non_null(ports);
	assert_non_null(words);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, n + 1u);
	dc.ports = ports;
	dc.fifo_words = words;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc.nr_ports = n;
	OK(pv_evtchn_domain_add(&F->ctx, &dc));
	/* The last port of a full-size FIFO table is reachable and
	 * deliverable: fill the table's top group, then send to the last. */
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(3), n), PV_ERANGE);
	OK(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)));
	free(ports);
	free(words);
}

/*
 * Attack: name vcpu nr_vcpus (one past the domain's vcpus) when binding a
 * virq or an IPI, rebinding a port, or having the hypervisor raise a virq.
 * Refused with PV_ERANGE; the last vcpu works. Off by one, the port would
 * cache a control block that does not exist (FIFO: the hypervisor would
 * write through a NULL or stale pointer) and index the virq table past
 * the domain's vcpus.
 */
static void test_vcpu_one_past_the_domain(void **state)
{
	(void)state;
	uint32_t p, a, b;
	connect(0, 1, &a, &b);
	for (uint16_t d = 0; d < 2; d++) {
		pv_domid_t dom = pv_domid(d);
		uint32_t past = F->doms[d].nr_vcpus, port = d == 0 ? a : b;
		REFUSED(pv_evtchn_bind_virq(&F->ctx, dom, PV_EVTCHN_VIRQ_TIMER, past, &p), PV_ERANGE);
		REFUSED(pv_evtchn_bind_ipi(&F->ctx, dom, past, &p), PV_ERANGE);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, dom, port, past), PV_ERANGE);
		REFUSED(pv_evtchn_raise_virq(&F->ctx, dom, PV_EVTCHN_VIRQ_TIMER, past), PV_ERANGE);
		/* The guest writes its whole shared page, including the
		 * vcpu_info slots past its vcpus: a flag there is no vcpu's. */
		F->shared[d].vcpu[past].upcall_pending = 1;
		assert_false(pv_evtchn_vcpu_pending(&F->ctx, dom, past));
		F->shared[d].vcpu[past].upcall_pending = 0;
		OK(pv_evtchn_bind_virq(&F->ctx, dom, PV_EVTCHN_VIRQ_TIMER, past - 1, &p));
		OK(pv_evtchn_raise_virq(&F->ctx, dom, PV_EVTCHN_VIRQ_TIMER, past - 1));
		assert_true(pv_evtchn_vcpu_pending(&F->ctx, dom, past - 1));
		OK(pv_evtchn_bind_vcpu(&F->ctx, dom, port, past - 1));
		OK(pv_evtchn_bind_ipi(&F->ctx, dom, past - 1, &p));
	}
	/* FIFO: the port now caches the last vcpu's control block. */
	assert_ptr_equal(F->ports[1][b].ctrl, &F->ctrl[1][FX_VCPUS - 1]);
}

/*
 * Attack: virq PV_EVTCHN_NR_VIRQS, pirq nr_pirqs, FIFO priority
 * PV_EVTCHN_FIFO_PRIORITIES: each one past its table, each refused with
 * PV_ERANGE (the last valid value works). Off by one: a write one past the
 * domain's virq table row, the pirq array, or the FIFO queue heads (the
 * guest-shared control block's head[] array ends there).
 */
static void test_virq_pirq_priority_one_past(void **state)
{
	(void)state;
	uint32_t p, ipi;
	F->doms[0].virq_allow = 0xFFFFFFFFu; /* allow every virq, so only the range decides */
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_NR_VIRQS, 0, &p), PV_ERANGE);
	REFUSED(pv_evtchn_raise_virq(&F->ctx, pv_domid(0), PV_EVTCHN_NR_VIRQS, 0), PV_ERANGE);
	OK(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_NR_VIRQS - 1, 0, &p));
	OK(pv_evtchn_raise_virq(&F->ctx, pv_domid(0), PV_EVTCHN_NR_VIRQS - 1, 0));
	assert_true(fx_pending(F, 0, p));

	REFUSED(pv_evtchn_pirq_route(&F->ctx, FX_PIRQS, pv_domid(0)), PV_ERANGE);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), FX_PIRQS, &p), PV_ERANGE);
	REFUSED(pv_evtchn_raise_pirq(&F->ctx, FX_PIRQS), PV_ERANGE);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(0), FX_PIRQS), PV_ERANGE);
	OK(pv_evtchn_pirq_route(&F->ctx, FX_PIRQS - 1, pv_domid(0)));
	OK(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), FX_PIRQS - 1, &p));
	OK(pv_evtchn_raise_pirq(&F->ctx, FX_PIRQS - 1));
	assert_true(F->line_masked[FX_PIRQS - 1]);
	OK(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(0), FX_PIRQS - 1));
	assert_false(F->line_masked[FX_PIRQS - 1]);

	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(1), 0, &ipi));
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(1), ipi, PV_EVTCHN_FIFO_PRIORITIES),
		PV_ERANGE);
	OK(pv_evtchn_set_priority(&F->ctx, pv_domid(1), ipi, PV_EVTCHN_FIFO_PRIORITIES - 1));
	OK(pv_evtchn_send(&F->ctx, pv_domid(1), ipi));
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 0, 16), 1);
	assert_int_equal(F->got[0], ipi);
}

/*
 * Attack: ask for a virq the domain is not allowed, the one just above its
 * allowed bits. Refused with PV_EPERM. A mask test off by one would hand a
 * guest the console or timer interrupts of the platform it was denied.
 */
static void test_virq_next_to_an_allowed_one(void **state)
{
	(void)state;
	uint32_t p;
	F->doms[0].virq_allow = 1u << 3;
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), 4, 0, &p), PV_EPERM);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), 2, 0, &p), PV_EPERM);
	OK(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), 3, 0, &p));
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), 3, 0, &p), PV_EEXIST);
	F->doms[0].virq_allow = (1u << PV_EVTCHN_VIRQ_TIMER) | (1u << PV_EVTCHN_VIRQ_CONSOLE);
	OK(pv_evtchn_close(&F->ctx, pv_domid(0), p));
}

/*
 * Attack: the configuration's own limits: domain slots one past what a
 * domain id can name, pirqs without storage. Refused at init.
 */
static void test_init_domain_slots_one_past_the_ids(void **state)
{
	(void)state;
	struct pv_evtchn c;
	struct pv_evtchn_config cfg = F->cfg;
	cfg.nr_domains = PV_DOMID_MAX_GUEST + 2u;
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_EINVAL);
	cfg.nr_domains = 0;
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_EINVAL);
	cfg = F->cfg;
	cfg.pirqs = 0;
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_EINVAL);
	cfg.nr_pirqs = 0;
	/* No pirqs, no storage: fine (and the domain table is reset). */
	memcpy(SAVED, F, sizeof *F);
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_OK);
	assert_false(F->doms[0].active);
	memcpy(F, SAVED, sizeof *F);
}

/* ======================================================================
 * The audit names every corruption it exists to find
 * ====================================================================== */

/*
 * The state every audit test corrupts: dom 0 (2-level, 64 ports), dom 1
 * (FIFO, 64 ports), dom 2 (2-level, 4 ports, full). Ports: a (dom 0) <->
 * b (dom 1); v, virq CONSOLE on dom 0 vcpu 0; pp, pirq 0 on dom 0; i, IPI
 * on dom 1 vcpu 1; un, dom 0 unbound for dom 1; three IPIs fill dom 2.
 */
static uint32_t a, b, v, pp, ipi, un;

static void audit_base(void)
{
	connect(0, 1, &a, &b);
	OK(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_CONSOLE, 0, &v));
	OK(pv_evtchn_pirq_route(&F->ctx, 0, pv_domid(0)));
	OK(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), 0, &pp));
	OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(1), 1, &ipi));
	OK(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(1), &un));
	uint32_t p;
	for (int k = 0; k < 3; k++)
		OK(pv_evtchn_bind_ipi(&F->ctx, pv_domid(2), 0, &p));
	memcpy(SAVED, F, sizeof *F);
}

/* The audit must refuse, naming exactly (dom, port, what); then restore. */
static void named(const char *what, uint16_t dom, uint32_t port)
{
	struct pv_evtchn_audit_report flt = { .what = "" };
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	if (strcmp(flt.what, what) != 0 || pv_domid_val(flt.dom) != dom || flt.port != port)
		fail_msg("audit said dom %u port %u \"%s\", expected dom %u port %u \"%s\"",
			 pv_domid_val(flt.dom), flt.port, flt.what, dom, port, what);
	assert_int_equal(pv_evtchn_audit(&F->ctx, NULL), PV_EINVAL);
	memcpy(F, SAVED, sizeof *F);
	fx_audit(F);
}

/* A broken audit would let every test and the fuzzer pass over: a port
 * whose FIFO bookkeeping names a queue that does not exist (the guest's
 * next event linked into another vcpu's queue), a free port still
 * carrying a peer, port 0 in use, a port notifying a vcpu that does not
 * exist or through another vcpu's control block, a priority past the
 * queue heads. */
static void test_audit_names_each_port_field(void **state)
{
	(void)state;
	audit_base();
	uint32_t fr = 40; /* a FREE port of dom 1 */
	F->ports[1][fr].last_vcpu = FX_VCPUS;
	named("last queue out of range", 1, fr);
	F->ports[1][fr].last_prio = PV_EVTCHN_FIFO_PRIORITIES;
	named("last queue out of range", 1, fr);
	F->ports[0][fr].peer = &F->ports[1][b];
	named("peer cached on a port without one", 0, fr);
	F->ports[1][ipi].peer = &F->ports[1][1];
	named("peer cached on a port without one", 1, ipi);
	F->ports[0][0].state = PV_EVTCHN_IPI;
	named("port 0 in use", 0, 0);
	F->ports[1][ipi].vcpu = FX_VCPUS;
	named("vcpu out of range", 1, ipi);
	F->ports[1][ipi].ctrl = &F->ctrl[1][0];
	named("cached control block is not the vcpu's", 1, ipi);
	F->ports[0][v].ctrl = &F->ctrl[1][0]; /* 2-level: must be NULL */
	named("cached control block is not the vcpu's", 0, v);
	F->ports[1][ipi].prio = PV_EVTCHN_FIFO_PRIORITIES;
	named("priority out of range", 1, ipi);
	F->ports[1][ipi].state = 9;
	named("unknown state", 1, ipi);
}

/* A broken audit would hide: an unbound port offered to a non-guest id,
 * an interdomain port whose peer is out of range, unregistered, past its
 * table, not pointing back (each of its three fields), or cached wrong --
 * exactly the state through which a send reaches the wrong domain. */
static void test_audit_names_each_interdomain_fault(void **state)
{
	(void)state;
	audit_base();
	F->ports[0][un].remote_dom = PV_DOMID_MAX_GUEST + 1u;
	named("unbound for a non-guest", 0, un);
	F->ports[0][a].remote_dom = FX_DOMS;
	named("peer domain out of range", 0, a);
	F->ports[0][a].remote_dom = 3;
	named("peer domain not registered", 0, a);
	F->ports[0][a].u = 0;
	named("peer port out of range", 0, a);
	F->ports[0][a].u = 64;
	named("peer port out of range", 0, a);
	F->ports[1][b].state = PV_EVTCHN_UNBOUND;
	named("peer does not point back", 0, a);
	F->ports[1][b].remote_dom = 2;
	named("peer does not point back", 0, a);
	F->ports[1][b].u = a + 1;
	named("peer does not point back", 0, a);
	F->ports[0][a].peer = &F->ports[1][b + 1];
	named("cached peer is not the peer port", 0, a);
}

/* A broken audit would hide a virq or pirq port that the hypervisor's
 * tables do not know (raised events lost, or delivered to a port that was
 * rebound to something else), or a table entry naming the wrong port. */
static void test_audit_names_each_virq_and_pirq_fault(void **state)
{
	(void)state;
	audit_base();
	F->ports[0][v].u = PV_EVTCHN_NR_VIRQS;
	named("virq table disagrees", 0, v);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_CONSOLE] = un;
	named("virq table disagrees", 0, v);
	F->ports[0][pp].u = FX_PIRQS;
	named("pirq out of range", 0, pp);
	F->pirqs[0].bound = 0;
	named("pirq table disagrees", 0, pp);
	F->pirqs[0].owner = 1;
	named("pirq table disagrees", 0, pp);
	F->pirqs[0].port = un;
	named("pirq table disagrees", 0, pp);
	/* The tables' side, each condition of the virq entry check. */
	F->doms[0].virq_port[FX_VCPUS][PV_EVTCHN_VIRQ_TIMER] = v; /* vcpu past the domain */
	named("virq entry names a wrong port", 0, v);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_TIMER] = 64; /* port past the table */
	named("virq entry names a wrong port", 0, 64);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_TIMER] = a; /* not a virq port */
	named("virq entry names a wrong port", 0, a);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_TIMER] = v; /* v is CONSOLE */
	named("virq entry names a wrong port", 0, v);
	F->doms[0].virq_port[1][PV_EVTCHN_VIRQ_CONSOLE] = v; /* v is on vcpu 0 */
	named("virq entry names a wrong port", 0, v);
	/* The pirq table's side. */
	F->pirqs[1].in_flight = 1;
	named("pirq in flight but unbound", PV_DOMID_NONE_VALUE, 0);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = FX_DOMS, .bound = 1, .port = 5 };
	named("pirq bound by a missing domain", FX_DOMS, 0);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = 3, .bound = 1, .port = 5 };
	named("pirq bound by a missing domain", 3, 0);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = 0, .bound = 1, .port = 0 };
	named("pirq entry names a wrong port", 0, 0);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = 0, .bound = 1, .port = 64 };
	named("pirq entry names a wrong port", 0, 64);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = 0, .bound = 1, .port = a };
	named("pirq entry names a wrong port", 0, a);
	F->pirqs[2] = (struct pv_evtchn_pirq){ .owner = 0, .bound = 1, .port = pp };
	named("pirq entry names a wrong port", 0, pp);
}

/* A broken audit would hide a domain table that lies: a slot holding
 * another id (events for one domain delivered to another), a reset cursor
 * past the table (the next reset step reads past it), a bound count that
 * disagrees (the table looks full, or a bind walks off it), a FIFO tail
 * naming a port past the table (the next link writes past the words). */
static void test_audit_names_each_domain_field(void **state)
{
	(void)state;
	audit_base();
	F->doms[3].id = 2;
	named("slot id mismatch", 3, 0);
	F->doms[0].reset_next = 0;
	named("reset cursor out of range", 0, 0);
	F->doms[0].reset_next = 64;
	named("reset cursor out of range", 0, 0);
	F->doms[0].nr_bound++;
	named("bound count wrong", 0, 0);
	F->doms[1].fifo_tail[1][PV_EVTCHN_FIFO_PRIORITIES - 1] = 64;
	named("fifo tail out of range", 1, 64);
	/* A tail one short of the end is a port. */
	F->doms[1].fifo_tail[1][PV_EVTCHN_FIFO_PRIORITIES - 1] = 63;
	fx_audit(F);
	memcpy(F, SAVED, sizeof *F);
}

/* A broken audit would hide a free-port summary that lies: a group shown
 * free when it is full (a bind finds no port and fails with room left: a
 * guest could be denied channels) or full when it has room, a bit past
 * the table (a bind scans ports that do not exist), or a summary word
 * disagreeing with its groups. */
static void test_audit_names_each_free_summary_fault(void **state)
{
	(void)state;
	audit_base();
	F->doms[2].free_grp[0] |= 1u; /* dom 2 is full */
	named("free-port summary wrong for a group", 2, 0);
	F->doms[0].free_grp[0] &= ~2u; /* group 1 (ports 32..63) has room */
	named("free-port summary wrong for a group", 0, 32);
	F->doms[0].free_grp[0] |= 1u << 2; /* 64 ports: groups 0 and 1 only */
	named("free-port summary names a group past the table", 0, 0);
	F->doms[0].free_grp[1] = 1u;
	named("free-port summary names a group past the table", 0, 0);
	F->doms[0].free_word[0] &= ~1u;
	named("free-port summary wrong for a word", 0, 0);
	F->doms[2].free_word[0] |= 1u; /* full: word 0 has no group */
	named("free-port summary wrong for a word", 2, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_domain_id_one_past_the_slots),
		T(test_port_one_past_the_table),
		T(test_domain_sizes_one_past_the_abi),
		T(test_vcpu_one_past_the_domain),
		T(test_virq_pirq_priority_one_past),
		T(test_virq_next_to_an_allowed_one),
		T(test_init_domain_slots_one_past_the_ids),
		T(test_audit_names_each_port_field),
		T(test_audit_names_each_interdomain_fault),
		T(test_audit_names_each_virq_and_pirq_fault),
		T(test_audit_names_each_domain_field),
		T(test_audit_names_each_free_summary_fault),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
