/* Merge and subtract: exact bucket-wise addition and its inverse. */
#include "testutil.h"

static cxm_acc *filled(int preset, const uint64_t *counts, size_t span, int32_t min)
{
    cxm_acc *acc = new_preset_acc(preset);
    for (size_t i = 0; i < span; i++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, min + (int32_t)i, counts[i]), CXM_OK);
    }
    return acc;
}

static void assert_counts(const cxm_acc *acc, const uint64_t *expected, size_t span)
{
    uint64_t got[CXM_MAX_SPAN], total = 0, sum = 0;
    ck_assert_int_eq(cxm_acc_counts(acc, got, span), CXM_OK);
    for (size_t i = 0; i < span; i++) {
        ck_assert_uint_eq(got[i], expected[i]);
        sum += expected[i];
    }
    ck_assert_int_eq(cxm_acc_total(acc, &total), CXM_OK);
    ck_assert_uint_eq(total, sum);
}

START_TEST(merge_adds_bucketwise)
{
    const uint64_t a[5] = {1, 0, 3, 10, 20}, b[5] = {4, 5, 0, 1, 2}, sum[5] = {5, 5, 3, 11, 22};
    cxm_acc *x = filled(CXM_PRESET_CSAT_5, a, 5, 1), *y = filled(CXM_PRESET_CSAT_5, b, 5, 1);
    ck_assert_int_eq(cxm_acc_merge(x, y), CXM_OK);
    assert_counts(x, sum, 5);
    assert_counts(y, b, 5); /* the source is only read */
    cxm_acc_free(x);
    cxm_acc_free(y);
}
END_TEST

START_TEST(merge_into_itself_doubles)
{
    const uint64_t a[11] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    const uint64_t twice[11] = {2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22};
    cxm_acc *x = filled(CXM_PRESET_NPS, a, 11, 0);
    ck_assert_int_eq(cxm_acc_merge(x, x), CXM_OK);
    assert_counts(x, twice, 11);
    cxm_acc_free(x);
}
END_TEST

START_TEST(merge_mismatched_scales)
{
    const uint64_t a[5] = {1, 1, 1, 1, 1};
    cxm_acc *csat = filled(CXM_PRESET_CSAT_5, a, 5, 1);
    cxm_acc *ces5 = filled(CXM_PRESET_CES_5, a, 5, 1); /* same range, other bands */
    cxm_scale s = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_CSAT_5, &s), CXM_OK);
    s.headline = CXM_HEADLINE_MEAN; /* same bands, other headline */
    cxm_acc *other_headline = NULL;
    ck_assert_int_eq(cxm_acc_new(&s, &other_headline), CXM_OK);
    cxm_acc *nps = new_preset_acc(CXM_PRESET_NPS);

    ck_assert_fails_unchanged(csat, cxm_acc_merge(csat, ces5), CXM_ERR_MISMATCH);
    ck_assert_fails_unchanged(csat, cxm_acc_merge(csat, other_headline), CXM_ERR_MISMATCH);
    ck_assert_fails_unchanged(csat, cxm_acc_merge(csat, nps), CXM_ERR_MISMATCH);
    ck_assert_fails_unchanged(nps, cxm_acc_merge(nps, csat), CXM_ERR_MISMATCH);
    ck_assert_fails_unchanged(csat, cxm_acc_subtract(csat, ces5), CXM_ERR_MISMATCH);
    ck_assert_fails_unchanged(csat, cxm_acc_subtract(csat, nps), CXM_ERR_MISMATCH);
    ck_assert_fails_unchanged(csat, cxm_acc_merge(csat, NULL), CXM_ERR_NULL);
    ck_assert_fails_unchanged(csat, cxm_acc_subtract(csat, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_merge(NULL, csat), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_subtract(NULL, csat), CXM_ERR_NULL);
    cxm_acc_free(csat);
    cxm_acc_free(ces5);
    cxm_acc_free(other_headline);
    cxm_acc_free(nps);
}
END_TEST

START_TEST(merge_overflow)
{
    cxm_acc *x = new_preset_acc(CXM_PRESET_CSAT_3), *y = new_preset_acc(CXM_PRESET_CSAT_3);
    ck_assert_int_eq(cxm_acc_add_count(x, 1, UINT64_MAX - 6), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(y, 2, 3), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(y, 3, 3), CXM_OK);
    ck_assert_int_eq(cxm_acc_merge(x, y), CXM_OK); /* exactly full */
    ck_assert_fails_unchanged(x, cxm_acc_merge(x, y), CXM_ERR_OVERFLOW);
    ck_assert_fails_unchanged(x, cxm_acc_merge(x, x), CXM_ERR_OVERFLOW);
    cxm_acc_free(x);
    cxm_acc_free(y);
}
END_TEST

START_TEST(subtract_inverts_merge)
{
    const uint64_t a[5] = {1, 0, 3, 10, 20}, b[5] = {4, 5, 0, 1, 2}, zero[5] = {0};
    cxm_acc *x = filled(CXM_PRESET_CSAT_5, a, 5, 1), *y = filled(CXM_PRESET_CSAT_5, b, 5, 1);
    ck_assert_int_eq(cxm_acc_merge(x, y), CXM_OK);
    ck_assert_int_eq(cxm_acc_subtract(x, y), CXM_OK);
    assert_counts(x, a, 5);
    ck_assert_int_eq(cxm_acc_subtract(x, x), CXM_OK); /* from == part empties it */
    assert_counts(x, zero, 5);
    cxm_acc_free(x);
    cxm_acc_free(y);
}
END_TEST

START_TEST(subtract_absent)
{
    /* Only the last bucket is short: the earlier ones must not be touched. */
    const uint64_t a[5] = {5, 5, 5, 5, 1}, b[5] = {1, 1, 1, 1, 2};
    cxm_acc *x = filled(CXM_PRESET_CSAT_5, a, 5, 1), *y = filled(CXM_PRESET_CSAT_5, b, 5, 1);
    ck_assert_fails_unchanged(x, cxm_acc_subtract(x, y), CXM_ERR_ABSENT);
    cxm_acc *empty = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_fails_unchanged(empty, cxm_acc_subtract(empty, x), CXM_ERR_ABSENT);
    cxm_acc_free(x);
    cxm_acc_free(y);
    cxm_acc_free(empty);
}
END_TEST

static Suite *merge_suite(void)
{
    Suite *s = suite_create("merge");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, merge_adds_bucketwise);
    tcase_add_test(tc, merge_into_itself_doubles);
    tcase_add_test(tc, merge_mismatched_scales);
    tcase_add_test(tc, merge_overflow);
    tcase_add_test(tc, subtract_inverts_merge);
    tcase_add_test(tc, subtract_absent);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(merge_suite)
