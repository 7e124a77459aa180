/*
 * libFuzzer target for cxm_scale_parse (build with -DCXM_FUZZ=ON and clang;
 * see tests/fuzz/CMakeLists.txt for how to run it).
 *
 * Properties checked, abort() on any violation:
 *  - parse returns CXM_OK or CXM_ERR_FORMAT, and leaves *out alone on error;
 *  - an accepted scale is valid, its canonical text parses back to the same
 *    scale and is a fixed point (formatting that gives the same text);
 *  - the scale's text followed by "{}" is an empty accumulator on it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cxmetrics.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cxm_scale before = {sizeof(cxm_scale), 7, 7, 7, 7, 7, 7, 7};
    cxm_scale scale = before;
    int status = cxm_scale_parse((const char *)data, size, &scale);
    if (status != CXM_OK) {
        require(status == CXM_ERR_FORMAT && memcmp(&scale, &before, sizeof scale) == 0);
        return 0;
    }
    require(cxm_scale_check(&scale) == CXM_OK);
    char text[CXM_TEXT_MAX], again[CXM_TEXT_MAX];
    size_t len = 0, len2 = 0;
    require(cxm_scale_format(&scale, text, sizeof text - 2, &len) == CXM_OK);
    require(strlen(text) == len);

    cxm_scale back = CXM_SCALE_INIT;
    require(cxm_scale_parse(text, len, &back) == CXM_OK);
    require(cxm_scale_equal(&scale, &back) == 1);
    require(cxm_scale_format(&back, again, sizeof again, &len2) == CXM_OK);
    require(len2 == len && memcmp(again, text, len + 1) == 0);

    memcpy(text + len, "{}", 2);
    cxm_acc *acc = NULL;
    require(cxm_acc_parse(text, len + 2, &acc) == CXM_OK);
    cxm_scale of_acc = CXM_SCALE_INIT;
    uint64_t total = 1;
    require(cxm_acc_scale(acc, &of_acc) == CXM_OK && cxm_scale_equal(&of_acc, &scale) == 1);
    require(cxm_acc_total(acc, &total) == CXM_OK && total == 0);
    cxm_acc_free(acc);
    return 0;
}
