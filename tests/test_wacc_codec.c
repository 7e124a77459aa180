/* The weighted accumulator's encoding (lib/wacc_codec.c, docs/format.md,
 * "Weighted accumulators"): golden bytes, the largest encoding, round trips,
 * canonical form, and refusal of everything that is not one exact valid
 * encoding, the other kinds' encodings included.
 *
 * The golden bytes were written out field by field from the layout table of
 * docs/format.md, their CRC-32C computed with the bit-by-bit algorithm given
 * there (a throwaway Python transcription, independent of lib/crc32c.c). */
#include <stdio.h>

#include "testutil.h"
#include "varint.h"
#include "wide.h"

#define M UINT32_MAX

/* docs/format.md's worked example, nps[6:1/40/1600,9:2/150/12500]. */
static const unsigned char worked[] = {
    0x43, 0x58, 0x4D, 0x57, 0x01, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00,
    0x00, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x02, 0x02, 0x06,
    0x01, 0x02, 0x02, 0x28, 0x00, 0xC0, 0x0C, 0x96, 0x01, 0x00, 0xD4, 0x61, 0x92, 0xB0, 0x2E, 0x19};
static const char worked_text[] = "nps[6:1/40/1600,9:2/150/12500]";

/* An empty CSAT 5-point weighted accumulator: the smallest encoding. */
static const unsigned char empty_csat5[] = {0x43, 0x58, 0x4D, 0x57, 0x01, 0x01, 0x00, 0x00, 0x00,
                                            0x05, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x05,
                                            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,
                                            0x00, 0x00, 0x01, 0x00, 0xDB, 0xF8, 0x5A, 0xE2};

static cxm_wacc *parse_text(const char *text)
{
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_parse(text, strlen(text), &w), CXM_OK);
    return w;
}

/* Encodes w into buf (CXM_WACC_ENCODED_MAX bytes), checking that the size
 * announced is the size written. */
static size_t encode(const cxm_wacc *w, unsigned char *buf)
{
    size_t size = 0, written = 0;
    ck_assert_int_eq(cxm_wacc_encoded_size(w, &size), CXM_OK);
    ck_assert_uint_le(size, CXM_WACC_ENCODED_MAX);
    ck_assert_int_eq(cxm_wacc_encode(w, buf, CXM_WACC_ENCODED_MAX, &written), CXM_OK);
    ck_assert_uint_eq(written, size);
    return written;
}

/* Same scale and sums: the whole block but `owned`, where it lives. */
static void assert_same(const cxm_wacc *a, const cxm_wacc *b)
{
    ck_assert(cxmi_scale_equal(&a->scale, &b->scale));
    ck_assert_uint_eq(a->span, b->span);
    ck_assert_uint_eq(a->weight, b->weight);
    ck_assert(memcmp(a->cells, b->cells, a->span * sizeof a->cells[0]) == 0);
}

static void assert_round_trip(const cxm_wacc *w)
{
    static unsigned char bytes[CXM_WACC_ENCODED_MAX], again[CXM_WACC_ENCODED_MAX];
    size_t n = encode(w, bytes);
    cxm_wacc *back = NULL;
    ck_assert_int_eq(cxm_wacc_decode(bytes, n, &back), CXM_OK);
    assert_same(w, back);
    ck_assert_uint_eq(back->owned, 1);
    ck_assert_uint_eq(encode(back, again), n);
    ck_assert_mem_eq(bytes, again, n);
    cxm_wacc_free(back);
}

static void assert_refused(const unsigned char *bytes, size_t len)
{
    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *out = sentinel;
    ck_assert_int_eq(cxm_wacc_decode(bytes, len, &out), CXM_ERR_FORMAT);
    ck_assert_ptr_eq(out, sentinel);
}

START_TEST(golden_bytes)
{
    cxm_wacc *w = parse_text(worked_text);
    unsigned char bytes[CXM_WACC_ENCODED_MAX];
    ck_assert_uint_eq(encode(w, bytes), sizeof worked);
    ck_assert_mem_eq(bytes, worked, sizeof worked);
    cxm_wacc *back = NULL;
    ck_assert_int_eq(cxm_wacc_decode(worked, sizeof worked, &back), CXM_OK);
    assert_same(w, back);
    cxm_wacc_free(back);
    cxm_wacc_free(w);

    w = new_preset_wacc(CXM_PRESET_CSAT_5);
    ck_assert_uint_eq(encode(w, bytes), sizeof empty_csat5);
    ck_assert_mem_eq(bytes, empty_csat5, sizeof empty_csat5);
    ck_assert_int_eq(cxm_wacc_decode(empty_csat5, sizeof empty_csat5, &back), CXM_OK);
    assert_same(w, back);
    cxm_wacc_free(back);
    cxm_wacc_free(w);
}
END_TEST

/* docs/format.md, "Size": 10 ratings with c = W = 2^60 + 2^28 + 1 and Q = W
 * (2^32 - 1), whose high word 2^28 takes 5 bytes and low word 10; 91 with c =
 * W = 2^56 and Q = W (2^32 - 1) (high 2^24 - 1, 4 bytes; low 10). */
START_TEST(encoded_max_is_reached)
{
    cxm_scale widest = make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_NET);
    cxmi_cell cells[101];
    const uint64_t big = UINT64_C(1152921507022766081), small = UINT64_C(1) << 56;
    for (int i = 0; i < 101; i++) {
        uint64_t w = i < 10 ? big : small;
        cxmi_wide q = cxmi_wide_mul(w, M);
        cxmi_cell cell = {w, w, q.w[1], q.w[0]};
        ck_assert(cxmi_cell_valid(cell));
        cells[i] = cell;
    }
    ck_assert_uint_eq(cells[0].squares_high, UINT64_C(1) << 28);
    ck_assert_uint_ge(cells[0].squares_low, UINT64_C(1) << 63);
    uint64_t weight;
    ck_assert(cxmi_cells_valid(cells, 101, &weight));
    cxm_wacc *w = cxmi_wacc_alloc_cells(&widest, cells, weight);
    ck_assert_ptr_nonnull(w);
    size_t size;
    ck_assert_int_eq(cxm_wacc_encoded_size(w, &size), CXM_OK);
    ck_assert_uint_eq(size, CXM_WACC_ENCODED_MAX);
    assert_round_trip(w);
    /* An eleventh large rating in place of a small one no longer fits. */
    ck_assert_uint_lt(UINT64_MAX - weight, big - small);
    cxm_wacc_free(w);
}
END_TEST

/* A random state on a random scale, built by adds. */
static cxm_wacc *random_wacc(uint64_t *seed)
{
    int32_t min = (int32_t)(next_random(seed) % 2001) - 1000;
    if (next_random(seed) % 4 == 0) {
        min = next_random(seed) % 2 ? INT32_MIN : INT32_MAX - 100;
    }
    int32_t span = 2 + (int32_t)(next_random(seed) % 100);
    cxm_scale scale = make_scale(min, min + span - 1, min + span - 1, min + span - 1, min, min,
                                 1 + (int32_t)(next_random(seed) % 3));
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_new(&scale, &w), CXM_OK);
    int n = (int)(next_random(seed) % 300);
    for (int i = 0; i < n; i++) {
        int32_t r = min + (int32_t)(next_random(seed) % (uint64_t)span);
        uint64_t x = next_random(seed);
        uint32_t weight = x % 3 == 0 ? M - (uint32_t)(x % 7) : 1 + (uint32_t)((x >> 8) % 10000);
        ck_assert_int_eq(cxm_wacc_add(w, r, weight), CXM_OK);
    }
    return w;
}

START_TEST(round_trip_random_states)
{
    uint64_t seed = 0xE4C0DE;
    for (int i = 0; i < 300; i++) {
        cxm_wacc *w = random_wacc(&seed);
        assert_round_trip(w);
        cxm_wacc_free(w);
    }
}
END_TEST

/* Equal states encode to identical bytes, however they were made. */
START_TEST(equal_states_encode_identically)
{
    cxm_wacc *a = parse_text(worked_text), *b = new_preset_wacc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_wacc_add(b, 9, 100), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(b, 3, 8), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(b, 6, 40), CXM_OK);
    ck_assert_int_eq(cxm_wacc_add(b, 9, 50), CXM_OK);
    ck_assert_int_eq(cxm_wacc_remove(b, 3, 8), CXM_OK);
    unsigned char x[CXM_WACC_ENCODED_MAX], y[CXM_WACC_ENCODED_MAX];
    size_t nx = encode(a, x), ny = encode(b, y);
    ck_assert_uint_eq(nx, ny);
    ck_assert_mem_eq(x, y, nx);
    cxm_wacc_free(a);
    cxm_wacc_free(b);
}
END_TEST

START_TEST(encode_refusals_write_nothing)
{
    cxm_wacc *w = parse_text(worked_text);
    unsigned char buf[64];
    memset(buf, 0x5A, sizeof buf);
    size_t written = 12345;
    ck_assert_int_eq(cxm_wacc_encode(w, buf, sizeof worked - 1, &written), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_wacc_encode(w, NULL, 0, &written), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_wacc_encode(w, NULL, 10, &written), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_encode(NULL, buf, sizeof buf, &written), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_encode(w, buf, sizeof buf, NULL), CXM_ERR_NULL);
    ck_assert_uint_eq(written, 12345);
    for (size_t i = 0; i < sizeof buf; i++) {
        ck_assert_uint_eq(buf[i], 0x5A);
    }
    size_t size = 7;
    ck_assert_int_eq(cxm_wacc_encoded_size(NULL, &size), CXM_ERR_NULL);
    ck_assert_wacc_fails_unchanged(w, cxm_wacc_encoded_size(w, NULL), CXM_ERR_NULL);
    ck_assert_uint_eq(size, 7);
    ck_assert_int_eq(cxm_wacc_encode(w, buf, sizeof worked, &written), CXM_OK);
    ck_assert_uint_eq(written, sizeof worked);
    cxm_wacc_free(w);
}
END_TEST

START_TEST(decode_null_and_empty)
{
    cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *out = sentinel;
    ck_assert_int_eq(cxm_wacc_decode(NULL, 5, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_decode(worked, sizeof worked, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_wacc_decode(NULL, 0, &out), CXM_ERR_FORMAT);
    ck_assert_int_eq(cxm_wacc_decode(worked, 0, &out), CXM_ERR_FORMAT);
    ck_assert_ptr_eq(out, sentinel);
}
END_TEST

START_TEST(every_truncation_and_bit_flip_refused)
{
    unsigned char bytes[sizeof worked + 1];
    for (size_t len = 0; len < sizeof worked; len++) {
        assert_refused(worked, len);
        if (len >= 4) { /* with the checksum of what is left, too */
            memcpy(bytes, worked, len);
            put_crc(bytes, len);
            assert_refused(bytes, len);
        }
    }
    memcpy(bytes, worked, sizeof worked);
    bytes[sizeof worked] = 0; /* a trailing byte */
    assert_refused(bytes, sizeof worked + 1);
    for (size_t bit = 0; bit < 8 * sizeof worked; bit++) {
        memcpy(bytes, worked, sizeof worked);
        bytes[bit / 8] ^= (unsigned char)(1u << (bit % 8));
        assert_refused(bytes, sizeof worked);
    }
}
END_TEST

/* Each structural rule broken alone, the checksum made valid again, so that
 * only the rule itself can refuse the bytes. Offsets in `worked`: 29
 * headline, 30 k, 31-34 the (gap, count) pairs, then per listed rating W and
 * Q's high and low words: 35 W = 40, 36 Q high, 37-38 Q low = 1600; 39-40 W
 * = 150, 41 Q high, 42-43 Q low = 12500. */
START_TEST(structural_errors_refused_with_valid_checksum)
{
    static const struct {
        const char *what;
        size_t at, remove;
        unsigned char insert[12];
        size_t insert_len;
    } edits[] = {
        {"magic of an accumulator", 3, 1, {'A'}, 1},
        {"magic of a series", 3, 1, {'S'}, 1},
        {"version 0", 4, 1, {0x00}, 1},
        {"version 2", 4, 1, {0x02}, 1},
        {"headline 4", 29, 1, {0x04}, 1},
        {"bands overlapping", 21, 1, {0x09}, 1},
        {"k beyond the span", 30, 1, {0x0C}, 1},
        {"k one more than listed", 30, 1, {0x03}, 1},
        {"a zero count", 32, 1, {0x00}, 1},
        {"a rating beyond the scale", 33, 1, {0x04}, 1},
        {"an overlong W", 35, 1, {0xA8, 0x00}, 2},
        {"an overlong Q high word", 36, 1, {0x80, 0x00}, 2},
        {"W below c", 39, 2, {0x01}, 1},
        {"Q below W", 37, 2, {0x27}, 1},
        {"W^2 above c Q", 35, 1, {0x29}, 1},
        {"Q above W (2^32 - 1)", 36, 1, {0x28}, 1},
        {"a third W where none is listed", 44, 0, {0x01, 0x00, 0x01}, 3},
        {"sums missing", 39, 5, {0}, 0},
    };
    unsigned char bytes[sizeof worked + 16];
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        size_t len = edited_encoding(bytes, sizeof bytes, worked, sizeof worked, edits[i].at,
                                     edits[i].remove, edits[i].insert, edits[i].insert_len);
        cxm_wacc *sentinel = (cxm_wacc *)(uintptr_t)0x1, *out = sentinel;
        ck_assert_msg(cxm_wacc_decode(bytes, len, &out) == CXM_ERR_FORMAT, "accepted: %s",
                      edits[i].what);
        ck_assert_ptr_eq(out, sentinel);
    }
    /* And the edit that keeps every rule is accepted: W 40 -> 41 needs Q >=
     * 1681 (c = 1, W^2 <= Q): 1681 = 0x11 0x0D in two 7-bit groups. */
    unsigned char fine[] = {0x29, 0x00, 0x91, 0x0D};
    size_t len = edited_encoding(bytes, sizeof bytes, worked, sizeof worked, 35, 4, fine, 4);
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_decode(bytes, len, &w), CXM_OK);
    uint64_t c, weight, squares[2];
    ck_assert_int_eq(cxm_wacc_cell(w, 6, &c, &weight, squares), CXM_OK);
    ck_assert_uint_eq(weight, 41);
    ck_assert_uint_eq(squares[1], 1681);
    cxm_wacc_free(w);
}
END_TEST

/* An encoding written by hand from the layout (varint.h and crc32c only):
 * the header of `scale`, then every rating with c > 0 of cells. */
static size_t write_encoding(unsigned char *out, int preset, const cxmi_cell *cells, uint32_t span)
{
    cxm_wacc *empty = new_preset_wacc(preset);
    size_t n = encode(empty, out) - 4 - 1; /* keep magic, version, scale */
    cxm_wacc_free(empty);
    uint32_t k = 0;
    for (uint32_t i = 0; i < span; i++) {
        k += cells[i].count != 0;
    }
    n += cxmi_varint_put(out + n, k);
    uint32_t next = 0;
    for (uint32_t i = 0; i < span; i++) {
        if (cells[i].count != 0) {
            n += cxmi_varint_put(out + n, i - next);
            n += cxmi_varint_put(out + n, cells[i].count);
            next = i + 1;
        }
    }
    for (uint32_t i = 0; i < span; i++) {
        if (cells[i].count != 0) {
            n += cxmi_varint_put(out + n, cells[i].weight);
            n += cxmi_varint_put(out + n, cells[i].squares_high);
            n += cxmi_varint_put(out + n, cells[i].squares_low);
        }
    }
    put_crc(out, n + 4);
    return n + 4;
}

/* Two valid cells whose weights sum to 2^64: 2^32 responses of weight 2^31
 * each (c = 2^32, W = 2^63, Q = 2^94). One response fewer in the second is
 * 2^64 - 2^31 in all, and accepted. */
START_TEST(weights_beyond_uint64_refused)
{
    cxmi_cell cells[2] = {{UINT64_C(1) << 32, UINT64_C(1) << 63, UINT64_C(1) << 30, 0},
                          {UINT64_C(1) << 32, UINT64_C(1) << 63, UINT64_C(1) << 30, 0}};
    ck_assert(cxmi_cell_valid(cells[0]));
    unsigned char bytes[128];
    size_t len = write_encoding(bytes, CXM_PRESET_CSAT_BINARY, cells, 2);
    assert_refused(bytes, len);
    cells[1].count -= 1;
    cells[1].weight -= UINT64_C(1) << 31;
    cells[1].squares_high -= 1;
    cells[1].squares_low = UINT64_MAX - (UINT64_C(1) << 62) + 1; /* 2^94 - 2^62 */
    ck_assert(cxmi_cell_valid(cells[1]));
    len = write_encoding(bytes, CXM_PRESET_CSAT_BINARY, cells, 2);
    cxm_wacc *w = NULL;
    ck_assert_int_eq(cxm_wacc_decode(bytes, len, &w), CXM_OK);
    ck_assert_uint_eq(w->weight, UINT64_MAX - (UINT64_C(1) << 31) + 1);
    assert_round_trip(w);
    cxm_wacc_free(w);
}
END_TEST

/* Each decoder refuses the other kinds' bytes, whose checksums are valid. */
START_TEST(decoders_refuse_each_other)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(acc, 9, 2), CXM_OK);
    unsigned char acc_bytes[CXM_ENCODED_MAX], series_bytes[256];
    size_t acc_len = 0, series_len = 0;
    ck_assert_int_eq(cxm_acc_encode(acc, acc_bytes, sizeof acc_bytes, &acc_len), CXM_OK);
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_series *series = NULL;
    ck_assert_int_eq(cxm_series_new(&nps, 7, 100, &series), CXM_OK);
    ck_assert_int_eq(cxm_series_add(series, 100, 9), CXM_OK);
    ck_assert_int_eq(cxm_series_encode(series, series_bytes, sizeof series_bytes, &series_len),
                     CXM_OK);
    assert_refused(acc_bytes, acc_len);
    assert_refused(series_bytes, series_len);
    cxm_acc *acc_out = NULL;
    cxm_series *series_out = NULL;
    ck_assert_int_eq(cxm_acc_decode(worked, sizeof worked, &acc_out), CXM_ERR_FORMAT);
    ck_assert_int_eq(cxm_series_decode(worked, sizeof worked, &series_out), CXM_ERR_FORMAT);
    ck_assert_ptr_null(acc_out);
    ck_assert_ptr_null(series_out);
    /* The accumulator's body under the weighted magic is refused too. */
    unsigned char renamed[CXM_ENCODED_MAX];
    memcpy(renamed, acc_bytes, acc_len);
    renamed[3] = 'W';
    put_crc(renamed, acc_len);
    assert_refused(renamed, acc_len);
    cxm_series_free(series);
    cxm_acc_free(acc);
}
END_TEST

START_TEST(random_garbage_refused)
{
    uint64_t seed = 0x6A4BA6E;
    unsigned char bytes[200];
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)(next_random(&seed) % sizeof bytes);
        for (size_t i = 0; i < len; i++) {
            bytes[i] = (unsigned char)next_random(&seed);
        }
        if (len >= 5 && round % 2 == 0) {
            memcpy(bytes, "CXMW\x01", 5); /* past the magic and version */
        }
        if (len >= 4) {
            put_crc(bytes, len);
        }
        cxm_wacc *w = NULL;
        int status = cxm_wacc_decode(bytes, len, &w);
        if (status == CXM_OK) { /* rare: then it is canonical */
            unsigned char again[CXM_WACC_ENCODED_MAX];
            ck_assert_uint_eq(encode(w, again), len);
            ck_assert_mem_eq(again, bytes, len);
            cxm_wacc_free(w);
        } else {
            ck_assert_int_eq(status, CXM_ERR_FORMAT);
        }
    }
}
END_TEST

static Suite *wacc_codec_suite(void)
{
    Suite *s = suite_create("wacc_codec");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, golden_bytes);
    tcase_add_test(tc, encoded_max_is_reached);
    tcase_add_test(tc, round_trip_random_states);
    tcase_add_test(tc, equal_states_encode_identically);
    tcase_add_test(tc, encode_refusals_write_nothing);
    tcase_add_test(tc, decode_null_and_empty);
    tcase_add_test(tc, every_truncation_and_bit_flip_refused);
    tcase_add_test(tc, structural_errors_refused_with_valid_checksum);
    tcase_add_test(tc, weights_beyond_uint64_refused);
    tcase_add_test(tc, decoders_refuse_each_other);
    tcase_add_test(tc, random_garbage_refused);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(wacc_codec_suite)
