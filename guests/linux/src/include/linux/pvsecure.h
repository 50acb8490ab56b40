/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure channel of a pvlib guest (drivers/misc/pvsecure.c), as the
 * rest of the kernel calls it: one request to the secure domain, the
 * pv_status-to-errno rule, the isolation-test MMU_UPDATE, and the boot
 * self-test. pvlib's docs/linux.md, "The secure channel".
 */
#ifndef _LINUX_PVSECURE_H
#define _LINUX_PVSECURE_H

#include <linux/types.h>
#include <uapi/linux/pvsecure.h>

#ifdef CONFIG_PVSECURE
/* One request: 0 if the secure domain answered PV_OK, else a negative
 * errno (pvsecure_errno of its status, -ETIMEDOUT, -EPROTO, -EINVAL,
 * -EINTR, -ENODEV). *status is the secure domain's answer, or 1 if there
 * was none. out (PVSECURE_OUT_MAX bytes) and *out_len may be NULL. */
int pvsecure_request(u32 op, const void *data, u32 len, s32 *status, void *out, u32 *out_len);
/* A pv_status as a negative errno (0 for PV_OK); see the uapi header. */
int pvsecure_errno(s32 status);
/* The name of a pv_status ("PV_EXDEV"), or "?" */
const char *pvsecure_status_name(s32 status);
/* Answers received, interrupts taken on the ring's port, requests the
 * caller slept for (the answer not there when it began to wait), and the
 * longest time from a notification to its answer (hypervisor time). */
void pvsecure_stats(unsigned long *answers, unsigned long *events, unsigned long *slept,
		    u64 *max_ns);
void pvsecure_selftest(void);
#else
static inline void pvsecure_selftest(void)
{
}
#endif

#ifdef CONFIG_PVSECURE_ATTACK
/* One MMU_UPDATE request as given (struct pvsecure_mmu_update, kind
 * RAW or MAP): fills in status (the hypervisor's pv_status) and, for MAP,
 * ptr and val; returns pvsecure_errno(status) or -EINVAL / -ENODEV. */
int pvsecure_mmu_update(struct pvsecure_mmu_update *u);
#endif

#endif
