#!/bin/sh
# No function of the shared library calls another exported cxm_* function
# through the PLT: such a call costs an indirect jump on every use (and lets
# an interposed symbol change the library's own behaviour). Exported entry
# points that share work do it through static functions instead (record.c).
# Usage: check_no_plt.sh LIBRARY
set -eu
lib=${1:?usage: check_no_plt.sh path/to/libcxmetrics.so}
if ! command -v objdump > /dev/null; then
  echo "objdump not found (binutils): skipped"
  exit 77
fi
calls=$(objdump -d --no-show-raw-insn "$lib" |
  awk '/^[0-9a-f]+ <[^>]+>:$/ { fn = $2 }
       /(call|jmp)[a-z]* +[0-9a-f]+ <cxm_[A-Za-z0-9_]*@plt>/ { print fn, "->", $NF }')
if [ -n "$calls" ]; then
  printf '%s\n' "$calls"
  echo "FAIL: calls between exported functions go through the PLT"
  exit 1
fi
echo "no cxm_* call through the PLT"
