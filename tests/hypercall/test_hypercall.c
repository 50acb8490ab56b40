/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/hypercall: every rule of the dispatcher, accepted and refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/hypercall.h>

#include "port_fake.h"

enum {
	HC_ECHO = 0,      /* returns a0 + a1 + a2 + a3 + a4 */
	HC_FAIL = 1,      /* returns PV_EINVAL */
	/* 2 is a hole */
	HC_LONG = 3,      /* preemptible: a0 items left, works WORK_PER_ROUND per round */
	HC_BADRESTART = 4,/* not preemptible but returns PV_ERESTART (author bug) */
	HC_MULTI = 5,     /* the multicall */
	HC_ARGS0 = 6,     /* arity 0: reports what it sees in args */
	HC_NOBATCH = 7,   /* may not be batched */
	HC_COPY = 8,      /* copies a0..a0+a1 from the guest and sums the bytes */
	NR_TABLE = 9,
};

#define WORK_PER_ROUND 3u
#define MAX_DOMS 4u

/* What the handlers saw, for assertions. */
struct seen {
	unsigned calls;
	struct pv_hc_call last;
	uint32_t items_done;
};

/* A fake guest address space: four 4 KiB pages at GVA 0x10000..0x14000,
 * placed in host memory out of order; page 2 read-only, page 3 absent. */
#define GVA_BASE 0x10000u
#define GPAGES 4u
struct guest {
	uint8_t mem[GPAGES][4096];
	unsigned order[GPAGES];
	unsigned access_calls;
	uint64_t access_bytes; /* sum of len over every access call */
	struct seen seen;
};

static enum pv_status guest_access(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len,
			    bool write, uint8_t **host)
{
	struct guest *g = user;
	uint32_t a = pv_gvaddr_val(va);
	g->access_calls++;
	g->access_bytes += len;
	assert_true(len > 0 && len <= 4096);
	/* Never crosses a page: the helper must split. */
	assert_int_equal(a / 4096u, (a + len - 1u) / 4096u);
	if (pv_domid_val(dom) != 1)
		return PV_EFAULT;
	if (a < GVA_BASE || a >= GVA_BASE + GPAGES * 4096u)
		return PV_EFAULT;
	unsigned page = (a - GVA_BASE) / 4096u;
	if (page == 3)
		return PV_EFAULT;
	if (page == 2 && write)
		return PV_EACCES;
	*host = &g->mem[g->order[page]][a & 4095u];
	return PV_OK;
}

static int32_t h_echo(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->seen.calls++;
	g->seen.last = *c;
	return (int32_t)(c->args[0] + c->args[1] + c->args[2] + c->args[3] + c->args[4]);
}

static int32_t h_fail(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->seen.calls++;
	return PV_EINVAL;
}

static int32_t h_long(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->seen.calls++;
	uint32_t left = c->args[0];
	uint32_t now = left < WORK_PER_ROUND ? left : WORK_PER_ROUND;
	g->seen.items_done += now;
	c->args[0] = left - now;
	c->args[1] += now; /* progress marker the next round can see */
	return c->args[0] ? PV_ERESTART : (int32_t)c->args[1];
}

static int32_t h_badrestart(struct pv_hc_call *c)
{
	(void)c;
	return PV_ERESTART;
}

static int32_t h_args0(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->seen.calls++;
	g->seen.last = *c;
	return 7;
}

static int32_t h_copy(struct pv_hc_call *c)
{
	uint8_t buf[64];
	if (c->args[1] > sizeof buf)
		return PV_E2BIG;
	int32_t rc = pv_hc_copy_from_guest(c->hc, c->dom, buf, pv_gvaddr(c->args[0]), c->args[1], 1);
	if (rc)
		return rc;
	int32_t sum = 0;
	for (uint32_t i = 0; i < c->args[1]; i++)
		sum += buf[i];
	return sum;
}

static const struct pv_hc_entry table[NR_TABLE] = {
	[HC_ECHO] = { HC_ECHO, 5, 0, "echo", h_echo },
	[HC_FAIL] = { HC_FAIL, 0, 0, "fail", h_fail },
	[HC_LONG] = { HC_LONG, 2, PV_HC_F_PREEMPTIBLE, "long", h_long },
	[HC_BADRESTART] = { HC_BADRESTART, 0, 0, "badrestart", h_badrestart },
	[HC_MULTI] = { HC_MULTI, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "multicall",
		       pv_hc_multicall },
	[HC_ARGS0] = { HC_ARGS0, 0, 0, "args0", h_args0 },
	[HC_NOBATCH] = { HC_NOBATCH, 0, PV_HC_F_NO_MULTICALL, "nobatch", h_args0 },
	[HC_COPY] = { HC_COPY, 2, 0, "copy", h_copy },
};

struct fixture {
	struct pv_hc hc;
	struct pv_hc_stats stats[NR_TABLE];
	struct pv_hc_perm perms[MAX_DOMS];
	struct guest guest;
	struct pv_hc_config cfg;
};

static struct pv_hc_config base_cfg(struct fixture *f)
{
	return (struct pv_hc_config){
		.table = table,
		.table_len = NR_TABLE,
		.stats = f->stats,
		.perms = f->perms,
		.nr_domains = MAX_DOMS,
		.access = guest_access,
		.user = &f->guest,
		.guest_va_limit = 0x80000000u,
		.multicall_max = 16,
		.multicall_slice = 4,
	};
}

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	f->guest.order[0] = 2;
	f->guest.order[1] = 0;
	f->guest.order[2] = 3;
	f->guest.order[3] = 1;
	f->cfg = base_cfg(f);
	assert_int_equal(pv_hc_init(&f->hc, &f->cfg, NULL), PV_OK);
	/* Domain 1 may make every call; domain 2 only echo. */
	uint64_t all = 0;
	for (unsigned i = 0; i < NR_TABLE; i++)
		if (table[i].handler)
			all |= UINT64_C(1) << i;
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(1), (struct pv_hc_perm){ all }), PV_OK);
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(2),
					(struct pv_hc_perm){ UINT64_C(1) << HC_ECHO }), PV_OK);
	pv_fake_reset();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	test_free(*state);
	return 0;
}

static struct pv_trap_frame frame(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
				  uint32_t a3, uint32_t a4)
{
	struct pv_trap_frame tf;
	for (unsigned i = 0; i < 13; i++)
		tf.r[i] = 0xA0A0A000u + i;
	tf.r[0] = a0;
	tf.r[1] = a1;
	tf.r[2] = a2;
	tf.r[3] = a3;
	tf.r[4] = a4;
	tf.r[12] = nr;
	tf.sp = 0x5000;
	tf.lr = 0x6000;
	tf.pc = 0x8004;
	tf.cpsr = PV_PSR_MODE_USR;
	return tf;
}

/* ---- init ---------------------------------------------------------------- */

static void test_init_refuses_bad_config(void **state)
{
	struct fixture *f = *state;
	struct pv_hc hc;
	uint32_t bad = 0;
	struct pv_hc_config c = base_cfg(f);

	assert_int_equal(pv_hc_init(&hc, NULL, &bad), PV_EINVAL);
	assert_int_equal(bad, UINT32_MAX);
	c.table_len = 0;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c.table_len = PV_HC_NR_LIMIT + 1;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c = base_cfg(f);
	c.nr_domains = 0;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c = base_cfg(f);
	c.multicall_slice = 0;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c = base_cfg(f);
	c.stats = NULL;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c = base_cfg(f);
	c.perms = NULL;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	/* multicall_max is capped, so entry counts never overflow a size. */
	c = base_cfg(f);
	c.multicall_max = PV_HC_MULTICALL_MAX + 1;
	bad = 0;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	assert_int_equal(bad, UINT32_MAX);
	c.multicall_max = UINT32_MAX;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c.multicall_max = PV_HC_MULTICALL_MAX;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_OK);
}

static void check_bad_table(struct fixture *f, const struct pv_hc_entry *t, uint32_t len,
			    int32_t want, uint32_t want_index)
{
	struct pv_hc hc;
	struct pv_hc_config c = base_cfg(f);
	uint32_t bad = 0;
	c.table = t;
	c.table_len = len;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), want);
	assert_int_equal(bad, want_index);
}

static void test_init_refuses_bad_tables(void **state)
{
	struct fixture *f = *state;
	/* Duplicate number: the second claimant is reported. */
	const struct pv_hc_entry dup[3] = {
		{ 0, 0, 0, "a", h_echo }, { 0, 0, 0, "b", h_echo }, { 2, 0, 0, "c", h_echo },
	};
	check_bad_table(f, dup, 3, PV_EEXIST, 1);
	/* An entry at the wrong index. */
	const struct pv_hc_entry misplaced[3] = {
		{ 0, 0, 0, "a", h_echo }, { 2, 0, 0, "b", h_echo },
	};
	check_bad_table(f, misplaced, 3, PV_EINVAL, 1);
	/* Out-of-range number. */
	const struct pv_hc_entry big[2] = {
		{ 0, 0, 0, "a", h_echo }, { PV_HC_NR_LIMIT, 0, 0, "b", h_echo },
	};
	check_bad_table(f, big, 2, PV_EINVAL, 1);
	/* Arity above five. */
	const struct pv_hc_entry arity[1] = { { 0, 6, 0, "a", h_echo } };
	check_bad_table(f, arity, 1, PV_EINVAL, 0);
	/* Unknown flags, missing name. */
	const struct pv_hc_entry flags[2] = { { 0, 0, 0, "a", h_echo }, { 1, 0, 0x80, "b", h_echo } };
	check_bad_table(f, flags, 2, PV_EINVAL, 1);
	const struct pv_hc_entry noname[1] = { { 0, 0, 0, NULL, h_echo } };
	check_bad_table(f, noname, 1, PV_EINVAL, 0);
	/* A multicall that could nest or could not be preempted. */
	const struct pv_hc_entry mc[1] = { { 0, 2, PV_HC_F_PREEMPTIBLE, "mc", pv_hc_multicall } };
	check_bad_table(f, mc, 1, PV_EINVAL, 0);
	const struct pv_hc_entry mc3[1] = { { 0, 3, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "mc",
						pv_hc_multicall } };
	check_bad_table(f, mc3, 1, PV_EINVAL, 0);
}

static void test_init_clears_perms_and_stats(void **state)
{
	struct fixture *f = *state;
	struct pv_trap_frame tf = frame(HC_ECHO, 1, 2, 3, 4, 5);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), 15);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_ECHO)->calls, 1);
	assert_int_equal(pv_hc_init(&f->hc, &f->cfg, NULL), PV_OK);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_ECHO)->calls, 0);
	assert_int_equal(pv_hc_perm_get(&f->hc, pv_domid(1)).allow, 0);
	tf = frame(HC_ECHO, 1, 2, 3, 4, 5);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EPERM);
}

/* ---- dispatch and the argument ABI ------------------------------------- */

static void test_dispatch_args_and_result(void **state)
{
	struct fixture *f = *state;
	struct pv_trap_frame tf = frame(HC_ECHO, 1, 20, 300, 4000, 50000);
	struct pv_trap_frame before = tf;
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), 54321);
	assert_int_equal(f->guest.seen.calls, 1);
	assert_int_equal(f->guest.seen.last.nr, HC_ECHO);
	assert_int_equal(pv_domid_val(f->guest.seen.last.dom), 1);
	assert_int_equal(f->guest.seen.last.args[4], 50000);
	assert_ptr_equal(f->guest.seen.last.hc, &f->hc);
	/* r0 holds the result; every other register is untouched. */
	assert_int_equal(tf.r[0], 54321);
	for (unsigned i = 1; i < 13; i++)
		assert_int_equal(tf.r[i], before.r[i]);
	assert_int_equal(tf.pc, before.pc);
	assert_int_equal(tf.sp, before.sp);
	assert_int_equal(tf.lr, before.lr);
	assert_int_equal(tf.cpsr, before.cpsr);
}

static void test_args_beyond_arity_are_zero(void **state)
{
	struct fixture *f = *state;
	struct pv_trap_frame tf = frame(HC_ARGS0, 11, 22, 33, 44, 55);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), 7);
	for (unsigned i = 0; i < PV_HC_MAX_ARGS; i++)
		assert_int_equal(f->guest.seen.last.args[i], 0);
}

static void test_unknown_number_is_enosys(void **state)
{
	struct fixture *f = *state;
	const uint32_t nrs[] = { 2 /* hole */, NR_TABLE, PV_HC_NR_LIMIT, 0xFFFFFFFFu };
	for (unsigned i = 0; i < sizeof nrs / sizeof nrs[0]; i++) {
		struct pv_trap_frame tf = frame(nrs[i], 1, 2, 3, 4, 5);
		assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_ENOSYS);
		assert_int_equal((int32_t)tf.r[0], PV_ENOSYS);
	}
	assert_int_equal(f->guest.seen.calls, 0);
	assert_int_equal(f->hc.unknown, 4);
	assert_null(pv_hc_stats_get(&f->hc, 2));
	assert_string_equal(pv_hc_name(&f->hc, 2), "?");
	assert_string_equal(pv_hc_name(&f->hc, 0xFFFFFFFFu), "?");
	assert_string_equal(pv_hc_name(&f->hc, HC_LONG), "long");
}

static void test_denied_is_eperm_and_reaches_no_handler(void **state)
{
	struct fixture *f = *state;
	/* Domain 2 may only echo. */
	struct pv_trap_frame tf = frame(HC_FAIL, 0, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(2), &tf), PV_EPERM);
	/* Domain 0 has an empty set; domain 9 is past nr_domains. */
	tf = frame(HC_ECHO, 1, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(0), &tf), PV_EPERM);
	tf = frame(HC_ECHO, 1, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(9), &tf), PV_EPERM);
	tf = frame(HC_ECHO, 1, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid_none(), &tf), PV_EPERM);
	assert_int_equal(f->guest.seen.calls, 0);
	assert_int_equal(f->hc.denied, 4);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_ECHO)->calls, 0);
	/* Unknown wins over denied: the number is checked first. */
	tf = frame(2, 0, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(0), &tf), PV_ENOSYS);
	/* And the allowed one works for domain 2. */
	tf = frame(HC_ECHO, 1, 1, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(2), &tf), 2);
}

static void test_perm_set_checks(void **state)
{
	struct fixture *f = *state;
	struct pv_hc_perm before = pv_hc_perm_get(&f->hc, pv_domid(2));
	/* A bit for the hole in the table is a configuration typo. */
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(2), (struct pv_hc_perm){ UINT64_C(1) << 2 }),
			 PV_EINVAL);
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(2), (struct pv_hc_perm){ UINT64_C(1) << 63 }),
			 PV_EINVAL);
	assert_int_equal(pv_hc_perm_get(&f->hc, pv_domid(2)).allow, before.allow);
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(MAX_DOMS), (struct pv_hc_perm){ 1 }),
			 PV_ESRCH);
	assert_int_equal(pv_hc_perm_get(&f->hc, pv_domid(MAX_DOMS)).allow, 0);
	/* Revoking works immediately. */
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(2), (struct pv_hc_perm){ 0 }), PV_OK);
	struct pv_trap_frame tf = frame(HC_ECHO, 1, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(2), &tf), PV_EPERM);
}

static void test_stats_count_calls_and_errors(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 3; i++) {
		struct pv_trap_frame tf = frame(HC_FAIL, 0, 0, 0, 0, 0);
		assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EINVAL);
	}
	struct pv_trap_frame tf = frame(HC_ECHO, 0, 0, 0, 0, 0);
	pv_hc_dispatch(&f->hc, pv_domid(1), &tf);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_FAIL)->calls, 3);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_FAIL)->errors, 3);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_ECHO)->calls, 1);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_ECHO)->errors, 0);
}

/* The 64-bit counters carry from their low 32 bits into the high ones
 * (the dispatcher adds to the low half and carries behind a branch). */
static void test_stats_carry_past_32_bits(void **state)
{
	struct fixture *f = *state;
	f->stats[HC_FAIL].calls = UINT32_MAX;
	f->stats[HC_FAIL].errors = UINT64_C(0x1FFFFFFFF);
	f->stats[HC_LONG].restarts = UINT32_MAX;
	struct pv_trap_frame tf = frame(HC_FAIL, 0, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EINVAL);
	tf = frame(HC_LONG, 10, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_ERESTART);
	const struct pv_hc_stats *st = pv_hc_stats_get(&f->hc, HC_FAIL);
	assert_true(st->calls == UINT64_C(0x100000000));
	assert_true(st->errors == UINT64_C(0x200000000));
	st = pv_hc_stats_get(&f->hc, HC_LONG);
	assert_true(st->restarts == UINT64_C(0x100000000));
	assert_true(st->calls == 1);
	/* No carry: the high half is left alone. */
	tf = frame(HC_ECHO, 0, 0, 0, 0, 0);
	f->stats[HC_ECHO].calls = UINT64_C(0x300000000);
	pv_hc_dispatch(&f->hc, pv_domid(1), &tf);
	assert_true(pv_hc_stats_get(&f->hc, HC_ECHO)->calls == UINT64_C(0x300000001));
	assert_true(pv_hc_stats_get(&f->hc, HC_ECHO)->errors == 0);
}

/* ---- continuations ----------------------------------------------------- */

/* Run the trap the way a port does: re-enter while the guest re-issues. */
static unsigned run_until_done(struct fixture *f, struct pv_trap_frame *tf, uint32_t svc_pc)
{
	unsigned rounds = 0;
	for (;;) {
		rounds++;
		assert_true(rounds < 1000);
		int32_t rc = pv_hc_dispatch(&f->hc, pv_domid(1), tf);
		if (rc != PV_ERESTART)
			return rounds;
		/* The guest resumes at the SVC itself, number unchanged. */
		assert_int_equal(tf->pc, svc_pc);
		assert_int_equal(tf->r[12], HC_LONG);
		tf->pc = svc_pc + ((tf->cpsr & PV_PSR_T) ? 2u : 4u); /* executes it again */
	}
}

static void test_preemptible_handler_takes_several_rounds(void **state)
{
	struct fixture *f = *state;
	struct pv_trap_frame tf = frame(HC_LONG, 10, 0, 0, 0, 0);
	tf.pc = 0x8004; /* SVC at 0x8000 */
	unsigned rounds = run_until_done(f, &tf, 0x8000);
	assert_int_equal(rounds, 4); /* 3 + 3 + 3 + 1 */
	assert_int_equal(tf.r[0], 10); /* final result: items done */
	assert_int_equal(tf.pc, 0x8004);
	assert_int_equal(f->guest.seen.items_done, 10);
	const struct pv_hc_stats *st = pv_hc_stats_get(&f->hc, HC_LONG);
	assert_int_equal(st->calls, 4);
	assert_int_equal(st->restarts, 3);
	assert_int_equal(st->errors, 0);
}

static void test_continuation_in_thumb_rewinds_two(void **state)
{
	struct fixture *f = *state;
	struct pv_trap_frame tf = frame(HC_LONG, 4, 0, 0, 0, 0);
	tf.cpsr |= PV_PSR_T;
	tf.pc = 0x9002;
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_ERESTART);
	assert_int_equal(tf.pc, 0x9000);
	assert_int_equal(tf.r[0], 1); /* 4 - 3 left */
	assert_int_equal(tf.r[1], 3); /* progress carried in the registers */
}

static void test_nonpreemptible_restart_is_author_bug(void **state)
{
	struct fixture *f = *state;
	struct pv_trap_frame tf = frame(HC_BADRESTART, 0, 0, 0, 0, 0);
	expect_assert_failure(pv_hc_dispatch(&f->hc, pv_domid(1), &tf));
}

/* ---- multicall --------------------------------------------------------- */

static uint8_t *gptr(struct guest *g, uint32_t va)
{
	unsigned page = (va - GVA_BASE) / 4096u;
	return &g->mem[g->order[page]][va & 4095u];
}

static void put_entry(struct guest *g, uint32_t va, struct pv_multicall_entry e)
{
	/* Entries of 32 bytes at 32-byte-aligned addresses never straddle. */
	memcpy(gptr(g, va), &e, sizeof e);
}

static struct pv_multicall_entry get_entry(struct guest *g, uint32_t va)
{
	struct pv_multicall_entry e;
	memcpy(&e, gptr(g, va), sizeof e);
	return e;
}

static unsigned run_multicall(struct fixture *f, pv_domid_t dom, uint32_t va, uint32_t n,
			      int32_t *final)
{
	struct pv_trap_frame tf = frame(HC_MULTI, va, n, 0, 0, 0);
	unsigned rounds = 0;
	int32_t rc;
	do {
		rounds++;
		assert_true(rounds < 100);
		tf.pc = 0x8004;
		rc = pv_hc_dispatch(&f->hc, dom, &tf);
	} while (rc == PV_ERESTART);
	*final = rc;
	return rounds;
}

static void test_multicall_per_entry_results(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	uint32_t va = GVA_BASE + 0x100;
	put_entry(g, va + 0, (struct pv_multicall_entry){ HC_ECHO, { 1, 2, 3, 4, 5 }, 99, 0 });
	put_entry(g, va + 32, (struct pv_multicall_entry){ 2, { 0 }, 99, 0 }); /* unknown */
	put_entry(g, va + 64, (struct pv_multicall_entry){ HC_FAIL, { 0 }, 99, 0 });
	put_entry(g, va + 96, (struct pv_multicall_entry){ HC_ECHO, { 7 }, 99, 1 }); /* reserved */
	put_entry(g, va + 128, (struct pv_multicall_entry){ HC_MULTI, { va, 1 }, 99, 0 }); /* nest */
	put_entry(g, va + 160, (struct pv_multicall_entry){ HC_NOBATCH, { 0 }, 99, 0 });
	put_entry(g, va + 192, (struct pv_multicall_entry){ HC_ECHO, { 40, 2 }, 99, 0 });
	int32_t rc;
	run_multicall(f, pv_domid(1), va, 7, &rc);
	assert_int_equal(rc, PV_OK);
	assert_int_equal(get_entry(g, va).result, 15);
	assert_int_equal(get_entry(g, va + 32).result, PV_ENOSYS);
	assert_int_equal(get_entry(g, va + 64).result, PV_EINVAL);
	assert_int_equal(get_entry(g, va + 96).result, PV_EINVAL);
	assert_int_equal(get_entry(g, va + 128).result, PV_EINVAL);
	assert_int_equal(get_entry(g, va + 160).result, PV_EINVAL);
	assert_int_equal(get_entry(g, va + 192).result, 42);
	/* Only echo, fail, echo ran: nobatch and the nested multicall reached
	 * no handler and are counted as refusals, not as handler errors. */
	assert_int_equal(f->guest.seen.calls, 3);
	assert_int_equal(f->hc.unbatchable, 2);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_NOBATCH)->errors, 0);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_NOBATCH)->calls, 0);
	assert_int_equal(f->hc.unknown, 1);
}

static void test_multicall_permission_per_entry(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	/* Domain 1 lets its permission set for FAIL lapse; entries see EPERM. */
	uint64_t allow = pv_hc_perm_get(&f->hc, pv_domid(1)).allow & ~(UINT64_C(1) << HC_FAIL);
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(1), (struct pv_hc_perm){ allow }), PV_OK);
	uint32_t va = GVA_BASE;
	put_entry(g, va, (struct pv_multicall_entry){ HC_FAIL, { 0 }, 0, 0 });
	put_entry(g, va + 32, (struct pv_multicall_entry){ HC_ECHO, { 1 }, 0, 0 });
	int32_t rc;
	run_multicall(f, pv_domid(1), va, 2, &rc);
	assert_int_equal(rc, PV_OK);
	assert_int_equal(get_entry(g, va).result, PV_EPERM);
	assert_int_equal(get_entry(g, va + 32).result, 1);
}

static void test_multicall_is_bounded_and_preempted(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	uint32_t va = GVA_BASE + 4096 - 64; /* straddles pages 0 and 1 */
	for (uint32_t i = 0; i < 10; i++)
		put_entry(g, va + 32 * i, (struct pv_multicall_entry){ HC_ECHO, { i, 100 }, 0, 0 });
	/* The 64-byte head and the rest are in different host pages. */
	int32_t rc;
	unsigned rounds = run_multicall(f, pv_domid(1), va, 10, &rc);
	assert_int_equal(rc, PV_OK);
	assert_int_equal(rounds, 3); /* slice 4: 4 + 4 + 2 */
	for (uint32_t i = 0; i < 10; i++)
		assert_int_equal(get_entry(g, va + 32 * i).result, (int32_t)(i + 100));
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_MULTI)->restarts, 2);

	/* Over the bound: refused as a whole, nothing runs. */
	f->guest.seen.calls = 0;
	struct pv_trap_frame tf = frame(HC_MULTI, GVA_BASE, 17, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_E2BIG);
	assert_int_equal(f->guest.seen.calls, 0);
	/* A count that would overflow 32-bit arithmetic is refused the same way. */
	tf = frame(HC_MULTI, GVA_BASE, 0x08000001u, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_E2BIG);
}

static void test_multicall_entry_continuation(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	uint32_t va = GVA_BASE + 0x400;
	put_entry(g, va, (struct pv_multicall_entry){ HC_ECHO, { 5 }, 0, 0 });
	put_entry(g, va + 32, (struct pv_multicall_entry){ HC_LONG, { 8, 0 }, 0, 0 });
	put_entry(g, va + 64, (struct pv_multicall_entry){ HC_ECHO, { 6 }, 0, 0 });
	int32_t rc;
	unsigned rounds = run_multicall(f, pv_domid(1), va, 3, &rc);
	assert_int_equal(rc, PV_OK);
	assert_int_equal(rounds, 3); /* HC_LONG needs 3 rounds of 3 items */
	assert_int_equal(get_entry(g, va).result, 5);
	assert_int_equal(get_entry(g, va + 32).result, 8);
	assert_int_equal(get_entry(g, va + 64).result, 6);
	assert_int_equal(f->guest.seen.items_done, 8);
	/* The first echo ran exactly once despite the restarts. */
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_ECHO)->calls, 2);
}

static void test_multicall_bad_array_refused_before_any_entry(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	/* The array runs from page 1 into read-only page 2. */
	uint32_t va = GVA_BASE + 2 * 4096 - 32;
	put_entry(g, va, (struct pv_multicall_entry){ HC_ECHO, { 1 }, 0, 0 });
	struct pv_trap_frame tf = frame(HC_MULTI, va, 2, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EACCES);
	assert_int_equal(f->guest.seen.calls, 0);
	assert_int_equal(get_entry(g, va).result, 0);
	/* Misaligned, wrapping, unmapped, other domain. */
	tf = frame(HC_MULTI, GVA_BASE + 2, 1, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EALIGN);
	tf = frame(HC_MULTI, 0xFFFFFFE0u, 2, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EOVERFLOW);
	tf = frame(HC_MULTI, GVA_BASE + 3 * 4096, 1, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EFAULT);
	assert_int_equal(f->guest.seen.calls, 0);
	/* Zero entries: nothing to do, nothing touched. */
	tf = frame(HC_MULTI, 0, 0, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_OK);
}

/* Each round checks only the entries it runs; a bad tail ends the batch there. */
static void test_multicall_checks_each_round(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	/* Entries 0..3 at the end of writable page 1, 4..7 in read-only page 2. */
	uint32_t va = GVA_BASE + 2 * 4096 - 4 * 32;
	for (uint32_t i = 0; i < 4; i++)
		put_entry(g, va + 32 * i, (struct pv_multicall_entry){ HC_ECHO, { i, 1 }, 99, 0 });
	int32_t rc;
	unsigned rounds = run_multicall(f, pv_domid(1), va, 8, &rc);
	assert_int_equal(rc, PV_EACCES);
	assert_int_equal(rounds, 2);
	for (uint32_t i = 0; i < 4; i++)
		assert_int_equal(get_entry(g, va + 32 * i).result, (int32_t)(i + 1));
	assert_int_equal(f->guest.seen.calls, 4);
	assert_int_equal(get_entry(g, va + 4 * 32).result, 0); /* untouched */
}

/* Checking costs O(entries) over the whole batch, not O(entries^2 / slice). */
static void test_multicall_checks_are_linear(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	struct pv_hc_config c = base_cfg(f);
	c.multicall_max = 256; /* pages 0 and 1: 8 KiB of entries */
	assert_int_equal(pv_hc_init(&f->hc, &c, NULL), PV_OK);
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(1),
					(struct pv_hc_perm){ (UINT64_C(1) << HC_ECHO) |
							     (UINT64_C(1) << HC_MULTI) }), PV_OK);
	for (uint32_t i = 0; i < 256; i++)
		put_entry(g, GVA_BASE + 32 * i, (struct pv_multicall_entry){ HC_ECHO, { i }, 0, 0 });
	g->access_bytes = 0;
	int32_t rc;
	unsigned rounds = run_multicall(f, pv_domid(1), GVA_BASE, 256, &rc);
	assert_int_equal(rc, PV_OK);
	assert_int_equal(rounds, 64);
	for (uint32_t i = 0; i < 256; i++)
		assert_int_equal(get_entry(g, GVA_BASE + 32 * i).result, (int32_t)i);
	/*
	 * Per entry: 32 bytes checked by its round, 32 read, 4 written. Checking
	 * the remaining array every round would ask about 32 * 256 * 65 / 2 bytes.
	 */
	assert_int_equal(g->access_bytes, 256u * (32u + 32u + 4u));
}

/* The array's end is checked by arithmetic before any round or access. */
static void test_multicall_whole_array_arithmetic(void **state)
{
	struct fixture *f = *state;
	unsigned calls = f->guest.access_calls;
	/* 16 entries from 0xFFFFFF00 wrap; the first round's 4 would not. */
	struct pv_trap_frame tf = frame(HC_MULTI, 0xFFFFFF00u, 16, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EOVERFLOW);
	/* 16 entries ending past guest_va_limit; the first round's would not. */
	tf = frame(HC_MULTI, 0x80000000u - 8 * 32, 16, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EFAULT);
	tf = frame(HC_MULTI, 0x80000000u - 16 * 32, 16, 0, 0, 0); /* ends exactly at it */
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EFAULT); /* unmapped */
	assert_int_equal(f->guest.access_calls, calls + 1); /* only the last asked */
	assert_int_equal(f->guest.seen.calls, 0);
}

/* A re-issued multicall carries the guest's r0/r1, checked again every round. */
static void test_multicall_reissue_is_revalidated(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	uint32_t va = GVA_BASE;
	for (uint32_t i = 0; i < 8; i++)
		put_entry(g, va + 32 * i, (struct pv_multicall_entry){ HC_ECHO, { i }, 0, 0 });
	struct pv_trap_frame tf = frame(HC_MULTI, va, 8, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_ERESTART);
	assert_int_equal(tf.r[0], va + 4 * 32);
	assert_int_equal(tf.r[1], 4);
	unsigned ran = f->guest.seen.calls;
	struct pv_trap_frame again = tf;
	again.r[1] = 17; /* over multicall_max */
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &again), PV_E2BIG);
	again = tf;
	again.r[0] = va + 4 * 32 + 2; /* misaligned */
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &again), PV_EALIGN);
	again = tf;
	again.r[0] = GVA_BASE + 3 * 4096; /* the unmapped page */
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &again), PV_EFAULT);
	assert_int_equal(f->guest.seen.calls, ran);
	/* The untampered re-issue finishes the batch. */
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_OK);
	assert_int_equal(get_entry(g, va + 7 * 32).result, 7);
}

/* ---- guest memory ------------------------------------------------------ */

static void test_copy_across_pages(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	uint8_t src[300], dst[300];
	for (unsigned i = 0; i < sizeof src; i++)
		src[i] = (uint8_t)(i * 7 + 1);
	uint32_t va = GVA_BASE + 4096 - 100; /* pages 0 and 1, not adjacent in host memory */
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(va), src, sizeof src, 4),
			 PV_OK);
	assert_memory_equal(gptr(g, va), src, 100);
	assert_memory_equal(gptr(g, GVA_BASE + 4096), src + 100, 200);
	memset(dst, 0, sizeof dst);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), dst, pv_gvaddr(va), sizeof dst, 4),
			 PV_OK);
	assert_memory_equal(dst, src, sizeof src);
	/* Reading the read-only page is fine. */
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), dst,
					       pv_gvaddr(GVA_BASE + 2 * 4096), 16, 1), PV_OK);
}

/* The sync function sees every piece, before any byte moves and after a write. */
struct sync_log {
	struct guest *g;
	unsigned n;
	struct {
		uint32_t va, len;
		uint8_t *host;
		enum pv_hc_sync_op op;
		uint8_t first; /* the piece's first byte when it was called */
	} ev[8];
};

static void record_sync(void *user, pv_domid_t dom, pv_gvaddr_t va, uint8_t *host, uint32_t len,
			enum pv_hc_sync_op op)
{
	struct sync_log *l = user;
	assert_int_equal(pv_domid_val(dom), 1);
	assert_true(l->n < 8u);
	/* host is what the access function gave for va. */
	assert_ptr_equal(host, gptr(l->g, pv_gvaddr_val(va)));
	l->ev[l->n].va = pv_gvaddr_val(va);
	l->ev[l->n].len = len;
	l->ev[l->n].host = host;
	l->ev[l->n].op = op;
	l->ev[l->n].first = *host;
	l->n++;
}

static enum pv_status sync_access(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len, bool write,
			   uint8_t **host)
{
	struct sync_log *l = user;
	return guest_access(l->g, dom, va, len, write, host);
}

static void test_copy_sync_brackets_every_piece(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	struct sync_log log = { .g = g };
	struct pv_hc_config cfg = base_cfg(f);
	cfg.access = sync_access;
	cfg.sync = record_sync;
	cfg.user = &log;
	struct pv_hc hc;
	assert_int_equal(pv_hc_init(&hc, &cfg, NULL), PV_OK);
	uint8_t src[300], dst[300];
	memset(src, 0x5A, sizeof src);
	uint32_t va = GVA_BASE + 4096 - 100;
	memset(gptr(g, va), 0, 100);
	memset(gptr(g, GVA_BASE + 4096), 0, 200);
	assert_int_equal(pv_hc_copy_to_guest(&hc, pv_domid(1), pv_gvaddr(va), src, sizeof src, 1), PV_OK);
	/* Two pieces: both synced before (nothing written yet), then after. */
	assert_int_equal(log.n, 4);
	const uint32_t want_va[4] = { va, GVA_BASE + 4096, va, GVA_BASE + 4096 };
	const uint32_t want_len[4] = { 100, 200, 100, 200 };
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(log.ev[i].va, want_va[i]);
		assert_int_equal(log.ev[i].len, want_len[i]);
		assert_int_equal(log.ev[i].op, i < 2 ? PV_HC_SYNC_BEFORE : PV_HC_SYNC_AFTER_WRITE);
		assert_int_equal(log.ev[i].first, i < 2 ? 0 : 0x5A);
	}
	/* A read: before only. */
	log.n = 0;
	assert_int_equal(pv_hc_copy_from_guest(&hc, pv_domid(1), dst, pv_gvaddr(va), sizeof dst, 1),
			 PV_OK);
	assert_int_equal(log.n, 2);
	assert_int_equal(log.ev[0].op, PV_HC_SYNC_BEFORE);
	assert_int_equal(log.ev[1].op, PV_HC_SYNC_BEFORE);
	/* A refused copy (its first page read-only, its second absent) syncs nothing. */
	log.n = 0;
	assert_int_equal(pv_hc_copy_to_guest(&hc, pv_domid(1), pv_gvaddr(GVA_BASE + 3 * 4096 - 8), src,
					     16, 1),
			 PV_EACCES);
	assert_int_equal(pv_hc_copy_from_guest(&hc, pv_domid(1), dst,
					       pv_gvaddr(GVA_BASE + 3 * 4096 - 8), 16, 1),
			 PV_EFAULT);
	assert_int_equal(pv_hc_copy_from_guest(&hc, pv_domid(1), dst, pv_gvaddr(0x100), 4, 1),
			 PV_EFAULT);
	assert_int_equal(log.n, 0);
}

static void test_copy_refusals_touch_nothing(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	uint8_t buf[64], poison[64];
	memset(poison, 0x5A, sizeof poison);
	memset(g->mem, 0x11, sizeof g->mem);
	const struct {
		uint32_t va, len, align;
		int32_t want, want_write;
		pv_domid_t dom;
	} cases[] = {
		{ GVA_BASE + 1, 8, 4, PV_EALIGN, PV_EALIGN, { 1 } },             /* unaligned */
		{ 0xFFFFFFF8u, 16, 4, PV_EOVERFLOW, PV_EOVERFLOW, { 1 } },       /* wraps */
		{ 0x7FFFFFF8u, 16, 4, PV_EFAULT, PV_EFAULT, { 1 } },             /* past the limit */
		/* from read-only page 2 into the hole at page 3 */
		{ GVA_BASE + 3 * 4096 - 8, 16, 4, PV_EFAULT, PV_EACCES, { 1 } },
		{ GVA_BASE + 8, 16, 3, PV_EINVAL, PV_EINVAL, { 1 } },            /* bad alignment arg */
		{ GVA_BASE, 16, 4, PV_EFAULT, PV_EFAULT, { 2 } },                /* not its memory */
		{ GVA_BASE, PV_HC_COPY_MAX + 1, 4, PV_E2BIG, PV_E2BIG, { 1 } },  /* too long */
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t len = cases[i].len;
		memcpy(buf, poison, sizeof buf);
		assert_int_equal(pv_hc_copy_from_guest(&f->hc, cases[i].dom, buf, pv_gvaddr(cases[i].va),
						       len, cases[i].align), cases[i].want);
		assert_memory_equal(buf, poison, sizeof buf);
		if (len <= sizeof buf) {
			assert_int_equal(pv_hc_copy_to_guest(&f->hc, cases[i].dom, pv_gvaddr(cases[i].va),
							     poison, len, cases[i].align), cases[i].want_write);
		}
	}
	/* A write that reaches the read-only page moves no byte, even the
	 * ones that would have landed in the writable page before it. */
	uint32_t va = GVA_BASE + 2 * 4096 - 16;
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(va), poison, 32, 4),
			 PV_EACCES);
	for (unsigned p = 0; p < GPAGES; p++)
		for (unsigned i = 0; i < 4096; i++)
			assert_int_equal(g->mem[p][i], 0x11);
	/* len 0 is fine and asks nobody. */
	unsigned calls = g->access_calls;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(0), 0, 1), PV_OK);
	assert_int_equal(g->access_calls, calls);
}

/*
 * align constrains the guest address only: len is any byte count, and
 * exactly len bytes move (a 6-byte record at a 4-byte aligned address).
 */
static void test_copy_len_not_multiple_of_align(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	uint8_t src[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, dst[8];
	uint32_t va = GVA_BASE + 0x40;
	memset(g->mem, 0xEE, sizeof g->mem);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(va), src, 6, 4), PV_OK);
	assert_memory_equal(gptr(g, va), src, 6);
	assert_int_equal(gptr(g, va)[6], 0xEE);
	assert_int_equal(gptr(g, va)[7], 0xEE);
	memset(dst, 0, sizeof dst);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), dst, pv_gvaddr(va), 3, 4), PV_OK);
	assert_memory_equal(dst, src, 3);
	assert_int_equal(dst[3], 0);
	/* Across a page boundary: 4 + 1 bytes with alignment 4. */
	uint32_t edge = GVA_BASE + 4096 - 4;
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(edge), src, 5, 4), PV_OK);
	assert_int_equal(gptr(g, GVA_BASE + 4096)[0], 5);
	assert_int_equal(gptr(g, GVA_BASE + 4096)[1], 0xEE);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(va), 5, 8, true), PV_OK);
	/* The address still has to be aligned, whatever the length. */
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(va + 2), src, 4, 4),
			 PV_EALIGN);
	assert_int_equal(gptr(g, va + 2)[0], 3);
}

static void test_copy_without_access_function(void **state)
{
	struct fixture *f = *state;
	struct pv_hc hc;
	struct pv_hc_config c = base_cfg(f);
	c.access = NULL;
	assert_int_equal(pv_hc_init(&hc, &c, NULL), PV_OK);
	uint8_t b[4];
	assert_int_equal(pv_hc_copy_from_guest(&hc, pv_domid(1), b, pv_gvaddr(GVA_BASE), 4, 4),
			 PV_EFAULT);
}

static void test_handler_copy_from_guest(void **state)
{
	struct fixture *f = *state;
	struct guest *g = &f->guest;
	for (unsigned i = 0; i < 10; i++) /* bytes 1..10 across pages 0 and 1 */
		gptr(g, GVA_BASE + 4090 + i)[0] = (uint8_t)(i + 1);
	struct pv_trap_frame tf = frame(HC_COPY, GVA_BASE + 4090, 10, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), 55);
	tf = frame(HC_COPY, GVA_BASE + 3 * 4096 - 4, 10, 0, 0, 0);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EFAULT);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_COPY)->errors, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_refuses_bad_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_refuses_bad_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_clears_perms_and_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dispatch_args_and_result, setup, teardown),
		cmocka_unit_test_setup_teardown(test_args_beyond_arity_are_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_number_is_enosys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_denied_is_eperm_and_reaches_no_handler, setup, teardown),
		cmocka_unit_test_setup_teardown(test_perm_set_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats_count_calls_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats_carry_past_32_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_preemptible_handler_takes_several_rounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_continuation_in_thumb_rewinds_two, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nonpreemptible_restart_is_author_bug, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_per_entry_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_permission_per_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_is_bounded_and_preempted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_entry_continuation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_bad_array_refused_before_any_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_checks_each_round, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_checks_are_linear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_whole_array_arithmetic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_reissue_is_revalidated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_across_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_sync_brackets_every_piece, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_refusals_touch_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_len_not_multiple_of_align, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_without_access_function, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handler_copy_from_guest, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
