/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel-user helpers and the user TLS value (refhv_abi.h, ABI version
 * 4): the restart rule that makes the cmpxchg helpers atomic, in plain C
 * (kuser_restart.c, run by the refhv-kuser host test as the hypervisor runs
 * it), and the hypervisor's side (kuser.c).
 */
#ifndef REFHV_KUSER_H
#define REFHV_KUSER_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The pc to resume a guest at after a trap (interrupt or abort) taken at
 * resume or faulting pc with cpsr: the start of a cmpxchg helper's critical
 * window if pc lies in it ([RETRY, STORE] of ports/common/kuser_page.h, the
 * store not done yet) in ARM state, else pc unchanged. Any pc and cpsr are
 * accepted (they are the guest's).
 */
uint32_t hv_kuser_restart_pc(uint32_t pc, uint32_t cpsr);

/*
 * Whether a data abort at faulting pc with cpsr was taken at a cmpxchg
 * helper's store (the STORE instruction of either window, ARM state, USR
 * mode): the write the guest kernel cannot see once the frame is rewound
 * (refhv_abi.h, REFHV_FSR_WNR). Any pc and cpsr are accepted.
 */
bool hv_kuser_at_store(uint32_t pc, uint32_t cpsr);

#ifndef REFHV_KUSER_HOST_TEST
#include "hv.h"

/* At the start of every trap from d: rewind d's frame (hv_kuser_restart_pc)
 * for an interrupt or an abort, and count it. An SVC or an undefined
 * instruction is never rewound (no helper has either): the test is inline,
 * so the trap path of a system call or hypercall makes no call for it. */
void hv_kuser_rewind(struct hv_dom *d, enum port_trap kind);
static inline void hv_kuser_trap(struct hv_dom *d, enum port_trap kind)
{
	if (kind != PORT_TRAP_SVC && kind != PORT_TRAP_UND)
		hv_kuser_rewind(d, kind);
}
/* Show d's TLS value (d is about to run). */
void hv_kuser_load(const struct hv_dom *d);
/* d is being built: its TLS value is 0 again. */
void hv_kuser_reset(const struct hv_dom *d);
/* REFHV_HC_SET_TLS. */
int32_t hv_hc_set_tls(struct pv_hc_call *c);
/* The transcript's line: how many restarts, by cause. */
void hv_kuser_report(void);
#endif

#endif
