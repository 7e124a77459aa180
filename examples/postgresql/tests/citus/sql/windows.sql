-- Trailing windows per team: partitioned by the distribution column, the
-- window runs on the workers, with the aggregate's inverse (cxm_subtract)
-- sliding the frame.
SELECT * FROM plan($$
  SELECT team, day, cxm_merge_agg(state) OVER (PARTITION BY team ORDER BY day
                                              RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)
  FROM daily WHERE metric = 'nps'$$);
SELECT * FROM same_answer('trailing 30 days per team', $$
  SELECT team, day, cxm_merge_agg(state) OVER (PARTITION BY team ORDER BY day
                                              RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)
  FROM daily WHERE metric = 'nps'$$);
SELECT * FROM same_answer('trailing 7 answers per team', $$
  SELECT team, id, cxm_nps(rating) OVER (PARTITION BY team ORDER BY id ROWS 6 PRECEDING)
  FROM responses WHERE metric = 'nps'$$);
-- The last 30 days of November per team, and their score.
SELECT team, day, cxm_n(last30) AS n, round(cxm_score(last30)::numeric, 2) AS nps
FROM (SELECT team, day, cxm_merge_agg(state) OVER (PARTITION BY team ORDER BY day
                                                  RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW) AS last30
      FROM daily WHERE metric = 'nps') w
WHERE day = '2026-11-30' ORDER BY team;

-- Across teams the window cannot run on the workers: the days are merged
-- there first (a subquery grouped by day), and the coordinator slides the
-- window over the merged days.
SELECT * FROM same_answer('trailing 30 days, all teams', $$
  SELECT day, cxm_merge_agg(state) OVER (ORDER BY day RANGE BETWEEN '29 days' PRECEDING AND CURRENT ROW)
  FROM (SELECT day, cxm_merge_agg(state) AS state FROM daily WHERE metric = 'nps' GROUP BY day) d$$);
