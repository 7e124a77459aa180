/* A program built against the frozen 1.1 header (v1.1/cxmetrics.h, found
 * first because it sits next to this file) and run against the freshly built
 * shared library: what every program compiled for 1.1 does with each later
 * libcxmetrics.so.1. It uses what 1.1 added (text forms, series, names, scale
 * equality) and passes the 1.1 struct sizes, so a later library must keep
 * those functions' results and must not write past the 1.1 cxm_snapshot,
 * which later versions grow.
 *
 * Expected values: the worked NPS example of docs/metrics.md (60 promoters,
 * 30 passives, 10 detractors) with R's adjusted-Wald limits from
 * tests/reference/snapshot.R, and text forms and window rules as the 1.1
 * header documents them, worked by hand. Exit 0 on success; prints each
 * failed check. */
#include "cxmetrics.h"

#ifndef CXM_ABI_FROZEN_V1_1
#error "this program must be compiled against tests/abi/v1.1/cxmetrics.h"
#endif

#include <math.h>
#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(cxm_snapshot) == 104, "1.1 cxm_snapshot (as 1.0)");

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

static cxm_acc *nps_worked_example(void)
{
    cxm_acc *acc = NULL;
    CHECK(cxm_acc_parse("nps{0:10,8:30,10:60}", 20, &acc) == CXM_OK);
    return acc;
}

/* The snapshot of 1.1's size is written up to that size and not one byte
 * further, whatever the library's own cxm_snapshot has grown to. */
static void snapshot_stays_in_its_size(const cxm_acc *acc)
{
    struct {
        cxm_snapshot s;
        unsigned char guard[64];
    } out;
    memset(&out, 0xA5, sizeof out);
    out.s.size = sizeof out.s;
    CHECK(cxm_acc_snapshot(acc, &out.s) == CXM_OK);
    CHECK(out.s.size == sizeof out.s);
    CHECK(out.s.n == 100 && out.s.positive == 60 && out.s.negative == 10);
    CHECK(out.s.score == 50.0);
    CHECK(close_to(out.s.score_low, 35.466591938667477, 1e-12)); /* adjusted Wald, R */
    CHECK(close_to(out.s.score_high, 61.620786702109207, 1e-12));
    for (size_t i = 0; i < sizeof out.guard; i++) {
        CHECK(out.guard[i] == 0xA5);
    }
}

static void text_forms(const cxm_acc *acc)
{
    char buf[CXM_TEXT_MAX];
    size_t len = 0;
    CHECK(cxm_acc_format(acc, buf, sizeof buf, &len) == CXM_OK);
    CHECK(len == 20 && strcmp(buf, "nps{0:10,8:30,10:60}") == 0);
    cxm_scale custom = CXM_SCALE_INIT, again = CXM_SCALE_INIT;
    const char *text = "-3..3/2..3/-3..-2/net";
    CHECK(cxm_scale_parse(text, strlen(text), &custom) == CXM_OK);
    CHECK(custom.min == -3 && custom.max == 3 && custom.headline == CXM_HEADLINE_NET);
    CHECK(cxm_scale_format(&custom, buf, sizeof buf, &len) == CXM_OK && strcmp(buf, text) == 0);
    CHECK(cxm_scale_parse("csat", 4, &again) == CXM_OK);
    CHECK(cxm_scale_format(&again, buf, sizeof buf, &len) == CXM_OK && strcmp(buf, "csat5") == 0);
    CHECK(cxm_scale_equal(&custom, &again) == 0 && cxm_scale_equal(&custom, &custom) == 1);
    cxm_acc *bad = NULL;
    CHECK(cxm_acc_parse("nps{11:1}", 9, &bad) == CXM_ERR_FORMAT && bad == NULL);
}

/* The names 1.1 knows keep their numbers and spellings. */
static void names(void)
{
    static const char *const methods[] = {"default",       "wilson",          "wilson-cc",
                                          "agresti-coull", "clopper-pearson", "wald",
                                          "adjusted-wald", "score",           "t"};
    for (int m = CXM_METHOD_DEFAULT; m <= CXM_METHOD_T; m++) {
        int got = -1;
        CHECK(cxm_method_name(m) != NULL && strcmp(cxm_method_name(m), methods[m]) == 0);
        CHECK(cxm_method_parse(methods[m], strlen(methods[m]), &got) == CXM_OK && got == m);
    }
    CHECK(strcmp(cxm_quantity_name(CXM_QUANTITY_NEGATIVE_SHARE), "negative-share") == 0);
    CHECK(strcmp(cxm_headline_name(CXM_HEADLINE_MEAN), "mean") == 0);
}

/* A week of days: the window is (head - 7, head]; what leaves it is gone. */
static void series(void)
{
    cxm_scale nps = CXM_SCALE_INIT;
    cxm_series *days = NULL, *copy = NULL;
    CHECK(cxm_scale_preset(CXM_PRESET_NPS, &nps) == CXM_OK);
    CHECK(cxm_series_new(&nps, 7, 100, &days) == CXM_OK);
    if (days == NULL) {
        return;
    }
    CHECK(cxm_series_add(days, 95, 0) == CXM_OK);
    CHECK(cxm_series_add_count(days, 100, 10, 3) == CXM_OK);
    CHECK(cxm_series_advance(days, 103) == CXM_OK);
    CHECK(cxm_series_add(days, 96, 9) == CXM_ERR_WINDOW);
    cxm_acc *week = NULL;
    CHECK(cxm_acc_new(&nps, &week) == CXM_OK);
    CHECK(cxm_series_sum(days, 97, 103, week) == CXM_OK);
    uint64_t n = 0, tens = 0;
    CHECK(cxm_acc_total(week, &n) == CXM_OK && n == 3);
    CHECK(cxm_acc_count(week, 10, &tens) == CXM_OK && tens == 3);
    CHECK(cxm_series_sum(days, 96, 103, week) == CXM_ERR_WINDOW);
    unsigned char bytes[256];
    size_t size = 0, written = 0;
    CHECK(cxm_series_encoded_size(days, &size) == CXM_OK && size <= sizeof bytes);
    CHECK(cxm_series_encode(days, bytes, sizeof bytes, &written) == CXM_OK && written == size);
    CHECK(memcmp(bytes, "CXMS", 4) == 0);
    CHECK(cxm_series_decode(bytes, written, &copy) == CXM_OK);
    int64_t head = 0;
    CHECK(copy != NULL && cxm_series_head(copy, &head) == CXM_OK && head == 103);
    cxm_acc_free(week);
    cxm_series_free(copy);
    cxm_series_free(days);
}

int main(void)
{
    CHECK(cxm_version_number() / 10000 == CXM_VERSION_MAJOR);
    CHECK(cxm_version_number() >= CXM_VERSION_NUMBER);
    cxm_acc *acc = nps_worked_example();
    if (acc != NULL) {
        snapshot_stays_in_its_size(acc);
        text_forms(acc);
    }
    names();
    series();
    cxm_acc_free(acc);
    if (failures == 0) {
        printf("1.1 program OK against %s\n", cxm_version_string());
    }
    return failures == 0 ? 0 : 1;
}
