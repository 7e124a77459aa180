#!/bin/sh
# The PGXN distribution of the PostgreSQL extension builds on its own: the
# zip that examples/postgresql/dist.py writes (make dist) is unpacked where no
# repository is around it, and a plain `make && make install` there links the
# library installed by `cmake --install` into a scratch prefix, found by
# pkg-config as the Debian package libcxmetrics-dev would be. make install
# goes to a DESTDIR (PostgreSQL's own directories under it), so the server's
# directories are not touched. Without pkg-config the Makefile says what it
# needs. Exit 77 (skipped) without pg_config.
# Usage: check_pgxn.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
PG_CONFIG=${PG_CONFIG:-pg_config}
command -v "$PG_CONFIG" > /dev/null ||
  { echo "SKIPPED: pg_config not found (postgresql-server-dev-15)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" --component dev > "$tmp/install.log"
pc=$(find "$tmp/prefix" -name cxmetrics.pc)

zip=$(python3 "$src/examples/postgresql/dist.py" "$tmp")
version=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
            "$src/examples/postgresql/META.json")
mkdir "$tmp/unpacked"
python3 -m zipfile -e "$zip" "$tmp/unpacked"
dist=$tmp/unpacked/cxmetrics-$version
[ "$(basename "$zip")" = "cxmetrics-$version.zip" ] || { echo "FAIL: zip named $zip"; exit 1; }
# The zip's files: what META.json names, every script of the Makefile's DATA,
# the license; nothing of the repository's tests or tools.
for f in META.json Makefile README.md LICENSE cxmetrics.control cxm_pg.h \
         $(sed -n 's/^DATA *= *//p' "$src/examples/postgresql/Makefile") \
         $(python3 -c 'import json, sys; m = json.load(open(sys.argv[1]))
print(" ".join(p["file"] for p in m["provides"].values()))' "$dist/META.json"); do
  [ -f "$dist/$f" ] || { echo "FAIL: $f is not in $(basename "$zip")"; exit 1; }
done
if [ -e "$dist/tests" ] || [ -e "$dist/CMakeLists.txt" ] || [ -e "$dist/test.sh" ]; then
  echo "FAIL: the distribution carries the repository's tests or build files"; ls "$dist"; exit 1
fi
echo "$(basename "$zip"): $(ls "$dist" | wc -l) files"

# No library where pkg-config looks: make stops and says what it needs.
if PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR="$tmp/none" make -C "$dist" PG_CONFIG="$PG_CONFIG" \
     > "$tmp/none.log" 2>&1; then
  echo "FAIL: the distribution built without an installed library"; exit 1
fi
grep -q "libcxmetrics-dev" "$tmp/none.log" ||
  { echo "FAIL: no word of the library in:"; cat "$tmp/none.log"; exit 1; }

# The installed library, found by pkg-config: a plain make && make install.
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$pc")
make -C "$dist" -s PG_CONFIG="$PG_CONFIG" > "$tmp/make.log" 2>&1 ||
  { cat "$tmp/make.log"; echo "FAIL: make"; exit 1; }
[ ! -e "$dist/cxm-build" ] || { echo "FAIL: the distribution built a library of its own"; exit 1; }
make -C "$dist" -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$tmp/dest" > "$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; echo "FAIL: make install"; exit 1; }
module=$tmp/dest$("$PG_CONFIG" --pkglibdir)/cxmetrics.so
share=$tmp/dest$("$PG_CONFIG" --sharedir)/extension
for f in "$module" "$share/cxmetrics.control" "$share/cxmetrics--1.2.sql"; do
  [ -f "$f" ] || { echo "FAIL: make install did not install $f"; exit 1; }
done
# The library is linked in: no cxm_ symbol left to find, no libcxmetrics.so
# needed, and the module's functions are there.
if nm -D --undefined-only "$module" | grep -q " cxm_"; then
  echo "FAIL: $module leaves cxm_ symbols undefined"; exit 1
fi
if readelf -d "$module" | grep -q "libcxmetrics"; then
  echo "FAIL: $module needs libcxmetrics.so"; exit 1
fi
nm -D --defined-only "$module" | grep -q " cxmpg_cxm_wacc_interval$" ||
  { echo "FAIL: $module lacks the extension's functions"; exit 1; }
echo "built with $(pkg-config --variable=libdir cxmetrics)/libcxmetrics.a, installed $(basename "$module")"
