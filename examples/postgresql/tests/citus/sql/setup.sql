-- The extension on a Citus cluster: a coordinator (port 9700) and two workers
-- (9701, 9702), started by test-citus.sh; a third worker (9703) runs outside
-- the cluster until elasticity.sql adds it. CREATE EXTENSION on the
-- coordinator creates the extension on every worker.
SELECT nodeport, noderole, shouldhaveshards FROM pg_dist_node ORDER BY nodeport;
CREATE EXTENSION cxmetrics;
SELECT nodeport, result AS cxmetrics
FROM run_command_on_workers($$SELECT extversion FROM pg_extension WHERE extname = 'cxmetrics'$$)
ORDER BY nodeport;

-- The sample answers (examples/data/answers.csv: 7279 answers of three
-- surveys in four channels, June to November 2026), as a helpdesk table with a
-- team and a day, twice: distributed by team over four shards (schema
-- public), and as a plain single-node copy on the coordinator (schema single).
CREATE TABLE answers (id serial, metric text, rating integer, segment text, answered_at text);
\copy answers (metric, rating, segment, answered_at) FROM '../data/answers.csv' WITH (FORMAT csv, HEADER)
CREATE SCHEMA single;
CREATE TABLE single.responses AS
  SELECT id, segment AS team, metric, rating, left(answered_at, 10)::date AS answered_on
  FROM answers;
CREATE TABLE single.surveys (metric text PRIMARY KEY, scale text NOT NULL);
INSERT INTO single.surveys VALUES ('csat', 'csat5'), ('nps', 'nps'), ('ces', 'ces7');

SET citus.shard_count = 4;
CREATE TABLE responses (LIKE single.responses);
SELECT create_distributed_table('responses', 'team');
INSERT INTO responses SELECT * FROM single.responses;
-- The scale of each survey, on every node.
CREATE TABLE surveys (LIKE single.surveys INCLUDING ALL);
SELECT create_reference_table('surveys');
INSERT INTO surveys SELECT * FROM single.surveys;
ANALYZE responses;
ANALYZE surveys;
SELECT team, count(*) AS answers, count(rating) AS ratings FROM responses GROUP BY team ORDER BY team;

-- Which worker holds which team (hash of the team's name, four shards placed
-- in turn on the two workers).
SELECT team, nodeport
FROM (VALUES ('chat'), ('email'), ('phone'), ('self-service')) t (team)
JOIN citus_shards s ON s.shardid = get_shard_id_for_distribution_column('responses', team)
ORDER BY team;

-- Checks. same_answer(name, query) runs the query on the distributed tables
-- and on the single-node copies (the same text, the search path switched) and
-- compares the answers in their text form, rows in any order; it records the
-- query, so recheck() can run every check again once the cluster has changed.
-- The rows are turned into text on the coordinator (a materialized CTE is
-- fetched from the workers first): text made on a worker would follow that
-- worker's settings, such as its DateStyle, not the session's.
CREATE TABLE checks (name text PRIMARY KEY, query text NOT NULL);

CREATE FUNCTION answer_text(query text, path text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE answer text;
BEGIN
  PERFORM set_config('search_path', path, true);
  EXECUTE format('WITH r AS MATERIALIZED (%s) SELECT string_agg(r::text, E''\n'' ORDER BY r::text) FROM r',
                 query)
    INTO answer;
  PERFORM set_config('search_path', 'public', true);
  RETURN answer;
END $$;

CREATE FUNCTION same_answer(name text, query text, OUT row_count integer, OUT equal boolean)
LANGUAGE plpgsql AS $$
DECLARE distributed text; single_node text;
BEGIN
  INSERT INTO checks VALUES (name, query) ON CONFLICT ON CONSTRAINT checks_pkey
    DO UPDATE SET query = EXCLUDED.query;
  distributed := answer_text(query, 'public');
  single_node := answer_text(query, 'single, public');
  row_count := coalesce(array_length(string_to_array(single_node, E'\n'), 1), 0);
  equal := distributed IS NOT DISTINCT FROM single_node;
END $$;

CREATE FUNCTION recheck(OUT checks bigint, OUT equal bigint, OUT unequal text)
LANGUAGE sql AS $$
  SELECT count(*), count(*) FILTER (WHERE ok), string_agg(name, ', ' ORDER BY name) FILTER (WHERE NOT ok)
  FROM (SELECT name, answer_text(query, 'public') IS NOT DISTINCT FROM
                     answer_text(query, 'single, public') AS ok
        FROM checks) c
$$;

-- The plan's shape: plan nodes (every kind of aggregate node shown as
-- Aggregate, sorts left out, as both depend on statistics), the task count,
-- group keys, the query each worker runs, and the coordinator's combining of
-- partial states; shard numbers and OIDs masked.
CREATE FUNCTION plan(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
    CONTINUE WHEN line ~ '^\s*(->  )?(Sort|Sort Key|Node|Tasks Shown):'
               OR line ~ '^\s*->  Sort$' OR line ~ '^\s*Filter:'
               OR (line ~ '^\s*Output:' AND line !~ 'coord_combine_agg');
    line := regexp_replace(line, '(Hash|Group|Mixed)Aggregate', 'Aggregate');
    line := regexp_replace(line, '_[0-9]{6,}\M', '_*', 'g');
    line := regexp_replace(line, '''[0-9]+''::oid', 'aggregate', 'g');
    RETURN NEXT line;
  END LOOP;
END $$;

-- A node's name in test-citus.sh's directory from its port.
CREATE FUNCTION node_name(port integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN port = 9700 THEN 'coordinator' ELSE 'worker' || (port - 9700) END
$$;
-- The SQLSTATE and message of a statement, or 'ok'. A failed connection's
-- message is cut after the node, which is left out: its socket directory
-- changes from run to run.
CREATE FUNCTION error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM,
    '^(connection to the remote node) \S+ (failed) .*$', '\1 ... \2');
END $$;
