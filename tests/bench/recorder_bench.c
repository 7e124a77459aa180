/*
 * cxm-bench-recorder: what a rating costs through cxm_recorder_add, next to
 * cxm_acc_add in the same run, and what threads adding at once get.
 *
 *   cxm-bench-recorder [-n adds] [-r repetitions] [-p path] [-l]
 *
 * Paths, each run once per repetition, round-robin, so that a slow spell of
 * a busy machine hits them alike; each is reported as its median:
 *   acc_add        one thread, cxm_acc_add over n NPS ratings (the reference)
 *   recorder_add   one thread, cxm_recorder_add over the same ratings
 *   promoters:T    T threads (1, 2, 4) each adding 9 and 10 alternately, n
 *                  times, to one recorder: the worst case, every thread on
 *                  the same two ratings
 *   one_word:T     the same with one atomic word per rating (what a recorder
 *                  without stripes would be), for comparison
 * Each row gives the wall-clock and the CPU time per add of a thread, the
 * aggregate rate (adds per microsecond, all threads together) next to the
 * rate of one thread on the same path, and how many threads ran at once
 * (their CPU time over the wall-clock time). A second table gives each
 * path's fastest repetition: on a machine busy with other work, short runs
 * (-n 1e6) and many repetitions make it the run in which the threads had
 * their cores to themselves. Every path's counts are collected and checked
 * before anything is printed.
 *
 * -p runs acc_add or recorder_add once, untimed, for callgrind
 * (tests/bench/callgrind.sh, which counts the function path_<name>); -l
 * lists those two.
 */
#define _POSIX_C_SOURCE 199309L

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"
#include "cxmetrics.h"

#define MAX_REPS    1001
#define MAX_THREADS 4
#define NPS_SPAN    11

typedef struct bench {
    size_t n;
    int32_t *ratings; /* J-shaped NPS answers, deterministic */
    uint64_t expected[NPS_SPAN];
    cxm_scale scale;
    cxm_acc *acc;           /* the acc_add path's, and where recorders are collected */
    cxm_recorder *recorder; /* emptied by every check */
    _Atomic uint64_t one_word[NPS_SPAN];
} bench;

static void die(const char *what)
{
    fprintf(stderr, "cxm-bench-recorder: %s\n", what);
    exit(EXIT_FAILURE);
}

static void ok(int status, const char *what)
{
    if (status != CXM_OK) {
        fprintf(stderr, "cxm-bench-recorder: %s: %s\n", what, cxm_status_name(status));
        exit(EXIT_FAILURE);
    }
}

/* 10 takes 41 %, 9 27 %, 8 17 %, 0 5 %, ..., as cxm-bench's ratings do. */
static void make_ratings(bench *b)
{
    static const uint8_t table[32] = {0, 0, 1, 2, 3, 4, 5, 5,  6,  6,  7,  7,  7,  8,  8,  8,
                                      8, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    uint64_t state = 0x5eed2024u;
    for (size_t i = 0; i < b->n; i++) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        b->ratings[i] = table[state >> 59];
        b->expected[b->ratings[i]]++;
    }
}

/* ---- checks -------------------------------------------------------------------------- */

static void check_counts(const cxm_acc *acc, const uint64_t *want, const char *path)
{
    uint64_t got[NPS_SPAN];
    ok(cxm_acc_counts(acc, got, NPS_SPAN), "counts");
    if (memcmp(got, want, sizeof got) != 0) {
        fprintf(stderr, "cxm-bench-recorder: %s: wrong counts\n", path);
        exit(EXIT_FAILURE);
    }
}

static void check_ratings(bench *b, int threads, const char *path)
{
    (void)threads;
    ok(cxm_acc_reset(b->acc), "reset");
    ok(cxm_recorder_collect(b->recorder, b->acc), "collect");
    check_counts(b->acc, b->expected, path);
}

static void check_acc(bench *b, int threads, const char *path)
{
    (void)threads;
    check_counts(b->acc, b->expected, path);
}

/* n adds of 9 and 10 alternately per thread */
static void promoters_expected(const bench *b, int threads, uint64_t *want)
{
    memset(want, 0, NPS_SPAN * sizeof want[0]);
    want[9] = (uint64_t)threads * ((b->n + 1) / 2);
    want[10] = (uint64_t)threads * (b->n / 2);
}

static void check_promoters(bench *b, int threads, const char *path)
{
    uint64_t want[NPS_SPAN];
    promoters_expected(b, threads, want);
    ok(cxm_acc_reset(b->acc), "reset");
    ok(cxm_recorder_collect(b->recorder, b->acc), "collect");
    check_counts(b->acc, want, path);
}

static void check_one_word(bench *b, int threads, const char *path)
{
    uint64_t want[NPS_SPAN], got[NPS_SPAN];
    promoters_expected(b, threads, want);
    for (int i = 0; i < NPS_SPAN; i++) {
        got[i] = atomic_exchange(&b->one_word[i], 0);
    }
    if (memcmp(got, want, sizeof got) != 0) {
        fprintf(stderr, "cxm-bench-recorder: %s: wrong counts\n", path);
        exit(EXIT_FAILURE);
    }
}

/* ---- the work of one thread ------------------------------------------------------------
 * Each is only ever called through the tables below, so that it stays a
 * function of its own for callgrind. */

static void path_acc_add(bench *b)
{
    ok(cxm_acc_reset(b->acc), "reset");
    /* Locals, as a caller's loop would have them. */
    cxm_acc *acc = b->acc;
    const int32_t *r = b->ratings;
    const size_t n = b->n;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed |= cxm_acc_add(acc, r[i]);
    }
    ok(failed, "acc_add");
}

static void path_recorder_add(bench *b)
{
    cxm_recorder *rec = b->recorder;
    const int32_t *r = b->ratings;
    const size_t n = b->n;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed |= cxm_recorder_add(rec, r[i]);
    }
    ok(failed, "recorder_add");
}

static void path_promoters(bench *b)
{
    cxm_recorder *rec = b->recorder;
    const size_t n = b->n;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed |= cxm_recorder_add(rec, 9 + (int32_t)(i & 1));
    }
    ok(failed, "promoters");
}

static void path_one_word(bench *b)
{
    const size_t n = b->n;
    for (size_t i = 0; i < n; i++) {
        atomic_fetch_add_explicit(&b->one_word[9 + (i & 1)], 1, memory_order_relaxed);
    }
}

typedef struct path {
    const char *name;
    void (*work)(bench *);
    int threads;
    void (*check)(bench *, int, const char *);
} path;

static const path paths[] = {
    {"acc_add", path_acc_add, 1, check_acc},
    {"recorder_add", path_recorder_add, 1, check_ratings},
    {"promoters:1", path_promoters, 1, check_promoters},
    {"promoters:2", path_promoters, 2, check_promoters},
    {"promoters:4", path_promoters, 4, check_promoters},
    {"one_word:1", path_one_word, 1, check_one_word},
    {"one_word:2", path_one_word, 2, check_one_word},
};
#define NPATHS (sizeof paths / sizeof paths[0])

/* ---- running a path on T threads --------------------------------------------------------
 * The threads are created first and wait at a gate. Each reads the wall
 * clock and its own CPU clock around its work; the path's time runs from the
 * first start to the last end, and the threads' CPU time over it says how
 * many of them really ran at once: 2.0 for two threads on two free cores,
 * near 1 on a machine too busy to give them both a core, where contention
 * cannot show. */

typedef struct crew {
    bench *b;
    const path *p;
    pthread_mutex_t lock;
    pthread_cond_t opened;
    bool open;
    atomic_int next; /* which slot below a member fills */
    double start[MAX_THREADS], end[MAX_THREADS], cpu[MAX_THREADS];
} crew;

static void *crew_member(void *arg)
{
    crew *c = arg;
    int me = atomic_fetch_add(&c->next, 1);
    pthread_mutex_lock(&c->lock);
    while (!c->open) {
        pthread_cond_wait(&c->opened, &c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    c->start[me] = bench_seconds(CLOCK_MONOTONIC);
    double cpu = bench_seconds(CLOCK_THREAD_CPUTIME_ID);
    c->p->work(c->b);
    c->cpu[me] = bench_seconds(CLOCK_THREAD_CPUTIME_ID) - cpu;
    c->end[me] = bench_seconds(CLOCK_MONOTONIC);
    return NULL;
}

/* Runs a path once on its threads; returns its wall-clock seconds, and in
 * *cpu the CPU seconds of all its threads together. */
static double run_timed(bench *b, const path *p, double *cpu)
{
    crew c = {b, p, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0, {0}, {0}, {0}};
    pthread_t ids[MAX_THREADS];
    for (int t = 0; t < p->threads; t++) {
        if (pthread_create(&ids[t], NULL, crew_member, &c) != 0) {
            die("cannot create a thread");
        }
    }
    pthread_mutex_lock(&c.lock);
    c.open = true;
    pthread_cond_broadcast(&c.opened);
    pthread_mutex_unlock(&c.lock);
    for (int t = 0; t < p->threads; t++) {
        pthread_join(ids[t], NULL);
    }
    double first = c.start[0], last = c.end[0];
    *cpu = 0.0;
    for (int t = 0; t < p->threads; t++) {
        first = c.start[t] < first ? c.start[t] : first;
        last = c.end[t] > last ? c.end[t] : last;
        *cpu += c.cpu[t];
    }
    return last - first;
}

/* ---- driver ------------------------------------------------------------------------------ */

static void usage(void)
{
    fprintf(stderr, "usage: cxm-bench-recorder [-n adds] [-r repetitions] [-p path] [-l]\n");
    exit(EXIT_FAILURE);
}

static size_t parse_size(const char *s)
{
    char *end;
    double v = strtod(s, &end); /* accepts 1e7 */
    if (end == s || *end != '\0' || !(v >= 1) || v > 1e10) {
        usage();
    }
    return (size_t)v;
}

/* The paths callgrind can count: one thread, in a function path_<name>. */
static bool countable(const path *p)
{
    return p->threads == 1 && strchr(p->name, ':') == NULL;
}

static const path *find_path(const char *name)
{
    for (size_t p = 0; p < NPATHS; p++) {
        if (countable(&paths[p]) && strcmp(paths[p].name, name) == 0) {
            return &paths[p];
        }
    }
    die("unknown path (-l lists them)");
    return NULL;
}

static void setup(bench *b, size_t n)
{
    memset(b, 0, sizeof *b);
    b->n = n;
    b->ratings = malloc(n * sizeof b->ratings[0]);
    if (b->ratings == NULL) {
        die("out of memory for the ratings");
    }
    make_ratings(b);
    b->scale = (cxm_scale)CXM_SCALE_INIT;
    ok(cxm_scale_preset(CXM_PRESET_NPS, &b->scale), "preset");
    ok(cxm_acc_new(&b->scale, &b->acc), "acc_new");
    ok(cxm_recorder_new(&b->scale, &b->recorder), "recorder_new");
    for (int i = 0; i < NPS_SPAN; i++) {
        atomic_init(&b->one_word[i], 0);
    }
}

/* The fastest repetition's rate, in adds per microsecond: the run least
 * disturbed by other work, and on a busy machine the only one in which all
 * the threads may have had a core at the same time. */
static double best_rate(const path *p, size_t n, const double *times, int reps)
{
    double fastest = times[0];
    for (int rep = 1; rep < reps; rep++) {
        fastest = times[rep] < fastest ? times[rep] : fastest;
    }
    return (double)n * p->threads / fastest * 1e-6;
}

/* The rate of one thread on the path of the same family (promoters:1 for
 * promoters:T), in adds per microsecond. */
static double single_rate(const char *name, const double *rate)
{
    size_t family = strcspn(name, ":");
    for (size_t p = 0; p < NPATHS; p++) {
        if (paths[p].threads == 1 && strncmp(paths[p].name, name, family) == 0) {
            return rate[p];
        }
    }
    return 0.0;
}

int main(int argc, char **argv)
{
    size_t n = 10000000;
    int reps = 7;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-l") == 0) {
            for (size_t p = 0; p < NPATHS; p++) {
                if (countable(&paths[p])) {
                    printf("%s\n", paths[p].name);
                }
            }
            return EXIT_SUCCESS;
        }
        if (i + 1 >= argc) {
            usage();
        }
        const char *opt = argv[i], *arg = argv[++i];
        if (strcmp(opt, "-n") == 0) {
            n = parse_size(arg);
        } else if (strcmp(opt, "-r") == 0) {
            reps = (int)parse_size(arg);
        } else if (strcmp(opt, "-p") == 0) {
            only = arg;
        } else if (strcmp(opt, "-s") == 0 && strcmp(arg, "nps") == 0) {
            /* callgrind.sh passes the scale; this program has NPS only */
        } else {
            usage();
        }
    }
    if (reps > MAX_REPS) {
        usage();
    }
    bench b;
    setup(&b, n);

    if (only != NULL) { /* one untimed run, for callgrind */
        const path *p = find_path(only);
        p->work(&b);
        p->check(&b, 1, p->name);
        printf("%s: %zu adds\n", p->name, n);
        return EXIT_SUCCESS;
    }

    static double times[NPATHS][MAX_REPS], cpu[NPATHS][MAX_REPS], at_once[NPATHS][MAX_REPS];
    for (int rep = 0; rep < reps; rep++) {
        for (size_t p = 0; p < NPATHS; p++) {
            times[p][rep] = run_timed(&b, &paths[p], &cpu[p][rep]);
            at_once[p][rep] = cpu[p][rep] / times[p][rep];
            paths[p].check(&b, paths[p].threads, paths[p].name);
        }
    }

    printf("cxm-bench-recorder %s: %zu adds per thread on NPS, median of %d interleaved"
           " repetitions, wall-clock time\n",
           cxm_version_string(), n, reps);
    double rate[NPATHS], acc_ns = 0.0, acc_cpu = 0.0;
    printf("%-13s %7s %10s %10s %11s %10s %8s\n", "path", "threads", "wall ns", "cpu ns",
           "adds per us", "x 1 thread", "at once");
    for (size_t p = 0; p < NPATHS; p++) {
        double adds = (double)n * paths[p].threads;
        double seconds = bench_median(times[p], reps);
        double ns = seconds / (double)n * 1e9;                   /* per add of a thread */
        double cpu_ns = bench_median(cpu[p], reps) / adds * 1e9; /* CPU per add */
        rate[p] = adds / seconds * 1e-6;
        if (p == 0) {
            acc_ns = ns;
            acc_cpu = cpu_ns;
        }
        printf("%-13s %7d %10.2f %10.2f %11.1f %10.2f %8.2f", paths[p].name, paths[p].threads, ns,
               cpu_ns, rate[p], rate[p] / single_rate(paths[p].name, rate),
               bench_median(at_once[p], reps));
        if (paths[p].threads == 1 && p > 0) {
            printf("   %.2f x acc_add (cpu %.2f x)", ns / acc_ns, cpu_ns / acc_cpu);
        }
        printf("\n");
    }
    printf("\nthe fastest of the %d repetitions:\n", reps);
    printf("%-13s %7s %11s %10s\n", "path", "threads", "adds per us", "x 1 thread");
    double best[NPATHS];
    for (size_t p = 0; p < NPATHS; p++) {
        best[p] = best_rate(&paths[p], n, times[p], reps);
        printf("%-13s %7d %11.1f %10.2f\n", paths[p].name, paths[p].threads, best[p],
               best[p] / single_rate(paths[p].name, best));
    }
    printf("footprint      %zu bytes per NPS recorder\n", cxm_recorder_footprint(&b.scale));
    cxm_acc_free(b.acc);
    cxm_recorder_free(b.recorder);
    free(b.ratings);
    return EXIT_SUCCESS;
}
