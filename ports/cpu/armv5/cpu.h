/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ARMv5 CPU description (ARM926EJ-S), as macros (included by C and by
 * assembly): what the shared code asks of the CPU (which descriptor format,
 * ASIDs or not), the boot table's descriptor bits and turning the MMU on
 * (cpu_mmu_on, used by ports/common/boot.S). References: ARM
 * ARM DDI 0100I B3.3 (section and coarse descriptors), B2.4 and B3 (CP15 c1
 * control, c2 TTBR, c3 DACR, c7 caches, c8 TLB).
 */
#ifndef PVPORT_CPU_ARMV5_H
#define PVPORT_CPU_ARMV5_H
/* 1: ARMv7 short descriptors (XN, nG, ASIDs); 0: ARMv5 short descriptors. */
#define CPU_MMU_V7 0

/* Section: type 10, bit 4 set, domain 0, AP=01 (privileged RW, user none). */
#define PT_SECT_RAM 0x41E  /* C=1 B=1 write-back */
#define PT_SECT_DEV 0x412  /* C=0 B=0 strongly ordered */
#define PT_COARSE 0x11     /* domain 0, bit 4 set */
#define PT_SMALL_VEC 0xAAE /* AP=10 in all four subpages (privileged RW, user
				    read-only: the kuser helpers), C=1 B=1 */

#ifdef __ASSEMBLER__
/* r4: physical address of the boot L1. Clobbers r0. */
.macro cpu_mmu_on
	mcr	p15, 0, r4, c2, c0, 0		@ TTBR
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: domain 0 client
	mov	r0, #0
	mcr	p15, 0, r0, c7, c7, 0		@ invalidate I and D caches
	mcr	p15, 0, r0, c8, c7, 0		@ invalidate TLBs
	/* SCTLR: M, C, I, V (high vectors), R (bit 9: AP 00 is read-only in
	 * every mode, the guests' read-only page, docs/decisions.md); S 0. */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #0x100
	orr	r0, r0, #0x5
	orr	r0, r0, #0x200
	orr	r0, r0, #0x3000
	mcr	p15, 0, r0, c1, c0, 0
	nop
	nop
.endm
#endif

#endif
