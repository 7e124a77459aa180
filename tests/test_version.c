/* Version and status codes: values fixed by the contract (include/cxmetrics.h). */
#include <stdio.h>
#include <string.h>

#include "cxmetrics.h"
#include "testutil.h"

START_TEST(version_matches_header)
{
    ck_assert_uint_eq(cxm_version_number(), CXM_VERSION_NUMBER);
    ck_assert_uint_eq(CXM_VERSION_NUMBER,
                      10000u * CXM_VERSION_MAJOR + 100u * CXM_VERSION_MINOR + CXM_VERSION_PATCH);
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", CXM_VERSION_MAJOR, CXM_VERSION_MINOR,
             CXM_VERSION_PATCH);
    ck_assert_str_eq(cxm_version_string(), expected);
    ck_assert_int_eq(CXM_VERSION_MAJOR, 1); /* the SONAME number, libcxmetrics.so.1 */
}
END_TEST

START_TEST(status_values_are_the_contract)
{
    /* include/cxmetrics.h, "Status codes" */
    ck_assert_int_eq(CXM_OK, 0);
    ck_assert_int_eq(CXM_ERR_NULL, -1);
    ck_assert_int_eq(CXM_ERR_SCALE, -2);
    ck_assert_int_eq(CXM_ERR_RANGE, -3);
    ck_assert_int_eq(CXM_ERR_NOMEM, -4);
    ck_assert_int_eq(CXM_ERR_OVERFLOW, -5);
    ck_assert_int_eq(CXM_ERR_ABSENT, -6);
    ck_assert_int_eq(CXM_ERR_MISMATCH, -7);
    ck_assert_int_eq(CXM_ERR_SIZE, -8);
    ck_assert_int_eq(CXM_ERR_FORMAT, -9);
    ck_assert_int_eq(CXM_ERR_ARG, -10);
    ck_assert_int_eq(CXM_ERR_EMPTY, -11);
    ck_assert_int_eq(CXM_ERR_WINDOW, -12);
}
END_TEST

START_TEST(status_names)
{
    static const struct {
        int status;
        const char *name;
    } names[] = {
        {0, "CXM_OK"},           {-1, "CXM_ERR_NULL"},     {-2, "CXM_ERR_SCALE"},
        {-3, "CXM_ERR_RANGE"},   {-4, "CXM_ERR_NOMEM"},    {-5, "CXM_ERR_OVERFLOW"},
        {-6, "CXM_ERR_ABSENT"},  {-7, "CXM_ERR_MISMATCH"}, {-8, "CXM_ERR_SIZE"},
        {-9, "CXM_ERR_FORMAT"},  {-10, "CXM_ERR_ARG"},     {-11, "CXM_ERR_EMPTY"},
        {-12, "CXM_ERR_WINDOW"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        ck_assert_str_eq(cxm_status_name(names[i].status), names[i].name);
        const char *message = cxm_status_message(names[i].status);
        ck_assert_ptr_nonnull(message);
        ck_assert_msg(strlen(message) > 10 && message[strlen(message) - 1] == '.',
                      "message of %d is not a sentence: %s", names[i].status, message);
    }
}
END_TEST

/* CXM_ERR_FORMAT answers refused text (cxm_acc_parse, cxm_scale_parse) as
 * well as refused bytes (cxm_acc_decode), and every layer shows its sentence:
 * it must be right for both. */
START_TEST(format_message_fits_bytes_and_text)
{
    ck_assert_str_eq(cxm_status_message(CXM_ERR_FORMAT),
                     "The input is not a valid encoding or text form (malformed, corrupt, or "
                     "of an unknown format version).");
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_parse("nps{", 4, &acc), CXM_ERR_FORMAT);
    ck_assert_int_eq(cxm_acc_decode("CXMA", 4, &acc), CXM_ERR_FORMAT);
    ck_assert_ptr_null(acc);
}
END_TEST

START_TEST(unknown_status)
{
    const int unknown[] = {1, 42, -13, -100, 2147483647, -2147483647 - 1};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        ck_assert_str_eq(cxm_status_name(unknown[i]), "CXM_UNKNOWN");
        ck_assert_ptr_nonnull(cxm_status_message(unknown[i]));
    }
}
END_TEST

static Suite *version_suite(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, version_matches_header);
    tcase_add_test(tc, status_values_are_the_contract);
    tcase_add_test(tc, status_names);
    tcase_add_test(tc, unknown_status);
    tcase_add_test(tc, format_message_fits_bytes_and_text);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(version_suite)
