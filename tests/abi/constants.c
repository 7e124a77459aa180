/* Prints the constants of a released header as "NAME VALUE". Constants are
 * part of the ABI (programs compile them in), but no tool reads them from the
 * library: the status codes, presets, quantities and methods are anonymous
 * enums passed as int, so abidiff cannot see a changed value.
 *
 * Built once per released list and header: against the frozen
 * v1.0/cxmetrics.h and against include/cxmetrics.h, printing the 1.0 list;
 * with CXM_ABI_SINCE_1_1, against the frozen v1.1/cxmetrics.h and against
 * include/cxmetrics.h, printing the constants added in 1.1. check_constants.sh
 * requires the same output from each pair. A constant added later is not
 * listed; one removed or renamed fails to compile. (Struct sizes are not compared: a
 * struct may grow at its end; v1.0/program.c checks the layouts.)
 *
 * With CXM_ABI_ALL it prints every list, those of 1.2 included: the values
 * the bindings' drift tests compare their constants with (interface.py). A
 * constant added to the header belongs in the list of its version. */
#include <cxmetrics.h>
#include <stdio.h>

/* clang-format reads a list of macro calls as one expression, and moves it
 * again on every run. */
/* clang-format off */
#define CXM_ABI_CONSTANTS(X)                                                             \
    X(CXM_VERSION_MAJOR)                                                                 \
    X(CXM_OK) X(CXM_ERR_NULL) X(CXM_ERR_SCALE) X(CXM_ERR_RANGE) X(CXM_ERR_NOMEM)         \
    X(CXM_ERR_OVERFLOW) X(CXM_ERR_ABSENT) X(CXM_ERR_MISMATCH) X(CXM_ERR_SIZE)            \
    X(CXM_ERR_FORMAT) X(CXM_ERR_ARG) X(CXM_ERR_EMPTY)                                    \
    X(CXM_HEADLINE_POSITIVE_SHARE) X(CXM_HEADLINE_NET) X(CXM_HEADLINE_MEAN)              \
    X(CXM_PRESET_CSAT_5) X(CXM_PRESET_CSAT_3) X(CXM_PRESET_CSAT_10)                      \
    X(CXM_PRESET_CSAT_BINARY) X(CXM_PRESET_NPS) X(CXM_PRESET_CES_7) X(CXM_PRESET_CES_5)  \
    X(CXM_PRESET_NET_EASY_7)                                                             \
    X(CXM_QUANTITY_HEADLINE) X(CXM_QUANTITY_POSITIVE_SHARE)                              \
    X(CXM_QUANTITY_NEGATIVE_SHARE) X(CXM_QUANTITY_NET) X(CXM_QUANTITY_MEAN)              \
    X(CXM_METHOD_DEFAULT) X(CXM_METHOD_WILSON) X(CXM_METHOD_WILSON_CC)                   \
    X(CXM_METHOD_AGRESTI_COULL) X(CXM_METHOD_CLOPPER_PEARSON) X(CXM_METHOD_WALD)         \
    X(CXM_METHOD_ADJUSTED_WALD) X(CXM_METHOD_SCORE) X(CXM_METHOD_T)

#define CXM_ABI_CONSTANTS_1_1(X)                                                         \
    X(CXM_ERR_WINDOW) X(CXM_ENCODED_MAX) X(CXM_TEXT_MAX) X(CXM_SERIES_MAX_CAPACITY)       \
    X(CXM_SERIES_BUCKET_LIMIT)

#define CXM_ABI_CONSTANTS_1_2(X)                                                         \
    X(CXM_SCALE_MAX_RATINGS) X(CXM_ACC_FOOTPRINT_MAX)                                    \
    X(CXM_METHOD_LOGIT) X(CXM_METHOD_JEFFREYS)                                           \
    X(CXM_USE_INTERVAL) X(CXM_USE_COMPARE) X(CXM_USE_WEIGHTED_INTERVAL)                  \
    X(CXM_USE_WEIGHTED_COMPARE) X(CXM_WACC_ENCODED_MAX) X(CXM_WACC_TEXT_MAX)            \
    X(CXM_ADJUST_BONFERRONI) X(CXM_ADJUST_HOLM) X(CXM_ADJUST_HOCHBERG) X(CXM_ADJUST_BH)  \
    X(CXM_ADJUST_BY)
/* clang-format on */

/* The version of this header: not a constant of any release, but the bindings
 * compare it with the library they load. */
#define CXM_ABI_VERSION(X) X(CXM_VERSION_MINOR) X(CXM_VERSION_PATCH)

#define PRINT_CONSTANT(name) printf("%s %lld\n", #name, (long long)(name));

int main(void)
{
#if defined(CXM_ABI_ALL)
    CXM_ABI_CONSTANTS(PRINT_CONSTANT)
    CXM_ABI_CONSTANTS_1_1(PRINT_CONSTANT)
    CXM_ABI_CONSTANTS_1_2(PRINT_CONSTANT)
    CXM_ABI_VERSION(PRINT_CONSTANT)
#elif defined(CXM_ABI_SINCE_1_1)
    CXM_ABI_CONSTANTS_1_1(PRINT_CONSTANT)
#else
    CXM_ABI_CONSTANTS(PRINT_CONSTANT)
#endif
    return 0;
}
