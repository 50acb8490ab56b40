/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Guest-visible hypercall ABI (the part pvlib fixes; hypercall numbers are the
 * hypervisor author's, see examples/ for the reference set).
 *
 * A guest makes a hypercall with an SVC instruction (the port documents which
 * SVC immediate marks a hypercall):
 *   r12      hypercall number
 *   r0..r4   arguments (as many as the hypercall's arity; the rest ignored)
 *   r0       result on return: >= 0 success, < 0 a pv_status error
 * All other registers are preserved. A preemptible hypercall may be re-issued
 * by the hypervisor with updated r0..r4 before it completes; the guest sees
 * only the final result.
 *
 * Multicall: arguments r0 = guest address of an array of
 * struct pv_multicall_entry (4-byte aligned), r1 = the number of entries.
 * Each entry's result is written back into the entry; r0 returns 0 once all
 * are done, or an error for the batch itself.
 */
#ifndef PVLIB_ABI_HYPERCALL_H
#define PVLIB_ABI_HYPERCALL_H

#include <stddef.h>
#include <stdint.h>
#include <pvlib/abi/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Version of the guest ABI as a whole; bumped whenever a guest-visible layout
 * or meaning changes. 2: status codes renumbered (pvlib/abi/status.h).
 */
#define PV_ABI_VERSION 2u

#define PV_HC_MAX_ARGS 5u /**< most arguments of one hypercall (r0..r4) */

/** One entry of a multicall batch, in guest memory. */
struct pv_multicall_entry {
	uint32_t op;                      /**< hypercall number */
	uint32_t args[PV_HC_MAX_ARGS];    /**< arguments; updated if re-issued */
	int32_t result;                   /**< written by the hypervisor */
	uint32_t reserved;                /**< must be 0 */
};

PV_STATIC_ASSERT(sizeof(struct pv_multicall_entry) == 32, "multicall entry size");
PV_STATIC_ASSERT(offsetof(struct pv_multicall_entry, op) == 0, "multicall op");
PV_STATIC_ASSERT(offsetof(struct pv_multicall_entry, args) == 4, "multicall args");
PV_STATIC_ASSERT(offsetof(struct pv_multicall_entry, result) == 24, "multicall result");
PV_STATIC_ASSERT(offsetof(struct pv_multicall_entry, reserved) == 28, "multicall reserved");

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_ABI_HYPERCALL_H */
