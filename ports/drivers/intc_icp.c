/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt-controller glue for the Integrator/CP's primary interrupt
 * controller (board.ini: intc = icp): the port_irq_* functions of hvport.h
 * on the driver (icp_pic.c). The board gives BOARD_ICP_PIC_PA and
 * BOARD_IRQ_LINES (at most 32).
 *
 * Concurrency: uniprocessor; runs in SVC mode with IRQ and FIQ masked.
 */
#include "glue.h"

#include "icp_pic.h"

_Static_assert(BOARD_IRQ_LINES <= ICP_PIC_LINES, "one controller has 32 lines");

static const struct icp_pic pic = { HV_IO(BOARD_ICP_PIC_PA) };

void intc_init(void)
{
	icp_pic_init(&pic);
}

void port_irq_enable(uint32_t line)
{
	if (line < BOARD_IRQ_LINES)
		icp_pic_enable(&pic, line);
}

void port_irq_disable(uint32_t line)
{
	if (line < BOARD_IRQ_LINES)
		icp_pic_disable(&pic, line);
}

bool port_irq_ack(uint32_t *line)
{
	/* The lowest asserted enabled line. */
	uint32_t pending = icp_pic_pending(&pic);
	if (pending == 0)
		return false;
	*line = (uint32_t)__builtin_ctz(pending);
	return true;
}

void port_irq_eoi(uint32_t line)
{
	(void)line; /* level lines: nothing to end */
}
