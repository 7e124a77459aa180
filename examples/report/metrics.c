/* Metrics and their scales; see metrics.h. */
#include "metrics.h"

#include <string.h>

/* The names are also the library's names of their default scales. */
static const char *const names[METRIC_COUNT] = {
    [METRIC_CSAT] = "csat", [METRIC_NPS] = "nps", [METRIC_CES] = "ces"};

const char *metric_name(int metric)
{
    return names[metric];
}

/* ASCII only, whatever the locale: header and metric names are compared on
 * every line, and names in other scripts compare bytewise. */
static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool equal_ignoring_case(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool metric_parse(const char *name, int *metric)
{
    size_t len = strlen(name);
    for (int m = 0; m < METRIC_COUNT; m++) {
        if (strlen(names[m]) == len && equal_ignoring_case(name, names[m], len)) {
            *metric = m;
            return true;
        }
    }
    return false;
}

void metric_scales_default(metric_scales *m)
{
    for (int k = 0; k < METRIC_COUNT; k++) {
        m->of[k] = (cxm_scale)CXM_SCALE_INIT;
        m->given[k] = false;
        /* The library names every metric's usual scale; a library that did
         * not would leave an invalid scale, refused where it is used. */
        cxm_scale_parse(names[k], strlen(names[k]), &m->of[k]);
    }
}

const char *metric_scales_set(metric_scales *m, const char *assignment)
{
    const char *equals = strchr(assignment, '=');
    char name[8];
    size_t len = equals == NULL ? 0 : (size_t)(equals - assignment);
    int metric;
    if (equals == NULL || len >= sizeof name) {
        return "--scale takes METRIC=SCALE (csat, nps or ces), not ";
    }
    memcpy(name, assignment, len);
    name[len] = '\0';
    if (!metric_parse(name, &metric)) {
        return "--scale: unknown metric (csat, nps or ces) in ";
    }
    if (m->given[metric]) {
        return "--scale: a second scale for the same metric: ";
    }
    cxm_scale scale = CXM_SCALE_INIT;
    if (cxm_scale_parse(equals + 1, strlen(equals + 1), &scale) != CXM_OK) {
        return "--scale: not a scale in the library's text form (a name such as csat10, or "
               "MIN..MAX/PMIN..PMAX/NMIN..NMAX/share|net|mean): ";
    }
    m->of[metric] = scale;
    m->given[metric] = true;
    return NULL;
}

void scale_describe(const cxm_scale *scale, char buf[SCALE_TEXT_MAX])
{
    char text[128]; /* the longest text form of a scale is 83 bytes: six int32s and "share" */
    size_t len;
    if (cxm_scale_format(scale, text, sizeof text, &len) != CXM_OK) {
        snprintf(buf, SCALE_TEXT_MAX, "(invalid scale)");
    } else if (strchr(text, '/') != NULL) {
        snprintf(buf, SCALE_TEXT_MAX, "%s", text); /* the text says it all */
    } else {
        snprintf(buf, SCALE_TEXT_MAX, "%s (%d..%d, positive %d..%d, negative %d..%d, %s)", text,
                 scale->min, scale->max, scale->positive_min, scale->positive_max,
                 scale->negative_min, scale->negative_max, cxm_headline_name(scale->headline));
    }
}
