/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen security advisories against hypercall dispatch, multicall,
 * continuations and guest-memory access, one test per class
 * (docs/threat-model.md has the table). Each test says what the Xen bug was,
 * what a guest gained, and why pvlib refuses it. lib/hypercall keeps no
 * state that an audit could recompute; the tests check its counters and
 * what every handler saw after each step instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/hypercall.h>

enum { HC_ADD = 0, HC_IRET = 1, HC_MULTI = 2, HC_COPY = 3, NR = 4 };

#define GVA 0x10000u          /* the guest's mapped memory: 16 pages */
#define GPAGES 16u
#define LIMIT 0x80000000u     /* the hypervisor's range starts here */
#define MC_MAX 16u
#define MC_SLICE 4u
#define ENT ((uint32_t)sizeof(struct pv_multicall_entry))

struct fx {
	struct pv_hc hc;
	struct pv_hc_stats stats[NR];
	struct pv_hc_perm perms[2];
	uint8_t mem[GPAGES * 4096u];
	unsigned access_calls;
	unsigned add_calls, iret_calls;
};

static enum pv_status access_fn(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len, bool write,
			 uint8_t **host)
{
	struct fx *f = user;
	uint32_t a = pv_gvaddr_val(va);
	(void)write;
	f->access_calls++;
	/* The helpers must have kept the hypervisor's range from us. */
	assert_true(a < LIMIT && len <= LIMIT - a);
	if (pv_domid_val(dom) != 1 || a < GVA || a - GVA >= sizeof f->mem ||
	    len > sizeof f->mem - (a - GVA))
		return PV_EFAULT;
	*host = &f->mem[a - GVA];
	return PV_OK;
}

static int32_t h_add(struct pv_hc_call *c)
{
	struct fx *f = c->user;
	f->add_calls++;
	return (int32_t)(c->args[0] + c->args[1]);
}

/* Stands for Xen's iret: changes the guest's mode; never inside a batch. */
static int32_t h_iret(struct pv_hc_call *c)
{
	struct fx *f = c->user;
	f->iret_calls++;
	return 0;
}

/* Copies a1 bytes to the guest at a0 (a hypercall returning data). */
static int32_t h_copy(struct pv_hc_call *c)
{
	static const uint8_t data[64] = { 1, 2, 3 };
	if (c->args[1] > sizeof data)
		return PV_E2BIG;
	return pv_hc_copy_to_guest(c->hc, c->dom, pv_gvaddr(c->args[0]), data, c->args[1], 1);
}

static const struct pv_hc_entry table[NR] = {
	[HC_ADD] = { HC_ADD, 2, 0, "add", h_add },
	[HC_IRET] = { HC_IRET, 0, PV_HC_F_NO_MULTICALL, "iret", h_iret },
	[HC_MULTI] = { HC_MULTI, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "multicall",
		       pv_hc_multicall },
	[HC_COPY] = { HC_COPY, 2, 0, "copy", h_copy },
};

static struct fx *fx_new(void)
{
	struct fx *f = test_calloc(1, sizeof *f);
	struct pv_hc_config cfg = {
		.table = table, .table_len = NR, .stats = f->stats, .perms = f->perms,
		.nr_domains = 2, .access = access_fn, .user = f, .guest_va_limit = LIMIT,
		.multicall_max = MC_MAX, .multicall_slice = MC_SLICE,
	};
	assert_int_equal(pv_hc_init(&f->hc, &cfg, NULL), PV_OK);
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(1), (struct pv_hc_perm){ 0xF }), PV_OK);
	return f;
}

static struct pv_multicall_entry *ent(struct fx *f, uint32_t va)
{
	return (struct pv_multicall_entry *)(void *)&f->mem[va - GVA];
}

static struct pv_trap_frame tf_of(uint32_t nr, uint32_t a0, uint32_t a1)
{
	struct pv_trap_frame tf;
	memset(&tf, 0, sizeof tf);
	tf.r[0] = a0;
	tf.r[1] = a1;
	tf.r[12] = nr;
	tf.pc = 0x8004;
	tf.cpsr = PV_PSR_MODE_USR;
	return tf;
}

/*
 * XSA-212: XENMEM_exchange kept its progress (how many extents were done)
 * in the guest's argument structure and trusted it when re-issued, so the
 * guest could point the continuation anywhere. Gain: hypervisor reads and
 * writes outside the guest's arrays, i.e. all of memory. pvlib's re-issued
 * multicall takes its arguments from the guest's registers again and
 * checks them like a first call: a count over the maximum (PV_E2BIG), a
 * misaligned (PV_EALIGN), wrapping (PV_EOVERFLOW) or hypervisor (PV_EFAULT)
 * address is refused before any entry runs. Handlers are told the same
 * (pvlib/hypercall.h, "Continuation arguments are guest-controlled").
 */
static void xsa212_guest_controlled_progress(void **state)
{
	(void)state;
	struct fx *f = fx_new();
	const uint32_t base = GVA + 0x100u, n = 10;
	for (uint32_t k = 0; k < n; k++)
		*ent(f, base + k * ENT) = (struct pv_multicall_entry){
			.op = HC_ADD, .args = { k, 100 }, .result = -1 };
	struct pv_trap_frame tf = tf_of(HC_MULTI, base, n);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_ERESTART);
	assert_int_equal(f->add_calls, MC_SLICE);
	assert_int_equal(tf.r[0], base + MC_SLICE * ENT);
	assert_int_equal(tf.r[1], n - MC_SLICE);
	const struct pv_trap_frame resume = tf;
	/* The guest edits its registers before it re-executes the SVC. */
	const struct { uint32_t r0, r1; int32_t want; } forged[] = {
		{ resume.r[0], MC_MAX + 1, PV_E2BIG },
		{ resume.r[0], UINT32_MAX, PV_E2BIG },
		{ resume.r[0] + 2, resume.r[1], PV_EALIGN },
		{ 0xFFFFFFE0u, 2, PV_EOVERFLOW },
		{ LIMIT - ENT, 2, PV_EFAULT },
		{ LIMIT, 1, PV_EFAULT },
		{ GVA + sizeof f->mem - ENT, 2, PV_EFAULT }, /* runs off the guest's memory */
	};
	for (unsigned i = 0; i < sizeof forged / sizeof forged[0]; i++) {
		tf = resume;
		tf.r[0] = forged[i].r0;
		tf.r[1] = forged[i].r1;
		assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), forged[i].want);
		assert_int_equal((int32_t)tf.r[0], forged[i].want);
		assert_int_equal(f->add_calls, MC_SLICE); /* no entry ran */
	}
	/* The honest re-issue finishes the batch, each entry exactly once. */
	tf = resume;
	int32_t rc;
	while ((rc = pv_hc_dispatch(&f->hc, pv_domid(1), &tf)) == PV_ERESTART)
		;
	assert_int_equal(rc, PV_OK);
	assert_int_equal(f->add_calls, n);
	for (uint32_t k = 0; k < n; k++)
		assert_int_equal(ent(f, base + k * ENT)->result, (int32_t)(k + 100));
	test_free(f);
}

/*
 * XSA-213: a 64-bit PV guest could put an iret hypercall inside a multicall;
 * Xen returned to guest user mode (switching page tables) and then carried
 * on with the remaining entries as if still in kernel mode. Gain: guest
 * kernel privileges for guest user code, and a way out to the hypervisor.
 * In pvlib a hypercall flagged PV_HC_F_NO_MULTICALL (mode changes, and the
 * multicall itself) is refused inside a batch with PV_EINVAL before its
 * handler runs, and pv_hc_init refuses a multicall entry without that flag.
 */
static void xsa213_mode_change_inside_multicall(void **state)
{
	(void)state;
	struct fx *f = fx_new();
	const uint32_t base = GVA;
	*ent(f, base + 0 * ENT) = (struct pv_multicall_entry){ .op = HC_ADD, .args = { 1, 2 } };
	*ent(f, base + 1 * ENT) = (struct pv_multicall_entry){ .op = HC_IRET };
	*ent(f, base + 2 * ENT) = (struct pv_multicall_entry){
		.op = HC_MULTI, .args = { base, 1 } }; /* nested */
	*ent(f, base + 3 * ENT) = (struct pv_multicall_entry){ .op = HC_ADD, .args = { 3, 4 } };
	struct pv_trap_frame tf = tf_of(HC_MULTI, base, 4);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_OK);
	assert_int_equal(ent(f, base + 0 * ENT)->result, 3);
	assert_int_equal(ent(f, base + 1 * ENT)->result, PV_EINVAL);
	assert_int_equal(ent(f, base + 2 * ENT)->result, PV_EINVAL);
	assert_int_equal(ent(f, base + 3 * ENT)->result, 7);
	assert_int_equal(f->iret_calls, 0);
	assert_int_equal(f->hc.unbatchable, 2);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_MULTI)->calls, 1);
	/* Outside a batch the same call is fine. */
	tf = tf_of(HC_IRET, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), 0);
	assert_int_equal(f->iret_calls, 1);
	/* A table whose multicall could be batched (and so nest) is refused. */
	static const struct pv_hc_entry bad[1] = {
		{ 0, 2, PV_HC_F_PREEMPTIBLE, "multicall", pv_hc_multicall } };
	struct pv_hc hc2;
	struct pv_hc_stats st2[1];
	struct pv_hc_perm pm2[1];
	struct pv_hc_config c2 = { .table = bad, .table_len = 1, .stats = st2, .perms = pm2,
				   .nr_domains = 1, .multicall_max = 4, .multicall_slice = 1 };
	assert_int_equal(pv_hc_init(&hc2, &c2, NULL), PV_EINVAL);
	test_free(f);
}

/*
 * XSA-29: XENMEM_exchange (and, before it, other handlers) copied to and
 * from guest pointers without the guest_handle_okay() range check, so a
 * guest pointer into the hypervisor's address range was written through.
 * Gain: arbitrary writes to hypervisor memory. pvlib's copy helpers and the
 * multicall check the whole range against guest_va_limit (PV_EFAULT) and
 * against wrap-around (PV_EOVERFLOW) before the access function is asked
 * about a single page; no handler can reach the hypervisor's range through
 * them.
 */
static void xsa29_guest_pointer_into_hypervisor(void **state)
{
	(void)state;
	struct fx *f = fx_new();
	const struct { uint32_t va, len; int32_t want; } bad[] = {
		{ LIMIT, 4, PV_EFAULT },
		{ LIMIT - 2, 4, PV_EFAULT },
		{ LIMIT + 0x1000u, 64, PV_EFAULT },
		{ 0xFFFFFFFEu, 4, PV_EOVERFLOW },
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct pv_trap_frame tf = tf_of(HC_COPY, bad[i].va, bad[i].len);
		assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), bad[i].want);
		uint8_t buf[8];
		assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf,
						       pv_gvaddr(bad[i].va), bad[i].len, 1),
				 bad[i].want);
		assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(bad[i].va),
						   bad[i].len, 1, true), bad[i].want);
	}
	assert_int_equal(f->access_calls, 0);
	/* A multicall array that ends in the hypervisor's range. */
	struct pv_trap_frame tf = tf_of(HC_MULTI, LIMIT - 2 * ENT, 3);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EFAULT);
	assert_int_equal(f->access_calls, 0);
	assert_int_equal(f->add_calls, 0);
	/* The guest's own memory works, right up to its end. */
	tf = tf_of(HC_COPY, GVA + sizeof f->mem - 3, 3);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_OK);
	assert_int_equal(f->mem[sizeof f->mem - 1], 3);
	test_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xsa212_guest_controlled_progress),
		cmocka_unit_test(xsa213_mode_change_inside_multicall),
		cmocka_unit_test(xsa29_guest_pointer_into_hypervisor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
