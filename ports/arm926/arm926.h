/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ARM926 port as the hypervisor sees it. Everything here is either a
 * few CP15 instructions or a call into a shared driver in ports/common.
 *
 * The contract with the hypervisor (see docs/porting.md):
 *  - the hypervisor supplies hv_main() (called once, in SVC mode, MMU on,
 *    IRQs masked) and hv_trap() (called for every exception a guest takes);
 *  - before the first port_enter_guest() and whenever it switches domains it
 *    sets port_cur_frame to the running domain's trap frame and calls
 *    port_switch_space() with that domain's L1 table and DACR;
 *  - hv_trap() returns to the port, which resumes *port_cur_frame. The frame's
 *    cpsr must be a USR-mode PSR (the hypervisor sanitises anything it takes
 *    from a guest; port_psr_user() helps).
 */
#ifndef PVPORT_ARM926_H
#define PVPORT_ARM926_H

#include <stdbool.h>
#include <stdint.h>

#include <pvlib/trap.h>
#include <pvlib/types.h>

#include "board.h"

enum port_trap {
	PORT_TRAP_SVC = 0,
	PORT_TRAP_UND = 1,
	PORT_TRAP_PABT = 2,
	PORT_TRAP_DABT = 3,
	PORT_TRAP_IRQ = 4,
	PORT_TRAP_FIQ = 5,
};

/* What the MMU said about an abort (ARM ARM B4.6: FSR and FAR). */
struct port_fault {
	uint32_t fsr; /* data aborts: DFSR (domain in [7:4], status [3:0]);
			 prefetch aborts: 0 (ARMv5 has no IFSR) */
	uint32_t far; /* data aborts: FAR; prefetch aborts: the faulting pc */
};

/* FSR status values (ARM ARM B4.6.1, table B4-1). */
#define PORT_FSR_STATUS(fsr) ((fsr) & 0xFu)
#define PORT_FSR_DOMAIN(fsr) (((fsr) >> 4) & 0xFu)
#define PORT_FSR_TRANSLATION_SECTION 0x5u
#define PORT_FSR_TRANSLATION_PAGE 0x7u
#define PORT_FSR_DOMAIN_SECTION 0x9u
#define PORT_FSR_DOMAIN_PAGE 0xBu
#define PORT_FSR_PERMISSION_SECTION 0xDu
#define PORT_FSR_PERMISSION_PAGE 0xFu

/* Supplied by the hypervisor. */
void hv_main(void);
void hv_trap(enum port_trap kind, struct pv_trap_frame *tf, const struct port_fault *fault);

/* The running guest's frame; read by the trap entry and exit code. */
extern struct pv_trap_frame *port_cur_frame;

/* Resume *port_cur_frame in USR mode. */
_Noreturn void port_enter_guest(void);

/* Board bring-up: console, interrupt controller (all lines off), time base.
 * Drops the boot identity mapping of the first megabyte. */
void port_board_init(void);

/* The hypervisor's boot L1 table (its entries at and above HV_VIRT_BASE are
 * the ones every domain's L1 table must carry) and its machine address. */
uint32_t *port_hyp_l1(void);
pv_maddr_t port_hyp_l1_ma(void);

/* Hypervisor virtual address of machine address ma (linear map) and back. */
static inline void *port_ma_to_va(pv_maddr_t ma)
{
	return (void *)(uintptr_t)(pv_maddr_val(ma) + HV_VIRT_BASE);
}
static inline pv_maddr_t port_va_to_ma(const void *va)
{
	return pv_maddr((uint32_t)(uintptr_t)va - HV_VIRT_BASE);
}

/* DACR value for a guest: hypervisor domain client, guest-kernel domain
 * client only in virtual kernel mode, guest-user domain client. */
uint32_t port_guest_dacr(bool virt_kernel);
void port_set_dacr(uint32_t dacr);

/* Switch to another domain's address space. ARMv5 caches are virtually
 * indexed and tagged and its TLB has no ASIDs, so this cleans and
 * invalidates the data cache, invalidates the instruction cache, drains the
 * write buffer, loads TTBR and DACR and invalidates the TLBs (ARM926EJ-S TRM
 * 2.3; ARM ARM B5 and B6). */
void port_switch_space(pv_maddr_t l1, uint32_t dacr);

/* A USR-mode PSR keeping only the guest's condition flags. */
static inline uint32_t port_psr_user(uint32_t psr)
{
	return (psr & 0xF8000000u) | PV_PSR_MODE_USR;
}

/* Console. */
void port_console_write(const char *s, uint32_t n);
void port_console_puts(const char *s);

/* Time since boot, from the free-running SP804 timer 1. Must be called at
 * least once per counter wrap (about 71 minutes at 1 MHz). */
pv_time_ns port_time_ns(void);
/* Arm the event timer (SP804 timer 2) to interrupt after delta ns; stop it. */
void port_timer_set(pv_time_ns delta);
void port_timer_stop(void);
/* Acknowledge the event timer; true if it had fired. */
bool port_timer_ack(void);
#define PORT_IRQ_TIMER BOARD_IRQ_TIMER23

/* Interrupt controller. */
void port_irq_enable(uint32_t line);
void port_irq_disable(uint32_t line);
uint32_t port_irq_pending(void);

/* Sleep until an interrupt is asserted (taken or not: IRQs stay masked in
 * the hypervisor, which polls port_irq_pending() afterwards). */
void port_wait_for_interrupt(void);

/* Stop QEMU with a verdict for CI. */
_Noreturn void port_exit(int status);

#endif
