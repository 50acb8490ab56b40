/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * lib/hypercall: hypercall dispatch.
 *
 * The hypervisor author defines the hypercalls as a const table indexed by
 * hypercall number, so it lives in read-only memory and dispatch is a bounds
 * check and one load: a memory-corruption bug elsewhere cannot redirect it.
 *
 *     static const struct pv_hc_entry table[] = {
 *         [MY_HC_CONSOLE] = { MY_HC_CONSOLE, 2, 0, "console_write", hc_console },
 *         [MY_HC_MMU]     = { MY_HC_MMU, 3, PV_HC_F_PREEMPTIBLE, "mmu_update", hc_mmu },
 *         [MY_HC_MULTI]   = { MY_HC_MULTI, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL,
 *                             "multicall", pv_hc_multicall },
 *     };
 *
 * pv_hc_init() checks the table once. From then on, for every hypercall trap
 * the port calls pv_hc_dispatch() with the trap frame, which
 *   1. looks the number up (unknown -> PV_ENOSYS, no handler runs),
 *   2. checks the calling domain's permission set (denied -> PV_EPERM, no
 *      handler runs),
 *   3. calls the handler with a copy of r0..r4,
 *   4. writes the result to r0, or, when a preemptible handler asks to be
 *      continued, writes its updated arguments back to r0..r4 and winds the
 *      guest pc back so the same SVC is executed again; a handler whose
 *      entry has PV_HC_F_OWNS_FRAME (a return from a virtual exception,
 *      which replaces every register) writes the frame itself and r0 is
 *      left as it wrote it.
 *
 * @par Concurrency contract
 * All state is in the caller's struct pv_hc and the arrays its
 * configuration names (statistics, permission sets); the handler table is
 * const and never written. pvlib is uniprocessor: the caller holds the
 * instance exclusively for every call (interrupts that may enter pvlib
 * masked, or the one trap path), so no two calls on one instance overlap.
 * Handlers, the access function and the sync function run inside the call,
 * with that context still held; they may call the copy helpers of the same
 * instance but must not call pv_hc_init(), pv_hc_perm_set() or
 * pv_hc_dispatch() (a trap's handler is given the instance's own
 * struct pv_hc_call, which a nested dispatch would overwrite), and may
 * change only the args of the call they are given. Different
 * instances share nothing. An SMP port must add: per-CPU (or atomic)
 * statistics and refusal counters, a lock (or a read-copy-update of the
 * permission word) so pv_hc_perm_set() never races dispatch, and its own
 * locking inside handlers for whatever module state they reach.
 */
#ifndef PVLIB_HYPERCALL_H
#define PVLIB_HYPERCALL_H

#include <stdbool.h>
#include <stdint.h>

#include <pvlib/abi/hypercall.h>
#include <pvlib/status.h>
#include <pvlib/trap.h>
#include <pvlib/types.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Hypercall numbers are 0 .. PV_HC_NR_LIMIT-1 (one 64-bit permission word). */
#define PV_HC_NR_LIMIT 64u

/**
 * The largest multicall_max pv_hc_init() accepts: 1024 entries, a 32 KiB
 * array (the same bound as PV_MMU_UPDATE_MAX). It keeps every size computed
 * from a guest's entry count far from 32-bit overflow and a batch's total
 * work (entries times the slowest handler) bounded by the configuration.
 */
#define PV_HC_MULTICALL_MAX 1024u

/** Entry flags. */
#define PV_HC_F_PREEMPTIBLE (1u << 0)  /**< handler may return PV_ERESTART */
#define PV_HC_F_NO_MULTICALL (1u << 1) /**< refused inside a multicall batch */
/**
 * The handler owns the trap frame: it gets it in pv_hc_call::frame, may
 * rewrite every register of it (an iret replaces the whole frame), and the
 * dispatcher does not store its result in r0. Such an entry must also be
 * PV_HC_F_NO_MULTICALL and must not be PV_HC_F_PREEMPTIBLE (pv_hc_init()
 * refuses it otherwise): a multicall entry has no frame, and a continuation
 * would wind back a pc the handler has replaced. Refusals before the handler
 * (PV_ENOSYS, PV_EPERM) are still written to r0 like any other's.
 */
#define PV_HC_F_OWNS_FRAME (1u << 2)
/** every valid flag */
#define PV_HC_F_ALL (PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL | PV_HC_F_OWNS_FRAME)

struct pv_hc;

/** One hypercall as a handler sees it. */
struct pv_hc_call {
	struct pv_hc *hc;                 /**< the dispatcher (for nested helpers) */
	void *user;                       /**< the caller's pointer from pv_hc_config */
	pv_domid_t dom;                   /**< the calling domain */
	uint32_t nr;                      /**< the hypercall number */
	uint32_t args[PV_HC_MAX_ARGS];    /**< r0..r4; args past the arity are 0 */
	/** The trap frame, for an entry with PV_HC_F_OWNS_FRAME called through
	 *  pv_hc_dispatch(); NULL for every other handler. */
	struct pv_trap_frame *frame;
};

/**
 * A handler returns a value >= 0 (success, passed to the guest in r0), a
 * negative pv_status (passed to the guest), or, only if its entry has
 * PV_HC_F_PREEMPTIBLE, PV_ERESTART after updating call->args so that the
 * re-issued call carries on where this one stopped. A handler must never
 * return PV_ERESTART without having made progress.
 *
 * Continuation arguments are guest-controlled. On a re-issue they come back
 * from r0..r4, which the guest can change before it executes the SVC again;
 * inside a multicall they are written back into the entry, which is guest
 * memory. The hypervisor keeps no copy. A preemptible handler must therefore
 * validate the arguments of every round exactly as it does those of the
 * first (a "progress" value may be any number, a pointer any address), and
 * must never trust that they are the ones it wrote.
 */
typedef int32_t pv_hc_handler(struct pv_hc_call *call);

/** One hypercall of the author's const table. */
struct pv_hc_entry {
	uint32_t nr;            /**< must equal the entry's index in the table */
	uint8_t arity;          /**< 0..PV_HC_MAX_ARGS */
	uint8_t flags;          /**< PV_HC_F_* */
	const char *name;       /**< for logs and statistics; not NULL */
	pv_hc_handler *handler; /**< NULL marks an unused slot */
};

/** Per-hypercall statistics (caller-supplied storage, one per table slot). */
struct pv_hc_stats {
	uint64_t calls;    /**< times the handler was entered (rounds included) */
	uint64_t errors;   /**< handler results < 0 (refusals before the handler
			      are counted in struct pv_hc, not here) */
	uint64_t restarts; /**< times the handler asked to be re-issued */
};

/** Which hypercalls one domain may make: bit n of the mask allows number n. */
struct pv_hc_perm {
	uint64_t allow; /**< bit n allows hypercall number n */
};

/**
 * The access check behind the guest-memory helpers. The hypervisor decides
 * whether domain dom may read (write == false) or write len bytes at guest
 * address va, which never crosses a 4 KiB page boundary here. On success it
 * returns PV_OK and a hypervisor pointer to those bytes; otherwise a
 * pv_status error (normally PV_EFAULT), which the helper passes on.
 * @param user the caller's pointer from pv_hc_config
 * @param dom the domain whose memory it is
 * @param va the guest virtual address
 * @param len the length in bytes (within one 4 KiB page)
 * @param write whether the helper will write the bytes
 * @param host receives the hypervisor's pointer to the bytes
 * @return PV_OK, or the error the helper passes on
 */
typedef enum pv_status pv_hc_access_fn(void *user, pv_domid_t dom, pv_gvaddr_t va,
				       uint32_t len, bool write, uint8_t **host);

/** When the copy helpers call the sync function, for one page-sized piece. */
enum pv_hc_sync_op {
	PV_HC_SYNC_BEFORE = 1,      /**< the hypervisor is about to read or write it */
	PV_HC_SYNC_AFTER_WRITE = 2, /**< the hypervisor has written it */
};

/**
 * Optional: keep the hypervisor's pointer to guest memory (host, what the
 * access function returned) coherent with the guest's own mapping of the
 * same bytes (guest address va, in dom's address space, which is the one
 * loaded while dom's hypercall runs). A port whose caches are virtually
 * tagged (ARMv5) needs it: the two are different virtual aliases of one
 * frame. Called for every piece of a copy, after the whole range has been
 * checked: PV_HC_SYNC_BEFORE on each piece before any byte moves, and
 * PV_HC_SYNC_AFTER_WRITE on each piece once copy_to_guest has written it.
 * It cannot fail.
 */
typedef void pv_hc_sync_fn(void *user, pv_domid_t dom, pv_gvaddr_t va, uint8_t *host,
			   uint32_t len, enum pv_hc_sync_op op);

/** What pv_hc_init() is given. */
struct pv_hc_config {
	const struct pv_hc_entry *table; /**< indexed by hypercall number */
	uint32_t table_len;              /**< 1 .. PV_HC_NR_LIMIT */
	struct pv_hc_stats *stats;       /**< table_len entries, zeroed by init */
	struct pv_hc_perm *perms;        /**< one per domain id, 0 .. nr_domains-1 */
	uint32_t nr_domains;             /**< domain ids 0 .. nr_domains-1;
					    1 .. PV_DOMID_MAX_GUEST+1 */
	pv_hc_access_fn *access;         /**< guest memory check; may be NULL if no
					    handler copies guest memory */
	pv_hc_sync_fn *sync;             /**< cache coherence of the copies; NULL:
					    none needed (physically tagged caches) */
	void *user;                      /**< passed to handlers, access and sync */
	uint32_t guest_va_limit;         /**< guest ranges must end at or below this
					    (the hypervisor's reserved range
					    starts here); 0 means 4 GiB */
	uint32_t multicall_max;          /**< most entries one multicall may name;
					    <= PV_HC_MULTICALL_MAX */
	uint32_t multicall_slice;        /**< entries per round before the
					    multicall is re-issued; >= 1 */
};

/**
 * A hypercall dispatcher instance: storage the caller supplies, set up by
 * pv_hc_init() from a struct pv_hc_config. The configuration's values and
 * the tables it names (statistics, permission sets), which hold the
 * instance's state from then on, are private to lib/hypercall: use the
 * functions. The refusal counters are the caller's to read.
 */
struct pv_hc {
	/** @cond PVLIB_PRIVATE */
	const struct pv_hc_entry *table;
	uint32_t table_len;
	struct pv_hc_stats *stats;
	struct pv_hc_perm *perms;
	uint32_t nr_domains;
	pv_hc_access_fn *access;
	pv_hc_sync_fn *sync;
	void *user;
	uint32_t guest_va_limit;
	uint32_t multicall_max;
	uint32_t multicall_slice;
	struct pv_hc_call call; /* what pv_hc_dispatch() hands a handler: hc,
				   user and a NULL frame set once by
				   pv_hc_init() */
	/** @endcond */
	uint64_t unknown;      /**< calls refused with PV_ENOSYS */
	uint64_t denied;       /**< calls refused with PV_EPERM */
	uint64_t unbatchable;  /**< refused for where they were made: a PV_HC_F_NO_MULTICALL
				  entry in a multicall, a PV_HC_F_OWNS_FRAME entry
				  through pv_hc_invoke() */
};

/**
 * Check the configuration and table once and make hc ready. Every
 * permission set starts empty (a domain may make no hypercall until
 * pv_hc_perm_set() allows it) and every counter at 0. Errors:
 *   PV_EINVAL  a NULL pointer, a zero or too long table, nr_domains out of
 *              range, multicall_slice 0, multicall_max over
 *              PV_HC_MULTICALL_MAX, or the entry at index *bad_index is
 *              malformed: no name, arity > PV_HC_MAX_ARGS, unknown flags,
 *              PV_HC_F_OWNS_FRAME without PV_HC_F_NO_MULTICALL or with
 *              PV_HC_F_PREEMPTIBLE, or nr not equal to its index;
 *   PV_EEXIST  two entries claim the same number (*bad_index: the second).
 * bad_index may be NULL; it is set to UINT32_MAX for errors not tied to
 * an entry. On error hc is left unusable.
 * @param hc the instance
 * @param cfg the configuration (copied; the tables it names stay the caller's)
 * @param bad_index receives the offending entry's index, or UINT32_MAX (may be NULL)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_hc_init(struct pv_hc *hc, const struct pv_hc_config *cfg, uint32_t *bad_index);

/**
 * Replace domain dom's permission set. Bits for numbers with no handler are
 * refused (PV_EINVAL) so a typo in a configuration shows up at boot.
 * PV_ESRCH if dom is not below nr_domains.
 * @param hc the instance
 * @param dom the domain the call acts for
 * @param perm the new permission set
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_hc_perm_set(struct pv_hc *hc, pv_domid_t dom, struct pv_hc_perm perm);

/**
 * Domain dom's permission set (empty for an unknown domain).
 * @param hc the instance
 * @param dom the domain the call acts for
 * @return the permission set
 */
struct pv_hc_perm pv_hc_perm_get(const struct pv_hc *hc, pv_domid_t dom);

/**
 * Dispatch the hypercall in tf, made by domain dom. Reads r12 (number) and
 * r0..r4, writes r0 and, on a continuation, r0..r4 and pc. Returns the value
 * written to r0, or PV_ERESTART when the hypercall will be re-issued (the
 * caller may take that chance to reschedule). A domain id not below nr_domains
 * gets PV_EPERM. For an entry with PV_HC_F_OWNS_FRAME whose handler ran,
 * the handler has written tf itself: the return value is the handler's
 * result and r0 is whatever the handler left there.
 * @param hc the instance
 * @param dom the calling domain
 * @param tf its trap frame (r12, r0..r4 read; r0, r0..r4 and pc written)
 * @return the value written to r0 (or the frame-owning handler's result), or PV_ERESTART
 */
int32_t pv_hc_dispatch(struct pv_hc *hc, pv_domid_t dom, struct pv_trap_frame *tf);

/**
 * The same as a handler call, without a trap frame: run hypercall nr for dom
 * with the given arguments (updated in place on PV_ERESTART). Used by
 * multicall and by hypervisors that take arguments from elsewhere.
 * @param hc the instance
 * @param dom the domain the call acts for
 * @param nr the hypercall number
 * @param args the arguments, updated in place on PV_ERESTART
 * @param in_multicall whether the call comes from a multicall entry
 * An entry with PV_HC_F_OWNS_FRAME has no frame here: PV_EINVAL, counted
 * in unbatchable, before its handler.
 * @return the handler's result, or PV_ENOSYS, PV_EPERM, PV_EINVAL
 */
int32_t pv_hc_invoke(struct pv_hc *hc, pv_domid_t dom, uint32_t nr,
		     uint32_t args[PV_HC_MAX_ARGS], bool in_multicall);

/**
 * The multicall handler, for the author to place in the table with arity 2
 * and flags PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL. args[0] is the guest
 * address of the entries, args[1] their number. Errors for the whole batch,
 * before any entry of it runs:
 *   PV_E2BIG      more than multicall_max entries;
 *   PV_EALIGN     the array is not 4-byte aligned;
 *   PV_EOVERFLOW  the array wraps around 4 GiB;
 *   PV_EFAULT     the array reaches guest_va_limit.
 * Each round (at most multicall_slice entries) first checks that its own
 * entries are readable and writable (the access function's error, e.g.
 * PV_EFAULT or PV_EACCES, before any entry of the round runs); later
 * entries are checked by their own round. Each entry gets its own result:
 * the handler's, PV_ENOSYS, PV_EPERM, or PV_EINVAL for a nonzero reserved
 * word or a hypercall that may not be batched. Every multicall_slice
 * entries, or when an entry's own handler asks to continue, the multicall
 * returns PV_ERESTART with its arguments moved past the finished entries.
 * Returns PV_OK once every entry has its result. If a round's entries are
 * not accessible (the guest changed its mappings between rounds, or never
 * mapped the tail of the array), the batch ends with that error; entries
 * already done keep their results. The re-issued arguments are the guest's
 * (see pv_hc_handler) and are checked again every round.
 * @param call the hypercall as the handler sees it
 * @return PV_OK once every entry has its result, PV_ERESTART to continue, or an error for the batch
 */
int32_t pv_hc_multicall(struct pv_hc_call *call);

/**
 * Copy len bytes between hypervisor memory and guest address va of dom.
 * align constrains the guest address only: len is any byte count (a 6-byte
 * record at a 4-byte aligned address is fine) and exactly len bytes move.
 * The whole range is checked before a single byte moves:
 *   PV_EINVAL     align is not a power of two;
 *   PV_EALIGN     va is not a multiple of align;
 *   PV_E2BIG      len > PV_HC_COPY_MAX;
 *   PV_EOVERFLOW  va + len wraps around 4 GiB;
 *   PV_EFAULT     the range reaches guest_va_limit, or no access function
 *                 was configured;
 *   any error of the access function, for any page of the range.
 * len 0 is PV_OK and touches nothing.
 */
#define PV_HC_COPY_MAX (64u * 1024u) /**< most bytes one copy helper call moves */

/**
 * Copy len bytes from guest address va of dom to dst, under the rules above.
 * @return PV_OK, or the error of the first check that failed (nothing copied)
 * @param hc the instance
 * @param dom the domain the call acts for
 * @param dst where the bytes go
 * @param va the guest address to copy from
 * @param len the length in bytes
 * @param align the alignment va must have (a power of two)
 */
enum pv_status pv_hc_copy_from_guest(struct pv_hc *hc, pv_domid_t dom, void *dst,
				     pv_gvaddr_t va, uint32_t len, uint32_t align);
/**
 * Copy len bytes from src to guest address va of dom, under the rules above.
 * @return PV_OK, or the error of the first check that failed (nothing copied)
 * @param hc the instance
 * @param dom the domain the call acts for
 * @param va the guest address to copy to
 * @param src the bytes
 * @param len the length in bytes
 * @param align the alignment va must have (a power of two)
 */
enum pv_status pv_hc_copy_to_guest(struct pv_hc *hc, pv_domid_t dom, pv_gvaddr_t va,
				   const void *src, uint32_t len, uint32_t align);

/**
 * Check, without copying, that dom may read (and, if write, also write) the
 * whole range: the same rules and errors as the copy helpers, for any len.
 * @param hc the instance
 * @param dom the domain the call acts for
 * @param va the guest virtual address
 * @param len the length in bytes
 * @param align the alignment va must have (a power of two)
 * @param write whether write access is needed too
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_hc_guest_check(struct pv_hc *hc, pv_domid_t dom, pv_gvaddr_t va,
				 uint32_t len, uint32_t align, bool write);

/**
 * Statistics of hypercall nr, or NULL for a number with no handler.
 * @param hc the instance
 * @param nr the hypercall number
 * @return the statistics, or NULL
 */
const struct pv_hc_stats *pv_hc_stats_get(const struct pv_hc *hc, uint32_t nr);

/**
 * The name of hypercall nr ("?" for a number with no handler).
 * @param hc the instance
 * @param nr the hypercall number
 * @return the entry's name, or "?"
 */
const char *pv_hc_name(const struct pv_hc *hc, uint32_t nr);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_HYPERCALL_H */
