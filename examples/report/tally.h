/*
 * One accumulator of the report, weighted or not: a cxm_acc, or a cxm_wacc
 * when answers carry weights (--weight). The report computes every number
 * through these functions — snapshot, interval, comparison, sums — so each
 * is written once for both kinds, and which library call serves which kind
 * is decided here alone.
 *
 * A weighted tally's snapshot counts responses (n, positive, neutral,
 * negative) and weighs everything else (score, shares, mean), with the
 * weight total and Kish's effective n (W^2 / Q) beside them; its intervals
 * and comparisons are the library's design-based ones.
 */
#ifndef TALLY_H
#define TALLY_H

#include <stdbool.h>
#include <stdint.h>

#include <cxmetrics.h>

typedef struct tally {
    cxm_acc *acc;   /* unweighted */
    cxm_wacc *wacc; /* weighted */
} tally;

#define TALLY_NONE                                                                                 \
    {                                                                                              \
        NULL, NULL                                                                                 \
    }

/* An empty tally on the scale. Returns CXM_OK or a status of cxm_acc_new /
 * cxm_wacc_new (t unchanged). */
int tally_new(tally *t, const cxm_scale *scale, bool weighted);

void tally_free(tally *t);

bool tally_weighted(const tally *t);

/* Which of the library's method tables applies: cxm_method_resolve's use. */
int tally_use(bool weighted, bool compare);

int tally_reset(tally *t);

/* into += from (the same kind and scale). */
int tally_merge(tally *into, const tally *from);

/* The number of responses. */
uint64_t tally_count(const tally *t);

int tally_snapshot(const tally *t, cxm_snapshot *out);

/* The headline's interval and the comparison a - b, by method (one the
 * library's table for the kind allows, or CXM_METHOD_DEFAULT). */
int tally_interval(const tally *t, int method, double confidence, cxm_interval *out);
int tally_compare(const tally *a, const tally *b, int method, double confidence,
                  cxm_comparison *out);

#endif
