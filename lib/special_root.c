/*
 * One safeguarded Newton solver shared by the quantile functions.
 *
 * Every quantile here is the root of an increasing function g of a
 * log-scaled variable (log |t|, log x or log(1 - x)), with g = log F - log p
 * or its negative. In that form the tails are nearly linear, so Newton
 * converges in a handful of steps from a rough start. The bracket [lo, hi]
 * shrinks with every evaluation; a step that would leave it (or that is not
 * finite because F underflowed) is replaced by bisection. So the loop always
 * terminates, within a fixed number of evaluations.
 *
 * The log variable has a resolution of only |s| * 2^-53 (at s = -690, about
 * 3e-13 relative in the quantile), so the final Newton correction is
 * returned separately and applied by the caller as z = e^s (1 + correction),
 * which keeps the quantile to within an ulp or so.
 */
#include "special.h"

#include <math.h>
#include <stdbool.h>

/* Bisection alone needs ~60 halvings to shrink a ~1500-wide bracket (the
 * log of the whole double range) to 1e-15; this leaves room for that. */
enum { ROOT_MAX_EVALS = 200 };

/* Steps below this (in the log variable, i.e. relative in the quantile)
 * are below the noise of any of our CDFs. */
static const double ROOT_TOL = 1e-15;

/* A Newton step this small (relative) leaves an error of about its square. */
static const double ROOT_QUADRATIC_DONE = 1e-12;

double cxmi_solve_increasing(cxmi_root_fn eval, const void *ctx, double s0, double lo, double hi,
                             double *correction)
{
    double s = fmin(fmax(s0, lo), hi);
    double prev_step = INFINITY;
    *correction = 0.0;
    for (int i = 0; i < ROOT_MAX_EVALS; i++) {
        double dg;
        double g = eval(s, ctx, &dg);
        if (g == 0.0) {
            return s;
        }
        if (isnan(g)) {
            return NAN;
        }
        if (g < 0.0) {
            lo = s;
        } else {
            hi = s;
        }
        double step = -g / dg, tol = ROOT_TOL * fmax(1.0, fabs(s));
        /* Converged: hand the last Newton step back rather than adding it
         * to s, where it would be lost below the resolution of s. Once the
         * steps are seen to shrink quadratically (this one about the square
         * of the last), a step below ~1e-12 leaves an error of order its
         * square, ~1e-24: confirming that with one more evaluation (an
         * incomplete beta) would change nothing. The factor 10: Newton's step
         * is about C times the square of the last, with C = |g'' / 2 g'| of
         * order 1 for these log-scaled g. */
        bool quadratic = fabs(step) <= 10.0 * prev_step * prev_step &&
                         fabs(step) <= ROOT_QUADRATIC_DONE * fmax(1.0, fabs(s));
        if (fabs(step) <= tol || quadratic) {
            *correction = step;
            return s;
        }
        double next = s + step;
        bool newton = next > lo && next < hi; /* false for NaN or inf too */
        if (!newton) {
            next = 0.5 * (lo + hi);
        }
        if (hi - lo <= tol) {
            return next;
        }
        /* Newton steps that stop shrinking at a tiny size mean we are at
         * the noise floor of g; further iterations would only wander. 1e-10
         * is 100 times the CDFs' 1e-12 accuracy (special.h); converging
         * Newton steps at least halve, hence 0.5. */
        if (newton && fabs(step) < 1e-10 && fabs(step) > 0.5 * prev_step) {
            *correction = step;
            return s;
        }
        if (newton) {
            prev_step = fabs(step);
        }
        s = next;
    }
    return s;
}
