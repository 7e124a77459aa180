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
    uint8_t lo;
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

/* ---- the element types ----------------------------------------------- */

/* Every kernel takes its batch as `const void *` and knows its element type,
 * so that one driver serves both. The code written once for both types is a
 * static inline function taking u8 as a parameter; each call site passes a
 * constant, and the compiler specializes the body for that type. */
typedef uint64_t count_fn(const cxm_acc *acc, const void *r, size_t len, uint64_t *hist);

static inline int32_t rating_at(const void *r, bool u8, size_t i)
{
    return u8 ? ((const uint8_t *)r)[i] : ((const int32_t *)r)[i];
}

static inline const void *batch_at(const void *r, bool u8, size_t start)
{
    return (const unsigned char *)r + start * (u8 ? sizeof(uint8_t) : sizeof(int32_t));
}

/* ---- SCALAR ------------------------------------------------------------- */

/* One compare and branch per rating, stopping at the first bad one. */
static inline uint64_t scalar_count(const cxm_acc *acc, const void *r, bool u8, size_t len,
                                    uint64_t *hist)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t index;
        if (!cxmi_acc_find(acc, rating_at(r, u8, i), &index)) {
            return i;
        }
        hist[index]++;
    }
    return len;
}

static uint64_t scalar_i32(const cxm_acc *acc, const void *r, size_t len, uint64_t *hist)
{
    return scalar_count(acc, r, false, len, hist);
}

static uint64_t scalar_u8(const cxm_acc *acc, const void *r, size_t len, uint64_t *hist)
{
    return scalar_count(acc, r, true, len, hist);
}

/* ---- TABLE -------------------------------------------------------------- */

/* Rating i of the chunk goes to sub-histogram i % WAYS; the bad bin `span`
 * collects everything outside the scale (cxmi_rating_index maps exactly the
 * ratings min .. max to 0 .. span - 1). */
static uint64_t table_i32(const cxm_acc *acc, const void *ratings, size_t len, uint64_t *hist)
{
    const int32_t *r = ratings;
    uint32_t sub[WAYS][CXM_MAX_SPAN + 1];
    const uint32_t span = acc->span;
    const int32_t min = acc->scale.min;
    for (int k = 0; k < WAYS; k++) {
        memset(sub[k], 0, (span + 1) * sizeof sub[k][0]);
    }
#define CXMI_BIN(x) (cxmi_rating_index((x), min) < span ? cxmi_rating_index((x), min) : span)
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
static uint64_t table_u8(const cxm_acc *acc, const void *ratings, size_t len, uint64_t *hist)
{
    const uint8_t *r = ratings;
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
static uint64_t sse2_i32(const cxm_acc *acc, const void *r, size_t len, uint64_t *hist)
{
    return cxmi_sse2_count_i32(r, len, acc->scale.min, acc->span, hist);
}

static uint64_t sse2_u8(const cxm_acc *acc, const void *r, size_t len, uint64_t *hist)
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

static int resolve_kernel(const cxm_acc *acc, int kernel, bool u8, size_t n)
{
    if (kernel == CXMI_KERNEL_AUTO) {
        if (cxmi_batch_kernel_usable(acc, CXMI_KERNEL_SSE2, u8)) {
            return CXMI_KERNEL_SSE2;
        }
        return n < SHORT_BATCH ? CXMI_KERNEL_SCALAR : CXMI_KERNEL_TABLE;
    }
    return cxmi_batch_kernel_usable(acc, kernel, u8) ? kernel : CXMI_KERNEL_TABLE;
}

static count_fn *kernel_of(int kernel, bool u8)
{
#if CXMI_HAVE_SSE2
    if (kernel == CXMI_KERNEL_SSE2) {
        return u8 ? sse2_u8 : sse2_i32;
    }
#endif
    if (kernel == CXMI_KERNEL_SCALAR) {
        return u8 ? scalar_u8 : scalar_i32;
    }
    return u8 ? table_u8 : table_i32;
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

/* The position of the first rating outside the scale in a chunk that holds
 * one (the bound is there so that not even a faulty kernel could make the
 * search read past the chunk). */
static inline size_t first_bad(const cxm_acc *acc, const void *r, bool u8, size_t len)
{
    uint32_t index;
    size_t i = 0;
    while (i + 1 < len && cxmi_acc_find(acc, rating_at(r, u8, i), &index)) {
        i++;
    }
    return i;
}

/* The batch driver, written once for both element types. Each chunk is
 * counted by the chosen kernel; a chunk whose count comes up short holds a bad
 * rating, which only then is looked for one by one. Nothing reaches the
 * accumulator before commit. */
static inline int add_batch(cxm_acc *acc, const void *ratings, bool u8, size_t n, size_t *bad_index,
                            int kernel)
{
    if (acc == NULL || (ratings == NULL && n > 0)) {
        return CXM_ERR_NULL;
    }
    count_fn *count = kernel_of(resolve_kernel(acc, kernel, u8, n), u8);
    uint64_t hist[CXM_MAX_SPAN] = {0};
    for (size_t start = 0; start < n; start += CHUNK) {
        size_t len = n - start < CHUNK ? n - start : CHUNK;
        const void *chunk = batch_at(ratings, u8, start);
        if (count(acc, chunk, len, hist) != len) {
            return reject(start + first_bad(acc, chunk, u8, len), bad_index);
        }
    }
    return commit(acc, hist, n);
}

int cxmi_add_many(cxm_acc *acc, const int32_t *ratings, size_t n, size_t *bad_index, int kernel)
{
    return add_batch(acc, ratings, false, n, bad_index, kernel);
}

int cxmi_add_many_u8(cxm_acc *acc, const uint8_t *ratings, size_t n, size_t *bad_index, int kernel)
{
    return add_batch(acc, ratings, true, n, bad_index, kernel);
}

int cxm_acc_add_many(cxm_acc *acc, const int32_t *ratings, size_t n, size_t *bad_index)
{
    return cxmi_add_many(acc, ratings, n, bad_index, CXMI_KERNEL_AUTO);
}

int cxm_acc_add_many_u8(cxm_acc *acc, const uint8_t *ratings, size_t n, size_t *bad_index)
{
    return cxmi_add_many_u8(acc, ratings, n, bad_index, CXMI_KERNEL_AUTO);
}
