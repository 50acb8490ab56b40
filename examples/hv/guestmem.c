/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest memory access for the hypercall copy helpers: translate the guest
 * address through the domain's active tables as the MMU would for a
 * USR-mode access in the domain's current virtual mode (lib/mmu's software
 * walk, either format), then ask lib/mmu whether the domain may really
 * reach that frame. The hypervisor reads the tables and the data through
 * its linear map, so a bad guest pointer is an error code, never a
 * hypervisor fault.
 */
#include "hv.h"

/* The pv_hc sync function, on a VIVT cache: the linear-map pointer the
 * access check returned and the guest's own mapping are two aliases. */
void hv_guest_sync(void *user, pv_domid_t dom, pv_gvaddr_t va, uint8_t *host, uint32_t len,
		   enum pv_hc_sync_op op)
{
	(void)user;
	(void)dom; /* always the calling domain, whose address space is loaded */
	port_alias_sync(va, host, len, op == PV_HC_SYNC_AFTER_WRITE);
}

enum pv_status hv_guest_access(void *user, pv_domid_t dom, pv_gvaddr_t gva, uint32_t len,
			       bool write, uint8_t **host)
{
	(void)user;
	(void)len; /* never crosses a 4 KiB page (lib/hypercall guarantees it) */
	struct hv_dom *d = hv_dom_of(dom);
	if (!d || pv_gvaddr_val(gva) >= HV_VIRT_BASE)
		return PV_EFAULT;
	struct pv_mmu_xlate x;
	if (pv_mmu_translate(&hv.mmu, dom, gva, &x) != PV_OK)
		return PV_EFAULT;
	/* DACR: the guest-kernel domain is no access in virtual user mode. */
	if (x.domain == ARMDOM_GUEST_KERN ? d->vmode != REFHV_VMODE_KERNEL
					  : x.domain != ARMDOM_GUEST_USER)
		return PV_EFAULT;
	if (!x.user_read || (write && !x.user_write))
		return PV_EFAULT;
	if (pv_mmu_frame_access(&hv.mmu, dom, pv_maddr_to_mfn(x.ma), write) != PV_OK)
		return PV_EFAULT;
	*host = port_ma_to_va(x.ma);
	return PV_OK;
}
