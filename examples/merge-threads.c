/*
 * merge-threads: the pattern for multi-threaded hosts.
 *
 * Several POSIX threads each fill their OWN accumulator from their share of
 * the input; when they are done, the main thread merges them. No lock is
 * needed anywhere: an accumulator is only ever changed by one thread, and
 * merging is exact, associative and commutative, so the merged result is
 * bit-for-bit what a single accumulator fed every rating would hold — in any
 * order, with any number of threads. The program checks exactly that.
 *
 *   merge-threads [THREADS [RATINGS]]      (defaults: 4 threads, 10 million)
 *
 * The ratings here are NPS answers (0-10) generated deterministically; in a
 * host they would come from a queue, a file or a database cursor.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cxmetrics.h>

#define MAX_THREADS 64

typedef struct share {
    const uint8_t *ratings;
    size_t count;
    const cxm_scale *scale;
    cxm_acc *acc; /* the thread's own: created, filled and owned by it */
    int status;
} share;

/* A J-shaped NPS distribution, as real ones are: many 9s and 10s, a bump of
 * 0s, few in between. Deterministic (a 64-bit LCG), so runs are comparable. */
static void generate(uint8_t *ratings, size_t n)
{
    static const uint8_t table[32] = {0, 0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8,
                                      8, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    uint64_t state = 20261124u;
    for (size_t i = 0; i < n; i++) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        ratings[i] = table[state >> 59];
    }
}

static void *fill(void *arg)
{
    share *sh = arg;
    sh->status = cxm_acc_new(sh->scale, &sh->acc);
    if (sh->status == CXM_OK) {
        /* One batch call: validated and counted in one pass, all or nothing. */
        sh->status = cxm_acc_add_many_u8(sh->acc, sh->ratings, sh->count, NULL);
    }
    return NULL;
}

/* Fills `threads` accumulators in parallel and merges them into *out. */
static int ingest_in_threads(const uint8_t *ratings, size_t n, int threads,
                             const cxm_scale *scale, cxm_acc **out)
{
    pthread_t ids[MAX_THREADS];
    int started[MAX_THREADS];
    share shares[MAX_THREADS];
    size_t per = n / (size_t)threads;
    for (int t = 0; t < threads; t++) {
        size_t from = (size_t)t * per, to = t + 1 == threads ? n : from + per;
        shares[t] = (share){ratings + from, to - from, scale, NULL, CXM_OK};
        started[t] = pthread_create(&ids[t], NULL, fill, &shares[t]) == 0;
        if (!started[t]) {
            fill(&shares[t]); /* no thread to be had: do this share here */
        }
    }
    int status = cxm_acc_new(scale, out);
    for (int t = 0; t < threads; t++) {
        if (started[t]) {
            pthread_join(ids[t], NULL); /* after this, shares[t].acc is ours to read */
        }
        if (status == CXM_OK) {
            status = shares[t].status != CXM_OK ? shares[t].status
                                                : cxm_acc_merge(*out, shares[t].acc);
        }
        cxm_acc_free(shares[t].acc);
    }
    return status;
}

static int same_counts(const cxm_acc *a, const cxm_acc *b)
{
    uint64_t ca[11], cb[11];
    return cxm_acc_counts(a, ca, 11) == CXM_OK && cxm_acc_counts(b, cb, 11) == CXM_OK &&
           memcmp(ca, cb, sizeof ca) == 0;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 4;
    size_t n = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 10000000u;
    if (threads < 1 || threads > MAX_THREADS) {
        fprintf(stderr, "usage: merge-threads [THREADS (1-%d) [RATINGS]]\n", MAX_THREADS);
        return 2;
    }
    uint8_t *ratings = malloc(n > 0 ? n : 1);
    if (ratings == NULL) {
        return 2;
    }
    generate(ratings, n);
    cxm_scale nps = CXM_SCALE_INIT;
    cxm_scale_preset(CXM_PRESET_NPS, &nps);

    cxm_acc *merged = NULL, *single = NULL;
    int status = ingest_in_threads(ratings, n, threads, &nps, &merged);
    if (status == CXM_OK) { /* the reference: everything in one accumulator */
        status = cxm_acc_new(&nps, &single);
    }
    if (status == CXM_OK) {
        status = cxm_acc_add_many_u8(single, ratings, n, NULL);
    }
    if (status != CXM_OK) {
        fprintf(stderr, "merge-threads: %s\n", cxm_status_message(status));
    } else {
        cxm_snapshot snap = CXM_SNAPSHOT_INIT;
        cxm_acc_snapshot(merged, &snap);
        printf("%d threads, %llu ratings: NPS %.2f (95%% CI %.2f to %.2f)\n", threads,
               (unsigned long long)snap.n, snap.score, snap.score_low, snap.score_high);
        printf("merged counts %s a single accumulator's\n",
               same_counts(merged, single) ? "equal" : "DIFFER FROM");
        if (!same_counts(merged, single)) {
            status = CXM_ERR_MISMATCH;
        }
    }
    cxm_acc_free(merged);
    cxm_acc_free(single);
    free(ratings);
    return status == CXM_OK ? 0 : 1;
}
