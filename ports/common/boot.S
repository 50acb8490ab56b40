/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot, shared by every board: entered at the physical address of _start
 * with the MMU off, in SVC mode (QEMU's reset state for every machine).
 * Builds the boot translation table, lets the CPU code turn the MMU and
 * caches on with high vectors (cpu_mmu_on, from ports/cpu/<cpu>/cpu.h), moves to
 * the linked (virtual) addresses, sets up one stack per exception mode,
 * clears .bss and calls hv_main().
 *
 * The table (short descriptors; the CPU's cpu.h gives the bits for its
 * architecture, ARM ARM DDI 0100I B3.3 / DDI 0406C B3.5):
 *   - an identity section for the megabyte holding this code, used by the
 *     few instructions between MMU on and the jump to the linked address
 *     (port_board_init() removes it);
 *   - the linear map of all RAM at HV_VIRT_BASE (privileged only, ARM
 *     domain 0, global);
 *   - each peripheral megabyte of BOARD_IO_MBS at PA + HV_IO_OFFSET;
 *   - a coarse table for the last megabyte with one small page: the vectors
 *     at HV_VECTORS_VA.
 * Nothing here touches memory through a linked (virtual) address before the
 * MMU is on: r10 holds the virtual - physical offset.
 */
#include "board.h"
#include "cpu.h"

#define HV_VIRT_BASE 0xC0000000
#define HV_IO_OFFSET 0xE0000000
#define HV_UNCACHED_VA 0xEFF00000

#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1B
#define PSR_IF 0xC0

/* The board's RAM base for the linker script (hv.ld): one source, board.h. */
	.global hv_board_ram_pa
	.set	hv_board_ram_pa, BOARD_RAM_PA

	.section .text.boot, "ax"
	.arm
	.global _start
_start:
	msr	cpsr_c, #(MODE_SVC | PSR_IF)
	ldr	r10, =(HV_VIRT_BASE - BOARD_RAM_PA)

	/* Clear the L1 table (4096 entries). */
	ldr	r4, =port_boot_l1
	sub	r4, r4, r10			@ its physical address
	mov	r0, #0
	mov	r1, #4096
1:	subs	r1, r1, #1
	str	r0, [r4, r1, lsl #2]
	bne	1b

	/* Identity section for the megabyte we run in. */
	adr	r0, _start
	mov	r1, r0, lsr #20
	ldr	r2, =PT_SECT_RAM
	orr	r0, r2, r1, lsl #20
	str	r0, [r4, r1, lsl #2]

	/* Linear map of all RAM at HV_VIRT_BASE, below the uncached window. */
	.if	(BOARD_RAM_SIZE >> 20) > ((HV_UNCACHED_VA - HV_VIRT_BASE) >> 20)
	.error	"BOARD_RAM_SIZE: the linear map would reach the uncached window"
	.endif
	add	r3, r4, #(HV_VIRT_BASE >> 18)	@ &l1[HV_VIRT_BASE >> 20]
	ldr	r0, =(BOARD_RAM_PA | PT_SECT_RAM)
	mov	r1, #0
2:	str	r0, [r3, r1, lsl #2]
	add	r0, r0, #0x100000
	add	r1, r1, #1
	cmp	r1, #(BOARD_RAM_SIZE >> 20)
	bne	2b

	/* The peripheral megabytes, moved up by HV_IO_OFFSET into
	 * 0xF0000000..0xFFEFFFFF: a lower one would land on the RAM map or
	 * the uncached window, a higher one wrap into guest space. */
	.irp	mb, BOARD_IO_MBS
	.if	(\mb) < 0x100 || (\mb) >= 0x1FF
	.error	"BOARD_IO_MBS: a peripheral megabyte outside 0x10000000..0x1FEFFFFF"
	.endif
	ldr	r0, =((\mb << 20) | PT_SECT_DEV)
	ldr	r2, =(((\mb << 20) + HV_IO_OFFSET) >> 18)
	str	r0, [r4, r2]
	.endr

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
	ldr	r1, =PT_SMALL_VEC
	orr	r0, r0, r1
	str	r0, [r5, #(0xF0 << 2)]
	ldr	r1, =PT_COARSE
	orr	r0, r5, r1
	ldr	r2, =(0xFFF << 2)
	str	r0, [r4, r2]

	/* TTBR0 = r4, DACR (domain 0 client), caches, TLB, SCTLR. */
	cpu_mmu_on
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
