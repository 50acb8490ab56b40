/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The restart test (demo-restart-stress): before the guests start, restart
 * every domain whose fault action is "restart" REFHV_RESTART_STRESS times
 * through hv_restart (lib/mmu's deferred-destroy protocol, the event
 * channels and the scheduler), then audit, and compare what is left with
 * what there was after the first build: the free frames and each domain's
 * frames (counted from the frame table), and each domain's ports in use.
 * One more restart takes the deferred path (busy_round), and so does a stop
 * (stop_round: a stopped domain is destroyed, not frozen); then builds that
 * fail part way must leave nothing behind (fail_round).
 * Built only into the image of that test.
 */
#include "hv.h"

#ifdef REFHV_RESTART_STRESS

#define NR_FRAMES (BOARD_RAM_SIZE >> PV_FRAME_SHIFT)

struct usage {
	uint32_t free_frames;
	uint32_t frames[HV_MAX_DOMS];
	uint32_t ports[HV_MAX_DOMS];
};

static void measure(struct usage *u)
{
	*u = (struct usage){ 0 };
	for (uint32_t i = 0; i < NR_FRAMES; i++) {
		struct pv_mmu_frame f;
		PV_ASSERT(pv_mmu_frame_info(&hv.mmu, pv_mfn((BOARD_RAM_PA >> PV_FRAME_SHIFT) + i),
					    &f) == PV_OK);
		uint16_t owner = pv_domid_val(f.owner);
		if (owner == PV_DOMID_NONE_VALUE)
			u->free_frames++;
		else if (owner < HV_MAX_DOMS)
			u->frames[owner]++;
	}
	for (uint32_t d = 0; d < hv.nr_doms; d++) {
		for (uint32_t p = 0; p < HV_EVT_PORTS; p++) {
			struct pv_evtchn_port_status st;
			if (pv_evtchn_status(&hv.evt, hv.dom[d].id, p, &st) == PV_OK &&
			    st.state != PV_EVTCHN_FREE)
				u->ports[d]++;
		}
	}
}

/*
 * Grant one of d's frames (its first image frame) to peer and map it
 * writable at entry slot of peer's user coarse table (an entry peer does
 * not use). *map is the update that mapped it. Returns false, having said
 * why, if either step is refused.
 */
static bool map_in_peer(struct hv_dom *d, struct hv_dom *peer, uint32_t slot,
			struct pv_mmu_update_req *map)
{
	const uint32_t fmt = CPU_MMU_V7 ? PV_MMU_FMT_V7 : PV_MMU_FMT_V5;
	uint32_t frame_ma = d->cfg->mem_base + REFHV_FRAME_IMAGE * PV_FRAME_SIZE;
	uint32_t done = 0;
	*map = (struct pv_mmu_update_req){
		peer->cfg->mem_base + REFHV_FRAME_L2 * PV_FRAME_SIZE + REFHV_L2_USER * 1024u +
			slot * 4u,
		pv_mmu_desc_small(fmt, frame_ma, PV_MMU_DESC_W),
	};
	int32_t rc = pv_mmu_grant(&hv.mmu, d->id, pv_maddr_to_mfn(pv_maddr(frame_ma)), peer->id,
				  true);
	if (rc == PV_OK)
		rc = pv_mmu_update(&hv.mmu, peer->id, map, 1, &done);
	if (rc != PV_OK)
		hv_printf("hv: restart test: %s cannot map a frame of %s: %s\n", peer->cfg->name,
			  d->cfg->name, pv_status_name(rc));
	return rc == PV_OK;
}

/*
 * The deferred path: another domain (peer) maps one of d's frames, granted
 * to it, when d is restarted. Destroy must return PV_EBUSY and leave d
 * dying (its frames its own, no new mapping of them allowed); once the peer
 * has unmapped the frame, hv_reap() completes the destroy and the restart.
 * Returns the number of things that went wrong.
 */
static uint32_t busy_round(struct hv_dom *d, struct hv_dom *peer)
{
	/* Entries 254 and 255 of the peer's user coarse table. */
	struct pv_mmu_update_req map;
	if (!map_in_peer(d, peer, 254u, &map))
		return 1;
	uint32_t pte = map.ptr, bad = 0, done = 0;
	hv_restart(d);
	if (d->state != HV_DOM_DYING || hv.nr_dying != 1)
		bad++;
	/* No new mapping of a dying domain's frame. */
	struct pv_mmu_update_req again = { pte + 4u, map.val };
	if (pv_mmu_update(&hv.mmu, peer->id, &again, 1, &done) != PV_EXDEV)
		bad++;
	hv_reap(); /* still mapped: stays dying */
	if (d->state != HV_DOM_DYING)
		bad++;
	struct pv_mmu_update_req unmap = { pte, PV_MMU_DESC_FAULT };
	if (pv_mmu_update(&hv.mmu, peer->id, &unmap, 1, &done) != PV_OK)
		bad++;
	hv_reap();
	if (d->state != HV_DOM_RUNNING || hv.nr_dying != 0)
		bad++;
	hv_printf("hv: restart test: deferred destroy while %s mapped a frame: %s\n",
		  peer->cfg->name, bad ? "WRONG" : "busy, then completed");
	return bad;
}

/*
 * hv_stop on the deferred path: peer maps one of d's frames when d stops.
 * A stopped domain is destroyed: d must be dying while the frame is
 * mapped, and once the peer unmaps it and hv_reap() runs, stopped, owning
 * no frame and no event channel. Then d is restarted for the rest of the
 * demo (not counted as one of the test's restarts). Returns the number of
 * things that went wrong.
 */
static uint32_t stop_round(struct hv_dom *d, struct hv_dom *peer)
{
	struct pv_mmu_update_req map;
	if (!map_in_peer(d, peer, 253u, &map))
		return 1;
	uint32_t pte = map.ptr, bad = 0, done = 0;
	hv_stop(d, "stopped (restart test)");
	if (d->state != HV_DOM_DYING || hv_frames_owned(d) == 0)
		bad++;
	struct pv_mmu_update_req unmap = { pte, PV_MMU_DESC_FAULT };
	if (pv_mmu_update(&hv.mmu, peer->id, &unmap, 1, &done) != PV_OK)
		bad++;
	hv_reap();
	struct pv_evtchn_port_status st;
	uint32_t left = hv_frames_owned(d);
	if (d->state != HV_DOM_STOPPED || left != 0 || hv.nr_dying != 0 ||
	    pv_evtchn_status(&hv.evt, d->id, 0, &st) != PV_ESRCH)
		bad++;
	hv_restart(d);
	if (d->state != HV_DOM_RUNNING)
		bad++;
	hv_printf("hv: restart test: stop while %s mapped a frame: %s (%u frame(s) left)\n",
		  peer->cfg->name, bad ? "WRONG" : "busy, then destroyed", left);
	return bad;
}

static uint32_t audit_scratch[PV_MMU_AUDIT_SCRATCH_WORDS(NR_FRAMES, HV_MAX_DEVS)];

/*
 * A build that fails part way owns nothing: d is destroyed, then built
 * with each build step in turn made to fail (hv_build_fail_step); after
 * each failure d must own no frame, no event channel and no hypercall,
 * and both audits must pass. Steps d's configuration does not reach (a
 * device, an interrupt line) build normally and are destroyed again.
 * Finally d is built for real (a restart). Returns the number of things
 * that went wrong.
 */
static uint32_t fail_round(struct hv_dom *d)
{
	uint32_t bad = 0, failed = 0;
	(void)hv_destroy(d);
	for (uint32_t step = 1; step <= 6; step++) {
		hv_build_fail_step = step;
		int32_t rc = hv_build_domain(d, d->cfg);
		hv_build_fail_step = 0;
		if (rc == PV_OK) { /* a step this domain does not have */
			if (hv_destroy(d) != PV_OK)
				bad++;
			continue;
		}
		failed++;
		struct pv_evtchn_port_status st;
		struct pv_mmu_audit_report mr = { .what = "" };
		struct pv_evtchn_audit_report ef = { 0, pv_domid_none(), 0 };
		if (rc != PV_ENOMEM || d->state != HV_DOM_STOPPED || hv_frames_owned(d) != 0 ||
		    pv_evtchn_status(&hv.evt, d->id, 0, &st) != PV_ESRCH ||
		    pv_hc_perm_get(&hv.hc, d->id).allow != 0 ||
		    pv_mmu_audit(&hv.mmu, audit_scratch, sizeof audit_scratch / 4u, &mr) != PV_OK ||
		    pv_evtchn_audit(&hv.evt, &ef) != PV_OK) {
			hv_printf("hv: restart test: build of %s failing at step %u left %u frame(s): %s\n",
				  d->cfg->name, step, hv_frames_owned(d), pv_status_name(rc));
			bad++;
		}
	}
	/* The frames, tables, event channels and permissions steps are in
	 * every domain's build. */
	if (failed < 4)
		bad++;
	hv_restart(d);
	if (d->state != HV_DOM_RUNNING)
		bad++;
	hv_printf("hv: restart test: %s built with a step failing, %u of 6 ways: %s\n",
		  d->cfg->name, failed, bad ? "WRONG" : "nothing left each time");
	return bad;
}

void hv_restart_stress(void)
{
	struct usage before, after;
	measure(&before);
	uint32_t done = 0, bad = 0;
	for (uint32_t i = 0; i < hv.nr_doms; i++) {
		struct hv_dom *d = &hv.dom[i];
		if (d->cfg->on_fault != HV_FAULT_RESTART)
			continue;
		for (uint32_t n = 0; n < REFHV_RESTART_STRESS; n++) {
			hv_restart(d);
			if (d->state != HV_DOM_RUNNING)
				bad++;
			done++;
		}
		for (uint32_t j = 0; j < hv.nr_doms; j++) {
			if (&hv.dom[j] != d && hv.dom[j].state == HV_DOM_RUNNING) {
				bad += busy_round(d, &hv.dom[j]);
				done++;
				bad += stop_round(d, &hv.dom[j]);
				break;
			}
		}
		bad += fail_round(d);
		done++;
		d->restarts = 0; /* the demo's own restarts count from here */
	}
	hv_reap();
	measure(&after);
	struct pv_mmu_audit_report mr = { .what = "" };
	int32_t mrc = pv_mmu_audit(&hv.mmu, audit_scratch, sizeof audit_scratch / 4u, &mr);
	struct pv_evtchn_audit_report ef = { 0, pv_domid_none(), 0 };
	int32_t erc = pv_evtchn_audit(&hv.evt, &ef);
	for (uint32_t d = 0; d < hv.nr_doms; d++) {
		if (after.frames[d] != before.frames[d] || after.ports[d] != before.ports[d]) {
			hv_printf("hv: restart test: domain %s: %u frame(s), %u port(s) in use; "
				  "after the first build %u, %u\n",
				  hv.dom[d].cfg->name, after.frames[d], after.ports[d],
				  before.frames[d], before.ports[d]);
			bad++;
		}
	}
	if (after.free_frames != before.free_frames || mrc != PV_OK || erc != PV_OK ||
	    hv.nr_dying != 0)
		bad++;
	hv_printf("hv: restart test: %u restarts; free frames %u, after the first build %u; "
		  "mmu audit %s, evtchn audit %s: %s\n",
		  done, after.free_frames, before.free_frames, pv_status_name(mrc),
		  pv_status_name(erc), bad == 0 && done != 0 ? "no leak" : "LEAK");
	hv.unexpected += bad;
}

#endif
