#include "sim/report/svg_chart.h"

#include <math.h>

#define W CHART_WIDTH
#define H CHART_HEIGHT
#define LEFT 64
#define RIGHT 190
#define TOP 40
#define BOTTOM 56
#define MARKERS 10   /* markers per line, at most */

const char *chart_color(size_t i)
{
	/* Okabe & Ito (2008): distinct under the common colour-vision deficiencies. */
	static const char *const palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
					      "#E69F00", "#56B4E9", "#000000", "#F0E442"};
	return palette[i % (sizeof palette / sizeof palette[0])];
}

static const char *dash(size_t i)
{
	static const char *const dashes[] = {"", "8 4", "2 3", "10 3 2 3", "4 4", "12 4", "2 6", "6 2 2 2"};
	return dashes[i % (sizeof dashes / sizeof dashes[0])];
}

void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* The smallest of 1, 2, 2.5, 5 × 10^k at or above v, so grid lines fall on round numbers. */
static double nice(double v)
{
	if (!(v > 0))
		return 1;
	double scale = pow(10, floor(log10(v)));
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] * scale >= v * (1 - 1e-12))
			return steps[i] * scale;
	return 10 * scale;
}

/* The drawing area's extent and scales. */
struct frame {
	double xmin, xmax, ymin, ymax;
	bool xlog;
};

static double px(const struct frame *fr, double x)
{
	double lo = fr->xlog ? log10(fr->xmin) : fr->xmin, hi = fr->xlog ? log10(fr->xmax) : fr->xmax;
	double v = fr->xlog ? log10(x < fr->xmin ? fr->xmin : x) : x;
	return LEFT + (hi > lo ? (v - lo) / (hi - lo) : 0) * (W - LEFT - RIGHT);
}

static double py(const struct frame *fr, double y)
{
	double span = fr->ymax - fr->ymin;
	return H - BOTTOM - (span > 0 ? (y - fr->ymin) / span : 0) * (H - TOP - BOTTOM);
}

static void tick_label(FILE *f, double v)
{
	fprintf(f, "%.4g", fabs(v) < 1e-9 ? 0.0 : v);
}

static void grid(FILE *f, const struct frame *fr, bool x_ticks)
{
	double step = nice((fr->ymax - fr->ymin) / 5);
	for (double y = ceil(fr->ymin / step - 1e-9) * step; y <= fr->ymax + step * 1e-9; y += step) {
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, W - RIGHT, py(fr, y),
			py(fr, y));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6, py(fr, y) + 4);
		tick_label(f, y);
		fprintf(f, "</text>\n");
	}
	if (!x_ticks)
		return;
	if (fr->xlog) {
		for (double x = fr->xmin; x <= fr->xmax * (1 + 1e-9); x *= 10)
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%g</text>\n", px(fr, x), H - BOTTOM + 18, x);
		return;
	}
	double xstep = nice((fr->xmax - fr->xmin) / 5);
	for (double x = ceil(fr->xmin / xstep - 1e-9) * xstep; x <= fr->xmax + xstep * 1e-9; x += xstep) {
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", px(fr, x), H - BOTTOM + 18);
		tick_label(f, x);
		fprintf(f, "</text>\n");
	}
}

static void open_chart(FILE *f, const struct chart *c, const struct frame *fr, bool x_ticks)
{
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"");
	xml_text(f, c->id);
	fprintf(f, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
		W, H, W, H);
	fprintf(f, "<title>");
	xml_text(f, c->title);
	fprintf(f, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">", LEFT);
	xml_text(f, c->title);
	fprintf(f, "</text>\n");
	grid(f, fr, x_ticks);
	fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, W - RIGHT, H - BOTTOM,
		H - BOTTOM);
	fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, LEFT, TOP, H - BOTTOM);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", (LEFT + W - RIGHT) / 2, H - 14);
	xml_text(f, c->xlabel);
	fprintf(f, "</text>\n<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">",
		(TOP + H - BOTTOM) / 2);
	xml_text(f, c->ylabel);
	fprintf(f, "</text>\n");
}

/* Marker i (circle, square, triangle, diamond, ...) centred at (x, y). */
static void marker(FILE *f, size_t i, double x, double y, const char *color)
{
	switch (i % 4) {
	case 0: fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", x, y, color); break;
	case 1: fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"%s\"/>\n", x - 3.5, y - 3.5, color); break;
	case 2:
		fprintf(f, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>\n", x, y - 4.5, x + 4.5, y + 3.5, x - 4.5,
			y + 3.5, color);
		break;
	default:
		fprintf(f, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"white\" stroke=\"%s\" "
			   "stroke-width=\"1.5\"/>\n",
			x, y - 4.5, x + 4.5, y, x, y + 4.5, x - 4.5, y, color);
	}
}

static void legend(FILE *f, size_t i, const char *label, bool box)
{
	int y = TOP + 10 + 22 * (int)i;
	const char *color = chart_color(i);
	if (box) {
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"10\" fill=\"%s\"/>\n", W - RIGHT + 12, y - 5, color);
	} else {
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" "
			   "stroke-dasharray=\"%s\"/>\n",
			W - RIGHT + 8, W - RIGHT + 38, y, y, color, dash(i));
		marker(f, i, W - RIGHT + 23, y, color);
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\">", W - RIGHT + 44, y + 4);
	xml_text(f, label);
	fprintf(f, "</text>\n");
}

/* The x extent of the data (clipped to it), and the y extent from 0. */
static struct frame line_frame(const struct chart *c, const struct chart_series *s, size_t n)
{
	struct frame fr = {.xmin = c->xlog ? INFINITY : 0, .xlog = c->xlog};
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < s[i].n; k++) {
			if (!isfinite(s[i].y[k]))
				continue;
			fr.xmax = s[i].x[k] > fr.xmax ? s[i].x[k] : fr.xmax;
			fr.xmin = c->xlog && s[i].x[k] < fr.xmin ? s[i].x[k] : fr.xmin;
			fr.ymax = s[i].y[k] > fr.ymax ? s[i].y[k] : fr.ymax;
		}
	if (c->xlog) {
		fr.xmin = pow(10, floor(log10(fr.xmin < 1 || !isfinite(fr.xmin) ? 1 : fr.xmin)));
		fr.xmax = pow(10, ceil(log10(fr.xmax > fr.xmin ? fr.xmax : fr.xmin * 10)));
	}
	if (c->xmax)
		fr.xmax = c->xmax;
	if (!(fr.xmax > fr.xmin))
		fr.xmax = fr.xmin + 1;
	fr.ymax = c->ymax ? c->ymax : nice(fr.ymax);
	return fr;
}

void svg_line_chart(FILE *f, const struct chart *c, const struct chart_series *s, size_t n)
{
	struct frame fr = line_frame(c, s, n);
	open_chart(f, c, &fr, true);
	if (c->xmark > fr.xmin && c->xmark <= fr.xmax) {
		double x = px(&fr, c->xmark);
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"3 3\"/>\n", x,
			x, TOP, H - BOTTOM);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#555\">", x + 4, TOP + 12);
		xml_text(f, c->xmark_label ? c->xmark_label : "");
		fprintf(f, "</text>\n");
	}
	for (size_t i = 0; i < n; i++) {
		const char *color = chart_color(i);
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\" points=\"", color,
			dash(i));
		for (size_t k = 0; k < s[i].n; k++)
			if (isfinite(s[i].y[k]))
				fprintf(f, "%.1f,%.1f ", px(&fr, s[i].x[k]), py(&fr, s[i].y[k]));
		fprintf(f, "\"/>\n");
		/* Markers every few points, each series offset so that overlapping lines stay told apart. */
		size_t every = s[i].n / MARKERS + 1;
		for (size_t k = (i * every) / (n ? n : 1); k < s[i].n; k += every)
			if (isfinite(s[i].y[k]))
				marker(f, i, px(&fr, s[i].x[k]), py(&fr, s[i].y[k]), color);
		legend(f, i, s[i].label, false);
	}
	fprintf(f, "</svg>\n");
}

/* From 0 to the highest whisker; zoomed, from a round number below the lowest whisker, so
 * that differences of a point or two show. */
static struct frame bar_frame(const struct chart *c, const double *values, const double *errors, size_t n)
{
	double lo = INFINITY, hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(values[i]))
			continue;
		double e = errors && isfinite(errors[i]) ? errors[i] : 0;
		lo = values[i] - e < lo ? values[i] - e : lo;
		hi = values[i] + e > hi ? values[i] + e : hi;
	}
	struct frame fr = {.xmax = 1, .ymax = c->ymax ? c->ymax : nice(hi)};
	if (!c->zoom || !isfinite(lo))
		return fr;
	double range = hi - lo > 1 ? hi - lo : 1, step = nice(range / 4);
	fr.ymin = floor((lo - 0.5 * range) / step) * step;
	fr.ymin = fr.ymin > 0 ? fr.ymin : 0;
	fr.ymax = ceil((hi + 0.25 * range) / step) * step;
	if (c->ymax && fr.ymax > c->ymax)
		fr.ymax = c->ymax;
	return fr;
}

void svg_bar_chart(FILE *f, const struct chart *c, const char *const *series, size_t n_series,
		   const char *const *groups, size_t n_groups, const double *values, const double *errors)
{
	struct frame fr = bar_frame(c, values, errors, n_series * n_groups);
	open_chart(f, c, &fr, false);
	double group_w = (double)(W - LEFT - RIGHT) / (double)(n_groups ? n_groups : 1);
	double bar_w = group_w * 0.8 / (double)(n_series ? n_series : 1);
	for (size_t g = 0; g < n_groups; g++) {
		double x0 = LEFT + group_w * (double)g + group_w * 0.1;
		for (size_t s = 0; s < n_series; s++) {
			double v = values[g * n_series + s], e = errors ? errors[g * n_series + s] : NAN;
			if (!isfinite(v))
				continue;
			double x = x0 + bar_w * (double)s, mid = x + bar_w * 0.45, top = py(&fr, v);
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>", x, top,
				bar_w * 0.9, py(&fr, fr.ymin) - top, chart_color(s));
			xml_text(f, series[s]);
			fprintf(f, ": %.2f</title></rect>\n", v);
			if (isfinite(e)) {
				double y1 = py(&fr, v - e), y2 = py(&fr, v + e);
				fprintf(f, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"#222\"/>\n", mid,
					y1, y2, mid - 4, y1, mid + 4, mid - 4, y2, mid + 4);
				top = y2;
			}
			/* Narrow bars get their labels upright, so that neighbours do not overlap. */
			if (bar_w >= 26)
				fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%.1f</text>\n",
					mid, top - 4, v);
			else
				fprintf(f, "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-size=\"10\" "
					   "dominant-baseline=\"middle\">%.1f</text>\n",
					mid, top - 4, v);
		}
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x0 + group_w * 0.4, H - BOTTOM + 18);
		xml_text(f, groups[g]);
		fprintf(f, "</text>\n");
	}
	for (size_t s = 0; s < n_series; s++)
		legend(f, s, series[s], true);
	if (fr.ymin > 0)
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">(the y axis starts at %g)</text>\n",
			LEFT, H - 4, fr.ymin);
	fprintf(f, "</svg>\n");
}
