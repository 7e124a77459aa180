/*
 * Confidence intervals of one accumulator's quantities.
 *
 * Every method works in proportion units (shares and net scores in [0, 1] and
 * [-1, 1]) and converts to percentage points once, at the end, so that no
 * formula mixes units. Two-sided critical values are taken from the upper
 * tail directly, -quantile(alpha / 2), never as quantile(1 - alpha / 2): for a
 * confidence of 0.999999 forming 1 - alpha / 2 would discard the digits the
 * quantile depends on.
 */
#include <math.h>

#include "internal.h"

static double clip(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static double z_critical(double confidence)
{
    return -cxmi_normal_quantile((1.0 - confidence) / 2.0);
}

/* Wilson (1927) score interval of x successes in n trials; equals R's
 * prop.test(x, n, correct = FALSE). The limits are exactly 0 at x = 0 and
 * exactly 1 at x = n, where the formula would otherwise round a hair off. */
static void share_wilson(uint64_t x, uint64_t n, double z, cxmi_interval *out)
{
    double nd = (double)n, z2 = z * z;
    double spread = (double)x * (double)(n - x) / nd + z2 / 4.0;
    double centre = ((double)x + z2 / 2.0) / (nd + z2);
    double half = z / (nd + z2) * sqrt(spread);
    out->se = half / z;
    out->low = x == 0 ? 0.0 : clip(centre - half, 0.0, 1.0);
    out->high = x == n ? 1.0 : clip(centre + half, 0.0, 1.0);
}

static int share_interval(uint64_t x, uint64_t n, int method, double confidence,
                          cxmi_interval *out)
{
    if (method == CXM_METHOD_DEFAULT) {
        method = CXM_METHOD_WILSON;
    }
    if (method != CXM_METHOD_WILSON) {
        return CXM_ERR_ARG;
    }
    if (n == 0) {
        return CXM_ERR_EMPTY;
    }
    share_wilson(x, n, z_critical(confidence), out);
    out->method = method;
    out->estimate = (double)x / (double)n;
    return CXM_OK;
}

/* Adjusted Wald interval of a net score (Rocks 2016, The American
 * Statistician 70(4)): 0.75 / 1.5 / 0.75 pseudo-counts added to the negative,
 * neutral and positive counts keep the interval sensible at the boundaries,
 * where plain Wald collapses to zero width. */
static void net_adjusted_wald(uint64_t p, uint64_t d, uint64_t n, double z, cxmi_interval *out)
{
    /* p' - d' and p' + d' straight from the counts: with counts beyond 2^53
     * the difference of the two rounded shares would cancel to noise. */
    double n_adj = (double)n + 3.0;
    double centre = cxmi_count_diff(p, d) / n_adj;
    double polar = ((double)(p + d) + 1.5) / n_adj;
    double variance = polar - centre * centre;
    out->se = sqrt(variance / n_adj);
    out->low = clip(centre - z * out->se, -1.0, 1.0);
    out->high = clip(centre + z * out->se, -1.0, 1.0);
}

static int net_interval(const cxmi_summary *s, int method, double confidence, cxmi_interval *out)
{
    if (method == CXM_METHOD_DEFAULT) {
        method = CXM_METHOD_ADJUSTED_WALD;
    }
    if (method != CXM_METHOD_ADJUSTED_WALD) {
        return CXM_ERR_ARG;
    }
    if (s->n == 0) {
        return CXM_ERR_EMPTY;
    }
    net_adjusted_wald(s->positive, s->negative, s->n, z_critical(confidence), out);
    out->method = method;
    out->estimate = cxmi_net(s->positive, s->negative, s->n) / 100.0;
    return CXM_OK;
}

/* Student t interval of the mean. With few ratings t is much wider than z
 * (12.7 against 1.96 at n = 2); using z there would overstate precision. */
static int mean_interval(const cxmi_summary *s, int method, double confidence, cxmi_interval *out)
{
    if (method == CXM_METHOD_DEFAULT) {
        method = CXM_METHOD_T;
    }
    if (method != CXM_METHOD_T) {
        return CXM_ERR_ARG;
    }
    if (s->n < 2) {
        return CXM_ERR_EMPTY;
    }
    double t = -cxmi_t_quantile((1.0 - confidence) / 2.0, (double)(s->n - 1));
    out->method = method;
    out->estimate = s->mean;
    out->se = s->stddev / sqrt((double)s->n);
    out->low = s->mean - t * out->se;
    out->high = s->mean + t * out->se;
    return CXM_OK;
}

static int resolve_quantity(int quantity, int32_t headline)
{
    if (quantity != CXM_QUANTITY_HEADLINE) {
        return quantity;
    }
    switch (headline) {
    case CXM_HEADLINE_POSITIVE_SHARE: return CXM_QUANTITY_POSITIVE_SHARE;
    case CXM_HEADLINE_NET: return CXM_QUANTITY_NET;
    default: return CXM_QUANTITY_MEAN;
    }
}

/* Converts an interval of a share or net score to percentage points. */
static void to_percent(cxmi_interval *out)
{
    out->estimate *= 100.0;
    out->se *= 100.0;
    out->low *= 100.0;
    out->high *= 100.0;
}

int cxmi_interval_compute(const cxmi_summary *s, int32_t headline, int quantity, int method,
                          double confidence, cxmi_interval *out)
{
    if (!(confidence > 0.0 && confidence < 1.0)) {
        return CXM_ERR_ARG; /* also NaN */
    }
    cxmi_interval result;
    int status;
    result.quantity = resolve_quantity(quantity, headline);
    switch (result.quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
        status = share_interval(s->positive, s->n, method, confidence, &result);
        break;
    case CXM_QUANTITY_NEGATIVE_SHARE:
        status = share_interval(s->negative, s->n, method, confidence, &result);
        break;
    case CXM_QUANTITY_NET: status = net_interval(s, method, confidence, &result); break;
    case CXM_QUANTITY_MEAN: status = mean_interval(s, method, confidence, &result); break;
    default: return CXM_ERR_ARG;
    }
    if (status != CXM_OK) {
        return status;
    }
    if (result.quantity != CXM_QUANTITY_MEAN) {
        to_percent(&result);
    }
    *out = result;
    return CXM_OK;
}
