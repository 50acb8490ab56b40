/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Known attack classes against para-virtual page-table validation. Each test
 * names the attack, mounts it from a guest's point of view and checks that
 * it is refused with the documented error and leaves no trace (audit after
 * every step). Both formats.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;

#define L1A t_ma(1, 0)
#define L2A t_ma(1, 16) /* 64 KiB aligned: a large page can cover it */
#define DATA(k) t_ma(1, 64 + (k))

static int32_t pin(struct t_machine *t, uint16_t d, enum pv_mmu_table k, uint32_t ma)
{
	return pv_mmu_pin(&t->mmu, pv_domid(d), k, t_mfn(ma));
}

/* Attack: map the L1 writable through a section covering it. */
static void test_attack_l1_writable_via_section(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t_fill(t, L1A, 0x123, 1, t_sect(t, L1A, true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_ETYPE);
	assert_int_equal(t_frame(t, L1A).type, PV_MMU_FT_NONE);
	t_fill(t, L1A, 0x123, 1, 0);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x123, t_sect(t, L1A, true)), PV_ETYPE);
	assert_int_equal(t_ptr(t, L1A)[0x123], 0);
	t_free(t);
}

/* Attack: map the L1 writable through a large page covering it (pin and update). */
static void test_attack_l1_writable_via_large_page(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	uint32_t l2b = t_ma(1, 17);
	/* Before the L1 is pinned: a writable large page over it keeps it unpinnable. */
	t_fill(t, L2A, 32, 16, t_large(t, L1A, true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_ETYPE);
	assert_int_equal(t_frame(t, L1A + 3 * 4096).type, PV_MMU_FT_RW);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 32, 0), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	/* Once pinned: an update or a pin of a table holding one is refused. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 32, t_large(t, L1A, true)), PV_ETYPE);
	for (uint32_t k = 32; k < 48; k++)
		assert_int_equal(t_ptr(t, L2A)[k], 0);
	t_fill(t, l2b, 0, 1, t_small(t, DATA(0), true));
	t_fill(t, l2b, 16, 16, t_large(t, L1A, true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2b), PV_ETYPE);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0); /* rolled back */
	assert_int_equal(t_frame(t, L1A).ref_count, 0);
	/* Read-only, by its owner, is allowed. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 32, t_large(t, L1A, false)), PV_OK);
	assert_int_equal(t_frame(t, L1A + 2 * 4096).ref_count, 1);
	t_free(t);
}

/* Attack: map an L2 writable through a large page covering it. */
static void test_attack_l2_writable_via_large_page(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, t_ma(1, 1)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, t_ma(1, 1), t_large(t, L2A, true)), PV_ETYPE);
	T_EXPECT(t, t_update1(t, 1, t_ma(1, 1), t_large(t, L2A, false)), PV_OK);
	/* ... or through a section from the L1. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, t_ma(1, 4)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, t_ma(1, 4), t_sect(t, t_ma(1, 0), true)), PV_ETYPE);
	t_free(t);
}

/* Attack: an L2 whose own entries map it writable (pin and update). */
static void test_attack_l2_maps_itself_writable(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t_fill(t, L2A, 200, 1, t_small(t, DATA(0), true));
	t_fill(t, L2A, 777, 1, t_small(t, L2A, true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_ETYPE);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0); /* rolled back */
	t_fill(t, L2A, 768, 16, t_large(t, L2A, true)); /* via its own large page */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_ETYPE);
	t_fill(t, L2A, 768, 16, 0);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 5, t_small(t, L2A, true)), PV_ETYPE);
	/* An L1 whose own section maps itself writable. */
	t_fill(t, L1A, 0x10, 1, t_sect(t, t_ma(1, 0), true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_ETYPE);
	t_free(t);
}

/* Attack: type confusion, an L2 used as an L1 and an L1 used as an L2. */
static void test_attack_type_confusion(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, t_ma(1, 32)), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	/* L2 as L1: switch to it, or pin it as an L1 too. */
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(t_ma(1, 32))), PV_ETYPE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, t_ma(1, 32)), PV_ETYPE);
	/* L1 as L2: point an L1 entry at one of the L1's own frames. */
	for (uint32_t k = 0; k < 4; k++)
		T_EXPECT(t, t_update1(t, 1, L1A, t_table(t, L1A + k * 4096 + 1024)), PV_ETYPE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L1A + 8192), PV_ETYPE);
	/* Before the L1 is pinned its frames are not tables at all. */
	t_fill(t, t_ma(1, 40), 0, 1, t_table(t, t_ma(1, 40)));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, t_ma(1, 40)), PV_ENOTPINNED);
	if (T_FMT(state) == PV_MMU_FMT_V5) {
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_FINE, t_ma(1, 33)), PV_OK);
		T_EXPECT(t, t_update1(t, 1, L1A, v5_coarse(t_ma(1, 33), 0)), PV_ETYPE);
		T_EXPECT(t, t_update1(t, 1, L1A, v5_fine(t_ma(1, 32), 0)), PV_ETYPE);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, t_ma(1, 33)), PV_ETYPE);
	}
	t_free(t);
}

/* Attack: entries pointing at another domain's frame or hypervisor memory. */
static void test_attack_foreign_and_hypervisor_memory(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, t_ma(2, 7), false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, L2A, t_large(t, t_ma(2, 16), false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, t_ma(0, 7), false)), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 5, t_sect(t, t_ma(0, 0), false)), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 5, t_sect(t, t_ma(2, 0), false)), PV_EXDEV);
	/* Another domain's L2 as our table; writing another domain's table. */
	T_EXPECT(t, pin(t, 2, PV_MMU_TABLE_L2, t_ma(2, 4)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 6, t_table(t, t_ma(2, 4))), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, t_ma(2, 4), t_small(t, DATA(0), true)), PV_EXDEV);
	/* The hypervisor's own virtual range and ARM domain. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * T_HYP_SLOT, t_sect(t, DATA(0), true)), PV_EPERM);
	uint32_t hypdom = T_FMT(state) == PV_MMU_FMT_V7
				  ? v7_section(t_ma(1, 0), V7_RO, 0, 1, 1, T_HYP_DOMAIN)
				  : v5_section(t_ma(1, 0), V5_RO, 1, 1, T_HYP_DOMAIN);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 7, hypdom), PV_EPERM);
	/* Hypervisor frames cannot be pinned, switched to or granted. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, t_ma(0, 4)), PV_EPERM);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(t_ma(0, 4)), pv_domid(2), true), PV_EXDEV);
	t_free(t);
}

/* Attack: revoke a grant while the peer still maps it. */
static void test_attack_revoke_while_mapped(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	uint32_t ring = DATA(3), l2b = t_ma(2, 4);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(ring), pv_domid(2), true), PV_OK);
	t_fill(t, l2b, 9, 1, t_small(t, ring, true));
	T_EXPECT(t, pin(t, 2, PV_MMU_TABLE_L2, l2b), PV_OK);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(ring)), PV_EBUSY);
	assert_int_equal(pv_domid_val(t_frame(t, ring).grant_peer), 2);
	/* ... and the owner cannot free it or turn it into a table meanwhile. */
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(ring), 1, pv_domid(1)), PV_EBUSY);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, ring), PV_ETYPE);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(2), t_mfn(l2b)), PV_OK);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(ring)), PV_OK);
	t_fill(t, l2b, 9, 1, t_small(t, ring, false));
	T_EXPECT(t, pin(t, 2, PV_MMU_TABLE_L2, l2b), PV_EXDEV);
	t_free(t);
}

/* Attack: free a frame (and hand it to someone else) while still mapped. */
static void test_attack_free_while_mapped(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), false));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(DATA(0)), 1, pv_domid(1)), PV_EBUSY);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(L2A), 1, pv_domid(1)), PV_EBUSY);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(DATA(0)), 1, pv_domid(2)), PV_EEXIST);
	assert_int_equal(pv_domid_val(t_frame(t, DATA(0)).owner), 1);
	pv_fake_reset();
	T_EXPECT(t, t_update1(t, 1, L2A, 0), PV_OK);
	assert_int_equal(pv_fake_log_get()->tlb_all, 1); /* no stale translation survives */
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(DATA(0)), 1, pv_domid(1)), PV_OK);
	t_free(t);
}

/*
 * Attack: unaligned or out-of-RAM table bases. Tables are named by frame
 * number, so only an L1 (four frames) can be misaligned here; an address
 * inside a frame is the hypercall layer's to refuse (examples/hv/hcall.c).
 */
static void test_attack_bad_table_base(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A + 4096), PV_EALIGN);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A + 3 * 4096), PV_EALIGN);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, t_ma(4, 0)), PV_ERANGE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, 0xFFFFC000u), PV_ERANGE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, 0), PV_ERANGE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A, t_table(t, 0xFFFFFC00u)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, L1A, t_table(t, T_RAM_BASE - 1024)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(0x3FFFC000u)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A + 0x2000)), PV_EALIGN);
	t_free(t);
}

/* Attack: a batch count chosen so that count * sizeof(request) overflows. */
static void test_attack_batch_count_overflow(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	struct pv_mmu_update_req one = { L2A, t_small(t, DATA(0), true) };
	static const uint32_t counts[] = { UINT32_MAX, 0x20000000u, 0x20000001u, 0x80000000u,
					   PV_MMU_UPDATE_MAX + 1 };
	for (unsigned i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		uint32_t done = 5;
		/* Only one request exists: ASan catches any read past it. */
		T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), &one, counts[i], &done), PV_E2BIG);
		assert_int_equal(done, 0);
		assert_int_equal(t_ptr(t, L2A)[0], 0);
	}
	t_free(t);
}

/* Attack: inconsistent large-page / supersection replicas. */
static void test_attack_inconsistent_replicas(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	uint32_t ro = t_large(t, DATA(0), false), rw = t_large(t, DATA(0), true);
	t_fill(t, L2A, 0, 16, ro);
	t_fill(t, L2A, 15, 1, rw); /* the last replica writable */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_EINVAL);
	t_fill(t, L2A, 15, 1, t_large(t, t_ma(2, 0), false)); /* points elsewhere */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_EINVAL);
	t_fill(t, L2A, 15, 1, t_small(t, DATA(0), true)); /* a small page inside */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_EINVAL);
	t_fill(t, L2A, 0, 16, 0);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A, ro), PV_OK);
	/* Rewriting one replica of a live group is refused. */
	for (uint32_t k = 1; k < 16; k++)
		T_EXPECT(t, t_update1(t, 1, L2A + 4 * k, rw), PV_EALIGN);
	for (uint32_t k = 1; k < 16; k++)
		T_EXPECT(t, t_update1(t, 1, L2A + 4 * k, 0), PV_EALIGN);
	for (uint32_t k = 0; k < 16; k++)
		assert_int_equal(t_ptr(t, L2A)[k], ro);
	if (T_FMT(state) == PV_MMU_FMT_V7) {
		struct t_machine *u = t_new_split(PV_MMU_FMT_V7, 48, 32);
		uint32_t ss = v7_super(t_ma(16, 0), V7_RO, 0, 1, 1);
		t_fill(u, L1A, 0x200, 16, ss);
		t_fill(u, L1A, 0x208, 1, ss & ~V7_NG_SECT); /* one replica global */
		T_EXPECT(u, pin(u, 1, PV_MMU_TABLE_L1, L1A), PV_EINVAL);
		t_fill(u, L1A, 0x208, 1, ss);
		T_EXPECT(u, pin(u, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
		t_free(u);
	}
	t_free(t);
}

/* Attack: unpin the active base (then write to it as ordinary memory). */
static void test_attack_unpin_active_base(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_EBUSY);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(2), t_mfn(L1A)), PV_EXDEV);
	assert_int_equal(t_frame(t, L1A).type, PV_MMU_FT_L1);
	/* And an L2 still referenced by an L1 entry. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 8, t_table(t, L2A + 3072)), PV_OK);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(L2A)), PV_EBUSY);
	/* Mapping the busy L1 writable elsewhere is refused too. */
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, L1A + 4096, true)), PV_ETYPE);
	t_free(t);
}

/* Attack: a granted frame turned into a page table under the peer's feet. */
static void test_attack_granted_frame_as_table(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(L2A), pv_domid(2), false), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_EBUSY);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(L2A)), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(L2A), pv_domid(2), false), PV_ETYPE);
	t_free(t);
}

/* Attack: a device or strongly-ordered alias of RAM (mismatched attributes). */
static void test_attack_device_alias_of_ram(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x20, t_sect_so(t, t_ma(1, 0), false)), PV_EPERM);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small_so(t, DATA(0), true)), PV_EPERM);
	t_free(t);
}

/*
 * Attack: name a hypervisor L1 slot in an update. The slot holds the
 * hypervisor's own entry, which need not even be a valid guest descriptor;
 * the request must be refused before that entry is looked at.
 */
static void test_attack_hypervisor_slot(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t->hyp_l1[0] = 0xFFFFFFFFu;  /* reserved encoding in both formats' eyes */
	t->hyp_l1[1] = 0x00040002u | (1u << 9); /* bit 9 set: refused for a guest */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	for (uint32_t k = 0; k < T_HYP_SLOTS; k++) {
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * (T_HYP_SLOT + k), 0), PV_EPERM);
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * (T_HYP_SLOT + k), t_sect(t, DATA(0), true)),
			 PV_EPERM);
	}
	assert_int_equal(t_ptr(t, L1A)[T_HYP_SLOT], 0xFFFFFFFFu);
	t_free(t);
}

/*
 * Attack (ARMv7): a supersection over hypervisor slots when the reserved
 * range is not 16 MiB aligned, so a supersection group and the hypervisor's
 * slots share an aligned 16-slot span: from either side, pin and update.
 */
static void test_attack_supersection_over_unaligned_hyp_range(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 48, 32);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.hyp_va_base = pv_gvaddr(0xF0800000u); /* slots 0xF08 .. 0xF17 */
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 31 * 256, pv_domid(1)), PV_OK);
	uint32_t ss = v7_super(t_ma(16, 0), V7_RW, 1, 1, 1);
	/* Pin: a group whose last 8 slots are the hypervisor's ... */
	t_fill(t, L1A, 0xF00, 16, ss);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_EPERM);
	assert_int_equal(t_frame(t, t_ma(16, 0)).ref_count, 0);
	/* ... or whose first 8 are (the walk meets its tail after the skip). */
	t_fill(t, L1A, 0xF00, 16, 0);
	t_fill(t, L1A, 0xF10, 16, ss);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_EPERM);
	t_fill(t, L1A, 0xF10, 16, 0);
	/* A group clear of them is fine. */
	t_fill(t, L1A, 0xF20, 16, ss);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	assert_int_equal(t_frame(t, t_ma(31, 255)).ref_count, 1);
	/* Update: the same spans, from their first slot. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0xF00, ss), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0xF10, ss), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0xF18, ss), PV_EALIGN);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0xF07, t_sect(t, t_ma(1, 0), false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0xF00, ss), PV_EPERM); /* over a section too */
	for (uint32_t k = 0; k < 16; k++)
		assert_int_equal(t_ptr(t, L1A)[0xF08 + k], t->hyp_l1[k]);
	assert_int_equal(t_frame(t, t_ma(16, 0)).ref_count, 1);
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_attack_l1_writable_via_section),
		BOTH(test_attack_l1_writable_via_large_page),
		BOTH(test_attack_l2_writable_via_large_page),
		BOTH(test_attack_l2_maps_itself_writable),
		BOTH(test_attack_type_confusion),
		BOTH(test_attack_foreign_and_hypervisor_memory),
		BOTH(test_attack_revoke_while_mapped),
		BOTH(test_attack_free_while_mapped),
		BOTH(test_attack_bad_table_base),
		BOTH(test_attack_batch_count_overflow),
		BOTH(test_attack_inconsistent_replicas),
		BOTH(test_attack_unpin_active_base),
		BOTH(test_attack_granted_frame_as_table),
		BOTH(test_attack_device_alias_of_ram),
		BOTH(test_attack_hypervisor_slot),
		cmocka_unit_test(test_attack_supersection_over_unaligned_hyp_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
