-- The recipes of README.md, verbatim (test.sh checks that every ```sql block
-- of the README appears here, in order), run against the sample data in
-- `responses` (setup.sql).

-- Recipe 1
SELECT team, cxm_n(state) AS answers, round(i.estimate::numeric, 1) AS nps,
       round(i.low::numeric, 1) AS low, round(i.high::numeric, 1) AS high
FROM (SELECT team, cxm_acc_agg(rating, 'nps') AS state
      FROM responses WHERE metric = 'nps' AND answered_on >= date '2026-11-01'
      GROUP BY team) g,
     cxm_interval(g.state) i
ORDER BY team;

-- Recipe 2
CREATE TABLE nps_daily (team text, day date, state cxm_acc NOT NULL, PRIMARY KEY (team, day));

INSERT INTO nps_daily
SELECT team, answered_on, cxm_acc_agg(rating, 'nps')
FROM responses WHERE metric = 'nps' AND rating IS NOT NULL
GROUP BY team, answered_on
ON CONFLICT (team, day) DO UPDATE SET state = nps_daily.state + EXCLUDED.state;

SELECT team, date_trunc('week', day)::date AS week, cxm_n(cxm_merge_agg(state)) AS answers,
       round(cxm_score(cxm_merge_agg(state))::numeric, 1) AS nps
FROM nps_daily WHERE team = 'chat' AND day < date '2026-06-29'
GROUP BY team, week ORDER BY week;

SELECT date_trunc('month', day)::date AS month, cxm_n(cxm_merge_agg(state)) AS answers,
       round(cxm_score(cxm_merge_agg(state))::numeric, 1) AS nps
FROM nps_daily GROUP BY month ORDER BY month;

-- Recipe 3
SELECT day, cxm_n(cxm_merge_agg(state) OVER last_30_days) AS answers,
       round(cxm_score(cxm_merge_agg(state) OVER last_30_days)::numeric, 1) AS nps_30_days
FROM (SELECT day, cxm_merge_agg(state) AS state FROM nps_daily GROUP BY day) d
WINDOW last_30_days AS (ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)
ORDER BY day DESC LIMIT 3;

-- Recipe 4
SELECT round(c.difference::numeric, 1) AS change, round(c.low::numeric, 1) AS low,
       round(c.high::numeric, 1) AS high, round(c.p_value::numeric, 3) AS p_value
FROM (SELECT cxm_merge_agg(state) FILTER (WHERE day >= date '2026-11-01') AS this_month,
             cxm_merge_agg(state) FILTER (WHERE day >= date '2026-10-01'
                                            AND day < date '2026-11-01') AS last_month
      FROM nps_daily) m,
     cxm_compare(m.this_month, m.last_month) c;

-- The weighted recipes read the helpdesk export the report's README uses
-- (examples/data/helpdesk-export.csv: one survey answer a line, each with its
-- account's annual revenue), as a table export(id, survey, score, agent,
-- submitted_on, arr). An answer counts on the calendar date its timestamp
-- carries, as for responses.
CREATE TEMP TABLE export_csv (id text, survey text, score text, agent text, channel text,
                              submitted_at text, arr text, comment text);
\copy export_csv FROM '../data/helpdesk-export.csv' WITH (FORMAT csv, DELIMITER ';', HEADER)
CREATE TABLE export AS
  SELECT id::int AS id, lower(survey) AS survey, nullif(score, '')::int AS score,
         nullif(agent, '') AS agent, left(submitted_at, 10)::date AS submitted_on,
         arr::bigint AS arr
  FROM export_csv;
SELECT survey, count(*) AS answers, count(score) AS scores, min(arr), max(arr)
FROM export GROUP BY survey ORDER BY survey;

-- Recipe 5
SELECT to_char(month, 'YYYY-MM') AS month, cxm_n(state) AS answers,
       round(cxm_n_effective(state)::numeric) AS n_effective,
       round(cxm_score(cxm_unweighted(state))::numeric, 1) AS nps,
       round(i.estimate::numeric, 1) AS revenue_nps, round(i.low::numeric, 1) AS low,
       round(i.high::numeric, 1) AS high
FROM (SELECT date_trunc('month', submitted_on) AS month, cxm_wacc_agg(score, arr, 'nps') AS state
      FROM export WHERE survey = 'nps' AND submitted_on >= date '2026-06-01'
      GROUP BY 1) m,
     cxm_interval(m.state) i
ORDER BY month;

-- Recipe 6
CREATE TABLE nps_revenue_daily (agent text, day date, state cxm_wacc NOT NULL,
                                PRIMARY KEY (agent, day));

INSERT INTO nps_revenue_daily
SELECT agent, submitted_on, cxm_wacc_agg(score, arr, 'nps')
FROM export WHERE survey = 'nps' AND agent IS NOT NULL AND score IS NOT NULL
GROUP BY agent, submitted_on
ON CONFLICT (agent, day) DO UPDATE SET state = nps_revenue_daily.state + EXCLUDED.state;

SELECT agent, round(c.difference::numeric, 1) AS change, round(c.low::numeric, 1) AS low,
       round(c.high::numeric, 1) AS high, round(c.p_value::numeric, 3) AS p_value
FROM (SELECT agent,
             cxm_merge_agg(state) FILTER (WHERE day >= date '2026-11-01'
                                            AND day < date '2026-12-01') AS this_month,
             cxm_merge_agg(state) FILTER (WHERE day >= date '2026-10-01'
                                            AND day < date '2026-11-01') AS last_month
      FROM nps_revenue_daily GROUP BY agent) m,
     cxm_compare(m.this_month, m.last_month) c
ORDER BY agent;

-- Recipe 7
SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5) AS worst_case,
       cxm_plan_sample_size('nps', cxm_merge_agg(state), 'net', 0.95, 5) AS from_november,
       cxm_plan_sample_size('nps', cxm_merge_agg(state), 'net', 0.95, 5, 2000) AS of_2000_customers
FROM nps_daily WHERE day >= date '2026-11-01';

-- Independent checks of the recipes' numbers: the roll-up's months equal
-- plain SQL over the raw rows, and the trailing window equals a recomputation.
SELECT date_trunc('month', answered_on)::date AS month, count(rating) AS answers,
       round(100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6))
             / count(rating), 1) AS nps
FROM responses WHERE metric = 'nps' GROUP BY 1 ORDER BY 1;
SELECT count(rating) AS answers,
       round(100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6))
             / count(rating), 1) AS nps_30_days
FROM responses WHERE metric = 'nps' AND answered_on BETWEEN date '2026-11-30' - 29 AND date '2026-11-30';

-- Recipes 5 and 6 against Python: examples/report/tests/expected_weighted.py
-- computes expected-export-weighted.csv from the same export with exact sums
-- (fractions) and mpmath quantiles, the design-based statistics of R's survey
-- package (Korn-Graubard, Wald-t, Welch-type comparisons).
CREATE TEMP TABLE python_weighted (metric text, segment text, period text, first_day date,
  last_day date, partial text, n bigint, n_effective float8, score float8, low float8,
  high float8, method text, positive bigint, neutral bigint, negative bigint, change float8,
  change_low float8, change_high float8, p_value float8, q float8, significant text);
\copy python_weighted FROM '../report/tests/expected-export-weighted.csv' WITH (FORMAT csv, HEADER)
SELECT count(*) AS months,
       count(*) FILTER (WHERE cxm_n(m.state) = p.n AND abs(cxm_n_effective(m.state) - p.n_effective) < 1e-9
                          AND abs(i.estimate - p.score) < 1e-9 AND abs(i.low - p.low) < 1e-9
                          AND abs(i.high - p.high) < 1e-9 AND i.method = p.method) AS equal
FROM (SELECT date_trunc('month', submitted_on) AS month, cxm_wacc_agg(score, arr, 'nps') AS state
      FROM export WHERE survey = 'nps' GROUP BY 1) m
     JOIN python_weighted p ON p.metric = 'nps' AND p.segment = '(all)'
                           AND p.period = to_char(m.month, 'YYYY-MM'),
     cxm_interval(m.state) i;
SELECT count(*) AS agents,
       count(*) FILTER (WHERE abs(c.difference - p.change) < 1e-9 AND abs(c.low - p.change_low) < 1e-9
                          AND abs(c.high - p.change_high) < 1e-9
                          AND abs(c.p_value - p.p_value) < 1e-9) AS equal
FROM (SELECT agent,
             cxm_merge_agg(state) FILTER (WHERE day >= date '2026-11-01'
                                            AND day < date '2026-12-01') AS this_month,
             cxm_merge_agg(state) FILTER (WHERE day >= date '2026-10-01'
                                            AND day < date '2026-11-01') AS last_month
      FROM nps_revenue_daily GROUP BY agent) m
     JOIN python_weighted p ON p.metric = 'nps' AND p.segment = m.agent AND p.period = '2026-11',
     cxm_compare(m.this_month, m.last_month) c;
-- Recipe 7 by hand: worst case ceil(1.959964^2 * 100^2 / 5^2) = 1537; from
-- November's answers, plain SQL (z = qnorm(0.975) in R).
SELECT ceil(1.959963984540054 ^ 2 * 100 ^ 2 * (pp + pn - (pp - pn) ^ 2) / 5 ^ 2) AS from_november
FROM (SELECT avg((rating >= 9)::int::float8) AS pp, avg((rating <= 6)::int::float8) AS pn
      FROM responses WHERE metric = 'nps' AND rating IS NOT NULL
        AND answered_on >= date '2026-11-01') p;

-- Recipes 1 and 4 against Python: examples/report/tests/expected.py computes
-- expected-by-month.csv from the same CSV with fractions and mpmath (the
-- adjusted-Wald interval and the z test of docs/statistics.md), so every
-- number below is compared with one computed without the extension.
CREATE TEMP TABLE python_by_month (metric text, segment text, period text, first_day date,
  last_day date, partial text, n bigint, score float8, low float8, high float8, method text, positive bigint,
  neutral bigint, negative bigint, change float8, change_low float8, change_high float8,
  p_value float8, q float8, significant text);
\copy python_by_month FROM '../report/tests/expected-by-month.csv' WITH (FORMAT csv, HEADER)
SELECT p.segment AS team, cxm_n(g.state) = p.n AS n_ok,
       abs(i.estimate - p.score) < 1e-9 AS nps_ok,
       abs(i.low - p.low) < 1e-9 AND abs(i.high - p.high) < 1e-9 AS interval_ok
FROM (SELECT team, cxm_acc_agg(rating, 'nps') AS state
      FROM responses WHERE metric = 'nps' AND answered_on >= date '2026-11-01'
      GROUP BY team) g
     JOIN python_by_month p ON p.metric = 'nps' AND p.period = '2026-11' AND p.segment = g.team,
     cxm_interval(g.state) i
ORDER BY team;
SELECT abs(c.difference - p.change) < 1e-9 AS change_ok,
       abs(c.low - p.change_low) < 1e-9 AND abs(c.high - p.change_high) < 1e-9 AS interval_ok,
       abs(c.p_value - p.p_value) < 1e-12 AS p_value_ok
FROM (SELECT cxm_merge_agg(state) FILTER (WHERE day >= date '2026-11-01') AS this_month,
             cxm_merge_agg(state) FILTER (WHERE day >= date '2026-10-01'
                                            AND day < date '2026-11-01') AS last_month
      FROM nps_daily) m,
     cxm_compare(m.this_month, m.last_month) c,
     python_by_month p
WHERE p.metric = 'nps' AND p.segment = '(all)' AND p.period = '2026-11';
