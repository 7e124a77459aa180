/*
 * LEB128 varints, strict: the decoder accepts exactly the bytes the encoder
 * produces, so that every value has one encoding and the format stays
 * canonical (equal accumulators, identical bytes).
 */
#include "varint.h"

size_t cxmi_varint_get(const unsigned char *src, size_t len, uint64_t *v)
{
    uint64_t value = 0;
    for (size_t i = 0; i < len && i < CXMI_VARINT_MAX; i++) {
        uint64_t group = src[i] & 0x7Fu;
        unsigned shift = (unsigned)(7 * i);
        /* The tenth byte holds bit 63 only; anything above would be lost. */
        if (i == CXMI_VARINT_MAX - 1 && src[i] > 0x01u) {
            return 0;
        }
        value |= group << shift;
        if ((src[i] & 0x80u) == 0) {
            /* A zero last group after the first byte is an overlong form. */
            if (i > 0 && src[i] == 0) {
                return 0;
            }
            *v = value;
            return i + 1;
        }
    }
    return 0; /* truncated, or a continuation bit on the tenth byte */
}
