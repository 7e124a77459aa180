-- What Citus does with an aggregate whose state type is a real type: on each
-- shard it runs the transition function and ships the partial state as text
-- (the type's output); the coordinator reads each state back (the type's
-- input), folds them with the combine function and applies the final
-- function. The functions are taken from pg_aggregate, as Citus takes them.
CREATE TABLE shard_1 AS SELECT * FROM answers WHERE id % 4 = 0;
CREATE TABLE shard_2 AS SELECT * FROM answers WHERE id % 4 = 1;
CREATE TABLE shard_3 AS SELECT * FROM answers WHERE id % 4 = 2;
CREATE TABLE shard_4 AS SELECT * FROM answers WHERE id % 4 = 3;

-- For an aggregate agg(args): a worker aggregate (the transition alone, state
-- out) and a coordinator aggregate (combine, then final), built from its
-- catalog entry.
CREATE FUNCTION emulate_citus(agg regprocedure, args text, initcond text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE a pg_aggregate; name name;
BEGIN
  SELECT * INTO a FROM pg_aggregate WHERE aggfnoid = agg;
  SELECT proname INTO name FROM pg_proc WHERE oid = agg;
  EXECUTE format('CREATE AGGREGATE worker_%s(%s) (SFUNC = %s, STYPE = %s %s)',
                 name, args, a.aggtransfn, a.aggtranstype::regtype,
                 CASE WHEN initcond IS NULL THEN '' ELSE format(', INITCOND = %L', initcond) END);
  EXECUTE format('CREATE AGGREGATE coordinator_%s(%s) (SFUNC = %s, STYPE = %s %s)',
                 name, a.aggtranstype::regtype, a.aggcombinefn, a.aggtranstype::regtype,
                 CASE WHEN a.aggfinalfn = 0 THEN '' ELSE ', FINALFUNC = ' || a.aggfinalfn END);
END $$;
SELECT emulate_citus('cxm_nps(integer)', 'integer', (SELECT agginitval FROM pg_aggregate WHERE aggfnoid = 'cxm_nps'::regproc)),
       emulate_citus('cxm_csat(integer)', 'integer', (SELECT agginitval FROM pg_aggregate WHERE aggfnoid = 'cxm_csat'::regproc)),
       emulate_citus('cxm_acc_agg(integer, text)', 'integer, text', NULL),
       emulate_citus('cxm_merge_agg(cxm_acc)', 'cxm_acc', NULL);

-- Partial states per shard and segment, shipped as text.
CREATE TABLE shipped (segment text, nps text, csat text, state text);
INSERT INTO shipped
  SELECT segment, worker_cxm_nps(rating) FILTER (WHERE metric = 'nps')::text,
         worker_cxm_csat(rating) FILTER (WHERE metric = 'csat')::text,
         worker_cxm_acc_agg(rating, 'nps') FILTER (WHERE metric = 'nps')::text
  FROM shard_1 GROUP BY segment
  UNION ALL
  SELECT segment, worker_cxm_nps(rating) FILTER (WHERE metric = 'nps')::text,
         worker_cxm_csat(rating) FILTER (WHERE metric = 'csat')::text,
         worker_cxm_acc_agg(rating, 'nps') FILTER (WHERE metric = 'nps')::text
  FROM shard_2 GROUP BY segment
  UNION ALL
  SELECT segment, worker_cxm_nps(rating) FILTER (WHERE metric = 'nps')::text,
         worker_cxm_csat(rating) FILTER (WHERE metric = 'csat')::text,
         worker_cxm_acc_agg(rating, 'nps') FILTER (WHERE metric = 'nps')::text
  FROM shard_3 GROUP BY segment
  UNION ALL
  SELECT segment, worker_cxm_nps(rating) FILTER (WHERE metric = 'nps')::text,
         worker_cxm_csat(rating) FILTER (WHERE metric = 'csat')::text,
         worker_cxm_acc_agg(rating, 'nps') FILTER (WHERE metric = 'nps')::text
  FROM shard_4 GROUP BY segment;
SELECT count(*) AS partial_states, min(nps) LIKE 'nps{%' AS text_form FROM shipped;

-- Combined on the coordinator, equal to the single-table aggregates.
SELECT d.segment, d.nps = s.nps AS nps, d.csat = s.csat AS csat, d.state = s.state AS state,
       d.merged = s.state AS merged
FROM (SELECT segment, coordinator_cxm_nps(nps::cxm_acc) AS nps, coordinator_cxm_csat(csat::cxm_acc) AS csat,
             coordinator_cxm_acc_agg(state::cxm_acc) AS state,
             coordinator_cxm_merge_agg(state::cxm_acc) AS merged
      FROM shipped GROUP BY segment) d
JOIN (SELECT segment, cxm_nps(rating) FILTER (WHERE metric = 'nps') AS nps,
             cxm_csat(rating) FILTER (WHERE metric = 'csat') AS csat,
             cxm_acc_agg(rating, 'nps') FILTER (WHERE metric = 'nps') AS state
      FROM answers GROUP BY segment) s USING (segment)
ORDER BY segment;

-- The weighted aggregates alike (weights from the answer's id): partial sums
-- travel in the bracket text form, and what the coordinator combines equals
-- the single-table state.
SELECT emulate_citus('cxm_wacc_agg(integer, bigint, text)', 'integer, bigint, text', NULL);
CREATE TABLE wshipped AS
  SELECT segment, worker_cxm_wacc_agg(rating, id % 7 * 100 + 1, 'nps')::text AS state
  FROM shard_1 WHERE metric = 'nps' GROUP BY segment
  UNION ALL
  SELECT segment, worker_cxm_wacc_agg(rating, id % 7 * 100 + 1, 'nps')::text
  FROM shard_2 WHERE metric = 'nps' GROUP BY segment
  UNION ALL
  SELECT segment, worker_cxm_wacc_agg(rating, id % 7 * 100 + 1, 'nps')::text
  FROM shard_3 WHERE metric = 'nps' GROUP BY segment
  UNION ALL
  SELECT segment, worker_cxm_wacc_agg(rating, id % 7 * 100 + 1, 'nps')::text
  FROM shard_4 WHERE metric = 'nps' GROUP BY segment;
SELECT count(*) AS partial_states, bool_and(state LIKE 'nps[%]') AS text_form FROM wshipped;
SELECT d.segment, d.state = s.state AS state, d.merged = s.state AS merged
FROM (SELECT segment, coordinator_cxm_wacc_agg(state::cxm_wacc) AS state,
             cxm_merge_agg(state::cxm_wacc) AS merged
      FROM wshipped GROUP BY segment) d
JOIN (SELECT segment, cxm_wacc_agg(rating, id % 7 * 100 + 1, 'nps') AS state
      FROM answers WHERE metric = 'nps' GROUP BY segment) s USING (segment)
ORDER BY segment;
