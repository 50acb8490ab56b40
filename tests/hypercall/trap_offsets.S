/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pvlib/trap.h included from assembly, as a port's trap entry does: the
 * offsets and PSR bits as the assembler sees them, for test_trap_asm.c to
 * compare with the C layout.
 */
#include <pvlib/trap.h>

	.section .rodata
	.globl	trap_asm_values
	.balign	4
trap_asm_values:
	.long	PV_TRAP_FRAME_R0, PV_TRAP_FRAME_R12, PV_TRAP_FRAME_SP, PV_TRAP_FRAME_LR
	.long	PV_TRAP_FRAME_PC, PV_TRAP_FRAME_CPSR, PV_TRAP_FRAME_SIZE
	.long	PV_PSR_MODE_MASK, PV_PSR_MODE_USR, PV_PSR_T, PV_PSR_F, PV_PSR_I
	.section .note.GNU-stack,"",%progbits
