/*
 * Little-endian integers in byte buffers, as docs/format.md writes them: the
 * state file (state.c) and its records (storecodec.c) share them. Through
 * unsigned integers, so no signed value is ever shifted.
 */
#ifndef LE_H
#define LE_H

#include <stdint.h>

static inline void put_u32le(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        b[i] = (unsigned char)(v >> 8 * i);
    }
}

static inline uint32_t get_u32le(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline void put_i64le(unsigned char *b, int64_t v)
{
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(u >> 8 * i);
    }
}

static inline int64_t get_i64le(const unsigned char *b)
{
    uint64_t u = 0;
    for (int i = 7; i >= 0; i--) {
        u = u << 8 | b[i];
    }
    return u <= INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1; /* two's complement, portably */
}

#endif
