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
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cxmetrics.h>

#define MAX_THREADS 64
#define MAX_RATINGS 1000000000000ull /* 10^12: a bound on the memory asked for */

static const char usage[] =
    "usage: merge-threads [THREADS [RATINGS]]\n"
    "Fills one accumulator per thread with its share of RATINGS generated NPS\n"
    "answers, merges them, and checks that the result equals one accumulator fed\n"
    "every rating. THREADS: 1-64 (default 4); RATINGS: 0-10^12, a decimal integer\n"
    "(default 10000000).\n"
    "Exit status: 0 equal, 1 different, 2 usage, memory or write error.\n";

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
    static const uint8_t table[32] = {0, 0, 1, 2, 3, 4, 5, 5,  6,  6,  7,  7,  7,  8,  8,  8,
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
static int ingest_in_threads(const uint8_t *ratings, size_t n, int threads, const cxm_scale *scale,
                             cxm_acc **out)
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
            status =
                shares[t].status != CXM_OK ? shares[t].status : cxm_acc_merge(*out, shares[t].acc);
        }
        cxm_acc_free(shares[t].acc);
    }
    return status;
}

/* Equal counts over the whole scale, whatever its span: the check holds for
 * any preset or custom scale this program is copied with. */
static bool same_counts(const cxm_acc *a, const cxm_acc *b)
{
    cxm_scale scale = CXM_SCALE_INIT;
    if (cxm_acc_scale(a, &scale) != CXM_OK) {
        return false;
    }
    size_t span = (size_t)((int64_t)scale.max - scale.min + 1);
    uint64_t *counts = calloc(2 * span, sizeof *counts);
    bool same = counts != NULL && cxm_acc_counts(a, counts, span) == CXM_OK &&
                cxm_acc_counts(b, counts + span, span) == CXM_OK &&
                memcmp(counts, counts + span, span * sizeof *counts) == 0;
    free(counts);
    return same;
}

/* A whole decimal argument in [low, high]; -1 if it is not one. */
static int parse_count(const char *text, unsigned long long low, unsigned long long high,
                       unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno != 0 || value < low ||
        value > high) {
        return -1;
    }
    *out = value;
    return 0;
}

static int parse_args(int argc, char **argv, int *threads, size_t *n)
{
    unsigned long long t = 4, count = 10000000u;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
    }
    if (argc > 3 || (argc > 1 && parse_count(argv[1], 1, MAX_THREADS, &t) != 0) ||
        (argc > 2 && parse_count(argv[2], 0, MAX_RATINGS, &count) != 0) || count > SIZE_MAX) {
        fprintf(stderr, "merge-threads: bad arguments\n\n%s", usage);
        return 2;
    }
    *threads = (int)t;
    *n = (size_t)count;
    return -1;
}

int main(int argc, char **argv)
{
    int threads;
    size_t n;
    int exit_code = parse_args(argc, argv, &threads, &n);
    if (exit_code >= 0) {
        return exit_code;
    }
    uint8_t *ratings = malloc(n > 0 ? n : 1);
    if (ratings == NULL) {
        fprintf(stderr, "merge-threads: %s\n", cxm_status_message(CXM_ERR_NOMEM));
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
        bool same = same_counts(merged, single);
        printf("merged counts %s a single accumulator's\n", same ? "equal" : "DIFFER FROM");
        status = same ? CXM_OK : CXM_ERR_MISMATCH;
    }
    cxm_acc_free(merged);
    cxm_acc_free(single);
    free(ratings);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "merge-threads: writing the result: %s\n", strerror(errno));
        return 2;
    }
    return status == CXM_OK ? 0 : status == CXM_ERR_MISMATCH ? 1 : 2;
}
