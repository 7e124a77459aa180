/*
 * Recording a batch of ratings, all or nothing, at close to memory speed.
 *
 * A batch is counted chunk by chunk into a histogram on the stack, and the
 * counting itself validates: each kernel counts only valid ratings and says
 * how many it counted, so a chunk whose count falls short holds a bad rating.
 * Only then is the chunk searched again, rating by rating, for the first bad
 * index - the slow path is paid by the caller who made the error. When every
 * rating is valid and the total cannot overflow, the stack histogram is added
 * to the accumulator. A bad rating anywhere therefore leaves the accumulator
 * untouched, and nothing is allocated.
 *
 * Kernels (the tests run each one, whatever AUTO picks on the test machine):
 *  SCALAR  a compare and a branch per rating; no set-up, for short batches.
 *  TABLE   portable C. A plain counts[r]++ loop stalls when neighbouring
 *          ratings are equal (each increment waits for the previous store),
 *          which is the common case for skewed survey data; eight interleaved
 *          uint32 sub-histograms break that chain. u8 ratings index a 256-entry
 *          table by the raw byte with no per-rating test at all; int32 ratings
 *          are clamped to an extra "bad" bin without a branch.
 *  SSE2    vector compare-and-count (batch_sse2.c) when at most 16 values are
 *          valid, which covers every preset: 16 ratings per instruction pair.
 *
 * Stack use: at most about 9.3 KiB (TABLE u8: 8 x 256 x 4 bytes of
 * sub-histograms plus the 808-byte histogram of the batch); SSE2 int32 about
 * 5.5 KiB; SCALAR under 1 KiB.
 */
#include <string.h>

#include "internal.h"

/* Ratings counted per chunk: small enough that a uint32 sub-histogram bin
 * cannot wrap and that the error path rescans little, large enough that
 * clearing and flushing the sub-histograms costs nothing per rating. */
#define CHUNK ((size_t)1 << 16)

/* The TABLE kernel's interleave: eight independent increment chains. */
#define WAYS 8

/* Below this many ratings TABLE's set-up (clearing its sub-histograms) costs
 * more than it saves, and AUTO counts with SCALAR. */
#define SHORT_BATCH 512

/* The u8 values a scale accepts are [lo, hi] within 0..255; empty (nbins 0)
 * when the scale lies wholly outside that range. */
typedef struct u8_window {
    uint8_t  lo;
    uint32_t nbins;
    uint32_t offset; /* histogram index of lo */
} u8_window;

static u8_window window_u8(const cxm_acc *acc)
{
    int64_t lo = acc->scale.min > 0 ? acc->scale.min : 0;
    int64_t hi = acc->scale.max < 255 ? acc->scale.max : 255;
    u8_window w = {0, 0, 0};
    if (lo <= hi) {
        w.lo = (uint8_t)lo;
        w.nbins = (uint32_t)(hi - lo + 1);
        w.offset = (uint32_t)(lo - acc->scale.min);
    }
    return w;
}

/* ---- SCALAR ------------------------------------------------------------- */

/* One compare and branch per rating, stopping at the first bad one; the same
 * code for both element types, written once. */
#define CXMI_DEFINE_SCALAR(name, type)                                                    \
    static uint64_t name(const cxm_acc *acc, const type *r, size_t len, uint64_t *hist)   \
    {                                                                                     \
        for (size_t i = 0; i < len; i++) {                                                \
            uint64_t index = cxmi_acc_index(acc, r[i]);                                   \
            if (index >= acc->span) {                                                     \
                return i;                                                                 \
            }                                                                             \
            hist[index]++;                                                                \
        }                                                                                 \
        return len;                                                                       \
    }
CXMI_DEFINE_SCALAR(scalar_i32, int32_t)
CXMI_DEFINE_SCALAR(scalar_u8, uint8_t)
#undef CXMI_DEFINE_SCALAR

/* ---- TABLE -------------------------------------------------------------- */

/* Rating i of the chunk goes to sub-histogram i % WAYS; the bad bin `span`
 * collects everything outside the scale. (uint32_t)r - min wraps modulo 2^32,
 * which maps exactly the ratings min .. max to 0 .. span - 1. */
static uint64_t table_i32(const cxm_acc *acc, const int32_t *r, size_t len, uint64_t *hist)
{
    uint32_t sub[WAYS][CXM_MAX_SPAN + 1];
    const uint32_t span = acc->span;
    const uint32_t min = (uint32_t)acc->scale.min;
    for (int k = 0; k < WAYS; k++) {
        memset(sub[k], 0, (span + 1) * sizeof sub[k][0]);
    }
#define CXMI_BIN(x) ((uint32_t)(x)-min < span ? (uint32_t)(x)-min : span)
    size_t i = 0;
    for (; i + WAYS <= len; i += WAYS) {
        sub[0][CXMI_BIN(r[i + 0])]++;
        sub[1][CXMI_BIN(r[i + 1])]++;
        sub[2][CXMI_BIN(r[i + 2])]++;
        sub[3][CXMI_BIN(r[i + 3])]++;
        sub[4][CXMI_BIN(r[i + 4])]++;
        sub[5][CXMI_BIN(r[i + 5])]++;
        sub[6][CXMI_BIN(r[i + 6])]++;
        sub[7][CXMI_BIN(r[i + 7])]++;
    }
    for (; i < len; i++) {
        sub[0][CXMI_BIN(r[i])]++;
    }
#undef CXMI_BIN
    uint64_t counted = 0;
    for (uint32_t b = 0; b < span; b++) {
        uint64_t c = 0;
        for (int k = 0; k < WAYS; k++) {
            c += sub[k][b];
        }
        hist[b] += c;
        counted += c;
    }
    return counted;
}

/* Indexing by the raw byte needs no test per rating: bytes outside the
 * scale land in bins that are simply never read, and show up as a shortfall
 * of the count. */
static uint64_t table_u8(const cxm_acc *acc, const uint8_t *r, size_t len, uint64_t *hist)
{
    uint32_t sub[WAYS][256];
    memset(sub, 0, sizeof sub);
    size_t i = 0;
    for (; i + WAYS <= len; i += WAYS) {
        sub[0][r[i + 0]]++;
        sub[1][r[i + 1]]++;
        sub[2][r[i + 2]]++;
        sub[3][r[i + 3]]++;
        sub[4][r[i + 4]]++;
        sub[5][r[i + 5]]++;
        sub[6][r[i + 6]]++;
        sub[7][r[i + 7]]++;
    }
    for (; i < len; i++) {
        sub[0][r[i]]++;
    }
    u8_window w = window_u8(acc);
    uint64_t counted = 0;
    for (uint32_t b = 0; b < w.nbins; b++) {
        uint64_t c = 0;
        for (int k = 0; k < WAYS; k++) {
            c += sub[k][w.lo + b];
        }
        hist[w.offset + b] += c;
        counted += c;
    }
    return counted;
}

/* ---- SSE2 (batch_sse2.c) ------------------------------------------------ */

#if CXMI_HAVE_SSE2
static uint64_t sse2_i32(const cxm_acc *acc, const int32_t *r, size_t len, uint64_t *hist)
{
    return cxmi_sse2_count_i32(r, len, acc->scale.min, acc->span, hist);
}

static uint64_t sse2_u8(const cxm_acc *acc, const uint8_t *r, size_t len, uint64_t *hist)
{
    u8_window w = window_u8(acc);
    return cxmi_sse2_count_u8(r, len, w.lo, w.nbins, hist + w.offset);
}
#endif

/* ---- choosing a kernel and running it ----------------------------------- */

bool cxmi_batch_kernel_usable(const cxm_acc *acc, int kernel, bool u8)
{
    switch (kernel) {
    case CXMI_KERNEL_SCALAR:
    case CXMI_KERNEL_TABLE: return true;
    case CXMI_KERNEL_SSE2: {
        uint32_t values = u8 ? window_u8(acc).nbins : acc->span;
        return CXMI_HAVE_SSE2 && values >= 1 && values <= 16;
    }
    default: return false;
    }
}

static int resolve(const cxm_acc *acc, int kernel, bool u8, size_t n)
{
    if (kernel == CXMI_KERNEL_AUTO) {
        if (cxmi_batch_kernel_usable(acc, CXMI_KERNEL_SSE2, u8)) {
            return CXMI_KERNEL_SSE2;
        }
        return n < SHORT_BATCH ? CXMI_KERNEL_SCALAR : CXMI_KERNEL_TABLE;
    }
    return cxmi_batch_kernel_usable(acc, kernel, u8) ? kernel : CXMI_KERNEL_TABLE;
}

typedef uint64_t count_i32_fn(const cxm_acc *, const int32_t *, size_t, uint64_t *);
typedef uint64_t count_u8_fn(const cxm_acc *, const uint8_t *, size_t, uint64_t *);

static count_i32_fn *kernel_i32(int kernel)
{
#if CXMI_HAVE_SSE2
    if (kernel == CXMI_KERNEL_SSE2) {
        return sse2_i32;
    }
#endif
    return kernel == CXMI_KERNEL_SCALAR ? scalar_i32 : table_i32;
}

static count_u8_fn *kernel_u8(int kernel)
{
#if CXMI_HAVE_SSE2
    if (kernel == CXMI_KERNEL_SSE2) {
        return sse2_u8;
    }
#endif
    return kernel == CXMI_KERNEL_SCALAR ? scalar_u8 : table_u8;
}

static int reject(size_t at, size_t *bad_index)
{
    if (bad_index != NULL) {
        *bad_index = at;
    }
    return CXM_ERR_RANGE;
}

static int commit(cxm_acc *acc, const uint64_t *hist, size_t n)
{
    if ((uint64_t)n > UINT64_MAX - acc->total) {
        return CXM_ERR_OVERFLOW;
    }
    for (uint32_t i = 0; i < acc->span; i++) {
        acc->counts[i] += hist[i];
    }
    acc->total += (uint64_t)n;
    return CXM_OK;
}

/* The batch driver, written once for both element types. Each chunk is
 * counted by the chosen kernel; a chunk whose count comes up short holds a bad
 * rating, which only then is looked for one by one (the bound in that search
 * is there so that not even a faulty kernel could make it read past the
 * batch). Nothing reaches the accumulator before commit. */
#define CXMI_DEFINE_BATCH(name, type, kernel_of, is_u8)                                   \
    static size_t first_bad_of_##name(const cxm_acc *acc, const type *r, size_t len)      \
    {                                                                                     \
        size_t i = 0;                                                                     \
        while (i + 1 < len && cxmi_acc_index(acc, r[i]) < acc->span) {                    \
            i++;                                                                          \
        }                                                                                 \
        return i;                                                                         \
    }                                                                                     \
    int name(cxm_acc *acc, const type *ratings, size_t n, size_t *bad_index, int kernel)  \
    {                                                                                     \
        if (acc == NULL || (ratings == NULL && n > 0)) {                                  \
            return CXM_ERR_NULL;                                                          \
        }                                                                                 \
        uint64_t (*count)(const cxm_acc *, const type *, size_t, uint64_t *) =            \
            kernel_of(resolve(acc, kernel, is_u8, n));                                    \
        uint64_t hist[CXM_MAX_SPAN] = {0};                                                \
        for (size_t start = 0; start < n; start += CHUNK) {                               \
            size_t len = n - start < CHUNK ? n - start : CHUNK;                           \
            if (count(acc, ratings + start, len, hist) != len) {                          \
                size_t bad = first_bad_of_##name(acc, ratings + start, len);              \
                return reject(start + bad, bad_index);                                    \
            }                                                                             \
        }                                                                                 \
        return commit(acc, hist, n);                                                      \
    }
CXMI_DEFINE_BATCH(cxmi_add_many, int32_t, kernel_i32, false)
CXMI_DEFINE_BATCH(cxmi_add_many_u8, uint8_t, kernel_u8, true)
#undef CXMI_DEFINE_BATCH

int cxm_acc_add_many(cxm_acc *acc, const int32_t *ratings, size_t n, size_t *bad_index)
{
    return cxmi_add_many(acc, ratings, n, bad_index, CXMI_KERNEL_AUTO);
}

int cxm_acc_add_many_u8(cxm_acc *acc, const uint8_t *ratings, size_t n, size_t *bad_index)
{
    return cxmi_add_many_u8(acc, ratings, n, bad_index, CXMI_KERNEL_AUTO);
}
