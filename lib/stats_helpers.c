/*
 * What the methods of every quantity share (share.c, net.c, mean.c and the
 * weighted ones, wacc_stats.c): the normal critical value (the t one is
 * special.h's cxmi_t_critical), clipping to a range, the z test and Welch's t
 * test. They sit below
 * the methods and above the special functions, so that calls run one way:
 * stats.c -> methods -> helpers (this file, exact.c) -> special functions.
 */
#include <math.h>

#include "internal.h"

double cxmi_clip(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double cxmi_z_critical(double confidence)
{
    return cxmi_normal_critical(confidence);
}

void cxmi_welch_test(double va, uint64_t na, double vb, uint64_t nb, double confidence,
                     cxm_comparison *out)
{
    /* Welch-Satterthwaite degrees of freedom. */
    double df = (va + vb) * (va + vb) / (va * va / (double)(na - 1) + vb * vb / (double)(nb - 1));
    double t = cxmi_t_critical(confidence, df);
    out->se = sqrt(va + vb);
    out->statistic = out->difference / out->se;
    out->df = df;
    out->p_value = 2.0 * cxmi_t_cdf(-fabs(out->statistic), df);
    out->low = out->difference - t * out->se;
    out->high = out->difference + t * out->se;
}

void cxmi_z_test(double diff, double se, cxm_comparison *out)
{
    if (se > 0.0) {
        out->statistic = diff / se;
    } else {
        out->statistic = diff == 0.0 ? 0.0 : copysign(INFINITY, diff);
    }
    out->df = INFINITY;
    out->p_value = 2.0 * cxmi_normal_cdf(-fabs(out->statistic));
}
