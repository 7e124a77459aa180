/*
 * Recording a batch of ratings, all or nothing.
 *
 * The batch is counted into a histogram on the stack while it is validated;
 * only when every rating is valid and the total cannot overflow is that
 * histogram added to the accumulator. A bad rating anywhere therefore leaves
 * the accumulator untouched, without a second pass and without allocating.
 */
#include <string.h>

#include "internal.h"

static int commit(cxm_acc *acc, const uint64_t *local, size_t n)
{
    if ((uint64_t)n > UINT64_MAX - acc->total) {
        return CXM_ERR_OVERFLOW;
    }
    for (uint32_t i = 0; i < acc->span; i++) {
        acc->counts[i] += local[i];
    }
    acc->total += (uint64_t)n;
    return CXM_OK;
}

static int reject(size_t at, size_t *bad_index)
{
    if (bad_index != NULL) {
        *bad_index = at;
    }
    return CXM_ERR_RANGE;
}

int cxm_acc_add_many(cxm_acc *acc, const int32_t *ratings, size_t n, size_t *bad_index)
{
    if (acc == NULL || (ratings == NULL && n > 0)) {
        return CXM_ERR_NULL;
    }
    uint64_t local[CXM_MAX_SPAN] = {0};
    for (size_t i = 0; i < n; i++) {
        uint64_t index = cxmi_acc_index(acc, ratings[i]);
        if (index >= acc->span) {
            return reject(i, bad_index);
        }
        local[index]++;
    }
    return commit(acc, local, n);
}

int cxm_acc_add_many_u8(cxm_acc *acc, const uint8_t *ratings, size_t n, size_t *bad_index)
{
    if (acc == NULL || (ratings == NULL && n > 0)) {
        return CXM_ERR_NULL;
    }
    uint64_t local[CXM_MAX_SPAN] = {0};
    for (size_t i = 0; i < n; i++) {
        uint64_t index = cxmi_acc_index(acc, ratings[i]);
        if (index >= acc->span) {
            return reject(i, bad_index);
        }
        local[index]++;
    }
    return commit(acc, local, n);
}
