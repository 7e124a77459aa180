/*
 * The aggregates, each also a window function with an exact inverse:
 *   cxm_acc_agg(rating, scale) -> state BLOB
 *   cxm_merge_agg(state)       -> state BLOB
 *   cxm_csat(rating), cxm_nps(rating), cxm_ces(rating) -> REAL
 * A frame that slides by a row costs one add and one remove (or one merge and
 * one subtract), never a rescan: xInverse takes the leaving row out of the
 * accumulator exactly, because it only holds integer counts.
 */
#include <stddef.h>
#include <string.h>

#include "extension.h"

/* The aggregate context of a group or window frame. Its accumulator lives in
 * the same block (cxm_acc_init), behind this header: one allocation per
 * group, made and released by SQLite whatever happens, so an error in the
 * middle of a group cannot leak, and the state is never encoded or decoded
 * per row.
 *
 * A window frame that empties forgets its scale, as PostgreSQL restarts a
 * window aggregate whose frame empties: the next row may bring another scale.
 * SQLite hands back the first block whatever size is asked later, so that
 * block is sized for the widest scale. */
typedef struct group {
    cxm_acc *acc;        /* in this block; NULL while the frame has no scale */
    uint64_t rows;       /* rows in the frame that bring a scale, NULL ratings
                            included; the last to leave takes the scale along */
    uint64_t inputs;     /* non-NULL inputs; none makes the result NULL */
    size_t scale_len;    /* cxm_acc_agg: the scale text of the frame's first */
    char scale_text[64]; /* row, kept when short, so a constant scale is a memcmp */
} group;

#define ALIGN_ANY _Alignof(max_align_t)

/* The most ratings a scale has: the contract of cxm_scale (cxmetrics.h,
 * "1 <= max - min + 1 <= 101"). */
#define MAX_RATINGS 101

/* The footprint of the widest scale, as the library computes it. Only the
 * number of ratings matters; the bands are the smallest valid ones. */
static size_t widest_footprint(void)
{
    cxm_scale widest = CXM_SCALE_INIT;
    widest.max = MAX_RATINGS - 1;
    widest.positive_min = widest.positive_max = widest.max;
    widest.headline = CXM_HEADLINE_MEAN;
    return cxm_acc_footprint(&widest);
}

static group *group_get(sqlite3_context *ctx)
{
    return sqlite3_aggregate_context(ctx, 0);
}

/* Places an empty accumulator of this scale in the group's block, allocating
 * the block at the group's first row. SQLite's aggregate memory is only 8-byte
 * aligned, so the accumulator goes to the next suitably aligned address. */
static group *group_start(sqlite3_context *ctx, const cxm_scale *scale)
{
    size_t footprint = widest_footprint();
    group *g = sqlite3_aggregate_context(ctx, (int)(sizeof(group) + ALIGN_ANY + footprint));
    if (g == NULL) {
        sqlite3_result_error_nomem(ctx);
        return NULL;
    }
    uintptr_t at = ((uintptr_t)(g + 1) + ALIGN_ANY - 1) & ~(uintptr_t)(ALIGN_ANY - 1);
    int status = cxm_acc_init((void *)at, footprint, scale, &g->acc);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return NULL;
    }
    return g;
}

/* A row that brought the scale leaves the frame. */
static void group_leave(group *g)
{
    if (--g->rows == 0) {
        g->acc = NULL;
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

/* cxm_acc_agg's group: started by the frame's first row with that row's
 * scale; every later row's scale must be the same scale by value
 * ('csat' = 'csat5'). */
static group *scale_group(sqlite3_context *ctx, sqlite3_value *scale_value)
{
    group *g = group_get(ctx);
    if (g != NULL && g->acc != NULL && same_scale_text(g, scale_value)) {
        return g;
    }
    cxm_scale scale = CXM_SCALE_INIT;
    if (cxs_scale(ctx, scale_value, &scale) != READ_OK) {
        return NULL;
    }
    if (g == NULL || g->acc == NULL) {
        g = group_start(ctx, &scale);
        if (g != NULL) {
            remember_scale_text(g, scale_value);
        }
        return g;
    }
    cxm_scale current = CXM_SCALE_INIT;
    if (cxm_acc_scale(g->acc, &current) != CXM_OK || cxm_scale_equal(&scale, &current) != 1) {
        char text[CXM_TEXT_MAX];
        cxs_error(ctx, "scale %z differs from the group's scale %s", cxs_quote(scale_value),
                  cxs_scale_text(&current, text));
        return NULL;
    }
    return g;
}

static void add_rating(sqlite3_context *ctx, group *g, int32_t rating)
{
    int status = cxm_acc_add(g->acc, rating);
    if (status == CXM_ERR_RANGE) {
        cxm_scale scale = CXM_SCALE_INIT;
        char text[CXM_TEXT_MAX];
        cxm_acc_scale(g->acc, &scale);
        cxs_error(ctx, "rating %d is outside the scale %s", (int)rating,
                  cxs_scale_text(&scale, text));
        return;
    }
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    g->inputs++;
}

/* A row of the group: counted whether its rating is NULL or not, because its
 * scale holds the frame's scale either way. */
static void rating_step(sqlite3_context *ctx, group *g, sqlite3_value *rating_value)
{
    int32_t rating;
    g->rows++;
    if (cxs_rating(ctx, rating_value, &rating) == READ_OK) {
        add_rating(ctx, g, rating);
    }
}

static void acc_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = scale_group(ctx, args[1]);
    if (g != NULL) {
        rating_step(ctx, g, args[0]);
    }
}

/* cxm_csat, cxm_nps, cxm_ces: the preset named in the function's user data. */
static void preset_step(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = group_get(ctx);
    if (g == NULL || g->acc == NULL) {
        const cxs_function *fn = sqlite3_user_data(ctx);
        cxm_scale scale = CXM_SCALE_INIT;
        cxm_scale_preset(fn->preset, &scale);
        g = group_start(ctx, &scale);
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
    if (g == NULL || g->acc == NULL) {
        return;
    }
    cxs_read read = cxs_rating(ctx, args[0], &rating);
    if (read == READ_ERROR) {
        return;
    }
    if (read == READ_OK) {
        int status = cxm_acc_remove(g->acc, rating);
        if (status != CXM_OK) {
            cxs_status_error(ctx, status);
            return;
        }
        g->inputs--;
    }
    group_leave(g);
}

/* cxm_merge_agg: a NULL state brings no scale and is not counted. */
static void merge_step(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_acc *part;
    if (cxs_state(ctx, args[0], &part) != READ_OK) {
        return;
    }
    group *g = group_get(ctx);
    if (g == NULL || g->acc == NULL) {
        cxm_scale scale = CXM_SCALE_INIT;
        cxm_acc_scale(part, &scale);
        g = group_start(ctx, &scale);
    }
    int status = g != NULL ? cxm_acc_merge(g->acc, part) : CXM_OK;
    if (status == CXM_ERR_MISMATCH) {
        cxs_mismatch_error(ctx, "merge", g->acc, part);
    } else if (status != CXM_OK) {
        cxs_status_error(ctx, status);
    } else if (g != NULL) {
        g->rows++;
        g->inputs++;
    }
    cxm_acc_free(part);
}

static void merge_inverse(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    group *g = group_get(ctx);
    cxm_acc *part;
    if (g == NULL || g->acc == NULL || cxs_state(ctx, args[0], &part) != READ_OK) {
        return;
    }
    int status = cxm_acc_subtract(g->acc, part);
    cxm_acc_free(part);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    g->inputs--;
    group_leave(g);
}

/* xValue and xFinal: a group or frame without a non-NULL input is NULL. The
 * accumulator lives in SQLite's block, so xFinal has nothing to release. */
static void state_value(sqlite3_context *ctx)
{
    group *g = group_get(ctx);
    if (g == NULL || g->acc == NULL || g->inputs == 0) {
        sqlite3_result_null(ctx);
        return;
    }
    cxs_result_state(ctx, g->acc);
}

static void score_value(sqlite3_context *ctx)
{
    group *g = group_get(ctx);
    cxm_snapshot snapshot = CXM_SNAPSHOT_INIT;
    if (g == NULL || g->acc == NULL || g->inputs == 0 ||
        cxm_acc_snapshot(g->acc, &snapshot) != CXM_OK) {
        sqlite3_result_null(ctx);
        return;
    }
    cxs_result_number(ctx, snapshot.score);
}

typedef struct aggregate {
    cxs_function fn;
    int args;
    void (*step)(sqlite3_context *, int, sqlite3_value **);
    void (*inverse)(sqlite3_context *, int, sqlite3_value **);
    void (*value)(sqlite3_context *);
} aggregate;

static aggregate aggregates[] = {
    {{"cxm_acc_agg", 0}, 2, acc_agg_step, rating_inverse, state_value},
    {{"cxm_merge_agg", 0}, 1, merge_step, merge_inverse, state_value},
    {{"cxm_csat", CXM_PRESET_CSAT_5}, 1, preset_step, rating_inverse, score_value},
    {{"cxm_nps", CXM_PRESET_NPS}, 1, preset_step, rating_inverse, score_value},
    {{"cxm_ces", CXM_PRESET_CES_7}, 1, preset_step, rating_inverse, score_value},
};

int cxs_register_aggregates(sqlite3 *db)
{
    for (size_t i = 0; i < sizeof aggregates / sizeof aggregates[0]; i++) {
        const aggregate *a = &aggregates[i];
        int rc = sqlite3_create_window_function(db, a->fn.name, a->args, CXS_FLAGS, (void *)&a->fn,
                                                a->step, a->value, a->value, a->inverse, NULL);
        if (rc != SQLITE_OK) {
            return rc;
        }
    }
    return SQLITE_OK;
}
