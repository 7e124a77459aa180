-- Every error with its SQLSTATE (docs/sql.md) and a message naming the value; the
-- server keeps answering. sqlstate_of (setup.sql) returns 'SQLSTATE: message'.

-- 22003: a rating outside the scale; subtracting more than there is; counts
-- overflowing; counts beyond bigint read out.
SELECT sqlstate_of($$SELECT cxm_nps(r) FROM (VALUES (9), (11)) v(r)$$);
SELECT sqlstate_of($$SELECT cxm_acc_agg(r, 'csat5') FROM (VALUES (0)) v(r)$$);
SELECT sqlstate_of($$SELECT cxm_csat(-2147483648)$$);
SELECT sqlstate_of($$SELECT cxm_add('ces7{}', 8)$$);
SELECT sqlstate_of($$SELECT 'nps{9:1}'::cxm_acc - 'nps{9:2}'$$);
SELECT sqlstate_of($$SELECT 'nps{9:1}'::cxm_acc - 'nps{10:1}'$$);
SELECT sqlstate_of($$SELECT 'nps{9:18446744073709551615}'::cxm_acc + 'nps{9:1}'$$);
SELECT sqlstate_of($$SELECT cxm_add('nps{9:18446744073709551615}', 10)$$);
SELECT sqlstate_of($$SELECT cxm_n('nps{9:9223372036854775808}')$$);
SELECT sqlstate_of($$SELECT * FROM cxm_counts('nps{9:9223372036854775808}')$$);
SELECT sqlstate_of($$SELECT cxm_snapshot('nps{9:9223372036854775808}')$$);

-- 22P02: malformed text, a rating outside the scale inside text, invalid
-- scale texts, corrupt bytes (truncations and bit flips of a valid encoding).
SELECT sqlstate_of(format('SELECT %L::cxm_acc', t))
FROM (VALUES (''), ('nps'), ('nps{'), ('NPS{}'), ('nps{11:1}'), ('nps{9:0}'), ('nps{9:01}'),
             ('nps{10:1,9:1}'), ('nps{9:1} '), ('nps{9:18446744073709551616}'),
             ('nps{9:18446744073709551615,10:1}'), ('0..200/1..2/0..0/share{}'), ('x{}')) v(t);
SELECT sqlstate_of($$SELECT cxm_acc_agg(5, 'csat7')$$);
SELECT sqlstate_of($$SELECT cxm_acc_agg(5, '1..5/4..5/3..4/share')$$);
SELECT sqlstate_of($$SELECT ''::bytea::cxm_acc$$);
SELECT sqlstate_of($$SELECT '\x00'::bytea::cxm_acc$$);
-- every truncation of a valid encoding is refused
SELECT count(*) AS truncations, count(*) FILTER (WHERE sqlstate_of(format('SELECT %L::bytea::cxm_acc', substr(b, 1, k))) LIKE '22P02:%') AS refused
FROM (SELECT 'nps{0:3,6:1,9:10,10:4}'::cxm_acc::bytea AS b) e, generate_series(0, octet_length(b) - 1) k;
-- every single-bit flip of it is refused (the CRC-32C sees them all)
SELECT count(*) AS flips, count(*) FILTER (WHERE sqlstate_of(format('SELECT %L::bytea::cxm_acc', set_bit(b, k, 1 - get_bit(b, k)))) LIKE '22P02:%') AS refused
FROM (SELECT 'nps{0:3,6:1,9:10,10:4}'::cxm_acc::bytea AS b) e, generate_series(0, 8 * octet_length(b) - 1) k;
-- a trailing byte
SELECT sqlstate_of($$SELECT ('nps{}'::cxm_acc::bytea || '\x00'::bytea)::cxm_acc$$);

-- 22023: different scales in a group, a merge, a roll-up and a comparison;
-- unknown methods and quantities; a method that does not fit the quantity;
-- a confidence outside (0, 1).
SELECT sqlstate_of($$SELECT cxm_acc_agg(r, s) FROM (VALUES (5, 'csat5'), (5, 'ces7')) v(r, s)$$);
SELECT sqlstate_of($$SELECT 'nps{}'::cxm_acc + 'csat5{}'$$);
SELECT sqlstate_of($$SELECT cxm_merge_agg(s) FROM (VALUES ('nps{9:1}'::cxm_acc), ('ces7{5:1}')) v(s)$$);
SELECT sqlstate_of($$SELECT cxm_compare('nps{9:1}', 'csat5{5:1}')$$);
SELECT sqlstate_of($$SELECT cxm_interval('nps{9:1}', 'headline', 'bogus')$$);
SELECT sqlstate_of($$SELECT cxm_interval('nps{9:1}', 'Net')$$);
SELECT sqlstate_of($$SELECT cxm_interval('nps{9:1}', 'net', 'wilson')$$);
SELECT sqlstate_of($$SELECT cxm_interval('nps{}', 'mean', 'wald')$$);
SELECT sqlstate_of($$SELECT cxm_interval('nps{9:1}', 'net', 'default', 1.0)$$);
SELECT sqlstate_of($$SELECT cxm_compare('nps{9:1}', 'nps{9:1}', 'net', 'default', 'NaN')$$);
-- The refused confidence is named with the range accepted, for either type.
SELECT sqlstate_of($$SELECT cxm_interval('nps{9:1}', 'net', 'default', 1.5)$$);
SELECT sqlstate_of($$SELECT cxm_interval('nps{}', 'net', 'default', 0)$$);
SELECT sqlstate_of($$SELECT cxm_interval('nps[9:1/5/25]'::cxm_wacc, 'net', 'wald', -0.5)$$);
SELECT sqlstate_of($$SELECT cxm_compare('nps[9:1/5/25]'::cxm_wacc, 'nps[]', 'net', 'wald', 1.0000001)$$);
SELECT sqlstate_of($$SELECT cxm_compare('nps{9:1}', 'nps{9:1}', 'net', 'bogus')$$);

-- 22004: a NULL scale.
SELECT sqlstate_of($$SELECT cxm_acc_agg(5, NULL)$$);
SELECT sqlstate_of($$SELECT cxm_acc_agg(NULL, NULL)$$);

-- Still answering, and nothing changed by the failed statements.
SELECT cxm_n(state) FROM survey_states ORDER BY metric;
