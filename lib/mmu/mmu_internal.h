/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/mmu internals: the decoded form of a descriptor that the format files
 * produce and the validator consumes, and the helpers shared between files.
 */
#ifndef PVLIB_MMU_INTERNAL_H
#define PVLIB_MMU_INTERNAL_H

#include <pvlib/mmu.h>
#include <pvlib/port.h>

/* What a descriptor is, once decoded. */
enum {
	PV_MMU_ENT_FAULT = 0,  /* no translation */
	PV_MMU_ENT_LEAF = 1,   /* maps memory (page, section, supersection) */
	PV_MMU_ENT_COARSE = 2, /* L1 entry pointing to a 1 KiB coarse table */
	PV_MMU_ENT_FINE = 3,   /* ARMv5 L1 entry pointing to a 4 KiB fine table */
};

/* Which kind of table a slot lives in (selects the decoder). */
enum {
	PV_MMU_TBL_L1 = 0,
	PV_MMU_TBL_COARSE = 1,
	PV_MMU_TBL_FINE = 2,
};

#define PV_MMU_L1_SLOTS 4096u
#define PV_MMU_L2_FRAME_SLOTS 1024u /* slots in one 4 KiB frame */
#define PV_MMU_NO_DOMAIN 0xFFu

struct pv_mmu_ent {
	uint8_t kind;     /* PV_MMU_ENT_* */
	uint8_t writable; /* leaf: some processor mode may write */
	uint8_t mt;       /* leaf: enum pv_mmu_memtype */
	uint8_t domain;   /* L1 entries: ARM domain; else PV_MMU_NO_DOMAIN */
	uint32_t group;   /* slots the descriptor is replicated over: 1,4,16,64 */
	uint32_t base;    /* leaf: first mapped frame's address; table: its base */
	uint32_t frames;  /* leaf: frames covered (a tiny page covers 1) */
};

/* Format decoders (fmt_v5.c, fmt_v7.c). PV_OK or PV_EINVAL / PV_ERANGE. */
int32_t pv_mmu_v5_decode_l1(uint32_t d, struct pv_mmu_ent *e);
int32_t pv_mmu_v5_decode_coarse(uint32_t d, struct pv_mmu_ent *e);
int32_t pv_mmu_v5_decode_fine(uint32_t d, struct pv_mmu_ent *e);
int32_t pv_mmu_v7_decode_l1(uint32_t d, struct pv_mmu_ent *e);
int32_t pv_mmu_v7_decode_l2(uint32_t d, struct pv_mmu_ent *e);

static inline int32_t pv_mmu_decode(const struct pv_mmu *m, unsigned tbl, uint32_t d,
				    struct pv_mmu_ent *e)
{
	if (m->format == PV_MMU_FMT_V7)
		return tbl == PV_MMU_TBL_L1 ? pv_mmu_v7_decode_l1(d, e) : pv_mmu_v7_decode_l2(d, e);
	if (tbl == PV_MMU_TBL_L1)
		return pv_mmu_v5_decode_l1(d, e);
	return tbl == PV_MMU_TBL_COARSE ? pv_mmu_v5_decode_coarse(d, e) : pv_mmu_v5_decode_fine(d, e);
}

/* Frame index of machine address ma, or UINT32_MAX if outside RAM. */
static inline uint32_t pv_mmu_frame_index(const struct pv_mmu *m, uint32_t ma)
{
	uint32_t off = ma - m->ram_base;
	return off < m->ram_size ? off >> PV_FRAME_SHIFT : UINT32_MAX;
}

static inline uint32_t *pv_mmu_slot_ptr(const struct pv_mmu *m, uint32_t idx)
{
	return m->ram + (size_t)idx * (PV_FRAME_SIZE / 4u);
}

static inline bool pv_mmu_dom_ok(const struct pv_mmu *m, pv_domid_t d)
{
	return pv_domid_val(d) < m->nr_domains;
}

/* The I/O region of dom containing [base, base+len), or NULL. */
struct pv_mmu_io_region *pv_mmu_io_find(const struct pv_mmu *m, uint16_t dom, uint32_t base,
					uint32_t len);

/* Validation and accounting of one decoded, non-fault entry (validate.c). */
int32_t pv_mmu_check(const struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e,
		     uint32_t pin_lo, uint32_t pin_hi);
void pv_mmu_get(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);
void pv_mmu_put(struct pv_mmu *m, uint16_t dom, const struct pv_mmu_ent *e);

/* Drop every mapping of the pinned table whose first frame is idx. */
void pv_mmu_table_release(struct pv_mmu *m, uint32_t idx);

/* TLB (and, on ARMv5, cache) maintenance after mappings went away. */
void pv_mmu_flush_after_release(const struct pv_mmu *m);

#endif /* PVLIB_MMU_INTERNAL_H */
