/*
 * Scalar functions on stored states of either kind (a weighted state's
 * counts are its responses):
 *   cxm_score(state) -> REAL      cxm_n(state) -> INTEGER
 *   cxm_text(state) -> TEXT       cxm_from_text(text) -> state
 *   cxm_merge(a, b) -> state      cxm_subtract(a, b) -> state
 * on unweighted states:
 *   cxm_add(state, rating) -> state
 * and the module's version, cxm_version() -> TEXT.
 * A NULL argument gives NULL; anything that is not a valid state is an error.
 */
#include "extension.h"

static void score(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_snapshot snapshot = CXM_SNAPSHOT_INIT;
    if (cxs_snapshot_read(ctx, args[0], KIND_ANY, &snapshot) == READ_OK) {
        cxs_result_number(ctx, snapshot.score); /* NaN, so NULL, when empty */
    }
}

static void count(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxs_state s;
    if (cxs_state_read(ctx, args[0], KIND_ANY, &s) != READ_OK) {
        return;
    }
    uint64_t total = 0;
    cxs_state_total(&s, &total);
    cxs_state_free(&s);
    cxs_result_count(ctx, total);
}

static void text(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxs_state s;
    if (cxs_state_read(ctx, args[0], KIND_ANY, &s) != READ_OK) {
        return;
    }
    char buf[CXS_TEXT_MAX];
    size_t written;
    int status = cxs_state_format(&s, buf, sizeof buf, &written);
    cxs_state_free(&s);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    sqlite3_result_text(ctx, buf, (int)written, SQLITE_TRANSIENT);
}

/* Either text form: braces for an accumulator, brackets for a weighted one. */
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
        cxs_error(ctx,
                  "expected the text form of a state such as 'nps{9:2}' or "
                  "'nps[9:2/150/12500]', got a %s",
                  type == SQLITE_BLOB ? "BLOB" : "number");
        return;
    }
    cxs_state s;
    int status = cxs_state_parse(input, (size_t)len, &s);
    if (status == CXM_ERR_FORMAT) {
        cxs_error(ctx, "malformed state text %z", cxs_quote(args[0]));
        return;
    }
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    cxs_result_state(ctx, &s);
    cxs_state_free(&s);
}

/* cxm_merge and cxm_subtract: two states of one kind and scale. */
static void combine(sqlite3_context *ctx, sqlite3_value **args, const char *verb,
                    int (*apply)(cxs_state *, const cxs_state *))
{
    cxs_state a = {NULL, NULL}, b = {NULL, NULL};
    if (cxs_state_read(ctx, args[0], KIND_ANY, &a) == READ_OK &&
        cxs_state_read(ctx, args[1], KIND_ANY, &b) == READ_OK) {
        int status = cxs_state_same_kind(&a, &b) ? apply(&a, &b) : CXM_ERR_MISMATCH;
        if (status == CXM_OK) {
            cxs_result_state(ctx, &a);
        } else {
            cxs_combine_error(ctx, verb, status, &a, &b);
        }
    }
    cxs_state_free(&a);
    cxs_state_free(&b);
}

static void merge(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    combine(ctx, args, "merge", cxs_state_merge);
}

/* a - b: an error when b holds what a does not. */
static void subtract(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    combine(ctx, args, "subtract", cxs_state_subtract);
}

/* The state with one more rating (PostgreSQL's cxm_add). */
static void add(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxs_state s;
    int32_t rating;
    if (sqlite3_value_type(args[1]) == SQLITE_NULL ||
        cxs_state_read(ctx, args[0], KIND_UNWEIGHTED, &s) != READ_OK) {
        return;
    }
    if (cxs_rating(ctx, args[1], &rating) == READ_OK) {
        int status = cxm_acc_add(s.acc, rating);
        if (status == CXM_OK) {
            cxs_result_state(ctx, &s);
        } else {
            cxs_record_error(ctx, status, rating, &s);
        }
    }
    cxs_state_free(&s);
}

/* The version of the library inside the module: SQLite has no catalog of
 * extension versions, so this is how a database learns which one it has. */
static void version(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    (void)args;
    sqlite3_result_text(ctx, cxm_version_string(), -1, SQLITE_STATIC);
}

static cxs_scalar scalars[] = {
    {{"cxm_score"}, 1, 1, score}, {{"cxm_n"}, 1, 1, count},
    {{"cxm_text"}, 1, 1, text},   {{"cxm_from_text"}, 1, 1, from_text},
    {{"cxm_merge"}, 2, 2, merge}, {{"cxm_subtract"}, 2, 2, subtract},
    {{"cxm_add"}, 2, 2, add},     {{"cxm_version"}, 0, 0, version},
};

int cxs_register_scalars(sqlite3 *db)
{
    return cxs_register_scalar_table(db, scalars, sizeof scalars / sizeof scalars[0]);
}
