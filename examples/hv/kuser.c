/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypervisor's side of the kernel-user helpers (refhv_abi.h, ABI
 * version 4; the helpers themselves: ports/common/kuser_page.S).
 *
 *  - Restart: every interrupt or abort taken from a guest passes its frame
 *    through hv_kuser_restart_pc() first, before the frame is copied into
 *    the vcpu area (an upcall or a virtual exception), scheduled away or
 *    resumed; so a cmpxchg helper interrupted between its load and its
 *    store, or whose load or store faulted, runs its window again whole.
 *    SVCs and undefined instructions cannot be taken inside a window (it
 *    holds neither), so the hypercall path skips the test.
 *  - TLS: one value per domain, 0 when it is built, set by REFHV_HC_SET_TLS
 *    and shown (port_set_user_tls) whenever the domain is about to run: on
 *    every domain switch, on the hypercall and on a rebuild of the running
 *    domain. The vector page is one for all domains, so the word always
 *    holds the running domain's value and never another's.
 *
 * Concurrency: as hv.h (uniprocessor, IRQs masked in the hypervisor). An
 * SMP port would need a vector page per CPU (or TPIDRURO only) and helpers
 * with LDREX/STREX.
 */
#include "kuser.h"

#include "kuser_page.h"

_Static_assert(REFHV_VECTOR_PAGE_VA == HV_VECTORS_VA, "the helpers are in the vector page");
_Static_assert(REFHV_KUSER_TLS_WORD == HV_VECTORS_VA + KUSER_OFF_TLS, "TLS word");
_Static_assert(REFHV_KUSER_CMPXCHG64_RETRY == HV_VECTORS_VA + KUSER_OFF_CMPXCHG64_RETRY,
	       "cmpxchg64 restart point");
_Static_assert(REFHV_KUSER_VERSION == KUSER_HELPERS, "version word");

static uint32_t dom_tls[HV_MAX_DOMS];
static uint32_t restarts_irq, restarts_abort;

void hv_kuser_rewind(struct hv_dom *d, enum port_trap kind)
{
	uint32_t pc = hv_kuser_restart_pc(d->frame.pc, d->frame.cpsr);
	if (pc == d->frame.pc)
		return;
	d->frame.pc = pc;
	if (kind == PORT_TRAP_IRQ || kind == PORT_TRAP_FIQ)
		restarts_irq++;
	else
		restarts_abort++;
}

void hv_kuser_load(const struct hv_dom *d)
{
	port_set_user_tls(dom_tls[pv_domid_val(d->id)]);
}

void hv_kuser_reset(const struct hv_dom *d)
{
	dom_tls[pv_domid_val(d->id)] = 0;
	if (d == hv.cur)
		hv_kuser_load(d);
}

int32_t hv_hc_set_tls(struct pv_hc_call *c)
{
	/* The caller is the running domain (dispatch is on its trap), so its
	 * value shows at once. Any value: the hypervisor never uses it. */
	struct hv_dom *d = hv_dom_of(c->dom);
	dom_tls[pv_domid_val(c->dom)] = c->args[0];
	hv_kuser_load(d);
	return PV_OK;
}

void hv_kuser_report(void)
{
	hv_printf("hv: kuser helpers: cmpxchg restarted %u time(s) on an interrupt, "
		  "%u time(s) on an abort\n", restarts_irq, restarts_abort);
}
