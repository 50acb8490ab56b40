/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * memcpy for freestanding builds.
 *
 * The compiler may emit calls to memcpy, memmove and memset for
 * structure copies and zeroing even with -ffreestanding; on a board nothing
 * else may provide them. Each lives in an object of its own, so
 * a hypervisor that defines one of them itself links with libpvlib.a: the
 * linker then takes the others from the archive and leaves this one out.
 * Host builds use the C library's (so the sanitizers see every copy) and do
 * not compile these files.
 */
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}
