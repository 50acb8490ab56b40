/* Code written against pvlib 0.x, as a user had it (input of tools/migrate-1.0). */
#include <pvlib/evtchn.h>
#include <pvlib/hypercall.h>
#include <pvlib/sched.h>
#include "port_fake.h"

static struct pv_evtchn evt;
static struct pv_hc hc;
static pv_time_ns_t budget_ns = 1000;

int migrate_sample(struct pv_hc_config *c, struct pv_evtchn *ctx);
int migrate_sample(struct pv_hc_config *c, struct pv_evtchn *ctx)
{
	struct pv_evtchn_port_status st;
	struct pv_evtchn_audit_report f = { 0, pv_domid_none(), 0 };
	struct pv_hc_config copy = { .nr_domains = 4 };
	c->nr_domains = copy.nr_domains;
	pv_time_ns_t now = budget_ns;
	(void)now;
	(void)hc;
	(void)evt;
	pv_fake_reset();
	const struct pv_fake_log *log = pv_fake_log_get();
	if (log->count > PV_FAKE_LOG_MAX || log->ev[0].kind == PV_FAKE_TLB)
		return -1;
	if (pv_fake_synced(pv_maddr(0), 4))
		return 1;
	if (pv_evtchn_status(ctx, pv_domid(0), 1, &st) != PV_OK)
		return 2;
	return pv_evtchn_audit(ctx, &f);
}
