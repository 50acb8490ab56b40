/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's checks of its guest-visible limits
 * (refhv_abi.h), in plain C so that the refhv-abi host test runs the very
 * code the hypercall handlers run.
 */
#ifndef REFHV_LIMITS_H
#define REFHV_LIMITS_H

#include <stdint.h>

/* PV_OK, or PV_E2BIG over REFHV_CONSOLE_MAX bytes. */
int32_t hv_limit_console(uint32_t len);
/* PV_OK, or PV_E2BIG over REFHV_MMU_UPDATE_MAX requests. */
int32_t hv_limit_mmu_update(uint32_t count);
/* PV_OK for a REFHV_PIN_* kind, else PV_EINVAL. */
int32_t hv_limit_pin_kind(uint32_t kind);

/* What the hypervisor hands to lib/hypercall as pv_hc_config.multicall_max. */
extern const uint32_t hv_multicall_max;

#endif
