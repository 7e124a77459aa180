/*
 * The numbers of the report, apart from how they are shown: per metric, one
 * line for all segments ("(all)") and one per segment (the blank one last,
 * as "(blank)", when the metric has named ones), each either a single total,
 * one row per calendar period, or the trailing window of N days. A row holds
 * the library's snapshot and interval and, for periods, the comparison with
 * the previous period (cxm_acc_compare, or cxm_wacc_compare when weighted):
 * the change, its interval and p-value, its q (the p-values of every tested
 * change of the report adjusted together, family.h), and whether it is
 * significant: q < 1 - confidence.
 *
 * A period the data covers only in part — the first month of an export that
 * starts on the 14th, the current month — is marked partial, and a change
 * into or out of it is shown but never tested: half a month against a whole
 * one is not the change a reader would take it for.
 *
 * Periods are sums of buckets out of each group's cxm_series: the input is
 * read once, whatever the number of periods.
 */
#ifndef ROWS_H
#define ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cxmetrics.h>

#include "dates.h"
#include "family.h"
#include "survey.h"

enum span {
    SPAN_TOTAL,   /* one row per line: every answer */
    SPAN_PERIODS, /* one row per period of `by` in first..last */
    SPAN_TRAILING /* one row per line: the `days` up to `head`, against the days before */
};

typedef struct report_spec {
    double confidence;
    int method; /* CXM_METHOD_*, where it applies; else the default */
    int adjust; /* CXM_ADJUST_* or ADJUST_NONE */
    enum span span;
    enum period by;        /* SPAN_PERIODS */
    int64_t first, last;   /* SPAN_PERIODS: period numbers */
    int64_t days, head;    /* SPAN_TRAILING */
    int64_t covered_first; /* the days the answers cover, first to last: a */
    int64_t covered_last;  /*   period reaching past them is partial */
    int metric;            /* METRIC_ANY for every metric */
    const char *segment;   /* NULL for (all) and every segment; "" for (blank) */
} report_spec;

/* The interval a row shows: its method, as resolved, and its bounds. */
typedef struct row_interval {
    int method;
    double low, high;
} row_interval;

typedef struct report_row {
    int metric;
    const char *segment;         /* NULL for all segments; "" for the blank one */
    int64_t period;              /* SPAN_PERIODS */
    int64_t first_day, last_day; /* SPAN_PERIODS and SPAN_TRAILING */
    bool partial;                /* the answers cover its days only in part */
    cxm_snapshot snap;
    bool has_interval; /* false when n = 0 (or the interval is undefined) */
    row_interval interval;
    bool has_change; /* compared with the previous period */
    cxm_comparison change;
    bool tested;      /* a change between two whole periods: one of the family */
    double q;         /* tested: its p-value adjusted with the family's */
    bool significant; /* tested, and q < 1 - confidence */
} report_row;

/* The label of a row's segment: "(all)", "(blank)" or the name. */
const char *row_segment_label(const report_row *r);

/* Receives the rows of one line (a metric, and all segments or one);
 * returns CXM_OK to go on, or a status that stops the report. */
typedef int (*row_sink)(const report_row *rows, size_t count, void *context);

/* Computes every row, line by line (metric, then (all), then segments
 * bytewise, then the blank one; periods in order), and hands each line to
 * sink, so that memory holds one line at a time however many periods and
 * segments there are; *tested receives the number of changes tested
 * together. The groups must be sorted (group_sort).
 * Returns CXM_OK, a library status, or the sink's. */
int report_rows(const survey *s, const report_spec *spec, row_sink sink, void *context,
                size_t *tested);

#endif
