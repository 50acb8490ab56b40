/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypercall dispatch: table check, permissions, argument ABI, continuations.
 * Concurrency contract: see include/pvlib/hypercall.h.
 */
#include <pvlib/hypercall.h>
#include <pvlib/port.h>

static bool entry_used(const struct pv_hc_entry *e)
{
	return e->handler != 0;
}

/* A call's fields that are the same for every call on hc: the instance,
 * its user pointer and no frame (a frame owner's is set by invoke). */
static inline void call_init(struct pv_hc_call *call, struct pv_hc *hc)
{
	call->hc = hc;
	call->user = hc->user;
	call->frame = 0;
}

enum pv_status pv_hc_init(struct pv_hc *hc, const struct pv_hc_config *cfg, uint32_t *bad_index)
{
	uint32_t bad_sink;
	if (!bad_index)
		bad_index = &bad_sink;
	*bad_index = UINT32_MAX;

	if (!hc || !cfg || !cfg->table || !cfg->stats || !cfg->perms)
		return PV_EINVAL;
	if (cfg->table_len == 0 || cfg->table_len > PV_HC_NR_LIMIT)
		return PV_EINVAL;
	if (cfg->nr_domains == 0 || cfg->nr_domains > (uint32_t)PV_DOMID_MAX_GUEST + 1u)
		return PV_EINVAL;
	if (cfg->multicall_slice == 0 || cfg->multicall_max > PV_HC_MULTICALL_MAX)
		return PV_EINVAL;

	uint64_t seen = 0;
	for (uint32_t i = 0; i < cfg->table_len; i++) {
		const struct pv_hc_entry *e = &cfg->table[i];
		if (!entry_used(e))
			continue;
		*bad_index = i;
		if (!e->name || e->arity > PV_HC_MAX_ARGS || (e->flags & ~PV_HC_F_ALL) != 0)
			return PV_EINVAL;
		if (e->nr >= PV_HC_NR_LIMIT)
			return PV_EINVAL;
		if (seen & (UINT64_C(1) << e->nr))
			return PV_EEXIST;
		seen |= UINT64_C(1) << e->nr;
		if (e->nr != i)
			return PV_EINVAL;
		/* A frame owner is never batched (no frame there) and never
		 * continued (it has replaced the pc a continuation winds back). */
		if ((e->flags & PV_HC_F_OWNS_FRAME) &&
		    (e->flags & (PV_HC_F_NO_MULTICALL | PV_HC_F_PREEMPTIBLE)) != PV_HC_F_NO_MULTICALL)
			return PV_EINVAL;
		/* Multicall must be preemptible, take (array, count) and never nest. */
		if (e->handler == pv_hc_multicall &&
		    (e->arity != 2 || e->flags != (PV_HC_F_PREEMPTIBLE | PV_HC_F_NO_MULTICALL)))
			return PV_EINVAL;
	}
	*bad_index = UINT32_MAX;

	*hc = (struct pv_hc){
		.table = cfg->table, .table_len = cfg->table_len,
		.stats = cfg->stats, .perms = cfg->perms, .nr_domains = cfg->nr_domains,
		.access = cfg->access, .sync = cfg->sync, .user = cfg->user,
		.guest_va_limit = cfg->guest_va_limit,
		.multicall_max = cfg->multicall_max, .multicall_slice = cfg->multicall_slice,
		.unknown = 0, .denied = 0, .unbatchable = 0,
	};
	call_init(&hc->call, hc);
	for (uint32_t i = 0; i < cfg->table_len; i++)
		cfg->stats[i] = (struct pv_hc_stats){ 0, 0, 0 };
	for (uint32_t d = 0; d < cfg->nr_domains; d++)
		cfg->perms[d].allow = 0;
	return PV_OK;
}

static const struct pv_hc_entry *lookup(const struct pv_hc *hc, uint32_t nr)
{
	if (nr >= hc->table_len)
		return 0;
	const struct pv_hc_entry *e = &hc->table[nr];
	return entry_used(e) ? e : 0;
}

/*
 * A domain's mask is stored with each 32-bit half mirrored (bit i of a
 * half at 31 - i), so that dispatch finds bit nr as the sign of its half
 * shifted left by nr & 31 (perm_allows). Its own inverse.
 */
static uint64_t mirror_halves(uint64_t m)
{
	m = ((m >> 1) & UINT64_C(0x5555555555555555)) | ((m & UINT64_C(0x5555555555555555)) << 1);
	m = ((m >> 2) & UINT64_C(0x3333333333333333)) | ((m & UINT64_C(0x3333333333333333)) << 2);
	m = ((m >> 4) & UINT64_C(0x0F0F0F0F0F0F0F0F)) | ((m & UINT64_C(0x0F0F0F0F0F0F0F0F)) << 4);
	m = ((m >> 8) & UINT64_C(0x00FF00FF00FF00FF)) | ((m & UINT64_C(0x00FF00FF00FF00FF)) << 8);
	return ((m >> 16) & UINT64_C(0x0000FFFF0000FFFF)) | ((m & UINT64_C(0x0000FFFF0000FFFF)) << 16);
}

enum pv_status pv_hc_perm_set(struct pv_hc *hc, pv_domid_t dom, struct pv_hc_perm perm)
{
	if (pv_domid_val(dom) >= hc->nr_domains)
		return PV_ESRCH;
	for (uint32_t nr = 0; nr < PV_HC_NR_LIMIT; nr++) {
		if ((perm.allow & (UINT64_C(1) << nr)) && !lookup(hc, nr))
			return PV_EINVAL;
	}
	hc->perms[pv_domid_val(dom)].allow = mirror_halves(perm.allow);
	return PV_OK;
}

struct pv_hc_perm pv_hc_perm_get(const struct pv_hc *hc, pv_domid_t dom)
{
	if (pv_domid_val(dom) >= hc->nr_domains)
		return (struct pv_hc_perm){ 0 };
	return (struct pv_hc_perm){ mirror_halves(hc->perms[pv_domid_val(dom)].allow) };
}

/* Which 32-bit word of a 64-bit value holds bits 0..31: the second one on
 * a big-endian core. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define LOW_WORD 1u
#else
#define LOW_WORD 0u
#endif

typedef uint32_t __attribute__((may_alias)) word_alias;

/*
 * May domain d make hypercall nr? One 32-bit load of the half of d's 64-bit
 * mask that holds bit nr, indexed from the start of the array (word 2d is
 * one half of perms[d], 2d + 1 the other), so that a 32-bit core needs no
 * 64-bit shift; the half is stored mirrored (mirror_halves), so bit nr is
 * its sign once shifted left by nr & 31: a shift that sets the flags and a
 * branch. The same line for both byte orders (nr < 64, so nr >> 5 is 0 or
 * 1), so the host tests exercise the one a big-endian core runs.
 */
_Static_assert(sizeof(struct pv_hc_perm) == 8, "perm_allows reads perms[d] as words 2d and 2d + 1");

static inline bool perm_allows(const struct pv_hc *hc, uint32_t d, uint32_t nr)
{
	const word_alias *mask = (const word_alias *)(const void *)hc->perms;
	uint32_t half = mask[2u * d + ((nr >> 5) ^ LOW_WORD)];
	return ((half << (nr & 31u)) & 0x80000000u) != 0;
}

/*
 * Add n to a 64-bit counter: a 32-bit add to its low half, and the carry to
 * the high half behind a branch taken once in 2^32 counts (a 64-bit add is
 * two loads, an add with carry and two stores on a 32-bit core). The empty
 * asm keeps the compiler from turning that branch into three conditional
 * instructions, which a core executes on every call. The same code on
 * every core, so the host tests run the one a board runs.
 */
static inline void count(uint64_t *c, uint32_t n)
{
	word_alias *w = (word_alias *)(void *)c;
	uint32_t lo;
	bool wrapped = __builtin_add_overflow(w[LOW_WORD], n, &lo);
	w[LOW_WORD] = lo;
	if (__builtin_expect(wrapped, 0)) {
		__asm__ volatile("");
		w[LOW_WORD ^ 1u]++;
	}
}

/* A result that is not a continuation: to the trap's r0 as well, if any. */
static inline int32_t result(uint32_t *r0, int32_t rc)
{
	if (r0)
		*r0 = (uint32_t)rc;
	return rc;
}

/*
 * The common path of a trap and of a multicall entry: args is read once,
 * straight into the handler's call (no intermediate copy), and written back
 * (the first arity words) only when the handler asks to be continued.
 * Every refusal happens before the handler is entered. Arguments past the
 * arity are zeroed so a handler never sees stale register contents.
 *
 * call: where the handler's call is built; its hc, user and a NULL frame
 * are already set (on the caller's stack, or in hc->call for a trap, set
 * once by pv_hc_init). The rest is filled field by field: an initialiser would
 * zero the whole struct first (an out-of-line memset on a freestanding
 * build). tf: the trap frame for a frame owner called through
 * pv_hc_dispatch(), NULL otherwise. *owned is set when a
 * PV_HC_F_OWNS_FRAME handler ran (it has written tf itself). r0: where
 * every result but a continuation goes (a trap's r0), or NULL; written
 * here, after the counts, so that the compiler keeps the handler's result
 * in the register it came back in.
 */
static inline __attribute__((always_inline)) int32_t
invoke(struct pv_hc *hc, struct pv_hc_call *call, pv_domid_t dom, uint32_t nr, uint32_t *args,
       bool in_multicall, struct pv_trap_frame *tf, bool *owned, uint32_t *r0)
{
	/* lookup() spelled out, so that Eva narrows nr by the handler test
	 * (verification/eva/hypercall.c); the compiler emits the same code
	 * but for scheduling (docs/verification.md). */
	if (__builtin_expect(nr >= hc->table_len || !hc->table[nr].handler, 0)) {
		hc->unknown++;
		return result(r0, PV_ENOSYS);
	}
	const struct pv_hc_entry *e = &hc->table[nr];
	uint32_t d = pv_domid_val(dom);
	if (__builtin_expect(d >= hc->nr_domains || !perm_allows(hc, d, nr), 0)) {
		hc->denied++;
		return result(r0, PV_EPERM);
	}
	if (in_multicall && (e->flags & PV_HC_F_NO_MULTICALL)) {
		hc->unbatchable++;
		return result(r0, PV_EINVAL);
	}
	/* A frame owner gets the frame; every other handler the NULL its
	 * call was set up with. */
	if (__builtin_expect(e->flags & PV_HC_F_OWNS_FRAME, 0)) {
		if (!tf) {
			hc->unbatchable++;
			return result(r0, PV_EINVAL);
		}
		call->frame = tf;
		*owned = true;
	}
	/* Read after the checks, so that Eva knows which entries get here
	 * (never the multicall itself for a multicall's entry), and before
	 * the stores below, past which the compiler may not move it. */
	pv_hc_handler *handler = e->handler;
	struct pv_hc_stats *st = &hc->stats[nr];
	uint32_t arity = e->arity;

	call->dom = dom;
	call->nr = nr;
	/* Zeros, then the arity's arguments over them (one jump, no test per
	 * argument). pv_hc_init has refused an arity over PV_HC_MAX_ARGS; the
	 * default case is apart from case 0 so that the compiler's jump table
	 * starts at 0 (an arity of 0 is two instructions, not four). */
	call->args[0] = 0;
	call->args[1] = 0;
	call->args[2] = 0;
	call->args[3] = 0;
	call->args[4] = 0;
	switch (arity) {
	case 5:
		call->args[4] = args[4];
		/* fall through */
	case 4:
		call->args[3] = args[3];
		/* fall through */
	case 3:
		call->args[2] = args[2];
		/* fall through */
	case 2:
		call->args[1] = args[1];
		/* fall through */
	case 1:
		call->args[0] = args[0];
		/* fall through */
	case 0:
		break;
	default:
		PV_ASSERT(arity <= PV_HC_MAX_ARGS);
		break;
	}

	count(&st->calls, 1);
	int32_t rc = handler(call);
	if (__builtin_expect(rc == PV_ERESTART, 0)) {
		/* A non-preemptible handler asking to continue is an author bug. */
		PV_ASSERT(e->flags & PV_HC_F_PREEMPTIBLE);
		count(&st->restarts, 1);
		for (uint32_t i = 0; i < arity; i++)
			args[i] = call->args[i];
		return PV_ERESTART;
	}
	/* Counted without a branch on the sign: the sign of a result is the
	 * guest's to choose, and a mispredicted test here costs more than the
	 * add (the carry's branch is taken once in 2^32 counts). */
	count(&st->errors, (uint32_t)rc >> 31);
	return result(r0, rc);
}

int32_t pv_hc_invoke(struct pv_hc *hc, pv_domid_t dom, uint32_t nr,
		     uint32_t args[PV_HC_MAX_ARGS], bool in_multicall)
{
	bool owned = false;
	struct pv_hc_call call;
	call_init(&call, hc);
	return invoke(hc, &call, dom, nr, args, in_multicall, 0, &owned, 0);
}

/*
 * A trap whose entry owns the frame (an iret): out of the common path, so
 * that the common path neither hands out the frame nor keeps a flag across
 * the handler's call. The handler has written the frame itself when it
 * ran; a refusal before it is written to r0 as for any call. Such an entry
 * is never preemptible (pv_hc_init), so there is no continuation here.
 */
static __attribute__((noinline, cold)) int32_t
dispatch_owner(struct pv_hc *hc, pv_domid_t dom, struct pv_trap_frame *tf)
{
	bool owned = false;
	struct pv_hc_call call;
	call_init(&call, hc);
	int32_t rc = invoke(hc, &call, dom, tf->r[12], tf->r, false, tf, &owned, 0);
	if (!owned)
		tf->r[0] = (uint32_t)rc;
	return rc;
}

int32_t pv_hc_dispatch(struct pv_hc *hc, pv_domid_t dom, struct pv_trap_frame *tf)
{
	const struct pv_hc_entry *e = lookup(hc, tf->r[12]);
	if (__builtin_expect(e && (e->flags & PV_HC_F_OWNS_FRAME), 0))
		return dispatch_owner(hc, dom, tf);
	/* r0..r4 are the frame's first five words: the arguments are read from
	 * there and, on a continuation, written back there. No frame is handed
	 * to the handler (tf NULL), so invoke refuses a frame owner, which the
	 * test above has already taken elsewhere. The call is the instance's
	 * own (hc->call): a trap's handler is never entered while another
	 * trap's runs (struct pv_hc's contract). */
	bool owned = false;
	int32_t rc = invoke(hc, &hc->call, dom, tf->r[12], tf->r, false, 0, &owned, &tf->r[0]);
	if (__builtin_expect(rc == PV_ERESTART, 0)) {
		/*
		 * Re-issue: the guest resumes at the SVC itself, with the
		 * updated arguments in r0..r4 and the number still in r12.
		 * Interrupts and other domains get their turn in between.
		 */
		tf->pc -= (tf->cpsr & PV_PSR_T) ? 2u : 4u;
		return PV_ERESTART;
	}
	return rc;
}

const struct pv_hc_stats *pv_hc_stats_get(const struct pv_hc *hc, uint32_t nr)
{
	return lookup(hc, nr) ? &hc->stats[nr] : 0;
}

const char *pv_hc_name(const struct pv_hc *hc, uint32_t nr)
{
	const struct pv_hc_entry *e = lookup(hc, nr);
	return e ? e->name : "?";
}
