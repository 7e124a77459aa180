/* A group's answers as bytes; see storecodec.h. */
#include "storecodec.h"

#include <string.h>

#include "le.h"

/* Weighted periods: capacity (u32le), head (i64le), the scale as the
 * encoding of an empty weighted accumulator on it (u32le length, bytes), the
 * number of buckets with answers (u32le), then each of them, newest first:
 * its age, head - bucket (u32le), and its weighted encoding (u32le length,
 * bytes). */
#define WSERIES_FIXED 20 /* capacity, head, the scale's length, the count */
#define BUCKET_FIXED  8  /* age, length */

/* The scale as bytes the library can read back: an empty weighted
 * accumulator's encoding. */
static int scale_bytes(const wseries *w, unsigned char *at, size_t *len)
{
    cxm_scale scale = CXM_SCALE_INIT;
    cxm_wacc *empty = NULL;
    wseries_scale(w, &scale);
    int status = cxm_wacc_new(&scale, &empty);
    if (status == CXM_OK) {
        status =
            at == NULL ? cxm_wacc_encoded_size(empty, len) : cxm_wacc_encode(empty, at, *len, len);
    }
    cxm_wacc_free(empty);
    return status;
}

/* Each bucket with answers, newest first, with its age: fn(at, age, wacc). */
static int wseries_size(const wseries *w, size_t *len)
{
    int64_t head = wseries_head(w);
    int status = scale_bytes(w, NULL, len);
    *len += WSERIES_FIXED;
    for (uint32_t age = 0; status == CXM_OK && age < wseries_capacity(w); age++) {
        const cxm_wacc *bucket = wseries_bucket(w, head - age);
        size_t n = 0;
        if (bucket != NULL) {
            status = cxm_wacc_encoded_size(bucket, &n);
            *len += BUCKET_FIXED + n;
        }
    }
    return status;
}

static int wseries_encode(const wseries *w, unsigned char *at)
{
    int64_t head = wseries_head(w);
    size_t len = 0;
    uint32_t count = 0;
    int status = scale_bytes(w, NULL, &len);
    if (status != CXM_OK) {
        return status;
    }
    put_u32le(at, wseries_capacity(w));
    put_i64le(at + 4, head);
    put_u32le(at + 12, (uint32_t)len);
    scale_bytes(w, at + 16, &len);
    unsigned char *counted = at + 16 + len, *next = counted + 4;
    for (uint32_t age = 0; age < wseries_capacity(w); age++) {
        const cxm_wacc *bucket = wseries_bucket(w, head - age);
        if (bucket == NULL) {
            continue;
        }
        cxm_wacc_encoded_size(bucket, &len);
        put_u32le(next, age);
        put_u32le(next + 4, (uint32_t)len);
        cxm_wacc_encode(bucket, next + BUCKET_FIXED, len, &len);
        next += BUCKET_FIXED + len;
        count++;
    }
    put_u32le(counted, count);
    return CXM_OK;
}

int store_encoded_size(const store *s, size_t *len)
{
    if (s->wseries != NULL) {
        return wseries_size(s->wseries, len);
    }
    if (s->series != NULL) {
        return cxm_series_encoded_size(s->series, len);
    }
    return s->total.wacc != NULL ? cxm_wacc_encoded_size(s->total.wacc, len)
                                 : cxm_acc_encoded_size(s->total.acc, len);
}

int store_encode(const store *s, unsigned char *at, size_t len)
{
    size_t written = 0;
    if (s->wseries != NULL) {
        return wseries_encode(s->wseries, at);
    }
    if (s->series != NULL) {
        return cxm_series_encode(s->series, at, len, &written);
    }
    return s->total.wacc != NULL ? cxm_wacc_encode(s->total.wacc, at, len, &written)
                                 : cxm_acc_encode(s->total.acc, at, len, &written);
}

/* ---- decoding weighted periods -------------------------------------------------- */

/* The scale carried as an empty weighted accumulator's encoding. */
static int decode_scale(const unsigned char *bytes, size_t len, cxm_scale *scale)
{
    cxm_wacc *empty = NULL;
    uint64_t n = 1, weight, squares[2];
    int status = cxm_wacc_decode(bytes, len, &empty);
    if (status != CXM_OK) {
        return status;
    }
    cxm_wacc_totals(empty, &n, &weight, squares);
    cxm_wacc_scale(empty, scale);
    cxm_wacc_free(empty);
    return n == 0 ? CXM_OK : CXM_ERR_FORMAT;
}

/* One bucket at *at: an age after `previous`, and answers on the scale. */
static int decode_bucket(wseries *w, const cxm_scale *scale, const unsigned char *bytes, size_t len,
                         size_t *at, int64_t *previous)
{
    if (len - *at < BUCKET_FIXED) {
        return CXM_ERR_FORMAT;
    }
    uint32_t age = get_u32le(bytes + *at), size = get_u32le(bytes + *at + 4);
    int64_t bucket = wseries_head(w) - (int64_t)age; /* no overflow: |head| <= 2^62 */
    *at += BUCKET_FIXED;
    if ((int64_t)age <= *previous || age >= wseries_capacity(w) ||
        bucket < -CXM_SERIES_BUCKET_LIMIT || len - *at < size) {
        return CXM_ERR_FORMAT;
    }
    cxm_wacc *answers = NULL;
    cxm_scale own = CXM_SCALE_INIT;
    uint64_t n = 0, weight, squares[2];
    int status = cxm_wacc_decode(bytes + *at, size, &answers);
    if (status != CXM_OK) {
        return status;
    }
    cxm_wacc_scale(answers, &own);
    cxm_wacc_totals(answers, &n, &weight, squares);
    status = n > 0 && cxm_scale_equal(&own, scale) == 1 ? wseries_add_wacc(w, bucket, answers)
                                                        : CXM_ERR_FORMAT;
    cxm_wacc_free(answers);
    *at += size;
    *previous = age;
    return status;
}

static int decode_wseries(store *s, const unsigned char *bytes, size_t len)
{
    if (len < WSERIES_FIXED) {
        return CXM_ERR_FORMAT;
    }
    uint32_t capacity = get_u32le(bytes), scale_len = get_u32le(bytes + 12);
    int64_t head = get_i64le(bytes + 4), previous = -1;
    cxm_scale scale = CXM_SCALE_INIT;
    if (capacity == 0 || capacity > CXM_SERIES_MAX_CAPACITY || head > CXM_SERIES_BUCKET_LIMIT ||
        head < -CXM_SERIES_BUCKET_LIMIT || len - WSERIES_FIXED < scale_len) {
        return CXM_ERR_FORMAT;
    }
    int status = decode_scale(bytes + 16, scale_len, &scale);
    size_t at = 16 + scale_len;
    uint32_t count = get_u32le(bytes + at);
    if (status != CXM_OK || count > capacity) {
        return status != CXM_OK ? status : CXM_ERR_FORMAT;
    }
    status = wseries_new(&scale, capacity, head, &s->wseries);
    for (at += 4; status == CXM_OK && count > 0; count--) {
        status = decode_bucket(s->wseries, &scale, bytes, len, &at, &previous);
    }
    return status == CXM_OK && at != len ? CXM_ERR_FORMAT : status;
}

int store_decode(store *s, bool weighted, bool dated, const unsigned char *bytes, size_t len)
{
    int status;
    if (dated) {
        status =
            weighted ? decode_wseries(s, bytes, len) : cxm_series_decode(bytes, len, &s->series);
    } else {
        status = weighted ? cxm_wacc_decode(bytes, len, &s->total.wacc)
                          : cxm_acc_decode(bytes, len, &s->total.acc);
    }
    if (status != CXM_OK) {
        store_free(s);
    }
    return status;
}
