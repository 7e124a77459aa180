/*
 * Operators of cxm_acc: = and <> with their hash support, + (merge) and -
 * (subtract). + is also the combine function of every aggregate and the
 * transition of cxm_merge_agg, - its inverse: inside an aggregate they update
 * the state's counts form in place.
 */
#include "cxm_pg.h"

#include "common/hashfn.h"

PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_eq);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_ne);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_hash);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_hash_extended);
PG_FUNCTION_INFO_V1(cxmpg_cxm_merge);
PG_FUNCTION_INFO_V1(cxmpg_cxm_subtract);

/* Equal scales and counts. The library's encoding is canonical (equal states
 * encode to identical bytes, and the decoder accepts nothing else), so the
 * encodings are compared, and hashed, byte for byte (a counts form is encoded
 * first): equality and hash agree by construction. */
static bool states_equal(Datum a, Datum b)
{
    struct varlena *fa = cxm_pg_flat(a);
    struct varlena *fb = cxm_pg_flat(b);
    size_t len = VARSIZE_ANY_EXHDR(fa);

    return len == VARSIZE_ANY_EXHDR(fb) && memcmp(VARDATA_ANY(fa), VARDATA_ANY(fb), len) == 0;
}

Datum cxmpg_cxm_acc_eq(PG_FUNCTION_ARGS)
{
    PG_RETURN_BOOL(states_equal(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum cxmpg_cxm_acc_ne(PG_FUNCTION_ARGS)
{
    PG_RETURN_BOOL(!states_equal(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum cxmpg_cxm_acc_hash(PG_FUNCTION_ARGS)
{
    struct varlena *flat = cxm_pg_flat(PG_GETARG_DATUM(0));

    return hash_any((const unsigned char *)VARDATA_ANY(flat), (int)VARSIZE_ANY_EXHDR(flat));
}

Datum cxmpg_cxm_acc_hash_extended(PG_FUNCTION_ARGS)
{
    struct varlena *flat = cxm_pg_flat(PG_GETARG_DATUM(0));

    return hash_any_extended((const unsigned char *)VARDATA_ANY(flat),
                             (int)VARSIZE_ANY_EXHDR(flat), (uint64)PG_GETARG_INT64(1));
}

/* Applies merge or subtract to the target state through the library (a
 * partial state or a stored one per row, not a rating: loading the counts
 * form costs what decoding the other side costs); reports a mismatch with
 * both scales named. */
static Datum combine(FunctionCallInfo fcinfo, int (*apply)(cxm_acc *, const cxm_acc *),
                     const char *verb)
{
    CxmCounts *state = cxm_pg_state(fcinfo);
    cxm_acc *acc = cxm_pg_counts_load(state);
    CxmBorrowed other;
    cxm_scale left = CXM_SCALE_INIT;
    cxm_scale right = CXM_SCALE_INIT;
    int status = CXM_OK;

    cxm_pg_borrow(PG_GETARG_DATUM(1), &other);
    status = apply(acc, other.acc);
    cxm_acc_scale(acc, &left);
    cxm_acc_scale(other.acc, &right);
    cxm_pg_release(&other);
    if (status == CXM_ERR_MISMATCH) {
        cxm_pg_raise(status, "cannot %s a state of scale \"%s\" and one of scale \"%s\"", verb,
                     cxm_pg_scale_text(&left), cxm_pg_scale_text(&right));
    }
    if (status == CXM_ERR_ABSENT) {
        cxm_pg_raise(status,
                     "cannot subtract: the right side holds ratings the left side of scale "
                     "\"%s\" does not",
                     cxm_pg_scale_text(&left));
    }
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot %s these states of scale \"%s\": a count would exceed %s",
                     verb, cxm_pg_scale_text(&left), "18446744073709551615");
    }
    cxm_pg_counts_store(state, acc);
    return cxm_pg_state_result(fcinfo, state);
}

Datum cxmpg_cxm_merge(PG_FUNCTION_ARGS)
{
    return combine(fcinfo, cxm_acc_merge, "merge");
}

/* An error (22003) when the right side holds ratings the left does not. */
Datum cxmpg_cxm_subtract(PG_FUNCTION_ARGS)
{
    return combine(fcinfo, cxm_acc_subtract, "subtract");
}
