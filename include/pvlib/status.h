/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Status codes for the hypervisor: the list itself is guest ABI and lives in
 * pvlib/abi/status.h; this header adds the names and descriptions.
 */
#ifndef PVLIB_STATUS_H
#define PVLIB_STATUS_H

#include <stdint.h>
#include <pvlib/abi/cdefs.h>
#include <pvlib/abi/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The symbolic name of a status ("PV_EPERM"), or "PV_E?" for a value that is
 * not in the list. Never NULL; the string is static.
 * @param status a status value (any integer)
 * @return the name, e.g. "PV_EPERM", or "PV_E?"; static, never NULL
 */
const char *pv_status_name(int32_t status);

/**
 * A one-line English description of a status; never NULL.
 * @param status a status value (any integer)
 * @return a static one-line description, never NULL
 */
const char *pv_status_describe(int32_t status);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_STATUS_H */
