/*
 * The SSE2 kernels of the batch functions: vector compare-and-count.
 *
 * For each valid value v, a byte compare of 16 ratings against v gives 0xFF
 * (that is, -1) where they match; subtracting that from a vector of byte
 * counters counts 16 ratings at once. Byte counters hold 255, so after each
 * block of 255 vectors they are summed into 64-bit totals (psadbw against
 * zero adds eight bytes at a time). The work is two instructions per valid
 * value per 16 ratings, so it wins over table look-ups when there are few
 * values, as in every preset (NPS: 11). Ratings outside the scale match no
 * counter; the caller sees them as a count below the length.
 *
 * int32 ratings are first narrowed to bytes, 16 at a time: r - min (wrapping)
 * maps the valid ratings to 0 .. span - 1, and the two saturating packs keep
 * every other value outside 0 .. 15 (a positive difference saturates to at
 * least 16, a negative one to a negative byte), so no mask is needed.
 *
 * SSE2 is part of x86-64 itself, so selecting these at compile time is safe;
 * elsewhere this file compiles to nothing and the portable kernels serve.
 * Stack use: 4 KiB of narrowed bytes (int32 only) plus 256 bytes of totals.
 */
#include "internal.h"

#if CXMI_HAVE_SSE2

#include <emmintrin.h>

/* Vectors per block: byte counters must not pass 255. */
#define BLOCK 255

/* Counters are kept for an even number of values (at most one wasted
 * compare); a padding value repeats the first and its counter is ignored. */
#define MAX_BINS 16

/* count_NB counts nvec vectors at p against vals[0 .. NB) and adds the
 * per-value totals to sums (two 64-bit halves each). The counters stay in
 * registers only when they are separate variables and NB is a constant (no
 * compiler is obliged to unroll a loop over an array of them), hence sixteen
 * named counters, tests `b < NB` that fold away, and one function per even NB. */
/* clang-format reads a list of macro calls as one expression. */
/* clang-format off */
#define CXMI_EACH(OP)                                                                   \
    OP(0) OP(1) OP(2) OP(3) OP(4) OP(5) OP(6) OP(7)                                     \
    OP(8) OP(9) OP(10) OP(11) OP(12) OP(13) OP(14) OP(15)
/* clang-format on */
#define CXMI_ZERO(b) __m128i c##b = _mm_setzero_si128();
#define CXMI_STEP(b)                                                                               \
    if ((b) < NB) {                                                                                \
        c##b = _mm_sub_epi8(c##b, _mm_cmpeq_epi8(x, vals[b]));                                     \
    }
#define CXMI_SUM(b)                                                                                \
    if ((b) < NB) {                                                                                \
        sums[b] = _mm_add_epi64(sums[b], _mm_sad_epu8(c##b, _mm_setzero_si128()));                 \
    }
#define CXMI_DEFINE_COUNT(NB_)                                                                     \
    static void count_##NB_(const uint8_t *p, size_t nvec, const __m128i *vals, __m128i *sums)     \
    {                                                                                              \
        enum { NB = NB_ };                                                                         \
        CXMI_EACH(CXMI_ZERO)                                                                       \
        for (size_t i = 0; i < nvec; i++) {                                                        \
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));              \
            CXMI_EACH(CXMI_STEP)                                                                   \
        }                                                                                          \
        CXMI_EACH(CXMI_SUM)                                                                        \
    }

CXMI_DEFINE_COUNT(2)
CXMI_DEFINE_COUNT(4)
CXMI_DEFINE_COUNT(6)
CXMI_DEFINE_COUNT(8)
CXMI_DEFINE_COUNT(10)
CXMI_DEFINE_COUNT(12)
CXMI_DEFINE_COUNT(14)
CXMI_DEFINE_COUNT(16)

typedef void count_fn(const uint8_t *, size_t, const __m128i *, __m128i *);

static count_fn *pick(uint32_t nbins)
{
    static count_fn *const by_pairs[] = {count_2,  count_2,  count_4,  count_6, count_8,
                                         count_10, count_12, count_14, count_16};
    _Static_assert(sizeof by_pairs / sizeof by_pairs[0] == (MAX_BINS + 1) / 2 + 1,
                   "a kernel for every nbins up to MAX_BINS");
    return by_pairs[(nbins + 1) / 2];
}

/* The compare values and the 64-bit totals of one chunk. */
typedef struct counting {
    count_fn *count;
    uint32_t nbins;
    __m128i vals[MAX_BINS];
    __m128i sums[MAX_BINS];
} counting;

static void counting_start(counting *c, uint8_t first, uint32_t nbins)
{
    c->count = pick(nbins);
    c->nbins = nbins;
    for (uint32_t b = 0; b < MAX_BINS; b++) {
        c->vals[b] = _mm_set1_epi8((char)(b < nbins ? first + b : first));
        c->sums[b] = _mm_setzero_si128();
    }
}

/* Adds the totals to hist[0 .. nbins) and returns their sum. */
static uint64_t counting_finish(const counting *c, uint64_t *hist)
{
    uint64_t counted = 0;
    for (uint32_t b = 0; b < c->nbins; b++) {
        uint64_t halves[2];
        _mm_storeu_si128((__m128i *)(void *)halves, c->sums[b]);
        hist[b] += halves[0] + halves[1];
        counted += halves[0] + halves[1];
    }
    return counted;
}

uint64_t cxmi_sse2_count_u8(const uint8_t *r, size_t len, uint8_t lo, uint32_t nbins,
                            uint64_t *hist)
{
    counting c;
    counting_start(&c, lo, nbins);
    size_t nvec = len / 16;
    for (size_t done = 0; done < nvec; done += BLOCK) {
        size_t block = nvec - done < BLOCK ? nvec - done : BLOCK;
        c.count(r + 16 * done, block, c.vals, c.sums);
    }
    uint64_t counted = counting_finish(&c, hist);
    for (size_t i = 16 * nvec; i < len; i++) {
        uint32_t b = (uint32_t)r[i] - lo;
        if (b < nbins) {
            hist[b]++;
            counted++;
        }
    }
    return counted;
}

/* Narrows 16 * nvec int32 ratings to bytes r - min (see the top comment). */
static void narrow(const int32_t *r, size_t nvec, __m128i min, uint8_t *out)
{
    for (size_t i = 0; i < nvec; i++) {
        const __m128i *in = (const __m128i *)(const void *)(r + 16 * i);
        __m128i a = _mm_sub_epi32(_mm_loadu_si128(in + 0), min);
        __m128i b = _mm_sub_epi32(_mm_loadu_si128(in + 1), min);
        __m128i c = _mm_sub_epi32(_mm_loadu_si128(in + 2), min);
        __m128i d = _mm_sub_epi32(_mm_loadu_si128(in + 3), min);
        __m128i bytes = _mm_packs_epi16(_mm_packs_epi32(a, b), _mm_packs_epi32(c, d));
        _mm_storeu_si128((__m128i *)(void *)(out + 16 * i), bytes);
    }
}

uint64_t cxmi_sse2_count_i32(const int32_t *r, size_t len, int32_t min, uint32_t span,
                             uint64_t *hist)
{
    uint8_t narrowed[16 * BLOCK];
    counting c;
    counting_start(&c, 0, span);
    const __m128i vmin = _mm_set1_epi32(min);
    size_t nvec = len / 16;
    for (size_t done = 0; done < nvec; done += BLOCK) {
        size_t block = nvec - done < BLOCK ? nvec - done : BLOCK;
        narrow(r + 16 * done, block, vmin, narrowed);
        c.count(narrowed, block, c.vals, c.sums);
    }
    uint64_t counted = counting_finish(&c, hist);
    for (size_t i = 16 * nvec; i < len; i++) {
        uint32_t b = cxmi_rating_index(r[i], min);
        if (b < span) {
            hist[b]++;
            counted++;
        }
    }
    return counted;
}

#else

/* ISO C wants a translation unit to declare something. */
typedef int cxmi_no_sse2;

#endif
