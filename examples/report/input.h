/*
 * How an export is read: the options cxm-report and compare-periods share,
 * so that both read the same files the same way. Real exports name their
 * columns their own way (Survey, Score, Agent, Submitted At), leave out the
 * metric when a file holds one survey, put CSAT on 1-10, separate with ';'
 * and weight answers by account: --column, --as, --scale, --delimiter and
 * --weight say so.
 */
#ifndef INPUT_H
#define INPUT_H

#include <stdbool.h>

#include "cmdline.h"
#include "metrics.h"

/* The columns an answer is read from. */
enum field { FIELD_METRIC, FIELD_RATING, FIELD_SEGMENT, FIELD_DATE, FIELD_WEIGHT, FIELD_COUNT };

/* "metric", "rating", "segment", "date", "weight" */
const char *field_name(enum field f);

typedef struct input_format {
    const char *header[FIELD_COUNT]; /* the header of each field's column: its name unless
                                        --column gives another; NULL for weight without one */
    int as_metric;                   /* --as: every answer is this metric; else METRIC_ANY */
    char delimiter;                  /* --delimiter, or '\0': found on the header line */
    metric_scales scales;            /* --scale, else the library's */
} input_format;

/* The defaults: columns named as their fields, no weight, a metric column,
 * the delimiter found, the library's scales. */
void input_format_init(input_format *f);

/* Whether the answers are weighted (--weight, or --column weight=...). */
bool input_weighted(const input_format *f);

enum input_option {
    INPUT_OTHER, /* not an input option */
    INPUT_TAKEN, /* applied */
    INPUT_BAD    /* an input option with a bad value: *why says what is wrong (then the value) */
};

/* Applies the option arg with its value if it is one of the input options. */
enum input_option input_option(input_format *f, const char *arg, const char *value,
                               const char **why);

/* Whether a header cell names a column: equal in any ASCII case, spaces and
 * tabs around either ignored ("Submitted At" is " submitted at "). */
bool header_equal(const char *cell, const char *name);

/* Checks the options together, after all are read; returns NULL or why not. */
const char *input_check(const input_format *f);

/* The input options, each taking a value: --column and --scale repeatable. */
extern const cmdline_option input_options[];

/* The lines of a program's --help that describe the input options. */
extern const char input_usage[];

#endif
