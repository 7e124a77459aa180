/*
 * The report as text: an aligned table for people (rounded once, at the
 * end, to a tenth of a point or a hundredth of a rating) or CSV at full
 * precision for programs. Segment names are printed whole, padded by their
 * width on a terminal, so multi-byte UTF-8 names keep the columns aligned.
 */
#ifndef PRINT_H
#define PRINT_H

#include <stddef.h>

#include "rows.h"

void print_table(const report_row *rows, size_t count, const report_spec *spec);
void print_csv(const report_row *rows, size_t count, const report_spec *spec);

#endif
