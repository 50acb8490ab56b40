#!/usr/bin/env bash
# tools/migrate-1.0 on a sample of 0.x code (old.c.in): the result must be
# new.c exactly; a second run must change nothing; code already written
# with the 1.0 names (new.c) must come out unchanged; and the result must
# compile against the 1.0 headers.
#   check.sh SRCDIR "CC [ARGS...]"
set -euo pipefail
src=$1
cc=$2
here=$src/tests/migrate
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/old.c.in" "$tmp/a.c"
"$src/tools/migrate-1.0" "$tmp/a.c" 2>/dev/null
diff -u "$here/new.c" "$tmp/a.c" || { echo "migrate-1.0: unexpected result"; exit 1; }
cp "$tmp/a.c" "$tmp/b.c"
"$src/tools/migrate-1.0" "$tmp/a.c" 2>/dev/null
cmp "$tmp/a.c" "$tmp/b.c" || { echo "migrate-1.0: a second run changed the file"; exit 1; }
"$src/tools/migrate-1.0" --check "$tmp/a.c" "$here/new.c" ||
	{ echo "migrate-1.0: would change code that uses the 1.0 names"; exit 1; }
# shellcheck disable=SC2086
$cc -std=c11 -Wall -Wextra -Werror -fsyntax-only -I"$src/include" -I"$src/tests/fake" "$tmp/a.c"
echo "migrate-1.0: sample migrated, idempotent, new names left alone, compiles"
