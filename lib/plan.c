/*
 * Sample-size planning: how many answers a survey needs for the Wald
 * interval of a quantity to be at most +-h wide,
 *
 *   n0 = ceil(z^2 sigma^2 / h^2),   n = ceil(n0 / (1 + (n0 - 1) / N)),
 *
 * with sigma^2 the variance of one answer as a pilot (or last period) shows
 * it, or the worst case, and N a finite population (0: none).
 *
 * The variance is formed from the pilot's integer counts as one exact
 * fraction (up to 192 bits) and rounded once. The finite-population step is
 * done in integers too: n = N - floor(N (N - 1) / (N + n0 - 1)), exact for
 * every N and n0 where doubles would round n0 N beyond 2^53.
 */
#include <math.h>

#include "internal.h"
#include "wide.h"

/* sigma^2 in proportion units (ratings for the mean) as num / den. */
typedef struct fraction {
    cxmi_wide num, den;
} fraction;

static cxmi_wide wide_of(uint64_t x)
{
    cxmi_wide w = {{x, 0, 0}};
    return w;
}

/* x * y for y < 2^128: two 64 x 64 products, the second a word up. */
static cxmi_wide wide_times(cxmi_wide y, uint64_t x)
{
    cxmi_wide low = cxmi_wide_mul(x, y.w[0]), high = cxmi_wide_mul(x, y.w[1]);
    cxmi_wide shifted = {{0, high.w[0], high.w[1]}};
    return cxmi_wide_add(low, shifted);
}

/* A share x / n: p (1 - p) = x (n - x) / n^2. */
static fraction share_variance(uint64_t x, uint64_t n)
{
    fraction f = {cxmi_wide_mul(x, n - x), cxmi_wide_mul(n, n)};
    return f;
}

/* A net score: p+ + p- - (p+ - p-)^2 = ((P + D) n - (P - D)^2) / n^2. */
static fraction net_variance(uint64_t positive, uint64_t negative, uint64_t n)
{
    uint64_t gap = positive > negative ? positive - negative : negative - positive;
    fraction f = {cxmi_wide_sub(cxmi_wide_mul(positive + negative, n), cxmi_wide_mul(gap, gap)),
                  cxmi_wide_mul(n, n)};
    return f;
}

/* The sample variance of the ratings (n >= 2). With the mean offset from min
 * exactly q + r / n (summary.c) and D2 = sum c_i (i - q)^2, the sum of squared
 * deviations is D2 - r^2 / n, so the variance is (n D2 - r^2) / (n (n - 1)). */
static fraction mean_variance(const cxm_acc *acc, const cxmi_summary *s)
{
    uint64_t q = (uint64_t)(s->mean_whole - acc->scale.min);
    cxmi_wide d2 = wide_of(0);
    for (uint32_t i = 0; i < acc->span; i++) {
        uint64_t d = i > q ? i - q : q - i;
        d2 = cxmi_wide_add(d2, cxmi_wide_mul(acc->counts[i], d * d));
    }
    fraction f = {cxmi_wide_sub(wide_times(d2, s->n), cxmi_wide_mul(s->mean_rest, s->mean_rest)),
                  cxmi_wide_mul(s->n, s->n - 1)};
    return f;
}

/* The worst case: p = 1/2; p+ = p- = 1/2; half the range for the mean. */
static fraction worst_variance(int quantity, uint32_t span)
{
    fraction f = {wide_of(1), wide_of(4)};
    if (quantity == CXM_QUANTITY_NET) {
        f.den = wide_of(1);
    } else if (quantity == CXM_QUANTITY_MEAN) {
        f.num = wide_of((uint64_t)(span - 1) * (span - 1));
    }
    return f;
}

static int pilot_variance(const cxm_acc *acc, int quantity, fraction *out)
{
    cxmi_summary s;
    cxmi_summarize(acc, &s);
    if (s.n < (quantity == CXM_QUANTITY_MEAN ? 2u : 1u)) {
        return CXM_ERR_EMPTY;
    }
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE: *out = share_variance(s.positive, s.n); break;
    case CXM_QUANTITY_NEGATIVE_SHARE: *out = share_variance(s.negative, s.n); break;
    case CXM_QUANTITY_NET: *out = net_variance(s.positive, s.negative, s.n); break;
    default: *out = mean_variance(acc, &s); break;
    }
    return CXM_OK;
}

/* ceil(x) for x >= 0 computed in doubles from z (itself rounded), squares
 * and decimal inputs such as 0.95 and 0.1: a value above an integer by no
 * more than 2^-40 of itself is taken as that integer. The rounding errors
 * are a few units in 2^-52; an answer they moved past an integer would be one
 * answer too many. Beyond 2^40 the tolerance exceeds 1 and this is floor(x),
 * within one answer of ceil(x) where the doubles themselves are that coarse. */
static double ceil_past_rounding(double x)
{
    double below = floor(x);
    return x - below <= ldexp(x, -40) ? below : below + 1.0;
}

/* floor(num / den) for 0 < den <= num < 2^128 and a quotient below 2^64, bit
 * by bit from the top. */
static uint64_t wide_quotient(cxmi_wide num, cxmi_wide den)
{
    uint64_t q = 0;
    for (int bit = 63; bit >= 0; bit--) {
        uint64_t candidate = q | (UINT64_C(1) << bit);
        if (!cxmi_wide_less(num, wide_times(den, candidate))) {
            q = candidate;
        }
    }
    return q;
}

/* n = ceil(n0 N / (N + n0 - 1)) = N - floor(N (N - 1) / (N + n0 - 1)), which
 * lies in [1, min(n0, N)]; n0 is an integer-valued double >= 1. */
static uint64_t finite_population(double n0, uint64_t population)
{
    if (n0 >= 0x1p128) { /* then N + n0 - 1 > N (N - 1): the floor is 0 */
        return population;
    }
    double high = floor(ldexp(n0, -64));
    cxmi_wide n0w = {{(uint64_t)(n0 - ldexp(high, 64)), (uint64_t)high, 0}};
    cxmi_wide den = cxmi_wide_add(n0w, wide_of(population - 1));
    cxmi_wide num = cxmi_wide_mul(population, population - 1);
    if (cxmi_wide_less(num, den)) {
        return population;
    }
    return population - wide_quotient(num, den);
}

int cxm_plan_sample_size(const cxm_scale *scale, const cxm_acc *expected, int quantity,
                         double confidence, double half_width, uint64_t population, uint64_t *out)
{
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = cxmi_scale_load(scale, &norm);
    if (status != CXM_OK) {
        return status;
    }
    quantity = cxmi_quantity_resolve(quantity, norm.headline);
    cxmi_resolved how = cxmi_methods_resolve(quantity, CXM_METHOD_DEFAULT, CXM_USE_INTERVAL);
    if (how.method == CXM_METHOD_DEFAULT || !(confidence > 0.0 && confidence < 1.0) ||
        !(half_width > 0.0)) {
        return CXM_ERR_ARG;
    }
    if (expected != NULL && !cxmi_scale_equal(&expected->scale, &norm)) {
        return CXM_ERR_MISMATCH;
    }
    fraction variance = worst_variance(quantity, cxmi_scale_span(&norm));
    if (expected != NULL && (status = pilot_variance(expected, quantity, &variance)) != CXM_OK) {
        return status;
    }
    double n0 = 1.0; /* all answers alike (variance 0): one answer says it all */
    if (!cxmi_wide_less(variance.num, wide_of(1))) {
        double sigma2 = how.unit * how.unit * cxmi_wide_to_double(variance.num) /
                        cxmi_wide_to_double(variance.den);
        double z = cxmi_z_critical(confidence);
        n0 = fmax(1.0, ceil_past_rounding(z * z * sigma2 / (half_width * half_width)));
    }
    if (population > 0) {
        *out = finite_population(n0, population);
        return CXM_OK;
    }
    if (n0 >= 0x1p64) {
        return CXM_ERR_OVERFLOW;
    }
    *out = (uint64_t)n0;
    return CXM_OK;
}
