/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_pin's run-time errors and what it writes (tools/prove's rte-pin-op,
 * under PVLIB_PROVE_ONLY=wp-wip) and the key loop's assertions
 * (rte-pin-keys): rte_pin_ops.c, which this file includes, with fewer
 * hypotheses, each proved elsewhere or not needed here:
 * - the assertions pin_checked and pin_checked_pre (a pin reaching the walk
 *   passed its own checks; proved by rte-pin-checked) nothing (0 == 0);
 * - the precondition pin_four_apart (four frames in a row a guest owns
 *   apart from the frame store and the instance) left out (0 == 0: a
 *   weaker contract), which only walk_get's get_slots_apart needs
 *   (rte-pin-slots, with rte_pin_ops.c's contract whole).
 * Among the hypotheses of the goals of the key loop on the L1 path
 * (pv_mmu_pin's last frame loop), they leave them at CVC4's step limit:
 * the summary's index (pin_key_idx) takes 373,187 steps with them, 186,522
 * without.
 */
#define PV_WP_PIN_CHECKED 0 == 0
#define PV_WP_PIN_CHECKED_PRE 0 == 0
#define PIN_FOUR_APART(m) 0 == 0
#include "rte_pin_ops.c"
