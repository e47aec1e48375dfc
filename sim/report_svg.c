/* report_svg.c — the run as a picture: one self-contained SVG line chart.
 *
 * Inflation mode plots the paper's axes: GPU allocation and fragmentation against the
 * share of cluster GPU capacity that has arrived.  Replay mode plots allocation,
 * fragmentation and the waiting queue against simulated time.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "sim/report.h"

#define W 760
#define H 420
#define LEFT 64
#define RIGHT 170
#define TOP 40
#define BOTTOM 56

struct series {
	const char *label;
	const char *color;
	double *y;
	int dashed;
};

struct chart {
	FILE *out;
	const double *x;
	size_t n;
	double xmax, ymax;
};

static double px(const struct chart *c, double x)
{
	return LEFT + (c->xmax > 0 ? x / c->xmax : 0) * (W - LEFT - RIGHT);
}

static double py(const struct chart *c, double y)
{
	return H - BOTTOM - (c->ymax > 0 ? y / c->ymax : 0) * (H - TOP - BOTTOM);
}

static void axes(const struct chart *c, const char *title, const char *xlabel, const char *ylabel)
{
	FILE *f = c->out;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		   "font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", LEFT, title);
	for (int i = 0; i <= 5; i++) {
		double y = c->ymax * i / 5, x = c->xmax * i / 5;
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, W - RIGHT,
			py(c, y), py(c, y));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n", LEFT - 6, py(c, y) + 4, y);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.4g</text>\n", px(c, x), H - BOTTOM + 18, x);
	}
	fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, W - RIGHT, H - BOTTOM,
		H - BOTTOM);
	fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, LEFT, TOP, H - BOTTOM);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", (LEFT + W - RIGHT) / 2, H - 16, xlabel);
	fprintf(f, "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
		(TOP + H - BOTTOM) / 2, ylabel);
}

static void line(const struct chart *c, const struct series *s, int index)
{
	FILE *f = c->out;
	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", s->color,
		s->dashed ? " stroke-dasharray=\"6 4\"" : "");
	for (size_t i = 0; i < c->n; i++)
		fprintf(f, "%.1f,%.1f ", px(c, c->x[i]), py(c, s->y[i]));
	fprintf(f, "\"/>\n");
	int y = TOP + 10 + 22 * index;
	fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", W - RIGHT + 12,
		W - RIGHT + 36, y, y, s->color, s->dashed ? " stroke-dasharray=\"6 4\"" : "");
	fprintf(f, "<text x=\"%d\" y=\"%d\">%s</text>\n", W - RIGHT + 42, y + 4, s->label);
}

static void inflation_chart(FILE *out, const struct report *r, double *x, struct series *s)
{
	const struct run_result *res = r->result;
	struct chart c = {out, x, res->n_curve, 100, 100};
	for (size_t i = 0; i < res->n_curve; i++) {
		x[i] = res->curve[i].arrived_pct;
		s[0].y[i] = res->curve[i].m.gpu_alloc_pct;
		s[1].y[i] = res->curve[i].m.frag_ratio_pct;
		s[2].y[i] = res->curve[i].m.frag_gpu_pct;
		if (x[i] > c.xmax)
			c.xmax = x[i];
	}
	char title[320];
	snprintf(title, sizeof title, "%s (seed %" PRIu64 ")", r->policy, r->seed);
	axes(&c, title, "arrived workload (% of cluster GPU capacity)", "percent");
	line(&c, &s[0], 0);
	line(&c, &s[1], 1);
	line(&c, &s[2], 2);
}

static void replay_chart(FILE *out, const struct report *r, double *x, struct series *s)
{
	const struct run_result *res = r->result;
	struct chart c = {out, x, res->n_timeline, 1, 100};
	int32_t most = 1;
	for (size_t i = 0; i < res->n_timeline; i++)
		if (res->timeline[i].queued > most)
			most = res->timeline[i].queued;
	for (size_t i = 0; i < res->n_timeline; i++) {
		x[i] = (double)(res->timeline[i].time - res->timeline[0].time) / 3600.0;
		s[0].y[i] = res->timeline[i].m.gpu_alloc_pct;
		s[1].y[i] = res->timeline[i].m.frag_ratio_pct;
		s[2].y[i] = 100.0 * res->timeline[i].queued / most;
		if (x[i] > c.xmax)
			c.xmax = x[i];
	}
	char title[320], label[64];
	snprintf(title, sizeof title, "%s, replay (seed %" PRIu64 ")", r->policy, r->seed);
	snprintf(label, sizeof label, "queued (100 = %d pods)", most);
	s[2].label = label;
	axes(&c, title, "simulated time (hours)", "percent");
	line(&c, &s[0], 0);
	line(&c, &s[1], 1);
	line(&c, &s[2], 2);
}

void report_svg(FILE *out, const struct report *r)
{
	const struct run_result *res = r->result;
	size_t n = res->mode == MODE_INFLATION ? res->n_curve : res->n_timeline;
	double *buf = calloc(4 * (n ? n : 1), sizeof *buf);
	if (!buf)
		return;
	struct series s[3] = {{"GPU allocated", "#1f77b4", buf + n, 0},
			      {"fragmentation ratio", "#ff7f0e", buf + 2 * n, 0},
			      {"fragmented GPU", "#d62728", buf + 3 * n, 1}};
	if (res->mode == MODE_INFLATION) {
		inflation_chart(out, r, buf, s);
	} else {
		s[2].color = "#7f7f7f";
		replay_chart(out, r, buf, s);
	}
	fprintf(out, "</svg>\n");
	free(buf);
}
