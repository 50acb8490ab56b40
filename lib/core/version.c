/* SPDX-License-Identifier: BSD-2-Clause */
#include <pvlib/version.h>

uint32_t pv_version(void)
{
	return PV_VERSION;
}

const char *pv_version_string(void)
{
	return PV_VERSION_STRING;
}
