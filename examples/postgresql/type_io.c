/*
 * Types cxm_acc and cxm_wacc: text input and output (the library's text
 * forms), binary send and receive (their canonical encodings), and the
 * explicit casts to and from bytea (the same encodings). Every way in is
 * validated by the library before a value exists.
 */
#include "cxm_pg.h"

#include "libpq/pqformat.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_in);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_out);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_recv);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_send);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_to_bytea);
PG_FUNCTION_INFO_V1(cxmpg_cxm_acc_from_bytea);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_in);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_out);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_recv);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_send);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_to_bytea);
PG_FUNCTION_INFO_V1(cxmpg_cxm_wacc_from_bytea);

Datum cxmpg_cxm_acc_in(PG_FUNCTION_ARGS)
{
    const char *input = PG_GETARG_CSTRING(0);
    size_t len = strlen(input);
    cxm_acc *acc = NULL;
    int status = cxm_acc_parse(input, len, &acc);

    if (status != CXM_OK) {
        cxm_pg_raise_text(status, CXM_PG_STATE_TEXT, "invalid input syntax for type cxm_acc: %s",
                          cxm_pg_quote(input, len));
    }
    PG_RETURN_DATUM(cxm_pg_from_acc(acc, acc));
}

Datum cxmpg_cxm_acc_out(PG_FUNCTION_ARGS)
{
    char buf[CXM_TEXT_MAX];
    size_t written = 0;
    CxmBorrowed b;
    int status = CXM_OK;

    cxm_pg_borrow(PG_GETARG_DATUM(0), &b);
    status = cxm_acc_format(b.acc, buf, sizeof buf, &written);
    cxm_pg_release(&b);
    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot format a cxm_acc value");
    }
    PG_RETURN_CSTRING(pnstrdup(buf, written));
}

/* A canonical encoding (cxm_pg_flat, cxm_pg_wflat) as a bytea: the binary
 * wire form and the cast. */
static bytea *encoding_of(const struct varlena *flat)
{
    size_t len = VARSIZE_ANY_EXHDR(flat);
    bytea *out = palloc(VARHDRSZ + len);

    SET_VARSIZE(out, VARHDRSZ + len);
    memcpy(VARDATA(out), VARDATA_ANY(flat), len);
    return out;
}

/* The bytes a binary receive function is given: the rest of the message. */
static const char *message_bytes(FunctionCallInfo fcinfo, size_t *len)
{
    StringInfo message = (StringInfo)PG_GETARG_POINTER(0);
    int rest = message->len - message->cursor;

    *len = (size_t)rest;
    return pq_getmsgbytes(message, rest);
}

Datum cxmpg_cxm_acc_send(PG_FUNCTION_ARGS)
{
    PG_RETURN_BYTEA_P(encoding_of(cxm_pg_flat(PG_GETARG_DATUM(0))));
}

Datum cxmpg_cxm_acc_to_bytea(PG_FUNCTION_ARGS)
{
    PG_RETURN_BYTEA_P(encoding_of(cxm_pg_flat(PG_GETARG_DATUM(0))));
}

Datum cxmpg_cxm_acc_recv(PG_FUNCTION_ARGS)
{
    size_t len = 0;
    const char *bytes = message_bytes(fcinfo, &len);

    PG_RETURN_DATUM(cxm_pg_from_encoding(bytes, len, "binary input"));
}

Datum cxmpg_cxm_acc_from_bytea(PG_FUNCTION_ARGS)
{
    bytea *bytes = PG_GETARG_BYTEA_PP(0);

    PG_RETURN_DATUM(cxm_pg_from_encoding(VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), "bytea"));
}

Datum cxmpg_cxm_wacc_in(PG_FUNCTION_ARGS)
{
    const char *input = PG_GETARG_CSTRING(0);
    size_t len = strlen(input);
    cxm_wacc *w = NULL;
    int status = cxm_wacc_parse(input, len, &w);

    if (status != CXM_OK) {
        cxm_pg_raise_text(status, CXM_PG_WEIGHTED_TEXT,
                          "invalid input syntax for type cxm_wacc: %s", cxm_pg_quote(input, len));
    }
    PG_RETURN_DATUM(cxm_pg_from_wacc(w, w));
}

Datum cxmpg_cxm_wacc_out(PG_FUNCTION_ARGS)
{
    char buf[CXM_WACC_TEXT_MAX];
    size_t written = 0;
    cxm_wacc *w = cxm_pg_wacc_read(PG_GETARG_DATUM(0));
    int status = cxm_wacc_format(w, buf, sizeof buf, &written);

    if (status != CXM_OK) {
        cxm_pg_raise(status, "cannot format a cxm_wacc value");
    }
    PG_RETURN_CSTRING(pnstrdup(buf, written));
}

Datum cxmpg_cxm_wacc_send(PG_FUNCTION_ARGS)
{
    PG_RETURN_BYTEA_P(encoding_of(cxm_pg_wflat(PG_GETARG_DATUM(0))));
}

Datum cxmpg_cxm_wacc_to_bytea(PG_FUNCTION_ARGS)
{
    PG_RETURN_BYTEA_P(encoding_of(cxm_pg_wflat(PG_GETARG_DATUM(0))));
}

Datum cxmpg_cxm_wacc_recv(PG_FUNCTION_ARGS)
{
    size_t len = 0;
    const char *bytes = message_bytes(fcinfo, &len);

    PG_RETURN_DATUM(cxm_pg_wacc_from_encoding(bytes, len, "binary input"));
}

Datum cxmpg_cxm_wacc_from_bytea(PG_FUNCTION_ARGS)
{
    bytea *bytes = PG_GETARG_BYTEA_PP(0);

    PG_RETURN_DATUM(
        cxm_pg_wacc_from_encoding(VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), "bytea"));
}
