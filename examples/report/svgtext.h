/*
 * Text in the trend chart: how wide it is, the box it takes, and its XML.
 *
 * The chart places its texts so that no two overlap at any number of
 * periods (tick labels thinned, change labels left out where they would
 * collide). It cannot ask a renderer how wide a text will be, so it uses an
 * estimate that is never narrower than the chart's first font, DejaVu Sans,
 * regular or bold, draws it: the test (check_chart_geometry.py) measures the
 * boxes with DejaVu's own advance widths and fails on any overlap.
 */
#ifndef SVGTEXT_H
#define SVGTEXT_H

#include <stdbool.h>
#include <stdio.h>

/* The chart's fonts (DejaVu Sans first) and its text size, in pixels. */
#define SVG_FONTS     "DejaVu Sans, Helvetica, Arial, sans-serif"
#define SVG_FONT_SIZE 12.0

typedef struct text_box {
    double left, top, right, bottom;
} text_box;

enum anchor { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END };

/* "start", "middle", "end": SVG's text-anchor. */
const char *anchor_name(enum anchor a);

/* The width of UTF-8 text at a font size, at least what DejaVu Sans (Bold)
 * gives it. */
double text_width(const char *text, double size);

/* The box of a text drawn at x with its baseline at y: from the top of its
 * capitals and digits to the bottom of its descenders. */
text_box text_box_at(double x, double y, enum anchor a, const char *text, double size);

bool boxes_overlap(const text_box *a, const text_box *b);

/* Text content with the five XML specials escaped; whatever else it holds
 * was checked to print (utf8_printable) when it was read. */
void svg_put_text(FILE *out, const char *text);

/* The same, upper case (ASCII letters): "CSAT", as people write metric names. */
void svg_put_upper(FILE *out, const char *text);

#endif
