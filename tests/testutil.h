/*
 * Helpers shared by every test suite: one place, not one copy per file.
 *
 * Each tests/test_<concern>.c builds one Check suite and ends with
 * CXM_TEST_MAIN(<concern>_suite), which makes it a ctest executable.
 */
#ifndef CXM_TESTUTIL_H
#define CXM_TESTUTIL_H

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crc32c.h"
#include "cxmetrics.h"
#include "internal.h"

/* |got - want| <= rel * |want| (or both NaN, or both the same infinity). */
#define ck_assert_rel(got, want, rel)                                                              \
    do {                                                                                           \
        double ck_got_ = (got), ck_want_ = (want);                                                 \
        if (isnan(ck_want_) || isinf(ck_want_)) {                                                  \
            ck_assert_msg(isnan(ck_want_) ? isnan(ck_got_) : ck_got_ == ck_want_,                  \
                          "%s = %.17g, expected %.17g", #got, ck_got_, ck_want_);                  \
        } else {                                                                                   \
            ck_assert_msg(fabs(ck_got_ - ck_want_) <= (rel)*fabs(ck_want_),                        \
                          "%s = %.17g, expected %.17g (rel err %.3g > %.3g)", #got, ck_got_,       \
                          ck_want_, fabs(ck_got_ - ck_want_) / fabs(ck_want_), (double)(rel));     \
        }                                                                                          \
    } while (0)

/* |got - want| <= abs_tol. */
#define ck_assert_abs(got, want, abs_tol)                                                          \
    do {                                                                                           \
        double ck_got_ = (got), ck_want_ = (want);                                                 \
        ck_assert_msg(fabs(ck_got_ - ck_want_) <= (abs_tol),                                       \
                      "%s = %.17g, expected %.17g (abs err %.3g > %.3g)", #got, ck_got_, ck_want_, \
                      fabs(ck_got_ - ck_want_), (double)(abs_tol));                                \
    } while (0)

/* splitmix64: a seeded generator that gives the same numbers on every host,
 * for property tests and garbage inputs (a failing test prints its seed). */
static inline uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A preset scale; the test fails if that fails. */
static inline cxm_scale preset_scale(int preset)
{
    cxm_scale scale = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(preset, &scale), CXM_OK);
    return scale;
}

/* A new heap accumulator on a scale; the test fails if that fails. */
static inline cxm_acc *new_scale_acc(const cxm_scale *scale)
{
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_new(scale, &acc), CXM_OK);
    return acc;
}

/* A new heap accumulator on a preset scale. */
static inline cxm_acc *new_preset_acc(int preset)
{
    cxm_scale scale = preset_scale(preset);
    return new_scale_acc(&scale);
}

/* A scale from its fields, size set. */
static inline cxm_scale make_scale(int32_t min, int32_t max, int32_t pos_min, int32_t pos_max,
                                   int32_t neg_min, int32_t neg_max, int32_t headline)
{
    cxm_scale s = CXM_SCALE_INIT;
    s.min = min;
    s.max = max;
    s.positive_min = pos_min;
    s.positive_max = pos_max;
    s.negative_min = neg_min;
    s.negative_max = neg_max;
    s.headline = headline;
    return s;
}

/* A byte-for-byte image of a state that is one contiguous block (an
 * accumulator, a weighted one), to prove that a failed call changed nothing
 * at all. */
typedef struct state_image {
    size_t len;
    unsigned char bytes[sizeof(cxm_wacc) + CXM_MAX_SPAN * sizeof(cxmi_cell)];
} state_image;
typedef state_image acc_image;
typedef state_image wacc_image;

static inline state_image image_of(const void *block, size_t len)
{
    state_image image;
    image.len = len;
    memcpy(image.bytes, block, len);
    return image;
}

static inline acc_image acc_image_take(const cxm_acc *acc)
{
    return image_of(acc, cxmi_acc_bytes(acc->span));
}

static inline wacc_image wacc_image_take(const cxm_wacc *w)
{
    return image_of(w, cxmi_wacc_bytes(w->span));
}

#define ck_assert_image_unchanged(block, length, image)                                            \
    ck_assert_msg((image).len == (length) && memcmp((block), (image).bytes, (image).len) == 0,     \
                  "state changed by a failed call")
#define ck_assert_acc_unchanged(acc, image)                                                        \
    ck_assert_image_unchanged(acc, cxmi_acc_bytes((acc)->span), image)
#define ck_assert_wacc_unchanged(w, image)                                                         \
    ck_assert_image_unchanged(w, cxmi_wacc_bytes((w)->span), image)

/* Asserts that a call returns the given status and leaves acc (or w)
 * byte-identical. */
#define ck_assert_fails_unchanged(acc, call, status)                                               \
    do {                                                                                           \
        acc_image ck_before_ = acc_image_take(acc);                                                \
        ck_assert_int_eq((call), (status));                                                        \
        ck_assert_acc_unchanged(acc, ck_before_);                                                  \
    } while (0)
#define ck_assert_wacc_fails_unchanged(w, call, status)                                            \
    do {                                                                                           \
        wacc_image ck_before_ = wacc_image_take(w);                                                \
        ck_assert_int_eq((call), (status));                                                        \
        ck_assert_wacc_unchanged(w, ck_before_);                                                   \
    } while (0)

/* A new heap weighted accumulator on a preset scale. */
static inline cxm_wacc *new_preset_wacc(int preset)
{
    cxm_scale scale = preset_scale(preset);
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_new(&scale, &w), CXM_OK);
    return w;
}

/* x moved k ulps (k < 0: down), kept inside [0, 1]: a limit of a share in
 * proportion units may round to 0 or 1 itself. */
static inline double ulps_away(double x, int k)
{
    for (; k > 0; k--) {
        x = nextafter(x, INFINITY);
    }
    for (; k < 0; k++) {
        x = nextafter(x, -INFINITY);
    }
    return fmin(fmax(x, 0.0), 1.0);
}

#define CXM_TEST_MAIN(suite_fn)                                                                    \
    int main(void)                                                                                 \
    {                                                                                              \
        SRunner *runner = srunner_create(suite_fn());                                              \
        srunner_run_all(runner, CK_NORMAL);                                                        \
        int failed = srunner_ntests_failed(runner);                                                \
        srunner_free(runner);                                                                      \
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                                          \
    }

/* Closes bytes[0, len) with the CRC-32C of what precedes its last four bytes,
 * as both encodings end: an edited encoding then passes the checksum, and
 * only the structural checks can refuse it. */
static inline void put_crc(unsigned char *bytes, size_t len)
{
    uint32_t crc = cxmi_crc32c(bytes, len - 4);
    for (int i = 0; i < 4; i++) {
        bytes[len - 4 + (size_t)i] = (unsigned char)(crc >> (8 * i));
    }
}

/* An encoding with bytes [at, at + remove) of its body (all but the CRC)
 * replaced by insert, written to out (cap bytes) with a valid CRC; returns
 * its length. */
static inline size_t edited_encoding(unsigned char *out, size_t cap, const unsigned char *golden,
                                     size_t golden_len, size_t at, size_t remove,
                                     const unsigned char *insert, size_t insert_len)
{
    size_t body = golden_len - 4;
    size_t len = body - remove + insert_len + 4;
    ck_assert_uint_le(at + remove, body);
    ck_assert_uint_le(len, cap);
    memcpy(out, golden, at);
    memcpy(out + at, insert, insert_len);
    memcpy(out + at + insert_len, golden + at + remove, body - at - remove);
    put_crc(out, len);
    return len;
}

#endif
