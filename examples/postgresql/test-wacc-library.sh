#!/usr/bin/env bash
# The weighted aggregates' in-place arithmetic (wstate.c) against the
# library's, bit for bit (tests/check_wacc_library.py): installs the extension,
# starts a throwaway cluster (cluster.sh), creates the extension and gives the
# same random weighted responses to it and to the SQLite extension built
# beside it, which calls the library. Run as root, as test.sh:
#   sudo examples/postgresql/test-wacc-library.sh SQLITE_MODULE [SQLITE3_SHELL] [OPTION...]
# OPTIONs go to the check (--seed N, --groups N). Exit 77 means skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"

if [ $# -lt 1 ]; then
  echo "usage: $0 SQLITE_MODULE [SQLITE3_SHELL] [OPTION...]" >&2; exit 2
fi
module=$1 shell=${2:-sqlite3}
shift $(($# < 2 ? $# : 2))
cxm_pg_require
cxm_pg_install
cxm_pg_start
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION cxmetrics"
python3 "$here/tests/check_wacc_library.py" --module "$module" --shell "$shell" "$@"
