/*
 * The regularized incomplete beta function I_x(a, b) and its complement.
 *
 * Only the tail on the far side of the mean is ever computed: below the mean
 * I_x(a, b) directly, above it 1 - I_x(a, b) = I_y(b, a), y = 1 - x. That
 * tail is accurate in relative terms however small it is, and the other one
 * is 1 minus a quantity that is at most about 0.9. For I_z(p, q) with z
 * below the mean, three methods cover the parameter range:
 *
 *   - p <= 100 (or q <= 1): the hypergeometric series, all terms positive;
 *   - p large and q^3 << p^2: an expansion in incomplete gamma functions
 *     (the idea of TOMS 708's BGRAT), which is what the t distribution with
 *     large df and Clopper-Pearson with few successes in 1e12 trials need;
 *   - otherwise: the continued fraction of TOMS 708's BFRAC, written in
 *     terms of the exactly computed distance from the mean.
 *
 * All of the difficulty with large parameters is in the power term
 * x^a y^b / B(a, b). Computed naively as exp(a log x + b log y - lbeta),
 * the three terms are each of order a + b (~1e12) while their sum is of
 * order 1, so every digit is lost. Instead (as in DiDonato & Morris, TOMS
 * 708, BRCOMP) we use Stirling's series for the gamma functions, which turns
 * the power term into
 *
 *   sqrt(ab / (2 pi (a+b))) exp(a L(w/a) + b L(-w/b) + mu(a+b) - mu(a) - mu(b))
 *
 * with L(u) = log(1+u) - u, w = x b - y a = (a+b)(x - x0) and mu the Stirling
 * correction. The large terms a u and b v cancel analytically, every
 * remaining term is small and of one sign, and w is computed in
 * double-double so that x close to the mean x0 = a/(a+b) keeps its digits.
 */
#include "special.h"

#include <float.h>
#include <math.h>

/* Below this both parameters are "small": log Gamma directly is exact enough.
 * From 10 on, Stirling's series with 8 terms is accurate to a few ulps
 * (stirling_series in special_gamma.c). */
static const double STIRLING_MIN = 10.0;

/* log x and log y, each from whichever of x, y is the smaller (and hence
 * the one carrying full relative precision). */
static double log_of(double x, double y)
{
    return x <= y ? log(x) : log1p(-y);
}

/* w = x b - y a = (a+b) x - a = b - (a+b) y, computed from the smaller of
 * x, y and with a + b and the product kept to double-double precision, so
 * that the cancellation near the mean costs nothing. */
static double offset_from_mean(double a, double b, double x, double y)
{
    double s_lo, s = cxmi_two_sum(a, b, &s_lo);
    if (x <= y) {
        double prod = x * s, prod_lo = fma(x, s, -prod);
        return ((prod - a) + prod_lo) + x * s_lo;
    }
    double prod = y * s, prod_lo = fma(y, s, -prod);
    return ((b - prod) - prod_lo) - y * s_lo;
}

/* log(1 + u) - u where 1 + u = x / x0 and x0 = a / (a + b), u = w / a
 * accurate. For |u| <= 1/2 the series; for u > 1/2, log1p(u) is accurate
 * too. For u < -1/2, 1 + u would lose digits (u near -1 means x << x0), so
 * the ratio x (1 + b/a) is formed directly: a product with a relative error of
 * a few ulps whatever its size. (Adding log x and log1p(b/a) instead would
 * cancel badly when b >> a.) There x < x0 / 2 < 1/2, so x is the exact one
 * of the pair. */
static double log_ratio_m1(double u, double x, double b_over_a)
{
    if (fabs(u) <= 0.5) {
        return cxmi_log1pmx(u);
    }
    if (u > 0.0) {
        return log1p(u) - u;
    }
    return log(x * (1.0 + b_over_a)) - u;
}

/* Power term when both a and b are large (see the file comment). */
static double power_both_large(double a, double b, double x, double y)
{
    double w = offset_from_mean(a, b, x, y);
    double e = a * log_ratio_m1(w / a, x, b / a) + b * log_ratio_m1(-w / b, y, a / b);
    e += cxmi_stirling_mu(a + b) - cxmi_stirling_mu(a) - cxmi_stirling_mu(b);
    return sqrt(a * (b / (a + b))) * CXMI_INV_SQRT_2PI * exp(e);
}

/* Power term when a is large and b is small. Here log B(a, b) =
 * lgamma(b) + lgamma(a) - lgamma(a+b), and the difference of the two huge
 * lgamma values is taken analytically from Stirling's series:
 *   lgamma(a) - lgamma(a+b) = -b log a - a L(b/a) - (b - 1/2) log1p(b/a)
 *                             + mu(a) - mu(a+b).
 * The -b log a is merged with b log y, as b log(a y), since y ~ b/a in the
 * bulk of the distribution. */
static double power_first_large(double a, double b, double x, double y)
{
    double e = a * log_of(x, y) + b * log(a * y) - cxmi_lgamma(b);
    e += a * cxmi_log1pmx(b / a) + (b - 0.5) * log1p(b / a);
    e += cxmi_stirling_mu(a + b) - cxmi_stirling_mu(a);
    return exp(e);
}

double cxmi_beta_power(double a, double b, double x, double y)
{
    if (x <= 0.0 || y <= 0.0) {
        return 0.0;
    }
    if (a >= STIRLING_MIN && b >= STIRLING_MIN) {
        return power_both_large(a, b, x, y);
    }
    if (a >= STIRLING_MIN) {
        return power_first_large(a, b, x, y);
    }
    if (b >= STIRLING_MIN) {
        return power_first_large(b, a, y, x);
    }
    /* Both small: every term is modest and the direct formula is exact
     * enough. */
    double e = a * log_of(x, y) + b * log_of(y, x) -
               (cxmi_lgamma(a) + cxmi_lgamma(b) - cxmi_lgamma(a + b));
    return exp(e);
}

/* The hypergeometric series I_x(a, b) = power / a * sum_n (a+b)_n / (a+1)_n x^n
 * (A&S 26.5.23 with 2F1(a+b, 1; a+1; x)). Every term is positive, so there is
 * no cancellation; below the mean the term ratio (a+b+n-1) x / (a+n) starts
 * below 1 and keeps falling. Used when a (attached to x) is modest, where it
 * needs at most a few thousand terms. */
static double beta_series(double a, double b, double x)
{
    double term = 1.0, sum = 1.0, comp = 0.0;
    /* 1e8 only bounds the loop for bad arguments: see "a few thousand" above. */
    for (long n = 1; n < 100000000L; n++) {
        double dn = (double)n;
        term *= (a + b + dn - 1.0) * x / (a + dn);
        /* Kahan summation: the sum can run to thousands of terms. */
        double yk = term - comp, t = sum + yk;
        comp = (t - sum) - yk;
        sum = t;
        /* 1e-17: under a tenth of an ulp of the sum (2^-53 = 1.1e-16). */
        if (term <= 1e-17 * sum) {
            break;
        }
    }
    return sum;
}

/* The continued fraction of DiDonato & Morris (TOMS 708, BFRAC) for
 * I_x(a, b) / power, a, b > 1, x below the mean. It is A&S 26.5.8 with each
 * even/odd pair of steps contracted and rewritten in terms of
 * lambda = a - (a+b) x (= -w, which we have to full precision): the plain
 * fraction subtracts nearly equal quantities at every step when a + b is
 * large, and loses about log10(1 / |x - x0|) digits per step. Evaluated by
 * the forward three-term recurrence, rescaled each step. */
static double beta_frac(double a, double b, double x, double y, double lambda)
{
    const double c = 1.0 + lambda, c0 = b / a, c1 = 1.0 + 1.0 / a, yp1 = y + 1.0;
    double p = 1.0, s = a + 1.0;
    double an = 0.0, bn = 1.0, anp1 = 1.0, bnp1 = c / c1, r = c1 / c;
    /* 1e8 only bounds the loop for bad arguments; it converges in far fewer. */
    for (long n = 1; n <= 100000000L; n++) {
        double dn = (double)n, t = dn / a;
        double w = dn * (b - dn) * x;
        double e = a / s;
        double alpha = p * (p + c0) * e * e * (w * x);
        double beta = dn + w / s + (1.0 + t) / (c1 + t + t) * (c + dn * yp1);
        p = 1.0 + t;
        s += 2.0;
        double next = alpha * an + beta * anp1;
        an = anp1;
        anp1 = next;
        next = alpha * bn + beta * bnp1;
        bn = bnp1;
        bnp1 = next;
        double r_prev = r;
        r = anp1 / bnp1;
        /* Convergents equal to 1e-16 relative, i.e. within an ulp (2^-53 = 1.1e-16). */
        if (fabs(r - r_prev) <= 1e-16 * r) {
            break;
        }
        an /= bnp1;
        bn /= bnp1;
        anp1 = r;
        bnp1 = 1.0;
    }
    return r;
}

/* Taylor coefficients c_k of (sinh(s/2) / (s/2))^(q-1) in powers of s^2,
 * k = 0 .. GAMMA_TERMS-1. The log of the base is sum B_2n s^2n / (2n (2n)!)
 * (Bernoulli numbers), and the power series of exp(g) follows from
 * k c_k = sum_j j g_j c_(k-j). */
enum { GAMMA_TERMS = 9 };
static void sinhc_power_coeffs(double q, double *c)
{
    static const double LOG_SINHC[GAMMA_TERMS] = {0.0,
                                                  1.0 / 24.0,
                                                  -1.0 / 2880.0,
                                                  1.0 / 181440.0,
                                                  -1.0 / 9676800.0,
                                                  1.0 / 479001600.0,
                                                  -691.0 / 15692092416000.0,
                                                  1.0 / 1046139494400.0,
                                                  -3617.0 / 170729965486080000.0};
    c[0] = 1.0;
    for (int k = 1; k < GAMMA_TERMS; k++) {
        double sum = 0.0;
        for (int j = 1; j <= k; j++) {
            sum += j * (q - 1.0) * LOG_SINHC[j] * c[k - j];
        }
        c[k] = sum / k;
    }
}

/* Below this w = 1 - z, -log z is summed as a series (minus_log_split):
 * its terms then shrink by 2^-7 or more, and those through w^9 leave out
 * less than 1e-20 of it. */
static const double LOG_SERIES_MAX_W = 0x1p-7;

/* -log z as hi + *lo, to about twice double precision when w = 1 - z is
 * small: w + w^2 (1/2 + w/3 + ... + w^7/9), whose first term is exact (the
 * caller's w is) and whose rest needs only its own relative accuracy. Beyond
 * LOG_SERIES_MAX_W, log alone (and *lo = 0): see beta_gamma_expansion for
 * why the digits matter and where they do not. */
static double minus_log_split(double z, double w, double *lo)
{
    if (w > LOG_SERIES_MAX_W) {
        *lo = 0.0;
        return -log_of(z, w);
    }
    double rest = 1.0 / 9.0;
    for (int k = 8; k >= 2; k--) {
        rest = rest * w + 1.0 / k;
    }
    return cxmi_two_sum(w, w * w * rest, lo);
}

/* I_z(p, q) for large p and comparatively small q, z below the mean: the
 * asymptotic expansion behind TOMS 708's BGRAT. With s = -log z and
 * T = p + (q-1)/2, the density of s is s^(q-1) e^(-T s) phi(s) / B(p, q)
 * with phi(s) = (sinh(s/2)/(s/2))^(q-1) = sum c_k s^2k, so term by term
 *   I_z(p, q) = R sum_k c_k (q)_2k T^(-2k) Q(q + 2k, T s),
 *   R = Gamma(p+q) / (Gamma(p) T^q) (close to 1, taken from Stirling).
 * Successive terms shrink like q^3 / T^2 or s^2, which the caller keeps
 * small; Q(q + 2k, X) = Q(q, X) + sum_j X^(q+j) e^-X / Gamma(q+j+1) keeps
 * every incomplete gamma value positive and accurate.
 *
 * Q(q, X) moves by a relative sqrt(q) per unit of relative change in X near
 * its mean (and by X in the far tail), so X = T s is carried to double-double
 * precision and Q corrected to first order in its low part: with X rounded
 * to a double, Clopper-Pearson at p = 1.8e19, q = 1e11 lost 3.6e-11. Where s
 * is not summed as a series, q is below 40 (w ~ q / p and q^3 <= 2.4e-3 p^2)
 * or X beyond 2^-7 T, and a rounded X costs less than 1e-13 there. */
static double beta_gamma_expansion(double p, double q, double z, double w)
{
    double t_lo, t = cxmi_two_sum(p, 0.5 * (q - 1.0), &t_lo);
    double s_lo, s0 = minus_log_split(z, w, &s_lo);
    double x = t * s0, x_lo = fma(t, s0, -x) + t * s_lo + t_lo * s0;
    double log_r = p * cxmi_log1pmx(q / p) + (q - 0.5) * log1p(q / p) + cxmi_stirling_mu(p + q) -
                   cxmi_stirling_mu(p) - q * log1p((q - 1.0) / (2.0 * p));
    double c[GAMMA_TERMS];
    sinhc_power_coeffs(q, c);
    /* g = X^(q+j) e^-X / Gamma(q+j+1), starting at j = 0; dQ(q, X)/dX is
     * -X^(q-1) e^-X / Gamma(q) = -g q / X. */
    double g = cxmi_gamma_scaled_density(q, x) / q, extra = 0.0;
    double q_base = cxmi_gamma_q(q, x) - x_lo * (g * q / x);
    double sum = q_base, poch = 1.0, inv_t2 = 1.0 / (t * t);
    for (int k = 1; k < GAMMA_TERMS; k++) {
        double j = 2.0 * k - 2.0;
        extra += g;
        g *= x / (q + j + 1.0);
        extra += g;
        g *= x / (q + j + 2.0);
        poch *= (q + j) * (q + j + 1.0) * inv_t2;
        double term = c[k] * poch * (q_base + extra);
        sum += term;
        if (fabs(term) <= 1e-17 * sum) {
            break;
        }
    }
    return exp(log_r) * sum;
}

/* Limits of the regimes in beta_lower_side. Up to p = 100 the series needs at
 * most a few thousand terms (beta_series); above it the continued fraction,
 * or for small q the gamma expansion, converges in fewer. Near the mean of
 * huge p and q the fraction slows down (special_beta_mean.c): from 1e8 on,
 * where the expansion that replaces it is exact to 1e-17, it is used within
 * two standard deviations; beyond them the fraction needs a few dozen steps
 * at any size. */
static const double SERIES_MAX_P = 100.0;
static const double GAMMA_MIN_P = 100.0;
static const double NEAR_MEAN_MIN = 1e8;
static const double NEAR_MEAN_SDS = 2.0;

/* I_z(p, q) for z below the mean p / (p + q), directly (w = 1 - z). */
static double beta_lower_side(double p, double q, double z, double w)
{
    double s0 = -log_of(z, w);
    /* The gamma expansion where its terms shrink fast (see beta_gamma_expansion:
     * like q^3 / T^2, bounded here by 2.4e-3, and s^2, at most 1), so that its
     * GAMMA_TERMS terms suffice. */
    if (p >= GAMMA_MIN_P && q * q * q <= 2.4e-3 * p * p && s0 <= 1.0) {
        return beta_gamma_expansion(p, q, z, w);
    }
    double offset = offset_from_mean(p, q, z, w);
    /* offset^2 <= k^2 p q / (p + q): within k standard deviations, as
     * (p + q) z - p has a standard deviation of sqrt(p q / (p + q)). */
    if (p >= NEAR_MEAN_MIN && q >= NEAR_MEAN_MIN &&
        offset * offset <= NEAR_MEAN_SDS * NEAR_MEAN_SDS * p * (q / (p + q))) {
        return cxmi_beta_near_mean(p, q, offset);
    }
    double scale = cxmi_beta_power(p, q, z, w);
    if (scale == 0.0) {
        return 0.0;
    }
    if (p <= SERIES_MAX_P || q <= 1.0) {
        return scale / p * beta_series(p, q, z);
    }
    return scale * beta_frac(p, q, z, w, -offset);
}

double cxmi_beta_inc_xy(double a, double b, double x, double y, bool upper)
{
    if (!(a > 0.0 && b > 0.0 && x >= 0.0 && y >= 0.0) || isinf(a) || isinf(b)) {
        return NAN; /* also catches NaN */
    }
    if (x == 0.0) {
        return upper ? 1.0 : 0.0;
    }
    if (y == 0.0) {
        return upper ? 0.0 : 1.0;
    }
    /* Compute directly the tail on the far side of the mean. */
    bool lower_direct = offset_from_mean(a, b, x, y) < 0.0;
    double direct;
    if (lower_direct) {
        direct = beta_lower_side(a, b, x, y);
    } else {
        direct = beta_lower_side(b, a, y, x);
    }
    /* Rounding can push the computed tail a hair outside [0, 1]. */
    direct = fmin(fmax(direct, 0.0), 1.0);
    bool want_direct = upper != lower_direct;
    return want_direct ? direct : 1.0 - direct;
}

double cxmi_beta_inc(double a, double b, double x, bool upper)
{
    if (isnan(x) || x < 0.0 || x > 1.0) {
        return NAN;
    }
    /* 1 - x is exact for x >= 1/2 and carries full relative precision for
     * x < 1/2, so (x, 1 - x) is as good a pair as the caller's x allows. */
    return cxmi_beta_inc_xy(a, b, x, 1.0 - x, upper);
}
