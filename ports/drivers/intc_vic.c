/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt-controller glue for a PL190 VIC (board.ini: intc = vic): the
 * port_irq_* functions of hvport.h on the driver (pl190.c). The board gives
 * BOARD_VIC_PA and BOARD_IRQ_LINES (at most 32: one VIC).
 *
 * Concurrency: uniprocessor; runs in SVC mode with IRQ and FIQ masked.
 */
#include "glue.h"

#include "pl190.h"

_Static_assert(BOARD_IRQ_LINES <= 32u, "one VIC has 32 lines");

static const struct pl190 vic = { HV_IO(BOARD_VIC_PA) };

void intc_init(void)
{
	pl190_init(&vic);
}

void port_irq_enable(uint32_t line)
{
	if (line < BOARD_IRQ_LINES)
		pl190_enable(&vic, line);
}

void port_irq_disable(uint32_t line)
{
	if (line < BOARD_IRQ_LINES)
		pl190_disable(&vic, line);
}

bool port_irq_ack(uint32_t *line)
{
	/* Non-vectored: the lowest asserted enabled line. */
	uint32_t pending = pl190_pending(&vic);
	if (pending == 0)
		return false;
	*line = (uint32_t)__builtin_ctz(pending);
	return true;
}

void port_irq_eoi(uint32_t line)
{
	(void)line; /* the VIC has no end-of-interrupt: lines are levels */
}
