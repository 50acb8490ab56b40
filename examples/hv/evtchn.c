/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event-channel glue: lib/evtchn's instance with its storage, the policy
 * (which pairs of domains may open a channel: the configured channels
 * only), and the callbacks through which the module wakes a blocked domain
 * and masks or unmasks a routed interrupt line. Domains are added by the
 * builder (build.c) and removed by destroy (domain.c).
 */
#include "hv.h"

static struct pv_evtchn_domain evt_doms[HV_MAX_DOMS];
static struct pv_evtchn_pair evt_pairs[HV_MAX_CHANS];
static struct pv_evtchn_pirq evt_pirqs[HV_IRQ_LINES_MAX];
_Static_assert(BOARD_IRQ_LINES <= HV_IRQ_LINES_MAX, "routable lines");

static void evt_upcall(void *arg, pv_domid_t dom, uint32_t vcpu)
{
	(void)arg; (void)dom; (void)vcpu; /* delivered on the way back to the guest */
}

static void evt_wake(void *arg, pv_domid_t dom, uint32_t vcpu)
{
	(void)arg; (void)vcpu;
	struct hv_dom *d = hv_dom_of(dom);
	if (d && d->state == HV_DOM_RUNNING) {
		(void)pv_sched_wake(&hv.sched, pv_domid_val(dom), port_time_ns());
		hv.need_resched = true;
	}
}

static void evt_pirq_mask(void *arg, uint32_t pirq)
{
	(void)arg;
	port_irq_disable(pirq);
}

static void evt_pirq_unmask(void *arg, uint32_t pirq)
{
	(void)arg;
	port_irq_enable(pirq);
}

static const struct pv_evtchn_ops evt_ops = {
	.upcall = evt_upcall,
	.wake = evt_wake,
	.pirq_mask = evt_pirq_mask,
	.pirq_unmask = evt_pirq_unmask,
};

int32_t hv_evtchn_setup(void)
{
	for (uint32_t i = 0; i < hv_config.nr_chans; i++)
		evt_pairs[i] = (struct pv_evtchn_pair){ pv_domid(hv_config.chans[i].a),
						       pv_domid(hv_config.chans[i].b) };
	const struct pv_evtchn_config ec = {
		.ops = &evt_ops,
		.cb_arg = &hv,
		.domains = evt_doms,
		.nr_domains = hv_config.nr_doms,
		.pirqs = evt_pirqs,
		.nr_pirqs = hv_config.irq_lines,
		.allow = evt_pairs,
		.nr_allow = hv_config.nr_chans,
	};
	return pv_evtchn_init(&hv.evt, &ec);
}
