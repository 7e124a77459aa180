-- The schema SQLsmith is let loose on (sqlsmith.sh): tables whose columns
-- invite the extension's functions, filled with valid, empty, extreme (counts
-- near 2^63 and 2^64) and damaged states. SQLsmith runs as the unprivileged
-- role smith, so it cannot stop the server by itself.
CREATE EXTENSION cxmetrics;
ALTER ROLE smith SET statement_timeout = '2s';

CREATE TABLE ratings (id integer, rating integer, scale text, day date);
INSERT INTO ratings
  SELECT i, CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7) % 13 - 1 END,
         (ARRAY['nps', 'csat5', 'ces7', 'csat', '1..5/4..5/1..2/share', '-3..3/2..3/-3..-2/net',
                'bogus', NULL])[1 + i % 8],
         date '2026-01-01' + i % 40
  FROM generate_series(1, 400) i;

CREATE TABLE states (id integer, state cxm_acc, scale text);
INSERT INTO states (id, state, scale) VALUES
  (1, 'nps{0:3,6:1,9:10,10:4}', 'nps'), (2, 'nps{}', 'nps'), (3, 'csat5{}', 'csat5'),
  (4, 'csat5{1:1,5:9}', 'csat'), (5, 'ces7{5:1}', 'ces7'), (6, 'ces7{1:1,7:1}', 'ces'),
  (7, 'nps{10:9223372036854775807}', 'nps'), (8, 'nps{0:9223372036854775808}', 'nps'),
  (9, 'ces7{7:18446744073709551615}', 'ces7'),
  (10, 'csat5{1:9223372036854775807,5:9223372036854775807}', 'csat5'),
  (11, '-3..3/2..3/-3..-2/net{-3:1,3:4611686018427387904}', '-3..3/2..3/-3..-2/net'),
  (12, '0..100/51..100/0..50/share{0:1,100:9223372036854775806}', '0..100/51..100/0..50/share'),
  (13, NULL, NULL), (14, 'neteasy7{1:2,7:3}', 'neteasy7'), (15, 'csat2{2:1}', 'csat2');

-- Raw bytes: the encodings above, and damaged ones (truncated, bit-flipped,
-- extended, random, empty).
CREATE TABLE blobs (id integer, raw bytea);
INSERT INTO blobs SELECT id, state::bytea FROM states WHERE state IS NOT NULL;
INSERT INTO blobs SELECT 100 + id, substr(state::bytea, 1, octet_length(state::bytea) - 1 - id % 5)
  FROM states WHERE state IS NOT NULL;
INSERT INTO blobs SELECT 200 + id, set_bit(state::bytea, id * 11, 1 - get_bit(state::bytea, id * 11))
  FROM states WHERE state IS NOT NULL;
INSERT INTO blobs SELECT 300 + id, state::bytea || '\x00'::bytea FROM states WHERE state IS NOT NULL;
INSERT INTO blobs VALUES (400, ''), (401, '\x43584d41'), (402, '\xffffffffffffffffffffffffffffffff'), (403, NULL);

CREATE TABLE daily AS
  SELECT day, cxm_acc_agg(rating, 'nps') AS state FROM ratings
  WHERE scale = 'nps' AND rating BETWEEN 0 AND 10 GROUP BY day;
CREATE TABLE texts (id integer, txt text);
INSERT INTO texts SELECT id, state::text FROM states;
INSERT INTO texts VALUES (100, 'nps{'), (101, 'nps{11:1}'), (102, 'NPS{}'), (103, 'nps{9:0}'),
  (104, 'nps{9:18446744073709551616}'), (105, ''), (106, 'x');

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO smith;
