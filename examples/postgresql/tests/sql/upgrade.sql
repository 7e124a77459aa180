-- ALTER EXTENSION cxmetrics UPDATE from 1.1 gives exactly the catalog of a
-- fresh 1.2 install, and a 1.1 database's stored states, roll-up, view and
-- hash index work as before. Two databases: one made with 1.1 and updated,
-- one made with 1.2; each writes its extension's catalog (extension_catalog)
-- to a file, and the files are compared line by line.
\set regression_database :DBNAME
CREATE DATABASE cxm_from_1_1;
CREATE DATABASE cxm_fresh_1_2;

\c cxm_from_1_1
CREATE EXTENSION cxmetrics VERSION '1.1';
SELECT extversion FROM pg_extension WHERE extname = 'cxmetrics';

-- What a 1.1 database holds: states as 1.1 stored them (the bytes of
-- docs/format.md's worked example among them), a roll-up kept with + as the
-- README shows, states cxm_merge_agg left in its counts form, a hash index on
-- states, a view over the scores and a column of the snapshot type.
CREATE TABLE stored (id int PRIMARY KEY, state cxm_acc NOT NULL);
INSERT INTO stored VALUES
  (1, '\x43584d4101000000000a000000090000000a00000000000000060000000203000a061e02ac02008f0fe9'::bytea::cxm_acc),
  (2, 'nps{}'), (3, 'csat5{1:2,5:7}'), (4, 'ces7{1:1,7:9223372036854775806}'),
  (5, '-3..3/2..3/-3..-2/net{-3:1,0:4,3:2}');
CREATE TABLE answers AS
  SELECT i, (ARRAY['chat', 'email', 'phone'])[i % 3 + 1] AS team, date '2026-11-01' + i % 5 AS day,
         (i * 7) % 11 AS rating
  FROM generate_series(1, 600) i;
CREATE TABLE nps_daily (team text, day date, state cxm_acc NOT NULL, PRIMARY KEY (team, day));
INSERT INTO nps_daily
SELECT team, day, cxm_acc_agg(rating, 'nps') FROM answers WHERE i <= 300 GROUP BY team, day
ON CONFLICT (team, day) DO UPDATE SET state = nps_daily.state + EXCLUDED.state;
INSERT INTO nps_daily
SELECT team, day, cxm_acc_agg(rating, 'nps') FROM answers WHERE i > 300 GROUP BY team, day
ON CONFLICT (team, day) DO UPDATE SET state = nps_daily.state + EXCLUDED.state;
INSERT INTO stored SELECT 100 + row_number() OVER (ORDER BY team), cxm_merge_agg(state)
FROM nps_daily GROUP BY team;
-- The roll-up's per-team sums are counts forms (128 bytes for NPS), the
-- others encodings.
SELECT id, pg_column_size(state) AS bytes, octet_length(state::bytea) AS encoded FROM stored
ORDER BY id;
CREATE INDEX stored_by_state ON stored USING hash (state);
CREATE VIEW team_nps AS SELECT team, cxm_nps(rating) AS nps, cxm_csat(rating % 5 + 1) AS csat,
                               cxm_ces(rating % 7 + 1) AS ces
                        FROM answers GROUP BY team;
CREATE TABLE snapshots AS SELECT id, cxm_snapshot(state) AS snapshot FROM stored WHERE id = 3;
-- The new module serves the 1.1 catalog until the update: a 1.1 snapshot
-- has 13 fields.
SELECT (cxm_snapshot('nps{9:3}')).*;

-- Everything a 1.1 user reads, kept as text.
CREATE TABLE before AS
  SELECT 'state ' || id AS what, state::text || ' n=' || cxm_n(state) || ' score=' ||
         coalesce(cxm_score(state)::text, '-') || ' ' || (cxm_interval(state)).method AS value
  FROM stored
  UNION ALL SELECT 'roll-up ' || team || ' ' || day, state::text FROM nps_daily
  UNION ALL SELECT 'view ' || team, nps || ' ' || csat || ' ' || ces FROM team_nps
  UNION ALL SELECT 'snapshot ' || id, snapshot::text FROM snapshots;

ALTER EXTENSION cxmetrics UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'cxmetrics';

-- The same answers after the update; the stored snapshot reads its two new
-- fields as NULL (written ',,' at its end).
SELECT split_part(b.what, ' ', 1) AS what, count(*) AS values,
       count(*) FILTER (WHERE a.value = b.value) AS unchanged,
       count(*) FILTER (WHERE a.value = left(b.value, -1) || ',,)') AS grown
FROM before b JOIN (
  SELECT 'state ' || id AS what, state::text || ' n=' || cxm_n(state) || ' score=' ||
         coalesce(cxm_score(state)::text, '-') || ' ' || (cxm_interval(state)).method AS value
  FROM stored
  UNION ALL SELECT 'roll-up ' || team || ' ' || day, state::text FROM nps_daily
  UNION ALL SELECT 'view ' || team, nps || ' ' || csat || ' ' || ces FROM team_nps
  UNION ALL SELECT 'snapshot ' || id, snapshot::text FROM snapshots) a USING (what)
GROUP BY 1 ORDER BY 1;
SELECT * FROM snapshots;
-- The hash index still finds every state, in either stored form.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM stored WHERE state = 'nps{}';
SELECT count(*) AS found FROM stored s WHERE s.state = (SELECT state FROM stored t WHERE t.id = s.id);
RESET enable_seqscan;
-- The roll-up goes on: 1.2's + and cxm_merge_agg on 1.1's stored states.
UPDATE nps_daily SET state = state + 'nps{10:1}' WHERE team = 'chat' AND day = date '2026-11-01';
SELECT cxm_n(cxm_merge_agg(state)) AS answers FROM nps_daily;

\set ECHO none
\i tests/include/extension_catalog.sql
\set ECHO all
\copy (SELECT extension_catalog('cxmetrics')) TO 'tests/results/catalog-updated.txt'

\c cxm_fresh_1_2
CREATE EXTENSION cxmetrics;
\set ECHO none
\i tests/include/extension_catalog.sql
\set ECHO all
\copy (SELECT extension_catalog('cxmetrics')) TO 'tests/results/catalog-fresh.txt'

-- Line by line: no line of one catalog is missing from the other.
CREATE TABLE updated (line text);
CREATE TABLE fresh (line text);
\copy updated FROM 'tests/results/catalog-updated.txt'
\copy fresh FROM 'tests/results/catalog-fresh.txt'
SELECT (SELECT count(*) FROM fresh) AS lines,
       (SELECT count(*) FROM fresh WHERE line LIKE 'member %') AS members,
       (SELECT count(*) FROM fresh WHERE line LIKE 'function %') AS functions,
       (SELECT count(*) FROM fresh WHERE line LIKE 'aggregate %') AS aggregates,
       (SELECT count(*) FROM fresh WHERE line LIKE 'attribute %') AS attributes;
SELECT 'only after the update' AS side, line FROM (TABLE updated EXCEPT ALL TABLE fresh) u
UNION ALL
SELECT 'only in a fresh install', line FROM (TABLE fresh EXCEPT ALL TABLE updated) f
ORDER BY 1, 2;
-- The lines the update changed in 1.1's objects, as a fresh install has them.
SELECT line FROM fresh
WHERE line LIKE 'aggregate cxm_csat%' OR line LIKE 'type cxm_acc:%'
   OR line LIKE 'attribute 1_ of cxm_snapshot%'
ORDER BY 1;

\c :regression_database
DROP DATABASE cxm_from_1_1;
DROP DATABASE cxm_fresh_1_2;
