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
