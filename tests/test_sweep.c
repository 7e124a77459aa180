/* Every statistic returned with CXM_OK is a number: a sweep of every method
 * the tables accept (cxm_method_resolve over the method numbers below 32, so
 * a method added to lib/methods.c is swept without an edit here) x every
 * quantity x confidences from the smallest positive double to the largest
 * below 1 x samples whose counts, 0 to 2^64 - 1, sit on the edges of the
 * bands, for intervals and comparisons, of accumulators and of weighted
 * accumulators (weights 1 to 2^32 - 1). No NaN or infinity may come back
 * with CXM_OK except where the header says so (df = INFINITY for z tests; a
 * statistic of +-INFINITY when se is 0), and each interval is ordered and
 * inside its clip range.
 *
 * The samples are seeded (CXM_TEST_SEED) and their number is scaled by
 * CXM_SWEEP_ROUNDS: the default 1 takes a third of a second (under a minute
 * in CI's valgrind run); CXM_SWEEP_ROUNDS=100 is the long run. A failure
 * prints the sample, the confidence and the seed. */
#include <float.h>
#include <stdio.h>

#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The confidences every sample meets: the smallest subnormal (z is then
 * 0, and z^2 underflows from about 1e-160 on), the smallest normal, 1e-300,
 * 1e-20 (1 - c rounds to 1), 1e-16, 1e-6, the usual levels, and 1 - 2^-40 to
 * the largest double below 1. */
static const double CONFIDENCES[] = {
    DBL_TRUE_MIN, DBL_MIN,       1e-300, 1e-20,    1e-16,         1e-6,          0.05,
    0.5,          0.5 + 0x1p-53, 0.95,   0.999999, 1.0 - 0x1p-40, 1.0 - 0x1p-52, 1.0 - 0x1p-53};

/* Counts of one rating: the small ones and those next to the limits of a
 * double's integers and of a uint64_t. */
static const uint64_t COUNTS[] = {1,
                                  2,
                                  3,
                                  10,
                                  1000003,
                                  UINT64_C(1) << 32,
                                  (UINT64_C(1) << 53) - 1,
                                  (UINT64_C(1) << 53) + 1,
                                  UINT64_C(1) << 63,
                                  UINT64_MAX};

static uint64_t base_seed(void)
{
    const char *env = getenv("CXM_TEST_SEED");
    return env != NULL ? strtoull(env, NULL, 10) : 20261206u;
}

static int rounds(void)
{
    const char *env = getenv("CXM_SWEEP_ROUNDS");
    int r = env != NULL ? atoi(env) : 1;
    return r > 0 ? r : 1;
}

static uint32_t below(uint64_t *rng, uint32_t bound)
{
    return (uint32_t)(next_random(rng) % bound);
}

/* The scales swept: every preset and three custom ones (a two-point net
 * scale, a wide one, and bands of one rating with a neutral gap). */
static cxm_scale sweep_scale(int which)
{
    switch (which) {
    case 0: return make_scale(0, 1, 1, 1, 0, 0, CXM_HEADLINE_NET);
    case 1: return make_scale(-50, 50, 40, 50, -50, -41, CXM_HEADLINE_MEAN);
    case 2: return make_scale(1, 5, 5, 5, 1, 1, CXM_HEADLINE_POSITIVE_SHARE);
    default: return preset_scale(which - 2);
    }
}
enum { SCALES = 3 + CXM_PRESET_NET_EASY_7 };

/* The ratings on the edges of the bands: the ends of the scale and of each
 * band, and the neutral ratings just outside the bands. */
static size_t edge_ratings(const cxm_scale *s, int32_t *out)
{
    const int32_t candidates[] = {s->min,
                                  s->max,
                                  s->positive_min,
                                  s->positive_max,
                                  s->negative_min,
                                  s->negative_max,
                                  s->positive_min - 1,
                                  s->positive_max + 1,
                                  s->negative_min - 1,
                                  s->negative_max + 1};
    size_t k = 0;
    for (size_t i = 0; i < COUNT_OF(candidates); i++) {
        int32_t r = candidates[i];
        bool seen = false;
        for (size_t j = 0; j < k; j++) {
            seen |= out[j] == r;
        }
        if (!seen && r >= s->min && r <= s->max) {
            out[k++] = r;
        }
    }
    return k;
}

/* A sample: up to four edge ratings, each with a count from COUNTS, never
 * more than 2^64 - 1 in all (the last one then fills exactly to it). */
static cxm_acc *edge_sample(const cxm_scale *scale, uint64_t *rng)
{
    cxm_acc *acc = new_scale_acc(scale);
    int32_t edges[10];
    size_t k = edge_ratings(scale, edges);
    uint64_t total = 0;
    for (uint32_t picks = 1 + below(rng, 4); picks > 0; picks--) {
        int32_t rating = edges[below(rng, (uint32_t)k)];
        uint64_t count = COUNTS[below(rng, COUNT_OF(COUNTS))];
        if (count > UINT64_MAX - total) {
            count = UINT64_MAX - total;
        }
        if (count > 0) {
            ck_assert_int_eq(cxm_acc_add_count(acc, rating, count), CXM_OK);
            total += count;
        }
    }
    return acc;
}

/* Weights of one response: the smallest, small, a typical unit, the largest. */
static const uint32_t WEIGHTS[] = {1, 2, 1000, UINT32_MAX};

/* How many times a weighted cell is doubled (merged into itself) after its
 * first responses: up to the largest sums the weights allow. */
static const int DOUBLINGS[] = {0, 1, 5, 20, 40, 62};

/* A weighted sample: up to four edge ratings, each with one to three
 * responses of one weight, doubled until the sums would overflow. */
static cxm_wacc *weighted_edge_sample(const cxm_scale *scale, uint64_t *rng)
{
    cxm_wacc *w = NULL, *cell = NULL;
    ck_assert_int_eq(cxm_wacc_new(scale, &w), CXM_OK);
    int32_t edges[10];
    size_t k = edge_ratings(scale, edges);
    for (uint32_t picks = 1 + below(rng, 4); picks > 0; picks--) {
        int32_t rating = edges[below(rng, (uint32_t)k)];
        uint32_t weight = WEIGHTS[below(rng, COUNT_OF(WEIGHTS))];
        ck_assert_int_eq(cxm_wacc_new(scale, &cell), CXM_OK);
        for (uint32_t r = 1 + below(rng, 3); r > 0; r--) {
            ck_assert_int_eq(cxm_wacc_add(cell, rating, weight), CXM_OK);
        }
        for (int d = DOUBLINGS[below(rng, COUNT_OF(DOUBLINGS))]; d > 0; d--) {
            if (cxm_wacc_merge(cell, cell) != CXM_OK) {
                break; /* CXM_ERR_OVERFLOW: as large as it gets */
            }
        }
        (void)cxm_wacc_merge(w, cell); /* an overflow leaves w as it was */
        cxm_wacc_free(cell);
    }
    return w;
}

/* What the failure message shows of a sample. */
static void describe_acc(const cxm_acc *acc, char *buf, size_t cap)
{
    cxm_scale s = CXM_SCALE_INIT;
    uint64_t counts[CXM_MAX_SPAN];
    ck_assert_int_eq(cxm_acc_scale(acc, &s), CXM_OK);
    ck_assert_int_eq(cxm_acc_counts(acc, counts, CXM_MAX_SPAN), CXM_OK);
    int used = snprintf(buf, cap, "scale %d..%d {", (int)s.min, (int)s.max);
    for (int32_t r = s.min; r <= s.max && used > 0 && (size_t)used < cap; r++) {
        if (counts[r - s.min] != 0) {
            used += snprintf(buf + used, cap - (size_t)used, " %d:%llu", (int)r,
                             (unsigned long long)counts[r - s.min]);
        }
    }
    if (used > 0 && (size_t)used < cap) {
        snprintf(buf + used, cap - (size_t)used, " }");
    }
}

/* The same for a weighted sample: rating: responses / weight total. */
static void describe_wacc(const cxm_wacc *w, char *buf, size_t cap)
{
    cxm_scale s = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_wacc_scale(w, &s), CXM_OK);
    int used = snprintf(buf, cap, "weighted scale %d..%d {", (int)s.min, (int)s.max);
    for (int32_t r = s.min; r <= s.max && used > 0 && (size_t)used < cap; r++) {
        uint64_t count, weight, squares[2];
        ck_assert_int_eq(cxm_wacc_cell(w, r, &count, &weight, squares), CXM_OK);
        if (count != 0) {
            used += snprintf(buf + used, cap - (size_t)used, " %d:%llu/%llu", (int)r,
                             (unsigned long long)count, (unsigned long long)weight);
        }
    }
    if (used > 0 && (size_t)used < cap) {
        snprintf(buf + used, cap - (size_t)used, " }");
    }
}

/* The range a quantity's limits are clipped to (the mean's is not). */
static void clip_range(int quantity, bool difference, double *lo, double *hi)
{
    double width = difference ? 2.0 : 1.0;
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE:
    case CXM_QUANTITY_NEGATIVE_SHARE:
        *lo = difference ? -100.0 : 0.0;
        *hi = 100.0;
        return;
    case CXM_QUANTITY_NET:
        *lo = -100.0 * width;
        *hi = 100.0 * width;
        return;
    default: *lo = -INFINITY, *hi = INFINITY;
    }
}

typedef struct sweep_case {
    const void *a, *b; /* cxm_acc, or cxm_wacc if weighted; b NULL for an interval */
    bool weighted;
    int quantity, method;
    double confidence;
    uint64_t seed; /* CXM_TEST_SEED that reproduces the case */
    int scale;     /* and the loop index of its scale */
    uint64_t *rng; /* draws the seeded confidences */
} sweep_case;

static void report_failure(const sweep_case *c, const char *what, double value)
{
    char sa[1024], sb[1024] = "";
    if (c->weighted) {
        describe_wacc(c->a, sa, sizeof sa);
    } else {
        describe_acc(c->a, sa, sizeof sa);
    }
    if (c->b != NULL && c->weighted) {
        describe_wacc(c->b, sb, sizeof sb);
    } else if (c->b != NULL) {
        describe_acc(c->b, sb, sizeof sb);
    }
    ck_abort_msg("%s = %.17g: quantity %d method %d confidence %.17g, %s%s%s "
                 "(CXM_TEST_SEED=%llu, scale %d)",
                 what, value, c->quantity, c->method, c->confidence, sa,
                 c->b != NULL ? " against " : "", sb, (unsigned long long)c->seed, c->scale);
}

static void expect(bool ok, const sweep_case *c, const char *what, double value)
{
    if (!ok) {
        report_failure(c, what, value);
    }
}

/* The samples on which the statistic is undefined (CXM_ERR_EMPTY). */
static bool undefined_for(const cxm_acc *acc, int quantity)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &s), CXM_OK);
    return quantity == CXM_QUANTITY_MEAN ? s.n < 2 : s.n == 0;
}

/* A weighted statistic is undefined (CXM_ERR_EMPTY) in the cases its header
 * lists (fewer than 2 responses, LOGIT at 0 or 100, a comparison of two
 * samples without variance); the sweep takes that answer as given and checks
 * every CXM_OK. */
static void check_interval(const sweep_case *c)
{
    cxm_interval iv = CXM_INTERVAL_INIT;
    int status = c->weighted ? cxm_wacc_interval(c->a, c->quantity, c->method, c->confidence, &iv)
                             : cxm_acc_interval(c->a, c->quantity, c->method, c->confidence, &iv);
    if (c->weighted ? status == CXM_ERR_EMPTY : undefined_for(c->a, c->quantity)) {
        expect(status == CXM_ERR_EMPTY, c, "status", status);
        return;
    }
    expect(status == CXM_OK, c, "status", status);
    double lo, hi;
    clip_range(c->quantity, false, &lo, &hi);
    expect(isfinite(iv.estimate), c, "estimate", iv.estimate);
    expect(isfinite(iv.se) && iv.se >= 0.0, c, "se", iv.se);
    expect(isfinite(iv.low) && iv.low >= lo, c, "low", iv.low);
    expect(isfinite(iv.high) && iv.high <= hi, c, "high", iv.high);
    expect(iv.low <= iv.high, c, "high - low", iv.high - iv.low);
}

static void check_comparison(const sweep_case *c)
{
    cxm_comparison cmp = CXM_COMPARISON_INIT;
    int status = c->weighted
                     ? cxm_wacc_compare(c->a, c->b, c->quantity, c->method, c->confidence, &cmp)
                     : cxm_acc_compare(c->a, c->b, c->quantity, c->method, c->confidence, &cmp);
    if (c->weighted ? status == CXM_ERR_EMPTY
                    : undefined_for(c->a, c->quantity) || undefined_for(c->b, c->quantity)) {
        expect(status == CXM_ERR_EMPTY, c, "status", status);
        return;
    }
    if (status == CXM_ERR_EMPTY && c->quantity == CXM_QUANTITY_MEAN) {
        /* Welch with two constant samples: documented, and checked to be so. */
        cxm_snapshot sa = CXM_SNAPSHOT_INIT, sb = CXM_SNAPSHOT_INIT;
        ck_assert_int_eq(cxm_acc_snapshot(c->a, &sa), CXM_OK);
        ck_assert_int_eq(cxm_acc_snapshot(c->b, &sb), CXM_OK);
        expect(sa.stddev == 0.0 && sb.stddev == 0.0, c, "status", status);
        return;
    }
    expect(status == CXM_OK, c, "status", status);
    double lo, hi;
    clip_range(c->quantity, true, &lo, &hi);
    bool z_test = !c->weighted && c->quantity != CXM_QUANTITY_MEAN;
    expect(isfinite(cmp.difference), c, "difference", cmp.difference);
    expect(isfinite(cmp.se) && cmp.se >= 0.0, c, "se", cmp.se);
    /* +-INFINITY only for a z test whose se is 0 (the header says so). */
    expect(isfinite(cmp.statistic) || (z_test && cmp.se == 0.0 && isinf(cmp.statistic)), c,
           "statistic", cmp.statistic);
    expect(z_test ? cmp.df == INFINITY : isfinite(cmp.df) && cmp.df >= 1.0, c, "df", cmp.df);
    expect(cmp.p_value >= 0.0 && cmp.p_value <= 1.0, c, "p_value", cmp.p_value);
    expect(isfinite(cmp.low) && cmp.low >= lo, c, "low", cmp.low);
    expect(isfinite(cmp.high) && cmp.high <= hi, c, "high", cmp.high);
    expect(cmp.low <= cmp.high, c, "high - low", cmp.high - cmp.low);
}

/* Every method the table accepts for a quantity, at every confidence. */
static void sweep_methods(sweep_case *c, bool interval)
{
    cxm_scale scale = CXM_SCALE_INIT;
    ck_assert_int_eq(c->weighted ? cxm_wacc_scale(c->a, &scale) : cxm_acc_scale(c->a, &scale),
                     CXM_OK);
    int use = c->weighted ? (interval ? CXM_USE_WEIGHTED_INTERVAL : CXM_USE_WEIGHTED_COMPARE)
                          : (interval ? CXM_USE_INTERVAL : CXM_USE_COMPARE);
    for (int method = CXM_METHOD_WILSON; method < 32; method++) {
        int rq, rm;
        if (cxm_method_resolve(&scale, c->quantity, method, use, &rq, &rm) != CXM_OK) {
            continue;
        }
        c->method = method;
        for (size_t k = 0; k < COUNT_OF(CONFIDENCES) + 2; k++) {
            /* and two seeded ones: one of 10^-320 .. 10^-1, one as close to 1 */
            double u = (double)(next_random(c->rng) >> 11) * 0x1p-53;
            c->confidence = k < COUNT_OF(CONFIDENCES)    ? CONFIDENCES[k]
                            : k == COUNT_OF(CONFIDENCES) ? pow(10.0, -1.0 - 319.0 * u)
                                                         : 1.0 - pow(2.0, -1.0 - 52.0 * u);
            if (interval) {
                check_interval(c);
            } else {
                check_comparison(c);
            }
        }
    }
}

enum { SAMPLES = 16, PARTNERS = 2 };

/* Every quantity of every sample: its intervals, and comparisons with itself
 * (equal shares) and with the next samples. */
static void sweep_samples(void *const *samples, int count, bool weighted, uint64_t seed, int scale,
                          uint64_t *rng)
{
    for (int i = 0; i < count; i++) {
        for (int q = CXM_QUANTITY_POSITIVE_SHARE; q <= CXM_QUANTITY_MEAN; q++) {
            sweep_case c = {samples[i], NULL, weighted, q, 0, 0.0, seed, scale, rng};
            sweep_methods(&c, true);
            for (int k = 0; k <= PARTNERS; k++) {
                c.b = samples[(i + k) % count];
                sweep_methods(&c, false);
            }
        }
    }
}

/* One scale per loop index: accumulators, the first one empty. */
START_TEST(every_statistic_is_a_number)
{
    uint64_t seed = base_seed(), rng = seed + 1000003u * (uint64_t)_i;
    cxm_scale scale = sweep_scale(_i);
    int count = SAMPLES * rounds();
    void **samples = calloc((size_t)count, sizeof *samples);
    ck_assert_ptr_nonnull(samples);
    for (int i = 0; i < count; i++) {
        samples[i] = i == 0 ? new_scale_acc(&scale) : edge_sample(&scale, &rng);
    }
    sweep_samples(samples, count, false, seed, _i, &rng);
    for (int i = 0; i < count; i++) {
        cxm_acc_free(samples[i]);
    }
    free(samples);
}
END_TEST

/* The same for weighted accumulators (cxm_wacc_interval, cxm_wacc_compare and
 * the weighted tables of methods). */
START_TEST(every_weighted_statistic_is_a_number)
{
    uint64_t seed = base_seed(), rng = seed + 7000003u * (uint64_t)_i;
    cxm_scale scale = sweep_scale(_i);
    int count = SAMPLES * rounds();
    void **samples = calloc((size_t)count, sizeof *samples);
    ck_assert_ptr_nonnull(samples);
    for (int i = 0; i < count; i++) {
        cxm_wacc *empty = NULL;
        if (i == 0) {
            ck_assert_int_eq(cxm_wacc_new(&scale, &empty), CXM_OK);
        }
        samples[i] = i == 0 ? empty : weighted_edge_sample(&scale, &rng);
    }
    sweep_samples(samples, count, true, seed, _i, &rng);
    for (int i = 0; i < count; i++) {
        cxm_wacc_free(samples[i]);
    }
    free(samples);
}
END_TEST

/* Issue 20's example: comparisons of shares at a confidence of 1e-20 or
 * less, one sample at 0 %, came back CXM_OK with a NaN limit (and two equal
 * shares with [NaN, NaN]): z rounded to 0, and Wilson's distance from 0 %
 * to its lower limit was formed as 0 / 0. An interval of (almost) no
 * confidence is the difference itself, to far below an ulp of it: its half
 * width is z times a standard error, z <= 1.3e-20. */
START_TEST(tiny_confidence_comparison_of_shares)
{
    cxm_acc *none = new_preset_acc(CXM_PRESET_CSAT_BINARY);
    cxm_acc *some = new_preset_acc(CXM_PRESET_CSAT_BINARY);
    ck_assert_int_eq(cxm_acc_add_count(none, 1, 10), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(some, 1, 7), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(some, 2, 3), CXM_OK);
    const double confidences[] = {1e-20, 1e-300, DBL_TRUE_MIN};
    const int methods[] = {CXM_METHOD_WILSON, CXM_METHOD_WALD};
    for (size_t k = 0; k < COUNT_OF(confidences); k++) {
        for (size_t m = 0; m < COUNT_OF(methods); m++) {
            cxm_comparison c = CXM_COMPARISON_INIT;
            ck_assert_int_eq(cxm_acc_compare(none, some, CXM_QUANTITY_POSITIVE_SHARE, methods[m],
                                             confidences[k], &c),
                             CXM_OK);
            ck_assert_double_eq(c.low, -30.0);
            ck_assert_double_eq(c.high, -30.0);
            ck_assert_int_eq(cxm_acc_compare(some, some, CXM_QUANTITY_POSITIVE_SHARE, methods[m],
                                             confidences[k], &c),
                             CXM_OK);
            ck_assert_abs(c.low, 0.0, 1e-18);
            ck_assert_abs(c.high, 0.0, 1e-18);
            ck_assert_double_le(c.low, c.high);
            ck_assert_int_eq(cxm_acc_compare(none, none, CXM_QUANTITY_POSITIVE_SHARE, methods[m],
                                             confidences[k], &c),
                             CXM_OK);
            ck_assert_abs(c.low, 0.0, 1e-38);
            ck_assert_abs(c.high, 0.0, 1e-38);
        }
    }
    cxm_acc_free(none);
    cxm_acc_free(some);
}
END_TEST

static Suite *sweep_suite(void)
{
    Suite *s = suite_create("sweep");
    TCase *tc = tcase_create("finite");
    tcase_add_test(tc, tiny_confidence_comparison_of_shares);
    tcase_add_loop_test(tc, every_statistic_is_a_number, 0, SCALES);
    tcase_add_loop_test(tc, every_weighted_statistic_is_a_number, 0, SCALES);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(sweep_suite)
