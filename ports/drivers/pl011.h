/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM PrimeCell UART (PL011), transmit side only: the hypervisor's console.
 * Shared by every board that has one (versatilepb, vexpress). QEMU needs no
 * baud-rate set-up; on hardware the boot loader has normally done it.
 * Reference: ARM PrimeCell UART (PL011) TRM, DDI 0183, 3.3 (UARTDR, UARTFR).
 */
#ifndef PVPORT_PL011_H
#define PVPORT_PL011_H

#include <stdint.h>

struct pl011 {
	uintptr_t base; /* virtual address of the register block */
};

void pl011_putc(const struct pl011 *u, char c);
/* Writes n bytes, turning "\n" into "\r\n". */
void pl011_write(const struct pl011 *u, const char *s, uint32_t n);

#endif
