/* Recording and removing single ratings; reading counts back. Every error
 * path asserts its status and a byte-identical accumulator. */
#include "testutil.h"

static uint64_t count_of(const cxm_acc *acc, int32_t rating)
{
    uint64_t n = 0;
    ck_assert_int_eq(cxm_acc_count(acc, rating, &n), CXM_OK);
    return n;
}

static uint64_t total_of(const cxm_acc *acc)
{
    uint64_t n = 0;
    ck_assert_int_eq(cxm_acc_total(acc, &n), CXM_OK);
    return n;
}

START_TEST(add_every_valid_rating)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    for (int32_t r = 0; r <= 10; r++) {
        for (int32_t k = 0; k <= r; k++) {
            ck_assert_int_eq(cxm_acc_add(acc, r), CXM_OK);
        }
    }
    for (int32_t r = 0; r <= 10; r++) {
        ck_assert_uint_eq(count_of(acc, r), (uint64_t)r + 1);
    }
    ck_assert_uint_eq(total_of(acc), 66); /* 1 + 2 + ... + 11 */
    cxm_acc_free(acc);
}
END_TEST

START_TEST(out_of_scale_ratings_rejected)
{
    const int32_t outside[] = {-1, 11, 12, 100, INT32_MIN, INT32_MAX, INT32_MIN + 1, -11};
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 7, 5), CXM_OK);
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        int32_t r = outside[i];
        uint64_t out = 12345;
        ck_assert_fails_unchanged(acc, cxm_acc_add(acc, r), CXM_ERR_RANGE);
        ck_assert_fails_unchanged(acc, cxm_acc_add_count(acc, r, 1), CXM_ERR_RANGE);
        ck_assert_fails_unchanged(acc, cxm_acc_add_count(acc, r, 0), CXM_ERR_RANGE);
        ck_assert_fails_unchanged(acc, cxm_acc_remove(acc, r), CXM_ERR_RANGE);
        ck_assert_fails_unchanged(acc, cxm_acc_remove_count(acc, r, 1), CXM_ERR_RANGE);
        ck_assert_int_eq(cxm_acc_count(acc, r, &out), CXM_ERR_RANGE);
        ck_assert_uint_eq(out, 12345);
    }
    cxm_acc_free(acc);
}
END_TEST

/* A scale at the very top of int32: no rating may wrap into range. */
START_TEST(extreme_scale_offsets)
{
    cxm_scale top = make_scale(INT32_MAX - 100, INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX - 100,
                               INT32_MAX - 90, CXM_HEADLINE_NET);
    cxm_scale bottom = make_scale(INT32_MIN, INT32_MIN + 10, INT32_MIN + 10, INT32_MIN + 10,
                                  INT32_MIN, INT32_MIN, CXM_HEADLINE_NET);
    cxm_acc *hi = NULL, *lo = NULL;
    ck_assert_int_eq(cxm_acc_new(&top, &hi), CXM_OK);
    ck_assert_int_eq(cxm_acc_new(&bottom, &lo), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(hi, INT32_MAX), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(hi, INT32_MAX - 100), CXM_OK);
    ck_assert_fails_unchanged(hi, cxm_acc_add(hi, INT32_MAX - 101), CXM_ERR_RANGE);
    ck_assert_fails_unchanged(hi, cxm_acc_add(hi, INT32_MIN), CXM_ERR_RANGE);
    ck_assert_fails_unchanged(hi, cxm_acc_add(hi, INT32_MIN + 100), CXM_ERR_RANGE);
    ck_assert_fails_unchanged(hi, cxm_acc_add(hi, 0), CXM_ERR_RANGE);
    ck_assert_int_eq(cxm_acc_add(lo, INT32_MIN), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(lo, INT32_MIN + 10), CXM_OK);
    ck_assert_fails_unchanged(lo, cxm_acc_add(lo, INT32_MAX), CXM_ERR_RANGE);
    ck_assert_fails_unchanged(lo, cxm_acc_add(lo, INT32_MIN + 11), CXM_ERR_RANGE);
    ck_assert_uint_eq(total_of(hi), 2);
    ck_assert_uint_eq(total_of(lo), 2);
    cxm_acc_free(hi);
    cxm_acc_free(lo);
}
END_TEST

START_TEST(null_arguments)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_5);
    uint64_t out = 77, counts[5] = {1, 2, 3, 4, 5};
    ck_assert_int_eq(cxm_acc_add(NULL, 1), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_add_count(NULL, 1, 1), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_remove(NULL, 1), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_remove_count(NULL, 1, 1), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_total(NULL, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_count(NULL, 1, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_counts(NULL, counts, 5), CXM_ERR_NULL);
    ck_assert_uint_eq(out, 77);
    ck_assert_uint_eq(counts[0], 1);
    ck_assert_fails_unchanged(acc, cxm_acc_total(acc, NULL), CXM_ERR_NULL);
    ck_assert_fails_unchanged(acc, cxm_acc_count(acc, 1, NULL), CXM_ERR_NULL);
    ck_assert_fails_unchanged(acc, cxm_acc_counts(acc, NULL, 5), CXM_ERR_NULL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(add_count_zero_is_a_no_op)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_int_eq(cxm_acc_add(acc, 3), CXM_OK);
    acc_image before = acc_image_take(acc);
    ck_assert_int_eq(cxm_acc_add_count(acc, 4, 0), CXM_OK);
    ck_assert_int_eq(cxm_acc_remove_count(acc, 4, 0), CXM_OK);
    ck_assert_int_eq(cxm_acc_remove_count(acc, 3, 0), CXM_OK);
    ck_assert_acc_unchanged(acc, before);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(bucket_and_total_overflow)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_5);
    /* One bucket filled to the brim is allowed... */
    ck_assert_int_eq(cxm_acc_add_count(acc, 5, UINT64_MAX), CXM_OK);
    ck_assert_uint_eq(count_of(acc, 5), UINT64_MAX);
    /* ...one more in it, or anywhere, is not. */
    ck_assert_fails_unchanged(acc, cxm_acc_add(acc, 5), CXM_ERR_OVERFLOW);
    ck_assert_fails_unchanged(acc, cxm_acc_add_count(acc, 5, 1), CXM_ERR_OVERFLOW);
    ck_assert_fails_unchanged(acc, cxm_acc_add_count(acc, 5, UINT64_MAX), CXM_ERR_OVERFLOW);
    ck_assert_fails_unchanged(acc, cxm_acc_add(acc, 1), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_acc_remove(acc, 5), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(acc, 1), CXM_OK); /* room for exactly one */
    ck_assert_uint_eq(total_of(acc), UINT64_MAX);
    ck_assert_fails_unchanged(acc, cxm_acc_add(acc, 2), CXM_ERR_OVERFLOW);

    /* The total overflows while no single bucket would. */
    cxm_acc *split = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_int_eq(cxm_acc_add_count(split, 1, UINT64_MAX / 2), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(split, 2, UINT64_MAX / 2), CXM_OK);
    ck_assert_fails_unchanged(split, cxm_acc_add_count(split, 3, 2), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_acc_add_count(split, 3, 1), CXM_OK);
    ck_assert_uint_eq(total_of(split), UINT64_MAX);
    cxm_acc_free(split);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(remove_inverts_add)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
    ck_assert_int_eq(cxm_acc_add_count(acc, 6, 10), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(acc, 2), CXM_OK);
    ck_assert_int_eq(cxm_acc_remove(acc, 6), CXM_OK);
    ck_assert_int_eq(cxm_acc_remove_count(acc, 6, 4), CXM_OK);
    ck_assert_uint_eq(count_of(acc, 6), 5);
    ck_assert_uint_eq(total_of(acc), 6);
    ck_assert_int_eq(cxm_acc_remove_count(acc, 6, 5), CXM_OK);
    ck_assert_int_eq(cxm_acc_remove(acc, 2), CXM_OK);
    ck_assert_uint_eq(total_of(acc), 0);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(remove_absent)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
    ck_assert_fails_unchanged(acc, cxm_acc_remove(acc, 3), CXM_ERR_ABSENT);
    ck_assert_int_eq(cxm_acc_add_count(acc, 3, 2), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 4, 100), CXM_OK);
    ck_assert_fails_unchanged(acc, cxm_acc_remove_count(acc, 3, 3), CXM_ERR_ABSENT);
    ck_assert_fails_unchanged(acc, cxm_acc_remove_count(acc, 3, UINT64_MAX), CXM_ERR_ABSENT);
    ck_assert_fails_unchanged(acc, cxm_acc_remove(acc, 5), CXM_ERR_ABSENT);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(counts_copies_the_histogram)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    for (int32_t r = 0; r <= 10; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, (uint64_t)(r * r)), CXM_OK);
    }
    uint64_t out[16];
    for (size_t i = 0; i < 16; i++) {
        out[i] = 0xDEADu;
    }
    ck_assert_int_eq(cxm_acc_counts(acc, out, 16), CXM_OK);
    for (size_t i = 0; i < 11; i++) {
        ck_assert_uint_eq(out[i], i * i);
    }
    for (size_t i = 11; i < 16; i++) {
        ck_assert_uint_eq(out[i], 0xDEADu); /* past the span: untouched */
    }
    uint64_t exact[11];
    ck_assert_int_eq(cxm_acc_counts(acc, exact, 11), CXM_OK);
    ck_assert_uint_eq(exact[10], 100);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(counts_buffer_too_small)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add(acc, 4), CXM_OK);
    uint64_t out[11] = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
    ck_assert_fails_unchanged(acc, cxm_acc_counts(acc, out, 10), CXM_ERR_SIZE);
    ck_assert_fails_unchanged(acc, cxm_acc_counts(acc, out, 0), CXM_ERR_SIZE);
    for (size_t i = 0; i < 11; i++) {
        ck_assert_uint_eq(out[i], 9);
    }
    cxm_acc_free(acc);
}
END_TEST

static Suite *record_suite(void)
{
    Suite *s = suite_create("record");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, add_every_valid_rating);
    tcase_add_test(tc, out_of_scale_ratings_rejected);
    tcase_add_test(tc, extreme_scale_offsets);
    tcase_add_test(tc, null_arguments);
    tcase_add_test(tc, add_count_zero_is_a_no_op);
    tcase_add_test(tc, bucket_and_total_overflow);
    tcase_add_test(tc, remove_inverts_add);
    tcase_add_test(tc, remove_absent);
    tcase_add_test(tc, counts_copies_the_histogram);
    tcase_add_test(tc, counts_buffer_too_small);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(record_suite)
