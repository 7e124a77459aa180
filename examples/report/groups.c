/* The (metric, segment) -> group table; see groups.h. */
#include "groups.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a over the metric and the name: short keys, no attacker to fear in a
 * report over one's own data, and good spread for names like "agent-0042". */
static uint64_t hash(int metric, const char *segment)
{
    uint64_t h = 14695981039346656037u ^ (uint64_t)(unsigned)metric;
    h *= 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)segment; *p != '\0'; p++) {
        h = (h ^ *p) * 1099511628211u;
    }
    return h;
}

/* The slot holding (metric, segment), or the free slot where it would go. */
static size_t probe(const group_set *set, int metric, const char *segment)
{
    size_t mask = set->slot_count - 1;
    for (size_t i = (size_t)hash(metric, segment) & mask;; i = (i + 1) & mask) {
        uint32_t slot = set->slots[i];
        if (slot == 0) {
            return i;
        }
        const survey_group *g = &set->items[slot - 1];
        if (g->metric == metric && strcmp(g->segment, segment) == 0) {
            return i;
        }
    }
}

survey_group *group_find(const group_set *set, int metric, const char *segment)
{
    if (set->slot_count == 0) {
        return NULL;
    }
    uint32_t slot = set->slots[probe(set, metric, segment)];
    return slot == 0 ? NULL : &set->items[slot - 1];
}

static void fill_slots(group_set *set)
{
    memset(set->slots, 0, set->slot_count * sizeof *set->slots);
    for (size_t i = 0; i < set->count; i++) {
        const survey_group *g = &set->items[i];
        set->slots[probe(set, g->metric, g->segment)] = (uint32_t)(i + 1);
    }
}

/* Keeps the table at most half full, so probes stay short. */
static int reserve(group_set *set)
{
    if (set->count == UINT32_MAX - 1) {
        return CXM_ERR_NOMEM;
    }
    if (set->count == set->capacity) {
        size_t capacity = set->capacity == 0 ? 16 : 2 * set->capacity;
        survey_group *items = realloc(set->items, capacity * sizeof *items);
        if (items == NULL) {
            return CXM_ERR_NOMEM;
        }
        set->items = items;
        set->capacity = capacity;
    }
    if (2 * (set->count + 1) > set->slot_count) {
        size_t slot_count = set->slot_count == 0 ? 32 : 2 * set->slot_count;
        uint32_t *slots = malloc(slot_count * sizeof *slots);
        if (slots == NULL) {
            return CXM_ERR_NOMEM;
        }
        free(set->slots);
        set->slots = slots;
        set->slot_count = slot_count;
        fill_slots(set);
    }
    return CXM_OK;
}

int group_add(group_set *set, int metric, const char *segment, survey_group **out)
{
    size_t len = strlen(segment);
    char *name = malloc(len + 1);
    if (name == NULL || reserve(set) != CXM_OK) {
        free(name);
        return CXM_ERR_NOMEM;
    }
    memcpy(name, segment, len + 1);
    survey_group *g = &set->items[set->count];
    *g = (survey_group){metric, name, STORE_NONE, 0, 0, 0};
    set->slots[probe(set, metric, name)] = (uint32_t)(++set->count);
    *out = g;
    return CXM_OK;
}

static int group_order(const void *a, const void *b)
{
    const survey_group *x = a, *y = b;
    if (x->metric != y->metric) {
        return x->metric < y->metric ? -1 : 1;
    }
    return strcmp(x->segment, y->segment);
}

void group_sort(group_set *set)
{
    if (set->count > 1) {
        qsort(set->items, set->count, sizeof set->items[0], group_order);
        fill_slots(set);
    }
}

void group_set_free(group_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        store_free(&set->items[i].held);
        free(set->items[i].segment);
    }
    free(set->items);
    free(set->slots);
    *set = (group_set)GROUP_SET_INIT;
}
