/*
 * SQL values to library values. SQLite is dynamically typed, so each argument
 * is checked for its storage class before anything is converted: a rating is
 * never truncated from a REAL or parsed out of TEXT, and a state is only ever
 * a BLOB that the library's decoder accepts.
 */
#include "extension.h"

static const char *type_name(sqlite3_value *value)
{
    switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER: return "INTEGER";
    case SQLITE_FLOAT: return "REAL";
    case SQLITE_TEXT: return "TEXT";
    case SQLITE_BLOB: return "BLOB";
    default: return "NULL";
    }
}

/* A REAL rating counts only when it is exactly an int32 (9.0, not 9.5). */
static cxs_read real_rating(sqlite3_context *ctx, double value, int32_t *out)
{
    if (!(value >= INT32_MIN && value <= INT32_MAX)) {
        cxs_error(ctx, "rating %!.15g is not a 32-bit integer", value);
        return READ_ERROR;
    }
    if ((double)(int32_t)value != value) {
        cxs_error(ctx, "rating %!.15g is not an integer", value);
        return READ_ERROR;
    }
    *out = (int32_t)value;
    return READ_OK;
}

cxs_read cxs_rating(sqlite3_context *ctx, sqlite3_value *value, int32_t *out)
{
    switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: return READ_NULL;
    case SQLITE_FLOAT: return real_rating(ctx, sqlite3_value_double(value), out);
    case SQLITE_INTEGER: break;
    case SQLITE_TEXT:
        cxs_error(ctx, "rating %z is TEXT, not an INTEGER", cxs_quote(value));
        return READ_ERROR;
    default:
        cxs_error(ctx, "rating is a %s of %d bytes, not an INTEGER", type_name(value),
                  sqlite3_value_bytes(value));
        return READ_ERROR;
    }
    sqlite3_int64 rating = sqlite3_value_int64(value);
    if (rating < INT32_MIN || rating > INT32_MAX) {
        cxs_error(ctx, "rating %lld is not a 32-bit integer", rating);
        return READ_ERROR;
    }
    *out = (int32_t)rating;
    return READ_OK;
}

/* The weight of one response, in the caller's unit: the library takes the
 * integers of its uint32_t argument from 1 (fractional survey weights are
 * scaled, e.g. by 1000, before they get here). */

cxs_read cxs_weight(sqlite3_context *ctx, sqlite3_value *value, uint32_t *out)
{
    double weight;
    switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: return READ_NULL;
    case SQLITE_INTEGER: {
        sqlite3_int64 integer = sqlite3_value_int64(value);
        if (integer < 1 || integer > (sqlite3_int64)UINT32_MAX) {
            cxs_error(ctx, "weight %lld is outside 1..%u", integer, UINT32_MAX);
            return READ_ERROR;
        }
        *out = (uint32_t)integer;
        return READ_OK;
    }
    case SQLITE_FLOAT: weight = sqlite3_value_double(value); break;
    case SQLITE_TEXT:
        cxs_error(ctx, "weight %z is TEXT, not an INTEGER", cxs_quote(value));
        return READ_ERROR;
    default:
        cxs_error(ctx, "weight is a BLOB of %d bytes, not an INTEGER", sqlite3_value_bytes(value));
        return READ_ERROR;
    }
    if (!(weight >= 1.0 && weight <= (double)UINT32_MAX)) {
        cxs_error(ctx, "weight %!.15g is outside 1..%u", weight, UINT32_MAX);
        return READ_ERROR;
    }
    if ((double)(uint32_t)weight != weight) {
        cxs_error(ctx,
                  "weight %!.15g is not an integer (weights are integers in a unit of your "
                  "choice: scale fractional weights, e.g. by 1000)",
                  weight);
        return READ_ERROR;
    }
    *out = (uint32_t)weight;
    return READ_OK;
}

cxs_read cxs_scale(sqlite3_context *ctx, sqlite3_value *value, cxm_scale *out)
{
    int type = sqlite3_value_type(value);
    if (type != SQLITE_TEXT) {
        cxs_error(ctx, "the scale must be TEXT such as 'nps' or '1..5/4..5/1..2/share', not %s",
                  type_name(value));
        return READ_ERROR;
    }
    const char *text = (const char *)sqlite3_value_text(value);
    int len = sqlite3_value_bytes(value);
    cxm_scale scale = CXM_SCALE_INIT;
    int status = text != NULL ? cxm_scale_parse(text, (size_t)len, &scale) : CXM_ERR_NOMEM;
    if (status == CXM_ERR_NOMEM) {
        sqlite3_result_error_nomem(ctx);
        return READ_ERROR;
    }
    if (status != CXM_OK) {
        cxs_error(ctx, "unknown or invalid scale %z", cxs_quote(value));
        return READ_ERROR;
    }
    *out = scale;
    return READ_OK;
}

/* The first bytes of a rejected BLOB in hex, so the message identifies it. */
static void hex_prefix(const unsigned char *bytes, int len, char out[2 * 16 + 4])
{
    static const char digits[] = "0123456789abcdef";
    int shown = len < 16 ? len : 16;
    char *p = out;
    for (int i = 0; i < shown; i++) {
        *p++ = digits[bytes[i] >> 4];
        *p++ = digits[bytes[i] & 15];
    }
    if (shown < len) {
        *p++ = '.';
        *p++ = '.';
    }
    *p = '\0';
}

/* The message for a value that is not a BLOB: TEXT is likely a text form. */
static char *not_a_blob(sqlite3_value *value)
{
    if (sqlite3_value_type(value) == SQLITE_TEXT) {
        return sqlite3_mprintf(
            "expected a state BLOB, got TEXT %z (cxm_from_text reads the text form)",
            cxs_quote(value));
    }
    const char *type_word = type_name(value); /* the text may change the type */
    return sqlite3_mprintf("expected a state BLOB, got %s %s", type_word,
                           sqlite3_value_text(value));
}

static char *not_a_state(const unsigned char *bytes, int len)
{
    char hex[2 * 16 + 4];
    hex_prefix(bytes, len, hex);
    return sqlite3_mprintf("not a valid state: the %d-byte BLOB x'%s' is malformed, corrupt or "
                           "of an unknown format version",
                           len, hex);
}

/* A state of the other kind than the function takes. */
static char *wrong_kind(cxs_kind kind)
{
    return sqlite3_mprintf("%s", kind == KIND_UNWEIGHTED
                                     ? "expected an unweighted state, got a weighted one "
                                       "(cxm_unweighted gives its response counts)"
                                     : "expected a weighted state (cxm_wacc_agg makes one), got an "
                                       "unweighted one");
}

cxs_read cxs_state_value(sqlite3_value *value, cxs_kind kind, cxs_state *out, char **message)
{
    int type = sqlite3_value_type(value);
    if (type == SQLITE_NULL) {
        return READ_NULL;
    }
    if (type != SQLITE_BLOB) {
        *message = not_a_blob(value);
        return READ_ERROR;
    }
    const unsigned char *bytes = sqlite3_value_blob(value);
    int len = sqlite3_value_bytes(value);
    cxs_state s = {NULL, NULL};
    int status = cxs_state_decode(bytes, (size_t)len, &s);
    if (status != CXM_OK) {
        *message = status == CXM_ERR_NOMEM ? NULL : not_a_state(bytes, len);
        return READ_ERROR;
    }
    if ((kind == KIND_UNWEIGHTED && s.wacc != NULL) || (kind == KIND_WEIGHTED && s.acc != NULL)) {
        cxs_state_free(&s);
        *message = wrong_kind(kind);
        return READ_ERROR;
    }
    *out = s;
    return READ_OK;
}

cxs_read cxs_state_read(sqlite3_context *ctx, sqlite3_value *value, cxs_kind kind, cxs_state *out)
{
    char *message = NULL;
    cxs_read read = cxs_state_value(value, kind, out, &message);
    if (read == READ_ERROR && message == NULL) {
        sqlite3_result_error_nomem(ctx);
    } else if (read == READ_ERROR) {
        cxs_error(ctx, "%z", message);
    }
    return read;
}

cxs_read cxs_snapshot_read(sqlite3_context *ctx, sqlite3_value *value, cxs_kind kind,
                           cxm_snapshot *out)
{
    cxs_state s;
    cxs_read read = cxs_state_read(ctx, value, kind, &s);
    if (read != READ_OK) {
        return read;
    }
    int status = cxs_state_snapshot(&s, out);
    cxs_state_free(&s);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return READ_ERROR;
    }
    return READ_OK;
}

/* "a, b, c": every name the library knows, for the message about an unknown
 * one; the list comes from the library, so it never goes stale. */
static char *known_names(const char *(*name_of)(int))
{
    char *list = NULL;
    for (int i = 0; name_of(i) != NULL; i++) {
        char *longer = sqlite3_mprintf("%z%s%s", list, i > 0 ? ", " : "", name_of(i));
        if (longer == NULL) {
            return NULL; /* %z freed list */
        }
        list = longer;
    }
    return list;
}

static cxs_read name_argument(sqlite3_context *ctx, sqlite3_value *value, const char *what,
                              int (*parse)(const char *, size_t, int *),
                              const char *(*name_of)(int), int *out)
{
    /* The type first: sqlite3_value_text converts a BLOB or number in place,
     * after which sqlite3_value_type may report TEXT. */
    int type = sqlite3_value_type(value);
    const char *text = (const char *)sqlite3_value_text(value);
    int len = sqlite3_value_bytes(value);
    if (type == SQLITE_TEXT && text != NULL && parse(text, (size_t)len, out) == CXM_OK) {
        return READ_OK;
    }
    char *names = known_names(name_of);
    cxs_error(ctx, "unknown %s %z (one of: %s)", what, cxs_quote(value),
              names != NULL ? names : "?");
    sqlite3_free(names);
    return READ_ERROR;
}

cxs_read cxs_quantity(sqlite3_context *ctx, sqlite3_value *value, int *out)
{
    return name_argument(ctx, value, "quantity", cxm_quantity_parse, cxm_quantity_name, out);
}

cxs_read cxs_method(sqlite3_context *ctx, sqlite3_value *value, int *out)
{
    return name_argument(ctx, value, "method", cxm_method_parse, cxm_method_name, out);
}

cxs_read cxs_real(sqlite3_context *ctx, sqlite3_value *value, const char *what, double *out)
{
    int type = sqlite3_value_type(value);
    if (type == SQLITE_NULL) {
        return READ_NULL;
    }
    if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) {
        /* The type's name before the text: the conversion to text may change
         * the type the value reports, and argument order is unspecified. */
        const char *type_word = type_name(value);
        cxs_error(ctx, "%s %z is %s, not a number", what, cxs_quote(value), type_word);
        return READ_ERROR;
    }
    *out = sqlite3_value_double(value);
    return READ_OK;
}

cxs_read cxs_options_read(sqlite3_context *ctx, int argc, sqlite3_value **args, cxs_options *out)
{
    cxs_options options = {CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, 0.95};
    for (int i = 0; i < argc; i++) {
        if (sqlite3_value_type(args[i]) == SQLITE_NULL) {
            return READ_NULL;
        }
    }
    cxs_read read = READ_OK;
    if (argc > 0) {
        read = cxs_quantity(ctx, args[0], &options.quantity);
    }
    if (read == READ_OK && argc > 1) {
        read = cxs_method(ctx, args[1], &options.method);
    }
    if (read == READ_OK && argc > 2) {
        read = cxs_real(ctx, args[2], "confidence", &options.confidence);
    }
    if (read == READ_OK) {
        *out = options;
    }
    return read;
}
