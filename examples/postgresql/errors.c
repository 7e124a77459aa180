/*
 * The one place where library status codes become SQLSTATEs (sql.md): the
 * rest of the extension says what went wrong with which value, this file says
 * which class of SQL error that is.
 */
#include "cxm_pg.h"

#include <stdarg.h>

static int sqlstate_of(int status)
{
    switch (status) {
    case CXM_ERR_RANGE:
    case CXM_ERR_OVERFLOW:
    case CXM_ERR_ABSENT:
        return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE; /* 22003 */
    case CXM_ERR_FORMAT:
    case CXM_ERR_SCALE:
        return ERRCODE_INVALID_TEXT_REPRESENTATION; /* 22P02 */
    case CXM_ERR_MISMATCH:
    case CXM_ERR_ARG:
        return ERRCODE_INVALID_PARAMETER_VALUE; /* 22023 */
    case CXM_ERR_NOMEM:
        return ERRCODE_OUT_OF_MEMORY; /* 53200 */
    default:
        return ERRCODE_INTERNAL_ERROR; /* XX000: a defect of this extension */
    }
}

void cxm_pg_raise(int status, const char *fmt, ...)
{
    char message[512];
    va_list args;

    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    ereport(ERROR, (errcode(sqlstate_of(status)), errmsg("%s", message),
                    errdetail("%s (%s)", cxm_status_message(status), cxm_status_name(status))));
    pg_unreachable();
}

char *cxm_pg_scale_text(const cxm_scale *scale)
{
    char buf[CXM_TEXT_MAX];
    size_t written = 0;
    int status = cxm_scale_format(scale, buf, sizeof buf, &written);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot format a scale");
    }
    return pnstrdup(buf, written);
}

void cxm_pg_scale_parse(const char *chars, size_t len, cxm_scale *out)
{
    int status = cxm_scale_parse(chars, len, out);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "invalid scale \"%.*s\"", (int)Min(len, 200), chars);
    }
}
