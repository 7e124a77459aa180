-- A roll-up table of daily states per team and survey, distributed by team
-- and co-located with responses: each shard of the roll-up lives beside the
-- shard of the same teams' answers, so filling it never moves an answer
-- between nodes.
CREATE TABLE single.daily (team text, day date, metric text, state cxm_acc NOT NULL,
                           PRIMARY KEY (team, day, metric));
CREATE TABLE daily (LIKE single.daily INCLUDING ALL);
SELECT create_distributed_table('daily', 'team', colocate_with => 'responses');

-- run_both(statement): the statement on the distributed tables, then on the
-- single-node copies; the rows each changed.
CREATE FUNCTION run_both(statement text, OUT distributed bigint, OUT single_node bigint)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  GET DIAGNOSTICS distributed = ROW_COUNT;
  PERFORM set_config('search_path', 'single, public', true);
  EXECUTE statement;
  GET DIAGNOSTICS single_node = ROW_COUNT;
  PERFORM set_config('search_path', 'public', true);
END $$;

-- Filled by INSERT ... SELECT ... GROUP BY: the first half of the answers, then
-- the second half merged into the stored states by ON CONFLICT ... DO UPDATE.
-- What that takes: PostgreSQL needs the stored side named (daily.state; a bare
-- "state" is ambiguous with EXCLUDED.state); Citus needs the conflict target
-- to include the distribution column (the primary key does), the function
-- behind + to be IMMUTABLE (cxm_merge is) and, to run the whole statement on
-- the workers shard beside shard, the team inserted to be the team selected.
-- NULL ratings are left out, so no day's state is NULL (NULL + a state is
-- NULL).
SELECT * FROM plan($$
  INSERT INTO daily
  SELECT team, answered_on, metric, cxm_acc_agg(rating, scale)
  FROM responses JOIN surveys USING (metric)
  WHERE rating IS NOT NULL AND id % 2 = 1
  GROUP BY team, answered_on, metric
  ON CONFLICT (team, day, metric) DO UPDATE SET state = daily.state + EXCLUDED.state$$) LIMIT 6;
SELECT * FROM run_both($$
  INSERT INTO daily
  SELECT team, answered_on, metric, cxm_acc_agg(rating, scale)
  FROM responses JOIN surveys USING (metric)
  WHERE rating IS NOT NULL AND id % 2 = 0
  GROUP BY team, answered_on, metric$$);
SELECT * FROM run_both($$
  INSERT INTO daily
  SELECT team, answered_on, metric, cxm_acc_agg(rating, scale)
  FROM responses JOIN surveys USING (metric)
  WHERE rating IS NOT NULL AND id % 2 = 1
  GROUP BY team, answered_on, metric
  ON CONFLICT (team, day, metric) DO UPDATE SET state = daily.state + EXCLUDED.state$$);
ANALYZE daily;

-- What PostgreSQL and Citus refuse.
SELECT error_of($$
  INSERT INTO daily SELECT team, answered_on, metric, cxm_acc_agg(rating, scale)
  FROM responses JOIN surveys USING (metric) WHERE rating IS NOT NULL
  GROUP BY team, answered_on, metric
  ON CONFLICT (team, day, metric) DO UPDATE SET state = state + EXCLUDED.state$$);
CREATE FUNCTION volatile_merge(a cxm_acc, b cxm_acc) RETURNS cxm_acc LANGUAGE sql VOLATILE
  AS 'SELECT a + b';
SELECT error_of($$
  INSERT INTO daily SELECT team, answered_on, metric, cxm_acc_agg(rating, scale)
  FROM responses JOIN surveys USING (metric) WHERE rating IS NOT NULL
  GROUP BY team, answered_on, metric
  ON CONFLICT (team, day, metric) DO UPDATE SET state = volatile_merge(daily.state, EXCLUDED.state)$$);

-- The roll-up kept in two batches equals the roll-up of all answers at once,
-- on the cluster and on one node, state by state.
SELECT * FROM same_answer('daily states', $$SELECT * FROM daily$$);
SELECT * FROM same_answer('daily states = one pass', $$
  SELECT d.team, d.day, d.metric, d.state = a.state AS same
  FROM daily d
  JOIN (SELECT team, answered_on AS day, metric, cxm_acc_agg(rating, scale) AS state
        FROM responses JOIN surveys USING (metric) WHERE rating IS NOT NULL
        GROUP BY team, answered_on, metric) a USING (team, day, metric)$$);
SELECT count(*) AS states, bool_and(same) AS all_same
FROM (SELECT d.state = a.state AS same
      FROM daily d
      JOIN (SELECT team, answered_on AS day, metric, cxm_acc_agg(rating, scale) AS state
            FROM responses JOIN surveys USING (metric) WHERE rating IS NOT NULL
            GROUP BY team, answered_on, metric) a USING (team, day, metric)) s;

-- Months and teams from the days: the roll-up's everyday reading.
SELECT team, metric, cxm_merge_agg(state) AS state
FROM daily WHERE extract(month FROM day) = 11
GROUP BY team, metric ORDER BY team, metric;
