-- The schema SQLsmith is let loose on (sqlsmith.sh): tables whose columns
-- invite the extension's functions, filled with valid, empty, extreme (counts
-- near 2^63 and 2^64, weights summing to 2^64 - 1) and damaged states, of both
-- kinds. SQLsmith runs as the unprivileged
-- role smith, so it cannot stop the server by itself.
CREATE EXTENSION cxmetrics;
ALTER ROLE smith SET statement_timeout = '2s';

CREATE TABLE ratings (id integer, rating integer, scale text, day date, weight bigint);
INSERT INTO ratings
  SELECT i, CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7) % 13 - 1 END,
         (ARRAY['nps', 'csat5', 'ces7', 'csat', '1..5/4..5/1..2/share', '-3..3/2..3/-3..-2/net',
                'bogus', NULL])[1 + i % 8],
         date '2026-01-01' + i % 40,
         (ARRAY[1, 250, 4294967295, 0, -3, 4294967296, NULL, 70000])[1 + i % 8 * 7 % 8]
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

CREATE TABLE wstates (id integer, state cxm_wacc, scale text);
INSERT INTO wstates (id, state, scale) VALUES
  (1, 'nps[6:1/40/1600,9:2/150/12500]', 'nps'), (2, 'nps[]', 'nps'), (3, 'csat5[]', 'csat5'),
  (4, 'csat5[1:1/1/1,5:9/90/900]', 'csat'), (5, 'ces7[5:1/7/49]', 'ces7'),
  (6, 'ces7[1:2/2/2,7:2/8589934590/36893488130239234050]', 'ces'),
  (7, 'nps[10:4294967297/18446744073709551615/79228162495817593515539431425]', 'nps'),
  (8, 'nps[0:9223372036854775808/9223372036854775808/9223372036854775808]', 'nps'),
  (9, '-3..3/2..3/-3..-2/net[-3:1/5/25,3:3/3/3]', '-3..3/2..3/-3..-2/net'),
  (10, NULL, NULL), (11, 'neteasy7[1:2/3/5,7:3/30/300]', 'neteasy7');

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
INSERT INTO blobs SELECT 500 + id, state::bytea FROM wstates WHERE state IS NOT NULL;
INSERT INTO blobs SELECT 600 + id, substr(state::bytea, 1, octet_length(state::bytea) - 1 - id % 5)
  FROM wstates WHERE state IS NOT NULL;
INSERT INTO blobs SELECT 700 + id, set_bit(state::bytea, id * 11, 1 - get_bit(state::bytea, id * 11))
  FROM wstates WHERE state IS NOT NULL;
INSERT INTO blobs VALUES (800, '\x43584d57');

CREATE TABLE daily AS
  SELECT day, cxm_acc_agg(rating, 'nps') AS state FROM ratings
  WHERE scale = 'nps' AND rating BETWEEN 0 AND 10 GROUP BY day;
CREATE TABLE wdaily AS
  SELECT day, cxm_wacc_agg(rating, weight, 'nps') AS state FROM ratings
  WHERE scale = 'nps' AND rating BETWEEN 0 AND 10 AND weight BETWEEN 1 AND 4294967295 GROUP BY day;
CREATE TABLE texts (id integer, txt text);
INSERT INTO texts SELECT id, state::text FROM states;
INSERT INTO texts SELECT 50 + id, state::text FROM wstates;
INSERT INTO texts VALUES (100, 'nps{'), (101, 'nps{11:1}'), (102, 'NPS{}'), (103, 'nps{9:0}'),
  (104, 'nps{9:18446744073709551616}'), (105, ''), (106, 'x'), (107, 'nps[9:2/1/1]'),
  (108, 'nps[9:1/1/1,'), (109, 'nps[9:1/4294967296/18446744073709551616]');

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO smith;
