/*
 * The changes one report tests are one family. A report by month of eight
 * segments and three metrics makes hundreds of comparisons; at p < 0.05 each,
 * some "significant" changes are noise. So the p-values of every tested
 * change of a run are adjusted together by the library (cxm_adjust_p:
 * Benjamini-Hochberg unless --adjust says otherwise) and a change is starred
 * on its q, the adjusted p-value.
 *
 * The report's rows are computed twice: the first pass collects the
 * p-values, in row order, the library adjusts them, and the second pass
 * hands each tested row its q in the same order, so that memory still holds
 * one line of rows at a time.
 */
#ifndef FAMILY_H
#define FAMILY_H

#include <stdbool.h>
#include <stddef.h>

/* --adjust none: q is p, each change tested alone. */
#define ADJUST_NONE 0

/* The method of --adjust: a name of cxm_adjust_parse, or "none". */
bool adjust_parse(const char *text, int *method);

/* "bh", "holm", ... (cxm_adjust_name), or "none". */
const char *adjust_name(int method);

typedef struct family {
    int method;      /* CXM_ADJUST_* or ADJUST_NONE */
    bool collecting; /* the first pass */
    double *q;       /* the p-values collected, then their q */
    size_t count, capacity, next;
} family;

#define FAMILY_INIT(method)                                                                        \
    {                                                                                              \
        (method), true, NULL, 0, 0, 0                                                              \
    }

/* First pass: one more tested change. Returns CXM_OK or CXM_ERR_NOMEM. */
int family_add(family *f, double p);

/* Between the passes: every p-value becomes its q. Returns CXM_OK or a
 * status of cxm_adjust_p. */
int family_adjust(family *f);

/* Second pass: the q of the next tested change. */
double family_next(family *f);

void family_free(family *f);

#endif
