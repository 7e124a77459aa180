/*
 * Output written whole or not at all (outfile.h). The chart is opened before
 * the inputs are read so that an unwritable path stops the report at once;
 * writing it to a temporary file and renaming it at the end is what lets a
 * report that then fails leave an earlier chart, or any file the path named
 * by mistake, untouched. rename() within one directory replaces the path in
 * one step, so no reader sees half a chart.
 */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether path is to be written in place: it exists and is not a regular
 * file (a symbolic link, a device, a pipe, a directory, which fopen refuses). */
static bool in_place(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* The temporary file "PATH.XXXXXX", created with the mode fopen would give. */
static FILE *open_temp(char *temp)
{
    int fd = mkstemp(temp);
    if (fd < 0) {
        return NULL;
    }
    mode_t mask = umask(0);
    umask(mask);
    FILE *file = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
    if (file == NULL) {
        int error = errno;
        close(fd);
        unlink(temp);
        errno = error;
    }
    return file;
}

bool outfile_open(outfile *o, const char *path)
{
    o->path = path;
    o->temp = NULL;
    if (in_place(path)) {
        o->file = fopen(path, "w");
        return o->file != NULL;
    }
    size_t len = strlen(path);
    o->temp = malloc(len + sizeof ".XXXXXX");
    if (o->temp == NULL) {
        errno = ENOMEM;
        return false;
    }
    memcpy(o->temp, path, len);
    memcpy(o->temp + len, ".XXXXXX", sizeof ".XXXXXX");
    o->file = open_temp(o->temp);
    if (o->file == NULL) {
        int error = errno;
        free(o->temp);
        o->temp = NULL;
        errno = error;
    }
    return o->file != NULL;
}

bool outfile_close(outfile *o, bool finished)
{
    bool ok = fclose(o->file) == 0 && finished;
    int error = errno;
    if (o->temp != NULL) {
        ok = ok && rename(o->temp, o->path) == 0;
        error = errno;
        if (!ok) {
            unlink(o->temp);
        }
        free(o->temp);
        o->temp = NULL;
    }
    o->file = NULL;
    errno = error;
    return ok;
}

bool outfile_same(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0) {
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    }
    return strcmp(a, b) == 0;
}
