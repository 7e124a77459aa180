/*
 * The transition, inverse and final functions of the aggregates
 * (cxmetrics--1.1.sql wires them up). A transition updates the expanded state
 * in place: one library call per row, no allocation, no encoding. The
 * combine function and the roll-up's transitions are the operators + and -
 * (operators.c); the scores' final function is cxm_score (functions.c).
 */
#include "cxm_pg.h"

PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_agg_sfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_agg_minvfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_add);
PG_FUNCTION_INFO_V1(cxmpg_cxm_rating_minvfunc);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_finalfunc);

static void add_rating(CxmExpanded *state, int32 rating)
{
    int status = cxm_acc_add(state->acc, rating);

    if (status != CXM_OK) {
        cxm_scale scale = CXM_SCALE_INIT;

        cxm_acc_scale(state->acc, &scale);
        cxm_pg_raise(status, "rating %d cannot be added to a state of scale \"%s\"", rating,
                     cxm_pg_scale_text(&scale));
    }
}

static void remove_rating(CxmExpanded *state, int32 rating)
{
    int status = cxm_acc_remove(state->acc, rating);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "rating %d cannot be removed from the state", rating);
    }
}

/* Refuses a scale text that differs from the state's scale. The text last
 * accepted is remembered, so a group written with one spelling of its scale
 * parses it once, not once per row. */
static void check_scale(CxmExpanded *state, const text *scale_text)
{
    const char *chars = VARDATA_ANY(scale_text);
    size_t len = VARSIZE_ANY_EXHDR(scale_text);
    cxm_scale given = CXM_SCALE_INIT;
    cxm_scale own = CXM_SCALE_INIT;

    if ((int)len == state->scale_text_len && memcmp(chars, state->scale_text, len) == 0) {
        return;
    }
    cxm_pg_scale_parse(chars, len, &given);
    cxm_acc_scale(state->acc, &own);
    if (cxm_scale_equal(&given, &own) != 1) {
        cxm_pg_raise(CXM_ERR_MISMATCH, "scale \"%s\" differs from the group's scale \"%s\"",
                     cxm_pg_scale_text(&given), cxm_pg_scale_text(&own));
    }
    if (len <= sizeof state->scale_text) {
        memcpy(state->scale_text, chars, len);
        state->scale_text_len = (int)len;
    }
}

static CxmExpanded *new_state(FunctionCallInfo fcinfo, const text *scale_text)
{
    cxm_scale scale = CXM_SCALE_INIT;

    cxm_pg_scale_parse(VARDATA_ANY(scale_text), VARSIZE_ANY_EXHDR(scale_text), &scale);
    return cxm_pg_expanded_new(&scale, cxm_pg_state_context(fcinfo));
}

static const text *scale_argument(FunctionCallInfo fcinfo)
{
    if (PG_ARGISNULL(2)) {
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                        errmsg("the scale of cxm_acc_agg must not be NULL")));
    }
    return PG_GETARG_TEXT_PP(2);
}

/* cxm_acc_agg(rating, scale): never returns NULL, so an all-NULL group still
 * has a state (empty) that cxm_acc_finalfunc maps to NULL. */
Datum cxmpg_cxm_acc_agg_sfunc(PG_FUNCTION_ARGS)
{
    const text *scale = scale_argument(fcinfo);
    CxmExpanded *state = PG_ARGISNULL(0) ? new_state(fcinfo, scale) : cxm_pg_target(fcinfo, 0);

    check_scale(state, scale);
    if (!PG_ARGISNULL(1)) {
        add_rating(state, PG_GETARG_INT32(1));
    }
    PG_RETURN_DATUM(EOHPGetRWDatum(&state->hdr));
}

/* The rows leaving a window frame were added by cxm_acc_agg_sfunc, which
 * checked their scale, so only the rating matters here. */
Datum cxmpg_cxm_acc_agg_minvfunc(PG_FUNCTION_ARGS)
{
    CxmExpanded *state = NULL;

    if (PG_ARGISNULL(0)) {
        PG_RETURN_NULL(); /* cannot happen; NULL asks the executor to recompute */
    }
    state = cxm_pg_target(fcinfo, 0);
    if (!PG_ARGISNULL(1)) {
        remove_rating(state, PG_GETARG_INT32(1));
    }
    PG_RETURN_DATUM(EOHPGetRWDatum(&state->hdr));
}

/* cxm_add(acc, rating): the state plus one rating. Also the transition of
 * cxm_csat, cxm_nps and cxm_ces, whose initial state names their scale. */
Datum cxmpg_cxm_add(PG_FUNCTION_ARGS)
{
    CxmExpanded *state = cxm_pg_target(fcinfo, 0);

    add_rating(state, PG_GETARG_INT32(1));
    PG_RETURN_DATUM(EOHPGetRWDatum(&state->hdr));
}

/* The inverse of cxm_add in the moving-aggregate form of the scores. */
Datum cxmpg_cxm_rating_minvfunc(PG_FUNCTION_ARGS)
{
    CxmExpanded *state = cxm_pg_target(fcinfo, 0);

    remove_rating(state, PG_GETARG_INT32(1));
    PG_RETURN_DATUM(EOHPGetRWDatum(&state->hdr));
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
