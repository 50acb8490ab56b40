/* SPDX-License-Identifier: BSD-2-Clause */
/* The one number formatter (fmt.h). */
#include "fmt.h"

uint32_t port_fmt_num(char buf[PORT_FMT_MAX], uint64_t v, unsigned base, bool neg,
		      unsigned width, char pad)
{
	char tmp[PORT_FMT_MAX];
	uint32_t n = 0;
	const uint64_t b = base == 16u ? 16u : 10u;
	do { /* digits backwards, at most 20 (2^64 in decimal) */
		unsigned dgt = (unsigned)(v % b);
		tmp[n++] = (char)(dgt < 10u ? '0' + (int)dgt : 'a' + (int)dgt - 10);
		v /= b;
	} while (v != 0u && n < 20u);
	if (neg)
		tmp[n++] = '-';
	if (width > PORT_FMT_MAX)
		width = PORT_FMT_MAX;
	uint32_t out = 0;
	while (out + n < width)
		buf[out++] = pad;
	while (n > 0u)
		buf[out++] = tmp[--n];
	return out;
}
