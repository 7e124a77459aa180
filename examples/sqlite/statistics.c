/*
 * The statistics as JSON objects with the field names of the C structs:
 *   cxm_snapshot(state)                                    -> cxm_snapshot
 *   cxm_interval(state[, quantity[, method[, confidence]]])  -> cxm_interval
 *   cxm_compare(a, b[, quantity[, method[, confidence]]])    -> cxm_comparison
 * JSON because SQLite has no composite values, and its json_extract() and ->>
 * read the fields. Quantity and method are the library's resolved names.
 */
#include "extension.h"

static void snapshot(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    (void)argc;
    cxm_acc *acc;
    if (cxs_state(ctx, args[0], &acc) != READ_OK) {
        return;
    }
    cxm_snapshot s = CXM_SNAPSHOT_INIT;
    int status = cxm_acc_snapshot(acc, &s);
    cxm_acc_free(acc);
    if (status != CXM_OK) {
        cxs_status_error(ctx, status);
        return;
    }
    if (s.n > (uint64_t)INT64_MAX) { /* every other count is <= n */
        cxs_error(ctx, "the count %llu does not fit a signed 64-bit INTEGER",
                  (unsigned long long)s.n);
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
    cxs_json_end(&json);
    sqlite3_result_text(ctx, json.text, (int)json.len, SQLITE_TRANSIENT);
}

/* CXM_ERR_ARG has two causes once the names have parsed: a method that does
 * not fit the quantity, or a confidence outside (0, 1). The caller repeats
 * the call with confidence 0.5 (retry); if that passes, the confidence was
 * the problem. The library decides both; this only words the message. */
static void argument_error(sqlite3_context *ctx, const cxs_options *o, int retry,
                           const cxm_acc *acc)
{
    if (retry != CXM_ERR_ARG) {
        cxs_error(ctx, "confidence %!.15g is outside (0, 1)", o->confidence);
        return;
    }
    cxm_scale scale = CXM_SCALE_INIT;
    char text[CXM_TEXT_MAX];
    cxm_acc_scale(acc, &scale);
    cxs_error(ctx, "method '%s' does not apply to quantity '%s' of scale %s",
              cxm_method_name(o->method), cxm_quantity_name(o->quantity),
              cxs_scale_text(&scale, text));
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
    cxm_acc *acc;
    if (cxs_options_read(ctx, argc - 1, args + 1, &o) != READ_OK ||
        cxs_state(ctx, args[0], &acc) != READ_OK) {
        return;
    }
    cxm_interval iv = CXM_INTERVAL_INIT;
    int status = cxm_acc_interval(acc, o.quantity, o.method, o.confidence, &iv);
    if (status == CXM_OK) {
        interval_json(ctx, &iv);
    } else if (status == CXM_ERR_ARG) {
        argument_error(ctx, &o, cxm_acc_interval(acc, o.quantity, o.method, 0.5, &iv), acc);
    } else if (status != CXM_ERR_EMPTY) { /* undefined: NULL */
        cxs_status_error(ctx, status);
    }
    cxm_acc_free(acc);
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

static void compare(sqlite3_context *ctx, int argc, sqlite3_value **args)
{
    cxs_options o;
    cxm_acc *a = NULL, *b = NULL;
    if (cxs_options_read(ctx, argc - 2, args + 2, &o) != READ_OK ||
        cxs_state(ctx, args[0], &a) != READ_OK || cxs_state(ctx, args[1], &b) != READ_OK) {
        cxm_acc_free(a);
        return;
    }
    cxm_comparison c = CXM_COMPARISON_INIT;
    int status = cxm_acc_compare(a, b, o.quantity, o.method, o.confidence, &c);
    if (status == CXM_OK) {
        comparison_json(ctx, &c);
    } else if (status == CXM_ERR_MISMATCH) {
        cxs_mismatch_error(ctx, "compare", a, b);
    } else if (status == CXM_ERR_ARG) {
        argument_error(ctx, &o, cxm_acc_compare(a, b, o.quantity, o.method, 0.5, &c), a);
    } else if (status != CXM_ERR_EMPTY) { /* undefined: NULL */
        cxs_status_error(ctx, status);
    }
    cxm_acc_free(a);
    cxm_acc_free(b);
}

static cxs_scalar statistics[] = {
    {{"cxm_snapshot", 0}, 1, 1, snapshot},
    {{"cxm_interval", 0}, 1, 4, interval},
    {{"cxm_compare", 0}, 2, 5, compare},
};

int cxs_register_statistics(sqlite3 *db)
{
    return cxs_register_scalar_table(db, statistics, sizeof statistics / sizeof statistics[0]);
}
