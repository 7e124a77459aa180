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

/* What every registered function gets as its user data: the SQL name for its
 * error messages and, for cxm_csat/cxm_nps/cxm_ces, the preset they use. */
typedef struct cxs_function {
    const char *name;
    int preset; /* CXM_PRESET_*, or 0 */
} cxs_function;

/* ---- errors.c: messages that name the function and the offending value --- */

/* Sets "<function>: <formatted message>" as the call's SQL error. The format
 * is sqlite3_mprintf's (%Q quotes text, %lld, %!.15g ...). */
void cxs_error(sqlite3_context *ctx, const char *format, ...);

/* A value for a message, quoted as %Q does, or when longer than 200 bytes its
 * first 200 bytes or fewer, cut at a UTF-8 character boundary, then
 * "... (N bytes)": a message never repeats a megabyte of input. Bytes that are
 * not well-formed UTF-8 are shown as U+FFFD, so the message always is.
 * Allocated with sqlite3_malloc (NULL if out of memory): pass it to %z. */
char *cxs_quote(sqlite3_value *value);

/* Reports a library status that has no more specific message. */
void cxs_status_error(sqlite3_context *ctx, int status);

/* "cannot <verb> states of different scales <a> and <b>". */
void cxs_mismatch_error(sqlite3_context *ctx, const char *verb, const cxm_acc *a, const cxm_acc *b);

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

/* A scale in its text form; NULL is an error, not READ_NULL. */
cxs_read cxs_scale(sqlite3_context *ctx, sqlite3_value *value, cxm_scale *out);

/* A state BLOB decoded into a new heap accumulator (the caller frees it). */
cxs_read cxs_state(sqlite3_context *ctx, sqlite3_value *value, cxm_acc **out);

/* The optional quantity, method and confidence arguments of cxm_interval and
 * cxm_compare: args[0..argc) holding any prefix of the three. Defaults:
 * headline, default, 0.95. */
typedef struct cxs_options {
    int quantity, method;
    double confidence;
} cxs_options;
cxs_read cxs_options_read(sqlite3_context *ctx, int argc, sqlite3_value **args, cxs_options *out);

/* ---- results.c: library values to SQL results ------------------------------ */

/* Sets the accumulator's canonical encoding as the BLOB result. */
void cxs_result_state(sqlite3_context *ctx, const cxm_acc *acc);

/* Sets a count as an INTEGER result; an error beyond a signed 64-bit integer. */
void cxs_result_count(sqlite3_context *ctx, uint64_t count);

/* Sets a REAL result, NULL for an undefined (non-finite) number. */
void cxs_result_number(sqlite3_context *ctx, double value);

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
int cxs_register_statistics(sqlite3 *db);

/* The flags of every function: each is a pure function of its arguments with
 * no side effect, so it may appear in indexes, generated columns, CHECK
 * constraints and in schemas read with trusted_schema=OFF. */
#define CXS_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

#endif /* CXS_EXTENSION_H */
