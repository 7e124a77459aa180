/*
 * Library values to SQL results. SQL has no unsigned 64-bit integer and no
 * NaN, so a count beyond INT64_MAX is an error (never a wrapped value) and an
 * undefined number is NULL.
 */
#include <math.h>

#include "extension.h"

void cxs_result_state(sqlite3_context *ctx, const cxs_state *s)
{
    unsigned char bytes[CXS_ENCODED_MAX];
    size_t written;
    int status = cxs_state_encode(s, bytes, sizeof bytes, &written);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    sqlite3_result_blob(ctx, bytes, (int)written, SQLITE_TRANSIENT);
}

void cxs_result_count(sqlite3_context *ctx, uint64_t count)
{
    if (count > (uint64_t)INT64_MAX) {
        cxs_error(ctx, CXS_COUNT_TOO_LARGE, (unsigned long long)count);
        return;
    }
    sqlite3_result_int64(ctx, (sqlite3_int64)count);
}

void cxs_result_number(sqlite3_context *ctx, double value)
{
    if (isfinite(value)) {
        sqlite3_result_double(ctx, value);
    } else {
        sqlite3_result_null(ctx);
    }
}
