/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The contracts of lib/hypercall's guest copy helpers. WP proves them from
 * the library's code (verification/wp/hc_copy.c, run by tools/prove); the
 * Eva analysis of dispatch and multicall (verification/eva/hypercall.c)
 * uses them in place of the code (-eva-use-spec), and checks their
 * preconditions at every call.
 *
 * pv_hc_window is the memory the port's access function hands out (its
 * window onto guest memory): one object of PV_HC_WINDOW_SIZE bytes, which
 * the includer defines (the proof uses no property of the size). A
 * hypervisor buffer a copy moves bytes to or from is not part of it: that
 * is what makes the copy's two ranges separate (C11 7.24.2.1).
 */
#ifndef PV_HC_WINDOW_SIZE
#error "PV_HC_WINDOW_SIZE: the size of the guest memory window"
#endif
#include <pvlib/hypercall.h>

extern uint8_t pv_hc_window[PV_HC_WINDOW_SIZE];

/*@ requires hc: \valid_read(hc);
    requires dst: len <= PV_HC_COPY_MAX ==> \valid((uint8_t *)dst + (0 .. len - 1));
    requires dst_not_guest: \base_addr((uint8_t *)dst) != \base_addr(&pv_hc_window[0]);
    assigns ((uint8_t *)dst)[0 .. len - 1] \from pv_hc_window[0 .. PV_HC_WINDOW_SIZE - 1];
    ensures status: \result == PV_OK || \result < 0;
    ensures copied: \result == PV_OK ==> \initialized((uint8_t *)dst + (0 .. len - 1)); */
enum pv_status pv_hc_copy_from_guest(struct pv_hc *hc, pv_domid_t dom, void *dst,
				     pv_gvaddr_t va, uint32_t len, uint32_t align);

/*@ requires hc: \valid_read(hc);
    requires src: len <= PV_HC_COPY_MAX ==> \valid_read((const uint8_t *)src + (0 .. len - 1));
    requires src_not_guest: \base_addr((const uint8_t *)src) != \base_addr(&pv_hc_window[0]);
    assigns pv_hc_window[0 .. PV_HC_WINDOW_SIZE - 1] \from ((const uint8_t *)src)[0 .. len - 1];
    ensures status: \result == PV_OK || \result < 0; */
enum pv_status pv_hc_copy_to_guest(struct pv_hc *hc, pv_domid_t dom, pv_gvaddr_t va,
				   const void *src, uint32_t len, uint32_t align);

/*@ requires hc: \valid_read(hc);
    assigns \nothing;
    ensures status: \result == PV_OK || \result < 0; */
enum pv_status pv_hc_guest_check(struct pv_hc *hc, pv_domid_t dom, pv_gvaddr_t va,
				 uint32_t len, uint32_t align, bool write);
