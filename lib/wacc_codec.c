/*
 * The portable encoding of a weighted accumulator (docs/format.md, "Weighted
 * accumulators"): the frame and scale of every encoding, the counts c as an
 * accumulator's histogram block, then each listed rating's weight W and
 * squares Q. Built from the blocks of wire.c, so the counts obey exactly the
 * accumulator's rules, under the magic "CXMW" that the other decoders refuse
 * (and this one refuses theirs).
 *
 * As for the accumulator, the exact size is computed before anything is
 * written, and the whole input is checked, the cell invariants included,
 * before anything is allocated.
 */
#include "internal.h"
#include "varint.h"
#include "wire.h"

/* docs/format.md, "Weighted accumulators". */
static const unsigned char magic[CXMI_MAGIC_BYTES] = {'C', 'X', 'M', 'W'};
#define FORMAT_VERSION 1u
#define HEADER_BYTES   (CXMI_PREFIX_BYTES + CXMI_SCALE_BYTES)

/* ---- encoding ---------------------------------------------------------------- */

/* The sums after the histogram block: W, then Q as its high and its low 64
 * bits, for each rating with c > 0 in ascending order. The encoder's one
 * walk over them: measures when dst is NULL, else writes too. */
static size_t put_sums(const cxm_wacc *w, unsigned char *dst)
{
    size_t n = 0;
    for (uint32_t i = 0; i < w->span; i++) {
        cxmi_cell cell = w->cells[i];
        if (cell.count == 0) {
            continue;
        }
        const uint64_t words[3] = {cell.weight, cell.squares_high, cell.squares_low};
        for (int k = 0; k < 3; k++) {
            n += dst == NULL ? cxmi_varint_size(words[k]) : cxmi_varint_put(dst + n, words[k]);
        }
    }
    return n;
}

static size_t encoded_size(const cxm_wacc *w)
{
    uint64_t counts[CXM_MAX_SPAN];
    cxmi_wacc_column(w, offsetof(cxmi_cell, count), counts);
    return HEADER_BYTES + cxmi_hist_size(counts, w->span) + put_sums(w, NULL) + CXMI_CRC_BYTES;
}

static size_t encode_into(const cxm_wacc *w, unsigned char *dst)
{
    uint64_t counts[CXM_MAX_SPAN];
    cxmi_wacc_column(w, offsetof(cxmi_cell, count), counts);
    size_t n = cxmi_frame_open(dst, magic, FORMAT_VERSION);
    n += cxmi_scale_put(dst + n, &w->scale);
    n += cxmi_hist_put(dst + n, counts, w->span);
    n += put_sums(w, dst + n);
    return cxmi_frame_close(dst, n);
}

int cxm_wacc_encoded_size(const cxm_wacc *w, size_t *out)
{
    if (w == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    *out = encoded_size(w);
    return CXM_OK;
}

int cxm_wacc_encode(const cxm_wacc *w, void *buf, size_t cap, size_t *written)
{
    if (w == NULL || written == NULL || (buf == NULL && cap > 0)) {
        return CXM_ERR_NULL;
    }
    if (cap < encoded_size(w)) {
        return CXM_ERR_SIZE;
    }
    *written = encode_into(w, buf);
    return CXM_OK;
}

/* ---- decoding ----------------------------------------------------------------- */

/* What a valid encoding holds, gathered before anything is allocated. */
typedef struct decoded {
    cxm_scale scale;
    uint32_t span;
    uint64_t weight;
    cxmi_cell cells[CXM_MAX_SPAN];
} decoded;

/* The counts' block, then the sums of each rating it lists, ending exactly
 * where the checksum begins; then the invariants of every cell. */
static bool parse(const unsigned char *bytes, size_t len, decoded *d)
{
    if (!cxmi_frame_check(bytes, len, HEADER_BYTES + 1 + CXMI_CRC_BYTES, magic, FORMAT_VERSION) ||
        !cxmi_scale_get(bytes + CXMI_PREFIX_BYTES, &d->scale)) {
        return false;
    }
    d->span = cxmi_scale_span(&d->scale);
    cxmi_reader r = {bytes + HEADER_BYTES, len - CXMI_CRC_BYTES - HEADER_BYTES};
    uint64_t counts[CXM_MAX_SPAN], total;
    if (!cxmi_hist_get(&r, d->span, counts, &total)) {
        return false;
    }
    for (uint32_t i = 0; i < d->span; i++) {
        cxmi_cell cell = {counts[i], 0, 0, 0};
        if (counts[i] != 0 &&
            !(cxmi_read_varint(&r, &cell.weight) && cxmi_read_varint(&r, &cell.squares_high) &&
              cxmi_read_varint(&r, &cell.squares_low))) {
            return false;
        }
        d->cells[i] = cell;
    }
    return r.left == 0 && cxmi_cells_valid(d->cells, d->span, &d->weight);
}

int cxm_wacc_decode(const void *buf, size_t len, cxm_wacc **out)
{
    if (out == NULL || (buf == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    decoded d;
    if (buf == NULL || !parse(buf, len, &d)) {
        return CXM_ERR_FORMAT;
    }
    cxm_wacc *w = cxmi_wacc_alloc_cells(&d.scale, d.cells, d.weight);
    if (w == NULL) {
        return CXM_ERR_NOMEM;
    }
    *out = w;
    return CXM_OK;
}
