/* The family of a report's tested changes; see family.h. */
#include "family.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cxmetrics.h>

bool adjust_parse(const char *text, int *method)
{
    if (strcmp(text, "none") == 0) {
        *method = ADJUST_NONE;
        return true;
    }
    return cxm_adjust_parse(text, strlen(text), method) == CXM_OK;
}

const char *adjust_name(int method)
{
    return method == ADJUST_NONE ? "none" : cxm_adjust_name(method);
}

int family_add(family *f, double p)
{
    if (f->count == f->capacity) {
        size_t capacity = f->capacity == 0 ? 256 : 2 * f->capacity;
        double *q = realloc(f->q, capacity * sizeof *q);
        if (q == NULL) {
            return CXM_ERR_NOMEM;
        }
        f->q = q;
        f->capacity = capacity;
    }
    f->q[f->count++] = p;
    return CXM_OK;
}

int family_adjust(family *f)
{
    f->collecting = false;
    f->next = 0;
    return f->method == ADJUST_NONE ? CXM_OK : cxm_adjust_p(f->q, f->count, f->method, f->q);
}

double family_next(family *f)
{
    /* both passes meet the same rows in the same order; NaN is never starred */
    return f->next < f->count ? f->q[f->next++] : NAN;
}

void family_free(family *f)
{
    free(f->q);
    f->q = NULL;
    f->count = f->capacity = f->next = 0;
}
