#!/usr/bin/env bash
# The extension's aggregates on a Citus cluster of this machine (a coordinator
# and two workers, citus.sh) and on one node (plain tables on the
# coordinator), against the hand-written count(*) FILTER and sum() queries
# over the same rows, in the same run; reported in docs/performance.md
# ("Citus"). Every query is timed CXM_BENCH_RUNS times (default 7),
# round-robin, so a busy spell of the machine hits all of them alike; the
# table gives medians and ratios to the count(*) FILTER query of the same
# group. Rows: CXM_BENCH_ROWS (default 10 million) NPS ratings, uniformly
# random (seed 0.5), of 1,000 teams over the 365 days of 2026.
#
#   nps      cxm_nps(rating) over all rows
#   team     cxm_acc_agg(rating, 'nps') ... GROUP BY team (Citus: the whole
#            aggregate on the workers)
#   month    a roll-up of daily states (one per team and day, 365,000) into
#            months: cxm_merge_agg(state) against sum() over daily counts
#
# Then the stable figure: instructions per row (callgrind; the difference
# between 2 and 1 million rows over a million, so start-up cancels) of the
# nps queries in one single-user backend, and of the query a Citus worker
# runs on a shard for cxm_nps (worker_partial_agg wrapping the aggregate).
# CXM_BENCH_CALLGRIND=0 leaves it out (about 3 minutes).
#
# Run as root after test-citus.sh has built Citus (or with what it needs to
# build it); the cluster is stopped and removed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"
. "$here/citus-build.sh"
. "$here/citus.sh"
runs=${CXM_BENCH_RUNS:-7}
rows=${CXM_BENCH_ROWS:-10000000}
callgrind=${CXM_BENCH_CALLGRIND:-1}

cxm_pg_require
cxm_citus_install
cxm_pg_install
cxm_citus_start 2 2 shared_buffers=1GB work_mem=64MB jit=off max_parallel_workers_per_gather=2 \
  autovacuum=off
psql -X -q -v ON_ERROR_STOP=1 -v runs="$runs" -v rows="$rows" <<'SQL'
CREATE EXTENSION cxmetrics;
\echo 'loading' :rows 'ratings (one node, then distributed by team)'
\o /dev/null
SELECT setseed(0.5);
CREATE TABLE ratings_local AS
  SELECT (random() * 999)::int AS team, date '2026-01-01' + (random() * 364)::int AS day,
         floor(random() * 11)::int AS rating
  FROM generate_series(1, :rows);
CREATE TABLE ratings (LIKE ratings_local);
SELECT create_distributed_table('ratings', 'team');
INSERT INTO ratings SELECT * FROM ratings_local;
-- One state, and its three counts, per team and day, built on one node by a
-- sorted aggregate and copied to the cluster.
SET enable_hashagg = off;
CREATE TABLE daily_local AS
  SELECT team, day, cxm_acc_agg(rating, 'nps') AS state FROM ratings_local GROUP BY team, day;
CREATE TABLE daily_counts_local AS
  SELECT team, day, count(*) FILTER (WHERE rating >= 9) AS promoters,
         count(*) FILTER (WHERE rating BETWEEN 7 AND 8) AS passives,
         count(*) FILTER (WHERE rating <= 6) AS detractors
  FROM ratings_local GROUP BY team, day;
RESET enable_hashagg;
CREATE TABLE daily (LIKE daily_local);
CREATE TABLE daily_counts (LIKE daily_counts_local);
SELECT create_distributed_table('daily', 'team', colocate_with => 'ratings');
SELECT create_distributed_table('daily_counts', 'team', colocate_with => 'ratings');
INSERT INTO daily SELECT * FROM daily_local;
INSERT INTO daily_counts SELECT * FROM daily_counts_local;
VACUUM ANALYZE ratings_local; VACUUM ANALYZE daily_local; VACUUM ANALYZE daily_counts_local;
VACUUM ANALYZE ratings; VACUUM ANALYZE daily; VACUUM ANALYZE daily_counts;
\o

-- The queries, %s standing for the table's suffix ('' on Citus, '_local' on
-- one node); the first of each group is the baseline of its ratios.
CREATE TABLE queries (grp text, name text, sql text, PRIMARY KEY (grp, name));
INSERT INTO queries VALUES
  ('nps', 'count(*) FILTER', $q$SELECT 100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6)) / count(rating) FROM ratings%s$q$),
  ('nps', 'sum(CASE)', $q$SELECT 100.0 * sum(CASE WHEN rating >= 9 THEN 1 WHEN rating <= 6 THEN -1 ELSE 0 END) / count(rating) FROM ratings%s$q$),
  ('nps', 'cxm_nps', $q$SELECT cxm_nps(rating) FROM ratings%s$q$),
  ('team', 'count(*) FILTER', $q$SELECT team, count(*) FILTER (WHERE rating >= 9), count(*) FILTER (WHERE rating BETWEEN 7 AND 8), count(*) FILTER (WHERE rating <= 6) FROM ratings%s GROUP BY team$q$),
  ('team', 'sum(CASE)', $q$SELECT team, sum(CASE WHEN rating >= 9 THEN 1 ELSE 0 END), sum(CASE WHEN rating BETWEEN 7 AND 8 THEN 1 ELSE 0 END), sum(CASE WHEN rating <= 6 THEN 1 ELSE 0 END) FROM ratings%s GROUP BY team$q$),
  ('team', 'cxm_acc_agg', $q$SELECT team, cxm_acc_agg(rating, 'nps') FROM ratings%s GROUP BY team$q$),
  ('month', 'count(*) FILTER', $q$SELECT team, date_trunc('month', day), count(*) FILTER (WHERE rating >= 9), count(*) FILTER (WHERE rating BETWEEN 7 AND 8), count(*) FILTER (WHERE rating <= 6) FROM ratings%s GROUP BY 1, 2$q$),
  ('month', 'sum() of daily counts', $q$SELECT team, date_trunc('month', day), sum(promoters), sum(passives), sum(detractors) FROM daily_counts%s GROUP BY 1, 2$q$),
  ('month', 'cxm_merge_agg of daily states', $q$SELECT team, date_trunc('month', day), cxm_merge_agg(state) FROM daily%s GROUP BY 1, 2$q$);

-- Before any timing: the answers agree, on the cluster and on one node.
CREATE FUNCTION nps_equal(suffix text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE cxm float8; plain float8;
BEGIN
  EXECUTE format('SELECT cxm_nps(rating) FROM ratings%s', suffix) INTO cxm;
  EXECUTE format('SELECT 100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6)) / count(rating) FROM ratings%s', suffix) INTO plain;
  RETURN abs(cxm - plain) < 1e-9;
END $$;
SELECT nps_equal('') AS citus_nps, nps_equal('_local') AS one_node_nps,
       (SELECT bool_and(d.state = l.state AND d.n = c.n)
        FROM (SELECT team, cxm_acc_agg(rating, 'nps') AS state, count(rating) AS n FROM ratings GROUP BY team) d
        JOIN (SELECT team, cxm_acc_agg(rating, 'nps') AS state FROM ratings_local GROUP BY team) l USING (team)
        JOIN (SELECT team, count(rating) AS n FROM ratings_local GROUP BY team) c USING (team)) AS teams,
       (SELECT bool_and(cxm_n(d.state) = c.n AND d.state = l.state)
        FROM (SELECT team, date_trunc('month', day) AS month, cxm_merge_agg(state) AS state FROM daily GROUP BY 1, 2) d
        JOIN (SELECT team, date_trunc('month', day) AS month, cxm_merge_agg(state) AS state FROM daily_local GROUP BY 1, 2) l USING (team, month)
        JOIN (SELECT team, date_trunc('month', day) AS month, sum(promoters + passives + detractors) AS n
              FROM daily_counts GROUP BY 1, 2) c USING (team, month)) AS months;
SELECT set_config('bench.runs', :'runs', false) \gset

CREATE FUNCTION ms(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz;
BEGIN
  t0 := clock_timestamp();
  EXECUTE query;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;
CREATE TABLE times (place text, grp text, name text, run int, ms float8);
-- One warm-up run of everything, then the timed runs, round-robin.
DO $$
DECLARE q record; place text; run int;
BEGIN
  FOR run IN 0..current_setting('bench.runs')::int LOOP
    FOR q IN SELECT * FROM queries ORDER BY grp, name LOOP
      FOREACH place IN ARRAY ARRAY['Citus', 'one node'] LOOP
        INSERT INTO times SELECT place, q.grp, q.name, run,
          ms(format(q.sql, CASE place WHEN 'Citus' THEN '' ELSE '_local' END));
        COMMIT;
      END LOOP;
    END LOOP;
  END LOOP;
END $$;
SQL
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
\echo 'median ms of the timed runs; ratio: to count(*) FILTER of the same group and place; spread: (max - min) / median'
WITH m AS (
  SELECT place, grp, name, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms,
         (max(ms) - min(ms)) / percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS spread
  FROM times WHERE run > 0 GROUP BY place, grp, name)
SELECT m.place, m.grp AS query, m.name, round(m.ms::numeric, 1) AS median_ms,
       round((m.ms / b.ms)::numeric, 3) AS ratio, round(m.spread::numeric, 2) AS spread
FROM m JOIN m b ON b.place = m.place AND b.grp = m.grp AND b.name = 'count(*) FILTER'
ORDER BY m.place, array_position(ARRAY['nps', 'team', 'month'], m.grp), m.ms DESC;
SQL

[ "$callgrind" = 1 ] || exit 0
command -v valgrind > /dev/null || { echo "no valgrind: instruction counts left out"; exit 0; }
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE rows_1m AS SELECT * FROM ratings_local LIMIT 1000000;
CREATE TABLE rows_2m AS SELECT * FROM ratings_local LIMIT 2000000;
VACUUM ANALYZE rows_1m; VACUUM ANALYZE rows_2m;
SQL
coordinator=$cxm_pg_dir/coordinator
cxm_pg_node_stop "$coordinator"
instructions() { # instructions QUERY: of a single-user backend running it
  echo "$1" | cxm_pg_as_owner valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$cxm_pg_bindir/postgres" --single -D "$coordinator/data" postgres 2>&1 > /dev/null \
    | sed -n 's/.*Collected : //p'
}
echo "instructions per row (callgrind, one backend, 2M - 1M rows)"
while IFS='|' read -r name query; do
  one=$(instructions "${query//%s/rows_1m}")
  two=$(instructions "${query//%s/rows_2m}")
  printf '%6d  %s\n' $(((two - one) / 1000000)) "$name"
done <<'QUERIES'
count(*) FILTER NPS|SELECT 100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6)) / count(rating) FROM %s
sum(CASE) NPS|SELECT 100.0 * sum(CASE WHEN rating >= 9 THEN 1 WHEN rating <= 6 THEN -1 ELSE 0 END) / count(rating) FROM %s
count(rating), the floor|SELECT count(rating) FROM %s
cxm_nps|SELECT cxm_nps(rating) FROM %s
cxm_nps as a Citus worker runs it on a shard|SELECT worker_partial_agg('public.cxm_nps(integer)'::regprocedure, rating) FROM %s
count(*) FILTER GROUP BY team|SELECT team, count(*) FILTER (WHERE rating >= 9), count(*) FILTER (WHERE rating BETWEEN 7 AND 8), count(*) FILTER (WHERE rating <= 6) FROM %s GROUP BY team
cxm_acc_agg GROUP BY team|SELECT team, cxm_acc_agg(rating, 'nps') FROM %s GROUP BY team
QUERIES
