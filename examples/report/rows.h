/*
 * The numbers of the report, apart from how they are shown: per metric, one
 * line for all segments ("(all)") and one per segment, each either a single
 * total, one row per calendar period, or the trailing window of N days. A
 * row holds the library's snapshot and interval and, for periods, the
 * comparison with the previous period (cxm_acc_compare): the change, its
 * interval and p-value, and whether it is significant at the confidence.
 *
 * Periods are sums of day buckets out of each group's cxm_series: the input
 * is read once, whatever the number of periods.
 */
#ifndef ROWS_H
#define ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cxmetrics.h>

#include "dates.h"
#include "survey.h"

enum span {
    SPAN_TOTAL,   /* one row per line: every answer */
    SPAN_PERIODS, /* one row per period of `by` in first..last */
    SPAN_TRAILING /* one row per line: the `days` up to `head`, against the days before */
};

typedef struct report_spec {
    double confidence;
    int method; /* CXM_METHOD_*, where it applies; else the default */
    enum span span;
    enum period by;      /* SPAN_PERIODS */
    int64_t first, last; /* SPAN_PERIODS: period numbers */
    int64_t days, head;  /* SPAN_TRAILING */
    int metric;          /* -1 for every metric */
    const char *segment; /* NULL for (all) and every segment */
} report_spec;

typedef struct report_row {
    int metric;
    const char *segment;         /* NULL for all segments */
    int64_t period;              /* SPAN_PERIODS */
    int64_t first_day, last_day; /* SPAN_PERIODS and SPAN_TRAILING */
    cxm_snapshot snap;
    bool has_interval; /* false when n = 0 (or the interval is undefined) */
    cxm_interval interval;
    bool has_change; /* compared with the previous period */
    cxm_comparison change;
    bool significant; /* p < 1 - confidence */
} report_row;

/* Receives the rows of one line (a metric, and all segments or one); returns
 * 0 to go on. */
typedef int (*row_sink)(const report_row *rows, size_t count, void *context);

/* Computes every row, line by line (metric, then (all), then segments
 * bytewise; periods in order), and hands each line to sink, so that memory
 * holds one line at a time however many periods and segments there are.
 * Returns CXM_OK; a library status (reported on stderr); or -1 if the sink
 * stopped. The groups must be sorted (group_sort). */
int report_rows(const survey *s, const report_spec *spec, row_sink sink, void *context);

#endif
