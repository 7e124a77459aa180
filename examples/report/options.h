/*
 * The command line of cxm-report: every option checked, alone and with the
 * others, before any input is read, each refusal saying what is wrong with
 * which value. The help lists the metrics' scales and the methods that apply
 * to each as the library answers them (cxm_scale_parse, cxm_method_resolve),
 * so it cannot fall out of step with the library it runs on.
 */
#ifndef OPTIONS_H
#define OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "input.h"
#include "rows.h"
#include "survey.h"

typedef struct options {
    report_spec spec;
    input_format input;
    enum period by; /* --by, when by_given */
    bool by_given;
    long long last; /* --last, or 0 */
    const char *until, *svg, *save;
    bool csv;
    const char **loads, **inputs; /* each room for argc names */
    int load_count, input_count;
} options;

/* The defaults; loads and inputs each have room for argc names. */
void options_init(options *o, const char **loads, const char **inputs);

/* Reads the command line into o (cmdline.h: "--" ends the options). --help
 * prints the help and exits. Returns false (said on stderr in one line, with
 * a pointer to --help) for an unknown option, one given twice that is not
 * repeatable, a missing or bad value, or options that do not go together. */
bool options_parse(int argc, char **argv, options *o);

/* What a survey read for these options keeps of the dates. */
enum days_kept options_days(const options *o);

/* Prints "cxm-report: WHY ARG" and the pointer to --help on stderr; returns
 * false. */
bool options_fail(const char *why, const char *arg);

#endif
