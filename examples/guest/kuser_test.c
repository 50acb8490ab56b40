/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rich domain's tests of the kernel-user helpers and the user TLS value
 * (refhv_abi.h, ABI version 4), each checked, from a user process as Linux
 * user space calls them:
 *  - the version word; get_tls after REFHV_HC_SET_TLS, per "thread" (the
 *    kernel sets another value and sees it); every contract's outputs, C
 *    flag and kept registers (kuser_calls.S);
 *  - atomicity: a user loop of cmpxchg and cmpxchg64 increments while a
 *    fast one-shot timer interrupts it and the kernel's upcall increments
 *    the same counters in between, as another thread would: nothing may be
 *    lost, which holds only if the hypervisor restarts an interrupted
 *    helper (it reports how often it did: hv: kuser helpers: ...);
 *  - an abort inside a helper (its store to a read-only page): the guest
 *    kernel sees it at the helper's restart point, makes the page
 *    writable, resumes, and the exchange completes.
 */
#include "glib.h"
#include "kuser_test.h"

#define KC_FAILED 1u
#define KC_CARRY 2u
#define KC_CLOBBER 4u
uint32_t kc_cmpxchg(uint32_t old, uint32_t new, volatile uint32_t *p);
uint32_t kc_cmpxchg64(const uint64_t *old, const uint64_t *new, volatile uint64_t *p);
uint32_t kc_get_tls(uint32_t *kept);
uint32_t kc_barrier(void);
void kc_add_loop(volatile uint32_t *p, volatile uint64_t *q, uint32_t n);
uint32_t kc_tpidruro(void);
uint32_t kc_hypercall_set_tls(uint32_t value);
_Static_assert(REFHV_HC_SET_TLS == 19, "kc_hypercall_set_tls's number");

#define TLS_USER 0x7E57AB1Eu   /* the "thread" the user process is */
#define TLS_KERNEL 0x0DDBA11u  /* then another one */
#define LOOPS 50000u
#define TICK_NS 10000u
#define RO_PAGE 10u            /* a frame of the user region, for the abort test */
#define RO_VA (REFHV_USER_VA + RO_PAGE * 4096u)
#define START64 0x00000001FFFFFF00ull /* the 64-bit counter carries into its high word */

enum { T_CONTRACTS, T_LOOP, T_ABORT32, T_ABORT64, T_HYPERCALL };

struct results {
	uint32_t version, tls, tls_kept, barrier_kept, tpidruro;
	uint32_t x_ok, x_stale, x_value;       /* cmpxchg: success, failure, value after */
	uint32_t y_ok, y_lo, y_hi, y_value_ok; /* cmpxchg64: success, two failures */
	uint32_t ro_result, ro_value;
};

/* User memory (the user region, ARM domain 2): the user task's results
 * and its counters, which the kernel reads and changes too. */
__attribute__((section(".user.data"))) static struct results r;
__attribute__((section(".user.data"))) static volatile uint32_t counter;
__attribute__((section(".user.data"), aligned(8))) static volatile uint64_t counter64;
__attribute__((section(".user.data"), aligned(8))) static uint64_t y_target, y_old, y_new;
__attribute__((section(".user.data"))) static volatile uint32_t x_target;

__attribute__((section(".user.text"), noinline)) static void u_exit(uint32_t code)
{
	register uint32_t r0 __asm__("r0") = code;
	register uint32_t r7 __asm__("r7") = SYS_EXIT;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
}

__attribute__((section(".user.text"))) void kuser_user_task(uint32_t test);
__attribute__((section(".user.text"))) void kuser_user_task(uint32_t test)
{
	if (test == T_CONTRACTS) {
		r.version = *(const volatile uint32_t *)REFHV_KUSER_VERSION_WORD;
		r.tls = kc_get_tls(&r.tls_kept);
		r.barrier_kept = kc_barrier();
#if __ARM_ARCH >= 7
		r.tpidruro = kc_tpidruro();
#endif
		x_target = 5u;
		r.x_ok = kc_cmpxchg(5u, 6u, &x_target);
		r.x_stale = kc_cmpxchg(5u, 7u, &x_target);
		r.x_value = x_target;
		y_target = 0x1122334455667788ull;
		y_old = y_target;
		y_new = 0x99AABBCCDDEEFF00ull;
		r.y_ok = kc_cmpxchg64(&y_old, &y_new, &y_target);
		y_old = y_new ^ 1u; /* high word equal, low word not */
		r.y_lo = kc_cmpxchg64(&y_old, &y_old, &y_target);
		y_old = y_new ^ (1ull << 32); /* low word equal, high word not */
		r.y_hi = kc_cmpxchg64(&y_old, &y_old, &y_target);
		r.y_value_ok = y_target == y_new;
	} else if (test == T_LOOP) {
		kc_add_loop(&counter, &counter64, LOOPS);
	} else if (test == T_ABORT32) {
		r.ro_result = kc_cmpxchg(5u, 9u, (volatile uint32_t *)RO_VA);
		r.ro_value = *(volatile uint32_t *)RO_VA;
	} else if (test == T_HYPERCALL) {
		(void)kc_hypercall_set_tls(0xBAD7151Cu); /* its kernel ends the task */
	} else {
		y_old = 5u;
		y_new = 0x900000009ull;
		r.ro_result = kc_cmpxchg64(&y_old, &y_new, (volatile uint64_t *)(RO_VA + 8u));
		r.ro_value = *(volatile uint64_t *)(RO_VA + 8u) == y_new;
	}
	u_exit(0);
}

static uint32_t user_stack_top(void)
{
	return REFHV_USER_VA + REFHV_USER_FRAMES * 4096u;
}

/* --- the kernel's side ------------------------------------------------- */

static uint32_t tick_port, ticks;

/* The next tick's distance: TICK_NS plus up to 4 us picked by a hash of
 * the tick's number. Under QEMU's instruction counting the machine is
 * deterministic: with a constant distance the ticks can land at the same
 * few points of the user loop every time, and never in a helper's short
 * window. */
static uint64_t tick_after(uint32_t n)
{
	return TICK_NS + ((n * 2654435761u) >> 20);
}

/* At every upcall during the loop: another "thread" increments the same
 * counters (the user task is stopped somewhere in its loop), and the next
 * tick is armed. */
static void tick(void)
{
	if (!evt_take(1u << tick_port))
		return;
	ticks++;
	counter = counter + 1u;
	counter64 = counter64 + 1u;
	uint64_t next = now_ns() + tick_after(ticks);
	(void)HC2(REFHV_HC_SET_TIMER, (uint32_t)next, (uint32_t)(next >> 32));
}

static volatile uint32_t ro_faults, ro_kind, ro_status, ro_far, ro_pc, ro_lr, ro_fsr;

static int32_t map_user_page(uint32_t idx, bool writable)
{
	struct pv_mmu_update_req req = {
		.ptr = g_si->l2_ma + REFHV_L2_USER * 1024u + idx * 4u,
		.val = pv_mmu_desc_small(g_si->mmu_format,
					 g_si->mem_ma + (REFHV_FREE_SLOT + idx) * 4096u,
					 PV_MMU_DESC_X | (writable ? PV_MMU_DESC_W : 0u)),
	};
	return HC3(REFHV_HC_MMU_UPDATE, (uint32_t)&req, 1, 0);
}

/* A user task's abort: note where the guest kernel sees it, make the page
 * writable and resume the frame as it is. */
static bool ro_hook(uint32_t kind, uint32_t fsr, uint32_t far)
{
	ro_faults++;
	ro_kind = kind;
	ro_status = (fsr & 0xFu) | ((fsr >> 6) & 0x10u);
	ro_fsr = fsr;
	ro_far = far;
	ro_pc = g_vcpu->saved.pc;
	ro_lr = g_vcpu->saved.lr;
	if (kind != REFHV_EXC_DABT || far - RO_VA >= 4096u || ro_faults > 1u)
		return false;
	return map_user_page(RO_PAGE, true) == PV_OK;
}

static void abort_test(uint32_t test, const char *name, uint32_t restart_pc)
{
	int32_t rc = map_user_page(RO_PAGE, false);
	EXPECT(rc == PV_OK, "map the test page read-only: %s\n", status_name(rc));
	ro_faults = 0;
	r.ro_result = 0xFFu;
	g_user_exc_hook = ro_hook;
	int32_t ex = run_user((uint32_t)kuser_user_task, user_stack_top(), test);
	g_user_exc_hook = 0;
	bool ok = ex == 0 && ro_faults == 1u && ro_kind == REFHV_EXC_DABT && ro_pc == restart_pc &&
		  ro_far - RO_VA < 16u && r.ro_result == KC_CARRY && r.ro_value != 0u &&
		  (ro_fsr & REFHV_FSR_WNR);
	gprintf("kuser: %s on a read-only page: abort at pc 0x%08x (%s), status 0x%x, %s; page "
		"made writable, resumed: %s\n", name, ro_pc,
		ro_pc == restart_pc ? "its restart point" : "NOT its restart point", ro_status,
		(ro_fsr & REFHV_FSR_WNR) ? "a write" : "NOT a write", ok ? "exchange done" : "WRONG");
	EXPECT(ok, "%s abort: exit %d, %u fault(s), kind %u, far 0x%08x, result %u\n", name, ex,
	       ro_faults, ro_kind, ro_far, r.ro_result);
}

void kuser_tests(void)
{
	extern char _user_end[];
	EXPECT((uint32_t)_user_end <= RO_VA, "the user image reaches the test page\n");

	/* Contracts, from a user process whose TLS value is TLS_USER. */
	int32_t rc = HC1(REFHV_HC_SET_TLS, TLS_USER);
	EXPECT(rc == PV_OK, "set TLS: %s\n", status_name(rc));
	int32_t ex = run_user((uint32_t)kuser_user_task, user_stack_top(), T_CONTRACTS);
	EXPECT(ex == 0, "kuser user task: %d\n", ex);
	/* Another thread: the kernel switches the value, and sees it. */
	rc = HC1(REFHV_HC_SET_TLS, TLS_KERNEL);
	uint32_t kept = 0, ktls = kc_get_tls(&kept);
	bool ok = r.version == REFHV_KUSER_VERSION && r.tls == TLS_USER && r.tls_kept == 1u &&
		  rc == PV_OK && ktls == TLS_KERNEL && kept == 1u && r.barrier_kept == 1u;
	gprintf("kuser: version %u, get_tls 0x%08x in the user process and 0x%08x after "
		"SET_TLS, barrier: %s\n", r.version, r.tls, ktls,
		ok ? "as set, nothing clobbered" : "WRONG");
	EXPECT(ok, "version/TLS/barrier: %u 0x%x %u %u\n", r.version, r.tls, r.tls_kept,
	       r.barrier_kept);
#if __ARM_ARCH >= 7
	gprintf("kuser: TPIDRURO in the user process: 0x%08x (%s)\n", r.tpidruro,
		r.tpidruro == TLS_USER ? "as set" : "WRONG");
	EXPECT(r.tpidruro == TLS_USER, "TPIDRURO 0x%08x\n", r.tpidruro);
#else
	gputs("kuser: TPIDRURO: none on ARMv5 (user space calls __kuser_get_tls)\n");
#endif
	/* A user process cannot make the hypercall: its SVC is a system call
	 * of its kernel (this one kills it: not a call it knows). */
	ex = run_user((uint32_t)kuser_user_task, user_stack_top(), T_HYPERCALL);
	ktls = kc_get_tls(&kept);
	ok = ex == -(int32_t)REFHV_EXC_SYSCALL && ktls == TLS_KERNEL;
	gprintf("kuser: SET_TLS from a user process: %s, TLS still 0x%08x (%s)\n",
		ex == -(int32_t)REFHV_EXC_SYSCALL ? "a system call of its kernel" : "NOT STOPPED",
		ktls, ok ? "refused as expected" : "WRONG");
	EXPECT(ok, "user SET_TLS: %d 0x%08x\n", ex, ktls);
	ok = r.x_ok == KC_CARRY && r.x_stale == KC_FAILED && r.x_value == 6u;
	gprintf("kuser: cmpxchg exchanged (r0 0, C set) then refused a stale value (r0 != 0, C "
		"clear): %s\n", ok ? "as documented" : "WRONG");
	EXPECT(ok, "cmpxchg: %u %u %u\n", r.x_ok, r.x_stale, r.x_value);
	ok = r.y_ok == KC_CARRY && r.y_lo == KC_FAILED && r.y_hi == KC_FAILED && r.y_value_ok;
	gprintf("kuser: cmpxchg64 exchanged, then refused a low-word and a high-word mismatch: "
		"%s\n", ok ? "as documented" : "WRONG");
	EXPECT(ok, "cmpxchg64: %u %u %u %u\n", r.y_ok, r.y_lo, r.y_hi, r.y_value_ok);

	/* Atomicity under interrupts. */
	int32_t port = HC2(REFHV_HC_EVTCHN, REFHV_EVT_BIND_VIRQ, REFHV_VIRQ_TIMER);
	EXPECT(port > 0, "bind the timer virq: %s\n", status_name(port));
	tick_port = (uint32_t)port;
	counter = 0;
	counter64 = START64;
	ticks = 0;
	g_upcall_hook = tick;
	uint64_t next = now_ns() + TICK_NS;
	(void)HC2(REFHV_HC_SET_TIMER, (uint32_t)next, (uint32_t)(next >> 32));
	ex = run_user((uint32_t)kuser_user_task, user_stack_top(), T_LOOP);
	g_upcall_hook = 0;
	(void)HC2(REFHV_HC_SET_TIMER, 0, 0);
	(void)HC2(REFHV_HC_EVTCHN, REFHV_EVT_CLOSE, tick_port);
	(void)evt_take(1u << tick_port);
	ok = ex == 0 && ticks > 10u && counter == LOOPS + ticks &&
	     counter64 == START64 + LOOPS + ticks;
	gprintf("kuser: %u cmpxchg and cmpxchg64 increments from a user process, %u more from "
		"upcalls in between: %s\n", LOOPS, ticks, ok ? "none lost" : "LOST");
	EXPECT(ok, "counters %u and 0x%016lx after %u ticks\n", counter, counter64, ticks);

	/* An abort inside a helper. */
	*(volatile uint32_t *)RO_VA = 5u;
	abort_test(T_ABORT32, "cmpxchg", REFHV_KUSER_CMPXCHG);
	*(volatile uint64_t *)(RO_VA + 8u) = 5u;
	abort_test(T_ABORT64, "cmpxchg64", REFHV_KUSER_CMPXCHG64_RETRY);
}

void kuser_tls_check(void)
{
	uint32_t kept = 0, tls = kc_get_tls(&kept);
	gprintf("kuser: TLS still 0x%08x after the other domains ran: %s\n", tls,
		tls == TLS_KERNEL ? "per domain" : "WRONG");
	EXPECT(tls == TLS_KERNEL && kept == 1u, "TLS after the others ran: 0x%08x\n", tls);
}
