/*
 * The building blocks shared by the two encodings, the accumulator's
 * (codec.c) and the series' (series_codec.c), as docs/format.md specifies
 * them: fixed-width little-endian fields, the scale block, the histogram
 * block, and the frame around them (magic, version, CRC-32C). One
 * implementation, so that both formats stay byte-for-byte what the page says.
 */
#ifndef CXM_WIRE_H
#define CXM_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Magic (4 bytes) and version (1 byte) open every encoding. */
#define CXMI_MAGIC_BYTES  4
#define CXMI_PREFIX_BYTES (CXMI_MAGIC_BYTES + 1)
/* The scale: min .. negative_max as i32le, then headline as u8. */
#define CXMI_SCALE_BYTES (6 * 4 + 1)
/* The CRC-32C that closes every encoding. */
#define CXMI_CRC_BYTES 4

/* ---- fixed-width fields --------------------------------------------------- */

void cxmi_put_u32le(unsigned char *dst, uint32_t v);
uint32_t cxmi_get_u32le(const unsigned char *src);

/* An int64 as its two's-complement bit pattern, 8 bytes little-endian. */
void cxmi_put_i64le(unsigned char *dst, int64_t v);
int64_t cxmi_get_i64le(const unsigned char *src);

/* ---- the frame ------------------------------------------------------------ */

/* Writes magic and version; returns CXMI_PREFIX_BYTES. */
size_t cxmi_frame_open(unsigned char *dst, const unsigned char magic[CXMI_MAGIC_BYTES],
                       unsigned char version);

/* Appends the CRC-32C of the n bytes written so far; returns n + 4. */
size_t cxmi_frame_close(unsigned char *dst, size_t n);

/* Whether len bytes are at least min_len long, end with the CRC-32C of the
 * rest, and open with this magic and version. */
bool cxmi_frame_check(const unsigned char *bytes, size_t len, size_t min_len,
                      const unsigned char magic[CXMI_MAGIC_BYTES], unsigned char version);

/* ---- the scale block ------------------------------------------------------ */

/* Writes a validated scale; returns CXMI_SCALE_BYTES. */
size_t cxmi_scale_put(unsigned char *dst, const cxm_scale *scale);

/* Reads CXMI_SCALE_BYTES bytes into *out if they are a valid scale. */
bool cxmi_scale_get(const unsigned char *src, cxm_scale *out);

/* ---- the histogram block: k, then k (gap, count) varint pairs ------------ */

/* Bytes of the block of a histogram of span counts. */
size_t cxmi_hist_size(const uint64_t *counts, uint32_t span);

/* Writes the block; returns its length. */
size_t cxmi_hist_put(unsigned char *dst, const uint64_t *counts, uint32_t span);

/* A cursor over the bytes between a header and the checksum. */
typedef struct cxmi_reader {
    const unsigned char *p;
    size_t left;
} cxmi_reader;

/* Reads one canonical varint. */
bool cxmi_read_varint(cxmi_reader *r, uint64_t *v);

/* Reads a canonical block into counts[0 .. span) and its sum into *total:
 * k <= span, entries inside the span, no zero count, sum <= UINT64_MAX. */
bool cxmi_hist_get(cxmi_reader *r, uint32_t span, uint64_t *counts, uint64_t *total);

#endif
