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
