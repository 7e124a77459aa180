/* The trend chart; see svg.h. */
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "level.h"
#include "svgtext.h"

/* The plot area of a panel, in pixels from the panel's top left. */
#define PLOT_LEFT   76.0
#define PLOT_RIGHT  724.0
#define PLOT_TOP    70.0
#define PLOT_BOTTOM 420.0
#define BAR_SHARE   0.4 /* the highest bar reaches this share of the plot's height */
#define TITLE_SIZE  17.0
#define LABEL_GAP   8.0 /* pixels between two period labels, at least */

#define LINE_COLOUR "#1f5f9e"
#define BAND_COLOUR "#5b9bd5"
#define BAR_COLOUR  "#c9ced6"
#define MARK_COLOUR "#d62728"
#define TEXT_COLOUR "#333333"
#define GRID_COLOUR "#e6e6e6"
#define N_COLOUR    "#777777"

/* An axis: from low to high in steps of step. */
typedef struct axis {
    double low, high, step;
} axis;

typedef struct panel {
    FILE *out;
    int number; /* of the panel, from 0: names its clip path */
    double top; /* of the panel in the whole picture */
    const report_row *rows;
    size_t count;
    const report_spec *spec;
    const cxm_scale *scale;
    axis score, n;
    text_box *labels; /* the change labels drawn so far */
    size_t label_count;
} panel;

/* ---- axes ------------------------------------------------------------------------ */

/* A step of 1, 2 or 5 times a power of ten giving about `ticks` intervals. */
static double nice_step(double range, int ticks)
{
    double raw = range / ticks, power = pow(10.0, floor(log10(raw)));
    double fraction = raw / power;
    return (fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0) * power;
}

static axis make_axis(double low, double high, int ticks)
{
    if (!(high > low)) {
        low -= 1.0;
        high += 1.0;
    }
    double step = nice_step(high - low, ticks);
    return (axis){floor(low / step) * step, ceil(high / step) * step, step};
}

/* What the score can be: a share 0-100, a net score -100-100, a mean within
 * the scale. An interval reaching further (Student t's, at n = 2) is cut at
 * the edge of the plot rather than allowed to stretch the axis. */
static void score_bounds(const cxm_scale *scale, double *low, double *high)
{
    *low = scale->headline == CXM_HEADLINE_MEAN  ? scale->min
           : scale->headline == CXM_HEADLINE_NET ? -100.0
                                                 : 0.0;
    *high = scale->headline == CXM_HEADLINE_MEAN ? scale->max : 100.0;
}

/* The score axis spans every interval within the bounds; the n axis puts
 * the highest bar at BAR_SHARE of the height, below the line. */
static void fit_axes(panel *p)
{
    double low = INFINITY, high = -INFINITY, most = 0.0, least, greatest;
    score_bounds(p->scale, &least, &greatest);
    for (size_t i = 0; i < p->count; i++) {
        const report_row *r = &p->rows[i];
        if (r->snap.n > 0) {
            low = fmin(low, r->has_interval ? r->interval.low : r->snap.score);
            high = fmax(high, r->has_interval ? r->interval.high : r->snap.score);
        }
        most = fmax(most, (double)r->snap.n);
    }
    p->score = isfinite(low) ? make_axis(fmax(low, least), fmin(high, greatest), 6)
                             : make_axis(least, greatest, 5);
    p->n = make_axis(0.0, fmax(most, 1.0) / BAR_SHARE, 5);
}

static double spacing(const panel *p)
{
    return (PLOT_RIGHT - PLOT_LEFT) / (double)p->count;
}

static double x_of(const panel *p, size_t i)
{
    return PLOT_LEFT + spacing(p) * ((double)i + 0.5);
}

static double y_of(const panel *p, double score)
{
    double share = (score - p->score.low) / (p->score.high - p->score.low);
    return p->top + PLOT_BOTTOM - share * (PLOT_BOTTOM - PLOT_TOP);
}

static double y_of_n(const panel *p, double n)
{
    return p->top + PLOT_BOTTOM - n / p->n.high * (PLOT_BOTTOM - PLOT_TOP);
}

/* Enough decimals to tell the ticks of a step apart. */
static int tick_digits(double step)
{
    return step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
}

/* "800", "12k", "1.5M": n ticks short enough to stay clear of the axis title. */
static void format_count(double v, char *buf, size_t size)
{
    if (v >= 1e6) {
        snprintf(buf, size, "%.3gM", v / 1e6);
    } else if (v >= 1e4) {
        snprintf(buf, size, "%.3gk", v / 1e3);
    } else {
        snprintf(buf, size, "%.0f", v);
    }
}

static void text_at(const panel *p, double x, double y, enum anchor a, const char *attributes,
                    const char *text)
{
    fprintf(p->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor_name(a),
            attributes);
    svg_put_text(p->out, text);
    fputs("</text>\n", p->out);
}

static void line_at(const panel *p, double x1, double y1, double x2, double y2, const char *colour)
{
    fprintf(p->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", x1,
            y1, x2, y2, colour);
}

/* Horizontal grid lines with the score ticks on the left, the n ticks on the
 * right, and the axis lines. */
static void draw_axes(const panel *p)
{
    int digits = tick_digits(p->score.step);
    char text[32];
    for (double v = p->score.low; v <= p->score.high + p->score.step / 2; v += p->score.step) {
        double y = y_of(p, v);
        line_at(p, PLOT_LEFT, y, PLOT_RIGHT, y, GRID_COLOUR);
        snprintf(text, sizeof text, "%.*f", digits, fabs(v) < p->score.step / 2 ? 0.0 : v);
        text_at(p, PLOT_LEFT - 6, y + 4, ANCHOR_END, "", text);
    }
    for (double v = p->n.low; v <= p->n.high + p->n.step / 2; v += p->n.step) {
        double y = y_of_n(p, v);
        line_at(p, PLOT_RIGHT, y, PLOT_RIGHT + 4, y, TEXT_COLOUR);
        format_count(v, text, sizeof text);
        text_at(p, PLOT_RIGHT + 7, y + 4, ANCHOR_START, " fill=\"" N_COLOUR "\"", text);
    }
    fprintf(p->out,
            "<path d=\"M%.1f %.1fV%.1fH%.1fV%.1f\" fill=\"none\" stroke=\"" TEXT_COLOUR "\"/>\n",
            PLOT_LEFT, p->top + PLOT_TOP, p->top + PLOT_BOTTOM, PLOT_RIGHT, p->top + PLOT_TOP);
}

/* ---- period labels ---------------------------------------------------------------- */

static int64_t floor_mod(int64_t a, int64_t b)
{
    int64_t m = a % b;
    return m < 0 ? m + b : m;
}

/* 1, 2, 5, 10, 20, 50, ... */
static int64_t next_125(int64_t step)
{
    int64_t power = 1;
    while (power * 10 <= step) {
        power *= 10;
    }
    return step / power == 1 ? 2 * power : step / power == 2 ? 5 * power : 10 * power;
}

/* Label steps, smallest first: days by 1, 2, 7, 14, then by months; weeks
 * by 1, 2, 4, 8, 13, 26, then 52 times 1, 2, 5, 10, ...; months by 1, 2, 3,
 * 6, 12, then 12 times 2, 5, 10, ... A day step of k months is counted as
 * 28k days, the fewest k months can have. */
typedef struct label_step {
    int64_t periods; /* between two labels, at least */
    int64_t months;  /* days labelled on the first of every `months` months; else 0 */
} label_step;

static int64_t next_in(const int64_t *list, size_t n, int64_t step)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (list[i] == step) {
            return list[i + 1];
        }
    }
    return list[n - 1] * next_125(step / list[n - 1]);
}

static int64_t next_months(int64_t step)
{
    static const int64_t months[] = {1, 2, 3, 6, 12};
    return next_in(months, 5, step);
}

static label_step next_step(enum period by, label_step s)
{
    static const int64_t days[] = {1, 2, 7, 14}, weeks[] = {1, 2, 4, 8, 13, 26, 52};
    if (by == PERIOD_MONTH) {
        return (label_step){next_months(s.periods), 0};
    }
    if (by == PERIOD_WEEK) {
        return (label_step){next_in(weeks, 7, s.periods), 0};
    }
    if (s.months > 0 || s.periods == 14) {
        int64_t months = s.months == 0 ? 1 : next_months(s.months);
        return (label_step){28 * months, months};
    }
    return (label_step){next_in(days, 4, s.periods), 0};
}

/* The smallest step whose labels leave LABEL_GAP between them. */
static label_step choose_step(const panel *p)
{
    char sample[PERIOD_TEXT_MAX];
    period_format(p->spec->by, p->rows[0].period, sample);
    double room = text_width(sample, SVG_FONT_SIZE) + LABEL_GAP;
    label_step s = {1, 0};
    while ((double)s.periods * spacing(p) < room) {
        s = next_step(p->spec->by, s);
    }
    return s;
}

/* Labels fall on round periods: Mondays, even weeks, quarters, years. */
static bool labelled(const panel *p, label_step s, int64_t period)
{
    enum period by = p->spec->by;
    if (s.months > 0) {
        int64_t month = period_of(PERIOD_MONTH, period);
        return period_first_day(PERIOD_MONTH, month) == period && floor_mod(month, s.months) == 0;
    }
    if (by == PERIOD_DAY && s.periods >= 7) {
        return floor_mod(period + 3, s.periods) == 0; /* day -3 was a Monday */
    }
    return floor_mod(period, s.periods) == 0;
}

static void draw_periods(const panel *p)
{
    label_step s = choose_step(p);
    for (size_t i = 0; i < p->count; i++) {
        double x = x_of(p, i), y = p->top + PLOT_BOTTOM;
        bool label = labelled(p, s, p->rows[i].period);
        if (label || spacing(p) >= 4.0) {
            line_at(p, x, y, x, y + (label ? 6 : 3), TEXT_COLOUR);
        }
        if (label) {
            char text[PERIOD_TEXT_MAX];
            period_format(p->spec->by, p->rows[i].period, text);
            text_at(p, x, y + 20, ANCHOR_MIDDLE, "", text);
        }
    }
}

/* ---- the data ---------------------------------------------------------------------- */

static void draw_bars(const panel *p)
{
    double width = 0.6 * spacing(p);
    for (size_t i = 0; i < p->count; i++) {
        double y = y_of_n(p, (double)p->rows[i].snap.n);
        fprintf(p->out,
                "<rect class=\"n\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
                "fill=\"" BAR_COLOUR "\"/>\n",
                x_of(p, i) - width / 2, y, width, p->top + PLOT_BOTTOM - y);
    }
}

/* The end of the run of periods with an interval that starts at i. */
static size_t run_end(const panel *p, size_t i)
{
    while (i < p->count && p->rows[i].has_interval) {
        i++;
    }
    return i;
}

/* The band of one run: along the highs, back along the lows; a single
 * period is a short bar, so that it shows. */
static void draw_band(const panel *p, size_t from, size_t to)
{
    double half = to - from == 1 ? fmin(5.0, spacing(p) / 3) : 0.0;
    fprintf(p->out, "<path class=\"band\" fill=\"" BAND_COLOUR "\" fill-opacity=\"0.25\" d=\"");
    for (size_t i = from; i < to; i++) {
        fprintf(p->out, "%s%.2f %.2f", i == from ? "M" : "L", x_of(p, i) - half,
                y_of(p, p->rows[i].interval.high));
        if (half > 0) {
            fprintf(p->out, "L%.2f %.2f", x_of(p, i) + half, y_of(p, p->rows[i].interval.high));
        }
    }
    for (size_t i = to; i-- > from;) {
        if (half > 0) {
            fprintf(p->out, "L%.2f %.2f", x_of(p, i) + half, y_of(p, p->rows[i].interval.low));
        }
        fprintf(p->out, "L%.2f %.2f", x_of(p, i) - half, y_of(p, p->rows[i].interval.low));
    }
    fprintf(p->out, "Z\"/>\n");
}

static void draw_line(const panel *p, size_t from, size_t to)
{
    fprintf(p->out,
            "<polyline class=\"line\" fill=\"none\" stroke=\"" LINE_COLOUR
            "\" stroke-width=\"%.2f\" stroke-linejoin=\"round\" points=\"",
            fmin(2.0, fmax(0.75, spacing(p) / 2))); /* thinner where days crowd */
    for (size_t i = from; i < to; i++) {
        fprintf(p->out, "%s%.2f,%.2f", i == from ? "" : " ", x_of(p, i),
                y_of(p, p->rows[i].snap.score));
    }
    fprintf(p->out, "\"/>\n");
}

static int digits_of(const report_row *r)
{
    return r->snap.headline == CXM_HEADLINE_MEAN ? 2 : 1;
}

/* A point with its numbers: filled, or hollow for a period the answers
 * cover only in part. */
static void draw_point(const panel *p, size_t i)
{
    const report_row *r = &p->rows[i];
    char label[PERIOD_TEXT_MAX];
    int digits = digits_of(r);
    double radius = fmin(3.5, fmax(1.0, 0.3 * spacing(p)));
    period_format(p->spec->by, r->period, label);
    fprintf(p->out,
            "<circle class=\"point\" cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" fill=\"%s\" "
            "stroke=\"" LINE_COLOUR
            "\" stroke-width=\"%.1f\" data-period=\"%s\" data-partial=\"%s\" data-n=\"%llu\" "
            "data-score=\"%.17g\" data-low=\"%.17g\" data-high=\"%.17g\"><title>%s%s: %.*f "
            "[%.*f, %.*f], n = %llu</title></circle>\n",
            x_of(p, i), y_of(p, r->snap.score), radius, r->partial ? "#ffffff" : LINE_COLOUR,
            r->partial ? 1.5 : 0.0, label, r->partial ? "yes" : "no", (unsigned long long)r->snap.n,
            r->snap.score, r->interval.low, r->interval.high, label, r->partial ? " (partial)" : "",
            digits, r->snap.score, digits, r->interval.low, digits, r->interval.high,
            (unsigned long long)r->snap.n);
}

/* A ring on a significant change, and the change where its label touches no
 * other: above the interval, or at the top of the plot. */
static void mark_change(panel *p, size_t i)
{
    const report_row *r = &p->rows[i];
    double x = x_of(p, i), y = y_of(p, r->snap.score);
    fprintf(p->out,
            "<circle class=\"significant\" cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" fill=\"none\" "
            "stroke=\"" MARK_COLOUR "\" stroke-width=\"2\"/>\n",
            x, y, fmin(8.0, fmax(3.0, 0.5 * spacing(p))));
    char text[48];
    snprintf(text, sizeof text, "%s%+.*f",
             r->change.difference > 0 ? "\xE2\x96\xB2" : "\xE2\x96\xBC", digits_of(r),
             r->change.difference);
    double half = text_width(text, SVG_FONT_SIZE) / 2;
    double at_x = fmin(fmax(x, PLOT_LEFT + half + 2), PLOT_RIGHT - half - 2);
    double at_y = fmax(y_of(p, fmin(r->interval.high, p->score.high)) - 8, p->top + PLOT_TOP - 4);
    text_box box = text_box_at(at_x, at_y, ANCHOR_MIDDLE, text, SVG_FONT_SIZE);
    for (size_t k = 0; k < p->label_count; k++) {
        if (boxes_overlap(&box, &p->labels[k])) {
            return; /* the ring says it; the table has the number */
        }
    }
    p->labels[p->label_count++] = box;
    text_at(p, at_x, at_y, ANCHOR_MIDDLE,
            " class=\"change\" fill=\"" MARK_COLOUR "\" font-weight=\"bold\"", text);
}

/* Band and line, cut at the plot's edges; then the points and changes. */
static void draw_series(panel *p)
{
    fprintf(p->out,
            "<clipPath id=\"plot%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>"
            "</clipPath>\n<g clip-path=\"url(#plot%d)\">\n",
            p->number, PLOT_LEFT, p->top + PLOT_TOP, PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP,
            p->number);
    for (size_t i = 0; i < p->count;) {
        size_t end = run_end(p, i);
        if (end > i) {
            draw_band(p, i, end);
            draw_line(p, i, end);
        }
        i = end > i ? end : i + 1;
    }
    fputs("</g>\n", p->out);
    for (size_t i = 0; i < p->count; i++) {
        if (p->rows[i].has_interval) {
            draw_point(p, i);
        }
    }
    for (size_t i = 0; i < p->count; i++) {
        if (p->rows[i].significant) {
            mark_change(p, i);
        }
    }
}

/* ---- titles and legend ------------------------------------------------------------- */

static const char *score_label(const report_row *r)
{
    return r->snap.headline == CXM_HEADLINE_MEAN  ? "mean rating"
           : r->snap.headline == CXM_HEADLINE_NET ? "net score, points"
                                                  : "share positive, %";
}

/* "NPS · chat · by ISO week", at the largest size up to TITLE_SIZE that fits
 * the panel's width (a segment name may be 255 bytes long). */
static void draw_title(const panel *p)
{
    const report_row *r = &p->rows[0];
    char metric[8], rest[400];
    snprintf(metric, sizeof metric, "%s", metric_name(r->metric));
    for (char *c = metric; *c != '\0'; c++) {
        *c = (char)(*c - 'a' + 'A'); /* metric names are lower-case ASCII */
    }
    snprintf(rest, sizeof rest, " \xC2\xB7 %s \xC2\xB7 by %s",
             r->segment == NULL ? "all segments" : row_segment_label(r),
             p->spec->by == PERIOD_WEEK ? "ISO week" : period_name(p->spec->by));
    double width = text_width(metric, TITLE_SIZE) + text_width(rest, TITLE_SIZE);
    double size = fmin(TITLE_SIZE, TITLE_SIZE * (SVG_WIDTH - PLOT_LEFT - 8) / width);
    fprintf(p->out,
            "<text class=\"title\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.2f\" "
            "font-weight=\"bold\">%s",
            PLOT_LEFT, p->top + 28, size, metric);
    svg_put_text(p->out, rest);
    fputs("</text>\n", p->out);
}

static void draw_axis_titles(const panel *p)
{
    const report_row *r = &p->rows[0];
    const char *by = period_name(p->spec->by);
    double middle = p->top + (PLOT_TOP + PLOT_BOTTOM) / 2;
    fprintf(p->out, "<text transform=\"translate(22 %.1f) rotate(-90)\" text-anchor=\"middle\">",
            middle);
    char level[LEVEL_TEXT_MAX];
    level_percent(p->spec->confidence, level);
    svg_put_upper(p->out, metric_name(r->metric));
    fprintf(p->out, " %s (line; band: %s%% interval)</text>\n", score_label(r), level);
    fprintf(p->out,
            "<text transform=\"translate(%.1f %.1f) rotate(90)\" text-anchor=\"middle\" "
            "fill=\"" N_COLOUR "\">answers per %s (n, bars)</text>\n",
            SVG_WIDTH - 20.0, middle, by);
    text_at(p, (PLOT_LEFT + PLOT_RIGHT) / 2, p->top + PLOT_BOTTOM + 44, ANCHOR_MIDDLE, "",
            p->spec->by == PERIOD_WEEK ? "ISO week (Monday first)" : by);
}

static bool any_partial(const panel *p)
{
    for (size_t i = 0; i < p->count; i++) {
        if (p->rows[i].partial) {
            return true;
        }
    }
    return false;
}

/* The legend's items side by side, each as wide as its text. */
static void draw_legend(const panel *p)
{
    char interval[64], change[64], level[LEVEL_TEXT_MAX], alpha[LEVEL_TEXT_MAX];
    level_percent(p->spec->confidence, level);
    level_alpha(p->spec->confidence, alpha);
    snprintf(interval, sizeof interval, "%s%% interval", level);
    snprintf(change, sizeof change, "significant change (q < %s)", alpha);
    const char *texts[] = {"score", interval, "n", change, "partial period"};
    size_t items = any_partial(p) ? 5 : 4;
    double x = PLOT_LEFT, y = p->top + 48;
    for (size_t k = 0; k < items; k++) {
        if (k == 0) {
            fprintf(p->out,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" LINE_COLOUR
                    "\" stroke-width=\"2.5\"/>\n",
                    x, y - 4, x + 18, y - 4);
        } else if (k < 3) {
            fprintf(p->out,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"10\" fill=\"%s\"%s/>\n", x,
                    y - 9, k == 1 ? BAND_COLOUR : BAR_COLOUR,
                    k == 1 ? " fill-opacity=\"0.25\"" : "");
        } else {
            fprintf(p->out,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" stroke=\"%s\" "
                    "stroke-width=\"%s\"/>\n",
                    x + 9, y - 4, k == 3 ? "6" : "3.5", k == 3 ? "none" : "#ffffff",
                    k == 3 ? MARK_COLOUR : LINE_COLOUR, k == 3 ? "2" : "1.5");
        }
        text_at(p, x + 22, y, ANCHOR_START, "", texts[k]);
        x += 22 + text_width(texts[k], SVG_FONT_SIZE) + 14;
    }
}

static void draw_panel(panel *p)
{
    fit_axes(p);
    fprintf(p->out, "<g class=\"panel\" data-metric=\"%s\">\n", metric_name(p->rows[0].metric));
    draw_title(p);
    draw_legend(p);
    draw_axis_titles(p);
    draw_bars(p);
    draw_axes(p);
    draw_periods(p);
    draw_series(p);
    fprintf(p->out, "</g>\n");
}

/* ---- the file ---------------------------------------------------------------------- */

/* The rows of the first line of the metric at rows[*at]; *at moves past the
 * metric. */
static size_t first_line(const report_row *rows, size_t count, size_t *at)
{
    size_t start = *at, end = start;
    while (end < count && rows[end].metric == rows[start].metric &&
           rows[end].segment == rows[start].segment) {
        end++;
    }
    while (*at < count && rows[*at].metric == rows[start].metric) {
        (*at)++;
    }
    return end - start;
}

static size_t count_metrics(const report_row *rows, size_t count)
{
    size_t metrics = 0;
    for (size_t i = 0; i < count; i++) {
        metrics += i == 0 || rows[i].metric != rows[i - 1].metric;
    }
    return metrics;
}

static bool draw_panels(FILE *out, const report_row *rows, size_t count, const report_spec *spec,
                        const metric_scales *scales)
{
    text_box *labels = malloc((count == 0 ? 1 : count) * sizeof *labels);
    if (labels == NULL) {
        return false;
    }
    int number = 0;
    for (size_t at = 0; at < count; number++) {
        const report_row *line = &rows[at];
        panel p = {.out = out,
                   .number = number,
                   .top = (double)number * SVG_PANEL_HEIGHT,
                   .rows = line,
                   .count = first_line(rows, count, &at),
                   .spec = spec,
                   .scale = &scales->of[line->metric],
                   .labels = labels};
        draw_panel(&p);
    }
    free(labels);
    return true;
}

bool svg_write(FILE *out, const char *path, const report_row *rows, size_t count,
               const report_spec *spec, const metric_scales *scales)
{
    size_t height = SVG_PANEL_HEIGHT * count_metrics(rows, count);
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
            "viewBox=\"0 0 %d %zu\" font-family=\"" SVG_FONTS "\" font-size=\"%.0f\" "
            "fill=\"" TEXT_COLOUR "\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
            SVG_WIDTH, height, SVG_WIDTH, height, SVG_FONT_SIZE);
    bool drawn = draw_panels(out, rows, count, spec, scales);
    fprintf(out, "</svg>\n");
    if (fflush(out) != 0 || ferror(out) || !drawn) {
        fprintf(stderr, "%s: %s\n", path,
                drawn ? "write error" : cxm_status_message(CXM_ERR_NOMEM));
        return false;
    }
    return true;
}
