/* Properties over seeded random streams: merging any partition equals
 * ingesting the whole (counts equal, snapshots bit-identical), subtract
 * inverts merge, remove inverts add. A failure prints its seed; rerun one
 * seed with CXM_TEST_SEED=<seed>. */
#include <stdio.h>

#include "testutil.h"

#define ROUNDS    200
#define MAX_PARTS 8

static uint32_t below(uint64_t *state, uint32_t bound)
{
    return (uint32_t)(next_random(state) % bound);
}

/* A random valid scale: span 2..101 anywhere in int32, random bands. */
static cxm_scale random_scale(uint64_t *rng)
{
    int32_t span = 2 + (int32_t)below(rng, 100);
    int32_t min = (int32_t)below(rng, 2001) - 1000;
    int32_t cut = min + 1 + (int32_t)below(rng, (uint32_t)span - 1); /* first of upper band */
    int32_t low_end = min + (int32_t)below(rng, (uint32_t)(cut - min));
    int32_t high_start = cut + (int32_t)below(rng, (uint32_t)(min + span - cut));
    int32_t headline = 1 + (int32_t)below(rng, 3);
    if (below(rng, 2) == 0) {
        return make_scale(min, min + span - 1, high_start, min + span - 1, min, low_end, headline);
    }
    return make_scale(min, min + span - 1, min, low_end, high_start, min + span - 1, headline);
}

/* Feeds ratings[from, to) through a random mix of the entry points. */
static void ingest(cxm_acc *acc, const int32_t *ratings, size_t from, size_t to, uint64_t *rng)
{
    size_t i = from;
    while (i < to) {
        size_t run = 1 + below(rng, 16);
        if (run > to - i) {
            run = to - i;
        }
        switch (below(rng, 3)) {
        case 0: ck_assert_int_eq(cxm_acc_add_many(acc, ratings + i, run, NULL), CXM_OK); break;
        case 1:
            for (size_t k = 0; k < run; k++) {
                ck_assert_int_eq(cxm_acc_add(acc, ratings[i + k]), CXM_OK);
            }
            break;
        default: /* a run of equal ratings as one pre-aggregated count */
            run = 1;
            while (i + run < to && ratings[i + run] == ratings[i]) {
                run++;
            }
            ck_assert_int_eq(cxm_acc_add_count(acc, ratings[i], run), CXM_OK);
        }
        i += run;
    }
}

static void assert_same(const cxm_acc *a, const cxm_acc *b, uint64_t seed)
{
    uint64_t ca[CXM_MAX_SPAN], cb[CXM_MAX_SPAN];
    ck_assert_int_eq(cxm_acc_counts(a, ca, CXM_MAX_SPAN), CXM_OK);
    ck_assert_int_eq(cxm_acc_counts(b, cb, CXM_MAX_SPAN), CXM_OK);
    ck_assert_msg(memcmp(ca, cb, a->span * sizeof ca[0]) == 0, "counts differ (seed %llu)",
                  (unsigned long long)seed);
    cxm_snapshot sa = CXM_SNAPSHOT_INIT, sb = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_acc_snapshot(a, &sa), CXM_OK);
    ck_assert_int_eq(cxm_acc_snapshot(b, &sb), CXM_OK);
    ck_assert_msg(memcmp(&sa, &sb, sizeof sa) == 0, "snapshots differ (seed %llu)",
                  (unsigned long long)seed);
}

static uint64_t base_seed(void)
{
    const char *env = getenv("CXM_TEST_SEED");
    return env != NULL ? strtoull(env, NULL, 10) : 20261124u;
}

START_TEST(merge_of_any_partition_equals_the_whole)
{
    uint64_t seed = base_seed() + (uint64_t)_i, rng = seed;
    cxm_scale scale = random_scale(&rng);
    size_t n = below(&rng, 2000);
    int32_t *ratings = malloc((n + 1) * sizeof *ratings);
    ck_assert_ptr_nonnull(ratings);
    /* Skewed: half the ratings crowd into a few values, as real surveys do. */
    for (size_t i = 0; i < n; i++) {
        uint32_t span = (uint32_t)(scale.max - scale.min + 1);
        uint32_t offset = below(&rng, 2) ? below(&rng, span) : span - 1 - below(&rng, 3) % span;
        ratings[i] = scale.min + (int32_t)offset;
    }
    cxm_acc *whole = NULL, *merged = NULL, *parts[MAX_PARTS] = {NULL};
    ck_assert_int_eq(cxm_acc_new(&scale, &whole), CXM_OK);
    ck_assert_int_eq(cxm_acc_new(&scale, &merged), CXM_OK);
    ingest(whole, ratings, 0, n, &rng);

    size_t k = 1 + below(&rng, MAX_PARTS), start = 0;
    for (size_t p = 0; p < k; p++) {
        size_t end = p + 1 == k ? n : start + below(&rng, (uint32_t)(n - start + 1));
        ck_assert_int_eq(cxm_acc_new(&scale, &parts[p]), CXM_OK);
        ingest(parts[p], ratings, start, end, &rng);
        start = end;
    }
    /* merge in a random order */
    for (size_t p = k; p > 0; p--) {
        size_t pick = below(&rng, (uint32_t)p);
        ck_assert_int_eq(cxm_acc_merge(merged, parts[pick]), CXM_OK);
        cxm_acc *tmp = parts[pick];
        parts[pick] = parts[p - 1];
        parts[p - 1] = tmp;
    }
    assert_same(whole, merged, seed);

    /* subtract inverts merge: whole - part == merge of the others */
    ck_assert_int_eq(cxm_acc_subtract(merged, parts[0]), CXM_OK);
    cxm_acc *others = NULL;
    ck_assert_int_eq(cxm_acc_new(&scale, &others), CXM_OK);
    for (size_t p = 1; p < k; p++) {
        ck_assert_int_eq(cxm_acc_merge(others, parts[p]), CXM_OK);
    }
    assert_same(merged, others, seed);

    for (size_t p = 0; p < k; p++) {
        cxm_acc_free(parts[p]);
    }
    cxm_acc_free(others);
    cxm_acc_free(merged);
    cxm_acc_free(whole);
    free(ratings);
}
END_TEST

START_TEST(remove_inverts_add)
{
    uint64_t seed = base_seed() + 7919u * (uint64_t)_i, rng = seed;
    cxm_scale scale = random_scale(&rng);
    cxm_acc *acc = NULL, *empty = NULL;
    ck_assert_int_eq(cxm_acc_new(&scale, &acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_new(&scale, &empty), CXM_OK);
    int32_t ratings[500];
    uint32_t span = (uint32_t)(scale.max - scale.min + 1);
    for (size_t i = 0; i < 500; i++) {
        ratings[i] = scale.min + (int32_t)below(&rng, span);
        ck_assert_int_eq(cxm_acc_add(acc, ratings[i]), CXM_OK);
    }
    for (size_t i = 500; i > 0; i--) { /* remove in a shuffled order */
        size_t pick = below(&rng, (uint32_t)i);
        ck_assert_int_eq(cxm_acc_remove(acc, ratings[pick]), CXM_OK);
        ratings[pick] = ratings[i - 1];
    }
    assert_same(acc, empty, seed);
    cxm_acc_free(acc);
    cxm_acc_free(empty);
}
END_TEST

static Suite *properties_suite(void)
{
    Suite *s = suite_create("properties");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, merge_of_any_partition_equals_the_whole, 0, ROUNDS);
    tcase_add_loop_test(tc, remove_inverts_add, 0, ROUNDS);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(properties_suite)
