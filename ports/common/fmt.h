/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one number formatter of the hypervisor and its port: the printf of
 * examples/hv/print.c, the configuration checker's messages and the port's
 * panic and assertion lines all format numbers here. Plain C with no
 * dependency, so the host tests of the checker build it too.
 */
#ifndef PORT_FMT_H
#define PORT_FMT_H

#include <stdbool.h>
#include <stdint.h>

/* Room for any number port_fmt_num writes: 20 decimal digits of a 64-bit
 * value, a sign, and padding up to this width. */
#define PORT_FMT_MAX 24u

/*
 * Write v in base 10 or 16 (lower-case digits) to buf, preceded by '-' if
 * neg, padded on the left with pad to at least width characters (at most
 * PORT_FMT_MAX). No terminator; returns the number of characters written.
 * Any base other than 16 is 10.
 */
uint32_t port_fmt_num(char buf[PORT_FMT_MAX], uint64_t v, unsigned base, bool neg,
		      unsigned width, char pad);

#endif
