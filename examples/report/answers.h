/*
 * Survey answers from a CSV export, into a survey (survey.h).
 *
 * The header names the columns, in any order (input.h: which header names
 * which field): rating is required, metric too unless --as gives it, segment
 * and date are optional (the date is needed for periods), weight is read
 * when asked for; any other column is ignored. The delimiter is the one the
 * header line holds most among , ; tab | unless given; a UTF-16 or UTF-32
 * file is refused with the reason.
 *
 * An empty rating is a missing answer: counted as such, never recorded as a
 * rating. A bad line is reported on stderr with its file name and line
 * number, saying what is wrong with it, and skipped; nothing else of the
 * input is lost.
 */
#ifndef ANSWERS_H
#define ANSWERS_H

#include <stdbool.h>
#include <stdio.h>

#include "input.h"
#include "survey.h"

/* Reads one CSV stream into the survey (name is used in messages). Returns
 * false (reported) if the stream cannot be read, is not UTF-8, its header
 * lacks a column the report needs, its answers span more days than a report
 * by day can hold, or memory runs out; bad lines are reported, counted in
 * s->bad_lines and skipped, and do not make it fail. */
bool answers_read(survey *s, const input_format *format, FILE *in, const char *name);

#endif
