/*
 * The two forms of a cxm_acc value (cxm_pg.h): the canonical encoding, and
 * the counts form aggregates update in place. Everything that turns one into
 * the other, or reads either, is here.
 */
#include "cxm_pg.h"

#include <stdalign.h>

/* The counts form's layout is documented byte by byte (README.md); the
 * compiler must not move a field. */
StaticAssertDecl(offsetof(CxmCounts, magic) == 4, "counts form layout");
StaticAssertDecl(offsetof(CxmCounts, min) == 8, "counts form layout");
StaticAssertDecl(offsetof(CxmCounts, total) == 32, "counts form layout");
StaticAssertDecl(offsetof(CxmCounts, counts) == 40, "counts form layout");

/* The most ratings a scale has: the contract of cxm_scale (cxmetrics.h,
 * "1 <= max - min + 1 <= 101"). */
#define CXM_PG_MAX_RATINGS 101

/* cxm_acc_init wants memory aligned for any object type; palloc guarantees
 * only MAXALIGN, so blocks are over-allocated by this much and aligned up. */
#define CXM_PG_ALIGN alignof(max_align_t)

/* ---- the counts form ---------------------------------------------------- */

/* The first bytes of a counts form; an encoding begins with "CXMA". */
static const char counts_magic[2] = {'c', 'x'};

static int64 span_of(int32 min, int32 max)
{
    return (int64)max - min + 1;
}

static int64 counts_span(const CxmCounts *c)
{
    return span_of(c->min, c->max);
}

static Size counts_size(int64 span)
{
    return offsetof(CxmCounts, counts) + (Size)span * sizeof(uint64);
}

/* The bytes of a counts form after its varlena header, up to its counts. */
#define COUNTS_FIXED (offsetof(CxmCounts, counts) - VARHDRSZ)

/* Whether a varlena's payload (`len` bytes after its header, of either length)
 * is a counts form whose size matches its span: enough to index its counts
 * safely; what they hold is checked where they are loaded. The fixed fields
 * are copied out into `header`, since a stored value may be unaligned. */
static bool counts_form(const char *payload, size_t len, CxmCounts *header)
{
    if (len < COUNTS_FIXED) {
        return false;
    }
    memcpy((char *)header + VARHDRSZ, payload, COUNTS_FIXED);
    return memcmp(header->magic, counts_magic, sizeof counts_magic) == 0 &&
           header->version == CXM_PG_COUNTS_VERSION && header->min <= header->max &&
           counts_span(header) <= CXM_PG_MAX_RATINGS &&
           VARHDRSZ + len == counts_size(counts_span(header));
}

Size cxm_pg_counts_size(const cxm_scale *scale)
{
    return counts_size(span_of(scale->min, scale->max));
}

void cxm_pg_counts_start(CxmCounts *c, const cxm_scale *scale)
{
    memcpy(c->magic, counts_magic, sizeof counts_magic);
    c->version = CXM_PG_COUNTS_VERSION;
    c->headline = (uint8)scale->headline;
    c->min = scale->min;
    c->max = scale->max;
    c->positive_min = scale->positive_min;
    c->positive_max = scale->positive_max;
    c->negative_min = scale->negative_min;
    c->negative_max = scale->negative_max;
    c->total = 0;
    memset(c->counts, 0, (Size)counts_span(c) * sizeof(uint64));
    SET_VARSIZE(c, counts_size(counts_span(c)));
}

CxmCounts *cxm_pg_counts_copy(const CxmCounts *c)
{
    CxmCounts *copy = palloc(VARSIZE(c));

    memcpy(copy, c, VARSIZE(c));
    return copy;
}

/* The headline and the six bounds lie side by side, without padding. */
StaticAssertDecl(offsetof(CxmCounts, min) == offsetof(CxmCounts, headline) + 1,
                 "scale fields contiguous");

bool cxm_pg_counts_same_scale(const CxmCounts *a, const CxmCounts *b)
{
    Size from = offsetof(CxmCounts, headline);

    return memcmp((const char *)a + from, (const char *)b + from,
                  offsetof(CxmCounts, total) - from) == 0;
}

void cxm_pg_counts_scale(const CxmCounts *c, cxm_scale *out)
{
    out->min = c->min;
    out->max = c->max;
    out->positive_min = c->positive_min;
    out->positive_max = c->positive_max;
    out->negative_min = c->negative_min;
    out->negative_max = c->negative_max;
    out->headline = c->headline;
}

/* The index of a rating in counts, or -1 outside the scale. */
static int64 counts_index(const CxmCounts *c, int32 rating)
{
    int64 i = (int64)rating - c->min;

    return i >= 0 && i < counts_span(c) ? i : -1;
}

int cxm_pg_counts_add(CxmCounts *c, int32 rating)
{
    int64 i = counts_index(c, rating);

    if (i < 0) {
        return CXM_ERR_RANGE;
    }
    /* No count exceeds the total, so the total is the one to check. */
    if (c->total == PG_UINT64_MAX) {
        return CXM_ERR_OVERFLOW;
    }
    c->counts[i]++;
    c->total++;
    return CXM_OK;
}

int cxm_pg_counts_remove(CxmCounts *c, int32 rating)
{
    int64 i = counts_index(c, rating);

    if (i < 0) {
        return CXM_ERR_RANGE;
    }
    if (c->counts[i] == 0) {
        return CXM_ERR_ABSENT;
    }
    c->counts[i]--;
    c->total--;
    return CXM_OK;
}

/* Loads the counts form whose payload is `payload` (checked by counts_form
 * into `header`; possibly unaligned) into a library accumulator: the library
 * validates the scale and every count, and the stored total must be theirs. */
static cxm_acc *counts_load(const char *payload, const CxmCounts *header)
{
    cxm_scale scale = CXM_SCALE_INIT;
    size_t footprint = 0;
    char *mem = NULL;
    cxm_acc *acc = NULL;
    uint64_t total = 0;
    int status = CXM_OK;

    cxm_pg_counts_scale(header, &scale);
    footprint = cxm_acc_footprint(&scale);
    if (footprint == 0) {
        cxm_pg_raise(CXM_ERR_SCALE, "stored cxm_acc value is corrupt: its scale is invalid");
    }
    mem = palloc(footprint + CXM_PG_ALIGN);
    status = cxm_acc_init((void *)TYPEALIGN(CXM_PG_ALIGN, mem), footprint, &scale, &acc);
    for (size_t i = 0; status == CXM_OK && i < (size_t)counts_span(header); i++) {
        uint64_t count = 0;

        memcpy(&count, payload + COUNTS_FIXED + i * sizeof count, sizeof count);
        status = cxm_acc_add_count(acc, (int32_t)(header->min + (int64)i), count);
    }
    if (status == CXM_OK) {
        cxm_acc_total(acc, &total);
        status = total == header->total ? CXM_OK : CXM_ERR_FORMAT;
    }
    if (status != CXM_OK) {
        cxm_pg_raise(CXM_ERR_FORMAT, "stored cxm_acc value is corrupt: its counts are invalid");
    }
    return acc;
}

cxm_acc *cxm_pg_counts_load(const CxmCounts *c)
{
    return counts_load(VARDATA(c), c);
}

void cxm_pg_counts_store(CxmCounts *c, const cxm_acc *acc)
{
    cxm_acc_counts(acc, c->counts, (size_t)counts_span(c));
    cxm_acc_total(acc, &c->total);
}

/* ---- transition states -------------------------------------------------- */

/* The transition state behind a datum if it may be updated in place: a counts
 * form with a 4-byte header at an aligned address. nodeAgg keeps transition
 * states in palloc'd chunks (MAXALIGN, enough for uint64); a value it copied
 * from a table may still carry a 1-byte header, and is then copied once. */
static CxmCounts *counts_in_place(Datum value)
{
    CxmCounts *c = (CxmCounts *)DatumGetPointer(value);
    CxmCounts header;

    if (!VARATT_IS_4B_U(c) || (uintptr_t)c % alignof(CxmCounts) != 0 ||
        !counts_form(VARDATA(c), VARSIZE(c) - VARHDRSZ, &header)) {
        return NULL;
    }
    return c;
}

/* A new counts form holding a copy of any cxm_acc datum. Its memory comes
 * first (the widest scale's size): nothing may raise an error while a decoded
 * value is held. */
static CxmCounts *counts_copy(Datum value)
{
    CxmCounts *copy = palloc(counts_size(CXM_PG_MAX_RATINGS));
    cxm_scale scale = CXM_SCALE_INIT;
    CxmBorrowed source;

    cxm_pg_borrow(value, &source);
    cxm_acc_scale(source.acc, &scale);
    cxm_pg_counts_start(copy, &scale);
    cxm_pg_counts_store(copy, source.acc);
    cxm_pg_release(&source);
    return copy;
}

CxmCounts *cxm_pg_state(FunctionCallInfo fcinfo)
{
    Datum value = PG_GETARG_DATUM(0);

    /* Inside an aggregate the first argument is the transition state, which
     * the transition function may change (fmgr.h, AggCheckCallContext). */
    if (AggCheckCallContext(fcinfo, NULL)) {
        CxmCounts *state = counts_in_place(value);

        if (state != NULL) {
            return state;
        }
    }
    return counts_copy(value);
}

Datum cxm_pg_state_result(FunctionCallInfo fcinfo, CxmCounts *state)
{
    if (AggCheckCallContext(fcinfo, NULL)) {
        return PointerGetDatum(state);
    }
    return cxm_pg_from_acc(cxm_pg_counts_load(state), NULL);
}

/* ---- reading any form ----------------------------------------------------- */

void cxm_pg_borrow(Datum value, CxmBorrowed *out)
{
    struct varlena *flat = pg_detoast_datum_packed((struct varlena *)DatumGetPointer(value));
    const char *bytes = VARDATA_ANY(flat);
    size_t len = VARSIZE_ANY_EXHDR(flat);
    CxmCounts header;
    cxm_acc *acc = NULL;
    int status = CXM_OK;

    if (counts_form(bytes, len, &header)) {
        out->acc = counts_load(bytes, &header);
        out->owned = NULL;
        return;
    }
    status = cxm_acc_decode(bytes, len, &acc);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "stored cxm_acc value is corrupt (%zu bytes)", len);
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
    struct varlena *flat = pg_detoast_datum_packed((struct varlena *)DatumGetPointer(value));
    CxmCounts header;
    CxmBorrowed b;

    if (!counts_form(VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat), &header)) {
        return flat;
    }
    cxm_pg_borrow(PointerGetDatum(flat), &b);
    return (struct varlena *)DatumGetPointer(cxm_pg_from_acc(b.acc, b.owned));
}

/* A canonical datum from bytes known to be a canonical encoding. */
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
