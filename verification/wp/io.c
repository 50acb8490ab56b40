/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rule 9 for I/O as theorems (Frama-C WP): an I/O leaf pv_mmu_check_io()
 * accepts lies wholly inside one region of the domain, with a memory type
 * the region lists (so a region the port gave only device or strongly
 * ordered types is never mapped cacheable) and writable only if the region
 * allows writes. The contracts are on the library's own functions; tools/prove
 * proves them from lib/mmu/validate.c, which this file is analysed with.
 */
#include "mmu_internal.h"

/*@
  predicate region_holds{L}(struct pv_mmu *m, integer r, integer dom, integer base, integer len) =
    m->io[r].size != 0 && m->io[r].owner.id == dom &&
    (uint32_t)(base - m->io[r].base.ma) < m->io[r].size &&
    len <= m->io[r].size - (uint32_t)(base - m->io[r].base.ma);

  // r is the first region that holds [base, base + len) for dom: the one
  // pv_mmu_io_find returns (io_find_first), whose map count an I/O leaf's
  // get and put change (accounting.c)
  predicate first_holding{L}(struct pv_mmu *m, integer r, integer dom, integer base, integer len) =
    region_holds(m, r, dom, base, len) &&
    \forall integer k; 0 <= k < r ==> !region_holds(m, k, dom, base, len);
*/

/*@
  requires \valid_read(m);
  requires \valid(m->io + (0 .. m->io_max - 1));
  assigns \nothing;
  ensures io_find_holds: \result != \null ==>
    \exists integer r; 0 <= r < m->io_max && \result == m->io + r &&
      region_holds(m, r, dom, base, len);
  ensures io_find_first: \result != \null ==>
    \exists integer r; 0 <= r < m->io_max && \result == m->io + r &&
      first_holding(m, r, dom, base, len);
  ensures io_find_none: \result == \null ==>
    \forall integer r; 0 <= r < m->io_max ==> !region_holds(m, r, dom, base, len);
*/
struct pv_mmu_io_region *pv_mmu_io_find(const struct pv_mmu *m, uint16_t dom, uint32_t base,
					uint32_t len);

/*@
  requires \valid_read(m) && \valid_read(e);
  requires \valid(m->io + (0 .. m->io_max - 1));
  requires e->mt <= PV_MMU_MT_MIXED;
  assigns \nothing;
  ensures io_in_region: \result == PV_OK ==>
    \exists integer r; 0 <= r < m->io_max &&
      region_holds(m, r, dom, e->base, (uint32_t)(e->frames << 12)) &&
      ((m->io[r].types >> e->mt) & 1) != 0 &&
      (e->writable != 0 ==> (m->io[r].flags & PV_MMU_IO_WRITE) != 0);
  ensures io_refusal_is_error: \result != PV_OK ==> \result < 0;
*/
int32_t pv_mmu_check_io(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);
