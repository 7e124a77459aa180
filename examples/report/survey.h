/*
 * Survey answers in accumulators: what cxm-report and compare-periods share.
 * Copy it with the files it includes (answers.c reads CSV into it, state.c
 * saves and loads it).
 *
 * Each (metric, segment) pair is a group with its own accumulator or, when
 * the report needs dates, its own series of periods (a day, an ISO week or a
 * month per bucket). The blank segment "" is a group like any other: the
 * answers whose segment was left empty, shown as "(blank)" beside the named
 * segments, so that segment rows add up to all answers.
 *
 * Errors, here and in every file of the report tools: a function returns a
 * library status (CXM_OK or a CXM_ERR_* code) when its caller decides what to
 * say, or a bool when it has said it itself on stderr (false: reported,
 * naming the file and line). Nothing returns -1, which is CXM_ERR_NULL.
 */
#ifndef SURVEY_H
#define SURVEY_H

#include <stdbool.h>
#include <stdio.h>

#include <cxmetrics.h>

#include "dates.h"
#include "groups.h"
#include "metrics.h"
#include "tally.h"

/* The report's names of the lines that are not a segment: all answers of a
 * metric, and those whose segment was left empty (stored as ""). A segment
 * may not take either name. */
#define ALL_SEGMENTS  "(all)"
#define BLANK_SEGMENT "(blank)"

/* The value of --segment: printable UTF-8, BLANK_SEGMENT naming the answers
 * without one (*segment is then ""). Returns NULL, or why not: a whole
 * message, since the value itself is not to be printed. */
const char *segment_parse(const char *value, const char **segment);

/* What a survey keeps of the answers' dates. */
enum days_kept {
    DAYS_AUTO,    /* DAYS_ALL by month if the first input is dated, else DAYS_NONE */
    DAYS_NONE,    /* one accumulator per group; dates are only checked */
    DAYS_ALL,     /* a series per group holding every period (of `unit`) with answers */
    DAYS_TRAILING /* a series per group of the `trailing` days up to the head */
};

typedef struct survey {
    group_set groups;
    metric_scales scales; /* each metric's */
    bool weighted;        /* answers carry weights (cxm_wacc, wseries), */
    bool weights_known;   /*   settled by --weight or by the first input */
    enum days_kept days;
    enum period unit;            /* DAYS_ALL: a bucket is a day, an ISO week or a month */
    uint32_t trailing;           /* DAYS_TRAILING: days kept */
    bool fixed_head;             /* DAYS_TRAILING: head is given (--until) */
    int64_t head;                /* DAYS_TRAILING: the newest day kept */
    bool any_day;                /* an answer with a date was counted */
    int64_t first_day, last_day; /* the oldest and newest day counted */
    bool covered;                /* the answers' days are known: */
    int64_t covered_first;       /*   the first and last day of the answers read, */
    int64_t covered_last;        /*   counted or dated outside a window */
    int only_metric;             /* what the report shows (METRIC_ANY: every metric) */
    const char *only_segment;    /*   and NULL or the one segment ("" for blank) */
    unsigned long bad_lines;     /* reported and skipped */
    unsigned long missing;       /* shown answers with an empty rating, not counted */
} survey;

/* An empty survey of answers on the given scales, keeping dates as `days`
 * says (DAYS_AUTO: as the first input has them), for a report of every
 * metric and segment; weighted if `weighted` (--weight), else as the first
 * input is (a state saved with weights, or not). */
void survey_init(survey *s, const metric_scales *scales, bool weighted, enum days_kept days);

/* Whether answers of (metric, segment) are in what the report shows. */
bool survey_shows(const survey *s, int metric, const char *segment);

/* Adds one rating with its weight (1 unless weighted), or a part's answers
 * (a tally of the survey's kind), to the group (metric, segment), creating it
 * if needed. With dates kept, day is the day of the answers (any day of their
 * period, when buckets are weeks or months); without, it is ignored. The
 * rating or part must be on the metric's scale. A rating's day is covered
 * (survey_cover); a part's days are its caller's to say.
 * Returns CXM_OK; CXM_ERR_WINDOW if the day lies outside a trailing window
 * (nothing counted), or if a series by day would have to span more than
 * CXM_SERIES_MAX_CAPACITY days (nothing counted); CXM_ERR_NOMEM;
 * CXM_ERR_OVERFLOW. */
int survey_add_rating(survey *s, int metric, const char *segment, int64_t day, int32_t rating,
                      uint32_t weight);
int survey_add(survey *s, int metric, const char *segment, int64_t day, const tally *part);

/* Records that the answers cover the days first..last (with those already
 * covered: the first and last of all). */
void survey_cover(survey *s, int64_t first, int64_t last);

/* The days the survey's kept answers cover, into *first and *last: those
 * of the answers read (survey_cover), within the trailing window when only
 * that is kept. Returns false when they cover no day (dates not kept, or a
 * window the answers do not reach). */
bool survey_kept_cover(const survey *s, int64_t *first, int64_t *last);

/* Every answer of a metric, or of one segment of it (segment non-NULL), on
 * the days first..last (ignored when dates are not kept), added into `into`
 * (a tally of the survey's kind). *found tells whether any group matched.
 * Returns CXM_OK or a status of the library's sums and merges. */
int survey_sum(const survey *s, int metric, const char *segment, int64_t first, int64_t last,
               tally *into, bool *found);

/* Whether the metric has a group (with the segment, if non-NULL). */
bool survey_has(const survey *s, int metric, const char *segment);

/* Whether the metric has a named segment, so that its blank one is a line of
 * its own. */
bool survey_has_segments(const survey *s, int metric);

/* The answers the report shows that lie outside the days first..last: with
 * a trailing window, those dated before it (or after it, with --until),
 * whether they were refused when read or left the window as it moved.
 * Returns CXM_OK or a status of the library's sums. */
int survey_outside(const survey *s, int64_t first, int64_t last, uint64_t *outside);

/* Moves every trailing window's head to the newest day counted, so that all
 * groups end on the same day. Returns CXM_OK or a status of advance. */
int survey_align(survey *s);

void survey_free(survey *s);

#endif
