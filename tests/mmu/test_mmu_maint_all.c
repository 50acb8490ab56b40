/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Whole-cache maintenance a guest asks for (PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL,
 * PV_MMU_MAINT_ICACHE_ALL_INVAL; pvlib/abi/mmu.h). What these tests hold:
 *
 *  - with va = len = 0, on a domain with an active L1, each is accepted and
 *    the port sees exactly one cache request, of the matching whole-cache
 *    operation (PV_CACHE_ALL_CLEAN_INVAL, PV_CACHE_ALL_ICACHE_INVAL), with
 *    no address, and nothing else (no TLB request, no internal flush);
 *  - any non-zero va or len is refused with PV_EINVAL (first invalid values:
 *    va 1, len 1; also the largest, a mapped range, the hypervisor's range),
 *    and the ASID range is still checked;
 *  - before a base exists, on a dying domain and for a domain that does not
 *    exist: PV_ENOENT, PV_ESRCH;
 *  - the operation numbers end at ICACHE_ALL_INVAL (the next is PV_ENOSYS);
 *  - a refused request calls no port hook.
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

#define L1A t_ma(1, 0)  /* 16 KiB: frames 0..3 of MiB 1 */
#define L2A t_ma(1, 4)  /* a coarse table mapping DATA at VA 0x00100000 */
#define DATA t_ma(1, 16)

#define ALL PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL
#define IALL PV_MMU_MAINT_ICACHE_ALL_INVAL

static const enum pv_mmu_format fmt_v5 = PV_MMU_FMT_V5, fmt_v7 = PV_MMU_FMT_V7;

/* One request; a refused one must reach no hook, an accepted one exactly one. */
static int32_t maint(struct t_machine *t, uint16_t dom, uint32_t op, uint32_t va, uint32_t len,
		     uint32_t asid)
{
	struct pv_mmu_maint_req r = { op, pv_gvaddr(va), len, asid };
	pv_fake_reset();
	int32_t rc = pv_mmu_maint(&t->mmu, pv_domid(dom), &r);
	assert_int_equal(pv_fake_log_get()->count, rc == PV_OK ? 1u : 0u);
	return rc;
}

/* The one recorded event is a whole-cache request of kind op, no address. */
static void assert_whole(enum pv_cache_op op)
{
	const struct pv_fake_log *log = pv_fake_log_get();
	assert_int_equal(log->count, 1);
	assert_int_equal(log->ev[0].kind, PV_FAKE_CACHE_MAINT);
	assert_int_equal(log->ev[0].cache.op, op);
	assert_int_equal(pv_gvaddr_val(log->ev[0].cache.va), 0);
	assert_int_equal(log->ev[0].cache.len, 0);
	assert_int_equal(log->cache_all_clean_inval, op == PV_CACHE_ALL_CLEAN_INVAL ? 1 : 0);
	assert_int_equal(log->cache_all_icache_inval, op == PV_CACHE_ALL_ICACHE_INVAL ? 1 : 0);
	assert_int_equal(log->cache_clean + log->cache_clean_inval + log->cache_sync_icache, 0);
	assert_int_equal(log->cache_flush_all + log->tlb_all + log->tlb_asid + log->tlb_va, 0);
}

/* Domain 1 with L1A pinned (one page mapped at VA 0x00100000), not active. */
static struct t_machine *machine(enum pv_mmu_format fmt)
{
	struct t_machine *t = t_new(fmt);
	t_fill(t, L2A, 0, 1, t_small(t, DATA, true));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(L2A)), PV_OK);
	t_fill(t, L1A, 1, 1, t_table(t, L2A));
	T_EXPECT(t, pv_mmu_pin(&t->mmu, pv_domid(1), PV_MMU_TABLE_L1, t_mfn(L1A)), PV_OK);
	return t;
}

static void test_whole_cache_accepted(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	struct t_machine *t = machine(fmt);
	uint32_t asid = fmt == PV_MMU_FMT_V5 ? 0 : 7;

	/* No base yet, no such domain, a domain without a base. */
	T_EXPECT(t, maint(t, 1, ALL, 0, 0, asid), PV_ENOENT);
	T_EXPECT(t, maint(t, 1, IALL, 0, 0, asid), PV_ENOENT);
	T_EXPECT(t, maint(t, T_NDOMS, ALL, 0, 0, asid), PV_ESRCH);
	T_EXPECT(t, maint(t, T_NDOMS, IALL, 0, 0, asid), PV_ESRCH);
	T_EXPECT(t, maint(t, UINT16_MAX, ALL, 0, 0, asid), PV_ESRCH);
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);
	T_EXPECT(t, maint(t, 2, ALL, 0, 0, asid), PV_ENOENT);
	T_EXPECT(t, maint(t, T_NDOMS, ALL, 0, 0, asid), PV_ESRCH);

	T_EXPECT(t, maint(t, 1, ALL, 0, 0, asid), PV_OK);
	assert_whole(PV_CACHE_ALL_CLEAN_INVAL);
	T_EXPECT(t, maint(t, 1, IALL, 0, 0, asid), PV_OK);
	assert_whole(PV_CACHE_ALL_ICACHE_INVAL);
	/* The highest ASID the format allows is still fine. */
	T_EXPECT(t, maint(t, 1, ALL, 0, 0, fmt == PV_MMU_FMT_V5 ? 0 : 255), PV_OK);
	assert_whole(PV_CACHE_ALL_CLEAN_INVAL);

	/* A dying domain has no active L1 any more. */
	T_EXPECT(t, pv_mmu_domain_destroy(&t->mmu, pv_domid(1)), PV_OK);
	T_EXPECT(t, maint(t, 1, ALL, 0, 0, asid), PV_ENOENT);
	T_EXPECT(t, maint(t, 1, IALL, 0, 0, asid), PV_ENOENT);
	t_free(t);
}

static void test_whole_cache_refused(void **state)
{
	enum pv_mmu_format fmt = T_FMT(state);
	struct t_machine *t = machine(fmt);
	uint32_t asid = fmt == PV_MMU_FMT_V5 ? 0 : 7;
	T_EXPECT(t, pv_mmu_switch_base(&t->mmu, pv_domid(1), t_mfn(L1A)), PV_OK);

	static const uint32_t ops[2] = { ALL, IALL };
	for (unsigned k = 0; k < 2; k++) {
		uint32_t op = ops[k];
		/* The first invalid values, the largest, a mapped range (which a
		 * range operation accepts), the hypervisor's range. */
		T_EXPECT(t, maint(t, 1, op, 1, 0, asid), PV_EINVAL);
		T_EXPECT(t, maint(t, 1, op, 0, 1, asid), PV_EINVAL);
		T_EXPECT(t, maint(t, 1, op, 1, 1, asid), PV_EINVAL);
		T_EXPECT(t, maint(t, 1, op, UINT32_MAX, 0, asid), PV_EINVAL);
		T_EXPECT(t, maint(t, 1, op, 0, UINT32_MAX, asid), PV_EINVAL);
		T_EXPECT(t, maint(t, 1, op, 0x00100000u, 0x1000, asid), PV_EINVAL);
		T_EXPECT(t, maint(t, 1, op, T_HYP_VA, 0, asid), PV_EINVAL);
		T_EXPECT(t, maint(t, 1, op, 0, PV_MMU_MAINT_LEN_MAX, asid), PV_EINVAL);
		/* The ASID is checked as for every operation. */
		T_EXPECT(t, maint(t, 1, op, 0, 0, fmt == PV_MMU_FMT_V5 ? 1 : 256), PV_EINVAL);
	}
	/* The range operations still work beside them. */
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_CACHE_CLEAN_INVAL, 0x00100000u, 0x1000, asid), PV_OK);
	assert_int_equal(pv_fake_log_get()->cache_clean_inval, 1);
	assert_int_equal(pv_fake_log_get()->cache_all_clean_inval, 0);
	/* The last operation number and the first unknown one. */
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_ICACHE_ALL_INVAL, 0, 0, asid), PV_OK);
	T_EXPECT(t, maint(t, 1, PV_MMU_MAINT_ICACHE_ALL_INVAL + 1, 0, 0, asid), PV_ENOSYS);
	t_free(t);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&fmt_v5), \
		 cmocka_unit_test_prestate(fn, (void *)&fmt_v7)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_whole_cache_accepted),
		BOTH(test_whole_cache_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
