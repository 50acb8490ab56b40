/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers for the host benchmarks: a clock and no-op port hooks. */
#ifndef PVLIB_BENCH_H
#define PVLIB_BENCH_H

/* Nanoseconds from a monotonic clock. */
double bench_now_ns(void);

#endif
