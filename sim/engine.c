#include "sim/engine.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/run.h"
#include "sim/util/vec.h"

/* Binds pod i where pl says. */
int bind_pod(struct run *run, size_t i, struct placement pl)
{
	const struct pod_spec *p = &run->a->pods[i];
	if (cluster_bind(run->c, (size_t)pl.node, p, pl.gpus))
		return -1;
	metrics_node_changed(run->m, run->c, (size_t)pl.node);
	scheduler_bound(run->s, run->c, p, (size_t)pl.node);
	run->r->outcomes[i].node = pl.node;
	run->r->outcomes[i].gpus = pl.gpus;
	return 0;
}

int leave_node(struct run *run, size_t i)
{
	const struct pod_outcome *o = &run->r->outcomes[i];
	const struct pod_spec *p = &run->a->pods[i];
	size_t node = (size_t)o->node;
	if (cluster_unbind(run->c, node, p, o->gpus))
		return -1;
	metrics_node_changed(run->m, run->c, node);
	scheduler_unbound(run->s, run->c, p, node);
	return 0;
}

int unbind_pod(struct run *run, size_t i)
{
	if (leave_node(run, i))
		return -1;
	run->r->outcomes[i].node = -1;
	run->r->outcomes[i].gpus = 0;
	return 0;
}

int try_place(struct run *run, size_t i, enum schedule_result *result)
{
	struct placement pl;
	const struct pod_spec *p = &run->a->pods[i];
	if (run->s->profile->batch) {
		size_t decided;
		if (scheduler_place_batch(run->s, run->c, run->m->frag_total, &p, 1, &run->rng, &pl, &decided, run->err))
			return -1;
		*result = pl.node >= 0 ? SCHEDULED : NO_NODE_FITS;
	} else {
		*result = scheduler_schedule(run->s, run->c, p, &run->rng, &pl);
	}
	return *result == SCHEDULED ? bind_pod(run, i, pl) : 0;
}

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
static int place_windows(struct run *run, struct curve_builder *curve)
{
	size_t n = run->a->n;
	const struct pod_spec **pods = malloc((n ? n : 1) * sizeof *pods);
	struct placement *out = malloc((n ? n : 1) * sizeof *out);
	int rc = pods && out ? 0 : error_set(run->err, "out of memory for %zu arrivals", n);
	for (size_t k = 0; !rc && k < n; k++)
		pods[k] = &run->a->pods[k];
	for (size_t first = 0, decided = 0; !rc && first < n; first += decided) {
		rc = scheduler_place_batch(run->s, run->c, run->m->frag_total, pods + first, n - first, &run->rng,
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

/* The arrivals one by one, each scheduled on its own. */
static int place_each(struct run *run, struct curve_builder *curve)
{
	int rc = 0;
	for (size_t i = 0; i < run->a->n && !rc; i++) {
		enum schedule_result result;
		rc = try_place(run, i, &result) ? -1 : arrived(run, curve, i, result == SCHEDULED);
	}
	return rc;
}

static int run_inflation(struct run *run)
{
	struct run_result *r = run->r;
	const struct cluster *c = run->c;
	struct curve_builder curve;
	curve_builder_init(&curve);
	struct metric_sample m = metrics_sample(run->m, c);
	int rc = curve_add(&curve, 0, &m);
	if (!rc)
		rc = run->s->profile->batch ? place_windows(run, &curve) : place_each(run, &curve);
	if (!rc)
		rc = curve_finish(&curve, &r->curve, &r->n_curve);
	curve_builder_release(&curve);
	return rc;
}

int engine_run(struct cluster *c, struct scheduler *s, struct metrics *m, const struct arrivals *a,
	       enum run_mode mode, uint64_t seed, struct run_result *r, struct error *err)
{
	memset(r, 0, sizeof *r);
	r->mode = mode;
	r->n_outcomes = a->n;
	/* Zeroed, padding too, so that two runs' outcomes compare byte for byte. */
	r->outcomes = calloc(a->n ? a->n : 1, sizeof *r->outcomes);
	if (!r->outcomes)
		return error_set(err, "out of memory for %zu pods", a->n);
	for (size_t i = 0; i < a->n; i++) {
		struct pod_outcome *o = &r->outcomes[i];
		o->node = -1;
		o->arrival = o->start = o->end = TIME_NONE;
	}
	struct error run_err = {{0}};
	struct run run = {c, s, m, a, r, {0, 0}, &run_err, seed};
	pcg32_seed(&run.rng, seed, RNG_POLICY);
	int rc = mode == MODE_INFLATION ? run_inflation(&run) : run_replay(&run);
	if (rc) {
		run_result_release(r);
		if (run_err.msg[0])
			*err = run_err;
		else
			error_set(err, "out of memory during the run");
		return -1;
	}
	r->final = metrics_sample(m, c);
	return 0;
}

void run_result_release(struct run_result *r)
{
	free(r->outcomes);
	free(r->curve);
	free(r->timeline);
	memset(r, 0, sizeof *r);
}
