/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM Generic Interrupt Controller, architecture version 1 (the Cortex-A9
 * MPCore's distributor and CPU interface), used by one CPU with every
 * interrupt in Group 0 delivered as IRQ. References: ARM GIC Architecture
 * Specification (IHI 0048B) 4.3 (distributor: GICD_CTLR, TYPER, ISENABLER,
 * ICENABLER, ICPENDR, IPRIORITYR, ITARGETSR) and 4.4 (CPU interface:
 * GICC_CTLR, PMR, IAR, EOIR); Cortex-A9 MPCore TRM (DDI 0407) 3.
 */
#ifndef PVPORT_GIC_H
#define PVPORT_GIC_H

#include <stdbool.h>
#include <stdint.h>

struct gic {
	uintptr_t dist; /* virtual address of the distributor */
	uintptr_t cpu;  /* virtual address of the CPU interface */
};

#define GIC_SPURIOUS 1023u

/* Every interrupt disabled and not pending, shared interrupts at one
 * priority and routed to CPU 0, then distributor and CPU interface on.
 * Returns the number of interrupt IDs the distributor implements. */
uint32_t gic_init(const struct gic *g);
void gic_enable(const struct gic *g, uint32_t id);
void gic_disable(const struct gic *g, uint32_t id);
/* Acknowledge the highest-priority pending interrupt: its GICC_IAR value
 * (interrupt ID in [9:0]; GIC_SPURIOUS if none). */
uint32_t gic_ack(const struct gic *g);
/* End of interrupt for an acknowledged GICC_IAR value. */
void gic_eoi(const struct gic *g, uint32_t iar);

#endif
