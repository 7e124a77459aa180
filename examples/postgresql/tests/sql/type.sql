-- Type cxm_acc: text form, binary form, bytea casts.

-- Text round trip; the canonical form names presets, aliases and custom
-- spellings of a preset included (include/cxmetrics.h, "Text forms").
SELECT 'nps{0:3,6:1,9:10,10:4}'::cxm_acc;
SELECT 'csat{5:2}'::cxm_acc, '1..5/4..5/1..2/share{5:2}'::cxm_acc, 'ces{}'::cxm_acc;
SELECT '-3..3/2..3/-3..-2/net{-3:1,3:18446744073709551614}'::cxm_acc;
SELECT s::cxm_acc::text = s AS exact
FROM (VALUES ('nps{}'), ('csat5{1:1,5:9}'), ('ces7{7:18446744073709551615}'),
             ('-3..3/2..3/-3..-2/net{0:5}')) AS v(s);

-- The stored bytes are the library's encoding: 35 bytes when empty
-- (docs/format.md), and cast back unchanged.
SELECT octet_length('nps{}'::cxm_acc::bytea) AS empty_bytes;
SELECT ('nps{0:3,6:1,9:10,10:4}'::cxm_acc::bytea)::cxm_acc;
SELECT encode(substr('nps{}'::cxm_acc::bytea, 1, 4), 'hex') AS magic;

-- Binary COPY round trip of states of every scale, through a file.
CREATE TABLE states AS
  SELECT a.metric, a.segment, cxm_acc_agg(a.rating, s.scale) AS state
  FROM answers a JOIN surveys s USING (metric) GROUP BY 1, 2;
\copy states TO 'tests/results/states.bin' WITH (FORMAT binary)
CREATE TABLE states_back (LIKE states);
\copy states_back FROM 'tests/results/states.bin' WITH (FORMAT binary)
SELECT count(*) AS states, count(*) FILTER (WHERE b.state = s.state) AS equal,
       count(*) FILTER (WHERE b.state::text = s.state::text) AS equal_text
FROM states s JOIN states_back b USING (metric, segment);
-- and through text COPY
\copy states TO 'tests/results/states.txt'
TRUNCATE states_back;
\copy states_back FROM 'tests/results/states.txt'
SELECT count(*) FILTER (WHERE b.state = s.state) AS equal
FROM states s JOIN states_back b USING (metric, segment);
-- and stored and read back from a table column after an update in place
UPDATE states_back SET state = state + state;
SELECT bool_and(cxm_n(b.state) = 2 * cxm_n(s.state)) AS doubled
FROM states s JOIN states_back b USING (metric, segment);

-- The counts form (README.md, "Storage and the transition state"): an
-- aggregate's transition state, which leaves the aggregate as it is where
-- there is no final function, as the result of cxm_merge_agg. 40 bytes and
-- 8 per rating: CSAT 1-5 80, CES 1-7 96, NPS 128, a 0..100 slider 848; a
-- table stores the small ones with a 1-byte header (3 bytes less, and
-- unaligned). Every reader takes it as the state its encoding holds.
CREATE TABLE rollups AS
  SELECT metric, cxm_merge_agg(state) AS state FROM states GROUP BY metric
  UNION ALL
  SELECT 'slider', cxm_merge_agg(s)
  FROM (VALUES ('0..100/80..100/0..60/net{0:1,100:2}'::cxm_acc),
               ('0..100/80..100/0..60/net{50:3,100:18446744073709551609}')) v(s);
CREATE TABLE canonical AS
  SELECT a.metric, cxm_acc_agg(a.rating, s.scale) AS state
  FROM answers a JOIN surveys s USING (metric) GROUP BY 1
  UNION ALL
  SELECT 'slider', '0..100/80..100/0..60/net{0:1,50:3,100:18446744073709551611}';
SELECT r.metric, pg_column_size(r.state) AS stored, pg_column_size(c.state) AS encoded,
       r.state = c.state AS equal, r.state::text = c.state::text AS same_text,
       r.state::bytea = c.state::bytea AS same_encoding,
       cxm_acc_hash(r.state) = cxm_acc_hash(c.state) AS same_hash,
       cxm_n(r.state) = cxm_n(c.state) AS same_n
FROM rollups r JOIN canonical c USING (metric) WHERE r.metric <> 'slider'
ORDER BY 1;
SELECT pg_column_size(state) AS stored, state::text FROM rollups WHERE metric = 'slider';
SELECT cxm_n(state) FROM rollups WHERE metric = 'slider';
-- one state in both forms: one group, one distinct value, a hash join
SELECT count(*) AS groups
FROM (SELECT state FROM (SELECT state FROM rollups UNION ALL SELECT state FROM canonical) u
      GROUP BY state) g;
SELECT count(*) AS matches FROM rollups r JOIN canonical c ON r.state = c.state;
-- a stored counts form as the first state of a merge, and merged into it
SELECT bool_and(m.state = c.state + c.state) AS doubled
FROM (SELECT metric, cxm_merge_agg(state) AS state
      FROM (SELECT * FROM rollups UNION ALL SELECT * FROM canonical) u
      WHERE metric <> 'slider' GROUP BY metric) m
JOIN canonical c USING (metric);
-- binary COPY sends the encoding
\copy rollups TO 'tests/results/rollups.bin' WITH (FORMAT binary)
CREATE TABLE rollups_back (LIKE rollups);
\copy rollups_back FROM 'tests/results/rollups.bin' WITH (FORMAT binary)
SELECT count(*) FILTER (WHERE b.state = r.state) AS equal,
       bool_and(pg_column_size(b.state) = 1 + octet_length(r.state::bytea)) AS encoding_stored
FROM rollups r JOIN rollups_back b USING (metric) WHERE metric <> 'slider';
