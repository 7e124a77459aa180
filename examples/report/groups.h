/*
 * The groups of a survey, one per (metric, segment), found in O(1): an array
 * of groups in order of appearance and an open-addressing hash table of
 * indices into it. A million answers over ten thousand segments cost a
 * million hash lookups, not ten billion string comparisons.
 */
#ifndef GROUPS_H
#define GROUPS_H

#include <stdint.h>
#include <stddef.h>

#include <cxmetrics.h>

#include "store.h"

#define SEGMENT_MAX 255 /* bytes of a segment name (the state file's length byte) */

typedef struct survey_group {
    int metric;
    char *segment;       /* owned; "" when the input has no segment column */
    store held;          /* its answers: a total, or per day, week or month */
    int64_t first, last; /* the buckets with answers, when dated */
    uint64_t answers;    /* ratings read for the group, counted or dated outside a window */
} survey_group;

typedef struct group_set {
    survey_group *items;
    size_t count, capacity;
    uint32_t *slots;   /* index + 1 into items; 0 is a free slot */
    size_t slot_count; /* a power of two, at least twice count */
} group_set;

#define GROUP_SET_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0, NULL, 0                                                                        \
    }

/* The group of (metric, segment), or NULL. */
survey_group *group_find(const group_set *set, int metric, const char *segment);

/* Adds a group with nothing held yet (the segment is copied).
 * The caller checks first that it does not exist. Returns CXM_OK or
 * CXM_ERR_NOMEM (nothing added). Pointers to groups move when it succeeds. */
int group_add(group_set *set, int metric, const char *segment, survey_group **out);

/* Orders the groups by metric, then segment (bytewise), and rebuilds the
 * table. */
void group_sort(group_set *set);

/* Frees every group's answers and name, and the set's memory. */
void group_set_free(group_set *set);

#endif
