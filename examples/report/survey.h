/*
 * Survey answers in accumulators: what cxm-report and compare-periods share.
 * Copy it with csv.c, dates.c, groups.c, utf8.c and state.c.
 *
 * Input is CSV whose header names the columns, in any order: metric and
 * rating are required, segment and date optional, any other column is
 * ignored. metric is csat (1-5), nps (0-10) or ces (CES 2.0, 1-7). Each
 * (metric, segment) pair is a group with its own accumulator or, when the
 * report needs dates, its own series of days. An empty rating is a missing
 * answer: counted as such, never recorded as a rating. A bad line is reported
 * on stderr with its file name and line number and skipped; nothing else of
 * the input is lost.
 */
#ifndef SURVEY_H
#define SURVEY_H

#include <stdbool.h>
#include <stdio.h>

#include <cxmetrics.h>

#include "dates.h"
#include "groups.h"

enum { METRIC_CSAT, METRIC_NPS, METRIC_CES, METRIC_COUNT };

/* "csat", "nps", "ces" */
const char *metric_name(int metric);

/* The metric of a name (case-insensitive), or -1. */
int metric_from_name(const char *name);

/* The scale a metric's ratings are on. */
cxm_scale metric_scale(int metric);

/* What a survey keeps of the answers' dates. */
enum days_kept {
    DAYS_AUTO,    /* DAYS_ALL if the first input has dates, else DAYS_NONE */
    DAYS_NONE,    /* one accumulator per group; dates are only checked */
    DAYS_ALL,     /* a series per group holding every period (of `unit`) with answers */
    DAYS_TRAILING /* a series per group of the `trailing` days up to the head */
};

typedef struct survey {
    group_set groups;
    enum days_kept days;
    enum period unit;            /* DAYS_ALL: a bucket is a day, an ISO week or a month */
    uint32_t trailing;           /* DAYS_TRAILING: days kept */
    bool fixed_head;             /* DAYS_TRAILING: head is given (--until) */
    int64_t head;                /* DAYS_TRAILING: the newest day kept */
    bool any_day;                /* an answer with a date was counted */
    int64_t first_day, last_day; /* the oldest and newest day counted */
    unsigned long bad_lines;     /* reported and skipped */
    unsigned long missing;       /* answers with an empty rating, not counted */
    unsigned long outside;       /* answers dated outside a trailing window */
} survey;

#define SURVEY_INIT                                                                                \
    {                                                                                              \
        GROUP_SET_INIT, DAYS_AUTO, PERIOD_MONTH, 0, false, 0, false, 0, 0, 0, 0, 0                 \
    }

/* Reads one CSV stream into the survey (name is used in messages). Returns
 * 0; -1 if the stream cannot be read, its header lacks a required column
 * (the dates, if the survey keeps them), or memory runs out (all reported). */
int survey_read_csv(survey *s, FILE *in, const char *name);

/* Adds a part to the group (metric, segment), creating it if needed. With
 * dates kept, day is the day of the part's answers (any day of its period,
 * when buckets are weeks or months); without, it is ignored.
 * Returns CXM_OK; CXM_ERR_WINDOW if the day lies outside a trailing window
 * (nothing counted); CXM_ERR_NOMEM; CXM_ERR_OVERFLOW. */
int survey_add(survey *s, int metric, const char *segment, int64_t day, const cxm_acc *part);

/* Every answer of a metric, or of one segment of it (segment non-NULL), on
 * the days first..last (ignored when dates are not kept), added into `into`.
 * *found tells whether any group matched. Returns CXM_OK or a status of
 * cxm_series_sum / cxm_acc_merge. */
int survey_sum(const survey *s, int metric, const char *segment, int64_t first, int64_t last,
               cxm_acc *into, bool *found);

/* Whether the metric has a group (with the segment, if non-NULL). */
bool survey_has(const survey *s, int metric, const char *segment);

/* Moves every trailing window's head to the newest day counted, so that all
 * groups end on the same day. Returns CXM_OK or a status of advance. */
int survey_align(survey *s);

void survey_free(survey *s);

#endif
