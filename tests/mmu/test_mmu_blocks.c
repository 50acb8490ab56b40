/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pin walk's fast paths (validate.c: remembered attribute and pointer
 * patterns, aligned blocks of consecutive frames, blocks of faults, the
 * group summaries) against the plain entry-by-entry rules.
 *
 * The oracle is pv_mmu_update, which takes none of the walk's fast paths:
 * the same entries, written in slot order into the same table pinned empty,
 * must fail with the same error as the pin (the first failing entry decides
 * both) or, when both succeed, leave exactly the same frame records. A
 * refused pin and every unpin must leave the records as they were. Audit
 * runs after every operation. (The whole-range key test for sections in
 * pv_mmu_check is shared by both sides; the model test's brute-force
 * checker, with its own decoder, covers it.)
 *
 * Machine: 5 MiB of RAM; MiB 0 the hypervisor's, MiB 1-3 domain 1's, MiB 4
 * (the last of RAM) domain 2's, so runs can cross from one owner to the
 * other and off the end of RAM.
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

#define B_RAM_MB 5u
#define B_NF (B_RAM_MB << 8)

/* Per domain: the table under test, a second (pinned) L2, data from frame 8 on. */
static uint32_t b_mib(uint16_t d)
{
	return d == 1 ? 1u : 4u;
}
static uint32_t b_l2(uint16_t d)
{
	return t_ma(b_mib(d), 4);
}
static uint32_t b_other_l2(uint16_t d)
{
	return t_ma(b_mib(d), 5);
}

/*
 * Attribute pattern k of a small page at ma. 0-3 are allowed RAM mappings
 * (writable, read-only, a writable variant, non-cacheable); 4 is strongly
 * ordered and 5 (ARMv7: global; ARMv5: another AP mix) differ as noted.
 */
static uint32_t b_small(const struct t_machine *t, uint32_t ma, unsigned k)
{
	if (t->fmt == PV_MMU_FMT_V7) {
		switch (k) {
		case 0: return v7_small(ma, V7_RW, 0, 1, 1);
		case 1: return v7_small(ma, V7_RO, 0, 1, 1);
		case 2: return v7_small(ma, V7_RW, 0, 1, 1) | 1u; /* XN */
		case 3: return v7_small(ma, V7_RW, 1, 0, 0);      /* Normal NC */
		case 4: return v7_small(ma, V7_RW, 0, 0, 0);      /* SO: refused */
		default: return v7_small(ma, V7_RW, 0, 1, 1) & ~V7_NG_PAGE; /* global: refused */
		}
	}
	switch (k) {
	case 0: return v5_small(ma, V5_RW, 1, 1);
	case 1: return v5_small(ma, V5_RO, 1, 1);
	case 2: return (v5_small(ma, V5_RW, 1, 1) & ~0xFF0u) | 0xAA0u; /* AP 10 */
	case 3: return v5_small(ma, V5_RW, 0, 1);                      /* NC */
	case 4: return v5_small(ma, V5_RW, 0, 0);                      /* SO: refused */
	default: return (v5_small(ma, V5_RW, 1, 1) & ~0xFF0u) | 0xFA0u; /* AP mix */
	}
}

static void b_snap(struct t_machine *t, struct pv_mmu_frame *out)
{
	for (uint32_t i = 0; i < B_NF; i++)
		out[i] = t_frame_at(t, i);
}

static void b_same(const struct pv_mmu_frame *a, const struct pv_mmu_frame *b, const char *what)
{
	for (uint32_t i = 0; i < B_NF; i++) {
		if (a[i].ref_count != b[i].ref_count || a[i].type_count != b[i].type_count ||
		    a[i].grant_maps != b[i].grant_maps || !pv_domid_eq(a[i].owner, b[i].owner) ||
		    !pv_domid_eq(a[i].grant_peer, b[i].grant_peer) || a[i].type != b[i].type ||
		    a[i].flags != b[i].flags)
			fail_msg("%s: frame %u differs (ref %u/%u type %u/%u count %u/%u)", what, i,
				 a[i].ref_count, b[i].ref_count, a[i].type, b[i].type,
				 a[i].type_count, b[i].type_count);
	}
}

static struct t_machine *b_machine(enum pv_mmu_format fmt)
{
	struct t_machine *t = t_new_split(fmt, B_RAM_MB, 4);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(b_other_l2(1))), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(2), PV_MMU_TABLE_L2, t_mfn(b_other_l2(2))), PV_OK);
	/* Domain 2 shares a frame with domain 1, writable. */
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(2), t_mfn(t_ma(4, 200)), pv_domid(1), true), PV_OK);
	return t;
}

/*
 * Pin the table (of kind, at l2) that d has written, then check the result
 * against the update path. Returns the pin's result; the table is left
 * unpinned with its contents as written.
 */
static int32_t b_check_table(struct t_machine *t, uint16_t d, uint32_t l2, enum pv_mmu_table kind)
{
	static struct pv_mmu_frame before[B_NF], pinned[B_NF], now[B_NF];
	static struct pv_mmu_update_req req[4096];
	static uint32_t gen[4096];
	const bool l1 = kind == PV_MMU_TABLE_L1;
	const uint32_t nslots = l1 ? 4096u : 1024u;
	memcpy(gen, t_ptr(t, l2), 4 * nslots);
	b_snap(t, before);
	int32_t rc = pv_mmu_pin(&t->mmu, pv_domid(d), kind, t_mfn(l2));
	T_AUDIT(t);
	b_snap(t, pinned);
	if (rc == PV_OK) {
		T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(d), t_mfn(l2)), PV_OK);
		b_snap(t, now);
		b_same(before, now, "unpin");
	} else {
		b_same(before, pinned, "refused pin");
	}

	/* The oracle: the same entries through pv_mmu_update. */
	t_fill(t, l2, 0, nslots, 0);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(d), kind, t_mfn(l2)), PV_OK);
	uint32_t n = 0;
	for (uint32_t j = 0; j < nslots; j++) {
		if ((gen[j] & 3u) == 0 || (l1 && j - T_HYP_SLOT < T_HYP_SLOTS))
			continue; /* hypervisor slots: the pin ignores the guest's values */
		req[n].ptr = l2 + 4 * j;
		req[n].val = gen[j];
		n++;
		if (!l1 && (gen[j] & 3u) == 1u) /* a large page: one request writes its 16 slots */
			j += 15;
	}
	uint32_t done;
	int32_t urc = PV_OK;
	for (uint32_t i = 0; i < n && urc == PV_OK; i += done) /* batches of at most 1024 */
		urc = pv_mmu_update(&t->mmu, pv_domid(d), req + i,
				    n - i < PV_MMU_UPDATE_MAX ? n - i : PV_MMU_UPDATE_MAX, &done);
	T_AUDIT(t);
	if (urc != rc)
		fail_msg("pin says %d, update says %d", rc, urc);
	if (rc == PV_OK) {
		b_snap(t, now);
		b_same(pinned, now, "pin against update");
	}
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(d), t_mfn(l2)), PV_OK);
	b_snap(t, now);
	b_same(before, now, "update then unpin");
	memcpy(t_ptr(t, l2), gen, 4 * nslots);
	return rc;
}

static int32_t b_check(struct t_machine *t, uint16_t d)
{
	return b_check_table(t, d, b_l2(d), PV_MMU_TABLE_L2);
}

/* Fill slots [slot, slot+n) with a run of consecutive frames from first. */
static void b_run(struct t_machine *t, uint16_t d, uint32_t slot, uint32_t n, uint32_t first,
		  unsigned k)
{
	uint32_t *p = t_ptr(t, b_l2(d));
	for (uint32_t i = 0; i < n; i++)
		p[slot + i] = b_small(t, T_RAM_BASE + ((first + i) << 12), k);
}

/* The common cases, each named. */
static void test_blocks_named(void **state)
{
	struct t_machine *t = b_machine(T_FMT(state));
	uint32_t l2 = b_l2(1), *p = t_ptr(t, l2);

	/* A whole table of one writable run: 1024 frames of MiB 1-3... */
	t_fill(t, l2, 0, 1024, 0);
	b_run(t, 1, 0, 1024, 300, 0); /* frames 300..1323 cross into domain 2 at 1024 */
	assert_int_equal(b_check(t, 1), PV_EXDEV);
	t_fill(t, l2, 0, 1024, 0);
	b_run(t, 1, 0, 700, 300, 0); /* ...300..999: all domain 1's */
	assert_int_equal(b_check(t, 1), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	assert_int_equal(t_frame_at(t, 300).type, PV_MMU_FT_RW);
	assert_int_equal(t_frame_at(t, 999).ref_count, 1);
	assert_int_equal(t_frame_at(t, 999).type_count, 1);
	assert_int_equal(t_frame_at(t, 1000).ref_count, 0);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(l2)), PV_OK);

	/* A read-only run may cover domain 1's own pinned L2; a writable one may not. */
	t_fill(t, l2, 0, 1024, 0);
	b_run(t, 1, 64, 64, 256, 1); /* frames 256..319: MiB 1 from frame 0, tables included */
	assert_int_equal(b_check(t, 1), PV_OK);
	b_run(t, 1, 64, 64, 256, 0);
	assert_int_equal(b_check(t, 1), PV_ETYPE);
	/* ...nor the table being pinned (frame 4 of MiB 1), even alone in its block. */
	t_fill(t, l2, 0, 1024, 0);
	b_run(t, 1, 128, 64, 256 + 8, 0);
	p[128 + 17] = b_small(t, l2, 0);
	assert_int_equal(b_check(t, 1), PV_ETYPE);
	p[128 + 17] = b_small(t, l2, 1); /* read-only: its owner may */
	assert_int_equal(b_check(t, 1), PV_OK);

	/* One foreign, hypervisor, free or outside-RAM frame inside a good block. */
	const uint32_t bad_ma[4] = { t_ma(4, 100), t_ma(0, 100), 0x00100000u, 0x7FFFF000u };
	static const int32_t bad_rc[4] = { PV_EXDEV, PV_EPERM, PV_ERANGE, PV_ERANGE };
	for (unsigned b = 0; b < 4; b++) {
		t_fill(t, l2, 0, 1024, 0);
		b_run(t, 1, 192, 128, 400, 0);
		p[192 + 64 + 5] = b_small(t, bad_ma[b], 0);
		assert_int_equal(b_check(t, 1), bad_rc[b]);
	}

	/* The grant: domain 1 maps domain 2's granted frame inside a run. */
	t_fill(t, l2, 0, 1024, 0);
	b_run(t, 1, 0, 64, 400, 0);
	p[33] = b_small(t, t_ma(4, 200), 0);
	assert_int_equal(b_check(t, 1), PV_OK);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	assert_int_equal(t_frame(t, t_ma(4, 200)).grant_maps, 1);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(l2)), PV_OK);
	/* ...and domain 2 maps its own frame writable although it granted it (key has a flag). */
	t_fill(t, b_l2(2), 0, 1024, 0);
	b_run(t, 2, 0, 64, 1024 + 180, 0);
	assert_int_equal(b_check(t, 2), PV_OK);

	/* A run off the end of RAM (domain 2 owns the last MiB). */
	t_fill(t, b_l2(2), 0, 1024, 0);
	b_run(t, 2, 0, 128, B_NF - 100, 0);
	assert_int_equal(b_check(t, 2), PV_ERANGE);
	t_fill(t, b_l2(2), 0, 1024, 0);
	b_run(t, 2, 0, 64, B_NF - 64, 1); /* exactly up to the last frame */
	assert_int_equal(b_check(t, 2), PV_OK);

	/* Patterns: alternating, non-cacheable, strongly ordered, global. */
	for (unsigned k = 0; k < 6; k++) {
		t_fill(t, l2, 0, 1024, 0);
		for (uint32_t i = 0; i < 256; i++)
			p[i] = b_small(t, t_ma(2, i), (i & 1u) ? k : 0);
		int32_t want = k < 4 || (k == 5 && t->fmt == PV_MMU_FMT_V5) ? PV_OK : PV_EPERM;
		assert_int_equal(b_check(t, 1), want);
	}
	/* A run that starts mid-block, and blocks of faults around it. */
	t_fill(t, l2, 0, 1024, 0);
	b_run(t, 1, 70, 300, 500, 0);
	assert_int_equal(b_check(t, 1), PV_OK);
	t_free(t);
}

/* The group summaries: what they say, and that they follow the keys. */
static void test_group_summaries(void **state)
{
	struct t_machine *t = b_machine(T_FMT(state));
	const uint32_t *grp = t->mmu.fr_group;
	uint32_t l2 = b_l2(1);
	/* Group 4 (frames 256..319) holds domain 1's tables; group 5 only data. */
	assert_int_equal(grp[4], UINT32_MAX);
	assert_int_equal(grp[5], 1u);
	assert_int_equal(grp[0], 0xFFFEu);  /* the hypervisor's */
	assert_int_equal(grp[19], UINT32_MAX); /* domain 2's granted frame 1224 */
	/* A pin makes its group mixed; the unpin makes it uniform again. */
	uint32_t t6 = t_ma(1, 64 + 10);
	t_fill(t, t6, 0, 1024, 0);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(t6)), PV_OK);
	assert_int_equal(grp[5], UINT32_MAX);
	/* A block across groups 5 and 6 that misses the table is still fast and exact. */
	t_fill(t, l2, 0, 1024, 0);
	b_run(t, 1, 0, 128, 256 + 64 + 11, 0);
	assert_int_equal(b_check(t, 1), PV_OK);
	b_run(t, 1, 0, 128, 256 + 64 + 10, 0); /* one that maps it writable */
	assert_int_equal(b_check(t, 1), PV_ETYPE);
	T_EXPECT(t, pv_mmu_unpin(&t->mmu, pv_domid(1), t_mfn(t6)), PV_OK);
	assert_int_equal(grp[5], 1u);
	/* Free and assign, grant and revoke. */
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(t_ma(1, 100)), 1, pv_domid(1)), PV_OK);
	assert_int_equal(grp[5], UINT32_MAX);
	b_run(t, 1, 0, 128, 256 + 64, 1);
	assert_int_equal(b_check(t, 1), PV_EPERM); /* a free frame */
	T_EXPECT(t, pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 100)), 1, pv_domid(1)), PV_OK);
	assert_int_equal(grp[5], 1u);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(t_ma(1, 70)), pv_domid(2), false), PV_OK);
	assert_int_equal(grp[5], 1u); /* a read-only grant changes no key */
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(t_ma(1, 70))), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(t_ma(1, 70)), pv_domid(2), true), PV_OK);
	assert_int_equal(grp[5], UINT32_MAX);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(t_ma(1, 70))), PV_OK);
	assert_int_equal(grp[5], 1u);
	/* The audit catches a summary that vouches for a key it does not have. */
	struct pv_mmu_audit_report rep = { .what = "" };
	t->mmu.fr_group[4] = 1u;
	assert_int_equal(t_audit_rc(t, &rep), PV_EINVAL);
	assert_string_equal(rep.what, "group summary disagrees with a frame");
	t->mmu.fr_group[4] = UINT32_MAX;
	T_AUDIT(t);
	/* Destroy resets every group of the domain's frames. */
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(1)), PV_OK);
	for (uint32_t g = 4; g < 16; g++)
		assert_int_equal(grp[g], 0xFFFFu);
	t_free(t);
}

static uint64_t b_x;
static uint32_t b_rand(uint32_t n)
{
	b_x ^= b_x << 13;
	b_x ^= b_x >> 7;
	b_x ^= b_x << 17;
	return (uint32_t)(b_x >> 16) % n;
}

/*
 * A frame for a run of n: the domain's own data frames (always, for a clean
 * table), else sometimes across the end of its frames or anywhere.
 */
static uint32_t b_start(uint16_t d, uint32_t n, bool clean)
{
	uint32_t r = clean ? 0 : b_rand(100);
	uint32_t lo = d == 1 ? 264 : 1024 + 8, hi = d == 1 ? 1024 : B_NF;
	if (r < 70)
		return lo + b_rand(hi - lo - n + 1);
	if (r < 85)
		return d == 1 ? 1024 - b_rand(80) : B_NF - b_rand(80); /* across an end */
	return b_rand(B_NF);
}

/* Random tables of runs with random flaws, both domains. */
static void test_blocks_random(void **state)
{
	struct t_machine *t = b_machine(T_FMT(state));
	b_x = 0x9E3779B97F4A7C15ull ^ (uint64_t)T_FMT(state);
	unsigned ok = 0, refused = 0;
	for (unsigned iter = 0; iter < 300; iter++) {
		uint16_t d = (uint16_t)(1 + b_rand(2));
		uint32_t l2 = b_l2(d), *p = t_ptr(t, l2);
		t_fill(t, l2, 0, 1024, 0);
		/* Half the tables are clean: they must pin, through the fast paths. */
		bool clean = b_rand(2);
		/* Runs: aligned or not, one pattern each, gaps of faults between. */
		for (uint32_t slot = 0; slot < 1024;) {
			uint32_t n = 1 + b_rand(b_rand(4) ? 200 : 16);
			if (slot + n > 1024)
				n = 1024 - slot;
			if (b_rand(6) != 0) {
				unsigned k = clean || b_rand(10) ? (unsigned)b_rand(4) : (unsigned)b_rand(6);
				b_run(t, d, slot, n, b_start(d, n, clean), k);
			}
			slot += n;
		}
		/*
		 * Flaws: a foreign, table, self, granted, hypervisor or outside-RAM
		 * frame, or a large page (whose 16 replicas no later flaw breaks:
		 * the oracle writes a large page with one request).
		 */
		uint64_t large = 0; /* bit g: slots [16g, 16g+16) hold a large page */
		for (uint32_t f = clean ? 0 : b_rand(4); f > 0; f--) {
			uint32_t j = b_rand(1024), ma;
			if ((large >> (j / 16)) & 1u)
				continue;
			switch (b_rand(7)) {
			case 0: ma = t_ma(b_mib(d == 1 ? 2 : 1), 50 + b_rand(100)); break;
			case 1: ma = b_other_l2(d); break;
			case 2: ma = l2; break;
			case 3: ma = t_ma(4, 200); break;
			case 4: ma = T_RAM_BASE + (B_NF << 12) + (b_rand(4) << 12); break;
			case 5: ma = t_ma(0, b_rand(256)); break;
			default:
				j &= ~15u;
				large |= 1ull << (j / 16);
				ma = t_large(t, t_ma(b_mib(d), 16 * (1 + b_rand(14))), b_rand(2));
				for (uint32_t r = 0; r < 16; r++)
					p[j + r] = ma;
				continue;
			}
			p[j] = b_small(t, ma, (unsigned)b_rand(4));
		}
		int32_t rc = b_check(t, d);
		if (clean && rc != PV_OK)
			fail_msg("a clean table was refused: %d", rc);
		if (rc == PV_OK)
			ok++;
		else
			refused++;
	}
	/* Both outcomes must be common, or the test checks little. */
	print_message("%u pinned, %u refused\n", ok, refused);
	assert_true(ok > 100);
	assert_true(refused > 50);
	t_free(t);
}

/*
 * L1 tables of sections (the frame checks and counts of a whole MiB in one
 * pass, through the group summaries where they vouch) and coarse pointers
 * (remembered pointer patterns), with random flaws, against the update path.
 */
static void test_l1_random(void **state)
{
	struct t_machine *t = b_machine(T_FMT(state));
	b_x = 0x2545F4914F6CDD1Dull ^ (uint64_t)T_FMT(state);
	const uint32_t l1 = t_ma(3, 0); /* 16 KiB aligned, domain 1's */
	unsigned ok = 0, refused = 0;
	for (unsigned iter = 0; iter < 120; iter++) {
		uint32_t *p = t_ptr(t, l1);
		bool clean = b_rand(2);
		t_fill(t, l1, 0, 4096, 0);
		for (uint32_t n = 4 + b_rand(60); n > 0; n--) {
			uint32_t j = b_rand(4096), r = b_rand(clean ? 4 : 10);
			bool w = b_rand(2);
			switch (r) {
			case 0: p[j] = t_sect(t, t_ma(2, 0), w); break;     /* domain 1's data */
			case 1: p[j] = t_sect(t, t_ma(1, 0), false); break; /* with its tables, read-only */
			case 2: /* pointers to its pinned L2, a run of them */
				for (uint32_t k = 0; k < 8 && j + k < 4096; k++)
					p[j + k] = t_table(t, b_other_l2(1) + 1024u * (k & 3u));
				break;
			case 3: p[j] = t_sect(t, t_ma(2, 0), false); break;
			case 4: p[j] = t_sect(t, t_ma(1, 0), true); break;  /* covers tables: ETYPE */
			case 5: p[j] = t_sect(t, t_ma(4, 0), w); break;     /* domain 2's (a grant) */
			case 6: p[j] = t_sect(t, t_ma(0, 0), false); break; /* the hypervisor's */
			case 7: p[j] = t_sect(t, t_ma(5, 0), false); break; /* outside RAM */
			case 8: p[j] = t_table(t, b_l2(1)); break;          /* not pinned */
			default: p[j] = t_table(t, b_other_l2(2)); break;   /* domain 2's */
			}
		}
		int32_t rc = b_check_table(t, 1, l1, PV_MMU_TABLE_L1);
		if (clean && rc != PV_OK)
			fail_msg("a clean L1 was refused: %d", rc);
		if (rc == PV_OK)
			ok++;
		else
			refused++;
	}
	print_message("L1: %u pinned, %u refused\n", ok, refused);
	assert_true(ok > 40);
	assert_true(refused > 20);
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_blocks_named),
		BOTH(test_group_summaries),
		BOTH(test_blocks_random),
		BOTH(test_l1_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
