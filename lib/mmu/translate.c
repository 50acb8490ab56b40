/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_translate: the table walk the MMU would do, in software, over a
 * domain's active (pinned, hence validated) tables. A hypervisor uses it to
 * turn a guest pointer handed to a hypercall into a machine address with
 * the permissions a USR-mode access would get, before it asks
 * pv_mmu_frame_access() whether the domain may reach that frame at all.
 *
 * Walks follow the ARM ARM: DDI 0100I B3.3 (ARMv5: sections, coarse and fine
 * tables, large/small/tiny pages, four AP subpages) and DDI 0406C B3.5
 * (ARMv7 short descriptors: sections, supersections, large/small pages).
 * USR-mode permissions are B3.4.1 (ARMv5, SCTLR.S = R = 0: AP 11 read/write,
 * 10 read-only, else none) and B3.7.1 (ARMv7, AFE = 0: AP[1] = 1 allows
 * unprivileged reads, AP[2:0] = 011 unprivileged writes).
 *
 * Concurrency: reads the instance only; the caller holds it (see mmu.h).
 */
#include "mmu_internal.h"

/* Unprivileged access from an ARMv5 AP field (2 bits). */
static void v5_user(uint32_t ap, struct pv_mmu_xlate *x)
{
	x->user_read = ap >= 2u;
	x->user_write = ap == 3u;
}

/* Unprivileged access from ARMv7 AP[2] and AP[1:0]. */
static void v7_user(uint32_t ap2, uint32_t ap10, struct pv_mmu_xlate *x)
{
	x->user_read = (ap10 & 2u) != 0;
	x->user_write = !ap2 && ap10 == 3u;
}

static int32_t walk_v5(const struct pv_mmu *m, uint32_t l1d, uint32_t va, struct pv_mmu_xlate *x)
{
	uint32_t d, base, ap;
	switch (l1d & 3u) {
	case 2: /* section */
		x->ma = pv_maddr((l1d & 0xFFF00000u) | (va & 0x000FFFFFu));
		v5_user((l1d >> 10) & 3u, x);
		return PV_OK;
	case 1: /* coarse table: 256 entries indexed by va[19:12] */
		base = l1d & 0xFFFFFC00u;
		d = m->ram[(base - m->ram_base) / 4u + ((va >> 12) & 0xFFu)];
		break;
	case 3: /* fine table: 1024 entries indexed by va[19:10] */
		base = l1d & 0xFFFFF000u;
		d = m->ram[(base - m->ram_base) / 4u + ((va >> 10) & 0x3FFu)];
		if ((d & 3u) == 3u) { /* tiny page: one AP field [5:4] */
			x->ma = pv_maddr((d & 0xFFFFFC00u) | (va & 0x3FFu));
			v5_user((d >> 4) & 3u, x);
			return PV_OK;
		}
		break;
	default:
		return PV_EFAULT;
	}
	switch (d & 3u) {
	case 1: /* large page: subpage by va[15:14] */
		x->ma = pv_maddr((d & 0xFFFF0000u) | (va & 0xFFFFu));
		ap = (d >> (4u + 2u * ((va >> 14) & 3u))) & 3u;
		break;
	case 2: /* small page: subpage by va[11:10] */
		x->ma = pv_maddr((d & 0xFFFFF000u) | (va & 0xFFFu));
		ap = (d >> (4u + 2u * ((va >> 10) & 3u))) & 3u;
		break;
	default: /* fault (0b11 is refused in coarse tables) */
		return PV_EFAULT;
	}
	v5_user(ap, x);
	return PV_OK;
}

static int32_t walk_v7(const struct pv_mmu *m, uint32_t l1d, uint32_t va, struct pv_mmu_xlate *x)
{
	switch (l1d & 3u) {
	case 2:
		if (l1d & (1u << 18)) { /* supersection: always domain 0 */
			x->ma = pv_maddr((l1d & 0xFF000000u) | (va & 0x00FFFFFFu));
			x->domain = 0;
		} else {
			x->ma = pv_maddr((l1d & 0xFFF00000u) | (va & 0x000FFFFFu));
		}
		v7_user((l1d >> 15) & 1u, (l1d >> 10) & 3u, x);
		return PV_OK;
	case 1: {
		uint32_t base = l1d & 0xFFFFFC00u;
		uint32_t d = m->ram[(base - m->ram_base) / 4u + ((va >> 12) & 0xFFu)];
		if ((d & 3u) == 0)
			return PV_EFAULT;
		if ((d & 3u) == 1) /* large page */
			x->ma = pv_maddr((d & 0xFFFF0000u) | (va & 0xFFFFu));
		else /* small page (bit 0 is XN) */
			x->ma = pv_maddr((d & 0xFFFFF000u) | (va & 0xFFFu));
		v7_user((d >> 9) & 1u, (d >> 4) & 3u, x);
		return PV_OK;
	}
	default:
		return PV_EFAULT;
	}
}

int32_t pv_mmu_translate(const struct pv_mmu *m, pv_domid_t dom, pv_gvaddr_t gva,
			 struct pv_mmu_xlate *x)
{
	if (!pv_mmu_dom_ok(m, dom))
		return PV_ESRCH;
	uint32_t l1 = m->domains[pv_domid_val(dom)].active_l1;
	if (l1 == PV_MMU_NO_L1)
		return PV_ENOENT;
	uint32_t va = pv_gvaddr_val(gva), slot = va >> 20;
	if (slot - m->hyp_slot_lo < m->hyp_slot_hi - m->hyp_slot_lo)
		return PV_EFAULT; /* the hypervisor's range is never the guest's */
	/* The active L1 is pinned: in RAM, and every entry has passed the
	 * rules, so each table it points to is a pinned table in RAM too. */
	uint32_t l1d = m->ram[((l1 << PV_FRAME_SHIFT) - m->ram_base) / 4u + slot];
	x->domain = (uint8_t)((l1d >> 5) & 0xFu);
	return m->format == PV_MMU_FMT_V7 ? walk_v7(m, l1d, va, x) : walk_v5(m, l1d, va, x);
}
