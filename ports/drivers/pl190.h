/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM PrimeCell vectored interrupt controller (PL190), used non-vectored:
 * every line is an IRQ (never FIQ) and the handler reads the status word.
 * Reference: ARM PrimeCell VIC (PL190) TRM, DDI 0181, 3.3.
 */
#ifndef PVPORT_PL190_H
#define PVPORT_PL190_H

#include <stdint.h>

struct pl190 {
	uintptr_t base;
};

#define PL190_LINES 32u

/* All lines IRQ (not FIQ) and disabled. */
void pl190_init(const struct pl190 *v);
void pl190_enable(const struct pl190 *v, uint32_t line);
void pl190_disable(const struct pl190 *v, uint32_t line);
/* Bit n set: line n is asserted and enabled. */
uint32_t pl190_pending(const struct pl190 *v);

#endif
