/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The framework every board shares: trap dispatch into the hypervisor, the
 * panic path, the pvlib assertion hook, board bring-up, DACR values and the
 * verdict. It knows no device: the CPU code, the interrupt-controller,
 * timer and console glue a board's board.ini selects do (glue.h).
 *
 * Concurrency: uniprocessor; everything here runs in SVC mode with IRQ and
 * FIQ masked (the hypervisor is never preempted). port_cur_frame is the
 * only mutable state.
 */
#include "glue.h"

#include <pvlib/port.h>

#include "fmt.h"

#include "semihost.h"

_Static_assert(HV_IO(0x1FF00000u) == 0xFFF00000u, "peripherals stay below the vector megabyte");

struct pv_trap_frame *port_cur_frame;
extern char _start[]; /* boot.S: its megabyte has the identity section */

static void put_hex(uint32_t v)
{
	char buf[2u + PORT_FMT_MAX] = { '0', 'x' };
	port_console_write(buf, 2u + port_fmt_num(buf + 2, v, 16, false, 8, '0'));
}

static void put_dec(uint32_t v)
{
	char buf[PORT_FMT_MAX];
	port_console_write(buf, port_fmt_num(buf, v, 10, false, 0, ' '));
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

uint32_t port_cpu_id(void)
{
	uint32_t v;
	/* MIDR: the same CP15 register on ARMv5 and ARMv7. */
	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(v));
	return v;
}

/* --- traps (called from entry.S) -------------------------------------- */

/* The fault record of a trap that is not an abort: zeros. entry.S passes it
 * with an SVC, which it hands to hv_trap() without port_trap(). */
const struct port_fault port_no_fault = { 0, 0 };

void port_trap(uint32_t kind)
{
	/* Only an abort has a fault status and address; every other trap
	 * gets zeros without building them. */
	if (kind == PORT_TRAP_DABT || kind == PORT_TRAP_PABT) {
		struct port_fault f;
		cpu_read_fault((enum port_trap)kind, &f);
		hv_trap((enum port_trap)kind, port_cur_frame, &f);
		return;
	}
	hv_trap((enum port_trap)kind, port_cur_frame, &port_no_fault);
}

_Noreturn void port_hyp_fault(uint32_t kind, uint32_t pc, uint32_t spsr)
{
	struct port_fault d = { 0, 0 };
	cpu_read_fault(PORT_TRAP_DABT, &d);
	port_console_puts("hv: PANIC: exception ");
	put_dec(kind);
	port_console_puts(" in the hypervisor, pc ");
	put_hex(pc);
	port_console_puts(" spsr ");
	put_hex(spsr);
	port_console_puts(" dfsr ");
	put_hex(d.fsr);
	port_console_puts(" dfar ");
	put_hex(d.far);
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
	cpu_init();
	intc_init();
	timer_init();
	/* Guests own the low 3 GiB from now on: drop the identity section. */
	uint32_t slot = pv_maddr_val(port_va_to_ma(_start)) >> 20;
	port_boot_l1[slot] = 0;
	pv_port_pt_sync(port_va_to_ma(&port_boot_l1[slot]), 4);
	port_tlb_flush_all();
}

void port_console_puts(const char *s)
{
	uint32_t n = 0;
	while (s[n])
		n++;
	port_console_write(s, n);
}

_Noreturn void port_exit(int status)
{
	semihost_exit(status);
}
