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

enum fake_port_kind {
	FAKE_PORT_TLB = 1,
	FAKE_PORT_PT_SYNC = 2,
	FAKE_PORT_CACHE_FLUSH_ALL = 3,
	FAKE_PORT_CACHE_MAINT = 4,
};

struct fake_port_event {
	enum fake_port_kind kind;
	struct pv_tlb_req tlb;   /* FAKE_PORT_TLB */
	pv_maddr_t ma;           /* FAKE_PORT_PT_SYNC */
	uint32_t len;            /* FAKE_PORT_PT_SYNC */
	struct pv_cache_req cache; /* FAKE_PORT_CACHE_MAINT: op, va, len */
};

#define FAKE_PORT_LOG_MAX 4096u

struct fake_port_log {
	unsigned count;          /* events recorded (capped at FAKE_PORT_LOG_MAX) */
	unsigned dropped;        /* events past the cap */
	unsigned tlb_all, tlb_asid, tlb_va, pt_sync, cache_flush_all;
	unsigned cache_clean, cache_clean_inval, cache_sync_icache;
	struct fake_port_event ev[FAKE_PORT_LOG_MAX];
};

/* Forget every recorded event. */
void fake_port_reset(void);
/* The log since the last reset. */
const struct fake_port_log *fake_port_log(void);
/* True if a PT sync covering [ma, ma+len) was recorded since the last reset. */
int fake_port_synced(pv_maddr_t ma, uint32_t len);
/* True if a TLB request at least as wide as req was recorded since reset. */
int fake_port_tlb_covers(const struct pv_tlb_req *req);

#ifdef __cplusplus
}
#endif

#endif /* PVLIB_TESTS_PORT_FAKE_H */
