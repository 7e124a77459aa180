#!/bin/sh
# Saved states roll up exactly: reporting on two saved days (--load twice)
# prints the same numbers, to the last digit, as reporting on both CSV files.
# Usage: check_rollup.sh CXM_REPORT DAY1.csv DAY2.csv
set -eu
report=$1 day1=$2 day2=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$report" --format csv --save "$tmp/day1.state" "$day1" > /dev/null
"$report" --format csv --save "$tmp/day2.state" "$day2" > /dev/null
"$report" --format csv --load "$tmp/day1.state" --load "$tmp/day2.state" > "$tmp/rolled-up.csv"
"$report" --format csv "$day1" "$day2" > "$tmp/direct.csv"
cmp "$tmp/rolled-up.csv" "$tmp/direct.csv"
# a corrupt state is refused with exit status 2, not misread
printf 'CXMS\001\001\004chat' > "$tmp/bad.state"
if "$report" --load "$tmp/bad.state" > /dev/null 2>&1; then
  echo "FAIL: a truncated state was accepted"; exit 1
fi
echo "rollup OK: $(wc -l < "$tmp/direct.csv") rows identical"
