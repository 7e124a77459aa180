/*
 * Declarations shared by the C files of the PostgreSQL extension.
 *
 * A cxm_acc value has one of two forms, told apart by their first bytes:
 *  - the canonical encoding (cxm_acc_encode, docs/format.md; it begins with
 *    "CXMA"). Text and binary input, the bytea cast, cxm_acc_agg's final
 *    function and every function called outside an aggregate produce it;
 *    binary COPY and the casts carry it. Equal states have identical bytes.
 *  - the counts form (CxmCounts below; it begins with "cx"): the transition
 *    state of every aggregate, a plain histogram that a transition updates in
 *    place, so a row costs one increment, never an encode or a decode.
 * A transition state leaves its aggregate as it is wherever PostgreSQL has no
 * final function to call: the result of cxm_merge_agg, a partial state sent
 * to a Gather. So both forms may be stored, both are read by every function
 * that takes a cxm_acc, and both stay readable by every later version
 * (README.md, "Storage and the transition state"). = and the hash compare
 * canonical encodings, whatever form they are given.
 *
 * A cxm_wacc value has the same two forms: its canonical encoding
 * (cxm_wacc_encode, "CXMW") and the sums form ("cw"), which holds the
 * library's three sums per rating. Its aggregates all have a final function,
 * so a sums form leaves an aggregate only as a partial state.
 *
 * Why not an expanded object (utils/expandeddatum.h) holding a library
 * accumulator: nodeAgg keeps an expanded transition state only if the object
 * owns a memory context of its own, one per group, and its hash table walks
 * all those contexts each time it adds a group to check its memory: a GROUP
 * BY became quadratic in the number of groups. A counts form is one palloc
 * chunk of the aggregate's own context.
 */
#ifndef CXM_PG_H
#define CXM_PG_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "fmgr.h"

#include "cxmetrics.h"

/* ---- state.c: the flat forms and the two forms of a cxm_acc -------------- */

/* The flat form of a state, a varlena in host byte order with a fixed layout
 * (stored values are read by later versions; README.md documents it byte by
 * byte). Two kinds share it, told apart by their magic:
 *  - the counts form of a cxm_acc ("cx"): one word per rating, its count;
 *    total is the number of ratings;
 *  - the sums form of a cxm_wacc ("cw"): four words per rating, the library's
 *    sums c, W and Q (high 64 bits, then low), as cxm_wacc_cell reads them;
 *    total is W over every rating, the sum whose overflow cxm_wacc_add
 *    refuses.
 * The scale is every field of cxm_scale after size, so equal fields are equal
 * scales (cxm_scale_equal). NPS takes 128 bytes as a counts form, which
 * AllocSet keeps in a 128-byte chunk, and 392 as a sums form. */
typedef struct CxmForm {
    int32 vl_len_;  /* varlena header (SET_VARSIZE) */
    char magic[2];  /* "cx" or "cw" */
    uint8 version;  /* CXM_PG_FORM_VERSION */
    uint8 headline; /* CXM_HEADLINE_* */
    int32 min, max; /* valid ratings: one entry per rating from min to max */
    int32 positive_min, positive_max;
    int32 negative_min, negative_max;
    uint64 total;   /* counts: the sum of counts; sums: the sum of the weights */
    uint64 words[]; /* the entry of rating min + i: words[i] (counts), or
                       words[4 i] to words[4 i + 3] (sums: c, W, Q high, Q low) */
} CxmForm;

#define CXM_PG_FORM_VERSION 1

/* Which form: its magic and the words of one rating's entry. */
typedef struct CxmFormKind {
    char magic[2];
    int words;
} CxmFormKind;

extern const CxmFormKind cxm_pg_counts_kind, cxm_pg_sums_kind;

/* The flat forms of the two types (the same struct; the names say which). */
typedef CxmForm CxmCounts;
typedef CxmForm CxmSums;

/* A new, empty flat form of this kind and (valid) scale, palloc'd, or
 * allocated in `context`; a palloc'd copy of a form. */
CxmForm *cxm_pg_form_new(const CxmFormKind *kind, const cxm_scale *scale);
CxmForm *cxm_pg_form_empty(MemoryContext context, const CxmFormKind *kind, const cxm_scale *scale);
CxmForm *cxm_pg_form_copy(const CxmForm *f);

/* Memory for a flat form of this kind and any scale (the widest's size),
 * palloc'd, for a copy whose scale is known only once nothing may raise an
 * error any more; cxm_pg_form_start then fills its header (not its words). */
CxmForm *cxm_pg_form_reserve(const CxmFormKind *kind);
void cxm_pg_form_start(CxmForm *f, const CxmFormKind *kind, const cxm_scale *scale);

/* The flat form of this kind behind a datum if a transition may update it in
 * place (4-byte header, aligned for its words, size matching its span), else
 * NULL. */
CxmForm *cxm_pg_form_in_place(const CxmFormKind *kind, Datum value);

/* Whether `len` bytes of a varlena's payload (possibly unaligned) are a flat
 * form of this kind whose size matches its span; its fixed fields are copied
 * into *header. Enough to index its entries safely; what they hold is checked
 * by the library when they are loaded. */
bool cxm_pg_form_parse(const CxmFormKind *kind, const char *payload, size_t len, CxmForm *header);

/* The number of ratings of a form's scale, and the index of a rating's
 * entry (-1 outside the scale): here, inline, since every row of an aggregate
 * asks. */
static inline int64 cxm_pg_form_span(const CxmForm *f)
{
    return (int64)f->max - f->min + 1;
}

static inline int64 cxm_pg_form_index(const CxmForm *f, int32 rating)
{
    int64 i = (int64)rating - f->min;

    return i >= 0 && i < cxm_pg_form_span(f) ? i : -1;
}

/* The scale of a flat form. */
void cxm_pg_form_scale(const CxmForm *f, cxm_scale *out);

/* Whether a form's scale fields are those of `scale`, or of another form:
 * equal scales (every field of cxm_scale after size, cxm_scale_equal's rule). */
bool cxm_pg_form_has_scale(const CxmForm *f, const cxm_scale *scale);
bool cxm_pg_form_same_scale(const CxmForm *a, const CxmForm *b);

/* Raises 22023 naming both scales unless the form's scale is the scale of
 * `given` (an empty form of the scale a row names). */
void cxm_pg_form_check_scale(const CxmForm *f, const CxmForm *given);

/* The bytes of a flat form after its varlena header, up to its words. */
#define CXM_PG_FORM_FIXED (offsetof(CxmForm, words) - VARHDRSZ)

/* A datum that is a varlena of the given bytes, palloc'd. */
Datum cxm_pg_bytes_datum(const void *bytes, size_t len);

/* memory for a library state in caller memory: `footprint` bytes aligned for
 * any object type (alignof(max_align_t)), palloc'd. */
void *cxm_pg_aligned_alloc(size_t footprint);

/* The size of a counts form of this (valid) scale, and the start of one in
 * that much memory: the header set, every count zero. */
Size cxm_pg_counts_size(const cxm_scale *scale);
void cxm_pg_counts_start(CxmCounts *c, const cxm_scale *scale);

/* A palloc'd copy of a counts form. */
CxmCounts *cxm_pg_counts_copy(const CxmCounts *c);

/* Whether two counts forms have identical scale fields: equal scales. */
bool cxm_pg_counts_same_scale(const CxmCounts *a, const CxmCounts *b);

/* The state a function that changes its first argument may change: inside an
 * aggregate (AggCheckCallContext), the transition state itself once it is in
 * counts form; otherwise a new counts form holding a copy, palloc'd in the
 * current context (inside an aggregate the per-row one, from which nodeAgg
 * copies the returned state into its own). */
CxmCounts *cxm_pg_state(FunctionCallInfo fcinfo);

/* What such a function returns: the state itself inside an aggregate, its
 * canonical encoding anywhere else (so stored values stay compact). */
Datum cxm_pg_state_result(FunctionCallInfo fcinfo, CxmCounts *state);

/* One rating more or less, in place: one bounds-checked increment or
 * decrement with the library's status codes (CXM_ERR_RANGE, CXM_ERR_OVERFLOW
 * as cxm_acc_add, CXM_ERR_ABSENT as cxm_acc_remove); nothing changes on
 * error. Everything else a state does goes through a library accumulator. */
int cxm_pg_counts_add(CxmCounts *c, int32 rating);
int cxm_pg_counts_remove(CxmCounts *c, int32 rating);

/* A library accumulator holding a counts form's scale and counts, palloc'd
 * (cxm_acc_init); 22P02 if the form is inconsistent. */
cxm_acc *cxm_pg_counts_load(const CxmCounts *c);

/* Writes an accumulator of the same scale back into a counts form. */
void cxm_pg_counts_store(CxmCounts *c, const cxm_acc *acc);

/* Read access to the accumulator of any cxm_acc datum. A counts form is loaded
 * into palloc'd memory; a canonical encoding is decoded onto the C heap, so
 * between cxm_pg_borrow and cxm_pg_release nothing may raise a PostgreSQL
 * error (it would leak the heap block): take the status, release, then
 * report. */
typedef struct CxmBorrowed {
    const cxm_acc *acc;
    cxm_acc *owned; /* heap accumulator to free, or NULL */
} CxmBorrowed;

void cxm_pg_borrow(Datum value, CxmBorrowed *out);
void cxm_pg_release(CxmBorrowed *b);

/* The canonical encoding of any cxm_acc datum, as a varlena (palloc'd if it
 * had to be encoded). */
struct varlena *cxm_pg_flat(Datum value);

/* A canonical cxm_acc datum holding a copy of the given encoding, validated by
 * cxm_acc_decode first (22P02 if it is not one). */
Datum cxm_pg_from_encoding(const char *bytes, size_t len, const char *what);

/* The canonical datum of a library accumulator; `owned` (NULL, or a heap
 * accumulator, typically acc itself) is freed once acc has been encoded,
 * before anything can raise an error. */
Datum cxm_pg_from_acc(const cxm_acc *acc, cxm_acc *owned);

/* ---- wstate.c: the two forms of a cxm_wacc --------------------------------- */

/* A new, empty sums form of this (valid) scale, palloc'd. */
CxmSums *cxm_pg_sums_new(const cxm_scale *scale);

/* One response more or less, in place: c, W and Q of its rating grow or
 * shrink by 1, weight and weight^2, with the library's status codes
 * (CXM_ERR_RANGE, CXM_ERR_ARG for weight 0, CXM_ERR_OVERFLOW as cxm_wacc_add;
 * CXM_ERR_ABSENT when the rating's sums are smaller than the response);
 * nothing changes on error. */
int cxm_pg_sums_add(CxmSums *s, int32 rating, uint32 weight);
int cxm_pg_sums_remove(CxmSums *s, int32 rating, uint32 weight);

/* A weighted accumulator's sums added to, or taken from, a sums form in
 * place, rating by rating: CXM_ERR_MISMATCH for another scale, then
 * CXM_ERR_OVERFLOW if the weights would sum beyond UINT64_MAX (merge), or
 * CXM_ERR_ABSENT if any sum of w exceeds the form's (subtract); nothing
 * changes on error. A merge of valid sums is valid (the library's cell
 * invariants hold for sums of cells); a subtraction is, when w was merged in
 * earlier, which is what a moving aggregate's inverse takes away. Anything
 * else is caught when the form is loaded. */
int cxm_pg_sums_merge(CxmSums *s, const cxm_wacc *w);
int cxm_pg_sums_subtract(CxmSums *s, const cxm_wacc *w);

/* A library weighted accumulator holding a sums form's scale and sums, in
 * palloc'd memory; 22P02 if the library refuses the sums or their total. */
cxm_wacc *cxm_pg_sums_load(const CxmSums *s);

/* Writes a weighted accumulator of the same scale back into a sums form. */
void cxm_pg_sums_store(CxmSums *s, const cxm_wacc *w);

/* As cxm_pg_state and cxm_pg_state_result, for cxm_wacc. */
CxmSums *cxm_pg_wstate(FunctionCallInfo fcinfo);
Datum cxm_pg_wstate_result(FunctionCallInfo fcinfo, CxmSums *state);

/* The weighted accumulator of any cxm_wacc datum, in palloc'd memory (a sums
 * form loaded, an encoding decoded and moved there): it lives as long as the
 * current memory context, so errors raised while it is in use leak nothing.
 * 22P02 if the value is corrupt. */
cxm_wacc *cxm_pg_wacc_read(Datum value);

/* The canonical encoding of any cxm_wacc datum, as a varlena. */
struct varlena *cxm_pg_wflat(Datum value);

/* A canonical cxm_wacc datum holding a copy of the given encoding, validated
 * by cxm_wacc_decode first (22P02 if it is not one). */
Datum cxm_pg_wacc_from_encoding(const char *bytes, size_t len, const char *what);

/* The canonical datum of a weighted accumulator; `owned` as for
 * cxm_pg_from_acc. */
Datum cxm_pg_from_wacc(const cxm_wacc *w, cxm_wacc *owned);

/* ---- results.c: SQL values of the library's numbers ------------------------- */

#define CXM_PG_ROW_MAX 16

/* A composite result being filled field by field, in the order of its type. */
typedef struct CxmRow {
    TupleDesc desc;
    Datum values[CXM_PG_ROW_MAX];
    bool nulls[CXM_PG_ROW_MAX];
    int next;
} CxmRow;

void cxm_pg_row_start(FunctionCallInfo fcinfo, CxmRow *row);

/* The next field: a number (NaN, the library's undefined, is NULL), a text,
 * a count (cxm_pg_bigint). */
void cxm_pg_row_double(CxmRow *row, double value);
void cxm_pg_row_text(CxmRow *row, const char *value);
void cxm_pg_row_count(CxmRow *row, uint64_t count, const char *what);

/* The row as a datum; an internal error unless every field was filled. */
Datum cxm_pg_row_finish(CxmRow *row);

/* A count as bigint; 22003 naming it (`what`) beyond 2^63 - 1. */
int64 cxm_pg_bigint(uint64_t count, const char *what);

/* The composite cxm_snapshot of a snapshot: 1.1's fields, then weight_total
 * and n_effective where the type has them (a database not yet updated to
 * 1.2 has not). */
Datum cxm_pg_snapshot_row(FunctionCallInfo fcinfo, const cxm_snapshot *s);

/* ---- errors.c: library status -> SQLSTATE ---------------------------------- */

/* Raises the SQL error for a library status: RANGE, OVERFLOW and ABSENT are
 * 22003, FORMAT and SCALE 22P02, MISMATCH and ARG 22023, NOMEM 53200, anything
 * else an internal error. The message (a printf format and its arguments,
 * passed to errmsg as they are, so nothing cuts it) names the offending value;
 * the detail is the library's sentence for the status. A macro around
 * ereport(ERROR), so the compiler knows it does not return. */
#define cxm_pg_raise(status, ...)                                                                  \
    ereport(ERROR,                                                                                 \
            (errcode(cxm_pg_sqlstate(status)), errmsg(__VA_ARGS__), cxm_pg_status_detail(status)))

/* As cxm_pg_raise, for text the user wrote: a status of CXM_ERR_FORMAT gets a
 * detail showing the text form named by `form` (CXM_PG_STATE_TEXT,
 * CXM_PG_SCALE_TEXT or CXM_PG_WEIGHTED_TEXT) instead of the library's general sentence. */
#define cxm_pg_raise_text(status, form, ...)                                                       \
    ereport(ERROR, (errcode(cxm_pg_sqlstate(status)), errmsg(__VA_ARGS__),                         \
                    cxm_pg_text_detail(status, form)))

typedef enum CxmTextForm { CXM_PG_STATE_TEXT, CXM_PG_SCALE_TEXT, CXM_PG_WEIGHTED_TEXT } CxmTextForm;

/* The SQLSTATE of a library status (the mapping above). */
int cxm_pg_sqlstate(int status);

/* errdetail with the library's sentence and name for a status. */
int cxm_pg_status_detail(int status);

/* errdetail for text that a parser refused with this status. */
int cxm_pg_text_detail(int status, CxmTextForm form);

/* A value the user wrote, quoted for a message: "text" when it is at most 200
 * bytes, else its first 200 bytes or fewer, cut at a character boundary of
 * the database encoding (pg_mbcliplen), then "... (N bytes)". A message never
 * carries a broken character (22021 on the way to the client) nor a megabyte
 * of input. palloc'd. */
char *cxm_pg_quote(const char *chars, size_t len);

/* The scale's canonical text form (cxm_scale_format), palloc'd. */
char *cxm_pg_scale_text(const cxm_scale *scale);

/* Parses a scale text (22P02 if invalid). */
void cxm_pg_scale_parse(const char *text, size_t len, cxm_scale *out);

#endif
