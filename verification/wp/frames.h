/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frame store as pv_mmu_check_frames' proof reads it (check_frames.c,
 * check_leaf_frames.c): ACSL only.
 */
#ifndef PVLIB_WP_FRAMES_H
#define PVLIB_WP_FRAMES_H
#include "mmu_internal.h"

/*@
  // The group summaries (mmu_internal.h): a summary that is not MIXED is
  // the key of every frame of its group. pv_mmu_audit checks it frame by
  // frame ("group summary disagrees with a frame").
  predicate groups_ok{L}(struct pv_mmu *m) =
    \forall integer i; 0 <= i < m->nr_frames ==>
      m->fr_group[i / 64] == PV_MMU_GROUP_MIXED || m->fr_group[i / 64] == m->fr_key[i];

  // The frame store as the scans read it (pv_mmu_init: nr_frames words per
  // array, one group summary per 64 frames, at most 2^20 frames).
  predicate store_frames{L}(struct pv_mmu *m) =
    \valid_read(m) && m->nr_frames <= 0x100000 &&
    \valid_read(m->fr_key + (0 .. m->nr_frames - 1)) &&
    \valid_read(m->fr_group + (0 .. (m->nr_frames + 63) / 64 - 1));

*/
#endif
