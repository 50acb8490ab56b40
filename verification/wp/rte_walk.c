/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in the software walk's reading of a leaf
 * (pv_mmu_leaf() and the format files' leaf readers: tools/prove's
 * rte-leaf run) and, PENDING (not run by tools/prove), in the walk itself
 * (lib/mmu/translate.c: pv_mmu_translate, pv_mmu_translate_span and its
 * leaf helper), for every domain id and
 * guest virtual address a guest can pass and every descriptor word a guest
 * can have written (Frama-C WP, -wp-rte). This file includes the library's
 * source; the decoders are used through the contracts of rte_decode.c.
 *
 * State (docs/verification.md, "What is not proved"): with leaf() through
 * its contract below, WP proves 77 of pv_mmu_translate_span's and
 * pv_mmu_translate's 80 goals; open are the two reads of RAM (the L1 slot,
 * translate.c:61, and the second-level entry, translate.c:73) and, at
 * pv_mmu_translate's call, the precondition l1_slots restated. The first
 * read is proved once its index bound is an intermediate assertion (tried
 * on a scratch copy of translate.c): CVC4 does not combine the unfolded
 * preconditions with the slot's 12-bit bound in one goal. pv_mmu_leaf()
 * (its contract below, with the format files' leaf readers and v5_user4
 * inlined): 57 of 57. leaf() from it: 15 of 16, open the shift
 * 1u << (4 + q) by the quarter index q = (va >> (span - 2)) & 3 (CVC4 does
 * not bound q by 3 with land3_mod). With leaf() and pv_mmu_leaf() inlined
 * into the walk the run took 10 min (5 min 44 s CPU), too long for
 * tools/prove.
 *
 * The preconditions are the instance's invariants that the library keeps,
 * each with why it holds; nothing a guest controls is assumed.
 * Run: frama-c -c11 -machdep gcc_x86_32 -cpp-extra-args="-Ilib/mmu -Iinclude" \
 *   -inline-calls pv_mmu_dom_ok,pv_domid_val,pv_mfn_val,pv_gvaddr_val \
 *   -wp -wp-init-const -wp-rte -wp-prover qed,cvc4 -wp-steps 200000 \
 *   -wp-fct pv_mmu_translate_span,pv_mmu_translate verification/wp/rte_walk.c
 * (pv_mmu_leaf: -inline-calls pv_mmu_v5_leaf,pv_mmu_v7_leaf,v5_user4,pv_maddr
 * -wp-fct pv_mmu_leaf; leaf: the same with -wp-fct leaf).
 */
#include "rte_decode.c"
#include "translate.c"

/*@
  // The active L1 of a domain: PV_MMU_NO_L1, or the first frame of an L1
  // in RAM (four frames): pv_mmu_switch_base makes active only an L1 of
  // the domain's own that is pinned, i.e. whose four frames lie in RAM
  // (pv_mmu_pin_l1 refuses any other), unpin refuses an active L1 and
  // destroy resets it to PV_MMU_NO_L1.
  logic integer l1_off(struct pv_mmu *m, integer l1) =
    (uint32_t)((uint32_t)(l1 << 12) - m->ram_base);

  // Every slot of that L1 outside the hypervisor's was accepted by the
  // decoder and pv_mmu_check when it was pinned or written (pv_mmu_update
  // keeps pinned tables validated): a table pointer's base lies in RAM
  // (table_in_ram, proved in check_pending.c), and its table with it, since
  // a coarse table's base is 1 KiB aligned, a fine table's 4 KiB, and RAM
  // ends on a 4 KiB boundary (pv_mmu_init). A v7 L1 holds no 0b11 entry
  // (its decoder refuses them), so the second clause holds there too.
  // (In words of RAM: the table's first word plus its length is at most
  // RAM's length.)
  predicate l1_slot_ok(struct pv_mmu *m, integer d) =
    ((d & 3) == 1 ==> (uint32_t)((d & 0xFFFFFC00) - m->ram_base) / 4 + 256 <= m->nr_frames * 1024) &&
    ((d & 3) == 3 ==> (uint32_t)((d & 0xFFFFF000) - m->ram_base) / 4 + 1024 <= m->nr_frames * 1024);

  // The instance as the walk reads it (pv_mmu_init: the RAM window is
  // nr_frames frames of m->ram, at most 2^20 of them (4 GiB), the domain
  // array nr_domains records, the hypervisor's slots a proper interval).
  predicate walk_instance(struct pv_mmu *m) =
    \valid_read(m) && m->nr_frames <= 0x100000 &&
    \valid_read(m->ram + (0 .. m->nr_frames * 1024 - 1)) &&
    \valid_read(m->domains + (0 .. m->nr_domains - 1)) &&
    m->hyp_slot_lo <= m->hyp_slot_hi;

  // dom's active L1, if dom is a domain of the instance and has one (the
  // guest passes any id: for every domain of the instance, its own)
  logic integer active(struct pv_mmu *m, integer dom) = m->domains[dom].active_l1.mfn;
  predicate has_l1(struct pv_mmu *m, integer dom) =
    dom < m->nr_domains && active(m, dom) != PV_MMU_NO_L1;
*/

/*@
  // As land3_mod (rte_decode.c), for the walk's table indices.
  axiomatic LowBitsWalk {
  axiom land255_mod: \forall integer x; 0 <= x ==> (x & 255) == x % 256;
  axiom land1023_mod: \forall integer x; 0 <= x ==> (x & 1023) == x % 1024;
  }
  // An L1 slot index is 12 bits (Qed proves it).
  lemma lsr20_range: \forall integer x; 0 <= x <= 0xFFFFFFFF ==> 0 <= (x >> 20) <= 0xFFF;

  // The index arithmetic of the two reads (a table's first word plus an
  // index within it, as a 32-bit sum; CVC4 proves it).
  lemma table_index: \forall integer off, k, len, n;
    0 <= off <= 0xFFFFFFFF && 0 <= k < len && off / 4 + len <= n * 1024 && n <= 0x100000 ==>
      (uint32_t)(k + off / 4) < n * 1024;
*/

/*@
  requires walk_instance(m);
  // dom's active L1 lies in RAM, and so does every table its slots outside
  // the hypervisor's point to (l1_off, l1_slot_ok above)
  requires l1_in_ram: has_l1(m, dom.id) ==> l1_off(m, active(m, dom.id)) / 4 + 4096 <= m->nr_frames * 1024;
  requires l1_slots: has_l1(m, dom.id) ==>
    \forall integer s; 0 <= s < 4096 && !(m->hyp_slot_lo <= s < m->hyp_slot_hi) ==>
      l1_slot_ok(m, m->ram[(uint32_t)(s + l1_off(m, active(m, dom.id)) / 4)]);
  // x and span: the caller's result and a local (never the instance)
  requires \valid(x) && \valid(span) && \separated(x, m) && \separated(span, m);
  assigns *x, *span;
  // maint.c's range walk shifts by it
  ensures span_range: \result == PV_OK ==> 10 <= *span <= 24;
*/
enum pv_status pv_mmu_translate_span(const struct pv_mmu *m, pv_domid_t dom, pv_gvaddr_t gva,
				     struct pv_mmu_xlate *x, uint32_t *span);

/*@
  requires walk_instance(m);
  // dom's active L1 lies in RAM, and so does every table its slots outside
  // the hypervisor's point to (l1_off, l1_slot_ok above)
  requires l1_in_ram: has_l1(m, dom.id) ==> l1_off(m, active(m, dom.id)) / 4 + 4096 <= m->nr_frames * 1024;
  requires l1_slots: has_l1(m, dom.id) ==>
    \forall integer s; 0 <= s < 4096 && !(m->hyp_slot_lo <= s < m->hyp_slot_hi) ==>
      l1_slot_ok(m, m->ram[(uint32_t)(s + l1_off(m, active(m, dom.id)) / 4)]);
  requires \valid(x) && \separated(x, m);
  assigns *x;
*/
enum pv_status pv_mmu_translate(const struct pv_mmu *m, pv_domid_t dom, pv_gvaddr_t gva,
				struct pv_mmu_xlate *x);

/*@
  // m: the caller's instance; l: a local of leaf(); d any word (the span
  // comes from the descriptor's type bits alone: 10, 12, 16, 20 or 24)
  requires \valid_read(m) && \valid(l);
  assigns *l;
  ensures leaf_span: 10 <= l->span <= 24;
*/
static inline void pv_mmu_leaf(const struct pv_mmu *m, unsigned tbl, uint32_t d,
			       struct pv_mmu_leaf *l);

/*@
  // d: a leaf the decoder accepted from a table of kind tbl (any word
  // whatever: the span comes from the descriptor's type bits alone)
  requires \valid_read(m) && \valid(x);
  assigns *x;
  ensures leaf_span: 10 <= \result <= 24;
*/
static uint32_t leaf(const struct pv_mmu *m, unsigned tbl, uint32_t d, uint32_t va,
		     struct pv_mmu_xlate *x);
