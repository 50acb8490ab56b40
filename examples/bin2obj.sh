#!/bin/sh
# bin2obj.sh OBJCOPY NAME IN.bin OUT.o: wrap a raw guest image in an object
# file whose read-only section .guest_images holds it between the symbols
# hv_image_NAME_start and hv_image_NAME_end.
set -eu
objcopy=$1 name=$2 in=$3 out=$4
dir=$(cd "$(dirname "$in")" && pwd)
base=$(basename "$in")
sym=_binary_$(printf '%s' "$base" | tr -c 'A-Za-z0-9' '_')
outabs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
cd "$dir"
"$objcopy" -I binary -O elf32-littlearm -B arm \
	--rename-section .data=.guest_images,alloc,load,readonly,data,contents \
	--redefine-sym "${sym}_start=hv_image_${name}_start" \
	--redefine-sym "${sym}_end=hv_image_${name}_end" \
	--strip-symbol "${sym}_size" \
	"$base" "$outabs"
# objcopy leaves e_flags 0 (no EABI version), which ld refuses to mix with
# compiled objects: mark it Version5 EABI (e_flags 0x05000000 at 0x24).
printf '\000\000\000\005' | dd of="$outabs" bs=1 seek=36 conv=notrunc status=none
