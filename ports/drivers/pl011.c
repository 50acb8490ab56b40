/* SPDX-License-Identifier: BSD-2-Clause */
#include "pl011.h"

#define UARTDR 0x00u
#define UARTFR 0x18u
#define UARTFR_TXFF (1u << 5) /* transmit FIFO full */

static volatile uint32_t *reg(const struct pl011 *u, uint32_t off)
{
	return (volatile uint32_t *)(u->base + off);
}

void pl011_putc(const struct pl011 *u, char c)
{
	while (*reg(u, UARTFR) & UARTFR_TXFF)
		;
	*reg(u, UARTDR) = (uint8_t)c;
}

void pl011_write(const struct pl011 *u, const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_putc(u, '\r');
		pl011_putc(u, s[i]);
	}
}
