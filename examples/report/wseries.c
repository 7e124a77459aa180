/* A series of weighted accumulators; see wseries.h. */
#include "wseries.h"

#include <stdbool.h>
#include <stdlib.h>

struct wseries {
    cxm_scale scale;
    uint32_t capacity;
    int64_t head;
    cxm_wacc **ring; /* bucket b at ring[b mod capacity] */
};

static size_t slot(const wseries *s, int64_t bucket)
{
    int64_t m = bucket % (int64_t)s->capacity;
    return (size_t)(m < 0 ? m + (int64_t)s->capacity : m);
}

static bool retained(const wseries *s, int64_t bucket)
{
    return bucket <= s->head && bucket > s->head - (int64_t)s->capacity;
}

int wseries_new(const cxm_scale *scale, uint32_t capacity, int64_t head, wseries **out)
{
    int status = cxm_scale_check(scale);
    if (status != CXM_OK) {
        return status;
    }
    wseries *s = malloc(sizeof *s);
    cxm_wacc **ring = calloc(capacity, sizeof *ring);
    if (s == NULL || ring == NULL) {
        free(s);
        free(ring);
        return CXM_ERR_NOMEM;
    }
    *s = (wseries){*scale, capacity, head, ring};
    *out = s;
    return CXM_OK;
}

void wseries_free(wseries *s)
{
    if (s == NULL) {
        return;
    }
    for (uint32_t i = 0; i < s->capacity; i++) {
        cxm_wacc_free(s->ring[i]);
    }
    free(s->ring);
    free(s);
}

void wseries_scale(const wseries *s, cxm_scale *out)
{
    *out = s->scale;
}

uint32_t wseries_capacity(const wseries *s)
{
    return s->capacity;
}

int64_t wseries_head(const wseries *s)
{
    return s->head;
}

void wseries_advance(wseries *s, int64_t head)
{
    /* the buckets that leave share their slots with those that arrive */
    for (int64_t b = s->head + 1, n = 0; b <= head && n < (int64_t)s->capacity; b++, n++) {
        cxm_wacc_free(s->ring[slot(s, b)]);
        s->ring[slot(s, b)] = NULL;
    }
    s->head = head > s->head ? head : s->head;
}

/* The bucket's accumulator, made empty if it has none. */
static int bucket_for(wseries *s, int64_t bucket, cxm_wacc **out, bool *made)
{
    if (!retained(s, bucket)) {
        return CXM_ERR_WINDOW;
    }
    *out = s->ring[slot(s, bucket)];
    *made = *out == NULL;
    return *made ? cxm_wacc_new(&s->scale, out) : CXM_OK;
}

/* Keeps a new bucket once its first answers are in, or frees it. */
static int settle(wseries *s, int64_t bucket, cxm_wacc *w, bool made, int status)
{
    if (made && status == CXM_OK) {
        s->ring[slot(s, bucket)] = w;
    } else if (made) {
        cxm_wacc_free(w);
    }
    return status;
}

int wseries_add(wseries *s, int64_t bucket, int32_t rating, uint32_t weight)
{
    cxm_wacc *w = NULL;
    bool made = false;
    int status = bucket_for(s, bucket, &w, &made);
    if (status != CXM_OK) {
        return status;
    }
    return settle(s, bucket, w, made, cxm_wacc_add(w, rating, weight));
}

int wseries_add_wacc(wseries *s, int64_t bucket, const cxm_wacc *part)
{
    cxm_wacc *w = NULL;
    bool made = false;
    int status = bucket_for(s, bucket, &w, &made);
    if (status != CXM_OK) {
        return status;
    }
    return settle(s, bucket, w, made, cxm_wacc_merge(w, part));
}

int wseries_sum(const wseries *s, int64_t first, int64_t last, cxm_wacc *into)
{
    for (int64_t b = first; b <= last; b++) {
        const cxm_wacc *w = s->ring[slot(s, b)];
        int status = w == NULL ? CXM_OK : cxm_wacc_merge(into, w);
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

const cxm_wacc *wseries_bucket(const wseries *s, int64_t bucket)
{
    return retained(s, bucket) ? s->ring[slot(s, bucket)] : NULL;
}

int wseries_merge(wseries *into, const wseries *from)
{
    wseries_advance(into, from->head);
    int64_t oldest = from->head - (int64_t)from->capacity + 1;
    for (int64_t b = oldest; b <= from->head; b++) {
        const cxm_wacc *w = from->ring[slot(from, b)];
        int status = w != NULL && retained(into, b) ? wseries_add_wacc(into, b, w) : CXM_OK;
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}
