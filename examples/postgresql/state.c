/*
 * The flat forms both state types share (cxm_pg.h), and the two forms of a
 * cxm_acc value: the canonical encoding, and the counts form aggregates update
 * in place. Everything that turns one into the other, or reads either, is
 * here; wstate.c does the same for cxm_wacc.
 */
#include "cxm_pg.h"

#include <stdalign.h>

/* The flat form's layout is documented byte by byte (README.md); the
 * compiler must not move a field. */
StaticAssertDecl(offsetof(CxmForm, magic) == 4, "flat form layout");
StaticAssertDecl(offsetof(CxmForm, min) == 8, "flat form layout");
StaticAssertDecl(offsetof(CxmForm, total) == 32, "flat form layout");
StaticAssertDecl(offsetof(CxmForm, words) == 40, "flat form layout");

/* cxm_acc_init and cxm_wacc_init want memory aligned for any object type;
 * palloc guarantees only MAXALIGN, so blocks are over-allocated by this much
 * and aligned up. */
#define CXM_PG_ALIGN alignof(max_align_t)

/* ---- the flat forms --------------------------------------------------------- */

/* An encoding begins with "CXMA" (cxm_acc) or "CXMW" (cxm_wacc). */
const CxmFormKind cxm_pg_counts_kind = {{'c', 'x'}, 1};
const CxmFormKind cxm_pg_sums_kind = {{'c', 'w'}, 4};

static int64 span_of(int32 min, int32 max)
{
    return (int64)max - min + 1;
}

static Size form_size(const CxmFormKind *kind, int64 span)
{
    return offsetof(CxmForm, words) + (Size)(span * kind->words) * sizeof(uint64);
}

/* Whether a form's fixed fields (aligned) say this kind, and its size, with
 * the varlena header, is `size`. */
static bool header_valid(const CxmFormKind *kind, const CxmForm *header, size_t size)
{
    return header->magic[0] == kind->magic[0] && header->magic[1] == kind->magic[1] &&
           header->version == CXM_PG_FORM_VERSION && header->min <= header->max &&
           cxm_pg_form_span(header) <= CXM_SCALE_MAX_RATINGS &&
           size == form_size(kind, cxm_pg_form_span(header));
}

bool cxm_pg_form_parse(const CxmFormKind *kind, const char *payload, size_t len, CxmForm *header)
{
    if (len < CXM_PG_FORM_FIXED) {
        return false;
    }
    memcpy((char *)header + VARHDRSZ, payload, CXM_PG_FORM_FIXED);
    return header_valid(kind, header, VARHDRSZ + len);
}

void cxm_pg_form_start(CxmForm *f, const CxmFormKind *kind, const cxm_scale *scale)
{
    memcpy(f->magic, kind->magic, sizeof kind->magic);
    f->version = CXM_PG_FORM_VERSION;
    f->headline = (uint8)scale->headline;
    f->min = scale->min;
    f->max = scale->max;
    f->positive_min = scale->positive_min;
    f->positive_max = scale->positive_max;
    f->negative_min = scale->negative_min;
    f->negative_max = scale->negative_max;
    SET_VARSIZE(f, form_size(kind, cxm_pg_form_span(f)));
}

CxmForm *cxm_pg_form_new(const CxmFormKind *kind, const cxm_scale *scale)
{
    return cxm_pg_form_empty(CurrentMemoryContext, kind, scale);
}

CxmForm *cxm_pg_form_empty(MemoryContext context, const CxmFormKind *kind, const cxm_scale *scale)
{
    CxmForm *f = MemoryContextAllocZero(context, form_size(kind, span_of(scale->min, scale->max)));

    cxm_pg_form_start(f, kind, scale);
    return f;
}

CxmForm *cxm_pg_form_copy(const CxmForm *f)
{
    CxmForm *copy = palloc(VARSIZE(f));

    memcpy(copy, f, VARSIZE(f));
    return copy;
}

CxmForm *cxm_pg_form_reserve(const CxmFormKind *kind)
{
    return palloc(form_size(kind, CXM_SCALE_MAX_RATINGS));
}

void cxm_pg_form_scale(const CxmForm *f, cxm_scale *out)
{
    out->min = f->min;
    out->max = f->max;
    out->positive_min = f->positive_min;
    out->positive_max = f->positive_max;
    out->negative_min = f->negative_min;
    out->negative_max = f->negative_max;
    out->headline = f->headline;
}

bool cxm_pg_form_has_scale(const CxmForm *f, const cxm_scale *scale)
{
    return f->min == scale->min && f->max == scale->max && f->positive_min == scale->positive_min &&
           f->positive_max == scale->positive_max && f->negative_min == scale->negative_min &&
           f->negative_max == scale->negative_max && f->headline == scale->headline;
}

/* The headline and the six bounds lie side by side, without padding. */
StaticAssertDecl(offsetof(CxmForm, min) == offsetof(CxmForm, headline) + 1,
                 "scale fields contiguous");

bool cxm_pg_form_same_scale(const CxmForm *a, const CxmForm *b)
{
    Size from = offsetof(CxmForm, headline);

    return memcmp((const char *)a + from, (const char *)b + from,
                  offsetof(CxmForm, total) - from) == 0;
}

/* Runs for every row of an aggregate: identical scale fields are equal
 * scales; anything else the library decides. */
void cxm_pg_form_check_scale(const CxmForm *f, const CxmForm *given)
{
    cxm_scale own = CXM_SCALE_INIT;
    cxm_scale theirs = CXM_SCALE_INIT;

    if (cxm_pg_form_same_scale(f, given)) {
        return;
    }
    cxm_pg_form_scale(f, &own);
    cxm_pg_form_scale(given, &theirs);
    if (cxm_scale_equal(&theirs, &own) != 1) {
        cxm_pg_raise(CXM_ERR_MISMATCH, "scale \"%s\" differs from the group's scale \"%s\"",
                     cxm_pg_scale_text(&theirs), cxm_pg_scale_text(&own));
    }
}

/* A transition state updated in place has a 4-byte header at an address
 * aligned for its words. nodeAgg keeps transition states in palloc'd chunks
 * (MAXALIGN, enough for uint64); a value it copied from a table may still
 * carry a 1-byte header, and is then copied once. */
CxmForm *cxm_pg_form_in_place(const CxmFormKind *kind, Datum value)
{
    CxmForm *f = (CxmForm *)DatumGetPointer(value);

    if (!VARATT_IS_4B_U(f) || (uintptr_t)f % alignof(CxmForm) != 0 || VARSIZE(f) < sizeof *f ||
        !header_valid(kind, f, VARSIZE(f))) {
        return NULL;
    }
    return f;
}

void *cxm_pg_aligned_alloc(size_t footprint)
{
    return (void *)TYPEALIGN(CXM_PG_ALIGN, palloc(footprint + CXM_PG_ALIGN));
}

Datum cxm_pg_bytes_datum(const void *bytes, size_t len)
{
    struct varlena *flat = palloc(VARHDRSZ + len);

    SET_VARSIZE(flat, VARHDRSZ + len);
    memcpy(VARDATA(flat), bytes, len);
    return PointerGetDatum(flat);
}

/* ---- the counts form ---------------------------------------------------------- */

int cxm_pg_counts_add(CxmCounts *c, int32 rating)
{
    int64 i = cxm_pg_form_index(c, rating);

    if (i < 0) {
        return CXM_ERR_RANGE;
    }
    /* No count exceeds the total, so the total is the one to check. */
    if (c->total == PG_UINT64_MAX) {
        return CXM_ERR_OVERFLOW;
    }
    c->words[i]++;
    c->total++;
    return CXM_OK;
}

int cxm_pg_counts_remove(CxmCounts *c, int32 rating)
{
    int64 i = cxm_pg_form_index(c, rating);

    if (i < 0) {
        return CXM_ERR_RANGE;
    }
    if (c->words[i] == 0) {
        return CXM_ERR_ABSENT;
    }
    c->words[i]--;
    c->total--;
    return CXM_OK;
}

/* Loads the counts form whose payload is `payload` (checked by
 * cxm_pg_form_parse into `header`; possibly unaligned) into a library
 * accumulator: the library validates the scale and every count, and the
 * stored total must be theirs. */
static cxm_acc *counts_load(const char *payload, const CxmCounts *header)
{
    cxm_scale scale = CXM_SCALE_INIT;
    size_t footprint = 0;
    cxm_acc *acc = NULL;
    uint64_t total = 0;
    int status = CXM_OK;

    cxm_pg_form_scale(header, &scale);
    footprint = cxm_acc_footprint(&scale);
    if (footprint == 0) {
        cxm_pg_raise(CXM_ERR_SCALE, "stored cxm_acc value is corrupt: its scale is invalid");
    }
    status = cxm_acc_init(cxm_pg_aligned_alloc(footprint), footprint, &scale, &acc);
    for (size_t i = 0; status == CXM_OK && i < (size_t)cxm_pg_form_span(header); i++) {
        uint64_t count = 0;

        memcpy(&count, payload + CXM_PG_FORM_FIXED + i * sizeof count, sizeof count);
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
    cxm_acc_counts(acc, c->words, (size_t)cxm_pg_form_span(c));
    cxm_acc_total(acc, &c->total);
}

/* ---- transition states -------------------------------------------------- */

/* A new counts form holding a copy of any cxm_acc datum. Its memory comes
 * first (the widest scale's size): nothing may raise an error while a decoded
 * value is held. */
static CxmCounts *counts_copy(Datum value)
{
    CxmCounts *copy = cxm_pg_form_reserve(&cxm_pg_counts_kind);
    cxm_scale scale = CXM_SCALE_INIT;
    CxmBorrowed source;

    cxm_pg_borrow(value, &source);
    cxm_acc_scale(source.acc, &scale);
    cxm_pg_form_start(copy, &cxm_pg_counts_kind, &scale);
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
        CxmCounts *state = cxm_pg_form_in_place(&cxm_pg_counts_kind, value);

        if (state != NULL) {
            return state;
        }
    }
    return counts_copy(value);
}

Datum cxm_pg_state_result(FunctionCallInfo fcinfo, CxmCounts *state)
{
    /* The transition state updated in place (the common case, once a row per
     * group), or a copy inside an aggregate, leaves as it is. */
    if ((!PG_ARGISNULL(0) && (Pointer)state == DatumGetPointer(PG_GETARG_DATUM(0))) ||
        AggCheckCallContext(fcinfo, NULL)) {
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

    if (cxm_pg_form_parse(&cxm_pg_counts_kind, bytes, len, &header)) {
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

    if (!cxm_pg_form_parse(&cxm_pg_counts_kind, VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
                           &header)) {
        return flat;
    }
    cxm_pg_borrow(PointerGetDatum(flat), &b);
    return (struct varlena *)DatumGetPointer(cxm_pg_from_acc(b.acc, b.owned));
}

Datum cxm_pg_from_encoding(const char *bytes, size_t len, const char *what)
{
    cxm_acc *acc = NULL;
    int status = cxm_acc_decode(bytes, len, &acc);

    cxm_acc_free(acc);
    if (status != CXM_OK) {
        cxm_pg_raise(status,
                     "invalid %s for type cxm_acc: %zu bytes that are not a cxm_acc encoding", what,
                     len);
    }
    /* The decoder accepts canonical encodings only, so the bytes are kept. */
    return cxm_pg_bytes_datum(bytes, len);
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
    return cxm_pg_bytes_datum(bytes, written);
}
