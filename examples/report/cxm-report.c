/*
 * cxm-report: CSAT, NPS and CES of survey answers, per segment, with
 * confidence intervals, and how they move over time — the main integration
 * template of cxmetrics.
 *
 * It demonstrates the whole life of accumulators and series in a host
 * program: one per (metric, segment) filled from a CSV export (answers.c,
 * csv.c: any column names, delimiter and scale, input.c), found through a
 * hash table (groups.c); with a date column, a cxm_series of periods per
 * group, from which calendar periods and trailing windows are summed and
 * compared (rows.c) without reading the input again; an "(all)" line per
 * metric made by merging the segments; a trend chart (svg.c); and saving /
 * loading encoded states so that daily files roll up into a monthly report
 * without re-reading raw answers (state.c):
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

#include "answers.h"
#include "options.h"
#include "outfile.h"
#include "print.h"
#include "rows.h"
#include "state.h"
#include "survey.h"
#include "svg.h"

/* "-" is standard input; anything else is opened in binary mode. */
static FILE *open_input(const char *name, const char **shown)
{
    bool is_stdin = strcmp(name, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(name, "rb");
    *shown = is_stdin ? "<stdin>" : name;
    if (in == NULL) {
        perror(name);
    }
    return in;
}

static bool read_inputs(survey *s, const options *o)
{
    for (int i = 0; i < o->load_count + o->input_count; i++) {
        bool is_state = i < o->load_count;
        const char *name = is_state ? o->loads[i] : o->inputs[i - o->load_count], *shown;
        FILE *in = open_input(name, &shown);
        if (in == NULL) {
            return false;
        }
        bool ok = is_state ? state_load(s, in, shown) : answers_read(s, &o->input, in, shown);
        if (in != stdin) {
            fclose(in);
        }
        if (!ok) {
            return false;
        }
    }
    return true;
}

/* The span of the report, now that the data is read. */
static int choose_span(survey *s, options *o)
{
    report_spec *spec = &o->spec;
    spec->covered_first = s->covered ? s->covered_first : s->first_day;
    spec->covered_last = s->covered ? s->covered_last : s->last_day;
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
    spec->by = s->unit; /* --by's, or month (a week for states saved by week) */
    spec->first = period_of(spec->by, s->first_day);
    spec->last = period_of(spec->by, s->last_day);
    return CXM_OK;
}

/* --metric and --segment must find something, or the user mistyped. */
static bool check_found(const survey *s, const report_spec *spec)
{
    for (int m = 0; m < METRIC_COUNT; m++) {
        if ((spec->metric == METRIC_ANY || spec->metric == m) && survey_has(s, m, spec->segment)) {
            return true;
        }
    }
    if (spec->metric == METRIC_ANY && spec->segment == NULL) {
        return true; /* no filter: an empty report is a true answer */
    }
    const char *segment = spec->segment == NULL      ? ""
                          : spec->segment[0] == '\0' ? BLANK_SEGMENT
                                                     : spec->segment;
    fprintf(stderr, "cxm-report: no answers for%s%s%s%s\n",
            spec->metric != METRIC_ANY ? " metric " : "",
            spec->metric != METRIC_ANY ? metric_name(spec->metric) : "",
            spec->segment != NULL ? " segment " : "", segment);
    return false;
}

/* The notices above the table, about the answers the report shows. */
static int print_notices(const survey *s, const options *o)
{
    uint64_t outside = 0;
    if (o->csv) {
        return CXM_OK;
    }
    if (s->missing > 0) {
        printf("answers without a rating (missing, not counted): %lu\n", s->missing);
    }
    if (o->spec.span == SPAN_TRAILING) {
        int status = survey_outside(s, o->spec.head - 2 * o->spec.days + 1, o->spec.head, &outside);
        if (status != CXM_OK) {
            return status;
        }
    }
    if (outside > 0) {
        printf("answers dated outside the window (not counted): %llu\n",
               (unsigned long long)outside);
    }
    return CXM_OK;
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
        return CXM_OK;
    }
    report_row *kept = realloc(out->kept, (out->kept_count + count) * sizeof *kept);
    if (kept == NULL) {
        return CXM_ERR_NOMEM;
    }
    memcpy(kept + out->kept_count, rows, count * sizeof *rows);
    out->kept = kept;
    out->kept_count += count;
    out->last_metric = rows[0].metric;
    return CXM_OK;
}

static int to_outputs(const report_row *rows, size_t count, void *context)
{
    outputs *out = context;
    print_rows(rows, count, &out->print);
    return out->chart ? keep_for_chart(out, rows, count) : CXM_OK;
}

/* A library status that stops the report, said; false. */
static bool stop(int status)
{
    fprintf(stderr, "cxm-report: %s\n", cxm_status_message(status));
    return false;
}

static bool report(survey *s, options *o, FILE *chart)
{
    group_sort(&s->groups);
    int status = choose_span(s, o);
    if (status != CXM_OK) {
        return stop(status);
    }
    if (!check_found(s, &o->spec)) {
        return false;
    }
    if (o->svg != NULL && o->spec.span != SPAN_PERIODS) {
        return options_fail("--svg needs dates in the input", "");
    }
    status = print_notices(s, o);
    if (status != CXM_OK) {
        return stop(status);
    }
    outputs out = {.print = {.spec = &o->spec, .csv = o->csv},
                   .chart = o->svg != NULL,
                   .last_metric = METRIC_ANY};
    print_begin(&out.print, s);
    status = report_rows(s, &o->spec, to_outputs, &out, &out.print.tested);
    print_end(&out.print);
    bool ok = status == CXM_OK || stop(status);
    ok = ok && (chart == NULL ||
                svg_write(chart, o->svg, out.kept, out.kept_count, &o->spec, &s->scales));
    free(out.kept);
    return ok;
}

static bool save_state(const survey *s, const char *path)
{
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        perror(path);
        return false;
    }
    bool ok = state_save(s, out, path);
    if (fclose(out) != 0 && ok) {
        perror(path);
        ok = false;
    }
    return ok;
}

/* The chart's file, opened before any input is read: a path that cannot be
 * written is said at once, not after all the work (outfile.h). */
static bool open_chart(const options *o, outfile *chart)
{
    chart->file = NULL;
    if (o->svg != NULL && !outfile_open(chart, o->svg)) {
        fprintf(stderr, "cxm-report: --svg %s: %s\n", o->svg, strerror(errno));
        return false;
    }
    return true;
}

/* Closes the chart: finished, it takes its path's place; not finished, the
 * path is left as it was. Returns whether it was finished and is in place. */
static bool close_chart(outfile *chart, bool finished)
{
    if (chart->file == NULL) {
        return true;
    }
    if (!outfile_close(chart, finished) && finished) {
        fprintf(stderr, "cxm-report: --svg %s: %s\n", chart->path, strerror(errno));
        return false;
    }
    return finished;
}

/* Output that cannot be written is an error, not a silent success. */
static bool finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "cxm-report: writing the report: %s\n", strerror(errno));
        return false;
    }
    return true;
}

/* The survey the options ask for: what it keeps of dates, and what the
 * report shows of it (for the notices). */
static void survey_for(survey *s, const options *o)
{
    survey_init(s, &o->input.scales, input_weighted(&o->input), options_days(o));
    s->only_metric = o->spec.metric;
    s->only_segment = o->spec.segment;
    if (o->last > 0) {
        s->trailing = (uint32_t)(2 * o->last);
        s->fixed_head = o->until != NULL;
        s->head = o->spec.head;
    } else if (o->by_given && o->by != PERIOD_NONE) {
        s->unit = o->by; /* one bucket per period: months take 1/30 of days' memory */
    }
}

int main(int argc, char **argv)
{
    const char **lists = calloc(2 * (size_t)argc + 1, sizeof *lists);
    if (lists == NULL) {
        return 2;
    }
    options o;
    survey s;
    options_init(&o, lists, lists + argc);
    bool ok = options_parse(argc, argv, &o);
    if (ok && o.input_count == 0 && o.load_count == 0) {
        o.inputs[o.input_count++] = "-";
    }
    survey_for(&s, &o);
    outfile chart = {NULL, NULL, NULL};
    ok = ok && open_chart(&o, &chart);
    bool reported = ok && read_inputs(&s, &o) && report(&s, &o, chart.file);
    ok = close_chart(&chart, reported) && reported && (o.save == NULL || save_state(&s, o.save));
    ok = finish_output() && ok;
    int exit_code = !ok ? 2 : s.bad_lines > 0 ? 1 : 0;
    if (s.bad_lines > 0) {
        fprintf(stderr, "cxm-report: %lu bad line(s) skipped\n", s.bad_lines);
    }
    survey_free(&s);
    free(lists);
    return exit_code;
}
