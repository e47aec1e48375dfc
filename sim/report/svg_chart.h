/* svg_chart.h — small self-contained SVG charts: lines over x, and grouped bars.
 *
 * Output is plain SVG with class="chart", an id and a <title>, usable as a file or inline
 * in HTML.  Axes run from 0 (or the given minimum) to the maximum, with five grid lines.
 */
#ifndef SIMON_SVG_CHART_H
#define SIMON_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct chart {
	const char *id;
	const char *title;
	const char *xlabel, *ylabel;
	double xmax, ymax;        /* 0: from the data */
};

struct chart_series {
	const char *label;
	const char *color;
	const double *x, *y;
	size_t n;
	bool dashed;
};

void svg_line_chart(FILE *f, const struct chart *c, const struct chart_series *s, size_t n);
/* values[g * n_series + s]; NaN draws no bar. */
void svg_bar_chart(FILE *f, const struct chart *c, const char *const *series, size_t n_series,
		   const char *const *groups, size_t n_groups, const double *values);
/* A distinct color for the i-th series. */
const char *chart_color(size_t i);
/* Text with &, <, > and quotes escaped for XML and HTML. */
void xml_text(FILE *f, const char *s);

#endif
