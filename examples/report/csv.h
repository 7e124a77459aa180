/*
 * An RFC 4180 CSV reader that catches defects instead of guessing.
 *
 * Real exports carry a UTF-8 byte order mark, CRLF (or LF, or lone CR) line
 * ends, quoted fields with commas, doubled quotes and line breaks inside,
 * blank lines and spaces around fields. All of that is read right. What is
 * not CSV is reported, never mis-read: text after a closing quote ("1"0), a
 * quote inside an unquoted field, a quote left open at the end of the input,
 * a NUL byte, a record longer than CSV_RECORD_MAX bytes or with more than
 * CSV_FIELDS_MAX fields. A bad record is consumed to its end, so the next one
 * is read normally and line numbers stay right.
 *
 * Input is read in large blocks (no per-byte stdio call), so a million
 * records take a fraction of a second.
 */
#ifndef CSV_H
#define CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CSV_RECORD_MAX 4096 /* bytes of one record, without its line end */
#define CSV_FIELDS_MAX 64

enum csv_result {
    CSV_RECORD,    /* a record was read */
    CSV_BAD,       /* a malformed record was skipped; why says what was wrong */
    CSV_END,       /* no more records */
    CSV_READ_ERROR /* the stream failed */
};

typedef struct csv_reader {
    FILE *in;
    unsigned long line;                         /* the line the last record started on (1-based) */
    unsigned long next_line;                    /* the line the next record starts on */
    const char *why;                            /* for CSV_BAD: what was wrong */
    int count;                                  /* for CSV_RECORD: the number of fields */
    char *fields[CSV_FIELDS_MAX];               /* each NUL-terminated, quotes removed, trimmed */
    char text[CSV_RECORD_MAX + CSV_FIELDS_MAX]; /* the fields' bytes and NULs */
    unsigned char block[1 << 16];
    size_t pos, len;
    bool started, eof;
} csv_reader;

/* Prepares r to read from in (r may be uninitialised memory; it is large,
 * so allocate it rather than put it on a small stack). */
void csv_open(csv_reader *r, FILE *in);

/* Reads the next record, skipping blank lines (only spaces and tabs). */
enum csv_result csv_next(csv_reader *r);

#endif
