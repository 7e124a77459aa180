/* Sample-size planning (cxm_plan_sample_size).
 *
 * Expected values: R 4.2.2 from the formulas (tests/reference/plan.R ->
 * tests/reference/plan_cases.h, each case at least 1e-6 away from a whole
 * number, where R's doubles and the library's exact variance agree), the
 * worked examples of docs/statistics.md ("How many answers do you need?"),
 * and hand-worked integer arithmetic for the finite-population step. */
#include <float.h>

#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct plan_case {
    int preset;
    int has_pilot;
    uint64_t counts[11]; /* pilot counts from the scale's min */
    int quantity;
    double confidence, half_width;
    uint64_t population, n;
} plan_case;

#include "reference/plan_cases.h"

/* cxm_plan_sample_size, failing the test unless it succeeds. */
static uint64_t plan(const cxm_scale *scale, const cxm_acc *expected, int quantity,
                     double confidence, double half_width, uint64_t population)
{
    uint64_t n = 0;
    ck_assert_int_eq(
        cxm_plan_sample_size(scale, expected, quantity, confidence, half_width, population, &n),
        CXM_OK);
    return n;
}

START_TEST(matches_r)
{
    for (size_t c = 0; c < COUNT_OF(plan_cases); c++) {
        const plan_case *k = &plan_cases[c];
        cxm_scale scale = preset_scale(k->preset);
        cxm_acc *pilot = NULL;
        if (k->has_pilot) {
            pilot = new_scale_acc(&scale);
            for (int32_t r = scale.min; r <= scale.max; r++) {
                ck_assert_int_eq(cxm_acc_add_count(pilot, r, k->counts[r - scale.min]), CXM_OK);
            }
        }
        uint64_t n = plan(&scale, pilot, k->quantity, k->confidence, k->half_width, k->population);
        ck_assert_msg(n == k->n, "case %zu: %llu, R says %llu", c, (unsigned long long)n,
                      (unsigned long long)k->n);
        cxm_acc_free(pilot);
    }
}
END_TEST

/* docs/statistics.md, "How many answers do you need?": each example there. */
START_TEST(documented_examples)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_scale csat = preset_scale(CXM_PRESET_CSAT_5);
    cxm_scale ces = preset_scale(CXM_PRESET_CES_7);
    /* worst case NPS +-5 at 95 %: 1.959964^2 * 10000 / 25 = 1536.58 */
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_HEADLINE, 0.95, 5, 0), 1537);
    /* 2 000 customers: 1537 * 2000 / 3536 = 869.3 */
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_HEADLINE, 0.95, 5, 2000), 870);
    /* the pilot: 50 promoters, 30 passives, 20 detractors: sigma^2 = 10000 *
     * (0.7 - 0.09) = 6100, 3.841459 * 6100 / 25 = 937.3 */
    cxm_acc *pilot = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 10, 50), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 8, 30), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 2, 20), CXM_OK);
    ck_assert_uint_eq(plan(&nps, pilot, CXM_QUANTITY_NET, 0.95, 5, 0), 938);
    /* halving the margin quadruples the answers: 4 * 937.3 = 3749.3 */
    ck_assert_uint_eq(plan(&nps, pilot, CXM_QUANTITY_NET, 0.95, 2.5, 0), 3750);
    cxm_acc_free(pilot);
    /* CSAT worst case +-5 at 95 %: 3.841459 * 2500 / 25 = 384.15 (Cochran's
     * 385); 1 000 customers: 385 * 1000 / 1384 = 278.2 */
    ck_assert_uint_eq(plan(&csat, NULL, CXM_QUANTITY_HEADLINE, 0.95, 5, 0), 385);
    ck_assert_uint_eq(plan(&csat, NULL, CXM_QUANTITY_HEADLINE, 0.95, 5, 1000), 279);
    /* CES 1-7 mean +-0.1 at 95 %, worst case (7 - 1)^2 / 4 = 9: 3457.3 */
    ck_assert_uint_eq(plan(&ces, NULL, CXM_QUANTITY_HEADLINE, 0.95, 0.1, 0), 3458);
    /* a 0-100 slider, mean +-1 at 95 %: 3.841459 * 2500 = 9603.6 */
    cxm_scale slider = make_scale(0, 100, 80, 100, 0, 60, CXM_HEADLINE_MEAN);
    ck_assert_uint_eq(plan(&slider, NULL, CXM_QUANTITY_MEAN, 0.95, 1, 0), 9604);
}
END_TEST

/* HEADLINE is the scale's headline quantity. */
START_TEST(headline_resolves)
{
    for (int preset = CXM_PRESET_CSAT_5; preset <= CXM_PRESET_NET_EASY_7; preset++) {
        cxm_scale scale = preset_scale(preset);
        int quantity = scale.headline == CXM_HEADLINE_POSITIVE_SHARE ? CXM_QUANTITY_POSITIVE_SHARE
                       : scale.headline == CXM_HEADLINE_NET          ? CXM_QUANTITY_NET
                                                                     : CXM_QUANTITY_MEAN;
        ck_assert_uint_eq(plan(&scale, NULL, CXM_QUANTITY_HEADLINE, 0.9, 0.5, 0),
                          plan(&scale, NULL, quantity, 0.9, 0.5, 0));
    }
}
END_TEST

/* sigma^2 = 0 gives 1, with or without a population; so does one answer for
 * a share (p is then 0 or 1). */
START_TEST(alike_answers_need_one)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_acc *pilot = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 10, 400), CXM_OK);
    for (int q = CXM_QUANTITY_HEADLINE; q <= CXM_QUANTITY_MEAN; q++) {
        ck_assert_uint_eq(plan(&nps, pilot, q, 0.95, 1e-6, 0), 1);
        ck_assert_uint_eq(plan(&nps, pilot, q, 0.95, 1e-6, 50), 1);
        ck_assert_uint_eq(plan(&nps, pilot, q, 0.95, 1e-6, 1), 1);
    }
    cxm_acc_reset(pilot);
    ck_assert_int_eq(cxm_acc_add(pilot, 3), CXM_OK);
    ck_assert_uint_eq(plan(&nps, pilot, CXM_QUANTITY_NET, 0.95, 0.01, 0), 1);
    cxm_acc_free(pilot);
    /* a half-width wider than the whole range still needs one answer */
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 1e6, 0), 1);
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, INFINITY, 0), 1);
}
END_TEST

/* The ceiling rule of the header: with z = 2 (confidence 2 Phi(2) - 1), the
 * worst-case share at +-10 needs exactly 4 * 2500 / 100 = 100 answers. A
 * half-width a relative 1e-15 too small puts the value 2e-13 above 100:
 * rounding noise, still 100. One a relative 1e-11 too small puts it 2e-9
 * above, beyond 2^-40 of it: 101. */
START_TEST(ceiling_past_rounding)
{
    cxm_scale csat = preset_scale(CXM_PRESET_CSAT_5);
    const double two_sigma = 0.9544997361036416; /* erf(sqrt(2)), mpmath */
    ck_assert_uint_eq(plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, two_sigma, 10, 0), 100);
    ck_assert_uint_eq(
        plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, two_sigma, 10 * (1 - 1e-15), 0), 100);
    ck_assert_uint_eq(
        plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, two_sigma, 10 * (1 - 1e-11), 0), 101);
    ck_assert_uint_eq(
        plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, two_sigma, 10 * (1 + 1e-11), 0), 100);
}
END_TEST

/* The finite-population step in integers. n0 = 2^27 + 1 (a half-width that
 * puts z^2 sigma^2 / h^2 at 2^27 + 1/2) and N = 2^27 (2^27 - 2) / 3 give
 * n0 N / (N + n0 - 1) = 2^27 - 2 exactly (Python's fractions), where n0 N
 * is some 10^25: doubles would round it. */
START_TEST(finite_population_exact)
{
    cxm_scale csat = preset_scale(CXM_PRESET_CSAT_5);
    const double z = 1.959963984540054; /* qnorm(0.975), R */
    double h = z * 50.0 / sqrt(134217728.5);
    ck_assert_uint_eq(plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, 0.95, h, 0), 134217729);
    ck_assert_uint_eq(
        plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, 0.95, h, UINT64_C(6004799413682176)),
        134217726);
    /* N = 2^40 and 2^64 - 1, n0 = 1537: just under 1537, so 1537 */
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 5, UINT64_C(1) << 40), 1537);
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 5, UINT64_MAX), 1537);
    /* N = n0 = 1537: 1537^2 / 3073 = 768.75 */
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 5, 1537), 769);
    /* n0 = 6, N = 10: 60 / 15 = 4 exactly (worst share, z^2 2500 / h^2 = 5.5) */
    double h6 = z * 50.0 / sqrt(5.5);
    ck_assert_uint_eq(plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, 0.95, h6, 0), 6);
    ck_assert_uint_eq(plan(&csat, NULL, CXM_QUANTITY_POSITIVE_SHARE, 0.95, h6, 10), 4);
}
END_TEST

/* Past UINT64_MAX: OVERFLOW without a population; with one, the population
 * itself, or just under it. */
START_TEST(huge_answers)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    uint64_t n = 77;
    /* x = 3.84 * 10^4 / 10^-18 = 3.8e22 */
    ck_assert_int_eq(cxm_plan_sample_size(&nps, NULL, CXM_QUANTITY_NET, 0.95, 1e-9, 0, &n),
                     CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_plan_sample_size(&nps, NULL, CXM_QUANTITY_NET, 0.95, 1e-200, 0, &n),
                     CXM_ERR_OVERFLOW); /* h^2 underflows: x is infinite */
    ck_assert_uint_eq(n, 77);
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 1e-9, 12345), 12345);
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 1e-30, 12345), 12345);
    ck_assert_uint_eq(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 1e-200, 7), 7);
    /* N = 2^64 - 1, n0 = 3.8e22: n = N - floor(N (N - 1) / (N + n0 - 1)),
     * about N - N / 2083.5 */
    uint64_t big = plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 1e-9, UINT64_MAX);
    ck_assert_uint_lt(big, UINT64_MAX);
    ck_assert_double_eq_tol((double)(UINT64_MAX - big) / 0x1p64,
                            0x1p64 / (0x1p64 + 3.8414588206941247e22), 1e-12);
    /* the largest result without a population that fits */
    ck_assert_uint_gt(plan(&nps, NULL, CXM_QUANTITY_NET, 0.95, 2e-6, 0), UINT64_C(1) << 53);
}
END_TEST

/* Pilots with counts near 2^64: the variance is formed from the integers. */
START_TEST(huge_pilots)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_acc *pilot = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 10, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 0, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 7, 1), CXM_OK);
    /* sigma^2 = 10^4 * 2^63 / (2^63 + 1): the worst case, a hair below */
    ck_assert_uint_eq(plan(&nps, pilot, CXM_QUANTITY_NET, 0.95, 5, 0), 1537);
    /* the mean of 0s and 10s, n (n - 1) ~ 2^126: variance 25 n / (n - 1) */
    ck_assert_uint_eq(plan(&nps, pilot, CXM_QUANTITY_MEAN, 0.95, 0.25, 0), 1537);
    /* a share of 2^62 in 2^63 + 1: p (1 - p) a hair below 1/4 */
    ck_assert_uint_eq(plan(&nps, pilot, CXM_QUANTITY_POSITIVE_SHARE, 0.95, 5, 0), 385);
    cxm_acc_free(pilot);
    /* UINT64_MAX answers, all 9 but one 0: variance 81 / (2^64 - 1), and
     * 3.841459 * 4.391e-18 / 1e-20 = 1686.79 (mpmath) */
    pilot = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_acc_add_count(pilot, 9, UINT64_MAX - 1), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(pilot, 0), CXM_OK);
    ck_assert_uint_eq(plan(&nps, pilot, CXM_QUANTITY_MEAN, 0.95, 1e-10, 0), 1687);
    cxm_acc_free(pilot);
}
END_TEST

START_TEST(errors_leave_out_unchanged)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_scale csat = preset_scale(CXM_PRESET_CSAT_5);
    cxm_acc *empty = new_scale_acc(&nps), *one = new_scale_acc(&nps);
    cxm_acc *other = new_scale_acc(&csat);
    ck_assert_int_eq(cxm_acc_add(one, 9), CXM_OK);
    uint64_t n = 77;
    ck_assert_int_eq(cxm_plan_sample_size(&nps, NULL, 0, 0.95, 5, 0, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_plan_sample_size(NULL, NULL, 0, 0.95, 5, 0, &n), CXM_ERR_NULL);
    cxm_scale bad = nps;
    bad.size = 4;
    ck_assert_int_eq(cxm_plan_sample_size(&bad, NULL, 0, 0.95, 5, 0, &n), CXM_ERR_SIZE);
    bad = nps;
    bad.positive_min = 5; /* overlaps the negative band */
    ck_assert_int_eq(cxm_plan_sample_size(&bad, NULL, 0, 0.95, 5, 0, &n), CXM_ERR_SCALE);
    const int bad_quantities[] = {-1, 5, INT32_MAX};
    for (size_t i = 0; i < COUNT_OF(bad_quantities); i++) {
        ck_assert_int_eq(cxm_plan_sample_size(&nps, NULL, bad_quantities[i], 0.95, 5, 0, &n),
                         CXM_ERR_ARG);
    }
    const double bad_confidences[] = {0, 1, -0.5, 1.5, NAN, INFINITY};
    for (size_t i = 0; i < COUNT_OF(bad_confidences); i++) {
        ck_assert_int_eq(cxm_plan_sample_size(&nps, NULL, 0, bad_confidences[i], 5, 0, &n),
                         CXM_ERR_ARG);
    }
    const double bad_widths[] = {0, -0.0, -1, NAN, -INFINITY};
    for (size_t i = 0; i < COUNT_OF(bad_widths); i++) {
        ck_assert_int_eq(cxm_plan_sample_size(&nps, NULL, 0, 0.95, bad_widths[i], 0, &n),
                         CXM_ERR_ARG);
    }
    ck_assert_int_eq(cxm_plan_sample_size(&nps, other, 0, 0.95, 5, 0, &n), CXM_ERR_MISMATCH);
    for (int q = CXM_QUANTITY_HEADLINE; q <= CXM_QUANTITY_MEAN; q++) {
        ck_assert_int_eq(cxm_plan_sample_size(&nps, empty, q, 0.95, 5, 0, &n), CXM_ERR_EMPTY);
    }
    ck_assert_int_eq(cxm_plan_sample_size(&nps, one, CXM_QUANTITY_MEAN, 0.95, 5, 0, &n),
                     CXM_ERR_EMPTY);
    /* the order: a bad argument before a mismatch, a mismatch before EMPTY */
    ck_assert_int_eq(cxm_plan_sample_size(&nps, other, 9, 0.95, 5, 0, &n), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_plan_sample_size(&bad, other, 9, 2, -1, 0, &n), CXM_ERR_SCALE);
    ck_assert_int_eq(cxm_plan_sample_size(&csat, empty, 0, 0.95, 5, 0, &n), CXM_ERR_MISMATCH);
    ck_assert_uint_eq(n, 77);
    cxm_acc_free(empty);
    cxm_acc_free(one);
    cxm_acc_free(other);
}
END_TEST

static Suite *plan_suite(void)
{
    Suite *s = suite_create("plan");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, matches_r);
    tcase_add_test(tc, documented_examples);
    tcase_add_test(tc, headline_resolves);
    tcase_add_test(tc, alike_answers_need_one);
    tcase_add_test(tc, ceiling_past_rounding);
    tcase_add_test(tc, finite_population_exact);
    tcase_add_test(tc, huge_answers);
    tcase_add_test(tc, huge_pilots);
    tcase_add_test(tc, errors_leave_out_unchanged);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(plan_suite)
