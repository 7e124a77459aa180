#!/bin/sh
# No accumulator function (cxm_acc_*) of the shared library calls an
# exported cxm_* function through the PLT: such a call costs an indirect jump
# on every use (and lets an interposed symbol change the library's own
# behaviour). Entry points that share work do it through static functions
# (record.c). Other families may call out deliberately on a rare path
# (cxm_series_add's slow path keeps its code out of the hot function).
# Usage: check_no_plt.sh LIBRARY
set -eu
lib=${1:?usage: check_no_plt.sh path/to/libcxmetrics.so}
if ! command -v objdump > /dev/null; then
  echo "objdump not found (binutils): skipped"
  exit 77
fi
calls=$(objdump -d --no-show-raw-insn "$lib" |
  awk '/^[0-9a-f]+ <[^>]+>:$/ { fn = $2 }
       fn ~ /^<cxm_acc_/ && /(call|jmp)[a-z]* +[0-9a-f]+ <cxm_[A-Za-z0-9_]*@plt>/ {
         print fn, "->", $NF }')
if [ -n "$calls" ]; then
  printf '%s\n' "$calls"
  echo "FAIL: accumulator functions call exported functions through the PLT"
  exit 1
fi
echo "no cxm_acc_* function calls through the PLT"
