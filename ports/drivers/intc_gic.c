/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt-controller glue for a GIC (board.ini: intc = gic): the
 * port_irq_* functions of hvport.h on the driver (gic.c), with any CPU (a
 * Cortex-A9 MPCore's private GIC, or a board-level GIC beside an ARM926).
 * The board gives BOARD_GIC_DIST_PA, BOARD_GIC_CPU_PA and BOARD_IRQ_LINES
 * (interrupt IDs below it; init checks the distributor has that many).
 *
 * Concurrency: uniprocessor; runs in SVC mode with IRQ and FIQ masked.
 */
#include "glue.h"

#include <pvlib/port.h>

#include "gic.h"

static const struct gic gic = { HV_IO(BOARD_GIC_DIST_PA), HV_IO(BOARD_GIC_CPU_PA) };

void intc_init(void)
{
	uint32_t lines = gic_init(&gic);
	PV_ASSERT(lines >= BOARD_IRQ_LINES);
}

void port_irq_enable(uint32_t line)
{
	if (line < BOARD_IRQ_LINES)
		gic_enable(&gic, line);
}

void port_irq_disable(uint32_t line)
{
	if (line < BOARD_IRQ_LINES)
		gic_disable(&gic, line);
}

bool port_irq_ack(uint32_t *line)
{
	uint32_t id = gic_ack(&gic) & 0x3FFu;
	if (id >= 1020u)
		return false; /* spurious: nothing pending */
	*line = id;
	return true;
}

void port_irq_eoi(uint32_t line)
{
	gic_eoi(&gic, line);
}
