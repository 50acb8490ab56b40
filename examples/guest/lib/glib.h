/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest kernel library: hypercall stubs, console, event channels with
 * upcalls, page-table updates through mmu_update, time, user tasks.
 */
#ifndef GUEST_GLIB_H
#define GUEST_GLIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pvlib/abi/evtchn.h>
#include <pvlib/abi/hypercall.h>
#include <pvlib/abi/mmu.h>
#include <pvlib/abi/status.h>

#include "refhv_abi.h"

int32_t hcall(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);
void bare_svc(void);

/*
 * The hypercall itself, inline: the number in r12, the arguments in r0..r4
 * (0 where not given), the result in r0. No call and no register shuffle:
 * the compiler puts each value in its register directly. r1..r4 are
 * in-out because a continued hypercall (PV_ERESTART) leaves its updated
 * arguments there when the SVC finally completes.
 */
static inline int32_t hc_svc(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
			     uint32_t a4)
{
	register uint32_t r0 __asm__("r0") = a0;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r2 __asm__("r2") = a2;
	register uint32_t r3 __asm__("r3") = a3;
	register uint32_t r4 __asm__("r4") = a4;
	register uint32_t r12 __asm__("r12") = nr;
	__asm__ volatile("svc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4)
			 : "r"(r12)
			 : "memory");
	return (int32_t)r0;
}
/* For a hypercall of arity 0: only the number (the hypervisor gives its
 * handler zeros, never the other registers; r0..r4 may change). */
static inline int32_t hc_svc0(uint32_t nr)
{
	register uint32_t r0 __asm__("r0");
	register uint32_t r1 __asm__("r1");
	register uint32_t r2 __asm__("r2");
	register uint32_t r3 __asm__("r3");
	register uint32_t r4 __asm__("r4");
	register uint32_t r12 __asm__("r12") = nr;
	__asm__ volatile("svc #0"
			 : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3), "=r"(r4)
			 : "r"(r12)
			 : "memory");
	(void)r1, (void)r2, (void)r3, (void)r4;
	return (int32_t)r0;
}
#define HC0(n) hc_svc0(n)
#define HC1(n, a) hc_svc((n), (a), 0, 0, 0, 0)
#define HC2(n, a, b) hc_svc((n), (a), (b), 0, 0, 0)
#define HC3(n, a, b, c) hc_svc((n), (a), (b), (c), 0, 0)

/* Set by guest_start from the start-info page. */
extern const struct refhv_start_info *g_si;
extern struct pv_evtchn_shared *g_shared;
extern struct refhv_vcpu *g_vcpu;

/* Each guest provides these. */
void guest_main(void);
/* Optional: a guest's own exception handler; return true if handled (the
 * library then resumes the vcpu area's frame). */
extern bool (*g_exc_hook)(uint32_t kind, uint32_t fsr, uint32_t far);
/* Optional: the same for a user task's exceptions other than its system
 * calls (true: handled, the task resumes; else it is killed). */
extern bool (*g_user_exc_hook)(uint32_t kind, uint32_t fsr, uint32_t far);
/* Optional: called at the end of every upcall, events already taken. */
extern void (*g_upcall_hook)(void);

/* Console. */
void gputs(const char *s);
void gprintf(const char *fmt, ...);
const char *status_name(int32_t st);

/* Events: ports seen since the last take (ports below 32). */
void evt_enable(void);
uint32_t evt_take(uint32_t mask);
/* Wait until one of the ports in mask has fired; returns those fired. */
uint32_t evt_wait(uint32_t mask);
int32_t evt_send(uint32_t port);
extern volatile uint32_t g_upcalls;

/* Memory: map machine frame ma at slot of the free kernel area. */
int32_t map_slot(uint32_t slot, uint32_t ma, bool writable);
static inline uint32_t slot_va(uint32_t slot)
{
	return REFHV_KERN_VA + slot * 4096u;
}
/* Map device registers at machine address ma at slot, as device memory. */
int32_t map_device(uint32_t slot, uint32_t ma);
/* Machine address of the kernel L2 slot for virtual address va. */
uint32_t kern_pte_ma(uint32_t va);

uint64_t now_ns(void);
void *memset(void *dst, int c, size_t n);

/* User tasks: run fn(arg) in virtual user mode on a user stack until it
 * makes system call SYS_EXIT (r7) or faults; returns its exit value, or a
 * negative number for a fault. Calls sys_handler for other system calls. */
#define SYS_EXIT 1u
#define SYS_WRITE 2u
int32_t run_user(uint32_t entry, uint32_t user_sp, uint32_t arg);
/* From a system call of the user task: end it with result once the
 * current exception returns (run_user returns result). */
void guest_end_user(int32_t result);
/* The kernel stack the library registers for exceptions (set_callbacks),
 * and its entries. */
uint32_t guest_exc_stack_top(void);
void guest_exc_entry(void);
void guest_event_entry(void);
void copy_user_image(void);

#define EXPECT(cond, ...) do { if (!(cond)) { gputs("UNEXPECTED: "); gprintf(__VA_ARGS__); g_failures++; } } while (0)
extern uint32_t g_failures;

#endif
