/*
 * The shape of a command line, as cxm-report and compare-periods share it:
 * options that each take one value, given once unless they are repeatable,
 * files anywhere among them ("-" among them: cxm-report reads it as standard
 * input, compare-periods, which needs two files, as a name), "--" ending the
 * options (what follows is a file, even if it starts with '-'). A usage
 * error is one line naming what is wrong, and a pointer to --help: the full
 * help is for --help alone, where it is asked for.
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <stdbool.h>
#include <stdio.h>

/* An option that takes a value. */
typedef struct cmdline_option {
    const char *name; /* "--by" */
    bool repeatable;  /* each use adds (--load, --scale); else a second use is refused */
} cmdline_option;

#define CMDLINE_MAX_OPTIONS 32 /* of a program, over all its tables */

typedef struct cmdline {
    const char *program;                 /* "cxm-report", for the messages */
    const cmdline_option *const *tables; /* NULL-terminated; each ends with a NULL name */
    void (*help)(FILE *out);             /* the full help of --help */
    /* Applies one option (one of the tables') with its value; false if it is
     * refused (said, with cmdline_fail). */
    bool (*option)(const char *name, const char *value, void *context);
    /* Takes one file; false if refused (said). */
    bool (*file)(const char *path, void *context);
    void *context;
} cmdline;

/* Walks argv: -h and --help print the help on stdout and exit (0, or 2 if it
 * cannot be written); every other argument goes to c->option or c->file.
 * Returns false (said on stderr) for an unknown option, one given twice that
 * is not repeatable, an option without its value, or a refusal of the
 * callbacks. An unknown option is named as unknown even where no value
 * follows it. */
bool cmdline_parse(const cmdline *c, int argc, char **argv);

/* Prints "PROGRAM: WHY ARG" and the pointer to --help on stderr; false. */
bool cmdline_fail(const char *program, const char *why, const char *arg);

#endif
