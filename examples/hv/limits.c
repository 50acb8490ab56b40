/* SPDX-License-Identifier: BSD-2-Clause */
#include "limits.h"

#include <pvlib/abi/evtchn.h>
#include <pvlib/abi/mmu.h>
#include <pvlib/status.h>

#include "refhv_abi.h"

_Static_assert(REFHV_MMU_UPDATE_MAX <= PV_MMU_UPDATE_MAX, "within the library's bound");
_Static_assert(REFHV_EVT_PORTS >= 2u && REFHV_EVT_PORTS <= PV_EVTCHN_2L_MAX_PORTS,
	       "a 2-level port count the library accepts");

const uint32_t hv_multicall_max = REFHV_MULTICALL_MAX;

int32_t hv_limit_console(uint32_t len)
{
	return len > REFHV_CONSOLE_MAX ? PV_E2BIG : PV_OK;
}

int32_t hv_limit_mmu_update(uint32_t count)
{
	return count > REFHV_MMU_UPDATE_MAX ? PV_E2BIG : PV_OK;
}

int32_t hv_limit_pin_kind(uint32_t kind)
{
	return kind == REFHV_PIN_L1 || kind == REFHV_PIN_L2 || kind == REFHV_PIN_FINE ? PV_OK
										       : PV_EINVAL;
}
