/*
 * The part of the Check unit-test API that the suites use, for targets where
 * Check itself cannot be had (Windows: Debian ships no MinGW build of it). The
 * suites compile against this header unchanged, so the Windows run checks the
 * same public contract, assertion for assertion, as the Linux runs.
 *
 * Differences from Check, all harmless for our suites: tests never fork (a
 * failed assertion leaves its test through longjmp, as Check does with
 * CK_FORK=no), timeouts are not enforced, and the output is one line per
 * failed test plus Check's summary line.
 */
#ifndef CXM_CHECK_SHIM_H
#define CXM_CHECK_SHIM_H

#include <math.h>
#include <stdint.h>
#include <string.h>

typedef struct Suite Suite;
typedef struct TCase TCase;
typedef struct SRunner SRunner;
typedef void (*TFun)(int _i);
typedef void (*SFun)(void);

enum print_output { CK_SILENT, CK_MINIMAL, CK_NORMAL, CK_VERBOSE, CK_ENV };
enum fork_status { CK_FORK_GETENV, CK_FORK, CK_NOFORK };

Suite *suite_create(const char *name);
TCase *tcase_create(const char *name);
void suite_add_tcase(Suite *s, TCase *tc);
void tcase_add_loop_test_(TCase *tc, TFun fn, const char *name, int start, int end);
void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown);
void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown);
void tcase_set_timeout(TCase *tc, double timeout);
SRunner *srunner_create(Suite *s);
void srunner_add_suite(SRunner *sr, Suite *s);
void srunner_set_fork_status(SRunner *sr, enum fork_status fstat);
void srunner_run_all(SRunner *sr, enum print_output print_mode);
int srunner_ntests_failed(SRunner *sr);
void srunner_free(SRunner *sr);
void mark_point(void);

/* Records a failure at file:line with a printf-style message and leaves the
 * running test. Never returns. */
#if defined(__MINGW32__)
__attribute__((noreturn, format(gnu_printf, 3, 4))) /* with __USE_MINGW_ANSI_STDIO */
#elif defined(__GNUC__)
__attribute__((noreturn, format(printf, 3, 4)))
#endif
void ck_fail_at_(const char *file, int line, const char *fmt, ...);

#if defined(__GNUC__)
#define CK_UNUSED_ __attribute__((unused))
#else
#define CK_UNUSED_
#endif
#define START_TEST(name) static void name(int _i CK_UNUSED_)
#define END_TEST
#define tcase_add_test(tc, fn) tcase_add_loop_test_((tc), (fn), #fn, 0, 1)
#define tcase_add_loop_test(tc, fn, start, end)                                                    \
    tcase_add_loop_test_((tc), (fn), #fn, (start), (end))

#define ck_abort_msg(...)        ck_fail_at_(__FILE__, __LINE__, __VA_ARGS__)
#define ck_abort()               ck_abort_msg("Failed")
#define ck_assert_msg(expr, ...) ((expr) ? (void)0 : ck_fail_at_(__FILE__, __LINE__, __VA_ARGS__))
#define ck_assert(expr)          ck_assert_msg((expr), "Assertion '%s' failed", #expr)

/* Comparisons: each operand is evaluated once, as in Check. */
#define CK_CMP_(type, fmt, x, op, y)                                                               \
    do {                                                                                           \
        type ck_x_ = (type)(x), ck_y_ = (type)(y);                                                 \
        ck_assert_msg(ck_x_ op ck_y_, "Assertion '%s' failed: %s == " fmt ", %s == " fmt,          \
                      #x " " #op " " #y, #x, ck_x_, #y, ck_y_);                                    \
    } while (0)
#define ck_assert_int_eq(x, y)    CK_CMP_(intmax_t, "%jd", x, ==, y)
#define ck_assert_int_ne(x, y)    CK_CMP_(intmax_t, "%jd", x, !=, y)
#define ck_assert_int_lt(x, y)    CK_CMP_(intmax_t, "%jd", x, <, y)
#define ck_assert_int_le(x, y)    CK_CMP_(intmax_t, "%jd", x, <=, y)
#define ck_assert_int_gt(x, y)    CK_CMP_(intmax_t, "%jd", x, >, y)
#define ck_assert_int_ge(x, y)    CK_CMP_(intmax_t, "%jd", x, >=, y)
#define ck_assert_uint_eq(x, y)   CK_CMP_(uintmax_t, "%ju", x, ==, y)
#define ck_assert_uint_ne(x, y)   CK_CMP_(uintmax_t, "%ju", x, !=, y)
#define ck_assert_uint_lt(x, y)   CK_CMP_(uintmax_t, "%ju", x, <, y)
#define ck_assert_uint_le(x, y)   CK_CMP_(uintmax_t, "%ju", x, <=, y)
#define ck_assert_uint_gt(x, y)   CK_CMP_(uintmax_t, "%ju", x, >, y)
#define ck_assert_uint_ge(x, y)   CK_CMP_(uintmax_t, "%ju", x, >=, y)
#define ck_assert_double_eq(x, y) CK_CMP_(double, "%.17g", x, ==, y)
#define ck_assert_double_ne(x, y) CK_CMP_(double, "%.17g", x, !=, y)
#define ck_assert_double_lt(x, y) CK_CMP_(double, "%.17g", x, <, y)
#define ck_assert_double_le(x, y) CK_CMP_(double, "%.17g", x, <=, y)
#define ck_assert_double_gt(x, y) CK_CMP_(double, "%.17g", x, >, y)
#define ck_assert_double_ge(x, y) CK_CMP_(double, "%.17g", x, >=, y)
#define ck_assert_double_eq_tol(x, y, t)                                                           \
    ck_assert_msg(fabs((double)(x) - (double)(y)) <= (double)(t), "Assertion '%s' failed",         \
                  "|" #x " - " #y "| <= " #t)
#define ck_assert_double_nan(x)      ck_assert_msg(isnan((double)(x)), "'%s' is not NaN", #x)
#define ck_assert_double_finite(x)   ck_assert_msg(isfinite((double)(x)), "'%s' is not finite", #x)
#define ck_assert_double_infinite(x) ck_assert_msg(isinf((double)(x)), "'%s' is not infinite", #x)

#define CK_PTR_(x, op, y)                                                                          \
    do {                                                                                           \
        const void *ck_x_ = (const void *)(x), *ck_y_ = (const void *)(y);                         \
        ck_assert_msg(ck_x_ op ck_y_, "Assertion '%s' failed: %s == %p, %s == %p",                 \
                      #x " " #op " " #y, #x, ck_x_, #y, ck_y_);                                    \
    } while (0)
#define ck_assert_ptr_eq(x, y)   CK_PTR_(x, ==, y)
#define ck_assert_ptr_ne(x, y)   CK_PTR_(x, !=, y)
#define ck_assert_ptr_null(x)    CK_PTR_(x, ==, NULL)
#define ck_assert_ptr_nonnull(x) CK_PTR_(x, !=, NULL)

#define CK_STR_(x, op, y)                                                                          \
    do {                                                                                           \
        const char *ck_x_ = (x), *ck_y_ = (y);                                                     \
        ck_assert_msg(ck_x_ != NULL && ck_y_ != NULL && strcmp(ck_x_, ck_y_) op 0,                 \
                      "Assertion '%s' failed: %s == \"%s\", %s == \"%s\"", #x " " #op " " #y, #x,  \
                      ck_x_ ? ck_x_ : "(null)", #y, ck_y_ ? ck_y_ : "(null)");                     \
    } while (0)
#define ck_assert_str_eq(x, y)  CK_STR_(x, ==, y)
#define ck_assert_str_ne(x, y)  CK_STR_(x, !=, y)
#define ck_assert_pstr_eq(x, y) CK_STR_(x, ==, y)

#define CK_MEM_(x, op, y, n)                                                                       \
    ck_assert_msg(memcmp((x), (y), (n)) op 0, "Assertion '%s' failed",                             \
                  "memcmp(" #x ", " #y ", " #n ") " #op " 0")
#define ck_assert_mem_eq(x, y, n) CK_MEM_(x, ==, y, n)
#define ck_assert_mem_ne(x, y, n) CK_MEM_(x, !=, y, n)

#endif
