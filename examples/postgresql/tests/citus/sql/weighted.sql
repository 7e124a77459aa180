-- The weighted state (cxm_wacc) on the cluster, with the checks of the
-- unweighted one: push-down by the plans, every answer equal to one node's
-- (same_answer, rechecked after the rebalance and the fault), a roll-up kept
-- with + on the workers, windows per team, statistics of distributed states.
-- The answers get a weight each, an account's revenue from 1 to 5000 (every
-- 53rd missing), in a table co-located with responses.
CREATE TABLE single.wresponses AS
  SELECT id, team, metric, rating, answered_on,
         CASE WHEN id % 53 = 0 THEN NULL ELSE (id * 7919) % 5000 + 1 END AS weight
  FROM single.responses;
CREATE TABLE wresponses (LIKE single.wresponses);
SELECT create_distributed_table('wresponses', 'team', colocate_with => 'responses');
INSERT INTO wresponses SELECT * FROM single.wresponses;
ANALYZE wresponses;

-- Not grouped by team: worker_partial_agg ships cxm_wacc's text (the sums of
-- each shard), coord_combine_agg folds them with + and applies the final
-- function. Grouped by team: all on the workers.
SELECT * FROM plan($$SELECT metric, cxm_wacc_agg(rating, weight, scale)
                     FROM wresponses JOIN surveys USING (metric) GROUP BY metric$$);
SELECT * FROM plan($$SELECT team, cxm_wacc_agg(rating, weight, 'nps') FROM wresponses
                     WHERE metric = 'nps' GROUP BY team$$);
SELECT * FROM same_answer('cxm_wacc_agg by metric', $$
  SELECT metric, cxm_wacc_agg(rating, weight, scale) FROM wresponses JOIN surveys USING (metric)
  GROUP BY metric$$);
SELECT * FROM same_answer('cxm_wacc_agg by team', $$
  SELECT team, metric, cxm_wacc_agg(rating, weight, scale) FROM wresponses JOIN surveys USING (metric)
  GROUP BY team, metric$$);
SELECT * FROM same_answer('cxm_wacc_agg by month', $$
  SELECT extract(month FROM answered_on) AS month, cxm_wacc_agg(rating, weight, 'nps')
  FROM wresponses WHERE metric = 'nps' GROUP BY 1$$);
SELECT * FROM same_answer('weighted readings by metric', $$
  SELECT metric, cxm_score(s), cxm_n(s), cxm_weight(s), cxm_n_effective(s), cxm_unweighted(s),
         cxm_snapshot(s), cxm_interval(s), cxm_interval(s, 'positive-share', 'logit', 0.9)
  FROM (SELECT metric, cxm_wacc_agg(rating, weight, scale) AS s
        FROM wresponses JOIN surveys USING (metric) GROUP BY metric) m$$);
SELECT * FROM same_answer('weighted empty and NULL', $$
  SELECT team, cxm_wacc_agg(rating, weight, 'nps') FILTER (WHERE rating > 10) AS none,
         cxm_wacc_agg(rating, weight, 'nps') FILTER (WHERE metric = 'nps' AND weight IS NULL) AS nulls
  FROM wresponses GROUP BY team$$);
-- An independent reference on the distributed table: the weighted NPS as
-- sums of the weights.
SELECT team, abs(cxm_score(cxm_wacc_agg(rating, weight, 'nps'))
                 - 100.0 * (coalesce(sum(weight) FILTER (WHERE rating >= 9), 0)
                            - coalesce(sum(weight) FILTER (WHERE rating <= 6), 0))
                   / sum(weight) FILTER (WHERE rating IS NOT NULL)) < 1e-9 AS equal,
       cxm_weight(cxm_wacc_agg(rating, weight, 'nps')) = sum(weight) FILTER (WHERE rating IS NOT NULL) AS weight
FROM wresponses WHERE metric = 'nps' GROUP BY team ORDER BY team;

-- A weighted roll-up, co-located, kept in two batches with + on the workers.
CREATE TABLE single.wdaily (team text, day date, metric text, state cxm_wacc NOT NULL,
                            PRIMARY KEY (team, day, metric));
CREATE TABLE wdaily (LIKE single.wdaily INCLUDING ALL);
SELECT create_distributed_table('wdaily', 'team', colocate_with => 'responses');
SELECT * FROM plan($$
  INSERT INTO wdaily
  SELECT team, answered_on, metric, cxm_wacc_agg(rating, weight, scale)
  FROM wresponses JOIN surveys USING (metric)
  WHERE rating IS NOT NULL AND weight IS NOT NULL AND id % 2 = 1
  GROUP BY team, answered_on, metric
  ON CONFLICT (team, day, metric) DO UPDATE SET state = wdaily.state + EXCLUDED.state$$) LIMIT 6;
SELECT * FROM run_both($$
  INSERT INTO wdaily
  SELECT team, answered_on, metric, cxm_wacc_agg(rating, weight, scale)
  FROM wresponses JOIN surveys USING (metric)
  WHERE rating IS NOT NULL AND weight IS NOT NULL AND id % 2 = 0
  GROUP BY team, answered_on, metric$$);
SELECT * FROM run_both($$
  INSERT INTO wdaily
  SELECT team, answered_on, metric, cxm_wacc_agg(rating, weight, scale)
  FROM wresponses JOIN surveys USING (metric)
  WHERE rating IS NOT NULL AND weight IS NOT NULL AND id % 2 = 1
  GROUP BY team, answered_on, metric
  ON CONFLICT (team, day, metric) DO UPDATE SET state = wdaily.state + EXCLUDED.state$$);
ANALYZE wdaily;
SELECT * FROM same_answer('weighted daily states', $$SELECT * FROM wdaily$$);
SELECT count(*) AS states, bool_and(d.state = a.state) AS all_same
FROM wdaily d
JOIN (SELECT team, answered_on AS day, metric, cxm_wacc_agg(rating, weight, scale) AS state
      FROM wresponses JOIN surveys USING (metric) WHERE rating IS NOT NULL AND weight IS NOT NULL
      GROUP BY team, answered_on, metric) a USING (team, day, metric);
SELECT * FROM plan($$SELECT metric, cxm_merge_agg(state) FROM wdaily GROUP BY metric$$);
SELECT * FROM plan($$SELECT team, metric, cxm_merge_agg(state) FROM wdaily GROUP BY team, metric$$);
SELECT * FROM same_answer('weighted roll-up by metric and month', $$
  SELECT metric, extract(month FROM day) AS month, cxm_merge_agg(state) FROM wdaily GROUP BY 1, 2$$);
SELECT * FROM same_answer('weighted roll-up by team', $$
  SELECT team, metric, cxm_merge_agg(state) FROM wdaily GROUP BY 1, 2$$);

-- Windows per team on the workers (the inverse subtracting the day that
-- leaves), and across teams on the coordinator.
SELECT * FROM plan($$
  SELECT team, day, cxm_merge_agg(state) OVER (PARTITION BY team ORDER BY day
                                              RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)
  FROM wdaily WHERE metric = 'nps'$$);
SELECT * FROM same_answer('weighted trailing 30 days per team', $$
  SELECT team, day, cxm_merge_agg(state) OVER (PARTITION BY team ORDER BY day
                                              RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)
  FROM wdaily WHERE metric = 'nps'$$);
SELECT * FROM same_answer('weighted trailing 20 responses per team', $$
  SELECT team, id, cxm_wacc_agg(rating, weight, 'nps') OVER (PARTITION BY team ORDER BY id ROWS 19 PRECEDING)
  FROM wresponses WHERE metric = 'nps'$$);
SELECT * FROM same_answer('weighted trailing 30 days, all teams', $$
  SELECT day, cxm_merge_agg(state) OVER (ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)
  FROM (SELECT day, cxm_merge_agg(state) AS state FROM wdaily WHERE metric = 'nps' GROUP BY day) d$$);

-- Comparisons of distributed weighted states, November against October per
-- team and team against team.
SELECT * FROM same_answer('weighted November against October per team', $$
  SELECT team, cxm_compare(nov.state, oct.state), cxm_compare(nov.state, oct.state, 'mean')
  FROM (SELECT team, cxm_merge_agg(state) AS state FROM wdaily
        WHERE metric = 'nps' AND extract(month FROM day) = 11 GROUP BY team) nov
  JOIN (SELECT team, cxm_merge_agg(state) AS state FROM wdaily
        WHERE metric = 'nps' AND extract(month FROM day) = 10 GROUP BY team) oct USING (team)$$);
SELECT * FROM same_answer('weighted team against team', $$
  WITH t AS (SELECT team, cxm_merge_agg(state) AS state FROM wdaily WHERE metric = 'nps' GROUP BY team)
  SELECT a.team, b.team, cxm_compare(a.state, b.state) FROM t a JOIN t b ON a.team < b.team$$);
-- Equality and hashing across nodes: GROUP BY a weighted state (a hash
-- aggregate on the coordinator over states fetched from the workers).
SELECT * FROM same_answer('weighted states grouped', $$
  SELECT state, count(*) FROM wdaily WHERE metric = 'csat' GROUP BY state$$);

-- Stored weighted states fetched in the binary form (the encoding) and in
-- the text form: the same states.
SET citus.enable_binary_protocol = off;
SELECT * FROM same_answer('weighted states as text', $$SELECT team, day, metric, state FROM wdaily$$);
RESET citus.enable_binary_protocol;
