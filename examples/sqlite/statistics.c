/*
 * The statistics of a state of either kind as JSON objects with the field
 * names of the C structs:
 *   cxm_snapshot(state)                                    -> cxm_snapshot
 *   cxm_interval(state[, quantity[, method[, confidence]]])  -> cxm_interval
 *   cxm_compare(a, b[, quantity[, method[, confidence]]])    -> cxm_comparison
 * JSON because SQLite has no composite values, and its json_extract() and ->>
 * read the fields. Quantity and method are the library's resolved names.
 *
 * An interval or a comparison that the sample leaves undefined (no answers;
 * one, for a mean) is still an object: it names what was asked as the
 * library resolves it, the confidence, and the observed estimate or
 * difference where the sample has one, with null for the rest. So a query
 * that reads ->> 'method' or ->> 'estimate' over many groups gets them for
 * every group, as PostgreSQL's composite rows give them.
 */
#include <math.h>

#include "extension.h"

static void snapshot(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    if (cxs_snapshot_read(ctx, args[0], KIND_ANY, &s) != READ_OK) {
        return;
    }
    if (s.n > (uint64_t)INT64_MAX) { /* every other count is <= n */
        cxs_error(ctx, CXS_COUNT_TOO_LARGE, (unsigned long long)s.n);
        return;
    }
    cxs_json json;
    cxs_json_begin(&json);
    cxs_json_headline(&json, "headline", s.headline);
    cxs_json_count(&json, "n", s.n);
    cxs_json_count(&json, "positive", s.positive);
    cxs_json_count(&json, "neutral", s.neutral);
    cxs_json_count(&json, "negative", s.negative);
    cxs_json_number(&json, "positive_share", s.positive_share);
    cxs_json_number(&json, "negative_share", s.negative_share);
    cxs_json_number(&json, "net", s.net);
    cxs_json_number(&json, "mean", s.mean);
    cxs_json_number(&json, "stddev", s.stddev);
    cxs_json_number(&json, "score", s.score);
    cxs_json_number(&json, "score_low", s.score_low);
    cxs_json_number(&json, "score_high", s.score_high);
    cxs_json_number(&json, "weight_total", s.weight_total);
    cxs_json_number(&json, "n_effective", s.n_effective);
    cxs_json_end(&json);
    sqlite3_result_text(ctx, json.text, (int)json.len, SQLITE_TRANSIENT);
}

/* "a, b, c": the methods the library resolves for the quantity of the scale
 * from the table `use`, for the message about one that does not fit
 * (sqlite3_malloc'd, NULL if out of memory). */
static char *fitting_methods(const cxm_scale *scale, int quantity, int use)
{
    sqlite3_str *list = sqlite3_str_new(NULL);
    int q, m;
    for (int i = 0; cxm_method_name(i) != NULL; i++) {
        if (cxm_method_resolve(scale, quantity, i, use, &q, &m) == CXM_OK) {
            sqlite3_str_appendf(list, "%s%s", sqlite3_str_length(list) > 0 ? ", " : "",
                                cxm_method_name(i));
        }
    }
    return sqlite3_str_finish(list);
}

/* Resolves the quantity and method as the statistics call will, from the
 * library's tables. A method that does not fit the quantity is reported
 * here, so that CXM_ERR_ARG from the call itself can only mean the
 * confidence. */
static bool resolve(sqlite3_context *ctx, const cxs_options *o, const cxs_state *s, bool compare,
                    int32_t *quantity, int32_t *method)
{
    cxm_scale scale = CXM_SCALE_INIT;
    int q, m;
    int status = cxs_state_scale(s, &scale);
    if (status == CXM_OK) {
        status =
            cxm_method_resolve(&scale, o->quantity, o->method, cxs_state_use(s, compare), &q, &m);
    }
    if (status == CXM_ERR_ARG) {
        char text[CXM_TEXT_MAX];
        cxs_error(ctx, "method '%s' does not apply to quantity '%s' of %sscale %s (it takes: %z)",
                  cxm_method_name(o->method), cxm_quantity_name(o->quantity),
                  s->wacc != NULL ? "weighted states of " : "", cxs_scale_text(&scale, text),
                  fitting_methods(&scale, o->quantity, cxs_state_use(s, compare)));
        return false;
    }
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return false;
    }
    *quantity = q;
    *method = m;
    return true;
}

/* The observed value of a resolved quantity, as the snapshot has it (NaN for
 * an empty sample). */
static double observed(const cxs_state *state, int quantity)
{
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    if (cxs_state_snapshot(state, &s) != CXM_OK) {
        return NAN;
    }
    switch (quantity) {
    case CXM_QUANTITY_POSITIVE_SHARE: return s.positive_share;
    case CXM_QUANTITY_NEGATIVE_SHARE: return s.negative_share;
    case CXM_QUANTITY_NET: return s.net;
    case CXM_QUANTITY_MEAN: return s.mean;
    default: return NAN; /* resolved quantities are never HEADLINE */
    }
}

/* A statistics call's status other than CXM_OK and CXM_ERR_EMPTY. */
static void statistic_error(sqlite3_context *ctx, int status, const cxs_options *o)
{
    if (status == CXM_ERR_ARG) {
        cxs_confidence_error(ctx, o->confidence);
    } else {
        cxs_status_error(ctx, status);
    }
}

static void interval_json(sqlite3_context *ctx, const cxm_interval *iv)
{
    cxs_json json;
    cxs_json_begin(&json);
    cxs_json_string(&json, "quantity", cxm_quantity_name(iv->quantity));
    cxs_json_string(&json, "method", cxm_method_name(iv->method));
    cxs_json_number(&json, "confidence", iv->confidence);
    cxs_json_number(&json, "estimate", iv->estimate);
    cxs_json_number(&json, "se", iv->se);
    cxs_json_number(&json, "low", iv->low);
    cxs_json_number(&json, "high", iv->high);
    cxs_json_end(&json);
    sqlite3_result_text(ctx, json.text, (int)json.len, SQLITE_TRANSIENT);
}

static void interval(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    cxs_options o;
    cxs_state s;
    if (cxs_options_read(ctx, argc - 1, args + 1, &o) != READ_OK ||
        cxs_state_read(ctx, args[0], KIND_ANY, &s) != READ_OK) {
        return;
    }
    cxm_interval iv = CXM_INTERVAL_INIT;
    if (resolve(ctx, &o, &s, false, &iv.quantity, &iv.method)) {
        int status = cxs_state_interval(&s, o.quantity, o.method, o.confidence, &iv);
        if (status == CXM_ERR_EMPTY) {
            iv.confidence = o.confidence;
            iv.estimate = observed(&s, iv.quantity);
            iv.se = iv.low = iv.high = NAN;
            status = CXM_OK;
        }
        if (status == CXM_OK) {
            interval_json(ctx, &iv);
        } else {
            statistic_error(ctx, status, &o);
        }
    }
    cxs_state_free(&s);
}

static void comparison_json(sqlite3_context *ctx, const cxm_comparison *c)
{
    cxs_json json;
    cxs_json_begin(&json);
    cxs_json_string(&json, "quantity", cxm_quantity_name(c->quantity));
    cxs_json_string(&json, "method", cxm_method_name(c->method));
    cxs_json_number(&json, "confidence", c->confidence);
    cxs_json_number(&json, "difference", c->difference);
    cxs_json_number(&json, "se", c->se);
    cxs_json_number(&json, "statistic", c->statistic);
    cxs_json_number(&json, "df", c->df);
    cxs_json_number(&json, "p_value", c->p_value);
    cxs_json_number(&json, "low", c->low);
    cxs_json_number(&json, "high", c->high);
    cxs_json_end(&json);
    sqlite3_result_text(ctx, json.text, (int)json.len, SQLITE_TRANSIENT);
}

/* Two states of one kind and one scale: checked before the names are
 * resolved against a's scale, so that a mismatch is reported as one. */
static bool comparable(const cxs_state *a, const cxs_state *b)
{
    cxm_scale sa = CXM_SCALE_INIT, sb = CXM_SCALE_INIT;
    return cxs_state_same_kind(a, b) && cxs_state_scale(a, &sa) == CXM_OK &&
           cxs_state_scale(b, &sb) == CXM_OK && cxm_scale_equal(&sa, &sb) == 1;
}

static void compare(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    cxs_options o;
    cxs_state a = {NULL, NULL}, b = {NULL, NULL};
    if (cxs_options_read(ctx, argc - 2, args + 2, &o) != READ_OK ||
        cxs_state_read(ctx, args[0], KIND_ANY, &a) != READ_OK ||
        cxs_state_read(ctx, args[1], KIND_ANY, &b) != READ_OK) {
        cxs_state_free(&a);
        return;
    }
    cxm_comparison c = CXM_COMPARISON_INIT;
    if (!comparable(&a, &b)) {
        cxs_combine_error(ctx, "compare", CXM_ERR_MISMATCH, &a, &b);
    } else if (resolve(ctx, &o, &a, true, &c.quantity, &c.method)) {
        int status = cxs_state_compare(&a, &b, o.quantity, o.method, o.confidence, &c);
        if (status == CXM_ERR_EMPTY) {
            /* The observed difference where both samples define the quantity
             * (a mean of one answer each, or two constant samples). */
            c.confidence = o.confidence;
            c.difference = observed(&a, c.quantity) - observed(&b, c.quantity);
            c.se = c.statistic = c.df = c.p_value = c.low = c.high = NAN;
            status = CXM_OK;
        }
        if (status == CXM_OK) {
            comparison_json(ctx, &c);
        } else {
            statistic_error(ctx, status, &o);
        }
    }
    cxs_state_free(&a);
    cxs_state_free(&b);
}

static cxs_scalar statistics[] = {
    {{"cxm_snapshot"}, 1, 1, snapshot},
    {{"cxm_interval"}, 1, 4, interval},
    {{"cxm_compare"}, 2, 5, compare},
};

int cxs_register_statistics(sqlite3 *db)
{
    return cxs_register_scalar_table(db, statistics, sizeof statistics / sizeof statistics[0]);
}
