/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU integratorcp (Integrator/CP baseboard) with an ARM926EJ-S: the board
 * description, as data. Included by C and by assembly (ports/common/boot.S),
 * so macros only; docs/porting.md lists the macros. The CPU (armv5) and the
 * driver glue (its own interrupt controller; its counters through the SP804
 * glue) are named in board.ini. Physical addresses and lines from QEMU's
 * hw/arm/integratorcp.c; the virtual layout is shared by every board
 * (ports/common/hvport.h).
 *
 * Its three counter/timers share one 4 KiB page, so no timer can be given
 * to a guest: no BOARD_TIMER23_PA, and the secure domain runs without a
 * device of its own.
 */
#ifndef PVPORT_BOARD_H
#define PVPORT_BOARD_H

#define BOARD_NAME "ARM926 (integratorcp)"

#define BOARD_RAM_PA 0x00000000u
#define BOARD_RAM_SIZE (128u << 20)   /* QEMU's default -m 128 */

/* Peripheral megabytes mapped for the hypervisor (physical MiB numbers):
 * counter/timers, interrupt controller, UART0. */
#define BOARD_IO_MBS 0x130, 0x140, 0x160

#define BOARD_UART0_PA 0x16000000u
/* The hypervisor's timers: their page, then each timer's registers (the
 * 1 MHz counters 1 and 2; counter 0 counts the 40 MHz system clock). */
#define BOARD_TIMER01_PA 0x13000000u
#define BOARD_EVENT_TIMER_PA (BOARD_TIMER01_PA + 0x200u) /* counter 2 */
#define BOARD_CLOCK_TIMER_PA (BOARD_TIMER01_PA + 0x100u) /* counter 1 */
#define BOARD_ICP_PIC_PA 0x14000000u  /* primary interrupt controller */
#define BOARD_INTC_PA BOARD_ICP_PIC_PA
#define BOARD_INTC_SIZE 0x1000u

/* Primary interrupt controller lines (QEMU: UART0 -> 1, counters 0/1/2 ->
 * 5/6/7); the line of the event timer, counter 2. */
#define BOARD_IRQ_LINES 32u
#define BOARD_IRQ_TIMER01 7u
#define BOARD_IRQ_UART0 1u

/* The counters' reference clock. */
#define BOARD_TIMER_HZ 1000000u

#endif
