/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_pin's refusal theorems (pin_refused_keys, pin_refused_groups,
 * pin_refused_ram, pin_refused_early: rte_pin_ops.c's contract, which this
 * file includes), with Frama-C WP, tools/prove's rte-pin-refused
 * (pv_mmu_pin, -wp-prop on them and on the assertions below, without the
 * run-time-error guards, which rte-pin-op proves; pin_refused_ram with
 * its two assertions in a run of its own, rte-pin-refused-ram;
 * pin_refused_groups and pin_refused_early each in a run of its own:
 * rte-pin-refused-groups, rte-pin-refused-early).
 *
 * validate.c's assertions pin_keys_apart and pin_peers_apart, at pin's
 * entry (every key and grant peer readable and apart from what the walk
 * writes: the premise of walk_get's walk_words in the terms the provers
 * instantiate it with), and pin_walk_keys, right after the walk (on both
 * outcomes: every key and grant peer as on entry, which pin_refused_keys
 * takes on the path of a refusal inside the walk), defined here and
 * nothing (0 == 0) for every other analysis: among the hypotheses of
 * rte-pin-op's goals they cost more than they give (walk_get's first
 * precondition and the assertion pin_g_io on each kind, and six parts of
 * the assigns clauses, at the step limit with them, proved without).
 */
#define PIN_WALK_WRITES(m) (m)->fr_ro + (0 .. (m)->nr_frames - 1), \
	(m)->fr_tc + (0 .. (m)->nr_frames - 1), (m)->fr_gmaps + (0 .. (m)->nr_frames - 1), \
	(m)->io + (0 .. (m)->io_max - 1)
#define PV_WP_PIN_KEYS_APART \
	\forall integer k; 0 <= k < m->nr_frames ==> \
		\valid_read(m->fr_key + k) && \separated(m->fr_key + k, PIN_WALK_WRITES(m))
#define PV_WP_PIN_PEERS_APART \
	\forall integer k; 0 <= k < m->nr_frames ==> \
		\valid_read(m->fr_gpeer + k) && \separated(m->fr_gpeer + k, PIN_WALK_WRITES(m))
#define PV_WP_PIN_WALK_KEYS keys_kept{Here, Pre}(m)
/* (pin_walk_keys and pin_walk_groups, below, in the terms of the
 * theorems: rte_pin_ops.c's keys_kept and groups_kept) */
/* ... and the summaries: readable and apart before the walk
 * (pin_groups_apart), as on entry after it (pin_walk_groups), for
 * pin_refused_groups */
#define PV_WP_PIN_GROUPS_APART \
	\forall integer k; 0 <= k < (m->nr_frames + 63) / 64 ==> \
		\valid_read(m->fr_group + k) && \separated(m->fr_group + k, PIN_WALK_WRITES(m))
#define PV_WP_PIN_WALK_GROUPS groups_kept{Here, Pre}(m)
/* ... and the words of a guest's frames: readable and apart before the
 * walk (pin_ram_apart; at pin's entry, among the hypotheses of
 * pin_groups_apart, it leaves that one at the step limit), as on entry
 * after it (pin_walk_guest), for pin_refused_ram. Over one index of RAM,
 * k, its frame k / 1024: with two (a frame i and a word w, i * 1024 + w;
 * or a frame i and a word k from i * 1024 to i * 1024 + 1023) the provers
 * find no term to instantiate the premise with (each side names only one
 * of the two) and pin_walk_guest stays at the step limit. */
#define PV_WP_PIN_RAM_APART \
	\forall integer k; 0 <= k < m->nr_frames * 1024 && OWNER(m, k / 1024) <= PV_DOMID_MAX_GUEST ==> \
		\valid_read(m->ram + k) && \separated(m->ram + k, PIN_WALK_WRITES(m))
#define PV_WP_PIN_WALK_RAM \
	\forall integer k; 0 <= k < m->nr_frames * 1024 && \at(OWNER(m, k / 1024), Pre) <= PV_DOMID_MAX_GUEST ==> \
		m->ram[k] == \at(m->ram[k], Pre)
/* walk_get's walk_words, proved by rte-pin-walk-kept (rte_pin.c) */
#define PIN_WALK_WORDS PIN_WORDS(m)
#include "rte_pin_ops.c"
