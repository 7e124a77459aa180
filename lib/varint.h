/*
 * Unsigned LEB128 varints as the encoding format uses them (docs/format.md):
 * 7 bits per byte, least significant group first, high bit = "more follows",
 * and only the shortest form of each value is valid.
 */
#ifndef CXM_VARINT_H
#define CXM_VARINT_H

#include <stddef.h>
#include <stdint.h>

/* The longest varint: 64 bits in groups of 7. */
#define CXMI_VARINT_MAX 10

/* Bytes in the shortest encoding of v (1 to CXMI_VARINT_MAX). Inline, like
 * cxmi_varint_put: the encoders call both for every nonzero bucket. */
static inline size_t cxmi_varint_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80u) {
        v >>= 7;
        n++;
    }
    return n;
}

/* Writes the shortest encoding of v to dst (room for cxmi_varint_size(v)
 * bytes) and returns its length. */
static inline size_t cxmi_varint_put(unsigned char *dst, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80u) {
        dst[n++] = (unsigned char)(v & 0x7Fu) | 0x80u;
        v >>= 7;
    }
    dst[n++] = (unsigned char)v;
    return n;
}

/* Reads one varint from the len bytes at src into *v and returns its length,
 * or returns 0 with *v untouched if the bytes are not the shortest encoding
 * of a 64-bit value: truncated, overlong (a final 0x00 group after the
 * first byte), or more than 64 bits. */
size_t cxmi_varint_get(const unsigned char *src, size_t len, uint64_t *v);

#endif
