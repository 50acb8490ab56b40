/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest copy range check (lib/hypercall/guestmem.c range_check) as a
 * theorem: an accepted range is aligned, does not wrap, and ends at or
 * below the guest's virtual-address limit. Run by tools/prove.
 */
#include "../../lib/hypercall/guestmem.c"

/*@
  requires \valid_read(hc);
  assigns \nothing;
  ensures range_aligned: \result == PV_OK ==> align != 0 && (align & (align - 1)) == 0 && (a & (align - 1)) == 0;
  ensures range_no_wrap: \result == PV_OK && len != 0 ==> a + len <= 0x100000000;
  ensures range_in_limit: \result == PV_OK && len != 0 ==>
    a + len <= (hc->guest_va_limit != 0 ? hc->guest_va_limit : 0x100000000);
  ensures range_refused: \result != PV_OK ==> \result < 0;
*/
int32_t thm_range_check(const struct pv_hc *hc, uint32_t a, uint32_t len, uint32_t align)
{
	return range_check(hc, a, len, align);
}
