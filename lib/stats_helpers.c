/*
 * What the methods of every quantity share (share.c, net.c, mean.c): the
 * normal critical value, clipping to a range, and the z test. They sit below
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
