#!/usr/bin/env bash
# The extension's regression suite against a real PostgreSQL 15 server:
# builds and installs the extension, starts a throwaway cluster (cluster.sh),
# runs pg_regress over tests/sql (REGRESS in the Makefile), checks that the
# README's recipes are the ones tests/sql/recipes.sql runs, and stops the cluster
# whatever happens. Run as root (it installs into PostgreSQL's directories):
#   sudo examples/postgresql/test.sh [TEST...]
# TESTs are files of tests/sql without .sql (default: all of REGRESS), run
# after setup, which the others build on. Exit 77 means skipped (no
# PostgreSQL server development files).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"

cxm_pg_require
# The README's recipes must be the ones the suite runs, in the same order.
python3 - "$here/README.md" "$here/tests/sql/recipes.sql" <<'PY'
import re, sys
readme, tests = (open(p).read() for p in sys.argv[1:])
blocks = re.findall(r"```sql\n(.*?)```", readme, re.S)
at = 0
for block in blocks:
    found = tests.find(block, at)
    if found < 0:
        sys.exit("README.md recipe not in tests/sql/recipes.sql verbatim:\n" + block)
    at = found + len(block)
print(f"README.md: {len(blocks)} SQL blocks found verbatim in tests/sql/recipes.sql")
PY
cxm_pg_install
cxm_pg_start
cd "$here"
rm -rf tests/results tests/regression.diffs tests/regression.out
only=()
[ $# -eq 0 ] || only=("REGRESS=setup $*")
if ! make -s installcheck "${only[@]}"; then
  cat tests/regression.diffs 2>/dev/null || true
  exit 1
fi
if grep -E "PANIC|terminated by signal|TRAP:" "$CXM_PG_LOG"; then
  echo "the server log shows a crash"; exit 1
fi
