/* The shape of a command line; see cmdline.h. */
#include "cmdline.h"

#include <stdlib.h>
#include <string.h>

bool cmdline_fail(const char *program, const char *why, const char *arg)
{
    fprintf(stderr, "%s: %s%s\nTry '%s --help' for more information.\n", program, why, arg,
            program);
    return false;
}

/* The index of the option named arg over all the tables, or -1. */
static int find_option(const cmdline *c, const char *arg, const cmdline_option **found)
{
    int index = 0;
    for (const cmdline_option *const *t = c->tables; *t != NULL; t++) {
        for (const cmdline_option *o = *t; o->name != NULL; o++, index++) {
            if (strcmp(o->name, arg) == 0) {
                *found = o;
                return index;
            }
        }
    }
    return -1;
}

static void help_and_exit(const cmdline *c)
{
    c->help(stdout);
    exit(fflush(stdout) == 0 && !ferror(stdout) ? EXIT_SUCCESS : 2);
}

/* An argument that is not an option: a file, "-" among them. */
static bool is_file(const char *arg)
{
    return arg[0] != '-' || strcmp(arg, "-") == 0;
}

bool cmdline_parse(const cmdline *c, int argc, char **argv)
{
    bool seen[CMDLINE_MAX_OPTIONS] = {false}, files_only = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const cmdline_option *o = NULL;
        if (files_only || is_file(arg)) {
            if (!c->file(arg, c->context)) {
                return false;
            }
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            files_only = true;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            help_and_exit(c);
        }
        /* Whether the option exists is said first: "--bogus" last on the
         * line is unknown, not missing its value. */
        int index = find_option(c, arg, &o);
        if (index < 0 || index >= CMDLINE_MAX_OPTIONS) {
            return cmdline_fail(c->program, "unknown option ", arg);
        }
        if (seen[index] && !o->repeatable) {
            return cmdline_fail(c->program, arg,
                                " is given twice: give it once (it is not repeatable)");
        }
        if (i + 1 == argc) {
            return cmdline_fail(c->program, "missing value after ", arg);
        }
        seen[index] = true;
        if (!c->option(arg, argv[++i], c->context)) {
            return false;
        }
    }
    return true;
}
