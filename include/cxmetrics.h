/*
 * cxmetrics — CSAT, NPS and CES from individual survey ratings, incrementally,
 * exactly, with honest statistics, behind a stable ABI.
 *
 * This header is the whole public interface and its reference manual. It is
 * plain C99, usable from C11 and C++, and needs nothing beyond <stddef.h> and
 * <stdint.h>. It is the C contract: what each function does, with which
 * values and errors, is written here, and docs/ holds the definitions
 * (docs/metrics.md), the statistics (docs/statistics.md) and the encodings
 * (docs/format.md) it refers to; bindings in other languages rely on every
 * name, value and signature below staying exactly as it is.
 *
 * Model in one paragraph: a *scale* (cxm_scale) says which integer ratings are
 * valid and which of them count as positive, neutral and negative. An
 * *accumulator* (cxm_acc) keeps one 64-bit count per valid rating. Adding,
 * removing, merging and subtracting ratings only changes counts, so every
 * operation is exact and order-independent; the metrics (a cxm_snapshot) are
 * computed from the counts when asked for.
 *
 * Conventions that hold for every function:
 *  - A function that can fail returns int: CXM_OK (0) or a negative CXM_ERR_*.
 *    Results come back through out-parameters. Nothing aborts, prints or exits.
 *  - On any error nothing changes: the accumulator, the out-parameters'
 *    pointees and all other state are exactly as before the call.
 *  - Every public struct begins with `uint32_t size`, which the caller sets to
 *    sizeof the struct as its copy of this header knows it (the CXM_*_INIT
 *    initializers do that). The library never touches bytes past `size`,
 *    rejects a `size` smaller than the first released layout with
 *    CXM_ERR_SIZE, requires bytes it does not know in a larger struct it reads
 *    to be zero (else CXM_ERR_SIZE), and zero-fills them in one it writes.
 *  - Threads: distinct accumulators may be used from different threads freely.
 *    One accumulator may be read (snapshot, counts, merge source, ...) from
 *    several threads at once; a call that changes it needs exclusive access.
 *    There is no global mutable state.
 */
#ifndef CXMETRICS_H
#define CXMETRICS_H

#include <stddef.h>
#include <stdint.h>

/* CXM_API marks the exported functions. Everything else in the library is
 * hidden, so the shared library's symbol table is exactly this header. */
#if defined(_WIN32) && defined(CXM_SHARED)
#  if defined(CXM_BUILDING)
#    define CXM_API __declspec(dllexport)
#  else
#    define CXM_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4 && !defined(_WIN32)
#  define CXM_API __attribute__((visibility("default")))
#else
#  define CXM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================== *
 * Version
 * ======================================================================== */

/* The version of this header. MAJOR is the ABI major: it is also the number
 * in the shared library's SONAME (libcxmetrics.so.1) and changes only for a
 * deliberate, documented break of compatibility. */
#define CXM_VERSION_MAJOR 1
#define CXM_VERSION_MINOR 2
#define CXM_VERSION_PATCH 0

/* The three as one number, 10200 for 1.2.0: for comparisons in #if. */
#define CXM_VERSION_NUMBER (CXM_VERSION_MAJOR * 10000 + CXM_VERSION_MINOR * 100 + CXM_VERSION_PATCH)

/* The version of the library actually loaded, as CXM_VERSION_NUMBER computes
 * it. Compare it with CXM_VERSION_NUMBER to detect a header/library skew. */
CXM_API uint32_t cxm_version_number(void);

/* The version of the library actually loaded as a string, e.g. "1.0.0".
 * The string is static and never NULL. */
CXM_API const char *cxm_version_string(void);

/* ======================================================================== *
 * Status codes
 * ======================================================================== */

enum {
    CXM_OK = 0,            /* success */
    CXM_ERR_NULL = -1,     /* a required pointer argument is NULL */
    CXM_ERR_SCALE = -2,    /* the scale definition is invalid (range, bands, headline) */
    CXM_ERR_RANGE = -3,    /* a rating lies outside the accumulator's scale */
    CXM_ERR_NOMEM = -4,    /* memory could not be allocated */
    CXM_ERR_OVERFLOW = -5, /* a count would exceed UINT64_MAX */
    CXM_ERR_ABSENT = -6,   /* removing or subtracting more ratings than were recorded */
    CXM_ERR_MISMATCH = -7, /* two accumulators with different scales */
    CXM_ERR_SIZE = -8,     /* a struct size or a buffer is too small (or a larger
                              struct has non-zero bytes the library does not know) */
    CXM_ERR_FORMAT = -9,   /* bytes or text that are not a valid encoding or text
                              form (malformed, corrupt, or of an unknown format
                              version) */
    CXM_ERR_ARG = -10,     /* any other invalid argument (unknown preset, quantity or
                              method; confidence outside (0, 1); misaligned memory) */
    CXM_ERR_EMPTY = -11,   /* the statistic is undefined for this sample */
    CXM_ERR_WINDOW = -12   /* a bucket lies outside a series' retained window
                              (expired, or after its head); since 1.1 */
};

/* The name of a status code as a string, e.g. "CXM_ERR_RANGE"; "CXM_UNKNOWN"
 * for a value that is not a status code. Static, never NULL. */
CXM_API const char *cxm_status_name(int status);

/* One English sentence describing a status code (a generic sentence for an
 * unknown value). Static, never NULL. */
CXM_API const char *cxm_status_message(int status);

/* ======================================================================== *
 * Scales
 * ======================================================================== */

/* Which number a scale's dashboards show (cxm_snapshot.score):
 *  POSITIVE_SHARE  100 * positive / n                (CSAT)
 *  NET             100 * (positive - negative) / n   (NPS, Net Easy)
 *  MEAN            sum of ratings / n                (CES)                  */
enum {
    CXM_HEADLINE_POSITIVE_SHARE = 1,
    CXM_HEADLINE_NET = 2,
    CXM_HEADLINE_MEAN = 3
};

/* The most ratings a scale may span (max - min + 1), so a 0-100 slider fits.
 * Since 1.2 (the rule itself is 1.0's). */
#define CXM_SCALE_MAX_RATINGS 101

/* A rating scale: the valid ratings [min, max] (at most CXM_SCALE_MAX_RATINGS
 * distinct values) and two disjoint, non-empty, inclusive bands inside
 * it. Ratings in neither band are neutral; the neutral band may be empty.
 * Whether higher is better follows from the bands: it is when the positive
 * band lies above the negative one. */
typedef struct cxm_scale {
    uint32_t size;                       /* sizeof(cxm_scale) */
    int32_t  min, max;                   /* valid ratings, inclusive; 1 <= max - min + 1 <= 101 */
    int32_t  positive_min, positive_max; /* positive band, inclusive */
    int32_t  negative_min, negative_max; /* negative band, inclusive, disjoint from positive */
    int32_t  headline;                   /* CXM_HEADLINE_* */
} cxm_scale;

/* Sets size and zeroes every other field: `cxm_scale s = CXM_SCALE_INIT;`
 * (The initializer macros are kept from clang-format, which would spread each
 * over four lines.) */
/* clang-format off */
#define CXM_SCALE_INIT { (uint32_t)sizeof(cxm_scale), 0, 0, 0, 0, 0, 0, 0 }
/* clang-format on */

/* The definitions in common use (docs/metrics.md has the table and sources).
 *  CSAT_5       1-5,  positive 4-5,  negative 1-2, positive share
 *  CSAT_3       1-3,  positive 3,    negative 1,   positive share
 *  CSAT_10      1-10, positive 8-10, negative 1-4, positive share
 *  CSAT_BINARY  1-2,  positive 2,    negative 1,   positive share
 *  NPS          0-10, positive 9-10, negative 0-6, net
 *  CES_7        1-7,  positive 5-7,  negative 1-3, mean (CES 2.0, higher is easier)
 *  CES_5        1-5,  positive 1-2,  negative 4-5, mean (CES 1.0, lower is easier)
 *  NET_EASY_7   1-7,  positive 1-2,  negative 5-7, net                           */
enum {
    CXM_PRESET_CSAT_5 = 1,
    CXM_PRESET_CSAT_3 = 2,
    CXM_PRESET_CSAT_10 = 3,
    CXM_PRESET_CSAT_BINARY = 4,
    CXM_PRESET_NPS = 5,
    CXM_PRESET_CES_7 = 6,
    CXM_PRESET_CES_5 = 7,
    CXM_PRESET_NET_EASY_7 = 8
};

/* Fills *out with a preset scale.
 *  preset  one of CXM_PRESET_*
 *  out     the scale to fill; the caller sets out->size first (CXM_SCALE_INIT).
 *          out->size is kept; bytes past the fields this library knows, up to
 *          out->size, are zeroed.
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL; CXM_ERR_SIZE if out->size is
 * smaller than the first released cxm_scale; CXM_ERR_ARG for an unknown
 * preset. On error *out is unchanged. */
CXM_API int cxm_scale_preset(int preset, cxm_scale *out);

/* Checks that a scale is valid: size, 1 <= max - min + 1 <= 101, both bands
 * non-empty and inside [min, max], the bands disjoint, a known headline.
 * Returns CXM_OK, CXM_ERR_NULL, CXM_ERR_SIZE (size too small, or non-zero
 * bytes past the fields this library knows) or CXM_ERR_SCALE. */
CXM_API int cxm_scale_check(const cxm_scale *scale);

/* Whether two scales are equal: every field after size (the rule merge,
 * subtract and compare apply). Each is read by the size rules, so structs of
 * different sizes with the same fields are equal. Neither has to be a valid
 * scale. Since 1.1.
 * Returns 1 if equal, 0 if not; CXM_ERR_NULL if either is NULL; CXM_ERR_SIZE
 * if either size is too small or a larger struct has non-zero unknown bytes. */
CXM_API int cxm_scale_equal(const cxm_scale *a, const cxm_scale *b);

/* ======================================================================== *
 * Accumulator
 * ======================================================================== */

/* An accumulator: a scale and one 64-bit count per valid rating. Opaque. */
typedef struct cxm_acc cxm_acc;

/* Creates an empty accumulator on the heap.
 *  scale  a valid scale (copied; the caller's struct is not kept)
 *  out    receives the new accumulator, to be released with cxm_acc_free
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale (as cxm_scale_check); CXM_ERR_NOMEM. On error *out is unchanged. */
CXM_API int cxm_acc_new(const cxm_scale *scale, cxm_acc **out);

/* Releases an accumulator made by cxm_acc_new, cxm_acc_clone or
 * cxm_acc_decode. NULL is a no-op, and so is an accumulator placed in caller
 * memory by cxm_acc_init (that memory is the caller's to release). */
CXM_API void cxm_acc_free(cxm_acc *acc);

/* Creates a heap copy of an accumulator: same scale, same counts.
 * Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_NOMEM; on error *out is unchanged. */
CXM_API int cxm_acc_clone(const cxm_acc *acc, cxm_acc **out);

/* Sets every count back to zero; the scale stays. Returns CXM_OK or
 * CXM_ERR_NULL. */
CXM_API int cxm_acc_reset(cxm_acc *acc);

/* Copies the accumulator's scale into *out (size rules as cxm_scale_preset).
 * Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_SIZE; on error *out is unchanged. */
CXM_API int cxm_acc_scale(const cxm_acc *acc, cxm_scale *out);

/* The number of bytes cxm_acc_init needs for this scale (under 1 KiB for
 * every scale); 0 if scale is NULL or invalid. */
CXM_API size_t cxm_acc_footprint(const cxm_scale *scale);

/* cxm_acc_footprint of the widest scale (CXM_SCALE_MAX_RATINGS ratings): a
 * buffer of this many bytes holds any accumulator in caller memory, so a host
 * can reserve memory before it knows the scale. It is this library's figure;
 * cxm_acc_init checks mem_size, so a later library that needed more would
 * answer CXM_ERR_SIZE rather than overrun. Since 1.2. */
#define CXM_ACC_FOOTPRINT_MAX 856

/* Places an empty accumulator in caller-provided memory: for arenas, embedded
 * use, or a host that must not call malloc. The accumulator lives in mem and
 * allocates nothing; cxm_acc_free on it does nothing, and it is gone when the
 * caller reuses or releases mem.
 *  mem       at least cxm_acc_footprint(scale) bytes, aligned for any object
 *            type (alignof(max_align_t), as malloc returns)
 *  mem_size  the size of mem in bytes
 *  scale     a valid scale
 *  out       receives the accumulator (a pointer into mem)
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale; CXM_ERR_ARG if mem is misaligned; CXM_ERR_SIZE if mem_size is below
 * the footprint. On error neither mem nor *out is touched. */
CXM_API int cxm_acc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_acc **out);

/* Records one rating.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_RANGE if rating is outside the
 * scale; CXM_ERR_OVERFLOW if the total would exceed UINT64_MAX. On error the
 * accumulator is unchanged. */
CXM_API int cxm_acc_add(cxm_acc *acc, int32_t rating);

/* Records `count` copies of one rating: the import of pre-aggregated data
 * (e.g. a GROUP BY rating result). count = 0 is a no-op returning CXM_OK
 * (after the arguments are checked).
 * Returns CXM_OK, CXM_ERR_NULL, CXM_ERR_RANGE, or CXM_ERR_OVERFLOW if the
 * rating's count or the total would exceed UINT64_MAX. On error the
 * accumulator is unchanged. */
CXM_API int cxm_acc_add_count(cxm_acc *acc, int32_t rating, uint64_t count);

/* Records a batch of n ratings, all or nothing.
 *  ratings    n ratings; may be NULL when n = 0
 *  bad_index  optional (may be NULL): on CXM_ERR_RANGE receives the position
 *             of the first invalid rating; untouched otherwise
 * Returns CXM_OK (n = 0 is a no-op); CXM_ERR_NULL if acc is NULL, or ratings
 * is NULL with n > 0; CXM_ERR_RANGE if any rating is outside the scale;
 * CXM_ERR_OVERFLOW if the total would exceed UINT64_MAX. On error nothing of
 * the batch is recorded. */
CXM_API int cxm_acc_add_many(cxm_acc *acc, const int32_t *ratings, size_t n, size_t *bad_index);

/* cxm_acc_add_many for ratings stored one per byte (0..255): the fastest way
 * in, and the natural layout for a column of small integers. Same contract. */
CXM_API int cxm_acc_add_many_u8(cxm_acc *acc, const uint8_t *ratings, size_t n, size_t *bad_index);

/* Removes one previously recorded rating (e.g. a respondent corrected an
 * answer). Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_RANGE if rating is outside
 * the scale; CXM_ERR_ABSENT if no such rating is recorded. On error the
 * accumulator is unchanged. */
CXM_API int cxm_acc_remove(cxm_acc *acc, int32_t rating);

/* Removes `count` copies of a rating; count = 0 is a no-op returning CXM_OK.
 * Returns CXM_OK, CXM_ERR_NULL, CXM_ERR_RANGE, or CXM_ERR_ABSENT if fewer
 * than count are recorded. On error the accumulator is unchanged. */
CXM_API int cxm_acc_remove_count(cxm_acc *acc, int32_t rating, uint64_t count);

/* into += from: adds every count of `from` to `into`. The scales must be equal
 * (every field after size). into == from doubles the counts.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_MISMATCH for different scales;
 * CXM_ERR_OVERFLOW if any count or the total would exceed UINT64_MAX. On error
 * `into` is unchanged. */
CXM_API int cxm_acc_merge(cxm_acc *into, const cxm_acc *from);

/* from -= part: the exact inverse of cxm_acc_merge (e.g. drop yesterday from a
 * rolling window). part == from empties it.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_MISMATCH for different scales;
 * CXM_ERR_ABSENT if any count of part exceeds the one in from. On error
 * `from` is unchanged. */
CXM_API int cxm_acc_subtract(cxm_acc *from, const cxm_acc *part);

/* The number of ratings recorded. Returns CXM_OK or CXM_ERR_NULL; on error
 * *out is unchanged. */
CXM_API int cxm_acc_total(const cxm_acc *acc, uint64_t *out);

/* How many times `rating` is recorded. Returns CXM_OK, CXM_ERR_NULL, or
 * CXM_ERR_RANGE if rating is outside the scale; on error *out is unchanged. */
CXM_API int cxm_acc_count(const cxm_acc *acc, int32_t rating, uint64_t *out);

/* Copies the whole histogram: out[i] = count of rating min + i.
 *  out_len  must be >= max - min + 1; entries past that are left untouched
 * Returns CXM_OK, CXM_ERR_NULL, or CXM_ERR_SIZE if out_len is too small; on
 * error out is unchanged. */
CXM_API int cxm_acc_counts(const cxm_acc *acc, uint64_t *out, size_t out_len);

/* ======================================================================== *
 * Snapshot
 * ======================================================================== */

/* Every metric of an accumulator at once. Shares and net scores are in
 * percentage points (72.5 means 72.5 %), the mean and stddev in rating units.
 * Nothing is rounded: round once, on the final number, when presenting it
 * (rounding each share before subtracting gives wrong NPS values). */
typedef struct cxm_snapshot {
    uint32_t size;     /* sizeof(cxm_snapshot) */
    int32_t  headline; /* the scale's CXM_HEADLINE_* */
    uint64_t n, positive, neutral, negative;
    double   positive_share; /* percentage points */
    double   negative_share;
    double   net;                   /* positive_share - negative_share */
    double   mean, stddev;          /* rating units; stddev with n - 1 */
    double   score;                 /* the headline value */
    double   score_low, score_high; /* 95 % interval of score, default method */
    double   weight_total;          /* since 1.2: the sum of the weights W of a
                                       weighted accumulator; n for cxm_acc_snapshot */
    double n_effective;             /* since 1.2: Kish's effective sample size
                                       W^2 / Q; n for cxm_acc_snapshot */
} cxm_snapshot;

/* Sets size and zeroes every other field: `cxm_snapshot s = CXM_SNAPSHOT_INIT;` */
/* clang-format off */
#define CXM_SNAPSHOT_INIT \
    { (uint32_t)sizeof(cxm_snapshot), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
/* clang-format on */

/* Computes every metric of the accumulator.
 * The interval [score_low, score_high] is the 95 % interval of the headline
 * by its default method: Wilson score for a positive share, adjusted Wald
 * (Rocks 2016) for a net score, Student t for a mean. Share intervals are
 * clipped to [0, 100], net ones to [-100, 100]; the mean's is not clipped.
 * With n = 0 every double is NaN (never a fake 0); with n = 1 stddev and the
 * interval of a mean are NaN. weight_total and n_effective (since 1.2) are
 * both n, as for a weighted accumulator whose every weight is 1 (NaN when
 * n = 0); a caller whose size ends before them gets the fields it knows.
 *  out  the caller sets out->size first (CXM_SNAPSHOT_INIT); bytes past the
 *       fields this library knows, up to out->size, are zeroed
 * Returns CXM_OK, CXM_ERR_NULL, or CXM_ERR_SIZE if out->size is smaller than
 * the first released cxm_snapshot; on error *out is unchanged. */
CXM_API int cxm_acc_snapshot(const cxm_acc *acc, cxm_snapshot *out);

/* ======================================================================== *
 * Statistics
 * ======================================================================== */

/* What an interval or a comparison is about. HEADLINE is the scale's headline
 * (positive share, net or mean). */
enum {
    CXM_QUANTITY_HEADLINE = 0,
    CXM_QUANTITY_POSITIVE_SHARE = 1,
    CXM_QUANTITY_NEGATIVE_SHARE = 2,
    CXM_QUANTITY_NET = 3,
    CXM_QUANTITY_MEAN = 4
};

/* How an interval or a comparison is computed (docs/statistics.md). DEFAULT
 * is the first method listed for the quantity:
 *  shares  WILSON, WILSON_CC, AGRESTI_COULL, CLOPPER_PEARSON, WALD, JEFFREYS
 *  net     ADJUSTED_WALD, WALD, SCORE (Tango)
 *  mean    T
 * LOGIT (since 1.2) applies to weighted shares only (cxm_wacc_interval);
 * cxm_method_resolve answers which methods a call accepts.                  */
enum {
    CXM_METHOD_DEFAULT = 0,
    CXM_METHOD_WILSON = 1,
    CXM_METHOD_WILSON_CC = 2,
    CXM_METHOD_AGRESTI_COULL = 3,
    CXM_METHOD_CLOPPER_PEARSON = 4,
    CXM_METHOD_WALD = 5,
    CXM_METHOD_ADJUSTED_WALD = 6,
    CXM_METHOD_SCORE = 7,
    CXM_METHOD_T = 8,
    CXM_METHOD_LOGIT = 9,    /* since 1.2 */
    CXM_METHOD_JEFFREYS = 10 /* since 1.2 */
};

/* The name of a method: "default", "wilson", "wilson-cc", "agresti-coull",
 * "clopper-pearson", "wald", "adjusted-wald", "score", "t", and since 1.2
 * "logit" and "jeffreys" (lower-case ASCII, static). NULL if method is not a
 * CXM_METHOD_* value. Since 1.1. */
CXM_API const char *cxm_method_name(int method);

/* The method named by exactly len bytes of text, as cxm_method_name spells it
 * (no case folding, no whitespace, no NUL needed). Since 1.1.
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or text is NULL with len > 0;
 * CXM_ERR_ARG for any other text. On error *out is unchanged. */
CXM_API int cxm_method_parse(const char *text, size_t len, int *out);

/* The name of a quantity: "headline", "positive-share", "negative-share",
 * "net" or "mean" (static). NULL if quantity is not a CXM_QUANTITY_* value.
 * Since 1.1. */
CXM_API const char *cxm_quantity_name(int quantity);

/* The quantity named by exactly len bytes of text, as cxm_quantity_name
 * spells it. Since 1.1. Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_ARG as
 * cxm_method_parse; on error *out is unchanged. */
CXM_API int cxm_quantity_parse(const char *text, size_t len, int *out);

/* The word of a headline, as the scale's text form writes it: "share"
 * (CXM_HEADLINE_POSITIVE_SHARE), "net" or "mean" (static). NULL if headline is
 * not a CXM_HEADLINE_* value. Since 1.1. */
CXM_API const char *cxm_headline_name(int headline);

/* The headline named by exactly len bytes of text, as cxm_headline_name
 * spells it. Since 1.1. Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_ARG as
 * cxm_method_parse; on error *out is unchanged. */
CXM_API int cxm_headline_parse(const char *text, size_t len, int *out);

/* A confidence interval of one accumulator's quantity (cxm_acc_interval).
 * Units: percentage points for shares and net scores, rating units for the
 * mean; se in the same units. */
typedef struct cxm_interval {
    uint32_t size;             /* sizeof(cxm_interval) */
    int32_t  quantity, method; /* as resolved: never _HEADLINE or _DEFAULT */
    double   confidence;
    double   estimate, se, low, high; /* same units as the quantity */
} cxm_interval;

/* Sets size and zeroes every other field: `cxm_interval i = CXM_INTERVAL_INIT;` */
/* clang-format off */
#define CXM_INTERVAL_INIT { (uint32_t)sizeof(cxm_interval), 0, 0, 0, 0, 0, 0, 0 }
/* clang-format on */

/* A comparison of two independent samples, a - b (cxm_acc_compare). */
typedef struct cxm_comparison {
    uint32_t size;             /* sizeof(cxm_comparison) */
    int32_t  quantity, method; /* as resolved */
    double   confidence;
    double   difference, se; /* a - b, observed; se of the method */
    double   statistic, df;  /* z (df = INFINITY) or Welch t */
    double   p_value;        /* two-sided */
    double   low, high;      /* interval of the difference */
} cxm_comparison;

/* Sets size and zeroes every other field. */
/* clang-format off */
#define CXM_COMPARISON_INIT { (uint32_t)sizeof(cxm_comparison), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
/* clang-format on */

/* The confidence interval of a quantity of one accumulator.
 *  quantity    CXM_QUANTITY_*; HEADLINE resolves to the scale's headline
 *  method      CXM_METHOD_*; DEFAULT resolves to the first method listed for
 *              the quantity (WILSON for shares, ADJUSTED_WALD for net, T for
 *              the mean). Shares: WILSON, WILSON_CC, AGRESTI_COULL,
 *              CLOPPER_PEARSON, WALD, JEFFREYS (since 1.2: the equal-tailed
 *              interval of Beta(x + 1/2, n - x + 1/2), its lower limit 0 at
 *              x = 0 and its upper 100 at x = n). Net: ADJUSTED_WALD, WALD,
 *              SCORE (Tango). Mean: T.
 *  confidence  in (0, 1), e.g. 0.95
 *  out         the caller sets out->size first (CXM_INTERVAL_INIT)
 * out->estimate is always the observed value; se and the interval are the
 * method's (the adjusted-Wald interval is centred on the adjusted estimate).
 * se is the standard error the interval is built from: sqrt(p(1-p)/n) of the
 * observed share for WILSON, WILSON_CC, CLOPPER_PEARSON, WALD and JEFFREYS;
 * of the adjusted share for AGRESTI_COULL; of the adjusted net score for
 * ADJUSTED_WALD; of the observed net score for WALD and SCORE; s / sqrt(n) for
 * T. Share intervals are clipped to [0, 100], net intervals to [-100, 100];
 * the mean's is never clipped. docs/statistics.md has every formula.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE if out->size is too small;
 * CXM_ERR_ARG for an unknown quantity or method, a method that does not apply
 * to the quantity, or a confidence outside (0, 1) or NaN; CXM_ERR_EMPTY if
 * the accumulator is empty (or has fewer than 2 ratings, for the mean).
 * On error *out is unchanged. */
CXM_API int cxm_acc_interval(const cxm_acc *acc, int quantity, int method, double confidence,
                             cxm_interval *out);

/* Compares a quantity of two independent samples, a - b.
 *  quantity    as cxm_acc_interval (HEADLINE: the scales' headline)
 *  method      shares: WILSON (default; Newcombe's hybrid score interval of
 *              the difference, pooled two-proportion z test, se = the pooled
 *              standard error) or WALD (unpooled). Net: ADJUSTED_WALD
 *              (default; z test on each sample's adjusted-Wald estimate) or
 *              WALD. Mean: T (Welch's t test, Welch-Satterthwaite df).
 *  confidence  in (0, 1), for the interval of the difference
 *  out         the caller sets out->size first (CXM_COMPARISON_INIT)
 * out->difference is always the observed a - b; df is INFINITY for z tests;
 * p_value is two-sided. When se is 0 the statistic is 0 (p = 1) for a zero
 * difference and +/-INFINITY (p = 0) otherwise. Intervals of share
 * differences are clipped to [-100, 100], of net differences to [-200, 200].
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE; CXM_ERR_MISMATCH if the scales
 * differ; CXM_ERR_ARG as cxm_acc_interval; CXM_ERR_EMPTY if either sample is
 * empty (fewer than 2 ratings for the mean), or for the mean when both
 * samples have zero variance (Welch's df is then undefined).
 * On error *out is unchanged. */
CXM_API int cxm_acc_compare(const cxm_acc *a, const cxm_acc *b, int quantity, int method,
                            double confidence, cxm_comparison *out);

/* Which table of methods cxm_method_resolve consults: the intervals and the
 * comparisons of an accumulator (the lists above), or of a weighted
 * accumulator (cxm_wacc_interval, cxm_wacc_compare). Since 1.2. */
enum {
    CXM_USE_INTERVAL = 1,
    CXM_USE_COMPARE = 2,
    CXM_USE_WEIGHTED_INTERVAL = 3,
    CXM_USE_WEIGHTED_COMPARE = 4
};

/* What an interval or a comparison call would resolve a quantity and a
 * method to, without any data: HEADLINE becomes the scale's headline
 * quantity, DEFAULT the first method of that quantity's row in the table
 * `use` names. A layer above the library (SQL, a binding, a report) learns
 * the names to show for a result, or for a statistic that is undefined for
 * its sample, from here rather than from a copy of the tables. Confidence is
 * not an argument: a layer that resolves first knows that CXM_ERR_ARG from the
 * statistics call itself can only mean the confidence. Since 1.2.
 *  scale         a valid scale (its headline resolves HEADLINE)
 *  quantity      CXM_QUANTITY_*
 *  method        CXM_METHOD_*
 *  use           CXM_USE_*
 *  quantity_out  receives the resolved quantity (never HEADLINE)
 *  method_out    receives the resolved method (never DEFAULT)
 * Returns CXM_OK; CXM_ERR_NULL if a pointer is NULL; CXM_ERR_SIZE or
 * CXM_ERR_SCALE for an invalid scale (as cxm_scale_check); CXM_ERR_ARG for an
 * unknown use or quantity, or a method the table does not allow for the
 * quantity. Both outputs are written only on success. */
CXM_API int cxm_method_resolve(const cxm_scale *scale, int quantity, int method, int use,
                               int *quantity_out, int *method_out);

/* ======================================================================== *
 * Encoding
 * ======================================================================== */

/* An accumulator can be saved as bytes and restored from them: to a file, a
 * database column, a message to another process or machine. The encoding
 * (docs/format.md specifies it byte by byte) carries the scale and every
 * count, is the same on every host (little-endian, no padding, independent of
 * word size), is protected by a CRC-32C, and is canonical: accumulators with
 * equal scales and counts encode to identical bytes, so the bytes may be
 * compared or hashed. It is at most CXM_ENCODED_MAX bytes, a little over
 * 1 KiB (35 bytes when empty, growing with the number of ratings that have a
 * nonzero count).
 *
 * The format carries a version. This library writes version 1 and decodes
 * version 1 only; bytes of a newer version are refused with CXM_ERR_FORMAT
 * rather than half-understood (docs/format.md, "Versions"). */

/* The largest encoding of any accumulator, in bytes: a buffer this large
 * holds cxm_acc_encode's output for every scale and every count, so a fixed
 * column or message slot can be sized without asking, and some accumulator
 * encodes to exactly this many bytes. docs/format.md ("Size") derives it: 30
 * header bytes, 1 for the bucket count, 101 gaps of 1 byte, 4 for the CRC,
 * and counts of at most 10 + 100 * 9 varint bytes, because they sum to at
 * most 2^64 - 1 (only one count can reach 2^63, the 10-byte varints). Since
 * 1.1. */
#define CXM_ENCODED_MAX 1046

/* The exact number of bytes cxm_acc_encode writes for this accumulator now.
 *  acc  the accumulator
 *  out  receives the size in bytes
 * Returns CXM_OK or CXM_ERR_NULL; on error *out is unchanged. */
CXM_API int cxm_acc_encoded_size(const cxm_acc *acc, size_t *out);

/* Encodes the accumulator's scale and counts into buf.
 *  acc      the accumulator (only read)
 *  buf      where the encoding goes; may be NULL only when cap is 0
 *  cap      the size of buf in bytes; cxm_acc_encoded_size says how many
 *           are needed
 *  written  receives the number of bytes written
 * Returns CXM_OK; CXM_ERR_NULL if acc or written is NULL, or buf is NULL with
 * cap > 0; CXM_ERR_SIZE if cap is smaller than the encoding (so always for
 * cap = 0). On error nothing is written to buf, not even a prefix, and
 * *written is unchanged. */
CXM_API int cxm_acc_encode(const cxm_acc *acc, void *buf, size_t cap, size_t *written);

/* Restores an accumulator from an encoding made by cxm_acc_encode, on any
 * host. Only an exact encoding is accepted: the len bytes must be one whole
 * encoding, nothing more, nothing less.
 *  buf  the encoded bytes; may be NULL only when len is 0
 *  len  their number
 *  out  receives a new heap accumulator, to be released with cxm_acc_free
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or buf is NULL with len > 0;
 * CXM_ERR_FORMAT if the bytes are not a valid encoding: a wrong magic number,
 * a format version this library does not know (a newer one included), an
 * invalid scale, a count list that is not canonical or whose sum exceeds
 * UINT64_MAX, truncated or trailing bytes, a checksum mismatch, or len = 0;
 * CXM_ERR_NOMEM. The whole input is checked before anything is allocated; on
 * error nothing is allocated and *out is unchanged. */
CXM_API int cxm_acc_decode(const void *buf, size_t len, cxm_acc **out);

/* ======================================================================== *
 * Text forms (since 1.1)
 * ======================================================================== */

/* One readable, exact text form for scales and accumulators, shared by every
 * layer that shows or stores state as text (logs, JSON, SQL types). ASCII, no
 * whitespace anywhere:
 *
 *   scale        a preset name: csat5 csat3 csat10 csat2 nps ces7 ces5
 *                neteasy7 (parse also takes the aliases csat = csat5 and
 *                ces = ces7), or MIN..MAX/PMIN..PMAX/NMIN..NMAX/HEADLINE with
 *                decimal int32 numbers (an optional leading '-', no '+', no
 *                leading zeros, no -0) and HEADLINE one of share, net, mean:
 *                "1..5/4..5/1..2/share" is CSAT_5, "-3..3/2..3/-3..-2/net"
 *                a custom scale.
 *   accumulator  SCALE{RATING:COUNT,...}: every rating with a nonzero count,
 *                ratings strictly ascending, counts decimal uint64 without
 *                leading zeros: "nps{0:3,6:1,9:10,10:4}"; empty: "nps{}".
 *
 * Formatting writes the canonical form (a preset's name whenever the scale
 * equals a preset), so equal states format to equal strings, and parsing the
 * output gives back the same scale and counts on any host. */

/* A buffer of this many bytes holds any formatted scale or accumulator,
 * terminating NUL included. */
#define CXM_TEXT_MAX 4096

/* Parses the text form of a scale from exactly len bytes of text (no NUL
 * needed; a NUL inside is malformed).
 *  out  the scale to fill; the caller sets out->size first (CXM_SCALE_INIT)
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or text is NULL with len > 0;
 * CXM_ERR_SIZE for out->size as cxm_scale_preset; CXM_ERR_FORMAT for anything
 * the grammar does not accept, an invalid custom scale and len = 0 included.
 * On error *out is unchanged. */
CXM_API int cxm_scale_parse(const char *text, size_t len, cxm_scale *out);

/* Writes the canonical text form of a scale and a terminating NUL.
 *  buf      may be NULL only when cap is 0
 *  cap      must leave room for the NUL (CXM_TEXT_MAX always does)
 *  written  receives the length, NUL excluded
 * Returns CXM_OK; CXM_ERR_NULL if scale or written is NULL, or buf is NULL
 * with cap > 0; CXM_ERR_SIZE for scale->size; CXM_ERR_SCALE for an invalid
 * scale; CXM_ERR_SIZE if cap is too small for a valid scale (so always for
 * cap = 0), checked in that order. On error nothing is written to buf and
 * *written is unchanged. */
CXM_API int cxm_scale_format(const cxm_scale *scale, char *buf, size_t cap, size_t *written);

/* Writes the canonical text form of an accumulator and a terminating NUL.
 * buf, cap and written as cxm_scale_format.
 * Returns CXM_OK; CXM_ERR_NULL if acc or written is NULL, or buf is NULL with
 * cap > 0; CXM_ERR_SIZE if cap is too small. On error nothing is written to
 * buf and *written is unchanged. */
CXM_API int cxm_acc_format(const cxm_acc *acc, char *buf, size_t cap, size_t *written);

/* Parses the text form of an accumulator from exactly len bytes into a new
 * heap accumulator (released with cxm_acc_free). The scale may be written in
 * any form the scale grammar accepts: "1..5/4..5/1..2/share{5:2}" parses, and
 * formats back as "csat5{5:2}".
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or text is NULL with len > 0;
 * CXM_ERR_FORMAT for anything else the grammar does not accept: an unknown
 * name, upper case, an invalid scale, a rating outside the scale, ratings not
 * strictly ascending, a zero count, a count or a sum of counts beyond
 * UINT64_MAX, a leading zero, "-0", '+', whitespace, trailing bytes, len = 0;
 * CXM_ERR_NOMEM. On error nothing is allocated and *out is unchanged. */
CXM_API int cxm_acc_parse(const char *text, size_t len, cxm_acc **out);

/* ======================================================================== *
 * Series: trailing windows, calendar periods and trends (since 1.1)
 * ======================================================================== */

/* A series is a ring of accumulators indexed by a *bucket number* the caller
 * chooses: days since 1970-01-01 in the tenant's own time zone, ISO weeks,
 * hours, months. The library has no clock and no time zones. A series keeps
 * the `capacity` buckets (head - capacity, head]; a trailing window, a week, a
 * month or a fiscal quarter is a range of buckets, summed exactly into an
 * accumulator whose snapshot, intervals and comparisons are the ones above
 * (docs/series.md: choosing buckets, recipes, memory).
 *
 * Bucket numbers and heads lie in [-CXM_SERIES_BUCKET_LIMIT,
 * CXM_SERIES_BUCKET_LIMIT]; any other value is CXM_ERR_ARG, checked before
 * any window rule. Time never runs backwards in a series: its head only
 * advances. A function that fails reports the first rule broken in this
 * order: CXM_ERR_NULL, CXM_ERR_ARG, CXM_ERR_WINDOW, then the accumulator
 * rules (RANGE, MISMATCH, ABSENT, OVERFLOW). Threads: as for accumulators. */
typedef struct cxm_series cxm_series;

/* The most buckets a series may retain. */
#define CXM_SERIES_MAX_CAPACITY 1048576u

/* The largest magnitude of a bucket number or head: 2^62. */
#define CXM_SERIES_BUCKET_LIMIT ((int64_t)1 << 62)

/* Creates an empty series on the heap, released with cxm_series_free. It
 * allocates cxm_series_footprint bytes once and never again.
 *  scale     a valid scale (copied)
 *  capacity  the buckets retained, 1 .. CXM_SERIES_MAX_CAPACITY
 *  head      the newest bucket number
 *  out       receives the series
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale; CXM_ERR_ARG for a capacity or head out of range; CXM_ERR_NOMEM. On
 * error *out is unchanged. */
CXM_API int cxm_series_new(const cxm_scale *scale, uint32_t capacity, int64_t head,
                           cxm_series **out);

/* The number of bytes cxm_series_init needs (and cxm_series_new allocates):
 * in this version 64 + 8 * capacity * (max - min + 1), so 35 264 for 400
 * days of NPS (docs/series.md has a table); 0 if the scale is NULL or
 * invalid or the capacity out of range. */
CXM_API size_t cxm_series_footprint(const cxm_scale *scale, uint32_t capacity);

/* Places an empty series in caller memory, as cxm_acc_init does for an
 * accumulator: mem aligned for any object type, at least
 * cxm_series_footprint bytes; cxm_series_free on it does nothing.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale; CXM_ERR_ARG for a capacity or head out of range or misaligned mem;
 * CXM_ERR_SIZE if mem_size is below the footprint. On error neither mem nor
 * *out is touched. */
CXM_API int cxm_series_init(void *mem, size_t mem_size, const cxm_scale *scale, uint32_t capacity,
                            int64_t head, cxm_series **out);

/* Releases a series made by cxm_series_new, cxm_series_clone or
 * cxm_series_decode. NULL, and a series in caller memory, is a no-op. */
CXM_API void cxm_series_free(cxm_series *s);

/* Creates a heap copy of a series: scale, capacity, head and every bucket.
 * Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_NOMEM; on error *out is unchanged. */
CXM_API int cxm_series_clone(const cxm_series *s, cxm_series **out);

/* Copies the series' scale into *out (size rules as cxm_scale_preset).
 * Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_SIZE; on error *out is unchanged. */
CXM_API int cxm_series_scale(const cxm_series *s, cxm_scale *out);

/* The number of buckets retained. Returns CXM_OK or CXM_ERR_NULL. */
CXM_API int cxm_series_capacity(const cxm_series *s, uint32_t *out);

/* The newest bucket number. Returns CXM_OK or CXM_ERR_NULL. */
CXM_API int cxm_series_head(const cxm_series *s, int64_t *out);

/* Moves the head forward to `head`: the buckets that leave the window are
 * emptied, in time proportional to min(head - old head, capacity). A head at
 * or before the current one is a no-op returning CXM_OK, so it may be called
 * with "today" from anywhere.
 * Returns CXM_OK, CXM_ERR_NULL, or CXM_ERR_ARG for a head out of range; on
 * error the series is unchanged. */
CXM_API int cxm_series_advance(cxm_series *s, int64_t head);

/* Records one rating in a bucket, which must be retained:
 * head - capacity < bucket <= head (advance first for a newer one). Allocates
 * nothing.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_ARG for a bucket number out of range;
 * CXM_ERR_WINDOW for a bucket outside the window; CXM_ERR_RANGE for a rating
 * outside the scale; CXM_ERR_OVERFLOW if the bucket's total would exceed
 * UINT64_MAX. On error the series is unchanged. */
CXM_API int cxm_series_add(cxm_series *s, int64_t bucket, int32_t rating);

/* Records `count` copies of a rating in a bucket: cxm_acc_add_count with the
 * bucket rules of cxm_series_add. count = 0 is a no-op once the arguments are
 * checked. Returns the statuses of cxm_series_add; on error the series is
 * unchanged. */
CXM_API int cxm_series_add_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count);

/* Removes `count` copies of a rating from a bucket: cxm_acc_remove_count with
 * the bucket rules of cxm_series_add. count = 0 is a no-op once the arguments
 * are checked. Returns CXM_OK; CXM_ERR_NULL, CXM_ERR_ARG, CXM_ERR_WINDOW and
 * CXM_ERR_RANGE as cxm_series_add; CXM_ERR_ABSENT if fewer are recorded in
 * that bucket. On error the series is unchanged. */
CXM_API int cxm_series_remove_count(cxm_series *s, int64_t bucket, int32_t rating, uint64_t count);

/* Adds every count of an accumulator to a bucket: cxm_acc_merge with the
 * bucket rules of cxm_series_add.
 * Returns CXM_OK; CXM_ERR_NULL (s or part); CXM_ERR_ARG and CXM_ERR_WINDOW
 * as cxm_series_add; CXM_ERR_MISMATCH if part has another scale;
 * CXM_ERR_OVERFLOW if the bucket's total would exceed UINT64_MAX. On error
 * the series is unchanged. */
CXM_API int cxm_series_add_acc(cxm_series *s, int64_t bucket, const cxm_acc *part);

/* into += the buckets first .. last, inclusive. Buckets after the head are
 * empty, so "this week" works mid-week.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_ARG for a bucket number out of range
 * or first > last; CXM_ERR_WINDOW if first is older than the oldest retained
 * bucket (that data is gone, and a silently partial answer would be wrong);
 * CXM_ERR_MISMATCH if into has another scale; CXM_ERR_OVERFLOW. On error
 * `into` is unchanged. */
CXM_API int cxm_series_sum(const cxm_series *s, int64_t first, int64_t last, cxm_acc *into);

/* into += from, bucket by bucket: into's head advances to the later of both
 * heads (emptying into's buckets that leave, as cxm_series_advance), then
 * every bucket of `from` inside into's (new) window is added to into's
 * bucket of the same number; older ones have expired by into's definition
 * and are ignored. Capacities may differ (into keeps its own); with equal
 * capacities merge is commutative and associative. into == from doubles
 * every bucket. Time: proportional to the smaller capacity times the span,
 * plus the advance of into's head (min(head difference, into's capacity)
 * buckets emptied).
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_MISMATCH for different scales;
 * CXM_ERR_OVERFLOW. On error `into` is unchanged, head included. */
CXM_API int cxm_series_merge(cxm_series *into, const cxm_series *from);

/* The exact number of bytes cxm_series_encode writes for this series now:
 * 47 when empty, plus each nonempty bucket's age and counts (there is no
 * fixed maximum, unlike CXM_ENCODED_MAX). It visits every bucket.
 * Returns CXM_OK or CXM_ERR_NULL; on error *out is unchanged. */
CXM_API int cxm_series_encoded_size(const cxm_series *s, size_t *out);

/* Encodes a series: scale, capacity, head and its nonempty buckets, versioned,
 * little-endian, canonical (equal series encode to identical bytes, whatever
 * their history) and CRC-32C protected (docs/format.md, "Series"). Its magic
 * ("CXMS") differs from an accumulator's ("CXMA"). This library writes
 * version 1. buf, cap and written as cxm_acc_encode.
 * Returns CXM_OK; CXM_ERR_NULL if s or written is NULL, or buf is NULL with
 * cap > 0; CXM_ERR_SIZE if cap is smaller than the encoding (so always for
 * cap = 0). On error nothing is written to buf and *written is unchanged. */
CXM_API int cxm_series_encode(const cxm_series *s, void *buf, size_t cap, size_t *written);

/* Restores a series from exactly len bytes made by cxm_series_encode, on any
 * host, into a new heap series (released with cxm_series_free).
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or buf is NULL with len > 0;
 * CXM_ERR_FORMAT for anything that is not one whole valid series encoding:
 * an accumulator's encoding, another magic or version, an invalid scale, a
 * capacity or head out of range, a bucket outside the window, an empty or
 * non-canonical bucket, truncated or trailing bytes, a checksum mismatch,
 * len = 0; CXM_ERR_NOMEM. The whole input is checked before anything is
 * allocated; on error nothing is allocated and *out is unchanged. */
CXM_API int cxm_series_decode(const void *buf, size_t len, cxm_series **out);

/* ======================================================================== *
 * Weighted responses (since 1.2)
 * ======================================================================== */

/* A weighted accumulator, for revenue-weighted NPS, account weights, or
 * survey weights that make the people who answered stand for those who did
 * not. Each response carries a positive integer weight in a unit the caller
 * chooses (dollars of ARR, a survey weight times 1000). Per rating it keeps
 * three exact integer sums over that rating's responses: the count c, the
 * weight total W = sum of w and the sum of squares Q = sum of w^2 (two 64-bit
 * words; below 2^96). So it merges, subtracts, encodes and parses exactly, like cxm_acc,
 * and its statistics are design-based (docs/statistics.md, "Weighted
 * responses"): a weight says how much one respondent stands for, never how
 * many respondents there were. k identical answers are a count, for
 * cxm_acc_add_count, not a weight.
 *
 * Cell invariants. Every state, for every rating:
 *     c = 0  <=>  W = 0  <=>  Q = 0,    c <= W <= Q,
 *     W^2 <= c Q,                       Q <= W (2^32 - 1),
 * which any responses with weights 1 .. 2^32 - 1 satisfy; and the weights of
 * all ratings sum to at most UINT64_MAX (so the counts do, and Q < 2^96).
 * Every function that makes a state (add, remove, merge, subtract, decode,
 * parse) checks them and refuses a result that would break them; no other
 * state can exist.
 *
 * Statistics. With n the number of responses (the sum of the c's) and, for a
 * quantity theta = sum of y_r W_r / W (y_r = 100 in the band and 0 outside
 * for a share; 100, 0, -100 for net; r for the mean), the linearized variance
 * of a with-replacement sample of n responses is
 *     v = n / (n - 1) * sum of Q_r (y_r - theta)^2 / W^2      (n >= 2),
 * as R's survey package gives for svydesign(ids = ~1, weights = ~w); se is
 * sqrt(v) for every method, and the degrees of freedom are n - 1.
 * Threads: as for accumulators. */
typedef struct cxm_wacc cxm_wacc;

/* Creates an empty weighted accumulator on the heap.
 *  scale  a valid scale (copied)
 *  out    receives it, to be released with cxm_wacc_free
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale (as cxm_scale_check); CXM_ERR_NOMEM. On error *out is unchanged. */
CXM_API int cxm_wacc_new(const cxm_scale *scale, cxm_wacc **out);

/* The number of bytes cxm_wacc_init needs for this scale: in this version
 * 48 + 32 * (max - min + 1), so 400 for NPS and 3280 for the widest scale;
 * 0 if scale is NULL or invalid. */
CXM_API size_t cxm_wacc_footprint(const cxm_scale *scale);

/* cxm_wacc_footprint of the widest scale (CXM_SCALE_MAX_RATINGS ratings), as
 * CXM_ACC_FOOTPRINT_MAX is for an accumulator: a buffer of this many bytes
 * holds any weighted accumulator in caller memory. Since 1.2. */
#define CXM_WACC_FOOTPRINT_MAX 3280

/* Places an empty weighted accumulator in caller memory, as cxm_acc_init
 * does for an accumulator: it allocates nothing, and cxm_wacc_free on it does
 * nothing.
 *  mem       at least cxm_wacc_footprint(scale) bytes, aligned for any object
 *            type (alignof(max_align_t), as malloc returns)
 *  mem_size  the size of mem in bytes
 *  scale     a valid scale
 *  out       receives the weighted accumulator (a pointer into mem)
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale; CXM_ERR_ARG if mem is misaligned; CXM_ERR_SIZE if mem_size is below
 * the footprint. On error neither mem nor *out is touched. */
CXM_API int cxm_wacc_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_wacc **out);

/* Releases a weighted accumulator made by cxm_wacc_new, cxm_wacc_clone,
 * cxm_wacc_decode or cxm_wacc_parse. NULL, and one placed in caller memory by
 * cxm_wacc_init, is a no-op. */
CXM_API void cxm_wacc_free(cxm_wacc *w);

/* Creates a heap copy: same scale, same sums.
 * Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_NOMEM; on error *out is unchanged. */
CXM_API int cxm_wacc_clone(const cxm_wacc *w, cxm_wacc **out);

/* Sets every sum back to zero; the scale stays. Returns CXM_OK or
 * CXM_ERR_NULL. */
CXM_API int cxm_wacc_reset(cxm_wacc *w);

/* Copies the scale into *out (size rules as cxm_scale_preset).
 * Returns CXM_OK, CXM_ERR_NULL or CXM_ERR_SIZE; on error *out is unchanged. */
CXM_API int cxm_wacc_scale(const cxm_wacc *w, cxm_scale *out);

/* Records one response: its rating's c, W and Q grow by 1, weight and
 * weight^2.
 *  rating  a rating of the scale
 *  weight  1 .. 2^32 - 1, in the caller's unit
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_RANGE if rating is outside the scale;
 * CXM_ERR_ARG if weight is 0; CXM_ERR_OVERFLOW if the sum of all weights
 * would exceed UINT64_MAX (no other sum can overflow before it), checked in
 * that order. On error the weighted accumulator is unchanged. */
CXM_API int cxm_wacc_add(cxm_wacc *w, int32_t rating, uint32_t weight);

/* Removes one response recorded earlier with this rating and weight (a
 * corrected answer): the exact inverse of cxm_wacc_add.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_RANGE; CXM_ERR_ARG if weight is 0;
 * CXM_ERR_ABSENT if the rating's sums are smaller than one such response or
 * what would remain breaks a cell invariant (no such response can be in
 * them). On error the weighted accumulator is unchanged. */
CXM_API int cxm_wacc_remove(cxm_wacc *w, int32_t rating, uint32_t weight);

/* into += from, rating by rating (c, W and Q each added). The scales must
 * be equal; into == from doubles every sum.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_MISMATCH for different scales;
 * CXM_ERR_OVERFLOW if the sum of all weights would exceed UINT64_MAX. On
 * error `into` is unchanged. */
CXM_API int cxm_wacc_merge(cxm_wacc *into, const cxm_wacc *from);

/* from -= part, rating by rating: the exact inverse of cxm_wacc_merge (drop
 * yesterday from a rolling window). part == from empties it.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_MISMATCH for different scales;
 * CXM_ERR_ABSENT if any sum of part exceeds the one in from, or a rating's
 * remaining sums would break a cell invariant. On error `from` is
 * unchanged. */
CXM_API int cxm_wacc_subtract(cxm_wacc *from, const cxm_wacc *part);

/* One rating's sums.
 *  count    receives c, the responses with that rating
 *  weight   receives W, the sum of their weights
 *  squares  receives Q, the sum of their squared weights, as
 *           {high 64 bits, low 64 bits}: Q = squares[0] * 2^64 + squares[1]
 * Returns CXM_OK; CXM_ERR_NULL if any pointer is NULL; CXM_ERR_RANGE if
 * rating is outside the scale. On error nothing is written. */
CXM_API int cxm_wacc_cell(const cxm_wacc *w, int32_t rating, uint64_t *count, uint64_t *weight,
                          uint64_t squares[2]);

/* The sums over every rating: count n, weight W, squares Q as in
 * cxm_wacc_cell. Returns CXM_OK or CXM_ERR_NULL (any pointer); on error
 * nothing is written. */
CXM_API int cxm_wacc_totals(const cxm_wacc *w, uint64_t *count, uint64_t *weight,
                            uint64_t squares[2]);

/* into += the counts c, as if each response had been added to the
 * accumulator `into` without its weight (the unweighted figures beside the
 * weighted ones). The scales must be equal.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_MISMATCH; CXM_ERR_OVERFLOW if into's
 * total would exceed UINT64_MAX. On error `into` is unchanged. */
CXM_API int cxm_wacc_unweighted(const cxm_wacc *w, cxm_acc *into);

/* Every metric of a weighted accumulator, in a cxm_snapshot:
 *  n, positive, neutral, negative  response counts (the c's)
 *  positive_share, negative_share  100 W_band / W
 *  net                             100 (W_positive - W_negative) / W
 *  mean                            sum of r W_r / W
 *  stddev                          sqrt(sum of W_r (r - mean)^2 / (W - Q/W)),
 *                                  the weighted standard deviation with
 *                                  Kish's correction; NaN when W - Q/W is 0
 *                                  (one response)
 *  score, score_low, score_high    the headline and its 95 % interval by the
 *                                  weighted default method: Korn-Graubard for
 *                                  a share, WALD for net, T for the mean;
 *                                  score is the observed headline from one
 *                                  response on; score_low and score_high are
 *                                  NaN where cxm_wacc_interval answers
 *                                  CXM_ERR_EMPTY (fewer than 2 responses)
 *  weight_total                    W
 *  n_effective                     Kish's effective sample size W^2 / Q
 * An empty weighted accumulator snapshots with n = 0 and every double NaN.
 *  out  the caller sets out->size first (CXM_SNAPSHOT_INIT); a size that
 *       ends before weight_total gets the fields it has
 * Returns CXM_OK, CXM_ERR_NULL, or CXM_ERR_SIZE if out->size is smaller than
 * the first released cxm_snapshot; on error *out is unchanged. */
CXM_API int cxm_wacc_snapshot(const cxm_wacc *w, cxm_snapshot *out);

/* The confidence interval of a weighted quantity.
 *  quantity    CXM_QUANTITY_*; HEADLINE resolves to the scale's headline
 *  method      shares: CLOPPER_PEARSON (the default; Korn and Graubard 1998:
 *              the Clopper-Pearson interval at the effective sample size
 *              n* = p (1 - p) / v and x* = n* p, Beta quantiles at those
 *              non-integer arguments; survey's svyciprop(method = "beta").
 *              Where p is 0 or 1, v is 0 and n* undefined: survey answers NaN
 *              limits there, this library n* = n, the unweighted
 *              Clopper-Pearson interval of n responses all in or all out), WALD (theta +- t(n - 1)
 * se; svyciprop(method = "mean")) or LOGIT (logit(p) +- t(n - 1) se / (p (1 - p)) in proportion
 * units, transformed back; svyciprop( method = "logit")). Net: WALD. Mean: T (theta +- t(n - 1) se;
 *              confint(svymean(...), df = degf(design))). DEFAULT is the first.
 *  confidence  in (0, 1), e.g. 0.95
 *  out         the caller sets out->size first (CXM_INTERVAL_INIT)
 * out->estimate is the weighted value theta and out->se = sqrt(v) for every
 * method, in the quantity's units (percentage points for shares and net).
 * Share intervals are clipped to [0, 100], net ones to [-100, 100]; the
 * mean's is never clipped.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE if out->size is too small;
 * CXM_ERR_ARG for an unknown quantity or method, a method that does not apply
 * (cxm_method_resolve with CXM_USE_WEIGHTED_INTERVAL answers which do), or a
 * confidence outside (0, 1) or NaN; CXM_ERR_EMPTY for fewer than 2 responses,
 * and for LOGIT when the share is 0 or 100. On error *out is unchanged. */
CXM_API int cxm_wacc_interval(const cxm_wacc *w, int quantity, int method, double confidence,
                              cxm_interval *out);

/* Compares a weighted quantity of two independent samples, a - b.
 *  quantity    as cxm_wacc_interval
 *  method      WALD for shares and net, T for the mean (DEFAULT is that one):
 *              se = sqrt(v_a + v_b), statistic = difference / se, a two-sided
 *              t test with the Welch-Satterthwaite degrees of freedom
 *              df = (v_a + v_b)^2 / (v_a^2 / (n_a - 1) + v_b^2 / (n_b - 1)),
 *              and the interval difference +- t(df) se
 *  confidence  in (0, 1), for the interval of the difference
 *  out         the caller sets out->size first (CXM_COMPARISON_INIT)
 * out->difference is the observed a - b, formed from the integer sums.
 * Intervals of share differences are clipped to [-100, 100], of net
 * differences to [-200, 200]; of the mean, never.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE; CXM_ERR_MISMATCH if the scales
 * differ; CXM_ERR_ARG as cxm_wacc_interval (CXM_USE_WEIGHTED_COMPARE);
 * CXM_ERR_EMPTY if either sample has fewer than 2 responses, or both have
 * v = 0 (every response of each alike: Welch's df is then 0/0).
 * On error *out is unchanged. */
CXM_API int cxm_wacc_compare(const cxm_wacc *a, const cxm_wacc *b, int quantity, int method,
                             double confidence, cxm_comparison *out);

/* The largest cxm_wacc_encode output of any weighted accumulator, in bytes:
 * a buffer this large holds every encoding, and some weighted accumulator
 * encodes to exactly this many. docs/format.md ("Weighted accumulators",
 * "Size") derives it: 35 bytes of frame, scale and CRC, 101 gaps, and at
 * most 3242 bytes of sums, because the weights sum to at most 2^64 - 1. */
#define CXM_WACC_ENCODED_MAX 3378

/* The longest cxm_wacc_format output plus its NUL, in bytes: a buffer this
 * large holds the text of every weighted accumulator, and the text of some
 * fills it exactly (docs/format.md, "Text form", derives it: 80 characters of
 * scale, 1516 of brackets, ratings and separators, 6425 digits of sums). */
#define CXM_WACC_TEXT_MAX 8022

/* The exact number of bytes cxm_wacc_encode writes for this state now.
 * Returns CXM_OK or CXM_ERR_NULL; on error *out is unchanged. */
CXM_API int cxm_wacc_encoded_size(const cxm_wacc *w, size_t *out);

/* Encodes the scale and every rating's sums: versioned, little-endian,
 * canonical (equal states encode to identical bytes) and CRC-32C protected,
 * under its own magic ("CXMW"; an accumulator's is "CXMA", a series' "CXMS"),
 * as docs/format.md specifies byte by byte. This library writes version 1.
 * buf, cap and written as cxm_acc_encode.
 * Returns CXM_OK; CXM_ERR_NULL if w or written is NULL, or buf is NULL with
 * cap > 0; CXM_ERR_SIZE if cap is smaller than the encoding (so always for
 * cap = 0). On error nothing is written to buf and *written is unchanged. */
CXM_API int cxm_wacc_encode(const cxm_wacc *w, void *buf, size_t cap, size_t *written);

/* Restores a weighted accumulator from exactly len bytes made by
 * cxm_wacc_encode, on any host, into a new heap one (released with
 * cxm_wacc_free).
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or buf is NULL with len > 0;
 * CXM_ERR_FORMAT for anything that is not one whole valid encoding: an
 * accumulator's or a series' encoding, another magic or version, an invalid
 * scale, a list of sums that is not canonical, a rating whose sums break a
 * cell invariant, weights summing beyond UINT64_MAX, truncated or trailing
 * bytes, a checksum mismatch, len = 0; CXM_ERR_NOMEM. The whole input is
 * checked before anything is allocated; on error nothing is allocated and
 * *out is unchanged. */
CXM_API int cxm_wacc_decode(const void *buf, size_t len, cxm_wacc **out);

/* Writes the canonical text form of a weighted accumulator and a
 * terminating NUL:
 *     SCALE[RATING:COUNT/WEIGHT/SQUARES,...]
 * square brackets (an accumulator's braces would read as unweighted counts),
 * the scale as in the accumulator's text form, then every rating with c > 0,
 * ascending, with its c, W and Q in decimal without leading zeros:
 * "nps[6:1/40/1600,9:2/150/12500]"; empty: "nps[]". buf, cap and written as
 * cxm_acc_format (CXM_WACC_TEXT_MAX always leaves room).
 * Returns CXM_OK; CXM_ERR_NULL if w or written is NULL, or buf is NULL with
 * cap > 0; CXM_ERR_SIZE if cap is too small. On error nothing is written to
 * buf and *written is unchanged. */
CXM_API int cxm_wacc_format(const cxm_wacc *w, char *buf, size_t cap, size_t *written);

/* Parses the text form of a weighted accumulator from exactly len bytes into
 * a new heap one (released with cxm_wacc_free). The scale may be written in
 * any form the scale grammar accepts; SQUARES may have up to 39 digits (2^128
 * - 1).
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or text is NULL with len > 0;
 * CXM_ERR_FORMAT for anything else: what cxm_acc_parse refuses (an unknown
 * name, an invalid scale, a rating outside it, ratings not strictly
 * ascending, a leading zero, '+', whitespace, trailing bytes, len = 0 ...),
 * a zero count, a number too large for its field, a rating whose sums break
 * a cell invariant, weights summing beyond UINT64_MAX; CXM_ERR_NOMEM. On
 * error nothing is allocated and *out is unchanged. */
CXM_API int cxm_wacc_parse(const char *text, size_t len, cxm_wacc **out);

/* ======================================================================== *
 * A recorder for many threads (since 1.2)
 * ======================================================================== */

/* A server records answers from many threads; an accumulator needs exclusive
 * access to change. A recorder takes cxm_recorder_add and
 * cxm_recorder_add_count from any number of threads at once, without locks,
 * and hands what it holds to one collector at a time, exactly: every rating
 * recorded is collected once (docs/performance.md, "Recorder", has the
 * figures; the other pattern, an accumulator per thread and cxm_acc_merge,
 * suits work that is split up front).
 *
 * Threads: add, add_count and collect may run at the same time; collect
 * needs one collector at a time (the caller's lock, or one collecting
 * thread); new/init/free need exclusive access. Each thread adds to one of 32
 * stripes of counts, chosen from the address of its stack, so threads on
 * different stripes never write the same cache line; two threads share a
 * stripe only by chance, which slows them, never miscounts.
 *
 * The recorder's count is the number of ratings it holds: added, and not yet
 * collected, over all ratings. It never exceeds UINT64_MAX, so collecting
 * into an empty accumulator always succeeds. A recorder asked to hold more
 * than UINT64_MAX - 2^62 ratings (only add_count calls of over 10^15 ratings
 * at a time get it there) switches for good to checking every add against
 * one shared exact total: still lock-free and exact, no longer spread over
 * stripes. Since 1.2. */
typedef struct cxm_recorder cxm_recorder;

/* Creates an empty recorder on the heap.
 *  scale  a valid scale (copied)
 *  out    receives the recorder, to be released with cxm_recorder_free
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale (as cxm_scale_check); CXM_ERR_NOMEM. On error *out is unchanged.
 * Since 1.2. */
CXM_API int cxm_recorder_new(const cxm_scale *scale, cxm_recorder **out);

/* The number of bytes cxm_recorder_init needs for this scale: about 800 per
 * rating of the scale (on x86-64, 9 447 bytes for NPS, 81 783 for 0-100),
 * since every rating has a cell in each stripe; 0 if scale is NULL or
 * invalid. Since 1.2. */
CXM_API size_t cxm_recorder_footprint(const cxm_scale *scale);

/* Places an empty recorder in caller memory, as cxm_acc_init does for an
 * accumulator: it allocates nothing, and cxm_recorder_free on it does
 * nothing.
 *  mem       at least cxm_recorder_footprint(scale) bytes, aligned for any
 *            object type (alignof(max_align_t), as malloc returns)
 *  mem_size  the size of mem in bytes
 *  scale     a valid scale
 *  out       receives the recorder (a pointer into mem)
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_SIZE or CXM_ERR_SCALE for an invalid
 * scale; CXM_ERR_ARG if mem is misaligned; CXM_ERR_SIZE if mem_size is below
 * the footprint. On error neither mem nor *out is touched. Since 1.2. */
CXM_API int cxm_recorder_init(void *mem, size_t mem_size, const cxm_scale *scale,
                              cxm_recorder **out);

/* Releases a recorder made by cxm_recorder_new; what it still holds is lost.
 * NULL, and a recorder in caller memory, is a no-op. Since 1.2. */
CXM_API void cxm_recorder_free(cxm_recorder *r);

/* Records one rating; from any thread, at the same time as other adds and a
 * collect. Allocates nothing, takes no lock.
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_RANGE if rating is outside the
 * scale; CXM_ERR_OVERFLOW if the recorder's count would exceed UINT64_MAX.
 * On error nothing is recorded. Since 1.2. */
CXM_API int cxm_recorder_add(cxm_recorder *r, int32_t rating);

/* Records `count` copies of one rating, as cxm_recorder_add; count = 0 is a
 * no-op returning CXM_OK once the arguments are checked.
 * Returns the statuses of cxm_recorder_add; on error nothing is recorded.
 * Since 1.2. */
CXM_API int cxm_recorder_add_count(cxm_recorder *r, int32_t rating, uint64_t count);

/* Moves everything the recorder holds into `into` (into += the ratings) and
 * leaves it out of the recorder. A rating whose add returned before collect
 * began (in the sense of the C memory model: the adding thread's return
 * happens before the collector's call, e.g. through a lock, a queue or a
 * thread join) is in this collection; one whose add runs during the collect
 * is in this one or the next, never both, never neither. Takes time
 * proportional to 32 * (max - min + 1); allocates nothing.
 *  into  an accumulator of the same scale, changed by this thread alone
 * Returns CXM_OK; CXM_ERR_NULL; CXM_ERR_MISMATCH if into has another scale;
 * CXM_ERR_OVERFLOW if into's total would exceed UINT64_MAX. On error `into`
 * is unchanged and every rating is still in the recorder, for a later
 * collect. Since 1.2. */
CXM_API int cxm_recorder_collect(cxm_recorder *r, cxm_acc *into);

/* ======================================================================== *
 * Many comparisons at once: adjusted p-values (since 1.2)
 * ======================================================================== */

/* A report that tests every segment every month makes dozens of comparisons;
 * at p < 0.05 some "significant" changes are noise. Adjusting the p-values
 * of a family of tests keeps that in check (docs/statistics.md, "Many
 * comparisons at once", says which method controls what):
 *  BONFERRONI  p * m: the family-wise error rate, for any dependence
 *  HOLM        step-down Bonferroni: the same guarantee, never less power
 *  HOCHBERG    step-up: the family-wise rate, for independent or positively
 *              dependent tests
 *  BH          Benjamini-Hochberg: the false discovery rate, same condition
 *  BY          Benjamini-Yekutieli: the false discovery rate, any dependence
 * with m the number of p-values. Since 1.2. */
enum {
    CXM_ADJUST_BONFERRONI = 1,
    CXM_ADJUST_HOLM = 2,
    CXM_ADJUST_HOCHBERG = 3,
    CXM_ADJUST_BH = 4,
    CXM_ADJUST_BY = 5
};

/* Adjusts n p-values at once, exactly as R's p.adjust does (to the bit; R's
 * method names are "bonferroni", "holm", "hochberg", "BH", "BY"): NaN
 * entries stay NaN and do not count in m; ties, and the cumulative maxima
 * (HOLM) and minima (the others) of the adjusted values, as R computes them;
 * every result capped at 1; with m <= 1 the p-values are returned as they are.
 *  p       n p-values in [0, 1], or NaN; may be NULL when n is 0
 *  n       their number; 0 is a no-op returning CXM_OK
 *  method  CXM_ADJUST_*
 *  out     n adjusted p-values, in the order of p; may be p itself (the
 *          adjustment is then made in place); may be NULL when n is 0
 * Allocates m positions for the ordering (not for BONFERRONI, nor m <= 1).
 * Returns CXM_OK; CXM_ERR_NULL if p or out is NULL with n > 0 (checked
 * first); CXM_ERR_ARG for an unknown method (also when n is 0) or a p-value
 * outside [0, 1] that is not NaN (infinities included); CXM_ERR_NOMEM. On
 * error out is unchanged. Since 1.2. */
CXM_API int cxm_adjust_p(const double *p, size_t n, int method, double *out);

/* The name of an adjustment: "bonferroni", "holm", "hochberg", "bh", "by"
 * (lower-case ASCII, static); NULL if method is not a CXM_ADJUST_* value.
 * Since 1.2. */
CXM_API const char *cxm_adjust_name(int method);

/* The adjustment named by exactly len bytes of text, as cxm_adjust_name
 * spells it (no case folding, no whitespace, no NUL needed). Since 1.2.
 * Returns CXM_OK; CXM_ERR_NULL if out is NULL, or text is NULL with len > 0;
 * CXM_ERR_ARG for any other text. On error *out is unchanged. */
CXM_API int cxm_adjust_parse(const char *text, size_t len, int *out);

/* ======================================================================== *
 * How many answers a survey needs (since 1.2)
 * ======================================================================== */

/* How many answers does a survey need for +-5 NPS points at 95 %? The number
 * of responses for the Wald interval of a quantity (estimate +- z se) to be at
 * most half_width wide on each side,
 *
 *   n0 = ceil(z^2 sigma^2 / half_width^2),  n = ceil(n0 / (1 + (n0 - 1) / N)),
 *
 * with z the two-sided normal critical value of the confidence, sigma^2 the
 * variance of one answer, and N a finite population (the second step only
 * when N > 0). sigma^2, in the quantity's units squared, comes from the
 * integer counts of `expected` (a pilot, or last period's answers), or is the
 * worst case when expected is NULL:
 *  shares  100^2 p (1 - p)                         worst p = 1/2
 *  net     100^2 (p+ + p- - (p+ - p-)^2)           worst p+ = p- = 1/2
 *  mean    the ratings' sample variance (n - 1)    worst (max - min)^2 / 4
 * sigma^2 = 0 (all answers alike) gives 1. Worst-case NPS, +-5 points, 95 %:
 * 1 537 answers; a population of 2 000 customers: 870 (docs/statistics.md,
 * "How many answers do you need?", works these through).
 *
 * The ceiling is exact for the numbers computed, except that a value above an
 * integer by no more than 2^-40 of itself counts as that integer: z, the
 * squares and decimal inputs such as 0.95 carry rounding errors near 2^-52,
 * which must not add an answer when the exact value is a whole number. The
 * finite-population step is done in exact integer arithmetic.
 *
 *  scale       a valid scale
 *  expected    NULL (worst case), or an accumulator of that scale
 *  quantity    CXM_QUANTITY_* (HEADLINE: the scale's headline)
 *  confidence  in (0, 1), e.g. 0.95
 *  half_width  > 0, in the quantity's units (percentage points for shares
 *              and net scores, rating units for the mean)
 *  population  the number of people who could answer (N); 0 for unlimited
 *  out         receives n (at least 1; at most N when N > 0)
 * Returns CXM_OK; CXM_ERR_NULL if scale or out is NULL; CXM_ERR_SIZE or
 * CXM_ERR_SCALE for an invalid scale; CXM_ERR_ARG for an unknown quantity, a
 * confidence outside (0, 1) or NaN, a half_width <= 0 or NaN;
 * CXM_ERR_MISMATCH if expected has another scale; CXM_ERR_EMPTY if expected
 * has no answers (fewer than 2 for the mean); CXM_ERR_OVERFLOW if n would
 * exceed UINT64_MAX (N = 0 only). Checked in that order; on error *out is
 * unchanged. Since 1.2. */
CXM_API int cxm_plan_sample_size(const cxm_scale *scale, const cxm_acc *expected, int quantity,
                                 double confidence, double half_width, uint64_t population,
                                 uint64_t *out);

#ifdef __cplusplus
}
#endif

#endif /* CXMETRICS_H */
