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
CREATE FUNCTION emulate_citus(agg regproc, args text, initcond text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE a pg_aggregate;
BEGIN
  SELECT * INTO a FROM pg_aggregate WHERE aggfnoid = agg;
  EXECUTE format('CREATE AGGREGATE worker_%s(%s) (SFUNC = %s, STYPE = cxm_acc %s)',
                 agg, args, a.aggtransfn, CASE WHEN initcond IS NULL THEN '' ELSE format(', INITCOND = %L', initcond) END);
  EXECUTE format('CREATE AGGREGATE coordinator_%s(cxm_acc) (SFUNC = %s, STYPE = cxm_acc %s)',
                 agg, a.aggcombinefn, CASE WHEN a.aggfinalfn = 0 THEN '' ELSE ', FINALFUNC = ' || a.aggfinalfn END);
END $$;
SELECT emulate_citus('cxm_nps', 'integer', (SELECT agginitval FROM pg_aggregate WHERE aggfnoid = 'cxm_nps'::regproc)),
       emulate_citus('cxm_csat', 'integer', (SELECT agginitval FROM pg_aggregate WHERE aggfnoid = 'cxm_csat'::regproc)),
       emulate_citus('cxm_acc_agg', 'integer, text', NULL),
       emulate_citus('cxm_merge_agg', 'cxm_acc', NULL);

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
