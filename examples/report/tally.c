/* One accumulator, weighted or not; see tally.h. */
#include "tally.h"

int tally_new(tally *t, const cxm_scale *scale, bool weighted)
{
    return weighted ? cxm_wacc_new(scale, &t->wacc) : cxm_acc_new(scale, &t->acc);
}

void tally_free(tally *t)
{
    cxm_acc_free(t->acc);
    cxm_wacc_free(t->wacc);
    *t = (tally)TALLY_NONE;
}

bool tally_weighted(const tally *t)
{
    return t->wacc != NULL;
}

int tally_use(bool weighted, bool compare)
{
    if (weighted) {
        return compare ? CXM_USE_WEIGHTED_COMPARE : CXM_USE_WEIGHTED_INTERVAL;
    }
    return compare ? CXM_USE_COMPARE : CXM_USE_INTERVAL;
}

int tally_reset(tally *t)
{
    return t->wacc != NULL ? cxm_wacc_reset(t->wacc) : cxm_acc_reset(t->acc);
}

int tally_merge(tally *into, const tally *from)
{
    return into->wacc != NULL ? cxm_wacc_merge(into->wacc, from->wacc)
                              : cxm_acc_merge(into->acc, from->acc);
}

uint64_t tally_count(const tally *t)
{
    uint64_t n = 0, weight, squares[2];
    if (t->wacc != NULL) {
        cxm_wacc_totals(t->wacc, &n, &weight, squares);
    } else {
        cxm_acc_total(t->acc, &n);
    }
    return n;
}

int tally_snapshot(const tally *t, cxm_snapshot *out)
{
    return t->wacc != NULL ? cxm_wacc_snapshot(t->wacc, out) : cxm_acc_snapshot(t->acc, out);
}

int tally_interval(const tally *t, int method, double confidence, cxm_interval *out)
{
    return t->wacc != NULL
               ? cxm_wacc_interval(t->wacc, CXM_QUANTITY_HEADLINE, method, confidence, out)
               : cxm_acc_interval(t->acc, CXM_QUANTITY_HEADLINE, method, confidence, out);
}

int tally_compare(const tally *a, const tally *b, int method, double confidence,
                  cxm_comparison *out)
{
    return a->wacc != NULL
               ? cxm_wacc_compare(a->wacc, b->wacc, CXM_QUANTITY_HEADLINE, method, confidence, out)
               : cxm_acc_compare(a->acc, b->acc, CXM_QUANTITY_HEADLINE, method, confidence, out);
}
