/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Eva driver for lib/hypercall: absence of run-time errors in dispatch,
 * multicall and the guest copy helpers, for any trap frame a guest leaves
 * and any content of its memory.
 *
 * The table: 0 multicall (preemptible, refused inside a multicall), 1 a handler that
 * copies a guest buffer of the guest's chosen address and length in and
 * back out, 2 a preemptible handler that may ask to be re-issued, 3 unused,
 * 4 a frame owner (an iret: it writes the trap frame itself).
 * Four domains, each with an arbitrary permission mask. The guest's memory
 * is a window of 3 pages at GVA; the access hook maps a piece inside it (a
 * piece never crosses a page: the library splits) and refuses anything
 * else, or refuses nondeterministically. Every register of the trap frame
 * and every byte of the window is arbitrary; the dispatch runs with any
 * domain id.
 */
#include "__fc_builtin.h"
#include <pvlib/hypercall.h>

#define GVA 0x10000u
#define GSIZE (3u * 4096u)
#define ND 4u

/* The guest memory window, and the copy helpers' contracts, which Eva uses
 * in place of their code (proved by WP: verification/wp/hc_copy.c). */
#define PV_HC_WINDOW_SIZE GSIZE
#include "../wp/hc_copy.h"
uint8_t pv_hc_window[GSIZE];

static enum pv_status access_fn(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len, bool write,
			 uint8_t **host)
{
	(void)user; (void)dom; (void)write;
	uint32_t a = pv_gvaddr_val(va);
	if (a < GVA || a - GVA >= GSIZE || len > GSIZE - (a - GVA) || Frama_C_nondet(0, 1))
		return PV_EFAULT;
	*host = &pv_hc_window[a - GVA];
	return PV_OK;
}

static void sync_fn(void *user, pv_domid_t dom, pv_gvaddr_t va, uint8_t *host, uint32_t len,
		    enum pv_hc_sync_op op)
{
	(void)user; (void)dom; (void)va; (void)op;
	if (len)
		(void)host[len - 1u]; /* the piece the library names is valid */
}

static int32_t h_copy(struct pv_hc_call *call)
{
	uint8_t buf[64];
	uint32_t len = call->args[1];
	if (len > sizeof buf)
		return PV_E2BIG;
	int32_t rc = pv_hc_copy_from_guest(call->hc, call->dom, buf, pv_gvaddr(call->args[0]), len, 1);
	if (rc != PV_OK)
		return rc;
	return pv_hc_copy_to_guest(call->hc, call->dom, pv_gvaddr(call->args[2]), buf, len, 1);
}

static int32_t h_preempt(struct pv_hc_call *call)
{
	call->args[0] = Frama_C_unsigned_int_interval(0, UINT32_MAX);
	return Frama_C_nondet(0, 1) ? PV_ERESTART : (int32_t)call->args[1];
}

static int32_t h_iret(struct pv_hc_call *call)
{
	/* Restores the guest's registers: every word of the frame written. */
	Frama_C_make_unknown((char *)call->frame, sizeof *call->frame);
	return PV_OK;
}

#define NT 5u
static const struct pv_hc_entry table[NT] = {
	{ 0, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "multicall", pv_hc_multicall },
	{ 1, 3, 0, "copy", h_copy },
	{ 2, 2, PV_HC_F_PREEMPTIBLE, "preempt", h_preempt },
	{ 3, 0, 0, "unused", 0 },
	{ 4, 0, PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL, "iret", h_iret },
};
static struct pv_hc_stats stats[NT];
static struct pv_hc_perm perms[ND];
static struct pv_hc hc;

/*@ assigns \nothing; ensures \false; */
void pv_port_assert_fail(const char *expr, const char *file, int line);

int main(void)
{
	struct pv_hc_config c = {
		.table = table, .table_len = NT, .stats = stats, .perms = perms, .nr_domains = ND,
		.access = access_fn, .sync = sync_fn, .user = 0, .guest_va_limit = 0xC0000000u,
		.multicall_max = 64, .multicall_slice = 4,
	};
	uint32_t bad;
	if (pv_hc_init(&hc, &c, &bad) != PV_OK)
		return 1;
	for (uint32_t d = 0; d < ND; d++) {
		/* Any subset of the used entries (others are refused by perm_set). */
		struct pv_hc_perm p = { Frama_C_unsigned_int_interval(0, UINT32_MAX) & 0x17u };
		if (pv_hc_perm_set(&hc, pv_domid((uint16_t)d), p) != PV_OK)
			return 1;
	}
	/* tools/prove requires this: the analysis below starts from a built instance. */
	Frama_C_show_each_setup_done(hc.nr_domains);
	Frama_C_make_unknown((char *)pv_hc_window, GSIZE);
	struct pv_trap_frame tf;
	Frama_C_make_unknown((char *)&tf, sizeof tf);
	/* The call number: each entry of the table, or any number past it; the
	 * domain: each one, or any id past them (split by case, so that each
	 * entry's handler and each domain's mask is analysed on its own). */
	uint32_t sn = Frama_C_unsigned_int_interval(0, NT);
	uint32_t sd = Frama_C_unsigned_int_interval(0, ND);
	//@ split sn;
	//@ split sd;
	tf.r[12] = sn < NT ? sn : Frama_C_unsigned_int_interval(NT, UINT32_MAX);
	pv_domid_t dom = pv_domid((uint16_t)(sd < ND ? sd : (uint32_t)Frama_C_interval(ND, 0xFFFF)));
	int32_t rc = pv_hc_dispatch(&hc, dom, &tf);
	(void)pv_hc_stats_get(&hc, tf.r[0]);
	(void)pv_hc_name(&hc, tf.r[1]);
	return rc == PV_OK ? 0 : 1;
}
