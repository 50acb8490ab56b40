/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Encoders for every ARM short-descriptor kind, for guests and domain
 * builders: header-only, freestanding, no state.
 *
 * ARMv5 (ARM926EJ-S; ARM ARM DDI 0100I, B3.3): sections, coarse and fine
 * table pointers; large (64 KiB), small (4 KiB) and, in fine tables only,
 * tiny (1 KiB) pages; C and B give the memory type; large and small pages
 * carry one AP field per quarter (subpage).
 *
 * ARMv7-A without LPAE (Cortex-A9; DDI 0406C, B3.5.1), TEX remap off:
 * sections, supersections (16 MiB, within 4 GiB: no extended base
 * address), coarse table pointers, large and small pages; TEX:C:B give the
 * memory type (table B3-10); AP[2]:AP[1:0] the access; S, nG and XN are
 * flags. The NS and PXN bits are never set (guests run non-secure, the
 * Cortex-A9 has no PXN).
 *
 * Each encoder masks its arguments to their fields and sets every
 * should-be-one bit; it does not judge: whether the hypervisor accepts an
 * entry is the validator's business (the rules in docs/mmu.md). In
 * particular an encoder builds global entries (nG = 0) and strongly-ordered
 * or Device RAM when asked, which lib/mmu refuses by default.
 */
#ifndef PVLIB_ABI_MMU_DESC_H
#define PVLIB_ABI_MMU_DESC_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A fault (invalid) entry, in every table and format. */
#define PV_MMU_DESC_FAULT 0u

/**
 * @name ARMv5 memory types (the C and B bits, C << 1 | B)
 * @{
 */
#define PV_MMU_V5_MT_SO 0u /**< uncached, unbuffered (strongly ordered) */
#define PV_MMU_V5_MT_NC 1u /**< uncached, buffered */
#define PV_MMU_V5_MT_WT 2u /**< write-through cached, buffered */
#define PV_MMU_V5_MT_WB 3u /**< write-back cached, buffered */
/** @} */

/**
 * @name ARMv5 access permissions (AP, with CP15 c1 S = 0, R = 1, as every
 * pvlib ARMv5 port runs: AP 00 is read-only in every mode; with R = 0 it
 * would be no access)
 * @{
 */
#define PV_MMU_V5_AP_RO 0u      /**< read-only in every mode */
/** The 1.0 name of AP 00, which means no access only with R = 0 (no pvlib
 * port runs so): kept for source compatibility, use PV_MMU_V5_AP_RO. */
#define PV_MMU_V5_AP_NONE PV_MMU_V5_AP_RO
#define PV_MMU_V5_AP_PRIV_RW 1u /**< privileged read/write, user none */
#define PV_MMU_V5_AP_USER_RO 2u /**< privileged read/write, user read-only */
#define PV_MMU_V5_AP_RW 3u      /**< read/write in every mode */
/** @} */

/**
 * @name ARMv7 memory types, TEX remap off: the value TEX << 2 | C << 1 | B
 * @{
 */
#define PV_MMU_V7_MT_SO 0x00u            /**< strongly ordered (TEX 000 C 0 B 0) */
#define PV_MMU_V7_MT_DEVICE_SHARED 0x01u /**< shareable Device (TEX 000 C 0 B 1) */
/** Normal, inner/outer write-through, no write-allocate. */
#define PV_MMU_V7_MT_WT 0x02u
#define PV_MMU_V7_MT_WB 0x03u            /**< Normal, inner/outer write-back, no write-allocate */
#define PV_MMU_V7_MT_NC 0x04u            /**< Normal, inner/outer non-cacheable (TEX 001 C 0 B 0) */
#define PV_MMU_V7_MT_WBWA 0x07u          /**< Normal, inner/outer write-back, write-allocate */
#define PV_MMU_V7_MT_DEVICE 0x08u        /**< non-shareable Device (TEX 010 C 0 B 0) */
/** Cache policies for PV_MMU_V7_MT_NORMAL (the AA and BB fields). */
#define PV_MMU_V7_CACHE_NC 0u   /**< non-cacheable */
#define PV_MMU_V7_CACHE_WBWA 1u /**< write-back, write-allocate */
#define PV_MMU_V7_CACHE_WT 2u   /**< write-through, no write-allocate */
#define PV_MMU_V7_CACHE_WB 3u   /**< write-back, no write-allocate */
/** Normal memory with its own outer and inner policies (TEX 1AA C B = BB). */
#define PV_MMU_V7_MT_NORMAL(outer, inner) (0x10u | ((outer)&3u) << 2 | ((inner)&3u))
/** @} */

/**
 * @name ARMv7 access permissions: AP[2] << 2 | AP[1:0] (AFE = 0)
 * @{
 */
#define PV_MMU_V7_AP_NONE 0u    /**< no access */
#define PV_MMU_V7_AP_PRIV_RW 1u /**< privileged read/write, user none */
#define PV_MMU_V7_AP_USER_RO 2u /**< privileged read/write, user read-only */
#define PV_MMU_V7_AP_RW 3u      /**< read/write in every mode */
#define PV_MMU_V7_AP_PRIV_RO 5u /**< privileged read-only, user none */
#define PV_MMU_V7_AP_RO 7u      /**< read-only in every mode */
/** @} */

/**
 * @name ARMv7 leaf flags (placed at each kind's own bit positions)
 * @{
 */
#define PV_MMU_V7_XN 0x1u /**< execute-never */
#define PV_MMU_V7_S 0x2u  /**< shareable */
#define PV_MMU_V7_NG 0x4u /**< not global: tagged with the current ASID */
/** @} */

/* --- ARMv5 --- */

/**
 * ARMv5 section: 1 MiB at ma (1 MiB aligned).
 * @param ma machine address; bits below 1 MiB are dropped
 * @param ap PV_MMU_V5_AP_*
 * @param mt PV_MMU_V5_MT_*
 * @param armdom ARM domain 0..15
 * @return the first-level descriptor
 */
static inline uint32_t pv_mmu_desc_v5_section(uint32_t ma, uint32_t ap, uint32_t mt,
					      uint32_t armdom)
{
	return (ma & 0xFFF00000u) | (ap & 3u) << 10 | (armdom & 15u) << 5 | 0x10u | (mt & 3u) << 2 |
	       0x2u;
}

/**
 * ARMv5 pointer to a 1 KiB coarse table (256 entries of 4 KiB).
 * @param ma machine address of the table, 1 KiB aligned
 * @param armdom ARM domain 0..15 of every page mapped through it
 * @return the first-level descriptor
 */
static inline uint32_t pv_mmu_desc_v5_coarse(uint32_t ma, uint32_t armdom)
{
	return (ma & 0xFFFFFC00u) | (armdom & 15u) << 5 | 0x10u | 0x1u;
}

/**
 * ARMv5 pointer to a 4 KiB fine table (1024 entries of 1 KiB).
 * @param ma machine address of the table, 4 KiB aligned
 * @param armdom ARM domain 0..15
 * @return the first-level descriptor
 */
static inline uint32_t pv_mmu_desc_v5_fine(uint32_t ma, uint32_t armdom)
{
	return (ma & 0xFFFFF000u) | (armdom & 15u) << 5 | 0x10u | 0x3u;
}

/**
 * The four subpage permissions of an ARMv5 large or small page, from the
 * lowest quarter of the page (ap0) to the highest (ap3).
 * @return the AP0..AP3 fields in place (bits 11:4)
 * @param ap0 PV_MMU_V5_AP_* of the lowest quarter
 * @param ap1 of the second
 * @param ap2 of the third
 * @param ap3 of the highest
 */
static inline uint32_t pv_mmu_desc_v5_subpages(uint32_t ap0, uint32_t ap1, uint32_t ap2,
					       uint32_t ap3)
{
	return (ap0 & 3u) << 4 | (ap1 & 3u) << 6 | (ap2 & 3u) << 8 | (ap3 & 3u) << 10;
}

/**
 * ARMv5 large page: 64 KiB at ma, one entry repeated in 16 consecutive
 * coarse-table slots (64 in a fine table).
 * @param ma machine address, 64 KiB aligned
 * @param aps the subpage permissions, from pv_mmu_desc_v5_subpages()
 * @param mt PV_MMU_V5_MT_*
 * @return the second-level descriptor
 */
static inline uint32_t pv_mmu_desc_v5_large(uint32_t ma, uint32_t aps, uint32_t mt)
{
	return (ma & 0xFFFF0000u) | (aps & 0xFF0u) | (mt & 3u) << 2 | 0x1u;
}

/**
 * ARMv5 small page: 4 KiB at ma (repeated in 4 slots of a fine table).
 * @param ma machine address, 4 KiB aligned
 * @param aps the subpage permissions, from pv_mmu_desc_v5_subpages()
 * @param mt PV_MMU_V5_MT_*
 * @return the second-level descriptor
 */
static inline uint32_t pv_mmu_desc_v5_small(uint32_t ma, uint32_t aps, uint32_t mt)
{
	return (ma & 0xFFFFF000u) | (aps & 0xFF0u) | (mt & 3u) << 2 | 0x2u;
}

/**
 * ARMv5 tiny page: 1 KiB at ma, in a fine table only.
 * @param ma machine address, 1 KiB aligned
 * @param ap PV_MMU_V5_AP_*
 * @param mt PV_MMU_V5_MT_*
 * @return the second-level descriptor
 */
static inline uint32_t pv_mmu_desc_v5_tiny(uint32_t ma, uint32_t ap, uint32_t mt)
{
	return (ma & 0xFFFFFC00u) | (ap & 3u) << 4 | (mt & 3u) << 2 | 0x3u;
}

/* --- ARMv7 --- */

/**
 * ARMv7 section: 1 MiB at ma.
 * @param ma machine address, 1 MiB aligned
 * @param ap PV_MMU_V7_AP_*
 * @param mt PV_MMU_V7_MT_* or PV_MMU_V7_MT_NORMAL()
 * @param armdom ARM domain 0..15
 * @param flags PV_MMU_V7_XN, PV_MMU_V7_S, PV_MMU_V7_NG
 * @return the first-level descriptor
 */
static inline uint32_t pv_mmu_desc_v7_section(uint32_t ma, uint32_t ap, uint32_t mt,
					      uint32_t armdom, uint32_t flags)
{
	return (ma & 0xFFF00000u) | ((flags & PV_MMU_V7_NG) ? 1u << 17 : 0u) |
	       ((flags & PV_MMU_V7_S) ? 1u << 16 : 0u) | (ap & 4u) << 13 | (mt & 0x1Cu) << 10 |
	       (ap & 3u) << 10 | (armdom & 15u) << 5 | ((flags & PV_MMU_V7_XN) ? 1u << 4 : 0u) |
	       (mt & 3u) << 2 | 0x2u;
}

/**
 * ARMv7 supersection: 16 MiB at ma, one entry repeated in 16 consecutive
 * first-level slots. Always in ARM domain 0 (its domain field is the
 * extended base address, here zero).
 * @param ma machine address, 16 MiB aligned
 * @param ap PV_MMU_V7_AP_*
 * @param mt PV_MMU_V7_MT_* or PV_MMU_V7_MT_NORMAL()
 * @param flags PV_MMU_V7_XN, PV_MMU_V7_S, PV_MMU_V7_NG
 * @return the first-level descriptor
 */
static inline uint32_t pv_mmu_desc_v7_supersection(uint32_t ma, uint32_t ap, uint32_t mt,
						   uint32_t flags)
{
	return pv_mmu_desc_v7_section(ma & 0xFF000000u, ap, mt, 0u, flags) | 1u << 18;
}

/**
 * ARMv7 pointer to a 1 KiB second-level table.
 * @param ma machine address of the table, 1 KiB aligned
 * @param armdom ARM domain 0..15
 * @return the first-level descriptor
 */
static inline uint32_t pv_mmu_desc_v7_table(uint32_t ma, uint32_t armdom)
{
	return (ma & 0xFFFFFC00u) | (armdom & 15u) << 5 | 0x1u;
}

/**
 * ARMv7 large page: 64 KiB at ma, repeated in 16 consecutive slots.
 * @param ma machine address, 64 KiB aligned
 * @param ap PV_MMU_V7_AP_*
 * @param mt PV_MMU_V7_MT_* or PV_MMU_V7_MT_NORMAL()
 * @param flags PV_MMU_V7_XN, PV_MMU_V7_S, PV_MMU_V7_NG
 * @return the second-level descriptor
 */
static inline uint32_t pv_mmu_desc_v7_large(uint32_t ma, uint32_t ap, uint32_t mt, uint32_t flags)
{
	return (ma & 0xFFFF0000u) | ((flags & PV_MMU_V7_XN) ? 1u << 15 : 0u) | (mt & 0x1Cu) << 10 |
	       ((flags & PV_MMU_V7_NG) ? 1u << 11 : 0u) | ((flags & PV_MMU_V7_S) ? 1u << 10 : 0u) |
	       (ap & 4u) << 7 | (ap & 3u) << 4 | (mt & 3u) << 2 | 0x1u;
}

/**
 * ARMv7 small page: 4 KiB at ma.
 * @param ma machine address, 4 KiB aligned
 * @param ap PV_MMU_V7_AP_*
 * @param mt PV_MMU_V7_MT_* or PV_MMU_V7_MT_NORMAL()
 * @param flags PV_MMU_V7_XN, PV_MMU_V7_S, PV_MMU_V7_NG
 * @return the second-level descriptor
 */
static inline uint32_t pv_mmu_desc_v7_small(uint32_t ma, uint32_t ap, uint32_t mt, uint32_t flags)
{
	return (ma & 0xFFFFF000u) | ((flags & PV_MMU_V7_NG) ? 1u << 11 : 0u) |
	       ((flags & PV_MMU_V7_S) ? 1u << 10 : 0u) | (ap & 4u) << 7 | (mt & 0x1Cu) << 4 |
	       (ap & 3u) << 4 | (mt & 3u) << 2 | 0x2u | ((flags & PV_MMU_V7_XN) ? 1u : 0u);
}

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_ABI_MMU_DESC_H */
