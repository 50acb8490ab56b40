/* SPDX-License-Identifier: BSD-2-Clause */
#include "port_fake.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static struct pv_fake_log fake_log;

void pv_fake_reset(void)
{
	fake_log.count = 0;
	fake_log.dropped = 0;
	fake_log.tlb_all = fake_log.tlb_asid = fake_log.tlb_va = 0;
	fake_log.pt_sync = fake_log.cache_flush_all = 0;
	fake_log.cache_clean = fake_log.cache_clean_inval = fake_log.cache_sync_icache = 0;
	fake_log.cache_all_clean_inval = fake_log.cache_all_icache_inval = 0;
}

const struct pv_fake_log *pv_fake_log_get(void)
{
	return &fake_log;
}

static struct pv_fake_event *fake_record(enum pv_fake_kind kind)
{
	static struct pv_fake_event sink;
	if (fake_log.count >= PV_FAKE_LOG_MAX) {
		fake_log.dropped++;
		return &sink;
	}
	struct pv_fake_event *e = &fake_log.ev[fake_log.count++];
	*e = (struct pv_fake_event){ .kind = kind };
	return e;
}

void pv_port_tlb_maint(const struct pv_tlb_req *req)
{
	/* Be strict: a malformed request is a bug in lib/, fail loudly. */
	assert_non_null(req);
	switch (req->scope) {
	case PV_TLB_ALL: fake_log.tlb_all++; break;
	case PV_TLB_ASID: fake_log.tlb_asid++; break;
	case PV_TLB_VA:
		assert_int_equal(pv_gvaddr_val(req->va) & (PV_FRAME_SIZE - 1u), 0);
		fake_log.tlb_va++;
		break;
	default:
		fail_msg("pv_port_tlb_maint: bad scope %d", (int)req->scope);
	}
	fake_record(PV_FAKE_TLB)->tlb = *req;
}

void pv_port_pt_sync(pv_maddr_t ma, uint32_t len)
{
	assert_true(len > 0);
	assert_true((uint64_t)pv_maddr_val(ma) + len <= UINT64_C(1) << 32);
	fake_log.pt_sync++;
	struct pv_fake_event *e = fake_record(PV_FAKE_PT_SYNC);
	e->ma = ma;
	e->len = len;
}

void pv_port_cache_flush_all(void)
{
	fake_log.cache_flush_all++;
	fake_record(PV_FAKE_CACHE_FLUSH_ALL);
}

void pv_port_cache_maint(const struct pv_cache_req *req)
{
	/* The caller promised a non-empty range that does not wrap, or, for
	 * a whole-cache operation, no address at all. */
	assert_non_null(req);
	if (req->op == PV_CACHE_ALL_CLEAN_INVAL || req->op == PV_CACHE_ALL_ICACHE_INVAL) {
		assert_int_equal(pv_gvaddr_val(req->va), 0);
		assert_int_equal(req->len, 0);
	} else {
		assert_true(req->len > 0);
		assert_true((uint64_t)pv_gvaddr_val(req->va) + req->len <= UINT64_C(1) << 32);
	}
	switch (req->op) {
	case PV_CACHE_CLEAN: fake_log.cache_clean++; break;
	case PV_CACHE_CLEAN_INVAL: fake_log.cache_clean_inval++; break;
	case PV_CACHE_SYNC_ICACHE: fake_log.cache_sync_icache++; break;
	case PV_CACHE_ALL_CLEAN_INVAL: fake_log.cache_all_clean_inval++; break;
	case PV_CACHE_ALL_ICACHE_INVAL: fake_log.cache_all_icache_inval++; break;
	default:
		fail_msg("pv_port_cache_maint: bad op %d", (int)req->op);
	}
	fake_record(PV_FAKE_CACHE_MAINT)->cache = *req;
}

_Noreturn void pv_port_assert_fail(const char *expr, const char *file, int line)
{
	/* Lets tests use expect_assert_failure() on author mistakes. */
	mock_assert(0, expr, file, line);
	abort();
}

int pv_fake_synced(pv_maddr_t ma, uint32_t len)
{
	uint64_t lo = pv_maddr_val(ma), hi = lo + len;
	for (unsigned i = 0; i < fake_log.count; i++) {
		const struct pv_fake_event *e = &fake_log.ev[i];
		if (e->kind != PV_FAKE_PT_SYNC)
			continue;
		uint64_t elo = pv_maddr_val(e->ma), ehi = elo + e->len;
		if (elo <= lo && hi <= ehi)
			return 1;
	}
	return 0;
}

int pv_fake_tlb_covers(const struct pv_tlb_req *req)
{
	for (unsigned i = 0; i < fake_log.count; i++) {
		const struct pv_fake_event *e = &fake_log.ev[i];
		if (e->kind != PV_FAKE_TLB)
			continue;
		if (e->tlb.scope == PV_TLB_ALL)
			return 1;
		if (e->tlb.scope == PV_TLB_ASID && req->scope != PV_TLB_ALL &&
		    e->tlb.asid == req->asid)
			return 1;
		if (e->tlb.scope == PV_TLB_VA && req->scope == PV_TLB_VA &&
		    e->tlb.asid == req->asid &&
		    pv_gvaddr_val(e->tlb.va) == pv_gvaddr_val(req->va))
			return 1;
	}
	return 0;
}
