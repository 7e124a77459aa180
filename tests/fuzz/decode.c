/*
 * libFuzzer target for cxm_acc_decode (build with -DCXM_FUZZ=ON and clang;
 * see tests/fuzz/CMakeLists.txt for how to run it).
 *
 * Properties checked, abort() on any violation:
 *  - decode returns CXM_OK or CXM_ERR_FORMAT, and leaves *out alone on error;
 *  - an accepted input is canonical: encoding the result gives back exactly
 *    the input bytes (so decode -> encode -> decode is the identity);
 *  - the re-decoded accumulator has the same scale, counts and total, and
 *    encoded_size agrees with what encode writes.
 * The sanitizers catch every out-of-bounds read, leak and undefined behaviour.
 *
 * Random bytes almost never carry a correct CRC-32C, which would keep the
 * fuzzer in front of the checksum. So each input is decoded twice: as given,
 * and with its last 4 bytes replaced by the correct checksum of the rest,
 * which sends the mutations on into the header and count parsers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cxmetrics.h"
#include "fuzzutil.h"

#define MAX_ENCODING CXM_ENCODED_MAX

static void check_one(const uint8_t *data, size_t size)
{
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1;
    cxm_acc *acc = sentinel;
    int status = cxm_acc_decode(data, size, &acc);
    if (status != CXM_OK) {
        require(status == CXM_ERR_FORMAT && acc == sentinel);
        return;
    }
    size_t need = 0, written = 0;
    require(cxm_acc_encoded_size(acc, &need) == CXM_OK && need <= MAX_ENCODING);
    uint8_t again[MAX_ENCODING];
    require(cxm_acc_encode(acc, again, sizeof again, &written) == CXM_OK);
    require(written == need && written == size && memcmp(again, data, size) == 0);

    cxm_acc *back = NULL;
    require(cxm_acc_decode(again, written, &back) == CXM_OK);
    same_accumulators(acc, back);
    uint8_t third[MAX_ENCODING];
    require(cxm_acc_encode(back, third, sizeof third, &written) == CXM_OK);
    require(written == size && memcmp(third, data, size) == 0);
    cxm_acc_free(back);
    cxm_acc_free(acc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_with_valid_crc(data, size, check_one);
    return 0;
}
