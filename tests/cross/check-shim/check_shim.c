/*
 * The runner behind check.h in this directory: suites of test cases of
 * tests, each test run in-process and left through longjmp on its first
 * failed assertion. Prints Check's summary line, so ctest logs read alike on
 * every target.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

typedef struct test {
    TFun fn;
    const char *name;
    int start, end;
} test;

struct TCase {
    const char *name;
    test *tests;
    size_t count;
    SFun setup, teardown;
    TCase *next;
};

struct Suite {
    const char *name;
    TCase *first, *last;
    Suite *next;
};

struct SRunner {
    Suite *first, *last;
    int run, failed;
};

static jmp_buf test_exit;

static void *checked_calloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (p == NULL) {
        fputs("check shim: out of memory\n", stderr);
        exit(EXIT_FAILURE);
    }
    return p;
}

Suite *suite_create(const char *name)
{
    Suite *s = checked_calloc(1, sizeof *s);
    s->name = name;
    return s;
}

TCase *tcase_create(const char *name)
{
    TCase *tc = checked_calloc(1, sizeof *tc);
    tc->name = name;
    return tc;
}

void suite_add_tcase(Suite *s, TCase *tc)
{
    if (s->last != NULL) {
        s->last->next = tc;
    } else {
        s->first = tc;
    }
    s->last = tc;
}

void tcase_add_loop_test_(TCase *tc, TFun fn, const char *name, int start, int end)
{
    test *grown = realloc(tc->tests, (tc->count + 1) * sizeof *grown);
    if (grown == NULL) {
        fputs("check shim: out of memory\n", stderr);
        exit(EXIT_FAILURE);
    }
    tc->tests = grown;
    tc->tests[tc->count++] = (test){fn, name, start, end};
}

void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown)
{
    tc->setup = setup;
    tc->teardown = teardown;
}

void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown)
{
    tcase_add_checked_fixture(tc, setup, teardown);
}

void tcase_set_timeout(TCase *tc, double timeout)
{
    (void)tc;
    (void)timeout;
}

SRunner *srunner_create(Suite *s)
{
    SRunner *sr = checked_calloc(1, sizeof *sr);
    srunner_add_suite(sr, s);
    return sr;
}

void srunner_add_suite(SRunner *sr, Suite *s)
{
    if (sr->last != NULL) {
        sr->last->next = s;
    } else {
        sr->first = s;
    }
    sr->last = s;
}

void srunner_set_fork_status(SRunner *sr, enum fork_status fstat)
{
    (void)sr;
    (void)fstat;
}

void mark_point(void)
{
}

void ck_fail_at_(const char *file, int line, const char *fmt, ...)
{
    fprintf(stderr, "%s:%d:F: ", file, line);
    va_list args;
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
    longjmp(test_exit, 1);
}

/* Runs one iteration; 1 if it passed. */
static int run_one(const TCase *tc, const test *t, int i)
{
    if (setjmp(test_exit) != 0) {
        fprintf(stderr, "  in %s:%s:%d\n", tc->name, t->name, i);
        return 0;
    }
    if (tc->setup != NULL) {
        tc->setup();
    }
    t->fn(i);
    if (tc->teardown != NULL) {
        tc->teardown();
    }
    return 1;
}

void srunner_run_all(SRunner *sr, enum print_output print_mode)
{
    for (const Suite *s = sr->first; s != NULL; s = s->next) {
        if (print_mode != CK_SILENT) {
            printf("Running suite(s): %s\n", s->name);
        }
        for (const TCase *tc = s->first; tc != NULL; tc = tc->next) {
            for (size_t k = 0; k < tc->count; k++) {
                for (int i = tc->tests[k].start; i < tc->tests[k].end; i++) {
                    sr->run++;
                    sr->failed += !run_one(tc, &tc->tests[k], i);
                }
            }
        }
    }
    if (print_mode != CK_SILENT) {
        int passed = sr->run - sr->failed;
        printf("%d%%: Checks: %d, Failures: %d, Errors: 0\n",
               sr->run > 0 ? 100 * passed / sr->run : 100, sr->run, sr->failed);
    }
}

int srunner_ntests_failed(SRunner *sr)
{
    return sr->failed;
}

void srunner_free(SRunner *sr)
{
    Suite *s = sr->first;
    while (s != NULL) {
        Suite *next_suite = s->next;
        TCase *tc = s->first;
        while (tc != NULL) {
            TCase *next_case = tc->next;
            free(tc->tests);
            free(tc);
            tc = next_case;
        }
        free(s);
        s = next_suite;
    }
    free(sr);
}
