-- GROUP BY over many groups (bench.sh, docs/performance.md): cxm_acc_agg,
-- cxm_nps and cxm_wacc_agg (weights w = g % 5000 + 1) against count(*),
-- sum() over the same rows, for 10^5 groups over 10^6 rows and 10^6 groups
-- over 10^7 rows, at work_mem 4MB (the hash table spills to disk) up to 4GB
-- (it never does). A hash aggregate (enable_sort off: the plan whose memory
-- checks made 1.1 quadratic), serial, JIT off. Each run times the queries one
-- after the other, so the ratios compare queries run under the same load;
-- :runs runs per setting. Each query is timed by the wall clock and by the
-- CPU time of the server process (/proc/self/stat, in 10 ms ticks), which
-- leaves out the time it waited for a core on a busy machine. Needs a
-- superuser (pg_read_file) and Linux.
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
SET enable_sort = off;
SET jit = off;
SELECT setseed(0.25);
-- Every group gets exactly ten rows, in an order that scatters them (7919 is
-- prime to 10^5 and 10^6).
CREATE TABLE groups_1e5 AS
  SELECT (i::bigint * 7919 % 100000)::int AS g, floor(random() * 11)::int AS rating
  FROM generate_series(1, 1000000) i;
VACUUM ANALYZE groups_1e5;
CREATE TABLE group_queries (q int, name text, sql text);
INSERT INTO group_queries VALUES
  (1, 'count(*), sum(rating)', 'SELECT count(c) + count(s) FROM (SELECT g, count(*) c, sum(rating) s FROM %I GROUP BY g) x'),
  (2, 'cxm_acc_agg(rating, ''nps'')', 'SELECT count(a) FROM (SELECT g, cxm_acc_agg(rating, ''nps'') a FROM %I GROUP BY g) x'),
  (3, 'cxm_nps(rating)', 'SELECT count(a) FROM (SELECT g, cxm_nps(rating) a FROM %I GROUP BY g) x'),
  (4, 'cxm_wacc_agg(rating, w, ''nps'')', 'SELECT count(a) FROM (SELECT g, cxm_wacc_agg(rating, g %% 5000 + 1, ''nps'') a FROM %I GROUP BY g) x');
-- bench.sh callgrind stops here: it runs the queries on groups_1e5 itself.
\if :{?setup_only}
\quit
\endif
CREATE TABLE groups_1e6 AS
  SELECT (i::bigint * 7919 % 1000000)::int AS g, floor(random() * 11)::int AS rating
  FROM generate_series(1, 10000000) i;
VACUUM ANALYZE groups_1e6;
CREATE TABLE group_times (tab text, mem text, run int, q int, ms float8, cpu_ms float8);

-- This backend's user and system CPU time so far: fields 14 and 15 of
-- /proc/self/stat, in clock ticks of 10 ms (USER_HZ), counted after the
-- command name, which ends with the last ')'.
CREATE FUNCTION cpu_ms() RETURNS float8 LANGUAGE sql AS $$
  SELECT 10.0 * (split_part(fields, ' ', 12)::bigint + split_part(fields, ' ', 13)::bigint)
  FROM (SELECT substr(stat, length(stat) - strpos(reverse(stat), ')') + 3) AS fields
        FROM pg_read_file('/proc/self/stat') stat) s $$;

-- One run: each query once, at this work_mem.
CREATE PROCEDURE time_groups(tab text, mem text, run int) LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; c0 float8; query record;
BEGIN
  PERFORM set_config('work_mem', mem, true);
  FOR query IN SELECT * FROM group_queries ORDER BY q LOOP
    t0 := clock_timestamp();
    c0 := cpu_ms();
    EXECUTE format(query.sql, tab);
    INSERT INTO group_times VALUES (tab, mem, run, query.q,
                                    extract(epoch FROM clock_timestamp() - t0) * 1000,
                                    cpu_ms() - c0);
  END LOOP;
END $$;

-- Whether the hash table spilled: the HashAggregate's batches and memory.
CREATE FUNCTION hash_batches(tab text, mem text, q int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  PERFORM set_config('work_mem', mem, true);
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) '
                      || format((SELECT sql FROM group_queries g WHERE g.q = hash_batches.q), tab) LOOP
    IF line ~ 'Batches' THEN
      RETURN trim(line);
    END IF;
  END LOOP;
  RETURN 'no HashAggregate';
END $$;

SELECT format('CALL time_groups(%L, %L, %s)', tab, mem, run)
FROM unnest(ARRAY['groups_1e5', 'groups_1e6']) tab,
     unnest(ARRAY['4MB', '64MB', '256MB', '4GB']) WITH ORDINALITY m(mem, m_order),
     generate_series(1, :runs) run
ORDER BY tab, m_order, run \gexec

\echo '4. GROUP BY over many groups, serial hash aggregate: median wall and CPU ms; ratio = the query / count(*), sum() in the same run, median and min-max'
SELECT replace(t.tab, 'groups_', '') AS groups, t.mem AS work_mem, g.name AS query,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)::numeric) AS wall_ms,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms / b.ms)::numeric, 2) AS ratio,
       round(min(t.ms / b.ms)::numeric, 2) || '-' || round(max(t.ms / b.ms)::numeric, 2) AS range,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.cpu_ms)::numeric) AS cpu_ms,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.cpu_ms / b.cpu_ms)::numeric, 2) AS cpu_ratio,
       round(min(t.cpu_ms / b.cpu_ms)::numeric, 2) || '-' || round(max(t.cpu_ms / b.cpu_ms)::numeric, 2) AS cpu_range,
       count(*) AS runs
FROM group_times t
JOIN group_times b ON b.tab = t.tab AND b.mem = t.mem AND b.run = t.run AND b.q = 1
JOIN group_queries g ON g.q = t.q
GROUP BY t.tab, t.mem, g.q, g.name
ORDER BY t.tab, pg_size_bytes(t.mem), g.q;

\echo 'spilling: the HashAggregate of count(*), sum() and of cxm_acc_agg at each work_mem'
SELECT replace(tab, 'groups_', '') AS groups, mem AS work_mem,
       hash_batches(tab, mem, 1) AS "count(*), sum()", hash_batches(tab, mem, 2) AS cxm_acc_agg
FROM unnest(ARRAY['groups_1e5', 'groups_1e6']) tab,
     unnest(ARRAY['4MB', '64MB', '256MB', '4GB']) WITH ORDINALITY m(mem, m_order)
ORDER BY tab, m_order;
