/* Prints every constant of the 1.0 header as "NAME VALUE". Built twice, once
 * against the frozen v1.0/cxmetrics.h and once against include/cxmetrics.h;
 * check_constants.sh requires the same output. Constants are part of the ABI
 * (programs compile them in), but no tool reads them from the library: the
 * status codes, presets, quantities and methods are anonymous enums passed as
 * int, so abidiff cannot see a changed value. A constant added later is not
 * listed here; one removed or renamed fails to compile. (Struct sizes are not
 * compared: a struct may grow at its end; v1.0/program.c checks the layouts.) */
#include <cxmetrics.h>
#include <stdio.h>

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

#define PRINT_CONSTANT(name) printf("%s %ld\n", #name, (long)(name));

int main(void)
{
    CXM_ABI_CONSTANTS(PRINT_CONSTANT)
    return 0;
}
