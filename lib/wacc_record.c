/*
 * Recording weighted responses and combining weighted accumulators: add and
 * its inverse remove, merge and its inverse subtract.
 *
 * Adding cannot break a cell invariant (sums of valid cells are valid, see
 * wacc.c) and cannot overflow anything but the sum of all weights, which is
 * checked once. Removing and subtracting form the differences first, check
 * every resulting cell, and only then write, so a refusal changes nothing.
 */
#include <string.h>

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

/* The one function called per response: a caller's loop around it costs
 * under twice what it costs around cxm_acc_add (docs/performance.md). */
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
    cxmi_cell *cell = &w->cells[index];
    cell->count += 1;
    cell->weight += weight;
    add_square(&cell->squares_low, &cell->squares_high, (uint64_t)weight * weight);
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
    if (!cell_minus(w->cells[index], one, &left)) {
        return CXM_ERR_ABSENT;
    }
    w->cells[index] = left;
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
    /* Each cell of from is read whole before into's is written: into == from
     * is safe. */
    for (uint32_t i = 0; i < into->span; i++) {
        cxmi_cell add = from->cells[i], *to = &into->cells[i];
        to->count += add.count;
        to->weight += add.weight;
        to->squares_high += add.squares_high;
        add_square(&to->squares_low, &to->squares_high, add.squares_low);
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
        if (!cell_minus(from->cells[i], part->cells[i], &left[i])) {
            return CXM_ERR_ABSENT;
        }
    }
    memcpy(from->cells, left, from->span * sizeof left[0]);
    from->weight -= part->weight; /* read after part's cells: part == from */
    return CXM_OK;
}
