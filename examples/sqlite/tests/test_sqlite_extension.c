/*
 * The SQLite extension's C code inside one process, so that valgrind and the
 * sanitizers watch it (a module loaded into the sqlite3 shell or Python is
 * out of their reach): the extension's objects are linked into this program
 * and registered with sqlite3_auto_extension, exactly as SQLite would call
 * the entry point after dlopen. The host tests (test_sqlite.py) check the
 * numbers against R and plain SQL; this suite drives every code path, bad
 * input above all, with hand-worked answers.
 */
#include <sqlite3.h>
#include <stdio.h>

#include "testutil.h"

/* The module's entry point (examples/sqlite/extension.c). */
int sqlite3_cxmetrics_init(sqlite3 *db, char **error, const sqlite3_api_routines *api);

static void register_extension(void)
{
    /* sqlite3_auto_extension takes the entry point as a generic function
     * pointer and calls it with its real arguments. */
    ck_assert_int_eq(sqlite3_auto_extension((void (*)(void))sqlite3_cxmetrics_init), SQLITE_OK);
}

static sqlite3 *open_db(void)
{
    register_extension();
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    return db;
}

static void exec(sqlite3 *db, const char *sql)
{
    char *error = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &error);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, error != NULL ? error : "?");
    sqlite3_free(error);
}

/* Runs a one-row query; the statement is left on its row for the caller. */
static sqlite3_stmt *row(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    ck_assert_msg(sqlite3_step(stmt) == SQLITE_ROW, "%s: %s", sql, sqlite3_errmsg(db));
    return stmt;
}

static void expect_real(sqlite3 *db, const char *sql, double want)
{
    sqlite3_stmt *stmt = row(db, sql);
    ck_assert_msg(sqlite3_column_type(stmt, 0) == SQLITE_FLOAT, "%s: not REAL", sql);
    ck_assert_rel(sqlite3_column_double(stmt, 0), want, 1e-15);
    sqlite3_finalize(stmt);
}

static void expect_null(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = row(db, sql);
    ck_assert_msg(sqlite3_column_type(stmt, 0) == SQLITE_NULL, "%s: not NULL", sql);
    sqlite3_finalize(stmt);
}

static void expect_text(sqlite3 *db, const char *sql, const char *want)
{
    sqlite3_stmt *stmt = row(db, sql);
    const char *got = (const char *)sqlite3_column_text(stmt, 0);
    ck_assert_msg(got != NULL && strcmp(got, want) == 0, "%s: got %s, want %s", sql,
                  got != NULL ? got : "NULL", want);
    sqlite3_finalize(stmt);
}

/* The statement fails with a message containing `want`, and the connection
 * answers the next query correctly. */
static void expect_error(sqlite3 *db, const char *sql, const char *want)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        }
    }
    ck_assert_msg(rc != SQLITE_DONE && rc != SQLITE_OK, "%s: no error", sql);
    ck_assert_msg(strstr(sqlite3_errmsg(db), want) != NULL, "%s: error '%s' lacks '%s'", sql,
                  sqlite3_errmsg(db), want);
    sqlite3_finalize(stmt);
    expect_real(db, "SELECT cxm_nps(9)", 100.0);
}

/* Runs sql with one BLOB parameter; returns the final step's code. */
static int run_with_blob(sqlite3 *db, const char *sql, const void *blob, int len)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_bind_blob(stmt, 1, blob, len, SQLITE_TRANSIENT), SQLITE_OK);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_finalize(stmt);
    return rc;
}

START_TEST(aggregates_hand_worked)
{
    sqlite3 *db = open_db();
    exec(db, "CREATE TABLE t(r INTEGER); INSERT INTO t VALUES (9), (10), (3), (7), (NULL)");
    /* NPS: promoters 9, 10; detractor 3; passive 7: 100 * (2 - 1) / 4 */
    expect_real(db, "SELECT cxm_nps(r) FROM t", 25.0);
    /* CSAT 5 4 3 1: 2 of 4 positive; CES 1 7 5: mean 13 / 3 */
    expect_real(db, "SELECT cxm_csat(column1) FROM (VALUES (5), (4), (3), (1), (NULL))", 50.0);
    expect_real(db, "SELECT cxm_ces(column1) FROM (VALUES (1), (7), (5), (NULL))", 13.0 / 3.0);
    expect_real(db, "SELECT cxm_nps(r) FROM t WHERE r > 8", 100.0);
    expect_null(db, "SELECT cxm_nps(r) FROM t WHERE r IS NULL");
    expect_text(db, "SELECT cxm_text(cxm_acc_agg(r, 'nps')) FROM t", "nps{3:1,7:1,9:1,10:1}");
    expect_text(db, "SELECT cxm_n(cxm_acc_agg(r, 'nps')) FROM t", "4");
    expect_real(db, "SELECT cxm_score(cxm_acc_agg(r, 'nps')) FROM t", 25.0);
    expect_null(db, "SELECT cxm_acc_agg(r, 'nps') FROM t WHERE r IS NULL");
    expect_text(db,
                "SELECT cxm_text(cxm_merge_agg(s)) FROM (SELECT cxm_acc_agg(r, 'nps') AS s "
                "FROM t GROUP BY r > 8)",
                "nps{3:1,7:1,9:1,10:1}");
    expect_text(db,
                "SELECT cxm_text(cxm_merge(cxm_from_text('nps{3:1}'), "
                "cxm_from_text('nps{3:2,10:1}')))",
                "nps{3:3,10:1}");
    /* the same scale spelled three ways in one group */
    expect_text(db,
                "SELECT cxm_text(cxm_acc_agg(column1, column2)) FROM (VALUES (5, 'csat'), "
                "(4, 'csat5'), (5, '1..5/4..5/1..2/share'))",
                "csat5{4:1,5:2}");
    sqlite3_close(db);
}
END_TEST

START_TEST(statistics_as_json)
{
    sqlite3 *db = open_db();
    /* 3 promoters, 1 detractor of 4: shares 75 and 25, net 50; mean (0+27)/4 */
    expect_text(db,
                "SELECT json_remove(cxm_snapshot(cxm_from_text('nps{0:1,9:3}')), "
                "'$.stddev', '$.score_low', '$.score_high')",
                "{\"headline\":\"net\",\"n\":4,\"positive\":3,\"neutral\":0,\"negative\":1,"
                "\"positive_share\":75.0,\"negative_share\":25.0,\"net\":50.0,\"mean\":6.75,"
                "\"score\":50.0,\"weight_total\":4.0,\"n_effective\":4.0}");
    expect_text(db, "SELECT cxm_snapshot(cxm_from_text('csat{}'))",
                "{\"headline\":\"share\",\"n\":0,\"positive\":0,\"neutral\":0,\"negative\":0,"
                "\"positive_share\":null,\"negative_share\":null,\"net\":null,\"mean\":null,"
                "\"stddev\":null,\"score\":null,\"score_low\":null,\"score_high\":null,"
                "\"weight_total\":null,\"n_effective\":null}");
    /* Wald interval of a share of 1/2 with n = 4 at 95 %: 50 +- z * 25 */
    expect_real(db,
                "SELECT cxm_interval(cxm_from_text('csat{1:2,5:2}'), 'positive-share', "
                "'wald') ->> 'se'",
                25.0);
    expect_text(db,
                "SELECT cxm_interval(cxm_from_text('csat{1:2,5:2}'), 'positive-share', "
                "'wald', 0.9) ->> 'confidence'",
                "0.9");
    expect_text(db,
                "SELECT cxm_compare(cxm_from_text('nps{9:2}'), cxm_from_text('nps{0:2}'), "
                "'net', 'wald') ->> 'difference'",
                "200.0");
    expect_null(db, "SELECT cxm_compare(cxm_from_text('nps{9:2}'), cxm_from_text('nps{0:2}')) "
                    "->> 'df'");
    /* undefined: the names resolved, the observed mean, null for the rest */
    expect_text(db, "SELECT cxm_interval(cxm_from_text('ces{3:1}'))",
                "{\"quantity\":\"mean\",\"method\":\"t\",\"confidence\":0.95,"
                "\"estimate\":3.0,\"se\":null,\"low\":null,\"high\":null}");
    sqlite3_close(db);
}
END_TEST

/* Ratings 0..10 in a fixed scrambled order; every frame of three rows is
 * recounted here by hand and must match the window with its inverse. */
START_TEST(window_inverse_matches_recount)
{
    sqlite3 *db = open_db();
    exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, r INTEGER)");
    int ratings[64];
    for (int i = 0; i < 64; i++) {
        ratings[i] = (i * 7 + 3) % 11;
        char sql[96];
        if (i % 9 == 4) {
            ratings[i] = -1; /* NULL */
            snprintf(sql, sizeof sql, "INSERT INTO t VALUES (%d, NULL)", i);
        } else {
            snprintf(sql, sizeof sql, "INSERT INTO t VALUES (%d, %d)", i, ratings[i]);
        }
        exec(db, sql);
    }
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT id, cxm_nps(r) OVER w, cxm_n(cxm_merge_agg(s) "
                                        "OVER w) FROM (SELECT id, r, cxm_acc_agg(r, 'nps') "
                                        "OVER (ORDER BY id ROWS 0 PRECEDING) AS s FROM t) "
                                        "WINDOW w AS (ORDER BY id ROWS 2 PRECEDING)",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    for (int i = 0; i < 64; i++) {
        ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
        int n = 0, promoters = 0, detractors = 0;
        for (int k = i - 2 < 0 ? 0 : i - 2; k <= i; k++) {
            if (ratings[k] >= 0) {
                n++;
                promoters += ratings[k] >= 9;
                detractors += ratings[k] <= 6;
            }
        }
        ck_assert_int_eq(sqlite3_column_int(stmt, 0), i);
        if (n == 0) {
            ck_assert_int_eq(sqlite3_column_type(stmt, 1), SQLITE_NULL);
            ck_assert_int_eq(sqlite3_column_type(stmt, 2), SQLITE_NULL);
        } else {
            ck_assert_rel(sqlite3_column_double(stmt, 1), 100.0 * (promoters - detractors) / n,
                          1e-15);
            ck_assert_int_eq(sqlite3_column_int(stmt, 2), n);
        }
    }
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}
END_TEST

/* Every row of a two-column query as "first|second" ("NULL" for NULL), in order. */
static void expect_rows(sqlite3 *db, const char *sql, const char *const *want, int count)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    for (int i = 0; i < count; i++) {
        ck_assert_msg(sqlite3_step(stmt) == SQLITE_ROW, "%s: row %d: %s", sql, i,
                      sqlite3_errmsg(db));
        char got[256];
        const char *a = (const char *)sqlite3_column_text(stmt, 0);
        const char *b = (const char *)sqlite3_column_text(stmt, 1);
        snprintf(got, sizeof got, "%s|%s", a != NULL ? a : "NULL", b != NULL ? b : "NULL");
        ck_assert_msg(strcmp(got, want[i]) == 0, "%s: row %d is %s, want %s", sql, i, got, want[i]);
    }
    ck_assert_msg(sqlite3_step(stmt) == SQLITE_DONE, "%s: more rows than %d", sql, count);
    sqlite3_finalize(stmt);
}

/* A frame that never mixes scales gives each frame its own scale, as
 * PostgreSQL does (its window aggregate restarts when the frame empties): the
 * expected rows are what examples/postgresql gives for the same queries. A row
 * with a NULL rating still holds its scale while it is in the frame. The
 * 101-rating scale after a narrow one reuses the group's first block, which
 * must be large enough (valgrind and ASan watch this suite). */
START_TEST(window_frames_restart_with_another_scale)
{
    sqlite3 *db = open_db();
    exec(db, "CREATE TABLE t(i INTEGER, r INTEGER, s TEXT);"
             "INSERT INTO t VALUES (1, 1, 'csat'), (2, NULL, 'csat'), (3, 9, 'nps'),"
             "(4, 100, '0..100/51..100/0..50/share'), (5, 3, 'csat3')");
    static const char *const each[] = {"1|csat5{1:1}", "2|nps{9:1}"};
    expect_rows(db,
                "SELECT i, cxm_text(cxm_merge_agg(a) OVER (ORDER BY i ROWS CURRENT ROW)) FROM "
                "(SELECT 1 i, cxm_from_text('csat{1:1}') a UNION ALL SELECT 2, "
                "cxm_from_text('nps{9:1}'))",
                each, 2);
    expect_rows(db,
                "SELECT i, cxm_text(cxm_acc_agg(r, s) OVER (ORDER BY i ROWS CURRENT ROW)) FROM "
                "(SELECT 1 i, 1 r, 'csat' s UNION ALL SELECT 2, 9, 'nps')",
                each, 2);
    static const char *const pairs[] = {"1|csat5{1:1}", "2|csat5{1:1}", "3|nps{9:1}"};
    expect_rows(db,
                "SELECT i, cxm_text(cxm_merge_agg(a) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING "
                "AND CURRENT ROW)) FROM (SELECT i, CASE WHEN r IS NOT NULL THEN "
                "cxm_acc_agg(r, s) OVER (ORDER BY i ROWS CURRENT ROW) END a FROM t WHERE i <= 3)",
                pairs, 3);
    static const char *const rows[] = {"1|csat5{1:1}", "2|NULL", "3|nps{9:1}",
                                       "4|0..100/51..100/0..50/share{100:1}", "5|csat3{3:1}"};
    expect_rows(db,
                "SELECT i, cxm_text(cxm_acc_agg(r, s) OVER (ORDER BY i ROWS CURRENT ROW)) FROM t",
                rows, 5);
    /* The NULL rating of row 2 keeps csat5 in the frame {2, 3}. */
    expect_error(db, "SELECT cxm_acc_agg(r, s) OVER (ORDER BY i ROWS 1 PRECEDING) FROM t",
                 "scale 'nps' differs from the group's scale csat5");
    sqlite3_close(db);
}
END_TEST

/* Weighted responses: c, W and Q per rating summed by hand; NULL rating or
 * weight skips the row; the inverse takes the leaving response out exactly. */
START_TEST(weighted_states)
{
    sqlite3 *db = open_db();
    exec(db,
         "CREATE TABLE t(i INTEGER, r INTEGER, w INTEGER);"
         "INSERT INTO t VALUES (1, 6, 40), (2, 9, 50), (3, NULL, 7), (4, 9, 100), (5, 3, NULL)");
    /* rating 6: 1, 40, 1600; rating 9: 2, 150, 50^2 + 100^2 = 12500 */
    expect_text(db, "SELECT cxm_text(cxm_wacc_agg(r, w, 'nps')) FROM t",
                "nps[6:1/40/1600,9:2/150/12500]");
    /* W = 190; net = 100 (150 - 40) / 190; Kish: 190^2 / 14100 */
    expect_real(db, "SELECT cxm_score(cxm_wacc_agg(r, w, 'nps')) FROM t", 100.0 * 110.0 / 190.0);
    expect_text(db, "SELECT cxm_weight(cxm_wacc_agg(r, w, 'nps')) FROM t", "190");
    expect_real(db, "SELECT cxm_n_effective(cxm_wacc_agg(r, w, 'nps')) FROM t",
                190.0 * 190.0 / 14100.0);
    expect_text(db, "SELECT cxm_text(cxm_unweighted(cxm_wacc_agg(r, w, 'nps'))) FROM t",
                "nps{6:1,9:2}");
    expect_text(db, "SELECT cxm_n(cxm_wacc_agg(r, w, 'nps')) FROM t", "3");
    static const char *const frames[] = {"1|nps[6:1/40/1600]", "2|nps[6:1/40/1600,9:1/50/2500]",
                                         "3|nps[9:1/50/2500]", "4|nps[9:1/100/10000]",
                                         "5|nps[9:1/100/10000]"};
    expect_rows(db,
                "SELECT i, cxm_text(cxm_wacc_agg(r, w, 'nps') OVER (ORDER BY i ROWS 1 PRECEDING)) "
                "FROM t",
                frames, 5);
    expect_text(db,
                "SELECT cxm_text(cxm_merge_agg(s)) FROM (SELECT cxm_wacc_agg(r, w, 'nps') AS s "
                "FROM t GROUP BY i)",
                "nps[6:1/40/1600,9:2/150/12500]");
    expect_text(db,
                "SELECT cxm_text(cxm_subtract(cxm_from_text('nps[6:1/40/1600,9:2/150/12500]'), "
                "cxm_from_text('nps[9:1/50/2500]')))",
                "nps[6:1/40/1600,9:1/100/10000]");
    /* one response: the estimate, null for the rest */
    expect_text(db, "SELECT cxm_interval(cxm_from_text('nps[9:1/5/25]'))",
                "{\"quantity\":\"net\",\"method\":\"wald\",\"confidence\":0.95,"
                "\"estimate\":100.0,\"se\":null,\"low\":null,\"high\":null}");
    expect_null(db, "SELECT cxm_wacc_agg(r, w, 'nps') FROM t WHERE r IS NULL OR w IS NULL");
    sqlite3_close(db);
}
END_TEST

/* cxm_merge_agg's frames restart with another kind and scale: a weighted
 * state after an accumulator does not fit the group's first block and goes to
 * the heap (valgrind and ASan watch the block and the release). */
START_TEST(merge_frames_restart_with_another_kind)
{
    sqlite3 *db = open_db();
    static const char *const rows[] = {"1|csat5{1:1}", "2|0..100/51..100/0..50/share[100:1/9/81]",
                                       "3|nps{9:1}"};
    expect_rows(db,
                "SELECT i, cxm_text(cxm_merge_agg(s) OVER (ORDER BY i ROWS CURRENT ROW)) FROM "
                "(SELECT 1 i, cxm_from_text('csat{1:1}') s UNION ALL SELECT 2, "
                "cxm_from_text('0..100/51..100/0..50/share[100:1/9/81]') UNION ALL SELECT 3, "
                "cxm_from_text('nps{9:1}'))",
                rows, 3);
    expect_error(db,
                 "SELECT cxm_merge_agg(s) OVER (ORDER BY i ROWS 1 PRECEDING) FROM (SELECT 1 i, "
                 "cxm_from_text('nps{1:1}') s UNION ALL SELECT 2, cxm_from_text('nps[9:1/9/81]'))",
                 "cannot merge an unweighted and a weighted state");
    /* The weighted state on the heap (its frame's block was sized for an
     * accumulator) is released by xFinal when a later row fails, and when the
     * partition ends while it is in the frame. */
    expect_error(db,
                 "SELECT cxm_merge_agg(s) OVER (ORDER BY i ROWS CURRENT ROW) FROM (SELECT 1 i, "
                 "cxm_from_text('nps{1:1}') s UNION ALL SELECT 2, cxm_from_text('nps[9:1/9/81]') "
                 "UNION ALL SELECT 3, x'01')",
                 "not a valid state");
    static const char *const last[] = {"1|csat5{1:1}", "2|nps[9:1/9/81]"};
    expect_rows(db,
                "SELECT i, cxm_text(cxm_merge_agg(s) OVER (ORDER BY i ROWS CURRENT ROW)) FROM "
                "(SELECT 1 i, cxm_from_text('csat{1:1}') s UNION ALL SELECT 2, "
                "cxm_from_text('nps[9:1/9/81]'))",
                last, 2);
    static const char *const grouped[] = {"1|csat5{1:1}", "2|nps[9:2/18/162]"};
    expect_rows(
        db,
        "SELECT g, cxm_text(cxm_merge_agg(s)) FROM (SELECT 1 g, cxm_from_text('csat{1:1}') s "
        "UNION ALL SELECT 2, cxm_from_text('nps[9:1/9/81]') UNION ALL SELECT 2, "
        "cxm_from_text('nps[9:1/9/81]')) GROUP BY g",
        grouped, 2);
    sqlite3_close(db);
}
END_TEST

START_TEST(add_subtract_counts_version)
{
    sqlite3 *db = open_db();
    expect_text(db, "SELECT cxm_version()", cxm_version_string());
    expect_text(db, "SELECT cxm_text(cxm_add(cxm_add(cxm_from_text('nps{}'), 9), 9))", "nps{9:2}");
    expect_text(db,
                "SELECT cxm_text(cxm_subtract(cxm_from_text('nps{0:2,9:3}'), "
                "cxm_from_text('nps{9:1}')))",
                "nps{0:2,9:2}");
    expect_null(db, "SELECT cxm_add(cxm_from_text('nps{}'), NULL)");
    static const char *const counts[] = {"-3|1", "3|2"};
    expect_rows(db,
                "SELECT rating, count FROM cxm_counts(cxm_from_text('-3..3/2..3/-3..-2/net"
                "{-3:1,3:2}'))",
                counts, 2);
    static const char *const joined[] = {"a|9", "b|0", "b|10"};
    expect_rows(db,
                "SELECT g, c.rating FROM (SELECT 'a' g, cxm_from_text('nps{9:5}') s UNION ALL "
                "SELECT 'b', cxm_from_text('nps{0:1,10:1}') UNION ALL SELECT 'c', NULL), "
                "cxm_counts(s) AS c ORDER BY 1, 2",
                joined, 3);
    expect_rows(db, "SELECT rating, count FROM cxm_counts(cxm_from_text('nps{}'))", NULL, 0);
    sqlite3_close(db);
}
END_TEST

/* docs/statistics.md's worked examples: worst-case NPS +-5 at 95 % needs
 * ceil(z^2 10000 / 25) = 1537 answers, 870 of 2000 customers; a pilot of 50
 * promoters and 20 detractors of 100: 938. */
START_TEST(planning_worked_examples)
{
    sqlite3 *db = open_db();
    expect_text(db, "SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5)", "1537");
    expect_text(db, "SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5, 2000)", "870");
    expect_text(db,
                "SELECT cxm_plan_sample_size('nps', cxm_from_text('nps{0:20,8:30,10:50}'), 'net', "
                "0.95, 5)",
                "938");
    expect_null(db, "SELECT cxm_plan_sample_size('nps', cxm_from_text('nps{}'), 'net', 0.95, 5)");
    expect_null(db, "SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 5, NULL)");
    sqlite3_close(db);
}
END_TEST

/* The error message of sql, which must fail; the connection then still
 * answers. */
static void error_message(sqlite3 *db, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    ck_assert_msg(rc != SQLITE_DONE, "%s: no error", sql);
    snprintf(out, cap, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    expect_real(db, "SELECT cxm_nps(9)", 100.0);
}

/* The error message of a call on a long value repeats at most 200 bytes of it,
 * cut at a UTF-8 character boundary, and says how many bytes the value had. */
START_TEST(long_values_are_quoted_short)
{
    sqlite3 *db = open_db();
    char got[4096], want[1024], a199[200], e100[201];
    memset(a199, 'a', 199);
    a199[199] = '\0';
    for (int i = 0; i < 100; i++) {
        memcpy(e100 + 2 * i, "\xc3\xa9", 2); /* U+00E9, 2 bytes in UTF-8 */
    }
    e100[200] = '\0';
    /* 199 'a' and one 'é' are 201 bytes: a cut at 200 would split the 'é'. */
    error_message(db, "SELECT cxm_from_text(printf('%.*c', 199, 'a') || '\xc3\xa9')", got,
                  sizeof got);
    snprintf(want, sizeof want, "cxm_from_text: malformed state text '%s'... (201 bytes)", a199);
    ck_assert_str_eq(got, want);
    error_message(db, "SELECT cxm_acc_agg(1, printf('%.*c', 199, 'a') || '\xc3\xa9')", got,
                  sizeof got);
    snprintf(want, sizeof want, "cxm_acc_agg: unknown or invalid scale '%s'... (201 bytes)", a199);
    ck_assert_str_eq(got, want);
    /* 300 'é' (600 bytes): exactly 100 of them fit in 200 bytes. */
    error_message(db,
                  "SELECT cxm_interval(cxm_from_text('nps{9:1}'), 'net', "
                  "replace(printf('%.*c', 300, 'x'), 'x', '\xc3\xa9'))",
                  got, sizeof got);
    snprintf(want, sizeof want, "cxm_interval: unknown method '%s'... (600 bytes) (one of: ", e100);
    ck_assert_msg(strncmp(got, want, strlen(want)) == 0, "got %s", got);
    /* A megabyte of text: the message stays short. */
    error_message(db, "SELECT cxm_from_text(printf('%.*c', 1000000, 'x'))", got, sizeof got);
    ck_assert_msg(strlen(got) < 300 && strstr(got, "'... (1000000 bytes)") != NULL, "got %s", got);
    error_message(db, "SELECT cxm_score(printf('%.*c', 1000000, 'x'))", got, sizeof got);
    ck_assert_msg(strlen(got) < 400 && strstr(got, "'... (1000000 bytes) (cxm_from_text") != NULL,
                  "got %s", got);
    error_message(db, "SELECT cxm_nps(printf('%.*c', 1000000, 'x'))", got, sizeof got);
    ck_assert_msg(strlen(got) < 300 && strstr(got, "'... (1000000 bytes) is TEXT") != NULL,
                  "got %s", got);
    /* 200 bytes are quoted whole. */
    error_message(db, "SELECT cxm_from_text(printf('%.*c', 200, 'b'))", got, sizeof got);
    ck_assert_msg(strlen(got) == strlen("cxm_from_text: malformed state text ''") + 200 &&
                      got[strlen(got) - 1] == '\'',
                  "got %s", got);
    sqlite3_close(db);
}
END_TEST

/* A value that is not valid UTF-8 is quoted with U+FFFD for each ill-formed
 * part (its "maximal subpart", as Python's bytes.decode(errors="replace")
 * replaces it), so the message itself is valid UTF-8. Worked by hand from
 * Unicode's Table 3-7 of well-formed byte sequences. */
START_TEST(ill_formed_utf8_is_replaced)
{
    static const struct {
        const char *sql, *message;
    } cases[] = {
        {"SELECT cxm_acc_agg(5, CAST(x'6e7073ff' AS TEXT))",
         "cxm_acc_agg: unknown or invalid scale 'nps\xEF\xBF\xBD'"},
        /* ED A0 would begin a surrogate: three parts of one byte each */
        {"SELECT cxm_from_text(CAST(x'eda080' AS TEXT))",
         "cxm_from_text: malformed state text '\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD'"},
        /* a truncated three-byte character is one part */
        {"SELECT cxm_nps(CAST(x'39e282' AS TEXT))",
         "cxm_nps: rating '9\xEF\xBF\xBD' is TEXT, not an INTEGER"},
        /* an overlong C0 80 is two parts; a four-byte character stays whole */
        {"SELECT cxm_score(CAST(x'c080f09f9880' AS TEXT))",
         "cxm_score: expected a state BLOB, got TEXT "
         "'\xEF\xBF\xBD\xEF\xBF\xBD\xF0\x9F\x98\x80' (cxm_from_text reads the text form)"},
        /* a BLOB read as text, beyond U+10FFFF; the quote doubles the ' */
        {"SELECT cxm_interval(cxm_from_text('nps{9:1}'), 'net', 'wald', x'27f4908080')",
         "cxm_interval: confidence '''\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD' is "
         "BLOB, not a number"},
    };
    sqlite3 *db = open_db();
    char got[1024], want[1024], a199[200];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        error_message(db, cases[i].sql, got, sizeof got);
        ck_assert_str_eq(got, cases[i].message);
    }
    /* The cut after 200 bytes falls between parts: 199 'a', the part FF
     * (byte 200, shown), then "bb" past the limit. */
    memset(a199, 'a', 199);
    a199[199] = '\0';
    error_message(db,
                  "SELECT cxm_acc_agg(5, CAST(printf('%.*c', 199, 'a') || x'ff' || 'bb' AS TEXT))",
                  got, sizeof got);
    snprintf(want, sizeof want,
             "cxm_acc_agg: unknown or invalid scale '%s\xEF\xBF\xBD'... (202 bytes)", a199);
    ck_assert_str_eq(got, want);
    sqlite3_close(db);
}
END_TEST

static const struct {
    const char *sql, *message;
} bad_inputs[] = {
    {"SELECT cxm_nps(11)", "cxm_nps: rating 11 is outside the scale nps"},
    {"SELECT cxm_csat(0)", "rating 0 is outside the scale csat5"},
    {"SELECT cxm_nps('9')", "rating '9' is TEXT, not an INTEGER"},
    {"SELECT cxm_nps(9.5)", "rating 9.5 is not an integer"},
    {"SELECT cxm_nps(x'0900')", "rating is a BLOB of 2 bytes"},
    {"SELECT cxm_nps(4294967305)", "rating 4294967305 is not a 32-bit integer"},
    {"SELECT cxm_nps(-1e300)", "is not a 32-bit integer"},
    {"SELECT cxm_acc_agg(9, NULL)", "the scale must be TEXT"},
    {"SELECT cxm_acc_agg(9, x'00')", "the scale must be TEXT"},
    {"SELECT cxm_acc_agg(9, 'nps ')", "unknown or invalid scale 'nps '"},
    {"SELECT cxm_acc_agg(column1, column2) FROM (VALUES (9, 'nps'), (4, 'csat'))",
     "scale 'csat' differs from the group's scale nps"},
    {"SELECT cxm_merge(cxm_from_text('nps{}'), cxm_from_text('ces{}'))",
     "different scales nps and ces7"},
    {"SELECT cxm_merge_agg(column1) FROM (VALUES (cxm_from_text('nps{}')), "
     "(cxm_from_text('ces{}')))",
     "cannot merge states of different scales nps and ces7"},
    {"SELECT cxm_compare(cxm_from_text('nps{}'), cxm_from_text('ces{}'))", "different scales"},
    {"SELECT cxm_interval(cxm_from_text('nps{9:1}'), 'median')", "unknown quantity 'median'"},
    {"SELECT cxm_interval(cxm_from_text('nps{9:1}'), 'net', 'exact')", "unknown method 'exact'"},
    {"SELECT cxm_interval(cxm_from_text('nps{9:1}'), 'net', 't')", "method 't' does not apply"},
    {"SELECT cxm_interval(cxm_from_text('nps{9:1}'), 'net', 'wald', 1)",
     "cxm_interval: confidence must be between 0 and 1 exclusive, got 1.0"},
    {"SELECT cxm_interval(cxm_from_text('nps{9:1}'), 'net', 'wald', x'01')",
     "is BLOB, not a number"},
    {"SELECT cxm_score('nps{9:1}')", "expected a state BLOB, got TEXT 'nps{9:1}'"},
    {"SELECT cxm_snapshot(7)", "expected a state BLOB, got INTEGER 7"},
    {"SELECT cxm_n(x'')", "the 0-byte BLOB x'' is malformed"},
    {"SELECT cxm_from_text('nps{9:1')", "malformed state text 'nps{9:1'"},
    {"SELECT cxm_from_text(x'6e7073')", "expected the text form"},
    {"SELECT cxm_n(cxm_from_text('nps{9:9223372036854775808}'))",
     "the count 9223372036854775808 does not fit"},
    {"SELECT cxm_merge(cxm_from_text('nps{9:18446744073709551615}'), cxm_from_text('nps{0:1}'))",
     "exceed the largest count"},
    {"SELECT cxm_wacc_agg(9, 0, 'nps')", "cxm_wacc_agg: weight 0 is outside 1..4294967295"},
    {"SELECT cxm_wacc_agg(9, 4294967296, 'nps')", "weight 4294967296 is outside"},
    {"SELECT cxm_wacc_agg(9, -1.0, 'nps')", "weight -1.0 is outside"},
    {"SELECT cxm_wacc_agg(9, 0.5, 'nps')", "weight 0.5 is outside"},
    {"SELECT cxm_wacc_agg(9, 1.5, 'nps')", "weight 1.5 is not an integer"},
    {"SELECT cxm_wacc_agg(9, '1', 'nps')", "weight '1' is TEXT"},
    {"SELECT cxm_wacc_agg(9, x'01', 'nps')", "weight is a BLOB of 1 bytes"},
    {"SELECT cxm_wacc_agg(12, 1, 'nps')", "rating 12 is outside the scale nps"},
    {"SELECT cxm_wacc_agg(column1, 1, column2) FROM (VALUES (9, 'nps'), (4, 'csat'))",
     "scale 'csat' differs from the group's scale nps"},
    {"SELECT cxm_merge(cxm_from_text('nps{}'), cxm_from_text('nps[]'))",
     "cannot merge an unweighted and a weighted state"},
    {"SELECT cxm_compare(cxm_from_text('nps[]'), cxm_from_text('nps{}'))",
     "cannot compare an unweighted and a weighted state"},
    {"SELECT cxm_subtract(cxm_from_text('nps[9:1/2/4]'), cxm_from_text('nps[9:1/3/9]'))",
     "holds responses the first (of scale nps) does not"},
    {"SELECT cxm_subtract(cxm_from_text('nps{9:1}'), cxm_from_text('nps{9:2}'))",
     "holds ratings the first (of scale nps) does not"},
    {"SELECT cxm_merge(cxm_from_text('nps[9:3/12884901885/55340232195358851075]'), "
     "cxm_from_text('nps[9:4294967295/18446744065119617025/79228162458924105385300197375]'))",
     "the weight total would exceed"},
    {"SELECT cxm_add(cxm_from_text('nps{9:18446744073709551615}'), 9)",
     "cannot record rating 9: a count would exceed the largest count"},
    {"SELECT cxm_add(cxm_from_text('nps[]'), 9)", "cxm_add: expected an unweighted state"},
    {"SELECT cxm_weight(cxm_from_text('nps{}'))", "cxm_weight: expected a weighted state"},
    {"SELECT cxm_weight(cxm_from_text('nps[10:2147483649/9223372039002259455/"
     "39614081257132168790329524225]'))",
     "the weight total 9223372039002259455 does not fit"},
    {"SELECT cxm_interval(cxm_from_text('nps[]'), 'net', 'score')",
     "method 'score' does not apply to quantity 'net' of weighted states of scale nps"},
    {"SELECT * FROM cxm_counts", "cxm_counts: takes a state"},
    {"SELECT * FROM cxm_counts(x'00')", "cxm_counts: not a valid state"},
    {"SELECT * FROM cxm_counts('nps{}')", "cxm_counts: expected a state BLOB, got TEXT"},
    {"SELECT * FROM cxm_counts(cxm_from_text('nps[]'))", "cxm_counts: expected an unweighted"},
    {"SELECT * FROM cxm_counts(cxm_from_text('nps{9:9223372036854775808}'))",
     "cxm_counts: the count 9223372036854775808 does not fit"},
    {"SELECT cxm_from_text('nps[9:2/1/1]')", "malformed state text 'nps[9:2/1/1]'"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'net', 0, 5)",
     "cxm_plan_sample_size: confidence must be between 0 and 1 exclusive, got 0.0"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.9, -5)",
     "cxm_plan_sample_size: half_width must be positive, got -5.0"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'mode', 0.9, 5)", "unknown quantity 'mode'"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.9, 5, -3)", "population -3 is negative"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.9, 5, 0.5)", "population 0.5 is not"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.9, 5, x'00')", "is not an INTEGER"},
    {"SELECT cxm_plan_sample_size('nps', cxm_from_text('ces{}'), 'net', 0.9, 5)",
     "the expected state's scale ces7 is not the scale nps"},
    {"SELECT cxm_plan_sample_size('nps', cxm_from_text('nps[]'), 'net', 0.9, 5)",
     "expected an unweighted state"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 1e-12)", "would exceed 2^64 - 1"},
    {"SELECT cxm_plan_sample_size('nps', NULL, 'net', 0.95, 6e-8)", "does not fit"},
    {"SELECT cxm_plan_sample_size('x', NULL, 'net', 0.95, 5)", "unknown or invalid scale 'x'"},
    {"SELECT cxm_nps(1, 2)", "wrong number of arguments to function cxm_nps()"},
    {"SELECT cxm_compare(cxm_from_text('nps{}'))", "wrong number of arguments"},
};

START_TEST(bad_input_is_an_error_and_the_connection_lives)
{
    sqlite3 *db = open_db();
    expect_error(db, bad_inputs[_i].sql, bad_inputs[_i].message);
    sqlite3_close(db);
}
END_TEST

/* A group that fails after many rows: SQLite releases the aggregate context
 * (the accumulator is inside it) and the decoded states; valgrind and ASan
 * see any leak. */
START_TEST(errors_in_the_middle_of_groups)
{
    sqlite3 *db = open_db();
    exec(db, "CREATE TABLE t(g INTEGER, r)");
    exec(db, "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 999) "
             "INSERT INTO t SELECT i % 3, i % 11 FROM k");
    exec(db, "INSERT INTO t VALUES (1, 'x')");
    expect_error(db, "SELECT g, cxm_nps(r) FROM t GROUP BY g", "rating 'x' is TEXT");
    expect_error(db,
                 "SELECT g, cxm_acc_agg(r, 'nps') OVER (ORDER BY rowid ROWS 5 PRECEDING) "
                 "FROM t",
                 "rating 'x' is TEXT");
    expect_error(db,
                 "SELECT cxm_merge_agg(s) FROM (SELECT cxm_acc_agg(r, 'nps') AS s FROM t "
                 "WHERE typeof(r) = 'integer' GROUP BY g UNION ALL SELECT x'01')",
                 "not a valid state");
    expect_error(db, "SELECT g, cxm_wacc_agg(r, g + 1, 'nps') FROM t GROUP BY g",
                 "rating 'x' is TEXT");
    expect_error(db,
                 "SELECT cxm_wacc_agg(r, CASE WHEN rowid = 500 THEN 0 ELSE 3 END, 'nps') OVER "
                 "(ORDER BY rowid ROWS 5 PRECEDING) FROM t WHERE typeof(r) = 'integer'",
                 "weight 0 is outside");
    sqlite3_close(db);
}
END_TEST

/* Every truncation, bit flip and one trailing byte of real states of both
 * kinds, in every function that reads a state. Each use says which kinds it
 * takes: the intact state of another kind is refused too, by its kind. */
enum { TAKES_ACC = 1, TAKES_WACC = 2, TAKES_ANY = 3 };

static const struct {
    const char *sql;
    int takes;
} state_uses[] = {
    {"SELECT cxm_score(?)", TAKES_ANY},
    {"SELECT cxm_n(?)", TAKES_ANY},
    {"SELECT cxm_text(?)", TAKES_ANY},
    {"SELECT cxm_snapshot(?)", TAKES_ANY},
    {"SELECT cxm_interval(?, 'headline', 'default', 0.9)", TAKES_ANY},
    {"SELECT cxm_merge(?, ?)", TAKES_ANY},
    {"SELECT cxm_compare(?, ?)", TAKES_ANY},
    {"SELECT cxm_subtract(?, ?)", TAKES_ANY},
    {"SELECT cxm_merge_agg(s) FROM (SELECT ? AS s)", TAKES_ANY},
    {"SELECT cxm_merge_agg(s) OVER (ROWS 1 PRECEDING) FROM (SELECT ? AS s)", TAKES_ANY},
    {"SELECT cxm_add(?, 9)", TAKES_ACC},
    {"SELECT * FROM cxm_counts(?)", TAKES_ACC},
    {"SELECT cxm_weight(?)", TAKES_WACC},
    {"SELECT cxm_n_effective(?)", TAKES_WACC},
    {"SELECT cxm_unweighted(?)", TAKES_WACC},
};

/* Runs sql with the BLOB in every parameter (the first is the one under
 * test; a second, if any, gets the intact state); the final step's code. */
static int run_state_use(sqlite3 *db, const char *sql, const void *blob, int len,
                         const void *intact, int intact_len)
{
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_bind_blob(stmt, 1, blob, len, SQLITE_TRANSIENT), SQLITE_OK);
    if (sqlite3_bind_parameter_count(stmt) > 1) {
        ck_assert_int_eq(sqlite3_bind_blob(stmt, 2, intact, intact_len, SQLITE_TRANSIENT),
                         SQLITE_OK);
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* The encoding of an NPS state with large sums: an accumulator, or a weighted
 * accumulator (the loop test's index 1). */
static size_t encoded_state(int weighted, unsigned char *out, size_t cap)
{
    size_t len = 0;
    if (weighted) {
        cxm_scale nps = CXM_SCALE_INIT;
        cxm_wacc *w = NULL;
        ck_assert_int_eq(cxm_scale_preset(CXM_PRESET_NPS, &nps), CXM_OK);
        ck_assert_int_eq(cxm_wacc_new(&nps, &w), CXM_OK);
        for (int32_t r = 0; r <= 10; r += 3) {
            ck_assert_int_eq(cxm_wacc_add(w, r, (uint32_t)r * 1000003u + 1), CXM_OK);
            ck_assert_int_eq(cxm_wacc_add(w, r, UINT32_MAX), CXM_OK);
        }
        ck_assert_int_eq(cxm_wacc_encode(w, out, cap, &len), CXM_OK);
        cxm_wacc_free(w);
    } else {
        cxm_acc *acc = new_preset_acc(CXM_PRESET_NPS);
        for (int32_t r = 0; r <= 10; r += 3) {
            ck_assert_int_eq(cxm_acc_add_count(acc, r, (uint64_t)r * 1000003u + 1), CXM_OK);
        }
        ck_assert_int_eq(cxm_acc_encode(acc, out, cap, &len), CXM_OK);
        cxm_acc_free(acc);
    }
    return len;
}

START_TEST(every_truncation_and_bit_flip_refused)
{
    sqlite3 *db = open_db();
    unsigned char valid[CXM_WACC_ENCODED_MAX], bad[CXM_WACC_ENCODED_MAX + 1];
    size_t len = encoded_state(_i, valid, sizeof valid);
    int kind = _i ? TAKES_WACC : TAKES_ACC;
    for (size_t u = 0; u < sizeof state_uses / sizeof state_uses[0]; u++) {
        const char *sql = state_uses[u].sql;
        int intact = run_state_use(db, sql, valid, (int)len, valid, (int)len);
        ck_assert_msg(intact == ((state_uses[u].takes & kind) ? SQLITE_DONE : SQLITE_ERROR),
                      "%s on the intact state: %s", sql, sqlite3_errmsg(db));
        for (size_t cut = 0; cut < len; cut++) {
            ck_assert_int_eq(run_state_use(db, sql, valid, (int)cut, valid, (int)len),
                             SQLITE_ERROR);
        }
        for (size_t bit = 0; bit < 8 * len; bit++) {
            memcpy(bad, valid, len);
            bad[bit / 8] ^= (unsigned char)(1u << (bit % 8));
            ck_assert_int_eq(run_state_use(db, sql, bad, (int)len, valid, (int)len), SQLITE_ERROR);
        }
        memcpy(bad, valid, len);
        bad[len] = 0;
        ck_assert_int_eq(run_state_use(db, sql, bad, (int)len + 1, valid, (int)len), SQLITE_ERROR);
    }
    expect_real(db, "SELECT cxm_nps(9)", 100.0);
    sqlite3_close(db);
}
END_TEST

START_TEST(random_garbage_refused)
{
    uint64_t seed = 0xC0FFEE + (uint64_t)_i, state = seed;
    sqlite3 *db = open_db();
    unsigned char bytes[CXM_ENCODED_MAX + 64];
    for (int round = 0; round < 2000; round++) {
        int len = (int)(next_random(&state) % sizeof bytes);
        for (int k = 0; k < len; k++) {
            bytes[k] = (unsigned char)next_random(&state);
        }
        ck_assert_msg(run_with_blob(db, "SELECT cxm_snapshot(?)", bytes, len) == SQLITE_ERROR,
                      "seed %llu round %d accepted garbage", (unsigned long long)seed, round);
    }
    sqlite3_close(db);
}
END_TEST

static Suite *sqlite_suite(void)
{
    Suite *s = suite_create("sqlite_extension");
    TCase *values = tcase_create("values");
    tcase_add_test(values, aggregates_hand_worked);
    tcase_add_test(values, statistics_as_json);
    tcase_add_test(values, window_inverse_matches_recount);
    tcase_add_test(values, window_frames_restart_with_another_scale);
    tcase_add_test(values, weighted_states);
    tcase_add_test(values, merge_frames_restart_with_another_kind);
    tcase_add_test(values, add_subtract_counts_version);
    tcase_add_test(values, planning_worked_examples);
    suite_add_tcase(s, values);

    TCase *refusals = tcase_create("refusals");
    tcase_set_timeout(refusals, 120);
    tcase_add_loop_test(refusals, bad_input_is_an_error_and_the_connection_lives, 0,
                        (int)(sizeof bad_inputs / sizeof bad_inputs[0]));
    tcase_add_test(refusals, errors_in_the_middle_of_groups);
    tcase_add_test(refusals, long_values_are_quoted_short);
    tcase_add_test(refusals, ill_formed_utf8_is_replaced);
    tcase_add_loop_test(refusals, every_truncation_and_bit_flip_refused, 0, 2);
    tcase_add_loop_test(refusals, random_garbage_refused, 0, 2);
    suite_add_tcase(s, refusals);
    return s;
}

CXM_TEST_MAIN(sqlite_suite)
