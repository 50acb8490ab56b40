/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/sched internals: the ops interface every policy implements, and the
 * run-list helpers they share. Not installed.
 */
#ifndef PVLIB_SCHED_INTERNAL_H
#define PVLIB_SCHED_INTERNAL_H

#include <pvlib/port.h>
#include <pvlib/sched.h>

#define SCHED_NOLIST 0xFFFFu
#define SCHED_NOHEAP 0xFFu

/*
 * One policy. Before calling any of these the core has checked the unit
 * index, the unit's state and the time, and has charged the current unit up
 * to now. Functions returning enum pv_status only check (they change
 * nothing); the others only change (they cannot fail). That split is what
 * makes "a refused call leaves no trace" hold for every policy.
 */
struct pv_sched_ops {
	const char *name;
	/* Check the cfg fields this policy uses. */
	enum pv_status (*check_config)(const struct pv_sched_config *cfg);
	/* Set up the policy's part of a zeroed instance. */
	void (*init)(struct pv_sched *s);
	/* Check params for unit u (old == NULL: u is being added) at now. */
	enum pv_status (*check_params)(const struct pv_sched *s, uint32_t u,
	                               const struct pv_sched_params *p,
	                               const struct pv_sched_params *old, pv_time_ns_t now);
	/* u is now RUNNABLE with its params stored: queue it. */
	void (*add)(struct pv_sched *s, uint32_t u, pv_time_ns_t now);
	/* u (RUNNABLE or BLOCKED) is going away: unqueue it. */
	void (*remove)(struct pv_sched *s, uint32_t u, pv_time_ns_t now);
	/* u went BLOCKED -> RUNNABLE. */
	void (*wake)(struct pv_sched *s, uint32_t u, pv_time_ns_t now);
	/* u went RUNNABLE -> BLOCKED. */
	void (*block)(struct pv_sched *s, uint32_t u, pv_time_ns_t now);
	/* RUNNABLE u gives up its slice. */
	void (*yield)(struct pv_sched *s, uint32_t u, pv_time_ns_t now);
	/* u (the current unit) ran for ran ns up to now. */
	void (*charge)(struct pv_sched *s, uint32_t u, pv_time_ns_t ran, pv_time_ns_t now);
	/* Choose; out->dom is filled in by the core. */
	void (*pick)(struct pv_sched *s, pv_time_ns_t now, struct pv_sched_decision *out);
	/* u's params changed from old (the new ones are stored). */
	void (*params_changed)(struct pv_sched *s, uint32_t u,
	                       const struct pv_sched_params *old, pv_time_ns_t now);
	/* Every unit's fg flag has been updated for the new foreground. NULL:
	 * the policy refuses foreground changes (PV_EPERM). */
	void (*foreground)(struct pv_sched *s, pv_time_ns_t now);
};

extern const struct pv_sched_ops pv_sched_rr_ops;
extern const struct pv_sched_ops pv_sched_prio_ops;
extern const struct pv_sched_ops pv_sched_credit_ops;
extern const struct pv_sched_ops pv_sched_arinc_ops;
extern const struct pv_sched_ops pv_sched_edf_ops;

/* Charge the current unit up to now (core.c); now >= s->now is checked. */
void pv_sched_account(struct pv_sched *s, pv_time_ns_t now);

/*
 * Run lists: circular, doubly linked through indices. Index i < nunits is a
 * unit; nunits + k is the head of list k. Every operation is O(1), splice
 * included. unit.list records which list a unit was pushed on (SCHED_NOLIST:
 * none); after a splice it names the old list, so policies that splice use it
 * only as "on a list or not".
 */
static inline struct pv_sched_link *sched_link(struct pv_sched *s, uint32_t i)
{
	return i < s->nunits ? &s->units[i].link : &s->lists[i - s->nunits];
}

static inline void sched_list_init(struct pv_sched *s, uint16_t li)
{
	s->lists[li].next = s->lists[li].prev = s->nunits + li;
}

static inline bool sched_list_empty(const struct pv_sched *s, uint16_t li)
{
	return s->lists[li].next == s->nunits + li;
}

/* First unit of list li, or PV_SCHED_IDLE. */
static inline uint32_t sched_list_head(const struct pv_sched *s, uint16_t li)
{
	uint32_t h = s->lists[li].next;
	return h == s->nunits + li ? PV_SCHED_IDLE : h;
}

/* True if list li holds exactly one unit. */
static inline bool sched_list_single(const struct pv_sched *s, uint16_t li)
{
	return !sched_list_empty(s, li) && s->lists[li].next == s->lists[li].prev;
}

static inline void sched_link_between(struct pv_sched *s, uint32_t u, uint32_t prev, uint32_t next)
{
	s->units[u].link.prev = prev;
	s->units[u].link.next = next;
	sched_link(s, prev)->next = u;
	sched_link(s, next)->prev = u;
}

static inline void sched_list_push_tail(struct pv_sched *s, uint16_t li, uint32_t u)
{
	PV_ASSERT(s->units[u].list == SCHED_NOLIST);
	s->units[u].list = li;
	sched_link_between(s, u, s->lists[li].prev, s->nunits + li);
}

static inline void sched_list_del(struct pv_sched *s, uint32_t u)
{
	struct pv_sched_unit *x = &s->units[u];
	PV_ASSERT(x->list != SCHED_NOLIST);
	sched_link(s, x->link.prev)->next = x->link.next;
	sched_link(s, x->link.next)->prev = x->link.prev;
	x->list = SCHED_NOLIST;
	x->link.next = x->link.prev = PV_SCHED_IDLE;
}

/* Move every unit of list from to the tail of list to, in order: O(1). */
static inline void sched_list_splice_tail(struct pv_sched *s, uint16_t to, uint16_t from)
{
	if (sched_list_empty(s, from))
		return;
	uint32_t first = s->lists[from].next, last = s->lists[from].prev;
	uint32_t tail = s->lists[to].prev;
	sched_link(s, tail)->next = first;
	sched_link(s, first)->prev = tail;
	sched_link(s, last)->next = s->nunits + to;
	s->lists[to].prev = last;
	sched_list_init(s, from);
}

static inline pv_time_ns_t sched_min(pv_time_ns_t a, pv_time_ns_t b)
{
	return a < b ? a : b;
}

/*
 * Times at the top of the clock: t + d saturates at PV_TIME_NEVER, the end
 * of the clock, which no later time follows; a saturated instant is never
 * reached ("passed") and is infinitely far (its distance is PV_TIME_NEVER).
 */
static inline pv_time_ns_t sched_add_sat(pv_time_ns_t t, pv_time_ns_t d)
{
	return t > PV_TIME_NEVER - d ? PV_TIME_NEVER : t + d;
}

static inline bool sched_passed(pv_time_ns_t t, pv_time_ns_t now)
{
	return t <= now && t != PV_TIME_NEVER;
}

static inline pv_time_ns_t sched_until(pv_time_ns_t t, pv_time_ns_t now)
{
	return t == PV_TIME_NEVER ? PV_TIME_NEVER : t - now;
}

#endif
