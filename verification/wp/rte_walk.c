/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in the software walk (lib/mmu/translate.c:
 * pv_mmu_translate, pv_mmu_translate_span, its leaf helper) and in its
 * reading of a leaf (pv_mmu_leaf() and the format files' leaf readers),
 * for every domain id and guest virtual address a guest can pass and every
 * descriptor word a guest can have written (Frama-C WP, -wp-rte). This
 * file includes the library's source; the decoders are used through the
 * contracts of rte_decode.c. rte_maint.c includes it for the maintenance
 * range checks (lib/mmu/maint.c), which walk through these contracts.
 *
 * The preconditions are the instance's invariants that the library keeps,
 * each with why it holds; nothing a guest controls is assumed. tools/prove's
 * runs (docs/verification.md, "Absence of run-time errors in lib/mmu"):
 * rte-leaf (pv_mmu_leaf, with pv_mmu_v5_leaf, pv_mmu_v7_leaf, v5_user4
 * inlined), rte-walk (pv_mmu_translate_span, pv_mmu_translate and leaf,
 * from rte_maint.c, with pv_mmu_dom_ok and the type wrappers inlined and
 * leaf's callee pv_mmu_leaf through its contract), lemmas-walk (the lemmas
 * below, with WP's automatic tactics).
 *
 * How the walk's preconditions are stated matters to the provers. The
 * instance invariant is l1_ok below: every slot of a domain's active L1
 * outside the hypervisor's holds a word l1_slot_ok accepts. The walk reads
 * one slot, the one of the address asked for, and its contract states the
 * invariant at that slot only (WALK_SLOT_OK), in the walk's own terms: the
 * slot's index into m->ram as the code computes it, the hypervisor test as
 * the code makes it. These are C macros, expanded in the contract, so
 * that Qed meets the code's own terms and matches them; with the universal
 * form in the walk's context (or with named predicates Qed does not open)
 * CVC4 did not find the instance of the read within 200,000 steps, or
 * needed 440,000 for a step of it. A caller that walks for several
 * addresses (maint.c's range walk) assumes l1_ok and takes the instance at
 * each address: l1_ok quantifies over the address, so that its instance is
 * found by the term va >> 20 (lsr in the provers' theory).
 */
#include "rte_decode.c"
#include "translate.c"

/*@
  // C11 6.5.7: the right shift of a non-negative value is its quotient by
  // a power of two (and non-negative: lsr_nonneg, in rte_decode.c). WP's
  // theory does not have it, and Qed proves the constant-shift bounds it
  // knows for itself without passing them on to the provers. Proved by
  // WP's tactic wp:bitshift, in tools/prove's lemmas-walk run.
  lemma lsr20_div: \forall integer x; 0 <= x ==> (x >> 20) == x / 0x100000;

  // As land3_mod (rte_decode.c), for the walk's second-level indices.
  axiomatic LowBitsWalk {
  axiom land255_mod: \forall integer x; 0 <= x ==> (x & 255) == x % 256;
  axiom land1023_mod: \forall integer x; 0 <= x ==> (x & 1023) == x % 1024;
  }
*/

/*
 * What an L1 slot outside the hypervisor's holds: a word the decoder and
 * pv_mmu_check accepted when the L1 was pinned or the slot written
 * (pv_mmu_update keeps pinned tables validated). A table pointer's base
 * lies in RAM (table_in_ram, proved in check_pending.c), and its table with
 * it, since a coarse table's base is 1 KiB aligned, a fine table's 4 KiB,
 * and RAM ends on a 4 KiB boundary (pv_mmu_init). A v7 L1 holds no 0b11
 * entry (its decoder refuses them), so the second clause holds there too.
 * In words of RAM: the table's first word plus its length is at most RAM's
 * length.
 */
#define L1_SLOT_OK(m, d)                                                                        \
	((((d)&3) == 1 ==>                                                                      \
	  (uint32_t)(((d)&0xFFFFFC00) - (m)->ram_base) / 4 + 256 <= (m)->nr_frames * 1024) && \
	 (((d)&3) == 3 ==>                                                                      \
	  (uint32_t)(((d)&0xFFFFF000) - (m)->ram_base) / 4 + 1024 <= (m)->nr_frames * 1024))

/*
 * dom's active L1: PV_MMU_NO_L1, or the first frame of an L1 in RAM (four
 * frames): pv_mmu_switch_base makes active only an L1 of the domain's own
 * that is pinned, i.e. whose four frames lie in RAM (pv_mmu_pin_l1 refuses
 * any other), unpin refuses an active L1 and destroy resets it to
 * PV_MMU_NO_L1. WALK_L1_WORD: the word of m->ram that holds its slot 0.
 * (The guest passes any domain id: for every domain of the instance, its
 * own L1.)
 */
#define WALK_L1(m, dom) ((m)->domains[dom].active_l1.mfn)
#define WALK_HAS_L1(m, dom) ((dom) < (m)->nr_domains && WALK_L1(m, dom) != PV_MMU_NO_L1)
#define WALK_L1_WORD(m, dom) ((uint32_t)((uint32_t)(WALK_L1(m, dom) << 12) - (m)->ram_base) / 4)
#define WALK_L1_IN_RAM(m, dom) (WALK_HAS_L1(m, dom) ==> WALK_L1_WORD(m, dom) + 4096 <= (m)->nr_frames * 1024)

/*
 * The slot of va in dom's active L1, unless it is one of the hypervisor's
 * slots [hyp_slot_lo, hyp_slot_hi) (the code's unsigned test, the same
 * for hyp_slot_lo <= hyp_slot_hi), holds a word L1_SLOT_OK accepts.
 */
#define WALK_SLOT_OK(m, dom, va)                                                              \
	(WALK_HAS_L1(m, dom) &&                                                               \
	 (uint32_t)(((va) >> 20) - (m)->hyp_slot_lo) >=                                       \
		 (uint32_t)((m)->hyp_slot_hi - (m)->hyp_slot_lo) ==>                          \
	 L1_SLOT_OK(m, (m)->ram[(uint32_t)(WALK_L1_WORD(m, dom) + ((va) >> 20))]))

/*@
  // The instance as the walk reads it (pv_mmu_init: the RAM window is
  // nr_frames frames of m->ram, at most 2^20 of them (4 GiB), the domain
  // array nr_domains records, the hypervisor's slots a proper interval).
  predicate walk_instance(struct pv_mmu *m) =
    \valid_read(m) && m->nr_frames <= 0x100000 &&
    \valid_read(m->ram + (0 .. m->nr_frames * 1024 - 1)) &&
    \valid_read(m->domains + (0 .. m->nr_domains - 1)) &&
    m->hyp_slot_lo <= m->hyp_slot_hi;

  // The invariant of dom's active L1 (above), at every address.
  predicate l1_ok(struct pv_mmu *m, integer dom) =
    WALK_L1_IN_RAM(m, dom) &&
    \forall integer va; 0 <= va <= 0xFFFFFFFF ==> WALK_SLOT_OK(m, dom, va);
*/

/*@
  requires walk_instance(m);
  // l1_ok at the address asked for
  requires WALK_L1_IN_RAM(m, dom.id) && WALK_SLOT_OK(m, dom.id, gva.va);
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
  requires WALK_L1_IN_RAM(m, dom.id) && WALK_SLOT_OK(m, dom.id, gva.va);
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
