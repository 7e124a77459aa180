-- cxmetrics 1.1 -> 1.2, run by ALTER EXTENSION cxmetrics UPDATE: the same
-- objects as a fresh install of cxmetrics--1.2.sql (tests/sql/upgrade.sql
-- compares the two catalogs), and stored states untouched.
\echo Use "ALTER EXTENSION cxmetrics UPDATE TO '1.2'" to load this file. \quit

-- ---- what changes in 1.1's objects ---------------------------------------------

-- The snapshot's two fields of 1.2, appended (stored composite values read
-- them as NULL).
ALTER TYPE cxm_snapshot ADD ATTRIBUTE weight_total float8, ADD ATTRIBUTE n_effective float8;

-- cxm_score, cxm_n, cxm_snapshot, cxm_interval and cxm_compare are
-- overloaded for cxm_wacc below: an untyped literal (cxm_score('nps{9:1}'), as
-- 1.1 queries write it) must stay a cxm_acc, its type's category's preferred
-- type. ALTER TYPE cannot set that.
UPDATE pg_catalog.pg_type SET typispreferred = true
WHERE oid = 'cxm_acc'::pg_catalog.regtype;

-- The scores' initial states name their scale by the metric, which the
-- library's scale names resolve (csat is csat5, ces is ces7), as
-- cxmetrics--1.2.sql declares them. ALTER AGGREGATE cannot change an initial
-- condition, and dropping the aggregates would fail on (or cascade to) the
-- views that use them, so the catalog row is updated in place.
UPDATE pg_catalog.pg_aggregate
SET agginitval = metric || '{}', aggminitval = metric || '{}'
FROM (VALUES ('cxm_csat(integer)', 'csat'), ('cxm_nps(integer)', 'nps'),
             ('cxm_ces(integer)', 'ces')) AS score(signature, metric)
WHERE aggfnoid = score.signature::pg_catalog.regprocedure;

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
