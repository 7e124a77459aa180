/*
 * The portable encoding (docs/format.md): golden bytes, round trips, canonical
 * form, and refusal of everything that is not an exact valid encoding.
 *
 * Expected bytes come from docs/format.md, not from the encoder: the golden
 * vectors below were written out field by field from the layout table, and
 * their CRC-32C trailers computed with the bit-by-bit algorithm given there
 * (a throwaway Python transcription of it, independent of lib/crc32c.c). The
 * CRC check values are the standard ones (RFC 3720, appendix B.4).
 */
#include <stdio.h>
#include <string.h>

#include "cxmetrics.h"
#include "crc32c.h"
#include "internal.h"
#include "testutil.h"
#include "varint.h"

/* The largest encoding (docs/format.md, "Size"). */
#define MAX_ENCODING CXM_ENCODED_MAX

/* ---- helpers --------------------------------------------------------------- */

/* Encodes acc into buf (MAX_ENCODING bytes), checking that the size the
 * library announces is the size it writes. */
static size_t encode(const cxm_acc *acc, unsigned char *buf)
{
    size_t size = 0, written = 0;
    ck_assert_int_eq(cxm_acc_encoded_size(acc, &size), CXM_OK);
    ck_assert_uint_le(size, MAX_ENCODING);
    ck_assert_int_eq(cxm_acc_encode(acc, buf, MAX_ENCODING, &written), CXM_OK);
    ck_assert_uint_eq(written, size);
    return written;
}

/* Same scale and same counts: the whole block, as internal.h lays it out,
 * except `owned`, which says where the block lives. */
static void assert_same_acc(const cxm_acc *a, const cxm_acc *b)
{
    ck_assert(cxmi_scale_equal(&a->scale, &b->scale));
    ck_assert_int_eq(a->scale.size, b->scale.size);
    ck_assert_uint_eq(a->span, b->span);
    ck_assert_uint_eq(a->total, b->total);
    ck_assert(memcmp(a->counts, b->counts, a->span * sizeof a->counts[0]) == 0);
}

/* Encode, decode, compare, re-encode: the decoded accumulator equals the
 * original and encodes to the same bytes. */
static void assert_round_trip(const cxm_acc *acc)
{
    unsigned char bytes[MAX_ENCODING], again[MAX_ENCODING];
    size_t n = encode(acc, bytes);
    cxm_acc *back = NULL;
    ck_assert_int_eq(cxm_acc_decode(bytes, n, &back), CXM_OK);
    ck_assert_ptr_nonnull(back);
    assert_same_acc(acc, back);
    ck_assert_uint_eq(back->owned, 1);
    ck_assert_uint_eq(encode(back, again), n);
    ck_assert(memcmp(bytes, again, n) == 0);
    cxm_acc_free(back);
}

/* Decoding must fail with CXM_ERR_FORMAT and leave *out alone. */
static void assert_refused(const unsigned char *bytes, size_t len, const char *what)
{
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234;
    cxm_acc *out = sentinel;
    int status = cxm_acc_decode(bytes, len, &out);
    ck_assert_msg(status == CXM_ERR_FORMAT, "%s: decode returned %d, expected CXM_ERR_FORMAT", what,
                  status);
    ck_assert_ptr_eq(out, sentinel);
}

/* ---- golden encodings (docs/format.md, "Worked example") ------------------- */

/* NPS: ten 0s, thirty 7s, three hundred 10s. */
static const unsigned char golden_nps[] = {
    0x43, 0x58, 0x4D, 0x41,                         /* magic "CXMA" */
    0x01,                                           /* version 1 */
    0x00, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, /* min 0, max 10 */
    0x09, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, /* positive 9-10 */
    0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, /* negative 0-6 */
    0x02,                                           /* headline net */
    0x03,                                           /* k = 3 */
    0x00, 0x0A,                                     /* gap 0: index 0, count 10 */
    0x06, 0x1E,                                     /* gap 6: index 7, count 30 */
    0x02, 0xAC, 0x02,                               /* gap 2: index 10, count 300 */
    0x00, 0x8F, 0x0F, 0xE9,                         /* CRC-32C 0xE90F8F00 */
};

/* An empty CSAT_5 accumulator: the smallest encoding. */
static const unsigned char golden_empty_csat5[] =
    {
        0x43, 0x58, 0x4D, 0x41, 0x01, 0x01, 0x00, 0x00, 0x00, 0x05,
        0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, /* headline positive share */
        0x00,                                                       /* k = 0 */
        0x5A, 0xB0, 0xF0, 0x25,                                     /* CRC-32C 0x25F0B05A */
};

/* Scale -3..3 (positive 1..3, negative -3..-1, mean), 2^62 ratings of -3 and
 * 2^64 - 1 - 2^62 ratings of 3: negative fields, 9- and 10-byte varints, the
 * largest total. */
static const unsigned char golden_negative_huge[] = {
    0x43, 0x58, 0x4D, 0x41, 0x01, 0xFD, 0xFF, 0xFF, 0xFF,             /* min -3 */
    0x03, 0x00, 0x00, 0x00,                                           /* max 3 */
    0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,                   /* positive 1-3 */
    0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,                   /* negative -3..-1 */
    0x03,                                                             /* headline mean */
    0x02,                                                             /* k = 2 */
    0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40,       /* gap 0, 2^62 */
    0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xBF, 0x01, /* gap 5, 0xBFFF...F */
    0xE4, 0x6A, 0xB8, 0xE8,                                           /* CRC-32C 0xE8B86AE4 */
};

static cxm_acc *golden_nps_acc(void)
{
    cxm_scale s = preset_scale(CXM_PRESET_NPS);
    cxm_acc *acc = new_scale_acc(&s);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, 10), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 7, 30), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 10, 300), CXM_OK);
    return acc;
}

static cxm_acc *golden_negative_huge_acc(void)
{
    cxm_scale s = make_scale(-3, 3, 1, 3, -3, -1, CXM_HEADLINE_MEAN);
    cxm_acc *acc = new_scale_acc(&s);
    ck_assert_int_eq(cxm_acc_add_count(acc, -3, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 3, UINT64_MAX - (UINT64_C(1) << 62)), CXM_OK);
    return acc;
}

static void assert_encodes_to(const cxm_acc *acc, const unsigned char *want, size_t want_len)
{
    unsigned char bytes[MAX_ENCODING];
    size_t n = encode(acc, bytes);
    ck_assert_uint_eq(n, want_len);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(bytes[i] == want[i], "byte %zu is %02X, expected %02X", i, bytes[i], want[i]);
    }
}

START_TEST(golden_encodings)
{
    cxm_acc *nps = golden_nps_acc();
    assert_encodes_to(nps, golden_nps, sizeof golden_nps);
    cxm_scale s = preset_scale(CXM_PRESET_CSAT_5);
    cxm_acc *empty = new_scale_acc(&s);
    assert_encodes_to(empty, golden_empty_csat5, sizeof golden_empty_csat5);
    cxm_acc *huge = golden_negative_huge_acc();
    assert_encodes_to(huge, golden_negative_huge, sizeof golden_negative_huge);
    cxm_acc_free(nps);
    cxm_acc_free(empty);
    cxm_acc_free(huge);
}
END_TEST

START_TEST(golden_decodings)
{
    cxm_acc *got = NULL;
    ck_assert_int_eq(cxm_acc_decode(golden_nps, sizeof golden_nps, &got), CXM_OK);
    cxm_scale scale = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_acc_scale(got, &scale), CXM_OK);
    ck_assert_int_eq(scale.min, 0);
    ck_assert_int_eq(scale.max, 10);
    ck_assert_int_eq(scale.positive_min, 9);
    ck_assert_int_eq(scale.positive_max, 10);
    ck_assert_int_eq(scale.negative_min, 0);
    ck_assert_int_eq(scale.negative_max, 6);
    ck_assert_int_eq(scale.headline, CXM_HEADLINE_NET);
    uint64_t counts[11];
    const uint64_t want[11] = {10, 0, 0, 0, 0, 0, 0, 30, 0, 0, 300};
    ck_assert_int_eq(cxm_acc_counts(got, counts, 11), CXM_OK);
    ck_assert(memcmp(counts, want, sizeof want) == 0);
    uint64_t total = 0;
    ck_assert_int_eq(cxm_acc_total(got, &total), CXM_OK);
    ck_assert_uint_eq(total, 340);
    /* A decoded accumulator is an ordinary heap one: it records and frees. */
    ck_assert_int_eq(cxm_acc_add(got, 8), CXM_OK);
    cxm_acc_free(got);

    got = NULL;
    ck_assert_int_eq(cxm_acc_decode(golden_negative_huge, sizeof golden_negative_huge, &got),
                     CXM_OK);
    ck_assert_int_eq(cxm_acc_total(got, &total), CXM_OK);
    ck_assert_uint_eq(total, UINT64_MAX);
    uint64_t c = 0;
    ck_assert_int_eq(cxm_acc_count(got, -3, &c), CXM_OK);
    ck_assert_uint_eq(c, UINT64_C(1) << 62);
    ck_assert_int_eq(cxm_acc_add(got, 0), CXM_ERR_OVERFLOW);
    cxm_acc_free(got);
}
END_TEST

/* ---- the building blocks ------------------------------------------------------ */

START_TEST(crc32c_check_values)
{
    /* The catalogue check value of CRC-32C, and RFC 3720 appendix B.4. */
    ck_assert_uint_eq(cxmi_crc32c("123456789", 9), 0xE3069283u);
    ck_assert_uint_eq(cxmi_crc32c(NULL, 0), 0x00000000u);
    unsigned char block[32];
    memset(block, 0, sizeof block);
    ck_assert_uint_eq(cxmi_crc32c(block, 32), 0x8A9136AAu);
    memset(block, 0xFF, sizeof block);
    ck_assert_uint_eq(cxmi_crc32c(block, 32), 0x62A8AB43u);
    for (int i = 0; i < 32; i++) {
        block[i] = (unsigned char)i;
    }
    ck_assert_uint_eq(cxmi_crc32c(block, 32), 0x46DD794Eu);
    for (int i = 0; i < 32; i++) {
        block[i] = (unsigned char)(31 - i);
    }
    ck_assert_uint_eq(cxmi_crc32c(block, 32), 0x113FDB5Cu);
}
END_TEST

START_TEST(varint_values)
{
    /* docs/format.md, "varint" */
    static const struct {
        uint64_t value;
        size_t len;
        unsigned char bytes[10];
    } cases[] = {
        {0, 1, {0x00}},
        {1, 1, {0x01}},
        {127, 1, {0x7F}},
        {128, 2, {0x80, 0x01}},
        {300, 2, {0xAC, 0x02}},
        {16383, 2, {0xFF, 0x7F}},
        {16384, 3, {0x80, 0x80, 0x01}},
        {UINT64_C(1) << 62, 9, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40}},
        {UINT64_C(1) << 63, 10, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}},
        {UINT64_MAX, 10, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char buf[CXMI_VARINT_MAX + 1];
        memset(buf, 0xEE, sizeof buf);
        ck_assert_uint_eq(cxmi_varint_size(cases[i].value), cases[i].len);
        ck_assert_uint_eq(cxmi_varint_put(buf, cases[i].value), cases[i].len);
        ck_assert(memcmp(buf, cases[i].bytes, cases[i].len) == 0);
        ck_assert_uint_eq(buf[cases[i].len], 0xEE);
        uint64_t v = 0;
        ck_assert_uint_eq(cxmi_varint_get(cases[i].bytes, cases[i].len, &v), cases[i].len);
        ck_assert_uint_eq(v, cases[i].value);
        /* every truncation is refused, *v untouched */
        for (size_t cut = 0; cut < cases[i].len; cut++) {
            v = 42;
            ck_assert_uint_eq(cxmi_varint_get(cases[i].bytes, cut, &v), 0);
            ck_assert_uint_eq(v, 42);
        }
    }
}
END_TEST

START_TEST(varint_non_canonical)
{
    static const struct {
        size_t len;
        unsigned char bytes[11];
    } bad[] = {
        {2, {0x80, 0x00}},       /* 0, overlong */
        {2, {0xFF, 0x00}},       /* 127, overlong */
        {3, {0xAC, 0x82, 0x00}}, /* 300, overlong */
        {10, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}},
        {10, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}}, /* 65 bits */
        {10, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}},
        {11, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x00}}, /* 11 bytes */
        {11, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint64_t v = 42;
        ck_assert_msg(cxmi_varint_get(bad[i].bytes, bad[i].len, &v) == 0, "case %zu accepted", i);
        ck_assert_uint_eq(v, 42);
    }
}
END_TEST

/* ---- round trips -------------------------------------------------------------- */

START_TEST(round_trip_every_preset)
{
    uint64_t rng = 20240601;
    for (int p = CXM_PRESET_CSAT_5; p <= CXM_PRESET_NET_EASY_7; p++) {
        cxm_scale s = preset_scale(p);
        cxm_acc *acc = new_scale_acc(&s);
        assert_round_trip(acc); /* empty */
        for (int32_t r = s.min; r <= s.max; r++) {
            ck_assert_int_eq(cxm_acc_add_count(acc, r, next_random(&rng) % 100000), CXM_OK);
        }
        assert_round_trip(acc);
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(round_trip_shapes)
{
    /* a 101-value scale, sparse, dense, single bucket at either end, huge */
    cxm_scale wide = make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_NET);
    cxm_acc *acc = new_scale_acc(&wide);
    assert_round_trip(acc);
    ck_assert_int_eq(cxm_acc_add(acc, 0), CXM_OK);
    assert_round_trip(acc);
    ck_assert_int_eq(cxm_acc_add(acc, 100), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 57, 1000000007), CXM_OK);
    assert_round_trip(acc); /* sparse */
    for (int32_t r = 0; r <= 100; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, (uint64_t)r * 131 + 1), CXM_OK);
    }
    assert_round_trip(acc); /* dense */
    ck_assert_int_eq(cxm_acc_reset(acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 50, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 99, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(acc, 1, UINT64_MAX - (UINT64_C(1) << 63)), CXM_OK);
    assert_round_trip(acc); /* total UINT64_MAX */
    cxm_acc_free(acc);
}
END_TEST

START_TEST(round_trip_negative_and_extreme_scales)
{
    const cxm_scale scales[] = {
        make_scale(-5, 5, 3, 5, -5, -3, CXM_HEADLINE_MEAN),
        make_scale(-100, 0, -10, 0, -100, -50, CXM_HEADLINE_POSITIVE_SHARE),
        make_scale(INT32_MIN, INT32_MIN + 100, INT32_MIN + 90, INT32_MIN + 100, INT32_MIN,
                   INT32_MIN + 10, CXM_HEADLINE_NET),
        make_scale(INT32_MAX - 100, INT32_MAX, INT32_MAX - 100, INT32_MAX - 50, INT32_MAX,
                   INT32_MAX, CXM_HEADLINE_MEAN),
        make_scale(-1, 0, 0, 0, -1, -1, CXM_HEADLINE_POSITIVE_SHARE),
    };
    uint64_t rng = 7;
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        cxm_acc *acc = new_scale_acc(&scales[i]);
        assert_round_trip(acc);
        ck_assert_int_eq(cxm_acc_add(acc, scales[i].min), CXM_OK);
        ck_assert_int_eq(cxm_acc_add(acc, scales[i].max), CXM_OK);
        assert_round_trip(acc);
        for (int k = 0; k < 20; k++) {
            uint32_t span = (uint32_t)((int64_t)scales[i].max - scales[i].min + 1);
            int32_t r = (int32_t)((int64_t)scales[i].min + (int64_t)(next_random(&rng) % span));
            ck_assert_int_eq(cxm_acc_add_count(acc, r, next_random(&rng) >> 8), CXM_OK);
        }
        assert_round_trip(acc);
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(round_trip_random_histograms)
{
    /* Random scales and random sparse or dense counts of every magnitude. */
    uint64_t seed = 99;
    uint64_t rng = seed;
    for (int iter = 0; iter < 500; iter++) {
        uint32_t span = 2 + (uint32_t)(next_random(&rng) % 100);
        int32_t min = (int32_t)(int64_t)(next_random(&rng) % 2001) - 1000;
        int32_t max = min + (int32_t)span - 1;
        cxm_scale s =
            make_scale(min, max, max, max, min, min, 1 + (int32_t)(next_random(&rng) % 3));
        cxm_acc *acc = new_scale_acc(&s);
        uint64_t fill = next_random(&rng) % 4; /* 0: empty .. 3: dense */
        for (uint32_t i = 0; i < span; i++) {
            if (next_random(&rng) % 4 < fill) {
                unsigned bits = (unsigned)(next_random(&rng) % 57);
                uint64_t c = next_random(&rng) >> (63 - bits) >> 1;
                ck_assert_msg(cxm_acc_add_count(acc, min + (int32_t)i, c) == CXM_OK,
                              "seed %llu iter %d", (unsigned long long)seed, iter);
            }
        }
        assert_round_trip(acc);
        cxm_acc_free(acc);
    }
}
END_TEST

START_TEST(caller_memory_encodes_like_heap)
{
    cxm_scale s = preset_scale(CXM_PRESET_NPS);
    _Alignas(max_align_t) unsigned char mem[1024];
    cxm_acc *placed = NULL;
    ck_assert_int_eq(cxm_acc_init(mem, sizeof mem, &s, &placed), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(placed, 0, 10), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(placed, 7, 30), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(placed, 10, 300), CXM_OK);
    assert_encodes_to(placed, golden_nps, sizeof golden_nps);
    assert_round_trip(placed);
}
END_TEST

/* ---- canonical form -------------------------------------------------------------- */

START_TEST(equal_accumulators_encode_identically)
{
    cxm_scale s = preset_scale(CXM_PRESET_CSAT_10);
    cxm_acc *a = new_scale_acc(&s), *b = new_scale_acc(&s), *c = new_scale_acc(&s);
    /* a: one at a time, in order; b: counts, reversed; c: merged and then
     * corrected, with a bucket that was nonzero and returned to zero. */
    for (int32_t r = 1; r <= 10; r += 3) {
        for (int k = 0; k < r * 50; k++) {
            ck_assert_int_eq(cxm_acc_add(a, r), CXM_OK);
        }
    }
    for (int32_t r = 10; r >= 1; r--) {
        if ((r - 1) % 3 == 0) {
            ck_assert_int_eq(cxm_acc_add_count(b, r, (uint64_t)r * 50), CXM_OK);
        }
    }
    ck_assert_int_eq(cxm_acc_merge(c, b), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(c, 5, 77), CXM_OK);
    ck_assert_int_eq(cxm_acc_remove_count(c, 5, 77), CXM_OK);

    unsigned char ea[MAX_ENCODING], eb[MAX_ENCODING], ec[MAX_ENCODING];
    size_t na = encode(a, ea), nb = encode(b, eb), nc = encode(c, ec);
    ck_assert_uint_eq(na, nb);
    ck_assert_uint_eq(na, nc);
    ck_assert(memcmp(ea, eb, na) == 0);
    ck_assert(memcmp(ea, ec, na) == 0);
    cxm_acc_free(a);
    cxm_acc_free(b);
    cxm_acc_free(c);
}
END_TEST

START_TEST(scales_differing_in_one_field_encode_differently)
{
    cxm_scale base = preset_scale(CXM_PRESET_CSAT_5);
    cxm_acc *acc = new_scale_acc(&base);
    unsigned char e0[MAX_ENCODING], e1[MAX_ENCODING];
    size_t n0 = encode(acc, e0);
    cxm_acc_free(acc);
    cxm_scale other = base;
    other.positive_min = 5; /* CSAT top-1-box */
    acc = new_scale_acc(&other);
    size_t n1 = encode(acc, e1);
    cxm_acc_free(acc);
    ck_assert_uint_eq(n0, n1);
    ck_assert(memcmp(e0, e1, n0) != 0);
}
END_TEST

/* ---- encode: sizes, buffers, errors --------------------------------------------- */

START_TEST(encode_too_small_writes_nothing)
{
    cxm_acc *acc = golden_nps_acc();
    size_t size = 0;
    ck_assert_int_eq(cxm_acc_encoded_size(acc, &size), CXM_OK);
    ck_assert_uint_eq(size, sizeof golden_nps);
    unsigned char before[MAX_ENCODING];
    memcpy(before, acc, cxmi_acc_bytes(acc->span));
    for (size_t cap = 0; cap < size; cap++) {
        unsigned char buf[MAX_ENCODING];
        memset(buf, 0xA5, sizeof buf);
        size_t written = 12345;
        ck_assert_int_eq(cxm_acc_encode(acc, buf, cap, &written), CXM_ERR_SIZE);
        ck_assert_uint_eq(written, 12345);
        for (size_t i = 0; i < sizeof buf; i++) {
            ck_assert_msg(buf[i] == 0xA5, "cap %zu: byte %zu written", cap, i);
        }
    }
    /* exactly enough, and more than enough: the bytes after are untouched */
    unsigned char buf[MAX_ENCODING];
    memset(buf, 0xA5, sizeof buf);
    size_t written = 0;
    ck_assert_int_eq(cxm_acc_encode(acc, buf, size, &written), CXM_OK);
    ck_assert_uint_eq(written, size);
    ck_assert(memcmp(buf, golden_nps, size) == 0);
    ck_assert_uint_eq(buf[size], 0xA5);
    ck_assert(memcmp(before, acc, cxmi_acc_bytes(acc->span)) == 0);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(encode_null_arguments)
{
    cxm_acc *acc = golden_nps_acc();
    unsigned char before[MAX_ENCODING];
    memcpy(before, acc, cxmi_acc_bytes(acc->span));
    unsigned char buf[MAX_ENCODING];
    memset(buf, 0xA5, sizeof buf);
    size_t written = 12345, size = 12345;

    ck_assert_int_eq(cxm_acc_encoded_size(NULL, &size), CXM_ERR_NULL);
    ck_assert_uint_eq(size, 12345);
    ck_assert_int_eq(cxm_acc_encoded_size(acc, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_encode(NULL, buf, sizeof buf, &written), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_encode(acc, buf, sizeof buf, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_encode(acc, NULL, sizeof buf, &written), CXM_ERR_NULL);
    /* NULL with cap 0 is a legitimate "how big?" probe: too small. */
    ck_assert_int_eq(cxm_acc_encode(acc, NULL, 0, &written), CXM_ERR_SIZE);
    ck_assert_uint_eq(written, 12345);
    for (size_t i = 0; i < sizeof buf; i++) {
        ck_assert_uint_eq(buf[i], 0xA5);
    }
    ck_assert(memcmp(before, acc, cxmi_acc_bytes(acc->span)) == 0);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(encoded_size_bounds)
{
    /* 35 bytes empty (docs/format.md); every scale and count fits in
     * CXM_ENCODED_MAX (encoded_max_is_reached). */
    cxm_scale wide = make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_NET);
    cxm_acc *acc = new_scale_acc(&wide);
    size_t size = 0;
    ck_assert_int_eq(cxm_acc_encoded_size(acc, &size), CXM_OK);
    ck_assert_uint_eq(size, 35);
    /* the largest real encoding: every bucket as large as the total allows */
    uint64_t each = UINT64_MAX / 101;
    for (int32_t r = 0; r <= 100; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, each), CXM_OK);
    }
    ck_assert_int_eq(cxm_acc_encoded_size(acc, &size), CXM_OK);
    /* each < 2^63 takes 9 bytes: 30 + 1 + 101 * (1 + 9) + 4 */
    ck_assert_uint_eq(size, 1045);
    assert_round_trip(acc);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(encoded_max_is_reached)
{
    /* docs/format.md, "Size", by hand: a count of 2^63 or more takes 10
     * varint bytes, and only one count can be that large (two would sum past
     * 2^64 - 1). A 9-byte count needs 2^56, and 2^63 + 100 * 2^56 = 228 * 2^56
     * < 2^64, so all other 100 fit: 30 + 1 + 101 gaps + 10 + 100 * 9 + 4 = 1046. */
    ck_assert_int_eq(CXM_ENCODED_MAX, 1046);
    cxm_scale wide = make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_NET);
    cxm_acc *acc = new_scale_acc(&wide);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, UINT64_C(1) << 63), CXM_OK);
    for (int32_t r = 1; r <= 100; r++) {
        ck_assert_int_eq(cxm_acc_add_count(acc, r, UINT64_C(1) << 56), CXM_OK);
    }
    size_t size = 0;
    ck_assert_int_eq(cxm_acc_encoded_size(acc, &size), CXM_OK);
    ck_assert_uint_eq(size, CXM_ENCODED_MAX);
    assert_round_trip(acc);
    /* One more byte would need a second 10-byte count: the total refuses it. */
    ck_assert_int_eq(cxm_acc_add_count(acc, 1, (UINT64_C(1) << 63) - (UINT64_C(1) << 56)),
                     CXM_ERR_OVERFLOW);
    cxm_acc_free(acc);
}
END_TEST

/* ---- decode: refusals --------------------------------------------------------------- */

START_TEST(decode_null_arguments)
{
    cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234;
    cxm_acc *out = sentinel;
    ck_assert_int_eq(cxm_acc_decode(golden_nps, sizeof golden_nps, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_acc_decode(NULL, sizeof golden_nps, &out), CXM_ERR_NULL);
    ck_assert_ptr_eq(out, sentinel);
    ck_assert_int_eq(cxm_acc_decode(NULL, 0, &out), CXM_ERR_FORMAT);
    ck_assert_ptr_eq(out, sentinel);
    ck_assert_int_eq(cxm_acc_decode(golden_nps, 0, &out), CXM_ERR_FORMAT);
    ck_assert_ptr_eq(out, sentinel);
}
END_TEST

START_TEST(every_truncation_refused)
{
    const unsigned char *vectors[] = {golden_nps, golden_empty_csat5, golden_negative_huge};
    const size_t lens[] = {sizeof golden_nps, sizeof golden_empty_csat5,
                           sizeof golden_negative_huge};
    for (size_t v = 0; v < 3; v++) {
        for (size_t len = 0; len < lens[v]; len++) {
            /* a copy of exactly len bytes, so that ASan sees any over-read */
            unsigned char *copy = malloc(len + 1);
            memcpy(copy, vectors[v], len);
            char what[64];
            snprintf(what, sizeof what, "vector %zu cut to %zu", v, len);
            assert_refused(copy, len, what);
            free(copy);
        }
    }
}
END_TEST

START_TEST(trailing_bytes_refused)
{
    unsigned char bytes[sizeof golden_nps + 4];
    memcpy(bytes, golden_nps, sizeof golden_nps);
    for (size_t extra = 1; extra <= 4; extra++) {
        memset(bytes + sizeof golden_nps, 0, extra);
        assert_refused(bytes, sizeof golden_nps + extra, "trailing zeros");
    }
}
END_TEST

START_TEST(every_bit_flip_refused)
{
    const unsigned char *vectors[] = {golden_nps, golden_empty_csat5, golden_negative_huge};
    const size_t lens[] = {sizeof golden_nps, sizeof golden_empty_csat5,
                           sizeof golden_negative_huge};
    for (size_t v = 0; v < 3; v++) {
        unsigned char bytes[MAX_ENCODING];
        for (size_t bit = 0; bit < 8 * lens[v]; bit++) {
            memcpy(bytes, vectors[v], lens[v]);
            bytes[bit / 8] ^= (unsigned char)(1u << (bit % 8));
            char what[64];
            snprintf(what, sizeof what, "vector %zu bit %zu flipped", v, bit);
            assert_refused(bytes, lens[v], what);
        }
    }
}
END_TEST

/* Edits golden_nps (its body, bytes 0-37), fixes the checksum, and expects a
 * refusal: the structural checks must hold on their own, not only through the
 * CRC. */
static void assert_edit_refused(size_t at, size_t remove, const unsigned char *insert,
                                size_t insert_len, const char *what)
{
    unsigned char bytes[MAX_ENCODING];
    size_t len = edited_encoding(bytes, sizeof bytes, golden_nps, sizeof golden_nps, at, remove,
                                 insert, insert_len);
    assert_refused(bytes, len, what);
}

#define EDIT(at, remove, what, ...)                                                                \
    do {                                                                                           \
        const unsigned char ins_[] = {__VA_ARGS__};                                                \
        assert_edit_refused(at, remove, ins_, sizeof ins_, what);                                  \
    } while (0)

START_TEST(structural_errors_refused_with_valid_checksum)
{
    /* Sanity: the unedited body with a recomputed CRC is accepted. */
    unsigned char ok[sizeof golden_nps];
    memcpy(ok, golden_nps, sizeof ok);
    put_crc(ok, sizeof ok);
    ck_assert(memcmp(ok, golden_nps, sizeof ok) == 0);

    EDIT(0, 1, "wrong magic", 'c');
    EDIT(3, 1, "wrong magic", 'B');
    EDIT(4, 1, "version 0", 0x00);
    EDIT(4, 1, "newer version 2", 0x02);
    EDIT(4, 1, "version 255", 0xFF);
    EDIT(5, 4, "min > max", 0x0B, 0x00, 0x00, 0x00);
    EDIT(9, 4, "span 102", 0x65, 0x00, 0x00, 0x00);
    EDIT(9, 4, "max = INT32_MIN", 0x00, 0x00, 0x00, 0x80);
    EDIT(13, 4, "positive band empty", 0x0B, 0x00, 0x00, 0x00);
    EDIT(17, 4, "positive band outside", 0x0B, 0x00, 0x00, 0x00);
    EDIT(21, 4, "bands overlap", 0x09, 0x00, 0x00, 0x00);
    EDIT(25, 4, "negative band reaches positive", 0x09, 0x00, 0x00, 0x00);
    EDIT(29, 1, "headline 0", 0x00);
    EDIT(29, 1, "headline 4", 0x04);
    EDIT(30, 1, "k too large for the entries", 0x04);
    EDIT(30, 1, "k too small for the entries", 0x02);
    EDIT(30, 1, "k > span", 0x0C);
    EDIT(30, 1, "k overlong", 0x83, 0x00);
    EDIT(31, 1, "gap overlong", 0x80, 0x00);
    EDIT(32, 1, "count overlong", 0x8A, 0x00);
    EDIT(32, 1, "count zero", 0x00);
    EDIT(35, 1, "gap past the scale", 0x03);
    EDIT(33, 1, "gap past the scale", 0x0A);
    EDIT(36, 2, "count over 64 bits", 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02);
    EDIT(36, 2, "count with 11 bytes", 0xAC, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
         0x00);
    EDIT(36, 2, "sum over 64 bits", 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    EDIT(38, 0, "a byte left over before the checksum", 0x00);
    EDIT(37, 1, "last varint cut", 0x82);
}
END_TEST

START_TEST(random_garbage_refused)
{
    uint64_t seed = 12345;
    uint64_t rng = seed;
    unsigned char bytes[2 * MAX_ENCODING];
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = (size_t)(next_random(&rng) % sizeof bytes);
        for (size_t i = 0; i < len; i++) {
            bytes[i] = (unsigned char)next_random(&rng);
        }
        /* Half the time, a valid header and checksum around the garbage, so
         * that it reaches the count parser. */
        if (iter % 2 == 1 && len >= 35) {
            memcpy(bytes, golden_nps, 30);
            put_crc(bytes, len);
        }
        cxm_acc *out = NULL;
        int status = cxm_acc_decode(bytes, len, &out);
        if (status == CXM_OK) {
            /* Not impossible with a valid header: then it must be canonical. */
            unsigned char again[MAX_ENCODING];
            size_t n = encode(out, again);
            ck_assert_msg(n == len && memcmp(again, bytes, len) == 0,
                          "seed %llu iter %d: accepted a non-canonical encoding",
                          (unsigned long long)seed, iter);
            cxm_acc_free(out);
        } else {
            ck_assert_msg(status == CXM_ERR_FORMAT, "seed %llu iter %d: status %d",
                          (unsigned long long)seed, iter, status);
            ck_assert_ptr_null(out);
        }
    }
}
END_TEST

static Suite *codec_suite(void)
{
    Suite *s = suite_create("codec");
    TCase *blocks = tcase_create("blocks");
    tcase_add_test(blocks, crc32c_check_values);
    tcase_add_test(blocks, varint_values);
    tcase_add_test(blocks, varint_non_canonical);
    suite_add_tcase(s, blocks);

    TCase *encoding = tcase_create("encoding");
    tcase_add_test(encoding, golden_encodings);
    tcase_add_test(encoding, golden_decodings);
    tcase_add_test(encoding, round_trip_every_preset);
    tcase_add_test(encoding, round_trip_shapes);
    tcase_add_test(encoding, round_trip_negative_and_extreme_scales);
    tcase_add_test(encoding, round_trip_random_histograms);
    tcase_add_test(encoding, caller_memory_encodes_like_heap);
    tcase_add_test(encoding, equal_accumulators_encode_identically);
    tcase_add_test(encoding, scales_differing_in_one_field_encode_differently);
    tcase_add_test(encoding, encode_too_small_writes_nothing);
    tcase_add_test(encoding, encode_null_arguments);
    tcase_add_test(encoding, encoded_size_bounds);
    tcase_add_test(encoding, encoded_max_is_reached);
    suite_add_tcase(s, encoding);

    TCase *refusals = tcase_create("refusals");
    tcase_add_test(refusals, decode_null_arguments);
    tcase_add_test(refusals, every_truncation_refused);
    tcase_add_test(refusals, trailing_bytes_refused);
    tcase_add_test(refusals, every_bit_flip_refused);
    tcase_add_test(refusals, structural_errors_refused_with_valid_checksum);
    tcase_add_test(refusals, random_garbage_refused);
    suite_add_tcase(s, refusals);
    return s;
}

CXM_TEST_MAIN(codec_suite)
