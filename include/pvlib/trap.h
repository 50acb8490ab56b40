/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The trap frame: a guest's user-visible register state at the moment it
 * trapped into the hypervisor. A port's exception entry code saves the guest
 * registers into this layout and its exit code restores them from it, so the
 * offsets below are fixed (the assembly uses them as numbers) and checked at
 * compile time.
 *
 * Guests run in USR mode, so sp and lr are the USR-banked registers, pc is the
 * address the guest resumes at (for an SVC: the instruction after it), and
 * cpsr is the guest's PSR as saved in the SPSR of the exception mode.
 */
#ifndef PVLIB_TRAP_H
#define PVLIB_TRAP_H

#include <stddef.h>
#include <stdint.h>

struct pv_trap_frame {
	uint32_t r[13]; /* r0..r12 */
	uint32_t sp;    /* USR sp (r13) */
	uint32_t lr;    /* USR lr (r14) */
	uint32_t pc;    /* resume address */
	uint32_t cpsr;  /* saved PSR of the guest */
};

#define PV_TRAP_FRAME_R0 0
#define PV_TRAP_FRAME_R12 48
#define PV_TRAP_FRAME_SP 52
#define PV_TRAP_FRAME_LR 56
#define PV_TRAP_FRAME_PC 60
#define PV_TRAP_FRAME_CPSR 64
#define PV_TRAP_FRAME_SIZE 68

_Static_assert(offsetof(struct pv_trap_frame, r) == PV_TRAP_FRAME_R0, "trap frame r0");
_Static_assert(offsetof(struct pv_trap_frame, r[12]) == PV_TRAP_FRAME_R12, "trap frame r12");
_Static_assert(offsetof(struct pv_trap_frame, sp) == PV_TRAP_FRAME_SP, "trap frame sp");
_Static_assert(offsetof(struct pv_trap_frame, lr) == PV_TRAP_FRAME_LR, "trap frame lr");
_Static_assert(offsetof(struct pv_trap_frame, pc) == PV_TRAP_FRAME_PC, "trap frame pc");
_Static_assert(offsetof(struct pv_trap_frame, cpsr) == PV_TRAP_FRAME_CPSR, "trap frame cpsr");
_Static_assert(sizeof(struct pv_trap_frame) == PV_TRAP_FRAME_SIZE, "trap frame size");

/* CPSR bits the hypervisor looks at (ARM ARM: "Program status registers"). */
#define PV_PSR_MODE_MASK 0x1Fu
#define PV_PSR_MODE_USR 0x10u
#define PV_PSR_T (1u << 5)  /* Thumb state */
#define PV_PSR_F (1u << 6)
#define PV_PSR_I (1u << 7)

#endif /* PVLIB_TRAP_H */
