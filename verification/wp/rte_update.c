/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_update, the guest's batched entry update (lib/mmu/update.c, which
 * this file includes), with Frama-C WP and -wp-rte: no out-of-bounds access
 * (the table's slots, the frame records, the batch), no overflow, no
 * invalid shift, for every request a guest can make (ptr, val, count and
 * the batch's contents arbitrary). tools/prove runs (CVC4's budget
 * 300,000 steps for this file; not split but for rte-update-batch-inst):
 *
 *   rte-update-commit  update_commit: what it writes (its assigns clause)
 *                      and no run-time error, from the plan update_decide
 *                      leaves (PLAN_OK); every goal but rule 5's
 *                      (below)
 *   rte-update-replicas  the same function's post-conditions
 *                      span_replicas and span_faults (rule 5 of
 *                      docs/mmu.md: the span written as the new group's
 *                      replicas followed by fault entries), with the loop
 *                      invariants and the assertion in update.c they
 *                      come from (ne_kept, rel_group, span_group,
 *                      span_reps, span_zeros)
 *   rte-update-decide  update_decide (not split, its plan p taken by
 *                      reference: -wp-ref-vars p): no run-time error and
 *                      its post-condition PLAN_OK, clause by clause
 *                      (plan_len, plan_ram, plan_apart, plan_ents,
 *                      plan_countable), and plan_aligned (the span
 *                      aligned to its size), from the lemmas below and
 *                      the assertions in update.c (slot_exact,
 *                      span_fits*, span_end_l1, span_end_other, span_end)
 *   lemmas-rte-update  the lemmas below
 *   rte-update-one     update_one, from the two halves' contracts (not
 *                      split), and rule 5 at its end: the assertions in
 *                      update.c rule5_aligned (through rule5_al4,
 *                      rule5_al16, rule5_al64), rule5_replicas,
 *                      rule5_faults
 *
 *   rte-update-batch   pv_mmu_update, the batch loop: every goal but
 *                      update_one's precondition one_inst at the loop's
 *                      call and the loop invariants batch_sizes and
 *                      batch_keys that carry the instance to it (not
 *                      split)
 *   rte-update-batch-inst  those three, split
 *
 * Callees through contracts: pv_mmu_decode, pv_mmu_check, pv_mmu_get and
 * pv_mmu_put as rte_pin.c states and proves them (restated below, word
 * for word but for the I/O records in the get's and the put's assigns
 * clauses and the put's put_keys, see there), pv_mmu_flush_after_release
 * as rte_pin_ops.c proves it (rte-pin-release).
 * The preconditions are what every call site guarantees, each with its
 * reason; nothing a guest controls is assumed.
 */
#include "mmu_internal.h"

/* The port's assertion hook stops the machine: it does not return. */
/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

/*
 * The port's table-walker sync (include/pvlib/port.h): cleans the written
 * slots to where the walker reads them; changes no memory the C code sees
 * and does not call back into lib/.
 */
/*@ assigns \nothing; */
void pv_port_pt_sync(pv_maddr_t ma, uint32_t len);

/*@
  // C11 6.5.7 and 6.5.10 on a non-negative value (as in check_leaf.c,
  // update_one.c, rte_decode.c, rte_pin.c): a frame index, a slot index,
  // a slot's place in an aligned group of 4, 16 or 64.
  axiomatic ShiftIsDivisionUpd {
  axiom lsr12_div: \forall integer x; 0 <= x ==> (x >> 12) == x / 4096;
  axiom lsr2_div: \forall integer x; 0 <= x ==> (x >> 2) == x / 4;
  axiom land_page: \forall integer x; 0 <= x ==> (x & -4096) == x - x % 4096;
  axiom land3_mod: \forall integer x; 0 <= x ==> (x & 3) == x % 4;
  axiom land15_mod: \forall integer x; 0 <= x ==> (x & 15) == x % 16;
  axiom land63_mod: \forall integer x; 0 <= x ==> (x & 63) == x % 64;
  // C11 6.5.7 again: a frame index shifted to its address (update_decide)
  axiom lsl12_mul: \forall integer x; 0 <= x ==> (x << 12) == x * 4096;
  }
*/

/*@
  // update_decide's arithmetic, in the terms WP gives its code (proved by
  // CVC4 from the axioms above and C's unsigned arithmetic, tools/prove's
  // lemmas-update): the L1's first frame (idx less its place in the
  // aligned four, b the RAM's first frame number), the slot's offset from
  // it (exact, not wrapped, when the frame is at or after the first one),
  // and a group of 4, 16 or 64 slots aligned to its size ending at or
  // before the next 1024-slot boundary (one lemma per size: with the
  // sizes as one disjunction CVC4 proves none, the mask not being a
  // constant).
  lemma upd_first: \forall integer b, i;
    0 <= b <= 0xFFFFF && 0 <= i <= 0xFFFFF && (b + i) % 4 <= i ==>
    (uint32_t)(i - ((uint32_t)(b + i) & 3)) == i - (b + i) % 4;
  lemma upd_slot: \forall integer off, f;
    0 <= off <= 0xFFFFFFFF && 0 <= f && f * 4096 <= off ==>
    ((uint32_t)(off - (uint32_t)(f << 12)) >> 2) == (off - f * 4096) / 4;
  lemma upd_fits4: \forall integer s, l;
    0 <= s && l == 4 && ((uint32_t)(l - 1) & s) == 0 ==> s % 1024 + l <= 1024;
  lemma upd_fits16: \forall integer s, l;
    0 <= s && l == 16 && ((uint32_t)(l - 1) & s) == 0 ==> s % 1024 + l <= 1024;
  lemma upd_fits64: \forall integer s, l;
    0 <= s && l == 64 && ((uint32_t)(l - 1) & s) == 0 ==> s % 1024 + l <= 1024;
*/

/*
 * rte_pin.c's predicates, the same text, as C macros (expanded in the
 * contracts, so that Qed meets the code's terms; as predicates the
 * provers had to open them at every call, across the effects of the calls
 * before it; pv_mmu_get's precondition names the parts of PIN_INST, a
 * goal each): the frame store as pv_mmu_init lays it
 * out (nr_frames words per array, at most 2^20 frames, one group summary
 * per 64 frames), its arrays disjoint slices of the store; a granted
 * frame's owner is a domain of the instance (pv_mmu_grant grants only a
 * live domain's frames, destroy drops the grants first).
 */
#define STORE_READ(m)                                                                  \
	(\valid_read(m) && (m)->nr_frames <= 0x100000 &&                               \
	 \valid_read((m)->fr_key + (0 .. (m)->nr_frames - 1)) &&                       \
	 \valid_read((m)->fr_group + (0 .. ((m)->nr_frames + 63) / 64 - 1)))
#define PIN_STORE(m)                                                                   \
	(STORE_READ(m) && \valid((m)->fr_ro + (0 .. (m)->nr_frames - 1)) &&            \
	 \valid((m)->fr_tc + (0 .. (m)->nr_frames - 1)) &&                             \
	 \separated(m, (m)->fr_ro + (0 .. (m)->nr_frames - 1),                          \
		    (m)->fr_tc + (0 .. (m)->nr_frames - 1),                             \
		    (m)->fr_key + (0 .. (m)->nr_frames - 1),                            \
		    (m)->fr_group + (0 .. ((m)->nr_frames + 63) / 64 - 1)))
#define CHECK_SIZED(m)                                                                 \
	(STORE_READ(m) && \valid_read((m)->fr_gpeer + (0 .. (m)->nr_frames - 1)) &&    \
	 \valid_read((m)->domains + (0 .. (m)->nr_domains - 1)))
#define OWNERS_OK(m)                                                                   \
	(\forall integer i; 0 <= i < (m)->nr_frames ==>                                 \
		 ((uint16_t)(m)->fr_gpeer[i] != PV_DOMID_NONE_VALUE ==>                 \
		  (uint16_t)((m)->fr_key[i] & 0xFFFF) < (m)->nr_domains))
#define CHECK_INST(m) (CHECK_SIZED(m) && OWNERS_OK(m))
#define PIN_SIZES(m) ((m)->nr_frames == (m)->ram_size >> 12 && (m)->ram_size % 4096 == 0)
#define PIN_COUNTS(m)                                                                  \
	(\valid((m)->fr_gmaps + (0 .. (m)->nr_frames - 1)) &&                          \
	 \valid((m)->io + (0 .. (m)->io_max - 1)))
#define PIN_APART(m)                                                                   \
	\separated(m, (m)->fr_gmaps + (0 .. (m)->nr_frames - 1),                        \
		   (m)->io + (0 .. (m)->io_max - 1), (m)->fr_ro + (0 .. (m)->nr_frames - 1), \
		   (m)->fr_tc + (0 .. (m)->nr_frames - 1),                              \
		   (m)->fr_key + (0 .. (m)->nr_frames - 1),                             \
		   (m)->fr_gpeer + (0 .. (m)->nr_frames - 1),                           \
		   (m)->domains + (0 .. (m)->nr_domains - 1))
#define PIN_INST(m) (PIN_STORE(m) && CHECK_INST(m) && PIN_SIZES(m) && PIN_COUNTS(m) && PIN_APART(m))
/* what an accepted entry needs of its frames to be counted */
#define COUNTABLE(m, e)                                                                \
	(((e)->kind != PV_MMU_ENT_LEAF ==> (uint32_t)((e)->base - (m)->ram_base) < (m)->ram_size) && \
	 ((e)->kind == PV_MMU_ENT_LEAF && (uint32_t)((e)->base - (m)->ram_base) < (m)->ram_size ==> \
	  (uint32_t)((e)->base - (m)->ram_base) / 4096 + (e)->frames <= (m)->nr_frames))

/* Everything of the instance a request reads or writes. */
#define UPD_ARRAYS(m)                                                                      \
	(m)->fr_ro + (0 .. (m)->nr_frames - 1), (m)->fr_tc + (0 .. (m)->nr_frames - 1),    \
		(m)->fr_gmaps + (0 .. (m)->nr_frames - 1), (m)->io + (0 .. (m)->io_max - 1), \
		(m)->fr_key + (0 .. (m)->nr_frames - 1),                                   \
		(m)->fr_gpeer + (0 .. (m)->nr_frames - 1),                                 \
		(m)->fr_group + (0 .. ((m)->nr_frames + 63) / 64 - 1),                     \
		(m)->domains + (0 .. (m)->nr_domains - 1)
#define UPD_RAM(m) (m)->ram + (0 .. (m)->nr_frames * 1024 - 1)

/*
 * The instance as pv_mmu_update reads and writes it (pv_mmu_init, pin):
 * - PIN_INST: the frame store (rte_pin.c);
 * - RAM is nr_frames (at least one) frames of m->ram, writable by the
 *   hypervisor, apart from the instance and the frame store (the caller's
 *   memory map: the store is hypervisor memory, never guest RAM);
 * - nr_domains <= PV_DOMID_MAX_GUEST + 1 (pv_mmu_init refuses more);
 * - a frame typed L1 is one of four frames of a 16 KiB aligned L1 that
 *   lies in RAM: pv_mmu_pin types an L1's four frames together, only for
 *   an aligned machine frame number and four frames in RAM (pv_mmu_audit
 *   checks it: "L1 runs off RAM").
 */
#define UPD_INST(m)                                                                    \
	(PIN_INST(m) && 0 < (m)->nr_frames &&                                          \
	 (m)->nr_domains <= PV_DOMID_MAX_GUEST + 1 && \valid(UPD_RAM(m)) &&             \
	 \separated(UPD_RAM(m), m, UPD_ARRAYS(m)) &&                                    \
	 \forall integer i; 0 <= i < (m)->nr_frames &&                                  \
		 (uint8_t)((m)->fr_key[i] >> 16) == PV_MMU_FT_L1 ==>                    \
		 (((m)->ram_base >> 12) + i) % 4 <= i &&                                \
		 i - (((m)->ram_base >> 12) + i) % 4 + 4 <= (m)->nr_frames)

/*
 * The callees. pv_mmu_decode as rte_pin.c states it: every clause is
 * proved by rte_decode.c's runs (rte-decode and the decoders'; the memory
 * type and ARM domain from lemmas that split the table lookups, see
 * docs/verification.md).
 */
/*@
  requires \valid_read(m) && \valid(e);
  assigns *e;
  ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
  ensures dec_group: \result == PV_OK ==>
    e->group == 1 || e->group == 4 || e->group == 16 || e->group == 64;
  ensures dec_mt: \result == PV_OK ==> e->mt <= PV_MMU_MT_MIXED;
  ensures dec_domain: \result == PV_OK ==> e->domain < 16 || e->domain == PV_MMU_NO_DOMAIN;
*/
static inline int32_t pv_mmu_decode(const struct pv_mmu *m, unsigned tbl, uint32_t d,
				    struct pv_mmu_ent *e);

/* pv_mmu_check: rte_pin.c's contract, proved there (rte-check). */
/*@
  requires CHECK_INST(m);
  requires \valid(m->io + (0 .. m->io_max - 1));
  requires \valid_read(e);
  requires e->kind <= PV_MMU_ENT_FINE;
  requires e->mt <= PV_MMU_MT_MIXED;
  requires e->domain < 16 || e->domain == PV_MMU_NO_DOMAIN;
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  requires m->nr_frames == m->ram_size >> 12 && m->ram_size % 4096 == 0;
  assigns \nothing;
  ensures check_countable: \result == PV_OK ==> COUNTABLE(m, e);
*/
static inline int32_t pv_mmu_check(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
				    uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*
 * pv_mmu_get: rte_pin.c's contract, proved there (rte-pin-get), but for
 * one word: its assigns clause names the I/O records whole
 * (m->io[0 .. m->io_max - 1]) where rte_pin.c names their maps fields
 * (m->io[0 .. m->io_max - 1].maps), a superset, so the clause here
 * follows from the one proved. With the fields alone, every read after a
 * call (the plan, the instance's fields, the keys) met a quantified frame
 * condition (no maps field of any region is this address) that CVC4 did
 * not get through within its budget. Its instance precondition is
 * rte_pin.c's PIN_SIZED (PIN_INST without the grant owners' invariant
 * OWNERS_OK, which the get does not read) as five named clauses, the
 * same conjunction (each its own goal at the call, without -wp-split: as
 * one, CVC4 did not prove it within the budget).
 */
/*@
  requires get_store: PIN_STORE(m);
  requires get_sized: CHECK_SIZED(m);
  requires get_sizes: PIN_SIZES(m);
  requires get_counts: PIN_COUNTS(m);
  requires get_apart: PIN_APART(m);
  requires \valid_read(e) && \separated(e, m->fr_ro + (0 .. m->nr_frames - 1),
    m->fr_tc + (0 .. m->nr_frames - 1), m->fr_gmaps + (0 .. m->nr_frames - 1),
    m->io + (0 .. m->io_max - 1));
  requires COUNTABLE(m, e);
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1];
*/
static inline void pv_mmu_get(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);

/*
 * pv_mmu_put: rte_pin.c's contract, proved there (rte-pin-put), restated
 * word for word with its predicate and macros, but for the I/O records in
 * its assigns clause, whole here (a superset of the proved maps fields,
 * as for pv_mmu_get above), and without its post-condition put_keys (no
 * key changes: proved there, rte-pin-put-keys; update_commit reads no key
 * after a put). update_commit meets its
 * preconditions: PUT_INST follows from UPD_INST (and stays, PUT_KEPT); the
 * entry is a local or the plan's, apart from the counts; a table
 * pointer's table is in RAM by the invariant of pinned tables (every entry
 * of one passed pv_mmu_check when it was written), which these contracts
 * cannot state (the decoders are C functions, not logic ones), so
 * update_commit tests it before the put (PV_ASSERT), as walk_put does.
 */
/*@
  // What the put side needs of the instance: pin_inst without the grant
  // owners' invariant (check_inst's universal): the frame store, the grant
  // and I/O map counts apart from all else, RAM in whole frames. The
  // instance's sizes are parameters (PUT_INST passes them): so the
  // predicate reads no memory the walk writes, and the provers carry it
  // through walk_put's loop by the sizes alone (PUT_KEPT).
  predicate put_store(struct pv_mmu *m, integer nr, integer rs, integer nio) =
    \valid_read(m) && nr <= 0x100000 && nr == rs / 4096 && rs % 4096 == 0 &&
    \valid_read(m->fr_key + (0 .. nr - 1)) &&
    \valid_read(m->fr_group + (0 .. (nr + 63) / 64 - 1)) &&
    \valid(m->fr_ro + (0 .. nr - 1)) && \valid(m->fr_tc + (0 .. nr - 1)) &&
    \valid(m->fr_gmaps + (0 .. nr - 1)) && \valid(m->io + (0 .. nio - 1)) &&
    \separated(m, m->fr_gmaps + (0 .. nr - 1), m->io + (0 .. nio - 1),
               m->fr_ro + (0 .. nr - 1), m->fr_tc + (0 .. nr - 1),
               m->fr_key + (0 .. nr - 1), m->fr_group + (0 .. (nr + 63) / 64 - 1));
*/
#define PUT_INST(m) put_store(m, m->nr_frames, m->ram_size, m->io_max)
#define PUT_KEPT(m) (m->nr_frames == \old(m->nr_frames) && m->ram_size == \old(m->ram_size) && \
		     m->io_max == \old(m->io_max))

/*@
  // e: a local of walk_put, decoded from a table's slot; a table
  // pointer's table is in RAM (pv_mmu_check's table_in_ram: walk_put tests
  // it with PV_ASSERT), a leaf anything (the frames of a leaf of several
  // are tested by pv_mmu_put_frames, PV_ASSERT)
  requires PUT_INST(m);
  requires e->kind != PV_MMU_ENT_LEAF ==> (uint32_t)(e->base - m->ram_base) < m->ram_size;
  requires \valid_read(e) && \separated(e, m->fr_ro + (0 .. m->nr_frames - 1),
    m->fr_tc + (0 .. m->nr_frames - 1), m->fr_gmaps + (0 .. m->nr_frames - 1),
    m->io + (0 .. m->io_max - 1));
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1];
  ensures PUT_KEPT(m);
*/
static inline void pv_mmu_put(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);

/*
 * pv_mmu_flush_after_release (validate.c) reads m->format and calls two
 * port hooks (the cache flush, and the TLB hook with a request of its
 * own), which change no memory the C code sees: word for word the
 * contract rte_pin_ops.c proves (rte-pin-release), the hooks taken as
 * assigns \nothing there.
 */
/*@ requires \valid_read(m);
    assigns \nothing; */
void pv_mmu_flush_after_release(const struct pv_mmu *m);

/*
 * pv_mmu_update's batch loop keeps the instance's sizes, its RAM's base
 * and every key and grant peer (update_one writes only counts, I/O map
 * counts, RAM and its state): with these invariants, update_one's
 * precondition one_inst at the loop's call is the precondition of
 * pv_mmu_update read through them.
 */
#define PV_WP_BATCH_SIZES m->nr_frames == \at(m->nr_frames, Pre) && \
	m->ram_size == \at(m->ram_size, Pre) && m->io_max == \at(m->io_max, Pre) && \
	m->nr_domains == \at(m->nr_domains, Pre) && m->ram_base == \at(m->ram_base, Pre)
#define PV_WP_BATCH_KEYS \forall integer k; 0 <= k < \at(m->nr_frames, Pre) ==> \
	m->fr_key[k] == \at(m->fr_key[k], Pre) && m->fr_gpeer[k] == \at(m->fr_gpeer[k], Pre)
#include "update.c"

/*
 * A decided request (update_decide's plan, read by update_commit): its
 * span [slot, slot + len) is an aligned group of 1, 4, 16 or 64 slots
 * within the table, in RAM; the new entry, if not a fault, was accepted
 * (countable); both entries are of a kind, the new group fits the span.
 */
#define PLAN_SPAN(p) (p)->s + ((p)->slot .. (p)->slot + (p)->len - 1)
#define PLAN_OK(m, p)                                                                  \
	(((p)->len == 1 || (p)->len == 4 || (p)->len == 16 || (p)->len == 64) &&       \
	 (p)->slot + (p)->len <= 4096 &&                                               \
	 \valid(PLAN_SPAN(p)) && \subset(PLAN_SPAN(p), UPD_RAM(m)) &&                  \
	 \separated(PLAN_SPAN(p), m, p, UPD_ARRAYS(m)) &&                               \
	 (p)->ne.kind <= PV_MMU_ENT_FINE && (p)->oe.kind <= PV_MMU_ENT_FINE &&          \
	 ((p)->ne.group == 1 || (p)->ne.group == 4 || (p)->ne.group == 16 ||            \
	  (p)->ne.group == 64) &&                                                       \
	 (p)->ne.group <= (p)->len && (p)->oe.group <= (p)->len &&                      \
	 ((p)->ne.kind != PV_MMU_ENT_FAULT ==> COUNTABLE(m, &(p)->ne)))

/*@
  requires UPD_INST(m);
  // pv_mmu_update passes pv_domid_val of a live domain: < nr_domains
  requires dom <= PV_DOMID_MAX_GUEST;
  // p: a local of update_one
  requires \valid(p) && \separated(p, m, UPD_ARRAYS(m), UPD_RAM(m));
  assigns *p;
  // PLAN_OK, clause by clause (one goal each; as one post-condition its
  // parts 3 to 5 stayed at CVC4's step limit)
  ensures plan_len: \result == PV_OK ==>
    ((p->len == 1 || p->len == 4 || p->len == 16 || p->len == 64) && p->slot + p->len <= 4096);
  ensures plan_ram: \result == PV_OK ==> \valid(PLAN_SPAN(p)) && \subset(PLAN_SPAN(p), UPD_RAM(m));
  ensures plan_apart: \result == PV_OK ==> \separated(PLAN_SPAN(p), m, p, UPD_ARRAYS(m));
  // the span aligned to its size (rule 5, update_one's rule5_aligned):
  // not a clause of PLAN_OK, which every goal of update_commit has among
  // its hypotheses (with slot % len == 0 there, four of its goals near
  // the budget went past it)
  ensures plan_aligned: \result == PV_OK ==> ((uint32_t)(p->len - 1) & p->slot) == 0;
  ensures plan_ents: \result == PV_OK ==>
    (p->ne.kind <= PV_MMU_ENT_FINE && p->oe.kind <= PV_MMU_ENT_FINE &&
     (p->ne.group == 1 || p->ne.group == 4 || p->ne.group == 16 || p->ne.group == 64) &&
     p->ne.group <= p->len && p->oe.group <= p->len);
  ensures plan_countable: \result == PV_OK ==>
    (p->ne.kind != PV_MMU_ENT_FAULT ==> COUNTABLE(m, &p->ne));
*/
static int32_t update_decide(const struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			     struct upd_plan *p);

/*@
  requires UPD_INST(m);
  requires dom <= PV_DOMID_MAX_GUEST;
  // p: update_one's plan, filled by update_decide (its post-condition
  // plan); st: pv_mmu_update's batch state (locals both)
  requires \valid_read(p) && \valid(st) && \separated(p, st);
  requires \separated(p, m, UPD_ARRAYS(m), UPD_RAM(m));
  requires \separated(st, m, UPD_ARRAYS(m), UPD_RAM(m));
  requires PLAN_OK(m, p);
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1],
    p->s[p->slot .. p->slot + p->len - 1], st->released;
  // Rule 5 of docs/mmu.md for the slots written: the span ends as the
  // new group's replicas (val in each of its first ne.group slots), then
  // fault entries (0) to its end (the rest of a larger old group); from
  // the write loop's invariants in update.c (span_reps, span_zeros)
  ensures span_replicas: \let s = \old(p->s); \forall integer k;
    \old(p->slot) <= k < \old(p->slot) + \old(p->ne.group) ==> s[k] == val;
  ensures span_faults: \let s = \old(p->s); \forall integer k;
    \old(p->slot) + \old(p->ne.group) <= k < \old(p->slot) + \old(p->len) ==> s[k] == 0;
*/
static void update_commit(struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			  const struct upd_plan *p, struct upd_state *st);

/*@
  requires one_inst: UPD_INST(m);
  requires dom <= PV_DOMID_MAX_GUEST;
  // st: pv_mmu_update's local
  requires \valid(st) && \separated(st, m, UPD_ARRAYS(m), UPD_RAM(m));
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1],
    m->ram[0 .. m->nr_frames * 1024 - 1], st->released;
*/
static int32_t update_one(struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			  struct upd_state *st);

/*@
  requires UPD_INST(m);
  // the hypercall layer's copy of the guest's batch, count requests (a
  // longer batch is refused before any is read); their contents arbitrary
  requires count <= PV_MMU_UPDATE_MAX ==> \valid_read(reqs + (0 .. count - 1));
  // done: the caller's result word
  requires \valid(done) && \separated(done, m, UPD_ARRAYS(m), UPD_RAM(m));
  assigns *done, m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1],
    m->ram[0 .. m->nr_frames * 1024 - 1];
  ensures done_le: *done <= count;
*/
enum pv_status pv_mmu_update(struct pv_mmu *m, pv_domid_t dom,
			     const struct pv_mmu_update_req *reqs, uint32_t count, uint32_t *done);
