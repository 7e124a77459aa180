/*
 * Net scores (NPS, Net Easy): intervals of one sample and comparisons of two,
 * in proportion units ([-1, 1]).
 *
 * A net score is the mean of a variable that is +1 for a positive answer, -1
 * for a negative one and 0 otherwise, so its per-respondent variance is
 * p + d - (p - d)^2. References: Rocks (2016), "Interval Estimation for the
 * Net Promoter Score", The American Statistician 70(4) (the adjusted Wald
 * interval); Tango (1998), Statistics in Medicine 17 (the score interval for
 * a difference of paired proportions, which is the same problem).
 */
#include <math.h>

#include "internal.h"

#define PSEUDO 0.75 /* Rocks' pseudo-count per pole (and twice that for neutral) */

/* The net score and its per-respondent variance, with `pseudo` added to each
 * pole and 2 * pseudo to the neutral band (n_eff = n + 4 * pseudo). Both come
 * straight from the counts: with counts beyond 2^53 the difference of two
 * rounded shares would cancel to noise. */
static void net_moments(uint64_t p, uint64_t d, uint64_t n, double pseudo, double *centre,
                        double *variance)
{
    double n_eff = (double)n + 4.0 * pseudo;
    *centre = cxmi_count_diff(p, d) / n_eff;
    double polar = ((double)p + (double)d + 2.0 * pseudo) / n_eff;
    *variance = polar - *centre * *centre;
}

static double moments_se(uint64_t p, uint64_t d, uint64_t n, double pseudo, double *centre)
{
    double variance;
    net_moments(p, d, n, pseudo, centre, &variance);
    return sqrt(variance / ((double)n + 4.0 * pseudo));
}

/* Tango's score statistic at a candidate difference delta: the restricted
 * maximum-likelihood negative share q solves 2n q^2 + B q + C = 0; the root
 * is taken in the form that does not cancel. A zero variance (delta at a
 * boundary of what the data allow) gives the statistic's limit, +-inf or 0. */
static double tango_score(uint64_t p, uint64_t d, uint64_t n, double delta)
{
    double nd = (double)n, pd = (double)p, dd = (double)d;
    double a = 2.0 * nd;
    double b = -dd - pd + (2.0 * nd - pd + dd) * delta;
    double c = -dd * delta * (1.0 - delta);
    double root = sqrt(fmax(b * b - 4.0 * a * c, 0.0));
    double q = b <= 0.0 ? (root - b) / (2.0 * a) : 2.0 * c / (-b - root);
    double numerator = cxmi_count_diff(p, d) - nd * delta;
    double variance = nd * (2.0 * q + delta * (1.0 - delta));
    if (!(variance > 0.0)) {
        return numerator > 0.0 ? INFINITY : numerator < 0.0 ? -INFINITY : 0.0;
    }
    return numerator / sqrt(variance);
}

/* The delta in (-1, 1) where the decreasing score crosses target, by
 * bisection down to adjacent doubles: about 50 steps, robust where Newton's
 * method would step outside (-1, 1) near the boundaries. */
static double tango_solve(uint64_t p, uint64_t d, uint64_t n, double target)
{
    double lo = -1.0, hi = 1.0;
    for (int step = 0; step < 200; step++) {
        double mid = lo + (hi - lo) / 2.0;
        if (mid <= lo || mid >= hi) {
            break;
        }
        if (tango_score(p, d, n, mid) > target) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo + (hi - lo) / 2.0;
}

static void tango_limits(const cxmi_summary *s, double z, cxm_interval *out)
{
    out->low = s->negative == s->n ? -1.0 : tango_solve(s->positive, s->negative, s->n, z);
    out->high = s->positive == s->n ? 1.0 : tango_solve(s->positive, s->negative, s->n, -z);
}

int cxmi_net_interval(const cxmi_summary *s, int method, double confidence, cxm_interval *out)
{
    if (method == CXM_METHOD_DEFAULT) {
        method = CXM_METHOD_ADJUSTED_WALD;
    }
    if (method != CXM_METHOD_ADJUSTED_WALD && method != CXM_METHOD_WALD &&
        method != CXM_METHOD_SCORE) {
        return CXM_ERR_ARG;
    }
    if (s->n == 0) {
        return CXM_ERR_EMPTY;
    }
    double z = cxmi_z_critical(confidence), centre;
    out->method = method;
    out->estimate = cxmi_count_diff(s->positive, s->negative) / (double)s->n;
    if (method == CXM_METHOD_SCORE) {
        out->se = moments_se(s->positive, s->negative, s->n, 0.0, &centre);
        tango_limits(s, z, out);
        return CXM_OK;
    }
    double pseudo = method == CXM_METHOD_ADJUSTED_WALD ? PSEUDO : 0.0;
    out->se = moments_se(s->positive, s->negative, s->n, pseudo, &centre);
    out->low = cxmi_clip(centre - z * out->se, -1.0, 1.0);
    out->high = cxmi_clip(centre + z * out->se, -1.0, 1.0);
    return CXM_OK;
}

int cxmi_net_compare(const cxmi_summary *a, const cxmi_summary *b, int method, double confidence,
                     cxm_comparison *out)
{
    if (method == CXM_METHOD_DEFAULT) {
        method = CXM_METHOD_ADJUSTED_WALD;
    }
    if (method != CXM_METHOD_ADJUSTED_WALD && method != CXM_METHOD_WALD) {
        return CXM_ERR_ARG;
    }
    if (a->n == 0 || b->n == 0) {
        return CXM_ERR_EMPTY;
    }
    /* Adjusted Wald adds the pseudo-counts to each sample separately; the test
     * and the interval are then centred on the adjusted difference. */
    double pseudo = method == CXM_METHOD_ADJUSTED_WALD ? PSEUDO : 0.0, centre_a, centre_b;
    double z = cxmi_z_critical(confidence);
    out->method = method;
    out->difference = cxmi_count_diff(a->positive, a->negative) / (double)a->n -
                      cxmi_count_diff(b->positive, b->negative) / (double)b->n;
    out->se = hypot(moments_se(a->positive, a->negative, a->n, pseudo, &centre_a),
                    moments_se(b->positive, b->negative, b->n, pseudo, &centre_b));
    double centre = centre_a - centre_b;
    out->low = cxmi_clip(centre - z * out->se, -2.0, 2.0);
    out->high = cxmi_clip(centre + z * out->se, -2.0, 2.0);
    cxmi_z_test(centre, out->se, out);
    return CXM_OK;
}
