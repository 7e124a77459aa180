/*
 * The accumulator's life: creation on the heap or in caller memory, copies,
 * reset and release. Recording ratings is in record.c and batch.c, combining
 * accumulators in merge.c.
 */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

size_t cxmi_acc_bytes(uint32_t span)
{
    return offsetof(cxm_acc, counts) + (size_t)span * sizeof(uint64_t);
}

/* The header promises this figure for the widest scale. */
_Static_assert(offsetof(cxm_acc, counts) + CXM_SCALE_MAX_RATINGS * sizeof(uint64_t) ==
                   CXM_ACC_FOOTPRINT_MAX,
               "CXM_ACC_FOOTPRINT_MAX is not the footprint of the widest scale");

cxm_acc *cxmi_acc_place(void *mem, const cxm_scale *scale, uint32_t owned)
{
    cxm_acc *acc = mem;
    uint32_t span = cxmi_scale_span(scale);
    memset(acc, 0, cxmi_acc_bytes(span));
    acc->scale = *scale;
    acc->span = span;
    acc->owned = owned;
    return acc;
}

cxm_acc *cxmi_acc_alloc(const cxm_scale *scale)
{
    void *mem = malloc(cxmi_acc_bytes(cxmi_scale_span(scale)));
    return mem == NULL ? NULL : cxmi_acc_place(mem, scale, 1);
}

cxm_acc *cxmi_acc_alloc_counts(const cxm_scale *scale, const uint64_t *counts, uint64_t total)
{
    cxm_acc *acc = cxmi_acc_alloc(scale);
    if (acc != NULL) {
        memcpy(acc->counts, counts, acc->span * sizeof acc->counts[0]);
        acc->total = total;
    }
    return acc;
}

int cxm_acc_new(const cxm_scale *scale, cxm_acc **out)
{
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    void *mem = NULL;
    int status = cxmi_block_alloc(scale, cxmi_acc_bytes, &norm, &mem);
    if (status == CXM_OK) {
        *out = cxmi_acc_place(mem, &norm, 1);
    }
    return status;
}

void cxm_acc_free(cxm_acc *acc)
{
    if (acc != NULL && acc->owned) {
        free(acc);
    }
}

int cxm_acc_clone(const cxm_acc *acc, cxm_acc **out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_acc *copy = cxmi_acc_alloc(&acc->scale);
    if (copy == NULL) {
        return CXM_ERR_NOMEM;
    }
    memcpy(copy->counts, acc->counts, acc->span * sizeof acc->counts[0]);
    copy->total = acc->total;
    *out = copy;
    return CXM_OK;
}

int cxm_acc_reset(cxm_acc *acc)
{
    if (acc == NULL) {
        return CXM_ERR_NULL;
    }
    memset(acc->counts, 0, acc->span * sizeof acc->counts[0]);
    acc->total = 0;
    return CXM_OK;
}

int cxm_acc_scale(const cxm_acc *acc, cxm_scale *out)
{
    return acc == NULL ? CXM_ERR_NULL : cxmi_scale_copy_out(&acc->scale, out);
}

int cxmi_memory_check(const void *mem, size_t mem_size, size_t bytes)
{
    if ((uintptr_t)mem % alignof(max_align_t) != 0) {
        return CXM_ERR_ARG;
    }
    return mem_size < bytes ? CXM_ERR_SIZE : CXM_OK;
}

size_t cxmi_footprint(const cxm_scale *scale, size_t (*bytes)(uint32_t span))
{
    cxm_scale norm;
    if (cxmi_scale_load(scale, &norm) != CXM_OK) {
        return 0;
    }
    return bytes(cxmi_scale_span(&norm));
}

int cxmi_block_check(const void *mem, size_t mem_size, const cxm_scale *scale,
                     size_t (*bytes)(uint32_t span), cxm_scale *norm)
{
    int status = cxmi_scale_load(scale, norm);
    if (status != CXM_OK) {
        return status;
    }
    return cxmi_memory_check(mem, mem_size, bytes(cxmi_scale_span(norm)));
}

int cxmi_block_alloc(const cxm_scale *scale, size_t (*bytes)(uint32_t span), cxm_scale *norm,
                     void **mem)
{
    int status = cxmi_scale_load(scale, norm);
    if (status != CXM_OK) {
        return status;
    }
    void *block = malloc(bytes(cxmi_scale_span(norm)));
    if (block == NULL) {
        return CXM_ERR_NOMEM;
    }
    *mem = block;
    return CXM_OK;
}

size_t cxm_acc_footprint(const cxm_scale *scale)
{
    return cxmi_footprint(scale, cxmi_acc_bytes);
}

int cxm_acc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_acc **out)
{
    if (mem == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = cxmi_block_check(mem, mem_size, scale, cxmi_acc_bytes, &norm);
    if (status == CXM_OK) {
        *out = cxmi_acc_place(mem, &norm, 0);
    }
    return status;
}
