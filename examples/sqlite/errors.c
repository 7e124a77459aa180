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

void cxs_confidence_error(sqlite3_context *ctx, double confidence)
{
    cxs_error(ctx, "confidence must be between 0 and 1 exclusive, got %!.15g", confidence);
}

/* The longest prefix of a value a message repeats. */
#define QUOTE_MAX 200

/* Measures the character at p (NUL-terminated). A well-formed UTF-8
 * character (RFC 3629: the byte ranges of Unicode's Table 3-7, so no overlong
 * form, no surrogate, nothing above U+10FFFF) returns its length. Anything
 * else returns minus the length of its "maximal subpart": the lead byte and
 * the continuation bytes that still fit it, at least one byte, which a
 * decoder replaces with one U+FFFD (Unicode 15, section 3.9; Python's
 * bytes.decode(errors="replace") does the same). */
static int utf8_char(const unsigned char *p)
{
    int len = p[0] < 0x80   ? 1
              : p[0] < 0xC2 ? 0
              : p[0] < 0xE0 ? 2
              : p[0] < 0xF0 ? 3
              : p[0] < 0xF5 ? 4
                            : 0;
    unsigned char low = p[0] == 0xE0 ? 0xA0 : p[0] == 0xF0 ? 0x90 : 0x80;
    unsigned char high = p[0] == 0xED ? 0x9F : p[0] == 0xF4 ? 0x8F : 0xBF;
    if (len == 0) {
        return -1;
    }
    for (int i = 1; i < len; i++) {
        if (p[i] < low || p[i] > high) {
            return -i; /* also stops at the NUL */
        }
        low = 0x80;
        high = 0xBF;
    }
    return len;
}

/* A message must be valid UTF-8: SQLite hands it on as it is, and a host that
 * decodes it (Python's sqlite3) would raise a decoding error instead of the
 * SQL error. So the quoted prefix replaces every ill-formed part of the value
 * with U+FFFD, and it is cut only between characters. */
char *cxs_quote(sqlite3_value *value)
{
    const unsigned char *text = sqlite3_value_text(value);
    int len = sqlite3_value_bytes(value);
    if (text == NULL) {
        return sqlite3_mprintf("%Q", (const char *)text);
    }
    sqlite3_str *shown = sqlite3_str_new(NULL);
    int at = 0;
    while (text[at] != '\0') {
        int n = utf8_char(text + at);
        int step = n > 0 ? n : -n;
        if (at + step > QUOTE_MAX) {
            break;
        }
        if (n > 0) {
            sqlite3_str_append(shown, (const char *)text + at, n);
        } else {
            sqlite3_str_appendall(shown, "\xEF\xBF\xBD"); /* U+FFFD */
        }
        at += step;
    }
    bool failed = sqlite3_str_errcode(shown) != SQLITE_OK;
    char *prefix = sqlite3_str_finish(shown); /* NULL when empty */
    char *quoted = NULL;
    if (!failed) {
        quoted = at < len ? sqlite3_mprintf("%Q... (%d bytes)", prefix != NULL ? prefix : "", len)
                          : sqlite3_mprintf("%Q", prefix != NULL ? prefix : "");
    }
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
