/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in the pin walk of lib/mmu/validate.c and in
 * pv_mmu_check (Frama-C WP, -wp-rte): no out-of-bounds read of a table or
 * of the frame records, no overflow, no invalid shift, for every word a
 * guest can have written into the table it asks to pin. This file
 * includes validate.c; its loops carry their invariants in the source
 * (comments to the compiler). tools/prove runs WP on the functions below
 * (-wp-fct), each one's callees through their contracts:
 *
 *   rte-pin-scan  skip_faults, block_faults, keys_are, pv_mmu_check_frames
 *   rte-pin-fast  run, block_pass, block_get, span, fast_runs, run_ptr
 *   rte-check     pv_mmu_check (check_frame through the contract below,
 *                 which isolation.c's check_frame run proves with -wp-rte)
 *   rte-pin-get   pv_mmu_get, pv_mmu_get_frames
 *   rte-pin-put   pv_mmu_put, pv_mmu_put_frames, block_put
 *   rte-pin-put-keys  their put_keys (no key changes) and pv_mmu_put's
 *                 put_words (no word but the counts) and put_hyp (the
 *                 hypervisor's slots stay), split
 *   rte-pin-put-walk  walk_put
 *   lemmas-pin    group_index, group_next, group_last, group_fits
 *   rte-pin-walk  walk_get itself (196 goals, about 155 s of CPU, CVC4
 *                 at 300,000 steps; its replica check and rule 6 in
 *                 pin_replicas.c and pin_hyp.c),
 *   rte-pin-walk-kept  walk_get's walk_kept, walk_geom and walk_words,
 *                 what pv_mmu_pin reads after it, with the assertions
 *                 get_words, get_words_fast, get_words_out they come from
 *                 (6 goals, about 20 s of CPU),
 * from these contracts (the decoders'
 * output ranges it uses are proved by rte_decode.c's runs, walk_put's by
 * rte-pin-put-walk). Its callees' contracts state the instance with its
 * sizes as parameters and that they keep the sizes (PIN_KEPT). The loop
 * does not carry the sizes and the geometry as invariants (proved at the
 * back edge, through every path at once, they stayed at the step limit):
 * assertions state them at the head of its body (from the loop assigns'
 * frame and the separations asserted before the loop, get_apart,
 * get_io) and after the fast paths and the decoder; the grant owners'
 * invariant pv_mmu_check asks (owners_ok) likewise, at the head and after
 * each fast path. The replicas' group ends within the table by the lemma
 * group_fits. docs/verification.md has the steps' costs.
 *
 * The preconditions are what every call site guarantees, each with its
 * reason; nothing a guest controls (the table's words) is assumed.
 */
#include "mmu_internal.h"

/*@
  // C11 6.5.7 on a non-negative value (as lsr12_div in check_leaf.c): the
  // group of a frame index.
  axiomatic ShiftIsDivision6 {
  axiom lsr6_div: \forall integer x; 0 <= x ==> (x >> 6) == x / 64;
  }
  // The whole groups of frames [idx, idx + n) lie among the first
  // (nr + 63) / 64 (keys_are's look at the summaries).
  // A group of n replicas aligned to n (j % n == 0) and starting below
  // a table's end (1024 or 4096 slots, multiples of n) ends within it
  // (walk_get's rep_end). Its trigger is j % n, the term of rep_al.
  lemma group_fits: \forall integer j, n; 0 <= j && (n == 4 || n == 16 || n == 64) &&
    j % n == 0 ==> (j < 1024 ==> j + n <= 1024) && (j < 4096 ==> j + n <= 4096);
  lemma group_index: \forall integer i, idx, n, nr;
    0 <= i && 0 <= idx && 0 <= n && i < n / 64 && idx + n <= nr ==>
      i + idx / 64 < (nr + 63) / 64;
*/

/*
 * The pin walk's scans. s is a table being pinned or released: the
 * callers (walk_get, walk_put) pass the slots of a frame of RAM
 * (pv_mmu_slot_ptr) and keep every index below the table's slot count.
 */

/*@
  // walk_get: j + 1 after a fault at j below lim, where lim is the table's
  // end or the start of the hypervisor's slots
  requires j <= lim;
  requires \valid_read(s + (j .. lim - 1));
  assigns \nothing;
  ensures skip_range: \old(j) <= \result <= lim;
  // a slot it stops at below lim is no fault (that every slot skipped is
  // one is not proved: the provers do not split the OR of eight slots)
  ensures skip_stop: \result < lim ==> (s[\result] & 3) != 0;
*/
static inline uint32_t skip_faults(const uint32_t *s, uint32_t j, uint32_t lim);

/*@
  // walk_put: a whole block from j, j + 64 at most the table's end
  requires \valid_read(s + (j .. j + 63));
  assigns \nothing;
*/
static inline bool block_faults(const uint32_t *s, uint32_t j);

/*@
  // The frame store as pv_mmu_init lays it out: nr_frames words per
  // array, one group summary per 64 frames (PV_MMU_FRAME_STORE_WORDS).
  // The frame count nr is a parameter (store_read and the macros below
  // pass m->nr_frames): so the predicate reads no memory the pin walk
  // writes (the counts), only the instance's pointers and what is
  // allocated, and the provers carry it through walk_get's loop by the
  // sizes alone (PIN_KEPT, below).
  predicate store_at(struct pv_mmu *m, integer nr) =
    \valid_read(m) && nr <= 0x100000 &&
    \valid_read(m->fr_key + (0 .. nr - 1)) &&
    \valid_read(m->fr_group + (0 .. (nr + 63) / 64 - 1));
  predicate store_read(struct pv_mmu *m) = store_at(m, m->nr_frames);
*/

/*@
  // frames [idx, idx + n) lie in RAM: pv_mmu_check_frames and the frame
  // counts are called for a leaf pv_mmu_check found in RAM (leaf_in_ram)
  requires store_read(m);
  requires idx + n <= m->nr_frames;
  assigns \nothing;
*/
static bool keys_are(const struct pv_mmu *m, uint32_t idx, uint32_t n, uint32_t kmask,
		     uint32_t want);

/*
 * The put side's loops keep every key (validate.c's PV_WP_KEYS_KEPT, 0 == 0
 * for the other files analysing validate.c; walk_put's loop: every word
 * but the counts, PV_WP_WORDS_KEPT): what PUT_KEYS, below, is proved from.
 */
#define PV_WP_KEYS_KEPT \forall integer k; 0 <= k < \at(m->nr_frames, Pre) ==> \
	m->fr_key[k] == \at(m->fr_key[k], Pre)
#include "validate.c"

/*@
  axiomatic LowBitsPin {
  // C11 6.5.10 on a non-negative value: its six low bits are its
  // remainder by 64 (the frame's place in its group, block_get)
  axiom land63_mod: \forall integer x; 0 <= x ==> (x & 63) == x % 64;
  // C11 6.5.12 on a non-negative value: its six low bits set, the others
  // its own (walk_get's span limit, the last slot of j's block of 64; no
  // tactic of WP proves it, nor that x <= (x | 63))
  axiom lor63_fill: \forall integer x; 0 <= x ==> (x | 63) == x - x % 64 + 63;
  // C11 6.5.10 and 6.5.3.3 on a non-negative 32-bit value: a group of
  // replicas' first slot, the value with its low bits cleared (walk_get:
  // j & ~(e.group - 1) for a group of 4, 16 or 64 slots)
  axiom land_group: \forall integer x, n; 0 <= x <= 0xFFFFFFFF &&
    (n == 4 || n == 16 || n == 64) ==> (x & (uint32_t)~(n - 1)) == x - x % n;
  }
  // A block of 64 frames not aligned to a group reaches into the next
  // group, which is among the first (nr + 63) / 64 (block_get).
  lemma group_next: \forall integer idx, nr;
    0 <= idx && idx + 64 <= nr && idx % 64 != 0 ==> idx / 64 + 1 < (nr + 63) / 64;
  // The last group of frames [idx, idx + n) is among them (span).
  lemma group_last: \forall integer idx, n, nr;
    0 <= idx && 1 <= n && idx + n <= nr ==> (idx + n - 1) / 64 < (nr + 63) / 64;

  // The frame counts the pin walk bumps: nr words each, apart from each
  // other, from the instance and from the keys and summaries it reads
  // (the frame store's arrays are disjoint slices of it, pv_mmu_init).
  predicate counts_at(struct pv_mmu *m, integer nr) =
    store_at(m, nr) &&
    \valid(m->fr_ro + (0 .. nr - 1)) && \valid(m->fr_tc + (0 .. nr - 1)) &&
    \separated(m, m->fr_ro + (0 .. nr - 1), m->fr_tc + (0 .. nr - 1),
               m->fr_key + (0 .. nr - 1), m->fr_group + (0 .. (nr + 63) / 64 - 1));
  predicate pin_store(struct pv_mmu *m) = counts_at(m, m->nr_frames);
*/
/*
 * The contracts of walk_get's callees state the instance with its sizes
 * read once, at the call (the macros), and that the callee keeps them
 * (PIN_KEPT): walk_get's loop then carries the instance by its sizes
 * alone (its loop invariant: they stay).
 */
#define PIN_STORE(m) counts_at(m, m->nr_frames)
#define PIN_KEPT(m) (m->nr_frames == \old(m->nr_frames) && m->ram_size == \old(m->ram_size) && \
		     m->io_max == \old(m->io_max) && m->nr_domains == \old(m->nr_domains))

/*
 * The pin walk's fast paths, called per run, span or block of a coarse
 * table by walk_get: each reads the slots it is given and bumps frame
 * counts, never past the frame records.
 */
/*@
  // cnt: fr_tc or fr_ro (the callers pass one of them)
  requires store_read(m);
  requires \valid(cnt + (0 .. m->nr_frames - 1));
  requires j <= end && \valid_read(s + (j .. end - 1));
  assigns cnt[0 .. m->nr_frames - 1];
  ensures run_range: \old(j) <= \result <= end;
*/
static inline uint32_t run(struct pv_mmu *m, const uint32_t *s, uint32_t j, uint32_t end,
			   uint32_t pmask, uint32_t pat, uint32_t *cnt, uint32_t kmask, uint32_t kwant,
			   uint32_t pin_lo, uint32_t pin_hi);

/*@
  // walk_get: slots [j, end) of the table, end its slot count or the
  // start of the hypervisor's slots
  requires PIN_STORE(m);
  requires j <= end && \valid_read(s + (j .. end - 1));
  assigns m->fr_tc[0 .. m->nr_frames - 1];
  ensures ptr_range: \old(j) <= \result <= end;
  ensures PIN_KEPT(m);
*/
static inline uint32_t run_ptr(struct pv_mmu *m, uint32_t kl2, const uint32_t *s, uint32_t j,
			       uint32_t end, uint32_t p);

/*@
  // block_get's three calls: a whole block of the table, and of the frame
  // counts and keys from the block's first frame (key NULL: not read)
  requires \valid_read(q + (0 .. 63)) && \valid(cnt + (0 .. 63));
  requires key == \null || \valid_read(key + (0 .. 63));
  assigns cnt[0 .. 63];
*/
static inline uint32_t block_pass(const uint32_t *restrict q, const uint32_t *restrict key,
				  uint32_t *restrict cnt, uint32_t d, uint32_t kmask, uint32_t kwant);

/*@
  // a whole block of the table from j (walk_get: j + 64 <= the slot count)
  requires PIN_STORE(m);
  requires j + 64 <= 4096 && \valid_read(s + (j .. j + 63));
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1];
  ensures PIN_KEPT(m);
*/
static inline bool block_get(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
			     bool w, uint32_t pin_lo, uint32_t pin_hi);

/*@
  requires PIN_STORE(m);
  requires j < end <= 4096 && \valid_read(s + (j .. end - 1));
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1];
  ensures span_range: \old(j) <= \result <= end;
  ensures PIN_KEPT(m);
*/
static inline uint32_t span(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
			    uint32_t end, bool w, uint32_t pin_lo, uint32_t pin_hi);

/*@
  requires PIN_STORE(m);
  requires j < end <= 4096 && \valid_read(s + (j .. end - 1));
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1];
  ensures runs_range: \old(j) <= \result <= end;
  ensures PIN_KEPT(m);
*/
static inline uint32_t fast_runs(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
				 uint32_t end, struct memo mm, uint32_t pin_lo, uint32_t pin_hi);

/*
 * pv_mmu_check's own run-time errors (its theorems' runs name their
 * properties, which leaves them out): check_frame inlined, the two
 * out-of-line halves through their contracts, pv_mmu_check_io's proved in
 * io.c's run, pv_mmu_check_frames' below (its RTE proved in this file's
 * run on it, from keys_are's contract).
 */
/*@
  // The frame records as the checks read them (pv_mmu_init; a granted
  // frame's owner is a domain of the instance, isolation.c's
  // grant_owner_ok: pv_mmu_grant grants only a live domain's frames and
  // destroy drops the grants first).
  // (nr the frame count, nd the domain count: CHECK_INST passes them)
  predicate check_sized(struct pv_mmu *m, integer nr, integer nd) =
    store_at(m, nr) &&
    \valid_read(m->fr_gpeer + (0 .. nr - 1)) && \valid_read(m->domains + (0 .. nd - 1));
  predicate owners_ok(struct pv_mmu *m, integer nr, integer nd) =
    \forall integer i; 0 <= i < nr ==>
      ((uint16_t)m->fr_gpeer[i] != PV_DOMID_NONE_VALUE ==> (uint16_t)(m->fr_key[i] & 0xFFFF) < nd);
  predicate check_inst(struct pv_mmu *m) =
    check_sized(m, m->nr_frames, m->nr_domains) && owners_ok(m, m->nr_frames, m->nr_domains);
*/
#define CHECK_INST(m) (check_sized(m, m->nr_frames, m->nr_domains) && \
		       owners_ok(m, m->nr_frames, m->nr_domains))

/*@
  axiomatic ShiftIsDivisionPin {
  // As check_leaf.c's lsr12_div and land_page (C11 6.5.7 and 6.5.10 on a
  // non-negative value): a frame index, and Qed's form of the test of
  // pv_mmu_frame_index's result against UINT32_MAX.
  axiom lsr12_div: \forall integer x; 0 <= x ==> (x >> 12) == x / 4096;
  axiom land_page: \forall integer x; 0 <= x ==> (x & -4096) == x - x % 4096;
  }
*/

/*@
  // its run-time errors are proved with the theorems of isolation.c
  // (check_frame's run, -wp-rte), under these preconditions
  requires check_inst(m);
  requires i < m->nr_frames;
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns \nothing;
  ensures \result == PV_OK || \result < 0;
*/
static inline int32_t check_frame(const struct pv_mmu *m, uint32_t i, uint16_t dom,
				  bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*@
  requires check_inst(m);
  requires idx + n <= m->nr_frames;
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns \nothing;
  ensures \result == PV_OK || \result < 0;
*/
int32_t pv_mmu_check_frames(const struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n,
			    bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*@
  requires \valid_read(m) && \valid_read(e);
  requires \valid(m->io + (0 .. m->io_max - 1));
  requires e->mt <= PV_MMU_MT_MIXED;
  assigns \nothing;
  ensures \result == PV_OK || \result < 0;
*/
int32_t pv_mmu_check_io(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);

/*@
  requires check_sz: check_sized(m, m->nr_frames, m->nr_domains);
  requires check_own: owners_ok(m, m->nr_frames, m->nr_domains);
  requires \valid(m->io + (0 .. m->io_max - 1));
  requires \valid_read(e);
  // the decoders' output: a kind (dec_kind), a memory type of the
  // enumeration, an ARM domain of the 4-bit field (v5_domain) or none
  requires e->kind <= PV_MMU_ENT_FINE;
  requires e->mt <= PV_MMU_MT_MIXED;
  requires e->domain < 16 || e->domain == PV_MMU_NO_DOMAIN;
  // a guest's table (pin: a live domain; update: the table's owner)
  requires dom <= PV_DOMID_MAX_GUEST;
  // the frames being pinned, or none (0, 0)
  requires pin_lo <= pin_hi;
  // RAM is nr_frames whole frames (pv_mmu_init: PV_EALIGN otherwise)
  requires m->nr_frames == m->ram_size >> 12 && m->ram_size % 4096 == 0;
  assigns \nothing;
*/
static inline int32_t pv_mmu_check(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
				    uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*
 * walk_get, the pin walk: every slot of the table, through the contracts
 * above and these.
 */
/*@
  // The instance as the pin walk counts it, its sizes parameters
  // (PIN_SIZED passes them): the frame store (counts_at, check_sized),
  // the grant counts and the I/O regions' map counts apart from all else
  // too, RAM in whole frames.
  predicate pin_sized(struct pv_mmu *m, integer nr, integer rs, integer nio, integer nd) =
    counts_at(m, nr) && check_sized(m, nr, nd) && nr == rs >> 12 && rs % 4096 == 0 &&
    \valid(m->fr_gmaps + (0 .. nr - 1)) && \valid(m->io + (0 .. nio - 1)) &&
    \separated(m, m->fr_gmaps + (0 .. nr - 1), m->io + (0 .. nio - 1),
               m->fr_ro + (0 .. nr - 1), m->fr_tc + (0 .. nr - 1),
               m->fr_key + (0 .. nr - 1), m->fr_gpeer + (0 .. nr - 1),
               m->domains + (0 .. nd - 1));

  // The instance as the pin walk reads and counts it: pin_sized, a
  // granted frame's owner a domain (owners_ok), and the group summaries
  // apart from the grant and I/O map counts as well (the put side's
  // put_store, below, asks it too).
  predicate pin_inst(struct pv_mmu *m) =
    pin_sized(m, m->nr_frames, m->ram_size, m->io_max, m->nr_domains) &&
    owners_ok(m, m->nr_frames, m->nr_domains) &&
    \separated(m->fr_group + (0 .. (m->nr_frames + 63) / 64 - 1),
               m->fr_gmaps + (0 .. m->nr_frames - 1), m->io + (0 .. m->io_max - 1));

  // What an accepted entry needs of its frames to be counted
  // (pv_mmu_check's table_in_ram and leaf_in_ram, restated below).
  predicate countable(struct pv_mmu *m, struct pv_mmu_ent *e) =
    (e->kind != PV_MMU_ENT_LEAF ==> (uint32_t)(e->base - m->ram_base) < m->ram_size) &&
    (e->kind == PV_MMU_ENT_LEAF && (uint32_t)(e->base - m->ram_base) < m->ram_size ==>
      (uint32_t)(e->base - m->ram_base) / 4096 + e->frames <= m->nr_frames);
*/
#define PIN_SIZED(m) pin_sized(m, m->nr_frames, m->ram_size, m->io_max, m->nr_domains)
#define PIN_INST(m) (PIN_SIZED(m) && owners_ok(m, m->nr_frames, m->nr_domains) && \
		     \separated(m->fr_group + (0 .. (m->nr_frames + 63) / 64 - 1),  \
				m->fr_gmaps + (0 .. m->nr_frames - 1), m->io + (0 .. m->io_max - 1)))

/*@
  // (with the preconditions above) what pv_mmu_get needs
  ensures check_countable: \result == PV_OK ==> countable(m, e);
*/
static inline int32_t pv_mmu_check(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
				    uint32_t pin_lo, uint32_t pin_hi, bool existing);

/* The port's assertion hook stops the machine: it does not return. */
/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

/*@
  // io.c's io_find_holds (proved there) as far as the count needs it
  requires \valid_read(m);
  requires \valid(m->io + (0 .. m->io_max - 1));
  assigns \nothing;
  ensures \result == \null || \exists integer r; 0 <= r < m->io_max && \result == m->io + r;
*/
struct pv_mmu_io_region *pv_mmu_io_find(const struct pv_mmu *m, uint16_t dom, uint32_t base,
					uint32_t len);

/*@
  requires PIN_SIZED(m);
  requires idx + n <= m->nr_frames;
  assigns m->fr_tc[idx .. idx + n - 1], m->fr_ro[idx .. idx + n - 1],
    m->fr_gmaps[idx .. idx + n - 1];
  ensures PIN_KEPT(m);
*/
void pv_mmu_get_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable);

/*@
  // e was accepted by pv_mmu_check (check_countable)
  requires get_sized: PIN_SIZED(m);
  requires \valid_read(e) && \separated(e, m->fr_ro + (0 .. m->nr_frames - 1),
    m->fr_tc + (0 .. m->nr_frames - 1), m->fr_gmaps + (0 .. m->nr_frames - 1),
    m->io + (0 .. m->io_max - 1));
  requires countable(m, e);
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1].maps;
  ensures get_kept: PIN_KEPT(m);
*/
static inline void pv_mmu_get(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);

/*@
  // The decoders' output ranges, word for word as rte_decode.c's
  // DECODE_CONTRACT states them and its runs prove them (rte-decode, from
  // the five decoders' runs): a kind of the four, a group of 1, 4, 16 or
  // 64, a memory type of the enumeration, an ARM domain of the 4-bit field
  // or none.
  requires \valid_read(m) && \valid(e);
  assigns *e;
  ensures dec_kind: \result == PV_OK ==> e->kind <= PV_MMU_ENT_FINE;
  ensures dec_group: \result == PV_OK ==>
    e->group == 1 || e->group == 4 || e->group == 16 || e->group == 64;
  ensures dec_mt: \result == PV_OK ==> e->mt <= PV_MMU_MT_MIXED;
  ensures dec_domain: \result == PV_OK ==> e->domain < 16 || e->domain == PV_MMU_NO_DOMAIN;
*/
static inline int32_t pv_mmu_decode(const struct pv_mmu *m, unsigned tbl, uint32_t d,
				    struct pv_mmu_ent *e);

/*@
  // The table geometry (table_geom): a second-level table's 1024 slots, or
  // an L1's 4096 with the hypervisor's slots [skip_lo, skip_hi) inside
  // (pv_mmu_init: the hypervisor's range ends at or below 4 GiB).
  predicate geom_ok(struct table_geom *g) =
    \valid_read(g) && (g->nslots == 1024 || g->nslots == 4096) &&
    g->skip_lo <= g->skip_hi <= g->nslots;
*/

/*
 * The put side: walk_put re-decodes and puts back slots [0, end) that
 * walk_get got (or that a pinned table holds), i.e. entries pv_mmu_check
 * accepted. That invariant of pinned tables cannot be stated here (the
 * decoders are C, not logic); the code does not rely on it for its safety:
 * walk_put and pv_mmu_put_frames test, with PV_ASSERT, the two facts the
 * counting needs of an entry (a table pointer's target in RAM, a leaf's
 * frames in RAM), and walk_put already asserts that the slot decodes. So
 * whatever the table's words, nothing is read or written out of bounds.
 */
/*@
  // What the put side needs of the instance: pin_inst without the grant
  // owners' invariant (check_inst's universal): the frame store, the grant
  // and I/O map counts apart from all else, RAM in whole frames. The
  // instance's sizes are parameters (PUT_INST passes them): so the
  // predicate reads no memory the walk writes, and the provers carry it
  // through walk_put's loop by the sizes alone (PUT_KEPT).
  predicate put_store(struct pv_mmu *m, integer nr, integer rs, integer nio) =
    \valid_read(m) && nr <= 0x100000 && nr == rs / 4096 && rs % 4096 == 0 &&
    \valid_read(m->fr_key + (0 .. nr - 1)) &&
    \valid_read(m->fr_group + (0 .. (nr + 63) / 64 - 1)) &&
    \valid(m->fr_ro + (0 .. nr - 1)) && \valid(m->fr_tc + (0 .. nr - 1)) &&
    \valid(m->fr_gmaps + (0 .. nr - 1)) && \valid(m->io + (0 .. nio - 1)) &&
    \separated(m, m->fr_gmaps + (0 .. nr - 1), m->io + (0 .. nio - 1),
               m->fr_ro + (0 .. nr - 1), m->fr_tc + (0 .. nr - 1),
               m->fr_key + (0 .. nr - 1), m->fr_group + (0 .. (nr + 63) / 64 - 1));
*/
#define PUT_INST(m) put_store(m, m->nr_frames, m->ram_size, m->io_max)
#define PUT_KEPT(m) (m->nr_frames == \old(m->nr_frames) && m->ram_size == \old(m->ram_size) && \
		     m->io_max == \old(m->io_max))
/*
 * The put side writes no key: what follows from its assigns clauses, stated
 * as a post-condition so that a caller need not cross the I/O map counts'
 * frame (a quantifier over the regions) to see it (pv_mmu_table_release).
 */
/*
 * Every word the walks and the put side do not write keeps its value:
 * what their assigns clauses imply, stated as a post-condition so that a
 * caller need not cross the I/O map counts' frame (pv_mmu_pin's refusal
 * theorems, through walk_get and walk_put). Over any word valid after the
 * call (never a local of the callee's: with validity on entry, WP's
 * allocation table at the contract's Pre is not the body's, and the
 * post-condition does not follow) and apart, on entry, from the counts and
 * the I/O regions. validate.c's PV_WP_WORDS_KEPT is the same in a body,
 * at a loop's head.
 */
#define PIN_WORDS(m) (\forall uint32_t *p; \valid_read(p) && \
	\old(\separated(p, m->fr_ro + (0 .. m->nr_frames - 1), m->fr_tc + (0 .. m->nr_frames - 1), \
		   m->fr_gmaps + (0 .. m->nr_frames - 1), m->io + (0 .. m->io_max - 1))) ==> \
	*p == \old(*p))
/*
 * walk_get's walk_words (below) is PIN_WORDS(m), which rte-pin-walk-kept
 * proves; rte_pin_ops.c, for rte-pin-op, leaves it out of walk_get's
 * contract (0 == 0: a weaker contract), as it costs more among the
 * hypotheses of pv_mmu_pin's goals there than it gives, and pin_refused.c,
 * for the refusal theorems, keeps it.
 */
#ifndef PIN_WALK_WORDS
#define PIN_WALK_WORDS PIN_WORDS(m)
#endif
/* ... and walk_put's put_words likewise (rte_pin_ops.c: the release's
 * goals, one at the step limit with it among their hypotheses) */
#ifndef PIN_PUT_WORDS
#define PIN_PUT_WORDS PIN_WORDS(m)
#endif
#define PUT_KEYS(m) (\forall integer k; 0 <= k < \old(m->nr_frames) ==> \
		     m->fr_key[k] == \old(m->fr_key[k]))
/*
 * ... nor the hypervisor's slots, likewise (pv_mmu_table_release reads
 * them after walk_put: through walk_put's assigns clause, CVC4 272,505
 * steps; walk_put's loop carries them, from pv_mmu_put's put_hyp).
 */
#define PUT_HYP(m) (m->hyp_slot_lo == \old(m->hyp_slot_lo) && m->hyp_slot_hi == \old(m->hyp_slot_hi))

/*@
  // a leaf's frames from pv_mmu_put: idx the index of its first frame,
  // in RAM (pv_mmu_frame_index); that the others are is tested here
  // (PV_ASSERT)
  requires PUT_INST(m);
  requires idx < m->nr_frames;
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1];
  ensures PUT_KEPT(m);
  ensures put_keys: PUT_KEYS(m);
*/
void pv_mmu_put_frames(struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n, bool writable);

/*@
  // e: a local of walk_put, decoded from a table's slot; a table
  // pointer's table is in RAM (pv_mmu_check's table_in_ram: walk_put tests
  // it with PV_ASSERT), a leaf anything (the frames of a leaf of several
  // are tested by pv_mmu_put_frames, PV_ASSERT)
  requires PUT_INST(m);
  requires e->kind != PV_MMU_ENT_LEAF ==> (uint32_t)(e->base - m->ram_base) < m->ram_size;
  requires \valid_read(e) && \separated(e, m->fr_ro + (0 .. m->nr_frames - 1),
    m->fr_tc + (0 .. m->nr_frames - 1), m->fr_gmaps + (0 .. m->nr_frames - 1),
    m->io + (0 .. m->io_max - 1));
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1].maps;
  ensures PUT_KEPT(m);
  ensures put_hyp: PUT_HYP(m);
  ensures put_keys: PUT_KEYS(m);
  ensures put_words: PIN_WORDS(m);
*/
static inline void pv_mmu_put(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);

/*@
  // walk_put: a whole block of the table from j (j + 64 at most its end),
  // e a local of walk_put (the decoded slot j, any entry)
  requires PUT_INST(m);
  requires j + 64 <= 4096 && \valid_read(s + (j .. j + 63));
  requires \valid_read(e);
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1];
  ensures PUT_KEPT(m);
  ensures put_keys: PUT_KEYS(m);
*/
static inline bool block_put(struct pv_mmu *m, uint16_t dom, const uint32_t *s, uint32_t j,
			     const struct pv_mmu_ent *e);

/*@
  // walk_get's refusal (slots [0, j) of the table it walks) and
  // pv_mmu_table_release (a pinned table's slots, end = its slot count);
  // the words in the slots arbitrary (PUT_INST: pin_inst, walk_get's
  // precondition, implies it)
  requires put_inst: PUT_INST(m) && geom_ok(g);
  requires end <= g->nslots && \valid_read(s + (0 .. g->nslots - 1));
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1].maps;
  ensures PUT_KEPT(m);
  ensures put_hyp: PUT_HYP(m);
  ensures put_keys: PUT_KEYS(m);
  ensures put_words: PIN_PUT_WORDS;
*/
static void walk_put(struct pv_mmu *m, uint16_t dom, const uint32_t *s,
		     const struct table_geom *g, uint32_t end);

/*@
  // pv_mmu_pin: m the caller's instance, dom a live guest, s the table's
  // frames in RAM (a frame of dom's: never the frame store, which no guest
  // owns, nor the caller's records), g a local of pv_mmu_pin
  requires PIN_INST(m) && geom_ok(g);
  // table_geom: only an L1 has hypervisor slots
  requires geom_coarse: g->tbl == PV_MMU_TBL_COARSE ==> g->skip_lo == g->skip_hi;
  requires \valid_read(s + (0 .. g->nslots - 1));
  requires get_slots_apart: \separated(s + (0 .. g->nslots - 1), g, m, m->fr_ro + (0 .. m->nr_frames - 1),
    m->fr_tc + (0 .. m->nr_frames - 1), m->fr_gmaps + (0 .. m->nr_frames - 1),
    m->io + (0 .. m->io_max - 1));
  requires \separated(g, m, m->fr_ro + (0 .. m->nr_frames - 1),
    m->fr_tc + (0 .. m->nr_frames - 1), m->fr_gmaps + (0 .. m->nr_frames - 1),
    m->io + (0 .. m->io_max - 1));
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns m->fr_tc[0 .. m->nr_frames - 1], m->fr_ro[0 .. m->nr_frames - 1],
    m->fr_gmaps[0 .. m->nr_frames - 1], m->io[0 .. m->io_max - 1].maps;
  // What it keeps that pv_mmu_pin reads after it (what the assigns clause
  // implies, stated so that pin's goals after the call need not cross the
  // I/O map counts' frame, a quantifier over the regions): every word
  // apart from the counts and the I/O regions, the keys, grant peers,
  // summaries and guest frames' words among them (walk_words, on both
  // outcomes: a refusal's walk_put through its put_words), the frame
  // count, and g's hypervisor slots when it accepts (proved in a run of
  // their own, rte-pin-walk-kept).
  ensures walk_words: PIN_WALK_WORDS;
  ensures walk_kept: m->nr_frames == \old(m->nr_frames);
  ensures walk_geom: \result == PV_OK ==>
    g->skip_lo == \old(g->skip_lo) && g->skip_hi == \old(g->skip_hi);
*/
static int32_t walk_get(struct pv_mmu *m, uint16_t dom, const uint32_t *s,
			const struct table_geom *g, uint32_t pin_lo, uint32_t pin_hi);
