/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
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

/*
 * The offsets and PSR bits are plain numbers, usable from a port's assembly
 * (a .S file run through the C preprocessor defines __ASSEMBLER__); the C
 * declarations and their compile-time checks are for C only.
 */
#define PV_TRAP_FRAME_R0 0 /**< offset of r0 in struct pv_trap_frame */
#define PV_TRAP_FRAME_R12 48 /**< offset of r12 */
#define PV_TRAP_FRAME_SP 52 /**< offset of the USR sp */
#define PV_TRAP_FRAME_LR 56 /**< offset of the USR lr */
#define PV_TRAP_FRAME_PC 60 /**< offset of the resume address */
#define PV_TRAP_FRAME_CPSR 64 /**< offset of the saved PSR */
#define PV_TRAP_FRAME_SIZE 68 /**< size of struct pv_trap_frame */

/** An unsigned constant in C, the bare number in assembly (no suffix there). */
#ifdef __ASSEMBLER__
#define PV_TRAP_U(x) x
#else
#define PV_TRAP_U(x) x##u
#endif

/* CPSR bits the hypervisor looks at (ARM ARM: "Program status registers"). */
#define PV_PSR_MODE_MASK PV_TRAP_U(0x1F) /**< the mode field of a PSR */
#define PV_PSR_MODE_USR PV_TRAP_U(0x10) /**< USR mode, where guests run */
#define PV_PSR_T (PV_TRAP_U(1) << 5) /**< Thumb state */
#define PV_PSR_F (PV_TRAP_U(1) << 6) /**< FIQs masked */
#define PV_PSR_I (PV_TRAP_U(1) << 7) /**< IRQs masked */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>
#include <pvlib/abi/cdefs.h>

/** A guest's registers as saved on a trap; the port's assembly uses the PV_TRAP_FRAME_* offsets. */
struct pv_trap_frame {
	uint32_t r[13]; /**< r0..r12 */
	uint32_t sp;    /**< USR sp (r13) */
	uint32_t lr;    /**< USR lr (r14) */
	uint32_t pc;    /**< resume address */
	uint32_t cpsr;  /**< saved PSR of the guest */
};

PV_STATIC_ASSERT(offsetof(struct pv_trap_frame, r) == PV_TRAP_FRAME_R0, "trap frame r0");
PV_STATIC_ASSERT(offsetof(struct pv_trap_frame, r[12]) == PV_TRAP_FRAME_R12, "trap frame r12");
PV_STATIC_ASSERT(offsetof(struct pv_trap_frame, sp) == PV_TRAP_FRAME_SP, "trap frame sp");
PV_STATIC_ASSERT(offsetof(struct pv_trap_frame, lr) == PV_TRAP_FRAME_LR, "trap frame lr");
PV_STATIC_ASSERT(offsetof(struct pv_trap_frame, pc) == PV_TRAP_FRAME_PC, "trap frame pc");
PV_STATIC_ASSERT(offsetof(struct pv_trap_frame, cpsr) == PV_TRAP_FRAME_CPSR, "trap frame cpsr");
PV_STATIC_ASSERT(sizeof(struct pv_trap_frame) == PV_TRAP_FRAME_SIZE, "trap frame size");
#endif /* !__ASSEMBLER__ */

#endif /* PVLIB_TRAP_H */
