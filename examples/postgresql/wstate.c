/*
 * The two forms of a cxm_wacc value (cxm_pg.h): the canonical encoding
 * (cxm_wacc_encode, beginning with "CXMW"), and the sums form that the
 * weighted aggregates update in place. Everything that turns one into the
 * other, or reads either, is here; state.c does the same for cxm_acc.
 *
 * A row adds one response to the sums form in place, as a counts form adds
 * one rating: c, W and Q of its rating grow by 1, w and w^2, and nothing else
 * can change. Everything else loads the sums into a library weighted
 * accumulator first, through the library's own parser of the text form, so
 * that the library checks the scale and every cell invariant of a form
 * before any number is read from it.
 */
#include "cxm_pg.h"

/* ---- in place --------------------------------------------------------------- */

CxmSums *cxm_pg_sums_new(const cxm_scale *scale)
{
    return cxm_pg_form_new(&cxm_pg_sums_kind, scale);
}

/* The four words of a rating's entry: c, W, Q high, Q low. */
static uint64 *cell_of(CxmSums *s, int64 i)
{
    return &s->words[4 * i];
}

/* Whether the 128-bit number (a_high, a_low) is below (b_high, b_low). */
static bool below(uint64 a_high, uint64 a_low, uint64 b_high, uint64 b_low)
{
    return a_high < b_high || (a_high == b_high && a_low < b_low);
}

/* The cell of a response's rating, once the rating and the weight are
 * checked as cxm_wacc_add checks them: the rating first, then the weight. */
static int response_cell(CxmSums *s, int32 rating, uint32 weight, uint64 **cell)
{
    int64 i = cxm_pg_form_index(s, rating);

    if (i < 0) {
        return CXM_ERR_RANGE;
    }
    if (weight == 0) {
        return CXM_ERR_ARG;
    }
    *cell = cell_of(s, i);
    return CXM_OK;
}

int cxm_pg_sums_add(CxmSums *s, int32 rating, uint32 weight)
{
    uint64 square = (uint64)weight * weight;
    uint64 *cell = NULL;
    int status = response_cell(s, rating, weight, &cell);

    if (status != CXM_OK) {
        return status;
    }
    /* No sum overflows before the total weight does (cxm_wacc_add): c <= W,
     * and Q <= W (2^32 - 1) < 2^96. */
    if (weight > PG_UINT64_MAX - s->total) {
        return CXM_ERR_OVERFLOW;
    }
    cell[0]++;
    cell[1] += weight;
    cell[3] += square;
    cell[2] += cell[3] < square;
    s->total += weight;
    return CXM_OK;
}

/* A window frame removes only responses it added, so what remains is the
 * sums of the responses still in the frame: valid by construction. Only the
 * subtraction itself is checked here; whatever a state holds, the library
 * checks every invariant when the state is loaded. */
int cxm_pg_sums_remove(CxmSums *s, int32 rating, uint32 weight)
{
    uint64 square = (uint64)weight * weight;
    uint64 *cell = NULL;
    int status = response_cell(s, rating, weight, &cell);

    if (status != CXM_OK) {
        return status;
    }
    if (cell[0] == 0 || cell[1] < weight || below(cell[2], cell[3], 0, square)) {
        return CXM_ERR_ABSENT;
    }
    cell[0]--;
    cell[1] -= weight;
    cell[2] -= cell[3] < square;
    cell[3] -= square;
    s->total -= weight;
    return CXM_OK;
}

/* The sums of a library weighted accumulator's rating, as four words. */
static void cell_from(const cxm_wacc *w, int32 rating, uint64 out[4])
{
    uint64_t squares[2];

    cxm_wacc_cell(w, rating, &out[0], &out[1], squares);
    out[2] = squares[0];
    out[3] = squares[1];
}

int cxm_pg_sums_merge(CxmSums *s, const cxm_wacc *w)
{
    cxm_scale scale = CXM_SCALE_INIT;
    uint64_t n = 0, weight = 0, squares[2];

    cxm_wacc_scale(w, &scale);
    if (!cxm_pg_form_has_scale(s, &scale)) {
        return CXM_ERR_MISMATCH;
    }
    cxm_wacc_totals(w, &n, &weight, squares);
    if (weight > PG_UINT64_MAX - s->total) {
        return CXM_ERR_OVERFLOW;
    }
    for (int64 i = 0; i < cxm_pg_form_span(s); i++) {
        uint64 *cell = cell_of(s, i);
        uint64 add[4];

        cell_from(w, (int32)(s->min + i), add);
        cell[0] += add[0];
        cell[1] += add[1];
        cell[3] += add[3];
        cell[2] += add[2] + (cell[3] < add[3]);
    }
    s->total += weight;
    return CXM_OK;
}

int cxm_pg_sums_subtract(CxmSums *s, const cxm_wacc *w)
{
    cxm_scale scale = CXM_SCALE_INIT;
    uint64_t n = 0, weight = 0, squares[2];

    cxm_wacc_scale(w, &scale);
    if (!cxm_pg_form_has_scale(s, &scale)) {
        return CXM_ERR_MISMATCH;
    }
    for (int64 i = 0; i < cxm_pg_form_span(s); i++) {
        const uint64 *cell = cell_of(s, i);
        uint64 take[4];

        cell_from(w, (int32)(s->min + i), take);
        if (cell[0] < take[0] || cell[1] < take[1] || below(cell[2], cell[3], take[2], take[3])) {
            return CXM_ERR_ABSENT;
        }
    }
    for (int64 i = 0; i < cxm_pg_form_span(s); i++) {
        uint64 *cell = cell_of(s, i);
        uint64 take[4];

        cell_from(w, (int32)(s->min + i), take);
        cell[0] -= take[0];
        cell[1] -= take[1];
        cell[2] -= take[2] + (cell[3] < take[3]);
        cell[3] -= take[3];
    }
    cxm_wacc_totals(w, &n, &weight, squares);
    s->total -= weight;
    return CXM_OK;
}

/* ---- the text of a sums form ---------------------------------------------- */

/* Text written into a fixed buffer; `full` once something did not fit. */
typedef struct TextOut {
    char *at;
    char *end;
    bool full;
} TextOut;

static void put(TextOut *t, const char *chars, size_t len)
{
    if (t->full || len > (size_t)(t->end - t->at)) {
        t->full = true;
        return;
    }
    memcpy(t->at, chars, len);
    t->at += len;
}

/* A number below 2^64 in decimal, without leading zeros. */
static void put_u64(TextOut *t, uint64 value)
{
    char digits[20];
    char *first = digits + sizeof digits;

    do {
        *--first = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    put(t, first, (size_t)(digits + sizeof digits - first));
}

/* A 128-bit number in decimal, without leading zeros: while it does not fit
 * 64 bits, nine digits at a time by long division of its 32-bit limbs by 10^9
 * (a remainder below 10^9 shifted by 32 bits stays below 2^62), at most three
 * times; then the rest as a 64-bit number, and the groups after it. */
static void put_u128(TextOut *t, uint64 high, uint64 low)
{
    uint32 limbs[4] = {(uint32)(high >> 32), (uint32)high, (uint32)(low >> 32), (uint32)low};
    uint32 groups[3];
    int count = 0;

    while (high != 0) {
        uint64 rem = 0;

        for (int k = 0; k < 4; k++) {
            uint64 cur = rem << 32 | limbs[k];

            limbs[k] = (uint32)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        groups[count++] = (uint32)rem;
        high = (uint64)limbs[0] << 32 | limbs[1];
    }
    put_u64(t, (uint64)limbs[2] << 32 | limbs[3]);
    while (count > 0) {
        char nine[9];
        uint32 group = groups[--count];

        for (int d = 8; d >= 0; d--) {
            nine[d] = (char)('0' + group % 10);
            group /= 10;
        }
        put(t, nine, sizeof nine);
    }
}

static void put_int(TextOut *t, int64 value)
{
    if (value < 0) {
        put(t, "-", 1);
        value = -value;
    }
    put_u64(t, (uint64)value);
}

/* The weighted text form of a sums form (payload possibly unaligned):
 * SCALE[RATING:COUNT/WEIGHT/SQUARES,...] with an entry for every rating whose
 * words are not all zero, so that the parser sees, and refuses, a count of 0
 * beside nonzero sums. Returns the length, or 0 if the scale is invalid or
 * the text does not fit: neither can be the text of a valid state. */
static size_t sums_text(const char *payload, const CxmSums *header, char *buf, size_t cap)
{
    TextOut t = {buf, buf + cap, false};
    cxm_scale scale = CXM_SCALE_INIT;
    size_t written = 0;
    bool first = true;

    cxm_pg_form_scale(header, &scale);
    if (cxm_scale_format(&scale, buf, cap, &written) != CXM_OK) {
        return 0;
    }
    t.at += written;
    put(&t, "[", 1);
    for (size_t i = 0; i < (size_t)cxm_pg_form_span(header); i++) {
        uint64 cell[4];

        memcpy(cell, payload + CXM_PG_FORM_FIXED + i * sizeof cell, sizeof cell);
        if ((cell[0] | cell[1] | cell[2] | cell[3]) == 0) {
            continue;
        }
        put(&t, ",", first ? 0 : 1);
        first = false;
        put_int(&t, header->min + (int64)i);
        put(&t, ":", 1);
        put_u64(&t, cell[0]);
        put(&t, "/", 1);
        put_u64(&t, cell[1]);
        put(&t, "/", 1);
        put_u128(&t, cell[2], cell[3]);
    }
    put(&t, "]", 1);
    return t.full ? 0 : (size_t)(t.at - buf);
}

/* ---- loading and storing ------------------------------------------------------ */

/* Memory for a weighted accumulator of any scale, palloc'd: the footprint of
 * the widest scale, as the library computes it. */
static void *reserve(size_t *footprint)
{
    cxm_scale widest = CXM_SCALE_INIT;

    widest.min = 0;
    widest.max = CXM_SCALE_MAX_RATINGS - 1;
    widest.positive_min = widest.positive_max = widest.max;
    widest.negative_min = widest.negative_max = widest.min;
    widest.headline = CXM_HEADLINE_NET;
    *footprint = cxm_wacc_footprint(&widest);
    return cxm_pg_aligned_alloc(*footprint);
}

/* Copies a weighted accumulator into reserved memory: the copy lives as long
 * as its memory context, so an error raised later leaks nothing. Returns a
 * status; *out only on success. */
static int copy_into(void *mem, size_t footprint, const cxm_wacc *from, cxm_wacc **out)
{
    cxm_scale scale = CXM_SCALE_INIT;
    cxm_wacc *w = NULL;
    int status = cxm_wacc_scale(from, &scale);

    if (status != CXM_OK) {
        return status;
    }
    status = cxm_wacc_init(mem, footprint, &scale, &w);
    if (status != CXM_OK) {
        return status;
    }
    status = cxm_wacc_merge(w, from);
    if (status != CXM_OK) {
        return status;
    }
    *out = w;
    return CXM_OK;
}

/* Moves a heap weighted accumulator (just parsed or decoded) into reserved
 * memory and frees it, whatever the copy's status. */
static int place(void *mem, size_t footprint, cxm_wacc *heap, cxm_wacc **out)
{
    int status = copy_into(mem, footprint, heap, out);

    cxm_wacc_free(heap);
    return status;
}

/* Loads a sums form (its payload checked by cxm_pg_form_parse into `header`;
 * possibly unaligned) into a library weighted accumulator in palloc'd memory,
 * through its text form: the library's parser checks the scale and every
 * cell, and the total weight must be the stored one. 22P02 otherwise. */
static cxm_wacc *sums_load(const char *payload, const CxmSums *header)
{
    char text[CXM_WACC_TEXT_MAX];
    size_t len = sums_text(payload, header, text, sizeof text);
    size_t footprint = 0;
    void *mem = reserve(&footprint);
    cxm_wacc *parsed = NULL;
    cxm_wacc *w = NULL;
    uint64_t count = 0, weight = 0, squares[2];
    int status = len == 0 ? CXM_ERR_FORMAT : cxm_wacc_parse(text, len, &parsed);

    if (status == CXM_OK) {
        status = place(mem, footprint, parsed, &w);
    }
    if (status == CXM_OK) {
        cxm_wacc_totals(w, &count, &weight, squares);
    }
    if (status != CXM_OK || weight != header->total) {
        cxm_pg_raise(CXM_ERR_FORMAT, "stored cxm_wacc value is corrupt: its sums are invalid");
    }
    return w;
}

cxm_wacc *cxm_pg_sums_load(const CxmSums *s)
{
    return sums_load(VARDATA(s), s);
}

void cxm_pg_sums_store(CxmSums *s, const cxm_wacc *w)
{
    uint64_t count = 0, squares[2];

    for (int64 i = 0; i < cxm_pg_form_span(s); i++) {
        uint64 *cell = cell_of(s, i);
        uint64_t q[2];

        cxm_wacc_cell(w, (int32_t)(s->min + i), &cell[0], &cell[1], q);
        cell[2] = q[0];
        cell[3] = q[1];
    }
    cxm_wacc_totals(w, &count, &s->total, squares);
}

/* ---- transition states ------------------------------------------------------ */

/* A new sums form holding a copy of any cxm_wacc datum. */
static CxmSums *sums_copy(Datum value)
{
    cxm_wacc *w = cxm_pg_wacc_read(value);
    cxm_scale scale = CXM_SCALE_INIT;
    CxmSums *copy = NULL;

    cxm_wacc_scale(w, &scale);
    copy = cxm_pg_sums_new(&scale);
    cxm_pg_sums_store(copy, w);
    return copy;
}

CxmSums *cxm_pg_wstate(FunctionCallInfo fcinfo)
{
    if (AggCheckCallContext(fcinfo, NULL)) {
        CxmSums *state = cxm_pg_form_in_place(&cxm_pg_sums_kind, PG_GETARG_DATUM(0));

        if (state != NULL) {
            return state;
        }
    }
    return sums_copy(PG_GETARG_DATUM(0));
}

Datum cxm_pg_wstate_result(FunctionCallInfo fcinfo, CxmSums *state)
{
    if ((!PG_ARGISNULL(0) && (Pointer)state == DatumGetPointer(PG_GETARG_DATUM(0))) ||
        AggCheckCallContext(fcinfo, NULL)) {
        return PointerGetDatum(state);
    }
    return cxm_pg_from_wacc(cxm_pg_sums_load(state), NULL);
}

/* ---- reading any form --------------------------------------------------------- */

cxm_wacc *cxm_pg_wacc_read(Datum value)
{
    struct varlena *flat = pg_detoast_datum_packed((struct varlena *)DatumGetPointer(value));
    const char *bytes = VARDATA_ANY(flat);
    size_t len = VARSIZE_ANY_EXHDR(flat);
    size_t footprint = 0;
    void *mem = NULL;
    CxmSums header;
    cxm_wacc *decoded = NULL;
    cxm_wacc *w = NULL;
    int status = CXM_OK;

    if (cxm_pg_form_parse(&cxm_pg_sums_kind, bytes, len, &header)) {
        return sums_load(bytes, &header);
    }
    mem = reserve(&footprint);
    status = cxm_wacc_decode(bytes, len, &decoded);
    if (status == CXM_OK) {
        status = place(mem, footprint, decoded, &w);
    }
    if (status != CXM_OK) {
        cxm_pg_raise(status, "stored cxm_wacc value is corrupt (%zu bytes)", len);
    }
    return w;
}

struct varlena *cxm_pg_wflat(Datum value)
{
    struct varlena *flat = pg_detoast_datum_packed((struct varlena *)DatumGetPointer(value));
    CxmSums header;

    if (!cxm_pg_form_parse(&cxm_pg_sums_kind, VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
                           &header)) {
        return flat;
    }
    return (struct varlena *)DatumGetPointer(
        cxm_pg_from_wacc(sums_load(VARDATA_ANY(flat), &header), NULL));
}

Datum cxm_pg_wacc_from_encoding(const char *bytes, size_t len, const char *what)
{
    cxm_wacc *w = NULL;
    int status = cxm_wacc_decode(bytes, len, &w);

    cxm_wacc_free(w);
    if (status != CXM_OK) {
        cxm_pg_raise(status,
                     "invalid %s for type cxm_wacc: %zu bytes that are not a cxm_wacc encoding",
                     what, len);
    }
    return cxm_pg_bytes_datum(bytes, len);
}

Datum cxm_pg_from_wacc(const cxm_wacc *w, cxm_wacc *owned)
{
    char bytes[CXM_WACC_ENCODED_MAX];
    size_t written = 0;
    int status = cxm_wacc_encode(w, bytes, sizeof bytes, &written);

    cxm_wacc_free(owned);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot encode a cxm_wacc value");
    }
    return cxm_pg_bytes_datum(bytes, written);
}
