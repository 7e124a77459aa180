#!/bin/sh
# Installs the built tree into a scratch prefix and builds outside programs
# against it: pkg-config (shared, and --static into a fully static binary)
# and CMake's find_package. Each must run and compute the right number.
# Usage: check_install.sh BUILD_DIR SOURCE_DIR C_COMPILER
set -eu
build=$1 src=$2 cc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" > "$tmp/install.log"
pc=$(find "$prefix" -name cxmetrics.pc)
libdir=$(dirname "$(dirname "$pc")")
for f in "$prefix/include/cxmetrics.h" "$libdir/libcxmetrics.a" "$libdir/libcxmetrics.so.1" \
         "$libdir/cmake/cxmetrics/cxmetricsConfig.cmake" \
         "$libdir/cmake/cxmetrics/cxmetricsConfigVersion.cmake" \
         "$prefix/share/doc/cxmetrics/format.md" "$prefix/share/doc/cxmetrics/series.md"; do
  [ -e "$f" ] || { echo "FAIL: not installed: $f"; exit 1; }
done

export PKG_CONFIG_PATH="$libdir/pkgconfig"
echo "pkg-config: $(pkg-config --modversion cxmetrics); static libs: $(pkg-config --libs --static cxmetrics)"

# shared, through pkg-config
"$cc" "$src/tests/package/consumer.c" $(pkg-config --cflags --libs cxmetrics) -o "$tmp/pc_shared"
LD_LIBRARY_PATH="$libdir" "$tmp/pc_shared"
LD_LIBRARY_PATH="$libdir" ldd "$tmp/pc_shared" | grep -q "$libdir/libcxmetrics.so.1" ||
  { echo "FAIL: pc_shared does not load the installed libcxmetrics.so.1"; exit 1; }

# static, through pkg-config --static: a fully static program
"$cc" -static "$src/tests/package/consumer.c" $(pkg-config --cflags --libs --static cxmetrics) \
  -o "$tmp/pc_static"
"$tmp/pc_static"
if readelf -d "$tmp/pc_static" 2>/dev/null | grep -q NEEDED; then
  echo "FAIL: pc_static is not static"; exit 1
fi

# find_package(cxmetrics) → cxmetrics::cxmetrics and cxmetrics::cxmetrics_static
cmake -S "$src/tests/package/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$cc" > "$tmp/consumer.log"
cmake --build "$tmp/consumer" >> "$tmp/consumer.log"
"$tmp/consumer/consumer_shared"
"$tmp/consumer/consumer_static"
if readelf -d "$tmp/consumer/consumer_static" | grep -q 'libcxmetrics'; then
  echo "FAIL: consumer_static links the shared library"; exit 1
fi
echo "install OK"
