/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtual exception ABI's rules (refhv_abi.h, ABI version 5 on), run from
 * hv/vexc.c, the code the hypervisor runs: what set_callbacks accepts
 * (entries, stack, flags), when an exception or upcall may be delivered
 * (the hypervisor's flag, or the reentrant guest's busy word), and the
 * upcall mask's round trip through the saved cpsr's I bit and iret.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/abi/status.h>
#include <pvlib/trap.h>

#include "refhv_abi.h"
#include "vexc.h"

#define LIMIT 0xC0000000u

static int32_t check5(uint32_t ev, uint32_t exc, uint32_t sp, uint32_t flags, uint32_t sys)
{
	const uint32_t a[5] = { ev, exc, sp, flags, sys };
	return hv_vexc_callbacks_check(a, LIMIT);
}

/* Without REFHV_CB_SYSCALL_REGS the fifth argument is ignored: the calls
 * below pass one that would be refused if it were read. */
static int32_t check(uint32_t ev, uint32_t exc, uint32_t sp, uint32_t flags)
{
	return check5(ev, exc, sp, flags, LIMIT + 2u);
}

static void test_abi_version(void **state)
{
	(void)state;
	assert_int_equal(REFHV_ABI_VERSION, 8u); /* 5 brought these rules, 8 the last flag */
	assert_int_equal(REFHV_CB_REENTRANT, 1u);
	assert_int_equal(REFHV_CB_SYSCALL_REGS, 2u);
	assert_int_equal(REFHV_CB_FLAGS, REFHV_CB_REENTRANT | REFHV_CB_SYSCALL_REGS);
	assert_int_equal(offsetof(struct refhv_vcpu, busy), 84u);
	assert_int_equal(sizeof(struct refhv_vcpu), 88u);
	assert_int_equal(PV_PSR_I, 0x80u);
}

/* What every guest so far passes (flags 0), and the reentrant flag. */
static void test_callbacks_accepted(void **state)
{
	(void)state;
	assert_int_equal(check(0, 0, 0, 0), PV_OK); /* no entries: nothing delivered */
	assert_int_equal(check(0x1000, 0x2000, 0x3000, 0), PV_OK);
	assert_int_equal(check(0x1000, 0x2000, 0x3000, REFHV_CB_REENTRANT), PV_OK);
	assert_int_equal(check(0x1001, 0x2003, 0x3000, REFHV_CB_REENTRANT), PV_OK); /* Thumb */
	assert_int_equal(check(LIMIT - 4u, LIMIT - 4u, LIMIT - 4u, 0), PV_OK);
	assert_int_equal(check(LIMIT - 1u, LIMIT - 3u, LIMIT - 4u, 0), PV_OK);
}

static void test_callbacks_refused(void **state)
{
	(void)state;
	/* The hypervisor's range, each argument in turn. */
	for (uint32_t i = 0; i < 3; i++) {
		uint32_t a[5] = { 0x1000, 0x2000, 0x3000, 0, 0 };
		a[i] = LIMIT;
		assert_int_equal(hv_vexc_callbacks_check(a, LIMIT), PV_EFAULT);
		a[i] = 0xFFFF0000u;
		assert_int_equal(hv_vexc_callbacks_check(a, LIMIT), PV_EFAULT);
	}
	/* An ARM entry off 4, the stack off 4 (a Thumb sp does not exist). */
	assert_int_equal(check(0x1002, 0x2000, 0x3000, 0), PV_EALIGN);
	assert_int_equal(check(0x1000, 0x2002, 0x3000, 0), PV_EALIGN);
	assert_int_equal(check(0x1000, 0x2000, 0x3001, 0), PV_EALIGN);
	assert_int_equal(check(0x1000, 0x2000, 0x3002, 0), PV_EALIGN);
	/* Every flag bit but the two, alone and with each (a valid system-call
	 * entry, so that only the flag can be refused). */
	for (uint32_t b = 2; b < 32; b++) {
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, 1u << b, 0x4000), PV_EINVAL);
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, (1u << b) | REFHV_CB_REENTRANT,
					0x4000),
				 PV_EINVAL);
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, (1u << b) | REFHV_CB_SYSCALL_REGS,
					0x4000),
				 PV_EINVAL);
	}
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, UINT32_MAX, 0x4000), PV_EINVAL);
}

/* ABI 8: the system-call entry, read only with its flag. */
static void test_syscall_entry_accepted(void **state)
{
	(void)state;
	const uint32_t flags[] = { REFHV_CB_SYSCALL_REGS,
				   REFHV_CB_SYSCALL_REGS | REFHV_CB_REENTRANT };
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, flags[i], 0x4000), PV_OK);
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, flags[i], 0x4001), PV_OK); /* Thumb */
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, flags[i], 0x4003), PV_OK);
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, flags[i], LIMIT - 4u), PV_OK);
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, flags[i], LIMIT - 1u), PV_OK);
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, flags[i], 4u), PV_OK);
	}
	/* Without the flag nothing in r4 is refused. */
	const uint32_t any[] = { 0, 2, LIMIT, LIMIT + 2u, UINT32_MAX };
	for (size_t i = 0; i < sizeof any / sizeof any[0]; i++) {
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, 0, any[i]), PV_OK);
		assert_int_equal(check5(0x1000, 0x2000, 0x3000, REFHV_CB_REENTRANT, any[i]), PV_OK);
	}
}

static void test_syscall_entry_refused(void **state)
{
	(void)state;
	const uint32_t f = REFHV_CB_SYSCALL_REGS | REFHV_CB_REENTRANT;
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, 0), PV_EINVAL); /* the flag, no entry */
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, REFHV_CB_SYSCALL_REGS, 0), PV_EINVAL);
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, LIMIT), PV_EFAULT);
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, LIMIT + 1u), PV_EFAULT); /* Thumb */
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, 0xFFFF0FC0u), PV_EFAULT); /* kuser */
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, UINT32_MAX), PV_EFAULT);
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, 0x4002), PV_EALIGN);
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, LIMIT - 2u), PV_EALIGN);
	assert_int_equal(check5(0x1000, 0x2000, 0x3000, f, 2u), PV_EALIGN);
	/* The other arguments are still checked first. */
	assert_int_equal(check5(LIMIT, 0x2000, 0x3000, f, 0x4000), PV_EFAULT);
	assert_int_equal(check5(0x1000, 0x2000, 0x3002, f, 0x4000), PV_EALIGN);
}

/* Without the flag: the hypervisor's own flag, whatever the busy word. */
static void test_deliver_classic(void **state)
{
	(void)state;
	const uint32_t busy[] = { 0, 1, 2, 0x80000000u, UINT32_MAX };
	for (size_t i = 0; i < sizeof busy / sizeof busy[0]; i++) {
		assert_true(hv_vexc_can_deliver(false, 0, busy[i]));
		assert_false(hv_vexc_can_deliver(true, 0, busy[i]));
	}
}

/* With it: the busy word, whatever the hypervisor's flag (the guest took
 * the frame; iret has not come yet). Any nonzero word is busy. */
static void test_deliver_reentrant(void **state)
{
	(void)state;
	for (int in = 0; in < 2; in++) {
		assert_true(hv_vexc_can_deliver(in != 0, REFHV_CB_REENTRANT, 0));
		assert_false(hv_vexc_can_deliver(in != 0, REFHV_CB_REENTRANT, 1));
		assert_false(hv_vexc_can_deliver(in != 0, REFHV_CB_REENTRANT, 0x100));
		assert_false(hv_vexc_can_deliver(in != 0, REFHV_CB_REENTRANT, 0x80000000u));
		assert_false(hv_vexc_can_deliver(in != 0, REFHV_CB_REENTRANT, UINT32_MAX));
	}
}

/* The mask rides in the I bit and nothing else of the cpsr changes; iret
 * reads back exactly what delivery wrote. */
static void test_mask_round_trip(void **state)
{
	(void)state;
	const uint32_t cpsrs[] = { PV_PSR_MODE_USR, PV_PSR_MODE_USR | PV_PSR_T,
				   0xF0000010u, 0xF80000B0u, 0x00000090u, UINT32_MAX, 0 };
	for (size_t i = 0; i < sizeof cpsrs / sizeof cpsrs[0]; i++) {
		for (int m = 0; m < 2; m++) {
			uint32_t s = hv_vexc_saved_cpsr(cpsrs[i], m != 0);
			assert_int_equal(s & ~PV_PSR_I, cpsrs[i] & ~PV_PSR_I);
			assert_int_equal((s & PV_PSR_I) != 0, m != 0);
			assert_int_equal(hv_vexc_iret_masked(s), m != 0);
		}
	}
	assert_false(hv_vexc_iret_masked(0));
	assert_false(hv_vexc_iret_masked(~PV_PSR_I));
	assert_true(hv_vexc_iret_masked(PV_PSR_I));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_version),
		cmocka_unit_test(test_callbacks_accepted),
		cmocka_unit_test(test_callbacks_refused),
		cmocka_unit_test(test_syscall_entry_accepted),
		cmocka_unit_test(test_syscall_entry_refused),
		cmocka_unit_test(test_deliver_classic),
		cmocka_unit_test(test_deliver_reentrant),
		cmocka_unit_test(test_mask_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
