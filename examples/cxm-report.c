/*
 * cxm-report: CSAT, NPS and CES of survey answers, per segment, with
 * confidence intervals — the main integration template of cxmetrics.
 *
 * It demonstrates the whole life of accumulators in a host program: one per
 * (metric, segment) filled from CSV rows (survey.c), an "(all)" row per metric
 * made by merging the segments, snapshots and intervals for the table, and
 * saving / loading encoded states so that daily files roll up into a monthly
 * report without re-reading raw answers:
 *
 *   cxm-report examples/data/answers.csv
 *   cxm-report --save day1.state day1.csv          (report, and keep the state)
 *   cxm-report --load day1.state --load day2.state (report on both days)
 *
 * Copy this file with survey.c and survey.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cxmetrics.h>

#include "survey.h"

static const char usage[] =
    "usage: cxm-report [options] [FILE.csv ...]\n"
    "Reads survey answers (CSV with the header metric,rating[,segment]; '-' or no\n"
    "file is standard input) and prints, per metric and segment, n, the headline\n"
    "score with its confidence interval and the positive/neutral/negative split.\n"
    "Metrics: csat (1-5, % of 4-5), nps (0-10, %9-10 minus %0-6), ces (1-7, mean).\n"
    "\n"
    "  --confidence C   confidence level of the intervals, 0 < C < 1 (default 0.95)\n"
    "  --method NAME    interval method where it applies to the metric, else the\n"
    "                   metric's default: wilson, wilson-cc, agresti-coull,\n"
    "                   clopper-pearson, wald (shares); adjusted-wald, wald, score\n"
    "                   (net); t (mean); default\n"
    "  --format F       table (default) or csv (full precision, for programs)\n"
    "  --save FILE      also write the accumulators, encoded, to FILE\n"
    "  --load FILE      merge accumulators saved with --save (repeatable); with\n"
    "                   --load and no CSV file, standard input is not read\n"
    "\n"
    "Exit status: 0 all lines read, 1 some lines were bad (reported on stderr\n"
    "and skipped), 2 usage, file or memory error.\n";

typedef struct options {
    double confidence;
    int method;
    int csv;
    const char *save;
    const char **loads, **inputs;
    int load_count, input_count;
} options;

static int fail_usage(const char *why, const char *arg)
{
    fprintf(stderr, "cxm-report: %s%s\n\n%s", why, arg, usage);
    return -1;
}

static int parse_options(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            exit(EXIT_SUCCESS);
        } else if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            o->inputs[o->input_count++] = arg;
            continue;
        } else if (value == NULL) {
            return fail_usage("missing value after ", arg);
        } else if (strcmp(arg, "--confidence") == 0) {
            char *end;
            o->confidence = strtod(value, &end);
            if (*end != '\0' || !(o->confidence > 0.0 && o->confidence < 1.0)) {
                return fail_usage("confidence must be a number in (0, 1): ", value);
            }
        } else if (strcmp(arg, "--method") == 0) {
            if ((o->method = method_from_name(value)) < 0) {
                return fail_usage("unknown method: ", value);
            }
        } else if (strcmp(arg, "--format") == 0) {
            if (strcmp(value, "table") != 0 && strcmp(value, "csv") != 0) {
                return fail_usage("format is table or csv, not ", value);
            }
            o->csv = strcmp(value, "csv") == 0;
        } else if (strcmp(arg, "--save") == 0) {
            o->save = value;
        } else if (strcmp(arg, "--load") == 0) {
            o->loads[o->load_count++] = value;
        } else {
            return fail_usage("unknown option ", arg);
        }
        i++; /* the value */
    }
    return 0;
}

/* Runs reader on each named file ("-" is standard input). */
static int read_files(survey *s, const char **names, int count,
                      int (*reader)(survey *, FILE *, const char *), const char *mode)
{
    for (int i = 0; i < count; i++) {
        int is_stdin = strcmp(names[i], "-") == 0;
        FILE *in = is_stdin ? stdin : fopen(names[i], mode);
        if (in == NULL) {
            perror(names[i]);
            return -1;
        }
        int status = reader(s, in, is_stdin ? "<stdin>" : names[i]);
        if (!is_stdin) {
            fclose(in);
        }
        if (status != 0) {
            return -1;
        }
    }
    return 0;
}

/* One printed row: a snapshot and the interval of its headline. */
typedef struct row {
    const char *metric, *segment;
    cxm_snapshot snap;
    cxm_interval interval;
    int has_interval;
} row;

/* The interval by the chosen method where it applies, else the default. */
static int compute_row(row *r, const cxm_acc *acc, const options *o)
{
    r->snap = (cxm_snapshot)CXM_SNAPSHOT_INIT;
    r->interval = (cxm_interval)CXM_INTERVAL_INIT;
    int status = cxm_acc_snapshot(acc, &r->snap);
    if (status != CXM_OK) {
        return status;
    }
    status = cxm_acc_interval(acc, CXM_QUANTITY_HEADLINE, o->method, o->confidence, &r->interval);
    if (status == CXM_ERR_ARG) {
        status = cxm_acc_interval(acc, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, o->confidence,
                                  &r->interval);
    }
    r->has_interval = status == CXM_OK;
    return status == CXM_OK || status == CXM_ERR_EMPTY ? CXM_OK : status;
}

/* "911 (76.0%)" */
static void format_count(char *buf, size_t size, uint64_t count, uint64_t n)
{
    snprintf(buf, size, "%llu (%.1f%%)", (unsigned long long)count,
             100.0 * (double)count / (double)n);
}

static void print_table_row(const row *r)
{
    /* Round only here, once, on the final numbers: shares and net scores to
     * a tenth of a point, means to a hundredth of a rating. */
    int digits = r->snap.headline == CXM_HEADLINE_MEAN ? 2 : 1;
    char interval[48] = "n/a", pos[32], neu[32], neg[32];
    if (r->has_interval) {
        snprintf(interval, sizeof interval, "[%.*f, %.*f]", digits, r->interval.low, digits,
                 r->interval.high);
    }
    format_count(pos, sizeof pos, r->snap.positive, r->snap.n);
    format_count(neu, sizeof neu, r->snap.neutral, r->snap.n);
    format_count(neg, sizeof neg, r->snap.negative, r->snap.n);
    printf("%-6s %-14.14s %7llu %7.*f  %-16s %-15s %14s %14s %14s\n", r->metric, r->segment,
           (unsigned long long)r->snap.n, digits, r->snap.score, interval,
           r->has_interval ? method_name(r->interval.method) : "-", pos, neu, neg);
}

static void print_csv_row(const row *r)
{
    printf("%s,%s,%llu,%.17g,", r->metric, r->segment, (unsigned long long)r->snap.n,
           r->snap.score);
    if (r->has_interval) {
        printf("%.17g,%.17g,%s", r->interval.low, r->interval.high,
               method_name(r->interval.method));
    } else {
        printf(",,");
    }
    printf(",%llu,%llu,%llu\n", (unsigned long long)r->snap.positive,
           (unsigned long long)r->snap.neutral, (unsigned long long)r->snap.negative);
}

static int print_row(const char *metric, const char *segment, const cxm_acc *acc,
                     const options *o)
{
    row r = {metric, segment, CXM_SNAPSHOT_INIT, CXM_INTERVAL_INIT, 0};
    int status = compute_row(&r, acc, o);
    if (status != CXM_OK) {
        fprintf(stderr, "cxm-report: %s %s: %s\n", metric, segment, cxm_status_message(status));
        return -1;
    }
    (o->csv ? print_csv_row : print_table_row)(&r);
    return 0;
}

static void print_header(const options *o)
{
    if (o->csv) {
        printf("metric,segment,n,score,low,high,method,positive,neutral,negative\n");
        return;
    }
    char interval[32];
    snprintf(interval, sizeof interval, "%.6g%% interval", 100.0 * o->confidence);
    printf("%-6s %-14s %7s %7s  %-16s %-15s %14s %14s %14s\n", "metric", "segment", "n", "score",
           interval, "method", "positive", "neutral", "negative");
}

/* Per metric: the merged "(all)" row, then one row per segment. */
static int print_report(survey *s, const options *o)
{
    print_header(o);
    survey_sort(s);
    for (int m = 0; m < METRIC_COUNT; m++) {
        cxm_acc *total = survey_metric_total(s, m);
        if (total == NULL) {
            continue; /* no answers for this metric */
        }
        int status = print_row(metric_name(m), "(all)", total, o);
        cxm_acc_free(total);
        for (size_t i = 0; status == 0 && i < s->count; i++) {
            const survey_group *g = &s->groups[i];
            if (g->metric == m && g->segment[0] != '\0') {
                status = print_row(metric_name(m), g->segment, g->acc, o);
            }
        }
        if (status != 0) {
            return -1;
        }
    }
    return 0;
}

static int save_state(const survey *s, const char *path)
{
    FILE *out = fopen(path, "wb");
    int status = out == NULL ? -1 : survey_save(s, out);
    if (out != NULL && fclose(out) != 0) {
        status = -1;
    }
    if (status != 0) {
        perror(path);
    }
    return status;
}

int main(int argc, char **argv)
{
    const char **lists = calloc(2 * (size_t)argc + 1, sizeof *lists);
    if (lists == NULL) {
        return 2;
    }
    options o = {0.95, CXM_METHOD_DEFAULT, 0, NULL, lists, lists + argc, 0, 0};
    survey s = SURVEY_INIT;
    int status = parse_options(argc, argv, &o);
    if (status == 0 && o.input_count == 0 && o.load_count == 0) {
        o.inputs[o.input_count++] = "-";
    }
    if (status == 0) {
        status = read_files(&s, o.loads, o.load_count, survey_load, "rb");
    }
    if (status == 0) {
        status = read_files(&s, o.inputs, o.input_count, survey_read_csv, "r");
    }
    if (status == 0 && s.missing > 0 && !o.csv) {
        printf("answers without a rating (missing, not counted): %lu\n", s.missing);
    }
    if (status == 0) {
        status = print_report(&s, &o);
    }
    if (status == 0 && o.save != NULL) {
        status = save_state(&s, o.save);
    }
    int exit_code = status != 0 ? 2 : s.bad_lines > 0 ? 1 : 0;
    if (s.bad_lines > 0) {
        fprintf(stderr, "cxm-report: %lu bad line(s) skipped\n", s.bad_lines);
    }
    survey_free(&s);
    free(lists);
    return exit_code;
}
