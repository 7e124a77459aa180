/* The report as a table or CSV; see print.h. */
#include "print.h"

#include <stdio.h>
#include <string.h>

#include "level.h"
#include "utf8.h"

/* "2026-11", or "2026-10-02/2026-11-30" (ISO 8601's start/end) for a window;
 * with mark, "~" after a period the answers cover only in part. */
static void period_label(const report_row *r, const report_spec *spec, bool mark, char *buf,
                         size_t size)
{
    char first[DATE_TEXT_MAX], last[DATE_TEXT_MAX], period[PERIOD_TEXT_MAX];
    const char *tilde = mark && r->partial ? "~" : "";
    if (spec->span == SPAN_PERIODS) {
        period_format(spec->by, r->period, period);
        snprintf(buf, size, "%s%s", period, tilde);
    } else {
        date_format(r->first_day, first);
        date_format(r->last_day, last);
        snprintf(buf, size, "%s/%s%s", first, last, tilde);
    }
}

/* A cell of `width` terminal columns, left-aligned. */
static void print_padded(const char *text, size_t width)
{
    size_t used = utf8_width(text);
    printf("%s%*s", text, (int)(width > used ? width - used : 0), "");
}

/* The widest label of a line the report shows ("(blank)" is no wider than
 * the column's title). */
static size_t segment_width(const survey *s, const report_spec *spec)
{
    size_t width = strlen(spec->segment == NULL ? ALL_SEGMENTS : "segment");
    width = width > strlen("segment") ? width : strlen("segment");
    for (size_t i = 0; i < s->groups.count; i++) {
        const survey_group *g = &s->groups.items[i];
        bool shown = (spec->metric == METRIC_ANY || spec->metric == g->metric) &&
                     (spec->segment == NULL || strcmp(spec->segment, g->segment) == 0);
        size_t w = shown ? utf8_width(g->segment) : 0;
        width = w > width ? w : width;
    }
    return width;
}

static int digits_of(const report_row *r)
{
    return r->snap.headline == CXM_HEADLINE_MEAN ? 2 : 1;
}

/* "911 (76.0%)" */
static void format_count(char *buf, size_t size, uint64_t count, double share)
{
    snprintf(buf, size, "%llu (%.1f%%)", (unsigned long long)count, share);
}

/* n, and beside it the effective n of a weighted report (Kish's W^2 / Q:
 * how many unweighted answers the weighted ones are worth) */
static void print_n(const report_row *r, bool weighted)
{
    printf(" %7llu", (unsigned long long)r->snap.n);
    if (weighted && r->snap.n > 0) {
        printf(" %7.1f", r->snap.n_effective);
    } else if (weighted) {
        printf(" %7s", "-");
    }
}

/* score, interval and method: the columns every table has; the method is
 * padded only when another column follows, so lines end without spaces */
static void print_score(const report_row *r, int interval_width, bool more)
{
    int digits = digits_of(r);
    char score[32] = "-", interval[48] = "n/a";
    if (r->snap.n > 0) {
        snprintf(score, sizeof score, "%.*f", digits, r->snap.score);
    }
    if (r->has_interval) {
        snprintf(interval, sizeof interval, "[%.*f, %.*f]", digits, r->interval.low, digits,
                 r->interval.high);
    }
    printf(" %7s  %-*s %-*s", score, interval_width, interval, more ? 15 : 0,
           r->has_interval ? cxm_method_name(r->interval.method) : "-");
}

/* The answers in each band, and the band's share beside them: of the
 * answers, or in a weighted report of the weight, as the score beside it
 * is weighted (a share of the answers there would disagree with the score;
 * the footer says so). */
static void print_split(const report_row *r, bool weighted)
{
    const cxm_snapshot *s = &r->snap;
    char pos[32], neu[32], neg[32];
    double n = (double)s->n, positive = 100.0 * (double)s->positive / n,
           negative = 100.0 * (double)s->negative / n;
    if (weighted) { /* the library's weighted shares; the neutral band has what they leave */
        positive = s->positive_share;
        negative = s->negative_share;
    }
    /* With no neutral answer the rounding of the other two must not show as -0.0 %. */
    double neutral = !weighted         ? 100.0 * (double)s->neutral / n
                     : s->neutral == 0 ? 0.0
                                       : 100.0 - positive - negative;
    format_count(pos, sizeof pos, s->positive, positive);
    format_count(neu, sizeof neu, s->neutral, neutral);
    format_count(neg, sizeof neg, s->negative, negative);
    printf(" %14s %14s %14s", pos, neu, neg);
}

/* "0.004", "<0.001" */
static void format_p(char *buf, size_t size, double p)
{
    if (p < 0.001) {
        snprintf(buf, size, "<0.001");
    } else {
        snprintf(buf, size, "%.3f", p);
    }
}

/* "+12.3  0.004  0.031 *": the change from the previous period, its p-value
 * and its q ("-" for a change not tested: into or out of a partial period) */
static void print_change(const report_row *r)
{
    if (!r->has_change) {
        return;
    }
    char p[16], q[16] = "-";
    format_p(p, sizeof p, r->change.p_value);
    if (r->tested) {
        format_p(q, sizeof q, r->q);
    }
    printf(" %+8.*f %7s %7s%s", digits_of(r), r->change.difference, p, q,
           r->significant ? " *" : "");
}

/* The longest label and its "~". */
static size_t period_width(const report_spec *spec)
{
    return spec->span == SPAN_TRAILING ? 22
           : spec->by == PERIOD_DAY    ? 11
           : spec->by == PERIOD_WEEK   ? 9
                                       : 8;
}

static void print_table_header(printer *p)
{
    const report_spec *spec = p->spec;
    char interval[64], level[LEVEL_TEXT_MAX];
    level_percent(spec->confidence, level);
    snprintf(interval, sizeof interval, "%s%% interval", level);
    p->interval_width = strlen(interval) > 16 ? (int)strlen(interval) : 16;
    printf("%-6s ", "metric");
    print_padded("segment", p->width);
    if (spec->span != SPAN_TOTAL) {
        printf(" %-*s", (int)period_width(spec), "period");
    }
    printf(" %7s", "n");
    if (p->weighted) {
        printf(" %7s", "n_eff");
    }
    printf(" %7s  %-*s %-15s", "score", p->interval_width, interval, "method");
    if (spec->span == SPAN_TOTAL) {
        printf(" %14s %14s %14s\n", "positive", "neutral", "negative");
    } else {
        printf(" %8s %7s %7s\n", "change", "p", "q");
    }
}

static void print_table_rows(printer *p, const report_row *rows, size_t count)
{
    const report_spec *spec = p->spec;
    for (size_t i = 0; i < count; i++) {
        const report_row *r = &rows[i];
        char period[80];
        printf("%-6s ", metric_name(r->metric));
        print_padded(row_segment_label(r), p->width);
        if (spec->span != SPAN_TOTAL) {
            period_label(r, spec, true, period, sizeof period);
            printf(" %-*s", (int)period_width(spec), period);
        }
        print_n(r, p->weighted);
        print_score(r, p->interval_width, spec->span == SPAN_TOTAL || r->has_change);
        if (spec->span == SPAN_TOTAL) {
            print_split(r, p->weighted);
        } else {
            print_change(r);
        }
        printf("\n");
        p->any_significant = p->any_significant || r->significant;
        p->any_partial = p->any_partial || r->partial;
    }
}

/* What q is, over how many changes, and what the stars mean. */
static void print_family(const printer *p)
{
    const report_spec *spec = p->spec;
    char level[LEVEL_TEXT_MAX], alpha[LEVEL_TEXT_MAX];
    level_percent(spec->confidence, level);
    level_alpha(spec->confidence, alpha);
    if (spec->adjust == ADJUST_NONE) {
        printf("q: p itself (--adjust none: each of the %zu changes tested alone)", p->tested);
    } else {
        printf("q: the p-values of the %zu changes tested, adjusted together by cxm_adjust_p "
               "(--adjust %s)",
               p->tested, adjust_name(spec->adjust));
    }
    printf("; * marks q < %s, a change significant at %s%% confidence%s\n", alpha, level,
           p->any_significant ? "" : " (none here)");
}

void print_end(const printer *p)
{
    const report_spec *spec = p->spec;
    if (p->csv) {
        return;
    }
    if (spec->span == SPAN_PERIODS) {
        printf("change: from the %s before", period_name(spec->by));
    } else if (spec->span == SPAN_TRAILING) {
        printf("change: from the %lld days before", (long long)spec->days);
    }
    if (spec->span != SPAN_TOTAL) {
        printf("; p: its p-value (%s)\n", p->weighted ? "cxm_wacc_compare" : "cxm_acc_compare");
        print_family(p);
    }
    if (spec->span == SPAN_TOTAL && p->weighted) {
        printf("positive, neutral, negative: the answers in each band, and (in parentheses) the "
               "band's share of the weight, as the score is weighted\n");
    }
    if (p->any_partial) {
        char first[DATE_TEXT_MAX], last[DATE_TEXT_MAX];
        date_format(spec->covered_first, first);
        date_format(spec->covered_last, last);
        printf("~ marks a period the answers (%s to %s) cover only in part; a change into or "
               "out of it is not tested\n",
               first, last);
    }
}

/* ---- CSV ---------------------------------------------------------------------- */

/* A segment name as a CSV field: quoted when it holds a comma, quote or line
 * break (RFC 4180), so that the output reads back as it was written. */
static void print_csv_text(const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, stdout);
        return;
    }
    putchar('"');
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '"') {
            putchar('"');
        }
        putchar(*p);
    }
    putchar('"');
}

static void print_csv_header(const report_spec *spec, bool weighted)
{
    printf("metric,segment,");
    if (spec->span != SPAN_TOTAL) {
        printf("period,first_day,last_day,partial,");
    }
    printf(weighted ? "n,n_effective," : "n,");
    printf("score,low,high,method,positive,neutral,negative");
    if (spec->span != SPAN_TOTAL) {
        printf(",change,change_low,change_high,p_value,q,significant");
    }
    printf("\n");
}

static void print_csv_dates(const report_row *r, const report_spec *spec)
{
    char period[80], first[DATE_TEXT_MAX], last[DATE_TEXT_MAX];
    period_label(r, spec, false, period, sizeof period);
    date_format(r->first_day, first);
    date_format(r->last_day, last);
    printf("%s,%s,%s,%s,", period, first, last, r->partial ? "yes" : "no");
}

/* The change's columns: empty when there is none; q empty when untested. */
static void print_csv_change(const report_row *r)
{
    if (!r->has_change) {
        printf(",,,,,,");
        return;
    }
    printf(",%.17g,%.17g,%.17g,%.17g,", r->change.difference, r->change.low, r->change.high,
           r->change.p_value);
    if (r->tested) {
        printf("%.17g", r->q);
    }
    printf(",%s", r->significant ? "yes" : "no");
}

static void print_csv_row(const report_row *r, const report_spec *spec, bool weighted)
{
    printf("%s,", metric_name(r->metric));
    print_csv_text(row_segment_label(r));
    printf(",");
    if (spec->span != SPAN_TOTAL) {
        print_csv_dates(r, spec);
    }
    printf("%llu,", (unsigned long long)r->snap.n);
    if (weighted && r->snap.n > 0) {
        printf("%.17g,", r->snap.n_effective);
    } else if (weighted) {
        printf(",");
    }
    if (r->snap.n > 0) {
        printf("%.17g", r->snap.score);
    }
    if (r->has_interval) {
        printf(",%.17g,%.17g,%s", r->interval.low, r->interval.high,
               cxm_method_name(r->interval.method));
    } else {
        printf(",,,");
    }
    printf(",%llu,%llu,%llu", (unsigned long long)r->snap.positive,
           (unsigned long long)r->snap.neutral, (unsigned long long)r->snap.negative);
    if (spec->span != SPAN_TOTAL) {
        print_csv_change(r);
    }
    printf("\n");
}

void print_begin(printer *p, const survey *s)
{
    p->weighted = s->weighted;
    if (p->csv) {
        print_csv_header(p->spec, p->weighted);
    } else {
        p->width = segment_width(s, p->spec);
        print_table_header(p);
    }
}

int print_rows(const report_row *rows, size_t count, void *context)
{
    printer *p = context;
    if (p->csv) {
        for (size_t i = 0; i < count; i++) {
            print_csv_row(&rows[i], p->spec, p->weighted);
        }
    } else {
        print_table_rows(p, rows, count);
    }
    return CXM_OK;
}
