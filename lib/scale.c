/*
 * Rating scales: the presets in common use and the rules a scale must obey.
 */
#include <string.h>

#include "internal.h"

/* The presets of docs/metrics.md and their names in the text form
 * (include/cxmetrics.h, "Text forms"), indexed by CXM_PRESET_*; 0 is not a
 * preset. PRESET puts a row at its constant's index: the name, then the
 * scale's fields after size (min, max, positive band, negative band,
 * headline), a preset to a line. */
#define PRESET(id, name, ...) [id] = {name, {sizeof(cxm_scale), __VA_ARGS__}}
static const struct preset {
    const char *name;
    cxm_scale scale;
} presets[] = {
    PRESET(CXM_PRESET_CSAT_5, "csat5", 1, 5, 4, 5, 1, 2, CXM_HEADLINE_POSITIVE_SHARE),
    PRESET(CXM_PRESET_CSAT_3, "csat3", 1, 3, 3, 3, 1, 1, CXM_HEADLINE_POSITIVE_SHARE),
    PRESET(CXM_PRESET_CSAT_10, "csat10", 1, 10, 8, 10, 1, 4, CXM_HEADLINE_POSITIVE_SHARE),
    PRESET(CXM_PRESET_CSAT_BINARY, "csat2", 1, 2, 2, 2, 1, 1, CXM_HEADLINE_POSITIVE_SHARE),
    PRESET(CXM_PRESET_NPS, "nps", 0, 10, 9, 10, 0, 6, CXM_HEADLINE_NET),
    PRESET(CXM_PRESET_CES_7, "ces7", 1, 7, 5, 7, 1, 3, CXM_HEADLINE_MEAN),
    PRESET(CXM_PRESET_CES_5, "ces5", 1, 5, 1, 2, 4, 5, CXM_HEADLINE_MEAN),
    PRESET(CXM_PRESET_NET_EASY_7, "neteasy7", 1, 7, 1, 2, 5, 7, CXM_HEADLINE_NET),
};
#undef PRESET
#define PRESET_FIRST CXM_PRESET_CSAT_5
#define PRESET_LAST  CXM_PRESET_NET_EASY_7
_Static_assert(sizeof presets / sizeof presets[0] == PRESET_LAST + 1, "a preset without a row");

/* Names the text form accepts on parse only; format writes the preset's own. */
static const struct alias {
    const char *name;
    int preset;
} aliases[] = {
    {"csat", CXM_PRESET_CSAT_5},
    {"ces", CXM_PRESET_CES_7},
};

static bool name_is(const char *name, const char *text, size_t len)
{
    return strlen(name) == len && memcmp(name, text, len) == 0;
}

const cxm_scale *cxmi_preset_scale(int preset)
{
    return preset >= PRESET_FIRST && preset <= PRESET_LAST ? &presets[preset].scale : NULL;
}

const char *cxmi_preset_name(int preset)
{
    return preset >= PRESET_FIRST && preset <= PRESET_LAST ? presets[preset].name : NULL;
}

int cxmi_preset_named(const char *text, size_t len)
{
    for (int i = PRESET_FIRST; i <= PRESET_LAST; i++) {
        if (name_is(presets[i].name, text, len)) {
            return i;
        }
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (name_is(aliases[i].name, text, len)) {
            return aliases[i].preset;
        }
    }
    return 0;
}

int cxmi_preset_equal_to(const cxm_scale *scale)
{
    for (int i = PRESET_FIRST; i <= PRESET_LAST; i++) {
        if (cxmi_scale_equal(&presets[i].scale, scale)) {
            return i;
        }
    }
    return 0;
}

int cxm_scale_preset(int preset, cxm_scale *out)
{
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    if (cxmi_struct_check_out(out, CXMI_SCALE_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    const cxm_scale *scale = cxmi_preset_scale(preset);
    if (scale == NULL) {
        return CXM_ERR_ARG;
    }
    cxmi_struct_write(out, scale, sizeof(cxm_scale));
    return CXM_OK;
}

int cxmi_scale_copy_out(const cxm_scale *scale, cxm_scale *out)
{
    if (out == NULL) {
        return CXM_ERR_NULL;
    }
    if (cxmi_struct_check_out(out, CXMI_SCALE_SIZE_V1) != CXM_OK) {
        return CXM_ERR_SIZE;
    }
    cxmi_struct_write(out, scale, sizeof(cxm_scale));
    return CXM_OK;
}

/* lo..hi is a non-empty band inside [scale->min, scale->max]. */
static bool band_valid(const cxm_scale *scale, int32_t lo, int32_t hi)
{
    return lo <= hi && lo >= scale->min && hi <= scale->max;
}

static bool scale_valid(const cxm_scale *s)
{
    int64_t span = (int64_t)s->max - (int64_t)s->min + 1;
    if (span < 1 || span > CXM_MAX_SPAN) {
        return false;
    }
    if (!band_valid(s, s->positive_min, s->positive_max) ||
        !band_valid(s, s->negative_min, s->negative_max)) {
        return false;
    }
    bool disjoint = s->positive_max < s->negative_min || s->negative_max < s->positive_min;
    bool headline_known = s->headline == CXM_HEADLINE_POSITIVE_SHARE ||
                          s->headline == CXM_HEADLINE_NET || s->headline == CXM_HEADLINE_MEAN;
    return disjoint && headline_known;
}

int cxmi_scale_load(const cxm_scale *scale, cxm_scale *norm)
{
    if (scale == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale copy;
    int status = cxmi_struct_read(&copy, sizeof copy, scale, CXMI_SCALE_SIZE_V1);
    if (status != CXM_OK) {
        return status;
    }
    if (!scale_valid(&copy)) {
        return CXM_ERR_SCALE;
    }
    *norm = copy;
    return CXM_OK;
}

int cxm_scale_check(const cxm_scale *scale)
{
    cxm_scale norm;
    return cxmi_scale_load(scale, &norm);
}

uint32_t cxmi_scale_span(const cxm_scale *scale)
{
    return (uint32_t)((int64_t)scale->max - (int64_t)scale->min + 1);
}

bool cxmi_scale_equal(const cxm_scale *a, const cxm_scale *b)
{
    return a->min == b->min && a->max == b->max && a->positive_min == b->positive_min &&
           a->positive_max == b->positive_max && a->negative_min == b->negative_min &&
           a->negative_max == b->negative_max && a->headline == b->headline;
}

int cxm_scale_equal(const cxm_scale *a, const cxm_scale *b)
{
    if (a == NULL || b == NULL) {
        return CXM_ERR_NULL;
    }
    cxm_scale ca;
    cxm_scale cb;
    int status = cxmi_struct_read(&ca, sizeof ca, a, CXMI_SCALE_SIZE_V1);
    if (status == CXM_OK) {
        status = cxmi_struct_read(&cb, sizeof cb, b, CXMI_SCALE_SIZE_V1);
    }
    if (status != CXM_OK) {
        return status;
    }
    return cxmi_scale_equal(&ca, &cb) ? 1 : 0;
}
