/*
 * The standard normal distribution: lower-tail CDF and quantile.
 *
 * The CDF is libm's erfc() evaluated at -x/sqrt(2). The one subtle point is
 * that -x/sqrt(2) itself is rounded: in the far tail erfc(z) changes by a
 * relative 2z*dz for an absolute change dz in z, so at x = -37 the rounding
 * of x/sqrt(2) alone would cost ~1e-13. We therefore compute the rounding
 * error of the product exactly (fma, plus the error of the constant 1/sqrt(2)
 * itself) and apply it as a first-order correction; what remains is libm's
 * own erfc error (a few ulps in glibc).
 *
 * The quantile is Wichura's AS 241 (PPND16, ~1e-16) followed by one Halley
 * step against the CDF, which removes any residual error of the rational
 * approximation and of our own arithmetic. Near the median both work from
 * the distance to it, q = p - 1/2, which is how the two-sided critical value
 * of a small confidence c keeps its digits: q = -c/2 is exact, 1 - c is not.
 */
#include "special.h"

#include <float.h>
#include <math.h>

/* 1/sqrt(2) as the sum of two doubles, hi + lo. */
static const double INV_SQRT2_HI = 0.70710678118654757;
static const double INV_SQRT2_LO = -4.833646656726457e-17;
/* 1/sqrt(pi) and sqrt(2*pi). */
static const double INV_SQRT_PI = 0.56418958354775628695;
static const double SQRT_2PI = 2.5066282746310005024;

/* erfc(-x/sqrt(2)) with the rounding of -x/sqrt(2) compensated. */
static double erfc_scaled_arg(double x)
{
    double prod = x * INV_SQRT2_HI;
    /* x/sqrt(2) = prod + dz exactly, up to a term of order eps^2 * x. */
    double dz = fma(x, INV_SQRT2_HI, -prod) + x * INV_SQRT2_LO;
    double z = -prod;
    /* erfc(z - dz) = erfc(z) + (2/sqrt(pi)) exp(-z^2) dz + O(dz^2). */
    return erfc(z) + 2.0 * INV_SQRT_PI * exp(-z * z) * dz;
}

double cxmi_normal_cdf(double x)
{
    if (isnan(x)) {
        return NAN;
    }
    if (isinf(x)) {
        return x < 0.0 ? 0.0 : 1.0;
    }
    /* For x > 0 the result is >= 1/2 and only absolute accuracy matters;
     * the same formula serves both sides. */
    return 0.5 * erfc_scaled_arg(x);
}

/* Evaluate a polynomial with coefficients c[0] + c[1] r + ... + c[n-1] r^(n-1). */
static double poly(const double *c, int n, double r)
{
    double s = c[n - 1];
    for (int i = n - 2; i >= 0; i--) {
        s = s * r + c[i];
    }
    return s;
}

/* AS 241 coefficients (Wichura 1988), three regions, two to a line. */
/* clang-format off */
static const double AS241_A[8] = {3.3871328727963666080e+00, 1.3314166789178437745e+02,
                                  1.9715909503065514427e+03, 1.3731693765509461125e+04,
                                  4.5921953931549871457e+04, 6.7265770927008700853e+04,
                                  3.3430575583588128105e+04, 2.5090809287301226727e+03};
static const double AS241_B[8] = {1.0,
                                  4.2313330701600911252e+01, 6.8718700749205790830e+02,
                                  5.3941960214247511077e+03, 2.1213794301586595867e+04,
                                  3.9307895800092710610e+04, 2.8729085735721942674e+04,
                                  5.2264952788528545610e+03};
static const double AS241_C[8] = {1.42343711074968357734e+00, 4.63033784615654529590e+00,
                                  5.76949722146069140550e+00, 3.64784832476320460504e+00,
                                  1.27045825245236838258e+00, 2.41780725177450611770e-01,
                                  2.27238449892691845833e-02, 7.74545014278341407640e-04};
static const double AS241_D[8] = {1.0,
                                  2.05319162663775882187e+00, 1.67638483018380384940e+00,
                                  6.89767334985100004550e-01, 1.48103976427480074590e-01,
                                  1.51986665636164571966e-02, 5.47593808499534494600e-04,
                                  1.05075007164441684324e-09};
static const double AS241_E[8] = {6.65790464350110377720e+00, 5.46378491116411436990e+00,
                                  1.78482653991729133580e+00, 2.96560571828504891230e-01,
                                  2.65321895265761230930e-02, 1.24266094738807843860e-03,
                                  2.71155556874348757815e-05, 2.01033439929228813265e-07};
static const double AS241_F[8] = {1.0,
                                  5.99832206555887937690e-01, 1.36929880922735805310e-01,
                                  1.48753612908506148525e-02, 7.86869131145613259100e-04,
                                  1.84631831751005468180e-05, 1.42151175831644588870e-07,
                                  2.04426310338993978564e-15};
/* clang-format on */

/* AS 241 for 0 < p < 1/2 (so the result is negative); q = p - 1/2 exactly.
 * Its regions are Wichura's: |q| <= 0.425 (0.180625 = 0.425^2), then
 * r = sqrt(-log p) <= 5, then beyond. */
static double as241_lower(double p, double q)
{
    if (q >= -0.425) {
        double r = 0.180625 - q * q;
        return q * poly(AS241_A, 8, r) / poly(AS241_B, 8, r);
    }
    double r = sqrt(-log(p));
    if (r <= 5.0) {
        r -= 1.6;
        return -poly(AS241_C, 8, r) / poly(AS241_D, 8, r);
    }
    r -= 5.0;
    return -poly(AS241_E, 8, r) / poly(AS241_F, 8, r);
}

/* Quantile for 0 < p < 1/2, with q = p - 1/2 supplied by the caller: near
 * the centre (|q| <= 0.425) only q is used, and p only beyond, so a caller
 * that knows the distance from the median better than p (a small confidence c,
 * whose q = -c/2 is exact while 1/2 - c/2 is not) keeps every digit of it. */
static double normal_quantile_lower(double p, double q)
{
    double x = as241_lower(p, q);
    /* One Halley step on F(x) - p. Near the centre the residual is formed as
     * (F(x) - 1/2) - q with erf, so that no digits of a tiny x are lost; in
     * the tail it is formed with the tail CDF. Below DBL_MIN the density is
     * subnormal and the step would only add noise, so AS 241 stands alone. */
    if (p < DBL_MIN) {
        return x;
    }
    double resid;
    if (q >= -0.425) {
        resid = 0.5 * erf(x * INV_SQRT2_HI) - q;
    } else {
        resid = cxmi_normal_cdf(x) - p;
    }
    double u = resid * SQRT_2PI * exp(0.5 * x * x);
    return x - u / (1.0 + 0.5 * x * u);
}

double cxmi_normal_quantile(double p)
{
    if (isnan(p) || p < 0.0 || p > 1.0) {
        return NAN;
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
    /* 1 - p is exact for p >= 1/2, so the symmetry costs nothing; p - 1/2 is
     * exact for p >= 1/4 and rounded once below, where the central formula
     * (down to p = 0.075) is well conditioned in it. */
    if (p > 0.5) {
        return -normal_quantile_lower(1.0 - p, 0.5 - p);
    }
    return normal_quantile_lower(p, p - 0.5);
}

double cxmi_normal_critical(double confidence)
{
    if (!(confidence > 0.0 && confidence < 1.0)) {
        return NAN; /* also catches NaN */
    }
    /* The lower quantile at p = (1 - c)/2, whose distance from the median is
     * q = -c/2, exact. From c = 1/2 on 1 - c is exact (Sterbenz) and p feeds
     * the tail formulas; below 1/2 only q is read, and it keeps the digits that
     * 1 - c rounds away (every one of them below c = 1e-16). */
    return -normal_quantile_lower((1.0 - confidence) / 2.0, -confidence / 2.0);
}
