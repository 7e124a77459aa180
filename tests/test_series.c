/*
 * The series (include/cxmetrics.h, "Series: trailing windows, calendar
 * periods and trends"): every rule, checked against a brute-force model that
 * keeps one plain histogram per bucket number and applies the header's rules as
 * written (no ring, no implicit counts, nothing shared with lib/series.c),
 * and every documented error with the series byte-for-byte unchanged.
 */
#include <stdalign.h>
#include <stdio.h>

#include "crc32c.h"
#include "testutil.h"

#define LIMIT CXM_SERIES_BUCKET_LIMIT

/* Hot loops assert through this: Check's own assertions cost a message to
 * the parent process each, even when they pass. */
#define require(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            ck_abort_msg("%s:%d: %s", __FILE__, __LINE__, #cond);                                  \
        }                                                                                          \
    } while (0)

/* ---- helpers --------------------------------------------------------------- */

static cxm_scale preset(int which)
{
    cxm_scale s = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_scale_preset(which, &s), CXM_OK);
    return s;
}

static cxm_series *new_series(int which, uint32_t capacity, int64_t head)
{
    cxm_scale s = preset(which);
    cxm_series *series = NULL;
    ck_assert_int_eq(cxm_series_new(&s, capacity, head, &series), CXM_OK);
    return series;
}

/* A byte image of a whole series block (it is one contiguous block). */
typedef struct series_image {
    size_t len;
    unsigned char *bytes;
} series_image;

static series_image image_take(const cxm_series *s)
{
    series_image im;
    im.len = cxmi_series_bytes(s->span, s->capacity);
    im.bytes = malloc(im.len);
    require(im.bytes != NULL);
    memcpy(im.bytes, s, im.len);
    return im;
}

static void image_check(const cxm_series *s, series_image im, const char *what)
{
    if (im.len != cxmi_series_bytes(s->span, s->capacity) || memcmp(s, im.bytes, im.len) != 0) {
        ck_abort_msg("%s: series changed by a failed call", what);
    }
    free(im.bytes);
}

#define ck_assert_series_fails_unchanged(s, call, status)                                          \
    do {                                                                                           \
        series_image ck_im_ = image_take(s);                                                       \
        ck_assert_int_eq((call), (status));                                                        \
        image_check(s, ck_im_, #call);                                                             \
    } while (0)

/* The counts of bucket b as the series reports them (through sum). */
static void bucket_counts(const cxm_series *s, int64_t b, uint64_t *counts, uint64_t *total)
{
    cxm_scale scale = CXM_SCALE_INIT;
    require(cxm_series_scale(s, &scale) == CXM_OK);
    cxm_acc *acc = NULL;
    require(cxm_acc_new(&scale, &acc) == CXM_OK);
    require(cxm_series_sum(s, b, b, acc) == CXM_OK);
    memset(counts, 0, CXM_MAX_SPAN * sizeof counts[0]); /* past the span: zero */
    require(cxm_acc_counts(acc, counts, CXM_MAX_SPAN) == CXM_OK);
    require(cxm_acc_total(acc, total) == CXM_OK);
    cxm_acc_free(acc);
}

static uint64_t bucket_total(const cxm_series *s, int64_t b)
{
    uint64_t counts[CXM_MAX_SPAN], total;
    bucket_counts(s, b, counts, &total);
    return total;
}

static int64_t head_of(const cxm_series *s)
{
    int64_t h = 0;
    require(cxm_series_head(s, &h) == CXM_OK);
    return h;
}

/* ---- the model ------------------------------------------------------------- */

/* Buckets base .. base + CELLS - 1, each a plain histogram with its total. */
#define CELLS      160
#define MODEL_SPAN 11

typedef struct model {
    int64_t head;
    uint32_t capacity;
    int32_t min, span;
    int64_t base;
    uint64_t counts[CELLS][MODEL_SPAN];
    uint64_t total[CELLS];
} model;

static bool in_limits(int64_t b)
{
    return b >= -LIMIT && b <= LIMIT;
}

/* include/cxmetrics.h: retained buckets are head - capacity < b <= head. */
static bool retained(const model *m, int64_t b)
{
    return in_limits(b) && b <= m->head && b > m->head - (int64_t)m->capacity;
}

static size_t cell(const model *m, int64_t b)
{
    ck_assert_msg(b >= m->base && b < m->base + CELLS, "model cell out of range");
    return (size_t)(b - m->base);
}

static void model_init(model *m, int32_t min, int32_t span, uint32_t capacity, int64_t head,
                       int64_t base)
{
    memset(m, 0, sizeof *m);
    m->min = min;
    m->span = span;
    m->capacity = capacity;
    m->head = head;
    m->base = base;
}

/* Forgets the buckets that are no longer retained. */
static void model_expire(model *m)
{
    for (int64_t i = 0; i < CELLS; i++) {
        int64_t b = m->base + i;
        if (!retained(m, b)) {
            memset(m->counts[i], 0, sizeof m->counts[i]);
            m->total[i] = 0;
        }
    }
}

static int model_advance(model *m, int64_t h)
{
    if (!in_limits(h)) {
        return CXM_ERR_ARG;
    }
    if (h > m->head) {
        m->head = h;
        model_expire(m);
    }
    return CXM_OK;
}

static int model_locate(const model *m, int64_t b, int32_t rating)
{
    if (!in_limits(b)) {
        return CXM_ERR_ARG;
    }
    if (!retained(m, b)) {
        return CXM_ERR_WINDOW;
    }
    if (rating < m->min || rating >= m->min + m->span) {
        return CXM_ERR_RANGE;
    }
    return CXM_OK;
}

static int model_add(model *m, int64_t b, int32_t rating, uint64_t count)
{
    int status = model_locate(m, b, rating);
    if (status != CXM_OK) {
        return status;
    }
    size_t c = cell(m, b);
    if (m->total[c] > UINT64_MAX - count) {
        return CXM_ERR_OVERFLOW;
    }
    m->counts[c][rating - m->min] += count;
    m->total[c] += count;
    return CXM_OK;
}

static int model_remove(model *m, int64_t b, int32_t rating, uint64_t count)
{
    int status = model_locate(m, b, rating);
    if (status != CXM_OK) {
        return status;
    }
    size_t c = cell(m, b);
    if (count > m->counts[c][rating - m->min]) {
        return CXM_ERR_ABSENT;
    }
    m->counts[c][rating - m->min] -= count;
    m->total[c] -= count;
    return CXM_OK;
}

/* Bucket b's histogram in the model (zero outside the retained window). */
static void model_bucket(const model *m, int64_t b, uint64_t *counts, uint64_t *total)
{
    memset(counts, 0, MODEL_SPAN * sizeof counts[0]);
    *total = 0;
    if (retained(m, b)) {
        memcpy(counts, m->counts[cell(m, b)], MODEL_SPAN * sizeof counts[0]);
        *total = m->total[cell(m, b)];
    }
}

/* The series and the model agree on head, capacity and every bucket the
 * model covers. */
static void assert_matches(const cxm_series *s, const model *m, uint64_t seed, int step)
{
    int64_t h = head_of(s);
    uint32_t cap = 0;
    require(cxm_series_capacity(s, &cap) == CXM_OK);
    if (h != m->head || cap != m->capacity) {
        ck_abort_msg("seed %llu step %d: head/capacity", (unsigned long long)seed, step);
    }
    for (uint32_t age = 0; age < m->capacity; age++) {
        int64_t b = m->head - (int64_t)age;
        if (!in_limits(b)) {
            break;
        }
        uint64_t got[CXM_MAX_SPAN], want[MODEL_SPAN], got_total, want_total;
        bucket_counts(s, b, got, &got_total);
        model_bucket(m, b, want, &want_total);
        for (int32_t i = 0; i < m->span; i++) {
            if (got[i] != want[i] || got_total != want_total) {
                ck_abort_msg("seed %llu step %d: bucket %lld rating %d: %llu, want %llu",
                             (unsigned long long)seed, step, (long long)b, m->min + i,
                             (unsigned long long)got[i], (unsigned long long)want[i]);
            }
        }
    }
}

/* ---- creation, getters, caller memory ------------------------------------- */

START_TEST(new_is_empty)
{
    cxm_series *s = new_series(CXM_PRESET_NPS, 30, 20000);
    int64_t h = 0;
    uint32_t cap = 0;
    ck_assert_int_eq(cxm_series_head(s, &h), CXM_OK);
    ck_assert_int_eq(cxm_series_capacity(s, &cap), CXM_OK);
    ck_assert_int_eq(h, 20000);
    ck_assert_uint_eq(cap, 30);
    cxm_scale got = CXM_SCALE_INIT, want = preset(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_series_scale(s, &got), CXM_OK);
    ck_assert_int_eq(cxm_scale_equal(&got, &want), 1);
    for (int64_t b = 20000 - 29; b <= 20000; b++) {
        ck_assert_uint_eq(bucket_total(s, b), 0);
    }
    cxm_series_free(s);
    cxm_series_free(NULL);
}
END_TEST

START_TEST(getters_errors)
{
    cxm_series *s = new_series(CXM_PRESET_CSAT_5, 7, 0);
    int64_t h = 99;
    uint32_t cap = 99;
    cxm_scale sc = CXM_SCALE_INIT;
    ck_assert_int_eq(cxm_series_head(NULL, &h), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_head(s, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_capacity(NULL, &cap), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_capacity(s, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_scale(NULL, &sc), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_scale(s, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(h, 99);
    ck_assert_uint_eq(cap, 99);
    sc.size = 4;
    ck_assert_int_eq(cxm_series_scale(s, &sc), CXM_ERR_SIZE);
    ck_assert_int_eq(sc.min, 0);
    cxm_series_free(s);
}
END_TEST

START_TEST(new_errors)
{
    cxm_scale s = preset(CXM_PRESET_NPS);
    cxm_series *sentinel = (cxm_series *)&s, *out = sentinel;
    ck_assert_int_eq(cxm_series_new(&s, 10, 0, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_new(NULL, 10, 0, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_new(&s, 0, 0, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_new(&s, CXM_SERIES_MAX_CAPACITY + 1, 0, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_new(&s, UINT32_MAX, 0, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_new(&s, 10, LIMIT + 1, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_new(&s, 10, -LIMIT - 1, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_new(&s, 10, INT64_MIN, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_new(&s, 10, INT64_MAX, &out), CXM_ERR_ARG);
    cxm_scale bad = s;
    bad.negative_max = 9; /* overlaps the positive band */
    ck_assert_int_eq(cxm_series_new(&bad, 10, 0, &out), CXM_ERR_SCALE);
    bad = s;
    bad.size = 8;
    ck_assert_int_eq(cxm_series_new(&bad, 10, 0, &out), CXM_ERR_SIZE);
    ck_assert_ptr_eq(out, sentinel);
}
END_TEST

START_TEST(footprint)
{
    /* internal.h's layout: a 64-byte header, then capacity buckets of span
     * 64-bit words. 400 days of NPS: 64 + 400 * 11 * 8 = 35 264 bytes, under
     * the 36 KiB (36 864 bytes) the issue allows. */
    cxm_scale nps = preset(CXM_PRESET_NPS), csat = preset(CXM_PRESET_CSAT_5);
    ck_assert_uint_eq(cxm_series_footprint(&nps, 400), 35264);
    ck_assert_uint_le(cxm_series_footprint(&nps, 400), 36 * 1024);
    ck_assert_uint_eq(cxm_series_footprint(&nps, 1), 64 + 88);
    ck_assert_uint_eq(cxm_series_footprint(&csat, 30), 64 + 30 * 5 * 8);
    ck_assert_uint_eq(cxm_series_footprint(&csat, CXM_SERIES_MAX_CAPACITY),
                      64 + (size_t)CXM_SERIES_MAX_CAPACITY * 5 * 8);
    ck_assert_uint_eq(cxm_series_footprint(&nps, 0), 0);
    ck_assert_uint_eq(cxm_series_footprint(&nps, CXM_SERIES_MAX_CAPACITY + 1), 0);
    ck_assert_uint_eq(cxm_series_footprint(NULL, 10), 0);
    cxm_scale bad = nps;
    bad.max = 200;
    ck_assert_uint_eq(cxm_series_footprint(&bad, 10), 0);
}
END_TEST

typedef struct arena {
    alignas(max_align_t) unsigned char bytes[4096];
} arena;

START_TEST(init_in_caller_memory)
{
    static arena mem; /* static: the test proves no heap is involved */
    cxm_scale s = preset(CXM_PRESET_NPS);
    size_t need = cxm_series_footprint(&s, 30);
    ck_assert_uint_lt(need, sizeof mem.bytes);
    memset(mem.bytes, 0xEE, sizeof mem.bytes);
    cxm_series *series = NULL;
    ck_assert_int_eq(cxm_series_init(mem.bytes, need, &s, 30, 100, &series), CXM_OK);
    ck_assert_ptr_eq((void *)series, (void *)mem.bytes);
    ck_assert_uint_eq(mem.bytes[need], 0xEE); /* nothing written past the footprint */
    ck_assert_int_eq(cxm_series_add(series, 100, 10), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(series, 71, 0, 5), CXM_OK);
    ck_assert_int_eq(cxm_series_advance(series, 110), CXM_OK);
    ck_assert_uint_eq(bucket_total(series, 100), 1);
    ck_assert_uint_eq(bucket_total(series, 81), 0); /* 71 expired */
    cxm_series *copy = NULL;                        /* a clone of it is an ordinary heap series */
    ck_assert_int_eq(cxm_series_clone(series, &copy), CXM_OK);
    ck_assert_uint_eq(bucket_total(copy, 100), 1);
    cxm_series_free(copy);
    cxm_series_free(series); /* frees nothing: valgrind and ASan would see a bad free */
    ck_assert_int_eq(cxm_series_add(series, 110, 9), CXM_OK);
    ck_assert_uint_eq(mem.bytes[need], 0xEE);
}
END_TEST

START_TEST(init_errors_touch_nothing)
{
    static arena mem, pristine;
    memset(mem.bytes, 0x5A, sizeof mem.bytes);
    pristine = mem;
    cxm_scale s = preset(CXM_PRESET_NPS);
    size_t need = cxm_series_footprint(&s, 30);
    cxm_series *sentinel = (cxm_series *)&s, *out = sentinel;

    ck_assert_int_eq(cxm_series_init(mem.bytes, need - 1, &s, 30, 0, &out), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_series_init(mem.bytes, 0, &s, 30, 0, &out), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_series_init(mem.bytes + 1, need, &s, 30, 0, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_init(mem.bytes + 8, need, &s, 30, 0, &out),
                     alignof(max_align_t) > 8 ? CXM_ERR_ARG : CXM_OK);
    out = sentinel;
    ck_assert_int_eq(cxm_series_init(mem.bytes, need, &s, 0, 0, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_init(mem.bytes, need, &s, 30, LIMIT + 1, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_init(NULL, need, &s, 30, 0, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_init(mem.bytes, need, NULL, 30, 0, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_init(mem.bytes, need, &s, 30, 0, NULL), CXM_ERR_NULL);
    cxm_scale bad = s;
    bad.headline = 9;
    ck_assert_int_eq(cxm_series_init(mem.bytes, need, &bad, 30, 0, &out), CXM_ERR_SCALE);
    ck_assert_ptr_eq(out, sentinel);
    if (alignof(max_align_t) <= 8) {
        memcpy(mem.bytes + 8, pristine.bytes + 8, need); /* the one accepted call */
    }
    ck_assert_mem_eq(mem.bytes, pristine.bytes, sizeof mem.bytes);
}
END_TEST

START_TEST(clone_is_independent)
{
    cxm_series *s = new_series(CXM_PRESET_CSAT_5, 5, 3);
    ck_assert_int_eq(cxm_series_add_count(s, 2, 5, 7), CXM_OK);
    cxm_series *c = NULL;
    ck_assert_int_eq(cxm_series_clone(s, &c), CXM_OK);
    ck_assert_int_eq(cxm_series_add(c, 2, 1), CXM_OK);
    ck_assert_int_eq(cxm_series_advance(c, 50), CXM_OK);
    ck_assert_uint_eq(bucket_total(s, 2), 7);
    ck_assert_int_eq(head_of(s), 3);
    ck_assert_int_eq(head_of(c), 50);
    cxm_series *sentinel = s, *out = sentinel;
    ck_assert_int_eq(cxm_series_clone(NULL, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_clone(s, NULL), CXM_ERR_NULL);
    ck_assert_ptr_eq(out, sentinel);
    cxm_series_free(c);
    cxm_series_free(s);
}
END_TEST

/* ---- the window and the limits -------------------------------------------- */

START_TEST(window_edges)
{
    /* capacity 7, head 100: retained 94 .. 100. */
    cxm_series *s = new_series(CXM_PRESET_NPS, 7, 100);
    ck_assert_int_eq(cxm_series_add(s, 94, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_add(s, 100, 3), CXM_OK);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 93, 3), CXM_ERR_WINDOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 101, 3), CXM_ERR_WINDOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add_count(s, 101, 3, 0), CXM_ERR_WINDOW);
    ck_assert_series_fails_unchanged(s, cxm_series_remove_count(s, 93, 3, 0), CXM_ERR_WINDOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, INT64_MIN, 3), CXM_ERR_ARG);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, INT64_MAX, 3), CXM_ERR_ARG);
    /* Advancing by one expires exactly bucket 94. */
    ck_assert_int_eq(cxm_series_advance(s, 101), CXM_OK);
    ck_assert_uint_eq(bucket_total(s, 100), 1);
    ck_assert_uint_eq(bucket_total(s, 101), 0);
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_fails_unchanged(acc, cxm_series_sum(s, 94, 101, acc), CXM_ERR_WINDOW);
    /* Going back is a no-op that succeeds: time never runs backwards. */
    ck_assert_series_fails_unchanged(s, cxm_series_advance(s, 5), CXM_OK);
    ck_assert_series_fails_unchanged(s, cxm_series_advance(s, 101), CXM_OK);
    /* A jump beyond the capacity empties everything. */
    ck_assert_int_eq(cxm_series_advance(s, 108), CXM_OK);
    for (int64_t b = 102; b <= 108; b++) {
        ck_assert_uint_eq(bucket_total(s, b), 0);
    }
    cxm_acc_free(acc);
    cxm_series_free(s);
}
END_TEST

START_TEST(bucket_limits)
{
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    /* Head at +2^62: the largest bucket number. */
    cxm_series *top = new_series(CXM_PRESET_NPS, 4, LIMIT);
    ck_assert_int_eq(cxm_series_add(top, LIMIT, 9), CXM_OK);
    ck_assert_int_eq(cxm_series_add(top, LIMIT - 3, 9), CXM_OK);
    ck_assert_series_fails_unchanged(top, cxm_series_add(top, LIMIT + 1, 9), CXM_ERR_ARG);
    ck_assert_series_fails_unchanged(top, cxm_series_add(top, LIMIT - 4, 9), CXM_ERR_WINDOW);
    /* advance(2^62 + 1) is an argument error, not a no-op. */
    ck_assert_series_fails_unchanged(top, cxm_series_advance(top, LIMIT + 1), CXM_ERR_ARG);
    ck_assert_series_fails_unchanged(top, cxm_series_advance(top, LIMIT), CXM_OK);
    ck_assert_fails_unchanged(acc, cxm_series_sum(top, LIMIT, LIMIT + 1, acc), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_sum(top, LIMIT - 3, LIMIT, acc), CXM_OK);
    uint64_t n = 0;
    ck_assert_int_eq(cxm_acc_total(acc, &n), CXM_OK);
    ck_assert_uint_eq(n, 2);

    /* Head at -2^62 with capacity 10: only -2^62 itself is inside the limits;
     * the window's older numbers are out of range (ARG), not expired. */
    cxm_series *bottom = new_series(CXM_PRESET_NPS, 10, -LIMIT);
    ck_assert_int_eq(cxm_series_add(bottom, -LIMIT, 0), CXM_OK);
    ck_assert_series_fails_unchanged(bottom, cxm_series_add(bottom, -LIMIT - 1, 0), CXM_ERR_ARG);
    ck_assert_series_fails_unchanged(bottom, cxm_series_add_count(bottom, -LIMIT - 1, 0, 1),
                                     CXM_ERR_ARG);
    ck_assert_series_fails_unchanged(bottom, cxm_series_advance(bottom, -LIMIT - 1), CXM_ERR_ARG);
    ck_assert_fails_unchanged(acc, cxm_series_sum(bottom, -LIMIT - 1, -LIMIT, acc), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_series_sum(bottom, -LIMIT, -LIMIT, acc), CXM_OK);
    ck_assert_int_eq(cxm_acc_total(acc, &n), CXM_OK);
    ck_assert_uint_eq(n, 3);
    /* Five steps later, -2^62 + 5 .. -2^62 are inside both. */
    ck_assert_int_eq(cxm_series_advance(bottom, -LIMIT + 5), CXM_OK);
    ck_assert_int_eq(cxm_series_add(bottom, -LIMIT + 1, 0), CXM_OK);
    ck_assert_uint_eq(bucket_total(bottom, -LIMIT), 1);
    ck_assert_series_fails_unchanged(bottom, cxm_series_add(bottom, -LIMIT - 1, 0), CXM_ERR_ARG);
    /* Nearly the longest jump there is (2^63 - 5 buckets), to the other limit. */
    ck_assert_int_eq(cxm_series_advance(bottom, LIMIT), CXM_OK);
    ck_assert_int_eq(head_of(bottom), LIMIT);
    ck_assert_int_eq(cxm_series_add(bottom, LIMIT - 9, 5), CXM_OK);
    ck_assert_series_fails_unchanged(bottom, cxm_series_add(bottom, LIMIT - 10, 5), CXM_ERR_WINDOW);
    for (int64_t b = LIMIT - 9; b < LIMIT; b++) {
        ck_assert_uint_eq(bucket_total(bottom, b), b == LIMIT - 9 ? 1 : 0);
    }
    ck_assert_uint_eq(bucket_total(bottom, LIMIT), 0);
    /* A merge across the whole range: bottom's old data has expired. */
    cxm_series *low = new_series(CXM_PRESET_NPS, 10, -LIMIT);
    ck_assert_int_eq(cxm_series_add(low, -LIMIT, 7), CXM_OK);
    ck_assert_int_eq(cxm_series_merge(low, top), CXM_OK);
    ck_assert_int_eq(head_of(low), LIMIT);
    ck_assert_uint_eq(bucket_total(low, LIMIT), 1);
    ck_assert_uint_eq(bucket_total(low, LIMIT - 3), 1);
    cxm_series_free(low);
    cxm_series_free(top);
    cxm_series_free(bottom);
    cxm_acc_free(acc);
}
END_TEST

/* ---- recording and its errors --------------------------------------------- */

START_TEST(records_like_an_accumulator)
{
    /* Hand-worked: bucket 5 gets 0 x3, 7, 10 x2; then one 0 is corrected. */
    cxm_series *s = new_series(CXM_PRESET_NPS, 10, 9);
    ck_assert_int_eq(cxm_series_add_count(s, 5, 0, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_add(s, 5, 7), CXM_OK);
    ck_assert_int_eq(cxm_series_add(s, 5, 10), CXM_OK);
    ck_assert_int_eq(cxm_series_add(s, 5, 10), CXM_OK);
    ck_assert_int_eq(cxm_series_remove_count(s, 5, 0, 1), CXM_OK);
    ck_assert_series_fails_unchanged(s, cxm_series_add_count(s, 5, 3, 0), CXM_OK);
    ck_assert_series_fails_unchanged(s, cxm_series_remove_count(s, 5, 3, 0), CXM_OK);
    uint64_t counts[CXM_MAX_SPAN], total;
    bucket_counts(s, 5, counts, &total);
    const uint64_t want[11] = {2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2};
    for (int i = 0; i < 11; i++) {
        ck_assert_uint_eq(counts[i], want[i]);
    }
    ck_assert_uint_eq(total, 5);
    /* Snapshot of that bucket: NPS = 100 * (2 - 2) / 5 = 0. */
    cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_series_sum(s, 5, 5, acc), CXM_OK);
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    ck_assert_int_eq(cxm_acc_snapshot(acc, &snap), CXM_OK);
    ck_assert_uint_eq(snap.n, 5);
    ck_assert_abs(snap.score, 0.0, 0.0);
    cxm_acc_free(acc);
    cxm_series_free(s);
}
END_TEST

START_TEST(record_errors_change_nothing)
{
    cxm_series *s = new_series(CXM_PRESET_CSAT_5, 3, 10);
    ck_assert_int_eq(cxm_series_add_count(s, 10, 1, 2), CXM_OK); /* min: the implicit count */
    ck_assert_int_eq(cxm_series_add_count(s, 9, 5, 4), CXM_OK);
    ck_assert_int_eq(cxm_series_add(NULL, 10, 1), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_add_count(NULL, 10, 1, 1), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_remove_count(NULL, 10, 1, 1), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_advance(NULL, 10), CXM_ERR_NULL);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 10, 0), CXM_ERR_RANGE);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 10, 6), CXM_ERR_RANGE);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 10, INT32_MIN), CXM_ERR_RANGE);
    ck_assert_series_fails_unchanged(s, cxm_series_add_count(s, 9, INT32_MAX, 1), CXM_ERR_RANGE);
    ck_assert_series_fails_unchanged(s, cxm_series_remove_count(s, 9, 0, 1), CXM_ERR_RANGE);
    /* Window before range: a bad bucket is reported as such. */
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 11, 0), CXM_ERR_WINDOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, LIMIT + 1, 0), CXM_ERR_ARG);
    /* ABSENT, for the explicit counts and for min's implicit one. */
    ck_assert_series_fails_unchanged(s, cxm_series_remove_count(s, 10, 1, 3), CXM_ERR_ABSENT);
    ck_assert_series_fails_unchanged(s, cxm_series_remove_count(s, 9, 5, 5), CXM_ERR_ABSENT);
    ck_assert_series_fails_unchanged(s, cxm_series_remove_count(s, 9, 1, 1), CXM_ERR_ABSENT);
    ck_assert_series_fails_unchanged(s, cxm_series_remove_count(s, 8, 4, 1), CXM_ERR_ABSENT);
    /* OVERFLOW: the bucket's total is capped at UINT64_MAX, whatever rating. */
    ck_assert_int_eq(cxm_series_add_count(s, 8, 3, UINT64_MAX - 1), CXM_OK);
    ck_assert_series_fails_unchanged(s, cxm_series_add_count(s, 8, 1, 2), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_series_add(s, 8, 1), CXM_OK); /* UINT64_MAX exactly */
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 8, 1), CXM_ERR_OVERFLOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 8, 5), CXM_ERR_OVERFLOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add_count(s, 8, 3, 1), CXM_ERR_OVERFLOW);
    ck_assert_uint_eq(bucket_total(s, 8), UINT64_MAX);
    ck_assert_int_eq(cxm_series_remove_count(s, 8, 1, 1), CXM_OK);
    ck_assert_int_eq(cxm_series_add(s, 9, 1), CXM_OK); /* other buckets are not affected */
    /* The head bucket at UINT64_MAX too (the add fast path). */
    ck_assert_int_eq(cxm_series_add_count(s, 10, 2, UINT64_MAX - 2), CXM_OK);
    ck_assert_series_fails_unchanged(s, cxm_series_add(s, 10, 5), CXM_ERR_OVERFLOW);
    cxm_series_free(s);
}
END_TEST

START_TEST(add_acc_rules)
{
    cxm_series *s = new_series(CXM_PRESET_NPS, 5, 0);
    cxm_acc *part = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(part, 0, 4), CXM_OK);
    ck_assert_int_eq(cxm_acc_add_count(part, 9, 6), CXM_OK);
    ck_assert_int_eq(cxm_series_add_acc(s, -2, part), CXM_OK);
    ck_assert_int_eq(cxm_series_add_acc(s, -2, part), CXM_OK);
    uint64_t counts[CXM_MAX_SPAN], total;
    bucket_counts(s, -2, counts, &total);
    ck_assert_uint_eq(counts[0], 8);
    ck_assert_uint_eq(counts[9], 12);
    ck_assert_uint_eq(total, 20);
    cxm_acc *csat = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_int_eq(cxm_series_add_acc(NULL, 0, part), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_add_acc(s, 0, NULL), CXM_ERR_NULL);
    ck_assert_series_fails_unchanged(s, cxm_series_add_acc(s, 0, csat), CXM_ERR_MISMATCH);
    ck_assert_series_fails_unchanged(s, cxm_series_add_acc(s, 1, part), CXM_ERR_WINDOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add_acc(s, -5, part), CXM_ERR_WINDOW);
    ck_assert_series_fails_unchanged(s, cxm_series_add_acc(s, -LIMIT - 1, part), CXM_ERR_ARG);
    cxm_acc *huge = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(huge, 5, UINT64_MAX - 19), CXM_OK);
    ck_assert_int_eq(cxm_series_add_acc(s, -1, huge), CXM_OK);
    ck_assert_series_fails_unchanged(s, cxm_series_add_acc(s, -2, huge), CXM_ERR_OVERFLOW);
    cxm_acc_free(huge);
    cxm_acc_free(csat);
    cxm_acc_free(part);
    cxm_series_free(s);
}
END_TEST

/* ---- sums ------------------------------------------------------------------ */

START_TEST(sum_rules)
{
    /* capacity 7 ending Sunday 20 (days 14 .. 20), one rating of 10 per day. */
    cxm_series *s = new_series(CXM_PRESET_NPS, 7, 20);
    for (int64_t d = 14; d <= 20; d++) {
        ck_assert_int_eq(cxm_series_add_count(s, d, 10, (uint64_t)d), CXM_OK);
    }
    cxm_acc *into = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_int_eq(cxm_acc_add_count(into, 0, 1), CXM_OK);
    /* 18 + 19 + 20 = 57, plus the 1 already there. */
    ck_assert_int_eq(cxm_series_sum(s, 18, 20, into), CXM_OK);
    uint64_t n = 0;
    ck_assert_int_eq(cxm_acc_total(into, &n), CXM_OK);
    ck_assert_uint_eq(n, 58);
    /* "This week" mid-week: buckets after the head are empty. */
    ck_assert_int_eq(cxm_series_sum(s, 19, 25, into), CXM_OK);
    ck_assert_int_eq(cxm_acc_total(into, &n), CXM_OK);
    ck_assert_uint_eq(n, 58 + 39);
    ck_assert_fails_unchanged(into, cxm_series_sum(s, 21, 30, into), CXM_OK);
    /* The whole window: 14 + ... + 20 = 119. */
    ck_assert_int_eq(cxm_acc_reset(into), CXM_OK);
    ck_assert_int_eq(cxm_series_sum(s, 14, LIMIT, into), CXM_OK);
    ck_assert_int_eq(cxm_acc_total(into, &n), CXM_OK);
    ck_assert_uint_eq(n, 119);
    /* Errors, with into unchanged. */
    cxm_acc *csat = new_preset_acc(CXM_PRESET_CSAT_5);
    ck_assert_int_eq(cxm_series_sum(NULL, 14, 20, into), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_sum(s, 14, 20, NULL), CXM_ERR_NULL);
    ck_assert_fails_unchanged(into, cxm_series_sum(s, 20, 19, into), CXM_ERR_ARG);
    ck_assert_fails_unchanged(into, cxm_series_sum(s, 13, 20, into), CXM_ERR_WINDOW);
    ck_assert_fails_unchanged(into, cxm_series_sum(s, 13, 13, into), CXM_ERR_WINDOW);
    ck_assert_fails_unchanged(into, cxm_series_sum(s, -LIMIT - 1, 20, into), CXM_ERR_ARG);
    ck_assert_fails_unchanged(into, cxm_series_sum(s, 14, INT64_MAX, into), CXM_ERR_ARG);
    ck_assert_fails_unchanged(csat, cxm_series_sum(s, 14, 20, csat), CXM_ERR_MISMATCH);
    /* Overflow of the range's own sum, and of into's total. */
    ck_assert_int_eq(cxm_series_add_count(s, 15, 9, UINT64_MAX - 15), CXM_OK);
    ck_assert_int_eq(cxm_series_sum(s, 15, 15, into), CXM_ERR_OVERFLOW);
    ck_assert_fails_unchanged(into, cxm_series_sum(s, 15, 16, into), CXM_ERR_OVERFLOW);
    cxm_acc *empty = new_preset_acc(CXM_PRESET_NPS);
    ck_assert_fails_unchanged(empty, cxm_series_sum(s, 14, 16, empty), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_series_sum(s, 15, 15, empty), CXM_OK);
    ck_assert_int_eq(cxm_acc_total(empty, &n), CXM_OK);
    ck_assert_uint_eq(n, UINT64_MAX);
    cxm_acc_free(empty);
    cxm_acc_free(csat);
    cxm_acc_free(into);
    cxm_series_free(s);
}
END_TEST

/* ---- merge ----------------------------------------------------------------- */

START_TEST(merge_rules)
{
    /* into: capacity 5, head 10 (6..10); from: capacity 8, head 12 (5..12). */
    cxm_series *into = new_series(CXM_PRESET_CSAT_5, 5, 10);
    cxm_series *from = new_series(CXM_PRESET_CSAT_5, 8, 12);
    for (int64_t d = 6; d <= 10; d++) {
        ck_assert_int_eq(cxm_series_add_count(into, d, 1, 100), CXM_OK);
    }
    for (int64_t d = 5; d <= 12; d++) {
        ck_assert_int_eq(cxm_series_add_count(from, d, 5, (uint64_t)d), CXM_OK);
    }
    ck_assert_int_eq(cxm_series_merge(into, from), CXM_OK);
    /* into's window is now 8..12: 6 and 7 expired; from's 5..7 ignored. */
    ck_assert_int_eq(head_of(into), 12);
    for (int64_t d = 8; d <= 12; d++) {
        uint64_t counts[CXM_MAX_SPAN], total;
        bucket_counts(into, d, counts, &total);
        ck_assert_uint_eq(counts[0], d <= 10 ? 100 : 0);
        ck_assert_uint_eq(counts[4], (uint64_t)d);
    }
    /* Merging an older series into a newer one keeps the head. */
    cxm_series *old = new_series(CXM_PRESET_CSAT_5, 8, 9);
    ck_assert_int_eq(cxm_series_add(old, 9, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_add(old, 7, 3), CXM_OK); /* expired by into's window */
    ck_assert_int_eq(cxm_series_merge(into, old), CXM_OK);
    ck_assert_int_eq(head_of(into), 12);
    ck_assert_uint_eq(bucket_total(into, 9), 100 + 9 + 1);
    /* into == from doubles. */
    ck_assert_int_eq(cxm_series_merge(into, into), CXM_OK);
    ck_assert_uint_eq(bucket_total(into, 9), 2 * 110);
    ck_assert_uint_eq(bucket_total(into, 12), 24);
    cxm_series_free(old);
    cxm_series_free(from);
    cxm_series_free(into);
}
END_TEST

START_TEST(merge_errors_change_nothing)
{
    cxm_series *into = new_series(CXM_PRESET_NPS, 5, 10);
    cxm_series *later = new_series(CXM_PRESET_NPS, 5, 13);
    cxm_series *csat = new_series(CXM_PRESET_CSAT_5, 5, 13);
    ck_assert_int_eq(cxm_series_merge(NULL, later), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_merge(into, NULL), CXM_ERR_NULL);
    ck_assert_series_fails_unchanged(into, cxm_series_merge(into, csat), CXM_ERR_MISMATCH);
    /* Overflow in bucket 9, which into keeps: refused, and the head that the
     * merge would have advanced to 13 stays at 10. */
    ck_assert_int_eq(cxm_series_add_count(into, 9, 4, UINT64_MAX), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(into, 6, 4, 5), CXM_OK);
    ck_assert_int_eq(cxm_series_add(later, 13, 4), CXM_OK);
    ck_assert_int_eq(cxm_series_add(later, 9, 4), CXM_OK);
    ck_assert_series_fails_unchanged(into, cxm_series_merge(into, later), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(head_of(into), 10);
    ck_assert_series_fails_unchanged(into, cxm_series_merge(into, into), CXM_ERR_OVERFLOW);
    /* A bucket that the advance would expire does not count: bucket 8 of
     * into (full) is outside 9..13, later's bucket 8 too; nothing overflows. */
    cxm_series *a = new_series(CXM_PRESET_NPS, 5, 10);
    cxm_series *b = new_series(CXM_PRESET_NPS, 5, 13);
    ck_assert_int_eq(cxm_series_add_count(a, 8, 4, UINT64_MAX), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(b, 12, 4, UINT64_MAX), CXM_OK);
    ck_assert_int_eq(cxm_series_merge(a, b), CXM_OK);
    ck_assert_uint_eq(bucket_total(a, 12), UINT64_MAX);
    cxm_series_free(a);
    cxm_series_free(b);
    cxm_series_free(csat);
    cxm_series_free(later);
    cxm_series_free(into);
}
END_TEST

/* ---- seeded random operations against the model -------------------------- */

typedef struct world {
    uint64_t rng;
    cxm_scale scale;
    cxm_series *s;
    model m;
    uint64_t seed;
    int step;
} world;

static uint64_t below(uint64_t *rng, uint64_t n)
{
    return next_random(rng) % n;
}

/* Counts that reach overflow now and then. */
static uint64_t random_count(uint64_t *rng)
{
    switch (below(rng, 8)) {
    case 0: return 0;
    case 1: return UINT64_MAX - below(rng, 4);
    case 2: return (UINT64_C(1) << 62) + below(rng, 3);
    default: return 1 + below(rng, 20);
    }
}

static int32_t random_rating(world *w)
{
    return w->m.min - 1 + (int32_t)below(&w->rng, (uint64_t)w->m.span + 2);
}

/* A bucket near the window: inside, just outside on both sides. */
static int64_t random_bucket(world *w)
{
    int64_t lo = w->m.head - (int64_t)w->m.capacity - 2;
    int64_t b = lo + (int64_t)below(&w->rng, (uint64_t)w->m.capacity + 6);
    if (b < w->m.base) {
        b = w->m.base;
    }
    return b >= w->m.base + CELLS ? w->m.base + CELLS - 1 : b;
}

/* A head for an advance, or for the other side of a merge: mostly small
 * steps, sometimes a jump past the capacity or backwards, kept inside the
 * model's cells (whatever lies beyond the limits included). */
static int64_t random_head(world *w)
{
    int64_t h = w->m.head;
    switch (below(&w->rng, 6)) {
    case 0: h -= (int64_t)below(&w->rng, 5); break;
    case 1: h += (int64_t)w->m.capacity + (int64_t)below(&w->rng, 4); break;
    default: h += (int64_t)below(&w->rng, 3); break;
    }
    int64_t top = w->m.base + CELLS - 3;
    return h > top ? top : h;
}

/* A random accumulator on the world's scale (or, rarely, another scale). */
static cxm_acc *random_acc(world *w, bool allow_mismatch)
{
    cxm_scale other = preset(CXM_PRESET_CES_5); /* never a world's scale */
    bool mismatch = allow_mismatch && below(&w->rng, 10) == 0;
    cxm_acc *acc = NULL;
    require((cxm_acc_new(mismatch ? &other : &w->scale, &acc)) == (CXM_OK));
    uint64_t budget = below(&w->rng, 6) == 0 ? UINT64_MAX : 1000;
    for (int32_t i = 0; i < w->m.span; i++) {
        uint64_t c = budget == UINT64_MAX && i == 0 ? UINT64_MAX - below(&w->rng, 3)
                     : below(&w->rng, 3) == 0       ? below(&w->rng, 50)
                                                    : 0;
        if (c > budget) {
            c = budget;
        }
        budget -= c;
        int32_t rating = mismatch ? 1 + i % 5 : w->m.min + i;
        require((cxm_acc_add_count(acc, rating, c)) == (CXM_OK));
    }
    return acc;
}

static void expect(world *w, int got, int want, series_image *im, const char *op)
{
    if (got != want) {
        ck_abort_msg("seed %llu step %d: %s returned %d, model says %d",
                     (unsigned long long)w->seed, w->step, op, got, want);
    }
    if (got != CXM_OK) {
        image_check(w->s, *im, op);
    } else {
        free(im->bytes);
    }
}

static void op_advance(world *w)
{
    int64_t h =
        below(&w->rng, 20) == 0 ? (below(&w->rng, 2) ? LIMIT + 1 : -LIMIT - 1) : random_head(w);
    series_image im = image_take(w->s);
    int want = model_advance(&w->m, h);
    expect(w, cxm_series_advance(w->s, h), want, &im, "advance");
}

static void op_add(world *w)
{
    int64_t b = random_bucket(w);
    int32_t r = random_rating(w);
    series_image im = image_take(w->s);
    int want = model_add(&w->m, b, r, 1);
    expect(w, cxm_series_add(w->s, b, r), want, &im, "add");
}

static void op_add_count(world *w)
{
    int64_t b = random_bucket(w);
    int32_t r = random_rating(w);
    uint64_t c = random_count(&w->rng);
    series_image im = image_take(w->s);
    int want = model_add(&w->m, b, r, c);
    expect(w, cxm_series_add_count(w->s, b, r, c), want, &im, "add_count");
}

static void op_remove_count(world *w)
{
    int64_t b = random_bucket(w);
    int32_t r = random_rating(w);
    uint64_t have = 0;
    if (retained(&w->m, b) && r >= w->m.min && r < w->m.min + w->m.span) {
        have = w->m.counts[cell(&w->m, b)][r - w->m.min];
    }
    uint64_t c = below(&w->rng, 4) == 0 ? random_count(&w->rng) : below(&w->rng, have + 2);
    series_image im = image_take(w->s);
    int want = model_remove(&w->m, b, r, c);
    expect(w, cxm_series_remove_count(w->s, b, r, c), want, &im, "remove_count");
}

static void op_add_acc(world *w)
{
    int64_t b = random_bucket(w);
    cxm_acc *part = random_acc(w, true);
    uint64_t counts[CXM_MAX_SPAN], total;
    require((cxm_acc_counts(part, counts, CXM_MAX_SPAN)) == (CXM_OK));
    require((cxm_acc_total(part, &total)) == (CXM_OK));
    cxm_scale ps = CXM_SCALE_INIT;
    require((cxm_acc_scale(part, &ps)) == (CXM_OK));
    int want;
    if (!in_limits(b)) {
        want = CXM_ERR_ARG;
    } else if (!retained(&w->m, b)) {
        want = CXM_ERR_WINDOW;
    } else if (cxm_scale_equal(&ps, &w->scale) != 1) {
        want = CXM_ERR_MISMATCH;
    } else if (w->m.total[cell(&w->m, b)] > UINT64_MAX - total) {
        want = CXM_ERR_OVERFLOW;
    } else {
        want = CXM_OK;
        for (int32_t i = 0; i < w->m.span; i++) {
            w->m.counts[cell(&w->m, b)][i] += counts[i];
        }
        w->m.total[cell(&w->m, b)] += total;
    }
    series_image im = image_take(w->s);
    expect(w, cxm_series_add_acc(w->s, b, part), want, &im, "add_acc");
    cxm_acc_free(part);
}

static void op_sum(world *w)
{
    int64_t first = random_bucket(w), last = random_bucket(w) + (int64_t)below(&w->rng, 3);
    if (below(&w->rng, 8) == 0) {
        int64_t t = first; /* sometimes first > last */
        first = last;
        last = t;
    }
    cxm_acc *into = random_acc(w, true);
    uint64_t before[CXM_MAX_SPAN] = {0}, before_total;
    require((cxm_acc_counts(into, before, CXM_MAX_SPAN)) == (CXM_OK));
    require((cxm_acc_total(into, &before_total)) == (CXM_OK));
    cxm_scale is = CXM_SCALE_INIT;
    require((cxm_acc_scale(into, &is)) == (CXM_OK));
    /* The model's answer: ARG, WINDOW, MISMATCH, OVERFLOW in the header's order. */
    int want = CXM_OK;
    uint64_t want_counts[CXM_MAX_SPAN];
    memcpy(want_counts, before, sizeof want_counts);
    uint64_t want_total = before_total;
    if (!in_limits(first) || !in_limits(last) || first > last) {
        want = CXM_ERR_ARG;
    } else if (first <= w->m.head - (int64_t)w->m.capacity) {
        want = CXM_ERR_WINDOW;
    } else if (cxm_scale_equal(&is, &w->scale) != 1) {
        want = CXM_ERR_MISMATCH;
    } else {
        for (int64_t b = first; b <= last && b <= w->m.head; b++) {
            uint64_t c[MODEL_SPAN], t;
            model_bucket(&w->m, b, c, &t);
            if (t > UINT64_MAX - want_total) {
                want = CXM_ERR_OVERFLOW;
                break;
            }
            want_total += t;
            for (int32_t i = 0; i < w->m.span; i++) {
                want_counts[i] += c[i];
            }
        }
    }
    int got = cxm_series_sum(w->s, first, last, into);
    ck_assert_msg(got == want, "seed %llu step %d: sum(%lld, %lld) returned %d, model says %d",
                  (unsigned long long)w->seed, w->step, (long long)first, (long long)last, got,
                  want);
    uint64_t after[CXM_MAX_SPAN] = {0}, after_total;
    require((cxm_acc_counts(into, after, CXM_MAX_SPAN)) == (CXM_OK));
    require((cxm_acc_total(into, &after_total)) == (CXM_OK));
    const uint64_t *expect_counts = want == CXM_OK ? want_counts : before;
    require((after_total) == (want == CXM_OK ? want_total : before_total));
    for (int32_t i = 0; i < w->m.span; i++) {
        require((after[i]) == (expect_counts[i]));
    }
    cxm_acc_free(into);
}

/* Fills a fresh series and its model with random adds. */
static void random_fill(world *w, cxm_series *s, model *m, int adds)
{
    for (int k = 0; k < adds; k++) {
        int64_t b = m->head - (int64_t)below(&w->rng, m->capacity);
        int32_t r = m->min + (int32_t)below(&w->rng, (uint64_t)m->span);
        uint64_t c = below(&w->rng, 10) == 0 ? UINT64_MAX / 2 : 1 + below(&w->rng, 9);
        int want = model_add(m, b, r, c);
        require((cxm_series_add_count(s, b, r, c)) == (want));
    }
}

/* The model of merge, straight from include/cxmetrics.h. */
static int model_merge(model *into, const model *from)
{
    int64_t head = into->head > from->head ? into->head : from->head;
    model next = *into;
    next.head = head;
    model_expire(&next);
    for (int64_t i = 0; i < CELLS; i++) {
        int64_t b = from->base + i;
        if (!retained(from, b) || !retained(&next, b)) {
            continue;
        }
        size_t c = cell(&next, b);
        if (next.total[c] > UINT64_MAX - from->total[i]) {
            return CXM_ERR_OVERFLOW;
        }
        next.total[c] += from->total[i];
        for (int32_t r = 0; r < from->span; r++) {
            next.counts[c][r] += from->counts[i][r];
        }
    }
    *into = next;
    return CXM_OK;
}

static void op_merge(world *w)
{
    if (below(&w->rng, 6) == 0) { /* into == from */
        model copy = w->m;
        series_image im = image_take(w->s);
        int want = model_merge(&w->m, &copy);
        expect(w, cxm_series_merge(w->s, w->s), want, &im, "merge(s, s)");
        return;
    }
    uint32_t cap = 1 + (uint32_t)below(&w->rng, 12);
    int64_t head = random_head(w);
    if (!in_limits(head)) {
        head = w->m.head;
    }
    cxm_series *other = NULL;
    bool mismatch = below(&w->rng, 12) == 0;
    cxm_scale other_scale = mismatch ? preset(CXM_PRESET_CES_5) : w->scale;
    require((cxm_series_new(&other_scale, cap, head, &other)) == (CXM_OK));
    model *om = malloc(sizeof *om);
    require(om != NULL);
    model_init(om, w->m.min, w->m.span, cap, head, w->m.base);
    if (!mismatch) {
        random_fill(w, other, om, (int)below(&w->rng, 12));
    }
    series_image im = image_take(w->s);
    int want = mismatch ? CXM_ERR_MISMATCH : model_merge(&w->m, om);
    expect(w, cxm_series_merge(w->s, other), want, &im, "merge");
    free(om);
    cxm_series_free(other);
}

static void op_clone(world *w)
{
    cxm_series *copy = NULL;
    require((cxm_series_clone(w->s, &copy)) == (CXM_OK));
    assert_matches(copy, &w->m, w->seed, w->step);
    /* Carry on with the clone, so the rest of the run tests it. */
    cxm_series_free(w->s);
    w->s = copy;
}

/* Encode, check the size edges, decode, and carry on with the decoded copy. */
static void op_codec(world *w)
{
    size_t size = 0, written = 0;
    require(cxm_series_encoded_size(w->s, &size) == CXM_OK);
    unsigned char *bytes = malloc(size + 1);
    require(bytes != NULL);
    memset(bytes, 0xA5, size + 1);
    require(cxm_series_encode(w->s, bytes, size - 1, &written) == CXM_ERR_SIZE);
    require(bytes[0] == 0xA5 && written == 0);
    require(cxm_series_encode(w->s, bytes, size + 1, &written) == CXM_OK);
    require(written == size && bytes[size] == 0xA5);
    cxm_series *copy = NULL;
    require(cxm_series_decode(bytes, size, &copy) == CXM_OK);
    assert_matches(copy, &w->m, w->seed, w->step);
    unsigned char *again = malloc(size);
    require(again != NULL);
    require(cxm_series_encode(copy, again, size, &written) == CXM_OK);
    require(written == size && memcmp(bytes, again, size) == 0);
    free(again);
    free(bytes);
    cxm_series_free(w->s);
    w->s = copy;
}

typedef void (*operation)(world *);

static const operation operations[] = {
    op_advance, op_add, op_add, op_add,   op_add_count, op_add_count, op_remove_count,
    op_add_acc, op_sum, op_sum, op_merge, op_clone,     op_codec,
};

/* One seeded run: a scale, a capacity, a starting head (near zero or near
 * either limit), then random operations, each checked against the model. */
static void random_run(uint64_t seed, int steps)
{
    static const int scales[] = {CXM_PRESET_NPS, CXM_PRESET_CSAT_3, CXM_PRESET_CES_7};
    world *w = calloc(1, sizeof *w);
    require(w != NULL);
    w->seed = seed;
    w->rng = seed;
    w->scale = preset(scales[below(&w->rng, 3)]);
    uint32_t cap = 1 + (uint32_t)below(&w->rng, 12);
    int64_t base;
    switch (below(&w->rng, 4)) {
    case 0: base = -LIMIT - 16; break;        /* the window reaches past -2^62 */
    case 1: base = LIMIT - CELLS + 40; break; /* the head reaches +2^62 and beyond */
    default: base = -50; break;
    }
    int64_t head = base + 20;
    /* A third of the runs start in caller memory (malloc's alignment suits
     * any object type), with its failed calls byte-compared there too. */
    void *caller_mem = NULL;
    if (below(&w->rng, 3) == 0) {
        size_t need = cxm_series_footprint(&w->scale, cap);
        caller_mem = malloc(need);
        require(caller_mem != NULL);
        require(cxm_series_init(caller_mem, need, &w->scale, cap, head, &w->s) == CXM_OK);
        require((void *)w->s == caller_mem);
    } else {
        require(cxm_series_new(&w->scale, cap, head, &w->s) == CXM_OK);
    }
    model_init(&w->m, w->scale.min, w->scale.max - w->scale.min + 1, cap, head, base);
    for (w->step = 0; w->step < steps; w->step++) {
        operations[below(&w->rng, sizeof operations / sizeof operations[0])](w);
        assert_matches(w->s, &w->m, seed, w->step);
    }
    cxm_series_free(w->s); /* a no-op if it is still in caller_mem */
    free(caller_mem);
    free(w);
}

START_TEST(random_operations_match_the_model)
{
    for (uint64_t seed = 1; seed <= 60; seed++) {
        random_run(seed * 0x9E3779B97F4A7C15u, 250);
    }
}
END_TEST

/* ---- merge algebra --------------------------------------------------------- */

/* Series a and b agree on head, capacity and every retained bucket. */
static void assert_same_series(const cxm_series *a, const cxm_series *b, uint64_t seed)
{
    ck_assert_msg(head_of(a) == head_of(b), "seed %llu: heads differ", (unsigned long long)seed);
    uint32_t cap = 0, cap_b = 0;
    ck_assert_int_eq(cxm_series_capacity(a, &cap), CXM_OK);
    ck_assert_int_eq(cxm_series_capacity(b, &cap_b), CXM_OK);
    ck_assert_uint_eq(cap, cap_b);
    int64_t h = head_of(a);
    for (uint32_t age = 0; age < cap && in_limits(h - (int64_t)age); age++) {
        uint64_t ca[CXM_MAX_SPAN], cb[CXM_MAX_SPAN], ta, tb;
        bucket_counts(a, h - (int64_t)age, ca, &ta);
        bucket_counts(b, h - (int64_t)age, cb, &tb);
        ck_assert_msg(ta == tb && memcmp(ca, cb, sizeof ca) == 0, "seed %llu: bucket %lld differs",
                      (unsigned long long)seed, (long long)(h - (int64_t)age));
    }
}

static cxm_series *random_series(uint64_t *rng, uint32_t cap, int64_t near)
{
    cxm_series *s = new_series(CXM_PRESET_NPS, cap, near + (int64_t)below(rng, 2 * cap));
    int64_t head = head_of(s);
    for (int k = (int)below(rng, 30); k > 0; k--) {
        ck_assert_int_eq(cxm_series_add_count(s, head - (int64_t)below(rng, cap),
                                              (int32_t)below(rng, 11), 1 + below(rng, 1000)),
                         CXM_OK);
    }
    return s;
}

static cxm_series *merged(const cxm_series *a, const cxm_series *b)
{
    cxm_series *out = NULL;
    ck_assert_int_eq(cxm_series_clone(a, &out), CXM_OK);
    ck_assert_int_eq(cxm_series_merge(out, b), CXM_OK);
    return out;
}

START_TEST(merge_commutative_and_associative)
{
    for (uint64_t seed = 1; seed <= 200; seed++) {
        uint64_t rng = seed;
        uint32_t cap = 1 + (uint32_t)below(&rng, 20);
        cxm_series *a = random_series(&rng, cap, 0);
        cxm_series *b = random_series(&rng, cap, 0);
        cxm_series *c = random_series(&rng, cap, 0);
        cxm_series *ab = merged(a, b), *ba = merged(b, a);
        assert_same_series(ab, ba, seed);
        cxm_series *ab_c = merged(ab, c), *bc = merged(b, c);
        cxm_series *a_bc = merged(a, bc);
        assert_same_series(ab_c, a_bc, seed);
        cxm_series *list[] = {a, b, c, ab, ba, ab_c, bc, a_bc};
        for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
            cxm_series_free(list[i]);
        }
    }
}
END_TEST

/* advance empties exactly the buckets that leave, by whatever step. */
START_TEST(advance_expires_exactly_the_leaving_buckets)
{
    for (uint32_t cap = 1; cap <= 9; cap++) {
        for (int64_t step = 1; step <= 12; step++) {
            cxm_series *s = new_series(CXM_PRESET_CSAT_3, cap, 0);
            for (uint32_t age = 0; age < cap; age++) {
                ck_assert_int_eq(cxm_series_add_count(s, -(int64_t)age, 3, age + 1), CXM_OK);
            }
            ck_assert_int_eq(cxm_series_advance(s, step), CXM_OK);
            for (int64_t b = step - (int64_t)cap + 1; b <= step; b++) {
                uint64_t want = b <= 0 ? (uint64_t)(-b) + 1 : 0;
                ck_assert_uint_eq(bucket_total(s, b), want);
            }
            cxm_series_free(s);
        }
    }
}
END_TEST

/* ---- encoding (docs/format.md, "Series") ----------------------------------
 * The golden bytes are docs/format.md's worked examples, written out field by
 * field from its layout table by a throwaway Python transcription (struct
 * packing, LEB128, and the bit-by-bit CRC-32C the page gives), not by the
 * library's encoder. */

/* NPS, capacity 7, head 20000: day 20000 holds one 0 and three 10s, day
 * 19998 two 7s. */
static const unsigned char golden_nps[] = {
    0x43, 0x58, 0x4D, 0x53, 0x01,                         /* "CXMS", version 1 */
    0x00, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00,       /* min 0, max 10 */
    0x09, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00,       /* positive 9-10 */
    0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x02, /* negative 0-6, net */
    0x07, 0x00, 0x00, 0x00,                               /* capacity 7 */
    0x20, 0x4E, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,       /* head 20000 */
    0x02,                                                 /* 2 nonempty buckets */
    0x00, 0x02, 0x00, 0x01, 0x09, 0x03,                   /* age 0: 0 x1, 10 x3 */
    0x01, 0x01, 0x07, 0x02,                               /* age 2: 7 x2 */
    0x6F, 0xC0, 0xD0, 0x41,                               /* CRC-32C 0x41D0C06F */
};

/* An empty CSAT_5 series of capacity 1 at head 0: the smallest encoding. */
static const unsigned char golden_empty[] = {
    0x43, 0x58, 0x4D, 0x53, 0x01, 0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00,
    0x00, 0x05, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x6B, 0x7E, 0xC6, 0xC0,
};

/* Scale -3..3 (mean), capacity 400, head -2^62 + 1: only two buckets lie
 * inside the limits; the older, -2^62, holds 2^62 ratings of -3 and five 3s. */
static const unsigned char golden_bottom[] = {
    0x43, 0x58, 0x4D, 0x53, 0x01, 0xFD, 0xFF, 0xFF, 0xFF, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x03, 0x00, 0x00, 0x00, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x03, /* scale */
    0x90, 0x01, 0x00, 0x00,                                           /* capacity 400 */
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0,                   /* head -2^62 + 1 */
    0x01, 0x01,                                                       /* 1 bucket, age 1 */
    0x02, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, /* -3 x 2^62 */
    0x05, 0x05,                                                       /* 3 x 5 */
    0xE2, 0x48, 0x0C, 0xDB,                                           /* CRC-32C 0xDB0C48E2 */
};

static cxm_series *golden_nps_series(void)
{
    cxm_series *s = new_series(CXM_PRESET_NPS, 7, 20000);
    ck_assert_int_eq(cxm_series_add_count(s, 20000, 10, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_add(s, 20000, 0), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(s, 19998, 7, 2), CXM_OK);
    return s;
}

static cxm_series *golden_bottom_series(void)
{
    cxm_scale sc = make_scale(-3, 3, 1, 3, -3, -1, CXM_HEADLINE_MEAN);
    cxm_series *s = NULL;
    ck_assert_int_eq(cxm_series_new(&sc, 400, -LIMIT + 1, &s), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(s, -LIMIT, -3, UINT64_C(1) << 62), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(s, -LIMIT, 3, 5), CXM_OK);
    return s;
}

static size_t encode(const cxm_series *s, unsigned char *buf, size_t cap)
{
    size_t size = 0, written = 0;
    ck_assert_int_eq(cxm_series_encoded_size(s, &size), CXM_OK);
    ck_assert_int_eq(cxm_series_encode(s, buf, cap, &written), CXM_OK);
    ck_assert_uint_eq(written, size);
    return written;
}

static void assert_encodes_to(const cxm_series *s, const unsigned char *want, size_t len)
{
    unsigned char bytes[256];
    ck_assert_uint_eq(encode(s, bytes, sizeof bytes), len);
    for (size_t i = 0; i < len; i++) {
        ck_assert_msg(bytes[i] == want[i], "byte %zu is %02X, expected %02X", i, bytes[i], want[i]);
    }
}

static void assert_refused(const unsigned char *bytes, size_t len, const char *what)
{
    cxm_series *sentinel = (cxm_series *)(uintptr_t)0x1234, *out = sentinel;
    int status = cxm_series_decode(bytes, len, &out);
    if (status != CXM_ERR_FORMAT || out != sentinel) {
        ck_abort_msg("%s: decode returned %d, expected CXM_ERR_FORMAT", what, status);
    }
}

START_TEST(golden_encodings)
{
    cxm_series *nps = golden_nps_series(), *bottom = golden_bottom_series();
    cxm_series *empty = new_series(CXM_PRESET_CSAT_5, 1, 0);
    assert_encodes_to(nps, golden_nps, sizeof golden_nps);
    assert_encodes_to(empty, golden_empty, sizeof golden_empty);
    assert_encodes_to(bottom, golden_bottom, sizeof golden_bottom);
    cxm_series_free(empty);
    cxm_series_free(bottom);
    cxm_series_free(nps);
}
END_TEST

START_TEST(golden_decodings)
{
    cxm_series *s = NULL;
    ck_assert_int_eq(cxm_series_decode(golden_nps, sizeof golden_nps, &s), CXM_OK);
    cxm_series *want = golden_nps_series();
    assert_same_series(s, want, 0);
    ck_assert_uint_eq(bucket_total(s, 20000), 4);
    ck_assert_uint_eq(bucket_total(s, 19998), 2);
    cxm_series_free(want);
    cxm_series_free(s);

    ck_assert_int_eq(cxm_series_decode(golden_bottom, sizeof golden_bottom, &s), CXM_OK);
    ck_assert_int_eq(head_of(s), -LIMIT + 1);
    uint64_t counts[CXM_MAX_SPAN], total;
    bucket_counts(s, -LIMIT, counts, &total);
    ck_assert_uint_eq(counts[0], UINT64_C(1) << 62);
    ck_assert_uint_eq(counts[6], 5);
    ck_assert_uint_eq(total, (UINT64_C(1) << 62) + 5);
    ck_assert_uint_eq(bucket_total(s, -LIMIT + 1), 0);
    cxm_series_free(s);

    ck_assert_int_eq(cxm_series_decode(golden_empty, sizeof golden_empty, &s), CXM_OK);
    uint32_t cap = 0;
    ck_assert_int_eq(cxm_series_capacity(s, &cap), CXM_OK);
    ck_assert_uint_eq(cap, 1);
    ck_assert_int_eq(head_of(s), 0);
    ck_assert_uint_eq(bucket_total(s, 0), 0);
    cxm_series_free(s);
}
END_TEST

START_TEST(equal_series_encode_identically)
{
    /* The same state reached three ways: ring positions differ inside. */
    cxm_series *a = golden_nps_series();
    cxm_series *b = new_series(CXM_PRESET_NPS, 7, 3);
    ck_assert_int_eq(cxm_series_advance(b, 19998), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(b, 19998, 7, 2), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(b, 19998, 5, 9), CXM_OK);
    ck_assert_int_eq(cxm_series_remove_count(b, 19998, 5, 9), CXM_OK);
    ck_assert_int_eq(cxm_series_advance(b, 20000), CXM_OK);
    cxm_series *c = new_series(CXM_PRESET_NPS, 7, 20000);
    ck_assert_int_eq(cxm_series_add_count(c, 20000, 0, 1), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(c, 20000, 10, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_merge(b, c), CXM_OK);
    ck_assert_uint_ne(a->head_word, b->head_word);
    assert_encodes_to(b, golden_nps, sizeof golden_nps);
    /* An expired bucket leaves no trace. */
    ck_assert_int_eq(cxm_series_add(c, 19994, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_advance(c, 20000), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(c, 19998, 7, 2), CXM_OK);
    ck_assert_int_eq(cxm_series_advance(c, 20000 + 0), CXM_OK);
    cxm_series *d = new_series(CXM_PRESET_NPS, 7, 19993);
    ck_assert_int_eq(cxm_series_add(d, 19993, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_advance(d, 20000), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(d, 20000, 0, 1), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(d, 20000, 10, 3), CXM_OK);
    ck_assert_int_eq(cxm_series_add_count(d, 19998, 7, 2), CXM_OK);
    assert_encodes_to(d, golden_nps, sizeof golden_nps);
    cxm_series_free(a);
    cxm_series_free(b);
    cxm_series_free(c);
    cxm_series_free(d);
}
END_TEST

START_TEST(encode_errors_write_nothing)
{
    cxm_series *s = golden_nps_series();
    unsigned char buf[sizeof golden_nps];
    size_t written = 77, size = 0;
    ck_assert_int_eq(cxm_series_encoded_size(NULL, &size), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_encoded_size(s, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_encode(NULL, buf, sizeof buf, &written), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_encode(s, buf, sizeof buf, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_encode(s, NULL, 5, &written), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_encode(s, NULL, 0, &written), CXM_ERR_SIZE);
    for (size_t cap = 0; cap < sizeof golden_nps; cap++) {
        memset(buf, 0xA5, sizeof buf);
        ck_assert_int_eq(cxm_series_encode(s, buf, cap, &written), CXM_ERR_SIZE);
        for (size_t i = 0; i < sizeof buf; i++) {
            require(buf[i] == 0xA5);
        }
    }
    ck_assert_uint_eq(written, 77);
    ck_assert_int_eq(cxm_series_encode(s, buf, sizeof buf, &written), CXM_OK);
    ck_assert_uint_eq(written, sizeof golden_nps);
    cxm_series_free(s);
}
END_TEST

START_TEST(decoders_refuse_each_other)
{
    /* docs/format.md's accumulator example (NPS: ten 0s, thirty 7s, 300 10s). */
    static const unsigned char acc_bytes[] = {
        0x43, 0x58, 0x4D, 0x41, 0x01, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x09,
        0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00,
        0x00, 0x02, 0x03, 0x00, 0x0A, 0x06, 0x1E, 0x02, 0xAC, 0x02, 0x00, 0x8F, 0x0F, 0xE9};
    cxm_acc *acc = NULL;
    ck_assert_int_eq(cxm_acc_decode(acc_bytes, sizeof acc_bytes, &acc), CXM_OK);
    cxm_acc_free(acc);
    assert_refused(acc_bytes, sizeof acc_bytes, "an accumulator's encoding");
    const unsigned char *series[] = {golden_nps, golden_empty, golden_bottom};
    const size_t lens[] = {sizeof golden_nps, sizeof golden_empty, sizeof golden_bottom};
    for (size_t v = 0; v < 3; v++) {
        cxm_acc *sentinel = (cxm_acc *)(uintptr_t)0x1234, *out = sentinel;
        ck_assert_int_eq(cxm_acc_decode(series[v], lens[v], &out), CXM_ERR_FORMAT);
        ck_assert_ptr_eq(out, sentinel);
    }
    /* Even with the magic swapped and the checksum fixed, the layouts differ. */
    unsigned char swapped[sizeof acc_bytes];
    memcpy(swapped, acc_bytes, sizeof swapped);
    swapped[3] = 'S';
    put_crc(swapped, sizeof swapped);
    assert_refused(swapped, sizeof swapped, "an accumulator's body under CXMS");
}
END_TEST

START_TEST(decode_null_arguments)
{
    cxm_series *sentinel = (cxm_series *)(uintptr_t)0x1234, *out = sentinel;
    ck_assert_int_eq(cxm_series_decode(golden_nps, sizeof golden_nps, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_decode(NULL, 5, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_series_decode(NULL, 0, &out), CXM_ERR_FORMAT);
    ck_assert_ptr_eq(out, sentinel);
}
END_TEST

START_TEST(every_truncation_and_bit_flip_refused)
{
    const unsigned char *vectors[] = {golden_nps, golden_empty, golden_bottom};
    const size_t lens[] = {sizeof golden_nps, sizeof golden_empty, sizeof golden_bottom};
    for (size_t v = 0; v < 3; v++) {
        char what[64];
        for (size_t len = 0; len < lens[v]; len++) {
            unsigned char *copy = malloc(len + 1); /* exactly len bytes for ASan */
            require(copy != NULL);
            memcpy(copy, vectors[v], len);
            snprintf(what, sizeof what, "vector %zu cut to %zu", v, len);
            assert_refused(copy, len, what);
            free(copy);
        }
        unsigned char bytes[sizeof golden_bottom + 4];
        for (size_t bit = 0; bit < 8 * lens[v]; bit++) {
            memcpy(bytes, vectors[v], lens[v]);
            bytes[bit / 8] ^= (unsigned char)(1u << (bit % 8));
            snprintf(what, sizeof what, "vector %zu bit %zu flipped", v, bit);
            assert_refused(bytes, lens[v], what);
        }
        memcpy(bytes, vectors[v], lens[v]);
        bytes[lens[v]] = 0;
        assert_refused(bytes, lens[v] + 1, "a trailing byte");
    }
}
END_TEST

/* Replaces golden_nps bytes [at, at + remove) by insert, fixes the checksum,
 * and expects a refusal: the structural checks hold without the CRC. */
static void assert_edit_refused(size_t at, size_t remove, const unsigned char *insert,
                                size_t insert_len, const char *what)
{
    unsigned char bytes[256];
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
    unsigned char ok[sizeof golden_nps];
    memcpy(ok, golden_nps, sizeof ok);
    put_crc(ok, sizeof ok);
    cxm_series *s = NULL;
    ck_assert_int_eq(cxm_series_decode(ok, sizeof ok, &s), CXM_OK);
    cxm_series_free(s);

    EDIT(4, 1, "version 2", 0x02);
    EDIT(4, 1, "version 0", 0x00);
    EDIT(29, 1, "headline 4", 0x04);
    EDIT(13, 4, "positive band overlapping the negative one", 0x06, 0x00, 0x00, 0x00);
    EDIT(30, 4, "capacity 0", 0x00, 0x00, 0x00, 0x00);
    EDIT(30, 4, "capacity 2^20 + 1", 0x01, 0x00, 0x10, 0x00);
    EDIT(34, 8, "head 2^62 + 1", 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40);
    EDIT(34, 8, "head -2^62 - 1", 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xBF);
    EDIT(42, 1, "more entries than the window holds", 0x08);
    EDIT(42, 1, "one entry more than present", 0x03);
    EDIT(42, 1, "one entry fewer than present", 0x01);
    EDIT(42, 1, "entry count as an overlong varint", 0x82, 0x00);
    EDIT(49, 1, "second bucket at age 7 (capacity 7)", 0x06);
    EDIT(49, 1, "second bucket gap overlong", 0x81, 0x00);
    EDIT(43, 6, "an empty bucket", 0x00, 0x00);
    EDIT(44, 5, "a zero count", 0x02, 0x00, 0x00, 0x09, 0x03);
    EDIT(44, 5, "a rating past the scale", 0x02, 0x00, 0x01, 0x0A, 0x03);
    EDIT(53, 0, "a stray byte before the checksum", 0x00);
    assert_edit_refused(49, 4, ok, 0, "the second bucket missing");
    /* golden_bottom: a bucket older than -2^62 is out of the limits. */
    unsigned char bottom[sizeof golden_bottom];
    memcpy(bottom, golden_bottom, sizeof bottom);
    bottom[43] = 0x02; /* age 2 */
    put_crc(bottom, sizeof bottom);
    assert_refused(bottom, sizeof bottom, "a bucket below -2^62");
    /* A bucket's counts summing past UINT64_MAX. */
    memcpy(bottom, golden_bottom, sizeof bottom);
    unsigned char huge[sizeof golden_bottom + 16];
    size_t n = 0;
    memcpy(huge, bottom, 44);
    n = 44;
    const unsigned char two_huge[] = {0x02, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                      0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00, 0x01};
    memcpy(huge + n, two_huge, sizeof two_huge);
    n += sizeof two_huge + 4;
    put_crc(huge, n);
    assert_refused(huge, n, "counts summing past UINT64_MAX");
}
END_TEST

START_TEST(random_garbage_refused)
{
    uint64_t rng = 42;
    unsigned char bytes[200];
    for (int k = 0; k < 20000; k++) {
        size_t len = (size_t)below(&rng, sizeof bytes);
        for (size_t i = 0; i < len; i++) {
            bytes[i] = (unsigned char)next_random(&rng);
        }
        if (len >= 5 && below(&rng, 2)) {
            memcpy(bytes, golden_nps, 5); /* a plausible start */
        }
        if (len >= 4) {
            put_crc(bytes, len);
        }
        cxm_series *out = NULL;
        int status = cxm_series_decode(bytes, len, &out);
        if (status == CXM_OK) { /* then it must be canonical */
            unsigned char again[256];
            size_t written = 0;
            require(cxm_series_encode(out, again, sizeof again, &written) == CXM_OK);
            require(written == len && memcmp(again, bytes, len) == 0);
            cxm_series_free(out);
        } else {
            require(status == CXM_ERR_FORMAT);
        }
    }
}
END_TEST

static Suite *series_suite(void)
{
    Suite *s = suite_create("series");
    TCase *life = tcase_create("life");
    tcase_add_test(life, new_is_empty);
    tcase_add_test(life, getters_errors);
    tcase_add_test(life, new_errors);
    tcase_add_test(life, footprint);
    tcase_add_test(life, init_in_caller_memory);
    tcase_add_test(life, init_errors_touch_nothing);
    tcase_add_test(life, clone_is_independent);
    suite_add_tcase(s, life);

    TCase *rules = tcase_create("rules");
    tcase_add_test(rules, window_edges);
    tcase_add_test(rules, bucket_limits);
    tcase_add_test(rules, records_like_an_accumulator);
    tcase_add_test(rules, record_errors_change_nothing);
    tcase_add_test(rules, add_acc_rules);
    tcase_add_test(rules, sum_rules);
    tcase_add_test(rules, merge_rules);
    tcase_add_test(rules, merge_errors_change_nothing);
    tcase_add_test(rules, advance_expires_exactly_the_leaving_buckets);
    suite_add_tcase(s, rules);

    TCase *props = tcase_create("properties");
    tcase_add_test(props, random_operations_match_the_model);
    tcase_add_test(props, merge_commutative_and_associative);
    suite_add_tcase(s, props);

    TCase *codec = tcase_create("encoding");
    tcase_add_test(codec, golden_encodings);
    tcase_add_test(codec, golden_decodings);
    tcase_add_test(codec, equal_series_encode_identically);
    tcase_add_test(codec, encode_errors_write_nothing);
    tcase_add_test(codec, decoders_refuse_each_other);
    tcase_add_test(codec, decode_null_arguments);
    tcase_add_test(codec, every_truncation_and_bit_flip_refused);
    tcase_add_test(codec, structural_errors_refused_with_valid_checksum);
    tcase_add_test(codec, random_garbage_refused);
    suite_add_tcase(s, codec);
    return s;
}

CXM_TEST_MAIN(series_suite)
