/* PROVISIONAL — local stand-in until the real special functions land; not committed. */
#include <math.h>
#include "special.h"
double cxmi_normal_cdf(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }
static double bisect(double (*f)(double, double), double arg, double p, double lo, double hi)
{
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (f(mid, arg) < p) lo = mid; else hi = mid;

    }
    return 0.5 * (lo + hi);
}
static double ncdf2(double x, double unused) { (void)unused; return cxmi_normal_cdf(x); }
double cxmi_normal_quantile(double p) { return bisect(ncdf2, 0, p, -40, 40); }
static double betacf(double a, double b, double x)
{
    double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < 1e-300) d = 1e-300;
    d = 1 / d; double h = d;
    for (int mi = 1; mi < 100000; mi++) {
        double m = mi, m2 = 2.0 * m, aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d; if (fabs(d) < 1e-300) d = 1e-300; c = 1 + aa / c; if (fabs(c) < 1e-300) c = 1e-300;
        d = 1 / d; h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d; if (fabs(d) < 1e-300) d = 1e-300; c = 1 + aa / c; if (fabs(c) < 1e-300) c = 1e-300;
        d = 1 / d; double del = d * c; h *= del;
        if (fabs(del - 1) < 1e-16) break;
    }
    return h;
}
static double ibeta(double a, double b, double x)
{
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double bt = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return bt * betacf(a, b, x) / a;
    return 1 - bt * betacf(b, a, 1 - x) / b;
}
double cxmi_beta_inc(double a, double b, double x, int upper) { return upper ? ibeta(b, a, 1 - x) : ibeta(a, b, x); }
double cxmi_t_cdf(double t, double df)
{
    double x = df / (df + t * t), tail = 0.5 * ibeta(df / 2, 0.5, x);
    return t < 0 ? tail : 1 - tail;
}
double cxmi_t_quantile(double p, double df) { return bisect(cxmi_t_cdf, df, p, -1e7, 1e7); }
double cxmi_beta_quantile(double a, double b, double p, int upper) { (void)a; (void)b; (void)p; (void)upper; return NAN; }
