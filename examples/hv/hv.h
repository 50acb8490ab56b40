/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's private state and the functions its files share.
 *
 * Concurrency: uniprocessor, never preempted: all of this runs in SVC mode
 * with IRQ and FIQ masked, entered from the port's trap entry. An SMP port
 * would need a lock around each pvlib context (mmu, evtchn, sched, hc) and
 * per-CPU current-domain state.
 */
#ifndef REFHV_HV_H
#define REFHV_HV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <pvlib/evtchn.h>
#include <pvlib/hypercall.h>
#include <pvlib/mmu.h>
#include <pvlib/port.h>
#include <pvlib/sched.h>

#include "config.h"
#include "hvport.h"
#include "refhv_abi.h"

#define HV_EVT_PORTS REFHV_EVT_PORTS
#define HV_MAX_RESTARTS 2u

enum hv_dom_state {
	HV_DOM_NONE = 0,
	HV_DOM_RUNNING = 1, /* runnable or blocked: the scheduler knows */
	HV_DOM_STOPPED = 2, /* faulted or shut down */
	HV_DOM_DYING = 3,   /* destroy deferred: another domain still maps one of
			       its frames; hv_reap() calls destroy again */
};

struct hv_dom {
	const struct hv_dom_cfg *cfg;
	pv_domid_t id;
	enum hv_dom_state state;
	struct pv_trap_frame frame;   /* its registers while not running */
	uint32_t vmode;               /* REFHV_VMODE_* */
	bool in_exception;            /* between an exception entry and iret */
	uint32_t event_entry, exc_entry, kernel_sp;
	uint32_t syscall_entry;       /* REFHV_CB_SYSCALL_REGS's, 0: none (ABI 8) */
	uint32_t cb_flags;            /* REFHV_CB_* of its set_callbacks */
	pv_maddr_t l1;                /* the active L1 */
	uint32_t asid;                /* its translations' tag (0: the port has none) */
	uint8_t *mem;                 /* its memory through the linear map */
	struct refhv_start_info *si;
	struct pv_evtchn_shared *shared;
	struct refhv_vcpu *vcpu;
	pv_time_ns_t timer_deadline;    /* PV_TIME_NEVER: none */
	bool line_start;              /* console: at the start of a line */
	int32_t exit_code;
	uint32_t faults;
	uint32_t restarts;
	bool restart_pending;         /* rebuild it once its destroy completes */
	struct pv_evtchn_port ports[HV_EVT_PORTS];
};

struct hv {
	struct hv_dom dom[HV_MAX_DOMS];
	uint32_t nr_doms;
	struct hv_dom *cur;           /* running domain, NULL when idle */
	struct pv_mmu mmu;
	struct pv_evtchn evt;
	struct pv_sched sched;
	struct pv_hc hc;
	pv_time_ns_t slice_end;         /* when the scheduler wants to decide again */
	uint32_t switches;
	uint32_t unexpected;          /* anything that should not have happened */
	uint32_t nr_dying;            /* domains in HV_DOM_DYING */
	bool need_resched;            /* something changed: decide who runs
					 before returning to a guest; set by
					 whatever makes a domain leave
					 HV_DOM_RUNNING (hv_destroy): the
					 trap exit tests nothing else */
};

extern struct hv hv;

/* print.c */
void hv_printf(const char *fmt, ...);
void hv_vprintf(const char *fmt, va_list ap);

/* build.c */
int32_t hv_build_all(void);
int32_t hv_build_domain(struct hv_dom *d, const struct hv_dom_cfg *c);
int32_t hv_connect(const struct hv_chan_cfg *ch);
int32_t hv_mmu_init(void);

/* hcall.c */
int32_t hv_hc_setup(void);

/* guestmem.c: the pv_hc access check (walks the domain's tables). */
enum pv_status hv_guest_access(void *user, pv_domid_t dom, pv_gvaddr_t va, uint32_t len,
			       bool write, uint8_t **host);
void hv_guest_sync(void *user, pv_domid_t dom, pv_gvaddr_t va, uint8_t *host, uint32_t len,
		   enum pv_hc_sync_op op);

/* evtchn.c: lib/evtchn's instance, its callbacks and its policy. */
int32_t hv_evtchn_setup(void);

/* sched.c */
int32_t hv_sched_setup(void);
int32_t hv_sched_add_all(void);    /* one unit per built domain */
void hv_schedule(void);            /* decide who runs next and switch to it */
void hv_block(struct hv_dom *d);
void hv_yield(struct hv_dom *d);
void hv_program_timer(void);
_Noreturn void hv_finish(void);

/* domain.c: a domain's end, through lib/mmu's deferred-destroy protocol. */
void hv_stop(struct hv_dom *d, const char *why); /* and destroy it */
int32_t hv_destroy(struct hv_dom *d); /* PV_EBUSY: deferred, d is dying */
void hv_restart(struct hv_dom *d);
void hv_reap(void);                /* retry the deferred destroys */
uint32_t hv_frames_owned(const struct hv_dom *d); /* counted in the frame table */

/* restart_stress.c (the demo-restart-stress image only) */
void hv_restart_stress(void);
#ifdef REFHV_RESTART_STRESS
extern uint32_t hv_build_fail_step; /* build.c: the build step made to fail, 0: none */
#endif

/* bench.c (the bench image only: -DREFHV_BENCH, tools/demo --bench) */
void hv_bench_run(void);

/* trap.c: the first three act on the running domain (d == hv.cur), whose
 * virtual mode they change in the CPU's DACR at once. */
bool hv_deliver_exception(struct hv_dom *d, uint32_t kind, uint32_t fsr, uint32_t far);
int32_t hv_iret(struct hv_dom *d);
int32_t hv_iret_regs(struct hv_dom *d);
void hv_irq_poll(void);            /* take every pending interrupt (idle loop) */

/* The upcall bytes of d's one vcpu, in the shared page lib/evtchn was
 * given for d (build.c): the trap path tests and sets them on every
 * exception and return without a lookup (pvlib/evtchn.h, pv_evtchn_vi_*). */
static inline struct pv_evtchn_vcpu_info *hv_upcall(struct hv_dom *d)
{
	return &d->shared->vcpu[0];
}

static inline struct hv_dom *hv_dom_of(pv_domid_t id)
{
	return pv_domid_val(id) < hv.nr_doms ? &hv.dom[pv_domid_val(id)] : 0;
}

#endif
