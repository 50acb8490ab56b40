/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Port states, transitions, errors and the policy. Each test names the
 * request it refuses or the transition it checks; after every refusal the
 * private state is compared byte for byte with a snapshot taken before it.
 */
#include <stdlib.h>

#include "evtchn_fixture.h"

static struct fx *F;

static int setup(void **state)
{
	(void)state;
	F = calloc(1, sizeof *F);
	fx_init(F);
	fx_add_standard(F);
	return 0;
}
static int teardown(void **state)
{
	(void)state;
	fx_audit(F);
	free(F);
	return 0;
}

/* A refused request leaves no trace (fx_snap, fx_unchanged). */
static struct fx_snap S;
#define REFUSED(expr, code)                          \
	do {                                         \
		fx_snap(&S, F);                      \
		assert_int_equal((expr), (code));    \
		fx_unchanged(&S, F);                 \
	} while (0)

static struct pv_evtchn_port_status st(uint16_t d, uint32_t p)
{
	struct pv_evtchn_port_status s;
	assert_int_equal(pv_evtchn_status(&F->ctx, pv_domid(d), p, &s), PV_OK);
	return s;
}

static void connect(uint16_t a, uint16_t b, uint32_t *pa, uint32_t *pb)
{
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(a), pv_domid(b), pa), PV_OK);
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(b), pv_domid(a), *pa, pb), PV_OK);
}

/* ---- setup ---- */

static void test_init_rejects_bad_config(void **state)
{
	(void)state;
	struct pv_evtchn c;
	struct pv_evtchn_domain d[2];
	struct pv_evtchn_ops no_wake = { .upcall = fx_upcall };
	struct pv_evtchn_ops no_pirq = { .upcall = fx_upcall, .wake = fx_wake };
	struct pv_evtchn_config cfg = { .ops = &fx_ops, .domains = d, .nr_domains = 2 };
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_OK);
	cfg.ops = &no_wake;
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_EINVAL);
	cfg.ops = &no_pirq;
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_OK);
	cfg.nr_pirqs = 1;
	cfg.pirqs = F->pirqs;
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_EINVAL); /* lines but no mask callbacks */
	cfg = (struct pv_evtchn_config){ .ops = &fx_ops, .domains = d, .nr_domains = 0 };
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_EINVAL);
	cfg = (struct pv_evtchn_config){ .ops = &fx_ops, .domains = d, .nr_domains = 2, .nr_allow = 1 };
	assert_int_equal(pv_evtchn_init(&c, &cfg), PV_EINVAL);
}

static void test_domain_add_checks(void **state)
{
	(void)state;
	struct pv_evtchn_domain_config dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, 64);
	dc.id = pv_domid(FX_DOMS);
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ESRCH);
	dc.id = pv_domid(0);
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_EEXIST);
	dc = fx_dc(F, 3, 0, 64);
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_EINVAL);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, 1);
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, PV_EVTCHN_2L_MAX_PORTS + 1);
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, PV_EVTCHN_FIFO_MAX_PORTS + 1);
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, 64);
	dc.nr_vcpus = 0;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc.nr_vcpus = PV_EVTCHN_MAX_VCPUS + 1;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_ERANGE);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_2L, 64);
	dc.ports = NULL;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_EINVAL);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, 64);
	dc.fifo_words = NULL;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_EINVAL);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, 64);
	dc.fifo_ctrl[1] = NULL;
	REFUSED(pv_evtchn_domain_add(&F->ctx, &dc), PV_EINVAL);
	/* A refused add left the slot unregistered. */
	uint32_t p;
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_ESRCH);
	/* Accepted: the hypervisor-written fields of the shared page are set. */
	memset(&F->shared[3], 0xA5, sizeof F->shared[3]);
	memset(F->words[3], 0xA5, sizeof F->words[3]);
	dc = fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, 100);
	assert_int_equal(pv_evtchn_domain_add(&F->ctx, &dc), PV_OK);
	assert_int_equal(F->shared[3].abi_version, PV_EVTCHN_ABI_VERSION);
	assert_int_equal(F->shared[3].abi, PV_EVTCHN_ABI_FIFO);
	assert_int_equal(F->shared[3].nr_ports, 100);
	assert_int_equal(F->shared[3].vcpu[1].upcall_pending, 0);
	assert_int_equal(F->words[3][99], 0);
	assert_int_equal(F->words[3][100], 0xA5A5A5A5u); /* nothing past nr_ports */
	assert_int_equal(F->ctrl[3][1].ready, 0);
}

/* ---- unbound / interdomain ---- */

static void test_alloc_unbound(void **state)
{
	(void)state;
	uint32_t p = 0;
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(1), &p), PV_OK);
	assert_int_equal(p, 1); /* port 0 is never handed out */
	struct pv_evtchn_port_status s = st(0, p);
	assert_int_equal(s.state, PV_EVTCHN_UNBOUND);
	assert_int_equal(pv_domid_val(s.remote_dom), 1);
	/* policy: {0,2} is not an allowed pair */
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(2), &p), PV_EPERM);
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(3), pv_domid(1), &p), PV_ESRCH);
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(9), pv_domid(1), &p), PV_ESRCH);
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(1), pv_domid_hyp(), &p), PV_ESRCH);
	/* exhaustion: dom 2 has ports 1..3 */
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(2), pv_domid(1), &p), PV_OK);
	assert_int_equal(p, 3);
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(2), pv_domid(1), &p), PV_ENOSPC);
	fx_audit(F);
}

static void test_bind_interdomain(void **state)
{
	(void)state;
	uint32_t a, b;
	connect(0, 1, &a, &b);
	struct pv_evtchn_port_status sa = st(0, a), sb = st(1, b);
	assert_int_equal(sa.state, PV_EVTCHN_INTERDOMAIN);
	assert_int_equal(sb.state, PV_EVTCHN_INTERDOMAIN);
	assert_int_equal(pv_domid_val(sa.remote_dom), 1);
	assert_int_equal(sa.remote_port, b);
	assert_int_equal(pv_domid_val(sb.remote_dom), 0);
	assert_int_equal(sb.remote_port, a);
	fx_audit(F);
	/* binding an already connected port */
	uint32_t p;
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(0), a, &p), PV_EINVAL);
}

static void test_bind_interdomain_refusals(void **state)
{
	(void)state;
	uint32_t u0, u1, ipi, p;
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(1), &u0), PV_OK);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(1), pv_domid(2), &u1), PV_OK);
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(1), 0, &ipi), PV_OK);
	/* dom 2 may not talk to dom 0 at all, even naming a real unbound port */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(2), pv_domid(0), u0, &p), PV_EPERM);
	/* dom 0 may talk to dom 1, but u1 waits for dom 2: no hijacking */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(1), u1, &p), PV_EPERM);
	/* not unbound */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(1), ipi, &p), PV_EINVAL);
	/* free, out-of-range, reserved remote ports */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(1), 40, &p), PV_ENOENT);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(1), 64, &p), PV_ERANGE);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(1), 0, &p), PV_ERANGE);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(1), 0xFFFFFFFFu, &p), PV_ERANGE);
	/* remote allowed by policy but not registered */
	F->allow[3] = (struct pv_evtchn_pair){ pv_domid(0), pv_domid(3) };
	F->ctx.nr_allow = 4; /* widen the policy in place (a private field) */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(3), 1, &p), PV_ESRCH);
	/* local table full: the remote port stays unbound */
	uint32_t x;
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(2), 0, &x), PV_OK);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(2), pv_domid(1), u1, &p), PV_ENOSPC);
	assert_int_equal(st(1, u1).state, PV_EVTCHN_UNBOUND);
}

static void test_loopback_needs_policy(void **state)
{
	(void)state;
	uint32_t p, q;
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(0), &p), PV_EPERM);
	fx_add(F, 3, PV_EVTCHN_ABI_2L, 8);
	connect(3, 3, &p, &q);
	assert_int_not_equal(p, q);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(3), q), PV_OK);
	assert_true(fx_pending(F, 3, p));
	assert_false(fx_pending(F, 3, q));
	fx_audit(F);
}

/* ---- send ---- */

static void test_send_interdomain_and_idempotent(void **state)
{
	(void)state;
	uint32_t a, b;
	connect(0, 1, &a, &b);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(0), a), PV_OK);
	assert_true(fx_pending(F, 1, b));
	assert_false(fx_pending(F, 0, a));
	assert_int_equal(F->upcalls[1][0], 1);
	assert_int_equal(F->wakes[1][0], 1);
	assert_true(pv_evtchn_vcpu_pending(&F->ctx, pv_domid(1), 0));
	assert_false(pv_evtchn_vcpu_pending(&F->ctx, pv_domid(1), 1));
	/* a flood while pending: no further effect anywhere */
	uint32_t words[FX_PORTS];
	memcpy(words, F->words[1], sizeof words);
	struct pv_evtchn_fifo_control c = F->ctrl[1][0];
	for (unsigned i = 0; i < 10000; i++)
		assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(0), a), PV_OK);
	assert_int_equal(F->upcalls[1][0], 1);
	assert_int_equal(F->wakes[1][0], 1);
	assert_memory_equal(words, F->words[1], sizeof words);
	assert_memory_equal(&c, &F->ctrl[1][0], sizeof c);
	/* the other direction */
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(1), b), PV_OK);
	assert_true(fx_pending(F, 0, a));
	assert_int_equal(F->upcalls[0][0], 1);
}

static void test_send_refusals(void **state)
{
	(void)state;
	uint32_t v, u;
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 0, &v), PV_OK);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(1), &u), PV_OK);
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(0), v), PV_EINVAL); /* guests cannot fake a virq */
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(0), 30), PV_ENOENT);
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(0), 0), PV_ERANGE);
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(0), 64), PV_ERANGE);
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(0), 0x80000001u), PV_ERANGE);
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(3), 1), PV_ESRCH);
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(0xFFFF), 1), PV_ESRCH);
	/* unbound: dropped, nothing pending anywhere */
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(0), u), PV_OK);
	assert_false(fx_pending(F, 0, u));
	assert_int_equal(F->upcalls[0][0] + F->upcalls[1][0], 0);
}

static void test_ipi(void **state)
{
	(void)state;
	uint32_t p;
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, pv_domid(0), FX_VCPUS, &p), PV_ERANGE);
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(0), 1, &p), PV_OK);
	assert_int_equal(st(0, p).state, PV_EVTCHN_IPI);
	assert_int_equal(st(0, p).vcpu, 1);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(0), p), PV_OK);
	assert_true(fx_pending(F, 0, p));
	assert_int_equal(F->upcalls[0][1], 1);
	assert_int_equal(F->upcalls[0][0], 0);
	REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(0), p, 0), PV_EINVAL);
}

/* ---- close / rebind / reset ---- */

static void test_close_interdomain_leaves_peer_unbound(void **state)
{
	(void)state;
	uint32_t a, b, p;
	connect(0, 1, &a, &b);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(1), b), PV_OK); /* a pending */
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(0), a), PV_OK); /* b pending */
	unsigned up = F->upcalls[0][0] + F->upcalls[1][0];
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(0), a), PV_OK);
	fx_audit(F);
	assert_int_equal(st(0, a).state, PV_EVTCHN_FREE);
	assert_false(fx_pending(F, 0, a)); /* closed port starts clean */
	struct pv_evtchn_port_status sb = st(1, b);
	assert_int_equal(sb.state, PV_EVTCHN_UNBOUND);
	assert_int_equal(pv_domid_val(sb.remote_dom), 0);
	assert_true(fx_pending(F, 1, b)); /* the peer keeps what it had */
	assert_int_equal(F->upcalls[0][0] + F->upcalls[1][0], up); /* nobody notified */
	/* dom 0 reuses the port number for something else: the old peer's sends do not reach it */
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(0), 0, &p), PV_OK);
	assert_int_equal(p, a);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(1), b), PV_OK);
	assert_false(fx_pending(F, 0, p));
	/* the closer may come back to the waiting end */
	uint32_t a2;
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid(1), b, &a2), PV_OK);
	assert_int_not_equal(a2, a);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(1), b), PV_OK);
	assert_true(fx_pending(F, 0, a2));
	fx_audit(F);
	/* closing twice */
	REFUSED(pv_evtchn_close(&F->ctx, pv_domid(0), 50), PV_ENOENT);
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(1), b), PV_OK);
	REFUSED(pv_evtchn_close(&F->ctx, pv_domid(1), b), PV_ENOENT);
	assert_int_equal(st(0, a2).state, PV_EVTCHN_UNBOUND);
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(0), a2), PV_OK);
	fx_audit(F);
}

static void test_close_both_ends_in_turn_then_rebind(void **state)
{
	(void)state;
	uint32_t a, b;
	for (unsigned round = 0; round < 5; round++) {
		connect(0, 1, &a, &b);
		assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(round & 1 ? 1 : 0), round & 1 ? b : a), PV_OK);
		fx_audit(F);
		/* the remaining end is unbound and waits for the closer */
		uint16_t left = round & 1 ? 0 : 1;
		uint32_t lp = round & 1 ? a : b;
		assert_int_equal(st(left, lp).state, PV_EVTCHN_UNBOUND);
		assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(left), lp), PV_OK);
		fx_audit(F);
	}
	assert_int_equal(F->doms[0].nr_bound + F->doms[1].nr_bound, 0);
}

static void test_reset_and_remove(void **state)
{
	(void)state;
	uint32_t a, b, c, d, v, u;
	connect(0, 1, &a, &b);
	connect(1, 2, &c, &d);
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(1), PV_EVTCHN_VIRQ_TIMER, 1, &v), PV_OK);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(1), pv_domid(0), &u), PV_OK);
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 2, pv_domid(1)), PV_OK);
	uint32_t pp;
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(1), 2, &pp), PV_OK);
	assert_int_equal(pv_evtchn_reset(&F->ctx, pv_domid(1)), PV_OK);
	fx_audit(F);
	for (uint32_t i = 1; i < 64; i++)
		assert_int_equal(st(1, i).state, PV_EVTCHN_FREE);
	assert_int_equal(st(0, a).state, PV_EVTCHN_UNBOUND);
	assert_int_equal(st(2, d).state, PV_EVTCHN_UNBOUND);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(1), PV_EVTCHN_VIRQ_TIMER, 1), PV_ENOENT);
	assert_true(F->line_masked[2]);
	/* the line stays routed after a reset, so it can be bound again */
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(1), 2, &pp), PV_OK);
	assert_int_equal(pv_evtchn_domain_remove(&F->ctx, pv_domid(1)), PV_OK);
	fx_audit(F);
	assert_int_equal(pv_evtchn_domain_remove(&F->ctx, pv_domid(1)), PV_ESRCH);
	assert_int_equal(pv_evtchn_reset(&F->ctx, pv_domid(1)), PV_ESRCH);
	assert_int_equal(F->pirqs[2].owner, PV_DOMID_NONE_VALUE); /* unrouted with its domain */
	/* the slot can be reused */
	fx_add(F, 1, PV_EVTCHN_ABI_2L, 16);
	assert_int_equal(st(1, 1).state, PV_EVTCHN_FREE);
	fx_audit(F);
}

/* ---- virq ---- */

static void test_virq(void **state)
{
	(void)state;
	uint32_t p, q;
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 1, &p), PV_OK);
	struct pv_evtchn_port_status s = st(0, p);
	assert_int_equal(s.state, PV_EVTCHN_VIRQ);
	assert_int_equal(s.virq, PV_EVTCHN_VIRQ_TIMER);
	assert_int_equal(s.vcpu, 1);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 1, &q), PV_EEXIST);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_DEBUG, 0, &q), PV_EPERM);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_NR_VIRQS, 0, &q), PV_ERANGE);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, FX_VCPUS, &q), PV_ERANGE);
	REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(0), p, 0), PV_EINVAL);
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 0, &q), PV_OK);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 1), PV_OK);
	assert_true(fx_pending(F, 0, p));
	assert_false(fx_pending(F, 0, q));
	assert_int_equal(F->upcalls[0][1], 1);
	assert_int_equal(F->upcalls[0][0], 0);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_CONSOLE, 0), PV_ENOENT);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(0), 99, 0), PV_ERANGE);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(3), 0, 0), PV_ESRCH);
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(0), p), PV_OK);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 1), PV_ENOENT);
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 1, &p), PV_OK);
	fx_audit(F);
}

/* ---- pirq ---- */

static void test_pirq_route_and_bind(void **state)
{
	(void)state;
	uint32_t p, q;
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), 3, &p), PV_EPERM); /* not routed */
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), FX_PIRQS, &p), PV_ERANGE);
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, FX_PIRQS, pv_domid(0)), PV_ERANGE);
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 3, pv_domid(0)), PV_OK);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, pv_domid(1), 3, &p), PV_EPERM); /* routed elsewhere */
	assert_true(F->line_masked[3]);
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), 3, &p), PV_OK);
	assert_false(F->line_masked[3]);
	struct pv_evtchn_port_status s = st(0, p);
	assert_int_equal(s.state, PV_EVTCHN_PIRQ);
	assert_int_equal(s.pirq, 3);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), 3, &q), PV_EEXIST);
	REFUSED(pv_evtchn_send(&F->ctx, pv_domid(0), p), PV_EINVAL);
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 3, pv_domid(1)), PV_EBUSY);
	fx_audit(F);
}

static void test_pirq_eoi_flow(void **state)
{
	(void)state;
	uint32_t p;
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 5, pv_domid(1)), PV_OK);
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 6, pv_domid(0)), PV_OK);
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(1), 5, &p), PV_OK);
	/* a level-triggered line fires: masked until the guest is done */
	assert_int_equal(pv_evtchn_raise_pirq(&F->ctx, 5), PV_OK);
	assert_true(F->line_masked[5]);
	assert_true(fx_pending(F, 1, p));
	assert_int_equal(F->upcalls[1][0], 1);
	/* another domain cannot unmask it */
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(0), 5), PV_EPERM);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(0), 6), PV_EPERM); /* routed, not bound */
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(1), FX_PIRQS), PV_ERANGE);
	assert_true(F->line_masked[5]);
	unsigned un = F->unmasks[5];
	assert_int_equal(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(1), 5), PV_OK);
	assert_false(F->line_masked[5]);
	assert_int_equal(F->unmasks[5], un + 1);
	/* a repeated EOI does not unmask again (no storm of unmasks) */
	assert_int_equal(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(1), 5), PV_OK);
	assert_int_equal(F->unmasks[5], un + 1);
	/* close while in flight: line masked, and an orphan raise keeps it masked */
	assert_int_equal(pv_evtchn_raise_pirq(&F->ctx, 5), PV_OK);
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(1), p), PV_OK);
	assert_true(F->line_masked[5]);
	assert_false(fx_pending(F, 1, p));
	assert_int_equal(pv_evtchn_raise_pirq(&F->ctx, 5), PV_ENOENT);
	assert_true(F->line_masked[5]);
	assert_int_equal(pv_evtchn_raise_pirq(&F->ctx, FX_PIRQS), PV_ERANGE);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(1), 5), PV_EPERM);
	/* rebinding starts with a clean in-flight state and an unmasked line */
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(1), 5, &p), PV_OK);
	assert_false(F->line_masked[5]);
	assert_int_equal(F->pirqs[5].in_flight, 0);
	fx_audit(F);
}

/* ---- mask / unmask / vcpu / priority / upcall mask ---- */

static void mask_unmask_reraises(uint16_t dom)
{
	uint32_t p;
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(dom), 0, &p), PV_OK);
	assert_int_equal(pv_evtchn_mask(&F->ctx, pv_domid(dom), p), PV_OK);
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(dom), p), PV_OK);
	assert_true(fx_pending(F, dom, p));
	assert_int_equal(F->upcalls[dom][0], 0);
	assert_int_equal(fx_consume(F, dom, 0, 100), 0);
	assert_int_equal(pv_evtchn_unmask(&F->ctx, pv_domid(dom), p), PV_OK);
	assert_int_equal(F->upcalls[dom][0], 1);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, dom, 0, 100), 1);
	assert_int_equal(F->got[0], p);
	assert_false(fx_pending(F, dom, p));
	/* unmasking a port that is not pending raises nothing */
	assert_int_equal(pv_evtchn_mask(&F->ctx, pv_domid(dom), p), PV_OK);
	assert_int_equal(pv_evtchn_unmask(&F->ctx, pv_domid(dom), p), PV_OK);
	assert_int_equal(F->upcalls[dom][0], 1);
	REFUSED(pv_evtchn_mask(&F->ctx, pv_domid(dom), 33), PV_ENOENT);
	REFUSED(pv_evtchn_unmask(&F->ctx, pv_domid(dom), 0), PV_ERANGE);
}
static void test_mask_unmask_2l(void **state)
{
	(void)state;
	mask_unmask_reraises(0);
}
static void test_mask_unmask_fifo(void **state)
{
	(void)state;
	mask_unmask_reraises(1);
}

static void test_bind_vcpu(void **state)
{
	(void)state;
	for (uint16_t dom = 0; dom < 2; dom++) {
		uint32_t a, b;
		connect(dom, (uint16_t)(1 - dom), &a, &b);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(dom), a, FX_VCPUS), PV_ERANGE);
		assert_int_equal(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(dom), a, 1), PV_OK);
		assert_int_equal(st(dom, a).vcpu, 1);
		assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(1 - dom), b), PV_OK);
		assert_int_equal(F->upcalls[dom][1], 1);
		assert_int_equal(F->upcalls[dom][0], 0);
		F->ngot = 0;
		assert_int_equal(fx_consume(F, dom, 0, 10), 0);
		assert_int_equal(fx_consume(F, dom, 1, 10), 1);
		assert_int_equal(F->got[0], a);
	}
}

static void test_set_priority(void **state)
{
	(void)state;
	uint32_t p, q;
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(0), 0, &p), PV_OK);
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(0), p, 1), PV_ENOSYS);
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(1), 0, &q), PV_OK);
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(1), q, PV_EVTCHN_FIFO_PRIORITIES), PV_ERANGE);
	assert_int_equal(st(1, q).priority, PV_EVTCHN_FIFO_PRIORITY_DEFAULT);
	assert_int_equal(pv_evtchn_set_priority(&F->ctx, pv_domid(1), q, 0), PV_OK);
	assert_int_equal(st(1, q).priority, 0);
	/* a closed port comes back at the default priority */
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(1), q), PV_OK);
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(1), 0, &q), PV_OK);
	assert_int_equal(st(1, q).priority, PV_EVTCHN_FIFO_PRIORITY_DEFAULT);
}

static void test_upcall_mask_wakes_without_upcall(void **state)
{
	(void)state;
	for (uint16_t dom = 0; dom < 2; dom++) {
		uint32_t p;
		F->shared[dom].vcpu[0].upcall_mask = 1;
		assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(dom), 0, &p), PV_OK);
		assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(dom), p), PV_OK);
		assert_int_equal(F->upcalls[dom][0], 0);
		assert_int_equal(F->wakes[dom][0], 1);
		assert_true(pv_evtchn_vcpu_pending(&F->ctx, pv_domid(dom), 0));
	}
	assert_false(pv_evtchn_vcpu_pending(&F->ctx, pv_domid(0), FX_VCPUS));
	assert_false(pv_evtchn_vcpu_pending(&F->ctx, pv_domid(3), 0));
}

static void test_status_refusals(void **state)
{
	(void)state;
	struct pv_evtchn_port_status s;
	assert_int_equal(pv_evtchn_status(&F->ctx, pv_domid(0), 5, &s), PV_OK);
	assert_int_equal(s.state, PV_EVTCHN_FREE);
	assert_int_equal(pv_evtchn_status(&F->ctx, pv_domid(0), 64, &s), PV_ERANGE);
	assert_int_equal(pv_evtchn_status(&F->ctx, pv_domid(0), 0, &s), PV_ERANGE);
	assert_int_equal(pv_evtchn_status(&F->ctx, pv_domid(3), 1, &s), PV_ESRCH);
}

/* ---- port allocation ---- */

/* Binds hand out the lowest FREE port, whatever order ports were closed in. */
static void test_ports_lowest_free_first(void **state)
{
	(void)state;
	fx_add(F, 3, PV_EVTCHN_ABI_FIFO, FX_PORTS);
	uint32_t p;
	for (uint32_t i = 1; i < FX_PORTS; i++) {
		assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_OK);
		assert_int_equal(p, i);
	}
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_ENOSPC);
	static const uint32_t closed[] = { 999, 37, 64, 5, 1023, 63, 32, 31, 1 };
	for (unsigned i = 0; i < sizeof closed / sizeof closed[0]; i++)
		assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(3), closed[i]), PV_OK);
	fx_audit(F);
	static const uint32_t want[] = { 1, 5, 31, 32, 37, 63, 64, 999, 1023 };
	for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 1, &p), PV_OK);
		assert_int_equal(p, want[i]);
	}
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_ENOSPC);
	fx_audit(F);
}

/* The same in a FIFO table of the largest size, where the summary of free
 * groups spans several words: a bind near the top costs what one at the
 * bottom does, and the lowest free port is still found. */
static void test_ports_lowest_free_first_in_a_full_size_table(void **state)
{
	(void)state;
	const uint32_t n = PV_EVTCHN_FIFO_MAX_PORTS;
	struct pv_evtchn_port *ports = calloc(n, sizeof *ports);
	uint32_t *words = calloc(n, sizeof *words);
	assert_non_null(ports);
	assert_non_null(words);
	struct pv_evtchn_domain_config dc = fx_dc(F, 3, PV_EVTCHN_ABI_FIFO, n);
	dc.ports = ports;
	dc.fifo_words = words;
	assert_int_equal(pv_evtchn_domain_add(&F->ctx, &dc), PV_OK);
	uint32_t p;
	for (uint32_t i = 1; i < n; i++) {
		assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_OK);
		if (p != i)
			fail_msg("bind %u got port %u", i, p);
	}
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_ENOSPC);
	fx_audit(F);
	/* Free one port in each of the top words of the summary, highest
	 * first: they come back lowest first. */
	static const uint32_t closed[] = { 131071, 98304, 70000, 65536, 40000, 1025 };
	for (unsigned i = 0; i < 6; i++)
		assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(3), closed[i]), PV_OK);
	fx_audit(F);
	for (unsigned i = 0; i < 6; i++) {
		assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_OK);
		assert_int_equal(p, closed[5 - i]);
	}
	/* A full reset, in bounded steps, frees them all. */
	unsigned calls = 0;
	enum pv_status rc;
	do {
		uint32_t before = F->doms[3].nr_bound;
		rc = pv_evtchn_reset(&F->ctx, pv_domid(3));
		assert_true(before - F->doms[3].nr_bound <= PV_EVTCHN_RESET_SLICE);
		calls++;
	} while (rc == PV_ERESTART);
	assert_int_equal(rc, PV_OK);
	assert_int_equal(calls, (n - 1 + PV_EVTCHN_RESET_SLICE - 1) / PV_EVTCHN_RESET_SLICE);
	assert_int_equal(F->doms[3].nr_bound, 0);
	fx_audit(F);
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_OK);
	assert_int_equal(p, 1);
	assert_int_equal(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)), PV_OK);
	free(ports);
	free(words);
}

/* A reset is guest-facing: each call does a bounded amount of work and says
 * whether to call again; an unfinished reset goes on where it stopped and
 * closes what was bound in between, too. */
static void test_reset_in_bounded_steps(void **state)
{
	(void)state;
	fx_add(F, 3, PV_EVTCHN_ABI_2L, FX_PORTS);
	assert_int_equal(pv_evtchn_reset(&F->ctx, pv_domid(3)), PV_OK); /* nothing bound */
	uint32_t a, b, p, v;
	connect(3, 3, &a, &b); /* ports 1, 2: a loopback pair */
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(3), PV_EVTCHN_VIRQ_TIMER, 1, &v), PV_OK);
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 4, pv_domid(3)), PV_OK);
	while (pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p) == PV_OK)
		;
	uint32_t pp;
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(3), 700), PV_OK);
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(3), 4, &pp), PV_OK);
	assert_int_equal(pp, 700);
	assert_int_equal(pv_evtchn_raise_pirq(&F->ctx, 4), PV_OK);
	assert_int_equal(F->doms[3].nr_bound, FX_PORTS - 1);
	/* First step: ports 1..128 closed, the rest untouched. */
	assert_int_equal(pv_evtchn_reset(&F->ctx, pv_domid(3)), PV_ERESTART);
	fx_audit(F);
	assert_int_equal(F->doms[3].nr_bound, FX_PORTS - 1 - PV_EVTCHN_RESET_SLICE);
	for (uint32_t i = 1; i < FX_PORTS; i++)
		assert_int_equal(st(3, i).state == PV_EVTCHN_FREE, i <= PV_EVTCHN_RESET_SLICE);
	assert_int_equal(pv_evtchn_raise_virq(&F->ctx, pv_domid(3), PV_EVTCHN_VIRQ_TIMER, 1), PV_ENOENT);
	/* The guest binds again meanwhile: the lowest free port, below where
	 * the reset stopped. */
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p), PV_OK);
	assert_int_equal(p, 1);
	unsigned calls = 1;
	enum pv_status rc;
	do {
		rc = pv_evtchn_reset(&F->ctx, pv_domid(3));
		calls++;
		fx_audit(F);
		assert_true(calls < 20);
	} while (rc == PV_ERESTART);
	assert_int_equal(rc, PV_OK);
	/* Slots 129..1023 and round to port 1 again: 896 slots, 7 more calls. */
	assert_int_equal(calls, 8);
	assert_int_equal(F->doms[3].nr_bound, 0);
	assert_int_equal(F->doms[3].reset_next, 1);
	assert_true(F->line_masked[4]);
	assert_int_equal(F->pirqs[4].bound, 0);
	assert_int_equal(F->pirqs[4].owner, 3); /* still routed */
	for (uint32_t w = 0; w < PV_EVTCHN_2L_WORDS; w++)
		assert_int_equal(F->shared[3].pending[w], 0);
	fx_audit(F);
	REFUSED(pv_evtchn_reset(&F->ctx, pv_domid(0xFFFF)), PV_ESRCH);
	REFUSED(pv_evtchn_reset(&F->ctx, pv_domid(FX_DOMS)), PV_ESRCH);
	/* Removing a full domain does it all in one call. */
	while (pv_evtchn_bind_ipi(&F->ctx, pv_domid(3), 0, &p) == PV_OK)
		;
	assert_int_equal(pv_evtchn_domain_remove(&F->ctx, pv_domid(3)), PV_OK);
	fx_audit(F);
}

/* Every bind refuses with PV_ENOSPC when the table is full, leaving no trace. */
static void test_binds_refused_when_the_table_is_full(void **state)
{
	(void)state;
	uint32_t p;
	/* dom 2 has ports 1..3 */
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 1, pv_domid(2)), PV_OK);
	F->doms[2].virq_allow = 1u << PV_EVTCHN_VIRQ_TIMER;
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(2), 0, &p), PV_OK);
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, pv_domid(2), 1, &p), PV_ENOSPC);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(2), PV_EVTCHN_VIRQ_TIMER, 0, &p), PV_ENOSPC);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, pv_domid(2), 1, &p), PV_ENOSPC);
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(2), pv_domid(1), &p), PV_ENOSPC);
	assert_true(F->line_masked[1]); /* a refused bind_pirq did not unmask it */
	/* the checks before the table is consulted still come first */
	REFUSED(pv_evtchn_bind_virq(&F->ctx, pv_domid(2), PV_EVTCHN_VIRQ_CONSOLE, 0, &p), PV_EPERM);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, pv_domid(2), 2, &p), PV_EPERM);
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, pv_domid(2), FX_VCPUS, &p), PV_ERANGE);
	/* one port freed: each bind works again */
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(2), 2), PV_OK);
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(2), 1, &p), PV_OK);
	assert_int_equal(p, 2);
	assert_false(F->line_masked[1]);
	fx_audit(F);
}

/* The exact error of each refusal about the domain or the port. */
static void test_exact_errors(void **state)
{
	(void)state;
	uint32_t p, a, b;
	const pv_domid_t none = pv_domid(3), hyp = pv_domid_hyp(), gone = pv_domid(0xFFFF);
	assert_int_equal(pv_evtchn_pirq_route(&F->ctx, 0, pv_domid(0)), PV_OK);
	connect(0, 1, &a, &b);
	/* the caller is not a registered domain */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, none, pv_domid(1), 1, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, gone, pv_domid(1), 1, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, none, PV_EVTCHN_VIRQ_TIMER, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_virq(&F->ctx, hyp, PV_EVTCHN_VIRQ_TIMER, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, none, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_pirq(&F->ctx, gone, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_ipi(&F->ctx, none, 0, &p), PV_ESRCH);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, none, 0), PV_ESRCH);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, hyp, 0), PV_ESRCH);
	REFUSED(pv_evtchn_bind_vcpu(&F->ctx, none, 1, 0), PV_ESRCH);
	REFUSED(pv_evtchn_set_priority(&F->ctx, none, 1, 0), PV_ESRCH);
	REFUSED(pv_evtchn_mask(&F->ctx, gone, 1), PV_ESRCH);
	REFUSED(pv_evtchn_unmask(&F->ctx, none, 1), PV_ESRCH);
	REFUSED(pv_evtchn_close(&F->ctx, none, 1), PV_ESRCH);
	/* a remote id that can never be a guest: PV_ESRCH from both halves of a
	 * connection, before the policy (which cannot name it anyway) */
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), hyp, &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), hyp, 1, &p), PV_ESRCH);
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid_none(), &p), PV_ESRCH);
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), pv_domid_none(), 1, &p), PV_ESRCH);
	/* a guest id that is not registered: the policy speaks first */
	REFUSED(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(0), none, 1, &p), PV_EPERM);
	REFUSED(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), none, &p), PV_EPERM);
	/* the port errors of bind_vcpu and set_priority, FIFO and 2-level */
	for (uint16_t d = 0; d < 2; d++) {
		uint32_t mine = d == 0 ? a : b;
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(d), 0, 1), PV_ERANGE);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(d), 64, 1), PV_ERANGE);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(d), 0xFFFFFFFFu, 1), PV_ERANGE);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(d), 40, 1), PV_ENOENT);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(d), mine, FX_VCPUS), PV_ERANGE);
		REFUSED(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(d), mine, 0xFFFFFFFFu), PV_ERANGE);
	}
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(1), 0, 0), PV_ERANGE);
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(1), 64, 0), PV_ERANGE);
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(1), 40, 0), PV_ENOENT);
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(1), b, 0xFFFFFFFFu), PV_ERANGE);
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(0), a, 0), PV_ENOSYS);
	REFUSED(pv_evtchn_set_priority(&F->ctx, pv_domid(0), 40, 0), PV_ENOENT); /* the port first */
	/* pirq_eoi: line out of range, not bound, bound by another */
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(0), FX_PIRQS), PV_ERANGE);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(0), 0), PV_EPERM);
	assert_int_equal(pv_evtchn_bind_pirq(&F->ctx, pv_domid(0), 0, &p), PV_OK);
	REFUSED(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(1), 0), PV_EPERM);
	assert_int_equal(pv_evtchn_pirq_eoi(&F->ctx, pv_domid(0), 0), PV_OK);
	fx_audit(F);
}

static void test_audit_catches_corruption(void **state)
{
	(void)state;
	uint32_t a, b, v;
	connect(0, 1, &a, &b);
	assert_int_equal(pv_evtchn_bind_virq(&F->ctx, pv_domid(0), PV_EVTCHN_VIRQ_CONSOLE, 0, &v), PV_OK);
	fx_audit(F);
	struct pv_evtchn_audit_report flt;
	F->ports[1][b].u = b + 1; /* peer no longer points back */
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	F->ports[1][b].u = a;
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_CONSOLE] = a;
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	assert_int_equal(pv_domid_val(flt.dom), 0);
	F->doms[0].virq_port[0][PV_EVTCHN_VIRQ_CONSOLE] = v;
	F->doms[0].nr_bound++;
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	F->doms[0].nr_bound--;
	fx_audit(F);
}

/* The pointers a port caches for the send path are checked against what
 * they cache, so an operation that forgot to update one fails the audit. */
static void test_audit_catches_stale_caches(void **state)
{
	(void)state;
	uint32_t a, b, c, d;
	connect(0, 1, &a, &b);
	connect(2, 1, &c, &d);
	fx_audit(F);
	struct pv_evtchn_audit_report flt;
	struct pv_evtchn_port *saved = F->ports[1][b].peer;
	F->ports[1][b].peer = &F->ports[0][a + 1]; /* a wrong port */
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	assert_int_equal(flt.port, b);
	F->ports[1][b].peer = saved;
	fx_audit(F);
	/* Closing one end leaves the other UNBOUND, without a peer. */
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(0), a), PV_OK);
	assert_null(F->ports[1][b].peer);
	assert_null(F->ports[0][a].peer);
	F->ports[1][b].peer = &F->ports[0][a];
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	F->ports[1][b].peer = 0;
	fx_audit(F);
	/* The control block follows the vcpu. */
	assert_int_equal(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(1), d, 1), PV_OK);
	assert_ptr_equal(F->ports[1][d].ctrl, F->doms[1].fifo_ctrl[1]);
	fx_audit(F);
	F->ports[1][d].ctrl = F->doms[1].fifo_ctrl[0];
	assert_int_equal(pv_evtchn_audit(&F->ctx, &flt), PV_EINVAL);
	assert_int_equal(flt.port, d);
	F->ports[1][d].ctrl = F->doms[1].fifo_ctrl[1];
	assert_null(F->ports[2][c].ctrl); /* 2-level */
	fx_audit(F);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_init_rejects_bad_config),
		T(test_domain_add_checks),
		T(test_alloc_unbound),
		T(test_bind_interdomain),
		T(test_bind_interdomain_refusals),
		T(test_loopback_needs_policy),
		T(test_send_interdomain_and_idempotent),
		T(test_send_refusals),
		T(test_ipi),
		T(test_close_interdomain_leaves_peer_unbound),
		T(test_close_both_ends_in_turn_then_rebind),
		T(test_reset_and_remove),
		T(test_virq),
		T(test_pirq_route_and_bind),
		T(test_pirq_eoi_flow),
		T(test_mask_unmask_2l),
		T(test_mask_unmask_fifo),
		T(test_bind_vcpu),
		T(test_set_priority),
		T(test_upcall_mask_wakes_without_upcall),
		T(test_status_refusals),
		T(test_ports_lowest_free_first),
		T(test_ports_lowest_free_first_in_a_full_size_table),
		T(test_reset_in_bounded_steps),
		T(test_binds_refused_when_the_table_is_full),
		T(test_exact_errors),
		T(test_audit_catches_corruption),
		T(test_audit_catches_stale_caches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
