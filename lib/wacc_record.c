/*
 * Recording weighted responses and combining weighted accumulators: add and
 * its inverse remove, merge and its inverse subtract.
 *
 * Adding cannot break a cell invariant (sums of valid cells are valid, see
 * wacc.c) and cannot overflow anything but the sum of all weights, which is
 * checked once. Removing and subtracting form the differences first, check
 * every resulting cell, and only then write, so a refusal changes nothing.
 */
#include "internal.h"
#include "wide.h"

/* The checks the single-response functions start with, in the order the
 * header gives: the accumulator, the rating (its index to *index), the
 * weight. */
static inline int locate(const cxm_wacc *w, int32_t rating, uint32_t weight, uint32_t *index)
{
    if (w == NULL) {
        return CXM_ERR_NULL;
    }
    *index = cxmi_rating_index(rating, w->scale.min);
    if (*index >= w->span) {
        return CXM_ERR_RANGE;
    }
    return weight == 0 ? CXM_ERR_ARG : CXM_OK;
}

/* Q += square in the two rows of the squares, with the carry. */
static inline void add_square(uint64_t *low, uint64_t *high, uint64_t square)
{
    uint64_t sum = *low + square;
    *high += sum < square;
    *low = sum;
}

/* Straight on the rows rather than through cells: this is the one function
 * called per response, and a caller's loop around it costs about twice what
 * cxm_acc_add does (docs/performance.md). */
int cxm_wacc_add(cxm_wacc *w, int32_t rating, uint32_t weight)
{
    uint32_t index;
    int status = locate(w, rating, weight, &index);
    if (status != CXM_OK) {
        return status;
    }
    uint64_t total = w->weight + weight; /* wraps below weight exactly on overflow */
    if (total < weight) {
        return CXM_ERR_OVERFLOW;
    }
    cxmi_wacc_row(w, CXMI_WACC_COUNTS)[index] += 1;
    cxmi_wacc_row(w, CXMI_WACC_WEIGHTS)[index] += weight;
    add_square(&cxmi_wacc_row(w, CXMI_WACC_SQUARES_LOW)[index],
               &cxmi_wacc_row(w, CXMI_WACC_SQUARES_HIGH)[index], (uint64_t)weight * weight);
    w->weight = total;
    return CXM_OK;
}

/* a - b into *diff when every sum of b is at most a's and the difference is
 * a valid cell; false (and *diff untouched) otherwise. */
static bool cell_minus(cxmi_cell a, cxmi_cell b, cxmi_cell *diff)
{
    cxmi_wide qa = cxmi_wide_of(a.squares_high, a.squares_low);
    cxmi_wide qb = cxmi_wide_of(b.squares_high, b.squares_low);
    if (b.count > a.count || b.weight > a.weight || cxmi_wide_less(qa, qb)) {
        return false;
    }
    cxmi_wide q = cxmi_wide_sub(qa, qb);
    cxmi_cell d = {a.count - b.count, a.weight - b.weight, q.w[1], q.w[0]};
    if (!cxmi_cell_valid(d)) {
        return false;
    }
    *diff = d;
    return true;
}

int cxm_wacc_remove(cxm_wacc *w, int32_t rating, uint32_t weight)
{
    uint32_t index;
    int status = locate(w, rating, weight, &index);
    if (status != CXM_OK) {
        return status;
    }
    cxmi_cell one = {1, weight, 0, (uint64_t)weight * weight}, left;
    if (!cell_minus(cxmi_wacc_cell(w, index), one, &left)) {
        return CXM_ERR_ABSENT;
    }
    cxmi_wacc_set_cell(w, index, left);
    w->weight -= weight;
    return CXM_OK;
}

static int check_pair(const cxm_wacc *a, const cxm_wacc *b)
{
    if (a == NULL || b == NULL) {
        return CXM_ERR_NULL;
    }
    return cxmi_scale_equal(&a->scale, &b->scale) ? CXM_OK : CXM_ERR_MISMATCH;
}

int cxm_wacc_merge(cxm_wacc *into, const cxm_wacc *from)
{
    int status = check_pair(into, from);
    if (status != CXM_OK) {
        return status;
    }
    if (from->weight > UINT64_MAX - into->weight) {
        return CXM_ERR_OVERFLOW;
    }
    /* Each word of from is read before into's is written: into == from is
     * safe. */
    for (int row = CXMI_WACC_COUNTS; row <= CXMI_WACC_WEIGHTS; row++) {
        uint64_t *to = cxmi_wacc_row(into, row);
        const uint64_t *add = cxmi_wacc_row(from, row);
        for (uint32_t i = 0; i < into->span; i++) {
            to[i] += add[i];
        }
    }
    uint64_t *low = cxmi_wacc_row(into, CXMI_WACC_SQUARES_LOW);
    uint64_t *high = cxmi_wacc_row(into, CXMI_WACC_SQUARES_HIGH);
    const uint64_t *add_low = cxmi_wacc_row(from, CXMI_WACC_SQUARES_LOW);
    const uint64_t *add_high = cxmi_wacc_row(from, CXMI_WACC_SQUARES_HIGH);
    for (uint32_t i = 0; i < into->span; i++) {
        high[i] += add_high[i];
        add_square(&low[i], &high[i], add_low[i]);
    }
    into->weight += from->weight;
    return CXM_OK;
}

int cxm_wacc_subtract(cxm_wacc *from, const cxm_wacc *part)
{
    int status = check_pair(from, part);
    if (status != CXM_OK) {
        return status;
    }
    cxmi_cell left[CXM_MAX_SPAN];
    for (uint32_t i = 0; i < from->span; i++) {
        if (!cell_minus(cxmi_wacc_cell(from, i), cxmi_wacc_cell(part, i), &left[i])) {
            return CXM_ERR_ABSENT;
        }
    }
    for (uint32_t i = 0; i < from->span; i++) {
        cxmi_wacc_set_cell(from, i, left[i]);
    }
    from->weight -= part->weight; /* read after part's cells: part == from */
    return CXM_OK;
}
