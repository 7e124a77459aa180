/*
 * Special functions used by the statistics: the normal, Student t and beta
 * distributions. Private to the library; declared here so that lib/ and the
 * tests share one set of prototypes.
 *
 * Every function is accurate to 1e-12 relative (or better) over the range the
 * library uses: degrees of freedom from 1 to 1e9, beta parameters up to 2^64
 * (the counts of a share), tail probabilities down to 1e-300, confidences
 * from 1e-300 to 1 - 2^-53. tests/test_special.c shows it against R, exact
 * binomial sums and mpmath. Each takes tail probabilities directly
 * (never 1 - p computed by the caller), because forming 1 - p for a small p
 * throws away exactly the digits a two-sided 99.9999 % interval needs.
 *
 * Arguments outside the domain return NaN. Nothing here sets errno itself
 * and there is no global state; the libm calls underneath may (glibc's exp
 * sets ERANGE when an intermediate tail underflows, as it routinely does).
 *
 * They rely on IEEE double arithmetic with correct rounding (the two-sum,
 * fma and compensated sums in special_beta.c): never build them with
 * -ffast-math or similar value-unsafe options.
 *
 * Implementation: special_normal.c, special_t.c, special_beta.c (incomplete
 * beta) with special_beta_mean.c (its huge parameters near the mean),
 * special_beta_quantile.c, with special_gamma.c (Stirling terms, incomplete
 * gamma) and special_root.c (the quantile solver) underneath.
 */
#ifndef CXM_SPECIAL_H
#define CXM_SPECIAL_H

#include <stdbool.h>

/* 1 / sqrt(2 pi), the normal density at 0. */
#define CXMI_INV_SQRT_2PI 0.39894228040143267794

/* Standard normal lower tail P(Z <= x). Accurate in relative terms for very
 * negative x (down to the smallest representable results). */
double cxmi_normal_cdf(double x);

/* Standard normal quantile: the x with P(Z <= x) = p, for 0 < p < 1.
 * p = 0 gives -INFINITY, p = 1 gives +INFINITY. */
double cxmi_normal_quantile(double p);

/* The two-sided critical value of a confidence c, 0 < c < 1: the x >= 0 with
 * P(|Z| <= x) = c, i.e. -quantile((1 - c)/2), computed without forming 1 - c
 * where that would round (c < 1/2), so that a confidence of 1e-6 or 1e-300
 * keeps the relative accuracy of its tiny x. NaN outside (0, 1). */
double cxmi_normal_critical(double confidence);

/* Student t lower tail P(T <= t) with df > 0 degrees of freedom (df need not
 * be an integer; df = INFINITY is the normal distribution). */
double cxmi_t_cdf(double t, double df);

/* Student t quantile: the t with P(T <= t) = p, for 0 < p < 1, df > 0. */
double cxmi_t_quantile(double p, double df);

/* The two-sided critical value of Student's t, as cxmi_normal_critical: the
 * t >= 0 with P(|T| <= t) = c, for 0 < c < 1 and df > 0 (INFINITY: normal). */
double cxmi_t_critical(double confidence, double df);

/* Regularized incomplete beta I_x(a, b) for finite a, b > 0 and 0 <= x <= 1;
 * with upper its complement 1 - I_x(a, b), computed without
 * cancellation. The tail on the far side of the mean is accurate in relative
 * terms however small it is (down to underflow). */
double cxmi_beta_inc(double a, double b, double x, bool upper);

/* Inverse of cxmi_beta_inc in x: the x with I_x(a, b) = p (upper false) or
 * 1 - I_x(a, b) = p (upper true), for 0 <= p <= 1. The result is within a
 * few ulps of the exact root; a root below the smallest subnormal gives 0
 * (or 1 for a root that close to 1 from below). */
double cxmi_beta_quantile(double a, double b, double p, bool upper);

/*
 * Building blocks shared between the special_*.c files; not used elsewhere.
 */

/* cxmi_beta_inc with both x and y = 1 - x supplied by the caller, each
 * accurate in relative terms. The t distribution needs this: x = df/(df+t^2)
 * is close to 1 when y = t^2/(df+t^2) is tiny, and y cannot be recovered
 * from a rounded x. */
double cxmi_beta_inc_xy(double a, double b, double x, double y, bool upper);

/* The beta "power term" x^a y^b / B(a, b) (y = 1 - x, both supplied), with
 * relative accuracy even when a and b are huge. The beta density is this
 * divided by x*y. */
double cxmi_beta_power(double a, double b, double x, double y);

/* I_z(p, q) for p, q >= 1e8 and z at most two standard deviations below the
 * mean p / (p + q), from w = (p + q) z - p <= 0 (special_beta_mean.c). */
double cxmi_beta_near_mean(double p, double q, double w);

/* a + b = hi + *lo exactly (Knuth's two-sum): the double-double sums of
 * special_beta.c and special_t.c. */
static inline double cxmi_two_sum(double a, double b, double *lo)
{
    double s = a + b, bb = s - a;
    *lo = (a - (s - bb)) + (b - bb);
    return s;
}

/* log Gamma(x) for x > 0, without touching libm's global signgam. */
double cxmi_lgamma(double x);

/* Stirling's correction log Gamma(z) - ((z - 1/2) log z - z + log sqrt(2 pi)),
 * for z >= 10: every caller's argument is at least STIRLING_MIN
 * (special_beta.c) or 10 (cxmi_gamma_scaled_density). */
double cxmi_stirling_mu(double z);

/* log(1 + u) - u, accurate for small u; u > -1. */
double cxmi_log1pmx(double u);

/* x^alpha e^-x / Gamma(alpha) for alpha > 0, x > 0, accurate for large alpha. */
double cxmi_gamma_scaled_density(double alpha, double x);

/* Regularized upper incomplete gamma Q(alpha, x) for alpha > 0, x > 0,
 * relative accuracy. */
double cxmi_gamma_q(double alpha, double x);

/* Root of an increasing function g of a log variable s, by safeguarded
 * Newton: eval(s, ctx, &dg) returns g(s) and its derivative. The root must
 * lie in [lo, hi] with g(lo) <= 0 <= g(hi) assumed, not evaluated; s0 is the
 * starting guess. Returns s and a last Newton step *correction, to be applied
 * as e^s (1 + correction). Terminates after a bounded number of evaluations. */
typedef double (*cxmi_root_fn)(double s, const void *ctx, double *dg);
double cxmi_solve_increasing(cxmi_root_fn eval, const void *ctx, double s0, double lo, double hi,
                             double *correction);

#endif
