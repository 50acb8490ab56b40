/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inside ports/: what the shared framework (port_common.c) calls in the
 * other parts of a build, beyond the functions of hvport.h they define.
 * Each is defined exactly once per build, by the part the board's
 * board.ini selects:
 *
 *   cpu_*     the CPU code, ports/cpu/<cpu>/cpu.c (cpu = armv5 | armv7)
 *   intc_*    the interrupt-controller glue, ports/drivers/intc_<intc>.c
 *             (intc = vic | gic | icp), which also defines port_irq_*
 *   timer_*   the timer glue, ports/drivers/timer_<timer>.c (timer = sp804),
 *             which also defines port_time_ns and port_timer_*
 *   (console) the console glue, ports/drivers/console_<console>.c
 *             (console = pl011), defines port_console_write only
 */
#ifndef PVPORT_GLUE_H
#define PVPORT_GLUE_H

#include "hvport.h"

/* Fill f for a data or prefetch abort just taken from the guest whose
 * frame is port_cur_frame (FSR/FAR registers). */
void cpu_read_fault(enum port_trap kind, struct port_fault *f);

/* Anything else the CPU needs in the boot L1 before the first guest table
 * is pinned (ARMv5: the uncached alias window). */
void cpu_init(void);

/* Interrupt controller: every line disabled, delivery to this CPU as IRQ. */
void intc_init(void);

/* Time base running from 0, event timer stopped. */
void timer_init(void);

/* The hypervisor's boot L1 (ports/common/boot.S). */
extern uint32_t port_boot_l1[4096];

/* Called from ports/common/entry.S, defined in port_common.c: a guest's
 * exception of that kind (enum port_trap), its frame in port_cur_frame;
 * and an exception taken in the hypervisor itself (reported, then the
 * machine stops). */
void port_trap(uint32_t kind);
extern const struct port_fault port_no_fault;
_Noreturn void port_hyp_fault(uint32_t kind, uint32_t pc, uint32_t spsr);

#endif
