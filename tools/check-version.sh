#!/bin/sh
# Usage: check-version.sh VERSION_H MESON_VERSION PC_FILE...
# Fails unless pvlib/version.h, the Meson project version and every given
# pkg-config file name the same version.
set -eu
h=$1 mv=$2
shift 2
get() { sed -n "s/^#define PV_VERSION_$1 \\(.*\\)$/\\1/p" "$h"; }
hv="$(get MAJOR).$(get MINOR).$(get PATCH)"
hs=$(get STRING | tr -d '"')
status=0
[ "$hv" = "$mv" ] || { echo "version.h says $hv, meson.build $mv"; status=1; }
[ "$hs" = "$mv" ] || { echo "PV_VERSION_STRING is $hs, meson.build $mv"; status=1; }
for pc in "$@"; do
	pv=$(sed -n 's/^Version: *//p' "$pc")
	[ "$pv" = "$mv" ] || { echo "$pc says $pv, meson.build $mv"; status=1; }
done
[ $status -eq 0 ] && echo "version $mv: version.h, meson.build and $# pkg-config file(s) agree"
exit $status
