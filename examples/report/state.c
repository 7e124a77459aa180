/* The state file; see state.h and docs/format.md ("The cxm-report state file"). */
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "le.h"
#include "record.h"
#include "storecodec.h"

/* Not "CXMS": cxm-report 1.0 wrote that without a checksum, and the
 * library's series encoding starts with it. */
static const unsigned char magic[STATE_MAGIC_LEN] = {'C', 'X', 'M', 'R'};
#define STATE_VERSION 3
#define V2_HEADER_LEN 9  /* magic, version, record count */
#define HEADER_LEN    26 /* and since version 3: dated, and the first and last day covered */
#define TRAILER_LEN   4

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

/* The encoding of the group's answers, appended to b. */
static int encode_group(const survey_group *g, bytes *b, size_t *len)
{
    int status = store_encoded_size(&g->held, len);
    unsigned char *at = status == CXM_OK ? grow(b, *len) : NULL;
    if (at == NULL) {
        return status == CXM_OK ? CXM_ERR_NOMEM : status;
    }
    return store_encode(&g->held, at, *len);
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
    head[1] = (unsigned char)record_kind(s, g);
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
    int64_t first, last;
    bool covered = survey_kept_cover(s, &first, &last);
    memcpy(head, magic, STATE_MAGIC_LEN);
    head[4] = STATE_VERSION;
    put_u32le(head + 5, (uint32_t)s->groups.count);
    head[9] = covered;
    put_i64le(head + 10, covered ? first : 0);
    put_i64le(head + 18, covered ? last : 0);
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
    uint32_t count;   /* records */
    size_t records;   /* where they start: V2_HEADER_LEN or HEADER_LEN */
    coverage covered; /* version 2: any day of 0001-01-01 ... 9999-12-31 */
} frame;

static bool check_coverage(const bytes *b, frame *f, problem *p)
{
    coverage *c = &f->covered;
    if (b->len < HEADER_LEN + TRAILER_LEN || b->data[9] > 1) {
        return refuse(p, "not a cxm-report state file (its header is cut short or unknown)");
    }
    *c = (coverage){b->data[9] == 1, get_i64le(b->data + 10), get_i64le(b->data + 18)};
    if (!c->dated) {
        return (c->first == 0 && c->last == 0) ||
               refuse(p, "not a cxm-report state file (days covered without dated answers)");
    }
    return (c->first >= DATE_FIRST_DAY && c->first <= c->last && c->last <= DATE_LAST_DAY) ||
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
        *f = (frame){f->count, V2_HEADER_LEN, {true, DATE_FIRST_DAY, DATE_LAST_DAY}};
        return true;
    }
    f->records = HEADER_LEN;
    return check_coverage(b, f, p);
}

static void free_records(record *records, uint32_t count)
{
    for (uint32_t i = 0; records != NULL && i < count; i++) {
        record_free(&records[i]);
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
        if (!record_decode(b->data, &at, end, scales, &f->covered, &(*out)[i], p)) {
            return false;
        }
    }
    return at == end || refuse(p, "its record count does not match its records");
}

/* Every record checked against the survey, then merged, then the days the
 * file covers recorded. */
static bool merge_all(survey *s, const record *records, const frame *f, problem *p)
{
    bool wholes = f->records == V2_HEADER_LEN;
    if (f->count > 0) {
        record_settle(s, &records[0]);
    }
    for (uint32_t i = 0; i < f->count; i++) {
        if (!record_fits(s, &records[i], p)) {
            return false;
        }
    }
    for (uint32_t i = 0; i < f->count; i++) {
        if (!record_merge(s, &records[i], wholes, p)) {
            return false;
        }
    }
    if (f->covered.dated && !wholes && s->days != DAYS_NONE) {
        survey_cover(s, f->covered.first, f->covered.last);
    }
    return true;
}

bool state_load(survey *s, FILE *in, const char *name)
{
    bytes b = {NULL, 0, 0};
    frame f = {0, 0, {false, 0, 0}};
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
