/* The state file; see state.h and docs/format.md ("The cxm-report state file"). */
#include "state.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Not "CXMS": cxm-report 1.0 wrote that without a checksum, and the
 * library's series encoding starts with it. */
static const unsigned char magic[STATE_MAGIC_LEN] = {'C', 'X', 'M', 'R'};
#define STATE_VERSION 3
#define V2_HEADER_LEN 9  /* magic, version, record count */
#define HEADER_LEN    26 /* and since version 3: dated, and the first and last day covered */
#define TRAILER_LEN   4
/* A record's kind: an accumulator, or a series whose buckets are days, ISO
 * weeks or months (1 + enum period). */
enum { KIND_ACC = 0, KIND_DAYS = 1, KIND_LAST = KIND_DAYS + PERIOD_MONTH };

static const char old_magic[] = "CXMS";

bool state_magic_at(const void *bytes, size_t len)
{
    return len >= STATE_MAGIC_LEN && (memcmp(bytes, magic, STATE_MAGIC_LEN) == 0 ||
                                      memcmp(bytes, old_magic, STATE_MAGIC_LEN) == 0);
}

/* CRC-32C (Castagnoli), as docs/format.md defines it for the accumulator's
 * encoding; bit by bit, as state files are small next to their encodings. */
static uint32_t crc32c(uint32_t crc, const unsigned char *p, size_t len)
{
    crc = ~crc;
    while (len-- > 0) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = crc & 1 ? crc >> 1 ^ 0x82F63B78u : crc >> 1;
        }
    }
    return ~crc;
}

static void put_u32le(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        b[i] = (unsigned char)(v >> 8 * i);
    }
}

static uint32_t get_u32le(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Two's complement, little-endian: through uint64_t, so no signed shift. */
static void put_i64le(unsigned char *b, int64_t v)
{
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(u >> 8 * i);
    }
}

static int64_t get_i64le(const unsigned char *b)
{
    uint64_t u = 0;
    for (int i = 7; i >= 0; i--) {
        u = u << 8 | b[i];
    }
    return u <= INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1;
}

/* ---- building the file in memory ------------------------------------------------ */

typedef struct bytes {
    unsigned char *data;
    size_t len, cap;
} bytes;

static unsigned char *grow(bytes *b, size_t more)
{
    if (b->cap - b->len < more) {
        size_t cap = b->cap == 0 ? 4096 : b->cap;
        while (cap - b->len < more) {
            cap *= 2;
        }
        unsigned char *data = realloc(b->data, cap);
        if (data == NULL) {
            return NULL;
        }
        b->data = data;
        b->cap = cap;
    }
    b->len += more;
    return b->data + b->len - more;
}

/* The encoding of the group's accumulator or series, appended to b. */
static int encode_group(const survey_group *g, bytes *b, size_t *len)
{
    int status = g->series != NULL ? cxm_series_encoded_size(g->series, len)
                                   : cxm_acc_encoded_size(g->acc, len);
    unsigned char *at = status == CXM_OK ? grow(b, *len) : NULL;
    if (at == NULL) {
        return status == CXM_OK ? CXM_ERR_NOMEM : status;
    }
    size_t written = 0;
    return g->series != NULL ? cxm_series_encode(g->series, at, *len, &written)
                             : cxm_acc_encode(g->acc, at, *len, &written);
}

static int kind_of(const survey *s, const survey_group *g)
{
    return g->series == NULL ? KIND_ACC : KIND_DAYS + (s->days == DAYS_ALL ? (int)s->unit : 0);
}

static int put_group(const survey *s, const survey_group *g, bytes *b)
{
    size_t name_len = strlen(g->segment);
    unsigned char *head = grow(b, 3 + name_len + 4);
    if (head == NULL) {
        return CXM_ERR_NOMEM;
    }
    size_t at = (size_t)(head - b->data), len = 0;
    head[0] = (unsigned char)g->metric;
    head[1] = (unsigned char)kind_of(s, g);
    head[2] = (unsigned char)name_len;
    memcpy(head + 3, g->segment, name_len);
    int status = encode_group(g, b, &len);
    if (status == CXM_OK) {
        put_u32le(b->data + at + 3 + name_len, (uint32_t)len);
    }
    return status;
}

static int build(const survey *s, bytes *b)
{
    unsigned char *head = grow(b, HEADER_LEN);
    if (head == NULL) {
        return CXM_ERR_NOMEM;
    }
    memcpy(head, magic, STATE_MAGIC_LEN);
    head[4] = STATE_VERSION;
    put_u32le(head + 5, (uint32_t)s->groups.count);
    head[9] = s->covered;
    put_i64le(head + 10, s->covered ? s->covered_first : 0);
    put_i64le(head + 18, s->covered ? s->covered_last : 0);
    for (size_t i = 0; i < s->groups.count; i++) {
        int status = put_group(s, &s->groups.items[i], b);
        if (status != CXM_OK) {
            return status;
        }
    }
    unsigned char *crc = grow(b, TRAILER_LEN);
    if (crc == NULL) {
        return CXM_ERR_NOMEM;
    }
    put_u32le(crc, crc32c(0, b->data, b->len - TRAILER_LEN));
    return CXM_OK;
}

bool state_save(const survey *s, FILE *out, const char *name)
{
    bytes b = {NULL, 0, 0};
    int status = build(s, &b);
    bool ok = status == CXM_OK;
    if (!ok) {
        fprintf(stderr, "%s: %s\n", name, cxm_status_message(status));
    } else if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0) {
        perror(name);
        ok = false;
    }
    free(b.data);
    return ok;
}

/* ---- reading it back ------------------------------------------------------------ */

/* Why a file is refused: one sentence, written once. */
typedef struct problem {
    char text[400];
} problem;

static bool refuse(problem *p, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(p->text, sizeof p->text, format, args);
    va_end(args);
    return false;
}

static bool read_all(FILE *in, bytes *b, problem *p)
{
    for (;;) {
        unsigned char *at = grow(b, 65536);
        if (at == NULL) {
            return refuse(p, "%s", cxm_status_message(CXM_ERR_NOMEM));
        }
        size_t got = fread(at, 1, 65536, in);
        b->len -= 65536 - got;
        if (got < 65536) {
            return !ferror(in) || refuse(p, "read error");
        }
    }
}

/* What a file's header says. */
typedef struct frame {
    uint32_t count;      /* records */
    size_t records;      /* where they start: V2_HEADER_LEN or HEADER_LEN */
    bool dated;          /* its answers have days, */
    int64_t first, last; /*   from first to last (version 2: any of the reader's) */
} frame;

/* One decoded record. */
typedef struct record {
    int metric, kind;
    char segment[SEGMENT_MAX + 1];
    cxm_acc *acc;
    cxm_series *series;
} record;

/* The period of a record's buckets (a day for an accumulator's, which has
 * none). */
static enum period saved_period(const record *r)
{
    return r->kind == KIND_ACC ? PERIOD_DAY : (enum period)(r->kind - KIND_DAYS);
}

/* A segment name for messages, once it is known to print safely. */
static const char *label(const record *r)
{
    return r->segment[0] == '\0' ? BLANK_SEGMENT : r->segment;
}

/* The name is printed in reports and messages: the rule of the CSV reader. */
static bool check_name(const record *r, size_t name_len, problem *p)
{
    if (strlen(r->segment) != name_len) {
        return refuse(p, "a segment name holds a NUL byte");
    }
    if (!utf8_printable(r->segment)) {
        return refuse(p, "a segment name is not printable UTF-8 text");
    }
    if (strcmp(r->segment, ALL_SEGMENTS) == 0 || strcmp(r->segment, BLANK_SEGMENT) == 0) {
        return refuse(p, "a segment is named '%s', the report's own label", r->segment);
    }
    return true;
}

/* The scale inside a decoded record must be its metric's in this report. */
static bool check_scale(const record *r, const metric_scales *scales, problem *p)
{
    cxm_scale scale = CXM_SCALE_INIT;
    const cxm_scale *want = &scales->of[r->metric];
    if (r->acc != NULL) {
        cxm_acc_scale(r->acc, &scale);
    } else {
        cxm_series_scale(r->series, &scale);
    }
    if (cxm_scale_equal(&scale, want) == 1) {
        return true;
    }
    char saved[SCALE_TEXT_MAX], here[SCALE_TEXT_MAX];
    scale_describe(&scale, saved);
    scale_describe(want, here);
    return refuse(p, "%s %s was saved on the scale %s, and this report reads %s on %s (--scale)",
                  metric_name(r->metric), label(r), saved, metric_name(r->metric), here);
}

/* The answers the series holds in buckets first..last, as far as it retains
 * them, into *n. Returns CXM_OK or CXM_ERR_NOMEM. */
static int count_between(const cxm_series *series, int64_t first, int64_t last, uint64_t *n)
{
    int64_t head;
    uint32_t capacity;
    cxm_series_head(series, &head);
    cxm_series_capacity(series, &capacity);
    int64_t oldest = head - (int64_t)capacity + 1; /* no overflow: |head| <= 2^62 */
    first = first < oldest ? oldest : first;
    last = last > head ? head : last;
    *n = 0;
    if (first > last) {
        return CXM_OK;
    }
    cxm_scale scale = CXM_SCALE_INIT;
    cxm_acc *found = NULL;
    cxm_series_scale(series, &scale);
    int status = cxm_acc_new(&scale, &found);
    if (status == CXM_OK) {
        cxm_series_sum(series, first, last, found); /* retained buckets: cannot fail */
        cxm_acc_total(found, n);
    }
    cxm_acc_free(found);
    return status;
}

/* Dates are checked before any is computed with: the head must be a period
 * of 0001-01-01 ... 9999-12-31, and the answers must lie in the days the file
 * covers (a version 2 file does not say: 0001-01-01 ... 9999-12-31). Only
 * comparisons touch the untrusted bucket numbers. */
static bool check_dates(const record *r, const frame *f, problem *p)
{
    enum period unit = saved_period(r);
    int64_t head;
    uint64_t before = 0, after = 0;
    cxm_series_head(r->series, &head);
    if (!period_in_range(unit, head)) {
        return refuse(p,
                      "%s %s holds buckets outside 0001-01-01 ... 9999-12-31 (not a state "
                      "cxm-report wrote)",
                      metric_name(r->metric), label(r));
    }
    int64_t first = f->dated ? period_of(unit, f->first) : head + 1;
    int64_t last = f->dated ? period_of(unit, f->last) : head;
    int status = count_between(r->series, INT64_MIN, first - 1, &before);
    if (status == CXM_OK) {
        status = count_between(r->series, last + 1, head, &after);
    }
    if (status != CXM_OK) {
        return refuse(p, "%s", cxm_status_message(status));
    }
    if (before + after == 0) {
        return true;
    }
    if (!f->dated) {
        return refuse(p,
                      "%s %s holds dated answers, and the file says none are (not a state "
                      "cxm-report wrote)",
                      metric_name(r->metric), label(r));
    }
    char from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
    date_format(f->first, from);
    date_format(f->last, to);
    return refuse(p,
                  "%s %s holds answers outside %s ... %s, the days the file covers (not a "
                  "state cxm-report wrote)",
                  metric_name(r->metric), label(r), from, to);
}

/* Decodes the record at *at, and checks it. */
static bool decode_record(const bytes *b, size_t *at, size_t end, const metric_scales *scales,
                          const frame *f, record *r, problem *p)
{
    const unsigned char *raw = b->data + *at;
    if (end - *at < 3 || end - *at - 3 < (size_t)raw[2] + 4) {
        return refuse(p, "a record runs past the end");
    }
    size_t name_len = raw[2], len = get_u32le(raw + 3 + name_len);
    if (raw[0] >= METRIC_COUNT || raw[1] > KIND_LAST) {
        return refuse(p, "a record names an unknown metric or kind");
    }
    if (end - *at - 3 - name_len - 4 < len) {
        return refuse(p, "a record runs past the end");
    }
    r->metric = raw[0];
    r->kind = raw[1];
    memcpy(r->segment, raw + 3, name_len);
    r->segment[name_len] = '\0';
    const unsigned char *encoding = raw + 3 + name_len + 4;
    int status = r->kind == KIND_ACC ? cxm_acc_decode(encoding, len, &r->acc)
                                     : cxm_series_decode(encoding, len, &r->series);
    *at += 3 + name_len + 4 + len;
    if (status != CXM_OK) {
        return refuse(p, "%s",
                      status == CXM_ERR_NOMEM ? cxm_status_message(status)
                                              : "an encoding does not decode");
    }
    return check_name(r, name_len, p) && check_scale(r, scales, p) &&
           (r->kind == KIND_ACC || check_dates(r, f, p));
}

static bool check_coverage(const bytes *b, frame *f, problem *p)
{
    if (b->len < HEADER_LEN + TRAILER_LEN || b->data[9] > 1) {
        return refuse(p, "not a cxm-report state file (its header is cut short or unknown)");
    }
    f->dated = b->data[9] == 1;
    f->first = get_i64le(b->data + 10);
    f->last = get_i64le(b->data + 18);
    if (!f->dated) {
        return (f->first == 0 && f->last == 0) ||
               refuse(p, "not a cxm-report state file (days covered without dated answers)");
    }
    return (f->first >= DATE_FIRST_DAY && f->first <= f->last && f->last <= DATE_LAST_DAY) ||
           refuse(p, "its answers cover days outside 0001-01-01 ... 9999-12-31 (not a state "
                     "cxm-report wrote)");
}

/* Everything of the file's frame checked: magic, version, checksum, header. */
static bool check_frame(const bytes *b, frame *f, problem *p)
{
    if (b->len >= STATE_MAGIC_LEN && memcmp(b->data, old_magic, STATE_MAGIC_LEN) == 0) {
        return refuse(p, "a state file of cxm-report 1.0 (no checksum) or a bare series "
                         "encoding: save it again with this version");
    }
    if (b->len < V2_HEADER_LEN + TRAILER_LEN || memcmp(b->data, magic, STATE_MAGIC_LEN) != 0) {
        return refuse(p, "not a cxm-report state file");
    }
    if (b->data[4] != 2 && b->data[4] != STATE_VERSION) {
        return refuse(p, "a state file of another version (this program reads versions 2 and 3)");
    }
    if (crc32c(0, b->data, b->len - TRAILER_LEN) != get_u32le(b->data + b->len - TRAILER_LEN)) {
        return refuse(p, "damaged: its checksum does not match (cut short, or changed)");
    }
    f->count = get_u32le(b->data + 5);
    if (b->data[4] == 2) { /* whatever it holds, within the dates the reader accepts */
        *f = (frame){f->count, V2_HEADER_LEN, true, DATE_FIRST_DAY, DATE_LAST_DAY};
        return true;
    }
    f->records = HEADER_LEN;
    return check_coverage(b, f, p);
}

static void free_records(record *records, uint32_t count)
{
    for (uint32_t i = 0; records != NULL && i < count; i++) {
        cxm_acc_free(records[i].acc);
        cxm_series_free(records[i].series);
    }
    free(records);
}

/* All records decoded and checked, in file order. */
static bool decode_all(const bytes *b, const frame *f, const metric_scales *scales, record **out,
                       problem *p)
{
    /* Each record takes at least 7 bytes: a count beyond that is damage, not
     * a reason to allocate. */
    if (f->count > (b->len - f->records - TRAILER_LEN) / 7) {
        return refuse(p, "its record count does not match its records");
    }
    *out = calloc(f->count == 0 ? 1 : f->count, sizeof **out);
    if (*out == NULL) {
        return refuse(p, "%s", cxm_status_message(CXM_ERR_NOMEM));
    }
    size_t at = f->records, end = b->len - TRAILER_LEN;
    for (uint32_t i = 0; i < f->count; i++) {
        if (!decode_record(b, &at, end, scales, f, &(*out)[i], p)) {
            return false;
        }
    }
    return at == end || refuse(p, "its record count does not match its records");
}

/* ---- merging it into the survey ------------------------------------------------- */

/* Without --by, a report of dated states is by month, as of a dated CSV:
 * days and months by month; weeks, which do not make months, by week. */
static void settle_days(survey *s, const record *first)
{
    if (s->days != DAYS_AUTO) {
        return;
    }
    s->days = first->kind == KIND_ACC ? DAYS_NONE : DAYS_ALL;
    s->unit = saved_period(first) == PERIOD_WEEK ? PERIOD_WEEK : PERIOD_MONTH;
}

/* Whether a record's buckets can go into the survey: any into one that keeps
 * no dates (summed), days into any period, else only the same period. */
static bool fits(const survey *s, const record *r, problem *p)
{
    enum period saved = saved_period(r);
    if (r->kind == KIND_ACC) {
        return s->days == DAYS_NONE ||
               refuse(p, "saved without dates, so it cannot be reported by period");
    }
    if (s->days == DAYS_NONE || saved == PERIOD_DAY || (s->days == DAYS_ALL && s->unit == saved)) {
        return true;
    }
    return refuse(p,
                  "saved by %s, so it cannot be reported %s (save with --by day to keep "
                  "every day)",
                  period_name(saved),
                  s->days == DAYS_TRAILING ? "as a trailing window of days"
                  : s->unit == PERIOD_DAY  ? "by day"
                  : s->unit == PERIOD_WEEK ? "by week"
                                           : "by month");
}

/* The answers of one bucket of a saved series, into the survey. */
static int add_bucket(survey *s, const record *r, int64_t bucket, bool wholes, cxm_acc *part)
{
    uint64_t n = 0;
    cxm_acc_reset(part);
    int status = cxm_series_sum(r->series, bucket, bucket, part);
    if (status != CXM_OK) {
        return status;
    }
    cxm_acc_total(part, &n);
    if (n == 0) {
        return CXM_OK;
    }
    enum period unit = saved_period(r);
    status = survey_add(s, r->metric, r->segment, period_first_day(unit, bucket), part);
    if (status == CXM_OK && wholes) {
        survey_cover(s, period_first_day(unit, bucket), period_last_day(unit, bucket));
    }
    return status == CXM_ERR_WINDOW && s->days == DAYS_TRAILING ? CXM_OK : status;
}

/* Adds each bucket of a saved series to the survey, or all of them at once
 * when the survey keeps no dates. */
static int add_series(survey *s, const record *r, bool wholes, cxm_acc *part)
{
    int64_t head;
    uint32_t capacity;
    cxm_series_head(r->series, &head);
    cxm_series_capacity(r->series, &capacity);
    int64_t oldest = head - (int64_t)capacity + 1;
    if (s->days == DAYS_NONE) {
        int status = cxm_series_sum(r->series, oldest, head, part);
        return status != CXM_OK ? status : survey_add(s, r->metric, r->segment, 0, part);
    }
    for (int64_t b = oldest; b <= head; b++) {
        int status = add_bucket(s, r, b, wholes, part);
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

/* wholes: a version 2 file, which does not say what days its answers
 * cover: each period with answers is taken as covered whole. */
static int add_record(survey *s, const record *r, bool wholes)
{
    if (r->kind == KIND_ACC) {
        return survey_add(s, r->metric, r->segment, 0, r->acc);
    }
    cxm_acc *part = NULL;
    int status = cxm_acc_new(&s->scales.of[r->metric], &part);
    if (status == CXM_OK) {
        status = add_series(s, r, wholes, part);
    }
    cxm_acc_free(part);
    return status;
}

/* What went wrong merging a record that was fine in itself. */
static void explain(const record *r, int status, problem *p)
{
    if (status == CXM_ERR_WINDOW) {
        refuse(p,
               "%s %s: its days and the report's other answers of it span more than the "
               "%lu days a report by day can hold: report them by week or month",
               metric_name(r->metric), label(r), (unsigned long)CXM_SERIES_MAX_CAPACITY);
    } else {
        refuse(p, "%s %s: %s", metric_name(r->metric), label(r), cxm_status_message(status));
    }
}

static bool merge_all(survey *s, const record *records, const frame *f, problem *p)
{
    if (f->count > 0) {
        settle_days(s, &records[0]);
    }
    for (uint32_t i = 0; i < f->count; i++) {
        if (!fits(s, &records[i], p)) {
            return false;
        }
    }
    for (uint32_t i = 0; i < f->count; i++) {
        int status = add_record(s, &records[i], f->records == V2_HEADER_LEN);
        if (status != CXM_OK) {
            explain(&records[i], status, p);
            return false;
        }
    }
    if (f->dated && f->records == HEADER_LEN && s->days != DAYS_NONE) {
        survey_cover(s, f->first, f->last);
    }
    return true;
}

bool state_load(survey *s, FILE *in, const char *name)
{
    bytes b = {NULL, 0, 0};
    frame f = {0, 0, false, 0, 0};
    record *records = NULL;
    problem p = {""};
    bool ok = read_all(in, &b, &p) && check_frame(&b, &f, &p) &&
              decode_all(&b, &f, &s->scales, &records, &p) && merge_all(s, records, &f, &p);
    free(b.data);
    free_records(records, f.count);
    if (!ok) {
        fprintf(stderr, "%s: %s\n", name, p.text);
    }
    return ok;
}
