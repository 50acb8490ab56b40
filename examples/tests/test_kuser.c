/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel-user helpers' guest ABI (refhv_abi.h, ABI version 4) against
 * the vector page's layout (ports/common/kuser_page.h, which kuser_page.S
 * checks its code against), and the hypervisor's restart rule
 * (hv/kuser_restart.c, the code hv_trap runs): every pc of the page and
 * around it, in ARM and Thumb state; and which faults are a helper's store
 * (ABI version 7, REFHV_FSR_WNR).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/trap.h>

#define REFHV_KUSER_HOST_TEST
#include "kuser.h"
#include "kuser_page.h"
#include "refhv_abi.h"

#define PAGE REFHV_VECTOR_PAGE_VA
#define USR PV_PSR_MODE_USR

static void test_addresses(void **state)
{
	(void)state;
	/* Linux's fixed addresses (Documentation/arm/kernel_user_helpers.rst). */
	assert_int_equal(REFHV_VECTOR_PAGE_VA, 0xFFFF0000u);
	assert_int_equal(REFHV_KUSER_CMPXCHG64, 0xFFFF0F60u);
	assert_int_equal(REFHV_KUSER_MEMORY_BARRIER, 0xFFFF0FA0u);
	assert_int_equal(REFHV_KUSER_CMPXCHG, 0xFFFF0FC0u);
	assert_int_equal(REFHV_KUSER_GET_TLS, 0xFFFF0FE0u);
	assert_int_equal(REFHV_KUSER_TLS_WORD, 0xFFFF0FF0u);
	assert_int_equal(REFHV_KUSER_VERSION_WORD, 0xFFFF0FFCu);
	/* ... are where the page puts them. */
	assert_int_equal(REFHV_KUSER_CMPXCHG64, PAGE + KUSER_OFF_CMPXCHG64);
	assert_int_equal(REFHV_KUSER_CMPXCHG64_RETRY, PAGE + KUSER_OFF_CMPXCHG64_RETRY);
	assert_int_equal(REFHV_KUSER_MEMORY_BARRIER, PAGE + KUSER_OFF_BARRIER);
	assert_int_equal(REFHV_KUSER_CMPXCHG, PAGE + KUSER_OFF_CMPXCHG);
	assert_int_equal(REFHV_KUSER_CMPXCHG, PAGE + KUSER_OFF_CMPXCHG_RETRY);
	assert_int_equal(REFHV_KUSER_GET_TLS, PAGE + KUSER_OFF_GET_TLS);
	assert_int_equal(REFHV_KUSER_TLS_WORD, PAGE + KUSER_OFF_TLS);
	assert_int_equal(REFHV_KUSER_VERSION_WORD, PAGE + KUSER_OFF_VERSION);
	/* Five helpers, 32-byte slots (cmpxchg64 two) from 0xf60 to the end. */
	assert_int_equal(REFHV_KUSER_VERSION, KUSER_HELPERS);
	assert_int_equal((0x1000u - KUSER_OFF_FIRST) / 32u, REFHV_KUSER_VERSION);
	/* Each window lies inside its helper's slots, load before store. */
	assert_true(KUSER_OFF_CMPXCHG64 < KUSER_OFF_CMPXCHG64_RETRY);
	assert_true(KUSER_OFF_CMPXCHG64_RETRY < KUSER_OFF_CMPXCHG64_STORE);
	assert_true(KUSER_OFF_CMPXCHG64_STORE < KUSER_OFF_BARRIER);
	assert_true(KUSER_OFF_CMPXCHG_RETRY < KUSER_OFF_CMPXCHG_STORE);
	assert_true(KUSER_OFF_CMPXCHG_STORE < KUSER_OFF_GET_TLS);
	assert_int_equal(KUSER_OFF_CMPXCHG64_RETRY % 4u, 0);
	assert_int_equal(KUSER_OFF_CMPXCHG64_STORE % 4u, 0);
	assert_int_equal(KUSER_OFF_CMPXCHG_STORE % 4u, 0);
	/* The hypercall is new in version 4, the last of version 4 (8 added
	 * two after it). */
	assert_true(REFHV_ABI_VERSION >= 4u);
	assert_int_equal(REFHV_HC_SET_TLS, 19);
	assert_true(REFHV_HC_SET_TLS < REFHV_HC_COUNT);
}

/* What the rule must answer for pc in ARM state, USR mode. */
static uint32_t expected(uint32_t pc)
{
	if (pc >= PAGE + KUSER_OFF_CMPXCHG_RETRY && pc <= PAGE + KUSER_OFF_CMPXCHG_STORE)
		return PAGE + KUSER_OFF_CMPXCHG_RETRY;
	if (pc >= PAGE + KUSER_OFF_CMPXCHG64_RETRY && pc <= PAGE + KUSER_OFF_CMPXCHG64_STORE)
		return PAGE + KUSER_OFF_CMPXCHG64_RETRY;
	return pc;
}

static void test_windows(void **state)
{
	(void)state;
	/* The interrupted-between-load-and-store cases, by name. */
	assert_int_equal(hv_kuser_restart_pc(REFHV_KUSER_CMPXCHG + 4u, USR), REFHV_KUSER_CMPXCHG);
	assert_int_equal(hv_kuser_restart_pc(PAGE + KUSER_OFF_CMPXCHG_STORE, USR),
			 REFHV_KUSER_CMPXCHG);
	assert_int_equal(hv_kuser_restart_pc(PAGE + KUSER_OFF_CMPXCHG64_STORE, USR),
			 REFHV_KUSER_CMPXCHG64_RETRY);
	/* Once the store is done, or before the window, nothing moves. */
	assert_int_equal(hv_kuser_restart_pc(PAGE + KUSER_OFF_CMPXCHG_STORE + 4u, USR),
			 PAGE + KUSER_OFF_CMPXCHG_STORE + 4u);
	assert_int_equal(hv_kuser_restart_pc(PAGE + KUSER_OFF_CMPXCHG64_STORE + 4u, USR),
			 PAGE + KUSER_OFF_CMPXCHG64_STORE + 4u);
	assert_int_equal(hv_kuser_restart_pc(REFHV_KUSER_CMPXCHG64, USR), REFHV_KUSER_CMPXCHG64);
	assert_int_equal(hv_kuser_restart_pc(REFHV_KUSER_CMPXCHG64_RETRY - 4u, USR),
			 REFHV_KUSER_CMPXCHG64_RETRY - 4u);
	assert_int_equal(hv_kuser_restart_pc(REFHV_KUSER_CMPXCHG - 4u, USR),
			 REFHV_KUSER_CMPXCHG - 4u);
	/* Every pc of the page and of the pages around it, any alignment. */
	for (uint32_t pc = PAGE - 0x1000u; pc != PAGE + 0x1000u; pc++)
		assert_int_equal(hv_kuser_restart_pc(pc, USR), expected(pc));
	for (uint32_t pc = 0xFFFFF000u; pc != 0u; pc++)
		assert_int_equal(hv_kuser_restart_pc(pc, USR), pc);
	for (uint32_t pc = 0; pc < 0x1000u; pc++)
		assert_int_equal(hv_kuser_restart_pc(pc, USR), pc);
	/* Flags in cpsr (N Z C V, IT, GE) do not matter. */
	assert_int_equal(hv_kuser_restart_pc(REFHV_KUSER_CMPXCHG + 4u, USR | 0xF00F0000u),
			 REFHV_KUSER_CMPXCHG);
}

static void test_not_arm_user(void **state)
{
	(void)state;
	/* Thumb state: the helpers are ARM code; a Thumb pc there is not one
	 * of them and is left alone. */
	for (uint32_t pc = PAGE + KUSER_OFF_FIRST; pc != PAGE + 0x1000u; pc++)
		assert_int_equal(hv_kuser_restart_pc(pc, USR | PV_PSR_T), pc);
	/* Any mode but USR (never a guest's frame): left alone. */
	for (uint32_t mode = 0; mode < 0x20u; mode++) {
		uint32_t want = mode == USR ? REFHV_KUSER_CMPXCHG : REFHV_KUSER_CMPXCHG + 4u;
		assert_int_equal(hv_kuser_restart_pc(REFHV_KUSER_CMPXCHG + 4u, mode), want);
	}
}

/* Exactly the two STORE instructions, in ARM state and USR mode, are a
 * helper's store: not the load before them, not the instruction after, not
 * a Thumb pc or another mode at the same address. */
static void test_at_store(void **state)
{
	(void)state;
	uint32_t found = 0;
	for (uint32_t pc = PAGE - 8u; pc != PAGE + 0x1000u; pc++) {
		bool want = pc == PAGE + KUSER_OFF_CMPXCHG_STORE ||
			    pc == PAGE + KUSER_OFF_CMPXCHG64_STORE;
		assert_int_equal(hv_kuser_at_store(pc, USR), want);
		assert_false(hv_kuser_at_store(pc, USR | PV_PSR_T));
		found += want;
	}
	assert_int_equal(found, 2u);
	/* The store is inside its window, the load is not a store. */
	assert_int_equal(hv_kuser_restart_pc(PAGE + KUSER_OFF_CMPXCHG_STORE, USR),
			 REFHV_KUSER_CMPXCHG);
	assert_false(hv_kuser_at_store(REFHV_KUSER_CMPXCHG, USR));
	assert_false(hv_kuser_at_store(REFHV_KUSER_CMPXCHG64_RETRY, USR));
	/* Flags and the I bit do not matter; the mode does. */
	assert_true(hv_kuser_at_store(PAGE + KUSER_OFF_CMPXCHG_STORE, USR | 0xF00F0080u));
	for (uint32_t mode = 0; mode < 0x20u; mode++)
		assert_int_equal(hv_kuser_at_store(PAGE + KUSER_OFF_CMPXCHG64_STORE, mode),
				 mode == USR);
	assert_int_equal(REFHV_FSR_WNR, 1u << 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_not_arm_user),
		cmocka_unit_test(test_at_store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
