/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU versatilepb with an ARM926EJ-S: the board description, as data.
 * Included by C and by assembly (ports/common/boot.S), so macros only;
 * docs/porting.md lists the macros. The CPU and the driver glue are named
 * in board.ini.
 * Physical addresses from the board (checked facts in the QEMU notes); the
 * virtual layout is shared by every port (ports/common/hvport.h):
 *
 *   0x00000000 .. 0xBFFFFFFF   guest space (each domain's own tables)
 *   0xC0000000 .. +RAM size    hypervisor linear map of all RAM
 *   0xF0000000 .. 0xFFEFFFFF   the board's peripheral megabytes, at
 *                              physical + HV_IO_OFFSET, device memory
 *   0xFFFF0000                 exception vectors (SCTLR.V = 1)
 */
#ifndef PVPORT_BOARD_H
#define PVPORT_BOARD_H

#define BOARD_NAME "ARM926 (versatilepb)"

#define BOARD_RAM_PA 0x00000000u
#define BOARD_RAM_SIZE (128u << 20)   /* QEMU's default -m 128 */

/* Peripheral megabytes mapped for the hypervisor (physical MiB numbers). */
#define BOARD_IO_MBS 0x101

#define BOARD_VIC_PA 0x10140000u
#define BOARD_INTC_PA BOARD_VIC_PA    /* the interrupt controller's pages */
#define BOARD_INTC_SIZE 0x1000u
/* The hypervisor's timers: their page, then each timer's registers. */
#define BOARD_TIMER01_PA 0x101E2000u
#define BOARD_EVENT_TIMER_PA BOARD_TIMER01_PA /* SP804 timer 0 */
#define BOARD_CLOCK_TIMER_PA (BOARD_TIMER01_PA + 0x20u) /* timer 1 */
/* The second SP804 block: optional, given to the secure domain. */
#define BOARD_TIMER23_PA 0x101E3000u
#define BOARD_UART0_PA 0x101F1000u

/* PL190 lines (QEMU hw/arm/versatilepb.c: timers 0/1 -> 4, 2/3 -> 5, UART0
 * -> 12); the event timer's line is checked by booting. */
#define BOARD_IRQ_LINES 32u
#define BOARD_IRQ_TIMER01 4u
#define BOARD_IRQ_TIMER23 5u
#define BOARD_IRQ_UART0 12u

/* SP804 input clock on this board (QEMU models 1 MHz). */
#define BOARD_TIMER_HZ 1000000u

#endif
