/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM dual timer (SP804). One struct names one of the two timers of a block
 * (block base, or base + 0x20). Used as a free-running 32-bit down counter
 * (the time base) and as a one-shot event timer (scheduler ticks and guest
 * timers). Reference: ARM Dual-Timer Module (SP804) TRM, DDI 0271, 3.2.
 */
#ifndef PVPORT_SP804_H
#define PVPORT_SP804_H

#include <stdbool.h>
#include <stdint.h>

struct sp804 {
	uintptr_t base; /* virtual address of this timer's registers */
};

/* Free-running, wrapping 32-bit down counter, no interrupt. */
void sp804_start_freerun(const struct sp804 *t);
uint32_t sp804_value(const struct sp804 *t);
/* One-shot: interrupt after ticks (>= 1) counts. Replaces any pending one. */
void sp804_oneshot(const struct sp804 *t, uint32_t ticks);
void sp804_stop(const struct sp804 *t);
/* Acknowledge the interrupt; true if it was pending. */
bool sp804_ack(const struct sp804 *t);

#endif
