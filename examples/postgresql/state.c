/*
 * The two representations of a cxm_acc value (cxm_pg.h): the flat canonical
 * encoding that is stored, and the expanded object aggregates update in place.
 * Everything that turns one into the other, or reads either, is here.
 */
#include "cxm_pg.h"

#include <stdalign.h>

#include "utils/memutils.h"

/* cxm_acc_init wants memory aligned for any object type; palloc guarantees
 * only MAXALIGN, so blocks are over-allocated by this much and aligned up. */
#define CXM_PG_ALIGN alignof(max_align_t)

static Size expanded_flat_size(ExpandedObjectHeader *eoh)
{
    CxmExpanded *e = (CxmExpanded *)eoh;
    size_t size = 0;
    int status = cxm_acc_encoded_size(e->acc, &size);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot size a cxm_acc state");
    }
    return VARHDRSZ + size;
}

static void expanded_flatten_into(ExpandedObjectHeader *eoh, void *result, Size allocated_size)
{
    CxmExpanded *e = (CxmExpanded *)eoh;
    size_t written = 0;
    int status =
        cxm_acc_encode(e->acc, VARDATA(result), allocated_size - VARHDRSZ, &written);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot encode a cxm_acc state");
    }
    SET_VARSIZE(result, VARHDRSZ + written);
}

static const ExpandedObjectMethods expanded_methods = {
    expanded_flat_size,
    expanded_flatten_into,
};

/* The most ratings a scale has: the contract of cxm_scale (cxmetrics.h,
 * "1 <= max - min + 1 <= 101"). */
#define CXM_PG_MAX_RATINGS 101

/* The footprint of the widest scale, as the library computes it: enough for
 * any state, so a copy can reserve its memory before it knows the scale it
 * copies. Only the number of ratings matters to the footprint; the bands are
 * the smallest valid ones. */
static size_t widest_footprint(void)
{
    static size_t footprint = 0;

    if (footprint == 0) {
        cxm_scale widest = CXM_SCALE_INIT;

        widest.max = CXM_PG_MAX_RATINGS - 1;
        widest.positive_min = widest.positive_max = widest.max;
        widest.headline = CXM_HEADLINE_MEAN;
        footprint = cxm_acc_footprint(&widest);
        if (footprint == 0) {
            elog(ERROR, "cxmetrics: a scale of %d ratings is refused by the library",
                 CXM_PG_MAX_RATINGS);
        }
    }
    return footprint;
}

/* A new expanded object with `footprint` bytes reserved for its accumulator,
 * which the caller places there with cxm_acc_init. */
static CxmExpanded *expanded_alloc(MemoryContext parent, size_t footprint, void **mem)
{
    /* Most states are a few hundred bytes: small blocks keep a GROUP BY with
     * many groups from reserving 8 KiB per group. */
    MemoryContext context = AllocSetContextCreate(parent, "cxm_acc", ALLOCSET_SMALL_SIZES);
    CxmExpanded *e = MemoryContextAlloc(context, sizeof(CxmExpanded));
    char *block = MemoryContextAlloc(context, footprint + CXM_PG_ALIGN);

    EOH_init_header(&e->hdr, &expanded_methods, context);
    e->acc = NULL;
    e->scale_text_len = -1;
    *mem = (void *)TYPEALIGN(CXM_PG_ALIGN, block);
    return e;
}

CxmExpanded *cxm_pg_expanded_new(const cxm_scale *scale, MemoryContext parent)
{
    size_t footprint = cxm_acc_footprint(scale);
    void *mem = NULL;
    CxmExpanded *e = NULL;
    int status = CXM_OK;

    if (footprint == 0) {
        cxm_pg_raise(CXM_ERR_SCALE, "invalid scale");
    }
    e = expanded_alloc(parent, footprint, &mem);
    status = cxm_acc_init(mem, footprint, scale, &e->acc);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot create a cxm_acc state");
    }
    return e;
}

CxmExpanded *cxm_pg_expanded_copy(Datum value, MemoryContext parent)
{
    size_t footprint = widest_footprint();
    void *mem = NULL;
    CxmExpanded *e = expanded_alloc(parent, footprint, &mem);
    CxmBorrowed source;
    cxm_scale scale = CXM_SCALE_INIT;
    int status = CXM_OK;

    /* Memory first: nothing below may raise an error while `source` is held. */
    cxm_pg_borrow(value, &source);
    status = cxm_acc_scale(source.acc, &scale);
    if (status == CXM_OK) {
        status = cxm_acc_init(mem, footprint, &scale, &e->acc);
    }
    if (status == CXM_OK) {
        status = cxm_acc_merge(e->acc, source.acc);
    }
    cxm_pg_release(&source);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot copy a cxm_acc value");
    }
    return e;
}

static CxmExpanded *expanded_of(Datum value)
{
    ExpandedObjectHeader *eoh = DatumGetEOHP(value);

    return eoh->eoh_methods == &expanded_methods ? (CxmExpanded *)eoh : NULL;
}

CxmExpanded *cxm_pg_expanded_rw(Datum value)
{
    if (!VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(value))) {
        return NULL;
    }
    return expanded_of(value);
}

MemoryContext cxm_pg_state_context(FunctionCallInfo fcinfo)
{
    MemoryContext aggregate = NULL;

    return AggCheckCallContext(fcinfo, &aggregate) ? aggregate : CurrentMemoryContext;
}

CxmExpanded *cxm_pg_target(FunctionCallInfo fcinfo, int argno)
{
    Datum value = PG_GETARG_DATUM(argno);
    MemoryContext aggregate = NULL;

    if (AggCheckCallContext(fcinfo, &aggregate)) {
        /* Only the transition state reaches a transition function as a
         * read-write expanded object of ours (nodeAgg.c, nodeWindowAgg.c). */
        CxmExpanded *state = cxm_pg_expanded_rw(value);

        return state != NULL ? state : cxm_pg_expanded_copy(value, aggregate);
    }
    return cxm_pg_expanded_copy(value, CurrentMemoryContext);
}

void cxm_pg_borrow(Datum value, CxmBorrowed *out)
{
    struct varlena *flat = (struct varlena *)DatumGetPointer(value);
    cxm_acc *acc = NULL;
    int status = CXM_OK;

    if (VARATT_IS_EXTERNAL_EXPANDED(flat)) {
        CxmExpanded *e = expanded_of(value);

        if (e == NULL) {
            cxm_pg_raise(CXM_ERR_FORMAT, "value is not a cxm_acc");
        }
        out->acc = e->acc;
        out->owned = NULL;
        return;
    }
    flat = pg_detoast_datum_packed(flat);
    status = cxm_acc_decode(VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat), &acc);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "stored cxm_acc value is corrupt (%zu bytes)",
                     (size_t)VARSIZE_ANY_EXHDR(flat));
    }
    out->acc = acc;
    out->owned = acc;
}

void cxm_pg_release(CxmBorrowed *b)
{
    cxm_acc_free(b->owned);
    b->owned = NULL;
    b->acc = NULL;
}

struct varlena *cxm_pg_flat(Datum value)
{
    struct varlena *flat = (struct varlena *)DatumGetPointer(value);

    if (VARATT_IS_EXTERNAL_EXPANDED(flat)) {
        ExpandedObjectHeader *eoh = DatumGetEOHP(value);
        Size size = EOH_get_flat_size(eoh);
        struct varlena *copy = palloc(size);

        EOH_flatten_into(eoh, copy, size);
        return copy;
    }
    return pg_detoast_datum_packed(flat);
}

/* A flat datum from bytes known to be a canonical encoding. */
static Datum flat_datum(const void *bytes, size_t len)
{
    struct varlena *flat = palloc(VARHDRSZ + len);

    SET_VARSIZE(flat, VARHDRSZ + len);
    memcpy(VARDATA(flat), bytes, len);
    return PointerGetDatum(flat);
}

Datum cxm_pg_from_encoding(const char *bytes, size_t len, const char *what)
{
    cxm_acc *acc = NULL;
    int status = cxm_acc_decode(bytes, len, &acc);

    cxm_acc_free(acc);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "invalid %s for type cxm_acc: %zu bytes that are not a cxm_acc encoding",
                     what, len);
    }
    /* The decoder accepts canonical encodings only, so the bytes are kept. */
    return flat_datum(bytes, len);
}

Datum cxm_pg_from_acc(const cxm_acc *acc, cxm_acc *owned)
{
    char bytes[CXM_ENCODED_MAX];
    size_t written = 0;
    int status = cxm_acc_encode(acc, bytes, sizeof bytes, &written);

    cxm_acc_free(owned);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot encode a cxm_acc value");
    }
    return flat_datum(bytes, written);
}
