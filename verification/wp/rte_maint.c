/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in the guest's TLB and cache maintenance
 * (lib/mmu/maint.c: pv_mmu_maint and its range walk range_mapped) for
 * every request a guest can make (operation, address, length, ASID: all
 * of struct pv_mmu_maint_req) and every domain id, and, through this file
 * too, in the software walk it calls (the contracts and definitions of
 * rte_walk.c). Frama-C WP, -wp-rte; tools/prove's rte-walk and rte-maint
 * runs (docs/verification.md).
 */
#include "rte_walk.c"

/*@
  // C11 6.5.12: each bit of a | b is set where it is set in a (or in b),
  // so on non-negative values a | b is at least a. No tactic of WP proves
  // it (wp:bitwised handles equalities, wp:bitrange bounds from the
  // operands' ranges) nor CVC4 from WP's theory of lor. What the range
  // walk's termination rests on: the next address looked up, the last
  // byte of the leaf found plus one, is past the one just looked up.
  axiomatic OrMaint {
  axiom lor_ge: \forall integer a, b; 0 <= a && 0 <= b ==> a <= (a | b);
  }
*/
#include "maint.c"

/*@
  // The port's hooks: they read the request (a local of pv_mmu_maint) and
  // write nothing the library sees (include/pvlib/port.h: they do not call
  // back into lib/).
  requires \valid_read(req);
  assigns \nothing;
*/
void pv_port_tlb_maint(const struct pv_tlb_req *req);
/*@
  requires \valid_read(req);
  assigns \nothing;
*/
void pv_port_cache_maint(const struct pv_cache_req *req);

/*@
  requires walk_instance(m);
  // dom's active L1 (rte_walk.c): every slot outside the hypervisor's
  requires l1_ok(m, dom.id);
  // the caller checked va <= last and that [va, last] misses the
  // hypervisor's slots
  requires va <= last;
  assigns \nothing;
*/
static int32_t range_mapped(const struct pv_mmu *m, pv_domid_t dom, uint32_t va, uint32_t last);

/*@
  requires walk_instance(m);
  requires l1_ok(m, dom.id);
  // req: the hypercall layer's copy of the guest's request (any contents)
  requires \valid_read(req) && \separated(req, m);
  assigns \nothing;
*/
enum pv_status pv_mmu_maint(struct pv_mmu *m, pv_domid_t dom, const struct pv_mmu_maint_req *req);
