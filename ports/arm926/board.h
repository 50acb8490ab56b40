/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU versatilepb with an ARM926EJ-S: the board description, as data.
 * Physical addresses from the board (checked facts in the QEMU notes); the
 * virtual layout is the port's choice and is the same for every domain:
 *
 *   0x00000000 .. 0xBFFFFFFF   guest space (each domain's own tables)
 *   0xC0000000 .. +RAM size    hypervisor linear map of all RAM (ARM domain 0,
 *                              AP=01: privileged only); the hypervisor image
 *                              runs here, linked at 0xC0010000
 *   0xF0100000 .. 0xF01FFFFF   the board's peripheral megabyte (UART, VIC,
 *                              timers), device memory, privileged only
 *   0xFFFF0000                 exception vectors (SCTLR.V = 1)
 */
#ifndef PVPORT_ARM926_BOARD_H
#define PVPORT_ARM926_BOARD_H

#define BOARD_RAM_PA 0x00000000u
#define BOARD_RAM_SIZE (128u << 20)   /* QEMU's default -m 128 */

#define HV_VIRT_BASE 0xC0000000u      /* start of the hypervisor range */
#define HV_IO_VIRT 0xF0100000u
#define HV_IO_PA 0x10100000u
#define HV_VECTORS_VA 0xFFFF0000u

/* Peripherals, as virtual addresses through the IO window. */
#define HV_IO(pa) (HV_IO_VIRT + ((pa) - HV_IO_PA))
#define BOARD_VIC_PA 0x10140000u
#define BOARD_TIMER01_PA 0x101E2000u
#define BOARD_TIMER23_PA 0x101E3000u
#define BOARD_UART0_PA 0x101F1000u

/* PL190 lines (QEMU hw/arm/versatilepb.c: timers 0/1 -> 4, 2/3 -> 5). */
#define BOARD_IRQ_TIMER01 4u
#define BOARD_IRQ_TIMER23 5u
#define BOARD_IRQ_UART0 12u

/* SP804 input clock on this board. */
#define BOARD_TIMER_HZ 1000000u

/* ARM domains (DACR fields) the port and the reference hypervisor use. */
#define ARMDOM_HYP 0u        /* hypervisor mappings: always client */
#define ARMDOM_GUEST_KERN 1u /* guest kernel: client in virtual kernel mode only */
#define ARMDOM_GUEST_USER 2u /* guest user: client in both virtual modes */

#endif
