#!/bin/sh
# The first ```c block of README.md is a program users will paste: it must
# compile with our strict warnings and run successfully.
# Usage: check_readme_example.sh README CC INCLUDE_DIR STATIC_LIB
set -eu
readme=$1 cc=$2 include=$3 lib=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk '/^```c$/ {on = 1; next} /^```$/ && on {exit} on' "$readme" > "$tmp/example.c"
[ -s "$tmp/example.c" ] || { echo "FAIL: no C example in $readme"; exit 1; }
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -I"$include" \
  "$tmp/example.c" "$lib" -lm -o "$tmp/example"
"$tmp/example"
