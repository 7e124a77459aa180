/* Adjusted p-values (cxm_adjust_p) and their names.
 *
 * Expected values: R 4.2.2's p.adjust, printed as hexadecimal constants by
 * tests/reference/adjust.R (tests/reference/adjust_cases.h). The library
 * performs R's operations in R's order — (m / i) * p, cumulative extremes that
 * keep the later of equal values, the harmonic number of BY summed as R's
 * sum() does on x86-64 — so every value is compared bit for bit, the sign of
 * a zero included: the tolerance is zero, on every platform. */
#include <float.h>
#include <math.h>

#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct adjust_case {
    const char *name;
    size_t n;
    const double *p;
    const double *adjusted[5]; /* by CXM_ADJUST_* - 1 */
} adjust_case;

#include "reference/adjust_cases.h"

/* Same bits: equal values of the same sign, or both NaN. */
static bool same_double(double got, double want)
{
    if (isnan(want)) {
        return isnan(got);
    }
    return got == want && signbit(got) == signbit(want);
}

static void check_adjusted(const char *what, int method, const double *got, const double *want,
                           size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(same_double(got[i], want[i]), "%s %s [%zu]: %a, R says %a", what,
                      cxm_adjust_name(method), i, got[i], want[i]);
    }
}

START_TEST(matches_r_bit_for_bit)
{
    for (size_t c = 0; c < COUNT_OF(adjust_cases); c++) {
        const adjust_case *k = &adjust_cases[c];
        for (int method = CXM_ADJUST_BONFERRONI; method <= CXM_ADJUST_BY; method++) {
            double out[64];
            ck_assert_uint_le(k->n, COUNT_OF(out));
            ck_assert_int_eq(cxm_adjust_p(k->p, k->n, method, out), CXM_OK);
            check_adjusted(k->name, method, out, k->adjusted[method - 1], k->n);
        }
    }
}
END_TEST

/* out == p: the adjustment in place gives the same bits. */
START_TEST(in_place)
{
    for (size_t c = 0; c < COUNT_OF(adjust_cases); c++) {
        const adjust_case *k = &adjust_cases[c];
        for (int method = CXM_ADJUST_BONFERRONI; method <= CXM_ADJUST_BY; method++) {
            double p[64];
            memcpy(p, k->p, k->n * sizeof p[0]);
            ck_assert_int_eq(cxm_adjust_p(p, k->n, method, p), CXM_OK);
            check_adjusted(k->name, method, p, k->adjusted[method - 1], k->n);
        }
    }
}
END_TEST

/* 20 007 p-values with many ties and 206 NaN, built exactly as adjust.R
 * builds them; R's values at every 37th position. */
START_TEST(many_p_values)
{
    double *p = malloc(LARGE_N * sizeof *p), *out = malloc(LARGE_N * sizeof *out);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(out);
    for (size_t i = 1; i <= LARGE_N; i++) {
        p[i - 1] = i % 97 == 0 ? NAN : (double)(7919 * i % 1009) / 1009.0;
    }
    for (int method = CXM_ADJUST_BONFERRONI; method <= CXM_ADJUST_BY; method++) {
        ck_assert_int_eq(cxm_adjust_p(p, LARGE_N, method, out), CXM_OK);
        for (size_t k = 0; k < COUNT_OF(large_at); k++) {
            size_t at = large_at[k];
            ck_assert_msg(same_double(out[at], large_adjusted[method - 1][k]),
                          "%s [%zu]: %a, R says %a", cxm_adjust_name(method), at, out[at],
                          large_adjusted[method - 1][k]);
        }
    }
    free(p);
    free(out);
}
END_TEST

/* Properties every method has, on seeded random inputs: results in [p, 1]
 * (never below the p-value itself), NaN where p is NaN, and the order of the
 * p-values kept (a smaller p never gets a larger adjusted value). */
START_TEST(properties)
{
    uint64_t seed = 0xad105eedu;
    for (int round = 0; round < 200; round++) {
        uint64_t state = seed + (uint64_t)round;
        size_t n = 1 + (size_t)(next_random(&state) % 40);
        double p[40], out[40];
        for (size_t i = 0; i < n; i++) {
            uint64_t r = next_random(&state);
            p[i] = r % 11 == 0 ? NAN : (double)(r >> 11) / 0x1p53 * (r % 3 == 0 ? 1e-3 : 1.0);
        }
        for (int method = CXM_ADJUST_BONFERRONI; method <= CXM_ADJUST_BY; method++) {
            ck_assert_int_eq(cxm_adjust_p(p, n, method, out), CXM_OK);
            bool held = true;
            for (size_t i = 0; i < n; i++) {
                if (isnan(p[i])) {
                    held = held && isnan(out[i]);
                    continue;
                }
                held = held && out[i] >= p[i] && out[i] <= 1.0;
                for (size_t j = 0; j < n; j++) {
                    held = held && (!(p[i] < p[j]) || out[i] <= out[j]);
                }
            }
            ck_assert_msg(held, "%s, seed %llu", cxm_adjust_name(method),
                          (unsigned long long)(seed + (uint64_t)round));
        }
    }
}
END_TEST

/* Hand-worked, from the definitions: p = (0.01, 0.02, 0.03, 0.04), m = 4.
 * Holm: 4 * 0.01, 3 * 0.02, 2 * 0.03, 0.04, each at least the one before
 * -> 0.04, 0.06, 0.06, 0.06. Hochberg: from the top, 0.04, min(0.04, 2 *
 * 0.03), ... -> 0.04 everywhere. BH: 4/4 * 0.04 = 0.04, min(0.04, 4/3 *
 * 0.03 = 0.04), min(., 4/2 * 0.02), min(., 4 * 0.01) -> 0.04 everywhere. */
START_TEST(hand_worked)
{
    const double p[] = {0.01, 0.02, 0.03, 0.04};
    const double holm[] = {0.04, 0.06, 0.06, 0.06};
    double out[4];
    ck_assert_int_eq(cxm_adjust_p(p, 4, CXM_ADJUST_HOLM, out), CXM_OK);
    for (int i = 0; i < 4; i++) {
        ck_assert_double_eq_tol(out[i], holm[i], 1e-17);
    }
    ck_assert_int_eq(cxm_adjust_p(p, 4, CXM_ADJUST_HOCHBERG, out), CXM_OK);
    for (int i = 0; i < 4; i++) {
        ck_assert_double_eq_tol(out[i], 0.04, 1e-17);
    }
    ck_assert_int_eq(cxm_adjust_p(p, 4, CXM_ADJUST_BH, out), CXM_OK);
    for (int i = 0; i < 4; i++) {
        ck_assert_double_eq_tol(out[i], 0.04, 1e-17);
    }
    ck_assert_int_eq(cxm_adjust_p(p, 4, CXM_ADJUST_BONFERRONI, out), CXM_OK);
    ck_assert_double_eq_tol(out[3], 0.16, 1e-17);
    /* BY: BH times 1 + 1/2 + 1/3 + 1/4 = 25/12 */
    ck_assert_int_eq(cxm_adjust_p(p, 4, CXM_ADJUST_BY, out), CXM_OK);
    for (int i = 0; i < 4; i++) {
        ck_assert_double_eq_tol(out[i], 0.04 * 25.0 / 12.0, 1e-16);
    }
}
END_TEST

/* docs/statistics.md, "Many comparisons at once": the table there (R's
p.adjust, to 17 digits; three places in the document). */
START_TEST(documented_example)
{
    const double p[] = {0.004, 0.011, 0.029, 0.04, 0.25};
    const double r[5][5] = {
        {0.02, 0.054999999999999993, 0.145000000000000018, 0.200000000000000011, 1},
        {0.02, 0.043999999999999997, 0.087000000000000008, 0.087000000000000008, 0.25},
        {0.02, 0.043999999999999997, 0.080000000000000002, 0.080000000000000002, 0.25},
        {0.02, 0.027499999999999997, 0.048333333333333339, 0.050000000000000003, 0.25},
        {0.045666666666666668, 0.062791666666666662, 0.110361111111111104, 0.114166666666666666,
         0.570833333333333304},
    };
    for (int method = CXM_ADJUST_BONFERRONI; method <= CXM_ADJUST_BY; method++) {
        double out[5];
        ck_assert_int_eq(cxm_adjust_p(p, 5, method, out), CXM_OK);
        check_adjusted("documented", method, out, r[method - 1], 5);
    }
}
END_TEST

START_TEST(errors_leave_out_unchanged)
{
    const double p[] = {0.01, 0.5, NAN};
    double out[3] = {7, 8, 9};
    const double before[3] = {7, 8, 9};
    ck_assert_int_eq(cxm_adjust_p(NULL, 3, CXM_ADJUST_BH, out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_adjust_p(p, 3, CXM_ADJUST_BH, NULL), CXM_ERR_NULL);
    const int bad_methods[] = {0, 6, -1, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < COUNT_OF(bad_methods); i++) {
        ck_assert_int_eq(cxm_adjust_p(p, 3, bad_methods[i], out), CXM_ERR_ARG);
        ck_assert_int_eq(cxm_adjust_p(NULL, 0, bad_methods[i], NULL), CXM_ERR_ARG);
    }
    const double bad_values[] = {-0.001, 1.0000000000000002, INFINITY, -INFINITY, -DBL_MIN};
    for (size_t i = 0; i < COUNT_OF(bad_values); i++) {
        double q[3] = {0.2, 0.3, bad_values[i]};
        for (int method = CXM_ADJUST_BONFERRONI; method <= CXM_ADJUST_BY; method++) {
            ck_assert_int_eq(cxm_adjust_p(q, 3, method, out), CXM_ERR_ARG);
            ck_assert_int_eq(cxm_adjust_p(q, 3, method, q), CXM_ERR_ARG);
            ck_assert_double_eq(q[0], 0.2); /* in place: unchanged too */
        }
    }
    ck_assert_mem_eq(out, before, sizeof out);
    /* n = 0 is a no-op, with or without arrays */
    ck_assert_int_eq(cxm_adjust_p(NULL, 0, CXM_ADJUST_HOLM, NULL), CXM_OK);
    ck_assert_int_eq(cxm_adjust_p(p, 0, CXM_ADJUST_HOLM, out), CXM_OK);
    ck_assert_mem_eq(out, before, sizeof out);
}
END_TEST

START_TEST(names)
{
    static const char *const expected[] = {NULL, "bonferroni", "holm", "hochberg", "bh", "by"};
    for (int method = CXM_ADJUST_BONFERRONI; method <= CXM_ADJUST_BY; method++) {
        ck_assert_str_eq(cxm_adjust_name(method), expected[method]);
        int got = 0;
        ck_assert_int_eq(cxm_adjust_parse(expected[method], strlen(expected[method]), &got),
                         CXM_OK);
        ck_assert_int_eq(got, method);
    }
    ck_assert_ptr_null(cxm_adjust_name(0));
    ck_assert_ptr_null(cxm_adjust_name(6));
    ck_assert_ptr_null(cxm_adjust_name(-1));
    static const char *const unknown[] = {"BH", "Holm", "fdr", "none", "hommel", "bh ", "b", ""};
    int got = -99;
    for (size_t i = 0; i < COUNT_OF(unknown); i++) {
        ck_assert_int_eq(cxm_adjust_parse(unknown[i], strlen(unknown[i]), &got), CXM_ERR_ARG);
    }
    ck_assert_int_eq(cxm_adjust_parse("bh\0", 3, &got), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_adjust_parse("holm", 4, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_adjust_parse(NULL, 1, &got), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_adjust_parse(NULL, 0, &got), CXM_ERR_ARG);
    ck_assert_int_eq(got, -99);
}
END_TEST

static Suite *adjust_suite(void)
{
    Suite *s = suite_create("adjust");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, matches_r_bit_for_bit);
    tcase_add_test(tc, in_place);
    tcase_add_test(tc, many_p_values);
    tcase_add_test(tc, properties);
    tcase_add_test(tc, hand_worked);
    tcase_add_test(tc, documented_example);
    tcase_add_test(tc, errors_leave_out_unchanged);
    tcase_add_test(tc, names);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(adjust_suite)
