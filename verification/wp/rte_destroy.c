/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in pv_mmu_domain_destroy (lib/mmu/frame.c),
 * which a guest triggers (the shutdown hypercall, a fault) with the
 * domain the hypervisor records as the caller, and which walks what the
 * guests made of the frame records, tables, grants and I/O regions
 * (Frama-C WP, -wp-rte; tools/prove's rte-destroy run). For every frame
 * record, grant peer and count a guest can have left.
 *
 * The callees through their contracts: the release of a pinned table,
 * the flush after it and the summaries' recomputation as rte_pin_ops.c
 * states them (proved by rte-pin-release and rte-group-sync). The frame
 * accessors, fr_set, pv_mmu_key and the domain and frame-number wrappers
 * are inlined (tools/prove). The loops carry their invariants in frame.c
 * (comments to the compiler): the instance's sizes stay, and every frame
 * record is as it was or is one of the domain's frames released (its key
 * the owner alone, rte_pin_ops.c's `released`), so a frame the loops
 * release is one the instance's invariants describe as they were at the
 * call.
 */
#include "rte_pin_ops.c"

/*@ axiomatic KeyFieldsDestroy {
  // C11 6.5.7 and 6.5.10 on non-negative values: a value below 2^16 has
  // no bits at 16 and above, and its low 16 bits are itself
  axiom lsr16_small_destroy: \forall integer x; 0 <= x <= 0xFFFF ==> (x >> 16) == 0;
  axiom lsr24_small_destroy: \forall integer x; 0 <= x <= 0xFFFF ==> (x >> 24) == 0;
  axiom land_low16_destroy: \forall integer x; 0 <= x <= 0xFFFF ==> (x & 0xFFFF) == x;
  }
*/

/*
 * The instance as destroy's steps read it, as C macros: the table
 * operations' (rte_pin_ops.c's OPS_INST, each part with its reason
 * there), at least one frame (pv_mmu_init), the grant peers (nr_frames
 * records of the caller's frame store, apart from the instance and the
 * rest of the store: pv_mmu_init). A frame of RAM apart from the instance
 * and the frame store (SEP1). The sizes a step keeps.
 */
#define SEP1(m, k) \separated(m->ram + (k * 1024 .. k * 1024 + 1023), m, STORE(m))
#define PEERS_OK(m) \valid(m->fr_gpeer + (0 .. NR(m) - 1)) && \
	\separated(m->fr_gpeer + (0 .. NR(m) - 1), m, STORE(m))
#define DESTROY_INST(m) OPS_INST(m) && 0 < NR(m) && PEERS_OK(m)
#define SIZES_KEPT(m) (NR(m) == \old(NR(m)) && m->ram_size == \old(m->ram_size) && \
	m->io_max == \old(m->io_max) && m->hyp_slot_lo == \old(m->hyp_slot_lo) && \
	m->hyp_slot_hi == \old(m->hyp_slot_hi))
/*
 * What release_tables needs of d's pinned frames once its L1s went: a
 * frame a guest owns that is still flagged pinned is apart from the
 * instance and the store (OPS_INST says it of every frame a guest owns;
 * release_l1s keeps it for the frames it did not release, and the ones
 * it released carry no flag).
 */
#define TABLES_INST(m) \
	PUT_INST(m) && \valid(m->fr_key + (0 .. NR(m) - 1)) && \
	\valid(m->fr_group + (0 .. (NR(m) + 63) / 64 - 1)) && \
	m->hyp_slot_lo <= m->hyp_slot_hi <= 4096 && \valid(m->ram + (0 .. NR(m) * 1024 - 1)) && \
	0 < NR(m) && PEERS_OK(m) && \
	(\forall integer i; 0 <= i < NR(m) && OWNER(m, i) <= PV_DOMID_MAX_GUEST && \
	  (FLAGS(m, i) & PV_MMU_FRAME_PINNED) != 0 ==> SEP1(m, i))

/*
 * A flagged frame a guest owns is one the release takes: its table in RAM
 * and apart from the instance and the store (OPS_INST's two clauses on
 * guests' frames and L1 heads, in the release's own terms; destroy
 * derives it).
 */
#define HEADS_OK(m) \
	(\forall integer i; 0 <= i < NR(m) && OWNER(m, i) <= PV_DOMID_MAX_GUEST && \
	  (FLAGS(m, i) & PV_MMU_FRAME_L1_HEAD) != 0 ==> \
	    (TTYPE(m, i) == PV_MMU_FT_L1 ==> i + 4 <= NR(m)) && \
	    \valid(TABLE(m, i)) && \separated(TABLE(m, i), m, STORE(m)))

/*@
  requires DESTROY_INST(m) && HEADS_OK(m);
  // destroy's d: a domain of the instance (pv_mmu_dom_ok)
  requires d < m->nr_domains;
  assigns OPS_WRITES(m);
  ensures SIZES_KEPT(m) && TABLES_INST(m);
*/
static bool release_l1s(struct pv_mmu *m, uint16_t d);

/*@
  requires TABLES_INST(m);
  // destroy's d: a guest domain (pv_mmu_dom_ok, nr_domains <= PV_DOMID_MAX_GUEST + 1)
  requires d <= PV_DOMID_MAX_GUEST;
  assigns OPS_WRITES(m);
  ensures SIZES_KEPT(m);
*/
static bool release_tables(struct pv_mmu *m, uint16_t d);

/*@
  requires PUT_INST(m);
  assigns \nothing;
*/
static bool peer_maps(const struct pv_mmu *m, uint16_t d);

/*@
  requires PUT_INST(m) && \valid(m->fr_key + (0 .. NR(m) - 1)) &&
    \valid(m->fr_group + (0 .. (NR(m) + 63) / 64 - 1)) && PEERS_OK(m);
  assigns m->fr_key[0 .. NR(m) - 1], m->fr_gpeer[0 .. NR(m) - 1],
    m->fr_group[0 .. (NR(m) + 63) / 64 - 1];
  ensures PUT_KEPT(m);
*/
static void free_frames(struct pv_mmu *m, uint16_t d);

/*@
  requires PUT_INST(m);
  assigns m->io[0 .. m->io_max - 1];
  ensures PUT_KEPT(m);
*/
static void free_io(struct pv_mmu *m, uint16_t d);

/*@
  requires DESTROY_INST(m);
  // the domain records: nr_domains of the caller's (pv_mmu_init), apart
  // from the instance, the frame store and the grant peers
  requires \valid(m->domains + (0 .. m->nr_domains - 1)) &&
    \separated(m->domains + (0 .. m->nr_domains - 1), m, STORE(m), m->fr_gpeer + (0 .. NR(m) - 1));
  // (of the domain records, dom's alone; the summaries once more as
  // pv_mmu_group_sync's clause names them at destroy's last call, the same
  // words as OPS_WRITES' as NR(m) > 0)
  assigns OPS_WRITES(m), m->fr_gpeer[0 .. NR(m) - 1], m->io[0 .. m->io_max - 1],
    m->domains[dom.id], m->fr_group[0 .. (NR(m) - 1) / 64];
*/
enum pv_status pv_mmu_domain_destroy(struct pv_mmu *m, pv_domid_t dom);

#include "frame.c"
