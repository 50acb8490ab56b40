/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/hypercall at its limits, each tried exactly one past and at its last
 * valid value: the guest VA limit of the copy helpers (copies that start
 * below it and run past it, by one byte and across a page), multicall arrays
 * ending exactly at the limit and one byte past it, the copy size limit,
 * the domain count, the table size and the multicall entry count. Each test
 * says what a guest would gain if the check were off by one.
 *
 * The guest here maps every address below MAP_END writable (a flat buffer),
 * so the limit itself, not a missing mapping, decides each refusal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>

#include <pvlib/hypercall.h>

#include "port_fake.h"

enum { HC_ECHO = 0, HC_MULTI = 1, NR_TABLE = 2 };

#define MAP_BASE 0x100000u
#define MAP_SIZE (PV_HC_COPY_MAX + 3u * 4096u)
#define MAP_END (MAP_BASE + MAP_SIZE)
#define DOMS 4u

struct guest {
	uint8_t *mem;         /* MAP_SIZE bytes: GVA MAP_BASE.. */
	unsigned access_calls;
	unsigned echoes;
};

static enum pv_status flat_access(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len, bool write,
			   uint8_t **host)
{
	(void)write;
	struct guest *g = user;
	uint32_t a = pv_gvaddr_val(va);
	g->access_calls++;
	if (pv_domid_val(dom) >= DOMS)
		return PV_EFAULT;
	if (a < MAP_BASE || (uint64_t)a + len > MAP_END)
		return PV_EFAULT;
	*host = g->mem + (a - MAP_BASE);
	return PV_OK;
}

static int32_t h_echo(struct pv_hc_call *c)
{
	struct guest *g = c->user;
	g->echoes++;
	return (int32_t)c->args[0];
}

static const struct pv_hc_entry table[NR_TABLE] = {
	[HC_ECHO] = { HC_ECHO, 1, 0, "echo", h_echo },
	[HC_MULTI] = { HC_MULTI, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "multicall",
		       pv_hc_multicall },
};

struct fixture {
	struct pv_hc hc;
	struct pv_hc_stats stats[PV_HC_NR_LIMIT];
	/* DOMS entries are the configured array; the one after it stands for
	 * whatever the hypervisor keeps next: every bit set. */
	struct pv_hc_perm perms[DOMS + 1];
	struct guest guest;
	uint32_t limit; /* the guest_va_limit hc was set up with */
};

static struct pv_hc_config cfg_with_limit(struct fixture *f, uint32_t limit)
{
	return (struct pv_hc_config){
		.table = table, .table_len = NR_TABLE, .stats = f->stats,
		.perms = f->perms, .nr_domains = DOMS, .access = flat_access,
		.user = &f->guest, .guest_va_limit = limit,
		.multicall_max = 16, .multicall_slice = 4,
	};
}

static void init_limit(struct fixture *f, uint32_t limit)
{
	struct pv_hc_config c = cfg_with_limit(f, limit);
	assert_int_equal(pv_hc_init(&f->hc, &c, NULL), PV_OK);
	f->limit = limit;
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(1),
					(struct pv_hc_perm){ (UINT64_C(1) << HC_ECHO) |
							     (UINT64_C(1) << HC_MULTI) }),
			 PV_OK);
}

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	f->guest.mem = test_calloc(1, MAP_SIZE);
	for (uint32_t i = 0; i < MAP_SIZE; i++)
		f->guest.mem[i] = (uint8_t)(i * 7u + 1u);
	init_limit(f, MAP_BASE + 8u * 4096u);
	f->perms[DOMS].allow = ~UINT64_C(0);
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

static uint8_t *gmem(struct fixture *f, uint32_t va)
{
	return f->guest.mem + (va - MAP_BASE);
}

/* ---- the guest VA limit of the copy helpers ---------------------------- */

/*
 * Attack: copy from (and to) a range that starts below guest_va_limit and
 * ends one byte past it, within one page and across a page boundary. The
 * hypervisor's own mappings start at the limit; off by one, a guest could
 * read the first byte of hypervisor memory through any hypercall that
 * copies, or write it (copy_to_guest of a result). Refused with PV_EFAULT
 * before any access call, nothing moved; the range ending exactly at the
 * limit is copied.
 */
static void test_copy_ending_one_byte_past_the_va_limit(void **state)
{
	struct fixture *f = *state;
	uint32_t lim = f->limit;
	uint8_t buf[4096 + 64], zero[sizeof buf];
	struct {
		uint32_t va, len;
	} past[] = {
		{ lim - 4, 5 },            /* one page, one byte past */
		{ lim - 1, 2 },
		{ lim, 1 },                /* starts at the limit */
		{ lim - 4096 - 8, 4096 + 9 }, /* two pages, the second runs past */
		{ lim - 16, 4096 + 16 },
	};
	for (unsigned i = 0; i < sizeof past / sizeof past[0]; i++) {
		memset(buf, 0, sizeof buf);
		memset(zero, 0, sizeof zero);
		unsigned calls = f->guest.access_calls;
		assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf,
						       pv_gvaddr(past[i].va), past[i].len, 1),
				 PV_EFAULT);
		assert_memory_equal(buf, zero, sizeof buf);
		uint8_t before[sizeof buf];
		memcpy(before, gmem(f, past[i].va), past[i].len);
		memset(buf, 0xEE, sizeof buf);
		assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(past[i].va),
						     buf, past[i].len, 1),
				 PV_EFAULT);
		assert_memory_equal(before, gmem(f, past[i].va), past[i].len);
		assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(past[i].va),
						   past[i].len, 1, false),
				 PV_EFAULT);
		assert_int_equal(f->guest.access_calls, calls); /* refused by arithmetic */
	}
	/* Ending exactly at the limit: copied, both ways. */
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(lim - 4), 4, 1),
			 PV_OK);
	assert_memory_equal(buf, gmem(f, lim - 4), 4);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf,
					       pv_gvaddr(lim - 4096 - 8), 4096 + 8, 4),
			 PV_OK);
	assert_memory_equal(buf, gmem(f, lim - 4096 - 8), 4096 + 8);
	memset(buf, 0x5A, 8);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(lim - 8), buf, 8, 8),
			 PV_OK);
	assert_memory_equal(gmem(f, lim - 8), buf, 8);
	assert_int_equal(pv_hc_guest_check(&f->hc, pv_domid(1), pv_gvaddr(lim - 1), 1, 1, true),
			 PV_OK);
	/* An empty range at the limit touches nothing and is fine. */
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(lim), 0, 1),
			 PV_OK);
}

/*
 * Attack: the same against a limit that is not page or word aligned
 * (limit = base + 3 pages - 1): the byte at limit - 1 is the guest's, the
 * byte at the limit is not.
 */
static void test_copy_against_an_unaligned_va_limit(void **state)
{
	struct fixture *f = *state;
	uint32_t lim = MAP_BASE + 3u * 4096u - 1u;
	init_limit(f, lim);
	uint8_t b[2];
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), b, pv_gvaddr(lim - 1), 1, 1),
			 PV_OK);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), b, pv_gvaddr(lim - 1), 2, 1),
			 PV_EFAULT);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(lim), b, 1, 1),
			 PV_EFAULT);
}

/*
 * Attack: with no limit configured (0: the whole 4 GiB is the guest's), a
 * range whose end wraps past 2^32 is PV_EOVERFLOW, and the last byte of the
 * address space is a one-byte range that does not wrap. Off by one, a copy
 * ending at 2^32 + k would wrap to address k - 1: low memory, the vectors.
 */
static void test_copy_wrapping_the_address_space(void **state)
{
	struct fixture *f = *state;
	init_limit(f, 0);
	uint8_t b[8];
	unsigned calls = f->guest.access_calls;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), b, pv_gvaddr(0xFFFFFFFFu), 2, 1),
			 PV_EOVERFLOW);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), b, pv_gvaddr(0xFFFFFFF8u), 9, 1),
			 PV_EOVERFLOW);
	assert_int_equal(f->guest.access_calls, calls);
	/* Exactly at the top: not an overflow; our guest does not map it. */
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), b, pv_gvaddr(0xFFFFFFF8u), 8, 1),
			 PV_EFAULT);
	assert_int_equal(f->guest.access_calls, calls + 1);
}

/*
 * Attack: a copy of PV_HC_COPY_MAX + 1 bytes: PV_E2BIG before any access.
 * Exactly PV_HC_COPY_MAX starting in the middle of a page spans the most
 * pages a copy can (17) and is copied whole: off by one in the page-count
 * bound, the helper's array of page pointers would overflow on the stack.
 */
static void test_copy_size_one_past_the_max(void **state)
{
	struct fixture *f = *state;
	init_limit(f, MAP_END);
	uint8_t *buf = test_malloc(PV_HC_COPY_MAX + 1u);
	uint32_t va = MAP_BASE + 4096u - 1u; /* 1 byte, 15 pages, 4095 bytes */
	unsigned calls = f->guest.access_calls;
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(va),
					       PV_HC_COPY_MAX + 1u, 1),
			 PV_E2BIG);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(va), buf,
					     PV_HC_COPY_MAX + 1u, 1),
			 PV_E2BIG);
	assert_int_equal(f->guest.access_calls, calls);
	assert_int_equal(pv_hc_copy_from_guest(&f->hc, pv_domid(1), buf, pv_gvaddr(va),
					       PV_HC_COPY_MAX, 1),
			 PV_OK);
	assert_int_equal(f->guest.access_calls, calls + 17u);
	assert_memory_equal(buf, gmem(f, va), PV_HC_COPY_MAX);
	memset(buf, 0xC3, PV_HC_COPY_MAX);
	assert_int_equal(pv_hc_copy_to_guest(&f->hc, pv_domid(1), pv_gvaddr(va), buf,
					     PV_HC_COPY_MAX, 1),
			 PV_OK);
	assert_memory_equal(buf, gmem(f, va), PV_HC_COPY_MAX);
	test_free(buf);
}

/* ---- multicall arrays at the limit ------------------------------------- */

static void put_echo(struct fixture *f, uint32_t va, uint32_t arg)
{
	struct pv_multicall_entry e = { HC_ECHO, { arg }, 99, 0 };
	memcpy(gmem(f, va), &e, sizeof e);
}

static int32_t result_at(struct fixture *f, uint32_t va)
{
	struct pv_multicall_entry e;
	memcpy(&e, gmem(f, va), sizeof e);
	return e.result;
}

static int32_t multicall(struct fixture *f, uint32_t base, uint32_t n, unsigned *rounds)
{
	struct pv_trap_frame tf;
	memset(&tf, 0, sizeof tf);
	tf.r[0] = base;
	tf.r[1] = n;
	tf.r[12] = HC_MULTI;
	tf.cpsr = PV_PSR_MODE_USR;
	int32_t rc;
	*rounds = 0;
	do {
		(*rounds)++;
		assert_true(*rounds < 100);
		tf.pc = 0x8004;
		rc = pv_hc_dispatch(&f->hc, pv_domid(1), &tf);
	} while (rc == PV_ERESTART);
	return rc;
}

/*
 * Attack: a multicall array of 16 entries (four rounds) whose last entry
 * ends exactly at guest_va_limit runs completely; the same array moved so
 * it ends past the limit is refused before any entry runs, although its
 * first round lies wholly below the limit. Checked only per round, the
 * batch would run three rounds of hypercalls and then write a result into
 * the hypervisor's range.
 */
static void test_multicall_array_ending_exactly_at_and_past_the_limit(void **state)
{
	struct fixture *f = *state;
	uint32_t lim = f->limit, n = 16, bytes = n * 32u;
	uint32_t base = lim - bytes;
	for (uint32_t i = 0; i < n; i++)
		put_echo(f, base + 32u * i, 100 + i);
	unsigned rounds;
	assert_int_equal(multicall(f, base, n, &rounds), PV_OK);
	assert_int_equal(rounds, 4);
	for (uint32_t i = 0; i < n; i++)
		assert_int_equal(result_at(f, base + 32u * i), (int32_t)(100 + i));
	/* Four bytes later (the next aligned address): ends 4 bytes past. */
	base += 4;
	for (uint32_t i = 0; i < n; i++)
		put_echo(f, base + 32u * i, i);
	unsigned echoes = f->guest.echoes, calls = f->guest.access_calls;
	assert_int_equal(multicall(f, base, n, &rounds), PV_EFAULT);
	assert_int_equal(rounds, 1);
	assert_int_equal(f->guest.echoes, echoes);
	assert_int_equal(f->guest.access_calls, calls);
	assert_int_equal(result_at(f, base), 99);
}

/*
 * Attack: the same with a limit of the form 4k + 3, where an aligned array
 * can end exactly one byte past it: refused before any entry runs.
 */
static void test_multicall_array_ending_one_byte_past_the_limit(void **state)
{
	struct fixture *f = *state;
	uint32_t lim = MAP_BASE + 8u * 4096u - 1u, n = 16;
	init_limit(f, lim);
	uint32_t base = lim + 1u - n * 32u;
	for (uint32_t i = 0; i < n; i++)
		put_echo(f, base + 32u * i, i);
	unsigned rounds, echoes = f->guest.echoes;
	assert_int_equal(multicall(f, base, n, &rounds), PV_EFAULT);
	assert_int_equal(f->guest.echoes, echoes);
	/* One entry fewer ends 31 bytes below the limit: runs. */
	assert_int_equal(multicall(f, base, n - 1, &rounds), PV_OK);
	assert_int_equal(f->guest.echoes, echoes + n - 1);
}

/*
 * Attack: with no limit (4 GiB), a multicall array ending exactly at 2^32
 * does not wrap (it is refused only because this guest maps nothing
 * there: PV_EFAULT from the access check), while one entry further starts
 * wrapping: PV_EOVERFLOW, before any access. Off by one the other way, the
 * last array of the address space would be called an overflow, or a
 * wrapping one would reach the access function with an address past the
 * top.
 */
static void test_multicall_array_ending_at_the_top_of_the_address_space(void **state)
{
	struct fixture *f = *state;
	init_limit(f, 0);
	uint32_t n = 4, base = 0u - n * 32u;
	unsigned rounds, calls = f->guest.access_calls;
	assert_int_equal(multicall(f, base + 32u, n, &rounds), PV_EOVERFLOW);
	assert_int_equal(f->guest.access_calls, calls);
	assert_int_equal(multicall(f, base, n, &rounds), PV_EFAULT);
	assert_int_equal(f->guest.access_calls, calls + 1u);
	assert_int_equal(f->guest.echoes, 0);
}

/*
 * Attack: name multicall_max + 1 entries: PV_E2BIG before anything is read.
 * Exactly multicall_max runs. Off by one, the batch bound that keeps a
 * guest's single trap from running unbounded work (and every size computed
 * from the count in 32 bits) would not hold.
 */
static void test_multicall_count_one_past_the_max(void **state)
{
	struct fixture *f = *state;
	uint32_t base = MAP_BASE;
	for (uint32_t i = 0; i < 17; i++)
		put_echo(f, base + 32u * i, i);
	unsigned rounds, calls = f->guest.access_calls;
	assert_int_equal(multicall(f, base, 17, &rounds), PV_E2BIG);
	assert_int_equal(f->guest.access_calls, calls);
	assert_int_equal(multicall(f, base, 16, &rounds), PV_OK);
	assert_int_equal(result_at(f, base + 15u * 32u), 15);
	assert_int_equal(result_at(f, base + 16u * 32u), 99);
}

/* ---- domains and table ------------------------------------------------- */

/*
 * Attack: call as domain nr_domains (one past the permission array): the
 * dispatcher refuses with PV_EPERM without reading a permission word past
 * the array; permissions for that id cannot be set (PV_ESRCH) and read as
 * none. The last domain id is an ordinary domain. Off by one, a guest with
 * that id would be granted whatever bits lie after the array.
 */
static void test_domain_one_past_the_permission_array(void **state)
{
	struct fixture *f = *state;
	struct pv_hc_perm all = { (UINT64_C(1) << HC_ECHO) | (UINT64_C(1) << HC_MULTI) };
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(DOMS), all), PV_ESRCH);
	assert_true(pv_hc_perm_get(&f->hc, pv_domid(DOMS)).allow == 0);
	struct pv_trap_frame tf;
	memset(&tf, 0, sizeof tf);
	tf.r[12] = HC_ECHO;
	tf.r[0] = 5;
	tf.pc = 0x8004;
	tf.cpsr = PV_PSR_MODE_USR;
	uint32_t args[PV_HC_MAX_ARGS] = { 5 };
	assert_int_equal(pv_hc_dispatch(&f->hc, pv_domid(DOMS), &tf), PV_EPERM);
	assert_int_equal(pv_hc_invoke(&f->hc, pv_domid(DOMS), HC_ECHO, args, false), PV_EPERM);
	assert_int_equal(f->guest.echoes, 0);
	assert_int_equal(pv_hc_perm_set(&f->hc, pv_domid(DOMS - 1), all), PV_OK);
	assert_true(pv_hc_perm_get(&f->hc, pv_domid(DOMS - 1)).allow == all.allow);
	assert_int_equal(pv_hc_invoke(&f->hc, pv_domid(DOMS - 1), HC_ECHO, args, false), 5);
}

/*
 * Attack (on the configuration): the largest domain count (every guest id)
 * and one more; the largest table (PV_HC_NR_LIMIT entries, numbers 0..63 in
 * one 64-bit permission word) and one more; hypercall number 63 usable and
 * 64 refused. Off by one, a permission bit would be shifted out of the
 * word (undefined behaviour; on ARM, bit 0's permission for call 64).
 */
static void test_config_counts_one_past(void **state)
{
	struct fixture *f = *state;
	struct pv_hc hc;
	struct pv_hc_config c = cfg_with_limit(f, 0);
	uint32_t bad;
	uint32_t ndom = (uint32_t)PV_DOMID_MAX_GUEST + 1u;
	struct pv_hc_perm *perms = calloc(ndom + 1u, sizeof *perms);
	assert_non_null(perms);
	c.perms = perms;
	c.nr_domains = ndom + 1u;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c.nr_domains = ndom;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_OK);
	struct pv_hc_perm echo = { UINT64_C(1) << HC_ECHO };
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(PV_DOMID_MAX_GUEST), echo), PV_OK);
	uint32_t args[PV_HC_MAX_ARGS] = { 9 };
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(PV_DOMID_MAX_GUEST), HC_ECHO, args, false), 9);
	assert_int_equal(pv_hc_invoke(&hc, pv_domid_hyp(), HC_ECHO, args, false), PV_EPERM);
	free(perms);

	/* A full table: every number 0..63. */
	static struct pv_hc_entry full[PV_HC_NR_LIMIT + 1];
	static const char *names = "x";
	for (uint32_t i = 0; i <= PV_HC_NR_LIMIT; i++)
		full[i] = (struct pv_hc_entry){ i, 1, 0, names, h_echo };
	c = cfg_with_limit(f, 0);
	c.table = full;
	c.table_len = PV_HC_NR_LIMIT + 1u;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	c.table_len = PV_HC_NR_LIMIT;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_OK);
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(1),
					(struct pv_hc_perm){ UINT64_C(1) << (PV_HC_NR_LIMIT - 1u) }),
			 PV_OK);
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(1), PV_HC_NR_LIMIT - 1u, args, false), 9);
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(1), PV_HC_NR_LIMIT - 2u, args, false), PV_EPERM);
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(1), PV_HC_NR_LIMIT, args, false), PV_ENOSYS);
	/* Permissions naming a number past the table are refused. */
	c.table_len = PV_HC_NR_LIMIT - 1u;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_OK);
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(1),
					(struct pv_hc_perm){ UINT64_C(1) << (PV_HC_NR_LIMIT - 1u) }),
			 PV_EINVAL);
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(1), PV_HC_NR_LIMIT - 1u, args, false), PV_ENOSYS);
	/* Arity: five is the most, six refused, at the index that has it. */
	full[3].arity = PV_HC_MAX_ARGS;
	c.table_len = PV_HC_NR_LIMIT;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_OK);
	full[3].arity = PV_HC_MAX_ARGS + 1u;
	assert_int_equal(pv_hc_init(&hc, &c, &bad), PV_EINVAL);
	assert_int_equal(bad, 3);
	full[3].arity = 1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_copy_ending_one_byte_past_the_va_limit),
		T(test_copy_against_an_unaligned_va_limit),
		T(test_copy_wrapping_the_address_space),
		T(test_copy_size_one_past_the_max),
		T(test_multicall_array_ending_exactly_at_and_past_the_limit),
		T(test_multicall_array_ending_one_byte_past_the_limit),
		T(test_multicall_array_ending_at_the_top_of_the_address_space),
		T(test_multicall_count_one_past_the_max),
		T(test_domain_one_past_the_permission_array),
		T(test_config_counts_one_past),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
