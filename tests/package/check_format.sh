#!/bin/sh
# The tree in the style of .clang-format: every tracked C source and header,
# but those .clang-format-ignore lists, exactly as clang-format-16 would write
# it. Fails with clang-format's note on every line that differs.
#
# Usage: tests/package/check_format.sh        check (what .ci/run runs)
#        tests/package/check_format.sh -i     format those files in place
#
# clang-format-16 is Debian's (apt-get install clang-format-16): version 14
# cannot read InsertBraces, and another version may break lines otherwise.
# For the lines of one change only: git clang-format-16 --binary clang-format-16.
set -eu
cd "$(dirname "$0")/../.."
clang_format=${CLANG_FORMAT:-clang-format-16}
command -v "$clang_format" > /dev/null ||
  { echo "check_format.sh: $clang_format not found (apt-get install clang-format-16)"; exit 1; }

case ${1:-} in
  -i) mode=-i ;;
  '') mode="--dry-run -Werror" ;;
  *) echo "usage: check_format.sh [-i]"; exit 2 ;;
esac

# .clang-format-ignore's patterns as pathspecs that leave those files out.
set --
while read -r pattern; do
  case $pattern in '' | '#'*) continue ;; esac
  set -- "$@" ":(exclude,glob)$pattern"
done < .clang-format-ignore

# shellcheck disable=SC2086 # $mode is two words
if ! git ls-files -z -- '*.c' '*.h' "$@" | xargs -0 "$clang_format" --style=file $mode; then
  echo "check_format.sh: not in the style of .clang-format (format your lines with"
  echo "git clang-format-16 --binary clang-format-16)"
  exit 1
fi
