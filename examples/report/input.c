/* The input options; see input.h. */
#include "input.h"

#include <string.h>

#include "csv.h"

static const char *const field_names[FIELD_COUNT] = {[FIELD_METRIC] = "metric",
                                                     [FIELD_RATING] = "rating",
                                                     [FIELD_SEGMENT] = "segment",
                                                     [FIELD_DATE] = "date",
                                                     [FIELD_WEIGHT] = "weight"};

const cmdline_option input_options[] = {{"--column", true}, {"--weight", false},    {"--as", false},
                                        {"--scale", true},  {"--delimiter", false}, {NULL, false}};

const char input_usage[] =
    "Reading an export (a HEADER matches in any case, spaces around it ignored):\n"
    "  --column FIELD=HEADER  the column of FIELD (metric, rating, segment, date,\n"
    "                   weight) is the one headed HEADER (repeatable, once a\n"
    "                   field); by default each is headed by its own name, and\n"
    "                   weight is not read\n"
    "  --as METRIC      every answer is METRIC (csat, nps or ces): for a file\n"
    "                   without a metric column\n"
    "  --scale METRIC=SCALE  read METRIC's ratings on SCALE, in the library's text\n"
    "                   form: a name (csat10, ces5, ...) or\n"
    "                   MIN..MAX/PMIN..PMAX/NMIN..NMAX/share|net|mean (repeatable,\n"
    "                   once a metric)\n"
    "  --delimiter D    , ; | or tab (default: the one the header line holds most)\n"
    "  --weight HEADER  weight each answer by the positive integer in the column\n"
    "                   HEADER: every score, interval and change is weighted\n"
    "                   (the same as --column weight=HEADER: give one of them)\n";

const char *field_name(enum field f)
{
    return field_names[f];
}

/* A field's column before any option names it: its own name; none for weight. */
static const char *initial_header(enum field k)
{
    return k == FIELD_WEIGHT ? NULL : field_names[k];
}

void input_format_init(input_format *f)
{
    for (int k = 0; k < FIELD_COUNT; k++) {
        f->header[k] = initial_header((enum field)k);
    }
    f->as_metric = METRIC_ANY;
    f->delimiter = '\0';
    metric_scales_default(&f->scales);
}

bool input_weighted(const input_format *f)
{
    return f->header[FIELD_WEIGHT] != NULL;
}

/* Names a field's column; a field named twice (--column weight=A --weight B,
 * or --column date= twice) is refused rather than letting the last one win
 * unseen. The why texts, as input_option's, end where the value follows. */
static const char *set_header(input_format *f, enum field k, const char *header)
{
    static const char *const twice[FIELD_COUNT] = {
        [FIELD_METRIC] = "the metric column is given twice (--column metric=): ",
        [FIELD_RATING] = "the rating column is given twice (--column rating=): ",
        [FIELD_SEGMENT] = "the segment column is given twice (--column segment=): ",
        [FIELD_DATE] = "the date column is given twice (--column date=): ",
        [FIELD_WEIGHT] = "the weight column is given twice (--column weight=, --weight): "};
    if (f->header[k] != initial_header(k)) {
        return twice[k];
    }
    f->header[k] = header;
    return NULL;
}

/* "segment=Agent": the field, and the header after the '='. */
static const char *column(input_format *f, const char *value)
{
    const char *equals = strchr(value, '=');
    for (int k = 0; equals != NULL && k < FIELD_COUNT; k++) {
        size_t len = strlen(field_names[k]);
        if ((size_t)(equals - value) == len && strncmp(value, field_names[k], len) == 0) {
            if (equals[1] == '\0') {
                return "--column: a header name is missing in ";
            }
            return set_header(f, (enum field)k, equals + 1);
        }
    }
    return "--column takes FIELD=HEADER, FIELD one of metric, rating, segment, date, weight: ";
}

static const char *delimiter(input_format *f, const char *value)
{
    bool tab = strcmp(value, "tab") == 0;
    if (!tab && (strlen(value) != 1 || strchr(CSV_DELIMITERS, value[0]) == NULL)) {
        return "--delimiter takes , ; | or tab, not ";
    }
    f->delimiter = tab ? '\t' : value[0];
    return NULL;
}

enum input_option input_option(input_format *f, const char *arg, const char *value,
                               const char **why)
{
    *why = NULL;
    if (strcmp(arg, "--column") == 0) {
        *why = column(f, value);
    } else if (strcmp(arg, "--weight") == 0) {
        *why =
            value[0] == '\0' ? "--weight takes a header name" : set_header(f, FIELD_WEIGHT, value);
    } else if (strcmp(arg, "--as") == 0) {
        *why =
            metric_parse(value, &f->as_metric) ? NULL : "--as: unknown metric (csat, nps or ces): ";
    } else if (strcmp(arg, "--scale") == 0) {
        *why = metric_scales_set(&f->scales, value);
    } else if (strcmp(arg, "--delimiter") == 0) {
        *why = delimiter(f, value);
    } else {
        return INPUT_OTHER;
    }
    return *why == NULL ? INPUT_TAKEN : INPUT_BAD;
}

/* The length of text without the spaces and tabs around it, from *start. */
static size_t trimmed(const char **start)
{
    const char *text = *start;
    size_t len = strlen(text);
    while (len > 0 && (text[0] == ' ' || text[0] == '\t')) {
        text++;
        len--;
    }
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t')) {
        len--;
    }
    *start = text;
    return len;
}

bool header_equal(const char *cell, const char *name)
{
    size_t len = trimmed(&cell);
    return trimmed(&name) == len && equal_ignoring_case(cell, name, len);
}

const char *input_check(const input_format *f)
{
    for (int a = 0; a < FIELD_COUNT; a++) {
        for (int b = a + 1; b < FIELD_COUNT; b++) {
            if (f->header[a] != NULL && f->header[b] != NULL &&
                header_equal(f->header[a], f->header[b])) {
                return "--column: two fields are given the same column";
            }
        }
    }
    return NULL;
}
