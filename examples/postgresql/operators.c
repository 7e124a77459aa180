/*
 * Operators of cxm_acc and cxm_wacc: = and <> with their hash support, +
 * (merge) and - (subtract). + is also the combine function of every aggregate
 * and the transition of cxm_merge_agg, - its inverse: inside an aggregate
 * they update the state's flat form in place.
 */
#include "cxm_pg.h"

#include "common/hashfn.h"

PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_eq);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_ne);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_hash);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_hash_extended);
PG_FUNCTION_INFO_V1(cxmpg_cxm_merge);
PG_FUNCTION_INFO_V1(cxmpg_cxm_subtract);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_eq);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_ne);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_hash);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_hash_extended);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_merge);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_subtract);

/* Equal scales and counts (or sums). The library's encodings are canonical
 * (equal states encode to identical bytes, and the decoders accept nothing
 * else), so the encodings are compared, and hashed, byte for byte (a flat form
 * is encoded first): equality and hash agree by construction. */
static bool encodings_equal(const struct varlena *a, const struct varlena *b)
{
    size_t len = VARSIZE_ANY_EXHDR(a);

    return len == VARSIZE_ANY_EXHDR(b) && memcmp(VARDATA_ANY(a), VARDATA_ANY(b), len) == 0;
}

static Datum encoding_hash(const struct varlena *flat)
{
    return hash_any((const unsigned char *)VARDATA_ANY(flat), (int)VARSIZE_ANY_EXHDR(flat));
}

static Datum encoding_hash_extended(const struct varlena *flat, int64 seed)
{
    return hash_any_extended((const unsigned char *)VARDATA_ANY(flat), (int)VARSIZE_ANY_EXHDR(flat),
                             (uint64)seed);
}

Datum cxmpg_cxm_acc_eq(PG_FUNCTION_ARGS)
{
    PG_RETURN_BOOL(
        encodings_equal(cxm_pg_flat(PG_GETARG_DATUM(0)), cxm_pg_flat(PG_GETARG_DATUM(1))));
}

Datum cxmpg_cxm_acc_ne(PG_FUNCTION_ARGS)
{
    PG_RETURN_BOOL(
        !encodings_equal(cxm_pg_flat(PG_GETARG_DATUM(0)), cxm_pg_flat(PG_GETARG_DATUM(1))));
}

Datum cxmpg_cxm_acc_hash(PG_FUNCTION_ARGS)
{
    return encoding_hash(cxm_pg_flat(PG_GETARG_DATUM(0)));
}

Datum cxmpg_cxm_acc_hash_extended(PG_FUNCTION_ARGS)
{
    return encoding_hash_extended(cxm_pg_flat(PG_GETARG_DATUM(0)), PG_GETARG_INT64(1));
}

Datum cxmpg_cxm_wacc_eq(PG_FUNCTION_ARGS)
{
    PG_RETURN_BOOL(
        encodings_equal(cxm_pg_wflat(PG_GETARG_DATUM(0)), cxm_pg_wflat(PG_GETARG_DATUM(1))));
}

Datum cxmpg_cxm_wacc_ne(PG_FUNCTION_ARGS)
{
    PG_RETURN_BOOL(
        !encodings_equal(cxm_pg_wflat(PG_GETARG_DATUM(0)), cxm_pg_wflat(PG_GETARG_DATUM(1))));
}

Datum cxmpg_cxm_wacc_hash(PG_FUNCTION_ARGS)
{
    return encoding_hash(cxm_pg_wflat(PG_GETARG_DATUM(0)));
}

Datum cxmpg_cxm_wacc_hash_extended(PG_FUNCTION_ARGS)
{
    return encoding_hash_extended(cxm_pg_wflat(PG_GETARG_DATUM(0)), PG_GETARG_INT64(1));
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

/* The error of a refused merge or subtraction of weighted states. */
static void raise_wcombine(int status, const char *verb, const cxm_scale *left,
                           const cxm_scale *right)
{
    if (status == CXM_ERR_MISMATCH) {
        cxm_pg_raise(status, "cannot %s a state of scale \"%s\" and one of scale \"%s\"", verb,
                     cxm_pg_scale_text(left), cxm_pg_scale_text(right));
    }
    if (status == CXM_ERR_ABSENT) {
        cxm_pg_raise(status,
                     "cannot subtract: the right side holds responses the left side of scale "
                     "\"%s\" does not",
                     cxm_pg_scale_text(left));
    }
    cxm_pg_raise(status, "cannot %s these states of scale \"%s\": the weights would sum beyond %s",
                 verb, cxm_pg_scale_text(left), "18446744073709551615");
}

/* Merge and subtract of weighted states on the sums form, in place (the
 * transition of cxm_merge_agg, its inverse, the combine function, +). The
 * right side is read through the library, which checks it. */
static Datum wcombine(FunctionCallInfo fcinfo, int (*apply)(CxmSums *, const cxm_wacc *),
                      const char *verb)
{
    CxmSums *state = cxm_pg_wstate(fcinfo);
    cxm_wacc *other = cxm_pg_wacc_read(PG_GETARG_DATUM(1));
    int status = apply(state, other);

    if (status != CXM_OK) {
        cxm_scale left = CXM_SCALE_INIT;
        cxm_scale right = CXM_SCALE_INIT;

        cxm_pg_form_scale(state, &left);
        cxm_wacc_scale(other, &right);
        raise_wcombine(status, verb, &left, &right);
    }
    return cxm_pg_wstate_result(fcinfo, state);
}

Datum cxmpg_cxm_wacc_merge(PG_FUNCTION_ARGS)
{
    return wcombine(fcinfo, cxm_pg_sums_merge, "merge");
}

/* An error (22003) when the right side holds responses the left does not.
 * Inside an aggregate, the moving inverse of cxm_merge_agg, it takes from the
 * sums form what an earlier row merged in; anywhere else the library
 * subtracts, and refuses a result no responses could have made. */
Datum cxmpg_cxm_wacc_subtract(PG_FUNCTION_ARGS)
{
    cxm_wacc *from = NULL;
    cxm_wacc *part = NULL;
    int status = CXM_OK;

    if (AggCheckCallContext(fcinfo, NULL)) {
        return wcombine(fcinfo, cxm_pg_sums_subtract, "subtract");
    }
    from = cxm_pg_wacc_read(PG_GETARG_DATUM(0));
    part = cxm_pg_wacc_read(PG_GETARG_DATUM(1));
    status = cxm_wacc_subtract(from, part);
    if (status != CXM_OK) {
        cxm_scale left = CXM_SCALE_INIT;
        cxm_scale right = CXM_SCALE_INIT;

        cxm_wacc_scale(from, &left);
        cxm_wacc_scale(part, &right);
        raise_wcombine(status, "subtract", &left, &right);
    }
    PG_RETURN_DATUM(cxm_pg_from_wacc(from, NULL));
}
