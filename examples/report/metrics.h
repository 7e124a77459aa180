/*
 * The metrics of a survey export — csat, nps and ces — and the scale each is
 * read on. A metric's scale is the one the library's text form gives its name
 * (cxm_scale_parse: "csat" is csat5, 1-5; "nps" is 0-10; "ces" is ces7, the
 * 1-7 CES 2.0) unless the user gives another in the same text form
 * (--scale csat=csat10, --scale ces=1..7/6..7/1..3/mean), so the report holds
 * no table of scales of its own.
 */
#ifndef METRICS_H
#define METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cxmetrics.h>

enum { METRIC_CSAT, METRIC_NPS, METRIC_CES, METRIC_COUNT };

/* As a filter (--metric not given): every metric. */
#define METRIC_ANY METRIC_COUNT

/* "csat", "nps", "ces" */
const char *metric_name(int metric);

/* The metric of a name, in any case ("NPS", "Csat"); false for other text. */
bool metric_parse(const char *name, int *metric);

/* The scale of each metric in one report. */
typedef struct metric_scales {
    cxm_scale of[METRIC_COUNT];
    bool given[METRIC_COUNT]; /* set by --scale, which names each metric once */
} metric_scales;

/* Each metric's scale as the library names it. */
void metric_scales_default(metric_scales *m);

/* Applies "METRIC=SCALE" (SCALE in the library's text form). Returns NULL,
 * or why not (m unchanged): a second scale for one metric is refused, so
 * that two --scale options cannot disagree unseen. */
const char *metric_scales_set(metric_scales *m, const char *assignment);

#define SCALE_TEXT_MAX 256

/* A scale for people: its text form, and what it means when that is a
 * name: "csat5 (1..5, positive 4..5, negative 1..2, share)". */
void scale_describe(const cxm_scale *scale, char buf[SCALE_TEXT_MAX]);

/* Whether the first len bytes of a and b are equal ignoring the case of ASCII
 * letters, as metric names and header names are compared. */
bool equal_ignoring_case(const char *a, const char *b, size_t len);

#endif
