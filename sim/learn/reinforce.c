#include "sim/learn/reinforce.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/learn/adam.h"
#include "sim/model/pair_features.h"

#define FRAG_STEPS 32

struct episode {
	struct mlp *m;
	const struct reinforce_options *o;
	struct adam adam;
	float *x, *acts, *scores, *grad, *trace_grad;
	uint32_t *gpus;
	float delta[2 * MLP_MAX_WIDTH];
	size_t cap;           /* candidates the scratch holds */
	size_t steps;         /* draws since the last frag step */
	double baseline;      /* alloc: mean reward of the episodes so far */
	double gain;          /* frag: Σ over this episode's draws of the expected reward's gain */
	size_t draws;
};

static void episode_release(struct episode *e)
{
	adam_release(&e->adam);
	free(e->x);
	free(e->acts);
	free(e->scores);
	free(e->grad);
	free(e->trace_grad);
	free(e->gpus);
}

static int episode_init(struct episode *e, struct mlp *m, const struct reinforce_options *o, size_t nodes)
{
	memset(e, 0, sizeof *e);
	e->m = m;
	e->o = o;
	e->cap = nodes;
	e->x = malloc(nodes * PAIR_FEATURES * sizeof *e->x);
	e->acts = malloc(nodes * m->n_acts * sizeof *e->acts);
	e->scores = malloc(nodes * sizeof *e->scores);
	e->gpus = malloc(nodes * sizeof *e->gpus);
	e->grad = calloc(m->n_params, sizeof *e->grad);
	e->trace_grad = calloc(m->n_params, sizeof *e->trace_grad);
	if (adam_init(&e->adam, m->n_params, o->lr) || !e->x || !e->acts || !e->scores || !e->gpus || !e->grad ||
	    !e->trace_grad) {
		episode_release(e);
		return -1;
	}
	return 0;
}

/* Scores the n candidates into softmax probabilities (in e->scores); the drawn index. */
static size_t draw(struct episode *e, size_t n, struct pcg32 *rng)
{
	float top = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		e->scores[i] = mlp_forward(e->m, e->x + i * PAIR_FEATURES, e->acts + i * e->m->n_acts);
		top = e->scores[i] > top ? e->scores[i] : top;
	}
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += e->scores[i] = expf(e->scores[i] - top);
	for (size_t i = 0; i < n; i++)
		e->scores[i] = (float)(e->scores[i] / sum);
	double u = pcg32_unit(rng);
	for (size_t i = 0; i + 1 < n; i++)
		if ((u -= e->scores[i]) < 0)
			return i;
	return n - 1;
}

/* Adds weight × ∇ log π(chosen) to grad: d/ds_i = 1[i = chosen] − π_i. */
static void add_log_prob_grad(struct episode *e, size_t n, size_t chosen, float weight, float *grad)
{
	for (size_t i = 0; i < n; i++) {
		float g = weight * ((i == chosen) - e->scores[i]);
		if (g != 0)
			mlp_backward(e->m, e->x + i * PAIR_FEATURES, e->acts + i * e->m->n_acts, g, grad, e->delta);
	}
}

/* The frag reward's step: ascend A ∇ log π, as descending its negative. */
static void frag_update(struct episode *e, size_t n, size_t chosen)
{
	double expected = 0, uniform = 0;
	for (size_t i = 0; i < n; i++) {
		expected += e->scores[i] * -e->x[i * PAIR_FEATURES + PAIR_FRAG_DELTA];
		uniform += -e->x[i * PAIR_FEATURES + PAIR_FRAG_DELTA] / (double)n;
	}
	double advantage = -e->x[chosen * PAIR_FEATURES + PAIR_FRAG_DELTA] - expected;
	e->gain += expected - uniform;
	e->draws++;
	add_log_prob_grad(e, n, chosen, (float)(-advantage / FRAG_STEPS), e->grad);
	if (++e->steps < FRAG_STEPS)
		return;
	adam_step(&e->adam, e->m->params, e->grad);
	memset(e->grad, 0, e->m->n_params * sizeof *e->grad);
	e->steps = 0;
}

/* One episode on r; *alloc is the GPU allocation (%) at its end. */
static int run(struct episode *e, struct sim_run *r, uint64_t seed, double *alloc, struct error *err)
{
	struct pcg32 rng;
	pcg32_seed(&rng, seed, RNG_POLICY);
	int64_t placed = 0;
	for (size_t k = 0; k < r->arrivals.n; k++) {
		const struct pod_spec *p = &r->arrivals.pods[k];
		size_t nodes, n = scheduler_filter(&r->scheduler, &r->cluster, p, &nodes);
		if (n == 0)
			continue;
		for (size_t i = 0; i < n; i++)
			pair_features(&r->cluster, r->scheduler.typical, r->scheduler.feasible[i], p,
				      e->x + i * PAIR_FEATURES, &e->gpus[i]);
		size_t chosen = draw(e, n, &rng);
		if (e->o->reward == REWARD_FRAG)
			frag_update(e, n, chosen);
		else
			add_log_prob_grad(e, n, chosen, 1, e->trace_grad);
		if (cluster_bind(&r->cluster, r->scheduler.feasible[chosen], p, e->gpus[chosen]))
			return error_set(err, "out of memory");
		placed += pod_gpu_total(p);
	}
	*alloc = r->cluster.total_gpu_milli ? 100.0 * (double)placed / (double)r->cluster.total_gpu_milli : 0;
	return 0;
}

/* The alloc reward's step, at an episode's end. */
static void alloc_update(struct episode *e, double reward, int episode)
{
	if (episode > 0) {
		float scale = (float)-(reward - e->baseline);
		for (size_t i = 0; i < e->m->n_params; i++)
			e->grad[i] = scale * e->trace_grad[i];
		adam_step(&e->adam, e->m->params, e->grad);
	}
	e->baseline += (reward - e->baseline) / (episode + 1);
	memset(e->trace_grad, 0, e->m->n_params * sizeof *e->trace_grad);
}

static int one_episode(struct episode *e, const struct trace *t, const char *name,
		       const struct scheduler_profile *filter, int k, struct error *err)
{
	uint64_t seed = e->o->seed + (uint64_t)k;
	struct run_options ro = {.profile = filter, .mode = MODE_INFLATION, .has_seed = true, .seed = seed};
	struct sim_run r;
	double alloc = 0;
	int rc = sim_run_prepare(&r, t, &ro, err);
	if (!rc && r.cluster.n > e->cap)
		rc = error_set(err, "internal: %zu nodes, scratch for %zu", r.cluster.n, e->cap);
	if (!rc)
		rc = run(e, &r, seed, &alloc, err);
	sim_run_release(&r);
	if (rc)
		return -1;
	if (e->o->reward == REWARD_ALLOC)
		alloc_update(e, alloc, k);
	if (e->o->objective)
		e->o->objective[k] = e->o->reward == REWARD_ALLOC ? alloc : e->draws ? e->gain / (double)e->draws : 0;
	e->gain = 0;
	e->draws = 0;
	if (e->o->progress)
		fprintf(e->o->progress, "episode %d/%d  %s  GPU allocation %.2f%%\n", k + 1, e->o->episodes, name, alloc);
	return 0;
}

int reinforce(struct mlp *m, const struct trace *traces, const char *const *names, size_t n_traces,
	      const struct reinforce_options *o, struct error *err)
{
	/* The candidates are the node classes a pod fits, which any class-scoring profile lists
	 * alike: BestFitScore's filters them, and its scores are never asked for. */
	struct scheduler_profile filter;
	if (scheduler_profile_build(&filter, NULL, "BestFitScore", err))
		return -1;
	size_t nodes = 1;
	for (size_t t = 0; t < n_traces; t++)
		nodes = traces[t].workload.n_nodes > nodes ? traces[t].workload.n_nodes : nodes;
	struct episode e;
	if (episode_init(&e, m, o, nodes + MAX_SCORE_PLUGINS))
		return error_set(err, "out of memory for fine-tuning");
	int rc = 0;
	for (int k = 0; k < o->episodes && !rc; k++)
		rc = one_episode(&e, &traces[(size_t)k % n_traces], names[(size_t)k % n_traces], &filter, k, err);
	episode_release(&e);
	return rc;
}
