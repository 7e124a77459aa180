/*
 * UTF-8 for names that reach a terminal, a chart and a CSV file: segment
 * names are checked when read, from a CSV file or a state file alike, so that
 * no name can move the cursor, recolour or clear a terminal, forge a line of
 * the report, reverse the text after it, or make the chart's XML invalid; and
 * so that their width on a terminal can be counted and the columns of the
 * table stay aligned whatever the language of the names.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether text is well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF) that only prints: no control character (C0, DEL, C1: the
 * escape codes of terminals), no bidirectional control (U+202A-U+202E,
 * U+2066-U+2069, which reorder what follows them) and neither of U+FFFE and
 * U+FFFF (which XML forbids). */
bool utf8_printable(const char *text);

/* The columns a terminal gives valid UTF-8 text: 0 for combining marks, 2 for
 * East Asian wide and fullwidth characters and emoji, 1 for the rest. */
size_t utf8_width(const char *text);

#endif
