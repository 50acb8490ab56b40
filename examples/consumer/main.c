/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal host program around hv.c: it plays the port, handing two
 * guests' hypercalls to the hypervisor core as trap frames, and checks the
 * answers. Exit status 0 when domain 1 is served and domain 2 refused.
 */
#include <stdio.h>

#include <pvlib/status.h>
#include <pvlib/version.h>

#include "hv.h"

static int32_t hypercall(uint16_t dom, uint32_t nr, uint32_t arg)
{
	struct pv_trap_frame tf = { .r = { [0] = arg, [12] = nr } };
	on_hypercall(pv_domid(dom), &tf);
	return (int32_t)tf.r[0];
}

int main(void)
{
	printf("pvlib %s (headers %s)\n", pv_version_string(), PV_VERSION_STRING);
	if (pv_version() != PV_VERSION)
		return 1;
	enum pv_status rc = hv_init();
	if (rc != PV_OK) {
		printf("hv_init: %s\n", pv_status_name(rc));
		return 1;
	}
	int32_t a = hypercall(1, 0, 'A');
	int32_t b = hypercall(2, 0, 'B');
	int32_t c = hypercall(1, 7, 0);
	printf("domain 1 console_write: %d; domain 2: %s; domain 1, hypercall 7: %s\n", (int)a,
	       pv_status_name(b), pv_status_name(c));
	return a == 1 && b == PV_EPERM && c == PV_ENOSYS ? 0 : 1;
}
