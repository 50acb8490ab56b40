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
 *                    with what destroy rests on (released,
 *                    release_kept, release_others: CVC4's budget
 *                    300,000 steps) and that an L1's hypervisor slots
 *                    are 0 again (release_hyp_cleared),
 *                    pv_mmu_flush_after_release (the port's hooks
 *                    through the contracts below), hyp_fill (the
 *                    hypervisor's slots from the template, or zeroed)
 *   rte-unpin        pv_mmu_unpin (the release and the flush through
 *                    their contracts), and that a refused unpin changes
 *                    nothing, an accepted one leaves an L1's hypervisor
 *                    slots 0 (unpin_hyp_cleared)
 *   lemmas-pin-ops   frame_group
 *   rte-pin-checked  pv_mmu_pin: a pin that reaches the walk passed its
 *                    own checks (pin_checked, pin_checked_pre)
 *   rte-pin-geom     pv_mmu_pin: walk_get's precondition geom_coarse and
 *                    the assertions before the walk it rests on
 *   rte-pin-slots    pv_mmu_pin: walk_get's precondition get_slots_apart
 *                    and the assertions it rests on (pin_slots.c, which
 *                    includes this file)
 *   rte-pin-keys     pv_mmu_pin: in the key loop after the walk, the
 *                    frame and its summary's index in range and the
 *                    summary apart from the instance, the keys it
 *                    writes valid (pin_key_idx, pin_key_sep,
 *                    pin_keys_valid, pin_key_ptr, pin_key_valid,
 *                    pin_head_idx, pin_head_sep, pin_head_key)
 *   rte-pin-refused, rte-pin-refused-ram, rte-pin-refused-groups,
 *   rte-pin-refused-early
 *                    pv_mmu_pin's refusal theorems (pin_refused.c, which
 *                    includes this file, with the assertions they use
 *                    and walk_get's walk_words): pin_refused_keys,
 *                    pin_refused_ram, pin_refused_groups and
 *                    pin_refused_early, all proved (6, 3, 1 and 1
 *                    goals; about 40 s of CPU)
 *   rte-pin-fill     pv_mmu_pin: an accepted L1's hypervisor slots hold
 *                    the caller's template (pin_fill.c, which includes
 *                    this file and adds the post-condition
 *                    pin_hyp_filled and the template's precondition)
 *   rte-pin-op       pv_mmu_pin but for what the runs above prove,
 *                    walk_get and hyp_fill through their contracts
 *                    (walk_get's proved by rte-pin-walk and
 *                    rte-pin-walk-kept; here without walk_words): all
 *                    203 goals proved, about 130 s of CPU (208 while the
 *                    hypervisor's slots were filled by a loop of pin's
 *                    own; 533 goals and 300 s while pin's kinds were a
 *                    switch: WP split every goal after it in three)
 *
 * fr_set, pv_mmu_key, table_geom and pv_mmu_slot_ptr are inlined, with
 * the domain and frame-number wrappers (tools/prove). The loops carry
 * their invariants in validate.c (comments to the compiler). The
 * preconditions are what every call site guarantees, each with its
 * reason; nothing a guest controls is assumed.
 */
/*
 * A frame record's stored type and owner as fr_ttype and fr_owner read
 * them, and the instance's frame count, as C macros (defined before
 * validate.c, whose assertion pin_checked uses them, below).
 */
#define TTYPE(m, i) ((uint8_t)((m)->fr_key[i] >> 16))
#define OWNER(m, i) ((uint16_t)((m)->fr_key[i] & 0xFFFF))
#define NR(m) ((m)->nr_frames)

/*
 * pv_mmu_pin: every domain id, table kind and frame number a guest can
 * pass. Its own checks before the walk, as C macros: the frames a kind
 * takes, the first frame's index (pv_mmu_mfn_index), the kinds it takes,
 * and "refused before the walk" (a domain not live, a kind it does not
 * take, an L1 not 16 KiB aligned, frames not in RAM, or one of them not
 * dom's, typed, mapped writable or granted).
 */
#define PIN_N(kind) ((kind) == PV_MMU_TABLE_L1 ? 4 : 1)
#define PIN_IDX(m, f) ((uint32_t)((f).mfn - ((m)->ram_base >> 12)))
#define PIN_KIND_OK(m, kind) \
	((kind) == PV_MMU_TABLE_L1 || (kind) == PV_MMU_TABLE_L2 || \
	 ((kind) == PV_MMU_TABLE_FINE && (m)->format == PV_MMU_FMT_V5))
#define PIN_EARLY(m, dom, kind, mfn) \
	(!((dom).id < (m)->nr_domains && (m)->domains[(dom).id].dying == 0) || \
	 !PIN_KIND_OK(m, kind) || ((mfn).mfn & (PIN_N(kind) - 1)) != 0 || \
	 PIN_IDX(m, mfn) >= NR(m) || PIN_N(kind) > NR(m) - PIN_IDX(m, mfn) || \
	 (\exists integer k; PIN_IDX(m, mfn) <= k < PIN_IDX(m, mfn) + PIN_N(kind) && \
	   (OWNER(m, k) != (dom).id || TTYPE(m, k) != PV_MMU_FT_NONE || (m)->fr_tc[k] != 0 || \
	    (uint16_t)(m)->fr_gpeer[k] != PV_DOMID_NONE_VALUE)))

/*
 * "Refused before the walk" as a logic predicate, pin_early, of one state:
 * its definition is PIN_EARLY, but WP keeps a call to it as one term. The
 * proof of pin_refused_early, which assumes it of the state on entry,
 * then meets on every path through the walk the very term
 * pin_checked_pre denies, and Qed closes those paths without looking
 * inside: one goal, 2-3 s of CPU (five while pin's kinds were a switch).
 * With the macro expanded in its place the same theorem took 1728 goals
 * path by path (-wp-split), about 125 s, and stayed at the step limit
 * unsplit.
 *
 * validate.c's assertions pin_checked, before pv_mmu_pin's walk (its own
 * checks passed), and pin_checked_pre, after it (the same of the state
 * on entry, in the terms of pin_refused_early: so that its goals on the
 * paths through the walk need not refute pin_early there).
 */
#include "mmu_internal.h"
/*@ predicate pin_early(struct pv_mmu *m, pv_domid_t dom, enum pv_mmu_table kind, pv_mfn_t mfn) =
      PIN_EARLY(m, dom, kind, mfn); */
/*
 * ... and "no key or grant peer changed", "no summary changed" between two
 * states (the frame count read in the first), for pin_refused_keys and
 * pin_refused_groups and the assertions after the walk they rest on
 * (pin_refused.c's pin_walk_keys, pin_walk_groups): on the path of a
 * refusal inside the walk the goal is then the assertion's own term.
 * pin_refused_groups is one goal, 4-5 s of CPU (432 goals, about 30 s,
 * with the quantifier written out and -wp-split).
 */
/*@ predicate keys_kept{L1, L2}(struct pv_mmu *m) =
      \forall integer k; 0 <= k < \at(m->nr_frames, L1) ==>
        \at(m->fr_key[k], L1) == \at(m->fr_key[k], L2) && \at(m->fr_gpeer[k], L1) == \at(m->fr_gpeer[k], L2);
    predicate groups_kept{L1, L2}(struct pv_mmu *m) =
      \forall integer k; 0 <= k < (\at(m->nr_frames, L1) + 63) / 64 ==>
        \at(m->fr_group[k], L1) == \at(m->fr_group[k], L2); */
#define PV_WP_PIN_CHECKED !pin_early(m, dom, kind, mfn)
#define PV_WP_PIN_CHECKED_PRE !\at(pin_early(m, dom, kind, mfn), Pre)
/*
 * walk_get's post-condition walk_words (rte_pin.c) left out of its
 * contract here (0 == 0), but for pin_refused.c, which defines it before
 * including this file: among the hypotheses of rte-pin-op's goals it
 * costs more than it gives.
 */
#ifndef PIN_WALK_WORDS
#define PIN_WALK_WORDS 0 == 0
#endif
/* ... and walk_put's put_words (rte_pin.c; proved by rte-pin-put-walk),
 * which no goal here needs: among the hypotheses of rte-pin-release's
 * goals, it leaves release_synced_set at the step limit */
#define PIN_PUT_WORDS 0 == 0
#include "rte_pin.c"

/*
 * hyp_fill (validate.c): an L1's hypervisor slots filled from the
 * template, or zeroed; proved by rte-pin-release (its own loop, in a
 * context of its own: within pv_mmu_pin's and pv_mmu_table_release's
 * goals the provers did not get through a quantifier over the table's
 * slots, m->ram + idx * 1024, even where it followed at once).
 */
/*@
  requires hyp_fill_range: lo <= hi <= 4096;
  requires hyp_fill_slots_valid: \valid(s + (lo .. hi - 1));
  requires hyp_fill_tpl_valid: t == \null || \valid_read(t + (0 .. hi - lo - 1));
  assigns s[lo .. hi - 1];
  // the slots hold the template's words (apart from the slots, so that
  // writing the slots changes none of it), or 0 without a template
  ensures hyp_fill_done: t == \null || \separated(s + (lo .. hi - 1), t + (0 .. hi - lo - 1)) ==>
    hyp_filled(s, t, lo, hi);
*/
static inline void hyp_fill(uint32_t *s, const uint32_t *t, uint32_t lo, uint32_t hi);

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
#define TBL_FRAMES(m, i) (TTYPE(m, i) == PV_MMU_FT_L1 ? 4 : 1)
#define TBL_WORDS(m, i) (TBL_FRAMES(m, i) * 1024)
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
  requires release_idx: idx < m->nr_frames;
  // an L1's four frames lie in RAM: pv_mmu_pin types four frames L1 only
  // when they are (n <= nr_frames - idx) and marks the first the head
  requires release_l1_ram: TTYPE(m, idx) == PV_MMU_FT_L1 ==> idx + 4 <= m->nr_frames;
  // pv_mmu_init: the hypervisor's L1 slots end at or below 4 GiB
  requires m->hyp_slot_lo <= m->hyp_slot_hi <= 4096;
  // the table's slots: frames of RAM (pv_mmu_init: m->ram holds
  // nr_frames frames) owned by a guest, hence never the frame store
  // (pv_mmu_frame_assign gives no guest its frames) nor the instance
  requires \valid(TABLE(m, idx));
  requires \separated(TABLE(m, idx), m, STORE(m));
  // the counts put back, the table's own keys and their summaries, and the
  // hypervisor's slots of an L1 (zeroed; none of another table)
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1].maps,
    m->fr_key[idx .. idx + TBL_FRAMES(m, idx) - 1],
    m->fr_group[idx / 64 .. (idx + TBL_FRAMES(m, idx) - 1) / 64],
    m->ram[idx * 1024 + m->hyp_slot_lo ..
           idx * 1024 + (TTYPE(m, idx) == PV_MMU_FT_L1 ? m->hyp_slot_hi : m->hyp_slot_lo) - 1];
  // The table's frames are left untyped and unflagged, still the table
  // owner's (each key the owner alone), and the instance's sizes and every
  // other frame's key stay: what destroy's steps rest on (rte_destroy.c).
  // Proved step by step through the assertions and loop invariants in
  // validate.c (release_put*, release_set, release_synced*, release_hyp_*,
  // release_end*), walk_put's PUT_KEYS among them (rte_pin.c).
  ensures released: \forall integer k; idx <= k < idx + \old(TBL_FRAMES(m, idx)) ==>
    m->fr_key[k] == (uint16_t)\old(m->fr_key[idx] & 0xFFFF);
  ensures release_kept: PUT_KEPT(m) && m->hyp_slot_lo == \old(m->hyp_slot_lo) &&
    m->hyp_slot_hi == \old(m->hyp_slot_hi);
  ensures release_others: \forall integer k; 0 <= k < m->nr_frames &&
    (k < idx || idx + \old(TBL_FRAMES(m, idx)) <= k) ==> m->fr_key[k] == \old(m->fr_key[k]);
  // An L1's hypervisor slots are 0 again (rule 6 of docs/mmu.md: the
  // guest gets its table back without the hypervisor's entries; hyp_fill
  // without a template, validate.c's hyp_filled).
  ensures release_hyp_cleared: \old(TTYPE(m, idx)) == PV_MMU_FT_L1 ==>
    hyp_filled(m->ram + idx * 1024, \null, \old(m->hyp_slot_lo), \old(m->hyp_slot_hi));
*/
void pv_mmu_table_release(struct pv_mmu *m, uint32_t idx);

/*
 * pv_mmu_unpin: every domain id and frame number a guest can pass. A frame
 * record's owner and flags as fr_owner and fr_flags read them, an L1's
 * first frame, and the instance as unpin (and pin) read it, as C macros.
 */
#define FLAGS(m, i) ((uint8_t)((m)->fr_key[i] >> 24))
#define L1_HEAD(m, i) (TTYPE(m, i) == PV_MMU_FT_L1 && (FLAGS(m, i) & PV_MMU_FRAME_L1_HEAD) != 0)
/*
 * What the table operations need of the instance (pv_mmu_init and the
 * invariants the library keeps), each part with its reason:
 * - the frame store as the put side reads and writes it (PUT_INST), the
 *   keys and summaries writable too;
 * - the hypervisor's L1 slots end at or below 4 GiB (pv_mmu_init);
 * - 1 to PV_DOMID_MAX_GUEST + 1 domain records (pv_mmu_init);
 * - RAM: nr_frames frames of m->ram (pv_mmu_init);
 * - a guest's frame is apart from the frame store and the instance:
 *   pv_mmu_frame_assign gives no guest a frame of the store, and the
 *   caller's records (the instance, the I/O regions) are its own memory,
 *   which it gives no guest;
 * - an L1's first frame (flag L1_HEAD): its four frames lie in RAM and are
 *   a guest's. pv_mmu_pin sets the flag only after checking both; the
 *   frames keep their owner while pinned (pv_mmu_frame_free refuses a
 *   typed frame) and lose the flag when released.
 */
#define OPS_INST(m) \
	PUT_INST(m) && \valid(m->fr_key + (0 .. NR(m) - 1)) && \
	\valid(m->fr_group + (0 .. (NR(m) + 63) / 64 - 1)) && \
	m->hyp_slot_lo <= m->hyp_slot_hi <= 4096 && \
	m->nr_domains <= PV_DOMID_MAX_GUEST + 1 && \valid_read(m->domains + (0 .. m->nr_domains - 1)) && \
	\valid(m->ram + (0 .. NR(m) * 1024 - 1)) && \
	(\forall integer i; 0 <= i < NR(m) && OWNER(m, i) <= PV_DOMID_MAX_GUEST ==> \
	  \separated(m->ram + (i * 1024 .. i * 1024 + 1023), m, STORE(m))) && \
	(\forall integer i; 0 <= i < NR(m) && L1_HEAD(m, i) ==> i + 4 <= NR(m) && \
	  \separated(m->ram + (i * 1024 .. i * 1024 + 4095), m, STORE(m)))

/*
 * What a table operation may change: the frame records' keys and counts,
 * the summaries, the I/O regions' map counts, RAM (the table's slots).
 */
#define OPS_WRITES(m) \
	m->fr_key[0 .. NR(m) - 1], m->fr_tc[0 .. NR(m) - 1], m->fr_ro[0 .. NR(m) - 1], \
	m->fr_gmaps[0 .. NR(m) - 1], m->fr_group[0 .. (NR(m) + 63) / 64 - 1], \
	m->io[0 .. m->io_max - 1].maps, m->ram[0 .. NR(m) * 1024 - 1]

/*
 * "Nothing changed since Pre" of each of them (the theorems of a refused
 * operation), as C macros: the frame records' keys and grant peers, their
 * counts, the summaries, the I/O regions' map counts, RAM, the words of
 * the frames a guest owns.
 */
#define SAME_KEYS(m) \
	(\forall integer k; 0 <= k < NR(m) ==> \
	  m->fr_key[k] == \old(m->fr_key[k]) && m->fr_gpeer[k] == \old(m->fr_gpeer[k]))
#define SAME_COUNTS(m) \
	(\forall integer k; 0 <= k < NR(m) ==> m->fr_tc[k] == \old(m->fr_tc[k]) && \
	  m->fr_ro[k] == \old(m->fr_ro[k]) && m->fr_gmaps[k] == \old(m->fr_gmaps[k]))
#define SAME_GROUPS(m) \
	(\forall integer k; 0 <= k < (NR(m) + 63) / 64 ==> m->fr_group[k] == \old(m->fr_group[k]))
#define SAME_IO(m) (\forall integer k; 0 <= k < m->io_max ==> m->io[k].maps == \old(m->io[k].maps))
#define SAME_RAM(m) (\forall integer k; 0 <= k < NR(m) * 1024 ==> m->ram[k] == \old(m->ram[k]))
/* (a word k of RAM is a word of frame k / 1024: one index, as the
 * assertions it comes from, pin_refused.c; stated with a frame i and a
 * word w, i * 1024 + w, the step from them, (i * 1024 + w) / 1024 == i, a
 * C division, stays at the step limit) */
#define SAME_GUEST_RAM(m) \
	(\forall integer k; 0 <= k < NR(m) * 1024 && \old(OWNER(m, k / 1024)) <= PV_DOMID_MAX_GUEST ==> \
	  m->ram[k] == \old(m->ram[k]))

/*@
  requires OPS_INST(m);
  assigns OPS_WRITES(m);
  // A refused unpin changes nothing: no frame record, count or summary,
  // no I/O map count, no word of RAM (the domain records are not in the
  // assigns clause: no unpin changes them).
  ensures unpin_refused_keys: \result != PV_OK ==> SAME_KEYS(m);
  ensures unpin_refused_counts: \result != PV_OK ==> SAME_COUNTS(m);
  ensures unpin_refused_groups: \result != PV_OK ==> SAME_GROUPS(m);
  ensures unpin_refused_io: \result != PV_OK ==> SAME_IO(m);
  ensures unpin_refused_ram: \result != PV_OK ==> SAME_RAM(m);
  // An unpinned L1's hypervisor slots are 0 again (the release's
  // release_hyp_cleared; rule 6 of docs/mmu.md).
  ensures unpin_hyp_cleared: \result == PV_OK && \old(TTYPE(m, PIN_IDX(m, mfn))) == PV_MMU_FT_L1 ==>
    hyp_filled(m->ram + \old(PIN_IDX(m, mfn)) * 1024, \null, \old(m->hyp_slot_lo), \old(m->hyp_slot_hi));
*/
enum pv_status pv_mmu_unpin(struct pv_mmu *m, pv_domid_t dom, pv_mfn_t mfn);

/*@
  requires OPS_INST(m);
  // walk_get's instance (rte_pin.c's pin_inst): the grant counts and the
  // grant owners' invariant besides
  requires pin_inst(m);
  // four frames in a row a guest owns are apart from the frame store and
  // the instance, as each one is (OPS_INST)
  requires \forall integer i; 0 <= i && i + 4 <= NR(m) && OWNER(m, i) <= PV_DOMID_MAX_GUEST &&
    OWNER(m, i + 1) <= PV_DOMID_MAX_GUEST && OWNER(m, i + 2) <= PV_DOMID_MAX_GUEST &&
    OWNER(m, i + 3) <= PV_DOMID_MAX_GUEST ==>
      \separated(m->ram + (i * 1024 .. i * 1024 + 4095), m, STORE(m));
  // pv_mmu_init's configuration (mmu.h): no values for the hypervisor's
  // slots, or one per slot
  requires m->hyp_l1 == \null || \valid_read(m->hyp_l1 + (0 .. m->hyp_slot_hi - m->hyp_slot_lo - 1));
  assigns OPS_WRITES(m);
  // A refused pin changes no key, grant peer or summary, and no word of a
  // guest's frame (walk_get writes only counts, which are apart from
  // them; the frame store itself may lie in RAM, in the hypervisor's
  // frames: pv_mmu_init's store_lo, store_hi).
  ensures pin_refused_keys: \result != PV_OK ==> keys_kept{Here, Old}(m);
  ensures pin_refused_groups: \result != PV_OK ==> groups_kept{Here, Old}(m);
  ensures pin_refused_ram: \result != PV_OK ==> SAME_GUEST_RAM(m);
  // A pin refused by its own checks, before the walk, changes nothing
  // (no count, I/O map count or word of RAM either), and every such pin
  // is refused.
  // (A refusal inside walk_get leaves the counts, and so the frame
  // store's words of RAM, as they were only if walk_put puts back exactly
  // what walk_get got: not proved, tested by tests/.)
  ensures pin_refused_early: \at(pin_early(m, dom, kind, mfn), Pre) ==>
    \result != PV_OK && SAME_COUNTS(m) && SAME_IO(m) && SAME_RAM(m);
*/
enum pv_status pv_mmu_pin(struct pv_mmu *m, pv_domid_t dom, enum pv_mmu_table kind, pv_mfn_t mfn);
