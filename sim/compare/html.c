/* html.c — report.html (self-contained, no network) and one SVG file per chart.
 *
 * Inflation: per trace, GPU allocation and fragmentation ratio against arrived workload
 * (mean curve per policy; the paper's main figure), and bars of allocation at 100% arrived
 * per trace and policy.  Replay: per trace, GPU allocation and queue length over time and
 * the waiting-time distribution (first seed of each policy), and with the matrix's priorities
 * the mean wait of each class per policy.  A short script lists the
 * charts it finds in a contents box.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/compare/results.h"
#include "sim/report/svg_chart.h"

/* Writes a chart into out as NAME.svg and appends it to the page. */
struct page {
	FILE *html;
	struct output_set *out;
	struct error *err;
	int failed;
};

static void emit(struct page *p, const char *file, void (*draw)(FILE *, const void *), const void *arg)
{
	if (p->failed)
		return;
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	FILE *svg = mem ? output_file(p->out, file, p->err) : NULL;
	if (!mem || !svg) {
		if (mem)
			fclose(mem);
		free(buf);
		p->failed = mem ? -1 : error_set(p->err, "out of memory drawing %s", file);
		return;
	}
	draw(mem, arg);
	fclose(mem);
	fwrite(buf, 1, size, svg);
	fprintf(p->html, "<figure>%s</figure>\n", buf);
	free(buf);
}

struct trace_view {
	const struct comparison *cmp;
	size_t trace, tune;
	int what; /* 0 allocation, 1 fragmentation ratio, 2 replay allocation, 3 queue, 4 waits, 5 classes */
};

static const struct run_row *first_run(const struct comparison *cmp, size_t trace, size_t tune, size_t policy)
{
	for (size_t i = 0; i < cmp->runs.n_rows; i++) {
		const struct run_row *r = &cmp->runs.rows[i];
		if (r->trace == trace && r->tune == tune && r->policy == policy && r->ok)
			return r;
	}
	return NULL;
}

static void draw_trace(FILE *f, const void *arg)
{
	const struct trace_view *v = arg;
	const struct matrix *m = &v->cmp->matrix;
	size_t np = m->n_policies, cap = 0;
	for (size_t i = 0; i < v->cmp->n_summaries; i++)
		cap = v->cmp->summaries[i].n_curve > cap ? v->cmp->summaries[i].n_curve : cap;
	cap = cap > TIMELINE_POINTS ? cap : TIMELINE_POINTS;
	double *buf = calloc(2 * np * cap + 1, sizeof *buf);
	struct chart_series *s = calloc(np + 1, sizeof *s);
	size_t n = 0;
	for (size_t p = 0; buf && s && p < np; p++) {
		double *x = buf + 2 * p * cap, *y = x + cap;
		size_t k = 0;
		const struct run_row *r = first_run(v->cmp, v->trace, v->tune, p);
		const struct summary *sm = summary_find(v->cmp->summaries, v->cmp->n_summaries, v->trace, v->tune, p);
		for (; v->what < 2 && sm && k < sm->n_curve; k++) {
			x[k] = sm->curve[k].pct;
			y[k] = v->what == 0 ? sm->curve[k].alloc : sm->curve[k].frag_ratio;
		}
		for (; v->what >= 2 && v->what < 4 && r && k < r->n_timeline; k++) {
			x[k] = r->timeline[k].hours;
			y[k] = v->what == 2 ? r->timeline[k].alloc : r->timeline[k].queued;
		}
		for (; v->what == 4 && r && k < WAIT_QUANTILES; k++) {
			x[k] = r->waits[k];
			y[k] = 100.0 * (double)k / (WAIT_QUANTILES - 1);
		}
		if (k)
			s[n++] = (struct chart_series){m->policies[p].name, x, y, k};
	}
	static const char *const titles[] = {"GPU allocation", "Fragmentation ratio", "GPU allocation over time",
					     "Pods waiting", "Waiting time (CDF)"};
	static const char *const ids[] = {"alloc", "frag", "util", "queue", "waits"};
	static const char *const xlabels[] = {"arrived workload (% of cluster GPU capacity)",
					      "arrived workload (% of cluster GPU capacity)", "simulated time (hours)",
					      "simulated time (hours)", "waiting time (s, log scale; under 1 s drawn at 1 s)"};
	static const char *const ylabels[] = {"GPU allocated (%)", "fragmented share of idle GPU (%)",
					      "GPU allocated (%)", "queued pods", "pods (%)"};
	char title[320], id[320];
	snprintf(title, sizeof title, "%s: %s", m->traces[v->trace].name, titles[v->what]);
	snprintf(id, sizeof id, "chart-%s-%s-%zu", ids[v->what], m->traces[v->trace].name, v->tune);
	struct chart c = {.id = id,
			  .title = title,
			  .xlabel = xlabels[v->what],
			  .ylabel = ylabels[v->what],
			  .ymax = v->what <= 1 ? 100 : 0,
			  .xlog = v->what == 4,
			  .xmark = v->what <= 1 ? 100 : 0,
			  .xmark_label = "100% arrived"};
	svg_line_chart(f, &c, s, n);
	free(buf);
	free(s);
}

/* Replay with listed priorities: per class, each policy's mean wait (mean ± SD over seeds). */
static void draw_class_waits(FILE *f, const void *arg)
{
	const struct trace_view *v = arg;
	const struct matrix *m = &v->cmp->matrix;
	size_t np = m->n_policies, nc = m->n_priorities;
	double *values = malloc(2 * nc * np * sizeof *values + 1);
	const char **series = calloc(np + 1, sizeof *series), **labels = calloc(nc + 1, sizeof *labels);
	char (*names)[32] = calloc(nc + 1, sizeof *names);
	if (values && series && labels && names) {
		double *errors = values + nc * np;
		for (size_t p = 0; p < np; p++) {
			series[p] = m->policies[p].name;
			const struct summary *sm = summary_find(v->cmp->summaries, v->cmp->n_summaries, v->trace, v->tune, p);
			for (size_t c = 0; c < nc; c++) {
				values[c * np + p] = sm ? sm->mean[N_METRICS + 2 * c] : NAN;
				errors[c * np + p] = sm ? sm->std[N_METRICS + 2 * c] : NAN;
			}
		}
		for (size_t c = 0; c < nc; c++) {
			snprintf(names[c], sizeof names[c], "priority %d", (int)m->priorities[c]);
			labels[c] = names[c];
		}
		char title[320], id[320];
		snprintf(title, sizeof title, "%s: mean wait by priority (mean ± sample SD over seeds)",
			 m->traces[v->trace].name);
		snprintf(id, sizeof id, "chart-classes-%s-%zu", m->traces[v->trace].name, v->tune);
		struct chart c = {.id = id, .title = title, .xlabel = "", .ylabel = "mean wait (s)"};
		svg_bar_chart(f, &c, series, np, labels, nc, values, errors);
	}
	free(values);
	free(series);
	free(labels);
	free(names);
}

static void draw_bars(FILE *f, const void *arg)
{
	const struct comparison *cmp = arg;
	const struct matrix *m = &cmp->matrix;
	size_t tunes = m->n_tunes ? m->n_tunes : 1, groups = m->n_traces * tunes;
	double *values = malloc(2 * groups * m->n_policies * sizeof *values + 1);
	const char **series = calloc(m->n_policies + 1, sizeof *series);
	const char **labels = calloc(groups + 1, sizeof *labels);
	char (*names)[160] = calloc(groups + 1, sizeof *names);
	if (values && series && labels && names) {
		double *errors = values + groups * m->n_policies;
		for (size_t i = 0; i < 2 * groups * m->n_policies; i++)
			values[i] = NAN;
		for (size_t p = 0; p < m->n_policies; p++)
			series[p] = m->policies[p].name;
		for (size_t g = 0; g < groups; g++) {
			if (m->n_tunes)
				snprintf(names[g], sizeof names[g], "%s ×%g", m->traces[g / tunes].name, m->tune_ratios[g % tunes]);
			else
				snprintf(names[g], sizeof names[g], "%s", m->traces[g].name);
			labels[g] = names[g];
		}
		for (size_t i = 0; i < cmp->n_summaries; i++) {
			const struct summary *s = &cmp->summaries[i];
			size_t k = (s->trace * tunes + s->tune) * m->n_policies + s->policy;
			values[k] = s->mean[M_ALLOC_AT_100];
			errors[k] = s->std[M_ALLOC_AT_100];
		}
		struct chart c = {.id = "chart-bars-alloc-at-100",
				  .title = "GPU allocation at 100% arrived (mean ± sample SD over seeds)",
				  .xlabel = "",
				  .ylabel = "GPU allocated (%)",
				  .ymax = 100,
				  .zoom = true};
		svg_bar_chart(f, &c, series, m->n_policies, labels, groups, values, errors);
	}
	free(values);
	free(series);
	free(labels);
	free(names);
}

static void cell(FILE *f, double mean, double std)
{
	if (isnan(mean))
		fprintf(f, "<td>–</td>");
	else if (isnan(std))
		fprintf(f, "<td>%.2f</td>", mean);
	else
		fprintf(f, "<td>%.2f ± %.2f</td>", mean, std);
}

static void tables(FILE *f, const struct comparison *cmp)
{
	const struct matrix *m = &cmp->matrix;
	if (cmp->n_gates) {
		fprintf(f, "<h2 id=\"gates\">Gates: %zu of %zu failed</h2>\n<table><tr><th>gate</th><th>trace</th>"
			   "<th>value</th><th>against</th><th>result</th></tr>\n",
			cmp->gates_failed, cmp->n_gates);
		for (size_t i = 0; i < cmp->n_gates; i++) {
			const struct gate_result *g = &cmp->gates[i];
			fprintf(f, "<tr class=\"%s\"><td>", g->passed ? "pass" : "fail");
			xml_text(f, g->gate->text);
			fprintf(f, "</td><td>");
			xml_text(f, m->traces[g->trace].name);
			fprintf(f, "</td>");
			cell(f, g->lhs, NAN);
			cell(f, g->rhs, NAN);
			fprintf(f, "<td>%s</td></tr>\n", g->passed ? "pass" : g->why[0] ? g->why : "FAIL");
		}
		fprintf(f, "</table>\n");
	}
	static const int inflation[] = {M_ALLOC_AT_100, M_FRAG_RATIO_AT_100, M_GPU_ALLOC, M_FRAG_RATIO, M_FAILED};
	static const int replay[] = {M_MEAN_GPU_ALLOC, M_MEAN_WAIT, M_MAX_WAIT, M_PEAK_QUEUED, M_MAKESPAN, M_VICTIMS,
				     M_LOST_GPU_SECONDS};
	const int *shown = m->mode == MODE_REPLAY ? replay : inflation;
	const size_t n_shown = m->mode == MODE_REPLAY ? 7 : 5;
	fprintf(f, "<h2 id=\"summary\">Summary (mean ± sample standard deviation over %zu seeds)</h2>\n", m->n_seeds);
	if (m->n_seeds < 3)
		fprintf(f, "<p>With %zu seed%s the standard deviation says little; use 3 or more.</p>\n", m->n_seeds,
			m->n_seeds == 1 ? "" : "s");
	comparison_pivot_html(f, cmp);
	fprintf(f, "<table><tr><th>trace</th>"
		   "<th>tuning</th><th>policy</th><th>runs</th><th>failed runs</th>");
	for (size_t k = 0; k < n_shown; k++)
		fprintf(f, "<th>%s</th>", metric_names[shown[k]]);
	fprintf(f, "</tr>\n");
	for (size_t i = 0; i < cmp->n_summaries; i++) {
		const struct summary *s = &cmp->summaries[i];
		fprintf(f, "<tr><td>");
		xml_text(f, m->traces[s->trace].name);
		if (m->n_tunes)
			fprintf(f, "</td><td>%g</td><td>", m->tune_ratios[s->tune]);
		else
			fprintf(f, "</td><td>as configured</td><td>");
		xml_text(f, m->policies[s->policy].name);
		fprintf(f, "</td><td>%zu</td><td>%zu</td>", s->runs, s->failed);
		for (size_t k = 0; k < n_shown; k++)
			cell(f, s->mean[shown[k]], s->std[shown[k]]);
		fprintf(f, "</tr>\n");
	}
	fprintf(f, "</table>\n");
}

static const char style[] =
	"body{font-family:sans-serif;margin:2em;max-width:1600px}table{border-collapse:collapse;margin:1em 0}"
	"td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}"
	"tr.fail td{background:#fdd}tr.pass td:last-child{color:#080}figure{display:inline-block;margin:0.5em}"
	"nav{background:#f4f4f4;padding:0.5em 1em;border-radius:4px}caption{text-align:left;padding:4px 0;white-space:nowrap}"
	".provenance{color:#555;font-size:90%}";

static const char script[] =
	"<script>(function(){var charts=document.querySelectorAll('svg.chart');var nav=document.getElementById('toc');"
	"var list=document.createElement('ol');charts.forEach(function(c){var a=document.createElement('a');"
	"a.href='#'+c.id;a.textContent=c.querySelector('title').textContent;var li=document.createElement('li');"
	"li.appendChild(a);list.appendChild(li);});nav.appendChild(list);"
	"document.body.setAttribute('data-charts',String(charts.length));})();</script>\n";

/* "alloc-TRACE.svg" with characters a file name should not hold made '_'; when two traces'
 * names come out alike, the later one gets its index ("alloc-a_b-3.svg"). */
static void chart_file(char *file, size_t size, const struct output_set *out, const char *what, const char *trace,
		       const char *tune, size_t index)
{
	snprintf(file, size, "%s-%s%s.svg", what, trace, tune);
	for (char *c = file; *c; c++)
		if (!(isalnum((unsigned char)*c) || *c == '.' || *c == '-' || *c == '_'))
			*c = '_';
	if (output_has(out, file)) {
		char *dot = strrchr(file, '.');
		snprintf(dot, size - (size_t)(dot - file), "-%zu.svg", index);
	}
}

int comparison_write_html(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	const struct comparison *cmp = data;
	const struct matrix *m = &cmp->matrix;
	fprintf(f, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>simon compare: ");
	xml_text(f, m->path);
	fprintf(f, "</title><style>%s</style></head>\n<body>\n<h1>simon compare: ", style);
	xml_text(f, m->path);
	fprintf(f, "</h1>\n<p>%s mode; %zu traces × %zu policies × %zu seeds%s = %zu runs shown.</p>\n",
		m->mode == MODE_REPLAY ? "Replay" : "Inflation", m->n_traces, m->n_policies, m->n_seeds,
		m->n_tunes ? " × tuning ratios" : "", cmp->runs.n_rows);
	provenance_html(f, &cmp->provenance);
	fprintf(f, "<nav id=\"toc\"><strong>Charts</strong></nav>\n");
	tables(f, cmp);
	struct page p = {f, out, err, 0};
	size_t tunes = m->n_tunes ? m->n_tunes : 1;
	if (m->mode == MODE_INFLATION)
		emit(&p, "alloc-at-100.svg", draw_bars, cmp);
	for (size_t t = 0; t < m->n_traces; t++)
		for (size_t u = 0; u < tunes; u++) {
			fprintf(f, "<h2>");
			xml_text(f, m->traces[t].name);
			fprintf(f, "</h2>\n");
			static const char *const files[] = {"alloc", "frag", "util", "queue", "waits"};
			for (int what = m->mode == MODE_INFLATION ? 0 : 2; what < (m->mode == MODE_INFLATION ? 2 : 5); what++) {
				char file[512], tune[32] = "";
				if (tunes > 1)
					snprintf(tune, sizeof tune, "-%zu", u);
				chart_file(file, sizeof file, p.out, files[what], m->traces[t].name, tune, t);
				struct trace_view v = {cmp, t, u, what};
				emit(&p, file, draw_trace, &v);
			}
			if (m->mode == MODE_REPLAY && m->n_priorities) {
				char file[512], tune[32] = "";
				if (tunes > 1)
					snprintf(tune, sizeof tune, "-%zu", u);
				chart_file(file, sizeof file, p.out, "classes", m->traces[t].name, tune, t);
				struct trace_view v = {cmp, t, u, 5};
				emit(&p, file, draw_class_waits, &v);
			}
		}
	fprintf(f, "%s</body></html>\n", script);
	return p.failed ? -1 : 0;
}
