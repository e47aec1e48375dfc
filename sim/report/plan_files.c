#include "sim/report/plan_files.h"

#include <math.h>
#include <stdlib.h>

#include "sim/report/svg_chart.h"
#include "sim/util/csv.h"

static int write_csv(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out, (void)err;
	const struct plan_report *r = data;
	fprintf(f, "template,count,metric,meets,answer,cost_per_node,cost\n");
	for (size_t t = 0; t < r->n; t++) {
		const struct plan_result *res = &r->results[t];
		for (size_t i = 0; i < res->n; i++) {
			const struct plan_point *p = &res->points[i];
			csv_text(f, r->templates[t].name, false);
			fprintf(f, ",%d,%.6f,%s,%s,", p->count, p->metric, p->meets ? "true" : "false",
				p->count == res->answer ? "true" : "false");
			double cost = r->templates[t].cost;
			if (!isnan(cost))
				fprintf(f, "%.6f,%.6f", cost, cost * p->count);
			else
				fputc(',', f);
			fputc('\n', f);
		}
	}
	return 0;
}

static int write_svg(FILE *f, struct output_set *out, const void *data, struct error *err)
{
	(void)out;
	const struct plan_report *r = data;
	size_t total = 0;
	for (size_t t = 0; t < r->n; t++)
		total += r->results[t].n;
	double *buf = malloc(2 * (total ? total : 1) * sizeof *buf);
	struct chart_series *s = calloc(r->n + 1, sizeof *s);
	if (!buf || !s) {
		free(buf);
		free(s);
		return error_set(err, "out of memory drawing plan.svg");
	}
	size_t at = 0;
	for (size_t t = 0; t < r->n; t++) {
		const struct plan_result *res = &r->results[t];
		double *x = buf + at, *y = buf + total + at;
		for (size_t i = 0; i < res->n; i++) {
			x[i] = res->points[i].count;
			y[i] = isfinite(res->points[i].metric) ? res->points[i].metric : NAN;
		}
		s[t] = (struct chart_series){r->templates[t].name, x, y, res->n};
		at += res->n;
	}
	char title[256];
	snprintf(title, sizeof title, "Nodes to add for %s", r->target_text);
	struct chart c = {.id = "plan", .title = title, .xlabel = "nodes added", .ylabel = plan_metric_name(r->target->goal)};
	svg_line_chart(f, &c, s, r->n);
	free(buf);
	free(s);
	return 0;
}

const struct output_file plan_files[] = {
	{"plan.csv", "per template, each count of nodes run: the target's metric, whether it was met, the cost", NULL,
	 write_csv},
	{"plan.svg", "the metric against the nodes added, one line per template", NULL, write_svg},
};
const size_t n_plan_files = sizeof plan_files / sizeof plan_files[0];

void plan_print(FILE *f, const struct plan_report *r)
{
	fprintf(f, "simon plan — target %s\n", r->target_text);
	for (size_t t = 0; t < r->n; t++) {
		const struct plan_template *tpl = &r->templates[t];
		const struct plan_result *res = &r->results[t];
		fprintf(f, "  %s (%s)\n", tpl->name, tpl->path);
		for (size_t i = 0; i < res->n; i++)
			fprintf(f, "    %4d added: %s %.2f%s\n", res->points[i].count, plan_metric_name(r->target->goal),
				res->points[i].metric, res->points[i].meets ? "  (meets the target)" : "");
		if (res->answer < 0)
			fprintf(f, "  → not met with up to %d nodes added", res->n ? res->points[res->n - 1].count : 0);
		else
			fprintf(f, "  → %d node%s to add", res->answer, res->answer == 1 ? "" : "s");
		if (res->answer >= 0 && !isnan(tpl->cost))
			fprintf(f, ", cost %.2f", tpl->cost * res->answer);
		fprintf(f, " (%zu runs, %.2f s)\n", res->n, res->seconds);
	}
}
