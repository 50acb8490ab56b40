/* SPDX-License-Identifier: BSD-2-Clause */
/* The configuration checker: plain C, also built and unit-tested on the host. */
#include "config.h"

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

static bool overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return a < b + blen && b < a + alen;
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
	    c->nr_irqs > HV_MAX_IRQS || (c->nr_irqs && !c->irqs)) {
		put(m, "config: too many channels or IRQ routes");
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
		if ((d->mem_base & 0xFFFFFu) || d->mem_size != (1u << 20)) {
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
		if (r->line >= c->irq_lines) {
			put(m, "irq route ");
			put_u(m, i);
			put(m, ": no line ");
			put_u(m, r->line);
			return PV_ERANGE;
		}
		if (r->dom >= c->nr_doms) {
			put(m, "irq route ");
			put_u(m, i);
			put(m, " (line ");
			put_u(m, r->line);
			put(m, "): no domain ");
			put_u(m, r->dom);
			return PV_ESRCH;
		}
		for (uint32_t k = 0; k < c->nr_reserved_irqs; k++) {
			if (c->reserved_irqs[k] == r->line) {
				put(m, "irq route ");
				put_u(m, i);
				put(m, ": line ");
				put_u(m, r->line);
				put(m, " is the hypervisor's");
				return PV_EBUSY;
			}
		}
		for (uint32_t j = 0; j < i; j++) {
			if (c->irqs[j].line == r->line) {
				put(m, "irq route ");
				put_u(m, i);
				put(m, ": line ");
				put_u(m, r->line);
				put(m, " is already routed (route ");
				put_u(m, j);
				put(m, ")");
				return PV_EBUSY;
			}
		}
	}
	return 0;
}
