/*
 * Combining accumulators: merge (into += from) and its exact inverse,
 * subtract. Both are bucket-wise additions of counts, so they are exact,
 * associative and commutative, and a merged snapshot is bit-identical to the
 * snapshot of all the ratings ingested in one accumulator.
 */
#include "internal.h"

static int check_pair(const cxm_acc *a, const cxm_acc *b)
{
    if (a == NULL || b == NULL) {
        return CXM_ERR_NULL;
    }
    return cxmi_scale_equal(&a->scale, &b->scale) ? CXM_OK : CXM_ERR_MISMATCH;
}

int cxmi_acc_add_counts(cxm_acc *acc, const uint64_t *counts, uint64_t total)
{
    /* No bucket exceeds its total, so a total that fits means every bucket
     * fits. Reading counts[i] before writing acc's keeps acc == source right. */
    if (total > UINT64_MAX - acc->total) {
        return CXM_ERR_OVERFLOW;
    }
    for (uint32_t i = 0; i < acc->span; i++) {
        acc->counts[i] += counts[i];
    }
    acc->total += total;
    return CXM_OK;
}

int cxm_acc_merge(cxm_acc *into, const cxm_acc *from)
{
    int status = check_pair(into, from);
    if (status != CXM_OK) {
        return status;
    }
    return cxmi_acc_add_counts(into, from->counts, from->total);
}

int cxm_acc_subtract(cxm_acc *from, const cxm_acc *part)
{
    int status = check_pair(from, part);
    if (status != CXM_OK) {
        return status;
    }
    for (uint32_t i = 0; i < from->span; i++) {
        if (part->counts[i] > from->counts[i]) {
            return CXM_ERR_ABSENT;
        }
    }
    for (uint32_t i = 0; i < from->span; i++) {
        from->counts[i] -= part->counts[i];
    }
    from->total -= part->total;
    return CXM_OK;
}
