/*
 * A state of either kind behind one interface: an accumulator (cxm_acc) or a
 * weighted accumulator (cxm_wacc). SQLite has one BLOB type for both, so the
 * kind travels in the bytes themselves: each kind's encoding has its own
 * magic and each decoder refuses the other's bytes, as each text parser
 * refuses the other's form (braces, brackets). The functions here ask the
 * library which kind it is by decoding, never by reading a magic of their
 * own, and call the library function of that kind. Two states of different
 * kinds never combine; the callers check cxs_state_same_kind first.
 */
#include "extension.h"

bool cxs_state_same_kind(const cxs_state *a, const cxs_state *b)
{
    return (a->wacc != NULL) == (b->wacc != NULL);
}

int cxs_state_new(const cxm_scale *scale, bool weighted, cxs_state *out)
{
    cxs_state s = {NULL, NULL};
    int status = weighted ? cxm_wacc_new(scale, &s.wacc) : cxm_acc_new(scale, &s.acc);
    if (status == CXM_OK) {
        *out = s;
    }
    return status;
}

void cxs_state_free(cxs_state *s)
{
    cxm_acc_free(s->acc);
    cxm_wacc_free(s->wacc);
    s->acc = NULL;
    s->wacc = NULL;
}

int cxs_state_decode(const void *bytes, size_t len, cxs_state *out)
{
    cxs_state s = {NULL, NULL};
    int status = cxm_acc_decode(bytes, len, &s.acc);
    if (status == CXM_ERR_FORMAT) {
        status = cxm_wacc_decode(bytes, len, &s.wacc);
    }
    if (status == CXM_OK) {
        *out = s;
    }
    return status;
}

int cxs_state_parse(const char *text, size_t len, cxs_state *out)
{
    cxs_state s = {NULL, NULL};
    int status = cxm_acc_parse(text, len, &s.acc);
    if (status == CXM_ERR_FORMAT) {
        status = cxm_wacc_parse(text, len, &s.wacc);
    }
    if (status == CXM_OK) {
        *out = s;
    }
    return status;
}

int cxs_state_place(void *mem, size_t size, const cxm_scale *scale, bool weighted, cxs_state *out)
{
    cxs_state s = {NULL, NULL};
    int status = weighted ? cxm_wacc_init(mem, size, scale, &s.wacc)
                          : cxm_acc_init(mem, size, scale, &s.acc);
    if (status == CXM_OK) {
        *out = s;
    }
    return status;
}

int cxs_state_scale(const cxs_state *s, cxm_scale *out)
{
    return s->wacc != NULL ? cxm_wacc_scale(s->wacc, out) : cxm_acc_scale(s->acc, out);
}

int cxs_state_total(const cxs_state *s, uint64_t *n)
{
    uint64_t weight, squares[2];
    return s->wacc != NULL ? cxm_wacc_totals(s->wacc, n, &weight, squares)
                           : cxm_acc_total(s->acc, n);
}

int cxs_state_snapshot(const cxs_state *s, cxm_snapshot *out)
{
    return s->wacc != NULL ? cxm_wacc_snapshot(s->wacc, out) : cxm_acc_snapshot(s->acc, out);
}

int cxs_state_use(const cxs_state *s, bool compare)
{
    if (s->wacc != NULL) {
        return compare ? CXM_USE_WEIGHTED_COMPARE : CXM_USE_WEIGHTED_INTERVAL;
    }
    return compare ? CXM_USE_COMPARE : CXM_USE_INTERVAL;
}

int cxs_state_interval(const cxs_state *s, int quantity, int method, double confidence,
                       cxm_interval *out)
{
    return s->wacc != NULL ? cxm_wacc_interval(s->wacc, quantity, method, confidence, out)
                           : cxm_acc_interval(s->acc, quantity, method, confidence, out);
}

int cxs_state_compare(const cxs_state *a, const cxs_state *b, int quantity, int method,
                      double confidence, cxm_comparison *out)
{
    return a->wacc != NULL ? cxm_wacc_compare(a->wacc, b->wacc, quantity, method, confidence, out)
                           : cxm_acc_compare(a->acc, b->acc, quantity, method, confidence, out);
}

int cxs_state_merge(cxs_state *into, const cxs_state *from)
{
    return into->wacc != NULL ? cxm_wacc_merge(into->wacc, from->wacc)
                              : cxm_acc_merge(into->acc, from->acc);
}

int cxs_state_subtract(cxs_state *from, const cxs_state *part)
{
    return from->wacc != NULL ? cxm_wacc_subtract(from->wacc, part->wacc)
                              : cxm_acc_subtract(from->acc, part->acc);
}

int cxs_state_encode(const cxs_state *s, unsigned char *buf, size_t cap, size_t *written)
{
    return s->wacc != NULL ? cxm_wacc_encode(s->wacc, buf, cap, written)
                           : cxm_acc_encode(s->acc, buf, cap, written);
}

int cxs_state_format(const cxs_state *s, char *buf, size_t cap, size_t *written)
{
    return s->wacc != NULL ? cxm_wacc_format(s->wacc, buf, cap, written)
                           : cxm_acc_format(s->acc, buf, cap, written);
}
