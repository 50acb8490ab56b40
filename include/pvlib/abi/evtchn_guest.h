/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Event channels: the guest side of delivery, header-only and freestanding.
 *
 * A guest's upcall handler calls pv_evtchn_guest_2l_consume or
 * pv_evtchn_guest_fifo_consume for the vcpu it runs on; each hands every
 * pending, unmasked port to a handler, at most max_events per call, and
 * leaves upcall_pending set again if it stopped early so the guest comes
 * back. The hypervisor may set bits at any instant between the guest's
 * instructions (it runs on a trap), so every read-modify-write of a shared
 * word here is atomic: the GCC/Clang __atomic builtins. On ARMv7 they are
 * LDREX/STREX loops; on ARMv5 the guest toolchain must supply
 * __atomic_*_4 (e.g. with restartable sequences), as for any ARMv5 guest.
 *
 * Both loops are bounded and never trust the shared memory: a port outside
 * nr_ports or a queue link that leaves the array ends the queue.
 */
#ifndef PVLIB_ABI_EVTCHN_GUEST_H
#define PVLIB_ABI_EVTCHN_GUEST_H

#include <stdint.h>

#include <pvlib/abi/evtchn.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Called once per event handed over: arg as given to the consume call, and the port. */
typedef void pv_evtchn_guest_handler(void *arg, uint32_t port);

/**
 * 2-level. Returns the number of ports handed to handler. Takes the selector
 * word whole, then for each selected pending word hands over its pending and
 * unmasked ports, lowest first, clearing each pending bit before the call.
 * @param sh the domain's shared page
 * @param vcpu the vcpu the caller runs on
 * @param handler called once per port handed over
 * @param arg the caller's pointer, passed through
 * @param max_events the most ports handed over in this call
 * @return the number of ports handed to handler
 */
static inline uint32_t pv_evtchn_guest_2l_consume(struct pv_evtchn_shared *sh, uint32_t vcpu,
						  pv_evtchn_guest_handler *handler, void *arg,
						  uint32_t max_events)
{
	if (vcpu >= PV_EVTCHN_MAX_VCPUS)
		return 0;
	struct pv_evtchn_vcpu_info *vi = &sh->vcpu[vcpu];
	uint32_t nr_ports = __atomic_load_n(&sh->nr_ports, __ATOMIC_RELAXED);
	uint32_t done = 0;
	/*
	 * Clear the flag first; the full barrier of the exchange orders it
	 * before every read below, so an event raised after the exchange sets
	 * the flag again and is not lost.
	 */
	__atomic_store_n(&vi->upcall_pending, 0, __ATOMIC_RELAXED);
	uint32_t sel = __atomic_exchange_n(&vi->pending_sel, 0u, __ATOMIC_SEQ_CST);
	while (sel) {
		uint32_t w = (uint32_t)__builtin_ctz(sel);
		uint32_t ready = __atomic_load_n(&sh->pending[w], __ATOMIC_ACQUIRE) &
				 ~__atomic_load_n(&sh->mask[w], __ATOMIC_RELAXED);
		if (!ready) {
			sel &= ~(1u << w);
			continue;
		}
		if (done >= max_events)
			break;
		uint32_t b = (uint32_t)__builtin_ctz(ready);
		uint32_t port = w * PV_EVTCHN_2L_WORD_BITS + b;
		__atomic_fetch_and(&sh->pending[w], ~(1u << b), __ATOMIC_ACQ_REL);
		if (port != 0 && port < nr_ports) {
			handler(arg, port);
			done++;
		}
	}
	if (sel) {
		/* Stopped early: put the unfinished words back and come again. */
		__atomic_fetch_or(&vi->pending_sel, sel, __ATOMIC_ACQ_REL);
		__atomic_store_n(&vi->upcall_pending, 1, __ATOMIC_SEQ_CST);
	}
	return done;
}

/** FIFO: the guest's private per-vcpu cursor. Zero it before first use. */
struct pv_evtchn_guest_fifo {
	uint32_t ready;                           /**< queues being drained */
	uint32_t head[PV_EVTCHN_FIFO_PRIORITIES]; /**< next port per queue, 0 = read the control block */
};

/**
 * FIFO. words/nr_words: the event array as the guest registered it. Pops
 * the most urgent ready queue first. Returns the number of ports handed to
 * handler; max_events also bounds the number of queue entries visited, so a
 * queue the guest corrupted into a cycle ends the call. Not reentrant for one
 * cursor: the handler must not consume on the same vcpu (st is written back
 * when the call returns).
 * @param vi this vcpu's upcall state in the shared page
 * @param cb this vcpu's FIFO control block
 * @param words the event array as the guest registered it
 * @param nr_words its length
 * @param st this vcpu's private cursor
 * @param handler called once per port handed over
 * @param arg the caller's pointer, passed through
 * @param max_events the most ports handed over in this call
 * @return the number of ports handed to handler
 */
static inline uint32_t pv_evtchn_guest_fifo_consume(struct pv_evtchn_vcpu_info *vi,
						    struct pv_evtchn_fifo_control *cb,
						    uint32_t *words, uint32_t nr_words,
						    struct pv_evtchn_guest_fifo *st,
						    pv_evtchn_guest_handler *handler, void *arg,
						    uint32_t max_events)
{
	uint32_t done = 0, visited = 0;
	__atomic_store_n(&vi->upcall_pending, 0, __ATOMIC_RELAXED); /* ordered as in 2-level */
	/* Work on a local copy of the ready set (bits past the last priority,
	 * which only a corrupt cursor or control block holds, dropped). */
	const uint32_t all = (1u << PV_EVTCHN_FIFO_PRIORITIES) - 1u;
	uint32_t ready = (st->ready | __atomic_exchange_n(&cb->ready, 0u, __ATOMIC_SEQ_CST)) & all;
	while (ready && visited < max_events) {
		uint32_t q = (uint32_t)__builtin_ctz(ready);
		uint32_t bit = 1u << q;
		uint32_t port = st->head[q];
		if (port == 0)
			port = __atomic_load_n(&cb->head[q], __ATOMIC_ACQUIRE);
		if (port == 0 || port >= nr_words) {
			ready &= ~bit;
			st->head[q] = 0;
			continue;
		}
		visited++;
		/*
		 * Pop, in one atomic step: clear LINKED and the link, keeping the
		 * link we saw, and take the event (clear PENDING) unless masked.
		 */
		uint32_t old = __atomic_load_n(&words[port], __ATOMIC_RELAXED);
		uint32_t nw;
		do {
			nw = old & ~(PV_EVTCHN_FIFO_LINKED | PV_EVTCHN_FIFO_LINK_MASK);
			if (!(old & PV_EVTCHN_FIFO_MASKED))
				nw &= ~PV_EVTCHN_FIFO_PENDING;
		} while (!__atomic_compare_exchange_n(&words[port], &old, nw, 0, __ATOMIC_ACQ_REL,
						      __ATOMIC_RELAXED));
		uint32_t link = old & PV_EVTCHN_FIFO_LINK_MASK;
		if (!(old & PV_EVTCHN_FIFO_LINKED) || link >= nr_words)
			link = 0;
		st->head[q] = link;
		if (link == 0)
			ready &= ~bit;
		if ((old & PV_EVTCHN_FIFO_PENDING) && !(old & PV_EVTCHN_FIFO_MASKED)) {
			handler(arg, port);
			done++;
		}
		/* Queues that became ready meanwhile: look before taking. */
		if (!ready && __atomic_load_n(&cb->ready, __ATOMIC_RELAXED))
			ready = __atomic_exchange_n(&cb->ready, 0u, __ATOMIC_ACQ_REL) & all;
	}
	st->ready = ready;
	if (ready)
		__atomic_store_n(&vi->upcall_pending, 1, __ATOMIC_SEQ_CST);
	return done;
}

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_ABI_EVTCHN_GUEST_H */
