/* SPDX-License-Identifier: BSD-2-Clause */
/* The port on its own: boot, MMU, console, time base and verdict. The first
 * thing to get working on a new board. */
#include "hvport.h"

void hv_main(void)
{
	port_board_init();
	port_console_puts("hv: pvlib port boots: " BOARD_NAME "\n");
	pv_time_ns_t t0 = port_time_ns();
	while (port_time_ns() - t0 < 1000000u)
		;
	port_console_puts("hv: time base runs\n");
	port_exit(0);
}

void hv_trap(enum port_trap kind, struct pv_trap_frame *tf, const struct port_fault *fault)
{
	(void)kind;
	(void)tf;
	(void)fault;
	port_exit(1);
}
