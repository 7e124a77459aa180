/*
 * What only a weighted state has (the aggregate that makes one, cxm_wacc_agg,
 * is in aggregates.c; the functions of every state take it too):
 *   cxm_weight(state)      -> INTEGER, the sum of the weights W
 *   cxm_n_effective(state) -> REAL, Kish's effective sample size W^2 / Q
 *   cxm_unweighted(state)  -> the accumulator of its response counts
 * An unweighted state is an error here: its weights are not 1, they are
 * absent, and kinds never mix silently.
 */
#include "extension.h"

static void weight(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxs_state s;
    if (cxs_state_read(ctx, args[0], KIND_WEIGHTED, &s) != READ_OK) {
        return;
    }
    uint64_t n, total, squares[2];
    int status = cxm_wacc_totals(s.wacc, &n, &total, squares);
    cxs_state_free(&s);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
    } else if (total > (uint64_t)INT64_MAX) {
        cxs_error(ctx, "the weight total %llu does not fit a signed 64-bit INTEGER",
                  (unsigned long long)total);
    } else {
        sqlite3_result_int64(ctx, (sqlite3_int64)total);
    }
}

static void n_effective(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_snapshot snapshot = CXM_SNAPSHOT_INIT;
    if (cxs_snapshot_read(ctx, args[0], KIND_WEIGHTED, &snapshot) == READ_OK) {
        cxs_result_number(ctx, snapshot.n_effective); /* NaN, so NULL, when empty */
    }
}

static void unweighted(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxs_state s, counts = {NULL, NULL};
    if (cxs_state_read(ctx, args[0], KIND_WEIGHTED, &s) != READ_OK) {
        return;
    }
    cxm_scale scale = CXM_SCALE_INIT;
    int status = cxm_wacc_scale(s.wacc, &scale);
    if (status == CXM_OK) {
        status = cxm_acc_new(&scale, &counts.acc);
    }
    if (status == CXM_OK) {
        status = cxm_wacc_unweighted(s.wacc, counts.acc);
    }
    if (status == CXM_OK) {
        cxs_result_state(ctx, &counts);
    } else {
        cxs_status_error(ctx, status);
    }
    cxs_state_free(&counts);
    cxs_state_free(&s);
}

static cxs_scalar weighted[] = {
    {{"cxm_weight"}, 1, 1, weight},
    {{"cxm_n_effective"}, 1, 1, n_effective},
    {{"cxm_unweighted"}, 1, 1, unweighted},
};

int cxs_register_weighted(sqlite3 *db)
{
    return cxs_register_scalar_table(db, weighted, sizeof weighted / sizeof weighted[0]);
}
