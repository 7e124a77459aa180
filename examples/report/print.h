/*
 * The report as text: an aligned table for people (rounded once, at the
 * end, to a tenth of a point or a hundredth of a rating) or CSV at full
 * precision for programs. A weighted report shows the effective n beside n
 * and, beside its weighted score, each band's share of the weight;
 * a report over time shows each change's p and q, and its footer says what
 * q is and how many changes were tested together. Segment names are printed whole, padded by their
 * width on a terminal, so multi-byte UTF-8 names keep the columns aligned.
 */
#ifndef PRINT_H
#define PRINT_H

#include <stddef.h>

#include "rows.h"
#include "survey.h"

typedef struct printer {
    const report_spec *spec;
    bool csv;
    bool weighted;        /* n_eff beside n */
    size_t tested;        /* the changes of the family, for the footer */
    size_t width;         /* of the segment column */
    int interval_width;   /* of the interval column: 16, or its title's ("99.99999% interval") */
    bool any_significant; /* for the table's footer */
    bool any_partial;
} printer;

/* Prints the header; the segment column is as wide as the widest name the
 * report will show. */
void print_begin(printer *p, const survey *s);

/* Prints the rows of one line; a row_sink (context: the printer) that
 * returns CXM_OK. */
int print_rows(const report_row *rows, size_t count, void *printer);

/* The table's footer, explaining the change columns (p->tested set). */
void print_end(const printer *p);

#endif
