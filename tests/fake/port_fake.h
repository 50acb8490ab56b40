/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host fake of pvlib/port.h, for cmocka tests. It performs no maintenance
 * (there is no hardware) but records every request, in order, so tests can
 * assert that the right flush followed every change that needs one. It is
 * strict: a malformed request fails the running cmocka test, and
 * pv_port_assert_fail() reports through cmocka's mock_assert(), so
 * expect_assert_failure() catches a broken invariant.
 *
 * Use it from a Meson parent project as pvlib_fake_dep (or
 * dependency('pvlib-fake')), or installed through pkg-config
 * (pkg-config --cflags --libs pvlib-fake); include it as "port_fake.h".
 * The log is one static object: one test process, one log.
 */
#ifndef PVLIB_TESTS_PORT_FAKE_H
#define PVLIB_TESTS_PORT_FAKE_H

#include <pvlib/port.h>

#ifdef __cplusplus
extern "C" {
#endif

enum pv_fake_kind {
	PV_FAKE_TLB = 1,
	PV_FAKE_PT_SYNC = 2,
	PV_FAKE_CACHE_FLUSH_ALL = 3,
	PV_FAKE_CACHE_MAINT = 4,
};

struct pv_fake_event {
	enum pv_fake_kind kind;
	struct pv_tlb_req tlb;   /* PV_FAKE_TLB */
	pv_maddr_t ma;           /* PV_FAKE_PT_SYNC */
	uint32_t len;            /* PV_FAKE_PT_SYNC */
	struct pv_cache_req cache; /* PV_FAKE_CACHE_MAINT: op, va, len */
};

#define PV_FAKE_LOG_MAX 4096u

struct pv_fake_log {
	unsigned count;          /* events recorded (capped at PV_FAKE_LOG_MAX) */
	unsigned dropped;        /* events past the cap */
	unsigned tlb_all, tlb_asid, tlb_va, pt_sync, cache_flush_all;
	unsigned cache_clean, cache_clean_inval, cache_sync_icache;
	unsigned cache_all_clean_inval, cache_all_icache_inval; /* PV_CACHE_ALL_* */
	struct pv_fake_event ev[PV_FAKE_LOG_MAX];
};

/* Forget every recorded event. */
void pv_fake_reset(void);
/* The log since the last reset. */
const struct pv_fake_log *pv_fake_log_get(void);
/* True if a PT sync covering [ma, ma+len) was recorded since the last reset. */
int pv_fake_synced(pv_maddr_t ma, uint32_t len);
/* True if a TLB request at least as wide as req was recorded since reset. */
int pv_fake_tlb_covers(const struct pv_tlb_req *req);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_TESTS_PORT_FAKE_H */
