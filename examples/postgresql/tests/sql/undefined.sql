-- An interval or comparison that the sample leaves undefined is still a row
-- (docs/sql.md, "Undefined statistics"): the quantity and method as resolved,
-- the confidence and the observed estimate or difference where the sample has
-- one, NULL for the rest. The SQLite extension must answer the same: the
-- parity test (tests/package/check_sql_parity.py) runs every statement below in
-- SQLite, as cxm_interval(cxm_from_text(...)) and cxm_compare(...), and compares
-- its JSON object with the row expected here. So each case is one statement
-- SELECT * FROM cxm_interval(...) or cxm_compare(...) on one line, its states
-- text literals cast to cxm_acc (or cxm_wacc).
\pset null NULL

-- No answers: names resolved from the scale's headline and the first method.
SELECT * FROM cxm_interval('nps{}'::cxm_acc);
SELECT * FROM cxm_interval('csat5{}'::cxm_acc, 'headline', 'default', 0.8);
SELECT * FROM cxm_interval('ces7{}'::cxm_acc);
SELECT * FROM cxm_interval('nps{}'::cxm_acc, 'negative-share', 'clopper-pearson', 0.9);
SELECT * FROM cxm_interval('nps{}'::cxm_acc, 'net', 'score');
SELECT * FROM cxm_interval('-3..3/2..3/-3..-2/net{}'::cxm_acc, 'positive-share');
-- One answer: a share has an interval, a mean does not, yet has its estimate.
SELECT * FROM cxm_interval('ces7{6:1}'::cxm_acc);
SELECT * FROM cxm_interval('ces7{6:1}'::cxm_acc, 'mean', 't', 0.99);
SELECT * FROM cxm_interval('nps{9:1}'::cxm_acc, 'mean');

-- Comparisons: an empty side has no difference; one answer a side, or two
-- samples without spread (Welch's df is 0/0), has one.
SELECT * FROM cxm_compare('nps{}'::cxm_acc, 'nps{9:3}'::cxm_acc);
SELECT * FROM cxm_compare('csat5{4:2}'::cxm_acc, 'csat5{}'::cxm_acc, 'negative-share', 'wald', 0.9);
SELECT * FROM cxm_compare('ces7{6:1}'::cxm_acc, 'ces7{2:1}'::cxm_acc);
SELECT * FROM cxm_compare('ces7{5:2}'::cxm_acc, 'ces7{6:3}'::cxm_acc, 'mean', 'default', 0.9);
SELECT * FROM cxm_compare('nps{10:4}'::cxm_acc, 'nps{3:7}'::cxm_acc, 'mean');

-- Defined, beside them: the same fields with every number.
SELECT * FROM cxm_interval('nps{0:1,9:3}'::cxm_acc);
SELECT * FROM cxm_compare('ces7{1:1,5:2}'::cxm_acc, 'ces7{6:3,7:1}'::cxm_acc);
