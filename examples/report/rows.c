/* The numbers of the report; see rows.h. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

const char *row_segment_label(const report_row *r)
{
    return r->segment == NULL ? ALL_SEGMENTS : r->segment[0] == '\0' ? BLANK_SEGMENT : r->segment;
}

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

/* What the lines of one metric are computed with. */
typedef struct metric_lines {
    const survey *s;
    const report_spec *spec;
    int metric;
    int interval_method, compare_method; /* as asked, where the library allows it */
    cxm_acc *now, *before;               /* this window's answers and the previous one's */
    row_list rows;                       /* reused from line to line */
    row_sink sink;
    void *context;
} metric_lines;

/* The method asked for where the library's table allows it for the scale's
 * headline (cxm_method_resolve), else the default: --method wilson applies
 * to CSAT's intervals, not to NPS's nor to any comparison. */
static int method_for(const cxm_scale *scale, int method, int use)
{
    int quantity, resolved;
    return cxm_method_resolve(scale, CXM_QUANTITY_HEADLINE, method, use, &quantity, &resolved) ==
                   CXM_OK
               ? method
               : CXM_METHOD_DEFAULT;
}

/* Snapshot, interval and, with a previous window, the change. */
static int fill_row(report_row *r, const metric_lines *m, bool compared)
{
    double confidence = m->spec->confidence;
    r->snap = (cxm_snapshot)CXM_SNAPSHOT_INIT;
    r->interval = (cxm_interval)CXM_INTERVAL_INIT;
    r->change = (cxm_comparison)CXM_COMPARISON_INIT;
    int status = cxm_acc_snapshot(m->now, &r->snap);
    if (status != CXM_OK) {
        return status;
    }
    status = cxm_acc_interval(m->now, CXM_QUANTITY_HEADLINE, m->interval_method, confidence,
                              &r->interval);
    r->has_interval = status == CXM_OK;
    if (status != CXM_OK && status != CXM_ERR_EMPTY) {
        return status;
    }
    if (!compared) {
        return CXM_OK;
    }
    status = cxm_acc_compare(m->now, m->before, CXM_QUANTITY_HEADLINE, m->compare_method,
                             confidence, &r->change);
    r->has_change = status == CXM_OK;
    return status == CXM_ERR_EMPTY ? CXM_OK : status; /* undefined: shown without a change */
}

/* The windows of a line: periods in order, or the days before the trailing
 * window then the window itself, or every date. */
static int64_t window_count(const report_spec *spec)
{
    return spec->span == SPAN_PERIODS    ? spec->last - spec->first + 1
           : spec->span == SPAN_TRAILING ? 2
                                         : 1;
}

static void window_days(const report_spec *spec, int64_t i, int64_t *first, int64_t *last)
{
    if (spec->span == SPAN_PERIODS) {
        *first = period_first_day(spec->by, spec->first + i);
        *last = period_last_day(spec->by, spec->first + i);
    } else if (spec->span == SPAN_TRAILING) {
        *last = spec->head - (1 - i) * spec->days;
        *first = *last - spec->days + 1;
    } else {
        *first = DATE_FIRST_DAY;
        *last = DATE_LAST_DAY;
    }
}

static bool partial(const report_spec *spec, int64_t first, int64_t last)
{
    return spec->span != SPAN_TOTAL && (first < spec->covered_first || last > spec->covered_last);
}

/* The row of window i, from m->now and m->before. */
static int add_row(metric_lines *m, const char *segment, int64_t i, int64_t first, int64_t last,
                   bool before_partial)
{
    const report_spec *spec = m->spec;
    report_row *r = append(&m->rows);
    if (r == NULL) {
        return CXM_ERR_NOMEM;
    }
    *r = (report_row){.metric = m->metric,
                      .segment = segment,
                      .period = spec->first + i,
                      .first_day = first,
                      .last_day = last,
                      .partial = partial(spec, first, last)};
    int status = fill_row(r, m, spec->span != SPAN_TOTAL);
    r->tested = r->has_change && !r->partial && !before_partial;
    r->significant = r->tested && r->change.p_value < 1.0 - spec->confidence;
    return status;
}

/* Every row of one line: the metric, and a segment or all of them. */
static int line_rows(metric_lines *m, const char *segment)
{
    const report_spec *spec = m->spec;
    bool before_partial = false;
    m->rows.count = 0;
    cxm_acc_reset(m->before);
    for (int64_t i = 0; i < window_count(spec); i++) {
        int64_t first, last;
        bool found;
        window_days(spec, i, &first, &last);
        cxm_acc_reset(m->now);
        int status = survey_sum(m->s, m->metric, segment, first, last, m->now, &found);
        if (status == CXM_OK && (spec->span != SPAN_TRAILING || i == 1)) {
            status = add_row(m, segment, i, first, last, before_partial);
        }
        if (status != CXM_OK) {
            return status;
        }
        cxm_acc *swap = m->before;
        m->before = m->now;
        m->now = swap;
        before_partial = partial(spec, first, last);
    }
    return m->sink(m->rows.items, m->rows.count, m->context);
}

/* (all) and each named segment of the metric, then the blank one when there
 * are named ones; or the one segment asked for. */
static int metric_rows(metric_lines *m)
{
    const survey *s = m->s;
    const char *only = m->spec->segment;
    if (only != NULL) {
        return survey_has(s, m->metric, only) ? line_rows(m, only) : CXM_OK;
    }
    int status = line_rows(m, NULL);
    for (size_t i = 0; status == CXM_OK && i < s->groups.count; i++) {
        const survey_group *g = &s->groups.items[i];
        if (g->metric == m->metric && g->segment[0] != '\0') {
            status = line_rows(m, g->segment);
        }
    }
    if (status == CXM_OK && survey_has_segments(s, m->metric) && survey_has(s, m->metric, "")) {
        status = line_rows(m, "");
    }
    return status;
}

/* The lines of one metric, with its two accumulators. */
static int one_metric(metric_lines *m, const cxm_scale *scale)
{
    int status = cxm_acc_new(scale, &m->now);
    if (status != CXM_OK) {
        goto done;
    }
    status = cxm_acc_new(scale, &m->before);
    if (status != CXM_OK) {
        goto done;
    }
    status = metric_rows(m);
done:
    cxm_acc_free(m->now);
    cxm_acc_free(m->before);
    m->now = m->before = NULL;
    return status;
}

int report_rows(const survey *s, const report_spec *spec, row_sink sink, void *context)
{
    metric_lines m = {.s = s, .spec = spec, .sink = sink, .context = context};
    int status = CXM_OK;
    for (m.metric = 0; status == CXM_OK && m.metric < METRIC_COUNT; m.metric++) {
        const cxm_scale *scale = &s->scales.of[m.metric];
        if ((spec->metric == METRIC_ANY || spec->metric == m.metric) &&
            survey_has(s, m.metric, NULL)) {
            m.interval_method = method_for(scale, spec->method, CXM_USE_INTERVAL);
            m.compare_method = method_for(scale, spec->method, CXM_USE_COMPARE);
            status = one_metric(&m, scale);
        }
    }
    free(m.rows.items);
    return status;
}
