/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event channels: port tables, bindings, the interdomain policy and the
 * routed physical interrupts.
 *
 * Concurrency contract. All state (the context, every domain slot, every
 * port table, every pirq entry) is protected by one rule: the caller holds
 * the context exclusively for the whole of each call. pvlib starts
 * uniprocessor, where that means "called from the hypervisor with
 * interrupts masked" (trap handlers and the physical IRQ handler that calls
 * pv_evtchn_raise_pirq). Callbacks run inside that window and must not
 * re-enter the module. Guest-shared memory is written with plain accesses,
 * which is correct only because the guest cannot run meanwhile (see
 * deliver.c).
 *
 * An SMP port must add: a lock per domain (ports, virq and FIFO tail
 * tables) taken for every operation on that domain; for operations that
 * touch two domains (bind_interdomain, send, close of an INTERDOMAIN port,
 * reset), both locks taken in ascending domain id order; a lock for the
 * pirq table taken after the domain lock; atomic read-modify-writes on
 * shared words (deliver.c); and callbacks that may be called on another
 * CPU than the target vcpu's.
 *
 * Every operation validates all of its arguments and the state it depends
 * on before it writes anything, so a refused request leaves no trace.
 */
#include "evtchn_internal.h"

/* ---- lookups (validation only, no side effects) ------------------------ */

static struct pv_evtchn_domain *dom_get(const struct pv_evtchn *ctx, pv_domid_t dom)
{
	uint32_t id = pv_domid_val(dom);
	if (id >= ctx->nr_domains)
		return 0;
	struct pv_evtchn_domain *d = &ctx->domains[id];
	return d->active ? d : 0;
}

/* Domain and port checks shared by every per-port operation. */
static enum pv_status port_get(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port,
			       struct pv_evtchn_domain **dp, struct pv_evtchn_port **pp)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (port == 0 || port >= d->nr_ports)
		return PV_ERANGE;
	struct pv_evtchn_port *p = &d->ports[port];
	if (p->state == PV_EVTCHN_FREE)
		return PV_ENOENT;
	*dp = d;
	*pp = p;
	return PV_OK;
}

static bool policy_allows(const struct pv_evtchn *ctx, uint16_t a, uint16_t b)
{
	for (uint32_t i = 0; i < ctx->nr_allow; i++) {
		uint16_t x = pv_domid_val(ctx->allow[i].a);
		uint16_t y = pv_domid_val(ctx->allow[i].b);
		if ((x == a && y == b) || (x == b && y == a))
			return true;
	}
	return false;
}

/*
 * Ports are handed out lowest first. The free-port summary (evtchn.h) finds
 * the lowest group with a FREE port in two count-trailing-zeros steps after
 * at most PV_EVTCHN_FREE_TOP_WORDS word tests; the group itself is then
 * scanned, PV_EVTCHN_FREE_GROUP ports at most. So a bind costs the same
 * whatever the table size and however the guest has filled it.
 */
#define FREE_G PV_EVTCHN_FREE_GROUP

static uint32_t grp_first(uint32_t g)
{
	return g == 0 ? 1u : g * FREE_G; /* port 0 is never used */
}

static uint32_t grp_end(const struct pv_evtchn_domain *d, uint32_t g)
{
	uint32_t end = (g + 1u) * FREE_G;
	return end < d->nr_ports ? end : d->nr_ports;
}

/* The lowest FREE port of d, or 0 if there is none. */
static uint32_t port_find_free(const struct pv_evtchn_domain *d)
{
	if (d->nr_bound >= d->nr_ports - 1u)
		return 0;
	for (uint32_t t = 0; t < PV_EVTCHN_FREE_TOP_WORDS; t++) {
		if (!d->free_word[t])
			continue;
		uint32_t w = t * 32u + (uint32_t)__builtin_ctz(d->free_word[t]);
		uint32_t g = w * 32u + (uint32_t)__builtin_ctz(d->free_grp[w]);
		for (uint32_t i = grp_first(g); i < grp_end(d, g); i++) {
			if (d->ports[i].state == PV_EVTCHN_FREE)
				return i;
		}
		return 0; /* the summary is wrong: pv_evtchn_audit says so */
	}
	return 0;
}

static void grp_mark(struct pv_evtchn_domain *d, uint32_t g, bool has_free)
{
	uint32_t w = g / 32u, bit = 1u << (g % 32u);
	if (has_free)
		d->free_grp[w] |= bit;
	else
		d->free_grp[w] &= ~bit;
	uint32_t tbit = 1u << (w % 32u);
	if (d->free_grp[w])
		d->free_word[w / 32u] |= tbit;
	else
		d->free_word[w / 32u] &= ~tbit;
}

/* Recompute group g's summary bit from its ports. */
static void grp_update(struct pv_evtchn_domain *d, uint32_t g)
{
	bool has_free = false;
	for (uint32_t i = grp_first(g); i < grp_end(d, g) && !has_free; i++)
		has_free = d->ports[i].state == PV_EVTCHN_FREE;
	grp_mark(d, g, has_free);
}

/* ---- commit helpers (cannot fail) -------------------------------------- */

static void port_take(struct pv_evtchn_domain *d, uint32_t port, enum pv_evtchn_state st,
		      uint32_t vcpu, uint16_t remote_dom, uint32_t u)
{
	struct pv_evtchn_port *p = &d->ports[port];
	p->state = (uint8_t)st;
	p->vcpu = (uint8_t)vcpu;
	p->prio = (uint8_t)PV_EVTCHN_FIFO_PRIORITY_DEFAULT;
	p->remote_dom = remote_dom;
	p->u = u;
	p->peer = 0;
	p->ctrl = d->fifo_ctrl[vcpu];
	d->nr_bound++;
	grp_update(d, port / FREE_G);
}

static void port_release(struct pv_evtchn_domain *d, uint32_t port)
{
	struct pv_evtchn_port *p = &d->ports[port];
	pv_evtchn_deliver_clear_pending(d, port);
	p->state = PV_EVTCHN_FREE;
	p->vcpu = 0;
	p->prio = (uint8_t)PV_EVTCHN_FIFO_PRIORITY_DEFAULT;
	p->remote_dom = PV_DOMID_NONE_VALUE;
	p->u = 0;
	p->peer = 0;
	p->ctrl = d->fifo_ctrl[0];
	/* last_vcpu/last_prio survive: a FIFO queue tail may still name it. */
	d->nr_bound--;
	grp_mark(d, port / FREE_G, true);
}

static void port_close(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port)
{
	struct pv_evtchn_port *p = &d->ports[port];
	switch (p->state) {
	case PV_EVTCHN_INTERDOMAIN: {
		struct pv_evtchn_domain *rd = &ctx->domains[p->remote_dom];
		struct pv_evtchn_port *rp = &rd->ports[p->u];
		rp->state = PV_EVTCHN_UNBOUND;
		rp->remote_dom = d->id;
		rp->u = 0;
		rp->peer = 0;
		break;
	}
	case PV_EVTCHN_VIRQ:
		d->virq_port[p->vcpu][p->u] = 0;
		break;
	case PV_EVTCHN_PIRQ: {
		struct pv_evtchn_pirq *pi = &ctx->pirqs[p->u];
		pi->bound = 0;
		pi->in_flight = 0;
		pi->port = 0;
		ctx->ops->pirq_mask(ctx->cb_arg, p->u);
		break;
	}
	default:
		break;
	}
	port_release(d, port);
}

/* ---- setup ------------------------------------------------------------- */

enum pv_status pv_evtchn_init(struct pv_evtchn *ctx, const struct pv_evtchn_config *cfg)
{
	if (!ctx || !cfg || !cfg->ops || !cfg->ops->upcall || !cfg->ops->wake)
		return PV_EINVAL;
	if (!cfg->domains || cfg->nr_domains == 0 || cfg->nr_domains > PV_DOMID_MAX_GUEST + 1u)
		return PV_EINVAL;
	if (cfg->nr_pirqs &&
	    (!cfg->pirqs || !cfg->ops->pirq_mask || !cfg->ops->pirq_unmask))
		return PV_EINVAL;
	if (cfg->nr_allow && !cfg->allow)
		return PV_EINVAL;
	*ctx = (struct pv_evtchn){
		.ops = cfg->ops, .cb_arg = cfg->cb_arg,
		.domains = cfg->domains, .nr_domains = cfg->nr_domains,
		.pirqs = cfg->pirqs, .nr_pirqs = cfg->nr_pirqs,
		.allow = cfg->allow, .nr_allow = cfg->nr_allow,
	};
	for (uint32_t i = 0; i < cfg->nr_domains; i++)
		cfg->domains[i] = (struct pv_evtchn_domain){ .active = false, .id = (uint16_t)i };
	for (uint32_t i = 0; i < cfg->nr_pirqs; i++)
		cfg->pirqs[i] = (struct pv_evtchn_pirq){ .owner = PV_DOMID_NONE_VALUE };
	return PV_OK;
}

enum pv_status pv_evtchn_domain_add(struct pv_evtchn *ctx, const struct pv_evtchn_domain_config *dc)
{
	uint32_t id = pv_domid_val(dc->id);
	if (id >= ctx->nr_domains)
		return PV_ESRCH;
	struct pv_evtchn_domain *d = &ctx->domains[id];
	if (d->active)
		return PV_EEXIST;
	if (dc->abi != PV_EVTCHN_ABI_2L && dc->abi != PV_EVTCHN_ABI_FIFO)
		return PV_EINVAL;
	if (!dc->ports || !dc->shared)
		return PV_EINVAL;
	uint32_t max = dc->abi == PV_EVTCHN_ABI_2L ? PV_EVTCHN_2L_MAX_PORTS : PV_EVTCHN_FIFO_MAX_PORTS;
	if (dc->nr_ports < 2 || dc->nr_ports > max)
		return PV_ERANGE;
	if (dc->nr_vcpus < 1 || dc->nr_vcpus > PV_EVTCHN_MAX_VCPUS)
		return PV_ERANGE;
	if (dc->abi == PV_EVTCHN_ABI_FIFO) {
		if (!dc->fifo_words)
			return PV_EINVAL;
		for (uint32_t v = 0; v < dc->nr_vcpus; v++) {
			if (!dc->fifo_ctrl[v])
				return PV_EINVAL;
		}
	}

	*d = (struct pv_evtchn_domain){
		.active = true,
		.abi = (uint8_t)dc->abi,
		.id = (uint16_t)id,
		.nr_ports = dc->nr_ports,
		.nr_vcpus = dc->nr_vcpus,
		.reset_next = 1,
		.virq_allow = dc->virq_allow,
		.ports = dc->ports,
		.shared = dc->shared,
		.fifo_words = dc->abi == PV_EVTCHN_ABI_FIFO ? dc->fifo_words : 0,
	};
	if (dc->abi == PV_EVTCHN_ABI_FIFO) {
		for (uint32_t v = 0; v < dc->nr_vcpus; v++)
			d->fifo_ctrl[v] = dc->fifo_ctrl[v];
	}
	for (uint32_t i = 0; i < dc->nr_ports; i++) {
		d->ports[i] = (struct pv_evtchn_port){
			.state = PV_EVTCHN_FREE,
			.prio = (uint8_t)PV_EVTCHN_FIFO_PRIORITY_DEFAULT,
			.last_prio = (uint8_t)PV_EVTCHN_FIFO_PRIORITY_DEFAULT,
			.remote_dom = PV_DOMID_NONE_VALUE,
			.ctrl = d->fifo_ctrl[0],
		};
	}
	for (uint32_t g = 0; g * FREE_G < dc->nr_ports; g++)
		grp_mark(d, g, true); /* every group has a free port (group 0: 1..) */
	pv_evtchn_deliver_init(d);
	return PV_OK;
}

/* One bounded step of a reset: see pv_evtchn_reset. */
static enum pv_status reset_step(struct pv_evtchn *ctx, struct pv_evtchn_domain *d)
{
	uint32_t i = d->reset_next;
	for (uint32_t n = 0; n < PV_EVTCHN_RESET_SLICE && d->nr_bound != 0; n++) {
		if (d->ports[i].state != PV_EVTCHN_FREE)
			port_close(ctx, d, i);
		i = i + 1u == d->nr_ports ? 1u : i + 1u;
	}
	if (d->nr_bound == 0) {
		d->reset_next = 1;
		return PV_OK;
	}
	d->reset_next = i;
	return PV_ERESTART;
}

enum pv_status pv_evtchn_reset(struct pv_evtchn *ctx, pv_domid_t dom)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	return reset_step(ctx, d);
}

enum pv_status pv_evtchn_domain_remove(struct pv_evtchn *ctx, pv_domid_t dom)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	/* One pass closes everything: at most nr_ports / SLICE + 1 steps. */
	while (reset_step(ctx, d) != PV_OK)
		;
	/* Lines routed to a dead domain go back to nobody. */
	for (uint32_t i = 0; i < ctx->nr_pirqs; i++) {
		if (ctx->pirqs[i].owner == d->id)
			ctx->pirqs[i].owner = PV_DOMID_NONE_VALUE;
	}
	*d = (struct pv_evtchn_domain){ .active = false, .id = d->id };
	return PV_OK;
}

/* ---- binding ----------------------------------------------------------- */

enum pv_status pv_evtchn_alloc_unbound(struct pv_evtchn *ctx, pv_domid_t dom,
				       pv_domid_t remote, uint32_t *port)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (!pv_domid_is_guest(remote))
		return PV_ESRCH;
	if (!policy_allows(ctx, d->id, pv_domid_val(remote)))
		return PV_EPERM;
	uint32_t p = port_find_free(d);
	if (!p)
		return PV_ENOSPC;
	port_take(d, p, PV_EVTCHN_UNBOUND, 0, pv_domid_val(remote), 0);
	*port = p;
	return PV_OK;
}

enum pv_status pv_evtchn_bind_interdomain(struct pv_evtchn *ctx, pv_domid_t dom,
					  pv_domid_t remote, uint32_t remote_port, uint32_t *port)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	/* As alloc_unbound: an id that can never be a guest is no domain;
	 * whether a guest id is registered is told only to allowed pairs. */
	if (!pv_domid_is_guest(remote))
		return PV_ESRCH;
	if (!policy_allows(ctx, d->id, pv_domid_val(remote)))
		return PV_EPERM;
	struct pv_evtchn_domain *rd;
	struct pv_evtchn_port *rp;
	enum pv_status rc = port_get(ctx, remote, remote_port, &rd, &rp);
	if (rc != PV_OK)
		return rc;
	if (rp->state != PV_EVTCHN_UNBOUND)
		return PV_EINVAL;
	if (rp->remote_dom != d->id)
		return PV_EPERM;
	uint32_t p = port_find_free(d);
	if (!p)
		return PV_ENOSPC;
	port_take(d, p, PV_EVTCHN_INTERDOMAIN, 0, rd->id, remote_port);
	rp->state = PV_EVTCHN_INTERDOMAIN;
	rp->remote_dom = d->id;
	rp->u = p;
	rp->peer = &d->ports[p];
	d->ports[p].peer = rp;
	*port = p;
	return PV_OK;
}

enum pv_status pv_evtchn_bind_virq(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t virq,
				   uint32_t vcpu, uint32_t *port)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (virq >= PV_EVTCHN_NR_VIRQS || vcpu >= d->nr_vcpus)
		return PV_ERANGE;
	if (!(d->virq_allow & (1u << virq)))
		return PV_EPERM;
	if (d->virq_port[vcpu][virq] != 0)
		return PV_EEXIST;
	uint32_t p = port_find_free(d);
	if (!p)
		return PV_ENOSPC;
	port_take(d, p, PV_EVTCHN_VIRQ, vcpu, PV_DOMID_NONE_VALUE, virq);
	d->virq_port[vcpu][virq] = p;
	*port = p;
	return PV_OK;
}

enum pv_status pv_evtchn_bind_pirq(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t pirq,
				   uint32_t *port)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (pirq >= ctx->nr_pirqs)
		return PV_ERANGE;
	struct pv_evtchn_pirq *pi = &ctx->pirqs[pirq];
	if (pi->owner != d->id)
		return PV_EPERM;
	if (pi->bound)
		return PV_EEXIST;
	uint32_t p = port_find_free(d);
	if (!p)
		return PV_ENOSPC;
	port_take(d, p, PV_EVTCHN_PIRQ, 0, PV_DOMID_NONE_VALUE, pirq);
	pi->bound = 1;
	pi->in_flight = 0;
	pi->port = p;
	ctx->ops->pirq_unmask(ctx->cb_arg, pirq);
	*port = p;
	return PV_OK;
}

enum pv_status pv_evtchn_bind_ipi(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu,
				  uint32_t *port)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (vcpu >= d->nr_vcpus)
		return PV_ERANGE;
	uint32_t p = port_find_free(d);
	if (!p)
		return PV_ENOSPC;
	port_take(d, p, PV_EVTCHN_IPI, vcpu, PV_DOMID_NONE_VALUE, 0);
	*port = p;
	return PV_OK;
}

/* ---- per-port operations ----------------------------------------------- */

enum pv_status pv_evtchn_send(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port)
{
	struct pv_evtchn_domain *d;
	struct pv_evtchn_port *p;
	enum pv_status rc = port_get(ctx, dom, port, &d, &p);
	if (rc != PV_OK)
		return rc;
	switch (p->state) {
	case PV_EVTCHN_INTERDOMAIN:
		pv_evtchn_deliver_set_pending(ctx, &ctx->domains[p->remote_dom], p->u, p->peer);
		return PV_OK;
	case PV_EVTCHN_IPI:
		pv_evtchn_deliver_set_pending(ctx, d, port, p);
		return PV_OK;
	case PV_EVTCHN_UNBOUND:
		return PV_OK;
	default:
		return PV_EINVAL;
	}
}

enum pv_status pv_evtchn_close(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port)
{
	struct pv_evtchn_domain *d;
	struct pv_evtchn_port *p;
	enum pv_status rc = port_get(ctx, dom, port, &d, &p);
	if (rc != PV_OK)
		return rc;
	port_close(ctx, d, port);
	return PV_OK;
}

enum pv_status pv_evtchn_status(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port,
				struct pv_evtchn_port_status *out)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (port == 0 || port >= d->nr_ports)
		return PV_ERANGE;
	const struct pv_evtchn_port *p = &d->ports[port];
	*out = (struct pv_evtchn_port_status){
		.state = (enum pv_evtchn_state)p->state,
		.vcpu = p->vcpu,
		.remote_dom = pv_domid_none(),
		.priority = p->prio,
	};
	switch (p->state) {
	case PV_EVTCHN_UNBOUND:
		out->remote_dom = pv_domid(p->remote_dom);
		break;
	case PV_EVTCHN_INTERDOMAIN:
		out->remote_dom = pv_domid(p->remote_dom);
		out->remote_port = p->u;
		break;
	case PV_EVTCHN_VIRQ:
		out->virq = p->u;
		break;
	case PV_EVTCHN_PIRQ:
		out->pirq = p->u;
		break;
	default:
		break;
	}
	return PV_OK;
}

enum pv_status pv_evtchn_mask(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port)
{
	struct pv_evtchn_domain *d;
	struct pv_evtchn_port *p;
	enum pv_status rc = port_get(ctx, dom, port, &d, &p);
	if (rc != PV_OK)
		return rc;
	pv_evtchn_deliver_mask(d, port);
	return PV_OK;
}

enum pv_status pv_evtchn_unmask(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port)
{
	struct pv_evtchn_domain *d;
	struct pv_evtchn_port *p;
	enum pv_status rc = port_get(ctx, dom, port, &d, &p);
	if (rc != PV_OK)
		return rc;
	pv_evtchn_deliver_unmask(ctx, d, port);
	return PV_OK;
}

enum pv_status pv_evtchn_bind_vcpu(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port,
				   uint32_t vcpu)
{
	struct pv_evtchn_domain *d;
	struct pv_evtchn_port *p;
	enum pv_status rc = port_get(ctx, dom, port, &d, &p);
	if (rc != PV_OK)
		return rc;
	if (vcpu >= d->nr_vcpus)
		return PV_ERANGE;
	if (p->state == PV_EVTCHN_VIRQ || p->state == PV_EVTCHN_IPI)
		return PV_EINVAL;
	p->vcpu = (uint8_t)vcpu;
	p->ctrl = d->fifo_ctrl[vcpu];
	return PV_OK;
}

enum pv_status pv_evtchn_set_priority(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port,
				      uint32_t priority)
{
	struct pv_evtchn_domain *d;
	struct pv_evtchn_port *p;
	enum pv_status rc = port_get(ctx, dom, port, &d, &p);
	if (rc != PV_OK)
		return rc;
	if (d->abi != PV_EVTCHN_ABI_FIFO)
		return PV_ENOSYS;
	if (priority >= PV_EVTCHN_FIFO_PRIORITIES)
		return PV_ERANGE;
	p->prio = (uint8_t)priority;
	return PV_OK;
}

/* ---- raised by the hypervisor ------------------------------------------ */

enum pv_status pv_evtchn_raise_virq(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t virq,
				    uint32_t vcpu)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (virq >= PV_EVTCHN_NR_VIRQS || vcpu >= d->nr_vcpus)
		return PV_ERANGE;
	uint32_t p = d->virq_port[vcpu][virq];
	if (!p)
		return PV_ENOENT;
	pv_evtchn_deliver_set_pending(ctx, d, p, &d->ports[p]);
	return PV_OK;
}

enum pv_status pv_evtchn_raise_pirq(struct pv_evtchn *ctx, uint32_t pirq)
{
	if (pirq >= ctx->nr_pirqs)
		return PV_ERANGE;
	struct pv_evtchn_pirq *pi = &ctx->pirqs[pirq];
	ctx->ops->pirq_mask(ctx->cb_arg, pirq);
	if (!pi->bound)
		return PV_ENOENT;
	pi->in_flight = 1;
	struct pv_evtchn_domain *d = &ctx->domains[pi->owner];
	pv_evtchn_deliver_set_pending(ctx, d, pi->port, &d->ports[pi->port]);
	return PV_OK;
}

enum pv_status pv_evtchn_pirq_eoi(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t pirq)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (pirq >= ctx->nr_pirqs)
		return PV_ERANGE;
	struct pv_evtchn_pirq *pi = &ctx->pirqs[pirq];
	if (!pi->bound || pi->owner != d->id)
		return PV_EPERM;
	if (!pi->in_flight)
		return PV_OK;
	pi->in_flight = 0;
	ctx->ops->pirq_unmask(ctx->cb_arg, pirq);
	return PV_OK;
}

enum pv_status pv_evtchn_pirq_route(struct pv_evtchn *ctx, uint32_t pirq, pv_domid_t dom)
{
	if (pirq >= ctx->nr_pirqs)
		return PV_ERANGE;
	struct pv_evtchn_pirq *pi = &ctx->pirqs[pirq];
	if (pi->bound)
		return PV_EBUSY;
	pi->owner = pv_domid_val(dom);
	return PV_OK;
}

bool pv_evtchn_vcpu_pending(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu)
{
	const struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d || vcpu >= d->nr_vcpus)
		return false;
	return sh_rd8(&d->shared->vcpu[vcpu].upcall_pending) != 0;
}

bool pv_evtchn_upcall_due(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu)
{
	const struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d || vcpu >= d->nr_vcpus)
		return false;
	const struct pv_evtchn_vcpu_info *vi = &d->shared->vcpu[vcpu];
	/* One volatile load each; the mask only when something is pending. */
	if (sh_rd8(&vi->upcall_pending) == 0)
		return false;
	return sh_rd8(&vi->upcall_mask) == 0;
}

bool pv_evtchn_upcall_masked(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu)
{
	const struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d || vcpu >= d->nr_vcpus)
		return true;
	return sh_rd8(&d->shared->vcpu[vcpu].upcall_mask) != 0;
}

enum pv_status pv_evtchn_upcall_mask_set(struct pv_evtchn *ctx, pv_domid_t dom,
					 uint32_t vcpu, bool masked)
{
	struct pv_evtchn_domain *d = dom_get(ctx, dom);
	if (!d)
		return PV_ESRCH;
	if (vcpu >= d->nr_vcpus)
		return PV_ERANGE;
	sh_wr8(&d->shared->vcpu[vcpu].upcall_mask, masked ? 1u : 0u);
	return PV_OK;
}
