/* A stand-in for a libcxmetrics of another version, for the bindings' tests
 * of what they refuse: it has only the two version functions, which a
 * binding calls before any other, and reports the version number in the
 * environment variable CXM_OTHER_VERSION (cxm_version_number's form, e.g.
 * 20000 for 2.0.0), by default 20000: a library of ABI major 2. Built as
 * libcxmetrics.so.2 in its own directory, never installed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(_WIN32)
#define OTHER_API __declspec(dllexport)
#else
#define OTHER_API __attribute__((visibility("default")))
#endif

OTHER_API uint32_t cxm_version_number(void);
OTHER_API const char *cxm_version_string(void);

uint32_t cxm_version_number(void)
{
    const char *text = getenv("CXM_OTHER_VERSION");
    return text != NULL ? (uint32_t)strtoul(text, NULL, 10) : 20000u;
}

const char *cxm_version_string(void)
{
    static char text[32];
    uint32_t number = cxm_version_number();
    snprintf(text, sizeof text, "%u.%u.%u", (unsigned)(number / 10000),
             (unsigned)(number / 100 % 100), (unsigned)(number % 100));
    return text;
}
