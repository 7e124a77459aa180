-- cxmetrics 1.1: the SQL interface of docs/sql.md over the C library.
-- Every function is C in cxmetrics.so; this file only declares them.
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
-- 1046, CXM_ENCODED_MAX); EXTENDED storage because aggregates hold states as
-- expanded objects.
CREATE TYPE cxm_acc (
  INPUT = cxm_acc_in,
  OUTPUT = cxm_acc_out,
  RECEIVE = cxm_acc_recv,
  SEND = cxm_acc_send,
  INTERNALLENGTH = VARIABLE,
  STORAGE = extended
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
  score float8, score_low float8, score_high float8
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
-- Transitions update an expanded state in place; the M* forms make
-- OVER (... ROWS n PRECEDING) cost O(1) per row.

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
  SFUNC = cxm_add, STYPE = cxm_acc, INITCOND = 'csat5{}', FINALFUNC = cxm_score,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_add, MINVFUNC = cxm_rating_minvfunc, MSTYPE = cxm_acc, MINITCOND = 'csat5{}',
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
  SFUNC = cxm_add, STYPE = cxm_acc, INITCOND = 'ces7{}', FINALFUNC = cxm_score,
  COMBINEFUNC = cxm_merge,
  MSFUNC = cxm_add, MINVFUNC = cxm_rating_minvfunc, MSTYPE = cxm_acc, MINITCOND = 'ces7{}',
  MFINALFUNC = cxm_score,
  PARALLEL = SAFE
);
