/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM926 boot: entered at the physical address of _start with the MMU off,
 * in SVC mode (QEMU's reset state). Builds the boot translation table,
 * turns the MMU and caches on with high vectors, moves to the linked
 * (virtual) addresses, sets up one stack per exception mode and calls
 * hv_main(). References: ARM ARM (DDI 0100I) B3 "Virtual Memory System
 * Architecture" (section and coarse descriptors, B3.3), B2 (CP15 c1, c2, c3).
 */
#include "board.h"

#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1B
#define PSR_IF 0xC0

/* Section: type 10, bit 4 set, AP=01 (privileged RW, user none). */
#define SECT_RAM 0x41E  /* C=1 B=1 write-back */
#define SECT_DEV 0x412  /* C=0 B=0 strongly ordered */
#define COARSE 0x11     /* domain 0 */
#define SMALL_RAM 0x55E /* AP=01 in all four subpages, C=1 B=1 */

	.section .text.boot, "ax"
	.arm
	.global _start
_start:
	msr	cpsr_c, #(MODE_SVC | PSR_IF)
	ldr	r10, =HV_VIRT_BASE		@ virtual - physical

	/* Clear the L1 table (4096 entries). */
	ldr	r4, =port_boot_l1
	sub	r4, r4, r10			@ its physical address
	mov	r0, #0
	mov	r1, #4096
1:	subs	r1, r1, #1
	str	r0, [r4, r1, lsl #2]
	bne	1b

	/* Identity map of the first megabyte: the next few instructions
	 * run there after the MMU comes on. Removed by port_boot_finish(). */
	ldr	r0, =SECT_RAM
	str	r0, [r4]

	/* Linear map of all RAM at HV_VIRT_BASE. */
	add	r2, r4, #(HV_VIRT_BASE >> 18)	@ &l1[HV_VIRT_BASE >> 20]
	mov	r1, #0
2:	orr	r3, r0, r1, lsl #20
	str	r3, [r2, r1, lsl #2]
	add	r1, r1, #1
	cmp	r1, #(BOARD_RAM_SIZE >> 20)
	bne	2b

	/* The peripheral megabyte. */
	ldr	r0, =(HV_IO_PA | SECT_DEV)
	ldr	r2, =(HV_IO_VIRT >> 18)
	str	r0, [r4, r2]

	/* Vectors: a coarse table for the last megabyte, one small page. */
	ldr	r5, =port_vec_l2
	sub	r5, r5, r10
	mov	r0, #0
	mov	r1, #256
3:	subs	r1, r1, #1
	str	r0, [r5, r1, lsl #2]
	bne	3b
	ldr	r0, =port_vectors
	sub	r0, r0, r10
	ldr	r1, =SMALL_RAM
	orr	r0, r0, r1
	str	r0, [r5, #(0xF0 << 2)]
	orr	r0, r5, #COARSE
	ldr	r2, =(0xFFF << 2)
	str	r0, [r4, r2]

	/* TTBR0, DACR (domain 0 client, the rest no access), clean slate. */
	mcr	p15, 0, r4, c2, c0, 0
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c7, c7, 0		@ invalidate I and D caches
	mcr	p15, 0, r0, c8, c7, 0		@ invalidate TLBs

	/* SCTLR: M, C, I, V (high vectors); S and R stay 0. */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #0x300
	orr	r0, r0, #0x5
	orr	r0, r0, #0x3000
	mcr	p15, 0, r0, c1, c0, 0
	nop
	nop
	ldr	pc, =high
high:
	/* One small stack per exception mode; SVC runs the hypervisor. */
	msr	cpsr_c, #(MODE_IRQ | PSR_IF)
	ldr	sp, =port_irq_stack_top
	msr	cpsr_c, #(MODE_ABT | PSR_IF)
	ldr	sp, =port_abt_stack_top
	msr	cpsr_c, #(MODE_UND | PSR_IF)
	ldr	sp, =port_und_stack_top
	msr	cpsr_c, #(MODE_FIQ | PSR_IF)
	ldr	sp, =port_und_stack_top
	msr	cpsr_c, #(MODE_SVC | PSR_IF)
	ldr	sp, =port_svc_stack_top

	ldr	r0, =_bss_start
	ldr	r1, =_bss_end
	mov	r2, #0
4:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	4b

	bl	hv_main
5:	b	5b
	.ltorg

	.section .pgtable.l1, "aw", %nobits
	.balign 16384
	.global port_boot_l1
port_boot_l1:
	.space 16384
	.section .pgtable.l2, "aw", %nobits
	.balign 1024
	.global port_vec_l2
port_vec_l2:
	.space 1024

	.section .stacks, "aw", %nobits
	.balign 8
	.space 8192
	.global port_svc_stack_top
port_svc_stack_top:
	.space 256
	.global port_irq_stack_top
port_irq_stack_top:
	.space 256
	.global port_abt_stack_top
port_abt_stack_top:
	.space 256
	.global port_und_stack_top
port_und_stack_top:
	.space 2048
	.global port_panic_stack_top
port_panic_stack_top:
