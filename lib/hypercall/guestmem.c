/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * copy_from_guest / copy_to_guest. The range is split at 4 KiB page
 * boundaries (a guest range need not be contiguous in machine memory) and
 * every page is checked with the caller's access function before any byte
 * moves, so a refused copy leaves both sides untouched. The caller's sync
 * function, if any, brackets the bytes moved (VIVT caches).
 *
 * The ACSL comments (loop invariants, and the predicate below) are for
 * Frama-C WP, which proves the copies free of run-time errors from them
 * (verification/wp/hc_copy.c, docs/verification.md); the compiler ignores
 * them.
 */
#include <pvlib/hypercall.h>

#define PAGE 4096u
#define MAX_CHUNKS (PV_HC_COPY_MAX / PAGE + 1u)

/*@ axiomatic PvHcGuestWindow {
      // The len bytes at p lie in the memory the access function hands
      // out (what it promises, and what that memory is:
      // verification/wp/hc_copy.c).
      predicate pv_hc_window_ptr(uint8_t *p, integer len);
    } */

/*
 * The bytes pv_hc_copy_to_guest's loop writes: those of the pieces walk()
 * returned (n pieces, host[j] of clen[j] bytes). The proof names the
 * guest memory window they lie in instead (verification/wp/hc_copy.c):
 * WP compares that range with the function's assigns clause, and could not
 * compare the set below with it.
 */
#ifndef PV_HC_PIECE_BYTES
#define PV_HC_PIECE_BYTES { host[j][k] | integer j, k; 0 <= j < n && 0 <= k < clen[j] }
#endif

/*
 * The port's two hooks, each called from one place only. For Frama-C they
 * are two functions, so that WP reasons about each call through a
 * contract (verification/wp/hc_copy.c); for the compiler the same
 * expressions in place: as functions, even always inlined, they change
 * gcc's inlining of walk() (-O3: no longer inlined into the copies,
 * bench_multicall 17 -> 21 ns an entry; walk() marked inline: a
 * maybe-uninitialized warning at -O2). The object code is the one of the
 * calls written in place.
 */
#ifdef __FRAMAC__
static enum pv_status access_page(struct pv_hc *hc, pv_domid_t dom, uint32_t a, uint32_t len,
				  bool write, uint8_t **host)
{
	return hc->access(hc->user, dom, pv_gvaddr(a), len, write, host);
}

static void sync_piece(const struct pv_hc *hc, pv_domid_t dom, uint32_t va, uint8_t *host,
		       uint32_t len, enum pv_hc_sync_op op)
{
	hc->sync(hc->user, dom, pv_gvaddr(va), host, len, op);
}
#else
#define access_page(hc, dom, a, len, write, host) \
	((hc)->access((hc)->user, (dom), pv_gvaddr(a), (len), (write), (host)))
#define sync_piece(hc, dom, va, host, len, op) \
	((hc)->sync((hc)->user, (dom), pv_gvaddr(va), (host), (len), (op)))
#endif

/* The checks that need no access function: alignment, wrap, limit. */
static int32_t range_check(const struct pv_hc *hc, uint32_t a, uint32_t len, uint32_t align)
{
	if (align == 0 || (align & (align - 1u)) != 0)
		return PV_EINVAL;
	if (a & (align - 1u))
		return PV_EALIGN;
	if (len == 0)
		return PV_OK;
	if (a > UINT32_MAX - (len - 1u))
		return PV_EOVERFLOW;
	uint64_t limit = hc->guest_va_limit ? hc->guest_va_limit : (UINT64_C(1) << 32);
	if ((uint64_t)a + len > limit || !hc->access)
		return PV_EFAULT;
	return PV_OK;
}

/* The pages [a, a + len) touches: at most MAX_CHUNKS if len <= PV_HC_COPY_MAX. */
static uint32_t pages_of(uint32_t a, uint32_t len)
{
	return (uint32_t)(((uint64_t)(a & (PAGE - 1u)) + len + (PAGE - 1u)) / PAGE);
}

/*
 * Ask the access function about every page of [a, a+len). If host is not
 * NULL, record each page's pointer and length (at most MAX_CHUNKS pages).
 * Returns the number of pages, or a negative status. The loop runs over
 * the page count rather than until len is used up, so that its bound is
 * plain (verification/eva/hypercall.c).
 */
static int32_t walk(struct pv_hc *hc, pv_domid_t dom, uint32_t a, uint32_t len, bool write,
		    uint8_t **host, uint32_t *clen)
{
	const uint32_t pages = pages_of(a, len);
	/*@ loop invariant 0 <= n <= pages;
	    loop invariant n < pages ==> a + len == \at(a, Pre) + \at(len, Pre);
	    loop invariant n == 0 ==> a == \at(a, Pre);
	    loop invariant 0 < n < pages ==> a == \at(a, Pre) - \at(a, Pre) % 4096 + 4096 * n;
	    loop invariant host != \null ==> \forall integer j; 0 <= j < n ==>
	      clen[j] == \min(\at(a, Pre) + \at(len, Pre),
	                      \at(a, Pre) - \at(a, Pre) % 4096 + 4096 * (j + 1)) -
	                 (j == 0 ? \at(a, Pre) : \at(a, Pre) - \at(a, Pre) % 4096 + 4096 * j) &&
	      \valid(host[j] + (0 .. clen[j] - 1)) && pv_hc_window_ptr(host[j], clen[j]);
	    loop assigns n, a, len, host[0 .. (host == \null ? 0 : pages) - 1],
	                 clen[0 .. (host == \null ? 0 : pages) - 1]; */
	for (uint32_t n = 0; n < pages; n++) {
		uint32_t in_page = PAGE - (a & (PAGE - 1u));
		uint32_t c = len < in_page ? len : in_page;
		uint8_t *p = 0;
		enum pv_status rc = access_page(hc, dom, a, c, write, &p);
		if (rc != PV_OK)
			return rc < 0 ? rc : PV_EFAULT;
		if (!p)
			return PV_EFAULT;
		if (host) {
			host[n] = p;
			clen[n] = c;
		}
		a += c;
		len -= c;
	}
	return (int32_t)pages;
}

enum pv_status pv_hc_guest_check(struct pv_hc *hc, pv_domid_t dom, pv_gvaddr_t va,
				 uint32_t len, uint32_t align, bool write)
{
	int32_t rc = range_check(hc, pv_gvaddr_val(va), len, align);
	if (rc != PV_OK || len == 0)
		return rc;
	rc = walk(hc, dom, pv_gvaddr_val(va), len, write, 0, 0);
	return rc < 0 ? rc : PV_OK;
}

/* Tell the sync function about each of the n pieces of a resolved range. */
static void sync_pieces(const struct pv_hc *hc, pv_domid_t dom, uint32_t va, uint32_t n,
			uint8_t *const host[], const uint32_t clen[], enum pv_hc_sync_op op)
{
	if (!hc->sync)
		return;
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, va; */
	for (uint32_t i = 0; i < n; i++) {
		sync_piece(hc, dom, va, host[i], clen[i], op);
		va += clen[i];
	}
}

/* The pieces of [va, va+len): their number (0 if len is 0), or a negative status. */
static int32_t resolve(struct pv_hc *hc, pv_domid_t dom, pv_gvaddr_t va, uint32_t len,
		       uint32_t align, bool write, uint8_t *host[MAX_CHUNKS],
		       uint32_t clen[MAX_CHUNKS])
{
	if (len > PV_HC_COPY_MAX)
		return PV_E2BIG;
	int32_t rc = range_check(hc, pv_gvaddr_val(va), len, align);
	if (rc != PV_OK || len == 0)
		return rc;
	return walk(hc, dom, pv_gvaddr_val(va), len, write, host, clen);
}

enum pv_status pv_hc_copy_from_guest(struct pv_hc *hc, pv_domid_t dom, void *dst,
				     pv_gvaddr_t va, uint32_t len, uint32_t align)
{
	uint8_t *host[MAX_CHUNKS];
	uint32_t clen[MAX_CHUNKS];
	int32_t n = resolve(hc, dom, va, len, align, false, host, clen);
	if (n < 0)
		return n;
	sync_pieces(hc, dom, pv_gvaddr_val(va), (uint32_t)n, host, clen, PV_HC_SYNC_BEFORE);
	uint8_t *d = dst;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant d == (uint8_t *)dst +
	      \min(len, i == 0 ? 0 : 4096 * i - va.va % 4096);
	    loop invariant \initialized((uint8_t *)dst + (0 .. d - (uint8_t *)dst - 1));
	    loop assigns i, d, ((uint8_t *)dst)[0 .. len - 1]; */
	for (int32_t i = 0; i < n; i++) {
		__builtin_memcpy(d, host[i], clen[i]);
		d += clen[i];
	}
	return PV_OK;
}

enum pv_status pv_hc_copy_to_guest(struct pv_hc *hc, pv_domid_t dom, pv_gvaddr_t va,
				   const void *src, uint32_t len, uint32_t align)
{
	uint8_t *host[MAX_CHUNKS];
	uint32_t clen[MAX_CHUNKS];
	int32_t n = resolve(hc, dom, va, len, align, true, host, clen);
	if (n < 0)
		return n;
	sync_pieces(hc, dom, pv_gvaddr_val(va), (uint32_t)n, host, clen, PV_HC_SYNC_BEFORE);
	const uint8_t *s = src;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant s == (const uint8_t *)src +
	      \min(len, i == 0 ? 0 : 4096 * i - va.va % 4096);
	    loop assigns i, s, PV_HC_PIECE_BYTES; */
	for (int32_t i = 0; i < n; i++) {
		__builtin_memcpy(host[i], s, clen[i]);
		s += clen[i];
	}
	sync_pieces(hc, dom, pv_gvaddr_val(va), (uint32_t)n, host, clen, PV_HC_SYNC_AFTER_WRITE);
	return PV_OK;
}
