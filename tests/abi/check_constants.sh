#!/bin/sh
# The constants of the first release keep their values: compares the output
# of constants.c built against the frozen v1.0 header and the current one.
# Usage: check_constants.sh FROZEN_PROGRAM CURRENT_PROGRAM
set -eu
frozen=$("$1")
current=$("$2")
if [ "$frozen" != "$current" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf '%s\n' "$frozen" > "$tmp/v1.0"
  printf '%s\n' "$current" > "$tmp/current"
  diff -u "$tmp/v1.0" "$tmp/current" || true
  echo "FAIL: a constant of the 1.0 header changed its value in include/cxmetrics.h"
  exit 1
fi
echo "constants OK: $(printf '%s\n' "$current" | wc -l) values as in the 1.0 header"
