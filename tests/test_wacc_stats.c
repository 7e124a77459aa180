/* Weighted statistics (lib/wacc_stats.c, the weighted snapshot of
 * lib/snapshot.c) against independent references:
 *  - R's survey package (tests/reference/weighted.R, whose output
 *    weighted_cases.h is committed): svymean, svyciprop(method = "beta",
 *    "mean", "logit"), confint(svymean(...), df = degf(design)) on
 *    svydesign(ids = ~1, weights = ~w); Welch-type comparisons written in R on
 *    the svymean results. Within 1e-9 relative (survey's own logit fit is
 *    iterative and converged to about 5e-8, so those rows are checked to 1e-7
 *    and the exact ones come from mpmath).
 *  - mpmath at 60 digits (tests/reference/weighted_exact.py, output
 *    weighted_exact.h): every method and comparison from the integer sums, at
 *    weights up to 2^32 - 1 and counts up to 2^64 - 1, within 1e-12
 *    relative. */
#include <stdio.h>

#include "testutil.h"

#define R_REL 1e-9

typedef struct weighted_response {
    int32_t rating;
    uint32_t weight;
} weighted_response;

typedef struct weighted_sample {
    const char *name;
    int preset;
    const weighted_response *responses;
    size_t n;
} weighted_sample;

typedef struct weighted_interval_case {
    int sample, quantity, method;
    double confidence, estimate, se, low, high;
} weighted_interval_case;

typedef struct weighted_logit_case {
    int sample, quantity;
    double confidence, low, high;
} weighted_logit_case;

typedef struct weighted_compare_case {
    int a, b, quantity;
    double confidence, difference, se, statistic, df, p_value, low, high;
} weighted_compare_case;

typedef struct weighted_spread_case {
    int sample;
    double stddev, n_effective;
} weighted_spread_case;

typedef struct exact_interval_case {
    int state, quantity, method;
    double confidence, estimate, se, low, high;
} exact_interval_case;

typedef struct exact_compare_case {
    int a, b, quantity;
    double confidence, difference, se, statistic, df, p_value, low, high;
} exact_compare_case;

#include "reference/weighted_cases.h"
#include "reference/weighted_exact.h"

#define COUNT(table) (sizeof table / sizeof table[0])

static cxm_wacc *sample_wacc(int index)
{
    const weighted_sample *s = &weighted_samples[index];
    cxm_wacc *w = new_preset_wacc(s->preset);
    for (size_t i = 0; i < s->n; i++) {
        ck_assert_int_eq(cxm_wacc_add(w, s->responses[i].rating, s->responses[i].weight), CXM_OK);
    }
    return w;
}

/* got within rel of want, or both (near) zero: a clipped limit is 0 exactly,
 * and R's p - 1 rounds differently from the counts' difference. */
#define ck_assert_close(got, want, rel)                                                            \
    do {                                                                                           \
        if (fabs(want) < 1e-300) {                                                                 \
            ck_assert_double_eq_tol((got), (want), 1e-300);                                        \
        } else {                                                                                   \
            ck_assert_rel((got), (want), (rel));                                                   \
        }                                                                                          \
    } while (0)

START_TEST(intervals_match_survey)
{
    for (size_t i = 0; i < COUNT(weighted_interval_cases); i++) {
        const weighted_interval_case *c = &weighted_interval_cases[i];
        cxm_wacc *w = sample_wacc(c->sample);
        cxm_interval iv = CXM_INTERVAL_INIT;
        int status = cxm_wacc_interval(w, c->quantity, c->method, c->confidence, &iv);
        ck_assert_msg(status == CXM_OK, "row %zu: %s", i, cxm_status_name(status));
        ck_assert_int_eq(iv.quantity, c->quantity);
        ck_assert_int_eq(iv.method, c->method);
        ck_assert_double_eq(iv.confidence, c->confidence);
        ck_assert_close(iv.estimate, c->estimate, 1e-13);
        ck_assert_close(iv.se, c->se, R_REL);
        ck_assert_close(iv.low, c->low, R_REL);
        ck_assert_close(iv.high, c->high, R_REL);
        cxm_wacc_free(w);
    }
}
END_TEST

START_TEST(logit_matches_survey_to_its_convergence)
{
    for (size_t i = 0; i < COUNT(weighted_logit_cases); i++) {
        const weighted_logit_case *c = &weighted_logit_cases[i];
        cxm_wacc *w = sample_wacc(c->sample);
        cxm_interval iv = CXM_INTERVAL_INIT;
        ck_assert_int_eq(cxm_wacc_interval(w, c->quantity, CXM_METHOD_LOGIT, c->confidence, &iv),
                         CXM_OK);
        ck_assert_int_eq(iv.method, CXM_METHOD_LOGIT);
        ck_assert_rel(iv.low, c->low, 1e-7);
        ck_assert_rel(iv.high, c->high, 1e-7);
        cxm_wacc_free(w);
    }
}
END_TEST

START_TEST(comparisons_match_survey)
{
    for (size_t i = 0; i < COUNT(weighted_compare_cases); i++) {
        const weighted_compare_case *c = &weighted_compare_cases[i];
        cxm_wacc *a = sample_wacc(c->a), *b = sample_wacc(c->b);
        cxm_comparison cmp = CXM_COMPARISON_INIT;
        int status = cxm_wacc_compare(a, b, c->quantity, CXM_METHOD_DEFAULT, c->confidence, &cmp);
        ck_assert_msg(status == CXM_OK, "row %zu: %s", i, cxm_status_name(status));
        int method = c->quantity == CXM_QUANTITY_MEAN ? CXM_METHOD_T : CXM_METHOD_WALD;
        ck_assert_int_eq(cmp.method, method);
        ck_assert_close(cmp.difference, c->difference, R_REL);
        ck_assert_close(cmp.se, c->se, R_REL);
        ck_assert_close(cmp.statistic, c->statistic, R_REL);
        ck_assert_close(cmp.df, c->df, R_REL);
        ck_assert_close(cmp.p_value, c->p_value, R_REL);
        ck_assert_close(cmp.low, c->low, R_REL);
        ck_assert_close(cmp.high, c->high, R_REL);
        cxm_wacc_free(a);
        cxm_wacc_free(b);
    }
}
END_TEST

static cxm_wacc *exact_state(int index)
{
    const char *text = exact_states[index];
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_parse(text, strlen(text), &w), CXM_OK);
    return w;
}

#define EXACT_REL 1e-12

START_TEST(intervals_match_exact_references)
{
    for (size_t i = 0; i < COUNT(exact_interval_cases); i++) {
        const exact_interval_case *c = &exact_interval_cases[i];
        cxm_wacc *w = exact_state(c->state);
        cxm_interval iv = CXM_INTERVAL_INIT;
        int status = cxm_wacc_interval(w, c->quantity, c->method, c->confidence, &iv);
        ck_assert_msg(status == CXM_OK, "row %zu: %s", i, cxm_status_name(status));
        ck_assert_close(iv.estimate, c->estimate, EXACT_REL);
        ck_assert_close(iv.se, c->se, EXACT_REL);
        ck_assert_close(iv.low, c->low, EXACT_REL);
        ck_assert_close(iv.high, c->high, EXACT_REL);
        cxm_wacc_free(w);
    }
}
END_TEST

START_TEST(comparisons_match_exact_references)
{
    for (size_t i = 0; i < COUNT(exact_compare_cases); i++) {
        const exact_compare_case *c = &exact_compare_cases[i];
        cxm_wacc *a = exact_state(c->a), *b = exact_state(c->b);
        cxm_comparison cmp = CXM_COMPARISON_INIT;
        int status = cxm_wacc_compare(a, b, c->quantity, CXM_METHOD_DEFAULT, c->confidence, &cmp);
        ck_assert_msg(status == CXM_OK, "row %zu: %s", i, cxm_status_name(status));
        ck_assert_close(cmp.difference, c->difference, EXACT_REL);
        ck_assert_close(cmp.se, c->se, EXACT_REL);
        ck_assert_close(cmp.statistic, c->statistic, EXACT_REL);
        ck_assert_close(cmp.df, c->df, EXACT_REL);
        ck_assert_close(cmp.p_value, c->p_value, EXACT_REL);
        ck_assert_close(cmp.low, c->low, EXACT_REL);
        ck_assert_close(cmp.high, c->high, EXACT_REL);
        cxm_wacc_free(a);
        cxm_wacc_free(b);
    }
}
END_TEST

/* The worked example of docs/statistics.md, "Weighted responses": ten B2B
 * accounts, each answer weighted by the account's ARR in $k. The figures the
 * page prints, to the digits it prints them (R's full values are the
 * "revenue" rows of weighted_cases.h). */
START_TEST(revenue_weighted_nps_worked_example)
{
    static const char text[] =
        "nps[3:1/25/625,6:1/900/810000,7:1/300/90000,8:1/60/3600,9:3/730/248900,10:3/235/21625]";
    cxm_wacc *w = sample_wacc(0), *parsed = NULL;
    ck_assert_int_eq(cxm_wacc_parse(text, strlen(text), &parsed), CXM_OK);
    ck_assert_mem_eq(parsed, w, cxmi_wacc_bytes(w->span)); /* the text is that state */

    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_wacc_snapshot(w, &s), CXM_OK);
    ck_assert_uint_eq(s.n, 10);
    ck_assert_uint_eq(s.positive, 6);
    ck_assert_uint_eq(s.neutral, 2);
    ck_assert_uint_eq(s.negative, 2);
    ck_assert_double_eq(s.weight_total, 2250.0);
    ck_assert_rel(s.positive_share, 100.0 * 965.0 / 2250.0, 1e-15); /* 42.89 */
    ck_assert_rel(s.negative_share, 100.0 * 925.0 / 2250.0, 1e-15); /* 41.11 */
    ck_assert_rel(s.net, 100.0 * 40.0 / 2250.0, 1e-15);             /* +1.78 */
    ck_assert_double_eq(s.score, s.net);
    ck_assert_rel(s.n_effective, 2250.0 * 2250.0 / 1174750.0, 1e-15); /* 4.31 */
    ck_assert_double_eq(s.score_low, -100.0); /* t(9) se = 111 points: clipped */
    ck_assert_double_eq(s.score_high, 100.0);

    cxm_interval iv = CXM_INTERVAL_INIT;
    ck_assert_int_eq(cxm_wacc_interval(w, CXM_QUANTITY_NET, CXM_METHOD_DEFAULT, 0.90, &iv), CXM_OK);
    ck_assert_int_eq(iv.method, CXM_METHOD_WALD);
    ck_assert_abs(iv.se, 49.15, 0.005);
    ck_assert_abs(iv.low, -88.32, 0.005);
    ck_assert_abs(iv.high, 91.88, 0.005);
    ck_assert_int_eq(
        cxm_wacc_interval(w, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_DEFAULT, 0.95, &iv), CXM_OK);
    ck_assert_int_eq(iv.method, CXM_METHOD_CLOPPER_PEARSON);
    ck_assert_abs(iv.low, 5.13, 0.005);
    ck_assert_abs(iv.high, 88.96, 0.005);

    /* The same answers without their weights: NPS 40. */
    cxm_acc *plain = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_unweighted(w, plain), CXM_OK);
    ck_assert_int_eq(cxm_acc_snapshot(plain, &s), CXM_OK);
    ck_assert_double_eq(s.net, 40.0);
    cxm_acc_free(plain);
    cxm_wacc_free(parsed);
    cxm_wacc_free(w);
}
END_TEST

START_TEST(snapshot_matches_survey)
{
    for (size_t i = 0; i < COUNT(weighted_spread_cases); i++) {
        const weighted_spread_case *c = &weighted_spread_cases[i];
        cxm_wacc *w = sample_wacc(c->sample);
        cxm_snapshot s = CXM_SNAPSHOT_INIT;
        ck_assert_int_eq(cxm_wacc_snapshot(w, &s), CXM_OK);
        ck_assert_uint_eq(s.n, weighted_samples[c->sample].n);
        ck_assert_rel(s.stddev, c->stddev, 1e-13);
        ck_assert_rel(s.n_effective, c->n_effective, 1e-13);
        /* The headline and its interval are those of the default method. */
        cxm_interval iv = CXM_INTERVAL_INIT;
        ck_assert_int_eq(cxm_wacc_interval(w, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95, &iv),
                         CXM_OK);
        ck_assert_double_eq(s.score, iv.estimate);
        ck_assert_double_eq(s.score_low, iv.low);
        ck_assert_double_eq(s.score_high, iv.high);
        cxm_wacc_free(w);
    }
}
END_TEST

START_TEST(snapshot_of_empty_and_single)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_CES_7);
    cxm_snapshot s;
    memset(&s, 0x5A, sizeof s);
    s.size = sizeof s;
    ck_assert_int_eq(cxm_wacc_snapshot(w, &s), CXM_OK);
    ck_assert_uint_eq(s.n + s.positive + s.neutral + s.negative, 0);
    ck_assert_int_eq(s.headline, CXM_HEADLINE_MEAN);
    const double doubles[] = {s.positive_share, s.negative_share, s.net,       s.mean,
                              s.stddev,         s.score,          s.score_low, s.score_high,
                              s.weight_total,   s.n_effective};
    for (size_t i = 0; i < COUNT(doubles); i++) {
        ck_assert_msg(isnan(doubles[i]), "double %zu of an empty snapshot is not NaN", i);
    }
    /* One response: a mean and a weight, but no spread and no interval. */
    ck_assert_int_eq(cxm_wacc_add(w, 6, 70), CXM_OK);
    ck_assert_int_eq(cxm_wacc_snapshot(w, &s), CXM_OK);
    ck_assert_uint_eq(s.n, 1);
    ck_assert_uint_eq(s.positive, 1);
    ck_assert_double_eq(s.mean, 6.0);
    ck_assert_double_eq(s.positive_share, 100.0);
    ck_assert_double_eq(s.weight_total, 70.0);
    ck_assert_double_eq(s.n_effective, 1.0);
    ck_assert(isnan(s.stddev) && isnan(s.score_low) && isnan(s.score_high));
    /* Two equal answers: zero spread, a zero-width interval. */
    ck_assert_int_eq(cxm_wacc_add(w, 6, 30), CXM_OK);
    ck_assert_int_eq(cxm_wacc_snapshot(w, &s), CXM_OK);
    ck_assert_double_eq(s.stddev, 0.0);
    ck_assert_double_eq(s.score_low, 6.0);
    ck_assert_double_eq(s.score_high, 6.0);
    ck_assert_rel(s.n_effective, 100.0 * 100.0 / 5800.0, 1e-15);

    cxm_snapshot small = CXM_SNAPSHOT_INIT;
    small.size = CXMI_SNAPSHOT_SIZE_V1 - 1;
    cxm_snapshot before = small;
    ck_assert_int_eq(cxm_wacc_snapshot(w, &small), CXM_ERR_SIZE);
    ck_assert_mem_eq(&small, &before, sizeof small);
    ck_assert_int_eq(cxm_wacc_snapshot(NULL, &small), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_snapshot(w, NULL), CXM_ERR_NULL);
    /* A 1.0 caller's struct ends before weight_total: left alone. */
    memset(&s, 0x7F, sizeof s);
    s.size = CXMI_SNAPSHOT_SIZE_V1;
    ck_assert_int_eq(cxm_wacc_snapshot(w, &s), CXM_OK);
    ck_assert_uint_eq(s.n, 2);
    unsigned char pattern[2 * sizeof(double)];
    memset(pattern, 0x7F, sizeof pattern);
    ck_assert_mem_eq(&s.weight_total, pattern, sizeof pattern);
    cxm_wacc_free(w);
}
END_TEST

/* A state the invariants allow but no responses make, W^2 < Q with two
 * responses: no spread to divide by (NaN), yet v and the intervals stand. */
START_TEST(snapshot_without_kish_spread)
{
    static const char text[] = "ces7[4:2/4/17]";
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_parse(text, strlen(text), &w), CXM_OK);
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_wacc_snapshot(w, &s), CXM_OK);
    ck_assert(isnan(s.stddev));
    ck_assert_double_eq(s.score_low, 4.0);
    cxm_wacc_free(w);
}
END_TEST

/* Every rule that makes a statistic undefined or a call invalid, each with
 * *out and the accumulators unchanged. */
START_TEST(refusals)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS), *other = new_preset_wacc(CXM_PRESET_CSAT_5);
    cxm_interval iv, iv0;
    memset(&iv, 0x33, sizeof iv);
    iv.size = sizeof iv;
    iv0 = iv;
    cxm_comparison cmp, cmp0;
    memset(&cmp, 0x44, sizeof cmp);
    cmp.size = sizeof cmp;
    cmp0 = cmp;
#define INTERVAL_FAILS(call, status)                                                               \
    do {                                                                                           \
        ck_assert_wacc_fails_unchanged(w, (call), (status));                                       \
        ck_assert_mem_eq(&iv, &iv0, sizeof iv);                                                    \
    } while (0)
#define COMPARE_FAILS(call, status)                                                                \
    do {                                                                                           \
        ck_assert_wacc_fails_unchanged(w, (call), (status));                                       \
        ck_assert_mem_eq(&cmp, &cmp0, sizeof cmp);                                                 \
    } while (0)
    const int q = CXM_QUANTITY_HEADLINE, m = CXM_METHOD_DEFAULT;
    /* Fewer than 2 responses. */
    INTERVAL_FAILS(cxm_wacc_interval(w, q, m, 0.95, &iv), CXM_ERR_EMPTY);
    ck_assert_int_eq(cxm_wacc_add(w, 9, 5), CXM_OK);
    INTERVAL_FAILS(
        cxm_wacc_interval(w, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_CLOPPER_PEARSON, 0.95, &iv),
        CXM_ERR_EMPTY);
    INTERVAL_FAILS(cxm_wacc_interval(w, CXM_QUANTITY_MEAN, m, 0.95, &iv), CXM_ERR_EMPTY);
    ck_assert_int_eq(cxm_wacc_add(w, 10, 7), CXM_OK);
    /* Logit of a share of 100 % or 0 %. */
    INTERVAL_FAILS(cxm_wacc_interval(w, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_LOGIT, 0.95, &iv),
                   CXM_ERR_EMPTY);
    INTERVAL_FAILS(cxm_wacc_interval(w, CXM_QUANTITY_NEGATIVE_SHARE, CXM_METHOD_LOGIT, 0.95, &iv),
                   CXM_ERR_EMPTY);
    /* Methods the weighted table does not list, unknown ones, bad confidence. */
    const int bad[][2] = {{CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_WILSON},
                          {CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_JEFFREYS},
                          {CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_T},
                          {CXM_QUANTITY_NET, CXM_METHOD_ADJUSTED_WALD},
                          {CXM_QUANTITY_NET, CXM_METHOD_LOGIT},
                          {CXM_QUANTITY_NET, CXM_METHOD_SCORE},
                          {CXM_QUANTITY_MEAN, CXM_METHOD_WALD},
                          {CXM_QUANTITY_MEAN, 99},
                          {-1, m},
                          {5, m}};
    for (size_t i = 0; i < COUNT(bad); i++) {
        INTERVAL_FAILS(cxm_wacc_interval(w, bad[i][0], bad[i][1], 0.95, &iv), CXM_ERR_ARG);
    }
    const double confidences[] = {0.0, 1.0, -0.5, 1.5, NAN};
    for (size_t i = 0; i < COUNT(confidences); i++) {
        INTERVAL_FAILS(cxm_wacc_interval(w, q, m, confidences[i], &iv), CXM_ERR_ARG);
        COMPARE_FAILS(cxm_wacc_compare(w, w, q, m, confidences[i], &cmp), CXM_ERR_ARG);
    }
    INTERVAL_FAILS(cxm_wacc_interval(NULL, q, m, 0.95, &iv), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_interval(w, q, m, 0.95, NULL), CXM_ERR_NULL);
    iv.size = CXMI_INTERVAL_SIZE_V1 - 1;
    iv0 = iv;
    INTERVAL_FAILS(cxm_wacc_interval(w, q, m, 0.95, &iv), CXM_ERR_SIZE);

    /* Comparisons: only WALD (T for the mean); MISMATCH; the size rules. */
    COMPARE_FAILS(
        cxm_wacc_compare(w, w, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_CLOPPER_PEARSON, 0.95, &cmp),
        CXM_ERR_ARG);
    COMPARE_FAILS(cxm_wacc_compare(w, w, CXM_QUANTITY_NET, CXM_METHOD_ADJUSTED_WALD, 0.95, &cmp),
                  CXM_ERR_ARG);
    COMPARE_FAILS(cxm_wacc_compare(w, other, q, m, 0.95, &cmp), CXM_ERR_MISMATCH);
    COMPARE_FAILS(cxm_wacc_compare(w, NULL, q, m, 0.95, &cmp), CXM_ERR_NULL);
    COMPARE_FAILS(cxm_wacc_compare(NULL, w, q, m, 0.95, &cmp), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_compare(w, w, q, m, 0.95, NULL), CXM_ERR_NULL);
    /* Both samples all promoters: no spread on either side, df = 0/0. */
    COMPARE_FAILS(cxm_wacc_compare(w, w, q, m, 0.95, &cmp), CXM_ERR_EMPTY);
    COMPARE_FAILS(cxm_wacc_compare(w, w, CXM_QUANTITY_NET, m, 0.95, &cmp), CXM_ERR_EMPTY);
    /* A side with fewer than 2 responses. */
    cxm_wacc *one = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(one, 3, 1), CXM_OK);
    COMPARE_FAILS(cxm_wacc_compare(w, one, q, m, 0.95, &cmp), CXM_ERR_EMPTY);
    COMPARE_FAILS(cxm_wacc_compare(one, w, q, m, 0.95, &cmp), CXM_ERR_EMPTY);
    /* One side with spread is enough. */
    ck_assert_int_eq(cxm_wacc_add(one, 10, 1), CXM_OK);
    ck_assert_int_eq(cxm_wacc_compare(w, one, q, m, 0.95, &cmp), CXM_OK);
    ck_assert_double_eq(cmp.df, 1.0);
    cmp.size = CXMI_COMPARISON_SIZE_V1 - 1;
    cmp0 = cmp;
    COMPARE_FAILS(cxm_wacc_compare(w, one, q, m, 0.95, &cmp), CXM_ERR_SIZE);
#undef INTERVAL_FAILS
#undef COMPARE_FAILS
    cxm_wacc_free(one);
    cxm_wacc_free(other);
    cxm_wacc_free(w);
}
END_TEST

/* At the boundaries: Korn-Graubard takes n* = n at a share of 0 or 100 and is
 * then the Clopper-Pearson interval of 0 (or n) in n; Wald collapses there. */
START_TEST(shares_at_the_boundaries)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(w, 9, 5), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 10, 700), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 10, 3), CXM_OK);
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, 3), CXM_OK);
    cxm_interval wiv = CXM_INTERVAL_INIT, iv = CXM_INTERVAL_INIT;
    for (int q = CXM_QUANTITY_POSITIVE_SHARE; q <= CXM_QUANTITY_NEGATIVE_SHARE; q++) {
        ck_assert_int_eq(cxm_wacc_interval(w, q, CXM_METHOD_CLOPPER_PEARSON, 0.9, &wiv), CXM_OK);
        ck_assert_int_eq(cxm_acc_interval(acc, q, CXM_METHOD_CLOPPER_PEARSON, 0.9, &iv), CXM_OK);
        ck_assert_double_eq(wiv.low, iv.low);
        ck_assert_double_eq(wiv.high, iv.high);
        ck_assert_double_eq(wiv.se, 0.0);
        ck_assert_int_eq(cxm_wacc_interval(w, q, CXM_METHOD_WALD, 0.9, &wiv), CXM_OK);
        ck_assert_double_eq(wiv.low, wiv.estimate);
        ck_assert_double_eq(wiv.high, wiv.estimate);
    }
    cxm_acc_free(acc);
    cxm_wacc_free(w);
}
END_TEST

/* Properties that follow from the definitions, on seeded random samples:
 *  - every weight 1: the weighted mean's T interval is the accumulator's (v
 *    is then s^2 / n);
 *  - every weight times k: every figure unchanged (a ratio estimator does not
 *    see the unit of the weights);
 *  - an interval of merged parts is that of all the responses at once. */
START_TEST(properties_on_random_samples)
{
    uint64_t seed = 0x77ACC;
    for (int round = 0; round < 50; round++) {
        cxm_wacc *unit = new_preset_wacc(CXM_PRESET_CES_7),
                 *scaled = new_preset_wacc(CXM_PRESET_CES_7);
        cxm_wacc *w = new_preset_wacc(CXM_PRESET_CES_7), *part = new_preset_wacc(CXM_PRESET_CES_7);
        cxm_wacc *rest = new_preset_wacc(CXM_PRESET_CES_7);
        cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
        int n = 2 + (int)(next_random(&seed) % 200);
        for (int i = 0; i < n; i++) {
            int32_t r = 1 + (int32_t)(next_random(&seed) % 7);
            uint32_t weight = 1 + (uint32_t)(next_random(&seed) % 4000);
            ck_assert_int_eq(cxm_wacc_add(unit, r, 1), CXM_OK);
            ck_assert_int_eq(cxm_acc_add(acc, r), CXM_OK);
            ck_assert_int_eq(cxm_wacc_add(w, r, weight), CXM_OK);
            ck_assert_int_eq(cxm_wacc_add(scaled, r, weight * 1000u), CXM_OK);
            ck_assert_int_eq(cxm_wacc_add(i % 3 == 0 ? part : rest, r, weight), CXM_OK);
        }
        cxm_interval a = CXM_INTERVAL_INIT, b = CXM_INTERVAL_INIT;
        ck_assert_int_eq(cxm_wacc_interval(unit, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.95, &a),
                         CXM_OK);
        ck_assert_int_eq(cxm_acc_interval(acc, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.95, &b), CXM_OK);
        ck_assert_rel(a.se, b.se, 1e-13);
        ck_assert_rel(a.low, b.low, 1e-13);
        ck_assert_rel(a.high, b.high, 1e-13);
        ck_assert_int_eq(cxm_wacc_merge(part, rest), CXM_OK);
        for (int q = CXM_QUANTITY_POSITIVE_SHARE; q <= CXM_QUANTITY_MEAN; q++) {
            int method = q == CXM_QUANTITY_MEAN ? CXM_METHOD_T : CXM_METHOD_WALD;
            cxm_interval x = CXM_INTERVAL_INIT, y = CXM_INTERVAL_INIT, z = CXM_INTERVAL_INIT;
            ck_assert_int_eq(cxm_wacc_interval(w, q, method, 0.9, &x), CXM_OK);
            ck_assert_int_eq(cxm_wacc_interval(scaled, q, method, 0.9, &y), CXM_OK);
            ck_assert_int_eq(cxm_wacc_interval(part, q, method, 0.9, &z), CXM_OK);
            ck_assert_rel(y.estimate, x.estimate, 1e-14);
            ck_assert_rel(y.se, x.se, 1e-13);
            ck_assert_mem_eq(&z, &x, sizeof z);
        }
        cxm_acc_free(acc);
        cxm_wacc_free(unit);
        cxm_wacc_free(scaled);
        cxm_wacc_free(w);
        cxm_wacc_free(part);
        cxm_wacc_free(rest);
    }
}
END_TEST

/* The weight in a share's band and outside it, from the cells. */
static void band_split(const cxm_wacc *w, int quantity, double *band, double *rest)
{
    cxm_scale scale = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_wacc_scale(w, &scale), CXM_OK);
    int32_t lo = quantity == CXM_QUANTITY_POSITIVE_SHARE ? scale.positive_min : scale.negative_min;
    int32_t hi = quantity == CXM_QUANTITY_POSITIVE_SHARE ? scale.positive_max : scale.negative_max;
    uint64_t in = 0, out = 0, count, weight, squares[2];
    for (int32_t r = scale.min; r <= scale.max; r++) {
        ck_assert_int_eq(cxm_wacc_cell(w, r, &count, &weight, squares), CXM_OK);
        *(r >= lo && r <= hi ? &in : &out) += weight;
    }
    *band = (double)in;
    *rest = (double)out;
}

static bool has_exact_row(int state, int quantity, int method, double confidence)
{
    for (size_t i = 0; i < COUNT(exact_interval_cases); i++) {
        const exact_interval_case *c = &exact_interval_cases[i];
        if (c->state == state && c->quantity == quantity && c->method == method &&
            c->confidence == confidence) {
            return true;
        }
    }
    return false;
}

/* Korn-Graubard where n* is beyond what the mpmath series solves (up to
 * 1.8e19 here): the limits are checked by their definition, I_low(x*, n* - x*
 * + 1) = alpha/2 and 1 - I_high(x* + 1, n* - x*) = alpha/2, with n* = p q / v
 * from the se the exact tables check, and the root within 4 ulps of each
 * limit as for the accumulator's Clopper-Pearson at n = 10^12 (test_stats.c). */
START_TEST(korn_graubard_at_huge_effective_n)
{
    const double tail = (1.0 - 0.95) / 2.0;
    int checked = 0;
    for (int state = 0; state < (int)COUNT(exact_states); state++) {
        for (int q = CXM_QUANTITY_POSITIVE_SHARE; q <= CXM_QUANTITY_NEGATIVE_SHARE; q++) {
            if (has_exact_row(state, q, CXM_METHOD_CLOPPER_PEARSON, 0.95)) {
                continue;
            }
            cxm_wacc *w = exact_state(state);
            cxm_interval iv = CXM_INTERVAL_INIT;
            ck_assert_int_eq(cxm_wacc_interval(w, q, CXM_METHOD_CLOPPER_PEARSON, 0.95, &iv),
                             CXM_OK);
            double band, rest;
            band_split(w, q, &band, &rest);
            double p = band / (band + rest), pq = p * (rest / (band + rest));
            double v = (iv.se / 100.0) * (iv.se / 100.0), n_eff = pq / v;
            if (band == 0.0) { /* n* = n; Clopper-Pearson of 0 in n */
                uint64_t n, weight, squares[2];
                ck_assert_int_eq(cxm_wacc_totals(w, &n, &weight, squares), CXM_OK);
                n_eff = (double)n;
                ck_assert_double_eq(iv.low, 0.0);
            }
            double x = n_eff * p, y = n_eff * (rest / (band + rest));
            double low = iv.low / 100.0, high = iv.high / 100.0;
            ck_assert_msg(n_eff > 1e6, "state %d: n* = %g has an exact row to be", state, n_eff);
            if (band != 0.0) {
                ck_assert_double_le(cxmi_beta_inc(x, y + 1.0, ulps_away(low, -4), 0), tail);
                ck_assert_double_ge(cxmi_beta_inc(x, y + 1.0, ulps_away(low, 4), 0), tail);
            }
            ck_assert_double_ge(cxmi_beta_inc(x + 1.0, y, ulps_away(high, -4), 1), tail);
            ck_assert_double_le(cxmi_beta_inc(x + 1.0, y, ulps_away(high, 4), 1), tail);
            checked++;
            cxm_wacc_free(w);
        }
    }
    ck_assert_int_ge(checked, 10);
}
END_TEST

static Suite *wacc_stats_suite(void)
{
    Suite *s = suite_create("wacc_stats");
    TCase *tc = tcase_create("survey");
    tcase_add_test(tc, intervals_match_survey);
    tcase_add_test(tc, logit_matches_survey_to_its_convergence);
    tcase_add_test(tc, comparisons_match_survey);
    tcase_add_test(tc, snapshot_matches_survey);
    tcase_add_test(tc, revenue_weighted_nps_worked_example);
    suite_add_tcase(s, tc);
    tc = tcase_create("rules");
    tcase_add_test(tc, snapshot_of_empty_and_single);
    tcase_add_test(tc, snapshot_without_kish_spread);
    tcase_add_test(tc, refusals);
    tcase_add_test(tc, shares_at_the_boundaries);
    tcase_add_test(tc, properties_on_random_samples);
    suite_add_tcase(s, tc);
    tc = tcase_create("exact");
    tcase_add_test(tc, intervals_match_exact_references);
    tcase_add_test(tc, comparisons_match_exact_references);
    tcase_add_test(tc, korn_graubard_at_huge_effective_n);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(wacc_stats_suite)
