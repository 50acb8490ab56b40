/* SPDX-License-Identifier: BSD-2-Clause */
/* The configuration checker: plain C, also built and unit-tested on the host. */
#include "config.h"
#include "refhv_linux.h"

#include <pvlib/status.h>

#include "fmt.h"

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

static void put_num(struct msgbuf *m, char *b, uint32_t n)
{
	b[n] = '\0';
	put(m, b);
}

static void put_u(struct msgbuf *m, uint32_t v)
{
	char b[PORT_FMT_MAX + 1u];
	put_num(m, b, port_fmt_num(b, v, 10, false, 0, ' '));
}

static void put_x(struct msgbuf *m, uint32_t v)
{
	char b[2u + PORT_FMT_MAX + 1u] = "0x";
	put_num(m, b, 2u + port_fmt_num(b + 2, v, 16, false, 8, '0'));
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

/* ---- sections ---------------------------------------------------------
 * Each checks one part of the configuration, in the order the whole check
 * runs them, and on a refusal leaves its message in m and returns the
 * error (0: accepted). */

/* The counts and the arrays they describe, the controller, the slice. */
static int32_t check_sizes(struct msgbuf *m, const struct hv_config *c)
{
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
	return 0;
}

/* Domain i's memory: 1 MiB, aligned, in RAM, clear of the hypervisor and
 * of the domains before it. */
static int32_t check_dom_memory(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	const struct hv_dom_cfg *d = &c->doms[i];
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
	if (d->mem_base < c->ram_base || d->mem_base - c->ram_base > c->ram_size - d->mem_size ||
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
	return 0;
}

/* A command line and its NUL fit the start info's field. */
static bool cmdline_fits(const char *s)
{
	for (uint32_t n = 0; n < REFHV_CMDLINE_MAX; n++) {
		if (!s[n])
			return true;
	}
	return false;
}

/* Domain i's image, fault action, hypercalls and command line. */
static int32_t check_dom_behaviour(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	const struct hv_dom_cfg *d = &c->doms[i];
	const char *why = 0;
	int32_t rc = PV_EINVAL;
	if ((uint32_t)d->image >= HV_IMAGE_COUNT)
		why = ": no such image";
	else if (d->on_fault != HV_FAULT_STOP && d->on_fault != HV_FAULT_RESTART &&
		 d->on_fault != HV_FAULT_NOTIFY)
		why = ": unknown fault action";
	else if (hv_hypercall_count < 64u && (d->hypercalls >> hv_hypercall_count) != 0)
		why = ": allows a hypercall that does not exist";
	else if (!d->controller && (d->hypercalls & hv_controller_only_hypercalls)) {
		why = ": only the controlling domain may switch the foreground";
		rc = PV_EPERM;
	} else if (d->cmdline && !cmdline_fits(d->cmdline)) {
		why = ": command line too long (the start info holds 127 bytes)";
		rc = PV_E2BIG;
	}
	if (!why)
		return 0;
	put_dom(m, c, i);
	put(m, why);
	return rc;
}

/* Domain i's trust (rules T1-T3 of docs/threat-model.md) and scheduler
 * parameters. */
static int32_t check_dom_trust(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	const struct hv_dom_cfg *d = &c->doms[i];
	const char *why = 0;
	int32_t rc = PV_EINVAL;
	if (d->trust != HV_TRUST_NONE && d->trust != HV_TRUST_SECRET && d->trust != HV_TRUST_TCB)
		why = ": no trust level (none, secret or tcb)";
	else if (d->trust != HV_TRUST_NONE && (!d->assets || !d->assets[0]))
		why = ": is trusted, but the configuration does not say with what";
	else if (d->trust == HV_TRUST_SECRET && (d->hypercalls & hv_sharing_hypercalls)) {
		why = ": holds secrets, so it may not grant its memory";
		rc = PV_EPERM;
	} else if (d->sched_weight == 0 || d->sched_weight > 65535u || d->sched_cap > 100u)
		why = ": scheduler weight 1..65535 and cap 0..100 please";
	if (!why)
		return 0;
	put_dom(m, c, i);
	put(m, why);
	return rc;
}

/* Every domain, then at most one controlling domain, which fault action
 * "notify" needs. */
static int32_t check_domains(struct msgbuf *m, const struct hv_config *c)
{
	uint32_t controllers = 0;
	for (uint32_t i = 0; i < c->nr_doms; i++) {
		const struct hv_dom_cfg *d = &c->doms[i];
		if (!d->name || d->id != i) {
			put_dom(m, c, i);
			put(m, ": id must equal its position and it needs a name");
			return PV_EINVAL;
		}
		int32_t rc = check_dom_memory(m, c, i);
		if (rc == 0)
			rc = check_dom_behaviour(m, c, i);
		if (rc == 0)
			rc = check_dom_trust(m, c, i);
		if (rc != 0)
			return rc;
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
	return 0;
}

/* Channel i: two existing, different domains (T4: a ring is never owned
 * by a domain holding secrets), no repeat, one ring per domain. */
static int32_t check_channel(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	const struct hv_chan_cfg *ch = &c->chans[i];
	if (ch->a >= c->nr_doms || ch->b >= c->nr_doms) {
		put(m, "channel ");
		put_u(m, i);
		put(m, ": no domain ");
		put_u(m, ch->a >= c->nr_doms ? ch->a : ch->b);
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
		if (o->ring && ch->ring &&
		    (o->a == ch->a || o->b == ch->b || o->a == ch->b || o->b == ch->a)) {
			put(m, "channel ");
			put_u(m, i);
			put(m, ": a domain can have only one ring (see channel ");
			put_u(m, j);
			put(m, ")");
			return PV_EEXIST;
		}
	}
	return 0;
}

/* IRQ route i: an existing domain, and a line check_line accepts. */
static int32_t check_route(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
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
	if (rc == 0)
		unput(m, at);
	return rc;
}

/* Device i's owner (T5: a DMA-capable device only for a TCB domain). */
static int32_t check_dev_owner(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
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
	return 0;
}

/* Device i's registers: whole pages outside RAM, not the hypervisor's, not
 * another device's. */
static int32_t check_dev_registers(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	const struct hv_dev_cfg *v = &c->devs[i];
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
	return 0;
}

/* Device i: owner, registers, and its line if it has one. */
static int32_t check_device(struct msgbuf *m, const struct hv_config *c, uint32_t i)
{
	int32_t rc = check_dev_owner(m, c, i);
	if (rc == 0)
		rc = check_dev_registers(m, c, i);
	if (rc != 0 || c->devs[i].irq == HV_NO_IRQ)
		return rc;
	size_t at = m->len;
	put_dev(m, c, i);
	rc = check_line(m, c, c->devs[i].irq, c->nr_irqs, i);
	if (rc == 0)
		unput(m, at);
	return rc;
}

int32_t hv_config_check(const struct hv_config *c, char *msg, size_t msglen)
{
	char sink[1];
	struct msgbuf mb = { msg ? msg : sink, 0, msg ? msglen : 1u };
	if (mb.cap == 0) {
		mb.p = sink;
		mb.cap = 1;
	}
	mb.p[0] = '\0';

	int32_t rc = check_sizes(&mb, c);
	if (rc == 0)
		rc = check_domains(&mb, c);
	for (uint32_t i = 0; rc == 0 && i < c->nr_chans; i++)
		rc = check_channel(&mb, c, i);
	for (uint32_t i = 0; rc == 0 && i < c->nr_irqs; i++)
		rc = check_route(&mb, c, i);
	for (uint32_t i = 0; rc == 0 && i < c->nr_devs; i++)
		rc = check_device(&mb, c, i);
	return rc;
}
