-- A worker stops: the one holding the shard of phone (which one depends on
-- the rebalancer's moves; chat and self-service are elsewhere either way). A
-- query that needs one of its shards fails with an error, never an answer
-- from the other shards alone; a query that needs only other workers still
-- answers; once the worker is back, every check passes.
SELECT nodeport AS stopped_port, node_name(nodeport) AS stopped FROM citus_shards
WHERE shardid = get_shard_id_for_distribution_column('responses', 'phone') \gset
SELECT team, nodeport = :stopped_port AS on_the_stopped_worker
FROM (VALUES ('chat'), ('email'), ('phone'), ('self-service')) t (team)
JOIN citus_shards s ON s.shardid = get_shard_id_for_distribution_column('responses', team)
ORDER BY team;
\setenv CXM_STOPPED :stopped
\! "$CXM_PG_CLUSTER" stop "$PGHOST/$CXM_STOPPED"
SELECT error_of($$SELECT cxm_nps(rating) FROM responses WHERE metric = 'nps'$$);
SELECT error_of($$SELECT team, cxm_merge_agg(state) FROM daily WHERE metric = 'nps' GROUP BY team$$);
SELECT error_of($$SELECT metric, cxm_merge_agg(state) FROM daily GROUP BY metric$$);
SELECT error_of($$SELECT count(*) FROM responses$$);
-- The second half of the answers merged into the roll-up again would change
-- every shard: it fails as a whole (recheck() below finds the roll-up as it
-- was).
SELECT error_of($$
  INSERT INTO daily SELECT team, answered_on, metric, cxm_acc_agg(rating, scale)
  FROM responses JOIN surveys USING (metric) WHERE rating IS NOT NULL AND id % 2 = 1
  GROUP BY team, answered_on, metric
  ON CONFLICT (team, day, metric) DO UPDATE SET state = daily.state + EXCLUDED.state$$);
-- chat is on another worker: it answers.
SELECT team, cxm_merge_agg(state) FROM daily WHERE team = 'chat' AND metric = 'nps' GROUP BY team;
\! "$CXM_PG_CLUSTER" start "$PGHOST/$CXM_STOPPED"
SELECT * FROM recheck();

-- A corrupt state stored on a worker: bytes written straight into the shard
-- on the worker (a cxm_acc made from bytes without the decoder, Citus's guard
-- against changes to shards lifted), one byte flipped. Every query on the
-- coordinator that reads it fails with 22P02, whether the worker decodes it
-- (an aggregate, cxm_n) or the coordinator does (the state itself, in the
-- binary form); an ON CONFLICT merge into it fails too, and leaves it as it
-- was.
SELECT state AS good_state FROM daily
WHERE team = 'chat' AND day = '2026-06-01' AND metric = 'nps' \gset
SELECT shard_name, nodeport AS worker_port FROM citus_shards
WHERE shardid = get_shard_id_for_distribution_column('daily', 'chat') \gset
\c - - - :worker_port
SET citus.enable_ddl_propagation = off;
CREATE FUNCTION pg_temp.unchecked_acc(bytea) RETURNS cxm_acc LANGUAGE internal IMMUTABLE STRICT
  AS 'byteasend';
SET citus.enable_manual_changes_to_shards = on;
UPDATE :shard_name SET state = pg_temp.unchecked_acc(set_byte(state::bytea, 20, get_byte(state::bytea, 20) # 1))
WHERE team = 'chat' AND day = '2026-06-01' AND metric = 'nps';
\c - - - 9700
SELECT error_of($$SELECT team, cxm_merge_agg(state) FROM daily WHERE metric = 'nps' GROUP BY team$$);
SELECT error_of($$SELECT cxm_merge_agg(state) FROM daily WHERE metric = 'nps'$$);
SELECT error_of($$SELECT cxm_n(state) FROM daily WHERE team = 'chat' AND day = '2026-06-01' AND metric = 'nps'$$);
SELECT error_of($$SELECT state FROM daily WHERE team = 'chat' AND day = '2026-06-01' AND metric = 'nps'$$);
SET citus.enable_binary_protocol = off;
SELECT error_of($$SELECT state FROM daily WHERE team = 'chat' AND day = '2026-06-01' AND metric = 'nps'$$);
RESET citus.enable_binary_protocol;
SELECT error_of($$
  INSERT INTO daily VALUES ('chat', '2026-06-01', 'nps', 'nps{10:1}')
  ON CONFLICT (team, day, metric) DO UPDATE SET state = daily.state + EXCLUDED.state$$);
-- Repaired from the coordinator: every check passes again.
UPDATE daily SET state = :'good_state' WHERE team = 'chat' AND day = '2026-06-01' AND metric = 'nps';
SELECT * FROM recheck();
