/* A program built against the frozen 1.0 header (v1.0/cxmetrics.h, found
 * first because it sits next to this file) and run against the freshly built
 * shared library: what every program compiled for the first release will do
 * with each later libcxmetrics.so.1. It passes the 1.0 struct sizes, so any
 * later change of the library must still read and write the 1.0 layouts at
 * the 1.0 offsets, keep every constant's meaning and refuse smaller sizes.
 *
 * Expected numbers: the worked examples of docs/metrics.md (NPS 60/30/10,
 * CSAT 70/100 vs 60/100) with R's values from tests/reference/snapshot.R and
 * statistics.R, as in tests/test_snapshot.c and tests/test_stats.c.
 * Exit 0 on success; prints each failed check. */
#include "cxmetrics.h"

#ifndef CXM_ABI_FROZEN_V1_0
#error "this program must be compiled against tests/abi/v1.0/cxmetrics.h"
#endif

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The program's own view of the 1.0 layouts: fixed-width fields, so the same
 * sizes on every platform but one difference of C ABIs. The i386 System V ABI
 * aligns double and uint64_t members to 4 bytes, so there the first double of
 * cxm_interval and cxm_comparison follows its three 4-byte fields at offset 12
 * instead of 16 (sizes 52 and 76); everywhere else we build (x86-64, aarch64,
 * s390x, Windows x64 and x86) it is 8-aligned. Both sides of the ABI are
 * compiled by the platform's compiler, so each platform agrees with itself. */
#if defined(__i386__) && !defined(_WIN32)
#define FIRST_DOUBLE_AFTER_3_FIELDS 12
#else
#define FIRST_DOUBLE_AFTER_3_FIELDS 16
#endif
_Static_assert(sizeof(cxm_scale) == 32, "1.0 cxm_scale");
_Static_assert(sizeof(cxm_snapshot) == 104, "1.0 cxm_snapshot");
_Static_assert(sizeof(cxm_interval) == FIRST_DOUBLE_AFTER_3_FIELDS + 5 * 8, "1.0 cxm_interval");
_Static_assert(sizeof(cxm_comparison) == FIRST_DOUBLE_AFTER_3_FIELDS + 8 * 8, "1.0 cxm_comparison");

static int failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                        \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static int close_to(double got, double want, double rel)
{
    return fabs(got - want) <= rel * fabs(want);
}

static void version_and_status(void)
{
    CHECK(cxm_version_number() / 10000 == CXM_VERSION_MAJOR);
    CHECK(cxm_version_number() >= CXM_VERSION_NUMBER);
    static const struct {
        int code;
        const char *name;
    } codes[] = {
        {CXM_OK, "CXM_OK"},
        {CXM_ERR_NULL, "CXM_ERR_NULL"},
        {CXM_ERR_SCALE, "CXM_ERR_SCALE"},
        {CXM_ERR_RANGE, "CXM_ERR_RANGE"},
        {CXM_ERR_NOMEM, "CXM_ERR_NOMEM"},
        {CXM_ERR_OVERFLOW, "CXM_ERR_OVERFLOW"},
        {CXM_ERR_ABSENT, "CXM_ERR_ABSENT"},
        {CXM_ERR_MISMATCH, "CXM_ERR_MISMATCH"},
        {CXM_ERR_SIZE, "CXM_ERR_SIZE"},
        {CXM_ERR_FORMAT, "CXM_ERR_FORMAT"},
        {CXM_ERR_ARG, "CXM_ERR_ARG"},
        {CXM_ERR_EMPTY, "CXM_ERR_EMPTY"},
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CHECK(strcmp(cxm_status_name(codes[i].code), codes[i].name) == 0);
    }
}

/* The preset table of the 1.0 header: the library must still give each
 * preset number the same scale. */
static void presets(void)
{
    static const int32_t table[][8] = {
        /* preset, min, max, pos_min, pos_max, neg_min, neg_max, headline */
        {CXM_PRESET_CSAT_5, 1, 5, 4, 5, 1, 2, CXM_HEADLINE_POSITIVE_SHARE},
        {CXM_PRESET_CSAT_3, 1, 3, 3, 3, 1, 1, CXM_HEADLINE_POSITIVE_SHARE},
        {CXM_PRESET_CSAT_10, 1, 10, 8, 10, 1, 4, CXM_HEADLINE_POSITIVE_SHARE},
        {CXM_PRESET_CSAT_BINARY, 1, 2, 2, 2, 1, 1, CXM_HEADLINE_POSITIVE_SHARE},
        {CXM_PRESET_NPS, 0, 10, 9, 10, 0, 6, CXM_HEADLINE_NET},
        {CXM_PRESET_CES_7, 1, 7, 5, 7, 1, 3, CXM_HEADLINE_MEAN},
        {CXM_PRESET_CES_5, 1, 5, 1, 2, 4, 5, CXM_HEADLINE_MEAN},
        {CXM_PRESET_NET_EASY_7, 1, 7, 1, 2, 5, 7, CXM_HEADLINE_NET},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        cxm_scale s = CXM_SCALE_INIT;
        CHECK(cxm_scale_preset(table[i][0], &s) == CXM_OK);
        const int32_t got[8] = {table[i][0],    s.min,          s.max,          s.positive_min,
                                s.positive_max, s.negative_min, s.negative_max, s.headline};
        CHECK(memcmp(got, table[i], sizeof got) == 0);
        CHECK(s.size == sizeof(cxm_scale));
        CHECK(cxm_scale_check(&s) == CXM_OK);
    }
}

static cxm_acc *nps_worked_example(void)
{
    cxm_scale nps = CXM_SCALE_INIT;
    cxm_acc *acc = NULL;
    if (cxm_scale_preset(CXM_PRESET_NPS, &nps) != CXM_OK || cxm_acc_new(&nps, &acc) != CXM_OK) {
        return NULL;
    }
    CHECK(cxm_acc_add_count(acc, 10, 60) == CXM_OK);
    CHECK(cxm_acc_add_count(acc, 8, 30) == CXM_OK);
    CHECK(cxm_acc_add_count(acc, 0, 10) == CXM_OK);
    return acc;
}

/* The 1.0 layouts are read and written at the 1.0 offsets. */
static void layouts(const cxm_acc *acc)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    CHECK(cxm_acc_snapshot(acc, &s) == CXM_OK);
    CHECK(s.size == sizeof s);
    CHECK(s.headline == CXM_HEADLINE_NET);
    CHECK(s.n == 100 && s.positive == 60 && s.neutral == 30 && s.negative == 10);
    CHECK(s.positive_share == 60.0 && s.negative_share == 10.0 && s.net == 50.0);
    CHECK(s.score == 50.0);
    CHECK(close_to(s.mean, 8.4, 1e-15));
    CHECK(close_to(s.stddev, 2.9541957835039856, 1e-15));
    CHECK(close_to(s.score_low, 35.466591938667477, 1e-12)); /* adjusted Wald, R */
    CHECK(close_to(s.score_high, 61.620786702109207, 1e-12));

    cxm_interval iv = CXM_INTERVAL_INIT;
    CHECK(cxm_acc_interval(acc, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95, &iv) == CXM_OK);
    CHECK(iv.quantity == CXM_QUANTITY_NET && iv.method == CXM_METHOD_ADJUSTED_WALD);
    CHECK(iv.confidence == 0.95 && iv.estimate == 50.0);
    CHECK(iv.low == s.score_low && iv.high == s.score_high);
    CHECK(close_to(iv.se, 6.6721110616681472, 1e-12));

    cxm_scale share = CXM_SCALE_INIT;
    CHECK(cxm_scale_preset(CXM_PRESET_CSAT_BINARY, &share) == CXM_OK);
    cxm_acc *a = NULL, *b = NULL;
    CHECK(cxm_acc_new(&share, &a) == CXM_OK && cxm_acc_new(&share, &b) == CXM_OK);
    if (a != NULL && b != NULL) {
        CHECK(cxm_acc_add_count(a, 2, 70) == CXM_OK && cxm_acc_add_count(a, 1, 30) == CXM_OK);
        CHECK(cxm_acc_add_count(b, 2, 60) == CXM_OK && cxm_acc_add_count(b, 1, 40) == CXM_OK);
        cxm_comparison c = CXM_COMPARISON_INIT;
        CHECK(cxm_acc_compare(a, b, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95, &c) == CXM_OK);
        CHECK(c.quantity == CXM_QUANTITY_POSITIVE_SHARE && c.method == CXM_METHOD_WILSON);
        CHECK(close_to(c.difference, 10.0, 1e-14));
        CHECK(isinf(c.df));
        CHECK(close_to(c.p_value, 0.13820766697402617, 1e-12)); /* prop.test */
        CHECK(close_to(c.low, -3.1890373925969442, 1e-12));     /* Newcombe hybrid */
        CHECK(close_to(c.high, 22.717225103721752, 1e-12));
    }
    cxm_acc_free(a);
    cxm_acc_free(b);
}

/* A size below the 1.0 layout is refused and nothing is written. */
static void smaller_sizes(const cxm_acc *acc)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT, s0;
    s.size = sizeof s - 8;
    s0 = s;
    CHECK(cxm_acc_snapshot(acc, &s) == CXM_ERR_SIZE);
    CHECK(memcmp(&s, &s0, sizeof s) == 0);

    cxm_interval iv = CXM_INTERVAL_INIT, iv0;
    iv.size = sizeof iv - 8;
    iv0 = iv;
    CHECK(cxm_acc_interval(acc, 0, 0, 0.95, &iv) == CXM_ERR_SIZE);
    CHECK(memcmp(&iv, &iv0, sizeof iv) == 0);

    cxm_comparison c = CXM_COMPARISON_INIT, c0;
    c.size = 4;
    c0 = c;
    CHECK(cxm_acc_compare(acc, acc, 0, 0, 0.95, &c) == CXM_ERR_SIZE);
    CHECK(memcmp(&c, &c0, sizeof c) == 0);

    cxm_scale sc = CXM_SCALE_INIT, sc0;
    sc.size = sizeof sc - 4;
    sc0 = sc;
    CHECK(cxm_scale_preset(CXM_PRESET_NPS, &sc) == CXM_ERR_SIZE);
    CHECK(memcmp(&sc, &sc0, sizeof sc) == 0);
    CHECK(cxm_acc_scale(acc, &sc) == CXM_ERR_SIZE);
    CHECK(memcmp(&sc, &sc0, sizeof sc) == 0);
    CHECK(cxm_scale_check(&sc) == CXM_ERR_SIZE);
}

int main(void)
{
    version_and_status();
    presets();
    cxm_acc *acc = nps_worked_example();
    CHECK(acc != NULL);
    if (acc != NULL) {
        layouts(acc);
        smaller_sizes(acc);
    }
    cxm_acc_free(acc);
    if (failures == 0) {
        printf("1.0 program OK against %s\n", cxm_version_string());
    }
    return failures == 0 ? 0 : 1;
}
