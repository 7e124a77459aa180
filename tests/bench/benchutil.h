/*
 * What the benchmark programs of tests/bench share: a clock and the median
 * of repeated measurements.
 */
#ifndef CXM_BENCHUTIL_H
#define CXM_BENCHUTIL_H

#include <stdlib.h>
#include <time.h>

/* Seconds on a clock (CLOCK_MONOTONIC for wall-clock time,
 * CLOCK_THREAD_CPUTIME_ID for the calling thread's CPU time). */
static inline double bench_seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline int bench_by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of count values (sorts them in place). */
static inline double bench_median(double *v, int count)
{
    qsort(v, (size_t)count, sizeof v[0], bench_by_value);
    return count % 2 ? v[count / 2] : 0.5 * (v[count / 2 - 1] + v[count / 2]);
}

#endif
