/*
 * One record of the state file (state.c): a group's metric, segment and
 * answers. A record is decoded and checked whole — a known metric and kind,
 * a segment name that prints, the scale this report reads the metric on,
 * answers only on days the file covers — before any record of the file is
 * merged into the survey, so a refused file changes nothing.
 */
#ifndef RECORD_H
#define RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "survey.h"

/* Why a file is refused: one sentence, written once. */
typedef struct problem {
    char text[400];
} problem;

/* Writes the sentence; returns false. */
bool refuse(problem *p, const char *format, ...);

/* The days the answers of a file cover, as its header says: from first to
 * last when dated (a version 2 file: any day the CSV reader accepts). */
typedef struct coverage {
    bool dated;
    int64_t first, last;
} coverage;

/* A record's kind: answers without dates (0), or by day, ISO week or month
 * (1 + enum period); plus KIND_WEIGHTED when they carry weights. */
enum { KIND_TOTAL = 0, KIND_DAYS = 1, KIND_WEIGHTED = 4, KIND_LAST = 7 };

typedef struct record {
    int metric, kind;
    char segment[SEGMENT_MAX + 1];
    store held;
} record;

/* The kind of a group's record. */
int record_kind(const survey *s, const survey_group *g);

/* Decodes and checks the record at bytes[*at] (the file's records end at
 * `end`), moving *at past it. Returns false (p says why) if it is not one
 * cxm-report could have written for this report's scales. */
bool record_decode(const unsigned char *bytes, size_t *at, size_t end, const metric_scales *scales,
                   const coverage *c, record *r, problem *p);

void record_free(record *r);

/* Settles what a survey that waits for its first input keeps (DAYS_AUTO, an
 * unsettled weighting) from the file's first record. */
void record_settle(survey *s, const record *first);

/* Whether the record's answers can go into the survey: a total into a
 * report without dates; days into any period; weeks and months into the
 * same; weighted into weighted only. False (p says why) if not. */
bool record_fits(const survey *s, const record *r, problem *p);

/* Merges the record into the survey. wholes: the file does not say what
 * days it covers (version 2): each period with answers counts as covered
 * whole. False (p says why) if merging fails (memory, a count beyond 64
 * bits, answers too far apart for a report by day). */
bool record_merge(survey *s, const record *r, bool wholes, problem *p);

#endif
