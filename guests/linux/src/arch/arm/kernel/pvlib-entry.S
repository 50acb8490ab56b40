/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception entry and exit of a para-virtualized guest of the pvlib
 * reference hypervisor (CONFIG_PVLIB_GUEST), in entry-armv.S's place.
 *
 * The kernel runs in the CPU's user mode: the hypervisor owns the vectors.
 * On an abort, an undefined instruction, a system call of a user process
 * or pending events it stores the interrupted frame in the vcpu area of
 * the shared page (registers, pc, cpsr whose I bit is the upcall mask the
 * interrupted code ran with, its virtual mode, the kind, fault status and
 * address), masks upcalls and enters pvlib_exception_entry in virtual
 * kernel mode with r0 = kind, r1 = fsr, r2 = far (refhv_abi.h, ABI 5).
 *
 * The entry builds struct pt_regs from that frame, on the current thread's
 * kernel stack if the guest was in user mode (pvlib_stack_top, which
 * __switch_to keeps), else below the interrupted kernel sp; gives the cpsr
 * the mode Linux expects (USR or SVC: what user_mode(regs) tests); then
 * clears the area's busy word (registered REFHV_CB_REENTRANT), so the next
 * exception may come, even before this one returns. System calls join
 * vector_swi after its register save (entry-common.S); everything else
 * goes to pvlib_exception (pvlib-irq.c). Every way out ends in
 * pvlib_restore_frame (or pvlib_restore_user_frame, to user mode): pt_regs
 * back into the vcpu area, then iret, which resumes it with the upcall
 * mask of its I bit.
 *
 * System calls of user processes take a shorter way (ABI 8,
 * REFHV_CB_SYSCALL_REGS): the hypervisor enters pvlib_syscall_entry with
 * the user's r0-r12 and lr still in the registers and only sp, lr, pc and
 * cpsr in the vcpu area, and the restore hands r0-r11 back in the
 * registers (REFHV_HC_IRET_REGS), the rest through the vcpu area. Neither
 * way copies the whole frame. The entry unmasks upcalls itself, with a
 * free register, and joins vector_swi after its enable_irq_notrace.
 */
#include <linux/init.h>
#include <linux/linkage.h>

#include <asm/assembler.h>
#include <asm/asm-offsets.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <asm/thread_notify.h>
#include <asm/pvlib-entry.h>

#include "entry-header.S"

/* pvlib_syscall_entry uses r8, r9 and lr, which vector_swi reads again
 * after its unmask only to find an old-ABI system call's number. */
#if !defined(CONFIG_AEABI) || defined(CONFIG_OABI_COMPAT)
#error "a pvlib guest takes EABI system calls only"
#endif

	@ rd = the vcpu area (0x80001800: two immediates)
	.macro	pvlib_vcpu, rd
	mov	\rd, #PVLIB_VCPU_VA & 0xff000000
	orr	\rd, \rd, #PVLIB_VCPU_VA & 0x00ffffff
	.endm

	.section .entry.text,"ax",%progbits
	.align	5
ENTRY(pvlib_exception_entry)
	pvlib_vcpu r3
	ldr	r4, [r3, #PVLIB_VCPU_VMODE]
	cmp	r4, #PVLIB_VMODE_USER
	ldreq	sp, =pvlib_stack_top		@ from user mode: the thread's stack
	ldreq	sp, [sp]
	bicne	sp, sp, #7			@ from kernel mode: below its sp
	sub	sp, sp, #PT_REGS_SIZE
	ldmia	r3!, {r4 - r11}			@ the interrupted r0-r7
	stmia	sp, {r4 - r11}
	ldmia	r3!, {r4 - r12}			@ r8-r12, sp, lr, pc, cpsr
	add	lr, sp, #S_R8
	stmia	lr, {r4 - r12}
	ldr	r4, [r3]			@ r3: &saved_vmode
	bic	r12, r12, #MODE_MASK
	cmp	r4, #PVLIB_VMODE_USER
	orreq	r12, r12, #USR_MODE
	orrne	r12, r12, #SVC_MODE
	str	r12, [sp, #S_PSR]
	mov	r4, #-1
	str	r4, [sp, #S_OLD_R0]
	mov	r4, #0
	str	r4, [r3, #PVLIB_VCPU_BUSY - PVLIB_VCPU_VMODE] @ the frame is ours
	bne	pvlib_kernel_exception		@ flags: the cmp of the mode
	zero_fp
	cmp	r0, #PVLIB_EXC_SYSCALL
	bne	1f
	ldmia	sp, {r0 - r7}			@ the arguments and, EABI, the number
	str	r0, [sp, #S_OLD_R0]
	b	pvlib_vector_swi_saved		@ vector_swi, its registers saved
1:	mov	r3, sp
	bl	pvlib_exception
	get_thread_info tsk
	mov	why, #0
	b	ret_to_user			@ masks upcalls first
ENDPROC(pvlib_exception_entry)

/*
 * A system call from user mode (ABI 8): the user's r0-r12 are in the
 * registers, sp, lr, pc and cpsr in the vcpu area. pt_regs on the thread's
 * kernel stack as vector_swi builds it, then vector_swi after its save
 * with r0-r7 (the arguments and, EABI, the number) untouched.
 */
	.align	5
ENTRY(pvlib_syscall_entry)
	ldr	sp, =pvlib_stack_top
	ldr	sp, [sp]
	sub	sp, sp, #PT_REGS_SIZE
	stmia	sp, {r0 - r12}
	pvlib_vcpu r8
	add	r9, r8, #PVLIB_VCPU_SP
	ldmia	r9, {r9 - r12}			@ sp, lr, pc, cpsr (mode USR)
	add	lr, sp, #S_SP
	stmia	lr, {r9 - r12}
	str	r0, [sp, #S_OLD_R0]
	mov	r9, #0
	str	r9, [r8, #PVLIB_VCPU_BUSY]	@ the frame is ours
	@ vector_swi's steps up to its enable_irq_notrace, which is inline
	@ here: r8-r12 are free (saved above; vector_swi sets them anew).
	reload_current r10, ip
	zero_fp
	alignment_trap r10, ip, cr_alignment
	asm_trace_hardirqs_on save=0
	strb	r9, [r8, #PVLIB_SHARED_BASE + PVLIB_UPCALL_MASK_OFF - PVLIB_VCPU_VA]
	ldrb	r9, [r8, #PVLIB_SHARED_BASE + PVLIB_UPCALL_PENDING_OFF - PVLIB_VCPU_VA]
	cmp	r9, #0
	blne	pvlib_irq_check			@ an upcall is due: take it now
	b	pvlib_vector_swi_enabled
ENDPROC(pvlib_syscall_entry)

pvlib_kernel_exception:
	mov	r3, sp
	bl	pvlib_exception
	disable_irq_notrace
	mov	r0, sp
	b	pvlib_restore_frame
ENDPROC(pvlib_kernel_exception)

/*
 * Resume the frame at r0 (struct pt_regs) with upcalls masked: r12, sp,
 * lr, pc and cpsr into the vcpu area, its virtual mode from the cpsr's
 * mode (USR: user, else kernel), the I bit as it is (the mask iret
 * restores); r0-r11 into the registers, then iret taking them from there
 * (REFHV_HC_IRET_REGS, ABI 8). Also the end of restore_user_regs
 * (entry-header.S).
 */
ENTRY(pvlib_restore_frame)
	pvlib_vcpu r1
	ldr	r2, [r0, #S_PSR]
	and	r3, r2, #MODE_MASK
	cmp	r3, #USR_MODE
	moveq	r3, #PVLIB_VMODE_USER
	movne	r3, #PVLIB_VMODE_KERNEL
	str	r3, [r1, #PVLIB_VCPU_VMODE]
	bic	r2, r2, #MODE_MASK
	orr	r8, r2, #USR_MODE
	add	r2, r0, #S_IP
	ldmia	r2, {r4 - r7}			@ r12, sp, lr, pc
	add	r1, r1, #PVLIB_VCPU_R12
	stmia	r1, {r4 - r8}			@ r12, sp, lr, pc, cpsr
	ldmia	r0, {r0 - r11}
	mov	ip, #PVLIB_HC_IRET_REGS
	svc	#0				@ does not come back
1:	b	1b
ENDPROC(pvlib_restore_frame)

/*
 * The same for a frame that returns to user mode (restore_user_regs in
 * entry-header.S): the virtual mode is user, and the cpsr goes as it is
 * (iret resumes in the CPU's user mode whatever its mode bits say).
 */
ENTRY(pvlib_restore_user_frame)
	pvlib_vcpu r1
	mov	r2, #PVLIB_VMODE_USER
	str	r2, [r1, #PVLIB_VCPU_VMODE]
	add	r2, r0, #S_IP
	ldmia	r2, {r4 - r8}			@ r12, sp, lr, pc, cpsr
	add	r1, r1, #PVLIB_VCPU_R12
	stmia	r1, {r4 - r8}
	ldmia	r0, {r0 - r11}
	mov	ip, #PVLIB_HC_IRET_REGS
	svc	#0				@ does not come back
1:	b	1b
ENDPROC(pvlib_restore_user_frame)

/*
 * Called by enable_irq_notrace and restore_irqs_notrace (asm/assembler.h)
 * after they cleared the mask: if an upcall is pending, make a hypercall,
 * on whose way out the hypervisor delivers it. Changes no register but lr
 * and no flag (the callers' contract: "msr cpsr_c" changes neither).
 */
ENTRY(pvlib_irq_check)
	stmfd	sp!, {r0, r1, ip}
	pvlib_shared_va ip
	ldrb	r0, [ip, #PVLIB_UPCALL_PENDING_OFF]
	ldrb	r1, [ip, #PVLIB_UPCALL_MASK_OFF]
	clz	r0, r0
	clz	r1, r1
	mov	r0, r0, lsr #5			@ 1: nothing pending
	mov	r1, r1, lsr #5			@ 1: unmasked
	bic	r1, r1, r0			@ 1: an upcall is due
	add	pc, pc, r1, lsl #2		@ no flags: 0 to 2f, 1 to 3f
	nop
2:	b	4f
3:	mov	ip, #PVLIB_HC_NULL
	svc	#0
4:	ldmfd	sp!, {r0, r1, ip}
	ret	lr
ENDPROC(pvlib_irq_check)

/*
 * Register switch (entry-armv.S's, without the domain register, which is
 * the hypervisor's): r0 = previous task_struct, r1 = previous thread_info,
 * r2 = next thread_info. The user TLS value goes to the hypervisor
 * (REFHV_HC_SET_TLS, ABI 4) when it changes; pvlib_stack_top becomes the
 * top of the next thread's kernel stack.
 */
ENTRY(__switch_to)
	add	ip, r1, #TI_CPU_SAVE
	stmia	ip!, {r4 - sl, fp, sp, lr}	@ Store most regs on stack
#ifdef CONFIG_CPU_V7
	mrc	p15, 0, r3, c13, c0, 2		@ the user r/w thread register
	ldr	r4, [r2, #TI_TP_VALUE + 4]	@ (TPIDRURW: PL0 reads and writes it)
	str	r3, [r1, #TI_TP_VALUE + 4]
	mcr	p15, 0, r4, c13, c0, 2
#endif
	ldr	r4, [r2, #TI_TP_VALUE]
	ldr	r3, [r1, #TI_TP_VALUE]
	mov	r5, r0
	mov	r7, r2				@ Preserve 'next'
	cmp	r3, r4
	movne	r0, r4
	movne	ip, #PVLIB_HC_SET_TLS
	svcne	#0
	add	r4, r7, #TI_CPU_SAVE
	ldr	r6, [r4, #8 * 4]		@ its saved sp: in its stack
	mov	r6, r6, lsr #THREAD_SIZE_ORDER + PAGE_SHIFT
	mov	r6, r6, lsl #THREAD_SIZE_ORDER + PAGE_SHIFT
	add	r6, r6, #THREAD_SIZE
	sub	r6, r6, #THREAD_SIZE - THREAD_START_SP
	ldr	r8, =pvlib_stack_top
	str	r6, [r8]
	ldr	r0, =thread_notify_head
	mov	r1, #THREAD_NOTIFY_SWITCH
	bl	atomic_notifier_call_chain
	mov	r0, r5
	set_current r7, r8
	ldmia	r4, {r4 - sl, fp, sp, pc}	@ Load all regs saved previously
ENDPROC(__switch_to)
	.ltorg

	.data
	.align	2
	/* Top of the current thread's kernel stack (user-mode entries). */
	.globl	pvlib_stack_top
pvlib_stack_top:
	.long	init_thread_union + THREAD_START_SP
	/* head-common.S's; no alignment trap in a guest. */
	.globl	cr_alignment
cr_alignment:
	.space	4

	.section .rodata
	/* The kernel-user helpers are the hypervisor's (its vector page,
	 * ABI 4): none to copy (traps.c's kuser_init). */
	.globl	__kuser_helper_start
	.globl	__kuser_helper_end
__kuser_helper_start:
__kuser_helper_end:
