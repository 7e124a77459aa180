/*
 * SQL values from the library's numbers: composite rows filled field by
 * field, NaN as NULL, uint64 counts as bigint or an error, and the row of a
 * snapshot, which cxm_acc and cxm_wacc share.
 */
#include "cxm_pg.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

void cxm_pg_row_start(FunctionCallInfo fcinfo, CxmRow *row)
{
    if (get_call_result_type(fcinfo, NULL, &row->desc) != TYPEFUNC_COMPOSITE) {
        elog(ERROR, "cxmetrics: a composite result type was expected");
    }
    row->desc = BlessTupleDesc(row->desc);
    row->next = 0;
}

/* A field past the end of the result type is dropped: a database still on an
 * earlier version of the extension's SQL (before ALTER EXTENSION ... UPDATE)
 * has the composite types of that version, with fewer fields. */
static void row_put(CxmRow *row, Datum value, bool isnull)
{
    if (row->next < row->desc->natts && row->next < CXM_PG_ROW_MAX) {
        row->values[row->next] = value;
        row->nulls[row->next] = isnull;
    }
    row->next++;
}

void cxm_pg_row_double(CxmRow *row, double value)
{
    row_put(row, Float8GetDatum(value), isnan(value));
}

void cxm_pg_row_text(CxmRow *row, const char *value)
{
    row_put(row, CStringGetTextDatum(value), false);
}

void cxm_pg_row_count(CxmRow *row, uint64_t count, const char *what)
{
    row_put(row, Int64GetDatum(cxm_pg_bigint(count, what)), false);
}

Datum cxm_pg_row_finish(CxmRow *row)
{
    if (row->next < row->desc->natts) {
        elog(ERROR, "cxmetrics: the result type has %d fields, %d were filled", row->desc->natts,
             row->next);
    }
    return HeapTupleGetDatum(heap_form_tuple(row->desc, row->values, row->nulls));
}

/* A count beyond bigint is an error when it is read out (docs/sql.md): the
 * state holds it, SQL's bigint cannot, and the detail says so. */
int64 cxm_pg_bigint(uint64_t count, const char *what)
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

/* The headline's word as the scale text form spells it (share, net, mean). */
static const char *headline_name(int32_t headline)
{
    const char *name = cxm_headline_name(headline);

    if (name == NULL) {
        cxm_pg_raise(CXM_ERR_SCALE, "a state has the unknown headline %d", (int)headline);
    }
    return name;
}

Datum cxm_pg_snapshot_row(FunctionCallInfo fcinfo, const cxm_snapshot *s)
{
    CxmRow row;

    cxm_pg_row_start(fcinfo, &row);
    cxm_pg_row_text(&row, headline_name(s->headline));
    cxm_pg_row_count(&row, s->n, "n");
    cxm_pg_row_count(&row, s->positive, "positive");
    cxm_pg_row_count(&row, s->neutral, "neutral");
    cxm_pg_row_count(&row, s->negative, "negative");
    cxm_pg_row_double(&row, s->positive_share);
    cxm_pg_row_double(&row, s->negative_share);
    cxm_pg_row_double(&row, s->net);
    cxm_pg_row_double(&row, s->mean);
    cxm_pg_row_double(&row, s->stddev);
    cxm_pg_row_double(&row, s->score);
    cxm_pg_row_double(&row, s->score_low);
    cxm_pg_row_double(&row, s->score_high);
    cxm_pg_row_double(&row, s->weight_total);
    cxm_pg_row_double(&row, s->n_effective);
    return cxm_pg_row_finish(&row);
}
