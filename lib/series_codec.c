/*
 * The portable encoding of a series (docs/format.md, "Series"): the frame and
 * the scale block of the accumulator's encoding under its own magic, then
 * the capacity, the head, and each nonempty bucket as an age and the
 * accumulator's histogram block (wire.c writes and reads all of those).
 *
 * As for the accumulator, encoding sizes first and writes only into a buffer
 * large enough. Decoding validates the whole input before it allocates (a
 * series may hold a million buckets, so rather than keep them on the side,
 * the body is parsed twice: once to check every byte, then, into the newly
 * allocated series, again).
 */
#include <string.h>

#include "internal.h"
#include "varint.h"
#include "wire.h"

/* docs/format.md, "Series". */
static const unsigned char magic[CXMI_MAGIC_BYTES] = {'C', 'X', 'M', 'S'};
#define FORMAT_VERSION 1u
#define CAPACITY_AT    (CXMI_PREFIX_BYTES + CXMI_SCALE_BYTES)
#define HEAD_AT        (CAPACITY_AT + 4)
#define HEADER_BYTES   (HEAD_AT + 8)

/* ---- encoding ------------------------------------------------------------- */

/* Calls visit(bucket histogram, its age, ctx) for each nonempty bucket, by
 * increasing age (newest first), the order of the encoding, and returns how
 * many there are. */
typedef void (*bucket_visitor)(const uint64_t *counts, uint64_t age, void *ctx);

static uint64_t each_nonempty(const cxm_series *s, bucket_visitor visit, void *ctx)
{
    uint64_t nonempty = 0;
    uint64_t counts[CXM_MAX_SPAN];
    for (uint64_t age = 0; age < s->window; age++) {
        const uint64_t *words = cxmi_series_bucket(s, age);
        if (words[0] != 0) {
            cxmi_series_bucket_counts(s, words, counts);
            visit(counts, age, ctx);
            nonempty++;
        }
    }
    return nonempty;
}

/* The entries' state as they are sized or written. */
typedef struct entries {
    uint32_t span;
    uint64_t next_age;  /* the first age the next entry may have */
    size_t size;        /* bytes so far */
    unsigned char *dst; /* NULL: only size them */
} entries;

static void put_entry(const uint64_t *counts, uint64_t age, void *ctx)
{
    entries *e = ctx;
    uint64_t gap = age - e->next_age;
    e->next_age = age + 1;
    if (e->dst == NULL) {
        e->size += cxmi_varint_size(gap) + cxmi_hist_size(counts, e->span);
    } else {
        e->size += cxmi_varint_put(e->dst + e->size, gap);
        e->size += cxmi_hist_put(e->dst + e->size, counts, e->span);
    }
}

static size_t encoded_size(const cxm_series *s)
{
    entries e = {s->span, 0, 0, NULL};
    uint64_t nonempty = each_nonempty(s, put_entry, &e);
    return HEADER_BYTES + cxmi_varint_size(nonempty) + e.size + CXMI_CRC_BYTES;
}

/* Visits nothing: each_nonempty then only counts. */
static void no_visit(const uint64_t *counts, uint64_t age, void *ctx)
{
    (void)counts;
    (void)age;
    (void)ctx;
}

static size_t encode_into(const cxm_series *s, unsigned char *dst)
{
    size_t n = cxmi_frame_open(dst, magic, FORMAT_VERSION);
    n += cxmi_scale_put(dst + n, &s->scale);
    cxmi_put_u32le(dst + n, s->capacity);
    cxmi_put_i64le(dst + n + 4, s->head);
    n = HEADER_BYTES;
    n += cxmi_varint_put(dst + n, each_nonempty(s, no_visit, NULL));
    entries e = {s->span, 0, n, dst};
    each_nonempty(s, put_entry, &e);
    return cxmi_frame_close(dst, e.size);
}

int cxm_series_encoded_size(const cxm_series *s, size_t *out)
{
    if (s == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    *out = encoded_size(s);
    return CXM_OK;
}

int cxm_series_encode(const cxm_series *s, void *buf, size_t cap, size_t *written)
{
    if (s == NULL || written == NULL || (buf == NULL && cap > 0)) {
        return CXM_ERR_NULL;
    }
    size_t size = encoded_size(s);
    if (cap < size) {
        return CXM_ERR_SIZE;
    }
    *written = encode_into(s, buf);
    return CXM_OK;
}

/* ---- decoding ------------------------------------------------------------- */

/* The header of a valid encoding. */
typedef struct header {
    cxm_scale scale;
    uint32_t capacity;
    int64_t head;
} header;

static bool parse_header(const unsigned char *bytes, size_t len, header *h)
{
    if (!cxmi_frame_check(bytes, len, HEADER_BYTES + 1 + CXMI_CRC_BYTES, magic, FORMAT_VERSION) ||
        !cxmi_scale_get(bytes + CXMI_PREFIX_BYTES, &h->scale)) {
        return false;
    }
    h->capacity = cxmi_get_u32le(bytes + CAPACITY_AT);
    h->head = cxmi_get_i64le(bytes + HEAD_AT);
    return h->capacity >= 1 && h->capacity <= CXM_SERIES_MAX_CAPACITY &&
           cxmi_series_in_limits(h->head);
}

/* The entries: their number, then for each an age gap and a nonempty
 * histogram block, ages strictly increasing and inside the window (retained
 * and within the limits). With `into` the buckets are stored there too. */
static bool parse_entries(cxmi_reader *r, const header *h, cxm_series *into)
{
    uint32_t span = cxmi_scale_span(&h->scale);
    uint64_t window = cxmi_series_window(h->head, h->capacity);
    uint64_t nonempty;
    if (!cxmi_read_varint(r, &nonempty) || nonempty > window) {
        return false;
    }
    uint64_t next_age = 0;
    for (uint64_t k = 0; k < nonempty; k++) {
        uint64_t gap, total, counts[CXM_MAX_SPAN];
        if (!cxmi_read_varint(r, &gap) || gap >= window - next_age ||
            !cxmi_hist_get(r, span, counts, &total) || total == 0) {
            return false;
        }
        uint64_t age = next_age + gap;
        if (into != NULL) {
            cxmi_series_bucket_set(into, cxmi_series_bucket(into, age), counts, total);
        }
        next_age = age + 1;
    }
    return r->left == 0;
}

static cxmi_reader body(const unsigned char *bytes, size_t len)
{
    cxmi_reader r = {bytes + HEADER_BYTES, len - HEADER_BYTES - CXMI_CRC_BYTES};
    return r;
}

int cxm_series_decode(const void *buf, size_t len, cxm_series **out)
{
    if (out == NULL || (buf == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    header h;
    if (buf == NULL || !parse_header(buf, len, &h)) {
        return CXM_ERR_FORMAT;
    }
    cxmi_reader check = body(buf, len);
    if (!parse_entries(&check, &h, NULL)) {
        return CXM_ERR_FORMAT;
    }
    cxm_series *s = cxmi_series_alloc(&h.scale, h.capacity, h.head);
    if (s == NULL) {
        return CXM_ERR_NOMEM;
    }
    cxmi_reader fill = body(buf, len);
    parse_entries(&fill, &h, s); /* cannot fail: the same bytes passed above */
    *out = s;
    return CXM_OK;
}
