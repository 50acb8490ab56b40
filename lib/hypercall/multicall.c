/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Multicall: several hypercalls in one trap, each with its own result, the
 * batch bounded (multicall_max) and preemptible (multicall_slice entries per
 * round, or sooner when an entry's own handler asks to continue).
 */
#include <pvlib/hypercall.h>

#define ENTRY_SIZE ((uint32_t)sizeof(struct pv_multicall_entry))

static int32_t restart_at(struct pv_hc_call *call, uint32_t base, uint32_t count, uint32_t i)
{
	call->args[0] = base + i * ENTRY_SIZE;
	call->args[1] = count - i;
	return PV_ERESTART;
}

int32_t pv_hc_multicall(struct pv_hc_call *call)
{
	struct pv_hc *hc = call->hc;
	uint32_t base = call->args[0];
	uint32_t count = call->args[1];

	if (count > hc->cfg.multicall_max)
		return PV_E2BIG;
	if (count == 0)
		return PV_OK;
	/* count <= multicall_max, so count * 32 cannot overflow 64 bits. */
	uint64_t bytes = (uint64_t)count * ENTRY_SIZE;
	if (bytes > UINT32_MAX)
		return PV_EOVERFLOW;
	/* The whole remaining array must be readable and writable up front. */
	int32_t rc = pv_hc_guest_check(hc, call->dom, pv_gvaddr(base), (uint32_t)bytes,
				       _Alignof(struct pv_multicall_entry), true);
	if (rc != PV_OK)
		return rc;

	for (uint32_t i = 0; i < count; i++) {
		if (i == hc->cfg.multicall_slice)
			return restart_at(call, base, count, i);

		pv_gvaddr_t at = pv_gvaddr(base + i * ENTRY_SIZE);
		struct pv_multicall_entry ent;
		rc = pv_hc_copy_from_guest(hc, call->dom, &ent, at, ENTRY_SIZE, 4);
		if (rc != PV_OK)
			return rc;

		int32_t res;
		if (ent.reserved != 0)
			res = PV_EINVAL;
		else
			res = pv_hc_invoke(hc, call->dom, ent.op, ent.args, true);

		if (res == PV_ERESTART) {
			/* Save the entry's progress; resume the batch at it. */
			rc = pv_hc_copy_to_guest(hc, call->dom, at, &ent, ENTRY_SIZE, 4);
			if (rc != PV_OK)
				return rc;
			return restart_at(call, base, count, i);
		}
		rc = pv_hc_copy_to_guest(hc, call->dom,
					 pv_gvaddr(pv_gvaddr_val(at) +
						   (uint32_t)offsetof(struct pv_multicall_entry, result)),
					 &res, sizeof res, 4);
		if (rc != PV_OK)
			return rc;
	}
	return PV_OK;
}
