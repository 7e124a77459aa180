/*
 * The transition, inverse and final functions of the aggregates
 * (cxmetrics--1.1.sql wires them up). A transition updates the counts form of
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

static void add_rating(CxmCounts *state, int32 rating)
{
    int status = cxm_pg_counts_add(state, rating);

    if (status != CXM_OK) {
        cxm_scale scale = CXM_SCALE_INIT;

        cxm_pg_counts_scale(state, &scale);
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

/* The scale texts cxm_acc_agg was given at this call site, each with an
 * empty state of its scale (kept in fn_extra, which lives as long as the
 * query). Rows repeat a few spellings — one per survey in a query that mixes
 * them — so a row pays a memcmp of its text and one of the scale's fields, not
 * a parse, and a new group is a copy. The oldest entry makes room. */
#define SCALE_CACHE_SIZE 8

typedef struct ScaleEntry {
    int len;
    char text[128];   /* longer than any scale text a user writes */
    CxmCounts *empty; /* NULL: the entry is unused */
} ScaleEntry;

typedef struct ScaleCache {
    int next; /* the entry to replace next */
    ScaleEntry entries[SCALE_CACHE_SIZE];
} ScaleCache;

static CxmCounts *empty_state(MemoryContext context, const cxm_scale *scale)
{
    CxmCounts *empty = MemoryContextAlloc(context, cxm_pg_counts_size(scale));

    cxm_pg_counts_start(empty, scale);
    return empty;
}

/* An empty state of the scale the row names. */
static const CxmCounts *scale_argument(FunctionCallInfo fcinfo)
{
    ScaleCache *cache = fcinfo->flinfo->fn_extra;
    cxm_scale scale = CXM_SCALE_INIT;
    const text *scale_text = NULL;
    const char *chars = NULL;
    size_t len = 0;
    ScaleEntry *entry = NULL;

    if (PG_ARGISNULL(2)) {
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                        errmsg("the scale of cxm_acc_agg must not be NULL")));
    }
    scale_text = PG_GETARG_TEXT_PP(2);
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
        return empty_state(CurrentMemoryContext, &scale); /* for this row only */
    }
    entry = &cache->entries[cache->next];
    cache->next = (cache->next + 1) % SCALE_CACHE_SIZE;
    if (entry->empty != NULL) {
        pfree(entry->empty);
        entry->empty = NULL;
    }
    entry->empty = empty_state(fcinfo->flinfo->fn_mcxt, &scale);
    memcpy(entry->text, chars, len);
    entry->len = (int)len;
    return entry->empty;
}

/* Refuses a row whose scale differs from the state's. Identical scale fields
 * are equal scales; anything else the library decides. */
static void check_scale(const CxmCounts *state, const CxmCounts *given)
{
    cxm_scale own = CXM_SCALE_INIT;
    cxm_scale theirs = CXM_SCALE_INIT;

    if (cxm_pg_counts_same_scale(state, given)) {
        return;
    }
    cxm_pg_counts_scale(state, &own);
    cxm_pg_counts_scale(given, &theirs);
    if (cxm_scale_equal(&theirs, &own) != 1) {
        cxm_pg_raise(CXM_ERR_MISMATCH, "scale \"%s\" differs from the group's scale \"%s\"",
                     cxm_pg_scale_text(&theirs), cxm_pg_scale_text(&own));
    }
}

/* cxm_acc_agg(rating, scale): never returns NULL, so an all-NULL group still
 * has a state (empty) that cxm_acc_finalfunc maps to NULL. */
Datum cxmpg_cxm_acc_agg_sfunc(PG_FUNCTION_ARGS)
{
    const CxmCounts *empty = scale_argument(fcinfo);
    CxmCounts *state = PG_ARGISNULL(0) ? cxm_pg_counts_copy(empty) : cxm_pg_state(fcinfo);

    check_scale(state, empty);
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
