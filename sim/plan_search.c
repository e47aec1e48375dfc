#include "sim/plan_search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/number.h"

#include "sim/util/clock.h"
#include "sim/util/order.h"

int plan_target_parse(struct plan_target *t, const char *text, struct error *err)
{
	double v;
	if (strcmp(text, "all") == 0) {
		*t = (struct plan_target){PLAN_ALL, 0};
		return 0;
	}
	if (strncmp(text, "alloc:", 6) == 0) {
		if (number_real(text + 6, 0, 100, &v) == NUMBER_OK && v > 0) {
			*t = (struct plan_target){PLAN_ALLOC, v};
			return 0;
		}
	}
	if (strncmp(text, "p95-wait:", 9) == 0) {
		if (number_real(text + 9, 0, MAX_TIME, &v) == NUMBER_OK) {
			*t = (struct plan_target){PLAN_P95_WAIT, v};
			return 0;
		}
	}
	return error_set(err, "--target '%s': expected all, alloc:PERCENT (above 0, at most 100) or p95-wait:SECONDS (0 to 10^12)", text);
}

const char *plan_metric_name(enum plan_goal goal)
{
	static const char *const names[] = {"pods that failed", "GPU allocation of the arrived workload (%)",
					    "p95 wait (s)"};
	return names[goal];
}

int plan_template_load(struct plan_template *t, const char *path, struct error *err)
{
	memset(t, 0, sizeof *t);
	t->cost = NAN;
	snprintf(t->path, sizeof t->path, "%s", path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	snprintf(t->name, sizeof t->name, "%.*s", dot && dot != base ? (int)(dot - base) : (int)strlen(base), base);
	workload_init(&t->w);
	if (workload_load_file(&t->w, path, err))
		return -1;
	if (t->w.n_nodes != 1 || t->w.n_pods)
		return error_at(err, path, 0, 0, "a node template: expected one Node document and nothing else, found %zu "
						 "Nodes and %zu Pods",
				t->w.n_nodes, t->w.n_pods);
	return 0;
}

void plan_template_release(struct plan_template *t)
{
	workload_release(&t->w);
}

/* Appends copy k of the template to w: its own name and hostname label, its model interned in
 * w's models, and no rack (the template's racks are not the cluster's). */
static int add_copy(struct workload *w, const struct plan_template *tpl, int k, struct error *err)
{
	const struct node_spec *src = &tpl->w.nodes[0];
	char name[256];
	snprintf(name, sizeof name, "%s-plan-%d", tpl->name, k);
	struct node_spec *n = workload_add_node(w);
	struct label *labels = arena_alloc(&w->strings, (src->n_labels + 1) * sizeof *labels);
	const char *kept = arena_strdup(&w->strings, name);
	if (!n || !labels || !kept)
		return error_set(err, "out of memory adding template nodes");
	*n = *src;
	n->name = kept;
	n->rack = -1;
	n->server = NULL;
	n->model = src->model >= 0 ? workload_model(w, tpl->w.models[src->model]) : -1;
	for (size_t i = 0; i < src->n_labels; i++)
		labels[i] = strcmp(src->labels[i].key, "kubernetes.io/hostname") ? src->labels[i]
										   : (struct label){src->labels[i].key, kept};
	n->labels = labels;
	int taints = node_renumber_taints(w, n, tpl->w.taint_texts);
	if (node_number_scalars(w, n) || taints == -1)
		return error_set(err, "out of memory adding template nodes");
	if (taints)
		return error_at(err, tpl->path, src->line, 0, "its taints are too many for the cluster (at most %d distinct)",
				MAX_TAINT_TEXTS);
	if (src->model >= 0 && n->model < 0)
		return error_at(err, tpl->path, src->line, 0, "its GPU model is one too many (at most %d)", MAX_GPU_MODELS);
	return 0;
}

/* The target's metric for a finished run. */
static double metric_of(const struct sim_run *run, enum plan_goal goal)
{
	const struct run_result *r = &run->result;
	if (goal == PLAN_ALL)
		return (double)r->failed;
	if (goal == PLAN_ALLOC) {
		int64_t placed = 0;
		for (size_t i = 0; i < r->n_outcomes; i++)
			placed += r->outcomes[i].node >= 0 ? pod_gpu_total(&run->arrivals.pods[i]) : 0;
		return r->arrived_gpu_milli ? 100.0 * (double)placed / (double)r->arrived_gpu_milli : 100;
	}
	double *waits = malloc((r->n_outcomes ? r->n_outcomes : 1) * sizeof *waits);
	if (!waits)
		return INFINITY;
	size_t n = 0;
	for (size_t i = 0; i < r->n_outcomes; i++) {
		const struct pod_outcome *o = &r->outcomes[i];
		if (o->arrival != TIME_NONE)
			waits[n++] = o->start != TIME_NONE ? (double)(o->start - o->arrival) : INFINITY;
	}
	sort_items(waits, n, sizeof *waits, order_double);
	double p95 = n ? waits[nearest_rank(n, 95)] : 0;
	free(waits);
	return p95;
}

static bool meets(const struct plan_target *t, double metric)
{
	return t->goal == PLAN_ALL ? metric == 0 : t->goal == PLAN_ALLOC ? metric >= t->value : metric <= t->value;
}

/* One run with k copies added; recorded in out (by count). */
static int evaluate(struct trace *t, const struct run_options *o, const struct plan_template *tpl,
		    const struct plan_target *target, int k, struct plan_result *out, struct error *err)
{
	struct workload *w = &t->workload;
	size_t nodes = w->n_nodes;
	int rc = 0;
	for (int c = 0; c < k && !rc; c++)
		rc = add_copy(w, tpl, c, err);
	struct sim_run run;
	memset(&run, 0, sizeof run);
	if (!rc && !(rc = sim_run_execute(&run, t, o, err))) {
		double m = metric_of(&run, target->goal);
		size_t at = out->n++;
		for (; at > 0 && out->points[at - 1].count > k; at--)
			out->points[at] = out->points[at - 1];
		out->points[at] = (struct plan_point){k, m, meets(target, m)};
	}
	sim_run_release(&run);
	w->n_nodes = nodes;
	return rc;
}

static const struct plan_point *point_at(const struct plan_result *r, int k)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->points[i].count == k)
			return &r->points[i];
	return NULL;
}

int plan_search(struct trace *t, const struct run_options *base, const struct plan_template *tpl,
		const struct plan_target *target, int max, struct plan_result *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	out->answer = -1;
	double start = clock_seconds();
	struct run_options o = *base;
	struct cluster c;
	if (cluster_init(&c, &t->workload, 0, 0, err))
		return -1;
	o.base_cpu_milli = c.total_cpu;
	o.base_gpu_milli = c.total_gpu_milli;
	cluster_release(&c);
	if (!(out->points = malloc(((size_t)max + 2) * 2 * sizeof *out->points)))
		return error_set(err, "out of memory planning");
	/* Up by doubling to the first count that meets the target, then bisect below it. */
	int missed = -1, met = -1;
	for (int k = 0; met < 0 && missed < max; k = k ? 2 * k : 1) {
		k = k > max ? max : k;
		if (evaluate(t, &o, tpl, target, k, out, err))
			return -1;
		if (point_at(out, k)->meets)
			met = k;
		else
			missed = k;
	}
	while (met >= 0 && met - missed > 1) {
		int mid = missed + (met - missed) / 2;
		if (evaluate(t, &o, tpl, target, mid, out, err))
			return -1;
		if (point_at(out, mid)->meets)
			met = mid;
		else
			missed = mid;
	}
	out->answer = met;
	out->seconds = clock_seconds() - start;
	return 0;
}

void plan_result_release(struct plan_result *r)
{
	free(r->points);
	memset(r, 0, sizeof *r);
}
