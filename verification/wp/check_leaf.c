/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rules 1, 2, 3 and 9 for a leaf in RAM as theorems of pv_mmu_check
 * (Frama-C WP), on check_pending.c's predicates. In a file of their own:
 * the axioms below are not in the context of check_pending.c's goals
 * (with them there, CVC4 no longer settles arm_domain in 30 s).
 * Proved by tools/prove through check_leaf_frames.c (check_leaf_frames),
 * which adds pv_mmu_check_frames' proved preconditions, with pv_mmu_check
 * inlined and check_frame not; this file's lemma in lemmas-leaf.
 */
#include "check_pending.c"

/*
 * check_frame's theorems of isolation.c (thm_check_frame: proved there with
 * check_frame inlined, under these preconditions), as its contract here:
 * thm_check_leaf's run does not inline it, which keeps its goals small.
 */
/*@
  requires frame_table(m);
  requires i < m->nr_frames;
  requires grant_owner_ok(m, i);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns \nothing;
  ensures cf_owned_or_granted: \result == PV_OK ==> owner(m, i) == dom || gpeer(m, i) == dom;
  ensures cf_no_writable_table: \result == PV_OK && writable ==> ttype(m, i) == PV_MMU_FT_NONE;
  ensures cf_no_writable_pinning: \result == PV_OK && writable ==> !(pin_lo <= i < pin_hi);
  ensures cf_no_new_map_of_dying: \result == PV_OK && owner(m, i) != dom && existing == 0 ==>
    !m->domains[owner(m, i)].dying;
  ensures cf_granted_rights: \result == PV_OK && owner(m, i) != dom && writable ==>
    (fflags(m, i) & PV_MMU_FRAME_GRANT_RW) != 0;
*/
static inline int32_t check_frame(const struct pv_mmu *m, uint32_t i, uint16_t dom,
				  bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*
 * Rules 1, 2, 3 and 9 for a leaf in RAM, proved on their own (the
 * thm_check theorem of check_pending.c states them too, but its goals carry every
 * path of the function and the provers time out on them). Two facts the
 * provers lack are given:
 * - lsr12_div: x >> 12 is x / 4096 for x >= 0, which is what C11 6.5.7
 *   defines the shift of a non-negative value to be (WP's theory has it only
 *   as twelve halvings, out of the provers' reach), and land_page, the same
 *   in the form x & ~0xFFF, which is how Qed writes pv_mmu_frame_index's
 *   test against UINT32_MAX;
 * - ram_normal_only: pv_mmu_init's check of ram_types (no bit outside
 *   PV_MMU_MT_NORMAL_ALL), stated type by type.
 */
/*@ axiomatic ShiftIsDivision {
  axiom lsr12_div: \forall integer x; 0 <= x ==> (x >> 12) == x / 4096;
  // the same fact in the form Qed gives a test of (x >> 12) against a
  // constant: x with its low 12 bits cleared
  axiom land_page: \forall integer x; 0 <= x ==> (x & -4096) == x - x % 4096;
  }
  // the shift is monotonic (from lsr12_div; a goal of its own)
  lemma lsr12_mono: \forall integer a, b; 0 <= a <= b ==> (a >> 12) <= (b >> 12);
*/
/*@
  requires frame_table(m);
  requires \valid_read(e);
  requires e->kind == PV_MMU_ENT_LEAF;
  requires (uint32_t)(e->base - m->ram_base) < m->ram_size;
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  requires m->nr_frames == m->ram_size >> 12;
  requires \forall integer i; 0 <= i < m->nr_frames ==> grant_owner_ok(m, i);
  requires ram_normal_only: \forall integer t; 0 <= t <= PV_MMU_MT_MIXED ==>
    ((m->ram_types >> t) & 1) != 0 ==> PV_MMU_MT_NC <= t;
  requires e->mt <= PV_MMU_MT_MIXED;
  requires \valid(m->io + (0 .. m->io_max - 1));
  assigns \nothing;
  ensures leaf_in_ram: \result == PV_OK ==> ent_idx(m, e->base) + e->frames <= m->nr_frames;
  ensures leaf_may_map: \result == PV_OK ==>
    \forall integer k; ent_idx(m, e->base) <= k < ent_idx(m, e->base) + e->frames ==>
      may_map(m, k, dom, (e->writable != 0 ? 1 : 0), pin_lo, pin_hi, existing);
  ensures ram_type: \result == PV_OK ==> ((m->ram_types >> e->mt) & 1) != 0;
  ensures ram_normal: \result == PV_OK ==> PV_MMU_MT_NC <= e->mt <= PV_MMU_MT_MIXED;
*/
int32_t thm_check_leaf(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
		       uint32_t pin_lo, uint32_t pin_hi, bool existing)
{
	/* Intermediate steps, each a goal of its own: the frame index of a
	 * base in RAM is at most nr_frames (from the preconditions alone), and
	 * what an acceptance implies, read off the code's own tests. */
	//@ assert idx_le: ent_idx(m, e->base) <= m->nr_frames;
	int32_t rc = pv_mmu_check(m, dom, e, pin_lo, pin_hi, existing);
	//@ assert fits: rc == PV_OK ==> e->frames <= (uint32_t)(m->nr_frames - ent_idx(m, e->base));
	//@ assert type_bit: rc == PV_OK ==> ((m->ram_types >> e->mt) & 1) != 0;
	/* rules 1 and 3 for a one-frame leaf: check_frame's contract above */
	/*@ assert one_frame: rc == PV_OK && e->frames == 1 ==>
	      may_map(m, ent_idx(m, e->base), dom, (e->writable != 0 ? 1 : 0), pin_lo, pin_hi, existing); */
	return rc;
}
