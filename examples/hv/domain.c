/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A domain's end: stop, destroy, restart, and the retry of deferred
 * destroys, all through lib/mmu's deferred-destroy protocol (docs/mmu.md,
 * "Destroying a domain"). A domain that stops (shut down, or a fault
 * action) is destroyed at once: nothing is kept for a stopped domain, so
 * every frame and port it held goes back, or, while another domain still
 * maps one of its granted frames, stays its own until hv_reap() completes
 * the destroy. Nothing is ever half freed.
 */
#include "hv.h"

#define NR_FRAMES (BOARD_RAM_SIZE >> PV_FRAME_SHIFT)

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
			struct pv_evtchn_port_status st;
			if (pv_evtchn_status(&hv.evt, hv.dom[i].id, p, &st) == PV_OK &&
			    st.state == PV_EVTCHN_UNBOUND &&
			    pv_domid_val(st.remote_dom) == pv_domid_val(d->id))
				(void)pv_evtchn_close(&hv.evt, hv.dom[i].id, p);
		}
	}
}

/*
 * Destroy a domain through the modules. The first call takes it off the
 * scheduler and closes its event channels (its peers see their ports
 * closed: see close_waiting_for), then marks it HV_DOM_DYING and asks
 * lib/mmu to destroy it: its tables are unpinned, and, unless another
 * domain still maps one of its granted frames, its grants and I/O regions
 * dropped and its frames freed (PV_OK: the domain is HV_DOM_STOPPED, owning
 * nothing). PV_EBUSY: the frames stay its own, no new mapping of them can
 * be made, and hv_reap() calls destroy again on every scheduling pass until
 * the peer has unmapped them (the peer saw its channel to the domain closed
 * and is expected to release the shared page).
 */
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
		hv.need_resched = true;
	}
	int32_t rc = pv_mmu_domain_destroy(&hv.mmu, d->id);
	if (rc == PV_EBUSY)
		return rc;
	hv.nr_dying--;
	d->state = HV_DOM_STOPPED;
	return rc;
}

/* After a destroy that did not complete at once: say so; an error other
 * than PV_EBUSY should not happen. */
static void destroy_result(const struct hv_dom *d, int32_t rc)
{
	if (rc == PV_EBUSY) {
		hv_printf("hv: %s: destroy deferred (another domain maps its frames)\n",
			  d->cfg->name);
	} else if (rc != PV_OK) {
		hv_printf("hv: %s: destroy failed: %s\n", d->cfg->name, pv_status_name(rc));
		hv.unexpected++;
	}
}

/*
 * Shut down or faulted: the domain ends here, and is destroyed (above). Its
 * exit code and fault count stay for the final report.
 */
void hv_stop(struct hv_dom *d, const char *why)
{
	if (d->state != HV_DOM_RUNNING)
		return;
	hv_printf("hv: %s %s\n", d->cfg->name, why);
	d->restart_pending = false;
	destroy_result(d, hv_destroy(d));
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
	hv.need_resched = true;
	if (rc != PV_OK) {
		/* Undo what the build did, through the same protocol: a domain
		 * that cannot run owns nothing. */
		hv_printf("hv: %s could not be restarted (%s): stopped\n", d->cfg->name,
			  pv_status_name(rc));
		if (d->state == HV_DOM_STOPPED)
			d->state = HV_DOM_RUNNING; /* what the build made: tear it all down */
		destroy_result(d, hv_destroy(d));
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
		destroy_result(d, rc);
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
		destroy_result(d, rc);
		if (d->restart_pending)
			rebuild(d, rc);
	}
}

uint32_t hv_frames_owned(const struct hv_dom *d)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < NR_FRAMES; i++) {
		struct pv_mmu_frame f;
		if (pv_mmu_frame_info(&hv.mmu, pv_mfn((BOARD_RAM_PA >> PV_FRAME_SHIFT) + i), &f) ==
			    PV_OK &&
		    pv_domid_val(f.owner) == pv_domid_val(d->id))
			n++;
	}
	return n;
}
