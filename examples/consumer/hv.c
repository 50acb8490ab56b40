/* SPDX-License-Identifier: BSD-2-Clause */
#include <pvlib/hypercall.h>

#include "hv.h"

/* Hypercall 0, console_write(ch): here it counts; a board prints ch. */
static uint32_t console_chars;

static int32_t hc_console(struct pv_hc_call *c)
{
	if (c->args[0] > 0xFFu)
		return PV_EINVAL;
	console_chars++;
	return (int32_t)console_chars;
}

static const struct pv_hc_entry table[] = {
	[0] = { 0, 1, 0, "console_write", hc_console },
};
static struct pv_hc_stats stats[1];
static struct pv_hc_perm perms[4];
static struct pv_hc hc;

enum pv_status hv_init(void)
{
	struct pv_hc_config cfg = {
		.table = table, .table_len = 1, .stats = stats, .perms = perms,
		.nr_domains = 4, .multicall_max = 32, .multicall_slice = 8,
	};
	uint32_t bad;
	enum pv_status rc = pv_hc_init(&hc, &cfg, &bad);
	if (rc != PV_OK)
		return rc;
	/* Domain 1 may make hypercall 0; every other domain, nothing. */
	return pv_hc_perm_set(&hc, pv_domid(1), (struct pv_hc_perm){ 1u << 0 });
}

/* From the port's SVC handler: */
void on_hypercall(pv_domid_t dom, struct pv_trap_frame *tf)
{
	pv_hc_dispatch(&hc, dom, tf);
}
