/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in the descriptor decoders of lib/mmu and in
 * pv_mmu_decode(), the format switch in front of them (Frama-C WP,
 * -wp-rte): no out-of-bounds table lookup, no invalid shift, no overflow,
 * no uninitialized read, for every descriptor word d (a guest writes it,
 * through pv_mmu_update or a table it asks to pin).
 *
 * The contracts below are on the library's own functions: tools/prove runs
 * WP on each (-wp-fct) with its helpers inlined (v5_cb, v5_ap4_writable,
 * v7_memtype, v7_ap, pv_mmu_ent_init), and on pv_mmu_decode() with the
 * decoders used through these contracts. Each precondition is what every
 * call site guarantees, never something a guest controls:
 *
 * - e is valid: every caller passes the address of a local struct
 *   pv_mmu_ent (validate.c's walks, update.c, translate.c, audit.c);
 * - m is valid (pv_mmu_decode): the caller's initialised instance; its
 *   format and tbl are whatever they are (the switch picks some decoder
 *   for any value, so nothing is assumed of them).
 *
 * The ARMv5 section and coarse decoders are also covered by the theorems of
 * isolation.c (inlined there, with -wp-rte); they are here because
 * pv_mmu_decode() calls them.
 */
#include "mmu_internal.h"

/*@
  // C11 6.5.10 on a non-negative value: its two low bits are its remainder
  // by 4 (WP's theory does not bound x & 3; with this, CVC4 knows that a
  // type field that is none of 0, 1, 2 is 3).
  axiomatic LowBits {
  axiom land3_mod: \forall integer x; 0 <= x ==> (x & 3) == x % 4;
  }
*/

/*
 * dec_kind, ptr_coarse, ptr_fine: what the software walk (translate.c)
 * needs of a decoded table pointer to index the table it points to: that
 * an accepted entry is of one of the four kinds, and where a table
 * pointer's base comes from in d (its type bits, its base field).
 */
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
    ensures ptr_coarse: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==>
      (d & 3) == 1 && e->base == (d & 0xFFFFFC00);
    ensures ptr_fine: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==>
      (d & 3) == 3 && e->base == (d & 0xFFFFF000); */
static inline int32_t pv_mmu_v5_decode_l1(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
    ensures ptr_coarse: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==>
      (d & 3) == 1 && e->base == (d & 0xFFFFFC00);
    ensures ptr_fine: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==>
      (d & 3) == 3 && e->base == (d & 0xFFFFF000); */
static inline int32_t pv_mmu_v5_decode_coarse(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
    ensures ptr_coarse: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==>
      (d & 3) == 1 && e->base == (d & 0xFFFFFC00);
    ensures ptr_fine: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==>
      (d & 3) == 3 && e->base == (d & 0xFFFFF000); */
static inline int32_t pv_mmu_v5_decode_fine(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
    ensures ptr_coarse: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==>
      (d & 3) == 1 && e->base == (d & 0xFFFFFC00);
    ensures ptr_fine: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==>
      (d & 3) == 3 && e->base == (d & 0xFFFFF000); */
static inline int32_t pv_mmu_v7_decode_l1(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
    ensures ptr_coarse: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==>
      (d & 3) == 1 && e->base == (d & 0xFFFFFC00);
    ensures ptr_fine: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==>
      (d & 3) == 3 && e->base == (d & 0xFFFFF000); */
static inline int32_t pv_mmu_v7_decode_l2(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid_read(m) && \valid(e);
    assigns *e;
    ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
    ensures ptr_coarse: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==>
      (d & 3) == 1 && e->base == (d & 0xFFFFFC00);
    ensures ptr_fine: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==>
      (d & 3) == 3 && e->base == (d & 0xFFFFF000); */
static inline int32_t pv_mmu_decode(const struct pv_mmu *m, unsigned tbl, uint32_t d,
				    struct pv_mmu_ent *e);
