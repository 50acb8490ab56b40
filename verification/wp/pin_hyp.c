/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pin walk keeps off the hypervisor's slots (rule 6 of docs/mmu.md),
 * with Frama-C WP: walk_get (lib/mmu/validate.c, through rte_pin.c, which
 * this file includes, with its contracts of walk_get's callees) counts a
 * table's entries in four ways, and each counts only slots outside
 * [g->skip_lo, g->skip_hi), an L1's hypervisor slots (table_geom; none
 * for a second-level table, walk_get's precondition geom_coarse):
 * - entry by entry, a group [j, j + e.group) (rule6_entry: j is no
 *   hypervisor slot, hyp_slot tested at the loop's head, and a group of
 *   several slots is refused if its aligned span meets them);
 * - a run of coarse-table pointers [j, k) from run_ptr, whose limit is
 *   the first hypervisor slot when j is below them (rule6_ptr);
 * - blocks, spans and runs of small pages, which only a coarse table's
 *   memo of known attributes starts (rule6_known: the memo is filled only
 *   for a coarse table, rule6_mm, so a slot whose attributes it knows is
 *   in one; rule6_memo: then there are no hypervisor slots).
 * Proved here, tools/prove's rte-pin-hyp (walk_get, -wp-prop on them).
 * WP takes walk_get's other annotations as hypotheses; rte_pin.c's run of
 * the whole function (rte-pin-walk) proves them. geom_coarse at pv_mmu_pin's call is
 * proved by rte-pin-geom (rte_pin_ops.c).
 *
 * One fact assumed, in a file of its own so that the runs of rte_pin.c
 * (and of the files that include it) do not have it among their
 * hypotheses: C11 6.5.10 on a non-negative value, its low 12 bits are its
 * remainder by 4096 (ASSUMED, as rte_pin.c's land63_mod and rte_walk.c's
 * land255_mod and land1023_mod: WP's theory does not bound x & 4095, and
 * Qed reduces a lemma stating the bound to true without passing it on),
 * so a slot's attributes, d & 0xFFF, never equal an empty memo's
 * UINT32_MAX.
 */
#include "rte_pin.c"

/*@
  axiomatic LowBitsHyp {
  axiom land4095_mod: \forall integer x; 0 <= x ==> (x & 4095) == x % 4096;
  }
*/
