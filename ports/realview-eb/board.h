/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU realview-eb (RealView Emulation Baseboard) with an ARM926EJ-S: the
 * board description, as data. Included by C and by assembly
 * (ports/common/boot.S), so macros only; docs/porting.md lists the macros.
 * The CPU (armv5, as versatilepb) and the driver glue (a GIC, as
 * vexpress-a9) are named in board.ini. Physical addresses from QEMU's
 * hw/arm/realview.c and the QEMU notes (the GIC: "info mtree" on
 * -M realview-eb); the virtual layout is shared by every board
 * (ports/common/hvport.h).
 */
#ifndef PVPORT_BOARD_H
#define PVPORT_BOARD_H

#define BOARD_NAME "ARM926 (realview-eb)"

#define BOARD_RAM_PA 0x00000000u
#define BOARD_RAM_SIZE (128u << 20)   /* QEMU's default -m 128 */

/* Peripheral megabytes mapped for the hypervisor (physical MiB numbers):
 * the baseboard's peripherals, GIC included. */
#define BOARD_IO_MBS 0x100

#define BOARD_UART0_PA 0x10009000u
/* The hypervisor's timers: their page, then each timer's registers. */
#define BOARD_TIMER01_PA 0x10011000u
#define BOARD_EVENT_TIMER_PA BOARD_TIMER01_PA /* SP804 timer 0 */
#define BOARD_CLOCK_TIMER_PA (BOARD_TIMER01_PA + 0x20u) /* timer 1 */
/* The second SP804 block: optional, given to the secure domain. */
#define BOARD_TIMER23_PA 0x10012000u
/* The baseboard's first GIC (the one wired to the CPU's nIRQ): CPU
 * interface, then distributor, 4 KiB each. */
#define BOARD_GIC_CPU_PA 0x10040000u
#define BOARD_GIC_DIST_PA 0x10041000u
#define BOARD_INTC_PA BOARD_GIC_CPU_PA /* the GIC's pages */
#define BOARD_INTC_SIZE 0x2000u

/* GIC interrupt IDs: baseboard interrupt n is ID 32 + n (QEMU's
 * realview.c: SP804 0/1 -> 4, 2/3 -> 5, UART0 -> 12). The distributor
 * implements 96 IDs. */
#define BOARD_IRQ_LINES 96u
#define BOARD_IRQ_TIMER01 36u
#define BOARD_IRQ_TIMER23 37u
#define BOARD_IRQ_UART0 44u

/* SP804 input clock as QEMU models it. */
#define BOARD_TIMER_HZ 1000000u

#endif
