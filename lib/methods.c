/*
 * Which methods apply to which quantity, the default of each, and the
 * quantity's public unit: the one table the statistics consult before they
 * dispatch (stats.c), and that cxm_method_resolve answers from. The header and
 * docs/statistics.md describe this table; the method files (share.c, net.c,
 * mean.c) only ever see a method it lists.
 */
#include <stddef.h>

#include "internal.h"

/* Each list: the default first, then the other methods that apply; 0 ends it. */
static const int share_interval[] = {CXM_METHOD_WILSON,
                                     CXM_METHOD_WILSON_CC,
                                     CXM_METHOD_AGRESTI_COULL,
                                     CXM_METHOD_CLOPPER_PEARSON,
                                     CXM_METHOD_WALD,
                                     CXM_METHOD_JEFFREYS,
                                     0};
static const int share_compare[] = {CXM_METHOD_WILSON, CXM_METHOD_WALD, 0};
static const int net_interval[] = {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD, CXM_METHOD_SCORE, 0};
static const int net_compare[] = {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD, 0};
static const int mean_methods[] = {CXM_METHOD_T, 0};

/* The weighted accumulator's methods: design-based, so the score methods of
 * counts (Wilson, adjusted Wald, Tango) have no place; Clopper-Pearson is
 * Korn and Graubard's version at the effective sample size. */
static const int weighted_share_interval[] = {CXM_METHOD_CLOPPER_PEARSON, CXM_METHOD_WALD,
                                              CXM_METHOD_LOGIT, 0};
static const int weighted_wald[] = {CXM_METHOD_WALD, 0};

typedef struct quantity_methods {
    double unit; /* public units per proportion unit: percentage points or ratings */
    const int *lists[CXM_USE_WEIGHTED_COMPARE + 1]; /* indexed by CXM_USE_* */
} quantity_methods;

/* Indexed by CXM_QUANTITY_*; HEADLINE has no row of its own (it resolves to
 * the scale's headline first). */
static const quantity_methods table[] = {
    [CXM_QUANTITY_POSITIVE_SHARE] = {100.0,
                                     {[CXM_USE_INTERVAL] = share_interval,
                                      [CXM_USE_COMPARE] = share_compare,
                                      [CXM_USE_WEIGHTED_INTERVAL] = weighted_share_interval,
                                      [CXM_USE_WEIGHTED_COMPARE] = weighted_wald}},
    [CXM_QUANTITY_NEGATIVE_SHARE] = {100.0,
                                     {[CXM_USE_INTERVAL] = share_interval,
                                      [CXM_USE_COMPARE] = share_compare,
                                      [CXM_USE_WEIGHTED_INTERVAL] = weighted_share_interval,
                                      [CXM_USE_WEIGHTED_COMPARE] = weighted_wald}},
    [CXM_QUANTITY_NET] = {100.0,
                          {[CXM_USE_INTERVAL] = net_interval,
                           [CXM_USE_COMPARE] = net_compare,
                           [CXM_USE_WEIGHTED_INTERVAL] = weighted_wald,
                           [CXM_USE_WEIGHTED_COMPARE] = weighted_wald}},
    [CXM_QUANTITY_MEAN] = {1.0,
                           {[CXM_USE_INTERVAL] = mean_methods,
                            [CXM_USE_COMPARE] = mean_methods,
                            [CXM_USE_WEIGHTED_INTERVAL] = mean_methods,
                            [CXM_USE_WEIGHTED_COMPARE] = mean_methods}},
};
_Static_assert(sizeof table / sizeof table[0] == CXM_QUANTITY_MEAN + 1, "a quantity without a row");

static const quantity_methods *row_of(int quantity)
{
    bool known =
        quantity > CXM_QUANTITY_HEADLINE && (size_t)quantity < sizeof table / sizeof table[0];
    return known ? &table[quantity] : NULL;
}

int cxmi_quantity_resolve(int quantity, int32_t headline)
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

cxmi_resolved cxmi_methods_resolve(int quantity, int method, int use)
{
    cxmi_resolved none = {CXM_METHOD_DEFAULT, 0.0};
    const quantity_methods *row = row_of(quantity);
    if (row == NULL || use < CXM_USE_INTERVAL || use > CXM_USE_WEIGHTED_COMPARE) {
        return none;
    }
    const int *list = row->lists[use];
    for (int i = 0; list[i] != 0; i++) {
        if (method == list[i] || (method == CXM_METHOD_DEFAULT && i == 0)) {
            cxmi_resolved found = {list[i], row->unit};
            return found;
        }
    }
    return none;
}

int cxm_method_resolve(const cxm_scale *scale, int quantity, int method, int use, int *quantity_out,
                       int *method_out)
{
    if (quantity_out == NULL || method_out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = cxmi_scale_load(scale, &norm);
    if (status != CXM_OK) {
        return status;
    }
    int resolved_quantity = cxmi_quantity_resolve(quantity, norm.headline);
    cxmi_resolved how = cxmi_methods_resolve(resolved_quantity, method, use);
    if (how.method == CXM_METHOD_DEFAULT) {
        return CXM_ERR_ARG;
    }
    *quantity_out = resolved_quantity;
    *method_out = how.method;
    return CXM_OK;
}
