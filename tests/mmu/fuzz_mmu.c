/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target over the guest-facing entry points of lib/mmu (update,
 * pin, unpin, switch base, grants, TLB and cache maintenance) and the domain builder's (assign, free,
 * I/O regions, destroy). The input drives the operation generator of
 * mmu_model.h; after every operation the audit, the "refused leaves no
 * trace" check and the independent isolation checker run, and any violation
 * traps. The generator also writes aligned 64-entry runs of consecutive
 * frames with flipped entries (m_fill_run), so the pin walk's block paths
 * are fuzzed too.
 *
 *   PVLIB_FUZZ_SECONDS=600 meson test -C build/host-clang --suite fuzz
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "port_fake.h"
#include "mmu_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct m_model model;
static struct t_machine *machine; /* kept across inputs: RAM is reset, not reallocated */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	m_init(&model, (data[0] & 1) ? PV_MMU_FMT_V7 : PV_MMU_FMT_V5, machine);
	machine = model.t;
	struct m_src src = { data + 1, size - 1, 0, 0 };
	for (unsigned i = 0; i < 64 && src.pos < src.len; i++) {
		pv_fake_reset();
		if (!m_step(&model, &src)) {
			fprintf(stderr, "mmu invariant broken at step %u: %s\n", i, model.why);
			__builtin_trap();
		}
	}
	return 0;
}
