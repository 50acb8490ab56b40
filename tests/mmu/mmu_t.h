/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared helpers of the mmu tests: a small machine (RAM buffer, frame table,
 * domains, I/O regions) and descriptor encoders written from the ARM ARM
 * independently of lib/mmu, so that a decoding mistake in the library does
 * not hide behind the same mistake in the tests.
 *
 * Machine layout (both formats): RAM at 0x40000000, T_RAM_MB MiB. The first
 * MiB belongs to the hypervisor; domain 1 owns MiB 1..(half), domain 2 the
 * next MiB, the rest is free. Domain 0 exists but owns nothing. I/O region
 * 0x10000000 + 1 MiB belongs to domain 1. Hypervisor VA range 0xF0000000,
 * 16 MiB (L1 slots 0xF00..0xF0F). Guest ARM domains 0 and 1; hypervisor 2.
 */
#ifndef PVLIB_TESTS_MMU_T_H
#define PVLIB_TESTS_MMU_T_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pvlib/mmu.h>

#define T_RAM_BASE 0x40000000u
#define T_IO_BASE 0x10000000u
#define T_HYP_VA 0xF0000000u
#define T_HYP_SLOT (T_HYP_VA >> 20)
#define T_HYP_DOMAIN 2u
#define T_NDOMS 4u
#define T_NIO 4u
#define T_HYP_SLOTS 16u

struct t_machine {
	struct pv_mmu mmu;
	enum pv_mmu_format fmt;
	uint32_t ram_mb;
	uint32_t *ram;
	uint32_t *frame_store; /* PV_MMU_FRAME_STORE_WORDS(ram_mb << 8) words */
	struct pv_mmu_domain doms[T_NDOMS];
	struct pv_mmu_io_region io[T_NIO];
	uint32_t hyp_l1[T_HYP_SLOTS];
	uint32_t *scratch;
	size_t scratch_words;
};

static inline uint32_t t_ma(uint32_t mib, uint32_t frame) /* address of frame in MiB */
{
	return T_RAM_BASE + (mib << 20) + (frame << 12);
}

static inline uint32_t *t_ptr(struct t_machine *t, uint32_t ma)
{
	return t->ram + ((ma - T_RAM_BASE) >> 2);
}

/* The record of frame number i of RAM (counted from T_RAM_BASE). */
static inline struct pv_mmu_frame t_frame_at(struct t_machine *t, uint32_t i)
{
	struct pv_mmu_frame f;
	if (pv_mmu_frame_info(&t->mmu, pv_mfn((T_RAM_BASE >> 12) + i), &f) != PV_OK)
		abort();
	return f;
}

/* The record of the frame holding machine address ma. */
static inline struct pv_mmu_frame t_frame(struct t_machine *t, uint32_t ma)
{
	return t_frame_at(t, (ma - T_RAM_BASE) >> 12);
}

static inline pv_mfn_t t_mfn(uint32_t ma)
{
	return pv_mfn(ma >> 12);
}

static inline void t_config(struct t_machine *t, struct pv_mmu_config *c)
{
	*c = (struct pv_mmu_config){
		.format = t->fmt,
		.ram = t->ram,
		.ram_base = pv_maddr(T_RAM_BASE),
		.ram_size = t->ram_mb << 20,
		.frame_store = t->frame_store,
		.frame_store_words = PV_MMU_FRAME_STORE_WORDS(t->ram_mb << 8),
		.domains = t->doms,
		.nr_domains = T_NDOMS,
		.io = t->io,
		.io_max = T_NIO,
		.hyp_va_base = pv_gvaddr(T_HYP_VA),
		.hyp_va_size = T_HYP_SLOTS << 20,
		.hyp_l1 = t->hyp_l1,
		.guest_domains = 0x3,
		.hyp_domain = T_HYP_DOMAIN,
		.ram_types = PV_MMU_MT_MASK(PV_MMU_MT_NC) | PV_MMU_MT_MASK(PV_MMU_MT_WB) |
			     PV_MMU_MT_MASK(PV_MMU_MT_WBWA),
	};
}

/* Back to the initial state: dom 1 gets MiB [1, split), dom 2 [split, split+1). */
static inline void t_reset(struct t_machine *t, enum pv_mmu_format fmt, uint32_t split)
{
	t->fmt = fmt;
	memset(t->ram, 0, (size_t)t->ram_mb << 20);
	memset(t->io, 0, sizeof t->io);
	for (uint32_t i = 0; i < T_HYP_SLOTS; i++) /* hypervisor sections, privileged only */
		t->hyp_l1[i] = ((T_RAM_BASE + (i << 20)) & 0xFFF00000u) | (T_HYP_DOMAIN << 5) | 0x40Eu;
	struct pv_mmu_config c;
	t_config(t, &c);
	if (pv_mmu_init(&t->mmu, &c) != PV_OK)
		abort();
	if (pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(0, 0)), 256, pv_domid_hyp()) != PV_OK ||
	    pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), (split - 1) << 8, pv_domid(1)) != PV_OK ||
	    pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(split, 0)), 256, pv_domid(2)) != PV_OK)
		abort();
}

/* A machine with ram_mb MiB (>= 4); dom 1 gets MiB [1, split), dom 2 [split, split+1). */
static inline struct t_machine *t_new_split(enum pv_mmu_format fmt, uint32_t ram_mb, uint32_t split)
{
	struct t_machine *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->ram_mb = ram_mb;
	t->ram = aligned_alloc(1u << 14, (size_t)ram_mb << 20);
	t->frame_store = calloc(PV_MMU_FRAME_STORE_WORDS(ram_mb << 8), sizeof *t->frame_store);
	t->scratch_words = PV_MMU_AUDIT_SCRATCH_WORDS((size_t)ram_mb << 8, T_NIO);
	t->scratch = calloc(t->scratch_words, sizeof *t->scratch);
	if (!t->ram || !t->frame_store || !t->scratch)
		abort();
	t_reset(t, fmt, split);
	return t;
}

static inline struct t_machine *t_new(enum pv_mmu_format fmt)
{
	return t_new_split(fmt, 4, 2);
}

static inline void t_free(struct t_machine *t)
{
	free(t->ram);
	free(t->frame_store);
	free(t->scratch);
	free(t);
}

/* --- ARMv7 short descriptors (DDI 0406C B3.5.1) --- */
/*
 * ap = AP[2]:AP[1:0] as a 3-bit number; tex/c/b as in table B3-10. Leaves
 * are non-global (nG = 1: bit 17 of sections and supersections, bit 11 of
 * large and small pages), as lib/mmu requires by default; a test that wants
 * a global entry clears the bit (V7_NG_SECT, V7_NG_PAGE).
 */
#define V7_NG_SECT (1u << 17)
#define V7_NG_PAGE (1u << 11)
static inline uint32_t v7_section(uint32_t ma, uint32_t ap, uint32_t tex, uint32_t c, uint32_t b,
				  uint32_t dom)
{
	return (ma & 0xFFF00000u) | V7_NG_SECT | ((ap >> 2) << 15) | (tex << 12) |
	       ((ap & 3u) << 10) | (dom << 5) | (c << 3) | (b << 2) | 2u;
}
static inline uint32_t v7_super(uint32_t ma, uint32_t ap, uint32_t tex, uint32_t c, uint32_t b)
{
	return (ma & 0xFF000000u) | (1u << 18) | V7_NG_SECT | ((ap >> 2) << 15) | (tex << 12) |
	       ((ap & 3u) << 10) | (c << 3) | (b << 2) | 2u;
}
static inline uint32_t v7_table(uint32_t ma, uint32_t dom)
{
	return (ma & 0xFFFFFC00u) | (dom << 5) | 1u;
}
static inline uint32_t v7_small(uint32_t ma, uint32_t ap, uint32_t tex, uint32_t c, uint32_t b)
{
	return (ma & 0xFFFFF000u) | V7_NG_PAGE | ((ap >> 2) << 9) | (tex << 6) | ((ap & 3u) << 4) |
	       (c << 3) | (b << 2) | 2u;
}
static inline uint32_t v7_large(uint32_t ma, uint32_t ap, uint32_t tex, uint32_t c, uint32_t b)
{
	return (ma & 0xFFFF0000u) | (tex << 12) | V7_NG_PAGE | ((ap >> 2) << 9) | ((ap & 3u) << 4) |
	       (c << 3) | (b << 2) | 1u;
}
#define V7_RW 3u /* AP 011: read/write in every mode */
#define V7_RO 7u /* AP 111: read-only in every mode */

/* --- ARMv5 descriptors (DDI 0100I B3.3) --- */
static inline uint32_t v5_section(uint32_t ma, uint32_t ap, uint32_t c, uint32_t b, uint32_t dom)
{
	return (ma & 0xFFF00000u) | (ap << 10) | (dom << 5) | (1u << 4) | (c << 3) | (b << 2) | 2u;
}
static inline uint32_t v5_coarse(uint32_t ma, uint32_t dom)
{
	return (ma & 0xFFFFFC00u) | (dom << 5) | (1u << 4) | 1u;
}
static inline uint32_t v5_fine(uint32_t ma, uint32_t dom)
{
	return (ma & 0xFFFFF000u) | (dom << 5) | (1u << 4) | 3u;
}
static inline uint32_t v5_ap4(uint32_t ap)
{
	return (ap << 4) | (ap << 6) | (ap << 8) | (ap << 10);
}
static inline uint32_t v5_small(uint32_t ma, uint32_t ap, uint32_t c, uint32_t b)
{
	return (ma & 0xFFFFF000u) | v5_ap4(ap) | (c << 3) | (b << 2) | 2u;
}
static inline uint32_t v5_large(uint32_t ma, uint32_t ap, uint32_t c, uint32_t b)
{
	return (ma & 0xFFFF0000u) | v5_ap4(ap) | (c << 3) | (b << 2) | 1u;
}
static inline uint32_t v5_tiny(uint32_t ma, uint32_t ap, uint32_t c, uint32_t b)
{
	return (ma & 0xFFFFFC00u) | (ap << 4) | (c << 3) | (b << 2) | 3u;
}
#define V5_RW 3u
#define V5_RO 0u

/* --- Format-neutral helpers: Normal write-back memory, guest domain 0. --- */
static inline uint32_t t_sect(const struct t_machine *t, uint32_t ma, bool w)
{
	return t->fmt == PV_MMU_FMT_V7 ? v7_section(ma, w ? V7_RW : V7_RO, 0, 1, 1, 0)
				       : v5_section(ma, w ? V5_RW : V5_RO, 1, 1, 0);
}
static inline uint32_t t_table(const struct t_machine *t, uint32_t ma)
{
	return t->fmt == PV_MMU_FMT_V7 ? v7_table(ma, 0) : v5_coarse(ma, 0);
}
static inline uint32_t t_small(const struct t_machine *t, uint32_t ma, bool w)
{
	return t->fmt == PV_MMU_FMT_V7 ? v7_small(ma, w ? V7_RW : V7_RO, 0, 1, 1)
				       : v5_small(ma, w ? V5_RW : V5_RO, 1, 1);
}
static inline uint32_t t_large(const struct t_machine *t, uint32_t ma, bool w)
{
	return t->fmt == PV_MMU_FMT_V7 ? v7_large(ma, w ? V7_RW : V7_RO, 0, 1, 1)
				       : v5_large(ma, w ? V5_RW : V5_RO, 1, 1);
}
/* A strongly-ordered small page (C = B = 0, TEX = 0 in both formats). */
static inline uint32_t t_small_so(const struct t_machine *t, uint32_t ma, bool w)
{
	return t->fmt == PV_MMU_FMT_V7 ? v7_small(ma, w ? V7_RW : V7_RO, 0, 0, 0)
				       : v5_small(ma, w ? V5_RW : V5_RO, 0, 0);
}
static inline uint32_t t_large_so(const struct t_machine *t, uint32_t ma, bool w)
{
	return t->fmt == PV_MMU_FMT_V7 ? v7_large(ma, w ? V7_RW : V7_RO, 0, 0, 0)
				       : v5_large(ma, w ? V5_RW : V5_RO, 0, 0);
}
static inline uint32_t t_sect_so(const struct t_machine *t, uint32_t ma, bool w)
{
	return t->fmt == PV_MMU_FMT_V7 ? v7_section(ma, w ? V7_RW : V7_RO, 0, 0, 0, 0)
				       : v5_section(ma, w ? V5_RW : V5_RO, 0, 0, 0);
}

/* Fill [slot, slot+n) of the table at ma with val (guest writes an unpinned table). */
static inline void t_fill(struct t_machine *t, uint32_t ma, uint32_t slot, uint32_t n, uint32_t val)
{
	uint32_t *p = t_ptr(t, ma);
	for (uint32_t i = 0; i < n; i++)
		p[slot + i] = val;
}

static inline int32_t t_update1(struct t_machine *t, uint16_t dom, uint32_t ptr, uint32_t val)
{
	struct pv_mmu_update_req r = { ptr, val };
	uint32_t done = 99;
	int32_t rc = pv_mmu_update(&t->mmu, pv_domid(dom), &r, 1, &done);
	if ((rc == PV_OK) != (done == 1))
		abort();
	return rc;
}

static inline int32_t t_audit_rc(struct t_machine *t, struct pv_mmu_audit_report *rep)
{
	return pv_mmu_audit(&t->mmu, t->scratch, t->scratch_words, rep);
}

/*
 * Does rep name where, read as what rep.what is about: a domain record (a
 * domain id), an I/O region (a slot of the region table) or else a frame (an
 * index into RAM, which the report must give as its real machine frame
 * number, with the frame's owner)?
 */
static inline bool t_audit_at(const struct t_machine *t, const struct pv_mmu_audit_report *rep,
			      uint32_t where)
{
	if (strstr(rep->what, "I/O region"))
		return rep->io == where && pv_mfn_val(rep->mfn) == PV_MMU_AUDIT_NO_FRAME;
	if (strstr(rep->what, "domain has an active L1") || strstr(rep->what, "active L1 is not") ||
	    strstr(rep->what, "owned frame count"))
		return pv_domid_val(rep->dom) == where && rep->io == PV_MMU_AUDIT_NO_IO;
	return pv_mfn_val(rep->mfn) == (t->mmu.ram_base >> 12) + where &&
	       pv_domid_val(rep->dom) == (t->mmu.fr_key[where] & 0xFFFFu) &&
	       rep->io == PV_MMU_AUDIT_NO_IO;
}

#endif

#ifdef T_WITH_CMOCKA
/* Audit must pass after every operation in the tests. */
#define T_AUDIT(t)                                                                      \
	do {                                                                            \
		struct pv_mmu_audit_report rep_ = { .what = "" };                            \
		int32_t arc_ = t_audit_rc((t), &rep_);                                  \
		if (arc_ != PV_OK)                                                      \
			fail_msg("audit: %s at frame %#x, domain %u, region %u",       \
				 rep_.what, (unsigned)pv_mfn_val(rep_.mfn),              \
				 (unsigned)pv_domid_val(rep_.dom), (unsigned)rep_.io);   \
	} while (0)
/* Expect rc from an operation, then audit. */
#define T_EXPECT(t, expr, want)                                                         \
	do {                                                                            \
		int32_t rc_ = (expr);                                                   \
		if (rc_ != (want))                                                      \
			fail_msg("%s: got %s want %s", #expr, pv_status_name(rc_),      \
				 pv_status_name(want));                                 \
		T_AUDIT(t);                                                             \
	} while (0)
#define T_FMT(state) (*(const enum pv_mmu_format *)*(state))
#endif
