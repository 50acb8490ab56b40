/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hooks of pvlib/port.h for this host program. There is no MMU or cache
 * to maintain on the host; a board port does the real work here (see
 * docs/porting.md in pvlib).
 */
#include <stdio.h>
#include <stdlib.h>

#include <pvlib/port.h>

void pv_port_tlb_maint(const struct pv_tlb_req *req)
{
	(void)req;
}

void pv_port_pt_sync(pv_maddr_t ma, uint32_t len)
{
	(void)ma;
	(void)len;
}

void pv_port_cache_flush_all(void)
{
}

void pv_port_cache_maint(const struct pv_cache_req *req)
{
	(void)req;
}

void pv_port_assert_fail(const char *expr, const char *file, int line)
{
	fprintf(stderr, "%s:%d: pvlib assertion failed: %s\n", file, line, expr);
	abort();
}
