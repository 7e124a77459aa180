/* Survey answers in accumulators; see survey.h. */
#include "survey.h"

#include <string.h>

#include "utf8.h"

void survey_init(survey *s, const metric_scales *scales, bool weighted, enum days_kept days)
{
    *s = (survey){.groups = GROUP_SET_INIT,
                  .scales = *scales,
                  .weighted = weighted,
                  .weights_known = weighted,
                  .days = days,
                  .unit = PERIOD_MONTH,
                  .only_metric = METRIC_ANY};
}

bool survey_shows(const survey *s, int metric, const char *segment)
{
    return (s->only_metric == METRIC_ANY || s->only_metric == metric) &&
           (s->only_segment == NULL || strcmp(s->only_segment, segment) == 0);
}

/* ---- groups and their days ------------------------------------------------------ */

static int new_series(const survey *s, survey_group *g, uint32_t capacity, int64_t head)
{
    return store_new_series(&g->held, &s->scales.of[g->metric], s->weighted, capacity, head);
}

/* The bucket of a day: its period when every period is kept, else the day. */
static int64_t bucket_of(const survey *s, int64_t day)
{
    return s->days == DAYS_ALL ? period_of(s->unit, day) : day;
}

/* A series holding every bucket of the group: when one falls outside it, a
 * series twice as long (or longer) takes the old one's buckets. A series
 * holds at most CXM_SERIES_MAX_CAPACITY buckets: 2^20 days (2,870 years)
 * when buckets are days; the 10,000 years of dates the reader accepts in
 * weeks or months. */
static int hold_bucket(const survey *s, survey_group *g, int64_t bucket)
{
    if (!store_made(&g->held)) {
        g->first = g->last = bucket;
        return new_series(s, g, 8, bucket);
    }
    int64_t first = bucket < g->first ? bucket : g->first;
    int64_t last = bucket > g->last ? bucket : g->last, head;
    uint32_t capacity;
    store_window(&g->held, &capacity, &head);
    if (last - first >= (int64_t)CXM_SERIES_MAX_CAPACITY) {
        return CXM_ERR_WINDOW;
    }
    if ((uint64_t)(last - first) < capacity) {
        return store_advance(&g->held, last);
    }
    while ((uint64_t)(last - first) >= capacity) {
        capacity *= 2;
    }
    return store_grow(&g->held, capacity, last);
}

/* A series of the trailing days: a day outside it is refused by the add. */
static int trail_day(const survey *s, survey_group *g, int64_t day)
{
    if (!store_made(&g->held)) {
        return new_series(s, g, s->trailing, s->fixed_head ? s->head : day);
    }
    return s->fixed_head ? CXM_OK : store_advance(&g->held, day);
}

/* The group of (metric, segment), ready to take an answer of the day. */
static int group_for(survey *s, int metric, const char *segment, int64_t day, survey_group **out)
{
    survey_group *g = group_find(&s->groups, metric, segment);
    if (g == NULL) {
        int status = group_add(&s->groups, metric, segment, &g);
        if (status != CXM_OK) {
            return status;
        }
    }
    *out = g;
    switch (s->days) {
    case DAYS_ALL: return hold_bucket(s, g, bucket_of(s, day));
    case DAYS_TRAILING: return trail_day(s, g, day);
    default:
        return store_made(&g->held) ? CXM_OK
                                    : store_new_total(&g->held, &s->scales.of[metric], s->weighted);
    }
}

/* After answers of the day were counted. */
static void count_day(survey *s, survey_group *g, int64_t day)
{
    if (s->days == DAYS_NONE) {
        return;
    }
    int64_t bucket = bucket_of(s, day);
    g->first = g->first > bucket ? bucket : g->first;
    g->last = g->last < bucket ? bucket : g->last;
    if (!s->any_day || s->first_day > day) {
        s->first_day = day;
    }
    if (!s->any_day || s->last_day < day) {
        s->last_day = day;
    }
    s->any_day = true;
}

void survey_cover(survey *s, int64_t first, int64_t last)
{
    if (!s->covered || s->covered_first > first) {
        s->covered_first = first;
    }
    if (!s->covered || s->covered_last < last) {
        s->covered_last = last;
    }
    s->covered = true;
}

bool survey_kept_cover(const survey *s, int64_t *first, int64_t *last)
{
    *first = s->covered_first;
    *last = s->covered_last;
    if (s->days != DAYS_TRAILING || !s->covered) {
        return s->covered;
    }
    if (!s->fixed_head && !s->any_day) {
        return false; /* nothing counted: no window, no series */
    }
    /* The answers read may reach past the window, and the series keep the
     * window's days only: a state claiming all the days read would say
     * that months the window cuts were covered whole. */
    int64_t head = s->fixed_head ? s->head : s->last_day;
    int64_t oldest = head - (int64_t)s->trailing + 1;
    *first = *first > oldest ? *first : oldest;
    *last = *last < head ? *last : head;
    return *first <= *last;
}

/* Records n answers in the group once added (status CXM_OK), or refused as
 * dated outside its trailing window, which the notices count; with covers,
 * their day is covered either way. */
static int counted(survey *s, survey_group *g, int64_t day, uint64_t n, bool covers, int status)
{
    bool outside = status == CXM_ERR_WINDOW && s->days == DAYS_TRAILING;
    if (status == CXM_OK || outside) {
        g->answers += n;
        if (covers && s->days != DAYS_NONE) {
            survey_cover(s, day, day);
        }
    }
    if (status == CXM_OK) {
        count_day(s, g, day);
    }
    return status;
}

int survey_add_rating(survey *s, int metric, const char *segment, int64_t day, int32_t rating,
                      uint32_t weight)
{
    survey_group *g = NULL;
    int status = group_for(s, metric, segment, day, &g);
    if (status == CXM_OK) {
        status = store_add(&g->held, bucket_of(s, day), rating, weight);
    }
    return g == NULL ? status : counted(s, g, day, 1, true, status);
}

int survey_add(survey *s, int metric, const char *segment, int64_t day, const tally *part)
{
    survey_group *g = NULL;
    int status = group_for(s, metric, segment, day, &g);
    if (status == CXM_OK) {
        status = store_add_part(&g->held, bucket_of(s, day), part);
    }
    return g == NULL ? status : counted(s, g, day, tally_count(part), false, status);
}

static int group_sum(const survey_group *g, int64_t first, int64_t last, tally *into)
{
    return store_sum(&g->held, first, last, into);
}

int survey_sum(const survey *s, int metric, const char *segment, int64_t first, int64_t last,
               tally *into, bool *found)
{
    *found = false;
    first = bucket_of(s, first); /* the report asks for whole periods */
    last = bucket_of(s, last);
    if (segment != NULL) {
        const survey_group *g = group_find(&s->groups, metric, segment);
        *found = g != NULL;
        return g == NULL ? CXM_OK : group_sum(g, first, last, into);
    }
    for (size_t i = 0; i < s->groups.count; i++) {
        const survey_group *g = &s->groups.items[i];
        if (g->metric != metric) {
            continue;
        }
        *found = true;
        int status = group_sum(g, first, last, into);
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

bool survey_has(const survey *s, int metric, const char *segment)
{
    if (segment != NULL) {
        return group_find(&s->groups, metric, segment) != NULL;
    }
    for (size_t i = 0; i < s->groups.count; i++) {
        if (s->groups.items[i].metric == metric) {
            return true;
        }
    }
    return false;
}

bool survey_has_segments(const survey *s, int metric)
{
    for (size_t i = 0; i < s->groups.count; i++) {
        if (s->groups.items[i].metric == metric && s->groups.items[i].segment[0] != '\0') {
            return true;
        }
    }
    return false;
}

/* Adds to *outside the answers of the metric's shown groups not in the
 * buckets first..last; inside is a tally of the metric's scale. */
static int metric_outside(const survey *s, int metric, int64_t first, int64_t last, tally *inside,
                          uint64_t *outside)
{
    for (size_t i = 0; i < s->groups.count; i++) {
        const survey_group *g = &s->groups.items[i];
        if (g->metric != metric || !survey_shows(s, metric, g->segment)) {
            continue;
        }
        tally_reset(inside);
        int status = group_sum(g, first, last, inside);
        if (status != CXM_OK) {
            return status;
        }
        *outside += g->answers - tally_count(inside);
    }
    return CXM_OK;
}

int survey_outside(const survey *s, int64_t first, int64_t last, uint64_t *outside)
{
    *outside = 0;
    for (int m = 0; m < METRIC_COUNT; m++) {
        tally inside = TALLY_NONE;
        int status = tally_new(&inside, &s->scales.of[m], s->weighted);
        if (status != CXM_OK) {
            return status;
        }
        status = metric_outside(s, m, bucket_of(s, first), bucket_of(s, last), &inside, outside);
        tally_free(&inside);
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

int survey_align(survey *s)
{
    for (size_t i = 0; s->any_day && i < s->groups.count; i++) {
        store *held = &s->groups.items[i].held;
        int status = store_dated(held) ? store_advance(held, s->last_day) : CXM_OK;
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

void survey_free(survey *s)
{
    group_set_free(&s->groups);
    s->any_day = s->covered = false;
    s->bad_lines = s->missing = 0;
}

const char *segment_parse(const char *value, const char **segment)
{
    *segment = strcmp(value, BLANK_SEGMENT) == 0 ? "" : value;
    return utf8_printable(value) ? NULL : "--segment takes printable UTF-8 text";
}
