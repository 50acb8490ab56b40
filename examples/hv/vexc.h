/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rules of the virtual exception ABI (refhv_abi.h, ABI version 5) in
 * plain C (vexc.c, and inline here: the trap path runs them on every
 * exception), so that the refhv-vexc host test runs the very code the
 * hypervisor runs: what REFHV_HC_SET_CALLBACKS accepts, when an
 * exception or upcall may be delivered, how the interrupted upcall mask
 * travels in the saved cpsr and what iret makes of it.
 */
#ifndef REFHV_VEXC_H
#define REFHV_VEXC_H

#include <stdbool.h>
#include <stdint.h>

/*
 * REFHV_HC_SET_CALLBACKS(event entry, exception entry, kernel sp, flags,
 * system-call entry): PV_OK, or PV_EFAULT (an address at or above limit,
 * the hypervisor's range), PV_EALIGN (an ARM entry not 4-aligned, a Thumb
 * one, bit 0 set, is any 2-aligned address; the stack not 4-aligned),
 * PV_EINVAL (a flag other than REFHV_CB_*, or REFHV_CB_SYSCALL_REGS with
 * a system-call entry of 0). The system-call entry is checked like the
 * other two, and only when REFHV_CB_SYSCALL_REGS is set (ABI 8).
 */
int32_t hv_vexc_callbacks_check(const uint32_t args[5], uint32_t limit);

#include <pvlib/trap.h>

#include "refhv_abi.h"

/*
 * May an exception or upcall be delivered now? Not while a frame the
 * guest has not taken is in the vcpu area: the hypervisor's own flag
 * (in_exception: from delivery to iret), or, for a guest that registered
 * REFHV_CB_REENTRANT, the vcpu area's busy word (set at delivery, cleared
 * by the guest once it has copied the frame, or by iret). Any nonzero busy
 * word counts as busy.
 */
static inline bool hv_vexc_can_deliver(bool in_exception, uint32_t cb_flags, uint32_t busy)
{
	if (cb_flags & REFHV_CB_REENTRANT)
		return busy == 0;
	return !in_exception;
}

/* The saved cpsr the guest is given: cpsr with the I bit saying whether
 * upcalls were masked when the exception was taken. */
static inline uint32_t hv_vexc_saved_cpsr(uint32_t cpsr, bool masked)
{
	return masked ? cpsr | PV_PSR_I : cpsr & ~PV_PSR_I;
}

/* iret: whether the resumed code runs with upcalls masked (the saved
 * cpsr's I bit). */
static inline bool hv_vexc_iret_masked(uint32_t saved_cpsr)
{
	return (saved_cpsr & PV_PSR_I) != 0;
}

#endif
