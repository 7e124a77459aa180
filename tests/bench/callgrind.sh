#!/bin/sh
# Instructions per rating (or per call) of each cxm-bench path, counted by
# callgrind: the figure that stays put on a noisy machine. Only the path's own
# function (and what it calls) is counted, not the set-up. A path that calls
# malloc, calloc or realloc is flagged "(calls malloc)".
#
#   tests/bench/callgrind.sh build/tests/bench/cxm-bench [ratings] [scale]
set -eu
bench=${1:?usage: callgrind.sh path/to/cxm-bench [ratings] [scale]}
n=${2:-1000000}
scale=${3:-nps}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-14s %14s %10s %12s\n' path instructions units "per unit"
for path in $("$bench" -l); do
    [ "$path" = baseline ] && fn=path_baseline || fn=path_$(echo "$path" | tr ':' '_')
    result=$(valgrind --tool=callgrind --toggle-collect="$fn" \
        --callgrind-out-file="$out/cg" "$bench" -p "$path" -n "$n" -s "$scale" 2>"$out/log") || {
        cat "$out/log" >&2
        echo "callgrind.sh: valgrind failed on $path (clang 14: build with -gdwarf-4)" >&2
        exit 1
    }
    units=$(echo "$result" | awk '{print $2}')
    ir=$(awk '/^summary:/ {print $2}' "$out/cg")
    mallocs=$(callgrind_annotate --inclusive=yes --threshold=100 "$out/cg" 2>/dev/null |
        grep -cE ':(malloc|calloc|realloc) ' || true)
    note=""
    [ "$mallocs" -gt 0 ] && note="  (calls malloc)"
    awk -v p="$path" -v ir="$ir" -v u="$units" -v note="$note" \
        'BEGIN { printf "%-14s %14.0f %10.0f %12.2f%s\n", p, ir, u, ir / u, note }'
done
