/* Statistics: every interval method and comparison against independent
 * references. Tables come from tests/reference/statistics.R (R 4.2.2:
 * prop.test, binom.test, t.test, qnorm; the published formulas of
 * docs/statistics.md written in R where R has no procedure; Tango's limits by
 * uniroot). Tolerance 1e-12 relative throughout. At conf = 0.999999 the rows
 * come from the procedures' formulas with R's tail quantiles (qnorm, qt,
 * qbeta with lower.tail = FALSE), because prop.test, binom.test and t.test
 * form (1 + conf) / 2 first, which moves their limits by ~1e-11. The "exact
 * references" at huge n come from tests/reference/accuracy.py (mpmath). */
#include <stdio.h>

#include "testutil.h"

#define REL 1e-12

/* A CSAT_BINARY accumulator whose positive share is x / n. */
static cxm_acc *share_acc(double x, double n)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_BINARY);
    ck_assert_int_eq(cxm_acc_add_count(acc, 2, (uint64_t)x), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 1, (uint64_t)(n - x)), CXM_OK);
    return acc;
}

/* An NPS accumulator with P promoters, D detractors, the rest passives. */
static cxm_acc *net_acc(double p, double d, double n)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, (uint64_t)p), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, (uint64_t)d), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 8, (uint64_t)(n - p - d)), CXM_OK);
    return acc;
}

/* A CES_7 accumulator from counts of ratings 1..7. */
static cxm_acc *ces_acc(const double counts[7])
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
    for (int32_t r = 1; r <= 7; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, (uint64_t)counts[r - 1]), CXM_OK);
    }
    return acc;
}

static cxm_interval interval_of(const cxm_acc *acc, int quantity, int method, double conf)
{
    cxm_interval iv = CXM_INTERVAL_INIT;
    ck_assert_int_eq(cxm_acc_interval(acc, quantity, method, conf, &iv), CXM_OK);
    ck_assert_int_eq(iv.method == CXM_METHOD_DEFAULT, 0);
    ck_assert_int_eq(iv.quantity == CXM_QUANTITY_HEADLINE, 0);
    ck_assert_double_eq(iv.confidence, conf);
    return iv;
}

typedef struct share_row {
    double x, n, conf, low, high, se; /* se 0 = not tabulated */
} share_row;

static void check_share_rows(int method, const share_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const share_row *r = &rows[i];
        cxm_acc *acc = share_acc(r->x, r->n);
        cxm_interval iv = interval_of(acc, CXM_QUANTITY_POSITIVE_SHARE, method, r->conf);
        ck_assert_int_eq(iv.method, method);
        ck_assert_int_eq(iv.quantity, CXM_QUANTITY_POSITIVE_SHARE);
        ck_assert_rel(iv.estimate, 100.0 * r->x / r->n, 1e-15);
        if (r->low == 0.0) {
            ck_assert_double_eq(iv.low, 0.0);
        } else {
            ck_assert_rel(iv.low, r->low, REL);
        }
        ck_assert_rel(iv.high, r->high, REL);
        if (r->se != 0.0) {
            ck_assert_rel(iv.se, r->se, REL);
        }
        cxm_acc_free(acc);
    }
}
#define CHECK_SHARES(method, rows) check_share_rows(method, rows, sizeof rows / sizeof rows[0])

START_TEST(wilson)
{
    static const share_row rows[] = {
        {70, 100, 0.95, 60.415145366653334, 78.105114705067223, 0},
        {0, 10, 0.95, 0, 27.753279986288916, 0},
        {10, 10, 0.95, 72.246720013711084, 100, 0},
        {1, 3, 0.5, 18.281725015861312, 52.77418231406088, 0},
        {7, 9, 0.999999, 16.807008302896513, 98.377578429020417, 0},
        {300000000000, 1000000000000, 0.95, 29.999910183243646, 30.00008981691002, 0},
        {1, 1000000000000, 0.95, 1.765245549351748e-11, 5.6649342657365087e-10, 0},
        {37, 40, 0.9, 82.651982126309974, 96.962974738826105, 0},
    };
    CHECK_SHARES(CXM_METHOD_WILSON, rows);
}
END_TEST

START_TEST(wilson_continuity_corrected)
{
    static const share_row rows[] = {
        {70, 100, 0.95, 59.893957565480719, 78.545743007093861, 0},
        {1, 10, 0.95, 0.52423015696777286, 45.884601615665609, 0},
        {9, 10, 0.95, 54.115398384334398, 99.475769843032239, 0},
        {0, 10, 0.95, 0, 34.453721830692245, 0},
        {10, 10, 0.95, 65.546278169307755, 100, 0},
        {3, 7, 0.5, 24.717282791720521, 62.351604773173754, 0},
        {2, 9, 0.999999, 0.93918331579228087, 85.382298275168012, 0},
        {1, 1, 0.95, 5.462075552885203, 100, 0},
    };
    CHECK_SHARES(CXM_METHOD_WILSON_CC, rows);
}
END_TEST

START_TEST(agresti_coull)
{
    static const share_row rows[] = {
        {70, 100, 0.95, 60.38539562622239, 78.134864445498181, 4.5280089224295281},
        {0, 10, 0.95, 0, 32.088730575054569, 9.2920536936212912},
        {10, 10, 0.95, 67.911269424945417, 100, 9.2920536936212947},
        {1, 3, 0.5, 18.160899904093021, 52.895007425829185, 25.748432434769082},
        {500000000000, 1000000000000, 0.999999, 49.999755418076219, 50.000244581923781,
         4.9999999999401801e-05},
    };
    CHECK_SHARES(CXM_METHOD_AGRESTI_COULL, rows);
}
END_TEST

START_TEST(clopper_pearson)
{
    static const share_row rows[] = {
        {70, 100, 0.95, 60.018532382019593, 78.75935795104634, 0},
        {0, 10, 0.95, 0, 30.849710781876084, 0},
        {10, 10, 0.95, 69.150289218123916, 100, 0},
        {1, 1000, 0.95, 0.0025317487491294068, 0.5558924279826627, 0},
        {3, 7, 0.5, 25.307397577397676, 62.115155935829279, 0},
        {999, 1000, 0.999999, 98.272009473882136, 99.999999949999989, 0},
        {2, 5000000, 0.95, 4.8441859379672374e-06, 0.00014449367786102565, 0},
    };
    CHECK_SHARES(CXM_METHOD_CLOPPER_PEARSON, rows);
}
END_TEST

/* tests/reference/jeffreys.R: R's qbeta(c(alpha/2, 1 - alpha/2), x + 0.5,
 * n - x + 0.5), the upper limit from the upper tail. */
#include "reference/jeffreys_r.h"

START_TEST(jeffreys)
{
    CHECK_SHARES(CXM_METHOD_JEFFREYS, jeffreys_r_rows);
    /* The limits at the boundaries are exact, not a quantile's rounding. */
    cxm_acc *none = share_acc(0, 7), *all = share_acc(7, 7);
    ck_assert_double_eq(
        interval_of(none, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_JEFFREYS, 0.95).low, 0.0);
    ck_assert_double_eq(
        interval_of(all, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_JEFFREYS, 0.95).high, 100.0);
    cxm_acc_free(none);
    cxm_acc_free(all);
}
END_TEST

START_TEST(clopper_pearson_huge_n)
{
    /* n = 10^12: no tool we have inverts the beta at this size independently,
     * so the limits are checked by their definition, I_low(x, n - x + 1) =
     * alpha/2 and 1 - I_high(x + 1, n - x) = alpha/2, with the incomplete beta
     * that test_special.c verifies against exact binomial sums at a, b ~ 1e12.
     * At this n one ulp of a limit moves the tail probability by up to 1e-4
     * relative, so the check is that the root lies within 4 ulps of the limit
     * (the conversion to percent and back costs one or two). */
    const double cases[][2] = {{3e11, 1e12}, {1, 1e12}, {999999999999.0, 1e12}};
    const double tail = (1.0 - 0.95) / 2.0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double x = cases[i][0], n = cases[i][1];
        cxm_acc *acc = share_acc(x, n);
        cxm_interval iv =
            interval_of(acc, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_CLOPPER_PEARSON, 0.95);
        double low = iv.low / 100.0, high = iv.high / 100.0;
        ck_assert_double_le(cxmi_beta_inc(x, n - x + 1.0, ulps_away(low, -4), 0), tail);
        ck_assert_double_ge(cxmi_beta_inc(x, n - x + 1.0, ulps_away(low, 4), 0), tail);
        ck_assert_double_ge(cxmi_beta_inc(x + 1.0, n - x, ulps_away(high, -4), 1), tail);
        ck_assert_double_le(cxmi_beta_inc(x + 1.0, n - x, ulps_away(high, 4), 1), tail);
        ck_assert_double_lt(iv.low, 100.0 * x / n);
        ck_assert_double_gt(iv.high, 100.0 * x / n);
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(wald_share)
{
    static const share_row rows[] = {
        {70, 100, 0.95, 61.018316681457939, 78.981683318542053, 4.5825756949558407},
        {1, 3, 0.5, 14.976047503136774, 51.690619163529881, 27.216552697590867},
        {99, 100, 0.999999, 94.132881169818148, 100, 0.99498743710662052},
    };
    CHECK_SHARES(CXM_METHOD_WALD, rows);
    /* x = 0: Wald collapses to a zero-width interval (why it is not the default) */
    cxm_acc *acc = share_acc(0, 10);
    cxm_interval iv = interval_of(acc, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_WALD, 0.95);
    ck_assert_double_eq(iv.low, 0.0);
    ck_assert_double_eq(iv.high, 0.0);
    ck_assert_double_eq(iv.se, 0.0);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(negative_share_and_defaults)
{
    /* CSAT_5 counts (15, 5, 10, 30, 40): negative share 20/100, Wilson. */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_5);
    const uint64_t counts[5] = {15, 5, 10, 30, 40};
    for (int32_t r = 1; r <= 5; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, counts[r - 1]), CXM_OK);
    }
    cxm_interval neg = interval_of(acc, CXM_QUANTITY_NEGATIVE_SHARE, CXM_METHOD_DEFAULT, 0.95);
    ck_assert_int_eq(neg.method, CXM_METHOD_WILSON);
    ck_assert_double_eq(neg.estimate, 20.0);
    /* R: prop.test(20, 100, correct = FALSE)$conf.int */
    ck_assert_rel(neg.low, 13.33669333310325, REL);
    ck_assert_rel(neg.high, 28.882916559315884, REL);
    cxm_interval head = interval_of(acc, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95);
    ck_assert_int_eq(head.quantity, CXM_QUANTITY_POSITIVE_SHARE);
    ck_assert_int_eq(head.method, CXM_METHOD_WILSON);
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &snap), CXM_OK);
    ck_assert_double_eq(head.low, snap.score_low); /* the snapshot uses the same default */
    ck_assert_double_eq(head.high, snap.score_high);
    cxm_interval net = interval_of(acc, CXM_QUANTITY_NET, CXM_METHOD_DEFAULT, 0.95);
    ck_assert_int_eq(net.method, CXM_METHOD_ADJUSTED_WALD);
    ck_assert_double_eq(net.estimate, 50.0);
    cxm_interval mean = interval_of(acc, CXM_QUANTITY_MEAN, CXM_METHOD_DEFAULT, 0.95);
    ck_assert_int_eq(mean.method, CXM_METHOD_T);
    ck_assert_double_eq(mean.estimate, 3.75);
    cxm_acc_free(acc);
}
END_TEST

typedef struct net_row {
    double p, d, n, conf, low, high, se;
} net_row;

static void check_net_rows(int method, const net_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const net_row *r = &rows[i];
        cxm_acc *acc = net_acc(r->p, r->d, r->n);
        cxm_interval iv = interval_of(acc, CXM_QUANTITY_NET, method, r->conf);
        ck_assert_int_eq(iv.method, method);
        ck_assert_rel(iv.estimate, 100.0 * (r->p - r->d) / r->n, 1e-15);
        ck_assert_abs(iv.low, r->low, fabs(r->low) * REL + 1e-13);
        ck_assert_abs(iv.high, r->high, fabs(r->high) * REL + 1e-13);
        ck_assert_abs(iv.se, r->se, r->se * REL);
        cxm_acc_free(acc);
    }
}

START_TEST(net_adjusted_wald)
{
    static const net_row rows[] = {
        {60, 10, 100, 0.95, 35.466591938667477, 61.620786702109207, 6.6721110616681472},
        {8, 0, 9, 0.95, 33.327002247532569, 100, 17.010345435994292},
        {0, 0, 5, 0.95, -30.005697977220674, 30.005697977220674, 15.309310892394862},
        {5, 0, 5, 0.95, 17.49145303416898, 100, 22.963966338592297},
        {0, 5, 5, 0.5, -77.988959919228336, -47.011040080771657, 22.963966338592297},
        {300, 200, 1000, 0.999999, -0.84246688512247536, 20.782646346737629, 2.2104161355461547},
        {400000000000, 300000000000, 1000000000000, 0.95, 9.9998371931339545, 10.000162806806044,
         8.3066238629023639e-05},
    };
    check_net_rows(CXM_METHOD_ADJUSTED_WALD, rows, sizeof rows / sizeof rows[0]);
}
END_TEST

START_TEST(net_wald)
{
    static const net_row rows[] = {
        {60, 10, 100, 0.95, 36.852161891351273, 63.147838108648727, 6.7082039324993694},
        {8, 0, 9, 0.95, 68.356980380004771, 100, 10.475656017578482},
        {0, 0, 5, 0.95, 0, 0, 0},     /* degenerate: all passives */
        {5, 0, 5, 0.95, 100, 100, 0}, /* degenerate: all promoters */
        {0, 5, 5, 0.5, -100, -100, 0},
        {300, 200, 1000, 0.999999, -0.82810335131270474, 20.828103351312699, 2.2135943621178655},
        {400000000000, 300000000000, 1000000000000, 0.95, 9.9998371931639589, 10.000162806836048,
         8.3066238629180754e-05},
    };
    check_net_rows(CXM_METHOD_WALD, rows, sizeof rows / sizeof rows[0]);
}
END_TEST

START_TEST(net_tango_score)
{
    /* {P, D, n, conf, low, high}: limits agree to 1e-12 in proportion units
     * (1e-10 percentage points), the precision both solvers reach. */
    static const double rows[][6] = {
        {60, 10, 100, 0.95, 35.569193648489254, 61.876208199512526},
        {8, 0, 9, 0.95, 32.383713076308354, 98.010911236145475},
        {5, 0, 5, 0.95, 13.103507043365086, 100},   /* P = n: upper exactly 100 */
        {0, 5, 5, 0.95, -100, -13.103507043365084}, /* D = n: lower exactly -100 */
        {3, 1, 10, 0.5, 6.8379395914450729, 32.722275359696177},
        {300, 200, 1000, 0.999999, -0.94835961936391533, 20.708437137553144},
        {1, 1, 3, 0.95, -69.240474198737644, 69.240474198737672},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cxm_acc *acc = net_acc(rows[i][0], rows[i][1], rows[i][2]);
        cxm_interval iv = interval_of(acc, CXM_QUANTITY_NET, CXM_METHOD_SCORE, rows[i][3]);
        ck_assert_int_eq(iv.method, CXM_METHOD_SCORE);
        ck_assert_abs(iv.low, rows[i][4], 1e-10);
        ck_assert_abs(iv.high, rows[i][5], 1e-10);
        cxm_acc_free(acc);
    }
    cxm_acc *all = net_acc(5, 0, 5);
    cxm_interval iv = interval_of(all, CXM_QUANTITY_NET, CXM_METHOD_SCORE, 0.95);
    ck_assert_double_eq(iv.high, 100.0);
    cxm_acc_free(all);
}
END_TEST

START_TEST(mean_student_t)
{
    /* {counts of 1..7, conf, low, high, se}: t.test(rep(1:7, counts)) */
    static const double rows[][10] = {
        {1, 0, 0, 0, 0, 0, 1, 0.95, -34.118614208524079, 42.118614208524086},
        {1, 2, 3, 4, 5, 6, 7, 0.95, 4.3160564945065714, 5.6839435054934286},
        {0, 0, 10, 20, 30, 0, 0, 0.5, 4.267477099410228, 4.3991895672564389},
        {3, 0, 0, 0, 0, 9, 40, 0.999999, 5.3854573142913118, 7.5760811472471499},
    };
    static const double se[] = {2.9999999999999996, 0.33333333333333331, 0.097037084956596992,
                                0.19705674549922306};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cxm_acc *acc = ces_acc(rows[i]);
        cxm_interval iv = interval_of(acc, CXM_QUANTITY_MEAN, CXM_METHOD_T, rows[i][7]);
        ck_assert_rel(iv.low, rows[i][8], REL);
        ck_assert_rel(iv.high, rows[i][9], REL);
        ck_assert_rel(iv.se, se[i], REL);
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(mean_n_equal_2_and_huge_n)
{
    /* n = 2 {3, 5}: mean 4, s = sqrt(2), se = 1, t(0.975, 1) = 12.7062047361747
     * (docs/statistics.md) -> 4 -+ 12.7062047361747. */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_7);
    ck_assert_int_eq(cxm_acc_add(acc, 3), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(acc, 5), CXM_OK);
    cxm_interval iv = interval_of(acc, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.95);
    ck_assert_rel(iv.se, 1.0, 1e-15);
    ck_assert_rel(iv.high - iv.estimate, 12.7062047361747, 1e-13);
    /* 10^12 of each rating 1..7: mean 4, s^2 = 4 * 7e12 / (7e12 - 1) (sum of
     * squared deviations is 28e12); t(0.975, 7e12 - 1) equals z to 1e-13. */
    ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
    for (int32_t r = 1; r <= 7; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, 1000000000000u), CXM_OK);
    }
    iv = interval_of(acc, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.95);
    double se = sqrt(4.0 * 7e12 / (7e12 - 1.0) / 7e12);
    ck_assert_rel(iv.se, se, 1e-14);
    ck_assert_double_eq(iv.estimate, 4.0);
    ck_assert_rel(iv.high, 4.0 + 1.959963984540054 * se, 1e-15);
    ck_assert_rel(iv.low, 4.0 - 1.959963984540054 * se, 1e-15);
    cxm_acc_free(acc);
}
END_TEST

/* ---- comparisons ---- */

static cxm_comparison compare_of(const cxm_acc *a, const cxm_acc *b, int quantity, int method,
                                 double conf)
{
    cxm_comparison c = CXM_COMPARISON_INIT;
    ck_assert_int_eq(cxm_acc_compare(a, b, quantity, method, conf, &c), CXM_OK);
    ck_assert_double_eq(c.confidence, conf);
    return c;
}

START_TEST(compare_shares)
{
    /* docs/statistics.md: 70/100 vs 60/100 -> z^2 = 2.1978, p = 0.13821 (prop.test). */
    cxm_acc *a = share_acc(70, 100), *b = share_acc(60, 100);
    cxm_comparison c = compare_of(a, b, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95);
    ck_assert_int_eq(c.quantity, CXM_QUANTITY_POSITIVE_SHARE);
    ck_assert_int_eq(c.method, CXM_METHOD_WILSON);
    ck_assert_rel(c.difference, 10.0, 1e-14);
    ck_assert_rel(c.statistic * c.statistic, 2.197802197802198, REL);
    ck_assert_double_gt(c.statistic, 0.0);
    ck_assert(isinf(c.df) && c.df > 0);
    ck_assert_rel(c.p_value, 0.13820766697402617, REL);
    ck_assert_rel(c.se, 100.0 * sqrt(0.65 * 0.35 * 0.02), REL); /* pooled, by hand */
    ck_assert_rel(c.low, -3.1890373925969442, REL);             /* Newcombe hybrid */
    ck_assert_rel(c.high, 22.717225103721752, REL);

    c = compare_of(a, b, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_WALD, 0.95);
    ck_assert_rel(c.se, 6.7082039324993694, REL);
    ck_assert_rel(c.statistic, 1.4907119849998598, REL);
    ck_assert_rel(c.p_value, 0.13603712811414365, REL);
    ck_assert_rel(c.low, -3.1478381086487204, REL);
    ck_assert_rel(c.high, 23.14783810864872, REL);

    /* b - a: the sign follows the order of the arguments */
    c = compare_of(b, a, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_WILSON, 0.95);
    ck_assert_rel(c.difference, -10.0, 1e-14);
    ck_assert_double_lt(c.statistic, 0.0);
    ck_assert_rel(c.low, -22.717225103721752, REL);
    ck_assert_rel(c.high, 3.1890373925969442, REL);
    cxm_acc_free(a);
    cxm_acc_free(b);
}
END_TEST

START_TEST(compare_degenerate_shares)
{
    /* Both samples all positive: no difference, pooled se 0 -> z 0, p 1. */
    cxm_acc *a = share_acc(10, 10), *b = share_acc(20, 20);
    cxm_comparison c = compare_of(a, b, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_WILSON, 0.95);
    ck_assert_double_eq(c.difference, 0.0);
    ck_assert_double_eq(c.se, 0.0);
    ck_assert_double_eq(c.statistic, 0.0);
    ck_assert_double_eq(c.p_value, 1.0);
    /* All positive against all negative, Wald: se 0, a certain difference. */
    cxm_acc *none = share_acc(0, 20);
    c = compare_of(a, none, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_WALD, 0.95);
    ck_assert_double_eq(c.difference, 100.0);
    ck_assert(isinf(c.statistic) && c.statistic > 0);
    ck_assert_double_eq(c.p_value, 0.0);
    ck_assert_double_eq(c.high, 100.0); /* clipped to [-100, 100] */
    cxm_acc_free(a);
    cxm_acc_free(b);
    cxm_acc_free(none);
}
END_TEST

START_TEST(compare_nets)
{
    cxm_acc *a = net_acc(60, 10, 100), *b = net_acc(40, 25, 80);
    cxm_comparison c = compare_of(a, b, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95);
    ck_assert_int_eq(c.quantity, CXM_QUANTITY_NET);
    ck_assert_int_eq(c.method, CXM_METHOD_ADJUSTED_WALD);
    ck_assert_rel(c.difference, 50.0 - 18.75, 1e-14); /* observed: 50 - 18.75 */
    ck_assert_rel(c.se, 11.709514737410103, REL);
    ck_assert_rel(c.statistic, 2.6022769386343905, REL);
    ck_assert_rel(c.p_value, 0.0092607036576098679, REL);
    ck_assert_rel(c.low, 7.5211730019970586, REL);
    ck_assert_rel(c.high, 53.421627325526622, REL);
    ck_assert(isinf(c.df));
    c = compare_of(a, b, CXM_QUANTITY_NET, CXM_METHOD_WALD, 0.95);
    ck_assert_rel(c.se, 11.923421017057143, REL);
    ck_assert_rel(c.statistic, 2.6208921043126021, REL);
    ck_assert_rel(c.p_value, 0.00877000131748174, REL);
    ck_assert_rel(c.low, 7.8805242340600659, REL);
    ck_assert_rel(c.high, 54.619475765939931, REL);
    cxm_acc_free(a);
    cxm_acc_free(b);
}
END_TEST

START_TEST(compare_means_welch)
{
    static const double x[7] = {1, 2, 3, 4, 5, 6, 7}, y[7] = {5, 4, 3, 2, 1, 1, 1};
    cxm_acc *a = ces_acc(x), *b = ces_acc(y);
    cxm_comparison c = compare_of(a, b, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95);
    ck_assert_int_eq(c.quantity, CXM_QUANTITY_MEAN);
    ck_assert_int_eq(c.method, CXM_METHOD_T);
    ck_assert_rel(c.difference, 2.1764705882352939, 1e-14);
    ck_assert_rel(c.statistic, 3.9004434192933912, REL);
    ck_assert_rel(c.df, 32.712614641840673, REL);
    ck_assert_rel(c.p_value, 0.00045065707899453734, REL);
    ck_assert_rel(c.low, 1.0408199643938687, REL);
    ck_assert_rel(c.high, 3.3121212120767192, REL);
    c = compare_of(a, b, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.999999);
    ck_assert_rel(c.low, -1.171083987154141, REL);
    ck_assert_rel(c.high, 5.5240251636247288, REL);
    cxm_acc_free(a);
    cxm_acc_free(b);
}
END_TEST

/* ---- exact references at huge n, next to the boundaries (issue 15) ----
 * The tables are written by tests/reference/accuracy.py: mpmath at 60 digits
 * from the integer counts and the published formulas, for n from 10^5 to
 * 2^64 - 1 with answers within 0..10 of 0 and of n, where formulas evaluated
 * in doubles cancel. Every value is checked to 1e-12 relative (a 0 exactly);
 * every failing row is printed before the test fails. */

typedef struct share_interval_case {
    uint64_t x, n;
    int method;
    double conf, low, high, se;
} share_interval_case;

typedef struct net_interval_case {
    uint64_t p, d, neutral;
    int method;
    double conf, low, high, se;
} net_interval_case;

typedef struct comparison_values {
    double difference, se, statistic, p_value, low, high;
} comparison_values;

typedef struct share_compare_case {
    uint64_t x1, n1, x2, n2;
    int method;
    double conf;
    comparison_values want;
} share_compare_case;

typedef struct net_compare_case {
    uint64_t p1, d1, neutral1, p2, d2, neutral2;
    int method;
    double conf;
    comparison_values want;
} net_compare_case;

typedef struct welch_case {
    uint64_t a[3], b[3]; /* counts of ratings 1, 2, 3 (CSAT_3) */
    double difference, se, statistic, df;
} welch_case;

#include "reference/accuracy_cases.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Counts a value outside 1e-12 relative of the reference, and says which. */
/* Counts a value outside tolerance + REL * |want| of the reference (an
 * infinity or NaN exactly), and says which. */
static int off_by(const char *table, size_t row, const char *field, double got, double want,
                  double tolerance)
{
    bool ok = isnan(want)   ? isnan(got)
              : isinf(want) ? got == want
                            : fabs(got - want) <= REL * fabs(want) + tolerance;
    if (!ok) {
        fprintf(stderr, "%s row %zu: %s = %.17g, expected %.17g (rel err %.3g)\n", table, row,
                field, got, want, fabs(got - want) / fabs(want));
    }
    return ok ? 0 : 1;
}

/* Counts a value outside 1e-12 relative of the reference. */
static int off(const char *table, size_t row, const char *field, double got, double want)
{
    return off_by(table, row, field, got, want, 0.0);
}

static cxm_acc *counts_acc(int preset, const int32_t *ratings, const uint64_t *counts, size_t k)
{
    cxm_acc *acc = new_preset_acc(preset);
    for (size_t i = 0; i < k; i++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, ratings[i], counts[i]), CXM_OK);
    }
    return acc;
}

static cxm_acc *binary_acc(uint64_t x, uint64_t n)
{
    const int32_t ratings[2] = {2, 1};
    const uint64_t counts[2] = {x, n - x};
    return counts_acc(CXM_PRESET_CSAT_BINARY, ratings, counts, 2);
}

static cxm_acc *nps_acc(uint64_t p, uint64_t d, uint64_t neutral)
{
    const int32_t ratings[3] = {10, 0, 8};
    const uint64_t counts[3] = {p, d, neutral};
    return counts_acc(CXM_PRESET_NPS, ratings, counts, 3);
}

static int off_comparison(const char *table, size_t row, const cxm_comparison *got,
                          const comparison_values *want)
{
    return off(table, row, "difference", got->difference, want->difference) +
           off(table, row, "se", got->se, want->se) +
           off(table, row, "statistic", got->statistic, want->statistic) +
           off(table, row, "p_value", got->p_value, want->p_value) +
           off(table, row, "low", got->low, want->low) +
           off(table, row, "high", got->high, want->high);
}

START_TEST(issue_15_examples)
{
    /* The values quoted in issue 15, each from mpmath at 40 digits evaluating
     * the published formula from the integer counts. */
    const int32_t one[1] = {1}, three[1] = {3}, two_three[2] = {2, 3}, nps[2] = {5, 8};
    const uint64_t all_negative[1] = {34080169}, nps_counts[2] = {899299251, 1};
    cxm_acc *acc = counts_acc(CXM_PRESET_CSAT_BINARY, one, all_negative, 1);
    cxm_interval iv = interval_of(acc, CXM_QUANTITY_NET, CXM_METHOD_SCORE, 0.7359992958543006);
    ck_assert_double_eq(iv.low, -100.0);
    ck_assert_rel(iv.high, -99.99999267811363, REL); /* 1 + delta = 2z^2 / (n + z^2) */
    cxm_acc_free(acc);

    acc = counts_acc(CXM_PRESET_NPS, nps, nps_counts, 2);
    iv = interval_of(acc, CXM_QUANTITY_NET, CXM_METHOD_WALD, 0.95);
    ck_assert_rel(iv.se, 1.1119769055962825e-7, REL);
    cxm_acc_free(acc);

    cxm_acc *a = binary_acc(899299251, 899299252), *b = binary_acc(130, 130);
    cxm_comparison c = compare_of(a, b, CXM_QUANTITY_POSITIVE_SHARE, CXM_METHOD_WALD, 0.95);
    ck_assert_rel(c.difference, -1.111976906214529e-7, REL);
    cxm_acc_free(a);
    cxm_acc_free(b);

    const uint64_t constant[1] = {2796596}, almost[2] = {1, 539514352};
    a = counts_acc(CXM_PRESET_CSAT_3, three, constant, 1);
    b = counts_acc(CXM_PRESET_CSAT_3, two_three, almost, 2);
    c = compare_of(a, b, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.95);
    ck_assert_rel(c.statistic, 1.0, REL); /* difference 1/n_b, se 1/n_b exactly */
    cxm_acc_free(a);
    cxm_acc_free(b);
}
END_TEST

START_TEST(exact_share_intervals)
{
    int failures = 0;
    for (size_t i = 0; i < COUNT_OF(share_interval_cases); i++) {
        const share_interval_case *c = &share_interval_cases[i];
        cxm_acc *acc = binary_acc(c->x, c->n);
        cxm_interval iv = interval_of(acc, CXM_QUANTITY_POSITIVE_SHARE, c->method, c->conf);
        failures += off("share interval", i, "low", iv.low, c->low) +
                    off("share interval", i, "high", iv.high, c->high) +
                    off("share interval", i, "se", iv.se, c->se);
        cxm_acc_free(acc);
    }
    ck_assert_int_eq(failures, 0);
}
END_TEST

START_TEST(exact_net_intervals)
{
    int failures = 0;
    for (size_t i = 0; i < COUNT_OF(net_interval_cases); i++) {
        const net_interval_case *c = &net_interval_cases[i];
        cxm_acc *acc = nps_acc(c->p, c->d, c->neutral);
        cxm_interval iv = interval_of(acc, CXM_QUANTITY_NET, c->method, c->conf);
        failures += off("net interval", i, "low", iv.low, c->low) +
                    off("net interval", i, "high", iv.high, c->high) +
                    off("net interval", i, "se", iv.se, c->se);
        cxm_acc_free(acc);
    }
    ck_assert_int_eq(failures, 0);
}
END_TEST

START_TEST(exact_share_comparisons)
{
    int failures = 0;
    for (size_t i = 0; i < COUNT_OF(share_compare_cases); i++) {
        const share_compare_case *c = &share_compare_cases[i];
        cxm_acc *a = binary_acc(c->x1, c->n1), *b = binary_acc(c->x2, c->n2);
        cxm_comparison got = compare_of(a, b, CXM_QUANTITY_POSITIVE_SHARE, c->method, c->conf);
        failures += off_comparison("share comparison", i, &got, &c->want);
        cxm_acc_free(a);
        cxm_acc_free(b);
    }
    ck_assert_int_eq(failures, 0);
}
END_TEST

START_TEST(exact_net_comparisons)
{
    int failures = 0;
    for (size_t i = 0; i < COUNT_OF(net_compare_cases); i++) {
        const net_compare_case *c = &net_compare_cases[i];
        cxm_acc *a = nps_acc(c->p1, c->d1, c->neutral1), *b = nps_acc(c->p2, c->d2, c->neutral2);
        cxm_comparison got = compare_of(a, b, CXM_QUANTITY_NET, c->method, c->conf);
        failures += off_comparison("net comparison", i, &got, &c->want);
        cxm_acc_free(a);
        cxm_acc_free(b);
    }
    ck_assert_int_eq(failures, 0);
}
END_TEST

START_TEST(exact_welch)
{
    const int32_t ratings[3] = {1, 2, 3};
    int failures = 0;
    for (size_t i = 0; i < COUNT_OF(welch_cases); i++) {
        const welch_case *c = &welch_cases[i];
        cxm_acc *a = counts_acc(CXM_PRESET_CSAT_3, ratings, c->a, 3);
        cxm_acc *b = counts_acc(CXM_PRESET_CSAT_3, ratings, c->b, 3);
        cxm_comparison got = compare_of(a, b, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.95);
        failures += off("welch", i, "difference", got.difference, c->difference) +
                    off("welch", i, "se", got.se, c->se) +
                    off("welch", i, "statistic", got.statistic, c->statistic) +
                    off("welch", i, "df", got.df, c->df);
        cxm_acc_free(a);
        cxm_acc_free(b);
    }
    ck_assert_int_eq(failures, 0);
}
END_TEST

/* ---- the extremes of issue 27 (tests/reference/extremes.py) ----
 * mpmath at 60 digits from the published definitions and the counts: far t
 * tails, confidences from 1e-6, limits near zero, near-constant samples of up
 * to 2^64 - 1 answers, and the Jeffreys and Clopper-Pearson limits at any
 * counts. Every value within 1e-12 relative, except that a limit built as a
 * centre minus a distance d from it (Wald, Agresti-Coull, adjusted Wald,
 * Tango, t, every difference) may also be off by CONDITION * d: its
 * condition number in the critical value is d / |limit|, and that value is
 * only known to its last bits (z to an ulp or two, a t quantile to about
 * 1e-14; docs/statistics.md, "Accuracy"). The rows carry d; it is 0 for the
 * limits that keep their relative accuracy by construction (Wilson and its
 * continuity correction, Clopper-Pearson, Jeffreys). */

#define CONDITION 1e-14

typedef struct interval_values {
    double estimate, se, low, high;
} interval_values;

typedef struct extreme_interval {
    int preset;
    uint64_t counts[11]; /* ratings min, min + 1, ... */
    int quantity, method;
    double conf;
    interval_values want;
    double low_distance, high_distance;
} extreme_interval;

typedef struct extreme_values {
    double difference, se, statistic, df, p_value, low, high;
} extreme_values;

typedef struct extreme_comparison {
    int preset_a;
    uint64_t a[11];
    int preset_b;
    uint64_t b[11];
    int quantity, method;
    double conf;
    extreme_values want;
    double low_distance, high_distance;
} extreme_comparison;

typedef struct extreme_spread {
    int preset;
    uint64_t counts[11];
    double mean, stddev;
} extreme_spread;

#include "reference/stats_extremes.h"

/* The accumulator of a preset holding counts[i] ratings min + i. */
static cxm_acc *preset_counts_acc(int preset, const uint64_t counts[11])
{
    cxm_scale scale = preset_scale(preset);
    cxm_acc *acc = new_scale_acc(&scale);
    for (int32_t i = 0; i < 11 && scale.min + i <= scale.max; i++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, scale.min + i, counts[i]), CXM_OK);
    }
    return acc;
}

static int off_interval(const char *table, const extreme_interval *rows, size_t count)
{
    int failures = 0;
    for (size_t i = 0; i < count; i++) {
        const extreme_interval *c = &rows[i];
        cxm_acc *acc = preset_counts_acc(c->preset, c->counts);
        cxm_interval iv = interval_of(acc, c->quantity, c->method, c->conf);
        failures += off(table, i, "estimate", iv.estimate, c->want.estimate) +
                    off(table, i, "se", iv.se, c->want.se) +
                    off_by(table, i, "low", iv.low, c->want.low, CONDITION * c->low_distance) +
                    off_by(table, i, "high", iv.high, c->want.high, CONDITION * c->high_distance);
        cxm_acc_free(acc);
    }
    return failures;
}

static int off_comparison_rows(const char *table, const extreme_comparison *rows, size_t count)
{
    int failures = 0;
    for (size_t i = 0; i < count; i++) {
        const extreme_comparison *c = &rows[i];
        cxm_acc *a = preset_counts_acc(c->preset_a, c->a);
        cxm_acc *b = preset_counts_acc(c->preset_b, c->b);
        cxm_comparison got = compare_of(a, b, c->quantity, c->method, c->conf);
        const extreme_values *w = &c->want;
        failures += off(table, i, "difference", got.difference, w->difference) +
                    off(table, i, "se", got.se, w->se) +
                    off(table, i, "statistic", got.statistic, w->statistic) +
                    off(table, i, "df", got.df, w->df) +
                    off(table, i, "p_value", got.p_value, w->p_value) +
                    off_by(table, i, "low", got.low, w->low, CONDITION * c->low_distance) +
                    off_by(table, i, "high", got.high, w->high, CONDITION * c->high_distance);
        cxm_acc_free(a);
        cxm_acc_free(b);
    }
    return failures;
}

START_TEST(extreme_small_confidences)
{
    ck_assert_int_eq(off_interval("small confidence", small_confidence_intervals,
                                  COUNT_OF(small_confidence_intervals)) +
                         off_comparison_rows("small confidence comparison",
                                             small_confidence_comparisons,
                                             COUNT_OF(small_confidence_comparisons)),
                     0);
}
END_TEST

START_TEST(extreme_limits_near_zero)
{
    ck_assert_int_eq(off_interval("near zero", near_zero_intervals, COUNT_OF(near_zero_intervals)) +
                         off_comparison_rows("near zero comparison", near_zero_comparisons,
                                             COUNT_OF(near_zero_comparisons)),
                     0);
}
END_TEST

START_TEST(extreme_near_constant_samples)
{
    int failures = 0;
    for (size_t i = 0; i < COUNT_OF(near_constant_spreads); i++) {
        const extreme_spread *c = &near_constant_spreads[i];
        cxm_acc *acc = preset_counts_acc(c->preset, c->counts);
        cxm_snapshot s = CXM_SNAPSHOT_INIT;
        ck_assert_int_eq(cxm_acc_snapshot(acc, &s), CXM_OK);
        /* metrics.md: the mean and standard deviation to their last few ulps */
        failures += off_by("spread", i, "mean", s.mean, c->mean, 1e-15 * fabs(c->mean)) +
                    off_by("spread", i, "stddev", s.stddev, c->stddev, 1e-15 * c->stddev);
        cxm_acc_free(acc);
    }
    failures +=
        off_interval("near constant", near_constant_intervals, COUNT_OF(near_constant_intervals));
    ck_assert_int_eq(failures, 0);
}
END_TEST

START_TEST(extreme_welch_tails)
{
    ck_assert_int_eq(off_comparison_rows("welch tails", welch_tails, COUNT_OF(welch_tails)), 0);
}
END_TEST

START_TEST(extreme_beta_limits)
{
    ck_assert_int_eq(
        off_interval("beta limits", beta_limit_intervals, COUNT_OF(beta_limit_intervals)), 0);
}
END_TEST

/* ---- errors: every one leaves *out untouched ---- */

START_TEST(interval_errors)
{
    cxm_acc *acc = share_acc(3, 10), *empty = new_preset_acc(CXM_PRESET_NPS);
    cxm_acc *one = new_preset_acc(CXM_PRESET_CES_7);
    ck_assert_int_eq(cxm_acc_add(one, 4), CXM_OK);
    cxm_interval out = CXM_INTERVAL_INIT;
    out.estimate = 123.0;
    cxm_interval before = out;
#define EXPECT_INTERVAL(call, status)                                                              \
    do {                                                                                           \
        ck_assert_int_eq((call), (status));                                                        \
        ck_assert_mem_eq(&out, &before, sizeof out);                                               \
    } while (0)
    EXPECT_INTERVAL(cxm_acc_interval(NULL, 0, 0, 0.95, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_interval(acc, 0, 0, 0.95, NULL), CXM_ERR_NULL);
    const double bad_conf[] = {0.0, 1.0, -0.5, 1.5, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof bad_conf / sizeof bad_conf[0]; i++) {
        EXPECT_INTERVAL(cxm_acc_interval(acc, 0, 0, bad_conf[i], &out), CXM_ERR_ARG);
    }
    EXPECT_INTERVAL(cxm_acc_interval(acc, 5, 0, 0.95, &out), CXM_ERR_ARG);
    EXPECT_INTERVAL(cxm_acc_interval(acc, -1, 0, 0.95, &out), CXM_ERR_ARG);
    EXPECT_INTERVAL(cxm_acc_interval(acc, 1, 9, 0.95, &out), CXM_ERR_ARG);
    EXPECT_INTERVAL(cxm_acc_interval(acc, 1, -1, 0.95, &out), CXM_ERR_ARG);
    /* methods that do not apply to the quantity */
    const int not_share[] = {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_SCORE, CXM_METHOD_T};
    for (size_t i = 0; i < 3; i++) {
        EXPECT_INTERVAL(
            cxm_acc_interval(acc, CXM_QUANTITY_POSITIVE_SHARE, not_share[i], 0.95, &out),
            CXM_ERR_ARG);
        EXPECT_INTERVAL(
            cxm_acc_interval(acc, CXM_QUANTITY_NEGATIVE_SHARE, not_share[i], 0.95, &out),
            CXM_ERR_ARG);
    }
    const int not_net[] = {CXM_METHOD_WILSON, CXM_METHOD_WILSON_CC, CXM_METHOD_AGRESTI_COULL,
                           CXM_METHOD_CLOPPER_PEARSON, CXM_METHOD_T};
    for (size_t i = 0; i < 5; i++) {
        EXPECT_INTERVAL(cxm_acc_interval(acc, CXM_QUANTITY_NET, not_net[i], 0.95, &out),
                        CXM_ERR_ARG);
    }
    for (int m = CXM_METHOD_WILSON; m <= CXM_METHOD_SCORE; m++) {
        EXPECT_INTERVAL(cxm_acc_interval(acc, CXM_QUANTITY_MEAN, m, 0.95, &out), CXM_ERR_ARG);
    }
    /* undefined statistics; a wrong method still says ARG first */
    for (int q = CXM_QUANTITY_HEADLINE; q <= CXM_QUANTITY_MEAN; q++) {
        EXPECT_INTERVAL(cxm_acc_interval(empty, q, CXM_METHOD_DEFAULT, 0.95, &out), CXM_ERR_EMPTY);
    }
    EXPECT_INTERVAL(cxm_acc_interval(empty, CXM_QUANTITY_NET, CXM_METHOD_T, 0.95, &out),
                    CXM_ERR_ARG);
    EXPECT_INTERVAL(cxm_acc_interval(one, CXM_QUANTITY_MEAN, CXM_METHOD_T, 0.95, &out),
                    CXM_ERR_EMPTY);
    /* size */
    out.size = sizeof out - 8;
    before = out;
    EXPECT_INTERVAL(cxm_acc_interval(acc, 0, 0, 0.95, &out), CXM_ERR_SIZE);
    out.size = 0;
    before = out;
    EXPECT_INTERVAL(cxm_acc_interval(acc, 0, 0, 0.95, &out), CXM_ERR_SIZE);
#undef EXPECT_INTERVAL
    /* n = 1 is enough for a share and a net score */
    cxm_interval ok = CXM_INTERVAL_INIT;
    ck_assert_int_eq(cxm_acc_interval(one, CXM_QUANTITY_POSITIVE_SHARE, 0, 0.95, &ok), CXM_OK);
    ck_assert_int_eq(cxm_acc_interval(one, CXM_QUANTITY_NET, CXM_METHOD_SCORE, 0.95, &ok), CXM_OK);
    cxm_acc_free(acc);
    cxm_acc_free(empty);
    cxm_acc_free(one);
}
END_TEST

START_TEST(compare_errors)
{
    cxm_acc *a = share_acc(3, 10), *b = share_acc(5, 10),
            *empty = new_preset_acc(CXM_PRESET_CSAT_BINARY);
    cxm_acc *nps = net_acc(1, 1, 3);
    static const double constant[7] = {0, 0, 4, 0, 0, 0, 0}, other[7] = {0, 0, 0, 0, 9, 0, 0};
    cxm_acc *c1 = ces_acc(constant), *c2 = ces_acc(other);
    cxm_comparison out = CXM_COMPARISON_INIT;
    out.p_value = 0.5;
    cxm_comparison before = out;
#define EXPECT_COMPARE(call, status)                                                               \
    do {                                                                                           \
        ck_assert_int_eq((call), (status));                                                        \
        ck_assert_mem_eq(&out, &before, sizeof out);                                               \
    } while (0)
    EXPECT_COMPARE(cxm_acc_compare(NULL, b, 0, 0, 0.95, &out), CXM_ERR_NULL);
    EXPECT_COMPARE(cxm_acc_compare(a, NULL, 0, 0, 0.95, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_compare(a, b, 0, 0, 0.95, NULL), CXM_ERR_NULL);
    EXPECT_COMPARE(cxm_acc_compare(a, nps, 0, 0, 0.95, &out), CXM_ERR_MISMATCH);
    EXPECT_COMPARE(cxm_acc_compare(a, b, 0, 0, NAN, &out), CXM_ERR_ARG);
    EXPECT_COMPARE(cxm_acc_compare(a, b, 0, 0, 1.0, &out), CXM_ERR_ARG);
    EXPECT_COMPARE(cxm_acc_compare(a, b, 7, 0, 0.95, &out), CXM_ERR_ARG);
    /* interval-only methods are not comparison methods */
    EXPECT_COMPARE(cxm_acc_compare(a, b, 1, CXM_METHOD_CLOPPER_PEARSON, 0.95, &out), CXM_ERR_ARG);
    EXPECT_COMPARE(cxm_acc_compare(a, b, 1, CXM_METHOD_WILSON_CC, 0.95, &out), CXM_ERR_ARG);
    EXPECT_COMPARE(cxm_acc_compare(a, b, 1, CXM_METHOD_AGRESTI_COULL, 0.95, &out), CXM_ERR_ARG);
    EXPECT_COMPARE(cxm_acc_compare(a, b, 3, CXM_METHOD_SCORE, 0.95, &out), CXM_ERR_ARG);
    EXPECT_COMPARE(cxm_acc_compare(a, b, 4, CXM_METHOD_WALD, 0.95, &out), CXM_ERR_ARG);
    EXPECT_COMPARE(cxm_acc_compare(a, empty, 0, 0, 0.95, &out), CXM_ERR_EMPTY);
    EXPECT_COMPARE(cxm_acc_compare(empty, a, 3, 0, 0.95, &out), CXM_ERR_EMPTY);
    EXPECT_COMPARE(cxm_acc_compare(c1, c2, 4, 0, 0.95, &out), CXM_ERR_EMPTY); /* both constant */
    static const double single[7] = {0, 0, 0, 1, 0, 0, 0};
    cxm_acc *c3 = ces_acc(single); /* one rating: no standard deviation */
    EXPECT_COMPARE(cxm_acc_compare(c3, c2, 4, 0, 0.95, &out), CXM_ERR_EMPTY);
    EXPECT_COMPARE(cxm_acc_compare(c2, c3, 4, 0, 0.95, &out), CXM_ERR_EMPTY);
    cxm_acc_free(c3);
    out.size = 8;
    before = out;
    EXPECT_COMPARE(cxm_acc_compare(a, b, 0, 0, 0.95, &out), CXM_ERR_SIZE);
#undef EXPECT_COMPARE
    cxm_acc_free(a);
    cxm_acc_free(b);
    cxm_acc_free(empty);
    cxm_acc_free(nps);
    cxm_acc_free(c1);
    cxm_acc_free(c2);
}
END_TEST

START_TEST(methods_per_quantity)
{
    /* The table of docs/statistics.md, "Which method when", written out here
     * by hand: for each quantity the methods that apply, the default first.
     * Every other method, and every unknown quantity, is CXM_ERR_ARG. */
    static const struct {
        int quantity;
        int interval[6], compare[3];
    } doc[] = {
        {CXM_QUANTITY_POSITIVE_SHARE,
         {CXM_METHOD_WILSON, CXM_METHOD_WILSON_CC, CXM_METHOD_AGRESTI_COULL,
          CXM_METHOD_CLOPPER_PEARSON, CXM_METHOD_WALD, CXM_METHOD_JEFFREYS},
         {CXM_METHOD_WILSON, CXM_METHOD_WALD}},
        {CXM_QUANTITY_NEGATIVE_SHARE,
         {CXM_METHOD_WILSON, CXM_METHOD_WILSON_CC, CXM_METHOD_AGRESTI_COULL,
          CXM_METHOD_CLOPPER_PEARSON, CXM_METHOD_WALD, CXM_METHOD_JEFFREYS},
         {CXM_METHOD_WILSON, CXM_METHOD_WALD}},
        {CXM_QUANTITY_NET,
         {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD, CXM_METHOD_SCORE},
         {CXM_METHOD_ADJUSTED_WALD, CXM_METHOD_WALD}},
        {CXM_QUANTITY_MEAN, {CXM_METHOD_T}, {CXM_METHOD_T}},
    };
    /* NPS samples on which every quantity is defined; HEADLINE is the net. */
    cxm_acc *a = net_acc(3, 2, 6), *b = net_acc(1, 4, 7);
    for (int asked = -1; asked <= 6; asked++) {
        int quantity = asked == CXM_QUANTITY_HEADLINE ? CXM_QUANTITY_NET : asked;
        for (int method = -1; method <= 11; method++) {
            bool interval_ok = false, compare_ok = false;
            int interval_default = 0, compare_default = 0;
            for (size_t i = 0; i < COUNT_OF(doc); i++) {
                if (doc[i].quantity != quantity) {
                    continue;
                }
                interval_default = doc[i].interval[0];
                compare_default = doc[i].compare[0];
                for (size_t m = 0; m < 6; m++) {
                    interval_ok |= doc[i].interval[m] != 0 &&
                                   (doc[i].interval[m] == method || method == CXM_METHOD_DEFAULT);
                }
                for (size_t m = 0; m < 3; m++) {
                    compare_ok |= doc[i].compare[m] != 0 &&
                                  (doc[i].compare[m] == method || method == CXM_METHOD_DEFAULT);
                }
            }
            cxm_interval iv = CXM_INTERVAL_INIT;
            int status = cxm_acc_interval(a, asked, method, 0.95, &iv);
            ck_assert_msg(status == (interval_ok ? CXM_OK : CXM_ERR_ARG),
                          "interval quantity %d method %d: status %d", asked, method, status);
            if (interval_ok) {
                ck_assert_int_eq(iv.method,
                                 method == CXM_METHOD_DEFAULT ? interval_default : method);
            }
            cxm_comparison c = CXM_COMPARISON_INIT;
            status = cxm_acc_compare(a, b, asked, method, 0.95, &c);
            ck_assert_msg(status == (compare_ok ? CXM_OK : CXM_ERR_ARG),
                          "compare quantity %d method %d: status %d", asked, method, status);
            if (compare_ok) {
                ck_assert_int_eq(c.method, method == CXM_METHOD_DEFAULT ? compare_default : method);
            }
        }
    }
    cxm_acc_free(a);
    cxm_acc_free(b);
}
END_TEST

typedef struct bigger_interval {
    cxm_interval known;
    double future;
    double beyond;
} bigger_interval;

START_TEST(larger_structs)
{
    cxm_acc *acc = share_acc(70, 100);
    bigger_interval big;
    memset(&big, 0x11, sizeof big);
    big.known.size = (uint32_t)offsetof(bigger_interval, beyond);
    ck_assert_int_eq(cxm_acc_interval(acc, 0, 0, 0.95, &big.known), CXM_OK);
    ck_assert_double_eq(big.future, 0.0);
    ck_assert_rel(big.known.low, 60.415145366653334, REL);
    unsigned char pattern[sizeof(double)];
    memset(pattern, 0x11, sizeof pattern);
    ck_assert_mem_eq(&big.beyond, pattern, sizeof pattern);
    /* No tail padding: a field appended later starts right after `high`
     * (the sizes themselves differ by platform: 56 and 80 on LP64, 52 and 76
     * with the i386 ABI's 4-byte double alignment; tests/abi checks both). */
    ck_assert_uint_eq(sizeof(cxm_interval), offsetof(cxm_interval, high) + sizeof(double));
    ck_assert_uint_eq(sizeof(cxm_comparison), offsetof(cxm_comparison, high) + sizeof(double));
    cxm_acc_free(acc);
}
END_TEST

static Suite *stats_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("intervals");
    tcase_add_test(tc, wilson);
    tcase_add_test(tc, wilson_continuity_corrected);
    tcase_add_test(tc, agresti_coull);
    tcase_add_test(tc, clopper_pearson);
    tcase_add_test(tc, clopper_pearson_huge_n);
    tcase_add_test(tc, jeffreys);
    tcase_add_test(tc, wald_share);
    tcase_add_test(tc, negative_share_and_defaults);
    tcase_add_test(tc, net_adjusted_wald);
    tcase_add_test(tc, net_wald);
    tcase_add_test(tc, net_tango_score);
    tcase_add_test(tc, mean_student_t);
    tcase_add_test(tc, mean_n_equal_2_and_huge_n);
    suite_add_tcase(s, tc);
    TCase *cmp = tcase_create("comparisons");
    tcase_add_test(cmp, compare_shares);
    tcase_add_test(cmp, compare_degenerate_shares);
    tcase_add_test(cmp, compare_nets);
    tcase_add_test(cmp, compare_means_welch);
    suite_add_tcase(s, cmp);
    TCase *exact = tcase_create("exact references");
    tcase_add_test(exact, issue_15_examples);
    tcase_add_test(exact, exact_share_intervals);
    tcase_add_test(exact, exact_net_intervals);
    tcase_add_test(exact, exact_share_comparisons);
    tcase_add_test(exact, exact_net_comparisons);
    tcase_add_test(exact, exact_welch);
    suite_add_tcase(s, exact);
    TCase *extremes = tcase_create("extremes");
    tcase_add_test(extremes, extreme_small_confidences);
    tcase_add_test(extremes, extreme_limits_near_zero);
    tcase_add_test(extremes, extreme_near_constant_samples);
    tcase_add_test(extremes, extreme_welch_tails);
    tcase_add_test(extremes, extreme_beta_limits);
    suite_add_tcase(s, extremes);
    TCase *err = tcase_create("errors");
    tcase_add_test(err, interval_errors);
    tcase_add_test(err, compare_errors);
    tcase_add_test(err, methods_per_quantity);
    tcase_add_test(err, larger_structs);
    suite_add_tcase(s, err);
    return s;
}

CXM_TEST_MAIN(stats_suite)
