/*
 * The statistics of a weighted accumulator: design-based intervals and
 * comparisons of a weighted share, net score or mean.
 *
 * Every quantity is a ratio theta = sum of y_r W_r / W, and its linearized
 * (Taylor) variance under with-replacement sampling of the n responses is
 *     v = n / (n - 1) * sum of Q_r (y_r - theta)^2 / W^2,
 * which is what R's survey package computes for svydesign(ids = ~1, weights
 * = ~w) (Binder 1983; Lumley's survey). The accumulator's sums c, W and Q
 * per rating are exactly what that needs. The deviations y_r - theta are
 * formed from the integer weights (for shares and net scores) or about the
 * exact mean (summary.c), so every term is non-negative and nothing cancels.
 *
 * Methods, all with t quantiles at n - 1 degrees of freedom (the design's):
 * WALD and T, theta +- t se; LOGIT, the same on the logit scale; and Korn and
 * Graubard's (1998) Clopper-Pearson interval at the effective sample size
 * n* = p (1 - p) / v, with x* = n* p. survey multiplies that n* by
 * (t(n - 1) / t(degf))^2, which is 1 for this design, so there is nothing
 * to adjust. Comparisons of independent samples are Welch-type t tests.
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "wide.h"

/* ---- the summary ------------------------------------------------------------ */

/* Which band a rating falls in: 0 positive, 1 neutral, 2 negative (the
 * order of cxmi_wsummary.squares). */
static int band_of(const cxm_scale *s, int32_t rating)
{
    if (rating >= s->positive_min && rating <= s->positive_max) {
        return 0;
    }
    return rating >= s->negative_min && rating <= s->negative_max ? 2 : 1;
}

/* Q of each band and in all, exact in wide integers until the one rounding. */
static void band_squares(const cxm_wacc *w, cxmi_wsummary *out)
{
    cxmi_wide bands[3] = {{{0, 0, 0}}, {{0, 0, 0}}, {{0, 0, 0}}};
    for (uint32_t i = 0; i < w->span; i++) {
        int band = band_of(&w->scale, (int32_t)((int64_t)w->scale.min + i));
        const cxmi_cell *cell = &w->cells[i];
        bands[band] =
            cxmi_wide_add(bands[band], cxmi_wide_of(cell->squares_high, cell->squares_low));
    }
    cxmi_wide total = cxmi_wide_add(cxmi_wide_add(bands[0], bands[1]), bands[2]);
    for (int band = 0; band < 3; band++) {
        out->squares[band] = cxmi_wide_to_double(bands[band]);
    }
    out->squares_total = cxmi_wide_to_double(total);
    /* W - Q / W = (W^2 - Q) / W, the difference exact. Responses make W^2 >
     * Q unless there is at most one; the invariants, necessary but not
     * sufficient, also allow W^2 < Q (docs/statistics.md). */
    cxmi_wide w2 = cxmi_wide_mul(w->weight, w->weight);
    out->spread = cxmi_wide_less(total, w2)
                      ? cxmi_wide_to_double(cxmi_wide_sub(w2, total)) / (double)w->weight
                      : 0.0;
}

void cxmi_wacc_summarize(const cxm_wacc *w, cxmi_wsummary *out)
{
    uint64_t counts[CXM_MAX_SPAN], weights[CXM_MAX_SPAN], low[CXM_MAX_SPAN], high[CXM_MAX_SPAN];
    cxmi_wacc_column(w, offsetof(cxmi_cell, count), counts);
    cxmi_wacc_column(w, offsetof(cxmi_cell, weight), weights);
    uint64_t n = 0; /* at most the sum of the weights: no overflow */
    for (uint32_t i = 0; i < w->span; i++) {
        n += counts[i];
    }
    cxmi_summarize_counts(&w->scale, counts, n, &out->counts);
    cxmi_summarize_counts(&w->scale, weights, w->weight, &out->weights);
    band_squares(w, out);
    out->deviations = NAN;
    out->mean_squares = NAN;
    if (n > 0) {
        out->deviations = cxmi_deviations(&out->weights, w->scale.min, weights, NULL, w->span);
        cxmi_wacc_column(w, offsetof(cxmi_cell, squares_low), low);
        cxmi_wacc_column(w, offsetof(cxmi_cell, squares_high), high);
        out->mean_squares = cxmi_deviations(&out->weights, w->scale.min, low, high, w->span);
    }
}

/* ---- the estimate and its variance --------------------------------------------- */

/* The weight of a share's band (the positive or the negative one). */
static uint64_t band_weight(const cxmi_wsummary *s, int quantity)
{
    return quantity == CXM_QUANTITY_POSITIVE_SHARE ? s->weights.positive : s->weights.negative;
}

/* theta in proportion units (rating units for the mean). */
static double estimate_of(const cxmi_wsummary *s, int quantity)
{
    double total = (double)s->weights.n;
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
    case CXM_QUANTITY_NEGATIVE_SHARE: return (double)band_weight(s, quantity) / total;
    case CXM_QUANTITY_NET: return cxmi_count_diff(s->weights.positive, s->weights.negative) / total;
    default: return s->weights.mean;
    }
}

/* sum of Q_r (y_r - theta)^2 for a share: y - theta is W_o / W inside the
 * band and -W_b / W outside it (W_b the band's weight, W_o the rest), so it
 * is Q_b (W_o / W)^2 + Q_o (W_b / W)^2. */
static double share_deviations(const cxmi_wsummary *s, int quantity)
{
    int band = quantity == CXM_QUANTITY_POSITIVE_SHARE ? 0 : 2;
    double inside = s->squares[band], outside = s->squares[1] + s->squares[2 - band];
    uint64_t weight = band_weight(s, quantity);
    double total = (double)s->weights.n;
    double in_dev = (double)(s->weights.n - weight) / total, out_dev = (double)weight / total;
    return inside * in_dev * in_dev + outside * out_dev * out_dev;
}

/* For a net score y is 1, 0, -1; with theta = (W_p - W_d) / W the deviations
 * are (W_e + 2 W_d) / W, (W_d - W_p) / W and -(W_e + 2 W_p) / W. */
static double net_deviations(const cxmi_wsummary *s)
{
    const cxmi_summary *w = &s->weights;
    double total = (double)w->n, neutral = (double)w->neutral;
    double up = (neutral + 2.0 * (double)w->negative) / total;
    double mid = cxmi_count_diff(w->negative, w->positive) / total;
    double down = (neutral + 2.0 * (double)w->positive) / total;
    return s->squares[0] * up * up + s->squares[1] * mid * mid + s->squares[2] * down * down;
}

/* v for n >= 2: n / (n - 1) * sum of Q_r (y_r - theta)^2 / W^2. */
static double variance_of(const cxmi_wsummary *s, int quantity)
{
    double deviations;
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
    case CXM_QUANTITY_NEGATIVE_SHARE: deviations = share_deviations(s, quantity); break;
    case CXM_QUANTITY_NET: deviations = net_deviations(s); break;
    default: deviations = s->mean_squares;
    }
    double total = (double)s->weights.n;
    double factor = 1.0 + 1.0 / (double)(s->counts.n - 1); /* n / (n - 1) */
    return factor * (deviations / (total * total));
}

/* Clips an interval to the range of its quantity in proportion units, [0, 1]
 * for a share and [-1, 1] for a net score, or that of a difference of two,
 * [-1, 1] and [-2, 2]. The mean's is never clipped. */
static void clip_to_range(int quantity, bool difference, double *low, double *high)
{
    if (quantity == CXM_QUANTITY_MEAN) {
        return;
    }
    double lo = quantity == CXM_QUANTITY_NET ? -1.0 : 0.0, hi = 1.0;
    if (difference) {
        lo = lo - hi;
        hi = -lo;
    }
    *low = cxmi_clip(*low, lo, hi);
    *high = cxmi_clip(*high, lo, hi);
}

/* ---- intervals ------------------------------------------------------------------ */

/* Korn and Graubard: Clopper-Pearson at n* = p q / v and x* = n* p, where
 * p q / v = W_b W_o / (n / (n - 1) * sum of Q (y - theta)^2); n* = n when
 * the share is 0 or 1 (v is 0 there). Both tails are taken directly, as the
 * accumulator's Clopper-Pearson does. */
static void korn_graubard(const cxmi_wsummary *s, int quantity, double v, double alpha, double *low,
                          double *high)
{
    uint64_t band = band_weight(s, quantity), rest = s->weights.n - band;
    double total = (double)s->weights.n;
    double n_eff = (double)s->counts.n;
    if (band != 0 && rest != 0) {
        double p = (double)band / total, q = (double)rest / total;
        n_eff = p * q / v;
    }
    double x = n_eff * ((double)band / total), y = n_eff * ((double)rest / total);
    *low = band == 0 ? 0.0 : cxmi_beta_quantile(x, y + 1.0, alpha / 2.0, false);
    *high = rest == 0 ? 1.0 : cxmi_beta_quantile(x + 1.0, y, alpha / 2.0, true);
}

/* logit(p) +- h, h = t se / (p q), back-transformed: expit(logit(p) - h) =
 * W_b / (W_b + W_o e^h), a quotient of positive terms at every p. */
static int logit_limits(const cxmi_wsummary *s, int quantity, double half, double *low,
                        double *high)
{
    uint64_t band = band_weight(s, quantity), rest = s->weights.n - band;
    if (band == 0 || rest == 0) {
        return CXM_ERR_EMPTY; /* logit(0), logit(1) */
    }
    double b = (double)band, o = (double)rest, total = (double)s->weights.n;
    double h = half / ((b / total) * (o / total));
    *low = b / (b + o * exp(h));
    *high = b / (b + o * exp(-h));
    return CXM_OK;
}

static int interval_of(const void *sample, int quantity, int method, double confidence,
                       cxm_interval *out)
{
    const cxmi_wsummary *s = sample;
    if (s->counts.n < 2) {
        return CXM_ERR_EMPTY;
    }
    double v = variance_of(s, quantity);
    out->estimate = estimate_of(s, quantity);
    out->se = sqrt(v);
    if (method == CXM_METHOD_CLOPPER_PEARSON) {
        korn_graubard(s, quantity, v, 1.0 - confidence, &out->low, &out->high);
        return CXM_OK;
    }
    double half = cxmi_t_critical(confidence, (double)(s->counts.n - 1)) * out->se;
    if (method == CXM_METHOD_LOGIT) {
        return logit_limits(s, quantity, half, &out->low, &out->high);
    }
    out->low = out->estimate - half; /* WALD, T */
    out->high = out->estimate + half;
    clip_to_range(quantity, false, &out->low, &out->high);
    return CXM_OK;
}

int cxmi_wacc_interval_compute(const cxmi_wsummary *s, int32_t headline, int quantity, int method,
                               double confidence, cxm_interval *out)
{
    return cxmi_interval_run(interval_of, s, headline, CXM_USE_WEIGHTED_INTERVAL, quantity, method,
                             confidence, out);
}

int cxm_wacc_interval(const cxm_wacc *w, int quantity, int method, double confidence,
                      cxm_interval *out)
{
    if (w == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxmi_wsummary s;
    cxmi_wacc_summarize(w, &s);
    return cxmi_wacc_interval_compute(&s, w->scale.headline, quantity, method, confidence, out);
}

/* ---- comparisons ---------------------------------------------------------------- */

/* a - b of the observed values, from the integer weights (exact.c). */
static double difference_of(const cxmi_wsummary *a, const cxmi_wsummary *b, int quantity)
{
    const cxmi_summary *wa = &a->weights, *wb = &b->weights;
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
    case CXM_QUANTITY_NEGATIVE_SHARE: {
        cxmi_ratio ra = {band_weight(a, quantity), wa->n, 0, false};
        cxmi_ratio rb = {band_weight(b, quantity), wb->n, 0, false};
        return cxmi_ratio_diff(ra, rb);
    }
    case CXM_QUANTITY_NET:
        return cxmi_ratio_diff(cxmi_net_ratio(wa->positive, wa->negative, wa->n, 0),
                               cxmi_net_ratio(wb->positive, wb->negative, wb->n, 0));
    default: return cxmi_mean_diff(wa, wb);
    }
}

static int compare_of(const void *sample_a, const void *sample_b, int quantity, int method,
                      double confidence, cxm_comparison *out)
{
    (void)method; /* one method per quantity: WALD, or T for the mean */
    const cxmi_wsummary *a = sample_a, *b = sample_b;
    if (a->counts.n < 2 || b->counts.n < 2) {
        return CXM_ERR_EMPTY;
    }
    double va = variance_of(a, quantity), vb = variance_of(b, quantity);
    if (va + vb == 0.0) {
        return CXM_ERR_EMPTY; /* both samples without spread: Welch's df is 0/0 */
    }
    out->difference = difference_of(a, b, quantity);
    cxmi_welch_test(va, a->counts.n, vb, b->counts.n, confidence, out);
    clip_to_range(quantity, true, &out->low, &out->high);
    return CXM_OK;
}

int cxm_wacc_compare(const cxm_wacc *a, const cxm_wacc *b, int quantity, int method,
                     double confidence, cxm_comparison *out)
{
    if (a == NULL || b == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxmi_wsummary sa, sb;
    cxmi_wacc_summarize(a, &sa);
    cxmi_wacc_summarize(b, &sb);
    return cxmi_compare_run(compare_of, &sa, &sb, &a->scale, &b->scale, CXM_USE_WEIGHTED_COMPARE,
                            quantity, method, confidence, out);
}
