/*
 * The aggregates, each also a window function with an exact inverse:
 *   cxm_acc_agg(rating, scale)          -> state BLOB
 *   cxm_wacc_agg(rating, weight, scale) -> weighted state BLOB
 *   cxm_merge_agg(state)                -> state BLOB of the same kind
 *   cxm_csat(rating), cxm_nps(rating), cxm_ces(rating) -> REAL
 * A frame that slides by a row costs one add and one remove (or one merge and
 * one subtract), never a rescan: xInverse takes the leaving row out of the
 * accumulator exactly, because it only holds integer sums.
 */
#include <stddef.h>
#include <string.h>

#include "extension.h"

/* The aggregate context of a group or window frame. Its state lives in the
 * same block (cxm_acc_init, cxm_wacc_init), behind this header: one
 * allocation per group, made and released by SQLite whatever happens, so an
 * error in the middle of a group cannot leak, and the state is never encoded
 * or decoded per row.
 *
 * A window frame that empties forgets its scale (and, for cxm_merge_agg, its
 * kind), as PostgreSQL restarts a window aggregate whose frame empties: the
 * next row may bring another. SQLite hands back the first block whatever size
 * is asked later, so that block is sized at the frame's first row for the
 * widest state of that row's kind (the library's CXM_ACC_FOOTPRINT_MAX or
 * CXM_WACC_FOOTPRINT_MAX): any scale fits it. Only cxm_merge_agg's frame that
 * restarts with a weighted state in a block sized for an accumulator needs
 * more; that state goes to the heap, released when the frame empties or in
 * xFinal. (Sizing every block for a weighted state instead would zero four
 * times the memory per group of an unweighted GROUP BY.) */
typedef struct group {
    cxs_state state; /* in this block or, when `owned`, on the heap; none
                        while the frame has no scale */
    bool owned;
    size_t room;         /* the bytes for a state in this block */
    uint64_t rows;       /* rows in the frame that bring a scale, NULL ratings
                            included; the last to leave takes the scale along */
    uint64_t inputs;     /* non-NULL inputs; none makes the result NULL */
    size_t scale_len;    /* cxm_acc_agg, cxm_wacc_agg: the scale text of the */
    char scale_text[64]; /* frame's first row, kept when short, so a constant
                            scale is a memcmp */
} group;

/* What an aggregate's user data points to: its name first, where the shared
 * error functions read it as a cxs_function. */
typedef struct aggregate {
    cxs_function fn;
    int args;
    void (*step)(sqlite3_context *, int, sqlite3_value **);
    void (*inverse)(sqlite3_context *, int, sqlite3_value **);
    void (*value)(sqlite3_context *);
    void (*final)(sqlite3_context *);
} aggregate;

#define ALIGN_ANY _Alignof(max_align_t)

static group *group_get(sqlite3_context *ctx)
{
    return sqlite3_aggregate_context(ctx, 0);
}

static bool holds_state(const group *g)
{
    return g != NULL && (g->state.acc != NULL || g->state.wacc != NULL);
}

/* Places an empty state of this scale and kind in the group's block,
 * allocating the block at the group's first row. SQLite's aggregate memory is
 * only 8-byte aligned, so the state goes to the next suitably aligned
 * address. */
static group *group_start(sqlite3_context *ctx, const cxm_scale *scale, bool weighted)
{
    size_t widest = weighted ? CXM_WACC_FOOTPRINT_MAX : CXM_ACC_FOOTPRINT_MAX;
    group *g = sqlite3_aggregate_context(ctx, (int)(sizeof(group) + ALIGN_ANY + widest));
    if (g == NULL) {
        sqlite3_result_error_nomem(ctx);
        return NULL;
    }
    if (g->room == 0) {
        g->room = widest; /* the block was made now, for this kind */
    }
    uintptr_t at = ((uintptr_t)(g + 1) + ALIGN_ANY - 1) & ~(uintptr_t)(ALIGN_ANY - 1);
    int status = widest <= g->room
                     ? cxs_state_place((void *)at, g->room, scale, weighted, &g->state)
                     : cxs_state_new(scale, weighted, &g->state);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return NULL;
    }
    g->owned = widest > g->room;
    return g;
}

/* Forgets the frame's state, releasing it if it is on the heap. */
static void group_release(group *g)
{
    if (g->owned) {
        cxs_state_free(&g->state);
        g->owned = false;
    }
    g->state.acc = NULL;
    g->state.wacc = NULL;
}

/* A row that brought the scale leaves the frame. */
static void group_leave(group *g)
{
    if (--g->rows == 0) {
        group_release(g);
        g->inputs = 0;
        g->scale_len = 0;
    }
}

static bool same_scale_text(const group *g, sqlite3_value *value)
{
    if (g->scale_len == 0 || sqlite3_value_type(value) != SQLITE_TEXT) {
        return false;
    }
    const unsigned char *text = sqlite3_value_text(value);
    return text != NULL && (size_t)sqlite3_value_bytes(value) == g->scale_len &&
           memcmp(text, g->scale_text, g->scale_len) == 0;
}

static void remember_scale_text(group *g, sqlite3_value *value)
{
    size_t len = (size_t)sqlite3_value_bytes(value);
    if (len > 0 && len <= sizeof g->scale_text) {
        memcpy(g->scale_text, sqlite3_value_text(value), len);
        g->scale_len = len;
    }
}

/* The group of cxm_acc_agg and cxm_wacc_agg: started by the frame's first row
 * with that row's scale; every later row's scale must be the same scale by
 * value ('csat' = 'csat5'). */
static group *scale_group(sqlite3_context *ctx, sqlite3_value *scale_value, bool weighted)
{
    group *g = group_get(ctx);
    if (holds_state(g) && same_scale_text(g, scale_value)) {
        return g;
    }
    cxm_scale scale = CXM_SCALE_INIT;
    if (cxs_scale(ctx, scale_value, &scale) != READ_OK) {
        return NULL;
    }
    if (!holds_state(g)) {
        g = group_start(ctx, &scale, weighted);
        if (g != NULL) {
            remember_scale_text(g, scale_value);
        }
        return g;
    }
    cxm_scale current = CXM_SCALE_INIT;
    if (cxs_state_scale(&g->state, &current) != CXM_OK || cxm_scale_equal(&scale, &current) != 1) {
        char text[CXM_TEXT_MAX];
        cxs_error(ctx, "scale %z differs from the group's scale %s", cxs_quote(scale_value),
                  cxs_scale_text(&current, text));
        return NULL;
    }
    return g;
}

/* A row of the group: counted whether its rating is NULL or not, because its
 * scale holds the frame's scale either way. */
static void rating_step(sqlite3_context *ctx, group *g, sqlite3_value *rating_value)
{
    int32_t rating;
    g->rows++;
    if (cxs_rating(ctx, rating_value, &rating) != READ_OK) {
        return;
    }
    int status = cxm_acc_add(g->state.acc, rating);
    if (status != CXM_OK) {
        cxs_record_error(ctx, status, rating, &g->state);
        return;
    }
    g->inputs++;
}

static void acc_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = scale_group(ctx, args[1], false);
    if (g != NULL) {
        rating_step(ctx, g, args[0]);
    }
}

/* cxm_csat, cxm_nps, cxm_ces are named after the library's names of their
 * scales, the aliases csat (csat5), nps and ces (ces7). */
static void preset_step(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = group_get(ctx);
    if (!holds_state(g)) {
        const cxs_function *fn = sqlite3_user_data(ctx);
        const char *alias = fn->name + strlen("cxm_");
        cxm_scale scale = CXM_SCALE_INIT;
        int status = cxm_scale_parse(alias, strlen(alias), &scale);
        if (status != CXM_OK) {
            cxs_status_error(ctx, status);
            return;
        }
        g = group_start(ctx, &scale, false);
    }
    if (g != NULL) {
        rating_step(ctx, g, args[0]);
    }
}

/* The row leaving the frame was accepted by the step, so it is in the
 * accumulator; a failure here would be a bug in SQLite's frame bookkeeping,
 * reported rather than ignored. */
static void rating_inverse(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = group_get(ctx);
    int32_t rating;
    if (!holds_state(g)) {
        return;
    }
    cxs_read read = cxs_rating(ctx, args[0], &rating);
    if (read == READ_ERROR) {
        return;
    }
    if (read == READ_OK) {
        int status = cxm_acc_remove(g->state.acc, rating);
        if (status != CXM_OK) {
            cxs_status_error(ctx, status);
            return;
        }
        g->inputs--;
    }
    group_leave(g);
}

/* A response of cxm_wacc_agg: READ_OK with both values, READ_NULL when either
 * is NULL (the row is skipped), READ_ERROR when either is wrong, NULL or not. */
static cxs_read response(sqlite3_context *ctx, sqlite3_value **args, int32_t *rating,
                         uint32_t *weight)
{
    cxs_read r = cxs_rating(ctx, args[0], rating);
    if (r == READ_ERROR) {
        return READ_ERROR;
    }
    cxs_read w = cxs_weight(ctx, args[1], weight);
    if (w == READ_ERROR) {
        return READ_ERROR;
    }
    return r == READ_OK && w == READ_OK ? READ_OK : READ_NULL;
}

static void wacc_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = scale_group(ctx, args[2], true);
    int32_t rating;
    uint32_t weight;
    if (g == NULL) {
        return;
    }
    g->rows++;
    if (response(ctx, args, &rating, &weight) != READ_OK) {
        return;
    }
    int status = cxm_wacc_add(g->state.wacc, rating, weight);
    if (status != CXM_OK) {
        cxs_record_error(ctx, status, rating, &g->state);
        return;
    }
    g->inputs++;
}

static void wacc_agg_inverse(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = group_get(ctx);
    int32_t rating;
    uint32_t weight;
    if (!holds_state(g)) {
        return;
    }
    cxs_read read = response(ctx, args, &rating, &weight);
    if (read == READ_ERROR) {
        return;
    }
    if (read == READ_OK) {
        int status = cxm_wacc_remove(g->state.wacc, rating, weight);
        if (status != CXM_OK) {
            cxs_status_error(ctx, status);
            return;
        }
        g->inputs--;
    }
    group_leave(g);
}

/* cxm_merge_agg: a NULL state brings no scale and is not counted. The frame's
 * first state sets its kind and scale. */
static void merge_step(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxs_state part;
    if (cxs_state_read(ctx, args[0], KIND_ANY, &part) != READ_OK) {
        return;
    }
    group *g = group_get(ctx);
    if (!holds_state(g)) {
        cxm_scale scale = CXM_SCALE_INIT;
        cxs_state_scale(&part, &scale);
        g = group_start(ctx, &scale, part.wacc != NULL);
    }
    if (g != NULL) {
        int status = cxs_state_same_kind(&g->state, &part) ? cxs_state_merge(&g->state, &part)
                                                           : CXM_ERR_MISMATCH;
        if (status != CXM_OK) {
            cxs_combine_error(ctx, "merge", status, &g->state, &part);
        } else {
            g->rows++;
            g->inputs++;
        }
    }
    cxs_state_free(&part);
}

static void merge_inverse(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = group_get(ctx);
    cxs_state part;
    if (!holds_state(g) || cxs_state_read(ctx, args[0], KIND_ANY, &part) != READ_OK) {
        return;
    }
    int status = cxs_state_same_kind(&g->state, &part) ? cxs_state_subtract(&g->state, &part)
                                                       : CXM_ERR_MISMATCH;
    cxs_state_free(&part);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    g->inputs--;
    group_leave(g);
}

/* xValue: a group or frame without a non-NULL input is NULL. */
static void state_value(sqlite3_context *ctx)
{
    group *g = group_get(ctx);
    if (!holds_state(g) || g->inputs == 0) {
        sqlite3_result_null(ctx);
        return;
    }
    cxs_result_state(ctx, &g->state);
}

static void score_value(sqlite3_context *ctx)
{
    group *g = group_get(ctx);
    cxm_snapshot snapshot = CXM_SNAPSHOT_INIT;
    if (!holds_state(g) || g->inputs == 0 || cxs_state_snapshot(&g->state, &snapshot) != CXM_OK) {
        sqlite3_result_null(ctx);
        return;
    }
    cxs_result_number(ctx, snapshot.score);
}

/* xFinal: the value, then a state on the heap released. SQLite calls xFinal
 * for every aggregate context it made, after an error too; the block itself
 * is SQLite's to free. */
static void state_final(sqlite3_context *ctx)
{
    state_value(ctx);
    group *g = group_get(ctx);
    if (g != NULL) {
        group_release(g);
    }
}

static void score_final(sqlite3_context *ctx)
{
    score_value(ctx);
    group *g = group_get(ctx);
    if (g != NULL) {
        group_release(g);
    }
}

static aggregate aggregates[] = {
    {{"cxm_acc_agg"}, 2, acc_agg_step, rating_inverse, state_value, state_final},
    {{"cxm_wacc_agg"}, 3, wacc_agg_step, wacc_agg_inverse, state_value, state_final},
    {{"cxm_merge_agg"}, 1, merge_step, merge_inverse, state_value, state_final},
    {{"cxm_csat"}, 1, preset_step, rating_inverse, score_value, score_final},
    {{"cxm_nps"}, 1, preset_step, rating_inverse, score_value, score_final},
    {{"cxm_ces"}, 1, preset_step, rating_inverse, score_value, score_final},
};

int cxs_register_aggregates(sqlite3 *db)
{
    for (size_t i = 0; i < sizeof aggregates / sizeof aggregates[0]; i++) {
        const aggregate *a = &aggregates[i];
        int rc = sqlite3_create_window_function(db, a->fn.name, a->args, CXS_FLAGS, (void *)a,
                                                a->step, a->final, a->value, a->inverse, NULL);
        if (rc != SQLITE_OK) {
            return rc;
        }
    }
    return SQLITE_OK;
}
