/* The accumulator's life: new, free, clone, reset, scale, footprint, init. */
#include <stdalign.h>
#include <stddef.h>

#include "testutil.h"

static cxm_scale nps_scale(void)
{
    cxm_scale s = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &s), CXM_OK);
    return s;
}

static void assert_all_zero(const cxm_acc *acc, size_t span)
{
    uint64_t counts[CXM_MAX_SPAN], total = 99;
    ck_assert_int_eq(cxm_acc_counts(acc, counts, span), CXM_OK);
    for (size_t i = 0; i < span; i++) {
        ck_assert_uint_eq(counts[i], 0);
    }
    ck_assert_int_eq(cxm_acc_total(acc, &total), CXM_OK);
    ck_assert_uint_eq(total, 0);
}

START_TEST(new_is_empty)
{
    for (int preset = CXM_PRESET_CSAT_5; preset <= CXM_PRESET_NET_EASY_7; preset++) {
        cxm_acc *acc = new_preset_acc(preset);
        cxm_scale s = CXM_SCALE_INIT;
        ck_assert_int_eq(cxm_acc_scale(acc, &s), CXM_OK);
        assert_all_zero(acc, (size_t)(s.max - s.min + 1));
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(new_errors)
{
    cxm_scale s = nps_scale();
    cxm_acc *sentinel = (cxm_acc *)&s, *acc = sentinel;
    ck_assert_int_eq(cxm_acc_new(NULL, &acc), CXM_ERR_NULL);
    ck_assert_ptr_eq(acc, sentinel);
    ck_assert_int_eq(cxm_acc_new(&s, NULL), CXM_ERR_NULL);
    s.size = 4;
    ck_assert_int_eq(cxm_acc_new(&s, &acc), CXM_ERR_SIZE);
    ck_assert_ptr_eq(acc, sentinel);
    s = nps_scale();
    s.headline = 9;
    ck_assert_int_eq(cxm_acc_new(&s, &acc), CXM_ERR_SCALE);
    ck_assert_ptr_eq(acc, sentinel);
}
END_TEST

START_TEST(new_copies_the_scale)
{
    cxm_scale s = nps_scale();
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_new(&s, &acc), CXM_OK);
    s.min = 5; /* the caller's struct is not kept */
    ck_assert_int_eq(cxm_acc_add(acc, 0), CXM_OK);
    cxm_acc_free(acc);
    cxm_acc_free(NULL); /* a no-op */
}
END_TEST

START_TEST(clone_is_independent)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_int_eq(cxm_acc_add_count(acc, 4, 7), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 1, 2), CXM_OK);
    cxm_acc *copy = NULL;
    ck_assert_int_eq(cxm_acc_clone(acc, &copy), CXM_OK);
    ck_assert_ptr_ne(copy, acc);
    uint64_t a[5], b[5], total;
    ck_assert_int_eq(cxm_acc_counts(acc, a, 5), CXM_OK);
    ck_assert_int_eq(cxm_acc_counts(copy, b, 5), CXM_OK);
    ck_assert_mem_eq(a, b, sizeof a);
    ck_assert_int_eq(cxm_acc_add(copy, 5), CXM_OK);
    ck_assert_int_eq(cxm_acc_total(acc, &total), CXM_OK);
    ck_assert_uint_eq(total, 9);
    ck_assert_int_eq(cxm_acc_total(copy, &total), CXM_OK);
    ck_assert_uint_eq(total, 10);
    cxm_acc_free(copy);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(clone_errors)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    cxm_acc *sentinel = acc, *out = sentinel;
    ck_assert_int_eq(cxm_acc_clone(NULL, &out), CXM_ERR_NULL);
    ck_assert_ptr_eq(out, sentinel);
    ck_assert_fails_unchanged(acc, cxm_acc_clone(acc, NULL), CXM_ERR_NULL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(reset_empties)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    for (int32_t r = 0; r <= 10; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, (uint64_t)r + 1000), CXM_OK);
    }
    ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
    assert_all_zero(acc, 11);
    ck_assert_int_eq(cxm_acc_reset(NULL), CXM_ERR_NULL);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(scale_accessor)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_CES_5);
    cxm_scale s = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_acc_scale(acc, &s), CXM_OK);
    cxm_scale expected = make_scale(1, 5, 1, 2, 4, 5, CXM_HEADLINE_MEAN);
    ck_assert_mem_eq(&s, &expected, sizeof s);

    cxm_scale before = make_scale(9, 9, 9, 9, 9, 9, 9);
    before.size = 8;
    s = before;
    ck_assert_int_eq(cxm_acc_scale(acc, &s), CXM_ERR_SIZE);
    ck_assert_mem_eq(&s, &before, sizeof s);
    ck_assert_int_eq(cxm_acc_scale(NULL, &s), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_scale(acc, NULL), CXM_ERR_NULL);
    ck_assert_mem_eq(&s, &before, sizeof s);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(footprint)
{
    cxm_scale s = nps_scale();
    size_t bytes = cxm_acc_footprint(&s);
    ck_assert_uint_gt(bytes, 11 * sizeof(uint64_t));
    ck_assert_uint_le(bytes, 1024); /* issue target: <= 1 KiB for 0-10 */
    cxm_scale widest = make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_NET);
    ck_assert_uint_le(cxm_acc_footprint(&widest), 1024);
    ck_assert_uint_gt(cxm_acc_footprint(&widest), bytes);
    ck_assert_uint_eq(cxm_acc_footprint(NULL), 0);
    s.size = 3;
    ck_assert_uint_eq(cxm_acc_footprint(&s), 0);
}
END_TEST

/* Caller memory, aligned for any object type, with room to misalign it. */
typedef struct arena {
    alignas(max_align_t) unsigned char bytes[2048];
} arena;

START_TEST(init_in_caller_memory)
{
    static arena mem; /* static: the test proves no heap is involved */
    cxm_scale s = nps_scale();
    size_t need = cxm_acc_footprint(&s);
    memset(mem.bytes, 0xEE, sizeof mem.bytes);
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_init(mem.bytes, need, &s, &acc), CXM_OK);
    ck_assert_ptr_eq((void *)acc, (void *)mem.bytes);
    ck_assert_uint_eq(mem.bytes[need], 0xEE); /* nothing written past the footprint */
    assert_all_zero(acc, 11);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, 3), CXM_OK);
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &snap), CXM_OK);
    ck_assert_uint_eq(snap.n, 3);
    cxm_acc *copy = NULL; /* a clone of it is an ordinary heap accumulator */
    ck_assert_int_eq(cxm_acc_clone(acc, &copy), CXM_OK);
    cxm_acc_free(copy);
    cxm_acc_free(acc); /* frees nothing: valgrind and ASan would see a bad free */
    ck_assert_int_eq(cxm_acc_add(acc, 9), CXM_OK);
}
END_TEST

START_TEST(init_errors_touch_nothing)
{
    static arena mem, pristine;
    memset(mem.bytes, 0x5A, sizeof mem.bytes);
    pristine = mem;
    cxm_scale s = nps_scale();
    size_t need = cxm_acc_footprint(&s);
    cxm_acc *sentinel = (cxm_acc *)&s, *acc = sentinel;

    ck_assert_int_eq(cxm_acc_init(mem.bytes, need - 1, &s, &acc), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_acc_init(mem.bytes, 0, &s, &acc), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_acc_init(mem.bytes + 1, need, &s, &acc), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_acc_init(mem.bytes + 8, need, &s, &acc),
                     alignof(max_align_t) > 8 ? CXM_ERR_ARG : CXM_OK);
    acc = sentinel;
    ck_assert_int_eq(cxm_acc_init(NULL, need, &s, &acc), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_init(mem.bytes, need, NULL, &acc), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_init(mem.bytes, need, &s, NULL), CXM_ERR_NULL);
    cxm_scale bad = s;
    bad.positive_min = 5;
    ck_assert_int_eq(cxm_acc_init(mem.bytes, need, &bad, &acc), CXM_ERR_SCALE);
    bad = s;
    bad.size = 0;
    ck_assert_int_eq(cxm_acc_init(mem.bytes, need, &bad, &acc), CXM_ERR_SIZE);
    ck_assert_ptr_eq(acc, sentinel);
    if (alignof(max_align_t) <= 8) {
        memcpy(mem.bytes + 8, pristine.bytes + 8, need); /* the one accepted call */
    }
    ck_assert_mem_eq(mem.bytes, pristine.bytes, sizeof mem.bytes);
}
END_TEST

static Suite *accumulator_suite(void)
{
    Suite *s = suite_create("accumulator");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, new_is_empty);
    tcase_add_test(tc, new_errors);
    tcase_add_test(tc, new_copies_the_scale);
    tcase_add_test(tc, clone_is_independent);
    tcase_add_test(tc, clone_errors);
    tcase_add_test(tc, reset_empties);
    tcase_add_test(tc, scale_accessor);
    tcase_add_test(tc, footprint);
    tcase_add_test(tc, init_in_caller_memory);
    tcase_add_test(tc, init_errors_touch_nothing);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(accumulator_suite)
