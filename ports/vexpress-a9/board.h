/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU vexpress-a9 (Versatile Express, CoreTile A9x4, legacy motherboard
 * memory map) with one Cortex-A9: the board description, as data. Included
 * by C and by assembly (ports/common/boot.S), so macros only;
 * docs/porting.md lists the macros. The CPU and the driver glue are named
 * in board.ini. Physical addresses from the QEMU notes and QEMU's
 * hw/arm/vexpress.c; the virtual layout is shared by every board
 * (ports/common/hvport.h).
 */
#ifndef PVPORT_BOARD_H
#define PVPORT_BOARD_H

#define BOARD_NAME "Cortex-A9 (vexpress-a9)"

#define BOARD_RAM_PA 0x60000000u
#define BOARD_RAM_SIZE (128u << 20)   /* QEMU's default -m 128 */

/* Peripheral megabytes mapped for the hypervisor (physical MiB numbers):
 * the motherboard's CS7 peripherals and the A9 private region (SCU, GIC,
 * timers). */
#define BOARD_IO_MBS 0x100, 0x1E0

#define BOARD_UART0_PA 0x10009000u
/* The hypervisor's timers: their page, then each timer's registers. */
#define BOARD_TIMER01_PA 0x10011000u
#define BOARD_EVENT_TIMER_PA BOARD_TIMER01_PA /* SP804 timer 0 */
#define BOARD_CLOCK_TIMER_PA (BOARD_TIMER01_PA + 0x20u) /* timer 1 */
/* The second SP804 block: optional, given to the secure domain. */
#define BOARD_TIMER23_PA 0x10012000u
#define BOARD_GIC_CPU_PA 0x1E000100u
#define BOARD_GIC_DIST_PA 0x1E001000u
#define BOARD_INTC_PA 0x1E000000u     /* the A9 private region: SCU, GIC, */
#define BOARD_INTC_SIZE 0x2000u       /* private timers (its first 8 KiB) */

/* GIC interrupt IDs: shared peripheral interrupt n is ID 32 + n (QEMU wires
 * motherboard interrupt n to SPI n: SP804 0/1 -> 2, 2/3 -> 3, UART0 -> 5).
 * The distributor implements 96 IDs (GICD_TYPER.ITLinesNumber = 2). */
#define BOARD_IRQ_LINES 96u
#define BOARD_IRQ_TIMER01 34u
#define BOARD_IRQ_TIMER23 35u
#define BOARD_IRQ_UART0 37u

/* SP804 input clock as QEMU models it (the real board's SP810 selects 32 kHz
 * or 1 MHz; a port for hardware sets it to 1 MHz). */
#define BOARD_TIMER_HZ 1000000u

#endif
