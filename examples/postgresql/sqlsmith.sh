#!/usr/bin/env bash
# The server never crashes: SQLsmith's random queries against the extension,
# then 10^5 random byte strings and 10^5 random texts cast to cxm_acc, and as
# many to cxm_wacc.
#
# Starts the throwaway cluster of test.sh (cluster.sh), creates a schema that
# invites the extension's functions (integer ratings and weights, scale texts,
# cxm_acc, cxm_wacc and bytea columns with valid, empty, extreme and damaged
# states), runs SQLsmith as an unprivileged role with a fixed seed, bounded by
# CXM_SMITH_QUERIES queries (default 20000) or CXM_SMITH_SECONDS (default 120),
# whichever comes first. Fails on a crash or restart of the server, any internal error
# (XX000), an assertion, or a memory context / leak warning; prints the
# queries run, the errors by SQLSTATE and which of our functions were reached.
# Every crash or XX000 found here becomes a test in tests/sql/ before it is fixed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"
seed=${CXM_SMITH_SEED:-20261201}
queries=${CXM_SMITH_QUERIES:-20000}
seconds=${CXM_SMITH_SECONDS:-120}

cxm_pg_require
command -v sqlsmith > /dev/null || { echo "skipped: sqlsmith not found (apt-get install sqlsmith)"; exit 77; }
cxm_pg_install
# %e: every logged line starts with its SQLSTATE; track_functions: which of
# our functions the queries reached.
cxm_pg_start "log_line_prefix='%e '" log_min_error_statement=error track_functions=all \
  log_min_messages=warning log_error_verbosity=verbose
psql -X -q -c "CREATE ROLE smith LOGIN" -c "CREATE DATABASE smith"
psql -X -q -v ON_ERROR_STOP=1 -d smith -f "$here/smith/schema.sql" > /dev/null

echo "SQLsmith: seed $seed, at most $queries queries or $seconds s"
smith_log=$cxm_pg_dir/sqlsmith.log
timeout --signal=INT "$seconds" sqlsmith --verbose --seed="$seed" --max-queries="$queries" \
  --exclude-catalog --target="host=$PGHOST port=$PGPORT user=smith dbname=smith" \
  > "$smith_log" 2>&1 || true
echo "SQLsmith $(grep -E "^queries:" "$smith_log" | tail -1) (error rate: $(grep -oE "error rate: [0-9.]+" "$smith_log" | tail -1 | cut -d' ' -f3))"

echo "Our functions reached by SQLsmith's queries (calls):"
psql -X -q -At -d smith -c "SELECT funcname || ' ' || calls FROM pg_stat_user_functions
  WHERE funcname LIKE 'cxm%' ORDER BY calls DESC, funcname" | column -t
echo "$(psql -X -q -At -d smith -c "SELECT count(*) FROM pg_stat_user_functions WHERE funcname LIKE 'cxm%'") functions of the extension reached (type input and output are not counted by PostgreSQL)"

echo "Random input: 100000 byte strings and 100000 texts cast to cxm_acc, as many to cxm_wacc"
psql -X -q -v ON_ERROR_STOP=1 -d smith -f "$here/smith/random_input.sql"

echo "Errors raised, by SQLSTATE (server log):"
grep -oE "^[0-9A-Z]{5} (ERROR|FATAL|PANIC)" "$CXM_PG_LOG" | sort | uniq -c | sort -rn

failed=0
if grep -nE "terminated by signal|server process .* was terminated|PANIC|TRAP:|reinitializing|database system was interrupted" "$CXM_PG_LOG"; then
  echo "FAIL: the server crashed or restarted"; failed=1
fi
# An internal error (XX000) raised in the extension's own C files fails the
# run. PostgreSQL 15 itself raises a few on SQLsmith's odd queries (e.g.
# "failed to find conversion function from unknown to text" from its parser,
# with no cxm_ function in the statement); those are listed with their
# LOCATION, which log_error_verbosity=verbose writes after every error.
ours='(aggregates|errors|functions|operators|results|state|statistics|type_io|wstate)\.c:'
if grep -A2 -E "^XX000 ERROR" "$CXM_PG_LOG" | grep -E "^XX000 LOCATION" | grep -qE "$ours"; then
  grep -n -A2 -E "^XX000 ERROR" "$CXM_PG_LOG"
  echo "FAIL: internal errors (XX000) raised by the extension"; failed=1
elif grep -qE "^XX000 ERROR" "$CXM_PG_LOG"; then
  echo "Internal errors of PostgreSQL itself (not in the extension's files), with their statements:"
  grep -A12 -E "^XX000 ERROR" "$CXM_PG_LOG" | grep -E "^XX000 (ERROR|LOCATION|STATEMENT)|^\s" | head -40
fi
if grep -niE "leak|problem in alloc set|detected write past chunk|memory context.*(warning|corrupt)|WARNING:.*cxm" "$CXM_PG_LOG" \
    | grep -v "ERROR"; then
  echo "FAIL: memory warnings in the server log"; failed=1
fi
if ! psql -X -q -At -d smith -c "SELECT cxm_n('nps{9:1}')" > /dev/null; then
  echo "FAIL: the server no longer answers"; failed=1
fi
if [ "$failed" -ne 0 ]; then
  echo "queries leading to the failure are in the log above; last SQLsmith output:"; tail -40 "$smith_log"
  exit 1
fi
echo "sqlsmith.sh: no crash, no internal error of the extension, no memory warning"
