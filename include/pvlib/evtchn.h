/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Event channels: ports, bindings, policy and delivery.
 *
 * Each domain has a table of ports (caller-supplied storage, a configurable
 * number of them). A port is in one state:
 *
 *   FREE        not allocated
 *   UNBOUND     allocated, waiting for one named remote domain to bind to it
 *   INTERDOMAIN connected to a port of another (or the same) domain
 *   VIRQ        receives a virtual interrupt of one vcpu (timer, console, ...)
 *   PIRQ        receives a physical interrupt line routed to this domain
 *   IPI         receives notifications the domain sends to itself
 *
 * Every bind takes the lowest FREE port of the domain, at a cost that does
 * not depend on the table size or on how the guest has filled it.
 *
 * Pending and mask state lives in memory shared with the guest
 * (include/pvlib/abi/evtchn.h): the 2-level bitmaps or the FIFO event words.
 * Everything there is re-read and treated as hostile; the hypervisor-private
 * state (this header's structs) is the only thing trusted.
 *
 * Functions taking `dom` act on behalf of that domain (a hypercall handler
 * passes the calling domain); each validates everything first and changes
 * nothing when it fails. The functions named *_raise_*, pv_evtchn_domain_*,
 * pv_evtchn_pirq_route and pv_evtchn_audit are for the hypervisor itself.
 *
 * Errors common to every function taking a domain and a port:
 *   PV_ESRCH   dom is not a registered domain
 *   PV_ERANGE  port is 0 or >= the domain's nr_ports (likewise vcpu, virq,
 *              pirq, priority out of range)
 *   PV_ENOENT  the port is FREE
 *   PV_EINVAL  the port is in a state the operation does not apply to
 *
 * The structs below are declared here only so the caller can supply their
 * storage; their fields are private to lib/evtchn.
 *
 * @par Concurrency contract
 * All hypervisor-side state is in the caller's struct pv_evtchn and the
 * domain, port and pirq storage its configuration names; the shared pages
 * are the guests'. The caller holds the context exclusively for every call:
 * pvlib is uniprocessor, so that means from the hypervisor with interrupts
 * masked. The callbacks (upcall, wake, pirq_mask, pirq_unmask) run inside
 * the call and must not re-enter the module. Shared-memory read-modify-
 * writes are plain loads and stores, atomic with respect to the guest only
 * because the guest cannot run meanwhile. An SMP port must add: a lock per
 * domain, both taken in ascending domain-id order for two-domain operations
 * (bind_interdomain, send, close of an interdomain port, reset); a pirq
 * table lock taken after the domain lock; LDREX/STREX read-modify-writes on
 * shared words; and a compare-and-swap of the FIFO tail link that succeeds
 * only while the tail is still LINKED (docs/evtchn.md, "Concurrency").
 */
#ifndef PVLIB_EVTCHN_H
#define PVLIB_EVTCHN_H

#include <stdbool.h>
#include <stdint.h>

#include <pvlib/abi/evtchn.h>
#include <pvlib/status.h>
#include <pvlib/types.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The state of a port (see the list above). */
enum pv_evtchn_state {
	PV_EVTCHN_FREE = 0,        /**< not allocated */
	PV_EVTCHN_UNBOUND = 1,     /**< waiting for one named remote domain to bind */
	PV_EVTCHN_INTERDOMAIN = 2, /**< connected to a port of another (or the same) domain */
	PV_EVTCHN_VIRQ = 3,        /**< receives a virtual interrupt of one vcpu */
	PV_EVTCHN_PIRQ = 4,        /**< receives a physical interrupt line */
	PV_EVTCHN_IPI = 5,         /**< receives notifications the domain sends itself */
};

/**
 * What the module asks of its caller. All three are called with the
 * module's context held (see lib/evtchn/evtchn.c) and must not call back
 * into the module.
 *
 * upcall: vcpu of dom now has upcall_pending set and upcall_mask clear; the
 *         port should deliver the upcall when it next returns to that vcpu.
 * wake:   vcpu of dom has events pending (called whether or not the guest
 *         masked upcalls); a scheduler that blocked the unit waiting for
 *         events makes it runnable. Harmless if the unit is not blocked.
 * pirq_mask / pirq_unmask: mask or unmask a physical interrupt line at the
 *         interrupt controller. The module masks a line when it raises it to
 *         a guest and when it is unbound, and unmasks it when it is bound and
 *         when the guest signals end-of-interrupt; so a level-triggered line
 *         is never lost and never storms. May be NULL if nr_pirqs is 0.
 */
struct pv_evtchn_ops {
	void (*upcall)(void *arg, pv_domid_t dom, uint32_t vcpu); /**< deliver an upcall to vcpu of dom */
	void (*wake)(void *arg, pv_domid_t dom, uint32_t vcpu); /**< vcpu of dom has events pending */
	void (*pirq_mask)(void *arg, uint32_t pirq); /**< mask line pirq */
	void (*pirq_unmask)(void *arg, uint32_t pirq); /**< unmask line pirq */
};

/** One allowed pair of the interdomain policy; unordered ({a,b} == {b,a}). */
struct pv_evtchn_pair {
	pv_domid_t a; /**< one domain */
	pv_domid_t b; /**< the other */
};

/** One per port, caller storage; the fields are private to lib/evtchn. */
struct pv_evtchn_port {
	/** @cond PVLIB_PRIVATE */
	uint8_t state;
	uint8_t vcpu;       /**< vcpu notified */
	uint8_t prio;       /**< FIFO priority */
	uint8_t last_vcpu;  /**< FIFO: queue the port was last linked on */
	uint8_t last_prio;
	uint8_t pad;
	uint16_t remote_dom; /**< UNBOUND: who may bind; INTERDOMAIN: peer */
	uint32_t u;          /**< INTERDOMAIN: peer port; VIRQ: virq; PIRQ: pirq */
	/**
	 * Cached for the send path, each a load fewer in its chain of dependent
	 * loads; kept equal to what they cache by every operation that changes
	 * it, and checked by pv_evtchn_audit.
	 */
	struct pv_evtchn_port *peer;         /**< INTERDOMAIN: &ports[u] of remote_dom; else NULL */
	struct pv_evtchn_fifo_control *ctrl; /**< the domain's fifo_ctrl[vcpu] (NULL on 2-level) */
	/** @endcond */};

/**
 * Free-port summary: ports in groups of PV_EVTCHN_FREE_GROUP; bit g of
 * free_grp says group g has a FREE port, bit w of free_word says word w of
 * free_grp is not zero. Sized for the largest table (FIFO).
 */
#define PV_EVTCHN_FREE_GROUP 32u /**< ports per free-summary group */
/** Words of free_grp. */
#define PV_EVTCHN_FREE_GRP_WORDS (PV_EVTCHN_FIFO_MAX_PORTS / PV_EVTCHN_FREE_GROUP / 32u)
#define PV_EVTCHN_FREE_TOP_WORDS (PV_EVTCHN_FREE_GRP_WORDS / 32u) /**< words of free_word */

/** Port slots pv_evtchn_reset examines per call. */
#define PV_EVTCHN_RESET_SLICE 128u

/**
 * One per domain slot, caller storage (see pv_evtchn_config); the fields
 * are private to lib/evtchn.
 */
struct pv_evtchn_domain {
	/** @cond PVLIB_PRIVATE */
	bool active;
	uint8_t abi;
	uint16_t id;
	uint32_t nr_ports;
	uint32_t nr_vcpus;
	uint32_t nr_bound;   /**< ports not FREE */
	uint32_t reset_next; /**< where an unfinished pv_evtchn_reset goes on */
	uint32_t virq_allow; /**< bit v: may bind virq v */
	uint32_t free_word[PV_EVTCHN_FREE_TOP_WORDS];
	uint32_t free_grp[PV_EVTCHN_FREE_GRP_WORDS];
	struct pv_evtchn_port *ports;
	struct pv_evtchn_shared *shared;
	uint32_t *fifo_words;
	struct pv_evtchn_fifo_control *fifo_ctrl[PV_EVTCHN_MAX_VCPUS];
	uint32_t fifo_tail[PV_EVTCHN_MAX_VCPUS][PV_EVTCHN_FIFO_PRIORITIES];
	uint32_t virq_port[PV_EVTCHN_MAX_VCPUS][PV_EVTCHN_NR_VIRQS];
	/** @endcond */};

/** One per physical interrupt line, caller storage; the fields are private to lib/evtchn. */
struct pv_evtchn_pirq {
	/** @cond PVLIB_PRIVATE */
	uint16_t owner;    /**< domain the line is routed to, or PV_DOMID_NONE_VALUE */
	uint8_t bound;
	uint8_t in_flight; /**< raised to the guest, line masked, awaiting EOI */
	uint32_t port;
	/** @endcond */};

/** What pv_evtchn_init() is given. */
struct pv_evtchn_config {
	const struct pv_evtchn_ops *ops; /**< the callbacks */
	void *cb_arg;                      /**< first argument of every callback */
	struct pv_evtchn_domain *domains;  /**< slot i is domain id i */
	uint32_t nr_domains; /**< domain slots at domains */
	struct pv_evtchn_pirq *pirqs;      /**< may be NULL if nr_pirqs == 0 */
	uint32_t nr_pirqs; /**< physical interrupt lines (entries at pirqs) */
	const struct pv_evtchn_pair *allow; /**< the interdomain policy */
	uint32_t nr_allow; /**< pairs at allow */
};

/**
 * An event-channel instance: storage the caller supplies, set up by
 * pv_evtchn_init() from a struct pv_evtchn_config. Its fields are private to
 * lib/evtchn: the configuration's values and the tables it names, which hold
 * the instance's state from then on.
 */
struct pv_evtchn {
	/** @cond PVLIB_PRIVATE */
	const struct pv_evtchn_ops *ops;
	void *cb_arg;
	struct pv_evtchn_domain *domains; /**< slot i is domain id i */
	uint32_t nr_domains;
	struct pv_evtchn_pirq *pirqs;
	uint32_t nr_pirqs;
	const struct pv_evtchn_pair *allow;
	uint32_t nr_allow;
	/** @endcond */};

/** Per-domain setup. */
struct pv_evtchn_domain_config {
	pv_domid_t id; /**< the domain; its slot in pv_evtchn_config.domains */
	uint32_t abi;        /**< PV_EVTCHN_ABI_2L or PV_EVTCHN_ABI_FIFO */
	uint32_t nr_ports;   /**< 2..PV_EVTCHN_2L_MAX_PORTS (2L), 2..PV_EVTCHN_FIFO_MAX_PORTS (FIFO) */
	uint32_t nr_vcpus;   /**< 1..PV_EVTCHN_MAX_VCPUS */
	uint32_t virq_allow; /**< bit v set: the domain may bind virq v */
	struct pv_evtchn_port *ports;    /**< nr_ports entries, caller storage */
	struct pv_evtchn_shared *shared; /**< the guest's shared page, as mapped by the hypervisor */
	uint32_t *fifo_words;            /**< FIFO: nr_ports event words (guest memory) */
	struct pv_evtchn_fifo_control *fifo_ctrl[PV_EVTCHN_MAX_VCPUS]; /**< FIFO: one per vcpu */
};

/** What pv_evtchn_status() reports about one port. */
struct pv_evtchn_port_status {
	enum pv_evtchn_state state; /**< the port's state */
	uint32_t vcpu; /**< the vcpu notified */
	pv_domid_t remote_dom; /**< UNBOUND, INTERDOMAIN */
	uint32_t remote_port;  /**< INTERDOMAIN */
	uint32_t virq;         /**< VIRQ */
	uint32_t pirq;         /**< PIRQ */
	uint32_t priority;     /**< FIFO priority (PV_EVTCHN_FIFO_PRIORITY_DEFAULT on 2L) */
};

/**
 * Where pv_evtchn_audit() found the first inconsistency. Laid out as every
 * module's audit report: what, then the domain, then the module's own object.
 */
struct pv_evtchn_audit_report {
	const char *what; /**< static text */
	pv_domid_t dom;   /**< the domain concerned */
	uint32_t port;    /**< the port concerned; 0 if the finding is not about one port */
};

/**
 * Initialise ctx from cfg (copied). Every domain slot and pirq entry is
 * reset. PV_EINVAL: a NULL ops/upcall/wake, no domain storage, pirqs without
 * storage or mask callbacks, a NULL allow list with nr_allow > 0, or more
 * than PV_DOMID_MAX_GUEST+1 domain slots.
 * @param ctx the instance
 * @param cfg the configuration (copied; the storage it names stays the caller's)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_init(struct pv_evtchn *ctx, const struct pv_evtchn_config *cfg);

/**
 * Register a domain. Ports start FREE; the hypervisor-written fields of the
 * shared page (and, for FIFO, every event word and control block) are
 * initialised. PV_ESRCH: id has no slot. PV_EEXIST: already registered.
 * PV_EINVAL: unknown abi, NULL storage, FIFO without its words/control
 * blocks. PV_ERANGE: nr_ports or nr_vcpus outside the bounds above.
 * @param ctx the instance
 * @param dc the domain's setup
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_domain_add(struct pv_evtchn *ctx,
				    const struct pv_evtchn_domain_config *dc);

/**
 * Hypervisor: destroy a domain's event channels: every port closed as by
 * pv_evtchn_reset (all of them in this one call: O(nr_ports), a bound the
 * hypervisor chose when it added the domain), then the slot freed.
 * PV_ESRCH if not registered.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_domain_remove(struct pv_evtchn *ctx, pv_domid_t dom);

/**
 * Allocate a port that remote may bind to. Checked in this order: PV_ESRCH
 * dom is not registered, or remote is not a guest id (it never can be a
 * domain); PV_EPERM the pair {dom, remote} is not in the policy; PV_ENOSPC
 * no free port. remote need not be registered yet. On success *port is the
 * new port, the lowest FREE one.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param remote the one domain that may bind to the port
 * @param port receives the new port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_alloc_unbound(struct pv_evtchn *ctx, pv_domid_t dom,
				       pv_domid_t remote, uint32_t *port);

/**
 * Connect a new port of dom to remote's UNBOUND remote_port. Checked in this
 * order: PV_ESRCH dom is not registered, or remote is not a guest id (as in
 * pv_evtchn_alloc_unbound); PV_EPERM the pair is not in the policy (so a
 * domain not allowed to talk to remote learns nothing about it); PV_ESRCH
 * remote is not registered; then remote_port as in the common list
 * (PV_ERANGE, PV_ENOENT), PV_EINVAL it is not UNBOUND, PV_EPERM it waits
 * for another domain; PV_ENOSPC dom has no free port. Both ends notify the
 * vcpu the port had (0 for the new one).
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param remote the domain holding the UNBOUND port
 * @param remote_port that port
 * @param port receives dom's new port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_bind_interdomain(struct pv_evtchn *ctx, pv_domid_t dom,
					  pv_domid_t remote, uint32_t remote_port, uint32_t *port);

/**
 * Bind virq on vcpu to a new port. PV_ERANGE: virq or vcpu out of range.
 * PV_EPERM: the domain may not bind this virq. PV_EEXIST: already bound on
 * that vcpu. PV_ENOSPC: no free port.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param virq the virtual interrupt (PV_EVTCHN_VIRQ_*)
 * @param vcpu a virtual CPU of dom
 * @param port receives the new port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_bind_virq(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t virq,
				   uint32_t vcpu, uint32_t *port);

/**
 * Bind the physical line pirq to a new port (notifying vcpu 0); the line is
 * unmasked. PV_ERANGE: no such line. PV_EPERM: the line is not routed to
 * dom. PV_EEXIST: already bound. PV_ENOSPC: no free port.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param pirq the physical interrupt line
 * @param port receives the new port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_bind_pirq(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t pirq,
				   uint32_t *port);

/**
 * Bind a new port for notifications to vcpu. PV_ERANGE, PV_ENOSPC.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param vcpu the vcpu to notify
 * @param port receives the new port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_bind_ipi(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu,
				  uint32_t *port);

/**
 * Notify through port: INTERDOMAIN marks the peer pending, IPI marks the
 * port itself pending. A send to a port already pending changes nothing
 * (it costs the sender a bit test). A send on an UNBOUND port (whose peer
 * has closed) is dropped and returns PV_OK, as Xen does. PV_EINVAL: VIRQ or
 * PIRQ port (the hypervisor raises those).
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param port the port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_send(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port);

/**
 * Close port. INTERDOMAIN: the peer becomes UNBOUND, waiting for dom again,
 * and keeps any event already pending on it; nothing is sent. VIRQ: the
 * virq is unbound. PIRQ: the line is masked and any in-flight EOI forgotten.
 * The closed port's pending bit is cleared, so a later port at the same
 * number starts clean.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param port the port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_close(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port);

/**
 * Describe port (a FREE port is described too: state PV_EVTCHN_FREE).
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param port the port
 * @param out receives the port's state
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_status(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port,
				struct pv_evtchn_port_status *out);

/**
 * Set port's mask bit in the shared memory. Errors: the common list.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param port the port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_mask(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port);

/**
 * Clear port's mask bit; if the port is pending, deliver it now (selector
 * and upcall for 2-level, link onto its queue for FIFO).
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param port the port
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_unmask(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port);

/**
 * Notify vcpu instead for future events on port. PV_EINVAL for VIRQ and IPI
 * ports (bound to a vcpu by definition). PV_ERANGE: vcpu out of range.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param port the port
 * @param vcpu the vcpu to notify from now on
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_bind_vcpu(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port,
				   uint32_t vcpu);

/**
 * FIFO priority of port (0 most urgent). PV_ENOSYS: the domain uses the
 * 2-level ABI. PV_ERANGE: priority >= PV_EVTCHN_FIFO_PRIORITIES.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param port the port
 * @param priority FIFO priority, 0 (most urgent) .. PV_EVTCHN_FIFO_PRIORITIES-1
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_set_priority(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t port,
				      uint32_t priority);

/**
 * Close every port of dom, as pv_evtchn_close would, in bounded steps: one
 * call examines at most PV_EVTCHN_RESET_SLICE port slots. Returns PV_OK when
 * dom has no port left that is not FREE, or PV_ERESTART when some remain:
 * call it again (a hypercall handler flagged PV_HC_F_PREEMPTIBLE returns
 * PV_ERESTART as it is, so the guest re-issues the call). An unfinished
 * reset goes on where it stopped, so ceil((nr_ports - 1) /
 * PV_EVTCHN_RESET_SLICE) calls finish it unless ports are bound meanwhile;
 * ports bound meanwhile are closed too. PV_ESRCH.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_reset(struct pv_evtchn *ctx, pv_domid_t dom);

/**
 * Hypervisor: raise virq on vcpu of dom. PV_ENOENT if not bound (nothing
 * happens); PV_ERANGE for a bad virq/vcpu.
 * @param ctx the instance
 * @param dom the domain to notify
 * @param virq the virtual interrupt (PV_EVTCHN_VIRQ_*)
 * @param vcpu its vcpu
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_raise_virq(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t virq,
				    uint32_t vcpu);

/**
 * Hypervisor (interrupt handler): the physical line pirq fired. If a domain
 * has it bound, the line is masked (pirq_mask) and stays masked until that
 * domain calls pv_evtchn_pirq_eoi; the port is marked pending. Call it
 * before signalling end-of-interrupt to the controller. PV_ENOENT: nobody
 * has it bound (the line is masked too, so an orphan level line cannot
 * storm). PV_ERANGE: no such line.
 * @param ctx the instance
 * @param pirq the physical interrupt line
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_raise_pirq(struct pv_evtchn *ctx, uint32_t pirq);

/**
 * The guest finished with pirq: unmask the line if it was raised and not yet
 * EOI'd. A second EOI does nothing. PV_EPERM: dom does not have the line
 * bound. PV_ERANGE: no such line.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param pirq the physical interrupt line
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_pirq_eoi(struct pv_evtchn *ctx, pv_domid_t dom, uint32_t pirq);

/**
 * Hypervisor policy: route line pirq to dom (or to nobody with
 * pv_domid_none()). PV_EBUSY: the line is bound by a domain. PV_ERANGE.
 * @param ctx the instance
 * @param pirq the physical interrupt line
 * @param dom the domain to route it to, or pv_domid_none() to take it back
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_pirq_route(struct pv_evtchn *ctx, uint32_t pirq, pv_domid_t dom);

/**
 * True if vcpu of dom has upcall_pending set in its shared page (a
 * scheduler checks this before blocking the unit). False for bad arguments.
 * @param ctx the instance
 * @param dom the domain the call acts for
 * @param vcpu a virtual CPU of dom
 * @return whether vcpu of dom has events pending
 */
bool pv_evtchn_vcpu_pending(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu);

/**
 * Is an upcall due for vcpu of dom: upcall_pending set and upcall_mask clear
 * in its shared page? The hypervisor asks on its way back to the guest.
 * The shared page is the guest's, which may write anything there at any
 * time: each byte is read at most once (upcall_pending first; upcall_mask
 * only if it is set), and any nonzero byte counts as set, so a value the
 * guest scribbled can only make its own upcall spurious or hold it off.
 * False for an unknown domain or vcpu.
 * @param ctx the instance
 * @param dom the domain
 * @param vcpu a virtual CPU of dom
 * @return whether an upcall is due
 */
bool pv_evtchn_upcall_due(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu);

/**
 * Is upcall_mask of vcpu of dom set in its shared page? The hypervisor asks
 * when it enters the guest's exception entry, to report the mask the
 * interrupted code ran with. The byte is read once; any nonzero value counts
 * as set (the guest owns the byte: a value it scribbled only changes what it
 * is told about itself). True (masked) for an unknown domain or vcpu, the
 * safe answer.
 * @param ctx the instance
 * @param dom the domain
 * @param vcpu a virtual CPU of dom
 * @return whether upcalls are masked
 */
bool pv_evtchn_upcall_masked(const struct pv_evtchn *ctx, pv_domid_t dom, uint32_t vcpu);

/**
 * Write upcall_mask of vcpu of dom in its shared page: 1 when the
 * hypervisor enters the guest's event or exception entry (upcalls masked
 * until it returns), 0 when it returns from there or blocks the vcpu
 * (Xen's SCHEDOP_block unmasks). Exactly one byte is written, with 0 or 1.
 * PV_ESRCH: no such domain; PV_ERANGE: no such vcpu (nothing written).
 * @param ctx the instance
 * @param dom the domain
 * @param vcpu a virtual CPU of dom
 * @param masked true to mask upcalls, false to unmask them
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_upcall_mask_set(struct pv_evtchn *ctx, pv_domid_t dom,
					 uint32_t vcpu, bool masked);

/*
 * The same three on the vcpu's upcall bytes themselves, for a hypervisor's
 * trap path that asks them on every exception and return and already
 * holds the vcpu's struct pv_evtchn_vcpu_info (in the shared page it gave
 * pv_evtchn_domain_add()): no lookup and no call. For a domain and vcpu the
 * instance knows they read and write exactly as the functions above (each
 * byte read at most once, pending first; any nonzero byte set; the mask
 * written with 0 or 1); the evtchn-upcall test compares them on every
 * pair of byte values. The caller answers for vi: it must be the vcpu's
 * own bytes in a shared page the instance still has.
 */

/**
 * pv_evtchn_upcall_due() on vi: upcall_pending set and upcall_mask clear.
 * @param vi the vcpu's upcall bytes in its shared page
 * @return whether an upcall is due
 */
static inline bool pv_evtchn_vi_upcall_due(const struct pv_evtchn_vcpu_info *vi)
{
	if (*(const volatile uint8_t *)&vi->upcall_pending == 0)
		return false;
	return *(const volatile uint8_t *)&vi->upcall_mask == 0;
}

/**
 * pv_evtchn_upcall_masked() on vi: upcall_mask set.
 * @param vi the vcpu's upcall bytes in its shared page
 * @return whether upcalls are masked
 */
static inline bool pv_evtchn_vi_upcall_masked(const struct pv_evtchn_vcpu_info *vi)
{
	return *(const volatile uint8_t *)&vi->upcall_mask != 0;
}

/**
 * pv_evtchn_upcall_mask_set() on vi: upcall_mask written with 1 or 0.
 * @param vi the vcpu's upcall bytes in its shared page
 * @param masked true to mask upcalls, false to unmask them
 */
static inline void pv_evtchn_vi_upcall_mask_set(struct pv_evtchn_vcpu_info *vi, bool masked)
{
	*(volatile uint8_t *)&vi->upcall_mask = masked ? 1u : 0u;
}

/**
 * Check every invariant of the private state: each INTERDOMAIN port's peer
 * points back at it, VIRQ/PIRQ tables and ports agree, counts match, FIFO
 * tails are in range, each port's cached peer and control block pointers
 * are what they cache. PV_OK, or PV_EINVAL with *report (if not NULL) naming
 * the first inconsistency. Reads no guest memory.
 * @param ctx the instance
 * @param report receives the first inconsistency found (may be NULL)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_evtchn_audit(const struct pv_evtchn *ctx, struct pv_evtchn_audit_report *report);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_EVTCHN_H */
