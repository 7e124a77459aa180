/*
 * A series of weighted accumulators: the weighted answers of one group per
 * period. The library's cxm_series keeps counts only (series stay unweighted
 * in cxmetrics 1.2), so a weighted report keeps its periods here, with the
 * rules of cxm_series: bucket numbers the caller chooses, the `capacity`
 * buckets (head - capacity, head] retained, a head that only advances.
 *
 * It is a ring of pointers, one cxm_wacc per bucket that has answers and
 * NULL for the others, so memory follows the periods with answers, not the
 * span; a bucket that leaves the window as the head advances is freed.
 */
#ifndef WSERIES_H
#define WSERIES_H

#include <stdint.h>

#include <cxmetrics.h>

typedef struct wseries wseries;

/* An empty series on the scale. Returns CXM_OK, CXM_ERR_NOMEM, or the
 * statuses of cxm_wacc_new for an invalid scale (nothing allocated). */
int wseries_new(const cxm_scale *scale, uint32_t capacity, int64_t head, wseries **out);

void wseries_free(wseries *s);

void wseries_scale(const wseries *s, cxm_scale *out);
uint32_t wseries_capacity(const wseries *s);
int64_t wseries_head(const wseries *s);

/* Moves the head forward (a head at or before the current one changes
 * nothing), freeing the buckets that leave the window. */
void wseries_advance(wseries *s, int64_t head);

/* Records one weighted answer in a retained bucket. Returns CXM_OK;
 * CXM_ERR_WINDOW for a bucket outside the window; CXM_ERR_NOMEM; a status of
 * cxm_wacc_add. On error the series is unchanged. */
int wseries_add(wseries *s, int64_t bucket, int32_t rating, uint32_t weight);

/* Adds a part's answers to a retained bucket: the statuses of wseries_add,
 * with cxm_wacc_merge's. On error the series is unchanged. */
int wseries_add_wacc(wseries *s, int64_t bucket, const cxm_wacc *part);

/* into += the buckets first..last, which must be retained. Returns CXM_OK or
 * a status of cxm_wacc_merge (into then holds part of the sum). */
int wseries_sum(const wseries *s, int64_t first, int64_t last, cxm_wacc *into);

/* The bucket's answers, or NULL when it has none or is not retained. */
const cxm_wacc *wseries_bucket(const wseries *s, int64_t bucket);

/* into += from, bucket by bucket, into's head first advanced to the later of
 * both: from's buckets that into does not retain are left out, as
 * cxm_series_merge leaves them. Returns CXM_OK or CXM_ERR_NOMEM / a merge
 * status (into then holds part of from). */
int wseries_merge(wseries *into, const wseries *from);

#endif
