-- The weighted aggregates (bench.sh, docs/performance.md), medians of :runs
-- interleaved runs, each ratio to a query in the same run:
--  5. cxm_wacc_agg over 10 million (rating, weight) rows, two parallel workers
--     and serial, against the weighted NPS written with sum(weight) FILTER.
--  6. A trailing window over 100,000 daily weighted states: time per row for
--     frames of 7, 30 and 365 rows, against the 7-row frame.
-- (GROUP BY over many groups is bench-groups.sql's, cxm_wacc_agg among its
-- queries.) bench.sh callgrind counts the instructions of part 5's queries
-- over 10^6 rows instead, in a single-user backend.
\set ON_ERROR_STOP 1
SELECT setseed(0.75);
-- The queries: part 5's over a table of (rating, weight) rows named by %I,
-- part 6's over the daily states.
CREATE TABLE weighted_queries (part text, q int, name text, sql text);
INSERT INTO weighted_queries VALUES
  ('5', 1, 'cxm_wacc_agg', $q$SELECT cxm_score(cxm_wacc_agg(rating, weight, 'nps')) FROM %I$q$),
  ('5', 2, 'sum FILTER', $q$SELECT 100.0 * (sum(weight) FILTER (WHERE rating >= 9) - sum(weight) FILTER (WHERE rating <= 6)) / sum(weight) FROM %I$q$),
  ('6', 1, 'ROWS 6', 'SELECT count(x) FROM (SELECT cxm_merge_agg(state) OVER (ORDER BY d ROWS 6 PRECEDING) x FROM wdays) s'),
  ('6', 2, 'ROWS 29', 'SELECT count(x) FROM (SELECT cxm_merge_agg(state) OVER (ORDER BY d ROWS 29 PRECEDING) x FROM wdays) s'),
  ('6', 3, 'ROWS 364', 'SELECT count(x) FROM (SELECT cxm_merge_agg(state) OVER (ORDER BY d ROWS 364 PRECEDING) x FROM wdays) s');
CREATE FUNCTION make_ratings(name text, rows int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TABLE %I AS SELECT floor(random() * 11)::int AS rating,
                    floor(random() * 5000)::int + 1 AS weight FROM generate_series(1, %s)',
                 name, rows);
END $$;
SELECT make_ratings('wratings_1e6', 1000000);
VACUUM ANALYZE wratings_1e6;
-- bench.sh callgrind stops here: it runs part 5's queries on wratings_1e6.
\if :{?setup_only}
\quit
\endif
SELECT make_ratings('wratings', 10000000);
CREATE TABLE wdays AS
  SELECT d, format('nps[%s:1/%s/%s]', d % 11, d % 97 + 1, (d % 97 + 1) ^ 2)::cxm_wacc
            + format('nps[%s:1/%s/%s]', d * 7 % 11, d % 89 + 1, (d % 89 + 1) ^ 2)::cxm_wacc AS state
  FROM generate_series(1, 100000) d;
VACUUM ANALYZE wratings;
VACUUM ANALYZE wdays;
CREATE TABLE wtimes (part text, label text, run int, ms float8);

-- One part's queries, each once per run, the queries of a run one after the
-- other, with this many parallel workers.
CREATE PROCEDURE time_runs(part text, label text, workers int) LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; query record;
BEGIN
  PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
  FOR run IN 1..current_setting('bench.runs')::int LOOP
    FOR query IN SELECT * FROM weighted_queries w WHERE w.part = time_runs.part ORDER BY q LOOP
      t0 := clock_timestamp();
      EXECUTE format(query.sql, 'wratings');
      INSERT INTO wtimes VALUES (label, query.name, run,
                                 extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
  END LOOP;
END $$;
SELECT set_config('bench.runs', :'runs', false);

\echo '5. weighted NPS over 10M rows: median ms, ratio to sum(weight) FILTER in the same run'
EXPLAIN (COSTS OFF) SELECT cxm_score(cxm_wacc_agg(rating, weight, 'nps')) FROM wratings;
CALL time_runs('5', '5. 2 workers', 2);
CALL time_runs('5', '5. serial', 0);

\echo '6. window over 100,000 daily weighted states'
CALL time_runs('6', '6. window', 0);

-- Medians, and the ratio of each query to its part's baseline in the same
-- run, median and range.
SELECT t.part, t.label, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)::numeric, 1) AS median_ms,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms / b.ms)::numeric, 3) AS ratio,
       round(min(t.ms / b.ms)::numeric, 3) || '-' || round(max(t.ms / b.ms)::numeric, 3) AS ratio_range,
       count(*) AS runs
FROM wtimes t
JOIN wtimes b ON b.part = t.part AND b.run = t.run
 AND b.label = CASE WHEN t.part LIKE '6.%' THEN 'ROWS 6' ELSE 'sum FILTER' END
GROUP BY t.part, t.label ORDER BY t.part, t.label;
-- Per row of the window, in microseconds.
SELECT label, round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) * 1000 / 1e5)::numeric, 3) AS us_per_row
FROM wtimes WHERE part LIKE '6.%' GROUP BY label ORDER BY label;
