/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frame counts as theorems (Frama-C WP): what pv_mmu_get() adds for an
 * accepted entry is exactly what pv_mmu_put() of the same entry takes
 * away, frame by frame and counter by counter, and nothing else changes.
 * As in isolation.c, each thm_* calls the library's functions exactly as
 * it does, and tools/prove inlines them (-inline-calls).
 *
 * Scope: entries whose accounting is inline in mmu_internal.h, i.e. table
 * pointers and leaves of one frame in RAM (small and tiny pages: the pin
 * walk's and pv_mmu_update's common case). Leaves of several frames go
 * through pv_mmu_get_frames()/pv_mmu_put_frames(), whose theorems are in
 * accounting_frames.c; I/O leaves change a region's map count
 * (thm_get_io, thm_put_io at the end of this file).
 */
#include "isolation.c"
#include "io.c"

/*@ // A frame index is 20 bits (Qed proves it; the provers then use it).
  lemma lsr12_range: \forall integer x; 0 <= x <= 0xFFFFFFFF ==> 0 <= (x >> 12) <= 0xFFFFF;
*/

/* The port's assertion hook stops the machine: it does not return. */
/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

/*@
  // The counters of m: one word per frame each, in separate arrays, none of
  // them the instance, the domain table or the entry (pv_mmu_init lays the
  // frame store out so).
  predicate counters{L}(struct pv_mmu *m) =
    \valid(m->fr_tc + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_ro + (0 .. m->nr_frames - 1)) &&
    \valid(m->fr_gmaps + (0 .. m->nr_frames - 1)) &&
    \separated(m->fr_tc + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
               m->fr_gmaps + (0 .. m->nr_frames - 1), m->fr_key + (0 .. m->nr_frames - 1),
               m) &&
    \separated(m->fr_tc + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
               m->fr_gmaps + (0 .. m->nr_frames - 1), m->fr_gpeer + (0 .. m->nr_frames - 1));

  // pv_mmu_frame_index
  logic integer frame_of(struct pv_mmu *m, integer base) =
    (uint32_t)(base - m->ram_base) < m->ram_size ? (uint32_t)(base - m->ram_base) >> 12 : 0xFFFFFFFF;

  // An entry whose accounting is inline: a table pointer into RAM (as
  // pv_mmu_check accepts them: table_in_ram) or a one-frame leaf in RAM.
  predicate inline_entry{L}(struct pv_mmu *m, struct pv_mmu_ent *e) =
    (e->kind == PV_MMU_ENT_COARSE || e->kind == PV_MMU_ENT_FINE ||
     (e->kind == PV_MMU_ENT_LEAF && e->frames == 1)) &&
    frame_of(m, e->base) != 0xFFFFFFFF;

*/

/*
 * pv_mmu_get adds one reference to exactly one counter of exactly one
 * frame, the one the entry names: the type count for a table pointer or a
 * writable leaf, the read-only count otherwise; and one grant mapping if a
 * leaf's frame is another domain's (granted: check_frame accepted it).
 */
/*@
  requires frame_table(m);
  requires counters(m);
  requires m->nr_frames == m->ram_size >> 12;
  requires \valid_read(e) && \separated(e, m);
  requires \separated(e, m->fr_tc + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
                      m->fr_gmaps + (0 .. m->nr_frames - 1));
  requires inline_entry(m, e);
  requires \valid(m->io + (0 .. m->io_max - 1));
  // no count is at its limit (all tables together have < 2^30 slots)
  requires m->fr_tc[frame_of(m, e->base)] < 0xFFFFFFFF;
  requires m->fr_ro[frame_of(m, e->base)] < 0xFFFFFFFF;
  requires m->fr_gmaps[frame_of(m, e->base)] < 0xFFFFFFFF;
  // get_one_frame: nothing but the three counters of the entry's frame
  // (the I/O regions' map counts are listed because the I/O path, which no
  // entry here takes, is not refuted by the provers: see accounting.c)
  assigns m->fr_tc[frame_of(m, e->base)], m->fr_ro[frame_of(m, e->base)],
          m->fr_gmaps[frame_of(m, e->base)], m->io[0 .. m->io_max - 1].maps;
  ensures get_counter: \let i = \old(frame_of(m, e->base));
    (\old(e->kind) != PV_MMU_ENT_LEAF || \old(e->writable) != 0) ?
      (m->fr_tc[i] == \old(m->fr_tc[i]) + 1 && m->fr_ro[i] == \old(m->fr_ro[i])) :
      (m->fr_ro[i] == \old(m->fr_ro[i]) + 1 && m->fr_tc[i] == \old(m->fr_tc[i]));
  ensures get_grant_count: \let i = \old(frame_of(m, e->base));
    m->fr_gmaps[i] == \old(m->fr_gmaps[i]) +
      (\old(e->kind) == PV_MMU_ENT_LEAF && \old(owner(m, i)) != dom ? 1 : 0);
*/
void thm_get(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e)
{
	pv_mmu_get(m, dom, e);
}

/*
 * pv_mmu_put takes one reference away from exactly the counters pv_mmu_get
 * adds it to (the same frame, the same choice of counter, the same grant
 * rule), given the counts a get left (the owner of a frame does not change
 * while an entry maps it: pv_mmu_frame_free and the grant calls refuse a
 * mapped frame). get_counter/get_grant_count and put_counter/put_grant_count
 * together: a get followed by a put of the same entry leaves every count of
 * every frame as it was (the assigns clauses: nothing else is written).
 */
/*@
  requires frame_table(m);
  requires counters(m);
  requires m->nr_frames == m->ram_size >> 12;
  requires \valid_read(e) && \separated(e, m);
  requires \separated(e, m->fr_tc + (0 .. m->nr_frames - 1), m->fr_ro + (0 .. m->nr_frames - 1),
                      m->fr_gmaps + (0 .. m->nr_frames - 1));
  requires inline_entry(m, e);
  requires \valid(m->io + (0 .. m->io_max - 1));
  // what a get of the same entry added is there to take away
  requires (e->kind != PV_MMU_ENT_LEAF || e->writable != 0) ?
    m->fr_tc[frame_of(m, e->base)] >= 1 : m->fr_ro[frame_of(m, e->base)] >= 1;
  requires e->kind == PV_MMU_ENT_LEAF && owner(m, frame_of(m, e->base)) != dom ==>
    m->fr_gmaps[frame_of(m, e->base)] >= 1;
  assigns m->fr_tc[frame_of(m, e->base)], m->fr_ro[frame_of(m, e->base)],
          m->fr_gmaps[frame_of(m, e->base)], m->io[0 .. m->io_max - 1].maps;
  ensures put_counter: \let i = \old(frame_of(m, e->base));
    (\old(e->kind) != PV_MMU_ENT_LEAF || \old(e->writable) != 0) ?
      (m->fr_tc[i] == \old(m->fr_tc[i]) - 1 && m->fr_ro[i] == \old(m->fr_ro[i])) :
      (m->fr_ro[i] == \old(m->fr_ro[i]) - 1 && m->fr_tc[i] == \old(m->fr_tc[i]));
  ensures put_grant_count: \let i = \old(frame_of(m, e->base));
    m->fr_gmaps[i] == \old(m->fr_gmaps[i]) -
      (\old(e->kind) == PV_MMU_ENT_LEAF && \old(owner(m, i)) != dom ? 1 : 0);
*/
void thm_put(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e)
{
	pv_mmu_put(m, dom, e);
}

/*
 * An I/O leaf (its base outside RAM): pv_mmu_get adds one mapping to the
 * map count of exactly one region, the first that holds the leaf for the
 * domain (pv_mmu_io_find's io_find_first, io.c), and pv_mmu_put takes one
 * away from the same region. Which region that is depends only on the
 * regions' bases, sizes and owners, which no get or put changes (and
 * pv_mmu_io_revoke refuses a region that is mapped): a get then a put of
 * the same entry leaves every map count as it was.
 */
/*@
  // an I/O leaf pv_mmu_check accepted: outside RAM, in a region of the
  // domain (io_in_region)
  predicate io_leaf_ok{L}(struct pv_mmu *m, uint16_t dom, struct pv_mmu_ent *e) =
    e->kind == PV_MMU_ENT_LEAF && (uint32_t)(e->base - m->ram_base) >= m->ram_size &&
    \exists integer r; 0 <= r < m->io_max &&
      region_holds(m, r, dom, e->base, (uint32_t)(e->frames << 12));

  // at most one region is the first to hold a range
  lemma first_unique{L}: \forall struct pv_mmu *m, integer r1, r2, dom, base, len;
    0 <= r1 && 0 <= r2 &&
    first_holding(m, r1, dom, base, len) && first_holding(m, r2, dom, base, len) ==> r1 == r2;
*/

/*@
  requires frame_table(m);
  requires counters(m);
  requires \valid_read(e) && \separated(e, m);
  requires \valid(m->io + (0 .. m->io_max - 1));
  requires \separated(m->io + (0 .. m->io_max - 1), e, m);
  requires io_leaf_ok(m, dom, e);
  // no map count is at its limit
  requires \forall integer r; 0 <= r < m->io_max ==> m->io[r].maps < 0xFFFFFFFF;
  assigns m->io[0 .. m->io_max - 1].maps;
  ensures io_get_count: \forall integer r; 0 <= r < m->io_max ==>
    (\at(first_holding(m, r, dom, e->base, (uint32_t)(e->frames << 12)), Pre) ?
      m->io[r].maps == \old(m->io[r].maps) + 1 : m->io[r].maps == \old(m->io[r].maps));
*/
void thm_get_io(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e)
{
	pv_mmu_get(m, dom, e);
}

/*@
  requires frame_table(m);
  requires counters(m);
  requires \valid_read(e) && \separated(e, m);
  requires \valid(m->io + (0 .. m->io_max - 1));
  requires \separated(m->io + (0 .. m->io_max - 1), e, m);
  requires io_leaf_ok(m, dom, e);
  // what a get of the same entry added is there to take away
  requires \forall integer r; 0 <= r < m->io_max ==>
    first_holding(m, r, dom, e->base, (uint32_t)(e->frames << 12)) ==> m->io[r].maps >= 1;
  assigns m->io[0 .. m->io_max - 1].maps;
  ensures io_put_count: \forall integer r; 0 <= r < m->io_max ==>
    (\at(first_holding(m, r, dom, e->base, (uint32_t)(e->frames << 12)), Pre) ?
      m->io[r].maps == \old(m->io[r].maps) - 1 : m->io[r].maps == \old(m->io[r].maps));
*/
void thm_put_io(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e)
{
	pv_mmu_put(m, dom, e);
}
