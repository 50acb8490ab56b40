/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scheduling glue: lib/sched decides, this file switches. One scheduling
 * unit per domain (unit index = domain id). Also the timer, idling, and the
 * end of the run (the final audit and verdict).
 */
#include "hv.h"
#include "kuser.h"

static struct pv_sched_unit units[HV_MAX_DOMS];

int32_t hv_sched_setup(void)
{
	struct pv_sched_config sc;
	pv_sched_config_default(PV_SCHED_CREDIT, &sc);
	sc.slice_ns = hv_config.slice_ns;
	return pv_sched_init(&hv.sched, &sc, units, HV_MAX_DOMS);
}

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
	pv_time_ns_t next = hv.slice_end;
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		if (hv.dom[i].state == HV_DOM_RUNNING && hv.dom[i].timer_deadline < next)
			next = hv.dom[i].timer_deadline;
	}
	if (next == PV_TIME_NEVER) {
		port_timer_stop();
		return;
	}
	pv_time_ns_t now = port_time_ns();
	port_timer_set(next > now ? next - now : 1u);
}

void hv_block(struct hv_dom *d)
{
	(void)pv_sched_block(&hv.sched, pv_domid_val(d->id), port_time_ns());
	hv.need_resched = true;
}

void hv_yield(struct hv_dom *d)
{
	(void)pv_sched_yield(&hv.sched, pv_domid_val(d->id), port_time_ns());
	hv.need_resched = true;
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
		hv.need_resched = false;
		pv_time_ns_t now = port_time_ns();
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
				hv_kuser_load(n);
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
	struct pv_mmu_audit_report mr = { .what = "" };
	int32_t rc = pv_mmu_audit(&hv.mmu, audit_scratch, sizeof audit_scratch / 4u, &mr);
	if (rc == PV_OK) {
		hv_printf("hv: audit: frame table and page tables consistent\n");
	} else {
		hv_printf("hv: audit FAILED: mmu %s at frame %#x, domain %u: %s\n",
			  pv_status_name(rc), (unsigned)pv_mfn_val(mr.mfn),
			  (unsigned)pv_domid_val(mr.dom), mr.what ? mr.what : "?");
		failures++;
	}
	struct pv_evtchn_audit_report ef = { 0, pv_domid_none(), 0 };
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
		/* A stopped domain was destroyed: it owns nothing any more. */
		struct pv_evtchn_port_status st;
		uint32_t frames = d->state == HV_DOM_STOPPED ? hv_frames_owned(d) : 0;
		bool ports = d->state == HV_DOM_STOPPED &&
			     pv_evtchn_status(&hv.evt, d->id, 0, &st) != PV_ESRCH;
		if (frames != 0 || ports) {
			hv_printf("hv: audit FAILED: %s is stopped but still owns %u frame(s)%s\n",
				  d->cfg->name, frames, ports ? " and its event channels" : "");
			failures++;
		}
	}
	hv_kuser_report();
	hv_printf("hv: %u domain switches; hypercalls refused: %u unknown, %u not permitted\n",
		  hv.switches, (uint32_t)hv.hc.unknown, (uint32_t)hv.hc.denied);
	failures += (int)hv.unexpected;
	hv_printf("hv: verdict: %s\n", failures ? "FAIL" : "PASS");
	port_exit(failures ? 1 : 0);
}
