/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exception vectors, trap entry and exit, shared by every port (ARM state,
 * the same on ARMv5 and ARMv7: ARM ARM DDI 0100I A2.6, DDI 0406C B1.8).
 *
 * Guests run in USR mode. Every exception taken from a guest stores the
 * guest's complete user-visible state into *port_cur_frame (the layout of
 * struct pv_trap_frame in include/pvlib/trap.h: r0..r12, sp_usr, lr_usr,
 * resume pc, cpsr), then switches to SVC mode on a fresh hypervisor stack
 * and calls port_trap(kind) (for an SVC, hv_trap() itself: see vec_svc).
 * The hypervisor never nests: it runs with IRQ and FIQ masked, so the SVC
 * stack is empty at every entry from a guest.
 * port_enter_guest() restores from *port_cur_frame, so a context switch is
 * "point port_cur_frame at another domain's frame" plus the address-space
 * switch in port.c.
 *
 * The exception mode's banked sp is used as the frame pointer while saving,
 * so no guest register is clobbered before it is stored.
 *
 * An exception taken from a privileged mode is a hypervisor bug: it goes to
 * port_hyp_fault(), which reports and stops the machine.
 */
#include <pvlib/trap.h>

/* stmia/ldmia {r0-r14}^ move r0..r12, sp_usr, lr_usr as 15 words from the
 * frame's start: the layout must say the same. */
#if PV_TRAP_FRAME_R0 != 0 || PV_TRAP_FRAME_SP != 52 || PV_TRAP_FRAME_LR != 56
#error "struct pv_trap_frame no longer starts with r0-r12, sp, lr"
#endif

#define MODE_SVC 0x13
#define PSR_IF 0xC0
#define PSR_T 0x20

#define TRAP_SVC 0
#define TRAP_UND 1
#define TRAP_PABT 2
#define TRAP_DABT 3
#define TRAP_IRQ 4
#define TRAP_FIQ 5

	.section .text.vectors, "ax"
	.arm
	.balign 4096
	.global port_vectors
port_vectors:
	ldr	pc, [pc, #24]		@ reset
	ldr	pc, [pc, #24]		@ undefined instruction
	ldr	pc, [pc, #24]		@ SVC
	ldr	pc, [pc, #24]		@ prefetch abort
	ldr	pc, [pc, #24]		@ data abort
	ldr	pc, [pc, #24]		@ (reserved)
	ldr	pc, [pc, #24]		@ IRQ
	ldr	pc, [pc, #24]		@ FIQ
	.word	vec_reset
	.word	vec_und
	.word	vec_svc
	.word	vec_pabt
	.word	vec_dabt
	.word	vec_reset
	.word	vec_irq
	.word	vec_fiq
/* The rest of the page: only the kernel-user helpers (user read-only). */
#include "kuser_page.S"

/* lradj: what to subtract from the exception lr to get the guest's resume
 * (or faulting) pc: SVC 0 (next instruction), UND 4 (the undefined
 * instruction), PABT 4 and DABT 8 (the faulting instruction), IRQ 4. The
 * same in Thumb state except UND, whose lr is the undefined instruction + 2
 * there (DDI 0100I A2.6, DDI 0406C table B1-7): vec_und subtracts by the
 * SPSR's T bit before the common entry. The T bit (and on ARMv7 the IT
 * state) travels in the frame's cpsr, which port_enter_guest restores. */
.macro TRAP_ENTRY kind, lradj
	.if \lradj
	sub	lr, lr, #\lradj
	.endif
	mrs	sp, spsr
	tst	sp, #0xF		@ USR mode is 0b10000
	movne	sp, #\kind
	bne	hyp_trap
	ldr	sp, =port_cur_frame
	ldr	sp, [sp]
	stmia	sp, {r0-r14}^		@ r0-r12, sp_usr, lr_usr
	nop				@ no banked access right after stm ^
	str	lr, [sp, #PV_TRAP_FRAME_PC]
	mrs	lr, spsr
	str	lr, [sp, #PV_TRAP_FRAME_CPSR]
	mov	r0, #\kind
	.if \kind == TRAP_SVC
	mov	r1, sp			@ the frame
	ldr	r2, =port_no_fault
	.endif
	msr	cpsr_c, #(MODE_SVC | PSR_IF)
	ldr	sp, =port_svc_stack_top
	.if \kind == TRAP_SVC
	bl	hv_trap			@ (PORT_TRAP_SVC, the frame, no fault)
	.else
	bl	port_trap
	.endif
	b	port_enter_guest
.endm

	.text
/* A system call or hypercall, the commonest trap: it has no fault record
 * to read, so it calls the hypervisor directly, not through port_trap. */
vec_svc:	TRAP_ENTRY TRAP_SVC, 0
vec_und:
	mrs	sp, spsr
	tst	sp, #PSR_T
	subeq	lr, lr, #4		@ ARM: undefined instruction + 4
	subne	lr, lr, #2		@ Thumb: undefined instruction + 2
	TRAP_ENTRY TRAP_UND, 0
vec_pabt:	TRAP_ENTRY TRAP_PABT, 4
vec_dabt:	TRAP_ENTRY TRAP_DABT, 8
vec_irq:	TRAP_ENTRY TRAP_IRQ, 4
vec_fiq:	TRAP_ENTRY TRAP_FIQ, 4

vec_reset:
	mov	sp, #6
hyp_trap:
	mov	r0, sp			@ kind
	mov	r1, lr			@ adjusted pc
	mrs	r2, spsr
	ldr	sp, =port_panic_stack_top
	bl	port_hyp_fault
1:	b	1b

/* Resume the guest whose frame port_cur_frame points at. On ARMv6K and
 * later the exclusive monitor is cleared first: a guest's ldrex/strex pair
 * that a trap (and perhaps another domain) came between must fail its
 * strex (ARM ARM DDI 0406C A3.4.4, "context switch"). */
	.global port_enter_guest
port_enter_guest:
#if __ARM_ARCH >= 7
	clrex
#endif
	ldr	sp, =port_cur_frame
	ldr	sp, [sp]
	ldr	lr, [sp, #PV_TRAP_FRAME_CPSR]
	msr	spsr_cxsf, lr
	ldr	lr, [sp, #PV_TRAP_FRAME_PC]
	ldmia	sp, {r0-r14}^
	nop
	movs	pc, lr
	.ltorg
