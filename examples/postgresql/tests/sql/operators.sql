-- = <> + - and the hash operator class.
SELECT 'nps{9:1}'::cxm_acc = 'nps{9:1}' AS eq, 'nps{9:1}'::cxm_acc <> 'nps{9:2}' AS ne,
       'nps{9:1}'::cxm_acc = 'csat5{}' AS other_scale, 'csat{5:1}'::cxm_acc = '1..5/4..5/1..2/share{5:1}' AS spelling;
SELECT 'nps{0:1,9:1}'::cxm_acc + 'nps{9:2,10:1}' AS merged,
       'nps{0:1,9:3,10:1}'::cxm_acc - 'nps{9:2,10:1}' AS subtracted,
       'nps{9:1}'::cxm_acc - 'nps{9:1}' AS emptied;
-- + is exact: merging the channels' states gives the survey's state
SELECT bool_and(t.total = (SELECT cxm_acc_agg(rating, 'nps') FROM answers WHERE metric = 'nps')) AS exact
FROM (SELECT (SELECT cxm_acc_agg(rating, 'nps') FROM answers WHERE metric = 'nps' AND segment IN ('chat', 'email'))
           + (SELECT cxm_acc_agg(rating, 'nps') FROM answers WHERE metric = 'nps' AND segment IN ('phone', 'self-service')) AS total) t;

-- The hash opclass: GROUP BY, DISTINCT and hash joins on states.
CREATE TABLE daily AS
  SELECT answered_on, cxm_acc_agg(rating, 'nps') AS state
  FROM responses WHERE metric = 'nps' GROUP BY 1;
INSERT INTO daily SELECT answered_on + 1000, state FROM daily WHERE answered_on < date '2026-06-11';
SELECT count(*) AS rows, (SELECT count(*) FROM (SELECT DISTINCT state FROM daily) d) AS distinct_states FROM daily;
SELECT count(*) AS groups FROM (SELECT state FROM daily GROUP BY state) g;
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM daily a JOIN daily b ON a.state = b.state;
SELECT count(*) AS pairs FROM daily a JOIN daily b ON a.state = b.state;
RESET enable_mergejoin; RESET enable_nestloop;
SELECT cxm_acc_hash('nps{9:1}') = cxm_acc_hash('nps{9:1}'::cxm_acc::bytea::cxm_acc) AS stable_hash;

-- States have no order (there is no btree operator class, docs/sql.md
-- "States"): SELECT DISTINCT, GROUP BY and UNION hash, but what needs a sort
-- is refused with a SQLSTATE; the bytes or the text give an order where one
-- is wanted.
SELECT e AS statement, sqlstate_of(e) AS result FROM unnest(ARRAY[
  $$SELECT count(DISTINCT state) FROM daily$$,
  $$SELECT state FROM daily ORDER BY state LIMIT 1$$,
  $$CREATE INDEX ON daily (state)$$,
  $$SELECT count(DISTINCT s) FROM (VALUES ('nps[9:1/5/25]'::cxm_wacc)) v(s)$$
]) e;
SELECT count(*) AS union_rows
FROM (SELECT state FROM daily UNION SELECT state FROM daily WHERE answered_on > date '3000-01-01') u;
SELECT count(DISTINCT state::bytea) AS distinct_by_bytes, count(DISTINCT state::text) AS distinct_by_text
FROM daily;
SELECT count(*) AS distinct_weighted
FROM (SELECT DISTINCT s FROM (VALUES ('nps[9:1/5/25]'::cxm_wacc), ('nps[9:1/5/25]'), ('nps[]')) v(s)) d;
