#!/usr/bin/env bash
# Build and test examples/consumer three ways, as a user would:
#   1. with pvlib as a Meson subproject (tests=false), pvlib_fake_dep included;
#   2. against pvlib installed to a prefix, with the README's commands
#      (meson install, then its cc ... $(pkg-config --cflags --libs pvlib)
#      line), and the layout test with pkg-config's pvlib-fake;
#   3. from CMake, against the same installed copy, through pvlib's CMake
#      package (pvlib::pvlib, pvlib::fake) and through pkg-config, and
#      through the package again after the installed tree is moved, with
#      cmocka found without its pkg-config file.
# Usage: tools/check-consumer.sh [WORKDIR]  (default: build/consumer)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$root/build/consumer}
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
quiet() { "$@" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }; }

# The README's first example is examples/consumer/hv.c, byte for byte.
awk '/^## A first look at the API/ {f = 1} f && /^```c$/ {c = 1; next} c && /^```$/ {exit}
     c {print}' "$root/README.md" >"$work/readme-example.c"
if ! cmp -s "$work/readme-example.c" "$root/examples/consumer/hv.c"; then
	echo "README.md's first example differs from examples/consumer/hv.c:"
	diff -u "$root/examples/consumer/hv.c" "$work/readme-example.c" || true
	exit 1
fi
readme_cc=$(grep -E '^cc .*\$\(pkg-config --cflags --libs pvlib\)' "$root/README.md" | head -1)
[ -n "$readme_cc" ] || { echo "README.md has no pkg-config build line"; exit 1; }

echo "-- consumer: Meson subproject"
cp -r "$root/examples/consumer" "$work/sub"
mkdir "$work/sub/subprojects"
ln -s "$root" "$work/sub/subprojects/pvlib"
quiet meson setup "$work/sub-build" "$work/sub"
quiet meson test -C "$work/sub-build" --print-errorlogs
grep -q "Subproject pvlib" "$work/sub-build/meson-logs/meson-log.txt"

echo "-- consumer: installed pvlib, pkg-config (the README's commands)"
prefix=$work/prefix
quiet meson setup "$work/pvlib-build" "$root" --prefix="$prefix" --libdir=lib \
	-Dtests=false -Dbench=false
quiet ninja -C "$work/pvlib-build" install
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cp -r "$root/examples/consumer" "$work/pc"
(
	cd "$work/pc"
	# shellcheck disable=SC2086
	eval "$readme_cc -Wall -Wextra -Werror"
	cc -std=c11 -Wall -Wextra -Werror test_layout.c $(pkg-config --cflags --libs pvlib-fake) \
		-o test_layout
)
quiet "$work/pc/hello-hv"
quiet "$work/pc/test_layout"

unset PKG_CONFIG_PATH # found through CMAKE_PREFIX_PATH, as a user would
for how in package pkgconfig; do
	echo "-- consumer: CMake, installed pvlib, through its $how"
	opt=OFF
	[ "$how" = pkgconfig ] && opt=ON
	quiet cmake -S "$root/examples/consumer" -B "$work/cmake-$how" \
		-DCMAKE_PREFIX_PATH="$prefix" -DPVLIB_USE_PKGCONFIG=$opt
	quiet cmake --build "$work/cmake-$how"
	quiet ctest --test-dir "$work/cmake-$how" --output-on-failure
done
# The installed tree moved elsewhere (the package must not name its install
# prefix), with cmocka found without its pkg-config file.
echo "-- consumer: CMake, installed pvlib moved, cmocka without pkg-config"
mv "$prefix" "$work/moved"
quiet env PKG_CONFIG_LIBDIR="$work/no-pc" cmake -S "$root/examples/consumer" \
	-B "$work/cmake-moved" -DCMAKE_PREFIX_PATH="$work/moved"
grep -q "pvlib::fake is not defined" "$work/log" && { cat "$work/log"; exit 1; }
quiet cmake --build "$work/cmake-moved"
quiet ctest --test-dir "$work/cmake-moved" --output-on-failure
if grep -rq "$prefix" "$work/moved/lib/cmake"; then
	echo "pvlib's CMake package names its install prefix"
	exit 1
fi
mv "$work/moved" "$prefix"
echo "consumer: built and tested as a subproject, with pkg-config and with CMake"
