/*
 * The weighted accumulator's life and its cells: creation on the heap or in
 * caller memory, copies, reset and release; the cell invariants every
 * producer of a state checks; reading the sums back. Recording and combining
 * are in wacc_record.c, the statistics in wacc_stats.c.
 *
 * The invariants say what a rating's sums can be when they come from
 * responses with weights 1 .. 2^32 - 1: each weight is at least 1 (c <= W),
 * at most its square (W <= Q) and at most 2^32 - 1 (Q <= W (2^32 - 1)), and
 * Cauchy-Schwarz bounds the squares from below (W^2 <= c Q). Sums of valid
 * cells are valid, so merge needs no check beyond overflow; differences need
 * every check, which is what makes remove and subtract refuse a result that
 * breaks them. The invariants are necessary, not sufficient: they are the
 * contract's, and a few states that keep them come from no responses (a
 * remove of a weight never added can leave one; docs/statistics.md).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "wide.h"

size_t cxmi_wacc_bytes(uint32_t span)
{
    return offsetof(cxm_wacc, cells) + (size_t)span * sizeof(cxmi_cell);
}

/* The header promises these figures (48 + 32 per rating). */
_Static_assert(offsetof(cxm_wacc, cells) == 48 && sizeof(cxmi_cell) == 32,
               "cxm_wacc_footprint's documented figure changed");
_Static_assert(offsetof(cxm_wacc, cells) + CXM_SCALE_MAX_RATINGS * sizeof(cxmi_cell) ==
                   CXM_WACC_FOOTPRINT_MAX,
               "CXM_WACC_FOOTPRINT_MAX is not the footprint of the widest scale");

/* ---- cells ------------------------------------------------------------------ */

void cxmi_wacc_column(const cxm_wacc *w, size_t offset, uint64_t *out)
{
    for (uint32_t i = 0; i < w->span; i++) {
        memcpy(&out[i], (const unsigned char *)&w->cells[i] + offset, sizeof out[i]);
    }
}

bool cxmi_cell_valid(cxmi_cell cell)
{
    cxmi_wide squares = cxmi_wide_of(cell.squares_high, cell.squares_low);
    cxmi_wide weight = cxmi_wide_of(0, cell.weight);
    if (cell.count == 0) {
        return cell.weight == 0 && cell.squares_high == 0 && cell.squares_low == 0;
    }
    return cell.count <= cell.weight && !cxmi_wide_less(squares, weight) &&
           !cxmi_wide_less(cxmi_wide_mul(cell.weight, 0xffffffffu), squares) &&
           !cxmi_wide_less(cxmi_wide_mul_wide(squares, cell.count),
                           cxmi_wide_mul(cell.weight, cell.weight));
}

bool cxmi_cells_valid(const cxmi_cell *cells, uint32_t span, uint64_t *weight)
{
    uint64_t sum = 0;
    for (uint32_t i = 0; i < span; i++) {
        if (!cxmi_cell_valid(cells[i]) || cells[i].weight > UINT64_MAX - sum) {
            return false;
        }
        sum += cells[i].weight;
    }
    *weight = sum;
    return true;
}

/* ---- life ------------------------------------------------------------------- */

static cxm_wacc *place(void *mem, const cxm_scale *scale, uint32_t owned)
{
    cxm_wacc *w = mem;
    uint32_t span = cxmi_scale_span(scale);
    memset(w, 0, cxmi_wacc_bytes(span));
    w->scale = *scale;
    w->span = span;
    w->owned = owned;
    return w;
}

static cxm_wacc *alloc(const cxm_scale *scale)
{
    void *mem = malloc(cxmi_wacc_bytes(cxmi_scale_span(scale)));
    return mem == NULL ? NULL : place(mem, scale, 1);
}

cxm_wacc *cxmi_wacc_alloc_cells(const cxm_scale *scale, const cxmi_cell *cells, uint64_t weight)
{
    cxm_wacc *w = alloc(scale);
    if (w != NULL) {
        memcpy(w->cells, cells, w->span * sizeof w->cells[0]);
        w->weight = weight;
    }
    return w;
}

int cxm_wacc_new(const cxm_scale *scale, cxm_wacc **out)
{
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    void *mem = NULL;
    int status = cxmi_block_alloc(scale, cxmi_wacc_bytes, &norm, &mem);
    if (status == CXM_OK) {
        *out = place(mem, &norm, 1);
    }
    return status;
}

size_t cxm_wacc_footprint(const cxm_scale *scale)
{
    return cxmi_footprint(scale, cxmi_wacc_bytes);
}

int cxm_wacc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_wacc **out)
{
    if (mem == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = cxmi_block_check(mem, mem_size, scale, cxmi_wacc_bytes, &norm);
    if (status == CXM_OK) {
        *out = place(mem, &norm, 0);
    }
    return status;
}

void cxm_wacc_free(cxm_wacc *w)
{
    if (w != NULL && w->owned) {
        free(w);
    }
}

int cxm_wacc_clone(const cxm_wacc *w, cxm_wacc **out)
{
    if (w == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_wacc *copy = alloc(&w->scale);
    if (copy == NULL) {
        return CXM_ERR_NOMEM;
    }
    memcpy(copy->cells, w->cells, w->span * sizeof w->cells[0]);
    copy->weight = w->weight;
    *out = copy;
    return CXM_OK;
}

int cxm_wacc_reset(cxm_wacc *w)
{
    if (w == NULL) {
        return CXM_ERR_NULL;
    }
    memset(w->cells, 0, w->span * sizeof w->cells[0]);
    w->weight = 0;
    return CXM_OK;
}

int cxm_wacc_scale(const cxm_wacc *w, cxm_scale *out)
{
    return w == NULL ? CXM_ERR_NULL : cxmi_scale_copy_out(&w->scale, out);
}

/* ---- reading the sums ------------------------------------------------------- */

static void put_sums(cxmi_cell cell, uint64_t *count, uint64_t *weight, uint64_t squares[2])
{
    *count = cell.count;
    *weight = cell.weight;
    squares[0] = cell.squares_high;
    squares[1] = cell.squares_low;
}

int cxm_wacc_cell(const cxm_wacc *w, int32_t rating, uint64_t *count, uint64_t *weight,
                  uint64_t squares[2])
{
    if (w == NULL || count == NULL || weight == NULL || squares == NULL) {
        return CXM_ERR_NULL;
    }
    uint32_t index = cxmi_rating_index(rating, w->scale.min);
    if (index >= w->span) {
        return CXM_ERR_RANGE;
    }
    put_sums(w->cells[index], count, weight, squares);
    return CXM_OK;
}

int cxm_wacc_totals(const cxm_wacc *w, uint64_t *count, uint64_t *weight, uint64_t squares[2])
{
    if (w == NULL || count == NULL || weight == NULL || squares == NULL) {
        return CXM_ERR_NULL;
    }
    cxmi_cell sum = {0, w->weight, 0, 0};
    cxmi_wide q = {{0, 0, 0}};
    for (uint32_t i = 0; i < w->span; i++) {
        cxmi_cell cell = w->cells[i];
        sum.count += cell.count;
        q = cxmi_wide_add(q, cxmi_wide_of(cell.squares_high, cell.squares_low));
    }
    sum.squares_high = q.w[1];
    sum.squares_low = q.w[0];
    put_sums(sum, count, weight, squares);
    return CXM_OK;
}

int cxm_wacc_unweighted(const cxm_wacc *w, cxm_acc *into)
{
    if (w == NULL || into == NULL) {
        return CXM_ERR_NULL;
    }
    if (!cxmi_scale_equal(&w->scale, &into->scale)) {
        return CXM_ERR_MISMATCH;
    }
    uint64_t counts[CXM_MAX_SPAN], total = 0; /* at most the sum of the weights */
    cxmi_wacc_column(w, offsetof(cxmi_cell, count), counts);
    for (uint32_t i = 0; i < w->span; i++) {
        total += counts[i];
    }
    return cxmi_acc_add_counts(into, counts, total);
}
