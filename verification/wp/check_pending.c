/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The theorems of pv_mmu_check as a whole, built on isolation.c's
 * predicates. tools/prove runs thm_check's arm_domain (CVC4 proves it, Z3
 * gives up), no_global, table_in_ram, table_owner, table_type, io_leaf and
 * its assigns clause; check_leaf.c proves rules 1, 2, 3 and 9 for a leaf
 * in RAM. thm_check's own leaf_in_ram, leaf_may_map, ram_type and
 * ram_normal (the same statements within every path of the function) are
 * not run: the provers time out on them. The ARMv7 decoder theorem (see
 * decode_rules.c for rules 8, 10, 12) and rule_1_3_complete at the end are
 * open. See docs/verification.md.
 * Run: frama-c -c11 -machdep gcc_x86_32 -cpp-extra-args="-Iinclude -Ilib/mmu" \
 *   -inline-calls pv_mmu_check,pv_mmu_frame_index,check_frame,fr_owner,fr_ttype,fr_flags,fr_gpeer \
 *   -wp -wp-prover qed,z3,cvc4 -wp-fct thm_check verification/wp/check_pending.c
 */
#include "isolation.c"

/*@ // A frame index is 20 bits (Qed proves it; the provers then use it).
  lemma lsr12_range: \forall integer x; 0 <= x <= 0xFFFFFFFF ==> 0 <= (x >> 12) <= 0xFFFFF;
*/
#include "io.c"

/*
 * The out-of-line halves, stated here and used by pv_mmu_check's theorem.
 * pv_mmu_check_frames (the vectorized key scan): this form of its contract
 * is assumed here. check_frames.c proves the function's own contract
 * (frames_may_map) under the frame store's preconditions, and
 * check_leaf_frames proves the leaf theorems through that one, its
 * preconditions checked at the call (see docs/verification.md); the unit
 * tests also compare it with check_frame() frame by frame.
 */
/*@
  requires frame_table(m);
  assigns \nothing;
  ensures \result == PV_OK ==> idx + n <= m->nr_frames ==>
    \forall integer k; idx <= k < idx + n ==> may_map(m, k, dom, writable, pin_lo, pin_hi, existing);
*/
int32_t pv_mmu_check_frames(const struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n,
			    bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*@
  logic integer ent_idx(struct pv_mmu *m, integer base) =
    (uint32_t)(base - m->ram_base) < m->ram_size ? (uint32_t)(base - m->ram_base) >> 12 : 0xFFFFFFFF;
*/

/*@
  requires frame_table(m);
  requires \valid_read(e);
  requires e->kind == PV_MMU_ENT_LEAF || e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE;
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  requires m->nr_frames == m->ram_size >> 12;
  requires \forall integer i; 0 <= i < m->nr_frames ==> grant_owner_ok(m, i);
  // pv_mmu_init: ram_types holds Normal types only; the decoders give a type <= MIXED
  requires m->ram_types != 0 && (m->ram_types & ~PV_MMU_MT_NORMAL_ALL) == 0;
  requires e->mt <= PV_MMU_MT_MIXED;
  requires \valid(m->io + (0 .. m->io_max - 1));
  assigns \nothing;
  // rule 7: an L1 entry's ARM domain is a guest domain (never the hypervisor's)
  ensures arm_domain: \result == PV_OK && e->domain != PV_MMU_NO_DOMAIN ==>
    e->domain < 16 && ((m->guest_domains >> e->domain) & 1) != 0;
  // rule 12: no global mapping unless the port allows it
  ensures no_global: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && e->global != 0 ==>
    m->allow_global;
  // rules 1, 2, 3: a leaf in RAM maps only frames the domain may map, all inside RAM
  ensures leaf_in_ram: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF &&
    (uint32_t)(e->base - m->ram_base) < m->ram_size ==>
      ent_idx(m, e->base) + e->frames <= m->nr_frames;
  ensures leaf_may_map: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF &&
    (uint32_t)(e->base - m->ram_base) < m->ram_size ==>
      \forall integer k; ent_idx(m, e->base) <= k < ent_idx(m, e->base) + e->frames ==>
        may_map(m, k, dom, (e->writable != 0 ? 1 : 0), pin_lo, pin_hi, existing);
  // rule 9: RAM only with a memory type of ram_types, which pv_mmu_init
  // keeps to Normal types: no device or strongly-ordered alias of RAM
  ensures ram_type: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF &&
    (uint32_t)(e->base - m->ram_base) < m->ram_size ==>
      e->mt < 32 && ((m->ram_types >> e->mt) & 1) != 0;
  ensures ram_normal: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF &&
    (uint32_t)(e->base - m->ram_base) < m->ram_size ==>
      PV_MMU_MT_NC <= e->mt <= PV_MMU_MT_MIXED;
  // rule 9 for I/O: a leaf outside RAM lies in one of dom's regions, with a
  // type that region lists (io.c proves pv_mmu_check_io's contract)
  ensures io_leaf: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF &&
    !((uint32_t)(e->base - m->ram_base) < m->ram_size) ==>
    \exists integer r; 0 <= r < m->io_max &&
      region_holds(m, r, dom, e->base, (uint32_t)(e->frames << 12)) &&
      ((m->io[r].types >> e->mt) & 1) != 0 &&
      (e->writable != 0 ==> (m->io[r].flags & PV_MMU_IO_WRITE) != 0);
  // rule 4: a table pointer leads to a pinned table of the same domain, of the right kind
  ensures table_in_ram: \result == PV_OK && e->kind != PV_MMU_ENT_LEAF ==>
    (uint32_t)(e->base - m->ram_base) < m->ram_size;
  ensures table_owner: \result == PV_OK && e->kind != PV_MMU_ENT_LEAF ==>
    owner(m, ent_idx(m, e->base)) == dom;
  ensures table_type: \result == PV_OK && e->kind != PV_MMU_ENT_LEAF ==>
    ttype(m, ent_idx(m, e->base)) == (e->kind == PV_MMU_ENT_COARSE ? PV_MMU_FT_L2 : PV_MMU_FT_FINE);
*/
int32_t thm_check(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e, uint32_t pin_lo,
		  uint32_t pin_hi, bool existing)
{
	return pv_mmu_check(m, dom, e, pin_lo, pin_hi, existing);
}

/*
 * ARMv7 L1 decode, not run. Rules 10, 12 and 8 (v7_l1_pxn, v7_l1_imp_ns,
 * v7_l1_global, v7_l1_ap, with the rest of those rules for both formats)
 * are proved in decode_rules.c (tools/prove's rules-v7 and rules-v5), and
 * an accepted entry's domain is < 16 or none (dec_domain, rte_decode.c).
 * Left here: v7_l1_domain for any result (CVC4 proves it) and v7_l1_leaf
 * (rule 2), whose part 2, a supersection's base 16 MiB aligned
 * ((d & 0xFF000000) & 0xFFFFFF == 0), CVC4 does not prove.
 */
/*@
  requires \valid(e);
  assigns *e;
  ensures v7_l1_domain: e->domain < 16;
  // rule 2: sections 256 frames, supersections 4096 frames in domain 0
  ensures v7_l1_leaf: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==>
    (e->frames == 256 && (e->base & 0xFFFFF) == 0) ||
    (e->frames == 4096 && e->domain == 0 && (e->base & 0xFFFFFF) == 0);
*/
int32_t thm_v7_decode_l1(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v7_decode_l1(d, e);
}

/*
 * rules 1 and 3 of check_frame as one statement, both directions. The
 * conjuncts of rule_1_3_accepted are proved one by one in isolation.c
 * (owned_or_granted, granted_rights, no_new_map_of_dying,
 * no_writable_table, no_writable_pinning); Z3 proves the conjunction on an
 * idle machine in about 3 s but not reliably within the time limit.
 * rule_1_3_complete (the check refuses nothing the rules allow) is open.
 */
/*@
  requires frame_table(m);
  requires i < m->nr_frames;
  requires grant_owner_ok(m, i);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns \nothing;
  ensures rule_1_3_accepted: \result == PV_OK ==> may_map(m, i, dom, writable, pin_lo, pin_hi, existing);
  ensures rule_1_3_complete: may_map(m, i, dom, writable, pin_lo, pin_hi, existing) ==> \result == PV_OK;
*/
int32_t thm_check_frame_whole(const struct pv_mmu *m, uint32_t i, uint16_t dom, bool writable,
			      uint32_t pin_lo, uint32_t pin_hi, bool existing)
{
	return check_frame(m, i, dom, writable, pin_lo, pin_hi, existing);
}
