#!/usr/bin/env bash
# Citus, built from its source tarball once per machine and installed into the
# system PostgreSQL, as the engine of the distributed suite (test-citus.sh) and
# benchmark (bench-citus.sh). Citus is AGPL-3.0: a test engine only, never
# linked into, shipped with or committed to cxmetrics.
#
#   cxm_citus_install   exits 77 (skip) with the reason where Citus cannot be
#                       built here; otherwise builds it unless a finished build
#                       of the same tarball for the same PostgreSQL is kept,
#                       and installs it unless the installed citus.so is that
#                       build's
#
# Sourced after cluster.sh (it needs PG_CONFIG), or run as a program to build
# and install ahead of the tests. Where things are:
#   CXM_CITUS_TARBALL  the source: Citus 13.2.2's release tarball (required;
#                      without it the tests report themselves skipped)
#   CXM_CITUS_BUILD    where builds are kept between runs (default
#                      /var/tmp/cxm-citus); a build takes ~4 minutes on 2 cores

PG_CONFIG=${PG_CONFIG:-pg_config}

# The headers Citus's configure and build need, by the Debian package that has
# them.
cxm_citus_headers="curl/curl.h:libcurl4-openssl-dev lz4.h:liblz4-dev zstd.h:libzstd-dev
  krb5.h:libkrb5-dev openssl/ssl.h:libssl-dev"

cxm_citus_skip() {
  echo "skipped: $*"
  exit 77
}

cxm_citus_require_build_tools() {
  local pair missing=""
  command -v "$PG_CONFIG" > /dev/null || cxm_citus_skip "pg_config not found (install postgresql-server-dev-15)"
  if ! command -v make > /dev/null || ! command -v cc > /dev/null; then
    cxm_citus_skip "no make or cc (install build-essential)"
  fi
  for pair in $cxm_citus_headers; do
    echo "#include <${pair%%:*}>" | cc -E -x c - > /dev/null 2>&1 || missing="$missing ${pair#*:}"
  done
  [ -z "$missing" ] || cxm_citus_skip "Citus needs development headers: install$missing"
}

# Citus 13.2.2 defines its own have_createdb_privilege for PostgreSQL 15, which
# PostgreSQL 15.20 now declares in commands/dbcommands.h: the copy is removed
# where the server's headers have it (some tarballs come without it already).
cxm_citus_patch() {
  local header=$1/src/include/pg_version_compat.h
  grep -q "have_createdb_privilege" "$("$PG_CONFIG" --includedir-server)/commands/dbcommands.h" \
    || return 0
  grep -qx "have_createdb_privilege(void)" "$header" || return 0
  # The definition: its "static inline bool" line, the name line, the body up
  # to the closing brace in the first column.
  awk '
    held != "" && $0 == "have_createdb_privilege(void)" { skipping = 1; held = ""; next }
    held != "" { print held; held = "" }
    $0 == "static inline bool" && !skipping { held = $0; next }
    skipping { if ($0 == "}") { skipping = 0 }; next }
    { print }
    END { if (held != "") print held }
  ' "$header" > "$header.new"
  mv "$header.new" "$header"
  ! grep -q "have_createdb_privilege(void)" "$header"
}

# Builds in $1 (emptied first): unpack, patch, configure, make. Citus's
# makefiles keep absolute paths, so the build stays where it was made; a
# stamp marks it finished.
cxm_citus_build() {
  local build=$1 log=$1.log
  echo "Citus: building $(basename "$cxm_citus_tarball") in $build (log: $log)"
  rm -rf "$build"
  mkdir -p "$build"
  tar -xzf "$cxm_citus_tarball" -C "$build" --strip-components=1
  cxm_citus_patch "$build" || { echo "Citus: could not remove have_createdb_privilege"; return 1; }
  # LLVM bitcode is left out: the server's JIT is not needed, and it needs clang.
  if ! (cd "$build" && ./configure PG_CONFIG="$PG_CONFIG" && make -j2 with_llvm=no) \
      > "$log" 2>&1; then
    tail -40 "$log"
    echo "Citus: the build failed (log: $log)"
    return 1
  fi
  touch "$build/.cxm-built"
}

cxm_citus_install() {
  local libdir key build
  cxm_citus_tarball=${CXM_CITUS_TARBALL:-}
  [ -n "$cxm_citus_tarball" ] \
    || cxm_citus_skip "no Citus source: set CXM_CITUS_TARBALL to Citus 13.2.2's tarball"
  [ -f "$cxm_citus_tarball" ] \
    || cxm_citus_skip "no Citus source at $cxm_citus_tarball (CXM_CITUS_TARBALL)"
  cxm_citus_require_build_tools
  libdir=$("$PG_CONFIG" --pkglibdir)
  # One build per tarball and PostgreSQL version.
  key=$(sha256sum "$cxm_citus_tarball" | cut -c1-12)-pg$("$PG_CONFIG" --version | awk '{print $2}')
  build=${CXM_CITUS_BUILD:-/var/tmp/cxm-citus}/$key
  if [ -f "$build/.cxm-built" ] \
      && cmp -s "$build/src/backend/distributed/citus.so" "$libdir/citus.so"; then
    return 0
  fi
  [ -w "$libdir" ] || cxm_citus_skip "cannot write $libdir; run as root to install Citus"
  [ -f "$build/.cxm-built" ] || cxm_citus_build "$build"
  make -C "$build" -s install with_llvm=no > "$build.install.log" 2>&1 \
    || { cat "$build.install.log"; echo "Citus: make install failed"; return 1; }
  echo "Citus: installed from $build"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cxm_citus_install
fi
