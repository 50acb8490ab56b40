/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtual exception ABI's rules (vexc.h), alone so that the refhv-vexc
 * host test runs this very code.
 */
#include "vexc.h"

#include <pvlib/abi/status.h>
#include <pvlib/trap.h>

#include "refhv_abi.h"

int32_t hv_vexc_callbacks_check(const uint32_t args[4], uint32_t limit)
{
	for (uint32_t i = 0; i < 3; i++) {
		if (args[i] >= limit)
			return PV_EFAULT;
		/* Entries: bit 0 set is a Thumb entry (2-aligned), else ARM
		 * (4-aligned); the stack is 4-aligned. */
		if (i < 2 && (args[i] & 1u))
			continue;
		if (args[i] & 3u)
			return PV_EALIGN;
	}
	if (args[3] & ~REFHV_CB_FLAGS)
		return PV_EINVAL;
	return PV_OK;
}

bool hv_vexc_can_deliver(bool in_exception, uint32_t cb_flags, uint32_t busy)
{
	if (cb_flags & REFHV_CB_REENTRANT)
		return busy == 0;
	return !in_exception;
}

uint32_t hv_vexc_saved_cpsr(uint32_t cpsr, bool masked)
{
	return masked ? cpsr | PV_PSR_I : cpsr & ~PV_PSR_I;
}

bool hv_vexc_iret_masked(uint32_t saved_cpsr)
{
	return (saved_cpsr & PV_PSR_I) != 0;
}
