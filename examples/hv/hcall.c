/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's hypercalls: a const table (read-only memory)
 * dispatched by lib/hypercall, each handler a thin adapter onto a pvlib
 * module. Every guest value is checked by the module it is handed to; the
 * handlers only move arguments and pick the calling domain.
 */
#include "hv.h"
#include "kuser.h"
#include "limits.h"
#include "vexc.h"

#define HV_MMU_BATCH 16u

/* The guest-visible facts of refhv_abi.h that live in other modules. */
_Static_assert(REFHV_PIN_L1 == PV_MMU_TABLE_L1 && REFHV_PIN_L2 == PV_MMU_TABLE_L2 &&
		       REFHV_PIN_FINE == PV_MMU_TABLE_FINE,
	       "pin kinds are lib/mmu's");
_Static_assert(REFHV_ARMDOM_HYP == ARMDOM_HYP && REFHV_ARMDOM_GUEST_KERN == ARMDOM_GUEST_KERN &&
		       REFHV_ARMDOM_GUEST_USER == ARMDOM_GUEST_USER,
	       "ARM domains are the port's");
_Static_assert(REFHV_MULTICALL_MAX <= PV_HC_MULTICALL_MAX, "within lib/hypercall's bound");
_Static_assert(HV_EVT_PORTS == REFHV_EVT_PORTS, "ports per domain");

static struct pv_hc_stats hc_stats[REFHV_HC_COUNT];
static struct pv_hc_perm hc_perms[HV_MAX_DOMS];

static int32_t hc_console_write(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	uint32_t va = c->args[0], len = c->args[1];
	int32_t rc = hv_limit_console(len);
	if (rc != PV_OK)
		return rc;
	rc = pv_hc_guest_check(c->hc, c->dom, pv_gvaddr(va), len, 1, false);
	if (rc != PV_OK)
		return rc;
	char buf[64];
	for (uint32_t off = 0; off < len;) {
		uint32_t n = len - off < sizeof buf ? len - off : (uint32_t)sizeof buf;
		rc = pv_hc_copy_from_guest(c->hc, c->dom, buf, pv_gvaddr(va + off), n, 1);
		if (rc != PV_OK)
			return rc;
		for (uint32_t i = 0; i < n; i++) {
			char ch = buf[i];
			if (d->line_start) {
				hv_printf("%s: ", d->cfg->name);
				d->line_start = false;
			}
			if (ch == '\n')
				d->line_start = true;
			else if (ch < ' ' || ch > '~')
				ch = '?'; /* a guest cannot send escape sequences */
			port_console_write(&ch, 1);
		}
		off += n;
	}
	return (int32_t)len;
}

static int32_t hc_mmu_update(struct pv_hc_call *c)
{
	uint32_t va = c->args[0], count = c->args[1], done_va = c->args[2];
	int32_t rc = hv_limit_mmu_update(count);
	if (rc != PV_OK)
		return rc;
	uint32_t total = 0;
	while (total < count && rc == PV_OK) {
		struct pv_mmu_update_req reqs[HV_MMU_BATCH];
		uint32_t n = count - total < HV_MMU_BATCH ? count - total : HV_MMU_BATCH, done = 0;
		rc = pv_hc_copy_from_guest(c->hc, c->dom, reqs, pv_gvaddr(va + total * 8u),
					   n * 8u, 4);
		if (rc != PV_OK)
			break;
		rc = pv_mmu_update(&hv.mmu, c->dom, reqs, n, &done);
		total += done;
	}
	if (done_va) {
		int32_t rc2 = pv_hc_copy_to_guest(c->hc, c->dom, pv_gvaddr(done_va), &total, 4, 4);
		if (rc == PV_OK)
			rc = rc2;
	}
	return rc;
}

/*
 * A table named by the guest: its machine address (the guest ABI), which
 * pvlib takes as a frame number. A table starts at a frame boundary, so an
 * address inside a frame is refused here, as the ABI says (PV_EALIGN).
 */
static int32_t table_mfn(uint32_t ma, pv_mfn_t *mfn)
{
	if (pv_maddr_offset(pv_maddr(ma)) != 0)
		return PV_EALIGN;
	*mfn = pv_maddr_to_mfn(pv_maddr(ma));
	return PV_OK;
}

static int32_t hc_mmu_pin(struct pv_hc_call *c)
{
	uint32_t kind = c->args[0];
	pv_mfn_t mfn;
	int32_t rc = hv_limit_pin_kind(kind);
	if (rc == PV_OK)
		rc = table_mfn(c->args[1], &mfn);
	if (rc != PV_OK)
		return rc;
	return pv_mmu_pin(&hv.mmu, c->dom, (enum pv_mmu_table)kind, mfn);
}

static int32_t hc_mmu_unpin(struct pv_hc_call *c)
{
	pv_mfn_t mfn;
	int32_t rc = table_mfn(c->args[0], &mfn);
	if (rc != PV_OK)
		return rc;
	return pv_mmu_unpin(&hv.mmu, c->dom, mfn);
}

static int32_t hc_mmu_switch_base(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	pv_mfn_t mfn;
	int32_t rc = table_mfn(c->args[0], &mfn);
	if (rc == PV_OK)
		rc = pv_mmu_switch_base(&hv.mmu, c->dom, mfn);
	if (rc != PV_OK)
		return rc;
	d->l1 = pv_maddr(c->args[0]);
	port_switch_space(d->l1, d->asid, port_guest_dacr(d->vmode == REFHV_VMODE_KERNEL));
#if PORT_NR_ASIDS
	/* A port with ASIDs flushes nothing on a switch (each domain has its
	 * own ASID), but here one domain changes tables under the same ASID:
	 * translations of the table it left must not outlive the switch (a
	 * guest kernel switching between its processes, docs/linux.md). An
	 * ARMv5 port flushes the whole TLB in port_switch_space already. */
	pv_port_tlb_maint(&(struct pv_tlb_req){ .scope = PV_TLB_ASID, .asid = d->asid });
#endif
	return PV_OK;
}

static int32_t hc_mmu_maint(struct pv_hc_call *c)
{
	/* On the caller's own address space, which is the one loaded. */
	const struct pv_mmu_maint_req r = { c->args[0], pv_gvaddr(c->args[1]), c->args[2],
					    hv_dom_of(c->dom)->asid };
	return pv_mmu_maint(&hv.mmu, c->dom, &r);
}

static int32_t hc_evtchn(struct pv_hc_call *c)
{
	uint32_t port = 0;
	int32_t rc;
	switch (c->args[0]) {
	case REFHV_EVT_ALLOC_UNBOUND:
		if (c->args[1] > 0xFFFFu)
			return PV_ESRCH;
		rc = pv_evtchn_alloc_unbound(&hv.evt, c->dom, pv_domid((uint16_t)c->args[1]), &port);
		break;
	case REFHV_EVT_BIND_INTERDOMAIN:
		if (c->args[1] > 0xFFFFu)
			return PV_ESRCH;
		rc = pv_evtchn_bind_interdomain(&hv.evt, c->dom, pv_domid((uint16_t)c->args[1]),
						c->args[2], &port);
		break;
	case REFHV_EVT_SEND:
		return pv_evtchn_send(&hv.evt, c->dom, c->args[1]);
	case REFHV_EVT_CLOSE:
		return pv_evtchn_close(&hv.evt, c->dom, c->args[1]);
	case REFHV_EVT_UNMASK:
		return pv_evtchn_unmask(&hv.evt, c->dom, c->args[1]);
	case REFHV_EVT_BIND_VIRQ:
		rc = pv_evtchn_bind_virq(&hv.evt, c->dom, c->args[1], 0, &port);
		break;
	case REFHV_EVT_BIND_PIRQ: /* only a line routed to this domain */
		rc = pv_evtchn_bind_pirq(&hv.evt, c->dom, c->args[1], &port);
		break;
	case REFHV_EVT_PIRQ_EOI:
		return pv_evtchn_pirq_eoi(&hv.evt, c->dom, c->args[1]);
	default:
		return PV_ENOSYS;
	}
	return rc == PV_OK ? (int32_t)port : rc;
}

static int32_t hc_grant(struct pv_hc_call *c)
{
	if (c->args[0] & (PV_FRAME_SIZE - 1u))
		return PV_EALIGN;
	if (c->args[1] > 0xFFFFu)
		return PV_ESRCH;
	if (c->args[2] > 1u)
		return PV_EINVAL;
	return pv_mmu_grant(&hv.mmu, c->dom, pv_maddr_to_mfn(pv_maddr(c->args[0])),
			    pv_domid((uint16_t)c->args[1]), c->args[2] != 0);
}

static int32_t hc_grant_revoke(struct pv_hc_call *c)
{
	if (c->args[0] & (PV_FRAME_SIZE - 1u))
		return PV_EALIGN;
	return pv_mmu_grant_revoke(&hv.mmu, c->dom, pv_maddr_to_mfn(pv_maddr(c->args[0])));
}

static int32_t hc_set_callbacks(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	int32_t rc = hv_vexc_callbacks_check(c->args, HV_VIRT_BASE);
	if (rc != PV_OK)
		return rc;
	d->event_entry = c->args[0];
	d->exc_entry = c->args[1];
	d->kernel_sp = c->args[2];
	d->cb_flags = c->args[3];
	d->syscall_entry = (c->args[3] & REFHV_CB_SYSCALL_REGS) ? c->args[4] : 0;
	return PV_OK;
}

static int32_t hc_yield(struct pv_hc_call *c)
{
	hv_yield(hv_dom_of(c->dom));
	return PV_OK;
}

static int32_t hc_block(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	/* Xen's SCHEDOP_block: upcalls are unmasked and, if anything is
	 * pending already, the call returns at once (into the upcall). */
	(void)pv_evtchn_upcall_mask_set(&hv.evt, c->dom, 0, false);
	if (!pv_evtchn_vcpu_pending(&hv.evt, c->dom, 0))
		hv_block(d);
	return PV_OK;
}

static int32_t hc_get_time(struct pv_hc_call *c)
{
	uint64_t now = port_time_ns();
	return pv_hc_copy_to_guest(c->hc, c->dom, pv_gvaddr(c->args[0]), &now, sizeof now, 8);
}

/* Owns the trap frame: the status in r0, the time in r1 and r2 (ABI 8). */
static int32_t hc_get_time_regs(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	PV_ASSERT(c->frame == &d->frame);
	uint64_t now = port_time_ns();
	c->frame->r[0] = PV_OK;
	c->frame->r[1] = (uint32_t)now;
	c->frame->r[2] = (uint32_t)(now >> 32);
	return PV_OK;
}

static int32_t hc_set_timer(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	uint64_t deadline = ((uint64_t)c->args[1] << 32) | c->args[0];
	d->timer_deadline = deadline ? deadline : PV_TIME_NEVER;
	hv_program_timer();
	return PV_OK;
}

static int32_t hc_switch_fg(struct pv_hc_call *c)
{
	if (c->args[0] >= hv.nr_doms)
		return PV_ESRCH;
	int32_t rc = pv_sched_set_foreground(&hv.sched, pv_domid((uint16_t)c->args[0]),
					     port_time_ns());
	if (rc == PV_OK) {
		hv_printf("hv: foreground domain is now %s\n", hv.dom[c->args[0]].cfg->name);
		hv.need_resched = true;
	}
	return rc;
}

/* Owns the trap frame (PV_HC_F_OWNS_FRAME): it replaces every register,
 * r0 included, so the dispatcher stores no result. */
static int32_t hc_iret(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	PV_ASSERT(c->frame == &d->frame && d == hv.cur);
	return hv_iret(d);
}

/* The same, r0-r11 left as the caller's registers put them (ABI 8). The
 * table needs the entry (its number, permission and name), but no call
 * reaches it: hv_trap takes every permitted one before the dispatcher, the
 * dispatcher refuses an unpermitted one, and a multicall refuses it
 * (PV_HC_F_NO_MULTICALL). */
static int32_t hc_iret_regs(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	PV_ASSERT(c->frame == &d->frame && d == hv.cur);
	return hv_iret_regs(d);
}

static int32_t hc_shutdown(struct pv_hc_call *c)
{
	struct hv_dom *d = hv_dom_of(c->dom);
	d->exit_code = (int32_t)c->args[0];
	hv_stop(d, d->exit_code == 0 ? "shut down" : "shut down with an error");
	return PV_OK;
}

static int32_t hc_null(struct pv_hc_call *c)
{
	(void)c;
	return PV_OK;
}

#define E(nr, ar, fl, fn) [nr] = { nr, ar, fl, #fn, fn }
static const struct pv_hc_entry hc_table[REFHV_HC_COUNT] = {
	E(REFHV_HC_CONSOLE_WRITE, 2, 0, hc_console_write),
	E(REFHV_HC_MMU_UPDATE, 3, 0, hc_mmu_update),
	E(REFHV_HC_MMU_PIN, 2, 0, hc_mmu_pin),
	E(REFHV_HC_MMU_UNPIN, 1, 0, hc_mmu_unpin),
	E(REFHV_HC_MMU_SWITCH_BASE, 1, PV_HC_F_NO_MULTICALL, hc_mmu_switch_base),
	E(REFHV_HC_EVTCHN, 3, 0, hc_evtchn),
	E(REFHV_HC_GRANT, 3, 0, hc_grant),
	E(REFHV_HC_GRANT_REVOKE, 1, 0, hc_grant_revoke),
	E(REFHV_HC_SET_CALLBACKS, 5, 0, hc_set_callbacks),
	E(REFHV_HC_YIELD, 0, PV_HC_F_NO_MULTICALL, hc_yield),
	E(REFHV_HC_BLOCK, 0, PV_HC_F_NO_MULTICALL, hc_block),
	E(REFHV_HC_GET_TIME, 1, 0, hc_get_time),
	E(REFHV_HC_SET_TIMER, 2, 0, hc_set_timer),
	E(REFHV_HC_SWITCH_FG, 1, PV_HC_F_NO_MULTICALL, hc_switch_fg),
	E(REFHV_HC_IRET, 0, PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL, hc_iret),
	E(REFHV_HC_SHUTDOWN, 1, PV_HC_F_NO_MULTICALL, hc_shutdown),
	E(REFHV_HC_MULTICALL, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, pv_hc_multicall),
	E(REFHV_HC_NULL, 0, 0, hc_null),
	E(REFHV_HC_MMU_MAINT, 3, 0, hc_mmu_maint),
	E(REFHV_HC_SET_TLS, 1, 0, hv_hc_set_tls),
	E(REFHV_HC_IRET_REGS, 0, PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL, hc_iret_regs),
	E(REFHV_HC_GET_TIME_REGS, 0, PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL, hc_get_time_regs),
};

int32_t hv_hc_setup(void)
{
	const struct pv_hc_config cfg = {
		.table = hc_table,
		.table_len = REFHV_HC_COUNT,
		.stats = hc_stats,
		.perms = hc_perms,
		.nr_domains = HV_MAX_DOMS,
		.access = hv_guest_access,
		.sync = PORT_VIVT_CACHE ? hv_guest_sync : 0,
		.user = &hv,
		.guest_va_limit = HV_VIRT_BASE,
		.multicall_max = hv_multicall_max,
		.multicall_slice = 8,
	};
	uint32_t bad;
	int32_t rc = pv_hc_init(&hv.hc, &cfg, &bad);
	if (rc != PV_OK)
		hv_printf("hv: hypercall table entry %u refused: %s\n", bad, pv_status_name(rc));
	return rc;
}
