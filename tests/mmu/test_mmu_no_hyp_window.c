/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An instance configured without a hypervisor window (hyp_va_size 0, "none"
 * in pvlib/mmu.h) reserves no L1 slot, wherever hyp_va_base points: a
 * hypervisor that lives outside every guest's address space (its own
 * translation regime, or a range no guest L1 can name) gives its base
 * anyway. The checks written as "a range [start, end) meets [lo, hi)"
 * (lo < end && hi > start) see an empty [b, b) as met by every range that
 * crosses slot b, so an empty window stored as [b, b) would refuse a cache
 * clean across b (PV_EFAULT) and a supersection whose 16 slots hold b
 * (PV_EPERM), from pin and from update alike. The guest would lose
 * nothing but a valid request; these tests hold the instance to its
 * contract, and the ones after them hold the same requests refused with a
 * real window there.
 *
 * Audit runs after every operation (T_EXPECT).
 */
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "port_fake.h"
#define T_WITH_CMOCKA
#include "mmu_t.h"

/*
 * A machine of ram_mb MiB: the hypervisor owns MiB 0, domain 1 the rest.
 * The window starts at hyp_va and is hyp_mb MiB long (0: none).
 */
static struct t_machine *machine(enum pv_mmu_format fmt, uint32_t ram_mb, uint32_t hyp_va,
				 uint32_t hyp_mb)
{
	struct t_machine *t = t_new_split(fmt, ram_mb, ram_mb - 1u);
	struct pv_mmu_config c;
	t_config(t, &c);
	c.hyp_va_base = pv_gvaddr(hyp_va);
	c.hyp_va_size = hyp_mb << 20;
	assert_int_equal(pv_mmu_init(&t->mmu, &c), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(0, 0)), 256, pv_domid_hyp()),
			 PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&t->mmu, t_mfn(t_ma(1, 0)), (ram_mb - 1u) << 8,
					     pv_domid(1)), PV_OK);
	T_AUDIT(t);
	return t;
}

static int32_t maint(struct t_machine *t, uint32_t op, uint32_t va, uint32_t len)
{
	struct pv_mmu_maint_req r = { op, pv_gvaddr(va), len, 0 };
	pv_fake_reset();
	return pv_mmu_maint(&t->mmu, pv_domid(1), &r);
}

#define L1A t_ma(1, 0) /* domain 1's L1, frames 0..3 of MiB 1 */
#define B 0xF00u       /* the window's base slot: VA 0xF0000000 */

/*
 * Sections at slots B - 1 and B, read-only over MiB 2 and 1 (the L1 lies
 * in MiB 1: a writable section would map it writable). With no window the
 * L1 pins, becomes the base, and a clean of the two pages around VA
 * B << 20 reaches the port as asked; a TLB flush of the page at B << 20
 * too.
 */
static void test_empty_window_reserves_nothing_at_its_base(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	struct t_machine *t = machine(fmt, 4, B << 20, 0);
	t_fill(t, L1A, B - 1u, 1, t_sect(t, t_ma(2, 0), false));
	t_fill(t, L1A, B, 1, t_sect(t, t_ma(1, 0), false));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);

	T_EXPECT(t, maint(t, PV_MMU_MAINT_CACHE_CLEAN, (B << 20) - 0x1000u, 0x2000u), PV_OK);
	const struct pv_fake_log *log = pv_fake_log_get();
	assert_int_equal(log->count, 1);
	assert_int_equal(log->ev[0].kind, PV_FAKE_CACHE_MAINT);
	assert_int_equal(log->ev[0].cache.op, PV_CACHE_CLEAN);
	assert_int_equal(pv_gvaddr_val(log->ev[0].cache.va), (B << 20) - 0x1000u);
	assert_int_equal(log->ev[0].cache.len, 0x2000u);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_TLB_PAGE, B << 20, 0), PV_OK);
	assert_int_equal(pv_fake_log_get()->count, 1);

	struct pv_mmu_xlate x;
	T_EXPECT(t, pv_mmu_translate(&t->mmu, pv_domid(1), pv_gvaddr(B << 20), &x), PV_OK);
	assert_int_equal(pv_maddr_val(x.ma), t_ma(1, 0));
	t_free(t);
}

/*
 * The same requests with a one-MiB window at B: the slot is the
 * hypervisor's, the clean and the flush are refused, the port untouched.
 */
static void test_window_at_the_same_base_refuses_them(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	struct t_machine *t = machine(fmt, 4, B << 20, 1);
	t_fill(t, L1A, B - 1u, 1, t_sect(t, t_ma(2, 0), false));
	t_fill(t, L1A, B, 1, t_sect(t, t_ma(1, 0), false));
	/* The pin puts the hypervisor's entry over the guest's in slot B. */
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	assert_int_equal(t_ptr(t, L1A)[B], t->hyp_l1[0]);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_CACHE_CLEAN, (B << 20) - 0x1000u, 0x2000u), PV_EFAULT);
	assert_int_equal(pv_fake_log_get()->count, 0);
	T_EXPECT(t, maint(t, PV_MMU_MAINT_TLB_PAGE, B << 20, 0), PV_EFAULT);
	assert_int_equal(pv_fake_log_get()->count, 0);
	/* The page just below the window is the guest's. */
	T_EXPECT(t, maint(t, PV_MMU_MAINT_CACHE_CLEAN, (B << 20) - 0x1000u, 0x1000u), PV_OK);
	t_free(t);
}

/*
 * ARMv7: a supersection at slots 0xF00..0xF0F over MiB 16..31, with the
 * window's base at 0xF08, inside the group. With no window it pins in an
 * L1, and an update writes it into another (pinned first); with a one-MiB
 * window there both are PV_EPERM and change nothing.
 */
#define S16 0xF00u
#define BASE16 0xF0800000u
#define L1B t_ma(1, 4)

static void supersection_cases(uint32_t hyp_mb, enum pv_status want)
{
	struct t_machine *t = machine(PV_MMU_FMT_V7, 33, BASE16, hyp_mb);
	uint32_t sup = v7_super(t_ma(16, 0), V7_RO, 0, 1, 1);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1B)), PV_OK);
	T_EXPECT(t, t_update1(t, 1, L1B + S16 * 4u, sup), want);
	t_fill(t, L1A, S16, 16, sup);
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), want);
	uint32_t *l1b = t_ptr(t, L1B);
	for (uint32_t k = 0; k < 16u; k++) {
		bool hyp = hyp_mb != 0 && S16 + k == BASE16 >> 20;
		uint32_t expect = want == PV_OK ? sup : hyp ? t->hyp_l1[0] : 0u;
		assert_int_equal(l1b[S16 + k], expect);
	}
	assert_int_equal(t_frame(t, t_ma(16, 0)).ref_count, want == PV_OK ? 2u : 0u);
	t_free(t);
}

static void test_supersection_over_the_base_of_an_empty_window(void **state)
{
	(void)state;
	supersection_cases(0, PV_OK);
}

static void test_supersection_over_a_window_refused(void **state)
{
	(void)state;
	supersection_cases(1, PV_EPERM);
}

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate(test_empty_window_reserves_nothing_at_its_base, (void *)&fmt_v5),
		cmocka_unit_test_prestate(test_empty_window_reserves_nothing_at_its_base, (void *)&fmt_v7),
		cmocka_unit_test_prestate(test_window_at_the_same_base_refuses_them, (void *)&fmt_v5),
		cmocka_unit_test_prestate(test_window_at_the_same_base_refuses_them, (void *)&fmt_v7),
		cmocka_unit_test(test_supersection_over_the_base_of_an_empty_window),
		cmocka_unit_test(test_supersection_over_a_window_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
