#!/bin/sh
# The constants of a released header keep their values: compares what
# constants.c prints when built against the current header with what it
# printed for the release, given either as the program built against the
# frozen header or as a file of recorded values.
# Usage: check_constants.sh RELEASE EXPECTED CURRENT_PROGRAM
#   RELEASE   the version the constants belong to, for the messages
#   EXPECTED  a program (built against the frozen header) or a text file
set -eu
if [ -x "$2" ] && [ ! -d "$2" ]; then
  expected=$("$2")
else
  expected=$(cat "$2")
fi
current=$("$3")
if [ "$expected" != "$current" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf '%s\n' "$expected" > "$tmp/v$1"
  printf '%s\n' "$current" > "$tmp/current"
  diff -u "$tmp/v$1" "$tmp/current" || true
  echo "FAIL: a constant of the $1 header changed its value in include/cxmetrics.h"
  exit 1
fi
echo "constants OK: $(printf '%s\n' "$current" | wc -l) values as in the $1 header"
