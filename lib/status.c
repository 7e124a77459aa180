/*
 * Names and messages of the status codes.
 */
#include "internal.h"

typedef struct status_text {
    const char *name;
    const char *message;
} status_text;

/* Indexed by -status: CXM_OK is 0 and the errors count down from -1. The
 * macro writes each row's index and name from the one constant, so a name
 * can never sit in another status's row. */
#define STATUS(code, message) [-(code)] = {#code, message}

static const status_text texts[] = {
    STATUS(CXM_OK, "The call succeeded."),
    STATUS(CXM_ERR_NULL, "A required pointer argument is NULL."),
    STATUS(CXM_ERR_SCALE, "The scale definition is invalid (range, bands or headline)."),
    STATUS(CXM_ERR_RANGE, "A rating lies outside the accumulator's scale."),
    STATUS(CXM_ERR_NOMEM, "Memory could not be allocated."),
    STATUS(CXM_ERR_OVERFLOW, "A count would exceed the largest 64-bit unsigned value."),
    STATUS(CXM_ERR_ABSENT, "More ratings would be removed or subtracted than were recorded."),
    STATUS(CXM_ERR_MISMATCH, "The two accumulators have different scales."),
    STATUS(CXM_ERR_SIZE, "A struct size or a buffer is too small, or a larger struct has "
                         "non-zero fields this library does not know."),
    STATUS(CXM_ERR_FORMAT, "The input is not a valid encoding or text form (malformed, corrupt, "
                           "or of an unknown format version)."),
    STATUS(CXM_ERR_ARG, "An argument is invalid (unknown preset, quantity or method, confidence "
                        "outside (0, 1), or misaligned memory)."),
    STATUS(CXM_ERR_EMPTY, "The statistic is undefined for this sample (too few ratings)."),
    STATUS(CXM_ERR_WINDOW, "The bucket lies outside the series' retained window (expired, or "
                           "after its head)."),
};

_Static_assert(sizeof texts / sizeof texts[0] == 1 - CXM_ERR_WINDOW, "a status without its text");

static const status_text *lookup(int status)
{
    int count = (int)(sizeof texts / sizeof texts[0]);
    return status <= 0 && status > -count ? &texts[-status] : NULL;
}

const char *cxm_status_name(int status)
{
    const status_text *text = lookup(status);
    return text != NULL ? text->name : "CXM_UNKNOWN";
}

const char *cxm_status_message(int status)
{
    const status_text *text = lookup(status);
    return text != NULL ? text->message : "Unknown status code.";
}
