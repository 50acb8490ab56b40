/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Random sequences of every operation (guest calls with arbitrary arguments,
 * hypervisor raises, guests scribbling and consuming, domains destroyed and
 * rebuilt), with pv_evtchn_audit and the driver's own invariants checked
 * after every step. Seeds are fixed, so a failure reproduces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "evtchn_driver.h"

#define SEEDS 16u
#define STEPS 4000u

static uint64_t rng;
static uint8_t next_byte(void)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint8_t)(rng >> 56);
}

static unsigned succeeded[22], restarts;


static void run(uint32_t seed, int scribble)
{
	static uint8_t buf[STEPS * 12u];
	rng = seed;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = next_byte();
	struct drv *v = calloc(1, sizeof *v);
	assert_int_equal(drv_init(v, buf, sizeof buf), 0);
	unsigned ok = 0, steps = 0;
	while (v->pos < v->len && steps < STEPS) {
		size_t at = v->pos;
		if (!scribble && buf[at] % 32u == 26u)
			buf[at] = 11; /* turn scribbles into sends: delivery is then checked strictly */
		const char *err = drv_step(v);
		if (err)
			fail_msg("seed %u step %u: %s", seed, steps, err);
		if (v->last_rc == PV_OK)
			succeeded[v->last_op]++;
		steps++;
		ok++;
	}
	assert_int_equal(ok, steps);
	restarts += v->restarts;
	/* no event was lost: everything still pending in the model comes out */
	const char *err = drv_drain_all(v);
	if (err)
		fail_msg("seed %u, final drain: %s", seed, err);
	/* and everything can still be torn down cleanly */
	for (uint16_t d = 0; d < DRV_DOMS; d++)
		assert_int_equal(pv_evtchn_domain_remove(&v->ctx, pv_domid(d)), PV_OK);
	assert_null(drv_check(v));
	for (unsigned i = 0; i < DRV_PIRQS; i++)
		assert_int_equal(v->pirqs[i].bound, 0);
	free(v);
}

static void test_random_well_behaved_guests(void **state)
{
	(void)state;
	for (uint32_t s = 1; s <= SEEDS; s++)
		run(s, 0);
	/* the sequences reached every operation's success path */
	for (unsigned op = 0; op < 21; op++) {
		if (op != 16)
			assert_true(succeeded[op] > 0);
	}
	/* and a reset that had to be continued */
	assert_true(restarts > 0);
}

static void test_random_with_scribbling_guests(void **state)
{
	(void)state;
	for (uint32_t s = 1; s <= SEEDS; s++)
		run(1000u + s, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_well_behaved_guests),
		cmocka_unit_test(test_random_with_scribbling_guests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
