/*
 * The portable encoding of an accumulator: its scale and its nonzero counts,
 * byte by byte as docs/format.md specifies, closed by a CRC-32C. The blocks
 * it is made of are in wire.c, shared with the series' encoding.
 *
 * Encoding computes the exact size first and writes only when the buffer is
 * large enough, so a too-small buffer is never written to. Decoding checks
 * every byte (checksum, magic, version, scale, canonical varints, counts,
 * length) into local storage before it allocates anything, so a refused
 * input costs no allocation and leaves *out alone.
 */
#include <string.h>

#include "internal.h"
#include "wire.h"

/* docs/format.md, "Layout". */
static const unsigned char magic[CXMI_MAGIC_BYTES] = {'C', 'X', 'M', 'A'};
#define FORMAT_VERSION 1u
#define HEADER_BYTES   (CXMI_PREFIX_BYTES + CXMI_SCALE_BYTES)

/* ---- encoding ---------------------------------------------------------------- */

static size_t encoded_size(const cxm_acc *acc)
{
    return HEADER_BYTES + cxmi_hist_size(acc->counts, acc->span) + CXMI_CRC_BYTES;
}

/* Writes the encoding, which the caller made room for; returns its length. */
static size_t encode_into(const cxm_acc *acc, unsigned char *dst)
{
    size_t n = cxmi_frame_open(dst, magic, FORMAT_VERSION);
    n += cxmi_scale_put(dst + n, &acc->scale);
    n += cxmi_hist_put(dst + n, acc->counts, acc->span);
    return cxmi_frame_close(dst, n);
}

int cxm_acc_encoded_size(const cxm_acc *acc, size_t *out)
{
    if (acc == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    *out = encoded_size(acc);
    return CXM_OK;
}

int cxm_acc_encode(const cxm_acc *acc, void *buf, size_t cap, size_t *written)
{
    if (acc == NULL || written == NULL || (buf == NULL && cap > 0)) {
        return CXM_ERR_NULL;
    }
    size_t size = encoded_size(acc);
    if (cap < size) {
        return CXM_ERR_SIZE;
    }
    *written = encode_into(acc, buf);
    return CXM_OK;
}

/* ---- decoding ----------------------------------------------------------------- */

/* What a valid encoding holds, gathered before anything is allocated. */
typedef struct decoded {
    cxm_scale scale;
    uint32_t span;
    uint64_t total;
    uint64_t counts[CXM_MAX_SPAN];
} decoded;

/* The body must end exactly where the checksum begins. */
static bool parse(const unsigned char *bytes, size_t len, decoded *d)
{
    if (!cxmi_frame_check(bytes, len, HEADER_BYTES + 1 + CXMI_CRC_BYTES, magic, FORMAT_VERSION) ||
        !cxmi_scale_get(bytes + CXMI_PREFIX_BYTES, &d->scale)) {
        return false;
    }
    d->span = cxmi_scale_span(&d->scale);
    cxmi_reader r = {bytes + HEADER_BYTES, len - CXMI_CRC_BYTES - HEADER_BYTES};
    return cxmi_hist_get(&r, d->span, d->counts, &d->total) && r.left == 0;
}

int cxm_acc_decode(const void *buf, size_t len, cxm_acc **out)
{
    if (out == NULL || (buf == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    decoded d;
    if (buf == NULL || !parse(buf, len, &d)) {
        return CXM_ERR_FORMAT;
    }
    cxm_acc *acc = cxmi_acc_alloc_counts(&d.scale, d.counts, d.total);
    if (acc == NULL) {
        return CXM_ERR_NOMEM;
    }
    *out = acc;
    return CXM_OK;
}
