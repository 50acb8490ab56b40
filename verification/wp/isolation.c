/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The page-table validator's isolation rules as theorems (Frama-C WP).
 *
 * Each thm_* function below calls one decision function of lib/mmu exactly
 * as the library does; tools/prove inlines the call (-inline-calls), so the
 * contract is proved about the library's own code, not a copy. Run by
 * tools/prove; docs/verification.md maps the rules of docs/mmu.md to these
 * theorems.
 */
#include "mmu_internal.h"

/*@
  // The frame table of m, as pv_mmu_init sets it up and every operation
  // keeps it (pv_mmu_audit checks the parts that can be checked).
  predicate frame_table{L}(struct pv_mmu *m) =
    \valid_read(m) && m->nr_frames > 0 &&
    \valid_read(m->fr_key + (0 .. m->nr_frames - 1)) &&
    \valid_read(m->fr_gpeer + (0 .. m->nr_frames - 1)) &&
    \valid_read(m->domains + (0 .. m->nr_domains - 1));



  logic integer owner{L}(struct pv_mmu *m, integer i) = (uint16_t)(m->fr_key[i] & 0xFFFF);
  logic integer ttype{L}(struct pv_mmu *m, integer i) = (uint8_t)(m->fr_key[i] >> 16);
  logic integer fflags{L}(struct pv_mmu *m, integer i) = (uint8_t)(m->fr_key[i] >> 24);
  logic integer gpeer{L}(struct pv_mmu *m, integer i) = (uint16_t)m->fr_gpeer[i];

  // A granted frame's owner is a domain of the instance (pv_mmu_grant
  // grants only a live domain's frames; destroy drops the grants first).
  predicate grant_owner_ok{L}(struct pv_mmu *m, integer i) =
    gpeer(m, i) != PV_DOMID_NONE_VALUE ==> owner(m, i) < m->nr_domains;

  // May dom map frame i (writable: for writing), as docs/mmu.md rules 1 and 3 say?
  predicate may_map{L}(struct pv_mmu *m, integer i, integer dom, integer w,
                       integer pin_lo, integer pin_hi, integer existing) =
    // rule 1: its own, or granted to it with enough rights, and (for a new
    // mapping) its owner not being destroyed
    (owner(m, i) == dom ||
     (gpeer(m, i) == dom && (w == 0 || (fflags(m, i) & PV_MMU_FRAME_GRANT_RW) != 0) &&
      (existing != 0 || !m->domains[owner(m, i)].dying))) &&
    // rule 3: never a page-table frame writable, nor a frame being pinned
    (w != 0 ==> ttype(m, i) == PV_MMU_FT_NONE && !(pin_lo <= i < pin_hi));
*/

/*@
  requires frame_table(m);
  requires i < m->nr_frames;
  requires grant_owner_ok(m, i);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns \nothing;
  ensures owned_or_granted: \result == PV_OK ==> owner(m, i) == dom || gpeer(m, i) == dom;
  ensures no_writable_table: \result == PV_OK && writable ==> ttype(m, i) == PV_MMU_FT_NONE;
  ensures no_writable_pinning: \result == PV_OK && writable ==> !(pin_lo <= i < pin_hi);
  ensures no_new_map_of_dying: \result == PV_OK && owner(m, i) != dom && existing == 0 ==>
    !m->domains[owner(m, i)].dying;
  ensures granted_rights: \result == PV_OK && owner(m, i) != dom && writable ==>
    (fflags(m, i) & PV_MMU_FRAME_GRANT_RW) != 0;
  ensures refusal_is_error: \result != PV_OK ==> \result < 0;
*/
int32_t thm_check_frame(const struct pv_mmu *m, uint32_t i, uint16_t dom, bool writable,
			uint32_t pin_lo, uint32_t pin_hi, bool existing)
{
	return check_frame(m, i, dom, writable, pin_lo, pin_hi, existing);
}

/*@
  requires \valid(e);
  assigns *e;
  // rule 7 (input side): an L1 entry's ARM domain is the 4-bit field, so the
  // guest_domains test in pv_mmu_check is a defined shift
  ensures v5_domain: e->domain < 16;
  // rule 2: a section covers 256 frames from a 1 MiB aligned base
  ensures v5_section: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF ==>
    e->frames == 256 && (e->base & 0xFFFFF) == 0;
  // rule 11: table pointers are aligned as their kind needs
  ensures v5_coarse_base: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==> (e->base & 0x3FF) == 0;
  ensures v5_fine_base: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==> (e->base & 0xFFF) == 0;
  // rule 10: should-be-zero bits refused
  ensures v5_sbz: \result == PV_OK && (d & 3) == 2 ==> (d & 0x000FF200) == 0;
*/
int32_t thm_v5_decode_l1(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v5_decode_l1(d, e);
}

/*@
  requires \valid(e);
  assigns *e;
  ensures v5_coarse_nodomain: e->domain == PV_MMU_NO_DOMAIN;
  // rule 2 / 5: a large page covers 16 frames in 16 replicas from a 64 KiB base
  ensures v5_large: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && e->frames != 1 ==>
    e->frames == 16 && e->group == 16 && (e->base & 0xFFFF) == 0;
  ensures v5_small: \result == PV_OK && e->kind == PV_MMU_ENT_LEAF && e->frames == 1 ==>
    e->group == 1 && (e->base & 0xFFF) == 0;
  // rule 10: the XScale extended small page (0b11) is refused
  ensures v5_coarse_ext: (d & 3) == 3 ==> \result == PV_EINVAL;
*/
int32_t thm_v5_decode_coarse(uint32_t d, struct pv_mmu_ent *e)
{
	return pv_mmu_v5_decode_coarse(d, e);
}

