/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Calls of the kernel-user helpers (refhv_abi.h, REFHV_KUSER_*) that check
 * their contracts, for the rich domain's kuser tests (kuser_test.c). User
 * code: linked in the user region (.user.text). ARM code, callable from
 * ARM and Thumb (the linker turns a Thumb caller's BL into BLX); each calls
 * its helper with BLX, so every helper's BX/LDM return is exercised.
 *
 * The cmpxchg calls return a bit set: KC_FAILED (r0 != 0: no exchange),
 * KC_CARRY (C flag set), KC_CLOBBER (a register the contract keeps changed:
 * r1, r2, r4-r7, sp, and ip for cmpxchg64). The helpers may clobber r3
 * (and ip, lr for cmpxchg, lr for cmpxchg64) and the flags.
 */
#define KC_FAILED 1
#define KC_CARRY 2
#define KC_CLOBBER 4

	.section .user.text, "ax"
	.arm
	.syntax	unified

/* Load r4-r7 and ip with known values; keep sp in r8 and the inputs r1, r2
 * in r9, r10 (the wrappers save r4-r11 for their caller). */
.macro SENTINELS
	ldr	r4, =0x44444444
	ldr	r5, =0x55555555
	ldr	r6, =0x66666666
	ldr	r7, =0x77777777
	ldr	ip, =0xCCCCCCCC
	mov	r8, sp
	mov	r9, r1
	mov	r10, r2
.endm

/* r11 |= KC_CLOBBER unless r1, r2, r4-r7, sp and (if \ip) ip are as set. */
.macro CHECK_KEPT ip
	cmp	r1, r9
	cmpeq	r2, r10
	cmpeq	sp, r8
	ldreq	r9, =0x44444444
	cmpeq	r4, r9
	ldreq	r9, =0x55555555
	cmpeq	r5, r9
	ldreq	r9, =0x66666666
	cmpeq	r6, r9
	ldreq	r9, =0x77777777
	cmpeq	r7, r9
	.if	\ip
	ldreq	r9, =0xCCCCCCCC
	cmpeq	ip, r9
	.endif
	orrne	r11, r11, #KC_CLOBBER
.endm

/* uint32_t kc_cmpxchg(uint32_t old, uint32_t new, volatile uint32_t *p) */
	.global	kc_cmpxchg
	.type	kc_cmpxchg, %function
kc_cmpxchg:
	push	{r4-r11, lr}
	SENTINELS
	ldr	r3, =0xFFFF0FC0
	blx	r3
	movcs	r11, #KC_CARRY
	movcc	r11, #0
	cmp	r0, #0
	orrne	r11, r11, #KC_FAILED
	CHECK_KEPT 0
	mov	r0, r11
	pop	{r4-r11, pc}
	.size	kc_cmpxchg, . - kc_cmpxchg

/* uint32_t kc_cmpxchg64(const uint64_t *old, const uint64_t *new,
 *                       volatile uint64_t *p) */
	.global	kc_cmpxchg64
	.type	kc_cmpxchg64, %function
kc_cmpxchg64:
	push	{r4-r11, lr}
	SENTINELS
	ldr	r3, =0xFFFF0F60
	blx	r3
	movcs	r11, #KC_CARRY
	movcc	r11, #0
	cmp	r0, #0
	orrne	r11, r11, #KC_FAILED
	CHECK_KEPT 1
	mov	r0, r11
	pop	{r4-r11, pc}
	.size	kc_cmpxchg64, . - kc_cmpxchg64

/* uint32_t kc_get_tls(uint32_t *kept): the TLS value; *kept = 1 if r1-r7,
 * ip and sp came back as they went in (the helper clobbers nothing). */
	.global	kc_get_tls
	.type	kc_get_tls, %function
kc_get_tls:
	push	{r4-r11, lr}
	mov	r11, r0
	ldr	r1, =0x11111111
	ldr	r2, =0x22222222
	SENTINELS
	ldr	r3, =0xFFFF0FE0
	blx	r3
	mov	r3, r11
	mov	r11, #0
	CHECK_KEPT 1
	moveq	r11, #1
	movne	r11, #0
	str	r11, [r3]
	pop	{r4-r11, pc}
	.size	kc_get_tls, . - kc_get_tls

/* uint32_t kc_barrier(void): 1 if r0-r7, ip and sp came back unchanged. */
	.global	kc_barrier
	.type	kc_barrier, %function
kc_barrier:
	push	{r4-r11, lr}
	ldr	r0, =0x10101010
	ldr	r1, =0x11111111
	ldr	r2, =0x22222222
	ldr	r3, =0x33333333
	SENTINELS
	ldr	r11, =0xFFFF0FA0
	blx	r11
	mov	r11, #0
	CHECK_KEPT 1
	ldreq	r9, =0x10101010
	cmpeq	r0, r9
	ldreq	r9, =0x33333333
	cmpeq	r3, r9
	moveq	r0, #1
	movne	r0, #0
	pop	{r4-r11, pc}
	.size	kc_barrier, . - kc_barrier

/* void kc_add_loop(volatile uint32_t *p, volatile uint64_t *q, uint32_t n):
 * n atomic increments of *p (__kuser_cmpxchg) and of *q (__kuser_cmpxchg64),
 * the way C library code uses them: read, compute, retry until exchanged. */
	.global	kc_add_loop
	.type	kc_add_loop, %function
kc_add_loop:
	push	{r4-r11, lr}
	sub	sp, sp, #20			@ [sp]: old, [sp, #8]: new (64-bit);
						@ sp stays 8-aligned
	mov	r4, r0
	mov	r5, r1
	mov	r6, r2
	ldr	r7, =0xFFFF0FC0
	ldr	r8, =0xFFFF0F60
1:	ldr	r0, [r4]			@ 32-bit: old
	add	r1, r0, #1
	mov	r2, r4
	blx	r7
	bcc	1b				@ not exchanged: read again
2:	ldmia	r5, {r0, r1}			@ 64-bit: old (a torn read only
	stmia	sp, {r0, r1}			@ makes the exchange fail)
	adds	r0, r0, #1
	adc	r1, r1, #0
	add	r2, sp, #8
	stmia	r2, {r0, r1}
	mov	r0, sp
	add	r1, sp, #8
	mov	r2, r5
	blx	r8
	bcc	2b
	subs	r6, r6, #1
	bne	1b
	add	sp, sp, #20
	pop	{r4-r11, pc}
	.size	kc_add_loop, . - kc_add_loop

#if __ARM_ARCH >= 7
/* uint32_t kc_tpidruro(void): the user read-only thread ID register, where
 * ARMv7 user space (armhf) reads its thread pointer. */
	.global	kc_tpidruro
	.type	kc_tpidruro, %function
kc_tpidruro:
	mrc	p15, 0, r0, c13, c0, 3
	bx	lr
	.size	kc_tpidruro, . - kc_tpidruro
#endif

/* uint32_t kc_hypercall_set_tls(uint32_t value): a user process tries the
 * SET_TLS hypercall itself (r12 = REFHV_HC_SET_TLS, svc #0). Its kernel
 * gets it as a system call, whatever r12 holds. */
	.global	kc_hypercall_set_tls
	.type	kc_hypercall_set_tls, %function
kc_hypercall_set_tls:
	push	{r7, lr}
	mov	ip, #19				@ REFHV_HC_SET_TLS
	mov	r7, #0				@ no system call of this kernel's
	svc	#0
	pop	{r7, pc}
	.size	kc_hypercall_set_tls, . - kc_hypercall_set_tls
	.ltorg
