/*
 * The snapshot: every metric of an accumulator in one struct, with the 95 %
 * interval of the headline by its default method.
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

    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    snap.headline = acc->scale.headline;
    snap.n = s.n;
    snap.positive = s.positive;
    snap.neutral = s.neutral;
    snap.negative = s.negative;
    snap.positive_share = cxmi_share(s.positive, s.n);
    snap.negative_share = cxmi_share(s.negative, s.n);
    snap.net = cxmi_net(s.positive, s.negative, s.n);
    snap.mean = s.mean;
    snap.stddev = s.stddev;
    snap.score = headline_value(&snap);

    /* An undefined interval (no ratings; one rating of a mean) is NaN. */
    cxm_interval interval;
    int status = cxmi_interval_compute(&s, snap.headline, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT,
                                       0.95, &interval);
    snap.score_low = status == CXM_OK ? interval.low : NAN;
    snap.score_high = status == CXM_OK ? interval.high : NAN;

    cxmi_struct_write(out, &snap, sizeof snap);
    return CXM_OK;
}
