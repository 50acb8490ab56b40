/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_pin fills an L1's hypervisor slots from the caller's template
 * (rule 6 of docs/mmu.md: the slots covering the hypervisor's window are
 * the hypervisor's, installed at pin), with Frama-C WP: tools/prove's
 * rte-pin-fill (pv_mmu_pin, -wp-prop on the post-condition
 * pin_hyp_filled below and the assertions it rests on, in
 * lib/mmu/validate.c: pin_table_tpl, pin_fill_args, pin_filled). Its
 * other half, that unpin (and destroy) clears the slots again, is the
 * release's release_hyp_cleared and unpin's unpin_hyp_cleared
 * (rte_pin_ops.c; rte-pin-release, rte-unpin). Both go through hyp_fill
 * and its post-condition hyp_fill_done (rte_pin_ops.c, proved in
 * rte-pin-release); its preconditions at pin's call are rte-pin-op's.
 *
 * validate.c's assertions, defined here and nothing (0 == 0) for every
 * other analysis:
 * - pin_table_tpl, before the walk: an L1's hypervisor slots apart from
 *   the template, from the precondition pin_template_apart below at the
 *   table's own four frames, which are dom's (pin_owner, pin_owners:
 *   defined as in pin_slots.c, whose run rte-pin-slots proves them;
 *   here they are hypotheses);
 * - pin_fill_args, before hyp_fill's call: the table's first word
 *   idx * 1024 does not wrap, and idx is the frame number's index;
 * - pin_filled, after it: the slots hold the template (hyp_fill_done,
 *   its separation from pin_table_tpl).
 */
#define PV_WP_PIN_OWNER (uint16_t)(m->fr_key[idx] & 0xFFFF) == d
#define PV_WP_PIN_OWNERS n == 4 ==> \
	(uint16_t)(m->fr_key[idx + 1] & 0xFFFF) == d && \
	(uint16_t)(m->fr_key[idx + 2] & 0xFFFF) == d && \
	(uint16_t)(m->fr_key[idx + 3] & 0xFFFF) == d
#define PV_WP_PIN_TABLE_TPL n == 4 && m->hyp_l1 != \null ==> \
	\separated(s + (\at(m->hyp_slot_lo, Pre) .. \at(m->hyp_slot_hi, Pre) - 1), \
	  m->hyp_l1 + (0 .. \at(m->hyp_slot_hi, Pre) - \at(m->hyp_slot_lo, Pre) - 1))
#define PV_WP_PIN_FILL_ARGS (size_t)(idx * 1024) == idx * 1024 && idx == \at(PIN_IDX(m, mfn), Pre)
#define PV_WP_PIN_FILLED \
	hyp_filled(s, m->hyp_l1, \at(m->hyp_slot_lo, Pre), \at(m->hyp_slot_hi, Pre))
#include "rte_pin_ops.c"

/*
 * pv_mmu_pin's contract (rte_pin_ops.c), with one more precondition and
 * one more post-condition, for this file's run (Frama-C merges the two
 * declarations' clauses):
 * - the template, pv_mmu_init's hyp_l1, is apart from four frames in a row
 *   a guest owns (the form of rte_pin_ops.c's precondition on them and
 *   the instance): pv_mmu_frame_assign gives no guest a frame of RAM
 *   holding it (pv_mmu_init notes them), and a template outside RAM is the
 *   caller's own memory, which it gives no guest;
 * - an accepted L1's hypervisor slots hold the template's words, in order,
 *   or 0 without a template; the template as it is on return (hyp_fill
 *   writes the table's slots only; walk_get writes counts, and whether
 *   those lie apart from the template is not this theorem's business).
 */
/*@
  requires pin_template_apart: m->hyp_l1 != \null ==>
    \forall integer i; 0 <= i && i + 4 <= NR(m) && OWNER(m, i) <= PV_DOMID_MAX_GUEST &&
      OWNER(m, i + 1) <= PV_DOMID_MAX_GUEST && OWNER(m, i + 2) <= PV_DOMID_MAX_GUEST &&
      OWNER(m, i + 3) <= PV_DOMID_MAX_GUEST ==>
        \separated(m->ram + (i * 1024 .. i * 1024 + 4095),
          m->hyp_l1 + (0 .. m->hyp_slot_hi - m->hyp_slot_lo - 1));
  ensures pin_hyp_filled: \result == PV_OK && kind == PV_MMU_TABLE_L1 ==>
    hyp_filled(m->ram + \old(PIN_IDX(m, mfn)) * 1024, m->hyp_l1, \old(m->hyp_slot_lo), \old(m->hyp_slot_hi));
*/
enum pv_status pv_mmu_pin(struct pv_mmu *m, pv_domid_t dom, enum pv_mmu_table kind, pv_mfn_t mfn);
