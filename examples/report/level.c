/* The confidence level as text; see level.h. */
#include "level.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void level_percent(double confidence, char text[LEVEL_TEXT_MAX])
{
    /* More digits only where four would round a level below 100 % up to it. */
    for (int digits = 4; digits <= 17; digits++) {
        snprintf(text, LEVEL_TEXT_MAX, "%.*g", digits, 100.0 * confidence);
        if (strtod(text, NULL) < 100.0) {
            return;
        }
    }
}

/* "0.05000" to "0.05": the zeros a fixed notation leaves after the digits. */
static void trim_zeros(char *text)
{
    char *end = text + strlen(text);
    while (end > text && end[-1] == '0' && strchr(text, '.') != NULL) {
        *--end = '\0';
    }
    if (end > text && end[-1] == '.') {
        end[-1] = '\0';
    }
}

void level_alpha(double confidence, char text[LEVEL_TEXT_MAX])
{
    double alpha = 1.0 - confidence;
    /* Four significant digits in fixed notation: the decimals up to the
     * first nonzero one and three more; more where a threshold below 1
     * would read 1. */
    int decimals = 3;
    for (double scaled = alpha; scaled < 1.0 && decimals < 330; scaled *= 10.0) {
        decimals++;
    }
    do {
        snprintf(text, LEVEL_TEXT_MAX, "%.*f", decimals, alpha);
    } while (strtod(text, NULL) >= 1.0 && ++decimals <= 20);
    trim_zeros(text);
}

const char *level_parse(const char *value, double *confidence)
{
    char *end;
    *confidence = strtod(value, &end);
    bool ok = *end == '\0' && *confidence > 0.0 && *confidence < 1.0;
    return ok ? NULL : "confidence must be a number in (0, 1): ";
}
