/* The trend chart; see svg.h. */
#include "svg.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The plot area of a panel, in pixels from the panel's top left. */
#define PLOT_LEFT   76.0
#define PLOT_RIGHT  724.0
#define PLOT_TOP    70.0
#define PLOT_BOTTOM 420.0
#define BAR_SHARE   0.4 /* the highest bar reaches this share of the plot's height */

#define LINE_COLOUR "#1f5f9e"
#define BAND_COLOUR "#5b9bd5"
#define BAR_COLOUR  "#c9ced6"
#define MARK_COLOUR "#d62728"
#define TEXT_COLOUR "#333333"
#define GRID_COLOUR "#e6e6e6"

/* An axis: from low to high in steps of step. */
typedef struct axis {
    double low, high, step;
} axis;

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

typedef struct panel {
    FILE *out;
    double top; /* of the panel in the whole picture */
    const report_row *rows;
    size_t count;
    const report_spec *spec;
    axis score, n;
} panel;

static double x_of(const panel *p, size_t i)
{
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * ((double)i + 0.5) / (double)p->count;
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

/* "CSAT": metric names are upper case in titles, as people write them. */
static void put_upper(FILE *out, const char *text)
{
    for (const char *c = text; *c != '\0'; c++) {
        fputc(toupper((unsigned char)*c), out);
    }
}

/* Text content with the five XML specials escaped. */
static void put_text(FILE *out, const char *text)
{
    for (const char *c = text; *c != '\0'; c++) {
        switch (*c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default: fputc(*c, out);
        }
    }
}

/* The score axis spans every interval; the n axis puts the highest bar at
 * BAR_SHARE of the height, below the line. */
static void fit_axes(panel *p)
{
    double low = INFINITY, high = -INFINITY, most = 0.0;
    for (size_t i = 0; i < p->count; i++) {
        const report_row *r = &p->rows[i];
        double lo = r->has_interval ? r->interval.low : r->snap.score;
        double hi = r->has_interval ? r->interval.high : r->snap.score;
        if (r->snap.n > 0) {
            low = fmin(low, lo);
            high = fmax(high, hi);
        }
        most = fmax(most, (double)r->snap.n);
    }
    p->score = isfinite(low) ? make_axis(low, high, 6) : make_axis(0.0, 100.0, 5);
    p->n = make_axis(0.0, fmax(most, 1.0) / BAR_SHARE, 5);
}

/* Enough decimals to tell the ticks of a step apart. */
static int tick_digits(double step)
{
    return step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
}

/* Horizontal grid lines with the score ticks on the left, the n ticks on the
 * right, and the axis lines. */
static void draw_axes(const panel *p)
{
    FILE *out = p->out;
    int digits = tick_digits(p->score.step);
    for (double v = p->score.low; v <= p->score.high + p->score.step / 2; v += p->score.step) {
        double y = y_of(p, v);
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" GRID_COLOUR
                "\"/>\n<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.*f</text>\n",
                PLOT_LEFT, y, PLOT_RIGHT, y, PLOT_LEFT - 6, y + 4, digits, v);
    }
    for (double v = p->n.low; v <= p->n.high + p->n.step / 2; v += p->n.step) {
        double y = y_of_n(p, v);
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" TEXT_COLOUR
                "\"/>\n<text x=\"%.1f\" y=\"%.1f\" fill=\"#777777\">%.0f</text>\n",
                PLOT_RIGHT, y, PLOT_RIGHT + 4, y, PLOT_RIGHT + 7, y + 4, v);
    }
    fprintf(out,
            "<path d=\"M%.1f %.1fV%.1fH%.1fV%.1f\" fill=\"none\" stroke=\"" TEXT_COLOUR "\"/>\n",
            PLOT_LEFT, p->top + PLOT_TOP, p->top + PLOT_BOTTOM, PLOT_RIGHT, p->top + PLOT_TOP);
}

/* A label on every k-th period, so that labels never overlap. */
static void draw_periods(const panel *p)
{
    FILE *out = p->out;
    size_t room = p->spec->by == PERIOD_DAY ? 9 : 12;
    size_t every = (p->count + room - 1) / room;
    for (size_t i = 0; i < p->count; i++) {
        double x = x_of(p, i), y = p->top + PLOT_BOTTOM;
        bool labelled = i % every == 0;
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" TEXT_COLOUR
                "\"/>\n",
                x, y, x, y + (labelled ? 6 : 3));
        if (labelled) {
            char label[PERIOD_TEXT_MAX];
            period_format(p->spec->by, p->rows[i].period, label);
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x,
                    y + 20, label);
        }
    }
}

static void draw_bars(const panel *p)
{
    double width = 0.6 * (PLOT_RIGHT - PLOT_LEFT) / (double)p->count;
    for (size_t i = 0; i < p->count; i++) {
        double y = y_of_n(p, (double)p->rows[i].snap.n);
        fprintf(p->out,
                "<rect class=\"n\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
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
    double half = to - from == 1 ? 5.0 : 0.0;
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
    fprintf(p->out, "<polyline class=\"line\" fill=\"none\" stroke=\"" LINE_COLOUR
                    "\" stroke-width=\"2.5\" points=\"");
    for (size_t i = from; i < to; i++) {
        fprintf(p->out, "%s%.2f,%.2f", i == from ? "" : " ", x_of(p, i),
                y_of(p, p->rows[i].snap.score));
    }
    fprintf(p->out, "\"/>\n");
}

/* A point with its numbers, and a ring and the change where it is
 * significant. */
static void draw_point(const panel *p, size_t i)
{
    const report_row *r = &p->rows[i];
    char label[PERIOD_TEXT_MAX];
    int digits = r->snap.headline == CXM_HEADLINE_MEAN ? 2 : 1;
    double x = x_of(p, i), y = y_of(p, r->snap.score);
    period_format(p->spec->by, r->period, label);
    fprintf(p->out,
            "<circle class=\"point\" cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" fill=\"" LINE_COLOUR
            "\" data-period=\"%s\" data-n=\"%llu\" data-score=\"%.17g\" data-low=\"%.17g\" "
            "data-high=\"%.17g\"><title>%s: %.*f [%.*f, %.*f], n = %llu</title></circle>\n",
            x, y, label, (unsigned long long)r->snap.n, r->snap.score, r->interval.low,
            r->interval.high, label, digits, r->snap.score, digits, r->interval.low, digits,
            r->interval.high, (unsigned long long)r->snap.n);
    if (r->significant) {
        fprintf(p->out,
                "<circle class=\"significant\" cx=\"%.2f\" cy=\"%.2f\" r=\"8\" fill=\"none\" "
                "stroke=\"" MARK_COLOUR "\" stroke-width=\"2\"/>\n"
                "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" fill=\"" MARK_COLOUR
                "\" font-weight=\"bold\">%s%+.*f</text>\n",
                x, y, fmin(fmax(x, PLOT_LEFT + 30), PLOT_RIGHT - 30),
                fmax(y_of(p, r->interval.high) - 8, p->top + PLOT_TOP - 4),
                r->change.difference > 0 ? "\xE2\x96\xB2" : "\xE2\x96\xBC", digits,
                r->change.difference);
    }
}

static void draw_series(const panel *p)
{
    for (size_t i = 0; i < p->count;) {
        size_t end = run_end(p, i);
        if (end > i) {
            draw_band(p, i, end);
            draw_line(p, i, end);
            for (size_t k = i; k < end; k++) {
                draw_point(p, k);
            }
        }
        i = end > i ? end : i + 1;
    }
}

static const char *score_label(const report_row *r)
{
    return r->snap.headline == CXM_HEADLINE_MEAN  ? "mean rating"
           : r->snap.headline == CXM_HEADLINE_NET ? "net score, points"
                                                  : "share positive, %";
}

static void draw_titles(const panel *p)
{
    FILE *out = p->out;
    const report_row *r = &p->rows[0];
    const char *by = period_name(p->spec->by);
    double middle = p->top + (PLOT_TOP + PLOT_BOTTOM) / 2;
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"17\" font-weight=\"bold\">", PLOT_LEFT,
            p->top + 28);
    put_upper(out, metric_name(r->metric));
    fputs(" \xC2\xB7 ", out);
    put_text(out, r->segment == NULL ? "all segments" : row_segment_label(r));
    fprintf(out, " \xC2\xB7 by %s</text>\n", p->spec->by == PERIOD_WEEK ? "ISO week" : by);
    fprintf(out, "<text transform=\"translate(22 %.1f) rotate(-90)\" text-anchor=\"middle\">",
            middle);
    put_upper(out, metric_name(r->metric));
    fprintf(out, " %s (line; band: %.6g%% interval)</text>\n", score_label(r),
            100.0 * p->spec->confidence);
    fprintf(out,
            "<text transform=\"translate(%.1f %.1f) rotate(90)\" text-anchor=\"middle\" "
            "fill=\"#777777\">answers per %s (n, bars)</text>\n",
            SVG_WIDTH - 20.0, middle, by);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
            (PLOT_LEFT + PLOT_RIGHT) / 2, p->top + PLOT_BOTTOM + 44,
            p->spec->by == PERIOD_WEEK ? "ISO week (Monday first)" : by);
}

static void draw_legend(const panel *p)
{
    FILE *out = p->out;
    double y = p->top + 48, x = PLOT_LEFT;
    fprintf(out,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" LINE_COLOUR
            "\" stroke-width=\"2.5\"/><text x=\"%.1f\" y=\"%.1f\">score</text>\n"
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"10\" fill=\"" BAND_COLOUR
            "\" fill-opacity=\"0.25\"/><text x=\"%.1f\" y=\"%.1f\">%.6g%% interval</text>\n"
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"10\" fill=\"" BAR_COLOUR
            "\"/><text x=\"%.1f\" y=\"%.1f\">n</text>\n"
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" stroke=\"" MARK_COLOUR
            "\" stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\">change from the %s before, "
            "significant (p &lt; %.6g)</text>\n",
            x, y - 4, x + 18, y - 4, x + 22, y, x + 70, y - 9, x + 92, y,
            100.0 * p->spec->confidence, x + 190, y - 9, x + 212, y, x + 240, y - 4, x + 250, y,
            period_name(p->spec->by), 1.0 - p->spec->confidence);
}

static void draw_panel(panel *p)
{
    fit_axes(p);
    fprintf(p->out, "<g class=\"panel\" data-metric=\"%s\">\n", metric_name(p->rows[0].metric));
    draw_titles(p);
    draw_legend(p);
    draw_bars(p);
    draw_axes(p);
    draw_periods(p);
    draw_series(p);
    fprintf(p->out, "</g>\n");
}

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

bool svg_write(const char *path, const report_row *rows, size_t count, const report_spec *spec)
{
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        perror(path);
        return false;
    }
    size_t height = SVG_PANEL_HEIGHT * count_metrics(rows, count);
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
            "viewBox=\"0 0 %d %zu\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
            "font-size=\"12\" fill=\"" TEXT_COLOUR "\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
            SVG_WIDTH, height, SVG_WIDTH, height);
    size_t panels = 0;
    for (size_t at = 0; at < count; panels++) {
        const report_row *line = &rows[at];
        panel p = {out,      (double)(panels * SVG_PANEL_HEIGHT),
                   line,     first_line(rows, count, &at),
                   spec,     {0, 0, 0},
                   {0, 0, 0}};
        draw_panel(&p);
    }
    fprintf(out, "</svg>\n");
    int failed = ferror(out);
    if (fclose(out) != 0 || failed) {
        perror(path);
        return false;
    }
    return true;
}
