/* The recorder (cxm_recorder): adds from many threads, one collector, every
 * rating collected exactly once, and the overflow rules.
 *
 * The threaded tests know each thread's exact contribution (seeded, batch by
 * batch) and check the collections count for count: everything a thread had
 * published before a collect began is in the collections so far, nothing it
 * had not yet added is, and the sum of all collections is the sum of all
 * adds. Assertions run on the main thread only (Check's do not work in
 * others). .ci/run also runs this suite built with -fsanitize=thread. */
#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>

#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

#define THREADS 4
#define BATCHES 25
#define BATCH   1000
#define NPS     11

/* ---- helpers -------------------------------------------------------------------- */

static cxm_recorder *new_recorder(const cxm_scale *scale)
{
    cxm_recorder *r = NULL;
    ck_assert_int_eq(cxm_recorder_new(scale, &r), CXM_OK);
    ck_assert_ptr_nonnull(r);
    return r;
}

static void counts_of(const cxm_acc *acc, uint64_t *out)
{
    ck_assert_int_eq(cxm_acc_counts(acc, out, NPS), CXM_OK);
}

static uint64_t total_of(const cxm_acc *acc)
{
    uint64_t total = 0;
    ck_assert_int_eq(cxm_acc_total(acc, &total), CXM_OK);
    return total;
}

/* One operation of a thread's seeded sequence: a rating, and a count that is
 * 1 (cxm_recorder_add) for most and 2-9 (add_count) for one in eight. */
static void next_op(uint64_t *state, int32_t *rating, uint64_t *count)
{
    uint64_t r = next_random(state);
    *rating = (int32_t)(r % NPS);
    *count = (r >> 8) % 8 == 0 ? 2 + (r >> 16) % 8 : 1;
}

/* ---- single thread ---------------------------------------------------------------- */

START_TEST(records_and_collects)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_recorder *r = new_recorder(&nps);
    cxm_acc *acc = new_scale_acc(&nps);
    uint64_t want[NPS] = {0}, got[NPS];
    for (int32_t i = 0; i < 1000; i++) {
        ck_assert_int_eq(cxm_recorder_add(r, i % NPS), CXM_OK);
        want[i % NPS]++;
    }
    ck_assert_int_eq(cxm_recorder_add_count(r, 9, 123456789), CXM_OK);
    want[9] += 123456789;
    ck_assert_int_eq(cxm_recorder_add_count(r, 4, 0), CXM_OK); /* a no-op */
    ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
    counts_of(acc, got);
    ck_assert_mem_eq(got, want, sizeof want);
    /* collected: a second collect adds nothing */
    ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
    counts_of(acc, got);
    ck_assert_mem_eq(got, want, sizeof want);
    /* a count too large for a cell's quota goes the slow way, exactly */
    ck_assert_int_eq(cxm_recorder_add_count(r, 0, UINT64_C(100000000000000000)), CXM_OK);
    ck_assert_int_eq(cxm_recorder_add(r, 0), CXM_OK);
    want[0] += UINT64_C(100000000000000001);
    ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
    counts_of(acc, got);
    ck_assert_mem_eq(got, want, sizeof want);
    cxm_acc_free(acc);
    cxm_recorder_free(r);
}
END_TEST

/* Every scale: its extreme ratings are recorded, one beyond is refused. */
START_TEST(ratings_and_scales)
{
    cxm_scale scales[] = {preset_scale(CXM_PRESET_CSAT_5), preset_scale(CXM_PRESET_CES_7),
                          make_scale(-50, 50, 30, 50, -50, -30, CXM_HEADLINE_MEAN),
                          make_scale(INT32_MAX - 2, INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX - 2,
                                     INT32_MAX - 2, CXM_HEADLINE_NET),
                          make_scale(INT32_MIN, INT32_MIN + 100, INT32_MIN + 100, INT32_MIN + 100,
                                     INT32_MIN, INT32_MIN, CXM_HEADLINE_POSITIVE_SHARE)};
    for (size_t s = 0; s < COUNT_OF(scales); s++) {
        cxm_scale *scale = &scales[s];
        cxm_recorder *r = new_recorder(scale);
        cxm_acc *acc = new_scale_acc(scale);
        ck_assert_int_eq(cxm_recorder_add(r, scale->min), CXM_OK);
        ck_assert_int_eq(cxm_recorder_add_count(r, scale->max, 3), CXM_OK);
        const int64_t outside[] = {(int64_t)scale->min - 1, (int64_t)scale->max + 1, INT32_MIN,
                                   INT32_MAX};
        for (size_t i = 0; i < COUNT_OF(outside); i++) {
            if (outside[i] >= INT32_MIN && outside[i] <= INT32_MAX &&
                (outside[i] < scale->min || outside[i] > scale->max)) {
                int32_t rating = (int32_t)outside[i];
                ck_assert_int_eq(cxm_recorder_add(r, rating), CXM_ERR_RANGE);
                ck_assert_int_eq(cxm_recorder_add_count(r, rating, 5), CXM_ERR_RANGE);
                ck_assert_int_eq(cxm_recorder_add_count(r, rating, 0), CXM_ERR_RANGE);
            }
        }
        ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
        uint64_t low = 0, high = 0;
        ck_assert_int_eq(cxm_acc_count(acc, scale->min, &low), CXM_OK);
        ck_assert_int_eq(cxm_acc_count(acc, scale->max, &high), CXM_OK);
        ck_assert_uint_eq(low, 1);
        ck_assert_uint_eq(high, 3);
        ck_assert_uint_eq(total_of(acc), 4);
        cxm_acc_free(acc);
        cxm_recorder_free(r);
    }
}
END_TEST

START_TEST(errors_change_nothing)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS), csat = preset_scale(CXM_PRESET_CSAT_5);
    cxm_recorder *sentinel = (cxm_recorder *)(uintptr_t)0x5e5e, *out = sentinel;
    ck_assert_int_eq(cxm_recorder_new(&nps, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_recorder_new(NULL, &out), CXM_ERR_NULL);
    cxm_scale bad = nps;
    bad.size = 3;
    ck_assert_int_eq(cxm_recorder_new(&bad, &out), CXM_ERR_SIZE);
    bad = nps;
    bad.max = bad.min + CXM_SCALE_MAX_RATINGS; /* one rating too many */
    ck_assert_int_eq(cxm_recorder_new(&bad, &out), CXM_ERR_SCALE);
    ck_assert_ptr_eq(out, sentinel);
    ck_assert_uint_eq(cxm_recorder_footprint(&bad), 0);
    ck_assert_uint_eq(cxm_recorder_footprint(NULL), 0);

    ck_assert_int_eq(cxm_recorder_add(NULL, 9), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_recorder_add_count(NULL, 9, 0), CXM_ERR_NULL);

    cxm_recorder *r = new_recorder(&nps);
    cxm_acc *acc = new_scale_acc(&nps), *other = new_scale_acc(&csat);
    ck_assert_int_eq(cxm_recorder_add(r, 10), CXM_OK);
    ck_assert_int_eq(cxm_acc_add(acc, 3), CXM_OK);
    ck_assert_fails_unchanged(acc, cxm_recorder_collect(NULL, acc), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_recorder_collect(r, NULL), CXM_ERR_NULL);
    ck_assert_fails_unchanged(other, cxm_recorder_collect(r, other), CXM_ERR_MISMATCH);
    /* a scale that differs in one band only is another scale */
    cxm_scale near = nps;
    near.positive_min = 10;
    cxm_acc *near_acc = new_scale_acc(&near);
    ck_assert_fails_unchanged(near_acc, cxm_recorder_collect(r, near_acc), CXM_ERR_MISMATCH);
    /* nothing was lost by the refusals */
    ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
    ck_assert_uint_eq(total_of(acc), 2);
    cxm_recorder_free(NULL); /* a no-op */
    cxm_acc_free(near_acc);
    cxm_acc_free(other);
    cxm_acc_free(acc);
    cxm_recorder_free(r);
}
END_TEST

START_TEST(caller_memory)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    size_t footprint = cxm_recorder_footprint(&nps);
    ck_assert_uint_gt(footprint, 32 * NPS * 16); /* a cell per rating per stripe */
    cxm_scale widest = make_scale(0, 100, 90, 100, 0, 60, CXM_HEADLINE_MEAN);
    ck_assert_uint_gt(cxm_recorder_footprint(&widest), footprint);
    /* max_align_t alignment, as malloc gives, at each of its offsets in a
     * cache line: the areas are placed on whole lines wherever mem starts */
    unsigned char *block = malloc(footprint + 64);
    ck_assert_ptr_nonnull(block);
    for (size_t offset = 0; offset < 64; offset += alignof(max_align_t)) {
        cxm_recorder *r = NULL;
        ck_assert_int_eq(cxm_recorder_init(block + offset, footprint, &nps, &r), CXM_OK);
        ck_assert_ptr_eq((void *)r, block + offset);
        ck_assert_int_eq(cxm_recorder_add_count(r, 7, 5), CXM_OK);
        cxm_acc *acc = new_scale_acc(&nps);
        ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
        ck_assert_uint_eq(total_of(acc), 5);
        cxm_acc_free(acc);
        cxm_recorder_free(r); /* caller memory: nothing to free */
    }
    /* refusals touch neither mem nor *out */
    memset(block, 0xa5, footprint + 64);
    cxm_recorder *sentinel = (cxm_recorder *)(uintptr_t)0x5e5e, *out = sentinel;
    ck_assert_int_eq(cxm_recorder_init(block, footprint - 1, &nps, &out), CXM_ERR_SIZE);
    ck_assert_int_eq(cxm_recorder_init(block + 1, footprint, &nps, &out), CXM_ERR_ARG);
    ck_assert_int_eq(cxm_recorder_init(NULL, footprint, &nps, &out), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_recorder_init(block, footprint, &nps, NULL), CXM_ERR_NULL);
    ck_assert_int_eq(cxm_recorder_init(block, footprint, NULL, &out), CXM_ERR_NULL);
    cxm_scale bad = nps;
    bad.headline = 7;
    ck_assert_int_eq(cxm_recorder_init(block, footprint, &bad, &out), CXM_ERR_SCALE);
    ck_assert_ptr_eq(out, sentinel);
    for (size_t i = 0; i < footprint + 64; i++) {
        ck_assert_uint_eq(block[i], 0xa5);
    }
    free(block);
}
END_TEST

/* ---- overflow ----------------------------------------------------------------------- */

/* The recorder's count is the total it holds, over all ratings: exactly
 * UINT64_MAX fits, one more does not. */
START_TEST(overflow_of_the_total)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_recorder *r = new_recorder(&nps);
    cxm_acc *acc = new_scale_acc(&nps);
    for (int32_t i = 0; i < 1000; i++) { /* 1000 in the cells */
        ck_assert_int_eq(cxm_recorder_add(r, i % NPS), CXM_OK);
    }
    ck_assert_int_eq(cxm_recorder_add_count(r, 10, UINT64_MAX - 999), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_recorder_add_count(r, 10, UINT64_MAX - 1000), CXM_OK);
    ck_assert_int_eq(cxm_recorder_add(r, 0), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_recorder_add_count(r, 5, 1), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_recorder_add_count(r, 5, UINT64_MAX), CXM_ERR_OVERFLOW);
    ck_assert_int_eq(cxm_recorder_add_count(r, 5, 0), CXM_OK);
    /* a collect that does not fit is refused, and loses nothing */
    ck_assert_int_eq(cxm_acc_add(acc, 4), CXM_OK);
    ck_assert_fails_unchanged(acc, cxm_recorder_collect(r, acc), CXM_ERR_OVERFLOW);
    cxm_acc *fresh = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_recorder_collect(r, fresh), CXM_OK);
    ck_assert_uint_eq(total_of(fresh), UINT64_MAX);
    uint64_t got[NPS];
    counts_of(fresh, got);
    for (int32_t i = 0; i < NPS; i++) {
        uint64_t want = 1000 / NPS + (i < 1000 % NPS ? 1 : 0);
        ck_assert_uint_eq(got[i], i == 10 ? want + UINT64_MAX - 1000 : want);
    }
    /* emptied: it takes ratings again, up to UINT64_MAX */
    ck_assert_int_eq(cxm_recorder_add(r, 2), CXM_OK);
    ck_assert_int_eq(cxm_recorder_add_count(r, 3, UINT64_MAX - 2), CXM_OK);
    ck_assert_int_eq(cxm_recorder_add(r, 4), CXM_OK);
    ck_assert_int_eq(cxm_recorder_add(r, 4), CXM_ERR_OVERFLOW);
    cxm_acc_reset(fresh);
    ck_assert_int_eq(cxm_recorder_collect(r, fresh), CXM_OK);
    ck_assert_uint_eq(total_of(fresh), UINT64_MAX);
    /* drained: the closed cells hold nothing any more */
    ck_assert_int_eq(cxm_recorder_add_count(r, 1, UINT64_MAX), CXM_OK);
    ck_assert_int_eq(cxm_recorder_add(r, 1), CXM_ERR_OVERFLOW);
    cxm_acc_reset(fresh);
    ck_assert_int_eq(cxm_recorder_collect(r, fresh), CXM_OK);
    ck_assert_uint_eq(total_of(fresh), UINT64_MAX);
    cxm_acc_free(fresh);
    cxm_acc_free(acc);
    cxm_recorder_free(r);
}
END_TEST

/* A collect into an accumulator with less room than the recorder holds is
 * refused with `into` unchanged, however close: one rating too many. */
START_TEST(collect_into_a_nearly_full_accumulator)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_recorder *r = new_recorder(&nps);
    cxm_acc *acc = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_acc_add_count(acc, 0, UINT64_MAX - 5), CXM_OK);
    for (int i = 0; i < 6; i++) {
        ck_assert_int_eq(cxm_recorder_add(r, 9), CXM_OK);
    }
    ck_assert_fails_unchanged(acc, cxm_recorder_collect(r, acc), CXM_ERR_OVERFLOW);
    ck_assert_fails_unchanged(acc, cxm_recorder_collect(r, acc), CXM_ERR_OVERFLOW);
    cxm_acc *room = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_acc_add_count(room, 0, UINT64_MAX - 6), CXM_OK);
    ck_assert_int_eq(cxm_recorder_collect(r, room), CXM_OK);
    uint64_t nines = 0;
    ck_assert_int_eq(cxm_acc_count(room, 9, &nines), CXM_OK);
    ck_assert_uint_eq(nines, 6);
    ck_assert_uint_eq(total_of(room), UINT64_MAX);
    cxm_acc_free(room);
    cxm_acc_free(acc);
    cxm_recorder_free(r);
}
END_TEST

/* ---- threads ---------------------------------------------------------------------- */

/* Threads wait here until all are started, so that their adds overlap. */
typedef struct gate {
    pthread_mutex_t lock;
    pthread_cond_t opened;
    bool open;
} gate;

static void gate_init(gate *g)
{
    ck_assert_int_eq(pthread_mutex_init(&g->lock, NULL), 0);
    ck_assert_int_eq(pthread_cond_init(&g->opened, NULL), 0);
    g->open = false;
}

static void gate_wait(gate *g)
{
    pthread_mutex_lock(&g->lock);
    while (!g->open) {
        pthread_cond_wait(&g->opened, &g->lock);
    }
    pthread_mutex_unlock(&g->lock);
}

static void gate_open(gate *g)
{
    pthread_mutex_lock(&g->lock);
    g->open = true;
    pthread_cond_broadcast(&g->opened);
    pthread_mutex_unlock(&g->lock);
}

static void gate_destroy(gate *g)
{
    pthread_cond_destroy(&g->opened);
    pthread_mutex_destroy(&g->lock);
}

typedef struct adder {
    pthread_t id;
    cxm_recorder *r;
    uint64_t seed;
    gate *start;
    uint64_t batches[BATCHES][NPS]; /* what each batch adds, made before start */
    atomic_uint published;          /* batches whose adds have all returned */
    atomic_int failed;              /* a status other than CXM_OK */
} adder;

typedef struct crowd {
    int threads;
    gate start;
    adder *adders;
} crowd;

static void plan_batches(adder *a)
{
    uint64_t state = a->seed;
    memset(a->batches, 0, sizeof a->batches);
    for (int b = 0; b < BATCHES; b++) {
        for (int i = 0; i < BATCH; i++) {
            int32_t rating;
            uint64_t count;
            next_op(&state, &rating, &count);
            a->batches[b][rating] += count;
        }
    }
}

static void *add_batches(void *arg)
{
    adder *a = arg;
    uint64_t state = a->seed;
    gate_wait(a->start);
    for (unsigned b = 0; b < BATCHES; b++) {
        for (int i = 0; i < BATCH; i++) {
            int32_t rating;
            uint64_t count;
            next_op(&state, &rating, &count);
            int status = count == 1 ? cxm_recorder_add(a->r, rating)
                                    : cxm_recorder_add_count(a->r, rating, count);
            if (status != CXM_OK) {
                atomic_store(&a->failed, status);
            }
        }
        atomic_store_explicit(&a->published, b + 1, memory_order_release);
    }
    return NULL;
}

/* The sum over threads of their first upto[t] batches. */
static void added_so_far(const crowd *c, const unsigned *upto, uint64_t *out)
{
    memset(out, 0, NPS * sizeof out[0]);
    for (int t = 0; t < c->threads; t++) {
        for (unsigned b = 0; b < upto[t] && b < BATCHES; b++) {
            for (int i = 0; i < NPS; i++) {
                out[i] += c->adders[t].batches[b][i];
            }
        }
    }
}

static crowd *start_adders(cxm_recorder *r, int threads, uint64_t seed)
{
    crowd *c = malloc(sizeof *c);
    ck_assert_ptr_nonnull(c);
    c->threads = threads;
    gate_init(&c->start);
    c->adders = calloc((size_t)threads, sizeof *c->adders);
    ck_assert_ptr_nonnull(c->adders);
    for (int t = 0; t < threads; t++) {
        adder *a = &c->adders[t];
        a->r = r;
        a->seed = seed + (uint64_t)t;
        a->start = &c->start;
        plan_batches(a);
        atomic_init(&a->published, 0);
        atomic_init(&a->failed, CXM_OK);
    }
    for (int t = 0; t < threads; t++) {
        ck_assert_int_eq(pthread_create(&c->adders[t].id, NULL, add_batches, &c->adders[t]), 0);
    }
    gate_open(&c->start);
    return c;
}

static void join_adders(crowd *c)
{
    for (int t = 0; t < c->threads; t++) {
        ck_assert_int_eq(pthread_join(c->adders[t].id, NULL), 0);
        ck_assert_int_eq(atomic_load(&c->adders[t].failed), CXM_OK);
    }
}

static void free_crowd(crowd *c)
{
    gate_destroy(&c->start);
    free(c->adders);
    free(c);
}

/* Reads every thread's published batches (into published); whether all are. */
static bool all_published(const crowd *c, unsigned *published)
{
    bool all = true;
    for (int t = 0; t < c->threads; t++) {
        published[t] = atomic_load_explicit(&c->adders[t].published, memory_order_acquire);
        all = all && published[t] == BATCHES;
    }
    return all;
}

/* Threads add while the main thread collects, over and over. After each
 * collect, what has been collected so far lies between what the threads had
 * published before it began and what they could have added by its end; at
 * the end it is exactly what they added. With more threads than stripes,
 * some threads share a stripe, so the compare-and-swap races happen too. */
static void add_while_collecting(int threads, uint64_t seed)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_recorder *r = new_recorder(&nps);
    cxm_acc *collected = new_scale_acc(&nps);
    crowd *c = start_adders(r, threads, seed);
    unsigned before[64], after[64];
    uint64_t low[NPS], high[NPS], got[NPS];
    int collections = 0;
    bool done = false;
    while (!done) {
        done = all_published(c, before);
        ck_assert_int_eq(cxm_recorder_collect(r, collected), CXM_OK);
        collections++;
        all_published(c, after);
        for (int t = 0; t < threads; t++) {
            after[t]++; /* the batch under way may be partly in */
        }
        added_so_far(c, before, low);
        added_so_far(c, after, high);
        counts_of(collected, got);
        for (int i = 0; i < NPS; i++) {
            ck_assert_msg(low[i] <= got[i] && got[i] <= high[i],
                          "seed %llu, collection %d, rating %d: %llu not in [%llu, %llu]",
                          (unsigned long long)seed, collections, i, (unsigned long long)got[i],
                          (unsigned long long)low[i], (unsigned long long)high[i]);
        }
    }
    join_adders(c);
    /* the last collect began after every batch was published: all of them */
    added_so_far(c, before, low);
    counts_of(collected, got);
    ck_assert_mem_eq(got, low, sizeof low);
    ck_assert_int_eq(cxm_recorder_collect(r, collected), CXM_OK);
    counts_of(collected, got);
    ck_assert_mem_eq(got, low, sizeof low);
    free_crowd(c);
    cxm_acc_free(collected);
    cxm_recorder_free(r);
}

START_TEST(threads_add_while_one_collects)
{
    add_while_collecting(4, 0x7ec0ade5u);
}
END_TEST

START_TEST(more_threads_than_stripes)
{
    add_while_collecting(40, 0x40f0a11u);
}
END_TEST

/* While the threads add, every collect into an accumulator without room is
 * refused and changes nothing; one collect at the end gets every rating. */
START_TEST(refused_collects_lose_nothing)
{
    uint64_t seed = 0x2ef05edu;
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_recorder *r = new_recorder(&nps);
    cxm_acc *full = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_acc_add_count(full, 5, UINT64_MAX), CXM_OK);
    crowd *c = start_adders(r, 4, seed);
    unsigned published[4];
    while (!all_published(c, published)) {
        /* OK only while the recorder is still empty */
        int status = cxm_recorder_collect(r, full);
        ck_assert(status == CXM_ERR_OVERFLOW || status == CXM_OK);
        ck_assert_uint_eq(total_of(full), UINT64_MAX);
    }
    join_adders(c);
    ck_assert_fails_unchanged(full, cxm_recorder_collect(r, full), CXM_ERR_OVERFLOW);
    cxm_acc *collected = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_recorder_collect(r, collected), CXM_OK);
    uint64_t want[NPS], got[NPS];
    added_so_far(c, published, want);
    counts_of(collected, got);
    ck_assert_mem_eq(got, want, sizeof want);
    free_crowd(c);
    cxm_acc_free(collected);
    cxm_acc_free(full);
    cxm_recorder_free(r);
}
END_TEST

/* Every thread adds the same rating: with more threads than stripes, some
 * threads raise the very same word at the same time, and no add may be lost
 * (a load and store in place of the compare-and-swap loses hundreds). */
typedef struct hammer {
    pthread_t id;
    gate *start;
    cxm_recorder *r;
    atomic_int failed;
} hammer;

#define HAMMERS     40
#define HAMMER_ADDS 200000

static void *hammer_away(void *arg)
{
    hammer *h = arg;
    gate_wait(h->start);
    for (int i = 0; i < HAMMER_ADDS; i++) {
        int status = cxm_recorder_add(h->r, 10);
        if (status != CXM_OK) {
            atomic_store(&h->failed, status);
        }
    }
    return NULL;
}

START_TEST(one_word_many_threads)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_recorder *r = new_recorder(&nps);
    cxm_acc *acc = new_scale_acc(&nps);
    hammer *hammers = calloc(HAMMERS, sizeof *hammers);
    ck_assert_ptr_nonnull(hammers);
    gate start;
    gate_init(&start);
    for (int t = 0; t < HAMMERS; t++) {
        hammers[t].start = &start;
        hammers[t].r = r;
        atomic_init(&hammers[t].failed, CXM_OK);
        ck_assert_int_eq(pthread_create(&hammers[t].id, NULL, hammer_away, &hammers[t]), 0);
    }
    gate_open(&start);
    for (int t = 0; t < HAMMERS; t++) {
        ck_assert_int_eq(pthread_join(hammers[t].id, NULL), 0);
        ck_assert_int_eq(atomic_load(&hammers[t].failed), CXM_OK);
    }
    gate_destroy(&start);
    ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
    uint64_t tens = 0;
    ck_assert_int_eq(cxm_acc_count(acc, 10, &tens), CXM_OK);
    ck_assert_uint_eq(tens, (uint64_t)HAMMERS * HAMMER_ADDS);
    free(hammers);
    cxm_acc_free(acc);
    cxm_recorder_free(r);
}
END_TEST

/* Near the limit, threads race for the last 1000 places: exactly 1000 adds
 * succeed, whatever the interleaving, and the refused ones record nothing. */
typedef struct racer {
    pthread_t id;
    gate *start;
    cxm_recorder *r;
    uint64_t seed;
    uint64_t won[NPS];
    uint64_t lost;
    atomic_int unexpected;
} racer;

static void *race(void *arg)
{
    racer *x = arg;
    uint64_t state = x->seed;
    gate_wait(x->start);
    for (int i = 0; i < 600; i++) {
        int32_t rating = (int32_t)(next_random(&state) % NPS);
        int status = cxm_recorder_add(x->r, rating);
        if (status == CXM_OK) {
            x->won[rating]++;
        } else if (status == CXM_ERR_OVERFLOW) {
            x->lost++;
        } else {
            atomic_store(&x->unexpected, status);
        }
    }
    return NULL;
}

START_TEST(threads_race_for_the_last_places)
{
    cxm_scale nps = preset_scale(CXM_PRESET_NPS);
    cxm_recorder *r = new_recorder(&nps);
    ck_assert_int_eq(cxm_recorder_add_count(r, 6, UINT64_MAX - 1000), CXM_OK);
    racer racers[THREADS];
    memset(racers, 0, sizeof racers);
    gate start;
    gate_init(&start);
    for (int t = 0; t < THREADS; t++) {
        racers[t].start = &start;
        racers[t].r = r;
        racers[t].seed = 0x1a57u + (uint64_t)t;
        atomic_init(&racers[t].unexpected, CXM_OK);
        ck_assert_int_eq(pthread_create(&racers[t].id, NULL, race, &racers[t]), 0);
    }
    gate_open(&start);
    uint64_t want[NPS] = {0}, lost = 0;
    want[6] = UINT64_MAX - 1000;
    for (int t = 0; t < THREADS; t++) {
        ck_assert_int_eq(pthread_join(racers[t].id, NULL), 0);
        ck_assert_int_eq(atomic_load(&racers[t].unexpected), CXM_OK);
        for (int i = 0; i < NPS; i++) {
            want[i] += racers[t].won[i];
        }
        lost += racers[t].lost;
    }
    gate_destroy(&start);
    ck_assert_uint_eq(lost, THREADS * 600 - 1000);
    cxm_acc *acc = new_scale_acc(&nps);
    ck_assert_int_eq(cxm_recorder_collect(r, acc), CXM_OK);
    uint64_t got[NPS];
    counts_of(acc, got);
    ck_assert_mem_eq(got, want, sizeof want);
    ck_assert_uint_eq(total_of(acc), UINT64_MAX);
    cxm_acc_free(acc);
    cxm_recorder_free(r);
}
END_TEST

static Suite *recorder_suite(void)
{
    Suite *s = suite_create("recorder");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, records_and_collects);
    tcase_add_test(tc, ratings_and_scales);
    tcase_add_test(tc, errors_change_nothing);
    tcase_add_test(tc, caller_memory);
    tcase_add_test(tc, overflow_of_the_total);
    tcase_add_test(tc, collect_into_a_nearly_full_accumulator);
    tcase_add_test(tc, threads_add_while_one_collects);
    tcase_add_test(tc, more_threads_than_stripes);
    tcase_add_test(tc, refused_collects_lose_nothing);
    tcase_add_test(tc, one_word_many_threads);
    tcase_add_test(tc, threads_race_for_the_last_places);
    suite_add_tcase(s, tc);
    return s;
}

CXM_TEST_MAIN(recorder_suite)
