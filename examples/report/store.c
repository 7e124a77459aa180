/* A group's answers; see store.h. */
#include "store.h"

bool store_made(const store *s)
{
    return s->total.acc != NULL || s->total.wacc != NULL || store_dated(s);
}

bool store_dated(const store *s)
{
    return s->series != NULL || s->wseries != NULL;
}

int store_new_total(store *s, const cxm_scale *scale, bool weighted)
{
    return tally_new(&s->total, scale, weighted);
}

int store_new_series(store *s, const cxm_scale *scale, bool weighted, uint32_t capacity,
                     int64_t head)
{
    return weighted ? wseries_new(scale, capacity, head, &s->wseries)
                    : cxm_series_new(scale, capacity, head, &s->series);
}

void store_scale(const store *s, cxm_scale *out)
{
    if (s->wseries != NULL) {
        wseries_scale(s->wseries, out);
    } else if (s->series != NULL) {
        cxm_series_scale(s->series, out);
    } else if (s->total.wacc != NULL) {
        cxm_wacc_scale(s->total.wacc, out);
    } else {
        cxm_acc_scale(s->total.acc, out);
    }
}

bool store_weighted(const store *s)
{
    return s->wseries != NULL || s->total.wacc != NULL;
}

void store_window(const store *s, uint32_t *capacity, int64_t *head)
{
    if (s->wseries != NULL) {
        *capacity = wseries_capacity(s->wseries);
        *head = wseries_head(s->wseries);
    } else {
        cxm_series_capacity(s->series, capacity);
        cxm_series_head(s->series, head);
    }
}

int store_advance(store *s, int64_t head)
{
    if (s->wseries != NULL) {
        wseries_advance(s->wseries, head);
        return CXM_OK;
    }
    return cxm_series_advance(s->series, head);
}

int store_grow(store *s, uint32_t capacity, int64_t head)
{
    bool weighted = s->wseries != NULL;
    cxm_scale scale = CXM_SCALE_INIT;
    store grown = STORE_NONE;
    if (weighted) {
        wseries_scale(s->wseries, &scale);
    } else {
        cxm_series_scale(s->series, &scale);
    }
    int status = store_new_series(&grown, &scale, weighted, capacity, head);
    if (status != CXM_OK) {
        return status;
    }
    status = weighted ? wseries_merge(grown.wseries, s->wseries)
                      : cxm_series_merge(grown.series, s->series);
    if (status != CXM_OK) {
        store_free(&grown);
        return status;
    }
    store_free(s);
    *s = grown;
    return CXM_OK;
}

int store_add(store *s, int64_t bucket, int32_t rating, uint32_t weight)
{
    if (s->wseries != NULL) {
        return wseries_add(s->wseries, bucket, rating, weight);
    }
    if (s->series != NULL) {
        return cxm_series_add(s->series, bucket, rating);
    }
    return s->total.wacc != NULL ? cxm_wacc_add(s->total.wacc, rating, weight)
                                 : cxm_acc_add(s->total.acc, rating);
}

int store_add_part(store *s, int64_t bucket, const tally *part)
{
    if (s->wseries != NULL) {
        return wseries_add_wacc(s->wseries, bucket, part->wacc);
    }
    if (s->series != NULL) {
        return cxm_series_add_acc(s->series, bucket, part->acc);
    }
    return tally_merge(&s->total, part);
}

/* The buckets first..last that a dated store still holds, or false. */
static bool retained(const store *s, int64_t *first, int64_t *last)
{
    int64_t head;
    uint32_t capacity;
    store_window(s, &capacity, &head);
    int64_t oldest = head - (int64_t)capacity + 1;
    *first = *first < oldest ? oldest : *first;
    *last = *last > head ? head : *last;
    return *first <= *last;
}

int store_sum(const store *s, int64_t first, int64_t last, tally *into)
{
    if (!store_dated(s)) {
        return store_made(s) ? tally_merge(into, &s->total) : CXM_OK;
    }
    if (!retained(s, &first, &last)) {
        return CXM_OK;
    }
    return s->wseries != NULL ? wseries_sum(s->wseries, first, last, into->wacc)
                              : cxm_series_sum(s->series, first, last, into->acc);
}

void store_free(store *s)
{
    tally_free(&s->total);
    cxm_series_free(s->series);
    wseries_free(s->wseries);
    *s = (store)STORE_NONE;
}
