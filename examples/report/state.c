/* The state file; see state.h and docs/format.md ("The cxm-report state file"). */
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Not "CXMS": cxm-report 1.0 wrote that without a checksum, and the
 * library's series encoding starts with it. */
static const unsigned char magic[STATE_MAGIC_LEN] = {'C', 'X', 'M', 'R'};
#define STATE_VERSION 2
#define HEADER_LEN    9 /* magic, version, record count */
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

int state_save(const survey *s, FILE *out, const char *name)
{
    bytes b = {NULL, 0, 0};
    int status = build(s, &b);
    if (status != CXM_OK) {
        fprintf(stderr, "%s: %s\n", name, cxm_status_message(status));
    } else if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0) {
        perror(name);
        status = -1;
    }
    free(b.data);
    return status == CXM_OK ? 0 : -1;
}

/* ---- reading it back ------------------------------------------------------------ */

static int read_all(FILE *in, bytes *b)
{
    for (;;) {
        unsigned char *at = grow(b, 65536);
        if (at == NULL) {
            return CXM_ERR_NOMEM;
        }
        size_t got = fread(at, 1, 65536, in);
        b->len -= 65536 - got;
        if (got < 65536) {
            return ferror(in) ? -1 : CXM_OK;
        }
    }
}

/* One decoded record. */
typedef struct record {
    int metric, kind;
    char segment[SEGMENT_MAX + 1];
    cxm_acc *acc;
    cxm_series *series;
} record;

/* The scale inside a decoded record must be its metric's. */
static bool right_scale(const record *r)
{
    cxm_scale scale = CXM_SCALE_INIT, want = metric_scale(r->metric);
    int status =
        r->acc != NULL ? cxm_acc_scale(r->acc, &scale) : cxm_series_scale(r->series, &scale);
    return status == CXM_OK && cxm_scale_equal(&scale, &want) == 1;
}

/* Decodes the record at *at; "why" names what is wrong, NULL if nothing. */
static const char *decode_record(const bytes *b, size_t *at, size_t end, record *r)
{
    const unsigned char *p = b->data + *at;
    if (end - *at < 3 || end - *at - 3 < (size_t)p[2] + 4) {
        return "a record runs past the end";
    }
    size_t name_len = p[2], len = get_u32le(p + 3 + name_len);
    if (p[0] >= METRIC_COUNT || p[1] > KIND_LAST) {
        return "a record names an unknown metric or kind";
    }
    if (end - *at - 3 - name_len - 4 < len) {
        return "a record runs past the end";
    }
    r->metric = p[0];
    r->kind = p[1];
    memcpy(r->segment, p + 3, name_len);
    r->segment[name_len] = '\0';
    const unsigned char *encoding = p + 3 + name_len + 4;
    int status = r->kind == KIND_ACC ? cxm_acc_decode(encoding, len, &r->acc)
                                     : cxm_series_decode(encoding, len, &r->series);
    *at += 3 + name_len + 4 + len;
    if (status == CXM_ERR_NOMEM) {
        return "out of memory";
    }
    return status != CXM_OK                 ? "an encoding does not decode"
           : strlen(r->segment) != name_len ? "a segment name holds a NUL byte"
           : !right_scale(r)                ? "a record's scale is not its metric's"
                                            : NULL;
}

/* Everything of the file checked before any of it is used. */
static const char *check(const bytes *b, uint32_t *count)
{
    if (b->len >= STATE_MAGIC_LEN && memcmp(b->data, old_magic, STATE_MAGIC_LEN) == 0) {
        return "a state file of cxm-report 1.0 (no checksum) or a bare series encoding: "
               "save it again with this version";
    }
    if (b->len < HEADER_LEN + TRAILER_LEN || memcmp(b->data, magic, STATE_MAGIC_LEN) != 0) {
        return "not a cxm-report state file";
    }
    if (b->data[4] != STATE_VERSION) {
        return "a state file of another version (this program reads version 2)";
    }
    if (crc32c(0, b->data, b->len - TRAILER_LEN) != get_u32le(b->data + b->len - TRAILER_LEN)) {
        return "damaged: its checksum does not match (cut short, or changed)";
    }
    *count = get_u32le(b->data + 5);
    return NULL;
}

/* Whether a saved series' buckets can go into the survey: any into one that
 * keeps no dates (summed), days into any period, else only the same period. */
static bool fits(const survey *s, enum period saved)
{
    return s->days == DAYS_NONE || saved == PERIOD_DAY || (s->days == DAYS_ALL && s->unit == saved);
}

/* Adds each bucket of a saved series to the survey, or all of them at once
 * when the survey keeps no dates. */
static int add_series(survey *s, const record *r, enum period saved, cxm_acc *part)
{
    int64_t head;
    uint32_t capacity;
    cxm_series_head(r->series, &head);
    cxm_series_capacity(r->series, &capacity);
    int64_t oldest = head - (int64_t)capacity + 1;
    if (s->days == DAYS_NONE) {
        int status = cxm_series_sum(r->series, oldest, head, part);
        return status == CXM_OK ? survey_add(s, r->metric, r->segment, 0, part) : status;
    }
    for (int64_t b = oldest; b <= head; b++) {
        uint64_t n = 0;
        int status = cxm_acc_reset(part);
        status = status == CXM_OK ? cxm_series_sum(r->series, b, b, part) : status;
        status = status == CXM_OK ? cxm_acc_total(part, &n) : status;
        if (status == CXM_OK && n > 0) {
            status = survey_add(s, r->metric, r->segment, period_first_day(saved, b), part);
        }
        if (status == CXM_ERR_WINDOW && s->days == DAYS_TRAILING) {
            s->outside += n;
        } else if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

static int add_record(survey *s, const record *r, const char *name)
{
    enum period saved = r->kind == KIND_ACC ? PERIOD_DAY : (enum period)(r->kind - KIND_DAYS);
    if (s->days == DAYS_AUTO) {
        s->days = r->kind == KIND_ACC ? DAYS_NONE : DAYS_ALL;
        s->unit = saved;
    }
    if (r->kind == KIND_ACC && s->days != DAYS_NONE) {
        fprintf(stderr, "%s: saved without dates, so it cannot be reported by period\n", name);
        return -1;
    }
    if (r->kind != KIND_ACC && !fits(s, saved)) {
        fprintf(stderr,
                "%s: saved by %s, so it cannot be reported %s (save with --by day to "
                "keep every day)\n",
                name, period_name(saved),
                s->days == DAYS_TRAILING ? "as a trailing window of days"
                : s->unit == PERIOD_DAY  ? "by day"
                : s->unit == PERIOD_WEEK ? "by week"
                                         : "by month");
        return -1;
    }
    cxm_scale scale = metric_scale(r->metric);
    cxm_acc *part = NULL;
    int status = r->kind == KIND_ACC ? survey_add(s, r->metric, r->segment, 0, r->acc)
                 : cxm_acc_new(&scale, &part) == CXM_OK ? add_series(s, r, saved, part)
                                                        : CXM_ERR_NOMEM;
    cxm_acc_free(part);
    if (status != CXM_OK) {
        fprintf(stderr, "%s: %s %s: %s\n", name, metric_name(r->metric), r->segment,
                cxm_status_message(status));
        return -1;
    }
    return 0;
}

static void free_records(record *records, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++) {
        cxm_acc_free(records[i].acc);
        cxm_series_free(records[i].series);
    }
    free(records);
}

/* All records decoded, in file order, or why not. */
static const char *decode_all(const bytes *b, uint32_t count, record **out)
{
    /* Each record takes at least 7 bytes: a count beyond that is damage, not
     * a reason to allocate. */
    if (count > (b->len - HEADER_LEN - TRAILER_LEN) / 7) {
        return "its record count does not match its records";
    }
    record *records = calloc(count == 0 ? 1 : count, sizeof *records);
    if (records == NULL) {
        return "out of memory";
    }
    size_t at = HEADER_LEN, end = b->len - TRAILER_LEN;
    const char *why = NULL;
    for (uint32_t i = 0; why == NULL && i < count; i++) {
        why = decode_record(b, &at, end, &records[i]);
    }
    if (why == NULL && at != end) {
        why = "its record count does not match its records";
    }
    if (why != NULL) {
        free_records(records, count);
        return why;
    }
    *out = records;
    return NULL;
}

int state_load(survey *s, FILE *in, const char *name)
{
    bytes b = {NULL, 0, 0};
    uint32_t count = 0;
    record *records = NULL;
    int status = read_all(in, &b);
    const char *why = status == CXM_ERR_NOMEM ? "out of memory"
                      : status != CXM_OK      ? "read error"
                                              : check(&b, &count);
    if (why == NULL) {
        why = decode_all(&b, count, &records);
    }
    free(b.data);
    if (why != NULL) {
        fprintf(stderr, "%s: %s\n", name, why);
        return -1;
    }
    status = 0;
    for (uint32_t i = 0; status == 0 && i < count; i++) {
        status = add_record(s, &records[i], name);
    }
    free_records(records, count);
    return status;
}
