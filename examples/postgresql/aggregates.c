/*
 * The transition, inverse and final functions of the aggregates
 * (cxmetrics--1.2.sql wires them up). A transition updates the flat form of
 * the state in place (cxm_pg.h): one increment per row, no allocation, no
 * encoding. The combine function and the roll-up's transitions are the
 * operators + and - (operators.c); the scores' final function is cxm_score
 * (functions.c).
 */
#include "cxm_pg.h"

PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_agg_sfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_agg_minvfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_add);
PG_FUNCTION_INFO_V1(cxmpg_cxm_rating_minvfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_finalfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_agg_sfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_agg_minvfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_finalfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_merge_finalfunc);

static void add_rating(CxmCounts *state, int32 rating)
{
    int status = cxm_pg_counts_add(state, rating);

    if (status != CXM_OK) {
        cxm_scale scale = CXM_SCALE_INIT;

        cxm_pg_form_scale(state, &scale);
        cxm_pg_raise(status, "rating %d cannot be added to a state of scale \"%s\"", rating,
                     cxm_pg_scale_text(&scale));
    }
}

static void remove_rating(CxmCounts *state, int32 rating)
{
    int status = cxm_pg_counts_remove(state, rating);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "rating %d cannot be removed from the state", rating);
    }
}

/* The scale texts an aggregate was given at this call site, each with an
 * empty state of its scale in the aggregate's flat form (kept in fn_extra,
 * which lives as long as the query). Rows repeat a few spellings — one per
 * survey in a query that mixes them — so a row pays a memcmp of its text and
 * one of the scale's fields, not a parse, and a new group is a copy. The
 * oldest entry makes room. */
#define SCALE_CACHE_SIZE 8

typedef struct ScaleEntry {
    int len;
    char text[128]; /* longer than any scale text a user writes */
    CxmForm *empty; /* NULL: the entry is unused */
} ScaleEntry;

typedef struct ScaleCache {
    int next; /* the entry to replace next */
    ScaleEntry entries[SCALE_CACHE_SIZE];
} ScaleCache;

/* An empty state of the kind's form and the scale the row names (argument
 * argno of `aggregate`). */
static const CxmForm *scale_argument(FunctionCallInfo fcinfo, int argno, const char *aggregate,
                                     const CxmFormKind *kind)
{
    ScaleCache *cache = fcinfo->flinfo->fn_extra;
    cxm_scale scale = CXM_SCALE_INIT;
    const text *scale_text = NULL;
    const char *chars = NULL;
    size_t len = 0;
    ScaleEntry *entry = NULL;

    if (PG_ARGISNULL(argno)) {
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                        errmsg("the scale of %s must not be NULL", aggregate)));
    }
    scale_text = PG_GETARG_TEXT_PP(argno);
    chars = VARDATA_ANY(scale_text);
    len = VARSIZE_ANY_EXHDR(scale_text);
    if (cache == NULL) {
        cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof *cache);
        fcinfo->flinfo->fn_extra = cache;
    }
    for (int i = 0; i < SCALE_CACHE_SIZE; i++) {
        entry = &cache->entries[i];
        if (entry->empty != NULL && (size_t)entry->len == len &&
            memcmp(chars, entry->text, len) == 0) {
            return entry->empty;
        }
    }
    cxm_pg_scale_parse(chars, len, &scale);
    if (len > sizeof entry->text) {
        return cxm_pg_form_new(kind, &scale); /* for this row only */
    }
    entry = &cache->entries[cache->next];
    cache->next = (cache->next + 1) % SCALE_CACHE_SIZE;
    if (entry->empty != NULL) {
        pfree(entry->empty);
        entry->empty = NULL;
    }
    entry->empty = cxm_pg_form_empty(fcinfo->flinfo->fn_mcxt, kind, &scale);
    memcpy(entry->text, chars, len);
    entry->len = (int)len;
    return entry->empty;
}

/* cxm_acc_agg(rating, scale): never returns NULL, so an all-NULL group still
 * has a state (empty) that cxm_acc_finalfunc maps to NULL. */
Datum cxmpg_cxm_acc_agg_sfunc(PG_FUNCTION_ARGS)
{
    const CxmCounts *empty = scale_argument(fcinfo, 2, "cxm_acc_agg", &cxm_pg_counts_kind);
    CxmCounts *state = PG_ARGISNULL(0) ? cxm_pg_form_copy(empty) : cxm_pg_state(fcinfo);

    cxm_pg_form_check_scale(state, empty);
    if (!PG_ARGISNULL(1)) {
        add_rating(state, PG_GETARG_INT32(1));
    }
    return cxm_pg_state_result(fcinfo, state);
}

/* The rows leaving a window frame were added by cxm_acc_agg_sfunc, which
 * checked their scale, so only the rating matters here. */
Datum cxmpg_cxm_acc_agg_minvfunc(PG_FUNCTION_ARGS)
{
    CxmCounts *state = NULL;

    if (PG_ARGISNULL(0)) {
        PG_RETURN_NULL(); /* cannot happen; NULL asks the executor to recompute */
    }
    state = cxm_pg_state(fcinfo);
    if (!PG_ARGISNULL(1)) {
        remove_rating(state, PG_GETARG_INT32(1));
    }
    return cxm_pg_state_result(fcinfo, state);
}

/* cxm_add(acc, rating): the state plus one rating. Also the transition of
 * cxm_csat, cxm_nps and cxm_ces, whose initial state names their scale. */
Datum cxmpg_cxm_add(PG_FUNCTION_ARGS)
{
    CxmCounts *state = cxm_pg_state(fcinfo);

    add_rating(state, PG_GETARG_INT32(1));
    return cxm_pg_state_result(fcinfo, state);
}

/* The inverse of cxm_add in the moving-aggregate form of the scores. */
Datum cxmpg_cxm_rating_minvfunc(PG_FUNCTION_ARGS)
{
    CxmCounts *state = cxm_pg_state(fcinfo);

    remove_rating(state, PG_GETARG_INT32(1));
    return cxm_pg_state_result(fcinfo, state);
}

/* An empty state is NULL (docs/sql.md: a group with no non-NULL rating). */
Datum cxmpg_cxm_acc_finalfunc(PG_FUNCTION_ARGS)
{
    CxmBorrowed b;
    uint64_t n = 0;

    cxm_pg_borrow(PG_GETARG_DATUM(0), &b);
    cxm_acc_total(b.acc, &n);
    if (n == 0) {
        cxm_pg_release(&b);
        PG_RETURN_NULL();
    }
    PG_RETURN_DATUM(cxm_pg_from_acc(b.acc, b.owned));
}

/* ---- weighted responses -------------------------------------------------- */

/* The weight of a row, 1 .. 2^32 - 1 as cxm_wacc_add takes it (22003 naming
 * it otherwise: SQL has no unsigned 32-bit type, so the argument is bigint). */
static uint32 weight_argument(FunctionCallInfo fcinfo, int argno)
{
    int64 weight = PG_GETARG_INT64(argno);

    if (weight < 1 || weight > (int64)PG_UINT32_MAX) {
        ereport(ERROR,
                (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                 errmsg("weight " INT64_FORMAT " is outside 1..4294967295", weight),
                 errdetail("A weight is a positive integer below 2^32 in a unit of your choice "
                           "(dollars, a survey weight times 1000); a row with a NULL rating or "
                           "weight is skipped.")));
    }
    return (uint32)weight;
}

/* Whether a row is a response: a NULL rating or weight skips it. */
static bool is_response(FunctionCallInfo fcinfo)
{
    return !PG_ARGISNULL(1) && !PG_ARGISNULL(2);
}

/* cxm_wacc_agg(rating, weight, scale): as cxm_acc_agg, never NULL. */
Datum cxmpg_cxm_wacc_agg_sfunc(PG_FUNCTION_ARGS)
{
    const CxmSums *empty = scale_argument(fcinfo, 3, "cxm_wacc_agg", &cxm_pg_sums_kind);
    CxmSums *state = PG_ARGISNULL(0) ? cxm_pg_form_copy(empty) : cxm_pg_wstate(fcinfo);

    cxm_pg_form_check_scale(state, empty);
    if (is_response(fcinfo)) {
        int32 rating = PG_GETARG_INT32(1);
        uint32 weight = weight_argument(fcinfo, 2);
        int status = cxm_pg_sums_add(state, rating, weight);

        if (status != CXM_OK) {
            cxm_scale own = CXM_SCALE_INIT;

            cxm_pg_form_scale(state, &own);
            cxm_pg_raise(status,
                         "rating %d with weight %u cannot be added to a state of scale \"%s\"",
                         rating, weight, cxm_pg_scale_text(&own));
        }
    }
    return cxm_pg_wstate_result(fcinfo, state);
}

/* The rows leaving a window frame were added by cxm_wacc_agg_sfunc. */
Datum cxmpg_cxm_wacc_agg_minvfunc(PG_FUNCTION_ARGS)
{
    CxmSums *state = NULL;

    if (PG_ARGISNULL(0)) {
        PG_RETURN_NULL(); /* cannot happen; NULL asks the executor to recompute */
    }
    state = cxm_pg_wstate(fcinfo);
    if (is_response(fcinfo)) {
        int32 rating = PG_GETARG_INT32(1);
        uint32 weight = weight_argument(fcinfo, 2);
        int status = cxm_pg_sums_remove(state, rating, weight);

        if (status != CXM_OK) {
            cxm_pg_raise(status, "rating %d with weight %u cannot be removed from the state",
                         rating, weight);
        }
    }
    return cxm_pg_wstate_result(fcinfo, state);
}

/* An empty state is NULL, as for cxm_acc_agg. */
Datum cxmpg_cxm_wacc_finalfunc(PG_FUNCTION_ARGS)
{
    cxm_wacc *w = cxm_pg_wacc_read(PG_GETARG_DATUM(0));
    uint64_t n = 0, weight = 0, squares[2];

    cxm_wacc_totals(w, &n, &weight, squares);
    if (n == 0) {
        PG_RETURN_NULL();
    }
    PG_RETURN_DATUM(cxm_pg_from_wacc(w, NULL));
}

/* cxm_merge_agg(cxm_wacc) leaves as an encoding (an empty state included),
 * never as the sums form it was built in. */
Datum cxmpg_cxm_wacc_merge_finalfunc(PG_FUNCTION_ARGS)
{
    PG_RETURN_POINTER(cxm_pg_wflat(PG_GETARG_DATUM(0)));
}
