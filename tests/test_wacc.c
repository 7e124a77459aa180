/* The weighted accumulator's life, cells and read-out (lib/wacc.c): creation
 * on the heap and in caller memory, copies, reset, the scale, the cell
 * invariants, cxm_wacc_cell, cxm_wacc_totals and cxm_wacc_unweighted. Every
 * refusal leaves the state byte-identical. */
#include <stdalign.h>

#include "testutil.h"

#define M UINT32_MAX /* the largest weight, 2^32 - 1 */

static cxm_scale widest_scale(void)
{
    return make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_NET);
}

START_TEST(new_free_and_footprint)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS), widest = widest_scale();
    ck_assert_uint_eq(cxm_wacc_footprint(&nps), 400);
    ck_assert_uint_eq(cxm_wacc_footprint(&widest), 3280); /* the header's figures */
    ck_assert_uint_eq(cxm_wacc_footprint(&widest), CXM_WACC_FOOTPRINT_MAX);
    cxm_scale bad = nps;
    bad.positive_min = 5; /* overlaps the negative band */
    ck_assert_uint_eq(cxm_wacc_footprint(&bad), 0);
    ck_assert_uint_eq(cxm_wacc_footprint(NULL), 0);

    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *out = sentinel;
    ck_assert_int_eq(cxm_wacc_new(&bad, &out), CXM_ERR_SCALE);
    ck_assert_int_eq(cxm_wacc_new(NULL, &out), CXM_ERR_NULL);
    cxm_scale small = nps;
    small.size = 8;
    ck_assert_int_eq(cxm_wacc_new(&small, &out), CXM_ERR_SIZE);
    ck_assert_ptr_eq(out, sentinel);
    ck_assert_int_eq(cxm_wacc_new(&nps, NULL), CXM_ERR_NULL);

    ck_assert_int_eq(cxm_wacc_new(&nps, &out), CXM_OK);
    cxm_scale copy = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_wacc_scale(out, &copy), CXM_OK);
    ck_assert_int_eq(cxm_scale_equal(&copy, &nps), 1);
    uint64_t count = 7, weight = 7, squares[2] = {7, 7};
    ck_assert_int_eq(cxm_wacc_totals(out, &count, &weight, squares), CXM_OK);
    ck_assert_uint_eq(count + weight + squares[0] + squares[1], 0);
    cxm_wacc_free(out);
    cxm_wacc_free(NULL);
}
END_TEST

START_TEST(scale_size_rules)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_CES_5);
    struct {
        cxm_scale scale;
        int32_t future;
    } big;
    memset(&big, 0x7F, sizeof big);
    big.scale.size = sizeof big;
    ck_assert_int_eq(cxm_wacc_scale(w, &big.scale), CXM_OK);
    ck_assert_int_eq(big.scale.min, 1);
    ck_assert_int_eq(big.scale.headline, CXM_HEADLINE_MEAN);
    ck_assert_int_eq(big.future, 0);
    cxm_scale small = CXM_SCALE_INIT;
    small.size = 4;
    cxm_scale before = small;
    ck_assert_int_eq(cxm_wacc_scale(w, &small), CXM_ERR_SIZE);
    ck_assert_mem_eq(&small, &before, sizeof small);
    ck_assert_int_eq(cxm_wacc_scale(NULL, &small), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_scale(w, NULL), CXM_ERR_NULL);
    cxm_wacc_free(w);
}
END_TEST

/* Caller memory: the footprint is enough, alignment and size are checked
 * first, nothing is touched on refusal, and free is a no-op. */
START_TEST(init_in_caller_memory)
{
    cxm_scale widest = widest_scale();
    size_t need = cxm_wacc_footprint(&widest);
    static alignas(max_align_t) unsigned char mem[CXM_WACC_FOOTPRINT_MAX + 16];
    ck_assert_uint_le(need, sizeof mem);
    memset(mem, 0xA5, sizeof mem);
    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *w = sentinel;
    ck_assert_int_eq(cxm_wacc_init(mem + 1, sizeof mem - 1, &widest, &w), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_wacc_init(mem, need - 1, &widest, &w), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_wacc_init(NULL, need, &widest, &w), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_init(mem, need, &widest, NULL), CXM_ERR_NULL);
    cxm_scale bad = widest;
    bad.headline = 9;
    ck_assert_int_eq(cxm_wacc_init(mem, need, &bad, &w), CXM_ERR_SCALE);
    ck_assert_ptr_eq(w, sentinel);
    for (size_t i = 0; i < sizeof mem; i++) {
        ck_assert_uint_eq(mem[i], 0xA5);
    }
    ck_assert_int_eq(cxm_wacc_init(mem, need, &widest, &w), CXM_OK);
    ck_assert_ptr_eq(w, (void *)mem);
    ck_assert_uint_eq(mem[need], 0xA5); /* not one byte more */
    ck_assert_int_eq(cxm_wacc_add(w, 100, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 0, 1), CXM_OK);
    cxm_wacc *copy = NULL;
    ck_assert_int_eq(cxm_wacc_clone(w, &copy), CXM_OK);
    ck_assert_mem_eq(copy->cells, w->cells, w->span * sizeof w->cells[0]);
    ck_assert_uint_eq(copy->weight, w->weight);
    cxm_wacc_free(w); /* caller memory: nothing to do (valgrind would see a bad free) */
    cxm_wacc_free(copy);
}
END_TEST

START_TEST(clone_and_reset)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(w, 9, 400), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 3, 2), CXM_OK);
    cxm_wacc *copy = NULL, *sentinel = (cxm_wacc *)(uintptr_t)0x1, *out = sentinel;
    ck_assert_int_eq(cxm_wacc_clone(w, &copy), CXM_OK);
    ck_assert_uint_eq(copy->owned, 1);
    ck_assert_mem_eq(copy, w, cxmi_wacc_bytes(w->span));
    ck_assert_int_eq(cxm_wacc_clone(NULL, &out), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_clone(w, NULL), CXM_ERR_NULL);
    ck_assert_ptr_eq(out, sentinel);

    ck_assert_int_eq(cxm_wacc_reset(copy), CXM_OK);
    cxm_wacc *fresh = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_mem_eq(copy, fresh, cxmi_wacc_bytes(w->span));
    ck_assert_int_eq(cxm_wacc_reset(NULL), CXM_ERR_NULL);
    cxm_wacc_free(fresh);
    cxm_wacc_free(copy);
    cxm_wacc_free(w);
}
END_TEST

static cxmi_cell cell(uint64_t c, uint64_t w, uint64_t q_high, uint64_t q_low)
{
    cxmi_cell x = {c, w, q_high, q_low};
    return x;
}

/* The invariants at their boundaries, each just kept and just broken. */
START_TEST(cell_invariants)
{
    const uint64_t max = UINT64_MAX;
    ck_assert(cxmi_cell_valid(cell(0, 0, 0, 0)));
    ck_assert(!cxmi_cell_valid(cell(0, 1, 0, 1)));
    ck_assert(!cxmi_cell_valid(cell(0, 0, 0, 1)));
    ck_assert(!cxmi_cell_valid(cell(0, 0, 1, 0)));
    ck_assert(!cxmi_cell_valid(cell(1, 0, 0, 0)));
    ck_assert(cxmi_cell_valid(cell(1, 1, 0, 1)));
    ck_assert(!cxmi_cell_valid(cell(2, 1, 0, 1))); /* c > W */
    ck_assert(!cxmi_cell_valid(cell(1, 2, 0, 1))); /* W > Q */
    ck_assert(cxmi_cell_valid(cell(1, 2, 0, 4)));  /* W^2 = c Q */
    ck_assert(!cxmi_cell_valid(cell(1, 2, 0, 3))); /* W^2 > c Q */
    ck_assert(cxmi_cell_valid(cell(2, 3, 0, 5)));  /* 1 + 2 */
    ck_assert(!cxmi_cell_valid(cell(2, 3, 0, 4))); /* 9 > 8 */
    ck_assert(cxmi_cell_valid(cell(1, M, 0, (uint64_t)M * M)));
    ck_assert(!cxmi_cell_valid(cell(1, M, 0, (uint64_t)M * M + 1))); /* Q > W M */
    /* At the top: 2^32 + 1 responses of weight M make W = 2^64 - 1 and Q =
     * 2^96 - 2^64 - 2^32 + 1 = W M = W^2 / c, both bounds at once: Q's high
     * word is 2^32 - 2, its low word 2^64 - 2^32 + 1. */
    uint64_t c = max / M;
    ck_assert_uint_eq(c * M, max);
    ck_assert(cxmi_cell_valid(cell(c, max, M - 1, max - M + 1)));
    ck_assert(!cxmi_cell_valid(cell(c, max, M - 1, max - M + 2))); /* Q > W M */
    ck_assert(!cxmi_cell_valid(cell(c, max, M - 1, max - M)));     /* W^2 > c Q */
    ck_assert(cxmi_cell_valid(cell(c + 1, max, M - 1, max - M)));  /* one response more */
    ck_assert(cxmi_cell_valid(cell(max, max, 0, max)));            /* every weight 1 */
    ck_assert(!cxmi_cell_valid(cell(max, max, 0, max - 1)));       /* Q < W */
    ck_assert(!cxmi_cell_valid(cell(max - 1, max, 0, max)));       /* W^2 > c Q */
    /* c = 2^64 - 2, W = 2^64 - 1: Q >= W^2 / c = 2^64 + 1 / (2^64 - 2). */
    ck_assert(!cxmi_cell_valid(cell(max - 1, max, 1, 0)));
    ck_assert(cxmi_cell_valid(cell(max - 1, max, 1, 1)));

    cxmi_cell cells[3] = {cell(max - 1, max - 1, 0, max - 1), cell(0, 0, 0, 0), cell(1, 1, 0, 1)};
    uint64_t weight = 42;
    ck_assert(cxmi_cells_valid(cells, 2, &weight));
    ck_assert_uint_eq(weight, max - 1);
    ck_assert(cxmi_cells_valid(cells, 3, &weight)); /* the sum reaches 2^64 - 1 */
    ck_assert_uint_eq(weight, max);
    cells[1] = cell(1, 1, 0, 1);
    weight = 42;
    ck_assert(!cxmi_cells_valid(cells, 3, &weight)); /* and goes past it */
    cells[1] = cell(1, 2, 0, 3);
    ck_assert(!cxmi_cells_valid(cells + 1, 2, &weight)); /* an invalid cell */
    ck_assert_uint_eq(weight, 42);
}
END_TEST

START_TEST(cells_and_totals)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(w, 10, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 10, M), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 10, 3), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 0, 40), CXM_OK);
    uint64_t count, weight, squares[2];
    ck_assert_int_eq(cxm_wacc_cell(w, 10, &count, &weight, squares), CXM_OK);
    ck_assert_uint_eq(count, 3);
    ck_assert_uint_eq(weight, 2 * (uint64_t)M + 3);
    /* 2 M^2 + 9 = 2^65 - 2^34 + 11: high 1, low 2^64 - 2^34 + 11. */
    ck_assert_uint_eq(squares[0], 1);
    ck_assert_uint_eq(squares[1], UINT64_MAX - (UINT64_C(1) << 34) + 12);
    ck_assert_int_eq(cxm_wacc_cell(w, 5, &count, &weight, squares), CXM_OK);
    ck_assert_uint_eq(count + weight + squares[0] + squares[1], 0);
    ck_assert_int_eq(cxm_wacc_totals(w, &count, &weight, squares), CXM_OK);
    ck_assert_uint_eq(count, 4);
    ck_assert_uint_eq(weight, 2 * (uint64_t)M + 43);
    ck_assert_uint_eq(squares[0], 1);
    ck_assert_uint_eq(squares[1], UINT64_MAX - (UINT64_C(1) << 34) + 12 + 1600);

    /* Refusals write nothing. */
    uint64_t c0 = 11, w0 = 12, s0[2] = {13, 14};
    ck_assert_int_eq(cxm_wacc_cell(w, 11, &c0, &w0, s0), CXM_ERR_RANGE);
    ck_assert_int_eq(cxm_wacc_cell(w, -1, &c0, &w0, s0), CXM_ERR_RANGE);
    ck_assert_int_eq(cxm_wacc_cell(w, INT32_MIN, &c0, &w0, s0), CXM_ERR_RANGE);
    ck_assert_int_eq(cxm_wacc_cell(NULL, 10, &c0, &w0, s0), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_cell(w, 10, NULL, &w0, s0), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_cell(w, 10, &c0, NULL, s0), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_cell(w, 10, &c0, &w0, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_totals(NULL, &c0, &w0, s0), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_totals(w, NULL, &w0, s0), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_totals(w, &c0, NULL, s0), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_totals(w, &c0, &w0, NULL), CXM_ERR_NULL);
    ck_assert_uint_eq(c0 + w0 + s0[0] + s0[1], 11 + 12 + 13 + 14);
    cxm_wacc_free(w);
}
END_TEST

START_TEST(unweighted_counts)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(w, 10, 500), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 10, 5), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(w, 2, 1), CXM_OK);
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add(acc, 10), CXM_OK);
    ck_assert_int_eq(cxm_wacc_unweighted(w, acc), CXM_OK);
    uint64_t counts[11], total;
    ck_assert_int_eq(cxm_acc_counts(acc, counts, 11), CXM_OK);
    ck_assert_uint_eq(counts[10], 3);
    ck_assert_uint_eq(counts[2], 1);
    ck_assert_int_eq(cxm_acc_total(acc, &total), CXM_OK);
    ck_assert_uint_eq(total, 4);

    ck_assert_int_eq(cxm_acc_add_count(acc, 5, UINT64_MAX - 6), CXM_OK);
    ck_assert_fails_unchanged(acc, cxm_wacc_unweighted(w, acc), CXM_ERR_OVERFLOW);
    cxm_acc *csat = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_fails_unchanged(csat, cxm_wacc_unweighted(w, csat), CXM_ERR_MISMATCH);
    ck_assert_fails_unchanged(acc, cxm_wacc_unweighted(NULL, acc), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_unweighted(w, NULL), CXM_ERR_NULL);
    cxm_acc_free(csat);
    cxm_acc_free(acc);
    cxm_wacc_free(w);
}
END_TEST

static Suite *wacc_suite(void)
{
    Suite *s = suite_create("wacc");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, new_free_and_footprint);
    tcase_add_test(tc, scale_size_rules);
    tcase_add_test(tc, init_in_caller_memory);
    tcase_add_test(tc, clone_and_reset);
    tcase_add_test(tc, cell_invariants);
    tcase_add_test(tc, cells_and_totals);
    tcase_add_test(tc, unweighted_counts);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(wacc_suite)
