/*
 * The portable encoding of an accumulator: its scale and its nonzero counts,
 * byte by byte as docs/format.md specifies, closed by a CRC-32C.
 *
 * Encoding computes the exact size first and writes only when the buffer is
 * large enough, so a too-small buffer is never written to. Decoding checks
 * every byte (checksum, magic, version, scale, canonical varints, counts,
 * length) into local storage before it allocates anything, so a refused
 * input costs no allocation and leaves *out alone.
 */
#include <string.h>

#include "crc32c.h"
#include "internal.h"
#include "varint.h"

/* docs/format.md, "Layout". */
static const unsigned char magic[4] = {'C', 'X', 'M', 'A'};
#define FORMAT_VERSION 1u
#define SCALE_FIELDS 6                        /* min .. negative_max, int32 each */
#define HEADER_BYTES (4 + 1 + 4 * SCALE_FIELDS + 1) /* magic, version, scale, headline */
#define CRC_BYTES 4

/* ---- fixed-width little-endian fields, independent of the host ----------- */

static void put_u32le(unsigned char *dst, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        dst[i] = (unsigned char)(v >> (8 * i));
    }
}

static uint32_t get_u32le(const unsigned char *src)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        v |= (uint32_t)src[i] << (8 * i);
    }
    return v;
}

/* The format stores an int32 as its two's-complement bit pattern. Signed to
 * unsigned conversion is defined as exactly that; the way back is done with
 * arithmetic, because converting an out-of-range uint32_t to int32_t is
 * implementation-defined in C. */
static uint32_t i32_bits(int32_t v)
{
    return (uint32_t)v;
}

static int32_t i32_from_bits(uint32_t bits)
{
    return bits <= INT32_MAX ? (int32_t)bits : (int32_t)(bits - 0x80000000u) + INT32_MIN;
}

/* The scale fields in their order on the wire. */
static void scale_fields(const cxm_scale *s, int32_t fields[SCALE_FIELDS])
{
    fields[0] = s->min;
    fields[1] = s->max;
    fields[2] = s->positive_min;
    fields[3] = s->positive_max;
    fields[4] = s->negative_min;
    fields[5] = s->negative_max;
}

/* ---- encoding ---------------------------------------------------------------- */

static size_t encoded_size(const cxm_acc *acc)
{
    size_t size = HEADER_BYTES + CRC_BYTES;
    uint64_t nonzero = 0;
    uint32_t prev_end = 0; /* index just after the last nonzero bucket */
    for (uint32_t i = 0; i < acc->span; i++) {
        if (acc->counts[i] != 0) {
            size += cxmi_varint_size(i - prev_end) + cxmi_varint_size(acc->counts[i]);
            prev_end = i + 1;
            nonzero++;
        }
    }
    return size + cxmi_varint_size(nonzero);
}

/* Writes the encoding, which the caller made room for; returns its length. */
static size_t encode_into(const cxm_acc *acc, unsigned char *dst)
{
    memcpy(dst, magic, sizeof magic);
    size_t n = sizeof magic;
    dst[n++] = FORMAT_VERSION;
    int32_t fields[SCALE_FIELDS];
    scale_fields(&acc->scale, fields);
    for (int i = 0; i < SCALE_FIELDS; i++) {
        put_u32le(dst + n, i32_bits(fields[i]));
        n += 4;
    }
    dst[n++] = (unsigned char)acc->scale.headline;

    uint64_t nonzero = 0;
    for (uint32_t i = 0; i < acc->span; i++) {
        nonzero += acc->counts[i] != 0;
    }
    n += cxmi_varint_put(dst + n, nonzero);
    uint32_t prev_end = 0;
    for (uint32_t i = 0; i < acc->span; i++) {
        if (acc->counts[i] != 0) {
            n += cxmi_varint_put(dst + n, i - prev_end);
            n += cxmi_varint_put(dst + n, acc->counts[i]);
            prev_end = i + 1;
        }
    }
    put_u32le(dst + n, cxmi_crc32c(dst, n));
    return n + CRC_BYTES;
}

int cxm_acc_encoded_size(const cxm_acc *acc, size_t *out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    *out = encoded_size(acc);
    return CXM_OK;
}

int cxm_acc_encode(const cxm_acc *acc, void *buf, size_t cap, size_t *written)
{
    if (acc == NULL || written == NULL || (buf == NULL && cap > 0)) {
        return CXM_ERR_NULL;
    }
    size_t size = encoded_size(acc);
    if (cap < size) {
        return CXM_ERR_SIZE;
    }
    *written = encode_into(acc, buf);
    return CXM_OK;
}

/* ---- decoding ----------------------------------------------------------------- */

/* What a valid encoding holds, gathered before anything is allocated. */
typedef struct decoded {
    cxm_scale scale;
    uint32_t  span;
    uint64_t  total;
    uint64_t  counts[CXM_MAX_SPAN];
} decoded;

/* A cursor over the body (everything between the header and the checksum). */
typedef struct reader {
    const unsigned char *p;
    size_t left;
} reader;

static bool read_varint(reader *r, uint64_t *v)
{
    size_t n = cxmi_varint_get(r->p, r->left, v);
    r->p += n;
    r->left -= n;
    return n != 0;
}

static bool parse_header(const unsigned char *bytes, decoded *d)
{
    if (memcmp(bytes, magic, sizeof magic) != 0 || bytes[4] != FORMAT_VERSION) {
        return false;
    }
    int32_t fields[SCALE_FIELDS];
    for (int i = 0; i < SCALE_FIELDS; i++) {
        fields[i] = i32_from_bits(get_u32le(bytes + 5 + 4 * i));
    }
    cxm_scale s = {sizeof(cxm_scale), fields[0], fields[1], fields[2], fields[3],
                   fields[4],          fields[5], bytes[HEADER_BYTES - 1]};
    if (cxmi_scale_load(&s, &d->scale) != CXM_OK) {
        return false;
    }
    d->span = cxmi_scale_span(&d->scale);
    return true;
}

/* The nonzero buckets: a count, then (gap, count) pairs in increasing index
 * order, where gap is the number of empty buckets skipped. Zero counts have no
 * place in it (that would be a second encoding of the same histogram), and
 * the body must end exactly where the checksum begins. */
static bool parse_counts(reader *r, decoded *d)
{
    uint64_t nonzero;
    if (!read_varint(r, &nonzero) || nonzero > d->span) {
        return false;
    }
    memset(d->counts, 0, sizeof d->counts);
    d->total = 0;
    uint64_t next = 0; /* first index the next pair may name */
    for (uint64_t k = 0; k < nonzero; k++) {
        uint64_t gap, count;
        if (!read_varint(r, &gap) || !read_varint(r, &count)) {
            return false;
        }
        if (gap >= d->span - next || count == 0 || count > UINT64_MAX - d->total) {
            return false;
        }
        d->counts[next + gap] = count;
        d->total += count;
        next += gap + 1;
    }
    return r->left == 0;
}

static bool parse(const unsigned char *bytes, size_t len, decoded *d)
{
    if (len < HEADER_BYTES + CRC_BYTES) {
        return false;
    }
    size_t body_end = len - CRC_BYTES;
    if (cxmi_crc32c(bytes, body_end) != get_u32le(bytes + body_end)) {
        return false;
    }
    if (!parse_header(bytes, d)) {
        return false;
    }
    reader r = {bytes + HEADER_BYTES, body_end - HEADER_BYTES};
    return parse_counts(&r, d);
}

int cxm_acc_decode(const void *buf, size_t len, cxm_acc **out)
{
    if (out == NULL || (buf == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    decoded d;
    if (buf == NULL || !parse(buf, len, &d)) {
        return CXM_ERR_FORMAT;
    }
    cxm_acc *acc = cxmi_acc_alloc_counts(&d.scale, d.counts, d.total);
    if (acc == NULL) {
        return CXM_ERR_NOMEM;
    }
    *out = acc;
    return CXM_OK;
}
