/*
 * The snapshots: every metric of an accumulator, or of a weighted one, in one
 * struct, with the 95 % interval of the headline by its default method.
 */
#include <math.h>

#include "internal.h"

static double headline_value(const cxm_snapshot *snap)
{
    switch (snap->headline) {
    case CXM_HEADLINE_POSITIVE_SHARE: return snap->positive_share;
    case CXM_HEADLINE_NET: return snap->net;
    default: return snap->mean;
    }
}

/* What both snapshots fill alike: the band counts from `counts`; the shares,
 * net score, mean and weight total from `values`, the same summary for an
 * accumulator and that of the weights for a weighted one; the interval of the
 * headline (NaN where it is undefined: no ratings, one rating of a mean).
 * stddev and n_effective are the caller's. */
static cxm_snapshot snapshot_of(int32_t headline, const cxmi_summary *counts,
                                const cxmi_summary *values, int interval_status,
                                const cxm_interval *interval)
{
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    snap.headline = headline;
    snap.n = counts->n;
    snap.positive = counts->positive;
    snap.neutral = counts->neutral;
    snap.negative = counts->negative;
    snap.positive_share = cxmi_share(values->positive, values->n);
    snap.negative_share = cxmi_share(values->negative, values->n);
    snap.net = cxmi_net(values->positive, values->negative, values->n);
    snap.mean = values->mean;
    snap.score = headline_value(&snap);
    snap.score_low = interval_status == CXM_OK ? interval->low : NAN;
    snap.score_high = interval_status == CXM_OK ? interval->high : NAN;
    snap.weight_total = values->n == 0 ? NAN : (double)values->n;
    return snap;
}

int cxm_acc_snapshot(const cxm_acc *acc, cxm_snapshot *out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    if (cxmi_struct_check_out(out, CXMI_SNAPSHOT_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    cxmi_summary s;
    cxmi_summarize(acc, &s);
    cxm_interval interval = CXM_INTERVAL_INIT;
    int status = cxmi_interval_compute(&s, acc->scale.headline, CXM_QUANTITY_HEADLINE,
                                       CXM_METHOD_DEFAULT, 0.95, &interval);
    cxm_snapshot snap = snapshot_of(acc->scale.headline, &s, &s, status, &interval);
    snap.stddev = s.stddev;
    snap.n_effective = snap.weight_total; /* every weight 1: W = Q = n */
    cxmi_struct_write(out, &snap, sizeof snap);
    return CXM_OK;
}

int cxm_wacc_snapshot(const cxm_wacc *w, cxm_snapshot *out)
{
    if (w == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    if (cxmi_struct_check_out(out, CXMI_SNAPSHOT_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    cxmi_wsummary s;
    cxmi_wacc_summarize(w, &s);
    cxm_interval interval = CXM_INTERVAL_INIT;
    int status = cxmi_wacc_interval_compute(&s, w->scale.headline, CXM_QUANTITY_HEADLINE,
                                            CXM_METHOD_DEFAULT, 0.95, &interval);
    cxm_snapshot snap = snapshot_of(w->scale.headline, &s.counts, &s.weights, status, &interval);
    /* Kish's correction W - Q / W in place of n - 1. */
    snap.stddev = s.spread > 0.0 ? sqrt(s.deviations / s.spread) : NAN;
    snap.n_effective = snap.weight_total * snap.weight_total / s.squares_total;
    cxmi_struct_write(out, &snap, sizeof snap);
    return CXM_OK;
}
