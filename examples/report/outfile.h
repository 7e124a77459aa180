/*
 * An output file written whole or not at all (cxm-report's --svg chart).
 * A regular file, or a path that does not exist yet, is written to a
 * temporary file beside it, which takes the path's place only once the
 * output is finished: a report that fails leaves whatever was there before,
 * and a path that cannot be written is found before any work is done.
 * Anything else — a symbolic link, a device such as /dev/stdout, a pipe — is
 * written in place and never removed.
 */
#ifndef CXM_EXAMPLE_OUTFILE_H
#define CXM_EXAMPLE_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct outfile {
    FILE *file;       /* where to write; NULL until opened */
    const char *path; /* the file asked for */
    char *temp;       /* the temporary file beside it, or NULL when in place */
} outfile;

/* Opens path for writing. False, with errno set and nothing created, if it
 * cannot be. */
bool outfile_open(outfile *o, const char *path);

/* Closes the file: finished, it takes the path's place; not finished, the
 * temporary file is removed (and the path is as it was). Returns whether the
 * output is finished and in place; false with errno set if a step failed. */
bool outfile_close(outfile *o, bool finished);

/* Whether two paths name the same file: the same device and inode when both
 * exist, else the same spelling. */
bool outfile_same(const char *a, const char *b);

#endif
