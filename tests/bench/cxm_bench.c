/*
 * cxm-bench: how fast ratings get into cxmetrics, next to what the same
 * machine does with a plain C loop over the same bytes in the same run.
 *
 *   cxm-bench [-n ratings] [-r repetitions] [-s nps|csat5|ces7|slider]
 *             [-q sqlite_ratings] [-p path] [-c wall|cpu] [-l]
 *
 * It generates the ratings deterministically (fixed seed, a J-shaped
 * distribution as survey answers have: most at the top, a bump at the
 * bottom), then runs every path once per repetition, round-robin, so that a
 * slow spell of a noisy machine hits all paths alike, and prints each path's
 * median. The baseline is an 8-way sub-histogram loop in plain C with no
 * validation, compiled with the same flags: the cost of merely touching every
 * byte and counting it. Every repetition's result is checked against counts
 * made by a separate simple loop before anything is printed.
 *
 * The weighted paths record the same ratings into a cxm_wacc, each with a
 * weight drawn from a wide range (1 .. 100000, as revenue in $k would be),
 * and snapshot a weighted accumulator of all of them.
 *
 * -p runs one path only, once, without timing (for callgrind: see
 * callgrind.sh); -l lists the paths. -c cpu times with the thread's CPU-time
 * clock instead of the wall clock: on a machine shared with other work it
 * leaves out the time this thread waited for a core (not the slowdown of
 * shared caches). Built as cxm-bench against the shared
 * library (what users link), and as cxm-bench-kernels against the static one,
 * which adds a row for each internal counting kernel.
 */
#define _POSIX_C_SOURCE 199309L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"
#include "cxmetrics.h"

#ifdef CXM_BENCH_KERNELS
#include "internal.h"
#endif
#ifdef CXM_BENCH_SQLITE
#include <sqlite3.h>
#endif

#define MAX_SPAN 101
#define SEED     0x5eed2024u
#define MAX_REPS 101

/* Calls per repetition of the per-call paths. */
#define CALLS_ADD_COUNT     1000000u
#define CALLS_SNAPSHOT      20000u
#define CALLS_MERGE         1000000u
#define CALLS_CODEC         200000u
#define CALLS_TRAILING      200000u
#define CALLS_ADVANCE       1000000u
#define CALLS_WACC_SNAPSHOT 20000u

/* Series: 400 daily buckets (13 months), the trailing 30 of them summed. */
#define SERIES_DAYS   400u
#define TRAILING_DAYS 30

typedef struct bench {
    size_t n;
    uint8_t *u8;
    int32_t *i32;
    uint32_t *weights;     /* a weight per rating, for the weighted paths */
    uint64_t weight_total; /* their sum */
    cxm_scale scale;
    uint32_t span;
    uint64_t expected[MAX_SPAN]; /* counts of min + i, from a simple loop */
    cxm_acc *acc;                /* reset and refilled by the ingest paths */
    cxm_acc *full;               /* holds all n ratings: read by the per-call paths */
    uint64_t baseline[256];      /* the baseline loop's result */
    uint64_t calls;              /* calls made by the last per-call repetition */
    double sink;                 /* keeps results of read-only paths alive */
    unsigned char *encoded;
    size_t encoded_len;
    cxm_series *today;   /* the series_add path records into its head */
    cxm_series *year;    /* all n ratings spread over SERIES_DAYS days */
    uint64_t trailing;   /* ratings in year's last TRAILING_DAYS days */
    cxm_series *ring[3]; /* advanced by one bucket per call */
    cxm_wacc *wacc;      /* reset and refilled by wacc_add */
    cxm_wacc *wfull;     /* all n ratings with their weights */
} bench;

/* Capacities of the advance paths: O(span) means the same cost for each. */
static const uint32_t ring_capacity[3] = {30, 400, 100000};

static void die(const char *what)
{
    fprintf(stderr, "cxm-bench: %s\n", what);
    exit(EXIT_FAILURE);
}

static void ok(int status, const char *what)
{
    if (status != CXM_OK) {
        fprintf(stderr, "cxm-bench: %s: %s\n", what, cxm_status_name(status));
        exit(EXIT_FAILURE);
    }
}

static clockid_t timer = CLOCK_MONOTONIC; /* -c cpu: CLOCK_THREAD_CPUTIME_ID */

static double now(void)
{
    return bench_seconds(timer);
}

/* ---- data ---------------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* J-shaped: weight 1 + 40 x^4 at x = position in the scale from 0 to 1, plus
 * 4 at the bottom rating. On 0-10: 10 gets 41 %, 9 27 %, 8 17 %, 0 5 %, ... */
static void make_ratings(bench *b)
{
    double weight[MAX_SPAN], total = 0.0;
    for (uint32_t i = 0; i < b->span; i++) {
        double x = b->span > 1 ? (double)i / (double)(b->span - 1) : 1.0;
        weight[i] = 1.0 + 40.0 * x * x * x * x + (i == 0 ? 4.0 : 0.0);
        total += weight[i];
    }
    uint8_t table[4096]; /* a uniform 12-bit number -> an offset from min */
    double cumulative = weight[0];
    uint32_t value = 0;
    for (uint32_t slot = 0; slot < 4096; slot++) {
        double target = ((double)slot + 0.5) * total / 4096.0;
        while (target > cumulative && value + 1 < b->span) {
            value++;
            cumulative += weight[value];
        }
        table[slot] = (uint8_t)value;
    }
    uint64_t state = SEED;
    for (size_t i = 0; i < b->n; i++) {
        uint8_t offset = table[splitmix64(&state) >> 52];
        b->u8[i] = (uint8_t)(b->scale.min + offset);
        b->i32[i] = b->scale.min + offset;
        b->expected[offset]++;
        b->weights[i] = 1 + (uint32_t)(splitmix64(&state) % 100000);
        b->weight_total += b->weights[i];
    }
}

static void make_scale(const char *name, cxm_scale *scale)
{
    static const struct {
        const char *name;
        int preset;
    } presets[] = {
        {"nps", CXM_PRESET_NPS}, {"csat5", CXM_PRESET_CSAT_5}, {"ces7", CXM_PRESET_CES_7}};
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++) {
        if (strcmp(name, presets[i].name) == 0) {
            ok(cxm_scale_preset(presets[i].preset, scale), "preset");
            return;
        }
    }
    if (strcmp(name, "slider") != 0) {
        die("unknown scale (nps, csat5, ces7, slider)");
    }
    /* A 0-100 slider: the widest scale there is. */
    scale->min = 0;
    scale->max = 100;
    scale->negative_min = 0;
    scale->negative_max = 60;
    scale->positive_min = 80;
    scale->positive_max = 100;
    scale->headline = CXM_HEADLINE_MEAN;
    ok(cxm_scale_check(scale), "slider scale");
}

/* ---- checks (outside the timed region) ------------------------------------ */

static void check_counts(const cxm_acc *acc, const uint64_t *want, uint32_t span, const char *path)
{
    uint64_t got[MAX_SPAN];
    ok(cxm_acc_counts(acc, got, MAX_SPAN), "counts");
    for (uint32_t i = 0; i < span; i++) {
        if (got[i] != want[i]) {
            fprintf(stderr, "cxm-bench: %s: count %u is %llu, expected %llu\n", path, i,
                    (unsigned long long)got[i], (unsigned long long)want[i]);
            exit(EXIT_FAILURE);
        }
    }
}

static void check_ingest(bench *b, const char *path)
{
    check_counts(b->acc, b->expected, b->span, path);
}

static void check_baseline(bench *b, const char *path)
{
    for (uint32_t i = 0; i < b->span; i++) {
        if (b->baseline[(uint32_t)b->scale.min + i] != b->expected[i]) {
            fprintf(stderr, "cxm-bench: %s disagrees with the reference counts\n", path);
            exit(EXIT_FAILURE);
        }
    }
}

static void check_total(bench *b, const char *path, uint64_t want)
{
    uint64_t total;
    ok(cxm_acc_total(b->acc, &total), "total");
    if (total != want) {
        fprintf(stderr, "cxm-bench: %s: total %llu, expected %llu\n", path,
                (unsigned long long)total, (unsigned long long)want);
        exit(EXIT_FAILURE);
    }
}

/* ---- the paths --------------------------------------------------------------
 * Each runs one repetition and returns how many units (ratings or calls) it
 * processed; each is only ever called through the table below, so that it
 * stays a function of its own for callgrind. */

/* The reference point: eight interleaved uint32 sub-histograms indexed by the
 * raw byte, flushed to 64 bits every 2^20 ratings; no validation at all. */
static uint64_t path_baseline(bench *b)
{
    uint32_t sub[8][256];
    memset(b->baseline, 0, sizeof b->baseline);
    const uint8_t *r = b->u8;
    for (size_t start = 0; start < b->n; start += (size_t)1 << 20) {
        size_t end = b->n - start < ((size_t)1 << 20) ? b->n : start + ((size_t)1 << 20);
        memset(sub, 0, sizeof sub);
        size_t i = start;
        for (; i + 8 <= end; i += 8) {
            sub[0][r[i]]++;
            sub[1][r[i + 1]]++;
            sub[2][r[i + 2]]++;
            sub[3][r[i + 3]]++;
            sub[4][r[i + 4]]++;
            sub[5][r[i + 5]]++;
            sub[6][r[i + 6]]++;
            sub[7][r[i + 7]]++;
        }
        for (; i < end; i++) {
            sub[0][r[i]]++;
        }
        for (int v = 0; v < 256; v++) {
            for (int k = 0; k < 8; k++) {
                b->baseline[v] += sub[k][v];
            }
        }
    }
    return b->n;
}

static uint64_t path_add_many_u8(bench *b)
{
    ok(cxm_acc_reset(b->acc), "reset");
    ok(cxm_acc_add_many_u8(b->acc, b->u8, b->n, NULL), "add_many_u8");
    return b->n;
}

static uint64_t path_add_many(bench *b)
{
    ok(cxm_acc_reset(b->acc), "reset");
    ok(cxm_acc_add_many(b->acc, b->i32, b->n, NULL), "add_many");
    return b->n;
}

static uint64_t path_add(bench *b)
{
    ok(cxm_acc_reset(b->acc), "reset");
    /* Locals, as a caller's loop would have them: the call could change *b,
     * so fields of b would be reloaded on every iteration. */
    cxm_acc *acc = b->acc;
    const int32_t *r = b->i32;
    const size_t n = b->n;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed |= cxm_acc_add(acc, r[i]);
    }
    ok(failed, "add");
    return b->n;
}

static uint64_t path_add_count(bench *b)
{
    ok(cxm_acc_reset(b->acc), "reset");
    const size_t calls = b->n < CALLS_ADD_COUNT ? b->n : CALLS_ADD_COUNT;
    cxm_acc *acc = b->acc;
    const int32_t *r = b->i32;
    int failed = 0;
    for (size_t i = 0; i < calls; i++) {
        failed |= cxm_acc_add_count(acc, r[i], 1000);
    }
    ok(failed, "add_count");
    b->calls = calls;
    return calls;
}

static uint64_t path_snapshot(bench *b)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    double sum = 0.0;
    for (uint32_t i = 0; i < CALLS_SNAPSHOT; i++) {
        ok(cxm_acc_snapshot(b->full, &s), "snapshot");
        sum += s.score_low;
    }
    b->sink += sum;
    return CALLS_SNAPSHOT;
}

static uint64_t path_merge(bench *b)
{
    ok(cxm_acc_reset(b->acc), "reset");
    cxm_acc *into = b->acc;
    const cxm_acc *from = b->full;
    int failed = 0;
    for (uint32_t i = 0; i < CALLS_MERGE; i++) {
        failed |= cxm_acc_merge(into, from);
    }
    ok(failed, "merge");
    return CALLS_MERGE;
}

static void check_add_count(bench *b, const char *path)
{
    check_total(b, path, 1000u * b->calls);
}

static void check_merge(bench *b, const char *path)
{
    uint64_t want[MAX_SPAN];
    for (uint32_t i = 0; i < b->span; i++) {
        want[i] = CALLS_MERGE * b->expected[i];
    }
    check_counts(b->acc, want, b->span, path);
}

static void check_snapshot(bench *b, const char *path)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    ok(cxm_acc_snapshot(b->full, &s), "snapshot");
    if (s.n != b->n || !(s.score_low <= s.score && s.score <= s.score_high)) {
        fprintf(stderr, "cxm-bench: %s: implausible snapshot\n", path);
        exit(EXIT_FAILURE);
    }
}

/* The weighted accumulator: recording weighted ratings, as path_add does
 * unweighted ones, and its snapshot with the headline's interval. */
static uint64_t path_wacc_add(bench *b)
{
    ok(cxm_wacc_reset(b->wacc), "wacc_reset");
    cxm_wacc *w = b->wacc;
    const int32_t *r = b->i32;
    const uint32_t *weight = b->weights;
    const size_t n = b->n;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed |= cxm_wacc_add(w, r[i], weight[i]);
    }
    ok(failed, "wacc_add");
    return b->n;
}

static void check_wacc_add(bench *b, const char *path)
{
    uint64_t count, weight, squares[2];
    ok(cxm_wacc_totals(b->wacc, &count, &weight, squares), "wacc_totals");
    cxm_acc *counts = NULL;
    ok(cxm_acc_new(&b->scale, &counts), "new");
    ok(cxm_wacc_unweighted(b->wacc, counts), "wacc_unweighted");
    check_counts(counts, b->expected, b->span, path);
    cxm_acc_free(counts);
    if (count != b->n || weight != b->weight_total) {
        fprintf(stderr, "cxm-bench: %s: totals disagree\n", path);
        exit(EXIT_FAILURE);
    }
}

static uint64_t path_wacc_snapshot(bench *b)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    double sum = 0.0;
    for (uint32_t i = 0; i < CALLS_WACC_SNAPSHOT; i++) {
        ok(cxm_wacc_snapshot(b->wfull, &s), "wacc_snapshot");
        sum += s.score_low;
    }
    b->sink += sum;
    return CALLS_WACC_SNAPSHOT;
}

static void check_wacc_snapshot(bench *b, const char *path)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    ok(cxm_wacc_snapshot(b->wfull, &s), "wacc_snapshot");
    if (s.n != b->n || s.weight_total != (double)b->weight_total ||
        !(s.score_low <= s.score && s.score <= s.score_high)) {
        fprintf(stderr, "cxm-bench: %s: implausible snapshot\n", path);
        exit(EXIT_FAILURE);
    }
}

/* The codec (cxm_acc_encode / cxm_acc_decode). */
static uint64_t path_encode(bench *b)
{
    size_t written = 0;
    for (uint32_t i = 0; i < CALLS_CODEC; i++) {
        ok(cxm_acc_encode(b->full, b->encoded, b->encoded_len, &written), "encode");
    }
    b->sink += (double)written;
    return CALLS_CODEC;
}

static uint64_t path_decode(bench *b)
{
    for (uint32_t i = 0; i < CALLS_CODEC; i++) {
        cxm_acc *copy = NULL;
        ok(cxm_acc_decode(b->encoded, b->encoded_len, &copy), "decode");
        cxm_acc_free(copy);
    }
    return CALLS_CODEC;
}

static void check_codec(bench *b, const char *path)
{
    cxm_acc *copy = NULL;
    ok(cxm_acc_decode(b->encoded, b->encoded_len, &copy), "decode");
    check_counts(copy, b->expected, b->span, path);
    cxm_acc_free(copy);
}

/* The series (cxm_series_*). */
static uint64_t path_series_add(bench *b)
{
    /* Each repetition starts on 8 empty days (see check_series_add). */
    int64_t day = 0;
    ok(cxm_series_head(b->today, &day), "head");
    day += 8;
    ok(cxm_series_advance(b->today, day), "advance");
    cxm_series *s = b->today;
    const int32_t *r = b->i32;
    const size_t n = b->n;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed |= cxm_series_add(s, day, r[i]);
    }
    ok(failed, "series_add");
    return b->n;
}

/* The same, spread over the last 8 days: the ring arithmetic of a bucket
 * other than the head (late ratings). */
static uint64_t path_series_add_8(bench *b)
{
    int64_t day = 0;
    ok(cxm_series_head(b->today, &day), "head");
    day += 8;
    ok(cxm_series_advance(b->today, day), "advance");
    cxm_series *s = b->today;
    const int32_t *r = b->i32;
    const size_t n = b->n;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed |= cxm_series_add(s, day - (int64_t)(i & 7), r[i]);
    }
    ok(failed, "series_add");
    return b->n;
}

/* The last 8 days hold the ratings of either path: both advance by 8. */
static void check_series_add(bench *b, const char *path)
{
    int64_t day = 0;
    ok(cxm_series_head(b->today, &day), "head");
    ok(cxm_acc_reset(b->acc), "reset");
    ok(cxm_series_sum(b->today, day - 7, day, b->acc), "sum");
    check_ingest(b, path);
}

/* A dashboard's trailing 30 days: sum into an accumulator, then snapshot. */
static uint64_t path_trailing30(bench *b)
{
    int64_t head = SERIES_DAYS - 1;
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    double sum = 0.0;
    for (uint32_t i = 0; i < CALLS_TRAILING; i++) {
        ok(cxm_acc_reset(b->acc), "reset");
        ok(cxm_series_sum(b->year, head - (TRAILING_DAYS - 1), head, b->acc), "sum");
        ok(cxm_acc_snapshot(b->acc, &s), "snapshot");
        sum += s.score;
    }
    b->sink += sum;
    return CALLS_TRAILING;
}

static void check_trailing30(bench *b, const char *path)
{
    check_total(b, path, b->trailing);
}

static uint64_t advance_by_one(bench *b, int which)
{
    cxm_series *s = b->ring[which];
    int64_t head = 0;
    ok(cxm_series_head(s, &head), "head");
    int failed = 0;
    for (uint32_t i = 0; i < CALLS_ADVANCE; i++) {
        failed |= cxm_series_advance(s, ++head);
    }
    ok(failed, "advance");
    return CALLS_ADVANCE;
}

static uint64_t path_advance_30(bench *b)
{
    return advance_by_one(b, 0);
}

static uint64_t path_advance_400(bench *b)
{
    return advance_by_one(b, 1);
}

static uint64_t path_advance_100000(bench *b)
{
    return advance_by_one(b, 2);
}

/* Each advance path has made CALLS_ADVANCE steps per repetition so far. */
static void check_advance(bench *b, const char *path)
{
    (void)path;
    for (int k = 0; k < 3; k++) {
        int64_t head = 0;
        ok(cxm_series_head(b->ring[k], &head), "head");
        if (head % CALLS_ADVANCE != 0) {
            die("advance: the head is not a whole number of repetitions");
        }
    }
}

#ifdef CXM_BENCH_KERNELS
/* Each internal kernel on its own, through the same entry point as AUTO. */
#define KERNEL_PATH(name, fn, data, kernel)                                                        \
    static uint64_t name(bench *b)                                                                 \
    {                                                                                              \
        ok(cxm_acc_reset(b->acc), "reset");                                                        \
        ok(fn(b->acc, b->data, b->n, NULL, kernel), #name);                                        \
        return b->n;                                                                               \
    }
KERNEL_PATH(path_u8_scalar, cxmi_add_many_u8, u8, CXMI_KERNEL_SCALAR)
KERNEL_PATH(path_u8_table, cxmi_add_many_u8, u8, CXMI_KERNEL_TABLE)
KERNEL_PATH(path_u8_sse2, cxmi_add_many_u8, u8, CXMI_KERNEL_SSE2)
KERNEL_PATH(path_i32_scalar, cxmi_add_many, i32, CXMI_KERNEL_SCALAR)
KERNEL_PATH(path_i32_table, cxmi_add_many, i32, CXMI_KERNEL_TABLE)
KERNEL_PATH(path_i32_sse2, cxmi_add_many, i32, CXMI_KERNEL_SSE2)
#endif

typedef struct path {
    const char *name;
    const char *unit;
    uint64_t (*run)(bench *);
    void (*check)(bench *, const char *);
} path;

static const path paths[] = {
    {"baseline", "rating", path_baseline, check_baseline},
    {"add_many_u8", "rating", path_add_many_u8, check_ingest},
    {"add_many", "rating", path_add_many, check_ingest},
    {"add", "rating", path_add, check_ingest},
#ifdef CXM_BENCH_KERNELS
    {"u8:scalar", "rating", path_u8_scalar, check_ingest},
    {"u8:table", "rating", path_u8_table, check_ingest},
    {"u8:sse2", "rating", path_u8_sse2, check_ingest},
    {"i32:scalar", "rating", path_i32_scalar, check_ingest},
    {"i32:table", "rating", path_i32_table, check_ingest},
    {"i32:sse2", "rating", path_i32_sse2, check_ingest},
#endif
    {"add_count", "call", path_add_count, check_add_count},
    {"snapshot", "call", path_snapshot, check_snapshot},
    {"merge", "call", path_merge, check_merge},
    {"encode", "call", path_encode, check_codec},
    {"decode", "call", path_decode, check_codec},
    {"series_add", "rating", path_series_add, check_series_add},
    {"series_add:8", "rating", path_series_add_8, check_series_add},
    {"trailing30", "call", path_trailing30, check_trailing30},
    {"advance:30", "call", path_advance_30, check_advance},
    {"advance:400", "call", path_advance_400, check_advance},
    {"advance:100000", "call", path_advance_100000, check_advance},
    {"wacc_add", "rating", path_wacc_add, check_wacc_add},
    {"wacc_snapshot", "call", path_wacc_snapshot, check_wacc_snapshot},
};
#define NPATHS (sizeof paths / sizeof paths[0])

/* ---- SQLite: the same aggregate in an in-memory database ------------------ */

#ifdef CXM_BENCH_SQLITE
typedef struct sql_bench {
    sqlite3 *db;
    sqlite3_stmt *query;
    size_t n;
    uint64_t want[3]; /* count, positive, negative */
} sql_bench;

static void sql_ok(sql_bench *s, int rc, int want, const char *what)
{
    if (rc != want) {
        fprintf(stderr, "cxm-bench: sqlite %s: %s\n", what, sqlite3_errmsg(s->db));
        exit(EXIT_FAILURE);
    }
}

static void sql_open(sql_bench *s, const bench *b, size_t n)
{
    s->n = n;
    sql_ok(s, sqlite3_open(":memory:", &s->db), SQLITE_OK, "open");
    sql_ok(s,
           sqlite3_exec(s->db, "CREATE TABLE answers(rating INTEGER NOT NULL); BEGIN", NULL, NULL,
                        NULL),
           SQLITE_OK, "create");
    sqlite3_stmt *insert;
    sql_ok(s, sqlite3_prepare_v2(s->db, "INSERT INTO answers VALUES(?)", -1, &insert, NULL),
           SQLITE_OK, "prepare insert");
    memset(s->want, 0, sizeof s->want);
    const cxm_scale *sc = &b->scale;
    for (size_t i = 0; i < n; i++) {
        int32_t r = b->i32[i];
        sqlite3_bind_int(insert, 1, r);
        sql_ok(s, sqlite3_step(insert), SQLITE_DONE, "insert");
        sqlite3_reset(insert);
        s->want[0]++;
        s->want[1] += r >= sc->positive_min && r <= sc->positive_max;
        s->want[2] += r >= sc->negative_min && r <= sc->negative_max;
    }
    sqlite3_finalize(insert);
    sql_ok(s, sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL), SQLITE_OK, "commit");
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT count(*), SUM(CASE WHEN rating BETWEEN %d AND %d THEN 1 ELSE 0 END),"
             " SUM(CASE WHEN rating BETWEEN %d AND %d THEN 1 ELSE 0 END) FROM answers",
             (int)sc->positive_min, (int)sc->positive_max, (int)sc->negative_min,
             (int)sc->negative_max);
    sql_ok(s, sqlite3_prepare_v2(s->db, sql, -1, &s->query, NULL), SQLITE_OK, "prepare query");
}

static void sql_run(sql_bench *s)
{
    sql_ok(s, sqlite3_step(s->query), SQLITE_ROW, "query");
    for (int c = 0; c < 3; c++) {
        if ((uint64_t)sqlite3_column_int64(s->query, c) != s->want[c]) {
            die("sqlite aggregate disagrees with the reference counts");
        }
    }
    sqlite3_reset(s->query);
}

static void sql_close(sql_bench *s)
{
    sqlite3_finalize(s->query);
    sqlite3_close(s->db);
}
#endif

/* ---- driver ---------------------------------------------------------------- */

/* The series of the series paths. `year` gets rating i on day i mod
 * SERIES_DAYS, each day's ratings recorded with add_count. */
static void setup_series(bench *b)
{
    ok(cxm_series_new(&b->scale, SERIES_DAYS, 0, &b->today), "series_new");
    ok(cxm_series_new(&b->scale, SERIES_DAYS, SERIES_DAYS - 1, &b->year), "series_new");
    static uint64_t per_day[SERIES_DAYS][MAX_SPAN];
    memset(per_day, 0, sizeof per_day);
    for (size_t i = 0; i < b->n; i++) {
        per_day[i % SERIES_DAYS][b->i32[i] - b->scale.min]++;
    }
    b->trailing = 0;
    for (uint32_t day = 0; day < SERIES_DAYS; day++) {
        for (uint32_t v = 0; v < b->span; v++) {
            ok(cxm_series_add_count(b->year, day, b->scale.min + (int32_t)v, per_day[day][v]),
               "series_add_count");
            if (day >= SERIES_DAYS - TRAILING_DAYS) {
                b->trailing += per_day[day][v];
            }
        }
    }
    for (int k = 0; k < 3; k++) {
        ok(cxm_series_new(&b->scale, ring_capacity[k], 0, &b->ring[k]), "series_new");
        ok(cxm_series_add(b->ring[k], 0, b->scale.max), "series_add");
    }
}

static void setup(bench *b, size_t n, const char *scale_name)
{
    memset(b, 0, sizeof *b);
    b->n = n;
    b->scale = (cxm_scale)CXM_SCALE_INIT;
    make_scale(scale_name, &b->scale);
    b->span = (uint32_t)(b->scale.max - b->scale.min + 1);
    b->u8 = malloc(n ? n : 1);
    b->i32 = malloc((n ? n : 1) * sizeof b->i32[0]);
    b->weights = malloc((n ? n : 1) * sizeof b->weights[0]);
    if (b->u8 == NULL || b->i32 == NULL || b->weights == NULL) {
        die("out of memory for the ratings");
    }
    make_ratings(b);
    ok(cxm_acc_new(&b->scale, &b->acc), "new");
    ok(cxm_acc_new(&b->scale, &b->full), "new");
    for (uint32_t i = 0; i < b->span; i++) {
        ok(cxm_acc_add_count(b->full, b->scale.min + (int32_t)i, b->expected[i]), "fill");
    }
    ok(cxm_acc_encoded_size(b->full, &b->encoded_len), "encoded_size");
    b->encoded = malloc(b->encoded_len);
    if (b->encoded == NULL) {
        die("out of memory");
    }
    size_t written;
    ok(cxm_acc_encode(b->full, b->encoded, b->encoded_len, &written), "encode");
    b->encoded_len = written;
    setup_series(b);
    ok(cxm_wacc_new(&b->scale, &b->wacc), "wacc_new");
    ok(cxm_wacc_new(&b->scale, &b->wfull), "wacc_new");
    for (size_t i = 0; i < n; i++) {
        ok(cxm_wacc_add(b->wfull, b->i32[i], b->weights[i]), "wacc_add");
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: cxm-bench [-n ratings] [-r repetitions] [-s nps|csat5|ces7|slider]"
                    " [-q sqlite_ratings] [-p path] [-c wall|cpu] [-l]\n");
    exit(EXIT_FAILURE);
}

static size_t parse_size(const char *s)
{
    char *end;
    double v = strtod(s, &end); /* accepts 1e8 */
    if (end == s || *end != '\0' || !(v >= 0) || v > 1e12) {
        usage();
    }
    return (size_t)v;
}

static const path *find_path(const char *name)
{
    for (size_t p = 0; p < NPATHS; p++) {
        if (strcmp(paths[p].name, name) == 0) {
            return &paths[p];
        }
    }
    die("unknown path (-l lists them)");
    return NULL;
}

int main(int argc, char **argv)
{
    size_t n = 10000000, sql_n = 2000000;
    int reps = 7;
    const char *scale_name = "nps", *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-l") == 0) {
            for (size_t p = 0; p < NPATHS; p++) {
                printf("%s\n", paths[p].name);
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
        } else if (strcmp(opt, "-s") == 0) {
            scale_name = arg;
        } else if (strcmp(opt, "-q") == 0) {
            sql_n = parse_size(arg);
        } else if (strcmp(opt, "-p") == 0) {
            only = arg;
        } else if (strcmp(opt, "-c") == 0 && strcmp(arg, "wall") == 0) {
            timer = CLOCK_MONOTONIC;
        } else if (strcmp(opt, "-c") == 0 && strcmp(arg, "cpu") == 0) {
            timer = CLOCK_THREAD_CPUTIME_ID;
        } else {
            usage();
        }
    }
    if (reps < 1 || reps > MAX_REPS) {
        usage();
    }

    bench b;
    setup(&b, n, scale_name);

    if (only != NULL) { /* one untimed run, for callgrind */
        const path *p = find_path(only);
        uint64_t count = p->run(&b);
        p->check(&b, p->name);
        printf("%s: %llu %ss\n", p->name, (unsigned long long)count, p->unit);
        return EXIT_SUCCESS;
    }

    static double times[NPATHS][MAX_REPS];
    uint64_t units[NPATHS];
#ifdef CXM_BENCH_SQLITE
    sql_bench sql;
    if (sql_n > n) {
        sql_n = n;
    }
    if (sql_n > 0) {
        sql_open(&sql, &b, sql_n);
    }
    double sql_times[MAX_REPS];
#endif
    /* A timed sample covers at least about 10^6 ratings, repeating the path
     * on a short batch, so that the clock's own cost and resolution vanish. */
    const uint64_t inner = n > 0 && n < 1000000 ? (1000000 + n - 1) / n : 1;
    for (int rep = 0; rep < reps; rep++) {
        for (size_t p = 0; p < NPATHS; p++) {
            uint64_t times_run = strcmp(paths[p].unit, "rating") == 0 ? inner : 1;
            double start = now();
            units[p] = 0;
            for (uint64_t k = 0; k < times_run; k++) {
                units[p] += paths[p].run(&b);
            }
            times[p][rep] = now() - start;
            paths[p].check(&b, paths[p].name);
        }
#ifdef CXM_BENCH_SQLITE
        if (sql_n > 0) {
            double start = now();
            sql_run(&sql);
            sql_times[rep] = now() - start;
        }
#endif
    }

    printf("cxm-bench %s: %zu ratings on %d-%d (%u values), seed %#x, median of %d"
           " interleaved repetitions, %s time\n",
           cxm_version_string(), n, (int)b.scale.min, (int)b.scale.max, b.span, SEED, reps,
           timer == CLOCK_MONOTONIC ? "wall-clock" : "thread CPU");
    double base = bench_median(times[0], reps) * 1e9 / (double)(units[0] ? units[0] : 1);
    printf("%-14s %10s %8s %10s\n", "path", "ns", "per", "x baseline");
    for (size_t p = 0; p < NPATHS; p++) {
        double ns = bench_median(times[p], reps) * 1e9 / (double)(units[p] ? units[p] : 1);
        if (strcmp(paths[p].unit, "rating") == 0) {
            printf("%-14s %10.3f %8s %10.2f\n", paths[p].name, ns, paths[p].unit, ns / base);
        } else {
            printf("%-14s %10.1f %8s\n", paths[p].name, ns, paths[p].unit);
        }
    }
#ifdef CXM_BENCH_SQLITE
    if (sql_n > 0) {
        double ns = bench_median(sql_times, reps) * 1e9 / (double)sql_n;
        printf("%-14s %10.3f %8s %10.2f   (SUM(CASE ...) over %zu rows, in memory)\n", "sqlite", ns,
               "rating", ns / base, sql_n);
        sql_close(&sql);
    }
#else
    printf("sqlite         (not built: libsqlite3 was not found)\n");
#endif
    printf("footprint      %zu bytes per accumulator\n", cxm_acc_footprint(&b.scale));
    printf("footprint      %zu bytes per series of %u buckets\n",
           cxm_series_footprint(&b.scale, SERIES_DAYS), SERIES_DAYS);
    if (b.sink == 12345.678) {
        printf(" \n"); /* never; b.sink only keeps the snapshots from being optimised out */
    }
    cxm_acc_free(b.acc);
    cxm_acc_free(b.full);
    cxm_series_free(b.today);
    cxm_series_free(b.year);
    for (int k = 0; k < 3; k++) {
        cxm_series_free(b.ring[k]);
    }
    cxm_wacc_free(b.wacc);
    cxm_wacc_free(b.wfull);
    free(b.u8);
    free(b.i32);
    free(b.weights);
    free(b.encoded);
    return EXIT_SUCCESS;
}
