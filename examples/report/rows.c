/* The numbers of the report; see rows.h. */
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct row_list {
    report_row *items;
    size_t count, capacity;
} row_list;

static report_row *append(row_list *list)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity == 0 ? 64 : 2 * list->capacity;
        report_row *items = realloc(list->items, capacity * sizeof *items);
        if (items == NULL) {
            return NULL;
        }
        list->items = items;
        list->capacity = capacity;
    }
    return &list->items[list->count++];
}

/* The chosen method where it applies to the metric, else its default. */
static int interval(const cxm_acc *acc, const report_spec *spec, cxm_interval *out)
{
    int status = cxm_acc_interval(acc, CXM_QUANTITY_HEADLINE, spec->method, spec->confidence, out);
    if (status == CXM_ERR_ARG) {
        status =
            cxm_acc_interval(acc, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, spec->confidence, out);
    }
    return status;
}

static int compare(const cxm_acc *now, const cxm_acc *before, const report_spec *spec,
                   cxm_comparison *out)
{
    int status =
        cxm_acc_compare(now, before, CXM_QUANTITY_HEADLINE, spec->method, spec->confidence, out);
    if (status == CXM_ERR_ARG) {
        status = cxm_acc_compare(now, before, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT,
                                 spec->confidence, out);
    }
    return status;
}

/* The row of `now`; before is the previous period's accumulator, or NULL. */
static int fill_row(report_row *r, const cxm_acc *now, const cxm_acc *before,
                    const report_spec *spec)
{
    r->snap = (cxm_snapshot)CXM_SNAPSHOT_INIT;
    r->interval = (cxm_interval)CXM_INTERVAL_INIT;
    r->change = (cxm_comparison)CXM_COMPARISON_INIT;
    int status = cxm_acc_snapshot(now, &r->snap);
    int got = status == CXM_OK ? interval(now, spec, &r->interval) : status;
    r->has_interval = got == CXM_OK;
    if (got != CXM_OK && got != CXM_ERR_EMPTY) {
        return got;
    }
    got = before == NULL ? CXM_ERR_EMPTY : compare(now, before, spec, &r->change);
    r->has_change = got == CXM_OK;
    r->significant = r->has_change && r->change.p_value < 1.0 - spec->confidence;
    return got == CXM_OK || got == CXM_ERR_EMPTY ? CXM_OK : got;
}

/* The days of the i-th window of a line: periods in order, or the days
 * before the trailing window then the window itself. */
static int window_count(const report_spec *spec)
{
    return spec->span == SPAN_PERIODS    ? (int)(spec->last - spec->first + 1)
           : spec->span == SPAN_TRAILING ? 2
                                         : 1;
}

static void window_days(const report_spec *spec, int i, int64_t *first, int64_t *last)
{
    if (spec->span == SPAN_PERIODS) {
        *first = period_first_day(spec->by, spec->first + i);
        *last = period_last_day(spec->by, spec->first + i);
    } else if (spec->span == SPAN_TRAILING) {
        *last = spec->head - (1 - i) * spec->days;
        *first = *last - spec->days + 1;
    } else {
        *first = INT64_MIN / 2;
        *last = INT64_MAX / 2;
    }
}

typedef struct line_out {
    row_list rows; /* reused from line to line */
    row_sink sink;
    void *context;
} line_out;

/* Every row of one line: a metric, and a segment or all of them. */
static int line_rows(const survey *s, const report_spec *spec, int metric, const char *segment,
                     cxm_acc *now, cxm_acc *before, line_out *out)
{
    row_list *rows = &out->rows;
    rows->count = 0;
    int status = cxm_acc_reset(before);
    for (int i = 0; status == CXM_OK && i < window_count(spec); i++) {
        int64_t first, last;
        bool found;
        window_days(spec, i, &first, &last);
        status = cxm_acc_reset(now);
        status =
            status == CXM_OK ? survey_sum(s, metric, segment, first, last, now, &found) : status;
        bool shown = spec->span != SPAN_TRAILING || i == 1;
        report_row *r = status == CXM_OK && shown ? append(rows) : NULL;
        if (status == CXM_OK && shown && r == NULL) {
            status = CXM_ERR_NOMEM;
        } else if (r != NULL) {
            *r = (report_row){.metric = metric,
                              .segment = segment,
                              .period = spec->first + i,
                              .first_day = first,
                              .last_day = last};
            status = fill_row(r, now, spec->span == SPAN_TOTAL ? NULL : before, spec);
        }
        cxm_acc *swap = before;
        before = now;
        now = swap;
    }
    if (status == CXM_OK && out->sink(rows->items, rows->count, out->context) != 0) {
        status = -1;
    }
    return status;
}

/* (all), unless one segment is asked for, then each segment of the metric. */
static int metric_rows(const survey *s, const report_spec *spec, int metric, line_out *rows)
{
    cxm_scale scale = metric_scale(metric);
    cxm_acc *now = NULL, *before = NULL;
    int status = cxm_acc_new(&scale, &now);
    status = status == CXM_OK ? cxm_acc_new(&scale, &before) : status;
    if (status == CXM_OK && spec->segment == NULL) {
        status = line_rows(s, spec, metric, NULL, now, before, rows);
    }
    for (size_t i = 0; status == CXM_OK && i < s->groups.count; i++) {
        const survey_group *g = &s->groups.items[i];
        bool wanted =
            spec->segment == NULL ? g->segment[0] != '\0' : strcmp(g->segment, spec->segment) == 0;
        if (g->metric == metric && wanted) {
            status = line_rows(s, spec, metric, g->segment, now, before, rows);
        }
    }
    cxm_acc_free(now);
    cxm_acc_free(before);
    return status;
}

int report_rows(const survey *s, const report_spec *spec, row_sink sink, void *context)
{
    line_out out = {{NULL, 0, 0}, sink, context};
    int status = CXM_OK;
    for (int m = 0; status == CXM_OK && m < METRIC_COUNT; m++) {
        if ((spec->metric < 0 || spec->metric == m) && survey_has(s, m, NULL)) {
            status = metric_rows(s, spec, m, &out);
        }
    }
    if (status != CXM_OK && status != -1) {
        fprintf(stderr, "cxm-report: %s\n", cxm_status_message(status));
    }
    free(out.rows.items);
    return status;
}
