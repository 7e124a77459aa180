/*
 * Private declarations shared between the files of lib/. Nothing here is part
 * of the public interface; users include only <cxmetrics.h>.
 */
#ifndef CXM_INTERNAL_H
#define CXM_INTERNAL_H

#include <float.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxmetrics.h"
#include "special.h"

/* The special functions' compensated sums, and the 1e-12 accuracy the tests
 * prove on every platform, assume that each double operation rounds to
 * double. The x87 unit of 32-bit x86 keeps 80-bit intermediates instead
 * (FLT_EVAL_METHOD 2), which moved Clopper-Pearson limits at n = 10^12 by more
 * than the 4 ulps test_stats allows and made 0.95 compare unequal to a stored
 * 0.95: build with SSE2 arithmetic there (-msse2 -mfpmath=sse), as
 * CMakeLists.txt does. FLT_EVAL_METHOD 1 (s390x: float evaluated as double)
 * leaves double arithmetic exact to double and is fine; 2 (long double) and
 * -1 (indeterminable) are refused. */
#if defined(FLT_EVAL_METHOD) && (FLT_EVAL_METHOD < 0 || FLT_EVAL_METHOD > 1)
#error                                                                                             \
    "cxmetrics needs double arithmetic without excess precision: on 32-bit x86 build with -msse2 -mfpmath=sse"
#endif

/* The number of distinct ratings a scale may have (0-100 fits): the size of
 * the histograms the library keeps on the stack. */
#define CXM_MAX_SPAN CXM_SCALE_MAX_RATINGS

/* The accumulator: its scale and a histogram. It is one contiguous block of
 * cxmi_acc_bytes(span) bytes, whether it came from malloc or from caller
 * memory, so copying, clearing and comparing it are plain memory operations.
 * The total is kept alongside the counts: every count is <= total, so checking
 * the total for overflow checks every count at once. */
struct cxm_acc {
    cxm_scale scale;   /* validated, size = sizeof(cxm_scale) */
    uint32_t span;     /* max - min + 1 */
    uint32_t owned;    /* 1: heap block that cxm_acc_free releases */
    uint64_t total;    /* sum of counts */
    uint64_t counts[]; /* counts[i] = number of ratings min + i */
};

/* The series: a ring of `capacity` buckets, one contiguous block of
 * cxmi_series_bytes(span, capacity) bytes like the accumulator, so that
 * memory is dense and clone, clear and compare are plain memory operations.
 *
 * A bucket is `span` words, not an accumulator: word 0 is the bucket's total
 * and word i (1 <= i < span) the count of rating min + i; the count of min is
 * the total minus the others. Keeping the total is what makes the overflow
 * check of every add one comparison (no count exceeds its total), and leaving
 * one count implicit pays for it: a bucket takes exactly a histogram's bytes
 * (400 days of NPS fit in 35 264 bytes). Adding two buckets, or a bucket to a
 * sum, is still a plain word-by-word addition.
 *
 * The bucket `age` steps before the head sits in ring slot head_slot - age
 * modulo capacity; the block keeps head_slot * span, the head bucket's first
 * word, since that is what adding to the head needs. `window` is how many
 * bucket numbers of the window (head - capacity, head] lie inside the limits
 * +-CXM_SERIES_BUCKET_LIMIT: capacity, except when the head is within
 * capacity of -2^62. A bucket is retained exactly when head - bucket, as a
 * uint64_t, is below window. */
struct cxm_series {
    cxm_scale scale;    /* validated, size = sizeof(cxm_scale) */
    uint32_t span;      /* max - min + 1: words per bucket */
    uint32_t capacity;  /* buckets in the ring */
    uint32_t owned;     /* 1: heap block that cxm_series_free releases */
    uint32_t head_word; /* words[head_word]: the head bucket (< 2^20 * 101) */
    int64_t head;       /* the newest bucket number */
    uint64_t window;    /* retained bucket numbers inside the limits */
    uint64_t words[];   /* capacity buckets of span words, by slot */
};

/* One rating's sums in a weighted accumulator: the responses c, the weight
 * total W and the sum of squared weights Q = squares_high * 2^64 +
 * squares_low (below 2^96: Q <= W (2^32 - 1) and W < 2^64). */
typedef struct cxmi_cell {
    uint64_t count, weight, squares_high, squares_low;
} cxmi_cell;

/* The weighted accumulator: a scale and a cell per rating, one contiguous
 * block of cxmi_wacc_bytes(span) bytes like the accumulator. A response
 * changes one cell of four adjacent words, which is what keeps cxm_wacc_add
 * within twice cxm_acc_add; the statistics and the encoding read a column of
 * the cells as a histogram when they need one (cxmi_wacc_column).
 *
 * `weight` is the sum of all W. Every c and W is at most it (c <= W), and
 * every Q at most W (2^32 - 1) < 2^96, so checking that one sum for overflow
 * checks every sum the accumulator keeps. */
struct cxm_wacc {
    cxm_scale scale;   /* validated, size = sizeof(cxm_scale) */
    uint32_t span;     /* max - min + 1 */
    uint32_t owned;    /* 1: heap block that cxm_wacc_free releases */
    uint64_t weight;   /* sum of the weights of every rating */
    cxmi_cell cells[]; /* cells[i]: the sums of rating min + i */
};

/* ---- extensible.c: the `size` rules of public structs ---------------------- */

/* The first released layout of each public struct: a caller's `size` below it
 * is refused. These never change once released, even when the structs grow. */
#define CXMI_SCALE_SIZE_V1      (offsetof(cxm_scale, headline) + sizeof(int32_t))
#define CXMI_SNAPSHOT_SIZE_V1   (offsetof(cxm_snapshot, score_high) + sizeof(double))
#define CXMI_INTERVAL_SIZE_V1   (offsetof(cxm_interval, high) + sizeof(double))
#define CXMI_COMPARISON_SIZE_V1 (offsetof(cxm_comparison, high) + sizeof(double))

/* Copies a caller's struct of at least min_size bytes into dst (known_size
 * bytes, this library's layout), zeroing fields the caller's struct lacks.
 * CXM_ERR_SIZE if its size is below min_size, or if bytes past known_size (up
 * to its size) are not zero. dst's size field is set to known_size. */
int cxmi_struct_read(void *dst, size_t known_size, const void *src, size_t min_size);

/* CXM_ERR_SIZE unless the caller's output struct's size is >= min_size. */
int cxmi_struct_check_out(const void *out, size_t min_size);

/* Writes src (known_size bytes, this library's layout) into the caller's
 * struct: as many bytes as both know, zero up to the caller's size beyond
 * that; the caller's size field is kept. Call cxmi_struct_check_out first. */
void cxmi_struct_write(void *out, const void *src, size_t known_size);

/* ---- scale.c ---------------------------------------------------------------- */

/* Validates a caller's scale and copies it into *norm in this library's
 * layout. CXM_ERR_NULL, CXM_ERR_SIZE or CXM_ERR_SCALE; *norm unchanged then. */
int cxmi_scale_load(const cxm_scale *scale, cxm_scale *norm);

/* max - min + 1 of a validated scale. */
uint32_t cxmi_scale_span(const cxm_scale *scale);

/* Copies a validated scale into a caller's struct by the size rules (what
 * every *_scale getter does): CXM_ERR_NULL if out is NULL, CXM_ERR_SIZE if
 * out->size is too small; *out unchanged then. */
int cxmi_scale_copy_out(const cxm_scale *scale, cxm_scale *out);

/* Whether two validated scales are equal (every field after size). */
bool cxmi_scale_equal(const cxm_scale *a, const cxm_scale *b);

/* The presets, from the one table that holds their fields and their names
 * in the text form. The scale or name of a CXM_PRESET_* (NULL for any other
 * number); the preset that len bytes of text name, aliases included (0 if
 * none); the preset equal to a validated scale (0 if none). */
const cxm_scale *cxmi_preset_scale(int preset);
const char *cxmi_preset_name(int preset);
int cxmi_preset_named(const char *text, size_t len);
int cxmi_preset_equal_to(const cxm_scale *scale);

/* ---- accumulator.c ------------------------------------------------------------ */

/* Bytes of an accumulator with this many distinct ratings. */
size_t cxmi_acc_bytes(uint32_t span);

/* Places an empty accumulator for a validated scale in mem (enough bytes). */
cxm_acc *cxmi_acc_place(void *mem, const cxm_scale *scale, uint32_t owned);

/* The caller-memory rules every *_init applies once its arguments are valid:
 * CXM_ERR_ARG if mem is not aligned for any object type, CXM_ERR_SIZE if
 * mem_size is below the bytes needed. */
int cxmi_memory_check(const void *mem, size_t mem_size, size_t bytes);

/* For a block whose size depends on the scale's span alone (an accumulator,
 * a weighted one, a recorder): its footprint (0 for an invalid scale); the
 * checks of its *_init after the NULL ones, the scale (validated into *norm)
 * then the memory rules above; and the heap memory of its *_new, once the
 * scale is validated into *norm (CXM_ERR_NOMEM if malloc fails; *mem is
 * then untouched). */
size_t cxmi_footprint(const cxm_scale *scale, size_t (*bytes)(uint32_t span));
int cxmi_block_check(const void *mem, size_t mem_size, const cxm_scale *scale,
                     size_t (*bytes)(uint32_t span), cxm_scale *norm);
int cxmi_block_alloc(const cxm_scale *scale, size_t (*bytes)(uint32_t span), cxm_scale *norm,
                     void **mem);

/* Allocates an empty heap accumulator for a validated scale, or NULL. */
cxm_acc *cxmi_acc_alloc(const cxm_scale *scale);

/* Allocates a heap accumulator holding counts (span of them, already checked:
 * their sum is total), or NULL. What the decoders build once an input has
 * passed every check. */
cxm_acc *cxmi_acc_alloc_counts(const cxm_scale *scale, const uint64_t *counts, uint64_t total);

/* The histogram index of a rating on a scale that starts at min: below span
 * exactly for the ratings min .. max, so one unsigned compare with span checks
 * the rating. Computed modulo 2^32, which is exact for every int32 rating: one
 * above max gives rating - min >= span without wrapping; one below min gives
 * 2^32 - (min - rating), and min - rating <= min - INT32_MIN <= 2^32 - span
 * because max = min + span - 1 <= INT32_MAX. */
static inline uint32_t cxmi_rating_index(int32_t rating, int32_t min)
{
    return (uint32_t)rating - (uint32_t)min;
}

static inline uint32_t cxmi_acc_index(const cxm_acc *acc, int32_t rating)
{
    return cxmi_rating_index(rating, acc->scale.min);
}

/* Whether a rating lies in the accumulator's scale; if so, *index is its
 * histogram index (the check every single-rating function makes). */
static inline bool cxmi_acc_find(const cxm_acc *acc, int32_t rating, uint32_t *index)
{
    *index = cxmi_acc_index(acc, rating);
    return *index < acc->span;
}

/* ---- merge.c ------------------------------------------------------------------ */

/* into += a histogram of into's span (counts[i] = ratings min + i) whose sum
 * is total: CXM_ERR_OVERFLOW, and into unchanged, if into's total would
 * exceed UINT64_MAX. The scales are the caller's to check. */
int cxmi_acc_add_counts(cxm_acc *acc, const uint64_t *counts, uint64_t total);

/* ---- wacc.c: the weighted accumulator's cells -------------------------------- */

/* Bytes of a weighted accumulator with this many distinct ratings. */
size_t cxmi_wacc_bytes(uint32_t span);

/* One sum of every cell as a histogram: out[i] = the uint64_t at `offset`
 * (offsetof(cxmi_cell, ...)) in cells[i], for i < span. */
void cxmi_wacc_column(const cxm_wacc *w, size_t offset, uint64_t *out);

/* Whether a cell keeps the invariants of the header: c = 0 <=> W = 0 <=>
 * Q = 0; c <= W <= Q; W^2 <= c Q; Q <= W (2^32 - 1). */
bool cxmi_cell_valid(cxmi_cell cell);

/* Whether span cells are a valid state: every cell valid and the weights'
 * sum at most UINT64_MAX, which goes to *weight. What both decoders check. */
bool cxmi_cells_valid(const cxmi_cell *cells, uint32_t span, uint64_t *weight);

/* Allocates a heap weighted accumulator holding span valid cells whose
 * weights sum to weight, or NULL. */
cxm_wacc *cxmi_wacc_alloc_cells(const cxm_scale *scale, const cxmi_cell *cells, uint64_t weight);

/* ---- series.c ----------------------------------------------------------------- */

/* Bytes of a series block. */
size_t cxmi_series_bytes(uint32_t span, uint32_t capacity);

/* Whether a bucket number or head lies inside +-CXM_SERIES_BUCKET_LIMIT. */
bool cxmi_series_in_limits(int64_t bucket);

/* The window (struct cxm_series) of a head and capacity. */
uint64_t cxmi_series_window(int64_t head, uint32_t capacity);

/* Allocates an empty heap series for a validated scale, a capacity in
 * 1 .. CXM_SERIES_MAX_CAPACITY and a head inside the limits, or NULL. */
cxm_series *cxmi_series_alloc(const cxm_scale *scale, uint32_t capacity, int64_t head);

/* The words of the bucket `age` steps before the head (age < window). */
uint64_t *cxmi_series_bucket(const cxm_series *s, uint64_t age);

/* The full histogram of a bucket: counts[i] = ratings min + i (span entries). */
void cxmi_series_bucket_counts(const cxm_series *s, const uint64_t *words, uint64_t *counts);

/* Sets a bucket's words from a full histogram whose sum is total. */
void cxmi_series_bucket_set(const cxm_series *s, uint64_t *words, const uint64_t *counts,
                            uint64_t total);

/* ---- summary.c: everything the statistics need from a histogram ---------- */

typedef struct cxmi_summary {
    uint64_t n, positive, neutral, negative;
    int64_t mean_whole; /* the mean is exactly mean_whole + mean_rest / n, */
    uint64_t mean_rest; /* 0 <= mean_rest < n (both 0 when n = 0) */
    double mean;        /* NaN when n = 0 */
    double stddev;      /* sample standard deviation; NaN when n < 2 */
} cxmi_summary;

void cxmi_summarize(const cxm_acc *acc, cxmi_summary *out);

/* The summary of any histogram on a validated scale: counts[i] of rating
 * min + i, summing to total (a weighted accumulator's weights included). */
void cxmi_summarize_counts(const cxm_scale *scale, const uint64_t *counts, uint64_t total,
                           cxmi_summary *out);

/* Sum of v[i] * (min + i - s->mean)^2 over span values v[i] = high[i] * 2^64
 * + low[i] (high NULL: low[i]), about the exact mean of a summary with
 * n >= 1, compensated: a few ulps whatever the span. */
double cxmi_deviations(const cxmi_summary *s, int32_t min, const uint64_t *low,
                       const uint64_t *high, uint32_t span);

/* a - b as a double, from the exact integer difference (no cancellation). */
double cxmi_count_diff(uint64_t a, uint64_t b);

/* 100 * k / n in percentage points, NaN when n = 0. */
double cxmi_share(uint64_t k, uint64_t n);

/* 100 * (p - d) / n in percentage points, NaN when n = 0. */
double cxmi_net(uint64_t p, uint64_t d, uint64_t n);

/* ---- exact.c: differences formed from the integers ------------------------
 * Subtracting two rounded estimates cancels the digits that matter when they
 * are close (899299251/899299252 - 1 loses seven); these form the difference
 * exactly from the counts and round once at the end (a few ulps in all). */

/* A signed ratio of counts, (negative ? -1 : 1) * num / (den + extra),
 * den + extra > 0; extra carries pseudo-counts. */
typedef struct cxmi_ratio {
    uint64_t num, den;
    uint32_t extra;
    bool negative;
} cxmi_ratio;

/* (p - d) / (n + extra) as a ratio. */
cxmi_ratio cxmi_net_ratio(uint64_t p, uint64_t d, uint64_t n, uint32_t extra);

/* a - b, from the cross products of the integers. */
double cxmi_ratio_diff(cxmi_ratio a, cxmi_ratio b);

/* The difference of two summaries' means (n >= 1 each, the same scale). */
double cxmi_mean_diff(const cxmi_summary *a, const cxmi_summary *b);

/* ---- stats.c: the statistics entry points --------------------------------- */

/* A quantity's method on one sample (or two), in proportion units: what the
 * runners below dispatch to once quantity and method are resolved. */
typedef int (*cxmi_interval_method)(const void *sample, int quantity, int method, double confidence,
                                    cxm_interval *out);
typedef int (*cxmi_compare_method)(const void *a, const void *b, int quantity, int method,
                                   double confidence, cxm_comparison *out);

/* The checks and conversions every interval and comparison shares once its
 * samples are summarized, in the order the header gives: out's size
 * (CXM_ERR_SIZE), the scales (CXM_ERR_MISMATCH, comparisons), the confidence
 * (CXM_ERR_ARG), HEADLINE and DEFAULT resolved through the table `use` names
 * (CXM_ERR_ARG for a method it does not list); then fn, and its result in
 * public units written to *out by the size rules. */
int cxmi_interval_run(cxmi_interval_method fn, const void *sample, int32_t headline, int use,
                      int quantity, int method, double confidence, cxm_interval *out);
int cxmi_compare_run(cxmi_compare_method fn, const void *a, const void *b, const cxm_scale *scale_a,
                     const cxm_scale *scale_b, int use, int quantity, int method, double confidence,
                     cxm_comparison *out);

/* The interval of a quantity of a summary, in the quantity's public units,
 * written to *out (whose size the caller set) by the size rules. quantity and
 * method may be HEADLINE and DEFAULT (the headline is the scale's).
 * CXM_ERR_ARG for a combination that does not apply or a confidence outside
 * (0, 1); CXM_ERR_EMPTY when the statistic is undefined. */
int cxmi_interval_compute(const cxmi_summary *s, int32_t headline, int quantity, int method,
                          double confidence, cxm_interval *out);

/* ---- methods.c: which methods apply to which quantity ----------------------- */

typedef struct cxmi_resolved {
    int method;  /* CXM_METHOD_DEFAULT (0): no method of that name applies */
    double unit; /* proportion to public units: 100 (percentage points) or 1 */
} cxmi_resolved;

/* For a quantity (not HEADLINE), a method and a CXM_USE_* table: the method,
 * DEFAULT made the quantity's default, and the quantity's unit; method 0 for
 * an unknown quantity or use, or a method that does not apply. */
cxmi_resolved cxmi_methods_resolve(int quantity, int method, int use);

/* HEADLINE made the quantity of a scale's headline; any other value as is. */
int cxmi_quantity_resolve(int quantity, int32_t headline);

/* ---- share.c, net.c, mean.c: the methods of each quantity ------------------
 * Each is called with a method cxmi_methods_resolve returned for its
 * quantity, answers CXM_ERR_EMPTY for an undefined sample, and fills
 * estimate/difference, se and the limits in proportion units (shares in
 * [0, 1], net scores in [-1, 1]) or rating units (the mean). */

int cxmi_share_interval(uint64_t x, uint64_t n, int method, double confidence, cxm_interval *out);
int cxmi_share_compare(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2, int method,
                       double confidence, cxm_comparison *out);

int cxmi_net_interval(const cxmi_summary *s, int method, double confidence, cxm_interval *out);
int cxmi_net_compare(const cxmi_summary *a, const cxmi_summary *b, int method, double confidence,
                     cxm_comparison *out);

/* The mean has one method, T. */
int cxmi_mean_interval(const cxmi_summary *s, double confidence, cxm_interval *out);
int cxmi_mean_compare(const cxmi_summary *a, const cxmi_summary *b, double confidence,
                      cxm_comparison *out);

/* ---- wacc_stats.c: what the weighted statistics are built on --------------- */

typedef struct cxmi_wsummary {
    cxmi_summary counts;  /* of the counts c: n and the band counts */
    cxmi_summary weights; /* of the weights W: band weights, the exact weighted
                             mean as whole + rest / W (n here is W) */
    double squares[3];    /* Q of the positive, neutral and negative bands */
    double squares_total; /* Q of every rating */
    double deviations;    /* sum of W_r (r - mean)^2, mean the weighted one; */
    double mean_squares;  /* sum of Q_r (r - mean)^2 (both NaN when empty) */
    double spread;        /* W - Q / W from the exact W^2 - Q, or 0 when that
                             is not positive */
} cxmi_wsummary;

void cxmi_wacc_summarize(const cxm_wacc *w, cxmi_wsummary *out);

/* The weighted interval of a summary, as cxmi_interval_compute for the
 * accumulator's: quantity and method may be HEADLINE and DEFAULT. */
int cxmi_wacc_interval_compute(const cxmi_wsummary *s, int32_t headline, int quantity, int method,
                               double confidence, cxm_interval *out);

/* ---- stats_helpers.c: what the methods share --------------------------------- */

/* Two-sided normal critical value z = -quantile((1 - confidence) / 2), taken
 * from the tail so that high confidence levels keep their digits, and from
 * the central mass so that low ones do (cxmi_normal_critical). */
double cxmi_z_critical(double confidence);

double cxmi_clip(double x, double lo, double hi);

/* Welch's t test of out->difference, set by the caller, between independent
 * estimates with variances va and vb (va + vb > 0) from na and nb >= 2
 * observations: fills se, statistic, the Welch-Satterthwaite df, the
 * two-sided p-value and the unclipped t interval. */
void cxmi_welch_test(double va, uint64_t na, double vb, uint64_t nb, double confidence,
                     cxm_comparison *out);

/* Fills statistic = diff / se, df = INFINITY and the two-sided p-value of a z
 * test; a zero se gives 0 (p = 1) for a zero diff and +-INFINITY (p = 0) else. */
void cxmi_z_test(double diff, double se, cxm_comparison *out);

/* ---- batch.c, batch_sse2.c: the counting kernels of the batch functions ---- */

/* Which kernel counts a batch. The public functions use AUTO; the others let
 * the tests run every path on any machine (a kernel that cannot serve the
 * accumulator here falls back to TABLE, see cxmi_batch_kernel_usable). */
enum {
    CXMI_KERNEL_AUTO = 0,
    CXMI_KERNEL_SCALAR = 1, /* one compare-and-branch per rating: short batches */
    CXMI_KERNEL_TABLE = 2,  /* portable C, interleaved sub-histograms */
    CXMI_KERNEL_SSE2 = 3    /* vector compare-and-count, at most 16 valid values */
};

/* Whether this build and this accumulator can use a kernel (u8: for
 * cxm_acc_add_many_u8, else for cxm_acc_add_many). */
bool cxmi_batch_kernel_usable(const cxm_acc *acc, int kernel, bool u8);

/* cxm_acc_add_many and cxm_acc_add_many_u8 with a chosen kernel. */
int cxmi_add_many(cxm_acc *acc, const int32_t *ratings, size_t n, size_t *bad_index, int kernel);
int cxmi_add_many_u8(cxm_acc *acc, const uint8_t *ratings, size_t n, size_t *bad_index, int kernel);

/* The vector kernels (batch_sse2.c). Each adds the valid ratings of r[0..len)
 * to hist and returns how many it counted, so a result below len means the
 * chunk holds a bad rating. u8: the valid bytes are lo .. lo + nbins - 1,
 * hist[b] counts lo + b, 1 <= nbins <= 16. int32: hist[i] counts min + i,
 * 1 <= span <= 16. CXMI_HAVE_SSE2 says whether they are compiled in. */
#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#define CXMI_HAVE_SSE2 1
uint64_t cxmi_sse2_count_u8(const uint8_t *r, size_t len, uint8_t lo, uint32_t nbins,
                            uint64_t *hist);
uint64_t cxmi_sse2_count_i32(const int32_t *r, size_t len, int32_t min, uint32_t span,
                             uint64_t *hist);
#else
#define CXMI_HAVE_SSE2 0
#endif

#endif
