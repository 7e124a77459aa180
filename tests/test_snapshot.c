/* Snapshots: the numbers of docs/metrics.md for worked examples and edges.
 * Reference values: tests/reference/snapshot.R (R 4.2.2: prop.test, t.test,
 * sd, qnorm) and tests/reference/large_counts.py (exact decimal arithmetic).
 * Neither uses cxmetrics' code. */
#include "testutil.h"

#define REL  1e-12 /* R prints 17 significant digits; our formulas differ in form */
#define ULPS 1e-15 /* "correct to the last few ulps" */

static cxm_snapshot snapshot_of(const cxm_acc *acc)
{
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &snap), CXM_OK);
    return snap;
}

START_TEST(nps_worked_example)
{
    /* docs/metrics.md: 60 promoters, 30 passives, 10 detractors -> NPS 50. */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, 60), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 8, 30), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, 10), CXM_OK);
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_int_eq(s.headline, CXM_HEADLINE_NET);
    ck_assert_uint_eq(s.n, 100);
    ck_assert_uint_eq(s.positive, 60);
    ck_assert_uint_eq(s.neutral, 30);
    ck_assert_uint_eq(s.negative, 10);
    ck_assert_double_eq(s.positive_share, 60.0);
    ck_assert_double_eq(s.negative_share, 10.0);
    ck_assert_double_eq(s.net, 50.0);
    ck_assert_double_eq(s.score, 50.0);
    ck_assert_rel(s.mean, 8.4000000000000004, ULPS);
    ck_assert_rel(s.stddev, 2.9541957835039856, ULPS);
    ck_assert_rel(s.score_low, 35.466591938667477, REL); /* adjusted Wald, R */
    ck_assert_rel(s.score_high, 61.620786702109207, REL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(csat_worked_example)
{
    /* docs/metrics.md: counts (1:15, 2:5, 3:10, 4:30, 5:40) -> CSAT 70. */
    const uint64_t counts[5] = {15, 5, 10, 30, 40};
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_5);
    for (int32_t r = 1; r <= 5; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, counts[r - 1]), CXM_OK);
    }
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_int_eq(s.headline, CXM_HEADLINE_POSITIVE_SHARE);
    ck_assert_uint_eq(s.positive, 70);
    ck_assert_uint_eq(s.neutral, 10);
    ck_assert_uint_eq(s.negative, 20);
    ck_assert_double_eq(s.score, 70.0);
    ck_assert_double_eq(s.positive_share, 70.0);
    ck_assert_double_eq(s.negative_share, 20.0);
    ck_assert_double_eq(s.net, 50.0);
    ck_assert_double_eq(s.mean, 3.75);
    ck_assert_rel(s.stddev, 1.4168894655461863, ULPS);
    ck_assert_rel(s.score_low, 60.415145366653334, REL); /* prop.test(70, 100, correct = FALSE) */
    ck_assert_rel(s.score_high, 78.105114705067223, REL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(rounding_pitfall)
{
    /* 8 promoters, 1 passive: NPS is 800/9 = 88.888..., not 88 or 89 (the
     * result of rounding each share before subtracting). */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 9, 8), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(acc, 7), CXM_OK);
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_double_eq(s.score, 800.0 / 9.0); /* correctly rounded: one division */
    ck_assert_double_ne(s.score, 88.0);
    ck_assert_double_ne(s.score, 89.0);
    ck_assert_rel(s.score, 88.888888888888889, ULPS);
    ck_assert_rel(s.mean, 8.7777777777777786, ULPS);
    ck_assert_rel(s.stddev, 0.66666666666666663, ULPS);
    ck_assert_rel(s.score_low, 33.327002247532569, REL);
    ck_assert_double_eq(s.score_high, 100.0); /* clipped */
    cxm_acc_free(acc);
}
END_TEST

START_TEST(ces_mean_with_t_interval)
{
    const int32_t ratings[] = {1, 2, 3, 4, 5, 6, 7, 7, 7, 2, 3};
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
    for (size_t i = 0; i < sizeof ratings / sizeof ratings[0]; i++) {
        ck_assert_int_eq(cxm_acc_add(acc, ratings[i]), CXM_OK);
    }
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_int_eq(s.headline, CXM_HEADLINE_MEAN);
    ck_assert_uint_eq(s.positive, 5);
    ck_assert_uint_eq(s.neutral, 1);
    ck_assert_uint_eq(s.negative, 5);
    ck_assert_rel(s.score, 4.2727272727272725, ULPS);
    ck_assert_double_eq(s.score, s.mean);
    ck_assert_rel(s.stddev, 2.2401298663653004, ULPS);
    ck_assert_rel(s.score_low, 2.7677875510988605, REL); /* t.test(x)$conf.int */
    ck_assert_rel(s.score_high, 5.7776669943556849, REL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(mean_interval_is_not_clipped)
{
    /* {1, 7}: t(0.975, 1) = 12.706..., so the interval leaves the 1-7 scale. */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
    ck_assert_int_eq(cxm_acc_add(acc, 1), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(acc, 7), CXM_OK);
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_double_eq(s.mean, 4.0);
    ck_assert_rel(s.score_low, -34.118614208524079, REL);
    ck_assert_rel(s.score_high, 42.118614208524086, REL);
    cxm_acc_free(acc);
}
END_TEST

static void assert_all_nan(const cxm_snapshot *s)
{
    const double values[] = {s->positive_share, s->negative_share, s->net,       s->mean,
                             s->stddev,         s->score,          s->score_low, s->score_high};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        ck_assert_msg(isnan(values[i]), "double %zu of an empty snapshot is %g", i, values[i]);
    }
}

START_TEST(empty_is_nan_never_zero)
{
    for (int preset = CXM_PRESET_CSAT_5; preset <= CXM_PRESET_NET_EASY_7; preset++) {
        cxm_acc *acc = new_preset_acc(preset);
        cxm_snapshot s = snapshot_of(acc);
        ck_assert_uint_eq(s.n, 0);
        ck_assert_uint_eq(s.positive + s.neutral + s.negative, 0);
        ck_assert_int_ge(s.headline, CXM_HEADLINE_POSITIVE_SHARE);
        assert_all_nan(&s);
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(single_rating)
{
    cxm_acc *ces = new_preset_acc(CXM_PRESET_CES_7);
    ck_assert_int_eq(cxm_acc_add(ces, 6), CXM_OK);
    cxm_snapshot s = snapshot_of(ces);
    ck_assert_double_eq(s.mean, 6.0);
    ck_assert_double_eq(s.score, 6.0);
    ck_assert(isnan(s.stddev));
    ck_assert(isnan(s.score_low));
    ck_assert(isnan(s.score_high));
    ck_assert_double_eq(s.positive_share, 100.0);

    cxm_acc *nps = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add(nps, 10), CXM_OK);
    s = snapshot_of(nps);
    ck_assert_double_eq(s.score, 100.0);
    ck_assert(isnan(s.stddev));
    ck_assert_rel(s.score_low, -48.498649420252015, REL); /* adjusted Wald stays defined */
    ck_assert_rel(s.score_high, 98.498649420252022, REL);
    cxm_acc_free(ces);
    cxm_acc_free(nps);
}
END_TEST

START_TEST(share_interval_boundaries)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_int_eq(cxm_acc_add_count(acc, 5, 50), CXM_OK);
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_double_eq(s.score, 100.0);
    ck_assert_double_eq(s.score_high, 100.0); /* exactly, not 99.99999... */
    ck_assert_rel(s.score_low, 92.86524008666413, REL);
    ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 1, 50), CXM_OK);
    s = snapshot_of(acc);
    ck_assert_double_eq(s.score, 0.0);
    ck_assert_double_eq(s.score_low, 0.0); /* exactly */
    ck_assert_rel(s.score_high, 7.1347599133358681, REL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(net_interval_clipped)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, 100), CXM_OK);
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_double_eq(s.score, 100.0);
    ck_assert_double_eq(s.score_high, 100.0);
    ck_assert_rel(s.score_low, 93.090148092915015, REL);
    ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, 100), CXM_OK);
    s = snapshot_of(acc);
    ck_assert_double_eq(s.score, -100.0);
    ck_assert_double_eq(s.score_low, -100.0);
    ck_assert_rel(s.score_high, -93.090148092915015, REL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(huge_counts_stay_exact)
{
    /* 10^12 of every NPS rating (large_counts.py, case 1). */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    for (int32_t r = 0; r <= 10; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, 1000000000000u), CXM_OK);
    }
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_uint_eq(s.n, 11000000000000u);
    ck_assert_uint_eq(s.positive, 2000000000000u);
    ck_assert_uint_eq(s.negative, 7000000000000u);
    ck_assert_rel(s.positive_share, 18.181818181818183, ULPS);
    ck_assert_rel(s.negative_share, 63.63636363636363, ULPS);
    ck_assert_rel(s.net, -45.45454545454545, ULPS);
    ck_assert_double_eq(s.mean, 5.0);
    ck_assert_rel(s.stddev, 3.162277660168523, ULPS);
    ck_assert_rel(s.score_low, -45.45459166867811, REL);
    ck_assert_rel(s.score_high, -45.454499240388, REL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(counts_beyond_double_precision)
{
    /* Sums beyond 2^64 and counts beyond 2^53 (large_counts.py, cases 2, 3). */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, (UINT64_C(1) << 62) + 1), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 3, 3), CXM_OK);
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_double_eq(s.positive_share, 50.0);
    ck_assert_double_eq(s.negative_share, 50.0);
    ck_assert_rel(s.net, -2.168404344971009e-17, ULPS); /* not 0: the counts differ by 2 */
    ck_assert_double_eq(s.mean, 5.0);
    ck_assert_double_eq(s.stddev, 5.0);
    ck_assert_rel(s.score_low, -6.453617591482303e-08, REL);
    ck_assert_rel(s.score_high, 6.453617587145495e-08, REL);

    ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 9, UINT64_C(1) << 63), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 6, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 7, UINT64_C(1) << 61), CXM_OK);
    s = snapshot_of(acc);
    ck_assert_rel(s.positive_share, 57.142857142857146, ULPS);
    ck_assert_rel(s.net, 28.571428571428573, ULPS);
    ck_assert_rel(s.mean, 7.857142857142857, ULPS);
    ck_assert_rel(s.stddev, 1.355261854357877, ULPS);
    ck_assert_rel(s.score_low, 28.571428528467216, REL);
    ck_assert_rel(s.score_high, 28.571428614389927, REL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(mean_next_to_zero)
{
    /* A scale -10..10 with n - 1 zeros and one -1 (or +1): the mean is -+1/n
     * exactly. Formed as -1 + (n - 1)/n in doubles it would keep only
     * 16 - log10(n) digits; by hand, with n = 899299252. */
    cxm_scale scale = make_scale(-10, 10, 5, 10, -10, -5, CXM_HEADLINE_MEAN);
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_new(&scale, &acc), CXM_OK);
    for (int32_t sign = -1; sign <= 1; sign += 2) {
        ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
        ck_assert_int_eq(cxm_acc_add_count(acc, 0, 899299251), CXM_OK);
        ck_assert_int_eq(cxm_acc_add(acc, sign), CXM_OK);
        cxm_snapshot s = snapshot_of(acc);
        ck_assert_rel(s.mean, sign / 899299252.0, 1e-15);
    }
    cxm_acc_free(acc);
}
END_TEST

START_TEST(near_constant_spread)
{
    /* n - 1 ratings v and one v - k (or v + k): by hand the mean is v -+ k/n,
     * the squared deviations sum to (n - 1) (k/n)^2 + (k - k/n)^2 =
     * k^2 (n - 1)/n, so s = k / sqrt(n) exactly. Issue 27's example is CSAT_2
     * {2: 3907357015462285055, 1: 1}: with the deviation of the bulk formed as
     * 1 - (rounded r/n) it was 2.4e-14 too large. */
    const uint64_t ns[] = {(UINT64_C(1) << 53) + 1, 3907357015462285056u, UINT64_C(1) << 63,
                           UINT64_MAX};
    const struct {
        cxm_scale scale;
        int32_t bulk, outlier;
    } cases[] = {
        {make_scale(1, 2, 2, 2, 1, 1, CXM_HEADLINE_POSITIVE_SHARE), 2, 1},
        {make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_MEAN), 0, 100},
        {make_scale(-50, 50, 40, 50, -50, -41, CXM_HEADLINE_MEAN), 7, -50},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
            cxm_acc *acc = new_scale_acc(&cases[c].scale);
            ck_assert_int_eq(cxm_acc_add_count(acc, cases[c].bulk, ns[i] - 1), CXM_OK);
            ck_assert_int_eq(cxm_acc_add(acc, cases[c].outlier), CXM_OK);
            cxm_snapshot s = snapshot_of(acc);
            double k = fabs((double)(cases[c].bulk - cases[c].outlier));
            ck_assert_rel(s.stddev, k / sqrt((double)ns[i]), ULPS);
            cxm_acc_free(acc);
        }
    }
}
END_TEST

START_TEST(identical_ratings_have_zero_spread)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
    ck_assert_int_eq(cxm_acc_add_count(acc, 3, (UINT64_C(1) << 60) + 7), CXM_OK);
    cxm_snapshot s = snapshot_of(acc);
    ck_assert_double_eq(s.mean, 3.0);
    ck_assert_double_eq(s.stddev, 0.0);
    ck_assert_double_eq(s.score_low, 3.0);
    ck_assert_double_eq(s.score_high, 3.0);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(headline_of_every_preset)
{
    /* ratings 1 and 2 (and 3 where the scale has it): which value is the score */
    cxm_acc *csat = new_preset_acc(CXM_PRESET_CSAT_BINARY);
    ck_assert_int_eq(cxm_acc_add_count(csat, 2, 3), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(csat, 1), CXM_OK);
    ck_assert_double_eq(snapshot_of(csat).score, 75.0);
    cxm_acc *easy = new_preset_acc(CXM_PRESET_NET_EASY_7);
    ck_assert_int_eq(cxm_acc_add_count(easy, 1, 3), CXM_OK); /* easy */
    ck_assert_int_eq(cxm_acc_add(easy, 7), CXM_OK);          /* difficult */
    ck_assert_double_eq(snapshot_of(easy).score, 50.0);
    cxm_acc *ces5 = new_preset_acc(CXM_PRESET_CES_5);
    ck_assert_int_eq(cxm_acc_add_count(ces5, 1, 3), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(ces5, 5), CXM_OK);
    cxm_snapshot s = snapshot_of(ces5);
    ck_assert_double_eq(s.score, 2.0);
    ck_assert_double_eq(s.positive_share, 75.0); /* low effort is the positive band */
    cxm_acc_free(csat);
    cxm_acc_free(easy);
    cxm_acc_free(ces5);
}
END_TEST

typedef struct bigger_snapshot {
    cxm_snapshot known;
    double future[2];
    double beyond; /* past `size`: never touched */
} bigger_snapshot;

START_TEST(snapshot_size_rules)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add(acc, 9), CXM_OK);
    ck_assert_uint_eq(CXMI_SNAPSHOT_SIZE_V1, 104); /* the layout released in 1.0 */
    ck_assert_uint_eq(sizeof(cxm_snapshot), 120);  /* 1.2 appended weight_total, n_effective */

    bigger_snapshot big;
    memset(&big, 0x7F, sizeof big);
    big.known.size = (uint32_t)offsetof(bigger_snapshot, beyond);
    ck_assert_int_eq(cxm_acc_snapshot(acc, &big.known), CXM_OK);
    ck_assert_uint_eq(big.known.size, offsetof(bigger_snapshot, beyond));
    ck_assert_uint_eq(big.known.n, 1);
    ck_assert_double_eq(big.future[0], 0.0);
    ck_assert_double_eq(big.future[1], 0.0);
    unsigned char pattern[sizeof(double)];
    memset(pattern, 0x7F, sizeof pattern);
    ck_assert_mem_eq(&big.beyond, pattern, sizeof pattern);

    cxm_snapshot small = CXM_SNAPSHOT_INIT;
    small.size = CXMI_SNAPSHOT_SIZE_V1 - 8;
    small.n = 42;
    cxm_snapshot before = small;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &small), CXM_ERR_SIZE);
    ck_assert_mem_eq(&small, &before, sizeof small);
    small.size = 0;
    before = small;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &small), CXM_ERR_SIZE);
    ck_assert_mem_eq(&small, &before, sizeof small);
    ck_assert_int_eq(cxm_acc_snapshot(NULL, &small), CXM_ERR_NULL);
    ck_assert_mem_eq(&small, &before, sizeof small);
    ck_assert_fails_unchanged(acc, cxm_acc_snapshot(acc, NULL), CXM_ERR_NULL);
    cxm_acc_free(acc);
}
END_TEST

/* Since 1.2 the snapshot ends with weight_total and n_effective: n and n for
 * an accumulator (every weight 1), NaN when it is empty; a 1.0 caller, whose
 * size ends before them, has them left alone. */
START_TEST(weight_fields_of_an_accumulator)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &s), CXM_OK);
    ck_assert(isnan(s.weight_total) && isnan(s.n_effective));
    ck_assert_int_eq(cxm_acc_add_count(acc, 9, 60), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 3, 40), CXM_OK);
    ck_assert_int_eq(cxm_acc_snapshot(acc, &s), CXM_OK);
    ck_assert_double_eq(s.weight_total, 100.0);
    ck_assert_double_eq(s.n_effective, 100.0);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, (UINT64_C(1) << 62) + 1), CXM_OK);
    ck_assert_int_eq(cxm_acc_snapshot(acc, &s), CXM_OK);
    ck_assert_double_eq(s.weight_total, (double)((UINT64_C(1) << 62) + 101));
    ck_assert_double_eq(s.n_effective, s.weight_total);

    cxm_snapshot old;
    memset(&old, 0x7F, sizeof old);
    old.size = CXMI_SNAPSHOT_SIZE_V1;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &old), CXM_OK);
    ck_assert_uint_eq(old.n, s.n);
    ck_assert_double_eq(old.score_high, s.score_high);
    unsigned char pattern[2 * sizeof(double)];
    memset(pattern, 0x7F, sizeof pattern);
    ck_assert_mem_eq(&old.weight_total, pattern, sizeof pattern);
    cxm_acc_free(acc);
}
END_TEST

static Suite *snapshot_suite(void)
{
    Suite *s = suite_create("snapshot");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, nps_worked_example);
    tcase_add_test(tc, csat_worked_example);
    tcase_add_test(tc, rounding_pitfall);
    tcase_add_test(tc, ces_mean_with_t_interval);
    tcase_add_test(tc, mean_interval_is_not_clipped);
    tcase_add_test(tc, empty_is_nan_never_zero);
    tcase_add_test(tc, single_rating);
    tcase_add_test(tc, share_interval_boundaries);
    tcase_add_test(tc, net_interval_clipped);
    tcase_add_test(tc, huge_counts_stay_exact);
    tcase_add_test(tc, counts_beyond_double_precision);
    tcase_add_test(tc, mean_next_to_zero);
    tcase_add_test(tc, near_constant_spread);
    tcase_add_test(tc, identical_ratings_have_zero_spread);
    tcase_add_test(tc, headline_of_every_preset);
    tcase_add_test(tc, snapshot_size_rules);
    tcase_add_test(tc, weight_fields_of_an_accumulator);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(snapshot_suite)
