-- Intervals and comparisons of distributed states: states built on the
-- workers, read on the coordinator.
SELECT team, (cxm_interval(cxm_acc_agg(rating, 'nps'))).*
FROM responses WHERE metric = 'nps' GROUP BY team ORDER BY team;
SELECT * FROM same_answer('intervals by team', $$
  SELECT team, metric, cxm_interval(cxm_acc_agg(rating, scale)),
         cxm_interval(cxm_acc_agg(rating, scale), 'mean', 't', 0.9)
  FROM responses JOIN surveys USING (metric) GROUP BY team, metric$$);
SELECT * FROM same_answer('snapshots by metric', $$
  SELECT metric, cxm_snapshot(cxm_merge_agg(state)) FROM daily GROUP BY metric$$);

-- This month against last month per team: two grouped subqueries joined on
-- the distribution column, the whole run on the workers.
SELECT * FROM plan($$
  SELECT team, cxm_compare(nov.state, oct.state)
  FROM (SELECT team, cxm_merge_agg(state) AS state FROM daily
        WHERE metric = 'nps' AND extract(month FROM day) = 11 GROUP BY team) nov
  JOIN (SELECT team, cxm_merge_agg(state) AS state FROM daily
        WHERE metric = 'nps' AND extract(month FROM day) = 10 GROUP BY team) oct USING (team)$$) LIMIT 4;
SELECT team, (c).difference, (c).p_value < 0.05 AS significant
FROM (SELECT team, cxm_compare(nov.state, oct.state) AS c
      FROM (SELECT team, cxm_merge_agg(state) AS state FROM daily
            WHERE metric = 'nps' AND extract(month FROM day) = 11 GROUP BY team) nov
      JOIN (SELECT team, cxm_merge_agg(state) AS state FROM daily
            WHERE metric = 'nps' AND extract(month FROM day) = 10 GROUP BY team) oct USING (team)) x
ORDER BY team;
SELECT * FROM same_answer('November against October per team', $$
  SELECT team, cxm_compare(nov.state, oct.state), cxm_compare(nov.state, oct.state, 'positive-share', 'wilson')
  FROM (SELECT team, cxm_merge_agg(state) AS state FROM daily
        WHERE metric = 'nps' AND extract(month FROM day) = 11 GROUP BY team) nov
  JOIN (SELECT team, cxm_merge_agg(state) AS state FROM daily
        WHERE metric = 'nps' AND extract(month FROM day) = 10 GROUP BY team) oct USING (team)$$);

-- Team against team: the states of a CTE grouped by team are computed on the
-- workers, shipped to the coordinator as an intermediate result, and joined
-- there.
SELECT * FROM same_answer('team against team', $$
  WITH t AS (SELECT team, cxm_merge_agg(state) AS state FROM daily WHERE metric = 'nps' GROUP BY team)
  SELECT a.team, b.team, cxm_compare(a.state, b.state) FROM t a JOIN t b ON a.team < b.team$$);
-- Equality and hashing of states across nodes: DISTINCT states (a hash
-- aggregate on the workers, then on the coordinator), and days with the same
-- state as another team's on the same day (a hash join).
SELECT * FROM same_answer('distinct states', $$SELECT DISTINCT state FROM daily$$);
SELECT * FROM same_answer('equal states of two teams', $$
  WITH t AS (SELECT team, day, state FROM daily)
  SELECT a.team, b.team, a.day, a.state FROM t a JOIN t b USING (day, state) WHERE a.team < b.team$$);
-- A state of another scale in the group is an error on the cluster too
-- (which two scales the message names depends on which shard answers first).
SELECT left(error_of($$SELECT team, cxm_merge_agg(state) FROM daily GROUP BY team$$), 5) AS sqlstate;
SELECT left(error_of($$SELECT cxm_merge_agg(state) FROM daily$$), 5) AS sqlstate;
