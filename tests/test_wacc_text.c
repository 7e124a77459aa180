/* The weighted accumulator's text form (lib/text.c, docs/format.md, "Text
 * form"): SCALE[RATING:COUNT/WEIGHT/SQUARES,...]. Worked examples, numbers
 * beyond 64 bits, the longest text (CXM_WACC_TEXT_MAX), round trips of random
 * states, and every malformed or impossible text refused with nothing
 * allocated. */
#include <stdio.h>

#include "testutil.h"
#include "wide.h"

#define M UINT32_MAX

static cxm_wacc *parse_ok(const char *text)
{
    cxm_wacc *w = NULL;
    int status = cxm_wacc_parse(text, strlen(text), &w);
    ck_assert_msg(status == CXM_OK, "%s: %s", text, cxm_status_name(status));
    return w;
}

/* Formats w and checks the text against want, and that the length excludes
 * the NUL. */
static void assert_formats_as(const cxm_wacc *w, const char *want)
{
    static char buf[CXM_WACC_TEXT_MAX];
    size_t written = 0;
    ck_assert_int_eq(cxm_wacc_format(w, buf, sizeof buf, &written), CXM_OK);
    ck_assert_str_eq(buf, want);
    ck_assert_uint_eq(written, strlen(want));
}

START_TEST(worked_examples)
{
    static const char *const canonical[] = {
        "nps[6:1/40/1600,9:2/150/12500]",
        "nps[]",
        "csat5[1:3/3/3,5:1099511627776/1152921504606846976/1208925819614629174706176]",
        "-3..3/2..3/-3..-2/net[-3:1/7/49,3:2/4/8]",
        "1..5/4..5/1..2/mean[5:1/2/4]",
    };
    for (size_t i = 0; i < sizeof canonical / sizeof canonical[0]; i++) {
        cxm_wacc *w = parse_ok(canonical[i]);
        assert_formats_as(w, canonical[i]);
        cxm_wacc_free(w);
    }
    cxm_wacc *w = parse_ok("nps[6:1/40/1600,9:2/150/12500]");
    cxm_wacc *built = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(built, 9, 100), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(built, 6, 40), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(built, 9, 50), CXM_OK);
    ck_assert_mem_eq(w, built, cxmi_wacc_bytes(w->span));
    cxm_wacc_free(built);
    cxm_wacc_free(w);
    /* Any spelling of a preset's scale formats as its name. */
    w = parse_ok("1..5/4..5/1..2/share[5:1/2/4]");
    assert_formats_as(w, "csat5[5:1/2/4]");
    cxm_wacc_free(w);
    w = parse_ok("ces[]");
    assert_formats_as(w, "ces7[]");
    cxm_wacc_free(w);
}
END_TEST

/* Q beyond 2^64 in decimal, nine digits at a time: groups of zeros inside
 * must keep their zeros. */
START_TEST(squares_beyond_64_bits)
{
    cxm_wacc *w = new_preset_wacc(CXM_PRESET_CSAT_BINARY);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(cxm_wacc_add(w, 2, M), CXM_OK);
    }
    /* 3 (2^32 - 1)^2 = 55340232195358851075 */
    assert_formats_as(w, "csat2[2:3/12884901885/55340232195358851075]");
    cxm_wacc_free(w);
    static const char *const texts[] = {
        "csat2[2:1000000000/1000000000000000000/1000000000000000000000000000]",
        "csat2[2:1000000000/1000000000000000000/1000000000000000001000000001]",
        "csat2[2:4294967297/18446744073709551615/79228162495817593515539431425]",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        w = parse_ok(texts[i]);
        assert_formats_as(w, texts[i]);
        cxm_wacc_free(w);
    }
}
END_TEST

/* docs/format.md, "Text form", "Length": on a scale whose every number has 11
 * characters, 62 ratings with c = W = 232830643708079738 (18 digits each)
 * and Q = W (2^32 - 1) (28 digits), 39 with c = W = 10^17 and Q = W (2^32 -
 * 1) (27 digits). */
START_TEST(worst_case_fills_text_max)
{
    cxm_scale wide = make_scale(INT32_MIN, INT32_MIN + 100, INT32_MIN + 90, INT32_MIN + 100,
                                INT32_MIN, INT32_MIN + 10, CXM_HEADLINE_POSITIVE_SHARE);
    cxmi_cell cells[101];
    for (int i = 0; i < 101; i++) {
        uint64_t w = i < 62 ? UINT64_C(232830643708079738) : UINT64_C(100000000000000000);
        cxmi_wide q = cxmi_wide_mul(w, M);
        cxmi_cell cell = {w, w, q.w[1], q.w[0]};
        cells[i] = cell;
    }
    uint64_t weight;
    ck_assert(cxmi_cells_valid(cells, 101, &weight));
    cxm_wacc *w = cxmi_wacc_alloc_cells(&wide, cells, weight);
    static char buf[CXM_WACC_TEXT_MAX + 1];
    size_t written = 0;
    ck_assert_int_eq(cxm_wacc_format(w, buf, CXM_WACC_TEXT_MAX, &written), CXM_OK);
    ck_assert_uint_eq(written, CXM_WACC_TEXT_MAX - 1);
    cxm_wacc *back = parse_ok(buf);
    ck_assert_mem_eq(back->cells, w->cells, 101 * sizeof w->cells[0]);
    /* One byte less: refused, nothing written. */
    memset(buf, 0x5A, sizeof buf);
    written = 7;
    ck_assert_int_eq(cxm_wacc_format(w, buf, CXM_WACC_TEXT_MAX - 1, &written), CXM_ERR_SIZE);
    ck_assert_uint_eq(written, 7);
    for (size_t i = 0; i < sizeof buf; i++) {
        ck_assert_int_eq(buf[i], 0x5A);
    }
    cxm_wacc_free(back);
    cxm_wacc_free(w);
}
END_TEST

START_TEST(format_refusals)
{
    cxm_wacc *w = parse_ok("nps[6:1/40/1600]");
    char buf[32];
    memset(buf, 0x5A, sizeof buf);
    size_t written = 7;
    ck_assert_int_eq(cxm_wacc_format(w, buf, 16, &written), CXM_ERR_SIZE); /* needs 17 */
    ck_assert_int_eq(cxm_wacc_format(w, NULL, 0, &written), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_wacc_format(w, NULL, 5, &written), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_format(NULL, buf, sizeof buf, &written), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_format(w, buf, sizeof buf, NULL), CXM_ERR_NULL);
    ck_assert_uint_eq(written, 7);
    for (size_t i = 0; i < sizeof buf; i++) {
        ck_assert_int_eq(buf[i], 0x5A);
    }
    ck_assert_int_eq(cxm_wacc_format(w, buf, 17, &written), CXM_OK);
    ck_assert_str_eq(buf, "nps[6:1/40/1600]");
    cxm_wacc_free(w);
}
END_TEST

START_TEST(malformed_and_impossible_texts_refused)
{
    static const char *const texts[] = {
        "",
        "nps",
        "nps{6:1}", /* an accumulator's text */
        "nps{}",
        "nps[",
        "nps[6:1/40/1600",
        "nps[6:1/40/1600,]",
        "nps[,6:1/40/1600]",
        "nps[6:1/40]",
        "nps[6:1]",
        "nps[6:1/40/1600/1]",
        "nps[6:1/40/1600]x",
        "nps [6:1/40/1600]",
        "nps[6:1/40/ 1600]",
        "NPS[]",
        "nps[6:0/0/0]",      /* only ratings with responses are listed */
        "nps[6:01/40/1600]", /* leading zeros */
        "nps[6:1/040/1600]",
        "nps[6:1/40/01600]",
        "nps[06:1/40/1600]",
        "nps[-0:1/1/1]",
        "nps[+6:1/1/1]",
        "nps[6:+1/1/1]",
        "nps[6:-1/1/1]",
        "nps[11:1/1/1]", /* outside the scale */
        "nps[-1:1/1/1]",
        "nps[9:1/1/1,6:1/1/1]", /* not ascending */
        "nps[6:1/1/1,6:1/1/1]",
        "nps[6:2/1/1]",     /* c > W */
        "nps[6:1/40/39]",   /* Q < W */
        "nps[6:1/40/1599]", /* W^2 > c Q */
        "nps[6:2/3/4]",
        "nps[6:1/4294967296/18446744073709551616]", /* Q > W (2^32 - 1) */
        "nps[6:1/1/0]",
        "nps[6:18446744073709551616/18446744073709551616/18446744073709551616]",
        "nps[6:1/18446744073709551616/1]",                    /* W beyond 64 bits */
        "nps[6:1/1/340282366920938463463374607431768211456]", /* Q = 2^128 */
        "nps[6:1/1/340282366920938463463374607431768211455]", /* 2^128 - 1: > W M */
        "nps[6:1/1/99999999999999999999999999999999999999999]",
        /* Two valid cells whose weights sum to 2^64. */
        ("csat2[1:4294967296/9223372036854775808/19807040628566084398385987584,"
         "2:4294967296/9223372036854775808/19807040628566084398385987584]"),
        "1..5/4..5/3..4/share[]", /* invalid scale */
        "nps[6:1/40/1600]\\0",
    };
    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *out = sentinel;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        int status = cxm_wacc_parse(texts[i], strlen(texts[i]), &out);
        ck_assert_msg(status == CXM_ERR_FORMAT, "%s: %s", texts[i], cxm_status_name(status));
        ck_assert_ptr_eq(out, sentinel);
    }
    /* A NUL inside is read as a byte, not an end. */
    ck_assert_int_eq(cxm_wacc_parse("nps[]\0", 6, &out), CXM_ERR_FORMAT);
    /* One response less in the second cell of the last text: accepted. */
    cxm_wacc *w = parse_ok("csat2[1:4294967296/9223372036854775808/19807040628566084398385987584,"
                           "2:4294967295/9223372034707292160/19807040623954398379958599680]");
    ck_assert_uint_eq(w->weight, UINT64_MAX - (UINT64_C(1) << 31) + 1);
    cxm_wacc_free(w);
    ck_assert_int_eq(cxm_wacc_parse(NULL, 3, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_parse(NULL, 0, &out), CXM_ERR_FORMAT);
    ck_assert_int_eq(cxm_wacc_parse("nps[]", 5, NULL), CXM_ERR_NULL);
    ck_assert_ptr_eq(out, sentinel);
    /* And an accumulator's parser refuses the weighted form. */
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_parse("nps[6:1/40/1600]", 16, &acc), CXM_ERR_FORMAT);
    ck_assert_int_eq(cxm_acc_parse("nps[]", 5, &acc), CXM_ERR_FORMAT);
    ck_assert_ptr_null(acc);
}
END_TEST

/* Random states: format, parse, format again; the state and the text come
 * back identical. */
START_TEST(round_trip_random_states)
{
    uint64_t seed = 0x7E47;
    static char text[CXM_WACC_TEXT_MAX], again[CXM_WACC_TEXT_MAX];
    for (int round = 0; round < 300; round++) {
        int32_t min = (int32_t)(next_random(&seed) % 2001) - 1000;
        if (round % 5 == 0) {
            min = round % 10 == 0 ? INT32_MIN : INT32_MAX - 100;
        }
        int32_t span = 1 + (int32_t)(next_random(&seed) % 101);
        int32_t last = min + span - 1;
        cxm_scale scale = make_scale(min, last, last, last, min, min, 1 + round % 3);
        if (span == 1) {
            continue; /* bands must be disjoint */
        }
        cxm_wacc *w = NULL;
        ck_assert_int_eq(cxm_wacc_new(&scale, &w), CXM_OK);
        int n = (int)(next_random(&seed) % 200);
        for (int i = 0; i < n; i++) {
            uint64_t x = next_random(&seed);
            uint32_t weight = x % 2 ? M - (uint32_t)(x % 5) : 1 + (uint32_t)((x >> 8) % 1000);
            ck_assert_int_eq(cxm_wacc_add(w, min + (int32_t)(x % (uint64_t)span), weight), CXM_OK);
        }
        size_t len = 0, len2 = 0;
        ck_assert_int_eq(cxm_wacc_format(w, text, sizeof text, &len), CXM_OK);
        cxm_wacc *back = NULL;
        ck_assert_int_eq(cxm_wacc_parse(text, len, &back), CXM_OK);
        ck_assert_mem_eq(back->cells, w->cells, w->span * sizeof w->cells[0]);
        ck_assert_uint_eq(back->weight, w->weight);
        ck_assert_int_eq(cxm_wacc_format(back, again, sizeof again, &len2), CXM_OK);
        ck_assert_str_eq(again, text);
        cxm_wacc_free(back);
        cxm_wacc_free(w);
    }
}
END_TEST

static Suite *wacc_text_suite(void)
{
    Suite *s = suite_create("wacc_text");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, worked_examples);
    tcase_add_test(tc, squares_beyond_64_bits);
    tcase_add_test(tc, worst_case_fills_text_max);
    tcase_add_test(tc, format_refusals);
    tcase_add_test(tc, malformed_and_impossible_texts_refused);
    tcase_add_test(tc, round_trip_random_states);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(wacc_text_suite)
