/*
 * What the libFuzzer targets share: abort() on a violated property, and the
 * comparison of two accumulators through the public interface. Included by
 * each target (each is its own program).
 */
#ifndef CXM_FUZZUTIL_H
#define CXM_FUZZUTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cxmetrics.h"

#define MAX_SPAN 101

static inline void require(int condition)
{
    if (!condition) {
        abort();
    }
}

static inline void same_accumulators(const cxm_acc *a, const cxm_acc *b)
{
    cxm_scale sa = CXM_SCALE_INIT, sb = CXM_SCALE_INIT;
    require(cxm_acc_scale(a, &sa) == CXM_OK && cxm_acc_scale(b, &sb) == CXM_OK);
    require(memcmp(&sa, &sb, sizeof sa) == 0);
    uint64_t ca[MAX_SPAN], cb[MAX_SPAN];
    require(cxm_acc_counts(a, ca, MAX_SPAN) == CXM_OK);
    require(cxm_acc_counts(b, cb, MAX_SPAN) == CXM_OK);
    size_t span = (size_t)((int64_t)sa.max - (int64_t)sa.min + 1);
    require(memcmp(ca, cb, span * sizeof ca[0]) == 0);
    uint64_t ta = 0, tb = 0, sum = 0;
    require(cxm_acc_total(a, &ta) == CXM_OK && cxm_acc_total(b, &tb) == CXM_OK);
    for (size_t i = 0; i < span; i++) {
        sum += ca[i];
    }
    require(ta == tb && ta == sum);
}

#endif
