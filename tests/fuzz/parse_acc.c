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
#include "fuzzutil.h"

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
