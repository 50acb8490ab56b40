/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Attacks on the pin walk's fast paths (validate.c: block_get/block_put, the
 * remembered-pattern runs, L1 pointer runs, the group summaries behind
 * sections, supersections and large pages). The entry-by-entry path decides
 * the first entry of a run; these tests put the bad frame where only a fast
 * path looks: inside a 64-entry run of consecutive frames (positions 0 with
 * the pattern already known, 1, 31, 32, 62 and 63), in a run that starts
 * mid-block, and in runs whose frames straddle two summary groups. Each
 * test names what a guest would gain if the check it covers were missing;
 * docs/testing-mmu.md lists the bug planted in each check and the test that
 * catches it. Refused pins must leave the frame table byte for byte as it
 * was; audit after every operation. Both formats.
 *
 * Machine: 10 MiB of RAM at 0x40000000. MiB 0 the hypervisor's, MiB 1-8
 * (frames 256..2303) domain 1's, MiB 9 (2304..2559) domain 2's. Inside
 * domain 1's frames, far enough apart that a 100-frame run around one
 * meets no other: the table under test (330), a pinned L2 (470), a whole
 * summary group of pinned L2s (group 10, frames 640..703), a frame of
 * domain 2's granted to domain 1 (830, alone in MiB 3), one of domain 2's
 * not granted (1060), a hypervisor frame (1190) and a free frame (1600).
 * MiB 5 (1280..1535) is clean for the section tests; MiB 7 holds a clean
 * run for priming a pattern (from 1856) and the L1 under test (2016).
 * Domain 1 has an I/O region at 0x10000000 (1 MiB, device and
 * strongly-ordered, writable).
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

#define FA_MB 10u
#define FA_NF (FA_MB << 8)
#define FA_L2 330u      /* the table being pinned */
#define FA_OTHER 470u   /* a pinned L2 of domain 1 */
#define FA_TGROUP 640u  /* first of 64 pinned L2s: one whole summary group */
#define FA_GRANT 830u   /* domain 2's, granted to domain 1 (per test) */
#define FA_FOREIGN 1060u /* domain 2's */
#define FA_HYP 1190u    /* the hypervisor's */
#define FA_FREE 1600u   /* nobody's */
#define FA_CLEAN 1856u  /* group 29: a clean block for priming a pattern */
#define FA_L1 2016u     /* 16 KiB aligned, domain 1's */
#define FA_D2L2 2312u   /* a pinned L2 of domain 2 */
#define FA_D2 2304u     /* domain 2's first frame */

static uint32_t fa(uint32_t frame)
{
	return T_RAM_BASE + (frame << 12);
}

static int32_t pin(struct t_machine *t, uint16_t d, enum pv_mmu_table k, uint32_t frame)
{
	return pv_mmu_pin(&t->mmu, pv_domid(d), k, t_mfn(fa(frame)));
}

static struct t_machine *fa_machine(enum pv_mmu_format fmt)
{
	struct t_machine *t = t_new_split(fmt, FA_MB, 9);
	struct pv_mmu *m = &t->mmu;
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_OTHER), PV_OK);
	for (uint32_t i = 0; i < 64; i++)
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_TGROUP + i), PV_OK);
	T_EXPECT(t, pin(t, 2, PV_MMU_TABLE_L2, FA_D2L2), PV_OK);
	const uint32_t moved[3] = { FA_GRANT, FA_FOREIGN, FA_HYP };
	const pv_domid_t to[3] = { pv_domid(2), pv_domid(2), pv_domid_hyp() };
	for (unsigned i = 0; i < 3; i++) {
		T_EXPECT(t, pv_mmu_frame_free(m, pv_mfn(fa(moved[i]) >> 12), 1, pv_domid(1)), PV_OK);
		T_EXPECT(t, pv_mmu_frame_assign(m, pv_mfn(fa(moved[i]) >> 12), 1, to[i]), PV_OK);
	}
	T_EXPECT(t, pv_mmu_frame_free(m, pv_mfn(fa(FA_FREE) >> 12), 1, pv_domid(1)), PV_OK);
	uint32_t dev = PV_MMU_MT_MASK(PV_MMU_MT_SO) | PV_MMU_MT_MASK(PV_MMU_MT_DEVICE);
	T_EXPECT(t, pv_mmu_io_assign(m, pv_domid(1), pv_maddr(T_IO_BASE), 1u << 20, dev,
				     PV_MMU_IO_WRITE), PV_OK);
	/*
	 * Pins leave a group's summary mixed; any recount (here: a domain
	 * destroyed elsewhere) makes the group of tables one key again.
	 */
	T_EXPECT(t, pv_mmu_domain_destroy(m, pv_domid(0)), PV_OK);
	/* The summaries the tests rely on. */
	assert_int_equal(m->fr_group[FA_TGROUP >> 6], (uint32_t)1u | PV_MMU_FT_L2 << 16 |
							      (uint32_t)PV_MMU_FRAME_PINNED << 24);
	assert_int_equal(m->fr_group[FA_L2 >> 6], 1u);
	assert_int_equal(m->fr_group[FA_CLEAN >> 6], 1u);
	return t;
}

static uint32_t fa_small(const struct t_machine *t, uint32_t frame, bool w)
{
	return t_small(t, fa(frame), w);
}

static size_t fa_store_words(void)
{
	return PV_MMU_FRAME_STORE_WORDS(FA_NF);
}

/*
 * Pin the table at frame tbl of dom (kind), expect want. Refused: the frame
 * table is byte for byte unchanged. Accepted: unpin gives back every count
 * (summaries may have become uniform again, so they are not compared).
 */
static void fa_pin_expect(struct t_machine *t, uint16_t dom, enum pv_mmu_table kind, uint32_t tbl,
			  int32_t want, const char *what)
{
	static uint32_t before[PV_MMU_FRAME_STORE_WORDS(FA_NF)];
	memcpy(before, t->frame_store, 4 * fa_store_words());
	int32_t rc = pin(t, dom, kind, tbl);
	T_AUDIT(t);
	if (rc != want)
		fail_msg("%s: pin says %s, want %s", what, pv_status_name(rc), pv_status_name(want));
	if (rc != PV_OK) {
		if (memcmp(before, t->frame_store, 4 * fa_store_words()) != 0)
			fail_msg("%s: a refused pin left a trace in the frame table", what);
		return;
	}
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(dom), t_mfn(fa(tbl))), PV_OK);
	if (memcmp(before, t->frame_store, 4 * 5 * FA_NF) != 0)
		fail_msg("%s: pin then unpin left a trace in the frame table", what);
}

/* Where the bad frame sits in its run. */
enum fa_form {
	FA_BLOCK_PRIMED, /* block 1; block 0 is a clean run of the same pattern */
	FA_BLOCK,        /* block 1 alone: its first entry teaches the pattern */
	FA_UNALIGNED,    /* a 100-entry run from slot 69 (mid-block) */
};
static const uint32_t fa_pos[] = { 0, 1, 31, 32, 62, 63 };
#define FA_NPOS (sizeof fa_pos / sizeof fa_pos[0])

/*
 * Write the L2 at FA_L2: a run of consecutive frames, writable or not,
 * holding frame bad at position k of the run (block forms) or of the
 * 100-entry run. The rest of the table is faults.
 */
static void fa_fill(struct t_machine *t, enum fa_form form, uint32_t bad, uint32_t k, bool w)
{
	uint32_t *p = t_ptr(t, fa(FA_L2));
	t_fill(t, fa(FA_L2), 0, 1024, 0);
	uint32_t slot = form == FA_UNALIGNED ? 69u : 64u, n = form == FA_UNALIGNED ? 100u : 64u;
	if (form == FA_BLOCK_PRIMED)
		for (uint32_t i = 0; i < 64; i++)
			p[i] = fa_small(t, FA_CLEAN + i, w);
	for (uint32_t i = 0; i < n; i++)
		p[slot + i] = fa_small(t, bad - k + i, w);
}

/* The bad frame at every position of every form. */
static void fa_sweep(struct t_machine *t, uint32_t bad, bool w, int32_t want, const char *what)
{
	for (unsigned f = 0; f < 3; f++) {
		for (unsigned i = 0; i < FA_NPOS; i++) {
			char msg[96];
			snprintf(msg, sizeof msg, "%s (form %u, position %u)", what, f, fa_pos[i]);
			fa_fill(t, (enum fa_form)f, bad, fa_pos[i], w);
			fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, want, msg);
		}
	}
}

/*
 * Attack: an L2 that maps itself writable from inside a run of consecutive
 * frames. Gain: once pinned, the guest writes its own page table directly
 * and maps any frame of the machine.
 */
static void test_attack_l2_maps_itself_writable_mid_run(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	fa_sweep(t, FA_L2, true, PV_ETYPE, "writable run over the table being pinned");
	/* Read-only, its owner may. */
	fa_sweep(t, FA_L2, false, PV_OK, "read-only run over the table being pinned");
	t_free(t);
}

/*
 * Attack: a writable run of consecutive frames that passes over another
 * pinned L2 of the same domain. Gain: a writable alias of a live page table.
 */
static void test_attack_writable_run_over_pinned_l2(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	fa_sweep(t, FA_OTHER, true, PV_ETYPE, "writable run over a pinned L2");
	fa_sweep(t, FA_OTHER, false, PV_OK, "read-only run over a pinned L2");
	t_free(t);
}

/*
 * Attack: a writable block over 64 frames that are all the domain's own
 * pinned L2s, so that the group summary is one key (owner and table type)
 * and vouches for the whole block; and blocks straddling that group and a
 * plain one. Gain: 64 writable page tables at once.
 */
static void test_attack_writable_block_over_group_of_tables(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	fa_sweep(t, FA_TGROUP, true, PV_ETYPE, "writable block starting at the table group");
	fa_sweep(t, FA_TGROUP + 63, true, PV_ETYPE, "writable block ending in the table group");
	for (unsigned f = 0; f < 3; f++) {
		fa_fill(t, (enum fa_form)f, FA_TGROUP + 64, 0, true);
		fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_OK, "writable block after the group");
	}
	fa_sweep(t, FA_TGROUP, false, PV_OK, "read-only block over the table group");
	/* The read-only block counts every table frame once. */
	fa_fill(t, FA_BLOCK, FA_TGROUP, 0, false);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_L2), PV_OK);
	for (uint32_t i = 0; i < 64; i++)
		assert_int_equal(t_frame_at(t, FA_TGROUP + i).ref_count, 1);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(fa(FA_L2))), PV_OK);
	t_free(t);
}

/*
 * Attack: a run of consecutive frames with one frame of another domain, of
 * the hypervisor, or free, in the middle. Gain: reading and writing another
 * guest's or the hypervisor's memory.
 */
static void test_attack_foreign_frame_mid_run(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	for (unsigned w = 0; w < 2; w++) {
		fa_sweep(t, FA_FOREIGN, w, PV_EXDEV, "another domain's frame in a run");
		fa_sweep(t, FA_HYP, w, PV_EPERM, "a hypervisor frame in a run");
		fa_sweep(t, FA_FREE, w, PV_EPERM, "a free frame in a run");
		fa_sweep(t, FA_D2L2, w, PV_EXDEV, "another domain's page table in a run");
	}
	/* A run off the end of domain 1's frames into domain 2's. */
	fa_sweep(t, FA_D2, false, PV_EXDEV, "a run into the next domain's frames");
	t_free(t);
}

/*
 * Attack: map a frame granted read-only writable from inside a run, and
 * leak the grant count through an unpin that puts a whole block back as if
 * all its frames were the guest's own. Gain: writing the peer's shared page
 * it may only read; a grant the owner can never revoke (its destroy then
 * waits forever).
 */
static void test_attack_grant_peer_frame_in_run(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	pv_mfn_t g = pv_mfn(fa(FA_GRANT) >> 12);
	for (unsigned rw = 0; rw < 2; rw++) {
		T_EXPECT(t, pv_mmu_grant(m, pv_domid(2), g, pv_domid(1), rw), PV_OK);
		fa_sweep(t, FA_GRANT, false, PV_OK, "read-only run over a granted frame");
		fa_sweep(t, FA_GRANT, true, rw ? PV_OK : PV_EACCES, "writable run over a granted frame");
		for (unsigned f = 0; f < 3; f++) {
			for (unsigned i = 0; i < FA_NPOS; i++) {
				fa_fill(t, (enum fa_form)f, FA_GRANT, fa_pos[i], rw);
				T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_L2), PV_OK);
				assert_int_equal(t_frame_at(t, FA_GRANT).grant_maps, 1);
				T_EXPECT(t, pv_mmu_grant_revoke(m, pv_domid(2), g), PV_EBUSY);
				T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(fa(FA_L2))), PV_OK);
				assert_int_equal(t_frame_at(t, FA_GRANT).grant_maps, 0);
				assert_int_equal(t_frame_at(t, FA_GRANT).ref_count, 0);
			}
		}
		T_EXPECT(t, pv_mmu_grant_revoke(m, pv_domid(2), g), PV_OK);
	}
	/* Without a grant, it is simply another domain's frame. */
	fa_sweep(t, FA_GRANT, false, PV_EXDEV, "a run over a frame no longer granted");
	t_free(t);
}

/*
 * Attack: teach the walk a device (or strongly-ordered) pattern on the
 * domain's own I/O region, then use the same attribute bits over RAM.
 * Gain: an uncached alias of RAM, which reads stale data other domains
 * left in the cache and breaks coherency. The other way round, a cacheable
 * pattern learnt on RAM used over the I/O region: a cacheable mapping of a
 * device.
 */
static void test_attack_device_pattern_over_ram(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	uint32_t *p = t_ptr(t, fa(FA_L2));
	for (unsigned w = 0; w < 2; w++) {
		for (unsigned at = 0; at < 3; at++) {
			/* at 0: the device entry starts a block; 1: mid-block; 2: last slot of a block */
			uint32_t s0 = at == 0 ? 64u : at == 1 ? 90u : 127u;
			t_fill(t, fa(FA_L2), 0, 1024, 0);
			p[s0] = t_small_so(t, T_IO_BASE + 0x5000, w);
			for (uint32_t i = 1; i <= 130; i++)
				p[s0 + i] = t_small_so(t, fa(FA_CLEAN + i), w);
			fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_EPERM, "device pattern over RAM");
			/* The I/O entry alone is fine. */
			t_fill(t, fa(FA_L2), s0 + 1, 130, 0);
			fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_OK, "device pattern on I/O");
			if (t->fmt == PV_MMU_FMT_V7) {
				/* ARMv7 Device (TEX 000, C 0, B 1) likewise. */
				p[s0] = v7_small(T_IO_BASE + 0x5000, w ? V7_RW : V7_RO, 0, 0, 1);
				for (uint32_t i = 1; i <= 130; i++)
					p[s0 + i] = v7_small(fa(FA_CLEAN + i), w ? V7_RW : V7_RO, 0, 0, 1);
				fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_EPERM,
					      "v7 device pattern over RAM");
			}
		}
		/* Cacheable over I/O: a RAM block teaches the pattern; then the I/O region. */
		for (uint32_t k = 0; k < 64; k += 21) {
			t_fill(t, fa(FA_L2), 0, 1024, 0);
			for (uint32_t i = 0; i < 128; i++)
				p[i] = fa_small(t, FA_CLEAN + i, w);
			p[64 + k] = t_small(t, T_IO_BASE + 0x2000, w);
			fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_EPERM, "cacheable over I/O");
		}
	}
	t_free(t);
}

/*
 * Attack: a run whose attribute bits change in its middle: the same frames
 * but strongly-ordered, global (ARMv7), or writable where the run so far was
 * read-only and the frame is a table. Gain: the checks of the changed
 * attributes skipped (uncached RAM, a global TLB entry that outlives the
 * domain switch, a writable table).
 */
static void test_attack_pattern_change_mid_run(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	uint32_t *p = t_ptr(t, fa(FA_L2));
	for (unsigned i = 0; i < FA_NPOS; i++) {
		uint32_t k = fa_pos[i];
		for (unsigned v = 0; v < 3; v++) {
			t_fill(t, fa(FA_L2), 0, 1024, 0);
			for (uint32_t j = 0; j < 128; j++)
				p[j] = fa_small(t, FA_CLEAN + j, false);
			uint32_t f = FA_CLEAN + 64 + k;
			int32_t want = PV_EPERM;
			if (v == 0) {
				p[64 + k] = t_small_so(t, fa(f), false);
			} else if (v == 1) {
				if (t->fmt != PV_MMU_FMT_V7)
					continue;
				p[64 + k] &= ~V7_NG_PAGE;
			} else {
				/* Writable over a pinned table, both patterns known. */
				for (uint32_t j = 0; j < 64; j++)
					p[j] = fa_small(t, FA_CLEAN + j, (j & 1) != 0);
				for (uint32_t j = 64; j < 128; j++)
					p[j] = fa_small(t, FA_OTHER - k + (j - 64), false);
				p[64 + k] = fa_small(t, FA_OTHER, true);
				want = PV_ETYPE;
			}
			fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, want, "pattern change mid run");
		}
	}
	t_free(t);
}

/*
 * Attack: an entry of a 64-entry block that is not the next frame (a jump
 * to another frame of the domain's, or to a foreign one) while the block's
 * first and last entries are consecutive. Gain: the jumped-to frame mapped
 * without its check, or counted on the wrong frame (a table pinned later
 * while mapped).
 */
static void test_attack_block_with_a_jump(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	uint32_t *p = t_ptr(t, fa(FA_L2));
	for (unsigned i = 1; i < FA_NPOS - 1; i++) {
		uint32_t k = fa_pos[i];
		const uint32_t to[4] = { FA_FOREIGN, FA_HYP, FA_OTHER, FA_CLEAN + 200 };
		const int32_t want[4] = { PV_EXDEV, PV_EPERM, PV_ETYPE, PV_OK };
		for (unsigned v = 0; v < 4; v++) {
			fa_fill(t, FA_BLOCK_PRIMED, FA_CLEAN + 64, 0, true);
			p[64 + k] = fa_small(t, to[v], true);
			fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, want[v], "a jump in a block");
		}
		/* The good jump: its counts land on the right frames. */
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_L2), PV_OK);
		assert_int_equal(t_frame_at(t, FA_CLEAN + 200).type_count, 1);
		assert_int_equal(t_frame_at(t, FA_CLEAN + 64 + k).type_count, 0);
		/* The frame skipped can be pinned, the one jumped to cannot. */
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_CLEAN + 64 + k), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(fa(FA_CLEAN + 64 + k))), PV_OK);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_CLEAN + 200), PV_ETYPE);
		T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(fa(FA_L2))), PV_OK);
		/* A read-only entry inside a writable block: counted read-only. */
		fa_fill(t, FA_BLOCK_PRIMED, FA_CLEAN + 64, 0, true);
		p[64 + k] = fa_small(t, FA_CLEAN + 64 + k, false);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_L2), PV_OK);
		assert_int_equal(t_frame_at(t, FA_CLEAN + 64 + k).type, PV_MMU_FT_NONE);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_CLEAN + 64 + k), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(fa(FA_CLEAN + 64 + k))), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(fa(FA_L2))), PV_OK);
	}
	t_free(t);
}

/* Fill the L1 at FA_L1 with a run of n coarse pointers from slot, all to FA_OTHER. */
static void fa_ptr_run(struct t_machine *t, uint32_t slot, uint32_t n)
{
	uint32_t *p = t_ptr(t, fa(FA_L1));
	for (uint32_t i = 0; i < n; i++)
		p[slot + i] = t_table(t, fa(FA_OTHER) + 1024u * (i & 3u));
}

/*
 * Attack: a run of L1 pointers to the domain's pinned L2 with, in its
 * middle, a pointer of the same low bits to something that is no pinned L2
 * of the domain: an unpinned frame, another domain's L2, a hypervisor
 * frame, an L1 frame, a frame outside RAM; or a pointer whose ARM domain
 * is the hypervisor's. Gain: the hardware walks data the guest writes as a
 * page table (type confusion), or another domain's table.
 */
static void test_attack_l1_pointer_run(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	uint32_t *p = t_ptr(t, fa(FA_L1));
	/* A second L1, pinned: a pointer into it is type confusion. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, FA_L1 + 4), PV_OK);
	const uint32_t to[6] = { fa(FA_CLEAN), fa(FA_D2L2), fa(FA_HYP), fa(FA_L1 + 5),
				 T_RAM_BASE + (FA_NF << 12), fa(FA_TGROUP + 3) };
	const int32_t want[6] = { PV_ENOTPINNED, PV_EXDEV, PV_EPERM, PV_ETYPE, PV_ERANGE, PV_OK };
	const uint32_t at[5] = { 1, 7, 31, 62, 63 };
	for (unsigned a = 0; a < 5; a++) {
		for (unsigned v = 0; v < 6; v++) {
			t_fill(t, fa(FA_L1), 0, 4096, 0);
			fa_ptr_run(t, 100, 64);
			p[100 + at[a]] = t_table(t, to[v]);
			fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, want[v], "pointer run");
		}
		/* Same address, other ARM domain (the hypervisor's): not the run's pattern. */
		t_fill(t, fa(FA_L1), 0, 4096, 0);
		fa_ptr_run(t, 100, 64);
		p[100 + at[a]] = (p[100 + at[a]] & ~0x1E0u) | (T_HYP_DOMAIN << 5);
		fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_EPERM, "pointer in the hypervisor's domain");
		/* Reserved low bits: ARMv7 NS (bit 3) or bit 4; ARMv5 bit 9. */
		t_fill(t, fa(FA_L1), 0, 4096, 0);
		fa_ptr_run(t, 100, 64);
		p[100 + at[a]] |= t->fmt == PV_MMU_FMT_V7 ? (a & 1 ? 8u : 16u) : 0x200u;
		fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_EINVAL, "pointer with a reserved bit");
		/* A fine-table pointer (ARMv5) to the L2, and a coarse one to a fine table. */
		if (t->fmt == PV_MMU_FMT_V5) {
			t_fill(t, fa(FA_L1), 0, 4096, 0);
			fa_ptr_run(t, 100, 64);
			p[100 + at[a]] = v5_fine(fa(FA_OTHER), 0);
			fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_ETYPE, "fine pointer to an L2");
		}
	}
	/* A pointer run that reaches the hypervisor's slots counts nothing there. */
	t_fill(t, fa(FA_L1), 0, 4096, 0);
	fa_ptr_run(t, T_HYP_SLOT - 20, 20 + T_HYP_SLOTS);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, FA_L1), PV_OK);
	assert_int_equal(t_frame_at(t, FA_OTHER).type_count, 20);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(fa(FA_L1))), PV_OK);
	assert_int_equal(t_frame_at(t, FA_OTHER).type_count, 0);
	t_free(t);
}

/*
 * Attack: writable sections and large pages over memory whose summary
 * groups vouch for all but one group: a pinned table (or the table being
 * pinned, or a read-only grant) in the first, a middle or the last group
 * of the range. Gain: a writable alias of a page table through one entry.
 */
static void test_attack_sections_and_large_pages_via_summaries(void **state)
{
	struct t_machine *t = fa_machine(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	uint32_t *l1 = t_ptr(t, fa(FA_L1));
	/* MiB 5 (frames 1280..1535): a pinned L2 in group 0, 1, 2 or 3 of it. */
	const uint32_t where[4] = { 1280, 1280 + 64 + 30, 1280 + 128 + 63, 1535 };
	for (unsigned i = 0; i < 4; i++) {
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, where[i]), PV_OK);
		t_fill(t, fa(FA_L1), 0, 4096, 0);
		l1[0x300] = t_sect(t, fa(1280), true);
		fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_ETYPE, "writable section over a table");
		l1[0x300] = t_sect(t, fa(1280), false);
		fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_OK, "read-only section over a table");
		/* A large page (16 frames) with the table at its first, middle or last frame. */
		uint32_t lp = where[i] & ~15u;
		t_fill(t, fa(FA_L2), 0, 1024, 0);
		t_fill(t, fa(FA_L2), 32, 16, t_large(t, fa(lp), true));
		fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_ETYPE, "writable large page over a table");
		t_fill(t, fa(FA_L2), 32, 16, t_large(t, fa(lp), false));
		fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_OK, "read-only large page over a table");
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(fa(where[i]))), PV_OK);
	}
	/* The table group: a section over MiB 2 (frames 512..767) holds all of group 10. */
	t_fill(t, fa(FA_L1), 0, 4096, 0);
	l1[0x40] = t_sect(t, fa(512), true);
	fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_ETYPE, "writable section over the table group");
	t_fill(t, fa(FA_L2), 0, 1024, 0);
	t_fill(t, fa(FA_L2), 16, 16, t_large(t, fa(FA_TGROUP + 48), true));
	fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_ETYPE, "writable large page in the table group");
	/* The L1 being pinned, covered by a writable section (MiB 7 holds it). */
	t_fill(t, fa(FA_L1), 0, 4096, 0);
	l1[0x500] = t_sect(t, fa(7u << 8), true);
	fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_ETYPE, "writable section over its own L1");
	l1[0x500] = t_sect(t, fa(7u << 8), false);
	fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, PV_OK, "read-only section over its own L1");
	/* The L2 being pinned, under a writable large page of itself (frame 330 in 320..335). */
	t_fill(t, fa(FA_L2), 0, 1024, 0);
	t_fill(t, fa(FA_L2), 48, 16, t_large(t, fa(320), true));
	fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, PV_ETYPE, "writable large page over itself");
	/* Grants: MiB 3 (frames 768..1023) holds FA_GRANT (830). */
	pv_mfn_t g = pv_mfn(fa(FA_GRANT) >> 12);
	for (unsigned rw = 0; rw < 2; rw++) {
		T_EXPECT(t, pv_mmu_grant(m, pv_domid(2), g, pv_domid(1), rw), PV_OK);
		t_fill(t, fa(FA_L1), 0, 4096, 0);
		l1[0x100] = t_sect(t, fa(768), true);
		l1[0x101] = t_sect(t, fa(768), false);
		fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, rw ? PV_OK : PV_EACCES,
			      "writable section over a granted frame");
		t_fill(t, fa(FA_L2), 0, 1024, 0);
		t_fill(t, fa(FA_L2), 16, 16, t_large(t, fa(FA_GRANT & ~15u), true));
		t_fill(t, fa(FA_L2), 32, 16, t_large(t, fa(FA_GRANT & ~15u), false));
		fa_pin_expect(t, 1, PV_MMU_TABLE_L2, FA_L2, rw ? PV_OK : PV_EACCES,
			      "writable large page over a granted frame");
		/* Read-only: pinned, counted as the peer's, and given back on unpin. */
		l1[0x100] = 0;
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, FA_L1), PV_OK);
		t_fill(t, fa(FA_L2), 16, 16, 0);
		T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, FA_L2), PV_OK);
		assert_int_equal(t_frame_at(t, FA_GRANT).grant_maps, 2);
		T_EXPECT(t, pv_mmu_grant_revoke(m, pv_domid(2), g), PV_EBUSY);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(fa(FA_L1))), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(fa(FA_L2))), PV_OK);
		assert_int_equal(t_frame_at(t, FA_GRANT).grant_maps, 0);
		T_EXPECT(t, pv_mmu_grant_revoke(m, pv_domid(2), g), PV_OK);
	}
	/* Another domain's frame, a hypervisor and a free frame inside a section. */
	const uint32_t mib[3] = { 3, 4, 6 }; /* FA_GRANT; FA_FOREIGN, FA_HYP; FA_FREE */
	const int32_t want[3] = { PV_EXDEV, PV_EXDEV, PV_EPERM };
	for (unsigned i = 0; i < 3; i++) {
		t_fill(t, fa(FA_L1), 0, 4096, 0);
		l1[0x200] = t_sect(t, fa(mib[i] << 8), false);
		fa_pin_expect(t, 1, PV_MMU_TABLE_L1, FA_L1, want[i], "section over another owner's frame");
	}
	t_free(t);
}

/*
 * Attack (ARMv7): a writable supersection over 16 MiB of the domain's
 * memory whose last summary group holds a pinned table, or one frame of
 * another domain's. Gain: a writable page table or another guest's page
 * from one entry. Machine: 33 MiB, domain 1 MiB 1..31 (a supersection at
 * 16 MiB is all its own), domain 2 MiB 32.
 */
static void test_attack_supersection_via_summaries(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 33, 32);
	struct pv_mmu *m = &t->mmu;
	const uint32_t l1 = t_ma(1, 0), tbl[3] = { 16u << 8, (24u << 8) + 100, (32u << 8) - 1 };
	uint32_t *p = t_ptr(t, l1);
	for (unsigned i = 0; i < 3; i++) {
		uint32_t ma = T_RAM_BASE + (tbl[i] << 12);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(ma)), PV_OK);
		t_fill(t, l1, 0, 4096, 0);
		t_fill(t, l1, 0x10, 16, v7_super(t_ma(16, 0), V7_RW, 0, 1, 1));
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_ETYPE);
		t_fill(t, l1, 0x10, 16, v7_super(t_ma(16, 0), V7_RO, 0, 1, 1));
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_OK);
		assert_int_equal(t_frame(t, ma).ref_count, 1);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(l1)), PV_OK);
		T_EXPECT(t, pv_mmu_unpin(m, pv_domid(1), t_mfn(ma)), PV_OK);
		/* The same frame given to domain 2. */
		T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(ma), 1, pv_domid(1)), PV_OK);
		T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(ma), 1, pv_domid(2)), PV_OK);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_EXDEV);
		T_EXPECT(t, pv_mmu_frame_free(m, t_mfn(ma), 1, pv_domid(2)), PV_OK);
		T_EXPECT(t, pv_mmu_frame_assign(m, t_mfn(ma), 1, pv_domid(1)), PV_OK);
	}
	/* The one at 32 MiB reaches past the end of RAM (33 MiB). */
	t_fill(t, l1, 0, 4096, 0);
	t_fill(t, l1, 0x20, 16, v7_super(t_ma(32, 0), V7_RO, 0, 1, 1));
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(l1)), PV_ERANGE);
	(void)p;
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_attack_l2_maps_itself_writable_mid_run),
		BOTH(test_attack_writable_run_over_pinned_l2),
		BOTH(test_attack_writable_block_over_group_of_tables),
		BOTH(test_attack_foreign_frame_mid_run),
		BOTH(test_attack_grant_peer_frame_in_run),
		BOTH(test_attack_device_pattern_over_ram),
		BOTH(test_attack_pattern_change_mid_run),
		BOTH(test_attack_block_with_a_jump),
		BOTH(test_attack_l1_pointer_run),
		BOTH(test_attack_sections_and_large_pages_via_summaries),
		cmocka_unit_test(test_attack_supersection_via_summaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
