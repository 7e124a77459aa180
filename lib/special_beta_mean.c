/*
 * The incomplete beta function near its mean when both parameters are huge:
 * Clopper-Pearson and Jeffreys limits of a share with billions of answers on
 * either side.
 *
 * There the continued fraction of special_beta.c converges slowly: the
 * closer z is to the mean and the larger p and q, the more steps it needs
 * (half a second, and then only 1e-11, within 0.1 standard deviations of the
 * mean at p = q = 1e19). A little further out it needs only a few dozen. So
 * within two standard deviations of the mean, from p, q >= 1e8 on, we use
 * Temme's uniform asymptotic expansion instead (Temme 1982, "The uniform
 * asymptotic expansion of a class of integrals related to cumulative
 * distribution functions", SIAM J. Math. Anal. 13(2); TOMS 708's BASYM is
 * the same expansion). With s = p + q, x0 = p / s, y0 = q / s and eta the
 * signed distance from the mean defined by
 *
 *   -eta^2 / 2 = x0 log(z / x0) + y0 log((1 - z) / y0),
 *
 * it reads
 *
 *   I_z(p, q) = erfc(-eta sqrt(s / 2)) / 2
 *               - e^-mu e^(-s eta^2 / 2) / sqrt(2 pi s) (h0(eta) + h1(eta) / s + ...)
 *
 * with mu = mu(p) + mu(q) - mu(s) (Stirling corrections), h0(eta) = sqrt(x0 y0)
 * / (z - x0) - 1 / eta and h1 the next coefficient. Near the mean h1 is taken
 * at eta = 0, 2 (x0 - y0)(2 + x0 y0) / (135 (x0 y0)^(3/2)); what that and the
 * later terms leave out is of the order of min(p, q)^-2 relative (2e-18
 * against a 60-digit quadrature at p = 1e8, two standard deviations out).
 *
 * Both h0 and eta come from the offset from the mean, eps = z - x0 = w / s,
 * which the caller has to full precision: eta = eps sqrt((1 + delta) / (x0 y0))
 * with delta = 2 sum_k (x0 (eps/y0)^k + y0 (-eps/x0)^k) / (k + 2) (the
 * logarithms' series less their quadratic term), and h0 = delta sqrt(x0 y0) /
 * (eps sqrt(1 + delta) (sqrt(1 + delta) + 1)), free of the 0/0 at the mean.
 */
#include "special.h"

#include <math.h>

/* sum_(k >= 1) v^(k-1) / (k + 2) to its v^4 term: here |v| <= 2 / sqrt(1e8),
 * so the first term left out is below 1e-19 of the sum. */
static double log_series_rest(double v)
{
    return 1.0 / 3.0 + v * (1.0 / 4.0 + v * (1.0 / 5.0 + v * (1.0 / 6.0 + v / 7.0)));
}

double cxmi_beta_near_mean(double p, double q, double w)
{
    double s = p + q, x0 = p / s, y0 = q / s, xy = x0 * y0, eps = w / s;
    /* delta / eps, finite at the mean. */
    double ratio =
        2.0 * (x0 / y0 * log_series_rest(eps / y0) - y0 / x0 * log_series_rest(-eps / x0));
    double delta = eps * ratio, root = sqrt(1.0 + delta);
    double h0 = ratio * sqrt(xy) / (root * (root + 1.0));
    double h1 = 2.0 * ((p - q) / s) * (2.0 + xy) / (135.0 * xy * sqrt(xy));
    /* s eta^2 / 2, with s (z - x0)^2 / (x0 y0) = w^2 / (p q / s). */
    double half_eta2 = w * w * (1.0 + delta) / (2.0 * p * (q / s));
    double mu = cxmi_stirling_mu(p) + cxmi_stirling_mu(q) - cxmi_stirling_mu(s);
    return 0.5 * erfc(sqrt(half_eta2)) -
           exp(-mu - half_eta2) * CXMI_INV_SQRT_2PI / sqrt(s) * (h0 + h1 / s);
}
