/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt masking of a para-virtualized guest (CONFIG_PVLIB_GUEST):
 * the kernel runs in the CPU's USR mode, where "msr cpsr_c" silently
 * ignores the I bit, so the mask is the vcpu's upcall_mask byte in the
 * page shared with the hypervisor (1: no upcalls now). The flags word
 * keeps the CPSR's encoding (PSR_I_BIT set: masked), so every user of
 * arch_irqs_disabled_flags() reads it unchanged. Unmasking checks
 * upcall_pending: events that arrived while masked are taken at once.
 * Always inlined: a few loads and stores each, which a size-optimised
 * build would otherwise call out of line at every spinlock
 * (docs/benchmarks.md).
 */
#ifndef __ASM_ARM_PVLIB_IRQFLAGS_H
#define __ASM_ARM_PVLIB_IRQFLAGS_H

#include <asm/ptrace.h>
#include <asm/pvlib.h>

#define IRQMASK_I_BIT	PSR_I_BIT

#define pvlib_upcall_mask	(*(volatile unsigned char *)PVLIB_UPCALL_MASK_VA)
#define pvlib_upcall_pending	(*(volatile unsigned char *)PVLIB_UPCALL_PENDING_VA)

static __always_inline void pvlib_irq_unmasked(void)
{
	asm volatile("" : : : "memory");
	if (pvlib_upcall_pending)
		pvlib_irq_pending();
}

#define arch_local_save_flags arch_local_save_flags
static __always_inline unsigned long arch_local_save_flags(void)
{
	return pvlib_upcall_mask ? PSR_I_BIT : 0;
}

#define arch_local_irq_save arch_local_irq_save
static __always_inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	pvlib_upcall_mask = 1;
	asm volatile("" : : : "memory");
	return flags;
}

#define arch_local_irq_enable arch_local_irq_enable
static __always_inline void arch_local_irq_enable(void)
{
	asm volatile("" : : : "memory");
	pvlib_upcall_mask = 0;
	pvlib_irq_unmasked();
}

#define arch_local_irq_disable arch_local_irq_disable
static __always_inline void arch_local_irq_disable(void)
{
	pvlib_upcall_mask = 1;
	asm volatile("" : : : "memory");
}

#define arch_local_irq_restore arch_local_irq_restore
static __always_inline void arch_local_irq_restore(unsigned long flags)
{
	if (flags & PSR_I_BIT) {
		pvlib_upcall_mask = 1;
		asm volatile("" : : : "memory");
	} else {
		arch_local_irq_enable();
	}
}

#define arch_irqs_disabled_flags arch_irqs_disabled_flags
static __always_inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return flags & PSR_I_BIT;
}

/* No FIQs and no asynchronous aborts reach a guest. */
#define local_fiq_enable()	do { } while (0)
#define local_fiq_disable()	do { } while (0)
#define local_abt_enable()	do { } while (0)
#define local_abt_disable()	do { } while (0)

#include <asm-generic/irqflags.h>

#endif
