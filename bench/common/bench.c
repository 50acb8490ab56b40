/* SPDX-License-Identifier: BSD-2-Clause */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include <pvlib/port.h>

#include "bench.h"

double bench_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The port hooks, as no-ops: a benchmark measures lib/, not maintenance. */
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

_Noreturn void pv_port_assert_fail(const char *expr, const char *file, int line)
{
	fprintf(stderr, "pvlib assertion failed: %s at %s:%d\n", expr, file, line);
	__builtin_trap();
}
