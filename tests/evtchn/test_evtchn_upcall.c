/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The upcall accessors a hypervisor uses on the per-vcpu bytes of the
 * shared page: pv_evtchn_upcall_due() (pending set and mask clear, every
 * byte value the guest can write), pv_evtchn_upcall_mask_set() (writes
 * exactly that byte, with 0 or 1) and pv_evtchn_upcall_masked() (reads it,
 * any nonzero value is masked). Unknown domains (never added, removed,
 * past the table) and vcpus (the first one past the domain's) are refused
 * and leave every byte of every domain as it was. The inline accessors
 * on the bytes themselves (pv_evtchn_vi_*) answer and write exactly as
 * the three functions, on every pair of byte values.
 */
#include <stdlib.h>

#include "evtchn_fixture.h"

static struct fx *F;

static int setup(void **state)
{
	(void)state;
	F = calloc(1, sizeof *F);
	fx_init(F);
	fx_add_standard(F); /* domains 0, 1, 2; slot 3 never added */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_audit(F);
	free(F);
	return 0;
}

/* Every pair of byte values the guest can leave in the two bytes. */
static void test_due_over_every_byte_value(void **state)
{
	(void)state;
	for (uint32_t v = 0; v < FX_VCPUS; v++) {
		struct pv_evtchn_vcpu_info *vi = &F->shared[1].vcpu[v];
		struct pv_evtchn_vcpu_info *other = &F->shared[1].vcpu[v ^ 1u];
		other->upcall_pending = 1;
		other->upcall_mask = 0; /* the other vcpu's upcall is due */
		for (uint32_t p = 0; p < 256; p++) {
			for (uint32_t m = 0; m < 256; m++) {
				vi->upcall_pending = (uint8_t)p;
				vi->upcall_mask = (uint8_t)m;
				bool due = pv_evtchn_upcall_due(&F->ctx, pv_domid(1), v);
				if (due != (p != 0 && m == 0))
					fail_msg("vcpu %u pending %u mask %u: due %d", v, p, m, due);
				/* A read changes nothing. */
				assert_int_equal(vi->upcall_pending, p);
				assert_int_equal(vi->upcall_mask, m);
			}
		}
		vi->upcall_pending = 0;
		vi->upcall_mask = 0;
		other->upcall_pending = 0;
	}
	fx_audit(F);
}

/* Pending in another domain's page, or another vcpu's bytes, says nothing
 * about this one. */
/* pv_evtchn_vi_*: the same answers as the functions, the same byte written,
 * for every pair of values and every vcpu. */
static void test_inline_accessors_agree(void **state)
{
	(void)state;
	for (uint32_t v = 0; v < FX_VCPUS; v++) {
		struct pv_evtchn_vcpu_info *vi = &F->shared[1].vcpu[v];
		for (uint32_t p = 0; p < 256; p++) {
			for (uint32_t m = 0; m < 256; m++) {
				vi->upcall_pending = (uint8_t)p;
				vi->upcall_mask = (uint8_t)m;
				vi->pad[0] = (uint8_t)(p ^ 0x5Au);
				vi->pad[1] = (uint8_t)(m ^ 0xA5u);
				if (pv_evtchn_vi_upcall_due(vi) != pv_evtchn_upcall_due(&F->ctx, pv_domid(1), v) ||
				    pv_evtchn_vi_upcall_due(vi) != (p != 0 && m == 0))
					fail_msg("vcpu %u pending %u mask %u: due differs", v, p, m);
				if (pv_evtchn_vi_upcall_masked(vi) !=
					    pv_evtchn_upcall_masked(&F->ctx, pv_domid(1), v) ||
				    pv_evtchn_vi_upcall_masked(vi) != (m != 0))
					fail_msg("vcpu %u pending %u mask %u: masked differs", v, p, m);
				/* Reads change nothing. */
				assert_int_equal(vi->upcall_pending, p);
				assert_int_equal(vi->upcall_mask, m);
				/* The write: 1 or 0 into upcall_mask, nothing else. */
				bool set = ((p + m) & 1u) != 0;
				pv_evtchn_vi_upcall_mask_set(vi, set);
				assert_int_equal(vi->upcall_mask, set ? 1u : 0u);
				assert_int_equal(vi->upcall_pending, p);
				assert_int_equal(vi->pad[0], (uint8_t)(p ^ 0x5Au));
				assert_int_equal(vi->pad[1], (uint8_t)(m ^ 0xA5u));
			}
		}
		vi->upcall_pending = 0;
		vi->upcall_mask = 0;
		vi->pad[0] = vi->pad[1] = 0;
	}
	fx_audit(F);
}

static void test_due_reads_only_its_own_bytes(void **state)
{
	(void)state;
	for (uint32_t d = 0; d < 3; d++)
		for (uint32_t v = 0; v < FX_VCPUS; v++)
			F->shared[d].vcpu[v].upcall_pending = 1;
	F->shared[2].vcpu[1].upcall_pending = 0;
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(2), 1));
	assert_true(pv_evtchn_upcall_due(&F->ctx, pv_domid(2), 0));
	F->shared[2].vcpu[0].upcall_mask = 1;
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(2), 0));
	assert_true(pv_evtchn_upcall_due(&F->ctx, pv_domid(0), 0));
	assert_true(pv_evtchn_upcall_due(&F->ctx, pv_domid(1), 1));
}

/* Unknown domains and vcpus: not due, whatever their pages hold. */
static void test_due_unknown_domain_or_vcpu(void **state)
{
	(void)state;
	for (uint32_t d = 0; d < FX_DOMS; d++)
		for (uint32_t v = 0; v < PV_EVTCHN_MAX_VCPUS; v++)
			F->shared[d].vcpu[v].upcall_pending = 1;
	assert_true(pv_evtchn_upcall_due(&F->ctx, pv_domid(0), FX_VCPUS - 1u));
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(0), FX_VCPUS));
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(0), UINT32_MAX));
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(3), 0)); /* never added */
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(FX_DOMS), 0));
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(0xFFFF), 0));
	assert_int_equal(pv_evtchn_domain_remove(&F->ctx, pv_domid(2)), PV_OK);
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(2), 0)); /* removed */
}

/* The mask write: that one byte, 0 or 1, from any previous value. */
static void test_mask_set_writes_one_byte(void **state)
{
	(void)state;
	for (uint32_t d = 0; d < 3; d++) {
		for (uint32_t v = 0; v < FX_VCPUS; v++) {
			for (uint32_t old = 0; old < 256; old += 51) {
				for (int masked = 0; masked < 2; masked++) {
					F->shared[d].vcpu[v].upcall_mask = (uint8_t)old;
					F->shared[d].vcpu[v].upcall_pending = 0x5A;
					struct pv_evtchn_shared before[FX_DOMS];
					memcpy(before, F->shared, sizeof before);
					assert_int_equal(pv_evtchn_upcall_mask_set(&F->ctx, pv_domid((uint16_t)d),
										   v, masked != 0),
							 PV_OK);
					before[d].vcpu[v].upcall_mask = (uint8_t)masked;
					assert_memory_equal(before, F->shared, sizeof before);
					F->shared[d].vcpu[v].upcall_pending = 0;
				}
			}
		}
	}
	/* And what it wrote is what due reads. */
	F->shared[0].vcpu[0].upcall_pending = 1;
	assert_int_equal(pv_evtchn_upcall_mask_set(&F->ctx, pv_domid(0), 0, true), PV_OK);
	assert_false(pv_evtchn_upcall_due(&F->ctx, pv_domid(0), 0));
	assert_int_equal(pv_evtchn_upcall_mask_set(&F->ctx, pv_domid(0), 0, false), PV_OK);
	assert_true(pv_evtchn_upcall_due(&F->ctx, pv_domid(0), 0));
	fx_audit(F);
}

/* Refused: nothing anywhere changes, no callback runs. */
static void test_mask_set_refusals_leave_no_trace(void **state)
{
	(void)state;
	for (uint32_t d = 0; d < FX_DOMS; d++)
		for (uint32_t v = 0; v < PV_EVTCHN_MAX_VCPUS; v++)
			F->shared[d].vcpu[v].upcall_mask = 0x33;
	struct {
		uint16_t dom;
		uint32_t vcpu;
		enum pv_status rc;
	} bad[] = {
		{ 0, FX_VCPUS, PV_ERANGE },
		{ 1, UINT32_MAX, PV_ERANGE },
		{ 3, 0, PV_ESRCH },
		{ FX_DOMS, 0, PV_ESRCH },
		{ 0xFFFF, 0, PV_ESRCH },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		for (int masked = 0; masked < 2; masked++) {
			struct fx_snap s;
			fx_snap(&s, F);
			assert_int_equal(pv_evtchn_upcall_mask_set(&F->ctx, pv_domid(bad[i].dom),
								   bad[i].vcpu, masked != 0),
					 bad[i].rc);
			fx_unchanged(&s, F);
		}
	}
	assert_int_equal(pv_evtchn_domain_remove(&F->ctx, pv_domid(1)), PV_OK);
	struct fx_snap s;
	fx_snap(&s, F);
	assert_int_equal(pv_evtchn_upcall_mask_set(&F->ctx, pv_domid(1), 0, false), PV_ESRCH);
	fx_unchanged(&s, F);
}

/* The mask read: every byte value of the one byte, nothing else read into
 * it; unknown domains and vcpus read as masked. */
static void test_masked_reads_its_own_byte(void **state)
{
	(void)state;
	for (uint32_t d = 0; d < 3; d++) {
		for (uint32_t v = 0; v < FX_VCPUS; v++) {
			for (uint32_t val = 0; val < 256; val++) {
				/* Everything around the byte set the other way. */
				for (uint32_t dd = 0; dd < 3; dd++) {
					for (uint32_t vv = 0; vv < PV_EVTCHN_MAX_VCPUS; vv++) {
						F->shared[dd].vcpu[vv].upcall_mask = val ? 0 : 1;
						F->shared[dd].vcpu[vv].upcall_pending = val ? 0 : 1;
					}
				}
				F->shared[d].vcpu[v].upcall_mask = (uint8_t)val;
				struct fx_snap s;
				fx_snap(&s, F);
				assert_int_equal(pv_evtchn_upcall_masked(&F->ctx, pv_domid((uint16_t)d), v),
						 val != 0);
				fx_unchanged(&s, F);
			}
		}
	}
	/* What mask_set writes is what masked reads. */
	assert_int_equal(pv_evtchn_upcall_mask_set(&F->ctx, pv_domid(1), 1, true), PV_OK);
	assert_true(pv_evtchn_upcall_masked(&F->ctx, pv_domid(1), 1));
	assert_int_equal(pv_evtchn_upcall_mask_set(&F->ctx, pv_domid(1), 1, false), PV_OK);
	assert_false(pv_evtchn_upcall_masked(&F->ctx, pv_domid(1), 1));
	/* Unknown: masked, whatever the pages hold. */
	for (uint32_t d = 0; d < FX_DOMS; d++)
		for (uint32_t v = 0; v < PV_EVTCHN_MAX_VCPUS; v++)
			F->shared[d].vcpu[v].upcall_mask = 0;
	assert_false(pv_evtchn_upcall_masked(&F->ctx, pv_domid(0), FX_VCPUS - 1u));
	assert_true(pv_evtchn_upcall_masked(&F->ctx, pv_domid(0), FX_VCPUS));
	assert_true(pv_evtchn_upcall_masked(&F->ctx, pv_domid(0), UINT32_MAX));
	assert_true(pv_evtchn_upcall_masked(&F->ctx, pv_domid(3), 0)); /* never added */
	assert_true(pv_evtchn_upcall_masked(&F->ctx, pv_domid(FX_DOMS), 0));
	assert_true(pv_evtchn_upcall_masked(&F->ctx, pv_domid(0xFFFF), 0));
	assert_int_equal(pv_evtchn_domain_remove(&F->ctx, pv_domid(2)), PV_OK);
	assert_true(pv_evtchn_upcall_masked(&F->ctx, pv_domid(2), 0)); /* removed */
	fx_audit(F);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_due_over_every_byte_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inline_accessors_agree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_reads_only_its_own_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_unknown_domain_or_vcpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mask_set_writes_one_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mask_set_refusals_leave_no_trace, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_masked_reads_its_own_byte, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
