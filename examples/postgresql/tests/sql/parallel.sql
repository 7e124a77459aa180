-- Parallel aggregation: with parallel costs forced to zero the plan is a
-- Partial Aggregate under Gather with workers launched, and the results equal
-- the serial ones.
CREATE TABLE many AS
  SELECT i, i % 10 AS g, CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 7919) % 11 END AS rating
  FROM generate_series(1, 100000) i;
ANALYZE many;

-- The plan's shape, without the numbers that vary from run to run.
CREATE FUNCTION plan_shape(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
    IF line ~ 'Gather|Partial|Finalize|Workers Launched' THEN
      RETURN NEXT regexp_replace(line, '\s*\(actual.*\)', '');
    END IF;
  END LOOP;
END $$;

SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial AS
  SELECT cxm_nps(rating) AS nps, cxm_acc_agg(rating, 'nps') AS state,
         cxm_merge_agg(cxm_add('nps{}', rating)) AS merged, cxm_csat(rating % 5 + 1) AS csat,
         cxm_ces(rating % 7 + 1) AS ces
  FROM many;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT * FROM plan_shape($$SELECT cxm_nps(rating), cxm_acc_agg(rating, 'nps'),
  cxm_merge_agg(cxm_add('nps{}', rating)) FROM many$$);
SELECT p.nps = s.nps AS nps, p.state = s.state AS state, p.merged = s.state AS merged,
       p.csat = s.csat AS csat, p.ces = s.ces AS ces, cxm_n(p.state)
FROM serial s, (SELECT cxm_nps(rating) AS nps, cxm_acc_agg(rating, 'nps') AS state,
                       cxm_merge_agg(cxm_add('nps{}', rating)) AS merged,
                       cxm_csat(rating % 5 + 1) AS csat, cxm_ces(rating % 7 + 1) AS ces
                FROM many) p;
-- grouped, through a parallel hash aggregate
SELECT * FROM plan_shape($$SELECT g, cxm_nps(rating) FROM many GROUP BY g$$);
SELECT count(*) AS groups, bool_and(p.nps = s.nps) AS equal
FROM (SELECT g, cxm_nps(rating) AS nps FROM many GROUP BY g) p
JOIN (SELECT g, 100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6))
             / count(rating) AS nps FROM many GROUP BY g) s USING (g)
WHERE abs(p.nps - s.nps) < 1e-9;
RESET ALL;
