/*
 * libFuzzer target for cxm_wacc_decode (build with -DCXM_FUZZ=ON and clang;
 * see tests/fuzz/CMakeLists.txt for how to run it).
 *
 * Properties checked, abort() on any violation:
 *  - decode returns CXM_OK or CXM_ERR_FORMAT, and leaves *out alone on error;
 *  - an accepted input is canonical: encoding the result gives back exactly
 *    the input bytes, within CXM_WACC_ENCODED_MAX, and encoded_size agrees;
 *    a buffer one byte short is refused and left untouched;
 *  - its text fits CXM_WACC_TEXT_MAX and parses back to the same sums;
 *  - merging it into itself doubles it or overflows, changing nothing then;
 *    subtracting it from itself empties it;
 *  - its snapshot, every interval and its comparison with itself answer a
 *    status of their contract, with ordered limits.
 * The sanitizers catch every out-of-bounds read, leak and undefined behaviour.
 *
 * As in decode.c, each input is also tried with its last 4 bytes replaced by
 * the correct CRC-32C of the rest, so that mutations reach the parsers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cxmetrics.h"
#include "fuzzutil.h"

static void round_trips(const cxm_wacc *w, const uint8_t *data, size_t size)
{
    static uint8_t again[CXM_WACC_ENCODED_MAX];
    size_t need = 0, written = 0;
    require(cxm_wacc_encoded_size(w, &need) == CXM_OK && need == size);
    require(need <= CXM_WACC_ENCODED_MAX);
    again[need - 1] = 0xA5;
    require(cxm_wacc_encode(w, again, need - 1, &written) == CXM_ERR_SIZE &&
            again[need - 1] == 0xA5);
    require(cxm_wacc_encode(w, again, sizeof again, &written) == CXM_OK && written == size);
    require(memcmp(again, data, size) == 0);

    static char text[CXM_WACC_TEXT_MAX];
    size_t len = 0;
    require(cxm_wacc_format(w, text, sizeof text, &len) == CXM_OK);
    cxm_wacc *back = NULL;
    require(cxm_wacc_parse(text, len, &back) == CXM_OK);
    same_waccs(w, back);
    cxm_wacc_free(back);
}

static void combinations(const cxm_wacc *w)
{
    cxm_wacc *twice = NULL, *before = NULL;
    require(cxm_wacc_clone(w, &twice) == CXM_OK && cxm_wacc_clone(w, &before) == CXM_OK);
    int status = cxm_wacc_merge(twice, twice);
    require(status == CXM_OK || status == CXM_ERR_OVERFLOW);
    if (status == CXM_OK) {
        require(cxm_wacc_subtract(twice, w) == CXM_OK);
    }
    same_waccs(twice, before);
    require(cxm_wacc_subtract(twice, twice) == CXM_OK);
    uint64_t count = 1, weight = 1, squares[2] = {1, 1};
    require(cxm_wacc_totals(twice, &count, &weight, squares) == CXM_OK);
    require(count == 0 && weight == 0 && squares[0] == 0 && squares[1] == 0);
    cxm_wacc_free(twice);
    cxm_wacc_free(before);
}

static void check_one(const uint8_t *data, size_t size)
{
    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *w = sentinel;
    int status = cxm_wacc_decode(data, size, &w);
    if (status != CXM_OK) {
        require(status == CXM_ERR_FORMAT && w == sentinel);
        return;
    }
    round_trips(w, data, size);
    combinations(w);
    exercise_wacc_statistics(w);
    cxm_wacc_free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_with_valid_crc(data, size, check_one);
    return 0;
}
