#include "sim/report/svg_chart.h"

#include <math.h>

#define W 760
#define H 420
#define LEFT 64
#define RIGHT 190
#define TOP 40
#define BOTTOM 56

const char *chart_color(size_t i)
{
	static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
					      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
	return palette[i % (sizeof palette / sizeof palette[0])];
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
	if (v <= 0)
		return 1;
	double scale = pow(10, floor(log10(v)));
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] * scale >= v * (1 - 1e-12))
			return steps[i] * scale;
	return 10 * scale;
}

static double px(const struct chart *c, double x)
{
	return LEFT + (c->xmax > 0 ? x / c->xmax : 0) * (W - LEFT - RIGHT);
}

static double py(const struct chart *c, double y)
{
	return H - BOTTOM - (c->ymax > 0 ? y / c->ymax : 0) * (H - TOP - BOTTOM);
}

static void open_chart(FILE *f, const struct chart *c, bool x_ticks)
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
	for (int i = 0; i <= 5; i++) {
		double y = c->ymax * i / 5, x = c->xmax * i / 5;
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, W - RIGHT, py(c, y),
			py(c, y));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.4g</text>\n", LEFT - 6, py(c, y) + 4, y);
		if (x_ticks)
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.4g</text>\n", px(c, x),
				H - BOTTOM + 18, x);
	}
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

static void legend(FILE *f, size_t index, const char *label, const char *color, bool dashed, bool box)
{
	int y = TOP + 10 + 22 * (int)index;
	if (box)
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"10\" fill=\"%s\"/>\n", W - RIGHT + 12, y - 5, color);
	else
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
			W - RIGHT + 12, W - RIGHT + 36, y, y, color, dashed ? " stroke-dasharray=\"6 4\"" : "");
	fprintf(f, "<text x=\"%d\" y=\"%d\">", W - RIGHT + 42, y + 4);
	xml_text(f, label);
	fprintf(f, "</text>\n");
}

void svg_line_chart(FILE *f, const struct chart *c, const struct chart_series *s, size_t n)
{
	struct chart scaled = *c;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < s[i].n; k++) {
			if (!c->xmax && s[i].x[k] > scaled.xmax)
				scaled.xmax = s[i].x[k];
			if (!c->ymax && s[i].y[k] > scaled.ymax)
				scaled.ymax = s[i].y[k];
		}
	if (!c->xmax)
		scaled.xmax = nice(scaled.xmax);
	if (!c->ymax)
		scaled.ymax = nice(scaled.ymax);
	open_chart(f, &scaled, true);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", s[i].color,
			s[i].dashed ? " stroke-dasharray=\"6 4\"" : "");
		for (size_t k = 0; k < s[i].n; k++)
			if (isfinite(s[i].y[k]))
				fprintf(f, "%.1f,%.1f ", px(&scaled, s[i].x[k]), py(&scaled, s[i].y[k]));
		fprintf(f, "\"/>\n");
		legend(f, i, s[i].label, s[i].color, s[i].dashed, false);
	}
	fprintf(f, "</svg>\n");
}

void svg_bar_chart(FILE *f, const struct chart *c, const char *const *series, size_t n_series,
		   const char *const *groups, size_t n_groups, const double *values)
{
	struct chart scaled = *c;
	scaled.xmax = 1;
	for (size_t i = 0; !c->ymax && i < n_series * n_groups; i++)
		if (isfinite(values[i]) && values[i] > scaled.ymax)
			scaled.ymax = values[i];
	if (!c->ymax)
		scaled.ymax = nice(scaled.ymax);
	open_chart(f, &scaled, false);
	double group_w = (double)(W - LEFT - RIGHT) / (double)(n_groups ? n_groups : 1);
	double bar_w = group_w * 0.8 / (double)(n_series ? n_series : 1);
	for (size_t g = 0; g < n_groups; g++) {
		double x0 = LEFT + group_w * (double)g + group_w * 0.1;
		for (size_t s = 0; s < n_series; s++) {
			double v = values[g * n_series + s];
			if (!isfinite(v))
				continue;
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>", x0 + bar_w * (double)s,
				py(&scaled, v), bar_w * 0.9, py(&scaled, 0) - py(&scaled, v), chart_color(s));
			xml_text(f, series[s]);
			fprintf(f, ": %.2f</title></rect>\n", v);
		}
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x0 + group_w * 0.4, H - BOTTOM + 18);
		xml_text(f, groups[g]);
		fprintf(f, "</text>\n");
	}
	for (size_t s = 0; s < n_series; s++)
		legend(f, s, series[s], chart_color(s), false, true);
	fprintf(f, "</svg>\n");
}
