#!/bin/sh
# Run one libFuzzer target for a bounded time: PVLIB_FUZZ_SECONDS (default 20).
#   run-fuzz.sh TARGET [--corpus DIR] [libFuzzer flags...]
# With --corpus the run starts from the checked-in corpus DIR (every input in
# it, crash regressions included, is replayed first), but new inputs go to a
# scratch directory that is removed afterwards: CI never writes into the
# tree. tools/fuzz-campaign.sh is the longer run that merges back.
# Longer runs: PVLIB_FUZZ_SECONDS=3600 meson test -C build/host-clang --suite fuzz
# A crashing input is written to fuzz-artifacts/ in the build directory (and
# printed in base64 in the test log).
set -u
target=$1; shift
seeds=
if [ "${1:-}" = "--corpus" ]; then
	seeds=$2
	shift 2
	[ -d "$seeds" ] || { echo "run-fuzz.sh: no corpus $seeds" >&2; exit 1; }
fi
corpus=$(mktemp -d)
mkdir -p fuzz-artifacts
"$target" -max_total_time="${PVLIB_FUZZ_SECONDS:-20}" -seed=1 -print_final_stats=1 \
	-error_exitcode=1 -timeout_exitcode=1 -artifact_prefix=fuzz-artifacts/ \
	"$@" "$corpus" ${seeds:+"$seeds"}
status=$?
rm -rf "$corpus"
exit $status
