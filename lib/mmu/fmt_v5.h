/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARMv5 short descriptors (ARM926EJ-S), as in the ARM Architecture Reference
 * Manual DDI 0100I, chapter B3 "Memory Management Unit": the translation
 * process of B3.3 (first-level descriptors: fault, coarse table, section,
 * fine table; second-level descriptors: large 64 KiB, small 4 KiB and, in
 * fine tables only, tiny 1 KiB pages), access permissions (B3.4) and
 * domains (B3.5).
 *
 * Policy beyond the architecture (see docs/mmu.md): bits the manual marks
 * should-be-zero or implementation defined must be zero, except bit 4 of
 * first-level descriptors, which ARMv5 cores ignore and Linux sets. The
 * coarse-table encoding 0b11 (extended small page on XScale only) is refused.
 *
 * Permissions: pvlib's ARMv5 ports run with SCTLR.S = 0 and SCTLR.R = 1
 * (docs/decisions.md, the ARMv5 read-only page), where the AP field means
 * (B3.4.1): 00 read-only in every mode, 01 privileged read/write and user
 * none, 10 privileged read/write and user read-only, 11 read/write in
 * every mode. A leaf is writable if any of its access-permission fields
 * lets any processor mode write, i.e. AP != 0b00; AP == 0b00 is the only
 * read-only page, and it is guest-readable, so the rules let it map only
 * frames a read-only mapping may reach (dom's own, a grant to dom, an I/O
 * region of dom's). S and R together are unpredictable.
 *
 * Memory type from the C and B bits (see the cache and write buffer
 * chapter of DDI 0100I, B5): 00 uncached unbuffered (treated as strongly
 * ordered), 01 uncached buffered (Normal non-cacheable), 10 write-through,
 * 11 write-back.
 *
 * Included by mmu_internal.h only; static inline so that the table walks
 * inline the decoders.
 */
#ifndef PVLIB_MMU_FMT_V5_H
#define PVLIB_MMU_FMT_V5_H

static inline uint8_t v5_cb(uint32_t d)
{
	static const uint8_t v5_mt[4] = { PV_MMU_MT_SO, PV_MMU_MT_NC, PV_MMU_MT_WT, PV_MMU_MT_WB };
	return v5_mt[(d >> 2) & 3u];
}

/* Any of the four subpage AP fields (bits 11:4) writable. */
static inline uint8_t v5_ap4_writable(uint32_t d)
{
	uint32_t ap = (d >> 4) & 0xFFu;
	return (uint8_t)(((ap | (ap >> 1)) & 0x55u) != 0);
}

static inline int32_t pv_mmu_v5_decode_l1(uint32_t d, struct pv_mmu_ent *e)
{
	/* ARMv5 has no nG: nothing is global. */
	pv_mmu_ent_init(e, (uint8_t)((d >> 5) & 0xFu));
	switch (d & 3u) {
	case 0:
		return PV_OK;
	case 1: /* coarse page table: base [31:10], bit 9 IMP, [3:2] SBZ */
		if (d & 0x20Cu)
			return PV_EINVAL;
		e->kind = PV_MMU_ENT_COARSE;
		e->base = d & 0xFFFFFC00u;
		return PV_OK;
	case 2: /* section: base [31:20], AP [11:10], [19:12] and 9 SBZ */
		if (d & 0x000FF200u)
			return PV_EINVAL;
		e->kind = PV_MMU_ENT_LEAF;
		e->base = d & 0xFFF00000u;
		e->frames = 256;
		e->writable = (uint8_t)((d & 0xC00u) != 0);
		e->mt = v5_cb(d);
		return PV_OK;
	default: /* fine page table: base [31:12], [11:9] and [3:2] SBZ */
		if (d & 0xE0Cu)
			return PV_EINVAL;
		e->kind = PV_MMU_ENT_FINE;
		e->base = d & 0xFFFFF000u;
		return PV_OK;
	}
}

static inline int32_t pv_mmu_v5_decode_coarse(uint32_t d, struct pv_mmu_ent *e)
{
	pv_mmu_ent_init(e, PV_MMU_NO_DOMAIN);
	switch (d & 3u) {
	case 0:
		return PV_OK;
	case 1: /* large page: base [31:16], [15:12] SBZ, 16 replicas */
		if (d & 0xF000u)
			return PV_EINVAL;
		e->kind = PV_MMU_ENT_LEAF;
		e->group = 16;
		e->base = d & 0xFFFF0000u;
		e->frames = 16;
		break;
	case 2: /* small page: base [31:12] */
		e->kind = PV_MMU_ENT_LEAF;
		e->group = 1;
		e->base = d & 0xFFFFF000u;
		e->frames = 1;
		break;
	default:
		return PV_EINVAL;
	}
	e->writable = v5_ap4_writable(d);
	e->mt = v5_cb(d);
	return PV_OK;
}

static inline int32_t pv_mmu_v5_decode_fine(uint32_t d, struct pv_mmu_ent *e)
{
	pv_mmu_ent_init(e, PV_MMU_NO_DOMAIN);
	switch (d & 3u) {
	case 0:
		return PV_OK;
	case 1: /* large page in a fine table: 64 replicas */
		if (d & 0xF000u)
			return PV_EINVAL;
		e->group = 64;
		e->base = d & 0xFFFF0000u;
		e->frames = 16;
		e->writable = v5_ap4_writable(d);
		break;
	case 2: /* small page in a fine table: 4 replicas */
		e->group = 4;
		e->base = d & 0xFFFFF000u;
		e->frames = 1;
		e->writable = v5_ap4_writable(d);
		break;
	default: /* tiny page: base [31:10], AP [5:4], [9:6] SBZ */
		if (d & 0x3C0u)
			return PV_EINVAL;
		e->group = 1;
		e->base = d & 0xFFFFF000u; /* the frame holding the 1 KiB */
		e->frames = 1;
		e->writable = (uint8_t)((d & 0x30u) != 0);
		break;
	}
	e->kind = PV_MMU_ENT_LEAF;
	e->mt = v5_cb(d);
	return PV_OK;
}

/*
 * USR-mode rights of AP fields (B3.4.1, SCTLR.S = 0, R = 1): 11
 * read/write, 10 and 00 read-only, 01 none (01 and 10 let privileged modes
 * write, which is why v5_ap4_writable counts them as writable). Four
 * fields at once: field k in bits [2k+1:2k] of a (a large or small page's
 * four subpages, or one field copied four times); PV_MMU_USER_R(k) unless
 * the field is 01, PV_MMU_USER_W(k) when it is 11: bits 0, 2, 4, 6 of
 * each mask gathered into bits 0..3. Branch- and loop-free: every
 * translation of a guest pointer passes here (docs/benchmarks.md).
 */
static inline uint32_t v5_user4(uint32_t a)
{
	uint32_t lo = a & 0x55u, hi = (a >> 1) & 0x55u;
	uint32_t r = (hi | ~lo) & 0x55u, w = hi & lo;
	r = (r | (r >> 1)) & 0x33u;
	r = (r | (r >> 2)) & 0x0Fu;
	w = (w | (w >> 1)) & 0x33u;
	w = (w | (w >> 2)) & 0x0Fu;
	return r | (w << 4);
}

/*
 * The walk's view of a leaf the decoders above accepted from a table of
 * kind tbl (PV_MMU_TBL_*): sections and tiny pages have one AP field, large
 * and small pages one per quarter (subpage) in bits [5:4], [7:6], [9:8],
 * [11:10]; a tiny page's 1 KiB base is [31:10].
 */
static inline void pv_mmu_v5_leaf(unsigned tbl, uint32_t d, struct pv_mmu_leaf *l)
{
	uint32_t ap1;
	if (tbl == PV_MMU_TBL_L1) {
		l->span = 20;
		l->out = d & 0xFFF00000u;
		ap1 = (d >> 10) & 3u;
	} else if (tbl == PV_MMU_TBL_FINE && (d & 3u) == 3u) {
		l->span = 10;
		l->out = d & 0xFFFFFC00u;
		ap1 = (d >> 4) & 3u;
	} else {
		l->span = (d & 3u) == 1u ? 16u : 12u;
		l->out = d & ~((1u << l->span) - 1u);
		l->user = v5_user4((d >> 4) & 0xFFu);
		return;
	}
	l->user = v5_user4(ap1 * 0x55u);
}

#endif /* PVLIB_MMU_FMT_V5_H */
