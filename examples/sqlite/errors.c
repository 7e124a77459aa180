/*
 * Error messages. Every one names the SQL function and the value at fault, so
 * a message read in a log says which call and which row to look at; SQLite
 * turns it into the statement's error and the connection stays usable.
 */
#include <stdarg.h>

#include "extension.h"

void cxs_error(sqlite3_context *ctx, const char *format, ...)
{
    const cxs_function *fn = sqlite3_user_data(ctx);
    va_list args;
    va_start(args, format);
    char *detail = sqlite3_vmprintf(format, args);
    va_end(args);
    char *message = detail != NULL ? sqlite3_mprintf("%s: %s", fn->name, detail) : NULL;
    if (message == NULL) {
        sqlite3_result_error_nomem(ctx);
    } else {
        sqlite3_result_error(ctx, message, -1);
    }
    sqlite3_free(message);
    sqlite3_free(detail);
}

/* The longest prefix of a value a message repeats. */
#define QUOTE_MAX 200

/* The bytes of text[0, max) that end on a UTF-8 character boundary: the cut
 * backs off over continuation bytes (10xxxxxx) of a character it would split. */
static int utf8_prefix(const unsigned char *text, int max)
{
    int cut = max;
    while (cut > 0 && (text[cut] & 0xC0) == 0x80) {
        cut--;
    }
    return cut;
}

char *cxs_quote(sqlite3_value *value)
{
    const unsigned char *text = sqlite3_value_text(value);
    int len = sqlite3_value_bytes(value);
    if (text == NULL || len <= QUOTE_MAX) {
        return sqlite3_mprintf("%Q", (const char *)text);
    }
    char *prefix = sqlite3_mprintf("%.*s", utf8_prefix(text, QUOTE_MAX), (const char *)text);
    char *quoted = prefix != NULL ? sqlite3_mprintf("%Q... (%d bytes)", prefix, len) : NULL;
    sqlite3_free(prefix);
    return quoted;
}

void cxs_status_error(sqlite3_context *ctx, int status)
{
    if (status == CXM_ERR_NOMEM) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    cxs_error(ctx, "%s (%s)", cxm_status_message(status), cxm_status_name(status));
}

/* What overflows first in a state of this kind. */
static const char *beyond_limit(const cxs_state *s)
{
    return s->wacc != NULL
               ? "the weight total would exceed the largest a weighted state holds (2^64 - 1)"
               : "a count would exceed the largest count a state holds (2^64 - 1)";
}

void cxs_combine_error(sqlite3_context *ctx, const char *verb, int status, const cxs_state *a,
                       const cxs_state *b)
{
    cxm_scale sa = CXM_SCALE_INIT, sb = CXM_SCALE_INIT;
    char ta[CXM_TEXT_MAX], tb[CXM_TEXT_MAX];
    cxs_state_scale(a, &sa);
    cxs_state_scale(b, &sb);
    if (!cxs_state_same_kind(a, b)) {
        cxs_error(ctx,
                  "cannot %s an unweighted and a weighted state: kinds never mix "
                  "(cxm_unweighted gives a weighted state's counts)",
                  verb);
    } else if (status == CXM_ERR_MISMATCH) {
        cxs_error(ctx, "cannot %s states of different scales %s and %s", verb,
                  cxs_scale_text(&sa, ta), cxs_scale_text(&sb, tb));
    } else if (status == CXM_ERR_ABSENT) {
        cxs_error(ctx,
                  "cannot subtract: the second state holds %s the first (of scale %s) does not",
                  a->wacc != NULL ? "responses" : "ratings", cxs_scale_text(&sa, ta));
    } else if (status == CXM_ERR_OVERFLOW) {
        cxs_error(ctx, "cannot %s: %s", verb, beyond_limit(a));
    } else {
        cxs_status_error(ctx, status);
    }
}

void cxs_record_error(sqlite3_context *ctx, int status, int32_t rating, const cxs_state *s)
{
    cxm_scale scale = CXM_SCALE_INIT;
    char text[CXM_TEXT_MAX];
    cxs_state_scale(s, &scale);
    if (status == CXM_ERR_RANGE) {
        cxs_error(ctx, "rating %d is outside the scale %s", (int)rating,
                  cxs_scale_text(&scale, text));
    } else if (status == CXM_ERR_OVERFLOW) {
        cxs_error(ctx, "cannot record rating %d: %s", (int)rating, beyond_limit(s));
    } else {
        cxs_status_error(ctx, status);
    }
}

const char *cxs_scale_text(const cxm_scale *scale, char *buf)
{
    size_t written;
    if (cxm_scale_format(scale, buf, CXM_TEXT_MAX, &written) != CXM_OK) {
        buf[0] = '?';
        buf[1] = '\0';
    }
    return buf;
}
