/*
 * Shares (positive or negative): intervals of one sample and comparisons of
 * two, in proportion units. References: Wilson (1927); Newcombe (1998),
 * "Two-sided confidence intervals for the single proportion" (method 4, the
 * continuity-corrected Wilson interval) and "Interval estimation for the
 * difference between independent proportions" (method 10, the hybrid score
 * interval); Agresti & Coull (1998); Clopper & Pearson (1934); Brown, Cai &
 * DasGupta (2001), "Interval estimation for a binomial proportion" (Jeffreys).
 */
#include <math.h>

#include "internal.h"

/* The standard error of an observed share, sqrt(p (1 - p) / n). */
static double share_se(uint64_t x, uint64_t n)
{
    double nd = (double)n;
    return sqrt((double)x * (double)(n - x) / nd) / nd;
}

/* The Wilson limits come from centre -+ half, centre = (x + z^2/2) / (n + z^2),
 * half = z sqrt(B) / (n + z^2), B = x (n - x) / n + z^2 / 4. The upper limit
 * is a sum of positive terms; the lower one is rationalized, (centre - half)
 * (centre + half) = x^2 / (n (n + z^2)), so that it too is a quotient of
 * positive terms and keeps its relative accuracy when it is tiny. */
static double wilson_root(uint64_t x, uint64_t n, double z)
{
    return z * sqrt((double)x * (double)(n - x) / (double)n + z * z / 4.0);
}

/* Exactly 0 at x = 0 and exactly 1 at x = n, where the formula would
 * otherwise land a rounding error away from the boundary. */
static void wilson_limits(uint64_t x, uint64_t n, double z, double *low, double *high)
{
    double xd = (double)x, nd = (double)n, z2 = z * z, root = wilson_root(x, n, z);
    *low = x == 0 ? 0.0 : xd * xd / (nd * (xd + z2 / 2.0 + root));
    *high = x == n ? 1.0 : fmin((xd + z2 / 2.0 + root) / (nd + z2), 1.0);
}

/* x / n minus the Wilson lower limit, (x / n) (z^2/2 + z sqrt(B)) / (x + z^2/2
 * + z sqrt(B)): every term positive, not a difference of two rounded limits.
 * The upper limit minus x / n is the same gap of the complement, n - x. At
 * x = 0 the gap is exactly 0 (the limit is), and the quotient would be 0 / 0
 * once z^2 underflows, at confidences below about 1e-160. */
static double wilson_gap_below(uint64_t x, uint64_t n, double z)
{
    if (x == 0) {
        return 0.0;
    }
    double xd = (double)x, tail = z * z / 2.0 + wilson_root(x, n, z);
    return xd / (double)n * (tail / (xd + tail));
}

/* Newcombe's method 4 in closed form: (2x + z^2 -+ 1 -+ z sqrt(R)) / (2 (n +
 * z^2)) with R = z^2 -+ 2 - 1/n + 4p (n - x +- 1). The lower limit is
 * rationalized as for Wilson, A^2 - z^2 R = (2x - 1)^2 (1 + z^2 / n) with A =
 * 2x + z^2 - 1, so low = (2x - 1)^2 / (2n (A + z sqrt(R))). R >= z^2 + 2 -
 * 1/n > 0 whenever its limit is not pinned to the boundary. */
static double wilson_cc_root(uint64_t x, uint64_t n, double z, double sign)
{
    double nd = (double)n, p = (double)x / nd;
    return z * sqrt(z * z - 2.0 * sign - 1.0 / nd + 4.0 * p * ((double)(n - x) + sign));
}

static void wilson_cc_limits(uint64_t x, uint64_t n, double z, double *low, double *high)
{
    double nd = (double)n, xd = (double)x, z2 = z * z, odd = 2.0 * xd - 1.0;
    *low = x == 0 ? 0.0
                  : odd * odd / (2.0 * nd * (2.0 * xd + z2 - 1.0 + wilson_cc_root(x, n, z, 1.0)));
    *high = x == n ? 1.0
                   : fmin((2.0 * xd + z2 + 1.0 + wilson_cc_root(x, n, z, -1.0)) / (2.0 * (nd + z2)),
                          1.0);
}

/* Agresti-Coull: Wald around the Wilson centre, with n + z^2 trials. Both
 * p~ and 1 - p~ come from the counts: 1 - p~ formed from a p~ within 1e-8
 * of 1 keeps only half its digits. */
static double agresti_coull(uint64_t x, uint64_t n, double z, double *low, double *high)
{
    double n_adj = (double)n + z * z;
    double p_adj = ((double)x + z * z / 2.0) / n_adj;
    double q_adj = ((double)(n - x) + z * z / 2.0) / n_adj;
    double se = sqrt(p_adj * q_adj / n_adj);
    *low = cxmi_clip(p_adj - z * se, 0.0, 1.0);
    *high = cxmi_clip(p_adj + z * se, 0.0, 1.0);
    return se;
}

/* Clopper-Pearson: the exact limits are beta quantiles. The upper one is
 * taken from the upper tail, so no 1 - alpha/2 is ever formed. */
static void clopper_pearson(uint64_t x, uint64_t n, double alpha, double *low, double *high)
{
    double xd = (double)x, rest = (double)(n - x);
    *low = x == 0 ? 0.0 : cxmi_beta_quantile(xd, rest + 1.0, alpha / 2.0, 0);
    *high = x == n ? 1.0 : cxmi_beta_quantile(xd + 1.0, rest, alpha / 2.0, 1);
}

/* Jeffreys: the equal-tailed interval of Beta(x + 1/2, n - x + 1/2), the
 * posterior of p under Jeffreys' prior, with the lower limit 0 at x = 0 and
 * the upper 1 at x = n (Brown, Cai & DasGupta 2001). Both limits are
 * quantiles of that one distribution, the upper one from its upper tail. */
static void jeffreys(uint64_t x, uint64_t n, double alpha, double *low, double *high)
{
    double a = (double)x + 0.5, b = (double)(n - x) + 0.5;
    *low = x == 0 ? 0.0 : cxmi_beta_quantile(a, b, alpha / 2.0, 0);
    *high = x == n ? 1.0 : cxmi_beta_quantile(a, b, alpha / 2.0, 1);
}

/* At a confidence so small that the interval is narrower than the few ulps
 * its limits carry (below about 1e-15 at n = 2^64), two limits solved or
 * rounded separately can cross. The intervals that contain the observed share
 * p by construction (all but Agresti-Coull's, centred elsewhere, and
 * Jeffreys') are kept around it; a crossed pair is put back in order, which
 * moves neither limit by more than its own error. */
static void keep_ordered(int method, double p, double *low, double *high)
{
    if (method != CXM_METHOD_AGRESTI_COULL && method != CXM_METHOD_JEFFREYS) {
        *low = fmin(*low, p);
        *high = fmax(*high, p);
    }
    if (*low > *high) {
        double crossed = *low;
        *low = *high;
        *high = crossed;
    }
}

int cxmi_share_interval(uint64_t x, uint64_t n, int method, double confidence, cxm_interval *out)
{
    if (n == 0) {
        return CXM_ERR_EMPTY;
    }
    double z = cxmi_z_critical(confidence), p = (double)x / (double)n;
    out->estimate = p;
    out->se = share_se(x, n);
    switch (method) {
    case CXM_METHOD_WILSON: wilson_limits(x, n, z, &out->low, &out->high); break;
    case CXM_METHOD_WILSON_CC: wilson_cc_limits(x, n, z, &out->low, &out->high); break;
    case CXM_METHOD_AGRESTI_COULL: out->se = agresti_coull(x, n, z, &out->low, &out->high); break;
    case CXM_METHOD_CLOPPER_PEARSON:
        clopper_pearson(x, n, 1.0 - confidence, &out->low, &out->high);
        break;
    case CXM_METHOD_JEFFREYS: jeffreys(x, n, 1.0 - confidence, &out->low, &out->high); break;
    default: /* CXM_METHOD_WALD */
        out->low = cxmi_clip(p - z * out->se, 0.0, 1.0);
        out->high = cxmi_clip(p + z * out->se, 0.0, 1.0);
    }
    keep_ordered(method, p, &out->low, &out->high);
    return CXM_OK;
}

/* Newcombe's hybrid score interval of p1 - p2 from each sample's Wilson
 * limits: it inherits Wilson's good coverage and never leaves [-1, 1]. */
static void newcombe_limits(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2, double z,
                            cxm_comparison *out)
{
    out->low =
        out->difference - hypot(wilson_gap_below(x1, n1, z), wilson_gap_below(n2 - x2, n2, z));
    out->high =
        out->difference + hypot(wilson_gap_below(n1 - x1, n1, z), wilson_gap_below(x2, n2, z));
}

/* The pooled standard error sqrt(p (1 - p) (1/n1 + 1/n2)), p = (x1 + x2) /
 * (n1 + n2), as sqrt(X Y / (N n1 n2)) with X = x1 + x2 and Y = N - X counted
 * separately: 1 - p formed from a p within 1e-6 of 1 keeps ten digits. */
static double pooled_se(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2)
{
    double n1d = (double)n1, n2d = (double)n2;
    double hits = (double)x1 + (double)x2, misses = (double)(n1 - x1) + (double)(n2 - x2);
    return sqrt(hits * misses / ((n1d + n2d) * n1d * n2d));
}

int cxmi_share_compare(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2, int method,
                       double confidence, cxm_comparison *out)
{
    if (n1 == 0 || n2 == 0) {
        return CXM_ERR_EMPTY;
    }
    double z = cxmi_z_critical(confidence);
    cxmi_ratio share1 = {x1, n1, 0, false}, share2 = {x2, n2, 0, false};
    out->difference = cxmi_ratio_diff(share1, share2);
    if (method == CXM_METHOD_WILSON) {
        /* The test pools the samples: under "no difference" they share one p. */
        out->se = pooled_se(x1, n1, x2, n2);
        newcombe_limits(x1, n1, x2, n2, z, out);
    } else {
        out->se = hypot(share_se(x1, n1), share_se(x2, n2));
        out->low = out->difference - z * out->se;
        out->high = out->difference + z * out->se;
    }
    out->low = cxmi_clip(out->low, -1.0, 1.0);
    out->high = cxmi_clip(out->high, -1.0, 1.0);
    cxmi_z_test(out->difference, out->se, out);
    return CXM_OK;
}
