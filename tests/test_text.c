/* Text forms of scales and accumulators (cxm_scale_parse/format,
 * cxm_acc_parse/format). Expected strings are worked by hand from the grammar
 * in include/cxmetrics.h ("Text forms") and docs/format.md ("Text form"); the
 * preset fields are docs/metrics.md's "Presets", copied by hand. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "testutil.h"

/* A text and its length: the length is part of the input (embedded NULs). */
typedef struct text {
    const char *s;
    size_t len;
} text;
/* clang-format would break T's braces over four lines and put each text of
 * the tables below on a line of its own. */
/* clang-format off */
#define T(literal) {literal, sizeof(literal) - 1}
/* clang-format on */

/* ---- helpers ------------------------------------------------------------------ */

/* Formats acc into buf (CXM_TEXT_MAX bytes) and checks length and NUL. */
static size_t format_acc(const cxm_acc *acc, char *buf)
{
    size_t written = 0;
    ck_assert_int_eq(cxm_acc_format(acc, buf, CXM_TEXT_MAX, &written), CXM_OK);
    ck_assert_uint_lt(written, CXM_TEXT_MAX);
    ck_assert_uint_eq(strlen(buf), written);
    return written;
}

static size_t format_scale(const cxm_scale *scale, char *buf)
{
    size_t written = 0;
    ck_assert_int_eq(cxm_scale_format(scale, buf, CXM_TEXT_MAX, &written), CXM_OK);
    ck_assert_uint_eq(strlen(buf), written);
    return written;
}

static cxm_acc *parse_acc(const char *s, size_t len)
{
    cxm_acc *acc = NULL;
    int status = cxm_acc_parse(s, len, &acc);
    ck_assert_msg(status == CXM_OK, "cxm_acc_parse(\"%.*s\") = %d", (int)len, s, status);
    return acc;
}

/* Same scale, counts and total. */
static void assert_same_acc(const cxm_acc *a, const cxm_acc *b)
{
    ck_assert(cxmi_scale_equal(&a->scale, &b->scale));
    ck_assert_uint_eq(a->span, b->span);
    ck_assert_uint_eq(a->total, b->total);
    ck_assert(memcmp(a->counts, b->counts, a->span * sizeof a->counts[0]) == 0);
}

static void assert_acc_text(const cxm_acc *acc, const char *expected)
{
    char buf[CXM_TEXT_MAX];
    format_acc(acc, buf);
    ck_assert_str_eq(buf, expected);
}

/* parse -> format -> parse: same state, and the text is a fixed point. */
static void assert_acc_round_trip(const cxm_acc *acc)
{
    char buf[CXM_TEXT_MAX], again[CXM_TEXT_MAX];
    size_t len = format_acc(acc, buf);
    cxm_acc *back = parse_acc(buf, len);
    assert_same_acc(acc, back);
    ck_assert_uint_eq(format_acc(back, again), len);
    ck_assert_str_eq(again, buf);
    cxm_acc_free(back);
}

/* ---- presets ------------------------------------------------------------------ */

typedef struct preset_text {
    int preset;
    const char *name;   /* the canonical name */
    const char *custom; /* the same scale in the custom form, from docs/metrics.md */
} preset_text;

static const preset_text preset_texts[] = {
    {CXM_PRESET_CSAT_5, "csat5", "1..5/4..5/1..2/share"},
    {CXM_PRESET_CSAT_3, "csat3", "1..3/3..3/1..1/share"},
    {CXM_PRESET_CSAT_10, "csat10", "1..10/8..10/1..4/share"},
    {CXM_PRESET_CSAT_BINARY, "csat2", "1..2/2..2/1..1/share"},
    {CXM_PRESET_NPS, "nps", "0..10/9..10/0..6/net"},
    {CXM_PRESET_CES_7, "ces7", "1..7/5..7/1..3/mean"},
    {CXM_PRESET_CES_5, "ces5", "1..5/1..2/4..5/mean"},
    {CXM_PRESET_NET_EASY_7, "neteasy7", "1..7/1..2/5..7/net"},
};
#define N_PRESETS (sizeof preset_texts / sizeof preset_texts[0])

START_TEST(preset_scale_texts)
{
    const preset_text *row = &preset_texts[_i];
    cxm_scale want = preset_scale(row->preset);
    char buf[CXM_TEXT_MAX];
    ck_assert_uint_eq(format_scale(&want, buf), strlen(row->name));
    ck_assert_str_eq(buf, row->name);

    /* the name and the custom form both parse to the preset */
    const char *forms[2] = {row->name, row->custom};
    for (int f = 0; f < 2; f++) {
        cxm_scale got = CXM_SCALE_INIT;
        ck_assert_int_eq(cxm_scale_parse(forms[f], strlen(forms[f]), &got), CXM_OK);
        ck_assert(memcmp(&got, &want, sizeof got) == 0);
        format_scale(&got, buf);
        ck_assert_str_eq(buf, row->name);
    }
}
END_TEST

START_TEST(preset_accumulator_round_trips)
{
    const preset_text *row = &preset_texts[_i];
    cxm_scale scale = preset_scale(row->preset);
    cxm_acc *acc = new_scale_acc(&scale);
    char want[64];
    snprintf(want, sizeof want, "%s{}", row->name);
    assert_acc_text(acc, want);
    assert_acc_round_trip(acc);
    /* one rating of each value, then the largest single count */
    for (int32_t r = scale.min; r <= scale.max; r++) {
        ck_assert_int_eq(cxm_acc_add(acc, r), CXM_OK);
    }
    assert_acc_round_trip(acc);
    ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, scale.max, UINT64_MAX), CXM_OK);
    snprintf(want, sizeof want, "%s{%d:18446744073709551615}", row->name, (int)scale.max);
    assert_acc_text(acc, want);
    assert_acc_round_trip(acc);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(aliases_parse_and_format_canonically)
{
    cxm_scale got = CXM_SCALE_INIT;
    cxm_scale csat5 = preset_scale(CXM_PRESET_CSAT_5), ces7 = preset_scale(CXM_PRESET_CES_7);
    ck_assert_int_eq(cxm_scale_parse("csat", 4, &got), CXM_OK);
    ck_assert(memcmp(&got, &csat5, sizeof got) == 0);
    ck_assert_int_eq(cxm_scale_parse("ces", 3, &got), CXM_OK);
    ck_assert(memcmp(&got, &ces7, sizeof got) == 0);

    cxm_acc *acc = parse_acc("csat{1:2,5:7}", 13);
    assert_acc_text(acc, "csat5{1:2,5:7}");
    cxm_acc_free(acc);
    acc = parse_acc("ces{7:1}", 8);
    assert_acc_text(acc, "ces7{7:1}");
    cxm_acc_free(acc);
}
END_TEST

/* ---- worked examples ---------------------------------------------------------- */

START_TEST(worked_examples)
{
    /* the header's examples, built with the recording functions */
    cxm_acc *nps = new_preset_acc(CXM_PRESET_NPS);
    assert_acc_text(nps, "nps{}");
    ck_assert_int_eq(cxm_acc_add_count(nps, 10, 4), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(nps, 0, 3), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(nps, 9, 10), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(nps, 6), CXM_OK);
    assert_acc_text(nps, "nps{0:3,6:1,9:10,10:4}");
    cxm_acc *back = parse_acc("nps{0:3,6:1,9:10,10:4}", 22);
    assert_same_acc(nps, back);
    cxm_acc_free(back);
    cxm_acc_free(nps);

    cxm_acc *csat = parse_acc("1..5/4..5/1..2/share{5:2}", 25);
    uint64_t count = 0, total = 0;
    ck_assert_int_eq(cxm_acc_count(csat, 5, &count), CXM_OK);
    ck_assert_int_eq(cxm_acc_total(csat, &total), CXM_OK);
    ck_assert_uint_eq(count, 2);
    ck_assert_uint_eq(total, 2);
    assert_acc_text(csat, "csat5{5:2}");
    cxm_acc_free(csat);

    cxm_scale custom = make_scale(-3, 3, 2, 3, -3, -2, CXM_HEADLINE_NET);
    char buf[CXM_TEXT_MAX];
    ck_assert_uint_eq(format_scale(&custom, buf), 21);
    ck_assert_str_eq(buf, "-3..3/2..3/-3..-2/net");
    cxm_scale got = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_parse(buf, 21, &got), CXM_OK);
    ck_assert(memcmp(&got, &custom, sizeof got) == 0);

    cxm_acc *acc = new_scale_acc(&custom);
    ck_assert_int_eq(cxm_acc_add_count(acc, -3, 1), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, 12), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 3, 305), CXM_OK);
    assert_acc_text(acc, "-3..3/2..3/-3..-2/net{-3:1,0:12,3:305}");
    assert_acc_round_trip(acc);
    cxm_acc_free(acc);

    /* a preset's fields with another headline is not the preset */
    cxm_scale near = make_scale(1, 5, 4, 5, 1, 2, CXM_HEADLINE_MEAN);
    format_scale(&near, buf);
    ck_assert_str_eq(buf, "1..5/4..5/1..2/mean");

    /* the int32 extremes */
    cxm_scale low = make_scale(INT32_MIN, INT32_MIN + 1, INT32_MIN + 1, INT32_MIN + 1, INT32_MIN,
                               INT32_MIN, CXM_HEADLINE_POSITIVE_SHARE);
    format_scale(&low, buf);
    ck_assert_str_eq(buf, "-2147483648..-2147483647/-2147483647..-2147483647/"
                          "-2147483648..-2147483648/share");
    cxm_scale high = make_scale(INT32_MAX - 1, INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX - 1,
                                INT32_MAX - 1, CXM_HEADLINE_NET);
    acc = new_scale_acc(&high);
    ck_assert_int_eq(cxm_acc_add_count(acc, INT32_MAX, 1), CXM_OK);
    assert_acc_text(acc, "2147483646..2147483647/2147483647..2147483647/"
                         "2147483646..2147483646/net{2147483647:1}");
    assert_acc_round_trip(acc);
    cxm_acc_free(acc);
}
END_TEST

/* ---- random round trips --------------------------------------------------------- */

/* A random valid scale: anywhere in int32, 2 to 101 ratings (two disjoint
 * non-empty bands need two), bands a..b and c..d with a <= b < c <= d in
 * either order, any headline; sometimes exactly a preset. */
static cxm_scale random_scale(uint64_t *rng)
{
    uint64_t pick = next_random(rng) % 16;
    if (pick == 0) {
        return preset_scale((int)(next_random(rng) % N_PRESETS) + 1);
    }
    int64_t span = 2 + (int64_t)(next_random(rng) % 100);
    int64_t min;
    if (pick == 1) {
        min = INT32_MIN;
    } else if (pick == 2) {
        min = (int64_t)INT32_MAX - span + 1;
    } else if (pick < 8) {
        min = (int64_t)(next_random(rng) % 201) - 100;
    } else {
        min = (int64_t)INT32_MIN +
              (int64_t)(next_random(rng) % ((uint64_t)UINT32_MAX - (uint64_t)span + 2));
    }
    /* cut points 0 <= a <= b < c <= d < span */
    int64_t b = (int64_t)(next_random(rng) % (uint64_t)(span - 1));
    int64_t a = (int64_t)(next_random(rng) % (uint64_t)(b + 1));
    int64_t c = b + 1 + (int64_t)(next_random(rng) % (uint64_t)(span - b - 1));
    int64_t d = c + (int64_t)(next_random(rng) % (uint64_t)(span - c));
    int32_t lo_a = (int32_t)(min + a), lo_b = (int32_t)(min + b);
    int32_t hi_c = (int32_t)(min + c), hi_d = (int32_t)(min + d);
    int32_t headline = 1 + (int32_t)(next_random(rng) % 3);
    cxm_scale s =
        next_random(rng) % 2 == 0
            ? make_scale((int32_t)min, (int32_t)(min + span - 1), hi_c, hi_d, lo_a, lo_b, headline)
            : make_scale((int32_t)min, (int32_t)(min + span - 1), lo_a, lo_b, hi_c, hi_d, headline);
    ck_assert_int_eq(cxm_scale_check(&s), CXM_OK);
    return s;
}

/* Counts of every size, the total kept within UINT64_MAX: zeros, ones, the
 * largest count that still fits, and random magnitudes. */
static void random_counts(cxm_acc *acc, uint64_t *rng)
{
    uint64_t room = UINT64_MAX;
    for (uint32_t i = 0; i < acc->span && room > 0; i++) {
        uint64_t kind = next_random(rng) % 8, count;
        if (kind < 3) {
            continue;
        }
        if (kind == 3) {
            count = 1;
        } else if (kind == 4) {
            count = room;
        } else {
            count = next_random(rng) >> (next_random(rng) % 64);
        }
        count = count > room ? room : count;
        if (count > 0) {
            ck_assert_int_eq(cxm_acc_add_count(acc, (int32_t)(acc->scale.min + (int64_t)i), count),
                             CXM_OK);
            room -= count;
        }
    }
}

START_TEST(random_round_trips)
{
    uint64_t seed = 20261201, rng = seed;
    for (int iter = 0; iter < 5000; iter++) {
        cxm_scale scale = random_scale(&rng);
        char buf[CXM_TEXT_MAX], again[CXM_TEXT_MAX];
        size_t len = format_scale(&scale, buf);
        cxm_scale got = CXM_SCALE_INIT;
        ck_assert_msg(cxm_scale_parse(buf, len, &got) == CXM_OK, "seed %" PRIu64 ": %s", seed, buf);
        ck_assert_msg(memcmp(&got, &scale, sizeof got) == 0, "seed %" PRIu64 ": %s", seed, buf);
        ck_assert_uint_eq(format_scale(&got, again), len);
        ck_assert_str_eq(again, buf);

        cxm_acc *acc = new_scale_acc(&scale);
        random_counts(acc, &rng);
        len = format_acc(acc, buf);
        cxm_acc *back = NULL;
        ck_assert_msg(cxm_acc_parse(buf, len, &back) == CXM_OK, "seed %" PRIu64 ": %s", seed, buf);
        assert_same_acc(acc, back);
        ck_assert_uint_eq(format_acc(back, again), len);
        ck_assert_msg(strcmp(again, buf) == 0, "seed %" PRIu64 ": %s", seed, buf);
        cxm_acc_free(back);
        cxm_acc_free(acc);
    }
}
END_TEST

/* ---- rejections ------------------------------------------------------------------ */

/* Each is refused by cxm_acc_parse with CXM_ERR_FORMAT, grouped as its comment
 * in include/cxmetrics.h lists the classes. */
/* clang-format off */
static const text bad_accumulators[] = {
    /* unknown name */
    T("npss{}"), T("np{}"), T("csat4{}"), T("csat1{}"), T("csat100{}"), T("share{}"),
    T("csatx{}"), T("c{}"), T("neteasy{}"), T("neteasy77{}"),
    /* upper case */
    T("NPS{}"), T("Nps{}"), T("CSAT5{}"), T("1..5/4..5/1..2/Share{}"), T("1..5/4..5/1..2/SHARE{}"),
    /* invalid scale */
    T("5..1/4..5/1..2/share{}"), T("1..5/4..5/3..4/share{}"), T("1..5/4..6/1..2/share{}"),
    T("1..5/0..1/4..5/share{}"), T("0..101/90..101/0..6/net{}"), T("1..5/4..5/1..2/median{}"),
    T("1..5/4..5/1..2/shares{}"), T("1..1/1..1/1..1/share{}"), T("1..5/5..4/1..2/share{}"),
    T("1..5/4..5/1..2/{}"), T("1..5/4..5/1..2{}"), T("1..5/4..5{}"), T("1..5{}"),
    T("1...5/4..5/1..2/share{}"), T("1.5/4..5/1..2/share{}"), T("1..5//4..5/1..2/share{}"),
    T("-2147483649..-2147483648/-2147483648..-2147483648/-2147483649..-2147483649/net{}"),
    T("2147483647..2147483648/2147483648..2147483648/2147483647..2147483647/net{}"),
    T("1..5/4..5/1..2/4{}"), T("--1..5/4..5/1..2/share{}"), T("-..5/4..5/1..2/share{}"),
    /* rating outside the scale (or outside int32) */
    T("nps{11:1}"), T("nps{-1:1}"), T("csat5{0:1}"), T("csat5{6:1}"), T("nps{2147483648:1}"),
    T("nps{-2147483649:1}"), T("nps{99999999999999999999:1}"),
    /* ratings not strictly ascending */
    T("nps{3:1,3:1}"), T("nps{5:1,3:1}"), T("nps{0:1,10:1,9:1}"),
    /* zero count */
    T("nps{3:0}"), T("nps{3:1,4:0}"),
    /* a count beyond UINT64_MAX */
    T("nps{3:18446744073709551616}"), T("nps{3:18446744073709551620}"),
    T("nps{3:99999999999999999999}"), T("nps{3:100000000000000000000}"),
    T("nps{3:184467440737095516150}"),
    /* a sum beyond UINT64_MAX */
    T("nps{3:18446744073709551615,4:1}"), T("nps{0:9223372036854775808,10:9223372036854775808}"),
    /* leading zeros, -0 */
    T("nps{03:1}"), T("nps{3:01}"), T("nps{00:1}"), T("nps{3:00}"), T("01..5/4..5/1..2/share{}"),
    T("1..05/4..5/1..2/share{}"), T("nps{-0:1}"), T("-0..3/2..3/-3..-2/net{}"),
    T("-3..3/2..3/-3..-0/net{}"), T("-3..3/2..3/-03..-2/net{}"),
    /* '+' */
    T("nps{+3:1}"), T("nps{3:+1}"), T("+1..5/4..5/1..2/share{}"), T("1..+5/4..5/1..2/share{}"),
    /* whitespace */
    T(" nps{}"), T("nps {}"), T("nps{ }"), T("nps{3: 1}"), T("nps{3 :1}"), T("nps{3:1 }"),
    T("nps{3:1, 4:1}"), T("nps{}\n"), T("nps{}\t"), T("1 ..5/4..5/1..2/share{}"),
    T("- 3..3/2..3/-3..-2/net{}"), T("nps{}\r\n"),
    /* trailing bytes */
    T("nps{}x"), T("nps{}}"), T("nps{},"), T("nps{}{}"), T("nps{3:1}3"),
    /* structure */
    T("nps"), T("nps{"), T("nps}"), T("{}"), T("{3:1}"), T("nps{3}"), T("nps{3:}"), T("nps{:1}"),
    T("nps{3:1;4:1}"), T("nps{,}"), T("nps{3::1}"), T("nps{3:1,}"), T("nps{,3:1}"),
    T("nps{3:1,,4:1}"), T("nps[3:1]"), T("nps{3-1}"), T("nps{-}"), T("nps{3:-1}"),
    T("nps{0x3:1}"), T("nps{3:1e3}"), T("nps{3.0:1}"), T("nps{3:1.0}"),
    /* len = 0 */
    T(""),
    /* embedded NUL */
    T("nps\0{}"), T("nps{}\0"), T("nps{3:1\0}"), T("\0nps{}"), T("nps{\0}"),
    /* bytes outside ASCII */
    T("nps{3:1}\xc2\xa0"), T("\xefnps{}"),
};

/* Each is refused by cxm_scale_parse (scales only, no braces). */
static const text bad_scales[] = {
    T(""), T("NPS"), T("Csat5"), T("nps "), T(" nps"), T("nps{}"), T("csat5x"), T("csat4"),
    T("csat0"), T("csat05"), T("cs"), T("share"), T("1..5/4..5/1..2/share/"),
    T("1..5/4..5/1..2"), T("1..5/4..5/1..2/"), T("1..5/4..5/1..2/sharex"),
    T("1..5/4..5/1..2/shar"), T("1..5/4..5/1..2/share\0"), T("nps\0"), T("-2147483649..0/0..0/-1..-1/net"),
    T("2147483648..2147483649/2147483648..2147483648/2147483649..2147483649/mean"),
    T("1..5/4..5/1..2/3"), T("+1..5/4..5/1..2/share"), T("01..5/4..5/1..2/share"),
    T("-0..5/4..5/1..2/share"), T("1..5/4..5/2..1/share"), T("1..5/3..5/1..3/share"),
    T("0..101/90..101/0..6/net"), T("-50..51/0..51/-50..-1/net"), T("1..5/4..5/1..2/ share"),
};
/* clang-format on */

START_TEST(accumulator_rejections)
{
    const text *t = &bad_accumulators[_i];
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234, *out = sentinel;
    ck_assert_msg(cxm_acc_parse(t->s, t->len, &out) == CXM_ERR_FORMAT,
                  "accepted bad accumulator #%d \"%.*s\"", _i, (int)t->len, t->s);
    ck_assert_ptr_eq(out, sentinel);
}
END_TEST

START_TEST(scale_rejections)
{
    const text *t = &bad_scales[_i];
    cxm_scale scale = preset_scale(CXM_PRESET_CES_5), before = scale;
    ck_assert_msg(cxm_scale_parse(t->s, t->len, &scale) == CXM_ERR_FORMAT,
                  "accepted bad scale #%d \"%.*s\"", _i, (int)t->len, t->s);
    ck_assert(memcmp(&scale, &before, sizeof scale) == 0);
    /* and as the scale of an accumulator */
    char buf[128];
    ck_assert_uint_lt(t->len + 2, sizeof buf);
    memcpy(buf, t->s, t->len);
    memcpy(buf + t->len, "{}", 2);
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234, *out = sentinel;
    ck_assert_int_eq(cxm_acc_parse(buf, t->len + 2, &out), CXM_ERR_FORMAT);
    ck_assert_ptr_eq(out, sentinel);
}
END_TEST

/* The limits themselves are accepted: the rejections above are not an
 * off-by-one. */
START_TEST(limits_accepted)
{
    cxm_acc *acc = parse_acc("nps{3:18446744073709551615}", 27);
    ck_assert_uint_eq(acc->counts[3], UINT64_MAX);
    cxm_acc_free(acc);
    acc = parse_acc("nps{3:18446744073709551614,4:1}", 31);
    ck_assert_uint_eq(acc->total, UINT64_MAX);
    cxm_acc_free(acc);
    acc = parse_acc("nps{0:1,10:9223372036854775808}", 31);
    cxm_acc_free(acc);
    cxm_scale s = CXM_SCALE_INIT;
    const char *extreme = "-2147483648..-2147483548/-2147483548..-2147483548/"
                          "-2147483648..-2147483648/mean";
    ck_assert_int_eq(cxm_scale_parse(extreme, strlen(extreme), &s), CXM_OK);
    ck_assert_int_eq(s.min, INT32_MIN);
    ck_assert_int_eq(s.max, INT32_MIN + 100);
    const char *widest = "0..100/100..100/0..0/share";
    ck_assert_int_eq(cxm_scale_parse(widest, strlen(widest), &s), CXM_OK);
    ck_assert_int_eq(s.max, 100);
    acc = parse_acc("0..1/1..1/0..0/net{0:1,1:1}", 27);
    cxm_acc_free(acc);
}
END_TEST

/* ---- truncations ------------------------------------------------------------------ */

static const char *const valid_accumulators[] = {
    "nps{0:3,6:1,9:10,10:4}",
    "csat10{}",
    "-3..3/2..3/-3..-2/net{-3:1,0:12,3:305}",
    "1..5/4..5/1..2/share{5:2}",
    "ces{1:18446744073709551615}",
    ("-2147483648..-2147483647/-2147483647..-2147483647/-2147483648..-2147483648/mean"
     "{-2147483648:10,-2147483647:100}"),
};

/* Every proper prefix of an accumulator text is refused (it lacks '}'). */
START_TEST(every_truncation_refused)
{
    const char *full = valid_accumulators[_i];
    size_t len = strlen(full);
    cxm_acc *acc = parse_acc(full, len);
    cxm_acc_free(acc);
    for (size_t cut = 0; cut < len; cut++) {
        cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234, *out = sentinel;
        ck_assert_msg(cxm_acc_parse(full, cut, &out) == CXM_ERR_FORMAT, "accepted \"%.*s\"",
                      (int)cut, full);
        ck_assert_ptr_eq(out, sentinel);
    }
}
END_TEST

/* A prefix of a scale text is refused unless it is itself a scale name: the
 * aliases are prefixes of csat5 and ces7. */
START_TEST(every_scale_truncation)
{
    static const char *const scales[] = {"csat5",
                                         "csat10",
                                         "ces7",
                                         "neteasy7",
                                         "nps",
                                         "-3..3/2..3/-3..-2/net",
                                         "1..10/8..10/1..4/share"};
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        const char *full = scales[k];
        for (size_t cut = 0; cut < strlen(full); cut++) {
            cxm_scale s = CXM_SCALE_INIT;
            bool alias = (cut == 4 && strncmp(full, "csat", 4) == 0) ||
                         (cut == 3 && strncmp(full, "ces", 3) == 0);
            ck_assert_msg(cxm_scale_parse(full, cut, &s) == (alias ? CXM_OK : CXM_ERR_FORMAT),
                          "\"%.*s\"", (int)cut, full);
        }
    }
}
END_TEST

/* ---- the longest text ---------------------------------------------------------- */

START_TEST(worst_case_fits_text_max)
{
    /* docs/format.md, "Text form", by hand. The scale part is longest with
     * six 11-character numbers (all within -2147483648..-2147483548) and
     * "share": 6 * 11 + 3 * 2 + 3 * 1 + 5 = 80. Each of the 101 ratings
     * then also takes 11 characters. The counts' digits are maximal for a
     * total <= 2^64 - 1 = 18446744073709551615 when 101 counts of 10^17
     * (18 digits, 1.01e19) have 9 of them raised to 10^18 (19 digits,
     * +9 * 9e17 = 1.82e19 in all; a tenth would make 1.91e19, and a 20-digit
     * count, 1e19, leaves room for 82 18-digit and 18 17-digit ones, fewer
     * digits): 9 * 19 + 92 * 18 = 1827 digits. Text: 80 + "{" + 101 ratings
     * of 11 + 101 ':' + 100 ',' + 1827 + "}" = 3221 bytes. */
    cxm_scale scale = make_scale(INT32_MIN, INT32_MIN + 100, INT32_MIN + 100, INT32_MIN + 100,
                                 INT32_MIN, INT32_MIN + 99, CXM_HEADLINE_POSITIVE_SHARE);
    cxm_acc *acc = new_scale_acc(&scale);
    for (int32_t i = 0; i <= 100; i++) {
        uint64_t count = i < 9 ? UINT64_C(1000000000000000000) : UINT64_C(100000000000000000);
        ck_assert_int_eq(cxm_acc_add_count(acc, INT32_MIN + i, count), CXM_OK);
    }
    char buf[CXM_TEXT_MAX];
    size_t len = format_acc(acc, buf);
    ck_assert_uint_eq(len, 3221);
    ck_assert_uint_lt(len + 1, CXM_TEXT_MAX);
    ck_assert(strncmp(buf,
                      "-2147483648..-2147483548/-2147483548..-2147483548/"
                      "-2147483648..-2147483549/share{-2147483648:1000000000000000000,",
                      strlen("-2147483648..-2147483548/-2147483548..-2147483548/"
                             "-2147483648..-2147483549/share{-2147483648:1000000000000000000,")) ==
              0);
    assert_acc_round_trip(acc);
    cxm_acc_free(acc);
}
END_TEST

/* ---- buffers ------------------------------------------------------------------------ */

#define FILL 0xA5

static void assert_untouched(const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_eq((unsigned char)buf[i], FILL);
    }
}

/* The two formatters under test in buffer_size_edges. */
static cxm_acc *edge_acc;
static const cxm_scale edge_scale = {sizeof(cxm_scale), -3, 3, 2, 3, -3, -2, CXM_HEADLINE_NET};

static int format_edge(int which, char *buf, size_t cap, size_t *written)
{
    return which == 0 ? cxm_acc_format(edge_acc, buf, cap, written)
                      : cxm_scale_format(&edge_scale, buf, cap, written);
}

START_TEST(buffer_size_edges)
{
    edge_acc = parse_acc("nps{0:3,6:1,9:10,10:4}", 22);
    static const char *const want[2] = {"nps{0:3,6:1,9:10,10:4}", "-3..3/2..3/-3..-2/net"};
    char buf[64];
    for (int which = 0; which < 2; which++) {
        size_t len = strlen(want[which]);
        size_t written = 777;
        /* every cap that cannot hold the text and its NUL: nothing written */
        for (size_t cap = 0; cap <= len; cap++) {
            memset(buf, FILL, sizeof buf);
            ck_assert_int_eq(format_edge(which, buf, cap, &written), CXM_ERR_SIZE);
            ck_assert_uint_eq(written, 777);
            assert_untouched(buf, sizeof buf);
        }
        ck_assert_int_eq(format_edge(which, NULL, 0, &written), CXM_ERR_SIZE);
        ck_assert_uint_eq(written, 777);
        ck_assert_int_eq(format_edge(which, NULL, len + 1, &written), CXM_ERR_NULL);
        ck_assert_int_eq(format_edge(which, buf, sizeof buf, NULL), CXM_ERR_NULL);
        assert_untouched(buf, sizeof buf);
        /* cap = len + 1: exactly the text and its NUL, nothing beyond */
        ck_assert_int_eq(format_edge(which, buf, len + 1, &written), CXM_OK);
        ck_assert_uint_eq(written, len);
        ck_assert(memcmp(buf, want[which], len + 1) == 0);
        assert_untouched(buf + len + 1, sizeof buf - len - 1);
    }
    cxm_acc_free(edge_acc);
}
END_TEST

START_TEST(null_and_size_arguments)
{
    char buf[CXM_TEXT_MAX];
    size_t written = 5;
    ck_assert_int_eq(cxm_acc_format(NULL, buf, sizeof buf, &written), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_scale_format(NULL, buf, sizeof buf, &written), CXM_ERR_NULL);

    /* cxm_scale_format validates its scale: CXM_ERR_SCALE, or CXM_ERR_SIZE for size */
    cxm_scale bad = make_scale(1, 5, 4, 5, 3, 4, CXM_HEADLINE_NET);
    memset(buf, FILL, sizeof buf);
    ck_assert_int_eq(cxm_scale_format(&bad, buf, sizeof buf, &written), CXM_ERR_SCALE);
    cxm_scale small = preset_scale(CXM_PRESET_NPS);
    small.size = 8;
    ck_assert_int_eq(cxm_scale_format(&small, buf, sizeof buf, &written), CXM_ERR_SIZE);
    assert_untouched(buf, sizeof buf);
    ck_assert_uint_eq(written, 5);

    /* parse: NULL out; NULL text with len > 0; NULL text with len 0 is just empty */
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234, *out = sentinel;
    ck_assert_int_eq(cxm_acc_parse("nps{}", 5, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_parse(NULL, 5, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_parse(NULL, 0, &out), CXM_ERR_FORMAT);
    ck_assert_ptr_eq(out, sentinel);
    cxm_scale s = preset_scale(CXM_PRESET_CES_5), before = s;
    ck_assert_int_eq(cxm_scale_parse("nps", 3, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_scale_parse(NULL, 3, &s), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_scale_parse(NULL, 0, &s), CXM_ERR_FORMAT);
    s.size = (uint32_t)(sizeof(cxm_scale) - 4);
    before.size = s.size;
    ck_assert_int_eq(cxm_scale_parse("nps", 3, &s), CXM_ERR_SIZE);
    ck_assert(memcmp(&s, &before, sizeof s) == 0);
}
END_TEST

/* A newer program's larger struct: filled, tail zeroed, nothing past size. */
typedef struct bigger_scale {
    cxm_scale known;
    int32_t future[3];
    int32_t beyond;
} bigger_scale;

START_TEST(parse_into_larger_struct)
{
    bigger_scale big;
    memset(&big, 0xAB, sizeof big);
    big.known.size = (uint32_t)offsetof(bigger_scale, beyond);
    ck_assert_int_eq(cxm_scale_parse("nps", 3, &big.known), CXM_OK);
    ck_assert_uint_eq(big.known.size, offsetof(bigger_scale, beyond));
    ck_assert_int_eq(big.known.max, 10);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(big.future[i], 0);
    }
    ck_assert_uint_eq((uint32_t)big.beyond, 0xABABABABu);
    /* and formatting reads it by the size rules */
    char buf[16];
    size_t written = 0;
    ck_assert_int_eq(cxm_scale_format(&big.known, buf, sizeof buf, &written), CXM_OK);
    ck_assert_str_eq(buf, "nps");
    big.future[1] = 1;
    ck_assert_int_eq(cxm_scale_format(&big.known, buf, sizeof buf, &written), CXM_ERR_SIZE);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, preset_scale_texts, 0, (int)N_PRESETS);
    tcase_add_loop_test(tc, preset_accumulator_round_trips, 0, (int)N_PRESETS);
    tcase_add_test(tc, aliases_parse_and_format_canonically);
    tcase_add_test(tc, worked_examples);
    tcase_add_test(tc, random_round_trips);
    tcase_add_loop_test(tc, accumulator_rejections, 0,
                        (int)(sizeof bad_accumulators / sizeof bad_accumulators[0]));
    tcase_add_loop_test(tc, scale_rejections, 0, (int)(sizeof bad_scales / sizeof bad_scales[0]));
    tcase_add_test(tc, limits_accepted);
    tcase_add_loop_test(tc, every_truncation_refused, 0,
                        (int)(sizeof valid_accumulators / sizeof valid_accumulators[0]));
    tcase_add_test(tc, every_scale_truncation);
    tcase_add_test(tc, worst_case_fits_text_max);
    tcase_add_test(tc, buffer_size_edges);
    tcase_add_test(tc, null_and_size_arguments);
    tcase_add_test(tc, parse_into_larger_struct);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(text_suite)
