/*
 * Recording and removing single ratings, and reading the counts back.
 *
 * Each mutating function checks everything first and changes the histogram
 * last, so an error leaves the accumulator exactly as it was.
 */
#include <string.h>

#include "internal.h"

/* The checks every single-rating function starts with: an accumulator, and a
 * rating inside its scale, whose histogram index goes to *index. */
static inline int locate(const cxm_acc *acc, int32_t rating, uint32_t *index)
{
    if (acc == NULL) {
        return CXM_ERR_NULL;
    }
    return cxmi_acc_find(acc, rating, index) ? CXM_OK : CXM_ERR_RANGE;
}

/* Adds count to the bucket of a rating. Checking the total is enough: no
 * bucket can exceed the total, so if the total does not overflow, neither
 * does the bucket. */
static inline int add_count(cxm_acc *acc, int32_t rating, uint64_t count)
{
    uint32_t index;
    int status = locate(acc, rating, &index);
    if (status != CXM_OK) {
        return status;
    }
    uint64_t total = acc->total + count; /* wraps below count exactly on overflow */
    if (total < count) {
        return CXM_ERR_OVERFLOW;
    }
    acc->counts[index] += count;
    acc->total = total;
    return CXM_OK;
}

static inline int remove_count(cxm_acc *acc, int32_t rating, uint64_t count)
{
    uint32_t index;
    int status = locate(acc, rating, &index);
    if (status != CXM_OK) {
        return status;
    }
    if (count > acc->counts[index]) {
        return CXM_ERR_ABSENT;
    }
    acc->counts[index] -= count;
    acc->total -= count;
    return CXM_OK;
}

/* The single-rating entry points share the static bodies above rather than
 * calling each other: a call between two exported functions of a shared
 * library goes through the PLT. With count the constant 1 the compiler
 * drops what it does not need; with the caller's loop, a recorded rating
 * costs about 20 instructions. */
int cxm_acc_add(cxm_acc *acc, int32_t rating)
{
    return add_count(acc, rating, 1);
}

int cxm_acc_add_count(cxm_acc *acc, int32_t rating, uint64_t count)
{
    return add_count(acc, rating, count);
}

int cxm_acc_remove(cxm_acc *acc, int32_t rating)
{
    return remove_count(acc, rating, 1);
}

int cxm_acc_remove_count(cxm_acc *acc, int32_t rating, uint64_t count)
{
    return remove_count(acc, rating, count);
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
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    uint32_t index;
    int status = locate(acc, rating, &index);
    if (status != CXM_OK) {
        return status;
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
