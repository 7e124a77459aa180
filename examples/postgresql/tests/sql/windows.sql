-- Window frames: OVER (ORDER BY ... ROWS n PRECEDING) equals recomputing each
-- frame, and uses the inverse transition, so time grows with rows, not with
-- rows x frame.
CREATE TABLE days AS
  SELECT answered_on, cxm_acc_agg(rating, 'nps') AS state, count(rating) AS n
  FROM responses WHERE metric = 'nps' GROUP BY 1;

-- A 7-day trailing state of daily states, and of raw ratings, against the
-- frame recomputed row by row.
WITH w AS (
  SELECT answered_on, cxm_merge_agg(state) OVER (ORDER BY answered_on ROWS 6 PRECEDING) AS state
  FROM days
)
SELECT count(*) AS days,
       count(*) FILTER (WHERE w.state = (SELECT cxm_merge_agg(d.state) FROM days d
                                          WHERE d.answered_on BETWEEN w.answered_on - 6 AND w.answered_on)) AS equal
FROM w;
WITH w AS (
  SELECT id, cxm_nps(rating) OVER (ORDER BY id ROWS 99 PRECEDING) AS nps,
         cxm_acc_agg(rating, 'nps') OVER (ORDER BY id ROWS 99 PRECEDING) AS state
  FROM answers WHERE metric = 'nps'
)
SELECT count(*) AS rows,
       count(*) FILTER (WHERE w.state IS NOT DISTINCT FROM (SELECT cxm_acc_agg(rating, 'nps') FROM
           (SELECT rating FROM answers a WHERE metric = 'nps' AND a.id <= w.id ORDER BY id DESC LIMIT 100) f)) AS equal_state,
       count(*) FILTER (WHERE w.nps IS NOT DISTINCT FROM cxm_score(w.state)) AS equal_score
FROM w;
-- A frame of NULL ratings only is NULL.
SELECT r, cxm_nps(r) OVER (ORDER BY i ROWS 1 PRECEDING), cxm_acc_agg(r, 'nps') OVER (ORDER BY i ROWS 1 PRECEDING)
FROM (VALUES (1, 9), (2, NULL), (3, NULL), (4, 10)) v(i, r);

-- The inverse at work. A copy of cxm_merge_agg without MINVFUNC is the
-- control: it recomputes every frame, so a frame 60 times longer costs about
-- 60 times more; ours costs the same. Both frames run over the same rows.
CREATE AGGREGATE merge_no_inverse(cxm_acc) (SFUNC = cxm_merge, STYPE = cxm_acc);
CREATE TABLE series AS
  SELECT i, cxm_add('nps{}', i % 11) AS state FROM generate_series(1, 6000) i;
CREATE FUNCTION frame_ratio(agg text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; short_frame float8; long_frame float8;
BEGIN
  t0 := clock_timestamp();
  EXECUTE format('SELECT count(x) FROM (SELECT %s(state) OVER (ORDER BY i ROWS 10 PRECEDING) x FROM series) s', agg);
  short_frame := extract(epoch FROM clock_timestamp() - t0);
  t0 := clock_timestamp();
  EXECUTE format('SELECT count(x) FROM (SELECT %s(state) OVER (ORDER BY i ROWS 600 PRECEDING) x FROM series) s', agg);
  long_frame := extract(epoch FROM clock_timestamp() - t0);
  RETURN long_frame / short_frame;
END $$;
SELECT frame_ratio('cxm_merge_agg') < 3 AS frame_length_free,
       frame_ratio('merge_no_inverse') > 10 AS control_grows_with_frame;
