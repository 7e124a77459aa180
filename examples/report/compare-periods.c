/*
 * compare-periods: did CSAT, NPS or CES change between two periods?
 *
 * Reads two sets of survey answers (CSV as cxm-report reads them, or states
 * saved with cxm-report --save) and prints, per metric, both scores with their
 * intervals, the difference (second minus first) with its interval and
 * p-value, and one plain-language verdict at the chosen confidence:
 *
 *   compare-periods examples/data/answers-previous.csv examples/data/answers.csv
 *
 * It demonstrates cxm_acc_compare: Newcombe's interval with a pooled z test
 * for CSAT, adjusted-Wald z for NPS, Welch's t for CES — or, with --weight,
 * cxm_wacc_compare's design-based t test — and says why when a comparison is
 * undefined. It reads exports as cxm-report does (input.c:
 * --column, --as, --scale, --delimiter). Copy it with survey.c and the files
 * it names.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cxmetrics.h>

#include "answers.h"
#include "cmdline.h"
#include "input.h"
#include "level.h"
#include "state.h"
#include "survey.h"

static const char usage[] =
    "usage: compare-periods [options] [--] BEFORE AFTER\n"
    "BEFORE and AFTER are survey answers as CSV (header naming metric and rating,\n"
    "optional segment and date) or states saved by cxm-report --save. For each\n"
    "metric present in both, prints both scores with intervals, the change\n"
    "AFTER - BEFORE with its interval and p-value, and a verdict at the\n"
    "confidence level.\n"
    "\n"
    "  --confidence C   confidence level, 0 < C < 1 (default 0.95)\n"
    "  --metric NAME    compare only this metric (csat, nps or ces)\n"
    "  --segment NAME   compare one segment ((blank): answers without one)\n"
    "                   instead of all answers\n"
    "  --format F       text (default), or csv: one line per metric at full\n"
    "                   precision, for programs: metric,n_before,before,n_after,\n"
    "                   after,difference,low,high,statistic,df,p_value\n"
    "  -h, --help       print this help\n"
    "  --               end of the options: what follows are files, even those\n"
    "                   starting with '-'\n"
    "An option given twice is refused, unless it says repeatable. A usage error\n"
    "is said in one line; --help prints this help.\n"
    "\n";

static const char exit_status[] =
    "\n"
    "Exit status: 0, 1 if some input lines were bad (reported and skipped), 2 on\n"
    "usage, file, write or memory errors, or when the metric or segment asked\n"
    "for is in neither period.\n";

static void print_usage(FILE *out)
{
    fputs(usage, out);
    fputs(input_usage, out);
    fputs(exit_status, out);
}

/* Reads a CSV file or a saved state, whichever it is. */
static bool read_period(survey *s, const input_format *format, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        perror(path);
        return false;
    }
    unsigned char magic[STATE_MAGIC_LEN] = {0};
    bool is_state = state_magic_at(magic, fread(magic, 1, sizeof magic, in));
    rewind(in);
    bool ok = is_state ? state_load(s, in, path) : answers_read(s, format, in, path);
    fclose(in);
    return ok;
}

/* The answers to compare: one segment's, or all segments merged, into a new
 * tally; *found tells whether the period has any. Returns CXM_OK or a
 * library status. */
static int period_tally(const survey *s, int metric, const char *segment, tally *out, bool *found)
{
    int status = tally_new(out, &s->scales.of[metric], s->weighted);
    return status != CXM_OK ? status : survey_sum(s, metric, segment, 0, 0, out, found);
}

static void print_period(const char *label, const tally *t, int digits, double confidence)
{
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    cxm_interval iv = CXM_INTERVAL_INIT;
    char level[LEVEL_TEXT_MAX];
    level_percent(confidence, level);
    tally_snapshot(t, &snap);
    printf("  %-7s n = %-7llu %8.*f", label, (unsigned long long)snap.n, digits, snap.score);
    if (tally_interval(t, CXM_METHOD_DEFAULT, confidence, &iv) == CXM_OK) {
        printf("   %s%% CI [%.*f, %.*f]", level, digits, iv.low, digits, iv.high);
    }
    if (tally_weighted(t)) {
        printf("   effective n %.1f", snap.n_effective);
    }
    printf("\n");
}

/* One sentence a manager can read: the direction and size of the change,
 * and whether chance alone would easily produce it. */
static void print_verdict(const char *metric, const cxm_comparison *c, const char *unit, int digits)
{
    double alpha = 1.0 - c->confidence;
    const char *direction = c->difference > 0 ? "rose" : "fell";
    char level[LEVEL_TEXT_MAX];
    level_percent(c->confidence, level);
    if (c->p_value < alpha) {
        printf("  => %s %s by %.*f%s: a real change at %s%% confidence (p = %.2g).\n", metric,
               direction, digits, c->difference < 0 ? -c->difference : c->difference, unit, level,
               c->p_value);
    } else {
        printf("  => No clear change in %s at %s%% confidence: a difference of %+.*f%s is "
               "within what chance produces (p = %.2g).\n",
               metric, level, digits, c->difference, unit, c->p_value);
    }
}

static void print_csv(const char *metric, const tally *b, const tally *a, const cxm_comparison *c)
{
    cxm_snapshot sb = CXM_SNAPSHOT_INIT, sa = CXM_SNAPSHOT_INIT;
    tally_snapshot(b, &sb);
    tally_snapshot(a, &sa);
    printf("%s,%llu,%.17g,%llu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", metric,
           (unsigned long long)sb.n, sb.score, (unsigned long long)sa.n, sa.score, c->difference,
           c->low, c->high, c->statistic, c->df, c->p_value);
}

static void print_text(const char *metric, const char *segment, const tally *b, const tally *a,
                       const cxm_comparison *c)
{
    bool mean = c->quantity == CXM_QUANTITY_MEAN, t = isfinite(c->df);
    int digits = mean ? 2 : 1;
    const char *unit = mean ? "" : " points";
    char level[LEVEL_TEXT_MAX];
    level_percent(c->confidence, level);
    printf("%s%s%s\n", metric, segment ? " / " : "", segment ? segment : "");
    print_period("before", b, digits, c->confidence);
    print_period("after", a, digits, c->confidence);
    printf("  change  %+.*f%s   %s%% CI [%+.*f, %+.*f]   %s = %.3f", digits, c->difference, unit,
           level, digits, c->low, digits, c->high, t ? "Welch t" : "z", c->statistic);
    if (t) {
        printf(" (df %.1f)", c->df);
    }
    printf(", p = %.2g\n", c->p_value);
    print_verdict(metric, c, unit, digits);
    printf("\n");
}

/* Whether every answer of a period counts alike in the comparison: the same
 * rating for a mean; all in the band or none for a share; all in one band
 * for a net score. */
static bool alike(const cxm_snapshot *s)
{
    if (s->headline == CXM_HEADLINE_MEAN) {
        return s->stddev == 0.0;
    }
    if (s->headline == CXM_HEADLINE_POSITIVE_SHARE) {
        return s->positive == 0 || s->positive == s->n;
    }
    return s->positive == s->n || s->neutral == s->n || s->negative == s->n;
}

/* Why the library found the comparison undefined (CXM_ERR_EMPTY): an empty
 * period; fewer than 2 answers for a mean, or for any weighted quantity;
 * answers alike within each period, where the test divides by their
 * variance. */
static const char *why_undefined(const tally *b, const tally *a)
{
    cxm_snapshot sb = CXM_SNAPSHOT_INIT, sa = CXM_SNAPSHOT_INIT;
    tally_snapshot(b, &sb);
    tally_snapshot(a, &sa);
    bool variance = tally_weighted(a) || sb.headline == CXM_HEADLINE_MEAN;
    if (sb.n == 0 || sa.n == 0) {
        return "a period has no ratings";
    }
    if (variance && (sb.n < 2 || sa.n < 2)) {
        return tally_weighted(a) ? "a weighted comparison needs at least 2 ratings in each period"
                                 : "a mean needs at least 2 ratings in each period";
    }
    if (variance && alike(&sb) && alike(&sa)) {
        return "every rating within each period is the same (zero variance in both), so "
               "Welch's test is undefined";
    }
    return "the comparison is undefined for these samples";
}

typedef struct request {
    int metric;          /* METRIC_ANY: every metric */
    const char *segment; /* NULL: all answers; "": the blank segment */
    double confidence;
    bool csv;
    input_format input;
    const char *paths[2];
    int path_count;
} request;

/* Prints the comparison of a and b, or why it is undefined (not an error).
 * Returns CXM_OK or the status of the comparison. */
static int compare_pair(const tally *a, const tally *b, int metric, const request *q)
{
    cxm_comparison c = CXM_COMPARISON_INIT;
    int status = tally_compare(a, b, CXM_METHOD_DEFAULT, q->confidence, &c);
    if (status == CXM_ERR_EMPTY) {
        fprintf(q->csv ? stderr : stdout, "%s: cannot compare: %s.\n%s", metric_name(metric),
                why_undefined(b, a), q->csv ? "" : "\n");
        return CXM_OK;
    }
    if (status == CXM_OK && q->csv) {
        print_csv(metric_name(metric), b, a, &c);
    } else if (status == CXM_OK) {
        print_text(metric_name(metric), q->segment, b, a, &c);
    }
    return status;
}

/* Compares one metric if both periods have it (*found then set). Returns
 * false on an error (said). */
static bool compare_metric(const survey *before, const survey *after, int metric, const request *q,
                           bool *found)
{
    tally a = TALLY_NONE, b = TALLY_NONE;
    bool in_after = false, in_before = false;
    int status = period_tally(after, metric, q->segment, &a, &in_after);
    if (status != CXM_OK) {
        goto done;
    }
    status = period_tally(before, metric, q->segment, &b, &in_before);
    if (status != CXM_OK || !in_after || !in_before) {
        goto done;
    }
    *found = true;
    status = compare_pair(&a, &b, metric, q);
done:
    if (status != CXM_OK) {
        fprintf(stderr, "compare-periods: %s: %s\n", metric_name(metric),
                cxm_status_message(status));
    }
    tally_free(&a);
    tally_free(&b);
    return status == CXM_OK;
}

static bool compare_all(const survey *before, const survey *after, const request *q)
{
    bool found = false;
    if (q->csv) {
        printf("metric,n_before,before,n_after,after,difference,low,high,statistic,df,p_value\n");
    }
    for (int m = 0; m < METRIC_COUNT; m++) {
        if ((q->metric == METRIC_ANY || q->metric == m) &&
            !compare_metric(before, after, m, q, &found)) {
            return false;
        }
    }
    if (!found && (q->metric != METRIC_ANY || q->segment != NULL)) {
        const char *segment = q->segment == NULL      ? ""
                              : q->segment[0] == '\0' ? BLANK_SEGMENT
                                                      : q->segment;
        fprintf(stderr, "compare-periods: no %s%s%s%s in both periods\n",
                q->metric != METRIC_ANY ? metric_name(q->metric) : "answers",
                q->segment != NULL ? " for segment '" : "", segment, q->segment != NULL ? "'" : "");
        return false;
    }
    return true;
}

static bool fail_usage(const char *why, const char *arg)
{
    return cmdline_fail("compare-periods", why, arg);
}

/* One option of compare-periods' own (one of own_options), with its value. */
static bool own_option(const char *arg, const char *value, request *q)
{
    if (strcmp(arg, "--confidence") == 0) {
        const char *why = level_parse(value, &q->confidence);
        return why == NULL || fail_usage(why, value);
    }
    if (strcmp(arg, "--format") == 0) {
        q->csv = strcmp(value, "csv") == 0;
        return q->csv || strcmp(value, "text") == 0 ||
               fail_usage("format is text or csv, not ", value);
    }
    if (strcmp(arg, "--metric") == 0) {
        return metric_parse(value, &q->metric) ||
               fail_usage("unknown metric (csat, nps or ces): ", value);
    }
    if (strcmp(arg, "--segment") == 0) {
        const char *why = segment_parse(value, &q->segment);
        return why == NULL || fail_usage(why, ""); /* the value is not printable */
    }
    return true;
}

/* One option of either table, with its value (cmdline.h's callback). */
static bool one_option(const char *arg, const char *value, void *context)
{
    request *q = context;
    const char *why;
    switch (input_option(&q->input, arg, value, &why)) {
    case INPUT_TAKEN: return true;
    case INPUT_BAD: return fail_usage(why, value);
    default: return own_option(arg, value, q);
    }
}

static const cmdline_option own_options[] = {{"--confidence", false},
                                             {"--format", false},
                                             {"--metric", false},
                                             {"--segment", false},
                                             {NULL, false}};

static bool take_path(const char *path, void *context)
{
    request *q = context;
    if (q->path_count == 2) {
        return fail_usage("more than two inputs: ", path);
    }
    q->paths[q->path_count++] = path;
    return true;
}

/* Reads the command line (cmdline.h: "--" ends the options); false (said)
 * if it is not right. --help prints the help and exits. */
static bool parse_options(int argc, char **argv, request *q)
{
    static const cmdline_option *const tables[] = {own_options, input_options, NULL};
    cmdline c = {"compare-periods", tables, print_usage, one_option, take_path, q};
    if (!cmdline_parse(&c, argc, argv)) {
        return false;
    }
    const char *why = input_check(&q->input);
    if (why != NULL) {
        return fail_usage(why, "");
    }
    return q->path_count == 2 || fail_usage("two inputs are needed, BEFORE and AFTER", "");
}

int main(int argc, char **argv)
{
    request q = {.metric = METRIC_ANY, .confidence = 0.95};
    input_format_init(&q.input);
    if (!parse_options(argc, argv, &q)) {
        return 2;
    }
    survey before, after;
    bool weighted = input_weighted(&q.input);
    survey_init(&before, &q.input.scales, weighted, DAYS_NONE); /* dates are only checked */
    survey_init(&after, &q.input.scales, weighted, DAYS_NONE);
    bool ok = read_period(&before, &q.input, q.paths[0]) &&
              read_period(&after, &q.input, q.paths[1]) && compare_all(&before, &after, &q);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "compare-periods: writing the comparison: %s\n", strerror(errno));
        ok = false;
    }
    bool bad = before.bad_lines > 0 || after.bad_lines > 0;
    survey_free(&before);
    survey_free(&after);
    return !ok ? 2 : bad ? 1 : 0;
}
