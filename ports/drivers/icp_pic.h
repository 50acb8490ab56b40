/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Integrator/CP's primary interrupt controller: 32 level lines, each
 * enabled as IRQ or FIQ by a set/clear register pair, and a status word of
 * the lines asserted and enabled. Used with every line IRQ (FIQ all off).
 * Registers as QEMU's hw/arm/integratorcp.c models them ("integrator_pic"):
 * IRQ STATUS 0x00, RAWSTAT 0x04, ENABLESET 0x08, ENABLECLR 0x0C, and the
 * FIQ set at 0x20-0x2C; check the board's user guide before using it on
 * hardware.
 */
#ifndef PVPORT_ICP_PIC_H
#define PVPORT_ICP_PIC_H

#include <stdint.h>

struct icp_pic {
	uintptr_t base;
};

#define ICP_PIC_LINES 32u

/* Every line disabled, as IRQ and as FIQ. */
void icp_pic_init(const struct icp_pic *p);
void icp_pic_enable(const struct icp_pic *p, uint32_t line);
void icp_pic_disable(const struct icp_pic *p, uint32_t line);
/* Bit n set: line n is asserted and enabled as IRQ. */
uint32_t icp_pic_pending(const struct icp_pic *p);

#endif
