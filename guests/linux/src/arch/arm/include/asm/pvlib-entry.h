/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions, events and time of a para-virtualized guest of the pvlib
 * reference hypervisor (CONFIG_PVLIB_GUEST): the guest ABI as this kernel
 * sees it, restated from pvlib's examples/include/refhv_abi.h (the virtual
 * exception area, ABI version 5) and include/pvlib/abi/evtchn.h (the
 * 2-level event-channel words of the shared page). pvlib's docs/linux.md
 * describes the port.
 */
#ifndef __ASM_ARM_PVLIB_ENTRY_H
#define __ASM_ARM_PVLIB_ENTRY_H

#include <asm/pvlib.h>

/* The guest ABI this kernel needs: 8 (5: the interrupted mask in the
 * saved cpsr's I bit, iret restoring it, reentrant entries; 8: system
 * calls with the registers in place, iret taking r0-r11 from registers,
 * the time in registers). */
#define PVLIB_ABI_VERSION_ENTRY	8

/* PVLIB_SHARED_VA without its C suffix, for assembly (pvlib-irq.c checks
 * that they agree), and the offsets of vcpu[0]'s upcall bytes in it. */
#define PVLIB_SHARED_BASE	0x80001000
#define PVLIB_UPCALL_PENDING_OFF 16
#define PVLIB_UPCALL_MASK_OFF	17

/* The vcpu's exception area (struct refhv_vcpu), at +0x800 in the shared
 * page: the interrupted frame (r0-r12, sp, lr, pc, cpsr: the layout of
 * struct pt_regs up to ARM_cpsr), its virtual mode, the exception's kind,
 * fault status and address, and the busy word. */
#define PVLIB_VCPU_VA		(PVLIB_SHARED_BASE + 0x800)
#define PVLIB_VCPU_R12		48
#define PVLIB_VCPU_SP		52
#define PVLIB_VCPU_CPSR		64
#define PVLIB_VCPU_VMODE	68
#define PVLIB_VCPU_KIND		72
#define PVLIB_VCPU_FSR		76
#define PVLIB_VCPU_FAR		80
#define PVLIB_VCPU_BUSY		84
#define PVLIB_VMODE_USER	0
#define PVLIB_VMODE_KERNEL	1

/* Kinds of virtual exception (r0 at the entry). */
#define PVLIB_EXC_UPCALL	0
#define PVLIB_EXC_SYSCALL	1
#define PVLIB_EXC_UND		2
#define PVLIB_EXC_PABT		3
#define PVLIB_EXC_DABT		4

/* Hypercalls of this step, and SET_CALLBACKS' flag. */
#define PVLIB_HC_EVTCHN		5
#define PVLIB_HC_SET_CALLBACKS	8
#define PVLIB_HC_GET_TIME	11
#define PVLIB_HC_SET_TIMER	12
#define PVLIB_HC_IRET		14
#define PVLIB_HC_SET_TLS	19
#define PVLIB_HC_IRET_REGS	20
#define PVLIB_HC_GET_TIME_REGS	21
#define PVLIB_CB_REENTRANT	1
#define PVLIB_CB_SYSCALL_REGS	2

/* REFHV_HC_EVTCHN operations, and the timer's virtual interrupt. */
#define PVLIB_EVT_UNMASK	4
#define PVLIB_EVT_BIND_VIRQ	5
#define PVLIB_VIRQ_TIMER	0

/* struct pv_evtchn_shared: its number of ports, the 2-level pending and
 * mask words (bit p % 32 of word p / 32). */
#define PVLIB_EVT_NR_PORTS_VA	(PVLIB_SHARED_BASE + 8)
#define PVLIB_EVT_PENDING_VA	(PVLIB_SHARED_BASE + 80)
#define PVLIB_EVT_MASK_VA	(PVLIB_SHARED_BASE + 208)
#define PVLIB_EVT_WORDS		32	/* 1024 ports at most */

#ifndef __ASSEMBLY__
static inline long pvlib_hypercall4(unsigned long nr, unsigned long a0, unsigned long a1,
				    unsigned long a2, unsigned long a3)
{
	register unsigned long r0 asm("r0") = a0;
	register unsigned long r1 asm("r1") = a1;
	register unsigned long r2 asm("r2") = a2;
	register unsigned long r3 asm("r3") = a3;
	register unsigned long r12 asm("r12") = nr;

	asm volatile("svc	#0	@ pvlib hypercall"
		     : "+r" (r0)
		     : "r" (r1), "r" (r2), "r" (r3), "r" (r12)
		     : "memory", "cc");
	return (long)r0;
}

static inline long pvlib_hypercall5(unsigned long nr, unsigned long a0, unsigned long a1,
				    unsigned long a2, unsigned long a3, unsigned long a4)
{
	register unsigned long r0 asm("r0") = a0;
	register unsigned long r1 asm("r1") = a1;
	register unsigned long r2 asm("r2") = a2;
	register unsigned long r3 asm("r3") = a3;
	register unsigned long r4 asm("r4") = a4;
	register unsigned long r12 asm("r12") = nr;

	asm volatile("svc	#0	@ pvlib hypercall"
		     : "+r" (r0)
		     : "r" (r1), "r" (r2), "r" (r3), "r" (r4), "r" (r12)
		     : "memory", "cc");
	return (long)r0;
}

void pvlib_exception_entry(void);
void pvlib_syscall_entry(void);
void pvlib_init_irq(void);
void pvlib_init_time(void);
int pvlib_bind_virq(unsigned int virq);
u64 pvlib_time_ns(void);
void pvlib_selftest_before_init(void);
void pvlib_halt_point(const char *point);
bool pvlib_exception_selftest(void);
#endif

#endif
