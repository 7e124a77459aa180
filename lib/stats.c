/*
 * The statistics entry points: confidence intervals of one accumulator's
 * quantities and comparisons of two. This file validates, resolves HEADLINE
 * and, through the table of methods.c, DEFAULT and the methods that apply;
 * then dispatches to the methods, which live with their quantity (share.c,
 * net.c, mean.c), and converts their result to the public units. The
 * weighted accumulator's entry points (wacc_stats.c) run through the same
 * two runners with their own table and methods.
 *
 * Every method works in proportion units (shares and net scores in [0, 1] and
 * [-1, 1]) and the result is converted to percentage points once, at the end,
 * so that no formula mixes units.
 */
#include <string.h>

#include "internal.h"

static bool confidence_valid(double confidence)
{
    return confidence > 0.0 && confidence < 1.0; /* false for NaN too */
}

/* The estimate (or difference), se and limits, from proportion to public units. */
static void to_public_units(double unit, double *centre, double *se, double *low, double *high)
{
    *centre *= unit;
    *se *= unit;
    *low *= unit;
    *high *= unit;
}

static int dispatch_interval(const void *sample, int quantity, int method, double confidence,
                             cxm_interval *out)
{
    const cxmi_summary *s = sample;
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
        return cxmi_share_interval(s->positive, s->n, method, confidence, out);
    case CXM_QUANTITY_NEGATIVE_SHARE:
        return cxmi_share_interval(s->negative, s->n, method, confidence, out);
    case CXM_QUANTITY_NET: return cxmi_net_interval(s, method, confidence, out);
    default: return cxmi_mean_interval(s, confidence, out);
    }
}

int cxmi_interval_run(cxmi_interval_method fn, const void *sample, int32_t headline, int use,
                      int quantity, int method, double confidence, cxm_interval *out)
{
    if (cxmi_struct_check_out(out, CXMI_INTERVAL_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    if (!confidence_valid(confidence)) {
        return CXM_ERR_ARG;
    }
    cxm_interval result;
    memset(&result, 0, sizeof result); /* padding included: the caller sees every byte */
    result.size = sizeof result;
    result.quantity = cxmi_quantity_resolve(quantity, headline);
    result.confidence = confidence;
    cxmi_resolved how = cxmi_methods_resolve(result.quantity, method, use);
    if (how.method == CXM_METHOD_DEFAULT) {
        return CXM_ERR_ARG;
    }
    result.method = how.method;
    int status = fn(sample, result.quantity, how.method, confidence, &result);
    if (status != CXM_OK) {
        return status;
    }
    to_public_units(how.unit, &result.estimate, &result.se, &result.low, &result.high);
    cxmi_struct_write(out, &result, sizeof result);
    return CXM_OK;
}

int cxmi_interval_compute(const cxmi_summary *s, int32_t headline, int quantity, int method,
                          double confidence, cxm_interval *out)
{
    return cxmi_interval_run(dispatch_interval, s, headline, CXM_USE_INTERVAL, quantity, method,
                             confidence, out);
}

int cxm_acc_interval(const cxm_acc *acc, int quantity, int method, double confidence,
                     cxm_interval *out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxmi_summary s;
    cxmi_summarize(acc, &s);
    return cxmi_interval_compute(&s, acc->scale.headline, quantity, method, confidence, out);
}

static int dispatch_compare(const void *sample_a, const void *sample_b, int quantity, int method,
                            double confidence, cxm_comparison *out)
{
    const cxmi_summary *a = sample_a, *b = sample_b;
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
        return cxmi_share_compare(a->positive, a->n, b->positive, b->n, method, confidence, out);
    case CXM_QUANTITY_NEGATIVE_SHARE:
        return cxmi_share_compare(a->negative, a->n, b->negative, b->n, method, confidence, out);
    case CXM_QUANTITY_NET: return cxmi_net_compare(a, b, method, confidence, out);
    default: return cxmi_mean_compare(a, b, confidence, out);
    }
}

int cxmi_compare_run(cxmi_compare_method fn, const void *a, const void *b, const cxm_scale *scale_a,
                     const cxm_scale *scale_b, int use, int quantity, int method, double confidence,
                     cxm_comparison *out)
{
    if (cxmi_struct_check_out(out, CXMI_COMPARISON_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    if (!cxmi_scale_equal(scale_a, scale_b)) {
        return CXM_ERR_MISMATCH;
    }
    if (!confidence_valid(confidence)) {
        return CXM_ERR_ARG;
    }
    cxm_comparison result;
    memset(&result, 0, sizeof result);
    result.size = sizeof result;
    result.quantity = cxmi_quantity_resolve(quantity, scale_a->headline);
    result.confidence = confidence;
    cxmi_resolved how = cxmi_methods_resolve(result.quantity, method, use);
    if (how.method == CXM_METHOD_DEFAULT) {
        return CXM_ERR_ARG;
    }
    result.method = how.method;
    int status = fn(a, b, result.quantity, how.method, confidence, &result);
    if (status != CXM_OK) {
        return status;
    }
    to_public_units(how.unit, &result.difference, &result.se, &result.low, &result.high);
    cxmi_struct_write(out, &result, sizeof result);
    return CXM_OK;
}

int cxm_acc_compare(const cxm_acc *a, const cxm_acc *b, int quantity, int method, double confidence,
                    cxm_comparison *out)
{
    if (a == NULL || b == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxmi_summary sa, sb;
    cxmi_summarize(a, &sa);
    cxmi_summarize(b, &sb);
    return cxmi_compare_run(dispatch_compare, &sa, &sb, &a->scale, &b->scale, CXM_USE_COMPARE,
                            quantity, method, confidence, out);
}
