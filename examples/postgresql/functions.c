/*
 * Functions reading a state: the score, n, the snapshot and the counts of a
 * cxm_acc; the same of a cxm_wacc, its total weight, effective sample size
 * and unweighted counts. Numbers are the library's; this file only turns
 * them into SQL values (results.c). Intervals, comparisons and planning are
 * in statistics.c.
 */
#include "cxm_pg.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(cxmpg_cxm_score);
PG_FUNCTION_INFO_V1(cxmpg_cxm_n);
PG_FUNCTION_INFO_V1(cxmpg_cxm_snapshot);
PG_FUNCTION_INFO_V1(cxmpg_cxm_counts);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_score);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_n);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_snapshot);
PG_FUNCTION_INFO_V1(cxmpg_cxm_weight);
PG_FUNCTION_INFO_V1(cxmpg_cxm_n_effective);
PG_FUNCTION_INFO_V1(cxmpg_cxm_unweighted);

static void snapshot_of(Datum value, cxm_snapshot *out)
{
    CxmBorrowed b;
    int status = CXM_OK;

    cxm_pg_borrow(value, &b);
    status = cxm_acc_snapshot(b.acc, out);
    cxm_pg_release(&b);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot read a cxm_acc state");
    }
}

static void wsnapshot_of(Datum value, cxm_snapshot *out)
{
    cxm_wacc *w = cxm_pg_wacc_read(value);
    int status = cxm_wacc_snapshot(w, out);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot read a cxm_wacc state");
    }
}

/* The headline score of a snapshot; NULL when there is none (empty). */
static Datum score_of(FunctionCallInfo fcinfo, const cxm_snapshot *s)
{
    if (s->n == 0 || isnan(s->score)) {
        PG_RETURN_NULL();
    }
    PG_RETURN_FLOAT8(s->score);
}

/* cxm_score(acc): the headline; NULL when empty. Also the final function of
 * cxm_csat, cxm_nps and cxm_ces. */
Datum cxmpg_cxm_score(PG_FUNCTION_ARGS)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;

    snapshot_of(PG_GETARG_DATUM(0), &s);
    return score_of(fcinfo, &s);
}

Datum cxmpg_cxm_n(PG_FUNCTION_ARGS)
{
    CxmBorrowed b;
    uint64_t n = 0;

    cxm_pg_borrow(PG_GETARG_DATUM(0), &b);
    cxm_acc_total(b.acc, &n);
    cxm_pg_release(&b);
    PG_RETURN_INT64(cxm_pg_bigint(n, "n"));
}

Datum cxmpg_cxm_snapshot(PG_FUNCTION_ARGS)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;

    snapshot_of(PG_GETARG_DATUM(0), &s);
    PG_RETURN_DATUM(cxm_pg_snapshot_row(fcinfo, &s));
}

/* cxm_counts(acc): one row per rating with a nonzero count. */
Datum cxmpg_cxm_counts(PG_FUNCTION_ARGS)
{
    ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
    cxm_scale scale = CXM_SCALE_INIT;
    uint64_t counts[CXM_SCALE_MAX_RATINGS];
    CxmBorrowed b;
    int status = CXM_OK;

    cxm_pg_borrow(PG_GETARG_DATUM(0), &b);
    status = cxm_acc_scale(b.acc, &scale);
    if (status == CXM_OK) {
        status = cxm_acc_counts(b.acc, counts, CXM_SCALE_MAX_RATINGS);
    }
    cxm_pg_release(&b);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot read a cxm_acc state");
    }
    InitMaterializedSRF(fcinfo, 0);
    for (int64 rating = scale.min; rating <= scale.max; rating++) {
        uint64_t count = counts[rating - scale.min];
        Datum values[2];
        bool nulls[2] = {false, false};

        if (count == 0) {
            continue;
        }
        values[0] = Int32GetDatum((int32)rating);
        values[1] = Int64GetDatum(cxm_pg_bigint(count, "count"));
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    }
    return (Datum)0;
}

/* ---- weighted states ------------------------------------------------------ */

/* cxm_score(cxm_wacc): the weighted headline; NULL when empty. */
Datum cxmpg_cxm_wacc_score(PG_FUNCTION_ARGS)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;

    wsnapshot_of(PG_GETARG_DATUM(0), &s);
    return score_of(fcinfo, &s);
}

/* cxm_n(cxm_wacc): the number of responses, not their weight. */
Datum cxmpg_cxm_wacc_n(PG_FUNCTION_ARGS)
{
    cxm_wacc *w = cxm_pg_wacc_read(PG_GETARG_DATUM(0));
    uint64_t n = 0, weight = 0, squares[2];

    cxm_wacc_totals(w, &n, &weight, squares);
    PG_RETURN_INT64(cxm_pg_bigint(n, "n"));
}

Datum cxmpg_cxm_wacc_snapshot(PG_FUNCTION_ARGS)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;

    wsnapshot_of(PG_GETARG_DATUM(0), &s);
    PG_RETURN_DATUM(cxm_pg_snapshot_row(fcinfo, &s));
}

/* cxm_weight(cxm_wacc): W exactly, as numeric (it may exceed bigint). */
Datum cxmpg_cxm_weight(PG_FUNCTION_ARGS)
{
    cxm_wacc *w = cxm_pg_wacc_read(PG_GETARG_DATUM(0));
    uint64_t n = 0, weight = 0, squares[2];
    char digits[24];

    cxm_wacc_totals(w, &n, &weight, squares);
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)weight);
    return DirectFunctionCall3(numeric_in, CStringGetDatum(digits), ObjectIdGetDatum(InvalidOid),
                               Int32GetDatum(-1));
}

/* cxm_n_effective(cxm_wacc): Kish's W^2 / Q; NULL when empty. */
Datum cxmpg_cxm_n_effective(PG_FUNCTION_ARGS)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;

    wsnapshot_of(PG_GETARG_DATUM(0), &s);
    if (isnan(s.n_effective)) {
        PG_RETURN_NULL();
    }
    PG_RETURN_FLOAT8(s.n_effective);
}

/* cxm_unweighted(cxm_wacc): the responses as a cxm_acc, each counted once. */
Datum cxmpg_cxm_unweighted(PG_FUNCTION_ARGS)
{
    /* Memory for any scale's accumulator first: nothing may raise while a
     * decoded state is held. */
    void *mem = cxm_pg_aligned_alloc(CXM_ACC_FOOTPRINT_MAX);
    cxm_wacc *w = cxm_pg_wacc_read(PG_GETARG_DATUM(0));
    cxm_scale scale = CXM_SCALE_INIT;
    cxm_acc *acc = NULL;
    int status = cxm_wacc_scale(w, &scale);

    if (status == CXM_OK) {
        status = cxm_acc_init(mem, CXM_ACC_FOOTPRINT_MAX, &scale, &acc);
    }
    if (status == CXM_OK) {
        status = cxm_wacc_unweighted(w, acc);
    }
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot count the responses of a cxm_wacc state");
    }
    PG_RETURN_DATUM(cxm_pg_from_acc(acc, NULL));
}
