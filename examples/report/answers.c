/* Survey answers from a CSV export; see answers.h. */
#include "answers.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"

#define NO_COLUMN (-1)

/* One file being read. */
typedef struct reader {
    survey *s;
    const input_format *format;
    csv_reader *csv;
    const char *name;
    int columns;         /* fields of the header */
    int at[FIELD_COUNT]; /* the column of each field, or NO_COLUMN */
} reader;

/* One answer, as its line gives it. */
typedef struct answer {
    int metric;
    int64_t day;
    const char *segment;
    int32_t rating;
    uint32_t weight; /* 1 unless weighted */
} answer;

/* "answers.csv:12: what is wrong" and an ending, on stderr. */
static void say(const reader *rd, const char *ending, const char *format, va_list args)
{
    fprintf(stderr, "%s:%lu: ", rd->name, rd->csv->line);
    vfprintf(stderr, format, args);
    fprintf(stderr, "%s\n", ending);
}

/* A bad line: said, counted, and skipped by the caller. */
static void report_bad(reader *rd, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    say(rd, "; line skipped", format, args);
    va_end(args);
    rd->s->bad_lines++;
}

/* A problem that stops the file: said, and false. */
static bool fail(const reader *rd, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    say(rd, "", format, args);
    va_end(args);
    return false;
}

static const char *delimiter_name(char d)
{
    static const char *const names[] = {",", ";", "tab", "|"};
    return names[strchr(CSV_DELIMITERS, d) - CSV_DELIMITERS];
}

/* ---- the start of the file: encoding, delimiter, header --------------------------- */

static bool check_encoding(const reader *rd)
{
    enum csv_encoding e = csv_start(rd->csv);
    if (e != CSV_UTF8) {
        const char *what = e == CSV_UTF16 ? "UTF-16" : "UTF-32";
        fprintf(stderr,
                "%s: is %s (its byte order mark says so): convert it to UTF-8 (iconv -f %s "
                "-t UTF-8)\n",
                rd->name, what, what);
        return false;
    }
    return true;
}

static bool choose_delimiter(reader *rd)
{
    char d = rd->format->delimiter;
    if (d == '\0' && !csv_detect(rd->csv, &d)) {
        fprintf(stderr,
                "%s:1: the header line holds two of , ; tab | equally often, so its "
                "delimiter is unclear: give --delimiter\n",
                rd->name);
        return false;
    }
    csv_set_delimiter(rd->csv, d);
    return true;
}

/* A delimiter other than the one used that a header cell holds, or '\0': the
 * likely reason its columns were not found. */
static char other_delimiter(const reader *rd)
{
    for (const char *d = CSV_DELIMITERS; *d != '\0'; d++) {
        for (int i = 0; *d != rd->csv->delimiter && i < rd->csv->count; i++) {
            if (strchr(rd->csv->fields[i], *d) != NULL) {
                return *d;
            }
        }
    }
    return '\0';
}

static bool missing_column(const reader *rd, enum field f)
{
    const char *header = rd->format->header[f], *field = field_name(f);
    char other = other_delimiter(rd), hint[160] = "";
    if (other != '\0') {
        snprintf(hint, sizeof hint,
                 "; the header holds '%s': is that the delimiter? "
                 "(--delimiter '%s')",
                 delimiter_name(other), delimiter_name(other));
    }
    if (strcmp(header, field) != 0) {
        return fail(rd, "the header has no '%s' column (--column %s=%s)%s", header, field, header,
                    hint);
    }
    return fail(rd, "the header has no '%s' column (%s; --column %s=HEADER names another)%s",
                header,
                f == FIELD_DATE     ? "periods need dates"
                : f == FIELD_METRIC ? "metric and rating are required, unless --as gives "
                                      "the metric; segment and date are optional"
                                    : "metric and rating are required; segment and date "
                                      "are optional",
                field, hint);
}

/* The column headed `header`, into *at; false (said) if two are. */
static bool find_column(reader *rd, const char *header, int *at)
{
    *at = NO_COLUMN;
    for (int i = 0; i < rd->columns; i++) {
        if (!header_equal(rd->csv->fields[i], header)) {
            continue;
        }
        if (*at != NO_COLUMN) {
            return fail(rd, "the header names the column '%s' twice", header);
        }
        *at = i;
    }
    return true;
}

static bool map_columns(reader *rd)
{
    rd->columns = rd->csv->count;
    for (int f = 0; f < FIELD_COUNT; f++) {
        const char *header = rd->format->header[f];
        rd->at[f] = NO_COLUMN;
        if (header != NULL && !find_column(rd, header, &rd->at[f])) {
            return false;
        }
    }
    if (rd->format->as_metric != METRIC_ANY && rd->at[FIELD_METRIC] != NO_COLUMN) {
        return fail(rd,
                    "the header has a '%s' column, and --as says every answer is %s: leave "
                    "out --as, or name the metric's column with --column metric=HEADER",
                    rd->format->header[FIELD_METRIC], metric_name(rd->format->as_metric));
    }
    return true;
}

/* The columns the report needs, now that it knows whether it keeps dates. */
static bool check_columns(reader *rd)
{
    survey *s = rd->s;
    if (s->days == DAYS_AUTO) {
        s->days = rd->at[FIELD_DATE] != NO_COLUMN ? DAYS_ALL : DAYS_NONE;
    }
    if (!s->weights_known) {
        s->weighted = input_weighted(rd->format);
        s->weights_known = true;
    }
    if (s->weighted && !input_weighted(rd->format)) {
        return fail(rd, "the report is weighted (a state saved with weights was loaded): give "
                        "--weight HEADER to read this file's weights");
    }
    bool need[FIELD_COUNT] = {
        [FIELD_METRIC] = rd->format->as_metric == METRIC_ANY,
        [FIELD_RATING] = true,
        [FIELD_DATE] = s->days != DAYS_NONE,
        [FIELD_WEIGHT] = input_weighted(rd->format),
    };
    for (int f = 0; f < FIELD_COUNT; f++) {
        if (need[f] && rd->at[f] == NO_COLUMN) {
            return missing_column(rd, (enum field)f);
        }
    }
    return true;
}

static bool read_header(reader *rd)
{
    enum csv_result got = csv_next(rd->csv);
    if (got == CSV_BAD) {
        bool nul = strcmp(rd->csv->why, "NUL byte") == 0;
        return fail(rd, "header: %s%s", rd->csv->why,
                    nul ? " (a UTF-16 file without a byte order mark? convert it to UTF-8)" : "");
    }
    if (got != CSV_RECORD) {
        fprintf(stderr, "%s: %s\n", rd->name,
                got == CSV_END ? "empty: expected a header naming the columns metric and rating"
                               : "read error");
        return false;
    }
    return map_columns(rd) && check_columns(rd);
}

/* ---- one answer ------------------------------------------------------------------ */

static const char *field(const reader *rd, enum field f)
{
    return rd->csv->fields[rd->at[f]];
}

static bool take_metric(reader *rd, answer *a)
{
    if (rd->format->as_metric != METRIC_ANY) {
        a->metric = rd->format->as_metric;
        return true;
    }
    if (!metric_parse(field(rd, FIELD_METRIC), &a->metric)) {
        report_bad(rd, "unknown metric '%s' (csat, nps or ces)", field(rd, FIELD_METRIC));
        return false;
    }
    return true;
}

static bool take_date(reader *rd, answer *a)
{
    a->day = 0;
    if (rd->at[FIELD_DATE] == NO_COLUMN || date_parse(field(rd, FIELD_DATE), &a->day)) {
        return true;
    }
    report_bad(rd,
               "date '%s' is not a date from 0001-01-01 to 9999-12-31 (YYYY-MM-DD or an "
               "RFC 3339 timestamp)",
               field(rd, FIELD_DATE));
    return false;
}

static bool take_segment(reader *rd, answer *a)
{
    a->segment = rd->at[FIELD_SEGMENT] == NO_COLUMN ? "" : field(rd, FIELD_SEGMENT);
    if (strlen(a->segment) > SEGMENT_MAX) {
        report_bad(rd, "segment name longer than %d bytes", SEGMENT_MAX);
        return false;
    }
    if (!utf8_printable(a->segment)) {
        report_bad(rd, "segment name is not printable UTF-8 text (a control character, or "
                       "another encoding: convert the file to UTF-8)");
        return false;
    }
    if (strcmp(a->segment, ALL_SEGMENTS) == 0 || strcmp(a->segment, BLANK_SEGMENT) == 0) {
        report_bad(rd,
                   "segment name '%s' is the report's own label (%s: every answer; %s: no "
                   "segment); rename the segment",
                   a->segment, ALL_SEGMENTS, BLANK_SEGMENT);
        return false;
    }
    return true;
}

/* A whole field of decimal digits, after an optional sign, within [low,
 * high], both of magnitude below 10^18. Eighteen significant digits cannot
 * overflow, so the digits are summed without a check each: strtoll's
 * generality (bases, locales, spaces, errno) was a tenth of the time of
 * reading a weighted export. */
static bool parse_whole(const char *text, int64_t low, int64_t high, int64_t *out)
{
    bool negative = text[0] == '-';
    const char *start = text + (text[0] == '-' || text[0] == '+'), *d = start;
    while (*d == '0') {
        d++;
    }
    const char *significant = d;
    uint64_t magnitude = 0;
    for (; *d >= '0' && *d <= '9'; d++) {
        magnitude = magnitude * 10 + (uint64_t)(*d - '0');
    }
    if (*d != '\0' || d == start || d - significant > 18) {
        return false;
    }
    int64_t value = negative ? -(int64_t)magnitude : (int64_t)magnitude;
    *out = value;
    return value >= low && value <= high;
}

/* A whole-field decimal integer that fits int32_t. */
static bool parse_rating(const char *text, int32_t *rating)
{
    int64_t value;
    if (!parse_whole(text, INT32_MIN, INT32_MAX, &value)) {
        return false;
    }
    *rating = (int32_t)value;
    return true;
}

static bool take_rating(reader *rd, answer *a)
{
    const char *text = field(rd, FIELD_RATING);
    if (!parse_rating(text, &a->rating)) {
        report_bad(rd, "rating '%s' is not a 32-bit integer", text);
        return false;
    }
    const cxm_scale *scale = &rd->s->scales.of[a->metric];
    if (a->rating < scale->min || a->rating > scale->max) {
        char described[SCALE_TEXT_MAX];
        scale_describe(scale, described);
        report_bad(rd, "%s rating %ld: not on %s's scale, %s (--scale %s=SCALE reads another)",
                   metric_name(a->metric), (long)a->rating, metric_name(a->metric), described,
                   metric_name(a->metric));
        return false;
    }
    return true;
}

/* A weight is a whole positive number of the user's unit (dollars of ARR,
 * weights times 1000): the library's weighted sums are exact integers. */
static bool take_weight(reader *rd, answer *a)
{
    a->weight = 1;
    if (!input_weighted(rd->format)) {
        return true;
    }
    const char *text = field(rd, FIELD_WEIGHT);
    int64_t value;
    if (!parse_whole(text, 1, UINT32_MAX, &value)) {
        report_bad(rd, "weight '%s' is not a whole number from 1 to 4294967295", text);
        return false;
    }
    a->weight = (uint32_t)value;
    return true;
}

/* A series by day can hold 2^20 days: a group whose answers span more stops
 * the report, whatever the order of the lines, rather than skip some of them.
 * The message names the line's date, the days the group held before it, the
 * limit, and what reads such answers. */
static bool too_far_apart(const reader *rd, const answer *a)
{
    const survey_group *g = group_find(&rd->s->groups, a->metric, a->segment);
    char day[DATE_TEXT_MAX], from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
    date_format(a->day, day);
    date_format(g->first, from);
    date_format(g->last, to);
    return fail(rd,
                "date %s lies too far from the other %s answers of segment %s, dated %s to %s: "
                "a report by day holds at most %lu days (2870 years) of one metric and "
                "segment; report by week or month (--by), or the distant dates in a report of "
                "their own",
                day, metric_name(a->metric), a->segment[0] == '\0' ? BLANK_SEGMENT : a->segment,
                from, to, (unsigned long)CXM_SERIES_MAX_CAPACITY);
}

static bool count_answer(reader *rd, const answer *a)
{
    survey *s = rd->s;
    int status = survey_add_rating(s, a->metric, a->segment, a->day, a->rating, a->weight);
    if (status == CXM_OK || (status == CXM_ERR_WINDOW && s->days == DAYS_TRAILING)) {
        return true; /* counted, or dated outside the window asked for (the notices say) */
    }
    if (status == CXM_ERR_WINDOW) {
        return too_far_apart(rd, a);
    }
    if (status == CXM_ERR_NOMEM) {
        return fail(rd, "%s", cxm_status_message(status));
    }
    report_bad(rd, "%s rating %ld: %s (%s)", metric_name(a->metric), (long)a->rating,
               cxm_status_message(status), cxm_status_name(status));
    return true;
}

/* An answer without a rating: not a rating, never counted, but the notices
 * say how many the report's lines lost, and its day was covered. */
static void skipped_question(survey *s, const answer *a)
{
    if (survey_shows(s, a->metric, a->segment)) {
        s->missing++;
    }
    if (s->days != DAYS_NONE) {
        survey_cover(s, a->day, a->day);
    }
}

/* One data record; a bad one is reported and skipped. False only when the
 * file must stop (said). */
static bool read_answer(reader *rd)
{
    answer a;
    if (rd->csv->count != rd->columns) {
        report_bad(rd, "%d field%s, the header has %d", rd->csv->count,
                   rd->csv->count == 1 ? "" : "s", rd->columns);
        return true;
    }
    if (!take_metric(rd, &a) || !take_date(rd, &a) || !take_segment(rd, &a)) {
        return true;
    }
    if (field(rd, FIELD_RATING)[0] == '\0') {
        skipped_question(rd->s, &a);
        return true;
    }
    if (!take_rating(rd, &a) || !take_weight(rd, &a)) {
        return true; /* reported */
    }
    return count_answer(rd, &a);
}

static bool read_lines(reader *rd)
{
    enum csv_result got;
    while ((got = csv_next(rd->csv)) != CSV_END) {
        if (got == CSV_READ_ERROR) {
            fprintf(stderr, "%s: read error\n", rd->name);
            return false;
        }
        if (got == CSV_BAD) {
            report_bad(rd, "%s", rd->csv->why);
        } else if (!read_answer(rd)) {
            return false;
        }
    }
    return true;
}

bool answers_read(survey *s, const input_format *format, FILE *in, const char *name)
{
    reader rd = {s, format, malloc(sizeof(csv_reader)), name, 0, {0}};
    if (rd.csv == NULL) {
        fprintf(stderr, "%s: %s\n", name, cxm_status_message(CXM_ERR_NOMEM));
        return false;
    }
    csv_open(rd.csv, in);
    bool ok = check_encoding(&rd) && choose_delimiter(&rd) && read_header(&rd) && read_lines(&rd);
    free(rd.csv);
    return ok;
}
