/*
 * How many answers a survey needs:
 *   cxm_plan_sample_size(scale, expected, quantity, confidence, half_width[, population])
 *     -> INTEGER
 * the library's cxm_plan_sample_size: the answers for the Wald interval of
 * the quantity to reach +- half_width at the confidence, the variance of one
 * answer taken from `expected` (a pilot, an unweighted state of the scale) or
 * the worst case when it is NULL, with the finite-population correction when
 * population > 0. A NULL in any other argument gives NULL; a pilot that
 * defines no variance (no answers; fewer than two for a mean) gives NULL, as
 * every undefined number does.
 */
#include "extension.h"

/* The number of people who could answer: an INTEGER (or an integral REAL)
 * from 0, which means unlimited. */
static cxs_read population_argument(sqlite3_context *ctx, sqlite3_value *value, uint64_t *out)
{
    int type = sqlite3_value_type(value);
    if (type == SQLITE_FLOAT) {
        double real = sqlite3_value_double(value);
        if (!(real >= 0.0 && real < 9223372036854775808.0) || (double)(uint64_t)real != real) {
            cxs_error(ctx, "population %!.15g is not an integer from 0 (unlimited) to 2^63 - 1",
                      real);
            return READ_ERROR;
        }
        *out = (uint64_t)real;
        return READ_OK;
    }
    if (type != SQLITE_INTEGER) {
        cxs_error(ctx, "population %z is not an INTEGER (0 means unlimited)", cxs_quote(value));
        return READ_ERROR;
    }
    sqlite3_int64 integer = sqlite3_value_int64(value);
    if (integer < 0) {
        cxs_error(ctx, "population %lld is negative (0 means unlimited)", integer);
        return READ_ERROR;
    }
    *out = (uint64_t)integer;
    return READ_OK;
}

/* Every argument but the pilot read and checked, the pilot left to the
 * caller. */
typedef struct plan_args {
    cxm_scale scale;
    int quantity;
    double confidence, half_width;
    uint64_t population;
} plan_args;

static cxs_read read_plan(sqlite3_context *ctx, int argc, sqlite3_value **args, plan_args *out)
{
    for (int i = 0; i < argc; i++) {
        if (i != 1 && sqlite3_value_type(args[i]) == SQLITE_NULL) {
            return READ_NULL;
        }
    }
    plan_args p = {CXM_SCALE_INIT, 0, 0, 0, 0};
    cxs_read read = cxs_scale(ctx, args[0], &p.scale);
    if (read == READ_OK) {
        read = cxs_quantity(ctx, args[2], &p.quantity);
    }
    if (read == READ_OK) {
        read = cxs_real(ctx, args[3], "confidence", &p.confidence);
    }
    if (read == READ_OK) {
        read = cxs_real(ctx, args[4], "half_width", &p.half_width);
    }
    if (read == READ_OK && argc > 5) {
        read = population_argument(ctx, args[5], &p.population);
    }
    if (read == READ_OK) {
        *out = p;
    }
    return read;
}

static void plan_error(sqlite3_context *ctx, int status, const plan_args *p, const cxm_acc *pilot)
{
    char ta[CXM_TEXT_MAX], tb[CXM_TEXT_MAX];
    cxm_scale expected = CXM_SCALE_INIT;
    switch (status) {
    case CXM_ERR_MISMATCH:
        cxm_acc_scale(pilot, &expected);
        cxs_error(ctx, "the expected state's scale %s is not the scale %s",
                  cxs_scale_text(&expected, ta), cxs_scale_text(&p->scale, tb));
        break;
    case CXM_ERR_ARG:
        /* The quantity parsed, so the library refused the confidence or, that
         * being in (0, 1), the half-width: the order it checks them in. */
        if (!(p->confidence > 0 && p->confidence < 1)) {
            cxs_confidence_error(ctx, p->confidence);
        } else {
            cxs_error(ctx, "half_width must be positive, got %!.15g", p->half_width);
        }
        break;
    case CXM_ERR_OVERFLOW: cxs_error(ctx, "the sample size would exceed 2^64 - 1"); break;
    default: cxs_status_error(ctx, status);
    }
}

static void plan_sample_size(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    plan_args p;
    cxs_state pilot = {NULL, NULL};
    if (read_plan(ctx, argc, args, &p) != READ_OK ||
        cxs_state_read(ctx, args[1], KIND_UNWEIGHTED, &pilot) == READ_ERROR) {
        return;
    }
    uint64_t n = 0;
    int status = cxm_plan_sample_size(&p.scale, pilot.acc, p.quantity, p.confidence, p.half_width,
                                      p.population, &n);
    if (status == CXM_OK) {
        cxs_result_count(ctx, n);
    } else if (status != CXM_ERR_EMPTY) { /* undefined: NULL */
        plan_error(ctx, status, &p, pilot.acc);
    }
    cxs_state_free(&pilot);
}

static cxs_scalar planning[] = {
    {{"cxm_plan_sample_size"}, 5, 6, plan_sample_size},
};

int cxs_register_planning(sqlite3 *db)
{
    return cxs_register_scalar_table(db, planning, sizeof planning / sizeof planning[0]);
}
