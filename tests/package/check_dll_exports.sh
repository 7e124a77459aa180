#!/bin/sh
# Windows: cxmetrics.dll exports exactly the functions the header declares
# with CXM_API (dllexport when the library is built), and nothing else: the
# PE counterpart of check_exports.sh.
# Usage: check_dll_exports.sh OBJDUMP DLL HEADER
set -eu
objdump=$1 dll=$2 header=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$objdump" -p "$dll" |
  sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
  sed -n 's/^[[:space:]]*\[[[:space:]]*[0-9]*\][[:space:]]*//p' | sort -u > "$tmp/exported"
grep -o '^CXM_API[^(]*(' "$header" | sed 's/($//; s/.*[ *]//' | sort -u > "$tmp/declared"

if ! diff -u "$tmp/declared" "$tmp/exported"; then
  echo "FAIL: the DLL's exports differ from the CXM_API declarations of the header"
  exit 1
fi
echo "DLL exports OK: $(wc -l < "$tmp/exported") cxm_* functions"
