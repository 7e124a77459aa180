-- Many groups: a group's state costs O(1) to create and to account for.
-- A hash aggregate checks its memory each time it adds a group, walking every
-- memory context below its own. In 1.1 each state owned a context, so GROUP
-- BY was quadratic in the number of groups (40 000 groups in memory: 50 times
-- count(*)). Deterministic counters instead of a clock: the backend's memory
-- contexts and the bytes used in them, read while the hash table holds every
-- group, at 1 000 and at 4 000 groups. The contexts must not grow with the
-- groups, and a group may use little more than it does for count(*): its
-- state is one chunk of the aggregate's context. 1.1 made a context per group
-- and used 680 to 1 490 bytes more. The weighted aggregates keep their sums
-- form the same way.
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64MB';
SET enable_sort = off;  -- a hash aggregate, holding every group at once
CREATE TABLE many_groups AS
  SELECT i, i % 11 AS rating, cxm_add('nps{}', i % 11) AS state,
         format('nps[%s:1/%s/%s]', i % 11, i, i * i)::cxm_wacc AS wstate
  FROM generate_series(1, 16000) i;
ANALYZE many_groups;

-- memory_now() is volatile, so it runs as each group's row is output, after
-- the last group was added.
CREATE FUNCTION memory_now(OUT contexts bigint, OUT bytes bigint) LANGUAGE sql AS
  'SELECT count(*), sum(used_bytes) FROM pg_backend_memory_contexts';
CREATE TABLE memory_use (aggregate text, groups int, contexts bigint, bytes bigint);
CREATE FUNCTION measure(aggregate text, groups int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO memory_use SELECT %L, %s, max((m).contexts), max((m).bytes)
                  FROM (SELECT i %% %s AS g, %s AS a, memory_now() AS m
                        FROM many_groups GROUP BY 1) s WHERE a IS NOT NULL',
                 aggregate, groups, groups, aggregate);
END $$;
SELECT count(measure(a, g)) AS measured
FROM unnest(ARRAY['count(*)', 'cxm_acc_agg(rating, ''nps'')', 'cxm_nps(rating)',
                  'cxm_merge_agg(state)', 'cxm_wacc_agg(rating, i, ''nps'')',
                  'cxm_merge_agg(wstate)']) a,
     unnest(ARRAY[1000, 4000]) g;
-- The plan the counters see.
EXPLAIN (COSTS OFF) SELECT i % 4000, cxm_acc_agg(rating, 'nps') FROM many_groups GROUP BY 1;

-- A group costs one chunk of its state, which AllocSet rounds up to a power
-- of two (an NPS counts form is 128 bytes, a sums form 392 in a chunk of
-- 512), and less than 64 bytes more than a group of count(*).
WITH per_group AS (
  SELECT aggregate, (big.contexts - small.contexts) / 3000.0 AS contexts,
         (big.bytes - small.bytes) / 3000.0 AS bytes
  FROM memory_use small JOIN memory_use big USING (aggregate)
  WHERE small.groups = 1000 AND big.groups = 4000
), state (aggregate, bytes) AS (
  VALUES ('cxm_acc_agg(rating, ''nps'')', 128), ('cxm_nps(rating)', 128),
         ('cxm_merge_agg(state)', 128), ('cxm_wacc_agg(rating, i, ''nps'')', 392),
         ('cxm_merge_agg(wstate)', 392)
)
SELECT a.aggregate, round(a.contexts, 1) AS contexts_per_group, s.bytes AS state_bytes,
       a.bytes - c.bytes < 2 ^ ceil(log(2, s.bytes)) + 64 AS one_chunk_per_group
FROM per_group a JOIN state s USING (aggregate), per_group c
WHERE c.aggregate = 'count(*)'
ORDER BY a.aggregate;

DROP FUNCTION measure;
DROP FUNCTION memory_now;
DROP TABLE memory_use, many_groups;
RESET ALL;
