-- Functions reading states, against independent computations: plain SQL
-- over the same rows with the formulas of docs/statistics.md, and quantiles
-- from Python's mpmath (source in the comments).
CREATE TABLE survey_states AS
  SELECT a.metric, cxm_acc_agg(a.rating, s.scale) AS state
  FROM answers a JOIN surveys s USING (metric) GROUP BY 1;

-- cxm_n and cxm_score
SELECT metric, cxm_n(state), (SELECT count(rating) FROM answers a WHERE a.metric = t.metric) AS plain,
       round(cxm_score(state)::numeric, 10) AS score
FROM survey_states t ORDER BY metric;

-- cxm_snapshot: every field, against count FILTER, avg and stddev_samp.
SELECT metric, (cxm_snapshot(state)).* FROM survey_states ORDER BY metric \gx
SELECT t.metric,
  (x).n = count(a.rating) AS n,
  (x).positive = count(*) FILTER (WHERE a.rating >= CASE t.metric WHEN 'csat' THEN 4 WHEN 'nps' THEN 9 ELSE 5 END) AS positive,
  (x).negative = count(*) FILTER (WHERE a.rating <= CASE t.metric WHEN 'csat' THEN 2 WHEN 'nps' THEN 6 ELSE 3 END) AS negative,
  abs((x).mean - avg(a.rating)) < 1e-12 AS mean,
  abs((x).stddev - stddev_samp(a.rating)) < 1e-12 AS stddev,
  abs((x).net - ((x).positive_share - (x).negative_share)) < 1e-12 AS net
FROM (SELECT metric, cxm_snapshot(state) AS x FROM survey_states) t
JOIN answers a USING (metric) GROUP BY t.metric, t.x ORDER BY 1;

-- Wilson interval of the CSAT share (the default for shares):
--   centre = (x + z^2/2)/(n + z^2), half = z/(n + z^2) sqrt(x(n - x)/n + z^2/4)
-- z = qnorm(0.975) = 1.959963984540054 (R; mpmath: sqrt(2)*erfinv(0.95)).
WITH i AS (SELECT (cxm_interval(state)).* FROM survey_states WHERE metric = 'csat'),
     c AS (SELECT count(*) FILTER (WHERE rating >= 4)::float8 AS x, count(rating)::float8 AS n,
                  1.959963984540054::float8 AS z FROM answers WHERE metric = 'csat')
SELECT i.quantity, i.method, i.confidence,
  abs(i.low - 100 * ((x + z*z/2)/(n + z*z) - z/(n + z*z)*sqrt(x*(n - x)/n + z*z/4))) < 1e-9 AS low,
  abs(i.high - 100 * ((x + z*z/2)/(n + z*z) + z/(n + z*z)*sqrt(x*(n - x)/n + z*z/4))) < 1e-9 AS high,
  abs(i.se - 100 * sqrt(x/n*(1 - x/n)/n)) < 1e-9 AS se
FROM i, c;

-- Adjusted Wald interval of the NPS (Rocks 2016): pseudo-counts 0.75 each
-- side, n' = n + 3, centre p' - d', SE' = sqrt((p' + d' - (p' - d')^2)/n').
WITH i AS (SELECT (cxm_interval(state)).* FROM survey_states WHERE metric = 'nps'),
     c AS (SELECT (count(*) FILTER (WHERE rating >= 9) + 0.75)::float8 / (count(rating) + 3) AS p,
                  (count(*) FILTER (WHERE rating <= 6) + 0.75)::float8 / (count(rating) + 3) AS d,
                  (count(rating) + 3)::float8 AS n, 1.959963984540054::float8 AS z
           FROM answers WHERE metric = 'nps'),
     a AS (SELECT p - d AS centre, sqrt((p + d - (p - d)^2) / n) AS se, z FROM c)
SELECT i.quantity, i.method,
  abs(i.se - 100 * a.se) < 1e-9 AS se,
  abs(i.low - 100 * (centre - z * a.se)) < 1e-9 AS low,
  abs(i.high - 100 * (centre + z * a.se)) < 1e-9 AS high
FROM i, a;

-- Student t interval of the CES mean: n = 2364 ratings, so
-- t(0.975, 2363) = 1.960968413716424 (mpmath: root of betainc(2363/2, 1/2,
-- 0, 2363/(2363 + t^2), regularized)/2 = 0.025).
WITH i AS (SELECT (cxm_interval(state, 'mean', 't', 0.95)).* FROM survey_states WHERE metric = 'ces'),
     c AS (SELECT avg(rating)::float8 AS m, stddev_samp(rating)::float8 / sqrt(count(rating)) AS se,
                  count(rating) AS n FROM answers WHERE metric = 'ces')
SELECT n, i.quantity, i.method, abs(i.estimate - m) < 1e-12 AS estimate, abs(i.se - c.se) < 1e-12 AS se,
  abs(i.low - (m - 1.960968413716424 * c.se)) < 1e-9 AS low,
  abs(i.high - (m + 1.960968413716424 * c.se)) < 1e-9 AS high
FROM i, c;

-- Every method by its library name, at another confidence; names resolved.
SELECT metric, q, m, (cxm_interval(state, q, m, 0.9)).quantity, (cxm_interval(state, q, m, 0.9)).method,
       (cxm_interval(state, q, m, 0.9)).low < (cxm_interval(state, q, m, 0.9)).high AS ordered
FROM survey_states, (VALUES ('positive-share', 'wilson'), ('positive-share', 'wilson-cc'),
   ('positive-share', 'agresti-coull'), ('negative-share', 'clopper-pearson'),
   ('positive-share', 'wald'), ('net', 'adjusted-wald'), ('net', 'wald'), ('net', 'score'),
   ('mean', 't'), ('headline', 'default')) v(q, m)
WHERE metric = 'nps' ORDER BY q, m;

-- Undefined statistics: the row is there with names, confidence and the
-- observed estimate where defined, NULL elsewhere.
SELECT * FROM cxm_interval('nps{}');
SELECT * FROM cxm_interval('ces7{5:1}', 'mean');
SELECT (cxm_snapshot('ces7{5:1}')).*;
SELECT (cxm_snapshot('nps{}')).*;

-- cxm_compare: 70/100 against 60/100 satisfied gives z^2 = 2.1978 and
-- p = 0.13821 (R: prop.test(c(70, 60), c(100, 100), correct = FALSE);
-- docs/statistics.md).
SELECT quantity, method, confidence, round(difference::numeric, 10) AS difference,
       round((statistic ^ 2)::numeric, 4) AS z2,
       round(p_value::numeric, 5) AS p, df
FROM cxm_compare('csat5{1:30,5:70}', 'csat5{1:40,5:60}');
-- Welch t on the CES means of two channels against plain SQL:
-- t = (m1 - m2)/sqrt(s1^2/n1 + s2^2/n2).
WITH s AS (SELECT segment, cxm_acc_agg(rating, 'ces7') AS state, avg(rating)::float8 AS m,
                  var_samp(rating)::float8 / count(rating) AS v
           FROM answers WHERE metric = 'ces' GROUP BY segment)
SELECT c.quantity, c.method, abs(c.difference - (a.m - b.m)) < 1e-12 AS difference,
       abs(c.statistic - (a.m - b.m) / sqrt(a.v + b.v)) < 1e-9 AS statistic
FROM s a, s b, cxm_compare(a.state, b.state) c WHERE a.segment = 'chat' AND b.segment = 'phone';
-- Undefined comparisons: a mean of one rating each keeps its difference.
SELECT * FROM cxm_compare('ces7{5:1}', 'ces7{3:1}');
SELECT * FROM cxm_compare('nps{}', 'nps{10:1}');

-- cxm_counts lists nonzero counts only; cxm_add adds one rating, NULL stays NULL.
SELECT * FROM cxm_counts('nps{0:3,6:1,9:10,10:4}');
SELECT * FROM cxm_counts('nps{}');
-- The widest scale (101 ratings, cxmetrics.h) over a negative range: every
-- rating comes back once, -50 to 50 (generate_series is the independent count).
SELECT count(*), min(rating), max(rating), sum(count)
FROM cxm_counts((SELECT cxm_acc_agg(r, '-50..50/1..50/-50..-1/mean') FROM generate_series(-50, 50) r));
SELECT * FROM cxm_counts('-50..50/1..50/-50..-1/mean{-50:2,50:3}');
SELECT (cxm_snapshot('-50..50/1..50/-50..-1/net{-50:2,50:3}')).headline;
SELECT cxm_add('nps{9:1}', 10), cxm_add('nps{9:1}', NULL) IS NULL AS strict;
-- Counts beyond bigint are held, and refused when read out.
SELECT cxm_n('nps{10:9223372036854775807}'), cxm_score('nps{10:18446744073709551615}');

-- Jeffreys (1.2, by the library's name): the alpha/2 and 1 - alpha/2
-- quantiles of Beta(x + 1/2, n - x + 1/2), 0 at x = 0 and 100 at x = n. R:
--   100 * qbeta(c(a / 2, 1 - a / 2), x + 0.5, n - x + 0.5), a = 1 - confidence
-- gives the low and high below (17 digits).
SELECT r.x, r.n, r.confidence, i.method,
       abs(i.low - r.low) <= 1e-12 * greatest(1, r.low) AS low_ok,
       abs(i.high - r.high) <= 1e-12 * r.high AS high_ok
FROM (VALUES (7, 10, 0.95, 39.418168185132878, 90.73054060618469),
             (0, 12, 0.95, 0, 18.53059383124851),
             (12, 12, 0.95, 81.46940616875149, 100),
             (140, 200, 0.90, 64.479639226630198, 75.095651356453033),
             (1, 3, 0.99, 1.3045847581493548, 90.840697796940987)) r(x, n, confidence, low, high),
     cxm_interval(format('csat2{%s}', concat_ws(',', CASE WHEN r.n > r.x THEN '1:' || (r.n - r.x) END,
                                                     CASE WHEN r.x > 0 THEN '2:' || r.x END))::cxm_acc,
                  'positive-share', 'jeffreys', r.confidence) i
ORDER BY r.n, r.x;
