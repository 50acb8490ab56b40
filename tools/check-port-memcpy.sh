#!/bin/sh
# Usage: check-port-memcpy.sh MEMCPY.S CFLAG...
# The ports' memcpy (ports/common/memcpy.S) against the C library's, run as a
# Linux user program under qemu-arm: every source and destination offset 0-7
# and every length 0-199, inside a larger buffer whose other bytes must stay
# as they were, and the destination returned. Built with Debian's
# arm-linux-gnueabi-gcc (static) and the board's -mcpu.
set -eu
src=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/\bmemcpy\b/port_memcpy_under_test/g' "$src" >"$tmp/m.S"
cat >"$tmp/t.c" <<'EOC'
#include <stdio.h>
#include <string.h>
void *port_memcpy_under_test(void *d, const void *s, size_t n);
int main(void)
{
	static unsigned char src[300], dst[300], ref[300];
	int bad = 0, runs = 0;
	for (int so = 0; so < 8; so++)
		for (int dof = 0; dof < 8; dof++)
			for (int n = 0; n < 200; n++) {
				for (int i = 0; i < 300; i++) {
					src[i] = (unsigned char)(i * 7 + 3);
					dst[i] = ref[i] = (unsigned char)(i ^ 0x5a);
				}
				memcpy(ref + dof, src + so, (size_t)n);
				void *r = port_memcpy_under_test(dst + dof, src + so, (size_t)n);
				runs++;
				if (r != dst + dof || memcmp(dst, ref, sizeof ref) != 0) {
					if (bad++ < 5)
						printf("wrong: source +%d, destination +%d, %d bytes\n",
						       so, dof, n);
				}
			}
	printf("port memcpy: %d copies, %d wrong\n", runs, bad);
	return bad != 0;
}
EOC
arm-linux-gnueabi-gcc -O2 -static "$@" -o "$tmp/t" "$tmp/t.c" "$tmp/m.S" -Wa,--noexecstack
qemu-arm "$tmp/t"
