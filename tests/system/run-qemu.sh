#!/bin/sh
# Boot an image in QEMU with a time bound and check its transcript.
#   run-qemu.sh SECONDS EXPECT-FILE[,EXPECT-FILE...] QEMU [QEMU ARGS...]
# EXPECT-FILE: one fixed string per line that must appear somewhere in the
# transcript; a line starting with '!' names a string that must NOT appear;
# '#' lines are comments. QEMU must also exit with status 0 (the
# hypervisor's semihosting verdict). The transcript is always printed.
set -u
secs=$1 expect=$2
shift 2
out=${TMPDIR:-/tmp}/pvlib-qemu.$$
trap 'rm -f "$out" "$out.txt"' EXIT
QEMU_AUDIO_DRV=none timeout "$secs" "$@" </dev/null >"$out" 2>&1
rc=$?
tr -d '\r' <"$out" >"$out.txt"
cat "$out.txt"
fail=0
if [ "$rc" -eq 124 ]; then
	echo "run-qemu: FAIL: no verdict within ${secs}s"
	fail=1
elif [ "$rc" -ne 0 ]; then
	echo "run-qemu: FAIL: QEMU exited with status $rc"
	fail=1
fi
while IFS= read -r line; do
	case $line in
	'' | '#'*) ;;
	'!'*)
		if grep -qF -- "${line#!}" "$out.txt"; then
			echo "run-qemu: FAIL: unexpected: ${line#!}"
			fail=1
		fi ;;
	*)
		if ! grep -qF -- "$line" "$out.txt"; then
			echo "run-qemu: FAIL: missing: $line"
			fail=1
		fi ;;
	esac
done <<END
$(IFS=,; for f in $expect; do cat "$f" || echo "run-qemu: no expect file $f"; echo; done)
END
[ $fail -eq 0 ] && echo "run-qemu: PASS"
exit $fail
