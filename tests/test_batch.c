/*
 * The batch contract of cxm_acc_add_many and cxm_acc_add_many_u8, for every
 * counting kernel (lib/batch.c): the public functions (AUTO), the scalar and
 * the portable table kernels, and the SSE2 kernel where it is compiled in.
 *
 * Expected counts come from a separate one-line loop here (expected[r - min]++),
 * never from the library. Every error asserts the status, the bad index, and
 * that the accumulator's bytes are exactly as before (memcmp of the whole
 * cxmi_acc_bytes block).
 */
#include <stdint.h>
#include <string.h>

#include "cxmetrics.h"
#include "internal.h"
#include "testutil.h"

/* KERNEL_PUBLIC: the public function itself; the rest go through
 * cxmi_add_many* with that kernel forced. */
#define KERNEL_PUBLIC (-1)
static const int kernels[] = {KERNEL_PUBLIC, CXMI_KERNEL_AUTO, CXMI_KERNEL_SCALAR,
                              CXMI_KERNEL_TABLE, CXMI_KERNEL_SSE2};
#define NKERNELS (sizeof kernels / sizeof kernels[0])

/* Batch lengths around every boundary of the kernels: the 8-way interleave,
 * 16-rating vectors, the 255-vector block (4080), 4096, and 65536-rating chunks. */
static const size_t lengths[] = {0,    1,    7,    8,    9,    15,    16,    17,    4079,
                                 4080, 4081, 4095, 4096, 4097, 65535, 65536, 65537, 70001};
#define NLENGTHS (sizeof lengths / sizeof lengths[0])
#define MAX_LEN  70001

/* Scales as [min, max]; bands at the two ends (the batch functions ignore
 * them). Chosen for the kernels' edges: 16 and 17 values (SSE2 or not),
 * negative min, the ends of int32, u8 windows that are partial or empty. */
static const int32_t ranges[][2] = {
    {0, 10},
    {1, 5},
    {0, 100},
    {-5, 5},
    {-50, 50},
    {240, 255},
    {239, 255},
    {155, 255},
    {-20, -10},
    {300, 310},
    {INT32_MIN, INT32_MIN + 10},
    {INT32_MAX - 15, INT32_MAX},
    {INT32_MAX - 100, INT32_MAX},
    {1, 2},
};
#define NRANGES (sizeof ranges / sizeof ranges[0])

static uint64_t rng_state;

static cxm_acc *new_acc(int32_t min, int32_t max)
{
    cxm_scale s = CXM_SCALE_INIT;
    s.min = min;
    s.max = max;
    s.negative_min = s.negative_max = min;
    s.positive_min = s.positive_max = max;
    s.headline = CXM_HEADLINE_MEAN;
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_new(&s, &acc), CXM_OK);
    return acc;
}

static size_t acc_bytes(const cxm_acc *acc)
{
    return cxmi_acc_bytes(acc->span);
}

static int run_i32(cxm_acc *acc, const int32_t *r, size_t n, size_t *bad, int kernel)
{
    return kernel == KERNEL_PUBLIC ? cxm_acc_add_many(acc, r, n, bad)
                                   : cxmi_add_many(acc, r, n, bad, kernel);
}

static int run_u8(cxm_acc *acc, const uint8_t *r, size_t n, size_t *bad, int kernel)
{
    return kernel == KERNEL_PUBLIC ? cxm_acc_add_many_u8(acc, r, n, bad)
                                   : cxmi_add_many_u8(acc, r, n, bad, kernel);
}

/* A few counts already in the accumulator, so that adding (not overwriting)
 * is what gets checked. */
static void prefill(cxm_acc *acc, uint64_t *expected)
{
    int32_t span = (int32_t)acc->span;
    for (int32_t i = 0; i < span; i += 3) {
        ck_assert_int_eq(cxm_acc_add_count(acc, acc->scale.min + i, (uint64_t)i + 5), CXM_OK);
        expected[i] += (uint64_t)i + 5;
    }
}

static void assert_counts(const cxm_acc *acc, const uint64_t *expected, const char *what,
                          int kernel, size_t n)
{
    uint64_t got[CXM_MAX_SPAN], total = 0, want_total = 0;
    ck_assert_int_eq(cxm_acc_counts(acc, got, CXM_MAX_SPAN), CXM_OK);
    for (uint32_t i = 0; i < acc->span; i++) {
        ck_assert_msg(got[i] == expected[i],
                      "%s kernel %d n %zu scale [%d, %d]: count %u = %llu, expected %llu", what,
                      kernel, n, (int)acc->scale.min, (int)acc->scale.max, i,
                      (unsigned long long)got[i], (unsigned long long)expected[i]);
        want_total += expected[i];
    }
    ck_assert_int_eq(cxm_acc_total(acc, &total), CXM_OK);
    ck_assert_uint_eq(total, want_total);
}

/* Valid int32 ratings, skewed towards the top like survey answers, so that
 * runs of equal ratings occur. */
static void fill_valid_i32(int32_t *r, size_t n, int32_t min, uint32_t span)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t x = next_random(&rng_state);
        uint32_t offset = (x & 1) ? span - 1 : (uint32_t)((x >> 1) % span);
        r[i] = (int32_t)((int64_t)min + offset);
    }
}

/* ---- results ---------------------------------------------------------------- */

START_TEST(i32_counts_every_kernel_and_length)
{
    static int32_t r[MAX_LEN];
    rng_state = 1;
    for (size_t s = 0; s < NRANGES; s++) {
        cxm_acc *acc = new_acc(ranges[s][0], ranges[s][1]);
        for (size_t k = 0; k < NKERNELS; k++) {
            for (size_t l = 0; l < NLENGTHS; l++) {
                size_t n = lengths[l];
                fill_valid_i32(r, n, acc->scale.min, acc->span);
                uint64_t expected[CXM_MAX_SPAN] = {0};
                ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
                prefill(acc, expected);
                for (size_t i = 0; i < n; i++) {
                    expected[(int64_t)r[i] - acc->scale.min]++;
                }
                size_t bad = 12345;
                ck_assert_int_eq(run_i32(acc, r, n, &bad, kernels[k]), CXM_OK);
                ck_assert_uint_eq(bad, 12345); /* untouched on success */
                assert_counts(acc, expected, "int32", kernels[k], n);
            }
        }
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(u8_counts_every_kernel_and_length)
{
    static uint8_t r[MAX_LEN];
    rng_state = 2;
    for (size_t s = 0; s < NRANGES; s++) {
        cxm_acc *acc = new_acc(ranges[s][0], ranges[s][1]);
        int64_t lo = acc->scale.min > 0 ? acc->scale.min : 0;
        int64_t hi = acc->scale.max < 255 ? acc->scale.max : 255;
        if (lo > hi) {
            cxm_acc_free(acc);
            continue; /* no valid byte: see u8_scale_outside_bytes */
        }
        for (size_t k = 0; k < NKERNELS; k++) {
            for (size_t l = 0; l < NLENGTHS; l++) {
                size_t n = lengths[l];
                for (size_t i = 0; i < n; i++) {
                    uint64_t x = next_random(&rng_state);
                    r[i] = (uint8_t)((x & 1) ? hi
                                             : lo + (int64_t)((x >> 1) % (uint64_t)(hi - lo + 1)));
                }
                uint64_t expected[CXM_MAX_SPAN] = {0};
                ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
                prefill(acc, expected);
                for (size_t i = 0; i < n; i++) {
                    expected[(int64_t)r[i] - acc->scale.min]++;
                }
                size_t bad = 12345;
                ck_assert_int_eq(run_u8(acc, r, n, &bad, kernels[k]), CXM_OK);
                ck_assert_uint_eq(bad, 12345);
                assert_counts(acc, expected, "u8", kernels[k], n);
            }
        }
        cxm_acc_free(acc);
    }
}
END_TEST

/* The u8 values 0 and 255 at both ends of a scale that accepts them. */
START_TEST(u8_extreme_bytes)
{
    for (size_t k = 0; k < NKERNELS; k++) {
        cxm_acc *low = new_acc(0, 16), *high = new_acc(155, 255);
        uint8_t r[40];
        memset(r, 0, sizeof r);
        ck_assert_int_eq(run_u8(low, r, sizeof r, NULL, kernels[k]), CXM_OK);
        uint64_t count = 0;
        ck_assert_int_eq(cxm_acc_count(low, 0, &count), CXM_OK);
        ck_assert_uint_eq(count, sizeof r);
        memset(r, 255, sizeof r);
        ck_assert_int_eq(run_u8(high, r, sizeof r, NULL, kernels[k]), CXM_OK);
        ck_assert_int_eq(cxm_acc_count(high, 255, &count), CXM_OK);
        ck_assert_uint_eq(count, sizeof r);
        cxm_acc_free(low);
        cxm_acc_free(high);
    }
}
END_TEST

/* The SSE2 kernel must really run where it is compiled in, or the tests
 * above would silently check the fallback twice. */
START_TEST(sse2_kernel_is_exercised)
{
    cxm_acc *nps = new_acc(0, 10), *wide = new_acc(0, 100), *top = new_acc(240, 255);
    ck_assert(cxmi_batch_kernel_usable(nps, CXMI_KERNEL_TABLE, true));
    ck_assert(cxmi_batch_kernel_usable(nps, CXMI_KERNEL_SCALAR, false));
    ck_assert(!cxmi_batch_kernel_usable(wide, CXMI_KERNEL_SSE2, false));
    ck_assert(!cxmi_batch_kernel_usable(wide, CXMI_KERNEL_SSE2, true));
    ck_assert_int_eq(cxmi_batch_kernel_usable(nps, CXMI_KERNEL_SSE2, false), CXMI_HAVE_SSE2);
    ck_assert_int_eq(cxmi_batch_kernel_usable(nps, CXMI_KERNEL_SSE2, true), CXMI_HAVE_SSE2);
    ck_assert_int_eq(cxmi_batch_kernel_usable(top, CXMI_KERNEL_SSE2, true), CXMI_HAVE_SSE2);
    cxm_acc_free(nps);
    cxm_acc_free(wide);
    cxm_acc_free(top);
}
END_TEST

/* AUTO is a choice, not a kernel, and a number that names no kernel is not
 * usable: asked to run either, the batch falls back to TABLE and still
 * counts exactly (3 ratings of 7, 2 of 0, by hand). */
START_TEST(unknown_kernels_fall_back)
{
    cxm_acc *nps = new_acc(0, 10);
    ck_assert(!cxmi_batch_kernel_usable(nps, CXMI_KERNEL_AUTO, false));
    ck_assert(!cxmi_batch_kernel_usable(nps, 42, true));
    ck_assert(!cxmi_batch_kernel_usable(nps, -1, false));
    const int32_t r32[] = {7, 0, 7, 0, 7};
    const uint8_t r8[] = {7, 0, 7, 0, 7};
    ck_assert_int_eq(cxmi_add_many(nps, r32, 5, NULL, 42), CXM_OK);
    ck_assert_int_eq(cxmi_add_many_u8(nps, r8, 5, NULL, -1), CXM_OK);
    uint64_t seven = 0, zero = 0;
    ck_assert_int_eq(cxm_acc_count(nps, 7, &seven), CXM_OK);
    ck_assert_int_eq(cxm_acc_count(nps, 0, &zero), CXM_OK);
    ck_assert_uint_eq(seven, 6);
    ck_assert_uint_eq(zero, 4);
    cxm_acc_free(nps);
}
END_TEST

/* ---- bad ratings: all or nothing, first bad index --------------------------- */

/* Ratings outside [min, max], including ones that would alias into range if
 * a kernel truncated instead of saturating (min + 256, min + 65536) or
 * wrapped (min +- 2^32 is the same int32, so INT32_MIN/MAX stand in). */
static size_t bad_i32_values(const cxm_acc *acc, int32_t *out)
{
    const int64_t min = acc->scale.min, max = acc->scale.max;
    const int64_t candidates[] = {min - 1,           max + 1,   min + 256, min + 65536,
                                  min - 256,         INT32_MIN, INT32_MAX, min + 2147483648LL,
                                  min - 2147483648LL};
    size_t count = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        int64_t v = candidates[i];
        if (v >= INT32_MIN && v <= INT32_MAX && (v < min || v > max)) {
            out[count++] = (int32_t)v;
        }
    }
    return count;
}

static size_t bad_u8_values(const cxm_acc *acc, uint8_t *out)
{
    const int64_t min = acc->scale.min, max = acc->scale.max;
    const int64_t candidates[] = {0, 1, min - 1, max + 1, 128, 254, 255, min + 16, max - 16};
    size_t count = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        int64_t v = candidates[i];
        if (v >= 0 && v <= 255 && (v < min || v > max)) {
            out[count++] = (uint8_t)v;
        }
    }
    return count;
}

#define SHORT_LEN 70 /* four vectors and a tail, eight 8-rating groups and a tail */

START_TEST(i32_bad_rating_at_every_position)
{
    rng_state = 3;
    for (size_t s = 0; s < NRANGES; s++) {
        cxm_acc *acc = new_acc(ranges[s][0], ranges[s][1]);
        uint64_t expected[CXM_MAX_SPAN] = {0};
        prefill(acc, expected);
        unsigned char before[1024];
        memcpy(before, acc, acc_bytes(acc));
        int32_t bad_values[16];
        size_t nbad = bad_i32_values(acc, bad_values);
        ck_assert_uint_gt(nbad, 0);
        for (size_t k = 0; k < NKERNELS; k++) {
            for (size_t v = 0; v < nbad; v++) {
                for (size_t pos = 0; pos < SHORT_LEN; pos++) {
                    int32_t r[SHORT_LEN];
                    fill_valid_i32(r, SHORT_LEN, acc->scale.min, acc->span);
                    r[pos] = bad_values[v];
                    if (pos + 5 < SHORT_LEN) {
                        r[pos + 5] = bad_values[(v + 1) % nbad]; /* the first one counts */
                    }
                    size_t bad = 99999;
                    ck_assert_int_eq(run_i32(acc, r, SHORT_LEN, &bad, kernels[k]), CXM_ERR_RANGE);
                    ck_assert_msg(bad == pos, "kernel %d value %d: bad index %zu, expected %zu",
                                  kernels[k], (int)bad_values[v], bad, pos);
                    ck_assert_int_eq(run_i32(acc, r, pos + 1, NULL, kernels[k]), CXM_ERR_RANGE);
                    ck_assert(memcmp(before, acc, acc_bytes(acc)) == 0);
                }
            }
        }
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(u8_bad_rating_at_every_position)
{
    rng_state = 4;
    for (size_t s = 0; s < NRANGES; s++) {
        cxm_acc *acc = new_acc(ranges[s][0], ranges[s][1]);
        int64_t lo = acc->scale.min > 0 ? acc->scale.min : 0;
        int64_t hi = acc->scale.max < 255 ? acc->scale.max : 255;
        if (lo > hi) {
            cxm_acc_free(acc);
            continue;
        }
        uint64_t expected[CXM_MAX_SPAN] = {0};
        prefill(acc, expected);
        unsigned char before[1024];
        memcpy(before, acc, acc_bytes(acc));
        uint8_t bad_values[16];
        size_t nbad = bad_u8_values(acc, bad_values);
        ck_assert_uint_gt(nbad, 0);
        for (size_t k = 0; k < NKERNELS; k++) {
            for (size_t v = 0; v < nbad; v++) {
                for (size_t pos = 0; pos < SHORT_LEN; pos++) {
                    uint8_t r[SHORT_LEN];
                    for (size_t i = 0; i < SHORT_LEN; i++) {
                        r[i] = (uint8_t)(lo + (int64_t)(next_random(&rng_state) %
                                                        (uint64_t)(hi - lo + 1)));
                    }
                    r[pos] = bad_values[v];
                    if (pos + 5 < SHORT_LEN) {
                        r[pos + 5] = bad_values[(v + 1) % nbad];
                    }
                    size_t bad = 99999;
                    ck_assert_int_eq(run_u8(acc, r, SHORT_LEN, &bad, kernels[k]), CXM_ERR_RANGE);
                    ck_assert_msg(bad == pos, "kernel %d byte %d: bad index %zu, expected %zu",
                                  kernels[k], bad_values[v], bad, pos);
                    ck_assert_int_eq(run_u8(acc, r, pos + 1, NULL, kernels[k]), CXM_ERR_RANGE);
                    ck_assert(memcmp(before, acc, acc_bytes(acc)) == 0);
                }
            }
        }
        cxm_acc_free(acc);
    }
}
END_TEST

/* A bad rating in a later chunk, after whole chunks of valid ones, and at
 * the very end of a long batch. */
START_TEST(bad_rating_late_in_a_long_batch)
{
    static int32_t r[MAX_LEN];
    static uint8_t b[MAX_LEN];
    const size_t positions[] = {65535, 65536, 65537, 65536 + 4080, MAX_LEN - 1};
    rng_state = 5;
    cxm_acc *acc = new_acc(0, 10);
    unsigned char before[1024];
    memcpy(before, acc, acc_bytes(acc));
    for (size_t k = 0; k < NKERNELS; k++) {
        for (size_t p = 0; p < sizeof positions / sizeof positions[0]; p++) {
            fill_valid_i32(r, MAX_LEN, 0, 11);
            for (size_t i = 0; i < MAX_LEN; i++) {
                b[i] = (uint8_t)r[i];
            }
            r[positions[p]] = 11;
            b[positions[p]] = 200;
            size_t bad = 0;
            ck_assert_int_eq(run_i32(acc, r, MAX_LEN, &bad, kernels[k]), CXM_ERR_RANGE);
            ck_assert_uint_eq(bad, positions[p]);
            bad = 0;
            ck_assert_int_eq(run_u8(acc, b, MAX_LEN, &bad, kernels[k]), CXM_ERR_RANGE);
            ck_assert_uint_eq(bad, positions[p]);
            ck_assert(memcmp(before, acc, acc_bytes(acc)) == 0);
        }
    }
    cxm_acc_free(acc);
}
END_TEST

/* No byte is valid for a scale wholly below 0 or above 255: the first
 * rating is the bad one. */
START_TEST(u8_scale_outside_bytes)
{
    const int32_t outside[][2] = {{-20, -10}, {300, 310}, {INT32_MIN, INT32_MIN + 10}};
    uint8_t r[40] = {0};
    r[39] = 255;
    for (size_t s = 0; s < sizeof outside / sizeof outside[0]; s++) {
        cxm_acc *acc = new_acc(outside[s][0], outside[s][1]);
        unsigned char before[1024];
        memcpy(before, acc, acc_bytes(acc));
        for (size_t k = 0; k < NKERNELS; k++) {
            size_t bad = 77;
            ck_assert_int_eq(run_u8(acc, r, sizeof r, &bad, kernels[k]), CXM_ERR_RANGE);
            ck_assert_uint_eq(bad, 0);
            ck_assert_int_eq(run_u8(acc, r, 0, &bad, kernels[k]), CXM_OK);
            ck_assert(memcmp(before, acc, acc_bytes(acc)) == 0);
        }
        cxm_acc_free(acc);
    }
}
END_TEST

/* ---- arguments and overflow --------------------------------------------------- */

START_TEST(null_arguments)
{
    cxm_acc *acc = new_acc(0, 10);
    ck_assert_int_eq(cxm_acc_add(acc, 3), CXM_OK);
    unsigned char before[1024];
    memcpy(before, acc, acc_bytes(acc));
    const int32_t r[1] = {1};
    const uint8_t b[1] = {1};
    for (size_t k = 0; k < NKERNELS; k++) {
        size_t bad = 42;
        ck_assert_int_eq(run_i32(NULL, r, 1, &bad, kernels[k]), CXM_ERR_NULL);
        ck_assert_int_eq(run_u8(NULL, b, 1, &bad, kernels[k]), CXM_ERR_NULL);
        ck_assert_int_eq(run_i32(NULL, NULL, 0, &bad, kernels[k]), CXM_ERR_NULL);
        ck_assert_int_eq(run_u8(NULL, NULL, 0, &bad, kernels[k]), CXM_ERR_NULL);
        ck_assert_int_eq(run_i32(acc, NULL, 1, &bad, kernels[k]), CXM_ERR_NULL);
        ck_assert_int_eq(run_u8(acc, NULL, 1, &bad, kernels[k]), CXM_ERR_NULL);
        ck_assert_int_eq(run_i32(acc, NULL, 0, &bad, kernels[k]), CXM_OK);
        ck_assert_int_eq(run_u8(acc, NULL, 0, &bad, kernels[k]), CXM_OK);
        ck_assert_int_eq(run_i32(acc, r, 0, NULL, kernels[k]), CXM_OK);
        ck_assert_int_eq(run_u8(acc, b, 0, NULL, kernels[k]), CXM_OK);
        ck_assert_uint_eq(bad, 42);
        ck_assert(memcmp(before, acc, acc_bytes(acc)) == 0);
    }
    cxm_acc_free(acc);
}
END_TEST

START_TEST(total_overflow_changes_nothing)
{
    int32_t r[40];
    uint8_t b[40];
    for (size_t i = 0; i < 40; i++) {
        r[i] = (int32_t)(i % 11);
        b[i] = (uint8_t)(i % 11);
    }
    for (size_t k = 0; k < NKERNELS; k++) {
        cxm_acc *acc = new_acc(0, 10);
        ck_assert_int_eq(cxm_acc_add_count(acc, 10, UINT64_MAX - 40), CXM_OK);
        unsigned char before[1024];
        memcpy(before, acc, acc_bytes(acc));
        size_t bad = 7;
        /* the batch one rating too long for the total */
        int32_t r41[41];
        uint8_t b41[41];
        memcpy(r41, r, sizeof r);
        memcpy(b41, b, sizeof b);
        r41[40] = 0;
        b41[40] = 0;
        ck_assert_int_eq(run_i32(acc, r41, 41, &bad, kernels[k]), CXM_ERR_OVERFLOW);
        ck_assert_int_eq(run_u8(acc, b41, 41, &bad, kernels[k]), CXM_ERR_OVERFLOW);
        ck_assert_uint_eq(bad, 7);
        ck_assert(memcmp(before, acc, acc_bytes(acc)) == 0);
        /* exactly up to UINT64_MAX is fine */
        ck_assert_int_eq(run_u8(acc, b, 40, &bad, kernels[k]), CXM_OK);
        uint64_t total = 0;
        ck_assert_int_eq(cxm_acc_total(acc, &total), CXM_OK);
        ck_assert_uint_eq(total, UINT64_MAX);
        memcpy(before, acc, acc_bytes(acc));
        ck_assert_int_eq(run_i32(acc, r, 1, &bad, kernels[k]), CXM_ERR_OVERFLOW);
        ck_assert(memcmp(before, acc, acc_bytes(acc)) == 0);
        cxm_acc_free(acc);
    }
}
END_TEST

/* cxm_acc_add has its own short body (record.c) for the per-rating hot path:
 * its 32-bit index arithmetic at the ends of int32 and its overflow test. */
START_TEST(add_one_rating_edges)
{
    cxm_acc *low = new_acc(INT32_MIN, INT32_MIN + 10), *high = new_acc(INT32_MAX - 10, INT32_MAX);
    unsigned char before[1024];
    memcpy(before, low, acc_bytes(low));
    const int32_t outside_low[] = {INT32_MAX, INT32_MIN + 11, -1, 0, 10};
    for (size_t i = 0; i < sizeof outside_low / sizeof outside_low[0]; i++) {
        ck_assert_int_eq(cxm_acc_add(low, outside_low[i]), CXM_ERR_RANGE);
    }
    ck_assert(memcmp(before, low, acc_bytes(low)) == 0);
    const int32_t outside_high[] = {INT32_MIN, INT32_MAX - 11, -1, 0, 10};
    for (size_t i = 0; i < sizeof outside_high / sizeof outside_high[0]; i++) {
        ck_assert_int_eq(cxm_acc_add(high, outside_high[i]), CXM_ERR_RANGE);
    }
    ck_assert_int_eq(cxm_acc_add(NULL, 0), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_add(low, INT32_MIN), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(high, INT32_MAX), CXM_OK);
    uint64_t count = 0;
    ck_assert_int_eq(cxm_acc_count(low, INT32_MIN, &count), CXM_OK);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(cxm_acc_count(high, INT32_MAX, &count), CXM_OK);
    ck_assert_uint_eq(count, 1);
    /* total UINT64_MAX - 1: one more fits, the next overflows */
    ck_assert_int_eq(cxm_acc_add_count(high, INT32_MAX - 3, UINT64_MAX - 2), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(high, INT32_MAX - 10), CXM_OK);
    memcpy(before, high, acc_bytes(high));
    ck_assert_int_eq(cxm_acc_add(high, INT32_MAX - 10), CXM_ERR_OVERFLOW);
    ck_assert(memcmp(before, high, acc_bytes(high)) == 0);
    ck_assert_int_eq(cxm_acc_total(high, &count), CXM_OK);
    ck_assert_uint_eq(count, UINT64_MAX);
    cxm_acc_free(low);
    cxm_acc_free(high);
}
END_TEST

static Suite *batch_suite(void)
{
    Suite *s = suite_create("batch");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, i32_counts_every_kernel_and_length);
    tcase_add_test(tc, u8_counts_every_kernel_and_length);
    tcase_add_test(tc, u8_extreme_bytes);
    tcase_add_test(tc, sse2_kernel_is_exercised);
    tcase_add_test(tc, unknown_kernels_fall_back);
    tcase_add_test(tc, i32_bad_rating_at_every_position);
    tcase_add_test(tc, u8_bad_rating_at_every_position);
    tcase_add_test(tc, bad_rating_late_in_a_long_batch);
    tcase_add_test(tc, u8_scale_outside_bytes);
    tcase_add_test(tc, null_arguments);
    tcase_add_test(tc, total_overflow_changes_nothing);
    tcase_add_test(tc, add_one_rating_edges);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(batch_suite)
