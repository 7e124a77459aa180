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

#define PSEUDO       0.75 /* Rocks' pseudo-count per pole (and twice that for neutral) */
#define PSEUDO_TOTAL 3    /* 4 * PSEUDO, added to n */

/* The standard error of the net score with `pseudo` added to each pole and 2 *
 * pseudo to the neutral band (n' = n + 4 * pseudo). The per-respondent
 * variance p + d - (p - d)^2 cancels when p or d is near 1; written with the
 * neutral share e = 1 - p - d as e (p + d) + 4 p d it is a sum of positive
 * terms, each formed from the counts: V = (N (P + D) + 4 P D) / n'^2. */
static double net_se(const cxmi_summary *s, double pseudo)
{
    double pos = (double)s->positive + pseudo, neg = (double)s->negative + pseudo;
    double neutral = (double)s->neutral + 2.0 * pseudo, n_eff = (double)s->n + 4.0 * pseudo;
    return sqrt((neutral * (pos + neg) + 4.0 * pos * neg) / (n_eff * n_eff * n_eff));
}

/* The counts as Tango's score uses them, seen from the side of delta <= 0. */
typedef struct tango_counts {
    double p, d, neutral, n;
    double p_minus_d; /* from the exact integer difference */
} tango_counts;

/* The counts and their mirror image (positive and negative swapped). */
typedef struct tango_sides {
    tango_counts left, right;
} tango_sides;

/* Tango's score statistic at a candidate difference delta <= 0. The
 * restricted maximum-likelihood shares are found through the positive one,
 * r, the smaller pole here: it solves 2n r^2 - b r - c = 0 with
 * b = u (P + D) + 2 delta (P + N), c = -P delta u >= 0, u = 1 + delta (exact
 * for delta <= -1/2), so the discriminant b^2 + 8nc never cancels, as the
 * published form's B^2 - 8nC does when D is near n. The negative share is
 * r - delta, the neutral one u - 2r, and the variance per respondent e (p +
 * d) + 4 p d (see net_se). Near delta = -1 the numerator P - D - n delta is
 * formed as (2P + N) - n u, from the small quantities themselves. A zero
 * variance (delta at a boundary of what the data allow) gives the
 * statistic's limit, +-inf or 0. */
static double tango_score_left(const tango_counts *c, double delta)
{
    double u = 1.0 + delta;
    double b = u * (c->p + c->d) + 2.0 * delta * (c->p + c->neutral);
    double k = -c->p * delta * u;
    double root = sqrt(b * b + 8.0 * c->n * k);
    double pos = b >= 0.0 ? (b + root) / (4.0 * c->n) : 2.0 * k / (root - b);
    double neg = pos - delta, neutral = fmax(u - 2.0 * pos, 0.0);
    double variance = neutral * (pos + neg) + 4.0 * pos * neg;
    double numerator =
        delta < -0.5 ? (2.0 * c->p + c->neutral) - c->n * u : c->p_minus_d - c->n * delta;
    if (!(variance > 0.0)) {
        return numerator > 0.0 ? INFINITY : numerator < 0.0 ? -INFINITY : 0.0;
    }
    return numerator / sqrt(c->n * variance);
}

/* Z(P, D, delta) = -Z(D, P, -delta): the side delta > 0 is the mirror image,
 * where the negative share is the smaller pole. */
static double tango_score(const tango_sides *c, double delta)
{
    return delta <= 0.0 ? tango_score_left(&c->left, delta) : -tango_score_left(&c->right, -delta);
}

/* The delta in (-1, 1) where the decreasing score crosses target, by
 * bisection down to adjacent doubles: about 60 steps, robust where Newton's
 * method would step outside (-1, 1) near the boundaries. */
static double tango_solve(const tango_sides *c, double target)
{
    double lo = -1.0, hi = 1.0;
    for (int step = 0; step < 200; step++) {
        double mid = lo + (hi - lo) / 2.0;
        if (mid <= lo || mid >= hi) {
            break;
        }
        if (tango_score(c, mid) > target) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo + (hi - lo) / 2.0;
}

static void tango_limits(const cxmi_summary *s, double z, cxm_interval *out)
{
    double p = (double)s->positive, d = (double)s->negative,
           diff = cxmi_count_diff(s->positive, s->negative);
    tango_sides c = {{p, d, (double)s->neutral, (double)s->n, diff},
                     {d, p, (double)s->neutral, (double)s->n, -diff}};
    out->low = s->negative == s->n ? -1.0 : tango_solve(&c, z);
    out->high = s->positive == s->n ? 1.0 : tango_solve(&c, -z);
}

int cxmi_net_interval(const cxmi_summary *s, int method, double confidence, cxm_interval *out)
{
    if (s->n == 0) {
        return CXM_ERR_EMPTY;
    }
    double z = cxmi_z_critical(confidence);
    out->estimate = cxmi_count_diff(s->positive, s->negative) / (double)s->n;
    if (method == CXM_METHOD_SCORE) {
        out->se = net_se(s, 0.0);
        tango_limits(s, z, out);
        return CXM_OK;
    }
    bool adjusted = method == CXM_METHOD_ADJUSTED_WALD;
    double centre = adjusted
                        ? cxmi_count_diff(s->positive, s->negative) / ((double)s->n + PSEUDO_TOTAL)
                        : out->estimate;
    out->se = net_se(s, adjusted ? PSEUDO : 0.0);
    out->low = cxmi_clip(centre - z * out->se, -1.0, 1.0);
    out->high = cxmi_clip(centre + z * out->se, -1.0, 1.0);
    return CXM_OK;
}

/* The difference of the two samples' net scores with `extra` added to each
 * n (the adjusted estimates' pseudo-counts cancel in P - D). */
static double net_diff(const cxmi_summary *a, const cxmi_summary *b, uint32_t extra)
{
    return cxmi_ratio_diff(cxmi_net_ratio(a->positive, a->negative, a->n, extra),
                           cxmi_net_ratio(b->positive, b->negative, b->n, extra));
}

int cxmi_net_compare(const cxmi_summary *a, const cxmi_summary *b, int method, double confidence,
                     cxm_comparison *out)
{
    if (a->n == 0 || b->n == 0) {
        return CXM_ERR_EMPTY;
    }
    /* Adjusted Wald adds the pseudo-counts to each sample separately; the test
     * and the interval are then centred on the adjusted difference. */
    bool adjusted = method == CXM_METHOD_ADJUSTED_WALD;
    double pseudo = adjusted ? PSEUDO : 0.0;
    double z = cxmi_z_critical(confidence);
    out->difference = net_diff(a, b, 0);
    out->se = hypot(net_se(a, pseudo), net_se(b, pseudo));
    double centre = adjusted ? net_diff(a, b, PSEUDO_TOTAL) : out->difference;
    out->low = cxmi_clip(centre - z * out->se, -2.0, 2.0);
    out->high = cxmi_clip(centre + z * out->se, -2.0, 2.0);
    cxmi_z_test(centre, out->se, out);
    return CXM_OK;
}
