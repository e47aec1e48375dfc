/* svg_chart.h — small self-contained SVG charts a researcher can keep: lines over x, and
 * grouped bars.
 *
 * Output is plain SVG with class="chart", an id and a <title>, usable as a file or inline in
 * HTML.  Series are told apart by colour (Okabe and Ito's colour-blind-safe palette), by dash
 * and by marker.  Line charts clip the x axis to the data (or use a log scale) and can mark
 * one x value (the paper's 100% arrived); bar charts can zoom the y axis to the range where
 * the bars differ, and draw sample-SD whiskers and value labels.  Grid lines fall on round
 * numbers.  O(points) to draw.
 */
#ifndef SIMON_SVG_CHART_H
#define SIMON_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Every chart's size, in pixels. */
#define CHART_WIDTH 760
#define CHART_HEIGHT 420

struct chart {
	const char *id;
	const char *title;
	const char *xlabel, *ylabel;
	double xmax, ymax;        /* 0: from the data */
	bool xlog;                /* lines: a logarithmic x axis (values below 1 drawn at 1) */
	double xmark;             /* lines: a vertical line at this x, when > 0 and within the data */
	const char *xmark_label;
	bool zoom;                /* bars: the y axis starts below the lowest bar, not at 0 */
};

struct chart_series {
	const char *label;
	const double *x, *y;
	size_t n;
};

/* Series i has colour, dash and marker i. */
void svg_line_chart(FILE *f, const struct chart *c, const struct chart_series *s, size_t n);
/* values[g * n_series + s] and, when not NULL, errors[] (whiskers of ± that much); NaN draws
 * no bar (or no whisker). */
void svg_bar_chart(FILE *f, const struct chart *c, const char *const *series, size_t n_series,
		   const char *const *groups, size_t n_groups, const double *values, const double *errors);
/* The colour of the i-th series. */
const char *chart_color(size_t i);
/* Text with &, <, > and quotes escaped for XML and HTML. */
void xml_text(FILE *f, const char *s);

#endif
