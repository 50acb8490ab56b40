// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions and events of a para-virtualized guest of the pvlib reference
 * hypervisor (CONFIG_PVLIB_GUEST): the C side of pvlib-entry.S, and an
 * irqchip over the hypervisor's 2-level event channels, one Linux
 * interrupt per bound port. pvlib's docs/linux.md describes the port.
 *
 * Events: the hypervisor sets a port's bit in the shared page's pending
 * words, the word's bit in the vcpu's selector and upcall_pending, and
 * enters the exception entry (an upcall) when upcalls are unmasked; a
 * masked port (its bit in the mask words) is left pending without an
 * upcall. The demultiplexer takes the selector and each pending word with
 * one swap each (SWP: atomic against the hypervisor, which only runs
 * between two guest instructions), so no bit the hypervisor sets meanwhile
 * is lost, and hands every port found to its interrupt (handle_edge_irq:
 * one that arrives while its interrupt is disabled is kept pending by
 * Linux and replayed). Masking sets the port's mask bit (the words are the
 * guest's); unmasking is the hypervisor's unmask, which delivers an event
 * that arrived meanwhile.
 */
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/uaccess.h>

#include <asm/pvlib-entry.h>
#include <asm/pvlib-evtchn.h>
#include <asm/pvlib-irqflags.h>
#include <asm/system_misc.h>
#include <asm/traps.h>

asmlinkage void do_DataAbort(unsigned long addr, unsigned int fsr, struct pt_regs *regs);
asmlinkage void do_PrefetchAbort(unsigned long addr, unsigned int ifsr, struct pt_regs *regs);
asmlinkage void do_undefinstr(struct pt_regs *regs);

/* ARMv5 has no prefetch-abort status register (the hypervisor reports 0):
 * as Linux's legacy prefetch-abort handler, a translation fault. */
#define PVLIB_PABT_FSR_V5	5

static_assert(PVLIB_SHARED_BASE == PVLIB_SHARED_VA);
static_assert(PVLIB_SHARED_BASE + PVLIB_UPCALL_PENDING_OFF == PVLIB_UPCALL_PENDING_VA);
static_assert(PVLIB_SHARED_BASE + PVLIB_UPCALL_MASK_OFF == PVLIB_UPCALL_MASK_VA);

static struct irq_domain *pvlib_evt_domain;
static unsigned int pvlib_evt_ports;
static unsigned long pvlib_evt_unbound;
static unsigned long pvlib_upcalls;
/* The last kernel-mode data abort, as the hypervisor reported it. */
static unsigned long pvlib_last_far;
static unsigned int pvlib_last_fsr;

#define pvlib_evt_pending	((u32 *)PVLIB_EVT_PENDING_VA)
#define pvlib_evt_mask		((volatile u32 *)PVLIB_EVT_MASK_VA)
#define pvlib_pending_sel	((u32 *)PVLIB_PENDING_SEL_VA)

/*
 * The fault status do_DataAbort expects. An ARMv5 FSR does not say whether
 * the access was a write (ARMv6 added that as bit 11, WnR), so Linux's
 * ARMv5 abort handler (abort-ev5tj.S) reads the aborted instruction and
 * sets bit 11 itself for a store; this does the same. Without it a write
 * to a page that is present but not yet writable (a copy-on-write or
 * clean page) is handled as a read, which changes nothing, and the store
 * faults again for ever. The hypervisor reports only the FSR's status and
 * domain on ARMv5, plus bit 11 for a fault at a kernel-user helper's
 * store, whose saved pc is the helper's restart point, a load (guest ABI
 * 7): a set bit is the answer, and nothing is read.
 * Stores: an ARM instruction with L (bit 20) clear, except LDRD (which
 * has bit 20 clear too); a Thumb one with bit 11 clear, except LDRSB.
 * An instruction that cannot be read is taken as a load: the retried
 * access then faults again with the page's state changed or not at all.
 */
#define PVLIB_FSR_WRITE		(1u << 11)

/* The n bytes of the instruction at the aborted pc, from user or kernel
 * memory without faulting: false if they cannot be read. */
static bool pvlib_read_insn(struct pt_regs *regs, void *insn, size_t n)
{
	unsigned long pc = instruction_pointer(regs);

	if (user_mode(regs))
		return !copy_from_user_nofault(insn, (const void __user *)pc, n);
	return !copy_from_kernel_nofault(insn, (const void *)pc, n);
}

static unsigned int pvlib_abort_fsr(unsigned int fsr, struct pt_regs *regs)
{
	bool store;

	if (!IS_ENABLED(CONFIG_CPU_ABRT_EV5TJ) || (fsr & PVLIB_FSR_WRITE))
		return fsr;
	if (regs->ARM_cpsr & PSR_J_BIT)
		return fsr;
	if (thumb_mode(regs)) {
		u16 insn;

		if (!pvlib_read_insn(regs, &insn, sizeof(insn)))
			return fsr;
		store = (insn & 0xfe00) != 0x5600 && !(insn & (1u << 11));
	} else {
		u32 insn;

		if (!pvlib_read_insn(regs, &insn, sizeof(insn)))
			return fsr;
		store = (insn & 0x0e1000f0) != 0x000000d0 && !(insn & (1u << 20));
	}
	return store ? fsr | PVLIB_FSR_WRITE : fsr;
}

/*
 * Every exception but a system call (pvlib-entry.S, regs built from the
 * hypervisor's frame, upcalls masked): the handlers Linux's own vectors
 * call, with the fault status and address the hypervisor reported.
 */
asmlinkage void pvlib_exception(unsigned int kind, unsigned int fsr, unsigned long far,
				struct pt_regs *regs)
{
	switch (kind) {
	case PVLIB_EXC_UPCALL:
		generic_handle_arch_irq(regs);
		break;
	case PVLIB_EXC_DABT:
		if (!user_mode(regs)) {
			pvlib_last_far = far;
			pvlib_last_fsr = fsr;
		}
		do_DataAbort(far, pvlib_abort_fsr(fsr, regs), regs);
		break;
	case PVLIB_EXC_PABT:
		do_PrefetchAbort(far, fsr ? fsr : PVLIB_PABT_FSR_V5, regs);
		break;
	case PVLIB_EXC_UND:
		do_undefinstr(regs);
		break;
	default:
		panic("pvlib: exception of unknown kind %u at pc 0x%08lx\n", kind,
		      instruction_pointer(regs));
	}
}

/* handle_arch_irq: every pending port of every word the selector names. */
static void pvlib_evt_demux(struct pt_regs *regs)
{
	unsigned long sel;

	pvlib_upcalls++;
	pvlib_upcall_pending = 0;
	sel = xchg(pvlib_pending_sel, 0);
	while (sel) {
		unsigned int w = __ffs(sel);
		unsigned long bits = xchg(&pvlib_evt_pending[w], 0);

		sel &= sel - 1;
		while (bits) {
			unsigned int port = w * 32 + __ffs(bits);

			bits &= bits - 1;
			/* A port nobody bound (the ring and control channels
			 * the builder opened, until their drivers come): dropped. */
			if (generic_handle_domain_irq(pvlib_evt_domain, port))
				pvlib_evt_unbound++;
		}
	}
}

static void pvlib_evt_mask_irq(struct irq_data *d)
{
	irq_hw_number_t port = irqd_to_hwirq(d);
	unsigned long flags;

	local_irq_save(flags);
	pvlib_evt_mask[port / 32] |= BIT(port % 32);
	local_irq_restore(flags);
}

static void pvlib_evt_unmask_irq(struct irq_data *d)
{
	long rc = pvlib_hypercall3(PVLIB_HC_EVTCHN, PVLIB_EVT_UNMASK, irqd_to_hwirq(d), 0);

	WARN_ONCE(rc, "pvlib: unmask of port %lu: %ld\n", irqd_to_hwirq(d), rc);
}

/* The demultiplexer took the pending bit already. */
static void pvlib_evt_ack_irq(struct irq_data *d)
{
}

static struct irq_chip pvlib_evt_chip = {
	.name		= "pvlib-evtchn",
	.irq_ack	= pvlib_evt_ack_irq,
	.irq_mask	= pvlib_evt_mask_irq,
	.irq_unmask	= pvlib_evt_unmask_irq,
};

static int pvlib_evt_map(struct irq_domain *d, unsigned int irq, irq_hw_number_t port)
{
	irq_set_chip_and_handler(irq, &pvlib_evt_chip, handle_edge_irq);
	return 0;
}

static const struct irq_domain_ops pvlib_evt_ops = {
	.map	= pvlib_evt_map,
	.xlate	= irq_domain_xlate_onecell,
};

/* Bind a virtual interrupt of the hypervisor's to a port: its Linux irq. */
int __init pvlib_bind_virq(unsigned int virq)
{
	long port = pvlib_hypercall3(PVLIB_HC_EVTCHN, PVLIB_EVT_BIND_VIRQ, virq, 0);
	unsigned int irq;

	if (port < 0) {
		pr_err("pvlib: bind virq %u: %ld\n", virq, port);
		return -ENODEV;
	}
	irq = irq_create_mapping(pvlib_evt_domain, port);
	if (!irq)
		return -ENOMEM;
	pr_info("pvlib: virq %u on event channel %ld, irq %u\n", virq, port, irq);
	return irq;
}

/* arch_cpu_idle: block until an event; the hypervisor unmasks upcalls and
 * delivers one on the way back (Xen's SCHEDOP_block). */
static void pvlib_idle(void)
{
	pvlib_hypercall3(PVLIB_HC_BLOCK, 0, 0, 0);
}

/*
 * init_IRQ: every port masked until Linux binds it, the demultiplexer as
 * the interrupt entry, and the exception entry registered (reentrant: the
 * entry takes the frame out of the vcpu area at once).
 */
void __init pvlib_init_irq(void)
{
	const struct pvlib_start_info *si = pvlib_start_info;
	unsigned int w;
	long rc;

	if (si->abi_version < PVLIB_ABI_VERSION_ENTRY)
		panic("pvlib: guest ABI %u: exceptions need %u\n", si->abi_version,
		      PVLIB_ABI_VERSION_ENTRY);
	pvlib_evt_ports = min_t(u32, READ_ONCE(*(u32 *)PVLIB_EVT_NR_PORTS_VA),
				PVLIB_EVT_WORDS * 32);
	for (w = 0; w < PVLIB_EVT_WORDS; w++)
		pvlib_evt_mask[w] = ~0u;
	pvlib_evt_domain = irq_domain_add_linear(NULL, pvlib_evt_ports, &pvlib_evt_ops, NULL);
	if (!pvlib_evt_domain)
		panic("pvlib: no irq domain for %u event channels\n", pvlib_evt_ports);
	if (set_handle_irq(pvlib_evt_demux))
		panic("pvlib: an interrupt entry is set already\n");
	rc = pvlib_hypercall5(PVLIB_HC_SET_CALLBACKS, (unsigned long)pvlib_exception_entry,
			      (unsigned long)pvlib_exception_entry,
			      (unsigned long)task_stack_page(&init_task) + THREAD_START_SP,
			      PVLIB_CB_REENTRANT | PVLIB_CB_SYSCALL_REGS,
			      (unsigned long)pvlib_syscall_entry);
	if (rc)
		panic("pvlib: set_callbacks: %ld\n", rc);
	arm_pm_idle = pvlib_idle;
	pr_info("pvlib: %u event channels (2-level), exception entry registered\n",
		pvlib_evt_ports);
}

/* A permanently undefined instruction (UDF #0xdef0), the self-test's. */
#define PVLIB_UND_TEST		0xe7f0def0
/* An address no table of the guest maps (no L1 entry: below the kernel's
 * linear map, and no user page tables yet). */
#define PVLIB_FAULT_TEST_VA	0x1000

static unsigned int pvlib_und_seen, pvlib_und_masked;

static int pvlib_und_test(struct pt_regs *regs, unsigned int instr)
{
	pvlib_und_seen++;
	/* The mask the instruction ran with: the saved cpsr's I bit (ABI 5). */
	if (!interrupts_enabled(regs))
		pvlib_und_masked++;
	regs->ARM_pc += 4;	/* the hypervisor reports the instruction's address */
	return 0;
}

static struct undef_hook pvlib_und_hook = {
	.instr_mask	= 0xffffffff,
	.instr_val	= PVLIB_UND_TEST,
	.cpsr_mask	= MODE_MASK,
	.cpsr_val	= SVC_MODE,
	.fn		= pvlib_und_test,
};

/*
 * The exception paths a kernel thread can take, each through Linux's own
 * handler and back through iret: an undefined instruction (an undef hook
 * skips it), once with upcalls unmasked and once masked (the saved cpsr's
 * I bit says which, and iret resumes with that mask), a data abort on an unmapped address under get_user (the
 * fault handler finds the exception-table fixup), and the upcalls counted
 * so far. Returns whether every one behaved.
 */
bool __init pvlib_exception_selftest(void)
{
	unsigned long flags;
	bool still_masked, ok;
	u32 v = 0;
	int err;

	/* Once unmasked, once masked: iret must resume each with its mask. */
	register_undef_hook(&pvlib_und_hook);
	asm volatile(".word	%c0	@ undefined" : : "i" (PVLIB_UND_TEST) : "memory");
	local_irq_save(flags);
	asm volatile(".word	%c0	@ undefined" : : "i" (PVLIB_UND_TEST) : "memory");
	still_masked = irqs_disabled();
	local_irq_restore(flags);
	unregister_undef_hook(&pvlib_und_hook);
	pr_info("pvlib: exceptions: undefined instruction in the kernel: handled %u of 2, %u masked, mask kept: %s\n",
		pvlib_und_seen, pvlib_und_masked, still_masked && !irqs_disabled() ? "yes" : "no");

	WRITE_ONCE(pvlib_last_far, 0);
	barrier();
	err = get_user(v, (u32 __user *)PVLIB_FAULT_TEST_VA);
	barrier();	/* get_user's asm does not say the handler writes memory */
	pr_info("pvlib: exceptions: get_user at 0x%08x: data abort at 0x%08lx, status 0x%x, fixed up: %d\n",
		PVLIB_FAULT_TEST_VA, pvlib_last_far, pvlib_last_fsr, err);
	pr_info("pvlib: exceptions: %lu upcalls so far\n", pvlib_upcalls);
	ok = pvlib_und_seen == 2 && pvlib_und_masked == 1 && still_masked && err == -EFAULT && pvlib_last_far == PVLIB_FAULT_TEST_VA &&
	     (pvlib_last_fsr & 0x40f) == 0x5 /* translation, section: no L1 entry */ &&
	     pvlib_upcalls > 0;
	return ok;
}

/* A port the hypervisor's builder opened (the ring's, the control
 * channel's): its Linux interrupt (asm/pvlib-evtchn.h). */
int pvlib_bind_evtchn(unsigned int port)
{
	unsigned int irq;

	if (!pvlib_evt_domain || port == 0 || port >= pvlib_evt_ports)
		return -EINVAL;
	irq = irq_create_mapping(pvlib_evt_domain, port);
	return irq ? irq : -ENOMEM;
}
