/*
 * Private declarations shared between the files of the SQLite extension.
 *
 * The extension is a thin translation layer: SQL values in, library calls,
 * SQL values or errors out. Every number, name, text form and encoding comes
 * from libcxmetrics; nothing here recomputes a metric or keeps a name table.
 */
#ifndef CXS_EXTENSION_H
#define CXS_EXTENSION_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include <cxmetrics.h>

/* What every registered function gets as its user data, first of whatever
 * struct its file keeps per function: the SQL name, for its error messages. */
typedef struct cxs_function {
    const char *name;
} cxs_function;

/* A state BLOB decoded: an accumulator or a weighted accumulator, exactly one
 * of the two pointers set (state.c; both NULL for no state). */
typedef struct cxs_state {
    cxm_acc *acc;
    cxm_wacc *wacc;
} cxs_state;

/* The longest encoding and text form of a state of either kind. */
#define CXS_MAX(a, b)   ((a) > (b) ? (a) : (b))
#define CXS_ENCODED_MAX CXS_MAX(CXM_ENCODED_MAX, CXM_WACC_ENCODED_MAX)
#define CXS_TEXT_MAX    CXS_MAX(CXM_TEXT_MAX, CXM_WACC_TEXT_MAX)

/* ---- errors.c: messages that name the function and the offending value --- */

/* Sets "<function>: <formatted message>" as the call's SQL error. The format
 * is sqlite3_mprintf's (%Q quotes text, %lld, %!.15g ...). */
void cxs_error(sqlite3_context *ctx, const char *format, ...);

/* The error for a confidence the library refused (outside (0, 1), or NaN),
 * in the words the PostgreSQL extension uses. */
void cxs_confidence_error(sqlite3_context *ctx, double confidence);

/* A value for a message, quoted as %Q does, or when longer than 200 bytes its
 * first 200 bytes or fewer, cut at a UTF-8 character boundary, then
 * "... (N bytes)": a message never repeats a megabyte of input. Bytes that are
 * not well-formed UTF-8 are shown as U+FFFD, so the message always is.
 * Allocated with sqlite3_malloc (NULL if out of memory): pass it to %z. */
char *cxs_quote(sqlite3_value *value);

/* Reports a library status that has no more specific message. */
void cxs_status_error(sqlite3_context *ctx, int status);

/* Reports the status of combining two states (merge, subtract, compare) that
 * the library refused: different kinds, different scales, a subtracted state
 * that is not part of the other, sums beyond their limit. */
void cxs_combine_error(sqlite3_context *ctx, const char *verb, int status, const cxs_state *a,
                       const cxs_state *b);

/* Reports the status of recording a rating that the library refused: outside
 * the scale, or a count or weight total beyond its limit. */
void cxs_record_error(sqlite3_context *ctx, int status, int32_t rating, const cxs_state *s);

/* Writes the canonical text of a scale into buf (CXM_TEXT_MAX bytes), for
 * messages; "?" if it cannot be formatted. */
const char *cxs_scale_text(const cxm_scale *scale, char *buf);

/* ---- arguments.c: SQL values to library values ---------------------------- */

/* Reading an argument: READ_OK with the value, READ_NULL for an SQL NULL (the
 * caller skips the row or returns NULL), READ_ERROR with the error already
 * set on ctx. */
typedef enum cxs_read { READ_OK, READ_NULL, READ_ERROR } cxs_read;

/* A rating: an INTEGER within int32, or a REAL with such an integral value. */
cxs_read cxs_rating(sqlite3_context *ctx, sqlite3_value *value, int32_t *out);

/* A response's weight: an INTEGER in 1 .. 4294967295, or a REAL with such an
 * integral value. */
cxs_read cxs_weight(sqlite3_context *ctx, sqlite3_value *value, uint32_t *out);

/* A scale in its text form; NULL is an error, not READ_NULL. */
cxs_read cxs_scale(sqlite3_context *ctx, sqlite3_value *value, cxm_scale *out);

/* Which kinds of state an argument takes. */
typedef enum cxs_kind { KIND_ANY, KIND_UNWEIGHTED, KIND_WEIGHTED } cxs_kind;

/* A state BLOB of the kinds asked for, decoded into new heap accumulators
 * (the caller releases them with cxs_state_free). */
cxs_read cxs_state_read(sqlite3_context *ctx, sqlite3_value *value, cxs_kind kind, cxs_state *out);

/* The snapshot of a state BLOB of the kinds asked for: the state read,
 * snapshotted and released, for the functions that answer from its metrics.
 * *out is set (its size by the caller) only on READ_OK. */
cxs_read cxs_snapshot_read(sqlite3_context *ctx, sqlite3_value *value, cxs_kind kind,
                           cxm_snapshot *out);

/* The same for a caller without a function context (a table-valued
 * function): on READ_ERROR *message is the error without the function's
 * name (sqlite3_malloc'd; NULL if out of memory). */
cxs_read cxs_state_value(sqlite3_value *value, cxs_kind kind, cxs_state *out, char **message);

/* A quantity or a method by its library name. */
cxs_read cxs_quantity(sqlite3_context *ctx, sqlite3_value *value, int *out);
cxs_read cxs_method(sqlite3_context *ctx, sqlite3_value *value, int *out);

/* A number (INTEGER or REAL) named `what` in messages: a confidence, a
 * half-width. */
cxs_read cxs_real(sqlite3_context *ctx, sqlite3_value *value, const char *what, double *out);

/* The optional quantity, method and confidence arguments of cxm_interval and
 * cxm_compare: args[0..argc) holding any prefix of the three. Defaults:
 * headline, default, 0.95. */
typedef struct cxs_options {
    int quantity, method;
    double confidence;
} cxs_options;
cxs_read cxs_options_read(sqlite3_context *ctx, int argc, sqlite3_value **args, cxs_options *out);

/* ---- state.c: a state of either kind ------------------------------------------ */

/* The library's decoder, text parser, caller-memory placement or creation of
 * the kind the input is (or is asked for), into *out only on success;
 * statuses as theirs. All but the placed ones are on the heap, released by
 * cxs_state_free. */
int cxs_state_decode(const void *bytes, size_t len, cxs_state *out);
int cxs_state_parse(const char *text, size_t len, cxs_state *out);
int cxs_state_place(void *mem, size_t size, const cxm_scale *scale, bool weighted, cxs_state *out);
int cxs_state_new(const cxm_scale *scale, bool weighted, cxs_state *out);
void cxs_state_free(cxs_state *s);

bool cxs_state_same_kind(const cxs_state *a, const cxs_state *b);
/* The CXM_USE_* table of methods that an interval or comparison of s uses. */
int cxs_state_use(const cxs_state *s, bool compare);

/* The library function of the state's kind; for two states, of the same kind. */
int cxs_state_scale(const cxs_state *s, cxm_scale *out);
int cxs_state_total(const cxs_state *s, uint64_t *n);
int cxs_state_snapshot(const cxs_state *s, cxm_snapshot *out);
int cxs_state_interval(const cxs_state *s, int quantity, int method, double confidence,
                       cxm_interval *out);
int cxs_state_compare(const cxs_state *a, const cxs_state *b, int quantity, int method,
                      double confidence, cxm_comparison *out);
int cxs_state_merge(cxs_state *into, const cxs_state *from);
int cxs_state_subtract(cxs_state *from, const cxs_state *part);
int cxs_state_encode(const cxs_state *s, unsigned char *buf, size_t cap, size_t *written);
int cxs_state_format(const cxs_state *s, char *buf, size_t cap, size_t *written);

/* ---- results.c: library values to SQL results ------------------------------ */

/* Sets the state's canonical encoding as the BLOB result. */
void cxs_result_state(sqlite3_context *ctx, const cxs_state *s);

/* Sets a count as an INTEGER result; an error beyond a signed 64-bit integer. */
void cxs_result_count(sqlite3_context *ctx, uint64_t count);

/* Sets a REAL result, NULL for an undefined (non-finite) number. */
void cxs_result_number(sqlite3_context *ctx, double value);

/* The message for a count that an INTEGER cannot hold. */
#define CXS_COUNT_TOO_LARGE "the count %llu does not fit a signed 64-bit INTEGER"

/* ---- json.c: strict JSON objects ------------------------------------------ */

/* An object written into a fixed buffer; every result object of the
 * extension fits (a dozen fields of at most ~30 bytes each). */
typedef struct cxs_json {
    char text[1024];
    size_t len;
} cxs_json;

void cxs_json_begin(cxs_json *json);
void cxs_json_string(cxs_json *json, const char *key, const char *value);
void cxs_json_count(cxs_json *json, const char *key, uint64_t value);
/* Non-finite numbers are written as null (JSON has no NaN or Infinity). */
void cxs_json_number(cxs_json *json, const char *key, double value);
void cxs_json_end(cxs_json *json);
/* The headline's word as the scale text form spells it (share, net, mean:
 * cxm_headline_name). */
void cxs_json_headline(cxs_json *json, const char *key, int headline);

/* ---- registration ------------------------------------------------------------ */

/* A scalar function taking min_args to max_args arguments (each count is
 * registered, so SQLite itself rejects any other). */
typedef struct cxs_scalar {
    cxs_function fn;
    int min_args, max_args;
    void (*call)(sqlite3_context *, int, sqlite3_value **);
} cxs_scalar;

/* extension.c */
int cxs_register_scalar_table(sqlite3 *db, cxs_scalar *table, size_t count);

/* The entry point SQLite finds from the module's name (extension.c): the
 * module's only exported symbol. */
#ifdef _WIN32
#define CXS_EXPORT __declspec(dllexport)
#else
#define CXS_EXPORT __attribute__((visibility("default")))
#endif
CXS_EXPORT int sqlite3_cxmetrics_init(sqlite3 *db, char **error, const sqlite3_api_routines *api);

/* One per file of functions. */

int cxs_register_aggregates(sqlite3 *db);
int cxs_register_scalars(sqlite3 *db);
int cxs_register_weighted(sqlite3 *db);
int cxs_register_statistics(sqlite3 *db);
int cxs_register_planning(sqlite3 *db);
int cxs_register_counts(sqlite3 *db);

/* The flags of every function: each is a pure function of its arguments with
 * no side effect, so it may appear in indexes, generated columns, CHECK
 * constraints and in schemas read with trusted_schema=OFF. */
#define CXS_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

#endif /* CXS_EXTENSION_H */
