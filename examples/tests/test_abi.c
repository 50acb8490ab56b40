/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's guest-visible constants (refhv_abi.h) against
 * the code that enforces them (hv/limits.c, run here as the hypercall
 * handlers run it) and against the libraries' own bounds. The ARM domain
 * numbers and the pin kinds' equality with lib/mmu's are also checked at
 * compile time in hv/hcall.c on every port.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pvlib/abi/evtchn.h>
#include <pvlib/abi/mmu.h>
#include <pvlib/hypercall.h>
#include <pvlib/mmu.h>
#include <pvlib/status.h>

#include "limits.h"
#include "refhv_abi.h"

static void test_console(void **state)
{
	(void)state;
	assert_int_equal(hv_limit_console(0), PV_OK);
	assert_int_equal(hv_limit_console(REFHV_CONSOLE_MAX), PV_OK);
	assert_int_equal(hv_limit_console(REFHV_CONSOLE_MAX + 1u), PV_E2BIG);
	assert_int_equal(hv_limit_console(UINT32_MAX), PV_E2BIG);
}

static void test_mmu_update(void **state)
{
	(void)state;
	assert_true(REFHV_MMU_UPDATE_MAX <= PV_MMU_UPDATE_MAX);
	assert_int_equal(hv_limit_mmu_update(REFHV_MMU_UPDATE_MAX), PV_OK);
	assert_int_equal(hv_limit_mmu_update(REFHV_MMU_UPDATE_MAX + 1u), PV_E2BIG);
	assert_int_equal(hv_limit_mmu_update(UINT32_MAX), PV_E2BIG);
}

static void test_pin_kinds(void **state)
{
	(void)state;
	assert_int_equal(REFHV_PIN_L1, PV_MMU_TABLE_L1);
	assert_int_equal(REFHV_PIN_L2, PV_MMU_TABLE_L2);
	assert_int_equal(REFHV_PIN_FINE, PV_MMU_TABLE_FINE);
	for (uint32_t k = 0; k < 16u; k++) {
		int ok = k == REFHV_PIN_L1 || k == REFHV_PIN_L2 || k == REFHV_PIN_FINE;
		assert_int_equal(hv_limit_pin_kind(k), ok ? PV_OK : PV_EINVAL);
	}
	assert_int_equal(hv_limit_pin_kind(UINT32_MAX), PV_EINVAL);
}

static void test_multicall_and_ports(void **state)
{
	(void)state;
	assert_int_equal(hv_multicall_max, REFHV_MULTICALL_MAX);
	assert_true(REFHV_MULTICALL_MAX >= 1u && REFHV_MULTICALL_MAX <= PV_HC_MULTICALL_MAX);
	assert_true(REFHV_EVT_PORTS >= 2u && REFHV_EVT_PORTS <= PV_EVTCHN_2L_MAX_PORTS);
	assert_int_equal(REFHV_MMU_MAINT_LEN_MAX, PV_MMU_MAINT_LEN_MAX);
}

static void test_layout(void **state)
{
	(void)state;
	/* The special frames are distinct, in order, below the image. */
	assert_true(REFHV_FRAME_START_INFO < REFHV_FRAME_SHARED);
	assert_true(REFHV_FRAME_SHARED < REFHV_FRAME_RING);
	assert_true(REFHV_FRAME_RING < REFHV_FRAME_L1);
	assert_true(REFHV_FRAME_L1 + 4u <= REFHV_FRAME_L2);
	assert_true(REFHV_FRAME_L2 < REFHV_FRAME_IMAGE);
	assert_true(REFHV_FRAME_IMAGE < REFHV_FREE_SLOT);
	/* The L1 is 16 KiB aligned within the domain's 1 MiB-aligned memory. */
	assert_int_equal(REFHV_FRAME_L1 % 4u, 0);
	assert_int_equal(REFHV_KERN_VA % (1u << 20), 0);
	assert_int_equal(REFHV_USER_VA % (1u << 20), 0);
	/* Kernel and user windows do not overlap; each fits its coarse table. */
	assert_true(REFHV_KERN_VA + REFHV_GUEST_FRAMES * 4096u <= REFHV_USER_VA);
	assert_true(REFHV_GUEST_FRAMES <= 256u && REFHV_USER_FRAMES <= 256u);
	assert_true(REFHV_L2_KERN != REFHV_L2_USER && REFHV_L2_KERN < 4u && REFHV_L2_USER < 4u);
	assert_int_equal(REFHV_KERN_STACK_TOP, REFHV_KERN_VA + REFHV_FREE_SLOT * 4096u);
	/* The vcpu area follows the event-channel words in the shared page. */
	assert_true(sizeof(struct pv_evtchn_shared) <= REFHV_VCPU_OFFSET);
	assert_true(REFHV_VCPU_OFFSET + sizeof(struct refhv_vcpu) <= 4096u);
	assert_int_equal(REFHV_VCPU_OFFSET % 8u, 0);
	/* ARM domains: three distinct ones of the sixteen. */
	assert_true(REFHV_ARMDOM_HYP != REFHV_ARMDOM_GUEST_KERN);
	assert_true(REFHV_ARMDOM_GUEST_KERN != REFHV_ARMDOM_GUEST_USER);
	assert_true(REFHV_ARMDOM_GUEST_USER < 16u && REFHV_ARMDOM_GUEST_KERN < 16u);
}

static void test_kuser(void **state)
{
	(void)state;
	/* ABI version 4: the helper page lies above every guest window (no
	 * guest mapping can shadow it), its entries are Linux's 32-byte slots
	 * and its words are aligned; the new hypercall fits the 64-bit
	 * permission sets. The page's own layout: the refhv-kuser test. */
	assert_true(REFHV_ABI_VERSION >= 4u); /* 5 keeps all of 4 (refhv-vexc: what 5 adds) */
	assert_true(REFHV_VECTOR_PAGE_VA > REFHV_USER_VA + REFHV_USER_FRAMES * 4096u);
	assert_true(REFHV_VECTOR_PAGE_VA > REFHV_KERN_VA + REFHV_GUEST_FRAMES * 4096u);
	const uint32_t entries[] = { REFHV_KUSER_CMPXCHG64, REFHV_KUSER_MEMORY_BARRIER,
				     REFHV_KUSER_CMPXCHG, REFHV_KUSER_GET_TLS };
	for (uint32_t i = 0; i < 4u; i++) {
		assert_int_equal(entries[i] % 32u, 0);
		assert_true(entries[i] - REFHV_VECTOR_PAGE_VA < 4096u);
	}
	assert_int_equal(REFHV_KUSER_TLS_WORD % 4u, 0);
	assert_int_equal(REFHV_KUSER_VERSION_WORD, REFHV_VECTOR_PAGE_VA + 4096u - 4u);
	assert_true(REFHV_KUSER_CMPXCHG64_RETRY > REFHV_KUSER_CMPXCHG64 &&
		    REFHV_KUSER_CMPXCHG64_RETRY < REFHV_KUSER_MEMORY_BARRIER);
	assert_true(REFHV_HC_SET_TLS < REFHV_HC_COUNT && REFHV_HC_COUNT <= 64);
	/* Version 8's two calls follow it, the last entries of the table. */
	assert_int_equal(REFHV_HC_IRET_REGS, REFHV_HC_SET_TLS + 1);
	assert_int_equal(REFHV_HC_GET_TIME_REGS, REFHV_HC_IRET_REGS + 1);
	assert_int_equal(REFHV_HC_COUNT, REFHV_HC_GET_TIME_REGS + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_console),
		cmocka_unit_test(test_mmu_update),
		cmocka_unit_test(test_pin_kinds),
		cmocka_unit_test(test_multicall_and_ports),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_kuser),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
