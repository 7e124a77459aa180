/*
 * Reading survey answers into accumulators: the part cxm-report and
 * compare-periods share. Copy it with either program.
 *
 * Input is CSV with a header line `metric,rating` or `metric,rating,segment`;
 * metric is csat (1-5), nps (0-10) or ces (CES 2.0, 1-7). Each (metric,
 * segment) pair gets its own accumulator. An empty rating is a missing answer:
 * it is counted as such and never recorded as a rating. A bad line is reported
 * on stderr with its file name and line number and skipped; nothing else of
 * the input is lost.
 */
#ifndef SURVEY_H
#define SURVEY_H

#include <stdio.h>

#include <cxmetrics.h>

enum { METRIC_CSAT, METRIC_NPS, METRIC_CES, METRIC_COUNT };

/* "csat", "nps", "ces" */
const char *metric_name(int metric);

/* The metric of a name (case-insensitive), or -1. */
int metric_from_name(const char *name);

/* The scale preset a metric uses. */
int metric_preset(int metric);

#define SEGMENT_MAX 64 /* bytes of a segment name, with its terminating NUL */

typedef struct survey_group {
    int metric;
    char segment[SEGMENT_MAX]; /* "" when the input has no segment column */
    cxm_acc *acc;
} survey_group;

typedef struct survey {
    survey_group *groups;
    size_t count, capacity;
    unsigned long bad_lines; /* reported and skipped */
    unsigned long missing;   /* answers with an empty rating, not counted */
} survey;

#define SURVEY_INIT {NULL, 0, 0, 0, 0}

/* Reads one CSV stream into the survey (name is used in messages). Returns 0,
 * or -1 if the stream cannot be read or has no valid header (reported). */
int survey_read_csv(survey *s, FILE *in, const char *name);

/* The accumulator of (metric, segment), created empty if it does not exist
 * yet; NULL if memory runs out. */
cxm_acc *survey_group_acc(survey *s, int metric, const char *segment);

/* A new accumulator holding every segment of a metric merged (the caller
 * frees it), or NULL if the metric has no group or memory runs out. */
cxm_acc *survey_metric_total(const survey *s, int metric);

/* Writes every group's accumulator, encoded (cxm_acc_encode), to out:
 * "CXMS", a version byte (1), then per group its metric (1 byte), the length
 * of its segment name (1 byte), the name, the length of the encoding (4 bytes,
 * little-endian) and the encoding. Returns 0, or -1 on a write error. */
int survey_save(const survey *s, FILE *out);

/* Merges the groups of a file written by survey_save into the survey: the
 * daily-files-into-a-month roll-up. Returns 0, or -1 (reported) if the file
 * is not such a file or an accumulator in it does not decode. */
int survey_load(survey *s, FILE *in, const char *name);

/* The CXM_METHOD_* of a name such as "wilson" or "adjusted-wald", or -1. */
int method_from_name(const char *name);

/* The name of a resolved CXM_METHOD_* value. */
const char *method_name(int method);

/* Orders the groups by metric, then segment name. */
void survey_sort(survey *s);

void survey_free(survey *s);

#endif
