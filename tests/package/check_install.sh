#!/bin/sh
# Installs the built tree into a scratch prefix and builds outside programs
# against it: pkg-config (shared, and --static into a fully static binary)
# and CMake's find_package. Each must run and compute the right number.
# The parts the build has besides the library are named after the compiler
# and must be installed too, and work from there:
#   tools                    cxm-report, compare-periods and their manual pages
#   sqlite=DIR               the SQLite extension, DIR/cxmetrics.so
#   postgresql=MODULE:SHARE  the PostgreSQL module in MODULE, its control file
#                            and every SQL script of examples/postgresql in SHARE
# (DIR, MODULE, SHARE relative to the prefix).
# Usage: check_install.sh BUILD_DIR SOURCE_DIR C_COMPILER [PART...]
set -eu
build=$1 src=$2 cc=$3
shift 3
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

installed() { # installed FILE...: each under the prefix
  for f in "$@"; do
    [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $prefix/$f"; exit 1; }
  done
}
for part in "$@"; do
  case $part in
    tools)
      installed bin/cxm-report bin/compare-periods share/man/man1/cxm-report.1 \
        share/man/man1/compare-periods.1
      LD_LIBRARY_PATH="$libdir" "$prefix/bin/cxm-report" --by none --metric nps \
        "$src/examples/data/answers.csv" > "$tmp/report.txt"
      grep -q "^nps " "$tmp/report.txt" || { echo "FAIL: installed cxm-report"; exit 1; }
      LD_LIBRARY_PATH="$libdir" "$prefix/bin/compare-periods" --metric nps \
        "$src/examples/data/answers-previous.csv" "$src/examples/data/answers.csv" > /dev/null
      ;;
    sqlite=*)
      installed "${part#sqlite=}/cxmetrics.so"
      module=$prefix/${part#sqlite=}/cxmetrics
      if command -v sqlite3 > /dev/null; then # NPS of 10, 9, 0: (2 - 1) / 3
        nps=$(printf ".load %s\nSELECT printf('%%.1f', cxm_nps(column1)) FROM (VALUES (10), (9), (0));\n" \
          "$module" | sqlite3 :memory:)
        [ "$nps" = "33.3" ] || { echo "FAIL: the installed SQLite extension answers '$nps'"; exit 1; }
      fi
      ;;
    postgresql=*)
      dirs=${part#postgresql=}
      installed "${dirs%%:*}/cxmetrics.so" "${dirs#*:}/cxmetrics.control"
      for script in "$src"/examples/postgresql/cxmetrics--*.sql; do
        installed "${dirs#*:}/${script##*/}"
      done
      ;;
    *) echo "check_install.sh: unknown part $part"; exit 2 ;;
  esac
  echo "installed and working: ${part%%=*}"
done
echo "install OK"
