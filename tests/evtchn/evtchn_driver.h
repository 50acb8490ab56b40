/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Drive lib/evtchn with a stream of bytes: guest hypercalls with arbitrary
 * arguments, hypervisor raises, guests scribbling on their shared memory and
 * running their consume loops, domains destroyed and re-created. After every
 * step the driver checks the module's invariants and returns a description
 * of the first violation (NULL if none). Used by the random-sequence test
 * and by the libFuzzer target; it needs no test framework.
 */
#ifndef PVLIB_TESTS_EVTCHN_DRIVER_H
#define PVLIB_TESTS_EVTCHN_DRIVER_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <pvlib/evtchn.h>
#include <pvlib/abi/evtchn_guest.h>

#define DRV_DOMS 4u
#define DRV_PORTS 200u /* not a multiple of 32: the last 2-level word is partial */
#define DRV_VCPUS 3u
#define DRV_PIRQS 6u

struct drv {
	struct pv_evtchn ctx;
	struct pv_evtchn_domain doms[DRV_DOMS];
	struct pv_evtchn_port ports[DRV_DOMS][DRV_PORTS];
	struct pv_evtchn_pirq pirqs[DRV_PIRQS];
	struct pv_evtchn_shared shared[DRV_DOMS];
	uint32_t words[DRV_DOMS][DRV_PORTS];
	struct pv_evtchn_fifo_control ctrl[DRV_DOMS][PV_EVTCHN_MAX_VCPUS];
	struct pv_evtchn_guest_fifo gst[DRV_DOMS][PV_EVTCHN_MAX_VCPUS];
	struct pv_evtchn_pair allow[4];
	int scribbled[DRV_DOMS];   /* the guest wrote its shared memory itself */
	/*
	 * The model: which ports should be pending, from the operations that
	 * succeeded. Checked against the shared memory of every domain whose
	 * guest has not scribbled on it.
	 */
	uint8_t model[DRV_DOMS][DRV_PORTS];
	int line_masked[DRV_PIRQS];
	const char *err;
	uint16_t consuming;
	unsigned consumed;
	char msg[160];
	uint8_t last_op;        /* what the last step did, for coverage counts */
	unsigned restarts;      /* resets that asked to be called again */
	enum pv_status last_rc;
	/* the input */
	const uint8_t *in;
	size_t len, pos;
};

static inline uint8_t drv_byte(struct drv *v)
{
	return v->pos < v->len ? v->in[v->pos++] : 0;
}
static inline uint32_t drv_u32(struct drv *v)
{
	uint32_t x = drv_byte(v);
	x |= (uint32_t)drv_byte(v) << 8;
	x |= (uint32_t)drv_byte(v) << 16;
	return x | (uint32_t)drv_byte(v) << 24;
}
/* Mostly a plausible port, sometimes anything. */
static inline uint32_t drv_port(struct drv *v)
{
	uint8_t b = drv_byte(v);
	if (b == 0xFF)
		return drv_u32(v);
	if (b >= 0xE0)
		return b % (DRV_PORTS + 2u);
	return b % 12u; /* ports are handed out lowest first: mostly hit bound ones */
}
/* Mostly a virq the domains may bind, sometimes one they may not or none. */
static inline uint32_t drv_virq(struct drv *v)
{
	static const uint8_t virqs[8] = { 0, 0, 2, 2, 8, 1, 15, 17 };
	return virqs[drv_byte(v) % 8u];
}
static inline uint32_t drv_vcpu(struct drv *v)
{
	return drv_byte(v) % (DRV_VCPUS + 1u);
}
/* Mostly one of three lines, sometimes another or none. */
static inline uint32_t drv_pirq(struct drv *v)
{
	uint8_t b = drv_byte(v);
	return b & 0x80 ? b % (DRV_PIRQS + 1u) : b % 3u;
}
static inline pv_domid_t drv_dom(struct drv *v)
{
	uint8_t b = drv_byte(v);
	return pv_domid(b == 0xFF ? PV_DOMID_NONE_VALUE : (uint16_t)(b % (DRV_DOMS + 1u)));
}

static inline void drv_cb_upcall(void *arg, pv_domid_t d, uint32_t vcpu)
{
	struct drv *v = arg;
	if (pv_domid_val(d) >= DRV_DOMS || vcpu >= DRV_VCPUS)
		v->err = "upcall for a bad vcpu";
	else if (!v->shared[pv_domid_val(d)].vcpu[vcpu].upcall_pending)
		v->err = "upcall without upcall_pending";
}
static inline void drv_cb_wake(void *arg, pv_domid_t d, uint32_t vcpu)
{
	struct drv *v = arg;
	if (pv_domid_val(d) >= DRV_DOMS || vcpu >= DRV_VCPUS)
		v->err = "wake for a bad vcpu";
}
static inline void drv_cb_mask(void *arg, uint32_t p)
{
	struct drv *v = arg;
	if (p >= DRV_PIRQS)
		v->err = "mask of a bad line";
	else
		v->line_masked[p] = 1;
}
static inline void drv_cb_unmask(void *arg, uint32_t p)
{
	struct drv *v = arg;
	if (p >= DRV_PIRQS)
		v->err = "unmask of a bad line";
	else
		v->line_masked[p] = 0;
}
static const struct pv_evtchn_ops drv_ops = {
	.upcall = drv_cb_upcall, .wake = drv_cb_wake,
	.pirq_mask = drv_cb_mask, .pirq_unmask = drv_cb_unmask,
};

static inline void drv_handler(void *arg, uint32_t port)
{
	struct drv *v = arg;
	uint16_t d = v->consuming;
	v->consumed++;
	if (port == 0 || port >= DRV_PORTS) {
		v->err = "consumed a port outside the table";
		return;
	}
	if (v->scribbled[d])
		return;
	if (v->ports[d][port].state == PV_EVTCHN_FREE)
		v->err = "consumed an event of a free port";
	else if (!v->model[d][port])
		v->err = "consumed an event that was not sent (or twice)";
	v->model[d][port] = 0;
}

static inline int drv_add(struct drv *v, uint16_t id, uint32_t abi)
{
	struct pv_evtchn_domain_config dc = {
		.id = pv_domid(id), .abi = abi, .nr_ports = DRV_PORTS, .nr_vcpus = DRV_VCPUS,
		.virq_allow = 0x5u | (1u << PV_EVTCHN_VIRQ_USER0),
		.ports = v->ports[id], .shared = &v->shared[id], .fifo_words = v->words[id],
	};
	for (unsigned i = 0; i < DRV_VCPUS; i++)
		dc.fifo_ctrl[i] = &v->ctrl[id][i];
	v->scribbled[id] = 0;
	memset(v->model[id], 0, sizeof v->model[id]);
	memset(v->gst[id], 0, sizeof v->gst[id]);
	return pv_evtchn_domain_add(&v->ctx, &dc);
}

/* Policy: {0,1}, {1,2}, {2,2}, {0,3}. Domains 0 and 2 use 2-level, 1 and 3 FIFO. */
static inline int drv_init(struct drv *v, const uint8_t *in, size_t len)
{
	memset(v, 0, sizeof *v);
	v->in = in;
	v->len = len;
	v->allow[0] = (struct pv_evtchn_pair){ pv_domid(0), pv_domid(1) };
	v->allow[1] = (struct pv_evtchn_pair){ pv_domid(1), pv_domid(2) };
	v->allow[2] = (struct pv_evtchn_pair){ pv_domid(2), pv_domid(2) };
	v->allow[3] = (struct pv_evtchn_pair){ pv_domid(0), pv_domid(3) };
	for (unsigned i = 0; i < DRV_PIRQS; i++)
		v->line_masked[i] = 1;
	struct pv_evtchn_config cfg = {
		.ops = &drv_ops, .cb_arg = v, .domains = v->doms, .nr_domains = DRV_DOMS,
		.pirqs = v->pirqs, .nr_pirqs = DRV_PIRQS, .allow = v->allow, .nr_allow = 4,
	};
	if (pv_evtchn_init(&v->ctx, &cfg) != PV_OK)
		return -1;
	for (uint16_t d = 0; d < DRV_DOMS; d++) {
		if (drv_add(v, d, d & 1 ? PV_EVTCHN_ABI_FIFO : PV_EVTCHN_ABI_2L) != PV_OK)
			return -1;
	}
	return 0;
}

/* The port a send on (d, p) would mark pending, from the private state. */
static inline void drv_send_target(const struct drv *v, uint16_t d, uint32_t p, uint16_t *td,
				   uint32_t *tp)
{
	if (d >= DRV_DOMS || p == 0 || p >= DRV_PORTS)
		return;
	const struct pv_evtchn_port *pp = &v->ports[d][p];
	if (pp->state == PV_EVTCHN_INTERDOMAIN) {
		*td = pp->remote_dom;
		*tp = pp->u;
	} else if (pp->state == PV_EVTCHN_IPI) {
		*td = d;
		*tp = p;
	}
}

static inline int drv_masked(const struct drv *v, unsigned d, uint32_t p)
{
	if (v->doms[d].abi == PV_EVTCHN_ABI_FIFO)
		return (v->words[d][p] & PV_EVTCHN_FIFO_MASKED) != 0;
	return (v->shared[d].mask[p / 32] >> (p % 32)) & 1u;
}

/*
 * No event is lost: unmask the masked ports of every well-behaved domain
 * (which re-raises the pending ones among them) and drain every vcpu; the
 * model must then have nothing pending. Ports that were never masked are
 * left alone, so an event the hypervisor failed to deliver when it was sent
 * stays undelivered and is reported. Returns NULL or the violation.
 */
static inline const char *drv_drain_all(struct drv *v)
{
	for (uint16_t d = 0; d < DRV_DOMS; d++) {
		if (!v->doms[d].active || v->scribbled[d])
			continue;
		for (uint32_t p = 1; p < DRV_PORTS; p++) {
			if (v->ports[d][p].state != PV_EVTCHN_FREE && drv_masked(v, d, p) &&
			    pv_evtchn_unmask(&v->ctx, pv_domid(d), p) != PV_OK)
				return "unmask of a bound port failed";
		}
		v->consuming = d;
		for (uint32_t vcpu = 0; vcpu < DRV_VCPUS; vcpu++) {
			for (int round = 0; round < 4; round++) {
				if (v->doms[d].abi == PV_EVTCHN_ABI_FIFO)
					pv_evtchn_guest_fifo_consume(&v->shared[d].vcpu[vcpu], &v->ctrl[d][vcpu],
								     v->words[d], DRV_PORTS, &v->gst[d][vcpu],
								     drv_handler, v, 1000);
				else
					pv_evtchn_guest_2l_consume(&v->shared[d], vcpu, drv_handler, v, 1000);
			}
		}
		if (v->err)
			return v->err;
		for (uint32_t p = 1; p < DRV_PORTS; p++) {
			if (v->model[d][p]) {
				snprintf(v->msg, sizeof v->msg, "dom %u port %u: event lost", d, p);
				return v->msg;
			}
		}
	}
	return NULL;
}

/* Private state, shared memory and line state, for "a refused request
 * leaves no trace". */
struct drv_snap {
	struct pv_evtchn_domain doms[DRV_DOMS];
	struct pv_evtchn_port ports[DRV_DOMS][DRV_PORTS];
	struct pv_evtchn_pirq pirqs[DRV_PIRQS];
	struct pv_evtchn_shared shared[DRV_DOMS];
	uint32_t words[DRV_DOMS][DRV_PORTS];
	struct pv_evtchn_fifo_control ctrl[DRV_DOMS][PV_EVTCHN_MAX_VCPUS];
	int line_masked[DRV_PIRQS];
};
#define DRV_SNAP_FIELDS(X) X(doms) X(ports) X(pirqs) X(shared) X(words) X(ctrl) X(line_masked)
static inline void drv_snap(const struct drv *v, struct drv_snap *s)
{
#define DRV_SNAP_COPY(f) memcpy(&s->f, &v->f, sizeof s->f);
	DRV_SNAP_FIELDS(DRV_SNAP_COPY)
}
static inline int drv_snap_same(const struct drv *v, const struct drv_snap *s)
{
	int same = 1;
#define DRV_SNAP_CMP(f) same = same && !memcmp(&s->f, &v->f, sizeof s->f);
	DRV_SNAP_FIELDS(DRV_SNAP_CMP)
	return same;
}

static inline int drv_pending(const struct drv *v, unsigned d, uint32_t p)
{
	if (v->doms[d].abi == PV_EVTCHN_ABI_FIFO)
		return (v->words[d][p] & PV_EVTCHN_FIFO_PENDING) != 0;
	return (v->shared[d].pending[p / 32] >> (p % 32)) & 1u;
}

/* Invariants beyond pv_evtchn_audit that the test can see from outside. */
static inline const char *drv_check(struct drv *v)
{
	struct pv_evtchn_audit_report f = { .what = "" };
	if (pv_evtchn_audit(&v->ctx, &f) != PV_OK) {
		snprintf(v->msg, sizeof v->msg, "audit: dom %u port %u: %s", pv_domid_val(f.dom),
			 f.port, f.what);
		return v->msg;
	}
	for (unsigned d = 0; d < DRV_DOMS; d++) {
		if (!v->doms[d].active || v->scribbled[d])
			continue;
		for (uint32_t p = 1; p < DRV_PORTS; p++) {
			if (v->ports[d][p].state == PV_EVTCHN_FREE && drv_pending(v, d, p)) {
				snprintf(v->msg, sizeof v->msg, "dom %u free port %u pending", d, p);
				return v->msg;
			}
			if (drv_pending(v, d, p) != v->model[d][p]) {
				snprintf(v->msg, sizeof v->msg, "dom %u port %u pending=%d, model says %d",
					 d, p, drv_pending(v, d, p), v->model[d][p]);
				return v->msg;
			}
		}
	}
	for (unsigned i = 0; i < DRV_PIRQS; i++) {
		const struct pv_evtchn_pirq *pi = &v->pirqs[i];
		int want_masked = !pi->bound || pi->in_flight;
		if (v->line_masked[i] != want_masked) {
			snprintf(v->msg, sizeof v->msg, "line %u masked=%d, bound=%u in_flight=%u", i,
				 v->line_masked[i], pi->bound, pi->in_flight);
			return v->msg;
		}
	}
	return NULL;
}

/* One step. Returns NULL, or the violated invariant. */
static inline const char *drv_step(struct drv *v)
{
	static struct drv_snap before; /* large: keep it off the stack */
	drv_snap(v, &before);
	/* operation kinds, weighted: binds and sends often, destruction rarely */
	static const uint8_t kinds[32] = {
		0, 0, 0, 1, 1, 1, 1, 2, 3, 4, 4, 5, 5, 5, 5, 6,
		6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 17, 18, 19, 20,
	};
	uint8_t op = kinds[drv_byte(v) % 32u];
	enum pv_status rc = PV_OK;
	uint32_t port = 0;
	pv_domid_t dom = drv_dom(v);
	uint16_t di = pv_domid_val(dom);
	uint16_t tdom = 0xFFFF; /* where a successful send/raise marks a port pending */
	uint32_t tport = 0;
	switch (op) {
	case 0: rc = pv_evtchn_alloc_unbound(&v->ctx, dom, drv_dom(v), &port); break;
	case 1: {
		pv_domid_t r = drv_dom(v);
		uint32_t rp = drv_port(v);
		rc = pv_evtchn_bind_interdomain(&v->ctx, dom, r, rp, &port);
		break;
	}
	case 2: {
		uint32_t virq = drv_virq(v);
		rc = pv_evtchn_bind_virq(&v->ctx, dom, virq, drv_vcpu(v), &port);
		break;
	}
	case 3: rc = pv_evtchn_bind_pirq(&v->ctx, dom, drv_pirq(v), &port); break;
	case 4: {
		uint32_t vcpu = drv_vcpu(v);
		rc = pv_evtchn_bind_ipi(&v->ctx, dom, vcpu, &port);
		if (rc == PV_OK && (drv_byte(v) & 0x1Fu) == 0) {
			/* now and then a burst, so tables fill up and a reset
			 * needs more than one step */
			uint32_t more;
			for (unsigned i = 0; i < 100 && pv_evtchn_bind_ipi(&v->ctx, dom, vcpu, &more) == PV_OK; i++)
				;
		}
		break;
	}
	case 5: case 19: { /* 19: the same, kept as a separate weight */
		uint32_t p = drv_port(v);
		drv_send_target(v, di, p, &tdom, &tport);
		rc = pv_evtchn_send(&v->ctx, dom, p);
		break;
	}
	case 6: {
		uint32_t p = drv_port(v);
		rc = pv_evtchn_close(&v->ctx, dom, p);
		if (rc == PV_OK)
			v->model[di][p] = 0;
		break;
	}
	case 7: rc = pv_evtchn_mask(&v->ctx, dom, drv_port(v)); break;
	case 8: rc = pv_evtchn_unmask(&v->ctx, dom, drv_port(v)); break;
	case 9: {
		uint32_t p = drv_port(v);
		rc = pv_evtchn_bind_vcpu(&v->ctx, dom, p, drv_vcpu(v));
		break;
	}
	case 10: {
		uint32_t p = drv_port(v);
		rc = pv_evtchn_set_priority(&v->ctx, dom, p, drv_byte(v) % 18u);
		break;
	}
	case 11:
		if (drv_byte(v) & 1u) {
			op = 21; /* skipped */
			break;
		}
		rc = pv_evtchn_reset(&v->ctx, dom);
		if (rc == PV_OK || rc == PV_ERESTART) {
			/* closed ports start clean; a bounded step closes some */
			for (uint32_t p = 1; p < DRV_PORTS; p++)
				if (v->ports[di][p].state == PV_EVTCHN_FREE)
					v->model[di][p] = 0;
			if (rc == PV_ERESTART && v->doms[di].nr_bound == 0)
				return "reset asked to be called again with nothing left";
			v->restarts += rc == PV_ERESTART;
			if (rc == PV_OK && v->doms[di].nr_bound != 0)
				return "reset finished with ports left";
			rc = PV_OK;
		}
		break;
	case 12: {
		uint32_t virq = drv_virq(v), vcpu = drv_vcpu(v);
		if (di < DRV_DOMS && v->doms[di].active && virq < PV_EVTCHN_NR_VIRQS &&
		    vcpu < PV_EVTCHN_MAX_VCPUS) {
			tdom = di;
			tport = v->doms[di].virq_port[vcpu][virq];
		}
		rc = pv_evtchn_raise_virq(&v->ctx, dom, virq, vcpu);
		break;
	}
	case 13: {
		uint32_t line = drv_pirq(v);
		if (line < DRV_PIRQS && v->pirqs[line].bound) {
			tdom = v->pirqs[line].owner;
			tport = v->pirqs[line].port;
		}
		rc = pv_evtchn_raise_pirq(&v->ctx, line);
		break;
	}
	case 14: rc = pv_evtchn_pirq_eoi(&v->ctx, dom, drv_pirq(v)); break;
	case 15:
		if (drv_byte(v) & 1u) {
			op = 21; /* skipped */
			break;
		}
		rc = pv_evtchn_pirq_route(&v->ctx, drv_pirq(v), dom);
		break;
	case 16: { /* the guest writes its own shared memory */
		if (di >= DRV_DOMS)
			break;
		uint32_t where = drv_u32(v), val = drv_u32(v);
		v->scribbled[di] = 1;
		switch (where % 4u) {
		case 0: v->words[di][(where >> 2) % DRV_PORTS] = val; break;
		case 1: v->ctrl[di][(where >> 2) % DRV_VCPUS].head[(where >> 8) % 16u] = val; break;
		case 2: ((uint32_t *)&v->shared[di])[(where >> 2) % (sizeof v->shared[di] / 4u)] = val; break;
		default: v->ctrl[di][(where >> 2) % DRV_VCPUS].ready = val; break;
		}
		break;
	}
	case 17: { /* the guest runs its upcall handler */
		if (di >= DRV_DOMS || !v->doms[di].active)
			break;
		uint32_t vcpu = drv_byte(v) % DRV_VCPUS, max = 1u + drv_byte(v) % 64u;
		v->consuming = di;
		v->consumed = 0;
		uint32_t n;
		if (v->doms[di].abi == PV_EVTCHN_ABI_FIFO)
			n = pv_evtchn_guest_fifo_consume(&v->shared[di].vcpu[vcpu], &v->ctrl[di][vcpu],
							 v->words[di], DRV_PORTS, &v->gst[di][vcpu],
							 drv_handler, v, max);
		else
			n = pv_evtchn_guest_2l_consume(&v->shared[di], vcpu, drv_handler, v, max);
		if (n != v->consumed || n > max)
			return "consume count wrong";
		break;
	}
	case 18: { /* the domain is destroyed and built again, maybe with the other ABI */
		if (drv_byte(v) & 3u) {
			op = 21; /* skipped */
			break;
		}
		rc = pv_evtchn_domain_remove(&v->ctx, dom);
		if (rc == PV_OK && drv_add(v, di, drv_byte(v) & 1 ? PV_EVTCHN_ABI_FIFO : PV_EVTCHN_ABI_2L) != PV_OK)
			return "re-adding a removed domain failed";
		break;
	}
	default: {
		struct pv_evtchn_port_status s;
		rc = pv_evtchn_status(&v->ctx, dom, drv_port(v), &s);
		break;
	}
	}
	v->last_op = op;
	v->last_rc = rc;
	if (rc == PV_OK && tport != 0 && tdom < DRV_DOMS)
		v->model[tdom][tport] = 1;
	if (v->err)
		return v->err;
	if (rc > 0 || rc < PV_STATUS_MIN)
		return "status out of range";
	if (rc != PV_OK && !drv_snap_same(v, &before)) {
		snprintf(v->msg, sizeof v->msg, "op %u refused with %d but changed state", op, rc);
		return v->msg;
	}
	if (rc == PV_OK && port != 0 && (di >= DRV_DOMS || port >= DRV_PORTS ||
					 v->ports[di][port].state == PV_EVTCHN_FREE))
		return "a bind returned a port that is not in use";
	return drv_check(v);
}

#endif
