/*
 * Unsigned integers of 192 bits, for the exact sums and cross products of
 * counts that the statistics need: a count times a count is up to 128 bits,
 * and a count times a count plus a pseudo-count (n + 3) a little more; a
 * weighted accumulator's sums of squared weights take 96 bits, and their
 * invariants compare products of those with counts. The portable stand-in for
 * unsigned __int128 and beyond; only what lib/ uses.
 */
#ifndef CXM_WIDE_H
#define CXM_WIDE_H

#include <stdbool.h>
#include <stdint.h>

/* w[0] is the least significant 64 bits. */
typedef struct cxmi_wide {
    uint64_t w[3];
} cxmi_wide;

static inline cxmi_wide cxmi_wide_add(cxmi_wide a, cxmi_wide b)
{
    cxmi_wide sum;
    uint64_t carry = 0;
    for (int i = 0; i < 3; i++) {
        uint64_t s = a.w[i] + carry;
        uint64_t c1 = s < carry;
        sum.w[i] = s + b.w[i];
        carry = c1 + (sum.w[i] < s);
    }
    return sum;
}

/* a - b, for a >= b. */
static inline cxmi_wide cxmi_wide_sub(cxmi_wide a, cxmi_wide b)
{
    cxmi_wide diff;
    uint64_t borrow = 0;
    for (int i = 0; i < 3; i++) {
        uint64_t d = a.w[i] - b.w[i];
        uint64_t b1 = a.w[i] < b.w[i];
        diff.w[i] = d - borrow;
        borrow = b1 + (d < borrow);
    }
    return diff;
}

static inline bool cxmi_wide_less(cxmi_wide a, cxmi_wide b)
{
    for (int i = 2; i >= 0; i--) {
        if (a.w[i] != b.w[i]) {
            return a.w[i] < b.w[i];
        }
    }
    return false;
}

/* x * y, exact: four 32 x 32 -> 64 bit products. */
static inline cxmi_wide cxmi_wide_mul(uint64_t x, uint64_t y)
{
    uint64_t x0 = x & 0xffffffffu, x1 = x >> 32, y0 = y & 0xffffffffu, y1 = y >> 32;
    uint64_t low = x0 * y0, mid1 = x1 * y0, mid2 = x0 * y1, high = x1 * y1;
    uint64_t mid = (low >> 32) + (mid1 & 0xffffffffu) + (mid2 & 0xffffffffu);
    cxmi_wide p = {
        {(mid << 32) | (low & 0xffffffffu), high + (mid1 >> 32) + (mid2 >> 32) + (mid >> 32), 0}};
    return p;
}

/* high * 2^64 + low. */
static inline cxmi_wide cxmi_wide_of(uint64_t high, uint64_t low)
{
    cxmi_wide v = {{low, high, 0}};
    return v;
}

/* a * y for a below 2^128, exact: below 2^192. */
static inline cxmi_wide cxmi_wide_mul_wide(cxmi_wide a, uint64_t y)
{
    cxmi_wide low = cxmi_wide_mul(a.w[0], y), high = cxmi_wide_mul(a.w[1], y);
    cxmi_wide shifted = {{0, high.w[0], high.w[1]}};
    return cxmi_wide_add(low, shifted);
}

/* a / d, and a mod d in *rest, for 1 <= d < 2^32: long division in 32-bit
 * halves, so that every step divides a 64-bit number (the decimal digits of
 * a 128-bit sum, on hosts without a 128-bit type). */
static inline cxmi_wide cxmi_wide_div_small(cxmi_wide a, uint32_t d, uint32_t *rest)
{
    cxmi_wide q;
    uint64_t r = 0;
    for (int i = 2; i >= 0; i--) {
        uint64_t upper = (r << 32) | (a.w[i] >> 32);
        uint64_t lower = ((upper % d) << 32) | (a.w[i] & 0xffffffffu);
        q.w[i] = ((upper / d) << 32) | (lower / d);
        r = lower % d;
    }
    *rest = (uint32_t)r;
    return q;
}

/* The nearest double or one of its neighbours (at most two roundings): the
 * relative error stays below 2^-52, which is all the statistics need. */
static inline double cxmi_wide_to_double(cxmi_wide a)
{
    return ((double)a.w[2] * 18446744073709551616.0 + (double)a.w[1]) * 18446744073709551616.0 +
           (double)a.w[0];
}

#endif
