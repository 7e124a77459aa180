/*
 * Inverse of the regularized incomplete beta function in x, for either tail.
 *
 * A target in the larger half (p > 1/2) is first turned into the other tail
 * with 1 - p, which is exact there; so we always solve T(x) = p with p <= 1/2
 * and T the lower or upper tail. The unknown is then carried as whichever of
 * x and y = 1 - x is below 1/2 at the root (one evaluation at x = 1/2 tells
 * which), so a root at 1e-200 or at 1 - 1e-20 keeps all its digits, and the
 * solver works in its logarithm, where both power-law tails are straight
 * lines. Safeguarded Newton (special_root.c) then needs only a few
 * incomplete beta evaluations from a start that is the better of the
 * power-law tail approximation and a normal approximation.
 */
#include "special.h"

#include <float.h>
#include <math.h>

/* The problem as the solver sees it. */
typedef struct beta_target {
    double a, b;
    double p, log_p;
    bool upper;    /* match the upper tail 1 - I_x rather than I_x */
    bool var_is_y; /* the unknown z is y = 1 - x rather than x */
} beta_target;

/* g(s) = +-(log T - log p) at z = e^s, oriented to increase with s. The
 * beta density is power / (x y) and dz/ds = z, so dT/ds = +-power / w where
 * w is the complement of z; hence the derivative power / (w T). */
static double beta_eval(double s, const void *ctx, double *dg)
{
    const beta_target *bt = ctx;
    double z = exp(s), w = 1.0 - z;
    double x = bt->var_is_y ? w : z, y = bt->var_is_y ? z : w;
    double tail = cxmi_beta_inc_xy(bt->a, bt->b, x, y, bt->upper);
    *dg = cxmi_beta_power(bt->a, bt->b, x, y) / (w * tail);
    /* T grows with z for (lower, z = x) and (upper, z = y). */
    bool increasing = bt->upper == bt->var_is_y;
    double g = log(tail) - bt->log_p;
    return increasing ? g : -g;
}

/* log z for the start, from the power-law tail: I_x ~ x^a / (a B(a, b)) for
 * small x and 1 - I_x ~ y^b / (b B(a, b)) for small y. */
static double start_from_tail(const beta_target *bt)
{
    double a = bt->a, b = bt->b;
    double log_beta = cxmi_lgamma(a) + cxmi_lgamma(b) - cxmi_lgamma(a + b);
    double own = bt->upper ? b : a;
    double log_own = (bt->log_p + log(own) + log_beta) / own; /* log x or log y */
    bool own_is_var = bt->upper == bt->var_is_y;
    if (own_is_var) {
        return log_own;
    }
    double other = -expm1(log_own); /* the unknown is the complement */
    return other > 0.0 ? log(other) : -INFINITY;
}

/* log z for the start, from the normal approximation to the beta. */
static double start_from_normal(const beta_target *bt)
{
    double a = bt->a, b = bt->b, n = a + b;
    double mean = a / n, sd = sqrt(a / n * (b / n) / (n + 1.0));
    double zq = cxmi_normal_quantile(bt->p); /* <= 0 */
    double x = bt->upper ? mean - zq * sd : mean + zq * sd;
    double z = bt->var_is_y ? 1.0 - x : x;
    return z > 0.0 ? log(z) : -INFINITY;
}

/* Solve with p <= 1/2. */
static double beta_quantile_small(double a, double b, double p, bool upper)
{
    beta_target bt = {a, b, p, log(p), upper, false};
    /* Where is the root relative to x = 1/2? */
    double half = cxmi_beta_inc_xy(a, b, 0.5, 0.5, upper);
    bool root_below_half = upper ? half < p : half >= p;
    bt.var_is_y = !root_below_half;
    double lo = log(DBL_TRUE_MIN), hi = log(0.5), dg;
    double s0 = hi, best = INFINITY;
    double starts[2] = {start_from_tail(&bt), start_from_normal(&bt)};
    for (int i = 0; i < 2; i++) {
        if (!(starts[i] > lo && starts[i] < hi)) {
            continue;
        }
        double g = fabs(beta_eval(starts[i], &bt, &dg));
        if (g < best) {
            best = g;
            s0 = starts[i];
        }
    }
    /* A root below the smallest subnormal is reported as 0 (or 1). */
    if (beta_eval(lo, &bt, &dg) >= 0.0) {
        return bt.var_is_y ? 1.0 : 0.0;
    }
    double corr, s = cxmi_solve_increasing(beta_eval, &bt, s0, lo, hi, &corr);
    double z = exp(s) * (1.0 + corr);
    return bt.var_is_y ? 1.0 - z : z;
}

double cxmi_beta_quantile(double a, double b, double p, bool upper)
{
    if (!(a > 0.0 && b > 0.0 && p >= 0.0 && p <= 1.0) || isinf(a) || isinf(b)) {
        return NAN; /* also catches NaN */
    }
    if (p > 0.5) {
        p = 1.0 - p; /* exact for p > 1/2 */
        upper = !upper;
    }
    if (p == 0.0) {
        return upper ? 1.0 : 0.0;
    }
    return beta_quantile_small(a, b, p, upper);
}
