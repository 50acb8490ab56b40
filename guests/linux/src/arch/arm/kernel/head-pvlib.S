/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel entry of a para-virtualized guest of a pvlib hypervisor
 * (CONFIG_PVLIB_GUEST), in head.S's place.
 *
 * The hypervisor's domain builder has already done what head.S does on
 * bare metal: the kernel runs in the CPU's USR mode with the MMU on, its
 * memory mapped at PAGE_OFFSET with 4 KiB pages by tables the hypervisor
 * built and pinned (swapper_pg_dir is their L1), and interrupts (upcalls)
 * masked. So nothing here touches CP15 or the CPSR's mode bits: set the
 * stack, clear bss, record the start info (r0: its virtual address) and
 * call start_kernel.
 */
#include <linux/linkage.h>
#include <linux/init.h>

#include <asm/assembler.h>
#include <asm/asm-offsets.h>
#include <asm/memory.h>
#include <asm/thread_info.h>

#define KERNEL_RAM_VADDR	(KERNEL_OFFSET + TEXT_OFFSET)
#if (KERNEL_RAM_VADDR & 0xffff) != 0x8000
#error KERNEL_RAM_VADDR must start at 0xXXXX8000
#endif

	/* The L1 the hypervisor built, 16 KiB below the kernel's text. */
	.globl	swapper_pg_dir
	.equ	swapper_pg_dir, KERNEL_RAM_VADDR - 0x4000

	.pushsection .data
	.align	2
	.globl	kernel_sec_start
	.globl	kernel_sec_end
kernel_sec_start:
	.long	0
	.long	0
kernel_sec_end:
	.long	0
	.long	0
	.popsection

	.arm

	__HEAD
ENTRY(stext)
	mov	r4, r0				@ start info
	ldr	sp, =init_thread_union + THREAD_START_SP
	ldr	r0, =__bss_start
	ldr	r2, =__bss_stop
	sub	r2, r2, r0
	mov	r1, #0
	bl	__memset			@ clear .bss
	adr_l	r0, init_task			@ the swapper task
	set_current r0, r1
	mov	r0, r4
	bl	pvlib_early_setup		@ checks and records the start info
	mov	fp, #0
	mov	lr, #0
	b	start_kernel
ENDPROC(stext)
	.ltorg

#include "head-common.S"
