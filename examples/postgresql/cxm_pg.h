/*
 * Declarations shared by the C files of the PostgreSQL extension.
 *
 * A cxm_acc value exists in two representations:
 *  - flat: a varlena whose payload is the library's canonical encoding
 *    (cxm_acc_encode, docs/format.md). This is what is stored on disk, sent by
 *    binary COPY, cast to bytea and shipped between parallel workers. Every
 *    flat value was accepted by cxm_acc_decode or written by cxm_acc_encode,
 *    so flat bytes are canonical: equal states have identical bytes.
 *  - expanded: a PostgreSQL expanded object (utils/expandeddatum.h, the
 *    mechanism arrays use) holding a live library accumulator placed by
 *    cxm_acc_init in the object's own memory context. Aggregates keep their
 *    transition state in this form and update it in place, so a row costs one
 *    cxm_acc_add and never an encode; PostgreSQL flattens the object (one
 *    cxm_acc_encode) only when the value leaves the aggregate.
 */
#ifndef CXM_PG_H
#define CXM_PG_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/expandeddatum.h"

#include "cxmetrics.h"

/* ---- state.c: the two representations ----------------------------------- */

/* An expanded cxm_acc. scale_text caches the last scale text cxm_acc_agg
 * accepted for this state, so a group pays one memcmp per row, not a parse. */
typedef struct CxmExpanded {
    ExpandedObjectHeader hdr;
    cxm_acc *acc;
    int scale_text_len; /* -1: nothing cached */
    char scale_text[64];
} CxmExpanded;

/* A new, empty expanded state with this scale, in its own memory context
 * below parent. */
CxmExpanded *cxm_pg_expanded_new(const cxm_scale *scale, MemoryContext parent);

/* A new expanded state holding a copy of any cxm_acc datum (flat or
 * expanded), in its own memory context below parent. */
CxmExpanded *cxm_pg_expanded_copy(Datum value, MemoryContext parent);

/* The expanded state behind a datum if it is a read-write pointer to one of
 * ours (a state the caller may update in place), else NULL. */
CxmExpanded *cxm_pg_expanded_rw(Datum value);

/* The state a function that changes a cxm_acc argument may change: inside an
 * aggregate, the transition state itself (expanding it once if it is still
 * flat); anywhere else a fresh copy, so values seen elsewhere never change. */
CxmExpanded *cxm_pg_target(FunctionCallInfo fcinfo, int argno);

/* The memory context new transition states belong to: the aggregate's inside
 * an aggregate, the current one anywhere else. */
MemoryContext cxm_pg_state_context(FunctionCallInfo fcinfo);

/* Read access to the accumulator of any cxm_acc datum. For an expanded value
 * it is the object's own accumulator; for a flat one it is decoded onto the
 * C heap, so between cxm_pg_borrow and cxm_pg_release nothing may raise a
 * PostgreSQL error (it would leak the heap block): take the status, release,
 * then report. */
typedef struct CxmBorrowed {
    const cxm_acc *acc;
    cxm_acc *owned; /* heap accumulator to free, or NULL */
} CxmBorrowed;

void cxm_pg_borrow(Datum value, CxmBorrowed *out);
void cxm_pg_release(CxmBorrowed *b);

/* The flat form of any cxm_acc datum (palloc'd if it had to be flattened). */
struct varlena *cxm_pg_flat(Datum value);

/* A flat cxm_acc datum holding a copy of the given encoding, validated by
 * cxm_acc_decode first (22P02 if it is not one). */
Datum cxm_pg_from_encoding(const char *bytes, size_t len, const char *what);

/* The flat datum of a library accumulator; `owned` (NULL, or a heap
 * accumulator, typically acc itself) is freed once acc has been encoded, before
 * anything can raise an error. */
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
