/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest-visible ABI of the mmu_update hypercall.
 *
 * A guest changes a pinned page table by handing the hypervisor an array of
 * requests. Each request names the machine address of one 32-bit descriptor
 * slot and the new descriptor value. The low two bits of the address (always
 * zero for an aligned slot) select the command; only PV_MMU_CMD_NORMAL exists.
 *
 * This header is self-contained so that a guest can include it alone.
 */
#ifndef PVLIB_ABI_MMU_H
#define PVLIB_ABI_MMU_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever the layout or meaning of anything below changes. */
#define PV_MMU_ABI_VERSION 1u

/* Command encoded in the low bits of pv_mmu_update_req.ptr. */
#define PV_MMU_CMD_MASK 3u
#define PV_MMU_CMD_NORMAL 0u /* write val into the slot at ptr */

/* Most requests one mmu_update call accepts; larger batches get PV_E2BIG. */
#define PV_MMU_UPDATE_MAX 1024u

struct pv_mmu_update_req {
	uint32_t ptr; /* machine address of the slot | PV_MMU_CMD_* */
	uint32_t val; /* new short-descriptor value */
};

_Static_assert(sizeof(struct pv_mmu_update_req) == 8, "mmu_update request is 8 bytes");
_Static_assert(offsetof(struct pv_mmu_update_req, ptr) == 0, "ptr at offset 0");
_Static_assert(offsetof(struct pv_mmu_update_req, val) == 4, "val at offset 4");

#endif /* PVLIB_ABI_MMU_H */
