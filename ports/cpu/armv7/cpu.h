/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ARMv7-A CPU description (Cortex-A9), as macros (included by C and by
 * assembly): what the shared code asks of the CPU (which descriptor format,
 * ASIDs or not), the boot table's descriptor bits and turning the MMU on
 * (cpu_mmu_on, used by ports/common/boot.S). References:
 * ARM ARM DDI 0406C B3.5.1 (short descriptors), B3.8.2 (TEX/C/B with TEX
 * remap off), B4.1.130 SCTLR, B4.1.153/154 TTBCR/TTBR0, B4.2.1 (cache
 * maintenance by set/way); Cortex-A9 TRM (caches are not invalidated by
 * reset).
 *
 * The hypervisor's mappings are global (nG = 0): they are the same in every
 * domain's L1, so they need no ASID. Guests' are never global (lib/mmu
 * refuses global guest leaves on ARMv7 unless allow_global is set).
 */
#ifndef PVPORT_CPU_ARMV7_H
#define PVPORT_CPU_ARMV7_H
/* 1: ARMv7 short descriptors (XN, nG, ASIDs); 0: ARMv5 short descriptors. */
#define CPU_MMU_V7 1

/* Section: type 10, domain 0, AP[2:0]=001 (PL1 RW, PL0 none). */
#define PT_SECT_RAM 0x140E  /* TEX=001 C=1 B=1: Normal, write-back write-allocate */
#define PT_SECT_DEV 0x0416  /* TEX=000 C=0 B=1: Device; XN */
#define PT_COARSE 0x01      /* domain 0 (bit 4 is SBZ on ARMv7) */
#define PT_SMALL_VEC 0x06E  /* small page, AP=010 (PL1 RW, PL0 read-only: the kuser
			       helpers), TEX=001 C=1 B=1, executable */

/* TTBR0 walk attributes (Multiprocessing Extensions encoding): inner
 * write-back write-allocate (IRGN = 01: bit 6), outer the same (RGN = 01). */
#define PT_TTB_FLAGS 0x48

#ifdef __ASSEMBLER__
/* Invalidate the L1 data cache by set/way (DCISW). Clobbers r0-r3, r5-r8. */
.macro cpu_dcache_inval_l1
	mov	r0, #0
	mcr	p15, 2, r0, c0, c0, 0		@ CSSELR: level 1 data
	isb
	mrc	p15, 1, r1, c0, c0, 0		@ CCSIDR
	and	r2, r1, #7
	add	r2, r2, #4			@ set shift: log2(line bytes)
	ldr	r3, =0x3FF
	and	r3, r3, r1, lsr #3		@ ways - 1
	clz	r5, r3				@ way shift
	ldr	r6, =0x7FFF
	and	r6, r6, r1, lsr #13		@ sets - 1
1:	mov	r7, r3
2:	mov	r8, r7, lsl r5
	orr	r8, r8, r6, lsl r2
	mcr	p15, 0, r8, c7, c6, 2		@ DCISW
	subs	r7, r7, #1
	bge	2b
	subs	r6, r6, #1
	bge	1b
	dsb
.endm

/* r4: physical address of the boot L1. Clobbers r0-r3, r5-r8. */
.macro cpu_mmu_on
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	cpu_dcache_inval_l1
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR: N = 0, TTBR0 only
	mcr	p15, 0, r0, c13, c0, 1		@ CONTEXTIDR: reserved ASID 0
	orr	r0, r4, #PT_TTB_FLAGS
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: domain 0 client
	dsb
	isb
	/* SCTLR: M, C, Z, I, V; TRE and AFE off (lib/mmu assumes both). */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #0x30000000
	orr	r0, r0, #0x5
	orr	r0, r0, #0x3800
	mcr	p15, 0, r0, c1, c0, 0
	isb
.endm
#endif

#endif
