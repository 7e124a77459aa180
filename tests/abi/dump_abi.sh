#!/bin/sh
# Writes the ABI description (libabigail's abidw) of a built libcxmetrics.so.
# check_abi.sh runs it on the fresh library; the abi-baseline target runs it
# to refresh the committed baseline tests/abi/cxmetrics.abi.
#
# Refresh the baseline only to RECORD ADDITIONS, after check_abi.sh has shown
# that every change is a compatible addition (docs/abi.md). It is never the
# way to accept an incompatible change: that needs a new SONAME major.
#
# Usage: dump_abi.sh LIBRARY HEADERS_DIR OUT
# Normally:  cmake --build build --target abi-baseline
# The library must carry debug info (-g; the default build type
# RelWithDebInfo has it): abidw reads the types from DWARF.
set -eu
lib=$1 headers=$2 out=$3

if ! readelf -S "$lib" | grep -q '\.debug_info'; then
  echo "dump_abi: $lib has no debug info; build with -g (RelWithDebInfo or Debug)" >&2
  exit 1
fi
# Only the exported interface and the types of the public headers; nothing
# that depends on the machine or the checkout (paths, source locations, type
# numbering), so that a refreshed baseline differs in review exactly by the
# interface change it records, and both sides of the comparison are made the
# same way.
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-architecture \
      --no-elf-needed --exported-interfaces-only --type-id-style hash \
      --headers-dir "$headers" --drop-private-types \
      --out-file "$out.tmp" "$lib"
mv "$out.tmp" "$out"
echo "ABI description of $lib written to $out ($(grep -c '<elf-symbol ' "$out") symbols)"
