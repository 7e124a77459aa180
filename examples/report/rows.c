/* The numbers of the report; see rows.h. */
#include "rows.h"

#include <math.h>
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
    bool snapshot_interval;              /* the interval asked is the snapshot's */
    tally now, before;                   /* this window's answers and the previous one's */
    row_list rows;                       /* reused from line to line */
    family *tested;                      /* the p-values, then the q of the changes tested */
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

/* Whether the interval asked for is the one every snapshot carries: the
 * headline's 95 % interval by the default method (cxm_acc_snapshot,
 * cxm_wacc_snapshot). Then the row takes it from there, rather than have the
 * library compute it twice: for a weighted share it is a Korn-Graubard
 * interval, two Beta quantiles, half the cost of a report of many groups. */
static bool snapshot_interval(const cxm_scale *scale, int method, double confidence, int use,
                              int *resolved)
{
    int quantity, asked, standard;
    cxm_method_resolve(scale, CXM_QUANTITY_HEADLINE, method, use, &quantity, &asked);
    cxm_method_resolve(scale, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, use, &quantity, &standard);
    *resolved = asked;
    return asked == standard && confidence == 0.95;
}

/* The row's interval: the snapshot's, or the library's for the method and
 * confidence asked. */
static int fill_interval(report_row *r, const metric_lines *m)
{
    if (m->snapshot_interval) {
        r->has_interval =
            !isnan(r->snap.score_low); /* NaN exactly where the interval is undefined */
        r->interval = (row_interval){m->interval_method, r->snap.score_low, r->snap.score_high};
        return CXM_OK;
    }
    cxm_interval iv = CXM_INTERVAL_INIT;
    int status = tally_interval(&m->now, m->interval_method, m->spec->confidence, &iv);
    r->has_interval = status == CXM_OK;
    r->interval = (row_interval){iv.method, iv.low, iv.high};
    return status == CXM_ERR_EMPTY ? CXM_OK : status;
}

/* Snapshot, interval and, with a previous window, the change. */
static int fill_row(report_row *r, const metric_lines *m, bool compared)
{
    double confidence = m->spec->confidence;
    r->snap = (cxm_snapshot)CXM_SNAPSHOT_INIT;
    r->change = (cxm_comparison)CXM_COMPARISON_INIT;
    int status = tally_snapshot(&m->now, &r->snap);
    if (status != CXM_OK) {
        return status;
    }
    status = fill_interval(r, m);
    if (status != CXM_OK) {
        return status;
    }
    if (!compared) {
        return CXM_OK;
    }
    status = tally_compare(&m->now, &m->before, m->compare_method, confidence, &r->change);
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
    if (status != CXM_OK || !r->tested) {
        return status;
    }
    if (m->tested->collecting) {
        return family_add(m->tested, r->change.p_value);
    }
    r->q = family_next(m->tested);
    r->significant = r->q < 1.0 - spec->confidence;
    return CXM_OK;
}

/* Every row of one line: the metric, and a segment or all of them. */
static int line_rows(metric_lines *m, const char *segment)
{
    const report_spec *spec = m->spec;
    bool before_partial = false;
    m->rows.count = 0;
    tally_reset(&m->before);
    for (int64_t i = 0; i < window_count(spec); i++) {
        int64_t first, last;
        bool found;
        window_days(spec, i, &first, &last);
        tally_reset(&m->now);
        int status = survey_sum(m->s, m->metric, segment, first, last, &m->now, &found);
        if (status == CXM_OK && (spec->span != SPAN_TRAILING || i == 1)) {
            status = add_row(m, segment, i, first, last, before_partial);
        }
        if (status != CXM_OK) {
            return status;
        }
        tally swap = m->before;
        m->before = m->now;
        m->now = swap;
        before_partial = partial(spec, first, last);
    }
    return m->tested->collecting ? CXM_OK : m->sink(m->rows.items, m->rows.count, m->context);
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

/* The lines of one metric, with its two tallies. */
static int one_metric(metric_lines *m, const cxm_scale *scale)
{
    int status = tally_new(&m->now, scale, m->s->weighted);
    if (status != CXM_OK) {
        goto done;
    }
    status = tally_new(&m->before, scale, m->s->weighted);
    if (status != CXM_OK) {
        goto done;
    }
    status = metric_rows(m);
done:
    tally_free(&m->now);
    tally_free(&m->before);
    return status;
}

/* One pass over every line of every metric shown. */
static int all_metrics(metric_lines *m)
{
    const report_spec *spec = m->spec;
    bool weighted = m->s->weighted;
    int status = CXM_OK;
    for (m->metric = 0; status == CXM_OK && m->metric < METRIC_COUNT; m->metric++) {
        const cxm_scale *scale = &m->s->scales.of[m->metric];
        if ((spec->metric == METRIC_ANY || spec->metric == m->metric) &&
            survey_has(m->s, m->metric, NULL)) {
            m->interval_method = method_for(scale, spec->method, tally_use(weighted, false));
            m->snapshot_interval =
                snapshot_interval(scale, m->interval_method, spec->confidence,
                                  tally_use(weighted, false), &m->interval_method);
            m->compare_method = method_for(scale, spec->method, tally_use(weighted, true));
            status = one_metric(m, scale);
        }
    }
    return status;
}

int report_rows(const survey *s, const report_spec *spec, row_sink sink, void *context,
                size_t *tested)
{
    family changes = FAMILY_INIT(spec->adjust);
    metric_lines m = {.s = s, .spec = spec, .tested = &changes, .sink = sink, .context = context};
    int status = CXM_OK;
    if (spec->span != SPAN_TOTAL) {
        status = all_metrics(&m); /* the first pass: the p-values */
        if (status != CXM_OK) {
            goto done;
        }
    }
    status = family_adjust(&changes);
    if (status != CXM_OK) {
        goto done;
    }
    status = all_metrics(&m); /* the rows, with their q */
done:
    *tested = changes.count;
    family_free(&changes);
    free(m.rows.items);
    return status;
}
