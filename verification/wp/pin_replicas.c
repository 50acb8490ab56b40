/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pin walk's check that a group's replicas agree (rule 5 of
 * docs/mmu.md), with Frama-C WP: walk_get (lib/mmu/validate.c, through
 * rte_pin.c, which this file includes, with its contracts of walk_get's
 * callees) reads a group's first slot j as d and, once the group is
 * aligned (rep_al, proved in rte_pin.c's run of walk_get), ORs
 * s[j + k] ^ d over its other slots; it goes on only if that is zero.
 * Proved here, tools/prove's rte-pin-replicas (walk_get, -wp-prop on
 * them): the loop's invariant rep_same (diff zero: the slots read so far
 * are d) and the assertion rep_agree after the test (every other slot of
 * the group is d). WP takes walk_get's other annotations as hypotheses;
 * rte_pin.c's run of the whole function (rte-pin-walk) proves them.
 *
 * One fact assumed, in a file of its own so that the runs of rte_pin.c
 * (and of the files that include it) do not have it among their
 * hypotheses: C11 6.5.11 on two uint32_t values, their ^ is zero exactly
 * when they are equal. ASSUMED, check_frames.c's xor32_zero, the same
 * text (no tactic of WP proves it; Qed proves the form without the
 * conversion to uint32_t, which does not reach the goal).
 */
#include "rte_pin.c"

/*@
  axiomatic Xor32Replicas {
  axiom xor32_eq: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    ((uint32_t)(a ^ b) == 0 <==> a == b);
  }
*/
