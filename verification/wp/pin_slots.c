/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_pin: walk_get's precondition get_slots_apart at pin's call (the
 * table's slots apart from g, the instance, the counts and the I/O
 * regions), with Frama-C WP, tools/prove's rte-pin-slots (pv_mmu_pin,
 * -wp-prop on it and on the assertions below; rte-pin-op leaves it out).
 *
 * validate.c's assertions pin_owner and pin_owners, after the owner loop
 * (the owners of the table's frames, one term each: the provers find the
 * preconditions on a guest's frames, rte_pin_ops.c's, only at a ground
 * term of the owner's read), and pin_table_m, pin_table_counts and
 * pin_table_io, before the walk (the table's slots apart from the
 * instance, the counts and the I/O regions), defined here and nothing
 * (0 == 0) for every other analysis: among the hypotheses of rte-pin-op's
 * goals they cost more than they give.
 */
#define PV_WP_PIN_OWNER (uint16_t)(m->fr_key[idx] & 0xFFFF) == d
#define PV_WP_PIN_OWNERS n == 4 ==> \
	(uint16_t)(m->fr_key[idx + 1] & 0xFFFF) == d && \
	(uint16_t)(m->fr_key[idx + 2] & 0xFFFF) == d && \
	(uint16_t)(m->fr_key[idx + 3] & 0xFFFF) == d
#define PV_WP_PIN_TABLE_M \separated(s + (0 .. n * 1024 - 1), m)
#define PV_WP_PIN_TABLE_COUNTS \separated(s + (0 .. n * 1024 - 1), \
	m->fr_ro + (0 .. m->nr_frames - 1), m->fr_tc + (0 .. m->nr_frames - 1), \
	m->fr_gmaps + (0 .. m->nr_frames - 1))
#define PV_WP_PIN_TABLE_IO \separated(s + (0 .. n * 1024 - 1), m->io + (0 .. m->io_max - 1))
#include "rte_pin_ops.c"
