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
  // C11 6.5.10 on a non-negative value: its two (four) low bits are its
  // remainder by 4 (16) (WP's theory does not bound x & 3; with this, CVC4
  // knows that a type field that is none of 0, 1, 2 is 3).
  axiomatic LowBits {
  axiom land3_mod: \forall integer x; 0 <= x ==> (x & 3) == x % 4;
  axiom land15_mod: \forall integer x; 0 <= x ==> (x & 15) == x % 16;
  }

  // C11 6.5.7: the right shift of a non-negative value is non-negative.
  // WP's theory does not say so for a variable amount, and Qed proves the
  // constant-shift bounds it knows for itself without passing them on to
  // the provers (it reduces a lemma such as 0 <= (x >> 20) <= 0xFFF to
  // true). Proved by case split (WP's tactic wp:range, on n), in
  // tools/prove's lemmas-decode run; rte_walk.c uses it too.
  lemma lsr_nonneg: \forall integer x, n; 0 <= x <= 0xFFFFFFFF && 0 <= n <= 31 ==> 0 <= (x >> n);

  // dec_mt: a memory type is read from a constant table (v5_cb's v5_mt,
  // v7_memtype's v7_mt_tex01 and v7_policy) at an index masked to 2 or 4
  // bits. WP gives the provers the tables' contents (-wp-init-const) but
  // the provers do not split an index into its values; these two lemmas
  // enumerate them (proved by CVC4 from the axioms above, lemmas-decode),
  // and CVC4 then checks every entry the index can reach.
  lemma land3_cases: \forall integer x; 0 <= x ==>
    (x & 3) == 0 || (x & 3) == 1 || (x & 3) == 2 || (x & 3) == 3;
  lemma land15_cases: \forall integer x; 0 <= x ==>
    (x & 15) == 0 || (x & 15) == 1 || (x & 15) == 2 || (x & 15) == 3 ||
    (x & 15) == 4 || (x & 15) == 5 || (x & 15) == 6 || (x & 15) == 7 ||
    (x & 15) == 8 || (x & 15) == 9 || (x & 15) == 10 || (x & 15) == 11 ||
    (x & 15) == 12 || (x & 15) == 13 || (x & 15) == 14 || (x & 15) == 15;
*/

/*
 * dec_kind, ptr_coarse, ptr_fine: what the software walk (translate.c)
 * needs of a decoded table pointer to index the table it points to: that
 * an accepted entry is of one of the four kinds, and where a table
 * pointer's base comes from in d (its type bits, its base field).
 *
 * dec_group, dec_mt, dec_domain: the decoders' output ranges, what the pin
 * walk (validate.c, rte_pin.c) and pv_mmu_check rely on: a replica group
 * of 1, 4, 16 or 64 slots (a power of two: the walk's and pv_mmu_update's
 * alignment test slot & (group - 1)), a memory type of the enumeration
 * (pv_mmu_check shifts the region's and ram_types' masks by it), an ARM
 * domain of the 4-bit field or none (the guest_domains test is a defined
 * shift). Phrased as rte_pin.c states them of pv_mmu_decode.
 *
 * One contract for the five decoders and pv_mmu_decode: DECODE_CONTRACT,
 * a C macro expanded in each annotation (Frama-C runs the C preprocessor
 * on annotations, -pp-annot, by default with GCC's; rte_walk.c's
 * WALK_SLOT_OK is expanded the same way). Only the precondition differs:
 * pv_mmu_decode also reads the instance's format.
 */
#define DECODE_CONTRACT                                                                  \
	assigns *e;                                                                      \
	ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;               \
	ensures ptr_coarse: \result == PV_OK && e->kind == PV_MMU_ENT_COARSE ==>         \
		(d & 3) == 1 && e->base == (d & 0xFFFFFC00);                             \
	ensures ptr_fine: \result == PV_OK && e->kind == PV_MMU_ENT_FINE ==>             \
		(d & 3) == 3 && e->base == (d & 0xFFFFF000);                             \
	ensures dec_group: \result == PV_OK ==>                                          \
		e->group == 1 || e->group == 4 || e->group == 16 || e->group == 64;      \
	ensures dec_mt: \result == PV_OK ==> e->mt <= PV_MMU_MT_MIXED;                   \
	ensures dec_domain: \result == PV_OK ==> e->domain < 16 || e->domain == PV_MMU_NO_DOMAIN;

/*@ requires \valid(e);
    DECODE_CONTRACT */
static inline int32_t pv_mmu_v5_decode_l1(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    DECODE_CONTRACT */
static inline int32_t pv_mmu_v5_decode_coarse(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    DECODE_CONTRACT */
static inline int32_t pv_mmu_v5_decode_fine(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    DECODE_CONTRACT */
static inline int32_t pv_mmu_v7_decode_l1(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid(e);
    DECODE_CONTRACT */
static inline int32_t pv_mmu_v7_decode_l2(uint32_t d, struct pv_mmu_ent *e);
/*@ requires \valid_read(m) && \valid(e);
    DECODE_CONTRACT */
static inline int32_t pv_mmu_decode(const struct pv_mmu *m, unsigned tbl, uint32_t d,
				    struct pv_mmu_ent *e);
