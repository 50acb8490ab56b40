#!/bin/sh
# A longer fuzzing campaign that keeps what it learns. For each target (all
# four by default): run it from its checked-in corpus tests/<module>/corpus/
# for PVLIB_FUZZ_SECONDS (default 600), then merge the corpus and what the
# run found into a fresh minimal set (libFuzzer -merge=1: the smallest
# inputs that keep every feature) and replace the checked-in corpus with it.
# Inputs named regress-* (crashes found earlier, kept as regression tests)
# are always kept. A corpus that would exceed PVLIB_CORPUS_MAX_BYTES (96 KiB)
# is merged again keeping only inputs that add an edge (-use_counters=0).
# Review and commit the corpus changes by hand.
#
#   tools/fuzz-campaign.sh [BUILD_DIR] [mmu|evtchn|hypercall|sched ...]
#
# BUILD_DIR defaults to build/host-clang (configured as tools/check does,
# with -Dfuzz=true). A crash stops the campaign with the input written to
# BUILD_DIR/fuzz-artifacts/: turn it into a regression test (a unit test,
# and the input as tests/<module>/corpus/regress-<what>).
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/host-clang}
[ $# -gt 0 ] && shift
mods=${*:-mmu evtchn hypercall sched}
secs=${PVLIB_FUZZ_SECONDS:-600}
# Keep each corpus small (the tree carries them): above this many bytes the
# merge keeps only what every edge needs.
max_bytes=${PVLIB_CORPUS_MAX_BYTES:-98304}
ninja -C "$build" >/dev/null
mkdir -p "$build/fuzz-artifacts"
for m in $mods; do
	exe=$build/tests/$m/fuzz_$m
	corpus=tests/$m/corpus
	mkdir -p "$corpus"
	work=$(mktemp -d)
	merged=$(mktemp -d)
	seeds=$(mktemp -d)
	find "$corpus" -type f ! -name 'regress-*' -exec cp {} "$seeds"/ \;
	echo "== fuzz_$m: ${secs}s from $(ls "$corpus" | wc -l) inputs"
	log=$build/fuzz-campaign-$m.log
	if ! "$exe" -max_total_time="$secs" -print_final_stats=1 -error_exitcode=1 \
		-timeout_exitcode=1 -artifact_prefix="$build/fuzz-artifacts/" \
		"$work" "$corpus" >"$log" 2>&1; then
		grep -E '^(==|SUMMARY|artifact_prefix)' "$log" || true
		echo "fuzz_$m failed: see $log; the corpus is unchanged" >&2
		rm -rf "$work" "$merged" "$seeds"
		exit 1
	fi
	grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::new_units_added)' "$log" || true
	"$exe" -merge=1 "$merged" "$seeds" "$work" >>"$log" 2>&1
	if [ "$(cat "$merged"/* 2>/dev/null | wc -c)" -gt "$max_bytes" ]; then
		# Too big with every feature (edge hit counts): keep a set that
		# covers every edge instead.
		rm -f "$merged"/*
		"$exe" -merge=1 -use_counters=0 "$merged" "$seeds" "$work" >>"$log" 2>&1
	fi
	grep -E 'MERGE-OUTER: [0-9]+ new' "$log" | tail -1 || true
	find "$corpus" -type f ! -name 'regress-*' -delete
	cp "$merged"/* "$corpus"/ 2>/dev/null || true
	rm -rf "$work" "$merged" "$seeds"
	echo "   kept $(ls "$corpus" | wc -l) inputs, $(cat "$corpus"/* | wc -c) bytes"
done
