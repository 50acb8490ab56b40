/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest memory access for the hypercall copy helpers: walk the domain's
 * active tables in software (ARMv5 short descriptors, ARM ARM B3.3) as the
 * MMU would for a USR-mode access in the domain's current virtual mode,
 * then ask lib/mmu whether the domain may really reach that frame. The
 * hypervisor reads the tables and the data through its linear map, so a
 * bad guest pointer is an error code, never a hypervisor fault.
 */
#include "hv.h"

int32_t hv_guest_access(void *user, pv_domid_t dom, pv_gvaddr_t gva, uint32_t len, bool write,
			uint8_t **host)
{
	(void)user;
	(void)len; /* never crosses a 4 KiB page (lib/hypercall guarantees it) */
	struct hv_dom *d = hv_dom_of(dom);
	uint32_t va = pv_gvaddr_val(gva);
	if (!d || va >= HV_VIRT_BASE)
		return PV_EFAULT;
	const uint32_t *l1 = port_ma_to_va(d->l1);
	uint32_t e1 = l1[va >> 20];
	uint32_t armdom = (e1 >> 5) & 0xFu, ap, ma;
	if (armdom == ARMDOM_GUEST_KERN && d->vmode != REFHV_VMODE_KERNEL)
		return PV_EFAULT;
	if (armdom != ARMDOM_GUEST_KERN && armdom != ARMDOM_GUEST_USER)
		return PV_EFAULT;
	switch (e1 & 3u) {
	case 2: /* section */
		ap = (e1 >> 10) & 3u;
		ma = (e1 & 0xFFF00000u) | (va & 0x000FFFFFu);
		break;
	case 1: { /* coarse table */
		const uint32_t *l2 = port_ma_to_va(pv_maddr(e1 & 0xFFFFFC00u));
		uint32_t e2 = l2[(va >> 12) & 0xFFu];
		if ((e2 & 3u) == 2u) {
			ap = (e2 >> (4u + 2u * ((va >> 10) & 3u))) & 3u;
			ma = (e2 & 0xFFFFF000u) | (va & 0xFFFu);
		} else if ((e2 & 3u) == 1u) {
			ap = (e2 >> (4u + 2u * ((va >> 14) & 3u))) & 3u;
			ma = (e2 & 0xFFFF0000u) | (va & 0xFFFFu);
		} else {
			return PV_EFAULT;
		}
		break;
	}
	default: /* fault, or a fine table (the walker does not follow those) */
		return PV_EFAULT;
	}
	/* USR-mode permission: AP=11 read/write, AP=10 read-only. */
	if (ap < 2u || (write && ap != 3u))
		return PV_EFAULT;
	if (pv_mmu_frame_access(&hv.mmu, dom, pv_maddr_to_mfn(pv_maddr(ma)), write) != PV_OK)
		return PV_EFAULT;
	*host = port_ma_to_va(pv_maddr(ma));
	return PV_OK;
}
