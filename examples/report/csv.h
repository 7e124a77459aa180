/*
 * An RFC 4180 CSV reader that catches defects instead of guessing.
 *
 * Real exports carry a UTF-8 byte order mark, CRLF (or LF, or lone CR) line
 * ends, quoted fields with delimiters, doubled quotes and line breaks inside,
 * blank lines and spaces around fields, and are separated by commas, or by
 * semicolons (where the comma is the decimal mark), tabs or bars: the
 * delimiter is given, or found on the header line (csv_detect). All of that
 * is read right. A file in UTF-16 or UTF-32 is recognised by its byte order
 * mark (csv_start), so that it can be refused with a reason. What is
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

/* What a file's first bytes say it is. */
enum csv_encoding {
    CSV_UTF8,  /* a UTF-8 byte order mark (skipped), or none */
    CSV_UTF16, /* a UTF-16 byte order mark, either byte order */
    CSV_UTF32  /* a UTF-32 byte order mark, either byte order */
};

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
    char delimiter;                             /* ',' unless set (csv_set_delimiter) */
    bool plain[256];                            /* the bytes an unquoted field takes as is */
    const char *why;                            /* for CSV_BAD: what was wrong */
    int count;                                  /* for CSV_RECORD: the number of fields */
    char *fields[CSV_FIELDS_MAX];               /* each NUL-terminated, quotes removed, trimmed */
    char text[CSV_RECORD_MAX + CSV_FIELDS_MAX]; /* the fields' bytes and NULs */
    unsigned char block[1 << 16];
    size_t pos, len;
    bool started, eof;
} csv_reader;

/* Prepares r to read from in with the delimiter ',' (r may be uninitialised
 * memory; it is large, so allocate it rather than put it on a small stack). */
void csv_open(csv_reader *r, FILE *in);

/* Sets the delimiter (one of CSV_DELIMITERS). */
void csv_set_delimiter(csv_reader *r, char delimiter);

/* Reads the first block of input and returns the encoding its byte order
 * mark announces; a UTF-8 mark is skipped. Called before the first csv_next
 * (which otherwise calls it), so that a UTF-16 file is refused with a reason
 * instead of read as NUL bytes. */
enum csv_encoding csv_start(csv_reader *r);

#define CSV_DELIMITERS ",;\t|" /* those csv_detect considers, in this order */

/* The delimiter of the header line, after csv_start: the one of
 * CSV_DELIMITERS found most often in it outside quotes; ',' if it holds none
 * (a file of one column). Returns false, with *found the first of two that
 * tie, when two are found equally often. */
bool csv_detect(const csv_reader *r, char *found);

/* Reads the next record, skipping blank lines (only spaces and tabs). */
enum csv_result csv_next(csv_reader *r);

#endif
