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
 * for CSAT, adjusted-Wald z for NPS, Welch's t for CES. Copy it with survey.c
 * and survey.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cxmetrics.h>

#include "survey.h"

static const char usage[] =
    "usage: compare-periods [--confidence C] [--segment NAME] BEFORE AFTER\n"
    "BEFORE and AFTER are survey answers as CSV (header metric,rating[,segment]) or\n"
    "states saved by cxm-report --save. For each metric present in both, prints\n"
    "both scores with intervals, the change AFTER - BEFORE with its interval and\n"
    "p-value, and a verdict at the confidence level (default 0.95).\n"
    "  --segment NAME  compare one segment instead of all answers\n"
    "  --format csv    one line per metric at full precision, for programs:\n"
    "                  metric,n_before,before,n_after,after,difference,low,high,\n"
    "                  statistic,df,p_value\n"
    "Exit status: 0, 1 if some input lines were bad (reported and skipped), 2 on\n"
    "usage, file or memory errors.\n";

/* Reads a CSV file or a saved state, whichever it is. */
static int read_period(survey *s, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        perror(path);
        return -1;
    }
    char magic[4] = {0};
    int is_state = fread(magic, 1, 4, in) == 4 && memcmp(magic, "CXMS", 4) == 0;
    rewind(in);
    int status = is_state ? survey_load(s, in, path) : survey_read_csv(s, in, path);
    fclose(in);
    return status;
}

/* The accumulator to compare: one segment's, or all segments merged. The
 * caller frees it. */
static cxm_acc *period_acc(const survey *s, int metric, const char *segment)
{
    if (segment == NULL) {
        return survey_metric_total(s, metric);
    }
    for (size_t i = 0; i < s->count; i++) {
        const survey_group *g = &s->groups[i];
        cxm_acc *copy = NULL;
        if (g->metric == metric && strcmp(g->segment, segment) == 0 &&
            cxm_acc_clone(g->acc, &copy) == CXM_OK) {
            return copy;
        }
    }
    return NULL;
}

static void print_period(const char *label, const cxm_acc *acc, int digits, double confidence)
{
    cxm_snapshot snap = CXM_SNAPSHOT_INIT;
    cxm_interval iv = CXM_INTERVAL_INIT;
    cxm_acc_snapshot(acc, &snap);
    printf("  %-7s n = %-7llu %8.*f", label, (unsigned long long)snap.n, digits, snap.score);
    if (cxm_acc_interval(acc, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, confidence, &iv) ==
        CXM_OK) {
        printf("   %.6g%% CI [%.*f, %.*f]", 100.0 * confidence, digits, iv.low, digits, iv.high);
    }
    printf("\n");
}

/* One sentence a manager can read: the direction and size of the change,
 * and whether chance alone would easily produce it. */
static void print_verdict(const char *metric, const cxm_comparison *c, const char *unit,
                          int digits)
{
    double alpha = 1.0 - c->confidence;
    const char *direction = c->difference > 0 ? "rose" : "fell";
    if (c->p_value < alpha) {
        printf("  => %s %s by %.*f%s: a real change at %.6g%% confidence (p = %.2g).\n", metric,
               direction, digits, c->difference < 0 ? -c->difference : c->difference, unit,
               100.0 * c->confidence, c->p_value);
    } else {
        printf("  => No clear change in %s at %.6g%% confidence: a difference of %+.*f%s is "
               "within what chance produces (p = %.2g).\n",
               metric, 100.0 * c->confidence, digits, c->difference, unit, c->p_value);
    }
}

static void print_csv(const char *metric, const cxm_acc *b, const cxm_acc *a,
                      const cxm_comparison *c)
{
    cxm_snapshot sb = CXM_SNAPSHOT_INIT, sa = CXM_SNAPSHOT_INIT;
    cxm_acc_snapshot(b, &sb);
    cxm_acc_snapshot(a, &sa);
    printf("%s,%llu,%.17g,%llu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", metric,
           (unsigned long long)sb.n, sb.score, (unsigned long long)sa.n, sa.score, c->difference,
           c->low, c->high, c->statistic, c->df, c->p_value);
}

static void print_text(const char *metric, const char *segment, const cxm_acc *b,
                       const cxm_acc *a, const cxm_comparison *c, int mean)
{
    int digits = mean ? 2 : 1;
    const char *unit = mean ? "" : " points";
    printf("%s%s%s\n", metric, segment ? " / " : "", segment ? segment : "");
    print_period("before", b, digits, c->confidence);
    print_period("after", a, digits, c->confidence);
    printf("  change  %+.*f%s   %.6g%% CI [%+.*f, %+.*f]   %s = %.3f", digits, c->difference, unit,
           100.0 * c->confidence, digits, c->low, digits, c->high, mean ? "Welch t" : "z",
           c->statistic);
    if (mean) {
        printf(" (df %.1f)", c->df);
    }
    printf(", p = %.2g\n", c->p_value);
    print_verdict(metric, c, unit, digits);
    printf("\n");
}

/* Compares one metric if both periods have it. A comparison that is
 * undefined (e.g. a single CES answer) is reported, not fatal. */
static int compare_metric(const survey *before, const survey *after, int metric,
                          const char *segment, double confidence, int csv)
{
    cxm_acc *a = period_acc(after, metric, segment), *b = period_acc(before, metric, segment);
    cxm_comparison c = CXM_COMPARISON_INIT;
    int status = a == NULL || b == NULL
                     ? CXM_OK
                     : cxm_acc_compare(a, b, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT,
                                       confidence, &c);
    if (a != NULL && b != NULL && status == CXM_OK) {
        int mean = c.quantity == CXM_QUANTITY_MEAN;
        if (csv) {
            print_csv(metric_name(metric), b, a, &c);
        } else {
            print_text(metric_name(metric), segment, b, a, &c, mean);
        }
    } else if (status != CXM_OK) {
        fprintf(stderr, "compare-periods: %s: %s\n", metric_name(metric),
                cxm_status_message(status));
    }
    cxm_acc_free(a);
    cxm_acc_free(b);
    return status == CXM_OK || status == CXM_ERR_EMPTY ? 0 : -1;
}

int main(int argc, char **argv)
{
    double confidence = 0.95;
    const char *segment = NULL, *paths[2];
    int path_count = 0, csv = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "--confidence") == 0 && i + 1 < argc) {
            char *end;
            confidence = strtod(argv[++i], &end);
            if (*end != '\0' || !(confidence > 0.0 && confidence < 1.0)) {
                fprintf(stderr, "compare-periods: confidence must be in (0, 1)\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc &&
                   strcmp(argv[i + 1], "csv") == 0) {
            csv = 1;
            i++;
        } else if (strcmp(argv[i], "--segment") == 0 && i + 1 < argc) {
            segment = argv[++i];
        } else if (argv[i][0] != '-' && path_count < 2) {
            paths[path_count++] = argv[i];
        } else {
            fprintf(stderr, "%s", usage);
            return 2;
        }
    }
    if (path_count != 2) {
        fprintf(stderr, "%s", usage);
        return 2;
    }
    survey before = SURVEY_INIT, after = SURVEY_INIT;
    int status = read_period(&before, paths[0]);
    if (status == 0) {
        status = read_period(&after, paths[1]);
    }
    if (status == 0 && csv) {
        printf("metric,n_before,before,n_after,after,difference,low,high,statistic,df,p_value\n");
    }
    for (int m = 0; status == 0 && m < METRIC_COUNT; m++) {
        status = compare_metric(&before, &after, m, segment, confidence, csv);
    }
    int bad = before.bad_lines > 0 || after.bad_lines > 0;
    survey_free(&before);
    survey_free(&after);
    return status != 0 ? 2 : bad ? 1 : 0;
}
