/*
 * libFuzzer target for cxm_wacc_parse (build with -DCXM_FUZZ=ON and clang;
 * see tests/fuzz/CMakeLists.txt for how to run it).
 *
 * Properties checked, abort() on any violation:
 *  - parse returns CXM_OK or CXM_ERR_FORMAT, and leaves *out alone on error;
 *  - the canonical text of an accepted input fits CXM_WACC_TEXT_MAX, parses
 *    back to the same sums and is a fixed point of format and parse;
 *    formatting into a buffer one byte too small fails and writes nothing;
 *  - the encoding of an accepted input decodes to the same sums;
 *  - its snapshot, every interval and its comparison with itself answer a
 *    status of their contract, with ordered limits.
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
    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *w = sentinel;
    int status = cxm_wacc_parse((const char *)data, size, &w);
    if (status != CXM_OK) {
        require(status == CXM_ERR_FORMAT && w == sentinel);
        return 0;
    }
    static char text[CXM_WACC_TEXT_MAX], again[CXM_WACC_TEXT_MAX];
    size_t len = 0, len2 = 0;
    require(cxm_wacc_format(w, text, sizeof text, &len) == CXM_OK);
    require(len < sizeof text && text[len] == '\0' && strlen(text) == len);
    cxm_wacc *back = NULL;
    require(cxm_wacc_parse(text, len, &back) == CXM_OK);
    same_waccs(w, back);
    require(cxm_wacc_format(back, again, sizeof again, &len2) == CXM_OK);
    require(len2 == len && memcmp(again, text, len + 1) == 0);
    memset(again, 0x5A, len + 1);
    size_t untouched = 12345;
    require(cxm_wacc_format(back, again, len, &untouched) == CXM_ERR_SIZE && untouched == 12345);
    for (size_t i = 0; i <= len; i++) {
        require(again[i] == 0x5A);
    }

    static uint8_t bytes[CXM_WACC_ENCODED_MAX];
    size_t written = 0;
    require(cxm_wacc_encode(w, bytes, sizeof bytes, &written) == CXM_OK);
    cxm_wacc *decoded = NULL;
    require(cxm_wacc_decode(bytes, written, &decoded) == CXM_OK);
    same_waccs(w, decoded);

    exercise_wacc_statistics(w);
    cxm_wacc_free(decoded);
    cxm_wacc_free(back);
    cxm_wacc_free(w);
    return 0;
}
