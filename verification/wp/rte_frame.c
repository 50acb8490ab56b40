/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in lib/mmu/frame.c's guest-reachable entry
 * points pv_mmu_switch_base, pv_mmu_frame_access and pv_mmu_frame_info,
 * for every domain id and frame number a guest can pass (Frama-C WP,
 * -wp-rte; tools/prove's rte-frame run, with frame_range, the fr_*
 * accessors and the domain and type helpers inlined). The preconditions
 * are the frame table's shape, which pv_mmu_init sets and nothing changes
 * afterwards.
 *
 * PENDING (not run by tools/prove): pv_mmu_grant and pv_mmu_grant_revoke
 * (add them to -wp-fct, with owned_frame and fr_set inlined): without the
 * separation clause of frames_ok, 340 of 346 goals in 190 s of CPU; open
 * a frame-record read and an assigns part of each and, in grant_revoke,
 * pv_mmu_group_sync's precondition; with it, too slow to finish (36 of
 * 195 goals in 5 minutes, none refused). Their callee pv_mmu_group_sync is used
 * through the contract below, which is not proved.
 */
#include "frame.c"

/*@
  // pv_mmu_init: nr_frames records in each frame array (nr_frames =
  // ram_size / 4 KiB, at least one frame, at most 2^20), one group
  // summary per PV_MMU_GROUP (64) frames, nr_domains domain records.
  predicate frames_ok(struct pv_mmu *m) =
    \valid(m) && 0 < m->nr_frames <= 0x100000 &&
    \valid(m->fr_key + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_ro + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_tc + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_gmaps + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_gpeer + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_group + (0 .. (m->nr_frames - 1) / 64)) &&
    \valid(m->domains + (0 .. m->nr_domains - 1)) &&
    // the arrays are disjoint parts of the caller's frame store, apart
    // from the instance and the domain records
    \separated(m, m->fr_key + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
               m->fr_tc + (0 .. m->nr_frames - 1), m->fr_gmaps + (0 .. m->nr_frames - 1),
               m->fr_gpeer + (0 .. m->nr_frames - 1), m->fr_group + (0 .. (m->nr_frames - 1) / 64),
               m->domains + (0 .. m->nr_domains - 1));
*/

/*@
  // C11 6.5.7: the shift of a non-negative value is a division (WP's
  // theory has it only as halvings), and the left shift of one whose
  // result fits is a product.
  axiomatic ShiftIsDivisionFrame {
  axiom lsr6_div_frame: \forall integer x; 0 <= x ==> (x >> 6) == x / 64;
  axiom lsl6_mul_frame: \forall integer x; 0 <= x ==> (x << 6) == x * 64;
  }
*/

/*@
  // Called with lo < hi <= nr_frames (the frames a caller just changed:
  // pv_mmu_init and destroy 0, nr_frames; assign and free a range
  // frame_range accepted; revoke i, i + 1 for a frame in RAM).
  requires frames_ok(m) && lo < hi <= m->nr_frames;
  assigns m->fr_group[lo / 64 .. (hi - 1) / 64];
*/
void pv_mmu_group_sync(struct pv_mmu *m, uint32_t lo, uint32_t hi);

/*@ requires frames_ok(m);
    assigns m->domains[0 .. m->nr_domains - 1].active_l1; */
enum pv_status pv_mmu_switch_base(struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn);

/*@ requires frames_ok(m);
    assigns \nothing; */
enum pv_status pv_mmu_frame_access(const struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn, bool write);

/*@ requires frames_ok(m);
    // out: the caller's result, never the instance
    requires \valid(out) && \separated(out, m);
    assigns *out; */
enum pv_status pv_mmu_frame_info(const struct pv_mmu *m, pv_mfn_t mfn, struct pv_mmu_frame *out);

/*@ requires frames_ok(m);
    assigns m->fr_gpeer[0 .. m->nr_frames - 1], m->fr_key[0 .. m->nr_frames - 1],
            m->fr_group[0 .. (m->nr_frames - 1) / 64]; */
enum pv_status pv_mmu_grant(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn, pv_domid_t peer,
			    bool writable);

/*@ requires frames_ok(m);
    assigns m->fr_gpeer[0 .. m->nr_frames - 1], m->fr_key[0 .. m->nr_frames - 1],
            m->fr_group[0 .. (m->nr_frames - 1) / 64]; */
enum pv_status pv_mmu_grant_revoke(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn);
