/*
 * The text forms of scales, accumulators and weighted accumulators:
 * "-3..3/2..3/-3..-2/net", "nps{0:3,6:1,9:10,10:4}",
 * "nps[6:1/40/1600,9:2/150/12500]" (the grammar is in docs/format.md, "Text
 * form"). Both accumulators are a scale and a list of ratings with values;
 * one list grammar serves both, with its brackets and its values per kind.
 *
 * Parsing reads the whole text into local storage (a scale, a histogram)
 * before anything is allocated or written, so a refused text costs nothing
 * and changes nothing. Formatting runs one writer twice, first only counting
 * bytes, then writing them, so a buffer that is too small is never touched
 * and the measured length cannot disagree with the written one.
 */
#include <string.h>

#include "internal.h"
#include "wide.h"

/* ---- parsing ------------------------------------------------------------------ */

/* The bytes not yet read. */
typedef struct cursor {
    const char *p;
    size_t left;
} cursor;

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_lower(char ch)
{
    return ch >= 'a' && ch <= 'z';
}

static bool next_is(const cursor *c, bool (*test)(char))
{
    return c->left > 0 && test(*c->p);
}

static void skip(cursor *c, size_t n)
{
    c->p += n;
    c->left -= n;
}

static bool eat(cursor *c, char ch)
{
    if (c->left == 0 || *c->p != ch) {
        return false;
    }
    skip(c, 1);
    return true;
}

/* A name (preset or headline): the longest run of lower-case letters and
 * digits, so that "csat1" is not read as a prefix of "csat10". Returns its
 * length and moves past it. */
static size_t eat_word(cursor *c)
{
    size_t n = 0;
    while (n < c->left && (is_lower(c->p[n]) || is_digit(c->p[n]))) {
        n++;
    }
    skip(c, n);
    return n;
}

/* A decimal number below 2^128: digits only, and no leading zero, so that
 * every number has one spelling ("0" itself is one digit). */
static bool eat_wide_decimal(cursor *c, cxmi_wide *out)
{
    if (!next_is(c, is_digit)) {
        return false;
    }
    cxmi_wide value = {{0, 0, 0}};
    if (eat(c, '0')) {
        *out = value;
        return !next_is(c, is_digit);
    }
    /* The first digits in 64 bits, while ten times the value and a digit still
     * fit (below 10^18): most numbers end there, and the wide arithmetic,
     * several times dearer per digit, takes over only for longer ones. */
    while (next_is(c, is_digit) && value.w[0] < UINT64_C(1000000000000000000)) {
        value.w[0] = value.w[0] * 10 + (uint64_t)(*c->p - '0');
        skip(c, 1);
    }
    while (next_is(c, is_digit)) {
        cxmi_wide digit = {{(uint64_t)(*c->p - '0'), 0, 0}};
        value = cxmi_wide_add(cxmi_wide_mul_wide(value, 10), digit);
        if (value.w[2] != 0) {
            return false;
        }
        skip(c, 1);
    }
    *out = value;
    return true;
}

/* A decimal number of at most max. */
static bool eat_decimal(cursor *c, uint64_t max, uint64_t *out)
{
    cxmi_wide value;
    if (!eat_wide_decimal(c, &value) || value.w[1] != 0 || value.w[0] > max) {
        return false;
    }
    *out = value.w[0];
    return true;
}

/* An int32: an optional '-', then a decimal; no '+' and no "-0". */
static bool eat_int32(cursor *c, int32_t *out)
{
    bool negative = eat(c, '-');
    uint64_t magnitude;
    uint64_t max = negative ? (uint64_t)INT32_MAX + 1 : (uint64_t)INT32_MAX;
    if (!eat_decimal(c, max, &magnitude) || (negative && magnitude == 0)) {
        return false;
    }
    *out = (int32_t)(negative ? -(int64_t)magnitude : (int64_t)magnitude);
    return true;
}

/* The CXM_HEADLINE_* a word names (cxm_headline_name's words), or 0. */
static int headline_named(const char *text, size_t len)
{
    int headline = 0;
    return cxm_headline_parse(text, len, &headline) == CXM_OK ? headline : 0;
}

/* MIN..MAX/PMIN..PMAX/NMIN..NMAX/HEADLINE, a valid scale. */
static bool eat_custom_scale(cursor *c, cxm_scale *out)
{
    int32_t f[6];
    for (int i = 0; i < 6; i++) {
        if (!eat_int32(c, &f[i])) {
            return false;
        }
        bool separated = i % 2 == 0 ? eat(c, '.') && eat(c, '.') : eat(c, '/');
        if (!separated) {
            return false;
        }
    }
    const char *word = c->p;
    int headline = headline_named(word, eat_word(c));
    cxm_scale s = {sizeof(cxm_scale), f[0], f[1], f[2], f[3], f[4], f[5], headline};
    return cxmi_scale_load(&s, out) == CXM_OK;
}

/* A preset name or alias, or the custom form. */
static bool eat_scale(cursor *c, cxm_scale *out)
{
    if (!next_is(c, is_lower)) {
        return eat_custom_scale(c, out);
    }
    const char *word = c->p;
    const cxm_scale *preset = cxmi_preset_scale(cxmi_preset_named(word, eat_word(c)));
    if (preset == NULL) {
        return false;
    }
    *out = *preset;
    return true;
}

/* The values after "RATING:" of one kind of list, read into the state of
 * its text (the histogram index of the rating given). */
typedef bool (*values_reader)(cursor *c, void *state, uint32_t index);

/* OPEN RATING:VALUES,... CLOSE, or OPEN CLOSE: ratings strictly ascending
 * inside the scale, each one's values read by eat_values. */
static bool eat_list(cursor *c, const cxm_scale *scale, char open, char close,
                     values_reader eat_values, void *state)
{
    if (!eat(c, open)) {
        return false;
    }
    if (eat(c, close)) {
        return true;
    }
    int64_t previous = (int64_t)scale->min - 1;
    do {
        int32_t rating;
        if (!eat_int32(c, &rating) || rating <= previous || rating > scale->max || !eat(c, ':') ||
            !eat_values(c, state, (uint32_t)((int64_t)rating - scale->min))) {
            return false;
        }
        previous = rating;
    } while (eat(c, ','));
    return eat(c, close);
}

/* The counts of an accumulator text, gathered before anything is allocated. */
typedef struct histogram {
    uint64_t total;
    uint64_t counts[CXM_MAX_SPAN];
} histogram;

/* COUNT: nonzero, and the counts' sum at most UINT64_MAX. */
static bool eat_count(cursor *c, void *state, uint32_t index)
{
    histogram *h = state;
    uint64_t count;
    if (!eat_decimal(c, UINT64_MAX, &count) || count == 0 || count > UINT64_MAX - h->total) {
        return false;
    }
    h->counts[index] = count;
    h->total += count;
    return true;
}

/* The sums of a weighted accumulator text, gathered likewise; the cell
 * invariants and the weights' sum are checked once the list is read. */
typedef struct cells {
    cxmi_cell cell[CXM_MAX_SPAN];
} cells;

/* COUNT/WEIGHT/SQUARES, a nonzero count (only ratings with responses are
 * listed) and squares below 2^128. */
static bool eat_sums(cursor *c, void *state, uint32_t index)
{
    cxmi_cell *cell = &((cells *)state)->cell[index];
    cxmi_wide squares;
    if (!eat_decimal(c, UINT64_MAX, &cell->count) || cell->count == 0 || !eat(c, '/') ||
        !eat_decimal(c, UINT64_MAX, &cell->weight) || !eat(c, '/') ||
        !eat_wide_decimal(c, &squares)) {
        return false;
    }
    cell->squares_high = squares.w[1];
    cell->squares_low = squares.w[0];
    return true;
}

int cxm_scale_parse(const char *text, size_t len, cxm_scale *out)
{
    if (out == NULL || (text == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    if (cxmi_struct_check_out(out, CXMI_SCALE_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    cursor c = {text, len};
    cxm_scale scale;
    if (len == 0 || !eat_scale(&c, &scale) || c.left != 0) {
        return CXM_ERR_FORMAT;
    }
    cxmi_struct_write(out, &scale, sizeof scale);
    return CXM_OK;
}

/* A whole accumulator text, exactly len bytes: a scale, then a list whose
 * values eat_values reads into state, and nothing after it. */
static bool eat_text(const char *text, size_t len, cxm_scale *scale, char open, char close,
                     values_reader eat_values, void *state)
{
    cursor c = {text, len};
    return len != 0 && eat_scale(&c, scale) &&
           eat_list(&c, scale, open, close, eat_values, state) && c.left == 0;
}

int cxm_acc_parse(const char *text, size_t len, cxm_acc **out)
{
    if (out == NULL || (text == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    cxm_scale scale;
    histogram h;
    memset(&h, 0, sizeof h);
    if (!eat_text(text, len, &scale, '{', '}', eat_count, &h)) {
        return CXM_ERR_FORMAT;
    }
    cxm_acc *acc = cxmi_acc_alloc_counts(&scale, h.counts, h.total);
    if (acc == NULL) {
        return CXM_ERR_NOMEM;
    }
    *out = acc;
    return CXM_OK;
}

int cxm_wacc_parse(const char *text, size_t len, cxm_wacc **out)
{
    if (out == NULL || (text == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    cxm_scale scale;
    cells sums;
    memset(&sums, 0, sizeof sums);
    uint64_t weight;
    if (!eat_text(text, len, &scale, '[', ']', eat_sums, &sums) ||
        !cxmi_cells_valid(sums.cell, cxmi_scale_span(&scale), &weight)) {
        return CXM_ERR_FORMAT;
    }
    cxm_wacc *w = cxmi_wacc_alloc_cells(&scale, sums.cell, weight);
    if (w == NULL) {
        return CXM_ERR_NOMEM;
    }
    *out = w;
    return CXM_OK;
}

/* ---- formatting --------------------------------------------------------------- */

/* Appends to buf, or with buf NULL only counts: one code path measures and
 * writes. */
typedef struct writer {
    char *buf;
    size_t len;
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (w->buf != NULL) {
        memcpy(w->buf + w->len, s, n);
    }
    w->len += n;
}

static void put_str(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

/* v in decimal, with leading zeros up to at least min_digits (<= 20). */
static void put_digits(writer *w, uint64_t v, size_t min_digits)
{
    char digits[20]; /* UINT64_MAX has 20 */
    size_t first = sizeof digits;
    do {
        digits[--first] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0 || sizeof digits - first < min_digits);
    put(w, digits + first, sizeof digits - first);
}

static void put_u64(writer *w, uint64_t v)
{
    put_digits(w, v, 1);
}

/* A number below 2^128 (< 10^39): divided into groups of nine digits, each a
 * division of 64-bit numbers (wide.h), printed most significant first. */
static void put_wide(writer *w, cxmi_wide v)
{
    uint32_t groups[5];
    int k = 0;
    do {
        v = cxmi_wide_div_small(v, 1000000000u, &groups[k++]);
    } while (v.w[0] != 0 || v.w[1] != 0);
    put_u64(w, groups[--k]);
    while (k > 0) {
        put_digits(w, groups[--k], 9);
    }
}

static void put_i32(writer *w, int32_t v)
{
    if (v < 0) {
        put_str(w, "-");
    }
    put_u64(w, (uint64_t)(v < 0 ? -(int64_t)v : (int64_t)v));
}

/* The canonical scale: the preset's name whenever it equals a preset. */
static void put_scale(writer *w, const cxm_scale *s)
{
    const char *name = cxmi_preset_name(cxmi_preset_equal_to(s));
    if (name != NULL) {
        put_str(w, name);
        return;
    }
    const int32_t fields[6] = {s->min,          s->max,          s->positive_min,
                               s->positive_max, s->negative_min, s->negative_max};
    for (int i = 0; i < 6; i++) {
        put_i32(w, fields[i]);
        put_str(w, i % 2 == 0 ? ".." : "/");
    }
    put_str(w, cxm_headline_name(s->headline));
}

/* How one kind of accumulator writes its list: the brackets, which ratings
 * are listed (by histogram index), and the values after "RATING:". */
typedef struct list_form {
    char open, close;
    bool (*listed)(const void *state, uint32_t index);
    void (*put_values)(writer *w, const void *state, uint32_t index);
} list_form;

static bool count_listed(const void *state, uint32_t index)
{
    return ((const cxm_acc *)state)->counts[index] != 0;
}

static void put_count(writer *w, const void *state, uint32_t index)
{
    put_u64(w, ((const cxm_acc *)state)->counts[index]);
}

static bool sums_listed(const void *state, uint32_t index)
{
    return ((const cxm_wacc *)state)->cells[index].count != 0;
}

static void put_sums(writer *w, const void *state, uint32_t index)
{
    cxmi_cell cell = ((const cxm_wacc *)state)->cells[index];
    put_u64(w, cell.count);
    put_str(w, "/");
    put_u64(w, cell.weight);
    put_str(w, "/");
    put_wide(w, cxmi_wide_of(cell.squares_high, cell.squares_low));
}

static const list_form counts_form = {'{', '}', count_listed, put_count};
static const list_form sums_form = {'[', ']', sums_listed, put_sums};

static void put_list(writer *w, const cxm_scale *scale, const list_form *form, const void *state)
{
    put(w, &form->open, 1);
    const char *separator = "";
    for (uint32_t i = 0; i < cxmi_scale_span(scale); i++) {
        if (form->listed(state, i)) {
            put_str(w, separator);
            put_i32(w, (int32_t)((int64_t)scale->min + i));
            put_str(w, ":");
            form->put_values(w, state, i);
            separator = ",";
        }
    }
    put(w, &form->close, 1);
}

/* The text of a validated scale, followed by the list of state unless form
 * is NULL. */
static void put_text(writer *w, const cxm_scale *scale, const list_form *form, const void *state)
{
    put_scale(w, scale);
    if (form != NULL) {
        put_list(w, scale, form, state);
    }
}

/* Writes the text and its NUL if cap has room for both, else nothing. */
static int write_text(const cxm_scale *scale, const list_form *form, const void *state, char *buf,
                      size_t cap, size_t *written)
{
    writer measure = {NULL, 0};
    put_text(&measure, scale, form, state);
    if (cap <= measure.len) {
        return CXM_ERR_SIZE;
    }
    writer w = {buf, 0};
    put_text(&w, scale, form, state);
    buf[w.len] = '\0';
    *written = w.len;
    return CXM_OK;
}

int cxm_scale_format(const cxm_scale *scale, char *buf, size_t cap, size_t *written)
{
    if (scale == NULL || written == NULL || (buf == NULL && cap > 0)) {
        return CXM_ERR_NULL;
    }
    cxm_scale norm;
    int status = cxmi_scale_load(scale, &norm);
    if (status != CXM_OK) {
        return status;
    }
    return write_text(&norm, NULL, NULL, buf, cap, written);
}

int cxm_acc_format(const cxm_acc *acc, char *buf, size_t cap, size_t *written)
{
    if (acc == NULL || written == NULL || (buf == NULL && cap > 0)) {
        return CXM_ERR_NULL;
    }
    return write_text(&acc->scale, &counts_form, acc, buf, cap, written);
}

int cxm_wacc_format(const cxm_wacc *w, char *buf, size_t cap, size_t *written)
{
    if (w == NULL || written == NULL || (buf == NULL && cap > 0)) {
        return CXM_ERR_NULL;
    }
    return write_text(&w->scale, &sums_form, w, buf, cap, written);
}
