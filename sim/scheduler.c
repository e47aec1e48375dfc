#include "sim/scheduler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int choose_gpu_sel(struct scheduler *s, const char *method, struct error *err)
{
	static const struct {
		const char *name;
		enum gpu_sel sel;
	} builtin[] = {{"best", GPU_SEL_BEST}, {"worst", GPU_SEL_WORST}, {"random", GPU_SEL_RANDOM}};
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		if (strcmp(method, builtin[i].name) == 0) {
			s->gpu_sel = builtin[i].sel;
			return 0;
		}
	for (int i = 0; i < s->n_plugins; i++)
		if (strcmp(method, s->plugins[i].ops->name) == 0) {
			s->gpu_sel = GPU_SEL_PLUGIN;
			s->gpu_sel_plugin = i;
			return 0;
		}
	return error_set(err, "gpuSelMethod '%s': expected best, worst, random or an enabled score plugin", method);
}

static void describe(struct scheduler *s)
{
	size_t len = 0;
	for (int i = 0; i < s->n_plugins && len < sizeof s->name; i++) {
		const struct scheduler_plugin *p = &s->plugins[i];
		int n = s->n_plugins == 1 ? snprintf(s->name + len, sizeof s->name - len, "%s", p->ops->name)
					  : snprintf(s->name + len, sizeof s->name - len, "%s%s*%lld", i ? "+" : "",
						     p->ops->name, (long long)p->weight);
		len += n > 0 ? (size_t)n : 0;
	}
}

int scheduler_init(struct scheduler *s, const struct sched_config *cfg, const struct cluster *c,
		   const struct typical_pods *typical, struct error *err)
{
	memset(s, 0, sizeof *s);
	size_t n = c->n ? c->n : 1;
	s->feasible = calloc(n, sizeof *s->feasible);
	s->scores = calloc(n, sizeof *s->scores);
	s->total = calloc(n, sizeof *s->total);
	s->proposed = calloc(n, sizeof *s->proposed);
	if (!s->feasible || !s->scores || !s->total || !s->proposed) {
		scheduler_release(s);
		return error_set(err, "out of memory for the scheduler");
	}
	for (int i = 0; i < cfg->n_score; i++) {
		struct scheduler_plugin *p = &s->plugins[s->n_plugins];
		p->ops = policy_find(cfg->score[i].name);
		p->weight = cfg->score[i].weight;
		if (!p->ops) {
			scheduler_release(s);
			return error_set(err, "unknown score plugin '%s'", cfg->score[i].name);
		}
		struct policy_env env = {c, typical, sched_config_args(cfg, p->ops->name)};
		if (p->ops->init && p->ops->init(&p->self, &env, err)) {
			scheduler_release(s);
			return -1;
		}
		s->n_plugins++;
	}
	describe(s);
	if (choose_gpu_sel(s, sched_config_gpu_sel(cfg), err)) {
		scheduler_release(s);
		return -1;
	}
	return 0;
}

void scheduler_release(struct scheduler *s)
{
	for (int i = 0; i < s->n_plugins; i++)
		if (s->plugins[i].ops->free)
			s->plugins[i].ops->free(s->plugins[i].self);
	free(s->feasible);
	free(s->scores);
	free(s->total);
	free(s->proposed);
	memset(s, 0, sizeof *s);
}

/* Adds one plugin's weighted, normalised scores to s->total; -1 when it failed a node. */
static int run_plugin(struct scheduler *s, int k, const struct cluster *c, const struct pod_spec *p, size_t n,
		      struct pcg32 *rng)
{
	const struct scheduler_plugin *pl = &s->plugins[k];
	if (pl->ops->prescore)
		pl->ops->prescore(pl->self, c, p, s->feasible, n, rng);
	bool proposes = s->gpu_sel == GPU_SEL_PLUGIN && s->gpu_sel_plugin == k;
	for (size_t i = 0; i < n; i++) {
		uint32_t gpus = 0;
		s->scores[i] = pl->ops->score(pl->self, c, p, s->feasible[i], &gpus);
		if (s->scores[i] == SCORE_ERROR)
			return -1;
		if (proposes)
			s->proposed[i] = gpus;
	}
	if (pl->ops->normalize)
		pl->ops->normalize(pl->self, s->scores, n);
	for (size_t i = 0; i < n; i++)
		s->total[i] += s->scores[i] * pl->weight;
	return 0;
}

int scheduler_schedule(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, struct pcg32 *rng,
		       struct placement *out)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (cluster_fits(c, i, p))
			s->feasible[n++] = (uint32_t)i;
	if (n == 0)
		return 1;
	memset(s->total, 0, n * sizeof *s->total);
	memset(s->proposed, 0, n * sizeof *s->proposed);
	size_t best = 0;
	if (n == 1 && s->gpu_sel == GPU_SEL_PLUGIN) {
		const struct scheduler_plugin *pl = &s->plugins[s->gpu_sel_plugin];
		pl->ops->score(pl->self, c, p, s->feasible[0], &s->proposed[0]);
	}
	if (n > 1) {
		for (int k = 0; k < s->n_plugins; k++)
			if (run_plugin(s, k, c, p, n, rng))
				return 1;
		for (size_t i = 1; i < n; i++)
			if (s->total[i] > s->total[best] ||
			    (s->total[i] == s->total[best] && c->tie_rank[s->feasible[i]] < c->tie_rank[s->feasible[best]]))
				best = i;
	}
	out->node = (int32_t)s->feasible[best];
	out->gpus = s->proposed[best];
	if (!out->gpus)
		out->gpus = cluster_pick_gpus(c, s->feasible[best], p, s->gpu_sel, rng);
	return 0;
}

void scheduler_bound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	for (int i = 0; i < s->n_plugins; i++)
		if (s->plugins[i].ops->bound)
			s->plugins[i].ops->bound(s->plugins[i].self, c, p, node);
}

void scheduler_unbound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	for (int i = 0; i < s->n_plugins; i++)
		if (s->plugins[i].ops->unbound)
			s->plugins[i].ops->unbound(s->plugins[i].self, c, p, node);
}
