#!/bin/sh
# Usage: check-mem-link.sh ARCHIVE CC [CFLAG...]
# A freestanding program that defines its own memcpy and uses pvlib's memset
# and memmove links with ARCHIVE, and the memcpy in the image is its own.
# (With memcpy in one object with the others, the linker would pull that
# object for memset and fail on a second memcpy.)
set -eu
archive=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/user.c" <<'EOC'
#include <stddef.h>
#include <pvlib/version.h>
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void _start(void);
/* The user's own copy, e.g. one tuned for the board. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
	return dst;
}
static unsigned char buf[64];
volatile const char *sink;
void _start(void)
{
	memset(buf, 1, sizeof buf);
	memmove(buf + 1, buf, 16);
	memcpy(buf + 32, buf, 16);
	sink = pv_version_string();
	for (;;)
		;
}
EOC
inc=$(dirname "$0")/../include
"$@" -std=c11 -ffreestanding -fno-builtin -O2 -Wall -Wextra -Werror -I"$inc" \
	-c -o "$tmp/user.o" "$tmp/user.c"
"$@" -nostdlib -nostartfiles -Wl,-e,_start -Wl,--trace-symbol=memcpy \
	-Wl,--trace-symbol=memset -Wl,--trace-symbol=memmove \
	-o "$tmp/user.elf" "$tmp/user.o" "$archive" -lgcc >"$tmp/trace" 2>&1 || {
	cat "$tmp/trace"
	echo "a program with its own memcpy does not link with $archive"
	exit 1
}
cat "$tmp/trace"
grep -q 'user\.o: definition of memcpy' "$tmp/trace" || { echo "memcpy not the user's"; exit 1; }
grep -q "$(basename "$archive").*definition of memset" "$tmp/trace" || { echo "memset not pvlib's"; exit 1; }
grep -q "$(basename "$archive").*definition of memmove" "$tmp/trace" || { echo "memmove not pvlib's"; exit 1; }
echo "a user-supplied memcpy links with $(basename "$archive"); memset and memmove come from it"
