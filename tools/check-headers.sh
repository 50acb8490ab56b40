#!/usr/bin/env bash
# Compile every public header alone, in every language mode a consumer may
# use: C11, C99 and gnu99 with -pedantic, and C++17 (C++ only when a C++
# compiler is given). Each header must compile by itself (it includes what it
# needs) without a warning.
#   check-headers.sh INCLUDE_DIR CC [CXX]
# CC and CXX may be commands with arguments ("arm-none-eabi-gcc -mcpu=...").
set -euo pipefail
inc=$1
cc=$2
cxx=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

warn=(-Wall -Wextra -Werror -pedantic-errors -Wconversion -Wsign-conversion -Wundef
      -Wcast-qual)
cwarn=(-Wshadow -Wstrict-prototypes -Wmissing-prototypes)
fail=0
n=0
cd "$inc"
for h in $(find pvlib -name '*.h' | sort); do
	printf '#include <%s>\n#include <%s>\ntypedef int pv_header_check_t;\n' "$h" "$h" >"$tmp/t.c"
	cp "$tmp/t.c" "$tmp/t.cc"
	for std in c11 c99 gnu99; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		if ! $cc -std=$std "${warn[@]}" "${cwarn[@]}" -I. -fsyntax-only "$tmp/t.c" 2>"$tmp/err"; then
			echo "FAIL $h -std=$std ($cc)"; cat "$tmp/err"; fail=1
		fi
	done
	if [ -n "$cxx" ]; then
		n=$((n + 1))
		# shellcheck disable=SC2086
		if ! $cxx -std=c++17 "${warn[@]}" -I. -fsyntax-only "$tmp/t.cc" 2>"$tmp/err"; then
			echo "FAIL $h -std=c++17 ($cxx)"; cat "$tmp/err"; fail=1
		fi
	fi
done
[ $fail -eq 0 ] && echo "headers: $n compilations clean"
exit $fail
