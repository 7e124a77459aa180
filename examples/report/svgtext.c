/* Text in the trend chart; see svgtext.h. */
#include "svgtext.h"

#include <ctype.h>
#include <string.h>

const char *anchor_name(enum anchor a)
{
    return a == ANCHOR_START ? "start" : a == ANCHOR_MIDDLE ? "middle" : "end";
}

/* Widths in em, by class, each the widest of its class in DejaVu Sans Bold
 * (wider than the regular face): digits 0.696; narrow punctuation and
 * letters 0.5 (at most 0.493, 'r'); wide letters and signs 1.11 ('W' is
 * 1.103); anything else ASCII 0.85 ('O' and 'Q' are 0.85); a character
 * beyond ASCII 1.11 (a triangle is 0.769, an accented letter as its base, a
 * CJK ideograph 1.0). */
static double char_width(const unsigned char *c)
{
    if (*c >= 0x80) {
        return 1.11;
    }
    if (isdigit(*c)) {
        return 0.7;
    }
    if (strchr(" .,:;'!|/()[]`ijlIJftr", *c) != NULL) {
        return 0.5;
    }
    return strchr("mwMW%@&", *c) != NULL ? 1.11 : 0.85;
}

double text_width(const char *text, double size)
{
    double em = 0.0;
    for (const unsigned char *c = (const unsigned char *)text; *c != '\0'; c++) {
        if ((*c & 0xC0) != 0x80) { /* one per character, not per UTF-8 byte */
            em += char_width(c);
        }
    }
    return em * size;
}

text_box text_box_at(double x, double y, enum anchor a, const char *text, double size)
{
    double width = text_width(text, size);
    double left = a == ANCHOR_START ? x : a == ANCHOR_MIDDLE ? x - width / 2 : x - width;
    /* DejaVu Sans: capitals and digits 0.73 em above the baseline, descenders
     * 0.24 em below; a little more each way. */
    return (text_box){left, y - 0.76 * size, left + width, y + 0.25 * size};
}

bool boxes_overlap(const text_box *a, const text_box *b)
{
    return a->left < b->right && b->left < a->right && a->top < b->bottom && b->top < a->bottom;
}

void svg_put_text(FILE *out, const char *text)
{
    for (const char *c = text; *c != '\0'; c++) {
        switch (*c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default: fputc(*c, out);
        }
    }
}

void svg_put_upper(FILE *out, const char *text)
{
    for (const char *c = text; *c != '\0'; c++) {
        fputc(toupper((unsigned char)*c), out);
    }
}
