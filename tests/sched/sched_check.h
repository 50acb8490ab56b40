/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test helpers for lib/sched: a snapshot to prove a refused call left no
 * trace, a structural invariant check shared by the unit tests and the fuzz
 * target, and a small deterministic random generator.
 */
#ifndef PVLIB_TESTS_SCHED_CHECK_H
#define PVLIB_TESTS_SCHED_CHECK_H

#include <pvlib/sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define SC_MAX_UNITS 1100u

struct sc_snapshot {
	struct pv_sched s;
	struct pv_sched_unit u[SC_MAX_UNITS];
};

static inline void sc_snap(struct sc_snapshot *snap, const struct pv_sched *s)
{
	memcpy(&snap->s, s, sizeof *s);
	memcpy(snap->u, s->units, s->nunits * sizeof s->units[0]);
}

static inline bool sc_same(const struct sc_snapshot *snap, const struct pv_sched *s)
{
	return memcmp(&snap->s, s, sizeof *s) == 0 &&
	       memcmp(snap->u, s->units, s->nunits * sizeof s->units[0]) == 0;
}

/* xorshift64*: deterministic, seedable. */
static inline uint64_t sc_rand(uint64_t *st)
{
	uint64_t x = *st;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*st = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static inline uint64_t sc_range(uint64_t *st, uint64_t lo, uint64_t hi)
{
	return lo + sc_rand(st) % (hi - lo + 1u);
}

/*
 * Credit policy (lib/sched/credit.c lists: 0 BOOST, 1 and 2 UNDER/OVER, 3
 * PARKED): credit within its clamp [1 - q, q]; the boost flag set exactly on
 * the BOOST list; every parked unit marked with the instance's window end;
 * no unit off the parked list marked parked for a time still to come (the
 * stale mark that let a woken unit run uncharged); and no unit on a run
 * list with its cap spent in the window holding now (pick_next would have
 * nothing to give it).
 */
static inline const char *sc_credit_invariants(const struct pv_sched *s, const uint8_t *seen,
                                               const uint8_t *where)
{
	for (uint32_t i = 0; i < s->nunits; i++) {
		const struct pv_sched_unit *x = &s->units[i];
		if (x->state == PV_SCHED_FREE)
			continue;
		int64_t q = (int64_t)((uint64_t)x->params.weight * s->cfg.credit_ns_per_weight *
		                      (x->fg ? s->cfg.fg_weight_mult : 1u));
		if (x->credit > q || x->credit < 1 - q)
			return "credit: credit outside its clamp";
		bool listed = seen[i] != 0;
		if ((x->boosted != 0) != (listed && where[i] == 0))
			return "credit: boost flag disagrees with the list";
		if (listed && where[i] == 3) {
			if (x->unpark != s->park_until)
				return "credit: parked unit's window is not the instance's";
			continue;
		}
		if (x->unpark > s->now)
			return "credit: unit off the parked list still marked parked";
		if (listed && x->params.cap != 0) {
			pv_time_ns_t win = s->now - s->now % s->cfg.cap_period_ns;
			pv_time_ns_t used = x->cap_win == win ? x->cap_used : 0;
			if (used >= s->cfg.cap_period_ns * x->params.cap / 100u)
				return "credit: unit on a run list has no cap left";
		}
	}
	return 0;
}

/*
 * Structural invariants, from the outside: returns a short description of
 * the first violation, or NULL. Walks every run list from its head and
 * checks the links, that each unit is reached at most once, that runnable
 * units are queued (on a list or an EDF heap) and blocked/free ones are not,
 * the EDF heap order, and that the EDF admitted total is exactly the units'
 * terms plus the bandwidth they still hold.
 */
static inline const char *sc_invariants(const struct pv_sched *s)
{
	static uint8_t seen[SC_MAX_UNITS], where[SC_MAX_UNITS];
	uint32_t n = s->nunits;
	if (n > SC_MAX_UNITS)
		return "too many units for the checker";
	memset(seen, 0, n);
	uint32_t added = 0;
	for (uint32_t li = 0; li < PV_SCHED_NLISTS; li++) {
		uint32_t head = n + li, prev = head, steps = 0;
		for (uint32_t i = s->lists[li].next; i != head; i = s->units[i].link.next) {
			if (i >= n)
				return "list link out of range";
			if (seen[i]++)
				return "unit on two lists (or a cycle)";
			where[i] = (uint8_t)li;
			if (s->units[i].link.prev != prev)
				return "broken prev link";
			if (s->units[i].list == 0xFFFFu)
				return "listed unit says it is on no list";
			prev = i;
			if (++steps > n)
				return "list cycle";
		}
		if (s->lists[li].prev != prev)
			return "list tail wrong";
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct pv_sched_unit *x = &s->units[i];
		if (x->state != PV_SCHED_FREE)
			added++;
		bool listed = seen[i] != 0;
		if (!listed && x->list != 0xFFFFu)
			return "unit claims a list but is not on one";
		bool heaped = x->heap != 0xFFu;
		if (x->state != PV_SCHED_RUNNABLE && (listed || heaped))
			return "blocked or free unit is queued";
		if (x->state == PV_SCHED_RUNNABLE) {
			bool need = true;
			if (s->cfg.policy == PV_SCHED_ARINC653 && x->part == UINT32_MAX)
				need = false; /* not in the table: never runs */
			if (s->cfg.policy == PV_SCHED_EDF)
				need = heaped;
			if (need && !listed && !heaped)
				return "runnable unit is not queued";
		}
		if (heaped) {
			uint8_t h = x->heap;
			if (h > 1 || x->hpos >= s->heap_n[h] || s->units[x->hpos].hslot[h] != i)
				return "heap position wrong";
			if (x->hpos > 0) {
				uint32_t p = s->units[(x->hpos - 1) / 2].hslot[h];
				const struct pv_sched_unit *px = &s->units[p];
				if (px->deadline > x->deadline ||
				    (px->deadline == x->deadline && p > i))
					return "heap order violated";
			}
		}
		if (s->cfg.policy == PV_SCHED_EDF && x->state == PV_SCHED_RUNNABLE && !heaped)
			return "runnable EDF unit in no heap";
	}
	if (added != s->nadded)
		return "added count wrong";
	if (s->cfg.policy == PV_SCHED_EDF) {
		/* util is the admitted terms plus the bandwidth still held, and
		 * the held-bandwidth heap is a heap over exactly the units that
		 * hold some. */
		uint64_t util = 0;
		uint32_t held = 0;
		for (uint32_t i = 0; i < n; i++) {
			const struct pv_sched_unit *x = &s->units[i];
			if (x->state != PV_SCHED_FREE)
				util += ((x->params.budget << 32) + x->params.period - 1u) /
				        x->params.period;
			if (x->bw_pos == UINT32_MAX) {
				if (x->bw_held != 0)
					return "held bandwidth outside the heap";
				continue;
			}
			held++;
			if (x->bw_held == 0)
				return "empty reservation in the heap";
			if (x->bw_pos >= s->heap_n[2] || s->units[x->bw_pos].hslot[2] != i)
				return "held heap position wrong";
			if (x->bw_pos > 0) {
				uint32_t p = s->units[(x->bw_pos - 1) / 2].hslot[2];
				const struct pv_sched_unit *px = &s->units[p];
				if (px->bw_until > x->bw_until ||
				    (px->bw_until == x->bw_until && p > i))
					return "held heap order violated";
			}
			util += x->bw_held;
		}
		if (held != s->heap_n[2])
			return "held heap size wrong";
		if (util != s->util)
			return "EDF util disagrees with the units";
		if (util > (1ull << 32))
			return "EDF util above 1";
	}
	if (s->cfg.policy == PV_SCHED_CREDIT) {
		const char *why = sc_credit_invariants(s, seen, where);
		if (why)
			return why;
	}
	if (s->cfg.policy == PV_SCHED_EDF && s->heap_n[0] + s->heap_n[1] > n)
		return "heap sizes too big";
	if (s->cfg.policy == PV_SCHED_PRIO || s->cfg.policy == PV_SCHED_RR) {
		for (uint32_t li = 0; li < PV_SCHED_PRIO_LEVELS; li++) {
			bool nonempty = s->lists[li].next != n + li;
			if (nonempty != ((s->bitmap >> li) & 1u))
				return "priority bitmap disagrees with the lists";
		}
	}
	return 0;
}

#endif
