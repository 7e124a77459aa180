/*
 * From a histogram to the numbers the statistics are built on: the band
 * counts, the shares, the mean and the standard deviation.
 *
 * The mean is computed from exact integer sums. With up to 2^64 ratings the
 * sum of ratings needs more than 64 bits, so it is kept as a 128-bit value in
 * two halves; the mean is then split into its integer part q and a remainder
 * r / n, both exact until the one final division. That keeps the mean within
 * an ulp or two at any n, and makes the mean of identical ratings exactly that
 * rating (so their standard deviation is exactly 0).
 */
#include <math.h>

#include "internal.h"

/* An unsigned 128-bit integer: the portable stand-in for unsigned __int128. */
typedef struct u128 {
    uint64_t hi, lo;
} u128;

static u128 u128_add(u128 a, u128 b)
{
    u128 sum = {a.hi + b.hi, a.lo + b.lo};
    sum.hi += sum.lo < a.lo;
    return sum;
}

/* x * k for k < 2^32, done as two 32x32 -> 64 bit products. */
static u128 u128_mul_small(uint64_t x, uint32_t k)
{
    uint64_t lo_part = (x & 0xffffffffu) * k;
    uint64_t hi_part = (x >> 32) * k;
    u128 a = {hi_part >> 32, hi_part << 32};
    u128 b = {0, lo_part};
    return u128_add(a, b);
}

static bool u128_less(u128 a, u128 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

static uint64_t band_total(const cxm_acc *acc, int32_t lo, int32_t hi)
{
    uint64_t sum = 0;
    for (uint64_t i = cxmi_acc_index(acc, lo); i <= cxmi_acc_index(acc, hi); i++) {
        sum += acc->counts[i];
    }
    return sum;
}

/* The mean offset from min: sum(counts[i] * i) / n = q + frac, q an integer. */
static void mean_offset(const cxm_acc *acc, uint32_t *q, double *frac)
{
    u128 sum = {0, 0};
    for (uint32_t i = 1; i < acc->span; i++) {
        sum = u128_add(sum, u128_mul_small(acc->counts[i], i));
    }
    /* q is the largest k with k * n <= sum; q <= span - 1 because every offset
     * is. The quotient in doubles is within one of it, so at most a step or
     * two of exact comparison settles it. */
    double estimate = ((double)sum.hi * 18446744073709551616.0 + (double)sum.lo) /
                      (double)acc->total;
    uint32_t k = estimate < 1.0 ? 0 : (uint32_t)fmin(estimate - 1.0, (double)(acc->span - 1));
    while (k > 0 && u128_less(sum, u128_mul_small(acc->total, k))) {
        k--;
    }
    while (k + 1 < acc->span && !u128_less(sum, u128_mul_small(acc->total, k + 1))) {
        k++;
    }
    u128 base = u128_mul_small(acc->total, k);
    uint64_t remainder = sum.lo - base.lo; /* < n, so the low halves suffice */
    *q = k;
    *frac = (double)remainder / (double)acc->total;
}

/* Sum of counts[i] * (i - centre)^2, with Neumaier's compensated summation:
 * the terms are all non-negative, and compensation keeps the result within a
 * few ulps however many buckets there are. */
static double squared_deviations(const cxm_acc *acc, uint32_t q, double frac)
{
    double sum = 0.0, compensation = 0.0;
    for (uint32_t i = 0; i < acc->span; i++) {
        double deviation = ((double)i - (double)q) - frac;
        double term = (double)acc->counts[i] * deviation * deviation;
        double t = sum + term;
        compensation += fabs(sum) >= fabs(term) ? (sum - t) + term : (term - t) + sum;
        sum = t;
    }
    return sum + compensation;
}

void cxmi_summarize(const cxm_acc *acc, cxmi_summary *out)
{
    const cxm_scale *s = &acc->scale;
    out->n = acc->total;
    out->positive = band_total(acc, s->positive_min, s->positive_max);
    out->negative = band_total(acc, s->negative_min, s->negative_max);
    out->neutral = out->n - out->positive - out->negative;
    out->mean = NAN;
    out->stddev = NAN;
    if (out->n == 0) {
        return;
    }
    uint32_t q;
    double frac;
    mean_offset(acc, &q, &frac);
    out->mean = ((double)s->min + (double)q) + frac;
    if (out->n >= 2) {
        out->stddev = sqrt(squared_deviations(acc, q, frac) / (double)(out->n - 1));
    }
}

double cxmi_share(uint64_t k, uint64_t n)
{
    /* 100 * k is exact in a double for k < 2^46, so this is one rounding. */
    return n == 0 ? NAN : 100.0 * (double)k / (double)n;
}

double cxmi_count_diff(uint64_t a, uint64_t b)
{
    return a >= b ? (double)(a - b) : -(double)(b - a);
}

double cxmi_net(uint64_t p, uint64_t d, uint64_t n)
{
    /* The difference of the counts is exact; subtracting two rounded shares
     * would not be. */
    return n == 0 ? NAN : 100.0 * cxmi_count_diff(p, d) / (double)n;
}
