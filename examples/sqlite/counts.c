/*
 * cxm_counts(state): the ratings of an unweighted state and their counts as
 * rows, the table-valued function PostgreSQL's cxm_counts returns.
 *
 *   SELECT rating, count FROM cxm_counts(cxm_acc_agg(...));
 *   SELECT d.day, c.* FROM daily AS d, cxm_counts(d.state) AS c;
 *
 * SQLite makes a table-valued function from an eponymous virtual table whose
 * hidden columns are its arguments, as json_each and generate_series do:
 * cxm_counts(x) is the table with the constraint state = x. The rows are the
 * ratings with a nonzero count, ascending; a NULL state has none. Like every
 * count read out, one beyond a signed 64-bit INTEGER is an error, raised
 * before the first row so that a query never sees part of a state.
 */
#include <string.h>

#include "extension.h"

enum { COLUMN_RATING, COLUMN_COUNT, COLUMN_STATE };

/* The name in messages, as the scalar functions put theirs. */
#define NAME "cxm_counts"

typedef struct cursor {
    sqlite3_vtab_cursor base;
    int32_t min; /* the scale's lowest rating */
    int span;    /* its number of ratings; 0: no rows */
    int at;      /* the current rating is min + at */
    uint64_t counts[CXM_SCALE_MAX_RATINGS];
} cursor;

static int counts_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                          sqlite3_vtab **out, char **error)
{
    (void)aux;
    (void)argc;
    (void)argv;
    (void)error;
    int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(rating INTEGER, count INTEGER, "
                                      "state HIDDEN)");
    if (rc != SQLITE_OK) {
        return rc;
    }
    /* A pure function of its argument, usable where trusted_schema=OFF
     * allows only innocuous functions, as the scalar functions are. */
    sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
    sqlite3_vtab *table = sqlite3_malloc(sizeof *table);
    if (table == NULL) {
        return SQLITE_NOMEM;
    }
    memset(table, 0, sizeof *table);
    *out = table;
    return SQLITE_OK;
}

static int counts_disconnect(sqlite3_vtab *table)
{
    sqlite3_free(table);
    return SQLITE_OK;
}

/* The only plan: the state given as the argument (an equality constraint on
 * the hidden column). An argument that is not usable yet (it comes from a
 * table joined later) makes the planner try another order; no argument at
 * all is planned too, so that xFilter can say what is missing. */
static int counts_best_index(sqlite3_vtab *table, sqlite3_index_info *info)
{
    (void)table;
    bool unusable = false;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn != COLUMN_STATE || c->op != SQLITE_INDEX_CONSTRAINT_EQ) {
            continue;
        }
        if (!c->usable) {
            unusable = true;
            continue;
        }
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->idxNum = 1;
        info->estimatedCost = 11;
        info->estimatedRows = 11;
        return SQLITE_OK;
    }
    if (unusable) {
        return SQLITE_CONSTRAINT;
    }
    info->idxNum = 0;
    info->estimatedCost = 1e12;
    return SQLITE_OK;
}

static int counts_open(sqlite3_vtab *table, sqlite3_vtab_cursor **out)
{
    (void)table;
    cursor *c = sqlite3_malloc(sizeof *c);
    if (c == NULL) {
        return SQLITE_NOMEM;
    }
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int counts_close(sqlite3_vtab_cursor *base)
{
    sqlite3_free(base);
    return SQLITE_OK;
}

/* Moves to the next rating with a nonzero count, or past the last. */
static void skip_zeros(cursor *c)
{
    while (c->at < c->span && c->counts[c->at] == 0) {
        c->at++;
    }
}

static int fail(sqlite3_vtab_cursor *base, char *message)
{
    sqlite3_free(base->pVtab->zErrMsg);
    base->pVtab->zErrMsg = message != NULL ? sqlite3_mprintf(NAME ": %z", message) : NULL;
    return message != NULL ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Copies the counts of the state argument; every one must fit an INTEGER. */
static int counts_filter(sqlite3_vtab_cursor *base, int plan, const char *plan_text, int argc,
                         sqlite3_value **args)
{
    (void)plan_text;
    cursor *c = (cursor *)base;
    c->span = c->at = 0;
    if (plan != 1 || argc != 1) {
        return fail(base, sqlite3_mprintf("takes a state: SELECT * FROM cxm_counts(state)"));
    }
    cxs_state s;
    char *message = NULL;
    cxs_read read = cxs_state_value(args[0], KIND_UNWEIGHTED, &s, &message);
    if (read == READ_NULL) {
        return SQLITE_OK;
    }
    if (read == READ_ERROR) {
        return fail(base, message);
    }
    cxm_scale scale = CXM_SCALE_INIT;
    int status = cxm_acc_scale(s.acc, &scale);
    if (status == CXM_OK) {
        status = cxm_acc_counts(s.acc, c->counts, CXM_SCALE_MAX_RATINGS);
    }
    cxs_state_free(&s);
    if (status != CXM_OK) {
        return fail(base, sqlite3_mprintf("%s", cxm_status_message(status)));
    }
    int span = (int)(scale.max - scale.min) + 1;
    for (int i = 0; i < span; i++) {
        if (c->counts[i] > (uint64_t)INT64_MAX) {
            return fail(base,
                        sqlite3_mprintf(CXS_COUNT_TOO_LARGE, (unsigned long long)c->counts[i]));
        }
    }
    c->min = scale.min;
    c->span = span;
    skip_zeros(c);
    return SQLITE_OK;
}

static int counts_next(sqlite3_vtab_cursor *base)
{
    cursor *c = (cursor *)base;
    c->at++;
    skip_zeros(c);
    return SQLITE_OK;
}

static int counts_eof(sqlite3_vtab_cursor *base)
{
    const cursor *c = (const cursor *)base;
    return c->at >= c->span;
}

/* The hidden argument column reads NULL: the state is consumed by xFilter. */
static int counts_column(sqlite3_vtab_cursor *base, sqlite3_context *ctx, int column)
{
    const cursor *c = (const cursor *)base;
    if (column == COLUMN_RATING) {
        sqlite3_result_int64(ctx, (sqlite3_int64)c->min + c->at);
    } else if (column == COLUMN_COUNT) {
        sqlite3_result_int64(ctx, (sqlite3_int64)c->counts[c->at]);
    }
    return SQLITE_OK;
}

static int counts_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid)
{
    *rowid = ((const cursor *)base)->at;
    return SQLITE_OK;
}

/* Eponymous only (no xCreate): cxm_counts exists in every schema as a
 * function, and CREATE VIRTUAL TABLE ... USING cxm_counts is refused. */
static sqlite3_module counts_module = {
    .xConnect = counts_connect,
    .xBestIndex = counts_best_index,
    .xDisconnect = counts_disconnect,
    .xOpen = counts_open,
    .xClose = counts_close,
    .xFilter = counts_filter,
    .xNext = counts_next,
    .xEof = counts_eof,
    .xColumn = counts_column,
    .xRowid = counts_rowid,
};

int cxs_register_counts(sqlite3 *db)
{
    return sqlite3_create_module(db, NAME, &counts_module, NULL);
}
