/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in the table operations of lib/mmu/validate.c
 * around the pin walk (Frama-C WP, -wp-rte). This file includes rte_pin.c
 * (and so validate.c) and states contracts on the release of a pinned
 * table and on the flush after it; tools/prove runs WP on them (-wp-fct),
 * each one's callees through their contracts:
 *
 *   rte-pin-release  pv_mmu_table_release (walk_put through rte_pin.c's
 *                    contract, proved by rte-pin-put-walk;
 *                    pv_mmu_group_sync through rte_frame.c's, restated
 *                    below word for word, proved by rte-group-sync),
 *                    pv_mmu_flush_after_release (the port's hooks
 *                    through the contracts below)
 *
 * fr_set, pv_mmu_key, table_geom and pv_mmu_slot_ptr are inlined
 * (tools/prove). The preconditions are what every call site guarantees,
 * each with its reason; nothing a guest controls is assumed.
 */
#include "rte_pin.c"

/*
 * The port's hooks (include/pvlib/port.h): cache and TLB maintenance and
 * the table-walker sync change no memory the C code sees and do not call
 * back into lib/ (as in rte_maint.c and rte_update.c).
 */
/*@ assigns \nothing; */
void pv_port_cache_flush_all(void);
/*@ requires \valid_read(req);
    assigns \nothing; */
void pv_port_tlb_maint(const struct pv_tlb_req *req);
/*@ assigns \nothing; */
void pv_port_pt_sync(pv_maddr_t ma, uint32_t len);

/*@ // m: an initialised instance (unpin, destroy and update_commit pass
    // their own)
    requires \valid_read(m);
    assigns \nothing; */
void pv_mmu_flush_after_release(const struct pv_mmu *m);

/*
 * pv_mmu_group_sync: rte_frame.c's contract, word for word (its macros
 * too), proved there (rte-group-sync).
 */
#define NR_OK(m) (0 < (m)->nr_frames <= 0x100000)
#define KEYS(m) ((m)->fr_key + (0 .. (m)->nr_frames - 1))
#define GROUPS(m) ((m)->fr_group + (0 .. ((m)->nr_frames - 1) / 64))
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

/*@
  // The summary of a frame in RAM is among the first (nr + 63) / 64
  // (fr_set's write; from rte_pin.c's lsr6_div, lemmas-pin-ops).
  lemma frame_group: \forall integer i, nr; 0 <= i < nr ==> (i >> 6) < (nr + 63) / 64;
*/

/*
 * A frame's stored type as fr_ttype reads it, and the slots of the table
 * whose first frame is i (pv_mmu_slot_ptr; an L1 is four frames), as C
 * macros expanded in the contracts so that the provers meet the code's
 * own terms.
 */
#define TTYPE(m, i) ((uint8_t)((m)->fr_key[i] >> 16))
#define TBL_WORDS(m, i) (TTYPE(m, i) == PV_MMU_FT_L1 ? 4096 : 1024)
#define TABLE(m, i) ((m)->ram + ((i) * 1024 .. (i) * 1024 + TBL_WORDS(m, i) - 1))
#define STORE(m) (m)->fr_key + (0 .. (m)->nr_frames - 1), \
	(m)->fr_group + (0 .. ((m)->nr_frames + 63) / 64 - 1), \
	(m)->fr_ro + (0 .. (m)->nr_frames - 1), (m)->fr_tc + (0 .. (m)->nr_frames - 1), \
	(m)->fr_gmaps + (0 .. (m)->nr_frames - 1), (m)->io + (0 .. (m)->io_max - 1)

/*@
  // the frame store as the put side needs it (rte_pin.c's PUT_INST), the
  // keys and summaries writable too (pv_mmu_init: one store)
  requires PUT_INST(m);
  requires \valid(m->fr_key + (0 .. m->nr_frames - 1));
  requires \valid(m->fr_group + (0 .. (m->nr_frames + 63) / 64 - 1));
  // idx: the first frame of a pinned table (unpin: a frame in RAM,
  // pinned, an L1's head; destroy: a frame in RAM with the flag)
  requires idx < m->nr_frames;
  // an L1's four frames lie in RAM: pv_mmu_pin types four frames L1 only
  // when they are (n <= nr_frames - idx) and marks the first the head
  requires TTYPE(m, idx) == PV_MMU_FT_L1 ==> idx + 4 <= m->nr_frames;
  // pv_mmu_init: the hypervisor's L1 slots end at or below 4 GiB
  requires m->hyp_slot_lo <= m->hyp_slot_hi <= 4096;
  // the table's slots: frames of RAM (pv_mmu_init: m->ram holds
  // nr_frames frames) owned by a guest, hence never the frame store
  // (pv_mmu_frame_assign gives no guest its frames) nor the instance
  requires \valid(TABLE(m, idx));
  requires \separated(TABLE(m, idx), m, STORE(m));
  // the counts put back, the table's own keys and their summaries, and the
  // hypervisor's slots of an L1 (zeroed)
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1].maps,
    m->fr_key[idx .. idx + 3], m->fr_group[idx / 64 .. (idx + 3) / 64],
    m->ram[idx * 1024 + m->hyp_slot_lo .. idx * 1024 + m->hyp_slot_hi - 1];
*/
void pv_mmu_table_release(struct pv_mmu *m, uint32_t idx);
