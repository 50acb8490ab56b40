/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/hypercall: the checks that planted bugs (tools/mutate) showed no test
 * would notice breaking. Each test is the attack or the boundary that tells
 * the check from its one-token mistake: the first value past a limit, the
 * last value inside it, a range ending exactly at the end of the address
 * space, an access function that misbehaves, a batch entry that unmaps its
 * own batch.
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
	HC_ECHO = 0,       /* returns a0 + a1 + a2 + a3 + a4 */
	HC_LONG = 1,       /* preemptible, arity 2: a0 items left, 3 per round */
	HC_MULTI = 2,      /* the multicall */
	HC_REVOKE = 3,     /* revokes the guest's write access, returns 5 */
	HC_REVOKE_LONG = 4,/* preemptible: revokes write access, asks to continue */
	HC_UNMAP = 5,      /* unmaps the 4 KiB guest page at a0 */
	NR_TABLE = 6,
};

#define MAX_DOMS 4u
#define SPACE (64u * 1024u) /* PV_HC_COPY_MAX bytes of guest memory */

/*
 * One guest: SPACE bytes of memory at guest address base, of which
 * [ro_lo, ro_hi) is read-only. The access function can also be made to
 * misbehave (a positive result, or success without a pointer).
 */
struct guest {
	uint8_t *mem;
	uint32_t base;
	uint32_t ro_lo, ro_hi;
	bool revoked;          /* no write access anywhere */
	uint32_t hole;         /* nonzero: the page at hole is unmapped */
	int32_t force_rc;      /* nonzero: every access returns it */
	bool null_host;        /* success without a pointer */
	unsigned access_calls;
	unsigned handler_calls;
};

static enum pv_status guest_access(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len,
			    bool write, uint8_t **host)
{
	struct guest *g = user;
	uint32_t a = pv_gvaddr_val(va);
	g->access_calls++;
	if (pv_domid_val(dom) != 1)
		return PV_EFAULT;
	if (g->force_rc)
		return g->force_rc;
	if (g->null_host)
		return PV_OK;
	if (a < g->base || (uint64_t)a - g->base + len > SPACE)
		return PV_EFAULT;
	if (g->hole && a < g->hole + 4096u && a + len > g->hole)
		return PV_EFAULT;
	if (write && (g->revoked || (a < g->ro_hi && a + len > g->ro_lo)))
		return PV_EACCES;
	*host = &g->mem[a - g->base];
	return PV_OK;
}

static int32_t h_echo(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->handler_calls++;
	return (int32_t)(c->args[0] + c->args[1] + c->args[2] + c->args[3] + c->args[4]);
}

static int32_t h_long(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->handler_calls++;
	uint32_t left = c->args[0];
	uint32_t now = left < 3u ? left : 3u;
	c->args[0] = left - now;
	c->args[1] += now;
	return c->args[0] ? PV_ERESTART : (int32_t)c->args[1];
}

static int32_t h_revoke(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->handler_calls++;
	g->revoked = true;
	return 5;
}

static int32_t h_revoke_long(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->handler_calls++;
	g->revoked = true;
	c->args[0]++;
	return PV_ERESTART;
}

static int32_t h_unmap(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->handler_calls++;
	g->hole = c->args[0];
	return 6;
}

static const struct pv_hc_entry table[NR_TABLE] = {
	[HC_ECHO] = { HC_ECHO, 5, 0, "echo", h_echo },
	[HC_LONG] = { HC_LONG, 2, PV_HC_F_PREEMPTIBLE, "long", h_long },
	[HC_MULTI] = { HC_MULTI, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "multicall",
		       pv_hc_multicall },
	[HC_REVOKE] = { HC_REVOKE, 0, 0, "revoke", h_revoke },
	[HC_REVOKE_LONG] = { HC_REVOKE_LONG, 1, PV_HC_F_PREEMPTIBLE, "revoke_long",
			     h_revoke_long },
	[HC_UNMAP] = { HC_UNMAP, 1, 0, "unmap", h_unmap },
};

/* A canary one past the end of the arrays the hypervisor lends pv_hc. */
#define CANARY_CALLS 0xC0FFEEu
#define CANARY_ALLOW UINT64_C(0xFFFFFFFFFFFFFFFF)

struct fixture {
	struct pv_hc hc;
	struct pv_hc_stats stats[NR_TABLE + 1];
	struct pv_hc_perm perms[MAX_DOMS + 1];
	struct guest guest;
	struct pv_hc_config cfg;
};

static void init_with(struct fixture *f, uint32_t base, uint32_t limit)
{
	f->guest.base = base;
	f->cfg = (struct pv_hc_config){
		.table = table,
		.table_len = NR_TABLE,
		.stats = f->stats,
		.perms = f->perms,
		.nr_domains = MAX_DOMS,
		.access = guest_access,
		.user = &f->guest,
		.guest_va_limit = limit,
		.multicall_max = 16,
		.multicall_slice = 4,
	};
	f->stats[NR_TABLE].calls = CANARY_CALLS;
	f->perms[MAX_DOMS].allow = CANARY_ALLOW;
	assert_int_equal(pv_hc_init(&f->hc, &f->cfg, NULL), PV_OK);
	uint64_t all = 0;
	for (unsigned i = 0; i < NR_TABLE; i++)
		all |= UINT64_C(1) << i;
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(1), (struct pv_hc_perm){ all }), PV_OK);
}

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	f->guest.mem = test_calloc(1, SPACE);
	init_with(f, 0x100000u, 0x80000000u);
	pv_fake_reset();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	test_free(f->guest.mem);
	test_free(f);
	return 0;
}

static struct pv_trap_frame frame(uint32_t nr, uint32_t a0, uint32_t a1)
{
	struct pv_trap_frame tf;
	memset(&tf, 0, sizeof tf);
	for (unsigned i = 0; i < 13; i++)
		tf.r[i] = 0xA0A0A000u + i;
	tf.r[0] = a0;
	tf.r[1] = a1;
	tf.r[12] = nr;
	tf.pc = 0x8004;
	tf.cpsr = PV_PSR_MODE_USR;
	return tf;
}

static void put_entry(struct fixture *f, uint32_t va, struct pv_multicall_entry e)
{
	memcpy(&f->guest.mem[va - f->guest.base], &e, sizeof e);
}

static struct pv_multicall_entry get_entry(struct fixture *f, uint32_t va)
{
	struct pv_multicall_entry e;
	memcpy(&e, &f->guest.mem[va - f->guest.base], sizeof e);
	return e;
}

static int32_t multicall(struct fixture *f, uint32_t va, uint32_t count)
{
	struct pv_trap_frame tf = frame(HC_MULTI, va, count);
	return pv_hc_dispatch(&f->hc, pv_domid(1), &tf);
}

/* ---- init bounds: the last accepted value, and nothing written past it -- */

/* A table of exactly PV_HC_NR_LIMIT numbers is the largest the author may give. */
static void test_init_table_of_exactly_nr_limit(void **state)
{
	struct fixture *f = *state;
	static struct pv_hc_entry big[PV_HC_NR_LIMIT];
	static struct pv_hc_stats stats[PV_HC_NR_LIMIT];
	big[PV_HC_NR_LIMIT - 1] = (struct pv_hc_entry){ PV_HC_NR_LIMIT - 1, 5, 0, "last", h_echo };
	struct pv_hc hc;
	struct pv_hc_config c = f->cfg;
	c.table = big;
	c.table_len = PV_HC_NR_LIMIT;
	c.stats = stats;
	assert_int_equal(pv_hc_init(&hc, &c, NULL), PV_OK);
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(1),
					(struct pv_hc_perm){ UINT64_C(1) << (PV_HC_NR_LIMIT - 1) }),
			 PV_OK);
	struct pv_trap_frame tf = frame(PV_HC_NR_LIMIT - 1, 40, 2);
	tf.r[2] = tf.r[3] = tf.r[4] = 0;
	assert_int_equal(pv_hc_dispatch(&hc, pv_domid(1), &tf), 42);
	c.table_len = PV_HC_NR_LIMIT + 1;
	assert_int_equal(pv_hc_init(&hc, &c, NULL), PV_EINVAL);
}

/* Every guest domain id may be configured: nr_domains = PV_DOMID_MAX_GUEST + 1. */
static void test_init_every_guest_domain(void **state)
{
	struct fixture *f = *state;
	uint32_t n = (uint32_t)PV_DOMID_MAX_GUEST + 1u;
	struct pv_hc_perm *perms = test_calloc(n + 1u, sizeof *perms);
	struct pv_hc hc;
	struct pv_hc_config c = f->cfg;
	c.perms = perms;
	c.nr_domains = n;
	assert_int_equal(pv_hc_init(&hc, &c, NULL), PV_OK);
	pv_domid_t last = pv_domid(PV_DOMID_MAX_GUEST);
	assert_int_equal(pv_hc_perm_set(&hc, last, (struct pv_hc_perm){ 1u << HC_ECHO }), PV_OK);
	assert_int_equal(pv_hc_perm_get(&hc, last).allow, 1u << HC_ECHO);
	c.nr_domains = n + 1u;
	assert_int_equal(pv_hc_init(&hc, &c, NULL), PV_EINVAL);
	test_free(perms);
}

/*
 * pv_hc_init clears exactly table_len stats and nr_domains permission
 * words: the storage after them belongs to the hypervisor.
 */
static void test_init_writes_nothing_past_the_arrays(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(f->stats[NR_TABLE].calls, CANARY_CALLS);
	assert_int_equal(f->perms[MAX_DOMS].allow, CANARY_ALLOW);
	f->stats[NR_TABLE - 1].calls = 9;
	f->perms[MAX_DOMS - 1].allow = 9;
	assert_int_equal(pv_hc_init(&f->hc, &f->cfg, NULL), PV_OK);
	assert_int_equal(f->stats[NR_TABLE - 1].calls, 0);
	assert_int_equal(f->perms[MAX_DOMS - 1].allow, 0);
	assert_int_equal(f->stats[NR_TABLE].calls, CANARY_CALLS);
	assert_int_equal(f->perms[MAX_DOMS].allow, CANARY_ALLOW);
}

/*
 * Attack: call from the first domain id past nr_domains. Whatever lies
 * after the permission array (here a word allowing everything) must not
 * be read as its permissions.
 */
static void test_domain_one_past_max_is_denied(void **state)
{
	struct fixture *f = *state;
	pv_domid_t past = pv_domid(MAX_DOMS);
	struct pv_trap_frame tf = frame(HC_ECHO, 1, 2);
	assert_int_equal(pv_hc_dispatch(&f->hc, past, &tf), PV_EPERM);
	assert_int_equal(f->guest.handler_calls, 0);
	assert_int_equal(f->hc.denied, 1);
	assert_int_equal(pv_hc_perm_get(&f->hc, past).allow, 0);
	assert_int_equal(pv_hc_perm_set(&f->hc, past, (struct pv_hc_perm){ 1 }), PV_ESRCH);
	assert_int_equal(f->perms[MAX_DOMS].allow, CANARY_ALLOW);
}

/* ---- continuations: registers past the arity are the guest's ----------- */

static void test_restart_keeps_registers_past_arity(void **state)
{
	struct fixture *f = *state;
	struct pv_trap_frame tf = frame(HC_LONG, 5, 0);
	struct pv_trap_frame before = tf;
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_ERESTART);
	assert_int_equal(tf.r[0], 2);
	assert_int_equal(tf.r[1], 3);
	for (unsigned i = 2; i < 13; i++)
		assert_int_equal(tf.r[i], before.r[i]);
	assert_int_equal(tf.pc, 0x8000);
}

/* ---- copies: the first byte past each limit, and the last byte inside -- */

/* Attack: a one-byte copy at guest_va_limit, where the access function would agree. */
static void test_copy_one_byte_at_limit_refused(void **state)
{
	struct fixture *f = *state;
	uint32_t limit = f->guest.base + 0x1000u;
	init_with(f, f->guest.base, limit);
	uint8_t b = 0;
	unsigned calls = f->guest.access_calls;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), &b, pv_gvaddr(limit), 1, 1),
			 PV_EFAULT);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(limit), &b, 1, 1),
			 PV_EFAULT);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(limit), 1, 1, false),
			 PV_EFAULT);
	assert_int_equal(f->guest.access_calls, calls);
	/* The byte just below the limit is the guest's. */
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), &b, pv_gvaddr(limit - 1u), 1, 1),
			 PV_OK);
}

/* A copy whose last byte is the last byte below guest_va_limit is allowed. */
static void test_copy_ending_exactly_at_limit(void **state)
{
	struct fixture *f = *state;
	uint32_t limit = f->guest.base + 0x1000u;
	init_with(f, f->guest.base, limit);
	uint8_t buf[17] = { 0 };
	f->guest.mem[0x1000u - 16u] = 0x5A;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(limit - 16u),
					       16, 4), PV_OK);
	assert_int_equal(buf[0], 0x5A);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(limit - 16u),
					       17, 4), PV_EFAULT);
}

/*
 * With no guest_va_limit the whole 4 GiB is the guest's: a copy ending at
 * 0xFFFFFFFF reaches the access function, one byte more wraps.
 */
static void test_copy_ending_at_top_of_address_space(void **state)
{
	struct fixture *f = *state;
	init_with(f, 0xFFFFFFFFu - SPACE + 1u, 0);
	uint8_t buf[17] = { 0 };
	f->guest.mem[SPACE - 16u] = 0xA5;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(0xFFFFFFF0u),
					       16, 4), PV_OK);
	assert_int_equal(buf[0], 0xA5);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(0xFFFFFFF0u), 16, 4, true),
			 PV_OK);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(0xFFFFFFF0u),
					       17, 4), PV_EOVERFLOW);
}

/* Exactly PV_HC_COPY_MAX bytes move in one copy; one more is PV_E2BIG. */
static void test_copy_of_exactly_copy_max(void **state)
{
	struct fixture *f = *state;
	uint8_t *buf = test_calloc(1, PV_HC_COPY_MAX + 1u);
	for (uint32_t i = 0; i < SPACE; i++)
		f->guest.mem[i] = (uint8_t)(i * 7u);
	uint32_t va = f->guest.base;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(va),
					       PV_HC_COPY_MAX, 4), PV_OK);
	assert_memory_equal(buf, f->guest.mem, PV_HC_COPY_MAX);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(va), buf,
					     PV_HC_COPY_MAX, 4), PV_OK);
	unsigned calls = f->guest.access_calls;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(va),
					       PV_HC_COPY_MAX + 1u, 4), PV_E2BIG);
	assert_int_equal(f->guest.access_calls, calls);
	test_free(buf);
}

/*
 * Attack: one-byte copies. A length check that took 1 for the empty copy
 * would report success and move nothing: the hypervisor would act on
 * whatever its buffer held before, and a one-byte copy from a page the
 * guest has not mapped would not be refused.
 */
static void test_copy_of_one_byte(void **state)
{
	struct fixture *f = *state;
	uint32_t base = f->guest.base;
	uint8_t b = 0;
	f->guest.mem[5] = 0x3C;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), &b, pv_gvaddr(base + 5u), 1, 1),
			 PV_OK);
	assert_int_equal(b, 0x3C);
	b = 0xC3;
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(base + 6u), &b, 1, 1),
			 PV_OK);
	assert_int_equal(f->guest.mem[6], 0xC3);
	f->guest.hole = base + 0x2000u;
	b = 0x11;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), &b, pv_gvaddr(base + 0x2007u),
					       1, 1), PV_EFAULT);
	assert_int_equal(b, 0x11);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(base + 0x2007u), &b,
					     1, 1), PV_EFAULT);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(base + 0x2007u), 1, 1,
					   false), PV_EFAULT);
	/* The empty copy there moves nothing and asks nothing. */
	unsigned calls = f->guest.access_calls;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), &b, pv_gvaddr(base + 0x2007u),
					       0, 1), PV_OK);
	assert_int_equal(f->guest.access_calls, calls);
}

/*
 * A copy that ends exactly at a page boundary, with the next page
 * unmapped: the walk asks about each page it covers and no other. One
 * more round would ask about the unmapped page and refuse a valid copy
 * (or, for a copy of PV_HC_COPY_MAX bytes from an unaligned address,
 * record a piece past the end of its array).
 */
static void test_copy_ending_at_a_page_before_a_hole(void **state)
{
	struct fixture *f = *state;
	uint32_t base = f->guest.base;
	uint8_t buf[0x1100];
	f->guest.hole = base + 0x2000u;
	for (uint32_t i = 0; i < 0x1000u; i++)
		f->guest.mem[0x1000u + i] = (uint8_t)(i * 13u + 1u);
	unsigned calls = f->guest.access_calls;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(base + 0x1000u),
					       0x1000u, 4), PV_OK);
	assert_memory_equal(buf, &f->guest.mem[0x1000], 0x1000u);
	assert_int_equal(f->guest.access_calls, calls + 1u);
	/* Two pages, the second ending at the hole. */
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(base + 0x0F00u), buf,
					     0x1100u, 4), PV_OK);
	assert_int_equal(f->guest.access_calls, calls + 3u);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(base + 0x1F00u), 0x100u,
					   4, true), PV_OK);
	assert_int_equal(f->guest.access_calls, calls + 4u);
	/* One byte more reaches the hole. */
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(base + 0x1F00u), 0x101u,
					   1, true), PV_EFAULT);
}

/*
 * A hypervisor's access function that returns a positive value, or success
 * without a pointer, is a refusal: no byte moves and the guest sees
 * PV_EFAULT, never PV_OK (which would make the hypervisor read through a
 * NULL pointer or use an uninitialised one).
 */
static void test_access_positive_result_is_efault(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	f->guest.force_rc = 1;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(f->guest.base),
					       8, 4), PV_EFAULT);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(f->guest.base), 8, 4,
					   false), PV_EFAULT);
	assert_int_equal(buf[0], 1);
}

static void test_access_null_pointer_is_efault(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	f->guest.null_host = true;
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(f->guest.base), buf,
					     8, 4), PV_EFAULT);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(f->guest.base),
					       8, 4), PV_EFAULT);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(f->guest.base), 8, 4,
					   true), PV_EFAULT);
	assert_int_equal(buf[0], 1);
}

/*
 * pv_hc_guest_check refuses a bad range by arithmetic alone, without asking
 * the access function (which would agree here), and a one-byte check of
 * unmapped memory is refused like any other.
 */
static void test_guest_check_refuses_before_asking(void **state)
{
	struct fixture *f = *state;
	uint32_t va = f->guest.base;
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(va + 2u), 8, 4, false),
			 PV_EALIGN);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(va), 8, 3, false),
			 PV_EINVAL);
	assert_int_equal(f->guest.access_calls, 0);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(va + SPACE), 1, 1, false),
			 PV_EFAULT);
	assert_int_equal(f->guest.access_calls, 1);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(va), 1, 1, false), PV_OK);
}

/* ---- multicall: the array's bounds and an entry that unmaps the array --- */

/* With no guest_va_limit, an array ending at 0xFFFFFFFF is the guest's. */
static void test_multicall_array_at_top_of_address_space(void **state)
{
	struct fixture *f = *state;
	init_with(f, 0xFFFFFFFFu - SPACE + 1u, 0);
	uint32_t va = 0xFFFFFFFFu - 2u * 32u + 1u;
	put_entry(f, va, (struct pv_multicall_entry){ HC_ECHO, { 1, 2 }, 99, 0 });
	put_entry(f, va + 32u, (struct pv_multicall_entry){ HC_ECHO, { 3, 4 }, 99, 0 });
	assert_int_equal(multicall(f, va, 2), PV_OK);
	assert_int_equal(get_entry(f, va).result, 3);
	assert_int_equal(get_entry(f, va + 32u).result, 7);
	/* Moved up by 4 bytes, it wraps. */
	assert_int_equal(multicall(f, va + 4u, 2), PV_EOVERFLOW);
}

/*
 * Attack: a batch whose last byte lies exactly at guest_va_limit, while its
 * first round is below it. The whole batch is refused before any entry runs.
 */
static void test_multicall_last_byte_at_limit_refused(void **state)
{
	struct fixture *f = *state;
	uint32_t limit = f->guest.base + 0x1003u; /* last guest byte: limit - 1 */
	init_with(f, f->guest.base, limit);
	uint32_t va = limit + 1u - 16u * 32u;
	for (uint32_t i = 0; i < 16; i++)
		put_entry(f, va + i * 32u, (struct pv_multicall_entry){ HC_ECHO, { i }, 99, 0 });
	assert_int_equal(multicall(f, va, 16), PV_EFAULT);
	assert_int_equal(f->guest.handler_calls, 0);
	assert_int_equal(get_entry(f, va).result, 99);
	/* One byte lower, the array is below the limit and its first round runs. */
	va -= 4u;
	for (uint32_t i = 0; i < 16; i++)
		put_entry(f, va + i * 32u, (struct pv_multicall_entry){ HC_ECHO, { i }, 99, 0 });
	assert_int_equal(multicall(f, va, 16), PV_ERESTART);
	assert_int_equal(f->guest.handler_calls, 4);
}

/* A misaligned array is PV_EALIGN even when it also wraps (the documented order). */
static void test_multicall_misaligned_wrapping_array_is_ealign(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(multicall(f, 0xFFFFFFF2u, 16), PV_EALIGN);
	assert_int_equal(multicall(f, 0xFFFFFFF0u, 16), PV_EOVERFLOW);
	assert_int_equal(f->guest.access_calls, 0);
}

/*
 * Attack: a batch in read-only guest memory. Its results could not be
 * written back, so no entry of it may run (the guest would otherwise get
 * its side effects without the results).
 */
static void test_multicall_in_readonly_memory_runs_nothing(void **state)
{
	struct fixture *f = *state;
	uint32_t va = f->guest.base + 0x2000u;
	f->guest.ro_lo = va;
	f->guest.ro_hi = va + 0x1000u;
	put_entry(f, va, (struct pv_multicall_entry){ HC_ECHO, { 1 }, 99, 0 });
	put_entry(f, va + 32u, (struct pv_multicall_entry){ HC_ECHO, { 2 }, 99, 0 });
	assert_int_equal(multicall(f, va, 2), PV_EACCES);
	assert_int_equal(f->guest.handler_calls, 0);
}

/*
 * Attack: the first entry of a batch takes away the guest's write access to
 * the batch itself (as an mmu_update entry may). Its result cannot be
 * written; the batch ends there with the access error and the next entry
 * does not run.
 */
static void test_multicall_entry_revoking_the_array_ends_the_batch(void **state)
{
	struct fixture *f = *state;
	uint32_t va = f->guest.base + 0x100u;
	put_entry(f, va, (struct pv_multicall_entry){ HC_REVOKE, { 0 }, 99, 0 });
	put_entry(f, va + 32u, (struct pv_multicall_entry){ HC_ECHO, { 1 }, 99, 0 });
	assert_int_equal(multicall(f, va, 2), PV_EACCES);
	assert_int_equal(f->guest.handler_calls, 1);
	assert_int_equal(get_entry(f, va).result, 99);
}

/* The same when the entry asks to continue: its progress cannot be saved. */
static void test_multicall_continuing_entry_revoking_the_array(void **state)
{
	struct fixture *f = *state;
	uint32_t va = f->guest.base + 0x100u;
	put_entry(f, va, (struct pv_multicall_entry){ HC_REVOKE_LONG, { 0 }, 99, 0 });
	put_entry(f, va + 32u, (struct pv_multicall_entry){ HC_ECHO, { 1 }, 99, 0 });
	struct pv_trap_frame tf = frame(HC_MULTI, va, 2);
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(1), &tf), PV_EACCES);
	assert_int_equal(tf.r[0], (uint32_t)PV_EACCES);
	assert_int_equal(tf.pc, 0x8004); /* not re-issued */
	assert_int_equal(get_entry(f, va).args[0], 0);
	assert_int_equal(f->guest.handler_calls, 1);
}

/*
 * Attack: a batch across two pages whose entry at the end of the first page
 * unmaps the second. Its own result is written; the next entry cannot be
 * read, and the batch ends there instead of running a stale entry again.
 */
static void test_multicall_entry_unmapping_the_next_entry(void **state)
{
	struct fixture *f = *state;
	uint32_t page2 = f->guest.base + 0x1000u;
	uint32_t va = page2 - 32u;
	put_entry(f, va, (struct pv_multicall_entry){ HC_UNMAP, { page2 }, 99, 0 });
	put_entry(f, page2, (struct pv_multicall_entry){ HC_ECHO, { 1 }, 99, 0 });
	assert_int_equal(multicall(f, va, 2), PV_EFAULT);
	assert_int_equal(f->guest.handler_calls, 1);
	assert_int_equal(get_entry(f, va).result, 6);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_UNMAP)->calls, 1);
	assert_int_equal(pv_hc_stats_get(&f->hc, HC_ECHO)->calls, 0);
	assert_int_equal(f->hc.unknown, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_table_of_exactly_nr_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_every_guest_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_writes_nothing_past_the_arrays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_domain_one_past_max_is_denied, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart_keeps_registers_past_arity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_one_byte_at_limit_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_ending_exactly_at_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_ending_at_top_of_address_space, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_of_exactly_copy_max, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_of_one_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_ending_at_a_page_before_a_hole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_positive_result_is_efault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_null_pointer_is_efault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guest_check_refuses_before_asking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_array_at_top_of_address_space, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_last_byte_at_limit_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_misaligned_wrapping_array_is_ealign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_in_readonly_memory_runs_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_entry_revoking_the_array_ends_the_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_continuing_entry_revoking_the_array, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicall_entry_unmapping_the_next_entry, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
