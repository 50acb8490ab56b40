/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * check_leaf.c's theorems (rules 1, 2, 3 and 9 for a leaf in RAM) with
 * pv_mmu_check_frames' contract as check_frames.c proves it: the
 * declarations below add that proof's preconditions to the function's
 * contract and the frame store's to thm_check_leaf's (Frama-C merges them
 * with check_pending.c's and check_leaf.c's), so the run's @requires
 * goals check them where pv_mmu_check calls pv_mmu_check_frames. Run by
 * tools/prove (check_leaf_frames), with pv_mmu_check inlined and
 * check_frame not; check_leaf.c's theorems are proved by this run only
 * (check_leaf.c alone would rest on check_pending.c's contract of
 * pv_mmu_check_frames, which is not the one proved).
 */
#include "check_leaf.c"
#include "frames.h"

/*@
  requires store_frames(m) && groups_ok(m);
  // the leaf's frames in RAM (thm_check_leaf's fits at the call; a
  // planted bug in the RAM end test breaks it there)
  requires frames_in_ram: idx + n <= m->nr_frames;
  requires \forall integer i; 0 <= i < m->nr_frames ==> grant_owner_ok(m, i);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
*/
int32_t pv_mmu_check_frames(const struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n,
			    bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*@
  // the frame store's layout (pv_mmu_init) and the group summaries'
  // invariant (pv_mmu_audit checks it)
  requires store_frames(m) && groups_ok(m);
*/
int32_t thm_check_leaf(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
		       uint32_t pin_lo, uint32_t pin_hi, bool existing);
