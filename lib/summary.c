/*
 * From a histogram to the numbers the statistics are built on: the band
 * counts, the shares, the mean and the standard deviation.
 *
 * The mean is computed from exact integer sums. With up to 2^64 ratings the
 * sum of ratings needs more than 64 bits (wide.h); the mean is then split into
 * its integer part and a remainder r / n, both exact until the one final
 * division, and kept that way in the summary so that a difference of two
 * means is formed from the integers too (exact.c). That keeps the mean within
 * an ulp or two at any n, also next to zero on a scale with negative ratings,
 * and makes the mean of identical ratings exactly that rating (so their
 * standard deviation is exactly 0).
 */
#include <math.h>

#include "internal.h"
#include "wide.h"

static uint64_t band_total(const cxm_scale *scale, const uint64_t *counts, int32_t lo, int32_t hi)
{
    uint64_t sum = 0;
    for (uint64_t i = cxmi_rating_index(lo, scale->min); i <= cxmi_rating_index(hi, scale->min);
         i++) {
        sum += counts[i];
    }
    return sum;
}

/* sum(counts[i] * i), as the sum over j >= 1 of the ratings at offsets >= j:
 * each of those partial counts is <= total < 2^64, so only the running sum
 * needs more than 64 bits (at most 100 * 2^64), and no product is formed. */
static cxmi_wide offset_sum(const uint64_t *counts, uint32_t span)
{
    cxmi_wide sum = {{0, 0, 0}};
    uint64_t above = 0;
    for (uint32_t i = span - 1; i >= 1; i--) {
        above += counts[i];
        sum.w[0] += above;
        sum.w[1] += sum.w[0] < above;
    }
    return sum;
}

/* The mean offset from min: sum(counts[i] * i) / n = q + r / n, 0 <= r < n. */
static void mean_offset(const uint64_t *counts, uint32_t span, uint64_t total, uint32_t *q,
                        uint64_t *r)
{
    cxmi_wide sum = offset_sum(counts, span);
    /* q is the largest k with k * n <= sum; q <= span - 1 because every offset
     * is. The quotient in doubles is within 100 * 2^-52 of sum / n, so one less
     * than it, truncated, is never above q (that would take an error of 1),
     * and at most a step or two of exact comparison counts up to q. */
    double estimate = cxmi_wide_to_double(sum) / (double)total;
    uint32_t k = estimate < 1.0 ? 0 : (uint32_t)fmin(estimate - 1.0, (double)(span - 1));
    while (k + 1 < span && !cxmi_wide_less(sum, cxmi_wide_mul(total, k + 1))) {
        k++;
    }
    *q = k;
    *r = sum.w[0] - cxmi_wide_mul(total, k).w[0]; /* < n: the low words suffice */
}

/* Sum of v[i] * (i - q - rest / n)^2, v[i] = high[i] * 2^64 + low[i] (high
 * NULL: low[i]), with Neumaier's compensated summation: the terms are all
 * non-negative, and compensation keeps the result within a few ulps however
 * many buckets there are. Each deviation is two terms of one sign, the
 * distance to the nearer whole number formed from the integers: above the
 * mean, (i - q - 1) + (n - rest) / n, as 1 - rest / n would lose every digit
 * when the mean lies within 1e-16 of q + 1 (a weight of 2^80 in Q then
 * carries what those digits held). */
static double squared_deviations(const uint64_t *low, const uint64_t *high, uint32_t span,
                                 uint32_t q, uint64_t rest, uint64_t n)
{
    double below = (double)rest / (double)n, above = (double)(n - rest) / (double)n;
    double sum = 0.0, compensation = 0.0;
    for (uint32_t i = 0; i < span; i++) {
        double deviation = i > q ? (double)(i - q - 1) + above : (double)(q - i) + below;
        double v =
            high == NULL ? (double)low[i] : cxmi_wide_to_double(cxmi_wide_of(high[i], low[i]));
        double term = v * deviation * deviation;
        double t = sum + term;
        compensation += fabs(sum) >= fabs(term) ? (sum - t) + term : (term - t) + sum;
        sum = t;
    }
    return sum + compensation;
}

/* whole + rest / n as a double, whole the integer part (rounded towards
 * minus infinity). Below zero the value is formed as (whole + 1) - (n - rest)
 * / n, two terms of one sign: -1 + (n - 1) / n would cancel to noise. */
static double whole_plus_fraction(int64_t whole, uint64_t rest, uint64_t n)
{
    if (whole >= 0 || rest == 0) {
        return (double)whole + (double)rest / (double)n;
    }
    return (double)(whole + 1) - (double)(n - rest) / (double)n;
}

double cxmi_deviations(const cxmi_summary *s, int32_t min, const uint64_t *low,
                       const uint64_t *high, uint32_t span)
{
    uint32_t q = (uint32_t)(s->mean_whole - min);
    return squared_deviations(low, high, span, q, s->mean_rest, s->n);
}

void cxmi_summarize_counts(const cxm_scale *s, const uint64_t *counts, uint64_t total,
                           cxmi_summary *out)
{
    uint32_t span = cxmi_scale_span(s);
    out->n = total;
    out->positive = band_total(s, counts, s->positive_min, s->positive_max);
    out->negative = band_total(s, counts, s->negative_min, s->negative_max);
    out->neutral = out->n - out->positive - out->negative;
    out->mean_whole = 0;
    out->mean_rest = 0;
    out->mean = NAN;
    out->stddev = NAN;
    if (out->n == 0) {
        return;
    }
    uint32_t q;
    mean_offset(counts, span, total, &q, &out->mean_rest);
    out->mean_whole = (int64_t)s->min + q;
    out->mean = whole_plus_fraction(out->mean_whole, out->mean_rest, out->n);
    if (out->n >= 2) {
        out->stddev = sqrt(cxmi_deviations(out, s->min, counts, NULL, span) / (double)(out->n - 1));
    }
}

void cxmi_summarize(const cxm_acc *acc, cxmi_summary *out)
{
    cxmi_summarize_counts(&acc->scale, acc->counts, acc->total, out);
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
