/* SPDX-License-Identifier: BSD-2-Clause */
#include "arm926.h"

void hv_main(void)
{
	port_board_init();
	port_console_puts("hv: pvlib reference hypervisor on ARM926\n");
	port_exit(0);
}

void hv_trap(enum port_trap kind, struct pv_trap_frame *tf, const struct port_fault *fault)
{
	(void)kind; (void)tf; (void)fault;
	port_exit(1);
}
