-- A third worker joins; the rebalancer moves shards to it (a background job
-- the coordinator runs; block_writes copies a shard while writes to it wait,
-- without logical replication), and every answer checked so far is the same.
\getenv socket_dir PGHOST
SELECT nodeid > 0 AS added FROM citus_add_node(:'socket_dir', 9703) nodeid;
SET client_min_messages = warning;
SELECT jobid > 0 AS started FROM citus_rebalance_start(shard_transfer_mode := 'block_writes') jobid;
SELECT citus_rebalance_wait();
RESET client_min_messages;
SELECT state FROM citus_rebalance_status();
-- Every worker holds shards now; co-located shards moved together.
SELECT count(DISTINCT nodeport) AS workers_with_shards FROM citus_shards
WHERE table_name = 'responses'::regclass;
SELECT count(*) AS shard_groups_apart FROM citus_shards r JOIN citus_shards d
  ON d.table_name = 'daily'::regclass AND r.table_name = 'responses'::regclass
 AND d.shardid - r.shardid = (SELECT min(shardid) FROM citus_shards WHERE table_name = 'daily'::regclass)
                           - (SELECT min(shardid) FROM citus_shards WHERE table_name = 'responses'::regclass)
WHERE r.nodeport <> d.nodeport;
SELECT * FROM recheck();
