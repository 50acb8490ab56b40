#!/usr/bin/env bash
# Compile every public header alone, in every language mode a consumer may
# use: C11, C99 and gnu99 with -pedantic, and C++17 (C++ only when a C++
# compiler is given). Each header must compile by itself (it includes what it
# needs) without a warning. Headers outside INCLUDE_DIR that users include
# too (the port fake's) may be named in PVLIB_EXTRA_HEADERS (paths,
# space-separated): each is compiled the same way, with its own folder and
# INCLUDE_DIR on the include path.
#   check-headers.sh INCLUDE_DIR CC [CXX]
# CC and CXX may be commands with arguments ("arm-none-eabi-gcc -mcpu=...").
set -euo pipefail
inc=$1
cc=$2
cxx=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

warn=(-Wall -Wextra -Werror -pedantic-errors -Wconversion -Wsign-conversion -Wundef
      -Wcast-qual -Wshadow)
cwarn=(-Wstrict-prototypes -Wmissing-prototypes)
fail=0
n=0
inc=$(cd "$inc" && pwd)
check() { # header as included, include dir...
	local h=$1 dirs=() d
	shift
	for d in "$@"; do dirs+=(-I"$d"); done
	printf '#include <%s>\n#include <%s>\ntypedef int pv_header_check_t;\n' "$h" "$h" >"$tmp/t.c"
	cp "$tmp/t.c" "$tmp/t.cc"
	for std in c11 c99 gnu99; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		if ! $cc -std=$std "${warn[@]}" "${cwarn[@]}" "${dirs[@]}" -fsyntax-only "$tmp/t.c" 2>"$tmp/err"; then
			echo "FAIL $h -std=$std ($cc)"; cat "$tmp/err"; fail=1
		fi
	done
	if [ -n "$cxx" ]; then
		n=$((n + 1))
		# shellcheck disable=SC2086
		if ! $cxx -std=c++17 "${warn[@]}" "${dirs[@]}" -fsyntax-only "$tmp/t.cc" 2>"$tmp/err"; then
			echo "FAIL $h -std=c++17 ($cxx)"; cat "$tmp/err"; fail=1
		fi
	fi
}
for h in $(cd "$inc" && find pvlib -name '*.h' | sort); do
	check "$h" "$inc"
done
for x in ${PVLIB_EXTRA_HEADERS:-}; do
	check "$(basename "$x")" "$(cd "$(dirname "$x")" && pwd)" "$inc"
done
[ $fail -eq 0 ] && echo "headers: $n compilations clean"
exit $fail
