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

#include "fmgr.h"

#include "cxmetrics.h"

/* ---- state.c: the two forms ----------------------------------------------- */

/* The counts form, a varlena in host byte order (the layout is fixed: stored
 * values are read by later versions). A scale spans 1 to 101 ratings, so a
 * counts form is 48 to 848 bytes: 128 for NPS, which AllocSet keeps in a
 * 128-byte chunk. The scale is every field of cxm_scale after size, so equal
 * fields are equal scales (cxm_scale_equal). */
typedef struct CxmCounts {
    int32 vl_len_;  /* varlena header (SET_VARSIZE) */
    char magic[2];  /* "cx" */
    uint8 version;  /* CXM_PG_COUNTS_VERSION */
    uint8 headline; /* CXM_HEADLINE_* */
    int32 min, max; /* valid ratings: counts has max - min + 1 entries */
    int32 positive_min, positive_max;
    int32 negative_min, negative_max;
    uint64 total;    /* the sum of counts */
    uint64 counts[]; /* counts[i]: how often rating min + i was recorded */
} CxmCounts;

#define CXM_PG_COUNTS_VERSION 1

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

/* The scale of a counts form. */
void cxm_pg_counts_scale(const CxmCounts *c, cxm_scale *out);

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
 * detail showing the text form named by `form` (CXM_PG_STATE_TEXT or
 * CXM_PG_SCALE_TEXT) instead of the library's general sentence. */
#define cxm_pg_raise_text(status, form, ...)                                                       \
    ereport(ERROR, (errcode(cxm_pg_sqlstate(status)), errmsg(__VA_ARGS__),                         \
                    cxm_pg_text_detail(status, form)))

typedef enum CxmTextForm { CXM_PG_STATE_TEXT, CXM_PG_SCALE_TEXT } CxmTextForm;

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
