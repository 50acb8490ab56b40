/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARMv7-A short-descriptor translation table format without LPAE
 * (Cortex-A9), as in the ARM Architecture Reference Manual DDI 0406C,
 * B3.5.1 "Short-descriptor translation table format descriptors" (first
 * level: fault, page table, section, supersection; second level: fault,
 * large page, small page), B3.7.1 access permissions and B3.8.2 memory
 * region attributes with TEX remap disabled (SCTLR.TRE = 0).
 *
 * Assumptions the port must honour (docs/mmu.md): SCTLR.TRE = 0 and
 * SCTLR.AFE = 0 (AP[0] is a permission bit, not an access flag), TTBCR.N = 0
 * (a full 16 KiB L1), and the Cortex-A9 has no PXN, so first-level 0b11 is
 * reserved and the page-table PXN bit must be zero.
 *
 * Policy beyond the architecture: NS and implementation-defined bit 9 must
 * be zero (no Non-secure aliases), SBZ bits must be zero, and a
 * supersection's extended base address bits must be zero (no memory above
 * 4 GiB). A supersection has no domain field; it is always in domain 0.
 *
 * Included by mmu_internal.h only; static inline so that the table walks
 * inline the decoders.
 */
#ifndef PVLIB_MMU_FMT_V7_H
#define PVLIB_MMU_FMT_V7_H

/*
 * Memory type from TEX[2:0]:C:B (DDI 0406C table B3-10). 0xFF = reserved or
 * implementation defined: refused. TEX[2] = 1 (Normal with separate outer
 * AA = TEX[1:0] and inner BB = C:B policies) is handled in code.
 */
#define V7_RSVD 0xFFu

static inline int32_t v7_memtype(uint32_t tex, uint32_t cb, struct pv_mmu_ent *e)
{
	static const uint8_t v7_mt_tex01[16] = {
		/* TEX 000 */ PV_MMU_MT_SO, PV_MMU_MT_DEVICE, PV_MMU_MT_WT, PV_MMU_MT_WB,
		/* TEX 001 */ PV_MMU_MT_NC, V7_RSVD, V7_RSVD, PV_MMU_MT_WBWA,
		/* TEX 010 */ PV_MMU_MT_DEVICE, V7_RSVD, V7_RSVD, V7_RSVD,
		/* TEX 011 */ V7_RSVD, V7_RSVD, V7_RSVD, V7_RSVD,
	};
	/* Cache policy of the TEX[2] = 1 forms: 00 NC, 01 WBWA, 10 WT, 11 WB. */
	static const uint8_t v7_policy[4] = { PV_MMU_MT_NC, PV_MMU_MT_WBWA, PV_MMU_MT_WT,
					      PV_MMU_MT_WB };
	/* tex and cb are 3- and 2-bit fields (both callers mask them): tex >= 4
	 * is TEX[2], and below it tex * 4 + cb is TEX[1:0]:C:B, at most 15. The
	 * mask is for the proof (WP bounds the index by it, docs/verification.md);
	 * the compiler knows the range and drops it, and the code is shorter
	 * than with a test of bit 2 and an OR. */
	if (tex >= 4u) {
		uint8_t outer = v7_policy[tex & 3u], inner = v7_policy[cb];
		e->mt = outer == inner ? inner : (uint8_t)PV_MMU_MT_MIXED;
		return PV_OK;
	}
	uint8_t mt = v7_mt_tex01[(tex * 4u + cb) & 15u];
	if (mt == V7_RSVD)
		return PV_EINVAL;
	e->mt = mt;
	return PV_OK;
}

/* AP[2], AP[1:0] (B3.7.1, AFE = 0): 0b100 is reserved. */
static inline int32_t v7_ap(uint32_t ap2, uint32_t ap10, struct pv_mmu_ent *e)
{
	if (ap2 && ap10 == 0)
		return PV_EINVAL;
	e->writable = (uint8_t)(!ap2 && ap10 != 0);
	return PV_OK;
}

static inline int32_t pv_mmu_v7_decode_l1(uint32_t d, struct pv_mmu_ent *e)
{
	pv_mmu_ent_init(e, (uint8_t)((d >> 5) & 0xFu));
	switch (d & 3u) {
	case 0:
		return PV_OK;
	case 1: /* page table: [2] PXN, [3] NS, [4] SBZ, [9] IMP, base [31:10] */
		if (d & 0x21Cu)
			return PV_EINVAL;
		e->kind = PV_MMU_ENT_COARSE;
		e->base = d & 0xFFFFFC00u;
		return PV_OK;
	case 2:
		break;
	default: /* 0b11: section with PXN; reserved without it */
		return PV_EINVAL;
	}
	/* Section or supersection: [9] IMP and [19] NS must be zero. */
	if (d & 0x80200u)
		return PV_EINVAL;
	e->kind = PV_MMU_ENT_LEAF;
	e->global = (uint8_t)!(d & (1u << 17)); /* nG [17] */
	if (d & (1u << 18)) {
		/* Supersection: extended base [23:20] and [8:5] must be zero. */
		if (d & 0x00F001E0u)
			return PV_ERANGE;
		e->group = 16;
		e->domain = 0;
		e->base = d & 0xFF000000u;
		e->frames = 4096;
	} else {
		e->base = d & 0xFFF00000u;
		e->frames = 256;
	}
	int32_t rc = v7_ap((d >> 15) & 1u, (d >> 10) & 3u, e);
	if (rc != PV_OK)
		return rc;
	return v7_memtype((d >> 12) & 7u, (d >> 2) & 3u, e);
}

static inline int32_t pv_mmu_v7_decode_l2(uint32_t d, struct pv_mmu_ent *e)
{
	uint32_t tex;
	pv_mmu_ent_init(e, PV_MMU_NO_DOMAIN);
	if ((d & 3u) == 0)
		return PV_OK;
	e->kind = PV_MMU_ENT_LEAF;
	e->global = (uint8_t)!(d & (1u << 11)); /* nG [11], large and small */
	if ((d & 3u) == 1) {
		/* Large page: [8:6] SBZ, TEX [14:12], XN [15], base [31:16]. */
		if (d & 0x1C0u)
			return PV_EINVAL;
		e->group = 16;
		e->base = d & 0xFFFF0000u;
		e->frames = 16;
		tex = (d >> 12) & 7u;
	} else {
		/* Small page: XN [0], TEX [8:6], base [31:12]. */
		e->group = 1;
		e->base = d & 0xFFFFF000u;
		e->frames = 1;
		tex = (d >> 6) & 7u;
	}
	int32_t rc = v7_ap((d >> 9) & 1u, (d >> 4) & 3u, e);
	if (rc != PV_OK)
		return rc;
	return v7_memtype(tex, (d >> 2) & 3u, e);
}

/*
 * The walk's view of a leaf the decoders above accepted (B3.7.1, AFE = 0):
 * USR mode may read if AP[1] is set, and write if moreover AP[2:0] = 011.
 * One AP field per descriptor, so the same rights in all four quarters.
 */
static inline void pv_mmu_v7_leaf(bool l1, uint32_t d, struct pv_mmu_leaf *l)
{
	uint32_t ap2, ap10;
	if (l1) {
		l->span = (d & (1u << 18)) ? 24u : 20u; /* supersection, section */
		ap2 = (d >> 15) & 1u;
		ap10 = (d >> 10) & 3u;
	} else {
		l->span = (d & 3u) == 1u ? 16u : 12u; /* large, small */
		ap2 = (d >> 9) & 1u;
		ap10 = (d >> 4) & 3u;
	}
	l->out = d & ~((1u << l->span) - 1u);
	l->user = ((ap10 & 2u) ? 0x0Fu : 0u) | (!ap2 && ap10 == 3u ? 0xF0u : 0u);
}

#endif /* PVLIB_MMU_FMT_V7_H */
