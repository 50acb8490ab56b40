#!/bin/sh
# Run one libFuzzer target for a bounded time: PVLIB_FUZZ_SECONDS (default 20).
# Longer runs: PVLIB_FUZZ_SECONDS=3600 meson test -C build/host-clang --suite fuzz
# A crashing input is written to fuzz-artifacts/ in the build directory (and
# printed in base64 in the test log).
set -u
target=$1; shift
corpus=$(mktemp -d)
mkdir -p fuzz-artifacts
"$target" -max_total_time="${PVLIB_FUZZ_SECONDS:-20}" -seed=1 -print_final_stats=1 \
	-error_exitcode=1 -timeout_exitcode=1 -artifact_prefix=fuzz-artifacts/ \
	"$@" "$corpus"
status=$?
rm -rf "$corpus"
exit $status
