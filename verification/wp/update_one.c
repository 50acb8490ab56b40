/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_update's request step as theorems (Frama-C WP), stated on the
 * library's own functions in lib/mmu/update.c, which this file includes:
 *
 * - update_decide() takes every decision of a request and writes nothing
 *   but its plan (a local of update_one): its assigns clause, from the
 *   contracts of the decoders and of pv_mmu_check() below (each proved in
 *   its own run, see there). PROVED.
 * - update_one(): a refused request changes nothing, neither the frame
 *   table, nor RAM (the tables), nor the I/O regions, nor the batch state
 *   (refused_*). PROVED. update_commit() is called only after an
 *   acceptance; its contract below is not used by the refusal proof (which
 *   needs only that it is not reached). What it writes is proved in
 *   rte_update.c (rte-update-commit), there with the I/O region records
 *   whole rather than their maps fields, and without the keys and group
 *   summaries listed here.
 * - rule 6: an accepted write to an L1 spans slots [slot, slot + len) none
 *   of which is one of the hypervisor's [hyp_slot_lo, hyp_slot_hi)
 *   (hyp_slots, with hyp_test and span_bounds). PROVED, with pv_mmu_decode()
 *   used through its contract (one call, one effect on the entry: inlined,
 *   its format switch gave each decoded entry a memory state per branch,
 *   and the provers timed out on the L1 path's goal).
 */
#include "check_pending.c"

/* The port's assertion hook stops the machine: it does not return. */
/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

/*
 * The decoders, as update_decide() needs them: they write only the entry,
 * and an accepted descriptor decodes to one of the four kinds, a group of
 * 1 to 64 slots. tools/prove proves dec_kind, dec_group and the assigns
 * clauses from the decoders' code (the update_decoders run); that the
 * memory type is at most PV_MMU_MT_MIXED is not stated (it comes from a
 * lookup table, whose entries the provers do not case-split within the
 * time limit). update_decide()'s proof uses these
 * contracts instead of inlining the decoders (WP did not finish generating
 * the goals with all five inlined twice).
 */
/*@
  // A slot index is 30 bits (Qed proves it; the provers then use it).
  lemma lsr2_range: \forall integer x; 0 <= x <= 0xFFFFFFFF ==> 0 <= (x >> 2) <= 0x3FFFFFFF;
  // As lsr12_div in check_leaf.c: C11 6.5.7's definition of the shift
  // (Qed writes the slot index both ways).
  axiomatic ShiftIsDivision2 {
  axiom lsr2_div: \forall integer x; 0 <= x ==> (x >> 2) == x / 4;
  }
*/
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind == PV_MMU_ENT_FAULT || e->kind == PV_MMU_ENT_LEAF ||
      e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE;
    ensures dec_group: \result == PV_OK ==> 1 <= e->group <= 64; */
static inline int32_t pv_mmu_v5_decode_l1(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind == PV_MMU_ENT_FAULT || e->kind == PV_MMU_ENT_LEAF ||
      e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE;
    ensures dec_group: \result == PV_OK ==> 1 <= e->group <= 64; */
static inline int32_t pv_mmu_v5_decode_coarse(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind == PV_MMU_ENT_FAULT || e->kind == PV_MMU_ENT_LEAF ||
      e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE;
    ensures dec_group: \result == PV_OK ==> 1 <= e->group <= 64; */
static inline int32_t pv_mmu_v5_decode_fine(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind == PV_MMU_ENT_FAULT || e->kind == PV_MMU_ENT_LEAF ||
      e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE;
    ensures dec_group: \result == PV_OK ==> 1 <= e->group <= 64; */
static inline int32_t pv_mmu_v7_decode_l1(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind == PV_MMU_ENT_FAULT || e->kind == PV_MMU_ENT_LEAF ||
      e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE;
    ensures dec_group: \result == PV_OK ==> 1 <= e->group <= 64; */
static inline int32_t pv_mmu_v7_decode_l2(uint32_t d, struct pv_mmu_ent *e);

/*
 * pv_mmu_decode(), the format switch in front of the decoders, with their
 * contract: tools/prove proves it from theirs (the update_decoders run).
 */
/*@ requires \valid_read(m) && \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind == PV_MMU_ENT_FAULT || e->kind == PV_MMU_ENT_LEAF ||
      e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE;
    ensures dec_group: \result == PV_OK ==> 1 <= e->group <= 64; */
static inline int32_t pv_mmu_decode(const struct pv_mmu *m, unsigned tbl, uint32_t d,
				    struct pv_mmu_ent *e);

/*
 * pv_mmu_check changes nothing. thm_check in check_pending.c proves this
 * assigns clause with pv_mmu_check inlined (tools/prove's check_arm_domain
 * run), under its preconditions; the function writes nothing but a local
 * copy of the entry whatever they are, and its two callees' contracts
 * assign nothing. Stated here without those preconditions: restating
 * them at the call costs goals the provers do not settle within the time
 * limit (they need the decoded entries, locals, to lie apart from the
 * instance).
 */
/*@
  assigns \nothing;
*/
static inline int32_t pv_mmu_check(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
				    uint32_t pin_lo, uint32_t pin_hi, bool existing);

#include "update.c"

/*@
  // What a request may write: the frame table, the tables in RAM, the I/O
  // regions' map counts; one predicate per array (smaller goals).
  predicate same_words{L1, L2}(uint32_t *a, integer n) =
    \forall integer k; 0 <= k < n ==> \at(a[k], L1) == \at(a[k], L2);
  predicate io_unchanged{L1, L2}(struct pv_mmu *m) =
    \forall integer r; 0 <= r < \at(m->io_max, L1) ==> \at(m->io[r].maps, L1) == \at(m->io[r].maps, L2);

  // The instance as pv_mmu_check's theorem needs it (check_pending.c).
  predicate instance{L}(struct pv_mmu *m) =
    frame_table(m) && m->nr_frames == m->ram_size >> 12 &&
    (\forall integer i; 0 <= i < m->nr_frames ==> grant_owner_ok(m, i)) &&
    m->ram_types != 0 && (m->ram_types & ~PV_MMU_MT_NORMAL_ALL) == 0 &&
    \valid(m->io + (0 .. m->io_max - 1)) &&
    \valid_read(m->ram + (0 .. m->nr_frames * 1024 - 1)) &&
    \valid(m->fr_ro + (0 .. m->nr_frames - 1)) && \valid(m->fr_tc + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_gmaps + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_group + (0 .. (m->nr_frames - 1) / 64));
*/

/*@
  // hyp_test and span_bounds give hyp_slots (a lemma: no code involved)
  lemma span_misses: \forall integer s, l, lo, hi;
    0 <= s <= 0x3FFFFFFF && 1 <= l <= 64 && 0 <= lo <= 0xFFFFFFFF && 0 <= hi <= 0xFFFFFFFF &&
    !(s < hi && (uint32_t)(s + l) > lo) ==>
      \forall integer j; s <= j < s + l ==> !(lo <= j < hi);
*/

/*@
  // The plan is none of the instance's storage (it is a local of update_one).
  predicate apart(struct upd_plan *p, struct pv_mmu *m) =
    \separated(p, m) && \separated(p, m->fr_key + (0 .. m->nr_frames - 1)) &&
    \separated(p, m->fr_gpeer + (0 .. m->nr_frames - 1)) &&
    \separated(p, m->domains + (0 .. m->nr_domains - 1)) &&
    \separated(p, m->io + (0 .. m->io_max - 1)) &&
    \separated(p, m->ram + (0 .. m->nr_frames * 1024 - 1));
*/

/*@
  requires instance(m);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires \valid(p) && apart(p, m);
  assigns *p;
  // rule 6: an accepted L1 write reaches none of the hypervisor's slots
  ensures hyp_slots: \result == PV_OK && p->tbl == PV_MMU_TBL_L1 ==>
    \forall integer j; p->slot <= j < p->slot + p->len ==>
      !(\old(m->hyp_slot_lo) <= j < \old(m->hyp_slot_hi));
  // the same in the code's own terms, and the bounds that make the two agree
  ensures hyp_test: \result == PV_OK && p->tbl == PV_MMU_TBL_L1 ==>
    !(p->slot < \old(m->hyp_slot_hi) && (uint32_t)(p->slot + p->len) > \old(m->hyp_slot_lo));
  ensures span_bounds: \result == PV_OK ==> p->slot <= 0x3FFFFFFF && 1 <= p->len <= 64;
*/
static int32_t update_decide(const struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			     struct upd_plan *p);

/*@
  assigns m->fr_key[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
          m->fr_tc[0 .. m->nr_frames - 1], m->fr_gmaps[0 .. m->nr_frames - 1],
          m->fr_group[0 .. (m->nr_frames - 1) >> 6], m->io[0 .. m->io_max - 1].maps,
          p->s[p->slot .. p->slot + p->len - 1], st->released;
*/
static void update_commit(struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			  const struct upd_plan *p, struct upd_state *st);

/*@
  requires instance(m);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires \valid(st);
  // a refused request changes nothing: the frame table, the tables in RAM,
  // the I/O regions' map counts, the batch's flush flag
  ensures refused_keys: \result != PV_OK ==> same_words{Pre, Post}(m->fr_key, m->nr_frames);
  ensures refused_ro: \result != PV_OK ==> same_words{Pre, Post}(m->fr_ro, m->nr_frames);
  ensures refused_tc: \result != PV_OK ==> same_words{Pre, Post}(m->fr_tc, m->nr_frames);
  ensures refused_gmaps: \result != PV_OK ==> same_words{Pre, Post}(m->fr_gmaps, m->nr_frames);
  ensures refused_gpeer: \result != PV_OK ==> same_words{Pre, Post}(m->fr_gpeer, m->nr_frames);
  ensures refused_groups: \result != PV_OK ==>
    same_words{Pre, Post}(m->fr_group, (m->nr_frames - 1) / 64 + 1);
  ensures refused_ram: \result != PV_OK ==> same_words{Pre, Post}(m->ram, m->nr_frames * 1024);
  ensures refused_io: \result != PV_OK ==> io_unchanged{Pre, Post}(m);
  ensures refused_flag: \result != PV_OK ==> st->released == \old(st->released);
*/
static int32_t update_one(struct pv_mmu *m, uint16_t dom, uint32_t ptr, uint32_t val,
			  struct upd_state *st);
