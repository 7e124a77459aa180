/*
 * Student's t distribution: lower-tail CDF and quantile, any df > 0.
 *
 * For t < 0, P(T <= t) = I_x(df/2, 1/2) / 2 with x = df / (df + t^2). We
 * pass both x and y = t^2 / (df + t^2) to the incomplete beta, each computed
 * directly: for large df one of them is close to 1 and the other cannot be
 * recovered from it. The incomplete beta itself switches to an asymptotic
 * expansion for large df (see special_beta.c), which is what keeps 1e-12
 * relative accuracy up to df = 1e9 and beyond.
 *
 * The quantile solves log F(t) = log p by safeguarded Newton in log |t|
 * (special_root.c), from the better of two starting points: the power-law
 * tail F ~ C |t|^-df (small df, small p) and the Cornish-Fisher expansion
 * about the normal quantile (large df). Near the median it solves for the
 * central mass P(0 < T < |t|) = 1/2 - p instead, which keeps the relative
 * accuracy of tiny quantiles; the two-sided critical value of a confidence c
 * takes that mass as c/2, exact, where 1/2 - p formed from p = (1 - c)/2
 * would keep only the digits of 1 - c.
 */
#include "special.h"

#include <float.h>
#include <stdbool.h>
#include <math.h>
#include <stddef.h>

static const double LN2 = 0.69314718055994530942;

/* Below this x = df / (df + t^2) the tail is x^a / (a B(a, 1/2)) to within
 * a relative x, and x itself may underflow, so it is handled in logs. */
static const double TINY_X = 1e-200;

/* Up to these t and df, df + t^2 is finite. */
static const double T_SQUARE_MAX = 1e150;
static const double DF_SUM_MAX = 1e300;

/* num / (df + t^2) for num = t^2 = th + tl (exactly, fma) or num = df: the
 * denominator in double-double and the quotient corrected once, so within
 * about an ulp. */
static double over_df_plus_t2(double num_hi, double num_lo, double df, double th, double tl)
{
    double dl, dh = cxmi_two_sum(df, th, &dl);
    dl += tl;
    double q = num_hi / dh;
    return q + ((fma(-q, dh, num_hi) + num_lo) - q * dl) / dh;
}

/* x = df / (df + t^2) and y = t^2 / (df + t^2) for t > 0, each within about
 * an ulp: in the far tail at large df the tail, roughly (1 - y)^(df/2), moves
 * by up to 690 times the relative error of y, and the four roundings of the
 * plain quotients cost 3e-13 there. Beyond the limits above, r2 = min(t^2/df,
 * df/t^2) gives the smaller as r2 / (1 + r2) and the larger as 1 / (1 + r2)
 * without overflow. */
static void t_beta_args(double t, double df, double *x, double *y)
{
    if (t > T_SQUARE_MAX || df > DF_SUM_MAX) {
        double sqrt_df = sqrt(df);
        double r = t > sqrt_df ? sqrt_df / t : t / sqrt_df, r2 = r * r;
        double small = r2 / (1.0 + r2), big = 1.0 / (1.0 + r2);
        *x = t > sqrt_df ? small : big;
        *y = t > sqrt_df ? big : small;
        return;
    }
    double th = t * t, tl = fma(t, t, -th);
    *x = over_df_plus_t2(df, 0.0, df, th, tl);
    *y = over_df_plus_t2(th, tl, df, th, tl);
}

/* The tail P(T > t) for t > 0, and its log-slope -d log P / d log t. */
static double t_upper_tail(double t, double df, double *slope)
{
    double a = 0.5 * df, x, y;
    t_beta_args(t, df, &x, &y);
    if (x < TINY_X) {
        /* Far tail: P = x^a / (2 a B(a, 1/2)). B(a, 1/2) is recovered from
         * the beta power term at 1/2, exact for the a where P can be
         * representable at all (a * log(1e-200) > -745 needs a < 2). */
        double log_b = -(a + 0.5) * LN2 - log(cxmi_beta_power(a, 0.5, 0.5, 0.5));
        double log_x = 2.0 * (0.5 * log(df) - log(t)) - log1p(df / (t * t));
        if (slope) {
            *slope = df;
        }
        return exp(a * log_x - log(2.0 * a) - log_b);
    }
    double tail = 0.5 * cxmi_beta_inc_xy(a, 0.5, x, y, 0);
    if (slope) { /* |t| f(t) is the power term, see t_eval */
        *slope = cxmi_beta_power(a, 0.5, x, y) / tail;
    }
    return tail;
}

/* The central mass P(0 < T < t), t > 0, and d log P / d log t. */
static double t_central(double t, double df, double *slope)
{
    double a = 0.5 * df, x, y;
    t_beta_args(t, df, &x, &y);
    double mass = 0.5 * cxmi_beta_inc_xy(a, 0.5, x, y, 1);
    if (slope) {
        *slope = cxmi_beta_power(a, 0.5, x, y) / mass;
    }
    return mass;
}

double cxmi_t_cdf(double t, double df)
{
    if (isnan(t) || isnan(df) || df <= 0.0) {
        return NAN;
    }
    if (isinf(df)) {
        return cxmi_normal_cdf(t);
    }
    if (t == 0.0) {
        return 0.5;
    }
    if (isinf(t)) {
        return t < 0.0 ? 0.0 : 1.0;
    }
    double tail = t_upper_tail(fabs(t), df, NULL);
    return t < 0.0 ? tail : 1.0 - tail;
}

/* What the solver needs: which function of log |t| to match, and to what. */
typedef struct t_target {
    double df;
    double log_p; /* log of the target tail (or central) probability */
    bool central; /* match P(0 < T < |t|) instead of P(T > |t|) */
} t_target;

/* g(s) = +-(log P(|t| = e^s) - log p), oriented to increase with s. The
 * derivative uses d P / d|t| = f(t) and |t| f(t) = x^a y^(1/2) / B(a, 1/2):
 * with x = df/(df+t^2), dx/dt = -2xy/t, so f = power / (x y) * x y / |t|. */
static double t_eval(double s, const void *ctx, double *dg)
{
    const t_target *tt = ctx;
    double slope, t = exp(s);
    if (tt->central) {
        double mass = t_central(t, tt->df, &slope);
        *dg = slope;
        return log(mass) - tt->log_p;
    }
    double tail = t_upper_tail(t, tt->df, &slope);
    *dg = slope;
    return tt->log_p - log(tail);
}

/* Cornish-Fisher expansion of the t quantile about the normal one z. */
static double cornish_fisher(double z, double df)
{
    double z2 = z * z, n = df;
    double g1 = (z2 + 1.0) * z / 4.0;
    double g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    double g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    double g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    return z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n);
}

/* The quantile for 0 < p < 1/2 (a negative t). The caller supplies the
 * central mass 1/2 - p, exact wherever it is used (p > 1/4), and z, the
 * normal quantile at p, for the Cornish-Fisher start. */
static double t_quantile_lower(double p, double central, double z, double df)
{
    /* Match the smaller of the tail p and the central mass (they cross at
     * 1/4): the smaller target keeps its relative accuracy. */
    t_target tt = {df, 0.0, p > 0.25};
    tt.log_p = tt.central ? log(central) : log(p);
    /* Start 1: the power-law tail P ~ df^(df/2 - 1) |t|^-df / B(df/2, 1/2). */
    double a = 0.5 * df;
    double log_b = cxmi_lgamma(a) + cxmi_lgamma(0.5) - cxmi_lgamma(a + 0.5);
    double s1 = 0.5 * log(df) - (log(df) + log_b + log(p)) / df;
    /* Start 2: Cornish-Fisher. */
    double cf = cornish_fisher(z, df);
    double s2 = cf < 0.0 ? log(-cf) : s1;
    double lo = log(DBL_MIN), hi = log(DBL_MAX);
    double dg, s0 = s2;
    /* Heavy tails with tiny p (df = 1, p < 1e-308) put |t| beyond DBL_MAX;
     * from df = 2 on, P(T < -DBL_MAX) is below the smallest double. */
    if (df < 2.0 && t_eval(hi, &tt, &dg) < 0.0) {
        return -INFINITY;
    }
    /* With many degrees of freedom and a moderate tail Cornish-Fisher is
     * close and the power-law start never wins: skip the two evaluations
     * that compare them (each costs an incomplete beta; this is the path of
     * every snapshot of a mean). */
    /* Cornish-Fisher stops at its df^-4 term, so its error is of order
     * z^11 / df^5: small from df = 30 on while |z| <= 7 (p >= 1e-12). */
    bool cf_suffices = df >= 30.0 && p >= 1e-12;
    if (!cf_suffices && isfinite(s1) && s1 > lo && s1 < hi) {
        double g1 = t_eval(s1, &tt, &dg), g2 = t_eval(s2, &tt, &dg);
        if (!(fabs(g2) <= fabs(g1))) {
            s0 = s1;
        }
    }
    double corr, s = cxmi_solve_increasing(t_eval, &tt, s0, lo, hi, &corr);
    return -exp(s) * (1.0 + corr);
}

double cxmi_t_quantile(double p, double df)
{
    if (isnan(p) || isnan(df) || p < 0.0 || p > 1.0 || df <= 0.0) {
        return NAN;
    }
    if (isinf(df)) {
        return cxmi_normal_quantile(p);
    }
    if (p == 0.0) {
        return -INFINITY;
    }
    if (p == 1.0) {
        return INFINITY;
    }
    if (p == 0.5) {
        return 0.0;
    }
    /* 1 - p and p - 1/2 are exact for p > 1/2, and 1/2 - p for p >= 1/4. */
    if (p > 0.5) {
        return -t_quantile_lower(1.0 - p, p - 0.5, cxmi_normal_quantile(1.0 - p), df);
    }
    return t_quantile_lower(p, 0.5 - p, cxmi_normal_quantile(p), df);
}

/* Below this confidence the critical value is linear in it to far below an
 * ulp: P(|T| <= t) = 2 f(0) t (1 - O(t^2)), and t < 1e-29 here. It is then
 * scaled from the value at this confidence by c / 2^-99, which is exact. (A
 * direct solve would need y = t^2 / (df + t^2), which underflows once t is
 * below about 1e-154.) */
static const double LINEAR_CONFIDENCE = 0x1p-99;

double cxmi_t_critical(double confidence, double df)
{
    if (!(confidence > 0.0 && confidence < 1.0) || isnan(df) || df <= 0.0) {
        return NAN; /* also catches a NaN confidence */
    }
    if (isinf(df)) {
        return cxmi_normal_critical(confidence);
    }
    if (confidence < LINEAR_CONFIDENCE) {
        return cxmi_t_critical(LINEAR_CONFIDENCE, df) * (confidence / LINEAR_CONFIDENCE);
    }
    /* p = (1 - c)/2 is exact from c = 1/2 on, where the tail is matched; below,
     * the central mass c/2 is, and 1/2 - p would have lost its digits. */
    return -t_quantile_lower((1.0 - confidence) / 2.0, confidence / 2.0,
                             -cxmi_normal_critical(confidence), df);
}
