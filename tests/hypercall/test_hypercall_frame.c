/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/hypercall: entries flagged PV_HC_F_OWNS_FRAME (a return from a virtual
 * exception, which replaces every register). The handler gets the trap
 * frame and writes it; the dispatcher does not store its result in r0. Like
 * every other entry it is refused before its handler for an unknown number,
 * a missing permission bit (in either half of the mask, and for a domain
 * past nr_domains), inside a multicall, and here also through
 * pv_hc_invoke(), which has no frame; every refusal is written to r0 and
 * counted. pv_hc_init() refuses a frame owner that could be batched or
 * continued.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <pvlib/hypercall.h>

#include "port_fake.h"

/* The owner at the first and at the last number a table can have, so both
 * halves of the permission word are tried. */
enum { HC_OWNER = 0, HC_PLAIN = 1, HC_MULTI = 2, HC_OWNER_HIGH = 63, NR_TABLE = 64 };

#define DOMS 3u
#define GBASE 0x10000u
#define GSIZE 4096u

struct world {
	unsigned owner_runs, plain_runs;
	struct pv_trap_frame *frame_seen; /* what the last handler got */
	int32_t owner_result;
	uint8_t guest[GSIZE];
};

static struct world W;

static int32_t h_owner(struct pv_hc_call *c)
{
	W.owner_runs++;
	W.frame_seen = c->frame;
	/* What an iret does: every register from elsewhere. */
	for (uint32_t i = 0; i < 13; i++)
		c->frame->r[i] = 0x50000000u + i;
	c->frame->sp = 0x5000000Du;
	c->frame->lr = 0x5000000Eu;
	c->frame->pc = 0x5000000Fu;
	c->frame->cpsr = 0x10u;
	return W.owner_result;
}

static int32_t h_plain(struct pv_hc_call *c)
{
	W.plain_runs++;
	W.frame_seen = c->frame;
	return 7;
}

static int32_t flat_access(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len, bool write,
			   uint8_t **host)
{
	(void)user;
	(void)write;
	(void)dom;
	uint32_t a = pv_gvaddr_val(va);
	if (a < GBASE || (uint64_t)a + len > GBASE + GSIZE)
		return PV_EFAULT;
	*host = W.guest + (a - GBASE);
	return PV_OK;
}

static struct pv_hc_entry table[NR_TABLE];
static struct pv_hc_stats stats[NR_TABLE];
static struct pv_hc_perm perms[DOMS];
static struct pv_hc hc;

static struct pv_hc_config config(uint32_t len)
{
	return (struct pv_hc_config){
		.table = table, .table_len = len, .stats = stats, .perms = perms,
		.nr_domains = DOMS, .access = flat_access, .multicall_max = 8,
		.multicall_slice = 8, .guest_va_limit = GBASE + GSIZE,
	};
}

static void setup_table(void)
{
	memset(table, 0, sizeof table);
	table[HC_OWNER] = (struct pv_hc_entry){ HC_OWNER, 0,
						PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL,
						"owner", h_owner };
	table[HC_PLAIN] = (struct pv_hc_entry){ HC_PLAIN, 1, 0, "plain", h_plain };
	table[HC_MULTI] = (struct pv_hc_entry){ HC_MULTI, 2,
						PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL,
						"multicall", pv_hc_multicall };
	table[HC_OWNER_HIGH] = (struct pv_hc_entry){ HC_OWNER_HIGH, 0,
						     PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL,
						     "owner_high", h_owner };
}

static int setup(void **state)
{
	(void)state;
	memset(&W, 0, sizeof W);
	setup_table();
	struct pv_hc_config c = config(NR_TABLE);
	assert_int_equal(pv_hc_init(&hc, &c, NULL), PV_OK);
	/* Domain 0 everything; domain 1 all but the owners; domain 2 only the
	 * owners' neighbours in the other half of the mask. */
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(0),
					(struct pv_hc_perm){ (UINT64_C(1) << HC_OWNER) |
							     (UINT64_C(1) << HC_PLAIN) |
							     (UINT64_C(1) << HC_MULTI) |
							     (UINT64_C(1) << HC_OWNER_HIGH) }),
			 PV_OK);
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(1),
					(struct pv_hc_perm){ (UINT64_C(1) << HC_PLAIN) |
							     (UINT64_C(1) << HC_MULTI) }),
			 PV_OK);
	assert_int_equal(pv_hc_perm_set(&hc, pv_domid(2),
					(struct pv_hc_perm){ (UINT64_C(1) << HC_MULTI) }),
			 PV_OK);
	return 0;
}

static struct pv_trap_frame frame(uint32_t nr)
{
	struct pv_trap_frame tf;
	for (uint32_t i = 0; i < 13; i++)
		tf.r[i] = 0xA0u + i;
	tf.r[12] = nr;
	tf.sp = 0xB0;
	tf.lr = 0xB1;
	tf.pc = 0x1000;
	tf.cpsr = 0x10;
	return tf;
}

/* The frame a refusal leaves: r0 the error, everything else untouched. */
static void assert_refused(const struct pv_trap_frame *tf, uint32_t nr, int32_t err)
{
	struct pv_trap_frame want = frame(nr);
	want.r[0] = (uint32_t)err;
	assert_memory_equal(tf, &want, sizeof want);
}

static void assert_owned(const struct pv_trap_frame *tf)
{
	for (uint32_t i = 0; i < 13; i++)
		assert_int_equal(tf->r[i], 0x50000000u + i);
	assert_int_equal(tf->pc, 0x5000000Fu);
}

/* ---- configuration --------------------------------------------------- */

static void check_refused_entry(uint32_t idx, int32_t err)
{
	struct pv_hc h;
	uint32_t bad = 0;
	struct pv_hc_config c = config(NR_TABLE);
	assert_int_equal(pv_hc_init(&h, &c, &bad), err);
	assert_int_equal(bad, idx);
}

static void test_init_refuses_a_batched_or_continued_owner(void **state)
{
	(void)state;
	/* Batchable: a multicall entry has no frame. */
	setup_table();
	table[HC_OWNER].flags = PV_HC_F_OWNS_FRAME;
	check_refused_entry(HC_OWNER, PV_EINVAL);
	/* Continued: the dispatcher would wind back the pc it replaced. */
	table[HC_OWNER].flags = PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL | PV_HC_F_PREEMPTIBLE;
	check_refused_entry(HC_OWNER, PV_EINVAL);
	table[HC_OWNER].flags = PV_HC_F_OWNS_FRAME | PV_HC_F_PREEMPTIBLE;
	check_refused_entry(HC_OWNER, PV_EINVAL);
	/* The last entry too (the check runs over the whole table). */
	setup_table();
	table[HC_OWNER_HIGH].flags = PV_HC_F_OWNS_FRAME;
	check_refused_entry(HC_OWNER_HIGH, PV_EINVAL);
	/* The multicall handler can never own the frame. */
	setup_table();
	table[HC_MULTI].flags = PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL | PV_HC_F_PREEMPTIBLE;
	check_refused_entry(HC_MULTI, PV_EINVAL);
	table[HC_MULTI].flags = PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL;
	check_refused_entry(HC_MULTI, PV_EINVAL);
	/* The next bit is still unknown. */
	setup_table();
	table[HC_PLAIN].flags = PV_HC_F_OWNS_FRAME << 1;
	check_refused_entry(HC_PLAIN, PV_EINVAL);
	/* PV_HC_F_ALL names every valid flag and nothing else. */
	assert_int_equal(PV_HC_F_ALL,
			 PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL | PV_HC_F_OWNS_FRAME);
	/* The valid combination is accepted. */
	setup_table();
	struct pv_hc h;
	struct pv_hc_config c = config(NR_TABLE);
	assert_int_equal(pv_hc_init(&h, &c, NULL), PV_OK);
}

/* ---- dispatch --------------------------------------------------------- */

/*
 * The owner gets the frame and writes it; r0 is what it wrote, not its
 * result, at both ends of the table. A plain handler gets no frame.
 */
static void test_owner_writes_the_frame(void **state)
{
	(void)state;
	const uint32_t nrs[] = { HC_OWNER, HC_OWNER_HIGH };
	for (uint32_t k = 0; k < 2; k++) {
		struct pv_trap_frame tf = frame(nrs[k]);
		W.owner_result = 3;
		W.frame_seen = NULL;
		uint64_t calls = stats[nrs[k]].calls;
		assert_int_equal(pv_hc_dispatch(&hc, pv_domid(0), &tf), 3);
		assert_ptr_equal(W.frame_seen, &tf);
		assert_owned(&tf);
		assert_int_equal(tf.r[0], 0x50000000u); /* not 3 */
		assert_true(stats[nrs[k]].calls == calls + 1u);
		assert_true(stats[nrs[k]].errors == 0);
	}
	assert_int_equal(W.owner_runs, 2);

	struct pv_trap_frame tf = frame(HC_PLAIN);
	W.frame_seen = &tf;
	assert_int_equal(pv_hc_dispatch(&hc, pv_domid(0), &tf), 7);
	assert_null(W.frame_seen);
	assert_int_equal(tf.r[0], 7);
	assert_int_equal(tf.pc, 0x1000);
}

/* An owner's error is counted as an error, and still not stored in r0 (the
 * handler decides what the guest sees). */
static void test_owner_error_is_counted_not_stored(void **state)
{
	(void)state;
	struct pv_trap_frame tf = frame(HC_OWNER);
	W.owner_result = PV_EFAULT;
	assert_int_equal(pv_hc_dispatch(&hc, pv_domid(0), &tf), PV_EFAULT);
	assert_owned(&tf);
	assert_true(stats[HC_OWNER].calls == 1 && stats[HC_OWNER].errors == 1);
	assert_true(stats[HC_OWNER].restarts == 0);
}

/*
 * Attack: a domain without the owner's bit (domain 1: every other bit
 * around it; domain 2: only the other half's bits), or past nr_domains,
 * makes the call to restore a frame it forged. Refused before the handler
 * with PV_EPERM in r0, the rest of the frame untouched.
 */
static void test_owner_needs_its_permission_bit(void **state)
{
	(void)state;
	const uint32_t nrs[] = { HC_OWNER, HC_OWNER_HIGH };
	const uint16_t doms[] = { 1, 2, DOMS, 0xFFFF };
	for (uint32_t k = 0; k < 2; k++) {
		for (uint32_t j = 0; j < 4; j++) {
			struct pv_trap_frame tf = frame(nrs[k]);
			uint64_t denied = hc.denied;
			assert_int_equal(pv_hc_dispatch(&hc, pv_domid(doms[j]), &tf), PV_EPERM);
			assert_refused(&tf, nrs[k], PV_EPERM);
			assert_true(hc.denied == denied + 1u);
		}
	}
	assert_int_equal(W.owner_runs, 0);
	assert_true(stats[HC_OWNER].calls == 0 && stats[HC_OWNER_HIGH].calls == 0);
}

/* Numbers around the owners that have no handler, and past the table: as
 * for every entry, PV_ENOSYS in r0. */
static void test_unknown_numbers_next_to_the_owner(void **state)
{
	(void)state;
	const uint32_t nrs[] = { HC_OWNER_HIGH - 1u, NR_TABLE, HC_OWNER_HIGH + 64u, UINT32_MAX };
	for (uint32_t k = 0; k < 4; k++) {
		struct pv_trap_frame tf = frame(nrs[k]);
		uint64_t unknown = hc.unknown;
		assert_int_equal(pv_hc_dispatch(&hc, pv_domid(0), &tf), PV_ENOSYS);
		assert_refused(&tf, nrs[k], PV_ENOSYS);
		assert_true(hc.unknown == unknown + 1u);
	}
	assert_int_equal(W.owner_runs, 0);
}

/* Inside a multicall: PV_EINVAL for that entry, the handler never runs,
 * the batch goes on (the plain entry after it runs). */
static void test_owner_refused_inside_a_multicall(void **state)
{
	(void)state;
	struct pv_multicall_entry mc[2] = { { .op = HC_OWNER }, { .op = HC_PLAIN } };
	memcpy(W.guest, mc, sizeof mc);
	struct pv_trap_frame tf = frame(HC_MULTI);
	tf.r[0] = GBASE;
	tf.r[1] = 2;
	assert_int_equal(pv_hc_dispatch(&hc, pv_domid(0), &tf), PV_OK);
	memcpy(mc, W.guest, sizeof mc);
	assert_int_equal(mc[0].result, PV_EINVAL);
	assert_int_equal(mc[1].result, 7);
	assert_int_equal(W.owner_runs, 0);
	assert_int_equal(W.plain_runs, 1);
	assert_true(hc.unbatchable == 1);
}

/* pv_hc_invoke() has no frame to give: PV_EINVAL before the handler,
 * counted; allowed or not, the permission is still checked first. */
static void test_owner_refused_without_a_frame(void **state)
{
	(void)state;
	uint32_t args[PV_HC_MAX_ARGS] = { 1, 2, 3, 4, 5 };
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(0), HC_OWNER, args, false), PV_EINVAL);
	assert_true(hc.unbatchable == 1);
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(1), HC_OWNER, args, false), PV_EPERM);
	assert_true(hc.unbatchable == 1 && hc.denied == 1);
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(0), HC_OWNER_HIGH, args, true), PV_EINVAL);
	assert_true(hc.unbatchable == 2);
	assert_int_equal(W.owner_runs, 0);
	for (uint32_t i = 0; i < PV_HC_MAX_ARGS; i++)
		assert_int_equal(args[i], i + 1u);
	/* A plain entry through invoke gets no frame either. */
	W.frame_seen = (struct pv_trap_frame *)&W;
	assert_int_equal(pv_hc_invoke(&hc, pv_domid(0), HC_PLAIN, args, false), 7);
	assert_null(W.frame_seen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init_refuses_a_batched_or_continued_owner, setup),
		cmocka_unit_test_setup(test_owner_writes_the_frame, setup),
		cmocka_unit_test_setup(test_owner_error_is_counted_not_stored, setup),
		cmocka_unit_test_setup(test_owner_needs_its_permission_bit, setup),
		cmocka_unit_test_setup(test_unknown_numbers_next_to_the_owner, setup),
		cmocka_unit_test_setup(test_owner_refused_inside_a_multicall, setup),
		cmocka_unit_test_setup(test_owner_refused_without_a_frame, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
