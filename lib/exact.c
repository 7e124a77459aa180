/*
 * Differences of ratios of counts, formed from the integers: the cross
 * product x1 * n2 - x2 * n1 is exact in wide integers (wide.h) and only the
 * final division rounds. A difference of two rounded ratios is off by an ulp
 * of the ratios, which is everything when the difference itself is tiny.
 */
#include "internal.h"
#include "wide.h"

cxmi_ratio cxmi_net_ratio(uint64_t p, uint64_t d, uint64_t n, uint32_t extra)
{
    cxmi_ratio r = {p >= d ? p - d : d - p, n, extra, p < d};
    return r;
}

/* num * (den + extra), exact: below 2^129. */
static cxmi_wide scaled(uint64_t num, uint64_t den, uint32_t extra)
{
    cxmi_wide product = cxmi_wide_mul(num, den);
    return extra == 0 ? product : cxmi_wide_add(product, cxmi_wide_mul(num, extra));
}

/* Whether both cross products fit in 64 bits (numerators below 2^32,
 * denominators at most 2^32): the common case, done without wide integers. */
static bool narrow(cxmi_ratio a, cxmi_ratio b)
{
    const uint64_t limit = UINT64_C(1) << 32;
    return (a.num | b.num) < limit && a.den <= limit - a.extra && b.den <= limit - b.extra;
}

static double narrow_diff(cxmi_ratio a, cxmi_ratio b)
{
    uint64_t da = a.den + a.extra, db = b.den + b.extra;
    uint64_t x = a.num * db, y = b.num * da;
    double magnitude = a.negative != b.negative ? (double)x + (double)y
                       : x >= y                 ? (double)(x - y)
                                                : -(double)(y - x);
    return (a.negative ? -magnitude : magnitude) / ((double)da * (double)db);
}

double cxmi_ratio_diff(cxmi_ratio a, cxmi_ratio b)
{
    if (narrow(a, b)) {
        return narrow_diff(a, b);
    }
    cxmi_wide x = scaled(a.num, b.den, b.extra), y = scaled(b.num, a.den, a.extra);
    double denominator = ((double)a.den + a.extra) * ((double)b.den + b.extra);
    double magnitude;
    bool negative;
    if (a.negative != b.negative) { /* a - b = a + |b| or -(|a| + |b|): no cancellation */
        magnitude = cxmi_wide_to_double(cxmi_wide_add(x, y));
        negative = a.negative;
    } else if (cxmi_wide_less(x, y)) {
        magnitude = cxmi_wide_to_double(cxmi_wide_sub(y, x));
        negative = !a.negative;
    } else {
        magnitude = cxmi_wide_to_double(cxmi_wide_sub(x, y));
        negative = a.negative;
    }
    return (negative ? -magnitude : magnitude) / denominator;
}

/* With the means w_a + r_a / n_a and w_b + r_b / n_b (0 <= r < n) the
 * difference is k + f, k = w_a - w_b, f = r_a / n_a - r_b / n_b in (-1, 1).
 * Only k = +-1 can cancel against f; there the difference is rewritten as two
 * terms of one sign, e.g. 1 + f = r_a / n_a + (n_b - r_b) / n_b. */
double cxmi_mean_diff(const cxmi_summary *a, const cxmi_summary *b)
{
    int64_t k = a->mean_whole - b->mean_whole;
    if (k == 1) {
        return (double)a->mean_rest / (double)a->n + (double)(b->n - b->mean_rest) / (double)b->n;
    }
    if (k == -1) {
        return -((double)(a->n - a->mean_rest) / (double)a->n +
                 (double)b->mean_rest / (double)b->n);
    }
    cxmi_ratio fa = {a->mean_rest, a->n, 0, false}, fb = {b->mean_rest, b->n, 0, false};
    return (double)k + cxmi_ratio_diff(fa, fb);
}
