/*
 * The statistics entry points: confidence intervals of one accumulator's
 * quantities and comparisons of two. The methods themselves live with their
 * quantity (share.c, net.c, mean.c); this file validates, resolves HEADLINE
 * and DEFAULT, and converts to the public units.
 *
 * Every method works in proportion units (shares and net scores in [0, 1] and
 * [-1, 1]) and the result is converted to percentage points once, at the end,
 * so that no formula mixes units.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

double cxmi_clip(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double cxmi_z_critical(double confidence)
{
    /* 1 - confidence is exact for confidence >= 0.5 (Sterbenz), and taking
     * the quantile of the small tail keeps every digit at 0.999999. */
    return -cxmi_normal_quantile((1.0 - confidence) / 2.0);
}

void cxmi_z_test(double diff, double se, cxm_comparison *out)
{
    if (se > 0.0) {
        out->statistic = diff / se;
    } else {
        out->statistic = diff == 0.0 ? 0.0 : copysign(INFINITY, diff);
    }
    out->df = INFINITY;
    out->p_value = 2.0 * cxmi_normal_cdf(-fabs(out->statistic));
}

static bool confidence_valid(double confidence)
{
    return confidence > 0.0 && confidence < 1.0; /* false for NaN too */
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

int cxmi_interval_compute(const cxmi_summary *s, int32_t headline, int quantity, int method,
                          double confidence, cxm_interval *out)
{
    if (!confidence_valid(confidence)) {
        return CXM_ERR_ARG;
    }
    cxm_interval result;
    memset(&result, 0, sizeof result); /* padding included: the caller sees every byte */
    result.size = sizeof result;
    result.quantity = resolve_quantity(quantity, headline);
    result.confidence = confidence;
    int status;
    switch (result.quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
        status = cxmi_share_interval(s->positive, s->n, method, confidence, &result);
        break;
    case CXM_QUANTITY_NEGATIVE_SHARE:
        status = cxmi_share_interval(s->negative, s->n, method, confidence, &result);
        break;
    case CXM_QUANTITY_NET: status = cxmi_net_interval(s, method, confidence, &result); break;
    case CXM_QUANTITY_MEAN: status = cxmi_mean_interval(s, method, confidence, &result); break;
    default: return CXM_ERR_ARG;
    }
    if (status != CXM_OK) {
        return status;
    }
    if (result.quantity != CXM_QUANTITY_MEAN) {
        result.estimate *= 100.0;
        result.se *= 100.0;
        result.low *= 100.0;
        result.high *= 100.0;
    }
    *out = result;
    return CXM_OK;
}

int cxm_acc_interval(const cxm_acc *acc, int quantity, int method, double confidence,
                     cxm_interval *out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    if (cxmi_struct_check_out(out, CXMI_INTERVAL_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    cxmi_summary s;
    cxmi_summarize(acc, &s);
    cxm_interval result;
    int status =
        cxmi_interval_compute(&s, acc->scale.headline, quantity, method, confidence, &result);
    if (status == CXM_OK) {
        cxmi_struct_write(out, &result, sizeof result);
    }
    return status;
}

static int compare_summaries(const cxmi_summary *a, const cxmi_summary *b, int quantity, int method,
                             double confidence, cxm_comparison *out)
{
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
        return cxmi_share_compare(a->positive, a->n, b->positive, b->n, method, confidence, out);
    case CXM_QUANTITY_NEGATIVE_SHARE:
        return cxmi_share_compare(a->negative, a->n, b->negative, b->n, method, confidence, out);
    case CXM_QUANTITY_NET: return cxmi_net_compare(a, b, method, confidence, out);
    case CXM_QUANTITY_MEAN: return cxmi_mean_compare(a, b, method, confidence, out);
    default: return CXM_ERR_ARG;
    }
}

int cxm_acc_compare(const cxm_acc *a, const cxm_acc *b, int quantity, int method, double confidence,
                    cxm_comparison *out)
{
    if (a == NULL || b == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    if (cxmi_struct_check_out(out, CXMI_COMPARISON_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    if (!cxmi_scale_equal(&a->scale, &b->scale)) {
        return CXM_ERR_MISMATCH;
    }
    if (!confidence_valid(confidence)) {
        return CXM_ERR_ARG;
    }
    cxmi_summary sa, sb;
    cxmi_summarize(a, &sa);
    cxmi_summarize(b, &sb);
    cxm_comparison result;
    memset(&result, 0, sizeof result);
    result.size = sizeof result;
    result.quantity = resolve_quantity(quantity, a->scale.headline);
    result.confidence = confidence;
    int status = compare_summaries(&sa, &sb, result.quantity, method, confidence, &result);
    if (status != CXM_OK) {
        return status;
    }
    if (result.quantity != CXM_QUANTITY_MEAN) {
        result.difference *= 100.0;
        result.se *= 100.0;
        result.low *= 100.0;
        result.high *= 100.0;
    }
    cxmi_struct_write(out, &result, sizeof result);
    return CXM_OK;
}
