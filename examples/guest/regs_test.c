/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rich domain's tests of guest ABI 8 (refhv_abi.h), each checked:
 *  - a system call with the registers in place (REFHV_CB_SYSCALL_REGS): a
 *    user process makes one with r0-r12 and lr set to known values; the
 *    system-call entry must see them all, sp the registered kernel sp, and
 *    in the vcpu area the user's sp, lr, pc and cpsr, saved_vmode user and
 *    kind REFHV_EXC_SYSCALL, while saved.r0-r12 keep what run_user put
 *    there (the argument, then zeros); the return by REFHV_HC_IRET_REGS must give the process
 *    r0-r11 from the kernel's registers and r12, sp, lr from the vcpu area,
 *    and be back in user mode (its read of kernel memory is a data abort);
 *    at the entry upcalls are masked and busy is 1, as for any delivery;
 *  - set_callbacks' refusals of a bad system-call entry, which must leave
 *    the registered entries as they were;
 *  - REFHV_HC_GET_TIME_REGS: PV_OK in r0 and a time between two readings
 *    of REFHV_HC_GET_TIME;
 *  - REFHV_HC_IRET_REGS asked to resume in a privileged mode, with FIQs
 *    and imprecise aborts masked: the code resumes in USR mode with them
 *    enabled, and r4-r11 from its registers.
 * regs_calls.S has the register-level halves.
 */
#include "glib.h"
#include "regs_test.h"

#define SR_NR 0x900u
#define PSR_MODE_MASK 0x1Fu
#define PSR_F 0x40u
#define PSR_A 0x100u

void sr_user(uint32_t out[16]);
void sr_user_resume(void);
void sr_entry(void);
void sr_time_regs(uint32_t out[3]);
uint32_t sr_iret_mode(struct refhv_vcpu *v, uint32_t cpsr);
uint32_t *sr_kernel(uint32_t *regs);

_Static_assert(REFHV_HC_IRET_REGS == 20 && REFHV_HC_GET_TIME_REGS == 21,
	       "regs_calls.S's numbers");
_Static_assert(offsetof(struct refhv_vcpu, saved.sp) == 52 &&
		       offsetof(struct refhv_vcpu, saved.cpsr) == 64 &&
		       offsetof(struct refhv_vcpu, saved_vmode) == 68,
	       "regs_calls.S's offsets");

/* What the user process saw after its system call (user memory). */
__attribute__((section(".user.data"))) static uint32_t user_out[16];

/* What the kernel saw at its system-call entry. */
static struct {
	uint32_t calls;
	uint32_t regs[15];   /* r0-r12, lr, sp */
	struct pv_trap_frame saved;
	uint32_t saved_vmode, kind, busy, upcall_mask;
} seen;

static uint32_t user_stack_top(void)
{
	return REFHV_USER_VA + REFHV_USER_FRAMES * 4096u;
}

static uint64_t sr_stack[128];
#define SR_STACK_TOP ((uint32_t)(uintptr_t)&sr_stack[128])

/* Called by sr_entry with the registers as they arrived. */
uint32_t *sr_kernel(uint32_t *regs)
{
	if (regs[7] == SYS_EXIT) {
		guest_end_user((int32_t)regs[0]); /* back to run_user's caller */
		return regs;
	}
	seen.calls++;
	for (uint32_t i = 0; i < 15; i++)
		seen.regs[i] = regs[i];
	seen.saved = g_vcpu->saved;
	seen.saved_vmode = g_vcpu->saved_vmode;
	seen.kind = g_vcpu->kind;
	seen.busy = g_vcpu->busy;
	seen.upcall_mask = g_shared->vcpu[0].upcall_mask;
	if (regs[7] != SR_NR) {
		guest_end_user(-1);
		return regs;
	}
	/* Resume with new values: r0-r11 from these registers, r12 through
	 * the vcpu area. */
	for (uint32_t i = 0; i < 12; i++)
		regs[i] = ~regs[i];
	g_vcpu->saved.r[12] = 0x12121212u;
	return regs;
}

static int32_t set_callbacks(uint32_t sp, uint32_t flags, uint32_t sys)
{
	return hc_svc(REFHV_HC_SET_CALLBACKS, (uint32_t)(uintptr_t)guest_event_entry,
		      (uint32_t)(uintptr_t)guest_exc_entry, sp, flags, sys);
}

static void syscall_regs_test(void)
{
	EXPECT(set_callbacks(SR_STACK_TOP, REFHV_CB_SYSCALL_REGS, (uint32_t)(uintptr_t)sr_entry) ==
		       PV_OK,
	       "set_callbacks with a system-call entry refused\n");
	/* saved.r0-r12 hold what run_user puts there (the argument in r0, then
	 * zeros): the entry must not write them. */
	int32_t r = run_user((uint32_t)(uintptr_t)sr_user, user_stack_top(),
			     (uint32_t)(uintptr_t)user_out);
	EXPECT(r == -(int32_t)REFHV_EXC_DABT,
	       "user process of the system-call test: %d (its read of kernel memory: %s)\n", r,
	       r == 0 ? "ALLOWED" : "not the data abort expected");
	/* Back to reflected system calls for the other tests. */
	EXPECT(set_callbacks(guest_exc_stack_top(), 0, 0) == PV_OK, "set_callbacks back\n");

	uint32_t bad = 0;
	for (uint32_t i = 0; i < 13; i++) {
		uint32_t want = i == 7 ? SR_NR : 0xA0000000u + i;
		bad |= (seen.regs[i] != want) << 0;
		bad |= (user_out[i] != (i < 12 ? ~want : 0x12121212u)) << 1;
		bad |= (seen.saved.r[i] != (i == 0 ? (uint32_t)(uintptr_t)user_out : 0u)) << 2;
	}
	bad |= (seen.regs[13] != 0xA000000Eu) << 3;                 /* lr in place */
	bad |= (seen.regs[14] != SR_STACK_TOP) << 4;                /* the kernel sp */
	bad |= (seen.saved.sp != user_out[15] || seen.saved.lr != 0xA000000Eu) << 5;
	bad |= (seen.saved.pc != (uint32_t)(uintptr_t)sr_user_resume) << 6;
	bad |= ((seen.saved.cpsr & (PSR_MODE_MASK | PV_PSR_T | PV_PSR_I)) != PV_PSR_MODE_USR) << 7;
	bad |= (seen.saved_vmode != REFHV_VMODE_USER || seen.kind != REFHV_EXC_SYSCALL) << 8;
	bad |= (user_out[13] != 0xA000000Eu || user_out[14] != user_out[15]) << 9;
	bad |= (seen.calls != 1) << 10;
	bad |= (SYS_EXIT != 1u || REFHV_KERN_VA != 0x00100000u) << 11; /* regs_calls.S's */
	bad |= (seen.busy != 1u || seen.upcall_mask != 1u) << 12;
	bad |= (r != -(int32_t)REFHV_EXC_DABT) << 13;
	gprintf("a system call with the registers in place, and iret_regs: %s\n",
		bad ? "FAILED" : "registers, vcpu area and return as the ABI says");
	EXPECT(bad == 0, "system call with registers in place: failures 0x%x\n", bad);
}

static void callbacks_refused_test(void)
{
	const struct { uint32_t flags, sys; int32_t want; } cases[] = {
		{ REFHV_CB_SYSCALL_REGS, 0, PV_EINVAL },               /* the flag, no entry */
		{ REFHV_CB_SYSCALL_REGS, REFHV_VECTOR_PAGE_VA, PV_EFAULT },
		{ REFHV_CB_SYSCALL_REGS, 0xC0000000u, PV_EFAULT },     /* hypervisor range */
		{ REFHV_CB_SYSCALL_REGS, (uint32_t)(uintptr_t)sr_entry + 2u, PV_EALIGN },
		{ REFHV_CB_FLAGS + 1u, (uint32_t)(uintptr_t)sr_entry, PV_EINVAL },
	};
	uint32_t ok = 0;
	for (uint32_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t rc = set_callbacks(SR_STACK_TOP, cases[i].flags, cases[i].sys);
		ok += rc == cases[i].want;
		EXPECT(rc == cases[i].want, "set_callbacks case %u: %s\n", i, status_name(rc));
	}
	/* Nothing changed: a user system call is still reflected. */
	int32_t r = run_user((uint32_t)(uintptr_t)sr_user, user_stack_top(),
			     (uint32_t)(uintptr_t)user_out);
	gprintf("bad system-call entries: %u of 5 refused as expected, and the old entries kept (%s)\n",
		ok, r == -1 ? "reflected" : "NOT KEPT");
	EXPECT(r == -1, "a refused set_callbacks changed the entries: %d\n", r);
}

static void time_regs_test(void)
{
	uint64_t before = now_ns();
	uint32_t out[3] = { 1, 0, 0 };
	sr_time_regs(out);
	uint64_t after = now_ns();
	uint64_t t = ((uint64_t)out[2] << 32) | out[1];
	bool ok = out[0] == PV_OK && before <= t && t <= after;
	gprintf("the time in registers: %s\n", ok ? "PV_OK, between two readings" : "WRONG");
	EXPECT(ok, "get_time_regs: r0 %u, %u:%u\n", out[0], out[2], out[1]);
}

static void iret_mode_test(void)
{
	const uint32_t asks[] = { 0x13u, 0x1Fu, 0x13u | PSR_F | PSR_A, 0x11u | PSR_F, 0x10u | PSR_A };
	uint32_t ok = 0;
	for (uint32_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
		uint32_t got = sr_iret_mode(g_vcpu, asks[i] | 0xF0000000u);
		bool good = got != UINT32_MAX && (got & PSR_MODE_MASK) == PV_PSR_MODE_USR &&
			    (got & (PSR_F | PV_PSR_I | PSR_A)) == 0 && (got >> 28) == 0xFu;
		ok += good;
		EXPECT(good, "iret_regs asking for cpsr 0x%08x resumed with 0x%08x\n", asks[i], got);
	}
	gprintf("iret_regs asking for privileged modes: %u of 5 resumed in USR mode, flags kept\n",
		ok);
}

/*
 * The upcall mask through iret_regs (ABI 5): saved.cpsr's I bit is the mask
 * to resume with, and it goes to the shared page's byte, never to the
 * CPU's I bit. Asked with I set, then clear, each after the other value.
 */
static void iret_mask_test(void)
{
	uint32_t ok = 0;
	for (uint32_t i = 0; i < 2; i++) {
		bool masked = i == 0;
		g_shared->vcpu[0].upcall_mask = masked ? 0u : 1u;
		uint32_t got = sr_iret_mode(g_vcpu, PV_PSR_MODE_USR | (masked ? PV_PSR_I : 0u));
		uint32_t mask = g_shared->vcpu[0].upcall_mask;
		evt_enable();
		bool good = got != UINT32_MAX && (got & PV_PSR_I) == 0 && mask == (masked ? 1u : 0u);
		ok += good;
		EXPECT(good, "iret_regs with the I bit %s: cpsr 0x%08x, mask byte %u\n",
		       masked ? "set" : "clear", got, mask);
	}
	gprintf("iret_regs and the I bit: %u of 2 resumed with the mask it asked for, the CPU's I "
		"bit clear\n", ok);
}

void regs_tests(void)
{
	syscall_regs_test();
	callbacks_refused_test();
	time_regs_test();
	iret_mode_test();
	iret_mask_test();
}
