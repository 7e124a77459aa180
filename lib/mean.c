/*
 * Means (CES): the Student t interval of one sample and Welch's t test of
 * two. With few ratings t is much wider than z (12.7 against 1.96 at n = 2);
 * using z there would overstate the precision of a small team's CES.
 */
#include <math.h>

#include "internal.h"

int cxmi_mean_interval(const cxmi_summary *s, double confidence, cxm_interval *out)
{
    if (s->n < 2) {
        return CXM_ERR_EMPTY;
    }
    double t = cxmi_t_critical(confidence, (double)(s->n - 1));
    out->estimate = s->mean;
    out->se = s->stddev / sqrt((double)s->n);
    out->low = s->mean - t * out->se;
    out->high = s->mean + t * out->se;
    return CXM_OK;
}

int cxmi_mean_compare(const cxmi_summary *a, const cxmi_summary *b, double confidence,
                      cxm_comparison *out)
{
    if (a->n < 2 || b->n < 2) {
        return CXM_ERR_EMPTY;
    }
    double va = a->stddev * a->stddev / (double)a->n;
    double vb = b->stddev * b->stddev / (double)b->n;
    if (va + vb == 0.0) {
        return CXM_ERR_EMPTY; /* both samples constant: Welch's df is 0/0 */
    }
    out->difference = cxmi_mean_diff(a, b);
    cxmi_welch_test(va, a->n, vb, b->n, confidence, out);
    return CXM_OK;
}
