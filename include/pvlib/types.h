/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * pvlib shared types.
 *
 * Machine addresses, guest addresses and frame numbers are distinct one-field
 * structs, so passing one where another is expected does not compile. The
 * helpers below are the only places that look inside; they are trivial and
 * inline, so the types cost nothing at run time.
 *
 * Addresses are 32 bits: both targets use the ARM short-descriptor format
 * without LPAE, and pvlib refuses supersections that would reach above 4 GiB.
 */
#ifndef PVLIB_TYPES_H
#define PVLIB_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A domain (guest) id. PV_DOMID_NONE never names a domain. */
typedef struct { uint16_t id; /**< the id; read it with pv_domid_val() */ } pv_domid_t;
#define PV_DOMID_NONE_VALUE 0xFFFFu /**< the value of pv_domid_none(): no domain */
/** The hypervisor itself, as an owner of frames; never a guest. */
#define PV_DOMID_HYP_VALUE 0xFFFEu
#define PV_DOMID_MAX_GUEST 0xFFFDu /**< the highest id a guest may have */

/** @param id a domain id value @return it as a pv_domid_t */
static inline pv_domid_t pv_domid(uint16_t id)
{
	pv_domid_t r;
	r.id = id;
	return r;
}
/** @param d a domain id @return its value */
static inline uint16_t pv_domid_val(pv_domid_t d) { return d.id; }
/**
 * @return whether a and b name the same domain
 * @param a a domain id
 * @param b another
 */
static inline bool pv_domid_eq(pv_domid_t a, pv_domid_t b) { return a.id == b.id; }
/** @return the id that names no domain */
static inline pv_domid_t pv_domid_none(void)
{
	pv_domid_t r;
	r.id = PV_DOMID_NONE_VALUE;
	return r;
}
/** @return the id of the hypervisor as an owner of frames */
static inline pv_domid_t pv_domid_hyp(void)
{
	pv_domid_t r;
	r.id = PV_DOMID_HYP_VALUE;
	return r;
}
/**
 * @return whether d can name a guest (not none, not the hypervisor)
 * @param d a domain id
 */
static inline bool pv_domid_is_guest(pv_domid_t d) { return d.id <= PV_DOMID_MAX_GUEST; }

#define PV_FRAME_SHIFT 12u /**< log2 of the frame size */
/** Size of a machine frame, the unit of ownership and typing. */
#define PV_FRAME_SIZE (1u << PV_FRAME_SHIFT)

/** A machine (physical) address, as the bus sees it. */
typedef struct { uint32_t ma; /**< the address; read it with pv_maddr_val() */ } pv_maddr_t;
/** A machine frame number: machine address >> PV_FRAME_SHIFT. */
typedef struct { uint32_t mfn; /**< the number; read it with pv_mfn_val() */ } pv_mfn_t;
/** A guest virtual address, as the guest's own page tables translate it. */
typedef struct { uint32_t va; /**< the address; read it with pv_gvaddr_val() */ } pv_gvaddr_t;
/** A guest frame number, in a domain's own pseudo-physical numbering. */
typedef struct { uint32_t gfn; /**< the number; read it with pv_gfn_val() */ } pv_gfn_t;

/** @param ma a machine address @return it as a pv_maddr_t */
static inline pv_maddr_t pv_maddr(uint32_t ma)
{
	pv_maddr_t r;
	r.ma = ma;
	return r;
}
/**
 * @return the machine address a as a number
 * @param a a machine address
 */
static inline uint32_t pv_maddr_val(pv_maddr_t a) { return a.ma; }
/** @param mfn a machine frame number @return it as a pv_mfn_t */
static inline pv_mfn_t pv_mfn(uint32_t mfn)
{
	pv_mfn_t r;
	r.mfn = mfn;
	return r;
}
/**
 * @return the frame number f as a number
 * @param f a frame number
 */
static inline uint32_t pv_mfn_val(pv_mfn_t f) { return f.mfn; }
/** @param va a guest virtual address @return it as a pv_gvaddr_t */
static inline pv_gvaddr_t pv_gvaddr(uint32_t va)
{
	pv_gvaddr_t r;
	r.va = va;
	return r;
}
/**
 * @return the guest virtual address a as a number
 * @param a a guest virtual address
 */
static inline uint32_t pv_gvaddr_val(pv_gvaddr_t a) { return a.va; }
/** @param gfn a guest frame number @return it as a pv_gfn_t */
static inline pv_gfn_t pv_gfn(uint32_t gfn)
{
	pv_gfn_t r;
	r.gfn = gfn;
	return r;
}
/**
 * @return the guest frame number f as a number
 * @param f a guest frame number
 */
static inline uint32_t pv_gfn_val(pv_gfn_t f) { return f.gfn; }

/**
 * @return the frame holding machine address a
 * @param a a machine address
 */
static inline pv_mfn_t pv_maddr_to_mfn(pv_maddr_t a)
{
	pv_mfn_t r;
	r.mfn = a.ma >> PV_FRAME_SHIFT;
	return r;
}
/**
 * @return the machine address of the first byte of frame f
 * @param f a frame number
 */
static inline pv_maddr_t pv_mfn_to_maddr(pv_mfn_t f)
{
	pv_maddr_t r;
	r.ma = f.mfn << PV_FRAME_SHIFT;
	return r;
}
/**
 * @return the offset of a within its frame
 * @param a a machine address
 */
static inline uint32_t pv_maddr_offset(pv_maddr_t a) { return a.ma & (PV_FRAME_SIZE - 1u); }

/** Time in nanoseconds. Nothing in lib/ reads a clock: time is an argument. */
typedef uint64_t pv_time_ns_t;
#define PV_TIME_NEVER UINT64_MAX /**< a time that never comes */

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_TYPES_H */
