/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to lib/evtchn. */
#ifndef PVLIB_EVTCHN_INTERNAL_H
#define PVLIB_EVTCHN_INTERNAL_H

#include <pvlib/evtchn.h>

/*
 * Guest-shared memory is read and written only through these, once per
 * decision: the value read is copied into a local and every check and
 * computation uses the copy, so a guest changing the word under our feet
 * changes nothing but its own outcome.
 */
static inline uint32_t sh_rd32(const uint32_t *p)
{
	return *(const volatile uint32_t *)p;
}
static inline void sh_wr32(uint32_t *p, uint32_t v)
{
	*(volatile uint32_t *)p = v;
}
static inline uint8_t sh_rd8(const uint8_t *p)
{
	return *(const volatile uint8_t *)p;
}
static inline void sh_wr8(uint8_t *p, uint8_t v)
{
	*(volatile uint8_t *)p = v;
}

/* deliver.c */
/* Mark port of d pending; p is &d->ports[port] (for a send, the sender's
 * cached peer pointer, which saves the load of d->ports). */
void pv_evtchn_deliver_set_pending(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port,
				   struct pv_evtchn_port *p);
void pv_evtchn_deliver_clear_pending(struct pv_evtchn_domain *d, uint32_t port);
void pv_evtchn_deliver_mask(struct pv_evtchn_domain *d, uint32_t port);
void pv_evtchn_deliver_unmask(struct pv_evtchn *ctx, struct pv_evtchn_domain *d, uint32_t port);
void pv_evtchn_deliver_init(struct pv_evtchn_domain *d);

#endif
