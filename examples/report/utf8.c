/* UTF-8 checks and widths; see utf8.h. */
#include "utf8.h"

#include <stdint.h>

/* Decodes one character at p; returns its length, or 0 if malformed. */
static size_t decode(const unsigned char *p, uint32_t *out)
{
    static const uint32_t lowest[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len = p[0] < 0x80       ? 1
                 : p[0] >> 5 == 6  ? 2
                 : p[0] >> 4 == 14 ? 3
                 : p[0] >> 3 == 30 ? 4
                                   : 0;
    if (len == 0) {
        return 0;
    }
    uint32_t c = len == 1 ? p[0] : p[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if (p[i] >> 6 != 2) {
            return 0; /* also stops at the NUL */
        }
        c = c << 6 | (p[i] & 0x3Fu);
    }
    if (c < lowest[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        return 0;
    }
    *out = c;
    return len;
}

static bool prints(uint32_t c)
{
    bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
    bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    return !control && !bidi && c != 0xFFFE && c != 0xFFFF;
}

bool utf8_printable(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p >= 0x20 && *p < 0x7F) {
        p++; /* printable ASCII, the usual name, byte by byte: every line checks one */
    }
    while (*p != '\0') {
        uint32_t c;
        size_t len = decode(p, &c);
        if (len == 0 || !prints(c)) {
            return false;
        }
        p += len;
    }
    return true;
}

/* Ranges of Unicode's East Asian Width W and F (the common blocks). */
static bool wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Combining marks (the general blocks) and the zero-width joiners. */
static bool zero_width(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xFE20 && c <= 0xFE2F);
}

size_t utf8_width(const char *text)
{
    size_t width = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p != '\0') {
        uint32_t c = 0xFFFD;
        size_t len = decode(p, &c);
        width += zero_width(c) ? 0 : wide(c) ? 2 : 1;
        p += len == 0 ? 1 : len;
    }
    return width;
}
