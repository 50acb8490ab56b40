/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels of a para-virtualized guest of the pvlib reference
 * hypervisor (CONFIG_PVLIB_GUEST) as drivers use them: an open port as a
 * Linux interrupt (the irqchip of arch/arm/kernel/pvlib-irq.c), and a
 * notification to the port's peer. The numbers are pvlib's
 * examples/include/refhv_abi.h (REFHV_HC_EVTCHN, its operations);
 * asm/pvlib-entry.h has the rest.
 */
#ifndef __ASM_ARM_PVLIB_EVTCHN_H
#define __ASM_ARM_PVLIB_EVTCHN_H

/* REFHV_EVT_SEND: (port) -> PV_OK, or the hypervisor's refusal. */
#define PVLIB_EVT_SEND		2

/* The Linux interrupt of an open port (one the builder opened, named in
 * the start info), its irqchip mapping made on the first call; a negative
 * errno if the port is not one of ours. */
int pvlib_bind_evtchn(unsigned int port);

#endif
