/*
 * Shares (positive or negative): intervals of one sample and comparisons of
 * two, in proportion units. References: Wilson (1927); Newcombe (1998),
 * "Two-sided confidence intervals for the single proportion" (method 4, the
 * continuity-corrected Wilson interval) and "Interval estimation for the
 * difference between independent proportions" (method 10, the hybrid score
 * interval); Agresti & Coull (1998); Clopper & Pearson (1934).
 */
#include <math.h>

#include "internal.h"

/* The standard error of an observed share, sqrt(p (1 - p) / n). */
static double share_se(uint64_t x, uint64_t n)
{
    double nd = (double)n;
    return sqrt((double)x * (double)(n - x) / nd) / nd;
}

/* Wilson score limits; exactly 0 at x = 0 and exactly 1 at x = n, where the
 * formula would otherwise land a rounding error away from the boundary. */
static void wilson_limits(uint64_t x, uint64_t n, double z, double *low, double *high)
{
    double nd = (double)n, z2 = z * z;
    double centre = ((double)x + z2 / 2.0) / (nd + z2);
    double half = z / (nd + z2) * sqrt((double)x * (double)(n - x) / nd + z2 / 4.0);
    *low = x == 0 ? 0.0 : cxmi_clip(centre - half, 0.0, 1.0);
    *high = x == n ? 1.0 : cxmi_clip(centre + half, 0.0, 1.0);
}

/* Newcombe's method 4 in closed form. The square roots' arguments are >= z^2
 * + 2 - 1/n > 0 whenever their limit is not pinned to the boundary. */
static void wilson_cc_limits(uint64_t x, uint64_t n, double z, double *low, double *high)
{
    double nd = (double)n, xd = (double)x, z2 = z * z, p = xd / nd;
    double rest = (double)(n - x), denom = 2.0 * (nd + z2);
    *low = x == 0 ? 0.0
                  : (2.0 * xd + z2 - 1.0 - z * sqrt(z2 - 2.0 - 1.0 / nd + 4.0 * p * (rest + 1.0))) /
                        denom;
    *high = x == n
                ? 1.0
                : (2.0 * xd + z2 + 1.0 + z * sqrt(z2 + 2.0 - 1.0 / nd + 4.0 * p * (rest - 1.0))) /
                      denom;
    *low = cxmi_clip(*low, 0.0, 1.0);
    *high = cxmi_clip(*high, 0.0, 1.0);
}

/* Agresti-Coull: Wald around the Wilson centre, with n + z^2 trials. */
static double agresti_coull(uint64_t x, uint64_t n, double z, double *low, double *high)
{
    double n_adj = (double)n + z * z;
    double p_adj = ((double)x + z * z / 2.0) / n_adj;
    double se = sqrt(p_adj * (1.0 - p_adj) / n_adj);
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

int cxmi_share_interval(uint64_t x, uint64_t n, int method, double confidence, cxm_interval *out)
{
    if (method == CXM_METHOD_DEFAULT) {
        method = CXM_METHOD_WILSON;
    }
    if (method < CXM_METHOD_WILSON || method > CXM_METHOD_WALD) {
        return CXM_ERR_ARG;
    }
    if (n == 0) {
        return CXM_ERR_EMPTY;
    }
    double z = cxmi_z_critical(confidence), p = (double)x / (double)n;
    out->method = method;
    out->estimate = p;
    out->se = share_se(x, n);
    switch (method) {
    case CXM_METHOD_WILSON: wilson_limits(x, n, z, &out->low, &out->high); break;
    case CXM_METHOD_WILSON_CC: wilson_cc_limits(x, n, z, &out->low, &out->high); break;
    case CXM_METHOD_AGRESTI_COULL: out->se = agresti_coull(x, n, z, &out->low, &out->high); break;
    case CXM_METHOD_CLOPPER_PEARSON:
        clopper_pearson(x, n, 1.0 - confidence, &out->low, &out->high);
        break;
    default: /* CXM_METHOD_WALD */
        out->low = cxmi_clip(p - z * out->se, 0.0, 1.0);
        out->high = cxmi_clip(p + z * out->se, 0.0, 1.0);
    }
    return CXM_OK;
}

/* Newcombe's hybrid score interval of p1 - p2 from each sample's Wilson
 * limits: it inherits Wilson's good coverage and never leaves [-1, 1]. */
static void newcombe_limits(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2, double z,
                            cxm_comparison *out)
{
    double p1 = (double)x1 / (double)n1, p2 = (double)x2 / (double)n2;
    double l1, u1, l2, u2;
    wilson_limits(x1, n1, z, &l1, &u1);
    wilson_limits(x2, n2, z, &l2, &u2);
    out->low = out->difference - hypot(p1 - l1, u2 - p2);
    out->high = out->difference + hypot(u1 - p1, p2 - l2);
}

int cxmi_share_compare(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2, int method,
                       double confidence, cxm_comparison *out)
{
    if (method == CXM_METHOD_DEFAULT) {
        method = CXM_METHOD_WILSON;
    }
    if (method != CXM_METHOD_WILSON && method != CXM_METHOD_WALD) {
        return CXM_ERR_ARG;
    }
    if (n1 == 0 || n2 == 0) {
        return CXM_ERR_EMPTY;
    }
    double z = cxmi_z_critical(confidence);
    out->method = method;
    out->difference = (double)x1 / (double)n1 - (double)x2 / (double)n2;
    if (method == CXM_METHOD_WILSON) {
        /* The test pools the samples: under "no difference" they share one p. */
        double pooled = ((double)x1 + (double)x2) / ((double)n1 + (double)n2);
        out->se = sqrt(pooled * (1.0 - pooled) * (1.0 / (double)n1 + 1.0 / (double)n2));
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
