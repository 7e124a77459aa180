/* Method resolution (cxm_method_resolve): which quantity and method a call
 * resolves HEADLINE and DEFAULT to, and which combinations each table allows.
 * The expected tables are the header's lists (cxm_acc_interval,
 * cxm_acc_compare, and the weighted table of the "Weighted responses"
 * section), copied by hand; a second test checks the answers against what the
 * statistics calls themselves do. */
#include <limits.h>

#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

enum { SHARE, NET, MEAN, KINDS };

/* Allowed methods per use and kind of quantity, the default first; 0 ends. */
static const int allowed[CXM_USE_WEIGHTED_COMPARE + 1][KINDS][8] = {
    [CXM_USE_INTERVAL] = {[SHARE] = {CXM_METHOD_WILSON, CXM_METHOD_WILSON_CC,
                                     CXM_METHOD_AGRESTI_COULL, CXM_METHOD_CLOPPER_PEARSON,
                                     CXM_METHOD_WALD, CXM_METHOD_JEFFREYS},
                          [NET] = {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD, CXM_METHOD_SCORE},
                          [MEAN] = {CXM_METHOD_T}},
    [CXM_USE_COMPARE] = {[SHARE] = {CXM_METHOD_WILSON, CXM_METHOD_WALD},
                         [NET] = {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD},
                         [MEAN] = {CXM_METHOD_T}},
    [CXM_USE_WEIGHTED_INTERVAL] = {[SHARE] = {CXM_METHOD_CLOPPER_PEARSON, CXM_METHOD_WALD,
                                              CXM_METHOD_LOGIT},
                                   [NET] = {CXM_METHOD_WALD},
                                   [MEAN] = {CXM_METHOD_T}},
    [CXM_USE_WEIGHTED_COMPARE] =
        {[SHARE] = {CXM_METHOD_WALD}, [NET] = {CXM_METHOD_WALD}, [MEAN] = {CXM_METHOD_T}},
};

static int kind_of(int quantity)
{
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
    case CXM_QUANTITY_NEGATIVE_SHARE: return SHARE;
    case CXM_QUANTITY_NET: return NET;
    default: return MEAN;
    }
}

static bool in_list(const int *list, int method)
{
    for (int i = 0; list[i] != 0; i++) {
        if (list[i] == method) {
            return true;
        }
    }
    return false;
}

/* The quantity HEADLINE means on each preset. */
static int headline_quantity(const cxm_scale *scale)
{
    switch (scale->headline) {
    case CXM_HEADLINE_POSITIVE_SHARE: return CXM_QUANTITY_POSITIVE_SHARE;
    case CXM_HEADLINE_NET: return CXM_QUANTITY_NET;
    default: return CXM_QUANTITY_MEAN;
    }
}

/* Every preset x use x quantity x method in -1 .. 12: resolved exactly as the
 * table above says, refused (outputs untouched) otherwise. */
START_TEST(every_combination)
{
    for (int preset = CXM_PRESET_CSAT_5; preset <= CXM_PRESET_NET_EASY_7; preset++) {
        cxm_scale scale = preset_scale(preset);
        for (int use = CXM_USE_INTERVAL; use <= CXM_USE_WEIGHTED_COMPARE; use++) {
            for (int q = CXM_QUANTITY_HEADLINE; q <= CXM_QUANTITY_MEAN; q++) {
                int quantity = q == CXM_QUANTITY_HEADLINE ? headline_quantity(&scale) : q;
                const int *list = allowed[use][kind_of(quantity)];
                for (int method = -1; method <= 12; method++) {
                    int got_q = -99, got_m = -99;
                    int status = cxm_method_resolve(&scale, q, method, use, &got_q, &got_m);
                    if (method == CXM_METHOD_DEFAULT || in_list(list, method)) {
                        ck_assert_int_eq(status, CXM_OK);
                        ck_assert_int_eq(got_q, quantity);
                        ck_assert_int_eq(got_m, method == CXM_METHOD_DEFAULT ? list[0] : method);
                    } else {
                        ck_assert_msg(status == CXM_ERR_ARG, "preset %d use %d q %d method %d",
                                      preset, use, q, method);
                        ck_assert_int_eq(got_q, -99);
                        ck_assert_int_eq(got_m, -99);
                    }
                }
            }
        }
    }
}
END_TEST

/* The unweighted tables are the ones the statistics calls use: whenever
 * resolve accepts, the call reports the same quantity and method; whenever
 * it refuses, the call says CXM_ERR_ARG too. */
START_TEST(agrees_with_the_statistics_calls)
{
    cxm_scale scale = preset_scale(CXM_PRESET_NPS);
    cxm_acc *a = new_scale_acc(&scale), *b = new_scale_acc(&scale);
    const int32_t ratings[] = {0, 3, 6, 7, 8, 9, 9, 10, 10, 10};
    ck_assert_int_eq(cxm_acc_add_many(a, ratings, COUNT_OF(ratings), NULL), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_many(b, ratings, COUNT_OF(ratings) - 3, NULL), CXM_OK);
    for (int q = CXM_QUANTITY_HEADLINE; q <= CXM_QUANTITY_MEAN; q++) {
        for (int method = 0; method <= 12; method++) {
            int rq = 0, rm = 0;
            int status = cxm_method_resolve(&scale, q, method, CXM_USE_INTERVAL, &rq, &rm);
            cxm_interval iv = CXM_INTERVAL_INIT;
            int got = cxm_acc_interval(a, q, method, 0.9, &iv);
            ck_assert_int_eq(got, status);
            if (status == CXM_OK) {
                ck_assert_int_eq(iv.quantity, rq);
                ck_assert_int_eq(iv.method, rm);
            }
            status = cxm_method_resolve(&scale, q, method, CXM_USE_COMPARE, &rq, &rm);
            cxm_comparison c = CXM_COMPARISON_INIT;
            got = cxm_acc_compare(a, b, q, method, 0.9, &c);
            ck_assert_int_eq(got, status);
            if (status == CXM_OK) {
                ck_assert_int_eq(c.quantity, rq);
                ck_assert_int_eq(c.method, rm);
            }
        }
    }
    cxm_acc_free(a);
    cxm_acc_free(b);
}
END_TEST

START_TEST(errors_leave_outputs_alone)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    int q = -99, m = -99;
    ck_assert_int_eq(cxm_method_resolve(NULL, 0, 0, CXM_USE_INTERVAL, &q, &m), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_method_resolve(&nps, 0, 0, CXM_USE_INTERVAL, NULL, &m), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_method_resolve(&nps, 0, 0, CXM_USE_INTERVAL, &q, NULL), CXM_ERR_NULL);
    cxm_scale bad = nps;
    bad.positive_min = 3; /* overlaps the negative band */
    ck_assert_int_eq(cxm_method_resolve(&bad, 0, 0, CXM_USE_INTERVAL, &q, &m), CXM_ERR_SCALE);
    bad = nps;
    bad.size = 8;
    ck_assert_int_eq(cxm_method_resolve(&bad, 0, 0, CXM_USE_INTERVAL, &q, &m), CXM_ERR_SIZE);
    const int bad_use[] = {0, 5, -1, INT_MIN, INT_MAX};
    for (size_t i = 0; i < COUNT_OF(bad_use); i++) {
        ck_assert_int_eq(cxm_method_resolve(&nps, 0, 0, bad_use[i], &q, &m), CXM_ERR_ARG);
    }
    const int bad_quantity[] = {-1, 5, INT_MIN, INT_MAX};
    for (size_t i = 0; i < COUNT_OF(bad_quantity); i++) {
        ck_assert_int_eq(cxm_method_resolve(&nps, bad_quantity[i], 0, CXM_USE_COMPARE, &q, &m),
                         CXM_ERR_ARG);
    }
    ck_assert_int_eq(cxm_method_resolve(&nps, 0, INT_MIN, CXM_USE_COMPARE, &q, &m), CXM_ERR_ARG);
    ck_assert_int_eq(q, -99);
    ck_assert_int_eq(m, -99);
}
END_TEST

/* The facts the layers above take from the header. */
START_TEST(facts_for_the_layers)
{
    ck_assert_int_eq(CXM_SCALE_MAX_RATINGS, 101);
    cxm_scale widest = make_scale(0, CXM_SCALE_MAX_RATINGS - 1, 90, 100, 0, 10, CXM_HEADLINE_MEAN);
    ck_assert_uint_eq(cxm_acc_footprint(&widest), CXM_ACC_FOOTPRINT_MAX);
    cxm_scale too_wide = make_scale(0, CXM_SCALE_MAX_RATINGS, 90, 100, 0, 10, CXM_HEADLINE_MEAN);
    ck_assert_int_eq(cxm_scale_check(&too_wide), CXM_ERR_SCALE);
    for (int preset = CXM_PRESET_CSAT_5; preset <= CXM_PRESET_NET_EASY_7; preset++) {
        cxm_scale scale = preset_scale(preset);
        ck_assert_uint_le(cxm_acc_footprint(&scale), CXM_ACC_FOOTPRINT_MAX);
    }
    /* a buffer of CXM_ACC_FOOTPRINT_MAX bytes holds the widest accumulator */
    _Alignas(max_align_t) unsigned char mem[CXM_ACC_FOOTPRINT_MAX];
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_init(mem, sizeof mem, &widest, &acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 100, 7), CXM_OK);
    ck_assert_int_eq(cxm_acc_init(mem, sizeof mem - 1, &widest, &acc), CXM_ERR_SIZE);
}
END_TEST

static Suite *methods_suite(void)
{
    Suite *s = suite_create("methods");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_combination);
    tcase_add_test(tc, agrees_with_the_statistics_calls);
    tcase_add_test(tc, errors_leave_outputs_alone);
    tcase_add_test(tc, facts_for_the_layers);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(methods_suite)
