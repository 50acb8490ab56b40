/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A cmocka test of this project's own guest layout: the page tables its
 * domain builder writes for a Cortex-A9 guest (built with pvlib's
 * descriptor encoders) are what pvlib's validator accepts, and the mistakes
 * it must never make are refused. It runs on the host against pvlib's
 * recording port fake (pvlib-fake), which also shows the maintenance each
 * change asked for.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/abi/mmu_desc.h>
#include <pvlib/mmu.h>

#include "port_fake.h"

/* The machine: 8 MiB of RAM at 0x80000000, a UART page outside it. */
#define RAM_BASE 0x80000000u
#define RAM_MB 8u
#define NR_FRAMES (RAM_MB << 8)
#define UART 0x101F1000u
#define HYP_VA 0xFF000000u /* the hypervisor's 16 MiB */
#define GUEST 1u

/* The guest's layout: L1 and one L2 at the start of its memory (MiB 1). */
#define MIB(n) (RAM_BASE + ((uint32_t)(n) << 20))
#define L1 MIB(1)
#define L2 (MIB(1) + 0x4000u)
#define KERNEL_VA 0xC0000000u /* sections onto MiB 2..3 */
#define USER_VA 0x00008000u   /* small pages onto MiB 4 */
#define UART_VA 0xE0000000u

struct machine {
	struct pv_mmu mmu;
	uint32_t *ram;
	uint32_t store[PV_MMU_FRAME_STORE_WORDS(NR_FRAMES)];
	uint32_t scratch[PV_MMU_AUDIT_SCRATCH_WORDS(NR_FRAMES, 1)];
	struct pv_mmu_domain doms[2];
	struct pv_mmu_io_region io[1];
};

static uint32_t *slot(struct machine *m, uint32_t ma)
{
	return m->ram + (ma - RAM_BASE) / 4u;
}

static void audit(struct machine *m)
{
	struct pv_mmu_audit_report rep = { .what = "" };
	int32_t rc = pv_mmu_audit(&m->mmu, m->scratch, sizeof m->scratch / 4, &rep);
	if (rc != PV_OK)
		fail_msg("audit: %s at frame %#x", rep.what, (unsigned)pv_mfn_val(rep.mfn));
}

static int setup(void **state)
{
	struct machine *m = calloc(1, sizeof *m);
	assert_non_null(m);
	m->ram = aligned_alloc(1u << 14, RAM_MB << 20);
	assert_non_null(m->ram);
	memset(m->ram, 0, RAM_MB << 20);
	struct pv_mmu_config c = {
		.format = PV_MMU_FMT_V7,
		.ram = m->ram,
		.ram_base = pv_maddr(RAM_BASE),
		.ram_size = RAM_MB << 20,
		.frame_store = m->store,
		.frame_store_words = sizeof m->store / 4,
		.domains = m->doms,
		.nr_domains = 2,
		.io = m->io,
		.io_max = 1,
		.hyp_va_base = pv_gvaddr(HYP_VA),
		.hyp_va_size = 16u << 20,
		.guest_domains = 1u << 0,
		.hyp_domain = 15,
		.ram_types = PV_MMU_MT_MASK(PV_MMU_MT_WBWA),
	};
	assert_int_equal(pv_mmu_init(&m->mmu, &c), PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&m->mmu, pv_mfn(RAM_BASE >> 12), 256, pv_domid_hyp()),
			 PV_OK);
	assert_int_equal(pv_mmu_frame_assign(&m->mmu, pv_mfn(MIB(1) >> 12), 256 * 7, pv_domid(GUEST)),
			 PV_OK);
	assert_int_equal(pv_mmu_io_assign(&m->mmu, pv_domid(GUEST), pv_maddr(UART), 4096,
					  PV_MMU_MT_MASK(PV_MMU_MT_DEVICE), PV_MMU_IO_WRITE),
			 PV_OK);
	pv_fake_reset();
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	struct machine *m = *state;
	free(m->ram);
	free(m);
	return 0;
}

/* What our domain builder writes, before it asks the hypervisor to pin. */
static void build_layout(struct machine *m)
{
	const uint32_t ng = PV_MMU_V7_NG, wbwa = PV_MMU_V7_MT_WBWA;
	for (uint32_t i = 0; i < 2; i++) /* kernel: 2 MiB, read/write, executable */
		*slot(m, L1 + 4 * ((KERNEL_VA >> 20) + i)) =
			pv_mmu_desc_v7_section(MIB(2 + i), PV_MMU_V7_AP_RW, wbwa, 0, ng);
	*slot(m, L1 + 4 * (USER_VA >> 20)) = pv_mmu_desc_v7_table(L2, 0);
	for (uint32_t i = 0; i < 8; i++) /* user: 8 pages of data, never executed */
		*slot(m, L2 + 4 * (((USER_VA >> 12) & 0xFFu) + i)) = pv_mmu_desc_v7_small(
			MIB(4) + (i << 12), PV_MMU_V7_AP_RW, wbwa, ng | PV_MMU_V7_XN);
	/* the UART: one Device page, never executed */
	*slot(m, L1 + 4 * (UART_VA >> 20)) = pv_mmu_desc_v7_table(L2 + 0x400u, 0);
	*slot(m, L2 + 0x400u + 4 * ((UART_VA >> 12) & 0xFFu)) = pv_mmu_desc_v7_small(
		UART, PV_MMU_V7_AP_RW, PV_MMU_V7_MT_DEVICE, ng | PV_MMU_V7_XN);
}

static void test_layout_is_accepted(void **state)
{
	struct machine *m = *state;
	build_layout(m);
	assert_int_equal(pv_mmu_pin(&m->mmu, pv_domid(GUEST), PV_MMU_TABLE_L2, pv_mfn(L2 >> 12)), PV_OK);
	audit(m);
	assert_int_equal(pv_mmu_pin(&m->mmu, pv_domid(GUEST), PV_MMU_TABLE_L1, pv_mfn(L1 >> 12)), PV_OK);
	audit(m);
	assert_int_equal(pv_mmu_switch_base(&m->mmu, pv_domid(GUEST), pv_mfn(L1 >> 12)), PV_OK);
	audit(m);
	/* Every table write was pushed out to the table walker. */
	assert_true(pv_fake_synced(pv_maddr(L1 + 4 * (KERNEL_VA >> 20)), 4));
	struct pv_mmu_frame f;
	assert_int_equal(pv_mmu_frame_info(&m->mmu, pv_mfn(MIB(4) >> 12), &f), PV_OK);
	assert_int_equal(f.type, PV_MMU_FT_RW);
	assert_int_equal(f.ref_count, 1);
}

/* The mistakes our builder must never make are refused, each with its error. */
static void test_layout_mistakes_refused(void **state)
{
	struct machine *m = *state;
	build_layout(m);
	assert_int_equal(pv_mmu_pin(&m->mmu, pv_domid(GUEST), PV_MMU_TABLE_L2, pv_mfn(L2 >> 12)), PV_OK);
	assert_int_equal(pv_mmu_pin(&m->mmu, pv_domid(GUEST), PV_MMU_TABLE_L1, pv_mfn(L1 >> 12)), PV_OK);
	const uint32_t ng = PV_MMU_V7_NG;
	struct pv_mmu_update_req r;
	uint32_t done;
	/* Our own L1 mapped writable. */
	r = (struct pv_mmu_update_req){ L2 + 4 * 100,
		pv_mmu_desc_v7_small(L1, PV_MMU_V7_AP_RW, PV_MMU_V7_MT_WBWA, ng) };
	assert_int_equal(pv_mmu_update(&m->mmu, pv_domid(GUEST), &r, 1, &done), PV_ETYPE);
	/* RAM as Device memory. */
	r.val = pv_mmu_desc_v7_small(MIB(5), PV_MMU_V7_AP_RW, PV_MMU_V7_MT_DEVICE, ng);
	assert_int_equal(pv_mmu_update(&m->mmu, pv_domid(GUEST), &r, 1, &done), PV_EPERM);
	/* A global mapping (nG = 0), which would outlive an address-space switch. */
	r.val = pv_mmu_desc_v7_small(MIB(5), PV_MMU_V7_AP_RW, PV_MMU_V7_MT_WBWA, 0);
	assert_int_equal(pv_mmu_update(&m->mmu, pv_domid(GUEST), &r, 1, &done), PV_EPERM);
	/* The hypervisor's memory. */
	r.val = pv_mmu_desc_v7_small(RAM_BASE, PV_MMU_V7_AP_RW, PV_MMU_V7_MT_WBWA, ng);
	assert_int_equal(pv_mmu_update(&m->mmu, pv_domid(GUEST), &r, 1, &done), PV_EPERM);
	audit(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_layout_is_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_mistakes_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
