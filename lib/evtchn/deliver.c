/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event delivery into guest-shared memory: the 2-level bitmaps and the FIFO
 * queues (layouts in include/pvlib/abi/evtchn.h).
 *
 * Concurrency: as evtchn.c. On a uniprocessor the guest never runs while the
 * hypervisor is in here, so every read-modify-write of a shared word below
 * is atomic with respect to the guest even though it is a plain load and a
 * plain store (ARMv5 has no LDREX/STREX, and lib/ may not call the libatomic
 * helpers a compiler would emit for __atomic RMW there). An SMP port, where
 * another vcpu of the guest may run at the same time, must make each of these
 * read-modify-writes an atomic one (LDREX/STREX loops on ARMv7, ARM ARM
 * A3.4 "Synchronization and semaphores") and the FIFO tail link a
 * compare-and-swap that only succeeds while the tail is still LINKED.
 *
 * Hostile memory: no value read from the guest is used as an index or loop
 * bound. Port numbers, vcpu numbers, priorities, queue tails and the cached
 * port and control block pointers all come from private state validated when
 * it was set. The hypervisor never walks a FIFO queue: linking an event
 * touches the event's own word, the queue's tail word and the control block,
 * O(1) whatever the guest wrote. A guest that
 * corrupts its queue can only lose or repeat its own events.
 */
#include "evtchn_internal.h"

static void mark_vcpu_pending(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t vcpu)
{
	struct pv_evtchn_vcpu_info *vi = &d->shared->vcpu[vcpu];
	if (sh_rd8(&vi->upcall_pending))
		return;
	sh_wr8(&vi->upcall_pending, 1);
	pv_domid_t id = pv_domid(d->id);
	ctx->ops->wake(ctx->cb_arg, id, vcpu);
	if (!sh_rd8(&vi->upcall_mask))
		ctx->ops->upcall(ctx->cb_arg, id, vcpu);
}

/* ---- 2-level ---------------------------------------------------------- */

static void l2_deliver(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port)
{
	uint32_t w = port / PV_EVTCHN_2L_WORD_BITS;
	uint32_t bit = 1u << (port % PV_EVTCHN_2L_WORD_BITS);
	if (sh_rd32(&d->shared->mask[w]) & bit)
		return;
	uint32_t vcpu = d->ports[port].vcpu;
	uint32_t *sel = &d->shared->vcpu[vcpu].pending_sel;
	uint32_t s = sh_rd32(sel);
	uint32_t wbit = 1u << w;
	if (!(s & wbit))
		sh_wr32(sel, s | wbit);
	/* Even if the selector bit was already set, the upcall flag may not be. */
	mark_vcpu_pending(ctx, d, vcpu);
}

static void l2_set_pending(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port)
{
	uint32_t w = port / PV_EVTCHN_2L_WORD_BITS;
	uint32_t bit = 1u << (port % PV_EVTCHN_2L_WORD_BITS);
	uint32_t *pend = &d->shared->pending[w];
	uint32_t old = sh_rd32(pend);
	if (old & bit)
		return; /* already pending: a send is idempotent */
	sh_wr32(pend, old | bit);
	l2_deliver(ctx, d, port);
}

/* ---- FIFO ------------------------------------------------------------- */

/*
 * Put port on the tail of its queue. Its word, read as w, is PENDING and
 * neither MASKED nor LINKED, and is written here once: PENDING and LINKED
 * with link 0 (end of queue: the hypervisor owns the link field until the
 * guest pops the port). p is &d->ports[port]; the control block is taken
 * from its cached ctrl rather than d->fifo_ctrl[p->vcpu], a load fewer
 * before the ready word. Inline: it is the send path.
 */
static inline void fifo_link(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port,
			     struct pv_evtchn_port *p, uint32_t w)
{
	sh_wr32(&d->fifo_words[port], (w | PV_EVTCHN_FIFO_LINKED) & ~PV_EVTCHN_FIFO_LINK_MASK);

	uint32_t vcpu = p->vcpu, prio = p->prio;
	if (p->last_vcpu != vcpu || p->last_prio != prio) {
		/*
		 * The port moved queue. If it is still the recorded tail of its
		 * old queue, that queue ended with it and the guest has popped
		 * it (it was not LINKED): the old queue is empty now.
		 */
		if (d->fifo_tail[p->last_vcpu][p->last_prio] == port)
			d->fifo_tail[p->last_vcpu][p->last_prio] = 0;
		p->last_vcpu = (uint8_t)vcpu;
		p->last_prio = (uint8_t)prio;
	}

	uint32_t *tailp = &d->fifo_tail[vcpu][prio];
	uint32_t tail = *tailp;
	*tailp = port;
	if (tail != 0 && tail != port) {
		uint32_t *tw = &d->fifo_words[tail];
		uint32_t t = sh_rd32(tw);
		if (t & PV_EVTCHN_FIFO_LINKED) {
			sh_wr32(tw, (t & ~PV_EVTCHN_FIFO_LINK_MASK) | port);
			return;
		}
	}
	/* The queue was empty: port is its new head, and the queue is ready. */
	struct pv_evtchn_fifo_control *cb = p->ctrl;
	sh_wr32(&cb->head[prio], port);
	uint32_t r = sh_rd32(&cb->ready);
	uint32_t rbit = 1u << prio;
	if (!(r & rbit))
		sh_wr32(&cb->ready, r | rbit);
	mark_vcpu_pending(ctx, d, vcpu);
}

static inline void fifo_set_pending(struct pv_evtchn *ctx, struct pv_evtchn_domain *d,
				    uint32_t port, struct pv_evtchn_port *p)
{
	uint32_t *wp = &d->fifo_words[port];
	uint32_t w = sh_rd32(wp);
	if (w & PV_EVTCHN_FIFO_PENDING)
		return; /* already pending: a send is idempotent */
	w |= PV_EVTCHN_FIFO_PENDING;
	if (w & (PV_EVTCHN_FIFO_MASKED | PV_EVTCHN_FIFO_LINKED))
		sh_wr32(wp, w); /* masked, or already on a queue the guest will reach */
	else
		fifo_link(ctx, d, port, p, w);
}

/* ---- entry points ------------------------------------------------------- */

void pv_evtchn_deliver_set_pending(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port,
				   struct pv_evtchn_port *p)
{
	if (d->abi == PV_EVTCHN_ABI_FIFO)
		fifo_set_pending(ctx, d, port, p);
	else
		l2_set_pending(ctx, d, port);
}

void pv_evtchn_deliver_clear_pending(struct pv_evtchn_domain *d, uint32_t port)
{
	if (d->abi == PV_EVTCHN_ABI_FIFO) {
		uint32_t *wp = &d->fifo_words[port];
		sh_wr32(wp, sh_rd32(wp) & ~PV_EVTCHN_FIFO_PENDING);
	} else {
		uint32_t *pend = &d->shared->pending[port / PV_EVTCHN_2L_WORD_BITS];
		sh_wr32(pend, sh_rd32(pend) & ~(1u << (port % PV_EVTCHN_2L_WORD_BITS)));
	}
}

void pv_evtchn_deliver_mask(struct pv_evtchn_domain *d, uint32_t port)
{
	if (d->abi == PV_EVTCHN_ABI_FIFO) {
		uint32_t *wp = &d->fifo_words[port];
		sh_wr32(wp, sh_rd32(wp) | PV_EVTCHN_FIFO_MASKED);
	} else {
		uint32_t *m = &d->shared->mask[port / PV_EVTCHN_2L_WORD_BITS];
		sh_wr32(m, sh_rd32(m) | (1u << (port % PV_EVTCHN_2L_WORD_BITS)));
	}
}

void pv_evtchn_deliver_unmask(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port)
{
	if (d->abi == PV_EVTCHN_ABI_FIFO) {
		uint32_t *wp = &d->fifo_words[port];
		uint32_t w = sh_rd32(wp) & ~PV_EVTCHN_FIFO_MASKED;
		if ((w & (PV_EVTCHN_FIFO_PENDING | PV_EVTCHN_FIFO_LINKED)) == PV_EVTCHN_FIFO_PENDING)
			fifo_link(ctx, d, port, &d->ports[port], w);
		else
			sh_wr32(wp, w);
	} else {
		uint32_t wi = port / PV_EVTCHN_2L_WORD_BITS;
		uint32_t bit = 1u << (port % PV_EVTCHN_2L_WORD_BITS);
		uint32_t *m = &d->shared->mask[wi];
		sh_wr32(m, sh_rd32(m) & ~bit);
		if (sh_rd32(&d->shared->pending[wi]) & bit)
			l2_deliver(ctx, d, port);
	}
}

void pv_evtchn_deliver_init(struct pv_evtchn_domain *d)
{
	struct pv_evtchn_shared *sh = d->shared;
	sh_wr32(&sh->abi_version, PV_EVTCHN_ABI_VERSION);
	sh_wr32(&sh->abi, d->abi);
	sh_wr32(&sh->nr_ports, d->nr_ports);
	sh_wr32(&sh->reserved, 0);
	for (uint32_t v = 0; v < PV_EVTCHN_MAX_VCPUS; v++) {
		sh_wr8(&sh->vcpu[v].upcall_pending, 0);
		sh_wr8(&sh->vcpu[v].upcall_mask, 0);
		sh_wr32(&sh->vcpu[v].pending_sel, 0);
	}
	for (uint32_t i = 0; i < PV_EVTCHN_2L_WORDS; i++) {
		sh_wr32(&sh->pending[i], 0);
		sh_wr32(&sh->mask[i], 0);
	}
	if (d->abi != PV_EVTCHN_ABI_FIFO)
		return;
	for (uint32_t i = 0; i < d->nr_ports; i++)
		sh_wr32(&d->fifo_words[i], 0);
	for (uint32_t v = 0; v < d->nr_vcpus; v++) {
		struct pv_evtchn_fifo_control *cb = d->fifo_ctrl[v];
		sh_wr32(&cb->ready, 0);
		sh_wr32(&cb->reserved, 0);
		for (uint32_t p = 0; p < PV_EVTCHN_FIFO_PRIORITIES; p++)
			sh_wr32(&cb->head[p], 0);
	}
}
