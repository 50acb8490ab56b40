/* SPDX-License-Identifier: BSD-2-Clause */
#include "glib.h"

#include "fmt.h" /* ports/common: the one number formatter, shared with the hypervisor */

const struct refhv_start_info *g_si;
struct pv_evtchn_shared *g_shared;
struct refhv_vcpu *g_vcpu;
bool (*g_exc_hook)(uint32_t kind, uint32_t fsr, uint32_t far);
bool (*g_user_exc_hook)(uint32_t kind, uint32_t fsr, uint32_t far);
void (*g_upcall_hook)(void);
uint32_t g_failures;
volatile uint32_t g_upcalls;
static volatile uint32_t g_seen;

/* Stack for exceptions taken in virtual user mode. */
static uint64_t exc_stack[512];

void guest_exc_entry(void);
void guest_event_entry(void);
void guest_start(const struct refhv_start_info *si);
void guest_exception(uint32_t kind, uint32_t fsr, uint32_t far);
void guest_upcall(void);
int ctx_save(void *ctx);
_Noreturn void ctx_restore(void *ctx, int v);

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}
void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

/* --- console ---------------------------------------------------------- */

static char line[160];
static uint32_t line_len;

static void flush(void)
{
	if (line_len)
		(void)HC2(REFHV_HC_CONSOLE_WRITE, (uint32_t)line, line_len);
	line_len = 0;
}

static void putch(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof line)
		flush();
}

void gputs(const char *s)
{
	while (*s)
		putch(*s++);
}

static void put_num(uint64_t v, unsigned base, unsigned width, char pad, bool neg)
{
	char b[PORT_FMT_MAX];
	uint32_t n = port_fmt_num(b, v, base, neg, width, pad);
	for (uint32_t i = 0; i < n; i++)
		putch(b[i]);
}

void gprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			putch(*fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		unsigned width = 0;
		bool wide = false;
		if (*fmt == '0')
			pad = *fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10u + (unsigned)(*fmt++ - '0');
		while (*fmt == 'l') {
			wide = true;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			gputs(va_arg(ap, const char *));
			break;
		case 'd': {
			int64_t v = wide ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
			put_num(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, 10, width, pad, v < 0);
			break;
		}
		case 'u':
		case 'x': {
			uint64_t v = wide ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
			put_num(v, *fmt == 'u' ? 10u : 16u, width, pad, false);
			break;
		}
		case '\0':
			fmt--;
			break;
		default:
			putch(*fmt);
		}
	}
	va_end(ap);
}

const char *status_name(int32_t st)
{
	switch (st) {
	case PV_OK: return "PV_OK";
	case PV_EPERM: return "PV_EPERM";
	case PV_ENOENT: return "PV_ENOENT";
	case PV_ESRCH: return "PV_ESRCH";
	case PV_E2BIG: return "PV_E2BIG";
	case PV_EACCES: return "PV_EACCES";
	case PV_EFAULT: return "PV_EFAULT";
	case PV_EBUSY: return "PV_EBUSY";
	case PV_EEXIST: return "PV_EEXIST";
	case PV_EXDEV: return "PV_EXDEV";
	case PV_EINVAL: return "PV_EINVAL";
	case PV_ENOSPC: return "PV_ENOSPC";
	case PV_ERANGE: return "PV_ERANGE";
	case PV_ENOSYS: return "PV_ENOSYS";
	case PV_EALIGN: return "PV_EALIGN";
	case PV_ENOTPINNED: return "PV_ENOTPINNED";
	case PV_ETYPE: return "PV_ETYPE";
	case PV_EOVERFLOW: return "PV_EOVERFLOW";
	default: return st >= 0 ? "(success)" : "PV_E?";
	}
}

/* --- events ------------------------------------------------------------ */

#if __ARM_ARCH < 7 && defined(__thumb__)
/* Thumb-1 has no SWP: this one function is ARM code (called by BLX). */
__attribute__((target("arm"), noinline))
#endif
static uint32_t swap32(volatile uint32_t *p, uint32_t v)
{
	uint32_t old;
#if __ARM_ARCH >= 7
	/* LDREX/STREX: the hypervisor clears the exclusive monitor on every
	 * return to a guest, so a trap between the two makes the STREX fail
	 * and the loop retry (ARMv7 deprecates SWP). */
	uint32_t fail;
	do {
		__asm__ volatile("ldrex %0, [%2]\n\tstrex %1, %3, [%2]"
				 : "=&r"(old), "=&r"(fail) : "r"(p), "r"(v) : "memory");
	} while (fail);
#else
	/* SWP is atomic against the hypervisor, which can only run between
	 * two guest instructions (ARM ARM A4.1.108). */
	__asm__ volatile("swp %0, %1, [%2]" : "=&r"(old) : "r"(v), "r"(p) : "memory");
#endif
	return old;
}

void guest_upcall(void)
{
	g_upcalls++;
	g_shared->vcpu[0].upcall_pending = 0;
	uint32_t sel = swap32(&g_shared->vcpu[0].pending_sel, 0);
	/* This kernel uses ports below 32 only and never masks one. */
	if (sel & 1u)
		g_seen |= swap32(&g_shared->pending[0], 0);
	if (g_upcall_hook)
		g_upcall_hook();
}

void evt_enable(void)
{
	g_shared->vcpu[0].upcall_mask = 0;
}

uint32_t evt_take(uint32_t mask)
{
	g_shared->vcpu[0].upcall_mask = 1;
	uint32_t got = g_seen & mask;
	g_seen &= ~got;
	g_shared->vcpu[0].upcall_mask = 0;
	return got;
}

uint32_t evt_wait(uint32_t mask)
{
	for (;;) {
		uint32_t got = evt_take(mask);
		if (got)
			return got;
		/* Returns at once, into the upcall, if an event is pending. */
		g_shared->vcpu[0].upcall_mask = 1;
		if (g_seen & mask) {
			g_shared->vcpu[0].upcall_mask = 0;
			continue;
		}
		(void)HC0(REFHV_HC_BLOCK);
	}
}

int32_t evt_send(uint32_t port)
{
	return HC2(REFHV_HC_EVTCHN, REFHV_EVT_SEND, port);
}

/* --- memory and time ---------------------------------------------------- */

uint32_t kern_pte_ma(uint32_t va)
{
	return g_si->l2_ma + REFHV_L2_KERN * 1024u + ((va >> 12) & 0xFFu) * 4u;
}

int32_t map_slot(uint32_t slot, uint32_t ma, bool writable)
{
	struct pv_mmu_update_req req = {
		.ptr = kern_pte_ma(slot_va(slot)),
		.val = pv_mmu_desc_small(g_si->mmu_format, ma, writable ? PV_MMU_DESC_W : 0u),
	};
	return HC3(REFHV_HC_MMU_UPDATE, (uint32_t)&req, 1, 0);
}

int32_t map_device(uint32_t slot, uint32_t ma)
{
	struct pv_mmu_update_req req = {
		.ptr = kern_pte_ma(slot_va(slot)),
		.val = pv_mmu_desc_small(g_si->mmu_format, ma, PV_MMU_DESC_W | PV_MMU_DESC_DEVICE),
	};
	return HC3(REFHV_HC_MMU_UPDATE, (uint32_t)&req, 1, 0);
}

uint64_t now_ns(void)
{
	static uint64_t t;
	(void)HC1(REFHV_HC_GET_TIME, (uint32_t)&t);
	return t;
}

/* --- user tasks --------------------------------------------------------- */

extern char _user_load[], _user_start[], _user_end[];

void copy_user_image(void)
{
	uint32_t len = (uint32_t)(_user_end - _user_start);
	if (len == 0)
		return;
	memcpy(_user_start, _user_load, len);
	/* Code written as data: have the hypervisor make it visible to
	 * instruction fetch (a USR-mode kernel cannot maintain caches). */
	int32_t rc = HC3(REFHV_HC_MMU_MAINT, PV_MMU_MAINT_SYNC_ICACHE, (uint32_t)_user_start, len);
	EXPECT(rc == PV_OK, "syncing the user image: %s\n", status_name(rc));
}

static uint32_t user_ctx[10];
static int32_t user_result;

static void user_returned(void)
{
	ctx_restore(user_ctx, 1);
}

int32_t run_user(uint32_t entry, uint32_t user_sp, uint32_t arg)
{
	if (ctx_save(user_ctx) != 0)
		return user_result;
	g_vcpu->saved = (struct pv_trap_frame){ .r = { arg }, .sp = user_sp, .pc = entry,
						.cpsr = PV_PSR_MODE_USR };
	g_vcpu->saved_vmode = REFHV_VMODE_USER;
	(void)HC0(REFHV_HC_IRET);
	for (;;)
		;
}

/* Leave the user task: resume the kernel at user_returned (in kernel mode). */
void guest_end_user(int32_t result)
{
	user_result = result;
	g_vcpu->saved.pc = (uint32_t)user_returned;
	g_vcpu->saved.sp = (uint32_t)&exc_stack[256];
	g_vcpu->saved_vmode = REFHV_VMODE_KERNEL;
}

static const char *const kinds[] = { "upcall", "system call", "undefined instruction",
				     "prefetch abort", "data abort" };

uint32_t guest_exc_stack_top(void)
{
	return (uint32_t)(uintptr_t)&exc_stack[512];
}

void guest_exception(uint32_t kind, uint32_t fsr, uint32_t far)
{
	struct pv_trap_frame *f = &g_vcpu->saved;
	if (g_vcpu->saved_vmode == REFHV_VMODE_USER) {
		if (kind == REFHV_EXC_SYSCALL && f->r[7] == SYS_WRITE) {
			gprintf("[user] %s", (const char *)f->r[0]);
			f->r[0] = 0;
		} else if (kind == REFHV_EXC_SYSCALL && f->r[7] == SYS_EXIT) {
			guest_end_user((int32_t)f->r[0]);
		} else if (kind != REFHV_EXC_SYSCALL && g_user_exc_hook &&
			   g_user_exc_hook(kind, fsr, far)) {
			/* handled: the task resumes */
		} else {
			gprintf("user process killed: %s at pc 0x%08x, far 0x%08x, fsr 0x%x\n",
				kind < 5u ? kinds[kind] : "?", f->pc, far, fsr);
			guest_end_user(-(int32_t)kind);
		}
		return;
	}
	if (g_exc_hook && g_exc_hook(kind, fsr, far))
		return;
	gprintf("kernel %s at pc 0x%08x (far 0x%08x): giving up\n", kind < 5u ? kinds[kind] : "?",
		f->pc, far);
	(void)HC1(REFHV_HC_SHUTDOWN, 1);
}

void guest_start(const struct refhv_start_info *si)
{
	g_si = si;
	g_shared = (struct pv_evtchn_shared *)si->shared_va;
	g_vcpu = (struct refhv_vcpu *)(si->shared_va + REFHV_VCPU_OFFSET);
	if (si->magic != REFHV_START_MAGIC || si->abi_version != REFHV_ABI_VERSION ||
	    g_shared->abi_version != PV_EVTCHN_ABI_VERSION || g_shared->abi != PV_EVTCHN_ABI_2L) {
		gputs("unsupported hypervisor ABI\n");
		(void)HC1(REFHV_HC_SHUTDOWN, 1);
	}
	(void)HC3(REFHV_HC_SET_CALLBACKS, (uint32_t)guest_event_entry, (uint32_t)guest_exc_entry,
		  guest_exc_stack_top());
	copy_user_image();
#ifdef __thumb__
	gprintf("instruction set: %s\n", __ARM_ARCH >= 7 ? "Thumb-2" : "Thumb");
#endif
	guest_main();
	(void)HC1(REFHV_HC_SHUTDOWN, g_failures ? 1u : 0u);
}
