#!/bin/sh
# Usage: check-undefined.sh NM ARCHIVE ALLOWLIST
# Fails if ARCHIVE references a symbol that it does not define itself and
# that is not named in ALLOWLIST (one symbol per line, '#' comments).
set -eu
nm=$1 archive=$2 allow=$3
tmp=${TMPDIR:-/tmp}/pvlib-undef.$$
trap 'rm -f "$tmp".*' EXIT
"$nm" -u "$archive" | awk 'NF==2 && $1=="U" {print $2} NF==1 && $1 !~ /:$/ {print $1}' | sort -u >"$tmp.undef"
"$nm" --defined-only "$archive" | awk 'NF==3 && $2 ~ /[TDBRWVtdbr]/ {print $3}' | sort -u >"$tmp.def"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$allow" | sort -u >"$tmp.allow"
comm -23 "$tmp.undef" "$tmp.def" | comm -23 - "$tmp.allow" >"$tmp.bad"
if [ -s "$tmp.bad" ]; then
	echo "libpvlib.a references symbols outside the allow-list:"
	cat "$tmp.bad"
	exit 1
fi
n=$(wc -l <"$tmp.undef")
echo "libpvlib.a: $n external references, all defined inside or allowed"
