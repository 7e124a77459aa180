-- cxm_plan_sample_size: how many answers a survey needs for a Wald interval
-- of half_width at a confidence (include/cxmetrics.h, docs/statistics.md).

-- Worked by hand: the worst NPS variance is 100^2 (half promoters, half
-- detractors), so n = ceil(1.959964^2 * 100^2 / 5^2) = ceil(1536.58) = 1537;
-- among 2000 customers ceil(1537 / (1 + 1536 / 2000)) = ceil(869.34) = 870.
SELECT cxm_plan_sample_size('nps', NULL, 'headline', 0.95, 5) AS worst_case_nps,
       cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5, 2000) AS of_2000_customers,
       cxm_plan_sample_size('csat', NULL, 'headline', 0.95, 5) AS worst_case_csat;
-- From a pilot: last month's answers per team (a state), with the half-width
-- in the quantity's units (points for shares and net, ratings for the mean),
-- against plain SQL: ceil(z^2 sigma^2 / h^2) with z = qnorm(0.975) =
-- 1.959963984540054 (R), sigma^2 = 100^2 (p+ + p- - (p+ - p-)^2) for net and
-- the ratings' sample variance for the mean.
SELECT team, cxm_n(state) AS answered, round(cxm_score(state)::numeric, 1) AS nps,
       cxm_plan_sample_size('nps', state, 'headline', 0.95, 5) AS for_5_points,
       cxm_plan_sample_size('nps', state, 'headline', 0.95, 5)
         = ceil(1.959963984540054 ^ 2 * 100 ^ 2 * (pp + pn - (pp - pn) ^ 2) / 5 ^ 2) AS net_as_sql,
       cxm_plan_sample_size('nps', state, 'mean', 0.95, 0.25) AS for_a_quarter_rating,
       cxm_plan_sample_size('nps', state, 'mean', 0.95, 0.25)
         = ceil(1.959963984540054 ^ 2 * variance / 0.25 ^ 2) AS mean_as_sql
FROM (SELECT team, cxm_acc_agg(rating, 'nps') AS state,
             avg((rating >= 9)::int::float8) AS pp, avg((rating <= 6)::int::float8) AS pn,
             var_samp(rating)::float8 AS variance
      FROM responses WHERE metric = 'nps' AND rating IS NOT NULL
        AND answered_on >= date '2026-11-01' GROUP BY team) t
ORDER BY team;

-- R's values (tests/reference/plan.R, tests/reference/plan_cases.h, read as
-- the C suite reads it): {preset, has pilot, pilot counts from the scale's
-- first rating, quantity, confidence, half-width, population, n}.
CREATE TABLE plan_lines (n serial, line text);
\copy plan_lines (line) FROM '../../tests/reference/plan_cases.h'
CREATE TABLE plan_cases AS
  SELECT n AS id, lower(replace(substr(m[1], 12), '_', '')) AS scale, m[2] = '1' AS has_pilot,
         string_to_array(m[3], ', ')::bigint[] AS counts,
         lower(replace(substr(m[4], 14), '_', '-')) AS quantity, m[5]::float8 AS confidence,
         m[6]::float8 AS half_width, m[7]::bigint AS population, m[8]::bigint AS expected
  FROM plan_lines,
       regexp_match(line, '^\s+\{(CXM_PRESET_\w+), (\d), \{([\d, ]+)\}, (CXM_QUANTITY_\w+), ([^,]+), ([^,]+), (\d+), (\d+)\},') m
  WHERE m IS NOT NULL;
-- Each pilot as a state: count k of the i-th rating from the scale's first
-- (0 for NPS, 1 for every other preset).
CREATE TABLE plan_pilots AS
  SELECT id, cxm_acc_agg(c.ordinality::int - 1 + CASE WHEN scale = 'nps' THEN 0 ELSE 1 END, scale) AS state
  FROM plan_cases, unnest(counts) WITH ORDINALITY c, generate_series(1, c.c)
  WHERE has_pilot GROUP BY id;
SELECT count(*) AS cases, count(*) FILTER (WHERE p.has_pilot) AS with_pilot,
       count(*) FILTER (WHERE cxm_plan_sample_size(p.scale, s.state, p.quantity, p.confidence,
                                                   p.half_width, p.population) = p.expected) AS equal
FROM plan_cases p LEFT JOIN plan_pilots s USING (id);

-- NULL in any argument but the pilot is NULL, as in a strict function.
SELECT cxm_plan_sample_size(NULL, NULL, 'net', 0.95, 5) IS NULL AS scale,
       cxm_plan_sample_size('nps', NULL, NULL, 0.95, 5) IS NULL AS quantity,
       cxm_plan_sample_size('nps', NULL, 'net', NULL, 5) IS NULL AS confidence,
       cxm_plan_sample_size('nps', NULL, 'net', 0.95, NULL) IS NULL AS half_width,
       cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5, NULL) IS NULL AS population;
-- A pilot without answers (one, for a mean) shows no variance: NULL, as an
-- undefined number is.
SELECT cxm_plan_sample_size('nps', 'nps{}', 'net', 0.95, 5) IS NULL AS no_answers,
       cxm_plan_sample_size('nps', 'nps{9:1}', 'mean', 0.95, 0.1) IS NULL AS one_answer_mean,
       cxm_plan_sample_size('nps', 'nps{9:1}', 'net', 0.95, 5) AS one_answer_net;
-- A population smaller than the need is surveyed whole; all answers alike need 1.
SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5, 100) AS small_population,
       cxm_plan_sample_size('nps', 'nps{10:40}', 'net', 0.95, 5) AS no_variance;

SELECT e AS statement, sqlstate_of(e) AS result FROM unnest(ARRAY[
  $$SELECT cxm_plan_sample_size('nps10', NULL, 'net', 0.95, 5)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'score', 0.95, 5)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 1, 5)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 'NaN', 5)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 0)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, -5)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 0, 0)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.5, 'NaN')$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5, -1)$$,
  $$SELECT cxm_plan_sample_size('nps', 'csat5{5:3}', 'net', 0.95, 5)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5e-8)$$,
  $$SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 1e-10)$$
]) e;
