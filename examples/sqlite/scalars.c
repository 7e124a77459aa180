/*
 * Scalar functions on stored states:
 *   cxm_score(state) -> REAL      cxm_n(state) -> INTEGER
 *   cxm_text(state) -> TEXT       cxm_from_text(text) -> state
 *   cxm_merge(a, b) -> state
 * A NULL argument gives NULL; anything that is not a valid state is an error.
 */
#include "extension.h"

static void score(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_acc *acc;
    if (cxs_state(ctx, args[0], &acc) != READ_OK) {
        return;
    }
    cxm_snapshot snapshot = CXM_SNAPSHOT_INIT;
    int status = cxm_acc_snapshot(acc, &snapshot);
    cxm_acc_free(acc);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    cxs_result_number(ctx, snapshot.score); /* NaN, so NULL, when empty */
}

static void count(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_acc *acc;
    if (cxs_state(ctx, args[0], &acc) != READ_OK) {
        return;
    }
    uint64_t total = 0;
    cxm_acc_total(acc, &total);
    cxm_acc_free(acc);
    cxs_result_count(ctx, total);
}

static void text(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_acc *acc;
    if (cxs_state(ctx, args[0], &acc) != READ_OK) {
        return;
    }
    char buf[CXM_TEXT_MAX];
    size_t written;
    int status = cxm_acc_format(acc, buf, sizeof buf, &written);
    cxm_acc_free(acc);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    sqlite3_result_text(ctx, buf, (int)written, SQLITE_TRANSIENT);
}

static void from_text(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    int type = sqlite3_value_type(args[0]);
    if (type == SQLITE_NULL) {
        return;
    }
    const char *input = (const char *)sqlite3_value_text(args[0]);
    int len = sqlite3_value_bytes(args[0]);
    if (type != SQLITE_TEXT || input == NULL) {
        cxs_error(ctx, "expected the text form of a state such as 'nps{9:2}', got a %s",
                  type == SQLITE_BLOB ? "BLOB" : "number");
        return;
    }
    cxm_acc *acc;
    int status = cxm_acc_parse(input, (size_t)len, &acc);
    if (status == CXM_ERR_FORMAT) {
        cxs_error(ctx, "malformed state text %z", cxs_quote(args[0]));
        return;
    }
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    cxs_result_state(ctx, acc);
    cxm_acc_free(acc);
}

static void merge(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_acc *a = NULL, *b = NULL;
    if (cxs_state(ctx, args[0], &a) != READ_OK || cxs_state(ctx, args[1], &b) != READ_OK) {
        cxm_acc_free(a);
        return;
    }
    int status = cxm_acc_merge(a, b);
    if (status == CXM_ERR_MISMATCH) {
        cxs_mismatch_error(ctx, "merge", a, b);
    } else if (status == CXM_ERR_OVERFLOW) {
        cxs_error(ctx, "the merged counts exceed the largest count a state holds (2^64 - 1)");
    } else if (status != CXM_OK) {
        cxs_status_error(ctx, status);
    } else {
        cxs_result_state(ctx, a);
    }
    cxm_acc_free(a);
    cxm_acc_free(b);
}

static cxs_scalar scalars[] = {
    {{"cxm_score", 0}, 1, 1, score}, {{"cxm_n", 0}, 1, 1, count},
    {{"cxm_text", 0}, 1, 1, text},   {{"cxm_from_text", 0}, 1, 1, from_text},
    {{"cxm_merge", 0}, 2, 2, merge},
};

int cxs_register_scalars(sqlite3 *db)
{
    return cxs_register_scalar_table(db, scalars, sizeof scalars / sizeof scalars[0]);
}
