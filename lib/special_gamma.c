/*
 * Gamma-function helpers: log Gamma, Stirling's correction term,
 * log(1+u) - u, and the regularized incomplete gamma function (upper tail
 * Q(alpha, x) and the scaled density x^alpha e^-x / Gamma(alpha)). They are
 * building blocks of the incomplete beta function, not part of the
 * library's public surface.
 *
 * For the incomplete gamma the methods are the classical pair: below
 * x = alpha + 1 the power series for P = 1 - Q (positive terms), above it
 * Legendre's continued fraction for Q, which converges quickly there. The
 * prefactor uses Stirling's form so that large alpha does not cost digits.
 */
#include "special.h"

#include <float.h>
#include <math.h>

static const double LN_SQRT_2PI = 0.91893853320467274178;

/* Iteration cap for both expansions: each needs O(sqrt(alpha)) terms near
 * x = alpha and far fewer elsewhere; the cap only bounds bad arguments. */
static const long GAMMA_MAX_ITER = 10000000L;

double cxmi_gamma_scaled_density(double alpha, double x)
{
    /* Below 10 the terms are modest and the direct form exact enough; from 10
     * on Stirling's series is accurate (stirling_series). e^-x is taken apart
     * from the rest: summed, the exponents would be rounded to an ulp of x,
     * 1e-13 relative at x = 690 (a t tail of 1e-300), where x is exact and
     * exp alone is within an ulp. Past 700 e^-x leaves the normal range. */
    if (alpha < 10.0) {
        double rest = alpha * log(x) - cxmi_lgamma(alpha);
        return x < 700.0 ? exp(rest) * exp(-x) : exp(rest - x);
    }
    /* Gamma(alpha) = sqrt(2 pi / alpha) alpha^alpha e^-alpha e^mu(alpha), so
     * x^alpha e^-x / Gamma(alpha) = sqrt(alpha / 2 pi)
     *     * exp(alpha (log(x/alpha) - (x/alpha - 1)) - mu(alpha)),
     * where the bracket is small and of one sign near x = alpha. */
    double u = (x - alpha) / alpha;
    double inner = fabs(u) <= 0.5 ? cxmi_log1pmx(u) : log(x / alpha) - u;
    return sqrt(alpha) * CXMI_INV_SQRT_2PI * exp(alpha * inner - cxmi_stirling_mu(alpha));
}

/* log(1 + u) - u without cancellation for small u. With r = u / (2 + u),
 * log(1+u) = 2 atanh(r) = 2 (r + r^3/3 + r^5/5 + ...) and 2r - u = -u r, so
 * log(1+u) - u = -u r + 2 r (r^2/3 + r^4/5 + ...), all terms small. */
double cxmi_log1pmx(double u)
{
    /* |u| <= 1/2 keeps |r| <= 1/3, which the series below relies on. */
    if (fabs(u) > 0.5) {
        return log1p(u) - u;
    }
    double r = u / (2.0 + u), r2 = r * r;
    double power = r2, sum = 0.0;
    /* |r| <= 1/3, so each term is at least 9 times smaller than the last: 29
     * terms (k < 60) reach 9^-28 ~ 2e-27, far below the 1e-17 stop. */
    for (int k = 3; k < 60; k += 2) {
        double term = power / k;
        sum += term;
        if (term <= 1e-17 * sum) {
            break;
        }
        power *= r2;
    }
    return 2.0 * r * sum - u * r;
}

/* P(alpha, x) by its series, for x <= alpha + 1. */
static double gamma_p_series(double alpha, double x)
{
    double term = 1.0, sum = 1.0;
    for (long n = 1; n < GAMMA_MAX_ITER; n++) {
        term *= x / (alpha + (double)n);
        sum += term;
        if (term <= 1e-17 * sum) {
            break;
        }
    }
    return cxmi_gamma_scaled_density(alpha, x) / alpha * sum;
}

/* Q(alpha, x) by Legendre's continued fraction (modified Lentz), x > alpha + 1. */
static double gamma_q_fraction(double alpha, double x)
{
    /* Lentz's method (Numerical Recipes, section 5.2) without its guard
     * against zero denominators, which cannot occur here: with
     * b_n = x + 2n + 1 - alpha and a_n = -n (n - alpha), both
     * D_n = b_n + a_n / D_(n-1) and C_n = b_n + a_n / C_(n-1) stay at least
     * x - alpha + n + 1 > n + 2 when x > alpha + 1 (by induction: for
     * n <= alpha the a_n term is not negative; for n > alpha it is at least
     * -n (n - alpha) / (x - alpha + n) >= -n since x >= 0). C_0 is infinite,
     * so that C_1 = b_1. */
    double b = x + 1.0 - alpha, c = INFINITY, d = 1.0 / b, h = d;
    for (long n = 1; n < GAMMA_MAX_ITER; n++) {
        double an = -(double)n * ((double)n - alpha);
        b += 2.0;
        d = 1.0 / (an * d + b);
        c = b + an / c;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) <= DBL_EPSILON) {
            break;
        }
    }
    return cxmi_gamma_scaled_density(alpha, x) * h;
}

double cxmi_gamma_q(double alpha, double x)
{
    /* The classical split (Numerical Recipes, section 6.2): each method
     * converges fast on its side of x = alpha + 1. */
    if (x <= alpha + 1.0) {
        return 1.0 - gamma_p_series(alpha, x);
    }
    return gamma_q_fraction(alpha, x);
}

/* (z - 1/2) log z - z + log sqrt(2 pi): Stirling's formula without mu. */
static double stirling_base(double z)
{
    return (z - 0.5) * log(z) - z + LN_SQRT_2PI;
}

/* mu(z) for z >= 10 from its asymptotic series (Bernoulli numbers), accurate
 * to a few ulps with 8 terms. */
static double stirling_series(double z)
{
    static const double C[8] = {1.0 / 12.0,   -1.0 / 360.0,      1.0 / 1260.0, -1.0 / 1680.0,
                                1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0,  -3617.0 / 122400.0};
    double r = 1.0 / z, r2 = r * r, s = C[7];
    for (int i = 6; i >= 0; i--) {
        s = s * r2 + C[i];
    }
    return s * r;
}

/* log Gamma(x) for x > 0. Not libm's lgamma(), which may write the global
 * signgam: a data race for a library embedded in a threaded host. Below 10
 * the argument is shifted up with Gamma(x) = Gamma(x + n) / (x (x+1) ...
 * (x+n-1)); the absolute error is a few units of 1e-15, and every caller
 * uses the result inside an exponent. */
double cxmi_lgamma(double x)
{
    double prod = 1.0;
    while (x < 10.0) {
        prod *= x;
        x += 1.0;
    }
    return stirling_base(x) + stirling_series(x) - log(prod);
}

/* Stirling correction mu(z) = log Gamma(z) - ((z - 1/2) log z - z + log
 * sqrt(2 pi)) for z >= 10, the only arguments it gets (special.h). */
double cxmi_stirling_mu(double z)
{
    return stirling_series(z);
}
