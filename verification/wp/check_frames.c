/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pin walk's vectorized scans agree with the per-entry path (Frama-C
 * WP): the contracts check_pending.c and check_leaf.c assume of
 * pv_mmu_check_frames, proved from lib/mmu/validate.c's code (this file
 * includes it), and what skip_faults skips. tools/prove runs:
 *
 *   check-frames  keys_are (its group-summary fast path and its per-key
 *                 pass), pv_mmu_check_frames (keys_are and check_frame
 *                 through their contracts)
 *   skip-faults   skip_faults: every slot it skips is a fault
 *   lemmas-frames* the lemmas below (WP's tactics, or CVC4)
 *
 * check_leaf_frames.c then proves check_leaf.c's leaf theorems with this
 * contract's preconditions checked at pv_mmu_check's call.
 *
 * pv_mmu_check_frames' contract here is check_pending.c's (included
 * below: Frama-C merges the two contracts, so the function is proved
 * against both) plus the preconditions it needs and pv_mmu_check's call
 * site guarantees: the leaf lies in RAM (check_leaf.c's fits), the group
 * summaries agree with the keys (groups_ok, an invariant of the frame
 * table that pv_mmu_audit checks), the frame store's layout.
 */
#include "check_pending.c"
#include "frames.h"

/*@
  // WP's theory of | and & as the provers see it does not split an OR:
  // these facts about 32-bit values are proved in runs of their own, by
  // WP's tactics (lemmas-frames-bits: wp:bitwised; lemmas-frames-range:
  // wp:bitrange; lemmas-frames-shift: wp:bitshift) or by Qed and CVC4
  // (lemmas-frames). tools/prove lists which lemma goes where.
  lemma or_zero: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    ((a | b) == 0 <==> (a == 0 && b == 0));
  lemma xor_zero: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    ((a ^ b) == 0 <==> a == b);
  lemma or_low6: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    ((a | b) & 63) == 0 ==> (a & 63) == 0 && (b & 63) == 0;
  lemma lsr6_div: \forall integer x; 0 <= x ==> (x >> 6) == x / 64;
  // & and | of two 32-bit values are 32-bit values (WP wraps the C
  // operations' results in a conversion to uint32_t it cannot drop alone)
  lemma land_nonneg: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    0 <= (a & b);
  lemma land_up: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    (a & b) <= 0xFFFFFFFF;
  lemma or_nonneg: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    0 <= (a | b);
  lemma or_up: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    (a | b) <= 0xFFFFFFFF;
  // the accumulator of a scan: bad | x is zero only if both are (CVC4,
  // from the above)
  lemma or_acc: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    (uint32_t)(a | b) == 0 ==> a == 0 && b == 0;

  // C11 6.5.11 on two uint32_t values: their ^ is a uint32_t value, zero
  // exactly when they are equal. ASSUMED: no tactic of WP proves it (nor
  // that a ^ b lies in [0, 2^32)), and Qed reduces the form without the
  // conversion to true without passing it on.
  axiomatic Xor32 {
  axiom xor32_zero: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    ((uint32_t)(a ^ b) == 0 <==> a == b);
  }
  // a key (or summary) passes the test (key & kmask) ^ want == 0 (CVC4)
  lemma key_pass: \forall integer k, x, w;
    0 <= k <= 0xFFFFFFFF && 0 <= x <= 0xFFFFFFFF && 0 <= w <= 0xFFFFFFFF ==>
    (uint32_t)(w ^ (k & x)) == 0 ==> (k & x) == w;

  // skip_faults: eight slots OR-ed before one test are eight faults
  lemma or_low2: \forall integer a, b; 0 <= a <= 0xFFFFFFFF && 0 <= b <= 0xFFFFFFFF ==>
    ((a | b) & 3) == 0 ==> (a & 3) == 0 && (b & 3) == 0;

  // C11 6.5.10 on a non-negative value: its six low bits are its remainder
  // by 64 (as rte_pin.c's land63_mod; no tactic of WP proves it).
  axiomatic LowBitsFrames {
  axiom land63_div: \forall integer x; 0 <= x ==> (x & 63) == x % 64;
  }

  // MIXED passes neither of keys_are's tests (no guest's id is 0xFFFF)
  lemma mixed_owner: \forall integer x; 0 <= x <= 0xFFFFFFFF && (x & 0xFFFF) <= PV_DOMID_MAX_GUEST ==>
    x != PV_MMU_GROUP_MIXED;
  lemma mixed_key: \forall integer x; 0 <= x <= 0xFFFFFFFF && (x & 0xFFFFFFFF) <= PV_DOMID_MAX_GUEST ==>
    x != PV_MMU_GROUP_MIXED;
  // keys_are's alignment test: whole groups
  lemma whole_groups: \forall integer idx, n; 0 <= idx <= 0xFFFFFFFF && 0 <= n <= 0xFFFFFFFF &&
    ((idx | n) & 63) == 0 ==> idx % 64 == 0 && n % 64 == 0;
  // a frame of whole groups [idx, idx + n) is in one of their groups
  lemma group_of: \forall integer idx, n, k; 0 <= idx && 0 <= n && idx % 64 == 0 && n % 64 == 0 &&
    idx <= k < idx + n ==> idx / 64 <= k / 64 < idx / 64 + n / 64;
  // A key that passes keys_are's tests: an owner field equal to dom, and
  // for the whole key, no type and no flags either.
  lemma land_all: \forall integer x; 0 <= x <= 0xFFFFFFFF ==> (x & 0xFFFFFFFF) == x;
  // C11 6.5.10 and 6.5.7 on a value below 2^16 (ASSUMED: no tactic of WP
  // proves them): its 16 low bits are itself, it has none above them.
  axiomatic Low16 {
  axiom land_low16: \forall integer x; 0 <= x <= 0xFFFF ==> (x & 0xFFFF) == x;
  axiom lsr16_small: \forall integer x; 0 <= x <= 0xFFFF ==> (x >> 16) == 0;
  }
  lemma plain_key: \forall integer x, d; 0 <= x <= 0xFFFFFFFF && 0 <= d <= 0xFFFF &&
    (x & 0xFFFFFFFF) == d ==> (uint16_t)(x & 0xFFFF) == d && (uint8_t)(x >> 16) == 0;
  lemma owner_key: \forall integer x, d; 0 <= d <= 0xFFFF && (x & 0xFFFF) == d ==>
    (uint16_t)(x & 0xFFFF) == d;
  // The summaries of whole groups vouch for every key in them (keys_are's
  // fast path, in the terms of its loop invariant).
  lemma groups_vouch{L}: \forall struct pv_mmu *m, integer idx, n, kmask, want;
    groups_ok(m) && 0 <= idx <= 0xFFFFFFFF && 0 <= n <= 0xFFFFFFFF && ((idx | n) & 63) == 0 &&
    idx + n <= m->nr_frames && (kmask == PV_MMU_KEY_OWNER || kmask == 0xFFFFFFFF) &&
    0 <= want <= PV_DOMID_MAX_GUEST &&
    (\forall integer t; (idx >> 6) <= t < (idx >> 6) + (n >> 6) ==>
      (m->fr_group[t] & kmask) == want) ==>
    \forall integer k; idx <= k < idx + n ==> (m->fr_key[k] & kmask) == want;
*/

/*@
  // pv_mmu_check_frames' two calls: "all dom's" and "all plainly dom's",
  // for the frames of a leaf in RAM
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

/*@
  // check_frame's theorems of isolation.c (thm_check_frame, proved there
  // with check_frame inlined, under these preconditions), as check_leaf.c
  // restates them
  requires frame_table(m);
  requires i < m->nr_frames;
  requires grant_owner_ok(m, i);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns \nothing;
  ensures cf_owned_or_granted: \result == PV_OK ==> owner(m, i) == dom || gpeer(m, i) == dom;
  ensures cf_no_writable_table: \result == PV_OK && writable ==> ttype(m, i) == PV_MMU_FT_NONE;
  ensures cf_no_writable_pinning: \result == PV_OK && writable ==> !(pin_lo <= i < pin_hi);
  ensures cf_no_new_map_of_dying: \result == PV_OK && owner(m, i) != dom && existing == 0 ==>
    !m->domains[owner(m, i)].dying;
  ensures cf_granted_rights: \result == PV_OK && owner(m, i) != dom && writable ==>
    (fflags(m, i) & PV_MMU_FRAME_GRANT_RW) != 0;
*/
static inline int32_t check_frame(const struct pv_mmu *m, uint32_t i, uint16_t dom,
				  bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*@
  // What pv_mmu_check's call site guarantees beyond check_pending.c's
  // frame_table(m): a leaf in RAM (fits), the frame store's layout and
  // the group summaries' invariant, the granted frames' owners (as for
  // thm_check_leaf), a guest domain, a proper pin range.
  requires store_frames(m) && groups_ok(m);
  requires idx + n <= m->nr_frames;
  requires \forall integer i; 0 <= i < m->nr_frames ==> grant_owner_ok(m, i);
  requires dom <= PV_DOMID_MAX_GUEST;
  requires pin_lo <= pin_hi;
  assigns \nothing;
  // the same as check_pending.c's, without its guard (now a precondition)
  ensures frames_may_map: \result == PV_OK ==>
    \forall integer k; idx <= k < idx + n ==>
      may_map(m, k, dom, writable, pin_lo, pin_hi, existing);
*/
int32_t pv_mmu_check_frames(const struct pv_mmu *m, uint16_t dom, uint32_t idx, uint32_t n,
			    bool writable, uint32_t pin_lo, uint32_t pin_hi, bool existing);

/*@
  // walk_get: j + 1 after a fault at j below lim, where lim is the table's
  // end or the start of the hypervisor's slots
  requires j <= lim;
  requires \valid_read(s + (j .. lim - 1));
  assigns \nothing;
  ensures skip_range: \old(j) <= \result <= lim;
  ensures skip_stop: \result < lim ==> (s[\result] & 3) != 0;
  // every slot it skips is a fault (in every format: bits [1:0] clear)
  ensures skip_faults_only: \forall integer k; \old(j) <= k < \result ==> (s[k] & 3) == 0;
*/
static inline uint32_t skip_faults(const uint32_t *s, uint32_t j, uint32_t lim);

/*
 * The scans' loop invariants (validate.c): the summaries, keys and frames
 * looked at so far pass.
 */
#define PV_WP_GROUPS_SO_FAR \
	bad == 0 ==> \forall integer t; (idx >> 6) <= t < (idx >> 6) + i ==> \
		(m->fr_group[t] & kmask) == want
#define PV_WP_KEYS_SO_FAR \
	bad == 0 ==> \forall integer t; idx <= t < idx + i ==> (m->fr_key[t] & kmask) == want
#define PV_WP_FRAMES_SO_FAR \
	\forall integer k; idx <= k < i ==> may_map(m, k, dom, writable, pin_lo, pin_hi, existing)
/* skip_faults' loops: every slot skipped so far is a fault. */
#define PV_WP_FAULTS_SO_FAR \forall integer k; \at(j, Pre) <= k < j ==> (s[k] & 3) == 0
#include "validate.c"
