/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target over the guest-facing event-channel operations: every
 * hypercall with arbitrary arguments, guests scribbling on their shared
 * memory and running the guest-side consume loops, hypervisor raises, and
 * domain destroy/rebuild (tests/evtchn/evtchn_driver.h). Any broken
 * invariant (audit, refused-without-trace, line masking, delivery of a free
 * port) traps; the sanitizers catch any access outside the tables.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "evtchn_driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct drv v;
	if (drv_init(&v, data, size) != 0)
		__builtin_trap();
	const char *err = drv_check(&v);
	for (unsigned steps = 0; !err && v.pos < v.len && steps < 4096u; steps++)
		err = drv_step(&v);
	if (!err)
		err = drv_drain_all(&v);
	if (err) {
		fprintf(stderr, "evtchn invariant broken: %s\n", err);
		__builtin_trap();
	}
	return 0;
}
