/* CXM_ERR_NOMEM: every allocating entry point, with malloc made to fail.
 * The test executable is linked with -Wl,--wrap=malloc, so the library's
 * calls reach __wrap_malloc below, which fails the next allocation after
 * fail_next_malloc() (only the next: Check itself allocates while asserting). */
#include <stdbool.h>

#include "testutil.h"

void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);

static bool fail_next;
static unsigned long malloc_calls;

void *__wrap_malloc(size_t size)
{
    malloc_calls++;
    if (fail_next) {
        fail_next = false;
        return NULL;
    }
    return __real_malloc(size);
}

static void fail_next_malloc(void)
{
    fail_next = true;
}

START_TEST(allocation_failures_change_nothing)
{
    cxm_scale scale = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &scale), CXM_OK);
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 9, 4), CXM_OK);
    unsigned char bytes[2048];
    size_t len = 0;
    ck_assert_int_eq(cxm_acc_encode(acc, bytes, sizeof bytes, &len), CXM_OK);

    cxm_acc *sentinel = (cxm_acc *)&scale, *out = sentinel;
    fail_next_malloc();
    int status = cxm_acc_new(&scale, &out);
    ck_assert_int_eq(status, CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    acc_image before = acc_image_take(acc);
    fail_next_malloc();
    status = cxm_acc_clone(acc, &out);
    ck_assert_int_eq(status, CXM_ERR_NOMEM);
    ck_assert_acc_unchanged(acc, before);
    ck_assert_ptr_eq(out, sentinel);
    fail_next_malloc();
    status = cxm_acc_decode(bytes, len, &out);
    ck_assert_int_eq(status, CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);

    ck_assert_int_eq(cxm_acc_decode(bytes, len, &out), CXM_OK); /* and it recovers */
    cxm_acc_free(out);
    out = sentinel;
    fail_next_malloc();
    status = cxm_acc_parse("nps{9:4}", 8, &out);
    ck_assert_int_eq(status, CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    cxm_acc_free(acc);
}
END_TEST

/* A refused text or encoding is checked whole before anything is allocated. */
START_TEST(refused_inputs_allocate_nothing)
{
    static const char *const texts[] = {"nps{9:4,3:1}", "nps{9:0}", "nps{9:4}x",
                                        "nps{11:1}",    "NPS{}",    "1..5/4..5/3..4/share{}"};
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234, *out = sentinel;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        unsigned long before = malloc_calls;
        int status = cxm_acc_parse(texts[i], strlen(texts[i]), &out);
        unsigned long calls = malloc_calls - before;
        ck_assert_int_eq(status, CXM_ERR_FORMAT);
        ck_assert_uint_eq(calls, 0);
        ck_assert_ptr_eq(out, sentinel);
    }
    unsigned long before = malloc_calls;
    int status = cxm_acc_parse("nps{9:4}", 8, &out); /* the counter does count */
    unsigned long calls = malloc_calls - before;
    ck_assert_int_eq(status, CXM_OK);
    ck_assert_uint_eq(calls, 1);
    cxm_acc_free(out);
}
END_TEST

START_TEST(series_allocation_failures_change_nothing)
{
    cxm_scale scale = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &scale), CXM_OK);
    cxm_series *series = NULL;
    ck_assert_int_eq(cxm_series_new(&scale, 30, 100, &series), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(series, 90, 9, 4), CXM_OK);
    size_t bytes = cxmi_series_bytes(series->span, series->capacity);
    unsigned char *before = malloc(bytes);
    ck_assert_ptr_nonnull(before);
    memcpy(before, series, bytes);

    cxm_series *sentinel = (cxm_series *)&scale, *out = sentinel;
    fail_next_malloc();
    ck_assert_int_eq(cxm_series_new(&scale, 30, 100, &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    fail_next_malloc();
    ck_assert_int_eq(cxm_series_clone(series, &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    ck_assert_mem_eq(series, before, bytes);
    unsigned char encoded[256];
    size_t len = 0;
    ck_assert_int_eq(cxm_series_encode(series, encoded, sizeof encoded, &len), CXM_OK);
    fail_next_malloc();
    ck_assert_int_eq(cxm_series_decode(encoded, len, &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);

    ck_assert_int_eq(cxm_series_clone(series, &out), CXM_OK); /* and it recovers */
    cxm_series_free(out);
    ck_assert_int_eq(cxm_series_decode(encoded, len, &out), CXM_OK);
    cxm_series_free(out);
    free(before);
    cxm_series_free(series);
}
END_TEST

START_TEST(wacc_allocation_failures_change_nothing)
{
    cxm_scale scale = preset_scale(CXM_PRESET_NPS);
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(w, 9, 4000), CXM_OK);
    unsigned char bytes[CXM_WACC_ENCODED_MAX];
    size_t len = 0;
    ck_assert_int_eq(cxm_wacc_encode(w, bytes, sizeof bytes, &len), CXM_OK);
    static const char text[] = "nps[9:1/4000/16000000]";

    cxm_wacc *sentinel = (cxm_wacc *)&scale, *out = sentinel;
    fail_next_malloc();
    ck_assert_int_eq(cxm_wacc_new(&scale, &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    fail_next_malloc();
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_clone(w, &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    fail_next_malloc();
    ck_assert_int_eq(cxm_wacc_decode(bytes, len, &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    fail_next_malloc();
    ck_assert_int_eq(cxm_wacc_parse(text, strlen(text), &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);

    /* and each recovers, with the state the failure did not make */
    ck_assert_int_eq(cxm_wacc_decode(bytes, len, &out), CXM_OK);
    ck_assert_mem_eq(out, w, cxmi_wacc_bytes(w->span));
    cxm_wacc_free(out);
    ck_assert_int_eq(cxm_wacc_parse(text, strlen(text), &out), CXM_OK);
    ck_assert_mem_eq(out, w, cxmi_wacc_bytes(w->span));
    cxm_wacc_free(out);
    cxm_wacc_free(w);
}
END_TEST

/* A refused weighted text or encoding allocates nothing either. */
START_TEST(wacc_refused_inputs_allocate_nothing)
{
    static const char *const texts[] = {"nps[9:1/4000/15999999]", "nps{9:4}", "nps[9:0/0/0]",
                                        "nps[9:1/1/1,3:1/1/1]"};
    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1234, *out = sentinel;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        unsigned long before = malloc_calls;
        int status = cxm_wacc_parse(texts[i], strlen(texts[i]), &out);
        unsigned long calls = malloc_calls - before; /* before Check's own */
        ck_assert_int_eq(status, CXM_ERR_FORMAT);
        ck_assert_uint_eq(calls, 0);
        ck_assert_ptr_eq(out, sentinel);
    }
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(w, 9, 4000), CXM_OK);
    unsigned char bytes[CXM_WACC_ENCODED_MAX];
    size_t len = 0;
    ck_assert_int_eq(cxm_wacc_encode(w, bytes, sizeof bytes, &len), CXM_OK);
    bytes[len - 1] ^= 1;
    unsigned long before = malloc_calls;
    int status = cxm_wacc_decode(bytes, len, &out);
    unsigned long calls = malloc_calls - before;
    ck_assert_int_eq(status, CXM_ERR_FORMAT);
    ck_assert_uint_eq(calls, 0);
    ck_assert_ptr_eq(out, sentinel);
    cxm_wacc_free(w);
}
END_TEST

/* cxm_adjust_p allocates its ordering: refused, out is as it was. */
START_TEST(adjust_allocation_failure_changes_nothing)
{
    double p[] = {0.01, 0.5, 0.03}, out[] = {7, 8, 9};
    fail_next_malloc();
    ck_assert_int_eq(cxm_adjust_p(p, 3, CXM_ADJUST_HOLM, out), CXM_ERR_NOMEM);
    ck_assert_double_eq(out[0], 7);
    ck_assert_double_eq(out[1], 8);
    ck_assert_double_eq(out[2], 9);
    fail_next_malloc();
    ck_assert_int_eq(cxm_adjust_p(p, 3, CXM_ADJUST_BY, p), CXM_ERR_NOMEM);
    ck_assert_double_eq(p[1], 0.5);
    /* Bonferroni, and m <= 1, allocate nothing */
    unsigned long before = malloc_calls;
    int bonferroni = cxm_adjust_p(p, 3, CXM_ADJUST_BONFERRONI, out);
    int single = cxm_adjust_p(p, 1, CXM_ADJUST_HOLM, out);
    unsigned long calls = malloc_calls - before; /* before Check allocates */
    ck_assert_int_eq(bonferroni, CXM_OK);
    ck_assert_int_eq(single, CXM_OK);
    ck_assert_uint_eq(calls, 0);
    ck_assert_int_eq(cxm_adjust_p(p, 3, CXM_ADJUST_HOLM, out), CXM_OK); /* and it recovers */
    ck_assert_double_eq_tol(out[0], 0.03, 1e-17);
}
END_TEST

START_TEST(recorder_allocation_failure_changes_nothing)
{
    cxm_scale scale = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &scale), CXM_OK);
    cxm_recorder *sentinel = (cxm_recorder *)&scale, *out = sentinel;
    fail_next_malloc();
    ck_assert_int_eq(cxm_recorder_new(&scale, &out), CXM_ERR_NOMEM);
    ck_assert_ptr_eq(out, sentinel);
    ck_assert_int_eq(cxm_recorder_new(&scale, &out), CXM_OK); /* and it recovers */
    cxm_recorder_free(out);
}
END_TEST

static Suite *nomem_suite(void)
{
    Suite *s = suite_create("nomem");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, allocation_failures_change_nothing);
    tcase_add_test(tc, refused_inputs_allocate_nothing);
    tcase_add_test(tc, series_allocation_failures_change_nothing);
    tcase_add_test(tc, wacc_allocation_failures_change_nothing);
    tcase_add_test(tc, wacc_refused_inputs_allocate_nothing);
    tcase_add_test(tc, adjust_allocation_failure_changes_nothing);
    tcase_add_test(tc, recorder_allocation_failure_changes_nothing);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(nomem_suite)
