/*
 * The answers of one group: a total, or a series of periods (one bucket per
 * day, ISO week or month), weighted or not — a cxm_acc, a cxm_wacc, a
 * cxm_series or a wseries. survey.c keeps every group's answers in a store,
 * and this file alone knows which of the four holds them.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <cxmetrics.h>

#include "tally.h"
#include "wseries.h"

typedef struct store {
    tally total;        /* without dates */
    cxm_series *series; /* with dates, unweighted */
    wseries *wseries;   /* with dates, weighted */
} store;

#define STORE_NONE                                                                                 \
    {                                                                                              \
        TALLY_NONE, NULL, NULL                                                                     \
    }

/* Whether the store holds anything yet, and whether it holds periods. */
bool store_made(const store *s);
bool store_dated(const store *s);

/* An empty total, or an empty series of `capacity` buckets up to `head`.
 * Returns CXM_OK or the library's status (s unchanged). */
int store_new_total(store *s, const cxm_scale *scale, bool weighted);
int store_new_series(store *s, const cxm_scale *scale, bool weighted, uint32_t capacity,
                     int64_t head);

/* The scale of a made store. */
void store_scale(const store *s, cxm_scale *out);

bool store_weighted(const store *s);

/* A dated store's window: its capacity and head. */
void store_window(const store *s, uint32_t *capacity, int64_t *head);

/* Moves a dated store's head forward (see cxm_series_advance). */
int store_advance(store *s, int64_t head);

/* Replaces a dated store's series by one of `capacity` buckets up to `head`
 * holding its buckets. Returns CXM_OK or a status (s unchanged). */
int store_grow(store *s, uint32_t capacity, int64_t head);

/* One answer (the weight is ignored by an unweighted store), or a part's
 * answers, in a bucket (ignored by a total). The statuses of cxm_acc_add /
 * cxm_series_add and their kin; on error s is unchanged. */
int store_add(store *s, int64_t bucket, int32_t rating, uint32_t weight);
int store_add_part(store *s, int64_t bucket, const tally *part);

/* into += the answers of buckets first..last, as far as they are retained
 * (a total: all of them). */
int store_sum(const store *s, int64_t first, int64_t last, tally *into);

void store_free(store *s);

#endif
