-- cxmetrics 1.2: the SQL interface of docs/sql.md over the C library, as a
-- fresh install. A database on 1.1 gets the same objects from
-- cxmetrics--1.1--1.2.sql (ALTER EXTENSION cxmetrics UPDATE), and
-- tests/sql/upgrade.sql proves that the two catalogs are the same. Every
-- function is C in cxmetrics.so; this file only declares them.
\echo Use "CREATE EXTENSION cxmetrics" to load this file. \quit

-- ---- the type ---------------------------------------------------------------

CREATE TYPE cxm_acc;

CREATE FUNCTION cxm_acc_in(cstring) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_out(cxm_acc) RETURNS cstring
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_recv(internal) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_send(cxm_acc) RETURNS bytea
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Stored as the library's canonical encoding (35 bytes when empty, at most
-- 1046, CXM_ENCODED_MAX) or as the counts form an aggregate leaves (40 bytes
-- and 8 per rating; README.md, "Storage and the transition state").
-- PREFERRED: where a function is overloaded for cxm_acc and cxm_wacc, an
-- untyped literal (cxm_score('nps{9:1}'), as 1.1 wrote it) is a cxm_acc.
CREATE TYPE cxm_acc (
  INPUT = cxm_acc_in,
  OUTPUT = cxm_acc_out,
  RECEIVE = cxm_acc_recv,
  SEND = cxm_acc_send,
  INTERNALLENGTH = VARIABLE,
  STORAGE = extended,
  PREFERRED = true
);
COMMENT ON TYPE cxm_acc IS 'a CSAT/NPS/CES accumulator: a scale and one count per rating';

CREATE FUNCTION cxm_acc_to_bytea(cxm_acc) RETURNS bytea
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_to_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_from_bytea(bytea) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_from_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (cxm_acc AS bytea) WITH FUNCTION cxm_acc_to_bytea(cxm_acc);
CREATE CAST (bytea AS cxm_acc) WITH FUNCTION cxm_acc_from_bytea(bytea);

-- ---- result types -------------------------------------------------------------

CREATE TYPE cxm_snapshot AS (
  headline text, n bigint, positive bigint, neutral bigint, negative bigint,
  positive_share float8, negative_share float8, net float8, mean float8, stddev float8,
  score float8, score_low float8, score_high float8,
  weight_total float8, n_effective float8
);
CREATE TYPE cxm_interval AS (
  quantity text, method text, confidence float8,
  estimate float8, se float8, low float8, high float8
);
CREATE TYPE cxm_comparison AS (
  quantity text, method text, confidence float8,
  difference float8, se float8, statistic float8, df float8, p_value float8,
  low float8, high float8
);

-- ---- functions ---------------------------------------------------------------

CREATE FUNCTION cxm_score(cxm_acc) RETURNS float8
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_n(cxm_acc) RETURNS bigint
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_snapshot(cxm_acc) RETURNS cxm_snapshot
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_snapshot' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_interval(acc cxm_acc, quantity text DEFAULT 'headline',
                             method text DEFAULT 'default', confidence float8 DEFAULT 0.95)
  RETURNS cxm_interval
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_compare(a cxm_acc, b cxm_acc, quantity text DEFAULT 'headline',
                            method text DEFAULT 'default', confidence float8 DEFAULT 0.95)
  RETURNS cxm_comparison
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_counts(cxm_acc) RETURNS TABLE (rating integer, count bigint)
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 11;
CREATE FUNCTION cxm_add(cxm_acc, integer) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- ---- operators ----------------------------------------------------------------

CREATE FUNCTION cxm_acc_eq(cxm_acc, cxm_acc) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_ne(cxm_acc, cxm_acc) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_hash(cxm_acc) RETURNS integer
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_hash_extended(cxm_acc, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_merge(cxm_acc, cxm_acc) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_subtract(cxm_acc, cxm_acc) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_subtract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR = (
  LEFTARG = cxm_acc, RIGHTARG = cxm_acc, FUNCTION = cxm_acc_eq,
  COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR <> (
  LEFTARG = cxm_acc, RIGHTARG = cxm_acc, FUNCTION = cxm_acc_ne,
  COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR + (LEFTARG = cxm_acc, RIGHTARG = cxm_acc, FUNCTION = cxm_merge, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = cxm_acc, RIGHTARG = cxm_acc, FUNCTION = cxm_subtract);

CREATE OPERATOR CLASS cxm_acc_hash_ops DEFAULT FOR TYPE cxm_acc USING hash AS
  OPERATOR 1 = (cxm_acc, cxm_acc),
  FUNCTION 1 cxm_acc_hash(cxm_acc),
  FUNCTION 2 cxm_acc_hash_extended(cxm_acc, bigint);

-- ---- aggregates -----------------------------------------------------------------
-- Transition states are cxm_acc itself (not internal), so Citus can push the
-- aggregates down and ship partial states through the text form; + combines.
-- Transitions update the state's counts form in place; the M* forms make
-- OVER (... ROWS n PRECEDING) cost O(1) per row. The scores' initial states
-- name their scale by the metric, which the library's scale names resolve
-- (csat is csat5, ces is ces7).

CREATE FUNCTION cxm_acc_agg_sfunc(cxm_acc, integer, text) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_agg_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cxm_acc_agg_minvfunc(cxm_acc, integer, text) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_agg_minvfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cxm_rating_minvfunc(cxm_acc, integer) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_rating_minvfunc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_acc_finalfunc(cxm_acc) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_acc_finalfunc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE cxm_acc_agg(rating integer, scale text) (
  SFUNC = cxm_acc_agg_sfunc, STYPE = cxm_acc, FINALFUNC = cxm_acc_finalfunc,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_acc_agg_sfunc, MINVFUNC = cxm_acc_agg_minvfunc, MSTYPE = cxm_acc,
  MFINALFUNC = cxm_acc_finalfunc,
  PARALLEL = SAFE
);

CREATE AGGREGATE cxm_merge_agg(cxm_acc) (
  SFUNC = cxm_merge, STYPE = cxm_acc, COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_merge, MINVFUNC = cxm_subtract, MSTYPE = cxm_acc,
  PARALLEL = SAFE
);

CREATE AGGREGATE cxm_csat(rating integer) (
  SFUNC = cxm_add, STYPE = cxm_acc, INITCOND = 'csat{}', FINALFUNC = cxm_score,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_add, MINVFUNC = cxm_rating_minvfunc, MSTYPE = cxm_acc, MINITCOND = 'csat{}',
  MFINALFUNC = cxm_score,
  PARALLEL = SAFE
);
CREATE AGGREGATE cxm_nps(rating integer) (
  SFUNC = cxm_add, STYPE = cxm_acc, INITCOND = 'nps{}', FINALFUNC = cxm_score,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_add, MINVFUNC = cxm_rating_minvfunc, MSTYPE = cxm_acc, MINITCOND = 'nps{}',
  MFINALFUNC = cxm_score,
  PARALLEL = SAFE
);
CREATE AGGREGATE cxm_ces(rating integer) (
  SFUNC = cxm_add, STYPE = cxm_acc, INITCOND = 'ces{}', FINALFUNC = cxm_score,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_add, MINVFUNC = cxm_rating_minvfunc, MSTYPE = cxm_acc, MINITCOND = 'ces{}',
  MFINALFUNC = cxm_score,
  PARALLEL = SAFE
);

-- ---- weighted states (1.2) ----------------------------------------------------
-- A cxm_wacc holds, per rating, the library's exact sums: the number of
-- responses, the sum of their weights and of their squared weights. Its
-- aggregates keep the sums form (40 bytes and 32 per rating) in place and
-- leave through a final function as the canonical encoding ("CXMW", 35 bytes
-- when empty, at most 3378, CXM_WACC_ENCODED_MAX).

CREATE TYPE cxm_wacc;

CREATE FUNCTION cxm_wacc_in(cstring) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_out(cxm_wacc) RETURNS cstring
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_recv(internal) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_send(cxm_wacc) RETURNS bytea
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE cxm_wacc (
  INPUT = cxm_wacc_in,
  OUTPUT = cxm_wacc_out,
  RECEIVE = cxm_wacc_recv,
  SEND = cxm_wacc_send,
  INTERNALLENGTH = VARIABLE,
  STORAGE = extended
);
COMMENT ON TYPE cxm_wacc IS
  'a weighted CSAT/NPS/CES accumulator: a scale and, per rating, the responses, their weight and squared weight';

CREATE FUNCTION cxm_wacc_to_bytea(cxm_wacc) RETURNS bytea
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_to_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_from_bytea(bytea) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_from_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (cxm_wacc AS bytea) WITH FUNCTION cxm_wacc_to_bytea(cxm_wacc);
CREATE CAST (bytea AS cxm_wacc) WITH FUNCTION cxm_wacc_from_bytea(bytea);

-- The functions of cxm_acc, overloaded, and three of the weighted state's own.
CREATE FUNCTION cxm_score(cxm_wacc) RETURNS float8
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_n(cxm_wacc) RETURNS bigint
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_snapshot(cxm_wacc) RETURNS cxm_snapshot
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_snapshot' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_interval(acc cxm_wacc, quantity text DEFAULT 'headline',
                             method text DEFAULT 'default', confidence float8 DEFAULT 0.95)
  RETURNS cxm_interval
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_compare(a cxm_wacc, b cxm_wacc, quantity text DEFAULT 'headline',
                            method text DEFAULT 'default', confidence float8 DEFAULT 0.95)
  RETURNS cxm_comparison
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_weight(cxm_wacc) RETURNS numeric
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_weight' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_n_effective(cxm_wacc) RETURNS float8
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_n_effective' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_unweighted(cxm_wacc) RETURNS cxm_acc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_unweighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION cxm_wacc_eq(cxm_wacc, cxm_wacc) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_ne(cxm_wacc, cxm_wacc) RETURNS boolean
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_hash(cxm_wacc) RETURNS integer
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_hash_extended(cxm_wacc, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_merge(cxm_wacc, cxm_wacc) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_subtract(cxm_wacc, cxm_wacc) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_subtract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR = (
  LEFTARG = cxm_wacc, RIGHTARG = cxm_wacc, FUNCTION = cxm_wacc_eq,
  COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR <> (
  LEFTARG = cxm_wacc, RIGHTARG = cxm_wacc, FUNCTION = cxm_wacc_ne,
  COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR + (LEFTARG = cxm_wacc, RIGHTARG = cxm_wacc, FUNCTION = cxm_merge, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = cxm_wacc, RIGHTARG = cxm_wacc, FUNCTION = cxm_subtract);

CREATE OPERATOR CLASS cxm_wacc_hash_ops DEFAULT FOR TYPE cxm_wacc USING hash AS
  OPERATOR 1 = (cxm_wacc, cxm_wacc),
  FUNCTION 1 cxm_wacc_hash(cxm_wacc),
  FUNCTION 2 cxm_wacc_hash_extended(cxm_wacc, bigint);

-- A NULL rating or weight skips the row; a weight outside 1..4294967295 is an
-- error. Both aggregates end in a final function, so a result is always the
-- canonical encoding (cxm_wacc_agg's empty state is NULL, as cxm_acc_agg's).
CREATE FUNCTION cxm_wacc_agg_sfunc(cxm_wacc, integer, bigint, text) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_agg_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_agg_minvfunc(cxm_wacc, integer, bigint, text) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_agg_minvfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_finalfunc(cxm_wacc) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_finalfunc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cxm_wacc_merge_finalfunc(cxm_wacc) RETURNS cxm_wacc
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_wacc_merge_finalfunc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE cxm_wacc_agg(rating integer, weight bigint, scale text) (
  SFUNC = cxm_wacc_agg_sfunc, STYPE = cxm_wacc, FINALFUNC = cxm_wacc_finalfunc,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_wacc_agg_sfunc, MINVFUNC = cxm_wacc_agg_minvfunc, MSTYPE = cxm_wacc,
  MFINALFUNC = cxm_wacc_finalfunc,
  PARALLEL = SAFE
);

CREATE AGGREGATE cxm_merge_agg(cxm_wacc) (
  SFUNC = cxm_merge, STYPE = cxm_wacc, FINALFUNC = cxm_wacc_merge_finalfunc,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_merge, MINVFUNC = cxm_subtract, MSTYPE = cxm_wacc,
  MFINALFUNC = cxm_wacc_merge_finalfunc,
  PARALLEL = SAFE
);

-- ---- planning (1.2) -------------------------------------------------------------
-- How many answers a survey needs for an interval of half_width (the
-- quantity's units) at a confidence: from the variance `expected` shows (a
-- pilot, last period), or the worst case when it is NULL. Any other NULL
-- argument gives NULL.
CREATE FUNCTION cxm_plan_sample_size(scale text, expected cxm_acc, quantity text,
                                     confidence float8, half_width float8,
                                     population bigint DEFAULT 0) RETURNS bigint
  AS 'MODULE_PATHNAME', 'cxmpg_cxm_plan_sample_size' LANGUAGE C IMMUTABLE PARALLEL SAFE;
