/*
 * cxm-bench-sqlite: cxm_nps(rating) against the SQL it replaces, in one run.
 *
 *   cxm-bench-sqlite [-n ratings] [-r repetitions]      timings (medians)
 *   cxm-bench-sqlite -p query [-n ratings]              one query, once (callgrind)
 *   cxm-bench-sqlite -l                                 the query names
 *
 * One in-memory table of n (default 2 000 000) NPS ratings from a fixed seed,
 * J-shaped as survey answers are (10: 41 %, 9: 27 %, 8: 17 %, ... 0: 5 %), 2 %
 * of them NULL. The SQLite extension (examples/sqlite) is linked in and
 * registered with sqlite3_auto_extension, as the loaded module would be.
 * Each repetition runs every query once, round-robin, so a slow spell of a
 * shared machine hits them all alike; each query is reported as its median
 * and as the ratio of the baseline's median to its own. Every result is
 * checked against the NPS counted here in C before anything is printed.
 * `callgrind --toggle-collect=run_query` with -p counts one query's
 * instructions alone (docs/performance.md, "SQLite extension").
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int sqlite3_cxmetrics_init(sqlite3 *db, char **error, const sqlite3_api_routines *api);

static const struct {
    const char *name, *sql;
} queries[] = {
    /* the baseline: the NPS query as it is usually written by hand */
    {"sum_case",
     "SELECT 100.0 * (SUM(CASE WHEN rating >= 9 THEN 1 ELSE 0 END) - SUM(CASE WHEN rating <= 6 "
     "THEN 1 ELSE 0 END)) / COUNT(rating) FROM answers"},
    /* its tersest hand-written form: one CASE */
    {"sum_case_1",
     "SELECT 100.0 * SUM(CASE WHEN rating >= 9 THEN 1 WHEN rating <= 6 THEN -1 ELSE 0 END) / "
     "COUNT(rating) FROM answers"},
    {"cxm_nps", "SELECT cxm_nps(rating) FROM answers"},
    {"acc_agg", "SELECT cxm_score(cxm_acc_agg(rating, 'nps')) FROM answers"},
    /* the floor: the cheapest aggregate over the same column */
    {"count", "SELECT COUNT(rating) FROM answers"},
};
#define QUERIES    (sizeof queries / sizeof queries[0])
#define MAX_REPEAT 64

static void die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "cxm-bench-sqlite: %s: %s\n", what, db != NULL ? sqlite3_errmsg(db) : "");
    exit(EXIT_FAILURE);
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Fills the table; returns the exact NPS of its non-NULL ratings. */
static double fill(sqlite3 *db, size_t n)
{
    static const unsigned percent[11] = {5, 2, 2, 2, 3, 3, 4, 5, 17, 27, 41}; /* sums to 111 */
    sqlite3_stmt *insert;
    if (sqlite3_exec(db, "CREATE TABLE answers(id INTEGER PRIMARY KEY, rating INTEGER); BEGIN",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO answers(rating) VALUES (?)", -1, &insert, NULL) !=
            SQLITE_OK) {
        die(db, "create");
    }
    uint64_t state = 20261201, count = 0, promoters = 0, detractors = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t draw = splitmix64(&state);
        if (draw % 100 < 2) {
            sqlite3_bind_null(insert, 1);
        } else {
            unsigned pick = (unsigned)((draw >> 8) % 111), r = 0;
            while (pick >= percent[r]) {
                pick -= percent[r++];
            }
            sqlite3_bind_int(insert, 1, (int)r);
            count++;
            promoters += r >= 9;
            detractors += r <= 6;
        }
        if (sqlite3_step(insert) != SQLITE_DONE) {
            die(db, "insert");
        }
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        die(db, "commit");
    }
    return 100.0 * ((double)promoters - (double)detractors) / (double)count;
}

/* The function callgrind's --toggle-collect names: one query, start to end. */
__attribute__((noinline)) static double run_query(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK ||
        sqlite3_step(stmt) != SQLITE_ROW) {
        die(db, sql);
    }
    double value = sqlite3_column_double(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int count)
{
    qsort(t, (size_t)count, sizeof *t, by_value);
    return count % 2 ? t[count / 2] : 0.5 * (t[count / 2 - 1] + t[count / 2]);
}

/* The check of every result: COUNT is the number of ratings, the others the
 * NPS, equal to the exact one to the last bits. */
static void check(size_t q, double got, double nps, double count)
{
    double want = strcmp(queries[q].name, "count") == 0 ? count : nps;
    double err = got > want ? got - want : want - got;
    if (err > 1e-12 * (want > 0 ? want : -want)) {
        fprintf(stderr, "cxm-bench-sqlite: %s gave %.17g, expected %.17g\n", queries[q].name, got,
                want);
        exit(EXIT_FAILURE);
    }
}

static void timings(sqlite3 *db, size_t n, int repeat, double nps)
{
    static double t[QUERIES][MAX_REPEAT];
    double count = run_query(db, "SELECT COUNT(rating) FROM answers");
    for (int k = 0; k < repeat; k++) {
        for (size_t q = 0; q < QUERIES; q++) {
            double start = seconds();
            double got = run_query(db, queries[q].sql);
            t[q][k] = seconds() - start;
            check(q, got, nps, count);
        }
    }
    printf("%zu ratings (2 %% NULL), SQLite %s, in memory, median of %d, NPS %.4f\n", n,
           sqlite3_libversion(), repeat, nps);
    printf("%-12s %10s %8s %9s   %s\n", "query", "median ms", "ns/row", "speed-up", "min-max ms");
    double base = median(t[0], repeat);
    for (size_t q = 0; q < QUERIES; q++) {
        double lo = t[q][0], hi = t[q][0], m = median(t[q], repeat);
        for (int k = 0; k < repeat; k++) {
            lo = t[q][k] < lo ? t[q][k] : lo;
            hi = t[q][k] > hi ? t[q][k] : hi;
        }
        printf("%-12s %10.1f %8.1f %8.2fx   %.1f-%.1f\n", queries[q].name, 1e3 * m,
               1e9 * m / (double)n, base / m, 1e3 * lo, 1e3 * hi);
    }
}

int main(int argc, char **argv)
{
    size_t n = 2000000;
    int repeat = 9;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-l") == 0) {
            for (size_t q = 0; q < QUERIES; q++) {
                printf("%s\n", queries[q].name);
            }
            return 0;
        } else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            n = (size_t)strtoull(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
            repeat = atoi(argv[++i]);
        } else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else {
            fprintf(stderr, "usage: cxm-bench-sqlite [-n ratings] [-r repetitions] [-p query] "
                            "[-l]\n");
            return 2;
        }
    }
    if (n < 100 || repeat < 1 || repeat > MAX_REPEAT) {
        fprintf(stderr, "cxm-bench-sqlite: at least 100 ratings, 1 to %d repetitions\n",
                MAX_REPEAT);
        return 2;
    }
    sqlite3_auto_extension((void (*)(void))sqlite3_cxmetrics_init);
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        die(db, "open");
    }
    double nps = fill(db, n);
    if (only == NULL) {
        timings(db, n, repeat, nps);
    }
    for (size_t q = 0; only != NULL && q < QUERIES; q++) {
        if (strcmp(queries[q].name, only) == 0) {
            run_query(db, queries[q].sql);
            printf("%s %zu\n", only, n); /* callgrind.sh reads the units here */
            only = NULL;
        }
    }
    sqlite3_close(db);
    if (only != NULL) {
        fprintf(stderr, "cxm-bench-sqlite: no query named %s (-l lists them)\n", only);
        return 2;
    }
    return 0;
}
