-- Weighted states (cxm_wacc) against references from outside the extension:
-- docs/format.md's worked encoding, sums recomputed in plain SQL (numeric),
-- R's survey package (tests/reference/weighted_cases.h, read here as the C
-- suite reads it), and a revenue-weighted NPS worked by hand and by Python's
-- fractions.

-- ---- the type -------------------------------------------------------------------

-- docs/format.md, "Weighted accumulators", worked example: one 6 of weight 40
-- and two 9s of weights 100 and 50.
SELECT '\x43584d5701000000000a000000090000000a00000000000000060000000202060102022800c00c960100d46192b02e19'::bytea::cxm_wacc
       AS from_format_md;
SELECT 'nps[6:1/40/1600,9:2/150/12500]'::cxm_wacc::bytea
       = '\x43584d5701000000000a000000090000000a00000000000000060000000202060102022800c00c960100d46192b02e19'::bytea
       AS same_bytes;
-- The canonical text: scales by their preset names (aliases included), the
-- empty state, and the largest sums: 2^32 + 1 responses of weight 2^32 - 1
-- weigh 2^64 - 1, their squares (2^64 - 1)(2^32 - 1).
SELECT 'csat[5:2/30/500]'::cxm_wacc, '1..7/5..7/1..3/mean[]'::cxm_wacc,
       'nps[10:4294967297/18446744073709551615/79228162495817593515539431425]'::cxm_wacc;
SELECT s::cxm_wacc::text = s AS exact
FROM (VALUES ('nps[]'), ('csat5[1:1/1/1,5:3/10/34]'), ('-3..3/2..3/-3..-2/net[-3:1/7/49,3:2/3/5]'),
             ('nps[10:4294967297/18446744073709551615/79228162495817593515539431425]')) v(s);
-- Binary COPY and text COPY round trips.
CREATE TABLE wstates (id int, state cxm_wacc);
INSERT INTO wstates VALUES (1, 'nps[6:1/40/1600,9:2/150/12500]'), (2, 'csat5[]'),
  (3, 'nps[10:4294967297/18446744073709551615/79228162495817593515539431425]');
\copy wstates TO 'tests/results/wstates.bin' WITH (FORMAT binary)
CREATE TABLE wstates_back (LIKE wstates);
\copy wstates_back FROM 'tests/results/wstates.bin' WITH (FORMAT binary)
\copy wstates TO 'tests/results/wstates.txt'
\copy wstates_back FROM 'tests/results/wstates.txt'
SELECT count(*) AS copies, count(*) FILTER (WHERE b.state = w.state) AS equal
FROM wstates w JOIN wstates_back b USING (id);

-- ---- the aggregates against plain SQL ------------------------------------------

-- The sample answers with a weight each (an account's revenue, 1 to 5000;
-- every 53rd weight missing).
CREATE TABLE weighted AS
  SELECT id, segment, metric, rating, answered_at,
         CASE WHEN id % 53 = 0 THEN NULL ELSE (id * 7919) % 5000 + 1 END AS weight
  FROM answers;
SELECT count(*) AS rows, count(rating) AS ratings, count(weight) AS weights,
       count(*) FILTER (WHERE rating IS NOT NULL AND weight IS NOT NULL) AS responses
FROM weighted;

-- Per metric and segment: n, W exactly, the weighted headline sum(w y) / W,
-- Kish's n_eff = W^2 / Q, and the linearized standard error
-- sqrt(n / (n - 1) * sum(w^2 (y - theta)^2) / W^2) of R's svymean, here in
-- numeric over the responses themselves (y: 100 in the positive band, -100 in
-- the negative one for NPS; 100 or 0 for CSAT; the rating for CES).
CREATE TABLE by_sql AS
  WITH r AS (
    SELECT metric, segment, rating, weight::numeric AS w,
           CASE metric WHEN 'nps' THEN CASE WHEN rating >= 9 THEN 100 WHEN rating <= 6 THEN -100 ELSE 0 END
                       WHEN 'csat' THEN CASE WHEN rating >= 4 THEN 100 ELSE 0 END
                       ELSE rating END::numeric AS y
    FROM weighted WHERE rating IS NOT NULL AND weight IS NOT NULL
  ), t AS (
    SELECT metric, segment, count(*) AS n, sum(w) AS w, sum(w * w) AS q, sum(w * y) / sum(w) AS theta
    FROM r GROUP BY 1, 2
  )
  SELECT t.metric, t.segment, t.n, t.w, t.theta, t.w * t.w / t.q AS n_effective,
         sqrt(t.n::numeric / (t.n - 1) * sum(r.w * r.w * (r.y - t.theta) ^ 2) / (t.w * t.w)) AS se
  FROM t JOIN r USING (metric, segment) GROUP BY t.metric, t.segment, t.n, t.w, t.q, t.theta;
CREATE TABLE by_cxm AS
  SELECT metric, segment, cxm_wacc_agg(rating, weight, scale) AS state,
         cxm_acc_agg(rating, scale) FILTER (WHERE weight IS NOT NULL) AS unweighted
  FROM weighted JOIN surveys USING (metric) GROUP BY 1, 2;
SELECT metric, count(*) AS segments,
       bool_and(cxm_n(c.state) = s.n) AS n,
       bool_and(cxm_weight(c.state) = s.w) AS weight,
       bool_and(abs(cxm_score(c.state) - s.theta) <= 1e-12 * abs(s.theta)) AS score,
       bool_and(abs(cxm_n_effective(c.state) - s.n_effective) <= 1e-12 * s.n_effective) AS n_effective,
       bool_and(abs((cxm_interval(c.state)).se - s.se) <= 1e-12 * s.se) AS se,
       bool_and(cxm_unweighted(c.state) = c.unweighted) AS unweighted
FROM by_cxm c JOIN by_sql s USING (metric, segment) GROUP BY metric ORDER BY metric;
-- Rows with a NULL rating or weight are skipped; a group with none is NULL,
-- as for cxm_acc_agg; cxm_merge_agg of stored empty states is empty.
SELECT cxm_wacc_agg(r, w, 'nps') IS NULL AS all_skipped
FROM (VALUES (NULL::int, 5::bigint), (9, NULL)) v(r, w);
SELECT cxm_wacc_agg(r, w, 'nps') FROM (VALUES (NULL::int, 5::bigint), (9, 7), (9, NULL)) v(r, w);
SELECT cxm_merge_agg(s) FROM (VALUES ('nps[]'::cxm_wacc), ('nps[]')) v(s);
SELECT cxm_merge_agg(state) IS NULL AS no_rows FROM wstates WHERE false;

-- A revenue-weighted NPS by hand (tests/reference/weighted.R, sample
-- "revenue"): promoters weigh 120 + 450 + 80 + 40 + 200 + 75 = 965,
-- detractors 900 + 25 = 925, passives 60 + 300 = 360; W = 2250, so NPS =
-- 100 (965 - 925) / 2250 = 16/9 and n_eff = 2250^2 / 1174750 = 20250/4699
-- (Python: Fraction(100 * 40, 2250), Fraction(2250**2, 1174750)).
SELECT cxm_score(s) = 16 / 9::float8 AS nps_16_9, cxm_n_effective(s) = 20250 / 4699::float8 AS n_eff,
       cxm_weight(s), cxm_n(s), cxm_unweighted(s)
FROM (SELECT cxm_wacc_agg(r, w, 'nps') AS s
      FROM (VALUES (10, 120), (9, 450), (9, 80), (8, 60), (7, 300), (6, 900), (10, 40), (3, 25),
                   (9, 200), (10, 75)) v(r, w)) a;

-- ---- R's survey package -------------------------------------------------------
-- tests/reference/weighted_cases.h, generated by tests/reference/weighted.R:
-- samples of {rating, weight}, and svyciprop / svymean / confint results on
-- them. Each value within 1e-9 (relative, or absolute below 1), as the C
-- suite checks them; survey's logit fit within 1e-7.
CREATE TABLE reference_lines (n serial, line text);
\copy reference_lines (line) FROM '../../tests/reference/weighted_cases.h'
CREATE FUNCTION near(got float8, want float8, tolerance float8) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS 'SELECT abs(got - want) <= tolerance * greatest(1, abs(want))';
-- The library's name of a C constant: CXM_METHOD_CLOPPER_PEARSON is
-- clopper-pearson, CXM_PRESET_CSAT_5 is csat5.
CREATE FUNCTION c_name(constant text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN constant LIKE 'CXM_PRESET_%' THEN lower(replace(substr(constant, 12), '_', ''))
              ELSE lower(replace(regexp_replace(constant, '^CXM_[A-Z]+_', ''), '_', '-')) END $$;
CREATE TABLE r_samples AS
  SELECT row_number() OVER (ORDER BY n) - 1 AS sample, m[1] AS name, c_name(m[2]) AS scale
  FROM reference_lines, regexp_match(line, '^\s+\{"(\w+)", (CXM_PRESET_\w+), sample_\w+, \d+\},?$') m
  WHERE m IS NOT NULL;
CREATE TABLE r_states AS
  SELECT s.sample, s.name, cxm_wacc_agg(m[1]::int, m[2]::bigint, s.scale) AS state
  FROM reference_lines r
  CROSS JOIN LATERAL regexp_match(r.line, '^\s+\{(-?\d+), (\d+)\},?$') m
  CROSS JOIN LATERAL (SELECT (regexp_match(h.line, 'sample_(\w+)\[\]'))[1] AS name
                      FROM reference_lines h
                      WHERE h.n < r.n AND h.line LIKE 'static const weighted_response sample_%'
                      ORDER BY h.n DESC LIMIT 1) owner
  JOIN r_samples s USING (name)
  WHERE m IS NOT NULL
  GROUP BY s.sample, s.name;
SELECT sample, name, cxm_n(state) AS n, cxm_weight(state) AS weight FROM r_states ORDER BY sample;

CREATE TABLE r_intervals AS
  SELECT m[1]::int AS sample, c_name(m[2]) AS quantity, c_name(m[3]) AS method,
         m[4]::float8 AS confidence, m[5]::float8 AS estimate, m[6]::float8 AS se,
         m[7]::float8 AS low, m[8]::float8 AS high
  FROM reference_lines,
       regexp_match(line, '^\s+\{(\d+), (CXM_QUANTITY_\w+), (CXM_METHOD_\w+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+)\},?$') m
  WHERE m IS NOT NULL;
SELECT r.method, count(*) AS cases,
       count(*) FILTER (WHERE near(i.estimate, r.estimate, 1e-9) AND near(i.se, r.se, 1e-9)
                          AND near(i.low, r.low, 1e-9) AND near(i.high, r.high, 1e-9)) AS within_1e_9
FROM r_intervals r JOIN r_states USING (sample),
     cxm_interval(state, r.quantity, r.method, r.confidence) i
GROUP BY r.method ORDER BY r.method;

CREATE TABLE r_logit AS
  SELECT m[1]::int AS sample, c_name(m[2]) AS quantity, m[3]::float8 AS confidence,
         m[4]::float8 AS low, m[5]::float8 AS high
  FROM reference_lines,
       regexp_match(line, '^\s+\{(\d+), (CXM_QUANTITY_\w+), ([^,]+), ([^,]+), ([^,]+)\},?$') m
  WHERE m IS NOT NULL;
SELECT count(*) AS logit_cases,
       count(*) FILTER (WHERE near(i.low, r.low, 1e-7) AND near(i.high, r.high, 1e-7)) AS within_1e_7
FROM r_logit r JOIN r_states USING (sample),
     cxm_interval(state, r.quantity, 'logit', r.confidence) i;

CREATE TABLE r_compare AS
  SELECT m[1]::int AS a, m[2]::int AS b, c_name(m[3]) AS quantity, m[4]::float8 AS confidence,
         m[5]::float8 AS difference, m[6]::float8 AS se, m[7]::float8 AS statistic,
         m[8]::float8 AS df, m[9]::float8 AS p_value, m[10]::float8 AS low, m[11]::float8 AS high
  FROM reference_lines,
       regexp_match(line, '^\s+\{(\d+), (\d+), (CXM_QUANTITY_\w+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+)\},?$') m
  WHERE m IS NOT NULL;
SELECT count(*) AS comparisons,
       count(*) FILTER (WHERE near(c.difference, r.difference, 1e-9) AND near(c.se, r.se, 1e-9)
                          AND near(c.statistic, r.statistic, 1e-9) AND near(c.df, r.df, 1e-9)
                          AND near(c.p_value, r.p_value, 1e-9) AND near(c.low, r.low, 1e-9)
                          AND near(c.high, r.high, 1e-9)) AS within_1e_9,
       min(c.method) AS method
FROM r_compare r JOIN r_states sa ON sa.sample = r.a JOIN r_states sb ON sb.sample = r.b,
     cxm_compare(sa.state, sb.state, r.quantity, 'default', r.confidence) c;

CREATE TABLE r_spread AS
  SELECT m[1]::int AS sample, m[2]::float8 AS stddev, m[3]::float8 AS n_effective
  FROM reference_lines, regexp_match(line, '^\s+\{(\d+), ([^,{}]+), ([^,{}]+)\},?$') m
  WHERE m IS NOT NULL AND n > (SELECT n FROM reference_lines WHERE line LIKE '%weighted_spread_cases%');
SELECT count(*) AS snapshots,
       count(*) FILTER (WHERE near((cxm_snapshot(state)).stddev, r.stddev, 1e-9)
                          AND near(cxm_n_effective(state), r.n_effective, 1e-9)) AS within_1e_9
FROM r_spread r JOIN r_states USING (sample);

-- ---- results and names ---------------------------------------------------------

-- The snapshot of the "revenue" sample: counts are responses, shares weighted,
-- weight_total W, n_effective W^2 / Q; the headline's interval is the
-- weighted default (Wald for net).
SELECT (cxm_snapshot(state)).* FROM r_states WHERE name = 'revenue';
-- An empty state has no weights: weight_total and n_effective are NULL, as
-- every undefined number is, never 0 (docs/sql.md "Statistics"), for either
-- type; cxm_weight, an exact sum, is 0 and cxm_n_effective NULL.
SELECT 'cxm_wacc' AS type, s.n, s.weight_total, s.n_effective, s.weight_total IS NULL AS w_null,
       s.n_effective IS NULL AS n_eff_null
FROM cxm_snapshot('nps[]'::cxm_wacc) s
UNION ALL
SELECT 'cxm_acc', s.n, s.weight_total, s.n_effective, s.weight_total IS NULL,
       s.n_effective IS NULL
FROM cxm_snapshot('nps{}'::cxm_acc) s;
SELECT cxm_weight('nps[]'::cxm_wacc) AS weight, cxm_n_effective('nps[]'::cxm_wacc) IS NULL AS n_effective_null;
-- Methods resolve from the weighted table: shares default to Korn-Graubard
-- (clopper-pearson), net to wald, the mean to t; logit for shares.
SELECT i.quantity, i.method
FROM r_states, unnest(ARRAY['headline', 'positive-share', 'negative-share', 'net', 'mean']) q,
     cxm_interval(state, q) i
WHERE name = 'revenue';
SELECT c.quantity, c.method FROM r_states, cxm_compare(state, state, 'positive-share') c
WHERE name = 'revenue';
-- Undefined for the sample: one response, a share of 0 by logit, two samples
-- without spread; the row names what was asked, resolved, with the observed
-- value.
SELECT * FROM cxm_interval('nps[9:1/5/25]'::cxm_wacc);
SELECT * FROM cxm_interval('nps[9:1/5/25,10:1/2/4]'::cxm_wacc, 'negative-share', 'logit');
SELECT * FROM cxm_interval('nps[]'::cxm_wacc, 'mean');
SELECT * FROM cxm_compare('nps[9:2/5/13]'::cxm_wacc, 'nps[6:3/3/3]'::cxm_wacc);
SELECT * FROM cxm_compare('nps[9:1/5/25]'::cxm_wacc, 'nps[9:2/5/13]'::cxm_wacc, 'mean');

-- ---- operators, equality and both forms ----------------------------------------

SELECT 'nps[9:1/5/25]'::cxm_wacc + 'nps[0:1/1/1,9:1/2/4]' AS merged,
       'nps[0:1/1/1,9:2/7/29]'::cxm_wacc - 'nps[9:1/2/4]' AS subtracted,
       'nps[9:1/5/25]'::cxm_wacc = 'nps[9:1/5/25]' AS equal,
       'nps[9:1/5/25]'::cxm_wacc <> 'nps[9:1/4/16]' AS unequal;
-- An aggregate without a final function leaves its state in the sums form
-- (40 bytes and 32 per rating); every function reads it, and = and the hash
-- treat it as its encoding.
CREATE AGGREGATE wacc_sums(integer, bigint, text) (SFUNC = cxm_wacc_agg_sfunc, STYPE = cxm_wacc);
CREATE TABLE forms AS
  SELECT metric, wacc_sums(rating, weight, scale) AS sums, cxm_wacc_agg(rating, weight, scale) AS encoded
  FROM weighted JOIN surveys USING (metric) GROUP BY metric;
SELECT metric, pg_column_size(sums) AS sums_bytes, pg_column_size(encoded) AS encoded_bytes,
       sums = encoded AS equal, sums::text = encoded::text AS same_text,
       sums::bytea = encoded::bytea AS same_bytes,
       cxm_wacc_hash(sums) = cxm_wacc_hash(encoded) AS same_hash,
       cxm_score(sums) = cxm_score(encoded) AS same_score
FROM forms ORDER BY metric;
-- Sums beyond 64 bits in the sums form: three weights of 2^32 - 1 square to
-- 3 (2^32 - 1)^2 = 55340232195358851075.
SELECT wacc_sums(r, 4294967295, 'nps')::text AS sums_form,
       wacc_sums(r, 4294967295, 'nps') = cxm_wacc_agg(r, 4294967295, 'nps') AS equal
FROM (VALUES (10), (10), (10), (9)) v(r);
-- GROUP BY, DISTINCT and a hash join on weighted states (the hash opclass).
SET enable_sort = off;
SELECT count(*) AS groups FROM (SELECT s FROM (SELECT sums AS s FROM forms UNION ALL SELECT encoded FROM forms) u GROUP BY s) g;
SELECT count(*) AS distinct_states
FROM (SELECT DISTINCT s FROM (SELECT encoded AS s FROM forms UNION ALL SELECT sums FROM forms) u) d;
RESET enable_sort;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM forms a JOIN forms b ON a.sums = b.encoded;
SELECT count(*) AS joined FROM forms a JOIN forms b ON a.sums = b.encoded;
RESET enable_mergejoin;
RESET enable_nestloop;
-- The roll-up of the segments' weighted states is the whole metric's.
SELECT cxm_merge_agg(state) = (SELECT cxm_wacc_agg(rating, weight, 'nps') FROM weighted WHERE metric = 'nps')
       AS rollup_equal
FROM by_cxm WHERE metric = 'nps';

-- ---- windows -----------------------------------------------------------------------

-- A 50-response trailing frame of raw responses: the state equals the frame
-- recomputed, and its score the frame's weighted NPS in plain SQL (window sums
-- of the weights).
WITH w AS (
  SELECT id, cxm_wacc_agg(rating, weight, 'nps') OVER f AS state,
         100 * (coalesce(sum(weight) FILTER (WHERE rating >= 9) OVER f, 0)
                - coalesce(sum(weight) FILTER (WHERE rating <= 6) OVER f, 0))::float8
             / sum(weight) FILTER (WHERE rating IS NOT NULL) OVER f AS nps
  FROM weighted WHERE metric = 'nps'
  WINDOW f AS (ORDER BY id ROWS 49 PRECEDING)
)
SELECT count(*) AS rows,
       count(*) FILTER (WHERE w.state = (SELECT cxm_wacc_agg(rating, weight, 'nps') FROM
           (SELECT rating, weight FROM weighted a WHERE metric = 'nps' AND a.id <= w.id
            ORDER BY id DESC LIMIT 50) f)) AS equal_state,
       count(*) FILTER (WHERE abs(cxm_score(w.state) - w.nps) <= 1e-9) AS equal_score
FROM w;
-- Daily weighted states over a trailing week (RANGE counts calendar days).
CREATE TABLE wdays AS
  SELECT left(answered_at, 10)::date AS day, cxm_wacc_agg(rating, weight, 'nps') AS state
  FROM weighted WHERE metric = 'nps' GROUP BY 1;
WITH w AS (
  SELECT day, cxm_merge_agg(state) OVER (ORDER BY day RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW) AS state
  FROM wdays
)
SELECT count(*) AS days,
       count(*) FILTER (WHERE w.state = (SELECT cxm_wacc_agg(rating, weight, 'nps') FROM weighted
                                          WHERE metric = 'nps'
                                            AND left(answered_at, 10)::date BETWEEN w.day - 6 AND w.day)) AS equal
FROM w;
-- A frame of skipped rows only is NULL.
SELECT i, cxm_wacc_agg(r, w, 'nps') OVER (ORDER BY i ROWS 1 PRECEDING)
FROM (VALUES (1, 9, 3), (2, NULL, 4), (3, 7, NULL), (4, 10, 2)) v(i, r, w);
-- The inverse at work, as for cxm_acc (windows.sql): a frame 40 times longer
-- costs about the same, a copy without MINVFUNC about 40 times more.
CREATE AGGREGATE wmerge_no_inverse(cxm_wacc) (SFUNC = cxm_merge, STYPE = cxm_wacc);
CREATE TABLE wseries AS
  SELECT i, format('nps[%s:1/%s/%s]', i % 11, i % 97 + 1, (i % 97 + 1) ^ 2)::cxm_wacc AS state
  FROM generate_series(1, 2000) i;
CREATE FUNCTION wframe_ratio(agg text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; short_frame float8; long_frame float8;
BEGIN
  t0 := clock_timestamp();
  EXECUTE format('SELECT count(x) FROM (SELECT %s(state) OVER (ORDER BY i ROWS 5 PRECEDING) x FROM wseries) s', agg);
  short_frame := extract(epoch FROM clock_timestamp() - t0);
  t0 := clock_timestamp();
  EXECUTE format('SELECT count(x) FROM (SELECT %s(state) OVER (ORDER BY i ROWS 200 PRECEDING) x FROM wseries) s', agg);
  long_frame := extract(epoch FROM clock_timestamp() - t0);
  RETURN long_frame / short_frame;
END $$;
SELECT wframe_ratio('cxm_merge_agg') < 3 AS frame_length_free,
       wframe_ratio('wmerge_no_inverse') > 10 AS control_grows_with_frame;

-- ---- parallel plans ----------------------------------------------------------------

CREATE TABLE wmany AS
  SELECT i, i % 10 AS g, CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 7919) % 11 END AS rating,
         CASE WHEN i % 89 = 0 THEN NULL ELSE (i::bigint * 104729) % 100000 + 1 END AS weight
  FROM generate_series(1, 100000) i;
ANALYZE wmany;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE wserial AS
  SELECT cxm_wacc_agg(rating, weight, 'nps') AS state,
         cxm_merge_agg(format('nps[%s:1/%s/%s]', rating, weight, weight * weight)::cxm_wacc) AS merged
  FROM wmany WHERE rating IS NOT NULL AND weight IS NOT NULL;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT * FROM plan_shape($$SELECT cxm_wacc_agg(rating, weight, 'nps') FROM wmany$$);
SELECT p.state = s.state AS state, p.merged = s.state AS merged, cxm_n(p.state)
FROM wserial s,
     (SELECT cxm_wacc_agg(rating, weight, 'nps') AS state,
             cxm_merge_agg(format('nps[%s:1/%s/%s]', rating, weight, weight * weight)::cxm_wacc) AS merged
      FROM wmany WHERE rating IS NOT NULL AND weight IS NOT NULL) p;
SELECT * FROM plan_shape($$SELECT g, cxm_wacc_agg(rating, weight, 'nps') FROM wmany GROUP BY g$$);
SELECT count(*) AS groups, bool_and(abs(cxm_score(p.state) - s.nps) <= 1e-9) AS equal
FROM (SELECT g, cxm_wacc_agg(rating, weight, 'nps') AS state FROM wmany GROUP BY g) p
JOIN (SELECT g, 100.0 * (sum(weight) FILTER (WHERE rating >= 9) - sum(weight) FILTER (WHERE rating <= 6))
             / sum(weight) FILTER (WHERE rating IS NOT NULL) AS nps FROM wmany GROUP BY g) s USING (g);
RESET ALL;

-- ---- errors -------------------------------------------------------------------------

SELECT e AS statement, sqlstate_of(e) AS result FROM unnest(ARRAY[
  -- weights outside 1..4294967295 (22003), naming the value
  $$SELECT cxm_wacc_agg(9, 0, 'nps')$$,
  $$SELECT cxm_wacc_agg(9, -5, 'nps')$$,
  $$SELECT cxm_wacc_agg(9, 4294967296, 'nps')$$,
  -- a rating outside the scale (22003), a NULL scale (22004), an invalid one
  -- (22P02), two scales in one group (22023)
  $$SELECT cxm_wacc_agg(11, 1, 'nps')$$,
  $$SELECT cxm_wacc_agg(9, 1, NULL)$$,
  $$SELECT cxm_wacc_agg(9, 1, 'nps7')$$,
  $$SELECT cxm_wacc_agg(r, 1, s) FROM (VALUES (5, 'csat5'), (5, 'nps')) v(r, s)$$,
  -- text refused by the parser (22P02): an accumulator's braces, a zero
  -- count, sums no weights can make (W < c, Q > W (2^32 - 1), W^2 > c Q), a
  -- rating outside the scale, trailing text
  $$SELECT 'nps{9:1}'::cxm_wacc$$,
  $$SELECT 'nps[9:0/0/0]'::cxm_wacc$$,
  $$SELECT 'nps[9:2/1/1]'::cxm_wacc$$,
  $$SELECT 'nps[9:1/2/8589934591]'::cxm_wacc$$,
  $$SELECT 'nps[9:2/10/49]'::cxm_wacc$$,
  $$SELECT 'nps[11:1/1/1]'::cxm_wacc$$,
  $$SELECT 'nps[9:1/1/1] '::cxm_wacc$$,
  -- bytes refused by the decoder (22P02): a cxm_acc's encoding, a truncated
  -- or damaged one
  $$SELECT 'nps{9:1}'::cxm_acc::bytea::cxm_wacc$$,
  $$SELECT substr('nps[9:1/5/25]'::cxm_wacc::bytea, 1, 20)::cxm_wacc$$,
  $$SELECT overlay('nps[9:1/5/25]'::cxm_wacc::bytea placing '\x07' from 33)::cxm_wacc$$,
  -- kinds never mix: no operator or function takes one of each (42883)
  $$SELECT 'nps[9:1/5/25]'::cxm_wacc + 'nps{9:1}'::cxm_acc$$,
  $$SELECT cxm_compare('nps[9:1/5/25]'::cxm_wacc, 'nps{9:1}'::cxm_acc)$$,
  -- merge or compare of different scales (22023); subtracting more than there
  -- is, or leaving sums no weights can make (22003)
  $$SELECT 'nps[9:1/5/25]'::cxm_wacc + 'csat5[5:1/5/25]'$$,
  $$SELECT cxm_merge_agg(s) FROM (VALUES ('nps[]'::cxm_wacc), ('csat5[]')) v(s)$$,
  $$SELECT cxm_compare('nps[9:2/5/13]'::cxm_wacc, 'csat5[5:2/5/13]')$$,
  $$SELECT 'nps[9:1/5/25]'::cxm_wacc - 'nps[9:1/4/16]'$$,
  $$SELECT 'nps[9:2/5/13]'::cxm_wacc - 'nps[9:1/1/1]'$$,
  -- weights summing beyond 2^64 - 1 (22003); a count read out beyond bigint (22003)
  $$SELECT 'nps[10:4294967297/18446744073709551615/79228162495817593515539431425]'::cxm_wacc + 'nps[0:1/1/1]'$$,
  $$SELECT cxm_n('nps[10:9223372036854775808/9223372036854775808/9223372036854775808]'::cxm_wacc)$$,
  -- unknown names, a method the weighted table does not have for the
  -- quantity, confidences outside (0, 1) (22023)
  $$SELECT cxm_interval('nps[9:2/5/13]'::cxm_wacc, 'share')$$,
  $$SELECT cxm_interval('nps[9:2/5/13]'::cxm_wacc, 'headline', 'adjusted-wald')$$,
  $$SELECT cxm_interval('nps[9:2/5/13]'::cxm_wacc, 'positive-share', 'wilson')$$,
  $$SELECT cxm_interval('nps[9:2/5/13]'::cxm_wacc, 'net', 'logit')$$,
  $$SELECT cxm_compare('nps[9:2/5/13]'::cxm_wacc, 'nps[9:2/5/13]', 'positive-share', 'clopper-pearson')$$,
  $$SELECT cxm_interval('nps[9:2/5/13]'::cxm_wacc, 'headline', 'default', 1)$$,
  $$SELECT cxm_compare('nps[9:2/5/13]'::cxm_wacc, 'nps[9:2/5/13]', 'headline', 'default', 'NaN')$$,
  -- names and confidence are checked before the sample: even an empty state
  -- or a lone response refuses them, as the unweighted ones do
  $$SELECT cxm_interval('nps[]'::cxm_wacc, 'headline', 'default', 1)$$,
  $$SELECT cxm_interval('nps[9:1/5/25]'::cxm_wacc, 'mean', 'wald')$$,
  $$SELECT cxm_compare('nps[]'::cxm_wacc, 'nps[]', 'headline', 'default', 0)$$,
  $$SELECT cxm_interval('nps{}'::cxm_acc, 'headline', 'default', 1)$$,
  $$SELECT cxm_compare('nps{}'::cxm_acc, 'nps{}', 'positive-share', 'score')$$
]) e;
-- Errors leave a stored state as it was.
CREATE TABLE kept (state cxm_wacc);
INSERT INTO kept VALUES ('nps[9:2/5/13]');
SELECT sqlstate_of($$UPDATE kept SET state = state - 'nps[9:1/1/1]'$$) AS refused, state FROM kept;
-- A state no responses can make cannot be read, whatever made it: here an
-- aggregate that removes a response of weight 2 where one of weight 5 was
-- added leaves c = 0 beside W = 3 in its sums form.
CREATE AGGREGATE wacc_wrong(integer, bigint, text) (SFUNC = cxm_wacc_agg_minvfunc, STYPE = cxm_wacc,
                                                    INITCOND = 'nps[9:1/5/25]');
SELECT sqlstate_of($$SELECT cxm_n(wacc_wrong(9, 2, 'nps'))$$) AS corrupt,
       sqlstate_of($$SELECT wacc_wrong(9, 2, 'nps')::text$$) AS corrupt_text,
       sqlstate_of($$SELECT wacc_wrong(r, 2, 'nps') FROM (VALUES (9), (9)) v(r)$$) AS absent;
SELECT cxm_n('nps[9:2/5/13]'::cxm_wacc) AS still_answering;
