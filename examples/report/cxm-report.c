/*
 * cxm-report: CSAT, NPS and CES of survey answers, per segment, with
 * confidence intervals, and how they move over time — the main integration
 * template of cxmetrics.
 *
 * It demonstrates the whole life of accumulators and series in a host
 * program: one per (metric, segment) filled from CSV rows (survey.c, csv.c),
 * found through a hash table (groups.c); with a date column, a cxm_series of
 * day buckets per group, from which calendar periods and trailing windows are
 * summed and compared (rows.c) without reading the input again; an "(all)"
 * line per metric made by merging the segments; a trend chart (svg.c); and
 * saving / loading encoded states so that daily files roll up into a monthly
 * report without re-reading raw answers (state.c):
 *
 *   cxm-report examples/data/answers.csv           (by month: it has dates)
 *   cxm-report --by week --svg trend.svg answers.csv
 *   cxm-report --last 30 answers.csv               (the last 30 days vs the 30 before)
 *   cxm-report --save day1.state day1.csv          (report, and keep the state)
 *   cxm-report --load day1.state --load day2.state (report on both days)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cxmetrics.h>

#include "dates.h"
#include "print.h"
#include "rows.h"
#include "state.h"
#include "survey.h"
#include "svg.h"

static const char usage[] =
    "usage: cxm-report [options] [FILE.csv ...]\n"
    "Reads survey answers (CSV; '-' or no file is standard input) and prints, per\n"
    "metric and segment, n, the headline score with its confidence interval and,\n"
    "over time, the change from one period to the next with its p-value.\n"
    "The header names the columns, in any order: metric and rating (required),\n"
    "segment and date (optional); other columns are ignored. Metrics: csat (1-5,\n"
    "% of 4-5), nps (0-10, % 9-10 minus % 0-6), ces (1-7, mean). A date is\n"
    "YYYY-MM-DD or an RFC 3339 timestamp (2026-11-30T14:03:00+01:00, ...Z); a\n"
    "timestamp counts on the calendar date it carries, in its own offset.\n"
    "\n"
    "  --by P           day, week (ISO 8601, Monday first), month, or none: one row\n"
    "                   per period, with the change from the previous one (default:\n"
    "                   month when the input has a date column, else none)\n"
    "  --last N         the trailing N days up to the newest date, against the N\n"
    "                   days before them\n"
    "  --until DATE     with --last: the window ends on DATE instead\n"
    "  --metric NAME    only this metric (csat, nps or ces)\n"
    "  --segment NAME   only this segment, without the (all) line\n"
    "  --svg FILE       also draw the trend, per metric, as an SVG chart (800 x 500\n"
    "                   per metric): the (all) line, or --segment's\n"
    "  --confidence C   confidence level of intervals and changes, 0 < C < 1\n"
    "                   (default 0.95)\n"
    "  --method NAME    interval method where it applies to the metric, else the\n"
    "                   metric's default: wilson, wilson-cc, agresti-coull,\n"
    "                   clopper-pearson, wald (shares); adjusted-wald, wald, score\n"
    "                   (net); t (mean); default\n"
    "  --format F       table (default) or csv (full precision, for programs)\n"
    "  --save FILE      also write the state: accumulators, or with dates series of\n"
    "                   the report's periods (--by day keeps every day, for any\n"
    "                   period later)\n"
    "  --load FILE      merge a state written with --save (repeatable); with\n"
    "                   --load and no CSV file, standard input is not read\n"
    "\n"
    "Exit status: 0 all lines read, 1 some lines were bad (reported on stderr\n"
    "and skipped), 2 usage, file, write or memory error, or nothing found for\n"
    "--metric / --segment.\n";

typedef struct options {
    report_spec spec;
    int by;         /* a period, PERIOD_NONE, or -1 when not given */
    long long last; /* --last, or 0 */
    const char *until, *svg, *save;
    bool csv;
    const char **loads, **inputs;
    int load_count, input_count;
} options;

#define PERIOD_NONE 3

static int fail_usage(const char *why, const char *arg)
{
    fprintf(stderr, "cxm-report: %s%s\n\n%s", why, arg, usage);
    return -1;
}

/* One option with its value; 0, or -1 (reported). */
static int parse_option(const char *arg, const char *value, options *o)
{
    char *end;
    if (strcmp(arg, "--confidence") == 0) {
        o->spec.confidence = strtod(value, &end);
        if (*end != '\0' || !(o->spec.confidence > 0.0 && o->spec.confidence < 1.0)) {
            return fail_usage("confidence must be a number in (0, 1): ", value);
        }
    } else if (strcmp(arg, "--method") == 0) {
        if (cxm_method_parse(value, strlen(value), &o->spec.method) != CXM_OK) {
            return fail_usage("unknown method: ", value);
        }
    } else if (strcmp(arg, "--format") == 0) {
        if (strcmp(value, "table") != 0 && strcmp(value, "csv") != 0) {
            return fail_usage("format is table or csv, not ", value);
        }
        o->csv = strcmp(value, "csv") == 0;
    } else if (strcmp(arg, "--by") == 0) {
        o->by = strcmp(value, "none") == 0 ? PERIOD_NONE : period_parse(value);
        if (o->by < 0) {
            return fail_usage("--by takes day, week, month or none, not ", value);
        }
    } else if (strcmp(arg, "--last") == 0) {
        errno = 0;
        o->last = strtoll(value, &end, 10);
        if (*end != '\0' || errno != 0 || o->last < 1 || o->last > CXM_SERIES_MAX_CAPACITY / 2) {
            return fail_usage("--last takes a number of days from 1 to 524288, not ", value);
        }
    } else if (strcmp(arg, "--until") == 0) {
        int64_t day;
        if (date_parse(value, &day) != 0) {
            return fail_usage("--until takes a date YYYY-MM-DD, not ", value);
        }
        o->until = value;
        o->spec.head = day;
    } else if (strcmp(arg, "--metric") == 0) {
        if ((o->spec.metric = metric_from_name(value)) < 0) {
            return fail_usage("unknown metric (csat, nps or ces): ", value);
        }
    } else if (strcmp(arg, "--segment") == 0) {
        o->spec.segment = value;
    } else if (strcmp(arg, "--svg") == 0) {
        o->svg = value;
    } else if (strcmp(arg, "--save") == 0) {
        o->save = value;
    } else if (strcmp(arg, "--load") == 0) {
        o->loads[o->load_count++] = value;
    } else {
        return fail_usage("unknown option ", arg);
    }
    return 0;
}

/* Options that only make sense together. */
static int check_options(const options *o)
{
    if (o->until != NULL && o->last == 0) {
        return fail_usage("--until needs --last", "");
    }
    if (o->last > 0 && o->by >= 0) {
        return fail_usage("choose --by or --last, not both", "");
    }
    if (o->svg != NULL && (o->last > 0 || o->by == PERIOD_NONE)) {
        return fail_usage("--svg draws periods: not with --last or --by none", "");
    }
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            exit(fflush(stdout) == 0 && !ferror(stdout) ? EXIT_SUCCESS : 2);
        } else if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            o->inputs[o->input_count++] = arg;
            continue;
        } else if (value == NULL) {
            return fail_usage("missing value after ", arg);
        } else if (parse_option(arg, value, o) != 0) {
            return -1;
        }
        i++; /* the value */
    }
    return check_options(o);
}

/* What the survey keeps of dates, from the options. */
static void choose_days(survey *s, const options *o)
{
    if (o->last > 0) {
        s->days = DAYS_TRAILING;
        s->trailing = (uint32_t)(2 * o->last);
        s->fixed_head = o->until != NULL;
        s->head = o->spec.head;
    } else if (o->by == PERIOD_NONE) {
        s->days = DAYS_NONE;
    } else if (o->by >= 0) {
        s->days = DAYS_ALL; /* one bucket per period: months take 1/30 of days' memory */
        s->unit = (enum period)o->by;
    }
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

/* The span of the report, now that the data is read. */
static int choose_span(survey *s, options *o)
{
    report_spec *spec = &o->spec;
    if (o->last > 0) {
        spec->span = SPAN_TRAILING;
        spec->days = o->last;
        if (o->until == NULL) {
            spec->head = s->last_day;
            return survey_align(s);
        }
        return CXM_OK;
    }
    if (s->days != DAYS_ALL || !s->any_day) {
        spec->span = SPAN_TOTAL;
        return CXM_OK;
    }
    spec->span = SPAN_PERIODS;
    spec->by = s->unit; /* --by's, a loaded state's, or month */
    spec->first = period_of(spec->by, s->first_day);
    spec->last = period_of(spec->by, s->last_day);
    return CXM_OK;
}

/* --metric and --segment must find something, or the user mistyped. */
static int check_found(const survey *s, const report_spec *spec)
{
    for (int m = 0; m < METRIC_COUNT; m++) {
        if ((spec->metric < 0 || spec->metric == m) && survey_has(s, m, spec->segment)) {
            return 0;
        }
    }
    if (spec->metric < 0 && spec->segment == NULL) {
        return 0; /* no filter: an empty report is a true answer */
    }
    fprintf(stderr, "cxm-report: no answers for%s%s%s%s\n", spec->metric >= 0 ? " metric " : "",
            spec->metric >= 0 ? metric_name(spec->metric) : "",
            spec->segment != NULL ? " segment " : "", spec->segment != NULL ? spec->segment : "");
    return -1;
}

/* What each line of rows goes to: the printer, and the chart's copy of the
 * first line of each metric ((all), or the one segment asked for). */
typedef struct outputs {
    printer print;
    bool chart;
    report_row *kept;
    size_t kept_count;
    int last_metric;
} outputs;

static int keep_for_chart(outputs *out, const report_row *rows, size_t count)
{
    if (count == 0 || rows[0].metric == out->last_metric) {
        return 0;
    }
    report_row *kept = realloc(out->kept, (out->kept_count + count) * sizeof *kept);
    if (kept == NULL) {
        fprintf(stderr, "cxm-report: %s\n", cxm_status_message(CXM_ERR_NOMEM));
        return -1;
    }
    memcpy(kept + out->kept_count, rows, count * sizeof *rows);
    out->kept = kept;
    out->kept_count += count;
    out->last_metric = rows[0].metric;
    return 0;
}

static int to_outputs(const report_row *rows, size_t count, void *context)
{
    outputs *out = context;
    print_rows(rows, count, &out->print);
    return out->chart ? keep_for_chart(out, rows, count) : 0;
}

static int report(survey *s, options *o)
{
    group_sort(&s->groups);
    if (choose_span(s, o) != CXM_OK || check_found(s, &o->spec) != 0) {
        return -1;
    }
    if (o->svg != NULL && o->spec.span != SPAN_PERIODS) {
        return fail_usage("--svg needs dates in the input", "");
    }
    if (!o->csv && s->missing > 0) {
        printf("answers without a rating (missing, not counted): %lu\n", s->missing);
    }
    if (!o->csv && s->outside > 0) {
        printf("answers dated outside the window (not counted): %lu\n", s->outside);
    }
    outputs out = {{&o->spec, o->csv, 0, false}, o->svg != NULL, NULL, 0, -1};
    print_begin(&out.print, s);
    int status = report_rows(s, &o->spec, to_outputs, &out) == CXM_OK ? 0 : -1;
    print_end(&out.print);
    if (status == 0 && o->svg != NULL) {
        status = svg_write(o->svg, out.kept, out.kept_count, &o->spec);
    }
    free(out.kept);
    return status;
}

static int save_state(const survey *s, const char *path)
{
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        perror(path);
        return -1;
    }
    int status = state_save(s, out, path);
    if (fclose(out) != 0 && status == 0) {
        perror(path);
        status = -1;
    }
    return status;
}

/* Output that cannot be written is an error, not a silent success. */
static int finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "cxm-report: writing the report: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char **lists = calloc(2 * (size_t)argc + 1, sizeof *lists);
    if (lists == NULL) {
        return 2;
    }
    options o = {.spec = {.confidence = 0.95, .method = CXM_METHOD_DEFAULT, .metric = -1},
                 .by = -1,
                 .loads = lists,
                 .inputs = lists + argc};
    survey s = SURVEY_INIT;
    int status = parse_options(argc, argv, &o);
    if (status == 0 && o.input_count == 0 && o.load_count == 0) {
        o.inputs[o.input_count++] = "-";
    }
    choose_days(&s, &o);
    if (status == 0) {
        status = read_files(&s, o.loads, o.load_count, state_load, "rb");
    }
    if (status == 0) {
        status = read_files(&s, o.inputs, o.input_count, survey_read_csv, "rb");
    }
    if (status == 0) {
        status = report(&s, &o);
    }
    if (status == 0 && o.save != NULL) {
        status = save_state(&s, o.save);
    }
    if (finish_output() != 0) {
        status = -1;
    }
    int exit_code = status != 0 ? 2 : s.bad_lines > 0 ? 1 : 0;
    if (s.bad_lines > 0) {
        fprintf(stderr, "cxm-report: %lu bad line(s) skipped\n", s.bad_lines);
    }
    survey_free(&s);
    free(lists);
    return exit_code;
}
