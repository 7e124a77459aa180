/*
 * Recording and removing single ratings, and reading the counts back.
 *
 * Each mutating function checks everything first and changes the histogram
 * last, so an error leaves the accumulator exactly as it was.
 */
#include <string.h>

#include "internal.h"

/* Adds count to the bucket of a validated index. Checking the total is enough:
 * no bucket can exceed the total, so if the total does not overflow, neither
 * does the bucket. */
static int bucket_add(cxm_acc *acc, uint64_t index, uint64_t count)
{
    if (count > UINT64_MAX - acc->total) {
        return CXM_ERR_OVERFLOW;
    }
    acc->counts[index] += count;
    acc->total += count;
    return CXM_OK;
}

static int bucket_remove(cxm_acc *acc, uint64_t index, uint64_t count)
{
    if (count > acc->counts[index]) {
        return CXM_ERR_ABSENT;
    }
    acc->counts[index] -= count;
    acc->total -= count;
    return CXM_OK;
}

/* The hot path of a stream that records each rating as it arrives, so it is
 * written out rather than calling cxm_acc_add_count: a call between two
 * exported functions of a shared library goes through the PLT. The index is
 * computed modulo 2^32, which is exact here: (uint32_t)rating - min is below
 * span exactly for the ratings min .. max, span being at most 101. With the
 * caller's loop, a recorded rating costs about 20 instructions. */
int cxm_acc_add(cxm_acc *acc, int32_t rating)
{
    if (acc == NULL) {
        return CXM_ERR_NULL;
    }
    uint32_t index = (uint32_t)rating - (uint32_t)acc->scale.min;
    if (index >= acc->span) {
        return CXM_ERR_RANGE;
    }
    uint64_t total = acc->total + 1; /* wraps to 0 exactly on overflow */
    if (total == 0) {
        return CXM_ERR_OVERFLOW;
    }
    acc->counts[index]++;
    acc->total = total;
    return CXM_OK;
}

int cxm_acc_add_count(cxm_acc *acc, int32_t rating, uint64_t count)
{
    if (acc == NULL) {
        return CXM_ERR_NULL;
    }
    uint64_t index = cxmi_acc_index(acc, rating);
    if (index >= acc->span) {
        return CXM_ERR_RANGE;
    }
    return bucket_add(acc, index, count);
}

int cxm_acc_remove(cxm_acc *acc, int32_t rating)
{
    return cxm_acc_remove_count(acc, rating, 1);
}

int cxm_acc_remove_count(cxm_acc *acc, int32_t rating, uint64_t count)
{
    if (acc == NULL) {
        return CXM_ERR_NULL;
    }
    uint64_t index = cxmi_acc_index(acc, rating);
    if (index >= acc->span) {
        return CXM_ERR_RANGE;
    }
    return bucket_remove(acc, index, count);
}

int cxm_acc_total(const cxm_acc *acc, uint64_t *out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    *out = acc->total;
    return CXM_OK;
}

int cxm_acc_count(const cxm_acc *acc, int32_t rating, uint64_t *out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    uint64_t index = cxmi_acc_index(acc, rating);
    if (index >= acc->span) {
        return CXM_ERR_RANGE;
    }
    *out = acc->counts[index];
    return CXM_OK;
}

int cxm_acc_counts(const cxm_acc *acc, uint64_t *out, size_t out_len)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    if (out_len < acc->span) {
        return CXM_ERR_SIZE;
    }
    memcpy(out, acc->counts, acc->span * sizeof out[0]);
    return CXM_OK;
}
