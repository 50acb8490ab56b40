/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest kernel entry points. The hypervisor starts the guest at _start in
 * virtual kernel mode with r0 = the start-info page and sp = the top of
 * its kernel stack. Virtual exceptions and upcalls arrive at the entries
 * registered with REFHV_HC_SET_CALLBACKS with r0 = kind, r1 = fsr,
 * r2 = far; the interrupted state is in the vcpu area, and the handler
 * returns with REFHV_HC_IRET (which resumes whatever the vcpu area holds).
 *
 * A guest compiled with -mthumb (__thumb__) gets the same entry points in
 * Thumb code, written in the subset that is Thumb-1 (ARM926) and Thumb-2
 * (Cortex-A9) alike: they are registered with bit 0 set (the address of a
 * Thumb function), so the hypervisor enters them in Thumb state. _start
 * stays ARM: the hypervisor starts every guest in ARM state.
 */
#define HC_IRET 14
#define HC_SHUTDOWN 15

	.section .text.start, "ax"
	.arm
	.global _start
_start:
	bl	guest_start		@ BLX when guest_start is Thumb
	mov	r12, #HC_SHUTDOWN
	svc	#0
1:	b	1b

#ifdef __thumb__
	.text
	.syntax unified
	.thumb

/* 8-byte align sp for the AAPCS; r3 is free (r0-r2 are kind, fsr, far). */
.macro ALIGN_SP
	mov	r3, sp
	lsrs	r3, r3, #3
	lsls	r3, r3, #3
	mov	sp, r3
.endm

/* svc #0 with r12 = nr (Thumb-1 has no mov r12, #imm). */
.macro HC_SVC nr
	movs	r3, #\nr
	mov	r12, r3
	svc	#0
.endm

	.global guest_exc_entry
	.thumb_func
guest_exc_entry:
	ALIGN_SP
	bl	guest_exception
	HC_SVC	HC_IRET
2:	b	2b

	.global guest_event_entry
	.thumb_func
guest_event_entry:
	ALIGN_SP
	bl	guest_upcall
	HC_SVC	HC_IRET
3:	b	3b

/* int32_t hcall(uint32_t nr, uint32_t a0, a1, a2, a3, a4) */
	.global hcall
	.thumb_func
hcall:
	push	{r4, lr}
	mov	r12, r0
	movs	r0, r1
	movs	r1, r2
	movs	r2, r3
	ldr	r3, [sp, #8]
	ldr	r4, [sp, #12]
	svc	#0
	pop	{r4, pc}

/* The benchmark's bare trap (REFHV_BENCH_BARE_SVC): the bench image returns
 * without dispatch; any other hypervisor answers PV_ENOSYS. */
	.global bare_svc
	.thumb_func
bare_svc:
	ldr	r3, =0xBA5E
	mov	r12, r3
	svc	#0
	bx	lr
	.ltorg

/* ctx_save / ctx_restore as below: r4-r11, sp, lr at r0[0..9]. */
	.global ctx_save
	.thumb_func
ctx_save:
	stmia	r0!, {r4-r7}
	mov	r1, r8
	mov	r2, r9
	mov	r3, r10
	stmia	r0!, {r1-r3}
	mov	r1, r11
	mov	r2, sp
	mov	r3, lr
	stmia	r0!, {r1-r3}
	movs	r0, #0
	bx	lr
	.global ctx_restore
	.thumb_func
ctx_restore:
	movs	r2, r0
	adds	r2, #16
	ldmia	r2!, {r3-r5}
	mov	r8, r3
	mov	r9, r4
	mov	r10, r5
	ldmia	r2!, {r3-r5}
	mov	r11, r3
	mov	sp, r4
	mov	lr, r5
	ldmia	r0!, {r4-r7}
	movs	r0, r1
	bne	4f
	movs	r0, #1
4:	bx	lr

#else
	.text
	.global guest_exc_entry
guest_exc_entry:
	bic	sp, sp, #7		@ AAPCS stack alignment
	bl	guest_exception
	mov	r12, #HC_IRET
	svc	#0
2:	b	2b

	.global guest_event_entry
guest_event_entry:
	bic	sp, sp, #7
	bl	guest_upcall
	mov	r12, #HC_IRET
	svc	#0
3:	b	3b

/* int32_t hcall(uint32_t nr, uint32_t a0, a1, a2, a3, a4) */
	.global hcall
hcall:
	push	{r4, lr}
	mov	r12, r0
	mov	r0, r1
	mov	r1, r2
	mov	r2, r3
	ldr	r3, [sp, #8]
	ldr	r4, [sp, #12]
	svc	#0
	pop	{r4, pc}

/* The benchmark's bare trap (REFHV_BENCH_BARE_SVC): the bench image returns
 * without dispatch; any other hypervisor answers PV_ENOSYS. */
	.global bare_svc
bare_svc:
	ldr	r12, =0xBA5E
	svc	#0
	bx	lr
	.ltorg

/* Minimal context save/restore for entering and leaving user tasks:
 * int ctx_save(struct gctx *) returns 0, ctx_restore(c, v) returns v there. */
	.global ctx_save
ctx_save:
	stmia	r0, {r4-r11, sp, lr}
	mov	r0, #0
	bx	lr
	.global ctx_restore
ctx_restore:
	ldmia	r0, {r4-r11, sp, lr}
	movs	r0, r1
	moveq	r0, #1
	bx	lr
#endif
