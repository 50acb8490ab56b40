/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small hypervisor for the evtchn tests: four domain slots with their port
 * tables and "guest" shared memory, eight physical lines, and callbacks that
 * record what the module asked for.
 */
#ifndef PVLIB_TESTS_EVTCHN_FIXTURE_H
#define PVLIB_TESTS_EVTCHN_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/evtchn.h>
#include <pvlib/abi/evtchn_guest.h>

#define FX_DOMS 4u
#define FX_PORTS 1024u /* per domain (the 2-level maximum) */
#define FX_VCPUS 2u
#define FX_PIRQS 8u

struct fx {
	struct pv_evtchn ctx;
	struct pv_evtchn_config cfg; /* what ctx was set up from */
	struct pv_evtchn_domain doms[FX_DOMS];
	struct pv_evtchn_port ports[FX_DOMS][FX_PORTS];
	struct pv_evtchn_shared shared[FX_DOMS];
	uint32_t words[FX_DOMS][FX_PORTS];
	struct pv_evtchn_fifo_control ctrl[FX_DOMS][PV_EVTCHN_MAX_VCPUS];
	struct pv_evtchn_guest_fifo gst[FX_DOMS][PV_EVTCHN_MAX_VCPUS];
	struct pv_evtchn_pirq pirqs[FX_PIRQS];
	struct pv_evtchn_pair allow[8];
	/* callback record */
	unsigned upcalls[FX_DOMS][PV_EVTCHN_MAX_VCPUS];
	unsigned wakes[FX_DOMS][PV_EVTCHN_MAX_VCPUS];
	unsigned masks[FX_PIRQS], unmasks[FX_PIRQS];
	int line_masked[FX_PIRQS];
	/* guest consume record */
	uint32_t got[4096];
	unsigned ngot;
};

static inline void fx_upcall(void *arg, pv_domid_t d, uint32_t v)
{
	struct fx *f = arg;
	assert_true(pv_domid_val(d) < FX_DOMS && v < PV_EVTCHN_MAX_VCPUS);
	f->upcalls[pv_domid_val(d)][v]++;
}
static inline void fx_wake(void *arg, pv_domid_t d, uint32_t v)
{
	struct fx *f = arg;
	assert_true(pv_domid_val(d) < FX_DOMS && v < PV_EVTCHN_MAX_VCPUS);
	f->wakes[pv_domid_val(d)][v]++;
}
static inline void fx_pirq_mask(void *arg, uint32_t p)
{
	struct fx *f = arg;
	assert_true(p < FX_PIRQS);
	f->masks[p]++;
	f->line_masked[p] = 1;
}
static inline void fx_pirq_unmask(void *arg, uint32_t p)
{
	struct fx *f = arg;
	assert_true(p < FX_PIRQS);
	f->unmasks[p]++;
	f->line_masked[p] = 0;
}
static const struct pv_evtchn_ops fx_ops = {
	.upcall = fx_upcall,
	.wake = fx_wake,
	.pirq_mask = fx_pirq_mask,
	.pirq_unmask = fx_pirq_unmask,
};

static inline void fx_handler(void *arg, uint32_t port)
{
	struct fx *f = arg;
	if (f->ngot < sizeof f->got / sizeof f->got[0])
		f->got[f->ngot] = port;
	f->ngot++;
}

/* Init with policy pairs {0,1}, {1,2} and {3,3}. */
static inline void fx_init(struct fx *f)
{
	memset(f, 0, sizeof *f);
	for (unsigned i = 0; i < FX_PIRQS; i++)
		f->line_masked[i] = 1; /* lines start masked at the controller */
	f->allow[0] = (struct pv_evtchn_pair){ pv_domid(0), pv_domid(1) };
	f->allow[1] = (struct pv_evtchn_pair){ pv_domid(2), pv_domid(1) };
	f->allow[2] = (struct pv_evtchn_pair){ pv_domid(3), pv_domid(3) };
	f->cfg = (struct pv_evtchn_config){
		.ops = &fx_ops, .cb_arg = f,
		.domains = f->doms, .nr_domains = FX_DOMS,
		.pirqs = f->pirqs, .nr_pirqs = FX_PIRQS,
		.allow = f->allow, .nr_allow = 3,
	};
	assert_int_equal(pv_evtchn_init(&f->ctx, &f->cfg), PV_OK);
}

static inline struct pv_evtchn_domain_config fx_dc(struct fx *f, uint16_t id, uint32_t abi,
						   uint32_t nr_ports)
{
	struct pv_evtchn_domain_config dc = {
		.id = pv_domid(id), .abi = abi, .nr_ports = nr_ports, .nr_vcpus = FX_VCPUS,
		.virq_allow = (1u << PV_EVTCHN_VIRQ_TIMER) | (1u << PV_EVTCHN_VIRQ_CONSOLE),
		.ports = f->ports[id], .shared = &f->shared[id],
		.fifo_words = f->words[id],
	};
	for (unsigned v = 0; v < PV_EVTCHN_MAX_VCPUS; v++)
		dc.fifo_ctrl[v] = &f->ctrl[id][v];
	return dc;
}

static inline void fx_add(struct fx *f, uint16_t id, uint32_t abi, uint32_t nr_ports)
{
	struct pv_evtchn_domain_config dc = fx_dc(f, id, abi, nr_ports);
	assert_int_equal(pv_evtchn_domain_add(&f->ctx, &dc), PV_OK);
}

/* The domains most tests start from: 0 (2-level, 64 ports), 1 (FIFO, 64
 * ports) and 2 (2-level, 4 ports: small enough to fill). */
static inline void fx_add_standard(struct fx *f)
{
	fx_add(f, 0, PV_EVTCHN_ABI_2L, 64);
	fx_add(f, 1, PV_EVTCHN_ABI_FIFO, 64);
	fx_add(f, 2, PV_EVTCHN_ABI_2L, 4);
}

/*
 * What a refused request must leave as it was: the private state, the
 * memory shared with the guests (pages, FIFO words and control blocks) and
 * the callback record (no callback ran).
 */
struct fx_snap {
	struct pv_evtchn_domain doms[FX_DOMS];
	struct pv_evtchn_port ports[FX_DOMS][FX_PORTS];
	struct pv_evtchn_pirq pirqs[FX_PIRQS];
	struct pv_evtchn_shared shared[FX_DOMS];
	uint32_t words[FX_DOMS][FX_PORTS];
	struct pv_evtchn_fifo_control ctrl[FX_DOMS][PV_EVTCHN_MAX_VCPUS];
	unsigned upcalls[FX_DOMS][PV_EVTCHN_MAX_VCPUS], wakes[FX_DOMS][PV_EVTCHN_MAX_VCPUS];
	unsigned masks[FX_PIRQS], unmasks[FX_PIRQS];
};
#define FX_SNAP_FIELDS(X) X(doms) X(ports) X(pirqs) X(shared) X(words) X(ctrl) X(upcalls) \
	X(wakes) X(masks) X(unmasks)

static inline void fx_snap(struct fx_snap *s, const struct fx *f)
{
#define FX_SNAP_COPY(m) memcpy(&s->m, &f->m, sizeof s->m);
	FX_SNAP_FIELDS(FX_SNAP_COPY)
#undef FX_SNAP_COPY
}

static inline void fx_unchanged(const struct fx_snap *s, const struct fx *f)
{
#define FX_SNAP_CMP(m) assert_memory_equal(&s->m, &f->m, sizeof s->m);
	FX_SNAP_FIELDS(FX_SNAP_CMP)
#undef FX_SNAP_CMP
}

static inline void fx_audit(struct fx *f)
{
	struct pv_evtchn_audit_report flt = { .what = "" };
	enum pv_status rc = pv_evtchn_audit(&f->ctx, &flt);
	if (rc != PV_OK)
		fail_msg("audit: dom %u port %u: %s", pv_domid_val(flt.dom), flt.port, flt.what);
}

/*
 * The cmocka setup and teardown of the attack and edge tests: *f a fixture
 * with the standard domains, *saved room for a whole copy (for tests that
 * corrupt the state and restore it); teardown audits *f and frees both.
 */
static inline int fx_setup_standard(struct fx **f, struct fx **saved)
{
	*f = calloc(1, sizeof **f);
	*saved = calloc(1, sizeof **saved);
	fx_init(*f);
	fx_add_standard(*f);
	return 0;
}

static inline int fx_teardown_standard(struct fx *f, struct fx *saved)
{
	fx_audit(f);
	free(f);
	free(saved);
	return 0;
}

/* Run the guest-side consume loop of domain id, vcpu v. */
static inline uint32_t fx_consume(struct fx *f, uint16_t id, uint32_t v, uint32_t max)
{
	if (f->shared[id].abi == PV_EVTCHN_ABI_FIFO)
		return pv_evtchn_guest_fifo_consume(&f->shared[id].vcpu[v], &f->ctrl[id][v],
						    f->words[id], f->shared[id].nr_ports,
						    &f->gst[id][v], fx_handler, f, max);
	return pv_evtchn_guest_2l_consume(&f->shared[id], v, fx_handler, f, max);
}

/* Is port pending in the shared memory of domain id? */
static inline int fx_pending(struct fx *f, uint16_t id, uint32_t port)
{
	if (f->shared[id].abi == PV_EVTCHN_ABI_FIFO)
		return (f->words[id][port] & PV_EVTCHN_FIFO_PENDING) != 0;
	return (f->shared[id].pending[port / 32] >> (port % 32)) & 1u;
}

#endif
