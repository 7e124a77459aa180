/* Scales: the presets' exact values and every way a scale can be invalid.
 * Expected presets: the table of docs/metrics.md, "Presets" (copied by hand,
 * not from the library's table). */
#include <stdint.h>

#include "testutil.h"

typedef struct preset_row {
    int preset;
    int32_t min, max, pos_min, pos_max, neg_min, neg_max, headline;
} preset_row;

static const preset_row expected_presets[] = {
    {CXM_PRESET_CSAT_5, 1, 5, 4, 5, 1, 2, CXM_HEADLINE_POSITIVE_SHARE},
    {CXM_PRESET_CSAT_3, 1, 3, 3, 3, 1, 1, CXM_HEADLINE_POSITIVE_SHARE},
    {CXM_PRESET_CSAT_10, 1, 10, 8, 10, 1, 4, CXM_HEADLINE_POSITIVE_SHARE},
    {CXM_PRESET_CSAT_BINARY, 1, 2, 2, 2, 1, 1, CXM_HEADLINE_POSITIVE_SHARE},
    {CXM_PRESET_NPS, 0, 10, 9, 10, 0, 6, CXM_HEADLINE_NET},
    {CXM_PRESET_CES_7, 1, 7, 5, 7, 1, 3, CXM_HEADLINE_MEAN},
    {CXM_PRESET_CES_5, 1, 5, 1, 2, 4, 5, CXM_HEADLINE_MEAN},
    {CXM_PRESET_NET_EASY_7, 1, 7, 1, 2, 5, 7, CXM_HEADLINE_NET},
};
#define N_PRESETS (sizeof expected_presets / sizeof expected_presets[0])

START_TEST(preset_values_and_numbers)
{
    /* include/cxmetrics.h ("Scales") fixes the enum values. */
    ck_assert_int_eq(CXM_PRESET_CSAT_5, 1);
    ck_assert_int_eq(CXM_PRESET_CSAT_3, 2);
    ck_assert_int_eq(CXM_PRESET_CSAT_10, 3);
    ck_assert_int_eq(CXM_PRESET_CSAT_BINARY, 4);
    ck_assert_int_eq(CXM_PRESET_NPS, 5);
    ck_assert_int_eq(CXM_PRESET_CES_7, 6);
    ck_assert_int_eq(CXM_PRESET_CES_5, 7);
    ck_assert_int_eq(CXM_PRESET_NET_EASY_7, 8);
    ck_assert_int_eq(CXM_HEADLINE_POSITIVE_SHARE, 1);
    ck_assert_int_eq(CXM_HEADLINE_NET, 2);
    ck_assert_int_eq(CXM_HEADLINE_MEAN, 3);
    ck_assert_uint_eq(sizeof(cxm_scale), 32);
}
END_TEST

START_TEST(every_preset_exact)
{
    const preset_row *row = &expected_presets[_i];
    cxm_scale s = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(row->preset, &s), CXM_OK);
    ck_assert_uint_eq(s.size, sizeof(cxm_scale));
    ck_assert_int_eq(s.min, row->min);
    ck_assert_int_eq(s.max, row->max);
    ck_assert_int_eq(s.positive_min, row->pos_min);
    ck_assert_int_eq(s.positive_max, row->pos_max);
    ck_assert_int_eq(s.negative_min, row->neg_min);
    ck_assert_int_eq(s.negative_max, row->neg_max);
    ck_assert_int_eq(s.headline, row->headline);
    ck_assert_int_eq(cxm_scale_check(&s), CXM_OK);
}
END_TEST

START_TEST(preset_errors_leave_out_unchanged)
{
    cxm_scale s = make_scale(7, 7, 7, 7, 7, 7, 7);
    cxm_scale before = s;
    const int unknown[] = {0, 9, -1, 100, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        ck_assert_int_eq(cxm_scale_preset(unknown[i], &s), CXM_ERR_ARG);
        ck_assert_mem_eq(&s, &before, sizeof s);
    }
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, NULL), CXM_ERR_NULL);
    s.size = 0;
    before = s;
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &s), CXM_ERR_SIZE);
    ck_assert_mem_eq(&s, &before, sizeof s);
    s.size = sizeof(cxm_scale) - 1;
    before = s;
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &s), CXM_ERR_SIZE);
    ck_assert_mem_eq(&s, &before, sizeof s);
}
END_TEST

/* A newer program's larger struct: the library fills what it knows, zeroes
 * the rest up to size, keeps size, and touches nothing beyond. */
typedef struct bigger_scale {
    cxm_scale known;
    int32_t future[3];
    int32_t beyond; /* past `size`: must never be touched */
} bigger_scale;

START_TEST(preset_into_larger_struct)
{
    bigger_scale big;
    memset(&big, 0xAB, sizeof big);
    big.known.size = (uint32_t)offsetof(bigger_scale, beyond);
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &big.known), CXM_OK);
    ck_assert_uint_eq(big.known.size, offsetof(bigger_scale, beyond));
    ck_assert_int_eq(big.known.min, 0);
    ck_assert_int_eq(big.known.headline, CXM_HEADLINE_NET);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(big.future[i], 0);
    }
    ck_assert_uint_eq((uint32_t)big.beyond, 0xABABABABu);
}
END_TEST

START_TEST(check_size_rules)
{
    bigger_scale big;
    memset(&big, 0, sizeof big);
    big.known = make_scale(1, 5, 4, 5, 1, 2, CXM_HEADLINE_POSITIVE_SHARE);
    ck_assert_int_eq(cxm_scale_check(&big.known), CXM_OK);
    big.known.size = sizeof big;
    ck_assert_int_eq(cxm_scale_check(&big.known), CXM_OK); /* zero tail */
    big.beyond = 1;
    ck_assert_int_eq(cxm_scale_check(&big.known), CXM_ERR_SIZE); /* non-zero tail */
    big.beyond = 0;
    big.future[0] = -1;
    ck_assert_int_eq(cxm_scale_check(&big.known), CXM_ERR_SIZE);
    big.known.size = 0;
    ck_assert_int_eq(cxm_scale_check(&big.known), CXM_ERR_SIZE);
    big.known.size = sizeof(cxm_scale) - 4;
    ck_assert_int_eq(cxm_scale_check(&big.known), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_scale_check(NULL), CXM_ERR_NULL);
}
END_TEST

START_TEST(valid_scales)
{
    const cxm_scale ok[] = {
        make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_NET),      /* 101 values: a slider */
        make_scale(1, 2, 2, 2, 1, 1, CXM_HEADLINE_POSITIVE_SHARE), /* empty neutral band */
        make_scale(-5, 5, -5, -3, 3, 5, CXM_HEADLINE_MEAN),        /* positive below negative */
        make_scale(INT32_MAX - 100, INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX - 100,
                   INT32_MAX - 100, CXM_HEADLINE_NET), /* at the top of int32 */
        make_scale(INT32_MIN, INT32_MIN + 100, INT32_MIN, INT32_MIN, INT32_MIN + 1, INT32_MIN + 100,
                   CXM_HEADLINE_MEAN),                             /* at the bottom */
        make_scale(1, 5, 3, 5, 1, 2, CXM_HEADLINE_POSITIVE_SHARE), /* adjacent bands */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_msg(cxm_scale_check(&ok[i]) == CXM_OK, "valid scale %zu refused", i);
    }
}
END_TEST

START_TEST(invalid_scales)
{
    const cxm_scale bad[] = {
        make_scale(0, 101, 90, 101, 0, 60, CXM_HEADLINE_NET),      /* 102 values */
        make_scale(5, 1, 4, 5, 1, 2, CXM_HEADLINE_POSITIVE_SHARE), /* min > max */
        make_scale(3, 3, 3, 3, 3, 3, CXM_HEADLINE_MEAN),           /* one value: bands overlap */
        make_scale(INT32_MIN, INT32_MAX, 1, 2, -2, -1, CXM_HEADLINE_NET), /* span overflows */
        make_scale(1, 5, 5, 4, 1, 2, CXM_HEADLINE_POSITIVE_SHARE),        /* empty positive band */
        make_scale(1, 5, 4, 5, 2, 1, CXM_HEADLINE_POSITIVE_SHARE),        /* empty negative band */
        make_scale(1, 5, 4, 6, 1, 2, CXM_HEADLINE_POSITIVE_SHARE),        /* positive above max */
        make_scale(1, 5, 4, 5, 0, 2, CXM_HEADLINE_POSITIVE_SHARE),        /* negative below min */
        make_scale(1, 5, 6, 7, 1, 2, CXM_HEADLINE_POSITIVE_SHARE),        /* positive outside */
        make_scale(1, 5, 3, 5, 1, 3, CXM_HEADLINE_POSITIVE_SHARE),        /* bands share 3 */
        make_scale(1, 5, 1, 5, 2, 3, CXM_HEADLINE_POSITIVE_SHARE), /* negative inside positive */
        make_scale(1, 5, 4, 5, 4, 5, CXM_HEADLINE_POSITIVE_SHARE), /* identical bands */
        make_scale(1, 5, 4, 5, 1, 2, 0),                           /* headline 0 */
        make_scale(1, 5, 4, 5, 1, 2, 4),                           /* headline 4 */
        make_scale(1, 5, 4, 5, 1, 2, -1),                          /* headline -1 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(cxm_scale_check(&bad[i]) == CXM_ERR_SCALE, "invalid scale %zu: got %d", i,
                      cxm_scale_check(&bad[i]));
        ck_assert_uint_eq(cxm_acc_footprint(&bad[i]), 0);
        cxm_acc *sentinel = (cxm_acc *)&bad[i], *acc = sentinel;
        ck_assert_int_eq(cxm_acc_new(&bad[i], &acc), CXM_ERR_SCALE);
        ck_assert_ptr_eq(acc, sentinel);
    }
}
END_TEST

static Suite *scale_suite(void)
{
    Suite *s = suite_create("scale");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, preset_values_and_numbers);
    tcase_add_loop_test(tc, every_preset_exact, 0, (int)N_PRESETS);
    tcase_add_test(tc, preset_errors_leave_out_unchanged);
    tcase_add_test(tc, preset_into_larger_struct);
    tcase_add_test(tc, check_size_rules);
    tcase_add_test(tc, valid_scales);
    tcase_add_test(tc, invalid_scales);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(scale_suite)
