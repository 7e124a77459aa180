/*
 * The names of methods, quantities, headlines and p-value adjustments, as
 * every layer above the library (the text form, the report, the SQL
 * extensions, the bindings) spells them. Kept here so that no layer keeps a
 * table of its own.
 */
#include <string.h>

#include "internal.h"

/* Indexed by CXM_METHOD_*. */
static const char *const method_names[] = {
    [CXM_METHOD_DEFAULT] = "default",
    [CXM_METHOD_WILSON] = "wilson",
    [CXM_METHOD_WILSON_CC] = "wilson-cc",
    [CXM_METHOD_AGRESTI_COULL] = "agresti-coull",
    [CXM_METHOD_CLOPPER_PEARSON] = "clopper-pearson",
    [CXM_METHOD_WALD] = "wald",
    [CXM_METHOD_ADJUSTED_WALD] = "adjusted-wald",
    [CXM_METHOD_SCORE] = "score",
    [CXM_METHOD_T] = "t",
    [CXM_METHOD_LOGIT] = "logit",
    [CXM_METHOD_JEFFREYS] = "jeffreys",
};

/* Indexed by CXM_QUANTITY_*. */
static const char *const quantity_names[] = {
    [CXM_QUANTITY_HEADLINE] = "headline",
    [CXM_QUANTITY_POSITIVE_SHARE] = "positive-share",
    [CXM_QUANTITY_NEGATIVE_SHARE] = "negative-share",
    [CXM_QUANTITY_NET] = "net",
    [CXM_QUANTITY_MEAN] = "mean",
};

/* Indexed by CXM_HEADLINE_*; 0 is not a headline. The words of the scale's
 * text form (lib/text.c). */
static const char *const headline_names[] = {
    [CXM_HEADLINE_POSITIVE_SHARE] = "share",
    [CXM_HEADLINE_NET] = "net",
    [CXM_HEADLINE_MEAN] = "mean",
};

/* Indexed by CXM_ADJUST_*; 0 is not a method. R's names, in lower case. */
static const char *const adjust_names[] = {
    [CXM_ADJUST_BONFERRONI] = "bonferroni",
    [CXM_ADJUST_HOLM] = "holm",
    [CXM_ADJUST_HOCHBERG] = "hochberg",
    [CXM_ADJUST_BH] = "bh",
    [CXM_ADJUST_BY] = "by",
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A constant added to an enum without its name would leave a NULL hole or an
 * unnamed last value; each table ends exactly at its enum's last value. */
_Static_assert(COUNT_OF(method_names) == CXM_METHOD_JEFFREYS + 1, "a method without a name");
_Static_assert(COUNT_OF(quantity_names) == CXM_QUANTITY_MEAN + 1, "a quantity without a name");
_Static_assert(COUNT_OF(headline_names) == CXM_HEADLINE_MEAN + 1, "a headline without a name");
_Static_assert(COUNT_OF(adjust_names) == CXM_ADJUST_BY + 1, "an adjustment without a name");

static const char *name_at(const char *const *names, size_t count, int value)
{
    return value >= 0 && (size_t)value < count ? names[value] : NULL;
}

/* Exact match of len bytes against each name; no case folding, and a NUL or
 * anything after the name makes the text unknown. */
static int parse_name(const char *const *names, size_t count, const char *text, size_t len,
                      int *out)
{
    if (out == NULL || (text == NULL && len > 0)) {
        return CXM_ERR_NULL;
    }
    for (size_t i = 0; i < count; i++) {
        if (names[i] != NULL && strlen(names[i]) == len && memcmp(names[i], text, len) == 0) {
            *out = (int)i;
            return CXM_OK;
        }
    }
    return CXM_ERR_ARG;
}

const char *cxm_method_name(int method)
{
    return name_at(method_names, COUNT_OF(method_names), method);
}

int cxm_method_parse(const char *text, size_t len, int *out)
{
    return parse_name(method_names, COUNT_OF(method_names), text, len, out);
}

const char *cxm_quantity_name(int quantity)
{
    return name_at(quantity_names, COUNT_OF(quantity_names), quantity);
}

int cxm_quantity_parse(const char *text, size_t len, int *out)
{
    return parse_name(quantity_names, COUNT_OF(quantity_names), text, len, out);
}

const char *cxm_headline_name(int headline)
{
    return name_at(headline_names, COUNT_OF(headline_names), headline);
}

int cxm_headline_parse(const char *text, size_t len, int *out)
{
    return parse_name(headline_names, COUNT_OF(headline_names), text, len, out);
}

const char *cxm_adjust_name(int method)
{
    return name_at(adjust_names, COUNT_OF(adjust_names), method);
}

int cxm_adjust_parse(const char *text, size_t len, int *out)
{
    return parse_name(adjust_names, COUNT_OF(adjust_names), text, len, out);
}
