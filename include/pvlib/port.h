/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The few hooks a port supplies to lib/.
 *
 * lib/ never touches coprocessor registers or devices itself. Where a module
 * must have the hardware do something (forget stale translations, push a
 * page-table write out to where the table walker reads it) it calls one of
 * these. Each port implements them in a handful of instructions; the host test
 * fake (tests/fake/) records every call so tests can assert that the right
 * maintenance followed every change that needs one.
 *
 * @par Concurrency contract
 * Calls are made with the calling module's context held (see each module's
 * contract); the hooks must not call back into lib/ and must not block. On
 * SMP, pv_port_tlb_maint() must reach every CPU that may hold the
 * translation (broadcast maintenance, or IPIs) and complete before it
 * returns.
 */
#ifndef PVLIB_PORT_H
#define PVLIB_PORT_H

#include <pvlib/types.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Which translations a TLB maintenance request drops. */
enum pv_tlb_scope {
	PV_TLB_ALL = 1,   /**< every entry, all address spaces */
	PV_TLB_ASID = 2,  /**< every non-global entry tagged with asid (v7) */
	PV_TLB_VA = 3,    /**< the entries for one page of va in asid (global too) */
};

/** A TLB maintenance request (pv_port_tlb_maint()). */
struct pv_tlb_req {
	enum pv_tlb_scope scope; /**< which translations to drop */
	uint32_t asid; /**< 0 on ARMv5, which has no ASIDs */
	pv_gvaddr_t va; /**< page-aligned; for PV_TLB_VA only */
};

/**
 * Drop stale translations. A port without ASIDs (ARMv5) may widen any request
 * to PV_TLB_ALL; narrowing one is never allowed.
 * @param req what to drop
 */
void pv_port_tlb_maint(const struct pv_tlb_req *req);

/**
 * Make len bytes at machine address ma, just written by the hypervisor,
 * visible to the hardware table walker (clean the data cache to the point of
 * coherency for table walks). A port whose walker snoops the cache may do
 * nothing.
 * @param ma machine address of the bytes written
 * @param len their number, > 0
 */
void pv_port_pt_sync(pv_maddr_t ma, uint32_t len);

/**
 * Clean and invalidate the whole data cache and invalidate the instruction
 * cache. Needed on ARMv5's virtually indexed, virtually tagged caches whenever
 * a mapping that may be cached goes away or changes its attributes.
 */
void pv_port_cache_flush_all(void);

/** Cache maintenance a guest may ask for, on a range of its own memory or
 * (the ALL operations) on the whole cache. */
enum pv_cache_op {
	PV_CACHE_CLEAN = 1,       /**< write dirty data back (before a device reads) */
	PV_CACHE_CLEAN_INVAL = 2, /**< ... and discard the lines (after a device wrote) */
	PV_CACHE_SYNC_ICACHE = 3, /**< make instructions written there visible to
				     instruction fetch (clean data, invalidate
				     instruction cache and branch predictor) */
	PV_CACHE_ALL_CLEAN_INVAL = 4, /**< no address: clean and invalidate every
					 data line up to the point of coherency,
					 invalidate the instruction cache (what
					 pv_port_cache_flush_all() does) */
	PV_CACHE_ALL_ICACHE_INVAL = 5, /**< no address: invalidate the whole
					  instruction cache and branch predictor */
};

/** A cache maintenance request (pv_port_cache_maint()). */
struct pv_cache_req {
	enum pv_cache_op op; /**< what to do */
	pv_gvaddr_t va;  /**< in the address space current on this CPU; 0 for
			      the ALL operations */
	uint32_t len;    /**< bytes, > 0, the range does not wrap; 0 for the
			      ALL operations */
};

/**
 * Perform req on the current address space's virtual range, or on the whole
 * cache (PV_CACHE_ALL_*, va and len 0). The caller has checked that every
 * page of a range is mapped for the current domain (a by-address operation
 * on an unmapped address may fault in the hypervisor). A port may widen a
 * request (a whole-cache operation instead of a range), never narrow it.
 * @param req the checked request
 */
void pv_port_cache_maint(const struct pv_cache_req *req);

/**
 * The hypervisor author's own mistake (never a guest's): an internal
 * invariant is broken. Does not return.
 * @param expr the failed expression, as text
 * @param file the source file
 * @param line the line
 */
PV_NORETURN void pv_port_assert_fail(const char *expr, const char *file, int line);

/**
 * PV_ASSERT checks an invariant of pvlib or of its caller's configuration.
 * Guest input is never checked with it: guests get pv_status errors.
 */
#define PV_ASSERT(expr) \
	((expr) ? (void)0 : pv_port_assert_fail(#expr, __FILE__, __LINE__))

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_PORT_H */
