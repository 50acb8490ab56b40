/* SPDX-License-Identifier: BSD-2-Clause */
#include "semihost.h"

#include <stdint.h>

#define SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUNTIME_ERROR 0x20024u

_Noreturn void semihost_exit(int status)
{
	register uint32_t r0 __asm__("r0") = SYS_EXIT;
	register uint32_t r1 __asm__("r1") =
		status == 0 ? ADP_STOPPED_APPLICATION_EXIT : ADP_STOPPED_RUNTIME_ERROR;
	/* ARM-state semihosting trap (ARM DUI 0471, "Semihosting"). */
	__asm__ volatile("svc 0x123456" : : "r"(r0), "r"(r1) : "memory");
	for (;;)
		;
}
