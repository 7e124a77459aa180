/*
 * The state file of cxm-report --save / --load: every group's accumulator or
 * series, encoded by the library, in one file that refuses damage. It starts
 * with a magic number and a version, counts its records and ends with a
 * CRC-32C of all that precedes it, so a file cut anywhere, with bytes added,
 * or with any bit flipped is an error naming the file, never a report with
 * numbers missing. docs/format.md specifies it byte by byte.
 */
#ifndef STATE_H
#define STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "survey.h"

/* Whether the first bytes of a file are a state file's magic number (this
 * version's, or cxm-report 1.0's, which state_load refuses with a reason). */
bool state_magic_at(const void *bytes, size_t len);

#define STATE_MAGIC_LEN 4

/* Writes every group of the survey. Returns false on a write error or when
 * memory runs out (reported, naming the file). */
bool state_save(const survey *s, FILE *out, const char *name);

/* Checks a whole state file, then merges its groups into the survey (a
 * series saved with dates into an accumulator summed over its days, when the
 * survey keeps none). A file is refused, with one line naming it and the
 * reason, before anything of it is merged, unless it is an intact state file
 * that cxm-report could have written and this report can use: a known
 * metric and kind per record, each on the scale this report reads its
 * metric on, segment names that print (the CSV reader's rule), buckets with
 * answers only on days from 0001-01-01 to 9999-12-31, and periods that fit
 * the report's (a state without dates cannot serve a report by period, nor
 * one by month a report by week). Returns false if refused, or if merging
 * fails (memory, a count beyond 64 bits, days too far apart for a report by
 * day: said, naming the file). */
bool state_load(survey *s, FILE *in, const char *name);

#endif
