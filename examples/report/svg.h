/*
 * The trend chart of cxm-report --svg: per metric, an 800 x 500 panel with
 * the score per period as a line, its interval as a shaded band, n per
 * period as light bars on a second axis (right), labelled axes, period ticks
 * and significant changes ringed and labelled. Plain SVG 1.1 written with
 * fprintf: no library, readable in any browser and by rsvg-convert.
 *
 * It stays readable at any number of periods — 6 months, 58 weeks, 400
 * days: the score axis never reaches past what the scale allows (a wide
 * interval of a day with two answers is cut at the plot's edge, not allowed
 * to flatten everything else), points shrink to the room they have, period
 * labels are thinned to steps that fit (every 2nd week, every 3rd month's
 * first day, ...), and a change's label is drawn only where it touches no
 * other text. A period the answers cover only in part is drawn hollow.
 *
 * Each point carries its numbers (data-period, data-n, data-score, data-low,
 * data-high at full precision) and a tooltip, so the chart can be checked
 * against the table and read exactly.
 */
#ifndef SVG_H
#define SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "metrics.h"
#include "rows.h"

#define SVG_WIDTH        800
#define SVG_PANEL_HEIGHT 500

/* Writes the chart of the first line of each metric in rows (the (all)
 * line, or the one segment asked for), on the metrics' scales, to out, the
 * file path opened for writing (cxm-report opens it before reading any
 * input, so that a path it cannot write stops it at once); out is flushed,
 * and left open. Returns false if it cannot be written (said, with path). */
bool svg_write(FILE *out, const char *path, const report_row *rows, size_t count,
               const report_spec *spec, const metric_scales *scales);

#endif
