/*
 * UTF-8 for table columns: segment names are checked to be valid UTF-8 when
 * read, so that their width on a terminal can be counted and the columns of
 * the table stay aligned whatever the language of the names.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether text is well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF) without control characters. */
bool utf8_valid(const char *text);

/* The columns a terminal gives valid UTF-8 text: 0 for combining marks, 2 for
 * East Asian wide and fullwidth characters and emoji, 1 for the rest. */
size_t utf8_width(const char *text);

#endif
