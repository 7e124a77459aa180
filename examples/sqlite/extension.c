/*
 * cxmetrics inside SQLite: the loadable extension's entry point.
 *
 *   sqlite> .load ./cxmetrics
 *   sqlite> SELECT cxm_nps(rating) FROM answers;
 *
 * The module is named cxmetrics.so, so SQLite derives the entry point
 * sqlite3_cxmetrics_init from the file name. It carries the library's code
 * (linked statically) and exports nothing but this entry point, so it needs
 * no libcxmetrics.so at run time and cannot clash with one loaded beside it.
 * The functions are documented in README.md beside this file.
 */
#include "extension.h"

SQLITE_EXTENSION_INIT1

int cxs_register_scalar_table(sqlite3 *db, cxs_scalar *table, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        for (int args = table[i].min_args; args <= table[i].max_args; args++) {
            int rc = sqlite3_create_function_v2(db, table[i].fn.name, args, CXS_FLAGS, &table[i].fn,
                                                table[i].call, NULL, NULL, NULL);
            if (rc != SQLITE_OK) {
                return rc;
            }
        }
    }
    return SQLITE_OK;
}

/* One registration per file of functions. */
static int (*const registrations[])(sqlite3 *) = {
    cxs_register_aggregates, /* aggregates.c */
    cxs_register_scalars,    /* scalars.c */
    cxs_register_weighted,   /* weighted.c */
    cxs_register_statistics, /* statistics.c */
    cxs_register_planning,   /* planning.c */
    cxs_register_counts,     /* counts.c */
};

int sqlite3_cxmetrics_init(sqlite3 *db, char **error, const sqlite3_api_routines *api)
{
    SQLITE_EXTENSION_INIT2(api);
    int rc = SQLITE_OK;
    for (size_t i = 0; rc == SQLITE_OK && i < sizeof registrations / sizeof registrations[0]; i++) {
        rc = registrations[i](db);
    }
    if (rc != SQLITE_OK && error != NULL) {
        *error =
            sqlite3_mprintf("cxmetrics: registering the functions failed: %s", sqlite3_errstr(rc));
    }
    return rc;
}
