/*
 * The one place where library status codes become SQLSTATEs (docs/sql.md): the
 * rest of the extension says what went wrong with which value, this file says
 * which class of SQL error that is.
 */
#include "cxm_pg.h"

#include "mb/pg_wchar.h"

/* The longest prefix of a value a message repeats. */
#define CXM_PG_QUOTE_MAX 200

int cxm_pg_sqlstate(int status)
{
    switch (status) {
    case CXM_ERR_RANGE:
    case CXM_ERR_OVERFLOW:
    case CXM_ERR_ABSENT: return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE; /* 22003 */
    case CXM_ERR_FORMAT:
    case CXM_ERR_SCALE: return ERRCODE_INVALID_TEXT_REPRESENTATION; /* 22P02 */
    case CXM_ERR_MISMATCH:
    case CXM_ERR_ARG: return ERRCODE_INVALID_PARAMETER_VALUE; /* 22023 */
    case CXM_ERR_NOMEM: return ERRCODE_OUT_OF_MEMORY;         /* 53200 */
    default: return ERRCODE_INTERNAL_ERROR; /* XX000: a defect of this extension */
    }
}

int cxm_pg_status_detail(int status)
{
    return errdetail("%s (%s)", cxm_status_message(status), cxm_status_name(status));
}

/* The parsers answer CXM_ERR_FORMAT for every text their grammar refuses; the
 * library's sentence for it covers bytes and text alike, so text gets one
 * that shows the form the parser expected. */
int cxm_pg_text_detail(int status, CxmTextForm form)
{
    if (status != CXM_ERR_FORMAT) {
        return cxm_pg_status_detail(status);
    }
    if (form == CXM_PG_SCALE_TEXT) {
        return errdetail("A scale is a preset name such as 'nps' or 'csat5', or a custom scale "
                         "MIN..MAX/POSITIVE_MIN..POSITIVE_MAX/NEGATIVE_MIN..NEGATIVE_MAX/HEADLINE "
                         "with disjoint bands inside the range, such as '1..5/4..5/1..2/share' "
                         "(%s).",
                         cxm_status_name(status));
    }
    if (form == CXM_PG_WEIGHTED_TEXT) {
        return errdetail("A cxm_wacc text is SCALE[RATING:COUNT/WEIGHT/SQUARES,...]: a valid "
                         "scale, then the ratings inside it in ascending order, each with its "
                         "number of responses, the sum of their weights and the sum of the "
                         "weights' squares (sums that weights 1 to 4294967295 can make), no "
                         "spaces, such as 'nps[6:1/40/1600,9:2/150/12500]' (%s).",
                         cxm_status_name(status));
    }
    return errdetail("A cxm_acc text is SCALE{RATING:COUNT,...}: a valid scale, then the "
                     "ratings inside it in ascending order, each with a nonzero count below "
                     "2^64, no spaces, such as 'nps{0:3,9:10}' (%s).",
                     cxm_status_name(status));
}

char *cxm_pg_quote(const char *chars, size_t len)
{
    int shown = 0;

    if (len <= CXM_PG_QUOTE_MAX) {
        return psprintf("\"%.*s\"", (int)len, chars);
    }
    shown = pg_mbcliplen(chars, CXM_PG_QUOTE_MAX + 1, CXM_PG_QUOTE_MAX);
    return psprintf("\"%.*s\"... (%zu bytes)", shown, chars, len);
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
        cxm_pg_raise_text(status, CXM_PG_SCALE_TEXT, "invalid scale %s", cxm_pg_quote(chars, len));
    }
}
