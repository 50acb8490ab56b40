/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The restart rule of the cmpxchg helpers (kuser.h), alone so that the
 * refhv-kuser host test runs this very code.
 */
#define REFHV_KUSER_HOST_TEST /* only the pure part of kuser.h */
#include "kuser.h"

#include <pvlib/trap.h>

#include "kuser_page.h"
#include "refhv_abi.h"

/* One critical window, as addresses. */
static bool in_window(uint32_t pc, uint32_t first, uint32_t last)
{
	return pc - first <= last - first;
}

/* The helpers are ARM code run in USR mode: a Thumb pc in the page, or a
 * pc of another mode, is not one of them. */
static bool helper_state(uint32_t cpsr)
{
	return (cpsr & PV_PSR_MODE_MASK) == PV_PSR_MODE_USR && !(cpsr & PV_PSR_T);
}

bool hv_kuser_at_store(uint32_t pc, uint32_t cpsr)
{
	const uint32_t page = REFHV_VECTOR_PAGE_VA;
	return helper_state(cpsr) &&
	       (pc == page + KUSER_OFF_CMPXCHG_STORE || pc == page + KUSER_OFF_CMPXCHG64_STORE);
}

uint32_t hv_kuser_restart_pc(uint32_t pc, uint32_t cpsr)
{
	if (!helper_state(cpsr))
		return pc;
	const uint32_t page = REFHV_VECTOR_PAGE_VA;
	if (in_window(pc, page + KUSER_OFF_CMPXCHG_RETRY, page + KUSER_OFF_CMPXCHG_STORE))
		return page + KUSER_OFF_CMPXCHG_RETRY;
	if (in_window(pc, page + KUSER_OFF_CMPXCHG64_RETRY, page + KUSER_OFF_CMPXCHG64_STORE))
		return page + KUSER_OFF_CMPXCHG64_RETRY;
	return pc;
}
