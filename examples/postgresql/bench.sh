#!/usr/bin/env bash
# Benchmarks of the extension on a throwaway cluster (cluster.sh), reported in
# docs/performance.md. Medians of CXM_BENCH_RUNS (default 5) interleaved runs.
#  1. 10 million ratings, two parallel workers: cxm_nps(rating) against the
#     hand-written count(*) FILTER NPS query, in the same run.
#  2. A trailing window over 100,000 daily states: time per row for frames
#     of 7, 30 and 365 rows (the inverse transition makes it frame-free).
#  3. The per-row cost of cxm_acc_agg, serial, against count(rating).
#  4. GROUP BY over 10^5 and 10^6 groups against count(*), sum(), at work_mem
#     4MB to 4GB (bench-groups.sql), cxm_wacc_agg among the queries.
#  5-6. The weighted aggregates (bench-weighted.sql): cxm_wacc_agg against
#     sum(weight) FILTER, a window of weighted states.
# `bench.sh groups` runs the fourth alone, `bench.sh weighted` the fifth and
# sixth. `bench.sh callgrind` counts instead the instructions of the fourth's
# queries over 10^5 groups and of the fifth's over 10^6 rows, the figure that
# does not depend on how busy the machine is: each query runs once in a
# single-user backend under valgrind's callgrind (the executor only), the
# fourth's at work_mem 4MB and 4GB, after the server has stopped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"
runs=${CXM_BENCH_RUNS:-5}
cxm_pg_require
cxm_pg_install
cxm_pg_start shared_buffers=1GB max_parallel_workers_per_gather=2 work_mem=64MB jit=off
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION cxmetrics'
# The instructions of a query's executor: one run in a single-user backend
# under callgrind, with the given settings (name=value).
executor_instructions() {
  local query=$1 setting settings=()
  shift
  for setting in "$@" max_parallel_workers_per_gather=0 jit=off; do settings+=(-c "$setting"); done
  echo "$query" | cxm_pg_as_owner valgrind --tool=callgrind --toggle-collect=standard_ExecutorRun \
      --callgrind-out-file=/dev/null "$cxm_pg_bindir/postgres" --single -D "$cxm_pg_dir/data" \
      "${settings[@]}" postgres 2>&1 | sed -n 's/.*Collected : //p'
}
if [ "${1:-all}" = callgrind ]; then
  psql -X -q -v ON_ERROR_STOP=1 -v setup_only=1 -f "$here/bench-groups.sql"
  psql -X -q -v ON_ERROR_STOP=1 -v setup_only=1 -f "$here/bench-weighted.sql"
  mapfile -t queries < <(psql -X -At -c \
    "SELECT name || '|' || format(sql, 'groups_1e5') FROM group_queries ORDER BY q")
  mapfile -t weighted < <(psql -X -At -c \
    "SELECT name || '|' || format(sql, 'wratings_1e6') FROM weighted_queries WHERE part = '5' ORDER BY q")
  cxm_pg_as_owner "$cxm_pg_bindir/pg_ctl" -D "$cxm_pg_dir/data" -m fast -w stop > /dev/null
  echo '4. instructions of the executor, 10^5 groups over 10^6 rows (callgrind)'
  for mem in 4MB 4GB; do
    for entry in "${queries[@]}"; do
      ir=$(executor_instructions "${entry#*|}" work_mem="$mem" enable_sort=off)
      printf '%-5s %-32s %14s instructions, %s per row\n' "$mem" "${entry%%|*}" "$ir" \
             "$((ir / 1000000))"
    done
  done
  echo '5. instructions of the executor, the weighted NPS of 10^6 rows, serial (callgrind)'
  for entry in "${weighted[@]}"; do
    ir=$(executor_instructions "${entry#*|}")
    printf '%-38s %14s instructions, %s per row\n' "${entry%%|*}" "$ir" "$((ir / 1000000))"
  done
  exit 0
fi
if [ "${1:-all}" != groups ] && [ "${1:-all}" != weighted ]; then
psql -X -q -v ON_ERROR_STOP=1 -v runs="$runs" <<'SQL'
SELECT setseed(0.5);
CREATE TABLE ratings AS SELECT floor(random() * 11)::int AS rating FROM generate_series(1, 10000000);
CREATE TABLE days AS SELECT d, cxm_add(cxm_add('nps{}', d % 11), (d * 7) % 11) AS state
  FROM generate_series(1, 100000) d;
VACUUM ANALYZE ratings; VACUUM ANALYZE days;
-- median wall time in ms of a query run :runs times
CREATE FUNCTION ms(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; begin_ms float8; times float8[] := '{}';
BEGIN
  FOR i IN 1..current_setting('bench.runs')::int LOOP
    t0 := clock_timestamp();
    EXECUTE query;
    times := times || extract(epoch FROM clock_timestamp() - t0) * 1000;
  END LOOP;
  RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) t);
END $$;
SELECT set_config('bench.runs', :'runs', false);
\echo '1. 10M ratings, 2 parallel workers (median ms)'
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT cxm_nps(rating) FROM ratings;
WITH r AS (SELECT ms('SELECT cxm_nps(rating) FROM ratings') AS cxm,
                  ms($q$SELECT 100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6)) / count(rating) FROM ratings$q$) AS plain)
SELECT round(cxm::numeric, 1) AS cxm_nps_ms, round(plain::numeric, 1) AS count_filter_ms,
       round((cxm / plain)::numeric, 3) AS ratio FROM r;
\echo '2. window over 100,000 daily states (median ms, ns per row)'
SET max_parallel_workers_per_gather = 0;
SELECT frame, round(t::numeric, 1) AS ms, round((t * 1e6 / 100000)::numeric) AS ns_per_row
FROM (SELECT frame, ms(format('SELECT count(x) FROM (SELECT cxm_merge_agg(state) OVER (ORDER BY d ROWS %s PRECEDING) x FROM days) s', frame - 1)) AS t
      FROM unnest(ARRAY[7, 30, 365]) frame) f;
\echo '3. per-row cost of cxm_acc_agg, serial, 10M ratings (median ms, ns per row)'
WITH r AS (SELECT ms($q$SELECT cxm_acc_agg(rating, 'nps') FROM ratings$q$) AS agg,
                  ms('SELECT count(rating) FROM ratings') AS count)
SELECT round(agg::numeric, 1) AS cxm_acc_agg_ms, round(count::numeric, 1) AS count_ms,
       round((agg * 1e6 / 1e7)::numeric, 1) AS ns_per_row,
       round(((agg - count) * 1e6 / 1e7)::numeric, 1) AS ns_per_row_beyond_count FROM r;
SQL
fi
if [ "${1:-all}" != weighted ]; then
  psql -X -q -v ON_ERROR_STOP=1 -v runs="$runs" -f "$here/bench-groups.sql"
fi
if [ "${1:-all}" != groups ]; then
  psql -X -q -v ON_ERROR_STOP=1 -v runs="$runs" -f "$here/bench-weighted.sql"
fi
