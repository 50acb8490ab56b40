/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen security advisories against the para-virtual MMU and grants, one test
 * per class, in the manner of XTF's tests/xsa-* (docs/threat-model.md has the
 * table). Each test says what the Xen bug was, what a guest gained, and why
 * pvlib refuses it; it mounts the attack from a guest's side and audits the
 * frame table after every step. Both descriptor formats.
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

#define L1A t_ma(1, 0)   /* dom 1's L1: frames 0..3 of MiB 1 */
#define L2A t_ma(1, 16)  /* dom 1's L2 */
#define L2B t_ma(1, 17)  /* another L2 of dom 1 */
#define DATA(k) t_ma(1, 64 + (k))
#define L2_D2 t_ma(2, 0) /* dom 2's L2 */

static int32_t pin(struct t_machine *t, uint16_t d, enum pv_mmu_table k, uint32_t ma)
{
	return pv_mmu_pin(&t->mmu, pv_domid(d), k, t_mfn(ma));
}

static int32_t unpin(struct t_machine *t, uint16_t d, uint32_t ma)
{
	return pv_mmu_unpin(&t->mmu, pv_domid(d), t_mfn(ma));
}

/*
 * XSA-148: a PV guest could create a writable superpage (2 MiB) mapping that
 * covered its own page tables, because the L2 superpage path skipped the
 * per-frame type check that 4 KiB mappings got. Gain: write access to live
 * page tables, hence to all of memory. pvlib checks sections and ARMv7
 * supersections frame by frame (rule 2): one page-table frame in the range
 * refuses the whole writable entry, on update and on pin alike, even when
 * the rest of its 64-frame group is plain memory.
 */
static void xsa148_superpage_over_page_table(void **state)
{
	struct t_machine *t = t_new_split(T_FMT(state), 8, 4); /* dom 1: MiB 1..3 */
	uint32_t l2 = t_ma(2, 77); /* deep inside MiB 2: not its first frame */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x100, t_sect(t, t_ma(2, 0), true)), PV_ETYPE);
	assert_int_equal(t_ptr(t, L1A)[0x100], 0);
	assert_int_equal(t_frame(t, t_ma(2, 0)).ref_count, 0);
	/* The section over the L1's own MiB. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x101, t_sect(t, t_ma(1, 0), true)), PV_ETYPE);
	/* The same section in an L1 that is being pinned. */
	uint32_t l1b = t_ma(1, 4);
	t_fill(t, l1b, 0x200, 1, t_sect(t, t_ma(2, 0), true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1b), PV_ETYPE);
	assert_int_equal(t_frame(t, l1b).type, PV_MMU_FT_NONE);
	/* Read-only, by the owner, is allowed: the table stays intact. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x100, t_sect(t, t_ma(2, 0), false)), PV_OK);
	assert_int_equal(t_frame(t, l2).type, PV_MMU_FT_L2);
	assert_int_equal(t_frame(t, l2).ref_count, 1);
	t_free(t);
}

/* XSA-148 with ARMv7 supersections: 16 MiB, 4096 frames, one of them a table. */
static void xsa148_supersection_over_page_table(void **state)
{
	(void)state;
	struct t_machine *t = t_new_split(PV_MMU_FMT_V7, 48, 33); /* dom 1: MiB 1..32 */
	uint32_t l2 = t_ma(29, 7); /* deep inside the 16 MiB at MiB 16..31 */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	uint32_t ss = v7_super(t_ma(16, 0), V7_RW, 0, 1, 1);
	struct pv_mmu_update_req r = { L1A + 4 * 0x300, ss };
	uint32_t done = 9;
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), &r, 1, &done), PV_ETYPE);
	assert_int_equal(done, 0);
	for (uint32_t k = 0; k < 16; k++)
		assert_int_equal(t_ptr(t, L1A)[0x300 + k], 0);
	T_EXPECT(t, unpin(t, 1, l2), PV_OK);
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), &r, 1, &done), PV_OK);
	/* ... and now the frame cannot become a table behind the mapping's back. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, l2), PV_ETYPE);
	t_free(t);
}

/*
 * XSA-182: Xen's mmu_update fast path accepted an update that changed only
 * "safe" flag bits of an existing L4/L3 entry without validating it again,
 * and the writable bit was among them. Gain: turn a read-only mapping of a
 * page table into a writable one. pvlib has no fast path: every update is
 * decoded and checked in full, whatever it shares with the old entry.
 */
static void xsa182_fastpath_permission_upgrade(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2B), PV_OK);
	t_fill(t, L2A, 5, 1, t_small(t, L2B, false)); /* a read-only view of L2B */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	uint32_t ro = t_ptr(t, L2A)[5];
	/* Same frame, same attributes, only the access permission changes. */
	T_EXPECT(t, t_update1(t, 1, L2A + 4 * 5, t_small(t, L2B, true)), PV_ETYPE);
	assert_int_equal(t_ptr(t, L2A)[5], ro);
	assert_int_equal(t_frame(t, L2B).ref_count, 1);
	assert_int_equal(t_frame(t, L2B).type, PV_MMU_FT_L2);
	/* The same through an L1 section over the L1 itself. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x10, t_sect(t, t_ma(1, 0), false)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x10, t_sect(t, t_ma(1, 0), true)), PV_ETYPE);
	assert_int_equal(t_ptr(t, L1A)[0x10], t_sect(t, t_ma(1, 0), false));
	t_free(t);
}

/*
 * XSA-240: Xen allowed "linear" page tables (an L2 entry pointing at an L2,
 * and so on) without bounding the chains, so a guest could build loops and
 * chains that made type reference counting recurse without limit or never
 * drop to zero. Gain: a hypervisor stack overflow, or pages that could never
 * be freed. pvlib has exactly two levels: an L1 entry may point only at a
 * pinned second-level table of the right kind (rule 4), never at an L1
 * (itself or another) and never at a frame of another domain; second-level
 * entries are leaves. A read-only view of a table is only a leaf mapping,
 * which never keeps the table pinned.
 */
static void xsa240_linear_page_table_chain(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	for (uint32_t k = 0; k < 4; k++) /* at itself, any of its four frames */
		T_EXPECT(t, t_update1(t, 1, L1A + 4 * 7, t_table(t, L1A + k * 4096)), PV_ETYPE);
	uint32_t l1b = t_ma(1, 8);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1b), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 7, t_table(t, l1b)), PV_ETYPE);
	/* ... at an L1 being pinned, including the one holding the entry. */
	uint32_t l1c = t_ma(1, 12);
	t_fill(t, l1c, 3, 1, t_table(t, l1c + 4096));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, l1c), PV_ENOTPINNED);
	/* ... at another domain's L2. */
	T_EXPECT(t, pin(t, 2, PV_MMU_TABLE_L2, L2_D2), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 7, t_table(t, L2_D2)), PV_EXDEV);
	assert_int_equal(t_frame(t, L2_D2).type_count, 0);
	/* A table that maps itself read-only can still be unpinned. */
	t_fill(t, L2A, 9, 1, t_small(t, L2A, false));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	assert_int_equal(t_frame(t, L2A).ref_count, 1);
	T_EXPECT(t, unpin(t, 1, L2A), PV_OK);
	assert_int_equal(t_frame(t, L2A).ref_count, 0);
	assert_int_equal(t_frame(t, L2A).type, PV_MMU_FT_NONE);
	t_free(t);
}

/*
 * XSA-242: a path in Xen could drop the last type reference of a page table
 * without the clean-up that goes with it, so a frame stopped being a page
 * table while still in use as one. Gain: the guest gets it back writable
 * while the hardware (or another table) still uses it. In pvlib a table is
 * only released by unpin, which refuses while an L1 entry points into it or
 * it is the active base (PV_EBUSY); a typed or mapped frame cannot be freed;
 * type counts come back to zero only when the pointers are gone.
 */
static void xsa242_lost_type_reference(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 1, t_table(t, L2A)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 2, t_table(t, L2A + 1024)), PV_OK);
	assert_int_equal(t_frame(t, L2A).type_count, 2);
	T_EXPECT(t, unpin(t, 1, L2A), PV_EBUSY);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(L2A), 1, pv_domid(1)), PV_EBUSY);
	/* Dropping one pointer is not enough. */
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 1, 0), PV_OK);
	assert_int_equal(t_frame(t, L2A).type_count, 1);
	T_EXPECT(t, unpin(t, 1, L2A), PV_EBUSY);
	/* The active base is held too. */
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	T_EXPECT(t, unpin(t, 1, L1A), PV_EBUSY);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(L1A), 4, pv_domid(1)), PV_EBUSY);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 2, 0), PV_OK);
	T_EXPECT(t, unpin(t, 1, L2A), PV_OK);
	assert_int_equal(t_frame(t, L2A).type, PV_MMU_FT_NONE);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(L2A), 1, pv_domid(1)), PV_OK);
	t_free(t);
}

/*
 * XSA-286: Xen deferred the TLB flush owed after a page-table update (to the
 * end of a batch or a multicall), and the guest could use the stale
 * translation in between. Gain: continued access through a mapping it had
 * given up, to a frame that may meanwhile be a page table or another
 * domain's. pv_mmu_update flushes before it returns whenever it replaced a
 * valid entry, also when a later request of the batch was refused; ARMv5
 * also cleans its virtually tagged caches. Nothing is deferred past return.
 */
static void xsa286_stale_tlb_after_batch(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	pv_fake_reset();
	/* Drop the mapping, then ask for something refused. */
	struct pv_mmu_update_req r[2] = {
		{ L2A, 0 },
		{ L2A + 4, t_small(t, L2_D2, false) }, /* dom 2's frame */
	};
	uint32_t done = 9;
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), r, 2, &done), PV_EXDEV);
	assert_int_equal(done, 1);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0);
	const struct pv_fake_log *lg = pv_fake_log_get();
	struct pv_tlb_req all = { .scope = PV_TLB_ALL, .asid = 0, .va = pv_gvaddr(0) };
	assert_true(pv_fake_tlb_covers(&all));
	assert_true(lg->count >= 1);
	assert_int_equal(lg->ev[lg->count - 1].kind, PV_FAKE_TLB); /* the last thing done */
	if (T_FMT(state) == PV_MMU_FMT_V5)
		assert_true(lg->cache_flush_all >= 1);
	/* The frame can become a table at once: nothing maps it any more. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, DATA(0)), PV_OK);
	/* A batch that only adds mappings owes no flush. */
	pv_fake_reset();
	T_EXPECT(t, t_update1(t, 1, L2A + 8, t_small(t, DATA(1), true)), PV_OK);
	assert_int_equal(pv_fake_log_get()->tlb_all, 0);
	t_free(t);
}

/*
 * XSA-299 (also XSA-45 and XSA-58, the preemptible type changes they
 * introduced): Xen validated large page tables in preemptible steps and
 * mishandled the partially validated state on errors and restarts. Gain:
 * a table counted as validated with entries that never were, or reference
 * counts off by the entries done before the failure. pvlib's pin is one
 * bounded pass with no intermediate state: a refused pin (the last entry
 * bad) leaves no type, no count and no pin behind.
 */
static void xsa299_partially_validated_table(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	for (uint32_t k = 0; k < 1023; k++)
		t_ptr(t, L2A)[k] = t_small(t, DATA(k % 64), false);
	t_ptr(t, L2A)[1023] = t_small(t, L2_D2, false); /* the last entry is dom 2's */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_EXDEV);
	assert_int_equal(t_frame(t, L2A).type, PV_MMU_FT_NONE);
	for (uint32_t k = 0; k < 64; k++)
		assert_int_equal(t_frame(t, DATA(k)).ref_count, 0);
	T_EXPECT(t, unpin(t, 1, L2A), PV_ENOTPINNED);
	T_EXPECT(t, t_update1(t, 1, L2A, 0), PV_ENOTPINNED);
	/* An L1 refused at its last slot leaves its L2's type count alone. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2B), PV_OK);
	t_fill(t, L1A, 0, 1, t_table(t, L2B));
	t_fill(t, L1A, 0xEFF, 1, t_table(t, L2A)); /* not pinned */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_ENOTPINNED);
	assert_int_equal(t_frame(t, L2B).type_count, 0);
	assert_int_equal(t_frame(t, L1A).type, PV_MMU_FT_NONE);
	t_free(t);
}

/*
 * XSA-402: Xen's type and reference counts assumed what a page holds is what
 * memory holds, but a guest could map a frame with caching attributes that
 * differ from Xen's own mapping, so Xen validated (or scrubbed) a view that
 * was not the one the caches would later write back. Gain: contents of a
 * page table or a freed page changing after the check. pvlib maps RAM only
 * with the configured Normal types (rule 9); strongly-ordered and device
 * aliases of RAM are refused, and allowed only inside I/O regions.
 */
static void xsa402_uncached_alias_of_ram(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small_so(t, DATA(0), false)), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L2A + 64, t_large_so(t, t_ma(1, 128), false)), PV_EPERM);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x20, t_sect_so(t, t_ma(1, 0), false)), PV_EPERM);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0);
	/* Device memory outside RAM, assigned for it, may be strongly ordered. */
	T_EXPECT(t, pv_mmu_io_assign(&t->mmu, pv_domid(1), pv_maddr(T_IO_BASE), 0x1000u,
				     PV_MMU_MT_MASK(PV_MMU_MT_SO), PV_MMU_IO_WRITE), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small_so(t, T_IO_BASE, true)), PV_OK);
	t_free(t);
}

/*
 * XSA-227: GNTTABOP_map_grant_ref took the address of the PTE to write from
 * the guest without checking its alignment, so the write straddled two
 * entries. Gain: half of an arbitrary entry, i.e. a mapping of any frame.
 * pvlib's update request carries the slot's machine address with its low
 * two bits as the command; a misaligned address is an unknown command
 * (PV_EINVAL) and nothing is written.
 */
static void xsa227_misaligned_entry_address(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	uint32_t before[3] = { t_ptr(t, L2A)[3], t_ptr(t, L2A)[4], t_ptr(t, L2A)[5] };
	for (uint32_t off = 1; off < 4; off++)
		T_EXPECT(t, t_update1(t, 1, L2A + 16 + off, t_small(t, DATA(0), true)), PV_EINVAL);
	assert_int_equal(t_ptr(t, L2A)[3], before[0]);
	assert_int_equal(t_ptr(t, L2A)[4], before[1]);
	assert_int_equal(t_ptr(t, L2A)[5], before[2]);
	assert_int_equal(t_frame(t, DATA(0)).ref_count, 0);
	t_free(t);
}

/*
 * XSA-248: a path of Xen's mod_l1_entry() could install a mapping of a frame
 * the guest did not own (one Xen used internally) when handed a special
 * frame number. Gain: access to hypervisor-internal pages. In pvlib every
 * target frame's owner is looked up: hypervisor frames and free frames are
 * PV_EPERM, other domains' PV_EXDEV, anything outside RAM and the domain's
 * I/O regions PV_ERANGE, as leaf mappings and as tables alike.
 */
static void xsa248_map_internal_frame(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, t_ma(0, 3), false)), PV_EPERM);
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, t_ma(3, 3), false)), PV_EPERM); /* free */
	T_EXPECT(t, t_update1(t, 1, L2A, t_small(t, 0x20000000u, false)), PV_ERANGE);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, t_ma(0, 8)), PV_EPERM);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1A + 4 * 0x30, t_sect(t, t_ma(0, 0), false)), PV_EPERM);
	assert_int_equal(t_frame(t, t_ma(0, 3)).ref_count, 0);
	t_free(t);
}

/*
 * XSA-224 (grant reference counting, four bugs in one advisory; also
 * XSA-316, a bad error path of map_grant_ref): mapping and unmapping grants
 * in unusual combinations left Xen's counts wrong. Gain: a frame the peer
 * still maps is given back to its owner as free, or mapped writable after a
 * read-only grant. pvlib counts the peer's mappings per frame (grant_maps):
 * a writable mapping through a read-only grant is PV_EACCES and counts
 * nothing; revoke and free refuse while the peer maps (PV_EBUSY); a page
 * table can neither be granted nor a granted frame pinned.
 */
static void xsa224_grant_reference_counts(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 2, PV_MMU_TABLE_L2, L2_D2), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(DATA(0)), pv_domid(2), false), PV_OK);
	T_EXPECT(t, t_update1(t, 2, L2_D2, t_small(t, DATA(0), true)), PV_EACCES);
	assert_int_equal(t_frame(t, DATA(0)).grant_maps, 0);
	T_EXPECT(t, t_update1(t, 2, L2_D2, t_small(t, DATA(0), false)), PV_OK);
	T_EXPECT(t, t_update1(t, 2, L2_D2 + 4, t_small(t, DATA(0), false)), PV_OK);
	assert_int_equal(t_frame(t, DATA(0)).grant_maps, 2);
	/* The peer cannot grant it on (XSA-226's transitive grants). */
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(2), t_mfn(DATA(0)), pv_domid(3), false),
		 PV_EXDEV);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(DATA(0))), PV_EBUSY);
	T_EXPECT(t, pv_mmu_frame_free(&t->mmu, t_mfn(DATA(0)), 1, pv_domid(1)), PV_EBUSY);
	/* Failed error path of a map: the count does not move. */
	T_EXPECT(t, t_update1(t, 2, L2_D2 + 4, t_small(t, DATA(0), true)), PV_EACCES);
	assert_int_equal(t_frame(t, DATA(0)).grant_maps, 2);
	T_EXPECT(t, t_update1(t, 2, L2_D2, 0), PV_OK);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(DATA(0))), PV_EBUSY);
	T_EXPECT(t, t_update1(t, 2, L2_D2 + 4, 0), PV_OK);
	T_EXPECT(t, pv_mmu_grant_revoke(&t->mmu, pv_domid(1), t_mfn(DATA(0))), PV_OK);
	T_EXPECT(t, t_update1(t, 2, L2_D2, t_small(t, DATA(0), false)), PV_EXDEV);
	/* Tables and grants exclude each other. */
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(L2A), pv_domid(2), false), PV_ETYPE);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(DATA(1)), pv_domid(2), true), PV_OK);
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, DATA(1)), PV_EBUSY);
	t_free(t);
}

/*
 * XSA-380 and XSA-387 (grant status pages that stayed mapped after Xen
 * freed them), and the grant use-after-free class in general: the owner's
 * memory outlived its owner in the peer's tables. Gain: access to a frame
 * that is reused for another domain or the hypervisor. pvlib never frees a
 * frame a peer maps: destroying the owner is deferred (PV_EBUSY, the owner
 * dying) until the peer unmaps, and while dying no new mapping of its frames
 * can be made. Concurrency (a peer mapping while the owner is torn down on
 * another CPU) waits for SMP; the grant deferred-destroy model
 * (verification/spin/) covers that interleaving.
 */
static void xsa380_grant_outlives_owner(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 2, PV_MMU_TABLE_L2, L2_D2), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(DATA(0)), pv_domid(2), true), PV_OK);
	T_EXPECT(t, pv_mmu_grant(&t->mmu, pv_domid(1), t_mfn(DATA(1)), pv_domid(2), true), PV_OK);
	T_EXPECT(t, t_update1(t, 2, L2_D2, t_small(t, DATA(0), true)), PV_OK);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(1)), PV_EBUSY);
	assert_true(t->doms[1].dying);
	assert_int_equal(pv_domid_val(t_frame(t, DATA(0)).owner), 1);
	/* No new mapping of a dying owner's frame, even one still granted. */
	T_EXPECT(t, t_update1(t, 2, L2_D2 + 4, t_small(t, DATA(1), true)), PV_EXDEV);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(1)), PV_EBUSY);
	T_EXPECT(t, t_update1(t, 2, L2_D2, 0), PV_OK);
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(1)), PV_OK);
	assert_int_equal(pv_domid_val(t_frame(t, DATA(0)).owner), PV_DOMID_NONE_VALUE);
	assert_int_equal(pv_domid_val(t_frame(t, DATA(0)).grant_peer), PV_DOMID_NONE_VALUE);
	T_EXPECT(t, t_update1(t, 2, L2_D2, t_small(t, DATA(0), false)), PV_EPERM);
	t_free(t);
}

/*
 * XSA-45 and XSA-290 (page-table operations that could run for very long
 * without preemption): a guest kept a CPU in the hypervisor. pvlib bounds
 * every guest-triggered loop: an update batch has at most
 * PV_MMU_UPDATE_MAX requests (a longer one is refused whole), a pin or
 * unpin touches one table (at most 4096 entries, a section or supersection
 * checked through the 64-frame group summaries).
 */
static void xsa45_unbounded_page_table_work(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	static struct pv_mmu_update_req reqs[PV_MMU_UPDATE_MAX + 1];
	for (uint32_t k = 0; k <= PV_MMU_UPDATE_MAX; k++)
		reqs[k] = (struct pv_mmu_update_req){ L2A + 4 * (k % 1024u), 0 };
	uint32_t done = 9;
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), reqs, PV_MMU_UPDATE_MAX + 1, &done),
		 PV_E2BIG);
	assert_int_equal(done, 0);
	T_EXPECT(t, pv_mmu_update(&t->mmu, pv_domid(1), reqs, PV_MMU_UPDATE_MAX, &done), PV_OK);
	assert_int_equal(done, PV_MMU_UPDATE_MAX);
	t_free(t);
}

/*
 * XSA-232: GNTTABOP_cache_flush (cache maintenance a guest asks for, an ARM
 * operation) looked up the owner of the page to flush and assumed it had a
 * grant table; pages of Xen's special domains had none. Gain: a NULL
 * dereference in the hypervisor. pvlib's cache maintenance never looks at
 * owners: every page of the range must translate in the caller's own
 * active tables (which hold only validated mappings) and stay out of the
 * hypervisor's range, else PV_EFAULT and the port is not called at all.
 */
static void xsa232_cache_maintenance_of_memory_not_mapped(void **state)
{
	struct t_machine *t = t_new(T_FMT(state));
	const uint32_t va = 0x00100000u; /* L1 slot 1 -> L2A, whose slot 0 maps DATA(0) */
	t_fill(t, L2A, 0, 1, t_small(t, DATA(0), true));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L2, L2A), PV_OK);
	t_fill(t, L1A, 1, 1, t_table(t, L2A));
	T_EXPECT(t, pin(t, 1, PV_MMU_TABLE_L1, L1A), PV_OK);
	struct pv_mmu_maint_req r = { PV_MMU_MAINT_CACHE_CLEAN, pv_gvaddr(va), 4096u, 0 };
	T_EXPECT(t, pv_mmu_maint(&t->mmu, pv_domid(1), &r), PV_ENOENT); /* no active L1 yet */
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	pv_fake_reset();
	T_EXPECT(t, pv_mmu_maint(&t->mmu, pv_domid(1), &r), PV_OK);
	assert_int_equal(pv_fake_log_get()->cache_clean, 1);
	const struct { uint32_t op, va, len; } bad[] = {
		{ PV_MMU_MAINT_CACHE_CLEAN, va, 8192u },           /* second page unmapped */
		{ PV_MMU_MAINT_CACHE_CLEAN_INVAL, va + 4096u, 4u },
		{ PV_MMU_MAINT_SYNC_ICACHE, 0x00200000u, 64u },   /* no L1 entry */
		{ PV_MMU_MAINT_CACHE_CLEAN, T_HYP_VA, 64u },      /* the hypervisor's */
		{ PV_MMU_MAINT_CACHE_CLEAN, T_HYP_VA - 4096u, 8192u },
		{ PV_MMU_MAINT_TLB_PAGE, T_HYP_VA + 0x1000u, 0u },
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct pv_mmu_maint_req b = { bad[i].op, pv_gvaddr(bad[i].va), bad[i].len, 0 };
		T_EXPECT(t, pv_mmu_maint(&t->mmu, pv_domid(1), &b), PV_EFAULT);
	}
	const struct pv_fake_log *lg = pv_fake_log_get();
	assert_int_equal(lg->cache_clean + lg->cache_clean_inval + lg->cache_sync_icache, 1);
	assert_int_equal(lg->tlb_va, 0);
	/* Another domain's request works on its own tables only: it has none. */
	T_EXPECT(t, pv_mmu_maint(&t->mmu, pv_domid(2), &r), PV_ENOENT);
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(xsa148_superpage_over_page_table),
		cmocka_unit_test_prestate(xsa148_supersection_over_page_table, (void *)&fmt_v7),
		BOTH(xsa182_fastpath_permission_upgrade),
		BOTH(xsa240_linear_page_table_chain),
		BOTH(xsa242_lost_type_reference),
		BOTH(xsa286_stale_tlb_after_batch),
		BOTH(xsa299_partially_validated_table),
		BOTH(xsa402_uncached_alias_of_ram),
		BOTH(xsa227_misaligned_entry_address),
		BOTH(xsa248_map_internal_frame),
		BOTH(xsa224_grant_reference_counts),
		BOTH(xsa380_grant_outlives_owner),
		BOTH(xsa45_unbounded_page_table_work),
		BOTH(xsa232_cache_maintenance_of_memory_not_mapped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
