/*
 * merge-threads: the two patterns for multi-threaded hosts, timed side by side.
 *
 * 1. An accumulator per thread, merged at the end. Each POSIX thread fills
 *    its OWN accumulator from its share of the input; when they are done, the
 *    main thread merges them. No lock anywhere: an accumulator is only ever
 *    changed by one thread, and merging is exact, associative and
 *    commutative. The pattern for work that is split up front (an import, a
 *    partitioned query).
 *
 * 2. One recorder for all threads. Each thread records its ratings one by
 *    one, as a server's request threads would, while the main thread collects
 *    what has arrived into an accumulator every millisecond — a live view,
 *    with no lock and no rating counted twice or lost. The pattern for
 *    ratings that arrive one at a time on many threads.
 *
 * Both must end with exactly the counts of one accumulator fed every rating,
 * whatever the number of threads; the program checks that, and prints how
 * long each pattern took.
 *
 *   merge-threads [THREADS [RATINGS]]      (defaults: 4 threads, 10 million)
 *
 * The ratings here are NPS answers (0-10) generated deterministically; in a
 * host they would come from a queue, a file or a database cursor.
 */
#define _POSIX_C_SOURCE 199309L

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cxmetrics.h>

#define MAX_THREADS 64
#define MAX_RATINGS 1000000000000ull /* 10^12: a bound on the memory asked for */

static const char usage[] =
    "usage: merge-threads [THREADS [RATINGS]]\n"
    "Records RATINGS generated NPS answers from THREADS threads twice: into one\n"
    "accumulator per thread, merged at the end, and into one recorder that the\n"
    "main thread collects from as they arrive. Checks that both equal one\n"
    "accumulator fed every rating and prints how long each took. THREADS: 1-64\n"
    "(default 4); RATINGS: 0-10^12, a decimal integer (default 10000000).\n"
    "Exit status: 0 equal, 1 different, 2 usage, memory or write error.\n";

/* One thread's part of the input and what became of it. */
typedef struct share {
    const uint8_t *ratings;
    size_t count;
    const cxm_scale *scale;
    cxm_acc *acc;           /* pattern 1: the thread's own, created and filled by it */
    cxm_recorder *recorder; /* pattern 2: shared by every thread */
    atomic_bool *finished;  /* pattern 2: set when this share is recorded */
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

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- pattern 1: an accumulator per thread, merged ----------------------------- */

static void *fill_own(void *arg)
{
    share *sh = arg;
    sh->status = cxm_acc_new(sh->scale, &sh->acc);
    if (sh->status == CXM_OK) {
        /* One batch call: validated and counted in one pass, all or nothing. */
        sh->status = cxm_acc_add_many_u8(sh->acc, sh->ratings, sh->count, NULL);
    }
    return NULL;
}

/* ---- pattern 2: one recorder, collected as the ratings arrive --------------------- */

static void *record_each(void *arg)
{
    share *sh = arg;
    for (size_t i = 0; i < sh->count && sh->status == CXM_OK; i++) {
        sh->status = cxm_recorder_add(sh->recorder, sh->ratings[i]);
    }
    atomic_store(sh->finished, true);
    return NULL;
}

static bool all_finished(const share *shares, int threads)
{
    for (int t = 0; t < threads; t++) {
        if (!atomic_load(shares[t].finished)) {
            return false;
        }
    }
    return true;
}

/* The collector: while the threads record, move what has arrived into `into`
 * every millisecond (a host would update a dashboard from it); once they are
 * all done, one last collect takes the rest. */
static int collect_while_recording(cxm_recorder *recorder, const share *shares, int threads,
                                   cxm_acc *into)
{
    const struct timespec millisecond = {0, 1000000};
    int status = CXM_OK;
    bool done = false;
    while (status == CXM_OK && !done) {
        done = all_finished(shares, threads); /* read before the collect that follows */
        status = cxm_recorder_collect(recorder, into);
        if (!done) {
            nanosleep(&millisecond, NULL);
        }
    }
    return status;
}

/* ---- running the threads ------------------------------------------------------------ */

/* Runs `work` on each share in its own thread (or here, if no thread can be
 * had); with a recorder, this thread collects from it into `into` meanwhile.
 * Returns the first failure of any of them. */
static int run_shares(share *shares, int threads, void *(*work)(void *), cxm_recorder *recorder,
                      cxm_acc *into)
{
    pthread_t ids[MAX_THREADS];
    bool started[MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        started[t] = pthread_create(&ids[t], NULL, work, &shares[t]) == 0;
        if (!started[t]) {
            work(&shares[t]); /* no thread to be had: do this share here */
        }
    }
    int status =
        recorder != NULL ? collect_while_recording(recorder, shares, threads, into) : CXM_OK;
    for (int t = 0; t < threads; t++) {
        if (started[t]) {
            pthread_join(ids[t], NULL); /* after this, shares[t] is ours to read */
        }
        if (status == CXM_OK) {
            status = shares[t].status;
        }
    }
    return status;
}

/* Splits the ratings into `threads` shares; the recorder and the finished
 * flags are pattern 2's (NULL for pattern 1). */
static void split(share *shares, int threads, const uint8_t *ratings, size_t n,
                  const cxm_scale *scale, cxm_recorder *recorder, atomic_bool *finished)
{
    size_t per = n / (size_t)threads;
    for (int t = 0; t < threads; t++) {
        size_t from = (size_t)t * per, to = t + 1 == threads ? n : from + per;
        shares[t] = (share){ratings + from, to - from, scale, NULL, recorder, NULL, CXM_OK};
        if (finished != NULL) {
            shares[t].finished = &finished[t];
            atomic_init(&finished[t], false);
        }
    }
}

/* Pattern 1: fills an accumulator per thread and merges them into *out. */
static int per_thread_and_merge(const uint8_t *ratings, size_t n, int threads,
                                const cxm_scale *scale, cxm_acc **out)
{
    share shares[MAX_THREADS];
    split(shares, threads, ratings, n, scale, NULL, NULL);
    int status = run_shares(shares, threads, fill_own, NULL, NULL);
    if (status == CXM_OK) {
        status = cxm_acc_new(scale, out);
    }
    for (int t = 0; t < threads; t++) {
        if (status == CXM_OK) {
            status = cxm_acc_merge(*out, shares[t].acc);
        }
        cxm_acc_free(shares[t].acc);
    }
    return status;
}

/* Pattern 2: records every rating into one recorder from `threads` threads,
 * collecting into *out as they arrive. */
static int one_recorder(const uint8_t *ratings, size_t n, int threads, const cxm_scale *scale,
                        cxm_acc **out)
{
    cxm_recorder *recorder = NULL;
    int status = cxm_recorder_new(scale, &recorder);
    if (status == CXM_OK) {
        status = cxm_acc_new(scale, out);
    }
    if (status == CXM_OK) {
        share shares[MAX_THREADS];
        atomic_bool finished[MAX_THREADS];
        split(shares, threads, ratings, n, scale, recorder, finished);
        status = run_shares(shares, threads, record_each, recorder, *out);
    }
    cxm_recorder_free(recorder);
    return status;
}

/* ---- checking and reporting --------------------------------------------------------- */

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

/* Prints one pattern's line; whether its counts equal the reference's. */
static bool report(const char *pattern, const char *what, const cxm_acc *got,
                   const cxm_acc *reference, double seconds, size_t n)
{
    bool same = same_counts(got, reference);
    printf("%s: %.1f ms (%.1f ns per rating); %s counts %s a single accumulator's\n", pattern,
           1e3 * seconds, n > 0 ? 1e9 * seconds / (double)n : 0.0, what,
           same ? "equal" : "DIFFER FROM");
    return same;
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

    cxm_acc *merged = NULL, *recorded = NULL, *single = NULL;
    double start = seconds_now();
    int status = per_thread_and_merge(ratings, n, threads, &nps, &merged);
    double merge_seconds = seconds_now() - start;
    start = seconds_now();
    if (status == CXM_OK) {
        status = one_recorder(ratings, n, threads, &nps, &recorded);
    }
    double record_seconds = seconds_now() - start;
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
        cxm_acc_snapshot(single, &snap);
        printf("%d threads, %llu ratings: NPS %.2f (95%% CI %.2f to %.2f)\n", threads,
               (unsigned long long)snap.n, snap.score, snap.score_low, snap.score_high);
        bool same =
            report("accumulator per thread, merged", "merged", merged, single, merge_seconds, n);
        same = report("one recorder, collected meanwhile", "recorded", recorded, single,
                      record_seconds, n) &&
               same;
        status = same ? CXM_OK : CXM_ERR_MISMATCH;
    }
    cxm_acc_free(merged);
    cxm_acc_free(recorded);
    cxm_acc_free(single);
    free(ratings);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "merge-threads: writing the result: %s\n", strerror(errno));
        return 2;
    }
    return status == CXM_OK ? 0 : status == CXM_ERR_MISMATCH ? 1 : 2;
}
