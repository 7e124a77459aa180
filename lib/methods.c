/*
 * Which methods apply to which quantity, the default of each, and the
 * quantity's public unit: the one table the statistics consult before they
 * dispatch (stats.c). The header and docs/statistics.md describe this table;
 * the method files (share.c, net.c, mean.c) only ever see a method it lists.
 */
#include <stddef.h>

#include "internal.h"

/* Each list: the default first, then the other methods that apply; 0 ends it. */
static const int share_interval[] = {CXM_METHOD_WILSON,        CXM_METHOD_WILSON_CC,
                                     CXM_METHOD_AGRESTI_COULL, CXM_METHOD_CLOPPER_PEARSON,
                                     CXM_METHOD_WALD,          0};
static const int share_compare[] = {CXM_METHOD_WILSON, CXM_METHOD_WALD, 0};
static const int net_interval[] = {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD, CXM_METHOD_SCORE, 0};
static const int net_compare[] = {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD, 0};
static const int mean_methods[] = {CXM_METHOD_T, 0};

typedef struct quantity_methods {
    double unit; /* public units per proportion unit: percentage points or ratings */
    const int *interval, *compare;
} quantity_methods;

/* Indexed by CXM_QUANTITY_*; HEADLINE has no row of its own (stats.c resolves
 * it to the scale's headline first). */
static const quantity_methods table[] = {
    [CXM_QUANTITY_POSITIVE_SHARE] = {100.0, share_interval, share_compare},
    [CXM_QUANTITY_NEGATIVE_SHARE] = {100.0, share_interval, share_compare},
    [CXM_QUANTITY_NET] = {100.0, net_interval, net_compare},
    [CXM_QUANTITY_MEAN] = {1.0, mean_methods, mean_methods},
};

static const quantity_methods *row_of(int quantity)
{
    bool known =
        quantity > CXM_QUANTITY_HEADLINE && (size_t)quantity < sizeof table / sizeof table[0];
    return known ? &table[quantity] : NULL;
}

cxmi_resolved cxmi_methods_resolve(int quantity, int method, bool compare)
{
    cxmi_resolved none = {CXM_METHOD_DEFAULT, 0.0};
    const quantity_methods *row = row_of(quantity);
    if (row == NULL) {
        return none;
    }
    const int *list = compare ? row->compare : row->interval;
    for (int i = 0; list[i] != 0; i++) {
        if (method == list[i] || (method == CXM_METHOD_DEFAULT && i == 0)) {
            cxmi_resolved found = {list[i], row->unit};
            return found;
        }
    }
    return none;
}
