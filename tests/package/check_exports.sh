#!/bin/sh
# The shared library exports exactly the functions the header declares with
# CXM_API, each under a version node of the linker script, and nothing else;
# its SONAME carries the ABI major.
# Usage: check_exports.sh LIBRARY HEADER VERSION_SCRIPT ABI_MAJOR
set -eu
lib=$1 header=$2 map=$3 major=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' > "$tmp/raw"
sed 's/@.*//' "$tmp/raw" | sort -u > "$tmp/exported"
grep -o '^CXM_API[^(]*(' "$header" | sed 's/($//; s/.*[ *]//' | sort -u > "$tmp/declared"
grep -E '^[[:space:]]+cxm_[a-z0-9_]+;' "$map" | tr -d ' \t;' | sort -u > "$tmp/scripted"

status=0
if grep -v '^cxm_' "$tmp/exported"; then
  echo "FAIL: symbols above are exported but are not cxm_*"; status=1
fi
if ! diff -u "$tmp/declared" "$tmp/exported"; then
  echo "FAIL: exported symbols differ from the CXM_API declarations of the header"; status=1
fi
if ! diff -u "$tmp/declared" "$tmp/scripted"; then
  echo "FAIL: the version script lists other symbols than the header declares"; status=1
fi
if grep -v '@@CXMETRICS_' "$tmp/raw" | grep '^cxm_'; then
  echo "FAIL: symbols above carry no CXMETRICS_* version node"; status=1
fi
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
if [ "$soname" != "libcxmetrics.so.$major" ]; then
  echo "FAIL: SONAME is '$soname', expected libcxmetrics.so.$major"; status=1
fi
[ $status -eq 0 ] && echo "exports OK: $(wc -l < "$tmp/exported") cxm_* symbols, SONAME $soname"
exit $status
