/*
 * Functions reading a state: the score, n, the snapshot, intervals,
 * comparisons and the counts. Numbers are the library's; this file only
 * turns them into SQL values (NaN into NULL, uint64 into bigint or an error).
 */
#include "cxm_pg.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(cxmpg_cxm_score);
PG_FUNCTION_INFO_V1(cxmpg_cxm_n);
PG_FUNCTION_INFO_V1(cxmpg_cxm_snapshot);
PG_FUNCTION_INFO_V1(cxmpg_cxm_interval);
PG_FUNCTION_INFO_V1(cxmpg_cxm_compare);
PG_FUNCTION_INFO_V1(cxmpg_cxm_counts);

/* A composite result being filled field by field. */
typedef struct Row {
    TupleDesc desc;
    Datum values[16];
    bool nulls[16];
    int next;
} Row;

static void row_start(FunctionCallInfo fcinfo, Row *row)
{
    if (get_call_result_type(fcinfo, NULL, &row->desc) != TYPEFUNC_COMPOSITE) {
        elog(ERROR, "cxmetrics: a composite result type was expected");
    }
    row->desc = BlessTupleDesc(row->desc);
    row->next = 0;
}

static void row_put(Row *row, Datum value, bool isnull)
{
    row->values[row->next] = value;
    row->nulls[row->next] = isnull;
    row->next++;
}

/* An undefined number (the library's NaN) is NULL. */
static void row_double(Row *row, double value)
{
    row_put(row, Float8GetDatum(value), isnan(value));
}

static void row_text(Row *row, const char *value)
{
    row_put(row, CStringGetTextDatum(value), false);
}

/* A count beyond bigint is an error when it is read out (docs/sql.md): the
 * state holds it, SQL's bigint cannot, and the detail says so. */
static int64 count_to_bigint(uint64_t count, const char *what)
{
    if (count > (uint64_t)PG_INT64_MAX) {
        ereport(ERROR,
                (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                 errmsg("%s %llu is beyond the range of bigint", what, (unsigned long long)count),
                 errdetail("A bigint holds at most 9223372036854775807; the state "
                           "itself holds counts up to 18446744073709551615, as its text "
                           "form shows.")));
    }
    return (int64)count;
}

static void row_count(Row *row, uint64_t count, const char *what)
{
    row_put(row, Int64GetDatum(count_to_bigint(count, what)), false);
}

static Datum row_finish(Row *row)
{
    Assert(row->next == row->desc->natts);
    return HeapTupleGetDatum(heap_form_tuple(row->desc, row->values, row->nulls));
}

static void snapshot_of(Datum value, cxm_snapshot *out, cxm_scale *scale)
{
    CxmBorrowed b;
    int status = CXM_OK;

    cxm_pg_borrow(value, &b);
    status = cxm_acc_snapshot(b.acc, out);
    if (status == CXM_OK && scale != NULL) {
        status = cxm_acc_scale(b.acc, scale);
    }
    cxm_pg_release(&b);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot read a cxm_acc state");
    }
}

/* cxm_score(acc): the headline; NULL when empty. Also the final function of
 * cxm_csat, cxm_nps and cxm_ces. */
Datum cxmpg_cxm_score(PG_FUNCTION_ARGS)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;

    snapshot_of(PG_GETARG_DATUM(0), &s, NULL);
    if (s.n == 0 || isnan(s.score)) {
        PG_RETURN_NULL();
    }
    PG_RETURN_FLOAT8(s.score);
}

Datum cxmpg_cxm_n(PG_FUNCTION_ARGS)
{
    CxmBorrowed b;
    uint64_t n = 0;

    cxm_pg_borrow(PG_GETARG_DATUM(0), &b);
    cxm_acc_total(b.acc, &n);
    cxm_pg_release(&b);
    PG_RETURN_INT64(count_to_bigint(n, "n"));
}

/* The headline's word as the scale text form spells it (share, net, mean). */
static const char *headline_name(int32_t headline)
{
    const char *name = cxm_headline_name(headline);

    if (name == NULL) {
        cxm_pg_raise(CXM_ERR_SCALE, "a state has the unknown headline %d", (int)headline);
    }
    return name;
}

Datum cxmpg_cxm_snapshot(PG_FUNCTION_ARGS)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    Row row;

    snapshot_of(PG_GETARG_DATUM(0), &s, NULL);
    row_start(fcinfo, &row);
    row_text(&row, headline_name(s.headline));
    row_count(&row, s.n, "n");
    row_count(&row, s.positive, "positive");
    row_count(&row, s.neutral, "neutral");
    row_count(&row, s.negative, "negative");
    row_double(&row, s.positive_share);
    row_double(&row, s.negative_share);
    row_double(&row, s.net);
    row_double(&row, s.mean);
    row_double(&row, s.stddev);
    row_double(&row, s.score);
    row_double(&row, s.score_low);
    row_double(&row, s.score_high);
    PG_RETURN_DATUM(row_finish(&row));
}

/* The quantity and method named by the text arguments (22023 if unknown). */
static void parse_names(FunctionCallInfo fcinfo, int first, int *quantity, int *method)
{
    text *q = PG_GETARG_TEXT_PP(first);
    text *m = PG_GETARG_TEXT_PP(first + 1);
    int status = cxm_quantity_parse(VARDATA_ANY(q), VARSIZE_ANY_EXHDR(q), quantity);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "unknown quantity %s",
                     cxm_pg_quote(VARDATA_ANY(q), VARSIZE_ANY_EXHDR(q)));
    }
    status = cxm_method_parse(VARDATA_ANY(m), VARSIZE_ANY_EXHDR(m), method);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "unknown method %s",
                     cxm_pg_quote(VARDATA_ANY(m), VARSIZE_ANY_EXHDR(m)));
    }
}

/* The observed value of a resolved quantity. */
static double observed(const cxm_snapshot *s, int quantity)
{
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE: return s->positive_share;
    case CXM_QUANTITY_NEGATIVE_SHARE: return s->negative_share;
    case CXM_QUANTITY_NET: return s->net;
    case CXM_QUANTITY_MEAN: return s->mean;
    default: return NAN;
    }
}

/* Where a statistic is undefined (CXM_ERR_EMPTY) the library leaves its
 * output untouched, yet the row still names the resolved quantity and method
 * and must refuse what the library refuses. Asking the same question of a
 * probe of the same scale holding its lowest and highest rating — where every
 * statistic is defined — resolves and validates exactly as the library does. */
static int probe_state(const cxm_scale *scale, cxm_acc **out)
{
    int status = cxm_acc_new(scale, out);

    if (status == CXM_OK) {
        status = cxm_acc_add(*out, scale->min);
    }
    if (status == CXM_OK) {
        status = cxm_acc_add(*out, scale->max);
    }
    return status;
}

static int probe_interval(const cxm_scale *scale, int quantity, int method, double confidence,
                          cxm_interval *out)
{
    cxm_acc *probe = NULL;
    int status = probe_state(scale, &probe);

    if (status == CXM_OK) {
        status = cxm_acc_interval(probe, quantity, method, confidence, out);
    }
    cxm_acc_free(probe);
    return status;
}

static int probe_compare(const cxm_scale *scale, int quantity, int method, double confidence,
                         cxm_comparison *out)
{
    cxm_acc *probe = NULL;
    int status = probe_state(scale, &probe);

    if (status == CXM_OK) {
        status = cxm_acc_compare(probe, probe, quantity, method, confidence, out);
    }
    cxm_acc_free(probe);
    return status;
}

static void raise_statistic(int status, const char *what, int quantity, int method,
                            double confidence)
{
    const char *q = cxm_quantity_name(quantity);
    const char *m = cxm_method_name(method);

    cxm_pg_raise(status, "no %s of quantity \"%s\" by method \"%s\" at confidence %g", what,
                 q ? q : "?", m ? m : "?", confidence);
}

Datum cxmpg_cxm_interval(PG_FUNCTION_ARGS)
{
    int quantity = 0, method = 0;
    double confidence = PG_GETARG_FLOAT8(3);
    cxm_interval iv = CXM_INTERVAL_INIT;
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    cxm_scale scale = CXM_SCALE_INIT;
    CxmBorrowed b;
    int status = CXM_OK;
    bool defined = true;
    Row row;

    parse_names(fcinfo, 1, &quantity, &method);
    cxm_pg_borrow(PG_GETARG_DATUM(0), &b);
    status = cxm_acc_interval(b.acc, quantity, method, confidence, &iv);
    if (status == CXM_ERR_EMPTY) {
        defined = false;
        cxm_acc_snapshot(b.acc, &s);
        cxm_acc_scale(b.acc, &scale);
        status = probe_interval(&scale, quantity, method, confidence, &iv);
        iv.estimate = observed(&s, iv.quantity);
    }
    cxm_pg_release(&b);
    if (status != CXM_OK) {
        raise_statistic(status, "interval", quantity, method, confidence);
    }
    row_start(fcinfo, &row);
    row_text(&row, cxm_quantity_name(iv.quantity));
    row_text(&row, cxm_method_name(iv.method));
    row_double(&row, iv.confidence);
    row_double(&row, iv.estimate);
    row_double(&row, defined ? iv.se : NAN);
    row_double(&row, defined ? iv.low : NAN);
    row_double(&row, defined ? iv.high : NAN);
    PG_RETURN_DATUM(row_finish(&row));
}

Datum cxmpg_cxm_compare(PG_FUNCTION_ARGS)
{
    int quantity = 0, method = 0;
    double confidence = PG_GETARG_FLOAT8(4);
    cxm_comparison c = CXM_COMPARISON_INIT;
    cxm_snapshot sa = CXM_SNAPSHOT_INIT, sb = CXM_SNAPSHOT_INIT;
    cxm_scale scale_a = CXM_SCALE_INIT, scale_b = CXM_SCALE_INIT;
    CxmBorrowed a, b;
    int status = CXM_OK;
    bool defined = true;
    Row row;

    parse_names(fcinfo, 2, &quantity, &method);
    cxm_pg_borrow(PG_GETARG_DATUM(0), &a);
    cxm_pg_borrow(PG_GETARG_DATUM(1), &b);
    status = cxm_acc_compare(a.acc, b.acc, quantity, method, confidence, &c);
    cxm_acc_scale(a.acc, &scale_a);
    cxm_acc_scale(b.acc, &scale_b);
    if (status == CXM_ERR_EMPTY) {
        defined = false;
        cxm_acc_snapshot(a.acc, &sa);
        cxm_acc_snapshot(b.acc, &sb);
        status = probe_compare(&scale_a, quantity, method, confidence, &c);
        /* The observed difference where both sides define the quantity
         * (a mean of one rating each, or two constant samples). */
        c.difference = observed(&sa, c.quantity) - observed(&sb, c.quantity);
    }
    cxm_pg_release(&b);
    cxm_pg_release(&a);
    if (status == CXM_ERR_MISMATCH) {
        cxm_pg_raise(status, "cannot compare a state of scale \"%s\" with one of scale \"%s\"",
                     cxm_pg_scale_text(&scale_a), cxm_pg_scale_text(&scale_b));
    }
    if (status != CXM_OK) {
        raise_statistic(status, "comparison", quantity, method, confidence);
    }
    row_start(fcinfo, &row);
    row_text(&row, cxm_quantity_name(c.quantity));
    row_text(&row, cxm_method_name(c.method));
    row_double(&row, c.confidence);
    row_double(&row, c.difference);
    row_double(&row, defined ? c.se : NAN);
    row_double(&row, defined ? c.statistic : NAN);
    row_double(&row, defined ? c.df : NAN);
    row_double(&row, defined ? c.p_value : NAN);
    row_double(&row, defined ? c.low : NAN);
    row_double(&row, defined ? c.high : NAN);
    PG_RETURN_DATUM(row_finish(&row));
}

/* The scale of any cxm_acc datum. */
static void scale_of(Datum value, cxm_scale *out)
{
    CxmBorrowed b;
    int status = CXM_OK;

    cxm_pg_borrow(value, &b);
    status = cxm_acc_scale(b.acc, out);
    cxm_pg_release(&b);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot read a cxm_acc state");
    }
}

/* cxm_counts(acc): one row per rating with a nonzero count. The array holds
 * the scale's own span, allocated before the state is borrowed (nothing may
 * raise while a decoded state is held). */
Datum cxmpg_cxm_counts(PG_FUNCTION_ARGS)
{
    ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
    cxm_scale scale = CXM_SCALE_INIT;
    size_t span = 0;
    uint64_t *counts = NULL;
    CxmBorrowed b;
    int status = CXM_OK;

    scale_of(PG_GETARG_DATUM(0), &scale);
    span = (size_t)((int64)scale.max - scale.min + 1);
    counts = palloc(span * sizeof *counts);
    cxm_pg_borrow(PG_GETARG_DATUM(0), &b);
    status = cxm_acc_counts(b.acc, counts, span);
    cxm_pg_release(&b);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot read a cxm_acc state");
    }
    InitMaterializedSRF(fcinfo, 0);
    for (size_t i = 0; i < span; i++) {
        Datum values[2];
        bool nulls[2] = {false, false};

        if (counts[i] == 0) {
            continue;
        }
        values[0] = Int32GetDatum((int32)(scale.min + (int64)i));
        values[1] = Int64GetDatum(count_to_bigint(counts[i], "count"));
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    }
    return (Datum)0;
}
