/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel-user helpers, at the end of the vector page (included by
 * entry.S inside the page's section, right after the vector table; the
 * page is HV_VECTORS_VA, mapped privileged read-write, user read-only and
 * executable, so a guest's user space and its kernel, both in USR mode,
 * can call them and read the TLS and version words, and write nothing).
 *
 * The entry points and contracts are the ones Linux user space calls on
 * ARM (Linux's Documentation/arm/kernel_user_helpers.rst): inputs, outputs
 * and clobbers below; every helper returns with BX (or an LDM of pc, which
 * interworks on ARMv5T and later), so Thumb callers work. They are ARM
 * code, written for one CPU: the cmpxchg helpers are a plain load, compare
 * and store, made atomic by the hypervisor, which resumes any trap taken
 * inside a critical window ([RETRY, STORE] of kuser_page.h) at the window's
 * start (examples/hv/kuser.c); an SMP port would need LDREX/STREX here
 * instead (ARMv6K and later) or a cross-CPU rule.
 *
 * The TLS word is written by the hypervisor through this mapping (so the
 * ARMv5 VIVT D-cache holds one copy of it at one virtual address): the
 * running domain's value, set with REFHV_HC_SET_TLS.
 */
#include "kuser_page.h"

	.syntax	unified

/* __kuser_cmpxchg64: r0 = &expected, r1 = &new, r2 = &target (8-aligned).
 * Out: r0 = 0 and C set if *target was equal and is now new, else r0 != 0
 * and C clear. Clobbers r3, lr, flags (r1, r2, r4-r12 kept). The new value
 * is stored by one STM of two words to an 8-aligned target, which a trap
 * cannot split. */
	.org	KUSER_OFF_CMPXCHG64
kuser_cmpxchg64:
	stmfd	sp!, {r4, r5, r6, lr}
	ldmia	r0, {r4, r5}			@ expected
	ldmia	r1, {r6, lr}			@ new
kuser_cmpxchg64_retry:
	ldmia	r2, {r0, r3}			@ current (r0 low, r3 high)
	eors	r3, r3, r5
	eorseq	r3, r0, r4			@ r3 = 0 (and Z) if equal
kuser_cmpxchg64_store:
	stmiaeq	r2, {r6, lr}
	rsbs	r0, r3, #0			@ 0 with C set iff r3 was 0
	ldmfd	sp!, {r4, r5, r6, pc}

/* __kuser_memory_barrier: no inputs, no outputs, nothing clobbered. One
 * CPU sees its own accesses in program order; on ARMv7 a DMB still orders
 * them for other observers (DMA), as the contract asks. */
	.org	KUSER_OFF_BARRIER
kuser_memory_barrier:
#if __ARM_ARCH >= 7
	dmb
#endif
	bx	lr

/* __kuser_cmpxchg: r0 = expected, r1 = new, r2 = &target. Out: r0 = 0 and
 * C set if *target was expected and is now new, else r0 != 0 and C clear.
 * Clobbers r3 and the flags (ip is allowed, not used). */
	.org	KUSER_OFF_CMPXCHG
kuser_cmpxchg:
	ldr	r3, [r2]
	eors	r3, r3, r0			@ r3 = 0 (and Z) if equal
kuser_cmpxchg_store:
	streq	r1, [r2]
	rsbs	r0, r3, #0
	bx	lr

/* __kuser_get_tls: r0 = the TLS word; nothing else clobbered. */
	.org	KUSER_OFF_GET_TLS
kuser_get_tls:
	ldr	r0, kuser_tls
	bx	lr

	.org	KUSER_OFF_TLS
kuser_tls:
	.word	0				@ the running domain's, set by the hypervisor
	.word	0
	.word	0
	.org	KUSER_OFF_VERSION
kuser_version:
	.word	KUSER_HELPERS			@ __kuser_helper_version

/* The windows of kuser_page.h, checked here (each helper starts at its
 * .org, so its offsets within the helper are the ones to check). */
	.if	(kuser_cmpxchg64_retry - kuser_cmpxchg64) != (KUSER_OFF_CMPXCHG64_RETRY - KUSER_OFF_CMPXCHG64)
	.error	"kuser_page.h: KUSER_OFF_CMPXCHG64_RETRY is not the retry instruction"
	.endif
	.if	(kuser_cmpxchg64_store - kuser_cmpxchg64) != (KUSER_OFF_CMPXCHG64_STORE - KUSER_OFF_CMPXCHG64)
	.error	"kuser_page.h: KUSER_OFF_CMPXCHG64_STORE is not the store"
	.endif
	.if	KUSER_OFF_CMPXCHG_RETRY != KUSER_OFF_CMPXCHG
	.error	"kuser_page.h: KUSER_OFF_CMPXCHG_RETRY is not the load"
	.endif
	.if	(kuser_cmpxchg_store - kuser_cmpxchg) != (KUSER_OFF_CMPXCHG_STORE - KUSER_OFF_CMPXCHG)
	.error	"kuser_page.h: KUSER_OFF_CMPXCHG_STORE is not the store"
	.endif
	.org	0x1000				@ the page ends here, exactly

	.syntax	divided
