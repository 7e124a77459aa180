/*
 * Helpers shared by every test suite: one place, not one copy per file.
 *
 * Each tests/test_<concern>.c builds one Check suite and ends with
 * CXM_TEST_MAIN(<concern>_suite), which makes it a ctest executable.
 */
#ifndef CXM_TESTUTIL_H
#define CXM_TESTUTIL_H

#include <check.h>
#include <math.h>
#include <stdlib.h>

/* |got - want| <= rel * |want| (or both NaN, or both the same infinity). */
#define ck_assert_rel(got, want, rel)                                                    \
    do {                                                                                 \
        double ck_got_ = (got), ck_want_ = (want);                                       \
        if (isnan(ck_want_) || isinf(ck_want_)) {                                        \
            ck_assert_msg(isnan(ck_want_) ? isnan(ck_got_) : ck_got_ == ck_want_,        \
                          "%s = %.17g, expected %.17g", #got, ck_got_, ck_want_);        \
        } else {                                                                         \
            ck_assert_msg(fabs(ck_got_ - ck_want_) <= (rel)*fabs(ck_want_),              \
                          "%s = %.17g, expected %.17g (rel err %.3g > %.3g)", #got,      \
                          ck_got_, ck_want_, fabs(ck_got_ - ck_want_) / fabs(ck_want_),  \
                          (double)(rel));                                                \
        }                                                                                \
    } while (0)

/* |got - want| <= abs_tol. */
#define ck_assert_abs(got, want, abs_tol)                                                \
    do {                                                                                 \
        double ck_got_ = (got), ck_want_ = (want);                                       \
        ck_assert_msg(fabs(ck_got_ - ck_want_) <= (abs_tol),                             \
                      "%s = %.17g, expected %.17g (abs err %.3g > %.3g)", #got, ck_got_, \
                      ck_want_, fabs(ck_got_ - ck_want_), (double)(abs_tol));            \
    } while (0)

#define CXM_TEST_MAIN(suite_fn)                                                          \
    int main(void)                                                                       \
    {                                                                                    \
        SRunner *runner = srunner_create(suite_fn());                                    \
        srunner_run_all(runner, CK_NORMAL);                                              \
        int failed = srunner_ntests_failed(runner);                                      \
        srunner_free(runner);                                                            \
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                                \
    }

#endif
