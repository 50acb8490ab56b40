/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/hypercall: the permission test on both halves of the 64-bit mask
 * (dispatch reads the one 32-bit half that holds bit nr), and the argument
 * words a handler sees for every arity, through a trap frame. A domain
 * allowed number n must not thereby be allowed n + 32 or n - 32; the
 * statistics and the refusal counters move exactly as the results say.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/hypercall.h>

#include "port_fake.h"

#define NR 64u

static struct pv_hc_call seen;

static int32_t h_record(struct pv_hc_call *c)
{
	seen = *c;
	return (int32_t)c->nr;
}

/* Every slot used; the arity of number n is n % 6. */
static const char name[] = "h";
static struct pv_hc_entry table[NR];
static struct pv_hc_stats stats[NR];
static struct pv_hc_perm perms[3];
static struct pv_hc hc;

static void setup(void)
{
	for (uint32_t n = 0; n < NR; n++)
		table[n] = (struct pv_hc_entry){ n, (uint8_t)(n % 6u), 0, name, h_record };
	struct pv_hc_config cfg = {
		.table = table, .table_len = NR, .stats = stats, .perms = perms,
		.nr_domains = 3, .multicall_max = 1, .multicall_slice = 1,
	};
	assert_int_equal(pv_hc_init(&hc, &cfg, NULL), PV_OK);
}

static int32_t call(uint16_t dom, uint32_t nr, struct pv_trap_frame *tf)
{
	*tf = (struct pv_trap_frame){ .r = { 0xA0, 0xA1, 0xA2, 0xA3, 0xA4 } };
	tf->r[12] = nr;
	seen = (struct pv_hc_call){ 0 };
	return pv_hc_dispatch(&hc, pv_domid(dom), tf);
}

static void test_each_bit_alone(void **state)
{
	(void)state;
	setup();
	struct pv_trap_frame tf;
	for (uint32_t bit = 0; bit < NR; bit++) {
		assert_int_equal(pv_hc_perm_set(&hc, pv_domid(1), (struct pv_hc_perm){ UINT64_C(1) << bit }),
				 PV_OK);
		for (uint32_t nr = 0; nr < NR; nr++) {
			uint64_t denied = hc.denied, calls = stats[nr].calls;
			int32_t rc = call(1, nr, &tf);
			if (nr == bit) {
				assert_int_equal(rc, (int32_t)nr);
				assert_int_equal(tf.r[0], nr);
				assert_true(stats[nr].calls == calls + 1u && hc.denied == denied);
			} else {
				assert_int_equal(rc, PV_EPERM);
				assert_int_equal(tf.r[0], (uint32_t)PV_EPERM);
				assert_true(stats[nr].calls == calls && hc.denied == denied + 1u);
			}
		}
		/* The other domain, with everything but that bit. */
		assert_int_equal(pv_hc_perm_set(&hc, pv_domid(2), (struct pv_hc_perm){ ~(UINT64_C(1) << bit) }),
				 PV_OK);
		assert_int_equal(call(2, bit, &tf), PV_EPERM);
		assert_int_equal(call(2, bit ^ 32u, &tf), (int32_t)(bit ^ 32u));
	}
	/* Outside the table, and a domain outside nr_domains. */
	assert_int_equal(call(1, NR, &tf), PV_ENOSYS);
	assert_int_equal(call(3, 0, &tf), PV_EPERM);
}

static void test_arguments_by_arity(void **state)
{
	(void)state;
	setup();
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(0), (struct pv_hc_perm){ UINT64_MAX }), PV_OK);
	struct pv_trap_frame tf;
	for (uint32_t nr = 0; nr < NR; nr++) {
		assert_int_equal(call(0, nr, &tf), (int32_t)nr);
		uint32_t arity = nr % 6u;
		assert_ptr_equal(seen.hc, &hc);
		assert_int_equal(pv_domid_val(seen.dom), 0);
		assert_int_equal(seen.nr, nr);
		for (uint32_t i = 0; i < PV_HC_MAX_ARGS; i++)
			assert_int_equal(seen.args[i], i < arity ? 0xA0u + i : 0u);
		/* r1..r4 come back untouched; r0 holds the result. */
		for (uint32_t i = 1; i < PV_HC_MAX_ARGS; i++)
			assert_int_equal(tf.r[i], 0xA0u + i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_bit_alone),
		cmocka_unit_test(test_arguments_by_arity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
