/*
 * libFuzzer target for cxm_acc_parse (build with -DCXM_FUZZ=ON and clang;
 * see tests/fuzz/CMakeLists.txt for how to run it).
 *
 * Properties checked, abort() on any violation:
 *  - parse returns CXM_OK or CXM_ERR_FORMAT, and leaves *out alone on error;
 *  - the canonical text of an accepted input fits CXM_TEXT_MAX, parses back
 *    to the same scale, counts and total, and is a fixed point: formatting
 *    the re-parsed accumulator gives exactly the same text;
 *  - formatting into a buffer one byte too small fails and writes nothing.
 * The sanitizers catch every out-of-bounds read, leak and undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cxmetrics.h"

#define MAX_SPAN 101

static void require(int condition)
{
    if (!condition) {
        abort();
    }
}

static void same_accumulators(const cxm_acc *a, const cxm_acc *b)
{
    cxm_scale sa = CXM_SCALE_INIT, sb = CXM_SCALE_INIT;
    require(cxm_acc_scale(a, &sa) == CXM_OK && cxm_acc_scale(b, &sb) == CXM_OK);
    require(cxm_scale_equal(&sa, &sb) == 1);
    uint64_t ca[MAX_SPAN], cb[MAX_SPAN], ta = 0, tb = 0;
    require(cxm_acc_counts(a, ca, MAX_SPAN) == CXM_OK);
    require(cxm_acc_counts(b, cb, MAX_SPAN) == CXM_OK);
    size_t span = (size_t)((int64_t)sa.max - (int64_t)sa.min + 1);
    require(memcmp(ca, cb, span * sizeof ca[0]) == 0);
    require(cxm_acc_total(a, &ta) == CXM_OK && cxm_acc_total(b, &tb) == CXM_OK && ta == tb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1, *acc = sentinel;
    int status = cxm_acc_parse((const char *)data, size, &acc);
    if (status != CXM_OK) {
        require(status == CXM_ERR_FORMAT && acc == sentinel);
        return 0;
    }
    static char text[CXM_TEXT_MAX], again[CXM_TEXT_MAX];
    size_t len = 0, len2 = 0;
    require(cxm_acc_format(acc, text, sizeof text, &len) == CXM_OK);
    require(len < sizeof text && text[len] == '\0' && strlen(text) == len);

    cxm_acc *back = NULL;
    require(cxm_acc_parse(text, len, &back) == CXM_OK);
    same_accumulators(acc, back);
    require(cxm_acc_format(back, again, sizeof again, &len2) == CXM_OK);
    require(len2 == len && memcmp(again, text, len + 1) == 0);

    memset(again, 0x5A, len + 1);
    size_t untouched = 12345;
    require(cxm_acc_format(back, again, len, &untouched) == CXM_ERR_SIZE && untouched == 12345);
    for (size_t i = 0; i <= len; i++) {
        require(again[i] == 0x5A);
    }
    cxm_acc_free(back);
    cxm_acc_free(acc);
    return 0;
}
