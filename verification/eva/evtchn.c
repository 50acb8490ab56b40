/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Eva driver for lib/evtchn: absence of run-time errors in every
 * guest-facing operation and in delivery, for any sequence of operations
 * with arbitrary arguments, while the guests write anything into their
 * shared pages at any time.
 *
 * The hypervisor's side is concrete: three domain slots, domain 0 on the
 * 2-level ABI (64 ports, 2 vcpus), domain 1 on FIFO (128 ports, 2 vcpus),
 * slot 2 never added; four physical lines, line 1 routed to domain 0; a
 * policy allowing 0 <-> 1 and 1 <-> 1. Then an unbounded loop: before each
 * step every word of the shared pages, FIFO event words and control blocks
 * becomes arbitrary (the guests write what they like, including between
 * the steps of the hypervisor's own work, which the uniprocessor contract
 * rules out: stronger than needed), and one operation runs with arbitrary
 * domain ids, ports, vcpus, virqs, pirqs and priorities.
 */
#include "__fc_builtin.h"
#include <pvlib/evtchn.h>

#define ND 3u
#define NP0 64u
#define NP1 128u
#define NPIRQ 4u
#define NLOW 9u
#ifndef STEPS
#define STEPS 1
#endif

static struct pv_evtchn_domain doms[ND];
static struct pv_evtchn_port ports0[NP0], ports1[NP1];
static struct pv_evtchn_shared shared0, shared1;
static uint32_t words1[NP1];
static struct pv_evtchn_fifo_control ctrl1[2];
static struct pv_evtchn_pirq pirqs[NPIRQ];
static const struct pv_evtchn_pair allow[2] = {
	{ { 0 }, { 1 } },
	{ { 1 }, { 1 } },
};
static struct pv_evtchn ctx;

static void cb_vcpu(void *arg, pv_domid_t dom, uint32_t vcpu) { (void)arg; (void)dom; (void)vcpu; }
static void cb_pirq(void *arg, uint32_t pirq) { (void)arg; (void)pirq; }
static const struct pv_evtchn_ops ops = { cb_vcpu, cb_vcpu, cb_pirq, cb_pirq };

static uint32_t any(void) { return Frama_C_unsigned_int_interval(0, UINT32_MAX); }

/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

static void guests_write(void)
{
	Frama_C_make_unknown((char *)&shared0, sizeof(shared0));
	Frama_C_make_unknown((char *)&shared1, sizeof(shared1));
	Frama_C_make_unknown((char *)words1, sizeof(words1));
	Frama_C_make_unknown((char *)ctrl1, sizeof(ctrl1));
}

int main(void)
{
	struct pv_evtchn_config c = {
		.ops = &ops, .cb_arg = 0, .domains = doms, .nr_domains = ND,
		.pirqs = pirqs, .nr_pirqs = NPIRQ, .allow = allow, .nr_allow = 2,
	};
	if (pv_evtchn_init(&ctx, &c) != PV_OK)
		return 1;
	struct pv_evtchn_domain_config d0 = {
		.id = pv_domid(0), .abi = PV_EVTCHN_ABI_2L, .nr_ports = NP0, .nr_vcpus = 2,
		.virq_allow = 0xFFFFu, .ports = ports0, .shared = &shared0,
	};
	struct pv_evtchn_domain_config d1 = {
		.id = pv_domid(1), .abi = PV_EVTCHN_ABI_FIFO, .nr_ports = NP1, .nr_vcpus = 2,
		.virq_allow = 0x0107u, .ports = ports1, .shared = &shared1, .fifo_words = words1,
		.fifo_ctrl = { &ctrl1[0], &ctrl1[1] },
	};
	if (pv_evtchn_domain_add(&ctx, &d0) != PV_OK || pv_evtchn_domain_add(&ctx, &d1) != PV_OK)
		return 1;
	if (pv_evtchn_pirq_route(&ctx, 1, pv_domid(0)) != PV_OK)
		return 1;

	uint32_t port, sa, sb, sp, pa;
	pv_domid_t da, db;
	struct pv_evtchn_port_status st;
	/* A port in every state on each side, from the operations themselves. */
	uint32_t u0, i0, v0, p0, u1, i1, v1, x1, x0;
	if (pv_evtchn_alloc_unbound(&ctx, pv_domid(0), pv_domid(1), &u0) != PV_OK ||
	    pv_evtchn_alloc_unbound(&ctx, pv_domid(1), pv_domid(0), &u1) != PV_OK ||
	    pv_evtchn_bind_interdomain(&ctx, pv_domid(1), pv_domid(0), u0, &x1) != PV_OK ||
	    pv_evtchn_alloc_unbound(&ctx, pv_domid(0), pv_domid(1), &u0) != PV_OK ||
	    pv_evtchn_bind_interdomain(&ctx, pv_domid(0), pv_domid(1), u1, &x0) != PV_OK ||
	    pv_evtchn_alloc_unbound(&ctx, pv_domid(1), pv_domid(0), &u1) != PV_OK ||
	    pv_evtchn_bind_ipi(&ctx, pv_domid(0), 1, &i0) != PV_OK ||
	    pv_evtchn_bind_ipi(&ctx, pv_domid(1), 1, &i1) != PV_OK ||
	    pv_evtchn_bind_virq(&ctx, pv_domid(0), PV_EVTCHN_VIRQ_TIMER, 0, &v0) != PV_OK ||
	    pv_evtchn_bind_virq(&ctx, pv_domid(1), PV_EVTCHN_VIRQ_CONSOLE, 1, &v1) != PV_OK ||
	    pv_evtchn_bind_pirq(&ctx, pv_domid(0), 1, &p0) != PV_OK ||
	    pv_evtchn_set_priority(&ctx, pv_domid(1), x1, 3) != PV_OK ||
	    pv_evtchn_send(&ctx, pv_domid(0), i0) != PV_OK)
		return 1;
	Frama_C_show_each_ports(u0, i0, v0, p0, x0, u1, i1, v1, x1);
	/* tools/prove requires this: the analysis below starts from a built instance. */
	Frama_C_show_each_setup_done(u0);

	/* Then guest operations with arbitrary arguments, the guests writing
	 * anything into their shared memory before each. */
	//@ loop unroll STEPS;
	for (int k = 0; k < STEPS; k++) {
		guests_write();
		/* The domain ids: each slot, or any id past them (split by case,
		 * so that each domain's port array is analysed with its size). */
		sa = Frama_C_unsigned_int_interval(0, ND);
		sb = Frama_C_unsigned_int_interval(0, ND);
		/* The port: each of the low ports (every bound one is below
		 * NLOW), or any port from NLOW on (all FREE, or out of range). */
		sp = Frama_C_unsigned_int_interval(0, NLOW);
		//@ split sa;
		//@ split sb;
		//@ split sp;
		da = pv_domid((uint16_t)(sa < ND ? sa : (uint32_t)Frama_C_interval(ND, 0xFFFF)));
		db = pv_domid((uint16_t)(sb < ND ? sb : (uint32_t)Frama_C_interval(ND, 0xFFFF)));
		pa = sp < NLOW ? sp : Frama_C_unsigned_int_interval(NLOW, UINT32_MAX);
		switch (Frama_C_interval(0, 19)) {
		case 0: (void)pv_evtchn_alloc_unbound(&ctx, da, db, &port); break;
		case 1: (void)pv_evtchn_bind_interdomain(&ctx, da, db, pa, &port); break;
		case 2: (void)pv_evtchn_bind_virq(&ctx, da, any(), any(), &port); break;
		case 3: (void)pv_evtchn_bind_pirq(&ctx, da, any(), &port); break;
		case 4: (void)pv_evtchn_bind_ipi(&ctx, da, any(), &port); break;
		case 5: (void)pv_evtchn_send(&ctx, da, pa); break;
		case 6: (void)pv_evtchn_close(&ctx, da, pa); break;
		case 7: (void)pv_evtchn_status(&ctx, da, pa, &st); break;
		case 8: (void)pv_evtchn_mask(&ctx, da, pa); break;
		case 9: (void)pv_evtchn_unmask(&ctx, da, pa); break;
		case 10: (void)pv_evtchn_bind_vcpu(&ctx, da, pa, any()); break;
		case 11: (void)pv_evtchn_set_priority(&ctx, da, pa, any()); break;
		case 12: (void)pv_evtchn_reset(&ctx, da); break;
		case 13: (void)pv_evtchn_raise_virq(&ctx, da, any(), any()); break;
		case 14: (void)pv_evtchn_raise_pirq(&ctx, any()); break;
		case 15: (void)pv_evtchn_pirq_eoi(&ctx, da, any()); break;
		/* the upcall bytes, on every exception entry and return */
		case 16: (void)pv_evtchn_upcall_due(&ctx, da, any()); break;
		case 17: (void)pv_evtchn_upcall_masked(&ctx, da, any()); break;
		case 18: (void)pv_evtchn_upcall_mask_set(&ctx, da, any(), any() & 1u); break;
		default: (void)pv_evtchn_vcpu_pending(&ctx, da, any()); break;
		}
	}
	return 0;
}
