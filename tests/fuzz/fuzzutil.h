/*
 * What the libFuzzer targets share: abort() on a violated property, the
 * comparison of two accumulators (or two weighted ones) through the public
 * interface, and the statistics run on every weighted state reached. Included
 * by each target (each is its own program).
 */
#ifndef CXM_FUZZUTIL_H
#define CXM_FUZZUTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crc32c.h"
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

/* Same scale and the same sums at every rating, through the public
 * interface. */
static inline void same_waccs(const cxm_wacc *a, const cxm_wacc *b)
{
    cxm_scale sa = CXM_SCALE_INIT, sb = CXM_SCALE_INIT;
    require(cxm_wacc_scale(a, &sa) == CXM_OK && cxm_wacc_scale(b, &sb) == CXM_OK);
    require(memcmp(&sa, &sb, sizeof sa) == 0);
    for (int64_t r = sa.min; r <= sa.max; r++) {
        uint64_t ca, wa, qa[2], cb, wb, qb[2];
        require(cxm_wacc_cell(a, (int32_t)r, &ca, &wa, qa) == CXM_OK);
        require(cxm_wacc_cell(b, (int32_t)r, &cb, &wb, qb) == CXM_OK);
        require(ca == cb && wa == wb && qa[0] == qb[0] && qa[1] == qb[1]);
    }
}

/* The statistics of a weighted state the fuzzers reach: whatever valid state
 * they make, every call answers a status of its contract, and an interval
 * it gives has ordered, non-NaN limits. */
static inline void exercise_wacc_statistics(const cxm_wacc *w)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    require(cxm_wacc_snapshot(w, &s) == CXM_OK);
    static const int methods[] = {CXM_METHOD_DEFAULT, CXM_METHOD_CLOPPER_PEARSON, CXM_METHOD_WALD,
                                  CXM_METHOD_LOGIT, CXM_METHOD_T};
    for (int q = CXM_QUANTITY_HEADLINE; q <= CXM_QUANTITY_MEAN; q++) {
        for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
            cxm_interval iv = CXM_INTERVAL_INIT;
            int status = cxm_wacc_interval(w, q, methods[m], 0.95, &iv);
            require(status == CXM_OK || status == CXM_ERR_EMPTY || status == CXM_ERR_ARG);
            if (status == CXM_OK) {
                require(iv.low <= iv.high && iv.se >= 0.0);
            }
        }
        cxm_comparison c = CXM_COMPARISON_INIT;
        int status = cxm_wacc_compare(w, w, q, CXM_METHOD_DEFAULT, 0.9, &c);
        require(status == CXM_OK || status == CXM_ERR_EMPTY);
        if (status == CXM_OK) {
            require(c.difference == 0.0 && c.low <= c.high && c.p_value == 1.0);
        }
    }
}

/* Runs check on the input, then on a copy whose last four bytes are the
 * CRC-32C of the rest: random bytes almost never carry a valid checksum, and
 * the copy takes the fuzzer past it to the structural checks behind. */
static inline void check_with_valid_crc(const uint8_t *data, size_t size,
                                        void (*check)(const uint8_t *, size_t))
{
    check(data, size);
    if (size < 4) {
        return;
    }
    uint8_t *fixed = malloc(size);
    require(fixed != NULL);
    memcpy(fixed, data, size);
    uint32_t crc = cxmi_crc32c(fixed, size - 4);
    for (size_t i = 0; i < 4; i++) {
        fixed[size - 4 + i] = (uint8_t)(crc >> (8 * i));
    }
    check(fixed, size);
    free(fixed);
}

#endif
