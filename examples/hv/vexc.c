/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtual exception ABI's rules (vexc.h), alone so that the refhv-vexc
 * host test runs this very code.
 */
#include "vexc.h"

#include <pvlib/abi/status.h>
#include <pvlib/trap.h>

#include "refhv_abi.h"

/* An entry: bit 0 set is a Thumb entry (2-aligned), else ARM (4-aligned). */
static int32_t entry_check(uint32_t entry, uint32_t limit)
{
	if (entry >= limit)
		return PV_EFAULT;
	return (entry & 1u) || !(entry & 3u) ? PV_OK : PV_EALIGN;
}

int32_t hv_vexc_callbacks_check(const uint32_t args[5], uint32_t limit)
{
	int32_t rc = entry_check(args[0], limit);
	if (rc == PV_OK)
		rc = entry_check(args[1], limit);
	if (rc != PV_OK)
		return rc;
	/* The stack is 4-aligned. */
	if (args[2] >= limit)
		return PV_EFAULT;
	if (args[2] & 3u)
		return PV_EALIGN;
	if (args[3] & ~REFHV_CB_FLAGS)
		return PV_EINVAL;
	/* The system-call entry (ABI 8): only with its flag; 0 is no entry,
	 * so the flag without one is refused rather than ignored. */
	if (args[3] & REFHV_CB_SYSCALL_REGS)
		return args[4] ? entry_check(args[4], limit) : PV_EINVAL;
	return PV_OK;
}
