/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM926EJ-S port: CP15 operations, the pvlib port hooks, and the board
 * glue between the trap entry code and the shared drivers.
 *
 * Concurrency: uniprocessor; everything here runs in SVC mode with IRQ and
 * FIQ masked (the hypervisor is never preempted). port_time_ns() keeps the
 * only mutable state of the port besides port_cur_frame.
 */
#include "arm926.h"

#include <pvlib/port.h>

#include "../common/pl011.h"
#include "../common/pl190.h"
#include "../common/semihost.h"
#include "../common/sp804.h"

extern uint32_t port_boot_l1[4096];

struct pv_trap_frame *port_cur_frame;

static const struct pl011 console = { HV_IO(BOARD_UART0_PA) };
static const struct pl190 vic = { HV_IO(BOARD_VIC_PA) };
static const struct sp804 clock_timer = { HV_IO(BOARD_TIMER01_PA) + 0x20u };
static const struct sp804 event_timer = { HV_IO(BOARD_TIMER23_PA) };

static struct {
	uint32_t last;  /* last counter value read */
	uint64_t ticks; /* ticks elapsed up to last */
} clock_state;

/* --- CP15 (ARM ARM B2-B6; ARM926EJ-S TRM 2.3) ------------------------ */

static void tlb_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");
}

static void tlb_invalidate_mva(uint32_t va)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" : : "r"(va) : "memory");
}

static void drain_write_buffer(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

/* Clean and invalidate the whole D cache with the ARM926 "test, clean and
 * invalidate" loop, then invalidate the I cache and drain the write buffer. */
static void cache_clean_inval_all(void)
{
	__asm__ volatile("1: mrc p15, 0, r15, c7, c14, 3\n"
			 "   bne 1b\n"
			 "   mcr p15, 0, %0, c7, c5, 0\n"
			 "   mcr p15, 0, %0, c7, c10, 4\n"
			 : : "r"(0) : "memory", "cc");
}

void port_set_dacr(uint32_t dacr)
{
	__asm__ volatile("mcr p15, 0, %0, c3, c0, 0" : : "r"(dacr) : "memory");
}

uint32_t port_guest_dacr(bool virt_kernel)
{
	uint32_t dacr = 1u << (2u * ARMDOM_HYP);
	dacr |= 1u << (2u * ARMDOM_GUEST_USER);
	if (virt_kernel)
		dacr |= 1u << (2u * ARMDOM_GUEST_KERN);
	return dacr;
}

void port_switch_space(pv_maddr_t l1, uint32_t dacr)
{
	cache_clean_inval_all();
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0" : : "r"(pv_maddr_val(l1)) : "memory");
	port_set_dacr(dacr);
	tlb_invalidate_all();
}

static uint32_t read_dfsr(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
	return v;
}

static uint32_t read_far(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
	return v;
}

void port_wait_for_interrupt(void)
{
	/* ARM926 wait-for-interrupt; wakes on an asserted IRQ even if masked. */
	__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0) : "memory");
}

/* --- pvlib port hooks (include/pvlib/port.h) -------------------------- */

void pv_port_tlb_maint(const struct pv_tlb_req *req)
{
	/* No ASIDs: the TLB holds only the current space's entries (every
	 * switch invalidates it), so one-page requests drop one MVA and every
	 * other request is widened to the whole TLB. */
	if (req->scope == PV_TLB_VA)
		tlb_invalidate_mva(pv_gvaddr_val(req->va));
	else
		tlb_invalidate_all();
}

void pv_port_pt_sync(pv_maddr_t ma, uint32_t len)
{
	/* The ARM926 table walker reads memory, not the D cache: clean each
	 * 32-byte line of the range (by its linear-map address), then drain. */
	uint32_t va = pv_maddr_val(ma) + HV_VIRT_BASE;
	uint32_t end = va + len;
	for (va &= ~31u; va < end; va += 32u)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(va) : "memory");
	drain_write_buffer();
}

void pv_port_cache_flush_all(void)
{
	cache_clean_inval_all();
}

static void put_hex(uint32_t v)
{
	char buf[10] = { '0', 'x' };
	for (unsigned i = 0; i < 8u; i++) {
		uint32_t nib = (v >> (28u - 4u * i)) & 0xFu;
		buf[2u + i] = (char)(nib < 10u ? '0' + (int)nib : 'a' + (int)nib - 10);
	}
	port_console_write(buf, 10);
}

static void put_dec(uint32_t v)
{
	char buf[10];
	unsigned n = 0;
	do {
		buf[9u - n++] = (char)('0' + (int)(v % 10u));
		v /= 10u;
	} while (v && n < 10u);
	port_console_write(&buf[10u - n], n);
}

_Noreturn void pv_port_assert_fail(const char *expr, const char *file, int line)
{
	port_console_puts("hv: ASSERTION FAILED: ");
	port_console_puts(expr);
	port_console_puts(" at ");
	port_console_puts(file);
	port_console_puts(":");
	put_dec((uint32_t)line);
	port_console_puts("\n");
	port_exit(1);
}

/* --- traps ------------------------------------------------------------ */

void port_trap(uint32_t kind);
void port_trap(uint32_t kind)
{
	struct port_fault f = { 0, 0 };
	if (kind == PORT_TRAP_DABT) {
		f.fsr = read_dfsr();
		f.far = read_far();
	} else if (kind == PORT_TRAP_PABT) {
		f.far = port_cur_frame->pc;
	}
	hv_trap((enum port_trap)kind, port_cur_frame, &f);
}

_Noreturn void port_hyp_fault(uint32_t kind, uint32_t pc, uint32_t spsr);
_Noreturn void port_hyp_fault(uint32_t kind, uint32_t pc, uint32_t spsr)
{
	port_console_puts("hv: PANIC: exception ");
	put_dec(kind);
	port_console_puts(" in the hypervisor, pc ");
	put_hex(pc);
	port_console_puts(" spsr ");
	put_hex(spsr);
	port_console_puts(" fsr ");
	put_hex(read_dfsr());
	port_console_puts(" far ");
	put_hex(read_far());
	port_console_puts("\n");
	port_exit(1);
}

/* --- board ------------------------------------------------------------ */

uint32_t *port_hyp_l1(void)
{
	return port_boot_l1;
}

pv_maddr_t port_hyp_l1_ma(void)
{
	return port_va_to_ma(port_boot_l1);
}

void port_board_init(void)
{
	pl190_init(&vic);
	sp804_stop(&event_timer);
	sp804_start_freerun(&clock_timer);
	clock_state.last = sp804_value(&clock_timer);
	clock_state.ticks = 0;
	/* Guests own the low 3 GiB from now on. */
	port_boot_l1[0] = 0;
	pv_port_pt_sync(port_va_to_ma(&port_boot_l1[0]), 4);
	tlb_invalidate_all();
}

void port_console_write(const char *s, uint32_t n)
{
	pl011_write(&console, s, n);
}

void port_console_puts(const char *s)
{
	uint32_t n = 0;
	while (s[n])
		n++;
	pl011_write(&console, s, n);
}

pv_time_ns port_time_ns(void)
{
	uint32_t now = sp804_value(&clock_timer);
	clock_state.ticks += (uint32_t)(clock_state.last - now); /* counts down */
	clock_state.last = now;
	return clock_state.ticks * (1000000000u / BOARD_TIMER_HZ);
}

void port_timer_set(pv_time_ns delta)
{
	uint64_t ticks = delta / (1000000000u / BOARD_TIMER_HZ);
	if (ticks == 0)
		ticks = 1;
	if (ticks > 0xFFFFFFFFu)
		ticks = 0xFFFFFFFFu;
	sp804_oneshot(&event_timer, (uint32_t)ticks);
}

void port_timer_stop(void)
{
	sp804_stop(&event_timer);
}

bool port_timer_ack(void)
{
	return sp804_ack(&event_timer);
}

void port_irq_enable(uint32_t line)
{
	pl190_enable(&vic, line);
}

void port_irq_disable(uint32_t line)
{
	pl190_disable(&vic, line);
}

uint32_t port_irq_pending(void)
{
	return pl190_pending(&vic);
}

_Noreturn void port_exit(int status)
{
	semihost_exit(status);
}
