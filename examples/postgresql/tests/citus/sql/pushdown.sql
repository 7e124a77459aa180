-- Not grouped by the distribution column (team), an aggregate runs in two
-- steps: on the workers, worker_partial_agg runs the transition function over
-- each shard and ships the partial state as cxm_acc's text output; on the
-- coordinator, coord_combine_agg reads each state with cxm_acc's text input
-- and folds them with the combine function (+), then applies the final
-- function. Citus does this only because the state type is a real type with
-- a text form (cxm_acc, not internal).
SELECT * FROM plan($$SELECT metric, cxm_acc_agg(rating, scale) FROM responses JOIN surveys USING (metric) GROUP BY metric$$);
SELECT * FROM plan($$SELECT cxm_nps(rating) FROM responses WHERE metric = 'nps'$$);
SELECT * FROM plan($$SELECT extract(month FROM answered_on) AS month, cxm_csat(rating) FROM responses WHERE metric = 'csat' GROUP BY 1$$);
SELECT * FROM plan($$SELECT cxm_ces(rating) FROM responses WHERE metric = 'ces'$$);
SELECT * FROM plan($$SELECT metric, cxm_merge_agg(state) FROM daily GROUP BY metric$$);

-- Grouped by the distribution column, each group lies on one shard: the
-- whole aggregate runs on the workers and the coordinator only gathers rows.
SELECT * FROM plan($$SELECT team, cxm_acc_agg(rating, 'nps') FROM responses WHERE metric = 'nps' GROUP BY team$$);
SELECT * FROM plan($$SELECT team, cxm_nps(rating) FROM responses WHERE metric = 'nps' GROUP BY team$$);
SELECT * FROM plan($$SELECT team, cxm_csat(rating) FROM responses WHERE metric = 'csat' GROUP BY team$$);
SELECT * FROM plan($$SELECT team, cxm_ces(rating) FROM responses WHERE metric = 'ces' GROUP BY team$$);
SELECT * FROM plan($$SELECT team, metric, cxm_merge_agg(state) FROM daily GROUP BY team, metric$$);

-- The answers, both ways, equal a single node's.
SELECT team, cxm_nps(rating) FROM responses WHERE metric = 'nps' GROUP BY team ORDER BY team;
SELECT metric, cxm_acc_agg(rating, scale) FROM responses JOIN surveys USING (metric)
GROUP BY metric ORDER BY metric;
SELECT * FROM same_answer('cxm_acc_agg by metric', $$
  SELECT metric, cxm_acc_agg(rating, scale) FROM responses JOIN surveys USING (metric) GROUP BY metric$$);
SELECT * FROM same_answer('cxm_acc_agg by team', $$
  SELECT team, metric, cxm_acc_agg(rating, scale) FROM responses JOIN surveys USING (metric) GROUP BY team, metric$$);
SELECT * FROM same_answer('cxm_acc_agg by month', $$
  SELECT extract(month FROM answered_on) AS month, cxm_acc_agg(rating, 'nps')
  FROM responses WHERE metric = 'nps' GROUP BY 1$$);
SELECT * FROM same_answer('scores, all answers', $$
  SELECT cxm_nps(rating) FILTER (WHERE metric = 'nps') AS nps,
         cxm_csat(rating) FILTER (WHERE metric = 'csat') AS csat,
         cxm_ces(rating) FILTER (WHERE metric = 'ces') AS ces FROM responses$$);
SELECT * FROM same_answer('scores by team', $$
  SELECT team, cxm_nps(rating) FILTER (WHERE metric = 'nps') AS nps,
         cxm_csat(rating) FILTER (WHERE metric = 'csat') AS csat,
         cxm_ces(rating) FILTER (WHERE metric = 'ces') AS ces FROM responses GROUP BY team$$);
SELECT * FROM same_answer('scores by month', $$
  SELECT extract(month FROM answered_on) AS month,
         cxm_nps(rating) FILTER (WHERE metric = 'nps') AS nps,
         cxm_csat(rating) FILTER (WHERE metric = 'csat') AS csat,
         cxm_ces(rating) FILTER (WHERE metric = 'ces') AS ces FROM responses GROUP BY 1$$);
SELECT * FROM same_answer('cxm_merge_agg by metric', $$
  SELECT metric, cxm_merge_agg(state) FROM daily GROUP BY metric$$);
SELECT * FROM same_answer('cxm_merge_agg by team and month', $$
  SELECT team, metric, extract(month FROM day) AS month, cxm_merge_agg(state)
  FROM daily GROUP BY 1, 2, 3$$);
SELECT * FROM same_answer('cxm_merge_agg by month', $$
  SELECT metric, extract(month FROM day) AS month, cxm_merge_agg(state) FROM daily GROUP BY 1, 2$$);

-- An independent reference: NPS counted by hand on the distributed table.
SELECT team, abs(cxm_nps(rating) - 100.0 * (count(*) FILTER (WHERE rating >= 9)
                 - count(*) FILTER (WHERE rating <= 6)) / count(rating)) < 1e-12 AS equal
FROM responses WHERE metric = 'nps' GROUP BY team ORDER BY team;

-- Empty groups are NULL, NULL ratings skipped, as on one node.
SELECT * FROM same_answer('empty and NULL', $$
  SELECT team, cxm_nps(rating) FILTER (WHERE rating > 10) AS none,
         cxm_acc_agg(rating, 'nps') FILTER (WHERE metric = 'nps' AND rating IS NULL) AS nulls,
         cxm_n(cxm_acc_agg(rating, 'nps') FILTER (WHERE metric = 'nps')) AS n
  FROM responses GROUP BY team$$);

-- Partial states always travel as text (worker_partial_agg returns a
-- cstring). Stored states fetched from the workers travel in cxm_acc's binary
-- form (send and receive: the canonical encoding) while
-- citus.enable_binary_protocol is on, its default, and in the text form when
-- it is off: the same states either way.
SET citus.enable_binary_protocol = off;
SELECT * FROM same_answer('states as text', $$SELECT team, day, metric, state FROM daily$$);
SELECT * FROM same_answer('partial states, binary protocol off', $$
  SELECT metric, cxm_merge_agg(state) FROM daily GROUP BY metric$$);
RESET citus.enable_binary_protocol;
