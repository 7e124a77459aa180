/* The names of methods, quantities and headlines (cxm_method_name/parse,
 * cxm_quantity_name/parse, cxm_headline_name/parse) and scale equality
 * (cxm_scale_equal). The expected names are the contract's lists
 * (include/cxmetrics.h: cxm_method_name, cxm_quantity_name, and the headline
 * words of the scale's text form), copied by hand. */
#include <limits.h>
#include <stdint.h>

#include "testutil.h"

typedef struct named {
    int value;
    const char *name;
} named;

static const named methods[] = {
    {CXM_METHOD_DEFAULT, "default"},
    {CXM_METHOD_WILSON, "wilson"},
    {CXM_METHOD_WILSON_CC, "wilson-cc"},
    {CXM_METHOD_AGRESTI_COULL, "agresti-coull"},
    {CXM_METHOD_CLOPPER_PEARSON, "clopper-pearson"},
    {CXM_METHOD_WALD, "wald"},
    {CXM_METHOD_ADJUSTED_WALD, "adjusted-wald"},
    {CXM_METHOD_SCORE, "score"},
    {CXM_METHOD_T, "t"},
    {CXM_METHOD_LOGIT, "logit"},       /* since 1.2 */
    {CXM_METHOD_JEFFREYS, "jeffreys"}, /* since 1.2 */
};

static const named quantities[] = {
    {CXM_QUANTITY_HEADLINE, "headline"},
    {CXM_QUANTITY_POSITIVE_SHARE, "positive-share"},
    {CXM_QUANTITY_NEGATIVE_SHARE, "negative-share"},
    {CXM_QUANTITY_NET, "net"},
    {CXM_QUANTITY_MEAN, "mean"},
};

static const named headlines[] = {
    {CXM_HEADLINE_POSITIVE_SHARE, "share"},
    {CXM_HEADLINE_NET, "net"},
    {CXM_HEADLINE_MEAN, "mean"},
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* One of the name families, so each test runs on all: names[k] has the
 * value first + k. */
typedef struct family {
    const named *names;
    size_t count;
    int first;
    const char *(*name)(int);
    int (*parse)(const char *, size_t, int *);
} family;

static const family families[] = {
    {methods, COUNT_OF(methods), 0, cxm_method_name, cxm_method_parse},
    {quantities, COUNT_OF(quantities), 0, cxm_quantity_name, cxm_quantity_parse},
    {headlines, COUNT_OF(headlines), 1, cxm_headline_name, cxm_headline_parse},
};

START_TEST(every_name_both_ways)
{
    const family *f = &families[_i];
    for (size_t k = 0; k < f->count; k++) {
        const named *n = &f->names[k];
        ck_assert_ptr_nonnull(f->name(n->value));
        ck_assert_str_eq(f->name(n->value), n->name);
        int got = -99;
        ck_assert_int_eq(f->parse(n->name, strlen(n->name), &got), CXM_OK);
        ck_assert_int_eq(got, n->value);
    }
}
END_TEST

START_TEST(values_without_a_name)
{
    const family *f = &families[_i];
    const int end = f->first + (int)f->count;
    const int bad[] = {f->first - 1, end, end + 1, 100, INT_MIN, INT_MAX};
    for (size_t k = 0; k < COUNT_OF(bad); k++) {
        ck_assert_ptr_null(f->name(bad[k]));
    }
}
END_TEST

/* Each unknown text for the parser of family _i; the sentinel stays. */
static void assert_unknown(const family *f, const char *text, size_t len)
{
    int got = -99;
    ck_assert_msg(f->parse(text, len, &got) == CXM_ERR_ARG, "accepted \"%.*s\"", (int)len, text);
    ck_assert_int_eq(got, -99);
}

START_TEST(unknown_texts)
{
    const family *f = &families[_i];
    assert_unknown(f, "", 0);
    assert_unknown(f, NULL, 0);
    assert_unknown(f, "wilsonx", 7);
    assert_unknown(f, "nett", 4);
    assert_unknown(f, "Net", 3);
    assert_unknown(f, "WALD", 4);
    assert_unknown(f, "Mean", 4);
    assert_unknown(f, "wilson_cc", 9);
    assert_unknown(f, "positive_share", 14);
    assert_unknown(f, "1", 1);
    for (size_t k = 0; k < f->count; k++) {
        const char *name = f->names[k].name;
        size_t len = strlen(name);
        char buf[32];
        /* every proper prefix, except one that is itself a name ("wilson" of
         * "wilson-cc") */
        for (size_t cut = 0; cut < len; cut++) {
            if (!(cut == 6 && strcmp(name, "wilson-cc") == 0)) {
                assert_unknown(f, name, cut);
            }
        }
        /* a trailing NUL, space or letter; a leading space; upper case first */
        memcpy(buf, name, len);
        buf[len] = '\0';
        assert_unknown(f, buf, len + 1);
        buf[len] = ' ';
        assert_unknown(f, buf, len + 1);
        buf[len] = 's';
        assert_unknown(f, buf, len + 1);
        buf[0] = ' ';
        memcpy(buf + 1, name, len);
        assert_unknown(f, buf, len + 1);
        memcpy(buf, name, len);
        buf[0] = (char)(buf[0] - 'a' + 'A');
        assert_unknown(f, buf, len);
    }
}
END_TEST

START_TEST(null_arguments)
{
    const family *f = &families[_i];
    int got = -99;
    ck_assert_int_eq(f->parse(f->names[0].name, strlen(f->names[0].name), NULL), CXM_ERR_NULL);
    ck_assert_int_eq(f->parse(NULL, 3, &got), CXM_ERR_NULL);
    ck_assert_int_eq(got, -99);
}
END_TEST

/* ---- cxm_scale_equal ----------------------------------------------------------- */

typedef struct bigger_scale {
    cxm_scale known;
    int32_t future[3];
} bigger_scale;

START_TEST(scale_equal_fields)
{
    cxm_scale a = make_scale(1, 5, 4, 5, 1, 2, CXM_HEADLINE_POSITIVE_SHARE);
    cxm_scale b = a;
    ck_assert_int_eq(cxm_scale_equal(&a, &b), 1);
    ck_assert_int_eq(cxm_scale_equal(&a, &a), 1);
    /* each field after size, one at a time */
    int32_t *fields[] = {&b.min,          &b.max,          &b.positive_min, &b.positive_max,
                         &b.negative_min, &b.negative_max, &b.headline};
    for (size_t k = 0; k < COUNT_OF(fields); k++) {
        b = a;
        *fields[k] += 1;
        ck_assert_int_eq(cxm_scale_equal(&a, &b), 0);
        ck_assert_int_eq(cxm_scale_equal(&b, &a), 0);
    }
    /* invalid scales compare too */
    cxm_scale bad = make_scale(5, 1, 0, 0, 0, 0, 42);
    cxm_scale bad2 = bad;
    ck_assert_int_eq(cxm_scale_equal(&bad, &bad2), 1);
    ck_assert_int_eq(cxm_scale_equal(&bad, &a), 0);
}
END_TEST

START_TEST(scale_equal_sizes)
{
    cxm_scale a = make_scale(0, 10, 9, 10, 0, 6, CXM_HEADLINE_NET);
    bigger_scale big;
    memset(&big, 0, sizeof big);
    big.known = a;
    big.known.size = sizeof big;
    /* a larger struct with a zero tail equals the smaller one */
    ck_assert_int_eq(cxm_scale_equal(&a, &big.known), 1);
    ck_assert_int_eq(cxm_scale_equal(&big.known, &a), 1);
    /* a non-zero tail is refused, in either argument */
    big.future[2] = 7;
    ck_assert_int_eq(cxm_scale_equal(&a, &big.known), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_scale_equal(&big.known, &a), CXM_ERR_SIZE);
    /* a size below the first layout */
    cxm_scale small = a;
    small.size = (uint32_t)(sizeof(cxm_scale) - 4);
    ck_assert_int_eq(cxm_scale_equal(&small, &a), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_scale_equal(&a, &small), CXM_ERR_SIZE);
    small.size = 0;
    ck_assert_int_eq(cxm_scale_equal(&a, &small), CXM_ERR_SIZE);
    /* NULL */
    ck_assert_int_eq(cxm_scale_equal(NULL, &a), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_scale_equal(&a, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_scale_equal(NULL, NULL), CXM_ERR_NULL);
}
END_TEST

static Suite *names_suite(void)
{
    Suite *s = suite_create("names");
    TCase *tc = tcase_create("core");
    int n = (int)COUNT_OF(families);
    tcase_add_loop_test(tc, every_name_both_ways, 0, n);
    tcase_add_loop_test(tc, values_without_a_name, 0, n);
    tcase_add_loop_test(tc, unknown_texts, 0, n);
    tcase_add_loop_test(tc, null_arguments, 0, n);
    tcase_add_test(tc, scale_equal_fields);
    tcase_add_test(tc, scale_equal_sizes);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(names_suite)
