-- The aggregates against plain SQL over the same rows (the independent
-- computation: the definitions of docs/metrics.md written as count FILTER).

-- cxm_acc_agg: the counts per rating equal GROUP BY rating; NULLs skipped.
WITH states AS (
  SELECT a.metric, a.segment, cxm_acc_agg(a.rating, s.scale) AS state
  FROM answers a JOIN surveys s USING (metric) GROUP BY 1, 2
), ours AS (
  SELECT metric, segment, c.rating, c.count FROM states, cxm_counts(state) c
), plain AS (
  SELECT metric, segment, rating, count(*) AS count FROM answers
  WHERE rating IS NOT NULL GROUP BY 1, 2, 3
)
SELECT (SELECT count(*) FROM plain) AS cells,
       (SELECT count(*) FROM (SELECT * FROM ours EXCEPT SELECT * FROM plain) d) AS only_ours,
       (SELECT count(*) FROM (SELECT * FROM plain EXCEPT SELECT * FROM ours) d) AS only_plain;

-- The one-step scores equal the definitions.
SELECT segment,
  round(cxm_csat(rating) FILTER (WHERE metric = 'csat')::numeric, 10) AS csat,
  round((100.0 * count(*) FILTER (WHERE metric = 'csat' AND rating >= 4)
         / count(rating) FILTER (WHERE metric = 'csat'))::numeric, 10) AS csat_plain,
  round(cxm_nps(rating) FILTER (WHERE metric = 'nps')::numeric, 10) AS nps,
  round((100.0 * (count(*) FILTER (WHERE metric = 'nps' AND rating >= 9)
                - count(*) FILTER (WHERE metric = 'nps' AND rating <= 6))
         / count(rating) FILTER (WHERE metric = 'nps'))::numeric, 10) AS nps_plain,
  round(cxm_ces(rating) FILTER (WHERE metric = 'ces')::numeric, 10) AS ces,
  round(avg(rating) FILTER (WHERE metric = 'ces'), 10) AS ces_plain
FROM answers GROUP BY ROLLUP (segment) ORDER BY segment;

-- Empty groups are NULL, from every aggregate; all-NULL groups too.
SELECT cxm_acc_agg(rating, 'nps') IS NULL AS acc, cxm_nps(rating) IS NULL AS nps,
       cxm_csat(rating) IS NULL AS csat, cxm_ces(rating) IS NULL AS ces,
       cxm_merge_agg(NULL::cxm_acc) IS NULL AS merge
FROM answers WHERE false;
SELECT cxm_acc_agg(r, 'nps') IS NULL AS acc, cxm_nps(r) IS NULL AS nps
FROM (VALUES (NULL::integer), (NULL)) v(r);
-- ... but merging stored empty states gives the empty state
SELECT cxm_merge_agg(s) FROM (VALUES ('nps{}'::cxm_acc), ('nps{}'), (NULL)) v(s);

-- A roll-up of the per-segment states equals the state of all rows.
SELECT metric, cxm_merge_agg(state) = (SELECT cxm_acc_agg(a.rating, s.scale)
                                       FROM answers a JOIN surveys s USING (metric)
                                       WHERE a.metric = st.metric) AS exact
FROM (SELECT a.metric, cxm_acc_agg(a.rating, s.scale) AS state
      FROM answers a JOIN surveys s USING (metric) GROUP BY a.metric, a.segment) st
GROUP BY metric ORDER BY metric;

-- One scale spelled three ways is one scale in a group.
SELECT cxm_acc_agg(r, s) FROM (VALUES (5, 'csat'), (4, 'csat5'), (1, '1..5/4..5/1..2/share')) v(r, s);

-- A state used as the input of another aggregate, and many groups at once.
SELECT count(DISTINCT cxm_score(state)) AS distinct_scores
FROM (SELECT id % 500 AS g, cxm_acc_agg(rating, 'nps') AS state
      FROM answers WHERE metric = 'nps' GROUP BY 1) t;

-- Ten scales in one query, their rows interleaved: more spellings than a call
-- site keeps parsed (eight), so its entries are replaced as rows arrive. The
-- states still hold what plain SQL counts.
WITH answered AS (
  SELECT i % 11 AS rating,
         format('0..%s/%s..%s/0..0/share', 10 + i % 10, 10 + i % 10, 10 + i % 10) AS scale
  FROM generate_series(1, 2000) i
), ours AS (
  SELECT g.scale, c.rating, c.count
  FROM (SELECT scale, cxm_acc_agg(rating, scale) AS state FROM answered GROUP BY scale) g,
       cxm_counts(g.state) c
), plain AS (
  SELECT scale, rating, count(*) AS count FROM answered GROUP BY 1, 2
)
SELECT (SELECT count(DISTINCT scale) FROM ours) AS scales, (SELECT count(*) FROM plain) AS cells,
       (SELECT count(*) FROM (SELECT * FROM ours EXCEPT SELECT * FROM plain) d) AS only_ours,
       (SELECT count(*) FROM (SELECT * FROM plain EXCEPT SELECT * FROM ours) d) AS only_plain;
