/*
 * The building blocks of the encodings (wire.h, docs/format.md "Building
 * blocks" and "Layout"): what the accumulator's and the series' formats
 * share, written once.
 */
#include <string.h>

#include "crc32c.h"
#include "varint.h"
#include "wire.h"

/* ---- fixed-width little-endian fields, independent of the host ----------- */

static void put_le(unsigned char *dst, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++) {
        dst[i] = (unsigned char)(v >> (8 * i));
    }
}

static uint64_t get_le(const unsigned char *src, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) {
        v |= (uint64_t)src[i] << (8 * i);
    }
    return v;
}

void cxmi_put_u32le(unsigned char *dst, uint32_t v)
{
    put_le(dst, v, 4);
}

uint32_t cxmi_get_u32le(const unsigned char *src)
{
    return (uint32_t)get_le(src, 4);
}

/* The format stores signed integers as their two's-complement bit patterns.
 * Signed to unsigned conversion is defined as exactly that; the way back is
 * done with arithmetic, because converting an out-of-range unsigned value to
 * a signed type is implementation-defined in C. */
static int32_t i32_from_bits(uint32_t bits)
{
    return bits <= INT32_MAX ? (int32_t)bits : (int32_t)(bits - 0x80000000u) + INT32_MIN;
}

void cxmi_put_i64le(unsigned char *dst, int64_t v)
{
    put_le(dst, (uint64_t)v, 8);
}

int64_t cxmi_get_i64le(const unsigned char *src)
{
    uint64_t bits = get_le(src, 8);
    return bits <= INT64_MAX ? (int64_t)bits : (int64_t)(bits - 0x8000000000000000u) + INT64_MIN;
}

/* ---- the frame ------------------------------------------------------------ */

size_t cxmi_frame_open(unsigned char *dst, const unsigned char magic[CXMI_MAGIC_BYTES],
                       unsigned char version)
{
    memcpy(dst, magic, CXMI_MAGIC_BYTES);
    dst[CXMI_MAGIC_BYTES] = version;
    return CXMI_PREFIX_BYTES;
}

size_t cxmi_frame_close(unsigned char *dst, size_t n)
{
    cxmi_put_u32le(dst + n, cxmi_crc32c(dst, n));
    return n + CXMI_CRC_BYTES;
}

bool cxmi_frame_check(const unsigned char *bytes, size_t len, size_t min_len,
                      const unsigned char magic[CXMI_MAGIC_BYTES], unsigned char version)
{
    if (len < min_len || len < CXMI_PREFIX_BYTES + CXMI_CRC_BYTES) {
        return false;
    }
    size_t body = len - CXMI_CRC_BYTES;
    return cxmi_crc32c(bytes, body) == cxmi_get_u32le(bytes + body) &&
           memcmp(bytes, magic, CXMI_MAGIC_BYTES) == 0 && bytes[CXMI_MAGIC_BYTES] == version;
}

/* ---- the scale block ------------------------------------------------------ */

size_t cxmi_scale_put(unsigned char *dst, const cxm_scale *scale)
{
    const int32_t fields[6] = {scale->min,          scale->max,          scale->positive_min,
                               scale->positive_max, scale->negative_min, scale->negative_max};
    for (int i = 0; i < 6; i++) {
        cxmi_put_u32le(dst + 4 * i, (uint32_t)fields[i]);
    }
    dst[24] = (unsigned char)scale->headline;
    return CXMI_SCALE_BYTES;
}

bool cxmi_scale_get(const unsigned char *src, cxm_scale *out)
{
    int32_t f[6];
    for (int i = 0; i < 6; i++) {
        f[i] = i32_from_bits(cxmi_get_u32le(src + 4 * i));
    }
    cxm_scale s = {sizeof(cxm_scale), f[0], f[1], f[2], f[3], f[4], f[5], src[24]};
    return cxmi_scale_load(&s, out) == CXM_OK;
}

/* ---- the histogram block -------------------------------------------------- */

size_t cxmi_hist_size(const uint64_t *counts, uint32_t span)
{
    size_t size = 0;
    uint64_t nonzero = 0;
    uint32_t prev_end = 0; /* index just after the last nonzero count */
    for (uint32_t i = 0; i < span; i++) {
        if (counts[i] != 0) {
            size += cxmi_varint_size(i - prev_end) + cxmi_varint_size(counts[i]);
            prev_end = i + 1;
            nonzero++;
        }
    }
    return size + cxmi_varint_size(nonzero);
}

size_t cxmi_hist_put(unsigned char *dst, const uint64_t *counts, uint32_t span)
{
    uint64_t nonzero = 0;
    for (uint32_t i = 0; i < span; i++) {
        nonzero += counts[i] != 0;
    }
    size_t n = cxmi_varint_put(dst, nonzero);
    uint32_t prev_end = 0;
    for (uint32_t i = 0; i < span; i++) {
        if (counts[i] != 0) {
            n += cxmi_varint_put(dst + n, i - prev_end);
            n += cxmi_varint_put(dst + n, counts[i]);
            prev_end = i + 1;
        }
    }
    return n;
}

bool cxmi_read_varint(cxmi_reader *r, uint64_t *v)
{
    size_t n = cxmi_varint_get(r->p, r->left, v);
    r->p += n;
    r->left -= n;
    return n != 0;
}

/* Zero counts have no place in the block (that would be a second encoding of
 * the same histogram), and the gaps keep the indices strictly increasing. */
bool cxmi_hist_get(cxmi_reader *r, uint32_t span, uint64_t *counts, uint64_t *total)
{
    uint64_t nonzero;
    if (!cxmi_read_varint(r, &nonzero) || nonzero > span) {
        return false;
    }
    memset(counts, 0, span * sizeof counts[0]);
    *total = 0;
    uint64_t next = 0; /* first index the next pair may name */
    for (uint64_t k = 0; k < nonzero; k++) {
        uint64_t gap, count;
        if (!cxmi_read_varint(r, &gap) || !cxmi_read_varint(r, &count)) {
            return false;
        }
        if (gap >= span - next || count == 0 || count > UINT64_MAX - *total) {
            return false;
        }
        counts[next + gap] = count;
        *total += count;
        next += gap + 1;
    }
    return true;
}
