/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * pvlib scheduler: one core over scheduling units (one per vcpu) and five
 * policies behind one ops interface: round-robin, fixed priority, credit,
 * ARINC 653 cyclic and EDF. The policy is chosen per instance at init.
 *
 * Model
 * -----
 * The caller owns an array of `struct pv_sched_unit`; a unit is named by its
 * index in that array. A unit is FREE (not added), BLOCKED or RUNNABLE. The
 * core remembers the unit the last pick_next chose (the current unit) and
 * charges it for the time between that pick and the next call that carries a
 * `now`: every call below that takes `now` first accounts the current unit up
 * to `now`. Nothing here reads a clock; time is a nanosecond argument and must
 * never go backwards (PV_ERANGE, nothing changed).
 *
 * The hypervisor calls pv_sched_pick_next() when the one-shot timer it armed
 * from the previous decision fires, and after any wake/block/yield/remove/
 * parameter or foreground change (they may change who should run). The
 * decision says which unit runs (or PV_SCHED_IDLE) and for how long at most
 * (run_ns; PV_TIME_NEVER means "no timer needed": only an event can change
 * the decision).
 *
 * Every `now` up to 2^64 - 1 (PV_TIME_NEVER, the end of the clock) is legal
 * and every call returns. Times computed from it saturate: an EDF deadline
 * that would pass the end of the clock is PV_TIME_NEVER and is never
 * reached, and run_ns is PV_TIME_NEVER whenever now + run_ns would pass it
 * (no timer can be armed there), so now + run_ns never wraps.
 *
 * Errors (every function: a refused call changes nothing)
 *   PV_EINVAL   malformed argument (NULL, bad parameter value, bad table)
 *   PV_ERANGE   unit index >= nunits, time going backwards, window past the
 *               major frame
 *   PV_ENOENT   the unit is not added
 *   PV_EEXIST   the unit is already added
 *   PV_ESRCH    a domain id that is not a guest, or (ARINC 653) a table that
 *               names a domain with no unit
 *   PV_ENOSPC   (EDF) admission refused: total utilisation would exceed 1
 *               (counting bandwidth given up but still held: see
 *               pv_sched_remove, pv_sched_set_params)
 *   PV_E2BIG    more than PV_SCHED_ARINC_MAX_WINDOWS windows
 *   PV_ENOSYS   operation does not exist for this policy
 *   PV_EPERM    operation refused by the policy (foreground under ARINC 653)
 *
 * @par Concurrency contract
 * An instance (struct pv_sched and its unit array) is the scheduler of one
 * physical CPU; all its state is there. pvlib is uniprocessor: the caller
 * makes every call on an instance with interrupts masked or from the one
 * trap path, so no two calls overlap; nothing here blocks, sleeps or calls
 * out (except pv_port_assert_fail). Different instances share nothing. An
 * SMP port gives each CPU its own instance and must add: a per-instance lock
 * (or an IPI to the owning CPU) around every call, since pv_sched_wake() is
 * reached from other CPUs' event sends; and, to move a unit between CPUs,
 * removal from one instance and addition to the other under both locks,
 * taken in CPU-number order.
 */
#ifndef PVLIB_SCHED_H
#define PVLIB_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <pvlib/status.h>
#include <pvlib/types.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** "No unit": the CPU idles. */
#define PV_SCHED_IDLE UINT32_MAX

/** Fixed priority: levels 0 (lowest) .. PV_SCHED_PRIO_LEVELS-1 (highest). */
#define PV_SCHED_PRIO_LEVELS 32u
#define PV_SCHED_WEIGHT_MIN 1u /**< Credit: the lowest weight (Xen's default weight is 256) */
#define PV_SCHED_WEIGHT_MAX 65535u /**< Credit: the highest weight */
#define PV_SCHED_CAP_MAX 100u /**< Credit: the highest cap, in percent of the CPU */
/** EDF: 0 < budget <= period <= PV_SCHED_EDF_PERIOD_MAX (about 4.29 s). */
#define PV_SCHED_EDF_PERIOD_MAX ((pv_time_ns_t)UINT32_MAX)
/** ARINC 653: windows per major frame. */
#define PV_SCHED_ARINC_MAX_WINDOWS 32u
/** Bounds on every slice/period in the configuration. */
#define PV_SCHED_SLICE_MIN ((pv_time_ns_t)1000)            /**< 1 us */
#define PV_SCHED_SLICE_MAX ((pv_time_ns_t)10000000000ull)  /**< 10 s */

/** Scheduling policies, one per instance. */
enum pv_sched_policy {
	PV_SCHED_RR = 1,        /**< round-robin, one time slice */
	PV_SCHED_PRIO = 2,      /**< fixed priority, preemptive, RR within a level */
	PV_SCHED_CREDIT = 3,    /**< proportional share: weight, cap, wake boost */
	PV_SCHED_ARINC653 = 4,  /**< cyclic major frame of time windows */
	PV_SCHED_EDF = 5,       /**< earliest deadline first, budget/period */
};

/** The state of a scheduling unit. */
enum pv_sched_unit_state {
	PV_SCHED_FREE = 0,     /**< not added */
	PV_SCHED_BLOCKED = 1,  /**< waiting for an event */
	PV_SCHED_RUNNABLE = 2, /**< may be picked */
};

/**
 * Instance configuration. Start from pv_sched_config_default() and change
 * what you need; pv_sched_init() checks every field the policy uses and
 * ignores the others.
 */
struct pv_sched_config {
	enum pv_sched_policy policy; /**< the policy */
	/** RR/PRIO/CREDIT: time slice; ARINC: slice between units of the
	 * window's domain. PV_SCHED_SLICE_MIN..PV_SCHED_SLICE_MAX. */
	pv_time_ns_t slice_ns;
	/** RR: slice of the foreground domain's units (>= slice_ns, <= MAX). */
	pv_time_ns_t fg_slice_ns;
	/** PRIO: levels added to the foreground domain's units (saturating at
	 * the top level); 0..PV_SCHED_PRIO_LEVELS-1. */
	uint32_t fg_prio_boost;
	/** CREDIT: the foreground domain's weights are multiplied by this;
	 * 1..16. */
	uint32_t fg_weight_mult;
	/** CREDIT: credit a unit receives per round per unit of weight;
	 * 1 ns .. 1 ms. A round gives unit u weight(u) * credit_ns_per_weight. */
	pv_time_ns_t credit_ns_per_weight;
	/** CREDIT: caps are enforced per window of this length. */
	pv_time_ns_t cap_period_ns;
	/** CREDIT: a unit boosted by a wake runs at most this long boosted. */
	pv_time_ns_t boost_ns;
};

/** Per-unit parameters. Each policy reads only its own fields. */
struct pv_sched_params {
	uint32_t priority;  /**< PRIO: 0..PV_SCHED_PRIO_LEVELS-1, higher first */
	uint32_t weight;    /**< CREDIT: PV_SCHED_WEIGHT_MIN..MAX */
	uint32_t cap;       /**< CREDIT: 0 = no cap, else 1..100 % of the CPU */
	pv_time_ns_t budget;  /**< EDF: 0 < budget <= period */
	pv_time_ns_t period;  /**< EDF: period <= PV_SCHED_EDF_PERIOD_MAX */
};

/** One ARINC 653 window: dom runs in [offset, offset + duration) of every
 * major frame. dom == pv_domid_none() is an explicit idle window. */
struct pv_sched_window {
	pv_domid_t dom; /**< the domain that runs in the window (pv_domid_none(): idle) */
	pv_time_ns_t offset; /**< start, from the start of the major frame */
	pv_time_ns_t duration; /**< length */
};

/** Run list links: unit indices, or nunits + list number for a list head. */
struct pv_sched_link {
	uint32_t next; /**< the next unit or list head */
	uint32_t prev; /**< the previous one */
};

/** A scheduling unit. Storage belongs to the caller; every field is private
 * to lib/sched (read them through the functions below). */
struct pv_sched_unit {
	/** @cond PVLIB_PRIVATE */
	pv_domid_t dom;
	uint8_t state;          /**< enum pv_sched_unit_state */
	uint8_t fg;             /**< belongs to the foreground domain */
	uint8_t boosted;        /**< CREDIT: on the boost list */
	uint8_t heap;           /**< EDF: which heap holds it (or none) */
	uint16_t list;          /**< which run list holds it (or none) */
	struct pv_sched_link link; /**< run list links */
	struct pv_sched_params params;
	pv_time_ns_t ran_ns;      /**< total time charged to the unit */
	pv_time_ns_t slice_left;  /**< RR/PRIO/CREDIT/ARINC: rest of the slice */
	int64_t credit;         /**< CREDIT: ns of credit */
	uint32_t round;         /**< CREDIT: last round it was credited for */
	uint32_t part;          /**< ARINC: partition index */
	pv_time_ns_t cap_used;    /**< CREDIT: time run in the current cap window */
	pv_time_ns_t cap_win;     /**< CREDIT: start of that cap window */
	pv_time_ns_t deadline;    /**< EDF: absolute deadline (= next release) */
	pv_time_ns_t remaining;   /**< EDF: budget left in this period */
	uint32_t hpos;          /**< EDF: position in its READY/RELEASE heap */
	uint32_t hslot[3];      /**< EDF: unit at position i of heap 0/1/2 */
	pv_time_ns_t unpark;      /**< CREDIT: end of the cap window it is parked for */
	uint64_t bw_held;       /**< EDF: bandwidth given up but still reserved */
	pv_time_ns_t bw_until;    /**< EDF: when bw_held is given back */
	uint32_t bw_pos;        /**< EDF: position in the held-bandwidth heap */
	/** @endcond */};

/** The decision of pv_sched_pick_next(). */
struct pv_sched_decision {
	uint32_t unit;        /**< unit index, or PV_SCHED_IDLE */
	pv_domid_t dom;       /**< its domain (pv_domid_none() when idle) */
	pv_time_ns_t run_ns;    /**< > 0: arm the one-shot timer for now + run_ns
	                         (never past 2^64 - 1); PV_TIME_NEVER: no
	                         timer needed */
};


#define PV_SCHED_NLISTS 32u /**< run lists of an instance */

/**
 * A scheduler instance for one CPU: storage the caller supplies, set up by
 * pv_sched_init(). Its fields are private to lib/sched: use the functions.
 */
struct pv_sched {
	/** @cond PVLIB_PRIVATE */
	struct pv_sched_config cfg;
	struct pv_sched_unit *units;
	uint32_t nunits;
	uint32_t nadded;
	uint32_t cur;           /**< unit of the last decision, or IDLE */
	pv_time_ns_t cur_since;   /**< when it was picked / last charged */
	pv_time_ns_t now;         /**< latest time seen */
	pv_domid_t fg;          /**< foreground domain, or none */
	struct pv_sched_link lists[PV_SCHED_NLISTS]; /**< list heads */
	uint32_t bitmap;        /**< PRIO: non-empty levels */
	/** CREDIT */
	uint32_t round;         /**< rounds completed */
	uint16_t under;         /**< which run list is UNDER (the other is OVER) */
	pv_time_ns_t park_until;  /**< when the parked units may run again */
	/** EDF */
	uint64_t util;          /**< sum of ceil(budget * 2^32 / period), plus
	                           the bandwidth still held (bw_held) */
	uint32_t heap_n[3];
	/** ARINC 653 */
	uint32_t nwin, npart;
	pv_time_ns_t major, epoch, win_start;
	uint32_t win;
	struct pv_sched_window windows[PV_SCHED_ARINC_MAX_WINDOWS];
	uint16_t win_part[PV_SCHED_ARINC_MAX_WINDOWS];
	pv_domid_t part_dom[PV_SCHED_ARINC_MAX_WINDOWS];
	/** @endcond */};

/** Fill *cfg with the defaults for policy: slice 10 ms, fg slice 20 ms,
 * fg_prio_boost 1, fg_weight_mult 2, credit 40 us per weight (10.24 ms per
 * round at weight 256, about one slice), cap window 30 ms, boost 1 ms.
 * @param policy the policy
 * @param cfg receives the defaults
 */
void pv_sched_config_default(enum pv_sched_policy policy, struct pv_sched_config *cfg);

/**
 * Set up an instance over units[0..nunits-1] (all become FREE).
 * PV_EINVAL: NULL pointer, nunits == 0 or >= PV_SCHED_IDLE, unknown policy or
 * a configuration field out of its range.
 * @param s the instance
 * @param cfg the configuration (copied)
 * @param units the unit storage
 * @param nunits its length
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_init(struct pv_sched *s, const struct pv_sched_config *cfg,
                             struct pv_sched_unit *units, uint32_t nunits);

/**
 * Add unit (FREE -> RUNNABLE) for domain dom with params.
 * PV_ERANGE unit >= nunits or now in the past; PV_EEXIST already added;
 * PV_ESRCH dom is not a guest; PV_EINVAL bad params; PV_ENOSPC (EDF) the
 * admission test refuses.
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @param dom the unit's domain
 * @param params the unit's parameters (copied)
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_add(struct pv_sched *s, uint32_t unit, pv_domid_t dom,
                            const struct pv_sched_params *params, pv_time_ns_t now);

/** Remove unit (-> FREE). If it was the current unit the CPU is idle until
 * the next pick. EDF: the unit's share stays counted by the admission test
 * until its current deadline (the slot keeps it if it is added again).
 * PV_ERANGE, PV_ENOENT.
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_remove(struct pv_sched *s, uint32_t unit, pv_time_ns_t now);

/** An event for unit: BLOCKED -> RUNNABLE (CREDIT: boosted if it has credit).
 * Waking a runnable unit is a no-op. PV_ERANGE, PV_ENOENT.
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_wake(struct pv_sched *s, uint32_t unit, pv_time_ns_t now);

/** unit waits for an event: RUNNABLE -> BLOCKED. Blocking a blocked unit is a
 * no-op. PV_ERANGE, PV_ENOENT.
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_block(struct pv_sched *s, uint32_t unit, pv_time_ns_t now);

/** unit gives up the rest of its slice (EDF: of its budget for this period).
 * PV_ERANGE, PV_ENOENT, PV_EINVAL if the unit is blocked.
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_yield(struct pv_sched *s, uint32_t unit, pv_time_ns_t now);

/** Choose what runs from now on; see struct pv_sched_decision. Cost: O(1)
 * for round-robin, priority and credit; ARINC 653 O(1) amortised; EDF O(log
 * n) amortised per unit released (a pick at which k units are due costs
 * O(k log n), k <= nunits). PV_EINVAL NULL out; PV_ERANGE now in the past.
 * @param s the instance
 * @param now the current time in ns (never earlier than a time given before)
 * @param out receives the decision
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_pick_next(struct pv_sched *s, pv_time_ns_t now,
                                  struct pv_sched_decision *out);

/** Account the current unit up to now without a new decision (a periodic
 * tick, if the hypervisor keeps one). PV_ERANGE now in the past.
 * @param s the instance
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_tick(struct pv_sched *s, pv_time_ns_t now);

/** Change unit's parameters (checked exactly as pv_sched_add checks them).
 * EDF: the current period keeps its deadline and at most its budget left;
 * the admission test counts max(old, new) until that deadline and the new
 * values after it, so a decrease is never refused and its bandwidth comes
 * back only at the deadline, while an increase must fit at once.
 * PV_ERANGE, PV_ENOENT, PV_EINVAL, PV_ENOSPC.
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @param params the new parameters
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_set_params(struct pv_sched *s, uint32_t unit,
                                   const struct pv_sched_params *params, pv_time_ns_t now);

/**
 * Read unit's parameters. PV_EINVAL NULL out; PV_ERANGE; PV_ENOENT.
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @param out receives the parameters
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_get_params(const struct pv_sched *s, uint32_t unit,
                                   struct pv_sched_params *out);

/**
 * Make dom the foreground domain (pv_domid_none(): no foreground).
 * Effect: RR: its units get fg_slice_ns slices. PRIO: its units run
 * fg_prio_boost levels higher. CREDIT: its weights count fg_weight_mult
 * times. EDF: guarantees unchanged; its runnable units that have used up
 * their budget run in the slack, when no unit with budget is runnable.
 * ARINC 653: refused with PV_EPERM (the table is the only authority). PV_ESRCH dom is neither a guest nor
 * none; PV_ERANGE time in the past.
 * @param s the instance
 * @param dom the new foreground domain, or pv_domid_none()
 * @param now the current time in ns (never earlier than a time given before)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_set_foreground(struct pv_sched *s, pv_domid_t dom, pv_time_ns_t now);

/**
 * The foreground domain (pv_domid_none() if none).
 * @param s the instance
 * @return the foreground domain, or pv_domid_none()
 */
pv_domid_t pv_sched_foreground(const struct pv_sched *s);

/**
 * State of unit (PV_SCHED_FREE for an index out of range).
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @return the unit's state
 */
enum pv_sched_unit_state pv_sched_unit_state(const struct pv_sched *s, uint32_t unit);

/**
 * Total time charged to unit (0 for an index out of range).
 * @param s the instance
 * @param unit the unit, an index into the unit array
 * @return the time charged to the unit, in ns
 */
pv_time_ns_t pv_sched_unit_ran(const struct pv_sched *s, uint32_t unit);

/**
 * ARINC 653: install the schedule table windows[0..n-1] with the given major
 * frame, starting a major frame at now. The table is checked whole first:
 * PV_ENOSYS the policy is not ARINC 653; PV_EINVAL NULL, n == 0, major == 0,
 * a zero-length window, windows not in offset order, an overlap, or a gap
 * (including before the first window and after the last: windows must tile
 * the frame exactly; idle time is an explicit window of pv_domid_none());
 * PV_E2BIG n > PV_SCHED_ARINC_MAX_WINDOWS; PV_ERANGE a window ends past the
 * major frame (or offset + duration overflows); PV_ESRCH a window names a
 * domain that is not a guest or has no unit added. On failure *bad (if not
 * NULL) holds the index of the first offending window (n for a frame-level
 * error). Units added later for domains not in the table never run.
 * @param s the instance
 * @param windows the windows, in offset order (copied)
 * @param n their number
 * @param major the major frame in ns
 * @param now the current time in ns (never earlier than a time given before)
 * @param bad receives the first offending window's index (may be NULL)
 * @return PV_OK, or one of the errors above
 */
enum pv_status pv_sched_arinc_set_table(struct pv_sched *s, const struct pv_sched_window *windows,
                                        uint32_t n, pv_time_ns_t major, pv_time_ns_t now,
                                        uint32_t *bad);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_SCHED_H */
