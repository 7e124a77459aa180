/* The command line of cxm-report; see options.h. */
#include "options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "family.h"
#include "outfile.h"
#include "level.h"

static const char intro[] =
    "usage: cxm-report [options] [--] [FILE.csv ...]\n"
    "Reads survey answers (CSV; '-' or no file is standard input) and prints, per\n"
    "metric and segment, n, the headline score with its confidence interval and,\n"
    "over time, the change from one period to the next with its p-value.\n"
    "The header names the columns, in any order: metric and rating (required),\n"
    "segment and date (optional); other columns are ignored. Answers with an\n"
    "empty segment are the segment (blank). A date is YYYY-MM-DD or an RFC 3339\n"
    "timestamp (2026-11-30T14:03:00+01:00, ...Z) from 0001-01-01 to 9999-12-31;\n"
    "a timestamp counts on the calendar date it carries, in its own offset.\n";

static const char report_options[] =
    "\n"
    "  --by P           day, week (ISO 8601, Monday first), month, or none: one row\n"
    "                   per period, with the change from the previous one; a\n"
    "                   period the answers cover only in part is marked ~ and its\n"
    "                   changes are not tested (default: month for dated input, a\n"
    "                   date column or states saved by day or month; week for\n"
    "                   states saved by week; else none)\n"
    "  --last N         the trailing N days up to the newest date, against the N\n"
    "                   days before them\n"
    "  --until DATE     with --last: the window ends on DATE instead\n"
    "  --metric NAME    only this metric (csat, nps or ces)\n"
    "  --segment NAME   only this segment ((blank): answers without one), without\n"
    "                   the (all) line\n"
    "  --svg FILE       also draw the trend, per metric, as an SVG chart (800 x 500\n"
    "                   per metric): the (all) line, or --segment's\n"
    "  --confidence C   confidence level of intervals and changes, 0 < C < 1\n"
    "                   (default 0.95)\n"
    "  --method NAME    interval method where it applies to the metric, else the\n"
    "                   metric's default (listed first), as the library resolves it,\n"
    "                   unweighted and weighted (--weight):\n";

static const char adjust_option[] =
    "  --adjust M       how the p-values of all the changes a report tests are\n"
    "                   adjusted together into the q that stars follow\n"
    "                   (cxm_adjust_p), or none to test each change alone:\n";

static const char state_options[] =
    "  --format F       table (default) or csv (full precision, for programs)\n"
    "  --save FILE      also write the state: accumulators, or with dates series of\n"
    "                   the report's periods (--by day keeps every day, for any\n"
    "                   period later)\n"
    "  --load FILE      merge a state written with --save (repeatable); with\n"
    "                   --load and no CSV file, standard input is not read\n"
    "  -h, --help       print this help\n"
    "  --               end of the options: what follows are files, even those\n"
    "                   starting with '-'\n"
    "An option given twice is refused, unless it says repeatable. A usage error\n"
    "is said in one line; --help prints this help.\n"
    "\n";

static const char exit_status[] =
    "\n"
    "Exit status: 0 all lines read, 1 some lines were bad (reported on stderr\n"
    "and skipped), 2 usage, file, write or memory error, or nothing found for\n"
    "--metric / --segment.\n";

/* "  csat  csat5 (1..5, positive 4..5, negative 1..2, share)": the library's. */
static void print_scales(FILE *out)
{
    metric_scales scales;
    metric_scales_default(&scales);
    fprintf(out, "Metrics and the scales they are read on (--scale reads another):\n");
    for (int m = 0; m < METRIC_COUNT; m++) {
        char text[SCALE_TEXT_MAX];
        scale_describe(&scales.of[m], text);
        fprintf(out, "  %-5s %s\n", metric_name(m), text);
    }
}

/* "                     csat: wilson, wilson-cc, ...": every method the
 * library accepts for the metric's intervals, unweighted or weighted, its
 * default first. */
static void print_methods(FILE *out, int use, const char *kind)
{
    metric_scales scales;
    metric_scales_default(&scales);
    for (int m = 0; m < METRIC_COUNT; m++) {
        const cxm_scale *scale = &scales.of[m];
        int quantity, first, method;
        cxm_method_resolve(scale, CXM_QUANTITY_HEADLINE, CXM_METHOD_DEFAULT, use, &quantity,
                           &first);
        fprintf(out, "                     %s%s: %s", metric_name(m), kind, cxm_method_name(first));
        for (int k = CXM_METHOD_DEFAULT + 1; cxm_method_name(k) != NULL; k++) {
            if (k != first && cxm_method_resolve(scale, CXM_QUANTITY_HEADLINE, k, use, &quantity,
                                                 &method) == CXM_OK) {
                fprintf(out, ", %s", cxm_method_name(k));
            }
        }
        fprintf(out, "\n");
    }
}

/* "                     bh (default), by, holm, ..., none": the library's. */
static void print_adjustments(FILE *out)
{
    fprintf(out, "                     %s (default)", cxm_adjust_name(CXM_ADJUST_BH));
    for (int m = 1; cxm_adjust_name(m) != NULL; m++) {
        if (m != CXM_ADJUST_BH) {
            fprintf(out, ", %s", cxm_adjust_name(m));
        }
    }
    fprintf(out, ", none\n");
}

static void print_usage(FILE *out)
{
    fputs(intro, out);
    print_scales(out);
    fputs(report_options, out);
    print_methods(out, CXM_USE_INTERVAL, "");
    print_methods(out, CXM_USE_WEIGHTED_INTERVAL, ", weighted");
    fputs(adjust_option, out);
    print_adjustments(out);
    fputs(state_options, out);
    fputs(input_usage, out);
    fputs(exit_status, out);
}

bool options_fail(const char *why, const char *arg)
{
    return cmdline_fail("cxm-report", why, arg);
}

void options_init(options *o, const char **loads, const char **inputs)
{
    *o = (options){.spec = {.confidence = 0.95,
                            .method = CXM_METHOD_DEFAULT,
                            .adjust = CXM_ADJUST_BH,
                            .metric = METRIC_ANY},
                   .by = PERIOD_MONTH,
                   .loads = loads,
                   .inputs = inputs};
    input_format_init(&o->input);
}

static bool parse_last(const char *value, options *o)
{
    char *end;
    errno = 0;
    o->last = strtoll(value, &end, 10);
    return (*end == '\0' && errno == 0 && o->last >= 1 && o->last <= CXM_SERIES_MAX_CAPACITY / 2) ||
           options_fail("--last takes a number of days from 1 to 524288, not ", value);
}

static bool parse_until(const char *value, options *o)
{
    o->until = value;
    return date_parse(value, &o->spec.head) ||
           options_fail("--until takes a date from 0001-01-01 to 9999-12-31, not ", value);
}

/* "(blank)" names the answers without a segment, stored as "". */
static bool parse_format(const char *value, options *o)
{
    o->csv = strcmp(value, "csv") == 0;
    return o->csv || strcmp(value, "table") == 0 ||
           options_fail("format is table or csv, not ", value);
}

/* One report option (one of report_option_names) with its value; false
 * (said) if the value is bad. */
static bool report_option(const char *arg, const char *value, options *o)
{
    if (strcmp(arg, "--confidence") == 0) {
        const char *why = level_parse(value, &o->spec.confidence);
        return why == NULL || options_fail(why, value);
    } else if (strcmp(arg, "--method") == 0) {
        return cxm_method_parse(value, strlen(value), &o->spec.method) == CXM_OK ||
               options_fail("unknown method: ", value);
    } else if (strcmp(arg, "--adjust") == 0) {
        return adjust_parse(value, &o->spec.adjust) ||
               options_fail("--adjust takes a name --help lists, not ", value);
    } else if (strcmp(arg, "--format") == 0) {
        return parse_format(value, o);
    } else if (strcmp(arg, "--by") == 0) {
        o->by_given = true;
        return period_parse(value, &o->by) ||
               options_fail("--by takes day, week, month or none, not ", value);
    } else if (strcmp(arg, "--last") == 0) {
        return parse_last(value, o);
    } else if (strcmp(arg, "--until") == 0) {
        return parse_until(value, o);
    } else if (strcmp(arg, "--metric") == 0) {
        return metric_parse(value, &o->spec.metric) ||
               options_fail("unknown metric (csat, nps or ces): ", value);
    } else if (strcmp(arg, "--segment") == 0) {
        const char *why = segment_parse(value, &o->spec.segment);
        return why == NULL || options_fail(why, ""); /* the value is not printable */
    } else if (strcmp(arg, "--svg") == 0) {
        o->svg = value;
    } else if (strcmp(arg, "--save") == 0) {
        o->save = value;
    } else if (strcmp(arg, "--load") == 0) {
        o->loads[o->load_count++] = value;
    }
    return true;
}

/* One option of either table, with its value (cmdline.h's callback). */
static bool one_option(const char *arg, const char *value, void *context)
{
    options *o = context;
    const char *why;
    switch (input_option(&o->input, arg, value, &why)) {
    case INPUT_TAKEN: return true;
    case INPUT_BAD: return options_fail(why, value);
    default: return report_option(arg, value, o);
    }
}

/* Whether name is one of the files the report reads (the same file by
 * another name or a link included). */
static bool is_input(const options *o, const char *name)
{
    for (int i = 0; i < o->load_count + o->input_count; i++) {
        if (outfile_same(i < o->load_count ? o->loads[i] : o->inputs[i - o->load_count], name)) {
            return true;
        }
    }
    return false;
}

/* Options that only make sense together. */
static bool check_options(const options *o)
{
    const char *why = input_check(&o->input);
    if (why != NULL) {
        return options_fail(why, "");
    }
    if (o->until != NULL && o->last == 0) {
        return options_fail("--until needs --last", "");
    }
    if (o->last > 0 && o->by_given) {
        return options_fail("choose --by or --last, not both", "");
    }
    if (o->svg != NULL && (o->last > 0 || (o->by_given && o->by == PERIOD_NONE))) {
        return options_fail("--svg draws periods: not with --last or --by none", "");
    }
    if (o->svg != NULL && is_input(o, o->svg)) {
        return options_fail("--svg would overwrite an input: ", o->svg);
    }
    if (o->svg != NULL && o->save != NULL && outfile_same(o->svg, o->save)) {
        return options_fail("--svg and --save name the same file: ", o->svg);
    }
    return true;
}

/* The options of the report itself; the input options are input.c's. */
static const cmdline_option report_option_names[] = {{"--confidence", false},
                                                     {"--method", false},
                                                     {"--adjust", false},
                                                     {"--format", false},
                                                     {"--by", false},
                                                     {"--last", false},
                                                     {"--until", false},
                                                     {"--metric", false},
                                                     {"--segment", false},
                                                     {"--svg", false},
                                                     {"--save", false},
                                                     {"--load", true},
                                                     {NULL, false}};

static bool take_file(const char *path, void *context)
{
    options *o = context;
    o->inputs[o->input_count++] = path;
    return true;
}

bool options_parse(int argc, char **argv, options *o)
{
    static const cmdline_option *const tables[] = {report_option_names, input_options, NULL};
    cmdline c = {"cxm-report", tables, print_usage, one_option, take_file, o};
    return cmdline_parse(&c, argc, argv) && check_options(o);
}

enum days_kept options_days(const options *o)
{
    if (o->last > 0) {
        return DAYS_TRAILING;
    }
    if (!o->by_given) {
        return DAYS_AUTO;
    }
    return o->by == PERIOD_NONE ? DAYS_NONE : DAYS_ALL;
}
