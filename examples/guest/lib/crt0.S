/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest kernel entry points. The hypervisor starts the guest at _start in
 * virtual kernel mode with r0 = the start-info page and sp = the top of
 * its kernel stack. Virtual exceptions and upcalls arrive at the entries
 * registered with REFHV_HC_SET_CALLBACKS with r0 = kind, r1 = fsr,
 * r2 = far; the interrupted state is in the vcpu area, and the handler
 * returns with REFHV_HC_IRET (which resumes whatever the vcpu area holds).
 */
#define HC_IRET 14
#define HC_SHUTDOWN 15

	.section .text.start, "ax"
	.arm
	.global _start
_start:
	bl	guest_start
	mov	r12, #HC_SHUTDOWN
	svc	#0
1:	b	1b

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

/* The benchmark's bare trap: the hypervisor returns without dispatch. */
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
