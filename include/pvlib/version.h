/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The library's version, at compile time and at run time.
 *
 * pvlib follows semantic versioning for its C API: a new major version may
 * break source compatibility, a minor one only adds, a patch release only
 * fixes. The guest ABI has versions of its own (PV_ABI_VERSION and the
 * per-module ABI versions in pvlib/abi/), which move independently of these.
 */
#ifndef PVLIB_VERSION_H
#define PVLIB_VERSION_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Major version: changes when the API breaks source compatibility. */
#define PV_VERSION_MAJOR 1
/** Minor version: changes when the API grows compatibly. */
#define PV_VERSION_MINOR 0
/** Patch version: changes for fixes that leave the API alone. */
#define PV_VERSION_PATCH 0
/** The version as a string, "MAJOR.MINOR.PATCH". */
#define PV_VERSION_STRING "1.0.0"
/** Encode a version as one comparable number: 0x00MMmmpp. */
#define PV_VERSION_ENCODE(major, minor, patch) \
	((uint32_t)(major) << 16 | (uint32_t)(minor) << 8 | (uint32_t)(patch))
/** The headers' version, encoded with PV_VERSION_ENCODE. */
#define PV_VERSION PV_VERSION_ENCODE(PV_VERSION_MAJOR, PV_VERSION_MINOR, PV_VERSION_PATCH)

/**
 * The version of the library linked in, encoded as PV_VERSION is; compare it
 * with PV_VERSION to detect headers and library from different releases.
 * @return the library's version number (0x00MMmmpp)
 */
uint32_t pv_version(void);

/**
 * The version of the library linked in, as "MAJOR.MINOR.PATCH".
 * @return a static string, never NULL
 */
const char *pv_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_VERSION_H */
