/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frame counts of a leaf of several frames (large pages, sections,
 * supersections) as theorems (Frama-C WP): pv_mmu_get_frames() adds one
 * reference to every frame of the leaf, to the type count if the leaf is
 * writable and to the read-only count if not, and one grant mapping to
 * each frame another domain owns; pv_mmu_put_frames() takes away exactly
 * that from every frame; nothing else changes. With accounting.c (table
 * pointers and one-frame leaves) this is "the counts an accepted request
 * adds are the ones a later removal takes away" for every entry in RAM.
 * tools/prove's accounting-frames run (docs/verification.md).
 *
 * keys_are (the look at the keys both take their fast path on) is used
 * through the contract below, which check_frames.c proves: true only if
 * every key of the range, masked, is the one asked for.
 */
#include "frames.h"

/*@
  // The frame store as pv_mmu_init lays it out: nr_frames words per array
  // (at most 2^20 frames), one group summary per 64 frames; the counts
  // apart from each other, from the instance and the keys (disjoint
  // slices of the store). rte_pin.c's PIN_SIZED (pin_sized at the
  // instance's sizes), the precondition of its own contract of
  // pv_mmu_get_frames, says all of this and more.
  predicate count_store(struct pv_mmu *m) =
    \valid_read(m) && m->nr_frames <= 0x100000 &&
    \valid_read(m->fr_key + (0 .. m->nr_frames - 1)) &&
    \valid_read(m->fr_group + (0 .. (m->nr_frames + 63) / 64 - 1)) &&
    \valid(m->fr_ro + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_tc + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_gmaps + (0 .. m->nr_frames - 1)) &&
    \separated(m, m->fr_ro + (0 .. m->nr_frames - 1), m->fr_tc + (0 .. m->nr_frames - 1),
               m->fr_gmaps + (0 .. m->nr_frames - 1), m->fr_key + (0 .. m->nr_frames - 1));

  logic integer owner_of{L}(struct pv_mmu *m, integer i) = (uint16_t)(m->fr_key[i] & 0xFFFF);
*/

/*@
  // check_frames.c's contract of keys_are, proved there (run check-frames)
  // word for word: frames [idx, idx + n) lie in RAM (the callers' leaf,
  // leaf_in_ram); the group summaries vouch for their groups (groups_ok,
  // frames.h)
  requires store_frames(m) && groups_ok(m);
  requires idx + n <= m->nr_frames;
  requires kmask == PV_MMU_KEY_OWNER || kmask == 0xFFFFFFFF;
  requires want <= PV_DOMID_MAX_GUEST;
  assigns \nothing;
  ensures keys_pass: \result ==>
    \forall integer k; idx <= k < idx + n ==> (m->fr_key[k] & kmask) == want;
*/
static bool keys_are(const struct pv_mmu *m, uint32_t idx, uint32_t n, uint32_t kmask,
		     uint32_t want);

#include "validate.c"

/*@
  requires count_store(m) && groups_ok(m);
  // a leaf pv_mmu_check accepted, in RAM (leaf_in_ram), in a guest's table
  requires idx + n <= m->nr_frames && dom <= PV_DOMID_MAX_GUEST;
  // no count is at its limit (all tables together have < 2^30 slots)
  requires \forall integer i; idx <= i < idx + n ==>
    m->fr_tc[i] < 0xFFFFFFFF && m->fr_ro[i] < 0xFFFFFFFF && m->fr_gmaps[i] < 0xFFFFFFFF;
  assigns m->fr_tc[idx .. idx + n - 1], m->fr_ro[idx .. idx + n - 1],
    m->fr_gmaps[idx .. idx + n - 1];
  ensures get_frames_counter: writable ==>
    \forall integer i; idx <= i < idx + n ==> m->fr_tc[i] == \old(m->fr_tc[i]) + 1;
  ensures get_frames_counter_ro: !writable ==>
    \forall integer i; idx <= i < idx + n ==> m->fr_ro[i] == \old(m->fr_ro[i]) + 1;
  ensures get_frames_other: \forall integer i; idx <= i < idx + n ==>
    (writable ? m->fr_ro[i] == \old(m->fr_ro[i]) : m->fr_tc[i] == \old(m->fr_tc[i]));
  ensures get_frames_grant_count: \forall integer i; idx <= i < idx + n ==>
    m->fr_gmaps[i] == \old(m->fr_gmaps[i]) + (owner_of(m, i) != dom ? 1 : 0);
*/
void pv_mmu_get_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable);

/* The port's assertion hook stops the machine: it does not return. */
/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

/*@
  requires count_store(m) && groups_ok(m);
  requires idx + n <= m->nr_frames && dom <= PV_DOMID_MAX_GUEST;
  // what a get of the same leaf added is there to take away (the owner of a
  // frame does not change while an entry maps it: pv_mmu_frame_free and
  // the grant calls refuse a mapped frame)
  requires \forall integer i; idx <= i < idx + n ==>
    (writable ? m->fr_tc[i] >= 1 : m->fr_ro[i] >= 1) &&
    (owner_of(m, i) != dom ==> m->fr_gmaps[i] >= 1);
  assigns m->fr_tc[idx .. idx + n - 1], m->fr_ro[idx .. idx + n - 1],
    m->fr_gmaps[idx .. idx + n - 1];
  ensures put_frames_counter: writable ==>
    \forall integer i; idx <= i < idx + n ==> m->fr_tc[i] == \old(m->fr_tc[i]) - 1;
  ensures put_frames_counter_ro: !writable ==>
    \forall integer i; idx <= i < idx + n ==> m->fr_ro[i] == \old(m->fr_ro[i]) - 1;
  ensures put_frames_other: \forall integer i; idx <= i < idx + n ==>
    (writable ? m->fr_ro[i] == \old(m->fr_ro[i]) : m->fr_tc[i] == \old(m->fr_tc[i]));
  ensures put_frames_grant_count: \forall integer i; idx <= i < idx + n ==>
    m->fr_gmaps[i] == \old(m->fr_gmaps[i]) - (owner_of(m, i) != dom ? 1 : 0);
*/
void pv_mmu_put_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable);
