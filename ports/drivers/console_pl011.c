/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console glue for a PL011 UART (board.ini: console = pl011): the
 * hypervisor's console on the board's UART at BOARD_UART0_PA.
 *
 * Concurrency: uniprocessor; runs in SVC mode with IRQ and FIQ masked.
 */
#include "glue.h"

#include "pl011.h"

static const struct pl011 console = { HV_IO(BOARD_UART0_PA) };

void port_console_write(const char *s, uint32_t n)
{
	pl011_write(&console, s, n);
}
