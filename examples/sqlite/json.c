/*
 * Strict JSON (RFC 8259) for the statistics results: numbers in their
 * shortest form that reads back to the same double, null for NaN and
 * infinities, and a '.' decimal point whatever the host's locale.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extension.h"

/* Appends formatted text; the buffer is sized for every object written here,
 * and a write that would not fit is dropped rather than truncated. */
static void append(cxs_json *json, const char *text)
{
    size_t len = strlen(text);
    if (json->len + len < sizeof json->text) {
        memcpy(json->text + json->len, text, len + 1);
        json->len += len;
    }
}

static void key(cxs_json *json, const char *name)
{
    if (json->len > 1) {
        append(json, ",");
    }
    append(json, "\"");
    append(json, name);
    append(json, "\":");
}

void cxs_json_begin(cxs_json *json)
{
    json->len = 0;
    json->text[0] = '\0';
    append(json, "{");
}

void cxs_json_end(cxs_json *json)
{
    append(json, "}");
}

/* Values written here are the library's names: ASCII without quotes or
 * backslashes, so they need no escaping. */
void cxs_json_string(cxs_json *json, const char *name, const char *value)
{
    key(json, name);
    append(json, "\"");
    append(json, value);
    append(json, "\"");
}

void cxs_json_count(cxs_json *json, const char *name, uint64_t value)
{
    char digits[24];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)value);
    key(json, name);
    append(json, digits);
}

/* The fewest significant digits (15 to 17) that give back the same double,
 * so 0.95 reads 0.95 and every value still round-trips exactly; always with a
 * '.' or an exponent, so that SQLite's ->> reads a REAL even for 50.0. */
static void shortest(double value, char out[32])
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(out, 32, "%.*g", digits, value);
        if (strtod(out, NULL) == value) {
            break;
        }
    }
    /* printf and strtod follow LC_NUMERIC; JSON wants '.' */
    for (char *p = out; *p != '\0'; p++) {
        if (*p == ',') {
            *p = '.';
        }
    }
    if (strpbrk(out, ".e") == NULL) {
        strcat(out, ".0");
    }
}

void cxs_json_number(cxs_json *json, const char *name, double value)
{
    char text[32];
    key(json, name);
    if (!isfinite(value)) {
        append(json, "null");
        return;
    }
    shortest(value, text);
    append(json, text);
}

void cxs_json_headline(cxs_json *json, const char *name, int headline)
{
    const char *word = cxm_headline_name(headline);
    cxs_json_string(json, name, word != NULL ? word : "?");
}
