/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The port as a hypervisor sees it: the same for every board. A build for
 * one board combines the board's description (ports/<board>/board.h, data
 * only), the CPU code its board.ini names (ports/cpu/<cpu>/: the functions
 * marked "cpu" below), the driver glue it names (ports/drivers/: those
 * marked "intc glue", "timer glue" and "console glue") and the shared
 * framework (ports/common/). docs/porting.md names the parts.
 *
 * The contract with the hypervisor (see docs/porting.md):
 *  - the hypervisor supplies hv_main() (called once, in SVC mode, MMU on,
 *    IRQs masked) and hv_trap() (called for every exception a guest takes);
 *  - before the first port_enter_guest() and whenever it switches domains it
 *    sets port_cur_frame to the running domain's trap frame and calls
 *    port_switch_space() with that domain's L1 table, ASID and DACR;
 *  - hv_trap() returns to the port, which resumes *port_cur_frame. The frame's
 *    cpsr must be a USR-mode PSR (the hypervisor sanitises anything it takes
 *    from a guest; port_psr_user() helps).
 *
 * Virtual layout, the same on every port:
 *   0x00000000 .. 0xBFFFFFFF   guest space (each domain's own tables)
 *   0xC0000000 .. +RAM size    linear map of all RAM (ARM domain 0, AP=01:
 *                              privileged only); the hypervisor image runs
 *                              here, linked at 0xC0010000
 *   0xEFF00000 .. 0xEFFFFFFF   ARMv5 only: uncached aliases of frames the
 *                              hypervisor shares with guests
 *   0xF0000000 .. 0xFFEFFFFF   the board's peripheral megabytes (BOARD_IO_MBS)
 *                              at physical + HV_IO_OFFSET, device memory
 *   0xFFFF0000                 exception vectors (SCTLR.V = 1)
 */
#ifndef PVPORT_HVPORT_H
#define PVPORT_HVPORT_H

#include <stdbool.h>
#include <stdint.h>

#include <pvlib/trap.h>
#include <pvlib/types.h>

#include "board.h"
#include "cpu.h"

#define HV_VIRT_BASE 0xC0000000u      /* start of the hypervisor range */
#define HV_UNCACHED_VA 0xEFF00000u    /* ARMv5: uncached alias window */
#define PORT_UNCACHED_SLOTS 256u      /* frames it holds */
#define HV_IO_OFFSET 0xE0000000u      /* peripheral VA = PA + offset */
#define HV_VECTORS_VA 0xFFFF0000u
#define HV_IO(pa) ((pa) + HV_IO_OFFSET)

/* ARM domains (DACR fields) the ports and the reference hypervisor use. */
#define ARMDOM_HYP 0u        /* hypervisor mappings: always client */
#define ARMDOM_GUEST_KERN 1u /* guest kernel: client in virtual kernel mode only */
#define ARMDOM_GUEST_USER 2u /* guest user: client in both virtual modes */

/* ASIDs the port can tag translations with (0: none, every switch flushes
 * the TLB). ASID 0 is reserved for the switch itself. */
#if CPU_MMU_V7
#define PORT_NR_ASIDS 256u
#else
#define PORT_NR_ASIDS 0u
#endif

enum port_trap {
	PORT_TRAP_SVC = 0,
	PORT_TRAP_UND = 1,
	PORT_TRAP_PABT = 2,
	PORT_TRAP_DABT = 3,
	PORT_TRAP_IRQ = 4,
	PORT_TRAP_FIQ = 5,
};

/* What the MMU said about an abort (FSR and FAR registers). */
struct port_fault {
	uint32_t fsr; /* data aborts: DFSR; prefetch aborts: IFSR on ARMv7,
			 0 on ARMv5 (which has none) */
	uint32_t far; /* data aborts: DFAR; prefetch aborts: IFAR on ARMv7,
			 the faulting pc on ARMv5 */
};

/* Fault status: FS[3:0], plus FS[4] from bit 10 on ARMv7 (DDI 0406C B4.1.52;
 * ARMv5: DDI 0100I B4.6, table B4-1). The values below are the same in both. */
#define PORT_FSR_STATUS(fsr) (((fsr) & 0xFu) | (((fsr) >> 6) & 0x10u))
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
 * Drops the boot identity mapping. */
void port_board_init(void);

/* The hypervisor's boot L1 table (its entries at and above HV_VIRT_BASE are
 * the ones every domain's L1 table must carry) and its machine address. */
uint32_t *port_hyp_l1(void);
pv_maddr_t port_hyp_l1_ma(void);

/* Hypervisor virtual address of machine address ma (linear map) and back. */
static inline void *port_ma_to_va(pv_maddr_t ma)
{
	return (void *)(uintptr_t)(pv_maddr_val(ma) - BOARD_RAM_PA + HV_VIRT_BASE);
}
static inline pv_maddr_t port_va_to_ma(const void *va)
{
	return pv_maddr((uint32_t)(uintptr_t)va - HV_VIRT_BASE + BOARD_RAM_PA);
}

/* DACR value for a guest: hypervisor domain client, guest-kernel domain
 * client only in virtual kernel mode, guest-user domain client. */
static inline uint32_t port_guest_dacr(bool virt_kernel)
{
	uint32_t dacr = 1u << (2u * ARMDOM_HYP);
	dacr |= 1u << (2u * ARMDOM_GUEST_USER);
	if (virt_kernel)
		dacr |= 1u << (2u * ARMDOM_GUEST_KERN);
	return dacr;
}
void port_set_dacr(uint32_t dacr);                          /* cpu */

/*
 * The running domain's user TLS value (cpu): the word the kuser helper
 * __kuser_get_tls returns (offset KUSER_OFF_TLS of the vector page, written
 * through HV_VECTORS_VA) and, on ARMv7, TPIDRURO too.
 */
void port_set_user_tls(uint32_t value);

/*
 * Switch to another domain's address space (cpu). ARMv5 (VIVT caches, no
 * ASIDs): clean and invalidate the caches, load TTBR and DACR, invalidate
 * the TLB. ARMv7 with ASIDs: load TTBR and the domain's ASID (no TLB or
 * cache flush: translations are tagged, caches are physically tagged) and
 * DACR. asid is ignored on a port with PORT_NR_ASIDS == 0.
 */
void port_switch_space(pv_maddr_t l1, uint32_t asid, uint32_t dacr);

/* Drop every TLB entry (cpu); the benchmark compares a switch with it. */
void port_tlb_flush_all(void);

/*
 * Make instructions the hypervisor wrote at [va, va+len) of its linear map
 * (a guest image) visible to every later instruction fetch (cpu).
 */
void port_sync_icache(const void *va, uint32_t len);

/*
 * Virtually tagged caches (ARMv5)? Then the hypervisor's linear map and a
 * guest's mapping of one frame are two virtual aliases the cache does not
 * keep coherent: frames the hypervisor and a guest share are mapped
 * uncached on both sides (port_uncached_map, PV_MMU_DESC_UNCACHED), and
 * copies through the linear map are bracketed by port_alias_sync. With
 * physically tagged caches (ARMv7) neither is needed.
 */
#define PORT_VIVT_CACHE (!CPU_MMU_V7)

/*
 * A hypervisor pointer to frame ma through which its accesses stay
 * coherent with a guest's uncached mapping of the frame (cpu). ARMv5:
 * cleans and invalidates the caches, then maps ma uncached at slot (below
 * PORT_UNCACHED_SLOTS; a slot mapped again is replaced) of the window at
 * HV_UNCACHED_VA. ARMv7: the linear-map address (slot unused).
 */
void *port_uncached_map(uint32_t slot, pv_maddr_t ma);

/*
 * Around a hypervisor access, through its linear-map pointer host, to len
 * guest bytes that the current guest maps at va (cpu). ARMv5, before the
 * access (written false): clean and invalidate the guest-address lines,
 * then the linear-map lines; after a write (written true): clean and
 * invalidate the linear-map lines. ARMv7: nothing.
 */
void port_alias_sync(pv_gvaddr_t va, const void *host, uint32_t len, bool written);

/* The physical CPU's MIDR. */
uint32_t port_cpu_id(void);

/*
 * A USR-mode PSR keeping what a guest may choose: the condition flags
 * N Z C V Q, the instruction set (T) and, on ARMv6 and later, the Thumb IT
 * state (bits 26:25 and 15:10) and the GE flags (19:16), so that a frame
 * resumed through it continues in the state it was interrupted in. Mode,
 * the interrupt masks A I F, E and J are the hypervisor's (ARMv5 has no
 * IT or GE bits: they are reserved there and cleared).
 */
#if defined(__ARM_ARCH) && __ARM_ARCH >= 6
#define PORT_PSR_GUEST 0xFE0FFC20u
#else
#define PORT_PSR_GUEST 0xF8000020u
#endif
static inline uint32_t port_psr_user(uint32_t psr)
{
	return (psr & PORT_PSR_GUEST) | PV_PSR_MODE_USR;
}

/* Console (console glue). */
void port_console_write(const char *s, uint32_t n);
void port_console_puts(const char *s);

/* Time since boot (timer glue; SP804: the free-running timer at
 * BOARD_CLOCK_TIMER_PA). Must be called at least once per counter wrap
 * (SP804: about 71 minutes at 1 MHz). */
pv_time_ns_t port_time_ns(void);
/* Arm the event timer (timer glue; SP804: the timer at
 * BOARD_EVENT_TIMER_PA) to interrupt after delta ns; stop it. Its line is
 * PORT_IRQ_TIMER. Any other timer of the board (an optional
 * BOARD_TIMER23_PA block) is left alone: a hypervisor may give it to a
 * guest. */
void port_timer_set(pv_time_ns_t delta);
void port_timer_stop(void);
/* Acknowledge the event timer; true if it had fired. */
bool port_timer_ack(void);
#define PORT_IRQ_TIMER BOARD_IRQ_TIMER01

/*
 * Interrupt controller (intc glue). Lines are numbered as the controller
 * numbers them (VIC line, GIC interrupt ID), below BOARD_IRQ_LINES.
 * port_irq_ack() takes the next pending enabled interrupt and names it
 * (false: none); every acknowledged line gets one port_irq_eoi() once it is
 * dealt with (for a routed line: once it is masked until the guest's EOI).
 */
void port_irq_enable(uint32_t line);
void port_irq_disable(uint32_t line);
bool port_irq_ack(uint32_t *line);
void port_irq_eoi(uint32_t line);

/* Sleep until an interrupt is asserted (cpu; taken or not: IRQs stay masked
 * in the hypervisor, which acknowledges them with port_irq_ack()). */
void port_wait_for_interrupt(void);

/* Stop QEMU with a verdict for CI. */
_Noreturn void port_exit(int status);

#endif
