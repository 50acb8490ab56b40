#!/bin/sh
# Run one libFuzzer target for a bounded time: PVLIB_FUZZ_SECONDS (default 20).
# Longer runs: PVLIB_FUZZ_SECONDS=3600 meson test -C build/host-clang --suite fuzz
set -eu
target=$1; shift
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
exec "$target" -max_total_time="${PVLIB_FUZZ_SECONDS:-20}" -seed=1 \
	-print_final_stats=1 "$@" "$corpus"
