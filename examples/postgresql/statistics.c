/*
 * Intervals and comparisons of cxm_acc and cxm_wacc states, and sample-size
 * planning. The library computes every number and resolves every name: where
 * a statistic is undefined for the sample (CXM_ERR_EMPTY, the library leaving
 * its output untouched) the row still names the quantity and method that
 * cxm_method_resolve resolves, the confidence and the observed estimate or
 * difference, with NULL for the rest; SQLite's JSON answers alike.
 */
#include "cxm_pg.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(cxmpg_cxm_interval);
PG_FUNCTION_INFO_V1(cxmpg_cxm_compare);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_interval);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_compare);
PG_FUNCTION_INFO_V1(cxmpg_cxm_plan_sample_size);

/* What a call asks: a quantity and a method as named, a confidence. */
typedef struct Question {
    int quantity;
    int method;
    double confidence;
} Question;

/* What the library answers. */
typedef struct Answer {
    int status;           /* of cxm_method_resolve, then of the statistic */
    int use;              /* the CXM_USE_* table the names are resolved from */
    bool resolved;        /* cxm_method_resolve accepted the names */
    int quantity, method; /* as resolved */
    cxm_scale scale_a, scale_b;
    cxm_interval interval;
    cxm_comparison comparison;
    double observed; /* the estimate or difference, where the statistic is undefined */
} Answer;

static void answer_init(Answer *a)
{
    const cxm_scale scale = CXM_SCALE_INIT;
    const cxm_interval interval = CXM_INTERVAL_INIT;
    const cxm_comparison comparison = CXM_COMPARISON_INIT;

    a->status = CXM_OK;
    a->use = CXM_USE_INTERVAL;
    a->resolved = false;
    a->quantity = a->method = 0;
    a->scale_a = a->scale_b = scale;
    a->interval = interval;
    a->comparison = comparison;
    a->observed = NAN;
}

/* "a, b, c": every name the library's table has, for the message about an
 * unknown one; read from the library, so the list never goes stale. */
static char *known_names(const char *(*name_of)(int))
{
    StringInfoData list;

    initStringInfo(&list);
    for (int i = 0; name_of(i) != NULL; i++) {
        appendStringInfo(&list, "%s%s", i > 0 ? ", " : "", name_of(i));
    }
    return list.data;
}

/* "a, b, c": the methods the library resolves for the quantity of the scale
 * from the table `use`, for the message about one that does not fit. */
static char *fitting_methods(const cxm_scale *scale, int quantity, int use)
{
    StringInfoData list;
    int q = 0, m = 0;

    initStringInfo(&list);
    for (int i = 0; cxm_method_name(i) != NULL; i++) {
        if (cxm_method_resolve(scale, quantity, i, use, &q, &m) == CXM_OK) {
            appendStringInfo(&list, "%s%s", list.len > 0 ? ", " : "", cxm_method_name(i));
        }
    }
    return list.data;
}

/* The quantity or method (`what`) a text argument names; 22023 naming the
 * accepted names if the library knows no such name. */
static int parse_name(const text *name, const char *what, int (*parse)(const char *, size_t, int *),
                      const char *(*name_of)(int))
{
    int out = 0;
    int status = parse(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), &out);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "unknown %s %s (one of: %s)", what,
                     cxm_pg_quote(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name)),
                     known_names(name_of));
    }
    return out;
}

/* The confidence the library refused (outside (0, 1), or NaN), by the
 * shortest text that reads back as the same double. */
static void raise_confidence(double confidence)
{
    cxm_pg_raise(CXM_ERR_ARG, "confidence must be between 0 and 1 exclusive, got %s",
                 float8out_internal(confidence));
}

/* The quantity and method named by the text arguments (22023 if unknown). */
static void parse_question(FunctionCallInfo fcinfo, int first, Question *q)
{
    q->quantity =
        parse_name(PG_GETARG_TEXT_PP(first), "quantity", cxm_quantity_parse, cxm_quantity_name);
    q->method =
        parse_name(PG_GETARG_TEXT_PP(first + 1), "method", cxm_method_parse, cxm_method_name);
    q->confidence = PG_GETARG_FLOAT8(first + 2);
}

/* Resolves the question for the first state's scale from the table `use`. */
static void resolve(const Question *q, int use, Answer *a)
{
    a->use = use;
    a->status =
        cxm_method_resolve(&a->scale_a, q->quantity, q->method, use, &a->quantity, &a->method);
    a->resolved = a->status == CXM_OK;
}

/* The observed value of a resolved quantity in a snapshot (of either type). */
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

/* ---- asking the library, one function per type and statistic -------------- */

static void ask_interval(Datum value, const Question *q, Answer *a)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    CxmBorrowed b;

    cxm_pg_borrow(value, &b);
    cxm_acc_scale(b.acc, &a->scale_a);
    resolve(q, CXM_USE_INTERVAL, a);
    if (a->resolved) {
        a->status = cxm_acc_interval(b.acc, q->quantity, q->method, q->confidence, &a->interval);
    }
    cxm_acc_snapshot(b.acc, &s);
    cxm_pg_release(&b);
    a->observed = observed(&s, a->quantity);
}

static void ask_wacc_interval(Datum value, const Question *q, Answer *a)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    cxm_wacc *w = cxm_pg_wacc_read(value);

    cxm_wacc_scale(w, &a->scale_a);
    resolve(q, CXM_USE_WEIGHTED_INTERVAL, a);
    if (a->resolved) {
        a->status = cxm_wacc_interval(w, q->quantity, q->method, q->confidence, &a->interval);
    }
    cxm_wacc_snapshot(w, &s);
    a->observed = observed(&s, a->quantity);
}

static void ask_compare(Datum left, Datum right, const Question *q, Answer *a)
{
    cxm_snapshot sa = CXM_SNAPSHOT_INIT, sb = CXM_SNAPSHOT_INIT;
    CxmBorrowed x, y;

    cxm_pg_borrow(left, &x);
    /* A decoded state is on the C heap: released if the second one raises. */
    PG_TRY();
    {
        cxm_pg_borrow(right, &y);
    }
    PG_CATCH();
    {
        cxm_pg_release(&x);
        PG_RE_THROW();
    }
    PG_END_TRY();
    cxm_acc_scale(x.acc, &a->scale_a);
    cxm_acc_scale(y.acc, &a->scale_b);
    resolve(q, CXM_USE_COMPARE, a);
    if (a->resolved) {
        a->status =
            cxm_acc_compare(x.acc, y.acc, q->quantity, q->method, q->confidence, &a->comparison);
    }
    cxm_acc_snapshot(x.acc, &sa);
    cxm_acc_snapshot(y.acc, &sb);
    cxm_pg_release(&y);
    cxm_pg_release(&x);
    a->observed = observed(&sa, a->quantity) - observed(&sb, a->quantity);
}

static void ask_wacc_compare(Datum left, Datum right, const Question *q, Answer *a)
{
    cxm_snapshot sa = CXM_SNAPSHOT_INIT, sb = CXM_SNAPSHOT_INIT;
    cxm_wacc *x = cxm_pg_wacc_read(left);
    cxm_wacc *y = cxm_pg_wacc_read(right);

    cxm_wacc_scale(x, &a->scale_a);
    cxm_wacc_scale(y, &a->scale_b);
    resolve(q, CXM_USE_WEIGHTED_COMPARE, a);
    if (a->resolved) {
        a->status = cxm_wacc_compare(x, y, q->quantity, q->method, q->confidence, &a->comparison);
    }
    cxm_wacc_snapshot(x, &sa);
    cxm_wacc_snapshot(y, &sb);
    a->observed = observed(&sa, a->quantity) - observed(&sb, a->quantity);
}

/* ---- rows ------------------------------------------------------------------- */

/* Raises the error of a refused question: a method the quantity's table does
 * not have, or (once resolved) a confidence outside (0, 1), or scales that
 * differ. Returns whether the statistic is defined. */
static bool check_answer(const Question *q, const Answer *a)
{
    if (a->status == CXM_OK || a->status == CXM_ERR_EMPTY) {
        return a->status == CXM_OK;
    }
    if (a->status == CXM_ERR_MISMATCH) {
        cxm_pg_raise(a->status, "cannot compare a state of scale \"%s\" with one of scale \"%s\"",
                     cxm_pg_scale_text(&a->scale_a), cxm_pg_scale_text(&a->scale_b));
    }
    if (a->status == CXM_ERR_ARG && !a->resolved) {
        cxm_pg_raise(a->status,
                     "method \"%s\" does not apply to quantity \"%s\" of scale \"%s\" "
                     "(it takes: %s)",
                     cxm_method_name(q->method), cxm_quantity_name(q->quantity),
                     cxm_pg_scale_text(&a->scale_a),
                     fitting_methods(&a->scale_a, q->quantity, a->use));
    }
    if (a->status == CXM_ERR_ARG) {
        raise_confidence(q->confidence); /* resolved: the names are not what it refused */
    }
    cxm_pg_raise(a->status, "no statistic of quantity \"%s\" by method \"%s\"",
                 cxm_quantity_name(q->quantity), cxm_method_name(q->method));
}

/* The names and the confidence that start every row. */
static void row_names(CxmRow *row, const Question *q, const Answer *a)
{
    cxm_pg_row_text(row, cxm_quantity_name(a->quantity));
    cxm_pg_row_text(row, cxm_method_name(a->method));
    cxm_pg_row_double(row, q->confidence);
}

static Datum interval_row(FunctionCallInfo fcinfo, const Question *q, const Answer *a)
{
    bool defined = check_answer(q, a);
    const cxm_interval *iv = &a->interval;
    CxmRow row;

    cxm_pg_row_start(fcinfo, &row);
    row_names(&row, q, a);
    cxm_pg_row_double(&row, defined ? iv->estimate : a->observed);
    cxm_pg_row_double(&row, defined ? iv->se : NAN);
    cxm_pg_row_double(&row, defined ? iv->low : NAN);
    cxm_pg_row_double(&row, defined ? iv->high : NAN);
    return cxm_pg_row_finish(&row);
}

static Datum comparison_row(FunctionCallInfo fcinfo, const Question *q, const Answer *a)
{
    bool defined = check_answer(q, a);
    const cxm_comparison *c = &a->comparison;
    CxmRow row;

    cxm_pg_row_start(fcinfo, &row);
    row_names(&row, q, a);
    cxm_pg_row_double(&row, defined ? c->difference : a->observed);
    cxm_pg_row_double(&row, defined ? c->se : NAN);
    cxm_pg_row_double(&row, defined ? c->statistic : NAN);
    cxm_pg_row_double(&row, defined ? c->df : NAN);
    cxm_pg_row_double(&row, defined ? c->p_value : NAN);
    cxm_pg_row_double(&row, defined ? c->low : NAN);
    cxm_pg_row_double(&row, defined ? c->high : NAN);
    return cxm_pg_row_finish(&row);
}

/* ---- the SQL functions ------------------------------------------------------- */

/* An interval or a comparison of the states in the first arguments, asked of
 * the library by the function of their type. */
static Datum interval_by(FunctionCallInfo fcinfo, void (*ask)(Datum, const Question *, Answer *))
{
    Question q;
    Answer a;

    parse_question(fcinfo, 1, &q);
    answer_init(&a);
    ask(PG_GETARG_DATUM(0), &q, &a);
    return interval_row(fcinfo, &q, &a);
}

static Datum comparison_by(FunctionCallInfo fcinfo,
                           void (*ask)(Datum, Datum, const Question *, Answer *))
{
    Question q;
    Answer a;

    parse_question(fcinfo, 2, &q);
    answer_init(&a);
    ask(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), &q, &a);
    return comparison_row(fcinfo, &q, &a);
}

Datum cxmpg_cxm_interval(PG_FUNCTION_ARGS)
{
    return interval_by(fcinfo, ask_interval);
}

Datum cxmpg_cxm_wacc_interval(PG_FUNCTION_ARGS)
{
    return interval_by(fcinfo, ask_wacc_interval);
}

Datum cxmpg_cxm_compare(PG_FUNCTION_ARGS)
{
    return comparison_by(fcinfo, ask_compare);
}

Datum cxmpg_cxm_wacc_compare(PG_FUNCTION_ARGS)
{
    return comparison_by(fcinfo, ask_wacc_compare);
}

/* ---- planning -------------------------------------------------------------------- */

/* The refusals of cxm_plan_sample_size, each with its SQLSTATE (errors.c)
 * and the value it names. The quantity parsed, so CXM_ERR_ARG refused the
 * confidence or, that being in (0, 1), the half-width (the order the library
 * checks them in). */
static void raise_plan(int status, const cxm_scale *scale, double confidence, double half_width)
{
    if (status == CXM_ERR_MISMATCH) {
        cxm_pg_raise(status, "the expected state's scale is not \"%s\"", cxm_pg_scale_text(scale));
    }
    if (status == CXM_ERR_OVERFLOW) {
        cxm_pg_raise(status,
                     "a half-width of %g at confidence %g needs more than "
                     "18446744073709551615 answers",
                     half_width, confidence);
    }
    if (status == CXM_ERR_ARG && !(confidence > 0 && confidence < 1)) {
        raise_confidence(confidence);
    }
    if (status == CXM_ERR_ARG) {
        cxm_pg_raise(status, "half_width must be positive, got %s", float8out_internal(half_width));
    }
    cxm_pg_raise(status, "no sample size for a half-width of %g at confidence %g", half_width,
                 confidence);
}

/* cxm_plan_sample_size(scale, expected, quantity, confidence, half_width,
 * population): NULL when an argument other than `expected` is NULL, as a
 * strict function, and when the pilot defines no variance (an undefined
 * number, as everywhere); expected NULL plans for the worst case. */
Datum cxmpg_cxm_plan_sample_size(PG_FUNCTION_ARGS)
{
    cxm_scale scale = CXM_SCALE_INIT;
    const text *scale_text = NULL;
    const text *quantity_text = NULL;
    int quantity = 0;
    double confidence = 0, half_width = 0;
    int64 population = 0;
    CxmBorrowed expected = {NULL, NULL};
    uint64_t n = 0;
    int status = CXM_OK;

    for (int i = 0; i < PG_NARGS(); i++) {
        if (i != 1 && PG_ARGISNULL(i)) {
            PG_RETURN_NULL();
        }
    }
    scale_text = PG_GETARG_TEXT_PP(0);
    quantity_text = PG_GETARG_TEXT_PP(2);
    confidence = PG_GETARG_FLOAT8(3);
    half_width = PG_GETARG_FLOAT8(4);
    population = PG_GETARG_INT64(5);
    cxm_pg_scale_parse(VARDATA_ANY(scale_text), VARSIZE_ANY_EXHDR(scale_text), &scale);
    quantity = parse_name(quantity_text, "quantity", cxm_quantity_parse, cxm_quantity_name);
    if (population < 0) {
        ereport(ERROR, (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                        errmsg("population " INT64_FORMAT " is negative", population),
                        errdetail("The population is how many people could answer; 0 means "
                                  "unlimited.")));
    }
    if (!PG_ARGISNULL(1)) {
        cxm_pg_borrow(PG_GETARG_DATUM(1), &expected);
    }
    status = cxm_plan_sample_size(&scale, expected.acc, quantity, confidence, half_width,
                                  (uint64_t)population, &n);
    cxm_pg_release(&expected);
    if (status == CXM_ERR_EMPTY) {
        PG_RETURN_NULL(); /* a pilot without answers (one, for a mean) shows no variance */
    }
    if (status != CXM_OK) {
        raise_plan(status, &scale, confidence, half_width);
    }
    if (n > (uint64_t)PG_INT64_MAX) {
        ereport(ERROR, (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
                        errmsg("a half-width of %g at confidence %g needs %llu answers, beyond "
                               "the range of bigint",
                               half_width, confidence, (unsigned long long)n)));
    }
    PG_RETURN_INT64((int64)n);
}
