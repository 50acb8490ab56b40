/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target over the guest-facing entry points of lib/hypercall:
 * pv_hc_dispatch (any r12, any arguments, any domain, multicall arrays in a
 * fuzzed guest memory) and the guest copy helpers. Invariants checked after
 * every step (a violation traps):
 *   - a handler runs only for a known number that the domain may call;
 *   - the guest never sees PV_ERESTART in r0, and a re-issued call keeps r12;
 *   - the handlers' own count of entries equals the statistics' call count;
 *   - a refused copy changes neither side.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <pvlib/hypercall.h>

#define CHECK(x) do { if (!(x)) __builtin_trap(); } while (0)

#define GBASE 0x4000u
#define GSIZE (3u * 4096u)
#define NDOMS 3u

struct world {
	uint8_t guest[NDOMS][GSIZE];
	uint64_t entered[8];
	uint64_t allowed[NDOMS];
	uint16_t last_dom;
};

static struct world W;

static enum pv_status access_fn(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len, bool write,
			 uint8_t **host)
{
	struct world *w = user;
	uint32_t a = pv_gvaddr_val(va);
	uint16_t d = pv_domid_val(dom);
	CHECK(len > 0 && len <= 4096 && a / 4096 == (a + len - 1) / 4096);
	if (d >= NDOMS || a < GBASE || a + len > GBASE + GSIZE)
		return PV_EFAULT;
	if (write && a >= GBASE + 2 * 4096u) /* last page read-only */
		return PV_EACCES;
	*host = &w->guest[d][a - GBASE];
	return PV_OK;
}

static int32_t count(struct pv_hc_call *c)
{
	struct world *w = c->user;
	CHECK(c->nr < 8);
	CHECK(pv_domid_val(c->dom) < NDOMS);
	CHECK(w->allowed[pv_domid_val(c->dom)] & (UINT64_C(1) << c->nr));
	w->entered[c->nr]++;
	return (int32_t)(c->args[0] & 0x7fffffff);
}

static int32_t steps(struct pv_hc_call *c)
{
	struct world *w = c->user;
	w->entered[c->nr]++;
	if (c->args[0] == 0)
		return 0;
	c->args[0] /= 2; /* always progresses: at most 32 rounds */
	return PV_ERESTART;
}

static int32_t copier(struct pv_hc_call *c)
{
	struct world *w = c->user;
	w->entered[c->nr]++;
	uint8_t buf[128];
	uint32_t len = c->args[1] & 0xff;
	if (len > sizeof buf)
		len = sizeof buf;
	memset(buf, 0xEE, sizeof buf);
	int32_t rc = pv_hc_copy_from_guest(c->hc, c->dom, buf, pv_gvaddr(c->args[0]), len, 1u << (c->args[2] & 3));
	if (rc != PV_OK) {
		for (unsigned i = 0; i < sizeof buf; i++)
			CHECK(buf[i] == 0xEE);
		return rc;
	}
	uint16_t d = pv_domid_val(c->dom);
	uint8_t before[GSIZE];
	memcpy(before, w->guest[d], GSIZE);
	rc = pv_hc_copy_to_guest(c->hc, c->dom, pv_gvaddr(c->args[3]), buf, len, 1u << (c->args[4] & 3));
	if (rc != PV_OK)
		CHECK(memcmp(before, w->guest[d], GSIZE) == 0);
	return rc;
}

/* Owns the frame (an iret): rewrites every register, r0 included, with
 * values derived from its argument, and returns a result the dispatcher
 * must not store. */
static int32_t owner(struct pv_hc_call *c)
{
	struct world *w = c->user;
	w->entered[c->nr]++;
	CHECK(c->frame != NULL);
	uint32_t a = c->args[0];
	for (unsigned i = 0; i < 13; i++)
		c->frame->r[i] = a ^ (0x0F0F0000u + i);
	c->frame->pc = 0x2000;
	return (a & 1u) ? PV_EINVAL : (int32_t)(a >> 1);
}

static const struct pv_hc_entry table[8] = {
	[0] = { 0, 1, 0, "count", count },
	[1] = { 1, 5, 0, "count5", count },
	[2] = { 2, 1, PV_HC_F_PREEMPTIBLE, "steps", steps },
	[3] = { 3, 2, PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL, "multicall", pv_hc_multicall },
	[5] = { 5, 5, 0, "copier", copier },
	[6] = { 6, 1, PV_HC_F_NO_MULTICALL, "nobatch", count },
	[7] = { 7, 1, PV_HC_F_OWNS_FRAME | PV_HC_F_NO_MULTICALL, "owner", owner },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pv_hc hc;
	struct pv_hc_stats stats[8];
	struct pv_hc_perm perms[NDOMS];
	memset(&W, 0, sizeof W);
	struct pv_hc_config cfg = {
		.table = table, .table_len = 8, .stats = stats, .perms = perms,
		.nr_domains = NDOMS, .access = access_fn, .user = &W,
		.guest_va_limit = 0x80000000u, .multicall_max = 64, .multicall_slice = 5,
	};
	CHECK(pv_hc_init(&hc, &cfg, NULL) == PV_OK);
	const uint64_t valid = 0xEFu;
	if (size < 8)
		return 0;
	/* First bytes: the three domains' permission sets; then guest memory. */
	for (unsigned d = 0; d < NDOMS; d++) {
		W.allowed[d] = data[d] & valid;
		CHECK(pv_hc_perm_set(&hc, pv_domid((uint16_t)d), (struct pv_hc_perm){ W.allowed[d] }) == PV_OK);
	}
	CHECK(pv_hc_perm_set(&hc, pv_domid(0), (struct pv_hc_perm){ 1u << 4 }) == PV_EINVAL);
	data += NDOMS;
	size -= NDOMS;
	size_t gl = size / 2 < GSIZE ? size / 2 : GSIZE;
	for (unsigned d = 0; d < NDOMS; d++)
		memcpy(W.guest[d], data, gl);
	data += gl;
	size -= gl;

	/* The rest: a sequence of traps, 25 bytes each. */
	while (size >= 25) {
		struct pv_trap_frame tf;
		uint16_t dom = data[0] % (NDOMS + 1); /* one past the last: unknown */
		memcpy(tf.r, data + 1, 20);
		for (unsigned i = 5; i < 13; i++)
			tf.r[i] = 0;
		tf.r[12] = data[21] & 0x80 ? (uint32_t)data[21] << 24 : data[21] & 7u;
		tf.pc = 0x1000;
		tf.cpsr = PV_PSR_MODE_USR | (data[22] & 1 ? PV_PSR_T : 0);
		/* Steer multicall arrays and copies into the guest window. */
		if (data[23] & 1)
			tf.r[0] = GBASE + (tf.r[0] % GSIZE);
		if (data[23] & 2)
			tf.r[1] %= 80;
		if (data[23] & 4)
			tf.r[3] = GBASE + (tf.r[3] % GSIZE);
		uint32_t nr = tf.r[12], arg0 = tf.r[0];
		for (unsigned round = 0; round < 4000; round++) {
			uint64_t owned = W.entered[7];
			int32_t rc = pv_hc_dispatch(&hc, pv_domid(dom), &tf);
			if (rc != PV_ERESTART && W.entered[7] != owned) {
				/* The frame is the owner's: r0 not overwritten. */
				CHECK(nr == 7 && tf.pc == 0x2000u);
				CHECK(tf.r[0] == (arg0 ^ 0x0F0F0000u));
				CHECK(rc == ((arg0 & 1u) ? PV_EINVAL : (int32_t)(arg0 >> 1)));
				break;
			}
			if (rc != PV_ERESTART) {
				CHECK((int32_t)tf.r[0] == rc);
				break;
			}
			CHECK(tf.r[12] == nr);
			CHECK(tf.pc == 0x1000u - ((tf.cpsr & PV_PSR_T) ? 2u : 4u));
			tf.pc = 0x1000;
			CHECK(round < 3999); /* 64 entries x 33 rounds at most */
		}
		data += 25;
		size -= 25;
	}
	for (unsigned nr = 0; nr < 8; nr++) {
		const struct pv_hc_stats *st = pv_hc_stats_get(&hc, nr);
		if (!st) {
			CHECK(W.entered[nr] == 0);
			continue;
		}
		if (nr != 3) /* multicall's own handler does not count entries */
			CHECK(st->calls == W.entered[nr]);
		CHECK(st->errors <= st->calls);
	}
	return 0;
}
