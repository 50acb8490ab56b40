/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boundaries exactly one past a limit in lib/mmu: the last frame of RAM and
 * the first past it (frame lookups, pins, updates, small and large pages,
 * sections and 64-entry blocks ending there), RAM whose base is not 16 KiB
 * aligned and whose size is no multiple of a summary group, I/O regions
 * touching RAM and 4 GiB, the guest VA limit of maintenance and
 * translation, PV_MMU_UPDATE_MAX, PV_MMU_MAINT_LEN_MAX, the ASID range,
 * domain ids and the hypervisor's L1 slots. Each limit is tried at its last
 * valid value and its first invalid one, and each test says what a guest
 * would gain if the comparison were off by one. Audit after every
 * operation. Both formats where the format matters.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;

#define NF 1024u /* 4 MiB machine */
#define END (T_RAM_BASE + (NF << 12)) /* first address past RAM */

static uint32_t fr(uint32_t i)
{
	return T_RAM_BASE + (i << 12);
}

static int32_t pin(struct t_machine *t, uint16_t d, enum pv_mmu_table k, uint32_t ma)
{
	return pv_mmu_pin(&t->mmu, pv_domid(d), k, t_mfn(ma));
}

static int32_t unpin(struct t_machine *t, uint16_t d, uint32_t ma)
{
	return pv_mmu_unpin(&t->mmu, pv_domid(d), t_mfn(ma));
}

/* 4 MiB: the hypervisor's MiB 0, domain 1 MiB 1 and 3 (to the end of RAM), domain 2 MiB 2. */
static struct t_machine *end_machine(enum pv_mmu_format fmt)
{
	struct t_machine *t = t_new(fmt);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(3, 0)), 256, pv_domid(1)), PV_OK);
	return t;
}

/* A device small page (strongly ordered, read-only). */
static uint32_t dev_small(const struct t_machine *t, uint32_t ma)
{
	return t_small_so(t, ma, false);
}

/*
 * Attack: reach the frame just past the end of RAM, or the frame table's
 * words just past its end, through every lookup. Gain: the frame table read
 * (and counts written) past its end, i.e. forged records or a mapping of
 * memory that is not RAM and not an I/O region.
 */
static void test_bounds_end_of_ram(void **state)
{
	struct t_machine *t = end_machine(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const uint32_t last = fr(NF - 1), l2 = t_ma(1, 8);
	struct pv_mmu_frame f;
	/* Lookups. */
	assert_int_equal(pv_mmu_frame_info(m, t_mfn(last), &f), PV_OK);
	assert_int_equal(pv_mmu_frame_info(m, t_mfn(END), &f), PV_ERANGE);
	assert_int_equal(pv_mmu_frame_access(m, pv_domid(1), t_mfn(last), true), PV_OK);
	assert_int_equal(pv_mmu_frame_access(m, pv_domid(1), t_mfn(END), false), PV_ERANGE);
	T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(last), 1, pv_domid(1)), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(last), 2, pv_domid(1)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(END), 1, pv_domid(1)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(last), 1, pv_domid(1)), PV_OK);
	T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(fr(NF - 2)), 3, pv_domid(1)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_grant(m, pv_domid(1), t_mfn(END), pv_domid(2), false), PV_ERANGE);
	/* Tables in the last frames of RAM, and one past. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, last), PV_OK);
	T_EXPECT(t, t_update1(t, 1, last + 4092, t_small(t, last, false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, END, t_small(t, last, false)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, last + 4092, 0), PV_OK);
	T_EXPECT(t, unpin(t, 1, last), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, END), PV_ERANGE);
	T_EXPECT(t, unpin(t, 1, END), PV_ERANGE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, fr(NF - 4)), PV_OK);
	T_EXPECT(t, unpin(t, 1, fr(NF - 4)), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, END), PV_ERANGE);
	const uint32_t l1 = t_ma(3, 0);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(l1)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(END)), PV_ERANGE);
	/* Leaves: the last frame, the first past; large pages and sections ending at the end. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2, t_small(t, last, true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 4, t_small(t, END, true)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, l2 + 64, t_large(t, fr(NF - 16), true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 128, t_large(t, END, false)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * 0x300, t_sect(t, t_ma(3, 0), false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * 0x301, t_sect(t, END, false)), PV_ERANGE);
	assert_int_equal(t_frame(t, last).ref_count, 3);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * 0x300, 0), PV_OK);
	T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	assert_int_equal(t_frame(t, last).ref_count, 0);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(t_ma(1, 0))), PV_ENOTPINNED);
	t_free(t);
}

/*
 * Attack: a 64-entry run of consecutive frames whose last entry is the
 * first frame past RAM, its first frames being the domain's last (a whole
 * summary group of them). Gain: the block path reading the summary and
 * keys past the frame table's end and bumping the count of a frame that
 * does not exist.
 */
static void test_bounds_block_at_end_of_ram(void **state)
{
	struct t_machine *t = end_machine(T_FMT(state));
	const uint32_t l2 = t_ma(1, 8);
	uint32_t *p = t_ptr(t, l2);
	assert_int_equal(t->mmu.fr_group[(NF >> 6) - 1], 1u);
	for (uint32_t shift = 0; shift < 3; shift++) {
		for (unsigned w = 0; w < 2; w++) {
			/* A clean block first, so the pattern is known when the run starts. */
			t_fill(t, l2, 0, 1024, 0);
			for (uint32_t i = 0; i < 64; i++) {
				p[i] = t_small(t, t_ma(3, i), w);
				p[64 + i] = t_small(t, fr(NF - 64 + shift + i), w);
			}
			T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), shift == 0 ? PV_OK : PV_ERANGE);
			if (shift == 0) {
				assert_int_equal(t_frame(t, fr(NF - 1)).ref_count, 1);
				T_EXPECT(t, unpin(t, 1, l2), PV_OK);
			}
			/* The same, starting mid-block. */
			t_fill(t, l2, 0, 1024, 0);
			for (uint32_t i = 0; i < 100; i++)
				p[10 + i] = t_small(t, fr(NF - 100 + shift + i), w);
			T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), shift == 0 ? PV_OK : PV_ERANGE);
			if (shift == 0)
				T_EXPECT(t, unpin(t, 1, l2), PV_OK);
		}
	}
	t_free(t);
}

/*
 * Attack: a run of the domain's last frames of RAM that goes on, with the
 * same attribute bits, into an I/O region that starts right at the end of
 * RAM (and allows the Normal type). The frame table word just past the end
 * (the first word of the next array) holds the domain's id. Gain: the fast
 * path taking the I/O page for a RAM frame and bumping a word of another
 * frame's record.
 */
static void test_bounds_run_from_ram_into_io(void **state)
{
	struct t_machine *t = end_machine(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	/* Frame 0 becomes domain 1's and is mapped read-only once: fr_ro[0] == 1. */
	T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(fr(0)), 1, pv_domid_hyp()), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(fr(0)), 1, pv_domid(1)), PV_OK);
	const uint32_t l2a = t_ma(1, 8), l2 = t_ma(1, 9);
	t_fill(t, l2a, 0, 1, t_small(t, fr(0), false));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2a), PV_OK);
	uint32_t types = PV_MMU_MT_MASK(PV_MMU_MT_WB) | PV_MMU_MT_MASK(PV_MMU_MT_SO);
	T_EXPECT(t, pv_mmu_io_assign(m, pv_domid(1), pv_maddr(END - 4096), 1u << 16, types, 0),
		 PV_EINVAL);
	T_EXPECT(t, pv_mmu_io_assign(m, pv_domid(1), pv_maddr(END), 1u << 16, types, 0), PV_OK);
	uint32_t *p = t_ptr(t, l2);
	for (uint32_t start = 0; start < 3; start++) {
		t_fill(t, l2, 0, 1024, 0);
		for (uint32_t i = 0; i < 36; i++) /* 20 frames of RAM, the region's 16 pages */
			p[start * 7 + i] = t_small(t, END - (20u << 12) + (i << 12), false);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
		assert_int_equal(m->io[0].maps, 16);
		assert_int_equal(t_frame(t, fr(0)).ref_count, 1);
		assert_int_equal(t_frame(t, fr(0)).type_count, 0);
		T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	}
	/* The I/O page right at the end of RAM, alone: a device mapping, not a frame. */
	t_fill(t, l2, 0, 1024, 0);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 512, dev_small(t, END)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 513, dev_small(t, END + 0xF000)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 514, dev_small(t, END + 0x10000)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 528, t_large_so(t, END, true)), PV_EACCES);
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 528, t_large_so(t, END, false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 544, t_large_so(t, END + 0x10000, false)), PV_ERANGE);
	T_EXPECT(t, pv_mmu_io_revoke(m, pv_domid(1), pv_maddr(END)), PV_EBUSY);
	T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	T_EXPECT(t, pv_mmu_io_revoke(m, pv_domid(1), pv_maddr(END)), PV_OK);
	t_free(t);
}

/*
 * RAM whose base is 4 KiB but not 16 KiB aligned and whose size is no
 * multiple of a summary group (1022 frames from 0x40001000): frame index
 * and machine alignment disagree, the last group is partial, and sections
 * start before RAM or run past its end. Attack: pin an L1 at a frame index
 * that is a multiple of 4 but no 16 KiB boundary, or one that runs off the
 * end; update an L1 slot through each of its frames. Gain: the hardware
 * walking an L1 from an address the validator did not check, or slot
 * writes landing in the wrong table.
 */
#define U_BASE 0x40001000u
#define U_NF 1022u /* 14 mod 16: the last large page and section run one frame past */
static uint32_t ufr(uint32_t i)
{
	return U_BASE + (i << 12);
}

static struct t_machine *unaligned_machine(enum pv_mmu_format fmt)
{
	struct t_machine *t = calloc(1, sizeof *t);
	assert_non_null(t);
	t->fmt = fmt;
	t->ram_mb = 5; /* buffer size only */
	t->ram = aligned_alloc(4096, (size_t)U_NF << 12);
	t->frame_store = calloc(PV_MMU_FRAME_STORE_WORDS(U_NF), sizeof *t->frame_store);
	t->scratch_words = PV_MMU_AUDIT_SCRATCH_WORDS((size_t)U_NF, T_NIO);
	t->scratch = calloc(t->scratch_words, sizeof *t->scratch);
	assert_true(t->ram && t->frame_store && t->scratch);
	memset(t->ram, 0, (size_t)U_NF << 12);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.ram_base = pv_maddr(U_BASE);
	c.ram_size = U_NF << 12;
	c.frame_store_words = PV_MMU_FRAME_STORE_WORDS(U_NF);
	c.hyp_l1 = NULL;
	T_EXPECT(t, pv_mmu_init(&t->mmu, &c), PV_OK);
	/* The hypervisor up to 0x40100000, domain 1 the rest. */
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, pv_mfn(U_BASE >> 12), 255, pv_domid_hyp()), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, pv_mfn(0x40100), U_NF - 255, pv_domid(1)), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, pv_mfn(0x40100), 1, pv_domid(1)), PV_EEXIST);
	return t;
}

static uint32_t *uptr(struct t_machine *t, uint32_t ma)
{
	return t->ram + ((ma - U_BASE) >> 2);
}

static void test_bounds_ram_not_16k_aligned(void **state)
{
	struct t_machine *t = unaligned_machine(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = 0x40104000u, l2 = 0x40200000u; /* frame indices 259 and 511 */
	/* An L1 at index 260 (a multiple of 4) is not 16 KiB aligned in machine terms. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, ufr(260)), PV_EALIGN);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
	struct pv_mmu_frame f;
	assert_int_equal(pv_mmu_frame_info(m, pv_mfn(l1 >> 12), &f), PV_OK);
	assert_int_equal(f.flags, PV_MMU_FRAME_PINNED | PV_MMU_FRAME_L1_HEAD);
	assert_int_equal(pv_mmu_frame_info(m, pv_mfn((l1 >> 12) + 3), &f), PV_OK);
	assert_int_equal(f.flags, PV_MMU_FRAME_PINNED);
	/* A slot in each of its four frames, through update. */
	const uint32_t slots[4] = { 0x001, 0x400, 0x800, 0xC00 };
	for (unsigned i = 0; i < 4; i++) {
		T_EXPECT(t, t_update1(t, 1, l1 + 4 * slots[i], t_sect(t, 0x40100000u, false)), PV_OK);
		assert_int_equal(uptr(t, l1)[slots[i]], t_sect(t, 0x40100000u, false));
	}
	assert_int_equal(pv_mmu_frame_info(m, pv_mfn(0x40100), &f), PV_OK);
	assert_int_equal(f.ref_count, 4);
	/* A section starting before RAM (at 0x40000000), and one running past its end. */
	T_EXPECT(t, t_update1(t, 1, l1 + 8, t_sect(t, 0x40000000u, false)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, l1 + 8, t_sect(t, 0x40400000u, false)), PV_ERANGE);
	/* Frames 767..1022: one past the last (1021). */
	T_EXPECT(t, t_update1(t, 1, l1 + 8, t_sect(t, 0x40300000u, false)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, l1 + 8, t_sect(t, 0x40200000u, false)), PV_OK);
	/* The hypervisor's slots, found through the L1's fourth frame. */
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * T_HYP_SLOT, t_sect(t, 0x40100000u, false)), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT + T_HYP_SLOTS - 1), 0), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT - 1), t_sect(t, 0x40100000u, false)), PV_OK);
	/* An L2: blocks that end on the last frame, and one frame further. */
	uint32_t *p = uptr(t, l2);
	for (uint32_t shift = 0; shift < 2; shift++) {
		for (uint32_t i = 0; i < 128; i++)
			p[i] = t_small(t, ufr(U_NF - 128 + shift + i), false);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), shift ? PV_ERANGE : PV_OK);
		if (!shift) {
			assert_int_equal(pv_mmu_frame_info(m, pv_mfn(ufr(U_NF - 1) >> 12), &f), PV_OK);
			assert_int_equal(f.ref_count, 1);
			/* Large pages: the last one in RAM, and one running a frame past it. */
			T_EXPECT(t, t_update1(t, 1, l2 + 4 * 256, t_large(t, 0x403E0000u, false)), PV_OK);
			T_EXPECT(t, t_update1(t, 1, l2 + 4 * 272, t_large(t, 0x403F0000u, false)),
				 PV_ERANGE);
			T_EXPECT(t, t_update1(t, 1, l2 + 4 * 256, 0), PV_OK);
			T_EXPECT(t, t_update1(t, 1, l1 + 4 * 5, t_table(t, l2)), PV_OK);
			T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(l1)), PV_OK);
			struct pv_mmu_xlate x;
			T_EXPECT(t, pv_mmu_translate(m, pv_domid(1), pv_gvaddr(0x0057F123u), &x), PV_OK);
			assert_int_equal(pv_maddr_val(x.ma), ufr(U_NF - 1) + 0x123);
			T_EXPECT(t, unpin(t, 1, l2), PV_EBUSY);
			T_EXPECT(t, t_update1(t, 1, l1 + 4 * 5, 0), PV_OK);
			T_EXPECT(t, unpin(t, 1, l2), PV_OK);
		}
	}
	/* The last L1 boundary in RAM (frames 1019..1022) holds three frames of it: refused. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, 0x403FC000u), PV_ERANGE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, 0x403F8000u), PV_OK);
	T_EXPECT(t, unpin(t, 1, 0x403F8000u), PV_OK);
	/* The partial last group: summaries and the audit follow a free and an assign. */
	T_EXPECT(t, pv_mmu_frame_free(m, pv_mfn(ufr(U_NF - 1) >> 12), 1, pv_domid(1)), PV_OK);
	assert_int_equal(m->fr_group[U_NF >> 6], UINT32_MAX);
	T_EXPECT(t, pv_mmu_frame_assign(m, pv_mfn(ufr(U_NF - 1) >> 12), 1, pv_domid(1)), PV_OK);
	assert_int_equal(m->fr_group[U_NF >> 6], 1u);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(2), t_mfn(l1)), PV_EXDEV);
	T_EXPECT(t, pv_mmu_domain_destroy(m, pv_domid(1)), PV_OK);
	free(t->ram);
	free(t->frame_store);
	free(t->scratch);
	free(t);
}

/*
 * Configuration limits: RAM reaching exactly 4 GiB and one frame more, a
 * frame store one word short, the largest domain count and one more, the
 * hypervisor's range ending at 4 GiB and wrapping, ARM domain 15 and 16.
 * Gain (for a mistaken host configuration): index arithmetic that wraps.
 */
static void test_bounds_init_config(void **state)
{
	(void)state;
	static uint32_t ram[1024], store[PV_MMU_FRAME_STORE_WORDS(2)];
	static struct pv_mmu_domain doms[PV_DOMID_MAX_GUEST + 2u];
	struct pv_mmu m;
	struct pv_mmu_config c = {
		.format = PV_MMU_FMT_V7, .ram = ram, .ram_base = pv_maddr(0xFFFFF000u),
		.ram_size = 4096, .frame_store = store, .frame_store_words = PV_MMU_FRAME_STORE_WORDS(1),
		.domains = doms, .nr_domains = 1, .guest_domains = 1, .hyp_domain = 15,
		.ram_types = PV_MMU_MT_MASK(PV_MMU_MT_WB),
	};
	assert_int_equal(pv_mmu_init(&m, &c), PV_OK);
	c.ram_size = 8192; /* one frame past 4 GiB */
	c.frame_store_words = PV_MMU_FRAME_STORE_WORDS(2);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	c.ram_base = pv_maddr(0xFFFFE000u);
	assert_int_equal(pv_mmu_init(&m, &c), PV_OK);
	c.ram_base = pv_maddr(0); /* RAM at address 0 */
	assert_int_equal(pv_mmu_init(&m, &c), PV_OK);
	c.frame_store_words = PV_MMU_FRAME_STORE_WORDS(2) - 1;
	assert_int_equal(pv_mmu_init(&m, &c), PV_ENOMEM);
	c.frame_store_words = PV_MMU_FRAME_STORE_WORDS(2);
	c.nr_domains = PV_DOMID_MAX_GUEST + 1u;
	assert_int_equal(pv_mmu_init(&m, &c), PV_OK);
	c.nr_domains = PV_DOMID_MAX_GUEST + 2u;
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	c.nr_domains = 2;
	c.hyp_va_base = pv_gvaddr(0xFFF00000u);
	c.hyp_va_size = 1u << 20;
	assert_int_equal(pv_mmu_init(&m, &c), PV_OK);
	assert_int_equal(m.hyp_slot_hi, 4096);
	c.hyp_va_size = 2u << 20;
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	c.hyp_va_size = 0;
	c.hyp_domain = 16;
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	c.hyp_domain = 0; /* a guest domain */
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	c.hyp_domain = 1;
	c.ram_types = PV_MMU_MT_NORMAL_ALL;
	assert_int_equal(pv_mmu_init(&m, &c), PV_OK);
	c.ram_types = PV_MMU_MT_NORMAL_ALL | PV_MMU_MT_MASK(7);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
	c.ram_types = PV_MMU_MT_MASK(PV_MMU_MT_DEVICE);
	assert_int_equal(pv_mmu_init(&m, &c), PV_EINVAL);
}

/*
 * I/O regions at their limits: ending right below RAM, starting right at
 * its end, reaching 4 GiB, adjacent to each other, the table full, the
 * largest type mask; mappings ending exactly at a region's end and one page
 * further. Gain: a device mapping over RAM or another domain's device.
 */
static void test_bounds_io_regions(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const pv_domid_t d1 = pv_domid(1), d2 = pv_domid(2);
	uint32_t so = PV_MMU_MT_MASK(PV_MMU_MT_SO);
	T_EXPECT(t, pv_mmu_io_assign(m, d1, pv_maddr(T_RAM_BASE - 8192), 8192, so, 0), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(m, d1, pv_maddr(T_RAM_BASE - 12288), 8192, so, 0), PV_EEXIST);
	T_EXPECT(t, pv_mmu_io_assign(m, d1, pv_maddr(END - 4096), 8192, so, 0), PV_EINVAL);
	T_EXPECT(t, pv_mmu_io_assign(m, d1, pv_maddr(0xFFFFE000u), 12288, so, 0), PV_EINVAL);
	T_EXPECT(t, pv_mmu_io_assign(m, d2, pv_maddr(0xFFFFE000u), 8192, 0x7Fu, 0), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(m, d2, pv_maddr(0xFFFF0000u), 8192, 0x80u, 0), PV_EINVAL);
	T_EXPECT(t, pv_mmu_io_assign(m, d2, pv_maddr(0xFFFF0000u), 8192, so, 2), PV_EINVAL);
	/* Region 3: 1 MiB at T_IO_BASE; region 4, adjacent, just below it. */
	T_EXPECT(t, pv_mmu_io_assign(m, d1, pv_maddr(T_IO_BASE), 1u << 20, so, PV_MMU_IO_WRITE), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(m, d2, pv_maddr(T_IO_BASE - 4096), 8192, so, 0), PV_EEXIST);
	T_EXPECT(t, pv_mmu_io_assign(m, d2, pv_maddr(T_IO_BASE + (1u << 20) - 4096), 4096, so, 0),
		 PV_EEXIST);
	T_EXPECT(t, pv_mmu_io_assign(m, d2, pv_maddr(T_IO_BASE - 4096), 4096, so, 0), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(m, d2, pv_maddr(0x20000000u), 4096, so, 0), PV_ENOSPC);
	const uint32_t l2 = t_ma(1, 8), l1 = t_ma(1, 12);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
	/* Mappings of the 1 MiB region: its last page and large page, a section; one past. */
	uint32_t io_end = T_IO_BASE + (1u << 20);
	T_EXPECT(t, t_update1(t, 1, l2, t_small_so(t, io_end - 4096, true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 4, t_small_so(t, io_end, true)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, l2 + 4, t_small_so(t, T_IO_BASE - 4096, false)), PV_EXDEV);
	T_EXPECT(t, t_update1(t, 1, l2 + 64, t_large_so(t, io_end - 0x10000, true)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 128, t_large_so(t, io_end, true)), PV_ERANGE);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * 0x100, t_sect_so(t, T_IO_BASE, true)), PV_OK);
	/* The 8 KiB region below RAM: a large page starting there runs past it. */
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 3, t_small_so(t, T_RAM_BASE - 4096, false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 192, t_large_so(t, T_RAM_BASE - 0x10000, false)),
		 PV_ERANGE);
	/* Address 0, just past domain 2's region that ends at 4 GiB: in no region. */
	T_EXPECT(t, t_update1(t, 1, l2 + 4 * 5, t_small_so(t, 0, false)), PV_ERANGE);
	assert_int_equal(m->io[2].maps, 3);
	assert_int_equal(m->io[0].maps, 1);
	T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	T_EXPECT(t, unpin(t, 1, l1), PV_OK);
	assert_int_equal(m->io[2].maps, 0);
	assert_int_equal(m->io[0].maps, 0);
	t_free(t);
}

/*
 * The guest VA limit: maintenance and translation of the last page below
 * the hypervisor's range, its first page, the first page after it, and
 * cache ranges that start below it and run into it by one byte; length
 * PV_MMU_MAINT_LEN_MAX and one more; a range ending at 4 GiB and one that
 * wraps; ASID 255 and 256; the operation numbers around the valid ones.
 * Gain: cache or TLB maintenance on the hypervisor's own mappings, or a
 * walk of 4 GiB of table entries in one hypercall.
 */
static int32_t maint(struct t_machine *t, uint32_t op, uint32_t va, uint32_t len, uint32_t asid)
{
	struct pv_mmu_maint_req r = { op, pv_gvaddr(va), len, asid };
	return pv_mmu_maint(&t->mmu, pv_domid(1), &r);
}

static void test_bounds_guest_va_limit(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = t_ma(1, 0), below = T_HYP_VA - 1, above = T_HYP_VA + (T_HYP_SLOTS << 20);
	uint32_t *p = t_ptr(t, l1);
	p[T_HYP_SLOT - 1] = t_sect(t, t_ma(1, 0), false);
	p[T_HYP_SLOT + T_HYP_SLOTS] = t_sect(t, t_ma(1, 0), false);
	p[0xFFF] = t_sect(t, t_ma(1, 0), false);
	p[0] = t_sect(t, t_ma(1, 0), false);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(l1)), PV_OK);
	struct pv_mmu_xlate x;
	T_EXPECT(t, pv_mmu_translate(m, pv_domid(1), pv_gvaddr(below), &x), PV_OK);
	T_EXPECT(t, pv_mmu_translate(m, pv_domid(1), pv_gvaddr(T_HYP_VA), &x), PV_EFAULT);
	T_EXPECT(t, pv_mmu_translate(m, pv_domid(1), pv_gvaddr(above - 1), &x), PV_EFAULT);
	T_EXPECT(t, pv_mmu_translate(m, pv_domid(1), pv_gvaddr(above), &x), PV_OK);
	const uint32_t P = PV_MMU_MAINT_TLB_PAGE, C = PV_MMU_MAINT_CACHE_CLEAN;
	T_EXPECT(t, maint(t, P, below, 0, 0), PV_OK);
	T_EXPECT(t, maint(t, P, T_HYP_VA, 0, 0), PV_EFAULT);
	T_EXPECT(t, maint(t, P, above - 1, 0, 0), PV_EFAULT);
	T_EXPECT(t, maint(t, P, above, 0, 0), PV_OK);
	T_EXPECT(t, maint(t, C, below - 0xFFF, 0x1000, 0), PV_OK);
	T_EXPECT(t, maint(t, C, below - 0xFFF, 0x1001, 0), PV_EFAULT);
	T_EXPECT(t, maint(t, C, below, 1, 0), PV_OK);
	T_EXPECT(t, maint(t, C, below, 2, 0), PV_EFAULT);
	T_EXPECT(t, maint(t, C, above - 1, 2, 0), PV_EFAULT);
	T_EXPECT(t, maint(t, C, above, 1, 0), PV_OK);
	/* Lengths. */
	T_EXPECT(t, maint(t, C, 0, PV_MMU_MAINT_LEN_MAX, 0), PV_OK);
	T_EXPECT(t, maint(t, C, 0, PV_MMU_MAINT_LEN_MAX + 1, 0), PV_E2BIG);
	T_EXPECT(t, maint(t, C, 0x000FFFFFu, 1, 0), PV_OK);
	T_EXPECT(t, maint(t, C, 0x000FFFFFu, 2, 0), PV_EFAULT); /* slot 1 has no mapping */
	T_EXPECT(t, maint(t, C, 0xFFFFF000u, 0x1000, 0), PV_OK);
	T_EXPECT(t, maint(t, C, 0xFFFFF000u, 0x1001, 0), PV_EOVERFLOW);
	T_EXPECT(t, maint(t, C, 0, 0, 0), PV_EINVAL);
	/* ASIDs and operation numbers. */
	uint32_t amax = t->fmt == PV_MMU_FMT_V7 ? 255u : 0u;
	T_EXPECT(t, maint(t, P, 0, 0, amax), PV_OK);
	T_EXPECT(t, maint(t, P, 0, 0, amax + 1), PV_EINVAL);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_TLB_PAGE - 1, 0, 0, 0), PV_ENOSYS);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_SYNC_ICACHE, 0, 1, 0), PV_OK);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_ICACHE_ALL_INVAL, 0, 0, 0), PV_OK);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_ICACHE_ALL_INVAL + 1, 0, 0, 0), PV_ENOSYS);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_TLB_ALL, 0, 0, 0), PV_OK);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_TLB_ALL, 0, 1, 0), PV_EINVAL);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_TLB_ALL, 4096, 0, 0), PV_EINVAL);
	t_free(t);
}

/*
 * PV_MMU_UPDATE_MAX requests are applied, one more is refused whole.
 * Gain: an unbounded hypercall (the hypervisor stuck in one guest's batch).
 */
static void test_bounds_update_max(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	static struct pv_mmu_update_req r[PV_MMU_UPDATE_MAX + 1];
	const uint32_t l2 = t_ma(1, 8);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	for (uint32_t i = 0; i <= PV_MMU_UPDATE_MAX; i++) {
		r[i].ptr = l2 + 4 * (i % 1024);
		r[i].val = t_small(t, t_ma(1, 100 + (i % 64)), false);
	}
	uint32_t done = 7;
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), r, PV_MMU_UPDATE_MAX + 1, &done), PV_E2BIG);
	assert_int_equal(done, 0);
	assert_int_equal(t_ptr(t, l2)[0], 0);
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), r, PV_MMU_UPDATE_MAX, &done), PV_OK);
	assert_int_equal(done, PV_MMU_UPDATE_MAX);
	assert_int_equal(t_ptr(t, l2)[1023], r[1023].val);
	T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	t_free(t);
}

/*
 * Domain ids: the last one (nr_domains - 1) is a domain, the next is not,
 * at every entry point. Gain: records of a domain past the end of the
 * caller's array read and written.
 */
static void test_bounds_domain_ids(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const uint32_t free_ma = t_ma(3, 0);
	for (uint16_t d = T_NDOMS - 1; d <= T_NDOMS; d++) {
		const pv_domid_t id = pv_domid(d);
		bool ok = d < T_NDOMS;
		struct pv_mmu_update_req r = { t_ma(1, 8), 0 };
		uint32_t done;
		struct pv_mmu_xlate x;
		struct pv_mmu_maint_req mr = { PV_MMU_MAINT_TLB_ALL, pv_gvaddr(0), 0, 0 };
		int32_t rcs[14];
		/* In this order (each call may depend on the one before). */
		rcs[0] = pv_mmu_frame_assign(m, t_mfn(free_ma), 1, id);
		rcs[1] = pv_mmu_frame_access(m, id, t_mfn(free_ma), false);
		rcs[2] = pv_mmu_pin(m, id, PV_MMU_TABLE_L2, t_mfn(free_ma));
		rcs[3] = pv_mmu_unpin(m, id, t_mfn(free_ma));
		rcs[4] = pv_mmu_update(m, id, &r, 1, &done);
		rcs[5] = pv_mmu_switch_base(m, id, t_mfn(free_ma));
		rcs[6] = pv_mmu_grant(m, id, t_mfn(free_ma), pv_domid(1), false);
		rcs[7] = pv_mmu_grant(m, pv_domid(1), t_mfn(t_ma(1, 100)), id, false);
		rcs[8] = pv_mmu_grant_revoke(m, id, t_mfn(free_ma));
		rcs[9] = pv_mmu_io_assign(m, id, pv_maddr(T_IO_BASE), 4096, 1u, 0);
		rcs[10] = pv_mmu_io_revoke(m, id, pv_maddr(T_IO_BASE));
		rcs[11] = pv_mmu_maint(m, id, &mr);
		rcs[12] = pv_mmu_translate(m, id, pv_gvaddr(0), &x);
		rcs[13] = pv_mmu_frame_free(m, t_mfn(free_ma), 1, id);
		T_AUDIT(t);
		for (unsigned i = 0; i < 14; i++) {
			if ((rcs[i] == PV_ESRCH) == ok)
				fail_msg("domain %u, call %u: %s", d, i, pv_status_name(rcs[i]));
		}
		if (ok) {
			T_EXPECT(t, pv_mmu_grant_revoke(m, pv_domid(1), t_mfn(t_ma(1, 100))), PV_OK);
			T_EXPECT(t, pv_mmu_domain_destroy(m, id), PV_OK);
		} else {
			T_EXPECT(t, pv_mmu_domain_destroy(m, id), PV_ESRCH);
		}
	}
	t_free(t);
}

/*
 * The hypervisor's L1 slots: the one just below and the one just after are
 * the guest's, the first and last are not; supersection groups adjacent on
 * either side are fine. Gain: replacing a hypervisor mapping.
 */
static void test_bounds_hyp_slots(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	const uint32_t l1 = t_ma(1, 0), s = t_sect(t, t_ma(1, 0), false);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT - 1), s), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * T_HYP_SLOT, s), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT + T_HYP_SLOTS - 1), s), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT + T_HYP_SLOTS), s), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT - 1), 0), PV_OK);
	T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT + T_HYP_SLOTS), 0), PV_OK);
	if (t->fmt == PV_MMU_FMT_V7) {
		/* Domain 1's RAM is not 16 MiB: a supersection of it is refused, so use the I/O. */
		uint32_t so = PV_MMU_MT_MASK(PV_MMU_MT_SO);
		T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(0x20000000u), 16u << 20, so,
					     0), PV_OK);
		uint32_t ss = v7_super(0x20000000u, V7_RO, 0, 0, 0);
		T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT - 16), ss), PV_OK);
		T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT + T_HYP_SLOTS), ss), PV_OK);
		T_EXPECT(t, t_update1(t, 1, l1 + 4 * T_HYP_SLOT, ss), PV_EPERM);
		T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT - 16), 0), PV_OK);
		T_EXPECT(t, t_update1(t, 1, l1 + 4 * (T_HYP_SLOT + T_HYP_SLOTS), 0), PV_OK);
	}
	T_EXPECT(t, unpin(t, 1, l1), PV_OK);
	t_free(t);
}

/*
 * The frames being pinned, and their neighbours: a table may map the frame
 * just before and just after itself writable, never itself; an L1 may hold
 * a writable section ending right before it or starting right after it;
 * a supersection group right next to the hypervisor's slots pins. Gain of
 * a mistake the other way (refusing the neighbours) is none for a guest,
 * but a pin range one frame too short lets a table map its last frame
 * writable.
 */
static void test_bounds_pin_range_neighbours(void **state)
{
	struct t_machine *t = t_new_split(T_FMT(state), 4, 3); /* domain 1: MiB 1 and 2 */
	const uint32_t l2 = t_ma(1, 100);
	uint32_t *p = t_ptr(t, l2);
	for (int off = -1; off <= 1; off++) {
		t_fill(t, l2, 0, 1024, 0);
		p[7] = t_small(t, l2 + (uint32_t)(off * 4096), true);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), off == 0 ? PV_ETYPE : PV_OK);
		if (off != 0)
			T_EXPECT(t, unpin(t, 1, l2), PV_OK);
		/* A 64-entry run ending right before it, ending on it, starting right after it. */
		t_fill(t, l2, 0, 1024, 0);
		uint32_t first = off < 0 ? l2 - (64u << 12) : off == 0 ? l2 - (63u << 12) : l2 + 4096;
		for (uint32_t i = 0; i < 64; i++)
			p[64 + i] = t_small(t, first + (i << 12), true);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), off == 0 ? PV_ETYPE : PV_OK);
		if (off != 0)
			T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	}
	t_fill(t, l2, 0, 1024, 0);
	t_fill(t, l2, 16, 16, t_large(t, t_ma(1, 96), true)); /* frames 96..111 hold it */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_ETYPE);
	t_fill(t, l2, 16, 16, t_large(t, t_ma(1, 112), true)); /* starts right after it */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	t_fill(t, l2, 16, 16, t_large(t, t_ma(1, 80), true)); /* ends right before it */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	/* L1s at the first and at the last four frames of MiB 2, sections of MiB 1 and 2. */
	const uint32_t l1s[2] = { t_ma(2, 0), t_ma(2, 252) };
	for (unsigned i = 0; i < 2; i++) {
		uint32_t *q = t_ptr(t, l1s[i]);
		t_fill(t, l1s[i], 0, 4096, 0);
		q[0x100] = t_sect(t, t_ma(1, 0), true);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1s[i]), PV_OK);
		T_EXPECT(t, unpin(t, 1, l1s[i]), PV_OK);
		q[0x100] = t_sect(t, t_ma(2, 0), true);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1s[i]), PV_ETYPE);
		q[0x100] = 0;
	}
	const uint32_t l1 = t_ma(1, 200);
	t_fill(t, l1, 0, 4096, 0);
	uint32_t *q = t_ptr(t, l1);
	q[0x100] = t_sect(t, t_ma(2, 0), true); /* the MiB after the L1's */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
	T_EXPECT(t, unpin(t, 1, l1), PV_OK);
	if (t->fmt == PV_MMU_FMT_V7) {
		/* Supersection groups right next to the hypervisor's slots, through pin. */
		T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(0x20000000u), 16u << 20,
					     PV_MMU_MT_MASK(PV_MMU_MT_SO), 0), PV_OK);
		uint32_t ss = v7_super(0x20000000u, V7_RO, 0, 0, 0);
		t_fill(t, l1, 0, 4096, 0);
		t_fill(t, l1, T_HYP_SLOT - 16, 16, ss);
		t_fill(t, l1, T_HYP_SLOT + T_HYP_SLOTS, 16, ss);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
		assert_int_equal(t->io[0].maps, 2);
		T_EXPECT(t, unpin(t, 1, l1), PV_OK);
		t_fill(t, l1, T_HYP_SLOT, 16, ss); /* the pin skips these slots: nothing counted */
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1), PV_OK);
		assert_int_equal(t->io[0].maps, 2);
		T_EXPECT(t, unpin(t, 1, l1), PV_OK);
	}
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_bounds_end_of_ram),
		BOTH(test_bounds_block_at_end_of_ram),
		BOTH(test_bounds_run_from_ram_into_io),
		BOTH(test_bounds_ram_not_16k_aligned),
		cmocka_unit_test(test_bounds_init_config),
		BOTH(test_bounds_io_regions),
		BOTH(test_bounds_guest_va_limit),
		BOTH(test_bounds_update_max),
		BOTH(test_bounds_domain_ids),
		BOTH(test_bounds_hyp_slots),
		BOTH(test_bounds_pin_range_neighbours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
