/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scheduling glue: lib/sched decides, this file switches. One scheduling
 * unit per domain (unit index = domain id). Also the event-channel
 * callbacks (wake a blocked domain), idling, and the end of the run.
 */
#include "hv.h"

extern bool hv_need_resched;
void hv_irq_poll(void);

static struct pv_sched_unit units[HV_MAX_DOMS];
static struct pv_evtchn_domain evt_doms[HV_MAX_DOMS];
static struct pv_evtchn_pair evt_pairs[HV_MAX_CHANS];

static void evt_upcall(void *arg, pv_domid_t dom, uint32_t vcpu)
{
	(void)arg; (void)dom; (void)vcpu; /* delivered on the way back to the guest */
}

static void evt_wake(void *arg, pv_domid_t dom, uint32_t vcpu)
{
	(void)arg; (void)vcpu;
	struct hv_dom *d = hv_dom_of(dom);
	if (d && d->state == HV_DOM_RUNNING) {
		(void)pv_sched_wake(&hv.sched, pv_domid_val(dom), port_time_ns());
		hv_need_resched = true;
	}
}

static void evt_pirq_mask(void *arg, uint32_t pirq)
{
	(void)arg;
	port_irq_disable(pirq);
}

static void evt_pirq_unmask(void *arg, uint32_t pirq)
{
	(void)arg;
	port_irq_enable(pirq);
}

static const struct pv_evtchn_ops evt_ops = {
	.upcall = evt_upcall,
	.wake = evt_wake,
	.pirq_mask = evt_pirq_mask,
	.pirq_unmask = evt_pirq_unmask,
};

static struct pv_evtchn_pirq evt_pirqs[HV_IRQ_LINES_MAX];
_Static_assert(BOARD_IRQ_LINES <= HV_IRQ_LINES_MAX, "routable lines");

int32_t hv_sched_setup(void)
{
	for (uint32_t i = 0; i < hv_config.nr_chans; i++)
		evt_pairs[i] = (struct pv_evtchn_pair){ pv_domid(hv_config.chans[i].a),
						       pv_domid(hv_config.chans[i].b) };
	const struct pv_evtchn_config ec = {
		.ops = &evt_ops,
		.cb_arg = &hv,
		.domains = evt_doms,
		.nr_domains = hv_config.nr_doms,
		.pirqs = evt_pirqs,
		.nr_pirqs = hv_config.irq_lines,
		.allow = evt_pairs,
		.nr_allow = hv_config.nr_chans,
	};
	int32_t rc = pv_evtchn_init(&hv.evt, &ec);
	if (rc != PV_OK)
		return rc;

	struct pv_sched_config sc;
	pv_sched_config_default(PV_SCHED_CREDIT, &sc);
	sc.slice_ns = hv_config.slice_ns;
	return pv_sched_init(&hv.sched, &sc, units, HV_MAX_DOMS);
}

int32_t hv_sched_add_all(void);
int32_t hv_sched_add_all(void)
{
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		const struct pv_sched_params p = { .weight = hv.dom[i].cfg->sched_weight,
						   .cap = hv.dom[i].cfg->sched_cap };
		int32_t rc = pv_sched_add(&hv.sched, i, hv.dom[i].id, &p, port_time_ns());
		if (rc != PV_OK)
			return rc;
	}
	return PV_OK;
}

void hv_program_timer(void)
{
	pv_time_ns next = hv.slice_end;
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		if (hv.dom[i].state == HV_DOM_RUNNING && hv.dom[i].timer_deadline < next)
			next = hv.dom[i].timer_deadline;
	}
	if (next == PV_TIME_NEVER) {
		port_timer_stop();
		return;
	}
	pv_time_ns now = port_time_ns();
	port_timer_set(next > now ? next - now : 1u);
}

void hv_block(struct hv_dom *d)
{
	(void)pv_sched_block(&hv.sched, pv_domid_val(d->id), port_time_ns());
	hv_need_resched = true;
}

void hv_yield(struct hv_dom *d)
{
	(void)pv_sched_yield(&hv.sched, pv_domid_val(d->id), port_time_ns());
	hv_need_resched = true;
}

void hv_stop(struct hv_dom *d, const char *why)
{
	if (d->state != HV_DOM_RUNNING)
		return;
	hv_printf("hv: %s %s\n", d->cfg->name, why);
	d->state = HV_DOM_STOPPED;
	d->timer_deadline = PV_TIME_NEVER;
	(void)pv_sched_remove(&hv.sched, pv_domid_val(d->id), port_time_ns());
	hv_need_resched = true;
}

static bool anyone_running(void)
{
	for (uint32_t i = 0; i < hv.nr_doms; i++)
		if (hv.dom[i].state == HV_DOM_RUNNING)
			return true;
	return false;
}

static bool anything_armed(void)
{
	for (uint32_t i = 0; i < hv.nr_doms; i++)
		if (hv.dom[i].state == HV_DOM_RUNNING && hv.dom[i].timer_deadline != PV_TIME_NEVER)
			return true;
	return false;
}

void hv_schedule(void)
{
	for (;;) {
		if (hv.nr_dying != 0)
			hv_reap();
		hv_need_resched = false;
		pv_time_ns now = port_time_ns();
		struct pv_sched_decision dec;
		PV_ASSERT(pv_sched_pick_next(&hv.sched, now, &dec) == PV_OK);
		if (dec.unit != PV_SCHED_IDLE) {
			struct hv_dom *n = &hv.dom[dec.unit];
			hv.slice_end = dec.run_ns == PV_TIME_NEVER ? PV_TIME_NEVER : now + dec.run_ns;
			hv_program_timer();
			if (n != hv.cur) {
				hv.cur = n;
				hv.switches++;
				port_cur_frame = &n->frame;
				port_switch_space(n->l1, n->asid,
						  port_guest_dacr(n->vmode == REFHV_VMODE_KERNEL));
			}
			return;
		}
		if (!anyone_running())
			hv_finish();
		if (!anything_armed()) {
			hv_printf("hv: every domain is blocked and nothing can wake one%s\n",
				  hv_config.idle_end ? " (the configuration's end)" : "");
			if (!hv_config.idle_end)
				hv.unexpected++;
			hv_finish();
		}
		/* Idle: sleep until the timer (or a routed line) fires. */
		hv.slice_end = PV_TIME_NEVER;
		hv_program_timer();
		port_wait_for_interrupt();
		hv_irq_poll();
	}
}

#define NR_FRAMES (BOARD_RAM_SIZE >> PV_FRAME_SHIFT)
static uint32_t audit_scratch[PV_MMU_AUDIT_SCRATCH_WORDS(NR_FRAMES, HV_MAX_DEVS)];

_Noreturn void hv_finish(void)
{
	int failures = 0;
	struct pv_mmu_audit_report mr = { 0, 0 };
	int32_t rc = pv_mmu_audit(&hv.mmu, audit_scratch, sizeof audit_scratch / 4u, &mr);
	if (rc == PV_OK) {
		hv_printf("hv: audit: frame table and page tables consistent\n");
	} else {
		hv_printf("hv: audit FAILED: mmu %s at %u: %s\n", pv_status_name(rc), mr.mfn,
			  mr.what ? mr.what : "?");
		failures++;
	}
	struct pv_evtchn_audit_fault ef = { pv_domid_none(), 0, 0 };
	rc = pv_evtchn_audit(&hv.evt, &ef);
	if (rc == PV_OK) {
		hv_printf("hv: audit: event channels consistent\n");
	} else {
		hv_printf("hv: audit FAILED: evtchn dom %u port %u: %s\n",
			  (uint32_t)pv_domid_val(ef.dom), ef.port, ef.what ? ef.what : "?");
		failures++;
	}
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		struct hv_dom *d = &hv.dom[i];
		hv_printf("hv: %s: %s, exit code %d, %u unhandled fault(s), ran %u us\n",
			  d->cfg->name,
			  d->state == HV_DOM_STOPPED ? "stopped"
			  : d->state == HV_DOM_DYING ? "dying (its frames still mapped)"
						     : "running",
			  d->exit_code, d->faults,
			  (uint32_t)(pv_sched_unit_ran(&hv.sched, i) / 1000u));
		if (d->exit_code != 0 || d->state == HV_DOM_DYING)
			failures++;
	}
	hv_printf("hv: %u domain switches; hypercalls refused: %u unknown, %u not permitted\n",
		  hv.switches, (uint32_t)hv.hc.unknown, (uint32_t)hv.hc.denied);
	failures += (int)hv.unexpected;
	hv_printf("hv: verdict: %s\n", failures ? "FAIL" : "PASS");
	port_exit(failures ? 1 : 0);
}

/*
 * Destroy a domain through the modules, in lib/mmu's deferred-destroy
 * protocol (docs/mmu.md, "Destroying a domain"). The first call takes it
 * off the scheduler and closes its event channels (its peers see their
 * ports closed, then closed: see close_waiting_for), then marks it HV_DOM_DYING and asks lib/mmu to destroy it:
 * its tables are unpinned, and, unless another domain still maps one of its
 * granted frames, its grants and I/O regions dropped and its frames freed
 * (PV_OK: the domain is HV_DOM_STOPPED, owning nothing). PV_EBUSY: the
 * frames stay its own, no new mapping of them can be made, and hv_reap()
 * calls destroy again on every scheduling pass until the peer has unmapped
 * them (the peer saw its channel to the domain closed and is expected to
 * release the shared page). Nothing is ever half freed.
 */
/* Removing d left its peers' ends UNBOUND, waiting for d: close them, or
 * each restart would leave one more behind (the next incarnation is a new
 * domain, and the rebuild connects the configured channels again, to the
 * lowest free port, which is the same number). */
static void close_waiting_for(const struct hv_dom *d)
{
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		if (&hv.dom[i] == d || hv.dom[i].state == HV_DOM_DYING)
			continue;
		for (uint32_t p = 0; p < HV_EVT_PORTS; p++) {
			struct pv_evtchn_status st;
			if (pv_evtchn_status(&hv.evt, hv.dom[i].id, p, &st) == PV_OK &&
			    st.state == PV_EVTCHN_UNBOUND &&
			    pv_domid_val(st.remote_dom) == pv_domid_val(d->id))
				(void)pv_evtchn_close(&hv.evt, hv.dom[i].id, p);
		}
	}
}

int32_t hv_destroy(struct hv_dom *d)
{
	if (d->state != HV_DOM_DYING) {
		(void)pv_sched_remove(&hv.sched, pv_domid_val(d->id), port_time_ns());
		/* Never run on a table that is being torn down: the hypervisor's
		 * own L1 maps everything the hypervisor needs and nothing of a
		 * guest. */
		if (hv.cur == d || hv.cur == 0) {
			port_switch_space(port_hyp_l1_ma(), 0, port_guest_dacr(false));
			hv.cur = 0;
		}
		int32_t rc = pv_evtchn_domain_remove(&hv.evt, d->id);
		if (rc != PV_OK && rc != PV_ESRCH)
			return rc;
		close_waiting_for(d);
		d->state = HV_DOM_DYING;
		d->timer_deadline = PV_TIME_NEVER;
		hv.nr_dying++;
		hv_need_resched = true;
	}
	int32_t rc = pv_mmu_domain_destroy(&hv.mmu, d->id);
	if (rc == PV_EBUSY)
		return rc;
	hv.nr_dying--;
	d->state = HV_DOM_STOPPED;
	return rc;
}

/* Build d again from its image, once its destroy has completed (rc). */
static void rebuild(struct hv_dom *d, int32_t rc)
{
	d->restart_pending = false;
	if (rc == PV_OK)
		rc = hv_build_domain(d, d->cfg);
	for (uint32_t i = 0; rc == PV_OK && i < hv_config.nr_chans; i++) {
		const struct hv_chan_cfg *ch = &hv_config.chans[i];
		uint16_t peer = ch->a == d->cfg->id ? ch->b : ch->a;
		if ((ch->a == d->cfg->id || ch->b == d->cfg->id) && !ch->ring &&
		    hv.dom[peer].state == HV_DOM_RUNNING)
			rc = hv_connect(ch);
	}
	const struct pv_sched_params p = { .weight = d->cfg->sched_weight, .cap = d->cfg->sched_cap };
	if (rc == PV_OK)
		rc = pv_sched_add(&hv.sched, pv_domid_val(d->id), d->id, &p, port_time_ns());
	hv_need_resched = true;
	if (rc != PV_OK) {
		/* Undo what the build did: a domain that cannot run owns nothing. */
		if (d->state == HV_DOM_RUNNING)
			d->state = HV_DOM_STOPPED;
		(void)pv_evtchn_domain_remove(&hv.evt, d->id);
		(void)pv_mmu_domain_destroy(&hv.mmu, d->id);
		hv_printf("hv: %s could not be restarted (%s): stopped\n", d->cfg->name,
			  pv_status_name(rc));
		return;
	}
	hv_printf("hv: %s restarted from its image (restart %u of %u)\n", d->cfg->name,
		  d->restarts, HV_MAX_RESTARTS);
}

/*
 * Fault action "restart": destroy the domain (above) and build it again
 * from its image, at once or when a deferred destroy completes. Plain
 * channels to the controlling domain are connected again (the controller
 * sees a new port); a ring is not, since the peer's start info names the
 * old port.
 */
void hv_restart(struct hv_dom *d)
{
	d->restarts++;
	d->restart_pending = true;
	int32_t rc = hv_destroy(d);
	if (rc == PV_EBUSY) {
		hv_printf("hv: %s: destroy deferred (another domain maps its frames)\n",
			  d->cfg->name);
		return;
	}
	rebuild(d, rc);
}

void hv_reap(void)
{
	for (uint32_t i = 0; hv.nr_dying != 0 && i < hv.nr_doms; i++) {
		struct hv_dom *d = &hv.dom[i];
		if (d->state != HV_DOM_DYING)
			continue;
		int32_t rc = hv_destroy(d);
		if (rc == PV_EBUSY)
			continue;
		if (rc != PV_OK) {
			hv_printf("hv: %s: destroy failed: %s\n", d->cfg->name, pv_status_name(rc));
			hv.unexpected++;
		}
		if (d->restart_pending)
			rebuild(d, rc);
	}
}
