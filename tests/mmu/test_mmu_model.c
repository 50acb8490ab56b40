/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Model-based random test: random operation sequences from several domains
 * on a small machine, both formats, several seeds. After every operation
 * pv_mmu_audit() passes and the independent checker of mmu_model.h confirms
 * isolation (see there).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "port_fake.h"
#include "mmu_model.h"

#define STEPS 2000u

static void run(enum pv_mmu_format fmt, uint64_t seed)
{
	struct m_model *m = malloc(sizeof *m);
	assert_non_null(m);
	m_init(m, fmt, NULL);
	struct m_src src = { NULL, 0, 0, seed };
	for (uint32_t i = 0; i < STEPS; i++) {
		pv_fake_reset();
		if (!m_step(m, &src))
			fail_msg("format v%d seed %llu step %u: %s", fmt == PV_MMU_FMT_V5 ? 5 : 7,
				 (unsigned long long)seed, (unsigned)i, m->why);
	}
	/* The sequence must have done real work, not just been refused. */
	printf("v%d seed %llu: %u ok, %u refused, %u pins, %u entries updated\n",
	       fmt == PV_MMU_FMT_V5 ? 5 : 7, (unsigned long long)seed, m->ok_ops, m->refused_ops,
	       m->pins_ok, m->entries_applied);
	if (getenv("MMU_MODEL_HIST")) {
		for (int c = 0; c < 10; c++) {
			printf("op class %d:", c);
			for (int r = 0; r < 90; r++)
				if (m->hist[c][r])
					printf(" %s=%u", pv_status_name(-r), m->hist[c][r]);
			printf("\n");
		}
	}
	assert_true(m->pins_ok > STEPS / 250);
	assert_true(m->entries_applied > STEPS / 50);
	m_fini(m);
	free(m);
}

static void test_model_v5(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 2; seed++)
		run(PV_MMU_FMT_V5, seed * 0x9E3779B97F4A7C15ull);
}

static void test_model_v7(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 2; seed++)
		run(PV_MMU_FMT_V7, seed * 0x9E3779B97F4A7C15ull);
}

/* The checker itself must catch a breach: plant one behind the library's back. */
static void test_checker_catches_breach(void **state)
{
	(void)state;
	struct m_model *m = malloc(sizeof *m);
	assert_non_null(m);
	m_init(m, PV_MMU_FMT_V7, NULL);
	uint32_t l2 = t_ma(1, 4);
	assert_int_equal(pv_mmu_pin(&m->t->mmu, pv_domid(1), PV_MMU_TABLE_L2, t_mfn(l2)), PV_OK);
	m->pinned[(l2 - T_RAM_BASE) >> 12] = MP_L2;
	assert_true(m_check(m));
	t_ptr(m->t, l2)[3] = v7_small(t_ma(2, 0), V7_RO, 0, 1, 1);
	assert_false(m_check(m));
	t_ptr(m->t, l2)[3] = 0;
	assert_true(m_check(m));
	m_fini(m);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_catches_breach),
		cmocka_unit_test(test_model_v5),
		cmocka_unit_test(test_model_v7),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
