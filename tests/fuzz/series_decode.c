/*
 * libFuzzer target for cxm_series_decode (build with -DCXM_FUZZ=ON and clang;
 * see tests/fuzz/CMakeLists.txt for how to run it).
 *
 * Properties checked, abort() on any violation:
 *  - decode returns CXM_OK or CXM_ERR_FORMAT, and leaves *out alone on error;
 *  - an accepted input is canonical: encoding the result gives back exactly
 *    the input bytes, and so does encoding a clone of it (decode -> encode is
 *    the identity on what decode accepts);
 *  - encoded_size agrees with what encode writes, and a buffer one byte short
 *    is refused with CXM_ERR_SIZE and left untouched;
 *  - the whole window sums into an accumulator without error.
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

/* Encodes s into a new buffer of exactly its size, checking the size edge. */
static uint8_t *encode(const cxm_series *s, size_t *len)
{
    size_t need = 0, written = 0;
    require(cxm_series_encoded_size(s, &need) == CXM_OK && need > 0);
    uint8_t *bytes = malloc(need);
    require(bytes != NULL);
    bytes[need - 1] = 0xA5;
    require(cxm_series_encode(s, bytes, need - 1, &written) == CXM_ERR_SIZE);
    require(bytes[need - 1] == 0xA5);
    require(cxm_series_encode(s, bytes, need, &written) == CXM_OK && written == need);
    *len = written;
    return bytes;
}

static void same_bytes(const cxm_series *s, const uint8_t *data, size_t size)
{
    size_t len = 0;
    uint8_t *again = encode(s, &len);
    require(len == size && memcmp(again, data, size) == 0);
    free(again);
}

/* The whole window: sums of every retained bucket, as one range. */
static void sum_window(const cxm_series *s)
{
    cxm_scale scale = CXM_SCALE_INIT;
    uint32_t capacity = 0;
    int64_t head = 0;
    require(cxm_series_scale(s, &scale) == CXM_OK);
    require(cxm_series_capacity(s, &capacity) == CXM_OK);
    require(cxm_series_head(s, &head) == CXM_OK);
    int64_t first = head - (int64_t)capacity + 1;
    if (first < -CXM_SERIES_BUCKET_LIMIT) {
        first = -CXM_SERIES_BUCKET_LIMIT;
    }
    cxm_acc *acc = NULL;
    require(cxm_acc_new(&scale, &acc) == CXM_OK);
    int status = cxm_series_sum(s, first, head, acc);
    require(status == CXM_OK || status == CXM_ERR_OVERFLOW); /* buckets may add past 2^64 */
    cxm_acc_free(acc);
}

/* The capacity field (docs/format.md, "Series"): offset 30, u32le. A
 * million-bucket series on the 0-100 scale is 850 MB, twice with its clone:
 * such inputs would only exhaust libFuzzer's memory limit and slow it down,
 * so they are skipped here (test_series covers the largest capacity). */
static int too_large(const uint8_t *data, size_t size)
{
    if (size < 34) {
        return 0;
    }
    uint32_t capacity = (uint32_t)data[30] | (uint32_t)data[31] << 8 | (uint32_t)data[32] << 16 |
                        (uint32_t)data[33] << 24;
    return capacity > 65536;
}

static void check_one(const uint8_t *data, size_t size)
{
    if (too_large(data, size)) {
        return;
    }
    cxm_series *sentinel = (cxm_series *)(uintptr_t)0x1;
    cxm_series *s = sentinel;
    int status = cxm_series_decode(data, size, &s);
    if (status != CXM_OK) {
        require(status == CXM_ERR_FORMAT && s == sentinel);
        return;
    }
    same_bytes(s, data, size);
    cxm_series *copy = NULL;
    require(cxm_series_clone(s, &copy) == CXM_OK);
    same_bytes(copy, data, size);
    sum_window(s);
    cxm_series_free(copy);
    cxm_series_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_with_valid_crc(data, size, check_one);
    return 0;
}
