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
 * pv_mmu_grant (with owned_frame through its contract, proved in the
 * same run) and pv_mmu_grant_revoke (pv_mmu_group_sync through its
 * contract): absence of run-time errors and what each writes (one frame's
 * grant peer and key and its group's summary), for every owner, peer and
 * frame number a guest can pass (tools/prove's rte-grant and
 * rte-grant-revoke runs), and that a refused grant, revoke or switch
 * base changes nothing (refused_grant, refused_revoke, refused_switch:
 * with the assigns clauses, every word it may write is as it was).
 * pv_mmu_group_sync: its contract and absence of
 * run-time errors, termination included (rte-group-sync; its loops carry
 * invariants in frame.c).
 *
 * Each contract asks only for the parts of the frame table the function
 * uses: the arrays it reads valid, and apart only those it writes one of
 * and reads after (all of it follows from frames_ok). pv_domid_eq
 * (types.h) is inlined (tools/prove): called, a function with code but no
 * contract is for WP a call that may write anything, and every fact about
 * the frame table was lost after pv_mmu_grant's owner == peer test.
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

/*
 * The parts of the frame table the functions below use, as C macros
 * (expanded in the contracts, so that Qed meets the facts themselves in
 * the hypotheses rather than a predicate it does not open): pv_mmu_init's
 * shape (nr_frames, 1 to 2^20, records in each frame array, one group
 * summary per 64 frames, nr_domains domain records), and of the arrays'
 * disjointness (parts of the caller's frame store, apart from the instance)
 * only the pairs a function writes one of and reads the other after.
 */
#define NR_OK(m) (0 < (m)->nr_frames <= 0x100000)
#define KEYS(m) ((m)->fr_key + (0 .. (m)->nr_frames - 1))
#define GPEERS(m) ((m)->fr_gpeer + (0 .. (m)->nr_frames - 1))
#define GMAPS(m) ((m)->fr_gmaps + (0 .. (m)->nr_frames - 1))
#define GROUPS(m) ((m)->fr_group + (0 .. ((m)->nr_frames - 1) / 64))
#define DOMS(m) ((m)->domains + (0 .. (m)->nr_domains - 1))

/*@
  requires \valid_read(m) && NR_OK(m) && \valid_read(KEYS(m)) && \valid(GROUPS(m));
  // it writes summaries and reads the instance's frame count after
  requires \separated(m, GROUPS(m));
  // Called with lo < hi <= nr_frames (the frames a caller just changed:
  // pv_mmu_init and destroy 0, nr_frames; assign and free a range
  // frame_range accepted; revoke i, i + 1 for a frame in RAM).
  requires lo < hi <= m->nr_frames;
  assigns m->fr_group[lo / 64 .. (hi - 1) / 64];
*/
void pv_mmu_group_sync(struct pv_mmu *m, uint32_t lo, uint32_t hi);

/*@ requires frames_ok(m);
    assigns m->domains[0 .. m->nr_domains - 1].active_l1;
    // a refused switch changes nothing: no domain's base moves
    ensures refused_switch: \result != PV_OK ==> \forall integer d; 0 <= d < m->nr_domains ==>
      m->domains[d].active_l1.mfn == \old(m->domains[d].active_l1.mfn); */
enum pv_status pv_mmu_switch_base(struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn);

/*@ requires frames_ok(m);
    assigns \nothing; */
enum pv_status pv_mmu_frame_access(const struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn, bool write);

/*@ requires frames_ok(m);
    // out: the caller's result, never the instance
    requires \valid(out) && \separated(out, m);
    assigns *out; */
enum pv_status pv_mmu_frame_info(const struct pv_mmu *m, pv_mfn_t mfn, struct pv_mmu_frame *out);

/*
 * The frame record a grant entry point works on: mfn's index in the frame
 * table as frame_range computes it (a C macro, expanded in the contracts,
 * so that the provers meet the code's own terms). Where it is past RAM the
 * function writes nothing (it refuses with PV_ERANGE).
 */
#define GRANT_IDX(m, f) ((uint32_t)((f).mfn - ((m)->ram_base >> 12)))
/* The words a grant entry point may write, as they were on entry. */
#define REC_KEPT(m, f) \
	((m)->fr_gpeer[GRANT_IDX(m, f)] == \old((m)->fr_gpeer[GRANT_IDX(m, f)]) && \
	 (m)->fr_key[GRANT_IDX(m, f)] == \old((m)->fr_key[GRANT_IDX(m, f)]) && \
	 (m)->fr_group[GRANT_IDX(m, f) >> 6] == \old((m)->fr_group[GRANT_IDX(m, f) >> 6]))

/*@ requires \valid_read(m) && NR_OK(m) && \valid_read(KEYS(m));
    // out: a local of the caller
    requires \valid(out) && \separated(out, m, KEYS(m));
    assigns *out;
    ensures \result == PV_OK ==> owner.id < m->nr_domains;
    ensures \result == PV_OK ==> *out == GRANT_IDX(m, mfn) && *out < m->nr_frames;
*/
static int32_t owned_frame(const struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn, uint32_t *out);

/*@ requires \valid(m) && NR_OK(m) && \valid(KEYS(m)) && \valid(GPEERS(m)) && \valid(GROUPS(m));
    requires \valid_read(DOMS(m));
    // writes a peer, then reads the key; writes keys and summaries
    requires \separated(m, KEYS(m), GPEERS(m), GROUPS(m));
    // what it writes: the one frame's grant peer and key, and the summary
    // of that frame's group
    assigns m->fr_gpeer[GRANT_IDX(m, mfn)], m->fr_key[GRANT_IDX(m, mfn)],
            m->fr_group[GRANT_IDX(m, mfn) >> 6];
    // a refused grant changes nothing: the three words it may write are
    // as they were
    ensures refused_grant: \result != PV_OK ==> REC_KEPT(m, mfn); */
enum pv_status pv_mmu_grant(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn, pv_domid_t peer,
			    bool writable);

/*@ requires \valid(m) && NR_OK(m) && \valid(KEYS(m)) && \valid(GPEERS(m)) && \valid(GROUPS(m));
    requires \valid_read(GMAPS(m)) && \valid_read(DOMS(m));
    requires \separated(m, KEYS(m), GPEERS(m), GROUPS(m));
    assigns m->fr_gpeer[GRANT_IDX(m, mfn)], m->fr_key[GRANT_IDX(m, mfn)],
            m->fr_group[GRANT_IDX(m, mfn) >> 6];
    // a refused revoke changes nothing (in particular a frame a peer still
    // maps keeps its grant: PV_EBUSY)
    ensures refused_revoke: \result != PV_OK ==> REC_KEPT(m, mfn); */
enum pv_status pv_mmu_grant_revoke(struct pv_mmu *m, pv_domid_t owner, pv_mfn_t mfn);
