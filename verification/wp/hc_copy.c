/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Absence of run-time errors in lib/hypercall's guest copies (Frama-C WP,
 * -wp-rte), and the contracts of hc_copy.h that the Eva analysis of
 * dispatch and multicall uses: for any guest address, length and
 * alignment, pv_hc_copy_from_guest and pv_hc_copy_to_guest read and write
 * only the caller's buffer and the pieces the access function gave out,
 * each piece within one page and within what the access function made
 * valid, the pieces adding up to the length; pv_hc_guest_check the same
 * for any length. Run by tools/prove (-wp-fct on the functions below, with
 * resolve() inlined into the copies).
 *
 * Assumed, not proved (what the port promises):
 * - access_page (a function for Frama-C, the same call as a macro for the
 *   compiler: lib/hypercall/guestmem.c): the access function, asked about len bytes within one
 *   page, writes only *host, and on PV_OK has made len bytes at *host
 *   valid, inside the guest memory window (pv_hc_window_ptr);
 * - sync_piece: the sync function changes no memory the C code sees (it
 *   cleans or invalidates caches);
 * - the window is one object, pv_hc_window (hc_copy.h);
 * - pv_copy_bytes is __builtin_memcpy, with C11's contract (7.24.2.1),
 *   and the bytes it writes are initialised;
 * - x & 4095 == x % 4096 for x >= 0 (land4095_mod).
 * pv_hc_copy_to_guest's copy loop writes the pieces walk() returned; here
 * it names the window they lie in (PV_HC_PIECE_BYTES), which its assigns
 * clause (hc_copy.h) is stated in: that every piece lies in the window is
 * walk()'s post-condition `pieces', and WP proves the loop's writes within
 * the range from it.
 */
#define PV_HC_WINDOW_SIZE 0x40000000u

#include <stdint.h>
/*@ requires \valid(d + (0 .. n - 1));
    requires \valid_read(s + (0 .. n - 1));
    requires \separated(d + (0 .. n - 1), s + (0 .. n - 1));
    assigns d[0 .. n - 1] \from s[0 .. n - 1];
    ensures \forall uint8_t *q; \base_addr(q) == \base_addr(d) && d <= q < d + n ==>
      \initialized(q); */
void pv_copy_bytes(uint8_t *d, const uint8_t *s, uint32_t n);
#define __builtin_memcpy(d, s, n) pv_copy_bytes(d, s, n)

extern uint8_t pv_hc_window[PV_HC_WINDOW_SIZE];
#define PV_HC_PIECE_BYTES pv_hc_window[0 .. PV_HC_WINDOW_SIZE - 1]
#include "../../lib/hypercall/guestmem.c"
#include "hc_copy.h"

/*@ axiomatic HcCopy {
  // the window's meaning (hc_copy.h)
  axiom window_ptr: \forall uint8_t *p, integer len; pv_hc_window_ptr(p, len) ==>
    p == &pv_hc_window[0] + \offset(p) &&
    0 <= \offset(p) && \offset(p) + len <= PV_HC_WINDOW_SIZE;
  // C11 6.5.10 on a non-negative value: its 12 low bits are its remainder
  // by 4096 (WP's theory does not relate the two)
  axiom land4095_mod: \forall integer x; 0 <= x ==> (x & 4095) == x % 4096;
  }
*/

/*@ requires \valid_read(hc) && \valid(host);
    requires hc->access != \null;
    requires piece: 0 < len && a % 4096 + len <= 4096;
    assigns *host;
    ensures \result == PV_OK ==> \valid(*host + (0 .. len - 1)) && pv_hc_window_ptr(*host, len); */
static enum pv_status access_page(struct pv_hc *hc, pv_domid_t dom, uint32_t a, uint32_t len,
				  bool write, uint8_t **host);

/*@ requires \valid_read(hc) && hc->sync != \null;
    requires \valid(host + (0 .. len - 1));
    assigns \nothing; */
static void sync_piece(const struct pv_hc *hc, pv_domid_t dom, uint32_t va, uint8_t *host,
		       uint32_t len, enum pv_hc_sync_op op);

/*@ requires \valid_read(hc);
    assigns \nothing;
    ensures status: \result == PV_OK || \result < 0;
    ensures ok: \result == PV_OK && len != 0 ==>
      a + len <= 0x100000000 && hc->access != \null; */
static int32_t range_check(const struct pv_hc *hc, uint32_t a, uint32_t len, uint32_t align);

/*@ assigns \nothing;
    ensures \result == (a % 4096 + len + 4095) / 4096; */
static uint32_t pages_of(uint32_t a, uint32_t len);

/*@ requires \valid_read(hc) && hc->access != \null;
    requires 0 < len && a + len <= 0x100000000;
    requires host != \null ==> len <= PV_HC_COPY_MAX &&
      \valid(host + (0 .. MAX_CHUNKS - 1)) && \valid(clen + (0 .. MAX_CHUNKS - 1)) &&
      \separated(host + (0 .. MAX_CHUNKS - 1), clen + (0 .. MAX_CHUNKS - 1), hc);
    assigns host[0 .. (host == \null ? 0 : MAX_CHUNKS) - 1],
            clen[0 .. (host == \null ? 0 : MAX_CHUNKS) - 1];
    ensures status: \result < 0 || \result == (a % 4096 + len + 4095) / 4096;
    ensures bound: host != \null ==> \result <= MAX_CHUNKS;
    ensures pieces: host != \null ==> \forall integer j; 0 <= j < \result ==>
      clen[j] == \min(a + len, a - a % 4096 + 4096 * (j + 1)) -
                 (j == 0 ? a : a - a % 4096 + 4096 * j) &&
      \valid(host[j] + (0 .. clen[j] - 1)) && pv_hc_window_ptr(host[j], clen[j]) &&
      host[j] == &pv_hc_window[0] + \offset(host[j]) &&
      0 <= \offset(host[j]) && \offset(host[j]) + clen[j] <= PV_HC_WINDOW_SIZE; */
static int32_t walk(struct pv_hc *hc, pv_domid_t dom, uint32_t a, uint32_t len, bool write,
		    uint8_t **host, uint32_t *clen);

/*@ requires \valid_read(hc);
    requires n <= MAX_CHUNKS;
    requires \valid_read(host + (0 .. n - 1)) && \valid_read(clen + (0 .. n - 1));
    requires \forall integer j; 0 <= j < n ==> \valid(host[j] + (0 .. clen[j] - 1));
    assigns \nothing; */
static void sync_pieces(const struct pv_hc *hc, pv_domid_t dom, uint32_t va, uint32_t n,
			uint8_t *const host[], const uint32_t clen[], enum pv_hc_sync_op op);
