/* SPDX-License-Identifier: BSD-2-Clause */
/* The configuration checker: plain C, also built and unit-tested on the host. */
#include "config.h"
#include "refhv_linux.h"

#include <pvlib/status.h>

struct msgbuf {
	char *p;
	size_t len, cap;
};

static void put(struct msgbuf *m, const char *s)
{
	while (*s && m->len + 1 < m->cap)
		m->p[m->len++] = *s++;
	m->p[m->len] = '\0';
}

static void put_u(struct msgbuf *m, uint32_t v)
{
	char b[11];
	size_t n = sizeof b - 1;
	b[n] = '\0';
	do {
		b[--n] = (char)('0' + (int)(v % 10u));
		v /= 10u;
	} while (v);
	put(m, &b[n]);
}

static void put_x(struct msgbuf *m, uint32_t v)
{
	char b[11] = "0x";
	for (unsigned i = 0; i < 8u; i++) {
		uint32_t nib = (v >> (28u - 4u * i)) & 0xFu;
		b[2u + i] = (char)(nib < 10u ? '0' + (int)nib : 'a' + (int)nib - 10);
	}
	b[10] = '\0';
	put(m, b);
}

static void put_dom(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	put(m, "domain ");
	put_u(m, i);
	if (i < c->nr_doms && c->doms[i].name) {
		put(m, " (");
		put(m, c->doms[i].name);
		put(m, ")");
	}
}

/* [a, a+alen) and [b, b+blen) share a byte (64-bit: no wrap at 4 GiB). */
static bool overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return (uint64_t)a < (uint64_t)b + blen && (uint64_t)b < (uint64_t)a + alen;
}

static void put_dev(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	put(m, "device ");
	put_u(m, i);
	if (c->devs[i].name) {
		put(m, " (");
		put(m, c->devs[i].name);
		put(m, ")");
	}
}

static bool line_reserved(const struct hv_config *c, uint32_t line)
{
	for (uint32_t k = 0; k < c->nr_reserved_irqs; k++)
		if (c->reserved_irqs[k] == line)
			return true;
	return false;
}

/*
 * What every routed line must satisfy: a line of the controller, not one of
 * the hypervisor's, not routed already by routes [0, nr_routes) or devices
 * [0, nr_devs). On failure the reason is appended to m (the caller has put
 * the entry's name); on success m is left as it was.
 */
static int32_t check_line(struct msgbuf *m, const struct hv_config *c, uint32_t line,
			  uint32_t nr_routes, uint32_t nr_devs)
{
	if (line >= c->irq_lines) {
		put(m, ": no line ");
		put_u(m, line);
		return PV_ERANGE;
	}
	if (line_reserved(c, line)) {
		put(m, ": line ");
		put_u(m, line);
		put(m, " is the hypervisor's");
		return PV_EBUSY;
	}
	for (uint32_t j = 0; j < nr_routes + nr_devs; j++) {
		bool route = j < nr_routes;
		if ((route ? c->irqs[j].line : c->devs[j - nr_routes].irq) != line)
			continue;
		put(m, ": line ");
		put_u(m, line);
		put(m, route ? " is already routed (route " : " is already routed (device ");
		put_u(m, route ? j : j - nr_routes);
		put(m, ")");
		return PV_EBUSY;
	}
	return 0;
}

/* Take back what was put after len: a name put before a check that passed. */
static void unput(struct msgbuf *m, size_t len)
{
	m->len = len;
	m->p[len] = '\0';
}

int32_t hv_config_check(const struct hv_config *c, char *msg, size_t msglen)
{
	char sink[1];
	struct msgbuf mb = { msg ? msg : sink, 0, msg ? msglen : 1u };
	struct msgbuf *m = &mb;
	if (mb.cap == 0) {
		mb.p = sink;
		mb.cap = 1;
	}
	mb.p[0] = '\0';

	if (!c || !c->doms || c->nr_doms == 0 || c->nr_doms > HV_MAX_DOMS) {
		put(m, "config: between 1 and ");
		put_u(m, HV_MAX_DOMS);
		put(m, " domains are needed");
		return PV_EINVAL;
	}
	if (c->nr_chans > HV_MAX_CHANS || (c->nr_chans && !c->chans) ||
	    c->nr_irqs > HV_MAX_IRQS || (c->nr_irqs && !c->irqs) ||
	    c->nr_devs > HV_MAX_DEVS || (c->nr_devs && !c->devs) ||
	    (c->nr_hyp_io && !c->hyp_io)) {
		put(m, "config: too many channels, IRQ routes or devices");
		return PV_E2BIG;
	}
	if (c->irq_lines == 0 || c->irq_lines > HV_IRQ_LINES_MAX) {
		put(m, "config: the interrupt controller needs 1 to ");
		put_u(m, HV_IRQ_LINES_MAX);
		put(m, " lines");
		return PV_ERANGE;
	}
	if (c->slice_ns < 1000u || c->slice_ns > 1000000000u) {
		put(m, "config: time slice out of range (1 us .. 1 s)");
		return PV_ERANGE;
	}

	uint32_t controllers = 0;
	for (uint32_t i = 0; i < c->nr_doms; i++) {
		const struct hv_dom_cfg *d = &c->doms[i];
		if (!d->name || d->id != i) {
			put_dom(m, c, i);
			put(m, ": id must equal its position and it needs a name");
			return PV_EINVAL;
		}
		if (d->kind != HV_KIND_SMALL && d->kind != HV_KIND_LINUX) {
			put_dom(m, c, i);
			put(m, ": unknown kind");
			return PV_EINVAL;
		}
		if ((d->kind == HV_KIND_LINUX) != (d->image == HV_IMAGE_LINUX)) {
			put_dom(m, c, i);
			put(m, ": a Linux image needs the Linux kind, and only it");
			return PV_EINVAL;
		}
		if (d->kind == HV_KIND_LINUX &&
		    ((d->mem_base & 0xFFFFFu) || (d->mem_size & 0xFFFFFu) ||
		     d->mem_size < REFHV_LINUX_MEM_MIN || d->mem_size > REFHV_LINUX_MEM_MAX)) {
			put_dom(m, c, i);
			put(m, ": a Linux domain needs whole MiB from 16 to 256 at a 1 MiB boundary, not ");
			put_x(m, d->mem_size);
			put(m, " at ");
			put_x(m, d->mem_base);
			return PV_EINVAL;
		}
		if (d->kind == HV_KIND_SMALL &&
		    ((d->mem_base & 0xFFFFFu) || d->mem_size != (1u << 20))) {
			put_dom(m, c, i);
			put(m, ": memory must be 1 MiB at a 1 MiB boundary, not ");
			put_x(m, d->mem_size);
			put(m, " at ");
			put_x(m, d->mem_base);
			return PV_EINVAL;
		}
		if (d->mem_base < c->ram_base ||
		    d->mem_base - c->ram_base > c->ram_size - d->mem_size ||
		    c->ram_size < d->mem_size) {
			put_dom(m, c, i);
			put(m, ": memory at ");
			put_x(m, d->mem_base);
			put(m, " is outside RAM");
			return PV_ERANGE;
		}
		if (overlaps(d->mem_base, d->mem_size, c->hyp_base, c->hyp_size)) {
			put_dom(m, c, i);
			put(m, ": memory at ");
			put_x(m, d->mem_base);
			put(m, " overlaps the hypervisor");
			return PV_EEXIST;
		}
		for (uint32_t j = 0; j < i; j++) {
			const struct hv_dom_cfg *e = &c->doms[j];
			if (overlaps(d->mem_base, d->mem_size, e->mem_base, e->mem_size)) {
				put_dom(m, c, i);
				put(m, ": memory overlaps ");
				put_dom(m, c, j);
				return PV_EEXIST;
			}
		}
		if ((uint32_t)d->image >= HV_IMAGE_COUNT) {
			put_dom(m, c, i);
			put(m, ": no such image");
			return PV_EINVAL;
		}
		if (d->on_fault != HV_FAULT_STOP && d->on_fault != HV_FAULT_RESTART &&
		    d->on_fault != HV_FAULT_NOTIFY) {
			put_dom(m, c, i);
			put(m, ": unknown fault action");
			return PV_EINVAL;
		}
		if (hv_hypercall_count < 64u && (d->hypercalls >> hv_hypercall_count) != 0) {
			put_dom(m, c, i);
			put(m, ": allows a hypercall that does not exist");
			return PV_EINVAL;
		}
		if (!d->controller && (d->hypercalls & hv_controller_only_hypercalls)) {
			put_dom(m, c, i);
			put(m, ": only the controlling domain may switch the foreground");
			return PV_EPERM;
		}
		if (d->trust != HV_TRUST_NONE && d->trust != HV_TRUST_SECRET &&
		    d->trust != HV_TRUST_TCB) {
			put_dom(m, c, i);
			put(m, ": no trust level (none, secret or tcb)");
			return PV_EINVAL;
		}
		if (d->trust != HV_TRUST_NONE && (!d->assets || !d->assets[0])) {
			put_dom(m, c, i);
			put(m, ": is trusted, but the configuration does not say with what");
			return PV_EINVAL;
		}
		if (d->trust == HV_TRUST_SECRET && (d->hypercalls & hv_sharing_hypercalls)) {
			put_dom(m, c, i);
			put(m, ": holds secrets, so it may not grant its memory");
			return PV_EPERM;
		}
		if (d->sched_weight == 0 || d->sched_weight > 65535u || d->sched_cap > 100u) {
			put_dom(m, c, i);
			put(m, ": scheduler weight 1..65535 and cap 0..100 please");
			return PV_EINVAL;
		}
		if (d->controller)
			controllers++;
	}
	if (controllers > 1) {
		put(m, "config: more than one controlling domain");
		return PV_EEXIST;
	}
	for (uint32_t i = 0; i < c->nr_doms; i++) {
		if (c->doms[i].on_fault == HV_FAULT_NOTIFY && controllers == 0) {
			put_dom(m, c, i);
			put(m, ": fault action notify needs a controlling domain");
			return PV_ESRCH;
		}
	}

	for (uint32_t i = 0; i < c->nr_chans; i++) {
		const struct hv_chan_cfg *ch = &c->chans[i];
		uint32_t bad = ch->a >= c->nr_doms ? ch->a : ch->b;
		if (ch->a >= c->nr_doms || ch->b >= c->nr_doms) {
			put(m, "channel ");
			put_u(m, i);
			put(m, ": no domain ");
			put_u(m, bad);
			return PV_ESRCH;
		}
		if (ch->a == ch->b) {
			put(m, "channel ");
			put_u(m, i);
			put(m, ": both ends are ");
			put_dom(m, c, ch->a);
			return PV_EINVAL;
		}
		if (ch->ring && c->doms[ch->a].trust == HV_TRUST_SECRET) {
			put(m, "channel ");
			put_u(m, i);
			put(m, ": its ring page would be ");
			put_dom(m, c, ch->a);
			put(m, "'s, which holds secrets (let the other end own it)");
			return PV_EPERM;
		}
		for (uint32_t j = 0; j < i; j++) {
			const struct hv_chan_cfg *o = &c->chans[j];
			if ((o->a == ch->a && o->b == ch->b) || (o->a == ch->b && o->b == ch->a)) {
				put(m, "channel ");
				put_u(m, i);
				put(m, ": repeats channel ");
				put_u(m, j);
				return PV_EEXIST;
			}
			if (o->ring && ch->ring && (o->a == ch->a || o->b == ch->b ||
						    o->a == ch->b || o->b == ch->a)) {
				put(m, "channel ");
				put_u(m, i);
				put(m, ": a domain can have only one ring (see channel ");
				put_u(m, j);
				put(m, ")");
				return PV_EEXIST;
			}
		}
	}

	for (uint32_t i = 0; i < c->nr_irqs; i++) {
		const struct hv_irq_cfg *r = &c->irqs[i];
		if (r->dom >= c->nr_doms) {
			put(m, "irq route ");
			put_u(m, i);
			put(m, " (line ");
			put_u(m, r->line);
			put(m, "): no domain ");
			put_u(m, r->dom);
			return PV_ESRCH;
		}
		size_t at = m->len;
		put(m, "irq route ");
		put_u(m, i);
		int32_t rc = check_line(m, c, r->line, i, 0);
		if (rc != 0)
			return rc;
		unput(m, at);
	}

	for (uint32_t i = 0; i < c->nr_devs; i++) {
		const struct hv_dev_cfg *v = &c->devs[i];
		if (v->dom >= c->nr_doms) {
			put_dev(m, c, i);
			put(m, ": no domain ");
			put_u(m, v->dom);
			return PV_ESRCH;
		}
		if (v->dma && c->doms[v->dom].trust != HV_TRUST_TCB) {
			put_dev(m, c, i);
			put(m, ": can DMA to all of RAM (no IOMMU), so ");
			put_dom(m, c, v->dom);
			put(m, " would have to be trusted as tcb");
			return PV_EPERM;
		}
		if ((v->base | v->size) & 0xFFFu || v->size == 0) {
			put_dev(m, c, i);
			put(m, ": registers must be whole 4 KiB pages, not ");
			put_x(m, v->size);
			put(m, " at ");
			put_x(m, v->base);
			return PV_EALIGN;
		}
		if ((uint64_t)v->base + v->size > UINT64_C(0x100000000) ||
		    overlaps(v->base, v->size, c->ram_base, c->ram_size)) {
			put_dev(m, c, i);
			put(m, ": registers at ");
			put_x(m, v->base);
			put(m, " are not outside RAM");
			return PV_ERANGE;
		}
		for (uint32_t k = 0; k < c->nr_hyp_io; k++) {
			if (overlaps(v->base, v->size, c->hyp_io[k].base, c->hyp_io[k].size)) {
				put_dev(m, c, i);
				put(m, ": registers at ");
				put_x(m, v->base);
				put(m, " are the hypervisor's");
				return PV_EBUSY;
			}
		}
		for (uint32_t j = 0; j < i; j++) {
			if (overlaps(v->base, v->size, c->devs[j].base, c->devs[j].size)) {
				put_dev(m, c, i);
				put(m, ": registers overlap ");
				put_dev(m, c, j);
				return PV_EEXIST;
			}
		}
		if (v->irq == HV_NO_IRQ)
			continue;
		size_t at = m->len;
		put_dev(m, c, i);
		int32_t rc = check_line(m, c, v->irq, c->nr_irqs, i);
		if (rc != 0)
			return rc;
		unput(m, at);
	}
	return 0;
}
