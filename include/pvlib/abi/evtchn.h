/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Event channels: the guest-visible ABI.
 *
 * This is one of the few headers a guest includes. It fixes the layout of
 * the memory the hypervisor and a guest share for event delivery, and the
 * numbers a guest passes in event-channel hypercalls. Every layout below is
 * pinned with PV_STATIC_ASSERT; PV_EVTCHN_ABI_VERSION changes whenever any of
 * them does. The hypervisor writes the version it speaks into
 * pv_evtchn_shared.abi_version when it sets a domain up; a guest built
 * against another version must refuse to run rather than guess.
 *
 * Two delivery ABIs exist; the hypervisor picks one per domain at setup and
 * writes it into pv_evtchn_shared.abi.
 *
 *  - 2-level (PV_EVTCHN_ABI_2L): one pending bit and one mask bit per port
 *    in pv_evtchn_shared, plus a per-vcpu selector word whose bit w says
 *    "pending word w may hold an unmasked pending port". At most
 *    PV_EVTCHN_2L_MAX_PORTS ports (32 words of 32 bits).
 *
 *  - FIFO (PV_EVTCHN_ABI_FIFO): one 32-bit event word per port in an array
 *    the guest provides, and per vcpu a control block with one queue head
 *    per priority and a ready bitmap. The hypervisor links a newly pending
 *    port onto the tail of its queue; the guest pops from the head. Priority
 *    0 is the most urgent.
 *
 * In both ABIs port 0 is never a valid port (in FIFO a link of 0 ends a
 * queue), and the per-vcpu upcall_pending / upcall_mask bytes of
 * pv_evtchn_vcpu_info say whether the vcpu has events to look at and whether
 * it wants an upcall for them now.
 *
 * Ownership of each field (who may write it) is stated next to it. The
 * hypervisor treats every field as hostile input: it never uses a value read
 * from this memory as an index, and never walks a FIFO queue.
 *
 * The hypervisor looks at this memory only during hypercalls and raises; a
 * guest's own stores are not noticed. So a guest must:
 *  - unmask through the unmask hypercall: clearing a mask bit (2-level mask
 *    word, PV_EVTCHN_FIFO_MASKED) directly does not deliver an event that
 *    became pending while the port was masked;
 *  - after clearing upcall_mask, check upcall_pending itself: events that
 *    arrived meanwhile set it without an upcall, and no upcall comes while
 *    it stays set;
 *  - expect an event that is pending and LINKED when its port moves
 *    (bind_vcpu, set_priority, or the port closed and bound again before it
 *    was popped) on the queue it is on: the old vcpu's, old priority. The
 *    move applies from the next event.
 */
#ifndef PVLIB_ABI_EVTCHN_H
#define PVLIB_ABI_EVTCHN_H

#include <stddef.h>
#include <stdint.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the layouts below, in pv_evtchn_shared.abi_version. */
#define PV_EVTCHN_ABI_VERSION 1u

#define PV_EVTCHN_ABI_2L 1u /**< pv_evtchn_shared.abi: 2-level delivery */
#define PV_EVTCHN_ABI_FIFO 2u /**< pv_evtchn_shared.abi: FIFO delivery */

/** Virtual CPUs per domain the shared page has room for. */
#define PV_EVTCHN_MAX_VCPUS 8u

#define PV_EVTCHN_2L_WORD_BITS 32u /**< 2-level: bits per pending/mask word */
#define PV_EVTCHN_2L_WORDS 32u /**< 2-level: pending/mask words */
/** 2-level: most ports a domain can have. */
#define PV_EVTCHN_2L_MAX_PORTS (PV_EVTCHN_2L_WORDS * PV_EVTCHN_2L_WORD_BITS)

/* FIFO event word bits. */
#define PV_EVTCHN_FIFO_PENDING (1u << 31) /**< set by the hypervisor, cleared by the guest */
#define PV_EVTCHN_FIFO_MASKED (1u << 30)  /**< owned by the guest */
#define PV_EVTCHN_FIFO_LINKED (1u << 29)  /**< set by the hypervisor, cleared by the guest on pop */
#define PV_EVTCHN_FIFO_LINK_BITS 17u /**< FIFO: width of the link field of an event word */
/** FIFO: the link field (next port in the queue, 0 ends it). */
#define PV_EVTCHN_FIFO_LINK_MASK ((1u << PV_EVTCHN_FIFO_LINK_BITS) - 1u)
/** FIFO: most ports a domain can have. */
#define PV_EVTCHN_FIFO_MAX_PORTS (1u << PV_EVTCHN_FIFO_LINK_BITS)
#define PV_EVTCHN_FIFO_PRIORITIES 16u /**< FIFO: priority queues per vcpu (0 most urgent) */
#define PV_EVTCHN_FIFO_PRIORITY_DEFAULT 7u /**< FIFO: priority of a newly bound port */

/* Virtual interrupts (per vcpu). 3..7 are reserved; 8..15 are the author's. */
#define PV_EVTCHN_VIRQ_TIMER 0u /**< virtual interrupt: the vcpu's timer */
#define PV_EVTCHN_VIRQ_DEBUG 1u /**< virtual interrupt: debug requests */
#define PV_EVTCHN_VIRQ_CONSOLE 2u /**< virtual interrupt: console input */
/** First virtual interrupt the hypervisor author defines (8..15). */
#define PV_EVTCHN_VIRQ_USER0 8u
#define PV_EVTCHN_NR_VIRQS 16u /**< number of virtual interrupts */

/** Per-vcpu upcall state in the shared page. */
struct pv_evtchn_vcpu_info {
	uint8_t upcall_pending; /**< set by the hypervisor, cleared by the guest */
	uint8_t upcall_mask;    /**< owned by the guest: 1 = no upcalls now */
	uint8_t pad[2]; /**< zero */
	uint32_t pending_sel;   /**< 2-level selector: set by the hypervisor, cleared by the guest */
};

/** The page a domain shares with the hypervisor for event delivery. */
struct pv_evtchn_shared {
	uint32_t abi_version;  /**< written by the hypervisor at setup */
	uint32_t abi;          /**< PV_EVTCHN_ABI_2L or _FIFO, hypervisor at setup */
	uint32_t nr_ports;     /**< ports the domain has, hypervisor at setup */
	uint32_t reserved; /**< zero */
	struct pv_evtchn_vcpu_info vcpu[PV_EVTCHN_MAX_VCPUS]; /**< per-vcpu upcall state */
	uint32_t pending[PV_EVTCHN_2L_WORDS]; /**< 2-level only */
	uint32_t mask[PV_EVTCHN_2L_WORDS];    /**< 2-level only, owned by the guest */
};

/** FIFO: one per vcpu, guest memory mapped by the hypervisor. */
struct pv_evtchn_fifo_control {
	uint32_t ready;    /**< bit p: queue p was empty and got a head; hypervisor sets, guest takes */
	uint32_t reserved; /**< zero */
	uint32_t head[PV_EVTCHN_FIFO_PRIORITIES]; /**< written by the hypervisor when a queue was empty */
};

PV_STATIC_ASSERT(sizeof(struct pv_evtchn_vcpu_info) == 8, "vcpu_info size");
PV_STATIC_ASSERT(offsetof(struct pv_evtchn_vcpu_info, upcall_mask) == 1, "upcall_mask offset");
PV_STATIC_ASSERT(offsetof(struct pv_evtchn_vcpu_info, pending_sel) == 4, "pending_sel offset");
PV_STATIC_ASSERT(offsetof(struct pv_evtchn_shared, vcpu) == 16, "vcpu offset");
PV_STATIC_ASSERT(offsetof(struct pv_evtchn_shared, pending) == 80, "pending offset");
PV_STATIC_ASSERT(offsetof(struct pv_evtchn_shared, mask) == 208, "mask offset");
PV_STATIC_ASSERT(sizeof(struct pv_evtchn_shared) == 336, "shared size");
PV_STATIC_ASSERT(sizeof(struct pv_evtchn_shared) <= 4096, "shared fits one page");
PV_STATIC_ASSERT(offsetof(struct pv_evtchn_fifo_control, head) == 8, "fifo head offset");
PV_STATIC_ASSERT(sizeof(struct pv_evtchn_fifo_control) == 72, "fifo control size");
PV_STATIC_ASSERT(PV_EVTCHN_FIFO_LINK_MASK < PV_EVTCHN_FIFO_LINKED, "link bits below flags");

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_ABI_EVTCHN_H */
