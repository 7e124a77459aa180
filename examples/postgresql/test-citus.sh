#!/usr/bin/env bash
# The extension on a real Citus cluster: builds and installs Citus once per
# machine (citus-build.sh), installs the extension, starts a coordinator and
# three workers of which two join (citus.sh), runs pg_regress over
# tests/citus/ (the schedule there; the suite adds the third worker, stops and
# restarts the second), checks every node's log for a crash, and stops the
# cluster whatever happens. Run as root (it installs into PostgreSQL's
# directories):
#   sudo examples/postgresql/test-citus.sh
# Exit 77 means skipped: no Citus source, no development headers for it, or
# not allowed to install it (the reason is printed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"
. "$here/citus-build.sh"
. "$here/citus.sh"

cxm_pg_require
cxm_citus_install
cxm_pg_install
# No autovacuum: the plans the suite shows depend on statistics, which it
# gathers itself at known points.
cxm_citus_start 3 2 autovacuum=off
suite=$here/tests/citus
rm -rf "$suite/results" "$suite/regression.diffs" "$suite/regression.out"
# The suite reads the sample data as ../data/answers.csv, as the single-node
# suite does.
cd "$here"
if ! "$(dirname "$("$PG_CONFIG" --pgxs)")/../test/regress/pg_regress" \
    --bindir="$("$PG_CONFIG" --bindir)" --use-existing --dbname=postgres \
    --inputdir="$suite" --outputdir="$suite" --schedule="$suite/schedule"; then
  cat "$suite/regression.diffs" 2> /dev/null || true
  exit 1
fi
# shellcheck disable=SC2046 # one word per log file
if grep -E "PANIC|terminated by signal|TRAP:" $(cxm_citus_logs); then
  echo "a server log shows a crash"; exit 1
fi
