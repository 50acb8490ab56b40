/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the shared port code (port_common.c) needs from a port's own
 * port.c, beyond the "arch" functions of hvport.h. Internal to ports/.
 */
#ifndef PVPORT_ARCH_H
#define PVPORT_ARCH_H

#include "hvport.h"

/* Fill f for a data or prefetch abort just taken from the guest whose
 * frame is port_cur_frame (FSR/FAR registers). */
void arch_read_fault(enum port_trap kind, struct port_fault *f);

/* Interrupt controller: every line disabled, delivery to this CPU as IRQ. */
void arch_intc_init(void);

/* Anything else the CPU needs in the boot L1 before the first guest table
 * is pinned (ARMv5: the uncached alias window). */
void arch_board_init(void);

/* The hypervisor's boot L1 (ports/common/boot.S). */
extern uint32_t port_boot_l1[4096];

#endif
