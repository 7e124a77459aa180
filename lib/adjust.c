/*
 * Adjusted p-values for many comparisons at once: R's p.adjust (package
 * stats), method by method and operation by operation, so that a report's
 * stars agree with what an analyst gets from R, to the last bit.
 *
 * R's recipe, for the m p-values that are not NaN (NaN ones stay as they are
 * and do not count):
 *   bonferroni  pmin(1, m * p)
 *   holm        ascending order, cummax((m + 1 - i) * p), then pmin(1, .)
 *   hochberg    descending order, cummin((m + 1 - i) * p), pmin(1, .)
 *   BH          descending order, cummin(m / i * p), pmin(1, .)
 *   BY          descending order, cummin(q * m / i * p), q = sum(1 / (1:m))
 * with i the rank of p among the m (1 for the smallest), products evaluated
 * left to right as R does ((m / i) * p, not m * p / i), and m <= 1 returning
 * the p-values untouched. R orders with a stable sort that treats -0 and 0 as
 * equal, and its cummax and cummin keep the later of two equal values; both
 * are copied here, so even the sign of a zero comes out as R's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct ranked {
    double p;  /* the p-value, then its adjusted value */
    size_t at; /* its position in the caller's array */
} ranked;

/* Ascending p, ties by position: R's order(p). */
static int ascending(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->p != y->p) {
        return x->p < y->p ? -1 : 1;
    }
    return x->at < y->at ? -1 : x->at > y->at;
}

/* Descending p, ties by position: R's order(p, decreasing = TRUE), which is
 * stable too. */
static int descending(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->p != y->p) {
        return x->p > y->p ? -1 : 1;
    }
    return x->at < y->at ? -1 : x->at > y->at;
}

/* ---- the harmonic number as R's sum() forms it ------------------------------
 * BY's q = sum(1 / (1:m)). R's sum() of doubles accumulates in long double,
 * the x87's format with a 64-bit significand on the x86-64 machines R mostly
 * runs on, and rounds once at the end; the result differs from a correctly
 * rounded sum in the last bit for about one m in fifteen. The accumulator
 * is emulated here in integers, so that q is R's on every platform, whatever
 * long double is there (it is a 113-bit format on aarch64 and s390x, and
 * valgrind computes it in double). */

typedef struct extended {
    uint64_t significand; /* the value is significand * 2^exponent; top bit set */
    int exponent;
} extended;

/* x += t rounded to 64 significant bits, to nearest, ties to even, for
 * x 2^-59 <= t <= x: every term 1/j of a harmonic sum of up to 2^53 terms
 * (H_m < 2^6), so t's 53 bits always lie within the 128 bits below. */
static void extended_add(extended *x, double t)
{
    int te;
    uint64_t tm = (uint64_t)ldexp(frexp(t, &te), 53); /* t = tm * 2^(te - 53) */
    /* t in units of 2^(exponent - 64), as the 128-bit value high:low; the
     * bound on t puts shift in [16, 75] */
    int shift = te - x->exponent + 11;
    uint64_t high, low;
    if (shift >= 64) {
        high = tm << (shift - 64);
        low = 0;
    } else {
        high = tm >> (64 - shift);
        low = tm << shift;
    }
    bool sticky = false; /* a 1 shifted out below low */
    high += x->significand;
    if (high < x->significand) { /* carried out: renormalize one bit down */
        sticky = (low & 1) != 0;
        low = (low >> 1) | (high << 63);
        high = (high >> 1) | (UINT64_C(1) << 63);
        x->exponent++;
    }
    const uint64_t half = UINT64_C(1) << 63;
    bool up = low > half || (low == half && (sticky || (high & 1)));
    bool carry = up && high == UINT64_MAX; /* all ones rounds to the next power of 2 */
    x->significand = carry ? half : high + up;
    x->exponent += carry;
}

/* The nearest double, ties to even: the conversion R makes at the end. */
static double extended_to_double(extended x)
{
    uint64_t rounded = x.significand >> 11, rest = x.significand & 0x7ff;
    if (rest > 0x400 || (rest == 0x400 && (rounded & 1))) {
        rounded++; /* 2^53 at most, still exact in a double */
    }
    return ldexp((double)rounded, x.exponent + 11);
}

static double harmonic_number(size_t m)
{
    extended sum = {UINT64_C(1) << 63, -63}; /* 1, the first term */
    for (size_t j = 2; j <= m; j++) {
        extended_add(&sum, 1.0 / (double)j);
    }
    return extended_to_double(sum);
}

/* ---- the methods -------------------------------------------------------------- */

/* The factor R multiplies the p-value of rank i (of m) by, left to right:
 * factor[0] * p, or (factor[0] / factor[1]) * p. */
typedef struct factor {
    double times, over;
} factor;

static factor holm_factor(size_t i, size_t m, double q)
{
    (void)q;
    factor f = {(double)(m + 1 - i), 1.0};
    return f;
}

static factor bh_factor(size_t i, size_t m, double q)
{
    (void)q;
    factor f = {(double)m, (double)i};
    return f;
}

static factor by_factor(size_t i, size_t m, double q)
{
    factor f = {q * (double)m, (double)i};
    return f;
}

typedef struct method {
    factor (*factor)(size_t i, size_t m, double q);
    bool step_down; /* ascending order and cummax (Holm); else descending and cummin */
    bool harmonic;  /* needs q (BY) */
} method;

/* Indexed by CXM_ADJUST_*; Bonferroni needs no order and has its own loop. */
static const method methods[] = {
    [CXM_ADJUST_HOLM] = {holm_factor, true, false},
    [CXM_ADJUST_HOCHBERG] = {holm_factor, false, false},
    [CXM_ADJUST_BH] = {bh_factor, false, false},
    [CXM_ADJUST_BY] = {by_factor, false, true},
};
_Static_assert(sizeof methods / sizeof methods[0] == CXM_ADJUST_BY + 1, "a method without a row");

static double at_most_one(double x)
{
    return x < 1.0 ? x : 1.0; /* R's pmin(1, x) */
}

/* The cumulative extreme of R's cummax / cummin: the later value wins a tie. */
static double extreme(double running, double x, bool max)
{
    if (max) {
        return running > x ? running : x;
    }
    return running < x ? running : x;
}

static void adjust_ranked(ranked *r, size_t m, const method *how)
{
    qsort(r, m, sizeof r[0], how->step_down ? ascending : descending);
    double q = how->harmonic ? harmonic_number(m) : 0.0;
    double running = how->step_down ? -INFINITY : INFINITY;
    for (size_t k = 0; k < m; k++) {
        size_t i = how->step_down ? k + 1 : m - k; /* rank from the smallest */
        factor f = how->factor(i, m, q);
        running = extreme(running, f.times / f.over * r[k].p, how->step_down);
        r[k].p = at_most_one(running);
    }
}

/* p outside [0, 1], NaN aside, is refused; *counted receives the others. */
static bool p_values_valid(const double *p, size_t n, size_t *counted)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(p[i])) {
            continue;
        }
        if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
            return false;
        }
        m++;
    }
    *counted = m;
    return true;
}

static void bonferroni(const double *p, size_t n, size_t m, double *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = isnan(p[i]) ? p[i] : at_most_one((double)m * p[i]);
    }
}

int cxm_adjust_p(const double *p, size_t n, int method_id, double *out)
{
    if (n > 0 && (p == NULL || out == NULL)) {
        return CXM_ERR_NULL;
    }
    bool known = method_id >= CXM_ADJUST_BONFERRONI && method_id <= CXM_ADJUST_BY;
    size_t m = 0;
    if (!known || !p_values_valid(p, n, &m)) {
        return CXM_ERR_ARG;
    }
    if (m <= 1) { /* R returns them untouched */
        if (n > 0 && out != p) {
            memmove(out, p, n * sizeof p[0]);
        }
        return CXM_OK;
    }
    if (method_id == CXM_ADJUST_BONFERRONI) {
        bonferroni(p, n, m, out);
        return CXM_OK;
    }
    ranked *r = m <= SIZE_MAX / sizeof(ranked) ? malloc(m * sizeof(ranked)) : NULL;
    if (r == NULL) {
        return CXM_ERR_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isnan(p[i])) {
            r[k].p = p[i];
            r[k++].at = i;
        } else {
            out[i] = p[i];
        }
    }
    adjust_ranked(r, m, &methods[method_id]);
    for (k = 0; k < m; k++) {
        out[r[k].at] = r[k].p;
    }
    free(r);
    return CXM_OK;
}
