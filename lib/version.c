/*
 * The version of the library actually loaded, which may differ from the
 * header a program was compiled with (a newer shared library under an older
 * program is the normal case the ABI rules exist for).
 */
#include "internal.h"

#define CXM_STRINGIFY_(x) #x
#define CXM_STRINGIFY(x)  CXM_STRINGIFY_(x)

uint32_t cxm_version_number(void)
{
    return CXM_VERSION_NUMBER;
}

const char *cxm_version_string(void)
{
    return CXM_STRINGIFY(CXM_VERSION_MAJOR) "." CXM_STRINGIFY(CXM_VERSION_MINOR) "." CXM_STRINGIFY(
        CXM_VERSION_PATCH);
}
