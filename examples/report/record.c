/* One record of the state file; see record.h and docs/format.md. */
#include "record.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "le.h"
#include "storecodec.h"
#include "utf8.h"

bool refuse(problem *p, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(p->text, sizeof p->text, format, args);
    va_end(args);
    return false;
}

static bool dated(int kind)
{
    return kind % KIND_WEIGHTED != KIND_TOTAL;
}

static bool weighted(int kind)
{
    return kind >= KIND_WEIGHTED;
}

/* The period of a record's buckets (a day for a total, which has none). */
static enum period saved_period(const record *r)
{
    return dated(r->kind) ? (enum period)(r->kind % KIND_WEIGHTED - KIND_DAYS) : PERIOD_DAY;
}

int record_kind(const survey *s, const survey_group *g)
{
    int kind =
        store_dated(&g->held) ? KIND_DAYS + (s->days == DAYS_ALL ? (int)s->unit : 0) : KIND_TOTAL;
    return kind + (store_weighted(&g->held) ? KIND_WEIGHTED : 0);
}

/* A segment name for messages, once it is known to print safely. */
static const char *label(const record *r)
{
    return r->segment[0] == '\0' ? BLANK_SEGMENT : r->segment;
}

/* ---- decoding and checking ------------------------------------------------------ */

/* The name is printed in reports and messages: the rule of the CSV reader. */
static bool check_name(const record *r, size_t name_len, problem *p)
{
    if (strlen(r->segment) != name_len) {
        return refuse(p, "a segment name holds a NUL byte");
    }
    if (!utf8_printable(r->segment)) {
        return refuse(p, "a segment name is not printable UTF-8 text");
    }
    if (strcmp(r->segment, ALL_SEGMENTS) == 0 || strcmp(r->segment, BLANK_SEGMENT) == 0) {
        return refuse(p, "a segment is named '%s', the report's own label", r->segment);
    }
    return true;
}

/* The scale inside a decoded record must be its metric's in this report. */
static bool check_scale(const record *r, const metric_scales *scales, problem *p)
{
    cxm_scale scale = CXM_SCALE_INIT;
    const cxm_scale *want = &scales->of[r->metric];
    store_scale(&r->held, &scale);
    if (cxm_scale_equal(&scale, want) == 1) {
        return true;
    }
    char saved[SCALE_TEXT_MAX], here[SCALE_TEXT_MAX];
    scale_describe(&scale, saved);
    scale_describe(want, here);
    return refuse(p, "%s %s was saved on the scale %s, and this report reads %s on %s (--scale)",
                  metric_name(r->metric), label(r), saved, metric_name(r->metric), here);
}

/* The answers a record holds in buckets first..last, as far as it retains
 * them, into *n. Returns CXM_OK or CXM_ERR_NOMEM. */
static int count_between(const record *r, int64_t first, int64_t last, uint64_t *n)
{
    cxm_scale scale = CXM_SCALE_INIT;
    tally found = TALLY_NONE;
    store_scale(&r->held, &scale);
    int status = tally_new(&found, &scale, weighted(r->kind));
    if (status == CXM_OK) {
        store_sum(&r->held, first, last, &found); /* retained buckets: cannot fail */
        *n = tally_count(&found);
    }
    tally_free(&found);
    return status;
}

/* Dates are checked before any is computed with: the head must be a period
 * of 0001-01-01 ... 9999-12-31, and the answers must lie in the days the file
 * covers (a version 2 file does not say: 0001-01-01 ... 9999-12-31). Only
 * comparisons touch the untrusted bucket numbers. */
static bool check_dates(const record *r, const coverage *c, problem *p)
{
    enum period unit = saved_period(r);
    int64_t head;
    uint32_t capacity;
    uint64_t before = 0, after = 0;
    store_window(&r->held, &capacity, &head);
    if (!period_in_range(unit, head)) {
        return refuse(p,
                      "%s %s holds buckets outside 0001-01-01 ... 9999-12-31 (not a state "
                      "cxm-report wrote)",
                      metric_name(r->metric), label(r));
    }
    int64_t first = c->dated ? period_of(unit, c->first) : head + 1;
    int64_t last = c->dated ? period_of(unit, c->last) : head;
    if (count_between(r, INT64_MIN, first - 1, &before) != CXM_OK ||
        count_between(r, last + 1, head, &after) != CXM_OK) {
        return refuse(p, "%s", cxm_status_message(CXM_ERR_NOMEM));
    }
    if (before + after == 0) {
        return true;
    }
    if (!c->dated) {
        return refuse(p,
                      "%s %s holds dated answers, and the file says none are (not a state "
                      "cxm-report wrote)",
                      metric_name(r->metric), label(r));
    }
    char from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
    date_format(c->first, from);
    date_format(c->last, to);
    return refuse(p,
                  "%s %s holds answers outside %s ... %s, the days the file covers (not a "
                  "state cxm-report wrote)",
                  metric_name(r->metric), label(r), from, to);
}

bool record_decode(const unsigned char *bytes, size_t *at, size_t end, const metric_scales *scales,
                   const coverage *c, record *r, problem *p)
{
    const unsigned char *raw = bytes + *at;
    if (end - *at < 3 || end - *at - 3 < (size_t)raw[2] + 4) {
        return refuse(p, "a record runs past the end");
    }
    size_t name_len = raw[2], len = get_u32le(raw + 3 + name_len);
    if (raw[0] >= METRIC_COUNT || raw[1] > KIND_LAST) {
        return refuse(p, "a record names an unknown metric or kind");
    }
    if (end - *at - 3 - name_len - 4 < len) {
        return refuse(p, "a record runs past the end");
    }
    r->metric = raw[0];
    r->kind = raw[1];
    memcpy(r->segment, raw + 3, name_len);
    r->segment[name_len] = '\0';
    int status =
        store_decode(&r->held, weighted(r->kind), dated(r->kind), raw + 3 + name_len + 4, len);
    *at += 3 + name_len + 4 + len;
    if (status != CXM_OK) {
        return refuse(p, "%s",
                      status == CXM_ERR_NOMEM ? cxm_status_message(status)
                                              : "an encoding does not decode");
    }
    return check_name(r, name_len, p) && check_scale(r, scales, p) &&
           (!dated(r->kind) || check_dates(r, c, p));
}

void record_free(record *r)
{
    store_free(&r->held);
}

/* ---- merging -------------------------------------------------------------------- */

void record_settle(survey *s, const record *first)
{
    if (!s->weights_known) {
        s->weighted = weighted(first->kind);
        s->weights_known = true;
    }
    if (s->days != DAYS_AUTO) {
        return;
    }
    /* Without --by, a report of dated states is by month, as of a dated CSV:
     * days and months by month; weeks, which do not make months, by week. */
    s->days = dated(first->kind) ? DAYS_ALL : DAYS_NONE;
    s->unit = saved_period(first) == PERIOD_WEEK ? PERIOD_WEEK : PERIOD_MONTH;
}

bool record_fits(const survey *s, const record *r, problem *p)
{
    enum period saved = saved_period(r);
    if (weighted(r->kind) != s->weighted) {
        return refuse(p, weighted(r->kind) ? "saved with weights, and this report is not weighted"
                                           : "saved without weights, and this report is weighted");
    }
    if (!dated(r->kind)) {
        return s->days == DAYS_NONE ||
               refuse(p, "saved without dates, so it cannot be reported by period");
    }
    if (s->days == DAYS_NONE || saved == PERIOD_DAY || (s->days == DAYS_ALL && s->unit == saved)) {
        return true;
    }
    return refuse(p,
                  "saved by %s, so it cannot be reported %s (save with --by day to keep "
                  "every day)",
                  period_name(saved),
                  s->days == DAYS_TRAILING ? "as a trailing window of days"
                  : s->unit == PERIOD_DAY  ? "by day"
                  : s->unit == PERIOD_WEEK ? "by week"
                                           : "by month");
}

/* The answers of one bucket of a saved series, into the survey. */
static int add_bucket(survey *s, const record *r, int64_t bucket, bool wholes, tally *part)
{
    enum period unit = saved_period(r);
    tally_reset(part);
    store_sum(&r->held, bucket, bucket, part);
    if (tally_count(part) == 0) {
        return CXM_OK;
    }
    int status = survey_add(s, r->metric, r->segment, period_first_day(unit, bucket), part);
    if (status == CXM_OK && wholes) {
        survey_cover(s, period_first_day(unit, bucket), period_last_day(unit, bucket));
    }
    return status == CXM_ERR_WINDOW && s->days == DAYS_TRAILING ? CXM_OK : status;
}

/* Each bucket of a saved series into the survey, or all of them at once
 * when the survey keeps no dates. */
static int add_periods(survey *s, const record *r, bool wholes, tally *part)
{
    int64_t head;
    uint32_t capacity;
    store_window(&r->held, &capacity, &head);
    int64_t oldest = head - (int64_t)capacity + 1;
    if (s->days == DAYS_NONE) {
        store_sum(&r->held, oldest, head, part);
        return survey_add(s, r->metric, r->segment, 0, part);
    }
    for (int64_t b = oldest; b <= head; b++) {
        int status = add_bucket(s, r, b, wholes, part);
        if (status != CXM_OK) {
            return status;
        }
    }
    return CXM_OK;
}

static int add_record(survey *s, const record *r, bool wholes)
{
    if (!dated(r->kind)) {
        return survey_add(s, r->metric, r->segment, 0, &r->held.total);
    }
    tally part = TALLY_NONE;
    int status = tally_new(&part, &s->scales.of[r->metric], s->weighted);
    if (status != CXM_OK) {
        return status;
    }
    status = add_periods(s, r, wholes, &part);
    tally_free(&part);
    return status;
}

bool record_merge(survey *s, const record *r, bool wholes, problem *p)
{
    int status = add_record(s, r, wholes);
    if (status == CXM_OK) {
        return true;
    }
    if (status == CXM_ERR_WINDOW) {
        return refuse(p,
                      "%s %s: its days and the report's other answers of it span more than "
                      "the %lu days a report by day can hold: report them by week or month",
                      metric_name(r->metric), label(r), (unsigned long)CXM_SERIES_MAX_CAPACITY);
    }
    return refuse(p, "%s %s: %s", metric_name(r->metric), label(r), cxm_status_message(status));
}
