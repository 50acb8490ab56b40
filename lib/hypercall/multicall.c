/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Multicall: several hypercalls in one trap, each with its own result, the
 * batch bounded (multicall_max <= PV_HC_MULTICALL_MAX) and preemptible
 * (multicall_slice entries per round, or sooner when an entry's own handler
 * asks to continue).
 *
 * The arguments of a round (r0 = array, r1 = entries left) come from the
 * guest every time, including on a re-issue: the guest may have changed
 * them, or its mappings, in between. Every round therefore checks them again
 * and asks the access function only about the entries it will touch, so a
 * batch costs O(entries) checks in all, not O(entries^2 / slice).
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

	if (count > hc->multicall_max)
		return PV_E2BIG;
	if (count == 0)
		return PV_OK;
	/*
	 * The whole array: aligned, not wrapping, below the guest limit. This
	 * is arithmetic only. count <= PV_HC_MULTICALL_MAX (checked at init),
	 * so bytes fits in 32 bits.
	 */
	uint32_t bytes = count * ENTRY_SIZE;
	if (base & (_Alignof(struct pv_multicall_entry) - 1u))
		return PV_EALIGN;
	if (base > UINT32_MAX - (bytes - 1u))
		return PV_EOVERFLOW;
	if (hc->guest_va_limit != 0 && base + (bytes - 1u) >= hc->guest_va_limit)
		return PV_EFAULT;
	/* The entries of this round must be readable and writable up front. */
	uint32_t round = count < hc->multicall_slice ? count : hc->multicall_slice;
	int32_t rc = pv_hc_guest_check(hc, call->dom, pv_gvaddr(base), round * ENTRY_SIZE,
				       _Alignof(struct pv_multicall_entry), true);
	if (rc != PV_OK)
		return rc;

	for (uint32_t i = 0; i < round; i++) {
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
	return round < count ? restart_at(call, base, count, round) : PV_OK;
}
