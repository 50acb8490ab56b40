/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Eva driver for lib/mmu: absence of run-time errors in every
 * guest-reachable function, for every value of the guest's inputs.
 *
 * The hypervisor's side is concrete and built through the library itself: an
 * instance over 2 MiB of RAM (512 frames, so that a 1 MiB section fits),
 * three domains, the hypervisor's own frames, an I/O region, a read-write
 * and a read-only grant, and domain 0's pinned tables (an L1 with a coarse
 * pointer, a section and, on ARMv5, a fine pointer; a coarse table with own,
 * granted, large and I/O pages; an ARMv5 fine table) made active. Then one
 * guest operation runs, chosen nondeterministically, with every argument a
 * guest passes arbitrary (any domain id, any address, any request array of
 * any length, any maintenance request) and every frame the guests may write
 * (their unpinned RAM) holding arbitrary words. Compiled twice, with
 * and without -DFMT_V7.
 *
 * Eva reports every operation whose result it cannot show defined (signed
 * overflow, out-of-bounds access, invalid shift, uninitialized read, invalid
 * pointer) as an alarm; tools/prove fails on any alarm.
 */
#include "__fc_builtin.h"
#include "mmu_internal.h"

#ifdef FMT_V7
#define FMT PV_MMU_FMT_V7
#else
#define FMT PV_MMU_FMT_V5
#endif

#define NF 512u
#define RAM_BASE 0x80000000u
#define MA(frame) (RAM_BASE + (uint32_t)(frame) * PV_FRAME_SIZE)
#define IO_BASE 0x10000000u

/* RAM and, right after it, the frame store: one object, so that the
 * window test of pv_mmu_init compares addresses Eva can order. */
#define STORE_WORDS (5u * NF + NF / 64u)
static uint32_t mem[NF * 1024u + STORE_WORDS];
#define RAM mem
#define STORE (&mem[NF * 1024u])
static struct pv_mmu_domain doms[3];
static struct pv_mmu_io_region io[2];
static uint32_t hyp_l1[16];
static struct pv_mmu mmu;

/* The port hooks: they must be called with a valid request. */
/*@ requires \valid_read(req); assigns \nothing; */
void pv_port_tlb_maint(const struct pv_tlb_req *req) { (void)req->scope; }
/*@ assigns \nothing; */
void pv_port_pt_sync(pv_maddr_t ma, uint32_t len) { (void)ma; (void)len; }
/*@ assigns \nothing; */
void pv_port_cache_flush_all(void) {}
/*@ requires \valid_read(req); assigns \nothing; */
void pv_port_cache_maint(const struct pv_cache_req *req) { (void)req->op; }
/* An invariant check failing stops the machine: the path ends there. */
/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

static uint32_t any(void) { return Frama_C_unsigned_int_interval(0, UINT32_MAX); }
static pv_domid_t any_dom(void) { return pv_domid((uint16_t)Frama_C_interval(0, 0xFFFF)); }

/* Descriptors of the concrete tables, in the instance's format. */
#ifdef FMT_V7
#include <pvlib/abi/mmu_desc.h>
#define L1_COARSE(ma) pv_mmu_desc_v7_table(ma, 0)
#define L1_SECTION(ma) pv_mmu_desc_v7_section(ma, 7u, 0x7u, 0, PV_MMU_V7_NG)
#define L2_SMALL(ma, w) pv_mmu_desc_v7_small(ma, (w) ? 3u : 7u, 0x7u, PV_MMU_V7_NG)
#define L2_LARGE(ma) pv_mmu_desc_v7_large(ma, 7u, 0x7u, PV_MMU_V7_NG)
#define L2_DEV(ma) pv_mmu_desc_v7_small(ma, 3u, 0x1u, PV_MMU_V7_NG | PV_MMU_V7_XN)
#define RAM_TYPES PV_MMU_MT_MASK(PV_MMU_MT_WBWA)
#else
#include <pvlib/abi/mmu_desc.h>
#define L1_COARSE(ma) pv_mmu_desc_v5_coarse(ma, 0)
#define L1_FINE(ma) pv_mmu_desc_v5_fine(ma, 0)
#define L1_SECTION(ma) pv_mmu_desc_v5_section(ma, 0u, 3u, 0)
#define L2_SMALL(ma, w) pv_mmu_desc_v5_small(ma, (w) ? 0xFF0u : 0u, 3u)
#define L2_LARGE(ma) pv_mmu_desc_v5_large(ma, 0u, 3u)
#define L2_DEV(ma) pv_mmu_desc_v5_small(ma, 0xFF0u, 0u)
#define RAM_TYPES PV_MMU_MT_MASK(PV_MMU_MT_WB)
#endif

/* Domain 0's tables: L1 at frames 260..263, coarse at 264, fine at 268. */
#define L1_FR 260u
#define L2_FR 264u
#define FINE_FR 268u

static int setup(void)
{
	for (unsigned i = 0; i < 16; i++)
		hyp_l1[i] = 0;
	struct pv_mmu_config c = {
		.format = FMT,
		.ram = RAM,
		.ram_base = pv_maddr(RAM_BASE),
		.ram_size = NF * PV_FRAME_SIZE,
		.frame_store = STORE,
		.frame_store_words = STORE_WORDS,
		.domains = doms,
		.nr_domains = 3,
		.io = io,
		.io_max = 2,
		.hyp_va_base = pv_gvaddr(0xF0000000u),
		.hyp_va_size = 16u << 20,
		.hyp_l1 = hyp_l1,
		.guest_domains = 0x3u,
		.hyp_domain = 15,
		.ram_types = RAM_TYPES,
		.allow_global = false,
	};
	if (pv_mmu_init(&mmu, &c) != PV_OK)
		return 0;
	if (pv_mmu_frame_assign(&mmu, pv_mfn(MA(0) >> 12), 8, pv_domid_hyp()) != PV_OK ||
	    pv_mmu_frame_assign(&mmu, pv_mfn(MA(8) >> 12), 8, pv_domid(2)) != PV_OK ||
	    pv_mmu_frame_assign(&mmu, pv_mfn(MA(16) >> 12), 240, pv_domid(1)) != PV_OK ||
	    pv_mmu_frame_assign(&mmu, pv_mfn(MA(256) >> 12), 256, pv_domid(0)) != PV_OK)
		return 0;
	if (pv_mmu_io_assign(&mmu, pv_domid(0), pv_maddr(IO_BASE), 0x10000u,
			     PV_MMU_MT_MASK(PV_MMU_MT_DEVICE) | PV_MMU_MT_MASK(PV_MMU_MT_SO),
			     PV_MMU_IO_WRITE) != PV_OK)
		return 0;
	if (pv_mmu_grant(&mmu, pv_domid(1), pv_mfn(MA(20) >> 12), pv_domid(0), true) != PV_OK ||
	    pv_mmu_grant(&mmu, pv_domid(1), pv_mfn(MA(21) >> 12), pv_domid(0), false) != PV_OK)
		return 0;

	/* Domain 0 writes its tables (all zero so far: fault entries). */
	uint32_t *l2 = &RAM[L2_FR * 1024u];
	l2[0] = L2_SMALL(MA(300), 1);
	l2[1] = L2_SMALL(MA(20), 1);
	l2[2] = L2_SMALL(MA(21), 0);
	l2[3] = L2_DEV(IO_BASE);
	for (unsigned i = 16; i < 32; i++)
		l2[i] = L2_LARGE(MA(272));
	if (pv_mmu_pin(&mmu, pv_domid(0), PV_MMU_TABLE_L2, pv_maddr_to_mfn(pv_maddr(MA(L2_FR)))) != PV_OK)
		return 0;
	uint32_t *l1 = &RAM[L1_FR * 1024u];
	l1[0] = L1_COARSE(MA(L2_FR));
	l1[0x801] = L1_SECTION(MA(256));
#ifdef L1_FINE
	uint32_t *fine = &RAM[FINE_FR * 1024u];
	fine[0] = pv_mmu_desc_v5_tiny(MA(301), 3u, 3u);
	for (unsigned i = 4; i < 8; i++)
		fine[i] = L2_SMALL(MA(302), 0);
	if (pv_mmu_pin(&mmu, pv_domid(0), PV_MMU_TABLE_FINE, pv_maddr_to_mfn(pv_maddr(MA(FINE_FR)))) != PV_OK)
		return 0;
	l1[1] = L1_FINE(MA(FINE_FR));
#endif
	if (pv_mmu_pin(&mmu, pv_domid(0), PV_MMU_TABLE_L1, pv_maddr_to_mfn(pv_maddr(MA(L1_FR)))) != PV_OK)
		return 0;
	if (pv_mmu_switch_base(&mmu, pv_domid(0), pv_maddr_to_mfn(pv_maddr(MA(L1_FR)))) != PV_OK)
		return 0;
	return 1;
}

/* What the guests may write: every frame of theirs that is not a table. */
static void guest_writes(void)
{
	Frama_C_make_unknown((char *)&RAM[16u * 1024u], (L1_FR - 16u) * PV_FRAME_SIZE);
	Frama_C_make_unknown((char *)&RAM[(FINE_FR + 1u) * 1024u], (NF - FINE_FR - 1u) * PV_FRAME_SIZE);
}

static struct pv_mmu_update_req reqs[PV_MMU_UPDATE_MAX];

int main(void)
{
	if (!setup())
		return 1;
	Frama_C_show_each_setup_done(mmu.nr_frames);
	guest_writes();
	int32_t rc = 0;
	switch (Frama_C_interval(0, 9)) {
	case 0:
		rc = pv_mmu_pin(&mmu, any_dom(), (enum pv_mmu_table)Frama_C_interval(0, 7),
				pv_mfn(any()));
		break;
	case 1: {
		/* A batch of one request, from the state above. */
		uint32_t done;
		reqs[0].ptr = any();
		reqs[0].val = any();
		rc = pv_mmu_update(&mmu, any_dom(), reqs, Frama_C_interval(0, 1), &done);
		break;
	}
	case 2: {
		/* A batch longer than allowed, or of any length not read. */
		uint32_t done;
		rc = pv_mmu_update(&mmu, any_dom(), reqs,
				   Frama_C_unsigned_int_interval(PV_MMU_UPDATE_MAX + 1u, UINT32_MAX),
				   &done);
		break;
	}
	case 3:
		rc = pv_mmu_unpin(&mmu, any_dom(), pv_mfn(any()));
		break;
	case 4:
		rc = pv_mmu_switch_base(&mmu, any_dom(), pv_mfn(any()));
		break;
	case 5:
		rc = pv_mmu_grant(&mmu, any_dom(), pv_mfn(any()), any_dom(), Frama_C_nondet(0, 1));
		break;
	case 6:
		rc = pv_mmu_grant_revoke(&mmu, any_dom(), pv_mfn(any()));
		break;
	case 7: {
		struct pv_mmu_maint_req r = {
			.op = any(), .va = pv_gvaddr(any()), .len = any(), .asid = any(),
		};
		rc = pv_mmu_maint(&mmu, any_dom(), &r);
		break;
	}
	case 8: {
		struct pv_mmu_xlate x;
		rc = pv_mmu_translate(&mmu, any_dom(), pv_gvaddr(any()), &x);
		break;
	}
	default: {
		struct pv_mmu_frame f;
		rc = pv_mmu_frame_access(&mmu, any_dom(), pv_mfn(any()), Frama_C_nondet(0, 1));
		rc |= pv_mmu_frame_info(&mmu, pv_mfn(any()), &f);
		break;
	}
	}
	return rc == PV_OK ? 0 : 1;
}
