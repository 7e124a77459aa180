/*
 * The series: a ring of buckets indexed by bucket numbers the caller chooses
 * (days, weeks, hours), for trailing windows, calendar periods and trends.
 * internal.h lays out the block and its buckets; the encoding is in
 * series_codec.c.
 *
 * As everywhere in the library, each mutating function checks everything
 * first and changes memory last, so an error leaves the series exactly as it
 * was. The error classes are checked in one order: NULL, bucket numbers
 * outside the limits (CXM_ERR_ARG), the window (CXM_ERR_WINDOW), then what
 * the accumulator counterpart checks (RANGE, MISMATCH, ABSENT, OVERFLOW).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- the block ------------------------------------------------------------ */

size_t cxmi_series_bytes(uint32_t span, uint32_t capacity)
{
    /* At most 64 + 2^20 * 101 * 8 bytes (about 850 MB): fits a 32-bit size_t. */
    return offsetof(cxm_series, words) + (size_t)capacity * span * sizeof(uint64_t);
}

bool cxmi_series_in_limits(int64_t bucket)
{
    return bucket >= -CXM_SERIES_BUCKET_LIMIT && bucket <= CXM_SERIES_BUCKET_LIMIT;
}

uint64_t cxmi_series_window(int64_t head, uint32_t capacity)
{
    /* head + 2^62 + 1 bucket numbers lie in [-2^62, head]. */
    uint64_t in_limits = (uint64_t)head + (uint64_t)CXM_SERIES_BUCKET_LIMIT + 1;
    return in_limits < capacity ? in_limits : capacity;
}

static bool capacity_valid(uint32_t capacity)
{
    return capacity >= 1 && capacity <= CXM_SERIES_MAX_CAPACITY;
}

static cxm_series *place(void *mem, const cxm_scale *scale, uint32_t capacity, int64_t head,
                         uint32_t owned)
{
    cxm_series *s = mem;
    uint32_t span = cxmi_scale_span(scale);
    memset(s, 0, cxmi_series_bytes(span, capacity));
    s->scale = *scale;
    s->span = span;
    s->capacity = capacity;
    s->owned = owned;
    s->head = head;
    s->window = cxmi_series_window(head, capacity);
    return s;
}

cxm_series *cxmi_series_alloc(const cxm_scale *scale, uint32_t capacity, int64_t head)
{
    void *mem = malloc(cxmi_series_bytes(cxmi_scale_span(scale), capacity));
    return mem == NULL ? NULL : place(mem, scale, capacity, head, 1);
}

/* The checks shared by new and init: a valid scale (normalized into *norm),
 * capacity and head. */
static int load_arguments(const cxm_scale *scale, uint32_t capacity, int64_t head, cxm_scale *norm)
{
    int status = cxmi_scale_load(scale, norm);
    if (status != CXM_OK) {
        return status;
    }
    if (!capacity_valid(capacity) || !cxmi_series_in_limits(head)) {
        return CXM_ERR_ARG;
    }
    return CXM_OK;
}

int cxm_series_new(const cxm_scale *scale, uint32_t capacity, int64_t head, cxm_series **out)
{
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = load_arguments(scale, capacity, head, &norm);
    if (status != CXM_OK) {
        return status;
    }
    cxm_series *s = cxmi_series_alloc(&norm, capacity, head);
    if (s == NULL) {
        return CXM_ERR_NOMEM;
    }
    *out = s;
    return CXM_OK;
}

size_t cxm_series_footprint(const cxm_scale *scale, uint32_t capacity)
{
    cxm_scale norm;
    if (load_arguments(scale, capacity, 0, &norm) != CXM_OK) {
        return 0;
    }
    return cxmi_series_bytes(cxmi_scale_span(&norm), capacity);
}

int cxm_series_init(void *mem, size_t mem_size, const cxm_scale *scale, uint32_t capacity,
                    int64_t head, cxm_series **out)
{
    if (mem == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = load_arguments(scale, capacity, head, &norm);
    if (status != CXM_OK) {
        return status;
    }
    status = cxmi_memory_check(mem, mem_size, cxmi_series_bytes(cxmi_scale_span(&norm), capacity));
    if (status != CXM_OK) {
        return status;
    }
    *out = place(mem, &norm, capacity, head, 0);
    return CXM_OK;
}

void cxm_series_free(cxm_series *s)
{
    if (s != NULL && s->owned) {
        free(s);
    }
}

int cxm_series_clone(const cxm_series *s, cxm_series **out)
{
    if (s == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    size_t bytes = cxmi_series_bytes(s->span, s->capacity);
    cxm_series *copy = malloc(bytes);
    if (copy == NULL) {
        return CXM_ERR_NOMEM;
    }
    memcpy(copy, s, bytes);
    copy->owned = 1;
    *out = copy;
    return CXM_OK;
}

int cxm_series_scale(const cxm_series *s, cxm_scale *out)
{
    return s == NULL ? CXM_ERR_NULL : cxmi_scale_copy_out(&s->scale, out);
}

int cxm_series_capacity(const cxm_series *s, uint32_t *out)
{
    if (s == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    *out = s->capacity;
    return CXM_OK;
}

int cxm_series_head(const cxm_series *s, int64_t *out)
{
    if (s == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    *out = s->head;
    return CXM_OK;
}

/* ---- buckets -------------------------------------------------------------- */

/* The words of the ring, capacity * span (at most 2^20 * 101, below 2^27). */
static uint32_t ring_words(const cxm_series *s)
{
    return s->capacity * s->span;
}

uint64_t *cxmi_series_bucket(const cxm_series *s, uint64_t age)
{
    uint32_t back = (uint32_t)age * s->span; /* age < window <= capacity */
    uint32_t first =
        s->head_word >= back ? s->head_word - back : s->head_word + ring_words(s) - back;
    return (uint64_t *)s->words + first;
}

void cxmi_series_bucket_counts(const cxm_series *s, const uint64_t *words, uint64_t *counts)
{
    uint64_t rest = 0;
    for (uint32_t i = 1; i < s->span; i++) {
        counts[i] = words[i];
        rest += words[i];
    }
    counts[0] = words[0] - rest;
}

void cxmi_series_bucket_set(const cxm_series *s, uint64_t *words, const uint64_t *counts,
                            uint64_t total)
{
    words[0] = total;
    memcpy(words + 1, counts + 1, (s->span - 1) * sizeof words[0]);
}

/* into[i] += from[i] for n words; the caller has ruled out overflow. Two
 * words a step: the sum of a trailing window spends most of its time here,
 * and pairs halve the loop's own instructions. into == from doubles. */
static void add_words(uint64_t *into, const uint64_t *from, size_t n)
{
    size_t i = 0;
    for (; i + 2 <= n; i += 2) {
        into[i] += from[i];
        into[i + 1] += from[i + 1];
    }
    if (i < n) {
        into[i] += from[i];
    }
}

/* The age (head - bucket) of a bucket that may be written or read as
 * retained, or the status that says why not. */
static int locate(const cxm_series *s, int64_t bucket, uint64_t *age)
{
    if (!cxmi_series_in_limits(bucket)) {
        return CXM_ERR_ARG;
    }
    /* Both lie in [-2^62, 2^62], so the difference fits a uint64_t. */
    uint64_t back = (uint64_t)s->head - (uint64_t)bucket;
    if (bucket > s->head || back >= s->capacity) {
        return CXM_ERR_WINDOW;
    }
    *age = back;
    return CXM_OK;
}

/* The word of a rating in a bucket (word 0, the total, for min), or a value
 * >= span if the rating is outside the scale. */
static uint64_t rating_word(const cxm_series *s, int32_t rating)
{
    return (uint64_t)((int64_t)rating - (int64_t)s->scale.min);
}

/* The bucket's words and the rating's word, after the rules shared by
 * add_count and remove_count, in their order: the bucket (ARG, WINDOW), then
 * the rating (RANGE). */
static int bucket_rating(cxm_series *s, int64_t bucket, int32_t rating, uint64_t **words,
                         uint64_t *word)
{
    uint64_t age;
    int status = locate(s, bucket, &age);
    if (status != CXM_OK) {
        return status;
    }
    *word = rating_word(s, rating);
    if (*word >= s->span) {
        return CXM_ERR_RANGE;
    }
    *words = cxmi_series_bucket(s, age);
    return CXM_OK;
}

/* add_count, and add's slow path: the rules, then the change. A rating's
 * word is the total for min; the total is then set after the count, to the
 * same value, so one code path serves every rating. */
static int add_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count)
{
    uint64_t *words;
    uint64_t word;
    int status = bucket_rating(s, bucket, rating, &words, &word);
    if (status != CXM_OK) {
        return status;
    }
    if (count > UINT64_MAX - words[0]) {
        return CXM_ERR_OVERFLOW;
    }
    uint64_t total = words[0] + count;
    words[word] += count;
    words[0] = total;
    return CXM_OK;
}

/* Adds one rating to a bucket's words (word as rating_word). */
static int add_one(uint64_t *words, uint32_t word)
{
    uint64_t total = words[0] + 1; /* wraps to 0 exactly on overflow */
    if (total == 0) {
        return CXM_ERR_OVERFLOW;
    }
    words[word]++;
    words[0] = total;
    return CXM_OK;
}

/* The hot path of a stream of ratings, written out (cf. cxm_acc_add). Most
 * ratings land in the head bucket, which is found without ring arithmetic.
 * For another bucket, one unsigned compare proves it retained and inside the
 * limits (see `window` in internal.h). As in cxm_acc_add, rating - min
 * modulo 2^32 is below span exactly for the valid ratings. Anything else
 * takes the general path, which says which rule failed; calling it through
 * the exported function keeps that rare code out of this one. */
int cxm_series_add(cxm_series *s, int64_t bucket, int32_t rating)
{
    if (s == NULL) {
        return CXM_ERR_NULL;
    }
    uint32_t word = (uint32_t)rating - (uint32_t)s->scale.min;
    if (bucket == s->head && word < s->span) {
        return add_one(s->words + s->head_word, word);
    }
    uint64_t age = (uint64_t)s->head - (uint64_t)bucket;
    if (age < s->window && word < s->span) {
        return add_one(cxmi_series_bucket(s, age), word);
    }
    return cxm_series_add_count(s, bucket, rating, 1);
}

int cxm_series_add_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count)
{
    if (s == NULL) {
        return CXM_ERR_NULL;
    }
    return add_count(s, bucket, rating, count);
}

int cxm_series_remove_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count)
{
    if (s == NULL) {
        return CXM_ERR_NULL;
    }
    uint64_t *words;
    uint64_t word;
    int status = bucket_rating(s, bucket, rating, &words, &word);
    if (status != CXM_OK) {
        return status;
    }
    uint64_t counts[CXM_MAX_SPAN];
    cxmi_series_bucket_counts(s, words, counts);
    if (count > counts[word]) {
        return CXM_ERR_ABSENT;
    }
    uint64_t total = words[0] - count;
    words[word] -= count;
    words[0] = total;
    return CXM_OK;
}

int cxm_series_add_acc(cxm_series *s, int64_t bucket, const cxm_acc *part)
{
    if (s == NULL || part == NULL) {
        return CXM_ERR_NULL;
    }
    uint64_t age;
    int status = locate(s, bucket, &age);
    if (status != CXM_OK) {
        return status;
    }
    if (!cxmi_scale_equal(&s->scale, &part->scale)) {
        return CXM_ERR_MISMATCH;
    }
    uint64_t *words = cxmi_series_bucket(s, age);
    if (part->total > UINT64_MAX - words[0]) {
        return CXM_ERR_OVERFLOW;
    }
    words[0] += part->total;
    add_words(words + 1, part->counts + 1, s->span - 1);
    return CXM_OK;
}

/* ---- time ----------------------------------------------------------------- */

/* Empties the n buckets after the head, wrapping around the ring. */
static void clear_after_head(cxm_series *s, uint32_t n)
{
    uint32_t ring = ring_words(s);
    uint32_t first = s->head_word + s->span == ring ? 0 : s->head_word + s->span;
    uint32_t words = n * s->span;
    uint32_t run = ring - first < words ? ring - first : words;
    memset(s->words + first, 0, run * sizeof s->words[0]);
    memset(s->words, 0, (words - run) * sizeof s->words[0]);
}

/* The buckets head + 1 .. new head take the slots of the ones that expire:
 * those, at most capacity of them, are emptied, and nothing else is read or
 * written, so advancing by one costs one bucket whatever the capacity. */
static void move_head(cxm_series *s, int64_t head)
{
    uint64_t delta = (uint64_t)head - (uint64_t)s->head;
    clear_after_head(s, delta < s->capacity ? (uint32_t)delta : s->capacity);
    uint32_t slot = s->head_word / s->span + (uint32_t)(delta % s->capacity);
    s->head_word = (slot % s->capacity) * s->span;
    s->head = head;
    s->window = cxmi_series_window(head, s->capacity);
}

int cxm_series_advance(cxm_series *s, int64_t head)
{
    if (s == NULL) {
        return CXM_ERR_NULL;
    }
    if (!cxmi_series_in_limits(head)) {
        return CXM_ERR_ARG;
    }
    if (head > s->head) {
        move_head(s, head);
    }
    return CXM_OK;
}

/* ---- sums and merges ----------------------------------------------------- */

int cxm_series_sum(const cxm_series *s, int64_t first, int64_t last, cxm_acc *into)
{
    if (s == NULL || into == NULL) {
        return CXM_ERR_NULL;
    }
    if (!cxmi_series_in_limits(first) || !cxmi_series_in_limits(last) || first > last) {
        return CXM_ERR_ARG;
    }
    /* first <= head here; buckets older than the window are gone. */
    if (first <= s->head && (uint64_t)s->head - (uint64_t)first >= s->capacity) {
        return CXM_ERR_WINDOW;
    }
    if (!cxmi_scale_equal(&s->scale, &into->scale)) {
        return CXM_ERR_MISMATCH;
    }
    if (first > s->head) {
        return CXM_OK; /* only buckets after the head: all empty */
    }
    uint64_t newest = last >= s->head ? 0 : (uint64_t)s->head - (uint64_t)last;
    uint64_t oldest = (uint64_t)s->head - (uint64_t)first;
    /* Oldest to newest is forward through the ring, wrapping once at most. */
    const uint64_t *bucket = cxmi_series_bucket(s, oldest);
    const uint64_t *ring_end = s->words + ring_words(s);
    uint64_t words[CXM_MAX_SPAN];
    memset(words, 0, s->span * sizeof words[0]);
    for (uint64_t n = oldest - newest + 1; n > 0; n--) {
        if (bucket[0] > UINT64_MAX - words[0]) {
            return CXM_ERR_OVERFLOW; /* then into's total would overflow too */
        }
        add_words(words, bucket, s->span);
        bucket += s->span;
        if (bucket == ring_end) {
            bucket = s->words;
        }
    }
    /* The range sum is a bucket of its own: unpack its implicit count. */
    uint64_t counts[CXM_MAX_SPAN];
    cxmi_series_bucket_counts(s, words, counts);
    return cxmi_acc_add_counts(into, counts, words[0]);
}

/* How many of from's buckets, from its head back, land in into's window once
 * into's head is at `head` (>= both heads): the ages [0, result) of from. */
static uint64_t overlap(const cxm_series *into, const cxm_series *from, int64_t head)
{
    uint64_t shift = (uint64_t)head - (uint64_t)from->head;
    uint64_t window = cxmi_series_window(head, into->capacity);
    if (shift >= window) {
        return 0;
    }
    return window - shift < from->window ? window - shift : from->window;
}

int cxm_series_merge(cxm_series *into, const cxm_series *from)
{
    if (into == NULL || from == NULL) {
        return CXM_ERR_NULL;
    }
    if (!cxmi_scale_equal(&into->scale, &from->scale)) {
        return CXM_ERR_MISMATCH;
    }
    int64_t head = into->head > from->head ? into->head : from->head;
    uint64_t from_shift = (uint64_t)head - (uint64_t)from->head;
    uint64_t into_shift = (uint64_t)head - (uint64_t)into->head;
    uint64_t count = overlap(into, from, head);
    /* Every overflow is found before the head moves: a bucket of into that
     * the advance empties (newer than into's head) counts as 0. */
    for (uint64_t age = 0; age < count; age++) {
        uint64_t add = cxmi_series_bucket(from, age)[0];
        uint64_t new_age = age + from_shift;
        uint64_t have =
            new_age < into_shift ? 0 : cxmi_series_bucket(into, new_age - into_shift)[0];
        if (add > UINT64_MAX - have) {
            return CXM_ERR_OVERFLOW;
        }
    }
    if (head > into->head) {
        move_head(into, head);
    }
    /* into == from: the shifts are 0 and each bucket is added to itself. */
    for (uint64_t age = 0; age < count; age++) {
        add_words(cxmi_series_bucket(into, age + from_shift), cxmi_series_bucket(from, age),
                  into->span);
    }
    return CXM_OK;
}
