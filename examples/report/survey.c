/* Survey answers in accumulators; see survey.h. */
#include "survey.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "dates.h"
#include "utf8.h"

static const struct {
    const char *name;
    int preset;
} metrics[METRIC_COUNT] = {
    {"csat", CXM_PRESET_CSAT_5},
    {"nps", CXM_PRESET_NPS},
    {"ces", CXM_PRESET_CES_7},
};

const char *metric_name(int metric)
{
    return metrics[metric].name;
}

static bool equal_ignoring_case(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) {
            return false;
        }
    }
    return *a == *b;
}

int metric_from_name(const char *name)
{
    for (int m = 0; m < METRIC_COUNT; m++) {
        if (equal_ignoring_case(name, metrics[m].name)) {
            return m;
        }
    }
    return -1;
}

cxm_scale metric_scale(int metric)
{
    cxm_scale scale = CXM_SCALE_INIT;
    cxm_scale_preset(metrics[metric].preset, &scale); /* a known preset: cannot fail */
    return scale;
}

/* ---- groups and their days ------------------------------------------------------ */

static int new_series(const survey_group *g, uint32_t capacity, int64_t head, cxm_series **out)
{
    cxm_scale scale = metric_scale(g->metric);
    return cxm_series_new(&scale, capacity, head, out);
}

/* The bucket of a day: its period when every period is kept, else the day. */
static int64_t bucket_of(const survey *s, int64_t day)
{
    return s->days == DAYS_ALL ? period_of(s->unit, day) : day;
}

/* A series holding every bucket of the group: when one falls outside it, a
 * series twice as long (or longer) takes the old one's buckets by merge. */
static int hold_bucket(survey_group *g, int64_t bucket)
{
    if (g->series == NULL) {
        g->first = g->last = bucket;
        return new_series(g, 8, bucket, &g->series);
    }
    int64_t first = bucket < g->first ? bucket : g->first;
    int64_t last = bucket > g->last ? bucket : g->last;
    uint32_t capacity;
    cxm_series_capacity(g->series, &capacity);
    if ((uint64_t)(last - first) >= capacity) {
        if (last - first >= (int64_t)CXM_SERIES_MAX_CAPACITY) {
            return CXM_ERR_WINDOW; /* answers 2^20 days (2,870 years) apart, or more */
        }
        while ((uint64_t)(last - first) >= capacity) {
            capacity *= 2;
        }
        cxm_series *grown = NULL;
        int status = new_series(g, capacity, last, &grown);
        if (status == CXM_OK) {
            status = cxm_series_merge(grown, g->series);
        }
        if (status != CXM_OK) {
            cxm_series_free(grown);
            return status;
        }
        cxm_series_free(g->series);
        g->series = grown;
    }
    return cxm_series_advance(g->series, last);
}

/* A series of the trailing days: a day outside it is refused by the add. */
static int trail_day(const survey *s, survey_group *g, int64_t day)
{
    if (g->series == NULL) {
        return new_series(g, s->trailing, s->fixed_head ? s->head : day, &g->series);
    }
    return s->fixed_head ? CXM_OK : cxm_series_advance(g->series, day);
}

/* The group of (metric, segment), ready to take an answer of the day. */
static int group_for(survey *s, int metric, const char *segment, int64_t day, survey_group **out)
{
    int64_t bucket = bucket_of(s, day);
    survey_group *g = group_find(&s->groups, metric, segment);
    int status = g != NULL ? CXM_OK : group_add(&s->groups, metric, segment, &g);
    if (status == CXM_OK && s->days == DAYS_NONE && g->acc == NULL) {
        cxm_scale scale = metric_scale(metric);
        status = cxm_acc_new(&scale, &g->acc);
    } else if (status == CXM_OK && s->days == DAYS_ALL) {
        status = hold_bucket(g, bucket);
    } else if (status == CXM_OK && s->days == DAYS_TRAILING) {
        status = trail_day(s, g, day);
    }
    *out = g;
    return status;
}

/* After an answer of the day was counted. */
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

static int add_rating(survey *s, int metric, const char *segment, int64_t day, int32_t rating)
{
    survey_group *g = NULL;
    int status = group_for(s, metric, segment, day, &g);
    if (status == CXM_OK) {
        status = s->days == DAYS_NONE ? cxm_acc_add(g->acc, rating)
                                      : cxm_series_add(g->series, bucket_of(s, day), rating);
    }
    if (status == CXM_OK) {
        count_day(s, g, day);
    }
    return status;
}

int survey_add(survey *s, int metric, const char *segment, int64_t day, const cxm_acc *part)
{
    survey_group *g = NULL;
    int status = group_for(s, metric, segment, day, &g);
    if (status == CXM_OK) {
        status = s->days == DAYS_NONE ? cxm_acc_merge(g->acc, part)
                                      : cxm_series_add_acc(g->series, bucket_of(s, day), part);
    }
    if (status == CXM_OK) {
        count_day(s, g, day);
    }
    return status;
}

/* The buckets first..last that the group's series still holds, or false. */
static bool retained(const survey_group *g, int64_t *first, int64_t *last)
{
    int64_t head;
    uint32_t capacity;
    cxm_series_head(g->series, &head);
    cxm_series_capacity(g->series, &capacity);
    int64_t oldest = head - (int64_t)capacity + 1;
    *first = *first < oldest ? oldest : *first;
    *last = *last > head ? head : *last;
    return *first <= *last;
}

static int group_sum(const survey_group *g, int64_t first, int64_t last, cxm_acc *into)
{
    if (g->series == NULL) {
        return g->acc == NULL ? CXM_OK : cxm_acc_merge(into, g->acc);
    }
    return retained(g, &first, &last) ? cxm_series_sum(g->series, first, last, into) : CXM_OK;
}

int survey_sum(const survey *s, int metric, const char *segment, int64_t first, int64_t last,
               cxm_acc *into, bool *found)
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
        if (g->metric == metric) {
            *found = true;
            int status = group_sum(g, first, last, into);
            if (status != CXM_OK) {
                return status;
            }
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

int survey_align(survey *s)
{
    for (size_t i = 0; s->any_day && i < s->groups.count; i++) {
        cxm_series *series = s->groups.items[i].series;
        int status = series == NULL ? CXM_OK : cxm_series_advance(series, s->last_day);
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

void survey_free(survey *s)
{
    group_set_free(&s->groups);
    s->any_day = false;
    s->bad_lines = s->missing = s->outside = 0;
}

/* ---- CSV ------------------------------------------------------------------ */

/* Where the columns are: -1 for an absent optional one. */
typedef struct columns {
    int count, metric, rating, segment, date;
} columns;

static void report_bad(survey *s, const char *name, unsigned long line, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "%s:%lu: ", name, line);
    vfprintf(stderr, format, args);
    fprintf(stderr, "; line skipped\n");
    va_end(args);
    s->bad_lines++;
}

/* A whole-field decimal integer that fits int32_t. */
static int parse_rating(const char *text, int32_t *rating)
{
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || value < INT32_MIN || value > INT32_MAX) {
        return -1;
    }
    *rating = (int32_t)value;
    return 0;
}

static bool check_segment(survey *s, const char *segment, const char *name, unsigned long line)
{
    if (strlen(segment) > SEGMENT_MAX) {
        report_bad(s, name, line, "segment name longer than %d bytes", SEGMENT_MAX);
        return false;
    }
    if (!utf8_valid(segment)) {
        report_bad(s, name, line, "segment name is not printable UTF-8 text");
        return false;
    }
    return true;
}

/* One data record; bad ones are reported and skipped. Returns -1 only when
 * memory runs out. */
static int read_answer(survey *s, const csv_reader *r, const columns *c, const char *name)
{
    char *const *f = r->fields;
    if (r->count != c->count) {
        report_bad(s, name, r->line, "%d field%s, the header has %d", r->count,
                   r->count == 1 ? "" : "s", c->count);
        return 0;
    }
    int metric = metric_from_name(f[c->metric]);
    if (metric < 0) {
        report_bad(s, name, r->line, "unknown metric '%s' (csat, nps or ces)", f[c->metric]);
        return 0;
    }
    int64_t day = 0;
    if (c->date >= 0 && date_parse(f[c->date], &day) != 0) {
        report_bad(s, name, r->line, "date '%s' is not YYYY-MM-DD or an RFC 3339 timestamp",
                   f[c->date]);
        return 0;
    }
    const char *segment = c->segment >= 0 ? f[c->segment] : "";
    if (!check_segment(s, segment, name, r->line)) {
        return 0;
    }
    const char *text = f[c->rating];
    int32_t rating;
    if (text[0] == '\0') {
        s->missing++; /* a skipped question: not a rating, never counted */
        return 0;
    }
    if (parse_rating(text, &rating) != 0) {
        report_bad(s, name, r->line, "rating '%s' is not a 32-bit integer", text);
        return 0;
    }
    cxm_scale scale = metric_scale(metric);
    /* Checked before the group is made, so a bad line leaves no empty group. */
    int status = rating < scale.min || rating > scale.max
                     ? CXM_ERR_RANGE
                     : add_rating(s, metric, segment, day, rating);
    if (status == CXM_ERR_WINDOW && s->days == DAYS_TRAILING) {
        s->outside++; /* dated outside the window asked for: not counted, not bad */
    } else if (status == CXM_ERR_NOMEM) {
        fprintf(stderr, "%s:%lu: %s\n", name, r->line, cxm_status_message(status));
        return -1;
    } else if (status != CXM_OK) {
        report_bad(s, name, r->line, "%s rating %ld: %s (%s)", metric_name(metric), (long)rating,
                   cxm_status_message(status), cxm_status_name(status));
    }
    return 0;
}

static const char *const column_names[] = {"metric", "rating", "segment", "date"};

/* The header names the columns; metric and rating are required. */
static int read_header(const csv_reader *r, columns *c, const char *name)
{
    int *where[] = {&c->metric, &c->rating, &c->segment, &c->date};
    *c = (columns){r->count, -1, -1, -1, -1};
    for (int i = 0; i < r->count; i++) {
        for (int k = 0; k < 4; k++) {
            if (!equal_ignoring_case(r->fields[i], column_names[k])) {
                continue;
            }
            if (*where[k] >= 0) {
                fprintf(stderr, "%s:%lu: the header names the column '%s' twice\n", name, r->line,
                        column_names[k]);
                return -1;
            }
            *where[k] = i;
        }
    }
    for (int k = 0; k < 2; k++) {
        if (*where[k] < 0) {
            fprintf(stderr,
                    "%s:%lu: the header has no '%s' column (metric and rating are required; "
                    "segment and date are optional)\n",
                    name, r->line, column_names[k]);
            return -1;
        }
    }
    return 0;
}

static int first_record(survey *s, csv_reader *r, columns *c, const char *name)
{
    enum csv_result got = csv_next(r);
    if (got == CSV_BAD) {
        fprintf(stderr, "%s:%lu: header: %s\n", name, r->line, r->why);
        return -1;
    }
    if (got != CSV_RECORD) {
        fprintf(stderr, "%s: %s\n", name,
                got == CSV_END ? "empty: expected a header naming the columns metric and rating"
                               : "read error");
        return -1;
    }
    if (read_header(r, c, name) != 0) {
        return -1;
    }
    if (s->days == DAYS_AUTO) {
        s->days = c->date >= 0 ? DAYS_ALL : DAYS_NONE;
    }
    if (s->days != DAYS_NONE && c->date < 0) {
        fprintf(stderr, "%s:%lu: the header has no 'date' column, which periods need\n", name,
                r->line);
        return -1;
    }
    return 0;
}

int survey_read_csv(survey *s, FILE *in, const char *name)
{
    csv_reader *r = malloc(sizeof *r);
    if (r == NULL) {
        fprintf(stderr, "%s: %s\n", name, cxm_status_message(CXM_ERR_NOMEM));
        return -1;
    }
    csv_open(r, in);
    columns c;
    int status = first_record(s, r, &c, name);
    enum csv_result got = CSV_END;
    while (status == 0 && (got = csv_next(r)) != CSV_END && got != CSV_READ_ERROR) {
        if (got == CSV_BAD) {
            report_bad(s, name, r->line, "%s", r->why);
        } else {
            status = read_answer(s, r, &c, name);
        }
    }
    if (status == 0 && got == CSV_READ_ERROR) {
        fprintf(stderr, "%s: read error\n", name);
        status = -1;
    }
    free(r);
    return status;
}
