/* The RFC 4180 CSV reader; see csv.h. */
#include "csv.h"

#include <string.h>

enum { END_OF_INPUT = -1, INPUT_ERROR = -2 };

void csv_set_delimiter(csv_reader *r, char delimiter)
{
    /* not the delimiter, a quote, a line end, a NUL, a space or a tab */
    for (int c = 0; c < 256; c++) {
        r->plain[c] = c > ' ' && c != '"' && c != (unsigned char)delimiter;
    }
    r->delimiter = delimiter;
}

void csv_open(csv_reader *r, FILE *in)
{
    r->in = in;
    r->line = 0;
    r->next_line = 1;
    csv_set_delimiter(r, ',');
    r->why = NULL;
    r->count = 0;
    r->pos = r->len = 0;
    r->started = r->eof = false;
}

static bool fill(csv_reader *r)
{
    if (r->eof) {
        return false;
    }
    r->len = fread(r->block, 1, sizeof r->block, r->in);
    r->pos = 0;
    r->eof = r->len < sizeof r->block;
    return r->len > 0;
}

static int next_byte(csv_reader *r)
{
    if (r->pos == r->len && !fill(r)) {
        return ferror(r->in) ? INPUT_ERROR : END_OF_INPUT;
    }
    return r->block[r->pos++];
}

/* After a CR: a following LF belongs to the same line end. */
static void take_lf(csv_reader *r)
{
    if (r->pos == r->len && !fill(r)) {
        return;
    }
    if (r->block[r->pos] == '\n') {
        r->pos++;
    }
}

static bool starts_with(const csv_reader *r, const char *mark, size_t len)
{
    return r->len >= len && memcmp(r->block, mark, len) == 0;
}

enum csv_encoding csv_start(csv_reader *r)
{
    r->started = true;
    fill(r);
    if (starts_with(r, "\xFF\xFE\0\0", 4) || starts_with(r, "\0\0\xFE\xFF", 4)) {
        return CSV_UTF32; /* before UTF-16: FF FE starts both little-endian marks */
    }
    if (starts_with(r, "\xFF\xFE", 2) || starts_with(r, "\xFE\xFF", 2)) {
        return CSV_UTF16;
    }
    if (starts_with(r, "\xEF\xBB\xBF", 3)) {
        r->pos = 3;
    }
    return CSV_UTF8;
}

bool csv_detect(const csv_reader *r, char *found)
{
    static const char candidates[] = CSV_DELIMITERS;
    size_t counts[sizeof candidates - 1] = {0};
    bool quoted = false;
    for (size_t i = r->pos; i < r->len; i++) {
        unsigned char b = r->block[i];
        if (!quoted && (b == '\n' || b == '\r')) {
            break; /* the end of the header line */
        }
        quoted = b == '"' ? !quoted : quoted;
        const char *c = quoted || b == '\0' ? NULL : strchr(candidates, b);
        if (c != NULL) {
            counts[c - candidates]++;
        }
    }
    size_t best = 0;
    for (size_t k = 1; k < sizeof counts / sizeof counts[0]; k++) {
        best = counts[k] > counts[best] ? k : best;
    }
    *found = candidates[best]; /* the first of the most frequent */
    for (size_t k = best + 1; k < sizeof counts / sizeof counts[0]; k++) {
        if (counts[k] == counts[best] && counts[k] > 0) {
            return false;
        }
    }
    return true;
}

/* Where the parser is inside a record. */
enum state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTED };

typedef struct parse {
    enum state state;
    size_t raw;   /* bytes of the record so far */
    size_t out;   /* bytes written to text */
    size_t keep;  /* text length to keep: trailing spaces of an unquoted field cut */
    bool storing; /* false once the record is too long or has too many fields */
    bool content; /* anything but spaces and tabs seen */
} parse;

static void fail(csv_reader *r, parse *p, const char *why)
{
    if (r->why == NULL) {
        r->why = why;
    }
    p->storing = false;
}

static void put(csv_reader *r, parse *p, int c)
{
    if (p->storing) {
        r->text[p->out++] = (char)c;
    }
}

static void start_field(csv_reader *r, parse *p)
{
    if (r->count == CSV_FIELDS_MAX) {
        fail(r, p, "more than 64 fields");
    }
    if (p->storing) {
        r->fields[r->count] = &r->text[p->out];
    }
    r->count++;
    p->keep = p->out;
    p->state = FIELD_START;
}

static void end_field(csv_reader *r, parse *p)
{
    if (p->storing) {
        p->out = p->state == UNQUOTED ? p->keep : p->out;
        r->text[p->out++] = '\0';
    }
}

/* A quote or NUL where it cannot be: the structure of the line is lost, so
 * the rest of the physical line goes with it. */
static int skip_line(csv_reader *r, parse *p, const char *why)
{
    fail(r, p, why);
    int c;
    while ((c = next_byte(r)) >= 0 && c != '\n' && c != '\r') {
    }
    if (c == '\r') {
        take_lf(r);
    }
    return c == INPUT_ERROR ? INPUT_ERROR : '\n';
}

/* One byte of a field; returns 1 when the record ends with it. */
static int step(csv_reader *r, parse *p, int c)
{
    bool blank = c == ' ' || c == '\t';
    switch (p->state) {
    case FIELD_START:
        if (blank) {
            return 0;
        }
        if (c == '"') {
            p->state = QUOTED;
            p->content = true;
            return 0;
        }
        p->state = UNQUOTED;
        /* fall through */
    case UNQUOTED:
        if (c == '"') {
            return 2;
        }
        put(r, p, c);
        if (!blank) {
            p->keep = p->out;
            p->content = true;
        }
        return 0;
    case QUOTED:
        if (c == '"') {
            p->state = QUOTE_IN_QUOTED;
        } else {
            put(r, p, c);
        }
        return 0;
    case QUOTE_IN_QUOTED:
        if (c == '"') { /* a doubled quote is one quote */
            put(r, p, c);
            p->state = QUOTED;
            return 0;
        }
        p->state = AFTER_QUOTED;
        /* fall through */
    case AFTER_QUOTED: return blank ? 0 : 3;
    }
    return 0;
}

/* The ordinary bytes that follow in the block (r->plain: those that need
 * none of step()'s cases), taken as step() takes them in an unquoted field.
 * Stops before the record would pass CSV_RECORD_MAX, which step's path
 * reports. */
static void take_run(csv_reader *r, parse *p)
{
    size_t room = CSV_RECORD_MAX - (p->raw < CSV_RECORD_MAX ? p->raw : CSV_RECORD_MAX);
    size_t at = r->pos, end = r->len - r->pos > room ? r->pos + room : r->len;
    while (at < end && r->plain[r->block[at]]) {
        at++;
    }
    size_t run = at - r->pos;
    if (run > 0 && p->storing) {
        memcpy(&r->text[p->out], &r->block[r->pos], run);
        p->out += run;
        p->keep = p->out;
    }
    p->raw += run;
    r->pos = at;
}

/* The rest of an unquoted field, and of the fields after it as long as each
 * starts with an ordinary byte: most of a file (ratings, names, dates,
 * weights) at one test a byte instead of read_record's and step()'s dozen,
 * so a million lines read in a tenth of a second. A delimiter and the first
 * byte after it are taken as read_record and step() take them. */
static void take_plain(csv_reader *r, parse *p)
{
    for (;;) {
        take_run(r, p);
        size_t at = r->pos;
        if (at + 1 >= r->len || r->block[at] != (unsigned char)r->delimiter ||
            !r->plain[r->block[at + 1]] || p->raw + 2 > CSV_RECORD_MAX) {
            return;
        }
        r->pos = at + 2;
        p->raw += 2;
        end_field(r, p);
        start_field(r, p);
        p->state = UNQUOTED;
        put(r, p, r->block[at + 1]);
        p->keep = p->out;
    }
}

static bool ends_line(int c)
{
    return c == '\n' || c == '\r';
}

/* Reads the bytes of one record; returns the byte that ended it ('\n' or
 * END_OF_INPUT) or INPUT_ERROR. */
static int read_record(csv_reader *r, parse *p)
{
    start_field(r, p);
    for (;;) {
        int c = next_byte(r);
        if (c < 0) {
            if (c == END_OF_INPUT && p->state == QUOTED) {
                fail(r, p, "a quote opened in this record is never closed");
            }
            return c;
        }
        if (c == '\0') {
            return skip_line(r, p, "NUL byte");
        }
        if (ends_line(c) && p->state != QUOTED) {
            if (c == '\r') {
                take_lf(r);
            }
            return '\n';
        }
        if (ends_line(c)) { /* inside quotes: part of the field, stored as LF */
            r->next_line++;
            if (c == '\r') {
                take_lf(r);
                c = '\n';
            }
        }
        if (++p->raw > CSV_RECORD_MAX) {
            fail(r, p, "record longer than 4096 bytes");
        }
        if (c == r->delimiter && p->state != QUOTED) {
            end_field(r, p);
            start_field(r, p);
            continue;
        }
        int verdict = step(r, p, c);
        if (verdict == 2) {
            return skip_line(r, p, "quote inside an unquoted field");
        }
        if (verdict == 3) {
            return skip_line(r, p, "text after a closing quote");
        }
        if (p->state == UNQUOTED) {
            take_plain(r, p);
        }
    }
}

enum csv_result csv_next(csv_reader *r)
{
    if (!r->started) {
        csv_start(r);
    }
    for (;;) {
        parse p = {FIELD_START, 0, 0, 0, true, false};
        r->line = r->next_line;
        r->why = NULL;
        r->count = 0;
        int end = read_record(r, &p);
        if (end == INPUT_ERROR) {
            return CSV_READ_ERROR;
        }
        if (end == '\n') {
            r->next_line++;
        }
        if (r->why != NULL) {
            return CSV_BAD;
        }
        end_field(r, &p);
        if (p.content || r->count > 1) {
            return CSV_RECORD;
        }
        if (end == END_OF_INPUT) {
            return CSV_END;
        }
        /* a blank line: nothing to report */
    }
}
