/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The restart test (demo-restart-stress): before the guests start, restart
 * every domain whose fault action is "restart" REFHV_RESTART_STRESS times
 * through hv_restart (lib/mmu's deferred-destroy protocol, the event
 * channels and the scheduler), then audit, and compare what is left with
 * what there was after the first build: the free frames and each domain's
 * frames (counted from the frame table), and each domain's ports in use.
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
		if (f.owner == PV_DOMID_NONE_VALUE)
			u->free_frames++;
		else if (f.owner < HV_MAX_DOMS)
			u->frames[f.owner]++;
	}
	for (uint32_t d = 0; d < hv.nr_doms; d++) {
		for (uint32_t p = 0; p < HV_EVT_PORTS; p++) {
			struct pv_evtchn_status st;
			if (pv_evtchn_status(&hv.evt, hv.dom[d].id, p, &st) == PV_OK &&
			    st.state != PV_EVTCHN_FREE)
				u->ports[d]++;
		}
	}
}

static uint32_t audit_scratch[PV_MMU_AUDIT_SCRATCH_WORDS(NR_FRAMES, HV_MAX_DEVS)];

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
		d->restarts = 0; /* the demo's own restarts count from here */
	}
	hv_reap();
	measure(&after);
	struct pv_mmu_audit_report mr = { 0, 0 };
	int32_t mrc = pv_mmu_audit(&hv.mmu, audit_scratch, sizeof audit_scratch / 4u, &mr);
	struct pv_evtchn_audit_fault ef = { pv_domid_none(), 0, 0 };
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
