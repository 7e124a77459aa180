/*
 * The recorder: ratings added from any number of threads at once, without
 * locks, and moved into an accumulator by one collector at a time, exactly.
 *
 * Counts only grow. HdrHistogram's interval recorder flips two histograms
 * under a phaser so that its reader never sees one half-written; a count that
 * only grows needs no second copy. Every count here is a word that adders
 * raise with one compare-and-swap and nobody ever lowers; the collector keeps
 * a mark per word — how far it has taken it — and a collection is what lies
 * between the marks and the words as it reads them. An add that lands before
 * the collector reads its word is in this collection, one that lands after is
 * in the next; a refused collection moves no mark, so it loses nothing.
 *
 * Stripes. Two threads raising one word pass its cache line back and forth
 * and run slower together than one alone. So every rating has a cell in each
 * of STRIPES stripes, each stripe on cache lines of its own, and a thread
 * adds to the stripe its stack address picks (stripe_here): no thread
 * identity, no thread-local or global state. The collector sums the stripes.
 *
 * The overflow rule is on the recorder's count, the ratings it holds (added
 * and not yet collected) over all ratings and stripes: an add that would take
 * it past UINT64_MAX records nothing, so a collection into an empty
 * accumulator always fits. A total over many words cannot be checked by one
 * compare-and-swap, so the room is divided:
 *  - a cell takes at most `quota` ratings between collections, and all cells
 *    together at most cells_quota <= 2^62 (checked in the cell's own CAS);
 *  - what does not fit its cell spills into a per-rating spill word, after it
 *    is reserved in one shared word, `held`, that keeps held + cells_quota
 *    <= UINT64_MAX. Realistic use never spills: a cell's quota is over 10^15.
 *  - An add that finds no room that way, which takes a count within 2^62 of
 *    UINT64_MAX, closes every cell for good (a flag bit in the cell, set in
 *    the same word the adders' CAS checks, so no add slips past it) and from
 *    then on checks held plus what the closed cells really hold. Closed cells
 *    only lose ratings (to the collector), so one pass — held first, then the
 *    cells — gives a lower bound of the count at its start and an upper bound
 *    at the reservation: the same number, so the refusal is exact. Such a
 *    recorder keeps working, lock-free and exact, through the shared word.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define LINE        64u /* bytes of a cache line on the machines that matter */
#define STRIPE_BITS 5
#define STRIPES     (1u << STRIPE_BITS)
#define CLOSED      (UINT64_C(1) << 63) /* a cell that takes no more adds */
#define COUNTER     (CLOSED - 1)        /* a cell's counter: modulo 2^63 */

/* The 64-bit words shared between threads are aligned to 8 bytes explicitly:
 * 32-bit x86 aligns a uint64_t to 4, and GCC before 11.1 did so for an
 * atomic one too; a word that straddled a cache line would not be atomic. */
#define ATOMIC_WORD _Alignas(8) _Atomic uint64_t

/* One rating in one stripe. Both words share a cache line: an add reads the
 * mark and raises the counter. A cell holds (count - taken) mod 2^63 <= quota
 * ratings, so the modular difference is never ambiguous. */
typedef struct cell {
    ATOMIC_WORD taken; /* the collector's mark; written by it alone */
    ATOMIC_WORD count; /* CLOSED, and a counter that only grows */
} cell;

/* Ratings of one rating that did not fit their cells. */
typedef struct spill {
    ATOMIC_WORD added; /* only grows, modulo 2^64 */
    uint64_t taken;    /* the collector's mark */
} spill;

/* The words the slow path and the collector share, on a line of their own. */
typedef struct shared {
    ATOMIC_WORD held;    /* spilled ratings, counted from their reservation */
    atomic_bool closed;  /* every cell is closed, for good */
    atomic_bool drained; /* and collected: they hold nothing, for good */
} shared;

/* Read-only after init, so adders on every core keep it cached. The areas
 * after it start on cache lines, wherever the caller's memory starts. */
struct cxm_recorder {
    cxm_scale scale;      /* validated, size = sizeof(cxm_scale) */
    uint32_t span;        /* max - min + 1 */
    uint32_t owned;       /* 1: heap block that cxm_recorder_free releases */
    uint32_t shared_at;   /* byte offsets from the recorder of the areas: */
    uint32_t spills_at;   /*   span spills */
    uint32_t stripes_at;  /*   STRIPES stripes of span cells */
    uint32_t marks_at;    /*   the collector's scratch: a mark per word */
    uint32_t stripe_size; /* bytes of a stripe, whole cache lines */
    uint64_t quota;       /* the most ratings a cell holds */
    uint64_t cells_quota; /* quota * STRIPES * span <= 2^62 */
};

/* ---- layout ------------------------------------------------------------------ */

static size_t round_up(size_t x, size_t to)
{
    return (x + to - 1) / to * to;
}

typedef struct layout {
    size_t shared_at, spills_at, stripes_at, marks_at, stripe_size, bytes;
} layout;

/* Where the areas of a recorder at `address` go: the first on the first whole
 * cache line after the header, the others after it, each on whole lines. */
static layout layout_at(uintptr_t address, uint32_t span)
{
    layout l;
    size_t misaligned = (size_t)(address % LINE);
    l.shared_at = round_up(misaligned + sizeof(cxm_recorder), LINE) - misaligned;
    l.spills_at = l.shared_at + round_up(sizeof(shared), LINE);
    l.stripes_at = l.spills_at + round_up(span * sizeof(spill), LINE);
    l.stripe_size = round_up(span * sizeof(cell), LINE);
    l.marks_at = l.stripes_at + STRIPES * l.stripe_size;
    l.bytes = l.marks_at + (STRIPES + 1) * span * sizeof(uint64_t);
    return l;
}

/* Enough bytes at any address: the padding before the first line is at most
 * LINE - 1 bytes. */
static size_t recorder_bytes(uint32_t span)
{
    layout l = layout_at(0, span);
    return l.bytes - l.shared_at + sizeof(cxm_recorder) + LINE - 1;
}

static shared *shared_of(cxm_recorder *r)
{
    return (shared *)((char *)r + r->shared_at);
}

static spill *spills_of(cxm_recorder *r)
{
    return (spill *)((char *)r + r->spills_at);
}

static cell *stripe_cells(cxm_recorder *r, uint32_t stripe)
{
    return (cell *)((char *)r + r->stripes_at + (size_t)stripe * r->stripe_size);
}

static uint64_t *marks_of(cxm_recorder *r)
{
    return (uint64_t *)(void *)((char *)r + r->marks_at);
}

static cxm_recorder *place(void *mem, const cxm_scale *scale, uint32_t owned)
{
    uint32_t span = cxmi_scale_span(scale);
    layout l = layout_at((uintptr_t)mem, span);
    memset(mem, 0, l.bytes);
    cxm_recorder *r = mem;
    r->scale = *scale;
    r->span = span;
    r->owned = owned;
    r->shared_at = (uint32_t)l.shared_at;
    r->spills_at = (uint32_t)l.spills_at;
    r->stripes_at = (uint32_t)l.stripes_at;
    r->marks_at = (uint32_t)l.marks_at;
    r->stripe_size = (uint32_t)l.stripe_size;
    r->quota = (UINT64_C(1) << 62) / (STRIPES * span);
    r->cells_quota = r->quota * STRIPES * span;
    shared *sh = shared_of(r);
    atomic_init(&sh->held, 0);
    atomic_init(&sh->closed, false);
    atomic_init(&sh->drained, false);
    for (uint32_t i = 0; i < span; i++) {
        atomic_init(&spills_of(r)[i].added, 0);
    }
    for (uint32_t s = 0; s < STRIPES; s++) {
        for (uint32_t i = 0; i < span; i++) {
            atomic_init(&stripe_cells(r, s)[i].taken, 0);
            atomic_init(&stripe_cells(r, s)[i].count, 0);
        }
    }
    return r;
}

/* ---- life ------------------------------------------------------------------------ */

size_t cxm_recorder_footprint(const cxm_scale *scale)
{
    return cxmi_footprint(scale, recorder_bytes);
}

int cxm_recorder_new(const cxm_scale *scale, cxm_recorder **out)
{
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    void *mem = NULL;
    int status = cxmi_block_alloc(scale, recorder_bytes, &norm, &mem);
    if (status == CXM_OK) {
        *out = place(mem, &norm, 1);
    }
    return status;
}

int cxm_recorder_init(void *mem, size_t mem_size, const cxm_scale *scale, cxm_recorder **out)
{
    if (mem == NULL || out == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = cxmi_block_check(mem, mem_size, scale, recorder_bytes, &norm);
    if (status == CXM_OK) {
        *out = place(mem, &norm, 0);
    }
    return status;
}

void cxm_recorder_free(cxm_recorder *r)
{
    if (r != NULL && r->owned) {
        free(r);
    }
}

/* ---- adding ---------------------------------------------------------------------- */

/* The stripe of the calling thread. Threads run on separate stacks, a stack's
 * size apart (megabytes, and never under 64 KiB), so the address of a local
 * variable above its low 16 bits tells threads apart, and is the same for a
 * thread's calls from one depth; Fibonacci hashing spreads it over the
 * stripes. Two threads meet on a stripe by chance (1 in 32 for two): that
 * costs speed, never correctness. */
static uint32_t stripe_here(void)
{
    char anchor;
    uint64_t page = (uint64_t)(uintptr_t)&anchor >> 16;
    return (uint32_t)((page * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - STRIPE_BITS));
}

/* Whether a + b + count <= UINT64_MAX, without overflowing. */
static bool fits(uint64_t a, uint64_t b, uint64_t count)
{
    return a <= UINT64_MAX - b && count <= UINT64_MAX - b - a;
}

/* Closes every cell, once: after this the cells only lose ratings. */
static void close_cells(cxm_recorder *r)
{
    shared *sh = shared_of(r);
    if (atomic_load(&sh->closed)) {
        return;
    }
    for (uint32_t s = 0; s < STRIPES; s++) {
        for (uint32_t i = 0; i < r->span; i++) {
            atomic_fetch_or(&stripe_cells(r, s)[i].count, CLOSED);
        }
    }
    atomic_store(&sh->closed, true);
}

/* What the closed cells hold, read mark first: a lower bound of what they held
 * when this began, an upper bound of what they hold when it returns. */
static uint64_t closed_cells_held(cxm_recorder *r)
{
    if (atomic_load(&shared_of(r)->drained)) {
        return 0;
    }
    uint64_t sum = 0;
    for (uint32_t s = 0; s < STRIPES; s++) {
        for (uint32_t i = 0; i < r->span; i++) {
            cell *c = &stripe_cells(r, s)[i];
            uint64_t taken = atomic_load(&c->taken);
            sum += (atomic_load(&c->count) - taken) & COUNTER;
        }
    }
    return sum;
}

/* The slow path: reserve the ratings in `held`, then record them in the
 * rating's spill (a collection that reads the spill in between finds them in
 * the next one, as for any add still running). */
static int add_spilled(cxm_recorder *r, uint32_t index, uint64_t count)
{
    shared *sh = shared_of(r);
    uint64_t held;
    /* A do-while, so that the line a retry runs is one every add runs too:
     * line coverage must not depend on whether threads happened to collide. */
    do {
        held = atomic_load(&sh->held);
        if (!fits(held, r->cells_quota, count)) {
            close_cells(r);
            held = atomic_load(&sh->held);
            if (!fits(held, closed_cells_held(r), count)) {
                return CXM_ERR_OVERFLOW;
            }
        }
    } while (!atomic_compare_exchange_strong(&sh->held, &held, held + count));
    atomic_fetch_add_explicit(&spills_of(r)[index].added, count, memory_order_release);
    return CXM_OK;
}

/* The fast path: one compare-and-swap on the thread's own cell. The mark is
 * read first (acquire): the collector set it to a counter value it had read,
 * so the counter read after it is at least that, and count - taken is what
 * the cell holds (or more, if the mark moves on meanwhile: safe). */
static inline int add_count(cxm_recorder *r, int32_t rating, uint64_t count)
{
    if (r == NULL) {
        return CXM_ERR_NULL;
    }
    uint32_t index = cxmi_rating_index(rating, r->scale.min);
    if (index >= r->span) {
        return CXM_ERR_RANGE;
    }
    if (count == 0) {
        return CXM_OK;
    }
    cell *c = &stripe_cells(r, stripe_here())[index];
    uint64_t taken = atomic_load_explicit(&c->taken, memory_order_acquire);
    uint64_t word = atomic_load_explicit(&c->count, memory_order_relaxed);
    do { /* a do-while for the reason add_spilled gives */
        uint64_t held = (word - taken) & COUNTER;
        if ((word & CLOSED) != 0 || held > r->quota || count > r->quota - held) {
            return add_spilled(r, index, count);
        }
    } while (!atomic_compare_exchange_weak_explicit(&c->count, &word, (word + count) & COUNTER,
                                                    memory_order_relaxed, memory_order_relaxed));
    return CXM_OK;
}

/* As in record.c, the entry points share one static body rather than calling
 * each other through the PLT. */
int cxm_recorder_add(cxm_recorder *r, int32_t rating)
{
    return add_count(r, rating, 1);
}

int cxm_recorder_add_count(cxm_recorder *r, int32_t rating, uint64_t count)
{
    return add_count(r, rating, count);
}

/* ---- collecting ------------------------------------------------------------------ */

int cxm_recorder_collect(cxm_recorder *r, cxm_acc *into)
{
    if (r == NULL || into == NULL) {
        return CXM_ERR_NULL;
    }
    if (!cxmi_scale_equal(&r->scale, &into->scale)) {
        return CXM_ERR_MISMATCH;
    }
    /* Read every word once, keeping what was read as the new marks. Every
     * rating read is still held when the reading ends, so the sums are at
     * most the recorder's count: they fit. */
    uint64_t counts[CXM_MAX_SPAN] = {0}, spilled = 0;
    uint64_t *marks = marks_of(r);
    spill *spills = spills_of(r);
    for (uint32_t i = 0; i < r->span; i++) {
        marks[i] = atomic_load_explicit(&spills[i].added, memory_order_acquire);
        counts[i] = marks[i] - spills[i].taken;
        spilled += counts[i];
    }
    bool all_closed = true;
    for (uint32_t s = 0; s < STRIPES; s++) {
        cell *cells = stripe_cells(r, s);
        for (uint32_t i = 0; i < r->span; i++) {
            uint64_t word = atomic_load_explicit(&cells[i].count, memory_order_relaxed);
            uint64_t taken = atomic_load_explicit(&cells[i].taken, memory_order_relaxed);
            marks[(s + 1) * r->span + i] = word & COUNTER;
            counts[i] += (word - taken) & COUNTER;
            all_closed = all_closed && (word & CLOSED) != 0;
        }
    }
    uint64_t total = 0;
    for (uint32_t i = 0; i < r->span; i++) {
        total += counts[i];
    }
    int status = cxmi_acc_add_counts(into, counts, total);
    if (status != CXM_OK) {
        return status; /* no mark moved: every rating is still here */
    }
    for (uint32_t i = 0; i < r->span; i++) {
        spills[i].taken = marks[i];
    }
    atomic_fetch_sub(&shared_of(r)->held, spilled);
    /* Sequentially consistent, as every step of the slow path is: its lower
     * and upper bounds rest on one order of these stores and its loads. */
    for (uint32_t s = 0; s < STRIPES; s++) {
        cell *cells = stripe_cells(r, s);
        for (uint32_t i = 0; i < r->span; i++) {
            atomic_store(&cells[i].taken, marks[(s + 1) * r->span + i]);
        }
    }
    if (all_closed) {
        atomic_store(&shared_of(r)->drained, true);
    }
    return CXM_OK;
}
