/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * memcpy for every board, in place of lib/core/memcpy.c's byte loop (the
 * port library is linked whole, so the archive's memcpy is never pulled).
 *
 * The hypervisor's hot copies are word-aligned structures: a trap frame
 * (68 bytes) is copied into and out of the vcpu area on every virtual
 * exception and iret (docs/benchmarks.md, "The Linux guest against native
 * Linux"). Both addresses 4-aligned: eight words a turn with ldm/stm, then
 * words; anything else, and the tail, byte by byte. ARM state, ARMv5 and
 * ARMv7 alike; r0 (the destination) is returned unchanged.
 */
	.syntax	unified
	.arm
	.text
	.global	memcpy
	.type	memcpy, %function
	.balign	4
memcpy:
	orr	r3, r0, r1
	mov	ip, r0
	tst	r3, #3
	bne	3f
	cmp	r2, #32
	blo	2f
	push	{r4 - r10}
1:	ldmia	r1!, {r3 - r10}
	sub	r2, r2, #32
	stmia	ip!, {r3 - r10}
	cmp	r2, #32
	bhs	1b
	pop	{r4 - r10}
2:	subs	r2, r2, #4		@ carry clear: fewer than 4 were left
	ldrhs	r3, [r1], #4
	strhs	r3, [ip], #4
	bhs	2b
	add	r2, r2, #4
3:	subs	r2, r2, #1
	ldrbhs	r3, [r1], #1
	strbhs	r3, [ip], #1
	bhs	3b
	bx	lr
	.size	memcpy, . - memcpy
