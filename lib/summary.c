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

static uint64_t band_total(const cxm_acc *acc, int32_t lo, int32_t hi)
{
    uint64_t sum = 0;
    for (uint64_t i = cxmi_acc_index(acc, lo); i <= cxmi_acc_index(acc, hi); i++) {
        sum += acc->counts[i];
    }
    return sum;
}

/* sum(counts[i] * i), as the sum over j >= 1 of the ratings at offsets >= j:
 * each of those partial counts is <= total < 2^64, so only the running sum
 * needs more than 64 bits (at most 100 * 2^64), and no product is formed. */
static cxmi_wide offset_sum(const cxm_acc *acc)
{
    cxmi_wide sum = {{0, 0, 0}};
    uint64_t above = 0;
    for (uint32_t i = acc->span - 1; i >= 1; i--) {
        above += acc->counts[i];
        sum.w[0] += above;
        sum.w[1] += sum.w[0] < above;
    }
    return sum;
}

/* The mean offset from min: sum(counts[i] * i) / n = q + r / n, 0 <= r < n. */
static void mean_offset(const cxm_acc *acc, uint32_t *q, uint64_t *r)
{
    cxmi_wide sum = offset_sum(acc);
    /* q is the largest k with k * n <= sum; q <= span - 1 because every offset
     * is. The quotient in doubles is within 100 * 2^-52 of sum / n, so one less
     * than it, truncated, is never above q (that would take an error of 1),
     * and at most a step or two of exact comparison counts up to q. */
    double estimate = cxmi_wide_to_double(sum) / (double)acc->total;
    uint32_t k = estimate < 1.0 ? 0 : (uint32_t)fmin(estimate - 1.0, (double)(acc->span - 1));
    while (k + 1 < acc->span && !cxmi_wide_less(sum, cxmi_wide_mul(acc->total, k + 1))) {
        k++;
    }
    *q = k;
    *r = sum.w[0] - cxmi_wide_mul(acc->total, k).w[0]; /* < n: the low words suffice */
}

/* |i - (q + r / n)|, the distance of offset i from the mean offset, as
 * |n (i - q) - r| / n: the numerator is an exact integer, so the one
 * division leaves it within an ulp. Subtracting a rounded r / n instead keeps
 * only its absolute accuracy, 2^-53, which for the bulk of a near-constant
 * sample (r / n within 1e-19 of 1 at CSAT {2: 3907357015462285055, 1: 1})
 * is more than the distance itself. The numerator is below 101 n, so up to
 * n = 2^64 / 101 it fits in 64 bits; wide integers take the rest. */
static double deviation(uint32_t i, uint32_t q, uint64_t r, uint64_t n)
{
    uint32_t k = i > q ? i - q : q - i;
    if (n <= UINT64_MAX / CXM_MAX_SPAN) {
        return (double)(i > q ? n * k - r : n * k + r) / (double)n;
    }
    cxmi_wide rest = {{r, 0, 0}};
    cxmi_wide num =
        i > q ? cxmi_wide_sub(cxmi_wide_mul(n, k), rest) : cxmi_wide_add(cxmi_wide_mul(n, k), rest);
    return cxmi_wide_to_double(num) / (double)n;
}

/* Sum of counts[i] * (i - mean)^2, with Neumaier's compensated summation:
 * the terms are all non-negative and each is within a few ulps, and
 * compensation keeps the sum so however many buckets there are. */
static double squared_deviations(const cxm_acc *acc, uint32_t q, uint64_t r)
{
    double sum = 0.0, compensation = 0.0;
    for (uint32_t i = 0; i < acc->span; i++) {
        double distance = deviation(i, q, r, acc->total);
        double term = (double)acc->counts[i] * distance * distance;
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

void cxmi_summarize(const cxm_acc *acc, cxmi_summary *out)
{
    const cxm_scale *s = &acc->scale;
    out->n = acc->total;
    out->positive = band_total(acc, s->positive_min, s->positive_max);
    out->negative = band_total(acc, s->negative_min, s->negative_max);
    out->neutral = out->n - out->positive - out->negative;
    out->mean_whole = 0;
    out->mean_rest = 0;
    out->mean = NAN;
    out->stddev = NAN;
    if (out->n == 0) {
        return;
    }
    uint32_t q;
    mean_offset(acc, &q, &out->mean_rest);
    out->mean_whole = (int64_t)s->min + q;
    out->mean = whole_plus_fraction(out->mean_whole, out->mean_rest, out->n);
    if (out->n >= 2) {
        out->stddev = sqrt(squared_deviations(acc, q, out->mean_rest) / (double)(out->n - 1));
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
