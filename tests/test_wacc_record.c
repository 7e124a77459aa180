/* Recording and combining weighted accumulators (lib/wacc_record.c): add and
 * remove, merge and subtract, their refusals (each leaving the state
 * byte-identical), and seeded random round trips: parts merged give the
 * state of all the responses added at once, subtracting them or removing
 * every response gives back the empty state. */
#include <stdio.h>

#include "testutil.h"

#define M UINT32_MAX /* the largest weight */

static void expect_cell(const cxm_wacc *w, int32_t rating, uint64_t count, uint64_t weight,
                        uint64_t high, uint64_t low)
{
    uint64_t c, wt, squares[2];
    ck_assert_int_eq(cxm_wacc_cell(w, rating, &c, &wt, squares), CXM_OK);
    ck_assert_uint_eq(c, count);
    ck_assert_uint_eq(wt, weight);
    ck_assert_uint_eq(squares[0], high);
    ck_assert_uint_eq(squares[1], low);
}

START_TEST(add_and_its_refusals)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_CSAT_5);
    ck_assert_int_eq(cxm_wacc_add(w, 4, 7), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 4, 2), CXM_OK);
    expect_cell(w, 4, 2, 9, 0, 53);
    /* Two largest weights carry into Q's high word: 2 (2^32 - 1)^2. */
    ck_assert_int_eq(cxm_wacc_add(w, 5, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 5, M), CXM_OK);
    expect_cell(w, 5, 2, 2 * (uint64_t)M, 1, UINT64_MAX - (UINT64_C(1) << 34) + 3);

    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, 6, 1), CXM_ERR_RANGE);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, 0, 1), CXM_ERR_RANGE);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, INT32_MIN, 1), CXM_ERR_RANGE);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, 3, 0), CXM_ERR_ARG);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, 9, 0), CXM_ERR_RANGE); /* rating first */
    ck_assert_int_eq(cxm_wacc_add(NULL, 3, 1), CXM_ERR_NULL);
    cxm_wacc_free(w);
}
END_TEST

/* The sum of all weights is the one that can overflow; it is checked before
 * anything changes, exactly at 2^64 - 1. */
START_TEST(add_overflow_at_the_limit)
{
    static const char text[] =
        "nps[10:4294967297/18446744073709551614/79228162495817593506949496836]";
    /* 2^32 + 1 responses: 2^32 of weight M and one of M - 1, W = 2^64 - 2. */
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_parse(text, strlen(text), &w), CXM_OK);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, 3, 2), CXM_ERR_OVERFLOW);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, 3, M), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_wacc_add(w, 3, 1), CXM_OK); /* W = 2^64 - 1 exactly */
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_add(w, 3, 1), CXM_ERR_OVERFLOW);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_merge(w, w), CXM_ERR_OVERFLOW);
    uint64_t count, weight, squares[2];
    ck_assert_int_eq(cxm_wacc_totals(w, &count, &weight, squares), CXM_OK);
    ck_assert_uint_eq(weight, UINT64_MAX);
    ck_assert_uint_eq(count, (UINT64_C(1) << 32) + 2);
    cxm_wacc_free(w);
}
END_TEST

START_TEST(remove_is_the_inverse_of_add)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS), *empty = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(w, 9, 3), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 9, 3), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 0, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 0, M), CXM_OK);
    /* {3, 3}: taking 1 would leave c = 1, W = 5, Q = 17 < W^2. */
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_remove(w, 9, 1), CXM_ERR_ABSENT);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_remove(w, 9, 5), CXM_ERR_ABSENT);  /* Q < 25 */
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_remove(w, 9, 7), CXM_ERR_ABSENT);  /* W < 7 */
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_remove(w, 10, 1), CXM_ERR_ABSENT); /* none */
    /* {M, M}: taking 1 would leave Q = 2 M^2 - 1 > (2M - 1) M. */
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_remove(w, 0, 1), CXM_ERR_ABSENT);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_remove(w, 11, 1), CXM_ERR_RANGE);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_remove(w, 9, 0), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_wacc_remove(NULL, 9, 3), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_remove(w, 0, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_remove(w, 9, 3), CXM_OK);
    ck_assert_int_eq(cxm_wacc_remove(w, 0, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_remove(w, 9, 3), CXM_OK);
    ck_assert_mem_eq(w, empty, cxmi_wacc_bytes(w->span));
    /* The sums cannot tell which weights made them: from {1, 3}, removing a 2
     * leaves c = 1, W = 2, Q = 6, a state the invariants allow. */
    ck_assert_int_eq(cxm_wacc_add(w, 5, 1), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 5, 3), CXM_OK);
    ck_assert_int_eq(cxm_wacc_remove(w, 5, 2), CXM_OK);
    expect_cell(w, 5, 1, 2, 0, 6);
    cxm_wacc_free(empty);
    cxm_wacc_free(w);
}
END_TEST

START_TEST(merge_and_subtract)
{
    cxm_wacc *a = new_preset_wacc(CXM_PRESET_NPS), *b = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(a, 10, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(a, 3, 2), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(b, 10, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(b, 7, 5), CXM_OK);
    ck_assert_int_eq(cxm_wacc_merge(a, b), CXM_OK);
    expect_cell(a, 10, 2, 2 * (uint64_t)M, 1, UINT64_MAX - (UINT64_C(1) << 34) + 3);
    expect_cell(a, 7, 1, 5, 0, 25);
    expect_cell(a, 3, 1, 2, 0, 4);
    ck_assert_int_eq(cxm_wacc_merge(a, a), CXM_OK); /* doubles every sum */
    expect_cell(a, 10, 4, 4 * (uint64_t)M, 3, UINT64_MAX - (UINT64_C(1) << 35) + 5);
    expect_cell(a, 3, 2, 4, 0, 8);

    cxm_wacc *csat = new_preset_wacc(CXM_PRESET_CSAT_5);
    ck_assert_wacc_fails_unchanged(a, cxm_wacc_merge(a, csat), CXM_ERR_MISMATCH);
    ck_assert_wacc_fails_unchanged(a, cxm_wacc_subtract(a, csat), CXM_ERR_MISMATCH);
    ck_assert_wacc_fails_unchanged(a, cxm_wacc_merge(a, NULL), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(a, cxm_wacc_subtract(a, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_merge(NULL, a), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_subtract(NULL, a), CXM_ERR_NULL);

    /* part exceeds from in one sum only, or leaves an impossible cell. */
    cxm_wacc *part = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(part, 7, 6), CXM_OK); /* W 6 > 5 in b */
    ck_assert_wacc_fails_unchanged(b, cxm_wacc_subtract(b, part), CXM_ERR_ABSENT);
    ck_assert_int_eq(cxm_wacc_reset(part), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(part, 7, 1), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(part, 7, 1), CXM_OK); /* c 2 > 1 in b */
    ck_assert_wacc_fails_unchanged(b, cxm_wacc_subtract(b, part), CXM_ERR_ABSENT);
    ck_assert_int_eq(cxm_wacc_reset(part), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(part, 7, 4), CXM_OK); /* leaves c 0, W 1, Q 9 */
    ck_assert_wacc_fails_unchanged(b, cxm_wacc_subtract(b, part), CXM_ERR_ABSENT);
    ck_assert_int_eq(cxm_wacc_reset(part), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(part, 10, M - 1), CXM_OK); /* Q (M-1)^2 < M^2, c W ok */
    ck_assert_int_eq(cxm_wacc_add(part, 3, 1), CXM_OK);      /* nothing at 3 in b */
    ck_assert_wacc_fails_unchanged(b, cxm_wacc_subtract(b, part), CXM_ERR_ABSENT);

    ck_assert_int_eq(cxm_wacc_subtract(a, b), CXM_OK);
    ck_assert_int_eq(cxm_wacc_subtract(a, b), CXM_OK);
    ck_assert_int_eq(cxm_wacc_subtract(a, a), CXM_OK);
    cxm_wacc *empty = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_mem_eq(a, empty, cxmi_wacc_bytes(a->span));
    cxm_wacc_free(empty);
    cxm_wacc_free(part);
    cxm_wacc_free(csat);
    cxm_wacc_free(a);
    cxm_wacc_free(b);
}
END_TEST

/* A random weight: small ones, large ones and the extremes, so that Q's high
 * word and the carries are exercised. */
static uint32_t random_weight(uint64_t *seed)
{
    uint64_t r = next_random(seed);
    switch (r % 4) {
    case 0: return 1 + (uint32_t)((r >> 8) % 100);
    case 1: return 1 + (uint32_t)((r >> 8) % 1000000);
    case 2: return M - (uint32_t)((r >> 8) % 3);
    default: return 1 + (uint32_t)(r >> 32) % M;
    }
}

/* Responses spread over k parts: merged they are the state of all of them
 * at once, in any order; subtracting the parts, or removing every response in
 * a shuffled order, empties it. Byte-identical states throughout. */
START_TEST(random_merge_split_and_remove)
{
    cxm_scale widest = make_scale(-50, 50, 20, 50, -50, -20, CXM_HEADLINE_MEAN);
    for (uint64_t round = 0; round < 40; round++) {
        uint64_t seed = 0xC0FFEE + round;
        enum { PARTS = 5, MAX_RESPONSES = 400 };
        cxm_wacc *all = NULL, *merged = NULL, *reversed = NULL, *parts[PARTS], *empty = NULL;
        ck_assert_int_eq(cxm_wacc_new(&widest, &all), CXM_OK);
        ck_assert_int_eq(cxm_wacc_new(&widest, &merged), CXM_OK);
        ck_assert_int_eq(cxm_wacc_new(&widest, &reversed), CXM_OK);
        ck_assert_int_eq(cxm_wacc_new(&widest, &empty), CXM_OK);
        for (int k = 0; k < PARTS; k++) {
            ck_assert_int_eq(cxm_wacc_new(&widest, &parts[k]), CXM_OK);
        }
        static int32_t ratings[MAX_RESPONSES];
        static uint32_t weights[MAX_RESPONSES];
        int n = 1 + (int)(next_random(&seed) % MAX_RESPONSES);
        for (int i = 0; i < n; i++) {
            ratings[i] = -50 + (int32_t)(next_random(&seed) % 101);
            weights[i] = random_weight(&seed);
            ck_assert_int_eq(cxm_wacc_add(all, ratings[i], weights[i]), CXM_OK);
            int k = (int)(next_random(&seed) % PARTS);
            ck_assert_int_eq(cxm_wacc_add(parts[k], ratings[i], weights[i]), CXM_OK);
        }
        for (int k = 0; k < PARTS; k++) {
            ck_assert_int_eq(cxm_wacc_merge(merged, parts[k]), CXM_OK);
            ck_assert_int_eq(cxm_wacc_merge(reversed, parts[PARTS - 1 - k]), CXM_OK);
        }
        ck_assert_msg(memcmp(merged, all, cxmi_wacc_bytes(all->span)) == 0, "seed %llu",
                      (unsigned long long)round);
        ck_assert_mem_eq(reversed, all, cxmi_wacc_bytes(all->span));
        for (int k = 0; k < PARTS; k++) {
            ck_assert_int_eq(cxm_wacc_subtract(merged, parts[k]), CXM_OK);
        }
        ck_assert_mem_eq(merged, empty, cxmi_wacc_bytes(all->span));
        for (int i = n - 1; i > 0; i--) { /* Fisher-Yates */
            int j = (int)(next_random(&seed) % (uint64_t)(i + 1));
            int32_t r = ratings[i];
            uint32_t wt = weights[i];
            ratings[i] = ratings[j];
            weights[i] = weights[j];
            ratings[j] = r;
            weights[j] = wt;
        }
        for (int i = 0; i < n; i++) {
            ck_assert_int_eq(cxm_wacc_remove(all, ratings[i], weights[i]), CXM_OK);
        }
        ck_assert_mem_eq(all, empty, cxmi_wacc_bytes(all->span));
        for (int k = 0; k < PARTS; k++) {
            cxm_wacc_free(parts[k]);
        }
        cxm_wacc_free(all);
        cxm_wacc_free(merged);
        cxm_wacc_free(reversed);
        cxm_wacc_free(empty);
    }
}
END_TEST

static Suite *wacc_record_suite(void)
{
    Suite *s = suite_create("wacc_record");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, add_and_its_refusals);
    tcase_add_test(tc, add_overflow_at_the_limit);
    tcase_add_test(tc, remove_is_the_inverse_of_add);
    tcase_add_test(tc, merge_and_subtract);
    tcase_add_test(tc, random_merge_split_and_remove);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(wacc_record_suite)
