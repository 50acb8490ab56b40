/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_evtchn_audit: recompute every cross-reference of the private state and
 * compare. Tests call it after every operation; a hypervisor may call it in
 * a debug build. Reads no guest memory (nothing there is an invariant).
 * Concurrency: as evtchn.c.
 */
#include "evtchn_internal.h"

static enum pv_status fault(struct pv_evtchn_audit_report *f, uint16_t dom, uint32_t port,
			    const char *what)
{
	if (f)
		*f = (struct pv_evtchn_audit_report){ .what = what, .dom = pv_domid(dom), .port = port };
	return PV_EINVAL;
}

static enum pv_status audit_port(const struct pv_evtchn *ctx, const struct pv_evtchn_domain *d,
				 uint32_t i, struct pv_evtchn_audit_report *f)
{
	const struct pv_evtchn_port *p = &d->ports[i];
	if (p->last_vcpu >= d->nr_vcpus || p->last_prio >= PV_EVTCHN_FIFO_PRIORITIES)
		return fault(f, d->id, i, "last queue out of range");
	if (p->state != PV_EVTCHN_INTERDOMAIN && p->peer)
		return fault(f, d->id, i, "peer cached on a port without one");
	if (p->state == PV_EVTCHN_FREE)
		return PV_OK;
	if (i == 0)
		return fault(f, d->id, i, "port 0 in use");
	if (p->vcpu >= d->nr_vcpus)
		return fault(f, d->id, i, "vcpu out of range");
	if (p->ctrl != d->fifo_ctrl[p->vcpu])
		return fault(f, d->id, i, "cached control block is not the vcpu's");
	if (p->prio >= PV_EVTCHN_FIFO_PRIORITIES)
		return fault(f, d->id, i, "priority out of range");
	switch (p->state) {
	case PV_EVTCHN_UNBOUND:
		if (p->remote_dom > PV_DOMID_MAX_GUEST)
			return fault(f, d->id, i, "unbound for a non-guest");
		return PV_OK;
	case PV_EVTCHN_INTERDOMAIN: {
		if (p->remote_dom >= ctx->nr_domains)
			return fault(f, d->id, i, "peer domain out of range");
		const struct pv_evtchn_domain *rd = &ctx->domains[p->remote_dom];
		if (!rd->active)
			return fault(f, d->id, i, "peer domain not registered");
		if (p->u == 0 || p->u >= rd->nr_ports)
			return fault(f, d->id, i, "peer port out of range");
		const struct pv_evtchn_port *rp = &rd->ports[p->u];
		if (rp->state != PV_EVTCHN_INTERDOMAIN || rp->remote_dom != d->id || rp->u != i)
			return fault(f, d->id, i, "peer does not point back");
		if (p->peer != rp)
			return fault(f, d->id, i, "cached peer is not the peer port");
		return PV_OK;
	}
	case PV_EVTCHN_VIRQ:
		if (p->u >= PV_EVTCHN_NR_VIRQS || d->virq_port[p->vcpu][p->u] != i)
			return fault(f, d->id, i, "virq table disagrees");
		return PV_OK;
	case PV_EVTCHN_PIRQ: {
		if (p->u >= ctx->nr_pirqs)
			return fault(f, d->id, i, "pirq out of range");
		const struct pv_evtchn_pirq *pi = &ctx->pirqs[p->u];
		if (!pi->bound || pi->owner != d->id || pi->port != i)
			return fault(f, d->id, i, "pirq table disagrees");
		return PV_OK;
	}
	case PV_EVTCHN_IPI:
		return PV_OK;
	default:
		return fault(f, d->id, i, "unknown state");
	}
}

/* The free-port summary says exactly which groups have a FREE port. */
static enum pv_status audit_free_summary(const struct pv_evtchn_domain *d,
					 struct pv_evtchn_audit_report *f)
{
	const uint32_t G = PV_EVTCHN_FREE_GROUP;
	uint32_t ngroups = (d->nr_ports + G - 1u) / G;
	for (uint32_t w = 0; w < PV_EVTCHN_FREE_GRP_WORDS; w++) {
		for (uint32_t b = 0; b < 32u && w * 32u + b < ngroups; b++) {
			uint32_t g = w * 32u + b;
			bool has_free = false;
			for (uint32_t i = g == 0 ? 1u : g * G; i < (g + 1u) * G && i < d->nr_ports; i++)
				has_free = has_free || d->ports[i].state == PV_EVTCHN_FREE;
			if (has_free != ((d->free_grp[w] >> b) & 1u))
				return fault(f, d->id, g * G, "free-port summary wrong for a group");
		}
		uint32_t valid = ngroups <= w * 32u ? 0u : ngroups - w * 32u;
		uint32_t beyond = valid >= 32u ? 0u : ~((1u << valid) - 1u);
		if (d->free_grp[w] & beyond)
			return fault(f, d->id, 0, "free-port summary names a group past the table");
		bool nonzero = d->free_grp[w] != 0;
		if (nonzero != ((d->free_word[w / 32u] >> (w % 32u)) & 1u))
			return fault(f, d->id, 0, "free-port summary wrong for a word");
	}
	return PV_OK;
}

enum pv_status pv_evtchn_audit(const struct pv_evtchn *ctx, struct pv_evtchn_audit_report *f)
{
	for (uint32_t id = 0; id < ctx->nr_domains; id++) {
		const struct pv_evtchn_domain *d = &ctx->domains[id];
		if (d->id != id)
			return fault(f, (uint16_t)id, 0, "slot id mismatch");
		if (!d->active)
			continue;
		uint32_t bound = 0;
		if (d->reset_next < 1 || d->reset_next >= d->nr_ports)
			return fault(f, d->id, 0, "reset cursor out of range");
		enum pv_status rc = audit_free_summary(d, f);
		if (rc != PV_OK)
			return rc;
		for (uint32_t i = 0; i < d->nr_ports; i++) {
			rc = audit_port(ctx, d, i, f);
			if (rc != PV_OK)
				return rc;
			if (d->ports[i].state != PV_EVTCHN_FREE)
				bound++;
		}
		if (bound != d->nr_bound)
			return fault(f, d->id, 0, "bound count wrong");
		for (uint32_t v = 0; v < PV_EVTCHN_MAX_VCPUS; v++) {
			for (uint32_t q = 0; q < PV_EVTCHN_NR_VIRQS; q++) {
				uint32_t p = d->virq_port[v][q];
				if (!p)
					continue;
				if (v >= d->nr_vcpus || p >= d->nr_ports ||
				    d->ports[p].state != PV_EVTCHN_VIRQ ||
				    d->ports[p].u != q || d->ports[p].vcpu != v)
					return fault(f, d->id, p, "virq entry names a wrong port");
			}
			for (uint32_t q = 0; q < PV_EVTCHN_FIFO_PRIORITIES; q++) {
				if (d->fifo_tail[v][q] >= d->nr_ports)
					return fault(f, d->id, d->fifo_tail[v][q], "fifo tail out of range");
			}
		}
	}
	for (uint32_t i = 0; i < ctx->nr_pirqs; i++) {
		const struct pv_evtchn_pirq *pi = &ctx->pirqs[i];
		if (pi->in_flight && !pi->bound)
			return fault(f, pi->owner, 0, "pirq in flight but unbound");
		if (!pi->bound)
			continue;
		if (pi->owner >= ctx->nr_domains || !ctx->domains[pi->owner].active)
			return fault(f, pi->owner, 0, "pirq bound by a missing domain");
		const struct pv_evtchn_domain *d = &ctx->domains[pi->owner];
		if (pi->port == 0 || pi->port >= d->nr_ports ||
		    d->ports[pi->port].state != PV_EVTCHN_PIRQ || d->ports[pi->port].u != i)
			return fault(f, pi->owner, pi->port, "pirq entry names a wrong port");
	}
	return PV_OK;
}
