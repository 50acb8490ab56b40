/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypercall dispatch: table check, permissions, argument ABI, continuations.
 * Concurrency contract: see include/pvlib/hypercall.h.
 */
#include <pvlib/hypercall.h>
#include <pvlib/port.h>

static bool entry_used(const struct pv_hc_entry *e)
{
	return e->handler != 0;
}

int32_t pv_hc_init(struct pv_hc *hc, const struct pv_hc_config *cfg, uint32_t *bad_index)
{
	uint32_t bad_sink;
	if (!bad_index)
		bad_index = &bad_sink;
	*bad_index = UINT32_MAX;

	if (!hc || !cfg || !cfg->table || !cfg->stats || !cfg->perms)
		return PV_EINVAL;
	if (cfg->table_len == 0 || cfg->table_len > PV_HC_NR_LIMIT)
		return PV_EINVAL;
	if (cfg->max_domains == 0 || cfg->max_domains > (uint32_t)PV_DOMID_MAX_GUEST + 1u)
		return PV_EINVAL;
	if (cfg->multicall_slice == 0 || cfg->multicall_max > PV_HC_MULTICALL_MAX)
		return PV_EINVAL;

	uint64_t seen = 0;
	for (uint32_t i = 0; i < cfg->table_len; i++) {
		const struct pv_hc_entry *e = &cfg->table[i];
		if (!entry_used(e))
			continue;
		*bad_index = i;
		if (!e->name || e->arity > PV_HC_MAX_ARGS || (e->flags & ~PV_HC_F_ALL) != 0)
			return PV_EINVAL;
		if (e->nr >= PV_HC_NR_LIMIT)
			return PV_EINVAL;
		if (seen & (UINT64_C(1) << e->nr))
			return PV_EEXIST;
		seen |= UINT64_C(1) << e->nr;
		if (e->nr != i)
			return PV_EINVAL;
		/* Multicall must be preemptible, take (array, count) and never nest. */
		if (e->handler == pv_hc_multicall &&
		    (e->arity != 2 || (e->flags & PV_HC_F_ALL) != PV_HC_F_ALL))
			return PV_EINVAL;
	}
	*bad_index = UINT32_MAX;

	hc->cfg = *cfg;
	hc->unknown = 0;
	hc->denied = 0;
	hc->unbatchable = 0;
	for (uint32_t i = 0; i < cfg->table_len; i++)
		cfg->stats[i] = (struct pv_hc_stats){ 0, 0, 0 };
	for (uint32_t d = 0; d < cfg->max_domains; d++)
		cfg->perms[d].allow = 0;
	return PV_OK;
}

static const struct pv_hc_entry *lookup(const struct pv_hc *hc, uint32_t nr)
{
	if (nr >= hc->cfg.table_len)
		return 0;
	const struct pv_hc_entry *e = &hc->cfg.table[nr];
	return entry_used(e) ? e : 0;
}

int32_t pv_hc_perm_set(struct pv_hc *hc, pv_domid_t dom, struct pv_hc_perm perm)
{
	if (pv_domid_val(dom) >= hc->cfg.max_domains)
		return PV_ESRCH;
	for (uint32_t nr = 0; nr < PV_HC_NR_LIMIT; nr++) {
		if ((perm.allow & (UINT64_C(1) << nr)) && !lookup(hc, nr))
			return PV_EINVAL;
	}
	hc->cfg.perms[pv_domid_val(dom)] = perm;
	return PV_OK;
}

struct pv_hc_perm pv_hc_perm_get(const struct pv_hc *hc, pv_domid_t dom)
{
	if (pv_domid_val(dom) >= hc->cfg.max_domains)
		return (struct pv_hc_perm){ 0 };
	return hc->cfg.perms[pv_domid_val(dom)];
}

/*
 * The common path of a trap and of a multicall entry. Every refusal happens
 * before the handler is entered. Arguments past the arity are zeroed so a
 * handler never sees stale register contents.
 */
int32_t pv_hc_invoke(struct pv_hc *hc, pv_domid_t dom, uint32_t nr,
		     uint32_t args[PV_HC_MAX_ARGS], bool in_multicall)
{
	const struct pv_hc_entry *e = lookup(hc, nr);
	if (!e) {
		hc->unknown++;
		return PV_ENOSYS;
	}
	uint16_t d = pv_domid_val(dom);
	if (d >= hc->cfg.max_domains || !(hc->cfg.perms[d].allow & (UINT64_C(1) << nr))) {
		hc->denied++;
		return PV_EPERM;
	}
	if (in_multicall && (e->flags & PV_HC_F_NO_MULTICALL)) {
		hc->unbatchable++;
		return PV_EINVAL;
	}
	struct pv_hc_stats *st = &hc->cfg.stats[nr];

	struct pv_hc_call call = { .hc = hc, .user = hc->cfg.user, .dom = dom, .nr = nr };
	for (uint32_t i = 0; i < e->arity; i++)
		call.args[i] = args[i];

	st->calls++;
	int32_t rc = e->handler(&call);
	if (rc == PV_ERESTART) {
		/* A non-preemptible handler asking to continue is an author bug. */
		PV_ASSERT(e->flags & PV_HC_F_PREEMPTIBLE);
		st->restarts++;
		for (uint32_t i = 0; i < e->arity; i++)
			args[i] = call.args[i];
		return PV_ERESTART;
	}
	if (rc < 0)
		st->errors++;
	return rc;
}

int32_t pv_hc_dispatch(struct pv_hc *hc, pv_domid_t dom, struct pv_trap_frame *tf)
{
	uint32_t args[PV_HC_MAX_ARGS] = { tf->r[0], tf->r[1], tf->r[2], tf->r[3], tf->r[4] };
	int32_t rc = pv_hc_invoke(hc, dom, tf->r[12], args, false);
	if (rc == PV_ERESTART) {
		/*
		 * Re-issue: the guest resumes at the SVC itself, with the
		 * updated arguments in r0..r4 and the number still in r12.
		 * Interrupts and other domains get their turn in between.
		 */
		for (uint32_t i = 0; i < PV_HC_MAX_ARGS; i++)
			tf->r[i] = args[i];
		tf->pc -= (tf->cpsr & PV_PSR_T) ? 2u : 4u;
		return PV_ERESTART;
	}
	tf->r[0] = (uint32_t)rc;
	return rc;
}

const struct pv_hc_stats *pv_hc_stats_get(const struct pv_hc *hc, uint32_t nr)
{
	return lookup(hc, nr) ? &hc->cfg.stats[nr] : 0;
}

const char *pv_hc_name(const struct pv_hc *hc, uint32_t nr)
{
	const struct pv_hc_entry *e = lookup(hc, nr);
	return e ? e->name : "?";
}
