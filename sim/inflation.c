/* inflation.c — inflation mode (engine.h): the arrivals one by one, or a batch placer's windows,
 * never leaving; the curve sampled after every pod.  O(pods) cycles. */
#include <stdbool.h>
#include <stdlib.h>

#include "sim/run.h"
#include "sim/trial.h"

/* Counts pod i's outcome and samples the curve after it. */
static int arrived(struct run *run, struct curve_builder *curve, size_t i, bool placed)
{
	struct run_result *r = run->r;
	r->arrived_gpu_milli += pod_gpu_total(&run->a->pods[i]);
	if (placed)
		r->scheduled++;
	else
		r->failed++;
	struct metric_sample m = metrics_sample(run->m, run->c);
	return curve_add(curve, arrived_pct(r->arrived_gpu_milli, run->c->total_gpus), &m);
}

/* A batch placer decides the arrivals a window at a time; each window is bound, and the curve
 * sampled, pod by pod in arrival order. */
static int place_windows(struct run *run, struct curve_builder *curve, size_t start)
{
	size_t n = run->a->n;
	const struct pod_spec **pods = malloc((n ? n : 1) * sizeof *pods);
	struct placement *out = malloc((n ? n : 1) * sizeof *out);
	int rc = pods && out ? 0 : error_set(run->err, "out of memory for %zu arrivals", n);
	for (size_t k = 0; !rc && k < n; k++)
		pods[k] = &run->a->pods[k];
	for (size_t first = start, decided = 0; !rc && first < n; first += decided) {
		rc = batch_place(run->s, run->c, run->m->frag_total, pods + first, n - first, &run->rng,
					   out + first, &decided, run->err);
		for (size_t k = first; !rc && k < first + decided; k++) {
			bool placed = out[k].node >= 0;
			rc = placed && bind_pod(run, k, out[k]) ? -1 : arrived(run, curve, k, placed);
		}
	}
	free(pods);
	free(out);
	return rc;
}

/* The arrivals from start one by one, each scheduled on its own (or bound to its node). */
static int place_each(struct run *run, struct curve_builder *curve, size_t start, size_t end)
{
	int rc = 0;
	for (size_t i = start; i < end && !rc; i++) {
		enum schedule_result result;
		rc = try_place(run, i, &result) ? -1 : arrived(run, curve, i, result == SCHEDULED);
	}
	return rc;
}

int run_inflation(struct run *run)
{
	struct run_result *r = run->r;
	const struct cluster *c = run->c;
	struct curve_builder curve;
	curve_builder_init(&curve);
	struct metric_sample m = metrics_sample(run->m, c);
	int rc = curve_add(&curve, 0, &m);
	/* The pods bound to their nodes, first in the arrivals, go there before any is scheduled. */
	size_t bound = run->a->bound;
	if (!rc)
		rc = place_each(run, &curve, 0, bound);
	if (!rc)
		rc = run->s->profile->batch ? place_windows(run, &curve, bound) : place_each(run, &curve, bound, run->a->n);
	if (!rc)
		rc = curve_finish(&curve, &r->curve, &r->n_curve);
	curve_builder_release(&curve);
	return rc;
}
