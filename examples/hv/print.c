/* SPDX-License-Identifier: BSD-2-Clause */
/* A small printf for the hypervisor console: %s %c %d %u %x %p, width and
 * '0' padding, 'll' for 64-bit values. Numbers: port_fmt_num (fmt.h), the
 * one formatter the port and the configuration checker use too. */
#include "hv.h"

#include "fmt.h"

static void emit(const char *s, uint32_t n)
{
	port_console_write(s, n);
}

static void emit_num(uint64_t v, unsigned base, bool neg, unsigned width, char pad)
{
	char buf[PORT_FMT_MAX];
	emit(buf, port_fmt_num(buf, v, base, neg, width, pad));
}

void hv_vprintf(const char *fmt, va_list ap)
{
	while (*fmt) {
		const char *start = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt != start)
			emit(start, (uint32_t)(fmt - start));
		if (!*fmt)
			break;
		fmt++;
		char pad = ' ';
		unsigned width = 0;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10u + (unsigned)(*fmt++ - '0');
		bool wide = false;
		while (*fmt == 'l') {
			wide = true;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			uint32_t n = 0;
			while (s[n])
				n++;
			emit(s, n);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit(&c, 1);
			break;
		}
		case 'd': {
			int64_t v = wide ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
			emit_num(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, 10, v < 0, width, pad);
			break;
		}
		case 'u':
		case 'x': {
			uint64_t v = wide ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
			emit_num(v, *fmt == 'u' ? 10u : 16u, false, width, pad);
			break;
		}
		case 'p':
			emit("0x", 2);
			emit_num((uintptr_t)va_arg(ap, void *), 16, false, 8, '0');
			break;
		case '\0':
			return;
		default:
			emit(fmt, 1);
			break;
		}
		fmt++;
	}
}

void hv_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hv_vprintf(fmt, ap);
	va_end(ap);
}
