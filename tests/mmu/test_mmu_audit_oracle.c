/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pv_mmu_audit as an oracle: the model tests and the fuzzer trust it to
 * notice any inconsistency, so each of its failure branches is made to run
 * here. Each case corrupts one structure the audit checks (a frame-table
 * field, a group summary, a per-domain record, a hypervisor slot, an I/O
 * region record, the frame store's place, a table entry written behind the
 * validator's back), requires the audit to report exactly that problem at
 * exactly that frame, region or domain, then restores the state and
 * requires a clean audit. What a guest would gain from each inconsistency
 * going unnoticed is the bug the audit is there to expose: a count that
 * lets a table be unpinned or a frame freed while mapped, a forged owner or
 * grant, an entry that escaped validation.
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

#define A_NF 1024u
#define I_L1 256u  /* t_ma(1, 0) */
#define I_L2 264u  /* t_ma(1, 8) */
#define I_FINE 265u /* t_ma(1, 9), ARMv5 */
#define I_D0 320u  /* mapped read-only */
#define I_D1 321u  /* mapped writable */
#define I_PLAIN 400u /* domain 1's, unmapped */
#define I_G 522u   /* domain 2's, granted to domain 1 writable and mapped by it */
#define I_FREE 800u
#define PV_MMU_GROUP_MIXED_T UINT32_MAX /* a summary that vouches for nothing */

static uint32_t K(uint32_t owner, uint32_t type, uint32_t flags)
{
	return owner | type << 16 | flags << 24;
}

static uint32_t ma(uint32_t i)
{
	return T_RAM_BASE + (i << 12);
}

/* The state every case starts from: tables, grant, I/O mapping, active L1. */
static struct t_machine *a_machine(enum pv_mmu_format fmt)
{
	struct t_machine *t = t_new(fmt);
	struct pv_mmu *m = &t->mmu;
	uint32_t *l2 = t_ptr(t, ma(I_L2)), *l1 = t_ptr(t, ma(I_L1));
	T_EXPECT(t, pv_mmu_grant(m, pv_domid(2), t_mfn(ma(I_G)), pv_domid(1), true), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(m, pv_domid(1), pv_maddr(T_IO_BASE), 1u << 20,
				     PV_MMU_MT_MASK(PV_MMU_MT_SO), PV_MMU_IO_WRITE), PV_OK);
	l2[0] = t_small(t, ma(I_D0), false);
	l2[1] = t_small(t, ma(I_D1), true);
	l2[3] = t_small(t, ma(I_G), true);
	l2[4] = t_small_so(t, T_IO_BASE, true);
	for (uint32_t i = 16; i < 32; i++)
		l2[i] = t_large(t, ma(336), false);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(ma(I_L2))), PV_OK);
	if (fmt == PV_MMU_FMT_V5) {
		t_ptr(t, ma(I_FINE))[7] = v5_tiny(ma(I_D0), 0, 1, 1);
		T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_FINE, t_mfn(ma(I_FINE))), PV_OK);
		l1[3] = v5_fine(ma(I_FINE), 0);
	}
	l1[1] = t_table(t, ma(I_L2));
	l1[2] = t_sect(t, t_ma(1, 0), false);
	T_EXPECT(t, pv_mmu_pin(m, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(ma(I_L1))), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(m, pv_domid(1), t_mfn(ma(I_L1))), PV_OK);
	return t;
}

struct snap {
	struct pv_mmu mmu;
	uint32_t store[PV_MMU_FRAME_STORE_WORDS(A_NF)];
	struct pv_mmu_domain doms[T_NDOMS];
	struct pv_mmu_io_region io[T_NIO];
	uint32_t hyp_l1[T_HYP_SLOTS];
	uint32_t tables[8][1024]; /* frames 256..263 (L1, L2, fine) */
	uint32_t l2[1024], fine[1024];
};
static struct snap snap;

static void a_save(struct t_machine *t)
{
	snap.mmu = t->mmu;
	memcpy(snap.store, t->frame_store, sizeof snap.store);
	memcpy(snap.doms, t->doms, sizeof snap.doms);
	memcpy(snap.io, t->io, sizeof snap.io);
	memcpy(snap.hyp_l1, t->hyp_l1, sizeof snap.hyp_l1);
	memcpy(snap.tables, t_ptr(t, ma(I_L1)), sizeof snap.tables);
	memcpy(snap.l2, t_ptr(t, ma(I_L2)), sizeof snap.l2);
	memcpy(snap.fine, t_ptr(t, ma(I_FINE)), sizeof snap.fine);
}

static void a_restore(struct t_machine *t)
{
	t->mmu = snap.mmu;
	memcpy(t->frame_store, snap.store, sizeof snap.store);
	memcpy(t->doms, snap.doms, sizeof snap.doms);
	memcpy(t->io, snap.io, sizeof snap.io);
	memcpy(t->hyp_l1, snap.hyp_l1, sizeof snap.hyp_l1);
	memcpy(t_ptr(t, ma(I_L1)), snap.tables, sizeof snap.tables);
	memcpy(t_ptr(t, ma(I_L2)), snap.l2, sizeof snap.l2);
	memcpy(t_ptr(t, ma(I_FINE)), snap.fine, sizeof snap.fine);
	T_AUDIT(t);
}

/* The audit must say exactly what and where; then the state is restored. */
static void a_expect(struct t_machine *t, uint32_t where, const char *what)
{
	struct pv_mmu_audit_report rep = { .what = "none", .mfn = { 0xDEADu } };
	int32_t rc = t_audit_rc(t, &rep);
	if (rc != PV_EINVAL || strcmp(rep.what, what) != 0 || !t_audit_at(t, &rep, where))
		fail_msg("want \"%s\" at %u, audit says %s: \"%s\" at frame %#x, domain %u, "
			 "region %u", what, where, pv_status_name(rc), rep.what,
			 (unsigned)pv_mfn_val(rep.mfn), (unsigned)pv_domid_val(rep.dom),
			 (unsigned)rep.io);
	a_restore(t);
}

static void test_audit_oracle_frames(void **state)
{
	struct t_machine *t = a_machine(T_FMT(state));
	struct pv_mmu *m = &t->mmu;
	const bool v7 = t->fmt == PV_MMU_FMT_V7;
	T_AUDIT(t);
	a_save(t);

	/* Entries written behind the validator's back. */
	if (v7) {
		t_ptr(t, ma(I_L1))[5] = 3u; /* first-level 0b11: reserved on the A9 */
		a_expect(t, I_L1, "pinned table holds an undecodable entry");
	} else {
		t_ptr(t, ma(I_L2))[5] = ma(I_D0) | 3u; /* coarse 0b11: XScale only */
		a_expect(t, I_L2, "pinned table holds an undecodable entry");
	}
	t_fill(t, ma(I_L2), 33, 16, t_large(t, ma(352), false));
	a_expect(t, I_L2, "replica group misaligned");
	t_ptr(t, ma(I_L2))[20] = t_large(t, ma(336), true);
	a_expect(t, I_L2, "inconsistent replicas");
	t_ptr(t, ma(I_L2))[6] = t_small(t, t_ma(2, 50), false);
	a_expect(t, I_L2, "pinned table entry breaks a rule");
	t_ptr(t, ma(I_L1))[T_HYP_SLOT + 3] ^= 1u << 20;
	a_expect(t, I_L1, "hypervisor slot differs from the template");

	/* Pass 1: the structure of each frame's record. */
	m->fr_key[I_D0] = K(1, 7, 0);
	a_expect(t, I_D0, "unknown stored frame type");
	m->fr_key[I_D0] = K(1, PV_MMU_FT_RW, 0);
	a_expect(t, I_D0, "unknown stored frame type");
	m->fr_key[I_D0] = K(1, 0, 0x80);
	a_expect(t, I_D0, "unknown frame flag");
	m->fr_key[I_PLAIN] = K(1, 0, PV_MMU_FRAME_PINNED);
	a_expect(t, I_PLAIN, "pinned flag disagrees with type");
	m->fr_key[I_PLAIN] = K(1, PV_MMU_FT_L2, 0);
	a_expect(t, I_PLAIN, "pinned flag disagrees with type");
	m->fr_key[5] = K(PV_DOMID_HYP_VALUE, PV_MMU_FT_L2, PV_MMU_FRAME_PINNED);
	a_expect(t, 5, "table frame not owned by a guest");
	t->doms[1].dying = true;
	a_expect(t, I_L1, "dying domain still has a pinned table");
	m->fr_key[I_PLAIN] = K(1, 0, PV_MMU_FRAME_L1_HEAD);
	a_expect(t, I_PLAIN, "L1 head flag on a non-L1 frame");
	if (v7) {
		m->fr_key[I_PLAIN] = K(1, PV_MMU_FT_FINE, PV_MMU_FRAME_PINNED);
		a_expect(t, I_PLAIN, "fine table on ARMv7");
	}
	m->fr_key[I_L1 + 1] |= (uint32_t)PV_MMU_FRAME_L1_HEAD << 24;
	a_expect(t, I_L1 + 1, "L1 head flag misplaced");
	m->fr_key[I_L1] &= ~((uint32_t)PV_MMU_FRAME_L1_HEAD << 24);
	a_expect(t, I_L1, "L1 head flag misplaced");
	m->fr_key[I_L1 + 2] = K(2, PV_MMU_FT_L1, PV_MMU_FRAME_PINNED);
	a_expect(t, I_L1, "L1 frames disagree");
	m->fr_key[I_L1 + 3] = K(1, PV_MMU_FT_L2, PV_MMU_FRAME_PINNED);
	a_expect(t, I_L1, "L1 frames disagree");

	/* Pass 2: every count against the recount. */
	m->fr_ro[I_D0]++;
	a_expect(t, I_D0, "reference count mismatch");
	m->fr_ro[I_D0]--;
	a_expect(t, I_D0, "reference count mismatch");
	m->fr_gmaps[I_G]++;
	a_expect(t, I_G, "grant mapping count mismatch");
	m->fr_gmaps[I_G]--;
	a_expect(t, I_G, "grant mapping count mismatch");
	m->fr_tc[I_D1]++;
	a_expect(t, I_D1, "writable type count mismatch");
	m->fr_tc[I_D1]--;
	a_expect(t, I_D1, "writable type count mismatch");
	m->fr_tc[I_L1]++;
	a_expect(t, I_L1, "L1 frame referenced");
	m->fr_tc[I_L2]++;
	a_expect(t, I_L2, "table type count mismatch");
	m->fr_tc[I_L2]--;
	a_expect(t, I_L2, "table type count mismatch");
	m->fr_gpeer[I_D0] = 0x10000u;
	a_expect(t, I_D0, "grant peer is no domain id");
	m->fr_group[I_D0 >> 6] = 2u;
	a_expect(t, I_D0 & ~63u, "group summary disagrees with a frame");
	m->fr_group[I_FREE >> 6] = PV_MMU_GROUP_MIXED_T;
	m->fr_key[I_FREE] = K(PV_DOMID_NONE_VALUE, 0, PV_MMU_FRAME_GRANT_RW);
	a_expect(t, I_FREE, "free frame in use");
	m->fr_gpeer[I_FREE] = 1;
	a_expect(t, I_FREE, "free frame in use");
	m->fr_group[I_FREE >> 6] = PV_MMU_GROUP_MIXED_T;
	m->fr_key[I_FREE] = K(T_NDOMS, 0, 0);
	a_expect(t, I_FREE, "owner is no domain");
	m->fr_gpeer[I_D0] = 1; /* its own owner */
	a_expect(t, I_D0, "grant peer invalid");
	m->fr_gpeer[I_D0] = T_NDOMS;
	a_expect(t, I_D0, "grant peer invalid");
	m->fr_gpeer[5] = 1; /* a hypervisor frame */
	a_expect(t, 5, "grant peer invalid");
	m->fr_gpeer[I_L2] = 2;
	a_expect(t, I_L2, "page table granted");
	m->fr_group[I_PLAIN >> 6] = PV_MMU_GROUP_MIXED_T;
	m->fr_key[I_PLAIN] = K(1, 0, PV_MMU_FRAME_GRANT_RW);
	a_expect(t, I_PLAIN, "grant state without a grant");
	t->io[0].maps++;
	a_expect(t, 0, "I/O region mapping count mismatch");
	t->io[0].maps--;
	a_expect(t, 0, "I/O region mapping count mismatch");

	/* Per-domain records. */
	t->doms[3].active_l1 = pv_mfn(ma(I_L1) >> 12);
	t->doms[3].dying = true;
	a_expect(t, 3, "dying domain has an active L1");
	t->doms[2].active_l1 = pv_mfn(ma(I_L1) >> 12); /* domain 1's */
	a_expect(t, 2, "active L1 is not a pinned L1 of the domain");
	t->doms[1].active_l1 = pv_mfn(ma(I_L2) >> 12);
	a_expect(t, 1, "active L1 is not a pinned L1 of the domain");
	t->doms[1].active_l1 = pv_mfn(ma(I_L1 + 1) >> 12);
	a_expect(t, 1, "active L1 is not a pinned L1 of the domain");
	t->doms[1].active_l1 = pv_mfn((T_RAM_BASE >> 12) + A_NF);
	a_expect(t, 1, "active L1 is not a pinned L1 of the domain");
	t->doms[2].nr_frames++;
	a_expect(t, 2, "owned frame count mismatch");
	t->doms[0].nr_frames = 1;
	a_expect(t, 0, "owned frame count mismatch");
	t->doms[T_NDOMS - 1].nr_frames = 1;
	a_expect(t, T_NDOMS - 1, "owned frame count mismatch");

	/* The frame store's frames, as if it lay in domain 1's RAM. */
	m->store_lo = I_D0;
	m->store_hi = I_D0 + 1;
	a_expect(t, I_D0, "frame table in a guest's RAM");
	m->store_lo = 0;
	m->store_hi = 1;
	T_AUDIT(t); /* the hypervisor's own frame: fine */
	a_restore(t);

	/* Scratch. */
	struct pv_mmu_audit_report rep;
	assert_int_equal(pv_mmu_audit(m, NULL, t->scratch_words, &rep), PV_ENOMEM);
	assert_int_equal(pv_mmu_audit(m, t->scratch, t->scratch_words - 1, &rep), PV_ENOMEM);
	assert_int_equal(pv_mmu_audit(m, t->scratch, t->scratch_words, NULL), PV_OK);
	m->fr_ro[I_D0]++;
	assert_int_equal(pv_mmu_audit(m, t->scratch, t->scratch_words, NULL), PV_EINVAL);
	a_restore(t);
	t_free(t);
}

/* Every I/O region record branch. */
static void test_audit_oracle_io_records(void **state)
{
	struct t_machine *t = a_machine(T_FMT(state));
	a_save(t);
	struct pv_mmu_io_region *r0 = &t->io[0], *r1 = &t->io[1];
	r1->maps = 1;
	a_expect(t, 1, "unused I/O region record not clear");
	r1->owner = pv_domid(1);
	a_expect(t, 1, "unused I/O region record not clear");
	r1->base = pv_maddr(T_IO_BASE);
	a_expect(t, 1, "unused I/O region record not clear");
	r1->types = 1;
	a_expect(t, 1, "unused I/O region record not clear");
	r1->flags = 1;
	a_expect(t, 1, "unused I/O region record not clear");
	r0->base = pv_maddr(pv_maddr_val(r0->base) + 0x800);
	a_expect(t, 0, "I/O region misaligned");
	r0->size -= 0x800;
	a_expect(t, 0, "I/O region misaligned");
	r0->base = pv_maddr(0xFFF00000u);
	r0->size = 0x00101000u;
	a_expect(t, 0, "I/O region wraps around 4 GiB");
	r0->base = pv_maddr(T_RAM_BASE - 4096);
	r0->size = 8192;
	a_expect(t, 0, "I/O region overlaps RAM");
	r0->base = pv_maddr(T_RAM_BASE + (A_NF << 12) - 4096);
	a_expect(t, 0, "I/O region overlaps RAM");
	r0->owner = pv_domid(T_NDOMS);
	a_expect(t, 0, "I/O region owner is no domain");
	r0->types = 0;
	a_expect(t, 0, "I/O region types or flags invalid");
	r0->types = 0x80u;
	a_expect(t, 0, "I/O region types or flags invalid");
	r0->flags = 2;
	a_expect(t, 0, "I/O region types or flags invalid");
	*r1 = *r0;
	r1->owner = pv_domid(2);
	r1->maps = 0;
	r1->base = pv_maddr(T_IO_BASE + (1u << 20) - 4096);
	r1->size = 4096;
	a_expect(t, 1, "I/O regions overlap");
	*r1 = *r0;
	r1->owner = pv_domid(2);
	r1->maps = 0;
	r1->base = pv_maddr(T_IO_BASE - 4096);
	r1->size = 8192;
	a_expect(t, 1, "I/O regions overlap");
	t_free(t);
}

/*
 * The two branches a 16 MiB aligned hypervisor range and 16 KiB aligned RAM
 * cannot reach: a supersection group whose span meets hypervisor slots
 * (range at 0xF0800000), and an L1 head in RAM's last three frames (RAM from
 * 0x40001000).
 */
static void test_audit_oracle_odd_layouts(void **state)
{
	(void)state;
	struct t_machine *t = t_new(PV_MMU_FMT_V7);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.hyp_va_base = pv_gvaddr(0xF0800000u);
	T_EXPECT(t, pv_mmu_init(&t->mmu, &c), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), 256, pv_domid(1)), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(t_ma(1, 0))), PV_OK);
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(0x20000000u), 16u << 20,
				     PV_MMU_MT_MASK(PV_MMU_MT_SO), 0), PV_OK);
	/* Slots 0xF00..0xF07 are the guest's, 0xF08.. the hypervisor's. */
	T_EXPECT(t, t_update1(t, 1, t_ma(1, 0) + 4 * 0xF00, v7_super(0x20000000u, V7_RO, 0, 0, 0)),
		 PV_EPERM);
	t_fill(t, t_ma(1, 0), 0xF00, 8, v7_super(0x20000000u, V7_RO, 0, 0, 0));
	struct pv_mmu_audit_report rep = { .what = "" };
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_string_equal(rep.what, "replica group covers hypervisor slots");
	assert_int_equal(pv_mfn_val(rep.mfn), (T_RAM_BASE >> 12) + 256);
	t_fill(t, t_ma(1, 0), 0xF00, 8, 0);
	T_AUDIT(t);
	t_free(t);

	/* RAM of 1022 frames from 0x40001000: an L1 head at index 1019 has three frames. */
	t = t_new(PV_MMU_FMT_V5);
	t_config(t, &c);
	c.ram_base = pv_maddr(0x40001000u);
	c.ram_size = 1022u << 12;
	T_EXPECT(t, pv_mmu_init(&t->mmu, &c), PV_OK);
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, pv_mfn(0x40001), 1022, pv_domid(1)), PV_OK);
	for (uint32_t i = 1019; i < 1022; i++)
		t->mmu.fr_key[i] = K(1, PV_MMU_FT_L1, PV_MMU_FRAME_PINNED | (i == 1019 ? 2u : 0u));
	t->mmu.fr_group[1019 >> 6] = PV_MMU_GROUP_MIXED_T;
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_string_equal(rep.what, "L1 runs off RAM");
	assert_int_equal(pv_mfn_val(rep.mfn), 0x40001u + 1019u); /* the frame, not its index */
	assert_int_equal(pv_domid_val(rep.dom), 1);
	for (uint32_t i = 1019; i < 1022; i++)
		t->mmu.fr_key[i] = K(1, 0, 0);
	T_AUDIT(t);
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_audit_oracle_frames),
		BOTH(test_audit_oracle_io_records),
		cmocka_unit_test(test_audit_oracle_odd_layouts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
