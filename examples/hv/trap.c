/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Everything a guest's exception leads to: hypercalls, guest system calls,
 * virtual exceptions, interrupts, and the return path that delivers
 * pending upcalls.
 *
 * Hypercall or guest system call? Both are an SVC from USR mode (the
 * hardware cannot tell them apart). The hypervisor knows the domain's
 * virtual mode: an SVC in virtual kernel mode is a hypercall; an SVC in
 * virtual user mode is the guest's own system call and is reflected,
 * untouched, to the guest kernel's exception entry (REFHV_EXC_SYSCALL). A
 * guest user process therefore can never make a hypercall, and the
 * guest kernel sees its processes' system calls exactly as it would on
 * bare metal.
 */
#include "hv.h"
#include "kuser.h"
#include "vexc.h"

static const char *const exc_names[] = {
	[REFHV_EXC_UPCALL] = "upcall", [REFHV_EXC_SYSCALL] = "system call",
	[REFHV_EXC_UND] = "undefined instruction", [REFHV_EXC_PABT] = "prefetch abort",
	[REFHV_EXC_DABT] = "data abort",
};

/* Every function below acts on the running domain (hv.cur: a trap's, or a
 * hypercall's caller), whose DACR is the CPU's: a change of its virtual
 * mode goes to the CPU at once, without a test of hv.cur. */
static inline void set_vmode_cur(struct hv_dom *d, uint32_t vmode)
{
	d->vmode = vmode;
	port_set_dacr(port_guest_dacr(vmode == REFHV_VMODE_KERNEL));
}

/* May d take an exception now (vexc.h)? The busy word is the guest's:
 * read once (any nonzero is busy). */
static bool can_deliver(struct hv_dom *d)
{
	uint32_t busy = (d->cb_flags & REFHV_CB_REENTRANT) ? *(volatile uint32_t *)&d->vcpu->busy : 0;
	return hv_vexc_can_deliver(d->in_exception, d->cb_flags, busy);
}

/* Enter the guest kernel's entry in virtual kernel mode with upcalls
 * masked; the interrupted pc, sp and lr are in the vcpu area already. */
static void enter(struct hv_dom *d, uint32_t entry, uint32_t kind)
{
	struct refhv_vcpu *v = d->vcpu;
	/* The mask the interrupted code ran with (ABI 5): saved.cpsr's I bit. */
	v->saved.cpsr = hv_vexc_saved_cpsr(d->frame.cpsr, pv_evtchn_vi_upcall_masked(hv_upcall(d)));
	v->saved_vmode = d->vmode;
	v->kind = kind;
	v->busy = 1;
	/* Bit 0 of an entry selects Thumb, as for BX (refhv_abi.h). */
	d->frame.pc = entry & ~1u;
	d->frame.cpsr = PV_PSR_MODE_USR | ((entry & 1u) ? PV_PSR_T : 0u);
	if (d->vmode == REFHV_VMODE_USER)
		d->frame.sp = d->kernel_sp;
	d->in_exception = true;
	pv_evtchn_vi_upcall_mask_set(hv_upcall(d), true);
	set_vmode_cur(d, REFHV_VMODE_KERNEL);
}

bool hv_deliver_exception(struct hv_dom *d, uint32_t kind, uint32_t fsr, uint32_t far)
{
	uint32_t entry = kind == REFHV_EXC_UPCALL ? d->event_entry : d->exc_entry;
	if (!entry || !can_deliver(d))
		return false;
	struct refhv_vcpu *v = d->vcpu;
	v->saved = d->frame;
	v->fsr = fsr;
	v->far = far;
	d->frame.r[0] = kind;
	d->frame.r[1] = fsr;
	d->frame.r[2] = far;
	enter(d, entry, kind);
	return true;
}

/*
 * A system call with the registers in place (ABI 8, REFHV_CB_SYSCALL_REGS):
 * r0-r12 and lr stay in the frame as the user left them; of the frame only
 * sp, lr, pc and cpsr go to the vcpu area.
 */
static bool deliver_syscall_regs(struct hv_dom *d)
{
	if (!can_deliver(d))
		return false;
	struct refhv_vcpu *v = d->vcpu;
	v->saved.sp = d->frame.sp;
	v->saved.lr = d->frame.lr;
	v->saved.pc = d->frame.pc;
	enter(d, d->syscall_entry, REFHV_EXC_SYSCALL);
	return true;
}

/* The common part of both irets: the frame is in d->frame, read once from
 * the vcpu area (the guest may change it meanwhile); make it safe there
 * before it runs. */
static int32_t iret_frame(struct hv_dom *d, uint32_t saved_vmode)
{
	struct refhv_vcpu *v = d->vcpu;
	struct pv_trap_frame *f = &d->frame;
	uint32_t vmode = saved_vmode == REFHV_VMODE_USER ? REFHV_VMODE_USER : REFHV_VMODE_KERNEL;
	/* The mask to resume with is the frame's I bit (ABI 5). */
	bool masked = hv_vexc_iret_masked(f->cpsr);
	/* Resume in the state the frame says: its cpsr's T bit, or bit 0 of pc
	 * (an interworking address, as for BX); pc aligned for that state. */
	if (f->pc & 1u)
		f->cpsr |= PV_PSR_T;
	f->cpsr = port_psr_user(f->cpsr);
	f->pc &= (f->cpsr & PV_PSR_T) ? ~1u : ~3u;
	d->in_exception = false;
	v->busy = 0;
	pv_evtchn_vi_upcall_mask_set(hv_upcall(d), masked);
	set_vmode_cur(d, vmode);
	return PV_OK;
}

int32_t hv_iret(struct hv_dom *d)
{
	struct refhv_vcpu *v = d->vcpu;
	d->frame = v->saved;
	return iret_frame(d, v->saved_vmode);
}

/* r0-r11 are the caller's, already in the frame; the rest as for iret. */
static inline int32_t iret_regs(struct hv_dom *d)
{
	const struct refhv_vcpu *v = d->vcpu;
	struct pv_trap_frame *f = &d->frame;
	f->r[12] = v->saved.r[12];
	f->sp = v->saved.sp;
	f->lr = v->saved.lr;
	f->pc = v->saved.pc;
	f->cpsr = v->saved.cpsr;
	return iret_frame(d, v->saved_vmode);
}

int32_t hv_iret_regs(struct hv_dom *d)
{
	return iret_regs(d);
}

/* A fault the domain cannot take: apply its configured action. */
static void fault_action(struct hv_dom *d, uint32_t kind, const struct port_fault *f)
{
	d->faults++;
	hv_printf("hv: %s took a %s it cannot handle (pc 0x%08x, far 0x%08x, fsr 0x%x)\n",
		  d->cfg->name, exc_names[kind], d->frame.pc, f->far, f->fsr);
	if (d->cfg->on_fault == HV_FAULT_RESTART && d->restarts < HV_MAX_RESTARTS) {
		hv_restart(d);
		return;
	}
	if (d->cfg->on_fault == HV_FAULT_STOP) {
		hv_stop(d, "stopped (fault action: stop)");
		return;
	}
	hv_stop(d, d->cfg->on_fault == HV_FAULT_NOTIFY
			   ? "stopped (fault action: stop, notify the controlling domain)"
			   : "stopped (restarted too often; notifying the controlling domain)");
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		if (hv.dom[i].cfg->controller && hv.dom[i].state == HV_DOM_RUNNING)
			(void)pv_evtchn_raise_virq(&hv.evt, hv.dom[i].id, REFHV_VIRQ_DOM_FAULT, 0);
	}
}

static void guest_exception(struct hv_dom *d, uint32_t kind, const struct port_fault *f)
{
	if (!hv_deliver_exception(d, kind, f->fsr, f->far))
		fault_action(d, kind, f);
}

static void timer_irq(void)
{
	port_timer_ack();
	pv_time_ns_t now = port_time_ns();
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		struct hv_dom *d = &hv.dom[i];
		if (d->state == HV_DOM_RUNNING && d->timer_deadline <= now) {
			d->timer_deadline = PV_TIME_NEVER;
			(void)pv_evtchn_raise_virq(&hv.evt, d->id, REFHV_VIRQ_TIMER, 0);
		}
	}
	if (now >= hv.slice_end)
		hv.need_resched = true;
	hv_program_timer();
}

/*
 * Take every pending interrupt. The event timer is the hypervisor's; any
 * other line is a routed one: lib/evtchn marks its port pending and masks
 * the line until the owner's EOI (a level line can neither storm nor be
 * lost); a line nobody has bound is disabled. Each is acknowledged and
 * ended, so the loop is bounded by the number of lines.
 */
static void irq(void)
{
	uint32_t line;
	for (uint32_t n = 0; n < BOARD_IRQ_LINES && port_irq_ack(&line); n++) {
		if (line == PORT_IRQ_TIMER) {
			timer_irq();
		} else {
			if (pv_evtchn_raise_pirq(&hv.evt, line) != PV_OK)
				port_irq_disable(line); /* nobody wants it: keep it quiet */
			hv.need_resched = true;
		}
		port_irq_eoi(line);
	}
}

void hv_irq_poll(void)
{
	irq();
}

/* An SVC from d: a system call of its user process, or a hypercall. */
static inline void svc(struct hv_dom *d, struct pv_trap_frame *tf, const struct port_fault *f)
{
	if (d->vmode == REFHV_VMODE_USER) {
		if (!d->syscall_entry)
			guest_exception(d, REFHV_EXC_SYSCALL, f);
		else if (!deliver_syscall_regs(d))
			fault_action(d, REFHV_EXC_SYSCALL, f); /* busy: as for any exception */
#ifdef REFHV_BENCH
	} else if (tf->r[12] == REFHV_BENCH_BARE_SVC) {
		/* The benchmark's bare trap: everything a hypercall trap does
		 * but the dispatch (after the virtual-mode check: a user
		 * process's SVC always reaches its kernel, whatever r12
		 * holds). */
#endif
	} else if (tf->r[12] == REFHV_HC_IRET_REGS &&
		   (d->cfg->hypercalls >> REFHV_HC_IRET_REGS) & 1u) {
		/* The return from every exception of a guest kernel that uses
		 * it (Linux): taken here, before the dispatcher, from the same
		 * permission set the dispatcher was given (build.c sets the
		 * dispatcher's from cfg->hypercalls and nothing changes it
		 * while the domain runs; a hypervisor that did would test its
		 * own copy here). A domain without the permission goes on to
		 * the dispatcher, which refuses it (docs/decisions.md, the
		 * Linux guest's decision 10). */
		(void)iret_regs(d);
	} else {
		/* Every other hypercall, iret included (its entry owns the
		 * frame: PV_HC_F_OWNS_FRAME). */
		(void)pv_hc_dispatch(&hv.hc, d->id, tf);
	}
}

void hv_trap(enum port_trap kind, struct pv_trap_frame *tf, const struct port_fault *f)
{
	struct hv_dom *d = hv.cur;
	if (!d || tf != &d->frame) {
		hv_printf("hv: trap %u with no running domain\n", (uint32_t)kind);
		port_exit(1);
	}
	if (kind == PORT_TRAP_SVC) {
		svc(d, tf, f); /* the commonest: no helper window to rewind */
	} else {
		/* A helper's store fault is a write the rewound frame no
		 * longer shows (refhv_abi.h, REFHV_FSR_WNR). */
		bool helper_store = kind == PORT_TRAP_DABT && hv_kuser_at_store(tf->pc, tf->cpsr);
		hv_kuser_trap(d, kind); /* first: a cmpxchg helper's window runs again */
		switch (kind) {
		case PORT_TRAP_UND:
			guest_exception(d, REFHV_EXC_UND, f);
			break;
		case PORT_TRAP_PABT:
			guest_exception(d, REFHV_EXC_PABT, f);
			break;
		case PORT_TRAP_DABT: {
			struct port_fault g = *f;
			if (helper_store)
				g.fsr |= REFHV_FSR_WNR;
			guest_exception(d, REFHV_EXC_DABT, &g);
			break;
		}
		case PORT_TRAP_SVC: /* taken above */
			break;
		case PORT_TRAP_IRQ:
		case PORT_TRAP_FIQ:
			irq();
			break;
		}
	}
	/* A domain that stops running (hv_destroy) sets need_resched. */
	if (hv.need_resched) {
		hv_schedule();
		d = hv.cur;
	}
	/* Deliver pending events on the way out, as a virtual interrupt
	 * (the shared page's upcall bytes first: it is the test that usually
	 * fails). */
	if (pv_evtchn_vi_upcall_due(hv_upcall(d)))
		(void)hv_deliver_exception(d, REFHV_EXC_UPCALL, 0, 0);
}
