/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The register-level halves of the guest ABI 8 tests (regs_test.c): a
 * system call with the registers in place and its return by
 * REFHV_HC_IRET_REGS, the time in registers, and iret_regs asked to resume
 * in a privileged mode. ARM code, callable from ARM and Thumb.
 */
#define HC_IRET_REGS 20
#define HC_GET_TIME_REGS 21
#define SR_NR 0x900		/* regs_test.c's system call number (r7) */
#define SYS_EXIT 1		/* glib.h's */
#define KERN_VA 0x00100000	/* REFHV_KERN_VA */
#define VCPU_SP 52		/* struct refhv_vcpu: saved.sp, lr, pc, cpsr */
#define VCPU_LR 56
#define VCPU_PC 60
#define VCPU_CPSR 64
#define VCPU_VMODE 68

	.syntax	unified
	.arm

/*
 * User half, in the user region: void sr_user(uint32_t out[16]).
 * Sets r0-r12 and lr to 0xA0000000 + n (r7: SR_NR), makes the system call,
 * then stores what came back: r0-r12, lr in out[0..13], sp as it is in
 * out[14], and sp as it was at the SVC in out[15]; then reads kernel
 * memory (REFHV_KERN_VA, the guest kernel's ARM domain), which must be a
 * data abort that ends the task: back in user mode, the kernel's memory is
 * out of reach again. Were it not, the task exits (SYS_EXIT, r0 = 0).
 */
	.section .user.text, "ax"
	.global	sr_user
	.type	sr_user, %function
	.global	sr_user_resume
sr_user:
	push	{r4-r11, lr}
	push	{r0}			@ out, at [sp] until the end
	str	sp, [r0, #60]		@ out[15]: sp at the SVC
	ldr	r0, =0xA0000000
	ldr	r1, =0xA0000001
	ldr	r2, =0xA0000002
	ldr	r3, =0xA0000003
	ldr	r4, =0xA0000004
	ldr	r5, =0xA0000005
	ldr	r6, =0xA0000006
	ldr	r7, =SR_NR
	ldr	r8, =0xA0000008
	ldr	r9, =0xA0000009
	ldr	r10, =0xA000000A
	ldr	r11, =0xA000000B
	ldr	r12, =0xA000000C
	ldr	lr, =0xA000000E
	svc	#0
sr_user_resume:
	str	lr, [sp, #-4]		@ below the out pointer: free stack
	ldr	lr, [sp]		@ out
	stmia	lr, {r0-r12}
	ldr	r0, [sp, #-4]
	str	r0, [lr, #52]		@ out[13]: lr
	str	sp, [lr, #56]		@ out[14]: sp
	ldr	r0, =KERN_VA
	ldr	r0, [r0]		@ a domain fault, if iret_regs left user mode
	mov	r0, #0
	mov	r7, #SYS_EXIT
	svc	#0
1:	b	1b
	.ltorg

	.text
/*
 * Kernel half: the system-call entry registered with REFHV_CB_SYSCALL_REGS.
 * Stores r0-r12, lr and sp as they arrived (15 words on the kernel stack),
 * calls sr_kernel(regs), which returns the registers to resume with, and
 * resumes with r0-r11 from there through REFHV_HC_IRET_REGS (r12, sp, lr,
 * pc, cpsr are what sr_kernel left in the vcpu area).
 */
	.global	sr_entry
	.type	sr_entry, %function
sr_entry:
	sub	sp, sp, #64
	stmia	sp, {r0-r12, lr}
	add	r0, sp, #64
	str	r0, [sp, #56]		@ regs[14]: sp at the entry
	mov	r0, sp
	bl	sr_kernel
	ldmia	r0, {r0-r11}
	mov	r12, #HC_IRET_REGS
	svc	#0
1:	b	1b

/* void sr_time_regs(uint32_t out[3]): r0, r1, r2 of REFHV_HC_GET_TIME_REGS. */
	.global	sr_time_regs
	.type	sr_time_regs, %function
sr_time_regs:
	push	{r4, lr}
	mov	r4, r0
	mov	r12, #HC_GET_TIME_REGS
	svc	#0
	stmia	r4, {r0-r2}
	pop	{r4, pc}

/*
 * uint32_t sr_iret_mode(struct refhv_vcpu *v, uint32_t cpsr): resume the
 * caller, in virtual kernel mode, through REFHV_HC_IRET_REGS with saved.cpsr
 * = cpsr (I and T clear), and return the CPSR it then runs with (read with
 * MRS, which USR mode may), or 0xFFFFFFFF if r4-r11, set to known values
 * before the call, did not come back from the registers.
 */
	.global	sr_iret_mode
	.type	sr_iret_mode, %function
sr_iret_mode:
	push	{r4-r11, lr}
	str	sp, [r0, #VCPU_SP]
	str	lr, [r0, #VCPU_LR]
	adr	r2, 2f
	str	r2, [r0, #VCPU_PC]
	str	r1, [r0, #VCPU_CPSR]
	mov	r2, #1			@ REFHV_VMODE_KERNEL
	str	r2, [r0, #VCPU_VMODE]
	ldr	r4, =0xB0000004
	ldr	r5, =0xB0000005
	ldr	r6, =0xB0000006
	ldr	r7, =0xB0000007
	ldr	r8, =0xB0000008
	ldr	r9, =0xB0000009
	ldr	r10, =0xB000000A
	ldr	r11, =0xB000000B
	mov	r12, #HC_IRET_REGS
	svc	#0
2:	mrs	r0, cpsr
	ldr	r1, =0xB0000004
	cmp	r4, r1
	ldreq	r1, =0xB0000005
	cmpeq	r5, r1
	ldreq	r1, =0xB0000006
	cmpeq	r6, r1
	ldreq	r1, =0xB0000007
	cmpeq	r7, r1
	ldreq	r1, =0xB0000008
	cmpeq	r8, r1
	ldreq	r1, =0xB0000009
	cmpeq	r9, r1
	ldreq	r1, =0xB000000A
	cmpeq	r10, r1
	ldreq	r1, =0xB000000B
	cmpeq	r11, r1
	mvnne	r0, #0
	pop	{r4-r11, pc}
	.ltorg
